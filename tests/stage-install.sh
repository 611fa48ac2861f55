# tests/stage-install.sh - sourced by tests that use libx12 as installed.
#
# stage_install ROOT PCDIR
#   runs `make install DESTDIR=ROOT` in $X12_BUILDDIR and writes PCDIR/libx12.pc:
#   the installed one with its absolute prefix, exec_prefix, libdir and
#   includedir moved under ROOT, as a packager's staging area would be.
#   Sets stage_libdir (where libx12.* went).  The output of make goes to
#   ROOT.log; returns non-zero (with a message on stdout) on failure.
stage_install() {
    if ! (unset MAKEFLAGS MFLAGS MAKELEVEL; ${MAKE:-make} -C "$X12_BUILDDIR" install \
        DESTDIR="$1") >"$1.log" 2>&1; then
        echo "make install DESTDIR=$1 failed:"
        tail -n 5 "$1.log" | sed 's/^/    /'
        return 1
    fi
    stage_pc=$(find "$1" -name libx12.pc | head -n 1)
    if [ -z "$stage_pc" ]; then
        echo "make install did not install libx12.pc"
        return 1
    fi
    mkdir -p "$2" &&
        sed -E "s#^(prefix|exec_prefix|libdir|includedir)=/#\\1=$1/#" "$stage_pc" >"$2/libx12.pc" ||
        return 1
    stage_libdir=$(PKG_CONFIG_PATH=$2 ${PKG_CONFIG:-pkg-config} --variable=libdir libx12)
    [ -n "$stage_libdir" ]
}
