# tests/lib.sh - the preamble of every shell test (tests/*.sh), sourced as
#
#     . "$(dirname "$0")/lib.sh"
#
# `make check` runs the tests with X12_BUILDDIR, X12_TEST_DATA,
# X12_EXAMPLE_DATA, X12_CORPUS_DIR and PYTHON set (Makefile.am,
# AM_TESTS_ENVIRONMENT).  Sourcing this file gives:
#
#   X12          the x12 tool of the build directory
#   PYTHON       the Python 3 configure chose (with numpy and pandas when
#                there is one): from the environment, else from the build
#                directory's Makefile - never a bare `python3` from PATH,
#                which may lack the packages the tests need
#   tmp          a scratch directory, removed on exit; INT and TERM fail
#   pass, fail   the counters of ok and bad
#   ok DESC, bad DESC            one check passed / failed
#   run CMD...                   runs CMD, stdout in $tmp/out, stderr in
#                                $tmp/err, exit status in $rc
#   expect WANT DESC             $rc of the last run is WANT (on failure the
#                                first lines of $tmp/err are shown)
#   expect_rc DESC WANT GOT      exit status GOT is WANT (on failure the
#                                first lines of $tmp/err are shown)
#   has DESC PATTERN FILE, hasnt DESC PATTERN FILE   grep -- PATTERN FILE
#   same FILE1 FILE2 DESC        the two files are equal byte for byte
#   skip WHY                     ends the test as skipped (exit 77)
#   need_corpus [KIND]           skip unless X12_CORPUS_DIR holds the
#                                public corpus (with a KIND directory:
#                                835, 837p, ...); sets CORPUS
#   corpus_part                  true when the test runs as its corpus part:
#                                a test with checks over the corpus keeps
#                                them in `if corpus_part; then need_corpus;
#                                ...; finish; fi`, and tests/NAME-corpus.sh
#                                runs NAME.sh with X12_TEST_PART=corpus, so
#                                those checks are skipped (77), never passed,
#                                without the corpus
#   finish                       "NAME: N passed, N failed", exit 0 or 1;
#                                a test that checked nothing fails
#
# Exit status, as automake reads it: 0 pass, 1 fail, 77 skipped.

set -u

: "${X12_BUILDDIR:?run by make check (X12_BUILDDIR unset)}"
T_NAME=$(basename "$0")
X12=$X12_BUILDDIR/tools/x12
if [ -z "${PYTHON:-}" ]; then
    PYTHON=$(sed -n 's/^PYTHON = //p' "$X12_BUILDDIR/Makefile" 2>/dev/null)
    : "${PYTHON:=/usr/bin/python3}"
fi
export PYTHON
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12-${T_NAME%.sh}.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

run() {
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

expect() {
    if [ "$rc" -eq "$1" ]; then
        ok "$2 (exit $rc)"
    else
        bad "$2: exit $rc, want $1"
        sed 's/^/    stderr: /' "$tmp/err" | head -n 5
    fi
    return 0
}

expect_rc() {
    if [ "$3" -eq "$2" ]; then
        ok "$1: exit $3"
    else
        bad "$1: exit $3, want $2"
        [ -f "$tmp/err" ] && sed 's/^/    stderr: /' "$tmp/err" | head -n 3
    fi
    return 0
}

has() { grep -q -- "$2" "$3" && ok "$1" || bad "$1: '$2' not in $3"; }
hasnt() { grep -q -- "$2" "$3" && bad "$1: '$2' in $3" || ok "$1"; }

same() {
    if cmp -s "$1" "$2"; then
        ok "$3"
    else
        bad "$3: $1 and $2 differ"
        diff "$1" "$2" | head -n 10 | sed 's/^/    /'
    fi
    return 0
}

skip() {
    echo "SKIP: $T_NAME: $*"
    exit 77
}

need_corpus() {
    CORPUS=${X12_CORPUS_DIR:-}
    if [ -z "$CORPUS" ] || [ ! -f "$CORPUS/MANIFEST.tsv" ]; then
        skip "no public corpus at ${CORPUS:-(X12_CORPUS_DIR unset)}"
    fi
    if [ $# -gt 0 ] && [ ! -d "$CORPUS/$1" ]; then
        skip "the corpus at $CORPUS has no $1 files"
    fi
}

corpus_part() { [ "${X12_TEST_PART:-}" = corpus ]; }

finish() {
    echo "$T_NAME: $pass passed, $fail failed"
    if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
        echo "FAIL $T_NAME checked nothing"
        exit 1
    fi
    [ "$fail" -eq 0 ]
    exit
}
