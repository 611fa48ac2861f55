#!/bin/sh
# tests/python.sh - the Python bindings (bindings/python) against the
# freshly built shared library: runs bindings/python/tests with
# LIBX12_PATH set to it and prints their Check-style summary line.
#
# Run by `make check` with X12_BUILDDIR, X12_TEST_DATA, X12_EXAMPLE_DATA and
# X12_CORPUS_DIR.  Exit 0 pass, 1 fail, 77 skipped: in a static-only build
# (the ASan suite is configured --disable-shared) there is no library for
# ctypes to load, and without python3 there is nothing to run it.
set -u

: "${X12_BUILDDIR:?}"
srcdir=$(cd "$(dirname "$0")/.." && pwd)
lib=$(ls "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "no shared library built (static-only build): skipped"
    exit 77
fi
PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "$PYTHON not found (apt-get install python3): skipped"
    exit 77
fi
LIBX12_PATH=$lib
PYTHONPATH=$srcdir/bindings/python${PYTHONPATH:+:$PYTHONPATH}
PYTHONDONTWRITEBYTECODE=1
export LIBX12_PATH PYTHONPATH PYTHONDONTWRITEBYTECODE
exec "$PYTHON" "$srcdir/bindings/python/tests/run.py"
