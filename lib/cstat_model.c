/*
 * 277/277CA model: claim, line, batch and status records, the outcome of a
 * list of statuses, and the accessors.
 */
#include "cstat_internal.h"

static const x12_str empty = {"", 0};

/* ---- records --------------------------------------------------------------------------- */

x12_claimstatus_claim *cs_claim_new(const x12i_alloc *a)
{
    x12_claimstatus_claim *c = x12i_malloc(a, sizeof *c);

    if (c == NULL)
        return NULL;
    memset(c, 0, sizeof *c);
    tx_arena_init(&c->ar, a);
    cs_claim_reset(c);
    return c;
}

void cs_claim_reset(x12_claimstatus_claim *c)
{
    tx_arena ar = c->ar;
    size_t i;

    tx_arena_reset(&ar);
    memset(c, 0, sizeof *c);
    c->ar = ar;
    for (i = 0; i <= CC_NF; i++)
        c->f[i] = empty;
}

void cs_claim_free(const x12i_alloc *a, x12_claimstatus_claim *c)
{
    if (c == NULL)
        return;
    tx_arena_free(&c->ar);
    x12i_free(a, c);
}

x12_claimstatus_batch *cs_batch_new(const x12i_alloc *a)
{
    x12_claimstatus_batch *b = x12i_malloc(a, sizeof *b);

    if (b == NULL)
        return NULL;
    memset(b, 0, sizeof *b);
    tx_arena_init(&b->ar, a);
    cs_batch_reset(b);
    return b;
}

void cs_batch_reset(x12_claimstatus_batch *b)
{
    tx_arena ar = b->ar;

    tx_arena_reset(&ar);
    memset(b, 0, sizeof *b);
    b->ar = ar;
    b->trace = b->name = b->id = b->control = b->received = b->processed = empty;
}

void cs_batch_free(const x12i_alloc *a, x12_claimstatus_batch *b)
{
    if (b == NULL)
        return;
    tx_arena_free(&b->ar);
    x12i_free(a, b);
}

/* ---- outcomes ----------------------------------------------------------------------------- */

const char *x12_claimstatus_outcome_name(x12_claimstatus_outcome o)
{
    static const char *const names[] = {"no_answer", "accepted", "rejected",  "not_found",
                                         "pending",   "info_requested", "paid", "denied",
                                         "finalized", "error",    "unknown"};

    return (unsigned)o < sizeof names / sizeof names[0] ? names[o] : "unknown";
}

x12_claimstatus_outcome x12_claimstatus_status_outcome(const x12_claimstatus_status *s)
{
    x12_str cat, act;
    char cls;

    if (s == NULL)
        return X12_CS_UNKNOWN;
    cat = s->f[X12_ST_CATEGORY];
    act = s->f[X12_ST_ACTION];
    cls = tx_code_class(TXL_CATEGORY, cat.ptr, cat.len);
    /* A rejecting category wins over an accepting action code (one public
     * 277CA pairs A7 with WQ); a 277CA's U rejects whatever the category. */
    if (cls == 'J')
        return X12_CS_REJECTED;
    if (s->kind == X12_CS_KIND_277CA) {
        if (tx_is(act, "U"))
            return X12_CS_REJECTED;
        if (tx_is(act, "WQ"))
            return X12_CS_ACCEPTED;
    }
    switch (cls) {
    case 'A': return X12_CS_ACCEPTED;
    case 'J': return X12_CS_REJECTED;
    case 'N': return X12_CS_NOT_FOUND;
    case 'P': return X12_CS_PENDING;
    case 'I': return X12_CS_INFO_REQUESTED;
    case 'E': return X12_CS_ERROR;
    case 'F':
        if (tx_is(cat, "F1"))
            return X12_CS_PAID;
        if (tx_is(cat, "F2"))
            return X12_CS_DENIED;
        return X12_CS_FINALIZED;
    }
    return X12_CS_UNKNOWN;
}

/* A rejection anywhere wins; else the first status of the latest STC02
 * (ties: the first in the file). */
x12_claimstatus_outcome cs_outcome_of(const tx_vec *statuses)
{
    const x12_claimstatus_status *best = NULL;
    size_t i;

    if (statuses->n == 0)
        return X12_CS_NO_ANSWER;
    for (i = 0; i < statuses->n; i++) {
        const x12_claimstatus_status *s = &TX_AT(*statuses, x12_claimstatus_status, i);
        x12_str d = s->f[X12_ST_EFFECTIVE_DATE];

        if (x12_claimstatus_status_outcome(s) == X12_CS_REJECTED)
            return X12_CS_REJECTED;
        if (best == NULL ||
            (d.len == 8 && (best->f[X12_ST_EFFECTIVE_DATE].len != 8 ||
                            memcmp(d.ptr, best->f[X12_ST_EFFECTIVE_DATE].ptr, 8) > 0)))
            best = s;
    }
    return x12_claimstatus_status_outcome(best);
}

/* ---- statuses ------------------------------------------------------------------------------- */

x12_str x12_claimstatus_status_get(const x12_claimstatus_status *s,
                                           x12_claimstatus_status_field f)
{
    if (s == NULL || (unsigned)f < 1 || (unsigned)f > ST_NF)
        return empty;
    return s->f[f];
}

static const char *text(enum tx_list l, x12_str v)
{
    const char *t = tx_code_text(l, v.ptr, v.len);

    return t ? t : "";
}

const char *x12_claimstatus_status_category_text(const x12_claimstatus_status *s)
{
    return s ? text(TXL_CATEGORY, s->f[X12_ST_CATEGORY]) : "";
}

const char *x12_claimstatus_status_code_text(const x12_claimstatus_status *s)
{
    /* With STCnn-4 RX the code is an NCPDP reject code, not one of 508. */
    if (s == NULL || s->f[X12_ST_CODE_LIST].len > 0)
        return "";
    return text(TXL_STATUS, s->f[X12_ST_CODE]);
}

const char *x12_claimstatus_status_entity_text(const x12_claimstatus_status *s)
{
    return s ? text(TXL_ENTITY, s->f[X12_ST_ENTITY]) : "";
}

unsigned x12_claimstatus_status_position(const x12_claimstatus_status *s)
{
    return s ? s->position : 0;
}

uint64_t x12_claimstatus_status_segment_number(const x12_claimstatus_status *s)
{
    return s ? s->segno : 0;
}

/* ---- claims ------------------------------------------------------------------------------ */

x12_str x12_claimstatus_claim_get(const x12_claimstatus_claim *c,
                                          x12_claimstatus_claim_field f)
{
    if (c == NULL || (unsigned)f < 1 || (unsigned)f > CC_NF)
        return empty;
    return c->f[f];
}

x12_claimstatus_kind x12_claimstatus_claim_kind(const x12_claimstatus_claim *c)
{
    return c ? c->kind : X12_CS_KIND_277;
}

const char *x12_claimstatus_claim_loop(const x12_claimstatus_claim *c)
{
    return c ? c->loop : "";
}

x12_claimstatus_outcome x12_claimstatus_claim_outcome(const x12_claimstatus_claim *c)
{
    return c ? cs_outcome_of(&c->statuses) : X12_CS_NO_ANSWER;
}

/* The first STC04 (04) or STC05 (05) with a valid amount. */
static int stc_amount(const tx_vec *statuses, x12_claimstatus_status_field f, int64_t *cents)
{
    size_t i;

    for (i = 0; i < statuses->n; i++) {
        x12_str v = TX_AT(*statuses, x12_claimstatus_status, i).f[f];
        int64_t c;
        if (v.len > 0 && x12_cents_parse(v.ptr, v.len, &c) == X12_OK) {
            if (cents != NULL)
                *cents = c;
            return 1;
        }
    }
    return 0;
}

int x12_claimstatus_claim_charge_cents(const x12_claimstatus_claim *c, int64_t *cents)
{
    return c ? stc_amount(&c->statuses, X12_ST_CHARGE_TEXT, cents) : 0;
}

int x12_claimstatus_claim_paid_cents(const x12_claimstatus_claim *c, int64_t *cents)
{
    return c ? stc_amount(&c->statuses, X12_ST_PAID_TEXT, cents) : 0;
}

size_t x12_claimstatus_claim_status_count(const x12_claimstatus_claim *c)
{
    return c ? c->statuses.n : 0;
}

const x12_claimstatus_status *x12_claimstatus_claim_status_at(const x12_claimstatus_claim *c,
                                                              size_t i)
{
    return c && i < c->statuses.n ? &TX_AT(c->statuses, x12_claimstatus_status, i) : NULL;
}

size_t x12_claimstatus_claim_line_count(const x12_claimstatus_claim *c)
{
    return c ? c->lines.n : 0;
}

const x12_claimstatus_line *x12_claimstatus_claim_line_at(const x12_claimstatus_claim *c,
                                                          size_t i)
{
    return c && i < c->lines.n ? &TX_AT(c->lines, x12_claimstatus_line, i) : NULL;
}

size_t x12_claimstatus_claim_index(const x12_claimstatus_claim *c) { return c ? c->index : 0; }
uint64_t x12_claimstatus_claim_segment_number(const x12_claimstatus_claim *c)
{
    return c ? c->segno : 0;
}
uint64_t x12_claimstatus_claim_offset(const x12_claimstatus_claim *c) { return c ? c->offset : 0; }

size_t x12_claimstatus_claim_error_count(const x12_claimstatus_claim *c)
{
    return c ? c->issues.n : 0;
}

const x12_error *x12_claimstatus_claim_error_at(const x12_claimstatus_claim *c, size_t i)
{
    return c && i < c->issues.n ? &TX_AT(c->issues, x12_error, i) : NULL;
}

uint64_t x12_claimstatus_claim_errors_dropped(const x12_claimstatus_claim *c)
{
    return c ? c->issues_dropped : 0;
}

/* ---- lines ---------------------------------------------------------------------------------- */

x12_str x12_claimstatus_line_get(const x12_claimstatus_line *l,
                                         x12_claimstatus_svc_field f)
{
    if (l == NULL || (unsigned)f < 1 || (unsigned)f > CV_NF)
        return empty;
    return l->f[f];
}

int x12_claimstatus_line_charge_cents(const x12_claimstatus_line *l, int64_t *cents)
{
    if (l == NULL || !l->has_charge)
        return 0;
    if (cents)
        *cents = l->charge;
    return 1;
}

int x12_claimstatus_line_paid_cents(const x12_claimstatus_line *l, int64_t *cents)
{
    if (l == NULL || !l->has_paid)
        return 0;
    if (cents)
        *cents = l->paid;
    return 1;
}

x12_claimstatus_outcome x12_claimstatus_line_outcome(const x12_claimstatus_line *l)
{
    return l ? cs_outcome_of(&l->statuses) : X12_CS_NO_ANSWER;
}

size_t x12_claimstatus_line_status_count(const x12_claimstatus_line *l)
{
    return l ? l->statuses.n : 0;
}

const x12_claimstatus_status *x12_claimstatus_line_status_at(const x12_claimstatus_line *l,
                                                             size_t i)
{
    return l && i < l->statuses.n ? &TX_AT(l->statuses, x12_claimstatus_status, i) : NULL;
}

/* ---- batches ---------------------------------------------------------------------------------- */

x12_claimstatus_batch_level x12_claimstatus_batch_level_of(const x12_claimstatus_batch *b)
{
    return b ? b->level : X12_CS_BATCH_RECEIVER;
}

x12_claimstatus_kind x12_claimstatus_batch_kind(const x12_claimstatus_batch *b)
{
    return b ? b->kind : X12_CS_KIND_277;
}

x12_str x12_claimstatus_batch_trace_number(const x12_claimstatus_batch *b)
{
    return b ? b->trace : empty;
}
x12_str x12_claimstatus_batch_party_name(const x12_claimstatus_batch *b)
{
    return b ? b->name : empty;
}
x12_str x12_claimstatus_batch_party_id(const x12_claimstatus_batch *b)
{
    return b ? b->id : empty;
}
x12_str x12_claimstatus_batch_control_number(const x12_claimstatus_batch *b)
{
    return b ? b->control : empty;
}
x12_str x12_claimstatus_batch_received_date(const x12_claimstatus_batch *b)
{
    return b ? b->received : empty;
}
x12_str x12_claimstatus_batch_processed_date(const x12_claimstatus_batch *b)
{
    return b ? b->processed : empty;
}

static int got(int has, int64_t v, int64_t *out)
{
    if (!has)
        return 0;
    if (out != NULL)
        *out = v;
    return 1;
}

int x12_claimstatus_batch_accepted_count(const x12_claimstatus_batch *b, int64_t *n)
{
    return b ? got(b->has_accepted_n, b->accepted_n, n) : 0;
}
int x12_claimstatus_batch_rejected_count(const x12_claimstatus_batch *b, int64_t *n)
{
    return b ? got(b->has_rejected_n, b->rejected_n, n) : 0;
}
int x12_claimstatus_batch_accepted_cents(const x12_claimstatus_batch *b, int64_t *c)
{
    return b ? got(b->has_accepted_c, b->accepted_c, c) : 0;
}
int x12_claimstatus_batch_rejected_cents(const x12_claimstatus_batch *b, int64_t *c)
{
    return b ? got(b->has_rejected_c, b->rejected_c, c) : 0;
}

x12_claimstatus_outcome x12_claimstatus_batch_outcome(const x12_claimstatus_batch *b)
{
    return b ? cs_outcome_of(&b->statuses) : X12_CS_NO_ANSWER;
}

size_t x12_claimstatus_batch_status_count(const x12_claimstatus_batch *b)
{
    return b ? b->statuses.n : 0;
}

const x12_claimstatus_status *x12_claimstatus_batch_status_at(const x12_claimstatus_batch *b,
                                                              size_t i)
{
    return b && i < b->statuses.n ? &TX_AT(b->statuses, x12_claimstatus_status, i) : NULL;
}

uint64_t x12_claimstatus_batch_segment_number(const x12_claimstatus_batch *b)
{
    return b ? b->segno : 0;
}

/* ---- the doc ----------------------------------------------------------------------------------- */

void x12_claimstatus_doc_free(x12_claimstatus_doc *d)
{
    x12i_alloc a;
    size_t i;

    if (d == NULL)
        return;
    a = d->a;
    for (i = 0; i < d->claims.n; i++)
        cs_claim_free(&a, TX_AT(d->claims, x12_claimstatus_claim *, i));
    for (i = 0; i < d->batches.n; i++)
        cs_batch_free(&a, TX_AT(d->batches, x12_claimstatus_batch *, i));
    tx_arena_free(&d->ar);
    x12i_errlist_free(&a, &d->errors);
    x12i_free(&a, d);
}

size_t x12_claimstatus_doc_claim_count(const x12_claimstatus_doc *d) { return d ? d->claims.n : 0; }

const x12_claimstatus_claim *x12_claimstatus_doc_claim_at(const x12_claimstatus_doc *d, size_t i)
{
    return d && i < d->claims.n ? TX_AT(d->claims, x12_claimstatus_claim *, i) : NULL;
}

size_t x12_claimstatus_doc_batch_count(const x12_claimstatus_doc *d)
{
    return d ? d->batches.n : 0;
}

const x12_claimstatus_batch *x12_claimstatus_doc_batch_at(const x12_claimstatus_doc *d, size_t i)
{
    return d && i < d->batches.n ? TX_AT(d->batches, x12_claimstatus_batch *, i) : NULL;
}

size_t x12_claimstatus_doc_error_count(const x12_claimstatus_doc *d)
{
    return d ? d->errors.count : 0;
}

const x12_error *x12_claimstatus_doc_error_at(const x12_claimstatus_doc *d, size_t i)
{
    return d && i < d->errors.count ? &d->errors.items[i] : NULL;
}

uint64_t x12_claimstatus_doc_errors_dropped(const x12_claimstatus_doc *d)
{
    return d ? d->errors_dropped : 0;
}
