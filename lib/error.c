/*
 * Status texts, error records and the allocation helpers every module uses.
 */
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *x12_version(void)
{
    return X12_VERSION_STRING;
}

const char *x12_strerror(x12_status status)
{
    switch (status) {
    case X12_OK: return "success";
    case X12_END: return "end of input";
    case X12_AGAIN: return "more input is needed";
    case X12_ENOMEM: return "out of memory";
    case X12_EINVAL: return "invalid argument";
    case X12_EIO: return "input/output error";
    case X12_EGZIP: return "corrupt or truncated gzip data";
    case X12_ESYNTAX: return "input is not well-formed X12";
    case X12_ELIMIT: return "a configured limit was exceeded";
    case X12_EENVELOPE: return "envelope error (ISA/IEA, GS/GE, ST/SE)";
    case X12_EDELIM: return "delimiter character inside data";
    case X12_ESTATE: return "call not allowed in the current state";
    case X12_ERANGE: return "value does not fit its field";
    case X12_EEDIT: return "the claims fail pre-submission edits";
    }
    return "unknown status";
}

/* ---- allocation --------------------------------------------------------- */

static void *libc_malloc(size_t n, void *u) { (void)u; return malloc(n); }
static void *libc_realloc(void *p, size_t n, void *u) { (void)u; return realloc(p, n); }
static void libc_free(void *p, void *u) { (void)u; free(p); }

#define X12I_ALLOCATOR_V1_SIZE (offsetof(x12_allocator, user) + sizeof(void *))
_Static_assert(sizeof(x12_allocator) >= X12I_ALLOCATOR_V1_SIZE,
               "x12_allocator only ever grows from its first version");

x12_status x12i_alloc_init(x12i_alloc *dst, const x12_allocator *src)
{
    if (src == NULL) {
        dst->malloc_fn = libc_malloc;
        dst->realloc_fn = libc_realloc;
        dst->free_fn = libc_free;
        dst->user = NULL;
        return X12_OK;
    }
    /* The first version of the structure has these five members: every
     * size from it up is taken (a program built against an older header
     * passes the older, smaller size once the structure grows; a newer
     * one a bigger size), and only the members it covers are read. */
    if (src->struct_size < X12I_ALLOCATOR_V1_SIZE || src->malloc_fn == NULL ||
        src->realloc_fn == NULL || src->free_fn == NULL)
        return X12_EINVAL;
    dst->malloc_fn = src->malloc_fn;
    dst->realloc_fn = src->realloc_fn;
    dst->free_fn = src->free_fn;
    dst->user = src->user;
    return X12_OK;
}

void *x12i_malloc(const x12i_alloc *a, size_t n)
{
    return a->malloc_fn(n ? n : 1, a->user);
}

void *x12i_realloc(const x12i_alloc *a, void *p, size_t n)
{
    return a->realloc_fn(p, n ? n : 1, a->user);
}

void x12i_free(const x12i_alloc *a, void *p)
{
    if (p != NULL)
        a->free_fn(p, a->user);
}

int x12i_grow(const x12i_alloc *a, void **buf, size_t *cap, size_t need, size_t elem)
{
    size_t ncap;
    void *nb;

    X12_ASSERT(a != NULL && buf != NULL && cap != NULL && elem > 0);
    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return -1;
    nb = x12i_realloc(a, *buf, ncap * elem);
    if (nb == NULL)
        return -1;
    *buf = nb;
    *cap = ncap;
    return 0;
}

/* ---- error records ------------------------------------------------------ */

void x12i_error_vset(x12_error *e, x12_status st, x12_severity sev, const char *rule,
                     uint64_t segno, const char *segid, size_t segid_len,
                     uint64_t offset, unsigned element, const char *fmt, va_list ap)
{
    size_t i, n = 0;

    memset(e, 0, sizeof *e);
    e->status = st;
    e->severity = sev;
    e->rule = rule ? rule : "";
    e->segno = segno;
    e->offset = offset;
    e->element = element;
    if (segid != NULL && segid_len > 0) {
        /* Only an id of X12's shape (a capital letter, then one or two
         * capitals or digits) is kept.  Anything else is shown as "?": the
         * bytes where an id should be may be data - a file that starts
         * with a patient's name, a segment cut after its terminator - and
         * error records must not carry identifying values. */
        if (x12i_segid_shaped(segid, segid_len)) {
            memcpy(e->segid, segid, segid_len);
            n = segid_len;
        } else {
            e->segid[n++] = '?';
        }
    }
    e->segid[n] = '\0';
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    /* A message is one printable line whatever input bytes a module quoted
     * into it (a value with a line feed would forge a second log line). */
    for (i = 0; e->message[i] != '\0'; i++)
        if ((unsigned char)e->message[i] < 0x20 || (unsigned char)e->message[i] == 0x7f)
            e->message[i] = '?';
}

void x12i_error_set(x12_error *e, x12_status st, x12_severity sev, const char *rule,
                    uint64_t segno, const char *segid, size_t segid_len,
                    uint64_t offset, unsigned element, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(e, st, sev, rule, segno, segid, segid_len, offset, element, fmt, ap);
    va_end(ap);
}

void x12i_error_set_loop(x12_error *e, const char *loop)
{
    snprintf(e->loop, sizeof e->loop, "%s", loop ? loop : "");
}

x12_error *x12i_errlist_push(const x12i_alloc *a, x12i_errlist *l)
{
    void *items = l->items;

    if (x12i_grow(a, &items, &l->cap, l->count + 1, sizeof(x12_error)) != 0)
        return NULL;
    l->items = items;
    return &l->items[l->count++];
}

void x12i_errlist_free(const x12i_alloc *a, x12i_errlist *l)
{
    x12i_free(a, l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

int x12i_diags_add(const x12i_alloc *a, x12i_diags *d, const x12_error *e)
{
    x12_error *k;

    if (x12i_limit_reached(d->max, d->span_kept)) {
        d->dropped++;
        return 0;
    }
    k = x12i_errlist_push(a, &d->list);
    if (k == NULL)
        return -1;
    *k = *e;
    d->span_kept++;
    return 1;
}

int x12i_diags_keep(size_t max, size_t n, uint64_t *dropped, x12i_diag_slot_fn slot, void *ctx,
                    const x12_error *e)
{
    x12_error *k;

    if (x12i_limit_reached(max, n)) {
        (*dropped)++;
        return 0;
    }
    k = slot(ctx);
    if (k == NULL)
        return -1;
    *k = *e;
    return 1;
}

void x12i_diags_new_call(x12i_diags *d)
{
    d->list.count = 0;
    d->dropped = 0;
}

void x12i_diags_new_span(x12i_diags *d)
{
    d->span_kept = 0;
}

void x12i_diags_free(const x12i_alloc *a, x12i_diags *d)
{
    x12i_errlist_free(a, &d->list);
    d->dropped = 0;
    d->span_kept = 0;
}

x12_status x12i_diags_set_max(x12i_diags *d, size_t max)
{
    if (d == NULL)
        return X12_EINVAL;
    d->max = max;
    return X12_OK;
}

uint64_t x12i_diags_dropped(const x12i_diags *d)
{
    return d != NULL ? d->dropped : 0;
}

const char *x12i_quote(char *buf, size_t size, const char *p, size_t len)
{
    size_t i, n = 0;

    if (size == 0)
        return buf;
    for (i = 0; i < len && n + 1 < size && n < 20; i++) {
        unsigned char c = (unsigned char)p[i];
        buf[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (i < len && n >= 3 && n + 1 < size) {
        buf[n - 3] = buf[n - 2] = buf[n - 1] = '.';
    }
    buf[n] = '\0';
    return buf;
}

/* ---- what a message may quote ------------------------------------------- */

int x12i_segid_shaped(const char *p, size_t n)
{
    size_t i;

    if (n < 2 || n > 3)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!((c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

const char *x12i_segid_text(char *buf, size_t size, const char *p, size_t n)
{
    if (x12i_segid_shaped(p, n))
        snprintf(buf, size, "segment %.*s", (int)n, p);
    else if (n == 0)
        snprintf(buf, size, "a segment with an empty id");
    else
        snprintf(buf, size, "a segment whose id is not 2-3 capital letters or digits");
    return buf;
}

int x12i_value_quotable(const char *p, size_t n, size_t maxlen, const char *codes)
{
    size_t i;

    if (n == 0 || n > maxlen)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            continue;
        /* A character some code of the list has (and the list's own
         * separator, a space, never counts). */
        if (c == ' ' || c < 0x21 || c > 0x7e || codes == NULL || strchr(codes, (int)c) == NULL)
            return 0;
    }
    return 1;
}

int x12i_quote_value(char *buf, size_t size, const char *p, size_t n, size_t maxlen,
                     const char *codes)
{
    if (x12i_value_quotable(p, n, maxlen, codes)) {
        snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), p);
        return 1;
    }
    snprintf(buf, size, "a value of %zu character%s", n, n == 1 ? "" : "s");
    return 0;
}

const char *x12i_quote_msg(char *buf, size_t size, const char *p, size_t n, size_t maxlen,
                           const char *codes, int quotes)
{
    char v[32];

    if (n == 0)
        snprintf(buf, size, "%s", quotes ? "''" : "(empty)");
    else if (x12i_quote_value(v, sizeof v, p, n, maxlen, codes))
        snprintf(buf, size, quotes ? "'%s'" : "%s", v);
    else
        snprintf(buf, size, "(%s)", v);
    return buf;
}

void x12i_error_set_segid(x12_error *e, const char *p, size_t n)
{
    if (n == 0)
        e->segid[0] = '\0';
    else if (x12i_segid_shaped(p, n))
        snprintf(e->segid, sizeof e->segid, "%.*s", (int)n, p);
    else
        memcpy(e->segid, "?", 2);
}

/* ---- public accessors --------------------------------------------------- */

x12_status x12_error_status(const x12_error *e) { return e ? e->status : X12_EINVAL; }
x12_severity x12_error_severity(const x12_error *e) { return e ? e->severity : X12_SEV_ERROR; }
uint64_t x12_error_segment_number(const x12_error *e) { return e ? e->segno : 0; }
const char *x12_error_segment_id(const x12_error *e) { return e ? e->segid : ""; }
const char *x12_error_loop_id(const x12_error *e) { return e ? e->loop : ""; }
unsigned x12_error_element(const x12_error *e) { return e ? e->element : 0; }
unsigned x12_error_component(const x12_error *e) { return e ? e->component : 0; }
unsigned x12_error_repetition(const x12_error *e) { return e ? e->repetition : 0; }
uint64_t x12_error_offset(const x12_error *e) { return e ? e->offset : 0; }
const char *x12_error_rule(const x12_error *e) { return e ? e->rule : ""; }
const char *x12_error_message(const x12_error *e) { return e ? e->message : ""; }

size_t x12_error_format(const x12_error *e, char *buf, size_t size)
{
    char pos[64];
    int n;

    if (e == NULL)
        return 0;
    if (e->element && e->component)
        snprintf(pos, sizeof pos, "%s-%02u-%u", e->segid, e->element, e->component);
    else if (e->element)
        snprintf(pos, sizeof pos, "%s-%02u", e->segid, e->element);
    else
        snprintf(pos, sizeof pos, "%s", e->segid[0] ? e->segid : "-");
    n = snprintf(buf, size, "%llu:%s: %s", (unsigned long long)e->segno, pos, e->message);
    return n < 0 ? 0 : (size_t)n;
}
