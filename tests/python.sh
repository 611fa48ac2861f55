#!/bin/sh
# tests/python.sh - the Python bindings (bindings/python) against the
# freshly built shared library: runs bindings/python/tests with
# LIBX12_PATH set to it and prints their Check-style summary line.
#
# Run by `make check` with X12_BUILDDIR, X12_TEST_DATA, X12_EXAMPLE_DATA,
# X12_CORPUS_DIR and PYTHON.  Exit 0 pass, 1 fail, 77 skipped: in a
# static-only build (the ASan suite is configured --disable-shared) there is
# no library for ctypes to load, and without $PYTHON there is nothing to run
# it.  The tests over the corpus alone run in tests/python-corpus.sh
# (X12_TEST_PART=corpus; see bindings/python/tests/run.py).
. "$(dirname "$0")/lib.sh"

srcdir=$(cd "$(dirname "$0")/.." && pwd)
lib=$(ls "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
[ -n "$lib" ] || skip "no shared library built (static-only build)"
command -v "$PYTHON" >/dev/null 2>&1 || skip "$PYTHON not found (apt-get install python3)"
LIBX12_PATH=$lib
PYTHONPATH=$srcdir/bindings/python${PYTHONPATH:+:$PYTHONPATH}
PYTHONDONTWRITEBYTECODE=1
X12_TEST_PART=${X12_TEST_PART:-}
export LIBX12_PATH PYTHONPATH PYTHONDONTWRITEBYTECODE X12_TEST_PART
"$PYTHON" "$srcdir/bindings/python/tests/run.py"
exit $?
