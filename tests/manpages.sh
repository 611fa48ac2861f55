#!/bin/sh
# tests/manpages.sh - the man pages in doc/ render cleanly, work from the
# source tree and when installed, and document every exported function.
#
# Every page is found by listing doc/, so a new page is checked without being
# named here.
#   each page      renders with groff -man -ww, and with man --warnings
#                  (what lintian runs), without a warning; its .TH names the
#                  section of its file name and "libx12" without a version
#   each alias     (a symbolic link in doc/) points at a page in doc/ whose
#                  NAME lists it, and `man -l doc/ALIAS` run from the top of
#                  the source tree shows that page
#   installed      `make install-data DESTDIR=...` installs every page; the
#                  .TH line carries "libx12 $X12_VERSION"; an alias is a
#                  ".so man3/PAGE" request that man follows from the manpath
#   functions      every function the built library exports (nm -D of the
#                  shared library, or nm of the static one) is named in some
#                  page
#
# Run by `make check` with X12_BUILDDIR, X12_VERSION and NM.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_VERSION:?}"
srcdir=$(cd "$(dirname "$0")/.." && pwd)
NM=${NM:-nm}

if ! command -v groff >/dev/null 2>&1; then
    echo "groff not found (apt-get install groff-base): skipped"
    exit 77
fi
have_man=no
command -v man >/dev/null 2>&1 && have_man=yes
[ "$have_man" = yes ] || echo "note: man not found (apt-get install man-db): its checks are skipped"

pages=""
aliases=""
for f in "$srcdir"/doc/*.[1-9]; do
    [ -e "$f" ] || continue
    if [ -h "$f" ]; then aliases="$aliases ${f##*/}"; else pages="$pages ${f##*/}"; fi
done
[ -n "$pages" ] || { echo "FAIL no man pages in $srcdir/doc"; exit 1; }

# ---- each page renders without warnings --------------------------------------
for p in $pages; do
    f=$srcdir/doc/$p
    sec=${p##*.}
    if LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$f" >"$tmp/err" 2>&1 && [ ! -s "$tmp/err" ]; then
        ok "$p: groff -man -ww"
    else
        bad "$p: groff -man -ww: $(head -n 3 "$tmp/err")"
    fi
    if [ "$have_man" = yes ]; then
        LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$f" >/dev/null 2>"$tmp/err"
        if [ ! -s "$tmp/err" ]; then
            ok "$p: man --warnings"
        else
            bad "$p: man --warnings: $(head -n 3 "$tmp/err")"
        fi
    fi
    th=$(grep -m 1 '^\.TH ' "$f")
    # .TH TITLE SECTION "DATE" "SOURCE" "MANUAL"
    set -- $th
    if [ "${3:-}" = "$sec" ]; then
        ok "$p: .TH section $sec"
    else
        bad "$p: .TH section '${3:-}', the file name says $sec"
    fi
    case $th in
        *' "libx12" '*) ok "$p: .TH source \"libx12\" (the version is added when installed)" ;;
        *) bad "$p: .TH must name the source as \"libx12\", without a version (make install adds it): $th" ;;
    esac
done

# ---- aliases -------------------------------------------------------------------
for a in $aliases; do
    t=$(readlink "$srcdir/doc/$a")
    case $t in
        */*) bad "$a: points outside doc/ ($t)"; continue ;;
    esac
    if [ ! -f "$srcdir/doc/$t" ] || [ -h "$srcdir/doc/$t" ]; then
        bad "$a: points at $t, which is not a page in doc/"
        continue
    fi
    name=${a%.*}
    if sed -n '/^\.SH NAME/,/^\.SH/p' "$srcdir/doc/$t" | sed 's/\\-/-/g' | grep -q -- "$name[, ]"; then
        ok "$a: NAME of $t lists $name"
    else
        bad "$a: NAME of $t does not list $name (whatis and apropos would miss it)"
    fi
    if [ "$have_man" = yes ]; then
        want=$(sed -n 's/^\.TH \([^ ]*\) .*/\1/p' "$srcdir/doc/$t" | sed 's/\\-/-/g')
        if (cd "$srcdir" && MANWIDTH=80 man -l "doc/$a" 2>"$tmp/err") | head -n 1 |
            grep -q "^$want("; then
            ok "man -l doc/$a in the source tree shows $want"
        else
            bad "man -l doc/$a in the source tree: $(head -n 2 "$tmp/err")"
        fi
    fi
done

# ---- installed -------------------------------------------------------------------
dest=$tmp/dest
if (unset MAKEFLAGS MFLAGS MAKELEVEL; ${MAKE:-make} -C "$X12_BUILDDIR" install-data \
    DESTDIR="$dest") >"$tmp/install.log" 2>&1; then
    ok "make install-data DESTDIR=..."
else
    bad "make install-data DESTDIR=... failed:"
    tail -n 5 "$tmp/install.log" | sed 's/^/    /'
fi
mandir=$(find "$dest" -type d -name man -path '*/share/man' | head -n 1)
for p in $pages $aliases; do
    sec=${p##*.}
    f=$mandir/man$sec/$p
    if [ -z "$mandir" ] || [ ! -f "$f" ]; then
        bad "$p is not installed (list it in dist_man_MANS in Makefile.am)"
        continue
    fi
    if [ -h "$srcdir/doc/$p" ]; then
        t=$(readlink "$srcdir/doc/$p")
        if [ "$(cat "$f")" = ".so man${t##*.}/$t" ]; then
            ok "installed $p: .so man${t##*.}/$t"
        else
            bad "installed $p is not '.so man${t##*.}/$t': $(head -n 1 "$f")"
        fi
        if [ "$have_man" = yes ]; then
            want=$(sed -n 's/^\.TH \([^ ]*\) .*/\1/p' "$srcdir/doc/$t" | sed 's/\\-/-/g')
            if MANWIDTH=80 man -M "$mandir" "$sec" "${p%.*}" 2>"$tmp/err" | head -n 1 |
                grep -q "^$want("; then
                ok "man -M MANDIR $sec ${p%.*} follows the .so to $want"
            else
                bad "man -M MANDIR $sec ${p%.*}: $(head -n 2 "$tmp/err")"
            fi
        fi
    else
        if grep -q "^\.TH .* \"libx12 $X12_VERSION\" " "$f"; then
            ok "installed $p: .TH says libx12 $X12_VERSION"
        else
            bad "installed $p: .TH lacks \"libx12 $X12_VERSION\": $(grep -m 1 '^\.TH' "$f")"
        fi
    fi
done

# ---- every exported function is documented ---------------------------------------
lib=$(ls "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -n "$lib" ]; then
    $NM -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' >"$tmp/syms"
    from="nm -D ${lib##*/}"
else
    $NM --defined-only "$X12_BUILDDIR/lib/.libs/libx12.a" 2>/dev/null |
        awk '$2 == "T" && $3 ~ /^x12_/ { print $3 }' >"$tmp/syms"
    from="nm libx12.a"
fi
sort -u -o "$tmp/syms" "$tmp/syms"
n=$(grep -c . "$tmp/syms")
if [ "$n" -lt 1 ]; then
    bad "no exported functions found ($from)"
else
    for p in $pages; do cat "$srcdir/doc/$p"; done | sed 's/\\f[BIRP]//g; s/\\&//g' >"$tmp/all"
    missing=""
    while read -r s; do
        grep -qw -- "$s" "$tmp/all" || missing="$missing $s"
    done <"$tmp/syms"
    if [ -z "$missing" ]; then
        ok "all $n exported functions ($from) are named in a man page"
    else
        bad "exported but named in no man page:$missing"
    fi
fi

finish
