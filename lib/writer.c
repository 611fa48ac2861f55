/*
 * The segment writer: segments and envelopes out.
 *
 * A segment is collected between x12_writer_begin and x12_writer_end as a
 * flat list of values (`ent`), each flagged as starting an element, starting
 * a repetition, or continuing the current repetition as a further component.
 * x12_writer_end then applies the envelope rules (nesting, ISA widths,
 * control numbers, SE/GE/IEA counts), renders the segment into the output
 * buffer and hands it to the sink.  x12_writer_copy and the close functions
 * fill the same list and go through the same path.
 *
 * Failure rules:
 *  - A failed x12_writer_begin leaves no segment open.
 *  - Any failure while a segment is being built (a delimiter in data, an
 *    invalid argument, out of memory) marks the segment as failed: later adds
 *    return the same status and record, and x12_writer_end returns it,
 *    writes nothing and discards the segment.  Whatever x12_writer_end
 *    returns, the segment is closed: the writer is ready for the next one,
 *    with counts and control-number counters unchanged by a failed segment.
 *  - An output error (callback or fwrite failure) kills the writer: every
 *    later call that would write returns X12_EIO.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "x12types_internal.h"

enum { SINK_NONE, SINK_CALLBACK, SINK_FILE, SINK_MEMORY };

/* ent.flags */
#define F_ELEM 1u /* first value of a new element */
#define F_REP 2u  /* first value of a further repetition */

/* FILE output is handed to fwrite once this many bytes are buffered. */
#define FILE_FLUSH_BYTES 65536u
/* Longest control number remembered for SE02/GE02/IEA02.  X12 allows 9;
 * longer ones only reach us in verbatim mode. */
#define CTL_MAX 31
#define CTL_LIMIT UINT64_C(999999999)
#define ISA_ELEMENTS 16u

typedef struct ent {
    size_t off, len; /* bytes in w->data */
    unsigned flags;
} ent;

typedef struct ctlnum {
    char s[CTL_MAX + 1];
    size_t len;
    int too_long;
} ctlnum;

typedef enum seg_kind { K_OTHER, K_ISA, K_GS, K_ST, K_SE, K_GE, K_IEA, K_TA1 } seg_kind;

/* What follows the segment's last element: the terminator (unless the
 * copied source had none), then `a` and `b`.  Bytes in `lead` come before
 * the segment id. */
typedef struct seg_end {
    int write_term;
    x12_str lead, a, b;
} seg_end;

struct x12_writer {
    x12i_alloc a;

    /* output */
    int sink;
    x12_write_fn fn;
    void *fn_user;
    FILE *fp;
    char *out; /* memory: everything; file: not yet fwritten; callback: one segment */
    size_t out_len, out_cap;
    uint64_t bytes_out; /* bytes of all segments written so far */
    int dead;           /* an output error happened */

    /* settings */
    char el, comp, rep, term;
    unsigned char is_delim[256]; /* 1 for the four delimiter bytes in force */
    char brk[8];
    size_t brk_len;
    int verbatim;
    uint64_t next_isa13, next_gs06, next_st02;

    /* the segment being built */
    int seg_open;
    x12_status seg_status; /* first failure while building, X12_OK if none */
    x12_error seg_err;
    char id[4];            /* first 3 bytes of the id, for messages */
    size_t id_len;
    x12_str idv;           /* the whole id as written: w->id, or for a copy
                            * the reader's view (valid during the call) */
    seg_kind kind;
    char *data;
    size_t data_len, data_cap;
    ent *ents;
    size_t n_ents, ents_cap;
    size_t n_elems, cur_rep, cur_comp;

    /* envelope: 0 outside, 1 in ISA, 2 in GS, 3 in ST */
    int level;
    uint64_t ic_segs;  /* segments written in the current interchange */
    uint64_t groups;   /* GS..GE closed in the current interchange */
    uint64_t sets;     /* ST..SE closed in the current group */
    uint64_t set_segs; /* segments written in the current set, ST included */
    uint64_t total_segs;
    ctlnum isa13, gs06, st02;

    int has_err;
    x12_error err;
};

static const unsigned char isa_width[ISA_ELEMENTS + 1] = {
    0, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1
};

/* ---- small helpers -------------------------------------------------------- */

static unsigned clamp_u(size_t v)
{
    return v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A delimiter for a message: '*' or 0x1D. */
static const char *show_char(char *buf, size_t size, char c)
{
    unsigned char u = (unsigned char)c;

    if (u > 0x20 && u < 0x7f)
        snprintf(buf, size, "'%c'", c);
    else
        snprintf(buf, size, "0x%02X", (unsigned)u);
    return buf;
}

/* Two control numbers are the same when their texts are, or, both being
 * digits, their values are ("1" and "000000001"). */
static int ctl_equal(const char *p, size_t n, const char *q, size_t m)
{
    if (x12i_all_digits(p, n) && x12i_all_digits(q, m)) {
        while (n > 1 && *p == '0') {
            p++;
            n--;
        }
        while (m > 1 && *q == '0') {
            q++;
            m--;
        }
    }
    return n == m && memcmp(p, q, n) == 0;
}

static void ctl_store(ctlnum *c, const char *p, size_t n)
{
    c->too_long = n > CTL_MAX;
    c->len = n > CTL_MAX ? CTL_MAX : n;
    memcpy(c->s, p, c->len);
    c->s[c->len] = '\0';
}

static seg_kind kind_of(const char *id, size_t n)
{
    if (n == 3 && memcmp(id, "ISA", 3) == 0)
        return K_ISA;
    if (n == 3 && memcmp(id, "IEA", 3) == 0)
        return K_IEA;
    if (n == 3 && memcmp(id, "TA1", 3) == 0)
        return K_TA1;
    if (n == 2 && memcmp(id, "GS", 2) == 0)
        return K_GS;
    if (n == 2 && memcmp(id, "GE", 2) == 0)
        return K_GE;
    if (n == 2 && memcmp(id, "ST", 2) == 0)
        return K_ST;
    if (n == 2 && memcmp(id, "SE", 2) == 0)
        return K_SE;
    return K_OTHER;
}

/* ---- error records -------------------------------------------------------- */

/* Segment number the segment being written would get (ISA = 1), 0 outside an
 * interchange. */
static uint64_t cur_segno(const x12_writer *w)
{
    if (w->seg_open && w->kind == K_ISA)
        return 1;
    return w->level > 0 ? w->ic_segs + 1 : 0;
}

#if defined(__GNUC__)
#define X12W_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define X12W_PRINTF(f, a)
#endif

static x12_status fail(x12_writer *w, x12_status st, const char *rule, const char *fmt, ...)
    X12W_PRINTF(4, 5);
static x12_status fail_at(x12_writer *w, x12_status st, const char *rule, unsigned element,
                          unsigned component, unsigned repetition, const char *fmt, ...)
    X12W_PRINTF(7, 8);

/* An error not tied to a segment. */
static x12_status fail(x12_writer *w, x12_status st, const char *rule, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(&w->err, st, X12_SEV_ERROR, rule, 0, NULL, 0, w->bytes_out, 0, fmt, ap);
    va_end(ap);
    w->has_err = 1;
    return st;
}

/* An error in the open segment, located; it marks the segment as failed. */
static x12_status fail_at(x12_writer *w, x12_status st, const char *rule, unsigned element,
                          unsigned component, unsigned repetition, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(&w->err, st, X12_SEV_ERROR, rule, cur_segno(w), w->id, w->id_len,
                    w->bytes_out, element, fmt, ap);
    va_end(ap);
    w->err.component = component;
    w->err.repetition = repetition;
    w->has_err = 1;
    if (w->seg_open && w->seg_status == X12_OK) {
        w->seg_status = st;
        w->seg_err = w->err;
    }
    return st;
}

static x12_status nomem(x12_writer *w)
{
    if (w->seg_open)
        return fail_at(w, X12_ENOMEM, "out-of-memory", 0, 0, 0, "out of memory");
    return fail(w, X12_ENOMEM, "out-of-memory", "out of memory");
}

static x12_status dead_error(x12_writer *w)
{
    return fail(w, X12_EIO, "output", "an earlier write failed; the writer cannot go on");
}

/* Checks common to every call that writes. */
static x12_status writable(x12_writer *w)
{
    w->has_err = 0;
    if (w->dead)
        return dead_error(w);
    if (w->sink == SINK_NONE)
        return fail(w, X12_ESTATE, "no-output",
                    "no output chosen (call x12_writer_to_callback, _to_file or _to_memory)");
    return X12_OK;
}

/* ---- the segment being built ---------------------------------------------- */

static void seg_reset(x12_writer *w)
{
    w->seg_open = 0;
    w->seg_status = X12_OK;
    w->id_len = 0;
    w->id[0] = '\0';
    w->idv.ptr = w->id;
    w->idv.len = 0;
    w->kind = K_OTHER;
    w->data_len = 0;
    w->n_ents = 0;
    w->n_elems = 0;
    w->cur_rep = w->cur_comp = 0;
}

/* Opens a segment.  With `borrow` the id is used where it is (a reader's
 * view that outlives the copy call); otherwise it is at most 3 bytes and
 * copied. */
static void seg_open(x12_writer *w, const char *id, size_t n, int borrow)
{
    size_t k = n > 3 ? 3 : n;

    seg_reset(w);
    w->seg_open = 1;
    memcpy(w->id, id, k);
    w->id[k] = '\0';
    w->id_len = k;
    w->idv.ptr = borrow ? id : w->id;
    w->idv.len = borrow ? n : k;
    w->kind = kind_of(id, n);
}

/* Makes room for one more value of n bytes.  ENOMEM leaves the list as it
 * was. */
static int value_room(x12_writer *w, size_t n)
{
    void *b;

    if (n > SIZE_MAX - w->data_len)
        return -1;
    if (n > 0 && w->data_len + n > w->data_cap) {
        b = w->data;
        if (x12i_grow(&w->a, &b, &w->data_cap, w->data_len + n, 1) != 0)
            return -1;
        w->data = b;
    }
    if (w->n_ents + 1 > w->ents_cap) {
        b = w->ents;
        if (x12i_grow(&w->a, &b, &w->ents_cap, w->n_ents + 1, sizeof(ent)) != 0)
            return -1;
        w->ents = b;
    }
    return 0;
}

/* Appends one value.  ENOMEM leaves the list as it was.  Inline: it runs
 * for every value written, and the buffers have room nearly always. */
static inline int push_value(x12_writer *w, const char *p, size_t n, unsigned flags)
{
    ent *e;

    if ((n > w->data_cap - w->data_len || w->n_ents >= w->ents_cap) && value_room(w, n) != 0)
        return -1;
    if (n > 0)
        memcpy(w->data + w->data_len, p, n);
    e = &w->ents[w->n_ents++];
    e->off = w->data_len;
    e->len = n;
    e->flags = flags;
    w->data_len += n;
    if (flags & F_ELEM) {
        w->n_elems++;
        w->cur_rep = w->cur_comp = 1;
    } else if (flags & F_REP) {
        w->cur_rep++;
        w->cur_comp = 1;
    } else {
        w->cur_comp++;
    }
    return 0;
}

/* Rebuilds the delimiter lookup after the delimiters change. */
static void set_delim_table(x12_writer *w)
{
    memset(w->is_delim, 0, sizeof w->is_delim);
    w->is_delim[(unsigned char)w->el] = 1;
    w->is_delim[(unsigned char)w->comp] = 1;
    if (w->rep != 0)
        w->is_delim[(unsigned char)w->rep] = 1;
    w->is_delim[(unsigned char)w->term] = 1;
}

/* Refuses the writer's delimiters inside data. */
static x12_status check_delims(x12_writer *w, const char *p, size_t n, unsigned element,
                               unsigned component, unsigned repetition)
{
    size_t i;
    const char *name;
    char shown[8];

    /* One table lookup per byte; the naming below runs only on a hit. */
    for (i = 0; i < n && !w->is_delim[(unsigned char)p[i]]; i++)
        ;
    for (; i < n; i++) {
        if (p[i] == w->el)
            name = "element separator";
        else if (p[i] == w->comp)
            name = "component separator";
        else if (w->rep != 0 && p[i] == w->rep)
            name = "repetition separator";
        else if (p[i] == w->term)
            name = "segment terminator";
        else
            continue;
        return fail_at(w, X12_EDELIM, "delimiter-in-data", element, component, repetition,
                       "the data contains the %s %s; change the data or the delimiters", name,
                       show_char(shown, sizeof shown, p[i]));
    }
    return X12_OK;
}

/* Adds a value at a known position, checking delimiters unless told not to. */
static x12_status add_value(x12_writer *w, const char *p, size_t n, unsigned flags,
                            unsigned element, unsigned component, unsigned repetition, int check)
{
    x12_status st;

    if ((flags & F_REP) && w->rep == 0)
        return fail_at(w, X12_EINVAL, "repetition", element, component, repetition,
                       "a repetition needs a repetition separator, and the writer has none");
    if (check) {
        st = check_delims(w, p, n, element, component, repetition);
        if (st != X12_OK)
            return st;
    }
    if (push_value(w, p, n, flags) != 0)
        return nomem(w);
    return X12_OK;
}

/* The bytes of a value (w->data may still be NULL when every value so far
 * was empty). */
static const char *ent_ptr(const x12_writer *w, const ent *e)
{
    return e->len > 0 ? w->data + e->off : "";
}

/* Entry range of element idx (1-based); 0 when absent. */
static size_t find_elem(const x12_writer *w, size_t idx, size_t *first)
{
    size_t i, e = 0, start = 0, count = 0;

    for (i = 0; i < w->n_ents; i++) {
        if (w->ents[i].flags & F_ELEM) {
            if (++e > idx)
                break;
            if (e == idx)
                start = i;
        }
        if (e == idx)
            count++;
    }
    *first = start;
    return count;
}

static x12_status ensure_elems(x12_writer *w, size_t idx)
{
    while (w->n_elems < idx)
        if (push_value(w, NULL, 0, F_ELEM) != 0)
            return nomem(w);
    return X12_OK;
}

/* The value of element idx (which must exist); *simple is 0 when it has
 * several components or repetitions (the first value is given then). */
static x12_str elem_value(const x12_writer *w, size_t idx, int *simple)
{
    size_t first, n = find_elem(w, idx, &first);
    x12_str s;

    *simple = n == 1;
    s.ptr = n ? ent_ptr(w, &w->ents[first]) : "";
    s.len = n ? w->ents[first].len : 0;
    return s;
}

/* Replaces the value of simple element idx (created if absent). */
static x12_status set_elem(x12_writer *w, size_t idx, const char *p, size_t n)
{
    size_t first;
    void *b = w->data;
    x12_status st = ensure_elems(w, idx);

    if (st != X12_OK)
        return st;
    find_elem(w, idx, &first);
    if (n > SIZE_MAX - w->data_len ||
        x12i_grow(&w->a, &b, &w->data_cap, w->data_len + n, 1) != 0)
        return nomem(w);
    w->data = b;
    if (n > 0)
        memcpy(w->data + w->data_len, p, n);
    w->ents[first].off = w->data_len;
    w->ents[first].len = n;
    w->data_len += n;
    return X12_OK;
}

/* ---- envelope rules ------------------------------------------------------- */

static x12_status check_nesting(x12_writer *w)
{
    const char *msg = NULL;

    switch (w->kind) {
    case K_ISA:
        if (w->level > 0)
            msg = "ISA while an interchange is open (write IEA first)";
        break;
    case K_GS:
        if (w->level == 0)
            msg = "GS outside an interchange (write ISA first)";
        else if (w->level > 1)
            msg = "GS while a functional group is open (write GE first)";
        break;
    case K_ST:
        if (w->level < 2)
            msg = "ST outside a functional group (write GS first)";
        else if (w->level > 2)
            msg = "ST while a transaction set is open (write SE first)";
        break;
    case K_SE:
        if (w->level != 3)
            msg = "SE without an open transaction set";
        break;
    case K_GE:
        if (w->level > 2)
            msg = "GE while a transaction set is open (write SE first)";
        else if (w->level < 2)
            msg = "GE without an open functional group";
        break;
    case K_IEA:
        if (w->level > 1)
            msg = "IEA while a functional group is open (write GE first)";
        else if (w->level == 0)
            msg = "IEA without an open interchange";
        break;
    case K_TA1:
        if (w->level != 1)
            msg = "TA1 belongs inside an interchange, outside functional groups";
        break;
    case K_OTHER:
        if (w->level != 3)
            return fail_at(w, X12_ESTATE, "nesting", 0, 0, 0,
                           "%s outside a transaction set (write ST first)", w->id);
        break;
    }
    if (msg != NULL)
        return fail_at(w, X12_ESTATE, "nesting", 0, 0, 0, "%s", msg);
    return X12_OK;
}

/* ISA11 and ISA16 hold delimiters: check them (both modes) and, when `fill`,
 * give empty ones the writer's. */
static x12_status isa_delims(x12_writer *w, int fill)
{
    int simple;
    x12_str v;
    char c, shown[8];
    x12_status st;

    if (w->n_elems >= 11) {
        v = elem_value(w, 11, &simple);
        if (v.len == 0 && simple) {
            if (fill) {
                c = w->rep != 0 ? w->rep : 'U';
                if ((st = set_elem(w, 11, &c, 1)) != X12_OK)
                    return st;
            }
        } else if (!simple || v.len != 1 ||
                   !(is_alnum((unsigned char)v.ptr[0]) ||
                     (w->rep != 0 && v.ptr[0] == w->rep))) {
            if (w->rep != 0)
                return fail_at(w, X12_EINVAL, "isa11-repetition", 11, 0, 0,
                               "ISA11 must be the writer's repetition separator %s (or a "
                               "letter such as U for none)",
                               show_char(shown, sizeof shown, w->rep));
            return fail_at(w, X12_EINVAL, "isa11-repetition", 11, 0, 0,
                           "ISA11 must be a letter or digit such as U: the writer has no "
                           "repetition separator");
        }
    }
    if (w->n_elems >= 16) {
        v = elem_value(w, 16, &simple);
        if (v.len == 0 && simple) {
            if (fill && (st = set_elem(w, 16, &w->comp, 1)) != X12_OK)
                return st;
        } else if (!simple || v.len != 1 || v.ptr[0] != w->comp) {
            return fail_at(w, X12_EINVAL, "isa16-component", 16, 0, 0,
                           "ISA16 must be the writer's component separator %s",
                           show_char(shown, sizeof shown, w->comp));
        }
    }
    return X12_OK;
}

/* Normal mode: 16 elements, each padded to its fixed width, ISA13 filled
 * from the counter when empty and zero-padded to 9 digits. */
static x12_status isa_normalize(x12_writer *w, int *used_isa13)
{
    char buf[24];
    size_t i, first, n, width;
    x12_status st;
    x12_str v;
    int simple;

    if (w->n_elems > ISA_ELEMENTS)
        return fail_at(w, X12_ERANGE, "isa-elements", clamp_u(w->n_elems), 0, 0,
                       "ISA has %zu elements; it must have exactly 16", w->n_elems);
    if ((st = ensure_elems(w, ISA_ELEMENTS)) != X12_OK)
        return st;
    for (i = 1; i <= ISA_ELEMENTS; i++) {
        if (find_elem(w, i, &first) != 1)
            return fail_at(w, X12_EINVAL, "isa-composite", clamp_u(i), 0, 0,
                           "ISA%02zu cannot have components or repetitions", i);
    }
    if ((st = isa_delims(w, 1)) != X12_OK)
        return st;
    for (i = 1; i <= ISA_ELEMENTS; i++) {
        if (i == 11 || i == 16)
            continue;
        v = elem_value(w, i, &simple);
        width = isa_width[i];
        if (i == 13) {
            if (v.len == 0) {
                if (w->next_isa13 > CTL_LIMIT)
                    return fail_at(w, X12_ERANGE, "control-number", 13, 0, 0,
                                   "the next ISA13 control number %" PRIu64
                                   " has more than 9 digits",
                                   w->next_isa13);
                x12i_u64_text(buf, w->next_isa13, width);
                *used_isa13 = 1;
                if ((st = set_elem(w, i, buf, width)) != X12_OK)
                    return st;
                continue;
            }
            if (!x12i_all_digits(v.ptr, v.len))
                return fail_at(w, X12_ERANGE, "control-number", 13, 0, 0,
                               "ISA13 must be digits");
        }
        if (v.len > width)
            return fail_at(w, X12_ERANGE, "isa-width", clamp_u(i), 0, 0,
                           "ISA%02zu is %zu characters long; its field holds %zu", i, v.len,
                           width);
        if (v.len == width)
            continue;
        /* ISA13 is numeric and padded with leading zeros; the others are
         * AN/ID/DT/TM fields padded with trailing spaces. */
        n = width - v.len;
        if (i == 13) {
            memset(buf, '0', n);
            memcpy(buf + n, v.ptr, v.len);
        } else {
            memcpy(buf, v.ptr, v.len);
            memset(buf + v.len, ' ', n);
        }
        if ((st = set_elem(w, i, buf, width)) != X12_OK)
            return st;
    }
    return X12_OK;
}

/* GS06 / ST02: fill an empty one from its counter, else check its form. */
static x12_status control_number(x12_writer *w, size_t idx, const char *name, uint64_t next,
                                 size_t minw, size_t maxw, int digits, int *used)
{
    char buf[24];
    size_t n;
    x12_str v;
    int simple;
    x12_status st = ensure_elems(w, idx);

    if (st != X12_OK)
        return st;
    v = elem_value(w, idx, &simple);
    if (v.len == 0 && simple) {
        if (next > CTL_LIMIT)
            return fail_at(w, X12_ERANGE, "control-number", clamp_u(idx), 0, 0,
                           "the next %s control number %" PRIu64 " has more than 9 digits",
                           name, next);
        n = x12i_u64_text(buf, next, minw);
        *used = 1;
        return set_elem(w, idx, buf, n);
    }
    if (!simple || v.len < minw || v.len > maxw || (digits && !x12i_all_digits(v.ptr, v.len)))
        return fail_at(w, X12_ERANGE, "control-number", clamp_u(idx), 0, 0,
                       "%s must be %zu to %zu %s", name, minw, maxw,
                       digits ? "digits" : "characters");
    return X12_OK;
}

/* SE01 / GE01 / IEA01: fill when empty, refuse a value that disagrees. */
static x12_status fill_count(x12_writer *w, size_t idx, const char *rule, uint64_t want,
                             const char *whole, const char *one, const char *many)
{
    char num[24], q[40];
    size_t n = x12i_u64_text(num, want, 1);
    x12_str v;
    int simple;
    x12_status st = ensure_elems(w, idx);

    if (st != X12_OK)
        return st;
    v = elem_value(w, idx, &simple);
    if (v.len > 0 || !simple) {
        if (!simple || !ctl_equal(v.ptr, v.len, num, n) || !x12i_all_digits(v.ptr, v.len))
            return fail_at(w, X12_EENVELOPE, rule, clamp_u(idx), 0, 0,
                           "%s%02zu given as %s, %s has %" PRIu64 " %s", w->id, idx,
                           x12i_quote_msg(q, sizeof q, v.ptr, v.len, 10, NULL, 0), whole, want,
                           want == 1 ? one : many);
    }
    return set_elem(w, idx, num, n);
}

/* SE02 / GE02 / IEA02: fill when empty, refuse a value that disagrees. */
static x12_status fill_ctl(x12_writer *w, size_t idx, const char *rule, const ctlnum *c,
                           const char *from)
{
    char q[40];
    x12_str v;
    int simple;
    x12_status st = ensure_elems(w, idx);

    if (st != X12_OK)
        return st;
    v = elem_value(w, idx, &simple);
    if ((v.len > 0 || !simple) && (!simple || !ctl_equal(v.ptr, v.len, c->s, c->len)))
        return fail_at(w, X12_EENVELOPE, rule, clamp_u(idx), 0, 0,
                       "%s%02zu given as %s, %s is %s", w->id, idx,
                       x12i_quote_msg(q, sizeof q, v.ptr, v.len, 9, NULL, 0), from, c->s);
    return set_elem(w, idx, c->s, c->len);
}

/* Which control-number counters the segment consumed. */
typedef struct used_ctl {
    int isa13, gs06, st02;
} used_ctl;

static x12_status apply_envelope(x12_writer *w, used_ctl *u)
{
    if (w->verbatim)
        return w->kind == K_ISA ? isa_delims(w, 0) : X12_OK;
    switch (w->kind) {
    case K_ISA:
        return isa_normalize(w, &u->isa13);
    case K_GS:
        return control_number(w, 6, "GS06", w->next_gs06, 1, 9, 1, &u->gs06);
    case K_ST:
        return control_number(w, 2, "ST02", w->next_st02, 4, 9, 0, &u->st02);
    case K_SE: {
        x12_status st = fill_count(w, 1, "se01-count", w->set_segs + 1, "the set",
                                   "segment", "segments");
        return st != X12_OK ? st : fill_ctl(w, 2, "se02-control", &w->st02, "ST02");
    }
    case K_GE: {
        x12_status st = fill_count(w, 1, "ge01-count", w->sets, "the group",
                                   "transaction set", "transaction sets");
        return st != X12_OK ? st : fill_ctl(w, 2, "ge02-control", &w->gs06, "GS06");
    }
    case K_IEA: {
        x12_status st = fill_count(w, 1, "iea01-count", w->groups, "the interchange",
                                   "functional group", "functional groups");
        return st != X12_OK ? st : fill_ctl(w, 2, "iea02-control", &w->isa13, "ISA13");
    }
    case K_TA1:
    case K_OTHER:
        break;
    }
    return X12_OK;
}

/* Counts and levels after a segment has been written. */
static void advance_envelope(x12_writer *w, const used_ctl *u)
{
    int simple;
    x12_str v;

    w->total_segs++;
    w->ic_segs = w->kind == K_ISA ? 1 : w->ic_segs + 1;
    if (w->kind == K_ST)
        w->set_segs = 1;
    else if (w->level == 3)
        w->set_segs++;
    switch (w->kind) {
    case K_ISA:
        w->level = 1;
        w->groups = 0;
        v = elem_value(w, 13, &simple);
        ctl_store(&w->isa13, v.ptr, v.len);
        break;
    case K_GS:
        w->level = 2;
        w->sets = 0;
        v = elem_value(w, 6, &simple);
        ctl_store(&w->gs06, v.ptr, v.len);
        break;
    case K_ST:
        w->level = 3;
        v = elem_value(w, 2, &simple);
        ctl_store(&w->st02, v.ptr, v.len);
        break;
    case K_SE:
        if (w->level == 3) {
            w->level = 2;
            w->sets++;
        }
        break;
    case K_GE:
        if (w->level >= 2) {
            w->level = 1;
            w->groups++;
        }
        break;
    case K_IEA:
        w->level = 0;
        break;
    case K_TA1:
    case K_OTHER:
        break;
    }
    if (u->isa13)
        w->next_isa13++;
    if (u->gs06)
        w->next_gs06++;
    if (u->st02)
        w->next_st02++;
}

/* ---- rendering and output ------------------------------------------------- */

/* Appends to the output buffer, always keeping room for a NUL. */
/* Makes room for n more output bytes and the NUL after them. */
static int out_reserve(x12_writer *w, size_t n)
{
    void *b = w->out;

    if (n >= SIZE_MAX - w->out_len - 1)
        return -1;
    if (w->out_len + n + 1 <= w->out_cap)
        return 0;
    if (x12i_grow(&w->a, &b, &w->out_cap, w->out_len + n + 1, 1) != 0)
        return -1;
    w->out = b;
    return 0;
}

/* Copies n bytes to *o and advances it (p may be NULL when n is 0). */
static void put(char **o, const char *p, size_t n)
{
    if (n > 0) {
        memcpy(*o, p, n);
        *o += n;
    }
}

/* Copies `count` copies of separator c to *o and advances it. */
static void put_seps(char **o, char c, size_t count)
{
    while (count-- > 0)
        *(*o)++ = c;
}

/* Trimming: a value is kept when it is non-empty or something non-empty
 * follows it in its repetition (components), in its element (repetitions),
 * or in the segment (elements).  Empty elements in the middle keep their
 * separators.
 *
 * One forward pass: empty values are held back as counts (empty elements,
 * then empty repetitions of the last of them or of the current element,
 * then empty components of the last repetition) and written only when a
 * non-empty value shows they are kept.  A new element drops the held
 * repetitions and components (nothing non-empty followed them in their
 * element); a new repetition drops the held components. */
static x12_status render(x12_writer *w, const seg_end *end)
{
    size_t need, i, pe = 0, pr = 0, pc = 0;
    int trim = !w->verbatim && w->kind != K_ISA; /* the ISA keeps all its elements */
    char *o;

    /* At most one separator per value and every data byte (values replaced
     * by set_elem leave their old bytes in data, so this may be a little
     * more than is written): the output grows at most once. */
    need = end->lead.len + w->idv.len + 1 + end->a.len + end->b.len;
    if (w->data_len >= SIZE_MAX / 4 - need || w->n_ents >= SIZE_MAX / 4 - need - w->data_len)
        return nomem(w);
    need += w->data_len + w->n_ents;
    if (out_reserve(w, need) != 0)
        return nomem(w);
    o = w->out + w->out_len;
    put(&o, end->lead.ptr, end->lead.len);
    put(&o, w->idv.ptr, w->idv.len);
    for (i = 0; i < w->n_ents; i++) {
        const ent *e = &w->ents[i];
        unsigned f = e->flags;

        if (e->len == 0 && trim) {
            if (f & F_ELEM) {
                pe++;
                pr = pc = 0;
            } else if (f & F_REP) {
                pr++;
                pc = 0;
            } else {
                pc++;
            }
            continue;
        }
        put_seps(&o, w->el, pe);
        if (f & F_ELEM) {
            *o++ = w->el;
        } else {
            put_seps(&o, w->rep, pr);
            if (f & F_REP) {
                *o++ = w->rep;
            } else {
                put_seps(&o, w->comp, pc);
                *o++ = w->comp;
            }
        }
        pe = pr = pc = 0;
        if (e->len > 0) {
            memcpy(o, w->data + e->off, e->len);
            o += e->len;
        }
    }
    if (end->write_term)
        *o++ = w->term;
    put(&o, end->a.ptr, end->a.len);
    put(&o, end->b.ptr, end->b.len);
    w->out_len = (size_t)(o - w->out);
    w->out[w->out_len] = '\0';
    return X12_OK;
}

static x12_status flush_file(x12_writer *w)
{
    if (w->sink != SINK_FILE || w->out_len == 0)
        return X12_OK;
    if (fwrite(w->out, 1, w->out_len, w->fp) != w->out_len) {
        w->dead = 1;
        w->out_len = 0;
        return fail(w, X12_EIO, "output", "writing to the output file failed");
    }
    w->out_len = 0;
    return X12_OK;
}

/* Hands the segment just rendered at out[start..] to the sink. */
static x12_status emit(x12_writer *w, size_t start)
{
    size_t n = w->out_len - start;

    w->bytes_out += n;
    switch (w->sink) {
    case SINK_CALLBACK:
        w->out_len = start;
        if (w->fn(w->fn_user, w->out + start, n) != 0) {
            w->dead = 1;
            return fail(w, X12_EIO, "output", "the output callback reported a failure");
        }
        break;
    case SINK_FILE:
        if (w->out_len >= FILE_FLUSH_BYTES)
            return flush_file(w);
        break;
    default:
        break;
    }
    return X12_OK;
}

/* Ends the open segment: envelope rules, rendering, output.  The segment is
 * discarded whatever happens. */
static x12_status finalize(x12_writer *w, const seg_end *end)
{
    used_ctl u = {0, 0, 0};
    size_t start = w->out_len;
    x12_status st = w->seg_status;

    if (st != X12_OK) {
        w->err = w->seg_err;
        w->has_err = 1;
        goto out;
    }
    if (!w->verbatim && (st = check_nesting(w)) != X12_OK)
        goto out;
    if ((st = apply_envelope(w, &u)) != X12_OK)
        goto out;
    if ((st = render(w, end)) != X12_OK)
        goto out;
    advance_envelope(w, &u);
    st = emit(w, start);
out:
    seg_reset(w);
    return st;
}

static seg_end default_end(const x12_writer *w)
{
    seg_end e;

    e.write_term = 1;
    e.lead.ptr = e.a.ptr = e.b.ptr = "";
    e.lead.len = e.a.len = e.b.len = 0;
    e.a.ptr = w->brk;
    e.a.len = w->brk_len;
    return e;
}

/* ---- lifetime ------------------------------------------------------------- */

x12_status x12_writer_new(const x12_allocator *alloc, x12_writer **out)
{
    x12i_alloc a;
    x12_writer *w;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (x12i_alloc_init(&a, alloc) != X12_OK)
        return X12_EINVAL;
    w = x12i_malloc(&a, sizeof *w);
    if (w == NULL)
        return X12_ENOMEM;
    memset(w, 0, sizeof *w);
    w->a = a;
    w->el = '*';
    w->comp = ':';
    w->rep = '^';
    w->term = '~';
    set_delim_table(w);
    w->next_isa13 = w->next_gs06 = w->next_st02 = 1;
    seg_reset(w);
    *out = w;
    return X12_OK;
}

void x12_writer_free(x12_writer *w)
{
    if (w == NULL)
        return;
    /* Buffered FILE output is not written here: a writer freed without
     * x12_writer_finish was abandoned, and half an interchange is worse than
     * none. */
    x12i_free(&w->a, w->data);
    x12i_free(&w->a, w->ents);
    x12i_free(&w->a, w->out);
    x12i_free(&w->a, w);
}

/* ---- output --------------------------------------------------------------- */

static x12_status choose_sink(x12_writer *w, int sink)
{
    w->has_err = 0;
    if (w->total_segs > 0 || w->seg_open || w->dead)
        return fail(w, X12_ESTATE, "output-chosen",
                    "the output must be chosen before the first segment");
    w->sink = sink;
    w->out_len = 0;
    if (w->out != NULL)
        w->out[0] = '\0';
    return X12_OK;
}

x12_status x12_writer_to_callback(x12_writer *w, x12_write_fn fn, void *user)
{
    x12_status st;

    if (w == NULL)
        return X12_EINVAL;
    if (fn == NULL) {
        w->has_err = 0;
        return fail(w, X12_EINVAL, "argument", "the output callback is NULL");
    }
    if ((st = choose_sink(w, SINK_CALLBACK)) != X12_OK)
        return st;
    w->fn = fn;
    w->fn_user = user;
    return X12_OK;
}

x12_status x12_writer_to_file(x12_writer *w, FILE *fp)
{
    x12_status st;

    if (w == NULL)
        return X12_EINVAL;
    if (fp == NULL) {
        w->has_err = 0;
        return fail(w, X12_EINVAL, "argument", "the output FILE is NULL");
    }
    if ((st = choose_sink(w, SINK_FILE)) != X12_OK)
        return st;
    w->fp = fp;
    return X12_OK;
}

x12_status x12_writer_to_memory(x12_writer *w)
{
    if (w == NULL)
        return X12_EINVAL;
    return choose_sink(w, SINK_MEMORY);
}

const char *x12_writer_memory(const x12_writer *w, size_t *len)
{
    if (w == NULL || w->sink != SINK_MEMORY) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (len != NULL)
        *len = w->out_len;
    return w->out != NULL ? w->out : "";
}

/* ---- settings ------------------------------------------------------------- */

x12_status x12_writer_set_delimiters(x12_writer *w, char element, char component,
                                     char repetition, char segment)
{
    char d[4];
    size_t i, j;

    if (w == NULL)
        return X12_EINVAL;
    w->has_err = 0;
    if (w->seg_open)
        return fail(w, X12_ESTATE, "segment-open",
                    "delimiters cannot change while a segment is open");
    if (w->level > 0)
        return fail(w, X12_ESTATE, "nesting",
                    "delimiters cannot change inside an interchange (its ISA announced them)");
    d[0] = element;
    d[1] = component;
    d[2] = repetition;
    d[3] = segment;
    for (i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)d[i];

        if (i == 2 && c == 0)
            continue;
        if (c == 0 || c == ' ' || is_alnum(c))
            return fail(w, X12_EINVAL, "delimiters",
                        "a delimiter cannot be NUL, a space, a letter or a digit");
        /* CR and LF belong to line breaks; only the terminator may be one. */
        if (i != 3 && (c == '\r' || c == '\n'))
            return fail(w, X12_EINVAL, "delimiters",
                        "only the segment terminator may be a CR or LF");
        for (j = 0; j < i; j++)
            if (d[j] == d[i])
                return fail(w, X12_EINVAL, "delimiters", "the four delimiters must differ");
    }
    w->el = element;
    w->comp = component;
    w->rep = repetition;
    w->term = segment;
    set_delim_table(w);
    return X12_OK;
}

x12_status x12_writer_delimiters(const x12_writer *w, x12_delimiters *out)
{
    if (w == NULL || out == NULL)
        return X12_EINVAL;
    out->element = w->el;
    out->component = w->comp;
    out->repetition = w->rep;
    out->segment = w->term;
    return X12_OK;
}

x12_status x12_writer_set_line_break(x12_writer *w, const char *brk)
{
    size_t n, i;

    if (w == NULL)
        return X12_EINVAL;
    w->has_err = 0;
    if (brk == NULL)
        brk = "";
    n = strlen(brk);
    if (n > sizeof w->brk)
        return fail(w, X12_EINVAL, "line-break", "a line break is at most 8 bytes");
    for (i = 0; i < n; i++)
        if (brk[i] != '\r' && brk[i] != '\n')
            return fail(w, X12_EINVAL, "line-break", "a line break is made of CR and LF only");
    memcpy(w->brk, brk, n);
    w->brk_len = n;
    return X12_OK;
}

x12_status x12_writer_set_option(x12_writer *w, x12_writer_option opt, uint64_t value)
{
    if (w == NULL)
        return X12_EINVAL;
    w->has_err = 0;
    switch ((int)opt) { /* an int: callers may pass values outside the enum */
    case X12_WOPT_VERBATIM:
        if (value > 1)
            break;
        w->verbatim = value == 1;
        return X12_OK;
    case X12_WOPT_NEXT_ISA13:
    case X12_WOPT_NEXT_GS06:
    case X12_WOPT_NEXT_ST02:
        if (value > CTL_LIMIT)
            return fail(w, X12_EINVAL, "option",
                        "a control number has at most 9 digits");
        if (opt == X12_WOPT_NEXT_ISA13)
            w->next_isa13 = value;
        else if (opt == X12_WOPT_NEXT_GS06)
            w->next_gs06 = value;
        else
            w->next_st02 = value;
        return X12_OK;
    default:
        return fail(w, X12_EINVAL, "option", "unknown writer option %d", (int)opt);
    }
    return fail(w, X12_EINVAL, "option", "X12_WOPT_VERBATIM is 0 or 1");
}

/* ---- writing segments ----------------------------------------------------- */

x12_status x12_writer_begin(x12_writer *w, const char *id)
{
    x12_status st;
    size_t n = 0;

    if (w == NULL)
        return X12_EINVAL;
    if ((st = writable(w)) != X12_OK)
        return st;
    if (w->seg_open)
        return fail(w, X12_ESTATE, "segment-open",
                    "segment %s is still open (call x12_writer_end first)", w->id);
    if (id != NULL)
        while (n < 4 && ((id[n] >= 'A' && id[n] <= 'Z') || (id[n] >= '0' && id[n] <= '9')))
            n++;
    if (id == NULL || n < 2 || n > 3 || id[n] != '\0')
        return fail(w, X12_EINVAL, "segment-id",
                    "a segment id is 2 or 3 upper-case letters or digits");
    seg_open(w, id, n, 0);
    /* Refused early so that the caller does not build a segment for
     * nothing; no segment is open after a failed begin. */
    if (!w->verbatim && (st = check_nesting(w)) != X12_OK) {
        seg_reset(w);
        return st;
    }
    return X12_OK;
}

/* Checks shared by the add functions. */
static x12_status add_ready(x12_writer *w)
{
    w->has_err = 0;
    if (w->dead)
        return dead_error(w);
    if (!w->seg_open)
        return fail(w, X12_ESTATE, "no-segment",
                    "no segment is open (call x12_writer_begin first)");
    if (w->seg_status != X12_OK) {
        w->err = w->seg_err;
        w->has_err = 1;
        return w->seg_status;
    }
    return X12_OK;
}

static x12_status add_part(x12_writer *w, const char *data, size_t len, unsigned flags)
{
    x12_status st;
    unsigned el, comp = 0, rep = 0;
    int check = 1;

    if (w == NULL)
        return X12_EINVAL;
    if ((st = add_ready(w)) != X12_OK)
        return st;
    if (data == NULL) {
        if (len != 0 && len != X12_NTS)
            return fail_at(w, X12_EINVAL, "argument", 0, 0, 0,
                           "data is NULL but its length is not 0");
        data = "";
        len = 0;
    } else if (len == X12_NTS) {
        len = strlen(data);
    }
    /* The common case first: an element, or a component after one, outside
     * the ISA, with no delimiter in the data.  The position for a message is
     * worked out below, only on the way to a failure. */
    if (!(flags & F_REP) && ((flags & F_ELEM) || w->n_elems > 0) && w->kind != K_ISA) {
        size_t i;

        for (i = 0; i < len && !w->is_delim[(unsigned char)data[i]]; i++)
            ;
        if (i == len)
            return push_value(w, data, len, flags) != 0 ? nomem(w) : X12_OK;
    }
    if (flags & F_ELEM) {
        el = clamp_u(w->n_elems + 1);
        /* ISA11 and ISA16 hold delimiters; x12_writer_end checks them. */
        if (w->kind == K_ISA && (el == 11 || el == 16))
            check = 0;
    } else {
        if (w->n_elems == 0)
            return fail_at(w, X12_EINVAL, "argument", 0, 0, 0,
                           "a component or repetition needs an element first "
                           "(call x12_writer_add)");
        el = clamp_u(w->n_elems);
        if (flags & F_REP) {
            rep = clamp_u(w->cur_rep + 1);
        } else {
            comp = clamp_u(w->cur_comp + 1);
            rep = w->cur_rep > 1 ? clamp_u(w->cur_rep) : 0;
        }
    }
    return add_value(w, data, len, flags, el, comp, rep, check);
}

x12_status x12_writer_add(x12_writer *w, const char *data, size_t len)
{
    return add_part(w, data, len, F_ELEM);
}

x12_status x12_writer_add_component(x12_writer *w, const char *data, size_t len)
{
    return add_part(w, data, len, 0);
}

x12_status x12_writer_add_repetition(x12_writer *w, const char *data, size_t len)
{
    return add_part(w, data, len, F_REP);
}

x12_status x12_writer_add_cents(x12_writer *w, int64_t cents)
{
    char buf[32];
    size_t n = x12i_cents_x12(buf, cents);

    return add_part(w, buf, n, F_ELEM);
}

x12_status x12_writer_add_uint(x12_writer *w, uint64_t value)
{
    char buf[24];
    size_t n = x12i_u64_text(buf, value, 1);

    return add_part(w, buf, n, F_ELEM);
}

x12_status x12_writer_end(x12_writer *w)
{
    seg_end e;
    x12_status st;

    if (w == NULL)
        return X12_EINVAL;
    w->has_err = 0;
    if (w->dead) {
        seg_reset(w);
        return dead_error(w);
    }
    if (!w->seg_open)
        return fail(w, X12_ESTATE, "no-segment",
                    "no segment is open (call x12_writer_begin first)");
    e = default_end(w);
    st = finalize(w, &e);
    return st;
}

/*
 * Copying keeps each element's repetitions and components as the reader
 * split them and writes them with this writer's delimiters.  The ISA is
 * copied element by element as raw text (its widths as read); ISA11 and
 * ISA16, which name the source's repetition and component separators, are
 * replaced by the writer's.
 *
 * X12_COPY_KEEP_BREAKS writes the segment's own layout instead of the
 * writer's line break: the bytes skipped before an ISA (a byte-order mark,
 * white space), and the trailer, which the reader defines as the source
 * terminator plus the white space after it (when the source terminator is
 * LF and a CR preceded it, the trailer is "\r\n...").  The trailer is
 * written as follows:
 *  - writer terminator equal to the source's: the trailer unchanged, so
 *    that copying with the source's delimiters reproduces the input;
 *  - source terminator CR or LF (it was also the line break): the writer's
 *    terminator, then the whole trailer ("\n" -> "~\n", "\r\n" -> "~\r\n");
 *  - otherwise: the writer's terminator, then the trailer with its first
 *    source-terminator byte removed ("~\r\n" -> "|\r\n" for terminator '|');
 *  - a trailer without the source terminator (the input ended inside the
 *    segment): in verbatim mode as it is, so the copy ends the same way;
 *    otherwise after the writer's terminator.
 */
x12_status x12_writer_copy(x12_writer *w, const x12_segment *seg, unsigned flags)
{
    x12_status st;
    x12_str id, v, t;
    x12_delimiters d;
    seg_end e;
    size_t i, k, j, n, p;
    const char *hit, *rp, *ve;
    int multi_rep;

    if (w == NULL)
        return X12_EINVAL;
    if ((st = writable(w)) != X12_OK)
        return st;
    if (seg == NULL)
        return fail(w, X12_EINVAL, "argument", "the segment is NULL");
    if ((flags & ~X12_COPY_KEEP_BREAKS) != 0)
        return fail(w, X12_EINVAL, "argument", "unknown copy flags 0x%x", flags);
    if (w->seg_open)
        return fail(w, X12_ESTATE, "segment-open",
                    "segment %s is still open (call x12_writer_end first)", w->id);

    id = x12_segment_id(seg);
    d = x12_segment_delimiters(seg);
    e = default_end(w);
    seg_open(w, id.ptr, id.len, 1);
    /* Verbatim mode copies whatever id the reader found (even none, as in
     * "*IC*..." after a lost "PER"); otherwise it must look like one. */
    if (!w->verbatim) {
        for (i = 0; i < id.len; i++)
            if ((unsigned char)id.ptr[i] <= 0x20 || (unsigned char)id.ptr[i] >= 0x7f)
                break;
        if (id.len < 1 || id.len > 3 || i < id.len) {
            fail_at(w, X12_EINVAL, "segment-id", 0, 0, 0,
                    "the segment id is not 1 to 3 printable characters");
            return finalize(w, &e);
        }
    }
    if (check_delims(w, id.ptr, id.len, 0, 0, 0) != X12_OK)
        return finalize(w, &e);

    n = x12_segment_count(seg);
    for (i = 1; i <= n && w->seg_status == X12_OK; i++) {
        if (w->kind == K_ISA) {
            v = x12_segment_element(seg, i);
            if (i == 11 && d.repetition != 0 && v.len == 1 && v.ptr[0] == d.repetition) {
                v.ptr = w->rep != 0 ? &w->rep : "U";
                v.len = 1;
            } else if (i == 16 && v.len == 1 && v.ptr[0] == d.component) {
                v.ptr = &w->comp;
                v.len = 1;
            }
            add_value(w, v.ptr, v.len, F_ELEM, clamp_u(i), 0, 0, i != 11 && i != 16);
            continue;
        }
        /* One pass over the element, splitting on the source's repetition
         * and component separators as it goes (fetching each value by index
         * would rescan the element and be quadratic).  An empty element or
         * repetition is one empty value. */
        v = x12_segment_element(seg, i);
        multi_rep = d.repetition != 0 && memchr(v.ptr, d.repetition, v.len) != NULL;
        for (k = 1, rp = v.ptr, ve = v.ptr + v.len; w->seg_status == X12_OK; k++) {
            const char *re = d.repetition != 0 ? memchr(rp, d.repetition, (size_t)(ve - rp)) : NULL;
            const char *cp = rp, *rend = re != NULL ? re : ve;
            int multi_comp = memchr(rp, d.component, (size_t)(rend - rp)) != NULL;

            for (j = 1; w->seg_status == X12_OK; j++) {
                const char *ce = memchr(cp, d.component, (size_t)(rend - cp));
                const char *cend = ce != NULL ? ce : rend;
                add_value(w, cp, (size_t)(cend - cp), j > 1 ? 0u : k > 1 ? F_REP : F_ELEM,
                          clamp_u(i), multi_comp ? clamp_u(j) : 0, multi_rep ? clamp_u(k) : 0, 1);
                if (ce == NULL)
                    break;
                cp = ce + 1;
            }
            if (re == NULL)
                break;
            rp = re + 1;
        }
    }

    if (flags & X12_COPY_KEEP_BREAKS) {
        e.lead = x12_segment_leading(seg);
        t = x12_segment_trailer(seg);
        e.a = t;
        e.b.ptr = "";
        e.b.len = 0;
        hit = t.len > 0 ? memchr(t.ptr, d.segment, t.len) : NULL;
        if (hit == NULL) {
            e.write_term = !w->verbatim;
        } else if (d.segment == w->term) {
            e.write_term = 0;
        } else if (d.segment == '\r' || d.segment == '\n') {
            e.write_term = 1;
        } else {
            p = (size_t)(hit - t.ptr);
            e.write_term = 1;
            e.a.len = p;
            e.b.ptr = hit + 1;
            e.b.len = t.len - p - 1;
        }
    }
    return finalize(w, &e);
}

/* The general path of x12i_writer_segment: the public calls. */
static x12_status segment_by_calls(x12_writer *w, const char *id, const x12i_wval *v, size_t n)
{
    x12_status st, st2;
    size_t i;

    if ((st = x12_writer_begin(w, id)) != X12_OK)
        return st;
    for (i = 0; i < n && st == X12_OK; i++)
        st = v[i].elem ? x12_writer_add(w, v[i].ptr, v[i].len)
                       : x12_writer_add_component(w, v[i].ptr, v[i].len);
    st2 = x12_writer_end(w);
    return st != X12_OK ? st : st2;
}

x12_status x12i_writer_segment(x12_writer *w, const char *id, const x12i_wval *v, size_t n)
{
    size_t idlen = 0, need, i, k, start, pe = 0, pc = 0;
    char *o;

    /* Only an ordinary segment of a set written by the rules (the envelope
     * segments fill and check counts and control numbers; verbatim mode
     * keeps empty values), its id well formed, its first value an element. */
    if (w == NULL || w->dead || w->sink == SINK_NONE || w->seg_open || w->verbatim ||
        w->level != 3 || id == NULL || (n > 0 && !v[0].elem))
        return segment_by_calls(w, id, v, n);
    while (idlen < 4 && ((id[idlen] >= 'A' && id[idlen] <= 'Z') ||
                         (id[idlen] >= '0' && id[idlen] <= '9')))
        idlen++;
    if (idlen < 2 || idlen > 3 || id[idlen] != '\0' || kind_of(id, idlen) != K_OTHER)
        return segment_by_calls(w, id, v, n);
    need = idlen + 1 + w->brk_len + n;
    for (i = 0; i < n; i++)
        if ((need += v[i].len) < v[i].len)
            return segment_by_calls(w, id, v, n);
    if (out_reserve(w, need) != 0)
        return segment_by_calls(w, id, v, n);
    /* Rendered after the output's end and kept only when it is all good:
     * a value with a delimiter in it sends the segment the long way, which
     * fails it with the located error. */
    start = w->out_len;
    o = w->out + start;
    for (k = 0; k < idlen; k++)
        *o++ = id[k];
    for (i = 0; i < n; i++) {
        const char *p = v[i].ptr;
        size_t len = v[i].len;

        /* Trimming as in render(): empty elements and components are held
         * back until something non-empty follows in their scope. */
        if (len == 0) {
            if (v[i].elem) {
                pe++;
                pc = 0;
            } else {
                pc++;
            }
            continue;
        }
        put_seps(&o, w->el, pe);
        if (v[i].elem) {
            *o++ = w->el;
        } else {
            put_seps(&o, w->comp, pc);
            *o++ = w->comp;
        }
        pe = pc = 0;
        /* Values are short: copy and look for delimiters in one loop. */
        for (k = 0; k < len; k++) {
            unsigned char c = (unsigned char)p[k];
            if (w->is_delim[c]) {
                w->out[start] = '\0'; /* the output ends where it did */
                return segment_by_calls(w, id, v, n);
            }
            *o++ = (char)c;
        }
    }
    *o++ = w->term;
    put(&o, w->brk, w->brk_len);
    w->out_len = (size_t)(o - w->out);
    w->out[w->out_len] = '\0';
    w->has_err = 0;
    /* advance_envelope for an ordinary segment inside a set */
    w->total_segs++;
    w->ic_segs++;
    w->set_segs++;
    return emit(w, start);
}

/* SE, GE or IEA with the counts and control numbers of the open envelope. */
static x12_status close_level(x12_writer *w, const char *id)
{
    char num[24];
    size_t n;
    uint64_t count;
    const ctlnum *c;
    seg_end e;
    x12_status st;

    if (w == NULL)
        return X12_EINVAL;
    if ((st = writable(w)) != X12_OK)
        return st;
    if (w->seg_open)
        return fail(w, X12_ESTATE, "segment-open",
                    "segment %s is still open (call x12_writer_end first)", w->id);
    seg_open(w, id, strlen(id), 0);
    /* The counts only mean something with the right envelope open, so the
     * nesting rules apply here in verbatim mode too. */
    if ((st = check_nesting(w)) != X12_OK) {
        seg_reset(w);
        return st;
    }
    if (w->kind == K_SE) {
        count = w->set_segs + 1;
        c = &w->st02;
    } else if (w->kind == K_GE) {
        count = w->sets;
        c = &w->gs06;
    } else {
        count = w->groups;
        c = &w->isa13;
    }
    if (c->too_long) {
        fail_at(w, X12_ERANGE, "control-number", 2, 0, 0,
                "the control number to repeat is longer than %d characters", CTL_MAX);
    } else {
        n = x12i_u64_text(num, count, 1);
        /* An empty control number (possible only in verbatim mode) is left
         * out rather than written as a trailing separator. */
        if (push_value(w, num, n, F_ELEM) != 0 ||
            (c->len > 0 && push_value(w, c->s, c->len, F_ELEM) != 0))
            nomem(w);
    }
    e = default_end(w);
    return finalize(w, &e);
}

x12_status x12_writer_close_set(x12_writer *w)
{
    return close_level(w, "SE");
}

x12_status x12_writer_close_group(x12_writer *w)
{
    return close_level(w, "GE");
}

x12_status x12_writer_close_interchange(x12_writer *w)
{
    return close_level(w, "IEA");
}

x12_status x12_writer_finish(x12_writer *w)
{
    x12_status st;

    if (w == NULL)
        return X12_EINVAL;
    w->has_err = 0;
    if (w->dead)
        return dead_error(w);
    if ((st = flush_file(w)) != X12_OK)
        return st;
    if (w->seg_open)
        return fail(w, X12_ESTATE, "segment-open",
                    "segment %s was begun but not ended", w->id[0] ? w->id : "(invalid)");
    /* Verbatim mode copies what it is given, truncated files included. */
    if (!w->verbatim && w->level > 0)
        return fail(w, X12_ESTATE, "nesting",
                    w->level == 3   ? "a transaction set is still open (close the set, the "
                                      "group and the interchange)"
                    : w->level == 2 ? "a functional group is still open (close the group "
                                      "and the interchange)"
                                    : "an interchange is still open (close it with IEA)");
    return X12_OK;
}

const x12_error *x12_writer_last_error(const x12_writer *w)
{
    return w != NULL && w->has_err ? &w->err : NULL;
}

uint64_t x12_writer_segment_count(const x12_writer *w)
{
    return w != NULL ? w->total_segs : 0;
}
