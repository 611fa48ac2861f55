#!/bin/sh
# scripts/abi-dump.sh LIBRARY SRCDIR OUTPUT - the ABI of a built libx12.so as
# abigail XML (abidw, Debian's abigail-tools), the way abi/libx12.so.N.abi is
# written: `make abi-baseline` and tests/abi.sh both call this, so the
# committed baseline and the library under test are described alike.
#
# Only what callers see is written: the exported functions and the types
# reachable from them that include/x12/*.h defines (an opaque handle stays
# a declaration; the library's internal structures are left out).  No
# absolute path is written (not the library's, not the compilation
# directory), nor source locations or the DT_NEEDED list; each translation
# unit keeps its path relative to the build directory (../lib/reader.c from
# ./build), which abidiff does not compare.  Type ids are hashes,
# so adding a type does not renumber the others and a refreshed baseline
# differs only where the ABI does.  The same library gives the same bytes.
#
# The library must be built with debug information (-g, configure's
# default): abidw reads the types from DWARF.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 LIBRARY SRCDIR OUTPUT" >&2
    exit 2
fi
lib=$1
srcdir=$2
out=$3
ABIDW=${ABIDW:-abidw}
if ! command -v "$ABIDW" >/dev/null 2>&1; then
    echo "$0: $ABIDW not found (Debian: apt-get install abigail-tools)" >&2
    exit 1
fi
[ -f "$lib" ] || { echo "$0: $lib: no such library" >&2; exit 1; }
[ -d "$srcdir/include/x12" ] || { echo "$0: $srcdir/include/x12: no such directory" >&2; exit 1; }
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' INT TERM
"$ABIDW" --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed \
    --type-id-style hash --exported-interfaces-only \
    --headers-dir "$srcdir/include/x12" --drop-private-types \
    --out-file "$tmp" "$lib" || { echo "$0: $ABIDW failed on $lib" >&2; exit 1; }
mv "$tmp" "$out"
