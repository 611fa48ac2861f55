/*
 * libx12 - XML -> X12: reads the format of specs/x12xml.xsd with libxml2's
 * SAX2 push parser, fed in chunks, and writes the segments it describes.
 * SAX rather than xmlTextReader because the reader parses ahead of the node
 * it hands out, so it cannot say where a node is; in a SAX callback the
 * parser's line and column are those of the construct just read, which
 * makes every error point at its start tag (and in a one-line document the
 * column is all there is).
 *
 * Segments are written directly, not through x12_writer: the writer (rightly)
 * fills counts, trims empty elements and refuses malformed ids, and a byte
 * identical copy of a file must keep all of those as they were.  The checks
 * that keep the output readable as X12 are made here instead: no delimiter
 * byte inside a value, ISA16/ISA11 equal to the interchange's separators, a
 * trailer that is a terminator plus white space.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "source.h"
#include "xml_internal.h"

enum kind { K_NONE, K_ROOT, K_INTERCHANGE, K_GROUP, K_TRANSACTION, K_LOOP, K_SEG, K_ELE, K_REP, K_CMP };

static const char *const kind_name[] = {"", "x12", "interchange", "group", "transaction",
                                        "loop", "seg", "ele", "rep", "cmp"};

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

typedef struct rd {
    x12_xml *x;
    xmlParserCtxtPtr ctxt;
    x12_status st;        /* first error found in a callback */
    x12_write_fn wfn;
    void *wuser;

    /* first parser error */
    int perr;
    char pmsg[160];
    unsigned long pline, pcol;

    unsigned char *stack; /* element kinds open */
    size_t depth, capstack;
    int saw_root;

    /* the interchange */
    int in_ic;
    char esep, csep, rsep, term;
    buf dtrailer;         /* default trailer */
    uint64_t segno;       /* segments of the interchange so far */
    int prev_unterminated;
    uint64_t prev_segno;

    /* the segment being built */
    buf seg;
    int seg_hex, is_isa;
    char segid[5];
    size_t segidlen;
    size_t last_ele, last_cmp;
    size_t reps;          /* repetitions of the current element */
    int has_value;        /* the innermost ele/rep/cmp holds text or hex */
    int has_children;     /* the current ele/rep has rep/cmp children */
    buf pend;             /* text of the current ele/rep, until we know */
    buf trailer;
    size_t isa_start[18]; /* offsets of ISA elements in seg (after leading) */
    size_t lead_len;

    buf out;              /* output waiting for the callback */
    uint64_t out_total;   /* bytes handed out or waiting */
} rd;

/* ---- errors --------------------------------------------------------------- */

static x12_status fail(rd *r, x12_status st, const char *rule, unsigned element,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static x12_status fail(rd *r, x12_status st, const char *rule, unsigned element,
                       const char *fmt, ...)
{
    x12_xml *x = r->x;
    char msg[X12I_MSG_MAX];
    va_list ap;
    long line = r->ctxt ? xmlSAX2GetLineNumber(r->ctxt) : 0;
    long col = r->ctxt ? xmlSAX2GetColumnNumber(r->ctxt) : 0;

    if (x->has_err)
        return x->err.status;
    if (r->ctxt != NULL)
        xmlStopParser(r->ctxt);
    r->st = st;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    x12i_xml_fail(x, st, rule, r->in_ic ? r->segno + 1 : 0, r->segid, r->segidlen,
                  r->out_total, element, "line %ld, column %ld: %s", line, col, msg);
    x->line = line > 0 ? (unsigned long)line : 0;
    x->column = col > 0 ? (unsigned long)col : 0;
    return st;
}

#if LIBXML_VERSION >= 21200
static void on_parser_error(void *ctx, const xmlError *e)
#else
static void on_parser_error(void *ctx, xmlErrorPtr e)
#endif
{
    rd *r = ctx;
    size_t n;

    if (r->perr || e == NULL || e->level < XML_ERR_ERROR)
        return;
    r->perr = 1;
    r->pline = e->line > 0 ? (unsigned long)e->line : 0;
    r->pcol = e->int2 > 0 ? (unsigned long)e->int2 : 0;
    /* libxml2's text, made safe to print: its first line only (a second
     * one quotes the bytes of bad UTF-8), printable ASCII, and any quoted
     * word longer than one character (an entity name, say) left out, so
     * that no data from the document is repeated. */
    {
        const char *m = e->message ? e->message : "malformed XML", *q;
        size_t k = 0, room = sizeof r->pmsg - 6; /* for "'...'" and the NUL */

        for (; *m != '\0' && *m != '\n' && k < room; m++) {
            if (*m == '\'' && (q = strchr(m + 1, '\'')) != NULL && q - m > 2 &&
                memchr(m + 1, '\n', (size_t)(q - m - 1)) == NULL) {
                memcpy(r->pmsg + k, "'...'", 5);
                k += 5;
                m = q;
                continue;
            }
            r->pmsg[k++] = (*m >= 0x20 && *m < 0x7F) ? *m : '?';
        }
        r->pmsg[k] = '\0';
    }
    n = strlen(r->pmsg);
    while (n > 0 && r->pmsg[n - 1] == ' ')
        r->pmsg[--n] = '\0';
}

/* ---- buffers and output ------------------------------------------------------ */

static int put(rd *r, buf *b, const char *p, size_t n)
{
    void *q = b->p;

    if (n == 0)
        return 0;
    if (b->len + n < b->len || x12i_grow(&r->x->a, &q, &b->cap, b->len + n, 1) != 0)
        return -1;
    b->p = q;
    memcpy(b->p + b->len, p, n);
    b->len += n;
    return 0;
}

static unsigned cur_element(const rd *r)
{
    return r->last_ele > 0xFFFF ? 0xFFFF : (unsigned)r->last_ele;
}

static x12_status nomem(rd *r)
{
    return fail(r, X12_ENOMEM, "out-of-memory", 0, "out of memory");
}

static x12_status flush_out(rd *r)
{
    if (r->out.len > 0 && r->wfn(r->wuser, r->out.p, r->out.len) != 0) {
        r->out.len = 0;
        return fail(r, X12_EIO, "output", 0, "writing the X12 output failed");
    }
    r->out.len = 0;
    return X12_OK;
}

/* Appends segment bytes, within the segment limit. */
static x12_status seg_put(rd *r, const char *p, size_t n)
{
    if (r->seg.len + n + r->trailer.len > r->x->max_segment)
        return fail(r, X12_ELIMIT, "max-segment", 0,
                    "segment is longer than %zu bytes (the configured limit)", r->x->max_segment);
    return put(r, &r->seg, p, n) == 0 ? X12_OK : nomem(r);
}

static x12_status seg_fill(rd *r, char c, size_t n)
{
    x12_status st = X12_OK;

    while (n-- > 0 && st == X12_OK)
        st = seg_put(r, &c, 1);
    return st;
}

/* ---- attribute values ------------------------------------------------------------ */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes a byte-string attribute (\\ and \xHH escapes) into b. */
static x12_status unescape_bytes(rd *r, const char *name, const char *s, buf *b)
{
    b->len = 0;
    while (*s) {
        char c = *s;
        if (c == '\\') {
            if (s[1] == '\\') {
                s += 2;
            } else if (s[1] == 'x' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0) {
                c = (char)(hexval(s[2]) * 16 + hexval(s[3]));
                s += 4;
            } else {
                return fail(r, X12_ESYNTAX, "xml-escape", 0,
                            "attribute %s: a backslash must start \\\\ or \\xHH", name);
            }
        } else {
            s++;
        }
        if (put(r, b, &c, 1) != 0)
            return nomem(r);
    }
    return X12_OK;
}

/* Decodes a hex attribute into b (appended). */
static x12_status unhex(rd *r, const char *s, buf *b)
{
    size_t n = strlen(s), i;

    if (b->len + n / 2 > r->x->max_segment)
        return fail(r, X12_ELIMIT, "max-segment", cur_element(r),
                    "segment is longer than %zu bytes (the configured limit)", r->x->max_segment);
    if (n % 2 != 0)
        return fail(r, X12_ESYNTAX, "xml-hex", cur_element(r),
                    "hex value has an odd number of digits");
    for (i = 0; i < n; i += 2) {
        int h = hexval(s[i]), l = hexval(s[i + 1]);
        char c;
        if (h < 0 || l < 0)
            return fail(r, X12_ESYNTAX, "xml-hex", cur_element(r),
                        "hex value has a character that is not a hex digit");
        c = (char)(h * 16 + l);
        if (put(r, b, &c, 1) != 0)
            return nomem(r);
    }
    return X12_OK;
}

/* Parses a position attribute: 1 to 99999 (leading zeros allowed). */
static int parse_pos(const char *s, size_t *out)
{
    size_t v = 0;

    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 9999)
            return -1;
        v = v * 10 + (size_t)(*s - '0');
    }
    if (v == 0)
        return -1;
    *out = v;
    return 0;
}

/* ---- values ------------------------------------------------------------------------ */

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int all_ws(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_ws(p[i]))
            return 0;
    return 1;
}

/* Appends value bytes after checking them for delimiters: the element
 * separator always, the terminator outside the ISA (whose fields the reader
 * finds by counting separators, so they may hold it), the component and
 * repetition separators unless `whole` (a segment id or an ISA element:
 * never split). */
static x12_status value_put_as(rd *r, const char *p, size_t n, int whole)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char c = p[i];
        const char *what = NULL;
        if (c == r->esep)
            what = "element separator";
        else if (c == r->term && !r->is_isa)
            what = "segment terminator"; /* the reader counts ISA separators */
        else if (!whole && c == r->csep)
            what = "component separator";
        else if (!whole && r->rsep != 0 && c == r->rsep)
            what = "repetition separator";
        if (what != NULL)
            return fail(r, X12_EDELIM, "delimiter-in-data", cur_element(r),
                        "a value holds the interchange's %s (byte 0x%02X)", what,
                        (unsigned char)c);
    }
    return seg_put(r, p, n);
}

static x12_status value_put(rd *r, const char *p, size_t n)
{
    return value_put_as(r, p, n, r->is_isa);
}

/* ---- elements -------------------------------------------------------------------- */

typedef struct attrs {
    const char *name[6];
    char *val[6];
    size_t n;
} attrs;

static void attrs_free(rd *r, attrs *a)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        x12i_free(&r->x->a, a->val[i]);
    a->n = 0;
}

static const char *attr(const attrs *a, const char *name)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        if (strcmp(a->name[i], name) == 0)
            return a->val[i];
    return NULL;
}

/* Copies the attributes of a start tag (SAX2: localname, prefix, URI,
 * value, end for each), refusing any not in `allowed` (NULL-terminated). */
static x12_status read_attrs(rd *r, enum kind k, const char *const *allowed, int nattr,
                             const xmlChar **atts, attrs *a)
{
    int j;

    a->n = 0;
    for (j = 0; j < nattr; j++) {
        const char *name = (const char *)atts[5 * j];
        const char *ns = (const char *)atts[5 * j + 2];
        const char *v = (const char *)atts[5 * j + 3], *e = (const char *)atts[5 * j + 4];
        size_t i, n = (size_t)(e - v);

        for (i = 0; allowed[i] != NULL; i++)
            if (ns == NULL && strcmp(allowed[i], name) == 0)
                break;
        if (allowed[i] == NULL || a->n == sizeof a->val / sizeof a->val[0])
            return fail(r, X12_ESYNTAX, "xml-attribute", cur_element(r),
                        "<%s> has no attribute '%.40s'", kind_name[k], name);
        a->name[a->n] = allowed[i];
        a->val[a->n] = x12i_malloc(&r->x->a, n + 1);
        if (a->val[a->n] == NULL)
            return nomem(r);
        memcpy(a->val[a->n], v, n);
        a->val[a->n][n] = '\0';
        a->n++;
    }
    return X12_OK;
}

/* As the reader: any byte but a letter, digit or space (NUL included). */
static int delim_ok(char c)
{
    return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
             c == ' ');
}

static x12_status one_byte(rd *r, const char *name, const char *v, char *out, int required)
{
    buf b = {NULL, 0, 0};
    x12_status st;

    if (v == NULL) {
        *out = 0;
        if (!required)
            return X12_OK;
        return fail(r, X12_ESYNTAX, "xml-attribute", 0, "<interchange> needs attribute '%s'",
                    name);
    }
    st = unescape_bytes(r, name, v, &b);
    if (st == X12_OK && (b.len != 1 || !delim_ok(b.p[0])))
        st = fail(r, X12_EDELIM, "delimiters", 0,
                  "<interchange> %s must be one byte, not a letter, digit or space", name);
    if (st == X12_OK)
        *out = b.p[0];
    x12i_free(&r->x->a, b.p);
    return st;
}

static x12_status start_interchange(rd *r, const attrs *a)
{
    x12_status st;
    const char *t = attr(a, "trailer");

    if ((st = one_byte(r, "element", attr(a, "element"), &r->esep, 1)) != X12_OK ||
        (st = one_byte(r, "component", attr(a, "component"), &r->csep, 1)) != X12_OK ||
        (st = one_byte(r, "repetition", attr(a, "repetition"), &r->rsep, 0)) != X12_OK ||
        (st = one_byte(r, "segment", attr(a, "segment"), &r->term, 1)) != X12_OK)
        return st;
    if (r->esep == '\r' || r->esep == '\n' || r->esep == '\t' || r->csep == r->esep ||
        r->term == r->esep || r->term == r->csep ||
        (r->rsep != 0 && (r->rsep == r->esep || r->rsep == r->csep || r->rsep == r->term ||
                          is_ws(r->rsep))))
        return fail(r, X12_EDELIM, "delimiters", 0,
                    "<interchange> delimiters must differ from each other");
    if (t != NULL) {
        if ((st = unescape_bytes(r, "trailer", t, &r->dtrailer)) != X12_OK)
            return st;
    } else {
        r->dtrailer.len = 0;
        if (put(r, &r->dtrailer, &r->term, 1) != 0)
            return nomem(r);
    }
    r->in_ic = 1;
    r->segno = 0;
    return X12_OK;
}

static x12_status start_seg(rd *r, const attrs *a)
{
    const char *id = attr(a, "id"), *hex = attr(a, "hex"), *lead = attr(a, "leading");
    const char *t = attr(a, "trailer");
    x12_status st;
    size_t i;

    r->seg.len = 0;
    r->trailer.len = 0;
    r->last_ele = 0;
    r->seg_hex = hex != NULL;
    r->segidlen = 0;
    r->segid[0] = '\0';
    if (r->prev_unterminated) {
        st = fail(r, X12_ESYNTAX, "unterminated", 0,
                  "the segment before has an empty trailer but is not the last");
        r->x->err.segno = r->prev_segno; /* the error is about that one */
        return st;
    }
    if ((id == NULL) == (hex == NULL))
        return fail(r, X12_ESYNTAX, "xml-attribute", 0,
                    "<seg> needs exactly one of the attributes 'id' and 'hex'");
    if (id != NULL) {
        r->segidlen = strlen(id) < 4 ? strlen(id) : 4;
        memcpy(r->segid, id, r->segidlen);
        r->segid[r->segidlen] = '\0';
    }
    r->is_isa = id != NULL && strcmp(id, "ISA") == 0;
    if (r->is_isa != (r->segno == 0))
        return fail(r, X12_ESYNTAX, "isa", 0,
                    r->is_isa ? "an interchange has one ISA, its first segment"
                              : "an interchange must start with its ISA");
    if (t != NULL) {
        if ((st = unescape_bytes(r, "trailer", t, &r->trailer)) != X12_OK)
            return st;
    } else if (put(r, &r->trailer, r->dtrailer.p, r->dtrailer.len) != 0) {
        return nomem(r);
    }
    /* The trailer: the terminator (CR LF when it is LF), then white space
     * that is no delimiter; or nothing at the very end of the input. */
    if (r->trailer.len > 0) {
        const char *p = r->trailer.p;
        size_t n = r->trailer.len, k = 0;
        if (p[0] == r->term)
            k = 1;
        else if (r->term == '\n' && n >= 2 && p[0] == '\r' && p[1] == '\n')
            k = 2;
        else
            return fail(r, X12_ESYNTAX, "trailer", 0,
                        "the trailer must start with the segment terminator");
        for (; k < n; k++)
            if (!is_ws(p[k]) || p[k] == r->esep || p[k] == r->csep || p[k] == r->rsep)
                return fail(r, X12_ESYNTAX, "trailer", 0,
                            "after the terminator a trailer holds only line breaks, spaces "
                            "and tabs");
    }
    if (lead != NULL) {
        buf b = {NULL, 0, 0};
        st = unescape_bytes(r, "leading", lead, &b);
        if (st == X12_OK && !r->is_isa)
            st = fail(r, X12_ESYNTAX, "leading", 0, "only an ISA has leading bytes");
        for (i = 0; st == X12_OK && i < b.len; i++)
            if (!is_ws(b.p[i]) && !(i < 3 && r->out_total == 0 && b.len >= 3 &&
                                    memcmp(b.p, "\xEF\xBB\xBF", 3) == 0))
                st = fail(r, X12_ESYNTAX, "leading", 0,
                          "leading bytes are white space, after a byte-order mark at the "
                          "start of the input");
        if (st == X12_OK)
            st = seg_put(r, b.p, b.len);
        x12i_free(&r->x->a, b.p);
        if (st != X12_OK)
            return st;
    }
    r->lead_len = r->seg.len;
    if (hex != NULL) {
        buf b = {NULL, 0, 0};
        st = unhex(r, hex, &b);
        for (i = 0; st == X12_OK && i < b.len; i++)
            if (b.p[i] == r->term)
                st = fail(r, X12_EDELIM, "delimiter-in-data", 0,
                          "a segment holds the segment terminator");
        if (st == X12_OK)
            st = seg_put(r, b.p, b.len);
        x12i_free(&r->x->a, b.p);
        return st;
    }
    r->isa_start[0] = r->seg.len;
    return value_put_as(r, id, strlen(id), 1);
}

static x12_status end_seg(rd *r)
{
    if (r->is_isa) {
        const char *b = r->seg.p;
        size_t n16;
        if (r->last_ele != 16)
            return fail(r, X12_ESYNTAX, "isa-elements", 0, "the ISA must have 16 elements");
        n16 = r->seg.len - r->isa_start[16];
        if (n16 != 1 || b[r->isa_start[16]] != r->csep)
            return fail(r, X12_EDELIM, "isa16-component", 16,
                        "ISA16 must be the interchange's component separator");
        if (r->rsep != 0 && (r->isa_start[12] - r->isa_start[11] != 2 ||
                             b[r->isa_start[11]] != r->rsep))
            return fail(r, X12_EDELIM, "isa11-repetition", 11,
                        "ISA11 must be the interchange's repetition separator");
    }
    /* seg_put has counted the trailer all along */
    if (put(r, &r->seg, r->trailer.p, r->trailer.len) != 0)
        return nomem(r);
    r->segno++;
    r->prev_segno = r->segno;
    r->x->segments++;
    r->prev_unterminated = r->trailer.len == 0;
    if (put(r, &r->out, r->seg.p, r->seg.len) != 0)
        return nomem(r);
    r->out_total += r->seg.len;
    r->seg.len = 0;
    r->segidlen = 0;
    r->segid[0] = '\0';
    return r->out.len >= 65536 ? flush_out(r) : X12_OK;
}

/* The parent each element may have. */
static int parent_ok(enum kind k, enum kind parent)
{
    switch (k) {
    case K_ROOT: return parent == K_NONE;
    case K_INTERCHANGE: return parent == K_ROOT;
    case K_GROUP: return parent == K_INTERCHANGE;
    case K_TRANSACTION: return parent == K_INTERCHANGE || parent == K_GROUP;
    case K_LOOP: return parent == K_TRANSACTION || parent == K_LOOP;
    case K_SEG:
        return parent == K_INTERCHANGE || parent == K_GROUP || parent == K_TRANSACTION ||
               parent == K_LOOP;
    case K_ELE: return parent == K_SEG;
    case K_REP: return parent == K_ELE;
    case K_CMP: return parent == K_ELE || parent == K_REP;
    default: return 0;
    }
}

/* Text collected for an ele or rep that turns out to have children must be
 * white space (indentation). */
static x12_status children_start(rd *r)
{
    if (r->has_value || !all_ws(r->pend.p, r->pend.len))
        return fail(r, X12_ESYNTAX, "xml-mixed", cur_element(r),
                    "a value and child elements in the same element");
    r->pend.len = 0;
    r->has_children = 1;
    return X12_OK;
}

static x12_status on_start(rd *r, const char *name, const char *ns, int nattr,
                           const xmlChar **atts)
{
    static const char *const a_none[] = {NULL};
    static const char *const a_ic[] = {"element", "component", "repetition", "segment",
                                       "trailer", NULL};
    static const char *const a_tr[] = {"guide", NULL};
    static const char *const a_loop[] = {"id", NULL};
    static const char *const a_seg[] = {"id", "hex", "trailer", "leading", NULL};
    static const char *const a_ele[] = {"n", "hex", NULL};
    static const char *const a_rep[] = {"hex", NULL};
    const char *const *allowed[] = {a_none, a_none, a_ic, a_none, a_tr, a_loop, a_seg,
                                    a_ele, a_rep, a_ele};
    enum kind parent = r->depth ? (enum kind)r->stack[r->depth - 1] : K_NONE, k;
    attrs a = {{NULL}, {NULL}, 0};
    x12_status st = X12_OK;
    const char *hex;
    void *p;

    for (k = K_ROOT; k <= K_CMP; k++)
        if (name != NULL && strcmp(name, kind_name[k]) == 0)
            break;
    if (k > K_CMP || ns == NULL || strcmp(ns, X12_XML_NAMESPACE) != 0)
        return fail(r, X12_ESYNTAX, "xml-element", cur_element(r),
                    "unknown element <%.40s>%s", name ? name : "?",
                    (k <= K_CMP) ? " (not in namespace " X12_XML_NAMESPACE ")" : "");
    if (!parent_ok(k, parent) || (k == K_ROOT && r->saw_root) ||
        (parent == K_SEG && r->seg_hex))
        return fail(r, X12_ESYNTAX, "xml-element", cur_element(r), "<%s> cannot be inside %s%s%s",
                    kind_name[k], parent ? "<" : "the document", kind_name[parent],
                    parent ? ">" : "");
    p = r->stack;
    if (x12i_grow(&r->x->a, &p, &r->capstack, r->depth + 1, 1) != 0)
        return nomem(r);
    r->stack = p;
    r->stack[r->depth++] = (unsigned char)k;
    if (k == K_SEG) {
        r->last_ele = 0;
        r->segidlen = 0;
        r->segid[0] = '\0';
    }
    if ((st = read_attrs(r, k, allowed[k], nattr, atts, &a)) != X12_OK)
        goto out;
    hex = attr(&a, "hex");
    switch (k) {
    case K_ROOT:
        r->saw_root = 1;
        break;
    case K_INTERCHANGE:
        st = start_interchange(r, &a);
        break;
    case K_SEG:
        st = start_seg(r, &a);
        break;
    case K_ELE: {
        size_t n;
        if (attr(&a, "n") == NULL || parse_pos(attr(&a, "n"), &n) != 0) {
            st = fail(r, X12_ESYNTAX, "xml-position", cur_element(r),
                      "<ele> needs n, an element position from 1 to 99999");
            break;
        }
        if (n <= r->last_ele) {
            st = fail(r, X12_ESYNTAX, "xml-order", cur_element(r),
                      "element %zu comes after element %zu: positions must increase", n,
                      r->last_ele);
            break;
        }
        if (r->is_isa && n > 16) {
            st = fail(r, X12_ESYNTAX, "isa-elements", cur_element(r), "the ISA has 16 elements");
            break;
        }
        for (; r->last_ele < n && st == X12_OK; r->last_ele++) {
            st = seg_put(r, &r->esep, 1);
            if (r->is_isa)
                r->isa_start[r->last_ele + 1] = r->seg.len;
        }
        r->last_ele = n;
        r->reps = 0;
        r->last_cmp = 0;
        r->has_value = 0;
        r->has_children = 0;
        r->pend.len = 0;
        if (st == X12_OK && hex != NULL) {
            r->pend.len = 0;
            st = unhex(r, hex, &r->pend);
            r->has_value = 1;
        }
        break;
    }
    case K_REP:
        if (r->is_isa) {
            st = fail(r, X12_ESYNTAX, "xml-element", cur_element(r),
                      "ISA elements have no repetitions or components");
            break;
        }
        if ((st = children_start(r)) != X12_OK)
            break;
        if (r->reps > 0) {
            if (r->rsep == 0) {
                st = fail(r, X12_ESYNTAX, "repetition", cur_element(r),
                          "repetitions in an interchange without a repetition separator");
                break;
            }
            st = seg_put(r, &r->rsep, 1);
        }
        r->reps++;
        r->last_cmp = 0;
        r->has_value = 0;
        r->has_children = 0;
        if (st == X12_OK && hex != NULL) {
            st = unhex(r, hex, &r->pend);
            r->has_value = 1;
        }
        break;
    case K_CMP: {
        size_t n;
        if (r->is_isa) {
            st = fail(r, X12_ESYNTAX, "xml-element", cur_element(r),
                      "ISA elements have no repetitions or components");
            break;
        }
        if (parent == K_ELE && r->reps > 0) {
            st = fail(r, X12_ESYNTAX, "xml-mixed", cur_element(r),
                      "<cmp> next to <rep>: put the components inside a <rep>");
            break;
        }
        if (!r->has_children && (st = children_start(r)) != X12_OK)
            break;
        if (attr(&a, "n") == NULL || parse_pos(attr(&a, "n"), &n) != 0) {
            st = fail(r, X12_ESYNTAX, "xml-position", cur_element(r),
                      "<cmp> needs n, a component position from 1 to 99999");
            break;
        }
        if (n <= r->last_cmp) {
            st = fail(r, X12_ESYNTAX, "xml-order", cur_element(r),
                      "component %zu comes after component %zu: positions must increase", n,
                      r->last_cmp);
            break;
        }
        st = seg_fill(r, r->csep, n - (r->last_cmp ? r->last_cmp : 1));
        r->last_cmp = n;
        r->pend.len = 0;
        r->has_value = 0;
        if (st == X12_OK && hex != NULL) {
            st = unhex(r, hex, &r->pend);
            r->has_value = 1;
        }
        break;
    }
    default:
        break;
    }
out:
    attrs_free(r, &a);
    return st;
}

static x12_status on_end(rd *r)
{
    enum kind k = r->depth ? (enum kind)r->stack[r->depth - 1] : K_NONE;
    x12_status st = X12_OK;

    switch (k) {
    case K_INTERCHANGE:
        r->in_ic = 0;
        break;
    case K_SEG:
        st = end_seg(r);
        break;
    case K_CMP:
        st = value_put(r, r->pend.p, r->pend.len);
        r->pend.len = 0;
        r->has_value = 1; /* text after a <cmp> is not a value */
        break;
    case K_ELE:
    case K_REP:
        if (!r->has_children)
            st = value_put(r, r->pend.p, r->pend.len);
        r->pend.len = 0;
        if (k == K_REP) {
            /* back in the element: it has repetitions as children */
            r->has_children = 1;
            r->has_value = 0;
        }
        break;
    default:
        break;
    }
    if (r->depth > 0)
        r->depth--;
    return st;
}

static x12_status on_text(rd *r, const char *s, size_t n)
{
    enum kind k = r->depth ? (enum kind)r->stack[r->depth - 1] : K_NONE;

    if (k == K_CMP || ((k == K_ELE || k == K_REP) && !r->has_children)) {
        if (r->has_value && !all_ws(s, n))
            return fail(r, X12_ESYNTAX, "xml-mixed", cur_element(r),
                        "an element with a hex attribute has no text");
        if (r->has_value)
            return X12_OK;
        /* A value is held until its element ends: bound it by the segment
         * limit too. */
        if (r->pend.len + n > r->x->max_segment)
            return fail(r, X12_ELIMIT, "max-segment", cur_element(r),
                        "segment is longer than %zu bytes (the configured limit)",
                        r->x->max_segment);
        return put(r, &r->pend, s, n) == 0 ? X12_OK : nomem(r);
    }
    if (!all_ws(s, n))
        return fail(r, X12_ESYNTAX, "xml-text", cur_element(r), "text where no value belongs");
    return X12_OK;
}

/* ---- the driver ------------------------------------------------------------------- */

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri, int nns, const xmlChar **nss, int nattr, int ndefaulted,
                      const xmlChar **atts)
{
    rd *r = ctx;

    (void)prefix;
    (void)nns;
    (void)nss;
    (void)ndefaulted;
    if (r->st == X12_OK)
        on_start(r, (const char *)localname, (const char *)uri, nattr, atts);
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *uri)
{
    rd *r = ctx;

    (void)localname;
    (void)prefix;
    (void)uri;
    if (r->st == X12_OK)
        on_end(r);
}

static void sax_text(void *ctx, const xmlChar *ch, int len)
{
    rd *r = ctx;

    if (r->st == X12_OK && len > 0)
        on_text(r, (const char *)ch, (size_t)len);
}

static void sax_dtd(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
    rd *r = ctx;

    (void)name;
    (void)eid;
    (void)sid;
    if (r->st == X12_OK)
        fail(r, X12_ESYNTAX, "xml-dtd", 0, "a DTD is not allowed");
}

static void sax_reference(void *ctx, const xmlChar *name)
{
    rd *r = ctx;

    (void)name;
    if (r->st == X12_OK)
        fail(r, X12_ESYNTAX, "xml-entity", 0, "entity references are not allowed");
}

static void rd_free(rd *r)
{
    const x12i_alloc *a = &r->x->a;

    x12i_free(a, r->stack);
    x12i_free(a, r->dtrailer.p);
    x12i_free(a, r->seg.p);
    x12i_free(a, r->pend.p);
    x12i_free(a, r->trailer.p);
    x12i_free(a, r->out.p);
}

static x12_status read_run(x12_xml *x, x12_read_fn rfn, void *ruser, x12_write_fn wfn,
                           void *wuser);

x12_status x12_xml_read(x12_xml *x, x12_read_fn rfn, void *ruser, x12_write_fn wfn, void *wuser)
{
    x12i_xml_quiet q;
    x12_status st;

    if (x == NULL || rfn == NULL || wfn == NULL)
        return X12_EINVAL;
    if (x->busy)
        return X12_ESTATE;
    x12i_xml_quiet_begin(&q);
    st = read_run(x, rfn, ruser, wfn, wuser);
    x12i_xml_quiet_end(&q);
    return st;
}

static x12_status read_run(x12_xml *x, x12_read_fn rfn, void *ruser, x12_write_fn wfn,
                           void *wuser)
{
    xmlSAXHandler sax;
    rd r;
    x12_status st = X12_OK;
    char chunk[16384];
    int rc;

    x->has_err = 0;
    x->segments = 0;
    memset(&r, 0, sizeof r);
    r.x = x;
    r.wfn = wfn;
    r.wuser = wuser;
    r.st = X12_OK;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    sax.ignorableWhitespace = sax_text;
    sax.cdataBlock = sax_text;
    sax.internalSubset = sax_dtd;
    sax.externalSubset = sax_dtd;
    sax.reference = sax_reference;
    sax.serror = on_parser_error;
    r.ctxt = xmlCreatePushParserCtxt(&sax, &r, NULL, 0, NULL);
    if (r.ctxt == NULL) {
        x12i_xml_fail(x, X12_ENOMEM, "out-of-memory", 0, NULL, 0, 0, 0,
                      "out of memory starting the XML parser");
        return X12_ENOMEM;
    }
    /* NOENT: without it libxml2 hands attribute values over with '&' as
     * "&#38;".  Entities other than the predefined ones cannot exist: a
     * DTD stops the parse at its first callback (sax_dtd), and nothing
     * external is ever loaded (no DTDLOAD, NONET). */
    xmlCtxtUseOptions(r.ctxt, XML_PARSE_NOENT | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
    for (;;) {
        size_t got = 0;
        if (rfn(ruser, chunk, sizeof chunk, &got) != 0 || got > sizeof chunk) {
            st = fail(&r, X12_EIO, "input", 0, "reading the XML failed");
            break;
        }
        rc = xmlParseChunk(r.ctxt, chunk, (int)got, got == 0);
        if (r.st != X12_OK) {
            st = r.st;
            break;
        }
        if (!r.perr && (rc != 0 || !r.ctxt->wellFormed)) {
            /* An error that did not come through the parser's error
             * callback: bytes that do not match the declared encoding. */
            st = fail(&r, X12_ESYNTAX, "xml", 0,
                      "the XML is not well-formed or not in its declared encoding "
                      "(libxml2 error %d)", rc ? rc : r.ctxt->errNo);
            break;
        }
        if (r.perr) {
            st = fail(&r, X12_ESYNTAX, "xml", 0, "the XML is not well-formed: %s", r.pmsg);
            if (r.pline > 0) {
                /* the parser's own position is the precise one */
                snprintf(x->err.message, sizeof x->err.message,
                         "line %lu, column %lu: the XML is not well-formed: %s", r.pline,
                         r.pcol, r.pmsg);
                x->line = r.pline;
                x->column = r.pcol;
            }
            break;
        }
        if (got == 0)
            break;
    }
    if (st == X12_OK && !r.saw_root)
        st = fail(&r, X12_ESYNTAX, "xml", 0, "the XML is not well-formed: the document is empty");
    if (st == X12_OK)
        st = flush_out(&r);
    if (r.ctxt->myDoc != NULL)
        xmlFreeDoc(r.ctxt->myDoc);
    xmlFreeParserCtxt(r.ctxt);
    rd_free(&r);
    return st;
}

/* ---- convenience inputs ------------------------------------------------------- */

typedef struct memsrc {
    const char *p;
    size_t len, pos;
} memsrc;

static int mem_read(void *user, char *b, size_t cap, size_t *got)
{
    memsrc *m = user;
    size_t n = m->len - m->pos;

    if (n > cap)
        n = cap;
    memcpy(b, m->p + m->pos, n);
    m->pos += n;
    *got = n;
    return 0;
}

static int file_write(void *user, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

x12_status x12_xml_read_buffer(x12_xml *x, const void *data, size_t len, x12_write_fn fn,
                               void *user)
{
    memsrc m;

    if (data == NULL && len > 0)
        return X12_EINVAL;
    m.p = data ? data : "";
    m.len = len;
    m.pos = 0;
    return x12_xml_read(x, mem_read, &m, fn, user);
}

static int src_read(void *user, char *b, size_t cap, size_t *got)
{
    x12i_source *s = user;
    const char *msg = NULL;
    x12_status st = x12i_source_read(s, b, cap, got, &msg);

    if (st == X12_END) {
        *got = 0;
        return 0;
    }
    return st == X12_OK ? 0 : -1;
}

static x12_status read_source(x12_xml *x, x12i_source *s, FILE *out)
{
    x12_status st = x12_xml_read(x, src_read, s, file_write, out);

    if (st == X12_EIO && x->has_err && strcmp(x->err.rule, "input") == 0 && s->gz)
        x->err.status = X12_EGZIP;
    if (x->has_err && x->err.status == X12_EGZIP) {
        snprintf(x->err.message, sizeof x->err.message,
                 "the gzip stream is corrupt or truncated");
        st = X12_EGZIP;
    }
    x12i_source_close(s);
    return st;
}

x12_status x12_xml_read_file(x12_xml *x, FILE *in, FILE *out)
{
    x12i_source s;

    if (x == NULL || in == NULL || out == NULL)
        return X12_EINVAL;
    x12i_source_init(&s, &x->a, 65536);
    s.kind = X12I_SRC_FILE;
    s.fp = in;
    return read_source(x, &s, out);
}

x12_status x12_xml_read_path(x12_xml *x, const char *path, FILE *out)
{
    x12i_source s;
    FILE *in;
    x12_status st;
    int err;

    if (x == NULL || path == NULL || out == NULL)
        return X12_EINVAL;
    in = fopen(path, "rb");
    if (in == NULL) {
        err = errno;
        x12i_xml_fail(x, X12_EIO, "input", 0, NULL, 0, 0, 0, "cannot open the XML file: %s",
                      strerror(err));
        errno = err;
        return X12_EIO;
    }
    x12i_source_init(&s, &x->a, 65536);
    s.kind = X12I_SRC_FILE;
    s.fp = in;
    st = read_source(x, &s, out);
    fclose(in);
    return st;
}
