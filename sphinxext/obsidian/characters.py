"""Text decoded from escapes, made writable by every builder.

JSON (a canvas) and the Bases expression language write characters outside
the Basic Multilingual Plane as two ``\\uXXXX`` escapes, a surrogate pair.
Decoding them one at a time leaves the halves apart, and a lone half cannot
be encoded: the text, LaTeX and man writers would stop on it. Both readers
pass their decoded strings through :func:`whole_characters`.
"""

from __future__ import annotations

__all__ = ["whole_characters"]


def whole_characters(text: str) -> str:
    """``text`` with surrogate pairs joined into one character and a lone half
    of a pair replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text
