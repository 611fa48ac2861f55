#!/bin/sh
# tests/python-typing.sh - the Python package's type hints are real:
#
#   1. `mypy` with the package's own settings (bindings/python/pyproject.toml:
#      --strict) passes on the package, on bindings/python/tests/
#      typed_usage.py, a small user program written against the hints, and
#      on examples/replace_claims.py;
#   2. the hints catch mistakes: a program with known type errors fails,
#      each error reported on its line (so the API is not Any everywhere);
#   3. installed with pip (offline, into a venv, as tests/pip-install.sh
#      does), the package is typed for its users: `mypy --strict` of
#      typed_usage.py from a directory without the source passes through
#      the installed py.typed (PEP 561), and fails with the marker removed;
#   4. typed_usage.py runs against the library just built and its checks
#      hold.
#
# Skipped (77) in a static-only build (no shared library) and when mypy is
# missing (Debian: apt-get install mypy).  The hints themselves are also
# checked without mypy, at run time, by bindings/python/tests/test_typing.py.
#
# Run by `make check` with X12_BUILDDIR, X12_TEST_DATA and PYTHON.
set -u

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
srcdir=$(cd "$(dirname "$0")/.." && pwd)
pydir=$srcdir/bindings/python
PYTHON=${PYTHON:-python3}

libdir=$X12_BUILDDIR/lib/.libs
lib=$(ls "$libdir"/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "no shared library built (static-only build): skipped"
    exit 77
fi
if ! "$PYTHON" -m mypy --version >/dev/null 2>&1; then
    echo "$PYTHON has no mypy (apt-get install mypy): skipped"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12typing.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
unset PYTHONPATH MYPYPATH
export PYTHONDONTWRITEBYTECODE=1

# mypy writes its cache next to where it runs: keep it out of the tree.
mypy() { "$PYTHON" -m mypy --cache-dir "$tmp/cache" --no-error-summary "$@"; }

# ---- 1. the package and the user program, with the package's settings -------
if (cd "$pydir" && mypy --config-file pyproject.toml libx12 tests/typed_usage.py \
        "$srcdir/examples/replace_claims.py") >"$tmp/pkg.out" 2>&1; then
    ok "mypy (pyproject.toml: --strict) on libx12/, tests/typed_usage.py and examples/replace_claims.py"
else
    bad "mypy on the package:"
    head -n 15 "$tmp/pkg.out" | sed 's/^/    /'
fi

# ---- 2. mistakes are caught ---------------------------------------------------
# Each line below marked "# E" is a type error the hints must report.
cat >"$tmp/wrong.py" <<'EOF'
from typing import List, Optional
import libx12

problems: List[libx12.Problem] = libx12.validate("a.837", strict="yes")  # E
era = libx12.parse_835("era.835")
paid: str = era.payments[0].claims[0].paid_cents  # E
allowed: int = era.claims[0].services[0].allowed_cents  # E
ack: str = libx12.write_999(b"ISA")  # E
segs = [s.id.decode() for s in libx12.iter_segments("a.837")]  # E
elig = libx12.parse_271("a.271")
summary = elig.coverages[0].summary(30)  # E
deductible: int = elig.coverages[0].summaries[0].deductible_cents  # E
status: libx12.X12Status = libx12.X12Error(7).status  # E
libx12.reconcile(claims=["a.837"], as_of=2025.5)  # E
name: Optional[str] = libx12.Problem.location  # E
EOF
want=$(grep -n '# E$' "$tmp/wrong.py" | cut -d: -f1 | sort -n | tr '\n' ' ')
(cd "$tmp" && MYPYPATH=$pydir mypy --config-file "$pydir/pyproject.toml" wrong.py) \
    >"$tmp/wrong.out" 2>&1
got=$(grep -o '^wrong\.py:[0-9]*: error' "$tmp/wrong.out" | cut -d: -f2 | sort -n -u |
    tr '\n' ' ')
if [ "$got" = "$want" ]; then
    ok "a program with $(echo "$want" | wc -w) type errors: each reported on its line"
else
    bad "type errors: expected on lines [$want], reported on [$got]:"
    sed 's/^/    /' "$tmp/wrong.out" | head -n 20
fi

# ---- 3. installed: typed for its users through py.typed ----------------------
cp -R "$pydir" "$tmp/src"
find "$tmp/src" \( -name __pycache__ -o -name .mypy_cache \) -prune -exec rm -rf {} + \
    2>/dev/null
if "$PYTHON" -c 'import importlib.util as u, sys
sys.exit(any(u.find_spec(m) is None for m in ("pip", "setuptools", "wheel")))' \
    >/dev/null 2>&1 &&
    "$PYTHON" -m venv --system-site-packages --without-pip "$tmp/venv" >/dev/null 2>&1 &&
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 "$tmp/venv/bin/python" -m pip install \
        --no-build-isolation --no-index --no-deps "$tmp/src" >"$tmp/pip.log" 2>&1; then
    site=$("$tmp/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    mkdir "$tmp/user"
    cp "$pydir/tests/typed_usage.py" "$tmp/user/"
    if [ -f "$site/libx12/py.typed" ] &&
        (cd "$tmp/user" && mypy --strict --python-executable "$tmp/venv/bin/python" \
            typed_usage.py) >"$tmp/inst.out" 2>&1; then
        ok "installed package: py.typed shipped, mypy --strict of a user program passes"
    else
        bad "installed package (py.typed: $(ls "$site/libx12/py.typed" 2>&1)):"
        head -n 10 "$tmp/inst.out" | sed 's/^/    /'
    fi
    rm -f "$site/libx12/py.typed"
    (cd "$tmp/user" && mypy --strict --python-executable "$tmp/venv/bin/python" \
        typed_usage.py) >"$tmp/nomark.out" 2>&1
    if grep -q 'missing library stubs or py.typed marker' "$tmp/nomark.out"; then
        ok "without py.typed the same check fails (the marker is what makes it typed)"
    else
        bad "without py.typed mypy did not miss the marker:"
        head -n 5 "$tmp/nomark.out" | sed 's/^/    /'
    fi
else
    echo "skip installed-package checks: no pip/setuptools/wheel or venv ($(tail -n 1 "$tmp/pip.log" 2>/dev/null))"
fi

# ---- 4. the user program runs --------------------------------------------------
examples=$(cd "$srcdir/examples" && pwd)
if (cd "$tmp" && LIBX12_PATH=$lib PYTHONPATH=$pydir "$PYTHON" "$pydir/tests/typed_usage.py" \
    "$X12_TEST_DATA" "$examples") >"$tmp/run.out" 2>&1 &&
    grep -q '^errors: X12_EIO (5)$' "$tmp/run.out" &&
    grep -q '^837: 1 claim(s) read back and built again$' "$tmp/run.out"; then
    ok "typed_usage.py runs: $(tr '\n' ';' <"$tmp/run.out" | sed 's/;$//; s/;/; /g')"
else
    bad "typed_usage.py:"
    tail -n 10 "$tmp/run.out" | sed 's/^/    /'
fi

echo "python-typing.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
