"""bench/bench_tables.py MODE FILE - one Python reading of an 835, in this
(fresh) process, for bench/run_tables.sh:

    remit_tables   libx12.remit_tables(FILE): the whole input as DataFrames
    iter           libx12.iter_remit_tables(FILE, claims=50_000), each batch
                   dropped before the next (the caller's loop variable
                   still holds one while the next is made)
    parse          libx12.parse_835(FILE): the dataclass tree
    stream         libx12.stream_claims(FILE): one ClaimPayment at a time

Prints MB/s of input (10^6 bytes) per CPU second (user + system of this
process, which other load on a shared machine does not distort) and per
wall second, the peak RSS of the process, and its RSS once libx12, numpy
and pandas are imported (the floor every mode starts from).  Not a test.
"""

import os
import resource
import sys
import time


def rss_now():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    mode, path = sys.argv[1], sys.argv[2]
    import libx12
    if mode in ("remit_tables", "iter"):
        import numpy  # noqa: F401  (imported by the call anyway: counted in the floor)
        import pandas  # noqa: F401
    floor = rss_now()
    size = os.path.getsize(path)
    cpu, wall = time.process_time(), time.perf_counter()
    if mode == "remit_tables":
        t = libx12.remit_tables(path)
        what = "%d claims, %d lines, %d adjustments" % (len(t.claims), len(t.lines),
                                                         len(t.adjustments))
    elif mode == "iter":
        n = batches = 0
        for t in libx12.iter_remit_tables(path, claims=50_000):
            n += len(t.claims)
            batches += 1
        what = "%d claims in %d batches" % (n, batches)
    elif mode == "parse":
        rem = libx12.parse_835(path)
        what = "%d claims" % len(rem.claims)
    elif mode == "stream":
        n = 0
        for _ in libx12.stream_claims(path):
            n += 1
        what = "%d claims" % n
    else:
        sys.stderr.write(__doc__)
        return 2
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print("%-14s %7.1f MB/s CPU (%.2f s) %7.1f MB/s wall  peak RSS %6.0f MiB "
          "(floor %3.0f MiB, +%.0f)  %s" % (
              mode, size / 1e6 / cpu, cpu, size / 1e6 / wall, peak / 2**20, floor / 2**20,
              (peak - floor) / 2**20, what))
    return 0


if __name__ == "__main__":
    sys.exit(main())
