#!/bin/sh
# tests/cli-corpus.sh - the checks of tests/cli.sh over the public corpus
# (X12_CORPUS_DIR): skipped (exit 77), never passed, without it.
X12_TEST_PART=corpus
. "$(dirname "$0")/cli.sh"
