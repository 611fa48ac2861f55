"""One Reader or RemitStream shared by threads (issue 20 item 2).

ctypes releases the GIL during a C call, so before every handle had a lock
a thread closing a Reader (or reading it) while another was inside
x12_reader_next freed the reader under it: a segfault within a few dozen
rounds of the hammer below.  Now calls on one handle are serialized, a
closed handle raises ValueError, and what the threads get between them is
exactly the input's items in order, each once (a prefix of them when the
handle is closed early).

The hammer runs in a child process, so that a crash is reported as this
test failing (with its signal) instead of ending the whole run.
"""

import json
import subprocess
import sys
import threading

import libx12
from util import TestCase, data, read

# The child: ROUNDS rounds of 3 threads iterating one handle while a 4th
# closes it after a random delay within the time a whole iteration takes.
# Prints {"rounds", "midway", "problems"}: problems lists any exception
# other than the "is closed" ValueError, and any round where the items the
# threads got are not the first K of the input, each once.
HAMMER = r"""
import json, random, sys, threading, time
import libx12

kind, path, repeat, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(path, "rb") as f:
    raw = f.read() * repeat

def make():
    return libx12.Reader(raw) if kind == "reader" else libx12.RemitStream(raw)

ref = [x.offset for x in make()]
t0 = time.perf_counter()
for _ in make():
    pass
full = time.perf_counter() - t0
random.seed(20)
problems, midway = [], 0
for k in range(rounds):
    h = make()
    got, closed = [], []

    def reader():
        try:
            for x in h:
                got.append(x.offset)
        except ValueError as e:
            if "is closed" not in str(e):
                problems.append("round %d: %r" % (k, e))
            closed.append(1)
        except BaseException as e:
            problems.append("round %d: %r" % (k, e))

    def closer():
        time.sleep(random.random() * full)
        h.close()

    threads = [threading.Thread(target=reader) for _ in range(3)]
    threads.append(threading.Thread(target=closer))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    midway += bool(closed)
    if len(set(got)) != len(got) or sorted(got) != ref[:len(got)]:
        problems.append("round %d: %d items, not the input's first ones once each" % (k, len(got)))
print(json.dumps({"rounds": rounds, "midway": midway, "problems": problems[:5]}))
"""


def hammer(test, kind, path, repeat, rounds):
    p = subprocess.run([sys.executable, "-c", HAMMER, kind, path, str(repeat), str(rounds)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    test.assertEqual(p.returncode, 0, "the %s hammer died (%s): %s"
                     % (kind, "signal %d" % -p.returncode if p.returncode < 0 else
                        "exit %d" % p.returncode, p.stderr.decode(errors="replace")[-500:]))
    out = json.loads(p.stdout.decode())
    test.assertEqual(out["problems"], [])
    test.assertEqual(out["rounds"], rounds)
    return out


def in_threads(n, make, consume):
    """Runs consume(shared) in n threads over one object from make();
    returns every item they got, and the exceptions raised."""
    shared = make()
    got, errors = [], []

    def run():
        try:
            for x in shared:
                got.append(consume(x))
        except BaseException as e:  # noqa: B902 - reported by the test
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return got, errors


class SharedHandleTests(TestCase):
    def setUp(self):
        self.x12 = read(data("cli-small.x12")) * 100      # 100 interchanges
        self.era = read(data("remit-multi.x12")) * 50

    def test_reader_iterated_and_closed_by_threads(self):
        out = hammer(self, "reader", data("cli-small.x12"), 50, 100)
        # The close must have landed during iteration in some rounds, or
        # the test proved nothing about it.
        self.assertGreater(out["midway"], 0)

    def test_remit_stream_iterated_and_closed_by_threads(self):
        out = hammer(self, "remit", data("remit-multi.x12"), 50, 100)
        self.assertGreater(out["midway"], 0)

    def test_reader_shared_gives_every_segment_once(self):
        want = [s.offset for s in libx12.iter_segments(self.x12)]
        got, errors = in_threads(4, lambda: libx12.Reader(self.x12), lambda s: s.offset)
        self.assertEqual(errors, [])
        self.assertEqual(sorted(got), want)

    def test_remit_stream_shared_gives_every_claim_once(self):
        want = [(c.offset, c.paid_cents) for c in libx12.stream_claims(self.era)]
        self.assertGreater(len(want), 100)
        got, errors = in_threads(4, lambda: libx12.RemitStream(self.era),
                                 lambda c: (c.offset, c.paid_cents))
        self.assertEqual(errors, [])
        self.assertEqual(sorted(got), want)

    def test_claim_stream_shared_and_closed_by_threads(self):
        # ClaimStream (837 read back) takes the same lock: shared by four
        # threads it hands out every claim once, and a close from another
        # thread mid-way ends the iteration with "is closed", not a crash.
        raw = read(data("claim837-multi-line-modifiers.837")) * 200
        want = sorted(json.dumps(c, sort_keys=True) for c in libx12.read_837(raw))
        self.assertEqual(len(want), 200 * len(list(libx12.read_837(
            read(data("claim837-multi-line-modifiers.837"))))))
        got, errors = in_threads(4, lambda: libx12.ClaimStream(raw),
                                 lambda c: json.dumps(c, sort_keys=True))
        self.assertEqual(errors, [])
        self.assertEqual(sorted(got), want)
        for _ in range(20):
            h = libx12.ClaimStream(raw)
            closer = threading.Thread(target=h.close)
            got, errors = [], []

            def run():
                try:
                    for c in h:
                        got.append(c)
                except ValueError as e:
                    if "is closed" not in str(e):
                        errors.append(e)
                except BaseException as e:  # noqa: B902 - reported below
                    errors.append(e)

            threads = [threading.Thread(target=run) for _ in range(3)]
            for t in threads:
                t.start()
            closer.start()
            for t in threads + [closer]:
                t.join()
            self.assertEqual(errors, [])
            self.assertLessEqual(len(got), len(want))

    def test_separate_handles_in_parallel(self):
        want = [s.offset for s in libx12.iter_segments(self.x12)]
        results = [None] * 4

        def run(i):
            results[i] = [s.offset for s in libx12.Reader(self.x12)]

        threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [want] * 4)

    def test_closed_handle_raises(self):
        for make in (lambda: libx12.Reader(self.x12), lambda: libx12.RemitStream(self.era)):
            h = make()
            next(h)
            self.assertFalse(h.closed)
            h.close()
            self.assertTrue(h.closed)
            with self.assertRaisesRegex(ValueError, "is closed"):
                next(h)
            h.close()  # twice is harmless
            with self.assertRaisesRegex(ValueError, "is closed"):
                with h:
                    pass

    def test_exhausted_handle_stops(self):
        # The end of the input is not a close: next() keeps raising
        # StopIteration, as any exhausted iterator does.
        for make in (lambda: libx12.Reader(self.x12), lambda: libx12.RemitStream(self.era)):
            h = make()
            n = sum(1 for _ in h)
            self.assertGreater(n, 0)
            self.assertFalse(h.closed)
            with self.assertRaises(StopIteration):
                next(h)
            h.close()
            with self.assertRaises(ValueError):
                next(h)
