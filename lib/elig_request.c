/*
 * 270 requests: the model (setters), the pre-submission edits and the
 * writer.  Consecutive inquiries to the same payer from the same provider
 * share their 2000A/2000B levels; each inquiry is one subscriber (2000C)
 * and, for a dependent patient, a dependent (2000D) under it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "elig_internal.h"

static const x12_str empty = {"", 0};

/* ---- the model ----------------------------------------------------------------------- */

x12_status x12_elig_request_new(const x12_allocator *alloc, x12_elig_request **out)
{
    x12_elig_request *rq;
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
    for (i = 0; i <= ER_NF; i++)
        rq->f[i] = empty;
    rq->opt[X12_EROPT_ISA13] = 1;
    rq->opt[X12_EROPT_GS06] = 1;
    rq->opt[X12_EROPT_ST02] = 1;
    *out = rq;
    return X12_OK;
}

void x12_elig_request_free(x12_elig_request *rq)
{
    if (rq != NULL)
        tx_request_free(&rq->h);
}

int el_request_empty(const x12_elig_request *rq)
{
    size_t i;

    if (rq->n > 0)
        return 0;
    for (i = 1; i <= ER_NF; i++)
        if (rq->f[i].len > 0)
            return 0;
    return 1;
}

static x12_status set_view(tx_arena *ar, x12_str *dst, const char *v, size_t len)
{
    if (v == NULL && len != 0 && len != X12_NTS)
        return X12_EINVAL;
    len = tx_len(v, len);
    return tx_copy(ar, v, len, dst) == 0 ? X12_OK : X12_ENOMEM;
}

x12_status x12_elig_request_set(x12_elig_request *rq, x12_elig_request_field f, const char *v,
                                size_t len)
{
    if (rq == NULL || (unsigned)f < 1 || (unsigned)f > ER_NF)
        return X12_EINVAL;
    return set_view(&rq->h.ar, &rq->f[f], v, len);
}

x12_str x12_elig_request_get(const x12_elig_request *rq, x12_elig_request_field f)
{
    if (rq == NULL || (unsigned)f < 1 || (unsigned)f > ER_NF)
        return empty;
    return rq->f[f];
}

x12_status x12_elig_request_set_option(x12_elig_request *rq, x12_elig_request_option o,
                                       uint64_t value)
{
    if (rq == NULL || (unsigned)o < 1 || (unsigned)o > ER_NOPT)
        return X12_EINVAL;
    switch (o) {
    case X12_EROPT_ISA13:
    case X12_EROPT_GS06:
    case X12_EROPT_ST02:
        if (value < 1 || value > 999999999u)
            return X12_EINVAL;
        break;
    case X12_EROPT_PRODUCTION:
    case X12_EROPT_ACK_REQUESTED:
        if (value > 1)
            return X12_EINVAL;
        break;
    case X12_EROPT_MAX_INQUIRIES_PER_SET:
        break;
    }
    rq->opt[o] = value;
    return X12_OK;
}

uint64_t x12_elig_request_get_option(const x12_elig_request *rq, x12_elig_request_option o)
{
    if (rq == NULL || (unsigned)o < 1 || (unsigned)o > ER_NOPT)
        return 0;
    return rq->opt[o];
}

/* Each inquiry sits behind a pointer to its request, so that its setters
 * find the request's arena without the handle carrying it. */
typedef struct inquiry_block {
    x12_elig_request *rq;
    x12_elig_inquiry q;
} inquiry_block;

static tx_arena *arena_of(x12_elig_inquiry *q)
{
    inquiry_block *b = (inquiry_block *)(void *)((char *)q - offsetof(inquiry_block, q));

    return &b->rq->h.ar;
}

x12_status x12_elig_request_add_inquiry(x12_elig_request *rq, x12_elig_inquiry **out)
{
    inquiry_block *blk;
    x12_elig_inquiry *q;
    size_t i;

    if (out != NULL)
        *out = NULL;
    if (rq == NULL || out == NULL)
        return X12_EINVAL;
    blk = tx_alloc(&rq->h.ar, sizeof *blk);
    if (blk == NULL)
        return X12_ENOMEM;
    blk->rq = rq;
    q = &blk->q;
    for (i = 0; i <= EI_NF; i++)
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

size_t x12_elig_request_inquiry_count(const x12_elig_request *rq) { return rq ? rq->n : 0; }


x12_status x12_elig_inquiry_set(x12_elig_inquiry *q, x12_elig_inquiry_field f, const char *v,
                                size_t len)
{
    if (q == NULL || (unsigned)f < 1 || (unsigned)f > EI_NF)
        return X12_EINVAL;
    return set_view(arena_of(q), &q->f[f], v, len);
}

x12_str x12_elig_inquiry_get(const x12_elig_inquiry *q, x12_elig_inquiry_field f)
{
    if (q == NULL || (unsigned)f < 1 || (unsigned)f > EI_NF)
        return empty;
    return q->f[f];
}

static x12_status add_to(x12_elig_inquiry *q, tx_vec *v, const char *s, size_t len)
{
    x12_str *p;
    tx_arena *ar;

    if (q == NULL || (s == NULL && len != 0 && len != X12_NTS))
        return X12_EINVAL;
    ar = arena_of(q);
    p = tx_push(ar, v, sizeof *p);
    if (p == NULL)
        return X12_ENOMEM;
    if (tx_copy(ar, s, tx_len(s, len), p) != 0) {
        v->n--;
        return X12_ENOMEM;
    }
    return X12_OK;
}

x12_status x12_elig_inquiry_add_service_type(x12_elig_inquiry *q, const char *code, size_t len)
{
    return q ? add_to(q, &q->stypes, code, len) : X12_EINVAL;
}

size_t x12_elig_inquiry_service_type_count(const x12_elig_inquiry *q)
{
    return q ? q->stypes.n : 0;
}

x12_str x12_elig_inquiry_service_type_at(const x12_elig_inquiry *q, size_t i)
{
    return q && i < q->stypes.n ? TX_AT(q->stypes, x12_str, i) : empty;
}

x12_status x12_elig_inquiry_add_modifier(x12_elig_inquiry *q, const char *v, size_t len)
{
    return q ? add_to(q, &q->mods, v, len) : X12_EINVAL;
}

/* ---- edits ------------------------------------------------------------------------------ */

typedef struct ectx {
    x12_elig_request *rq;
    char delims[4];
    int nomem;
    char path[96];
} ectx;

static void fail(ectx *x, const char *field, const char *rule, const char *segid,
                 const char *loop, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
static void fail(ectx *x, const char *field, const char *rule, const char *segid,
                 const char *loop, unsigned element, const char *fmt, ...)
{
    char path[160], msg[X12I_MSG_MAX];
    va_list ap;

    snprintf(path, sizeof path, "%s.%s", x->path, field);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (tx_edit(&x->rq->h.a, &x->rq->h.edits, path, rule, segid, loop, element, "%s", msg) != 0)
        x->nomem = 1;
}

/* Where a value goes, for edit records and messages. */
typedef struct place {
    const char *field; /* path name: "member_id" */
    const char *segid, *loop;
    unsigned element;
    const char *what;  /* "the subscriber's member id" */
    size_t max;        /* longest value the element takes */
} place;

static int present(ectx *x, x12_str v, const place *p, int required)
{
    if (v.len == 0) {
        if (required)
            fail(x, p->field, "required", p->segid, p->loop, p->element, "%s is required",
                 p->what);
        return 0;
    }
    if (tx_has_delimiter(v, x->delims))
        fail(x, p->field, "delimiter", p->segid, p->loop, p->element,
             "%s holds a delimiter or control character", p->what);
    else if (p->max && v.len > p->max)
        fail(x, p->field, "length", p->segid, p->loop, p->element,
             "%s is longer than %zu characters", p->what, p->max);
    return 1;
}

static void date_value(ectx *x, x12_str v, const place *p, int required)
{
    if (present(x, v, p, required) && !tx_is_date(v))
        fail(x, p->field, "date", p->segid, p->loop, p->element,
             "%s is not a real date (CCYYMMDD)", p->what);
}

/* 1 when v is one of `codes` (" A B C "). */
static int in_codes(const char *codes, x12_str v)
{
    const char *p = codes;

    while ((p = strstr(p, " ")) != NULL && p[1] != '\0') {
        const char *e = strchr(p + 1, ' ');
        if (e != NULL && (size_t)(e - p - 1) == v.len && memcmp(p + 1, v.ptr, v.len) == 0)
            return 1;
        p = e != NULL ? e : p + 1;
    }
    return 0;
}

static void code_value(ectx *x, x12_str v, const place *p, const char *codes)
{
    char q[24];

    if (!present(x, v, p, 0) || in_codes(codes, v))
        return;
    x12i_quote(q, sizeof q, v.ptr, v.len);
    fail(x, p->field, strstr(p->field, "gender") ? "gender" : "code", p->segid, p->loop,
         p->element, "%s '%s' is not one of%s", p->what, q, codes);
}

static int dependent_given(const x12_elig_inquiry *q)
{
    unsigned f;

    for (f = X12_EI_DEPENDENT_LAST_NAME; f <= X12_EI_DEPENDENT_RELATIONSHIP; f++)
        if (q->f[f].len > 0)
            return 1;
    return 0;
}

/* The trace number written for inquiry n (1-based): its own, or
 * "<BHT03>-<n>". */
static x12_str trace_of(const x12_elig_request *rq, const x12_elig_inquiry *q, size_t n,
                        char *buf, size_t size)
{
    int k;

    if (q->f[X12_EI_TRACE_NUMBER].len > 0)
        return q->f[X12_EI_TRACE_NUMBER];
    k = snprintf(buf, size, "%.*s-%zu", (int)rq->f[X12_ER_REFERENCE].len,
                 rq->f[X12_ER_REFERENCE].ptr, n);
    return tx_view(buf, k < 0 ? 0 : (size_t)k < size ? (size_t)k : size - 1);
}

static void check_inquiry(ectx *x, const x12_elig_inquiry *q, size_t n)
{
    const x12_str *f = q->f;
    int dep = dependent_given(q);
    const char *pl = dep ? "2100D" : "2100C";
    const char *el = dep ? "2110D" : "2110C";
    size_t i;
    char tbuf[80];
    x12_str trace;

    {
        const place p1 = {"payer.name", "NM1", "2100A", 3, "the payer's name", 60};
        const place p2 = {"payer.id", "NM1", "2100A", 9, "the payer's id", 80};
        const place p3 = {"payer.id_qualifier", "NM1", "2100A", 8, "the payer id qualifier", 2};
        present(x, f[X12_EI_PAYER_NAME], &p1, 1);
        present(x, f[X12_EI_PAYER_ID], &p2, 1);
        code_value(x, f[X12_EI_PAYER_ID_QUALIFIER], &p3, " PI XV ");
    }
    {
        const place p1 = {"provider.name", "NM1", "2100B", 3, "the provider's name", 60};
        const place p2 = {"provider.first_name", "NM1", "2100B", 4,
                          "the provider's first name", 35};
        const place p3 = {"provider.npi", "NM1", "2100B", 9, "the provider's NPI", 10};
        const place p4 = {"provider.taxonomy", "PRV", "2100B", 3, "the provider's taxonomy", 50};
        present(x, f[X12_EI_PROVIDER_NAME], &p1, 1);
        present(x, f[X12_EI_PROVIDER_FIRST_NAME], &p2, 0);
        if (present(x, f[X12_EI_PROVIDER_NPI], &p3, 1) && !x12i_npi_valid(f[X12_EI_PROVIDER_NPI].ptr, f[X12_EI_PROVIDER_NPI].len))
            fail(x, "provider.npi", "npi-check-digit", "NM1", "2100B", 9,
                 "the provider's NPI is not 10 digits with a valid check digit (Luhn with "
                 "the 80840 prefix)");
        if (present(x, f[X12_EI_PROVIDER_TAXONOMY], &p4, 0) &&
            f[X12_EI_PROVIDER_TAXONOMY].len != 10)
            fail(x, "provider.taxonomy", "length", "PRV", "2100B", 3,
                 "the provider's taxonomy code is not 10 characters");
    }
    {
        const place p1 = {"subscriber.last_name", "NM1", "2100C", 3,
                          "the subscriber's last name", 60};
        const place p2 = {"subscriber.first_name", "NM1", "2100C", 4,
                          "the subscriber's first name", 35};
        const place p3 = {"subscriber.middle_name", "NM1", "2100C", 5,
                          "the subscriber's middle name", 25};
        const place p4 = {"subscriber.suffix", "NM1", "2100C", 7, "the subscriber's suffix", 10};
        const place p5 = {"subscriber.member_id", "NM1", "2100C", 9,
                          "the subscriber's member id", 80};
        const place p6 = {"subscriber.birth_date", "DMG", "2100C", 2,
                          "the subscriber's birth date", 8};
        const place p7 = {"subscriber.gender", "DMG", "2100C", 3, "the subscriber's gender", 1};
        const place p8 = {"subscriber.group_number", "REF", "2100C", 2,
                          "the subscriber's group number", 50};
        present(x, f[X12_EI_SUBSCRIBER_LAST_NAME], &p1, 1);
        present(x, f[X12_EI_SUBSCRIBER_FIRST_NAME], &p2, 1);
        present(x, f[X12_EI_SUBSCRIBER_MIDDLE_NAME], &p3, 0);
        present(x, f[X12_EI_SUBSCRIBER_SUFFIX], &p4, 0);
        present(x, f[X12_EI_MEMBER_ID], &p5, 1);
        date_value(x, f[X12_EI_SUBSCRIBER_BIRTH_DATE], &p6, 0);
        code_value(x, f[X12_EI_SUBSCRIBER_GENDER], &p7, " F M ");
        present(x, f[X12_EI_GROUP_NUMBER], &p8, 0);
    }
    if (dep) {
        const place p1 = {"dependent.last_name", "NM1", "2100D", 3,
                          "the dependent's last name", 60};
        const place p2 = {"dependent.first_name", "NM1", "2100D", 4,
                          "the dependent's first name", 35};
        const place p3 = {"dependent.middle_name", "NM1", "2100D", 5,
                          "the dependent's middle name", 25};
        const place p4 = {"dependent.suffix", "NM1", "2100D", 7, "the dependent's suffix", 10};
        const place p6 = {"dependent.birth_date", "DMG", "2100D", 2,
                          "the dependent's birth date", 8};
        const place p7 = {"dependent.gender", "DMG", "2100D", 3, "the dependent's gender", 1};
        const place p8 = {"dependent.relationship", "INS", "2100D", 2,
                          "the dependent's relationship to the subscriber", 2};
        present(x, f[X12_EI_DEPENDENT_LAST_NAME], &p1, 1);
        present(x, f[X12_EI_DEPENDENT_FIRST_NAME], &p2, 1);
        present(x, f[X12_EI_DEPENDENT_MIDDLE_NAME], &p3, 0);
        present(x, f[X12_EI_DEPENDENT_SUFFIX], &p4, 0);
        date_value(x, f[X12_EI_DEPENDENT_BIRTH_DATE], &p6, 1);
        code_value(x, f[X12_EI_DEPENDENT_GENDER], &p7, " F M ");
        if (present(x, f[X12_EI_DEPENDENT_RELATIONSHIP], &p8, 0) &&
            !tx_is(f[X12_EI_DEPENDENT_RELATIONSHIP], "01") &&
            !tx_is(f[X12_EI_DEPENDENT_RELATIONSHIP], "19") &&
            !tx_is(f[X12_EI_DEPENDENT_RELATIONSHIP], "34"))
            fail(x, "dependent.relationship", "relationship", "INS", "2100D", 2,
                 "the dependent's relationship is not 01 (spouse), 19 (child) or 34 (other "
                 "adult)");
    }
    {
        const place p1 = {"service_date", "DTP", pl, 3, "the date of service", 8};
        const place p2 = {"service_date_to", "DTP", pl, 3, "the end of the dates of service", 8};
        date_value(x, f[X12_EI_SERVICE_DATE], &p1, 0);
        date_value(x, f[X12_EI_SERVICE_DATE_TO], &p2, 0);
        if (f[X12_EI_SERVICE_DATE_TO].len > 0 && f[X12_EI_SERVICE_DATE].len == 0)
            fail(x, "service_date_to", "date-range", "DTP", pl, 3,
                 "the end of the dates of service needs their start (service_date)");
        else if (tx_is_date(f[X12_EI_SERVICE_DATE]) && tx_is_date(f[X12_EI_SERVICE_DATE_TO]) &&
                 memcmp(f[X12_EI_SERVICE_DATE_TO].ptr, f[X12_EI_SERVICE_DATE].ptr, 8) < 0)
            fail(x, "service_date_to", "date-range", "DTP", pl, 3,
                 "the dates of service end before they start");
    }
    if (q->stypes.n > 99)
        fail(x, "service_types", "service-type", "EQ", el, 1,
             "more than 99 service types in one inquiry");
    for (i = 0; i < q->stypes.n; i++) {
        x12_str v = TX_AT(q->stypes, x12_str, i);
        char fld[40], qv[24];
        snprintf(fld, sizeof fld, "service_type[%zu]", i + 1);
        if (tx_code_text(TXL_SERVICE_TYPE, v.ptr, v.len) == NULL) {
            x12i_quote(qv, sizeof qv, v.ptr, v.len);
            fail(x, fld, "service-type", "EQ", el, 1,
                 "service type '%s' is not a code of the 270 guide's list", qv);
        }
    }
    {
        const place p1 = {"procedure", "EQ", el, 2, "the procedure code", 48};
        const place p2 = {"procedure_qualifier", "EQ", el, 2, "the procedure code qualifier", 2};
        x12_str qual = f[X12_EI_PROCEDURE_QUALIFIER];
        code_value(x, qual, &p2, " AD CJ HC ID IV N4 ZZ ");
        if (present(x, f[X12_EI_PROCEDURE], &p1, 0) && (qual.len == 0 || tx_is(qual, "HC")) &&
            !tx_procedure_shape(f[X12_EI_PROCEDURE]))
            fail(x, "procedure", "procedure", "EQ", el, 2,
                 "the procedure code is not a CPT (5 digits, or 4 and F/T) or HCPCS (A-V and "
                 "4 digits) code");
        if (q->mods.n > 0 && f[X12_EI_PROCEDURE].len == 0)
            fail(x, "modifier", "modifier", "EQ", el, 2, "modifiers need a procedure code");
        if (q->mods.n > 4)
            fail(x, "modifier", "modifier", "EQ", el, 2, "more than 4 modifiers");
        for (i = 0; i < q->mods.n; i++) {
            x12_str m = TX_AT(q->mods, x12_str, i);
            if (m.len != 2 || !x12i_all_alnum_uc(m.ptr, m.len)) {
                char fld[40];
                snprintf(fld, sizeof fld, "modifier[%zu]", i + 1);
                fail(x, fld, "modifier", "EQ", el, 2,
                     "a modifier is not 2 capital letters or digits");
            }
        }
    }
    trace = trace_of(x->rq, q, n, tbuf, sizeof tbuf);
    {
        const place p1 = {"trace_number", "TRN", dep ? "2000D" : "2000C", 2,
                          "the trace number", 50};
        present(x, trace, &p1, 1);
    }
}

x12_status x12_elig_request_check(x12_elig_request *rq)
{
    ectx x;
    const x12_elig_inquiry *q, *o;
    size_t n;

    if (rq == NULL)
        return X12_EINVAL;
    tx_edits_clear(&rq->h.a, &rq->h.edits);
    memset(&x, 0, sizeof x);
    x.rq = rq;
    memcpy(x.delims, "*:^~", 4);
    snprintf(x.path, sizeof x.path, "request");
    {
        const place p1 = {"sender_id", "ISA", "", 6, "the sender id", 15};
        const place p2 = {"receiver_id", "ISA", "", 8, "the receiver id", 15};
        const place p3 = {"date", "ISA", "", 9, "the date", 8};
        const place p4 = {"time", "ISA", "", 10, "the time", 4};
        const place p5 = {"reference", "BHT", "", 3, "the request's reference (BHT03)", 50};
        const place p6 = {"trace_originator", "TRN", "2000C", 3,
                          "the trace originator (1 + EIN, or 9 + an id)", 10};
        const place p7 = {"sender_qualifier", "ISA", "", 5, "the sender id qualifier", 2};
        const place p8 = {"receiver_qualifier", "ISA", "", 7, "the receiver id qualifier", 2};
        const place p9 = {"gs_sender", "GS", "", 2, "the group sender", 15};
        const place p10 = {"gs_receiver", "GS", "", 3, "the group receiver", 15};
        present(&x, rq->f[X12_ER_SENDER_ID], &p1, 1);
        present(&x, rq->f[X12_ER_RECEIVER_ID], &p2, 1);
        date_value(&x, rq->f[X12_ER_DATE], &p3, 1);
        if (present(&x, rq->f[X12_ER_TIME], &p4, 1) && !tx_hhmm(rq->f[X12_ER_TIME]))
            fail(&x, "time", "time", "ISA", "", 10, "the time is not HHMM");
        present(&x, rq->f[X12_ER_REFERENCE], &p5, 1);
        if (present(&x, rq->f[X12_ER_TRACE_ORIGINATOR], &p6, 1) &&
            rq->f[X12_ER_TRACE_ORIGINATOR].len != 10)
            fail(&x, "trace_originator", "length", "TRN", "2000C", 3,
                 "the trace originator must be 10 characters");
        code_value(&x, rq->f[X12_ER_SENDER_QUALIFIER], &p7, " 01 14 20 27 28 29 30 33 ZZ ");
        code_value(&x, rq->f[X12_ER_RECEIVER_QUALIFIER], &p8, " 01 14 20 27 28 29 30 33 ZZ ");
        present(&x, rq->f[X12_ER_GS_SENDER], &p9, 0);
        present(&x, rq->f[X12_ER_GS_RECEIVER], &p10, 0);
    }
    if (rq->n == 0)
        fail(&x, "inquiry", "required", "HL", "2000C", 0, "the request has no inquiry");
    for (q = rq->first, n = 1; q != NULL; q = q->next, n++) {
        char t1[80], t2[80];
        x12_str a;
        size_t k;

        snprintf(x.path, sizeof x.path, "inquiry[%zu]", n);
        check_inquiry(&x, q, n);
        /* The 271 is joined back to the inquiry by its trace number. */
        a = trace_of(rq, q, n, t1, sizeof t1);
        for (o = rq->first, k = 1; o != q; o = o->next, k++) {
            x12_str b = trace_of(rq, o, k, t2, sizeof t2);
            if (a.len > 0 && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0) {
                fail(&x, "trace_number", "trace", "TRN", "2000C", 2,
                     "the trace number is the same as inquiry %zu's", k);
                break;
            }
        }
        if (x.nomem)
            break;
    }
    if (x.nomem)
        return X12_ENOMEM;
    return rq->h.edits.list.count > 0 ? X12_EEDIT : X12_OK;
}

size_t x12_elig_request_edit_count(const x12_elig_request *rq)
{
    return rq ? rq->h.edits.list.count : 0;
}

const x12_error *x12_elig_request_edit_at(const x12_elig_request *rq, size_t i)
{
    return rq && i < rq->h.edits.list.count ? &rq->h.edits.list.items[i] : NULL;
}

const char *x12_elig_request_edit_path(const x12_elig_request *rq, size_t i)
{
    return rq && i < rq->h.edits.npaths ? rq->h.edits.paths[i] : "";
}

/* ---- writing ---------------------------------------------------------------------------- */

typedef struct wctx {
    x12_writer *w;
    x12_status st;
    uint64_t hl, st02, in_set;
    int set_open;
    uint64_t payer_hl, prov_hl;
    const x12_elig_inquiry *payer_of, *prov_of; /* the inquiry whose levels are open */
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

static void rv(wctx *x, x12_str v)
{
    if (x->st == X12_OK)
        x->st = x12_writer_add_repetition(x->w, v.ptr, v.len);
}

static void num(wctx *x, uint64_t v)
{
    if (x->st == X12_OK)
        x->st = x12_writer_add_uint(x->w, v);
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

static void hl(wctx *x, uint64_t parent, const char *code, const char *child)
{
    begin(x, "HL");
    num(x, ++x->hl);
    if (parent)
        num(x, parent);
    else
        es(x, "");
    es(x, code);
    es(x, child);
    end(x);
}

static int same(x12_str a, x12_str b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static int same_payer(const x12_elig_inquiry *a, const x12_elig_inquiry *b)
{
    return a != NULL && same(a->f[X12_EI_PAYER_NAME], b->f[X12_EI_PAYER_NAME]) &&
           same(a->f[X12_EI_PAYER_ID], b->f[X12_EI_PAYER_ID]) &&
           same(a->f[X12_EI_PAYER_ID_QUALIFIER], b->f[X12_EI_PAYER_ID_QUALIFIER]);
}

static int same_provider(const x12_elig_inquiry *a, const x12_elig_inquiry *b)
{
    return a != NULL && same(a->f[X12_EI_PROVIDER_NAME], b->f[X12_EI_PROVIDER_NAME]) &&
           same(a->f[X12_EI_PROVIDER_FIRST_NAME], b->f[X12_EI_PROVIDER_FIRST_NAME]) &&
           same(a->f[X12_EI_PROVIDER_NPI], b->f[X12_EI_PROVIDER_NPI]) &&
           same(a->f[X12_EI_PROVIDER_TAXONOMY], b->f[X12_EI_PROVIDER_TAXONOMY]);
}

static void open_set(wctx *x, const x12_elig_request *rq)
{
    char ctl[16];

    snprintf(ctl, sizeof ctl, "%04llu", (unsigned long long)x->st02++);
    begin(x, "ST");
    es(x, "270");
    es(x, ctl);
    es(x, "005010X279A1");
    end(x);
    begin(x, "BHT");
    es(x, "0022");
    es(x, "13");
    ev(x, rq->f[X12_ER_REFERENCE]);
    ev(x, rq->f[X12_ER_DATE]);
    ev(x, rq->f[X12_ER_TIME]);
    end(x);
    x->set_open = 1;
    x->hl = 0;
    x->in_set = 0;
    x->payer_of = x->prov_of = NULL;
}

static void person(wctx *x, const char *entity, const x12_str *f, unsigned last,
                   const x12_str *id)
{
    begin(x, "NM1");
    es(x, entity);
    es(x, "1");
    ev(x, f[last]);
    ev(x, f[last + 1]);
    ev(x, f[last + 2]);
    es(x, "");
    ev(x, f[last + 3]);
    if (id != NULL && id->len) {
        es(x, "MI");
        ev(x, *id);
    }
    end(x);
}

static void dmg(wctx *x, x12_str date, x12_str gender)
{
    if (date.len == 0 && gender.len == 0)
        return;
    begin(x, "DMG");
    es(x, date.len ? "D8" : "");
    ev(x, date);
    ev(x, gender);
    end(x);
}

static void dtp_eq(wctx *x, const x12_elig_inquiry *q)
{
    const x12_str *f = q->f;
    size_t i;

    if (f[X12_EI_SERVICE_DATE].len) {
        begin(x, "DTP");
        es(x, "291");
        if (f[X12_EI_SERVICE_DATE_TO].len && !same(f[X12_EI_SERVICE_DATE_TO],
                                                   f[X12_EI_SERVICE_DATE])) {
            char range[24];
            es(x, "RD8");
            snprintf(range, sizeof range, "%.8s-%.8s", f[X12_EI_SERVICE_DATE].ptr,
                     f[X12_EI_SERVICE_DATE_TO].ptr);
            ev(x, tx_view(range, strlen(range)));
        } else {
            es(x, "D8");
            ev(x, f[X12_EI_SERVICE_DATE]);
        }
        end(x);
    }
    begin(x, "EQ");
    if (q->stypes.n == 0 && f[X12_EI_PROCEDURE].len == 0) {
        es(x, "30");
    } else if (q->stypes.n == 0) {
        es(x, "");
    } else {
        ev(x, TX_AT(q->stypes, x12_str, 0));
        for (i = 1; i < q->stypes.n; i++)
            rv(x, TX_AT(q->stypes, x12_str, i));
    }
    if (f[X12_EI_PROCEDURE].len) {
        ev(x, def(f[X12_EI_PROCEDURE_QUALIFIER], "HC"));
        cv(x, f[X12_EI_PROCEDURE]);
        for (i = 0; i < q->mods.n; i++)
            cv(x, TX_AT(q->mods, x12_str, i));
    }
    end(x);
}

static void trn(wctx *x, x12_str trace, x12_str originator)
{
    begin(x, "TRN");
    es(x, "1");
    ev(x, trace);
    ev(x, originator);
    end(x);
}

static void write_inquiry(wctx *x, const x12_elig_request *rq, const x12_elig_inquiry *q,
                          size_t n)
{
    const x12_str *f = q->f;
    int dep = dependent_given(q);
    char tbuf[80];
    x12_str trace = trace_of(rq, q, n, tbuf, sizeof tbuf);
    uint64_t sub_hl;

    if (!same_payer(x->payer_of, q)) {
        hl(x, 0, "20", "1");
        x->payer_hl = x->hl;
        begin(x, "NM1");
        es(x, "PR");
        es(x, "2");
        ev(x, f[X12_EI_PAYER_NAME]);
        es(x, "");
        es(x, "");
        es(x, "");
        es(x, "");
        ev(x, def(f[X12_EI_PAYER_ID_QUALIFIER], "PI"));
        ev(x, f[X12_EI_PAYER_ID]);
        end(x);
        x->payer_of = q;
        x->prov_of = NULL;
    }
    if (!same_provider(x->prov_of, q)) {
        hl(x, x->payer_hl, "21", "1");
        x->prov_hl = x->hl;
        begin(x, "NM1");
        es(x, "1P");
        es(x, f[X12_EI_PROVIDER_FIRST_NAME].len ? "1" : "2");
        ev(x, f[X12_EI_PROVIDER_NAME]);
        ev(x, f[X12_EI_PROVIDER_FIRST_NAME]);
        es(x, "");
        es(x, "");
        es(x, "");
        es(x, "XX");
        ev(x, f[X12_EI_PROVIDER_NPI]);
        end(x);
        if (f[X12_EI_PROVIDER_TAXONOMY].len) {
            begin(x, "PRV");
            es(x, "PE");
            es(x, "PXC");
            ev(x, f[X12_EI_PROVIDER_TAXONOMY]);
            end(x);
        }
        x->prov_of = q;
    }
    hl(x, x->prov_hl, "22", dep ? "1" : "0");
    sub_hl = x->hl;
    if (!dep)
        trn(x, trace, rq->f[X12_ER_TRACE_ORIGINATOR]);
    person(x, "IL", f, X12_EI_SUBSCRIBER_LAST_NAME, &f[X12_EI_MEMBER_ID]);
    if (f[X12_EI_GROUP_NUMBER].len) {
        begin(x, "REF");
        es(x, "6P");
        ev(x, f[X12_EI_GROUP_NUMBER]);
        end(x);
    }
    dmg(x, f[X12_EI_SUBSCRIBER_BIRTH_DATE], f[X12_EI_SUBSCRIBER_GENDER]);
    if (!dep) {
        dtp_eq(x, q);
        return;
    }
    hl(x, sub_hl, "23", "0");
    trn(x, trace, rq->f[X12_ER_TRACE_ORIGINATOR]);
    person(x, "03", f, X12_EI_DEPENDENT_LAST_NAME, NULL);
    dmg(x, f[X12_EI_DEPENDENT_BIRTH_DATE], f[X12_EI_DEPENDENT_GENDER]);
    if (f[X12_EI_DEPENDENT_RELATIONSHIP].len) {
        begin(x, "INS");
        es(x, "N");
        ev(x, f[X12_EI_DEPENDENT_RELATIONSHIP]);
        end(x);
    }
    dtp_eq(x, q);
}

x12_status x12_elig_request_write(x12_elig_request *rq, x12_writer *w)
{
    wctx x;
    const x12_elig_inquiry *q;
    x12_status st;
    char ctl[16], yymmdd[8];
    x12_str date;
    size_t n;

    if (rq == NULL || w == NULL)
        return X12_EINVAL;
    if ((st = x12_elig_request_check(rq)) != X12_OK)
        return st;
    memset(&x, 0, sizeof x);
    x.w = w;
    x.st02 = rq->opt[X12_EROPT_ST02];
    /* The edits looked for the default delimiters; the writer refuses its
     * own inside data itself (X12_EDELIM, with the position). */
    date = rq->f[X12_ER_DATE];
    snprintf(ctl, sizeof ctl, "%09llu", (unsigned long long)rq->opt[X12_EROPT_ISA13]);
    snprintf(yymmdd, sizeof yymmdd, "%.6s", date.len == 8 ? date.ptr + 2 : "");
    begin(&x, "ISA");
    es(&x, "00");
    es(&x, "");
    es(&x, "00");
    es(&x, "");
    ev(&x, def(rq->f[X12_ER_SENDER_QUALIFIER], "ZZ"));
    ev(&x, rq->f[X12_ER_SENDER_ID]);
    ev(&x, def(rq->f[X12_ER_RECEIVER_QUALIFIER], "ZZ"));
    ev(&x, rq->f[X12_ER_RECEIVER_ID]);
    es(&x, yymmdd);
    ev(&x, rq->f[X12_ER_TIME]);
    es(&x, ""); /* ISA11: the writer's repetition separator */
    es(&x, "00501");
    es(&x, ctl);
    es(&x, rq->opt[X12_EROPT_ACK_REQUESTED] ? "1" : "0");
    es(&x, rq->opt[X12_EROPT_PRODUCTION] ? "P" : "T");
    es(&x, ""); /* ISA16: the writer's component separator */
    end(&x);
    begin(&x, "GS");
    es(&x, "HS");
    ev(&x, def(rq->f[X12_ER_GS_SENDER], rq->f[X12_ER_SENDER_ID].ptr));
    ev(&x, def(rq->f[X12_ER_GS_RECEIVER], rq->f[X12_ER_RECEIVER_ID].ptr));
    ev(&x, date);
    ev(&x, rq->f[X12_ER_TIME]);
    num(&x, rq->opt[X12_EROPT_GS06]);
    es(&x, "X");
    es(&x, "005010X279A1");
    end(&x);
    for (q = rq->first, n = 1; q != NULL && x.st == X12_OK; q = q->next, n++) {
        uint64_t max = rq->opt[X12_EROPT_MAX_INQUIRIES_PER_SET];
        if (x.set_open && max > 0 && x.in_set >= max) {
            x.st = x12_writer_close_set(w);
            x.set_open = 0;
        }
        if (!x.set_open)
            open_set(&x, rq);
        write_inquiry(&x, rq, q, n);
        x.in_set++;
    }
    if (x.set_open && x.st == X12_OK)
        x.st = x12_writer_close_set(w);
    if (x.st == X12_OK)
        x.st = x12_writer_close_group(w);
    if (x.st == X12_OK)
        x.st = x12_writer_close_interchange(w);
    if (x.st == X12_OK)
        x.st = x12_writer_finish(w);
    return x.st;
}
