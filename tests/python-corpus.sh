#!/bin/sh
# tests/python-corpus.sh - the Python tests marked @corpus_test, over the
# public corpus (X12_CORPUS_DIR): skipped (exit 77), never passed, without it.
X12_TEST_PART=corpus
. "$(dirname "$0")/python.sh"
