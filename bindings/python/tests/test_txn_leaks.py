"""No memory grows across the eligibility and claim status calls, by the
rule of test_leaks: 10,000 calls after a warm-up may not grow the resident
size by 2 MiB, in two windows.  A leaked request, stream, doc, sent set or
link is far larger than the bound allows per call."""

import gc
import os
import unittest

import libx12
from test_eligibility import REQUEST
from test_leaks import BOUND, N, WARMUP, rss
from util import data, read


@unittest.skipUnless(os.path.exists("/proc/self/statm"), "needs /proc/self/statm")
class TxnLeakTests(unittest.TestCase):
    def grows(self, fn):
        for _ in range(WARMUP):
            fn()
        gc.collect()
        before = rss()
        for _ in range(N):
            fn()
        gc.collect()
        return rss() - before

    def check(self, name, fn):
        growth = self.grows(fn)
        if growth >= BOUND:
            growth = self.grows(fn)
        self.assertLess(growth, BOUND, "%s: RSS grew by %d bytes over %d calls"
                        % (name, growth, N))

    def test_parse_271(self):
        raw = read(data("elig-271-rejected.x12"))
        self.check("parse_271", lambda: libx12.parse_271(raw))

    def test_build_270_edit_failure(self):
        bad = dict(REQUEST, inquiries=[dict(REQUEST["inquiries"][0],
                                            provider={"name": "X", "npi": "1"})])

        def run():
            try:
                libx12.build_270(bad)
            except libx12.X12Error:
                pass
        self.check("build_270 edit failure", run)

    def test_build_276_from_837(self):
        sent = read(data("status-sent.837"))
        self.check("build_276", lambda: libx12.build_276(
            claims=sent, interchange={"date": "20251215", "time": "0930"}))

    def test_link(self):
        sent = read(data("status-sent.837"))
        answer = read(data("status-277ca-one-rejected.x12"))
        self.check("link_claims", lambda: libx12.link_claims(sent, answer))
