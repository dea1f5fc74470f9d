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
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"status": status, "seconds": seconds, "peak_mib": peak_kib / 1024}))
