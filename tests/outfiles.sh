#!/bin/sh
# tests/outfiles.sh - how the x12 verbs that write named files (split pieces,
# to-xml --output/--dir, from-xml --output) write them (issue 20 item 5):
#   - through a temporary file beside the target, renamed when complete: no
#     temporary is left, the file has the mode a new file gets (umask);
#   - an existing target is refused (exit 2, nothing written) unless
#     --force; split refuses a directory that holds pieces named like its
#     own before writing any;
#   - a symbolic link at a target's name is refused, --force or not, and
#     never written through (a dangling one neither: nothing is created at
#     its destination);
#   - to-xml --dir refuses two inputs of the same file name unless --force;
#   - a failed write (here a file size limit, ulimit -f, which makes write()
#     fail with EFBIG as a full disk fails with ENOSPC) removes the partial
#     file, leaves an existing target as it was, and says what was written;
#   - bad input with --force leaves the existing target as it was.
# Run by `make check` with X12_BUILDDIR and X12_TEST_DATA.  Fixtures:
# split-multi.xml (built here: 7 claims), cli-small.x12, cli-oneline.x12,
# and an 837P generated here whose third claim has 400 lines (its piece is
# ~14 KB, the others under 1 KB).
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA
umask 022

has() { grep -q -- "$2" "$3" && ok "$1" || bad "$1: '$2' not in $(basename "$3"): $(head -c 300 "$3")"; }
# names DIR: every name in DIR, dot files (temporaries) included, one line.
names() { ls -A "$1" | tr '\n' ' '; }
# unchanged FILE: FILE still holds "precious" (what the test put there).
unchanged() { [ -f "$2" ] && [ ! -L "$2" ] && [ "$(cat "$2")" = "precious" ] && ok "$1" || bad "$1: $2 changed"; }
precious() { echo precious >"$1"; }

"$X12" build "$D/split-multi.xml" >"$tmp/multi.837" 2>"$tmp/err"
expect_rc "build split-multi.xml" 0 $?
awk 'BEGIN {
    print "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240115*1023*^*00501*000000905*0*T*:~"
    print "GS*HC*SENDER*RECEIVER*20240115*1023*905*X*005010X222A1~"
    print "ST*837*0001*005010X222A1~"
    print "BHT*0019*00*B1*20240115*1023*CH~"
    print "HL*1**20*1~"
    print "HL*2*1*22*0~"
    print "SBR*P*18*G1******CI~"
    n = 5
    for (c = 1; c <= 3; c++) {
        print "CLM*PCN" c "*100***11:B:1*Y*A*Y*Y~"; n++
        for (l = 1; l <= (c == 3 ? 400 : 1); l++) { print "LX*" l "~"; print "SV1*HC:99213*100*UN*1***1~"; n += 2 }
    }
    print "SE*" (n + 1) "*0001~"
    print "GE*1*905~"
    print "IEA*1*000000905~" }' >"$tmp/big3.837"

# -- split ---------------------------------------------------------------------
"$X12" split --claims=3 -o "$tmp/s" "$tmp/multi.837" >"$tmp/list" 2>"$tmp/err"
expect_rc "split into a new directory" 0 $?
[ "$(names "$tmp/s")" = "split-000001.x12 split-000002.x12 split-000003.x12 " ] &&
    ok "split: the three pieces and no temporary left" || bad "split wrote: $(names "$tmp/s")"
touch "$tmp/plain"
[ "$(stat -c %a "$tmp/s/split-000001.x12")" = "$(stat -c %a "$tmp/plain")" ] &&
    ok "split: a piece has the mode of a new file ($(stat -c %a "$tmp/plain"))" ||
    bad "split: piece mode $(stat -c %a "$tmp/s/split-000001.x12")"
mkdir "$tmp/keep"
cp "$tmp/s/"* "$tmp/keep/"

"$X12" split --claims=1 -o "$tmp/s" "$tmp/multi.837" >"$tmp/list" 2>"$tmp/err"
expect_rc "split again into the same directory" 2 $?
has "split names the pieces already there and --force" "already holds 3 files named like the pieces.*--force" "$tmp/err"
[ "$(names "$tmp/s")" = "split-000001.x12 split-000002.x12 split-000003.x12 " ] &&
    cmp -s "$tmp/s/split-000001.x12" "$tmp/keep/split-000001.x12" &&
    cmp -s "$tmp/s/split-000003.x12" "$tmp/keep/split-000003.x12" && [ ! -s "$tmp/list" ] &&
    ok "split without --force: nothing written, earlier pieces intact" ||
    bad "split without --force changed $(names "$tmp/s")"
"$X12" split --claims=2 --force -o "$tmp/s" "$tmp/multi.837" >"$tmp/list" 2>"$tmp/err"
expect_rc "split --force over an earlier run" 0 $?
"$X12" split --claims=2 -o "$tmp/s2" "$tmp/multi.837" >/dev/null 2>&1
same "$tmp/s/split-000002.x12" "$tmp/s2/split-000002.x12" "split --force: a replaced piece is this run's"
[ "$(names "$tmp/s")" = "split-000001.x12 split-000002.x12 split-000003.x12 split-000004.x12 " ] &&
    ok "split --force: four pieces, no temporary" || bad "split --force: $(names "$tmp/s")"
"$X12" split --claims=3 --force -o "$tmp/s" "$tmp/multi.837" >"$tmp/list" 2>"$tmp/err"
expect_rc "split --force, fewer pieces than before" 0 $?
has "split warns of older pieces left after the last" "still holds 1 older piece numbered after the 3 of this run" "$tmp/err"

# A planted link at a piece's name: refused before any piece is written,
# with --force too; neither its destination nor a dangling one's is touched.
mkdir "$tmp/l"
precious "$tmp/victim"
ln -s "$tmp/victim" "$tmp/l/split-000002.x12"
ln -s "$tmp/created-through-link" "$tmp/l/split-000003.x12"
"$X12" split --claims=1 -o "$tmp/l" "$tmp/multi.837" >"$tmp/list" 2>"$tmp/err"
expect_rc "split with a planted link" 2 $?
"$X12" split --claims=1 --force -o "$tmp/l" "$tmp/multi.837" >"$tmp/list" 2>"$tmp/err"
expect_rc "split --force with a planted link" 2 $?
has "split names the link" "split-00000[23].x12: is a symbolic link" "$tmp/err"
unchanged "split: the link's destination is untouched" "$tmp/victim"
[ ! -e "$tmp/created-through-link" ] && ok "split: nothing created through a dangling link" ||
    bad "split wrote through a dangling link"
[ -L "$tmp/l/split-000002.x12" ] && [ ! -e "$tmp/l/split-000001.x12" ] && [ ! -s "$tmp/list" ] &&
    ok "split: the link kept, no piece written" || bad "split with link: $(names "$tmp/l")"

# A write that fails (file size limit): pieces 1 and 2 (under 1 KB) are
# written whole, piece 3 (14 KB) is removed, the message says what was
# written.  ulimit -f 4 is 2 or 4 KiB depending on the shell's unit.
"$X12" split --claims=1 -o "$tmp/full-ref" "$tmp/big3.837" >/dev/null 2>&1
(ulimit -f 4 && exec "$X12" split --claims=1 -o "$tmp/full" "$tmp/big3.837") >"$tmp/list" 2>"$tmp/err"
expect_rc "split over a file size limit" 2 $?
[ "$(names "$tmp/full")" = "split-000001.x12 split-000002.x12 " ] &&
    ok "split: the partial piece removed, no temporary left" || bad "split full: $(names "$tmp/full")"
same "$tmp/full/split-000002.x12" "$tmp/full-ref/split-000002.x12" "split: the pieces before the failure are complete"
has "split names the piece not written" "split-000003.x12: .*File too large.*not written" "$tmp/err"
has "split says which pieces were written" "2 pieces written before the failure.*split-000001.x12 to .*split-000002.x12" "$tmp/err"
[ "$(wc -l <"$tmp/list")" -eq 2 ] && ok "split lists only the pieces written" || bad "split listed: $(cat "$tmp/list")"
(ulimit -f 4 && exec "$X12" split --gzip --claims=1 -o "$tmp/fullgz" "$tmp/big3.837") >/dev/null 2>"$tmp/err"
rc=$?
# 400 identical lines compress well: only a failure is checked for, not where.
if [ "$rc" -eq 0 ]; then
    [ "$(names "$tmp/fullgz")" = "split-000001.x12.gz split-000002.x12.gz split-000003.x12.gz " ] &&
        ok "split --gzip: small enough to pass the limit, all written" || bad "split --gzip: $(names "$tmp/fullgz")"
else
    case "$(names "$tmp/fullgz")" in *.x12.gz.*|.*) bad "split --gzip left a temporary: $(names "$tmp/fullgz")" ;;
    *) ok "split --gzip over the limit: exit $rc, no temporary left" ;; esac
fi

# -- to-xml --------------------------------------------------------------------
printf 'GS*HC*A*B~ST*837*1~' >"$tmp/noisa.x12"
"$X12" to-xml "$D/cli-small.x12" >"$tmp/small.xml" 2>/dev/null
precious "$tmp/t.xml"
"$X12" to-xml --output="$tmp/t.xml" "$D/cli-small.x12" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --output over an existing file" 2 $?
has "to-xml says --force" "t.xml: exists; --force replaces it" "$tmp/err"
unchanged "to-xml without --force: the file is untouched" "$tmp/t.xml"
"$X12" to-xml --force --output="$tmp/t.xml" "$tmp/noisa.x12" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --force, input not X12" 1 $?
unchanged "to-xml: bad input leaves the existing file as it was" "$tmp/t.xml"
has "to-xml says the output was not written" "t.xml: not written" "$tmp/err"
"$X12" to-xml --force --output="$tmp/t.xml" "$D/cli-small.x12" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --force" 0 $?
same "$tmp/t.xml" "$tmp/small.xml" "to-xml --force replaces the file with the document"

precious "$tmp/victim"
ln -s "$tmp/victim" "$tmp/link.xml"
"$X12" to-xml --output="$tmp/link.xml" "$D/cli-small.x12" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --output through a link" 2 $?
"$X12" to-xml --force --output="$tmp/link.xml" "$D/cli-small.x12" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --force --output through a link" 2 $?
has "to-xml names the link" "link.xml: is a symbolic link" "$tmp/err"
unchanged "to-xml: the link's destination is untouched" "$tmp/victim"
[ -L "$tmp/link.xml" ] && ok "to-xml: the link itself is kept" || bad "to-xml replaced the link"
ln -s "$tmp/through-dangling.xml" "$tmp/dangling.xml"
"$X12" to-xml --force --output="$tmp/dangling.xml" "$D/cli-small.x12" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --output through a dangling link" 2 $?
[ ! -e "$tmp/through-dangling.xml" ] && ok "to-xml: nothing created through a dangling link" ||
    bad "to-xml wrote through a dangling link"

# --dir: two inputs named alike, an existing target
mkdir "$tmp/a" "$tmp/b" "$tmp/x"
cp "$D/cli-small.x12" "$tmp/a/claims.837"
cp "$D/cli-oneline.x12" "$tmp/b/claims.837"
"$X12" to-xml --dir="$tmp/x" "$tmp/a/claims.837" "$tmp/b/claims.837" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --dir, two inputs of one name" 2 $?
has "to-xml names both inputs and the target" "a/claims.837 and .*b/claims.837 would both be written to .*claims.837.xml" "$tmp/err"
[ -z "$(names "$tmp/x")" ] && ok "to-xml --dir: nothing written" || bad "to-xml --dir wrote $(names "$tmp/x")"
"$X12" to-xml --force --dir="$tmp/x" "$tmp/a/claims.837" "$tmp/b/claims.837" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --dir --force, two inputs of one name" 0 $?
"$X12" to-xml "$tmp/b/claims.837" >"$tmp/b.xml" 2>/dev/null
same "$tmp/x/claims.837.xml" "$tmp/b.xml" "to-xml --dir --force: the later input wins"
[ "$(names "$tmp/x")" = "claims.837.xml " ] && ok "to-xml --dir: no temporary left" || bad "to-xml --dir: $(names "$tmp/x")"
cp "$D/cli-small.x12" "$tmp/other.x12"
"$X12" to-xml --dir="$tmp/x" "$tmp/other.x12" "$tmp/a/claims.837" >/dev/null 2>"$tmp/err"
expect_rc "to-xml --dir with one target existing" 2 $?
[ ! -e "$tmp/x/other.x12.xml" ] && same "$tmp/x/claims.837.xml" "$tmp/b.xml" "to-xml --dir: refused whole, nothing written or replaced" ||
    bad "to-xml --dir wrote other.x12.xml before refusing"

# a failed write: the existing file stays, no temporary
"$X12" to-xml "$tmp/big3.837" >"$tmp/big3.xml" 2>/dev/null
mkdir "$tmp/w"
precious "$tmp/w/t.xml"
(ulimit -f 4 && exec "$X12" to-xml --force --output="$tmp/w/t.xml" "$tmp/big3.837") >/dev/null 2>"$tmp/err"
expect_rc "to-xml over a file size limit" 2 $?
unchanged "to-xml: the existing file is untouched by a failed write" "$tmp/w/t.xml"
[ "$(names "$tmp/w")" = "t.xml " ] && ok "to-xml: the partial file removed" || bad "to-xml full: $(names "$tmp/w")"
has "to-xml names the file not written" "t.xml: .*File too large" "$tmp/err"

# -- from-xml ------------------------------------------------------------------
precious "$tmp/f.x12"
"$X12" from-xml --output="$tmp/f.x12" "$tmp/small.xml" >/dev/null 2>"$tmp/err"
expect_rc "from-xml --output over an existing file" 2 $?
unchanged "from-xml without --force: the file is untouched" "$tmp/f.x12"
printf '<x12 xmlns="urn:libx12:x12xml:1"><bogus/></x12>' >"$tmp/bogus.xml"
"$X12" from-xml --force --output="$tmp/f.x12" "$tmp/bogus.xml" >/dev/null 2>"$tmp/err"
expect_rc "from-xml --force, XML not in the format" 1 $?
unchanged "from-xml: bad XML leaves the existing file as it was" "$tmp/f.x12"
"$X12" from-xml --force --output="$tmp/f.x12" "$tmp/small.xml" >/dev/null 2>"$tmp/err"
expect_rc "from-xml --force" 0 $?
same "$tmp/f.x12" "$D/cli-small.x12" "from-xml --force replaces the file with the X12"
"$X12" from-xml --force --output="$tmp/link.xml" "$tmp/small.xml" >/dev/null 2>"$tmp/err"
expect_rc "from-xml --force --output through a link" 2 $?
unchanged "from-xml: the link's destination is untouched" "$tmp/victim"
mkdir "$tmp/fw"
precious "$tmp/fw/f.x12"
(ulimit -f 4 && exec "$X12" from-xml --force --output="$tmp/fw/f.x12" "$tmp/big3.xml") >/dev/null 2>"$tmp/err"
expect_rc "from-xml over a file size limit" 2 $?
unchanged "from-xml: the existing file is untouched by a failed write" "$tmp/fw/f.x12"
[ "$(names "$tmp/fw")" = "f.x12 " ] && ok "from-xml: the partial file removed" || bad "from-xml full: $(names "$tmp/fw")"

finish
