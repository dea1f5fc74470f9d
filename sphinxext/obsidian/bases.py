"""Bases: ``.base`` files and ```` ```base ```` fences, rendered at build time.

A base is YAML (Obsidian 1.9+): ``filters`` choosing notes, ``formulas``,
``properties`` (display names), ``summaries`` and ``views`` (``table``,
``cards``, ``list``, ``map``). Its expressions are read and evaluated by
:mod:`.base_expressions` and :mod:`.base_functions`; this module joins them to
Sphinx:

* reading: a ``.base`` file is a page, one section per view (titled by the
  view's name, so ``![[x.base#View]]`` embeds one view), and a ``base``
  fence in a note stands for its views. Either leaves a :class:`base_view`
  placeholder, and the domain notes which pages show views. Each note's
  properties are kept in the domain, for the views to read;
* writing: a post-transform replaces each placeholder by the view, evaluated
  over every document of the project, with ``this`` the page showing it (an
  embedded base sees the note embedding it, as in Obsidian). Rows link to
  their notes. Tables, cards and lists are ordinary doctree nodes, so every
  builder shows them;
* incremental builds: after reading, every page showing a view has the
  view's rows fingerprinted; a page whose rows changed is written again, and
  no other.

An expression that cannot be evaluated at build time (an unknown function, a
function that needs the app) gives an ``obsidian.base`` warning at its line,
and the view is shown without that filter term or value.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import posixpath
import re
import reprlib
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .base_expressions import BasesSyntaxError, Expr, parse
from .base_functions import (
    Context,
    FileValue,
    Link,
    NoteFacts,
    NoteRef,
    Unsupported,
    Value,
    Widget,
    column_value,
    display,
    matches,
    sort_key,
    summarise,
)
from .embeds import IMAGES, attachment_index, safe_source_path
from .myst import ObsidianParser, titled_page, translated_message
from .nodes import base_view, builder_format, obsidian_domain, skip_node, wikilink_node
from .properties import read_yaml
from .resolution import name_key
from .syntax import WikiLink, parse_wikilink
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ObsidianDomain

__all__ = ["BaseParser", "fence_views", "setup_bases"]

#: the file type Sphinx knows ``.base`` files by
FILETYPE = "obsidian_base"
VIEW_TYPES = ("table", "cards", "list", "map")
#: terms a base's filters may hold, all views together (YAML aliases can repeat
#: a list of terms in itself, to billions)
MAX_FILTER_TERMS = 10_000
#: where the parser hands the base to the view directives, while it reads
_BASE = "obsidian_base_spec"


# -- the base, read from YAML ---------------------------------------------------------


@dataclasses.dataclass
class View:
    """One view of a base: what it shows and in what order."""

    kind: str
    name: str
    filters: object = None
    order: list[str] = dataclasses.field(default_factory=list)
    #: (property, descending)
    sort: list[tuple[str, bool]] = dataclasses.field(default_factory=list)
    limit: int | None = None
    group_by: tuple[str, bool] | None = None
    #: column -> summary name
    summaries: dict[str, str] = dataclasses.field(default_factory=dict)
    #: the property holding each card's picture (cards views)
    image: str = ""


@dataclasses.dataclass
class Base:
    """A base: its filters, formulas, display names, summaries and views."""

    filters: object = None
    formulas: dict[str, Expr] = dataclasses.field(default_factory=dict)
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    summaries: dict[str, Expr | str] = dataclasses.field(default_factory=dict)
    views: list[View] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Problem:
    message: str
    line: int


def _line_of(text: str, needle: str, first: int = 1) -> int:
    """The line of ``text`` where ``needle`` is written (``first`` if it is not)."""
    at = text.find(needle) if needle else -1
    return first + text.count("\n", 0, at) if at >= 0 else first


@functools.lru_cache(maxsize=256)
def read_base(text: str, first_line: int = 1) -> tuple[Base | None, list[Problem]]:
    """Read a base's YAML; ``None`` (with the problem) if it is not a base at all.

    Parts that are wrong (a view of an unknown type, an expression that does
    not parse) are problems, and are left out; the rest of the base stands.
    """
    problems: list[Problem] = []
    data, problem, at = read_yaml(text) if text.strip() else ({}, None, 0)
    if problem is not None:
        return None, [Problem(problem, first_line + at)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(f"a base is a YAML mapping, not a {type(data).__name__}", first_line)]
    base = Base()

    def where(needle: str) -> int:
        return _line_of(text, needle, first_line)

    budget = [MAX_FILTER_TERMS]

    def check_filter(value: object, what: str) -> object:
        """The filter, with the expressions that do not parse left out."""
        if value is None:
            return None
        budget[0] -= 1
        if budget[0] == -1:
            problems.append(
                Problem(
                    f"{what}: the filters hold more than {MAX_FILTER_TERMS:,} terms "
                    "(YAML aliases repeat them); the rest are left out",
                    where("filters"),
                )
            )
        if budget[0] < 0:
            return None
        if isinstance(value, str):
            try:
                parse(value)
            except BasesSyntaxError as error:
                problems.append(
                    Problem(f"{what}: {value!r} is not an expression: {error}", where(value))
                )
                return None
            return value
        if isinstance(value, dict) and len(value) == 1:
            ((key, inner),) = value.items()
            if key in ("and", "or", "not") and isinstance(inner, list):
                kept = [check_filter(item, what) for item in inner]
                return {key: [item for item in kept if item is not None]}
        problems.append(
            Problem(
                f"{what}: a filter is an expression or one of and, or, not with a list; "
                f"{reprlib.repr(value)} is left out",
                where(str(next(iter(value), ""))[:200] if isinstance(value, dict) else what),
            )
        )
        return None

    base.filters = check_filter(data.get("filters"), "filters")
    base.formulas = _expressions(data.get("formulas"), "formula", where, problems)
    base.summaries = dict(_expressions(data.get("summaries"), "summary", where, problems))
    properties = data.get("properties") or {}
    if isinstance(properties, dict):
        for key, settings in properties.items():
            if isinstance(settings, dict) and isinstance(settings.get("displayName"), str):
                base.names[str(key)] = settings["displayName"]
            elif not (isinstance(settings, dict) and "displayName" not in settings):
                problems.append(
                    Problem(
                        f"properties: {key!r} has no displayName text; left out", where(str(key))
                    )
                )
    else:
        problems.append(
            Problem(
                "properties is not a mapping of properties to settings; left out",
                where("properties"),
            )
        )
    views = data.get("views")
    if views is None:
        views = [{"type": "table", "name": "Table"}]
    if not isinstance(views, list):
        problems.append(
            Problem("views is not a list; a table of every note is shown", where("views"))
        )
        views = [{"type": "table", "name": "Table"}]
    for position, raw in enumerate(views):
        view = _read_view(raw, position, where, check_filter, problems)
        if view is None:
            continue
        if any(other.name == view.name for other in base.views):
            problems.append(
                Problem(
                    f"two views are named {view.name!r}: ![[base#{view.name}]] shows the first",
                    where(f"name: {view.name}"),
                )
            )
        base.views.append(view)
    return base, problems


def _expressions(
    table: object, what: str, where: Callable[[str], int], problems: list[Problem]
) -> dict[str, Expr]:
    """A base's ``formulas`` or ``summaries``, read; those that do not parse left out."""
    read: dict[str, Expr] = {}
    if table is None:
        return read
    if not isinstance(table, dict):
        problems.append(
            Problem(
                f"{what}s: {reprlib.repr(table)} is not a mapping of names to "
                "expressions; left out",
                where(f"{what}s"),
            )
        )
        return read
    for name, source in table.items():
        if not isinstance(source, str | int | float) or isinstance(source, bool):
            problems.append(
                Problem(
                    f"{what} {name!r}: {reprlib.repr(source)} is not an expression; left out",
                    where(str(name)),
                )
            )
            continue
        try:
            read[str(name)] = parse(str(source))
        except BasesSyntaxError as error:
            problems.append(
                Problem(
                    f"{what} {name!r}: {reprlib.repr(source)} is not an expression: {error}",
                    where(str(source)),
                )
            )
    return read


def _read_view(
    raw: object,
    position: int,
    where: Any,
    check_filter: Any,
    problems: list[Problem],
) -> View | None:
    if not isinstance(raw, dict):
        problems.append(Problem(f"view {position + 1} is not a mapping; left out", where("views")))
        return None
    name = str(raw.get("name") or f"View {position + 1}")
    kind = str(raw.get("type") or "table")
    at = where(f"name: {name}") if raw.get("name") else where("views")
    if kind not in VIEW_TYPES:
        problems.append(
            Problem(
                f"view {name!r} has the type {kind!r}, which is not one of "
                f"{', '.join(VIEW_TYPES)}; shown as a table",
                at,
            )
        )
        kind = "table"
    view = View(kind, name, check_filter(raw.get("filters"), f"view {name!r}"))

    def ignored(part: str, why: str) -> None:
        problems.append(
            Problem(f"view {name!r}: {part} {reprlib.repr(raw.get(part))} {why}; left out", at)
        )

    order = raw.get("order")
    if isinstance(order, list):
        view.order = [str(item) for item in order if isinstance(item, str | int | float)]
        if len(view.order) != len(order):
            ignored("order", "holds entries that are not property names")
    elif order is not None:
        ignored("order", "is not a list of properties")
    sort = raw.get("sort")
    if sort is not None and not isinstance(sort, list):
        ignored("sort", "is not a list of {property, direction}")
    for entry in sort if isinstance(sort, list) else []:
        # ``column`` is what the first releases of Bases wrote
        key = entry.get("property") or entry.get("column") if isinstance(entry, dict) else None
        if isinstance(key, str) and key:
            direction = str(entry.get("direction", "ASC")).upper()
            view.sort.append((key, direction == "DESC"))
        else:
            ignored("sort", "holds an entry without a property")
    limit = raw.get("limit")
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
        view.limit = limit
    elif limit is not None:
        ignored("limit", "is not a positive whole number")
    _read_presentation(raw, view, ignored)
    return view


def _read_presentation(
    raw: dict[Any, Any], view: View, ignored: Callable[[str, str], None]
) -> None:
    """A view's grouping, summaries and card pictures."""
    group = raw.get("groupBy")
    if isinstance(group, dict) and isinstance(group.get("property"), str):
        view.group_by = (
            group["property"],
            str(group.get("direction", "ASC")).upper() == "DESC",
        )
    elif isinstance(group, str) and group:
        view.group_by = (group, False)
    elif group is not None:
        ignored("groupBy", "names no property")
    summaries = raw.get("summaries")
    if isinstance(summaries, dict):
        view.summaries = {
            str(key): str(value) for key, value in summaries.items() if isinstance(value, str)
        }
        if len(view.summaries) != len(summaries):
            ignored("summaries", "holds a summary that is not a name")
    elif summaries is not None:
        ignored("summaries", "is not a mapping of properties to summaries")
    image = raw.get("image")
    if isinstance(image, str):
        view.image = image
    elif image is not None:
        ignored("image", "names no property")


# -- reading: .base pages and base fences ------------------------------------------------


class BaseParser(ObsidianParser):
    """Reads a ``.base`` file into a page: one section per view."""

    supported: ClassVar[tuple[str, ...]] = (FILETYPE,)  # type: ignore[misc]

    def parse(self, inputstring: str, document: nodes.document) -> None:
        if translated_message(document):
            super().parse(inputstring, document)
            return
        env = document.settings.env
        base = _read_reporting(inputstring, 1, env)
        if base is None:
            obsidian_domain(env).record_note(env.docname, [])
            titled_page(document, nodes.literal_block(inputstring, inputstring))
            return
        parts = []
        for index, view in enumerate(base.views):
            heading = _escape_heading(view.name)
            parts.append(f"## {heading}\n\n```{{obsidian-base-view}} {index}\n```\n")
        document[_BASE] = (inputstring, base)
        try:
            super().parse("\n".join(parts), document)
        finally:
            document.attributes.pop(_BASE, None)


def _read_reporting(source: str, first_line: int, env: BuildEnvironment) -> Base | None:
    """:func:`read_base` for the document being read, its problems warned at their
    lines (only there: the views read the same base again, from the cache)."""
    base, problems = read_base(source, first_line)
    for problem in problems:
        warn(
            ObsidianWarning.BASE,
            f"base: {problem.message}",
            (env.docname, problem.line),
            env.config,
        )
    return base


def _escape_heading(text: str) -> str:
    """A view's name as the text of a Markdown heading, every mark escaped."""
    flat = " ".join(text.split())
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~=%^$&:])", r"\\\1", flat) or "View"


class BaseViewDirective(SphinxDirective):
    """A view of the base being read (written by :class:`BaseParser`)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        held = self.state.document.get(_BASE)
        try:
            index = int(self.arguments[0])
        except ValueError:
            index = -1
        if held is None or not 0 <= index < len(held[1].views):
            warn(
                ObsidianWarning.BASE,
                "the obsidian-base-view directive only works in .base files",
                (self.env.docname, self.lineno),
                self.config,
            )
            return []
        source, _base = held
        return [_placeholder(self.env, source, index, 1, self.state.document["source"])]


def _placeholder(
    env: BuildEnvironment, source: str, index: int, line: int, filename: str
) -> base_view:
    node = base_view("", base_source=source, view=index, base_doc=env.docname, base_line=line)
    node.source, node.line = filename, line
    obsidian_domain(env).note_view(env.docname, source, index, line)
    return node


def fence_views(renderer: Any, source: str, line: int) -> None:
    """A ```` ```base ```` fence: its views where it stands (each titled when
    there are several). Called by the note renderer."""
    env = renderer.sphinx_env
    base = _read_reporting(source, line + 1, env)
    if base is None:
        block = nodes.literal_block(source, source, language="yaml")
        renderer.current_node.append(block)
        return
    filename = renderer.document["source"]
    for index, view in enumerate(base.views):
        if len(base.views) > 1:
            renderer.current_node.append(
                nodes.rubric(view.name, view.name, classes=["obsidian-base-title"])
            )
        renderer.current_node.append(_placeholder(env, source, index, line + 1, filename))


# -- the vault as the views see it -------------------------------------------------------


@dataclasses.dataclass
class Vault:
    """Every document's facts, made once per process and build."""

    facts: dict[str, NoteFacts]
    docname_of: dict[str, str]
    now: datetime


def _vault_root(env: BuildEnvironment) -> str:
    """The vault's top folder inside the project (``""``: the source folder).

    Paths in a base (``file.inFolder("Books")``, ``file.path``) are the
    vault's: when the notes sit in a folder of the project that holds
    Obsidian's ``.obsidian`` settings folder, paths start there.
    """
    src = Path(env.srcdir)
    if (src / ".obsidian").is_dir():
        return ""
    for child in sorted(src.iterdir()) if src.is_dir() else []:
        if child.is_dir() and (child / ".obsidian").is_dir():
            return child.name
    return ""


def _moment(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds).replace(microsecond=0)


def vault(env: BuildEnvironment) -> Vault:
    """The facts of every document of the project, for the views."""
    domain = obsidian_domain(env)
    cached = domain.base_vault
    if cached is not None and cached[0] == (id(env.found_docs), domain.read_generation):
        return cast(Vault, cached[1])
    root = _vault_root(env)
    prefix = f"{root}/" if root else ""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = _moment(float(epoch)) if epoch and epoch.isdigit() else _moment(time.time())
    paths: dict[str, str] = {}
    for docname in env.found_docs:
        if docname in domain.data["generated"]:
            continue
        relative = str(env.doc2path(docname, False)).replace(os.sep, "/")
        paths[docname] = relative[len(prefix) :] if relative.startswith(prefix) else relative
    # what each page links to, and (inverted) the pages linking to each page,
    # whether or not the site shows "Linked mentions"
    linked: dict[str, set[str]] = {}
    for docname in paths:
        targets = domain.data["targets"].get(docname, [])
        found = {domain.resolve_path(target, docname).docname for target in targets}
        linked[docname] = {doc for doc in found if doc is not None and doc in paths}
    backlinks: dict[str, list[str]] = {}
    for docname, targets in linked.items():
        for doc in targets - {docname}:
            backlinks.setdefault(doc, []).append(paths[docname])
    facts: dict[str, NoteFacts] = {}
    for docname, path in paths.items():
        try:
            stat = Path(env.doc2path(docname)).stat()
            size, mtime = stat.st_size, _moment(stat.st_mtime)
        except OSError:
            size, mtime = 0, now
        embeds = []
        for key in domain.data["embeds"].get(docname, []):
            embedded = domain.resolve_path(key, docname).docname
            if embedded is not None and embedded in paths:
                embeds.append(paths[embedded])
        facts[docname] = NoteFacts.from_path(
            path,
            ctime=mtime,
            mtime=mtime,
            size=size,
            tags=[tag.lstrip("#") for tag in domain.data["tags"].get(docname, [])],
            links=sorted(paths[doc] for doc in linked[docname]),
            embeds=sorted(set(embeds)),
            backlinks=sorted(backlinks.get(docname, [])),
            properties=domain.data["properties"].get(docname, {}),
        )
    made = Vault(facts, {path: docname for docname, path in paths.items()}, now)
    domain.base_vault = ((id(env.found_docs), domain.read_generation), made)
    return made


# -- evaluating a view -------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    docname: str
    facts: NoteFacts
    cells: list[Value]


@dataclasses.dataclass
class Result:
    """A view's rows, in groups (one unnamed group when not grouped)."""

    view: View
    columns: list[str]
    groups: list[tuple[Value, list[Row]]]
    summaries: dict[str, Value]
    unsupported: list[str]


def evaluate_view(env: BuildEnvironment, base: Base, view: View, this: str) -> Result:
    """The rows ``view`` shows on the page ``this``."""
    return _Evaluation(env, base, this).run(view)


class _Evaluation:
    """One view evaluated for one page; what cannot be evaluated is noted
    (for one warning each) and left out, never the whole view."""

    def __init__(self, env: BuildEnvironment, base: Base, this: str) -> None:
        self.made = made = vault(env)
        self.domain = obsidian_domain(env)
        self.base = base
        self.this = this
        self.unsupported: list[str] = []
        self.context = Context(
            now=made.now,
            this=made.facts.get(this),
            formulas=base.formulas,
            resolve=self.resolve,
            notes_by_path={facts.path: facts for facts in made.facts.values()},
        )

    def resolve(self, text: str) -> str | None:
        found = self.domain.resolve_path(text.split("#", 1)[0], self.this).docname
        facts = self.made.facts
        return facts[found].path if found is not None and found in facts else None

    def note(self, problem: Exception) -> None:
        if not isinstance(problem, Unsupported):
            # an odd value the evaluator did not foresee (a 5,000-digit number,
            # NaN in a summary): that value is left out, not the view
            problem = Unsupported("a value", f"it cannot be computed ({type(problem).__name__})")
        text = str(problem)
        if text not in self.unsupported:
            self.unsupported.append(text)

    def passes(self, filters: object, here: Context) -> bool:
        if filters is None:
            return True
        try:
            return matches(filters, here, self.note)
        except Exception as error:
            self.note(error)
            return False

    def value(self, name: str, here: Context) -> Value:
        try:
            return column_value(name, here)
        except Exception as problem:
            self.note(problem)
            return None

    def run(self, view: View) -> Result:
        chosen: list[tuple[str, NoteFacts, Context]] = []
        for docname in sorted(self.made.facts):
            facts = self.made.facts[docname]
            here = self.context.for_file(facts)
            if self.passes(self.base.filters, here) and self.passes(view.filters, here):
                chosen.append((docname, facts, here))
        for name, descending in reversed(view.sort):
            keys = [sort_key(self.value(name, here), descending) for *_, here in chosen]
            try:
                order = sorted(range(len(chosen)), key=keys.__getitem__)
            except Exception as problem:  # values that cannot be compared
                self.note(problem)
                continue
            chosen = [chosen[position] for position in order]
        if view.limit is not None:
            chosen = chosen[: view.limit]
        columns = view.order or ["file.name"]
        rows = [
            Row(docname, facts, [self.value(column, here) for column in columns])
            for docname, facts, here in chosen
        ]
        groups = self.groups(view, rows, [here for *_, here in chosen])
        return Result(view, columns, groups, self.summaries(view, columns, rows), self.unsupported)

    def groups(
        self, view: View, rows: list[Row], contexts: list[Context]
    ) -> list[tuple[Value, list[Row]]]:
        if view.group_by is None:
            return [(None, rows)]
        name, descending = view.group_by
        keyed: dict[str, tuple[Value, list[Row]]] = {}
        for row, here in zip(rows, contexts, strict=True):
            group_value = self.value(name, here)
            keyed.setdefault(display(group_value), (group_value, []))[1].append(row)
        return sorted(keyed.values(), key=lambda item: sort_key(item[0], descending))

    def summaries(self, view: View, columns: list[str], rows: list[Row]) -> dict[str, Value]:
        summaries: dict[str, Value] = {}
        for column, summary in view.summaries.items():
            if column not in columns:
                continue
            values = [row.cells[columns.index(column)] for row in rows]
            try:
                summaries[column] = summarise(summary, values, self.context, self.base.summaries)
            except Exception as problem:
                self.note(problem)
        return summaries


def _where(source: str, name: str) -> int:
    """The line of a base where ``name`` (``summonDragon()``, ``String.join``,
    ``formula.missing``) is written: the name, else its last part."""
    bare = name.removesuffix("()")
    for needle in (bare, bare.rsplit(".", 1)[-1] + "(", bare.rsplit(".", 1)[-1]):
        if needle and needle in source:
            return _line_of(source, needle)
    return 1


def fingerprint(result: Result) -> str:
    """What a reader sees of a view, in a few bytes (to tell whether it changed):
    every value as shown, where each link leads, and the cards' pictures."""
    digest = hashlib.blake2b(digest_size=12)
    picture = result.view.image.removeprefix("note.")
    for label, rows in result.groups:
        digest.update(f"\x00{_printed(label)}".encode())
        for row in rows:
            digest.update(f"\x01{row.docname}".encode())
            for cell in row.cells:
                digest.update(f"\x02{_printed(cell)}".encode())
            if picture:
                digest.update(f"\x04{row.facts.properties.get(picture)!r}".encode())
    for column, summary in result.summaries.items():
        digest.update(f"\x03{column}={_printed(summary)}".encode())
    return digest.hexdigest()


def _printed(value: Value) -> str:
    """A value as shown, with where its links lead."""
    if isinstance(value, list):
        return "[" + ",".join(_printed(item) for item in value) + "]"
    if isinstance(value, Link):
        return f"{display(value)}->{value.path}"
    if isinstance(value, FileValue | NoteRef):
        return f"file:{value.facts.path}"
    return display(value)


# -- writing: the views as doctree nodes ----------------------------------------------


def _heading(base: Base, column: str) -> str:
    bare = column.removeprefix("note.")
    for key in (column, bare, f"note.{bare}"):
        if key in base.names:
            return base.names[key]
    if column.startswith("formula."):
        return column[len("formula.") :]
    return {"file.name": "Name", "file.basename": "Name"}.get(column, bare)


def _link_to(docname: str, host: str, text: str) -> nodes.Node:
    # from the project's root: a row may be any document, a canvas or a base too
    link = WikiLink(path=f"/{docname}")
    return wikilink_node(link, host, rawsource=f"[[{docname}]]", content=[nodes.Text(text)])


def _cell(value: Value, column: str, row: Row, host: str, made: Vault) -> list[nodes.Node]:
    """A value as nodes: links link, lists are joined, names link to their note."""
    if column in ("file.name", "file.basename"):
        # a note by its name, as Obsidian's views show it (no ``.md``)
        name = row.facts.basename if row.facts.ext == "md" else row.facts.name
        return [_link_to(row.docname, host, name)]
    if column == "file.path":
        return [_link_to(row.docname, host, display(value) or row.facts.path)]
    return _value_nodes(value, host, made)


def _value_nodes(value: Value, host: str, made: Vault) -> list[nodes.Node]:
    if isinstance(value, list):
        out: list[nodes.Node] = []
        for position, item in enumerate(value):
            if position:
                out.append(nodes.Text(", "))
            out.extend(_value_nodes(item, host, made))
        return out
    if isinstance(value, Link) and value.path is not None and value.path in made.docname_of:
        return [_link_to(made.docname_of[value.path], host, display(value))]
    if isinstance(value, FileValue | NoteRef) and value.facts.path in made.docname_of:
        return [_link_to(made.docname_of[value.facts.path], host, value.facts.basename)]
    if (
        isinstance(value, Widget)
        and value.kind == "image"
        and value.value.startswith(("https://", "http://"))
    ):
        return [_web_picture(value.value, [])]
    text = display(value)
    return [nodes.Text(text)] if text else []


def _table(
    base: Base, result: Result, rows: list[Row], host: str, made: Vault, with_summaries: bool
) -> nodes.table:
    columns = result.columns
    table = nodes.table(classes=["obsidian-base-table"])
    group = nodes.tgroup(cols=len(columns))
    table += group
    # widths in characters (the text and LaTeX writers use them; HTML ignores them)
    for position, column in enumerate(columns):
        summary = result.summaries.get(column) if with_summaries else None
        widest = max(
            len(_heading(base, column)),
            len(f"{result.view.summaries.get(column)}: {display(summary)}") if summary else 0,
            *(len(display(row.cells[position])) for row in rows),
        )
        group += nodes.colspec(colwidth=min(max(widest, 4), 40))
    head = nodes.thead()
    group += head
    header = nodes.row()
    for column in columns:
        header += nodes.entry("", nodes.paragraph("", _heading(base, column)))
    head += header
    body = nodes.tbody()
    group += body
    for row in rows:
        line = nodes.row()
        for column, value in zip(columns, row.cells, strict=True):
            line += nodes.entry("", nodes.paragraph("", "", *_cell(value, column, row, host, made)))
        body += line
    if with_summaries and result.summaries:
        line = nodes.row(classes=["obsidian-base-summary"])
        for column in columns:
            text = ""
            if column in result.summaries:
                text = f"{result.view.summaries[column]}: {display(result.summaries[column])}"
            line += nodes.entry("", nodes.paragraph("", text))
        body += line
    if not rows:
        line = nodes.row()
        line += nodes.entry("", nodes.paragraph("", "No notes match."), morecols=len(columns) - 1)
        body += line
    return table


def _cards(
    env: BuildEnvironment, base: Base, result: Result, rows: list[Row], host: str, made: Vault
) -> nodes.Element:
    holder = nodes.container(classes=["obsidian-base-cards"])
    for row in rows:
        card = nodes.container(classes=["obsidian-base-card"])
        if result.view.image:
            picture = _picture(env, result.view.image, row, host)
            if picture is not None:
                card += picture
        title = nodes.paragraph(classes=["obsidian-base-card-title"])
        title += nodes.strong("", "", _link_to(row.docname, host, row.facts.basename))
        card += title
        for column, value in zip(result.columns, row.cells, strict=True):
            if column in ("file.name", "file.basename") or value in (None, "", []):
                continue
            line = nodes.paragraph(classes=["obsidian-base-card-property"])
            line += nodes.inline("", f"{_heading(base, column)}: ", classes=["obsidian-base-key"])
            line.extend(_cell(value, column, row, host, made))
            card += line
        holder += card
    if not rows:
        holder += nodes.paragraph("", "No notes match.")
    return holder


def _web_picture(address: str, classes: list[str]) -> nodes.image:
    """A picture on the web, as Sphinx's image collector would have left it
    (views are made after it ran): a URI it does not copy."""
    return nodes.image(address, uri=address, alt="", candidates={"?": address}, classes=classes)


def _as_links(content: nodes.Element) -> None:
    """Web pictures as links to them, for builders that cannot show them
    (LaTeX would fetch them; text and man pages have no pictures). The
    vault's own pictures stay: every builder has them."""
    for image in list(content.findall(nodes.image)):
        if "?" in image.get("candidates", {}):
            address = image["uri"]
            image.replace_self(nodes.reference(address, address, refuri=address))


def _picture(env: BuildEnvironment, image: str, row: Row, host: str) -> nodes.Node | None:
    """A card's picture: the value of the view's ``image`` property, if it is
    the address of a picture on the web, or names a picture of the vault."""
    value = row.facts.properties.get(image.removeprefix("note."))
    if isinstance(value, list) and len(value) == 1:
        value = value[0]  # ``cover: [[x.png]]`` unquoted is YAML's list in a list
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            value = f"[[{value[0]}]]"
    if not isinstance(value, str):
        return None
    if value.startswith(("https://", "http://")):
        return _web_picture(value, ["obsidian-base-card-image"])
    return _vault_picture(env, value, row.docname, host)


def _vault_picture(env: BuildEnvironment, value: str, note: str, host: str) -> nodes.image | None:
    """A picture of the vault that a property names as Obsidian takes it
    (``[[cover.png]]``, ``![[cover.png]]``, a path), found from the note.

    The view is made when its page is written, after Sphinx collected the
    pictures it copies, so the picture is added to them here for the page
    showing it; the picture's own page is not read again when it changes.
    """
    text = value.strip().removeprefix("!")
    if text.startswith("[[") and text.endswith("]]"):
        link = parse_wikilink(text[2:-2])
        text = link.path if link is not None else ""
    if posixpath.splitext(text)[1].lower() not in IMAGES:
        return None
    found = attachment_index(env).resolve(text, note, use_aliases=False).docname
    if found is None or safe_source_path(env, found) is None:
        return None
    env.images.add_file(host, found)
    return nodes.image(
        value, uri=found, alt="", candidates={"*": found}, classes=["obsidian-base-card-image"]
    )


def _list(base: Base, result: Result, rows: list[Row], host: str, made: Vault) -> nodes.Element:
    items = nodes.bullet_list(classes=["obsidian-base-list"])
    for row in rows:
        paragraph = nodes.paragraph()
        paragraph += _link_to(row.docname, host, row.facts.basename)
        extra = [
            (column, value)
            for column, value in zip(result.columns, row.cells, strict=True)
            if column not in ("file.name", "file.basename") and value not in (None, "", [])
        ]
        for position, (column, value) in enumerate(extra):
            paragraph += nodes.Text(" — " if position == 0 else ", ")
            paragraph.extend(_cell(value, column, row, host, made))
        items += nodes.list_item("", paragraph)
    if not rows:
        return nodes.paragraph("", "No notes match.")
    return items


def render_view(
    env: BuildEnvironment, base: Base, view: View, host: str
) -> tuple[nodes.Element, Result]:
    made = vault(env)
    result = evaluate_view(env, base, view, host)
    holder = nodes.container(classes=["obsidian-base", f"obsidian-base-{view.kind}"])
    if view.kind == "map":
        holder += nodes.paragraph(
            "",
            "A map view is shown as a table: maps are drawn by Obsidian's app only.",
            classes=["obsidian-base-note"],
        )
    grouped = view.group_by is not None
    for label, rows in result.groups:
        if grouped:
            holder += nodes.rubric(
                "",
                "",
                *(_value_nodes(label, host, made) or [nodes.Text("(none)")]),
                classes=["obsidian-base-group"],
            )
        if view.kind == "cards":
            holder += _cards(env, base, result, rows, host, made)
        elif view.kind == "list":
            holder += _list(base, result, rows, host, made)
        else:
            holder += _table(base, result, rows, host, made, with_summaries=not grouped)
    if grouped and result.summaries and view.kind in ("table", "map"):
        summary = nodes.paragraph(classes=["obsidian-base-summary"])
        summary += nodes.Text(
            "; ".join(
                f"{_heading(base, column)} {view.summaries[column]}: {display(value)}"
                for column, value in result.summaries.items()
            )
        )
        holder += summary
    return holder, result


class BaseViews(SphinxPostTransform):
    """Each view evaluated over the project, where its placeholder stands."""

    # after embeds (5): an embedded base shows the embedding page's view; before the
    # references are resolved (10), so the rows' links are resolved as any link
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        views = list(self.document.findall(base_view))
        if not views:
            return
        host = self.env.docname
        for placeholder in views:
            try:
                base, _problems = read_base(placeholder["base_source"])
                if base is None or placeholder["view"] >= len(base.views):
                    placeholder.replace_self(nodes.paragraph("", "This base cannot be read."))
                    continue
                view = base.views[placeholder["view"]]
                rendered, result = render_view(self.env, base, view, host)
                if builder_format(self) != "html":
                    _as_links(rendered)
                # a view embedded elsewhere was reported on its own page
                if placeholder["base_doc"] == host:
                    for problem in result.unsupported:
                        # the line of the base where the name is written
                        line = _where(placeholder["base_source"], problem.split(":", 1)[0])
                        warn(
                            ObsidianWarning.BASE,
                            f"base view {view.name!r}: {problem}; shown without it",
                            (placeholder["base_doc"], placeholder["base_line"] + line - 1),
                            self.config,
                        )
                placeholder.replace_self(rendered)
            except Exception as error:  # one view must not cost the site
                warn(
                    ObsidianWarning.NOT_RENDERED,
                    f"base view not shown after an unexpected {type(error).__name__}: {error}",
                    (placeholder["base_doc"], placeholder["base_line"]),
                    self.config,
                )
                placeholder.replace_self(nodes.paragraph("", "This view could not be shown."))


# -- incremental builds ----------------------------------------------------------------


def _pages_with_views(
    domain: ObsidianDomain, env: BuildEnvironment
) -> dict[str, list[tuple[str, int]]]:
    """Each page showing a view (its own, or a base it embeds), with the views."""
    own: dict[str, list[tuple[str, int, int]]] = domain.data["views"]
    shown: dict[str, list[tuple[str, int]]] = {
        docname: [(source, index) for source, index, _line in views]
        for docname, views in own.items()
    }
    if own:
        # a page showing a view shows it wherever the page is embedded, however
        # deep (embeds nest at most 8 levels); the embeds table keeps the names
        # embedded notes end in
        for _ in range(8):
            grown = False
            by_key: dict[str, list[str]] = {}
            for docname in shown:
                by_key.setdefault(name_key(posixpath.basename(docname)), []).append(docname)
            for docname, keys in domain.data["embeds"].items():
                for key in keys:
                    for found in by_key.get(key, ()):
                        if found == docname:
                            continue
                        views = set(shown.get(docname, ()))
                        added = [view for view in shown[found] if view not in views]
                        if added:
                            shown.setdefault(docname, []).extend(added)
                            grown = True
            if not grown:
                break
    return shown


#: what makes a view show something else with no document changed
_CLOCK = ("now(", "today(")


def _rewrite_changed_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose views show other rows than when they were last written.

    Each builder keeps its own record (``sphinx-build -M`` builders share one
    environment, and each writes its own pages). A view that does not depend
    on the page showing it (no ``this``) is evaluated once, whatever the
    number of pages showing it.
    """
    domain = obsidian_domain(env)
    every: dict[str, dict[str, str]] = domain.data["view_prints"]
    prints = every.get(app.builder.name, {})
    pages = _pages_with_views(domain, env)
    if (
        not domain.read_this_build
        and not domain.removed_this_build
        and set(prints) == set(pages)
        and not any(
            clock in source for views in pages.values() for source, _ in views for clock in _CLOCK
        )
    ):
        return []  # nothing a view reads has changed
    shared: dict[tuple[str, int], str] = {}
    new: dict[str, str] = {}
    for docname, views in pages.items():
        digest = hashlib.blake2b(digest_size=12)
        for source, index in views:
            key = (source, index)
            if key in shared:
                digest.update(shared[key].encode())
                continue
            base, _problems = read_base(source)
            if base is None or index >= len(base.views):
                continue
            try:
                printed = fingerprint(evaluate_view(env, base, base.views[index], docname))
            except Exception:  # shown as a warning when the page is written
                printed = "fault"
            if "this" not in source:
                shared[key] = printed
            digest.update(printed.encode())
        new[docname] = digest.hexdigest()
    changed = [
        docname
        for docname, value in new.items()
        if prints.get(docname) != value and docname not in domain.read_this_build
    ]
    every[app.builder.name] = new
    return sorted(changed)


def setup_bases(app: Sphinx) -> None:
    """Make ``.base`` files pages and ``base`` fences views."""
    app.add_source_suffix(".base", FILETYPE)
    app.add_source_parser(BaseParser)
    app.add_directive("obsidian-base-view", BaseViewDirective)
    app.add_post_transform(BaseViews)
    # replaced before any writer sees it; shown as nothing if one ever did
    skip = (skip_node, None)
    app.add_node(base_view, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    # late: after the backlinks and the navigation are made (env-updated)
    app.connect("env-get-updated", _rewrite_changed_views, priority=800)
