#!/bin/sh
# tests/remit-out.sh - x12 remit's JSON, JSON Lines and CSV agree with each
# other and with its text summary, match the JSON Schema and read back with
# Python's csv module (tests/remit_out.py), on the fixtures, generated ERAs
# and a file with hostile text (every corpus 835 in its corpus part,
# tests/remit-out-corpus.sh); and --jsonl writes as it reads.  Run by `make
# check` with X12_BUILDDIR, X12_TEST_DATA, X12_CORPUS_DIR, PYTHON.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
GEN=$X12_BUILDDIR/bench/x12gen835
D=$X12_TEST_DATA
SRC=$D/../..

"$PYTHON" -c 'import jsonschema' >/dev/null 2>&1 ||
    skip "$PYTHON cannot import jsonschema (make deps installs python3-jsonschema)"

# The corpus part (tests/remit-out-corpus.sh): every corpus 835.
if corpus_part; then
    need_corpus 835
    set -- "$CORPUS"/835/*
    if "$PYTHON" "$SRC/tests/remit_out.py" "$X12" "$SRC/specs/remit-json.schema.json" "$@"; then
        ok "JSON, JSON Lines, CSV and text agree on the $# corpus 835s; JSON matches the schema"
    else
        bad "remit_out.py on the corpus"
    fi
    finish
fi
[ -x "$GEN" ] || skip "$GEN is not built"

# Generated ERAs: balanced, denials, reversals, PLB; one with small sets.
"$GEN" --size 700K --seed 7 -o "$tmp/gen-700k.835" >/dev/null 2>&1 || bad "x12gen835 700K"
"$GEN" --size 300K --seed 11 --claims-per-set 37 -o "$tmp/gen-sets.835" >/dev/null 2>&1 ||
    bad "x12gen835 300K"

# Hostile text: a comma, a quote and Latin-1 in names, a quote in a PCN.
sed -e 's/N1\*PR\*HEARTLAND HEALTH PLAN~/N1*PR*HEARTLAND, "HP" \xc9LAN~/' \
    -e 's/CLP\*MLT-101\*/CLP*MLT"101,A*/' \
    -e 's/NM1\*QC\*1\*RIVERA\*ANA\*/NM1*QC*1*RIVERA\xd1O*ANA, B*/' \
    "$D/remit-multi.x12" >"$tmp/hostile-text.835"
grep -q 'RIVERA' "$tmp/hostile-text.835" && ok "hostile-text.835 made" || bad "hostile-text.835"

set -- "$D"/remit-*.x12 "$D/validate-835-clean.x12" "$SRC/examples/data/remittance.835"
set -- "$@" "$tmp/hostile-text.835" "$tmp/gen-sets.835" "$tmp/gen-700k.835"
if "$PYTHON" "$SRC/tests/remit_out.py" "$X12" "$SRC/specs/remit-json.schema.json" "$@"; then
    ok "JSON, JSON Lines, CSV and text agree on $# files; JSON matches the schema"
else
    bad "remit_out.py"
fi

# The hostile text comes out as UTF-8, quoted where CSV needs it.
"$X12" remit --csv "$tmp/hostile-text.835" >"$tmp/h.csv" 2>/dev/null
grep -q ',"HEARTLAND, ""HP"" ÉLAN",' "$tmp/h.csv" && ok "CSV: payer quoted, Latin-1 as UTF-8" ||
    bad "CSV payer: $(sed -n 2p "$tmp/h.csv")"
grep -q ',"MLT""101,A",HCN2001,1,paid,RIVERAÑO,"ANA, B",' "$tmp/h.csv" && ok "CSV: PCN and names quoted" ||
    bad "CSV claim: $(sed -n 2p "$tmp/h.csv")"
"$X12" remit --json "$tmp/hostile-text.835" >"$tmp/h.json" 2>/dev/null
grep -q '"patient_control_number":"MLT\\"101,A"' "$tmp/h.json" && ok "JSON: quote escaped" ||
    bad "JSON PCN"

# --jsonl writes as it reads: with half of a generated ERA fed through a
# FIFO (the writer still open), lines are already out.
mkfifo "$tmp/fifo" || exit 1
"$X12" remit --jsonl "$tmp/fifo" >"$tmp/stream.jsonl" 2>"$tmp/stream.err" &
pid=$!
exec 3>"$tmp/fifo"
half=$(($(wc -c <"$tmp/gen-700k.835") / 2))
head -c "$half" "$tmp/gen-700k.835" >&3
n=0
while [ "$n" -lt 100 ] && [ "$(wc -l <"$tmp/stream.jsonl")" -lt 100 ]; do
    sleep 0.1
    n=$((n + 1))
done
early=$(wc -l <"$tmp/stream.jsonl")
tail -c "+$((half + 1))" "$tmp/gen-700k.835" >&3
exec 3>&-
wait "$pid"
rc=$?
all=$(wc -l <"$tmp/stream.jsonl")
if [ "$rc" -eq 0 ] && [ "$early" -ge 100 ] && [ "$all" -gt "$early" ]; then
    ok "--jsonl: $early lines out before the input's second half, $all in all"
else
    bad "--jsonl not incremental: rc $rc, $early lines early, $all in all"
fi
"$X12" remit --jsonl "$tmp/gen-700k.835" | cmp -s - "$tmp/stream.jsonl" &&
    ok "--jsonl from a FIFO = from the file" || bad "--jsonl FIFO output differs"

finish
