"""Runs the Python tests and prints a Check-style summary line
("N%: Checks: N, Failures: N, Errors: N") that scripts/test-summary.sh
counts; skipped tests are not counted as checks.  Exit 0 when all pass.

With X12_TEST_PART=corpus (tests/python-corpus.sh) only the tests marked
@corpus_test run, and the run exits 77 (skipped) without the corpus; the
main run leaves them out."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def flatten(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from flatten(t)
        else:
            yield t


def is_corpus_test(test):
    return getattr(getattr(test, getattr(test, "_testMethodName", ""), None), "x12_corpus", False)


def main():
    sys.path.insert(0, HERE)
    import util  # pylint: disable=import-outside-toplevel

    part = os.environ.get("X12_TEST_PART", "") == "corpus"
    if part and not util.corpus_files():
        print("no public corpus at %s: the corpus tests are skipped" % util.CORPUS)
        return 77
    every = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    suite = unittest.TestSuite(t for t in flatten(every) if is_corpus_test(t) == part)
    res = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)

    def ids(items):
        # a test with failing subtests counts once
        return {getattr(t, "test_case", t).id() for t, _ in items}

    failed = ids(res.failures) | {t.id() for t in res.unexpectedSuccesses}
    errored = ids(res.errors) - failed
    skipped = ids(res.skipped)
    checks = res.testsRun - len(skipped)
    bad = len(failed) + len(errored)
    pct = 100 * (checks - bad) // checks if checks else 100
    print("%d%%: Checks: %d, Failures: %d, Errors: %d" % (pct, checks, len(failed),
                                                        len(errored)))
    if skipped:
        print("skipped: %d (%s)" % (len(skipped), ", ".join(sorted(skipped))))
    return 0 if res.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
