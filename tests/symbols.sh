#!/bin/sh
# tests/symbols.sh - the public headers, lib/libx12.sym and the built library
# name the same functions.
#
# Three lists are compared, and each difference is reported with what to add
# or remove where:
#   declared   the functions include/x12/*.h declare X12_API
#              (tests/api-names.awk), with the header and line of each
#   listed     the names lib/libx12.sym binds to a version node; the global
#              part of a node names functions one by one (no wildcard), no
#              name is in two nodes, and only "local: *;" is a pattern
#   exported   the built library's dynamic symbol table (nm -D): every
#              defined symbol is an x12_ function with the default version
#              (NAME@@NODE) of the node lib/libx12.sym puts it in, besides
#              the node names themselves.  In a static-only build (the ASan
#              suite) the functions of libx12.a with default visibility
#              (readelf -s) stand in, without version nodes.
#
# Run by `make check` with X12_BUILDDIR and NM.
set -u

: "${X12_BUILDDIR:?}"
srcdir=$(cd "$(dirname "$0")/.." && pwd)
NM=${NM:-nm}
READELF=${READELF:-readelf}
symfile=$srcdir/lib/libx12.sym

tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12sym.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

fail=0
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# ---- declared: NAME FILE:LINE, sorted by name -------------------------------
(cd "$srcdir" && awk -f tests/api-names.awk include/x12/*.h) | LC_ALL=C sort > "$tmp/declared"
if grep -q '^?' "$tmp/declared"; then
    grep '^?' "$tmp/declared" | while read -r _ where rest; do
        echo "FAIL $where: an X12_API declaration whose function name tests/api-names.awk cannot find $rest"
    done
    exit 1
fi
ndecl=$(grep -c . "$tmp/declared")
[ "$ndecl" -gt 0 ] || { echo "FAIL no X12_API function found in $srcdir/include/x12/*.h"; exit 1; }
cut -d ' ' -f 1 "$tmp/declared" | uniq -d > "$tmp/dups"
while read -r n; do
    bad "$n is declared X12_API more than once: $(grep "^$n " "$tmp/declared" | cut -d ' ' -f 2 | tr '\n' ' ')"
done < "$tmp/dups"

# ---- listed: NAME NODE LINE, sorted by name ---------------------------------
# Comments removed; then the tokens NODE { global: names; local: *; } [PARENT] ;
awk '
{
    line = $0; out = ""
    while (length(line) > 0) {
        if (inc) {
            i = index(line, "*/")
            if (i == 0) { line = ""; break }
            line = substr(line, i + 2); inc = 0; continue
        }
        i = index(line, "/*")
        if (i == 0) { out = out line; break }
        out = out substr(line, 1, i - 1) " "; line = substr(line, i + 2); inc = 1
    }
    gsub(/[{};]/, " & ", out)
    gsub(/:/, ": ", out)
    n = split(out, t, /[ \t]+/)
    for (k = 1; k <= n; k++) {
        w = t[k]
        if (w == "") continue
        if (depth == 0) {
            if (w == "{") { depth = 1; part = "global:"; continue }
            if (w == ";") { after = 0; continue }
            if (w == "}") { print "ERROR", NR, "a } without its {"; continue }
            if (!after) { node = w; nodes++ }
            continue
        }
        if (w == "}") { depth = 0; after = 1; continue }
        if (w == "global:" || w == "local:") { part = w; continue }
        if (w == ";") continue
        if (w == "{") { print "ERROR", NR, "a { inside node " node; continue }
        if (part == "local:") {
            if (w != "*") print "ERROR", NR, "local: names " w " (only \"*\" belongs there)"
            continue
        }
        if (w ~ /[*?\[]/) { print "WILDCARD", NR, w, node; continue }
        print w, node, NR
    }
}
END { if (depth) print "ERROR", NR, "node " node " is not closed" }
' "$symfile" > "$tmp/sym.raw"
while read -r kind ln what node; do
    case $kind in
        ERROR) bad "lib/libx12.sym:$ln: $what $node" ;;
        WILDCARD) bad "lib/libx12.sym:$ln: the pattern '$what' in node $node: name each function (see doc/ABI.md)" ;;
    esac
done <<EOF
$(grep -E '^(ERROR|WILDCARD) ' "$tmp/sym.raw")
EOF
grep -vE '^(ERROR|WILDCARD) ' "$tmp/sym.raw" | LC_ALL=C sort -k1,1 -k3,3n > "$tmp/listed"
nlisted=$(grep -c . "$tmp/listed")
newest=$(awk '{print $3, $2}' "$tmp/listed" | sort -n | sed -n '$p' | cut -d ' ' -f 2)
cut -d ' ' -f 1 "$tmp/listed" | uniq -d > "$tmp/dups"
while read -r n; do
    bad "lib/libx12.sym names $n more than once (lines $(grep "^$n " "$tmp/listed" | cut -d ' ' -f 3 | tr '\n' ' ' | sed 's/ $//')): keep it in the node that first had it"
done < "$tmp/dups"

# ---- declared vs listed -----------------------------------------------------
cut -d ' ' -f 1 "$tmp/declared" | uniq > "$tmp/d.names"
cut -d ' ' -f 1 "$tmp/listed" | uniq > "$tmp/l.names"
LC_ALL=C comm -23 "$tmp/d.names" "$tmp/l.names" > "$tmp/only"
while read -r n; do
    where=$(grep -m 1 "^$n " "$tmp/declared" | cut -d ' ' -f 2)
    bad "$n is declared X12_API ($where) but lib/libx12.sym does not list it: add \"$n;\" to the global part of node $newest (the next release's) in lib/libx12.sym, and a man page entry under doc/"
done < "$tmp/only"
LC_ALL=C comm -13 "$tmp/d.names" "$tmp/l.names" > "$tmp/only"
while read -r n; do
    set -- $(grep -m 1 "^$n " "$tmp/listed")
    bad "lib/libx12.sym:$3 lists $n (node $2) but no header in include/x12 declares it X12_API: declare it there, or remove it from lib/libx12.sym (only if it was never released: see doc/ABI.md)"
done < "$tmp/only"

# ---- exported ---------------------------------------------------------------
lib=$(ls "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
archive=$X12_BUILDDIR/lib/.libs/libx12.a
if [ -n "$lib" ]; then
    what="${lib##*/}"
    $NM -D --defined-only "$lib" > "$tmp/nm" || { bad "$NM -D $lib failed"; exit 1; }
    # NAME@@NODE (the default version); a node's own name is an absolute (A)
    # symbol.
    awk '$2 != "A" {print $3}' "$tmp/nm" | LC_ALL=C sort > "$tmp/exp.raw"
    awk '$2 == "A" {print $3}' "$tmp/nm" | LC_ALL=C sort -u > "$tmp/exp.nodes"
    grep -v '@@' "$tmp/exp.raw" > "$tmp/odd" || true
    while read -r s; do
        case $s in
            *@*) bad "$what exports $s, a non-default version: only NAME@@NODE belongs in libx12" ;;
            *) bad "$what exports $s without a version node: lib/libx12.sym is not applied (configure's version-script check?)" ;;
        esac
    done < "$tmp/odd"
    grep '@@' "$tmp/exp.raw" | sed 's/@@/ /' > "$tmp/exported"
    awk '{print $2}' "$tmp/listed" | LC_ALL=C sort -u > "$tmp/sym.nodes"
    if ! LC_ALL=C cmp -s "$tmp/exp.nodes" "$tmp/sym.nodes"; then
        bad "$what defines the version nodes $(tr '\n' ' ' < "$tmp/exp.nodes")but lib/libx12.sym has $(tr '\n' ' ' < "$tmp/sym.nodes")"
    fi
elif [ -f "$archive" ]; then
    # A static-only build: the archive's global functions with default
    # visibility are what a shared build would export.
    what="libx12.a (static-only build: no version nodes to compare)"
    "$READELF" -sW "$archive" > "$tmp/re" || { bad "$READELF -s $archive failed"; exit 1; }
    awk '$5 == "GLOBAL" && $6 == "DEFAULT" && $7 != "UND" && $7 != "Ndx" {print $8, "-"}' "$tmp/re" \
        | LC_ALL=C sort -u > "$tmp/exported"
else
    echo "FAIL no libx12 library in $X12_BUILDDIR/lib/.libs"
    exit 1
fi
nexp=$(grep -c . "$tmp/exported")

grep -v '^x12_' "$tmp/exported" | cut -d ' ' -f 1 > "$tmp/odd" || true
while read -r s; do
    bad "$what exports $s, without the x12_ prefix: make it static, or hidden (only X12_API functions are exported)"
done < "$tmp/odd"
cut -d ' ' -f 1 "$tmp/exported" > "$tmp/e.names"
LC_ALL=C comm -23 "$tmp/l.names" "$tmp/e.names" > "$tmp/only"
while read -r n; do
    set -- $(grep -m 1 "^$n " "$tmp/listed")
    if grep -q "^$n " "$tmp/declared"; then
        bad "$n is declared X12_API and listed (lib/libx12.sym:$3, node $2) but $what does not export it: define it in lib/ (its definition must see the X12_API declaration of its header)"
    else
        bad "$n is listed (lib/libx12.sym:$3, node $2) but $what does not export it"
    fi
done < "$tmp/only"
LC_ALL=C comm -13 "$tmp/l.names" "$tmp/e.names" | grep '^x12_' > "$tmp/only" || true
while read -r n; do
    if grep -q "^$n " "$tmp/declared"; then
        bad "$what exports $n, declared X12_API ($(grep -m 1 "^$n " "$tmp/declared" | cut -d ' ' -f 2)), which lib/libx12.sym does not list: add \"$n;\" to node $newest"
    else
        bad "$what exports $n, which no header declares X12_API nor lib/libx12.sym lists: make it static or hidden, or declare it in include/x12 and list it in node $newest of lib/libx12.sym"
    fi
done < "$tmp/only"
# each export under the node lib/libx12.sym puts it in
if [ -n "$lib" ]; then
    LC_ALL=C join "$tmp/exported" "$tmp/listed" | while read -r n got want ln; do
        [ "$got" = "$want" ] || echo "FAIL $what exports $n@@$got but lib/libx12.sym:$ln puts it in $want"
    done > "$tmp/nodes"
    cat "$tmp/nodes"
    fail=$((fail + $(grep -c . "$tmp/nodes")))
fi

if [ "$fail" -gt 0 ]; then
    echo "$fail difference(s) between include/x12/*.h ($ndecl X12_API functions), lib/libx12.sym ($nlisted names) and $what ($nexp exported)"
    exit 1
fi
echo "ok: $ndecl X12_API functions declared, $nlisted named in lib/libx12.sym, $nexp exported by $what; all the same"
for n in $(awk '{print $2}' "$tmp/listed" | sort -u); do
    echo "    $n: $(awk -v n="$n" '$2 == n' "$tmp/listed" | grep -c .) functions"
done
exit 0
