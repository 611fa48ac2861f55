#!/bin/sh
# tests/build-cli.sh - `x12 build` end to end on XML and JSON Lines
# encounters: byte-identical goldens from both formats (files, stdin,
# gzip), the XML and JSONL encounters building the same 837s, problems
# printed as they are found with nothing left in a regular-file output,
# an unfinished interchange on a pipe, entities refused (billion laughs, an
# external entity naming a local file, an internal entity in an attribute),
# schema messages without values, the claim limit, and memory: a file
# mostly white space builds under a memory cap far below its size (issue 20
# item 8: the tree-building reader took 3 GB for 1 GB), and a claim that
# needs more than the cap gives a clean located error (skipped under
# AddressSanitizer, which cannot run under `ulimit -v`).  Run by `make
# check` with X12_BUILDDIR, X12_TEST_DATA and X12_EXAMPLE_DATA.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}" "${X12_EXAMPLE_DATA:?}"
D=$X12_TEST_DATA
ENC=$X12_EXAMPLE_DATA/../encounters

empty() { [ ! -s "$1" ] && ok "$2" || bad "$2: $1 is not empty"; }

"$X12" build --help >"$tmp/out" 2>"$tmp/err"
expect_rc "build --help" 0 $?
has "build --help names --jsonl" "--jsonl" "$tmp/out"

# ---- goldens from XML and JSON Lines ------------------------------------------------
for e in office-visit multi-line-modifiers secondary-claim patient-not-subscriber \
    inpatient-stay; do
    "$X12" build "$ENC/$e.xml" >"$tmp/x.837" 2>"$tmp/err"
    expect_rc "build $e.xml" 0 $?
    same "$tmp/x.837" "$D/claim837-$e.837" "$e.xml builds its golden"
    "$X12" build "$ENC/$e.jsonl" >"$tmp/j.837" 2>"$tmp/err"
    expect_rc "build $e.jsonl" 0 $?
    same "$tmp/j.837" "$tmp/x.837" "$e.jsonl builds the same 837 as $e.xml"
done
# standard input (JSONL only with --jsonl: stdin has no name), gzip
"$X12" build --jsonl - <"$ENC/inpatient-stay.jsonl" >"$tmp/out" 2>"$tmp/err"
same "$tmp/out" "$D/claim837-inpatient-stay.837" "JSONL from standard input"
"$X12" build - <"$ENC/inpatient-stay.xml" >"$tmp/out" 2>"$tmp/err"
same "$tmp/out" "$D/claim837-inpatient-stay.837" "XML from standard input"
gzip -c "$ENC/secondary-claim.jsonl" >"$tmp/sc.jsonl.gz"
"$X12" build "$tmp/sc.jsonl.gz" >"$tmp/out" 2>"$tmp/err"
same "$tmp/out" "$D/claim837-secondary-claim.837" "a .jsonl.gz is read as gzipped JSON Lines"
gzip -c "$ENC/secondary-claim.xml" | "$X12" build - >"$tmp/out" 2>"$tmp/err"
same "$tmp/out" "$D/claim837-secondary-claim.837" "gzipped XML on standard input"
cp "$ENC/office-visit.jsonl" "$tmp/ov.txt"
"$X12" build --jsonl "$tmp/ov.txt" >"$tmp/out" 2>"$tmp/err"
same "$tmp/out" "$D/claim837-office-visit.837" "--jsonl reads a file of any name as JSON Lines"
"$X12" build --xml --jsonl "$tmp/ov.txt" >"$tmp/out" 2>"$tmp/err"
expect_rc "--xml with --jsonl" 2 $?

# the kind: --837i against an 837P input is refused before anything is written
"$X12" build --837i "$ENC/office-visit.jsonl" >"$tmp/out" 2>"$tmp/err"
expect_rc "--837i on an 837P JSONL" 2 $?
has "the kind is named" "office-visit.jsonl:1: kind: byte 10: the header says 837P; 837I claims were asked for" "$tmp/err"
empty "$tmp/out" "nothing written for the wrong kind"
"$X12" build --837i "$ENC/office-visit.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "--837i on an 837P XML" 2 $?
has "the kind is named (XML)" "office-visit.xml:5: kind: the document holds 837P encounters" "$tmp/err"

# ---- problems are printed as found; the output holds nothing ----------------------
# five claims, the third with a bad procedure code and the fifth's line
# broken: both reported, in order; a regular file is left empty
claim=$(sed -n 2p "$ENC/office-visit.jsonl")
sed -n 1p "$ENC/office-visit.jsonl" >"$tmp/five.jsonl"
for i in 1 2 3 4 5; do
    case $i in
    3) printf '%s\n' "$claim" | sed 's/"procedure": "87880"/"procedure": "8788"/' ;;
    5) printf '%s\n' "$claim" | sed 's/"pcn": "PCN-2025-0001", /"pcn": "PCN-2025-0001",, /' ;;
    *) printf '%s\n' "$claim" ;;
    esac
done >>"$tmp/five.jsonl"
"$X12" build "$tmp/five.jsonl" >"$tmp/out" 2>"$tmp/err"
expect_rc "five claims, two bad" 1 $?
printf '%s\n' \
    'claim[3].line[2].procedure: procedure-format: procedure code must be a CPT code (4 digits then a digit, F or T) or a HCPCS code (a letter A-V then 4 digits)' \
    "$tmp/five.jsonl:6: json-syntax: byte 587: expected a string key after ',' (no trailing commas)" \
    >"$tmp/want"
same "$tmp/err" "$tmp/want" "every problem, located, in order"
empty "$tmp/out" "a failed build leaves a regular-file output empty"
# appending (>>) to a file keeps what it held
printf 'KEEP\n' >"$tmp/app"
"$X12" build "$tmp/five.jsonl" >>"$tmp/app" 2>"$tmp/err"
printf 'KEEP\n' >"$tmp/want"
same "$tmp/app" "$tmp/want" "a failed build appended to a file leaves it as it was"
# on a pipe, output is handed on 64 KiB at a time: a failure within the
# first 64 KiB leaves it empty; later, what went out stays, and the
# interchange is left unfinished (no IEA), so that it cannot pass for a
# whole file.  3,000 claims, then a bad one, then 10 more.
"$X12" build "$tmp/five.jsonl" 2>"$tmp/err" | cat >"$tmp/out"
empty "$tmp/out" "a failure in the first 64 KiB leaves a pipe empty"
{
    sed -n 1p "$ENC/office-visit.jsonl"
    i=0
    while [ $i -lt 3000 ]; do printf '%s\n' "$claim"; i=$((i + 1)); done
    printf '%s\n' "$claim" | sed 's/"procedure": "87880"/"procedure": "8788"/'
    i=0
    while [ $i -lt 10 ]; do printf '%s\n' "$claim"; i=$((i + 1)); done
} >"$tmp/big.jsonl"
"$X12" build "$tmp/big.jsonl" 2>"$tmp/err" | cat >"$tmp/out"
has "claims before the problem went down the pipe" "^CLM\*PCN-2025-0001\*185" "$tmp/out"
n=$(grep -c '^CLM' "$tmp/out")
[ "$n" -gt 0 ] && [ "$n" -le 3000 ] && ok "$n claims went out, none after the problem" ||
    bad "$n claims written, want 1 to 3000"
hasnt "no trailer after a failure" "^IEA" "$tmp/out"
has "the problem is listed" "^claim\[3001\].line\[2\].procedure: procedure-format" "$tmp/err"

# ---- entities ---------------------------------------------------------------------------
secret="$tmp/secret.txt"
printf 'TOPSECRETVALUE\n' >"$secret"
# billion laughs
{
    echo '<?xml version="1.0"?>'
    echo '<!DOCTYPE encounters [<!ENTITY a0 "lol">'
    i=1
    while [ $i -le 9 ]; do
        p=$((i - 1))
        echo "<!ENTITY a$i \"&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;&a$p;\">"
        i=$((i + 1))
    done
    echo ']>'
    sed '1d; s/name="DOE"/name="\&a9;"/' "$ENC/office-visit.xml"
} >"$tmp/laughs.xml"
# an external entity naming a local file
{
    echo '<?xml version="1.0"?>'
    echo "<!DOCTYPE encounters [<!ENTITY xxe SYSTEM \"file://$secret\">]>"
    sed '1d; s/name="DOE"/name="\&xxe;"/' "$ENC/office-visit.xml"
} >"$tmp/xxe.xml"
# an internal entity in an attribute (issue 20 item 9: it came out literally)
{
    echo '<?xml version="1.0"?>'
    echo '<!DOCTYPE encounters [<!ENTITY a0 "X"><!ENTITY a1 "&a0;&a0;&a0;">]>'
    sed '1d; s/name="DOE"/name="\&a1;"/' "$ENC/office-visit.xml"
} >"$tmp/internal.xml"
for f in laughs xxe internal; do
    "$X12" build "$tmp/$f.xml" >"$tmp/out" 2>"$tmp/err"
    expect_rc "entities: $f" 1 $?
    has "entities: $f refused at its DOCTYPE" "$f.xml:2: xml-syntax: a DTD (<!DOCTYPE>) is not allowed" "$tmp/err"
    empty "$tmp/out" "entities: $f writes nothing"
    hasnt "entities: $f expands nothing" "TOPSECRET\|lol\|&a" "$tmp/err"
done
sed 's/name="DOE"/name="\&doe;"/' "$ENC/office-visit.xml" >"$tmp/ref.xml"
"$X12" build "$tmp/ref.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "an undeclared entity" 1 $?
has "an undeclared entity is refused" "ref.xml:16: xml-syntax: an entity reference is not allowed" "$tmp/err"

# ---- schema messages quote no values ------------------------------------------------------
sed 's/birth_date="19800101"/birth_date="1980011"/' "$ENC/office-visit.xml" >"$tmp/bd.xml"
"$X12" build "$tmp/bd.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "a bad birth date" 1 $?
has "the value is described" "The value (7 characters) is not accepted by the pattern" "$tmp/err"
hasnt "the value is not quoted" "1980011" "$tmp/err"

# ---- the claim limit ------------------------------------------------------------------------
# 400,000 diagnoses on one claim: stopped at its line by the default limit
awk '/<diagnosis code="R50.9"\/>/ { for (i = 0; i < 400000; i++) print "<diagnosis code=\"R50.9\"/>"; next } { print }' \
    "$ENC/office-visit.xml" >"$tmp/many.xml"
"$X12" build "$tmp/many.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "a claim past the claim limit" 1 $?
has "the claim limit, located" "many.xml:[0-9]*: max-claim: the claim takes more than 16777216 bytes (the configured limit)" "$tmp/err"
"$X12" build --max-claim-bytes=abc "$tmp/many.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "--max-claim-bytes takes a number" 2 $?

# ---- memory ---------------------------------------------------------------------------------
if [ -n "${ASAN_OPTIONS:-}" ] || [ -n "${X12_NO_ULIMIT:-}" ]; then
    echo "skip memory caps (AddressSanitizer reserves more address space than they allow)"
else
    # 100 MB of white space in a small document builds under a 70 MB cap
    awk 'BEGIN { pad = ""; for (i = 0; i < 79; i++) pad = pad " " }
         /<receiver / { for (i = 0; i < 1310720; i++) print pad }
         { print }' "$ENC/office-visit.xml" >"$tmp/pad.xml"
    (ulimit -v 70000 && exec "$X12" build "$tmp/pad.xml") >"$tmp/out" 2>"$tmp/err"
    expect_rc "100 MB of white space under a 70 MB memory cap" 0 $?
    same "$tmp/out" "$D/claim837-office-visit.837" "the padded document builds its golden"
    rm -f "$tmp/pad.xml"
    # the claim limit lifted: the claim needs more than the cap allows, and
    # the failure is ours, located, with nothing of libxml2's on stderr
    (ulimit -v 70000 && exec "$X12" build --max-claim-bytes=0 "$tmp/many.xml") >"$tmp/out" 2>"$tmp/err"
    expect_rc "a claim larger than the memory cap" 2 $?
    has "out of memory, located" "many.xml:[0-9]*: out-of-memory: out of memory reading the encounters" "$tmp/err"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "one line on stderr" || bad "stderr: $(cat "$tmp/err")"
    hasnt "no raw libxml2 text" "Memory allocation failed" "$tmp/err"
    empty "$tmp/out" "nothing written when memory ran out"
fi

# The root element decides what is built (encounters or 270 inquiries), so
# x12 build reads the first bytes before it knows: on a pipe they must be
# given back to the encounter reader (plain and gzip), and an eligibility
# document from a pipe must still build its 270.
"$X12" build "$ENC/office-visit.xml" >"$tmp/file.837" 2>/dev/null
cat "$ENC/office-visit.xml" | "$X12" build - >"$tmp/pipe.837" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && cmp -s "$tmp/file.837" "$tmp/pipe.837" &&
    ok "encounters from a pipe: the same bytes as from the file" ||
    bad "encounters from a pipe: exit $rc, $(head -n 1 "$tmp/err")"
gzip -c "$ENC/office-visit.xml" | "$X12" build - >"$tmp/pipegz.837" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && cmp -s "$tmp/file.837" "$tmp/pipegz.837" &&
    ok "gzip'd encounters from a pipe: the same bytes" ||
    bad "gzip'd encounters from a pipe: exit $rc, $(head -n 1 "$tmp/err")"
# A prologue longer than the first read still works from a pipe.
{ head -n 1 "$ENC/office-visit.xml"; awk 'BEGIN { for (i = 0; i < 3000; i++) print "<!-- padding padding padding padding -->" }';
  tail -n +2 "$ENC/office-visit.xml"; } >"$tmp/padded.xml"
cat "$tmp/padded.xml" | "$X12" build - >"$tmp/padded.837" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && cmp -s "$tmp/file.837" "$tmp/padded.837" &&
    ok "encounters after 100 KB of comments, from a pipe: the same bytes" ||
    bad "padded encounters from a pipe: exit $rc, $(head -n 1 "$tmp/err")"
# ---- segments added to the claim model (doc/837-COVERAGE.md) ------------------------------
hasf() { grep -qF -- "$2" "$3" && ok "$1" || bad "$1: '$2' not in $3"; }
# each: XML through `x12 build`, strict validation with nothing reported, the
# segment where the guide puts it; then a misuse refused with its edit path.
# built NAME SED SEGMENT: office-visit.xml changed by SED builds, validates
# strictly and contains SEGMENT (a fixed string).
built() {
    sed "$2" "$ENC/office-visit.xml" >"$tmp/$1.xml"
    "$X12" build "$tmp/$1.xml" >"$tmp/$1.837" 2>"$tmp/err"
    expect_rc "$1: build" 0 $?
    "$X12" validate --strict "$tmp/$1.837" >"$tmp/val" 2>&1
    expect_rc "$1: validates strictly" 0 $?
    empty "$tmp/val" "$1: the validator reports nothing"
    hasf "$1: the segment is written" "$3" "$tmp/$1.837"
}
# refused NAME SED MESSAGE: office-visit.xml changed by SED is refused with
# MESSAGE (a fixed string: path, rule) on standard error.
refused() {
    sed "$2" "$ENC/office-visit.xml" >"$tmp/$1.xml"
    "$X12" build "$tmp/$1.xml" >"$tmp/out" 2>"$tmp/err"
    expect_rc "$1: refused" 1 $?
    hasf "$1: the edit names its place" "$3" "$tmp/err"
}
built pat 's/birth_date="19800101"/& death_date="20251125" weight="152.5" pregnant="Y"/' \
    'PAT*****D8*20251125*01*152.5*Y~'
refused pat-bad 's/birth_date="19800101"/& weight="heavy"/' \
    'provider[1].subscriber[1].weight: weight-format'
built cur 's/taxonomy="207Q00000X"/& currency="CAD"/' 'CUR*85*CAD~'
refused cur-bad 's/taxonomy="207Q00000X"/& currency="Canadian"/' \
    'provider[1].currency: currency-format'
built form 's/control_number="LINE0001"/& form_type="UT" form_id="01.02" form_answers="1:R:Y;2:D:20250101"/' \
    'FRM*2***20250101~'
refused form-bad 's/control_number="LINE0001"/& form_type="UT" form_id="01.02" form_answers="1:R:maybe"/' \
    'claim[1].line[1].form_answers: answer-value'
built drugref 's/control_number="LINE0001"/& ndc="00003029320" ndc_quantity="1" ndc_unit="ML" prescription_number="RX12345"/' \
    'REF*XZ*RX12345~'
refused drugref-bad 's/control_number="LINE0001"/& prescription_number="RX12345"/' \
    'claim[1].line[1].ndc: required'
built dme 's/control_number="LINE0001"/& dme_procedure="E0601" dme_days="30" dme_rental_price="80.00" dme_purchase_price="900.00" dme_frequency="4"/' \
    'SV5*HC:E0601*DA*30*80*900*4~'
refused dme-bad 's/control_number="LINE0001"/& dme_procedure="E0601"/' \
    'claim[1].line[1].dme_days: required'
built mea 's/control_number="LINE0001"/& test_results="TR:R1:12.5 TR:R2:38"/' 'MEA*TR*R2*38~'
refused mea-bad 's/control_number="LINE0001"/& test_results="TR:R1"/' \
    'claim[1].line[1].test_results: result-format'
built k3 's#<diagnosis code="R50.9"/>#&<file_information>FIRST TEXT</file_information><file_information>  SECOND  TEXT</file_information>#' \
    'K3*  SECOND  TEXT~'
refused k3-bad 's#<diagnosis code="R50.9"/>#&<file_information>XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX</file_information>#' \
    'claim[1].file_information: too-long'

req=$X12_EXAMPLE_DATA/../requests/eligibility.xml
if [ -f "$req" ]; then
    "$X12" build "$req" >"$tmp/file.270" 2>/dev/null
    cat "$req" | "$X12" build - >"$tmp/pipe.270" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 0 ] && grep -q '^ST\*270\*' "$tmp/pipe.270" && cmp -s "$tmp/file.270" "$tmp/pipe.270" &&
        ok "an eligibility request from a pipe builds the same 270" ||
        bad "eligibility from a pipe: exit $rc, $(head -n 1 "$tmp/err")"
fi

finish
