# xsd2c.awk - compiles an XML schema (or other XML text) of specs/ into the
# library as a C string, so that no file is needed at run time.
#
#   awk -v name=x12i_encounter_xsd -f scripts/xsd2c.awk specs/encounter.xsd > encounter_xsd.c
#
# defines `const char NAME[]` (declared in lib/internal.h), the schema's
# text with a newline after each line.  A backslash in the schema would
# need escaping: write [.] in a pattern instead, or the build stops.

BEGIN {
    if (name == "") {
        print "xsd2c.awk: give -v name=..." > "/dev/stderr"
        exit 1
    }
}
FNR == 1 {
    f = FILENAME
    sub(/.*\//, "", f)
    print "/* generated from specs/" f " by scripts/xsd2c.awk: do not edit */"
    print "#include \"internal.h\""
    print ""
    print "const char " name "[] ="
}
{
    if (index($0, "\\")) {
        print FILENAME ":" FNR ": write [.] instead of a backslash" > "/dev/stderr"
        failed = 1
        exit 1
    }
    gsub(/"/, "\\\"")
    print "    \"" $0 "\\n\""
}
END {
    if (!failed)
        print "    ;"
}
