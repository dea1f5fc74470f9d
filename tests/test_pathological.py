"""Pathological inputs finish: every input of ``benchmarks/pathological.py``.

Runs of markers that make a careless rule quadratic (50,000 unclosed ``^[``
took MyST alone minutes) must parse within a bound so generous that only
non-linear behaviour can break it. At full size they are ``long`` (CI runs
them); the README's test command parses each at a fiftieth of that size, where
only a crash or an empty result can fail. The time per kilobyte is the
benchmark's business, not the tests'.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
#: seconds: linear parsing of any input takes about one
BOUND = 30


def _pathological() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pathological", BENCHMARKS / "pathological.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pathological", module)
    spec.loader.exec_module(module)
    return module


PATHOLOGICAL = _pathological()
PARSE = PATHOLOGICAL.parser()


@pytest.fixture
def bounded() -> Iterator[None]:
    """Stop the test with a failure, not a hang, when parsing takes too long."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"parsing took more than {BOUND} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(BOUND)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", list(PATHOLOGICAL.INPUTS))
def test_pathological_input_parses(name: str) -> None:
    assert PARSE(PATHOLOGICAL.INPUTS[name](PATHOLOGICAL.FULL // 50))


@pytest.mark.long
@pytest.mark.parametrize("name", list(PATHOLOGICAL.INPUTS))
def test_pathological_input_finishes(name: str, bounded: None) -> None:
    text = PATHOLOGICAL.INPUTS[name](PATHOLOGICAL.FULL)
    started = time.process_time()
    tokens = PARSE(text)
    assert tokens  # something came out
    assert time.process_time() - started < BOUND


def test_unclosed_brackets_stay_text() -> None:
    tokens = PARSE("a ^[ b [[ c ![[ d [ e\n")
    inline = next(token for token in tokens if token.type == "inline")
    assert [child.type for child in inline.children or []] == ["text"]
    assert inline.children[0].content == "a ^[ b [[ c ![[ d [ e"  # type: ignore[index]


def test_brackets_closed_later_still_make_links() -> None:
    tokens = PARSE("^[note] and [[Target]] and [text](url) [[\n")
    inline = next(token for token in tokens if token.type == "inline")
    kinds = [child.type for child in inline.children or []]
    assert "obsidian_footnote" in kinds
    assert "wikilink" in kinds
    assert "link_open" in kinds
