# tests/docblocks.awk - the code blocks of a document, one file each.
#
#   awk -v kind=readme|man -v out=DIR -v tag=NAME -f docblocks.awk FILE
#
# kind=readme: a block is a run of lines indented by at least four spaces
#   after a blank line (blank lines inside it belong to it), with the four
#   spaces taken off.
# kind=man: a block is what lies between .nf and .fi in a .SH EXAMPLE or
#   .SH EXAMPLES section, with the roff escapes a code block uses turned
#   back into characters (\- \e \(aq \(dq \(rs \& and font changes); roff
#   comment lines are dropped.
#
# Each block goes to DIR/TAG-NNN; one line per block, "FILE<TAB>LINE" (the
# line of the document where it starts), is printed on standard output.

function repl(s, from, to,    r, i) {
    r = ""
    while ((i = index(s, from)) > 0) {
        r = r substr(s, 1, i - 1) to
        s = substr(s, i + length(from))
    }
    return r s
}

function decode(s) {
    s = repl(s, "\\e", "\001")
    s = repl(s, "\\(rs", "\001")
    s = repl(s, "\\(aq", "'")
    s = repl(s, "\\(dq", "\"")
    s = repl(s, "\\-", "-")
    s = repl(s, "\\&", "")
    s = repl(s, "\\fB", "")
    s = repl(s, "\\fI", "")
    s = repl(s, "\\fR", "")
    s = repl(s, "\\fP", "")
    return repl(s, "\001", "\\")
}

function flush(    f, i) {
    while (n > 0 && buf[n] ~ /^[ \t]*$/)
        n--
    if (n > 0) {
        f = sprintf("%s/%s-%03d", out, tag, ++count)
        for (i = 1; i <= n; i++)
            print buf[i] > f
        close(f)
        print f "\t" start
    }
    n = 0
}

kind == "readme" {
    if ($0 ~ /^[ \t]*$/) {
        if (n > 0)
            buf[++n] = ""
        blank = 1
        next
    }
    if ($0 ~ /^    /) {
        if (n == 0 && !blank)
            next
        if (n == 0)
            start = FNR
        buf[++n] = substr($0, 5)
    } else {
        flush()
    }
    blank = 0
    next
}

kind == "man" {
    if ($0 ~ /^\.SH /) {
        flush()
        inblock = 0
        example = ($0 ~ /^\.SH "?EXAMPLES?"?[ \t]*$/)
        next
    }
    if (!example)
        next
    if ($0 ~ /^\.nf/) {
        inblock = 1
        n = 0
        start = FNR + 1
        next
    }
    if ($0 ~ /^\.fi/) {
        flush()
        inblock = 0
        next
    }
    if (inblock && $0 !~ /^\.\\"/)
        buf[++n] = decode($0)
}

END {
    flush()
}
