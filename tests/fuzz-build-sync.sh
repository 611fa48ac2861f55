#!/bin/sh
# tests/fuzz-build-sync.sh - fuzz/Makefile.fuzz builds the library without
# configure, so it repeats the rules of every file the library generates at
# build time (code lists, compiled-in guides, schemas) and the lists those
# rules read.  A generated file or a code list added to Makefile.am and not
# there breaks the fuzzing step of CI; this catches it in `make check`.
set -u
srcdir=$(cd "$(dirname "$0")/.." && pwd)
am=$srcdir/Makefile.am
fz=$srcdir/fuzz/Makefile.fuzz
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# Generated sources and included files of the library.
gen=$(sed -n -e 's/^nodist_lib_libx12_la_SOURCES *+\{0,1\}= *//p' "$am" | tr ' ' '\n' | grep -v '^$'
      sed -n -e 's/^\(lib\/[A-Za-z0-9_]*\.inc\):.*/\1/p' "$am")
[ -n "$gen" ] || bad "no generated files found in Makefile.am (has its layout changed?)"
for f in $gen; do
    if grep -q "\$(GEN)/$f:" "$fz"; then
        ok "fuzz/Makefile.fuzz makes $f"
    else
        bad "fuzz/Makefile.fuzz has no rule for $f (Makefile.am generates it)"
    fi
done
# Every code list the library compiles in is read by the fuzz build too.
for t in $(grep -o 'specs/codes/[A-Za-z0-9_-]*\.tsv' "$am" | sort -u); do
    name=${t#specs/codes/}
    if grep -q "$name" "$fz"; then
        ok "fuzz/Makefile.fuzz reads $t"
    else
        bad "fuzz/Makefile.fuzz does not read $t"
    fi
done
echo "fuzz-build-sync.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
