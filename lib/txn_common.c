/*
 * Pieces shared by the eligibility and claim status modules: the arena of a
 * handle, growable arrays in it, text checks, edit records, the start and
 * end of a request, and the pull loop of the 271 and 277 streams.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "txn_internal.h"

/* ---- arena -------------------------------------------------------------------- */

#define TX_ALIGN 16u
#define TX_BLOCK_MIN 4096u

void tx_arena_init(tx_arena *ar, const x12i_alloc *a)
{
    ar->a = *a;
    ar->head = NULL;
}

void tx_arena_reset(tx_arena *ar)
{
    tx_block *b = ar->head, *next;

    if (b == NULL)
        return;
    /* Keep the newest block (the largest so far) for reuse. */
    next = b->next;
    b->next = NULL;
    b->used = 0;
    while (next != NULL) {
        tx_block *n = next->next;
        x12i_free(&ar->a, next);
        next = n;
    }
}

void tx_arena_free(tx_arena *ar)
{
    tx_block *b = ar->head;

    while (b != NULL) {
        tx_block *n = b->next;
        x12i_free(&ar->a, b);
        b = n;
    }
    ar->head = NULL;
}

static size_t hdr_size(void)
{
    return (sizeof(tx_block) + TX_ALIGN - 1) & ~(size_t)(TX_ALIGN - 1);
}

void *tx_alloc(tx_arena *ar, size_t n)
{
    tx_block *b = ar->head;
    size_t need = (n + TX_ALIGN - 1) & ~(size_t)(TX_ALIGN - 1);
    char *p;

    if (need < n)
        return NULL;
    if (b == NULL || b->size - b->used < need) {
        size_t size = b != NULL && b->size < ((size_t)1 << 20) ? b->size * 2 : TX_BLOCK_MIN;
        if (b != NULL && b->size >= ((size_t)1 << 20))
            size = b->size;
        if (size < need)
            size = need;
        if (size > SIZE_MAX - hdr_size())
            return NULL;
        b = x12i_malloc(&ar->a, hdr_size() + size);
        if (b == NULL)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = ar->head;
        ar->head = b;
    }
    p = (char *)b + hdr_size() + b->used;
    b->used += need;
    memset(p, 0, need);
    return p;
}

int tx_copy(tx_arena *ar, const char *p, size_t len, x12_str *out)
{
    char *q;

    if (len == 0) {
        out->ptr = "";
        out->len = 0;
        return 0;
    }
    if (len == SIZE_MAX || (q = tx_alloc(ar, len + 1)) == NULL) {
        out->ptr = "";
        out->len = 0;
        return -1;
    }
    memcpy(q, p, len);
    q[len] = '\0';
    out->ptr = q;
    out->len = len;
    return 0;
}

void *tx_push(tx_arena *ar, tx_vec *v, size_t elem)
{
    char *p;

    if (v->n == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 4;
        void *items;

        if (ncap > SIZE_MAX / elem)
            return NULL;
        items = tx_alloc(ar, ncap * elem);
        if (items == NULL)
            return NULL;
        if (v->n > 0)
            memcpy(items, v->items, v->n * elem);
        v->items = items;
        v->cap = ncap;
    }
    p = (char *)v->items + v->n * elem;
    v->n++;
    memset(p, 0, elem);
    return p;
}

/* ---- text ----------------------------------------------------------------------- */

size_t tx_len(const char *v, size_t len)
{
    if (v == NULL)
        return 0;
    return len == X12_NTS ? strlen(v) : len;
}

void tx_date_range(x12_str v, x12_str *from, x12_str *to)
{
    const char *dash = v.len ? memchr(v.ptr, '-', v.len) : NULL;

    if (dash == NULL) {
        *from = v;
        *to = v;
        return;
    }
    *from = tx_view(v.ptr, (size_t)(dash - v.ptr));
    *to = tx_view(dash + 1, v.len - (size_t)(dash - v.ptr) - 1);
}

int tx_has_delimiter(x12_str v, const char delims[4])
{
    size_t i;

    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.ptr[i];
        if (c < 0x20 || c == 0x7f || c == (unsigned char)delims[0] ||
            c == (unsigned char)delims[1] || c == (unsigned char)delims[2] ||
            c == (unsigned char)delims[3])
            return 1;
    }
    return 0;
}

/* ---- edits --------------------------------------------------------------------------- */

void tx_edits_clear(const x12i_alloc *a, tx_edits *e)
{
    size_t i;

    for (i = 0; i < e->npaths; i++)
        x12i_free(a, e->paths[i]);
    e->npaths = 0;
    e->list.count = 0;
}

void tx_edits_free(const x12i_alloc *a, tx_edits *e)
{
    tx_edits_clear(a, e);
    x12i_free(a, e->paths);
    e->paths = NULL;
    e->cap = 0;
    x12i_errlist_free(a, &e->list);
}

int tx_edit(const x12i_alloc *a, tx_edits *e, const char *path, const char *rule,
            const char *segid, const char *loop, unsigned element, const char *fmt, ...)
{
    x12_error *rec;
    va_list ap;
    size_t n = strlen(path);
    char *copy;

    if (e->npaths == e->cap) {
        size_t ncap = e->cap ? e->cap * 2 : 16;
        char **p = x12i_realloc(a, e->paths, ncap * sizeof *p);
        if (p == NULL)
            return -1;
        e->paths = p;
        e->cap = ncap;
    }
    copy = x12i_malloc(a, n + 1);
    if (copy == NULL)
        return -1;
    rec = x12i_errlist_push(a, &e->list);
    if (rec == NULL) {
        x12i_free(a, copy);
        return -1;
    }
    memcpy(copy, path, n + 1);
    e->paths[e->npaths++] = copy;
    va_start(ap, fmt);
    x12i_error_vset(rec, X12_EEDIT, X12_SEV_ERROR, rule, 0, segid, segid ? strlen(segid) : 0, 0,
                    element, fmt, ap);
    va_end(ap);
    if (loop != NULL)
        x12i_error_set_loop(rec, loop);
    return 0;
}

/* ---- requests -------------------------------------------------------------------- */

x12_status tx_request_new(const x12_allocator *alloc, size_t size, void **out)
{
    x12i_alloc a;
    tx_request *h;
    x12_status st;

    *out = NULL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    h = x12i_malloc(&a, size);
    if (h == NULL)
        return X12_ENOMEM;
    memset(h, 0, size);
    h->a = a;
    tx_arena_init(&h->ar, &a);
    *out = h;
    return X12_OK;
}

void tx_request_free(tx_request *h)
{
    x12i_alloc a;

    if (h == NULL)
        return;
    a = h->a;
    tx_edits_free(&a, &h->edits);
    tx_arena_free(&h->ar);
    x12i_free(&a, h);
}

/* ---- the pull loop of the streams ------------------------------------------------------ */

static x12_status drive_die(tx_drive *d, x12_reader *r, x12_status st)
{
    if (st == X12_ENOMEM && !d->have_last) {
        x12i_error_set(&d->last, X12_ENOMEM, X12_SEV_FATAL, "memory", 0, NULL, 0,
                       x12_reader_offset(r), 0, "out of memory");
        d->have_last = 1;
    }
    d->dead = st;
    return st;
}

/* A record is complete: X12_OK, unless memory ran out on the way. */
static x12_status drive_record(tx_drive *d, x12_reader *r)
{
    return d->nomem ? drive_die(d, r, X12_ENOMEM) : X12_OK;
}

void tx_drive_diag(tx_drive *d, const x12i_alloc *a, x12i_errlist *doc_errors,
                   uint64_t *doc_dropped, const x12_error *e)
{
    int kept = x12i_diags_add(a, &d->diags, e);

    if (kept < 0) {
        d->nomem = 1;
    } else if (doc_errors != NULL && kept == 0) {
        (*doc_dropped)++;
    } else if (doc_errors != NULL) {
        x12_error *k = x12i_errlist_push(a, doc_errors);

        if (k == NULL)
            d->nomem = 1;
        else
            *k = *e;
    }
    if (d->on_error != NULL)
        d->on_error(d->on_error_user, e);
}

/* A coverage's or a claim's list: its arena and vector. */
typedef struct tx_slot {
    tx_arena *ar;
    tx_vec *v;
} tx_slot;

static x12_error *tx_error_slot(void *list)
{
    tx_slot *c = list;

    return tx_push(c->ar, c->v, sizeof(x12_error));
}

void tx_drive_keep(tx_drive *d, tx_arena *ar, tx_vec *v, uint64_t *dropped, const x12_error *e)
{
    tx_slot c;

    c.ar = ar;
    c.v = v;
    if (x12i_diags_keep(d->diags.max, v->n, dropped, tx_error_slot, &c, e) < 0)
        d->nomem = 1;
}

void tx_drive_set_error_handler(tx_drive *d, x12_error_fn fn, void *user)
{
    if (d == NULL)
        return;
    d->on_error = fn;
    d->on_error_user = user;
}

size_t tx_drive_error_count(const tx_drive *d)
{
    return d ? d->diags.list.count : 0;
}

const x12_error *tx_drive_error_at(const tx_drive *d, size_t i)
{
    return d && i < d->diags.list.count ? &d->diags.list.items[i] : NULL;
}

const x12_error *tx_drive_last_error(const tx_drive *d)
{
    return d && d->have_last && d->dead != X12_OK ? &d->last : NULL;
}

void tx_drive_free(tx_drive *d, const x12i_alloc *a)
{
    x12i_diags_free(a, &d->diags);
}

/* The loop of tx_drive_next: the diagnostics list is the caller's. */
static x12_status drive_next(tx_drive *d, x12_reader *r, const tx_drive_ops *ops, void *stream)
{
    const x12_segment *seg;
    x12_status st;
    size_t i, n;

    for (;;) {
        if (d->nomem)
            return drive_die(d, r, X12_ENOMEM);
        if (d->held != NULL) {
            const x12_segment *h = d->held;
            d->held = NULL;
            if (ops->handle(stream, h)) {
                d->held = h;
                return drive_record(d, r);
            }
            continue;
        }
        if (d->finished)
            return X12_END;
        st = x12_reader_next(r, &seg);
        n = x12_reader_error_count(r);
        for (i = 0; i < n; i++)
            ops->diag(stream, x12_reader_error_at(r, i));
        if (st == X12_OK) {
            if (ops->handle(stream, seg)) {
                d->held = seg;
                return drive_record(d, r);
            }
            continue;
        }
        if (st == X12_END) {
            if (ops->end(stream))
                return drive_record(d, r);
            d->finished = 1;
            continue;
        }
        if (st == X12_AGAIN)
            return X12_AGAIN;
        {
            const x12_error *e = x12_reader_last_error(r);

            if (e != NULL) {
                d->last = *e;
                d->have_last = 1;
                if (x12_error_severity(e) != X12_SEV_FATAL) {
                    ops->diag(stream, e); /* the reader skipped bad bytes and goes on */
                    continue;
                }
            } else {
                x12i_error_set(&d->last, st, X12_SEV_FATAL, "reader", 0, NULL, 0,
                               x12_reader_offset(r), 0, "%s", x12_strerror(st));
                d->have_last = 1;
            }
            return drive_die(d, r, st);
        }
    }
}

x12_status tx_drive_next(tx_drive *d, x12_reader *r, const tx_drive_ops *ops, void *stream)
{
    x12_status st;

    if (d->dead != X12_OK)
        return d->dead;
    d->have_last = 0;
    x12i_diags_new_call(&d->diags);
    st = drive_next(d, r, ops, stream);
    if (st == X12_OK)
        x12i_diags_new_span(&d->diags); /* a record was handed out */
    return st;
}
