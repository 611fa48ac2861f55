#!/bin/sh
# fuzz/seeds.sh OUTDIR - builds the seed corpora in OUTDIR/seeds-NAME from
# the project's own files (tests/data, specs, examples/encounters) and the
# shared corpus ($X12_CORPUS_DIR, default ../shared/x12/corpus), copied at
# run time: nothing from the shared corpus is kept in the project.  X12
# files over 16 KiB are cut to their first 16 KiB (a truncated interchange
# is a good seed too).
#
#   seeds-plain      every .x12 fixture and corpus file (reader, roundtrip)
#   seeds-push       the same behind push headers (options, chunk sizes)
#   seeds-remit835   the 835s (corpus and tests/data/remit-*.x12) behind
#                    fz_remit835_one headers
#   seeds-tables     the same 835s behind fz_tables_one headers
#   seeds-validate   the 837P, 837I, 835 and 999 corpus files and the
#                    validate and claim837 fixtures behind fz_validate_one
#                    headers
#   seeds-spec       specs/*.xml and two small guides written here
#   seeds-encounter  examples/encounters/*.xml
#   seeds-claimread  the 837s (tests/data/*.837 and the corpus' 837p and
#                    837i) behind fz_claimread_one headers
#   seeds-jsonl      examples/encounters/*.jsonl, and a few lines of
#                    several claims, bad lines among them, written here
#   seeds-recon      each reconciliation 837 fixture with each 835 fixture
#                    (tests/data/recon-*) behind fz_recon_one headers
#   seeds-txn        the 271 and 277 fixtures (tests/data/elig-*,
#                    status-*) and the shared 270-277 corpus behind
#                    fz_txn_one headers
#   seeds-xml        every seeds-plain file as XML (x12 to-xml: with loops,
#                    --plain and --compact in turn), plus the X12 files
#                    themselves (the xml harness takes both); made with
#                    $X12_TOOL (default build/tools/x12; without it the
#                    X12 files only, and a note)
#
# The header layouts are described in fuzz/harness.h and
# fuzz/harness_modules.h.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: seeds.sh OUTDIR}
corpus=${X12_CORPUS_DIR:-$top/../shared/x12/corpus}
max=16384

for d in plain push remit835 tables validate spec encounter jsonl xml claimread recon txn; do
    mkdir -p "$out/seeds-$d"
    rm -f "$out/seeds-$d"/*
done

n=0
add() { # add FILE
    n=$((n + 1))
    head -c "$max" "$1" > "$out/seeds-plain/$n.x12"
}
for f in "$top"/tests/data/*.x12; do
    [ -f "$f" ] && add "$f"
done
if [ -d "$corpus" ]; then
    for f in $(find "$corpus" -type f ! -name MANIFEST.tsv | sort); do
        add "$f"
    done
fi

# Push headers: defaults in 1-byte chunks; 7-byte chunks; 16-byte read
# chunks with sizes 3,64,1; small limits (max segment 128, 16 elements) in
# 5-byte chunks.
for f in "$out"/seeds-plain/*; do
    b=$(basename "$f" .x12)
    { printf '\000\000\001'; cat "$f"; } > "$out/seeds-push/$b-a"
    { printf '\000\000\007'; cat "$f"; } > "$out/seeds-push/$b-b"
    { printf '\100\002\003\100\001'; cat "$f"; } > "$out/seeds-push/$b-c"
    { printf '\024\000\005'; cat "$f"; } > "$out/seeds-push/$b-d"
done
for h in reader roundtrip; do
    rm -rf "$out/seeds-$h"
    ln -s seeds-plain "$out/seeds-$h"
done

# 835: options byte, flags byte (chunk count - 1, bit 3 collect, bit 4
# failing allocator), 2 bytes of allocation number, chunk sizes.
# Defaults streamed 1 byte at a time; collect in 7-byte chunks; sizes
# 3,64,1 with 16-byte read chunks; failing allocations from calls 40 and
# 300 (in 13-byte chunks).
i=0
remit_add() { # remit_add FILE
    i=$((i + 1))
    { printf '\000\000\000\000\001'; head -c "$max" "$1"; } > "$out/seeds-remit835/$i-a"
    { printf '\000\010\000\000\007'; head -c "$max" "$1"; } > "$out/seeds-remit835/$i-b"
    { printf '\100\002\000\000\003\100\001'; head -c "$max" "$1"; } > "$out/seeds-remit835/$i-c"
    { printf '\000\020\047\000\015'; head -c "$max" "$1"; } > "$out/seeds-remit835/$i-d"
    { printf '\000\030\053\001\015'; head -c "$max" "$1"; } > "$out/seeds-remit835/$i-e"
    # tables: batch size index, push chunk index, allocation number / 4
    # (odd: fail from it): one batch from a buffer; batches of 1 claim in
    # 1-byte chunks; of 7 in 64-byte chunks; of 2 failing from call 164.
    { printf '\000\000\000'; head -c "$max" "$1"; } > "$out/seeds-tables/$i-a"
    { printf '\001\001\000'; head -c "$max" "$1"; } > "$out/seeds-tables/$i-b"
    { printf '\004\005\000'; head -c "$max" "$1"; } > "$out/seeds-tables/$i-c"
    { printf '\002\000\051'; head -c "$max" "$1"; } > "$out/seeds-tables/$i-d"
}
for f in "$top"/tests/data/remit-*.x12; do
    [ -f "$f" ] && remit_add "$f"
done
if [ -d "$corpus/835" ]; then
    for f in $(find "$corpus/835" -type f | sort); do
        remit_add "$f"
    done
fi

# Validator: guide byte (0 from ST03/GS08, see fz_validate_one), reader
# options byte.  Each file from ST03/GS08; every third also with the
# built-in 837P forced, and small reader limits.
i=0
val_add() { # val_add FILE
    i=$((i + 1))
    { printf '\000\000'; head -c "$max" "$1"; } > "$out/seeds-validate/$i-a"
    if [ $((i % 3)) -eq 0 ]; then
        { printf '\002\000'; head -c "$max" "$1"; } > "$out/seeds-validate/$i-b"
        { printf '\000\024'; head -c "$max" "$1"; } > "$out/seeds-validate/$i-c"
    fi
}
for f in "$top"/tests/data/validate-*.x12 "$top"/tests/data/claim837-*.837; do
    [ -f "$f" ] && val_add "$f"
done
for sub in 837p 837i 835 999; do
    [ -d "$corpus/$sub" ] || continue
    for f in $(find "$corpus/$sub" -type f | sort); do
        val_add "$f"
    done
done

# Claim stream: options byte, flags byte (chunk count - 1, bit 3 copy and
# round trip, bit 4 failing allocator), 2 bytes of allocation number, chunk
# sizes.  Pushed 1 byte at a time; copied and round tripped in 7-byte
# chunks; failing allocations from call 30 (in 13-byte chunks).
i=0
claim_add() { # claim_add FILE
    i=$((i + 1))
    { printf '\000\000\000\000\001'; head -c "$max" "$1"; } > "$out/seeds-claimread/$i-a"
    { printf '\000\010\000\000\007'; head -c "$max" "$1"; } > "$out/seeds-claimread/$i-b"
    { printf '\000\020\035\000\015'; head -c "$max" "$1"; } > "$out/seeds-claimread/$i-c"
}
for f in "$top"/tests/data/*.837; do
    [ -f "$f" ] && claim_add "$f"
done
for sub in 837p 837i; do
    [ -d "$corpus/$sub" ] || continue
    for f in $(find "$corpus/$sub" -type f | sort); do
        claim_add "$f"
    done
done

# Specs: the built-in guides (70-130 KB each) and two small ones.
for f in "$top"/specs/*.xml; do
    # the reconciliation rules live there too, but are no guide
    [ "$(basename "$f")" = recon-rules.xml ] && continue
    cp "$f" "$out/seeds-spec/$(basename "$f")"
done

# Reconciliation: a flags byte (bit 1 read twice, bit 2 failing allocator),
# the 837's length (2 bytes, little endian), the allocation number (2
# bytes), the 837, the 835.
i=0
for c in "$top"/tests/data/recon-*.837; do
    for m in "$top"/tests/data/recon-*.835 "$top"/tests/data/remit-reversal.x12; do
        i=$((i + 1))
        n=$(wc -c <"$c" | tr -d ' ')
        for fl in 0 6; do
            { printf "\\$(printf '%03o' "$fl")\\$(printf '%03o' $((n % 256)))"
              printf "\\$(printf '%03o' $((n / 256 % 256)))\\036\\000"
              cat "$c" "$m"; } > "$out/seeds-recon/$i-$fl"
        done
    done
done
# 271 and 277: a flags byte (bit 1 failing allocator), the push chunk
# size, the diagnostics limit, the allocation number (2 bytes), the X12.
i=0
corpus_txn=${X12_TXN_CORPUS_DIR:-$(dirname "$corpus")/corpus-270-277}
for f in "$top"/tests/data/elig-*.x12 "$top"/tests/data/status-*.x12 \
    $( [ -d "$corpus_txn" ] && find "$corpus_txn" -type f ! -name MANIFEST.tsv | sort); do
    [ -f "$f" ] || continue
    i=$((i + 1))
    { printf '\000\007\000\036\000'; head -c "$max" "$f"; } > "$out/seeds-txn/$i-a"
    { printf '\002\000\003\300\001'; head -c "$max" "$f"; } > "$out/seeds-txn/$i-b"
done
cat > "$out/seeds-spec/small-837.xml" <<'EOF'
<spec id="X" set="837" name="small">
<segdefs>
<segdef id="ST"><element pos="1" ref="143" type="ID" min="3" max="3" usage="R"/>
<element pos="2" ref="329" type="AN" min="4" max="9" usage="R"/>
<element pos="3" ref="1705" type="AN" min="1" max="35"/></segdef>
<segdef id="SE"><element pos="1" ref="96" type="N0" min="1" max="10" usage="R"/>
<element pos="2" ref="329" type="AN" min="4" max="9" usage="R"/></segdef>
<segdef id="NM1"><element pos="1" ref="98" type="ID" min="2" max="3" usage="R"/>
<element pos="2" ref="1065" type="ID" min="1" max="1" usage="R"/>
<element pos="3" ref="1035" type="AN" min="1" max="60"/>
<element pos="8" ref="66" type="ID" min="1" max="2"/>
<element pos="9" ref="67" type="AN" min="2" max="80"/>
<syntax rule="P" elements="8 9"/></segdef>
<segdef id="HL"><element pos="1" ref="628" type="AN" min="1" max="12" usage="R"/>
<element pos="2" ref="734" type="AN" min="1" max="12"/>
<element pos="3" ref="735" type="AN" min="1" max="2" usage="R"/>
<element pos="4" ref="736" type="ID" min="1" max="1"/></segdef>
</segdefs>
<body>
<segment id="ST" usage="R" max="1"><element pos="1" codes="837"/></segment>
<loop id="1000A" usage="R" max="1">
<segment id="NM1" usage="R" max="1" key="1"><element pos="1" usage="R" codes="41"/></segment>
</loop>
<loop id="2000A" usage="R" max="unbounded">
<segment id="HL" usage="R" max="1" key="3"><element pos="3" codes="20"/></segment>
</loop>
<segment id="SE" usage="R" max="1"/>
</body>
</spec>
EOF
cat > "$out/seeds-spec/minimal.xml" <<'EOF'
<spec id='X' set='837'>
<segdefs>
<segdef id='ST'>
<element pos='1' ref='143' type='ID' min='3' max='3'/>
</segdef>
<segdef id='SE'>
<element pos='1' ref='96' type='N0' min='1' max='10'/>
</segdef>
</segdefs>
<body>
<segment id='ST' usage='R' max='1'/>
<segment id='SE' usage='R' max='1'/>
</body>
</spec>
EOF

for f in "$top"/examples/encounters/*.xml; do
    cp "$f" "$out/seeds-encounter/$(basename "$f")"
done

# JSON Lines: the examples, and files of several claims (shared levels, a
# patient, a bad line, a line in cents, CR LF) made from them
for f in "$top"/examples/encounters/*.jsonl; do
    cp "$f" "$out/seeds-jsonl/$(basename "$f")"
done
ov=$top/examples/encounters/office-visit.jsonl
pt=$top/examples/encounters/patient-not-subscriber.jsonl
{
    sed -n 1p "$ov"
    sed -n 2p "$ov"
    sed -n 2p "$ov" | sed 's/"gender": "F"/"gender": "U"/'
    sed -n 2p "$pt"
    echo '{"provider": {"npi": "1234567893"}, "claim": {,}}'
    sed -n 2p "$ov" | sed 's/"total_charge": "185.00"/"total_charge_cents": 18500/'
} > "$out/seeds-jsonl/several.jsonl"
sed 's/$/\r/' "$out/seeds-jsonl/several.jsonl" > "$out/seeds-jsonl/several-crlf.jsonl"

# X12 <-> XML: documents written by the CLI from the plain seeds (files it
# cannot read as X12 give no document, which is fine), in the three
# layouts, and the X12 seeds for the X12 -> XML -> X12 direction.
tool=${X12_TOOL:-$top/build/tools/x12}
j=0
for f in "$out"/seeds-plain/*; do
    b=$(basename "$f" .x12)
    cp "$f" "$out/seeds-xml/$b.x12"
    [ -x "$tool" ] || continue
    j=$((j + 1))
    case $((j % 3)) in
    0) opt=--plain ;;
    1) opt= ;;
    *) opt=--compact ;;
    esac
    # shellcheck disable=SC2086
    "$tool" to-xml $opt --output="$out/seeds-xml/$b.xml" "$f" > /dev/null 2>&1 ||
        rm -f "$out/seeds-xml/$b.xml"
done
[ -x "$tool" ] || echo "seeds: no $tool (make it first): seeds-xml has X12 files only" >&2

echo "seeds: $n files in $out/seeds-plain, $(ls "$out/seeds-push" | wc -l) push," \
    "$(ls "$out/seeds-remit835" | wc -l) remit835, $(ls "$out/seeds-tables" | wc -l) tables," \
    "$(ls "$out/seeds-validate" | wc -l) validate," \
    "$(ls "$out/seeds-spec" | wc -l) spec, $(ls "$out/seeds-encounter" | wc -l) encounter," \
    "$(ls "$out/seeds-jsonl" | wc -l) jsonl," \
    "$(ls "$out/seeds-xml" | grep -c '\.xml$') xml, $(ls "$out/seeds-claimread" | wc -l) claimread," \
    "$(ls "$out/seeds-recon" | wc -l) recon, $(ls "$out/seeds-txn" | wc -l) txn"
