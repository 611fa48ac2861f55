/*
 * 271 model: coverage records, what is computed when a coverage is complete
 * (covered or not, plan name, summaries per service type) and the
 * accessors of coverages, parties, benefits, rejections and summaries.
 */
#include <stdio.h>

#include "elig_internal.h"

static const x12_str empty = {"", 0};

x12_elig_coverage *el_coverage_new(const x12i_alloc *a)
{
    x12_elig_coverage *c = x12i_malloc(a, sizeof *c);

    if (c == NULL)
        return NULL;
    memset(c, 0, sizeof *c);
    tx_arena_init(&c->ar, a);
    el_coverage_reset(c);
    return c;
}

void el_coverage_reset(x12_elig_coverage *c)
{
    tx_arena ar = c->ar;
    size_t i;

    tx_arena_reset(&ar);
    memset(c, 0, sizeof *c);
    c->ar = ar;
    for (i = 0; i <= EC_NF; i++)
        c->f[i] = empty;
}

void el_coverage_free(const x12i_alloc *a, x12_elig_coverage *c)
{
    if (c == NULL)
        return;
    tx_arena_free(&c->ar);
    x12i_free(a, c);
}

/* ---- rejections ------------------------------------------------------------------ */

void el_reject_describe(x12_elig_reject *r, uint64_t segno, uint64_t offset)
{
    const char *why = tx_code_text(TXL_REJECT_REASON, r->reason.ptr, r->reason.len);
    const char *next = tx_code_text(TXL_FOLLOW_UP, r->follow_up.ptr, r->follow_up.len);
    char reason[32], follow[32];

    /* Codes are from code lists, never identifying: they may be quoted. */
    x12i_quote(reason, sizeof reason, r->reason.ptr, r->reason.len);
    x12i_quote(follow, sizeof follow, r->follow_up.ptr, r->follow_up.len);
    x12i_error_set(&r->err, X12_EEDIT, X12_SEV_ERROR, "aaa", segno, "AAA", 3, offset, 3,
                   "the payer rejected the %s: %s (AAA03 %s); %s (AAA04 %s)",
                   r->valid ? "request" : "request as invalid", why ? why : "reason not known",
                   reason[0] ? reason : "-", next ? next : "no follow-up given",
                   follow[0] ? follow : "-");
    x12i_error_set_loop(&r->err, r->loop);
}

/* ---- summaries ---------------------------------------------------------------------- */

enum { NO_RANK = 0xff };

static x12_elig_summary *summary_for(x12_elig_coverage *c, x12_str stype)
{
    size_t i;
    x12_elig_summary *s;

    for (i = 0; i < c->summaries.n; i++) {
        s = &TX_AT(c->summaries, x12_elig_summary, i);
        if (s->stype.len == stype.len && memcmp(s->stype.ptr, stype.ptr, stype.len) == 0)
            return s;
    }
    s = tx_push(&c->ar, &c->summaries, sizeof *s);
    if (s == NULL)
        return NULL;
    s->stype = stype; /* a view into the coverage's arena already */
    memset(s->rank, NO_RANK, sizeof s->rank);
    return s;
}

static void offer(x12_elig_summary *s, int oon, x12_elig_measure m, unsigned rank, int64_t v)
{
    if (rank < s->rank[oon][m]) {
        s->rank[oon][m] = (unsigned char)rank;
        s->v[oon][m] = v;
    }
}

/* Network rank: in network Y 0, W 1, none 2, U 3; out of network only N. */
static int network_rank(x12_str v, int *oon)
{
    *oon = 0;
    if (tx_is(v, "Y"))
        return 0;
    if (tx_is(v, "W"))
        return 1;
    if (v.len == 0)
        return 2;
    if (tx_is(v, "U"))
        return 3;
    if (tx_is(v, "N")) {
        *oon = 1;
        return 0;
    }
    return -1;
}

/* Coverage level rank of the personal measures: IND 0, none 1, other 2;
 * FAM is the family's (-1 here). */
static int level_rank(x12_str v)
{
    if (tx_is(v, "IND"))
        return 0;
    if (v.len == 0)
        return 1;
    if (tx_is(v, "FAM"))
        return -1;
    return 2;
}

static void summarise(x12_elig_summary *s, const x12_elig_benefit *b)
{
    x12_str code = b->f[X12_EB_CODE], tp = b->f[X12_EB_TIME_PERIOD];
    int oon, nr = network_rank(b->f[X12_EB_IN_NETWORK], &oon);
    int lr = level_rank(b->f[X12_EB_COVERAGE_LEVEL]);
    int family = tx_is(b->f[X12_EB_COVERAGE_LEVEL], "FAM");
    char cls = tx_code_class(TXL_BENEFIT, code.ptr, code.len);
    int remaining = tx_code_class(TXL_TIME_PERIOD, tp.ptr, tp.len) == 'R';
    /* Year to date, exceeded, not exceeded: amounts met, not limits. */
    int met = tx_is(tp, "24") || tx_is(tp, "30") || tx_is(tp, "31");
    unsigned rank;

    if (cls == 'A')
        s->active = 1;
    else if (cls == 'I' && s->active == 0)
        s->active = -1;
    if (tx_is(b->f[X12_EB_AUTHORIZATION], "Y"))
        s->auth = 1;
    if (nr < 0)
        return;
    if (family) {
        rank = (unsigned)nr;
        if (tx_is(code, "C") && b->has_amount && !met)
            offer(s, oon, remaining ? X12_EM_FAMILY_DEDUCTIBLE_REMAINING : X12_EM_FAMILY_DEDUCTIBLE,
                  rank, b->amount);
        else if (tx_is(code, "G") && b->has_amount && !met)
            offer(s, oon,
                  remaining ? X12_EM_FAMILY_OUT_OF_POCKET_REMAINING : X12_EM_FAMILY_OUT_OF_POCKET,
                  rank, b->amount);
        return;
    }
    if (lr < 0)
        return;
    rank = (unsigned)(nr * 4 + lr);
    if (tx_is(code, "C") && b->has_amount && !met)
        offer(s, oon, remaining ? X12_EM_DEDUCTIBLE_REMAINING : X12_EM_DEDUCTIBLE, rank, b->amount);
    else if (tx_is(code, "G") && b->has_amount && !met)
        offer(s, oon, remaining ? X12_EM_OUT_OF_POCKET_REMAINING : X12_EM_OUT_OF_POCKET, rank,
              b->amount);
    else if (tx_is(code, "B") && b->has_amount)
        offer(s, oon, X12_EM_COPAY, rank, b->amount);
    else if (tx_is(code, "A") && b->has_percent)
        offer(s, oon, X12_EM_COINSURANCE, rank, b->percent);
}

int el_coverage_finish(x12_elig_coverage *c)
{
    size_t i, k;
    int active = 0, inactive = 0;
    x12_str plan_active = empty, plan_any = empty, itype = empty;

    for (i = 0; i < c->benefits.n; i++) {
        const x12_elig_benefit *b = &TX_AT(c->benefits, x12_elig_benefit, i);
        char cls = tx_code_class(TXL_BENEFIT, b->f[X12_EB_CODE].ptr, b->f[X12_EB_CODE].len);

        if (cls == 'A') {
            active = 1;
            if (plan_active.len == 0)
                plan_active = b->f[X12_EB_PLAN_DESCRIPTION];
            if (itype.len == 0)
                itype = b->f[X12_EB_INSURANCE_TYPE];
        } else if (cls == 'I') {
            inactive = 1;
        }
        if (plan_any.len == 0)
            plan_any = b->f[X12_EB_PLAN_DESCRIPTION];
        for (k = 0; k < b->stypes.n; k++) {
            x12_elig_summary *s = summary_for(c, TX_AT(b->stypes, x12_str, k));
            if (s == NULL)
                return -1;
            summarise(s, b);
        }
    }
    c->f[X12_EC_PLAN_NAME] = plan_active.len ? plan_active : plan_any;
    c->f[X12_EC_INSURANCE_TYPE] = itype;
    if (active)
        c->state = X12_ELIG_ACTIVE;
    else if (inactive)
        c->state = X12_ELIG_INACTIVE;
    else if (c->rejects.n > 0 || (c->payer && c->payer->rejects.n > 0) ||
             (c->receiver && c->receiver->rejects.n > 0))
        c->state = X12_ELIG_REJECTED;
    else
        c->state = X12_ELIG_UNKNOWN;
    return 0;
}

/* ---- coverages ----------------------------------------------------------------------- */

x12_elig_level x12_elig_coverage_level(const x12_elig_coverage *c)
{
    return c ? c->level : X12_ELIG_LEVEL_SUBSCRIBER;
}

x12_elig_state x12_elig_coverage_state(const x12_elig_coverage *c)
{
    return c ? c->state : X12_ELIG_UNKNOWN;
}

x12_str x12_elig_coverage_get(const x12_elig_coverage *c, x12_elig_coverage_field f)
{
    if (c == NULL || (unsigned)f < 1 || (unsigned)f > EC_NF)
        return empty;
    return c->f[f];
}

size_t x12_elig_coverage_index(const x12_elig_coverage *c) { return c ? c->index : 0; }
uint64_t x12_elig_coverage_segment_number(const x12_elig_coverage *c) { return c ? c->segno : 0; }
uint64_t x12_elig_coverage_offset(const x12_elig_coverage *c) { return c ? c->offset : 0; }
const x12_elig_party *x12_elig_coverage_payer(const x12_elig_coverage *c)
{
    return c ? c->payer : NULL;
}
const x12_elig_party *x12_elig_coverage_receiver(const x12_elig_coverage *c)
{
    return c ? c->receiver : NULL;
}

size_t x12_elig_coverage_benefit_count(const x12_elig_coverage *c)
{
    return c ? c->benefits.n : 0;
}

const x12_elig_benefit *x12_elig_coverage_benefit_at(const x12_elig_coverage *c, size_t i)
{
    return c && i < c->benefits.n ? &TX_AT(c->benefits, x12_elig_benefit, i) : NULL;
}

size_t x12_elig_coverage_reject_count(const x12_elig_coverage *c)
{
    return c ? c->rejects.n : 0;
}

const x12_elig_reject *x12_elig_coverage_reject_at(const x12_elig_coverage *c, size_t i)
{
    return c && i < c->rejects.n ? &TX_AT(c->rejects, x12_elig_reject, i) : NULL;
}

static void pair_at(const tx_vec *v, size_t i, x12_str *a, x12_str *b, x12_str *d)
{
    const el_pair *p = i < v->n ? &TX_AT(*v, el_pair, i) : NULL;

    if (a)
        *a = p ? p->q : empty;
    if (b)
        *b = p ? p->v : empty;
    if (d)
        *d = p ? p->d : empty;
}

size_t x12_elig_coverage_ref_count(const x12_elig_coverage *c) { return c ? c->refs.n : 0; }

void x12_elig_coverage_ref_at(const x12_elig_coverage *c, size_t i, x12_str *qualifier,
                              x12_str *value, x12_str *description)
{
    static const tx_vec none;

    pair_at(c ? &c->refs : &none, i, qualifier, value, description);
}

size_t x12_elig_coverage_date_count(const x12_elig_coverage *c) { return c ? c->dates.n : 0; }

void x12_elig_coverage_date_at(const x12_elig_coverage *c, size_t i, x12_str *qualifier,
                               x12_str *format, x12_str *value)
{
    static const tx_vec none;

    pair_at(c ? &c->dates : &none, i, qualifier, value, format);
}

size_t x12_elig_coverage_summary_count(const x12_elig_coverage *c)
{
    return c ? c->summaries.n : 0;
}

const x12_elig_summary *x12_elig_coverage_summary_at(const x12_elig_coverage *c, size_t i)
{
    return c && i < c->summaries.n ? &TX_AT(c->summaries, x12_elig_summary, i) : NULL;
}

const x12_elig_summary *x12_elig_coverage_find_summary(const x12_elig_coverage *c,
                                                       const char *service_type)
{
    size_t i;

    if (c == NULL || service_type == NULL)
        return NULL;
    for (i = 0; i < c->summaries.n; i++) {
        const x12_elig_summary *s = &TX_AT(c->summaries, x12_elig_summary, i);
        if (tx_is(s->stype, service_type))
            return s;
    }
    return NULL;
}

size_t x12_elig_coverage_error_count(const x12_elig_coverage *c) { return c ? c->issues.n : 0; }

const x12_error *x12_elig_coverage_error_at(const x12_elig_coverage *c, size_t i)
{
    return c && i < c->issues.n ? &TX_AT(c->issues, x12_error, i) : NULL;
}

uint64_t x12_elig_coverage_errors_dropped(const x12_elig_coverage *c)
{
    return c ? c->issues_dropped : 0;
}

/* ---- parties, entities, rejections ----------------------------------------------------- */

x12_str x12_elig_party_get(const x12_elig_party *p, x12_elig_party_field f)
{
    if (p == NULL || (unsigned)f < 1 || (unsigned)f > EP_NF)
        return empty;
    return p->f[f];
}

size_t x12_elig_party_reject_count(const x12_elig_party *p) { return p ? p->rejects.n : 0; }

const x12_elig_reject *x12_elig_party_reject_at(const x12_elig_party *p, size_t i)
{
    return p && i < p->rejects.n ? &TX_AT(p->rejects, x12_elig_reject, i) : NULL;
}

x12_str x12_elig_entity_get(const x12_elig_entity *e, x12_elig_party_field f)
{
    if (e == NULL || (unsigned)f < 1 || (unsigned)f > EP_NF)
        return empty;
    return e->f[f];
}

int x12_elig_reject_valid_request(const x12_elig_reject *r) { return r ? r->valid : 0; }
x12_str x12_elig_reject_reason(const x12_elig_reject *r) { return r ? r->reason : empty; }
x12_str x12_elig_reject_follow_up(const x12_elig_reject *r) { return r ? r->follow_up : empty; }

const char *x12_elig_reject_reason_text(const x12_elig_reject *r)
{
    const char *t = r ? tx_code_text(TXL_REJECT_REASON, r->reason.ptr, r->reason.len) : NULL;

    return t ? t : "";
}

const char *x12_elig_reject_follow_up_text(const x12_elig_reject *r)
{
    const char *t = r ? tx_code_text(TXL_FOLLOW_UP, r->follow_up.ptr, r->follow_up.len) : NULL;

    return t ? t : "";
}

int x12_elig_reject_may_resubmit(const x12_elig_reject *r)
{
    return r && tx_code_class(TXL_FOLLOW_UP, r->follow_up.ptr, r->follow_up.len) == 'R';
}

const char *x12_elig_reject_loop(const x12_elig_reject *r) { return r ? r->loop : ""; }
size_t x12_elig_reject_benefit(const x12_elig_reject *r) { return r ? r->benefit : 0; }
const x12_error *x12_elig_reject_error(const x12_elig_reject *r) { return r ? &r->err : NULL; }

/* ---- benefits ---------------------------------------------------------------------------- */

x12_str x12_elig_benefit_get(const x12_elig_benefit *b, x12_elig_benefit_field f)
{
    if (b == NULL || (unsigned)f < 1 || (unsigned)f > EB_NF)
        return empty;
    return b->f[f];
}

static const char *text_or_empty(enum tx_list l, x12_str v)
{
    const char *t = tx_code_text(l, v.ptr, v.len);

    return t ? t : "";
}

const char *x12_elig_benefit_code_text(const x12_elig_benefit *b)
{
    return b ? text_or_empty(TXL_BENEFIT, b->f[X12_EB_CODE]) : "";
}

const char *x12_elig_benefit_coverage_level_text(const x12_elig_benefit *b)
{
    return b ? text_or_empty(TXL_COVERAGE_LEVEL, b->f[X12_EB_COVERAGE_LEVEL]) : "";
}

const char *x12_elig_benefit_time_period_text(const x12_elig_benefit *b)
{
    return b ? text_or_empty(TXL_TIME_PERIOD, b->f[X12_EB_TIME_PERIOD]) : "";
}

size_t x12_elig_benefit_service_type_count(const x12_elig_benefit *b)
{
    return b ? b->stypes.n : 0;
}

x12_str x12_elig_benefit_service_type_at(const x12_elig_benefit *b, size_t i)
{
    return b && i < b->stypes.n ? TX_AT(b->stypes, x12_str, i) : empty;
}

int x12_elig_benefit_amount_cents(const x12_elig_benefit *b, int64_t *value)
{
    if (b == NULL || !b->has_amount)
        return 0;
    if (value)
        *value = b->amount;
    return 1;
}

int x12_elig_benefit_percent_bp(const x12_elig_benefit *b, int64_t *value)
{
    if (b == NULL || !b->has_percent)
        return 0;
    if (value)
        *value = b->percent;
    return 1;
}

int x12_elig_benefit_quantity_milli(const x12_elig_benefit *b, int64_t *value)
{
    if (b == NULL || !b->has_qty)
        return 0;
    if (value)
        *value = b->qty;
    return 1;
}

int x12_elig_benefit_active(const x12_elig_benefit *b)
{
    char cls;

    if (b == NULL)
        return 0;
    cls = tx_code_class(TXL_BENEFIT, b->f[X12_EB_CODE].ptr, b->f[X12_EB_CODE].len);
    return cls == 'A' ? 1 : cls == 'I' ? -1 : 0;
}

size_t x12_elig_benefit_message_count(const x12_elig_benefit *b) { return b ? b->msgs.n : 0; }

x12_str x12_elig_benefit_message_at(const x12_elig_benefit *b, size_t i)
{
    return b && i < b->msgs.n ? TX_AT(b->msgs, x12_str, i) : empty;
}

size_t x12_elig_benefit_date_count(const x12_elig_benefit *b) { return b ? b->dates.n : 0; }

void x12_elig_benefit_date_at(const x12_elig_benefit *b, size_t i, x12_str *qualifier,
                              x12_str *format, x12_str *value)
{
    static const tx_vec none;

    pair_at(b ? &b->dates : &none, i, qualifier, value, format);
}

size_t x12_elig_benefit_ref_count(const x12_elig_benefit *b) { return b ? b->refs.n : 0; }

void x12_elig_benefit_ref_at(const x12_elig_benefit *b, size_t i, x12_str *qualifier,
                             x12_str *value, x12_str *description)
{
    static const tx_vec none;

    pair_at(b ? &b->refs : &none, i, qualifier, value, description);
}

size_t x12_elig_benefit_entity_count(const x12_elig_benefit *b) { return b ? b->entities.n : 0; }

const x12_elig_entity *x12_elig_benefit_entity_at(const x12_elig_benefit *b, size_t i)
{
    return b && i < b->entities.n ? &TX_AT(b->entities, x12_elig_entity, i) : NULL;
}

uint64_t x12_elig_benefit_segment_number(const x12_elig_benefit *b) { return b ? b->segno : 0; }

/* ---- summaries ------------------------------------------------------------------------------ */

x12_str x12_elig_summary_service_type(const x12_elig_summary *s) { return s ? s->stype : empty; }

const char *x12_elig_summary_service_type_text(const x12_elig_summary *s)
{
    return s ? text_or_empty(TXL_SERVICE_TYPE, s->stype) : "";
}

int x12_elig_summary_get(const x12_elig_summary *s, x12_elig_measure m, int out_of_network,
                         int64_t *value)
{
    int k = out_of_network ? 1 : 0;

    if (s == NULL || (unsigned)m < 1 || (unsigned)m > EM_N || s->rank[k][m] == NO_RANK)
        return 0;
    if (value)
        *value = s->v[k][m];
    return 1;
}

int x12_elig_summary_active(const x12_elig_summary *s) { return s ? s->active : 0; }
int x12_elig_summary_authorization_required(const x12_elig_summary *s) { return s ? s->auth : 0; }

/* ---- the doc ---------------------------------------------------------------------------------- */

void x12_elig_doc_free(x12_elig_doc *d)
{
    size_t i;
    x12i_alloc a;

    if (d == NULL)
        return;
    a = d->a;
    for (i = 0; i < d->coverages.n; i++)
        el_coverage_free(&a, TX_AT(d->coverages, x12_elig_coverage *, i));
    tx_arena_free(&d->ar);
    x12i_errlist_free(&a, &d->errors);
    x12i_free(&a, d);
}

size_t x12_elig_doc_coverage_count(const x12_elig_doc *d) { return d ? d->coverages.n : 0; }

const x12_elig_coverage *x12_elig_doc_coverage_at(const x12_elig_doc *d, size_t i)
{
    return d && i < d->coverages.n ? TX_AT(d->coverages, x12_elig_coverage *, i) : NULL;
}

size_t x12_elig_doc_error_count(const x12_elig_doc *d) { return d ? d->errors.count : 0; }

const x12_error *x12_elig_doc_error_at(const x12_elig_doc *d, size_t i)
{
    return d && i < d->errors.count ? &d->errors.items[i] : NULL;
}

uint64_t x12_elig_doc_errors_dropped(const x12_elig_doc *d) { return d ? d->errors_dropped : 0; }
