#!/bin/sh
# fuzz/seeds.sh OUTDIR - builds the seed corpora in OUTDIR/seeds-NAME from
# tests/data/*.x12 and the shared corpus ($X12_CORPUS_DIR, default
# ../shared/x12/corpus), copied at run time: nothing from the shared corpus
# is kept in the project.  Files over 16 KiB are cut to their first 16 KiB
# (a truncated interchange is a good seed too).  The push harness's inputs
# start with a header (options byte, chunk-count byte, chunk sizes; see
# fz_push_one in fuzz/harness.h): each file is seeded with a few headers.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: seeds.sh OUTDIR}
corpus=${X12_CORPUS_DIR:-$top/../shared/x12/corpus}
max=16384

mkdir -p "$out/seeds-plain" "$out/seeds-push"
rm -f "$out"/seeds-plain/* "$out"/seeds-push/*

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
echo "seeds: $n files in $out/seeds-plain, $(ls "$out/seeds-push" | wc -l) in $out/seeds-push"
