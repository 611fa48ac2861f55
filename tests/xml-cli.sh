#!/bin/sh
# tests/xml-cli.sh - `x12 to-xml` and `x12 from-xml` end to end: byte-identical
# round trips (files, stdin, gzip, --output, --dir), the loop shape, usage and
# exit codes, located errors that quote no data.  Run by `make check` with
# X12_BUILDDIR, X12_TEST_DATA and X12_CORPUS_DIR (corpus checks skipped when
# it is absent).  Uses the fixtures cli-small.x12 (837P, two sets, 54
# segments) and cli-oneline.x12 (the same with delimiters | > ! \ and no line
# breaks), and xml-layout.x12 with its expected XML.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA
CORPUS=${X12_CORPUS_DIR:-}

# every corpus file through the CLI; the schema check when xmllint exists
if corpus_part; then
    need_corpus
    n=0
    for f in "$CORPUS"/*/*; do
        [ -f "$f" ] || continue
        if "$X12" to-xml "$f" >"$tmp/c.xml" 2>"$tmp/err"; then
            if "$X12" from-xml "$tmp/c.xml" >"$tmp/c.x12" 2>>"$tmp/err" && cmp -s "$tmp/c.x12" "$f"; then
                n=$((n + 1))
            else
                bad "corpus round trip $(basename "$f")"
            fi
        else
            grep -q ":0:GS: the input does not start with an ISA" "$tmp/err" &&
                ok "corpus $(basename "$f") without ISA: located error" ||
                bad "corpus $(basename "$f"): $(head -n 1 "$tmp/err")"
        fi
    done
    [ "$n" -ge 40 ] && ok "corpus: $n files round-trip byte for byte" || bad "corpus: only $n files"
    finish
fi

# --help, and the verbs in the top-level list
"$X12" to-xml --help >"$tmp/out" 2>"$tmp/err"
expect_rc "to-xml --help" 0 $?
has "to-xml --help shows usage" "Usage: x12 to-xml" "$tmp/out"
"$X12" from-xml --help >"$tmp/out" 2>"$tmp/err"
expect_rc "from-xml --help" 0 $?
has "from-xml --help shows usage" "Usage: x12 from-xml" "$tmp/out"
"$X12" --help >"$tmp/out" 2>&1
has "x12 --help lists to-xml" "to-xml" "$tmp/out"
has "x12 --help lists from-xml" "from-xml" "$tmp/out"

# The layout, byte for byte: xml-layout.x12 (loops, components,
# repetitions, empty and trailing elements, escaped characters, a value
# XML cannot hold as hex, CR LF and missing line breaks) gives exactly
# xml-layout.xml, and with --compact xml-layout.compact.xml.  Both were
# written by the first writer, libxml2's xmlTextWriter with "  " indentation,
# whose layout the library keeps.
"$X12" to-xml "$D/xml-layout.x12" >"$tmp/layout.xml" 2>"$tmp/err"
expect_rc "to-xml xml-layout.x12" 0 $?
same "$tmp/layout.xml" "$D/xml-layout.xml" "indented layout is byte for byte the expected one"
"$X12" to-xml --compact "$D/xml-layout.x12" >"$tmp/layout.xml" 2>"$tmp/err"
same "$tmp/layout.xml" "$D/xml-layout.compact.xml" "compact layout is byte for byte the expected one"
"$X12" from-xml "$D/xml-layout.xml" >"$tmp/layout.x12" 2>"$tmp/err"
same "$tmp/layout.x12" "$D/xml-layout.x12" "xml-layout.xml gives its X12 back"

# A file, then back from standard input
"$X12" to-xml "$D/cli-small.x12" >"$tmp/small.xml" 2>"$tmp/err"
expect_rc "to-xml cli-small.x12" 0 $?
has "transaction shaped by its guide" '<transaction guide="005010X222A1">' "$tmp/small.xml"
has "claim loop" '<loop id="2300">' "$tmp/small.xml"
has "service line loop" '<loop id="2400">' "$tmp/small.xml"
has "components of SV101" '<cmp n="2">99213</cmp>' "$tmp/small.xml"
"$X12" from-xml - <"$tmp/small.xml" >"$tmp/small.x12" 2>"$tmp/err"
expect_rc "from-xml from stdin" 0 $?
same "$tmp/small.x12" "$D/cli-small.x12" "cli-small.x12 comes back byte for byte"

# Odd delimiters and no line breaks; stdin in, --output out
"$X12" to-xml --output="$tmp/one.xml" - <"$D/cli-oneline.x12" 2>"$tmp/err"
expect_rc "to-xml - --output" 0 $?
has "delimiters kept" 'element="|" component="&gt;" repetition="!" segment="\\\\"' "$tmp/one.xml"
"$X12" from-xml --output "$tmp/one.x12" "$tmp/one.xml" 2>"$tmp/err"
expect_rc "from-xml --output" 0 $?
same "$tmp/one.x12" "$D/cli-oneline.x12" "cli-oneline.x12 comes back byte for byte"

# gzip both ways in
gzip -c "$D/cli-small.x12" >"$tmp/small.x12.gz"
gzip -c "$tmp/small.xml" >"$tmp/small.xml.gz"
"$X12" to-xml "$tmp/small.x12.gz" >"$tmp/gz.xml" 2>"$tmp/err"
expect_rc "to-xml FILE.gz" 0 $?
same "$tmp/gz.xml" "$tmp/small.xml" "gzip input gives the same XML"
"$X12" from-xml "$tmp/small.xml.gz" >"$tmp/gz.x12" 2>"$tmp/err"
expect_rc "from-xml FILE.gz" 0 $?
same "$tmp/gz.x12" "$D/cli-small.x12" "gzip XML gives the same X12"

# --plain and --compact
"$X12" to-xml --plain --compact "$D/cli-small.x12" >"$tmp/plain.xml" 2>"$tmp/err"
expect_rc "to-xml --plain --compact" 0 $?
hasnt "--plain has no loops" "<loop" "$tmp/plain.xml"
[ "$(wc -l <"$tmp/plain.xml")" -le 2 ] && ok "--compact is one line after the declaration" ||
    bad "--compact wrote $(wc -l <"$tmp/plain.xml") lines"
"$X12" from-xml "$tmp/plain.xml" >"$tmp/plain.x12" 2>"$tmp/err"
same "$tmp/plain.x12" "$D/cli-small.x12" "plain XML comes back byte for byte"

# several files need --dir
"$X12" to-xml "$D/cli-small.x12" "$D/cli-oneline.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "two files without --dir" 2 $?
mkdir "$tmp/dir"
"$X12" to-xml --dir="$tmp/dir" "$D/cli-small.x12" "$tmp/small.x12.gz" "$D/cli-oneline.x12" 2>"$tmp/err"
expect_rc "to-xml --dir with three files" 0 $?
[ -f "$tmp/dir/cli-small.x12.xml" ] && [ -f "$tmp/dir/small.x12.xml" ] && [ -f "$tmp/dir/cli-oneline.x12.xml" ] &&
    ok "--dir writes NAME.xml for each file, .gz dropped" || bad "--dir files: $(ls "$tmp/dir")"
same "$tmp/dir/small.x12.xml" "$tmp/small.xml" "--dir output equals stdout output"

# usage and I/O errors: exit 2
"$X12" to-xml --nope "$D/cli-small.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "to-xml unknown option" 2 $?
"$X12" to-xml "$tmp/missing.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "to-xml missing file" 2 $?
"$X12" from-xml "$tmp/missing.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "from-xml missing file" 2 $?
"$X12" from-xml "$tmp/small.xml" "$tmp/one.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "from-xml two files" 2 $?

# input that is not X12: exit 1, located, no partial --output left behind
printf 'GS*HC*A*B~ST*837*1~' >"$tmp/noisa.x12"
"$X12" to-xml --output="$tmp/noisa.xml" "$tmp/noisa.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "to-xml without ISA" 1 $?
has "no-ISA error names file and position" "noisa.x12:0:GS: the input does not start with an ISA" "$tmp/err"
[ ! -e "$tmp/noisa.xml" ] && ok "unfinished --output removed" || bad "unfinished --output left"

# bad XML: exit 1, FILE:SEGNO:SEGID-ELEM: line L, column C, no value quoted
sed 's/<ele n="03">NORTHWIND BILLING<\/ele>/<ele n="03">NORTHWIND*BILLING<\/ele>/' "$tmp/small.xml" >"$tmp/delim.xml"
line=$(grep -n 'NORTHWIND\*BILLING' "$tmp/delim.xml" | head -n 1 | cut -d: -f1)
"$X12" from-xml --output="$tmp/delim.x12" "$tmp/delim.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "from-xml delimiter in a value" 1 $?
has "located by segment, element, line and column" "delim.xml:5:NM1-03: line $line, column [0-9]*: a value holds the interchange's element separator" "$tmp/err"
hasnt "the value is not quoted" "NORTHWIND" "$tmp/err"
[ ! -e "$tmp/delim.x12" ] && ok "no partial X12 left" || bad "partial X12 left"
head -c 500 "$tmp/small.xml" >"$tmp/cut.xml"
"$X12" from-xml "$tmp/cut.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "from-xml truncated XML" 1 $?
has "truncated XML is not well-formed" "not well-formed" "$tmp/err"
printf '<x12 xmlns="urn:libx12:x12xml:1"><bogus/></x12>' | "$X12" from-xml - >"$tmp/out" 2>"$tmp/err"
expect_rc "from-xml unknown element" 1 $?
has "unknown element located" "<stdin>:0:-: line 1, column [0-9]*: unknown element <bogus>" "$tmp/err"

finish
