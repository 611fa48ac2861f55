#!/bin/sh
# tests/fuzz-build-sync.sh - fuzz/Makefile.fuzz builds the library without
# configure, so it repeats the rules of every file the library generates at
# build time (code lists, compiled-in guides, schemas) and the lists those
# rules read, and the headers configure writes.  A generated file or a code
# list added to Makefile.am (or a header to configure.ac) and not there
# breaks the fuzzing step of CI; this catches it in `make check`.
. "$(dirname "$0")/lib.sh"
srcdir=$(cd "$(dirname "$0")/.." && pwd)
am=$srcdir/Makefile.am
fz=$srcdir/fuzz/Makefile.fuzz

# Generated sources of the library (every line of the list) and its
# included files.
gen=$(awk '/^nodist_lib_libx12_la_SOURCES *\+?=/ { on = 1; sub(/^[^=]*= */, "") }
           on { c = sub(/\\$/, ""); print; on = c }' "$am" | tr ' \t' '\n\n' | grep -v '^$'
      sed -n -e 's/^\(lib\/[A-Za-z0-9_]*\.inc\):.*/\1/p' "$am")
[ -n "$gen" ] || bad "no generated files found in Makefile.am (has its layout changed?)"
for f in $gen; do
    if grep -q "\$(GEN)/$f:" "$fz"; then
        ok "fuzz/Makefile.fuzz makes $f"
    else
        bad "fuzz/Makefile.fuzz has no rule for $f (Makefile.am generates it)"
    fi
done
# Headers configure writes (AC_CONFIG_FILES: <x12/version.h>), which the
# fuzz build, having no configure, makes itself.
hdrs=$(sed -n 's/^AC_CONFIG_FILES(\[\(.*\)\])/\1/p' "$srcdir/configure.ac" | tr ' ' '\n' |
       grep '\.h$')
[ -n "$hdrs" ] || bad "no generated header found in configure.ac's AC_CONFIG_FILES"
for f in $hdrs; do
    if grep -q "\$(GEN)/$f:" "$fz"; then
        ok "fuzz/Makefile.fuzz makes $f (configure writes it)"
    else
        bad "fuzz/Makefile.fuzz has no rule for $f (configure writes it)"
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
# The guides it compiles in are Makefile.am's SPEC_XML, every line of it
# (fuzz/Makefile.fuzz reads the list from there).
am_guides=$(awk '/^SPEC_XML *\+?=/ { on = 1; sub(/^[^=]*= */, "") }
                 on { c = sub(/\\$/, ""); print; on = c }' "$am" | tr ' \t' '\n\n' | grep -v '^$' | sort)
# (a make of its own: not the jobserver nor the directory lines of make check's)
fz_guides=$(MAKEFLAGS= MAKELEVEL= make -s --no-print-directory -f "$fz" guides |
            tr ' ' '\n' | grep -v '^$' | sort)
if [ -n "$am_guides" ] && [ "$am_guides" = "$fz_guides" ]; then
    ok "fuzz/Makefile.fuzz compiles in the guides of SPEC_XML ($(echo $am_guides | wc -w))"
else
    bad "fuzz/Makefile.fuzz guides '$(echo $fz_guides)' are not Makefile.am's SPEC_XML '$(echo $am_guides)'"
fi
finish
