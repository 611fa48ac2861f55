#!/bin/sh
# tests/examples.sh - the programs in examples/ build and do what they say,
# and every example printed in the README and in the man pages compiles and
# runs as printed.
#
# Run by `make check` with X12_BUILDDIR (programs in $X12_BUILDDIR/examples),
# X12_EXAMPLE_DATA (examples/data), X12_TEST_DATA (tests/data), CC,
# X12_CFLAGS / X12_LDFLAGS (the build's CFLAGS / LDFLAGS) and PKG_CONFIG.
#   write_interchange | read_segments   the writer's output reads back clean:
#                                       one 837, ST02 0001 numbered by the
#                                       writer, 24 segments ST..SE
#   read_segments office-visit.837      the shipped sample: one 837, 30 segments
#   read_segments < cli-bad-se.x12      a wrong SE01 is reported with its
#                                       position and gives exit 1
#   gzip | read_segments                compressed stdin is read the same
#
# Examples in the documents (the last part of this file).  The code blocks
# are taken from the README (indented blocks) and from the EXAMPLE(S)
# sections of doc/*.[1-9] (.nf ... .fi) by tests/docblocks.awk, so what runs
# is what is printed, and a page or block added later is run without being
# named here.  A block is
#   a C program   when its first line opens a comment naming NAME.c; that
#                 comment holds the command that builds and runs it, from
#                 "cc NAME.c" to the end of the comment:
#                   /* list.c - build and run it with
#                      cc list.c $(pkg-config --cflags --libs libx12) && ./a.out claims.837 */
#                 The block is saved as NAME.c and the command run;
#   shell         when a line runs the x12 tool ("x12 ..." at the start of a
#                 line or after |, && or ;): the block runs with sh -e (bash
#                 -e -o pipefail where there is bash);
#   not run       otherwise (output shown, set-up commands; the Python
#                 example is bindings/python/tests/test_readme.py's), but a
#                 block calling x12_* functions without the marker fails.
# Each runs in a fresh directory holding claims.837 (examples/data/
# office-visit.837), era.835 (examples/data/remittance.835), their .gz,
# big.837.gz, batch/*.837.gz, era/*.835[.gz], archive.tar (day1/batch.837.gz),
# nightly-claims.jsonl.gz (examples/encounters/office-visit.jsonl),
# answer.271 (examples/data/eligibility.271), sent.837 with answer.277ca,
# the clearinghouse's answer to it, and answer.277 (tests/data/status-sent.837,
# status-277ca-one-rejected.x12, status-277-lines.x12), a week's claims and
# ERAs to reconcile (sent/recon-*.837, era/recon-era*.835.gz from tests/data), and links to the
# source tree's examples/ and specs/; `x12` is the tool just
# built, `cc` the configured compiler with -Wall -Wextra -Werror and the
# build's flags, `pkg-config` finds libx12 installed in a staging directory
# (tests/stage-install.sh).  A program must exit 0 unless expect() below
# says otherwise, and what it prints is checked there; a shell block must
# exit 0.  A block needing a tool that is not installed (xmllint, jq, less,
# tar) is skipped with a note.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
EX=$X12_BUILDDIR/examples
EXDATA=${X12_EXAMPLE_DATA:-$X12_TEST_DATA/../../examples/data}

# check DESC WANT_RC GOT_RC WANT_FILE GOT_FILE
check() {
    if [ "$3" -ne "$2" ]; then
        bad "$1: exit $3, want $2"
        sed 's/^/    stderr: /' "$tmp/err" | head -n 5
    elif ! cmp -s "$4" "$5"; then
        bad "$1: output differs"
        diff "$4" "$5" | head -n 10 | sed 's/^/    /'
    else
        ok "$1"
    fi
}

for p in read_segments write_interchange; do
    if [ ! -x "$EX/$p" ]; then
        echo "FAIL $EX/$p is not built"
        exit 1
    fi
done

# write_interchange | read_segments.
"$EX/write_interchange" >"$tmp/written" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok "write_interchange runs" || bad "write_interchange: exit $rc"
"$EX/write_interchange" 2>/dev/null | "$EX/read_segments" - >"$tmp/out" 2>"$tmp/err"
rc=$?
cat >"$tmp/want" <<'WANT'
837 0001: 24 segments
1 transaction set, 0 errors
WANT
check "write_interchange | read_segments" 0 "$rc" "$tmp/want" "$tmp/out"
[ ! -s "$tmp/err" ] && ok "no warnings on the written interchange" ||
    bad "warnings on the written interchange: $(head -n 1 "$tmp/err")"

# The shipped sample, by path.
"$EX/read_segments" "$EXDATA/office-visit.837" >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '837 0001: 30 segments\n1 transaction set, 0 errors\n' >"$tmp/want"
check "read_segments office-visit.837" 0 "$rc" "$tmp/want" "$tmp/out"

# A wrong SE01 (segment 52 says 24, the set has 23).
"$EX/read_segments" - <"$X12_TEST_DATA/cli-bad-se.x12" >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '837 0001: 27 segments\n837 0002: 23 segments\n2 transaction sets, 1 error\n' >"$tmp/want"
check "read_segments reports a wrong SE01" 1 "$rc" "$tmp/want" "$tmp/out"
if grep -q '^error: 52:SE-01: ' "$tmp/err"; then
    ok "the error is located at 52:SE-01"
else
    bad "the error is not located at 52:SE-01: $(head -n 1 "$tmp/err")"
fi

# Compressed standard input.
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$X12_TEST_DATA/cli-oneline.x12" | "$EX/read_segments" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    printf '837 0001: 27 segments\n837 0002: 23 segments\n2 transaction sets, 0 errors\n' \
        >"$tmp/want"
    check "gzip | read_segments" 0 "$rc" "$tmp/want" "$tmp/out"
fi

# Unreadable input.
"$EX/read_segments" "$tmp/missing.x12" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && ok "read_segments of a missing file exits 2" ||
    bad "read_segments of a missing file: exit $rc, want 2"

# post_remittance (remit835): posting lines for a reversal, its correction
# and a provider-level adjustment; denials with their reasons; gzip'd stdin
# of an unbalanced file (warnings, exit 0); malformed amounts (exit 1).
if [ -x "$EX/post_remittance" ]; then
    "$EX/post_remittance" "$X12_TEST_DATA/remit-reversal.x12" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    cat >"$tmp/want" <<'WANT'
PAYMENT CHK5550001 75.25 CHK 20240131
POST PCN-A100 line 1 HC:99213 paid -180.00 patient -20.00
POST PCN-A100 line 1 HC:99213 paid 200.00 patient 20.00
POST PCN-B200 line 1 HC:99212 paid 80.00 patient 20.00
END 3 claims, paid 100.00, provider adjustments 24.75, balanced
WANT
    check "post_remittance remit-reversal.x12" 0 "$rc" "$tmp/want" "$tmp/out"
    "$EX/post_remittance" "$X12_TEST_DATA/remit-denials.x12" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    grep -E '^(DENY DEN-002|REMARK DEN-002|END)' "$tmp/out" >"$tmp/got"
    cat >"$tmp/want" <<'WANT'
DENY DEN-002 line 2 CO-97 50.00 Paid as part of another service already processed (bundled).
REMARK DEN-002 M15 Separately billed tests or services were bundled as parts of one procedure.
END 3 claims, paid 100.00, provider adjustments 0.00, balanced
WANT
    check "post_remittance remit-denials.x12" 0 "$rc" "$tmp/want" "$tmp/got"
    [ "$(grep -c '^DENY DEN-001 ' "$tmp/out")" -eq 14 ] &&
        ok "14 denial reasons for the six-triplet CAS claim" ||
        bad "denial reasons for DEN-001: $(grep -c '^DENY DEN-001 ' "$tmp/out")"
    if command -v gzip >/dev/null 2>&1; then
        gzip -c "$X12_TEST_DATA/remit-unbalanced.x12" | "$EX/post_remittance" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        printf 'END 2 claims, paid 290.00, provider adjustments 0.00, UNBALANCED\n' >"$tmp/want"
        tail -n 1 "$tmp/out" >"$tmp/got"
        check "gzip | post_remittance remit-unbalanced.x12" 0 "$rc" "$tmp/want" "$tmp/got"
        grep -q '^warning: 4:BPR-02: payment does not balance' "$tmp/err" &&
            ok "the payment imbalance is a located warning" ||
            bad "no balance-payment warning: $(head -n 1 "$tmp/err")"
    fi
    "$EX/post_remittance" "$X12_TEST_DATA/remit-malformed.x12" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q '^error: 19:CLP-03: ' "$tmp/err" &&
        ! grep -q 'MAL-SECRET\|PRIVATEPERSON' "$tmp/err"; then
        ok "post_remittance reports a bad amount at 19:CLP-03 without PHI, exit 1"
    else
        bad "post_remittance remit-malformed.x12: exit $rc: $(head -n 1 "$tmp/err")"
    fi
else
    bad "$EX/post_remittance is not built"
fi

# remit_to_jsonl (remit835 JSON/CSV writers): the same bytes as x12 remit
# --jsonl and --csv (whose file column it leaves empty), from a file and
# from gzip'd standard input; a malformed file exits 1, a missing one 2.
if [ -x "$EX/remit_to_jsonl" ]; then
    X12=$X12_BUILDDIR/tools/x12
    for f in remit-reversal.x12 remit-denials.x12 remit-multi.x12; do
        "$X12" remit --jsonl "$X12_TEST_DATA/$f" >"$tmp/want" 2>/dev/null
        "$EX/remit_to_jsonl" "$X12_TEST_DATA/$f" >"$tmp/out" 2>"$tmp/err"
        check "remit_to_jsonl $f = x12 remit --jsonl" 0 $? "$tmp/want" "$tmp/out"
        "$X12" remit --csv "$X12_TEST_DATA/$f" 2>/dev/null | sed '2,$s/^[^,]*,/,/' >"$tmp/want"
        "$EX/remit_to_jsonl" --csv "$X12_TEST_DATA/$f" >"$tmp/out" 2>"$tmp/err"
        check "remit_to_jsonl --csv $f = x12 remit --csv" 0 $? "$tmp/want" "$tmp/out"
    done
    if command -v gzip >/dev/null 2>&1; then
        "$X12" remit --jsonl "$X12_TEST_DATA/remit-unbalanced.x12" >"$tmp/want" 2>/dev/null
        gzip -c "$X12_TEST_DATA/remit-unbalanced.x12" | "$EX/remit_to_jsonl" >"$tmp/out" 2>"$tmp/err"
        check "gzip | remit_to_jsonl" 0 $? "$tmp/want" "$tmp/out"
    fi
    "$EX/remit_to_jsonl" "$X12_TEST_DATA/remit-malformed.x12" >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 1 ] && grep -q '^19:CLP-03: ' "$tmp/err" &&
        ok "remit_to_jsonl: a bad amount is reported, exit 1" ||
        bad "remit_to_jsonl remit-malformed.x12: exit $rc"
    "$EX/remit_to_jsonl" "$tmp/missing.835" >/dev/null 2>&1
    rc=$?
    [ "$rc" -eq 2 ] && ok "remit_to_jsonl of a missing file exits 2" ||
        bad "remit_to_jsonl of a missing file: exit $rc"
else
    bad "$EX/remit_to_jsonl is not built"
fi

# build_claim (claim837): the C API builds the shipped sample office visit
# byte for byte; `x12 build` builds every example encounter file into its
# golden (tests/data/claim837-*.837); a failing edit gives exit 1, the
# edit's path, rule and message on stderr and nothing on stdout.
if [ -x "$EX/build_claim" ]; then
    "$EX/build_claim" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check "build_claim builds office-visit.837" 0 "$rc" "$EXDATA/office-visit.837" "$tmp/out"
else
    bad "$EX/build_claim is not built"
fi
ENC=$EXDATA/../encounters
for e in office-visit multi-line-modifiers secondary-claim patient-not-subscriber \
    inpatient-stay; do
    "$X12" build "$ENC/$e.xml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check "x12 build $e.xml" 0 "$rc" "$X12_TEST_DATA/claim837-$e.837" "$tmp/out"
done
sed 's/npi="1234567893"/npi="1234567890"/' "$ENC/office-visit.xml" >"$tmp/bad.xml"
"$X12" build "$tmp/bad.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '%s\n' 'provider[1].npi: npi-check-digit: billing provider NPI check digit is wrong (Luhn with the 80840 prefix)' >"$tmp/want"
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/want" "$tmp/err"; then
    ok "x12 build lists a failing edit, exit 1, no output"
else
    bad "x12 build of a bad NPI: exit $rc: $(head -n 1 "$tmp/err")"
fi

# ---- examples printed in README and the man pages ---------------------------
srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/tests/stage-install.sh"
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

# fixtures DIR: the files the examples name.
fixtures() {
    mkdir -p "$1/batch" "$1/era" "$1/day1" &&
        cp "$EXDATA/office-visit.837" "$1/claims.837" &&
        gzip -c "$EXDATA/office-visit.837" >"$1/claims.837.gz" &&
        cp "$EXDATA/remittance.835" "$1/era.835" &&
        gzip -c "$EXDATA/remittance.835" >"$1/era.835.gz" &&
        gzip -c "$X12_TEST_DATA/cli-oneline.x12" >"$1/big.837.gz" &&
        cp "$1/claims.837.gz" "$1/batch/office-visit.837.gz" &&
        cp "$1/big.837.gz" "$1/batch/two-sets.837.gz" &&
        cp "$EXDATA/remittance.835" "$1/era/20250228.835" &&
        cp "$1/era.835.gz" "$1/era/20250301.835.gz" &&
        cp "$1/claims.837.gz" "$1/day1/batch.837.gz" &&
        gzip -c "$EXDATA/../encounters/office-visit.jsonl" >"$1/nightly-claims.jsonl.gz" &&
        cp "$EXDATA/eligibility.271" "$1/answer.271" &&
        cp "$X12_TEST_DATA/status-sent.837" "$1/sent.837" &&
        cp "$X12_TEST_DATA/status-277ca-one-rejected.x12" "$1/answer.277ca" &&
        cp "$X12_TEST_DATA/status-277-lines.x12" "$1/answer.277" &&
        mkdir -p "$1/sent" &&
        for f in sent old resent inst; do
            cp "$X12_TEST_DATA/recon-$f.837" "$1/sent/recon-$f.837" || return 1
        done &&
        for f in 1 2 3; do
            gzip -c "$X12_TEST_DATA/recon-era$f.835" >"$1/era/recon-era$f.835.gz" || return 1
        done &&
        ln -s "$srcdir/examples" "$1/examples" &&
        ln -s "$srcdir/specs" "$1/specs" || return 1
    if command -v tar >/dev/null 2>&1; then
        (cd "$1" && tar -cf archive.tar day1/batch.837.gz)
    fi
}

# expect WHERE ID DIR RC: checks what example ID (DOC:NAME.c) printed in
# DIR/.out and its exit status RC.  Examples not listed must exit 0.
expect() {
    out=$3/.out
    want_rc=0
    want_file=
    case $2 in
    README:read.c)
        printf 'billing provider NPI 1234567893\nerrors: 0\n' >"$3/.want"
        want_file=$3/.want ;;
    README:build.c | doc/libx12-claim837.3:outline.c)
        # The outline leaves out 30 required fields: the edits list them.
        want_rc=1
        if [ "$(grep -c ': .* is required' "$out")" -lt 25 ] ||
            ! grep -q '^batch.receiver_id: interchange receiver id (ISA08) is required$' "$out" ||
            grep -q '^ISA' "$out"; then
            bad "$1: $2 does not list the missing fields: $(head -n 2 "$out")"
            return
        fi ;;
    README:remit.c)
        if ! grep -q '^PCN-2025-0001: paid, 11000 cents$' "$out" ||
            ! grep -q '^PCN-2025-0733: denied, 0 cents$' "$out" ||
            ! grep -q '^  CO-16 ' "$out"; then
            bad "$1: $2: $(head -n 3 "$out")"
            return
        fi ;;
    doc/libx12-types.3:cents.c)
        # The one money rule: zeros past the cents are dropped, a digit is an
        # error, and so is an amount past int64 cents.
        if ! grep -q '^185.50: 18550 cents$' "$out" || ! grep -q '^1.500: 150 cents$' "$out" ||
            ! grep -q '^-0.5: -50 cents$' "$out" || ! grep -q '^0.005: ' "$out" ||
            grep -q '^0.005: .*cents$' "$out" || ! grep -q '^92233720368547758.08: ' "$out" ||
            grep -q '^92233720368547758.08: .*cents$' "$out"; then
            bad "$1: $2: $(tr '\n' '|' <"$out")"
            return
        fi ;;
    README:validate.c)
        printf '0 errors, 0 warnings\n' >"$3/.want"
        want_file=$3/.want ;;
    README:write.c)
        printf 'NM1*85*2*RIVERSIDE FAMILY PRACTICE~\nSE*3*0001~\nGE*1*1~\nIEA*1*000000001~\n' \
            >"$3/.want"
        tail -n 4 "$out" >"$3/.got"
        out=$3/.got
        want_file=$3/.want ;;
    README:reread.c)
        # Every claim read, copied into a batch and written: the same bytes.
        printf 'claim 1: 18500 cents, 2 lines, payer EXAMPLE HEALTH PLAN, 0 segments not kept\n' \
            >"$3/.want"
        if ! cmp -s "$3/.want" "$3/.err"; then
            bad "$1: $2 lists $(head -n 2 "$3/.err")"
            return
        fi
        out=$3/copy.837
        want_file=$EXDATA/office-visit.837 ;;
    README:jsonl.c)
        # The library's JSON Lines writer, as x12 remit --jsonl uses it.
        "$tmp/bin/x12" remit --jsonl "$3/era.835" >"$3/.want" 2>/dev/null
        out=$3/era.jsonl
        want_file=$3/.want ;;
    README:request.c)
        # The example inquiries give the shipped 270, as x12 build does.
        out=$3/elig.270
        want_file=$EXDATA/eligibility.270 ;;
    README:copay.c)
        cat >"$3/.want" <<'WANT'
coverage 1: active, office visit copay 2500 cents
coverage 2: unknown
coverage 3: rejected, AAA03 71: Birth date does not match the payer's record of the patient
WANT
        want_file=$3/.want ;;
    README:link.c)
        printf '%s\n' 'PCN-2025-0101 accepted' 'PCN-2025-0102 rejected A7:21' \
            'PCN-2025-0104 no_answer' 'PCN-2025-0103 accepted' >"$3/.want"
        want_file=$3/.want ;;
    README:worklist.c | doc/libx12-recon.3:worklist.c)
        # recon-sent.837 against two of its ERAs, as of 2025-12-31.
        if ! grep -q '^R-CORRECT denied correct_and_resubmit 0: The payer cannot process' "$out" ||
            ! grep -q '^R-PARTIAL partially_paid appeal 15000: ' "$out" ||
            [ "$(wc -l <"$out")" -ne 20 ]; then
            bad "$1: $2: $(head -n 3 "$out")"
            return
        fi ;;
    README:total.c)
        # remittance.835 pays 110.00, 0.00 and 9500.00.
        printf '3 claims, paid 961000 cents\n' >"$3/.want"
        want_file=$3/.want ;;
    doc/libx12-claimread.3:claims.c)
        printf '%s\n' 'claim at segment 21: 18500 cents, 2 lines' '  99213' '  87880' \
            >"$3/.want"
        want_file=$3/.want ;;
    doc/libx12-tables.3:totals.c)
        printf 'paid 961000 cents, denied 15500 cents charged\n' >"$3/.want"
        want_file=$3/.want ;;
    doc/libx12-claimstatus.3:worklist.c)
        cat >"$3/.want" <<'WANT'
PCN-2025-0101 accepted
PCN-2025-0102 rejected
    Rejected: information named in the status detail is invalid. Information is missing or invalid.
PCN-2025-0104 no_answer
PCN-2025-0103 accepted
WANT
        want_file=$3/.want ;;
    doc/libx12-claimstatus.3:status276.c)
        # The 276 x12 build --status-request writes for the same claims.
        out=$3/status.276
        want_file=$X12_TEST_DATA/status-sent.276 ;;
    doc/libx12-eligibility.3:ask.c)
        if ! grep -q '^EQ\*98~$' "$3/ask.270" ||
            ! "$tmp/bin/x12" validate --strict "$3/ask.270" >"$3/.v" 2>&1; then
            bad "$1: $2: the 270 does not validate: $(head -n 2 "$3/.v")"
            return
        fi ;;
    doc/libx12-eligibility.3:answer.c)
        cat >"$3/.want" <<'WANT'
coverage 0: active
  office visit copay 2500 cents
coverage 1: not active
coverage 2: not active
  the payer rejected the request: Birth date does not match the payer's record of the patient (AAA03 71); Correct the request and send it again (AAA04 C)
WANT
        want_file=$3/.want ;;
    doc/libx12-claim837.3:build_jsonl.c)
        want_file=$EXDATA/office-visit.837 ;;
    doc/libx12-claim837.3:stream.c)
        # 10,000 claims, ten per subscriber, in two sets of 5,000; clean.
        if [ "$(grep -c '^CLM\*' "$3/many.837")" -ne 10000 ] ||
            [ "$(grep -c '^ST\*837\*' "$3/many.837")" -ne 2 ] ||
            ! "$tmp/bin/x12" validate "$3/many.837" >"$3/.v" 2>&1; then
            bad "$1: $2: $(grep -c '^CLM\*' "$3/many.837") claims: $(head -n 2 "$3/.v")"
            return
        fi ;;
    doc/libx12.3:version.c)
        grep -Eq '^[0-9]+ allocations$' "$out" || { bad "$1: $2: $(cat "$out")"; return; } ;;
    doc/libx12-errors.3:errors.c)
        printf '0 errors\n' >"$3/.want"
        want_file=$3/.want ;;
    doc/libx12-reader.3:list_sets.c)
        printf '0001: 30 segments\n' >"$3/.want"
        want_file=$3/.want ;;
    doc/libx12-claim837.3:build.c)
        want_file=$EXDATA/office-visit.837 ;;
    doc/libx12-remit835.3:post.c)
        # The stream, then the tree: the same lines twice.
        n=$(grep -c . "$out")
        half=$((n / 2))
        if [ "$n" -lt 2 ] || [ $((half * 2)) -ne "$n" ] ||
            [ "$(head -n "$half" "$out")" != "$(tail -n "$half" "$out")" ] ||
            ! grep -q '^PCN-2025-0001 ' "$out"; then
            bad "$1: $2: the stream and the tree differ: $(head -n 2 "$out")"
            return
        fi ;;
    doc/libx12-validate.3:ack.c)
        # The 999 accepts the set; -l lists no issue.
        if ! grep -q '^IK5\*A~$' "$out" || ! grep -q '^AK9\*A\*1\*1\*1~$' "$out" ||
            grep -q ': ' "$out"; then
            bad "$1: $2: $(grep 'AK9\|: ' "$out" | head -n 2)"
            return
        fi ;;
    doc/libx12-writer.3:write_999.c)
        if ! grep -q '^SE\*6\*0001~$' "$out" || ! grep -q '^IEA\*1\*000000001~$' "$out"; then
            bad "$1: $2: $(tail -n 3 "$out")"
            return
        fi ;;
    doc/libx12-xml.3:to_xml.c)
        grep -q '<seg id="CLM">' "$out" || { bad "$1: $2: no CLM segment in the XML"; return; } ;;
    esac
    if [ "$4" -ne "$want_rc" ]; then
        bad "$1: $2: exit $4, want $want_rc: $(head -n 3 "$3/.err")"
    elif [ -n "$want_file" ] && ! cmp -s "$want_file" "$out"; then
        bad "$1: $2: output differs"
        diff "$want_file" "$out" | head -n 6 | sed 's/^/    /'
    else
        ok "$1: $2 compiles and runs as printed"
    fi
}

# doc_block DOC BLOCKFILE LINE: runs one code block.
doc_block() {
    where=$1:$3
    d=$tmp/run
    rm -rf "$d"
    if ! mkdir "$d" || ! fixtures "$d"; then
        bad "$where: cannot make the fixtures"
        return
    fi
    name=$(sed -n '1s|^/\* *\([A-Za-z0-9_-]*\.c\)[^A-Za-z0-9_.].*|\1|p' "$2")
    if [ -n "$name" ]; then
        # The command: from "cc NAME.c" to the end of the comment.
        cmd=$(awk -v name="$name" '
            !found { i = index($0, "cc " name " ")
                     if (!i) { if ($0 ~ /\*\//) exit; next }
                     found = 1; $0 = substr($0, i) }
            { sub(/^[ \t*]*/, ""); e = index($0, "*/")
              if (e) $0 = substr($0, 1, e - 1)
              cmd = cmd " " $0
              if (e) { print cmd; exit } }' "$2")
        if [ -z "$cmd" ]; then
            bad "$where: $name: no \"cc $name ...\" command in its first comment"
            return
        fi
        nrun=$((nrun + 1))
        cp "$2" "$d/$name"
        (cd "$d" && PATH=$tmp/bin:$PATH LD_LIBRARY_PATH=$stage_libdir sh -c "$cmd") \
            >"$d/.out" 2>"$d/.err"
        expect "$where" "$1:$name" "$d" $?
    elif grep -Eq '(^|[|;&][ 	]*)x12 ' "$2"; then
        for t in xmllint jq less tar; do
            if grep -Eq "(^|[|;&[:space:]])$t([[:space:]]|\$)" "$2" &&
                ! command -v "$t" >/dev/null 2>&1; then
                echo "skip $where: needs $t"
                return
            fi
        done
        nrun=$((nrun + 1))
        # bash -o pipefail when there is bash: x12 failing on the left of a
        # pipe must fail the example too.
        shell="sh -e"
        command -v bash >/dev/null 2>&1 && shell="bash -e -o pipefail"
        (cd "$d" && PATH=$tmp/bin:$PATH LD_LIBRARY_PATH=$stage_libdir $shell "$2") \
            >"$d/.out" 2>"$d/.err"
        rc=$?
        if [ "$rc" -eq 0 ]; then
            ok "$where: shell example runs as printed ($(grep -c . "$2") lines)"
        else
            bad "$where: shell example: exit $rc: $(head -n 3 "$d/.err")"
        fi
    elif grep -q 'import libx12' "$2"; then
        : # bindings/python/tests/test_readme.py runs it
    elif grep -Eq '(^|[^A-Za-z0-9_])x12_[a-z0-9_]+ *\(' "$2"; then
        bad "$where: C code without a marker: start it with /* NAME.c ... cc NAME.c ... */"
    fi
}

doc_tests() {
    if ! stage_install "$tmp/root" "$tmp/pc"; then
        bad "libx12 could not be installed in a staging directory"
        return
    fi
    mkdir "$tmp/bin" "$tmp/blocks" || return
    # Linking as the documents say (pkg-config --libs) needs the shared
    # library; a static-only build (the ASan suite) links with --static.
    static=
    ls "$stage_libdir"/libx12.so* >/dev/null 2>&1 || static=--static
    printf '#!/bin/sh\nexec %s -Wall -Wextra -Werror %s "$@" %s\n' \
        "$CC" "${X12_CFLAGS:-}" "${X12_LDFLAGS:-}" >"$tmp/bin/cc"
    printf '#!/bin/sh\nPKG_CONFIG_PATH=%s exec %s %s "$@"\n' \
        "'$tmp/pc'" "$PKG_CONFIG" "$static" >"$tmp/bin/pkg-config"
    printf '#!/bin/sh\nexec %s "$@"\n' "'$X12_BUILDDIR/tools/x12'" >"$tmp/bin/x12"
    chmod +x "$tmp/bin/cc" "$tmp/bin/pkg-config" "$tmp/bin/x12"

    awk -v kind=readme -v out="$tmp/blocks" -v tag=README -f "$srcdir/tests/docblocks.awk" \
        "$srcdir/README" | sed 's/^/README	/' >"$tmp/index"
    for m in "$srcdir"/doc/*.[1-9]; do
        [ -f "$m" ] && [ ! -h "$m" ] || continue
        awk -v kind=man -v out="$tmp/blocks" -v tag="${m##*/}" \
            -f "$srcdir/tests/docblocks.awk" "$m" | sed "s|^|doc/${m##*/}	|" >>"$tmp/index"
    done
    nblocks=0
    nrun=0
    while IFS='	' read -r doc block line; do
        nblocks=$((nblocks + 1))
        doc_block "$doc" "$block" "$line"
    done <"$tmp/index"
    if [ "$nrun" -ge 1 ]; then
        ok "$nrun of the $nblocks code blocks in README and doc/ are examples, each run"
    else
        bad "no examples found in README and doc/ ($nblocks code blocks)"
    fi
}

if command -v gzip >/dev/null 2>&1; then
    doc_tests
else
    echo "skip the examples in README and doc/: gzip not found"
fi

finish
