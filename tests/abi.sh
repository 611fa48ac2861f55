#!/bin/sh
# tests/abi.sh - the built libx12.so keeps the ABI of the committed baseline
# abi/SONAME.abi (abigail XML, written by `make abi-baseline`).
#
# The built library is described the way the baseline was
# (scripts/abi-dump.sh: exported functions and the public types reachable
# from them) and abidiff compares the two:
#   no change                          pass
#   only added functions or variables  pass; the additions are printed (the
#                                      baseline is refreshed with the change
#                                      that adds them, or by the lead at a
#                                      merge: doc/ABI.md)
#   anything else                      FAIL: a function or variable removed
#                                      (abidiff's ABIDIFF_ABI_INCOMPATIBLE_CHANGE
#                                      bit, 8), or changed - a parameter or
#                                      return type, a public structure's
#                                      layout, an enumerator's value, a
#                                      version node.  abidiff sets only its
#                                      "ABI changed" bit (4) for those, so a
#                                      second run with --no-added-syms tells
#                                      them from additions: it exits non-zero
#                                      only when something other than an
#                                      addition changed.  Changes libabigail
#                                      judges harmless (an enumerator
#                                      appended, a typedef renamed to the
#                                      same type) pass.
# Skipped (77) when abidw/abidiff are not installed (Debian: abigail-tools,
# which scripts/ensure-deps.sh installs), without a shared library (the ASan
# suite configures --disable-shared), when the library is built with a
# sanitizer (its code and debug information are the instrumented -O1 build,
# not the one that ships; the plain build is checked) or without debug
# information (abidw reads the types from DWARF: configure's default CFLAGS
# have -g).
#
# Run by `make check` with X12_BUILDDIR and NM.
set -u

: "${X12_BUILDDIR:?}"
srcdir=$(cd "$(dirname "$0")/.." && pwd)
NM=${NM:-nm}
READELF=${READELF:-readelf}
ABIDIFF=${ABIDIFF:-abidiff}
ABIDW=${ABIDW:-abidw}

for t in "$ABIDW" "$ABIDIFF"; do
    if ! command -v "$t" >/dev/null 2>&1; then
        echo "$t not found (Debian: apt-get install abigail-tools): skipped"
        exit 77
    fi
done
lib=""
for f in "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]*; do
    [ -f "$f" ] && [ ! -h "$f" ] && { lib=$f; break; }
done
if [ -z "$lib" ]; then
    echo "no shared library built (static-only build): skipped"
    exit 77
fi
if $NM -D --undefined-only "$lib" | grep -qE ' __(asan|ubsan|tsan|msan)_'; then
    echo "${lib##*/} is built with a sanitizer (not the library that ships): skipped"
    exit 77
fi
if ! "$READELF" -SW "$lib" | grep -q ' \.debug_info '; then
    echo "${lib##*/} has no debug information (configure with -g in CFLAGS): skipped"
    exit 77
fi
soname=$("$READELF" -dW "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ -n "$soname" ] || { echo "FAIL ${lib##*/} has no SONAME"; exit 1; }
baseline=$srcdir/abi/$soname.abi
if [ ! -f "$baseline" ]; then
    echo "FAIL no ABI baseline abi/$soname.abi for the library's soname $soname: a new major version starts its baseline with make abi-baseline (doc/ABI.md)"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12abi.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ABIDW=$ABIDW sh "$srcdir/scripts/abi-dump.sh" "$lib" "$srcdir" "$tmp/built.abi" || {
    echo "FAIL abidw could not describe $lib"
    exit 1
}
"$ABIDIFF" --no-default-suppression "$baseline" "$tmp/built.abi" > "$tmp/diff" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    n=$(grep -c '<elf-symbol ' "$baseline")
    echo "ok: $soname has the ABI of abi/$soname.abi ($n symbols; abidiff $($ABIDIFF --version | sed 's/.*: //'))"
    exit 0
fi
if [ $((rc & 3)) -ne 0 ]; then
    echo "FAIL abidiff could not compare abi/$soname.abi with the built library (exit $rc):"
    cat "$tmp/diff"
    exit 1
fi
if [ $((rc & 8)) -eq 0 ]; then
    "$ABIDIFF" --no-default-suppression --no-added-syms "$baseline" "$tmp/built.abi" > /dev/null 2>&1
    rest=$?
    if [ "$rest" -eq 0 ]; then
        echo "ok: $soname keeps the ABI of abi/$soname.abi and adds to it (compatible):"
        sed 's/^/    /' "$tmp/diff"
        echo "(make abi-baseline records the additions: doc/ABI.md)"
        exit 0
    fi
fi
echo "FAIL $soname breaks the ABI of abi/$soname.abi (abidiff exit $rc):"
sed 's/^/    /' "$tmp/diff"
echo "Within a major version a function is never removed or changed, nor a public type's layout or an enumerator's value (doc/ABI.md): add a new function instead.  Never refresh the baseline to hide this."
exit 1
