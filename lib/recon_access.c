/*
 * Reconciliation results: the accessors of include/x12/recon.h.  Every
 * function takes NULL (and an index past the end) and answers with
 * nothing: 0, an empty view, "" or NULL.
 */
#include <string.h>

#include "recon_internal.h"

static x12_str none(void)
{
    x12_str v = {"", 0};

    return v;
}

size_t x12_recon_claim_count(const x12_recon *r)
{
    return r != NULL ? r->nres : 0;
}

const x12_recon_claim *x12_recon_claim_at(const x12_recon *r, size_t i)
{
    return r != NULL && i < r->nres ? &r->res[i] : NULL;
}

size_t x12_recon_unmatched_count(const x12_recon *r)
{
    return r != NULL ? r->nunmatched : 0;
}

const x12_recon_claim *x12_recon_unmatched_at(const x12_recon *r, size_t i)
{
    return r != NULL && i < r->nunmatched ? &r->unmatched[i] : NULL;
}

/* Results are sorted by PCN: a binary search for the first with it. */
static const x12_recon_claim *find_in(const x12_recon_claim *v, size_t n, x12_str pcn)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        x12_str k = rc_view(v[mid].pcn);
        size_t m = k.len < pcn.len ? k.len : pcn.len;
        int c = m ? memcmp(k.ptr, pcn.ptr, m) : 0;
        if (c == 0)
            c = k.len < pcn.len ? -1 : k.len > pcn.len;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n) {
        x12_str k = rc_view(v[lo].pcn);
        if (k.len == pcn.len && memcmp(k.ptr, pcn.ptr, k.len) == 0)
            return &v[lo];
    }
    return NULL;
}

const x12_recon_claim *x12_recon_find_claim(const x12_recon *r, const char *pcn, size_t len)
{
    x12_str k;
    const x12_recon_claim *c;

    if (r == NULL || pcn == NULL)
        return NULL;
    k.ptr = pcn;
    k.len = len == X12_NTS ? strlen(pcn) : len;
    c = find_in(r->res, r->nres, k);
    return c != NULL ? c : find_in(r->unmatched, r->nunmatched, k);
}

x12_str x12_recon_claim_get(const x12_recon_claim *c, x12_recon_field f)
{
    if (c == NULL)
        return none();
    switch (f) {
    case X12_RECON_CLAIM_PCN: return rc_view(c->pcn);
    case X12_RECON_CLAIM_PAYER_ID: return rc_view(c->payer_id);
    case X12_RECON_CLAIM_PAYER_NAME: return rc_view(c->payer_name);
    case X12_RECON_CLAIM_SERVICE_FROM: return rc_view(c->from);
    case X12_RECON_CLAIM_SERVICE_TO: return rc_view(c->to);
    case X12_RECON_CLAIM_SUBMITTED: return c->src != NULL ? rc_view(c->src->submitted) : none();
    case X12_RECON_CLAIM_KIND:
        if (c->src == NULL)
            return none();
        return c->src->kind == X12_CLAIM_837I ? (x12_str){"837I", 4} : (x12_str){"837P", 4};
    case X12_RECON_CLAIM_FREQUENCY: return c->src != NULL ? rc_view(c->src->freq) : none();
    case X12_RECON_CLAIM_PAYER_CLAIM_NUMBER: return rc_view(c->payer_claim);
    case X12_RECON_CLAIM_FORWARDED_TO: return rc_view(c->forwarded_to);
    case X12_RECON_CLAIM_LAST_REMIT_DATE: return rc_view(c->last_remit);
    case X12_RECON_CLAIM_ACK_CODES: return rc_view(c->ack_codes);
    case X12_RECON_CLAIM_ACK_DATE: return rc_view(c->ack_date);
    case X12_RECON_CLAIM_NEXT_PAYER: return c->src != NULL ? rc_view(c->src->next_payer) : none();
    default: return none();
    }
}

int64_t x12_recon_claim_cents(const x12_recon_claim *c, x12_recon_amount a)
{
    return c != NULL && (int)a >= 1 && (int)a < RC_NAMOUNT ? c->cents[a] : 0;
}

x12_recon_state x12_recon_claim_state(const x12_recon_claim *c)
{
    return c != NULL ? c->state : (x12_recon_state)0;
}

x12_recon_action x12_recon_claim_action(const x12_recon_claim *c)
{
    return c != NULL ? c->action : (x12_recon_action)0;
}

const char *x12_recon_claim_action_reason(const x12_recon_claim *c)
{
    return c != NULL && c->reason != NULL ? c->reason : "";
}

const char *x12_recon_claim_action_rule(const x12_recon_claim *c)
{
    return c != NULL && c->rule != NULL ? c->rule : "";
}

int x12_recon_claim_balanced(const x12_recon_claim *c)
{
    return c != NULL ? c->balanced : -1;
}

int64_t x12_recon_claim_days_outstanding(const x12_recon_claim *c)
{
    return c != NULL ? c->days : -1;
}

size_t x12_recon_claim_line_count(const x12_recon_claim *c)
{
    return c != NULL ? c->nlines : 0;
}

const x12_recon_line *x12_recon_claim_line_at(const x12_recon_claim *c, size_t i)
{
    return c != NULL && i < c->nlines ? &c->lines[i] : NULL;
}

size_t x12_recon_claim_reason_count(const x12_recon_claim *c)
{
    return c != NULL ? c->nreasons : 0;
}

const x12_recon_reason *x12_recon_claim_reason_at(const x12_recon_claim *c, size_t i)
{
    return c != NULL && i < c->nreasons ? &c->reasons[i] : NULL;
}

size_t x12_recon_claim_remit_count(const x12_recon_claim *c)
{
    return c != NULL ? c->nremits : 0;
}

const x12_recon_remit *x12_recon_claim_remit_at(const x12_recon_claim *c, size_t i)
{
    return c != NULL && i < c->nremits ? c->remits[i] : NULL;
}

size_t x12_recon_claim_source(const x12_recon_claim *c)
{
    return c != NULL && c->src != NULL ? c->src->source : SIZE_MAX;
}

uint64_t x12_recon_claim_index(const x12_recon_claim *c)
{
    return c != NULL && c->src != NULL ? c->src->clm_index : 0;
}

uint64_t x12_recon_claim_segment_number(const x12_recon_claim *c)
{
    return c != NULL && c->src != NULL ? c->src->segno : 0;
}

uint64_t x12_recon_claim_offset(const x12_recon_claim *c)
{
    return c != NULL && c->src != NULL ? c->src->offset : 0;
}

x12_str x12_recon_claim_party(const x12_recon_claim *c, x12_recon_party_field f)
{
    const rc_party *p;

    if (c == NULL || c->src == NULL || c->src->party == RC_NONE || (int)f < 1 || (int)f > 21)
        return none();
    p = RC_AT(c->r->parties, rc_party, c->src->party);
    return rc_view(p->f[f]);
}

size_t x12_recon_claim_patient(const x12_recon_claim *c)
{
    return c != NULL ? c->patient : SIZE_MAX;
}

size_t x12_recon_patient_count(const x12_recon *r)
{
    return r != NULL ? r->npatients : 0;
}

/* ---- lines ----------------------------------------------------------------------------- */

size_t x12_recon_line_number(const x12_recon_line *l)
{
    return l != NULL ? l->number : 0;
}

x12_str x12_recon_line_get(const x12_recon_line *l, x12_recon_line_field f)
{
    if (l == NULL)
        return none();
    if (f == X12_RECON_LINE_MATCHED_BY) {
        x12_str v;
        v.ptr = l->matched_by != NULL ? l->matched_by : "";
        v.len = strlen(v.ptr);
        return v;
    }
    if (l->src != NULL) {
        switch (f) {
        case X12_RECON_LINE_PROCEDURE: return rc_view(l->src->proc);
        case X12_RECON_LINE_MODIFIERS: return rc_view(l->src->mods);
        case X12_RECON_LINE_REVENUE_CODE: return rc_view(l->src->rev);
        case X12_RECON_LINE_SERVICE_FROM: return rc_view(l->src->from);
        case X12_RECON_LINE_SERVICE_TO: return rc_view(l->src->to);
        case X12_RECON_LINE_CONTROL_NUMBER: return rc_view(l->src->ctl);
        default: return none();
        }
    }
    switch (f) {
    case X12_RECON_LINE_PROCEDURE: return rc_view(l->extra->proc);
    case X12_RECON_LINE_MODIFIERS: return rc_view(l->extra->mods);
    case X12_RECON_LINE_REVENUE_CODE: return rc_view(l->extra->rev);
    case X12_RECON_LINE_SERVICE_FROM: return rc_view(l->extra->from);
    case X12_RECON_LINE_SERVICE_TO: return rc_view(l->extra->to);
    case X12_RECON_LINE_CONTROL_NUMBER: return rc_view(l->extra->ctl);
    default: return none();
    }
}

int64_t x12_recon_line_cents(const x12_recon_line *l, x12_recon_amount a)
{
    return l != NULL && (int)a >= 1 && (int)a < RC_NAMOUNT ? l->cents[a] : 0;
}

x12_recon_state x12_recon_line_state(const x12_recon_line *l)
{
    return l != NULL ? l->state : (x12_recon_state)0;
}

x12_recon_action x12_recon_line_action(const x12_recon_line *l)
{
    return l != NULL ? l->action : (x12_recon_action)0;
}

const char *x12_recon_line_action_reason(const x12_recon_line *l)
{
    return l != NULL && l->reason != NULL ? l->reason : "";
}

const char *x12_recon_line_action_rule(const x12_recon_line *l)
{
    return l != NULL && l->rule != NULL ? l->rule : "";
}

const char *x12_recon_line_patient_text(const x12_recon_line *l)
{
    return l != NULL && l->patient_text != NULL ? l->patient_text : "";
}

int x12_recon_line_balanced(const x12_recon_line *l)
{
    return l != NULL ? l->balanced : -1;
}

size_t x12_recon_line_reason_count(const x12_recon_line *l)
{
    return l != NULL ? l->nreasons : 0;
}

const x12_recon_reason *x12_recon_line_reason_at(const x12_recon_line *l, size_t i)
{
    return l != NULL && i < l->nreasons ? &l->reasons[i] : NULL;
}

/* ---- reasons ------------------------------------------------------------------------------ */

x12_str x12_recon_reason_group(const x12_recon_reason *rs)
{
    return rs != NULL ? rc_view(rs->group) : none();
}

x12_str x12_recon_reason_code(const x12_recon_reason *rs)
{
    return rs != NULL ? rc_view(rs->code) : none();
}

int64_t x12_recon_reason_cents(const x12_recon_reason *rs)
{
    return rs != NULL ? rs->cents : 0;
}

size_t x12_recon_reason_remark_count(const x12_recon_reason *rs)
{
    return rs != NULL ? rs->nrem : 0;
}

x12_str x12_recon_reason_remark_at(const x12_recon_reason *rs, size_t i)
{
    return rs != NULL && i < rs->nrem ? rc_view(rs->remarks[i]) : none();
}

const char *x12_recon_reason_rule(const x12_recon_reason *rs)
{
    return rs != NULL && rs->rule != NULL ? rs->rule->id : "";
}

x12_recon_action x12_recon_reason_action(const x12_recon_reason *rs)
{
    return rs != NULL && rs->rule != NULL ? rs->rule->action : X12_RECON_ACTION_NONE;
}

x12_recon_effect x12_recon_reason_effect(const x12_recon_reason *rs)
{
    return rs != NULL && rs->rule != NULL ? rs->rule->effect : X12_RECON_EFFECT_DENIAL;
}

const char *x12_recon_reason_text(const x12_recon_reason *rs)
{
    return rs != NULL && rs->rule != NULL && rs->rule->reason != NULL ? rs->rule->reason : "";
}

const char *x12_recon_reason_patient_text(const x12_recon_reason *rs)
{
    return rs != NULL && rs->rule != NULL && rs->rule->patient != NULL ? rs->rule->patient : "";
}

/* ---- remittances ------------------------------------------------------------------------------ */

x12_str x12_recon_remit_get(const x12_recon_remit *m, x12_recon_remit_field f)
{
    if (m == NULL)
        return none();
    switch (f) {
    case X12_RECON_REMIT_TRACE: return rc_view(m->trace);
    case X12_RECON_REMIT_PAYMENT_DATE: return rc_view(m->pay_date);
    case X12_RECON_REMIT_DATE: return rc_view(m->date);
    case X12_RECON_REMIT_PAYER_ID: return rc_view(m->payer_id);
    case X12_RECON_REMIT_PAYER_NAME: return rc_view(m->payer_name);
    case X12_RECON_REMIT_STATUS: return rc_view(m->status);
    case X12_RECON_REMIT_PAYER_CLAIM_NUMBER: return rc_view(m->payer_claim);
    case X12_RECON_REMIT_CROSSOVER: return rc_view(m->crossover);
    default: return none();
    }
}

int64_t x12_recon_remit_charge_cents(const x12_recon_remit *m)
{
    return m != NULL ? m->charge : 0;
}

int64_t x12_recon_remit_paid_cents(const x12_recon_remit *m)
{
    return m != NULL ? m->paid : 0;
}

int64_t x12_recon_remit_patient_cents(const x12_recon_remit *m)
{
    return m != NULL ? m->pr : 0;
}

x12_recon_role x12_recon_remit_role(const x12_recon_remit *m)
{
    return m != NULL ? (x12_recon_role)m->role : (x12_recon_role)0;
}

unsigned x12_recon_remit_payer_order(const x12_recon_remit *m)
{
    return m != NULL ? m->tier : 0;
}

size_t x12_recon_remit_source(const x12_recon_remit *m)
{
    return m != NULL ? m->source : SIZE_MAX;
}

uint64_t x12_recon_remit_segment_number(const x12_recon_remit *m)
{
    return m != NULL ? m->segno : 0;
}

uint64_t x12_recon_remit_offset(const x12_recon_remit *m)
{
    return m != NULL ? m->offset : 0;
}

/* ---- aging -------------------------------------------------------------------------------------- */

size_t x12_recon_aging_count(const x12_recon *r)
{
    return r != NULL ? r->naging : 0;
}

const x12_recon_aging *x12_recon_aging_at(const x12_recon *r, size_t i)
{
    return r != NULL && i < r->naging ? &r->aging[i] : NULL;
}

x12_str x12_recon_aging_payer_id(const x12_recon_aging *a)
{
    return a != NULL ? rc_view(a->payer_id) : none();
}

x12_str x12_recon_aging_payer_name(const x12_recon_aging *a)
{
    return a != NULL ? rc_view(a->payer_name) : none();
}

int64_t x12_recon_aging_cents(const x12_recon_aging *a, unsigned bucket)
{
    return a != NULL && bucket <= 5 ? a->cents[bucket] : 0;
}

size_t x12_recon_aging_claims(const x12_recon_aging *a)
{
    return a != NULL ? a->claims : 0;
}
