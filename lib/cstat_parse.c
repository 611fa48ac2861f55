/*
 * 277 (005010X212) and 277CA (005010X214) reading: a stream of claims
 * (2200D/2200E, with their 2220 lines) and of statuses above the claims
 * (2200A/2200B/2200C, "batches"), and the whole-file doc collected from it.
 *
 * The HL level (20 source, 21 receiver, 19 provider, 22 subscriber, 23
 * dependent, PT patient) says where a segment belongs; a TRN starts a batch
 * at the first three levels and a claim at the others; an SVC starts a line
 * of the open claim.  A claim or batch is complete at the next TRN or HL,
 * the SE or the end of input; the segment that completed it is handed in
 * again by the next call (the reader's view of it is still valid).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <x12/remit835.h>

#include "cstat_internal.h"

enum { LV_NONE, LV_SOURCE, LV_RECEIVER, LV_PROVIDER, LV_SUBSCRIBER, LV_DEPENDENT, LV_PATIENT };

/* What the claims copy from above them. */
enum {
    CX_PAYER_NAME, CX_PAYER_ID, CX_RECEIVER_NAME, CX_RECEIVER_ID, CX_PROVIDER_NAME,
    CX_PROVIDER_ID, CX_PROVIDER_IDQ, CX_SUB_LAST, CX_SUB_FIRST, CX_SUB_ID, CX_PAT_LAST,
    CX_PAT_FIRST, CX_PAT_ID, CX_BATCH_REF, CX_N
};

struct x12_claimstatus_stream {
    x12i_alloc a;
    x12_reader *r;
    int own_reader;
    tx_drive drv; /* the pull loop, the call's diagnostics, the error that ended it */

    x12_claimstatus_doc *doc;

    int in_set, skip_set;
    x12_claimstatus_kind kind;
    tx_arena envar;
    x12_str st02, bht03, bht04;
    tx_arena ctxar;
    x12_str cx[CX_N];

    int level, named;
    x12_claimstatus_claim *claim;
    x12_claimstatus_batch *batch;
    int have_claim, have_batch;
    size_t line; /* 1 + index of the open line */

    x12_claimstatus_event event;
    const x12_claimstatus_claim *shown_claim;
    const x12_claimstatus_batch *shown_batch;
    size_t nclaims;
};

static const x12_str empty = {"", 0};

/* ---- diagnostics ----------------------------------------------------------------------- */

static void diag(x12_claimstatus_stream *s, const x12_error *e)
{
    if (s->doc != NULL)
        tx_drive_diag(&s->drv, &s->a, &s->doc->errors, &s->doc->errors_dropped, e);
    else
        tx_drive_diag(&s->drv, &s->a, NULL, NULL, e);
}

static const char *loop_of(const x12_claimstatus_stream *s)
{
    static const char *const lv[] = {"", "2000A", "2000B", "2000C", "2000D", "2000E", "2000D"};
    static const char *const batch[] = {"", "2200A", "2200B", "2200C"};

    if (s->have_claim)
        return s->line ? s->claim->loop[4] == 'E' ? "2220E" : "2220D" : s->claim->loop;
    if (s->have_batch && s->level >= LV_SOURCE && s->level <= LV_PROVIDER)
        return batch[s->level];
    return (unsigned)s->level < sizeof lv / sizeof lv[0] ? lv[s->level] : "";
}

static void issue(x12_claimstatus_stream *s, const x12_segment *seg, x12_severity sev,
                  const char *rule, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
static void issue(x12_claimstatus_stream *s, const x12_segment *seg, x12_severity sev,
                  const char *rule, unsigned element, const char *fmt, ...)
{
    x12_error e;
    va_list ap;
    x12_str id = x12_segment_id(seg);

    va_start(ap, fmt);
    x12i_error_vset(&e, sev == X12_SEV_WARNING ? X12_OK : X12_ESYNTAX, sev, rule,
                    x12_segment_number(seg), id.ptr, id.len, x12_segment_offset(seg), element,
                    fmt, ap);
    va_end(ap);
    x12i_error_set_loop(&e, loop_of(s));
    if (s->have_claim)
        tx_drive_keep(&s->drv, &s->claim->ar, &s->claim->issues, &s->claim->issues_dropped, &e);
    diag(s, &e);
}

static x12_str keep(x12_claimstatus_stream *s, tx_arena *ar, x12_str v)
{
    x12_str out;

    if (tx_copy(ar, v.ptr, v.len, &out) != 0)
        s->drv.nomem = 1;
    return out;
}

static x12_str el(const x12_segment *seg, size_t i)
{
    return x12_segment_element(seg, i);
}

/* ---- handing out ---------------------------------------------------------------------------- */

static void emit_claim(x12_claimstatus_stream *s)
{
    x12_claimstatus_claim *c = s->claim;

    s->have_claim = 0;
    s->line = 0;
    c->index = s->nclaims++;
    s->event = X12_CS_EV_CLAIM;
    s->shown_claim = c;
    if (s->doc != NULL) {
        x12_claimstatus_claim **slot = tx_push(&s->doc->ar, &s->doc->claims, sizeof *slot);
        x12_claimstatus_claim *fresh = cs_claim_new(&s->a);
        if (slot == NULL || fresh == NULL) {
            if (slot != NULL)
                s->doc->claims.n--;
            cs_claim_free(&s->a, fresh);
            s->drv.nomem = 1;
            return;
        }
        *slot = c;
        s->claim = fresh;
    }
}

static void emit_batch(x12_claimstatus_stream *s)
{
    x12_claimstatus_batch *b = s->batch;

    s->have_batch = 0;
    s->event = X12_CS_EV_BATCH;
    s->shown_batch = b;
    if (s->doc != NULL) {
        x12_claimstatus_batch **slot = tx_push(&s->doc->ar, &s->doc->batches, sizeof *slot);
        x12_claimstatus_batch *fresh = cs_batch_new(&s->a);
        if (slot == NULL || fresh == NULL) {
            if (slot != NULL)
                s->doc->batches.n--;
            cs_batch_free(&s->a, fresh);
            s->drv.nomem = 1;
            return;
        }
        *slot = b;
        s->batch = fresh;
    }
}

/* Hands out the open claim, then the open batch: 1 when one went out. */
static int close_open(x12_claimstatus_stream *s)
{
    if (s->have_claim) {
        emit_claim(s);
        return 1;
    }
    if (s->have_batch) {
        emit_batch(s);
        return 1;
    }
    return 0;
}

/* ---- segments ---------------------------------------------------------------------------------- */

static void start_batch(x12_claimstatus_stream *s, const x12_segment *seg)
{
    x12_claimstatus_batch *b = s->batch;
    static const x12_claimstatus_batch_level levels[] = {
        X12_CS_BATCH_SOURCE, X12_CS_BATCH_SOURCE, X12_CS_BATCH_RECEIVER, X12_CS_BATCH_PROVIDER};

    cs_batch_reset(b);
    b->kind = s->kind;
    b->level = levels[s->level];
    b->segno = x12_segment_number(seg);
    b->trace = keep(s, &b->ar, el(seg, 2));
    b->control = keep(s, &b->ar, s->st02);
    switch (s->level) {
    case LV_SOURCE:
        b->name = keep(s, &b->ar, s->cx[CX_PAYER_NAME]);
        b->id = keep(s, &b->ar, s->cx[CX_PAYER_ID]);
        break;
    case LV_RECEIVER:
        b->name = keep(s, &b->ar, s->cx[CX_RECEIVER_NAME]);
        b->id = keep(s, &b->ar, s->cx[CX_RECEIVER_ID]);
        /* A 277CA's 2200B TRN02 is the 837's BHT03: its claims carry it. */
        if (s->kind == X12_CS_KIND_277CA)
            s->cx[CX_BATCH_REF] = keep(s, &s->ctxar, el(seg, 2));
        break;
    default:
        b->name = keep(s, &b->ar, s->cx[CX_PROVIDER_NAME]);
        b->id = keep(s, &b->ar, s->cx[CX_PROVIDER_ID]);
        break;
    }
    s->have_batch = 1;
}

static void start_claim(x12_claimstatus_stream *s, const x12_segment *seg)
{
    x12_claimstatus_claim *c = s->claim;
    int dep = s->level == LV_DEPENDENT;

    cs_claim_reset(c);
    c->kind = s->kind;
    snprintf(c->loop, sizeof c->loop, "%s", dep ? "2200E" : "2200D");
    c->segno = x12_segment_number(seg);
    c->offset = x12_segment_offset(seg);
    c->f[X12_CC_TRACE_NUMBER] = keep(s, &c->ar, el(seg, 2));
    if (s->kind == X12_CS_KIND_277CA)
        c->f[X12_CC_PCN] = c->f[X12_CC_TRACE_NUMBER];
    c->f[X12_CC_PAYER_NAME] = keep(s, &c->ar, s->cx[CX_PAYER_NAME]);
    c->f[X12_CC_PAYER_ID] = keep(s, &c->ar, s->cx[CX_PAYER_ID]);
    c->f[X12_CC_RECEIVER_NAME] = keep(s, &c->ar, s->cx[CX_RECEIVER_NAME]);
    c->f[X12_CC_RECEIVER_ID] = keep(s, &c->ar, s->cx[CX_RECEIVER_ID]);
    c->f[X12_CC_PROVIDER_NAME] = keep(s, &c->ar, s->cx[CX_PROVIDER_NAME]);
    c->f[X12_CC_PROVIDER_ID] = keep(s, &c->ar, s->cx[CX_PROVIDER_ID]);
    c->f[X12_CC_PROVIDER_ID_QUALIFIER] = keep(s, &c->ar, s->cx[CX_PROVIDER_IDQ]);
    if (s->level == LV_PATIENT) {
        /* 277CA: the patient level is the only person. */
        c->f[X12_CC_PATIENT_LAST_NAME] = keep(s, &c->ar, s->cx[CX_PAT_LAST]);
        c->f[X12_CC_PATIENT_FIRST_NAME] = keep(s, &c->ar, s->cx[CX_PAT_FIRST]);
        c->f[X12_CC_MEMBER_ID] = keep(s, &c->ar, s->cx[CX_PAT_ID]);
    } else {
        c->f[X12_CC_SUBSCRIBER_LAST_NAME] = keep(s, &c->ar, s->cx[CX_SUB_LAST]);
        c->f[X12_CC_SUBSCRIBER_FIRST_NAME] = keep(s, &c->ar, s->cx[CX_SUB_FIRST]);
        c->f[X12_CC_MEMBER_ID] = keep(s, &c->ar, s->cx[CX_SUB_ID]);
        c->f[X12_CC_PATIENT_LAST_NAME] = keep(s, &c->ar, dep ? s->cx[CX_PAT_LAST] : s->cx[CX_SUB_LAST]);
        c->f[X12_CC_PATIENT_FIRST_NAME] =
            keep(s, &c->ar, dep ? s->cx[CX_PAT_FIRST] : s->cx[CX_SUB_FIRST]);
    }
    c->f[X12_CC_BATCH_REFERENCE] =
        keep(s, &c->ar, s->kind == X12_CS_KIND_277CA ? s->cx[CX_BATCH_REF] : s->bht03);
    c->f[X12_CC_CONTROL_NUMBER] = keep(s, &c->ar, s->st02);
    c->f[X12_CC_RESPONSE_DATE] = keep(s, &c->ar, s->bht04);
    s->have_claim = 1;
    s->line = 0;
}

/* STC: one status per composite 01, 10, 11 that has a category. */
static void on_stc(x12_claimstatus_stream *s, const x12_segment *seg, tx_arena *ar, tx_vec *list)
{
    static const unsigned pos[] = {1, 10, 11};
    size_t k;
    int64_t c;

    for (k = 0; k < 3; k++) {
        x12_claimstatus_status *st;
        x12_str cat = x12_segment_component(seg, pos[k], 1);
        if (cat.len == 0)
            continue;
        st = tx_push(ar, list, sizeof *st);
        if (st == NULL) {
            s->drv.nomem = 1;
            return;
        }
        st->kind = s->kind;
        st->position = pos[k];
        st->segno = x12_segment_number(seg);
        st->f[X12_ST_CATEGORY] = keep(s, ar, cat);
        st->f[X12_ST_CODE] = keep(s, ar, x12_segment_component(seg, pos[k], 2));
        st->f[X12_ST_ENTITY] = keep(s, ar, x12_segment_component(seg, pos[k], 3));
        st->f[X12_ST_CODE_LIST] = keep(s, ar, x12_segment_component(seg, pos[k], 4));
        st->f[X12_ST_EFFECTIVE_DATE] = keep(s, ar, el(seg, 2));
        st->f[X12_ST_ACTION] = keep(s, ar, el(seg, 3));
        st->f[X12_ST_CHARGE_TEXT] = keep(s, ar, el(seg, 4));
        st->f[X12_ST_PAID_TEXT] = keep(s, ar, el(seg, 5));
        st->f[X12_ST_ADJUDICATION_DATE] = keep(s, ar, el(seg, 6));
        st->f[X12_ST_PAYMENT_METHOD] = keep(s, ar, el(seg, 7));
        st->f[X12_ST_REMITTANCE_DATE] = keep(s, ar, el(seg, 8));
        st->f[X12_ST_REMITTANCE_TRACE] = keep(s, ar, el(seg, 9));
        st->f[X12_ST_MESSAGE] = keep(s, ar, el(seg, 12));
    }
    if (x12_segment_component(seg, 1, 1).len == 0)
        issue(s, seg, X12_SEV_ERROR, "required", 1, "STC01 has no status category code");
    for (k = 4; k <= 5; k++) {
        x12_str v = el(seg, k);
        if (v.len > 0 && x12_cents_parse(v.ptr, v.len, &c) != X12_OK)
            issue(s, seg, X12_SEV_ERROR, "amount", (unsigned)k,
                  "STC%02zu is not an amount of money (digits, at most 2 decimals)", k);
    }
}

static void on_svc(x12_claimstatus_stream *s, const x12_segment *seg)
{
    x12_claimstatus_claim *c = s->claim;
    x12_claimstatus_line *l = tx_push(&c->ar, &c->lines, sizeof *l);
    size_t k, i;
    char mods[64];
    size_t mlen = 0;

    if (l == NULL) {
        s->drv.nomem = 1;
        return;
    }
    s->line = c->lines.n;
    for (i = 0; i <= CV_NF; i++)
        l->f[i] = empty;
    l->f[X12_CV_QUALIFIER] = keep(s, &c->ar, x12_segment_component(seg, 1, 1));
    l->f[X12_CV_PROCEDURE] = keep(s, &c->ar, x12_segment_component(seg, 1, 2));
    for (k = 3; k <= 6; k++) {
        x12_str m = x12_segment_component(seg, 1, k);
        if (m.len == 0 || mlen + m.len + 1 >= sizeof mods)
            continue;
        if (mlen)
            mods[mlen++] = ':';
        memcpy(mods + mlen, m.ptr, m.len);
        mlen += m.len;
    }
    l->f[X12_CV_MODIFIERS] = keep(s, &c->ar, tx_view(mods, mlen));
    l->f[X12_CV_REVENUE_CODE] = keep(s, &c->ar, el(seg, 4));
    l->f[X12_CV_UNITS] = keep(s, &c->ar, el(seg, 7));
    if (el(seg, 2).len > 0) {
        if (x12_cents_parse(el(seg, 2).ptr, el(seg, 2).len, &l->charge) == X12_OK)
            l->has_charge = 1;
        else
            issue(s, seg, X12_SEV_ERROR, "amount", 2, "SVC02 is not an amount of money");
    }
    if (el(seg, 3).len > 0) {
        if (x12_cents_parse(el(seg, 3).ptr, el(seg, 3).len, &l->paid) == X12_OK)
            l->has_paid = 1;
        else
            issue(s, seg, X12_SEV_ERROR, "amount", 3, "SVC03 is not an amount of money");
    }
}

static void dates(x12_claimstatus_stream *s, tx_arena *ar, const x12_segment *seg,
                  x12_str *from, x12_str *to)
{
    x12_str a, b;

    x12i_date_range(el(seg, 3), &a, &b);
    *from = keep(s, ar, a);
    *to = keep(s, ar, b);
}

static void on_count(x12_claimstatus_stream *s, const x12_segment *seg, int amount)
{
    x12_claimstatus_batch *b = s->batch;
    x12_str q = el(seg, 1), v = el(seg, 2);
    int64_t n;
    int ok = amount ? x12_cents_parse(v.ptr, v.len, &n) == X12_OK
                    : x12i_parse_scaled(v.ptr, v.len, 0, &n) == 0;

    if (!ok) {
        issue(s, seg, X12_SEV_ERROR, amount ? "amount" : "quantity", 2,
              amount ? "AMT02 is not an amount of money" : "QTY02 is not a whole number");
        return;
    }
    if (amount && tx_is(q, "YU")) {
        b->accepted_c = n;
        b->has_accepted_c = 1;
    } else if (amount && tx_is(q, "YY")) {
        b->rejected_c = n;
        b->has_rejected_c = 1;
    } else if (!amount && (tx_is(q, "90") || tx_is(q, "QA"))) {
        b->accepted_n = n;
        b->has_accepted_n = 1;
    } else if (!amount && (tx_is(q, "AA") || tx_is(q, "QC"))) {
        b->rejected_n = n;
        b->has_rejected_n = 1;
    }
}

static void on_nm1(x12_claimstatus_stream *s, const x12_segment *seg)
{
    tx_arena *ar = &s->ctxar;

    s->named = 1;
    switch (s->level) {
    case LV_SOURCE:
        s->cx[CX_PAYER_NAME] = keep(s, ar, el(seg, 3));
        s->cx[CX_PAYER_ID] = keep(s, ar, el(seg, 9));
        break;
    case LV_RECEIVER:
        s->cx[CX_RECEIVER_NAME] = keep(s, ar, el(seg, 3));
        s->cx[CX_RECEIVER_ID] = keep(s, ar, el(seg, 9));
        break;
    case LV_PROVIDER:
        s->cx[CX_PROVIDER_NAME] = keep(s, ar, el(seg, 3));
        s->cx[CX_PROVIDER_ID] = keep(s, ar, el(seg, 9));
        s->cx[CX_PROVIDER_IDQ] = keep(s, ar, el(seg, 8));
        break;
    case LV_SUBSCRIBER:
        s->cx[CX_SUB_LAST] = keep(s, ar, el(seg, 3));
        s->cx[CX_SUB_FIRST] = keep(s, ar, el(seg, 4));
        s->cx[CX_SUB_ID] = keep(s, ar, el(seg, 9));
        break;
    case LV_DEPENDENT:
    case LV_PATIENT:
        s->cx[CX_PAT_LAST] = keep(s, ar, el(seg, 3));
        s->cx[CX_PAT_FIRST] = keep(s, ar, el(seg, 4));
        s->cx[CX_PAT_ID] = keep(s, ar, el(seg, 9));
        break;
    }
}

static void on_hl(x12_claimstatus_stream *s, const x12_segment *seg)
{
    x12_str code = el(seg, 3);
    size_t i;

    s->named = 0;
    if (tx_is(code, "20")) {
        s->level = LV_SOURCE;
        tx_arena_reset(&s->ctxar);
        for (i = 0; i < CX_N; i++)
            s->cx[i] = empty;
    } else if (tx_is(code, "21")) {
        s->level = LV_RECEIVER;
    } else if (tx_is(code, "19")) {
        s->level = LV_PROVIDER;
    } else if (tx_is(code, "22")) {
        s->level = LV_SUBSCRIBER;
    } else if (tx_is(code, "23")) {
        s->level = LV_DEPENDENT;
    } else if (tx_is(code, "PT")) {
        s->level = LV_PATIENT;
    } else {
        char q[8];
        x12i_quote(q, sizeof q, code.ptr, code.len);
        s->level = LV_NONE;
        issue(s, seg, X12_SEV_ERROR, "hl-level", 3,
              "HL03 '%s' is not a 277 level (20, 21, 19, 22, 23, PT): its segments are skipped",
              q);
    }
    if (s->level == LV_DEPENDENT || s->level == LV_PATIENT || s->level == LV_SUBSCRIBER) {
        s->cx[CX_PAT_LAST] = s->cx[CX_PAT_FIRST] = s->cx[CX_PAT_ID] = empty;
        if (s->level == LV_SUBSCRIBER)
            s->cx[CX_SUB_LAST] = s->cx[CX_SUB_FIRST] = s->cx[CX_SUB_ID] = empty;
    }
}

static void end_set(x12_claimstatus_stream *s)
{
    s->in_set = 0;
    s->level = LV_NONE;
}

static int handle(x12_claimstatus_stream *s, const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);

    if (tx_is(id, "ST")) {
        x12_str st03 = el(seg, 3);
        if (s->in_set) {
            if (close_open(s))
                return 1;
            end_set(s);
        }
        if (st03.len == 0)
            st03 = x12_reader_envelope(s->r) != NULL
                       ? x12_envelope_get(x12_reader_envelope(s->r), X12_ENV_GS08)
                       : empty;
        s->skip_set = 1;
        if (tx_is(el(seg, 1), "277") && st03.len >= 10 && memcmp(st03.ptr, "005010X212", 10) == 0)
            s->kind = X12_CS_KIND_277;
        else if (tx_is(el(seg, 1), "277") && st03.len >= 10 &&
                 memcmp(st03.ptr, "005010X214", 10) == 0)
            s->kind = X12_CS_KIND_277CA;
        else {
            char q[8];
            x12_str st01 = el(seg, 1);
            x12i_quote(q, sizeof q, st01.ptr, st01.len);
            issue(s, seg, X12_SEV_WARNING, "not-277", 1,
                  "transaction set %s is not a 277 (005010X212) or 277CA (005010X214): skipped",
                  q[0] ? q : "-");
            return 0;
        }
        s->skip_set = 0;
        s->in_set = 1;
        s->level = LV_NONE;
        tx_arena_reset(&s->envar);
        s->st02 = keep(s, &s->envar, el(seg, 2));
        s->bht03 = s->bht04 = empty;
        return 0;
    }
    if (s->skip_set) {
        if (tx_is(id, "SE") || tx_is(id, "GE") || tx_is(id, "IEA"))
            s->skip_set = 0;
        return 0;
    }
    if (!s->in_set)
        return 0;
    if (tx_is(id, "SE") || tx_is(id, "GE") || tx_is(id, "IEA")) {
        if (close_open(s))
            return 1;
        end_set(s);
        return 0;
    }
    if (tx_is(id, "BHT")) {
        s->bht03 = keep(s, &s->envar, el(seg, 3));
        s->bht04 = keep(s, &s->envar, el(seg, 4));
        return 0;
    }
    if (tx_is(id, "HL")) {
        if (close_open(s))
            return 1;
        on_hl(s, seg);
        return 0;
    }
    if (s->level == LV_NONE)
        return 0;
    if (tx_is(id, "NM1")) {
        if (!s->named && !s->have_claim && !s->have_batch)
            on_nm1(s, seg);
        return 0;
    }
    if (tx_is(id, "TRN")) {
        if (close_open(s))
            return 1;
        if (s->level <= LV_PROVIDER)
            start_batch(s, seg);
        else
            start_claim(s, seg);
        return 0;
    }
    if (s->have_claim) {
        x12_claimstatus_claim *c = s->claim;
        x12_claimstatus_line *l = s->line ? &TX_AT(c->lines, x12_claimstatus_line, s->line - 1)
                                          : NULL;
        if (tx_is(id, "STC")) {
            if (l != NULL)
                on_stc(s, seg, &c->ar, &l->statuses);
            else
                on_stc(s, seg, &c->ar, &c->statuses);
        } else if (tx_is(id, "SVC")) {
            on_svc(s, seg);
        } else if (tx_is(id, "REF")) {
            x12_str q = el(seg, 1), v = el(seg, 2);
            if (l != NULL) {
                if (tx_is(q, "FJ"))
                    l->f[X12_CV_CONTROL_NUMBER] = keep(s, &c->ar, v);
                else if (tx_is(q, "XZ"))
                    l->f[X12_CV_PRESCRIPTION_NUMBER] = keep(s, &c->ar, v);
            } else if (tx_is(q, "1K")) {
                c->f[X12_CC_PAYER_CLAIM_NUMBER] = keep(s, &c->ar, v);
            } else if (tx_is(q, "BLT")) {
                c->f[X12_CC_BILL_TYPE] = keep(s, &c->ar, v);
            } else if (tx_is(q, "EJ")) {
                c->f[X12_CC_PCN] = keep(s, &c->ar, v);
            } else if (tx_is(q, "XZ")) {
                c->f[X12_CC_PRESCRIPTION_NUMBER] = keep(s, &c->ar, v);
            } else if (tx_is(q, "VV")) {
                c->f[X12_CC_VOUCHER] = keep(s, &c->ar, v);
            } else if (tx_is(q, "D9")) {
                c->f[X12_CC_CLEARINGHOUSE_TRACE] = keep(s, &c->ar, v);
            }
        } else if (tx_is(id, "DTP") && tx_is(el(seg, 1), "472")) {
            if (l != NULL)
                dates(s, &c->ar, seg, &l->f[X12_CV_SERVICE_FROM], &l->f[X12_CV_SERVICE_TO]);
            else
                dates(s, &c->ar, seg, &c->f[X12_CC_SERVICE_FROM], &c->f[X12_CC_SERVICE_TO]);
        }
        return 0;
    }
    if (s->have_batch) {
        x12_claimstatus_batch *b = s->batch;
        if (tx_is(id, "STC")) {
            on_stc(s, seg, &b->ar, &b->statuses);
        } else if (tx_is(id, "QTY")) {
            on_count(s, seg, 0);
        } else if (tx_is(id, "AMT")) {
            on_count(s, seg, 1);
        } else if (tx_is(id, "DTP")) {
            x12_str q = el(seg, 1);
            if (tx_is(q, "050"))
                b->received = keep(s, &b->ar, el(seg, 3));
            else if (tx_is(q, "009"))
                b->processed = keep(s, &b->ar, el(seg, 3));
        }
        return 0;
    }
    if (tx_is(id, "STC") || tx_is(id, "SVC")) {
        char q[8];
        x12i_quote(q, sizeof q, id.ptr, id.len);
        issue(s, seg, X12_SEV_ERROR, "outside-claim", 0,
              "%s with no TRN before it at this level: ignored", q);
    }
    return 0;
}

/* ---- the stream -------------------------------------------------------------------------------- */

x12_status x12_claimstatus_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                      x12_claimstatus_stream **out)
{
    x12i_alloc a;
    x12_claimstatus_stream *s;
    x12_status st;
    size_t i;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    s = x12i_malloc(&a, sizeof *s);
    if (s == NULL)
        return X12_ENOMEM;
    memset(s, 0, sizeof *s);
    s->a = a;
    s->drv.diags.max = X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS;
    tx_arena_init(&s->envar, &a);
    tx_arena_init(&s->ctxar, &a);
    s->st02 = s->bht03 = s->bht04 = empty;
    for (i = 0; i < CX_N; i++)
        s->cx[i] = empty;
    s->claim = cs_claim_new(&a);
    s->batch = cs_batch_new(&a);
    if (s->claim == NULL || s->batch == NULL) {
        cs_claim_free(&a, s->claim);
        cs_batch_free(&a, s->batch);
        x12i_free(&a, s);
        return X12_ENOMEM;
    }
    if (reader == NULL) {
        st = x12_reader_new(alloc, &s->r);
        if (st != X12_OK) {
            cs_claim_free(&a, s->claim);
            cs_batch_free(&a, s->batch);
            x12i_free(&a, s);
            return st;
        }
        s->own_reader = 1;
    } else {
        s->r = reader;
    }
    *out = s;
    return X12_OK;
}

void x12_claimstatus_stream_free(x12_claimstatus_stream *s)
{
    x12i_alloc a;

    if (s == NULL)
        return;
    a = s->a;
    if (s->own_reader)
        x12_reader_free(s->r);
    cs_claim_free(&a, s->claim);
    cs_batch_free(&a, s->batch);
    x12_claimstatus_doc_free(s->doc);
    tx_arena_free(&s->envar);
    tx_arena_free(&s->ctxar);
    tx_drive_free(&s->drv, &a);
    x12i_free(&a, s);
}

x12_reader *x12_claimstatus_stream_reader(x12_claimstatus_stream *s) { return s ? s->r : NULL; }

void x12_claimstatus_stream_set_error_handler(x12_claimstatus_stream *s, x12_error_fn fn,
                                              void *user)
{
    tx_drive_set_error_handler(s ? &s->drv : NULL, fn, user);
}

/* The stream as tx_drive_next() drives it (txn_internal.h): its segments,
 * the end of its input (what is open is closed, a record at a time), the
 * reader's diagnostics. */
static int drv_handle(void *p, const x12_segment *seg)
{
    return handle(p, seg);
}

static int drv_end(void *p)
{
    x12_claimstatus_stream *s = p;

    if (!s->in_set)
        return 0;
    if (close_open(s))
        return 1;
    end_set(s);
    return 0;
}

static void drv_diag(void *p, const x12_error *e)
{
    diag(p, e);
}

static const tx_drive_ops drive_ops = {drv_handle, drv_end, drv_diag};

static x12_status next(x12_claimstatus_stream *s)
{
    if (s->drv.dead != X12_OK)
        return s->drv.dead;
    s->shown_claim = NULL;
    s->shown_batch = NULL;
    return tx_drive_next(&s->drv, s->r, &drive_ops, s);
}

x12_status x12_claimstatus_stream_next(x12_claimstatus_stream *s, x12_claimstatus_event *event)
{
    x12_status st;

    if (s == NULL || event == NULL)
        return X12_EINVAL;
    if (s->doc != NULL)
        return X12_ESTATE;
    st = next(s);
    if (st == X12_OK)
        *event = s->event;
    return st;
}

const x12_claimstatus_claim *x12_claimstatus_stream_claim(const x12_claimstatus_stream *s)
{
    return s ? s->shown_claim : NULL;
}

const x12_claimstatus_batch *x12_claimstatus_stream_batch(const x12_claimstatus_stream *s)
{
    return s ? s->shown_batch : NULL;
}

size_t x12_claimstatus_stream_error_count(const x12_claimstatus_stream *s)
{
    return tx_drive_error_count(s ? &s->drv : NULL);
}

const x12_error *x12_claimstatus_stream_error_at(const x12_claimstatus_stream *s, size_t i)
{
    return tx_drive_error_at(s ? &s->drv : NULL, i);
}

x12_status x12_claimstatus_stream_set_max_errors(x12_claimstatus_stream *s, size_t max)
{
    return x12i_diags_set_max(s ? &s->drv.diags : NULL, max);
}

uint64_t x12_claimstatus_stream_errors_dropped(const x12_claimstatus_stream *s)
{
    return x12i_diags_dropped(s ? &s->drv.diags : NULL);
}

const x12_error *x12_claimstatus_stream_last_error(const x12_claimstatus_stream *s)
{
    return tx_drive_last_error(s ? &s->drv : NULL);
}

x12_status x12_claimstatus_stream_collect(x12_claimstatus_stream *s, x12_claimstatus_doc **out)
{
    x12_status st;

    if (s == NULL || out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (s->doc == NULL) {
        if (s->nclaims > 0 || s->drv.finished)
            return X12_ESTATE;
        s->doc = x12i_malloc(&s->a, sizeof *s->doc);
        if (s->doc == NULL)
            return X12_ENOMEM;
        memset(s->doc, 0, sizeof *s->doc);
        s->doc->a = s->a;
        tx_arena_init(&s->doc->ar, &s->a);
    }
    while ((st = next(s)) == X12_OK)
        ;
    if (st == X12_AGAIN)
        return X12_AGAIN;
    if (st != X12_END)
        return st;
    *out = s->doc;
    s->doc = NULL;
    return X12_OK;
}

static x12_status parse_with(x12_claimstatus_stream *s, x12_claimstatus_doc **out)
{
    x12_status st = x12_claimstatus_stream_collect(s, out);

    x12_claimstatus_stream_free(s);
    return st;
}

x12_status x12_claimstatus_parse_path(const x12_allocator *alloc, const char *path,
                                      x12_claimstatus_doc **out)
{
    x12_claimstatus_stream *s;
    x12_status st;

    if (out == NULL || path == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12_claimstatus_stream_new(alloc, NULL, &s);
    if (st != X12_OK)
        return st;
    st = x12_reader_open_path(s->r, path);
    if (st != X12_OK) {
        x12_claimstatus_stream_free(s);
        return st;
    }
    return parse_with(s, out);
}

x12_status x12_claimstatus_parse_buffer(const x12_allocator *alloc, const void *data, size_t len,
                                        x12_claimstatus_doc **out)
{
    x12_claimstatus_stream *s;
    x12_status st;

    if (out == NULL || (data == NULL && len > 0))
        return X12_EINVAL;
    *out = NULL;
    st = x12_claimstatus_stream_new(alloc, NULL, &s);
    if (st != X12_OK)
        return st;
    st = x12_reader_open_buffer(s->r, data, len);
    if (st != X12_OK) {
        x12_claimstatus_stream_free(s);
        return st;
    }
    return parse_with(s, out);
}
