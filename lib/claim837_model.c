/*
 * The coded-encounter model behind the x12_batch handles: an arena that owns
 * every handle and string, setters and getters.  Setters copy and never
 * judge values; the edits (claim837_edits.c) do that, all at once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claim837_internal.h"
#include "x12types_internal.h"

#define ALIGN 8u /* nothing in the model needs more than pointers and int64_t */
#define FIRST_CHUNK 8192u
#define MAX_CHUNK (1u << 20)

/* ---- arena ------------------------------------------------------------------ */

static size_t chunk_header(void)
{
    return (sizeof(c8_chunk) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* The arena that level lvl allocates from. */
static c8_arena *arena_of(x12_batch *b, int lvl)
{
    return &b->arena[b->stream != NULL ? lvl : C8L_HEAD];
}

/* Bump allocation: `align` is 1 for strings, ALIGN for objects, which are
 * zeroed. */
static void *arena_get(x12_batch *b, int lvl, size_t n, size_t align)
{
    c8_arena *ar = arena_of(b, lvl);
    c8_chunk *c = ar->head;
    size_t pad = 0, need, cap;
    unsigned char *p;

    if (c != NULL && align > 1)
        pad = (align - (c->used & (align - 1))) & (align - 1);
    need = n + pad;
    if (need < n)
        return NULL;
    if (c == NULL || c->cap - c->used < need) {
        need = n;
        cap = c == NULL ? FIRST_CHUNK : c->cap * 2;
        if (cap > MAX_CHUNK)
            cap = MAX_CHUNK;
        if (cap < need)
            cap = need;
        if (cap > SIZE_MAX - chunk_header())
            return NULL;
        c = x12i_malloc(&b->a, chunk_header() + cap);
        if (c == NULL)
            return NULL;
        c->cap = cap;
        c->used = 0;
        c->next = ar->head;
        ar->head = c;
        ar->total += chunk_header() + cap;
    }
    p = (unsigned char *)c + chunk_header() + c->used + (need - n);
    c->used += need;
    ar->used += need;
    return p;
}

/* Grows the block [p, p + old) to `want` bytes where it is, when it is the
 * last thing allocated in the newest chunk and the chunk has room.  The new
 * bytes are zeroed.  Returns 1 when it did. */
static int arena_extend(x12_batch *b, int lvl, void *p, size_t old, size_t want)
{
    c8_arena *ar = arena_of(b, lvl);
    c8_chunk *c = ar->head;
    unsigned char *end;

    if (c == NULL || p == NULL || want < old)
        return 0;
    end = (unsigned char *)c + chunk_header() + c->used;
    if ((unsigned char *)p + old != end || want - old > c->cap - c->used)
        return 0;
    memset(end, 0, want - old);
    c->used += want - old;
    ar->used += want - old;
    return 1;
}

void *c8_alloc(x12_batch *b, int lvl, size_t n)
{
    void *p = arena_get(b, lvl, n, ALIGN);

    if (p != NULL)
        memset(p, 0, n);
    return p;
}

static void arena_free(x12_batch *b)
{
    int lvl;

    for (lvl = 0; lvl < C8L_N; lvl++) {
        c8_chunk *c = b->arena[lvl].head, *next;

        while (c != NULL) {
            next = c->next;
            x12i_free(&b->a, c);
            c = next;
        }
        b->arena[lvl].head = NULL;
        b->arena[lvl].total = 0;
        b->arena[lvl].used = 0;
    }
}

void c8_arena_reset_from(x12_batch *b, int lvl)
{
    for (; lvl < C8L_N; lvl++) {
        c8_arena *ar = &b->arena[lvl];
        c8_chunk *c;

        if (ar->head == NULL)
            continue;
        /* The newest chunk is the largest: kept, so that the next claim of
         * the same size allocates nothing. */
        c = ar->head->next;
        while (c != NULL) {
            c8_chunk *next = c->next;
            ar->total -= chunk_header() + c->cap;
            x12i_free(&b->a, c);
            c = next;
        }
        ar->head->next = NULL;
        ar->head->used = 0;
        ar->used = 0;
    }
}

size_t c8_arena_used(const x12_batch *b, int lvl)
{
    return b->arena[b->stream != NULL ? lvl : C8L_HEAD].used;
}

x12_status c8_copy(x12_batch *b, int lvl, x12_str *dst, const char *v, size_t len)
{
    char *p;

    if (v == NULL) {
        if (len != 0 && len != X12_NTS)
            return X12_EINVAL;
        len = 0;
    } else if (len == X12_NTS) {
        len = strlen(v);
    }
    if (len == 0) {
        dst->ptr = "";
        dst->len = 0;
        return X12_OK;
    }
    p = arena_get(b, lvl, len + 1, 1);
    if (p == NULL)
        return X12_ENOMEM;
    memcpy(p, v, len);
    p[len] = '\0';
    dst->ptr = p;
    dst->len = len;
    return X12_OK;
}

/* Grows an arena array of `elem`-byte items to hold `need`.  The old array
 * stays in the arena until the batch is freed. */
static int arena_grow(x12_batch *b, int lvl, void **items, size_t *cap, size_t need,
                      size_t elem)
{
    size_t ncap;
    void *n;

    if (need <= *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 2;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / elem)
        return -1;
    if (*cap && arena_extend(b, lvl, *items, *cap * elem, ncap * elem)) {
        *cap = ncap;
        return 0;
    }
    n = c8_alloc(b, lvl, ncap * elem);
    if (n == NULL)
        return -1;
    if (*cap)
        memcpy(n, *items, *cap * elem);
    *items = n;
    *cap = ncap;
    return 0;
}

static x12_str empty_view(void)
{
    x12_str s = {"", 0};

    return s;
}

static void clear_views(x12_str *f, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        f[i].ptr = "";
        f[i].len = 0;
    }
}

/* ---- packed fields ----------------------------------------------------------- */

/* Reads the entry at p: its field number, value and the next entry. */
static inline const unsigned char *entry_read(const unsigned char *p, unsigned *f, x12_str *v)
{
    size_t len = 0;
    unsigned shift = 0;

    *f = *p++;
    if (*p < 0x80u) { /* values under 128 bytes: nearly all */
        v->len = *p;
        v->ptr = (const char *)p + 1;
        return p + 1 + v->len + 1;
    }
    do {
        len |= (size_t)(*p & 0x7fu) << shift;
        shift += 7;
    } while (*p++ & 0x80u);
    v->ptr = (const char *)p;
    v->len = len;
    return p + len + 1;
}

static size_t entry_size(size_t len)
{
    size_t n = 1 + 1 + len + 1;

    while (len >= 0x80u) {
        len >>= 7;
        n++;
    }
    return n;
}

x12_str c8_fields_get(const c8_fields *fl, unsigned f)
{
    const unsigned char *p, *e;
    unsigned id;
    x12_str v;

    if (fl->used == 0)
        return empty_view();
    for (p = fl->p, e = fl->p + fl->used; p < e;) {
        p = entry_read(p, &id, &v);
        if (id == f)
            return v;
    }
    return empty_view();
}

#define E1 {"", 0}
#define E4 E1, E1, E1, E1
#define E16 E4, E4, E4, E4
/* Empty views to copy from: the widest object has C8_CLAIM_NF + 1 fields. */
static const x12_str empty_fields[32] = {E16, E16};

void c8_fields_unpack(const c8_fields *fl, x12_str *out, size_t nf)
{
    const unsigned char *p, *e;
    unsigned id;
    x12_str v;

    if (nf <= sizeof empty_fields / sizeof empty_fields[0])
        memcpy(out, empty_fields, nf * sizeof *out);
    else
        clear_views(out, nf);
    if (fl->used == 0)
        return;
    for (p = fl->p, e = fl->p + fl->used; p < e;) {
        p = entry_read(p, &id, &v);
        if (id != 0 && id < nf)
            out[id] = v;
    }
}

int c8_fields_any(const c8_fields *fl)
{
    const unsigned char *p, *e;
    unsigned id;
    x12_str v;

    if (fl->used == 0)
        return 0;
    for (p = fl->p, e = fl->p + fl->used; p < e;) {
        p = entry_read(p, &id, &v);
        if (id != 0)
            return 1;
    }
    return 0;
}

/* Marks the live entry of field f dead; returns the bytes it took. */
static size_t fields_kill(c8_fields *fl, unsigned f)
{
    unsigned char *p, *e, *at;
    unsigned id;
    x12_str v;

    if (fl->used == 0)
        return 0;
    for (p = fl->p, e = fl->p + fl->used; p < e;) {
        at = p;
        p = (unsigned char *)entry_read(p, &id, &v);
        if (id == f) {
            *at = 0;
            return (size_t)(p - at);
        }
    }
    return 0;
}

/* Copies the live entries of fl but field skip's to dst; returns their
 * size. */
static size_t fields_copy_live(const c8_fields *fl, unsigned char *dst, unsigned skip)
{
    const unsigned char *p, *e, *at;
    unsigned id;
    x12_str v;
    size_t n = 0;

    if (fl->used == 0)
        return 0;
    for (p = fl->p, e = fl->p + fl->used; p < e;) {
        at = p;
        p = entry_read(p, &id, &v);
        if (id != 0 && id != skip) {
            memcpy(dst + n, at, (size_t)(p - at));
            n += (size_t)(p - at);
        }
    }
    return n;
}

x12_status c8_fields_set(x12_batch *b, int lvl, c8_fields *fl, unsigned f, const char *v,
                         size_t len)
{
    size_t need, live, ncap;
    unsigned char *p;

    if (v == NULL) {
        if (len != 0 && len != X12_NTS)
            return X12_EINVAL;
        len = 0;
    } else if (len == X12_NTS) {
        len = strlen(v);
    }
    if (len > UINT32_MAX)
        return X12_ENOMEM;
    need = entry_size(len);
    if (len > 0 && need > (size_t)(fl->cap - fl->used)) {
        /* Room first, so that a failure leaves the old value in place. */
        if (need > UINT32_MAX - (size_t)fl->used)
            return X12_ENOMEM;
        ncap = (size_t)fl->used + need;
        if (fl->p != NULL && arena_extend(b, lvl, fl->p, fl->cap, ncap)) {
            fl->cap = (uint32_t)ncap;
        } else {
            /* Moving: twice the size, so that a block set between other
             * objects' fields moves a logarithmic number of times. */
            if (fl->p != NULL && (size_t)fl->cap * 2 > ncap)
                ncap = (size_t)fl->cap * 2 > UINT32_MAX ? UINT32_MAX : (size_t)fl->cap * 2;
            p = arena_get(b, lvl, ncap, 1);
            if (p == NULL)
                return X12_ENOMEM;
            live = fields_copy_live(fl, p, f);
            fl->p = p;
            fl->used = (uint32_t)live;
            fl->cap = (uint32_t)ncap;
        }
    }
    fields_kill(fl, f);
    if (len == 0)
        return X12_OK;
    p = fl->p + fl->used;
    *p++ = (unsigned char)f;
    need = len;
    do {
        *p = (unsigned char)(need & 0x7fu);
        need >>= 7;
        if (need)
            *p |= 0x80u;
        p++;
    } while (need);
    memcpy(p, v, len);
    p[len] = '\0';
    fl->used = (uint32_t)(p + len + 1 - fl->p);
    return X12_OK;
}

void c8_party_view(const x12_party *p, c8_pview *v)
{
    c8_fields_unpack(&p->fl, v->f, C8_PARTY_NF + 1);
    v->entity = p->entity;
}

const x12_party *c8_claim_role(const x12_claim *c, int r)
{
    return c->roles != NULL ? c->roles[r] : NULL;
}

const x12_party *c8_line_role(const x12_service_line *l, int r)
{
    return l->roles != NULL ? l->roles[r] : NULL;
}

int c8_role_written(const x12_party *p)
{
    return p != NULL && (c8_fields_get(&p->fl, X12_PARTY_NAME).len ||
                         c8_fields_get(&p->fl, X12_PARTY_ID).len ||
                         c8_fields_get(&p->fl, X12_PARTY_ADDRESS1).len ||
                         c8_fields_get(&p->fl, X12_PARTY_CITY).len);
}

/* The party in `role` of a claim or a line (slots: C8_NROLES + 1 pointers
 * made on first use), created on first use; the service facility and the
 * ambulance locations are organizations, everyone else a person, until
 * told otherwise. */
static x12_party *role_party(x12_batch *b, x12_party ***roles, x12_claim_role role)
{
    x12_party *p;

    if (*roles == NULL &&
        (*roles = c8_alloc(b, C8L_CLAIM, sizeof **roles * (C8_NROLES + 1))) == NULL)
        return NULL;
    if ((*roles)[role] != NULL)
        return (*roles)[role];
    p = c8_alloc(b, C8L_CLAIM, sizeof *p);
    if (p == NULL)
        return NULL;
    c8_party_init(b, p, C8P_CLAIM_PROVIDER,
                  role == X12_ROLE_SERVICE_FACILITY || role == X12_ROLE_AMBULANCE_PICKUP ||
                          role == X12_ROLE_AMBULANCE_DROPOFF || role == X12_ROLE_BILLING
                      ? X12_ENTITY_ORGANIZATION
                      : X12_ENTITY_PERSON,
                  C8L_CLAIM);
    p->claim_role = (unsigned char)role;
    (*roles)[role] = p;
    return p;
}


void c8_party_init(x12_batch *b, x12_party *p, c8_party_role role, int entity, int lvl)
{
    p->fl.p = NULL;
    p->fl.used = p->fl.cap = 0;
    p->entity = (unsigned char)entity;
    p->role = (unsigned char)role;
    p->claim_role = 0;
    p->entity_set = 0;
    p->lvl = (unsigned char)lvl;
    p->b = b;
}

/* ---- edits list ---------------------------------------------------------------- */

void c8_edits_clear(x12_batch *b)
{
    b->edits.count = 0;
    b->paths_len = 0;
    b->edits_total = 0;
}

x12_error *c8_edit_push(x12_batch *b, const char *path, const char *rule, const char *segid,
                        const char *loop, unsigned element, const char *fmt, ...)
{
    size_t n = strlen(path), idx = b->edits.count;
    void *offs = b->path_off, *paths = b->paths;
    x12_error *e;
    va_list ap;

    if (b->edit_fn != NULL) {
        /* handed over, not kept: memory does not grow with the failures */
        e = &b->edit_tmp;
        va_start(ap, fmt);
        x12i_error_vset(e, X12_EEDIT, X12_SEV_ERROR, rule, 0, segid, segid ? strlen(segid) : 0,
                        0, element, fmt, ap);
        va_end(ap);
        if (loop != NULL)
            x12i_error_set_loop(e, loop);
        b->edits_total++;
        b->edit_fn(b->edit_user, path, e);
        return e;
    }
    if (x12i_grow(&b->a, &offs, &b->path_off_cap, idx + 1, sizeof(size_t)) != 0)
        return NULL;
    b->path_off = offs;
    if (x12i_grow(&b->a, &paths, &b->paths_cap, b->paths_len + n + 1, 1) != 0)
        return NULL;
    b->paths = paths;
    e = x12i_errlist_push(&b->a, &b->edits);
    if (e == NULL)
        return NULL;
    va_start(ap, fmt);
    x12i_error_vset(e, X12_EEDIT, X12_SEV_ERROR, rule, 0, segid, segid ? strlen(segid) : 0, 0,
                    element, fmt, ap);
    va_end(ap);
    if (loop != NULL)
        x12i_error_set_loop(e, loop);
    memcpy(b->paths + b->paths_len, path, n + 1);
    b->path_off[idx] = b->paths_len;
    b->paths_len += n + 1;
    b->edits_total++;
    return e;
}

x12_status x12_batch_set_edit_handler(x12_batch *b, x12_edit_fn fn, void *user)
{
    if (b == NULL)
        return X12_EINVAL;
    b->edit_fn = fn;
    b->edit_user = user;
    return X12_OK;
}

size_t x12_batch_edit_count(const x12_batch *b)
{
    return b ? b->edits.count : 0;
}

const x12_error *x12_batch_edit_at(const x12_batch *b, size_t i)
{
    return b && i < b->edits.count ? &b->edits.items[i] : NULL;
}

const char *x12_batch_edit_path(const x12_batch *b, size_t i)
{
    return b && i < b->edits.count ? b->paths + b->path_off[i] : "";
}

/* ---- the batch ------------------------------------------------------------------ */

void c8_arena_reset(x12_batch *b)
{
    /* A batch that does not stream keeps everything in the first arena;
     * resetting from it releases every level. */
    c8_arena_reset_from(b, C8L_HEAD);
    b->bp_first = b->bp_last = NULL;
    b->nproviders = b->nclaims = 0;
    clear_views(b->f, C8_BATCH_NF + 1);
    c8_party_init(b, &b->submitter, C8P_SUBMITTER, X12_ENTITY_ORGANIZATION, C8L_HEAD);
    c8_party_init(b, &b->receiver, C8P_RECEIVER, X12_ENTITY_ORGANIZATION, C8L_HEAD);
}

x12_status x12_batch_new(const x12_allocator *alloc, x12_claim_kind kind, x12_batch **out)
{
    x12i_alloc a;
    x12_batch *b;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (kind != X12_CLAIM_837P && kind != X12_CLAIM_837I)
        return X12_EINVAL;
    if ((st = x12i_alloc_init(&a, alloc)) != X12_OK)
        return st;
    b = x12i_malloc(&a, sizeof *b);
    if (b == NULL)
        return X12_ENOMEM;
    memset(b, 0, sizeof *b);
    b->a = a;
    b->kind = kind;
    clear_views(b->f, C8_BATCH_NF + 1);
    b->opt[X12_BATCHOPT_ISA13] = 1;
    b->opt[X12_BATCHOPT_GS06] = 1;
    b->opt[X12_BATCHOPT_ST02] = 1;
    b->opt[X12_BATCHOPT_MAX_CLAIMS_PER_SET] = 5000;
    b->opt[X12_BATCHOPT_MAX_CLAIM_BYTES] = 16u << 20;
    b->opt[X12_BATCHOPT_MAX_LINE_BYTES] = 8u << 20;
    b->opt[X12_BATCHOPT_MAX_DEPTH] = 64;
    b->opt[X12_BATCHOPT_KIND_FROM_INPUT] = 1;
    b->el = '*';
    b->comp = ':';
    b->rep = '^';
    b->seg = '~';
    c8_party_init(b, &b->submitter, C8P_SUBMITTER, X12_ENTITY_ORGANIZATION, C8L_HEAD);
    c8_party_init(b, &b->receiver, C8P_RECEIVER, X12_ENTITY_ORGANIZATION, C8L_HEAD);
    *out = b;
    return X12_OK;
}

void x12_batch_free(x12_batch *b)
{
    x12i_alloc a;

    if (b == NULL)
        return;
    a = b->a;
    c8_stream_free(b);
    arena_free(b);
    x12i_errlist_free(&a, &b->edits);
    x12i_free(&a, b->paths);
    x12i_free(&a, b->path_off);
    x12i_free(&a, b);
}

x12_claim_kind x12_batch_kind(const x12_batch *b)
{
    return b ? b->kind : X12_CLAIM_837P;
}

x12_status x12_batch_set_kind(x12_batch *b, x12_claim_kind kind)
{
    if (b == NULL || (kind != X12_CLAIM_837P && kind != X12_CLAIM_837I))
        return X12_EINVAL;
    b->kind = kind;
    return X12_OK;
}

int c8_batch_empty(const x12_batch *b)
{
    return b->bp_first == NULL;
}

x12_status x12_batch_set(x12_batch *b, x12_batch_field f, const char *v, size_t len)
{
    if (b == NULL || (int)f < 1 || (int)f > C8_BATCH_NF)
        return X12_EINVAL;
    return c8_copy(b, C8L_HEAD, &b->f[f], v, len);
}

x12_str x12_batch_get(const x12_batch *b, x12_batch_field f)
{
    if (b == NULL || (int)f < 1 || (int)f > C8_BATCH_NF)
        return empty_view();
    return b->f[f];
}

x12_status x12_batch_set_option(x12_batch *b, x12_batch_option opt, uint64_t value)
{
    if (b == NULL || (int)opt < 1 || (int)opt > C8_NOPT)
        return X12_EINVAL;
    switch (opt) {
    case X12_BATCHOPT_ISA13:
    case X12_BATCHOPT_GS06:
    case X12_BATCHOPT_ST02:
        if (value < 1 || value > 999999999u)
            return X12_EINVAL;
        break;
    case X12_BATCHOPT_PRODUCTION:
    case X12_BATCHOPT_ACK_REQUESTED:
    case X12_BATCHOPT_PATH_WITH_PCN:
    case X12_BATCHOPT_KIND_FROM_INPUT:
        if (value > 1)
            return X12_EINVAL;
        break;
    case X12_BATCHOPT_MAX_CLAIMS_PER_SET:
    case X12_BATCHOPT_MAX_CLAIM_BYTES:
        break;
    case X12_BATCHOPT_MAX_LINE_BYTES:
        if (value < 64 || value > ((uint64_t)1 << 31))
            return X12_EINVAL;
        break;
    case X12_BATCHOPT_MAX_DEPTH:
        if (value < 1 || value > 65536)
            return X12_EINVAL;
        break;
    }
    b->opt[opt] = value;
    return X12_OK;
}

uint64_t x12_batch_get_option(const x12_batch *b, x12_batch_option opt)
{
    if (b == NULL || (int)opt < 1 || (int)opt > C8_NOPT)
        return 0;
    return b->opt[opt];
}

static int bad_delim(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == ' ' || c == '\0';
}

x12_status x12_batch_set_delimiters(x12_batch *b, char element, char component,
                                    char repetition, char segment)
{
    if (b == NULL || bad_delim(element) || bad_delim(component) || bad_delim(segment) ||
        (repetition != 0 && bad_delim(repetition)) || element == component ||
        element == segment || component == segment ||
        (repetition != 0 &&
         (repetition == element || repetition == component || repetition == segment)))
        return X12_EINVAL;
    b->el = element;
    b->comp = component;
    b->rep = repetition;
    b->seg = segment;
    return X12_OK;
}

x12_party *x12_batch_submitter(x12_batch *b)
{
    return b ? &b->submitter : NULL;
}

x12_party *x12_batch_receiver(x12_batch *b)
{
    return b ? &b->receiver : NULL;
}

size_t x12_batch_claim_count(const x12_batch *b)
{
    return b ? b->nclaims : 0;
}

/* ---- parties ------------------------------------------------------------------ */

x12_status x12_party_set(x12_party *p, x12_party_field f, const char *v, size_t len)
{
    if (p == NULL || (int)f < 1 || (int)f > C8_PARTY_NF)
        return X12_EINVAL;
    return c8_fields_set(p->b, p->lvl, &p->fl, (unsigned)f, v, len);
}

x12_str x12_party_get(const x12_party *p, x12_party_field f)
{
    if (p == NULL || (int)f < 1 || (int)f > C8_PARTY_NF)
        return empty_view();
    return c8_fields_get(&p->fl, (unsigned)f);
}

x12_status x12_party_set_entity(x12_party *p, x12_entity e)
{
    if (p == NULL || (e != X12_ENTITY_PERSON && e != X12_ENTITY_ORGANIZATION))
        return X12_EINVAL;
    p->entity = (unsigned char)e;
    p->entity_set = 1;
    return X12_OK;
}

x12_entity x12_party_entity(const x12_party *p)
{
    return p ? (x12_entity)p->entity : X12_ENTITY_PERSON;
}

/* ---- providers, subscribers, patients --------------------------------------- */

x12_billing_provider *c8_provider_new(x12_batch *b)
{
    x12_billing_provider *bp = c8_alloc(b, C8L_PROVIDER, sizeof *bp);

    if (bp == NULL)
        return NULL;
    bp->b = b;
    bp->serial = ++b->serials;
    c8_party_init(b, &bp->party, C8P_BILLING, X12_ENTITY_ORGANIZATION, C8L_PROVIDER);
    c8_party_init(b, &bp->payto, C8P_PAYTO, X12_ENTITY_ORGANIZATION, C8L_PROVIDER);
    c8_party_init(b, &bp->payto_plan, C8P_PAYTO_PLAN, X12_ENTITY_ORGANIZATION, C8L_PROVIDER);
    return bp;
}

x12_status x12_batch_add_provider(x12_batch *b, x12_billing_provider **out)
{
    x12_billing_provider *bp;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (b == NULL || out == NULL)
        return X12_EINVAL;
    if (b->stream != NULL && (st = c8_stream_level(b, C8L_PROVIDER, NULL)) != X12_OK)
        return st;
    if ((bp = c8_provider_new(b)) == NULL)
        return X12_ENOMEM;
    C8_LIST_APPEND(b->bp_first, b->bp_last, bp);
    bp->ord = ++b->nproviders;
    *out = bp;
    return X12_OK;
}

x12_party *x12_billing_provider_party(x12_billing_provider *bp)
{
    return bp ? &bp->party : NULL;
}

x12_party *x12_billing_provider_pay_to(x12_billing_provider *bp)
{
    return bp ? &bp->payto : NULL;
}

x12_party *x12_billing_provider_pay_to_plan(x12_billing_provider *bp)
{
    return bp ? &bp->payto_plan : NULL;
}

x12_subscriber *c8_subscriber_new(x12_batch *b)
{
    x12_subscriber *s = c8_alloc(b, C8L_SUBSCRIBER, sizeof *s);

    if (s == NULL)
        return NULL;
    s->b = b;
    s->serial = ++b->serials;
    c8_party_init(b, &s->party, C8P_SUBSCRIBER, X12_ENTITY_PERSON, C8L_SUBSCRIBER);
    c8_party_init(b, &s->payer, C8P_PAYER, X12_ENTITY_ORGANIZATION, C8L_SUBSCRIBER);
    return s;
}

x12_status x12_billing_provider_add_subscriber(x12_billing_provider *bp, x12_subscriber **out)
{
    x12_subscriber *s;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (bp == NULL || out == NULL)
        return X12_EINVAL;
    if (bp->b->stream != NULL && (st = c8_stream_level(bp->b, C8L_SUBSCRIBER, bp)) != X12_OK)
        return st;
    if ((s = c8_subscriber_new(bp->b)) == NULL)
        return X12_ENOMEM;
    C8_LIST_APPEND(bp->s_first, bp->s_last, s);
    s->ord = ++bp->nsubs;
    *out = s;
    return X12_OK;
}

x12_status x12_subscriber_set(x12_subscriber *s, x12_subscriber_field f, const char *v,
                              size_t len)
{
    if (s == NULL || (int)f < 1 || (int)f > C8_SUB_NF)
        return X12_EINVAL;
    return c8_fields_set(s->b, C8L_SUBSCRIBER, &s->fl, (unsigned)f, v, len);
}

x12_str x12_subscriber_get(const x12_subscriber *s, x12_subscriber_field f)
{
    if (s == NULL || (int)f < 1 || (int)f > C8_SUB_NF)
        return empty_view();
    return c8_fields_get(&s->fl, (unsigned)f);
}

x12_party *x12_subscriber_party(x12_subscriber *s)
{
    return s ? &s->party : NULL;
}

x12_party *x12_subscriber_payer(x12_subscriber *s)
{
    return s ? &s->payer : NULL;
}

x12_patient *c8_patient_new(x12_batch *b)
{
    x12_patient *p = c8_alloc(b, C8L_PATIENT, sizeof *p);

    if (p == NULL)
        return NULL;
    p->b = b;
    p->serial = ++b->serials;
    p->rel = empty_view();
    c8_party_init(b, &p->party, C8P_PATIENT, X12_ENTITY_PERSON, C8L_PATIENT);
    return p;
}

x12_status x12_subscriber_add_patient(x12_subscriber *s, x12_patient **out)
{
    x12_patient *p;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (s == NULL || out == NULL)
        return X12_EINVAL;
    if (s->b->stream != NULL && (st = c8_stream_level(s->b, C8L_PATIENT, s)) != X12_OK)
        return st;
    if ((p = c8_patient_new(s->b)) == NULL)
        return X12_ENOMEM;
    C8_LIST_APPEND(s->p_first, s->p_last, p);
    p->ord = ++s->npatients;
    *out = p;
    return X12_OK;
}

x12_status x12_patient_set_relationship(x12_patient *p, const char *v, size_t len)
{
    if (p == NULL)
        return X12_EINVAL;
    return c8_copy(p->b, C8L_PATIENT, &p->rel, v, len);
}

x12_str x12_patient_relationship(const x12_patient *p)
{
    return p ? p->rel : empty_view();
}

x12_party *x12_patient_party(x12_patient *p)
{
    return p ? &p->party : NULL;
}

/* ---- claims ------------------------------------------------------------------------ */

x12_claim *c8_claim_new(x12_batch *b)
{
    x12_claim *c = c8_alloc(b, C8L_CLAIM, sizeof *c);

    if (c == NULL)
        return NULL;
    c->b = b;
    b->nclaims++;
    return c;
}

x12_status x12_subscriber_add_claim(x12_subscriber *s, x12_claim **out)
{
    x12_claim *c;

    if (out != NULL)
        *out = NULL;
    if (s == NULL || out == NULL)
        return X12_EINVAL;
    if (s->b->stream != NULL && !c8_stream_is_open(s->b, s, NULL))
        return X12_ESTATE;
    if ((c = c8_claim_new(s->b)) == NULL)
        return X12_ENOMEM;
    C8_LIST_APPEND(s->c_first, s->c_last, c);
    s->nclaims++;
    *out = c;
    return X12_OK;
}

x12_status x12_patient_add_claim(x12_patient *p, x12_claim **out)
{
    x12_claim *c;

    if (out != NULL)
        *out = NULL;
    if (p == NULL || out == NULL)
        return X12_EINVAL;
    if (p->b->stream != NULL && !c8_stream_is_open(p->b, NULL, p))
        return X12_ESTATE;
    if ((c = c8_claim_new(p->b)) == NULL)
        return X12_ENOMEM;
    C8_LIST_APPEND(p->c_first, p->c_last, c);
    p->nclaims++;
    *out = c;
    return X12_OK;
}

x12_status x12_claim_set(x12_claim *c, x12_claim_field f, const char *v, size_t len)
{
    if (c == NULL || (int)f < 1 || (int)f > C8_CLAIM_NF)
        return X12_EINVAL;
    return c8_fields_set(c->b, C8L_CLAIM, &c->fl, (unsigned)f, v, len);
}

x12_str x12_claim_get(const x12_claim *c, x12_claim_field f)
{
    if (c == NULL || (int)f < 1 || (int)f > C8_CLAIM_NF)
        return empty_view();
    return c8_fields_get(&c->fl, (unsigned)f);
}

x12_status x12_claim_set_amount(x12_claim *c, x12_claim_amount f, int64_t cents)
{
    if (c == NULL || (int)f < 1 || (int)f > C8_CLAIM_NA)
        return X12_EINVAL;
    c->amt[f] = cents;
    c->has_amt[f] = 1;
    return X12_OK;
}

int x12_claim_get_amount(const x12_claim *c, x12_claim_amount f, int64_t *cents)
{
    if (c == NULL || (int)f < 1 || (int)f > C8_CLAIM_NA || !c->has_amt[f])
        return 0;
    if (cents != NULL)
        *cents = c->amt[f];
    return 1;
}

/* Whether date v (CCYYMMDD) is before the ICD-10 compliance date: 1
 * before, 0 on or after, -1 not a date. */
static int before_icd10(x12_str v)
{
    if (!c8_is_date(v.ptr, v.len))
        return -1;
    return memcmp(v.ptr, "20151001", 8) < 0;
}

int c8_claim_code_set(const x12_claim *c, int p)
{
    const x12_service_line *l;
    x12_str from = x12_claim_get(c, X12_CLAIM_SERVICE_FROM),
            to = x12_claim_get(c, X12_CLAIM_SERVICE_TO);
    int seen[2] = {0, 0}, b;

    if (!p)
        return before_icd10(to.len ? to : from) == 1 ? C8_CS_ICD9 : C8_CS_ICD10;
    for (l = c->l_first; l != NULL; l = l->next) {
        x12_str lf = x12_line_get(l, X12_LINE_SERVICE_FROM), lt = x12_line_get(l, X12_LINE_SERVICE_TO);
        if (lf.len == 0) {
            lf = from;
            lt = to;
        }
        if ((b = before_icd10(lf)) >= 0)
            seen[b] = 1;
        if ((b = before_icd10(lt)) >= 0)
            seen[b] = 1;
    }
    if (c->l_first == NULL) {
        if ((b = before_icd10(from)) >= 0)
            seen[b] = 1;
        if ((b = before_icd10(to)) >= 0)
            seen[b] = 1;
    }
    return seen[0] && seen[1] ? C8_CS_MIXED : seen[1] ? C8_CS_ICD9 : C8_CS_ICD10;
}

x12_status x12_claim_add_diagnosis(x12_claim *c, x12_dx_kind kind, const char *code,
                                   size_t len, char poa)
{
    c8_dx *d;
    void *items;
    char buf[16];
    x12_status st;

    if (c == NULL || code == NULL || (int)kind < 1 || (int)kind > X12_DX_EXTERNAL_CAUSE)
        return X12_EINVAL;
    if (len == X12_NTS)
        len = strlen(code);
    items = c->dx;
    if (arena_grow(c->b, C8L_CLAIM, &items, &c->dxcap, c->ndx + 1, sizeof(c8_dx)) != 0)
        return X12_ENOMEM;
    c->dx = items;
    d = &c->dx[c->ndx];
    memset(d, 0, sizeof *d);
    /* "J03.00" -> "J0300": the dot after the three-character category is
     * how people write the code, not part of it; so is the one after the
     * four characters of an ICD-9-CM E code ("E880.9").  A dot anywhere
     * else is left for the shape edit to report. */
    if (len > 4 && len < sizeof buf &&
        (code[3] == '.' || (len > 5 && code[0] == 'E' && code[4] == '.' &&
                            x12i_all_digits(code + 1, 3)))) {
        size_t at = code[3] == '.' ? 3 : 4;
        memcpy(buf, code, at);
        memcpy(buf + at, code + at + 1, len - at - 1);
        st = c8_copy(c->b, C8L_CLAIM, &d->code, buf, len - 1);
        d->raw_dotted = 1;
    } else {
        st = c8_copy(c->b, C8L_CLAIM, &d->code, code, len);
    }
    if (st != X12_OK)
        return st;
    d->kind = (unsigned char)kind;
    d->poa = poa;
    c->ndx++;
    return X12_OK;
}

size_t x12_claim_diagnosis_count(const x12_claim *c)
{
    return c ? c->ndx : 0;
}

x12_str x12_claim_diagnosis(const x12_claim *c, size_t i, x12_dx_kind *kind)
{
    if (c == NULL || i >= c->ndx) {
        if (kind != NULL)
            *kind = (x12_dx_kind)0;
        return empty_view();
    }
    if (kind != NULL)
        *kind = (x12_dx_kind)c->dx[i].kind;
    return c->dx[i].code;
}

x12_status x12_claim_add_code(x12_claim *c, x12_code_kind kind, const char *code, size_t len,
                              const char *date, size_t date_len, const char *date2,
                              size_t date2_len, int64_t cents)
{
    c8_code *k;
    void *items;
    x12_status st;
    char buf[16];

    if (c == NULL || code == NULL || (int)kind < 1 || (int)kind > X12_CODE_ANESTHESIA_PROCEDURE)
        return X12_EINVAL;
    items = c->codes;
    if (arena_grow(c->b, C8L_CLAIM, &items, &c->codecap, c->ncodes + 1, sizeof(c8_code)) != 0)
        return X12_ENOMEM;
    c->codes = items;
    k = &c->codes[c->ncodes];
    memset(k, 0, sizeof *k);
    if (len == X12_NTS)
        len = strlen(code);
    /* ICD-10-PCS codes have no dot, but people copy them from lists that
     * print one after the third character. */
    if ((kind == X12_CODE_PRINCIPAL_PROCEDURE || kind == X12_CODE_OTHER_PROCEDURE) &&
        len == 8 && code[3] == '.') {
        memcpy(buf, code, 3);
        memcpy(buf + 3, code + 4, 4);
        st = c8_copy(c->b, C8L_CLAIM, &k->code, buf, 7);
    } else if ((kind == X12_CODE_PRINCIPAL_PROCEDURE || kind == X12_CODE_OTHER_PROCEDURE) &&
               (len == 4 || len == 5) && code[2] == '.') {
        /* an ICD-9-CM procedure as written, "47.09" */
        memcpy(buf, code, 2);
        memcpy(buf + 2, code + 3, len - 3);
        st = c8_copy(c->b, C8L_CLAIM, &k->code, buf, len - 1);
    } else {
        st = c8_copy(c->b, C8L_CLAIM, &k->code, code, len);
    }
    if (st != X12_OK || (st = c8_copy(c->b, C8L_CLAIM, &k->date, date, date ? date_len : 0)) != X12_OK ||
        (st = c8_copy(c->b, C8L_CLAIM, &k->date2, date2, date2 ? date2_len : 0)) != X12_OK)
        return st;
    k->kind = kind;
    k->cents = cents;
    c->ncodes++;
    return X12_OK;
}

const char *x12_claim_role_name(x12_claim_role role)
{
    static const char *const names[] = {
        "",          "rendering",        "referring",         "service_facility",
        "attending", "operating",        "other_operating",   "supervising",
        "ordering",  "ambulance_pickup", "ambulance_dropoff", "purchased_service",
        "billing",   "primary_care"};

    return (int)role >= 1 && (size_t)role < sizeof names / sizeof names[0] ? names[role] : "";
}

x12_party *x12_claim_provider(x12_claim *c, x12_claim_role role)
{
    /* Ordering and purchased service are line roles only (837P 2420E, 2420B). */
    if (c == NULL || (int)role < 1 || (int)role > C8_NROLES || role == X12_ROLE_ORDERING ||
        role == X12_ROLE_PURCHASED_SERVICE || role == X12_ROLE_BILLING)
        return NULL;
    return role_party(c->b, &c->roles, role);
}

/* ---- other payers ---------------------------------------------------------------- */

x12_status x12_claim_add_other_payer(x12_claim *c, x12_other_payer **out)
{
    x12_other_payer *op;

    if (out != NULL)
        *out = NULL;
    if (c == NULL || out == NULL)
        return X12_EINVAL;
    op = c8_alloc(c->b, C8L_CLAIM, sizeof *op);
    if (op == NULL)
        return X12_ENOMEM;
    op->b = c->b;
    clear_views(op->f, C8_OP_NF + 1);
    c8_party_init(c->b, &op->sub, C8P_OP_SUBSCRIBER, X12_ENTITY_PERSON, C8L_CLAIM);
    c8_party_init(c->b, &op->payer, C8P_OP_PAYER, X12_ENTITY_ORGANIZATION, C8L_CLAIM);
    C8_LIST_APPEND(c->op_first, c->op_last, op);
    c->nop++;
    *out = op;
    return X12_OK;
}

x12_status x12_other_payer_set(x12_other_payer *op, x12_other_payer_field f, const char *v,
                               size_t len)
{
    if (op == NULL || (int)f < 1 || (int)f > C8_OP_NF)
        return X12_EINVAL;
    return c8_copy(op->b, C8L_CLAIM, &op->f[f], v, len);
}

x12_str x12_other_payer_get(const x12_other_payer *op, x12_other_payer_field f)
{
    if (op == NULL || (int)f < 1 || (int)f > C8_OP_NF)
        return empty_view();
    return op->f[f];
}

x12_status x12_other_payer_set_amount(x12_other_payer *op, x12_other_payer_amount f,
                                      int64_t cents)
{
    if (op == NULL || (int)f < 1 || (int)f > C8_OP_NA)
        return X12_EINVAL;
    op->amt[f] = cents;
    op->has_amt[f] = 1;
    return X12_OK;
}

int x12_other_payer_get_amount(const x12_other_payer *op, x12_other_payer_amount f,
                               int64_t *cents)
{
    if (op == NULL || (int)f < 1 || (int)f > C8_OP_NA || !op->has_amt[f])
        return 0;
    if (cents != NULL)
        *cents = op->amt[f];
    return 1;
}

/* Appends an adjustment to an arena array (claim or line level). */
static x12_status c8_adj_add(x12_batch *b, c8_adj **adj, size_t *n, size_t *cap,
                             const char *group, const char *reason, int64_t cents,
                             const char *quantity)
{
    c8_adj *a;
    void *items;
    x12_status st;

    if (b == NULL || group == NULL || reason == NULL)
        return X12_EINVAL;
    items = *adj;
    if (arena_grow(b, C8L_CLAIM, &items, cap, *n + 1, sizeof(c8_adj)) != 0)
        return X12_ENOMEM;
    *adj = items;
    a = &(*adj)[*n];
    memset(a, 0, sizeof *a);
    if ((st = c8_copy(b, C8L_CLAIM, &a->group, group, X12_NTS)) != X12_OK ||
        (st = c8_copy(b, C8L_CLAIM, &a->reason, reason, X12_NTS)) != X12_OK ||
        (st = c8_copy(b, C8L_CLAIM, &a->quantity, quantity, quantity ? X12_NTS : 0)) != X12_OK)
        return st;
    a->cents = cents;
    (*n)++;
    return X12_OK;
}

x12_status x12_other_payer_add_adjustment(x12_other_payer *op, const char *group,
                                          const char *reason, int64_t cents,
                                          const char *quantity)
{
    if (op == NULL)
        return X12_EINVAL;
    return c8_adj_add(op->b, &op->adj, &op->nadj, &op->adjcap, group, reason, cents, quantity);
}

x12_party *x12_other_payer_subscriber(x12_other_payer *op)
{
    return op ? &op->sub : NULL;
}

x12_party *x12_other_payer_payer(x12_other_payer *op)
{
    return op ? &op->payer : NULL;
}

x12_party *x12_other_payer_provider(x12_other_payer *op, x12_claim_role role)
{
    if (op == NULL || (c8_op_role_loop(1, role, NULL) == NULL &&
                       c8_op_role_loop(0, role, NULL) == NULL))
        return NULL;
    return role_party(op->b, &op->roles, role);
}

x12_party *x12_other_payer_find_provider(x12_other_payer *op, x12_claim_role role)
{
    x12_party *p;

    if (op == NULL || op->roles == NULL || (int)role < 1 || (int)role > C8_NROLES ||
        (p = op->roles[role]) == NULL)
        return NULL;
    return c8_op_provider_used(p) ? p : NULL;
}

int c8_op_provider_used(const x12_party *p)
{
    return p != NULL && (c8_fields_any(&p->fl) || p->entity_set);
}

/* ---- service lines ---------------------------------------------------------------- */

x12_status x12_claim_add_line(x12_claim *c, x12_service_line **out)
{
    x12_service_line *l;

    if (out != NULL)
        *out = NULL;
    if (c == NULL || out == NULL)
        return X12_EINVAL;
    l = c8_alloc(c->b, C8L_CLAIM, sizeof *l);
    if (l == NULL)
        return X12_ENOMEM;
    l->b = c->b;
    C8_LIST_APPEND(c->l_first, c->l_last, l);
    c->nlines++;
    *out = l;
    return X12_OK;
}

size_t x12_claim_line_count(const x12_claim *c)
{
    return c ? c->nlines : 0;
}

x12_status x12_line_set(x12_service_line *l, x12_line_field f, const char *v, size_t len)
{
    if (l == NULL || (int)f < 1 || (int)f > C8_LINE_NF)
        return X12_EINVAL;
    return c8_fields_set(l->b, C8L_CLAIM, &l->fl, (unsigned)f, v, len);
}

x12_str x12_line_get(const x12_service_line *l, x12_line_field f)
{
    if (l == NULL || (int)f < 1 || (int)f > C8_LINE_NF)
        return empty_view();
    return c8_fields_get(&l->fl, (unsigned)f);
}

x12_status x12_line_set_amount(x12_service_line *l, x12_line_amount f, int64_t cents)
{
    if (l == NULL || (int)f < 1 || (int)f > C8_LINE_NA)
        return X12_EINVAL;
    l->amt[f] = cents;
    l->has_amt[f] = 1;
    return X12_OK;
}

int x12_line_get_amount(const x12_service_line *l, x12_line_amount f, int64_t *cents)
{
    if (l == NULL || (int)f < 1 || (int)f > C8_LINE_NA || !l->has_amt[f])
        return 0;
    if (cents != NULL)
        *cents = l->amt[f];
    return 1;
}

x12_status x12_line_add_modifier(x12_service_line *l, const char *v, size_t len)
{
    void *items;

    if (l == NULL || v == NULL)
        return X12_EINVAL;
    items = l->mods.v;
    if (arena_grow(l->b, C8L_CLAIM, &items, &l->mods.cap, l->mods.n + 1, sizeof(x12_str)) != 0)
        return X12_ENOMEM;
    l->mods.v = items;
    if (c8_copy(l->b, C8L_CLAIM, &l->mods.v[l->mods.n], v, len) != X12_OK)
        return X12_ENOMEM;
    l->mods.n++;
    return X12_OK;
}

x12_status x12_line_add_pointer(x12_service_line *l, unsigned pointer)
{
    void *items;

    if (l == NULL)
        return X12_EINVAL;
    items = l->ptrs;
    if (arena_grow(l->b, C8L_CLAIM, &items, &l->ptrcap, l->nptrs + 1, sizeof(unsigned)) != 0)
        return X12_ENOMEM;
    l->ptrs = items;
    l->ptrs[l->nptrs++] = pointer;
    return X12_OK;
}

x12_party *x12_line_provider(x12_service_line *l, x12_claim_role role)
{
    /* Every role has a line loop in one kind or the other but attending
     * (and the other payers' billing provider). */
    if (l == NULL || (int)role < 1 || (int)role > C8_NROLES || role == X12_ROLE_ATTENDING ||
        role == X12_ROLE_BILLING)
        return NULL;
    return role_party(l->b, &l->roles, role);
}

/* ---- attachments (PWK) ------------------------------------------------------------ */

static x12_status add_attachment(x12_batch *b, x12_attachment **first, x12_attachment **last,
                                 size_t *n, x12_attachment **out)
{
    x12_attachment *a = c8_alloc(b, C8L_CLAIM, sizeof *a);

    if (a == NULL)
        return X12_ENOMEM;
    a->b = b;
    C8_LIST_APPEND(*first, *last, a);
    (*n)++;
    *out = a;
    return X12_OK;
}

x12_status x12_claim_add_attachment(x12_claim *c, x12_attachment **out)
{
    if (out != NULL)
        *out = NULL;
    if (c == NULL || out == NULL)
        return X12_EINVAL;
    return add_attachment(c->b, &c->att_first, &c->att_last, &c->natt, out);
}

x12_status x12_line_add_attachment(x12_service_line *l, x12_attachment **out)
{
    if (out != NULL)
        *out = NULL;
    if (l == NULL || out == NULL)
        return X12_EINVAL;
    return add_attachment(l->b, &l->att_first, &l->att_last, &l->natt, out);
}

x12_status x12_attachment_set(x12_attachment *a, x12_attachment_field f, const char *v,
                              size_t len)
{
    if (a == NULL || (int)f < 1 || (int)f > C8_NF_ATT)
        return X12_EINVAL;
    return c8_fields_set(a->b, C8L_CLAIM, &a->fl, (unsigned)f, v, len);
}

x12_str x12_attachment_get(const x12_attachment *a, x12_attachment_field f)
{
    if (a == NULL || (int)f < 1 || (int)f > C8_NF_ATT)
        return empty_view();
    return c8_fields_get(&a->fl, (unsigned)f);
}

/* ---- line adjudication (2430) ----------------------------------------------------- */

x12_status x12_line_add_adjudication(x12_service_line *l, x12_line_adjudication **out)
{
    x12_line_adjudication *a;

    if (out != NULL)
        *out = NULL;
    if (l == NULL || out == NULL)
        return X12_EINVAL;
    a = c8_alloc(l->b, C8L_CLAIM, sizeof *a);
    if (a == NULL)
        return X12_ENOMEM;
    a->b = l->b;
    C8_LIST_APPEND(l->la_first, l->la_last, a);
    l->nla++;
    *out = a;
    return X12_OK;
}

x12_status x12_line_adjudication_set(x12_line_adjudication *a, x12_line_adjudication_field f,
                                     const char *v, size_t len)
{
    if (a == NULL || (int)f < 1 || (int)f > C8_LA_NF)
        return X12_EINVAL;
    return c8_fields_set(a->b, C8L_CLAIM, &a->fl, (unsigned)f, v, len);
}

x12_str x12_line_adjudication_get(const x12_line_adjudication *a, x12_line_adjudication_field f)
{
    if (a == NULL || (int)f < 1 || (int)f > C8_LA_NF)
        return empty_view();
    return c8_fields_get(&a->fl, (unsigned)f);
}

x12_status x12_line_adjudication_set_amount(x12_line_adjudication *a,
                                            x12_line_adjudication_amount f, int64_t cents)
{
    if (a == NULL || (int)f < 1 || (int)f > C8_LA_NA)
        return X12_EINVAL;
    a->amt[f] = cents;
    a->has_amt[f] = 1;
    return X12_OK;
}

int x12_line_adjudication_get_amount(const x12_line_adjudication *a,
                                     x12_line_adjudication_amount f, int64_t *cents)
{
    if (a == NULL || (int)f < 1 || (int)f > C8_LA_NA || !a->has_amt[f])
        return 0;
    if (cents != NULL)
        *cents = a->amt[f];
    return 1;
}

x12_status x12_line_adjudication_add_modifier(x12_line_adjudication *a, const char *v,
                                              size_t len)
{
    void *items;

    if (a == NULL || v == NULL)
        return X12_EINVAL;
    items = a->mods.v;
    if (arena_grow(a->b, C8L_CLAIM, &items, &a->mods.cap, a->mods.n + 1, sizeof(x12_str)) != 0)
        return X12_ENOMEM;
    a->mods.v = items;
    if (c8_copy(a->b, C8L_CLAIM, &a->mods.v[a->mods.n], v, len) != X12_OK)
        return X12_ENOMEM;
    a->mods.n++;
    return X12_OK;
}

x12_status x12_line_adjudication_add_adjustment(x12_line_adjudication *a, const char *group,
                                                const char *reason, int64_t cents,
                                                const char *quantity)
{
    if (a == NULL)
        return X12_EINVAL;
    return c8_adj_add(a->b, &a->adj, &a->nadj, &a->adjcap, group, reason, cents, quantity);
}
