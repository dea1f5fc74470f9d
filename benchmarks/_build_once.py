"""Run one Sphinx build in this process and print its time and peak memory as JSON."""

from __future__ import annotations

import json
import resource
import sys
import time

from sphinx.cmd.build import build_main

if __name__ == "__main__":
    started = time.perf_counter()
    status = build_main(sys.argv[1:])
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "status": status,
                "seconds": seconds,
                # CPU time: steadier than wall time on a machine doing other work
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_mib": usage.ru_maxrss / 1024,
            }
        )
    )
