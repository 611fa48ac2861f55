"""bench/remit_out.py BUILDDIR - x12 remit's outputs: speed, size, memory.

Generates a BENCH_REMIT_SIZE (default 113M, as x12gen835 counts: MiB) ERA
with bench/x12gen835 in BENCH_DIR (default /tmp), then runs `x12 remit`
with --text, --json, --jsonl, --csv, --csv=claims and --csv=adjustments,
each in a fresh process writing to a new file in BENCH_DIR, and prints MB/s
of input (10^6 bytes per second of the process's CPU time, user + system,
best of BENCH_RUNS, default 3: other load on a shared machine distorts CPU
time less than wall time; once writing the output to a new file, once to
/dev/null), the output's size against the input's and peak RSS, with the
targets beside them.  Then a hostile input: a gzip of
BENCH_JUNK_SIZE (default 1G) of junk segments in a payment header (issue 20
item 3 once ran it out of memory); its peak RSS must stay flat.  Files are
deleted afterwards.  Not part of `make check`.
"""

import gzip
import os
import subprocess
import sys
import tempfile
import time

build = sys.argv[1]
x12 = os.path.join(build, "tools", "x12")
gen = os.path.join(build, "bench", "x12gen835")
bench_dir = os.environ.get("BENCH_DIR", "/tmp")
size = os.environ.get("BENCH_REMIT_SIZE", "113M")
junk_size = os.environ.get("BENCH_JUNK_SIZE", "1G")
runs = int(os.environ.get("BENCH_RUNS", "3"))

# mode, MB/s target, output ratio target, RSS target in MiB (None: report only)
MODES = [
    ("--text", None, None, 16),
    ("--json", 180, 3.0, 16),
    ("--jsonl", 180, 3.0, 16),
    ("--csv", 250, None, 16),
    ("--csv=claims", None, None, 16),
    ("--csv=adjustments", None, None, 16),
]


def bytes_of(text):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(text[:-1]) * mult[text[-1]] if text[-1] in mult else int(text)


def vm_hwm(pid):
    """The process's peak RSS so far in KiB (VmHWM), or None."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def measure(args, out_path):
    """Runs args with stdout to out_path: (cpu seconds, peak RSS KiB, exit).

    Peak RSS is read from /proc (VmHWM) while the process runs: rusage's
    ru_maxrss of a child forked from Python counts Python's own pages
    (Linux carries the parent's high-water mark across exec).  VmHWM only
    grows, so the last reading before the exit is the peak."""
    with open(out_path, "wb") as out, open(os.devnull, "wb") as err:
        p = subprocess.Popen(args, stdout=out, stderr=err)
        peak = 0
        while True:
            hwm = vm_hwm(p.pid)
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid != 0:
                break
            if hwm is not None:
                peak = hwm
            time.sleep(0.002)
    return ru.ru_utime + ru.ru_stime, peak, os.waitstatus_to_exitcode(status)


def verdict(ok):
    return "ok" if ok else "MISSED"


for p in (x12, gen):
    if not os.access(p, os.X_OK):
        sys.exit("bench/remit_out.py: %s is not built (make bench-remit builds it)" % p)

tmpdir = tempfile.mkdtemp(prefix="x12remitout.", dir=bench_dir)
era = os.path.join(tmpdir, "era.835")
try:
    g = subprocess.run([gen, "--size", size, "-o", era], stderr=subprocess.PIPE, check=True)
    in_bytes = os.path.getsize(era)
    print("x12 remit on %s: %.1f MB, %s" % (size, in_bytes / 1e6,
                                           g.stderr.decode().strip().split(": ", 1)[-1]))
    print("MB/s: writing a new file in %s (the kernel's copy into the page cache counts);"
          % bench_dir)
    print("      in brackets, writing to /dev/null (reading and formatting alone)")
    print("%-20s %17s %8s %10s %7s %9s   %s" % ("mode", "MB/s", "(target)", "output MB",
                                               "ratio", "peak RSS", "targets"))
    for mode, mbs_t, ratio_t, rss_t in MODES:
        out = os.path.join(tmpdir, "out")
        best, best_null, rss, code = None, None, 0, 0
        for _ in range(runs):
            if os.path.exists(out):
                os.unlink(out)  # a new file each time (truncating costs time)
            cpu, maxrss, code = measure([x12, "remit", mode, era], out)
            best = cpu if best is None else min(best, cpu)
            rss = max(rss, maxrss)
            cpu, maxrss, _ = measure([x12, "remit", mode, era], os.devnull)
            best_null = cpu if best_null is None else min(best_null, cpu)
        out_bytes = os.path.getsize(out)
        os.unlink(out)
        mbs, ratio, rss_mib = in_bytes / 1e6 / best, out_bytes / in_bytes, rss / 1024
        checks = []
        if mbs_t is not None:
            checks.append(">= %d MB/s %s" % (mbs_t, verdict(mbs >= mbs_t)))
        if ratio_t is not None:
            checks.append("<= %.0fx %s" % (ratio_t, verdict(ratio <= ratio_t)))
        checks.append("< %d MiB %s" % (rss_t, verdict(rss_mib < rss_t)))
        print("%-20s %7.1f (%7.1f) %8s %10.1f %6.2fx %7.1f MiB   %s%s" % (
            mode, mbs, in_bytes / 1e6 / best_null, "(%s)" % mbs_t if mbs_t else "",
            out_bytes / 1e6, ratio, rss_mib,
            ", ".join(checks), "" if code == 0 else "  (exit %d)" % code))
    os.unlink(era)

    # Hostile: junk segments in a payment header, gzip'd.
    junk = os.path.join(tmpdir, "junk.835.gz")
    head = (b"ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       "
            b"*240301*1200*^*00501*000000001*0*T*:~\nGS*HP*PAYER*PROVIDER*20240301*1200*1*X*"
            b"005010X221A1~\nST*835*0001~\nBPR*I*100*C*CHK************20240301~\n"
            b"TRN*1*CHK1*1512345678~\nN1*PR*PAYER~\n")
    tail = (b"LX*1~\nCLP*P1*1*100*100**12~\nSVC*HC:99213*100*100**1~\nSE*9*0001~\n"
            b"GE*1*1~\nIEA*1*000000001~\n")
    block = (b"!!~\n" + b"CAS~\n") * 100000
    total = bytes_of(junk_size)
    with gzip.open(junk, "wb", compresslevel=6) as z:
        z.write(head)
        written = 0
        while written < total:
            z.write(block)
            written += len(block)
        z.write(tail)
    cpu, maxrss, code = measure([x12, "remit", "--csv", junk], os.path.join(tmpdir, "out"))
    print("%-20s %7.1f %9s %8s %10s %7s %7.1f MiB   < 16 MiB %s (exit %d: 1 expected)" % (
        "junk %s (.gz %.1f MB)" % (junk_size, os.path.getsize(junk) / 1e6),
        written / 1e6 / cpu, "", "", "", "", maxrss / 1024, verdict(maxrss / 1024 < 16), code))
finally:
    for f in os.listdir(tmpdir):
        os.unlink(os.path.join(tmpdir, f))
    os.rmdir(tmpdir)
