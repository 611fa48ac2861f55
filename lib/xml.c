/*
 * libx12 - X12 -> XML (the converter handle, options, errors, and the
 * writing direction).  The format is specs/x12xml.xsd; lib/xml_read.c reads
 * it back.
 *
 * Byte identity is the rule every choice here follows: an element value is
 * written as XML text when XML can carry its bytes unchanged (UTF-8 made of
 * XML characters; CR, LF and TAB as character references so that no parser
 * normalises them), else as hex in a `hex` attribute; the few byte strings
 * that live in attributes (delimiters, a segment's terminator and line
 * breaks, bytes before an ISA) use backslash escapes (\\ and \xHH) for
 * anything but printable ASCII.  Empty elements and components are left
 * out except the last one of their segment or element, which fixes the
 * count; repetitions are all written.  The ISA's elements are never split:
 * ISA11 and ISA16 are the separators themselves.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/xmlerror.h>

#include "xml_internal.h"

/* ---- handle, options, errors --------------------------------------------- */

x12_status x12_xml_new(const x12_allocator *alloc, x12_xml **out)
{
    x12i_alloc a;
    x12_xml *x;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    x12i_xml_init(); /* every conversion of this handle uses libxml2 */
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    x = x12i_malloc(&a, sizeof *x);
    if (x == NULL)
        return X12_ENOMEM;
    memset(x, 0, sizeof *x);
    x->a = a;
    x->loops = 1;
    x->indent = 1;
    x->max_segment = 65536;
    *out = x;
    return X12_OK;
}

static void out_flush(x12_xml *x);

static void write_reset(x12_xml *x)
{
    /* What was written so far still reaches the callback: a document that
     * stops on an error is left unfinished, not cut short. */
    if (x->busy)
        out_flush(x);
    x->olen = 0;
    x->ntags = 0;
    x12_validator_free(x->v);
    x->v = NULL;
    x->busy = 0;
    x->nopen = 0;
    x->in_interchange = x->in_group = x->in_transaction = 0;
}

void x12_xml_free(x12_xml *x)
{
    if (x == NULL)
        return;
    write_reset(x);
    x12i_free(&x->a, x->open);
    x12i_free(&x->a, x->esc);
    x12i_free(&x->a, x->out);
    x12i_free(&x->a, x->tags);
    x12i_free(&x->a, x);
}

x12_status x12_xml_set_option(x12_xml *x, x12_xml_option opt, uint64_t value)
{
    if (x == NULL)
        return X12_EINVAL;
    if (x->busy)
        return X12_ESTATE;
    switch (opt) {
    case X12_XOPT_LOOPS:
        if (value > 1)
            return X12_EINVAL;
        x->loops = (int)value;
        return X12_OK;
    case X12_XOPT_INDENT:
        if (value > 1)
            return X12_EINVAL;
        x->indent = (int)value;
        return X12_OK;
    case X12_XOPT_MAX_SEGMENT_BYTES:
        if (value < 16 || value > SIZE_MAX / 4)
            return X12_EINVAL;
        x->max_segment = (size_t)value;
        return X12_OK;
    }
    return X12_EINVAL;
}

void x12i_xml_fail(x12_xml *x, x12_status st, const char *rule, uint64_t segno,
                   const char *segid, size_t segid_len, uint64_t offset, unsigned element,
                   const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(&x->err, st, X12_SEV_ERROR, rule, segno, segid, segid_len, offset, element,
                    fmt, ap);
    va_end(ap);
    x->has_err = 1;
    x->line = x->column = 0;
}

const x12_error *x12_xml_last_error(const x12_xml *x)
{
    return (x != NULL && x->has_err) ? &x->err : NULL;
}

unsigned long x12_xml_error_line(const x12_xml *x)
{
    return (x != NULL && x->has_err) ? x->line : 0;
}

unsigned long x12_xml_error_column(const x12_xml *x)
{
    return (x != NULL && x->has_err) ? x->column : 0;
}

uint64_t x12_xml_segment_count(const x12_xml *x)
{
    return x != NULL ? x->segments : 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void silent(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

void x12i_xml_quiet_begin(x12i_xml_quiet *q)
{
    q->fn = xmlGenericError;
    q->ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
}

void x12i_xml_quiet_end(const x12i_xml_quiet *q)
{
    xmlSetGenericErrorFunc(q->ctx, q->fn);
}

/* ---- what XML can carry ----------------------------------------------------- */

int x12i_xml_chars_ok(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        uint32_t cp;
        size_t k, len;

        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return 0;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        /* overlong forms, surrogates, beyond U+10FFFF, U+FFFE and U+FFFF */
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        i += len;
    }
    return 1;
}

/* ---- output ----------------------------------------------------------------- */

/* The output buffer's size: the callback is called with this much at a
 * time (less at the end, and when a push conversion waits for input). */
#define OUT_CHUNK 65536u

/* Hands the gathered output to the callback.  A failure is kept, and the
 * conversion stops at the next segment. */
static void out_flush(x12_xml *x)
{
    if (x->olen > 0 && x->io_status == X12_OK && x->fn(x->user, x->out, x->olen) != 0)
        x->io_status = X12_EIO;
    x->olen = 0;
}

static void put_slow(x12_xml *x, const char *p, size_t n)
{
    out_flush(x);
    if (n > x->ocap) {
        /* A long value goes straight through. */
        if (x->io_status == X12_OK && x->fn(x->user, p, n) != 0)
            x->io_status = X12_EIO;
        return;
    }
    memcpy(x->out, p, n);
    x->olen = n;
}

/* Inline: most pieces are a few bytes, often of a known length. */
static inline void put(x12_xml *x, const char *p, size_t n)
{
    if (n > x->ocap - x->olen) {
        put_slow(x, p, n);
        return;
    }
    memcpy(x->out + x->olen, p, n);
    x->olen += n;
}

#define PUT_LIT(x, s) put((x), (s), sizeof(s) - 1)

static void put_str(x12_xml *x, const char *s)
{
    put(x, s, strlen(s));
}

/* Two spaces per level, as libxml2's writer indents. */
static void put_indent(x12_xml *x, size_t depth)
{
    static const char spaces[64] = "                                "
                                   "                                ";

    while (depth > 32) {
        put(x, spaces, 64);
        depth -= 32;
    }
    put(x, spaces, 2 * depth);
}

/* Makes room for n more bytes in the escaping buffer. */
static int esc_room(x12_xml *x, size_t n)
{
    void *p = x->esc;

    if (x12i_grow(&x->a, &p, &x->capesc, n, 1) != 0)
        return -1;
    x->esc = p;
    return 0;
}

/* Escapes text for element content or an attribute value. */
static size_t esc_text(char *o, const char *p, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        switch (p[i]) {
        case '&': memcpy(o + k, "&amp;", 5); k += 5; break;
        case '<': memcpy(o + k, "&lt;", 4); k += 4; break;
        case '>': memcpy(o + k, "&gt;", 4); k += 4; break;
        case '"': memcpy(o + k, "&quot;", 6); k += 6; break;
        case '\t': memcpy(o + k, "&#9;", 4); k += 4; break;
        case '\n': memcpy(o + k, "&#10;", 5); k += 5; break;
        case '\r': memcpy(o + k, "&#13;", 5); k += 5; break;
        default: o[k++] = p[i];
        }
    }
    return k;
}

static const char hexdig[] = "0123456789ABCDEF";

/* Escapes a byte string for an attribute: printable ASCII as itself
 * (XML-escaped), backslash as \\, anything else as \xHH. */
static size_t esc_bytes(char *o, const char *p, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\\') {
            o[k++] = '\\';
            o[k++] = '\\';
        } else if (c >= 0x20 && c < 0x7F) {
            k += esc_text(o + k, p + i, 1);
        } else if (c == '\n' || c == '\r' || c == '\t') {
            k += esc_text(o + k, p + i, 1);
        } else {
            o[k++] = '\\';
            o[k++] = 'x';
            o[k++] = hexdig[c >> 4];
            o[k++] = hexdig[c & 15];
        }
    }
    return k;
}

/* Status after a writing step returned rc (negative: it failed). */
static x12_status write_status(x12_xml *x, int rc)
{
    if (rc >= 0)
        return X12_OK;
    if (x->io_status != X12_OK) {
        x12i_xml_fail(x, X12_EIO, "output", 0, NULL, 0, 0, 0, "writing the XML failed");
        return X12_EIO;
    }
    x12i_xml_fail(x, X12_ENOMEM, "out-of-memory", 0, NULL, 0, 0, 0,
                  "out of memory writing the XML");
    return X12_ENOMEM;
}

/*
 * The element writer.  The layout is the one libxml2's xmlTextWriter gave
 * with indentation "  " (the format's first writer; documents written
 * before and after are the same bytes): a start tag is closed by '>' and a
 * line break when a child element follows, by '>' alone when text
 * follows; an element with neither is "<name .../>"; every end tag is
 * followed by a line break, and indented only when the element held child
 * elements.  Without indentation there are no breaks or spaces at all.
 */
static x12_status start(x12_xml *x, const char *name)
{
    void *p = x->tags;

    if (x->ntags > 0 && x->tags[x->ntags - 1].start_open) {
        PUT_LIT(x, ">");
        if (x->indent)
            PUT_LIT(x, "\n");
        x->tags[x->ntags - 1].start_open = 0;
    }
    if (x12i_grow(&x->a, &p, &x->captags, x->ntags + 1, sizeof *x->tags) != 0)
        return write_status(x, -1);
    x->tags = p;
    x->tags[x->ntags].name = name;
    x->tags[x->ntags].start_open = 1;
    if (x->indent)
        put_indent(x, x->ntags);
    x->ntags++;
    PUT_LIT(x, "<");
    put_str(x, name);
    return X12_OK;
}

static x12_status end(x12_xml *x)
{
    x12i_xtag *t = &x->tags[x->ntags - 1];

    if (t->start_open) {
        PUT_LIT(x, "/>");
    } else {
        if (x->indent && x->doindent)
            put_indent(x, x->ntags - 1);
        PUT_LIT(x, "</");
        put_str(x, t->name);
        PUT_LIT(x, ">");
    }
    x->doindent = 1;
    if (x->indent)
        PUT_LIT(x, "\n");
    x->ntags--;
    return X12_OK;
}

/* Text of the element just started, already escaped. */
static void raw_text(x12_xml *x, const char *p, size_t n)
{
    if (x->tags[x->ntags - 1].start_open) {
        PUT_LIT(x, ">");
        x->tags[x->ntags - 1].start_open = 0;
    }
    x->doindent = 0;
    put(x, p, n);
}

/* An attribute of the element just started, its value already escaped. */
static void raw_attr(x12_xml *x, const char *name, const char *p, size_t n)
{
    PUT_LIT(x, " ");
    put_str(x, name);
    PUT_LIT(x, "=\"");
    x->doindent = 0;
    put(x, p, n);
    PUT_LIT(x, "\"");
}

/* An attribute whose value is text that XML carries as it is. */
static x12_status attr_text(x12_xml *x, const char *name, const char *p, size_t n)
{
    size_t k;

    if (esc_room(x, n * 6 + 1) != 0)
        return write_status(x, -1);
    k = esc_text(x->esc, p, n);
    raw_attr(x, name, x->esc, k);
    return X12_OK;
}

/* An attribute holding a byte string (backslash escapes). */
static x12_status attr_bytes(x12_xml *x, const char *name, const char *p, size_t n)
{
    size_t k;

    if (esc_room(x, n * 6 + 1) != 0)
        return write_status(x, -1);
    k = esc_bytes(x->esc, p, n);
    raw_attr(x, name, x->esc, k);
    return X12_OK;
}

/* A number attribute, zero-padded to `width` digits. */
static x12_status attr_num(x12_xml *x, const char *name, size_t n, int width)
{
    char buf[24];
    size_t k = sizeof buf;

    do {
        buf[--k] = (char)('0' + n % 10);
        n /= 10;
        width--;
    } while (n > 0 && k > 0);
    while (width-- > 0 && k > 0)
        buf[--k] = '0';
    raw_attr(x, name, buf + k, sizeof buf - k);
    return X12_OK;
}

/* The value of the element just started: text, or hex when XML cannot
 * carry its bytes.  Nothing for an empty value. */
static x12_status value(x12_xml *x, x12_str v)
{
    size_t k, i;

    if (v.len == 0)
        return X12_OK;
    if (v.len > (SIZE_MAX - 1) / 6 || esc_room(x, v.len * 6 + 1) != 0)
        return write_status(x, -1);
    if (!x12i_xml_chars_ok((const unsigned char *)v.ptr, v.len)) {
        for (i = 0; i < v.len; i++) {
            x->esc[2 * i] = hexdig[(unsigned char)v.ptr[i] >> 4];
            x->esc[2 * i + 1] = hexdig[(unsigned char)v.ptr[i] & 15];
        }
        raw_attr(x, "hex", x->esc, 2 * v.len);
        return X12_OK;
    }
    k = esc_text(x->esc, v.ptr, v.len);
    raw_text(x, x->esc, k);
    return X12_OK;
}

/* ---- splitting a value ------------------------------------------------------ */

/* The next part of s split on sep, advancing *pos; sep < 0: no
 * separator, one part.  (A separator may be NUL: the component separator
 * can be any byte but a letter, digit or space.) */
static x12_str next_part(x12_str s, int sep, size_t *pos)
{
    x12_str r;
    const char *q = NULL;

    r.ptr = s.ptr + *pos;
    if (sep >= 0)
        q = memchr(r.ptr, sep, s.len - *pos);
    r.len = q ? (size_t)(q - r.ptr) : s.len - *pos;
    *pos += r.len + 1;
    return r;
}

static size_t parts(x12_str s, int sep)
{
    size_t n = 1, i;

    if (sep < 0)
        return 1;
    for (i = 0; i < s.len; i++)
        n += (unsigned char)s.ptr[i] == (unsigned)sep;
    return n;
}

/* Components of one repetition (or of a non-repeating element) inside the
 * element just started: text when there is one component, else <cmp n>
 * for every non-empty one and the last. */
static x12_status components(x12_xml *x, x12_str s, int comp)
{
    size_t n = parts(s, comp), j, pos = 0;
    x12_status st;

    if (n == 1)
        return value(x, s);
    for (j = 1; j <= n; j++) {
        x12_str c = next_part(s, comp, &pos);
        if (c.len == 0 && j < n)
            continue;
        if ((st = start(x, "cmp")) != X12_OK || (st = attr_num(x, "n", j, 1)) != X12_OK ||
            (st = value(x, c)) != X12_OK || (st = end(x)) != X12_OK)
            return st;
    }
    return X12_OK;
}

static x12_status segment(x12_xml *x, const x12_segment *seg, int is_isa)
{
    x12_str id = x12_segment_id(seg), raw = x12_segment_raw(seg);
    x12_str trailer = x12_segment_trailer(seg), leading = x12_segment_leading(seg);
    x12_delimiters d = x12_segment_delimiters(seg);
    size_t count = x12_segment_count(seg), i;
    x12_status st;

    if ((st = start(x, "seg")) != X12_OK)
        return st;
    if (id.len > 0 && !x12i_xml_chars_ok((const unsigned char *)id.ptr, id.len)) {
        /* An id XML cannot carry: the whole segment as hex. */
        count = 0;
        if ((st = value(x, raw)) != X12_OK)
            return st;
    } else if ((st = attr_text(x, "id", id.ptr, id.len)) != X12_OK) {
        return st;
    }
    if (trailer.len != x->dtlen || memcmp(trailer.ptr, x->dtrailer, trailer.len) != 0)
        if ((st = attr_bytes(x, "trailer", trailer.ptr, trailer.len)) != X12_OK)
            return st;
    if (leading.len > 0 && (st = attr_bytes(x, "leading", leading.ptr, leading.len)) != X12_OK)
        return st;
    for (i = 1; i <= count; i++) {
        x12_str e = x12_segment_element(seg, i);
        size_t nrep, k, pos = 0;

        if (e.len == 0 && i < count)
            continue;
        if ((st = start(x, "ele")) != X12_OK || (st = attr_num(x, "n", i, 2)) != X12_OK)
            return st;
        if (is_isa) {
            st = value(x, e);
        } else {
            /* repetition 0: the interchange has none */
            int rsep = d.repetition ? (unsigned char)d.repetition : -1;
            int csep = (unsigned char)d.component;
            nrep = parts(e, rsep);
            if (nrep == 1) {
                st = components(x, e, csep);
            } else {
                for (k = 0; k < nrep && st == X12_OK; k++) {
                    x12_str rp = next_part(e, rsep, &pos);
                    if ((st = start(x, "rep")) == X12_OK && (st = components(x, rp, csep)) == X12_OK)
                        st = end(x);
                }
            }
        }
        if (st != X12_OK || (st = end(x)) != X12_OK)
            return st;
    }
    return end(x);
}

/* ---- envelopes and loops -------------------------------------------------- */

static x12_status close_loops(x12_xml *x, size_t keep)
{
    x12_status st;

    while (x->nopen > keep) {
        if ((st = end(x)) != X12_OK)
            return st;
        x->nopen--;
    }
    return X12_OK;
}

static x12_status close_transaction(x12_xml *x)
{
    x12_status st;

    if (!x->in_transaction)
        return X12_OK;
    if ((st = close_loops(x, 0)) != X12_OK)
        return st;
    x->in_transaction = 0;
    return end(x);
}

static x12_status close_group(x12_xml *x)
{
    x12_status st;

    if ((st = close_transaction(x)) != X12_OK)
        return st;
    if (!x->in_group)
        return X12_OK;
    x->in_group = 0;
    return end(x);
}

static x12_status close_interchange(x12_xml *x)
{
    x12_status st;

    if ((st = close_group(x)) != X12_OK)
        return st;
    if (!x->in_interchange)
        return X12_OK;
    x->in_interchange = 0;
    return end(x);
}

static x12_status open_interchange(x12_xml *x, const x12_segment *seg)
{
    x12_delimiters d = x12_segment_delimiters(seg);
    x12_str t = x12_segment_trailer(seg);
    x12_status st;

    if ((st = start(x, "interchange")) != X12_OK ||
        (st = attr_bytes(x, "element", &d.element, 1)) != X12_OK ||
        (st = attr_bytes(x, "component", &d.component, 1)) != X12_OK ||
        (d.repetition != 0 && (st = attr_bytes(x, "repetition", &d.repetition, 1)) != X12_OK) ||
        (st = attr_bytes(x, "segment", &d.segment, 1)) != X12_OK)
        return st;
    /* The ISA's trailer is the default of the interchange: usually every
     * segment has the same. */
    x->dtlen = t.len < sizeof x->dtrailer ? t.len : 0;
    memcpy(x->dtrailer, t.ptr, x->dtlen);
    if ((st = attr_bytes(x, "trailer", x->dtrailer, x->dtlen)) != X12_OK)
        return st;
    x->in_interchange = 1;
    return X12_OK;
}

/* Makes the open loops those the validator placed the segment in. */
static x12_status sync_loops(x12_xml *x)
{
    size_t depth = x12_validator_loop_depth(x->v), same = 0, i;
    x12_status st;

    while (same < depth && same < x->nopen) {
        uint64_t inst;
        const char *id = x12_validator_loop_at(x->v, same, &inst);
        if (inst != x->open[same].instance || strcmp(id, x->open[same].id) != 0)
            break;
        same++;
    }
    if ((st = close_loops(x, same)) != X12_OK)
        return st;
    for (i = same; i < depth; i++) {
        void *p = x->open;
        x12i_xloop *l;
        if (x12i_grow(&x->a, &p, &x->capopen, i + 1, sizeof *x->open) != 0)
            return write_status(x, -1);
        x->open = p;
        l = &x->open[i];
        l->id = x12_validator_loop_at(x->v, i, &l->instance);
        if ((st = start(x, "loop")) != X12_OK ||
            (st = attr_text(x, "id", l->id, strlen(l->id))) != X12_OK)
            return st;
        x->nopen = i + 1;
    }
    return X12_OK;
}

static int id_is(x12_str id, const char *s)
{
    size_t n = strlen(s);
    return id.len == n && memcmp(id.ptr, s, n) == 0;
}

/* One segment into the document. */
static x12_status place(x12_xml *x, const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);
    int is_isa = id_is(id, "ISA");
    x12_status st = X12_OK;

    if (x->v != NULL && x12_validator_segment(x->v, seg) == X12_ENOMEM)
        return write_status(x, -1);
    if (is_isa) {
        if ((st = close_interchange(x)) != X12_OK || (st = open_interchange(x, seg)) != X12_OK)
            return st;
    } else if (id_is(id, "GS")) {
        if ((st = close_group(x)) != X12_OK || (st = start(x, "group")) != X12_OK)
            return st;
        x->in_group = 1;
    } else if (id_is(id, "ST")) {
        const x12_spec *spec = x->v ? x12_validator_current_spec(x->v) : NULL;
        if ((st = close_transaction(x)) != X12_OK || (st = start(x, "transaction")) != X12_OK)
            return st;
        if (spec != NULL && (st = attr_text(x, "guide", x12_spec_id(spec),
                                            strlen(x12_spec_id(spec)))) != X12_OK)
            return st;
        x->in_transaction = 1;
    } else if (id_is(id, "GE")) {
        st = close_transaction(x);
    } else if (id_is(id, "IEA")) {
        st = close_group(x);
    }
    if (st != X12_OK)
        return st;
    if (x->in_transaction && x->v != NULL && (st = sync_loops(x)) != X12_OK)
        return st;
    if ((st = segment(x, seg, is_isa)) != X12_OK)
        return st;
    if (id_is(id, "SE"))
        st = close_transaction(x);
    else if (id_is(id, "GE"))
        st = close_group(x);
    else if (id_is(id, "IEA"))
        st = close_interchange(x);
    return st;
}

static x12_status write_begin(x12_xml *x, x12_write_fn fn, void *user)
{
    x12_status st;

    x->fn = fn;
    x->user = user;
    x->io_status = X12_OK;
    x->segments = 0;
    x->expect = 0;
    x->dtlen = 0;
    x->olen = 0;
    x->ntags = 0;
    x->doindent = 0;
    if (x->loops && x12_validator_new(NULL, &x->v) != X12_OK)
        return write_status(x, -1);
    if (x->out == NULL) {
        x->out = x12i_malloc(&x->a, OUT_CHUNK);
        if (x->out == NULL)
            return write_status(x, -1);
        x->ocap = OUT_CHUNK;
    }
    x->busy = 1;
    PUT_LIT(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if ((st = start(x, "x12")) != X12_OK)
        return st;
    raw_attr(x, "xmlns", X12_XML_NAMESPACE, strlen(X12_XML_NAMESPACE));
    return X12_OK;
}

static x12_status write_run(x12_xml *x, x12_reader *r, x12_write_fn fn, void *user);

x12_status x12_xml_write(x12_xml *x, x12_reader *r, x12_write_fn fn, void *user)
{
    if (x == NULL || r == NULL || fn == NULL)
        return X12_EINVAL;
    return write_run(x, r, fn, user);
}

static x12_status write_run(x12_xml *x, x12_reader *r, x12_write_fn fn, void *user)
{
    const x12_segment *seg;
    x12_status st;

    x->has_err = 0;
    if (!x->busy && (st = write_begin(x, fn, user)) != X12_OK) {
        write_reset(x);
        return st;
    }
    x->fn = fn;
    x->user = user;
    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_AGAIN) {
            /* Everything for the input so far reaches the caller now. */
            out_flush(x);
            if (x->io_status == X12_OK)
                return X12_AGAIN;
            st = write_status(x, -1);
            write_reset(x);
            return st;
        }
        if (st == X12_END)
            break;
        if (st != X12_OK) {
            /* The reader skipped bytes or cannot go on: its record says
             * where.  The document is left unfinished on purpose. */
            const x12_error *e = x12_reader_last_error(r);
            if (e != NULL) {
                x->err = *e;
                x->err.severity = X12_SEV_ERROR;
                x->has_err = 1;
                x->line = x->column = 0;
            } else {
                x12i_xml_fail(x, st, "reader", 0, NULL, 0, x12_reader_offset(r), 0,
                              "the input cannot be read: %s", x12_strerror(st));
            }
            write_reset(x);
            return st;
        }
        {
            x12_str lead = x12_segment_leading(seg), raw = x12_segment_raw(seg);
            uint64_t at = x12_segment_offset(seg);
            /* A safety net: every byte of the input must be in a segment. */
            if (at - lead.len != x->expect) {
                x12_str id = x12_segment_id(seg);
                x12i_xml_fail(x, X12_ESYNTAX, "skipped", x12_segment_number(seg), id.ptr,
                              id.len, x->expect, 0,
                              "%llu bytes before this segment were not read as X12",
                              (unsigned long long)(at - lead.len - x->expect));
                write_reset(x);
                return X12_ESYNTAX;
            }
            x->expect = at + raw.len + x12_segment_trailer(seg).len;
        }
        st = place(x, seg);
        if (st == X12_OK && x->io_status != X12_OK)
            st = write_status(x, -1);
        if (st != X12_OK) {
            if (x->has_err && x->err.segno == 0) {
                x12_str id = x12_segment_id(seg);
                x->err.segno = x12_segment_number(seg);
                x12i_error_set_segid(&x->err, id.ptr, id.len);
                x->err.offset = x12_segment_offset(seg);
            }
            write_reset(x);
            return st;
        }
        x->segments++;
    }
    if ((st = close_interchange(x)) == X12_OK && (st = end(x)) == X12_OK && !x->indent)
        PUT_LIT(x, "\n");
    write_reset(x); /* flushes */
    if (st == X12_OK && x->io_status != X12_OK) {
        x12i_xml_fail(x, X12_EIO, "output", 0, NULL, 0, 0, 0, "writing the XML failed");
        st = X12_EIO;
    }
    return st;
}

static int file_write(void *user, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

x12_status x12_xml_write_file(x12_xml *x, x12_reader *r, FILE *fp)
{
    if (fp == NULL)
        return X12_EINVAL;
    return x12_xml_write(x, r, file_write, fp);
}
