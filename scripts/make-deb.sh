#!/bin/sh
# scripts/make-deb.sh - the Debian packages (`make deb`), built from a clean
# export of the source so that nothing in the working tree changes.
#
#   sh scripts/make-deb.sh [--symbols] [OUTDIR]
#
# In a git checkout the export is HEAD (git archive): changes not committed
# are not in the packages, and a note says so (DEB_TREE=worktree packages
# the tracked files as they are instead).  Elsewhere (a release tarball) it
# is a copy of the tree.  dpkg-buildpackage -us -uc -b builds
# libx12-0, libx12-dev, x12-tools and python3-libx12 there, running the test
# suite (DEB_BUILD_OPTIONS=nocheck skips it); the .deb, .changes and
# .buildinfo files and the build log go to OUTDIR (default build-deb/ at the
# top of the source tree), and lintian checks the packages when it is
# installed (no error or warning may remain).
#
# Missing build dependencies are installed with apt-get as root, or the
# command to run is printed.
#
# debian/libx12-0.symbols lists every exported function with the version
# that added it.  When the library exports functions the file does not list
# (or no longer exports one), dpkg-gensymbols says so during the build and
# this script repeats it at the end; --symbols then writes the symbols of
# the library just built into debian/libx12-0.symbols (new ones get the
# current version) for you to review and commit.
set -u

symbols=no
if [ "${1:-}" = "--symbols" ]; then
    symbols=yes
    shift
fi
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build-deb}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac

die() { echo "make deb: $*" >&2; exit 1; }

for c in dpkg-buildpackage dpkg-checkbuilddeps; do
    command -v "$c" >/dev/null 2>&1 || missing_tools="${missing_tools:-} $c"
done
[ -f "$top/debian/control" ] || die "no debian/ directory in $top"

# The version: configure.ac's AC_INIT, and debian/changelog must agree.
version=$(sed -n 's/^AC_INIT(\[libx12\], *\[\([0-9.]*\)\].*/\1/p' "$top/configure.ac")
[ -n "$version" ] || die "no version in configure.ac's AC_INIT"
chver=$(sed -n '1s/^libx12 (\([^)]*\)).*/\1/p' "$top/debian/changelog")
[ "$chver" = "$version" ] ||
    die "debian/changelog is at $chver but configure.ac at $version: add a changelog entry (dch -v $version)"

# Build dependencies.
if [ -n "${missing_tools:-}" ] || ! dpkg-checkbuilddeps "$top/debian/control" >/dev/null 2>&1; then
    if ! command -v apt-get >/dev/null 2>&1; then
        die "install dpkg-dev and the Build-Depends of debian/control"
    fi
    if [ "$(id -u)" = 0 ]; then
        echo "make deb: installing the build dependencies" >&2
        export DEBIAN_FRONTEND=noninteractive
        { apt-get install -y -q --no-install-recommends dpkg-dev &&
            apt-get build-dep -y -q "$top"; } >&2 ||
            { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends dpkg-dev >&2 &&
                apt-get build-dep -y -q "$top" >&2; } ||
            die "could not install the build dependencies"
    else
        die "missing build dependencies; as root run: apt-get install -y dpkg-dev && apt-get build-dep -y '$top'"
    fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/libx12-deb.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
src=$tmp/libx12-$version
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    tree=HEAD
    from="HEAD ($(git -C "$top" rev-parse --short HEAD))"
    if [ -n "$(git -C "$top" status --porcelain --untracked-files=no)" ]; then
        if [ "${DEB_TREE:-}" = worktree ]; then
            # Tracked files as they are now (untracked ones only once added).
            tree=$(git -C "$top" stash create) || die "git stash create failed"
            from="the working tree (uncommitted changes included)"
        else
            echo "make deb: note: packaging $from; uncommitted changes are not in the" \
                "packages (DEB_TREE=worktree includes them)" >&2
        fi
    fi
    git -C "$top" archive --format=tar --prefix="libx12-$version/" "$tree" | tar -x -C "$tmp" ||
        die "git archive failed"
else
    mkdir "$src" &&
        (cd "$top" && tar -cf - --exclude='./build' --exclude='./build-*' --exclude='./_build' .) |
        (cd "$src" && tar -xf -) || die "could not copy the source tree"
    from="a copy of $top"
fi

mkdir -p "$out" || exit 1
log=$out/build.log
echo "make deb: building libx12 $version from $from in $src (log: $log)" >&2
# The system's PATH, as a build daemon has it: an interpreter earlier on the
# caller's PATH (a pyenv shim) must not build a Debian package.
(cd "$src" && PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-parallel=2} dpkg-buildpackage -us -uc -b) >"$log" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
    tail -n 30 "$log" >&2
    die "dpkg-buildpackage failed (exit $rc); the whole log is $log"
fi

rm -f "$out"/*.deb "$out"/*.changes "$out"/*.buildinfo
for f in "$tmp"/*.deb "$tmp"/*.changes "$tmp"/*.buildinfo; do
    [ -f "$f" ] && cp "$f" "$out/"
done
ls "$out"/*.deb >&2

# Symbols.
newsyms=$(grep -c 'dpkg-gensymbols: warning: some new symbols appeared' "$log")
lostsyms=$(grep -c 'dpkg-gensymbols: warning: some symbols or patterns disappeared' "$log")
if [ "$symbols" = yes ]; then
    lib=$(ls "$src"/debian/libx12-0/usr/lib/*/libx12.so.* 2>/dev/null | grep -v '\.so\.[0-9]*$' | head -n 1)
    [ -n "$lib" ] || lib=$(ls "$src"/debian/libx12-0/usr/lib/*/libx12.so.[0-9]* | head -n 1)
    (cd "$src" && dpkg-gensymbols -plibx12-0 -v"$version" -Pdebian/libx12-0 -e"$lib" \
        -Odebian/libx12-0.symbols -q) || die "dpkg-gensymbols failed"
    cp "$src/debian/libx12-0.symbols" "$top/debian/libx12-0.symbols"
    echo "make deb: wrote debian/libx12-0.symbols; review it (git diff) and commit it" >&2
elif [ "$newsyms" -gt 0 ] || [ "$lostsyms" -gt 0 ]; then
    grep -A 40 'dpkg-gensymbols: warning:' "$log" | grep '^[-+] ' >&2
    echo "make deb: warning: the library's exports and debian/libx12-0.symbols differ" \
        "(above: + new, - gone); refresh the file with 'make deb-symbols' and commit it" >&2
fi

if command -v lintian >/dev/null 2>&1; then
    echo "make deb: lintian" >&2
    lintian --fail-on error,warning "$out"/libx12_"$version"_*.changes >&2 ||
        die "lintian reports errors or warnings"
else
    echo "make deb: lintian is not installed: the packages were not checked" >&2
fi
echo "make deb: the packages are in $out" >&2
