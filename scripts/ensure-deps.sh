#!/bin/sh
# Installs what building and testing libx12 needs, when it is missing.
# Debian/Ubuntu: as root it runs apt-get itself; otherwise it prints the
# command to run and fails.
set -u

missing_cmds=""
# man and groff (man-db): tests/manpages.sh renders every page and follows
# the aliases; xmllint (libxml2-utils), jq and less: the shell examples of
# x12(1) that tests/examples.sh runs; abidw and abidiff (abigail-tools):
# tests/abi.sh compares the library with the ABI baseline.
for c in cc make autoreconf automake aclocal libtoolize pkg-config python3 man groff xmllint jq \
    less abidw abidiff; do
    command -v "$c" >/dev/null 2>&1 || missing_cmds="$missing_cmds $c"
done
missing_mods=""
if command -v pkg-config >/dev/null 2>&1; then
    # liblzma: the static libxml2 needs it (tests/static-link.sh links
    # fully statically); libxml2-dev does not pull it in.
    for m in zlib libxml-2.0 check liblzma; do
        pkg-config --exists "$m" 2>/dev/null || missing_mods="$missing_mods $m"
    done
else
    missing_mods=" zlib libxml-2.0 check liblzma"
fi
# The Python side (columnar tables, Dask, JSON Schema checks in the tests)
# uses Debian's python3 packages; a python3 earlier on PATH (a pyenv shim)
# need not have them, so /usr/bin/python3 counts when it does.  pip,
# setuptools and wheel: tests/pip-install.sh installs the binding offline;
# mypy: tests/python-typing.sh type-checks it.
missing_py=" numpy/pandas/dask/jsonschema/pip/mypy"
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import numpy, pandas, dask.dataframe, distributed, jsonschema, mypy, sys
import importlib.util as u
sys.exit(any(u.find_spec(m) is None for m in ("pip", "setuptools", "wheel")))' \
        >/dev/null 2>&1; then
        missing_py=""
        break
    fi
done
[ -z "$missing_cmds$missing_mods$missing_py" ] && exit 0

pkgs="build-essential autoconf automake libtool pkgconf check libxml2-dev zlib1g-dev liblzma-dev \
man-db libxml2-utils jq less abigail-tools python3 python3-numpy python3-pandas python3-dask \
python3-distributed python3-jsonschema python3-pip mypy"
echo "libx12: missing:$missing_cmds$missing_mods$missing_py" >&2
if ! command -v apt-get >/dev/null 2>&1; then
    echo "libx12: install autoconf, automake, libtool, pkg-config, Check, libxml2, zlib and liblzma development files, man, xmllint, jq, less, libabigail's abidw and abidiff, and Python 3 with numpy, pandas, dask, distributed, jsonschema, pip and mypy, with your system's package manager" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "libx12: run as root:  apt-get update && apt-get install -y $pkgs" >&2
    exit 1
fi
echo "libx12: installing $pkgs" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2 || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $pkgs >&2 || exit 1
