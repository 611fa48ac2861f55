/*
 * remit835: 835 remittances into payments, claims, lines, adjustments,
 * denials and balance checks.
 *
 * Expected values were worked out by hand and cross-checked with an awk
 * script that splits each file on its own delimiters and sums BPR02, CLP04
 * and the PLB amounts per ST..SE (not with the library).  The fixtures
 * tests/data/remit-*.x12 are made up; every name and id in them is invented.
 */
#include <stdint.h>
#include <unistd.h>
#include <zlib.h>

#include <x12/remit835.h>

#include "testutil.h"

static int view_eq(x12_str v, const char *s)
{
    size_t n = strlen(s);

    return v.len == n && memcmp(v.ptr, s, n) == 0;
}

/* ---- signatures: everything a claim or payment exposes, as text ---------- */

static void sv(tbuf *b, const char *k, x12_str v)
{
    tbuf_str(b, k);
    tbuf_str(b, "=");
    tbuf_add(b, v.ptr, v.len);
    tbuf_str(b, "|");
}

static void sn(tbuf *b, const char *k, long long n)
{
    char t[64];

    snprintf(t, sizeof t, "%s=%lld|", k, n);
    tbuf_str(b, t);
}

static void sig_name(tbuf *b, const x12_remit_name *n)
{
    size_t i;
    unsigned f;

    if (n == NULL) {
        tbuf_str(b, "name=null|");
        return;
    }
    for (f = X12_RN_ENTITY; f <= X12_RN_SUBDIVISION; f++)
        sv(b, "nf", x12_remit_name_get(n, (x12_remit_name_field)f));
    for (i = 0; i < x12_remit_name_ref_count(n); i++) {
        sv(b, "nrq", x12_remit_ref_qualifier(x12_remit_name_ref_at(n, i)));
        sv(b, "nrv", x12_remit_ref_value(x12_remit_name_ref_at(n, i)));
    }
    for (i = 0; i < x12_remit_name_contact_count(n); i++)
        for (f = 1; f <= 8; f++)
            sv(b, "ct", x12_remit_contact_element(x12_remit_name_contact_at(n, i), f));
}

static void sig_adj(tbuf *b, const x12_remit_adjustment *a)
{
    sv(b, "g", x12_remit_adjustment_group(a));
    sv(b, "r", x12_remit_adjustment_reason(a));
    sn(b, "c", x12_remit_adjustment_amount_cents(a));
    sv(b, "q", x12_remit_adjustment_quantity(a));
    sn(b, "qm", x12_remit_adjustment_quantity_milli(a));
    sn(b, "l", (long long)x12_remit_adjustment_line(a));
}

static void sig_issue(tbuf *b, const x12_error *e)
{
    char line[400];

    x12_error_format(e, line, sizeof line);
    tbuf_str(b, line);
    tbuf_str(b, x12_error_rule(e));
    tbuf_str(b, x12_error_loop_id(e));
    sn(b, "off", (long long)x12_error_offset(e));
}

/* Everything about a claim except corrected_by (known to trees only). */
static void sig_claim(tbuf *b, const x12_remit_claim *c)
{
    size_t i, j;
    unsigned f;

    for (f = 1; f <= 13; f++)
        sv(b, "cf", x12_remit_claim_get(c, (x12_remit_claim_field)f));
    tbuf_str(b, x12_remit_claim_status_text(c));
    sn(b, "ch", x12_remit_claim_charge_cents(c));
    sn(b, "pd", x12_remit_claim_paid_cents(c));
    sn(b, "pr", x12_remit_claim_patient_resp_cents(c));
    sn(b, "ix", (long long)x12_remit_claim_index(c));
    sn(b, "sg", (long long)x12_remit_claim_segment_number(c));
    sn(b, "of", (long long)x12_remit_claim_offset(c));
    sn(b, "pi", (long long)x12_remit_payment_index(x12_remit_claim_payment(c)));
    sv(b, "lx", x12_remit_header_number(x12_remit_claim_header(c)));
    for (f = 1; f <= 24; f++)
        sv(b, "ts3", x12_remit_header_ts3(x12_remit_claim_header(c), f));
    for (i = 0; i < x12_remit_claim_name_count(c); i++)
        sig_name(b, x12_remit_claim_name_at(c, i));
    for (i = 0; i < x12_remit_claim_adjustment_count(c); i++)
        sig_adj(b, x12_remit_claim_adjustment_at(c, i));
    for (i = 0; i < x12_remit_claim_remark_count(c); i++) {
        tbuf_str(b, x12_remit_remark_source(x12_remit_claim_remark_at(c, i)));
        sv(b, "rm", x12_remit_remark_code(x12_remit_claim_remark_at(c, i)));
    }
    for (f = 1; f <= 24; f++)
        sv(b, "mia", x12_remit_claim_mia(c, f));
    for (f = 1; f <= 9; f++)
        sv(b, "moa", x12_remit_claim_moa(c, f));
    for (i = 0; i < x12_remit_claim_date_count(c); i++) {
        sv(b, "dq", x12_remit_date_qualifier(x12_remit_claim_date_at(c, i)));
        sv(b, "dv", x12_remit_date_value(x12_remit_claim_date_at(c, i)));
    }
    for (i = 0; i < x12_remit_claim_ref_count(c); i++) {
        sv(b, "rq", x12_remit_ref_qualifier(x12_remit_claim_ref_at(c, i)));
        sv(b, "rv", x12_remit_ref_value(x12_remit_claim_ref_at(c, i)));
    }
    for (i = 0; i < x12_remit_claim_amount_count(c); i++) {
        sv(b, "aq", x12_remit_amount_qualifier(x12_remit_claim_amount_at(c, i)));
        sn(b, "ac", x12_remit_amount_cents(x12_remit_claim_amount_at(c, i)));
    }
    for (i = 0; i < x12_remit_claim_quantity_count(c); i++) {
        sv(b, "qq", x12_remit_quantity_qualifier(x12_remit_claim_quantity_at(c, i)));
        sv(b, "qt", x12_remit_quantity_text(x12_remit_claim_quantity_at(c, i)));
        sn(b, "qm", x12_remit_quantity_milli(x12_remit_claim_quantity_at(c, i)));
    }
    for (i = 0; i < x12_remit_claim_contact_count(c); i++)
        for (f = 1; f <= 8; f++)
            sv(b, "cc", x12_remit_contact_element(x12_remit_claim_contact_at(c, i), f));
    for (i = 0; i < x12_remit_claim_service_count(c); i++) {
        const x12_remit_service *s = x12_remit_claim_service_at(c, i);

        tbuf_str(b, "\n  svc ");
        for (f = 1; f <= 20; f++)
            sv(b, "sf", x12_remit_service_get(s, (x12_remit_service_field)f));
        sn(b, "ch", x12_remit_service_charge_cents(s));
        sn(b, "pd", x12_remit_service_paid_cents(s));
        sn(b, "un", x12_remit_service_units_milli(s));
        sn(b, "al", x12_remit_service_allowed_cents(s));
        sn(b, "ha", x12_remit_service_has_allowed(s));
        sn(b, "ix", (long long)x12_remit_service_index(s));
        sn(b, "sg", (long long)x12_remit_service_segment_number(s));
        sn(b, "oc", x12_remit_service_outcome(s));
        sn(b, "bl", x12_remit_service_balanced(s));
        for (f = 1; f <= 5; f++)
            sn(b, "sh", x12_remit_service_patient_share_cents(s, (x12_remit_share)f));
        for (j = 0; j < x12_remit_service_adjustment_count(s); j++)
            sig_adj(b, x12_remit_service_adjustment_at(s, j));
        for (j = 0; j < x12_remit_service_remark_count(s); j++) {
            sv(b, "lq", x12_remit_remark_qualifier(x12_remit_service_remark_at(s, j)));
            sv(b, "lc", x12_remit_remark_code(x12_remit_service_remark_at(s, j)));
        }
        for (j = 0; j < x12_remit_service_date_count(s); j++)
            sv(b, "sd", x12_remit_date_value(x12_remit_service_date_at(s, j)));
        for (j = 0; j < x12_remit_service_ref_count(s); j++)
            sv(b, "sr", x12_remit_ref_value(x12_remit_service_ref_at(s, j)));
        for (j = 0; j < x12_remit_service_amount_count(s); j++)
            sn(b, "sa", x12_remit_amount_cents(x12_remit_service_amount_at(s, j)));
        for (j = 0; j < x12_remit_service_quantity_count(s); j++)
            sv(b, "sq", x12_remit_quantity_text(x12_remit_service_quantity_at(s, j)));
    }
    tbuf_str(b, "\n  ");
    sn(b, "oc", x12_remit_claim_outcome(c));
    for (i = 0; i < x12_remit_claim_denial_reason_count(c); i++)
        sig_adj(b, x12_remit_claim_denial_reason_at(c, i));
    for (f = 1; f <= 5; f++)
        sn(b, "sh", x12_remit_claim_patient_share_cents(c, (x12_remit_share)f));
    sn(b, "fw", x12_remit_claim_forwarded(c));
    sn(b, "bl", x12_remit_claim_balanced(c));
    sn(b, "ro", (long long)x12_remit_claim_reversal_of(c));
    sn(b, "ne", (long long)x12_remit_claim_total_errors(c));
    for (i = 0; i < x12_remit_claim_error_count(c); i++)
        sig_issue(b, x12_remit_claim_error_at(c, i));
    tbuf_str(b, "\n");
}

static void sig_payment_head(tbuf *b, const x12_remit_payment *p)
{
    size_t i;
    unsigned f;

    for (f = 1; f <= 26; f++)
        sv(b, "pf", x12_remit_payment_get(p, (x12_remit_payment_field)f));
    sn(b, "amt", x12_remit_payment_amount_cents(p));
    sn(b, "idx", (long long)x12_remit_payment_index(p));
    sn(b, "seg", (long long)x12_remit_payment_segment_number(p));
    for (i = 0; i < x12_remit_payment_party_count(p); i++)
        sig_name(b, x12_remit_payment_party_at(p, i));
    for (i = 0; i < x12_remit_payment_ref_count(p); i++)
        sv(b, "hr", x12_remit_ref_value(x12_remit_payment_ref_at(p, i)));
    for (i = 0; i < x12_remit_payment_date_count(p); i++)
        sv(b, "hd", x12_remit_date_value(x12_remit_payment_date_at(p, i)));
    tbuf_str(b, "\n");
}

static void sig_payment_tail(tbuf *b, const x12_remit_payment *p)
{
    size_t i, r, c;

    for (i = 0; i < x12_remit_payment_plb_count(p); i++) {
        const x12_remit_plb *x = x12_remit_payment_plb_at(p, i);

        sv(b, "bp", x12_remit_plb_provider(x));
        sv(b, "bd", x12_remit_plb_date(x));
        sv(b, "br", x12_remit_plb_reason(x));
        sv(b, "bf", x12_remit_plb_reference(x));
        sn(b, "bc", x12_remit_plb_amount_cents(x));
    }
    sn(b, "nc", (long long)x12_remit_payment_claim_total(p));
    sn(b, "nl", (long long)x12_remit_payment_line_total(p));
    sn(b, "tc", x12_remit_payment_charge_total_cents(p));
    sn(b, "tp", x12_remit_payment_paid_total_cents(p));
    sn(b, "tb", x12_remit_payment_plb_total_cents(p));
    sn(b, "ok", x12_remit_payment_balanced(p));
    for (i = 0; x12_remit_payment_pair_at(p, i, &r, &c); i++) {
        sn(b, "rv", (long long)r);
        sn(b, "co", (long long)c);
    }
    for (i = 0; i < x12_remit_payment_error_count(p); i++)
        sig_issue(b, x12_remit_payment_error_at(p, i));
    tbuf_str(b, "\n");
}

/* Drains a stream: every event's data and every diagnostic, in order.
 * Returns the final status (X12_END, X12_AGAIN, or a fatal one). */
static x12_status sig_stream(x12_remit_stream *s, tbuf *b)
{
    x12_remit_event ev;
    x12_status st;
    size_t i;

    for (;;) {
        st = x12_remit_stream_next(s, &ev);
        for (i = 0; i < x12_remit_stream_error_count(s); i++) {
            tbuf_str(b, "diag ");
            sig_issue(b, x12_remit_stream_error_at(s, i));
            tbuf_str(b, "\n");
        }
        if (st != X12_OK)
            return st;
        if (ev == X12_REMIT_EV_PAYMENT)
            sig_payment_head(b, x12_remit_stream_payment(s));
        else if (ev == X12_REMIT_EV_CLAIM)
            sig_claim(b, x12_remit_stream_claim(s));
        else
            sig_payment_tail(b, x12_remit_stream_payment(s));
    }
}

/* Claims only, one entry per claim, from a stream and from a tree. */
static void stream_claims(const char *data, size_t len, tbuf *b)
{
    x12_remit_stream *s;
    x12_remit_event ev;

    ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), data, len), X12_OK);
    while (x12_remit_stream_next(s, &ev) == X12_OK) {
        if (ev == X12_REMIT_EV_CLAIM)
            sig_claim(b, x12_remit_stream_claim(s));
        else if (ev == X12_REMIT_EV_PAYMENT_END)
            sig_payment_tail(b, x12_remit_stream_payment(s));
        else
            sig_payment_head(b, x12_remit_stream_payment(s));
    }
    x12_remit_stream_free(s);
}

static void tree_claims(const x12_remit_doc *d, tbuf *b)
{
    size_t i, j;

    for (i = 0; i < x12_remit_doc_payment_count(d); i++) {
        const x12_remit_payment *p = x12_remit_doc_payment_at(d, i);

        sig_payment_head(b, p);
        ck_assert_uint_eq(x12_remit_payment_claim_count(p), x12_remit_payment_claim_total(p));
        for (j = 0; j < x12_remit_payment_claim_count(p); j++)
            sig_claim(b, x12_remit_payment_claim_at(p, j));
        sig_payment_tail(b, p);
    }
}

/* ---- the files ------------------------------------------------------------ */

static const char *const fixtures[] = {"remit-reversal.x12", "remit-denials.x12",
                                       "remit-multi.x12", "remit-unbalanced.x12",
                                       "remit-malformed.x12"};
#define NFIXTURES (sizeof fixtures / sizeof fixtures[0])

/*
 * Corpus 835s with their totals per payment (BPR02, sum of CLP04, sum of PLB
 * in cents, claims, service lines) and the remittance diagnostics they must
 * give (rule@segment-number), each checked by hand:
 *  - cob-contractural-adjustment and secondary-payment write SVC01 as
 *    "HC>55669" although ISA16 is ':', so SVC01 has no component 2;
 *  - tertiary-payment's SVC*HC*24599.00*1766.50*187.50**1 has its procedure
 *    code split off (SVC01 "HC" alone), so the line cannot balance
 *    (24599.00 - 1579.00 != 1766.50) while the claim does;
 *  - moov sample1's first claim: CLP03 385.21 - PR 27 385.20 = 0.01, CLP04 0
 *    (the line pays 0.01); sample2: CLP03 4199.68 - 1199.68 - 2.00 =
 *    2998.00 but CLP04 is 4000.00;
 *  - medicare-part-a balances through its PLB CV -1.27: 138018.40 +
 *    11980.33 + 1.27 = 150000.00; moov sample1 through PLB 50 6173.5
 *    against a negative BPR02.
 */
static const struct corpus_case {
    const char *file;
    size_t payments;
    long long bpr[2], paid[2], plb[2];
    unsigned claims[2], lines[2];
    const char *diags;
} corpus_cases[] = {
    {"835/LinuxForHealth-x12__cob-contractural-adjustment.835", 1, {3400}, {3400}, {0}, {1}, {1},
     "procedure@21;"},
    {"835/LinuxForHealth-x12__managed-care.835", 1, {94500}, {94500}, {0}, {2}, {2}, ""},
    {"835/LinuxForHealth-x12__medicare-part-a.835", 1, {15000000}, {14999873}, {-127}, {2}, {0},
     ""},
    {"835/LinuxForHealth-x12__secondary-payment.835", 1, {122200}, {122200}, {0}, {2}, {2},
     "procedure@29;procedure@34;"},
    {"835/LinuxForHealth-x12__tertiary-payment.835", 1, {18750}, {18750}, {0}, {1}, {1},
     "procedure@20;balance-line@20;"},
    {"835/azoner-pyx12__835_mult_loops.txt", 1, {0}, {0}, {0}, {1}, {3}, ""},
    {"835/moov-io-x12__sample1.txt", 2, {-617350, -617340}, {0, 0}, {617350, 617340}, {1, 1},
     {1, 1}, "balance-claim@18;"},
    {"835/moov-io-x12__sample2.txt", 1, {400000}, {400000}, {0}, {1}, {1}, "balance-claim@19;"},
};
#define NCORPUS (sizeof corpus_cases / sizeof corpus_cases[0])

static char *corpus_file(const char *rel, size_t *len)
{
    const char *dir = corpus_dir();
    char path[4096];

    if (dir == NULL)
        return NULL;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return slurp(path, len);
}

static char *fixture(const char *name, size_t *len)
{
    char *d = slurp(data_path(name), len);

    ck_assert_msg(d != NULL, "cannot read %s", name);
    return d;
}

static void rules_of(const x12_remit_doc *d, tbuf *b)
{
    size_t i;
    char t[128];

    tbuf_add(b, "", 0);
    for (i = 0; i < x12_remit_doc_error_count(d); i++) {
        const x12_error *e = x12_remit_doc_error_at(d, i);

        snprintf(t, sizeof t, "%s@%llu;", x12_error_rule(e),
                 (unsigned long long)x12_error_segment_number(e));
        tbuf_str(b, t);
    }
}

/* ---- decimals -------------------------------------------------------------- */

/* Money is parsed by hand into exact cents: signs, implied and explicit
 * decimals, the int64 edges, and every malformed form refused. */
START_TEST(test_parse_cents)
{
    static const struct {
        const char *text;
        x12_status st;
        int64_t cents;
    } cases[] = {
        {"-12.5", X12_OK, -1250},
        {"100", X12_OK, 10000},
        {".5", X12_OK, 50},
        {"5.", X12_OK, 500},
        {"+3.25", X12_OK, 325},
        {"1.500", X12_OK, 150},
        {"0", X12_OK, 0},
        {"-0.01", X12_OK, -1},
        {"0.005", X12_ESYNTAX, 0},
        {"1.2.3", X12_ESYNTAX, 0},
        {"", X12_ESYNTAX, 0},
        {"-", X12_ESYNTAX, 0},
        {".", X12_ESYNTAX, 0},
        {"12a", X12_ESYNTAX, 0},
        {" 1", X12_ESYNTAX, 0},
        {"1e5", X12_ESYNTAX, 0},
        {"--1", X12_ESYNTAX, 0},
        {"92233720368547758.07", X12_OK, INT64_MAX},
        {"92233720368547758.08", X12_ERANGE, 0},
        {"-92233720368547758.08", X12_OK, INT64_MIN},
        {"-92233720368547758.09", X12_ERANGE, 0},
        {"99999999999999999999", X12_ERANGE, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = 42;
        x12_status st = x12_remit_parse_cents(cases[i].text, strlen(cases[i].text), &v);

        ck_assert_msg(st == cases[i].st, "'%s': status %d", cases[i].text, st);
        ck_assert_msg(v == cases[i].cents, "'%s': %lld", cases[i].text, (long long)v);
    }
    {
        int64_t m;

        ck_assert_int_eq(x12_remit_parse_milli("1.5", 3, &m), X12_OK);
        ck_assert_int_eq(m, 1500);
        ck_assert_int_eq(x12_remit_parse_milli("68", 2, &m), X12_OK);
        ck_assert_int_eq(m, 68000);
        ck_assert_int_eq(x12_remit_parse_milli("0.0005", 6, &m), X12_OK); /* truncated */
        ck_assert_int_eq(m, 0);
        ck_assert_int_eq(x12_remit_parse_milli("x", 1, &m), X12_ESYNTAX);
        ck_assert_int_eq(x12_remit_parse_cents(NULL, 1, &m), X12_EINVAL);
    }
}
END_TEST

/* ---- the corpus --------------------------------------------------------------- */

/* Every corpus 835 parses; totals per payment equal the hand/awk values;
 * the diagnostics are exactly the defects named above; the reader finds no
 * envelope problem; every payment balances. */
START_TEST(test_corpus_totals)
{
    size_t i, k;

    ck_assert_ptr_nonnull(corpus_dir());
    for (i = 0; i < NCORPUS; i++) {
        const struct corpus_case *cc = &corpus_cases[i];
        size_t len;
        char *data = corpus_file(cc->file, &len);
        x12_remit_doc *d;
        tbuf rules = {0};

        ck_assert_msg(data != NULL, "%s missing", cc->file);
        ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
        ck_assert_uint_eq(x12_remit_doc_payment_count(d), cc->payments);
        for (k = 0; k < cc->payments; k++) {
            const x12_remit_payment *p = x12_remit_doc_payment_at(d, k);

            ck_assert_int_eq(x12_remit_payment_amount_cents(p), cc->bpr[k]);
            ck_assert_int_eq(x12_remit_payment_paid_total_cents(p), cc->paid[k]);
            ck_assert_int_eq(x12_remit_payment_plb_total_cents(p), cc->plb[k]);
            ck_assert_uint_eq(x12_remit_payment_claim_total(p), cc->claims[k]);
            ck_assert_uint_eq(x12_remit_payment_line_total(p), cc->lines[k]);
            ck_assert_msg(x12_remit_payment_balanced(p), "%s payment %zu", cc->file, k);
        }
        rules_of(d, &rules);
        ck_assert_msg(strcmp(rules.p, cc->diags) == 0, "%s: %s", cc->file, rules.p);
        tbuf_free(&rules);
        x12_remit_doc_free(d);
        free(data);
    }
}
END_TEST

/* The medicare Part A sample in detail: TS3/TS2 groups, MIA/MOA remarks, a
 * claim QTY, the PLB composite and its negative amount. */
START_TEST(test_corpus_medicare_detail)
{
    size_t len;
    char *data = corpus_file("835/LinuxForHealth-x12__medicare-part-a.835", &len);
    x12_remit_doc *d;
    const x12_remit_payment *p;
    const x12_remit_claim *c0, *c1;
    const x12_remit_plb *b;

    ck_assert_ptr_nonnull(data);
    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    p = x12_remit_doc_payment_at(d, 0);
    ck_assert_uint_eq(x12_remit_payment_header_count(p), 2);
    c0 = x12_remit_payment_claim_at(p, 0);
    c1 = x12_remit_payment_claim_at(p, 1);
    ck_assert(view_eq(x12_remit_header_number(x12_remit_claim_header(c0)), "110212"));
    ck_assert(view_eq(x12_remit_header_ts3(x12_remit_claim_header(c0), 5), "211366.97"));
    ck_assert(view_eq(x12_remit_header_ts2(x12_remit_claim_header(c0), 1), "2178.45"));
    ck_assert(view_eq(x12_remit_header_number(x12_remit_claim_header(c1)), "130212"));
    ck_assert(view_eq(x12_remit_claim_mia(c0, 4), "138018.40"));
    ck_assert_uint_eq(x12_remit_claim_remark_count(c1), 1);
    ck_assert(view_eq(x12_remit_remark_code(x12_remit_claim_remark_at(c1, 0)), "MA02"));
    ck_assert_str_eq(x12_remit_remark_source(x12_remit_claim_remark_at(c1, 0)), "MOA");
    ck_assert_uint_eq(x12_remit_claim_quantity_count(c0), 1);
    ck_assert_int_eq(x12_remit_quantity_milli(x12_remit_claim_quantity_at(c0, 0)), 8000);
    ck_assert(view_eq(x12_remit_claim_get(c0, X12_RC_FILING_INDICATOR), "MA"));
    ck_assert_int_eq(x12_remit_claim_outcome(c0), X12_REMIT_PAID);
    ck_assert_uint_eq(x12_remit_payment_plb_count(p), 1);
    b = x12_remit_payment_plb_at(p, 0);
    ck_assert(view_eq(x12_remit_plb_reason(b), "CV"));
    ck_assert(view_eq(x12_remit_plb_reference(b), "CP"));
    ck_assert_int_eq(x12_remit_plb_amount_cents(b), -127);
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_FORMAT), "CTX"));
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_RECEIVER_ACCOUNT), "98765"));
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* The whole-file tree and the stream give identical data, claim by claim,
 * for every fixture and every corpus 835. */
START_TEST(test_stream_equals_tree)
{
    size_t i;

    for (i = 0; i < NFIXTURES + NCORPUS; i++) {
        size_t len;
        char *data = i < NFIXTURES ? fixture(fixtures[i], &len)
                                   : corpus_file(corpus_cases[i - NFIXTURES].file, &len);
        tbuf a = {0}, b = {0};
        x12_remit_doc *d;

        if (data == NULL)
            continue;
        stream_claims(data, len, &a);
        ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
        tree_claims(d, &b);
        ck_assert_ptr_nonnull(a.p);
        ck_assert_msg(strcmp(a.p, b.p) == 0, "file %zu differs:\n%s\n----\n%s", i, a.p, b.p);
        x12_remit_doc_free(d);
        tbuf_free(&a);
        tbuf_free(&b);
        free(data);
    }
}
END_TEST

/* Pushed chunks of any size (one byte included), a FILE*, and a gzip'd copy
 * read by path all give the stream exactly what a buffer gives it. */
START_TEST(test_push_and_gzip)
{
    static const size_t sizes[] = {1, 2, 7, 64, 4096};
    size_t i, k;

    for (i = 0; i < NFIXTURES; i++) {
        size_t len;
        char *data = fixture(fixtures[i], &len);
        tbuf want = {0};
        x12_remit_stream *s;

        ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), data, len), X12_OK);
        ck_assert_int_eq(sig_stream(s, &want), X12_END);
        x12_remit_stream_free(s);

        for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            tbuf got = {0};
            size_t off = 0;
            x12_status st = X12_AGAIN;
            x12_reader *r;

            ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
            ck_assert_int_eq(x12_remit_stream_new(NULL, r, &s), X12_OK);
            while (st == X12_AGAIN) {
                size_t n = sizes[k] < len - off ? sizes[k] : len - off;

                ck_assert_int_eq(x12_reader_feed(r, data + off, n, off + n == len), X12_OK);
                off += n;
                st = sig_stream(s, &got);
            }
            ck_assert_int_eq(st, X12_END);
            ck_assert_msg(strcmp(want.p, got.p) == 0, "%s pushed by %zu differs", fixtures[i],
                          sizes[k]);
            x12_remit_stream_free(s);
            x12_reader_free(r);
            tbuf_free(&got);
        }
        {
            char path[] = "/tmp/remit835-XXXXXX";
            int fd = mkstemp(path);
            gzFile gz;
            tbuf got = {0};
            FILE *fp;

            ck_assert_int_ge(fd, 0);
            gz = gzdopen(fd, "wb");
            ck_assert_ptr_nonnull(gz);
            ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
            ck_assert_int_eq(gzclose(gz), Z_OK);
            ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
            ck_assert_int_eq(x12_reader_open_path(x12_remit_stream_reader(s), path), X12_OK);
            ck_assert_int_eq(sig_stream(s, &got), X12_END);
            ck_assert_msg(strcmp(want.p, got.p) == 0, "%s gzip differs", fixtures[i]);
            x12_remit_stream_free(s);
            tbuf_free(&got);
            /* And the gzip'd file through a FILE*. */
            fp = fopen(path, "rb");
            ck_assert_ptr_nonnull(fp);
            ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
            ck_assert_int_eq(x12_reader_open_file(x12_remit_stream_reader(s), fp), X12_OK);
            ck_assert_int_eq(sig_stream(s, &got), X12_END);
            ck_assert_msg(strcmp(want.p, got.p) == 0, "%s FILE* differs", fixtures[i]);
            x12_remit_stream_free(s);
            fclose(fp);
            unlink(path);
            tbuf_free(&got);
        }
        tbuf_free(&want);
        free(data);
    }
}
END_TEST

/* ---- fixtures in detail ------------------------------------------------------ */

/* A reversal (CLP02 22, negated amounts) is paired with the correction that
 * follows it for the same patient control number (the payer claim control
 * numbers differ, as they do in practice); PLB keeps its signs: an interest
 * payment of -5.25 adds to the payment, a 30.00 recovery takes from it, and
 * BPR02 75.25 = (-180 + 200 + 80) - (-5.25 + 30.00). */
START_TEST(test_reversal_and_plb)
{
    size_t len, r, c;
    char *data = fixture("remit-reversal.x12", &len);
    x12_remit_doc *d;
    const x12_remit_payment *p;
    const x12_remit_claim *rev, *cor;
    const x12_remit_service *s;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    ck_assert_uint_eq(x12_remit_doc_error_count(d), 0);
    p = x12_remit_doc_payment_at(d, 0);
    rev = x12_remit_payment_claim_at(p, 0);
    cor = x12_remit_payment_claim_at(p, 1);
    ck_assert_int_eq(x12_remit_claim_outcome(rev), X12_REMIT_REVERSED);
    ck_assert_int_eq(x12_remit_claim_charge_cents(rev), -25000);
    ck_assert_int_eq(x12_remit_claim_paid_cents(rev), -18000);
    ck_assert_int_eq(x12_remit_claim_patient_resp_cents(rev), -2000);
    ck_assert_int_eq(x12_remit_claim_patient_share_cents(rev, X12_REMIT_SHARE_DEDUCTIBLE), -2000);
    ck_assert(x12_remit_claim_balanced(rev));
    s = x12_remit_claim_service_at(rev, 0);
    ck_assert_int_eq(x12_remit_service_outcome(s), X12_REMIT_REVERSED);
    ck_assert_int_eq(x12_remit_adjustment_amount_cents(x12_remit_service_adjustment_at(s, 0)),
                     -5000);
    ck_assert(view_eq(x12_remit_service_get(s, X12_RS_LINE_ITEM_CONTROL_NUMBER),
                      "A100-1"));
    ck_assert_uint_eq(x12_remit_claim_corrected_by(rev), 2);
    ck_assert_uint_eq(x12_remit_claim_reversal_of(cor), 1);
    ck_assert(view_eq(x12_remit_claim_get(cor, X12_RC_FREQUENCY), "7"));
    ck_assert_int_eq(x12_remit_claim_outcome(cor), X12_REMIT_PAID);
    ck_assert_uint_eq(x12_remit_claim_reversal_of(x12_remit_payment_claim_at(p, 2)), 0);
    ck_assert_uint_eq(x12_remit_payment_pair_count(p), 1);
    ck_assert(x12_remit_payment_pair_at(p, 0, &r, &c));
    ck_assert_uint_eq(r, 0);
    ck_assert_uint_eq(c, 1);
    ck_assert(!x12_remit_payment_pair_at(p, 1, &r, &c));
    ck_assert_uint_eq(x12_remit_payment_plb_count(p), 2);
    ck_assert(view_eq(x12_remit_plb_reason(x12_remit_payment_plb_at(p, 0)), "L6"));
    ck_assert(view_eq(x12_remit_plb_reference(x12_remit_payment_plb_at(p, 0)), "INT20240131"));
    ck_assert_int_eq(x12_remit_plb_amount_cents(x12_remit_payment_plb_at(p, 0)), -525);
    ck_assert(view_eq(x12_remit_plb_reason(x12_remit_payment_plb_at(p, 1)), "WO"));
    ck_assert_int_eq(x12_remit_plb_amount_cents(x12_remit_payment_plb_at(p, 1)), 3000);
    ck_assert(view_eq(x12_remit_plb_provider(x12_remit_payment_plb_at(p, 1)), "1234567893"));
    ck_assert_int_eq(x12_remit_payment_plb_total_cents(p), 2475);
    ck_assert_int_eq(x12_remit_payment_amount_cents(p), 7525);
    ck_assert(x12_remit_payment_balanced(p));
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* Streaming knows the pairing from the correction's side at once and the
 * pair list at the payment's end; the reversal itself cannot know yet. */
START_TEST(test_reversal_streaming)
{
    size_t len, r, c;
    char *data = fixture("remit-reversal.x12", &len);
    x12_remit_stream *s;
    x12_remit_event ev;
    int claims = 0, ended = 0;

    ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), data, len), X12_OK);
    while (x12_remit_stream_next(s, &ev) == X12_OK) {
        if (ev == X12_REMIT_EV_CLAIM) {
            const x12_remit_claim *cl = x12_remit_stream_claim(s);

            ck_assert_uint_eq(x12_remit_claim_corrected_by(cl), 0);
            ck_assert_uint_eq(x12_remit_claim_reversal_of(cl), claims == 1 ? 1 : 0);
            /* Streams keep no claims in the payment. */
            ck_assert_uint_eq(x12_remit_payment_claim_count(x12_remit_claim_payment(cl)), 0);
            claims++;
        } else if (ev == X12_REMIT_EV_PAYMENT_END) {
            ck_assert(x12_remit_payment_pair_at(x12_remit_stream_payment(s), 0, &r, &c));
            ck_assert_uint_eq(r, 0);
            ck_assert_uint_eq(c, 1);
            ended++;
        } else {
            ck_assert_ptr_null(x12_remit_stream_claim(s));
        }
    }
    ck_assert_int_eq(claims, 3);
    ck_assert_int_eq(ended, 1);
    x12_remit_stream_free(s);
    free(data);
}
END_TEST

/* Denials: a CLP02 4 claim with CAS segments of six triplets each (every
 * triplet kept, quantities parsed), PI group and LQ remarks; a partial
 * payment whose only denial reason is the 0-paid bundled line (CO 97); a
 * 0-paid line that is not a denial (OA 23); a claim wholly applied to the
 * deductible (no payment, not denied). */
START_TEST(test_denials)
{
    size_t len, i;
    char *data = fixture("remit-denials.x12", &len);
    x12_remit_doc *d;
    const x12_remit_payment *p;
    const x12_remit_claim *c;
    const x12_remit_service *s;
    const x12_remit_adjustment *a;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    ck_assert_uint_eq(x12_remit_doc_error_count(d), 0);
    p = x12_remit_doc_payment_at(d, 0);
    ck_assert(x12_remit_payment_balanced(p));

    c = x12_remit_payment_claim_at(p, 0);
    ck_assert_int_eq(x12_remit_claim_outcome(c), X12_REMIT_DENIED);
    ck_assert_str_eq(x12_remit_claim_status_text(c), "The payer denied the claim.");
    ck_assert(x12_remit_claim_balanced(c));
    s = x12_remit_claim_service_at(c, 0);
    ck_assert_uint_eq(x12_remit_service_adjustment_count(s), 8);
    a = x12_remit_service_adjustment_at(s, 5);
    ck_assert(view_eq(x12_remit_adjustment_group(a), "CO"));
    ck_assert(view_eq(x12_remit_adjustment_reason(a), "204"));
    ck_assert_int_eq(x12_remit_adjustment_amount_cents(a), 10000);
    ck_assert(view_eq(x12_remit_adjustment_quantity(a), "1"));
    ck_assert_int_eq(x12_remit_adjustment_quantity_milli(a), 1000);
    ck_assert_uint_eq(x12_remit_adjustment_line(a), 1);
    ck_assert(view_eq(x12_remit_adjustment_reason(x12_remit_service_adjustment_at(s, 7)), "109"));
    ck_assert(view_eq(x12_remit_service_get(s, X12_RS_MODIFIER1), "25"));
    ck_assert_int_eq(x12_remit_service_outcome(s), X12_REMIT_DENIED);
    ck_assert(view_eq(x12_remit_remark_code(x12_remit_service_remark_at(s, 0)), "N290"));
    s = x12_remit_claim_service_at(c, 1);
    ck_assert_uint_eq(x12_remit_service_adjustment_count(s), 6);
    ck_assert(view_eq(x12_remit_adjustment_group(x12_remit_service_adjustment_at(s, 5)), "PI"));
    ck_assert_int_eq(x12_remit_adjustment_amount_cents(x12_remit_service_adjustment_at(s, 5)),
                     5000);
    ck_assert_uint_eq(x12_remit_claim_denial_reason_count(c), 14);
    a = x12_remit_claim_denial_reason_at(c, 0);
    ck_assert(view_eq(x12_remit_adjustment_reason(a), "16"));
    ck_assert_uint_eq(x12_remit_adjustment_line(x12_remit_claim_denial_reason_at(c, 13)), 2);
    ck_assert(view_eq(x12_remit_remark_code(x12_remit_claim_remark_at(c, 0)), "MA130"));

    c = x12_remit_payment_claim_at(p, 1);
    ck_assert_int_eq(x12_remit_claim_outcome(c), X12_REMIT_PARTIAL);
    ck_assert_int_eq(x12_remit_service_outcome(x12_remit_claim_service_at(c, 0)), X12_REMIT_PAID);
    ck_assert_int_eq(x12_remit_service_outcome(x12_remit_claim_service_at(c, 1)),
                     X12_REMIT_DENIED);
    ck_assert_int_eq(x12_remit_service_outcome(x12_remit_claim_service_at(c, 2)),
                     X12_REMIT_NO_PAYMENT);
    ck_assert_uint_eq(x12_remit_claim_denial_reason_count(c), 1);
    a = x12_remit_claim_denial_reason_at(c, 0);
    ck_assert(view_eq(x12_remit_adjustment_group(a), "CO"));
    ck_assert(view_eq(x12_remit_adjustment_reason(a), "97"));
    ck_assert_int_eq(x12_remit_adjustment_amount_cents(a), 5000);
    ck_assert_uint_eq(x12_remit_adjustment_line(a), 2);
    ck_assert_int_eq(x12_remit_claim_patient_share_cents(c, X12_REMIT_SHARE_COPAY), 2000);
    ck_assert_int_eq(x12_remit_claim_patient_share_cents(c, X12_REMIT_SHARE_TOTAL), 2000);
    s = x12_remit_claim_service_at(c, 0);
    ck_assert(x12_remit_service_has_allowed(s));
    ck_assert_int_eq(x12_remit_service_allowed_cents(s), 12000);
    ck_assert(!x12_remit_service_has_allowed(x12_remit_claim_service_at(c, 1)));

    c = x12_remit_payment_claim_at(p, 2);
    ck_assert_int_eq(x12_remit_claim_outcome(c), X12_REMIT_NO_PAYMENT);
    ck_assert_uint_eq(x12_remit_claim_denial_reason_count(c), 0);
    ck_assert_int_eq(x12_remit_claim_patient_share_cents(c, X12_REMIT_SHARE_DEDUCTIBLE), 8000);
    for (i = 0; i < 3; i++)
        ck_assert(x12_remit_claim_balanced(x12_remit_payment_claim_at(p, i)));
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* Two payments in one group; the first has two LX groups with TS3 totals
 * and two claims without service lines; header, payer and payee data. */
START_TEST(test_multi)
{
    size_t len;
    char *data = fixture("remit-multi.x12", &len);
    x12_remit_doc *d;
    const x12_remit_payment *p;
    const x12_remit_claim *c;
    const x12_remit_name *n;
    const x12_remit_service *s;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    ck_assert_uint_eq(x12_remit_doc_error_count(d), 0);
    ck_assert_uint_eq(x12_remit_doc_payment_count(d), 2);
    p = x12_remit_doc_payment_at(d, 0);
    ck_assert(view_eq(x12_remit_payment_method(p), "ACH"));
    ck_assert(view_eq(x12_remit_payment_trace_number(p), "EFT20240301A"));
    ck_assert(view_eq(x12_remit_payment_date(p), "20240301"));
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_PRODUCTION_DATE), "20240229"));
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_RECEIVER_ID), "LAKESIDECLINIC"));
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_CONTROL_NUMBER), "0001"));
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_RECEIVER_DFI), "021000021"));
    n = x12_remit_payment_payer(p);
    ck_assert(view_eq(x12_remit_name_get(n, X12_RN_NAME), "HEARTLAND HEALTH PLAN"));
    ck_assert(view_eq(x12_remit_name_get(n, X12_RN_POSTAL_CODE), "503060440"));
    ck_assert_uint_eq(x12_remit_name_contact_count(n), 1);
    ck_assert(view_eq(x12_remit_contact_element(x12_remit_name_contact_at(n, 0), 4),
                      "8005550142"));
    n = x12_remit_payment_payee(p);
    ck_assert(view_eq(x12_remit_name_get(n, X12_RN_ID), "1234567893"));
    ck_assert(view_eq(x12_remit_ref_value(x12_remit_name_ref_at(n, 0)), "421234567"));
    ck_assert_uint_eq(x12_remit_payment_header_count(p), 2);
    ck_assert(view_eq(x12_remit_header_ts3(x12_remit_payment_header_at(p, 1), 5), "1000.00"));
    ck_assert_uint_eq(x12_remit_payment_claim_count(p), 3);
    c = x12_remit_payment_claim_at(p, 1);
    ck_assert_uint_eq(x12_remit_claim_service_count(c), 0);
    ck_assert(x12_remit_claim_balanced(c));
    ck_assert(view_eq(x12_remit_header_number(x12_remit_claim_header(c)), "1"));
    c = x12_remit_payment_claim_at(p, 2);
    ck_assert(view_eq(x12_remit_header_number(x12_remit_claim_header(c)), "2"));
    ck_assert(view_eq(x12_remit_claim_find_date(c, "233"), "20240214"));
    ck_assert(view_eq(x12_remit_name_get(x12_remit_claim_find_name(c, "QC"), X12_RN_ID),
                      "W300400300"));
    ck_assert_ptr_null(x12_remit_claim_find_name(c, "IL"));
    c = x12_remit_payment_claim_at(p, 0);
    ck_assert_int_eq(x12_remit_claim_patient_share_cents(c, X12_REMIT_SHARE_COINSURANCE), 5000);
    ck_assert_int_eq(x12_remit_service_paid_cents(x12_remit_claim_service_at(c, 0)), 45000);
    ck_assert(x12_remit_claim_balanced(c));
    ck_assert(x12_remit_payment_balanced(p));

    p = x12_remit_doc_payment_at(d, 1);
    ck_assert_uint_eq(x12_remit_payment_index(p), 1);
    ck_assert(view_eq(x12_remit_payment_get(p, X12_RP_CONTROL_NUMBER), "0002"));
    c = x12_remit_payment_claim_at(p, 0);
    ck_assert_str_eq(x12_remit_claim_status_text(c), "This payer was secondary for the claim.");
    s = x12_remit_claim_service_at(c, 0);
    ck_assert_int_eq(x12_remit_service_units_milli(s), 2000);
    ck_assert(view_eq(x12_remit_service_get(s, X12_RS_MODIFIER1), "GP"));
    ck_assert(view_eq(x12_remit_service_find_date(s, "472"), "20240220"));
    ck_assert(x12_remit_payment_balanced(p));
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* A file that balances nowhere still parses fully; each problem is a
 * located warning (never an error) kept with its claim or payment. */
START_TEST(test_unbalanced)
{
    size_t len;
    char *data = fixture("remit-unbalanced.x12", &len);
    x12_remit_doc *d;
    tbuf rules = {0};
    size_t i;
    const x12_remit_payment *p;
    const x12_remit_claim *c;
    const x12_error *e;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    rules_of(d, &rules);
    ck_assert_str_eq(rules.p, "balance-claim@17;balance-patient@17;balance-line@24;"
                              "balance-claim@22;balance-payment@4;");
    for (i = 0; i < x12_remit_doc_error_count(d); i++)
        ck_assert_int_eq(x12_error_severity(x12_remit_doc_error_at(d, i)), X12_SEV_WARNING);
    p = x12_remit_doc_payment_at(d, 0);
    ck_assert(!x12_remit_payment_balanced(p));
    ck_assert_uint_eq(x12_remit_payment_claim_count(p), 2);
    c = x12_remit_payment_claim_at(p, 0);
    ck_assert_uint_eq(x12_remit_claim_error_count(c), 2);
    ck_assert_uint_eq(x12_remit_claim_total_errors(c), 0);
    ck_assert(!x12_remit_claim_balanced(c));
    ck_assert(x12_remit_service_balanced(x12_remit_claim_service_at(c, 0)));
    e = x12_remit_claim_error_at(c, 0);
    ck_assert_str_eq(x12_error_message(e), "claim does not balance: CLP03 300.00 minus claim and "
                                           "line adjustments 90.00 is 210.00, CLP04 says 200.00");
    ck_assert_str_eq(x12_error_loop_id(e), "2100");
    ck_assert_uint_eq(x12_error_element(e), 4);
    c = x12_remit_payment_claim_at(p, 1);
    ck_assert(!x12_remit_service_balanced(x12_remit_claim_service_at(c, 0)));
    e = x12_remit_claim_error_at(c, 0);
    ck_assert_str_eq(x12_error_rule(e), "balance-line");
    ck_assert_str_eq(x12_error_loop_id(e), "2110");
    ck_assert_uint_eq(x12_error_element(e), 3);
    ck_assert_uint_eq(x12_remit_payment_error_count(p), 1);
    e = x12_remit_payment_error_at(p, 0);
    ck_assert_str_eq(x12_error_segment_id(e), "BPR");
    ck_assert_uint_eq(x12_error_element(e), 2);
    tbuf_free(&rules);
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* Malformed content gives located errors and parsing goes on: SVC and CAS
 * before any CLP, a bad and an over-precise amount, a non-numeric CAS
 * amount, a CLP missing its status and payment.  Each error names the
 * segment number, id, element and byte offset. */
START_TEST(test_malformed)
{
    size_t len;
    char *data = fixture("remit-malformed.x12", &len);
    x12_remit_doc *d;
    tbuf rules = {0};
    const x12_remit_payment *p;
    const x12_error *e;
    size_t i;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    rules_of(d, &rules);
    ck_assert_str_eq(rules.p, "outside-claim@17;outside-claim@18;amount@19;amount@21;amount@22;"
                              "required@23;required@23;");
    e = x12_remit_doc_error_at(d, 2);
    ck_assert_str_eq(x12_error_segment_id(e), "CLP");
    ck_assert_uint_eq(x12_error_element(e), 3);
    ck_assert_int_eq(x12_error_status(e), X12_ESYNTAX);
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_ERROR);
    /* The offset is the bad element's first byte. */
    ck_assert(memcmp(data + x12_error_offset(e), "12.3.4*", 7) == 0);
    e = x12_remit_doc_error_at(d, 3);
    ck_assert_str_eq(x12_error_message(e), "SVC02 is not a valid amount: more than two decimal "
                                           "places");
    ck_assert(memcmp(data + x12_error_offset(e), "100.005", 7) == 0);
    e = x12_remit_doc_error_at(d, 6);
    ck_assert_uint_eq(x12_error_element(e), 4);
    p = x12_remit_doc_payment_at(d, 0);
    ck_assert_uint_eq(x12_remit_payment_claim_count(p), 2);
    ck_assert_uint_eq(x12_remit_claim_total_errors(x12_remit_payment_claim_at(p, 0)), 3);
    ck_assert_uint_eq(x12_remit_claim_total_errors(x12_remit_payment_claim_at(p, 1)), 2);
    ck_assert_uint_eq(x12_remit_payment_error_count(p), 2); /* the two outside-claim */
    /* The payment cannot be called balanced with unreadable amounts. */
    ck_assert(!x12_remit_payment_balanced(p));
    for (i = 0; i < x12_remit_doc_error_count(d); i++)
        ck_assert_int_eq(x12_error_severity(x12_remit_doc_error_at(d, i)), X12_SEV_ERROR);
    tbuf_free(&rules);
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

static int contains(const char *hay, x12_str needle)
{
    size_t n = strlen(hay), i;

    if (needle.len < 3)
        return 0; /* single characters and codes occur everywhere */
    for (i = 0; i + needle.len <= n; i++)
        if (memcmp(hay + i, needle.ptr, needle.len) == 0)
            return 1;
    return 0;
}

/* No diagnostic of any fixture or corpus file quotes a patient control
 * number, a patient/insured name or member id. */
START_TEST(test_no_phi_in_messages)
{
    size_t i, j, k, m, checked = 0;

    for (i = 0; i < NFIXTURES + NCORPUS; i++) {
        size_t len;
        char *data = i < NFIXTURES ? fixture(fixtures[i], &len)
                                   : corpus_file(corpus_cases[i - NFIXTURES].file, &len);
        x12_remit_doc *d;

        if (data == NULL)
            continue;
        ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
        for (j = 0; j < x12_remit_doc_payment_count(d); j++) {
            const x12_remit_payment *p = x12_remit_doc_payment_at(d, j);

            for (k = 0; k < x12_remit_payment_claim_count(p); k++) {
                const x12_remit_claim *c = x12_remit_payment_claim_at(p, k);
                x12_str phi[16];
                size_t nphi = 0, e, n;

                phi[nphi++] = x12_remit_claim_patient_control_number(c);
                for (n = 0; n < x12_remit_claim_name_count(c) && nphi + 3 <= 16; n++) {
                    const x12_remit_name *nm = x12_remit_claim_name_at(c, n);

                    phi[nphi++] = x12_remit_name_get(nm, X12_RN_NAME);
                    phi[nphi++] = x12_remit_name_get(nm, X12_RN_FIRST);
                    phi[nphi++] = x12_remit_name_get(nm, X12_RN_ID);
                }
                for (e = 0; e < x12_remit_doc_error_count(d); e++) {
                    char line[512];

                    x12_error_format(x12_remit_doc_error_at(d, e), line, sizeof line);
                    for (m = 0; m < nphi; m++) {
                        ck_assert_msg(!contains(line, phi[m]), "PHI in '%s'", line);
                        checked++;
                    }
                }
            }
        }
        x12_remit_doc_free(d);
        free(data);
    }
    /* The malformed fixture alone has 7 messages against 4+ values each. */
    ck_assert_uint_gt(checked, 50);
}
END_TEST

/* ---- code tables, other inputs, API edges ------------------------------------ */

/* examples/data/remittance.835, the ERA the examples and `make demo` use. */
static char *example_era(size_t *len)
{
    const char *dir = getenv("X12_EXAMPLE_DATA");
    char path[4096];
    char *d;

    snprintf(path, sizeof path, "%s/remittance.835", dir != NULL ? dir : "examples/data");
    d = slurp(path, len);
    ck_assert_msg(d != NULL, "cannot read %s", path);
    return d;
}

/* The compiled-in code lists: sizes, versions, lookups by length-delimited
 * code, and a description for every CARC, RARC, CLP02 and PLB reason in the
 * corpus, the fixtures and the bundled example ERA. */
START_TEST(test_codes)
{
    size_t i, j, k, l;
    const char *t;

    ck_assert_uint_ge(x12_remit_code_count(X12_CODESET_CARC), 150);
    ck_assert_uint_ge(x12_remit_code_count(X12_CODESET_RARC), 100);
    ck_assert_uint_eq(x12_remit_code_count(X12_CODESET_CLAIM_STATUS), 10);
    ck_assert_uint_eq(x12_remit_code_count(X12_CODESET_GROUP), 5);
    ck_assert_uint_eq(x12_remit_code_count((x12_remit_codeset)99), 0);
    ck_assert_str_eq(x12_remit_code_list_version(X12_CODESET_CARC), "2024-07-01");
    ck_assert_ptr_null(x12_remit_code_list_version((x12_remit_codeset)0));
    t = x12_remit_code_text(X12_CODESET_CARC, "45xyz", 2);
    ck_assert_ptr_nonnull(t);
    ck_assert(strstr(t, "fee schedule") != NULL);
    ck_assert_ptr_nonnull(x12_remit_code_text(X12_CODESET_CARC, "1", 1));
    ck_assert_ptr_nonnull(x12_remit_code_text(X12_CODESET_CARC, "Y3", 2));
    ck_assert_ptr_nonnull(x12_remit_code_text(X12_CODESET_RARC, "N14", 3));
    ck_assert_ptr_nonnull(x12_remit_code_text(X12_CODESET_GROUP, "PR", 2));
    ck_assert_ptr_nonnull(x12_remit_code_text(X12_CODESET_PLB_REASON, "WO", 2));
    ck_assert_ptr_null(x12_remit_code_text(X12_CODESET_CARC, "ZZZ", 3));
    ck_assert_ptr_null(x12_remit_code_text(X12_CODESET_CARC, "17", 2));
    ck_assert_ptr_null(x12_remit_code_text(X12_CODESET_CARC, "", 0));
    ck_assert_ptr_null(x12_remit_code_text(X12_CODESET_CARC, NULL, 2));

    for (i = 0; i <= NFIXTURES + NCORPUS; i++) {
        size_t len;
        char *data = i < NFIXTURES  ? fixture(fixtures[i], &len)
                     : i < NFIXTURES + NCORPUS
                         ? corpus_file(corpus_cases[i - NFIXTURES].file, &len)
                         : example_era(&len);
        x12_remit_doc *d;

        if (data == NULL)
            continue;
        ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
        for (j = 0; j < x12_remit_doc_payment_count(d); j++) {
            const x12_remit_payment *p = x12_remit_doc_payment_at(d, j);

            for (k = 0; k < x12_remit_payment_plb_count(p); k++) {
                x12_str r = x12_remit_plb_reason(x12_remit_payment_plb_at(p, k));

                ck_assert_msg(x12_remit_code_text(X12_CODESET_PLB_REASON, r.ptr, r.len) != NULL,
                              "PLB reason %.*s", (int)r.len, r.ptr);
            }

            for (k = 0; k < x12_remit_payment_claim_count(p); k++) {
                const x12_remit_claim *c = x12_remit_payment_claim_at(p, k);
                x12_str st = x12_remit_claim_status(c);

                if (st.len > 0)
                    ck_assert_str_ne(x12_remit_claim_status_text(c), "");
                for (l = 0; l < x12_remit_claim_adjustment_count(c); l++) {
                    x12_str r = x12_remit_adjustment_reason(x12_remit_claim_adjustment_at(c, l));

                    ck_assert_msg(x12_remit_code_text(X12_CODESET_CARC, r.ptr, r.len) != NULL,
                                  "CARC %.*s", (int)r.len, r.ptr);
                }
                for (l = 0; l < x12_remit_claim_remark_count(c); l++) {
                    x12_str r = x12_remit_remark_code(x12_remit_claim_remark_at(c, l));

                    ck_assert_ptr_nonnull(x12_remit_code_text(X12_CODESET_RARC, r.ptr, r.len));
                }
                for (l = 0; l < x12_remit_claim_service_count(c); l++) {
                    const x12_remit_service *s = x12_remit_claim_service_at(c, l);
                    size_t a;

                    for (a = 0; a < x12_remit_service_adjustment_count(s); a++) {
                        x12_str r =
                            x12_remit_adjustment_reason(x12_remit_service_adjustment_at(s, a));

                        ck_assert_msg(x12_remit_code_text(X12_CODESET_CARC, r.ptr, r.len) !=
                                          NULL,
                                      "CARC %.*s", (int)r.len, r.ptr);
                    }
                    for (a = 0; a < x12_remit_service_remark_count(s); a++) {
                        x12_str r = x12_remit_remark_code(x12_remit_service_remark_at(s, a));

                        ck_assert_msg(x12_remit_code_text(X12_CODESET_RARC, r.ptr, r.len) !=
                                          NULL,
                                      "RARC %.*s", (int)r.len, r.ptr);
                    }
                }
            }
        }
        x12_remit_doc_free(d);
        free(data);
    }
}
END_TEST

/* Transaction sets other than 835 are skipped with one warning each; an 837
 * gives no payments. */
START_TEST(test_not_835)
{
    size_t len;
    char *data = fixture("cli-small.x12", &len);
    x12_remit_doc *d;
    size_t i, warnings = 0;

    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len, &d), X12_OK);
    ck_assert_uint_eq(x12_remit_doc_payment_count(d), 0);
    for (i = 0; i < x12_remit_doc_error_count(d); i++)
        if (strcmp(x12_error_rule(x12_remit_doc_error_at(d, i)), "not-835") == 0)
            warnings++;
    ck_assert_uint_ge(warnings, 1);
    x12_remit_doc_free(d);
    free(data);
}
END_TEST

/* Input the reader cannot go on with: the stream returns the reader's
 * status, keeps returning it, and x12_remit_parse_* hand out no tree.
 * Argument and state checks. */
START_TEST(test_fatal_and_api)
{
    static const char junk[] = "this is not X12 at all";
    x12_remit_stream *s;
    x12_remit_event ev;
    x12_remit_doc *d = (x12_remit_doc *)1;
    x12_status st;
    size_t len;
    char *data;

    st = x12_remit_parse_buffer(NULL, junk, sizeof junk - 1, &d);
    ck_assert_int_ne(st, X12_OK);
    ck_assert_int_ne(st, X12_END);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(x12_remit_parse_path(NULL, "/nonexistent/x.835", &d), X12_EIO);
    ck_assert_ptr_null(d);

    ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), junk, sizeof junk - 1),
                     X12_OK);
    st = x12_remit_stream_next(s, &ev);
    ck_assert_int_ne(st, X12_OK);
    ck_assert_ptr_nonnull(x12_remit_stream_last_error(s));
    ck_assert_int_eq(x12_remit_stream_next(s, &ev), st);
    x12_remit_stream_free(s);

    /* collect after next is a state error; a truncated file parses what it can. */
    data = fixture("remit-multi.x12", &len);
    ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), data, len), X12_OK);
    ck_assert_int_eq(x12_remit_stream_next(s, &ev), X12_OK);
    ck_assert_int_eq(ev, X12_REMIT_EV_PAYMENT);
    ck_assert_int_eq(x12_remit_stream_collect(s, &d), X12_ESTATE);
    x12_remit_stream_free(s);
    ck_assert_int_eq(x12_remit_parse_buffer(NULL, data, len / 2, &d), X12_OK);
    ck_assert_uint_eq(x12_remit_doc_payment_count(d), 1); /* SE missing: reported */
    ck_assert_uint_gt(x12_remit_doc_error_count(d), 0);
    x12_remit_doc_free(d);
    free(data);

    ck_assert_int_eq(x12_remit_stream_new(NULL, NULL, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_stream_next(NULL, &ev), X12_EINVAL);
    ck_assert_ptr_null(x12_remit_stream_claim(NULL));
    ck_assert_int_eq(x12_remit_claim_paid_cents(NULL), 0);
    ck_assert_uint_eq(x12_remit_claim_service_count(NULL), 0);
    ck_assert_ptr_null(x12_remit_claim_service_at(NULL, 0));
    ck_assert_uint_eq(x12_remit_claim_patient_control_number(NULL).len, 0);
    ck_assert_ptr_nonnull(x12_remit_claim_patient_control_number(NULL).ptr);
    ck_assert_str_eq(x12_remit_outcome_name(X12_REMIT_PARTIAL), "partially_paid");
    x12_remit_doc_free(NULL);
    x12_remit_stream_free(NULL);
}
END_TEST

/* A caller allocator is used for everything, and running out of memory at
 * any allocation gives X12_ENOMEM (never a crash or a leak). */
START_TEST(test_allocator_and_oom)
{
    size_t len;
    char *data = fixture("remit-denials.x12", &len);
    failcount cnt = {0, 0, -1};
    x12_allocator al = {sizeof al, failcount_malloc, failcount_realloc, failcount_free, &cnt};
    x12_remit_doc *d;
    long total, n;

    ck_assert_int_eq(x12_remit_parse_buffer(&al, data, len, &d), X12_OK);
    x12_remit_doc_free(d);
    ck_assert_int_eq(cnt.allocs, cnt.frees);
    total = cnt.allocs;
    ck_assert_int_gt(total, 10);
    for (n = 0; n < total; n++) {
        x12_status st;

        cnt.allocs = cnt.frees = 0;
        cnt.fail_at = n;
        st = x12_remit_parse_buffer(&al, data, len, &d);
        ck_assert_msg(st == X12_ENOMEM, "fail at %ld: %d", n, st);
        ck_assert_ptr_null(d);
        ck_assert_msg(cnt.allocs == cnt.frees, "fail at %ld: %ld allocs, %ld frees", n,
                      cnt.allocs, cnt.frees);
    }
    free(data);
}
END_TEST

/* ---- junk in a payment header: diagnostics kept are bounded -------------- */

/* An allocator that tracks the bytes live and their peak. */
typedef struct peak {
    size_t live, peak;
} peak;

static void *p_malloc(size_t n, void *u)
{
    peak *pk = u;
    size_t *h = malloc(n + sizeof(max_align_t));

    if (h == NULL)
        return NULL;
    *h = n;
    pk->live += n;
    if (pk->live > pk->peak)
        pk->peak = pk->live;
    return (char *)h + sizeof(max_align_t);
}

static void p_free(void *p, void *u)
{
    peak *pk = u;
    size_t *h;

    if (p == NULL)
        return;
    h = (size_t *)((char *)p - sizeof(max_align_t));
    pk->live -= *h;
    free(h);
}

static void *p_realloc(void *p, size_t n, void *u)
{
    void *q = p_malloc(n, u);
    size_t old;

    if (q == NULL || p == NULL)
        return q;
    old = *(size_t *)((char *)p - sizeof(max_align_t));
    memcpy(q, p, old < n ? old : n);
    p_free(p, u);
    return q;
}

static void count_diag(void *u, const x12_error *e)
{
    (void)e;
    (*(uint64_t *)u)++;
}

typedef struct junk_run {
    size_t peak;           /* bytes */
    uint64_t seen;         /* by the error handler */
    uint64_t listed;       /* in the per-call lists */
    uint64_t dropped;      /* counted past the limit */
    size_t pay_issues;     /* kept by the first payment */
    uint64_t pay_dropped;
    uint64_t claims;
} junk_run;

/* remit-multi.x12 with `n` copies of `junk` before its first LX, streamed
 * through a stream whose limit is `max`. */
static junk_run run_junk(const char *junk, size_t n, size_t max)
{
    size_t len;
    char *buf = with_junk("remit-multi.x12", "LX*1~", junk, n, &len);
    peak pk = {0, 0};
    x12_allocator al = {sizeof al, p_malloc, p_realloc, p_free, &pk};
    x12_remit_stream *s;
    x12_remit_event ev;
    x12_status st;
    junk_run r;

    memset(&r, 0, sizeof r);
    ck_assert_int_eq(x12_remit_stream_new(&al, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_remit_stream_set_max_errors(s, max), X12_OK);
    x12_remit_stream_set_error_handler(s, count_diag, &r.seen);
    ck_assert_int_eq(x12_reader_open_buffer(x12_remit_stream_reader(s), buf, len), X12_OK);
    while ((st = x12_remit_stream_next(s, &ev)) == X12_OK) {
        r.listed += x12_remit_stream_error_count(s);
        r.dropped += x12_remit_stream_errors_dropped(s);
        if (max != 0)
            ck_assert_uint_le(x12_remit_stream_error_count(s), max);
        if (ev == X12_REMIT_EV_CLAIM)
            r.claims++;
        if (ev == X12_REMIT_EV_PAYMENT_END && x12_remit_payment_index(x12_remit_stream_payment(s)) == 0) {
            r.pay_issues = x12_remit_payment_error_count(x12_remit_stream_payment(s));
            r.pay_dropped = x12_remit_payment_errors_dropped(x12_remit_stream_payment(s));
        }
    }
    ck_assert_int_eq(st, X12_END);
    r.listed += x12_remit_stream_error_count(s);
    r.dropped += x12_remit_stream_errors_dropped(s);
    x12_remit_stream_free(s);
    ck_assert_uint_eq(pk.live, 0);
    r.peak = pk.peak;
    free(buf);
    return r;
}

/* Issue 20 item 3: 400,000 junk segments in a payment header once kept
 * every diagnostic until the next event (124 MB for 2 MB of "!!~", more
 * for CAS outside a claim, which the payment kept as well).  Now memory is
 * the same for 40,000 and 400,000 of them, every one is still seen by the
 * handler and counted, the first ones are kept, and the claims after the
 * junk are all read. */
START_TEST(test_junk_diagnostics_bounded)
{
    static const char *const junks[] = {"!!~\n", "CAS~\n"};
    size_t k;

    for (k = 0; k < 2; k++) {
        junk_run small = run_junk(junks[k], 40000, X12_REMIT_DEFAULT_MAX_ERRORS);
        junk_run big = run_junk(junks[k], 400000, X12_REMIT_DEFAULT_MAX_ERRORS);
        junk_run few = run_junk(junks[k], 5, X12_REMIT_DEFAULT_MAX_ERRORS);

        ck_assert_msg(big.peak <= small.peak + small.peak / 50,
                      "%s: peak %zu bytes for 400000 junk segments, %zu for 40000", junks[k],
                      big.peak, small.peak);
        ck_assert_uint_eq(big.claims, few.claims);
        ck_assert_uint_eq(big.seen, few.seen + 400000 - 5);
        ck_assert_uint_eq(big.listed + big.dropped, big.seen);
        ck_assert_uint_ge(big.listed, X12_REMIT_DEFAULT_MAX_ERRORS);
        ck_assert_uint_ge(big.dropped, 400000 - X12_REMIT_DEFAULT_MAX_ERRORS);
        ck_assert_uint_eq(few.dropped, 0);
        if (k == 1) {
            /* CAS outside a claim is also the payment's issue. */
            ck_assert_uint_eq(big.pay_issues, X12_REMIT_DEFAULT_MAX_ERRORS);
            ck_assert_uint_eq(big.pay_dropped, 400000 - X12_REMIT_DEFAULT_MAX_ERRORS);
            ck_assert_uint_eq(few.pay_issues, 5);
            ck_assert_uint_eq(few.pay_dropped, 0);
        }
    }
    {
        /* A limit of 0 keeps everything; a small one keeps that many. */
        junk_run all = run_junk("CAS~\n", 3000, 0);
        junk_run ten = run_junk("CAS~\n", 3000, 10);

        ck_assert_uint_eq(all.dropped, 0);
        ck_assert_uint_eq(all.pay_issues, 3000);
        ck_assert_uint_eq(ten.pay_issues, 10);
        ck_assert_uint_eq(ten.pay_dropped, 2990);
        ck_assert_uint_eq(ten.listed + ten.dropped, all.listed);
        ck_assert_uint_lt(ten.peak, all.peak);
    }
    ck_assert_int_eq(x12_remit_stream_set_max_errors(NULL, 5), X12_EINVAL);
    ck_assert_uint_eq(x12_remit_stream_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_remit_claim_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_remit_payment_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_remit_doc_errors_dropped(NULL), 0);
}
END_TEST

/* Trees: what one event brings past the limit is counted in the document. */
START_TEST(test_junk_tree_counts_dropped)
{
    size_t len, jl = 5, n = 2500, i, at;
    char *data = fixture("remit-multi.x12", &len), *buf;
    x12_remit_doc *d;

    at = (size_t)(strstr(data, "LX*1~") - data);
    buf = malloc(len + n * jl);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, data, at);
    for (i = 0; i < n; i++)
        memcpy(buf + at + i * jl, "CAS~\n", jl);
    memcpy(buf + at + n * jl, data + at, len - at);
    ck_assert_int_eq(x12_remit_parse_buffer(NULL, buf, len + n * jl, &d), X12_OK);
    ck_assert_uint_eq(x12_remit_doc_error_count(d) + x12_remit_doc_errors_dropped(d),
                      n + 1); /* + SE01's count, now wrong */
    /* The junk comes with the payment's first event; SE01's error with a
     * later one, under its own limit. */
    ck_assert_uint_eq(x12_remit_doc_errors_dropped(d), n - X12_REMIT_DEFAULT_MAX_ERRORS);
    ck_assert_uint_eq(x12_remit_payment_errors_dropped(x12_remit_doc_payment_at(d, 0)),
                      n - X12_REMIT_DEFAULT_MAX_ERRORS);
    {
        /* Pushed in small chunks the tree is the same: the limit counts per
         * event, not per call, so where X12_AGAIN cuts the input changes
         * nothing (fuzz/regressions/remit835-diag-limit-per-call.bin: the
         * pushed tree once kept all 2500). */
        static const size_t sizes[] = {7, 4096};
        size_t k, j;

        for (k = 0; k < 2; k++) {
            x12_reader *r;
            x12_remit_stream *s;
            x12_remit_doc *p = NULL;
            x12_status st = X12_AGAIN;
            size_t off = 0, total = len + n * jl;

            ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
            ck_assert_int_eq(x12_remit_stream_new(NULL, r, &s), X12_OK);
            while (st == X12_AGAIN) {
                size_t c = sizes[k] < total - off ? sizes[k] : total - off;

                ck_assert_int_eq(x12_reader_feed(r, buf + off, c, off + c == total), X12_OK);
                off += c;
                st = x12_remit_stream_collect(s, &p);
            }
            ck_assert_int_eq(st, X12_OK);
            ck_assert_uint_eq(x12_remit_doc_error_count(p), x12_remit_doc_error_count(d));
            ck_assert_uint_eq(x12_remit_doc_errors_dropped(p), x12_remit_doc_errors_dropped(d));
            for (j = 0; j < x12_remit_doc_error_count(d); j++)
                ck_assert_uint_eq(x12_error_offset(x12_remit_doc_error_at(p, j)),
                                  x12_error_offset(x12_remit_doc_error_at(d, j)));
            x12_remit_doc_free(p);
            x12_remit_stream_free(s);
            x12_reader_free(r);
        }
    }
    x12_remit_doc_free(d);
    free(buf);
    free(data);
}
END_TEST

static Suite *remit_suite(void)
{
    Suite *s = suite_create("remit835");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_parse_cents);
    tcase_add_test(tc, test_stream_equals_tree);
    tcase_add_test(tc, test_push_and_gzip);
    tcase_add_test(tc, test_reversal_and_plb);
    tcase_add_test(tc, test_reversal_streaming);
    tcase_add_test(tc, test_denials);
    tcase_add_test(tc, test_multi);
    tcase_add_test(tc, test_unbalanced);
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_no_phi_in_messages);
    tcase_add_test(tc, test_codes);
    tcase_add_test(tc, test_not_835);
    tcase_add_test(tc, test_fatal_and_api);
    tcase_add_test(tc, test_allocator_and_oom);
    tcase_add_test(tc, test_junk_diagnostics_bounded);
    tcase_add_test(tc, test_junk_tree_counts_dropped);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_remit835_corpus */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_corpus_totals);
    tcase_add_test(tc, test_corpus_medicare_detail);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(remit_suite)
