"""Run one Sphinx build in this process and print what it cost as JSON.

    python _build_once.py SRCDIR CONFDIR OUTDIR JOBS FRESH

``FRESH`` is 1 for a build from nothing (``-E``), 0 to reuse the previous
build's environment (a rebuild). Besides times and peak memory it reports how
many documents were read and how many pages were written, which is what the
incremental-build targets are about.
"""

from __future__ import annotations

import functools
import io
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: pages every HTML build writes, whatever changed
_ALWAYS = {"genindex", "search", "py-modindex"}


def _mark(marks: dict[str, float], phase: str, *args: Any) -> None:
    """Note when a phase starts (handlers of ``env-updated`` must return nothing)."""
    marks.setdefault(phase, time.perf_counter())


def main(srcdir: str, confdir: str, outdir: str, jobs: int, fresh: bool) -> dict[str, Any]:
    read: list[str] = []
    written: list[str] = []
    #: wall-clock time at the start of each phase, seen from this process
    marks: dict[str, float] = {}
    started = time.perf_counter()
    app = Sphinx(
        srcdir,
        confdir,
        outdir,
        str(Path(outdir) / ".doctrees"),
        "html",
        status=None,
        warning=io.StringIO(),
        freshenv=fresh,
        parallel=jobs,
    )
    # every document read, also those the extension reads again after planning
    # its navigation (seen only in this process, as for written pages)
    app.connect("doctree-read", lambda app, doctree: read.append(app.env.docname))
    app.connect(
        "html-page-context",
        lambda app, pagename, *args: written.append(pagename) if pagename not in _ALWAYS else None,
    )
    for event, phase in (
        ("env-before-read-docs", "read"),
        ("env-updated", "consistency"),
        ("write-started", "write"),
        ("build-finished", "finish"),
    ):
        app.connect(event, functools.partial(_mark, marks, phase))
    app.build()
    seconds = time.perf_counter() - started
    ends = [*list(marks.values())[1:], started + seconds]
    phases = {name: end - mark for (name, mark), end in zip(marks.items(), ends, strict=True)}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "status": app.statuscode,
        "seconds": seconds,
        # CPU time: steadier than wall time on a machine doing other work;
        # parallel builds spend theirs in worker processes
        "cpu_seconds": usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        # wall time from the start of reading, of resolving (after every
        # document is read), of writing and of the build's last handlers
        "phases": phases,
        "read": len(read) if jobs == 1 else None,
        # which ones, when there are few (what an incremental build chose to read)
        "read_docs": read if jobs == 1 and len(read) <= 20 else None,
        # written pages are seen only in this process (not in parallel writers)
        "written": len(written) if jobs == 1 else None,
        "written_docs": written if jobs == 1 and len(written) <= 20 else None,
    }


if __name__ == "__main__":
    src, conf, out, jobs, fresh = sys.argv[1:6]
    print(json.dumps(main(src, conf, out, int(jobs), fresh == "1")))
