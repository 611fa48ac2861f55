#!/bin/sh
# tests/split.sh - `x12 split`, per transaction set and per N claims.
#
# Run by `make check` with X12_BUILDDIR, X12_TEST_DATA and X12_CORPUS_DIR
# (corpus files are split too when it exists).  For every input and mode it
# checks, on the files written:
#   - each output is one interchange that validates as cleanly as the input
#     did (exit 0 when the input's was 0);
#   - SE01 counts ST..SE, SE02 = ST02, GE01 = number of ST (1), IEA01 =
#     number of GS (1), and per claims the HL tree is renumbered 1, 2, ...
#     with every HL02 naming an earlier HL (per set HL is copied as it was);
#   - the claims (CLM, CLP) of all outputs add up to the input's, at most N
#     per output with --claims=N;
#   - the input's segments, envelopes left out and HL01/HL02 masked, are the
#     outputs' segments in order: equal per set, a subsequence per claims
#     (pieces repeat the header and the HL parents).
# Fixtures: tests/data/split-multi.xml (built here with x12 build: 2 billing
# providers, 3 subscribers, 2 dependants, 7 claims), the claim837-*.837 and
# validate-*.x12 fixtures, cli-small.x12 (two sets).
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA
CORPUS=${X12_CORPUS_DIR:-}

# segs FILE: one segment per line, terminator removed (via x12 fmt).
segs() {
    "$X12" fmt "$1" 2>/dev/null | awk '{ print substr($0, 1, length($0) - 1) }'
}

# body FILE: the segments inside transaction sets but the SE, HL01/HL02
# masked, for comparing order.
body() {
    segs "$1" | awk '
        /^ISA/ { e = substr($0, 4, 1); next }
        { n = split($0, f, e) }
        f[1] == "GS" || f[1] == "GE" || f[1] == "IEA" || f[1] == "SE" { next }
        f[1] == "HL" { f[2] = "#"; f[3] = "#"; s = f[1]; for (i = 2; i <= n; i++) s = s e f[i]; print s; next }
        { print }'
}

# envelope FILE [HL]: prints nothing when the trailers (and with HL=1 the HL
# tree) are right, else one line per problem.
envelope() {
    segs "$1" | awk -v hlcheck="${2:-0}" '
        /^ISA/ { e = substr($0, 4, 1); isa++; gs = 0; split($0, f, e); isa13 = f[14]; next }
        { n = split($0, f, e) }
        f[1] == "GS" { gs++; st = 0; gs06 = f[7] }
        f[1] == "ST" { st++; inset = 1; cnt = 0; st02 = f[3]; hl = 0; delete seen }
        inset { cnt++ }
        f[1] == "HL" && hlcheck {
            hl++
            if (f[2] != hl) print "HL01 " f[2] " should be " hl
            if (f[3] != "" && !(f[3] in seen)) print "HL02 " f[3] " names no earlier HL"
            seen[f[2]] = 1
        }
        f[1] == "SE" {
            inset = 0
            if (f[2] != cnt) print "SE01 " f[2] ", counted " cnt
            if (f[3] != st02) print "SE02 differs from ST02"
        }
        f[1] == "GE" { if (f[2] != st) print "GE01 " f[2] ", counted " st; if (f[3] != gs06) print "GE02 differs" }
        f[1] == "IEA" { if (f[2] != gs) print "IEA01 " f[2] ", counted " gs; if (f[3] != isa13) print "IEA02 differs" }
        END { if (isa != 1) print isa " interchanges"; if (gs > 1 || st > 1) print "more than one group or set" }'
}

# claims FILE: CLM and CLP segments.
claims() {
    segs "$1" | grep -c -E '^(CLM|CLP).' || true
}

# is_subsequence A B: the lines of A appear in B in order.
is_subsequence() {
    awk 'NR == FNR { a[++na] = $0; next } i < na && $0 == a[i + 1] { i++ }
         END { exit !(i == na) }' "$1" "$2"
}

# check_split NAME FILE [--claims=N]: splits FILE and checks every output.
check_split() {
    name=$1 file=$2
    shift 2
    out=$tmp/out.$$
    rm -rf "$out"
    "$X12" validate "$file" >/dev/null 2>&1
    vin=$?
    [ "$vin" -eq 2 ] && return 0 # not X12 at all: nothing to split
    "$X12" split "$@" -o "$out" --prefix=p "$file" >"$tmp/list" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -gt "$vin" ] || [ "$rc" -eq 2 ]; then
        bad "$name $*: split exit $rc, validate exit $vin"
        sed 's/^/    /' "$tmp/err" | head -n 3
        return 0
    fi
    nout=$(ls "$out" 2>/dev/null | wc -l)
    if ! segs "$file" | grep -q '^ISA'; then
        [ "$nout" -eq 0 ] && ok "$name $*: no ISA, nothing written (exit $rc)" ||
            bad "$name $*: no ISA but $nout files"
        return 0
    fi
    # Pieces that would lack a segment of their set (a bad id no
    # interchange carries, a segment over a limit) are refused: named on
    # stderr, not on the list, no file left, exit 1.
    nref=$(grep -c ': not written: it would lack segment ' "$tmp/err")
    if [ "$nref" -gt 0 ]; then
        left=$(grep ': not written: ' "$tmp/err" | sed 's/^x12: split: \([^:]*\): .*/\1/' |
            while read -r g; do [ -e "$g" ] && echo "$g"; done)
        if [ "$rc" -ne 1 ] || [ -n "$left" ] || [ "$nout" -ne "$(wc -l <"$tmp/list")" ]; then
            bad "$name $*: $nref pieces refused, exit $rc, left behind: $left"
        else
            ok "$name $*: $nref pieces refused (a segment of theirs is lost), $nout written"
        fi
        return 0
    fi
    if [ "$nout" -eq 0 ] || [ "$nout" -ne "$(wc -l <"$tmp/list")" ]; then
        bad "$name $*: $nout files, $(wc -l <"$tmp/list") listed"
        return 0
    fi
    probs="" total=0 max=""
    case "$*" in --claims=*) max=${1#--claims=} ;; esac
    : >"$tmp/cat"
    for f in $(cat "$tmp/list"); do
        p=$(envelope "$f" "${max:+1}")
        [ -n "$p" ] && probs="$probs $(basename "$f"): $p;"
        "$X12" validate "$f" >/dev/null 2>&1
        vr=$?
        if [ "$vr" -gt "$vin" ]; then
            probs="$probs $(basename "$f") validates with exit $vr, input $vin;"
        fi
        c=$(claims "$f")
        total=$((total + c))
        if [ -n "$max" ] && [ "$c" -gt "$max" ]; then
            probs="$probs $(basename "$f") has $c claims;"
        fi
        body "$f" >>"$tmp/cat"
    done
    want=$(claims "$file")
    [ "$total" -ne "$want" ] && probs="$probs $total claims in the outputs, $want in the input;"
    body "$file" >"$tmp/in"
    if [ -z "$max" ]; then
        cmp -s "$tmp/in" "$tmp/cat" || probs="$probs the sets' segments differ from the input's;"
    else
        is_subsequence "$tmp/in" "$tmp/cat" || probs="$probs input segments missing or out of order;"
    fi
    if [ -z "$probs" ]; then
        ok "$name $*: $nout files, $total claims, envelopes and order right"
    else
        bad "$name $*:$probs"
    fi
}

# -- corpus -------------------------------------------------------------------
if corpus_part; then
    need_corpus
    for f in "$CORPUS"/*/*; do
        case "$f" in *.tsv) continue ;; esac
        check_split "corpus $(basename "$f")" "$f"
        case "$f" in */837*) check_split "corpus $(basename "$f")" "$f" --claims=1 ;; esac
    done
    finish
fi

# -- fixtures ---------------------------------------------------------------
"$X12" build "$D/split-multi.xml" >"$tmp/multi.837" 2>"$tmp/err"
[ $? -eq 0 ] && ok "build split-multi.xml" || bad "build split-multi.xml"
for n in 1 2 3 7 100; do
    check_split split-multi "$tmp/multi.837" --claims=$n
done
check_split split-multi "$tmp/multi.837"
for f in "$D"/claim837-*.837 "$D"/validate-*.x12 "$D/cli-small.x12"; do
    check_split "$(basename "$f")" "$f"
    check_split "$(basename "$f")" "$f" --claims=1
done

# Exact pieces of split-multi by 3: 3 + 3 + 1 claims, the second piece
# repeating the second subscriber and its patient before its first claim.
rm -rf "$tmp/o3"
"$X12" split --claims=3 -o "$tmp/o3" "$tmp/multi.837" >/dev/null 2>&1
hls=$(segs "$tmp/o3/split-000002.x12" | grep -E '^(HL|CLM)' | cut -d'*' -f1-4 | tr '\n' ' ')
want='HL*1**20 HL*2*1*22 HL*3*2*23 CLM*SPL-0004*125* HL*4*2*23 CLM*SPL-0005*95* HL*5**20 HL*6*5*22 CLM*SPL-0006*180* '
[ "$hls" = "$want" ] && ok "claims=3: second piece's HL tree" || bad "claims=3 piece 2: $hls"

# Names, --prefix, --gzip, stdin, .gz input, deterministic output.
rm -rf "$tmp/g"
gzip -c "$tmp/multi.837" | "$X12" split --claims=4 --gzip --prefix=batch -o "$tmp/g" - \
    >"$tmp/list" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(cat "$tmp/list" | tr '\n' ' ')" = "$tmp/g/batch-000001.x12.gz $tmp/g/batch-000002.x12.gz " ]; then
    ok "gzip stdin -> batch-000001.x12.gz, batch-000002.x12.gz"
else
    bad "gzip split: exit $rc, files $(cat "$tmp/list")"
fi
# A directory given with a trailing slash: the names listed have one slash
# before the file name ("out/split-000001.x12", not "out//split-...").
rm -rf "$tmp/s"
(cd "$tmp" && "$X12" split --claims=4 -o s/ multi.837) >"$tmp/list" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(tr '\n' ' ' <"$tmp/list")" = "s/split-000001.x12 s/split-000002.x12 " ] &&
    [ -f "$tmp/s/split-000002.x12" ]; then
    ok "-o s/ lists s/split-000001.x12, s/split-000002.x12"
else
    bad "-o s/: exit $rc, listed $(tr '\n' ' ' <"$tmp/list")"
fi
rm -rf "$tmp/o4"
"$X12" split --claims=4 -o "$tmp/o4" "$tmp/multi.837" >/dev/null 2>&1
if gzip -dc "$tmp/g/batch-000001.x12.gz" | cmp -s - "$tmp/o4/split-000001.x12" &&
   gzip -dc "$tmp/g/batch-000002.x12.gz" | cmp -s - "$tmp/o4/split-000002.x12"; then
    ok "gzip output = plain output; same bytes from stdin and a path"
else
    bad "gzip output differs from plain"
fi

# Usage errors and unreadable input: exit 2.
"$X12" split --claims=0 -o "$tmp/x" "$tmp/multi.837" >/dev/null 2>&1
[ $? -eq 2 ] && ok "--claims=0 is a usage error" || bad "--claims=0 accepted"
"$X12" split --prefix=a/b -o "$tmp/x" "$tmp/multi.837" >/dev/null 2>&1
[ $? -eq 2 ] && ok "--prefix with / is a usage error" || bad "--prefix a/b accepted"
"$X12" split -o "$tmp/x" "$tmp/missing.837" >/dev/null 2>&1
[ $? -eq 2 ] && ok "missing input: exit 2" || bad "missing input"
"$X12" split --help >"$tmp/help" 2>&1
[ $? -eq 0 ] && grep -q -- '--claims=N' "$tmp/help" && ok "--help" || bad "--help"
# A wrong SE01 in the input: the pieces are right, the exit status says 1.
rm -rf "$tmp/bad"
"$X12" split -o "$tmp/bad" "$D/cli-bad-se.x12" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && [ -z "$(envelope "$tmp/bad/split-000002.x12")" ]; then
    ok "bad SE01 in the input: exit 1, output counted right"
else
    bad "bad SE01: exit $rc"
fi

# Deep HL chains (issue 20 item 7: split was quadratic in HL depth; its
# time is measured by bench/run_split.sh, not here).  100,000 HLs each the
# child of the one before, numbered 5, 8, 11, ... so that renumbering shows,
# a claim at the bottom, then an HL under the chain's 50,000th HL and a
# second claim.  Piece 1 must carry the whole chain renumbered 1..100000,
# each HL02 its predecessor; piece 2 the first 50,000 again and the new HL
# as 50001 under 50000.
deep=100000
awk -v n="$deep" 'BEGIN {
    print "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240115*1023*^*00501*000000905*0*T*:~"
    print "GS*HC*SENDER*RECEIVER*20240115*1023*905*X*005010X222A1~"
    print "ST*837*0001*005010X222A1~"
    print "BHT*0019*00*DEEP1*20240115*1023*CH~"
    print "HL*5**20*1~"
    for (i = 2; i <= n; i++) { printf "HL*%d*%d*22*1~\n", 2 + 3 * i, 2 + 3 * (i - 1); print "SBR*P*18*G1******CI~" }
    print "CLM*DEEP-A*150***11:B:1*Y*A*Y*Y~"
    printf "HL*%d*%d*23*0~\n", 2 + 3 * (n + 1), 2 + 3 * (n / 2)
    print "CLM*DEEP-B*150***11:B:1*Y*A*Y*Y~"
    print "SE*" (2 * n + 5) "*0001~"
    print "GE*1*905~"
    print "IEA*1*000000905~" }' >"$tmp/deep.837"
rm -rf "$tmp/deep"
"$X12" split --claims=1 -o "$tmp/deep" "$tmp/deep.837" >"$tmp/list" 2>"$tmp/err"
rc=$?
p1=$tmp/deep/split-000001.x12 p2=$tmp/deep/split-000002.x12
# chain FILE: "HLs LAST_HL01 LAST_HL02 BROKEN" where BROKEN counts HLs whose
# HL01 is not the previous + 1 or whose HL02 (but the last's) is not HL01 - 1.
chain() {
    segs "$1" | awk -F'*' '$1 == "HL" { n++; if ($2 != n || (n > 1 && $3 != n - 1)) b++; l1 = $2; l2 = $3 }
        END { print n + 0, l1, l2, b + 0 }'
}
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/list")" -eq 2 ] &&
   [ -z "$(envelope "$p1" 1)" ] && [ -z "$(envelope "$p2" 1)" ]; then
    ok "$deep nested HLs: 2 pieces, trailers and HL tree right"
else
    bad "$deep nested HLs: exit $rc, $(wc -l <"$tmp/list") pieces: $(envelope "$p1" 1 | head -n 2) $(envelope "$p2" 1 | head -n 2)"
fi
c1=$(chain "$p1") c2=$(chain "$p2")
[ "$c1" = "$deep $deep $((deep - 1)) 0" ] && ok "piece 1: the whole chain renumbered 1..$deep" ||
    bad "piece 1 chain: $c1"
# Piece 2: the chain down to its 50,000th HL (the ones below were closed),
# then the new HL as 50001 under 50000.
[ "$c2" = "$((deep / 2 + 1)) $((deep / 2 + 1)) $((deep / 2)) 0" ] &&
    ok "piece 2: the first $((deep / 2)) parents repeated, the new HL under the last" ||
    bad "piece 2 chain: $c2"
[ "$(segs "$p1" | grep -c '^CLM\*DEEP-A')" -eq 1 ] && [ "$(segs "$p2" | grep -c '^CLM\*DEEP-B')" -eq 1 ] &&
    ok "deep chain: one claim in each piece" || bad "deep chain: claims misplaced"
# A segment the reader skips (over the segment or the element limit: issue
# 20's REF*6R of 70,000 A, and one of 5,000 elements, with SE01 counting
# it) is never left out of a piece that then looks whole: the piece that
# would hold it is not written, the others are.  In a claim it takes only
# its piece; in the header (repeated by every piece) every piece of the set.
long_ref=$(awk 'BEGIN { s = "REF*6R*"; for (i = 0; i < 70000; i++) s = s "A"; print s "~" }')
many_ref=$(awk 'BEGIN { s = "REF*6R*"; for (i = 0; i < 5000; i++) s = s "*"; print s "X~" }')
# insert_after FILE PATTERN NTH SEG: SEG after the NTH segment starting with
# PATTERN, SE01 raised by one (segments one per line, as x12 build writes).
insert_after() {
    awk -F'*' -v pat="$2" -v nth="$3" -v seg="$4" 'BEGIN { OFS = "*" }
        $1 == "SE" { $2 = $2 + 1 }
        { print }
        index($0, pat) == 1 && ++k == nth { print seg }' "$1"
}
for kind in long many; do
    if [ "$kind" = long ]; then seg=$long_ref; else seg=$many_ref; fi
    insert_after "$tmp/multi.837" "CLM*" 3 "$seg" >"$tmp/lost.837"
    rm -rf "$tmp/lost"
    "$X12" split --claims=1 -o "$tmp/lost" "$tmp/lost.837" >"$tmp/list" 2>"$tmp/err"
    rc=$?
    refused=$(grep -c 'not written: it would lack segment' "$tmp/err")
    n=$(ls "$tmp/lost" | wc -l)
    if [ "$rc" -eq 1 ] && [ "$refused" -eq 1 ] && [ "$n" -eq 6 ] && [ "$(wc -l <"$tmp/list")" -eq 6 ] &&
       ! grep -q "$tmp/lost/split-000003.x12" "$tmp/list" && [ ! -e "$tmp/lost/split-000003.x12" ] &&
       "$X12" validate "$tmp"/lost/* >/dev/null 2>&1; then
        ok "$kind REF in the third claim: that piece refused (exit 1), the 6 others written clean"
    else
        bad "$kind REF in a claim: exit $rc, $refused refused, $n files"
        sed 's/^/    /' "$tmp/err" | head -n 4
    fi
    rm -rf "$tmp/lost"
    "$X12" split -o "$tmp/lost" "$tmp/lost.837" >"$tmp/list" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 1 ] && [ -z "$(ls "$tmp/lost")" ] && [ ! -s "$tmp/list" ] &&
       grep -q 'split-000001.x12: not written: it would lack segment' "$tmp/err"; then
        ok "$kind REF, per set: the set's only piece refused, nothing written"
    else
        bad "$kind REF per set: exit $rc, files: $(ls "$tmp/lost" | tr '\n' ' ')"
    fi
    insert_after "$tmp/multi.837" "BHT" 1 "$seg" >"$tmp/lost.837"
    rm -rf "$tmp/lost"
    "$X12" split --claims=2 -o "$tmp/lost" "$tmp/lost.837" >"$tmp/list" 2>"$tmp/err"
    rc=$?
    refused=$(grep -c 'not written: it would lack segment' "$tmp/err")
    if [ "$rc" -eq 1 ] && [ "$refused" -eq 4 ] && [ -z "$(ls "$tmp/lost")" ]; then
        ok "$kind segment in the header: every piece of the set refused"
    else
        bad "$kind segment in the header: exit $rc, $refused refused, $(ls "$tmp/lost" | wc -l) left"
    fi
done

finish
