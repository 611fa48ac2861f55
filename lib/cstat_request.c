/*
 * 276 requests: the model, the edits and the writer.  Consecutive
 * inquiries with the same payer, receiver, provider and subscriber share
 * their HL levels; within one subscriber the claims about the subscriber
 * (2200D) are written before the patients (2000E) and their claims (2200E),
 * as the guide orders them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cstat_internal.h"

static const x12_str empty = {"", 0};

/* ---- the model ----------------------------------------------------------------------- */

x12_status x12_claimstatus_request_new(const x12_allocator *alloc, x12_claimstatus_request **out)
{
    x12_claimstatus_request *rq;
    void *p;
    x12_status st;
    size_t i;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = tx_request_new(alloc, sizeof *rq, &p);
    if (st != X12_OK)
        return st;
    rq = p;
    for (i = 0; i <= CR_NF; i++)
        rq->f[i] = empty;
    rq->opt[X12_CROPT_ISA13] = 1;
    rq->opt[X12_CROPT_GS06] = 1;
    rq->opt[X12_CROPT_ST02] = 1;
    *out = rq;
    return X12_OK;
}

void x12_claimstatus_request_free(x12_claimstatus_request *rq)
{
    if (rq != NULL)
        tx_request_free(&rq->h);
}

static x12_status set_view(tx_arena *ar, x12_str *dst, const char *v, size_t len)
{
    if (v == NULL && len != 0 && len != X12_NTS)
        return X12_EINVAL;
    return tx_copy(ar, v, tx_len(v, len), dst) == 0 ? X12_OK : X12_ENOMEM;
}

x12_status x12_claimstatus_request_set(x12_claimstatus_request *rq,
                                       x12_claimstatus_request_field f, const char *v, size_t len)
{
    if (rq == NULL || (unsigned)f < 1 || (unsigned)f > CR_NF)
        return X12_EINVAL;
    return set_view(&rq->h.ar, &rq->f[f], v, len);
}

x12_str x12_claimstatus_request_get(const x12_claimstatus_request *rq,
                                    x12_claimstatus_request_field f)
{
    if (rq == NULL || (unsigned)f < 1 || (unsigned)f > CR_NF)
        return empty;
    return rq->f[f];
}

x12_status x12_claimstatus_request_set_option(x12_claimstatus_request *rq,
                                              x12_claimstatus_request_option o, uint64_t value)
{
    if (rq == NULL || (unsigned)o < 1 || (unsigned)o > CR_NOPT)
        return X12_EINVAL;
    switch (o) {
    case X12_CROPT_ISA13:
    case X12_CROPT_GS06:
    case X12_CROPT_ST02:
        if (value < 1 || value > 999999999u)
            return X12_EINVAL;
        break;
    case X12_CROPT_PRODUCTION:
    case X12_CROPT_ACK_REQUESTED:
        if (value > 1)
            return X12_EINVAL;
        break;
    case X12_CROPT_MAX_INQUIRIES_PER_SET:
        break;
    }
    rq->opt[o] = value;
    return X12_OK;
}

uint64_t x12_claimstatus_request_get_option(const x12_claimstatus_request *rq,
                                            x12_claimstatus_request_option o)
{
    if (rq == NULL || (unsigned)o < 1 || (unsigned)o > CR_NOPT)
        return 0;
    return rq->opt[o];
}

x12_status x12_claimstatus_request_add_inquiry(x12_claimstatus_request *rq,
                                               x12_claimstatus_inquiry **out)
{
    x12_claimstatus_inquiry *q;
    size_t i;

    if (out != NULL)
        *out = NULL;
    if (rq == NULL || out == NULL)
        return X12_EINVAL;
    q = tx_alloc(&rq->h.ar, sizeof *q);
    if (q == NULL)
        return X12_ENOMEM;
    q->rq = rq;
    for (i = 0; i <= CQ_NF; i++)
        q->f[i] = empty;
    if (rq->last != NULL)
        rq->last->next = q;
    else
        rq->first = q;
    rq->last = q;
    rq->n++;
    *out = q;
    return X12_OK;
}

size_t x12_claimstatus_request_inquiry_count(const x12_claimstatus_request *rq)
{
    return rq ? rq->n : 0;
}

x12_status x12_claimstatus_inquiry_set(x12_claimstatus_inquiry *q,
                                       x12_claimstatus_inquiry_field f, const char *v, size_t len)
{
    if (q == NULL || (unsigned)f < 1 || (unsigned)f > CQ_NF)
        return X12_EINVAL;
    return set_view(&q->rq->h.ar, &q->f[f], v, len);
}

x12_str x12_claimstatus_inquiry_get(const x12_claimstatus_inquiry *q,
                                    x12_claimstatus_inquiry_field f)
{
    if (q == NULL || (unsigned)f < 1 || (unsigned)f > CQ_NF)
        return empty;
    return q->f[f];
}

x12_status x12_claimstatus_inquiry_set_charge(x12_claimstatus_inquiry *q, int64_t cents)
{
    if (q == NULL)
        return X12_EINVAL;
    q->charge = cents;
    q->has_charge = 1;
    return X12_OK;
}

int x12_claimstatus_inquiry_charge(const x12_claimstatus_inquiry *q, int64_t *cents)
{
    if (q == NULL || !q->has_charge)
        return 0;
    if (cents != NULL)
        *cents = q->charge;
    return 1;
}

/* A line remembers its request through a header in front of it. */
typedef struct line_block {
    x12_claimstatus_request *rq;
    x12_claimstatus_inquiry_line l;
} line_block;

static tx_arena *line_arena(x12_claimstatus_inquiry_line *l)
{
    line_block *b = (line_block *)(void *)((char *)l - offsetof(line_block, l));

    return &b->rq->h.ar;
}

x12_status x12_claimstatus_inquiry_add_line(x12_claimstatus_inquiry *q,
                                            x12_claimstatus_inquiry_line **out)
{
    line_block *b;
    x12_claimstatus_inquiry_line **slot;
    size_t i;

    if (out != NULL)
        *out = NULL;
    if (q == NULL || out == NULL)
        return X12_EINVAL;
    b = tx_alloc(&q->rq->h.ar, sizeof *b);
    slot = b != NULL ? tx_push(&q->rq->h.ar, &q->lines, sizeof *slot) : NULL;
    if (slot == NULL)
        return X12_ENOMEM;
    b->rq = q->rq;
    for (i = 0; i <= CL_NF; i++)
        b->l.f[i] = empty;
    *slot = &b->l;
    *out = &b->l;
    return X12_OK;
}

x12_status x12_claimstatus_inquiry_line_set(x12_claimstatus_inquiry_line *l,
                                            x12_claimstatus_line_field f, const char *v,
                                            size_t len)
{
    if (l == NULL || (unsigned)f < 1 || (unsigned)f > CL_NF)
        return X12_EINVAL;
    return set_view(line_arena(l), &l->f[f], v, len);
}

x12_str x12_claimstatus_inquiry_line_get(const x12_claimstatus_inquiry_line *l,
                                         x12_claimstatus_line_field f)
{
    if (l == NULL || (unsigned)f < 1 || (unsigned)f > CL_NF)
        return empty;
    return l->f[f];
}

x12_status x12_claimstatus_inquiry_line_add_modifier(x12_claimstatus_inquiry_line *l,
                                                     const char *v, size_t len)
{
    x12_str *p;
    tx_arena *ar;

    if (l == NULL || (v == NULL && len != 0 && len != X12_NTS))
        return X12_EINVAL;
    ar = line_arena(l);
    p = tx_push(ar, &l->mods, sizeof *p);
    if (p == NULL)
        return X12_ENOMEM;
    if (tx_copy(ar, v, tx_len(v, len), p) != 0) {
        l->mods.n--;
        return X12_ENOMEM;
    }
    return X12_OK;
}

x12_status x12_claimstatus_inquiry_line_set_charge(x12_claimstatus_inquiry_line *l,
                                                   int64_t cents)
{
    if (l == NULL)
        return X12_EINVAL;
    l->charge = cents;
    l->has_charge = 1;
    return X12_OK;
}

x12_status x12_claimstatus_request_add_sent(x12_claimstatus_request *rq,
                                            const x12_claimstatus_sent_claim *c,
                                            x12_claimstatus_inquiry **out)
{
    static const struct {
        x12_claimstatus_inquiry_field to;
        x12_claimstatus_sent_field from;
    } map[] = {
        {X12_CQ_PAYER_NAME, X12_SC_PAYER_NAME},
        {X12_CQ_PAYER_ID, X12_SC_PAYER_ID},
        {X12_CQ_PAYER_ID_QUALIFIER, X12_SC_PAYER_ID_QUALIFIER},
        {X12_CQ_RECEIVER_NAME, X12_SC_SUBMITTER_NAME},
        {X12_CQ_RECEIVER_ID, X12_SC_SUBMITTER_ID},
        {X12_CQ_PROVIDER_NAME, X12_SC_PROVIDER_NAME},
        {X12_CQ_PROVIDER_FIRST_NAME, X12_SC_PROVIDER_FIRST_NAME},
        {X12_CQ_PROVIDER_NPI, X12_SC_PROVIDER_NPI},
        {X12_CQ_SUBSCRIBER_LAST_NAME, X12_SC_SUBSCRIBER_LAST_NAME},
        {X12_CQ_SUBSCRIBER_FIRST_NAME, X12_SC_SUBSCRIBER_FIRST_NAME},
        {X12_CQ_SUBSCRIBER_MIDDLE_NAME, X12_SC_SUBSCRIBER_MIDDLE_NAME},
        {X12_CQ_SUBSCRIBER_SUFFIX, X12_SC_SUBSCRIBER_SUFFIX},
        {X12_CQ_MEMBER_ID, X12_SC_MEMBER_ID},
        {X12_CQ_SUBSCRIBER_BIRTH_DATE, X12_SC_SUBSCRIBER_BIRTH_DATE},
        {X12_CQ_SUBSCRIBER_GENDER, X12_SC_SUBSCRIBER_GENDER},
        {X12_CQ_PATIENT_LAST_NAME, X12_SC_PATIENT_LAST_NAME},
        {X12_CQ_PATIENT_FIRST_NAME, X12_SC_PATIENT_FIRST_NAME},
        {X12_CQ_PATIENT_MIDDLE_NAME, X12_SC_PATIENT_MIDDLE_NAME},
        {X12_CQ_PATIENT_SUFFIX, X12_SC_PATIENT_SUFFIX},
        {X12_CQ_PATIENT_BIRTH_DATE, X12_SC_PATIENT_BIRTH_DATE},
        {X12_CQ_PATIENT_GENDER, X12_SC_PATIENT_GENDER},
        {X12_CQ_TRACE_NUMBER, X12_SC_PCN},
        {X12_CQ_PCN, X12_SC_PCN},
        {X12_CQ_BILL_TYPE, X12_SC_BILL_TYPE},
        {X12_CQ_CLEARINGHOUSE_TRACE, X12_SC_CLEARINGHOUSE_TRACE},
        {X12_CQ_SERVICE_FROM, X12_SC_SERVICE_FROM},
        {X12_CQ_SERVICE_TO, X12_SC_SERVICE_TO},
    };
    x12_claimstatus_inquiry *q;
    x12_status st;
    size_t i;

    if (out != NULL)
        *out = NULL;
    if (rq == NULL || c == NULL)
        return X12_EINVAL;
    st = x12_claimstatus_request_add_inquiry(rq, &q);
    if (st != X12_OK)
        return st;
    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        x12_str v = x12_claimstatus_sent_get(c, map[i].from);
        st = x12_claimstatus_inquiry_set(q, map[i].to, v.ptr, v.len);
        if (st != X12_OK)
            return st;
    }
    if (c->f[X12_SC_CHARGE_TEXT].len > 0)
        x12_claimstatus_inquiry_set_charge(q, c->charge);
    if (out != NULL)
        *out = q;
    return X12_OK;
}

/* ---- edits ---------------------------------------------------------------------------- */

typedef struct ectx {
    x12_claimstatus_request *rq;
    int nomem;
    char path[128];
} ectx;

typedef struct place {
    const char *field, *segid, *loop;
    unsigned element;
    const char *what;
    size_t max;
} place;

static void fail(ectx *x, const char *field, const char *rule, const place *p, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void fail(ectx *x, const char *field, const char *rule, const place *p, const char *fmt,
                 ...)
{
    char path[200], msg[X12I_MSG_MAX];
    va_list ap;

    snprintf(path, sizeof path, "%s.%s", x->path, field);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (tx_edit(&x->rq->h.a, &x->rq->h.edits, path, rule, p->segid, p->loop, p->element, "%s",
                msg) != 0)
        x->nomem = 1;
}

static int present(ectx *x, x12_str v, const place *p, int required)
{
    if (v.len == 0) {
        if (required)
            fail(x, p->field, "required", p, "%s is required", p->what);
        return 0;
    }
    if (tx_has_delimiter(v, "*:^~"))
        fail(x, p->field, "delimiter", p, "%s holds a delimiter or control character", p->what);
    else if (p->max && v.len > p->max)
        fail(x, p->field, "length", p, "%s is longer than %zu characters", p->what, p->max);
    return 1;
}

static void date_value(ectx *x, x12_str v, const place *p, int required)
{
    if (present(x, v, p, required) && !tx_is_date(v))
        fail(x, p->field, "date", p, "%s is not a real date (CCYYMMDD)", p->what);
}

static void range(ectx *x, x12_str from, x12_str to, const place *pf, const place *pt,
                  int required)
{
    date_value(x, from, pf, required);
    date_value(x, to, pt, 0);
    if (to.len > 0 && from.len == 0)
        fail(x, pt->field, "date-range", pt, "%s needs the start of the dates", pt->what);
    else if (tx_is_date(from) && tx_is_date(to) && memcmp(to.ptr, from.ptr, 8) < 0)
        fail(x, pt->field, "date-range", pt, "the dates of service end before they start");
}

static void gender(ectx *x, x12_str v, const place *p)
{
    if (present(x, v, p, 0) && !tx_is(v, "F") && !tx_is(v, "M") && !tx_is(v, "U"))
        fail(x, p->field, "gender", p, "%s is not F, M or U", p->what);
}

static int patient_given(const x12_claimstatus_inquiry *q)
{
    unsigned f;

    for (f = X12_CQ_PATIENT_LAST_NAME; f <= X12_CQ_PATIENT_GENDER; f++)
        if (q->f[f].len > 0)
            return 1;
    return 0;
}

static x12_str trace_of(const x12_claimstatus_inquiry *q)
{
    return q->f[X12_CQ_TRACE_NUMBER].len ? q->f[X12_CQ_TRACE_NUMBER] : q->f[X12_CQ_PCN];
}

static void check_line(ectx *x, const x12_claimstatus_inquiry_line *l, const char *loop,
                       size_t n)
{
    char base[sizeof x->path];
    size_t i;
    place pp = {"procedure", "SVC", loop, 1, "the line's procedure code", 48};
    place pq = {"qualifier", "SVC", loop, 1, "the line's procedure qualifier", 2};
    place pr = {"revenue_code", "SVC", loop, 4, "the line's revenue code", 48};
    place pu = {"units", "SVC", loop, 7, "the line's units", 15};
    place pc = {"control_number", "REF", loop, 2, "the line item control number", 50};
    place pf = {"service_from", "DTP", loop, 3, "the line's date of service", 8};
    place pt = {"service_to", "DTP", loop, 3, "the end of the line's dates of service", 8};
    x12_str qual = l->f[X12_CL_QUALIFIER];

    snprintf(base, sizeof base, "%s", x->path);
    if (snprintf(x->path, sizeof x->path, "%.100s.line[%zu]", base, n) < 0)
        x->path[0] = '\0';
    present(x, qual, &pq, 0);
    if (present(x, l->f[X12_CL_PROCEDURE], &pp, 1) && (qual.len == 0 || tx_is(qual, "HC")) &&
        !tx_procedure_shape(l->f[X12_CL_PROCEDURE]))
        fail(x, "procedure", "procedure", &pp,
             "the line's procedure code is not a CPT or HCPCS code");
    present(x, l->f[X12_CL_REVENUE_CODE], &pr, 0);
    if (present(x, l->f[X12_CL_UNITS], &pu, 0)) {
        int64_t m;
        if (x12i_parse_scaled(l->f[X12_CL_UNITS].ptr, l->f[X12_CL_UNITS].len, 3, &m) < 0)
            fail(x, "units", "units", &pu, "the line's units are not a decimal number");
    }
    present(x, l->f[X12_CL_CONTROL_NUMBER], &pc, 0);
    range(x, l->f[X12_CL_SERVICE_FROM], l->f[X12_CL_SERVICE_TO], &pf, &pt, 1);
    if (!l->has_charge)
        fail(x, "charge", "required", &pp, "the line's charge is required");
    else if (l->charge < 0)
        fail(x, "charge", "amount", &pp, "the line's charge is negative");
    if (l->mods.n > 4)
        fail(x, "modifier", "modifier", &pp, "more than 4 modifiers");
    for (i = 0; i < l->mods.n; i++) {
        x12_str m = TX_AT(l->mods, x12_str, i);
        if (m.len != 2 || !x12i_all_alnum_uc(m.ptr, m.len))
            fail(x, "modifier", "modifier", &pp, "a modifier is not 2 capital letters or digits");
    }
    snprintf(x->path, sizeof x->path, "%s", base);
}

static void check_inquiry(ectx *x, const x12_claimstatus_inquiry *q)
{
    const x12_str *f = q->f;
    int pat = patient_given(q);
    const char *cl = pat ? "2200E" : "2200D", *ll = pat ? "2210E" : "2210D";
    size_t i;

    {
        place a = {"payer.name", "NM1", "2100A", 3, "the payer's name", 60};
        place b = {"payer.id", "NM1", "2100A", 9, "the payer's id", 80};
        place c = {"payer.id_qualifier", "NM1", "2100A", 8, "the payer id qualifier", 2};
        present(x, f[X12_CQ_PAYER_NAME], &a, 1);
        present(x, f[X12_CQ_PAYER_ID], &b, 1);
        if (present(x, f[X12_CQ_PAYER_ID_QUALIFIER], &c, 0) &&
            !tx_is(f[X12_CQ_PAYER_ID_QUALIFIER], "PI") && !tx_is(f[X12_CQ_PAYER_ID_QUALIFIER], "XV"))
            fail(x, "payer.id_qualifier", "code", &c, "the payer id qualifier is not PI or XV");
    }
    {
        place a = {"receiver.name", "NM1", "2100B", 3, "the information receiver's name", 60};
        place b = {"receiver.id", "NM1", "2100B", 9, "the information receiver's id", 80};
        present(x, f[X12_CQ_RECEIVER_NAME], &a, 1);
        present(x, f[X12_CQ_RECEIVER_ID], &b, 1);
    }
    {
        place a = {"provider.name", "NM1", "2100C", 3, "the provider's name", 60};
        place b = {"provider.first_name", "NM1", "2100C", 4, "the provider's first name", 35};
        place c = {"provider.npi", "NM1", "2100C", 9, "the provider's NPI", 10};
        present(x, f[X12_CQ_PROVIDER_NAME], &a, 1);
        present(x, f[X12_CQ_PROVIDER_FIRST_NAME], &b, 0);
        if (present(x, f[X12_CQ_PROVIDER_NPI], &c, 1) && !x12i_npi_valid(f[X12_CQ_PROVIDER_NPI].ptr, f[X12_CQ_PROVIDER_NPI].len))
            fail(x, "provider.npi", "npi-check-digit", &c,
                 "the provider's NPI is not 10 digits with a valid check digit (Luhn with the "
                 "80840 prefix)");
    }
    {
        place a = {"subscriber.last_name", "NM1", "2100D", 3, "the subscriber's last name", 60};
        place b = {"subscriber.first_name", "NM1", "2100D", 4, "the subscriber's first name", 35};
        place m = {"subscriber.middle_name", "NM1", "2100D", 5, "the subscriber's middle name", 25};
        place s = {"subscriber.suffix", "NM1", "2100D", 7, "the subscriber's suffix", 10};
        place c = {"subscriber.member_id", "NM1", "2100D", 9, "the subscriber's member id", 80};
        place d = {"subscriber.birth_date", "DMG", "2000D", 2, "the subscriber's birth date", 8};
        place g = {"subscriber.gender", "DMG", "2000D", 3, "the subscriber's gender", 1};
        present(x, f[X12_CQ_SUBSCRIBER_LAST_NAME], &a, 1);
        present(x, f[X12_CQ_SUBSCRIBER_FIRST_NAME], &b, 0);
        present(x, f[X12_CQ_SUBSCRIBER_MIDDLE_NAME], &m, 0);
        present(x, f[X12_CQ_SUBSCRIBER_SUFFIX], &s, 0);
        present(x, f[X12_CQ_MEMBER_ID], &c, 1);
        /* The guide wants the DMG of the patient: the subscriber's when
         * the subscriber is the patient. */
        date_value(x, f[X12_CQ_SUBSCRIBER_BIRTH_DATE], &d, !pat);
        gender(x, f[X12_CQ_SUBSCRIBER_GENDER], &g);
    }
    if (pat) {
        place a = {"patient.last_name", "NM1", "2100E", 3, "the patient's last name", 60};
        place b = {"patient.first_name", "NM1", "2100E", 4, "the patient's first name", 35};
        place m = {"patient.middle_name", "NM1", "2100E", 5, "the patient's middle name", 25};
        place s = {"patient.suffix", "NM1", "2100E", 7, "the patient's suffix", 10};
        place d = {"patient.birth_date", "DMG", "2000E", 2, "the patient's birth date", 8};
        place g = {"patient.gender", "DMG", "2000E", 3, "the patient's gender", 1};
        present(x, f[X12_CQ_PATIENT_LAST_NAME], &a, 1);
        present(x, f[X12_CQ_PATIENT_FIRST_NAME], &b, 0);
        present(x, f[X12_CQ_PATIENT_MIDDLE_NAME], &m, 0);
        present(x, f[X12_CQ_PATIENT_SUFFIX], &s, 0);
        date_value(x, f[X12_CQ_PATIENT_BIRTH_DATE], &d, 1);
        gender(x, f[X12_CQ_PATIENT_GENDER], &g);
    }
    {
        place t = {"trace_number", "TRN", cl, 2, "the trace number (or the patient control number)",
                   50};
        place p = {"pcn", "REF", cl, 2, "the patient control number", 50};
        place k = {"payer_claim_number", "REF", cl, 2, "the payer's claim number", 50};
        place b = {"bill_type", "REF", cl, 2, "the bill type", 50};
        place d = {"clearinghouse_trace", "REF", cl, 2, "the clearinghouse trace number", 50};
        place sf = {"service_from", "DTP", cl, 3, "the date of service", 8};
        place st = {"service_to", "DTP", cl, 3, "the end of the dates of service", 8};
        place am = {"charge", "AMT", cl, 2, "the claim's charge", 18};
        present(x, trace_of(q), &t, 1);
        present(x, f[X12_CQ_PCN], &p, 0);
        present(x, f[X12_CQ_PAYER_CLAIM_NUMBER], &k, 0);
        if (present(x, f[X12_CQ_BILL_TYPE], &b, 0) &&
            (f[X12_CQ_BILL_TYPE].len != 3 || !tx_digits(f[X12_CQ_BILL_TYPE])))
            fail(x, "bill_type", "code", &b, "the bill type is not 3 digits");
        present(x, f[X12_CQ_CLEARINGHOUSE_TRACE], &d, 0);
        range(x, f[X12_CQ_SERVICE_FROM], f[X12_CQ_SERVICE_TO], &sf, &st, 0);
        if (q->has_charge && q->charge < 0)
            fail(x, "charge", "amount", &am, "the claim's charge is negative");
    }
    for (i = 0; i < q->lines.n; i++)
        check_line(x, TX_AT(q->lines, x12_claimstatus_inquiry_line *, i), ll, i + 1);
}

x12_status x12_claimstatus_request_check(x12_claimstatus_request *rq)
{
    ectx x;
    const x12_claimstatus_inquiry *q, *o;
    size_t n, k;

    if (rq == NULL)
        return X12_EINVAL;
    tx_edits_clear(&rq->h.a, &rq->h.edits);
    memset(&x, 0, sizeof x);
    x.rq = rq;
    snprintf(x.path, sizeof x.path, "request");
    {
        place a = {"sender_id", "ISA", "", 6, "the sender id", 15};
        place b = {"receiver_id", "ISA", "", 8, "the receiver id", 15};
        place d = {"date", "ISA", "", 9, "the date", 8};
        place t = {"time", "ISA", "", 10, "the time", 4};
        place r = {"reference", "BHT", "", 3, "the request's reference (BHT03)", 50};
        place sq = {"sender_qualifier", "ISA", "", 5, "the sender id qualifier", 2};
        place rqq = {"receiver_qualifier", "ISA", "", 7, "the receiver id qualifier", 2};
        place gs = {"gs_sender", "GS", "", 2, "the group sender", 15};
        place gr = {"gs_receiver", "GS", "", 3, "the group receiver", 15};
        present(&x, rq->f[X12_CR_SENDER_ID], &a, 1);
        present(&x, rq->f[X12_CR_RECEIVER_ID], &b, 1);
        date_value(&x, rq->f[X12_CR_DATE], &d, 1);
        if (present(&x, rq->f[X12_CR_TIME], &t, 1) && !tx_hhmm(rq->f[X12_CR_TIME]))
            fail(&x, "time", "time", &t, "the time is not HHMM");
        present(&x, rq->f[X12_CR_REFERENCE], &r, 1);
        present(&x, rq->f[X12_CR_SENDER_QUALIFIER], &sq, 0);
        present(&x, rq->f[X12_CR_RECEIVER_QUALIFIER], &rqq, 0);
        present(&x, rq->f[X12_CR_GS_SENDER], &gs, 0);
        present(&x, rq->f[X12_CR_GS_RECEIVER], &gr, 0);
    }
    if (rq->n == 0) {
        place p = {"inquiry", "TRN", "2200D", 0, "", 0};
        fail(&x, "inquiry", "required", &p, "the request has no inquiry");
    }
    for (q = rq->first, n = 1; q != NULL && !x.nomem; q = q->next, n++) {
        x12_str t = trace_of(q);
        snprintf(x.path, sizeof x.path, "inquiry[%zu]", n);
        check_inquiry(&x, q);
        for (o = rq->first, k = 1; o != q; o = o->next, k++) {
            x12_str u = trace_of(o);
            if (t.len > 0 && t.len == u.len && memcmp(t.ptr, u.ptr, t.len) == 0) {
                place p = {"trace_number", "TRN", "2200D", 2, "", 0};
                fail(&x, "trace_number", "trace", &p,
                     "the trace number is the same as inquiry %zu's: the 277 could not be told "
                     "apart",
                     k);
                break;
            }
        }
    }
    if (x.nomem)
        return X12_ENOMEM;
    return rq->h.edits.list.count > 0 ? X12_EEDIT : X12_OK;
}

size_t x12_claimstatus_request_edit_count(const x12_claimstatus_request *rq)
{
    return rq ? rq->h.edits.list.count : 0;
}

const x12_error *x12_claimstatus_request_edit_at(const x12_claimstatus_request *rq, size_t i)
{
    return rq && i < rq->h.edits.list.count ? &rq->h.edits.list.items[i] : NULL;
}

const char *x12_claimstatus_request_edit_path(const x12_claimstatus_request *rq, size_t i)
{
    return rq && i < rq->h.edits.npaths ? rq->h.edits.paths[i] : "";
}

/* ---- writing -------------------------------------------------------------------------------- */

typedef struct wctx {
    x12_writer *w;
    x12_status st;
    uint64_t hl, st02;
} wctx;

static void begin(wctx *x, const char *id)
{
    if (x->st == X12_OK)
        x->st = x12_writer_begin(x->w, id);
}

static void ev(wctx *x, x12_str v)
{
    if (x->st == X12_OK)
        x->st = x12_writer_add(x->w, v.ptr, v.len);
}

static void es(wctx *x, const char *s)
{
    ev(x, tx_view(s, strlen(s)));
}

static void cv(wctx *x, x12_str v)
{
    if (x->st == X12_OK)
        x->st = x12_writer_add_component(x->w, v.ptr, v.len);
}

static void num(wctx *x, uint64_t v)
{
    if (x->st == X12_OK)
        x->st = x12_writer_add_uint(x->w, v);
}

static void money(wctx *x, int64_t c)
{
    if (x->st == X12_OK)
        x->st = x12_writer_add_cents(x->w, c);
}

static void end(wctx *x)
{
    x12_status st = x12_writer_end(x->w);

    if (x->st == X12_OK)
        x->st = st;
}

static x12_str def(x12_str v, const char *d)
{
    return v.len ? v : tx_view(d, strlen(d));
}

static uint64_t hl(wctx *x, uint64_t parent, const char *code, const char *child)
{
    begin(x, "HL");
    num(x, ++x->hl);
    if (parent)
        num(x, parent);
    else
        es(x, "");
    es(x, code);
    if (child != NULL)
        es(x, child);
    end(x);
    return x->hl;
}

static int same(x12_str a, x12_str b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static int same_fields(const x12_claimstatus_inquiry *a, const x12_claimstatus_inquiry *b,
                       unsigned from, unsigned to)
{
    unsigned f;

    for (f = from; f <= to; f++)
        if (!same(a->f[f], b->f[f]))
            return 0;
    return 1;
}

static int same_payer(const x12_claimstatus_inquiry *a, const x12_claimstatus_inquiry *b)
{
    return same_fields(a, b, X12_CQ_PAYER_NAME, X12_CQ_PAYER_ID_QUALIFIER);
}

static int same_receiver(const x12_claimstatus_inquiry *a, const x12_claimstatus_inquiry *b)
{
    return same_payer(a, b) && same_fields(a, b, X12_CQ_RECEIVER_NAME, X12_CQ_RECEIVER_ID);
}

static int same_provider(const x12_claimstatus_inquiry *a, const x12_claimstatus_inquiry *b)
{
    return same_receiver(a, b) && same_fields(a, b, X12_CQ_PROVIDER_NAME, X12_CQ_PROVIDER_NPI);
}

static int same_subscriber(const x12_claimstatus_inquiry *a, const x12_claimstatus_inquiry *b)
{
    return same_provider(a, b) &&
           same_fields(a, b, X12_CQ_SUBSCRIBER_LAST_NAME, X12_CQ_SUBSCRIBER_GENDER);
}

static int same_patient(const x12_claimstatus_inquiry *a, const x12_claimstatus_inquiry *b)
{
    return same_fields(a, b, X12_CQ_PATIENT_LAST_NAME, X12_CQ_PATIENT_GENDER);
}

static void nm1(wctx *x, const char *entity, const char *type, x12_str last, x12_str first,
                x12_str middle, x12_str suffix, const char *qual, x12_str id)
{
    begin(x, "NM1");
    es(x, entity);
    es(x, type);
    ev(x, last);
    ev(x, first);
    ev(x, middle);
    es(x, "");
    ev(x, suffix);
    if (id.len) {
        es(x, qual);
        ev(x, id);
    }
    end(x);
}

static void dmg(wctx *x, x12_str date, x12_str g)
{
    if (date.len == 0)
        return;
    begin(x, "DMG");
    es(x, "D8");
    ev(x, date);
    ev(x, g);
    end(x);
}

static void ref(wctx *x, const char *q, x12_str v)
{
    if (v.len == 0)
        return;
    begin(x, "REF");
    es(x, q);
    ev(x, v);
    end(x);
}

static void dtp472(wctx *x, x12_str from, x12_str to)
{
    if (from.len == 0)
        return;
    begin(x, "DTP");
    es(x, "472");
    if (to.len && !same(from, to)) {
        char r[24];
        snprintf(r, sizeof r, "%.8s-%.8s", from.ptr, to.ptr);
        es(x, "RD8");
        ev(x, tx_view(r, strlen(r)));
    } else {
        es(x, "D8");
        ev(x, from);
    }
    end(x);
}

/* 2200D/2200E and its 2210 lines. */
static void claim(wctx *x, const x12_claimstatus_inquiry *q)
{
    const x12_str *f = q->f;
    size_t i, k;

    begin(x, "TRN");
    es(x, "1");
    ev(x, trace_of(q));
    end(x);
    ref(x, "1K", f[X12_CQ_PAYER_CLAIM_NUMBER]);
    ref(x, "BLT", f[X12_CQ_BILL_TYPE]);
    ref(x, "EJ", f[X12_CQ_PCN]);
    ref(x, "D9", f[X12_CQ_CLEARINGHOUSE_TRACE]);
    if (q->has_charge) {
        begin(x, "AMT");
        es(x, "T3");
        money(x, q->charge);
        end(x);
    }
    dtp472(x, f[X12_CQ_SERVICE_FROM], f[X12_CQ_SERVICE_TO]);
    for (i = 0; i < q->lines.n; i++) {
        const x12_claimstatus_inquiry_line *l = TX_AT(q->lines, x12_claimstatus_inquiry_line *, i);
        begin(x, "SVC");
        ev(x, def(l->f[X12_CL_QUALIFIER], "HC"));
        cv(x, l->f[X12_CL_PROCEDURE]);
        for (k = 0; k < l->mods.n; k++)
            cv(x, TX_AT(l->mods, x12_str, k));
        money(x, l->charge);
        es(x, "");
        ev(x, l->f[X12_CL_REVENUE_CODE]);
        es(x, "");
        es(x, "");
        ev(x, l->f[X12_CL_UNITS]);
        end(x);
        ref(x, "FJ", l->f[X12_CL_CONTROL_NUMBER]);
        dtp472(x, l->f[X12_CL_SERVICE_FROM], l->f[X12_CL_SERVICE_TO]);
    }
}

static void open_set(wctx *x, const x12_claimstatus_request *rq)
{
    char ctl[16];

    snprintf(ctl, sizeof ctl, "%04llu", (unsigned long long)x->st02++);
    begin(x, "ST");
    es(x, "276");
    es(x, ctl);
    es(x, "005010X212");
    end(x);
    begin(x, "BHT");
    es(x, "0010");
    es(x, "13");
    ev(x, rq->f[X12_CR_REFERENCE]);
    ev(x, rq->f[X12_CR_DATE]);
    ev(x, rq->f[X12_CR_TIME]);
    end(x);
    x->hl = 0;
}

/* Writes inquiries [from, to) (one set): the levels each shares with the
 * previous, and per subscriber its own claims before its patients'. */
static void write_run(wctx *x, const x12_claimstatus_inquiry *from,
                      const x12_claimstatus_inquiry *to)
{
    const x12_claimstatus_inquiry *q, *prev = NULL, *r, *end_sub;
    uint64_t payer_hl = 0, recv_hl = 0, prov_hl = 0;

    for (q = from; q != to; q = end_sub) {
        const x12_str *f = q->f;
        uint64_t sub_hl;
        int pats = 0;

        if (prev == NULL || !same_payer(prev, q)) {
            payer_hl = hl(x, 0, "20", "1");
            nm1(x, "PR", "2", f[X12_CQ_PAYER_NAME], empty, empty, empty,
                def(f[X12_CQ_PAYER_ID_QUALIFIER], "PI").ptr, f[X12_CQ_PAYER_ID]);
        }
        if (prev == NULL || !same_receiver(prev, q)) {
            recv_hl = hl(x, payer_hl, "21", "1");
            nm1(x, "41", "2", f[X12_CQ_RECEIVER_NAME], empty, empty, empty, "46",
                f[X12_CQ_RECEIVER_ID]);
        }
        if (prev == NULL || !same_provider(prev, q)) {
            prov_hl = hl(x, recv_hl, "19", "1");
            nm1(x, "1P", f[X12_CQ_PROVIDER_FIRST_NAME].len ? "1" : "2", f[X12_CQ_PROVIDER_NAME],
                f[X12_CQ_PROVIDER_FIRST_NAME], empty, empty, "XX", f[X12_CQ_PROVIDER_NPI]);
        }
        /* The run of inquiries about this subscriber. */
        for (end_sub = q; end_sub != to && same_subscriber(q, end_sub); end_sub = end_sub->next)
            pats |= patient_given(end_sub);
        sub_hl = hl(x, prov_hl, "22", pats ? "1" : "0");
        dmg(x, f[X12_CQ_SUBSCRIBER_BIRTH_DATE], f[X12_CQ_SUBSCRIBER_GENDER]);
        nm1(x, "IL", "1", f[X12_CQ_SUBSCRIBER_LAST_NAME], f[X12_CQ_SUBSCRIBER_FIRST_NAME],
            f[X12_CQ_SUBSCRIBER_MIDDLE_NAME], f[X12_CQ_SUBSCRIBER_SUFFIX], "MI",
            f[X12_CQ_MEMBER_ID]);
        for (r = q; r != end_sub; r = r->next)
            if (!patient_given(r))
                claim(x, r);
        /* Each patient once, at its first inquiry, with all its claims. */
        for (r = q; r != end_sub; r = r->next) {
            const x12_claimstatus_inquiry *o;
            int seen = 0;
            if (!patient_given(r))
                continue;
            for (o = q; o != r && !seen; o = o->next)
                seen = patient_given(o) && same_patient(o, r);
            if (seen)
                continue;
            hl(x, sub_hl, "23", NULL);
            dmg(x, r->f[X12_CQ_PATIENT_BIRTH_DATE], r->f[X12_CQ_PATIENT_GENDER]);
            nm1(x, "QC", "1", r->f[X12_CQ_PATIENT_LAST_NAME], r->f[X12_CQ_PATIENT_FIRST_NAME],
                r->f[X12_CQ_PATIENT_MIDDLE_NAME], r->f[X12_CQ_PATIENT_SUFFIX], "", empty);
            for (o = r; o != end_sub; o = o->next)
                if (patient_given(o) && same_patient(o, r))
                    claim(x, o);
        }
        prev = q;
    }
}

x12_status x12_claimstatus_request_write(x12_claimstatus_request *rq, x12_writer *w)
{
    wctx x;
    const x12_claimstatus_inquiry *q, *stop;
    x12_status st;
    char ctl[16], yymmdd[8];
    x12_str date;
    uint64_t max;

    if (rq == NULL || w == NULL)
        return X12_EINVAL;
    if ((st = x12_claimstatus_request_check(rq)) != X12_OK)
        return st;
    memset(&x, 0, sizeof x);
    x.w = w;
    x.st02 = rq->opt[X12_CROPT_ST02];
    date = rq->f[X12_CR_DATE];
    snprintf(ctl, sizeof ctl, "%09llu", (unsigned long long)rq->opt[X12_CROPT_ISA13]);
    snprintf(yymmdd, sizeof yymmdd, "%.6s", date.len == 8 ? date.ptr + 2 : "");
    begin(&x, "ISA");
    es(&x, "00");
    es(&x, "");
    es(&x, "00");
    es(&x, "");
    ev(&x, def(rq->f[X12_CR_SENDER_QUALIFIER], "ZZ"));
    ev(&x, rq->f[X12_CR_SENDER_ID]);
    ev(&x, def(rq->f[X12_CR_RECEIVER_QUALIFIER], "ZZ"));
    ev(&x, rq->f[X12_CR_RECEIVER_ID]);
    es(&x, yymmdd);
    ev(&x, rq->f[X12_CR_TIME]);
    es(&x, "");
    es(&x, "00501");
    es(&x, ctl);
    es(&x, rq->opt[X12_CROPT_ACK_REQUESTED] ? "1" : "0");
    es(&x, rq->opt[X12_CROPT_PRODUCTION] ? "P" : "T");
    es(&x, "");
    end(&x);
    begin(&x, "GS");
    es(&x, "HR");
    ev(&x, def(rq->f[X12_CR_GS_SENDER], rq->f[X12_CR_SENDER_ID].ptr));
    ev(&x, def(rq->f[X12_CR_GS_RECEIVER], rq->f[X12_CR_RECEIVER_ID].ptr));
    ev(&x, date);
    ev(&x, rq->f[X12_CR_TIME]);
    num(&x, rq->opt[X12_CROPT_GS06]);
    es(&x, "X");
    es(&x, "005010X212");
    end(&x);
    max = rq->opt[X12_CROPT_MAX_INQUIRIES_PER_SET];
    for (q = rq->first; q != NULL && x.st == X12_OK; q = stop) {
        uint64_t k;
        for (stop = q, k = 0; stop != NULL && (max == 0 || k < max); stop = stop->next, k++)
            ;
        open_set(&x, rq);
        write_run(&x, q, stop);
        if (x.st == X12_OK)
            x.st = x12_writer_close_set(w);
    }
    if (x.st == X12_OK)
        x.st = x12_writer_close_group(w);
    if (x.st == X12_OK)
        x.st = x12_writer_close_interchange(w);
    if (x.st == X12_OK)
        x.st = x12_writer_finish(w);
    return x.st;
}
