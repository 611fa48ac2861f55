"""Paths and helpers shared by the Python tests.

The tests run against the library named by LIBX12_PATH (tests/python.sh
sets it to the freshly built one).  Data comes from the source tree:
X12_TEST_DATA (tests/data), X12_EXAMPLE_DATA (examples/data), and the
public corpus X12_CORPUS_DIR (../shared/x12/corpus).  A test that reads
nothing but the corpus is marked @corpus_test: run.py leaves it out of the
main run, and runs those alone as the corpus part (tests/python-corpus.sh),
which is skipped (exit 77), never passed, without the corpus.  X12_BUILDDIR/tools/x12 is the command-line
tool the results are compared with (skipped when absent).
"""

import glob
import json
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
TEST_DATA = os.environ.get("X12_TEST_DATA") or os.path.join(TOP, "tests", "data")
EXAMPLE_DATA = os.environ.get("X12_EXAMPLE_DATA") or os.path.join(TOP, "examples", "data")
ENCOUNTERS = os.path.join(os.path.dirname(EXAMPLE_DATA), "encounters")
CORPUS = os.environ.get("X12_CORPUS_DIR") or os.path.join(TOP, "..", "shared", "x12", "corpus")
BUILDDIR = os.environ.get("X12_BUILDDIR", "")
X12 = os.path.join(BUILDDIR, "tools", "x12") if BUILDDIR else ""


def data(name):
    return os.path.join(TEST_DATA, name)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def corpus_files(kind=None):
    """Every file of the public corpus (of one kind: "835", "837p", ...)."""
    if not os.path.isdir(CORPUS):
        return []
    pat = os.path.join(CORPUS, kind or "*", "*")
    return sorted(p for p in glob.glob(pat) if os.path.isfile(p))


def corpus_test(fn):
    """Marks a test that reads only the public corpus (see run.py)."""
    fn.x12_corpus = True
    return fn


def need_corpus(test):
    if not corpus_files():
        test.skipTest("corpus not found at %s" % CORPUS)


def need_cli(test):
    if not (X12 and os.access(X12, os.X_OK)):
        test.skipTest("x12 tool not built (X12_BUILDDIR unset)")


def cli(*args):
    """Runs the x12 tool; returns (exit status, stdout bytes)."""
    p = subprocess.run([X12] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       check=False)
    return p.returncode, p.stdout


def cli_json(*args):
    rc, out = cli(*args)
    return rc, json.loads(out.decode("utf-8"))


class TestCase(unittest.TestCase):
    maxDiff = 4000
