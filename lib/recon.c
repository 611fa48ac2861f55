/*
 * Reconciliation: the handle, its string store, and reading the inputs
 * into the compact 837 index and the 835 adjudication records (see
 * recon_internal.h; matching and results are in recon_settle.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <x12/claimread.h>
#include <x12/claimstatus.h>
#include <x12/remit835.h>

#include "recon_internal.h"

/* Results come from chunks of a bump allocator, freed with the handle. */
#define RC_RES_CHUNK (1u << 20)

typedef struct rc_rchunk {
    struct rc_rchunk *next;
    size_t used, cap;
    _Alignas(16) char data[];
} rc_rchunk;

/* ---- strings ------------------------------------------------------------------------ */

#define RC_CHUNK 65536u

static size_t hdr_len(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] != 0xFF) {
        *len = u[0];
        return 1;
    }
    memcpy(len, s + 1, sizeof *len);
    return 1 + sizeof(size_t);
}

x12_str rc_view(const char *s)
{
    x12_str v;
    size_t len, h;

    if (s == NULL) {
        v.ptr = "";
        v.len = 0;
        return v;
    }
    h = hdr_len(s, &len);
    v.ptr = s + h;
    v.len = len;
    return v;
}

const char *rc_cstr(const char *s)
{
    return s == NULL ? "" : rc_view(s).ptr;
}

int rc_str_eq(const char *a, const char *b)
{
    x12_str x, y;

    if (a == b)
        return 1;
    x = rc_view(a);
    y = rc_view(b);
    return x.len == y.len && memcmp(x.ptr, y.ptr, x.len) == 0;
}

int rc_str_cmp(const char *a, const char *b)
{
    x12_str x = rc_view(a), y = rc_view(b);
    size_t n = x.len < y.len ? x.len : y.len;
    int c = n ? memcmp(x.ptr, y.ptr, n) : 0;

    if (c != 0)
        return c;
    return x.len < y.len ? -1 : x.len > y.len;
}

static int store_raw(rc_store *st, const char *p, size_t len, const char **out)
{
    size_t h = len < 255 ? 1 : 1 + sizeof(size_t);
    size_t need = h + len + 1;
    rc_chunk *c = st->head;
    char *dst;

    if (len > SIZE_MAX / 2)
        return -1;
    if (c == NULL || c->cap - c->used < need) {
        size_t cap = need > RC_CHUNK / 4 ? need : RC_CHUNK;
        rc_chunk *n = x12i_malloc(st->a, sizeof *n + cap);
        if (n == NULL)
            return -1;
        n->used = 0;
        n->cap = cap;
        /* A string of its own chunk goes behind the current one, which
         * keeps its free room for the next small strings. */
        if (c != NULL && cap != RC_CHUNK) {
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            st->head = n;
        }
        st->bytes += sizeof *n + cap;
        c = n;
    }
    dst = c->data + c->used;
    if (h == 1) {
        dst[0] = (char)(unsigned char)len;
    } else {
        dst[0] = (char)0xFF;
        memcpy(dst + 1, &len, sizeof len);
    }
    memcpy(dst + h, p, len);
    dst[h + len] = '\0';
    c->used += need;
    *out = dst;
    return 0;
}

int rc_store_put(rc_store *st, const char *p, size_t len, const char **out)
{
    *out = NULL;
    if (len == 0)
        return 0;
    return store_raw(st, p, len, out);
}

static uint64_t hash_bytes(const char *p, size_t len)
{
    uint64_t h = 1469598103934665603u;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211u;
    }
    return h;
}

static int intern_grow(rc_store *st)
{
    size_t cap = st->intern_cap ? st->intern_cap * 2 : 1024, i;
    const char **t;

    if (cap > SIZE_MAX / sizeof *t)
        return -1;
    t = x12i_malloc(st->a, cap * sizeof *t);
    if (t == NULL)
        return -1;
    memset(t, 0, cap * sizeof *t);
    for (i = 0; i < st->intern_cap; i++) {
        const char *s = st->intern[i];
        x12_str v;
        size_t k;
        if (s == NULL)
            continue;
        v = rc_view(s);
        for (k = (size_t)hash_bytes(v.ptr, v.len) & (cap - 1); t[k] != NULL; k = (k + 1) & (cap - 1))
            ;
        t[k] = s;
    }
    x12i_free(st->a, st->intern);
    st->intern = t;
    st->intern_cap = cap;
    return 0;
}

int rc_store_intern(rc_store *st, const char *p, size_t len, const char **out)
{
    size_t k;

    *out = NULL;
    if (len == 0)
        return 0;
    if (st->intern_count * 2 >= st->intern_cap && intern_grow(st) != 0)
        return -1;
    for (k = (size_t)hash_bytes(p, len) & (st->intern_cap - 1); st->intern[k] != NULL;
         k = (k + 1) & (st->intern_cap - 1)) {
        x12_str v = rc_view(st->intern[k]);
        if (v.len == len && memcmp(v.ptr, p, len) == 0) {
            *out = st->intern[k];
            return 0;
        }
    }
    if (store_raw(st, p, len, out) != 0)
        return -1;
    st->intern[k] = *out;
    st->intern_count++;
    return 0;
}

void rc_store_free(rc_store *st)
{
    rc_chunk *c = st->head, *n;

    for (; c != NULL; c = n) {
        n = c->next;
        x12i_free(st->a, c);
    }
    x12i_free(st->a, st->intern);
    st->head = NULL;
    st->intern = NULL;
    st->intern_cap = st->intern_count = 0;
    st->bytes = 0;
}

/* ---- dates ---------------------------------------------------------------------------- */

uint32_t rc_date_num(x12_str v)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    uint32_t n = 0, y, m, d;
    size_t i;
    int leap;

    if (v.len != 8)
        return 0;
    for (i = 0; i < 8; i++) {
        if (v.ptr[i] < '0' || v.ptr[i] > '9')
            return 0;
        n = n * 10 + (uint32_t)(v.ptr[i] - '0');
    }
    y = n / 10000;
    m = n / 100 % 100;
    d = n % 100;
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return 0;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > (uint32_t)(mdays[m - 1] + (m == 2 && leap)))
        return 0;
    return n;
}

int64_t rc_date_days(uint32_t dn)
{
    /* days from civil (proleptic Gregorian), after H. Hinnant's algorithm */
    int64_t y = dn / 10000, m = dn / 100 % 100, d = dn % 100, era, yoe, doy, doe;

    if (dn == 0)
        return -1;
    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* ---- vectors ---------------------------------------------------------------------------- */

void *rc_vec_push(const x12i_alloc *a, rc_vec *v, size_t size)
{
    char *p;

    /* Elements are numbered with uint32_t; RC_NONE is reserved. */
    if (v->n >= (size_t)UINT32_MAX - 1)
        return NULL;
    if (v->n == v->cap && x12i_grow(a, &v->p, &v->cap, v->n + 1, size) != 0)
        return NULL;
    p = (char *)v->p + v->n * size;
    memset(p, 0, size);
    v->n++;
    return p;
}

void rc_vec_free(const x12i_alloc *a, rc_vec *v)
{
    x12i_free(a, v->p);
    v->p = NULL;
    v->n = v->cap = 0;
}

/* ---- diagnostics ---------------------------------------------------------------------------- */

void rc_diag_clear(x12_recon *r)
{
    r->errors.count = 0;
    r->error_sources.n = 0;
    r->errors_dropped = 0;
}

/* Past the limit a diagnostic is counted, not kept: a read of a file with
 * junk in it must not make memory grow.  A fatal error, which ends the
 * read (one a call at most), is always kept.  The handler sees every
 * one. */
void rc_diag(x12_recon *r, const x12_error *e, size_t source)
{
    x12_error *copy = NULL;
    size_t *src;

    if (x12i_limit_reached(r->max_errors, r->errors.count) &&
        x12_error_severity(e) != X12_SEV_FATAL)
        r->errors_dropped++;
    else
        copy = x12i_errlist_push(&r->a, &r->errors);
    if (copy != NULL) {
        *copy = *e;
        src = rc_vec_push(&r->a, &r->error_sources, sizeof *src);
        if (src != NULL)
            *src = source;
        else
            r->errors.count--; /* keep the two lists in step */
    }
    if (r->on_error != NULL)
        r->on_error(r->on_error_user, e, source);
}

void rc_diagf(x12_recon *r, size_t source, x12_severity sev, x12_status st, const char *rule,
              uint64_t segno, const char *segid, uint64_t offset, const char *fmt, ...)
{
    x12_error e;
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(&e, st, sev, rule, segno, segid, segid ? strlen(segid) : 0, offset, 0, fmt,
                    ap);
    va_end(ap);
    rc_diag(r, &e, source);
}

/* ---- the handle ------------------------------------------------------------------------------ */

const char *x12_recon_builtin_rules(void)
{
    return x12i_recon_rules_xml;
}

x12_status x12_recon_new(const x12_allocator *alloc, x12_recon **out)
{
    x12i_alloc a;
    x12_recon *r;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if ((st = x12i_alloc_init(&a, alloc)) != X12_OK)
        return st;
    r = x12i_malloc(&a, sizeof *r);
    if (r == NULL)
        return X12_ENOMEM;
    memset(r, 0, sizeof *r);
    r->a = a;
    r->st.a = &r->a;
    r->cur_source = SIZE_MAX;
    r->max_errors = X12_RECON_DEFAULT_MAX_ERRORS;
    st = rc_rules_load(r, &r->builtin, x12i_recon_rules_xml, strlen(x12i_recon_rules_xml),
                       "recon-rules.xml", 1);
    rc_diag_clear(r);
    if (st != X12_OK) {
        /* the built-in rules are part of the library: only memory fails */
        x12_recon_free(r);
        return X12_ENOMEM;
    }
    *out = r;
    return X12_OK;
}

static void cur_close(x12_recon *r)
{
    if (r->cur_kind == 1)
        x12_claim_stream_free(r->cur_stream);
    else if (r->cur_kind == 2)
        x12_remit_stream_free(r->cur_stream);
    else if (r->cur_kind == 3)
        x12_claimstatus_stream_free(r->cur_stream);
    r->cur_stream = NULL;
    r->cur_reader = NULL;
    r->cur_kind = 0;
}

void x12_recon_free(x12_recon *r)
{
    void *m, *next;

    if (r == NULL)
        return;
    cur_close(r);
    rc_store_free(&r->st);
    rc_vec_free(&r->a, &r->claims);
    rc_vec_free(&r->a, &r->lines);
    rc_vec_free(&r->a, &r->parties);
    rc_vec_free(&r->a, &r->adjs);
    rc_vec_free(&r->a, &r->alines);
    rc_vec_free(&r->a, &r->cas);
    rc_vec_free(&r->a, &r->remarks);
    rc_vec_free(&r->a, &r->acks);
    rc_vec_free(&r->a, &r->error_sources);
    rc_vec_free(&r->a, &r->source_names);
    x12i_free(&r->a, r->claim_hash);
    x12i_free(&r->a, r->party_hash);
    rc_rules_free(&r->a, &r->builtin);
    rc_rules_free(&r->a, &r->override);
    x12i_errlist_free(&r->a, &r->errors);
    for (m = r->res_mem; m != NULL; m = next) {
        next = ((rc_rchunk *)m)->next;
        x12i_free(&r->a, m);
    }
    x12i_free(&r->a, r);
}

void *rc_res_alloc(x12_recon *r, size_t n)
{
    rc_rchunk *c = r->res_mem;
    char *p;

    n = (n + 15u) & ~(size_t)15u;
    if (n == 0)
        n = 16;
    if (c == NULL || c->cap - c->used < n) {
        size_t cap = n > RC_RES_CHUNK / 4 ? n : RC_RES_CHUNK;
        rc_rchunk *nc;
        if (cap > SIZE_MAX - sizeof *nc)
            return NULL;
        nc = x12i_malloc(&r->a, sizeof *nc + cap);
        if (nc == NULL)
            return NULL;
        nc->used = 0;
        nc->cap = cap;
        if (c != NULL && cap != RC_RES_CHUNK) {
            nc->next = c->next;
            c->next = nc;
        } else {
            nc->next = c;
            r->res_mem = nc;
        }
        c = nc;
    }
    p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

size_t rc_res_bytes(const x12_recon *r);
size_t rc_res_bytes(const x12_recon *r)
{
    const rc_rchunk *c;
    size_t n = 0;

    for (c = r->res_mem; c != NULL; c = c->next)
        n += sizeof *c + c->cap;
    return n;
}

x12_status x12_recon_set_option(x12_recon *r, x12_recon_option opt, uint64_t value)
{
    char buf[16];
    x12_str v;

    if (r == NULL)
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    switch (opt) {
    case X12_RECON_OPT_AS_OF:
        if (value != 0) {
            if (value > 99991231u)
                return X12_EINVAL;
            snprintf(buf, sizeof buf, "%08u", (unsigned)value);
            v.ptr = buf;
            v.len = strlen(buf);
            if (rc_date_num(v) == 0)
                return X12_EINVAL;
        }
        r->as_of = value;
        return X12_OK;
    case X12_RECON_OPT_KEEP_PARTIES:
        if (value > 1)
            return X12_EINVAL;
        r->keep_parties = (int)value;
        return X12_OK;
    case X12_RECON_OPT_FOLLOW_UP_DAYS:
        if (value > 3650)
            return X12_EINVAL;
        r->follow_up_days = (unsigned)value;
        return X12_OK;
    case X12_RECON_OPT_MAX_ERRORS:
        if (value > SIZE_MAX)
            return X12_EINVAL;
        r->max_errors = (size_t)value;
        return X12_OK;
    default:
        return X12_EINVAL;
    }
}

uint64_t x12_recon_get_option(const x12_recon *r, x12_recon_option opt)
{
    if (r == NULL)
        return 0;
    switch (opt) {
    case X12_RECON_OPT_AS_OF:
        return r->finished ? r->as_of_num : r->as_of;
    case X12_RECON_OPT_KEEP_PARTIES:
        return (uint64_t)r->keep_parties;
    case X12_RECON_OPT_FOLLOW_UP_DAYS:
        return r->follow_up_days;
    case X12_RECON_OPT_MAX_ERRORS:
        return r->max_errors;
    default:
        return 0;
    }
}

void x12_recon_set_error_handler(x12_recon *r, x12_recon_error_fn fn, void *user)
{
    if (r == NULL)
        return;
    r->on_error = fn;
    r->on_error_user = user;
}

size_t x12_recon_error_count(const x12_recon *r)
{
    return r != NULL ? r->errors.count : 0;
}

const x12_error *x12_recon_error_at(const x12_recon *r, size_t i)
{
    return r != NULL && i < r->errors.count ? &r->errors.items[i] : NULL;
}

size_t x12_recon_error_source(const x12_recon *r, size_t i)
{
    return r != NULL && i < r->errors.count ? ((const size_t *)r->error_sources.p)[i]
                                            : SIZE_MAX;
}

uint64_t x12_recon_errors_dropped(const x12_recon *r)
{
    return r != NULL ? r->errors_dropped : 0;
}

size_t x12_recon_source_count(const x12_recon *r)
{
    return r != NULL ? r->nsources : 0;
}

x12_status x12_recon_set_source_name(x12_recon *r, size_t source, const char *name)
{
    const char *stored;

    if (r == NULL || name == NULL || source >= r->nsources)
        return X12_EINVAL;
    while (r->source_names.n <= source)
        if (rc_vec_push(&r->a, &r->source_names, sizeof(const char *)) == NULL)
            return X12_ENOMEM;
    if (rc_store_put(&r->st, name, strlen(name), &stored) != 0)
        return X12_ENOMEM;
    *RC_AT(r->source_names, const char *, source) = stored;
    return X12_OK;
}

const char *x12_recon_source_name(const x12_recon *r, size_t source)
{
    if (r == NULL || source >= r->source_names.n)
        return "";
    return rc_cstr(*RC_AT(r->source_names, const char *, source));
}

x12_status x12_recon_load_rules_memory(x12_recon *r, const char *data, size_t len,
                                       const char *name)
{
    rc_rules fresh;
    x12_status st;

    if (r == NULL || (data == NULL && len != 0))
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    rc_diag_clear(r);
    memset(&fresh, 0, sizeof fresh);
    st = rc_rules_load(r, &fresh, data != NULL ? data : "", len,
                       name != NULL ? name : "<memory>", 0);
    if (st != X12_OK) {
        rc_rules_free(&r->a, &fresh);
        return st;
    }
    rc_rules_free(&r->a, &r->override);
    r->override = fresh;
    r->have_override = 1;
    return X12_OK;
}

x12_status x12_recon_load_rules_file(x12_recon *r, const char *path)
{
    FILE *f;
    char *buf = NULL, *nb;
    size_t len = 0, cap = 0, n;
    x12_status st;
    int err;

    if (r == NULL || path == NULL)
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    f = fopen(path, "rb");
    if (f == NULL)
        return X12_EIO;
    for (;;) {
        if (cap - len < 65536) {
            size_t ncap = cap ? cap * 2 : 65536;
            nb = x12i_realloc(&r->a, buf, ncap);
            if (nb == NULL) {
                x12i_free(&r->a, buf);
                fclose(f);
                return X12_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    err = ferror(f) ? errno : 0;
    fclose(f);
    if (err != 0) {
        x12i_free(&r->a, buf);
        errno = err;
        return X12_EIO;
    }
    st = x12_recon_load_rules_memory(r, buf, len, path);
    x12i_free(&r->a, buf);
    return st;
}

/* ---- the 837 side ---------------------------------------------------------------------------- */

static int put(x12_recon *r, x12_str v, const char **out)
{
    return rc_store_put(&r->st, v.ptr, v.len, out);
}

static int intern(x12_recon *r, x12_str v, const char **out)
{
    return rc_store_intern(&r->st, v.ptr, v.len, out);
}

static int claim_hash_grow(x12_recon *r)
{
    size_t cap = r->claim_hash_cap ? r->claim_hash_cap * 2 : 1024, i, k;
    uint32_t *t;

    if (cap > SIZE_MAX / sizeof *t)
        return -1;
    t = x12i_malloc(&r->a, cap * sizeof *t);
    if (t == NULL)
        return -1;
    for (i = 0; i < cap; i++)
        t[i] = RC_NONE;
    for (i = 0; i < r->claims.n; i++) {
        x12_str v = rc_view(RC_AT(r->claims, rc_claim, i)->pcn);
        for (k = (size_t)hash_bytes(v.ptr, v.len) & (cap - 1); t[k] != RC_NONE;
             k = (k + 1) & (cap - 1))
            ;
        t[k] = (uint32_t)i;
    }
    x12i_free(&r->a, r->claim_hash);
    r->claim_hash = t;
    r->claim_hash_cap = cap;
    return 0;
}

/* The claim with this PCN, or RC_NONE; *slot is where a new one goes. */
static uint32_t claim_find(const x12_recon *r, x12_str pcn, size_t *slot)
{
    size_t k;

    if (r->claim_hash_cap == 0) {
        *slot = SIZE_MAX;
        return RC_NONE;
    }
    for (k = (size_t)hash_bytes(pcn.ptr, pcn.len) & (r->claim_hash_cap - 1);
         r->claim_hash[k] != RC_NONE; k = (k + 1) & (r->claim_hash_cap - 1)) {
        x12_str v = rc_view(RC_AT(r->claims, rc_claim, r->claim_hash[k])->pcn);
        if (v.len == pcn.len && memcmp(v.ptr, pcn.ptr, v.len) == 0) {
            *slot = k;
            return r->claim_hash[k];
        }
    }
    *slot = k;
    return RC_NONE;
}

uint32_t rc_claim_lookup(const x12_recon *r, x12_str pcn);
uint32_t rc_claim_lookup(const x12_recon *r, x12_str pcn)
{
    size_t slot;

    return claim_find(r, pcn, &slot);
}

/* Responsibility sequence of SBR01: P, S, T, then A-H, U last. */
static int payer_rank(x12_str v)
{
    if (v.len != 1)
        return 99;
    switch (v.ptr[0]) {
    case 'P': return 1;
    case 'S': return 2;
    case 'T': return 3;
    case 'U': return 98;
    default:
        return v.ptr[0] >= 'A' && v.ptr[0] <= 'H' ? 4 + (v.ptr[0] - 'A') : 99;
    }
}

/* Which of two versions of a claim was sent later: by BHT04, BHT05, BHT03,
 * ST02 and the position in its set, all from the files themselves. */
static int later(const rc_claim *a, const rc_claim *b)
{
    int c;

    if (a->submitted_num != b->submitted_num)
        return a->submitted_num > b->submitted_num;
    if ((c = rc_str_cmp(a->bht_time, b->bht_time)) != 0)
        return c > 0;
    if ((c = rc_str_cmp(a->bht_ref, b->bht_ref)) != 0)
        return c > 0;
    if ((c = rc_str_cmp(a->st_control, b->st_control)) != 0)
        return c > 0;
    return a->claim_in_set > b->claim_in_set;
}

static int party_hash_grow(x12_recon *r)
{
    size_t cap = r->party_hash_cap ? r->party_hash_cap * 2 : 256, i, k;
    uint32_t *t;

    t = x12i_malloc(&r->a, cap * sizeof *t);
    if (t == NULL)
        return -1;
    for (i = 0; i < cap; i++)
        t[i] = RC_NONE;
    for (i = 0; i < r->parties.n; i++) {
        const rc_party *p = RC_AT(r->parties, rc_party, i);
        for (k = (size_t)hash_bytes((const char *)p->f, sizeof p->f) & (cap - 1);
             t[k] != RC_NONE; k = (k + 1) & (cap - 1))
            ;
        t[k] = (uint32_t)i;
    }
    x12i_free(&r->a, r->party_hash);
    r->party_hash = t;
    r->party_hash_cap = cap;
    return 0;
}

/* The parties of the current claim, stored once per distinct set (every
 * field is interned, so equal sets have equal pointers). */
static int keep_party(x12_recon *r, x12_claim_stream *s, uint32_t *out)
{
    rc_party p;
    x12_patient *pt = x12_claim_stream_patient(s);
    x12_subscriber *sub = x12_claim_stream_subscriber(s);
    x12_party *sp = x12_subscriber_party(sub);
    x12_party *who = pt != NULL ? x12_patient_party(pt) : sp;
    x12_party *addr = who;
    x12_party *bp = x12_billing_provider_party(x12_claim_stream_provider(s));
    static const x12_party_field pf[] = {X12_PARTY_NAME, X12_PARTY_FIRST_NAME,
                                         X12_PARTY_MIDDLE_NAME, X12_PARTY_SUFFIX,
                                         X12_PARTY_BIRTH_DATE};
    static const x12_party_field af[] = {X12_PARTY_ADDRESS1, X12_PARTY_ADDRESS2, X12_PARTY_CITY,
                                         X12_PARTY_STATE, X12_PARTY_ZIP};
    static const x12_party_field bf[] = {X12_PARTY_NAME, X12_PARTY_ID, X12_PARTY_ADDRESS1,
                                         X12_PARTY_ADDRESS2, X12_PARTY_CITY, X12_PARTY_STATE,
                                         X12_PARTY_ZIP, X12_PARTY_PHONE};
    size_t i, k;

    memset(&p, 0, sizeof p);
    if (x12_party_get(who, X12_PARTY_ADDRESS1).len == 0 && x12_party_get(who, X12_PARTY_CITY).len == 0)
        addr = sp;
    for (i = 0; i < 5; i++)
        if (intern(r, x12_party_get(who, pf[i]), &p.f[X12_RECON_PARTY_PATIENT_LAST_NAME + i]) != 0)
            return -1;
    for (i = 0; i < 5; i++)
        if (intern(r, x12_party_get(addr, af[i]), &p.f[X12_RECON_PARTY_ADDRESS1 + i]) != 0)
            return -1;
    if (intern(r, x12_party_get(sp, X12_PARTY_NAME), &p.f[X12_RECON_PARTY_SUBSCRIBER_LAST_NAME]) != 0 ||
        intern(r, x12_party_get(sp, X12_PARTY_FIRST_NAME), &p.f[X12_RECON_PARTY_SUBSCRIBER_FIRST_NAME]) != 0 ||
        intern(r, x12_party_get(sp, X12_PARTY_ID), &p.f[X12_RECON_PARTY_MEMBER_ID]) != 0)
        return -1;
    for (i = 0; i < 8; i++)
        if (intern(r, x12_party_get(bp, bf[i]), &p.f[X12_RECON_PARTY_PROVIDER_NAME + i]) != 0)
            return -1;
    if (r->parties.n * 2 >= r->party_hash_cap && party_hash_grow(r) != 0)
        return -1;
    for (k = (size_t)hash_bytes((const char *)p.f, sizeof p.f) & (r->party_hash_cap - 1);
         r->party_hash[k] != RC_NONE; k = (k + 1) & (r->party_hash_cap - 1)) {
        const rc_party *q = RC_AT(r->parties, rc_party, r->party_hash[k]);
        if (memcmp(q->f, p.f, sizeof p.f) == 0) {
            *out = r->party_hash[k];
            return 0;
        }
    }
    {
        rc_party *n = rc_vec_push(&r->a, &r->parties, sizeof *n);
        if (n == NULL)
            return -1;
        *n = p;
        *out = (uint32_t)(r->parties.n - 1);
        r->party_hash[k] = *out;
    }
    return 0;
}

static int add_claim(x12_recon *r, x12_claim_stream *s, size_t source)
{
    x12_claim *c = x12_claim_stream_claim(s);
    const x12_batch *h = x12_claim_stream_header(s);
    x12_party *payer = x12_claim_stream_payer(s);
    x12_subscriber *sub = x12_claim_stream_subscriber(s);
    x12_claim_kind kind = x12_claim_stream_kind(s);
    x12_str pcn = x12_claim_get(c, X12_CLAIM_PCN), v;
    rc_claim nc, *old;
    x12_service_line *l;
    x12_other_payer *op;
    uint32_t idx;
    size_t slot;
    int rank, best = 1000;
    const char *min_from = NULL, *max_to = NULL;

    if (pcn.len == 0) {
        /* the claim stream has reported the missing CLM01; nothing can
         * match a claim without one */
        rc_diagf(r, source, X12_SEV_WARNING, X12_OK, "duplicate-claim",
                 x12_claim_stream_position(s, X12_CPOS_SEGMENT_NUMBER), "CLM",
                 x12_claim_stream_position(s, X12_CPOS_OFFSET),
                 "claim %llu has no patient control number: it cannot be reconciled",
                 (unsigned long long)x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX) + 1);
        return 0;
    }
    memset(&nc, 0, sizeof nc);
    nc.party = RC_NONE;
    nc.kind = (uint8_t)kind;
    nc.source = (uint32_t)source;
    nc.clm_index = x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX);
    nc.segno = x12_claim_stream_position(s, X12_CPOS_SEGMENT_NUMBER);
    nc.offset = x12_claim_stream_position(s, X12_CPOS_OFFSET);
    nc.claim_in_set = (uint32_t)x12_claim_stream_position(s, X12_CPOS_CLAIM_IN_SET);
    if (put(r, pcn, &nc.pcn) != 0 || intern(r, x12_party_get(payer, X12_PARTY_ID), &nc.payer_id) != 0 ||
        intern(r, x12_party_get(payer, X12_PARTY_NAME), &nc.payer_name) != 0 ||
        intern(r, x12_batch_get(h, X12_BATCH_DATE), &nc.submitted) != 0 ||
        intern(r, x12_batch_get(h, X12_BATCH_TIME), &nc.bht_time) != 0 ||
        intern(r, x12_batch_get(h, X12_BATCH_REFERENCE), &nc.bht_ref) != 0 ||
        intern(r, x12_claim_stream_envelope(s, X12_ENV_ST02), &nc.st_control) != 0)
        return -1;
    nc.submitted_num = rc_date_num(rc_view(nc.submitted));
    if (kind == X12_CLAIM_837I) {
        v = x12_claim_get(c, X12_CLAIM_BILL_TYPE);
        if (v.len > 0)
            v = (x12_str){v.ptr + v.len - 1, 1};
    } else {
        v = x12_claim_get(c, X12_CLAIM_FREQUENCY);
    }
    if (intern(r, v, &nc.freq) != 0)
        return -1;
    (void)x12_claim_get_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, &nc.charge);
    nc.has_patient_paid = (uint8_t)x12_claim_get_amount(c, X12_CLAIMAMT_PATIENT_PAID, &nc.patient_paid);
    if (intern(r, x12_claim_get(c, X12_CLAIM_SERVICE_FROM), &nc.from) != 0 ||
        intern(r, x12_claim_get(c, X12_CLAIM_SERVICE_TO), &nc.to) != 0)
        return -1;

    /* Payers after the claim's own on the 837 (2320 SBR01 later than the
     * subscriber's SBR01): the ones a balance may go to next. */
    rank = payer_rank(x12_subscriber_get(sub, X12_SUB_RESPONSIBILITY));
    for (op = x12_claim_first_other_payer(c); op != NULL; op = x12_other_payer_next(op)) {
        int orank = payer_rank(x12_other_payer_get(op, X12_OP_RESPONSIBILITY));
        if (orank <= rank)
            continue;
        if (nc.later_payers < 255)
            nc.later_payers++;
        if (orank < best) {
            best = orank;
            if (intern(r, x12_party_get(x12_other_payer_payer(op), X12_PARTY_NAME),
                       &nc.next_payer) != 0)
                return -1;
        }
    }

    nc.first_line = (uint32_t)r->lines.n;
    for (l = x12_claim_first_line(c); l != NULL; l = x12_line_next(l)) {
        rc_line *rl = rc_vec_push(&r->a, &r->lines, sizeof *rl);
        char mods[64];
        size_t m, mlen = 0;
        if (rl == NULL)
            return -1;
        for (m = 0; m < x12_line_modifier_count(l); m++) {
            x12_str md = x12_line_modifier(l, m);
            if (mlen + md.len + 2 > sizeof mods)
                break; /* the model holds at most four of two characters */
            if (mlen)
                mods[mlen++] = ':';
            memcpy(mods + mlen, md.ptr, md.len);
            mlen += md.len;
        }
        if (put(r, x12_line_get(l, X12_LINE_CONTROL_NUMBER), &rl->ctl) != 0 ||
            intern(r, x12_line_get(l, X12_LINE_PROCEDURE), &rl->proc) != 0 ||
            rc_store_intern(&r->st, mods, mlen, &rl->mods) != 0 ||
            intern(r, x12_line_get(l, X12_LINE_REVENUE_CODE), &rl->rev) != 0 ||
            intern(r, x12_line_get(l, X12_LINE_SERVICE_FROM), &rl->from) != 0 ||
            intern(r, x12_line_get(l, X12_LINE_SERVICE_TO), &rl->to) != 0)
            return -1;
        /* a line without dates of its own has the claim's */
        if (rl->from == NULL) {
            rl->from = nc.from;
            if (rl->to == NULL)
                rl->to = nc.to != NULL ? nc.to : nc.from;
        } else if (rl->to == NULL) {
            rl->to = rl->from;
        }
        (void)x12_line_get_amount(l, X12_LINEAMT_CHARGE, &rl->charge);
        if (rl->from != NULL && (min_from == NULL || rc_str_cmp(rl->from, min_from) < 0))
            min_from = rl->from;
        if (rl->to != NULL && (max_to == NULL || rc_str_cmp(rl->to, max_to) > 0))
            max_to = rl->to;
        nc.nlines++;
    }
    if (nc.from == NULL)
        nc.from = min_from;
    if (nc.to == NULL)
        nc.to = max_to != NULL ? max_to : nc.from;
    if (r->keep_parties && keep_party(r, s, &nc.party) != 0)
        return -1;

    idx = claim_find(r, pcn, &slot);
    if (idx != RC_NONE) {
        old = RC_AT(r->claims, rc_claim, idx);
        rc_diagf(r, source, X12_SEV_WARNING, X12_OK, "duplicate-claim", nc.segno, "CLM",
                 nc.offset,
                 "claim %llu has the patient control number of a claim already read: the one "
                 "sent later (by BHT04, BHT05) is reconciled, %s",
                 (unsigned long long)nc.clm_index + 1,
                 later(&nc, old) ? "this one" : "the one read before");
        if (later(&nc, old))
            *old = nc;
        return 0;
    }
    if (r->claims.n * 2 >= r->claim_hash_cap) {
        if (claim_hash_grow(r) != 0)
            return -1;
        (void)claim_find(r, pcn, &slot);
    }
    {
        rc_claim *dst = rc_vec_push(&r->a, &r->claims, sizeof *dst);
        if (dst == NULL)
            return -1;
        *dst = nc;
        r->claim_hash[slot] = (uint32_t)(r->claims.n - 1);
    }
    if (nc.submitted_num == 0)
        rc_diagf(r, source, X12_SEV_WARNING, X12_OK, "date", nc.segno, "CLM", nc.offset,
                 "claim %llu: its transaction set has no valid BHT04 date: ordered first, and "
                 "its days outstanding are unknown",
                 (unsigned long long)nc.clm_index + 1);
    return 0;
}

/* ---- reading ------------------------------------------------------------------------------------ */

static void forward(void *user, const x12_error *e)
{
    x12_recon *r = user;

    /* The claim stream's "not-kept" warnings name what rewriting a claim
     * would lose; reconciling needs none of it, and real 837s carry
     * thousands of them. */
    if (r->cur_kind == 1 && strcmp(e->rule, "not-kept") == 0)
        return;
    rc_diag(r, e, r->cur_source);
}

/* The stream's fatal error, when its handler did not already pass it. */
static void pass_last(x12_recon *r, const x12_error *e)
{
    const x12_error *prev = r->errors.count ? &r->errors.items[r->errors.count - 1] : NULL;

    if (e == NULL)
        return;
    if (prev != NULL && prev->segno == e->segno && prev->offset == e->offset &&
        strcmp(prev->rule, e->rule) == 0 && strcmp(prev->message, e->message) == 0)
        return;
    rc_diag(r, e, r->cur_source);
}

static x12_status begin(x12_recon *r, x12_reader *reader, int kind, size_t *source)
{
    x12_status st;
    x12_allocator ua;

    if (r == NULL || reader == NULL)
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    rc_diag_clear(r);
    if (r->cur_kind == kind && r->cur_reader == reader) {
        if (source != NULL)
            *source = r->cur_source;
        return X12_OK; /* push input goes on */
    }
    cur_close(r);
    /* The streams allocate through the handle's allocator. */
    ua.struct_size = sizeof ua;
    ua.malloc_fn = r->a.malloc_fn;
    ua.realloc_fn = r->a.realloc_fn;
    ua.free_fn = r->a.free_fn;
    ua.user = r->a.user;
    if (kind == 1) {
        x12_claim_stream *cs = NULL;
        st = x12_claim_stream_new(&ua, reader, &cs);
        r->cur_stream = cs;
    } else if (kind == 2) {
        x12_remit_stream *rs = NULL;
        st = x12_remit_stream_new(&ua, reader, &rs);
        r->cur_stream = rs;
    } else {
        x12_claimstatus_stream *ks = NULL;
        st = x12_claimstatus_stream_new(&ua, reader, &ks);
        r->cur_stream = ks;
    }
    if (st != X12_OK)
        return st;
    r->cur_kind = kind;
    r->cur_reader = reader;
    r->cur_source = r->nsources++;
    if (kind == 1)
        x12_claim_stream_set_error_handler(r->cur_stream, forward, r);
    else if (kind == 2)
        x12_remit_stream_set_error_handler(r->cur_stream, forward, r);
    else
        x12_claimstatus_stream_set_error_handler(r->cur_stream, forward, r);
    if (source != NULL)
        *source = r->cur_source;
    return X12_OK;
}

x12_status x12_recon_read_claims(x12_recon *r, x12_reader *reader, size_t *source)
{
    x12_status st = begin(r, reader, 1, source);
    x12_claim_stream *s;

    if (st != X12_OK)
        return st;
    s = r->cur_stream;
    while ((st = x12_claim_stream_next(s)) == X12_OK) {
        if (add_claim(r, s, r->cur_source) != 0) {
            cur_close(r);
            return X12_ENOMEM;
        }
    }
    if (st == X12_AGAIN)
        return X12_AGAIN;
    if (st != X12_END)
        pass_last(r, x12_claim_stream_last_error(s));
    cur_close(r);
    return st == X12_END ? X12_OK : st;
}

/* ---- the 835 side -------------------------------------------------------------------------------- */

static int add_cas(x12_recon *r, const x12_remit_adjustment *a)
{
    rc_cas *c = rc_vec_push(&r->a, &r->cas, sizeof *c);

    if (c == NULL)
        return -1;
    c->cents = x12_remit_adjustment_amount_cents(a);
    return intern(r, x12_remit_adjustment_group(a), &c->group) != 0 ||
                   intern(r, x12_remit_adjustment_reason(a), &c->reason) != 0
               ? -1
               : 0;
}

static int add_remark(x12_recon *r, const x12_remit_remark *m)
{
    const char **p = rc_vec_push(&r->a, &r->remarks, sizeof *p);

    if (p == NULL)
        return -1;
    return intern(r, x12_remit_remark_code(m), p);
}

/* "25:59" from SVC01-3..6 (or SVC06-3..6). */
static int join_mods(x12_recon *r, const x12_remit_service *sv, int first, const char **out)
{
    char buf[256];
    size_t n = 0;
    int f;

    for (f = first; f < first + 4; f++) {
        x12_str m = x12_remit_service_get(sv, (x12_remit_service_field)f);
        if (m.len == 0)
            continue;
        if (n + m.len + 2 > sizeof buf)
            break; /* modifiers are two characters; this is far past any real one */
        if (n)
            buf[n++] = ':';
        memcpy(buf + n, m.ptr, m.len);
        n += m.len;
    }
    return rc_store_intern(&r->st, buf, n, out);
}

static int add_remit(x12_recon *r, x12_remit_stream *s, const x12_remit_claim *c, size_t source)
{
    const x12_remit_payment *p = x12_remit_claim_payment(c);
    const x12_remit_name *payer = p != NULL ? x12_remit_payment_payer(p) : NULL;
    const x12_remit_name *tt = x12_remit_claim_find_name(c, "TT");
    rc_adj *m;
    x12_str v;
    size_t i, k;

    m = rc_vec_push(&r->a, &r->adjs, sizeof *m);
    if (m == NULL)
        return -1;
    m->source = (uint32_t)source;
    m->owner = RC_NONE;
    m->segno = x12_remit_claim_segment_number(c);
    m->offset = x12_remit_claim_offset(c);
    m->claim_in_payment = (uint32_t)x12_remit_claim_index(c);
    m->charge = x12_remit_claim_charge_cents(c);
    m->paid = x12_remit_claim_paid_cents(c);
    m->pr = x12_remit_claim_patient_resp_cents(c);
    if (put(r, x12_remit_claim_patient_control_number(c), &m->pcn) != 0 ||
        intern(r, x12_remit_claim_status(c), &m->status) != 0 ||
        put(r, x12_remit_claim_payer_claim_control_number(c), &m->payer_claim) != 0 ||
        intern(r, x12_remit_claim_find_date(c, "232"), &m->stmt_from) != 0 ||
        intern(r, x12_remit_claim_find_date(c, "233"), &m->stmt_to) != 0)
        return -1;
    if (tt != NULL && intern(r, x12_remit_name_get(tt, X12_RN_NAME), &m->crossover) != 0)
        return -1;
    if (p != NULL) {
        v = payer != NULL ? x12_remit_name_get(payer, X12_RN_ID) : rc_view(NULL);
        if (v.len == 0)
            v = x12_remit_payment_get(p, X12_RP_TRACE_ORIGINATOR);
        if (intern(r, v, &m->payer_id) != 0 ||
            (payer != NULL &&
             intern(r, x12_remit_name_get(payer, X12_RN_NAME), &m->payer_name) != 0) ||
            intern(r, x12_remit_payment_trace_number(p), &m->trace) != 0 ||
            intern(r, x12_remit_payment_get(p, X12_RP_CONTROL_NUMBER), &m->st_control) != 0 ||
            intern(r, x12_remit_payment_date(p), &m->pay_date) != 0)
            return -1;
        v = x12_remit_payment_get(p, X12_RP_PRODUCTION_DATE);
        if (rc_date_num(v) == 0)
            v = x12_remit_payment_date(p);
        if (rc_date_num(v) == 0) {
            /* the group's date, as a last resort */
            const x12_envelope *env = x12_reader_envelope(x12_remit_stream_reader(s));
            v = env != NULL ? x12_envelope_get(env, X12_ENV_GS04) : rc_view(NULL);
            if (rc_date_num(v) == 0)
                v = rc_view(NULL);
            rc_diagf(r, source, X12_SEV_WARNING, X12_OK, "date", m->segno, "CLP", m->offset,
                     "the payment of this claim has neither a DTM*405 production date nor a "
                     "BPR16 payment date: %s",
                     v.len ? "ordered by its group's GS04 date" : "ordered first");
        }
        if (intern(r, v, &m->date) != 0)
            return -1;
        m->date_num = rc_date_num(v);
    }

    m->first_cas = (uint32_t)r->cas.n;
    for (i = 0; i < x12_remit_claim_adjustment_count(c); i++)
        if (add_cas(r, x12_remit_claim_adjustment_at(c, i)) != 0)
            return -1;
    m->ncas = (uint32_t)(r->cas.n - m->first_cas);
    m->first_rem = (uint32_t)r->remarks.n;
    for (i = 0; i < x12_remit_claim_remark_count(c); i++)
        if (add_remark(r, x12_remit_claim_remark_at(c, i)) != 0)
            return -1;
    m->nrem = (uint32_t)(r->remarks.n - m->first_rem);

    m->first_line = (uint32_t)r->alines.n;
    for (i = 0; i < x12_remit_claim_service_count(c); i++) {
        const x12_remit_service *sv = x12_remit_claim_service_at(c, i);
        rc_aline *al = rc_vec_push(&r->a, &r->alines, sizeof *al);
        x12_str from, to;
        if (al == NULL)
            return -1;
        al->match = -1;
        al->charge = x12_remit_service_charge_cents(sv);
        al->paid = x12_remit_service_paid_cents(sv);
        al->segno = x12_remit_service_segment_number(sv);
        al->offset = x12_remit_service_offset(sv);
        from = x12_remit_service_find_date(sv, "472");
        to = from;
        if (from.len == 0) {
            from = x12_remit_service_find_date(sv, "150");
            to = x12_remit_service_find_date(sv, "151");
            if (to.len == 0)
                to = from;
        }
        if (intern(r, x12_remit_service_get(sv, X12_RS_QUALIFIER), &al->qual) != 0 ||
            intern(r, x12_remit_service_procedure(sv), &al->proc) != 0 ||
            join_mods(r, sv, X12_RS_MODIFIER1, &al->mods) != 0 ||
            intern(r, x12_remit_service_get(sv, X12_RS_REVENUE_CODE), &al->rev) != 0 ||
            put(r, x12_remit_service_get(sv, X12_RS_LINE_ITEM_CONTROL_NUMBER), &al->ctl) != 0 ||
            intern(r, x12_remit_service_get(sv, X12_RS_ORIG_PROCEDURE), &al->orig_proc) != 0 ||
            join_mods(r, sv, X12_RS_ORIG_MODIFIER1, &al->orig_mods) != 0 ||
            intern(r, from, &al->from) != 0 || intern(r, to, &al->to) != 0)
            return -1;
        al->first_cas = (uint32_t)r->cas.n;
        for (k = 0; k < x12_remit_service_adjustment_count(sv); k++)
            if (add_cas(r, x12_remit_service_adjustment_at(sv, k)) != 0)
                return -1;
        al->ncas = (uint32_t)(r->cas.n - al->first_cas);
        al->first_rem = (uint32_t)r->remarks.n;
        for (k = 0; k < x12_remit_service_remark_count(sv); k++)
            if (add_remark(r, x12_remit_service_remark_at(sv, k)) != 0)
                return -1;
        al->nrem = (uint32_t)(r->remarks.n - al->first_rem);
        m->nlines++;
    }
    return 0;
}

x12_status x12_recon_read_remits(x12_recon *r, x12_reader *reader, size_t *source)
{
    x12_status st = begin(r, reader, 2, source);
    x12_remit_stream *s;
    x12_remit_event ev;

    if (st != X12_OK)
        return st;
    s = r->cur_stream;
    while ((st = x12_remit_stream_next(s, &ev)) == X12_OK) {
        if (ev == X12_REMIT_EV_CLAIM && add_remit(r, s, x12_remit_stream_claim(s), r->cur_source) != 0) {
            cur_close(r);
            return X12_ENOMEM;
        }
    }
    if (st == X12_AGAIN)
        return X12_AGAIN;
    if (st != X12_END)
        pass_last(r, x12_remit_stream_last_error(s));
    cur_close(r);
    return st == X12_END ? X12_OK : st;
}

static x12_status read_path(x12_recon *r, const char *path, size_t *source, int kind)
{
    x12_reader *rd;
    x12_status st;
    x12_allocator ua;
    int err;

    if (r == NULL || path == NULL)
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    ua.struct_size = sizeof ua;
    ua.malloc_fn = r->a.malloc_fn;
    ua.realloc_fn = r->a.realloc_fn;
    ua.free_fn = r->a.free_fn;
    ua.user = r->a.user;
    if ((st = x12_reader_new(&ua, &rd)) != X12_OK)
        return st;
    errno = 0;
    if ((st = x12_reader_open_path(rd, path)) != X12_OK) {
        err = errno;
        x12_reader_free(rd);
        errno = err;
        return st;
    }
    {
        size_t src = SIZE_MAX;
        st = kind == 1   ? x12_recon_read_claims(r, rd, &src)
             : kind == 2 ? x12_recon_read_remits(r, rd, &src)
                         : x12_recon_read_acks(r, rd, &src);
        if (source != NULL)
            *source = src;
        if (src < r->nsources && x12_recon_set_source_name(r, src, path) == X12_ENOMEM &&
            st == X12_OK)
            st = X12_ENOMEM;
    }
    /* a file never asks for more input; close a stream left open anyway */
    if (r->cur_reader == rd)
        cur_close(r);
    x12_reader_free(rd);
    return st;
}

x12_status x12_recon_read_claims_path(x12_recon *r, const char *path, size_t *source)
{
    return read_path(r, path, source, 1);
}

x12_status x12_recon_read_remits_path(x12_recon *r, const char *path, size_t *source)
{
    return read_path(r, path, source, 2);
}

x12_status x12_recon_read_acks_path(x12_recon *r, const char *path, size_t *source)
{
    return read_path(r, path, source, 3);
}

/* ---- 277CA answers ------------------------------------------------------------------------------ */

static x12_status ack_push(x12_recon *r, const char *pcn, size_t pcn_len, const char *date,
                           size_t date_len, x12_recon_ack_kind kind, const char *codes,
                           size_t codes_len);

/* The claim's STC composites as written ("A7:562:85 A3:21"), each
 * category:code[:entity]; 0, or -1 when out of memory. */
static int ack_codes(x12_recon *r, const x12_claimstatus_claim *c, char **out, size_t *len)
{
    size_t i, n = x12_claimstatus_claim_status_count(c), cap = 0, used = 0;
    char *buf = NULL;

    for (i = 0; i < n; i++) {
        const x12_claimstatus_status *s = x12_claimstatus_claim_status_at(c, i);
        x12_str part[3];
        size_t k, need;

        part[0] = x12_claimstatus_status_get(s, X12_ST_CATEGORY);
        part[1] = x12_claimstatus_status_get(s, X12_ST_CODE);
        part[2] = x12_claimstatus_status_get(s, X12_ST_ENTITY);
        if (part[0].len == 0 && part[1].len == 0)
            continue;
        need = used + part[0].len + part[1].len + part[2].len + 4;
        if (need > cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char *nb;
            while (ncap < need)
                ncap *= 2;
            nb = x12i_realloc(&r->a, buf, ncap);
            if (nb == NULL) {
                x12i_free(&r->a, buf);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        if (used > 0)
            buf[used++] = ' ';
        for (k = 0; k < 3; k++) {
            if (k == 2 && part[2].len == 0)
                break;
            if (k > 0)
                buf[used++] = ':';
            memcpy(buf + used, part[k].ptr, part[k].len);
            used += part[k].len;
        }
    }
    *out = buf;
    *len = used;
    return 0;
}

/* One claim of a 277CA or 277: a rejection or an acceptance by PCN, dated
 * by the answer's BHT04.  What cannot be used is said, never dropped. */
static int add_ack_claim(x12_recon *r, const x12_claimstatus_claim *c)
{
    x12_str pcn = x12_claimstatus_claim_get(c, X12_CC_PCN);
    x12_str date = x12_claimstatus_claim_get(c, X12_CC_RESPONSE_DATE);
    x12_claimstatus_outcome o = x12_claimstatus_claim_outcome(c);
    x12_recon_ack_kind kind;
    char *codes = NULL;
    size_t codes_len = 0;
    x12_status st;

    switch (o) {
    case X12_CS_REJECTED:
        kind = X12_RECON_ACK_REJECTED;
        break;
    case X12_CS_ACCEPTED:
    case X12_CS_PENDING:
    case X12_CS_INFO_REQUESTED:
    case X12_CS_PAID:
    case X12_CS_DENIED:
    case X12_CS_FINALIZED:
        kind = X12_RECON_ACK_ACCEPTED; /* in the payer's system: news of the claim */
        break;
    default:
        rc_diagf(r, r->cur_source, X12_SEV_WARNING, X12_OK, "ack-unused",
                 x12_claimstatus_claim_segment_number(c), "TRN",
                 x12_claimstatus_claim_offset(c),
                 "claim answer %zu says neither accepted nor rejected (%s): not used",
                 x12_claimstatus_claim_index(c) + 1, x12_claimstatus_outcome_name(o));
        return 0;
    }
    if (pcn.len == 0 || rc_date_num(date) == 0) {
        rc_diagf(r, r->cur_source, X12_SEV_WARNING, X12_OK, "ack-unused",
                 x12_claimstatus_claim_segment_number(c), "TRN",
                 x12_claimstatus_claim_offset(c),
                 "claim answer %zu has %s: not used", x12_claimstatus_claim_index(c) + 1,
                 pcn.len == 0 ? "no patient control number (TRN02)"
                              : "no valid date (BHT04)");
        return 0;
    }
    if (ack_codes(r, c, &codes, &codes_len) != 0)
        return -1;
    st = ack_push(r, pcn.ptr, pcn.len, date.ptr, date.len, kind, codes != NULL ? codes : "",
                  codes_len);
    x12i_free(&r->a, codes);
    return st == X12_ENOMEM ? -1 : 0;
}

/* A batch-level rejection (2200A/B/C) rejects claims the 277CA does not
 * list one by one: said, since the PCNs are not there to mark. */
static void ack_batch(x12_recon *r, const x12_claimstatus_batch *b)
{
    if (x12_claimstatus_batch_outcome(b) != X12_CS_REJECTED)
        return;
    rc_diagf(r, r->cur_source, X12_SEV_WARNING, X12_OK, "ack-batch-rejected",
             x12_claimstatus_batch_segment_number(b), "TRN", 0,
             "the answer rejects a whole %s (loop %s) without listing its claims: they are "
             "not marked rejected; find them by the 837's BHT03 and send them again",
             x12_claimstatus_batch_level_of(b) == X12_CS_BATCH_PROVIDER ? "provider's claims"
                                                                        : "837 file",
             x12_claimstatus_batch_level_of(b) == X12_CS_BATCH_SOURCE     ? "2200A"
             : x12_claimstatus_batch_level_of(b) == X12_CS_BATCH_RECEIVER ? "2200B"
                                                                          : "2200C");
}

x12_status x12_recon_read_acks(x12_recon *r, x12_reader *reader, size_t *source)
{
    x12_status st = begin(r, reader, 3, source);
    x12_claimstatus_stream *s;
    x12_claimstatus_event ev;

    if (st != X12_OK)
        return st;
    s = r->cur_stream;
    while ((st = x12_claimstatus_stream_next(s, &ev)) == X12_OK) {
        if (ev == X12_CS_EV_CLAIM) {
            if (add_ack_claim(r, x12_claimstatus_stream_claim(s)) != 0) {
                cur_close(r);
                return X12_ENOMEM;
            }
        } else if (ev == X12_CS_EV_BATCH) {
            ack_batch(r, x12_claimstatus_stream_batch(s));
        }
    }
    if (st == X12_AGAIN)
        return X12_AGAIN;
    if (st != X12_END)
        pass_last(r, x12_claimstatus_stream_last_error(s));
    cur_close(r);
    return st == X12_END ? X12_OK : st;
}

/* x12_recon_add_ack without clearing the diagnostics (a read adds many). */
static x12_status ack_push(x12_recon *r, const char *pcn, size_t pcn_len, const char *date,
                           size_t date_len, x12_recon_ack_kind kind, const char *codes,
                           size_t codes_len)
{
    rc_ack *k;
    x12_str v;

    if (pcn_len == X12_NTS)
        pcn_len = strlen(pcn);
    if (date_len == X12_NTS)
        date_len = strlen(date);
    if (codes == NULL)
        codes_len = 0;
    else if (codes_len == X12_NTS)
        codes_len = strlen(codes);
    v.ptr = date;
    v.len = date_len;
    if (pcn_len == 0 || rc_date_num(v) == 0 ||
        (kind != X12_RECON_ACK_ACCEPTED && kind != X12_RECON_ACK_REJECTED))
        return X12_EINVAL;
    k = rc_vec_push(&r->a, &r->acks, sizeof *k);
    if (k == NULL)
        return X12_ENOMEM;
    k->kind = (uint8_t)kind;
    k->date_num = rc_date_num(v);
    if (rc_store_put(&r->st, pcn, pcn_len, &k->pcn) != 0 ||
        rc_store_intern(&r->st, date, date_len, &k->date) != 0 ||
        rc_store_put(&r->st, codes != NULL ? codes : "", codes_len, &k->codes) != 0) {
        r->acks.n--;
        return X12_ENOMEM;
    }
    return X12_OK;
}

x12_status x12_recon_add_ack(x12_recon *r, const char *pcn, size_t pcn_len, const char *date,
                             size_t date_len, x12_recon_ack_kind kind, const char *codes,
                             size_t codes_len)
{
    if (r == NULL || pcn == NULL || date == NULL || (codes == NULL && codes_len != 0 &&
                                                     codes_len != X12_NTS))
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    rc_diag_clear(r);
    return ack_push(r, pcn, pcn_len, date, date_len, kind, codes, codes_len);
}

x12_status x12_recon_finish(x12_recon *r)
{
    x12_status st;

    if (r == NULL)
        return X12_EINVAL;
    if (r->finished)
        return X12_ESTATE;
    rc_diag_clear(r);
    cur_close(r);
    r->finished = 1;
    st = rc_settle(r);
    if (st != X12_OK) {
        r->nres = r->nunmatched = r->naging = 0;
        return st;
    }
    return X12_OK;
}
