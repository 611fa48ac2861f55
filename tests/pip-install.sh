#!/bin/sh
# tests/pip-install.sh - `pip install --no-build-isolation bindings/python`
# works offline with Debian's pip, setuptools and wheel, and the installed
# package finds the shared library.
#
# A copy of bindings/python is installed (pip builds in the source
# directory, which must stay clean) into a virtual environment made with
# --system-site-packages --without-pip (Debian's pip and setuptools come from
# the system; Debian 12 refuses installs into its own Python), with
# --no-index so that nothing can come from the network, then:
#   - the installed files are the package's files, every one of them (a
#     module or subpackage added later must reach the wheel);
#   - its metadata and libx12.__version__ carry configure's version;
#   - `import libx12` with no LIBX12_PATH loads libx12.so.0 through the
#     dynamic loader (here LD_LIBRARY_PATH names the build's .libs) and
#     library_version() is configure's version; LIBX12_PATH still overrides,
#     and a LIBX12_PATH that does not load is an ImportError naming it.
#
# Skipped (77) in a static-only build (no shared library) and without a
# Python that has pip, setuptools >= 61 and wheel (Debian: python3-pip
# python3-setuptools python3-wheel).
#
# Run by `make check` with X12_BUILDDIR, X12_VERSION and PYTHON.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_VERSION:?}"
srcdir=$(cd "$(dirname "$0")/.." && pwd)

libdir=$X12_BUILDDIR/lib/.libs
lib=$(ls "$libdir"/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "no shared library built (static-only build): skipped"
    exit 77
fi
if ! "$PYTHON" -c 'import importlib.metadata as m, importlib.util as u, sys
if any(u.find_spec(p) is None for p in ("pip", "setuptools", "wheel")):
    sys.exit(1)
sys.exit(tuple(int(x) for x in m.version("setuptools").split(".")[:2]) < (61, 0))' \
    >/dev/null 2>&1; then
    echo "$PYTHON lacks pip, wheel or setuptools >= 61 (apt-get install python3-pip python3-setuptools python3-wheel): skipped"
    exit 77
fi

cp -R "$srcdir/bindings/python" "$tmp/src"
find "$tmp/src" -name __pycache__ -prune -exec rm -rf {} + 2>/dev/null
if ! "$PYTHON" -m venv --system-site-packages --without-pip "$tmp/venv" >"$tmp/venv.log" 2>&1; then
    echo "$PYTHON cannot make a virtual environment: $(tail -n 1 "$tmp/venv.log"): skipped"
    exit 77
fi
py=$tmp/venv/bin/python
unset LIBX12_PATH PYTHONPATH PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1

if "$py" -m pip install --no-build-isolation --no-index --no-deps "$tmp/src" \
    >"$tmp/pip.log" 2>&1; then
    ok "pip install --no-build-isolation --no-index bindings/python"
else
    bad "pip install failed:"
    tail -n 8 "$tmp/pip.log" | sed 's/^/    /'
    finish
fi

site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
(cd "$tmp/src" && find libx12 -type f ! -name '*.pyc' | sort) >"$tmp/want"
(cd "$site" && find libx12 -type f ! -name '*.pyc' | sort) >"$tmp/got"
if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
    ok "installed: every file of the package ($(grep -c . "$tmp/want") files)"
else
    bad "installed files differ from the package's:"
    diff "$tmp/want" "$tmp/got" | sed 's/^/    /' | head -n 10
fi
meta=$(ls "$site"/libx12-*.dist-info/METADATA 2>/dev/null | head -n 1)
if [ -n "$meta" ] && grep -qx "Version: $X12_VERSION" "$meta"; then
    ok "dist-info: Version: $X12_VERSION"
else
    bad "dist-info METADATA does not say Version: $X12_VERSION (${meta:-none})"
fi

# Without LIBX12_PATH: the dynamic loader finds libx12.so.0.
cd "$tmp" || exit 1
LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$py" -c '
import libx12, os
maps = open("/proc/self/maps").read()
loaded = sorted({l.split()[-1] for l in maps.splitlines() if "/libx12.so" in l})
print(libx12.__version__, libx12.library_version(), os.path.dirname(libx12.__file__), *loaded)
' >"$tmp/out" 2>"$tmp/err"
rc=$?
set -- $(cat "$tmp/out")
if [ "$rc" -eq 0 ] && [ "${1:-}" = "$X12_VERSION" ] && [ "${2:-}" = "$X12_VERSION" ] &&
    [ "${3:-}" = "$site/libx12" ] && [ "$(cd "$(dirname "${4:-/}")" && pwd -P)" = "$(cd "$libdir" && pwd -P)" ]; then
    ok "import libx12 without LIBX12_PATH: the installed package, libx12.so.0 from the loader, version $X12_VERSION"
else
    bad "import libx12 without LIBX12_PATH: exit $rc: $(cat "$tmp/out") $(tail -n 2 "$tmp/err")"
fi

# LIBX12_PATH overrides; a wrong one is an ImportError that names it.
LIBX12_PATH=$lib "$py" -c 'import libx12; print(libx12.library_version())' >"$tmp/out" 2>"$tmp/err"
if [ "$(cat "$tmp/out")" = "$X12_VERSION" ]; then
    ok "LIBX12_PATH=$lib loads it"
else
    bad "LIBX12_PATH: $(cat "$tmp/out") $(tail -n 1 "$tmp/err")"
fi
LIBX12_PATH=$tmp/nothing.so "$py" -c 'import libx12' >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 0 ] && grep -q 'ImportError: libx12: cannot load LIBX12_PATH=' "$tmp/err"; then
    ok "a LIBX12_PATH that does not load is an ImportError naming it"
else
    bad "bad LIBX12_PATH: $(tail -n 1 "$tmp/err")"
fi

finish
