/*
 * 271 reading: a stream of coverages (one subscriber or dependent at a time,
 * each with its benefits, rejections and summaries) over an x12_reader, and
 * the whole-file doc collected from it.
 *
 * The HL level decides where a segment belongs (20 payer, 21 provider, 22
 * subscriber, 23 dependent); inside a subscriber or dependent an EB opens a
 * benefit that takes the HSD/REF/DTP/AAA/MSG after it, LS*2120 .. LE*2120
 * the benefit's related entities.  A coverage is complete when the next HL,
 * the SE or the end of input comes: the segment that completed it is kept
 * and read again by the next call (the reader's view of it stays valid until
 * the next x12_reader_next).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <x12/remit835.h>

#include "elig_internal.h"

enum { LV_NONE = 0, LV_SOURCE = 1, LV_RECEIVER = 2, LV_SUBSCRIBER = 3, LV_DEPENDENT = 4 };

/* Identity of the subscriber of the dependents that follow. */
enum { SI_LAST, SI_FIRST, SI_ID, SI_IDQ, SI_GROUP, SI_GROUP_NAME, SI_PLAN, SI_N };

struct x12_elig_stream {
    x12i_alloc a;
    x12_reader *r;
    int own_reader;
    tx_drive drv; /* the pull loop, the call's diagnostics, the error that ended it */

    x12_elig_doc *doc; /* collecting */

    int in_set, skip_set;
    uint64_t party_segno[3], party_offset[3]; /* HL of the payer [1], provider [2] */
    tx_arena envar;
    x12_str st02, bht03, bht04;

    tx_arena partyar; /* streaming: the current payer and providers */
    x12_elig_party *payer, *receiver;
    int payer_closed, receiver_closed;
    size_t payer_units, receiver_units;

    tx_arena subar;
    x12_str sub[SI_N];

    x12_elig_coverage *cur;
    int have_cur;
    int level, named;
    size_t benefit; /* 1 + index of the open benefit */
    int in_ls;
    size_t entity;  /* 1 + index of the open 2120 entity */

    const x12_elig_coverage *shown;
    size_t ncoverages;
};

static const x12_str empty = {"", 0};

/* ---- diagnostics -------------------------------------------------------------------- */

static void diag(x12_elig_stream *s, const x12_error *e)
{
    if (s->doc != NULL)
        tx_drive_diag(&s->drv, &s->a, &s->doc->errors, &s->doc->errors_dropped, e);
    else
        tx_drive_diag(&s->drv, &s->a, NULL, NULL, e);
}

static const char *loop_of(const x12_elig_stream *s)
{
    static const char *const names[5][3] = {
        {"", "", ""},
        {"2000A", "2100A", "2100A"},
        {"2000B", "2100B", "2100B"},
        {"2000C", "2100C", "2110C"},
        {"2000D", "2100D", "2110D"},
    };

    if (s->level < LV_SOURCE || s->level > LV_DEPENDENT)
        return "";
    if (s->level >= LV_SUBSCRIBER && s->in_ls)
        return s->level == LV_SUBSCRIBER ? "2120C" : "2120D";
    return names[s->level][s->benefit ? 2 : s->named ? 1 : 0];
}

/* A problem found on seg: in the call's diagnostics and, with to_cov, in
 * the coverage's issues. */
static void issue(x12_elig_stream *s, const x12_segment *seg, int to_cov, x12_severity sev,
                  const char *rule, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
static void issue(x12_elig_stream *s, const x12_segment *seg, int to_cov, x12_severity sev,
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
    if (sev != X12_SEV_WARNING)
        e.status = X12_ESYNTAX;
    if (to_cov && s->have_cur)
        tx_drive_keep(&s->drv, &s->cur->ar, &s->cur->issues, &s->cur->issues_dropped, &e);
    diag(s, &e);
}

/* ---- copies ------------------------------------------------------------------------------ */

static x12_str keep(x12_elig_stream *s, tx_arena *ar, x12_str v)
{
    x12_str out;

    if (tx_copy(ar, v.ptr, v.len, &out) != 0)
        s->drv.nomem = 1;
    return out;
}

static tx_arena *party_arena(x12_elig_stream *s)
{
    return s->doc != NULL ? &s->doc->ar : &s->partyar;
}

static x12_str el(const x12_segment *seg, size_t i)
{
    return x12_segment_element(seg, i);
}

/* ---- starting and finishing coverages ------------------------------------------------------ */

static void coverage_start(x12_elig_stream *s, const x12_segment *seg, x12_elig_level level)
{
    x12_elig_coverage *c = s->cur;

    el_coverage_reset(c);
    c->level = level;
    c->segno = x12_segment_number(seg);
    c->offset = x12_segment_offset(seg);
    c->payer = s->payer;
    c->receiver = s->receiver;
    c->f[X12_EC_CONTROL_NUMBER] = keep(s, &c->ar, s->st02);
    c->f[X12_EC_REFERENCE] = keep(s, &c->ar, s->bht03);
    c->f[X12_EC_RESPONSE_DATE] = keep(s, &c->ar, s->bht04);
    s->have_cur = 1;
}

/* Hands the current coverage out: the doc keeps it (and a fresh one is
 * made), a stream shows it until the next call. */
static void emit(x12_elig_stream *s)
{
    x12_elig_coverage *c = s->cur;

    s->have_cur = 0;
    if (c->level == X12_ELIG_LEVEL_DEPENDENT || c->level == X12_ELIG_LEVEL_SUBSCRIBER) {
        /* A dependent's identity and plan come from its subscriber when it
         * has none of its own. */
        if (c->level == X12_ELIG_LEVEL_DEPENDENT) {
            c->f[X12_EC_MEMBER_ID] = keep(s, &c->ar, s->sub[SI_ID]);
            c->f[X12_EC_MEMBER_ID_QUALIFIER] = keep(s, &c->ar, s->sub[SI_IDQ]);
            c->f[X12_EC_SUBSCRIBER_LAST_NAME] = keep(s, &c->ar, s->sub[SI_LAST]);
            c->f[X12_EC_SUBSCRIBER_FIRST_NAME] = keep(s, &c->ar, s->sub[SI_FIRST]);
            if (c->f[X12_EC_GROUP_NUMBER].len == 0) {
                c->f[X12_EC_GROUP_NUMBER] = keep(s, &c->ar, s->sub[SI_GROUP]);
                c->f[X12_EC_GROUP_NAME] = keep(s, &c->ar, s->sub[SI_GROUP_NAME]);
            }
            if (c->f[X12_EC_PLAN_NUMBER].len == 0)
                c->f[X12_EC_PLAN_NUMBER] = keep(s, &c->ar, s->sub[SI_PLAN]);
        } else {
            c->f[X12_EC_SUBSCRIBER_LAST_NAME] = c->f[X12_EC_LAST_NAME];
            c->f[X12_EC_SUBSCRIBER_FIRST_NAME] = c->f[X12_EC_FIRST_NAME];
        }
        s->payer_units++;
        s->receiver_units++;
    }
    if (el_coverage_finish(c) != 0)
        s->drv.nomem = 1;
    c->index = s->ncoverages++;
    if (s->doc != NULL) {
        x12_elig_coverage **slot = tx_push(&s->doc->ar, &s->doc->coverages, sizeof *slot);
        x12_elig_coverage *fresh = el_coverage_new(&s->a);

        if (slot == NULL || fresh == NULL) {
            x12i_free(&s->a, fresh);
            s->drv.nomem = 1;
            return;
        }
        *slot = c;
        s->cur = fresh;
    }
    s->shown = c;
}

/* A rejection at the payer or provider level with nothing under it to
 * carry it: handed out as a coverage of that level. */
static void emit_party_unit(x12_elig_stream *s, x12_elig_level level, uint64_t segno,
                            uint64_t offset)
{
    x12_elig_coverage *c = s->cur;

    el_coverage_reset(c);
    c->level = level;
    c->segno = segno;
    c->offset = offset;
    c->payer = s->payer;
    c->receiver = level == X12_ELIG_LEVEL_RECEIVER ? s->receiver : NULL;
    c->f[X12_EC_CONTROL_NUMBER] = keep(s, &c->ar, s->st02);
    c->f[X12_EC_REFERENCE] = keep(s, &c->ar, s->bht03);
    c->f[X12_EC_RESPONSE_DATE] = keep(s, &c->ar, s->bht04);
    s->have_cur = 1;
    emit(s);
}

/*
 * Closes what a new level `to` (or the end of the set, 0) ends: the open
 * coverage, then a provider and a payer whose rejections nothing carried.
 * 1 when something was handed out (the caller holds the segment and comes
 * back), 0 when all is closed.
 */
static int close_to(x12_elig_stream *s, int to)
{
    if (s->have_cur) {
        emit(s);
        return 1;
    }
    if (to <= LV_RECEIVER && s->receiver != NULL && !s->receiver_closed) {
        s->receiver_closed = 1;
        if (s->receiver->rejects.n > 0 && s->receiver_units == 0) {
            emit_party_unit(s, X12_ELIG_LEVEL_RECEIVER, s->party_segno[2], s->party_offset[2]);
            return 1;
        }
    }
    if (to <= LV_SOURCE && s->payer != NULL && !s->payer_closed) {
        s->payer_closed = 1;
        if (s->payer->rejects.n > 0 && s->payer_units == 0) {
            emit_party_unit(s, X12_ELIG_LEVEL_SOURCE, s->party_segno[1], s->party_offset[1]);
            return 1;
        }
    }
    return 0;
}

/* ---- segments -------------------------------------------------------------------------------- */

static x12_elig_party *party_new(x12_elig_stream *s)
{
    x12_elig_party *p = tx_alloc(party_arena(s), sizeof *p);
    size_t i;

    if (p == NULL) {
        s->drv.nomem = 1;
        return NULL;
    }
    for (i = 0; i <= EP_NF; i++)
        p->f[i] = empty;
    return p;
}

static void on_hl(x12_elig_stream *s, const x12_segment *seg)
{
    x12_str code = el(seg, 3);
    int lv = tx_is(code, "20") ? LV_SOURCE : tx_is(code, "21") ? LV_RECEIVER
             : tx_is(code, "22") ? LV_SUBSCRIBER : tx_is(code, "23") ? LV_DEPENDENT : LV_NONE;

    s->named = 0;
    s->benefit = 0;
    s->in_ls = 0;
    s->entity = 0;
    s->level = lv;
    switch (lv) {
    case LV_SOURCE:
        if (s->doc == NULL)
            tx_arena_reset(&s->partyar); /* nothing handed out refers to it now */
        s->payer = party_new(s);
        s->receiver = NULL;
        s->payer_closed = 0;
        s->payer_units = 0;
        s->party_segno[1] = x12_segment_number(seg);
        s->party_offset[1] = x12_segment_offset(seg);
        break;
    case LV_RECEIVER:
        s->receiver = party_new(s);
        s->receiver_closed = 0;
        s->receiver_units = 0;
        s->party_segno[2] = x12_segment_number(seg);
        s->party_offset[2] = x12_segment_offset(seg);
        break;
    case LV_SUBSCRIBER: {
        size_t i;
        tx_arena_reset(&s->subar);
        for (i = 0; i < SI_N; i++)
            s->sub[i] = empty;
        coverage_start(s, seg, X12_ELIG_LEVEL_SUBSCRIBER);
        break;
    }
    case LV_DEPENDENT:
        coverage_start(s, seg, X12_ELIG_LEVEL_DEPENDENT);
        break;
    default: {
        char q[8];
        x12i_quote(q, sizeof q, code.ptr, code.len);
        issue(s, seg, 0, X12_SEV_ERROR, "hl-level", 3,
              "HL03 '%s' is not a 271 level (20, 21, 22, 23): its segments are skipped", q);
        break;
    }
    }
}

static void party_name(x12_elig_stream *s, x12_str *f, const x12_segment *seg, tx_arena *ar)
{
    f[X12_EP_ENTITY] = keep(s, ar, el(seg, 1));
    f[X12_EP_TYPE] = keep(s, ar, el(seg, 2));
    f[X12_EP_NAME] = keep(s, ar, el(seg, 3));
    f[X12_EP_FIRST_NAME] = keep(s, ar, el(seg, 4));
    f[X12_EP_ID_QUALIFIER] = keep(s, ar, el(seg, 8));
    f[X12_EP_ID] = keep(s, ar, el(seg, 9));
}

static void party_per(x12_elig_stream *s, x12_str *f, const x12_segment *seg, tx_arena *ar)
{
    size_t k;

    if (f[X12_EP_CONTACT_NAME].len == 0)
        f[X12_EP_CONTACT_NAME] = keep(s, ar, el(seg, 2));
    for (k = 3; k <= 7; k += 2) {
        x12_str q = el(seg, k);
        if (tx_is(q, "TE") && f[X12_EP_PHONE].len == 0)
            f[X12_EP_PHONE] = keep(s, ar, el(seg, k + 1));
        else if (tx_is(q, "UR") && f[X12_EP_URL].len == 0)
            f[X12_EP_URL] = keep(s, ar, el(seg, k + 1));
    }
}

static void on_aaa(x12_elig_stream *s, const x12_segment *seg)
{
    x12_elig_reject *r;
    tx_arena *ar;
    tx_vec *list;

    if (s->level == LV_SOURCE || s->level == LV_RECEIVER) {
        x12_elig_party *p = s->level == LV_SOURCE ? s->payer : s->receiver;
        if (p == NULL)
            return;
        ar = party_arena(s);
        list = &p->rejects;
    } else if (s->have_cur) {
        ar = &s->cur->ar;
        list = &s->cur->rejects;
    } else {
        return;
    }
    r = tx_push(ar, list, sizeof *r);
    if (r == NULL) {
        s->drv.nomem = 1;
        return;
    }
    r->valid = tx_is(el(seg, 1), "Y");
    r->reason = keep(s, ar, el(seg, 3));
    r->follow_up = keep(s, ar, el(seg, 4));
    snprintf(r->loop, sizeof r->loop, "%s", loop_of(s));
    r->benefit = s->level >= LV_SUBSCRIBER ? s->benefit : 0;
    el_reject_describe(r, x12_segment_number(seg), x12_segment_offset(seg));
}

static x12_elig_benefit *open_benefit(x12_elig_stream *s)
{
    return s->benefit ? &TX_AT(s->cur->benefits, x12_elig_benefit, s->benefit - 1) : NULL;
}

static void add_pair(x12_elig_stream *s, tx_vec *v, x12_str q, x12_str val, x12_str d)
{
    el_pair *p = tx_push(&s->cur->ar, v, sizeof *p);

    if (p == NULL) {
        s->drv.nomem = 1;
        return;
    }
    p->q = keep(s, &s->cur->ar, q);
    p->v = keep(s, &s->cur->ar, val);
    p->d = keep(s, &s->cur->ar, d);
}

static void on_eb(x12_elig_stream *s, const x12_segment *seg)
{
    x12_elig_coverage *c = s->cur;
    x12_elig_benefit *b = tx_push(&c->ar, &c->benefits, sizeof *b);
    size_t i, n;
    x12_str v;
    int rc;

    if (b == NULL) {
        s->drv.nomem = 1;
        return;
    }
    s->benefit = c->benefits.n;
    s->in_ls = 0;
    s->entity = 0;
    for (i = 0; i <= EB_NF; i++)
        b->f[i] = empty;
    b->segno = x12_segment_number(seg);
    b->f[X12_EB_CODE] = keep(s, &c->ar, el(seg, 1));
    b->f[X12_EB_COVERAGE_LEVEL] = keep(s, &c->ar, el(seg, 2));
    b->f[X12_EB_INSURANCE_TYPE] = keep(s, &c->ar, el(seg, 4));
    b->f[X12_EB_PLAN_DESCRIPTION] = keep(s, &c->ar, el(seg, 5));
    b->f[X12_EB_TIME_PERIOD] = keep(s, &c->ar, el(seg, 6));
    b->f[X12_EB_AMOUNT_TEXT] = keep(s, &c->ar, el(seg, 7));
    b->f[X12_EB_PERCENT_TEXT] = keep(s, &c->ar, el(seg, 8));
    b->f[X12_EB_QUANTITY_QUALIFIER] = keep(s, &c->ar, el(seg, 9));
    b->f[X12_EB_QUANTITY_TEXT] = keep(s, &c->ar, el(seg, 10));
    b->f[X12_EB_AUTHORIZATION] = keep(s, &c->ar, el(seg, 11));
    b->f[X12_EB_IN_NETWORK] = keep(s, &c->ar, el(seg, 12));
    b->f[X12_EB_PROCEDURE_QUALIFIER] = keep(s, &c->ar, x12_segment_component(seg, 13, 1));
    b->f[X12_EB_PROCEDURE] = keep(s, &c->ar, x12_segment_component(seg, 13, 2));
    {
        /* EB13-3..6 as written, joined by ':' */
        char buf[64];
        size_t len = 0, k;
        for (k = 3; k <= 6; k++) {
            x12_str m = x12_segment_component(seg, 13, k);
            if (m.len == 0 || len + m.len + 1 >= sizeof buf)
                continue;
            if (len)
                buf[len++] = ':';
            memcpy(buf + len, m.ptr, m.len);
            len += m.len;
        }
        b->f[X12_EB_MODIFIERS] = keep(s, &c->ar, tx_view(buf, len));
    }
    n = x12_segment_repetition_count(seg, 3);
    for (i = 1; i <= n; i++) {
        x12_str *st;
        v = x12_segment_repetition(seg, 3, i);
        if (v.len == 0)
            continue;
        st = tx_push(&c->ar, &b->stypes, sizeof *st);
        if (st == NULL) {
            s->drv.nomem = 1;
            return;
        }
        *st = keep(s, &c->ar, v);
    }
    v = b->f[X12_EB_AMOUNT_TEXT];
    if (v.len > 0) {
        if (x12_cents_parse(v.ptr, v.len, &b->amount) == X12_OK)
            b->has_amount = 1;
        else
            issue(s, seg, 1, X12_SEV_ERROR, "amount", 7,
                  "EB07 is not an amount of money (digits, at most 2 decimals)");
    }
    v = b->f[X12_EB_PERCENT_TEXT];
    if (v.len > 0) {
        rc = x12i_parse_scaled(v.ptr, v.len, 4, &b->percent);
        if (rc >= 0)
            b->has_percent = 1;
        if (rc == 1)
            issue(s, seg, 1, X12_SEV_WARNING, "percent", 8,
                  "EB08 has more than 4 decimals: read to the basis point");
        else if (rc < 0)
            issue(s, seg, 1, X12_SEV_ERROR, "percent", 8, "EB08 is not a decimal percent");
    }
    v = b->f[X12_EB_QUANTITY_TEXT];
    if (v.len > 0) {
        if (x12_remit_parse_milli(v.ptr, v.len, &b->qty) == X12_OK)
            b->has_qty = 1;
        else
            issue(s, seg, 1, X12_SEV_ERROR, "quantity", 10, "EB10 is not a decimal quantity");
    }
}

static void person_segment(x12_elig_stream *s, const x12_segment *seg, x12_str id)
{
    x12_elig_coverage *c = s->cur;
    x12_elig_benefit *b = open_benefit(s);

    if (tx_is(id, "EB")) {
        on_eb(s, seg);
    } else if (tx_is(id, "NM1")) {
        if (s->in_ls && b != NULL) {
            x12_elig_entity *e = tx_push(&c->ar, &b->entities, sizeof *e);
            size_t i;
            if (e == NULL) {
                s->drv.nomem = 1;
                return;
            }
            for (i = 0; i <= EP_NF; i++)
                e->f[i] = empty;
            party_name(s, e->f, seg, &c->ar);
            s->entity = b->entities.n;
        } else if (!s->named && !s->benefit) {
            s->named = 1;
            c->f[X12_EC_LAST_NAME] = keep(s, &c->ar, el(seg, 3));
            c->f[X12_EC_FIRST_NAME] = keep(s, &c->ar, el(seg, 4));
            c->f[X12_EC_MIDDLE_NAME] = keep(s, &c->ar, el(seg, 5));
            c->f[X12_EC_SUFFIX] = keep(s, &c->ar, el(seg, 7));
            if (s->level == LV_SUBSCRIBER) {
                c->f[X12_EC_MEMBER_ID] = keep(s, &c->ar, el(seg, 9));
                c->f[X12_EC_MEMBER_ID_QUALIFIER] = keep(s, &c->ar, el(seg, 8));
                s->sub[SI_LAST] = keep(s, &s->subar, el(seg, 3));
                s->sub[SI_FIRST] = keep(s, &s->subar, el(seg, 4));
                s->sub[SI_ID] = keep(s, &s->subar, el(seg, 9));
                s->sub[SI_IDQ] = keep(s, &s->subar, el(seg, 8));
            }
        } else {
            issue(s, seg, 1, X12_SEV_WARNING, "unexpected", 0,
                  "NM1 is not expected here: ignored");
        }
    } else if (tx_is(id, "TRN")) {
        x12_str type = el(seg, 1);
        if (tx_is(type, "2") && c->f[X12_EC_TRACE_NUMBER].len == 0) {
            c->f[X12_EC_TRACE_NUMBER] = keep(s, &c->ar, el(seg, 2));
            c->f[X12_EC_TRACE_ORIGINATOR] = keep(s, &c->ar, el(seg, 3));
        } else if (tx_is(type, "1") && c->f[X12_EC_PAYER_TRACE_NUMBER].len == 0) {
            c->f[X12_EC_PAYER_TRACE_NUMBER] = keep(s, &c->ar, el(seg, 2));
        }
    } else if (tx_is(id, "REF")) {
        x12_str q = el(seg, 1), v = el(seg, 2), d = el(seg, 3);
        if (b != NULL) {
            add_pair(s, &b->refs, q, v, d);
            return;
        }
        add_pair(s, &c->refs, q, v, d);
        if (tx_is(q, "6P") || (tx_is(q, "1L") && c->f[X12_EC_GROUP_NUMBER].len == 0)) {
            c->f[X12_EC_GROUP_NUMBER] = keep(s, &c->ar, v);
            c->f[X12_EC_GROUP_NAME] = keep(s, &c->ar, d);
        } else if (tx_is(q, "18")) {
            c->f[X12_EC_PLAN_NUMBER] = keep(s, &c->ar, v);
        }
        if (s->level == LV_SUBSCRIBER) {
            s->sub[SI_GROUP] = keep(s, &s->subar, c->f[X12_EC_GROUP_NUMBER]);
            s->sub[SI_GROUP_NAME] = keep(s, &s->subar, c->f[X12_EC_GROUP_NAME]);
            s->sub[SI_PLAN] = keep(s, &s->subar, c->f[X12_EC_PLAN_NUMBER]);
        }
    } else if (tx_is(id, "DTP")) {
        x12_str q = el(seg, 1), fmt = el(seg, 2), v = el(seg, 3), from, to;
        if (b != NULL) {
            add_pair(s, &b->dates, q, v, fmt);
            return;
        }
        add_pair(s, &c->dates, q, v, fmt);
        x12i_date_range(v, &from, &to);
        if (tx_is(q, "346"))
            c->f[X12_EC_PLAN_BEGIN] = keep(s, &c->ar, from);
        else if (tx_is(q, "347"))
            c->f[X12_EC_PLAN_END] = keep(s, &c->ar, to);
        else if (tx_is(q, "356"))
            c->f[X12_EC_ELIGIBILITY_BEGIN] = keep(s, &c->ar, from);
        else if (tx_is(q, "357"))
            c->f[X12_EC_ELIGIBILITY_END] = keep(s, &c->ar, to);
        else if (tx_is(q, "291")) {
            if (c->f[X12_EC_PLAN_BEGIN].len == 0)
                c->f[X12_EC_PLAN_BEGIN] = keep(s, &c->ar, from);
            if (c->f[X12_EC_PLAN_END].len == 0 && tx_is(fmt, "RD8"))
                c->f[X12_EC_PLAN_END] = keep(s, &c->ar, to);
        } else if (tx_is(q, "307")) {
            if (c->f[X12_EC_ELIGIBILITY_BEGIN].len == 0)
                c->f[X12_EC_ELIGIBILITY_BEGIN] = keep(s, &c->ar, from);
            if (c->f[X12_EC_ELIGIBILITY_END].len == 0 && tx_is(fmt, "RD8"))
                c->f[X12_EC_ELIGIBILITY_END] = keep(s, &c->ar, to);
        }
    } else if (tx_is(id, "N3") && !s->in_ls) {
        c->f[X12_EC_ADDRESS1] = keep(s, &c->ar, el(seg, 1));
        c->f[X12_EC_ADDRESS2] = keep(s, &c->ar, el(seg, 2));
    } else if (tx_is(id, "N4") && !s->in_ls) {
        c->f[X12_EC_CITY] = keep(s, &c->ar, el(seg, 1));
        c->f[X12_EC_STATE] = keep(s, &c->ar, el(seg, 2));
        c->f[X12_EC_POSTAL_CODE] = keep(s, &c->ar, el(seg, 3));
    } else if (tx_is(id, "DMG")) {
        c->f[X12_EC_BIRTH_DATE] = keep(s, &c->ar, el(seg, 2));
        c->f[X12_EC_GENDER] = keep(s, &c->ar, el(seg, 3));
    } else if (tx_is(id, "INS")) {
        c->f[X12_EC_RELATIONSHIP] = keep(s, &c->ar, el(seg, 2));
    } else if (tx_is(id, "AAA")) {
        on_aaa(s, seg);
    } else if (tx_is(id, "MSG")) {
        x12_str *m;
        if (b == NULL) {
            issue(s, seg, 1, X12_SEV_WARNING, "outside-benefit", 0,
                  "MSG before any EB of the coverage: ignored");
            return;
        }
        m = tx_push(&c->ar, &b->msgs, sizeof *m);
        if (m == NULL) {
            s->drv.nomem = 1;
            return;
        }
        *m = keep(s, &c->ar, el(seg, 1));
    } else if (tx_is(id, "LS")) {
        s->in_ls = b != NULL;
    } else if (tx_is(id, "LE")) {
        s->in_ls = 0;
        s->entity = 0;
    } else if (tx_is(id, "PER") && s->in_ls && s->entity && b != NULL) {
        party_per(s, TX_AT(b->entities, x12_elig_entity, s->entity - 1).f, seg, &c->ar);
    }
    /* PRV, HI, MPI, HSD, III, the entity's N3/N4/PRV: not modelled. */
}

/* Ends the open set's parsing state (after SE, or a set left open). */
static void end_set(x12_elig_stream *s)
{
    s->in_set = 0;
    s->level = LV_NONE;
    s->payer = s->receiver = NULL;
}

/* One segment.  1 when a coverage was handed out before the segment could
 * be taken: the caller returns it and hands the same segment in again. */
static int handle(x12_elig_stream *s, const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);

    if (tx_is(id, "ST")) {
        if (s->in_set) {
            if (close_to(s, 0))
                return 1;
            end_set(s);
        }
        s->skip_set = 0;
        if (!tx_is(el(seg, 1), "271")) {
            char q[8];
            x12_str st01 = el(seg, 1);
            x12i_quote(q, sizeof q, st01.ptr, st01.len);
            issue(s, seg, 0, X12_SEV_WARNING, "not-271",
                  1, "transaction set %s is not a 271: skipped", q[0] ? q : "-");
            s->skip_set = 1;
            return 0;
        }
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
        return 0; /* envelopes; anything else outside a set the reader reports */
    if (tx_is(id, "SE") || tx_is(id, "GE") || tx_is(id, "IEA")) {
        if (close_to(s, 0))
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
        x12_str code = el(seg, 3);
        int lv = tx_is(code, "20") ? LV_SOURCE : tx_is(code, "21") ? LV_RECEIVER : LV_SUBSCRIBER;
        if (close_to(s, lv))
            return 1;
        on_hl(s, seg);
        return 0;
    }
    switch (s->level) {
    case LV_SOURCE:
    case LV_RECEIVER: {
        x12_elig_party *p = s->level == LV_SOURCE ? s->payer : s->receiver;
        if (p == NULL)
            return 0;
        if (tx_is(id, "NM1") && !s->named) {
            s->named = 1;
            party_name(s, p->f, seg, party_arena(s));
        } else if (tx_is(id, "PER")) {
            party_per(s, p->f, seg, party_arena(s));
        } else if (tx_is(id, "AAA")) {
            on_aaa(s, seg);
        } else if (tx_is(id, "EB") || tx_is(id, "MSG") || tx_is(id, "TRN") ||
                   tx_is(id, "DMG") || tx_is(id, "INS")) {
            char q[8];
            x12i_quote(q, sizeof q, id.ptr, id.len);
            issue(s, seg, 0, X12_SEV_ERROR, "outside-coverage", 0,
                  "%s outside a subscriber or dependent (HL 22/23): ignored", q);
        }
        return 0;
    }
    case LV_SUBSCRIBER:
    case LV_DEPENDENT:
        if (s->have_cur)
            person_segment(s, seg, id);
        return 0;
    default:
        if (!tx_is(id, "GS") && !tx_is(id, "ISA")) {
            char q[8];
            x12i_quote(q, sizeof q, id.ptr, id.len);
            issue(s, seg, 0, X12_SEV_ERROR, "outside-coverage", 0,
                  "%s before the first HL of the 271 (or under an unknown level): ignored", q);
        }
        return 0;
    }
}

/* ---- the stream ------------------------------------------------------------------------------ */

x12_status x12_elig_stream_new(const x12_allocator *alloc, x12_reader *reader,
                               x12_elig_stream **out)
{
    x12i_alloc a;
    x12_elig_stream *s;
    x12_status st;

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
    s->drv.diags.max = X12_ELIG_DEFAULT_MAX_ERRORS;
    tx_arena_init(&s->envar, &s->a);
    tx_arena_init(&s->partyar, &s->a);
    tx_arena_init(&s->subar, &s->a);
    s->st02 = s->bht03 = s->bht04 = empty;
    {
        size_t i;
        for (i = 0; i < SI_N; i++)
            s->sub[i] = empty;
    }
    s->cur = el_coverage_new(&s->a);
    if (s->cur == NULL) {
        x12i_free(&s->a, s);
        return X12_ENOMEM;
    }
    if (reader == NULL) {
        st = x12_reader_new(alloc, &s->r);
        if (st != X12_OK) {
            el_coverage_free(&s->a, s->cur);
            x12i_free(&s->a, s);
            return st;
        }
        s->own_reader = 1;
    } else {
        s->r = reader;
    }
    *out = s;
    return X12_OK;
}

void x12_elig_stream_free(x12_elig_stream *s)
{
    x12i_alloc a;

    if (s == NULL)
        return;
    a = s->a;
    if (s->own_reader)
        x12_reader_free(s->r);
    el_coverage_free(&a, s->cur);
    x12_elig_doc_free(s->doc);
    tx_arena_free(&s->envar);
    tx_arena_free(&s->partyar);
    tx_arena_free(&s->subar);
    tx_drive_free(&s->drv, &a);
    x12i_free(&a, s);
}

x12_reader *x12_elig_stream_reader(x12_elig_stream *s) { return s ? s->r : NULL; }

void x12_elig_stream_set_error_handler(x12_elig_stream *s, x12_error_fn fn, void *user)
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
    x12_elig_stream *s = p;

    if (!s->in_set)
        return 0;
    if (close_to(s, 0))
        return 1;
    end_set(s);
    return 0;
}

static void drv_diag(void *p, const x12_error *e)
{
    diag(p, e);
}

static const tx_drive_ops drive_ops = {drv_handle, drv_end, drv_diag};

/* The next coverage into s->shown; as x12_elig_stream_next. */
static x12_status next(x12_elig_stream *s)
{
    if (s->drv.dead != X12_OK)
        return s->drv.dead;
    s->shown = NULL;
    return tx_drive_next(&s->drv, s->r, &drive_ops, s);
}

x12_status x12_elig_stream_next(x12_elig_stream *s, const x12_elig_coverage **out)
{
    x12_status st;

    if (s == NULL || out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (s->doc != NULL)
        return X12_ESTATE; /* collecting */
    st = next(s);
    if (st == X12_OK)
        *out = s->shown;
    return st;
}

size_t x12_elig_stream_error_count(const x12_elig_stream *s)
{
    return tx_drive_error_count(s ? &s->drv : NULL);
}

const x12_error *x12_elig_stream_error_at(const x12_elig_stream *s, size_t i)
{
    return tx_drive_error_at(s ? &s->drv : NULL, i);
}

x12_status x12_elig_stream_set_max_errors(x12_elig_stream *s, size_t max)
{
    return x12i_diags_set_max(s ? &s->drv.diags : NULL, max);
}

uint64_t x12_elig_stream_errors_dropped(const x12_elig_stream *s)
{
    return x12i_diags_dropped(s ? &s->drv.diags : NULL);
}

const x12_error *x12_elig_stream_last_error(const x12_elig_stream *s)
{
    return tx_drive_last_error(s ? &s->drv : NULL);
}

x12_status x12_elig_stream_collect(x12_elig_stream *s, x12_elig_doc **out)
{
    x12_status st;

    if (s == NULL || out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (s->doc == NULL) {
        if (s->ncoverages > 0 || s->drv.finished)
            return X12_ESTATE;
        s->doc = x12i_malloc(&s->a, sizeof *s->doc);
        if (s->doc == NULL)
            return X12_ENOMEM;
        memset(s->doc, 0, sizeof *s->doc);
        s->doc->a = s->a;
        tx_arena_init(&s->doc->ar, &s->doc->a);
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

static x12_status parse_with(x12_elig_stream *s, x12_elig_doc **out)
{
    x12_status st = x12_elig_stream_collect(s, out);

    x12_elig_stream_free(s);
    return st;
}

x12_status x12_elig_parse_path(const x12_allocator *alloc, const char *path, x12_elig_doc **out)
{
    x12_elig_stream *s;
    x12_status st;

    if (out == NULL || path == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12_elig_stream_new(alloc, NULL, &s);
    if (st != X12_OK)
        return st;
    st = x12_reader_open_path(s->r, path);
    if (st != X12_OK) {
        x12_elig_stream_free(s);
        return st;
    }
    return parse_with(s, out);
}

x12_status x12_elig_parse_buffer(const x12_allocator *alloc, const void *data, size_t len,
                                 x12_elig_doc **out)
{
    x12_elig_stream *s;
    x12_status st;

    if (out == NULL || (data == NULL && len > 0))
        return X12_EINVAL;
    *out = NULL;
    st = x12_elig_stream_new(alloc, NULL, &s);
    if (st != X12_OK)
        return st;
    st = x12_reader_open_buffer(s->r, data, len);
    if (st != X12_OK) {
        x12_elig_stream_free(s);
        return st;
    }
    return parse_with(s, out);
}
