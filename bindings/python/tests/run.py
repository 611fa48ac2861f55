"""Runs the Python tests and prints a Check-style summary line
("N%: Checks: N, Failures: N, Errors: N") that scripts/test-summary.sh
counts; skipped tests are not counted as checks.  Exit 0 when all pass."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    sys.path.insert(0, HERE)
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
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
