#!/bin/sh
# tests/cli.sh - behaviour of the x12 command-line tool (fmt, info, usage).
#
# Run by `make check` with X12_BUILDDIR (the binary is $X12_BUILDDIR/tools/x12),
# X12_TEST_DATA (tests/data) and X12_CORPUS_DIR (../shared/x12/corpus; the
# corpus checks are skipped when it does not exist).  Exit 0 pass, 1 fail.
#
# Fixtures (tests/data), written for this test:
#   cli-small.x12      837P, 1 ISA / 1 GS / 2 ST (27 + 23 segments), 54
#                      segments, delimiters * : ^ ~, one segment per line.
#                      fmt must reproduce it byte for byte.
#   cli-oneline.x12    the same interchange with delimiters | > ! \ and no
#                      line breaks at all.
#   cli-oneline.fmt    cli-oneline.x12 split after each terminator (made by
#                      hand, not by the tool): fmt of cli-oneline.x12, and
#                      fmt of cli-small.x12 re-delimited to | > ! \.
#   cli-small.info.json  the exact `x12 info --json cli-small.x12` document.
#   cli-small.info.txt   the exact `x12 info cli-small.x12` text.
#   cli-bad-se.x12     cli-small.x12 with SE01 of the second set saying 24
#                      instead of 23: segment 52 must be reported.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA
CORPUS=${X12_CORPUS_DIR:-}

# has_line_prefix FILE TEXT DESC: FILE has a line starting with TEXT (fixed
# string).
has_line_prefix() {
    if awk -v p="$2" 'index($0, p) == 1 { found = 1 } END { exit !found }' "$1"; then
        ok "$3"
    else
        bad "$3: no line starting with '$2' in:"
        head -n 5 "$1" | sed 's/^/    /'
    fi
}

# is_empty FILE DESC
is_empty() {
    if [ ! -s "$1" ]; then
        ok "$2"
    else
        bad "$2: not empty:"
        head -n 5 "$1" | sed 's/^/    /'
    fi
}

# segment_count FILE: number of segment terminators in FILE, counted with od
# and awk, independently of libx12.  The terminator is the byte after ISA16,
# which follows the 16th element separator (byte 3); this holds even when an
# ISA field has the wrong width.
segment_count() {
    od -An -v -tx1 "$1" | tr -s ' ' '\n' | awk 'NF {
        n++
        if (n == 4) { sep = $1; nsep = 1 }
        else if (n > 4 && nsep < 16 && $1 == sep && ++nsep == 16) at = n + 2
        if (n == at) term = $1
        if (term != "" && $1 == term) segs++
    } END { print segs + 0 }'
}

lines() { wc -l <"$1" | tr -d ' '; }

if [ ! -x "$X12" ]; then
    echo "FAIL $X12 is not built"
    exit 1
fi

cd "$D" || exit 1

# ---- the shared corpus ----------------------------------------------------------
#
# fmt and info must exit 0 on every corpus file, fmt printing exactly one line
# per segment, except for the files below.  Each was examined by hand (and
# its trailers recounted by a separate script); the problems are genuine:
#
#   all imsweb-x12-parser 837 files (x12_*.txt, x223-test.txt): SE01 is 25
#       whatever the set holds (a copied template), so every SE is reported.
#       Besides that:
#     x12_bad_first_line.txt       ISA02 is 9 characters wide (a warning; the
#                                  reader still finds the delimiters)
#     x12_bad_segment_identifier.txt  segment 6 lost its id ("*IC*..."),
#                                  segment 11 is "Nd4", segment 20 "NM31"
#                                  (shown as "?": not of X12's shape)
#     x12_complex.txt              the second SE01 says 26 for 147; GE01
#                                  says 1 for 2 sets
#     x12_multiple_gs.txt          IEA01 says 1 for 3 groups
#     x12_multiple_st.txt          GE01 says 1 for 2 sets
#     x12_multiple_isa.txt, x12_multiple_transactions.txt  several
#                                  interchanges, the same bad SE01 in each
#     x12_no_isa_line.txt          starts with GS and has no ISA at all: no
#                                  delimiters are known, nothing is printed
#   imsweb-x12-parser__x12_999_accepted.txt  IEA02 000000001 differs from
#       ISA13 000000286.
#
# expected FILE prints "STATUS LOCATIONS": the exit status and the sorted,
# distinct SEGNO:SEGID[-ELEM] positions of what is reported on stderr.
expected() {
    case ${1##*/} in
        imsweb-x12-parser__x223-test.txt) echo "1 50:SE-01" ;;
        imsweb-x12-parser__x12_ambiguous_loop.txt) echo "1 35:SE-01" ;;
        imsweb-x12-parser__x12_bad_first_line.txt) echo "1 1:ISA-02 36:SE-01" ;;
        imsweb-x12-parser__x12_bad_segment_identifier.txt)
            echo "1 11:? 20:? 36:SE-01 6:-" ;;
        imsweb-x12-parser__x12_bad_valid_code.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_complex.txt) echo "1 149:SE-01 296:SE-01 297:GE-01" ;;
        imsweb-x12-parser__x12_loop_errors1_exceeds_max_1_parent.txt) echo "1 33:SE-01" ;;
        imsweb-x12-parser__x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt)
            echo "1 52:SE-01" ;;
        imsweb-x12-parser__x12_loop_errors3_missing_loops.txt) echo "1 21:SE-01" ;;
        imsweb-x12-parser__x12_many_claims.txt) echo "1 11488:SE-01" ;;
        imsweb-x12-parser__x12_missing_elements.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_missing_required_loop_in_one_repeat.txt) echo "1 42:SE-01" ;;
        imsweb-x12-parser__x12_missing_required_loops_mult_repeats.txt) echo "1 61:SE-01" ;;
        imsweb-x12-parser__x12_multiple_gs.txt)
            echo "1 108:SE-01 110:IEA-01 36:SE-01 72:SE-01" ;;
        imsweb-x12-parser__x12_multiple_isa.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_multiple_st.txt) echo "1 36:SE-01 70:SE-01 71:GE-01" ;;
        imsweb-x12-parser__x12_multiple_transactions.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_no_errors.txt) echo "1 43:SE-01" ;;
        imsweb-x12-parser__x12_no_isa_line.txt) echo "1 0:GS" ;;
        imsweb-x12-parser__x12_segment_errors.txt) echo "1 25:SE-01" ;;
        imsweb-x12-parser__x12_segments_out_of_order.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_valid.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_valid_different_separators.txt) echo "1 36:SE-01" ;;
        imsweb-x12-parser__x12_writer_test.txt) echo "1 33:SE-01" ;;
        imsweb-x12-parser__x12_999_accepted.txt) echo "1 10:IEA-02" ;;
        *) echo "0" ;;
    esac
}

# locations FILE: the positions reported for FILE in $tmp/err, as above.
locations() {
    awk -v p="$1:" 'index($0, p) == 1 {
        rest = substr($0, length(p) + 1)
        i = index(rest, ": ")
        if (i > 0) print substr(rest, 1, i - 1)
    }' "$tmp/err" | sort -u | tr '\n' ' ' | sed 's/ $//'
}

if corpus_part; then
    need_corpus
    for f in "$CORPUS"/*/*; do
        [ -f "$f" ] || continue
        case $f in *.tsv) continue ;; esac
        name=${f#"$CORPUS"/}
        want=$(expected "$f")
        want_rc=${want%% *}
        want_loc=${want#"$want_rc"}
        want_loc=${want_loc# }
        for verb in fmt info; do
            run "$X12" "$verb" "$f"
            expect "$want_rc" "corpus $verb $name"
            got_loc=$(locations "$f")
            if [ "$got_loc" = "$want_loc" ]; then
                [ -n "$got_loc" ] && ok "corpus $verb $name reports $got_loc"
            else
                bad "corpus $verb $name reports '$got_loc', want '$want_loc'"
            fi
        done
        # info ran last; rerun fmt for the line count.
        run "$X12" fmt "$f"
        if [ "$(head -c 3 "$f")" = ISA ]; then
            nseg=$(segment_count "$f")
            nl=$(lines "$tmp/out")
            [ "$nl" -eq "$nseg" ] && ok "corpus fmt $name: $nl lines = $nseg segments" ||
                bad "corpus fmt $name: $nl lines, $nseg segments"
        else
            is_empty "$tmp/out" "corpus fmt $name without ISA prints nothing"
        fi
    done
    finish
fi

# ---- usage, help, version ---------------------------------------------------

run "$X12" --version
expect 0 "--version"
version_line=$(cat "$tmp/out")
case $version_line in
    "x12 (libx12) "[0-9]*.[0-9]*.[0-9]*) ok "--version prints '$version_line'" ;;
    *) bad "--version prints '$version_line'" ;;
esac

run "$X12" --help
expect 0 "--help"
if grep -q '^  fmt ' "$tmp/out" && grep -q '^  info ' "$tmp/out"; then
    ok "--help lists fmt and info"
else
    bad "--help lists fmt and info"
fi

for verb in fmt info; do
    run "$X12" "$verb" --help
    expect 0 "$verb --help"
    has_line_prefix "$tmp/out" "Usage: x12 $verb " "$verb --help prints its usage"
done

run "$X12"
expect 2 "no arguments"
run "$X12" frobnicate cli-small.x12
expect 2 "unknown verb"
has_line_prefix "$tmp/err" "x12: unknown verb 'frobnicate'" "unknown verb is named on stderr"
is_empty "$tmp/out" "unknown verb writes nothing to stdout"
run "$X12" --bogus
expect 2 "unknown global option"
run "$X12" fmt --bogus cli-small.x12
expect 2 "fmt --bogus"
has_line_prefix "$tmp/err" "x12: fmt: unknown option '--bogus'" "fmt names the bad option"
is_empty "$tmp/out" "fmt with a bad option writes nothing"
run "$X12" info -x cli-small.x12
expect 2 "info -x"
run "$X12" info --json=yes cli-small.x12
expect 2 "info --json=yes (takes no value)"
run "$X12" fmt --element=ab cli-small.x12
expect 2 "fmt --element=ab (not one character)"
run "$X12" fmt --element=A cli-small.x12
expect 2 "fmt --element=A (a letter)"
run "$X12" fmt --element='|' --segment='|' cli-small.x12
expect 2 "fmt with two equal delimiters"
run "$X12" fmt --element
expect 2 "fmt --element without a value"

# ---- unreadable input ------------------------------------------------------------

run "$X12" fmt "$tmp/does-not-exist.x12"
expect 2 "fmt of a missing file"
has_line_prefix "$tmp/err" "x12: $tmp/does-not-exist.x12: No such file or directory" \
    "missing file is named with strerror"
run "$X12" info "$tmp/does-not-exist.x12"
expect 2 "info of a missing file"
# A missing file among good ones: the good ones are still printed.
run "$X12" fmt cli-small.x12 "$tmp/does-not-exist.x12"
expect 2 "fmt of a good and a missing file"
same "$tmp/out" cli-small.x12 "the good file is still printed"

# ---- fmt ------------------------------------------------------------------------

run "$X12" fmt cli-small.x12
expect 0 "fmt cli-small.x12"
same "$tmp/out" cli-small.x12 "fmt reproduces a one-segment-per-line file byte for byte"
is_empty "$tmp/err" "fmt of a clean file prints nothing on stderr"
[ "$(lines "$tmp/out")" -eq 54 ] && ok "fmt prints 54 lines for 54 segments" ||
    bad "fmt prints $(lines "$tmp/out") lines, want 54"

run "$X12" fmt cli-oneline.x12
expect 0 "fmt cli-oneline.x12"
same "$tmp/out" cli-oneline.fmt "fmt splits a single-line file after each terminator"
[ "$(lines "$tmp/out")" -eq "$(segment_count cli-oneline.x12)" ] &&
    ok "fmt line count equals segment count (single-line file)" ||
    bad "fmt line count $(lines "$tmp/out") != segments $(segment_count cli-oneline.x12)"

run "$X12" fmt cli-small.x12 cli-oneline.x12
expect 0 "fmt of two files"
cat cli-small.x12 cli-oneline.fmt >"$tmp/want"
same "$tmp/out" "$tmp/want" "fmt of two files concatenates their output"

if command -v gzip >/dev/null 2>&1; then
    gzip -c cli-oneline.x12 | "$X12" fmt - >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect 0 "gzip -c | fmt -"
    same "$tmp/out" cli-oneline.fmt "fmt of gzip data on stdin equals fmt of the file"
    gzip -c cli-small.x12 >"$tmp/small.x12.gz"
    run "$X12" fmt "$tmp/small.x12.gz"
    expect 0 "fmt FILE.gz"
    same "$tmp/out" cli-small.x12 "fmt of a .gz path equals fmt of the file"
else
    echo "skip gzip checks: no gzip"
fi

"$X12" fmt - <cli-oneline.x12 >"$tmp/out" 2>"$tmp/err"
rc=$?
expect 0 "fmt - < file"
same "$tmp/out" cli-oneline.fmt "fmt of plain stdin equals fmt of the file"
"$X12" fmt <cli-oneline.x12 >"$tmp/out" 2>"$tmp/err"
rc=$?
expect 0 "fmt with no FILE reads stdin"
same "$tmp/out" cli-oneline.fmt "fmt with no FILE equals fmt of the file"

# Re-delimiting: cli-oneline.x12 is cli-small.x12 with | > ! \, so each
# converts exactly into the other.
run "$X12" fmt --element='|' --component='>' --repetition='!' --segment='\' cli-small.x12
expect 0 "fmt re-delimit to | > ! \\"
same "$tmp/out" cli-oneline.fmt "re-delimited output (ISA11/ISA16 included) is exact"
run "$X12" fmt --element '*' --component ':' --repetition '^' --segment '~' cli-oneline.x12
expect 0 "fmt re-delimit back to * : ^ ~ (options as separate words)"
same "$tmp/out" cli-small.x12 "re-delimiting back gives the original"
"$X12" fmt --element='|' --segment='\' cli-small.x12 |
    "$X12" fmt --element='*' --segment='~' - >"$tmp/out" 2>"$tmp/err"
rc=$?
expect 0 "fmt re-delimit round trip through a pipe"
same "$tmp/out" cli-small.x12 "round trip through other delimiters is lossless"
run "$X12" fmt --segment='^' cli-small.x12
expect 2 "fmt --segment=^ clashes with the file's repetition separator"

# ---- info ----------------------------------------------------------------------

run "$X12" info --json cli-small.x12
expect 0 "info --json cli-small.x12"
same "$tmp/out" cli-small.info.json "info --json gives the exact document"
is_empty "$tmp/err" "info of a clean file prints nothing on stderr"
if command -v "$PYTHON" >/dev/null 2>&1; then
    "$PYTHON" -m json.tool <"$tmp/out" >/dev/null 2>&1 && ok "info --json output parses as JSON" ||
        bad "info --json output does not parse as JSON"
fi
run "$X12" info cli-small.x12
expect 0 "info cli-small.x12"
same "$tmp/out" cli-small.info.txt "info gives the exact text"

"$X12" info --json - <cli-small.x12 >"$tmp/out" 2>"$tmp/err"
rc=$?
expect 0 "info --json -"
sed 's/"file":"cli-small.x12"/"file":"<stdin>"/' cli-small.info.json >"$tmp/want"
same "$tmp/out" "$tmp/want" "info of stdin names the file <stdin>"

run "$X12" info --json cli-oneline.x12 cli-small.x12
expect 0 "info --json of two files"
n=$(grep -o '"control_number":"000000905"' "$tmp/out" | wc -l | tr -d ' ')
[ "$n" -eq 2 ] && ok "info --json of two files has both interchanges" ||
    bad "info --json of two files: $n interchanges, want 2"
grep -q '"delimiters":{"element":"|","component":">","repetition":"!","segment":"\\\\"}' \
    "$tmp/out" && ok "info --json escapes a backslash terminator" ||
    bad "info --json delimiters of cli-oneline.x12"

# ---- input with errors ----------------------------------------------------------

run "$X12" info cli-bad-se.x12
expect 1 "info of a file with a wrong SE01"
has_line_prefix "$tmp/err" "cli-bad-se.x12:52:SE" "the wrong SE01 is reported at segment 52"
grep -q 'interchange' "$tmp/out" && ok "info still prints the summary" ||
    bad "info prints no summary for a file with errors"
run "$X12" info --json cli-bad-se.x12
expect 1 "info --json of a file with a wrong SE01"
grep -q '"errors":[1-9]' "$tmp/out" && ok "info --json counts the error" ||
    bad "info --json does not count the error"
run "$X12" fmt cli-bad-se.x12
expect 1 "fmt of a file with a wrong SE01"
has_line_prefix "$tmp/err" "cli-bad-se.x12:52:SE" "fmt reports the wrong SE01 at segment 52"
same "$tmp/out" cli-bad-se.x12 "fmt still prints every segment"

# ---- validate/ack --errata ----------------------------------------------------------
# cli-small.x12 with GS08 and both ST03 saying 005010X222A2, an errata
# release HIPAA did not adopt: validated against 005010X222A1, accepted by
# default and with --errata=accept (no finding, exit 0), one IK5 I6 per set
# with --errata=reject (exit 1); the 999 follows the option.
sed 's/005010X222A1/005010X222A2/g' "$D/cli-small.x12" >"$tmp/errata.x12"
run "$X12" validate "$tmp/errata.x12"
expect 0 "validate errata id, default accept"
is_empty "$tmp/out" "validate errata id, default: no finding"
run "$X12" validate --errata=accept "$tmp/errata.x12"
expect 0 "validate --errata=accept"
run "$X12" validate --errata reject "$tmp/errata.x12"
expect 1 "validate --errata reject"
if [ "$(grep -c ':ST: I6: 005010X222A2 is an errata release HIPAA did not adopt' "$tmp/out")" = 2 ] &&
    [ "$(lines "$tmp/out")" -eq 2 ]; then
    ok "validate --errata=reject: one IK5 I6 per set, nothing else"
else
    bad "validate --errata=reject output:"
    sed 's/^/    /' "$tmp/out" | head -n 5
fi
run "$X12" validate --errata=sometimes "$tmp/errata.x12"
expect 2 "validate --errata=sometimes is a usage error"
run "$X12" ack --date 20240116 --time 0800 --errata=reject "$tmp/errata.x12"
expect 1 "ack --errata=reject"
if grep -q '^IK5\*R\*I6~$' "$tmp/out" && grep -q '^AK9\*R\*2\*2\*0~$' "$tmp/out"; then
    ok "ack --errata=reject: IK5*R*I6, AK9*R"
else
    bad "ack --errata=reject: no IK5*R*I6 / AK9*R"
fi
run "$X12" ack --date 20240116 --time 0800 "$tmp/errata.x12"
expect 0 "ack of an errata id, default accept"
grep -q '^AK9\*A\*2\*2\*2~$' "$tmp/out" && ok "ack default: AK9*A" || bad "ack default: no AK9*A"

# ---- write errors -----------------------------------------------------------------

if [ -w /dev/full ]; then
    "$X12" fmt cli-small.x12 >/dev/full 2>"$tmp/err"
    rc=$?
    expect 2 "fmt to a full device"
    has_line_prefix "$tmp/err" "x12: write error: No space left on device" "write error is reported"
fi

finish
