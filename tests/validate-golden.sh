#!/bin/sh
# tests/validate-golden.sh - everything the validator reports, byte for byte.
#
# The validator's speed work (a fast path for clean segments, packed-id
# search, required-children lists) must not change one issue, code,
# position or message.  This test runs tests/validate_dump (every field of
# every issue through the public API, lenient and strict, with the events
# of the strict run) on every file named in the golden files and compares
# its output with what the validator said before that work:
#   tests/data/validate-golden-data.txt    the validator/claim/remit/CLI
#                                          fixtures of tests/data and
#                                          examples/data
#   tests/data/validate-golden-corpus.txt  every file of ../shared/x12/corpus
#                                          (skipped when the corpus is absent)
# A dump is kept in full when short, and by checksum (POSIX cksum) when
# long (the corpus files with thousands of issues).  A file named in a
# golden file but missing fails the test.  When the output is meant to
# change, regenerate with X12_GOLDEN_WRITE=1 and say why in the commit.
#
# Run by `make check` with X12_BUILDDIR, X12_TEST_DATA and X12_CORPUS_DIR.
# Exit 0 pass, 1 fail.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
DUMP=${X12_GOLDEN_TOOL:-$X12_BUILDDIR/tests/validate_dump}
D=$X12_TEST_DATA
CORPUS=${X12_CORPUS_DIR:-}

# dump NAME: the validator's whole say on NAME (a path relative to the
# current directory).
dump() {
    "$DUMP" "$1" 2>&1
    echo "exit $?"
}

# section NAME: NAME's section of a golden file: its name, the checksum
# (POSIX cksum) of its dump, and the dump itself when it is short (a long
# one, from a corpus file with thousands of issues, is pinned by checksum).
section() {
    dump "$1" >"$tmp/d"
    echo "== $1"
    echo "cksum $(cksum <"$tmp/d" | tr -s ' \t' '  ')"
    n=$(wc -l <"$tmp/d" | tr -d ' ')
    if [ "$n" -le 120 ]; then
        cat "$tmp/d"
    else
        echo "long: $n lines, $(grep -c '^issue' "$tmp/d") issues"
    fi
    echo
}

# check GOLDEN DIR: dumps every file GOLDEN names (from DIR) and compares
# each with its section of GOLDEN.
check() {
    sed -n 's/^== //p' "$1" >"$tmp/names"
    while IFS= read -r name; do
        awk -v h="== $name" '/^== /{on = ($0 == h)} on' "$1" >"$tmp/want"
        if [ ! -f "$2/$name" ]; then
            fail=$((fail + 1))
            echo "FAIL $name (named in $(basename "$1")) is missing from $2"
            continue
        fi
        (cd "$2" && section "$name") >"$tmp/have"
        if cmp -s "$tmp/want" "$tmp/have"; then
            pass=$((pass + 1))
            echo "ok   validate $name: as before"
        else
            fail=$((fail + 1))
            echo "FAIL validate $name differs from $(basename "$1"):"
            diff "$tmp/want" "$tmp/have" | head -n 10 | sed 's/^/    /'
        fi
    done <"$tmp/names"
}

if [ -n "${X12_GOLDEN_WRITE:-}" ]; then
    # tests/data fixtures as tests/data/NAME, examples as examples/data/NAME:
    # both relative to the source tree's top.
    top=$(cd "$D/../.." && pwd)
    (cd "$top" && for f in tests/data/validate-*.x12 tests/data/claim837-*.837 \
        tests/data/remit-*.x12 tests/data/cli-*.x12 examples/data/*; do
        [ -f "$f" ] && section "$f"
    done) >"$D/validate-golden-data.txt"
    if [ -n "$CORPUS" ] && [ -d "$CORPUS" ]; then
        (cd "$CORPUS" && find . -type f ! -name MANIFEST.tsv | sed 's|^\./||' | LC_ALL=C sort |
            while IFS= read -r f; do section "$f"; done) >"$D/validate-golden-corpus.txt"
    fi
    echo "validate-golden.sh: wrote the golden files"
    exit 0
fi

if corpus_part; then
    need_corpus
    check "$D/validate-golden-corpus.txt" "$CORPUS"
    finish
fi
check "$D/validate-golden-data.txt" "$(cd "$D/../.." && pwd)"

finish
