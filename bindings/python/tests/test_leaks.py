"""No memory grows across calls: each public call runs 10,000 times on real
data after a warm-up, and the process's resident size (from
/proc/self/statm) may not grow by 2 MiB or more, in those 10,000 calls and
again in the next 10,000 (a leak grows in both windows, allocator noise
does not).  Any leaked handle is caught: a reader, validator, writer,
batch, stream or 835 tree is far larger than the 210 bytes per call the
bound allows."""

import gc
import os
import unittest

import libx12
from test_claims import encounter
from util import data, read, EXAMPLE_DATA

N = 10000
WARMUP = 500
# 10,000 calls that each kept just 256 bytes would grow by 2.4 MiB.
BOUND = 2 * 1024 * 1024


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@unittest.skipUnless(os.path.exists("/proc/self/statm"), "needs /proc/self/statm")
class LeakTests(unittest.TestCase):
    calls, warmup = N, WARMUP

    def grows(self, fn):
        for _ in range(self.warmup):
            fn()
        gc.collect()
        before = rss()
        for _ in range(self.calls):
            fn()
        gc.collect()
        return rss() - before

    def check(self, name, fn):
        growth = self.grows(fn)
        if growth >= BOUND:
            # The allocator may keep a burst of freed memory; a leak grows
            # again in the next 10,000 calls, noise does not.
            growth = self.grows(fn)
        self.assertLess(growth, BOUND, "%s: RSS grew by %d bytes over %d calls"
                        % (name, growth, self.calls))

    def test_iterate(self):
        raw = read(data("cli-small.x12"))
        self.check("iter_segments", lambda: sum(1 for _ in libx12.iter_segments(raw)))

    def test_iterate_with_error(self):
        raw = read(data("cli-bad-se.x12"))

        def run():
            try:
                list(libx12.iter_segments(raw, strict=True))
            except libx12.X12Error:
                pass
        self.check("iter_segments strict error", run)

    def test_validate(self):
        raw = read(data("cli-bad-se.x12"))
        self.check("validate", lambda: libx12.validate(raw))

    def test_ack(self):
        raw = read(data("validate-837p-clean.x12"))
        self.check("write_999", lambda: libx12.write_999(raw, date="20250101", time="0000"))

    def test_build(self):
        d = encounter("office-visit")
        self.check("build_837", lambda: libx12.build_837(d))

    def test_read_837(self):
        raw = read(data("claim837-secondary-claim.837"))
        self.check("read_837", lambda: libx12.build_837(list(libx12.read_837(raw))))

    def test_read_837_abandoned(self):
        # a stream dropped after its first claim frees its C handle
        raw = read(data("claims-broken.837"))
        self.check("ClaimStream", lambda: next(libx12.ClaimStream(raw)))

    def test_build_edit_failure(self):
        d = encounter("office-visit")
        d["providers"][0]["npi"] = "1234567890"

        def run():
            try:
                libx12.build_837(d)
            except libx12.X12Error:
                pass
        self.check("build_837 edit failure", run)

    def test_parse(self):
        raw = read(data("remit-denials.x12"))
        self.check("parse_835", lambda: libx12.parse_835(raw))

    def test_stream(self):
        raw = read(data("remit-multi.x12"))
        self.check("stream_claims", lambda: sum(1 for _ in libx12.stream_claims(raw)))

    def test_reconcile(self):
        claims = read(data("claim837-office-visit.837"))
        era = read(os.path.join(EXAMPLE_DATA, "remittance.835"))
        self.check("reconcile", lambda: libx12.reconcile(claims=[claims], remits=[era],
                                                         as_of=20251231, frames=False))

def _have_pandas():
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


@unittest.skipUnless(os.path.exists("/proc/self/statm") and _have_pandas(),
                     "needs /proc/self/statm and pandas")
class TablesLeakTests(LeakTests):
    """The DataFrame calls cost milliseconds each (pandas), so they run 100
    times a window: a leaked tables handle (its column buffers alone are
    tens of KiB) or batch still grows RSS past the bound in each window."""

    calls, warmup = 100, 20

    def test_remit_tables(self):
        raw = read(data("remit-denials.x12"))
        self.check("remit_tables", lambda: libx12.remit_tables(raw))

    def test_iter_remit_tables(self):
        raw = read(data("remit-multi.x12"))
        self.check("iter_remit_tables",
                   lambda: sum(len(t.claims) for t in libx12.iter_remit_tables(raw, claims=2)))

    def test_tables_error(self):
        def run():
            try:
                libx12.remit_tables(b"ISA*00*cut")
            except libx12.X12Error:
                pass
        self.check("remit_tables error", run)

    # the inherited tests run once, in LeakTests
    test_iterate = test_iterate_with_error = test_validate = test_ack = None
    test_build = test_build_edit_failure = test_parse = test_stream = None
    test_reconcile = None
