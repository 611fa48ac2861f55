/*
 * tables: column buffers in Arrow's layouts, reused from batch to batch
 * (include/x12/tables.h): fixed-width values, string bytes with offsets,
 * dictionaries, validity bitmaps; the diagnostics table; the accessors.
 * What fills them is per kind (remit835_tables.c for the 835).
 *
 * Memory: every column keeps its buffers from batch to batch (a batch only
 * resets counts), so a handle grows to its largest batch and no further.
 * Fixed-width values grow together, one row capacity per table; string
 * bytes and dictionaries grow on their own.
 */
#include <stdio.h>
#include <string.h>

#include "tables_internal.h"

/* ---- columns ---------------------------------------------------------------- */

static size_t type_width(unsigned type)
{
    switch (type) {
    case TY_I64: return 8;
    case TY_I32: case TY_DICT: return 4;
    case TY_BOOL: return 1;
    default: return 0;
    }
}

static int grow_bytes(x12_tables *t, tcol *c, size_t need)
{
    size_t cap = c->bcap ? c->bcap : 256;
    char *nb;

    if (need <= c->bcap)
        return 0;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            t->nomem = 1;
            return -1;
        }
        cap *= 2;
    }
    nb = x12i_realloc(&t->a, c->bytes, cap);
    if (nb == NULL) {
        t->nomem = 1;
        return -1;
    }
    c->bytes = nb;
    c->bcap = cap;
    return 0;
}

/* Row capacity `cap` for every fixed-width buffer of a column. */
static int col_reserve(x12_tables *t, tcol *c, size_t cap)
{
    size_t w = type_width(c->type);

    if (w > 0) {
        void *nv = x12i_realloc(&t->a, c->values, cap * w);

        if (nv == NULL)
            return -1;
        c->values = nv;
    }
    if (c->type == TY_STR) {
        int64_t *no = x12i_realloc(&t->a, c->offsets, (cap + 1) * sizeof *no);

        if (no == NULL)
            return -1;
        c->offsets = no;
    }
    if (c->nullable && (cap + 7) / 8 > c->vcap) {
        uint8_t *nv = x12i_realloc(&t->a, c->validity, (cap + 7) / 8);

        if (nv == NULL)
            return -1;
        c->validity = nv;
        c->vcap = (cap + 7) / 8;
    }
    return 0;
}

/* Room for one more row in every column of a table. */
int x12i_table_row(x12_tables *t, ttable *tb)
{
    size_t cap, i;

    if (tb->rows < tb->cap)
        return 0;
    if (tb->cap > SIZE_MAX / 16 / 2) {
        t->nomem = 1;
        return -1;
    }
    cap = tb->cap * 2;
    for (i = 0; i < tb->ncols; i++)
        if (col_reserve(t, &tb->cols[i], cap) != 0) {
            t->nomem = 1;
            return -1;
        }
    tb->cap = cap;
    return 0;
}



static void dict_reset(tcol *c)
{
    c->ndict = 1; /* entry 0: "" */
    c->offsets[0] = c->offsets[1] = 0;
    c->nbytes = 0;
    memset(c->recent, 0, sizeof c->recent);
    memset(c->slots, 0, c->nslots * sizeof *c->slots);
    memset(c->sptr, 0, sizeof c->sptr);
    if (c->dmap != NULL)
        memset(c->dmap, 0, c->dmap_cap * sizeof *c->dmap);
}

static int col_init(x12_tables *t, tcol *c, const colspec *sp, size_t cap)
{
    memset(c, 0, sizeof *c);
    c->type = sp->type;
    c->nullable = sp->nullable;
    if (c->type == TY_DATE) {
        c->type = t->dates_text ? TY_DICT : TY_I32;
        c->nullable = !t->dates_text;
    }
    if (col_reserve(t, c, cap) != 0 || grow_bytes(t, c, 256) != 0)
        return -1;
    if (c->type == TY_STR)
        c->offsets[0] = 0;
    if (c->type == TY_DICT) {
        c->ocap = 64;
        c->offsets = x12i_malloc(&t->a, c->ocap * sizeof *c->offsets);
        c->hashes = x12i_malloc(&t->a, c->ocap * sizeof *c->hashes);
        c->nslots = 128;
        c->slots = x12i_malloc(&t->a, c->nslots * sizeof *c->slots);
        if (c->offsets == NULL || c->hashes == NULL || c->slots == NULL)
            return -1;
        dict_reset(c);
    }
    return 0;
}

static void col_free(const x12i_alloc *a, tcol *c)
{
    x12i_free(a, c->values);
    x12i_free(a, c->validity);
    x12i_free(a, c->offsets);
    x12i_free(a, c->bytes);
    x12i_free(a, c->hashes);
    x12i_free(a, c->slots);
    x12i_free(a, c->dmap);
}

/* A NULL in row `row`: the value is zeroed and the bit cleared (the bitmap
 * comes into use with the batch's first NULL: earlier rows are valid). */
void x12i_put_null_slow(tcol *c, size_t row)
{
    size_t w = type_width(c->type);

    if (c->validity == NULL) {
        /* Not a nullable column (a schema slip): an empty value instead. */
        if (w > 0)
            memset((char *)c->values + row * w, 0, w);
        if (c->type == TY_STR)
            c->offsets[row + 1] = (int64_t)c->nbytes;
        return;
    }
    if (c->nulls == 0) {
        memset(c->validity, 0xff, row / 8);
        if (row % 8)
            c->validity[row / 8] = (uint8_t)((1u << (row % 8)) - 1u);
    }
    c->nulls++;
    x12i_valid_bit(c, row, 0);
    if (w > 0)
        memset((char *)c->values + row * w, 0, w);
    if (c->type == TY_STR)
        c->offsets[row + 1] = (int64_t)c->nbytes;
}






void x12i_put_str(x12_tables *t, ttable *tb, int col, x12_str v)
{
    tcol *c = &tb->cols[col];

    if (v.len > 0) {
        if (c->nbytes + v.len > c->bcap && grow_bytes(t, c, c->nbytes + v.len) != 0)
            return;
        memcpy(c->bytes + c->nbytes, v.ptr, v.len);
        c->nbytes += v.len;
    }
    c->offsets[tb->rows + 1] = (int64_t)c->nbytes;
    x12i_mark_valid(c, tb->rows);
}

/* FNV-1a, 32 bits: dictionary strings are short codes. */
static uint32_t hash_bytes(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

static int dict_rehash(x12_tables *t, tcol *c)
{
    size_t n = c->nslots * 2, i, mask = n - 1;
    uint32_t *ns = x12i_malloc(&t->a, n * sizeof *ns);

    if (ns == NULL) {
        t->nomem = 1;
        return -1;
    }
    memset(ns, 0, n * sizeof *ns);
    for (i = 1; i < c->ndict; i++) {
        size_t k = c->hashes[i] & mask;

        while (ns[k] != 0)
            k = (k + 1) & mask;
        ns[k] = (uint32_t)i + 1u;
    }
    x12i_free(&t->a, c->slots);
    c->slots = ns;
    c->nslots = n;
    return 0;
}


/* The dictionary index of a string, added when new. */
size_t x12i_dict_add(x12_tables *t, tcol *c, const char *p, size_t n)
{
    size_t k, mask, e;
    uint32_t h;

    h = hash_bytes(p, n);
    mask = c->nslots - 1;
    for (k = h & mask; c->slots[k] != 0; k = (k + 1) & mask) {
        e = c->slots[k] - 1u;
        if (c->hashes[e] == h && x12i_dict_is(c, e, p, n)) {
            c->recent[x12i_recent_slot(p, n)] = (uint32_t)e;
            return e;
        }
    }
    if (c->ndict + 2 > c->ocap) {
        size_t ncap = c->ocap * 2;
        int64_t *no = x12i_realloc(&t->a, c->offsets, ncap * sizeof *no);
        uint32_t *nh;

        if (no == NULL) {
            t->nomem = 1;
            return 0;
        }
        c->offsets = no;
        nh = x12i_realloc(&t->a, c->hashes, ncap * sizeof *nh);
        if (nh == NULL) {
            t->nomem = 1;
            return 0;
        }
        c->hashes = nh;
        c->ocap = ncap;
    }
    if (c->nbytes + n > c->bcap && grow_bytes(t, c, c->nbytes + n) != 0)
        return 0;
    memcpy(c->bytes + c->nbytes, p, n);
    c->nbytes += n;
    e = c->ndict++;
    c->offsets[e + 1] = (int64_t)c->nbytes;
    c->hashes[e] = h;
    c->slots[k] = (uint32_t)e + 1u;
    c->recent[x12i_recent_slot(p, n)] = (uint32_t)e;
    if (c->ndict >= X12I_DICT_CUT)
        t->cut = 1;
    if (c->ndict * 2 > c->nslots)
        dict_rehash(t, c);
    return e;
}



/* A string of static storage (an outcome name, a rule, a code's
 * description; never one that lives in a buffer, whose address may come
 * back with other text): known addresses are looked up without hashing. */
void x12i_put_dict_cstr(x12_tables *t, ttable *tb, int col, const char *s)
{
    tcol *c = &tb->cols[col];
    unsigned k;
    size_t e;

    if (s == NULL)
        s = "";
    k = (unsigned)(((uintptr_t)s >> 3) & 7u);
    if (c->sptr[k] == s) {
        e = c->sidx[k];
    } else {
        e = x12i_dict_index(t, c, s, strlen(s));
        c->sptr[k] = s;
        c->sidx[k] = (uint32_t)e;
    }
    ((int32_t *)c->values)[tb->rows] = (int32_t)e;
    x12i_mark_valid(c, tb->rows);
}

/* The description of the code just written in column `src` of this row
 * (which must come first), looked up once per distinct code. */
void x12i_put_code_text(x12_tables *t, ttable *tb, int col, int src, x12_remit_codeset set)
{
    tcol *c = &tb->cols[col], *sc = &tb->cols[src];
    size_t code = (size_t)((const int32_t *)sc->values)[tb->rows];

    if (code >= c->dmap_cap) {
        size_t cap = c->dmap_cap ? c->dmap_cap : 64;
        uint32_t *nm;

        while (cap <= code)
            cap *= 2;
        nm = x12i_realloc(&t->a, c->dmap, cap * sizeof *nm);
        if (nm == NULL) {
            t->nomem = 1;
            return;
        }
        memset(nm + c->dmap_cap, 0, (cap - c->dmap_cap) * sizeof *nm);
        c->dmap = nm;
        c->dmap_cap = cap;
    }
    if (c->dmap[code] == 0) {
        const char *p = sc->bytes + sc->offsets[code];
        size_t n = (size_t)(sc->offsets[code + 1] - sc->offsets[code]);
        const char *text = x12_remit_code_text(set, p, n);

        c->dmap[code] = (uint32_t)x12i_dict_index(t, c, text != NULL ? text : "",
                                             text != NULL ? strlen(text) : 0) + 1u;
    }
    ((int32_t *)c->values)[tb->rows] = (int32_t)(c->dmap[code] - 1u);
    x12i_mark_valid(c, tb->rows);
}

/* A string column of either kind. */
void x12i_put_text(x12_tables *t, ttable *tb, int col, x12_str v)
{
    if (tb->cols[col].type == TY_DICT)
        x12i_put_dict(t, tb, col, v);
    else
        x12i_put_str(t, tb, col, v);
}

/* ---- diagnostics ------------------------------------------------------------- */

/* Records a diagnostic: the handler, then a row and a record unless the
 * batch holds X12_TABLES_OPT_MAX_ERRORS already.  pay / claim: the keys it
 * belongs to, or -1. */
void x12i_tables_error(x12_tables *t, const x12_error *e, int64_t pay, int64_t claim)
{
    ttable *tb = &t->tb[t->diag];
    x12_error *copy;
    x12_str v;

    t->error_total++;
    if (t->on_error != NULL)
        t->on_error(t->on_error_user, e);
    if (t->max_errors != 0 && t->errors.count >= t->max_errors) {
        t->dropped++;
        return;
    }
    if (x12i_table_row(t, tb) != 0)
        return;
    copy = x12i_errlist_push(&t->a, &t->errors);
    if (copy == NULL) {
        t->nomem = 1;
        return;
    }
    *copy = *e;
    if (pay >= 0)
        x12i_put_i64(tb, D_PAYMENT_INDEX, pay);
    else
        x12i_put_null(&tb->cols[D_PAYMENT_INDEX], tb->rows);
    if (claim >= 0)
        x12i_put_i64(tb, D_CLAIM_INDEX, claim);
    else
        x12i_put_null(&tb->cols[D_CLAIM_INDEX], tb->rows);
    x12i_put_i64(tb, D_BEFORE_CLAIM, (int64_t)t->claims_total);
    x12i_put_dict_cstr(t, tb, D_SEVERITY,
                  e->severity == X12_SEV_WARNING ? "warning"
                  : e->severity == X12_SEV_FATAL ? "fatal"
                                                 : "error");
    x12i_put_i32(tb, D_STATUS, (int32_t)e->status);
    x12i_put_dict_cstr(t, tb, D_RULE, e->rule);
    x12i_put_i64(tb, D_SEGNO, (int64_t)e->segno);
    /* The id and loop live in the record: not static strings. */
    v.ptr = e->segid;
    v.len = strlen(e->segid);
    x12i_put_dict(t, tb, D_SEGMENT, v);
    v.ptr = e->loop;
    v.len = strlen(e->loop);
    x12i_put_dict(t, tb, D_LOOP, v);
    x12i_put_i32(tb, D_ELEMENT, (int32_t)e->element);
    x12i_put_i32(tb, D_COMPONENT, (int32_t)e->component);
    x12i_put_i32(tb, D_REPETITION, (int32_t)e->repetition);
    x12i_put_i64(tb, D_OFFSET, (int64_t)e->offset);
    v.ptr = e->message;
    v.len = strlen(e->message);
    x12i_put_str(t, tb, D_MESSAGE, v);
    tb->rows++;
}

/* ---- dates ------------------------------------------------------------------- */

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int x12i_parse_date(x12_str v, int32_t *out)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m, d, i;

    if (v.len != 8)
        return 0;
    for (i = 0; i < 8; i++)
        if (v.ptr[i] < '0' || v.ptr[i] > '9')
            return 0;
    for (i = 0; i < 4; i++)
        y = y * 10 + (v.ptr[i] - '0');
    m = (v.ptr[4] - '0') * 10 + (v.ptr[5] - '0');
    d = (v.ptr[6] - '0') * 10 + (v.ptr[7] - '0');
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
        return 0;
    *out = y * 10000 + m * 100 + d;
    return 1;
}

void x12i_put_date(x12_tables *t, ttable *tb, int col, x12_str v, const x12i_datepos *at)
{
    tcol *c = &tb->cols[col];
    int32_t d;
    x12_error e;

    if (c->type == TY_DICT) {
        x12i_put_dict(t, tb, col, v);
        return;
    }
    if (v.len > 0 && x12i_parse_date(v, &d)) {
        x12i_put_i32(tb, col, d);
        return;
    }
    x12i_put_null(c, tb->rows);
    if (v.len == 0)
        return;
    x12i_error_set(&e, X12_ESYNTAX, X12_SEV_ERROR, "date", at->segno, at->segid,
                   strlen(at->segid), at->offset, at->element,
                   "%s is not a valid CCYYMMDD date (read as NULL)", at->what);
    x12i_error_set_loop(&e, at->loop);
    x12i_tables_error(t, &e, at->pay, at->claim);
}

/* ---- batches --------------------------------------------------------------------- */

void x12i_tables_free_buffers(x12_tables *t)
{
    size_t i, k;

    for (i = 0; i < t->ntables; i++) {
        ttable *tb = &t->tb[i];

        for (k = 0; k < tb->ncols && tb->cols != NULL; k++)
            col_free(&t->a, &tb->cols[k]);
        x12i_free(&t->a, tb->cols);
        memset(tb, 0, sizeof *tb);
    }
}

int x12i_tables_init(x12_tables *t)
{
    size_t i, k;

    for (i = 0; i < t->ntables; i++) {
        ttable *tb = &t->tb[i];
        const tablespec *ts = &t->spec[i];

        tb->cols = x12i_malloc(&t->a, ts->ncols * sizeof *tb->cols);
        if (tb->cols == NULL)
            return -1;
        memset(tb->cols, 0, ts->ncols * sizeof *tb->cols);
        tb->ncols = ts->ncols;
        tb->cap = 64;
        for (k = 0; k < ts->ncols; k++)
            if (col_init(t, &tb->cols[k], &ts->cols[k], tb->cap) != 0)
                return -1;
    }
    return 0;
}

void x12i_tables_batch_reset(x12_tables *t)
{
    size_t i, k;

    for (i = 0; i < t->ntables; i++) {
        ttable *tb = &t->tb[i];

        tb->rows = 0;
        for (k = 0; k < tb->ncols; k++) {
            tcol *c = &tb->cols[k];

            c->nulls = 0;
            if (c->type == TY_STR) {
                c->nbytes = 0;
                c->offsets[0] = 0;
            } else if (c->type == TY_DICT) {
                dict_reset(c);
            }
        }
    }
    t->errors.count = 0;
    t->dropped = 0;
    t->cut = 0;
    t->first_claim = t->claims_total;
    t->batch_claims_n = 0;
    t->batch_payments_n = 0;
}

int x12i_tables_batch_empty(const x12_tables *t)
{
    size_t i;

    for (i = 0; i < t->ntables; i++)
        if (t->tb[i].rows > 0)
            return 0;
    return t->dropped == 0;
}

int x12i_tables_batch_full(const x12_tables *t)
{
    if (t->cut)
        return 1;
    if (t->batch_claims != 0 &&
        (t->batch_claims_n >= t->batch_claims || t->batch_payments_n >= t->batch_claims))
        return 1;
    return t->max_errors != 0 && t->errors.count >= t->max_errors;
}


x12_status x12i_tables_die(x12_tables *t, x12_status st)
{
    t->dead = st;
    if (st == X12_ENOMEM && (!t->have_last || x12_error_status(&t->last) != X12_ENOMEM)) {
        x12i_error_set(&t->last, X12_ENOMEM, X12_SEV_FATAL, "memory", 0, NULL, 0,
                       x12_reader_offset(t->r), 0, "out of memory");
        t->have_last = 1;
    }
    return st;
}

x12_status x12i_tables_stop(x12_tables *t, x12_status st, const x12_error *e)
{
    t->batch_open = 0;
    if (st == X12_END) {
        t->finished = 1;
        return x12i_tables_batch_empty(t) ? X12_END : X12_OK;
    }
    if (e != NULL) {
        t->last = *e;
        t->have_last = 1;
    }
    if (!x12i_tables_batch_empty(t)) {
        t->pending = st;
        return X12_OK;
    }
    return x12i_tables_die(t, st);
}

/* ---- public API --------------------------------------------------------------------- */

x12_status x12_tables_new(const x12_allocator *alloc, x12_tables_kind kind, x12_reader *reader,
                          x12_tables **out)
{
    x12i_alloc a;
    x12_tables *t;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (kind != X12_TABLES_REMIT && kind != X12_TABLES_CLAIMS)
        return X12_EINVAL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    t = x12i_malloc(&a, sizeof *t);
    if (t == NULL)
        return X12_ENOMEM;
    memset(t, 0, sizeof *t);
    t->a = a;
    t->kind = kind;
    t->batch_claims = 50000;
    t->max_errors = 10000;
    st = kind == X12_TABLES_REMIT ? x12i_remit_tables_open(t, alloc, reader)
                                  : x12i_claim_tables_open(t, alloc, reader);
    if (st == X12_OK && x12i_tables_init(t) != 0)
        st = X12_ENOMEM;
    if (st != X12_OK) {
        x12_tables_free(t);
        return st;
    }
    *out = t;
    return X12_OK;
}

void x12_tables_free(x12_tables *t)
{
    x12i_alloc a;

    if (t == NULL)
        return;
    a = t->a;
    x12i_tables_free_buffers(t);
    x12i_errlist_free(&a, &t->errors);
    x12i_errlist_free(&a, &t->held);
    x12_remit_stream_free(t->s);
    x12_claim_stream_free(t->cs);
    x12i_free(&a, t);
}

x12_reader *x12_tables_reader(x12_tables *t)
{
    return t != NULL ? t->r : NULL;
}

x12_status x12_tables_next(x12_tables *t)
{
    if (t == NULL)
        return X12_EINVAL;
    if (t->dead != X12_OK)
        return t->dead;
    if (t->pending != X12_OK)
        return x12i_tables_die(t, t->pending);
    if (t->finished)
        return X12_END;
    t->started = 1;
    if (!t->batch_open) {
        x12i_tables_batch_reset(t);
        t->batch_open = 1;
    }
    return t->kind == X12_TABLES_CLAIMS ? x12i_claim_tables_fill(t) : x12i_remit_tables_fill(t);
}




x12_status x12_tables_set_option(x12_tables *t, x12_tables_option opt, uint64_t value)
{
    if (t == NULL)
        return X12_EINVAL;
    switch (opt) {
    case X12_TABLES_OPT_BATCH_CLAIMS:
        t->batch_claims = value;
        return X12_OK;
    case X12_TABLES_OPT_MAX_ERRORS:
        t->max_errors = value;
        return X12_OK;
    case X12_TABLES_OPT_FIRST_CLAIM:
    case X12_TABLES_OPT_FIRST_PAYMENT:
        if (value > (uint64_t)INT64_MAX / 2 ||
            (opt == X12_TABLES_OPT_FIRST_PAYMENT && t->kind != X12_TABLES_REMIT))
            return X12_EINVAL;
        if (t->started)
            return X12_ESTATE;
        if (opt == X12_TABLES_OPT_FIRST_CLAIM) {
            t->claim_base = value;
            t->claims_total = t->first_claim = value;
        } else {
            t->payment_base = value;
            x12i_remit_tables_first_payment(t, value);
        }
        return X12_OK;
    case X12_TABLES_OPT_DATES_AS_TEXT:
        if (value > 1)
            return X12_EINVAL;
        if (t->started)
            return X12_ESTATE;
        if ((int)value != t->dates_text) {
            /* The date columns change type: lay the tables out again. */
            x12i_tables_free_buffers(t);
            t->dates_text = (int)value;
            if (x12i_tables_init(t) != 0)
                return x12i_tables_die(t, X12_ENOMEM);
        }
        return X12_OK;
    }
    return X12_EINVAL;
}

uint64_t x12_tables_get_option(const x12_tables *t, x12_tables_option opt)
{
    if (t == NULL)
        return 0;
    switch (opt) {
    case X12_TABLES_OPT_BATCH_CLAIMS: return t->batch_claims;
    case X12_TABLES_OPT_MAX_ERRORS: return t->max_errors;
    case X12_TABLES_OPT_DATES_AS_TEXT: return (uint64_t)t->dates_text;
    case X12_TABLES_OPT_FIRST_CLAIM: return t->claim_base;
    case X12_TABLES_OPT_FIRST_PAYMENT: return t->payment_base;
    }
    return 0;
}

void x12_tables_set_error_handler(x12_tables *t, x12_error_fn fn, void *user)
{
    if (t == NULL)
        return;
    t->on_error = fn;
    t->on_error_user = user;
}


const x12_error *x12_tables_last_error(const x12_tables *t)
{
    return t != NULL && t->have_last && t->dead != X12_OK ? &t->last : NULL;
}

/* ---- schema ---------------------------------------------------------------------------- */

static const tcol *column(const x12_tables *t, size_t table, size_t col)
{
    if (t == NULL || table >= t->ntables || col >= t->tb[table].ncols)
        return NULL;
    return &t->tb[table].cols[col];
}

size_t x12_tables_table_count(const x12_tables *t)
{
    return t != NULL ? t->ntables : 0;
}

const char *x12_tables_table_name(const x12_tables *t, size_t table)
{
    return t != NULL && table < t->ntables ? t->spec[table].name : NULL;
}

size_t x12_tables_find_table(const x12_tables *t, const char *name)
{
    size_t i;

    if (t == NULL || name == NULL)
        return X12_TABLES_NONE;
    for (i = 0; i < t->ntables; i++)
        if (strcmp(t->spec[i].name, name) == 0)
            return i;
    return X12_TABLES_NONE;
}

size_t x12_tables_column_count(const x12_tables *t, size_t table)
{
    return t != NULL && table < t->ntables ? t->tb[table].ncols : 0;
}

const char *x12_tables_column_name(const x12_tables *t, size_t table, size_t col)
{
    return column(t, table, col) != NULL ? t->spec[table].cols[col].name : NULL;
}

x12_column_type x12_tables_column_type(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL ? (x12_column_type)c->type : (x12_column_type)0;
}

int x12_tables_column_nullable(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL && c->nullable;
}

size_t x12_tables_find_column(const x12_tables *t, size_t table, const char *name)
{
    size_t i;

    if (t == NULL || table >= t->ntables || name == NULL)
        return X12_TABLES_NONE;
    for (i = 0; i < t->spec[table].ncols; i++)
        if (strcmp(t->spec[table].cols[i].name, name) == 0)
            return i;
    return X12_TABLES_NONE;
}

/* ---- the current batch ------------------------------------------------------------------ */

size_t x12_tables_rows(const x12_tables *t, size_t table)
{
    return t != NULL && table < t->ntables ? t->tb[table].rows : 0;
}

const void *x12_tables_values(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL && c->type != TY_STR ? c->values : NULL;
}

const int64_t *x12_tables_offsets(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL && (c->type == TY_STR || c->type == TY_DICT) ? c->offsets : NULL;
}

const char *x12_tables_bytes(const x12_tables *t, size_t table, size_t col, size_t *len)
{
    const tcol *c = column(t, table, col);

    if (c == NULL || (c->type != TY_STR && c->type != TY_DICT)) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (len != NULL)
        *len = c->nbytes;
    return c->bytes;
}

size_t x12_tables_dictionary_size(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL && c->type == TY_DICT ? c->ndict : 0;
}

size_t x12_tables_copy_delimited(const x12_tables *t, size_t table, size_t col, char sep,
                                 char *buf, size_t size)
{
    const tcol *c = column(t, table, col);
    size_t n, i, at = 0;

    if (c == NULL || (c->type != TY_STR && c->type != TY_DICT))
        return 0;
    n = c->type == TY_STR ? t->tb[table].rows : c->ndict;
    if (buf != NULL && size >= c->nbytes + n) {
        /* The common case, in one pass with no bounds to watch. */
        for (i = 0; i < n; i++) {
            size_t len = (size_t)(c->offsets[i + 1] - c->offsets[i]);

            memcpy(buf + at, c->bytes + c->offsets[i], len);
            at += len;
            buf[at++] = sep;
        }
        return at;
    }
    for (i = 0; i < n; i++) {
        size_t len = (size_t)(c->offsets[i + 1] - c->offsets[i]), k;

        for (k = 0; k < len && at + k < size; k++)
            buf[at + k] = c->bytes[c->offsets[i] + (int64_t)k];
        at += len;
        if (at < size)
            buf[at] = sep;
        at++;
    }
    return at;
}

const uint8_t *x12_tables_validity(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL && c->nulls > 0 ? c->validity : NULL;
}

size_t x12_tables_null_count(const x12_tables *t, size_t table, size_t col)
{
    const tcol *c = column(t, table, col);

    return c != NULL ? c->nulls : 0;
}

uint64_t x12_tables_first_claim(const x12_tables *t)
{
    return t != NULL ? t->first_claim : 0;
}


size_t x12_tables_error_count(const x12_tables *t)
{
    return t != NULL ? t->errors.count : 0;
}

const x12_error *x12_tables_error_at(const x12_tables *t, size_t i)
{
    return t != NULL && i < t->errors.count ? &t->errors.items[i] : NULL;
}

uint64_t x12_tables_errors_dropped(const x12_tables *t)
{
    return t != NULL ? t->dropped : 0;
}

uint64_t x12_tables_errors_seen(const x12_tables *t)
{
    return t != NULL ? t->error_total : 0;
}
