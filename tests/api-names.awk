# tests/api-names.awk - the functions the public headers declare X12_API.
#
#   awk -f tests/api-names.awk include/x12/*.h
#
# prints one line per declaration, "NAME FILE:LINE" (LINE: where its X12_API
# is).  Comments and preprocessor lines (the #define of X12_API itself) are
# ignored; a declaration may span lines and ends at ';' (or '{').  The name is
# the first identifier followed by '(' that is not followed by '*' (so a
# function returning a function pointer is named right) once __attribute__
# lists are removed.  tests/symbols.sh compares these names with
# lib/libx12.sym and the built library.

function flush_decl(    s, rest, m, id) {
    s = decl
    gsub(/__attribute__[ \t]*\(\([^)]*\)\)/, " ", s)
    rest = s
    while (match(rest, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\([ \t]*/)) {
        m = substr(rest, RSTART, RLENGTH)
        rest = substr(rest, RSTART + RLENGTH)
        if (substr(rest, 1, 1) == "*")
            continue
        id = m
        sub(/[ \t]*\([ \t]*$/, "", id)
        if (id == "X12_API")
            continue
        print id, decl_where
        return
    }
    print "?", decl_where, "(no function name found: " s ")"
}

FNR == 1 { in_comment = 0; in_pp = 0; collecting = 0; decl = "" }

{
    line = $0
    # a preprocessor line and its backslash continuations
    if (!in_comment && (in_pp || line ~ /^[ \t]*#/)) {
        in_pp = (line ~ /\\$/)
        next
    }
    code = ""
    while (length(line) > 0) {
        if (in_comment) {
            i = index(line, "*/")
            if (i == 0) { line = ""; break }
            line = substr(line, i + 2)
            in_comment = 0
            continue
        }
        i = index(line, "/*")
        j = index(line, "//")
        if (j > 0 && (i == 0 || j < i)) { code = code substr(line, 1, j - 1); break }
        if (i == 0) { code = code line; break }
        code = code substr(line, 1, i - 1) " "
        line = substr(line, i + 2)
        in_comment = 1
    }
    while (length(code) > 0) {
        if (!collecting) {
            if (!match(code, /(^|[^A-Za-z0-9_])X12_API([^A-Za-z0-9_]|$)/))
                break
            collecting = 1
            decl = ""
            decl_where = FILENAME ":" FNR
            code = substr(code, RSTART)
        }
        if (match(code, /[;{]/)) {
            decl = decl " " substr(code, 1, RSTART - 1)
            code = substr(code, RSTART + 1)
            collecting = 0
            flush_decl()
        } else {
            decl = decl " " code
            code = ""
        }
    }
}
