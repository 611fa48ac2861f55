/*
 * remit835 model: storage (arenas, vectors), object lifetimes and every
 * public accessor of payments, claims, lines and the small records.  The
 * parsing state machine is in remit835_parse.c.
 */
#include <stddef.h>
#include <string.h>

#include "remit835_internal.h"

/* ---- arena and vectors -------------------------------------------------- */

#define BLOCK_MIN 4096u

static char *block_data(x12i_block *b)
{
    return (char *)(b + 1);
}

void x12i_arena_reset(x12i_arena *ar)
{
    x12i_block *b;

    for (b = ar->head; b != NULL; b = b->next)
        b->used = 0;
    ar->cur = ar->head;
}

void x12i_arena_free(const x12i_alloc *a, x12i_arena *ar)
{
    x12i_block *b = ar->head, *next;

    while (b != NULL) {
        next = b->next;
        x12i_free(a, b);
        b = next;
    }
    ar->head = ar->cur = NULL;
}

static char *arena_alloc(const x12i_alloc *a, x12i_arena *ar, size_t n)
{
    x12i_block *b = ar->cur, *nb;
    size_t size;

    /* Reuse the blocks kept by the last reset before making new ones. */
    while (b != NULL && b->size - b->used < n) {
        b = b->next;
        if (b != NULL)
            b->used = 0;
    }
    if (b != NULL) {
        ar->cur = b;
        b->used += n;
        return block_data(b) + b->used - n;
    }
    size = n > BLOCK_MIN ? n : BLOCK_MIN;
    if (size > SIZE_MAX - sizeof *nb)
        return NULL;
    nb = x12i_malloc(a, sizeof *nb + size);
    if (nb == NULL)
        return NULL;
    nb->size = size;
    nb->used = n;
    nb->next = NULL;
    /* Append after the current block so that a reset finds it again. */
    if (ar->cur == NULL) {
        nb->next = ar->head;
        ar->head = nb;
    } else {
        nb->next = ar->cur->next;
        ar->cur->next = nb;
    }
    ar->cur = nb;
    return block_data(nb);
}

int x12i_arena_copy(const x12i_alloc *a, x12i_arena *ar, x12_str v, x12_str *out)
{
    char *p;

    if (v.len == 0) {
        out->ptr = "";
        out->len = 0;
        return 0;
    }
    p = arena_alloc(a, ar, v.len);
    if (p == NULL)
        return -1;
    memcpy(p, v.ptr, v.len);
    out->ptr = p;
    out->len = v.len;
    return 0;
}

void *x12i_vec_push(const x12i_alloc *a, x12i_vec *v, size_t elem)
{
    void *items = v->items;
    char *p;

    if (x12i_grow(a, &items, &v->cap, v->n + 1, elem) != 0)
        return NULL;
    v->items = items;
    p = (char *)items + v->n * elem;
    v->n++;
    memset(p, 0, elem);
    return p;
}

void x12i_vec_free(const x12i_alloc *a, x12i_vec *v)
{
    x12i_free(a, v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}

/* ---- object lifetimes ---------------------------------------------------- */

x12_remit_claim *x12i_claim_new(const x12i_alloc *a)
{
    x12_remit_claim *c = x12i_malloc(a, sizeof *c);

    if (c != NULL)
        memset(c, 0, sizeof *c);
    return c;
}

void x12i_claim_reset(x12_remit_claim *c)
{
    memset(c, 0, offsetof(x12_remit_claim, arena));
    c->names.n = c->adj.n = c->remarks.n = c->dates.n = 0;
    c->refs.n = c->amounts.n = c->qtys.n = c->contacts.n = 0;
    c->services.n = c->line_adj.n = c->line_remarks.n = c->line_dates.n = 0;
    c->line_refs.n = c->line_amounts.n = c->line_qtys.n = c->denial.n = 0;
    c->issues.n = 0;
    x12i_arena_reset(&c->arena);
}

void x12i_claim_free(const x12i_alloc *a, x12_remit_claim *c)
{
    if (c == NULL)
        return;
    x12i_arena_free(a, &c->arena);
    x12i_vec_free(a, &c->names);
    x12i_vec_free(a, &c->adj);
    x12i_vec_free(a, &c->remarks);
    x12i_vec_free(a, &c->dates);
    x12i_vec_free(a, &c->refs);
    x12i_vec_free(a, &c->amounts);
    x12i_vec_free(a, &c->qtys);
    x12i_vec_free(a, &c->contacts);
    x12i_vec_free(a, &c->services);
    x12i_vec_free(a, &c->line_adj);
    x12i_vec_free(a, &c->line_remarks);
    x12i_vec_free(a, &c->line_dates);
    x12i_vec_free(a, &c->line_refs);
    x12i_vec_free(a, &c->line_amounts);
    x12i_vec_free(a, &c->line_qtys);
    x12i_vec_free(a, &c->denial);
    x12i_vec_free(a, &c->issues);
    x12i_free(a, c);
}

x12_remit_header *x12i_header_new(const x12i_alloc *a)
{
    x12_remit_header *h = x12i_malloc(a, sizeof *h);

    if (h != NULL)
        memset(h, 0, sizeof *h);
    return h;
}

void x12i_header_reset(x12_remit_header *h)
{
    x12i_arena ar = h->arena;

    memset(h, 0, sizeof *h);
    h->arena = ar;
    x12i_arena_reset(&h->arena);
}

void x12i_header_free(const x12i_alloc *a, x12_remit_header *h)
{
    if (h == NULL)
        return;
    x12i_arena_free(a, &h->arena);
    x12i_free(a, h);
}

x12_remit_payment *x12i_payment_new(const x12i_alloc *a)
{
    x12_remit_payment *p = x12i_malloc(a, sizeof *p);

    if (p != NULL)
        memset(p, 0, sizeof *p);
    return p;
}

static void parties_free(const x12i_alloc *a, x12i_vec *parties)
{
    size_t i;

    for (i = 0; i < parties->n; i++) {
        x12_remit_name *n = &VAT(*parties, x12_remit_name, i);

        x12i_vec_free(a, &n->refs);
        x12i_vec_free(a, &n->contacts);
    }
}

/* Owned claims and headers (trees) are freed; vectors keep their storage. */
static void payment_release(const x12i_alloc *a, x12_remit_payment *p)
{
    size_t i;

    parties_free(a, &p->parties);
    for (i = 0; i < p->claims.n; i++)
        x12i_claim_free(a, VAT(p->claims, x12_remit_claim *, i));
    for (i = 0; i < p->headers.n; i++)
        x12i_header_free(a, VAT(p->headers, x12_remit_header *, i));
}

void x12i_payment_reset(const x12i_alloc *a, x12_remit_payment *p)
{
    x12i_arena ar = p->arena;
    x12i_vec *vecs[] = {&p->parties, &p->refs,    &p->dates, &p->headers, &p->claims,
                        &p->plb,     &p->pending, &p->pairs, &p->issues};
    x12i_vec keep[sizeof vecs / sizeof vecs[0]];
    size_t i;

    payment_release(a, p);
    for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
        keep[i] = *vecs[i];
        keep[i].n = 0;
    }
    memset(p, 0, sizeof *p);
    for (i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
        *vecs[i] = keep[i];
    p->arena = ar;
    x12i_arena_reset(&p->arena);
}

void x12i_payment_free(const x12i_alloc *a, x12_remit_payment *p)
{
    if (p == NULL)
        return;
    payment_release(a, p);
    x12i_arena_free(a, &p->arena);
    x12i_vec_free(a, &p->parties);
    x12i_vec_free(a, &p->refs);
    x12i_vec_free(a, &p->dates);
    x12i_vec_free(a, &p->headers);
    x12i_vec_free(a, &p->claims);
    x12i_vec_free(a, &p->plb);
    x12i_vec_free(a, &p->pending);
    x12i_vec_free(a, &p->pairs);
    x12i_vec_free(a, &p->issues);
    x12i_free(a, p);
}

x12_remit_doc *x12i_doc_new(const x12i_alloc *a)
{
    x12_remit_doc *d = x12i_malloc(a, sizeof *d);

    if (d != NULL) {
        memset(d, 0, sizeof *d);
        d->a = *a;
    }
    return d;
}

void x12_remit_doc_free(x12_remit_doc *doc)
{
    size_t i;
    x12i_alloc a;

    if (doc == NULL)
        return;
    a = doc->a;
    for (i = 0; i < doc->payments.n; i++)
        x12i_payment_free(&a, VAT(doc->payments, x12_remit_payment *, i));
    x12i_vec_free(&a, &doc->payments);
    x12i_vec_free(&a, &doc->errors);
    x12i_free(&a, doc);
}

/* ---- accessors ----------------------------------------------------------- */

static const x12_str empty = {"", 0};

static x12_str view(x12_str v)
{
    return v.ptr != NULL ? v : empty;
}

/* Element i of a vector, or NULL when out of range / no object. */
#define AT_OR_NULL(obj, vec, T, i) \
    ((obj) != NULL && (i) < (obj)->vec.n ? &VAT((obj)->vec, T, i) : NULL)

size_t x12_remit_doc_payment_count(const x12_remit_doc *doc)
{
    return doc != NULL ? doc->payments.n : 0;
}

const x12_remit_payment *x12_remit_doc_payment_at(const x12_remit_doc *doc, size_t i)
{
    return doc != NULL && i < doc->payments.n ? VAT(doc->payments, x12_remit_payment *, i)
                                              : NULL;
}

size_t x12_remit_doc_error_count(const x12_remit_doc *doc)
{
    return doc != NULL ? doc->errors.n : 0;
}

const x12_error *x12_remit_doc_error_at(const x12_remit_doc *doc, size_t i)
{
    return AT_OR_NULL(doc, errors, x12_error, i);
}

uint64_t x12_remit_doc_errors_dropped(const x12_remit_doc *doc)
{
    return doc != NULL ? doc->errors_dropped : 0;
}

/* -- payment -- */

x12_str x12_remit_payment_get(const x12_remit_payment *p, x12_remit_payment_field f)
{
    if (p == NULL || (unsigned)f == 0 || (unsigned)f >= RP_NFIELDS)
        return empty;
    return view(p->f[f]);
}

int64_t x12_remit_payment_amount_cents(const x12_remit_payment *p)
{
    return p != NULL ? p->amount : 0;
}

x12_str x12_remit_payment_method(const x12_remit_payment *p)
{
    return x12_remit_payment_get(p, X12_RP_METHOD);
}

x12_str x12_remit_payment_trace_number(const x12_remit_payment *p)
{
    return x12_remit_payment_get(p, X12_RP_TRACE_NUMBER);
}

x12_str x12_remit_payment_date(const x12_remit_payment *p)
{
    return x12_remit_payment_get(p, X12_RP_PAYMENT_DATE);
}

size_t x12_remit_payment_index(const x12_remit_payment *p)
{
    return p != NULL ? p->index : 0;
}

uint64_t x12_remit_payment_segment_number(const x12_remit_payment *p)
{
    return p != NULL ? p->segno : 0;
}

uint64_t x12_remit_payment_offset(const x12_remit_payment *p)
{
    return p != NULL ? p->offset : 0;
}

static const x12_remit_name *find_party(const x12_remit_payment *p, const char *code)
{
    size_t i;

    if (p == NULL)
        return NULL;
    for (i = 0; i < p->parties.n; i++) {
        const x12_remit_name *n = &VAT(p->parties, x12_remit_name, i);
        x12_str e = view(n->f[X12_RN_ENTITY]);

        if (e.len == 2 && memcmp(e.ptr, code, 2) == 0)
            return n;
    }
    return NULL;
}

const x12_remit_name *x12_remit_payment_payer(const x12_remit_payment *p)
{
    return find_party(p, "PR");
}

const x12_remit_name *x12_remit_payment_payee(const x12_remit_payment *p)
{
    return find_party(p, "PE");
}

size_t x12_remit_payment_party_count(const x12_remit_payment *p)
{
    return p != NULL ? p->parties.n : 0;
}

const x12_remit_name *x12_remit_payment_party_at(const x12_remit_payment *p, size_t i)
{
    return AT_OR_NULL(p, parties, x12_remit_name, i);
}

size_t x12_remit_payment_ref_count(const x12_remit_payment *p)
{
    return p != NULL ? p->refs.n : 0;
}

const x12_remit_ref *x12_remit_payment_ref_at(const x12_remit_payment *p, size_t i)
{
    return AT_OR_NULL(p, refs, x12_remit_ref, i);
}

size_t x12_remit_payment_date_count(const x12_remit_payment *p)
{
    return p != NULL ? p->dates.n : 0;
}

const x12_remit_date *x12_remit_payment_date_at(const x12_remit_payment *p, size_t i)
{
    return AT_OR_NULL(p, dates, x12_remit_date, i);
}

size_t x12_remit_payment_header_count(const x12_remit_payment *p)
{
    return p != NULL ? p->headers.n : 0;
}

const x12_remit_header *x12_remit_payment_header_at(const x12_remit_payment *p, size_t i)
{
    return p != NULL && i < p->headers.n ? VAT(p->headers, x12_remit_header *, i) : NULL;
}

size_t x12_remit_payment_claim_count(const x12_remit_payment *p)
{
    return p != NULL ? p->claims.n : 0;
}

const x12_remit_claim *x12_remit_payment_claim_at(const x12_remit_payment *p, size_t i)
{
    return p != NULL && i < p->claims.n ? VAT(p->claims, x12_remit_claim *, i) : NULL;
}

size_t x12_remit_payment_plb_count(const x12_remit_payment *p)
{
    return p != NULL ? p->plb.n : 0;
}

const x12_remit_plb *x12_remit_payment_plb_at(const x12_remit_payment *p, size_t i)
{
    return AT_OR_NULL(p, plb, x12_remit_plb, i);
}

uint64_t x12_remit_payment_claim_total(const x12_remit_payment *p)
{
    return p != NULL ? p->nclaims : 0;
}

uint64_t x12_remit_payment_line_total(const x12_remit_payment *p)
{
    return p != NULL ? p->nlines : 0;
}

int64_t x12_remit_payment_charge_total_cents(const x12_remit_payment *p)
{
    return p != NULL ? p->sum_charge : 0;
}

int64_t x12_remit_payment_paid_total_cents(const x12_remit_payment *p)
{
    return p != NULL ? p->sum_paid : 0;
}

int64_t x12_remit_payment_plb_total_cents(const x12_remit_payment *p)
{
    return p != NULL ? p->sum_plb : 0;
}

int x12_remit_payment_balanced(const x12_remit_payment *p)
{
    return p != NULL ? p->balanced : 0;
}

size_t x12_remit_payment_pair_count(const x12_remit_payment *p)
{
    return p != NULL ? p->pairs.n : 0;
}

int x12_remit_payment_pair_at(const x12_remit_payment *p, size_t i, size_t *reversal,
                              size_t *correction)
{
    const x12i_pair *pr = AT_OR_NULL(p, pairs, x12i_pair, i);

    if (pr == NULL)
        return 0;
    if (reversal != NULL)
        *reversal = pr->reversal;
    if (correction != NULL)
        *correction = pr->correction;
    return 1;
}

size_t x12_remit_payment_error_count(const x12_remit_payment *p)
{
    return p != NULL ? p->issues.n : 0;
}

const x12_error *x12_remit_payment_error_at(const x12_remit_payment *p, size_t i)
{
    return AT_OR_NULL(p, issues, x12_error, i);
}

uint64_t x12_remit_payment_errors_dropped(const x12_remit_payment *p)
{
    return p != NULL ? p->issues_dropped : 0;
}

/* -- LX header -- */

x12_str x12_remit_header_number(const x12_remit_header *h)
{
    return h != NULL ? view(h->number) : empty;
}

x12_str x12_remit_header_ts3(const x12_remit_header *h, unsigned n)
{
    return h != NULL && n >= 1 && n <= TS3_MAX ? view(h->ts3[n]) : empty;
}

x12_str x12_remit_header_ts2(const x12_remit_header *h, unsigned n)
{
    return h != NULL && n >= 1 && n <= TS2_MAX ? view(h->ts2[n]) : empty;
}

/* -- claim -- */

x12_str x12_remit_claim_get(const x12_remit_claim *c, x12_remit_claim_field f)
{
    if (c == NULL || (unsigned)f == 0 || (unsigned)f >= RC_NFIELDS)
        return empty;
    return view(c->f[f]);
}

x12_str x12_remit_claim_patient_control_number(const x12_remit_claim *c)
{
    return x12_remit_claim_get(c, X12_RC_PATIENT_CONTROL_NUMBER);
}

x12_str x12_remit_claim_status(const x12_remit_claim *c)
{
    return x12_remit_claim_get(c, X12_RC_STATUS);
}

const char *x12_remit_claim_status_text(const x12_remit_claim *c)
{
    x12_str s = x12_remit_claim_status(c);
    const char *t = x12_remit_code_text(X12_CODESET_CLAIM_STATUS, s.ptr, s.len);

    return t != NULL ? t : "";
}

x12_str x12_remit_claim_payer_claim_control_number(const x12_remit_claim *c)
{
    return x12_remit_claim_get(c, X12_RC_PAYER_CLAIM_CONTROL_NUMBER);
}

int64_t x12_remit_claim_charge_cents(const x12_remit_claim *c)
{
    return c != NULL ? c->charge : 0;
}

int64_t x12_remit_claim_paid_cents(const x12_remit_claim *c)
{
    return c != NULL ? c->paid : 0;
}

int64_t x12_remit_claim_patient_resp_cents(const x12_remit_claim *c)
{
    return c != NULL ? c->patient_resp : 0;
}

size_t x12_remit_claim_index(const x12_remit_claim *c)
{
    return c != NULL ? c->index : 0;
}

uint64_t x12_remit_claim_segment_number(const x12_remit_claim *c)
{
    return c != NULL ? c->segno : 0;
}

uint64_t x12_remit_claim_offset(const x12_remit_claim *c)
{
    return c != NULL ? c->offset : 0;
}

const x12_remit_payment *x12_remit_claim_payment(const x12_remit_claim *c)
{
    return c != NULL ? c->payment : NULL;
}

const x12_remit_header *x12_remit_claim_header(const x12_remit_claim *c)
{
    return c != NULL ? c->header : NULL;
}

size_t x12_remit_claim_name_count(const x12_remit_claim *c)
{
    return c != NULL ? c->names.n : 0;
}

const x12_remit_name *x12_remit_claim_name_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, names, x12_remit_name, i);
}

const x12_remit_name *x12_remit_claim_find_name(const x12_remit_claim *c, const char *entity)
{
    size_t i, n;

    if (c == NULL || entity == NULL)
        return NULL;
    n = strlen(entity);
    for (i = 0; i < c->names.n; i++) {
        const x12_remit_name *nm = &VAT(c->names, x12_remit_name, i);
        x12_str e = view(nm->f[X12_RN_ENTITY]);

        if (e.len == n && memcmp(e.ptr, entity, n) == 0)
            return nm;
    }
    return NULL;
}

size_t x12_remit_claim_adjustment_count(const x12_remit_claim *c)
{
    return c != NULL ? c->adj.n : 0;
}

const x12_remit_adjustment *x12_remit_claim_adjustment_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, adj, x12_remit_adjustment, i);
}

size_t x12_remit_claim_remark_count(const x12_remit_claim *c)
{
    return c != NULL ? c->remarks.n : 0;
}

const x12_remit_remark *x12_remit_claim_remark_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, remarks, x12_remit_remark, i);
}

x12_str x12_remit_claim_mia(const x12_remit_claim *c, unsigned n)
{
    return c != NULL && n >= 1 && n <= MIA_MAX ? view(c->mia[n]) : empty;
}

x12_str x12_remit_claim_moa(const x12_remit_claim *c, unsigned n)
{
    return c != NULL && n >= 1 && n <= MOA_MAX ? view(c->moa[n]) : empty;
}

size_t x12_remit_claim_date_count(const x12_remit_claim *c)
{
    return c != NULL ? c->dates.n : 0;
}

const x12_remit_date *x12_remit_claim_date_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, dates, x12_remit_date, i);
}

static x12_str find_date(const x12_remit_date *d, size_t n, const char *qual)
{
    size_t i, ql;

    if (qual == NULL)
        return empty;
    ql = strlen(qual);
    for (i = 0; i < n; i++)
        if (d[i].qual.len == ql && memcmp(d[i].qual.ptr, qual, ql) == 0)
            return view(d[i].date);
    return empty;
}

x12_str x12_remit_claim_find_date(const x12_remit_claim *c, const char *qualifier)
{
    if (c == NULL)
        return empty;
    return find_date(c->dates.items, c->dates.n, qualifier);
}

size_t x12_remit_claim_ref_count(const x12_remit_claim *c)
{
    return c != NULL ? c->refs.n : 0;
}

const x12_remit_ref *x12_remit_claim_ref_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, refs, x12_remit_ref, i);
}

size_t x12_remit_claim_amount_count(const x12_remit_claim *c)
{
    return c != NULL ? c->amounts.n : 0;
}

const x12_remit_amount *x12_remit_claim_amount_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, amounts, x12_remit_amount, i);
}

size_t x12_remit_claim_quantity_count(const x12_remit_claim *c)
{
    return c != NULL ? c->qtys.n : 0;
}

const x12_remit_quantity *x12_remit_claim_quantity_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, qtys, x12_remit_quantity, i);
}

size_t x12_remit_claim_contact_count(const x12_remit_claim *c)
{
    return c != NULL ? c->contacts.n : 0;
}

const x12_remit_contact *x12_remit_claim_contact_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, contacts, x12_remit_contact, i);
}

size_t x12_remit_claim_service_count(const x12_remit_claim *c)
{
    return c != NULL ? c->services.n : 0;
}

const x12_remit_service *x12_remit_claim_service_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, services, x12_remit_service, i);
}

x12_remit_outcome x12_remit_claim_outcome(const x12_remit_claim *c)
{
    return c != NULL ? c->outcome : X12_REMIT_PAID;
}

size_t x12_remit_claim_denial_reason_count(const x12_remit_claim *c)
{
    return c != NULL ? c->denial.n : 0;
}

const x12_remit_adjustment *x12_remit_claim_denial_reason_at(const x12_remit_claim *c, size_t i)
{
    return c != NULL && i < c->denial.n ? VAT(c->denial, const x12_remit_adjustment *, i)
                                        : NULL;
}

int64_t x12_remit_claim_patient_share_cents(const x12_remit_claim *c, x12_remit_share which)
{
    if (c == NULL || (unsigned)which < 1 || (unsigned)which > 5)
        return 0;
    return c->share[which];
}

int x12_remit_claim_forwarded(const x12_remit_claim *c)
{
    return c != NULL ? c->forwarded : 0;
}

int x12_remit_claim_balanced(const x12_remit_claim *c)
{
    return c != NULL ? c->balanced : 0;
}

size_t x12_remit_claim_reversal_of(const x12_remit_claim *c)
{
    return c != NULL ? c->reversal_of : 0;
}

size_t x12_remit_claim_corrected_by(const x12_remit_claim *c)
{
    return c != NULL ? c->corrected_by : 0;
}

size_t x12_remit_claim_error_count(const x12_remit_claim *c)
{
    return c != NULL ? c->issues.n : 0;
}

const x12_error *x12_remit_claim_error_at(const x12_remit_claim *c, size_t i)
{
    return AT_OR_NULL(c, issues, x12_error, i);
}

size_t x12_remit_claim_total_errors(const x12_remit_claim *c)
{
    return c != NULL ? c->nerrors : 0;
}

uint64_t x12_remit_claim_errors_dropped(const x12_remit_claim *c)
{
    return c != NULL ? c->issues_dropped : 0;
}

const char *x12_remit_outcome_name(x12_remit_outcome o)
{
    switch (o) {
    case X12_REMIT_PAID: return "paid";
    case X12_REMIT_PARTIAL: return "partially_paid";
    case X12_REMIT_DENIED: return "denied";
    case X12_REMIT_NO_PAYMENT: return "no_payment";
    case X12_REMIT_REVERSED: return "reversed";
    case X12_REMIT_FORWARDED: return "forwarded";
    case X12_REMIT_PREDETERMINATION: return "predetermination";
    }
    return "unknown";
}

/* -- service line -- */

x12_str x12_remit_service_get(const x12_remit_service *s, x12_remit_service_field f)
{
    if (s == NULL || (unsigned)f == 0 || (unsigned)f >= RS_NFIELDS)
        return empty;
    return view(s->f[f]);
}

x12_str x12_remit_service_procedure(const x12_remit_service *s)
{
    return x12_remit_service_get(s, X12_RS_PROCEDURE);
}

int64_t x12_remit_service_charge_cents(const x12_remit_service *s)
{
    return s != NULL ? s->charge : 0;
}

int64_t x12_remit_service_paid_cents(const x12_remit_service *s)
{
    return s != NULL ? s->paid : 0;
}

int64_t x12_remit_service_units_milli(const x12_remit_service *s)
{
    return s != NULL ? s->units_milli : 0;
}

int64_t x12_remit_service_allowed_cents(const x12_remit_service *s)
{
    return s != NULL ? s->allowed : 0;
}

int x12_remit_service_has_allowed(const x12_remit_service *s)
{
    return s != NULL ? s->has_allowed : 0;
}

size_t x12_remit_service_index(const x12_remit_service *s)
{
    return s != NULL ? s->index : 0;
}

uint64_t x12_remit_service_segment_number(const x12_remit_service *s)
{
    return s != NULL ? s->segno : 0;
}

uint64_t x12_remit_service_offset(const x12_remit_service *s)
{
    return s != NULL ? s->offset : 0;
}

#define SPAN_AT(s, span, ptr, i) ((s) != NULL && (i) < (s)->span.n ? &(s)->ptr[i] : NULL)

size_t x12_remit_service_adjustment_count(const x12_remit_service *s)
{
    return s != NULL ? s->adj.n : 0;
}

const x12_remit_adjustment *x12_remit_service_adjustment_at(const x12_remit_service *s,
                                                            size_t i)
{
    return SPAN_AT(s, adj, padj, i);
}

size_t x12_remit_service_remark_count(const x12_remit_service *s)
{
    return s != NULL ? s->remarks.n : 0;
}

const x12_remit_remark *x12_remit_service_remark_at(const x12_remit_service *s, size_t i)
{
    return SPAN_AT(s, remarks, premarks, i);
}

size_t x12_remit_service_date_count(const x12_remit_service *s)
{
    return s != NULL ? s->dates.n : 0;
}

const x12_remit_date *x12_remit_service_date_at(const x12_remit_service *s, size_t i)
{
    return SPAN_AT(s, dates, pdates, i);
}

x12_str x12_remit_service_find_date(const x12_remit_service *s, const char *qualifier)
{
    if (s == NULL)
        return empty;
    return find_date(s->pdates, s->dates.n, qualifier);
}

size_t x12_remit_service_ref_count(const x12_remit_service *s)
{
    return s != NULL ? s->refs.n : 0;
}

const x12_remit_ref *x12_remit_service_ref_at(const x12_remit_service *s, size_t i)
{
    return SPAN_AT(s, refs, prefs, i);
}

size_t x12_remit_service_amount_count(const x12_remit_service *s)
{
    return s != NULL ? s->amounts.n : 0;
}

const x12_remit_amount *x12_remit_service_amount_at(const x12_remit_service *s, size_t i)
{
    return SPAN_AT(s, amounts, pamounts, i);
}

size_t x12_remit_service_quantity_count(const x12_remit_service *s)
{
    return s != NULL ? s->qtys.n : 0;
}

const x12_remit_quantity *x12_remit_service_quantity_at(const x12_remit_service *s, size_t i)
{
    return SPAN_AT(s, qtys, pqtys, i);
}

x12_remit_outcome x12_remit_service_outcome(const x12_remit_service *s)
{
    return s != NULL ? s->outcome : X12_REMIT_PAID;
}

int64_t x12_remit_service_patient_share_cents(const x12_remit_service *s,
                                              x12_remit_share which)
{
    if (s == NULL || (unsigned)which < 1 || (unsigned)which > 5)
        return 0;
    return s->share[which];
}

int x12_remit_service_balanced(const x12_remit_service *s)
{
    return s != NULL ? s->balanced : 0;
}

/* -- small records -- */

x12_str x12_remit_adjustment_group(const x12_remit_adjustment *a)
{
    return a != NULL ? view(a->group) : empty;
}

x12_str x12_remit_adjustment_reason(const x12_remit_adjustment *a)
{
    return a != NULL ? view(a->reason) : empty;
}

int64_t x12_remit_adjustment_amount_cents(const x12_remit_adjustment *a)
{
    return a != NULL ? a->cents : 0;
}

x12_str x12_remit_adjustment_quantity(const x12_remit_adjustment *a)
{
    return a != NULL ? view(a->qty) : empty;
}

int64_t x12_remit_adjustment_quantity_milli(const x12_remit_adjustment *a)
{
    return a != NULL ? a->qty_milli : 0;
}

size_t x12_remit_adjustment_line(const x12_remit_adjustment *a)
{
    return a != NULL ? a->line : 0;
}

x12_str x12_remit_plb_provider(const x12_remit_plb *b)
{
    return b != NULL ? view(b->provider) : empty;
}

x12_str x12_remit_plb_date(const x12_remit_plb *b)
{
    return b != NULL ? view(b->date) : empty;
}

x12_str x12_remit_plb_reason(const x12_remit_plb *b)
{
    return b != NULL ? view(b->reason) : empty;
}

x12_str x12_remit_plb_reference(const x12_remit_plb *b)
{
    return b != NULL ? view(b->reference) : empty;
}

int64_t x12_remit_plb_amount_cents(const x12_remit_plb *b)
{
    return b != NULL ? b->cents : 0;
}

const char *x12_remit_remark_source(const x12_remit_remark *r)
{
    return r != NULL && r->source != NULL ? r->source : "";
}

x12_str x12_remit_remark_qualifier(const x12_remit_remark *r)
{
    return r != NULL ? view(r->qual) : empty;
}

x12_str x12_remit_remark_code(const x12_remit_remark *r)
{
    return r != NULL ? view(r->code) : empty;
}

x12_str x12_remit_name_get(const x12_remit_name *n, x12_remit_name_field f)
{
    if (n == NULL || (unsigned)f == 0 || (unsigned)f >= RN_NFIELDS)
        return empty;
    return view(n->f[f]);
}

size_t x12_remit_name_ref_count(const x12_remit_name *n)
{
    return n != NULL ? n->refs.n : 0;
}

const x12_remit_ref *x12_remit_name_ref_at(const x12_remit_name *n, size_t i)
{
    return AT_OR_NULL(n, refs, x12_remit_ref, i);
}

size_t x12_remit_name_contact_count(const x12_remit_name *n)
{
    return n != NULL ? n->contacts.n : 0;
}

const x12_remit_contact *x12_remit_name_contact_at(const x12_remit_name *n, size_t i)
{
    return AT_OR_NULL(n, contacts, x12_remit_contact, i);
}

x12_str x12_remit_contact_element(const x12_remit_contact *ct, unsigned n)
{
    return ct != NULL && n >= 1 && n <= PER_MAX ? view(ct->el[n]) : empty;
}

x12_str x12_remit_ref_qualifier(const x12_remit_ref *r)
{
    return r != NULL ? view(r->qual) : empty;
}

x12_str x12_remit_ref_value(const x12_remit_ref *r)
{
    return r != NULL ? view(r->value) : empty;
}

x12_str x12_remit_ref_description(const x12_remit_ref *r)
{
    return r != NULL ? view(r->desc) : empty;
}

x12_str x12_remit_date_qualifier(const x12_remit_date *d)
{
    return d != NULL ? view(d->qual) : empty;
}

x12_str x12_remit_date_value(const x12_remit_date *d)
{
    return d != NULL ? view(d->date) : empty;
}

x12_str x12_remit_amount_qualifier(const x12_remit_amount *a)
{
    return a != NULL ? view(a->qual) : empty;
}

int64_t x12_remit_amount_cents(const x12_remit_amount *a)
{
    return a != NULL ? a->cents : 0;
}

x12_str x12_remit_quantity_qualifier(const x12_remit_quantity *q)
{
    return q != NULL ? view(q->qual) : empty;
}

x12_str x12_remit_quantity_text(const x12_remit_quantity *q)
{
    return q != NULL ? view(q->text) : empty;
}

int64_t x12_remit_quantity_milli(const x12_remit_quantity *q)
{
    return q != NULL ? q->milli : 0;
}
