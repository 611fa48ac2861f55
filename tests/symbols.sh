#!/bin/sh
# The shared library exports only x12_* functions, each under a version node
# of lib/libx12.sym.  Reads the built library's dynamic symbol table.
. "$(dirname "$0")/lib.sh"

lib=$(ls "$X12_BUILDDIR"/lib/.libs/libx12.so.*.*.* 2>/dev/null | head -n 1)
[ -n "$lib" ] || skip "no shared library built (static-only build)"
NM=${NM:-nm}
defined=$($NM -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}')
total=$(echo "$defined" | grep -c .)
bad=$(echo "$defined" | sed 's/@.*//' | grep -v '^x12_' | grep -v '^X12_0\.' || true)
if [ -n "$bad" ]; then
    echo "FAIL: exported symbols without the x12_ prefix:"
    echo "$bad"
    exit 1
fi
unversioned=$(echo "$defined" | grep '^x12_' | grep -v '@@X12_0\.' || true)
if [ -n "$unversioned" ]; then
    echo "FAIL: x12_ symbols without a version node:"
    echo "$unversioned"
    exit 1
fi
# The core entry points are really there.
for s in x12_reader_new x12_reader_next x12_strerror x12_writer_new x12_error_format; do
    echo "$defined" | grep -q "^$s@@" || { echo "FAIL: $s is not exported"; exit 1; }
done
echo "ok: $total exported symbols, all x12_* under X12_0.* version nodes"
exit 0
