/*
 * remit835 CSV out: 835 data in three grains (one row per service line,
 * per claim or per adjustment), the CSV of `x12 remit --csv` (columns in
 * x12(1) and libx12-remit835(3)).  RFC 4180: a header row, a field holding
 * a comma, a double quote, CR or LF is quoted with its quotes doubled, rows
 * end with LF.  Text is UTF-8 as in the JSON writer.  Money is dollars with
 * two decimals.
 *
 * Written straight into one buffer: the payment's and the claim's columns
 * are formatted once and copied onto each of their rows.
 */
#include <string.h>

#include "remit835_out.h"

struct x12_remit_csv {
    x12i_out o;
    x12_remit_csv_grain grain;
    char *file;
    size_t file_len;
    x12i_out pay;   /* the payment's columns, repeated on each of its rows */
    x12i_out claim; /* the claim's columns, repeated on each of its rows */
    x12i_out tmp;   /* a list being built (adjustments, remarks, modifiers) */
    const x12_remit_payment *pay_of; /* whose columns `pay` holds (NULL: none) */
    size_t pay_index;
};

static const char hdr_payment[] =
    "file,payment_index,trace_number,payment_date,payment_method,payer_name,payer_id,"
    "payee_name,payee_id,";
static const char hdr_claim[] =
    "claim_index,patient_control_number,payer_claim_control_number,claim_status,"
    "claim_outcome,patient_last_name,patient_first_name,claim_charge,claim_paid,"
    "claim_patient_responsibility,claim_adjustments,";
static const char hdr_lines[] =
    "line,procedure_qualifier,procedure,modifiers,revenue_code,service_date,units,"
    "line_item_control_number,charge,allowed,paid,deductible,coinsurance,copay,"
    "other_patient_responsibility,contractual,other_adjustments,adjustments,remarks,"
    "line_outcome\n";
static const char hdr_claims[] =
    "filing_indicator,facility_code,frequency,statement_from,statement_to,received,lines,"
    "deductible,coinsurance,copay,other_patient_responsibility,contractual,"
    "other_adjustments,denial_reasons,remarks,reversal_of,balanced\n";
static const char hdr_adjustments[] =
    "file,payment_index,trace_number,claim_index,patient_control_number,"
    "payer_claim_control_number,line,procedure,group,reason,amount,quantity\n";

#define LIT(o, s) x12i_out_put((o), (s), sizeof(s) - 1)

/* ---- fields ---------------------------------------------------------------- */

/* 0 copied, 1 the field must be quoted (',', '"', CR, LF), 2 a byte >= 0x80. */
#define R8(x) x, x, x, x, x, x, x, x
#define R16(x) R8(x), R8(x)
static const unsigned char ccls[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, /* LF, CR */
    R16(0),
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* '"', ',' */
    R16(0), R16(0), R16(0), R16(0), R16(0),
    R16(2), R16(2), R16(2), R16(2), R16(2), R16(2), R16(2), R16(2)};

/* One field and its separator (',' or '\n'). */
static void f_view(x12i_out *o, x12_str v, char sep)
{
    const unsigned char *p = (const unsigned char *)v.ptr, *end = p + v.len;
    unsigned any = 0;
    size_t i;
    char *w;

    if (v.len > (SIZE_MAX - 8) / 2) {
        o->nomem = 1;
        return;
    }
    if (x12i_out_need(o, 2 * v.len + 3) != 0)
        return;
    w = o->buf + o->len;
    /* Copy and classify in one pass; the rare field that needs more is
     * written again over it. */
    for (i = 0; i < v.len; i++) {
        any |= ccls[p[i]];
        w[i] = (char)p[i];
    }
    if (any == 0) {
        w[v.len] = sep;
        o->len += v.len + 1;
        return;
    }
    if (any & 1u)
        *w++ = '"';
    while (p < end) {
        unsigned c = *p;
        size_t u;

        if (c < 0x80) {
            if (c == '"')
                *w++ = '"';
            *w++ = (char)c;
            p++;
        } else if ((u = x12i_utf8_seq(p, (size_t)(end - p))) > 0) {
            memcpy(w, p, u);
            w += u;
            p += u;
        } else {
            w = x12i_latin1(w, c);
            p++;
        }
    }
    if (any & 1u)
        *w++ = '"';
    *w++ = sep;
    o->len = (size_t)(w - o->buf);
}

/* A text of our own (no quoting needed) and a comma. */
static void f_lit(x12i_out *o, const char *s, size_t n, char sep)
{
    if (x12i_out_need(o, n + 1) == 0) {
        memcpy(o->buf + o->len, s, n);
        o->buf[o->len + n] = sep;
        o->len += n + 1;
    }
}

static void f_u64(x12i_out *o, uint64_t v, char sep)
{
    char *w;

    if (x12i_out_need(o, 22) != 0)
        return;
    w = x12i_fmt_u64(o->buf + o->len, v);
    *w++ = sep;
    o->len = (size_t)(w - o->buf);
}

static void f_cents(x12i_out *o, int64_t c, char sep)
{
    char *w;

    if (x12i_out_need(o, 26) != 0)
        return;
    w = o->buf + o->len;
    if (c == 0) { /* most shares and adjustments of a line */
        memcpy(w, "0.00", 4);
        w[4] = sep;
        o->len += 5;
        return;
    }
    w = x12i_cents_put(w, c);
    *w++ = sep;
    o->len = (size_t)(w - o->buf);
}

static void f_empty(x12i_out *o, unsigned n)
{
    if (x12i_out_need(o, n) == 0) {
        memset(o->buf + o->len, ',', n);
        o->len += n;
    }
}

static void f_outcome(x12i_out *o, x12_remit_outcome oc, char sep)
{
    const char *s = x12_remit_outcome_name(oc);

    f_lit(o, s, strlen(s), sep);
}

static x12_str tmp_view(const x12i_out *t)
{
    x12_str v = {t->buf != NULL ? t->buf : "", t->len};

    return v;
}

static void copy_out(x12i_out *dst, const x12i_out *src)
{
    if (src->len > 0)
        x12i_out_put(dst, src->buf, src->len);
}

/* ---- lists --------------------------------------------------------------------- */

static int is_group(x12_str g, const char *code)
{
    return g.len == 2 && g.ptr[0] == code[0] && g.ptr[1] == code[1];
}

/* "CO-45:50.00", after a space when the list has something. */
static void list_adjustment(x12i_out *t, const x12_remit_adjustment *a)
{
    char *w;

    if (x12i_out_need(t, a->group.len + a->reason.len + 30) != 0)
        return;
    w = t->buf + t->len;
    if (t->len > 0)
        *w++ = ' ';
    if (a->group.len > 0)
        memcpy(w, a->group.ptr, a->group.len);
    w += a->group.len;
    *w++ = '-';
    if (a->reason.len > 0)
        memcpy(w, a->reason.ptr, a->reason.len);
    w += a->reason.len;
    *w++ = ':';
    w = x12i_cents_put(w, a->cents);
    t->len = (size_t)(w - t->buf);
}

/* The adjustments as "CO-45:50.00 PR-1:300.00" into t (when t is not
 * NULL), and the sums of the contractual (CO) and other (not CO, not PR)
 * ones. */
static void adj_list(x12i_out *t, const x12_remit_adjustment *a, size_t n, int64_t *contractual,
                     int64_t *other)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (is_group(a[i].group, "CO"))
            *contractual += a[i].cents;
        else if (!is_group(a[i].group, "PR"))
            *other += a[i].cents;
        if (t != NULL)
            list_adjustment(t, &a[i]);
    }
}

/* A space-separated list of views into t. */
static void list_word(x12i_out *t, x12_str v)
{
    if (v.len == 0 || x12i_out_need(t, v.len + 1) != 0)
        return;
    if (t->len > 0)
        t->buf[t->len++] = ' ';
    memcpy(t->buf + t->len, v.ptr, v.len);
    t->len += v.len;
}

static void remark_list(x12i_out *t, const x12_remit_remark *r, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        list_word(t, r[i].code);
}

/* Deductible, coinsurance, copay and other patient share. */
static void f_shares(x12i_out *o, const int64_t *share)
{
    f_cents(o, share[X12_REMIT_SHARE_DEDUCTIBLE], ',');
    f_cents(o, share[X12_REMIT_SHARE_COINSURANCE], ',');
    f_cents(o, share[X12_REMIT_SHARE_COPAY], ',');
    f_cents(o, share[X12_REMIT_SHARE_OTHER], ',');
}

static x12_str first_date(const x12_remit_date *d, size_t n, const char *q)
{
    static const x12_str none = {"", 0};
    size_t i;

    for (i = 0; i < n; i++)
        if (x12i_code_is(d[i].qual, q))
            return d[i].date;
    return none;
}

/* ---- rows ------------------------------------------------------------------------- */

static const x12_remit_name *find_name(const x12i_vec *names, const char *entity)
{
    size_t i;

    for (i = 0; i < names->n; i++) {
        const x12_remit_name *n = &VAT(*names, x12_remit_name, i);

        if (x12i_code_is(n->f[X12_RN_ENTITY], entity))
            return n;
    }
    return NULL;
}

static x12_str name_field(const x12_remit_name *n, x12_remit_name_field f)
{
    static const x12_str none = {"", 0};

    return n != NULL ? n->f[f] : none;
}

/* The payment's columns, for the rows that follow. */
static void payment_columns(x12_remit_csv *w, const x12_remit_payment *p)
{
    const x12_remit_name *payer = find_name(&p->parties, "PR");
    const x12_remit_name *payee = find_name(&p->parties, "PE");
    x12i_out *o = &w->pay;
    x12_str file = {w->file != NULL ? w->file : "", w->file_len};

    o->len = 0;
    f_view(o, file, ',');
    f_u64(o, p->index, ',');
    f_view(o, p->f[X12_RP_TRACE_NUMBER], ',');
    w->pay_of = p;
    w->pay_index = p->index;
    if (w->grain == X12_REMIT_CSV_ADJUSTMENTS)
        return;
    f_view(o, p->f[X12_RP_PAYMENT_DATE], ',');
    f_view(o, p->f[X12_RP_METHOD], ',');
    f_view(o, name_field(payer, X12_RN_NAME), ',');
    f_view(o, p->f[X12_RP_TRACE_ORIGINATOR], ',');
    f_view(o, name_field(payee, X12_RN_NAME), ',');
    f_view(o, name_field(payee, X12_RN_ID), ',');
}

/* The claim's columns shared by the lines and claims grains; *co and *oth
 * get the claim-level contractual and other adjustments, and w->tmp keeps
 * the claim-level adjustment list. */
static void claim_columns(x12_remit_csv *w, const x12_remit_claim *c, int64_t *co, int64_t *oth)
{
    const x12_remit_name *pat = find_name(&c->names, "QC");
    x12i_out *o = &w->claim;

    o->len = 0;
    f_u64(o, c->index, ',');
    f_view(o, c->f[X12_RC_PATIENT_CONTROL_NUMBER], ',');
    f_view(o, c->f[X12_RC_PAYER_CLAIM_CONTROL_NUMBER], ',');
    f_view(o, c->f[X12_RC_STATUS], ',');
    f_outcome(o, c->outcome, ',');
    f_view(o, name_field(pat, X12_RN_NAME), ',');
    f_view(o, name_field(pat, X12_RN_FIRST), ',');
    f_cents(o, c->charge, ',');
    f_cents(o, c->paid, ',');
    f_cents(o, c->patient_resp, ',');
    w->tmp.len = 0;
    adj_list(&w->tmp, c->adj.items, c->adj.n, co, oth);
    f_view(o, tmp_view(&w->tmp), ',');
}

static void row_start(x12_remit_csv *w)
{
    copy_out(&w->o, &w->pay);
    copy_out(&w->o, &w->claim);
}

/* One row per service line; a claim without lines gets one row with its
 * own amounts. */
static void lines_rows(x12_remit_csv *w, const x12_remit_claim *c)
{
    x12i_out *o = &w->o;
    size_t i, k;
    int64_t co = 0, oth = 0;

    claim_columns(w, c, &co, &oth);
    if (c->services.n == 0) {
        row_start(w);
        f_empty(o, 8); /* line .. line_item_control_number */
        f_cents(o, c->charge, ',');
        f_empty(o, 1);
        f_cents(o, c->paid, ',');
        f_shares(o, c->share);
        f_cents(o, co, ',');
        f_cents(o, oth, ',');
        f_view(o, tmp_view(&w->tmp), ','); /* the claim's list */
        w->tmp.len = 0;
        remark_list(&w->tmp, c->remarks.items, c->remarks.n);
        f_view(o, tmp_view(&w->tmp), ',');
        f_outcome(o, c->outcome, '\n');
        return;
    }
    for (i = 0; i < c->services.n; i++) {
        const x12_remit_service *s = &VAT(c->services, x12_remit_service, i);
        int64_t lco = 0, loth = 0;
        x12_str d;

        row_start(w);
        f_u64(o, i + 1, ',');
        f_view(o, s->f[X12_RS_QUALIFIER], ',');
        f_view(o, s->f[X12_RS_PROCEDURE], ',');
        w->tmp.len = 0;
        for (k = 0; k < 4; k++)
            list_word(&w->tmp, s->f[X12_RS_MODIFIER1 + k]);
        f_view(o, tmp_view(&w->tmp), ',');
        f_view(o, s->f[X12_RS_REVENUE_CODE], ',');
        d = first_date(s->pdates, s->dates.n, "472");
        f_view(o, d.len > 0 ? d : first_date(s->pdates, s->dates.n, "150"), ',');
        if (s->f[X12_RS_UNITS].len > 0)
            f_view(o, s->f[X12_RS_UNITS], ',');
        else
            f_lit(o, "1", 1, ','); /* SVC05 absent means one unit */
        f_view(o, s->f[X12_RS_LINE_ITEM_CONTROL_NUMBER], ',');
        f_cents(o, s->charge, ',');
        if (s->has_allowed)
            f_cents(o, s->allowed, ',');
        else
            f_empty(o, 1);
        f_cents(o, s->paid, ',');
        f_shares(o, s->share);
        w->tmp.len = 0;
        adj_list(&w->tmp, s->padj, s->adj.n, &lco, &loth);
        f_cents(o, lco, ',');
        f_cents(o, loth, ',');
        f_view(o, tmp_view(&w->tmp), ',');
        w->tmp.len = 0;
        remark_list(&w->tmp, s->premarks, s->remarks.n);
        f_view(o, tmp_view(&w->tmp), ',');
        f_outcome(o, s->outcome, '\n');
    }
}

static void claims_row(x12_remit_csv *w, const x12_remit_claim *c)
{
    x12i_out *o = &w->o;
    const x12_remit_date *d = c->dates.items;
    size_t i, nd = c->dates.n;
    int64_t co = 0, oth = 0;

    claim_columns(w, c, &co, &oth);
    /* Contractual and other adjustments of the lines count too. */
    for (i = 0; i < c->services.n; i++) {
        const x12_remit_service *s = &VAT(c->services, x12_remit_service, i);

        adj_list(NULL, s->padj, s->adj.n, &co, &oth);
    }
    row_start(w);
    f_view(o, c->f[X12_RC_FILING_INDICATOR], ',');
    f_view(o, c->f[X12_RC_FACILITY_CODE], ',');
    f_view(o, c->f[X12_RC_FREQUENCY], ',');
    f_view(o, first_date(d, nd, "232"), ',');
    f_view(o, first_date(d, nd, "233"), ',');
    f_view(o, first_date(d, nd, "050"), ',');
    f_u64(o, c->services.n, ',');
    f_shares(o, c->share); /* the claim's share counts its lines' */
    f_cents(o, co, ',');
    f_cents(o, oth, ',');
    w->tmp.len = 0;
    for (i = 0; i < c->denial.n; i++)
        list_adjustment(&w->tmp, VAT(c->denial, const x12_remit_adjustment *, i));
    f_view(o, tmp_view(&w->tmp), ',');
    w->tmp.len = 0;
    remark_list(&w->tmp, c->remarks.items, c->remarks.n);
    f_view(o, tmp_view(&w->tmp), ',');
    if (c->reversal_of > 0)
        f_u64(o, c->reversal_of - 1, ',');
    else
        f_empty(o, 1);
    if (c->balanced)
        f_lit(o, "true", 4, '\n');
    else
        f_lit(o, "false", 5, '\n');
}

static void adjustment_row(x12_remit_csv *w, const x12_remit_adjustment *a,
                           const x12_remit_service *s)
{
    x12i_out *o = &w->o;

    row_start(w);
    f_u64(o, a->line, ',');
    if (s != NULL)
        f_view(o, s->f[X12_RS_PROCEDURE], ',');
    else
        f_empty(o, 1);
    f_view(o, a->group, ',');
    f_view(o, a->reason, ',');
    f_cents(o, a->cents, ',');
    f_view(o, a->qty, '\n');
}

/* One row per CAS triplet: the claim's, then each line's. */
static void adjustment_rows(x12_remit_csv *w, const x12_remit_claim *c)
{
    x12i_out *o = &w->claim;
    size_t i, k;

    o->len = 0;
    f_u64(o, c->index, ',');
    f_view(o, c->f[X12_RC_PATIENT_CONTROL_NUMBER], ',');
    f_view(o, c->f[X12_RC_PAYER_CLAIM_CONTROL_NUMBER], ',');
    for (i = 0; i < c->adj.n; i++)
        adjustment_row(w, &VAT(c->adj, x12_remit_adjustment, i), NULL);
    for (k = 0; k < c->services.n; k++) {
        const x12_remit_service *s = &VAT(c->services, x12_remit_service, k);

        for (i = 0; i < s->adj.n; i++)
            adjustment_row(w, &s->padj[i], s);
    }
}

static x12_status result(const x12_remit_csv *w)
{
    return w->o.nomem || w->pay.nomem || w->claim.nomem || w->tmp.nomem ? X12_ENOMEM : X12_OK;
}

/* ---- public API ---------------------------------------------------------------------- */

x12_status x12_remit_csv_new(const x12_allocator *alloc, x12_remit_csv_grain grain,
                             x12_remit_csv **out)
{
    x12i_alloc a;
    x12_remit_csv *w;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (grain != X12_REMIT_CSV_LINES && grain != X12_REMIT_CSV_CLAIMS &&
        grain != X12_REMIT_CSV_ADJUSTMENTS)
        return X12_EINVAL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    w = x12i_malloc(&a, sizeof *w);
    if (w == NULL)
        return X12_ENOMEM;
    memset(w, 0, sizeof *w);
    w->o.a = w->pay.a = w->claim.a = w->tmp.a = a;
    w->grain = grain;
    if (grain == X12_REMIT_CSV_ADJUSTMENTS) {
        LIT(&w->o, hdr_adjustments);
    } else {
        LIT(&w->o, hdr_payment);
        LIT(&w->o, hdr_claim);
        if (grain == X12_REMIT_CSV_LINES)
            LIT(&w->o, hdr_lines);
        else
            LIT(&w->o, hdr_claims);
    }
    if (result(w) != X12_OK) {
        x12_remit_csv_free(w);
        return X12_ENOMEM;
    }
    *out = w;
    return X12_OK;
}

void x12_remit_csv_free(x12_remit_csv *w)
{
    x12i_alloc a;

    if (w == NULL)
        return;
    a = w->o.a;
    x12i_out_free(&w->o);
    x12i_out_free(&w->pay);
    x12i_out_free(&w->claim);
    x12i_out_free(&w->tmp);
    x12i_free(&a, w->file);
    x12i_free(&a, w);
}

x12_status x12_remit_csv_set_file(x12_remit_csv *w, const char *name)
{
    char *copy = NULL;
    size_t n;

    if (w == NULL)
        return X12_EINVAL;
    n = name != NULL ? strlen(name) : 0;
    if (n > 0) {
        copy = x12i_malloc(&w->o.a, n);
        if (copy == NULL)
            return X12_ENOMEM;
        memcpy(copy, name, n);
    }
    x12i_free(&w->o.a, w->file);
    w->file = copy;
    w->file_len = n;
    w->pay_of = NULL;
    return X12_OK;
}

x12_status x12_remit_csv_payment(x12_remit_csv *w, const x12_remit_payment *p)
{
    if (w == NULL || p == NULL)
        return X12_EINVAL;
    payment_columns(w, p);
    return result(w);
}

x12_status x12_remit_csv_claim(x12_remit_csv *w, const x12_remit_claim *c)
{
    if (w == NULL || c == NULL)
        return X12_EINVAL;
    if (c->payment == NULL)
        return X12_EINVAL;
    /* Rows carry their payment's columns: made again when the claim is not
     * of the payment last given. */
    if (w->pay_of != c->payment || w->pay_index != c->payment->index)
        payment_columns(w, c->payment);
    switch (w->grain) {
    case X12_REMIT_CSV_LINES:
        lines_rows(w, c);
        break;
    case X12_REMIT_CSV_CLAIMS:
        claims_row(w, c);
        break;
    case X12_REMIT_CSV_ADJUSTMENTS:
        adjustment_rows(w, c);
        break;
    }
    return result(w);
}

x12_status x12_remit_csv_event(x12_remit_csv *w, const x12_remit_stream *s, x12_remit_event ev)
{
    if (w == NULL || s == NULL)
        return X12_EINVAL;
    switch (ev) {
    case X12_REMIT_EV_PAYMENT:
        return s->pay != NULL ? x12_remit_csv_payment(w, s->pay) : X12_ESTATE;
    case X12_REMIT_EV_CLAIM:
        return s->shown != NULL ? x12_remit_csv_claim(w, s->shown) : X12_ESTATE;
    case X12_REMIT_EV_PAYMENT_END:
        return X12_OK; /* nothing of the trailer is in these grains */
    }
    return X12_EINVAL;
}

x12_status x12_remit_csv_doc(x12_remit_csv *w, const x12_remit_doc *doc)
{
    size_t i, k;
    x12_status st = X12_OK;

    if (w == NULL || doc == NULL)
        return X12_EINVAL;
    for (i = 0; i < doc->payments.n && st == X12_OK; i++) {
        const x12_remit_payment *p = VAT(doc->payments, x12_remit_payment *, i);

        st = x12_remit_csv_payment(w, p);
        for (k = 0; k < p->claims.n && st == X12_OK; k++)
            st = x12_remit_csv_claim(w, VAT(p->claims, x12_remit_claim *, k));
    }
    return st;
}

const char *x12_remit_csv_data(const x12_remit_csv *w, size_t *len)
{
    if (len != NULL)
        *len = w != NULL ? w->o.len : 0;
    return w != NULL && w->o.buf != NULL ? w->o.buf : "";
}

void x12_remit_csv_clear(x12_remit_csv *w)
{
    if (w != NULL)
        w->o.len = 0;
}
