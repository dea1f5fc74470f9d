"""Evaluating Obsidian Bases expressions over a vault's notes, when the site is built.

:mod:`.base_expressions` reads an expression into a tree; this module gives
it a meaning: the values (numbers, strings, dates, durations, lists, objects,
links, files), the operators, and the function library of Obsidian's help
page "Functions". A later module uses it to filter a base's notes
(:func:`matches`), compute its columns (:func:`column_value`,
:func:`evaluate`), sort them (:func:`sort_key`), summarise them
(:func:`summarise`) and show them (:func:`display`).

Nothing here reads files or knows of Sphinx: a note comes in as
:class:`NoteFacts`, and the vault as a :class:`Context`, which also carries
the caller's link resolution (Obsidian's rules live in :mod:`.resolution`)
and a fixed "now", so that a build is reproducible.

Two kinds of trouble are kept apart. What Obsidian itself tolerates (a
missing property, a method called on ``null``, a string that is not a date)
gives ``null``, as it does in Obsidian. What cannot be evaluated at all (a
function that does not exist, one that needs the app, a wrong number or type
of arguments, a formula that refers to itself) raises :class:`Unsupported`,
so that the caller can warn and leave that filter term or column out.

Every function is registered in one table per type; the evaluator dispatches
on those tables, and :data:`SUPPORTED` and :data:`UNSUPPORTED` (the lists
the documentation shows) are made from them, so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import posixpath
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, TypeAlias

from .base_expressions import (
    BasesSyntaxError,
    Call,
    Expr,
    Index,
    ListLiteral,
    Member,
    MethodCall,
    Name,
    ObjectLiteral,
    Operation,
    RegexLiteral,
    Unary,
    parse,
)
from .base_expressions import Literal as LiteralNode

__all__ = [
    "SUMMARIES",
    "SUPPORTED",
    "UNSUPPORTED",
    "Context",
    "Duration",
    "FileValue",
    "FormulaCycle",
    "Link",
    "NoteFacts",
    "NoteRef",
    "Regex",
    "SortKey",
    "Unsupported",
    "Value",
    "Widget",
    "column_value",
    "display",
    "evaluate",
    "evaluate_formula",
    "is_truthy",
    "matches",
    "sort_key",
    "summarise",
]


# -- errors ----------------------------------------------------------------------------


class Unsupported(Exception):  # noqa: N818 (the name the callers know)
    """Something that cannot be evaluated at build time: ``name`` and why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class FormulaCycle(Unsupported):
    """A formula that needs its own value, directly or through other formulas."""


class _NullArgumentError(Exception):
    """An argument was null: the function's result is null (as in Obsidian)."""


class _WrongArgumentError(Exception):
    """An argument of a type the function cannot take (reported as :class:`Unsupported`)."""


# -- the data --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class NoteFacts:
    """What the evaluator knows of one file of the vault.

    ``path`` is the vault path with its extension, ``/``-separated; ``tags``
    are written without ``#``; ``links``, ``embeds`` and ``backlinks`` are
    vault paths (already resolved); ``properties`` are as YAML loaded them.
    """

    path: str
    name: str
    basename: str
    folder: str
    ext: str
    size: int
    ctime: datetime
    mtime: datetime
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    embeds: tuple[str, ...] = ()
    backlinks: tuple[str, ...] = ()
    properties: Mapping[str, object] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_path(
        cls,
        path: str,
        *,
        ctime: datetime,
        mtime: datetime,
        size: int = 0,
        tags: Iterable[str] = (),
        links: Iterable[str] = (),
        embeds: Iterable[str] = (),
        backlinks: Iterable[str] = (),
        properties: Mapping[str, object] | None = None,
    ) -> NoteFacts:
        """The facts of the file at ``path``, its name, folder and extension taken from it."""
        folder, name = posixpath.split(path)
        basename, dot_ext = posixpath.splitext(name)
        return cls(
            path=path,
            name=name,
            basename=basename,
            folder=folder,
            ext=dot_ext[1:],
            size=size,
            ctime=ctime,
            mtime=mtime,
            tags=tuple(tags),
            links=tuple(links),
            embeds=tuple(embeds),
            backlinks=tuple(backlinks),
            properties=dict(properties or {}),
        )


MS_PER_SECOND = 1000
MS_PER_MINUTE = 60 * MS_PER_SECOND
MS_PER_HOUR = 60 * MS_PER_MINUTE
MS_PER_DAY = 24 * MS_PER_HOUR
MS_PER_WEEK = 7 * MS_PER_DAY
#: An average month (400 years of the Gregorian calendar), as Moment.js counts it.
MS_PER_MONTH = MS_PER_DAY * 146097 / 4800
MS_PER_YEAR = 12 * MS_PER_MONTH


@dataclasses.dataclass(frozen=True)
class Duration:
    """A span of time: calendar months (a year is 12) and exact milliseconds.

    ``"1M"`` adds a calendar month to a date, so months are kept apart from
    milliseconds; the difference of two dates is milliseconds alone, and
    also remembers how many calendar months lie between the dates, which is
    what its ``.months`` and ``.years`` give (so that
    ``(now() - birthday).years.floor()`` is an age).
    """

    months: float = 0
    milliseconds: float = 0
    #: For a difference of two dates: the calendar months between them, with a fraction.
    calendar_months: float | None = dataclasses.field(default=None, compare=False)

    @property
    def total_milliseconds(self) -> float:
        """The whole span in milliseconds, a month counted as an average month."""
        return self.months * MS_PER_MONTH + self.milliseconds

    @property
    def total_months(self) -> float:
        """The whole span in months: calendar months for a difference of dates."""
        if self.calendar_months is not None:
            return self.calendar_months
        return self.total_milliseconds / MS_PER_MONTH

    def scaled(self, factor: float) -> Duration:
        return Duration(self.months * factor, self.milliseconds * factor)


@dataclasses.dataclass(frozen=True)
class Link:
    """A link: its target as written, the vault path it resolves to, its display text.

    ``text`` is ``"Books"``, ``"Books#Heading"``, a path or a URL; ``path``
    is ``None`` when no file of the vault answers it.
    """

    text: str
    path: str | None = None
    display: str | None = None


@dataclasses.dataclass(frozen=True, eq=False)
class FileValue:
    """A file of the vault, as ``file`` (or ``link.asFile()``) gives it."""

    facts: NoteFacts


@dataclasses.dataclass(frozen=True, eq=False)
class NoteRef:
    """``this``: the note showing the view, with its properties (``this.status``) and ``.file``."""

    facts: NoteFacts


@dataclasses.dataclass(frozen=True)
class Widget:
    """What only a view can draw (``image()``, ``icon()``, ``html()``): the renderer shows it."""

    kind: Literal["image", "icon", "html"]
    value: str


@dataclasses.dataclass(frozen=True)
class Regex:
    """A regular expression literal, in JavaScript's syntax."""

    pattern: str
    flags: str = ""


Value: TypeAlias = (
    bool
    | int
    | float
    | str
    | date
    | datetime
    | Duration
    | Link
    | FileValue
    | NoteRef
    | Widget
    | Regex
    | list["Value"]
    | dict[str, "Value"]
    | None
)


def _no_resolution(_text: str) -> str | None:
    return None


#: How many formulas may wait on one another before evaluation gives up.
MAX_FORMULA_DEPTH = 16


@dataclasses.dataclass(frozen=True)
class Context:
    """The vault as an expression sees it, for one note (``file``) at a time.

    ``this`` is the note that shows the view (``None`` when there is none),
    ``formulas`` the base's formulas (parsed, or as text), ``resolve`` the
    caller's link resolution (``"Books#Intro"`` to ``"Books.md"``, or
    ``None``), ``notes_by_path`` every file by vault path, and ``now`` the
    moment ``now()`` and ``today()`` answer. Use :meth:`for_file` to move to
    the next note: the formulas' values are remembered per note (a context
    made with :func:`dataclasses.replace` starts remembering afresh).

    Datetimes with a time zone (``now``, ``ctime``, ``mtime``, properties)
    are taken in UTC and compared without one; naive ones are taken as they
    are, so pass local times naive if that is what the vault means.
    """

    now: datetime
    file: NoteFacts | None = None
    this: NoteFacts | None = None
    formulas: Mapping[str, Expr | str] = dataclasses.field(default_factory=dict)
    resolve: Callable[[str], str | None] = _no_resolution
    notes_by_path: Mapping[str, NoteFacts] = dataclasses.field(default_factory=dict)
    _memo: dict[tuple[str | None, str | None, str], Value] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def for_file(self, file: NoteFacts) -> Context:
        """The same vault, base and view, evaluating ``file``."""
        other = dataclasses.replace(self, file=file)
        object.__setattr__(other, "_memo", self._memo)
        return other


# -- conversions -----------------------------------------------------------------------


def _wikilink(text: str) -> tuple[str, str | None] | None:
    """``"[[Target|Display]]"`` as (target, display); ``None`` if the text is not one link."""
    text = text.strip()
    if text.startswith("!"):
        text = text[1:]
    if not (text.startswith("[[") and text.endswith("]]")):
        return None
    inner = text[2:-2]
    if "[[" in inner or "]]" in inner:
        return None
    target, bar, shown = inner.partition("|")
    return target.strip(), (shown.strip() if bar else None)


def _link_to(text: str, resolve: Callable[[str], str | None], display: str | None = None) -> Link:
    """A link from a target as written: a wikilink, a note name, a path or a URL."""
    found = _wikilink(text)
    if found is not None:
        text, shown = found
        display = display if display is not None else shown
    return Link(text, resolve(text) if text else None, display)


def _path_link(path: str, display: str | None = None) -> Link:
    return Link(path, path, display)


def _from_yaml(raw: object, resolve: Callable[[str], str | None]) -> Value:
    """A property value as YAML loaded it, as a value (``"[[x]]"`` becomes a link)."""
    if raw is None or isinstance(raw, bool | int | float):
        return raw
    if isinstance(raw, str):
        return _link_to(raw, resolve) if _wikilink(raw) is not None else raw
    if isinstance(raw, datetime):
        return _naive(raw)
    if isinstance(raw, date):
        return raw
    if isinstance(raw, list | tuple):
        return [_from_yaml(item, resolve) for item in raw]
    if isinstance(raw, Mapping):
        return {str(key): _from_yaml(item, resolve) for key, item in raw.items()}
    return str(raw)


def _naive(moment: datetime) -> datetime:
    """A datetime without a time zone: one with a zone is moved to UTC first."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _as_datetime(moment: date) -> datetime:
    if isinstance(moment, datetime):
        return _naive(moment)
    return datetime(moment.year, moment.month, moment.day)


def _parse_date(text: str) -> date | datetime | None:
    """``YYYY-MM-DD``, with a time (``HH:mm``, ``HH:mm:ss``, ``T``, a zone) or not."""
    text = text.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return _naive(datetime.fromisoformat(text))
    except ValueError:
        return None


_DURATION_TERM = re.compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)\s*")
#: Duration units: months for calendar units, milliseconds for the rest.
_UNITS: dict[str, tuple[str, float]] = {
    "y": ("months", 12),
    "year": ("months", 12),
    "years": ("months", 12),
    "M": ("months", 1),
    "month": ("months", 1),
    "months": ("months", 1),
    "w": ("ms", MS_PER_WEEK),
    "week": ("ms", MS_PER_WEEK),
    "weeks": ("ms", MS_PER_WEEK),
    "d": ("ms", MS_PER_DAY),
    "day": ("ms", MS_PER_DAY),
    "days": ("ms", MS_PER_DAY),
    "h": ("ms", MS_PER_HOUR),
    "hour": ("ms", MS_PER_HOUR),
    "hours": ("ms", MS_PER_HOUR),
    "m": ("ms", MS_PER_MINUTE),
    "minute": ("ms", MS_PER_MINUTE),
    "minutes": ("ms", MS_PER_MINUTE),
    "s": ("ms", MS_PER_SECOND),
    "second": ("ms", MS_PER_SECOND),
    "seconds": ("ms", MS_PER_SECOND),
}


def _parse_duration(text: str) -> Duration | None:
    """``"1d"``, ``"2 weeks"``, ``"1M 4h"``: ``None`` if the text is not a duration."""
    months = 0.0
    milliseconds = 0.0
    pos = 0
    while pos < len(text):
        found = _DURATION_TERM.match(text, pos)
        if found is None:
            return None
        amount, unit = float(found.group(1)), found.group(2)
        kind, size = _UNITS.get(unit) or _UNITS.get(unit.lower(), ("", 0.0))
        if (len(unit) == 1 and unit not in _UNITS) or not kind:
            return None
        if kind == "months":
            months += amount * size
        else:
            milliseconds += amount * size
        pos = found.end()
    return Duration(months, milliseconds) if pos else None


def is_truthy(value: Value) -> bool:
    """Whether a value counts as true (in a filter, ``if()``, ``!`` and ``&&``)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str | list | dict):
        return len(value) > 0
    if isinstance(value, Duration):
        return value.total_milliseconds != 0
    return True


def _number_text(number: float) -> str:
    """A number as JavaScript writes it: no ``.0``, ``NaN``, ``Infinity``, ``1e-7``."""
    if isinstance(number, int):
        return str(number)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    if "e" in text:
        mantissa, exponent = text.split("e")
        power = int(exponent)
        text = f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"
    return text


def display(value: Value) -> str:
    """A value as a table cell's text (and as ``toString()`` and ``+`` make it).

    Dates are ``YYYY-MM-DD``, datetimes ``YYYY-MM-DD HH:mm``, lists are
    joined with ``", "``, numbers lose a trailing ``.0``, booleans are
    ``true``/``false``, links show their display text or their file's name,
    and a duration shows its milliseconds.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(display(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {display(item)}" for key, item in value.items())
    return _display_object(value)


def _display_object(value: Duration | Link | FileValue | NoteRef | Widget | Regex) -> str:
    if isinstance(value, Duration):
        return _number_text(value.total_milliseconds)
    if isinstance(value, Link):
        return _link_text(value)
    if isinstance(value, FileValue | NoteRef):
        return value.facts.basename
    if isinstance(value, Widget):
        return value.value
    return f"/{value.pattern}/{value.flags}"


def _link_text(link: Link) -> str:
    """The text a link shows: its display text, its note's name, or its target as written."""
    if link.display is not None:
        return link.display
    if link.path is None:
        return link.text
    name = posixpath.basename(link.path)
    return name[:-3] if name.endswith(".md") else name


def _link_target(value: Link) -> str:
    """The text string functions see in a link: the resolved path, or the target as written."""
    return value.path if value.path is not None else value.text


# -- order -----------------------------------------------------------------------------

_RANK_BOOLEAN, _RANK_NUMBER, _RANK_DATE, _RANK_TEXT, _RANK_LIST, _RANK_OBJECT = range(6)


def _plain_key(value: Value) -> tuple[int, Any] | None:
    """A key ordering values of one kind among themselves; ``None`` for an empty value."""
    if value is None or value in ("", [], {}):
        return None
    if isinstance(value, bool):
        return (_RANK_BOOLEAN, int(value))
    if isinstance(value, int | float):
        return None if math.isnan(value) else (_RANK_NUMBER, value)
    if isinstance(value, Duration):
        return (_RANK_NUMBER, value.total_milliseconds)
    if isinstance(value, date):
        return (_RANK_DATE, _as_datetime(value))
    if isinstance(value, list):
        items = (_plain_key(item) or (9, 0) for item in value)
        return (_RANK_LIST, tuple(items))
    text = display(value)
    if isinstance(value, dict):
        return (_RANK_OBJECT, (text.casefold(), text))
    return (_RANK_TEXT, (text.casefold(), text))


@functools.total_ordering
class SortKey:
    """A sort key giving every value a place: empty values (null, ``""``, ``[]``) last.

    Booleans come before numbers (and durations), then dates, text (strings,
    links and files by their text, case-insensitively), lists and objects.
    With ``descending`` the order is reversed except that empty values stay
    last, so ``sorted(rows, key=lambda row: sort_key(row[col], descending=True))``
    is a DESC sort. Tuples of keys sort by several columns.
    """

    __slots__ = ("descending", "key")

    def __init__(self, value: Value, descending: bool = False) -> None:
        self.key = _plain_key(value)
        self.descending = descending

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SortKey) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: SortKey) -> bool:
        if self.key is None or other.key is None:
            return self.key is not None and other.key is None
        if self.key == other.key:
            return False
        return bool(self.key > other.key) if self.descending else bool(self.key < other.key)

    def __repr__(self) -> str:
        return f"SortKey({self.key!r}, descending={self.descending})"


def sort_key(value: Value, descending: bool = False) -> SortKey:
    """The :class:`SortKey` of a value, for an ascending or (``descending``) a DESC sort."""
    return SortKey(value, descending)


# -- dates -----------------------------------------------------------------------------


def _add_months(moment: date, months: int) -> date:
    """A date ``months`` calendar months later, the day kept inside the month."""
    year, month = divmod(moment.month - 1 + months, 12)
    year += moment.year
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def _shift(moment: date, duration: Duration, sign: int) -> date | None:
    """A date moved by a duration (``sign`` 1 or -1); a plain date stays one for whole days."""
    whole = int(duration.months)
    rest = sign * ((duration.months - whole) * MS_PER_MONTH + duration.milliseconds)
    try:
        if not isinstance(moment, datetime) and rest % MS_PER_DAY == 0:
            return _add_months(moment, sign * whole) + timedelta(days=rest // MS_PER_DAY)
        moved = _add_months(_as_datetime(moment), sign * whole)
        return moved + timedelta(milliseconds=rest)
    except (OverflowError, ValueError):
        return None


def _date_difference(later: date, earlier: date) -> Duration:
    end, start = _as_datetime(later), _as_datetime(earlier)
    return Duration(0, (end - start) / timedelta(milliseconds=1), _calendar_months(start, end))


def _calendar_months(start: datetime, end: datetime) -> float:
    """The calendar months from ``start`` to ``end``, the last one counted by its fraction."""
    if end < start:
        return -_calendar_months(end, start)
    whole = (end.year - start.year) * 12 + end.month - start.month
    try:
        anchor = _as_datetime(_add_months(start, whole))
        if anchor > end:
            whole -= 1
            anchor = _as_datetime(_add_months(start, whole))
        following = _as_datetime(_add_months(start, whole + 1))
    except (OverflowError, ValueError):
        return ((end - start) / timedelta(milliseconds=1)) / MS_PER_MONTH
    return whole + (end - anchor) / (following - anchor)


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _locale_week(moment: date) -> tuple[int, int]:
    """Moment's English week (Sunday first, week 1 holds 1 January): (week year, week)."""
    start = moment - timedelta(days=(moment.weekday() + 1) % 7)
    week_year = (start + timedelta(days=6)).year
    january = date(week_year, 1, 1)
    first = january - timedelta(days=(january.weekday() + 1) % 7)
    return week_year, (start - first).days // 7 + 1


def _moment_fields(moment: datetime) -> dict[str, str]:
    """Every Moment.js format token this module knows, for one moment."""
    hour12 = moment.hour % 12 or 12
    iso_year, iso_week, iso_day = moment.isocalendar()
    week_year, week = _locale_week(moment.date())
    sunday_day = (moment.weekday() + 1) % 7
    epoch_ms = (moment - datetime(1970, 1, 1)) // timedelta(milliseconds=1)
    day_of_year = moment.timetuple().tm_yday
    return {
        "YYYY": f"{moment.year:04d}",
        "YY": f"{moment.year % 100:02d}",
        "Y": str(moment.year),
        "Q": str((moment.month - 1) // 3 + 1),
        "MMMM": _MONTHS[moment.month - 1],
        "MMM": _MONTHS[moment.month - 1][:3],
        "MM": f"{moment.month:02d}",
        "Mo": _ordinal(moment.month),
        "M": str(moment.month),
        "DDDD": f"{day_of_year:03d}",
        "DDDo": _ordinal(day_of_year),
        "DDD": str(day_of_year),
        "DD": f"{moment.day:02d}",
        "Do": _ordinal(moment.day),
        "D": str(moment.day),
        "dddd": _WEEKDAYS[moment.weekday()],
        "ddd": _WEEKDAYS[moment.weekday()][:3],
        "dd": _WEEKDAYS[moment.weekday()][:2],
        "do": _ordinal(sunday_day),
        "d": str(sunday_day),
        "e": str(sunday_day),
        "E": str(iso_day),
        "GGGG": f"{iso_year:04d}",
        "GG": f"{iso_year % 100:02d}",
        "WW": f"{iso_week:02d}",
        "Wo": _ordinal(iso_week),
        "W": str(iso_week),
        "gggg": f"{week_year:04d}",
        "gg": f"{week_year % 100:02d}",
        "ww": f"{week:02d}",
        "wo": _ordinal(week),
        "w": str(week),
        "HH": f"{moment.hour:02d}",
        "H": str(moment.hour),
        "hh": f"{hour12:02d}",
        "h": str(hour12),
        "kk": f"{moment.hour or 24:02d}",
        "k": str(moment.hour or 24),
        "mm": f"{moment.minute:02d}",
        "m": str(moment.minute),
        "ss": f"{moment.second:02d}",
        "s": str(moment.second),
        "SSS": f"{moment.microsecond // 1000:03d}",
        "SS": f"{moment.microsecond // 10000:02d}",
        "S": str(moment.microsecond // 100000),
        "A": "AM" if moment.hour < 12 else "PM",
        "a": "am" if moment.hour < 12 else "pm",
        "X": str(epoch_ms // 1000),
        "x": str(epoch_ms),
        "ZZ": "+0000",
        "Z": "+00:00",
    }


_FORMAT_TOKEN_LENGTHS = (4, 3, 2, 1)


def _format_date(moment: date, pattern: str) -> str:
    """A date formatted by a Moment.js pattern (``YYYY-MM-DD``, ``[Week] W``, ``dddd``)."""
    fields = _moment_fields(_as_datetime(moment))
    out: list[str] = []
    pos = 0
    while pos < len(pattern):
        if pattern[pos] == "[":
            close = pattern.find("]", pos + 1)
            if close > 0:
                out.append(pattern[pos + 1 : close])
                pos = close + 1
                continue
        for length in _FORMAT_TOKEN_LENGTHS:
            token = pattern[pos : pos + length]
            if len(token) == length and token in fields:
                out.append(fields[token])
                pos += length
                break
        else:
            out.append(pattern[pos])
            pos += 1
    return "".join(out)


def _relative(moment: date, now: datetime) -> str:
    """Moment.js's ``fromNow()`` in English: ``"3 days ago"``, ``"in a month"``."""
    milliseconds = (_as_datetime(moment) - now) / timedelta(milliseconds=1)
    amount = abs(milliseconds)
    seconds = round(amount / MS_PER_SECOND)
    minutes = round(amount / MS_PER_MINUTE)
    hours = round(amount / MS_PER_HOUR)
    days = round(amount / MS_PER_DAY)
    months = round(amount / MS_PER_MONTH)
    years = round(amount / MS_PER_YEAR)
    steps: tuple[tuple[bool, str], ...] = (
        (seconds <= 44, "a few seconds"),
        (minutes <= 1, "a minute"),
        (minutes < 45, f"{minutes} minutes"),
        (hours <= 1, "an hour"),
        (hours < 22, f"{hours} hours"),
        (days <= 1, "a day"),
        (days < 26, f"{days} days"),
        (months <= 1, "a month"),
        (months < 11, f"{months} months"),
        (years <= 1, "a year"),
    )
    text = next((words for fits, words in steps if fits), f"{years} years")
    return f"in {text}" if milliseconds > 0 else f"{text} ago"


# -- numbers ---------------------------------------------------------------------------


def _js_round(number: float, digits: int = 0) -> float:
    """``Math.round``: halves go up (2.5 to 3, -2.5 to -2)."""
    scale = 10.0**digits
    return math.floor(number * scale + 0.5) / scale


def _to_fixed(number: float, precision: int) -> str:
    """``Number.prototype.toFixed``: the exact value rounded half away from zero."""
    if math.isnan(number) or math.isinf(number):
        return _number_text(number)
    step = Decimal(1).scaleb(-precision)
    exact = Decimal(number) if number != 0 else Decimal(0)  # (-0).toFixed(2) is "0.00"
    return str(exact.quantize(step, rounding=ROUND_HALF_UP))


def _as_number(value: Value) -> float | None:
    """A number, or a string that is one (``"7"``), as a number; otherwise ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip()) if value.strip() else None
        except ValueError:
            return None
    return None


def _tidy(number: float) -> int | float:
    """A float that is a whole number, as an int (so lists and keys stay clean)."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


# -- regular expressions ---------------------------------------------------------------

_REGEX_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


@functools.lru_cache(maxsize=256)
def _compile(pattern: str, flags: str) -> re.Pattern[str]:
    """A JavaScript pattern for Python's ``re`` (named groups renamed, flags mapped)."""
    python = pattern.replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!")
    bits = 0
    for flag in flags:
        bits |= _REGEX_FLAGS.get(flag, 0)
    try:
        return re.compile(python, bits)
    except re.error as error:
        raise Unsupported(
            f"/{pattern}/{flags}", f"not a pattern Python can run ({error})"
        ) from None


def _js_replacement(template: str) -> Callable[[re.Match[str]], str]:
    """A replacement written for JavaScript (``$1``, ``$&``, ``$<name>``, ``$$``) for ``re.sub``."""

    def replace(found: re.Match[str]) -> str:
        out: list[str] = []
        pos = 0
        while pos < len(template):
            text, pos = _replacement_piece(template, pos, found)
            out.append(text)
        return "".join(out)

    return replace


def _replacement_piece(template: str, pos: int, found: re.Match[str]) -> tuple[str, int]:
    """The text one piece of a JavaScript replacement stands for, and where the next starts."""
    ahead = template[pos + 1 : pos + 2]
    if template[pos] != "$" or not ahead:
        return template[pos], pos + 1
    if ahead == "$":
        return "$", pos + 2
    if ahead == "&":
        return found.group(0), pos + 2
    if ahead == "<" and ">" in template[pos:]:
        close = template.index(">", pos)
        return found.groupdict().get(template[pos + 2 : close]) or "", close + 1
    for width in (2, 1):
        digits = template[pos + 1 : pos + 1 + width]
        if len(digits) == width and digits.isdigit() and 0 < int(digits) <= found.re.groups:
            return found.group(int(digits)) or "", pos + 1 + width
    return "$", pos + 1


# -- the function tables ---------------------------------------------------------------

_Impl: TypeAlias = Callable[["_Evaluator", Any, Sequence[Any]], Value]


@dataclasses.dataclass(frozen=True)
class _Function:
    """A function of the language: what it does, its arguments, its implementation."""

    impl: _Impl
    description: str
    min_args: int = 0
    #: ``None``: any number of arguments.
    max_args: int | None = 0
    #: Its arguments reach it unevaluated (``if()``, ``filter()``, ``map()``, ``reduce()``).
    lazy: bool = False


@dataclasses.dataclass(frozen=True)
class _Field:
    """A field of a type (``string.length``, ``date.year``, ``file.name``)."""

    get: Callable[[_Evaluator, Any], Value]
    description: str


#: The types with functions, in the order of Obsidian's "Functions" page.
_TYPES = ("Any", "Date", "Duration", "String", "Number", "List", "Link", "File", "Object", "RegExp")
_GLOBALS: dict[str, _Function] = {}
_METHODS: dict[str, dict[str, _Function]] = {name: {} for name in _TYPES}
_FIELDS: dict[str, dict[str, _Field]] = {name: {} for name in _TYPES}

#: Where a type's methods are looked up: its own table, then those it borrows.
_LOOKUP: dict[str, tuple[str, ...]] = {
    "Link": ("Link", "String", "Any"),
    "NoteRef": ("File", "Any"),
}


def _global(
    name: str, description: str, args: tuple[int, int | None] = (0, 0), lazy: bool = False
) -> Callable[[_Impl], _Impl]:
    def register(impl: _Impl) -> _Impl:
        _GLOBALS[name] = _Function(impl, description, args[0], args[1], lazy)
        return impl

    return register


def _method(
    type_name: str,
    name: str,
    description: str,
    args: tuple[int, int | None] = (0, 0),
    lazy: bool = False,
) -> Callable[[_Impl], _Impl]:
    def register(impl: _Impl) -> _Impl:
        _METHODS[type_name][name] = _Function(impl, description, args[0], args[1], lazy)
        return impl

    return register


def _field(type_name: str, name: str, description: str, get: Callable[[Any], Value]) -> None:
    _FIELDS[type_name][name] = _Field(lambda _ev, value: get(value), description)


def _type_name(value: Value) -> str:
    """The type a value's functions are looked up under."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int | float):
        return "Number"
    if isinstance(value, str):
        return "String"
    if isinstance(value, date):
        return "Date"
    if isinstance(value, list):
        return "List"
    if isinstance(value, dict):
        return "Object"
    if isinstance(value, FileValue):
        return "File"
    if isinstance(value, Widget):
        return value.kind.capitalize()
    return type(value).__name__.replace("Regex", "RegExp")


def _receiver(value: Value, table: str) -> Value:
    """A value as the functions of a borrowed table take it (a link's text, ``this``'s file)."""
    if isinstance(value, Link) and table == "String":
        return _link_target(value)
    if isinstance(value, NoteRef) and table == "File":
        return FileValue(value.facts)
    return value


# argument helpers: a null argument makes the result null; a wrong one is unsupported


def _text(value: Value) -> str:
    """An argument that must be text (numbers, dates and links are written out)."""
    if value is None:
        raise _NullArgumentError
    if isinstance(value, str):
        return value
    if isinstance(value, Link):
        return _link_target(value)
    if isinstance(value, bool | int | float | date):
        return display(value)
    raise _WrongArgumentError(f"expects text, not {_noun(value)}")


def _integer(value: Value) -> int:
    """An argument that must be a number, used as a whole number (JavaScript truncates)."""
    if value is None:
        raise _NullArgumentError
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise _WrongArgumentError(f"expects a number, not {_noun(value)}")
    return int(value) if not math.isinf(value) else (2**31 if value > 0 else -(2**31))


def _pattern(value: Value) -> str | re.Pattern[str]:
    if isinstance(value, Regex):
        return _compile(value.pattern, value.flags)
    return _text(value)


def _spread(args: Sequence[Value]) -> list[Value]:
    """Variadic arguments, a list among them standing for its items."""
    out: list[Value] = []
    for arg in args:
        out.extend(arg if isinstance(arg, list) else [arg])
    return out


def _noun(value: Value) -> str:
    names = {"Null": "null", "Object": "an object", "Image": "an image", "Icon": "an icon"}
    name = _type_name(value)
    return names.get(name, f"a {name.lower()}")


# -- the evaluator ---------------------------------------------------------------------


class _Evaluator:
    """Evaluates trees for one note of a context, with the names a lambda binds."""

    def __init__(
        self, ctx: Context, scope: Mapping[str, Value] | None = None, active: tuple[str, ...] = ()
    ) -> None:
        self.ctx = ctx
        self.scope: Mapping[str, Value] = scope or {}
        #: The formulas being evaluated, outermost first (to find cycles).
        self.active = active

    def with_scope(self, **names: Value) -> _Evaluator:
        return _Evaluator(self.ctx, {**self.scope, **names}, self.active)

    def eval(self, expr: Expr) -> Value:
        return _DISPATCH[type(expr)](self, expr)

    # names and properties

    def name(self, expr: Name) -> Value:
        name = expr.name
        if name in self.scope:
            return self.scope[name]
        file = self.ctx.file
        if name == "file":
            return FileValue(file) if file is not None else None
        if name == "this":
            return NoteRef(self.ctx.this) if self.ctx.this is not None else None
        if name == "note":
            return self.properties(file)
        if name == "formula":
            raise Unsupported("formula", "name one of the base's formulas: formula.NAME")
        return self.property(file, name)

    def properties(self, facts: NoteFacts | None) -> Value:
        if facts is None:
            return None
        return _from_yaml(facts.properties, self.ctx.resolve)

    def property(self, facts: NoteFacts | None, name: str) -> Value:
        """A note property; a missing one is null. Names match exactly, else case-insensitively."""
        if facts is None:
            return None
        props = facts.properties
        if name not in props:
            folded = name.casefold()
            name = next((key for key in props if str(key).casefold() == folded), name)
        return _from_yaml(props.get(name), self.ctx.resolve)

    def special(self, target: Expr, key: str) -> tuple[bool, Value]:
        """``formula.X`` and ``note.X`` (or ``note["X"]``), when those names are not rebound."""
        if not isinstance(target, Name) or target.name in self.scope:
            return False, None
        if target.name == "formula":
            return True, self.formula(key)
        if target.name == "note":
            return True, self.property(self.ctx.file, key)
        return False, None

    def member(self, expr: Member) -> Value:
        handled, value = self.special(expr.target, expr.name)
        if handled:
            return value
        return self.field(self.eval(expr.target), expr.name)

    def index(self, expr: Index) -> Value:
        key = self.eval(expr.index)
        if isinstance(key, str):
            handled, value = self.special(expr.target, key)
            if handled:
                return value
        return self.item(self.eval(expr.target), key)

    def field(self, target: Value, name: str) -> Value:
        if target is None:
            return None
        if isinstance(target, dict):
            return target.get(name)
        if isinstance(target, NoteRef):
            return self.note_field(target, name)
        type_name = _type_name(target)
        for table in _LOOKUP.get(type_name, (type_name,)):
            found = _FIELDS.get(table, {}).get(name)
            if found is not None:
                return found.get(self, _receiver(target, table))
        if isinstance(target, FileValue):
            raise Unsupported(f"file.{name}", "not a file property")
        return None

    def note_field(self, target: NoteRef, name: str) -> Value:
        if name == "file":
            return FileValue(target.facts)
        if name == "note":
            return self.properties(target.facts)
        return self.property(target.facts, name)

    def item(self, target: Value, key: Value) -> Value:
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        if isinstance(target, list | str) and isinstance(key, int) and not isinstance(key, bool):
            return target[key] if 0 <= key < len(target) else None
        if isinstance(target, dict):
            return target.get(key if isinstance(key, str) else display(key))
        if isinstance(target, FileValue | NoteRef) and isinstance(key, str):
            return self.field(target, key)
        return None

    def formula(self, name: str) -> Value:
        ctx = self.ctx
        if name not in ctx.formulas:
            raise Unsupported(f"formula.{name}", "the base has no formula of that name")
        if name in self.active:
            chain = " -> ".join((*self.active[self.active.index(name) :], name))
            raise FormulaCycle(f"formula.{name}", f"circular reference: {chain}")
        if len(self.active) >= MAX_FORMULA_DEPTH:
            raise Unsupported(f"formula.{name}", "formulas refer to one another too deeply")
        key = (
            ctx.file.path if ctx.file else None,
            ctx.this.path if ctx.this else None,
            name,
        )
        if key in ctx._memo:
            return ctx._memo[key]
        value = _Evaluator(ctx, None, (*self.active, name)).eval(_formula_tree(name, ctx))
        ctx._memo[key] = value
        return value

    # calls

    def call(self, expr: Call) -> Value:
        function = _GLOBALS.get(expr.name)
        qualified = f"{expr.name}()"
        if function is None:
            raise Unsupported(qualified, UNSUPPORTED.get(qualified, "not a Bases function"))
        return self.invoke(qualified, function, None, expr.args)

    def method_call(self, expr: MethodCall) -> Value:
        target = self.eval(expr.target)
        type_name = "NoteRef" if isinstance(target, NoteRef) else _type_name(target)
        if target is None:
            return self.null_method(expr)
        for table in _LOOKUP.get(type_name, (type_name, "Any")):
            function = _METHODS.get(table, {}).get(expr.name)
            if function is not None:
                qualified = f"{table}.{expr.name}"
                return self.invoke(qualified, function, _receiver(target, table), expr.args)
        shown = "File" if type_name == "NoteRef" else type_name
        qualified = f"{shown}.{expr.name}"
        reason = UNSUPPORTED.get(qualified, f"there is no {expr.name}() for {_noun(target)}")
        raise Unsupported(qualified, reason)

    def null_method(self, expr: MethodCall) -> Value:
        """A method of null: ``isEmpty()`` is true, ``isTruthy()`` false, the rest null."""
        if not any(expr.name in table for table in _METHODS.values()):
            raise Unsupported(f"{expr.name}()", "not a function of any type")
        if expr.name == "isEmpty":
            return True
        if expr.name == "isTruthy":
            return False
        if expr.name == "isType" and len(expr.args) == 1:
            return _text_or_none(self.eval(expr.args[0])) == "null"
        return None

    def invoke(
        self, qualified: str, function: _Function, target: Value, arg_exprs: Sequence[Expr]
    ) -> Value:
        count = len(arg_exprs)
        if count < function.min_args or (
            function.max_args is not None and count > function.max_args
        ):
            raise Unsupported(qualified, _arity(function, count))
        args: Sequence[Any] = arg_exprs if function.lazy else [self.eval(a) for a in arg_exprs]
        try:
            return function.impl(self, target, args)
        except _NullArgumentError:
            return None
        except _WrongArgumentError as error:
            raise Unsupported(qualified, str(error)) from None

    # operators

    def unary(self, expr: Unary) -> Value:
        value = self.eval(expr.operand)
        if expr.op == "!":
            return not is_truthy(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return -value
        if isinstance(value, Duration):
            return value.scaled(-1)
        return None

    def operation(self, expr: Operation) -> Value:
        first = expr.operators[0]
        if first in ("&&", "||"):
            wanted = first == "||"
            for operand in expr.operands:
                if is_truthy(self.eval(operand)) == wanted:
                    return wanted
            return not wanted
        value = self.eval(expr.operands[0])
        for op, operand in zip(expr.operators, expr.operands[1:], strict=True):
            value = self.binary(op, value, self.eval(operand))
        return value

    def binary(self, op: str, left: Value, right: Value) -> Value:
        if op == "==":
            return self.equal(left, right)
        if op == "!=":
            return not self.equal(left, right)
        if op in ("<", ">", "<=", ">="):
            order = _order(left, right)
            if order is None:
                return False
            return {"<": order < 0, ">": order > 0, "<=": order <= 0, ">=": order >= 0}[op]
        return _arithmetic(op, left, right)

    # equality

    def equal(self, left: Value, right: Value) -> bool:
        """``==``: links equal files and links of the same target; ``"7" == 7``."""
        if left is None or right is None:
            return left is None and right is None
        linkish = (Link, FileValue, NoteRef)
        if isinstance(left, linkish) or isinstance(right, linkish):
            mine, theirs = self.target_of(left), self.target_of(right)
            return mine is not None and mine == theirs
        if isinstance(left, bool) or isinstance(right, bool):
            return left is right
        if isinstance(left, list) and isinstance(right, list):
            same = len(left) == len(right)
            return same and all(self.equal(a, b) for a, b in zip(left, right, strict=True))
        if isinstance(left, dict) and isinstance(right, dict):
            same = left.keys() == right.keys()
            return same and all(self.equal(left[key], right[key]) for key in left)
        if isinstance(left, str) and isinstance(right, str):
            return left == right
        return _order(left, right) == 0 if _comparable(left, right) else left == right

    def target_of(self, value: Value) -> tuple[str, str] | None:
        """What a link, a file or a link-like string points at, to compare them."""
        if isinstance(value, FileValue | NoteRef):
            return ("path", value.facts.path)
        if isinstance(value, str):
            value = _link_to(value, self.ctx.resolve)
        if isinstance(value, Link):
            if value.path is not None:
                return ("path", value.path)
            return ("text", value.text.casefold())
        return None

    def contains(self, items: Sequence[Value], wanted: Value) -> bool:
        return any(self.equal(item, wanted) for item in items)


def _text_or_none(value: Value) -> str | None:
    return value.lower() if isinstance(value, str) else None


def _arity(function: _Function, count: int) -> str:
    low, high = function.min_args, function.max_args
    if high is None:
        wanted = f"at least {low}"
    elif low == high:
        wanted = str(low)
    else:
        wanted = f"{low} to {high}"
    plural = "" if wanted == "1" else "s"
    return f"takes {wanted} argument{plural}, not {count}"


def _formula_tree(name: str, ctx: Context) -> Expr:
    source = ctx.formulas[name]
    if not isinstance(source, str):
        return source
    try:
        return _parse(source)
    except BasesSyntaxError as error:
        raise Unsupported(f"formula.{name}", f"syntax error: {error}") from None


@functools.lru_cache(maxsize=1024)
def _parse(source: str) -> Expr:
    """Parsing, remembered: the same filters are evaluated for every note."""
    return parse(source)


def _comparable(left: Value, right: Value) -> bool:
    return (
        not (isinstance(left, str) and isinstance(right, str)) and _order(left, right) is not None
    )


def _order(left: Value, right: Value) -> int | None:
    """How two values compare (-1, 0, 1), or ``None`` when they do not (then ``<`` is false)."""
    if left is None or right is None:
        return None
    if isinstance(left, date) or isinstance(right, date):
        return _order_dates(left, right)
    if isinstance(left, str) and isinstance(right, str):
        return (left > right) - (left < right)
    if isinstance(left, bool) and isinstance(right, bool):
        return int(left) - int(right)
    mine, theirs = _comparable_number(left), _comparable_number(right)
    if mine is None or theirs is None:
        return None
    return (mine > theirs) - (mine < theirs)


def _comparable_number(value: Value) -> float | None:
    if isinstance(value, Duration):
        return value.total_milliseconds
    return _as_number(value)


def _order_dates(left: Value, right: Value) -> int | None:
    mine, theirs = _date_of(left), _date_of(right)
    if mine is None or theirs is None:
        return None
    a, b = _as_datetime(mine), _as_datetime(theirs)
    return (a > b) - (a < b)


def _date_of(value: Value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return _parse_date(value)
    return None


def _arithmetic(op: str, left: Value, right: Value) -> Value:
    """``+ - * / %`` over numbers, dates, durations and (for ``+``) text; null otherwise."""
    if isinstance(left, date) or isinstance(right, date):
        return _date_arithmetic(op, left, right)
    if isinstance(left, Duration) or isinstance(right, Duration):
        return _duration_arithmetic(op, left, right)
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        return display(left) + display(right)
    if not _is_number(left) or not _is_number(right):
        return None
    return _number_arithmetic(op, left, right)  # type: ignore[arg-type]


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_arithmetic(op: str, left: float, right: float) -> Value:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if right == 0:
        return None
    if op == "/":
        return _tidy(left / right)
    remainder = math.fmod(left, right)
    return _tidy(remainder) if isinstance(left, int) and isinstance(right, int) else remainder


def _as_duration(value: Value) -> Duration | None:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        return _parse_duration(value)
    return None


def _date_arithmetic(op: str, left: Value, right: Value) -> Value:
    if isinstance(left, date) and isinstance(right, date) and op == "-":
        return _date_difference(left, right)
    if isinstance(left, date):
        duration = _as_duration(right)
        if duration is not None and op in ("+", "-"):
            return _shift(left, duration, 1 if op == "+" else -1)
    elif isinstance(right, date) and op == "+" and isinstance(left, Duration):
        return _shift(right, left, 1)
    return None


def _duration_arithmetic(op: str, left: Value, right: Value) -> Value:
    if isinstance(left, Duration) and _is_number(right):
        factor = float(right)  # type: ignore[arg-type]
        if op == "*":
            return left.scaled(factor)
        if op == "/" and factor:
            return left.scaled(1 / factor)
        return None
    if _is_number(left) and op in ("*", "/"):
        raise Unsupported(op, "a duration must be on the left of a number: duration('1d') * 2")
    mine, theirs = _as_duration(left), _as_duration(right)
    if mine is None or theirs is None:
        return None
    if op in ("+", "-"):
        sign = 1 if op == "+" else -1
        return Duration(
            mine.months + sign * theirs.months, mine.milliseconds + sign * theirs.milliseconds
        )
    if op == "/" and theirs.total_milliseconds:
        return mine.total_milliseconds / theirs.total_milliseconds
    return None


def _literal(ev: _Evaluator, expr: LiteralNode) -> Value:
    return expr.value


def _regex(ev: _Evaluator, expr: RegexLiteral) -> Value:
    return Regex(expr.pattern, expr.flags)


def _list(ev: _Evaluator, expr: ListLiteral) -> Value:
    return [ev.eval(item) for item in expr.items]


def _object(ev: _Evaluator, expr: ObjectLiteral) -> Value:
    return {key: ev.eval(value) for key, value in expr.entries}


_DISPATCH: dict[type, Callable[[_Evaluator, Any], Value]] = {
    LiteralNode: _literal,
    RegexLiteral: _regex,
    ListLiteral: _list,
    ObjectLiteral: _object,
    Name: _Evaluator.name,
    Member: _Evaluator.member,
    Index: _Evaluator.index,
    Call: _Evaluator.call,
    MethodCall: _Evaluator.method_call,
    Unary: _Evaluator.unary,
    Operation: _Evaluator.operation,
}


# -- global functions ------------------------------------------------------------------


@_global("date", "Parses text (YYYY-MM-DD HH:mm:ss) into a date.", (1, 1))
def _g_date(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    value = args[0]
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        return _parse_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime(1970, 1, 1) + timedelta(milliseconds=value)
    raise _WrongArgumentError(f"expects text, not {_noun(value)}")


@_global("duration", "Parses text ('1d', '2 weeks') into a duration.", (1, 1))
def _g_duration(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    value = args[0]
    if value is None or isinstance(value, Duration):
        return value
    if _is_number(value):
        return Duration(0, float(value))  # type: ignore[arg-type]
    return _parse_duration(_text(value))


@_global("escapeHTML", "Escapes the characters of text that HTML would read as markup.", (1, 1))
def _g_escape_html(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return html.escape(_text(args[0]))


@_global("file", "The file at a path, or that a link or file points at.", (1, 1))
def _g_file(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    value = args[0]
    if value is None or isinstance(value, FileValue):
        return value
    if isinstance(value, NoteRef):
        return FileValue(value.facts)
    if isinstance(value, Link):
        return _file_at(ev, value.path)
    text = _text(value)
    if text in ev.ctx.notes_by_path:
        return _file_at(ev, text)
    return _file_at(ev, _link_to(text, ev.ctx.resolve).path)


def _file_at(ev: _Evaluator, path: str | None) -> Value:
    facts = ev.ctx.notes_by_path.get(path) if path is not None else None
    return FileValue(facts) if facts is not None else None


@_global("html", "Text to be shown as HTML (a marker the renderer draws).", (1, 1))
def _g_html(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return Widget("html", _text(args[0]))


@_global(
    "if", "The second argument if the first is truthy, else the third (or null).", (2, 3), True
)
def _g_if(ev: _Evaluator, _: None, args: Sequence[Expr]) -> Value:
    if is_truthy(ev.eval(args[0])):
        return ev.eval(args[1])
    return ev.eval(args[2]) if len(args) > 2 else None


@_global("image", "An image of a path, URL, link or file (a marker the renderer draws).", (1, 1))
def _g_image(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    value = args[0]
    if isinstance(value, FileValue | NoteRef):
        return Widget("image", value.facts.path)
    if isinstance(value, Link):
        return Widget("image", _link_target(value))
    text = _text(value)
    if _wikilink(text) is not None or "://" not in text:
        link = _link_to(text, ev.ctx.resolve)
        return Widget("image", _link_target(link))
    return Widget("image", text)


@_global("icon", "A Lucide icon by name (a marker the renderer draws).", (1, 1))
def _g_icon(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return Widget("icon", _text(args[0]))


@_global("link", "A link to a path, note name, URL or file, with optional display text.", (1, 2))
def _g_link(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    target = args[0]
    shown = display(args[1]) if len(args) > 1 and args[1] is not None else None
    if isinstance(target, FileValue | NoteRef):
        return _path_link(target.facts.path, shown)
    if isinstance(target, Link):
        return dataclasses.replace(target, display=shown) if shown is not None else target
    return _link_to(_text(target), ev.ctx.resolve, shown)


@_global("list", "The value if it is a list, else a list holding it (null gives []).", (1, 1))
def _g_list(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    value = args[0]
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _extreme(args: Sequence[Value], pick: Callable[..., Any]) -> Value:
    values = [value for value in _spread(args) if value is not None]
    if not values:
        return None
    if all(_is_number(value) for value in values):
        return pick(values)  # type: ignore[no-any-return]
    if all(isinstance(value, date) for value in values):
        return pick(values, key=_as_datetime)  # type: ignore[no-any-return]
    raise _WrongArgumentError("expects numbers (or dates)")


@_global("max", "The largest of the numbers given.", (1, None))
def _g_max(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return _extreme(args, max)


@_global("min", "The smallest of the numbers given.", (1, None))
def _g_min(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return _extreme(args, min)


@_global("now", "The moment of the build, a date with its time.")
def _g_now(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return _naive(ev.ctx.now)


@_global("number", "A value as a number (dates in milliseconds, booleans 1 or 0).", (1, 1))
def _g_number(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    value = args[0]
    if value is None or _is_number(value):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return _tidy((_as_datetime(value) - datetime(1970, 1, 1)) / timedelta(milliseconds=1))
    if isinstance(value, Duration):
        return _tidy(value.total_milliseconds)
    number = _as_number(_text(value))
    if number is None:
        raise _WrongArgumentError(f"cannot read {display(value)!r} as a number")
    return _tidy(number)


@_global("today", "The day of the build, a date without a time.")
def _g_today(ev: _Evaluator, _: None, args: Sequence[Value]) -> Value:
    return _naive(ev.ctx.now).date()


# -- Any -------------------------------------------------------------------------------


@_method("Any", "isTruthy", "The value as a boolean.")
def _any_is_truthy(ev: _Evaluator, this: Value, args: Sequence[Value]) -> Value:
    return is_truthy(this)


_TYPE_NAMES = {
    "Boolean": "boolean",
    "Number": "number",
    "String": "string",
    "Date": "date",
    "Duration": "duration",
    "List": "list",
    "Object": "object",
    "Link": "link",
    "File": "file",
    "NoteRef": "file",
    "RegExp": "regexp",
    "Image": "image",
    "Icon": "icon",
    "Html": "html",
}


@_method(
    "Any", "isType", "Whether the value is of a type ('string', 'number', 'date', ...).", (1, 1)
)
def _any_is_type(ev: _Evaluator, this: Value, args: Sequence[Value]) -> Value:
    return _TYPE_NAMES.get(_type_name(this)) == _text(args[0]).lower()


@_method("Any", "toString", "The value as text.")
def _any_to_string(ev: _Evaluator, this: Value, args: Sequence[Value]) -> Value:
    return display(this)


# -- Date ------------------------------------------------------------------------------

_DATE_FIELDS: tuple[tuple[str, str, Callable[[Any], Value]], ...] = (
    ("year", "The year.", lambda d: d.year),
    ("month", "The month, 1 to 12.", lambda d: d.month),
    ("day", "The day of the month.", lambda d: d.day),
    ("hour", "The hour, 0 to 23.", lambda d: getattr(d, "hour", 0)),
    ("minute", "The minute, 0 to 59.", lambda d: getattr(d, "minute", 0)),
    ("second", "The second, 0 to 59.", lambda d: getattr(d, "second", 0)),
    ("millisecond", "The millisecond, 0 to 999.", lambda d: getattr(d, "microsecond", 0) // 1000),
)
for _name, _description, _get in _DATE_FIELDS:
    _field("Date", _name, _description, _get)


@_method("Date", "date", "The date without its time.")
def _date_date(ev: _Evaluator, this: date, args: Sequence[Value]) -> Value:
    return this.date() if isinstance(this, datetime) else this


@_method("Date", "format", "The date written by a Moment.js pattern ('YYYY-MM-DD').", (1, 1))
def _date_format(ev: _Evaluator, this: date, args: Sequence[Value]) -> Value:
    return _format_date(this, _text(args[0]))


@_method("Date", "time", "The time, HH:mm:ss.")
def _date_time(ev: _Evaluator, this: date, args: Sequence[Value]) -> Value:
    return f"{_as_datetime(this):%H:%M:%S}"


@_method("Date", "relative", "How long ago (or ahead) the date is from the build ('3 days ago').")
def _date_relative(ev: _Evaluator, this: date, args: Sequence[Value]) -> Value:
    return _relative(this, _naive(ev.ctx.now))


@_method("Date", "isEmpty", "False: a date is never empty.")
def _date_is_empty(ev: _Evaluator, this: date, args: Sequence[Value]) -> Value:
    return False


# -- Duration (what subtracting dates gives) -------------------------------------------

_field(
    "Duration",
    "years",
    "The whole span in years (calendar years between two dates), with a fraction.",
    lambda d: _tidy(d.total_months / 12),
)
_field(
    "Duration",
    "months",
    "The whole span in months (calendar months between two dates), with a fraction.",
    lambda d: _tidy(d.total_months),
)
for _name, _size in (
    ("weeks", MS_PER_WEEK),
    ("days", MS_PER_DAY),
    ("hours", MS_PER_HOUR),
    ("minutes", MS_PER_MINUTE),
    ("seconds", MS_PER_SECOND),
    ("milliseconds", 1),
):
    _field(
        "Duration",
        _name,
        f"The whole span in {_name}, with a fraction.",
        functools.partial(lambda d, size: _tidy(d.total_milliseconds / size), size=_size),
    )


# -- String ----------------------------------------------------------------------------

_field("String", "length", "The number of characters.", len)


@_method("String", "contains", "Whether the text contains a substring.", (1, 1))
def _str_contains(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return _text(args[0]) in this


@_method("String", "containsAll", "Whether the text contains every substring given.", (1, None))
def _str_contains_all(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return all(_text(arg) in this for arg in _spread(args))


@_method("String", "containsAny", "Whether the text contains one of the substrings.", (1, None))
def _str_contains_any(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return any(_text(arg) in this for arg in _spread(args) if arg is not None)


@_method("String", "endsWith", "Whether the text ends with a string.", (1, 1))
def _str_ends_with(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return this.endswith(_text(args[0]))


@_method("String", "isEmpty", "Whether the text has no characters (or is missing).")
def _str_is_empty(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return not this


@_method("String", "lower", "The text in lower case.")
def _str_lower(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return this.lower()


@_method("String", "replace", "The text with a string (or a /pattern/) replaced.", (2, 2))
def _str_replace(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    pattern, replacement = _pattern(args[0]), _text(args[1])
    if isinstance(pattern, str):
        return this.replace(pattern, replacement)
    regex = args[0]
    assert isinstance(regex, Regex)
    count = 0 if "g" in regex.flags else 1
    return pattern.sub(_js_replacement(replacement), this, count=count)


#: The longest text ``repeat()`` makes (a guard against ``"x".repeat(1e9)``).
MAX_REPEAT_LENGTH = 1_000_000


@_method("String", "repeat", "The text repeated a number of times.", (1, 1))
def _str_repeat(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    count = _integer(args[0])
    if count < 0:
        raise _WrongArgumentError("cannot repeat text a negative number of times")
    if len(this) * count > MAX_REPEAT_LENGTH:
        raise _WrongArgumentError(f"would make more than {MAX_REPEAT_LENGTH} characters")
    return this * count


@_method("String", "reverse", "The text backwards.")
def _str_reverse(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return this[::-1]


@_method("String", "slice", "The characters from start (inclusive) to end (exclusive).", (1, 2))
def _str_slice(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    start = _integer(args[0])
    end = _integer(args[1]) if len(args) > 1 and args[1] is not None else None
    return this[start:end]


@_method(
    "String",
    "split",
    "The text split at a string (or a /pattern/), optionally the first n parts.",
    (1, 2),
)
def _str_split(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    separator = _pattern(args[0])
    if isinstance(separator, str):
        parts: list[str] = this.split(separator) if separator else list(this)
    else:
        parts = [part or "" for part in separator.split(this)]
    limit = _integer(args[1]) if len(args) > 1 and args[1] is not None else None
    return list(parts[:limit] if limit is not None and limit >= 0 else parts)


@_method("String", "startsWith", "Whether the text starts with a string.", (1, 1))
def _str_starts_with(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return this.startswith(_text(args[0]))


@_method("String", "title", "The text with the first letter of each word in upper case.")
def _str_title(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    out = []
    previous = " "
    for char in this:
        out.append(char.upper() if previous.isspace() else char)
        previous = char
    return "".join(out)


@_method("String", "trim", "The text without whitespace at either end.")
def _str_trim(ev: _Evaluator, this: str, args: Sequence[Value]) -> Value:
    return this.strip()


# -- Number ----------------------------------------------------------------------------


@_method("Number", "abs", "The absolute value.")
def _num_abs(ev: _Evaluator, this: float, args: Sequence[Value]) -> Value:
    return abs(this)


@_method("Number", "ceil", "Rounded up to a whole number.")
def _num_ceil(ev: _Evaluator, this: float, args: Sequence[Value]) -> Value:
    return math.ceil(this) if math.isfinite(this) else this


@_method("Number", "floor", "Rounded down to a whole number.")
def _num_floor(ev: _Evaluator, this: float, args: Sequence[Value]) -> Value:
    return math.floor(this) if math.isfinite(this) else this


@_method("Number", "isEmpty", "False: a number is never empty.")
def _num_is_empty(ev: _Evaluator, this: float, args: Sequence[Value]) -> Value:
    return False


@_method("Number", "round", "Rounded (halves up), to a number of decimals if given.", (0, 1))
def _num_round(ev: _Evaluator, this: float, args: Sequence[Value]) -> Value:
    if not math.isfinite(this):
        return this
    digits = _integer(args[0]) if args and args[0] is not None else 0
    if not 0 <= digits <= 100:
        raise _WrongArgumentError("rounds to 0 to 100 decimals")
    return _tidy(_js_round(this, digits))


@_method("Number", "toFixed", "The number as text with a fixed number of decimals.", (1, 1))
def _num_to_fixed(ev: _Evaluator, this: float, args: Sequence[Value]) -> Value:
    precision = _integer(args[0])
    if not 0 <= precision <= 100:
        raise _WrongArgumentError("takes 0 to 100 decimals")
    return _to_fixed(this, precision)


# -- List ------------------------------------------------------------------------------

_field("List", "length", "The number of elements.", len)


@_method("List", "contains", "Whether the list holds a value (links equal their files).", (1, 1))
def _list_contains(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return ev.contains(this, args[0])


@_method("List", "containsAll", "Whether the list holds every value given.", (1, None))
def _list_contains_all(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return all(ev.contains(this, value) for value in _spread(args))


@_method("List", "containsAny", "Whether the list holds one of the values given.", (1, None))
def _list_contains_any(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return any(ev.contains(this, value) for value in _spread(args))


@_method(
    "List",
    "filter",
    "The elements for which an expression of value and index is true.",
    (1, 1),
    True,
)
def _list_filter(ev: _Evaluator, this: list[Value], args: Sequence[Expr]) -> Value:
    return [
        value
        for index, value in enumerate(this)
        if is_truthy(ev.with_scope(value=value, index=index).eval(args[0]))
    ]


@_method("List", "flat", "Nested lists flattened into one list.")
def _list_flat(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return _spread(this)


@_method("List", "isEmpty", "Whether the list has no elements.")
def _list_is_empty(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return not this


@_method("List", "join", "The elements as text, joined by a separator.", (0, 1))
def _list_join(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    separator = _text(args[0]) if args else ","
    return separator.join(display(value) for value in this)


@_method(
    "List", "map", "Each element transformed by an expression of value and index.", (1, 1), True
)
def _list_map(ev: _Evaluator, this: list[Value], args: Sequence[Expr]) -> Value:
    return [
        ev.with_scope(value=value, index=index).eval(args[0]) for index, value in enumerate(this)
    ]


@_method("List", "mean", "The average of the numbers in the list (null if none).")
def _list_mean(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return _summary_average(this)


@_method(
    "List",
    "reduce",
    "One value from an expression of acc, value and index, from a start.",
    (2, 2),
    True,
)
def _list_reduce(ev: _Evaluator, this: list[Value], args: Sequence[Expr]) -> Value:
    acc = ev.eval(args[1])
    for index, value in enumerate(this):
        acc = ev.with_scope(acc=acc, value=value, index=index).eval(args[0])
    return acc


@_method("List", "reverse", "The list backwards.")
def _list_reverse(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return this[::-1]


@_method("List", "slice", "The elements from start (inclusive) to end (exclusive).", (1, 2))
def _list_slice(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    start = _integer(args[0])
    end = _integer(args[1]) if len(args) > 1 and args[1] is not None else None
    return this[start:end]


@_method("List", "sort", "The list from smallest to largest (empty values last).")
def _list_sort(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    return sorted(this, key=sort_key)


@_method("List", "unique", "The list without repeated elements (the first kept).")
def _list_unique(ev: _Evaluator, this: list[Value], args: Sequence[Value]) -> Value:
    kept: list[Value] = []
    for value in this:
        if not ev.contains(kept, value):
            kept.append(value)
    return kept


# -- Link ------------------------------------------------------------------------------


@_method("Link", "asFile", "The file the link points at (null if none).")
def _link_as_file(ev: _Evaluator, this: Link, args: Sequence[Value]) -> Value:
    return _file_at(ev, this.path)


@_method("Link", "linksTo", "Whether the file the link points at links to a file.", (1, 1))
def _link_links_to(ev: _Evaluator, this: Link, args: Sequence[Value]) -> Value:
    source = _file_at(ev, this.path)
    if not isinstance(source, FileValue):
        return False
    return _file_has_link(ev, source, args)


# -- File ------------------------------------------------------------------------------


def _links(paths: Iterable[str]) -> Value:
    return [_path_link(path) for path in paths]


_FILE_FIELDS: tuple[tuple[str, str, Callable[[Any], Value]], ...] = (
    ("name", "The file name, with its extension.", lambda f: f.facts.name),
    ("basename", "The file name without its extension.", lambda f: f.facts.basename),
    ("path", "The path from the vault's root.", lambda f: f.facts.path),
    ("folder", "The path of the file's folder ('' at the root).", lambda f: f.facts.folder),
    ("ext", "The file extension, without the dot.", lambda f: f.facts.ext),
    ("size", "The size in bytes.", lambda f: f.facts.size),
    ("ctime", "When the file was created.", lambda f: _naive(f.facts.ctime)),
    ("mtime", "When the file was last modified.", lambda f: _naive(f.facts.mtime)),
    ("tags", "The file's tags (text and properties), without '#'.", lambda f: list(f.facts.tags)),
    ("links", "Links to the files the file links to.", lambda f: _links(f.facts.links)),
    ("embeds", "Links to the files the file embeds.", lambda f: _links(f.facts.embeds)),
    ("backlinks", "Links to the files that link to it.", lambda f: _links(f.facts.backlinks)),
    ("file", "The file itself.", lambda f: f),
)
for _name, _description, _get in _FILE_FIELDS:
    _field("File", _name, _description, _get)

_FIELDS["File"]["properties"] = _Field(
    lambda ev, f: ev.properties(f.facts), "The note's properties, as an object."
)


@_method("File", "asLink", "A link to the file, with optional display text.", (0, 1))
def _file_as_link(ev: _Evaluator, this: FileValue, args: Sequence[Value]) -> Value:
    shown = display(args[0]) if args and args[0] is not None else None
    return _path_link(this.facts.path, shown)


@_method("File", "hasLink", "Whether the file links to (or embeds) a file, link or path.", (1, 1))
def _file_has_link_method(ev: _Evaluator, this: FileValue, args: Sequence[Value]) -> Value:
    return _file_has_link(ev, this, args)


def _file_has_link(ev: _Evaluator, this: FileValue, args: Sequence[Value]) -> bool:
    other = args[0]
    if other is None:
        raise _NullArgumentError
    if isinstance(other, FileValue | NoteRef):
        path: str | None = other.facts.path
    elif isinstance(other, Link):
        path = other.path
    else:
        text = _text(other)
        path = text if text in ev.ctx.notes_by_path else ev.ctx.resolve(text)
    facts = this.facts
    return path is not None and (path in facts.links or path in facts.embeds)


@_method("File", "hasProperty", "Whether the note has a property of that name.", (1, 1))
def _file_has_property(ev: _Evaluator, this: FileValue, args: Sequence[Value]) -> Value:
    name = _text(args[0])
    props = this.facts.properties
    return name in props or any(str(key).casefold() == name.casefold() for key in props)


@_method(
    "File", "hasTag", "Whether the file has one of the tags, or a tag nested under one.", (1, None)
)
def _file_has_tag(ev: _Evaluator, this: FileValue, args: Sequence[Value]) -> Value:
    tags = [tag.lstrip("#").casefold() for tag in this.facts.tags]
    for wanted in _spread(args):
        if wanted is None:
            continue
        key = _text(wanted).lstrip("#").strip("/").casefold()
        if any(tag == key or tag.startswith(key + "/") for tag in tags):
            return True
    return False


@_method("File", "inFolder", "Whether the file is in a folder or one of its sub-folders.", (1, 1))
def _file_in_folder(ev: _Evaluator, this: FileValue, args: Sequence[Value]) -> Value:
    folder = _text(args[0]).strip("/")
    own = this.facts.folder.strip("/")
    return not folder or own == folder or own.startswith(folder + "/")


# -- Object and RegExp -----------------------------------------------------------------


@_method("Object", "isEmpty", "Whether the object has no keys.")
def _obj_is_empty(ev: _Evaluator, this: dict[str, Value], args: Sequence[Value]) -> Value:
    return not this


@_method("Object", "keys", "The object's keys, as a list.")
def _obj_keys(ev: _Evaluator, this: dict[str, Value], args: Sequence[Value]) -> Value:
    keys: list[Value] = list(this)
    return keys


@_method("Object", "values", "The object's values, as a list.")
def _obj_values(ev: _Evaluator, this: dict[str, Value], args: Sequence[Value]) -> Value:
    return list(this.values())


@_method("RegExp", "matches", "Whether the pattern matches somewhere in a text.", (1, 1))
def _regex_matches(ev: _Evaluator, this: Regex, args: Sequence[Value]) -> Value:
    return _compile(this.pattern, this.flags).search(_text(args[0])) is not None


# -- summaries -------------------------------------------------------------------------


def _numbers(values: Iterable[Value]) -> list[float]:
    return [value for value in values if _is_number(value)]  # type: ignore[misc]


def _dates(values: Iterable[Value]) -> list[date]:
    return [value for value in values if isinstance(value, date)]


def _summary_average(values: Sequence[Value]) -> Value:
    numbers = _numbers(values)
    return _tidy(statistics.fmean(numbers)) if numbers else None


def _summary_range(values: Sequence[Value]) -> Value:
    numbers = _numbers(values)
    if numbers:
        return max(numbers) - min(numbers)
    dates = _dates(values)
    if dates:
        return _date_difference(max(dates, key=_as_datetime), min(dates, key=_as_datetime))
    return None


def _is_empty(value: Value) -> bool:
    return value is None or value in ("", [], {})


def _count_unique(values: Sequence[Value]) -> int:
    evaluator = _Evaluator(Context(now=datetime(1970, 1, 1)))
    kept: list[Value] = []
    for value in values:
        if not _is_empty(value) and not evaluator.contains(kept, value):
            kept.append(value)
    return len(kept)


def _when_any(pick: Callable[[list[float]], float]) -> Callable[[Sequence[Value]], Value]:
    def summary(values: Sequence[Value]) -> Value:
        numbers = _numbers(values)
        return _tidy(pick(numbers)) if numbers else None

    return summary


def _date_pick(pick: Callable[..., date]) -> Callable[[Sequence[Value]], Value]:
    def summary(values: Sequence[Value]) -> Value:
        dates = _dates(values)
        return pick(dates, key=_as_datetime) if dates else None

    return summary


#: Obsidian's built-in summaries: name -> (description, function of a column's values).
_SUMMARIES: dict[str, tuple[str, Callable[[Sequence[Value]], Value]]] = {
    "Average": ("The mean of the numbers.", _summary_average),
    "Min": ("The smallest number.", _when_any(min)),
    "Max": ("The largest number.", _when_any(max)),
    "Sum": ("The sum of the numbers.", _when_any(math.fsum)),
    "Range": ("Largest minus smallest number (or latest minus earliest date).", _summary_range),
    "Median": ("The median of the numbers.", _when_any(statistics.median)),
    "Stddev": ("The population standard deviation of the numbers.", _when_any(statistics.pstdev)),
    "Earliest": ("The earliest date.", _date_pick(min)),
    "Latest": ("The latest date.", _date_pick(max)),
    "Checked": ("How many values are true.", lambda vs: sum(1 for v in vs if v is True)),
    "Unchecked": ("How many values are false.", lambda vs: sum(1 for v in vs if v is False)),
    "Empty": (
        "How many values are empty (null, '', [] or {}).",
        lambda vs: sum(map(_is_empty, vs)),
    ),
    "Filled": ("How many values are not empty.", lambda vs: sum(not _is_empty(v) for v in vs)),
    "Unique": ("How many different values there are (empty ones left out).", _count_unique),
}


def summarise(
    name: str,
    values: Sequence[Value],
    ctx: Context | None = None,
    custom: Mapping[str, Expr | str] | None = None,
) -> Value:
    """A column's summary: a built-in one (``"Average"``) or one of the base's ``summaries``.

    A summary formula (``values.mean().round(3)``) sees the column's values
    as ``values``, and needs ``ctx`` for the rest of the language. Built-in
    names are matched case-insensitively; an unknown name is
    :class:`Unsupported`.
    """
    if custom is not None and name in custom:
        if ctx is None:
            raise ValueError("a summary formula is evaluated in a Context: pass ctx")
        source = custom[name]
        try:
            tree = _parse(source) if isinstance(source, str) else source
        except BasesSyntaxError as error:
            raise Unsupported(name, f"syntax error: {error}") from None
        return _guarded(lambda: _Evaluator(ctx, {"values": list(values)}).eval(tree))
    for builtin, (_, summary) in _SUMMARIES.items():
        if builtin.casefold() == name.casefold():
            return summary(values)
    raise Unsupported(name, "not a built-in summary nor one of the base's summary formulas")


# -- the public entry points -----------------------------------------------------------


def _guarded(run: Callable[[], Value]) -> Value:
    """Evaluation, with Python's stack limit reported as :class:`Unsupported`."""
    try:
        return run()
    except RecursionError:
        raise Unsupported("expression", "nested too deeply to evaluate") from None


def evaluate(expr: Expr | str, ctx: Context, scope: Mapping[str, Value] | None = None) -> Value:
    """The value of an expression (a tree, or text to parse) for ``ctx.file``.

    ``scope`` binds extra names (``values`` in a summary). Text that does not
    parse raises :class:`~.base_expressions.BasesSyntaxError`; what cannot
    be evaluated raises :class:`Unsupported`.
    """
    tree = _parse(expr) if isinstance(expr, str) else expr
    return _guarded(lambda: _Evaluator(ctx, scope).eval(tree))


def evaluate_formula(name: str, ctx: Context) -> Value:
    """The value of the base's formula ``name`` for ``ctx.file`` (remembered per note)."""
    return _guarded(lambda: _Evaluator(ctx).formula(name))


def column_value(property_id: str, ctx: Context) -> Value:
    """A column's value, named as a base names it: ``file.name``, ``formula.Age``, ``year``.

    The name after the prefix is taken as it is (``note.my prop`` works), so
    it need not be an expression. A bare name is a note property.
    """
    prefix, dot, rest = property_id.partition(".")
    evaluator = _Evaluator(ctx)
    if dot and prefix == "file":
        file = ctx.file
        return _guarded(lambda: evaluator.field(FileValue(file) if file else None, rest))
    if dot and prefix == "formula":
        return _guarded(lambda: evaluator.formula(rest))
    if dot and prefix in ("note", "property"):
        return evaluator.property(ctx.file, rest)
    return evaluator.property(ctx.file, property_id)


def matches(
    filter: object,
    ctx: Context,
    on_unsupported: Callable[[Unsupported], None] | None = None,
) -> bool:
    """Whether ``ctx.file`` passes a base's filter: an expression, or ``and``/``or``/``not``.

    A term that cannot be evaluated (or does not parse) is reported to
    ``on_unsupported`` and then treated as absent: an ``and`` or ``or``
    judges by its other terms, a ``not`` by its other terms, and a group
    left with no terms is absent itself. No filter at all lets every note
    through. ``not`` is true when none of its terms is.
    """
    report = on_unsupported or (lambda _error: None)
    verdict = _judge(filter, ctx, report)
    return True if verdict is None else verdict


def _judge(filter: object, ctx: Context, report: Callable[[Unsupported], None]) -> bool | None:
    """A filter's verdict, or ``None`` where it is absent (empty, or left out as unsupported)."""
    if filter is None:
        return None
    if isinstance(filter, bool):
        return filter
    if isinstance(filter, str):
        return _judge_term(filter, ctx, report)
    if isinstance(filter, Mapping) and len(filter) == 1:
        ((key, terms),) = filter.items()
        if key in ("and", "or", "not"):
            return _judge_group(str(key), terms, ctx, report)
    report(Unsupported(repr(filter), "a filter is an expression, or one of and/or/not with a list"))
    return None


def _judge_term(source: str, ctx: Context, report: Callable[[Unsupported], None]) -> bool | None:
    try:
        return is_truthy(evaluate(source, ctx))
    except Unsupported as error:
        report(error)
    except BasesSyntaxError as error:
        report(Unsupported(source, f"syntax error: {error}"))
    return None


def _judge_group(
    key: str, terms: object, ctx: Context, report: Callable[[Unsupported], None]
) -> bool | None:
    if terms is None:
        return None
    if isinstance(terms, str | Mapping) or not isinstance(terms, Iterable):
        terms = [terms]
    verdicts = [v for v in (_judge(term, ctx, report) for term in terms) if v is not None]
    if not verdicts:
        return None
    if key == "and":
        return all(verdicts)
    if key == "or":
        return any(verdicts)
    return not any(verdicts)


# -- what the documentation lists ------------------------------------------------------

#: Functions of Obsidian's language that cannot be evaluated when the site is built, and why.
UNSUPPORTED: dict[str, str] = {
    "random()": (
        "draws a new number each time a view is shown; a published page would freeze one "
        "draw, and the build would no longer be reproducible"
    ),
    "not()": "a function of the Bases beta, no longer in the language: write !expression",
    "empty()": "a function of the Bases beta, no longer in the language: write x.isEmpty()",
}


def _documented() -> dict[str, str]:
    entries: dict[str, str] = {}
    for name, function in _GLOBALS.items():
        entries[f"{name}()"] = function.description
    for type_name in _TYPES:
        for name, field in _FIELDS[type_name].items():
            entries[f"{type_name}.{name}"] = f"(field) {field.description}"
        for name, function in _METHODS[type_name].items():
            entries[f"{type_name}.{name}"] = function.description
    for name, (description, _) in _SUMMARIES.items():
        entries[f"Summary.{name}"] = description
    return entries


#: Everything the evaluator supports: ``"date()"``, ``"String.contains"``,
#: ``"Date.year"`` (a field), ``"Summary.Average"`` -> what it does.
SUPPORTED: dict[str, str] = _documented()

#: The built-in summaries, name -> what it computes.
SUMMARIES: dict[str, str] = {name: description for name, (description, _) in _SUMMARIES.items()}
