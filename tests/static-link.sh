#!/bin/sh
# tests/static-link.sh - a program links fully statically against the
# installed libx12 with nothing but `pkg-config --static`, and runs.
#
# The library is installed with `make install DESTDIR=...` and its libx12.pc
# relocated there (its absolute paths prefixed with DESTDIR, as a packager's
# staging area would be).  The program is generated from the shared
# library's dynamic symbol table: it names every exported function through
# <x12/x12.h> (so each one is declared by a public header, and every member
# of libx12.a - the XML reader's libxml2 and ICU, the reader's zlib - must
# resolve), then
#   - checks x12_version() against X12_VERSION_STRING and configure's version,
#   - reads a gzip-compressed 837 (zlib), writes it as XML and converts the
#     XML back to X12 (libxml2's parser): the bytes must be the original's.
# Linked with `cc -static prog.c $(pkg-config --static --cflags --libs libx12)`.
#
# Skipped (77) in a static-only build (no shared library to list the
# exports of: the ASan suite), without a static libx12.a, or when the
# static libraries libxml2 needs are not installed (Debian: libxml2-dev,
# libicu-dev, liblzma-dev, zlib1g-dev, libstdc++-12-dev, libc6-dev).
#
# Run by `make check` with X12_BUILDDIR, X12_EXAMPLE_DATA, X12_VERSION, NM,
# CC and PKG_CONFIG.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_EXAMPLE_DATA:?}" "${X12_VERSION:?}"
NM=${NM:-nm}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

lib=$(ls "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "no shared library built (static-only build): skipped"
    exit 77
fi
if [ ! -f "$X12_BUILDDIR/lib/.libs/libx12.a" ]; then
    echo "no static library built (--disable-static): skipped"
    exit 77
fi
if ! command -v "$PKG_CONFIG" >/dev/null 2>&1; then
    echo "$PKG_CONFIG not found: skipped"
    exit 77
fi
# Every library a fully static link needs must exist as an archive.
missing=""
for l in $("$PKG_CONFIG" --static --libs-only-l libxml-2.0 zlib) -lstdc++ -lm -lc; do
    a=$("$CC" -print-file-name="lib${l#-l}.a")
    case $a in
        /*) ;;
        *) missing="$missing lib${l#-l}.a" ;;
    esac
done
if [ -n "$missing" ]; then
    echo "static libraries not installed:$missing (Debian: libxml2-dev libicu-dev liblzma-dev zlib1g-dev libstdc++-12-dev libc6-dev): skipped"
    exit 77
fi

# ---- install into a staging directory -----------------------------------------
. "$(dirname "$0")/stage-install.sh"
root=$tmp/root
if stage_install "$root" "$tmp/pc"; then
    ok "make install DESTDIR=..."
else
    bad "make install DESTDIR=... failed"
    finish
fi
pc=$stage_pc
PKG_CONFIG_PATH=$tmp/pc${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
export PKG_CONFIG_PATH
for req in libxml-2.0 zlib; do
    if grep -q "^Requires.private:.*\\b$req\\b" "$pc"; then
        ok "libx12.pc: Requires.private names $req"
    else
        bad "libx12.pc: Requires.private lacks $req"
    fi
done
flags=$("$PKG_CONFIG" --static --cflags --libs libx12) || {
    bad "pkg-config --static --cflags --libs libx12 failed"
    exit 1
}
echo "     pkg-config --static: $flags"
# The headers must come from the staging directory, not from the source tree.
case $flags in
    *"-I$root/"*) ok "the installed headers are used" ;;
    *) bad "pkg-config --cflags does not point into the staging directory" ;;
esac

# ---- the program ------------------------------------------------------------------
$NM -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort -u \
    >"$tmp/functions"
$NM -D --defined-only "$lib" | awk '$2 ~ /^[DBRV]$/ { sub(/@.*/, "", $3); print $3 }' | sort -u \
    >"$tmp/objects"
nfun=$(grep -c . "$tmp/functions")
nobj=$(grep -c . "$tmp/objects")
{
    cat <<'EOF'
#include <stdio.h>
#include <string.h>
#include <x12/x12.h>

/* Every function the shared library exports, taken through the public
 * headers: linking resolves each one from libx12.a and what it needs. */
extern void (*const every_function[])(void);
void (*const every_function[])(void) = {
EOF
    sed 's/.*/    (void (*)(void))&,/' "$tmp/functions"
    echo "    NULL"
    echo "};"
    echo "extern const void *const every_object[];"
    echo "const void *const every_object[] = {"
    sed 's/.*/    \&&,/' "$tmp/objects"
    echo "    NULL"
    echo "};"
    cat <<EOF
#define WANT_FUNCTIONS ${nfun}u
#define WANT_OBJECTS ${nobj}u
#define WANT_VERSION "$X12_VERSION"
EOF
    cat <<'EOF'

static int put(void *user, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

/* argv[1]: an X12 file (gzip or not).  Writes it as XML to a temporary file,
 * then the X12 read back from that XML on standard output. */
int main(int argc, char **argv)
{
    size_t nf = 0, no = 0;
    x12_reader *r = NULL;
    x12_xml *x = NULL;
    FILE *tmp;
    x12_status st;

    while (every_function[nf] != NULL)
        nf++;
    while (every_object[no] != NULL)
        no++;
    if (nf != WANT_FUNCTIONS || no != WANT_OBJECTS) {
        fprintf(stderr, "%zu functions, %zu objects\n", nf, no);
        return 1;
    }
    if (strcmp(x12_version(), X12_VERSION_STRING) != 0 ||
        strcmp(x12_version(), WANT_VERSION) != 0) {
        fprintf(stderr, "version %s, headers %s, configure %s\n", x12_version(),
                X12_VERSION_STRING, WANT_VERSION);
        return 1;
    }
    fprintf(stderr, "%zu functions, libx12 %s, X12_EINVAL: %s\n", nf, x12_version(),
            x12_strerror(X12_EINVAL));
    if (argc != 2 || (tmp = tmpfile()) == NULL)
        return 2;
    if (x12_reader_new(NULL, &r) != X12_OK || x12_xml_new(NULL, &x) != X12_OK)
        return 1;
    st = x12_reader_open_path(r, argv[1]);
    if (st == X12_OK)
        st = x12_xml_write(x, r, put, tmp);
    if (st == X12_OK && (fflush(tmp) != 0 || fseek(tmp, 0, SEEK_SET) != 0))
        st = X12_EIO;
    if (st == X12_OK)
        st = x12_xml_read_file(x, tmp, stdout);
    if (st != X12_OK) {
        const x12_error *e = x12_xml_last_error(x);
        fprintf(stderr, "%s: %s\n", x12_strerror(st), e ? x12_error_message(e) : "");
    }
    x12_xml_free(x);
    x12_reader_free(r);
    fclose(tmp);
    return st == X12_OK ? 0 : 1;
}
EOF
} >"$tmp/every.c"

if "$CC" -static -std=c11 -Werror=implicit-function-declaration -o "$tmp/every" "$tmp/every.c" \
    $flags >"$tmp/link.log" 2>&1; then
    ok "cc -static every.c \$(pkg-config --static --cflags --libs libx12): $nfun functions"
else
    bad "static link failed:"
    grep -v 'statically linked applications requires at runtime' "$tmp/link.log" |
        grep -v ': in function ' | head -n 15 | sed 's/^/    /'
fi
if [ -x "$tmp/every" ]; then
    # No dynamic section: nothing is left for the loader.
    if LC_ALL=C readelf -d "$tmp/every" 2>&1 | grep -q 'There is no dynamic section'; then
        ok "the program is fully static"
    else
        bad "the program has a dynamic section: $(LC_ALL=C readelf -d "$tmp/every" | grep NEEDED | head -n 3)"
    fi
    gzip -c "$X12_EXAMPLE_DATA/office-visit.837" >"$tmp/in.837.gz"
    "$tmp/every" "$tmp/in.837.gz" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 0 ] && cmp -s "$X12_EXAMPLE_DATA/office-visit.837" "$tmp/out"; then
        ok "runs: version $X12_VERSION, gzip'd X12 -> XML -> the same bytes"
    else
        bad "the static program: exit $rc: $(head -n 3 "$tmp/err")"
    fi
fi

finish
