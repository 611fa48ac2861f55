/*
 * check_recon: 837 claims reconciled with 835 remittances (recon.h).
 *
 * The fixtures (tests/data/recon-*.xml, built into recon-*.837, and
 * recon-era1/2/3.835) hold one claim per case; recon-sent.xml lists them.
 * Every amount below is worked out by hand from those files, in cents.
 */
#include <zlib.h>

#include "testutil.h"

#define OK(x) ck_assert_int_eq((x), X12_OK)

static const char *const CLAIM_FILES[] = {"recon-sent.837", "recon-old.837", "recon-resent.837",
                                          "recon-inst.837"};
static const char *const REMIT_FILES[] = {"recon-era1.835", "recon-era2.835", "recon-era3.835"};

/* Diagnostics seen through the handler, formatted "SOURCE:SEGNO:SEGID: msg [rule]". */
static void collect(void *user, const x12_error *e, size_t source)
{
    tbuf *t = user;
    char line[512], pre[32];

    x12_error_format(e, line, sizeof line);
    snprintf(pre, sizeof pre, "%zd:", source == SIZE_MAX ? (ssize_t)-1 : (ssize_t)source);
    tbuf_str(t, pre);
    tbuf_str(t, line);
    tbuf_str(t, " [");
    tbuf_str(t, x12_error_rule(e));
    tbuf_str(t, "]\n");
}

/* Reads the fixtures: the claims files in `corder` (indexes into
 * CLAIM_FILES, -1 ends), the remittances in `rorder`; remits first when
 * `remits_first`.  With `ack` the 277CA rejection of R-REJECT. */
static x12_recon *fixture_order(const x12_allocator *a, const int *corder, const int *rorder,
                                int remits_first, int ack, tbuf *diags)
{
    x12_recon *r;
    int pass, i;

    OK(x12_recon_new(a, &r));
    if (diags != NULL)
        x12_recon_set_error_handler(r, collect, diags);
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    for (pass = 0; pass < 2; pass++) {
        int remits = pass == 0 ? remits_first : !remits_first;
        const int *ord = remits ? rorder : corder;
        for (i = 0; ord[i] >= 0; i++) {
            const char *name = remits ? REMIT_FILES[ord[i]] : CLAIM_FILES[ord[i]];
            if (remits)
                OK(x12_recon_read_remits_path(r, data_path(name), NULL));
            else
                OK(x12_recon_read_claims_path(r, data_path(name), NULL));
        }
    }
    if (ack)
        OK(x12_recon_add_ack(r, "R-REJECT", X12_NTS, "20250302", X12_NTS, X12_RECON_ACK_REJECTED,
                             "A7:562:85", X12_NTS));
    OK(x12_recon_finish(r));
    return r;
}

static x12_recon *fixture(tbuf *diags)
{
    static const int c[] = {0, 1, 2, 3, -1}, m[] = {0, 1, 2, -1};

    return fixture_order(NULL, c, m, 0, 1, diags);
}

static const x12_recon_claim *claim(const x12_recon *r, const char *pcn)
{
    const x12_recon_claim *c = x12_recon_find_claim(r, pcn, X12_NTS);

    ck_assert_msg(c != NULL, "no claim %s", pcn);
    return c;
}

static int is(x12_str v, const char *s)
{
    return v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}

#define STR_EQ(view, s)                                                                        \
    ck_assert_msg(is((view), (s)), "%s: '%.*s', want '%s'", #view, (int)(view).len, (view).ptr, (s))

/* The money of a claim (or line): charged, paid, CO, PR, other, unbalanced. */
static void money(const x12_recon_claim *c, int64_t charged, int64_t paid, int64_t co,
                  int64_t pr, int64_t oth, int64_t unb)
{
    const char *pcn = x12_recon_claim_get(c, X12_RECON_CLAIM_PCN).ptr;

    ck_assert_msg(x12_recon_claim_cents(c, X12_RECON_CENTS_CHARGED) == charged, "%.12s charged",
                  pcn);
    ck_assert_msg(x12_recon_claim_cents(c, X12_RECON_CENTS_PAID) == paid, "%.12s paid %lld", pcn,
                  (long long)x12_recon_claim_cents(c, X12_RECON_CENTS_PAID));
    ck_assert_msg(x12_recon_claim_cents(c, X12_RECON_CENTS_CONTRACTUAL) == co, "%.12s co %lld",
                  pcn, (long long)x12_recon_claim_cents(c, X12_RECON_CENTS_CONTRACTUAL));
    ck_assert_msg(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT) == pr, "%.12s pr %lld", pcn,
                  (long long)x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT));
    ck_assert_msg(x12_recon_claim_cents(c, X12_RECON_CENTS_OTHER) == oth, "%.12s other", pcn);
    ck_assert_msg(x12_recon_claim_cents(c, X12_RECON_CENTS_UNBALANCED) == unb,
                  "%.12s unbalanced %lld", pcn,
                  (long long)x12_recon_claim_cents(c, X12_RECON_CENTS_UNBALANCED));
}

static void line_money(const x12_recon_line *l, int64_t charged, int64_t paid, int64_t co,
                       int64_t pr, int64_t oth)
{
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_CHARGED), charged);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_PAID), paid);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_CONTRACTUAL), co);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT), pr);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_OTHER), oth);
}

static void outcome(const x12_recon_claim *c, x12_recon_state st, x12_recon_action a,
                    const char *rule)
{
    const char *pcn = x12_recon_claim_get(c, X12_RECON_CLAIM_PCN).ptr;

    ck_assert_msg(x12_recon_claim_state(c) == st, "%.12s: state %s, want %s", pcn,
                  x12_recon_state_name(x12_recon_claim_state(c)), x12_recon_state_name(st));
    ck_assert_msg(x12_recon_claim_action(c) == a, "%.12s: action %s, want %s", pcn,
                  x12_recon_action_name(x12_recon_claim_action(c)), x12_recon_action_name(a));
    ck_assert_msg(strcmp(x12_recon_claim_action_rule(c), rule) == 0, "%.12s: rule %s, want %s",
                  pcn, x12_recon_claim_action_rule(c), rule);
    ck_assert(x12_recon_claim_action_reason(c)[0] != '\0');
}

/* The netted reason group-code of a claim, or fails. */
static const x12_recon_reason *reason(const x12_recon_claim *c, const char *group,
                                      const char *code)
{
    size_t i;

    for (i = 0; i < x12_recon_claim_reason_count(c); i++) {
        const x12_recon_reason *rs = x12_recon_claim_reason_at(c, i);
        if (is(x12_recon_reason_group(rs), group) && is(x12_recon_reason_code(rs), code))
            return rs;
    }
    ck_abort_msg("no reason %s-%s", group, code);
    return NULL;
}

/* ---- every state and every action ------------------------------------------------------- */

/* Paid with contractual and patient shares; what the patient paid at the
 * visit (AMT*F5) comes off what she owes. */
START_TEST(test_paid)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-PAID");
    const x12_recon_line *l;

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_BILL_PATIENT, "deductible");
    money(c, 18500, 11000, 4500, 3000, 0, 0);
    ck_assert_int_eq(x12_recon_claim_balanced(c), 1);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_PAID), 1000);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_DUE), 2000);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 0);
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 4); /* 2025-03-01 to 03-05 */
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_PAYER_CLAIM_NUMBER), "E10001");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_SERVICE_FROM), "20250220");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_SUBMITTED), "20250301");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_KIND), "837P");
    ck_assert_int_eq(x12_recon_reason_cents(reason(c, "CO", "45")), 4500);
    ck_assert_int_eq(x12_recon_reason_cents(reason(c, "PR", "1")), 1000);
    ck_assert_int_eq(x12_recon_reason_cents(reason(c, "PR", "2")), 2000);
    ck_assert_int_eq(x12_recon_reason_effect(reason(c, "CO", "45")), X12_RECON_EFFECT_CONTRACTUAL);
    ck_assert_uint_eq(x12_recon_claim_line_count(c), 2);
    l = x12_recon_claim_line_at(c, 0);
    ck_assert_uint_eq(x12_recon_line_number(l), 1);
    /* DTP*472 D8: the line's from and to are that date */
    STR_EQ(x12_recon_line_get(l, X12_RECON_LINE_SERVICE_FROM), "20250220");
    STR_EQ(x12_recon_line_get(l, X12_RECON_LINE_SERVICE_TO), "20250220");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_SERVICE_TO), "20250220");
    line_money(l, 12500, 8000, 2500, 2000, 0);
    STR_EQ(x12_recon_line_get(l, X12_RECON_LINE_MATCHED_BY), "control_number");
    ck_assert_int_eq(x12_recon_line_action(l), X12_RECON_ACTION_BILL_PATIENT);
    ck_assert_str_eq(x12_recon_line_action_rule(l), "coinsurance");
    ck_assert(strstr(x12_recon_line_patient_text(l), "coinsurance") != NULL);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT_DUE), 2000);
    l = x12_recon_claim_line_at(c, 1);
    line_money(l, 6000, 3000, 2000, 1000, 0);
    ck_assert_str_eq(x12_recon_line_action_rule(l), "deductible");
    ck_assert_uint_eq(x12_recon_claim_remit_count(c), 1);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 0)), X12_RECON_ROLE_COUNTS);
    STR_EQ(x12_recon_remit_get(x12_recon_claim_remit_at(c, 0), X12_RECON_REMIT_TRACE), "T-0305");
    STR_EQ(x12_recon_remit_get(x12_recon_claim_remit_at(c, 0), X12_RECON_REMIT_PAYMENT_DATE),
           "20250306");
    x12_recon_free(r);
}
END_TEST

/* Paid at the contract (write off), paid as billed (nothing to do), and
 * applied in full to the deductible: paid, the patient billed. */
START_TEST(test_paid_variants)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c;

    c = claim(r, "R-WRITEOFF");
    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    money(c, 10000, 8000, 2000, 0, 0, 0);
    c = claim(r, "R-SETTLED");
    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_NONE, "settled");
    money(c, 5000, 5000, 0, 0, 0, 0);
    ck_assert_uint_eq(x12_recon_claim_reason_count(c), 0);
    c = claim(r, "R-DEDUCT");
    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_BILL_PATIENT, "deductible");
    money(c, 15000, 0, 3000, 12000, 0, 0);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_DUE), 12000);
    c = claim(r, "R-CHILD");
    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_BILL_PATIENT, "copay");
    money(c, 12500, 8000, 2500, 2000, 0, 0);
    x12_recon_free(r);
}
END_TEST

/* A line paid and a line denied for medical necessity: partially paid,
 * appeal; each line its own state and action. */
START_TEST(test_partially_paid)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-PARTIAL");
    const x12_recon_line *l;
    const x12_recon_reason *rs;

    outcome(c, X12_RECON_STATE_PARTIALLY_PAID, X12_RECON_ACTION_APPEAL, "medical-necessity");
    money(c, 28000, 15000, 13000, 0, 0, 0);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 8000);
    rs = reason(c, "CO", "50");
    ck_assert_int_eq(x12_recon_reason_cents(rs), 8000);
    ck_assert_uint_eq(x12_recon_reason_remark_count(rs), 1);
    STR_EQ(x12_recon_reason_remark_at(rs, 0), "N115");
    ck_assert_int_eq(x12_recon_reason_action(rs), X12_RECON_ACTION_APPEAL);
    ck_assert_int_eq(x12_recon_reason_effect(rs), X12_RECON_EFFECT_DENIAL);
    l = x12_recon_claim_line_at(c, 0);
    ck_assert_int_eq(x12_recon_line_state(l), X12_RECON_STATE_PAID);
    ck_assert_int_eq(x12_recon_line_action(l), X12_RECON_ACTION_WRITE_OFF);
    l = x12_recon_claim_line_at(c, 1);
    ck_assert_int_eq(x12_recon_line_state(l), X12_RECON_STATE_DENIED);
    ck_assert_int_eq(x12_recon_line_action(l), X12_RECON_ACTION_APPEAL);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_PAYER_BALANCE), 8000);
    /* the 837I claim: the lab line bundled (CO-97) */
    c = claim(r, "R-INPAT");
    outcome(c, X12_RECON_STATE_PARTIALLY_PAID, X12_RECON_ACTION_CORRECT_AND_RESUBMIT, "bundled");
    money(c, 36000, 22000, 14000, 0, 0, 0);
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_KIND), "837I");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_FREQUENCY), "1");
    x12_recon_free(r);
}
END_TEST

/* Denied: CO-16 with MA130 and N290, and coding (CO-4, CO-11): correct
 * and resubmit, the remarks with their reason. */
START_TEST(test_denied)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-CORRECT");
    const x12_recon_reason *rs;

    outcome(c, X12_RECON_STATE_DENIED, X12_RECON_ACTION_CORRECT_AND_RESUBMIT, "not-processable");
    money(c, 12500, 0, 12500, 0, 0, 0);
    rs = reason(c, "CO", "16");
    ck_assert_uint_eq(x12_recon_reason_remark_count(rs), 2);
    STR_EQ(x12_recon_reason_remark_at(rs, 0), "MA130");
    STR_EQ(x12_recon_reason_remark_at(rs, 1), "N290");
    ck_assert_str_eq(x12_recon_reason_rule(rs), "not-processable");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_PAYER_CLAIM_NUMBER), "E10005");
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 12500);
    c = claim(r, "R-CODING");
    outcome(c, X12_RECON_STATE_DENIED, X12_RECON_ACTION_CORRECT_AND_RESUBMIT, "coding");
    money(c, 19500, 0, 19500, 0, 0, 0);
    ck_assert_str_eq(x12_recon_reason_rule(reason(c, "CO", "4")), "coding");
    ck_assert_str_eq(x12_recon_reason_rule(reason(c, "CO", "11")), "coding");
    x12_recon_free(r);
}
END_TEST

/* A payment reversed with nothing after it: reversed, follow up, nothing
 * paid (netted), open. */
START_TEST(test_reversed)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-REVERSED");

    outcome(c, X12_RECON_STATE_REVERSED, X12_RECON_ACTION_FOLLOW_UP, "reversed");
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAID), 0);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_CONTRACTUAL), 0);
    ck_assert_int_eq(x12_recon_claim_balanced(c), -1);
    ck_assert_uint_eq(x12_recon_claim_reason_count(c), 0); /* CO-45 25.00 - 25.00 */
    ck_assert_uint_eq(x12_recon_claim_remit_count(c), 2);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 0)), X12_RECON_ROLE_REVERSED);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 1)), X12_RECON_ROLE_REVERSAL);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 12500);
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 19); /* waiting: to 2025-03-20 */
    x12_recon_free(r);
}
END_TEST

/* Paid wrong, reversed, paid again: the corrected claim's state, money
 * netted over all three. */
START_TEST(test_reversal_and_correction)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-CORRECTED");
    const x12_recon_line *l;

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    money(c, 20000, 15000, 5000, 0, 0, 0); /* 120 - 120 + 150; 80 - 80 + 50 */
    ck_assert_uint_eq(x12_recon_claim_remit_count(c), 3);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 0)), X12_RECON_ROLE_REVERSED);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 1)), X12_RECON_ROLE_REVERSAL);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 2)), X12_RECON_ROLE_COUNTS);
    ck_assert_int_eq(x12_recon_remit_paid_cents(x12_recon_claim_remit_at(c, 1)), -12000);
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_PAYER_CLAIM_NUMBER), "E10009A");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_LAST_REMIT_DATE), "20250315");
    l = x12_recon_claim_line_at(c, 0);
    line_money(l, 20000, 15000, 5000, 0, 0);
    ck_assert_int_eq(x12_recon_line_balanced(l), 1);
    x12_recon_free(r);
}
END_TEST

/* A claim paid in two remittances, lines 1-2 then line 3: the parts add
 * up. */
START_TEST(test_multi_era)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-SPLIT");

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    money(c, 16000, 12800, 3200, 0, 0, 0);
    ck_assert_uint_eq(x12_recon_claim_remit_count(c), 2);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 0)), X12_RECON_ROLE_COUNTS);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 1)), X12_RECON_ROLE_COUNTS);
    line_money(x12_recon_claim_line_at(c, 0), 12500, 10000, 2500, 0, 0);
    line_money(x12_recon_claim_line_at(c, 1), 2000, 1600, 400, 0, 0);
    line_money(x12_recon_claim_line_at(c, 2), 1500, 1200, 300, 0, 0);
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 14); /* to its last remittance */
    x12_recon_free(r);
}
END_TEST

/* Lines without REF*6R, answered out of order, one recoded by the payer
 * (SVC06 holds the code billed): matched by procedure, modifiers, date
 * and charge. */
START_TEST(test_lines_without_ref)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-NOREF");
    size_t i;

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    money(c, 24000, 16200, 7800, 0, 0, 0);
    ck_assert_uint_eq(x12_recon_claim_line_count(c), 3); /* no 835 line left unmatched */
    line_money(x12_recon_claim_line_at(c, 0), 4000, 3200, 800, 0, 0);
    line_money(x12_recon_claim_line_at(c, 1), 5000, 4000, 1000, 0, 0);
    line_money(x12_recon_claim_line_at(c, 2), 15000, 9000, 6000, 0, 0);
    for (i = 0; i < 3; i++) {
        const x12_recon_line *l = x12_recon_claim_line_at(c, i);
        STR_EQ(x12_recon_line_get(l, X12_RECON_LINE_MATCHED_BY), "procedure_date_charge");
        ck_assert_int_eq(x12_recon_line_balanced(l), 1);
    }
    STR_EQ(x12_recon_line_get(x12_recon_claim_line_at(c, 2), X12_RECON_LINE_MODIFIERS), "25");
    /* the 837I lines: by procedure and revenue code (SVC04), and by the
     * revenue code alone (SVC01 NU) */
    c = claim(r, "R-INPAT");
    STR_EQ(x12_recon_line_get(x12_recon_claim_line_at(c, 0), X12_RECON_LINE_MATCHED_BY),
           "procedure_date_charge");
    STR_EQ(x12_recon_line_get(x12_recon_claim_line_at(c, 1), X12_RECON_LINE_MATCHED_BY),
           "procedure_date_charge");
    line_money(x12_recon_claim_line_at(c, 1), 6000, 0, 6000, 0, 0);
    ck_assert_int_eq(x12_recon_line_action(x12_recon_claim_line_at(c, 1)),
                     X12_RECON_ACTION_CORRECT_AND_RESUBMIT);
    x12_recon_free(r);
}
END_TEST

/* The 835 leaves 10.00 unaccounted: unbalanced by it, follow up. */
START_TEST(test_unbalanced)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-UNBAL");
    const x12_recon_line *l = x12_recon_claim_line_at(c, 0);

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_FOLLOW_UP, "unbalanced");
    money(c, 10000, 7000, 2000, 0, 0, 1000);
    ck_assert_int_eq(x12_recon_claim_balanced(c), 0);
    ck_assert_int_eq(x12_recon_line_balanced(l), 0);
    ck_assert_int_eq(x12_recon_line_cents(l, X12_RECON_CENTS_UNBALANCED), 1000);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 1000);
    x12_recon_free(r);
}
END_TEST

/* A later denial of the same line as a duplicate (CO-18) changes nothing. */
START_TEST(test_duplicate_denial)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-DUP");

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    money(c, 9000, 7200, 1800, 0, 0, 0);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(c, 1)),
                     X12_RECON_ROLE_SUPERSEDED);
    x12_recon_free(r);
}
END_TEST

/* No remittance: pending within the follow-up days, follow up after them
 * (R-OLD, sent 2025-01-01); a claim sent again after its denial waits for
 * the answer to the replacement. */
START_TEST(test_pending)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-PENDING");

    outcome(c, X12_RECON_STATE_PENDING, X12_RECON_ACTION_NONE, "pending");
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 19);
    ck_assert_int_eq(x12_recon_claim_balanced(c), -1);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 12500);
    ck_assert_uint_eq(x12_recon_claim_remit_count(c), 0);
    ck_assert_int_eq(x12_recon_line_state(x12_recon_claim_line_at(c, 0)), X12_RECON_STATE_PENDING);
    c = claim(r, "R-OLD");
    outcome(c, X12_RECON_STATE_PENDING, X12_RECON_ACTION_FOLLOW_UP, "pending-late");
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 78);
    c = claim(r, "R-RESENT");
    outcome(c, X12_RECON_STATE_PENDING, X12_RECON_ACTION_NONE, "pending");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_SUBMITTED), "20250310");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_FREQUENCY), "7");
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 10);
    ck_assert_uint_eq(x12_recon_claim_source(c), 2); /* the replacement, recon-resent.837 */
    x12_recon_free(r);
}
END_TEST

/* 277CA files read by the library: R-REJECT rejected (A7:562:85, action
 * U) after it was sent, with no remittance after it; R-PENDING accepted
 * (A2:20, WQ): still pending, its news dated. */
START_TEST(test_read_acks)
{
    static const int c[] = {0, 1, 2, 3, -1}, m[] = {0, 1, 2, -1};
    x12_recon *r;
    tbuf diags = {0};
    const x12_recon_claim *k;
    size_t src = 99;

    OK(x12_recon_new(NULL, &r));
    x12_recon_set_error_handler(r, collect, &diags);
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    for (int i = 0; c[i] >= 0; i++)
        OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[c[i]]), NULL));
    for (int i = 0; m[i] >= 0; i++)
        OK(x12_recon_read_remits_path(r, data_path(REMIT_FILES[m[i]]), NULL));
    OK(x12_recon_read_acks_path(r, data_path("recon-acks.277ca"), &src));
    ck_assert_uint_eq(src, 7);
    ck_assert_uint_eq(x12_recon_error_count(r), 0); /* the answer's read says nothing */
    OK(x12_recon_finish(r));
    k = claim(r, "R-REJECT");
    outcome(k, X12_RECON_STATE_REJECTED, X12_RECON_ACTION_CORRECT_AND_RESUBMIT, "rejected");
    STR_EQ(x12_recon_claim_get(k, X12_RECON_CLAIM_ACK_CODES), "A7:562:85");
    STR_EQ(x12_recon_claim_get(k, X12_RECON_CLAIM_ACK_DATE), "20250302");
    outcome(claim(r, "R-PENDING"), X12_RECON_STATE_PENDING, X12_RECON_ACTION_NONE, "pending");
    x12_recon_free(r);
    tbuf_free(&diags);
}
END_TEST

/* What an answer cannot tell is said, located, and changes nothing: a
 * 2200B rejection of the whole 837 (its claims are not listed by PCN) and a
 * claim answer A4 "not found" (no STC03 either: the reader takes the file
 * as it comes). */
START_TEST(test_read_acks_unused)
{
    static const int c[] = {0, -1}, m[] = {0, -1};
    x12_recon *r;
    tbuf diags = {0};
    const char *d;

    OK(x12_recon_new(NULL, &r));
    x12_recon_set_error_handler(r, collect, &diags);
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[c[0]]), NULL));
    OK(x12_recon_read_remits_path(r, data_path(REMIT_FILES[m[0]]), NULL));
    OK(x12_recon_read_acks_path(r, data_path("recon-acks-unused.277ca"), NULL));
    d = diags.p != NULL ? diags.p : "";
    ck_assert_msg(strstr(d, "2:12:TRN: the answer rejects a whole 837 file (loop 2200B) "
                            "without listing its claims") != NULL, "%s", d);
    ck_assert_msg(strstr(d, "[ack-batch-rejected]") != NULL, "%s", d);
    ck_assert_msg(strstr(d, "2:33:TRN: claim answer 2 says neither accepted nor "
                            "rejected (not_found): not used [ack-unused]") != NULL, "%s", d);
    ck_assert_ptr_null(strstr(d, "R-PAID")); /* no PCN in a message */
    ck_assert_uint_eq(x12_recon_error_count(r), 2);
    OK(x12_recon_finish(r));
    outcome(claim(r, "R-REJECT"), X12_RECON_STATE_REJECTED, X12_RECON_ACTION_CORRECT_AND_RESUBMIT,
            "rejected");
    outcome(claim(r, "R-PAID"), X12_RECON_STATE_PAID, X12_RECON_ACTION_BILL_PATIENT,
            "deductible");
    x12_recon_free(r);
    tbuf_free(&diags);
}
END_TEST

/* A 277CA rejection after the claim was sent, no remittance after it. */
START_TEST(test_rejected)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-REJECT");

    outcome(c, X12_RECON_STATE_REJECTED, X12_RECON_ACTION_CORRECT_AND_RESUBMIT, "rejected");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_ACK_CODES), "A7:562:85");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_ACK_DATE), "20250302");
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 12500);
    x12_recon_free(r);
}
END_TEST

/* Rejections that do not count: dated before the claim was sent (an older
 * version), or followed by a remittance; an acceptance changes nothing. */
START_TEST(test_acks)
{
    static const int c[] = {0, -1}, m[] = {0, -1};
    x12_recon *r;

    OK(x12_recon_new(NULL, &r));
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[0]), NULL));
    OK(x12_recon_read_remits_path(r, data_path(REMIT_FILES[0]), NULL));
    OK(x12_recon_add_ack(r, "R-PENDING", X12_NTS, "20250228", X12_NTS, X12_RECON_ACK_REJECTED,
                         "A7:21", X12_NTS));
    OK(x12_recon_add_ack(r, "R-PAID", X12_NTS, "20250302", X12_NTS, X12_RECON_ACK_REJECTED, NULL,
                         0));
    OK(x12_recon_add_ack(r, "R-SETTLED", 9, "20250302", 8, X12_RECON_ACK_ACCEPTED, "A1:20", 5));
    OK(x12_recon_add_ack(r, "R-NOSUCH", X12_NTS, "20250302", X12_NTS, X12_RECON_ACK_REJECTED,
                         "", 0));
    ck_assert_int_eq(x12_recon_add_ack(r, "", 0, "20250302", 8, X12_RECON_ACK_REJECTED, "", 0),
                     X12_EINVAL);
    ck_assert_int_eq(x12_recon_add_ack(r, "R-PAID", 6, "20250231", 8, X12_RECON_ACK_REJECTED, "",
                                       0),
                     X12_EINVAL);
    ck_assert_int_eq(x12_recon_add_ack(r, "R-PAID", 6, "20250301", 8, (x12_recon_ack_kind)7, "",
                                       0),
                     X12_EINVAL);
    OK(x12_recon_finish(r));
    outcome(claim(r, "R-PENDING"), X12_RECON_STATE_PENDING, X12_RECON_ACTION_NONE, "pending");
    outcome(claim(r, "R-PAID"), X12_RECON_STATE_PAID, X12_RECON_ACTION_BILL_PATIENT,
            "deductible");
    outcome(claim(r, "R-SETTLED"), X12_RECON_STATE_PAID, X12_RECON_ACTION_NONE, "settled");
    ck_assert_int_eq(x12_recon_add_ack(r, "R-PAID", 6, "20250302", 8, X12_RECON_ACK_REJECTED, "",
                                       0),
                     X12_ESTATE);
    x12_recon_free(r);
    (void)c;
    (void)m;
}
END_TEST

/* Primary pays with coinsurance and the 837 names a secondary payer (2320
 * SBR*S): bill it; the balance ages under it. */
START_TEST(test_bill_secondary)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-SECOND");

    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_BILL_SECONDARY, "coinsurance-secondary");
    money(c, 20000, 12800, 4000, 3200, 0, 0);
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_NEXT_PAYER), "SECOND PAYER");
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_DUE), 0);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 3200);
    x12_recon_free(r);
}
END_TEST

/* Crossover: processed as primary and forwarded (CLP02 19, NM1*TT); the
 * second payer's remittance (CLP02 2, OA-23 for what the first did)
 * completes it, nothing counted twice. */
START_TEST(test_crossover)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c = claim(r, "R-XWAIT");
    const x12_recon_remit *m;

    outcome(c, X12_RECON_STATE_FORWARDED, X12_RECON_ACTION_NONE, "forwarded");
    money(c, 10000, 6400, 2000, 1600, 0, 0);
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_FORWARDED_TO), "SECOND PAYER");
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_DUE), 0);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PAYER_BALANCE), 1600);
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), 19);
    ck_assert_int_eq(x12_recon_line_state(x12_recon_claim_line_at(c, 0)),
                     X12_RECON_STATE_FORWARDED);
    c = claim(r, "R-XDONE");
    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    money(c, 10000, 8000, 2000, 0, 0, 0);
    ck_assert_int_eq(x12_recon_claim_cents(c, X12_RECON_CENTS_PRIOR_PAYER), 8400);
    ck_assert_uint_eq(x12_recon_claim_remit_count(c), 2);
    m = x12_recon_claim_remit_at(c, 1);
    ck_assert_uint_eq(x12_recon_remit_payer_order(m), 2);
    STR_EQ(x12_recon_remit_get(m, X12_RECON_REMIT_PAYER_ID), "SEC01");
    STR_EQ(x12_recon_remit_get(x12_recon_claim_remit_at(c, 0), X12_RECON_REMIT_CROSSOVER),
           "SECOND PAYER");
    ck_assert_int_eq(x12_recon_claim_balanced(c), 1);
    x12_recon_free(r);
}
END_TEST

/* An 835 claim for a PCN no 837 holds: listed apart, its money netted. */
START_TEST(test_unmatched)
{
    x12_recon *r = fixture(NULL);
    const x12_recon_claim *c;

    ck_assert_uint_eq(x12_recon_unmatched_count(r), 1);
    c = x12_recon_unmatched_at(r, 0);
    ck_assert_ptr_eq(c, x12_recon_find_claim(r, "R-UNKNOWN", 9));
    outcome(c, X12_RECON_STATE_UNMATCHED, X12_RECON_ACTION_FOLLOW_UP, "unmatched");
    money(c, 7500, 6000, 1500, 0, 0, 0);
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_PAYER_ID), "EHP01");
    STR_EQ(x12_recon_claim_get(c, X12_RECON_CLAIM_SERVICE_FROM), "20250201");
    ck_assert_uint_eq(x12_recon_claim_source(c), SIZE_MAX);
    ck_assert_int_eq(x12_recon_claim_days_outstanding(c), -1);
    ck_assert_uint_eq(x12_recon_claim_line_count(c), 1);
    ck_assert_uint_eq(x12_recon_line_number(x12_recon_claim_line_at(c, 0)), 0);
    ck_assert_ptr_null(x12_recon_find_claim(r, "R-NOSUCH", X12_NTS));
    x12_recon_free(r);
}
END_TEST

/* Claims sorted by PCN; totals by state; aging by payer and age. */
START_TEST(test_order_and_aging)
{
    x12_recon *r = fixture(NULL);
    size_t i, n = x12_recon_claim_count(r);
    const x12_recon_aging *a;

    ck_assert_uint_eq(n, 22);
    for (i = 1; i < n; i++) {
        x12_str p = x12_recon_claim_get(x12_recon_claim_at(r, i - 1), X12_RECON_CLAIM_PCN);
        x12_str q = x12_recon_claim_get(x12_recon_claim_at(r, i), X12_RECON_CLAIM_PCN);
        size_t k = p.len < q.len ? p.len : q.len;
        int cmp = memcmp(p.ptr, q.ptr, k);
        ck_assert(cmp < 0 || (cmp == 0 && p.len < q.len));
    }
    ck_assert_uint_eq(x12_recon_aging_count(r), 2);
    a = x12_recon_aging_at(r, 0); /* no id sorts first: the next payer */
    STR_EQ(x12_recon_aging_payer_name(a), "SECOND PAYER");
    ck_assert_int_eq(x12_recon_aging_cents(a, 0), 4800); /* R-SECOND 32 + R-XWAIT 16 */
    ck_assert_int_eq(x12_recon_aging_cents(a, 5), 4800);
    ck_assert_uint_eq(x12_recon_aging_claims(a), 2);
    a = x12_recon_aging_at(r, 1);
    STR_EQ(x12_recon_aging_payer_id(a), "EHP01");
    /* 0-30: pending 125, resent 125, rejected 125, coding 195, correct 125,
     * partial 80, inpat 60, reversed 125, unbalanced 10; 61-90: R-OLD */
    ck_assert_int_eq(x12_recon_aging_cents(a, 0), 97000);
    ck_assert_int_eq(x12_recon_aging_cents(a, 1), 0);
    ck_assert_int_eq(x12_recon_aging_cents(a, 2), 12500);
    ck_assert_int_eq(x12_recon_aging_cents(a, 4), 0);
    ck_assert_int_eq(x12_recon_aging_cents(a, 5), 109500);
    ck_assert_uint_eq(x12_recon_aging_claims(a), 10);
    ck_assert_int_eq(x12_recon_aging_cents(a, 6), 0);
    ck_assert_uint_eq(x12_recon_get_option(r, X12_RECON_OPT_AS_OF), 20250320);
    x12_recon_free(r);
}
END_TEST

/* ---- inputs in any order, any form ------------------------------------------------------ */

static int to_tbuf(void *user, const char *data, size_t len)
{
    tbuf_add(user, data, len);
    return 0;
}

static void json_of(const x12_recon *r, tbuf *t)
{
    OK(x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, to_tbuf, t));
}

/* The same results whatever order the files are read in: the JSON differs
 * only in the source indexes and names it reports. */
START_TEST(test_order_independent)
{
    static const int c1[] = {0, 1, 2, 3, -1}, m1[] = {0, 1, 2, -1};
    static const int c2[] = {2, 3, 1, 0, -1}, m2[] = {2, 1, 0, -1};
    x12_recon *a = fixture_order(NULL, c1, m1, 0, 1, NULL);
    x12_recon *b = fixture_order(NULL, c2, m2, 1, 1, NULL);
    tbuf ja = {0}, jb = {0};
    char *p;
    size_t i;

    json_of(a, &ja);
    json_of(b, &jb);
    /* blank out the file names: the JSON is otherwise byte for byte equal */
    for (i = 0; i < 2; i++) {
        tbuf *t = i ? &jb : &ja;
        for (p = t->p; (p = strstr(p, "\"file\":\"")) != NULL; p += 8) {
            char *q = strchr(p + 8, '"');
            memmove(p + 8, q, strlen(q) + 1);
            t->len = strlen(t->p);
        }
    }
    ck_assert_uint_eq(ja.len, jb.len);
    ck_assert(memcmp(ja.p, jb.p, ja.len) == 0);
    tbuf_free(&ja);
    tbuf_free(&jb);
    x12_recon_free(a);
    x12_recon_free(b);
}
END_TEST

/* The same remittance read twice counts once, with a warning per claim. */
START_TEST(test_duplicate_remittance)
{
    static const int c[] = {0, -1}, m[] = {0, 0, -1};
    tbuf d = {0};
    x12_recon *r = fixture_order(NULL, c, m, 0, 0, &d);

    money(claim(r, "R-PAID"), 18500, 11000, 4500, 3000, 0, 0);
    ck_assert_uint_eq(x12_recon_claim_remit_count(claim(r, "R-PAID")), 2);
    ck_assert_int_eq(x12_recon_remit_role(x12_recon_claim_remit_at(claim(r, "R-PAID"), 1)),
                     X12_RECON_ROLE_DUPLICATE);
    ck_assert(strstr(d.p, "2:16:CLP: this claim payment was already read") != NULL);
    ck_assert(strstr(d.p, "[duplicate-remit]") != NULL);
    ck_assert(strstr(d.p, "R-PAID") == NULL);
    tbuf_free(&d);
    x12_recon_free(r);
}
END_TEST

/* A PCN in two 837s: the one sent later is reconciled, with a warning
 * located at the CLM read (no PCN in it). */
START_TEST(test_duplicate_claim)
{
    static const int c[] = {2, 0, -1}, m[] = {-1};
    tbuf d = {0};
    x12_recon *r = fixture_order(NULL, c, m, 0, 0, &d);

    ck_assert(strstr(d.p, "1:137:CLM: claim 16 has the patient control number of a claim already "
                          "read: the one sent later (by BHT04, BHT05) is reconciled, the one read "
                          "before [duplicate-claim]") != NULL);
    ck_assert(strstr(d.p, "R-RESENT") == NULL);
    STR_EQ(x12_recon_claim_get(claim(r, "R-RESENT"), X12_RECON_CLAIM_SUBMITTED), "20250310");
    tbuf_free(&d);
    x12_recon_free(r);
}
END_TEST

/* Push input in small chunks, a buffer, and gzip give the same. */
START_TEST(test_input_forms)
{
    static const int c[] = {0, -1}, m[] = {0, -1};
    x12_recon *ref = fixture_order(NULL, c, m, 0, 0, NULL), *r;
    tbuf want = {0}, got = {0};
    size_t len, off, src;
    char *data = slurp(data_path(REMIT_FILES[0]), &len), *cdata;
    size_t clen;
    x12_reader *rd;
    x12_status st;
    char gzpath[] = "/tmp/recon-era1-XXXXXX";
    int fd;
    gzFile gz;

    json_of(ref, &want);
    cdata = slurp(data_path(CLAIM_FILES[0]), &clen);
    ck_assert_ptr_nonnull(data);
    ck_assert_ptr_nonnull(cdata);

    /* claims from a buffer, remittances pushed 7 bytes at a time */
    OK(x12_recon_new(NULL, &r));
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_reader_new(NULL, &rd));
    OK(x12_reader_open_buffer(rd, cdata, clen));
    OK(x12_recon_read_claims(r, rd, &src));
    ck_assert_uint_eq(src, 0);
    x12_reader_free(rd);
    OK(x12_reader_new(NULL, &rd));
    for (off = 0; off < len; off += 7) {
        size_t n = len - off < 7 ? len - off : 7;
        OK(x12_reader_feed(rd, data + off, n, off + n == len));
        st = x12_recon_read_remits(r, rd, &src);
        ck_assert_uint_eq(src, 1);
        if (off + n < len)
            ck_assert_int_eq(st, X12_AGAIN);
        else
            OK(st);
    }
    x12_reader_free(rd);
    ck_assert_uint_eq(x12_recon_source_count(r), 2);
    OK(x12_recon_set_source_name(r, 0, data_path(CLAIM_FILES[0])));
    OK(x12_recon_finish(r));
    json_of(r, &got);
    ck_assert_str_eq(got.p, want.p);
    x12_recon_free(r);
    tbuf_free(&got);

    /* remittances gzip'd */
    fd = mkstemp(gzpath);
    ck_assert_int_ge(fd, 0);
    gz = gzdopen(fd, "wb");
    ck_assert_ptr_nonnull(gz);
    ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
    gzclose(gz);
    OK(x12_recon_new(NULL, &r));
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[0]), NULL));
    OK(x12_recon_read_remits_path(r, gzpath, NULL));
    OK(x12_recon_finish(r));
    json_of(r, &got);
    ck_assert_str_eq(got.p, want.p);
    unlink(gzpath);
    x12_recon_free(r);
    x12_recon_free(ref);
    tbuf_free(&got);
    tbuf_free(&want);
    free(data);
    free(cdata);
}
END_TEST

/* ---- rules ---------------------------------------------------------------------------------- */

/* A rules file consulted before the built-in ones: CO-97 written off as
 * contractual, CO-50 covered only with remark N115 (it has it), and 10
 * follow-up days. */
START_TEST(test_rules_override)
{
    static const char rules[] =
        "<recon-rules xmlns='urn:libx12:recon-rules:1' follow-up-days='10'>"
        "<rule id='bundled-ok' action='write_off' effect='contractual'>"
        "<covers group='CO' carc='97'/><reason>Bundled by contract.</reason></rule>"
        "<rule id='necessity-n115' action='follow_up' effect='denial'>"
        "<covers group='CO' carc='50' rarc='N115 N130'/><reason>Ask first.</reason></rule>"
        "<situation name='settled' action='none'><reason>All done.</reason></situation>"
        "</recon-rules>";
    x12_recon *r;
    const x12_recon_claim *c;

    OK(x12_recon_new(NULL, &r));
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_load_rules_memory(r, rules, sizeof rules - 1, "mine.xml"));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[0]), NULL));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[3]), NULL));
    OK(x12_recon_read_remits_path(r, data_path(REMIT_FILES[0]), NULL));
    OK(x12_recon_finish(r));
    c = claim(r, "R-INPAT");
    outcome(c, X12_RECON_STATE_PAID, X12_RECON_ACTION_WRITE_OFF, "contractual");
    ck_assert_str_eq(x12_recon_reason_rule(reason(c, "CO", "97")), "bundled-ok");
    outcome(claim(r, "R-PARTIAL"), X12_RECON_STATE_PARTIALLY_PAID, X12_RECON_ACTION_FOLLOW_UP,
            "necessity-n115");
    /* pending 19 days: past the 10 of the file */
    outcome(claim(r, "R-PENDING"), X12_RECON_STATE_PENDING, X12_RECON_ACTION_FOLLOW_UP,
            "pending-late");
    ck_assert_str_eq(x12_recon_claim_action_reason(claim(r, "R-SETTLED")), "All done.");
    /* what the file does not cover stays built in */
    outcome(claim(r, "R-CORRECT"), X12_RECON_STATE_DENIED, X12_RECON_ACTION_CORRECT_AND_RESUBMIT,
            "not-processable");
    x12_recon_free(r);

    /* the option wins over the file */
    OK(x12_recon_new(NULL, &r));
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_set_option(r, X12_RECON_OPT_FOLLOW_UP_DAYS, 60));
    OK(x12_recon_load_rules_memory(r, rules, sizeof rules - 1, "mine.xml"));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[1]), NULL));
    OK(x12_recon_finish(r));
    outcome(claim(r, "R-OLD"), X12_RECON_STATE_PENDING, X12_RECON_ACTION_FOLLOW_UP,
            "pending-late");
    x12_recon_free(r);
}
END_TEST

/* Bad rules files: located errors, the earlier rules kept. */
START_TEST(test_rules_errors)
{
    static const char broken[] = "<recon-rules xmlns='urn:libx12:recon-rules:1'>\n<rule id='x'";
    static const char bad_action[] =
        "<recon-rules xmlns='urn:libx12:recon-rules:1'>\n"
        "<rule id='x' action='shrug' effect='denial'><covers group='CO'/><reason>r</reason>"
        "</rule></recon-rules>";
    static const char no_reason[] =
        "<recon-rules xmlns='urn:libx12:recon-rules:1'>\n\n"
        "<rule id='x' action='none' effect='denial'><covers group='CO'/></rule></recon-rules>";
    x12_recon *r;
    tbuf d = {0};

    OK(x12_recon_new(NULL, &r));
    x12_recon_set_error_handler(r, collect, &d);
    ck_assert_int_eq(x12_recon_load_rules_memory(r, broken, sizeof broken - 1, "broken.xml"),
                     X12_ESYNTAX);
    ck_assert(x12_recon_error_count(r) >= 1);
    ck_assert_str_eq(x12_error_rule(x12_recon_error_at(r, 0)), "rules-syntax");
    ck_assert(strncmp(x12_error_message(x12_recon_error_at(r, 0)), "broken.xml:2:", 13) == 0);
    ck_assert_uint_eq(x12_recon_error_source(r, 0), SIZE_MAX);
    ck_assert_int_eq(x12_recon_load_rules_memory(r, bad_action, sizeof bad_action - 1, "a.xml"),
                     X12_ESYNTAX);
    ck_assert_str_eq(x12_error_rule(x12_recon_error_at(r, 0)), "rules-schema");
    ck_assert(strstr(x12_error_message(x12_recon_error_at(r, 0)), "a.xml:2:") != NULL);
    ck_assert_int_eq(x12_recon_load_rules_memory(r, no_reason, sizeof no_reason - 1, "n.xml"),
                     X12_ESYNTAX);
    ck_assert(strstr(x12_error_message(x12_recon_error_at(r, 0)), "n.xml:3:") != NULL);
    ck_assert_int_eq(x12_recon_load_rules_file(r, "/nonexistent/rules.xml"), X12_EIO);
    /* the built-in rules parse against their own schema, and still apply */
    OK(x12_recon_load_rules_memory(r, x12_recon_builtin_rules(), strlen(x12_recon_builtin_rules()),
                                   NULL));
    OK(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[0]), NULL));
    OK(x12_recon_read_remits_path(r, data_path(REMIT_FILES[0]), NULL));
    OK(x12_recon_finish(r));
    outcome(claim(r, "R-PARTIAL"), X12_RECON_STATE_PARTIALLY_PAID, X12_RECON_ACTION_APPEAL,
            "medical-necessity");
    ck_assert_int_eq(x12_recon_load_rules_memory(r, broken, 3, NULL), X12_ESTATE);
    tbuf_free(&d);
    x12_recon_free(r);
}
END_TEST

/* ---- the handle --------------------------------------------------------------------------- */

START_TEST(test_options_and_states)
{
    x12_recon *r;
    tbuf t = {0};

    ck_assert_int_eq(x12_recon_new(NULL, NULL), X12_EINVAL);
    OK(x12_recon_new(NULL, &r));
    ck_assert_int_eq(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250230), X12_EINVAL);
    ck_assert_int_eq(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 18991231), X12_EINVAL);
    ck_assert_int_eq(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 100000000), X12_EINVAL);
    ck_assert_int_eq(x12_recon_set_option(r, X12_RECON_OPT_KEEP_PARTIES, 2), X12_EINVAL);
    ck_assert_int_eq(x12_recon_set_option(r, X12_RECON_OPT_FOLLOW_UP_DAYS, 3651), X12_EINVAL);
    ck_assert_int_eq(x12_recon_set_option(r, (x12_recon_option)99, 1), X12_EINVAL);
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20240229));
    ck_assert_uint_eq(x12_recon_get_option(r, X12_RECON_OPT_AS_OF), 20240229);
    ck_assert_int_eq(x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, to_tbuf, &t),
                     X12_ESTATE);
    ck_assert_int_eq(x12_recon_read_claims_path(r, "/nonexistent.837", NULL), X12_EIO);
    ck_assert_uint_eq(x12_recon_source_count(r), 0);
    ck_assert_int_eq(x12_recon_set_source_name(r, 0, "x"), X12_EINVAL);
    OK(x12_recon_finish(r));
    ck_assert_int_eq(x12_recon_finish(r), X12_ESTATE);
    ck_assert_int_eq(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20240301), X12_ESTATE);
    ck_assert_int_eq(x12_recon_read_claims_path(r, data_path(CLAIM_FILES[0]), NULL), X12_ESTATE);
    ck_assert_int_eq(x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_LINES, to_tbuf, &t),
                     X12_EINVAL);
    ck_assert_int_eq(x12_recon_write(r, (x12_recon_format)9, X12_RECON_TABLE_ALL, to_tbuf, &t),
                     X12_EINVAL);
    OK(x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, to_tbuf, &t));
    ck_assert_str_eq(t.p, "{\"as_of\":\"20240229\",\"claims\":[],\"unmatched\":[],\"aging\":[],"
                          "\"totals\":{\"as_of\":\"20240229\",\"claims\":0,\"unmatched\":0,"
                          "\"charged_cents\":0,\"paid_cents\":0,\"contractual_cents\":0,"
                          "\"patient_responsibility_cents\":0,\"other_adjustment_cents\":0,"
                          "\"prior_payer_cents\":0,\"unbalanced_cents\":0,"
                          "\"patient_due_cents\":0,\"payer_balance_cents\":0,\"by_state\":{"
                          "\"paid\":0,\"partially_paid\":0,\"denied\":0,\"reversed\":0,"
                          "\"forwarded\":0,\"rejected\":0,\"pending\":0,\"unmatched\":0},"
                          "\"by_next_action\":{\"correct_and_resubmit\":0,\"appeal\":0,"
                          "\"follow_up\":0,\"bill_secondary\":0,\"bill_patient\":0,"
                          "\"write_off\":0,\"none\":0}}}\n");
    ck_assert_uint_eq(x12_recon_claim_count(r), 0);
    ck_assert_ptr_null(x12_recon_claim_at(r, 0));
    /* every accessor takes NULL */
    ck_assert_int_eq(x12_recon_claim_cents(NULL, X12_RECON_CENTS_PAID), 0);
    ck_assert_uint_eq(x12_recon_claim_get(NULL, X12_RECON_CLAIM_PCN).len, 0);
    ck_assert_str_eq(x12_recon_claim_action_reason(NULL), "");
    ck_assert_uint_eq(x12_recon_line_get(NULL, X12_RECON_LINE_PROCEDURE).len, 0);
    ck_assert_str_eq(x12_recon_state_name((x12_recon_state)0), "unknown");
    ck_assert_str_eq(x12_recon_action_name(X12_RECON_ACTION_BILL_SECONDARY), "bill_secondary");
    ck_assert_str_eq(x12_recon_role_name(X12_RECON_ROLE_PREDETERMINATION), "predetermination");
    x12_recon_free(r);
    x12_recon_free(NULL);
    tbuf_free(&t);
}
END_TEST

/* Statements: names and addresses only when asked for; patients numbered
 * per billing provider and patient. */
START_TEST(test_parties)
{
    static const int c[] = {0, 3, -1}, m[] = {0, -1};
    x12_recon *r = fixture_order(NULL, c, m, 0, 0, NULL);
    x12_recon *k;
    const x12_recon_claim *paid, *child, *inpat, *second;

    ck_assert_uint_eq(x12_recon_claim_party(claim(r, "R-PAID"), X12_RECON_PARTY_PATIENT_LAST_NAME).len, 0);
    ck_assert_uint_eq(x12_recon_claim_patient(claim(r, "R-PAID")), SIZE_MAX);
    x12_recon_free(r);

    OK(x12_recon_new(NULL, &k));
    OK(x12_recon_set_option(k, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_set_option(k, X12_RECON_OPT_KEEP_PARTIES, 1));
    OK(x12_recon_read_claims_path(k, data_path(CLAIM_FILES[3]), NULL));
    OK(x12_recon_read_claims_path(k, data_path(CLAIM_FILES[0]), NULL));
    OK(x12_recon_read_remits_path(k, data_path(REMIT_FILES[0]), NULL));
    OK(x12_recon_finish(k));
    paid = claim(k, "R-PAID");
    child = claim(k, "R-CHILD");
    inpat = claim(k, "R-INPAT");
    second = claim(k, "R-SECOND");
    STR_EQ(x12_recon_claim_party(paid, X12_RECON_PARTY_PATIENT_FIRST_NAME), "JANE");
    STR_EQ(x12_recon_claim_party(paid, X12_RECON_PARTY_ADDRESS1), "12 ELM AVENUE");
    STR_EQ(x12_recon_claim_party(paid, X12_RECON_PARTY_PROVIDER_NAME), "RIVERSIDE FAMILY PRACTICE");
    STR_EQ(x12_recon_claim_party(paid, X12_RECON_PARTY_PROVIDER_PHONE), "5555550100");
    STR_EQ(x12_recon_claim_party(child, X12_RECON_PARTY_PATIENT_FIRST_NAME), "LILY");
    STR_EQ(x12_recon_claim_party(child, X12_RECON_PARTY_PATIENT_BIRTH_DATE), "20180923");
    STR_EQ(x12_recon_claim_party(child, X12_RECON_PARTY_SUBSCRIBER_FIRST_NAME), "JANE");
    STR_EQ(x12_recon_claim_party(inpat, X12_RECON_PARTY_PROVIDER_NAME), "MERCY GENERAL HOSPITAL");
    /* Jane at the practice, Jane at the hospital, Lily, Robert */
    ck_assert_uint_eq(x12_recon_patient_count(k), 4);
    ck_assert_uint_eq(x12_recon_claim_patient(paid), x12_recon_claim_patient(claim(k, "R-DEDUCT")));
    ck_assert_uint_ne(x12_recon_claim_patient(paid), x12_recon_claim_patient(child));
    ck_assert_uint_ne(x12_recon_claim_patient(paid), x12_recon_claim_patient(inpat));
    ck_assert_uint_ne(x12_recon_claim_patient(paid), x12_recon_claim_patient(second));
    /* numbered in claim order: R-CHILD is the first claim (by PCN) */
    ck_assert_ptr_eq(x12_recon_claim_at(k, 0), child);
    ck_assert_uint_eq(x12_recon_claim_patient(child), 0);
    ck_assert_uint_eq(x12_recon_claim_patient(x12_recon_unmatched_at(k, 0)), SIZE_MAX);
    x12_recon_free(k);
}
END_TEST

/* No message quotes a PCN, a name or a member id. */
START_TEST(test_no_phi_in_messages)
{
    static const int c[] = {0, 1, 2, 3, 0, -1}, m[] = {0, 1, 2, 0, -1};
    tbuf d = {0};
    x12_recon *r = fixture_order(NULL, c, m, 0, 1, &d);

    ck_assert(d.len > 0);
    ck_assert(strstr(d.p, "R-") == NULL);
    ck_assert(strstr(d.p, "DOE") == NULL);
    ck_assert(strstr(d.p, "SMITH") == NULL);
    ck_assert(strstr(d.p, "XJ000") == NULL);
    ck_assert(strstr(d.p, "balance-claim") != NULL); /* the 835's own warnings pass through */
    tbuf_free(&d);
    x12_recon_free(r);
}
END_TEST

/* ---- the shared corpus -------------------------------------------------------------- */

/* Every 837 and every 835 of the public corpus reconciled together: no
 * crash (this runs under ASan and valgrind too), every claim and line with
 * a state and an action, the JSON written, and money that balances or says
 * by how much.  (Their PCNs do not meet: the claims are pending, the
 * remittances unmatched.) */
START_TEST(test_corpus)
{
    const char *dir = corpus_dir();
    char path[8320], line[4096];
    FILE *f;
    x12_recon *r;
    size_t i, k, n837 = 0, n835 = 0;
    tbuf t = {0};

    ck_assert_ptr_nonnull(dir);
    snprintf(path, sizeof path, "%.4000s/MANIFEST.tsv", dir);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    OK(x12_recon_new(NULL, &r));
    OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
    OK(x12_recon_set_option(r, X12_RECON_OPT_KEEP_PARTIES, 1));
    while (fgets(line, sizeof line, f) != NULL) {
        char *tab = strchr(line, '\t');
        x12_status st;
        if (tab == NULL)
            continue;
        *tab = '\0';
        snprintf(path, sizeof path, "%.4000s/%.4000s", dir, line);
        if (strncmp(tab + 1, "837", 3) == 0) {
            st = x12_recon_read_claims_path(r, path, NULL);
            n837++;
        } else if (strncmp(tab + 1, "835", 3) == 0) {
            st = x12_recon_read_remits_path(r, path, NULL);
            n835++;
        } else {
            continue;
        }
        /* a file without an ISA stops its reader: the others go on */
        ck_assert_msg(st == X12_OK || st == X12_ESYNTAX, "%s: %s", line, x12_strerror(st));
    }
    fclose(f);
    ck_assert_uint_gt(n837, 0);
    ck_assert_uint_gt(n835, 0);
    OK(x12_recon_finish(r));
    ck_assert_uint_gt(x12_recon_claim_count(r), 0);
    ck_assert_uint_gt(x12_recon_unmatched_count(r), 0);
    for (i = 0; i < x12_recon_claim_count(r) + x12_recon_unmatched_count(r); i++) {
        const x12_recon_claim *c = i < x12_recon_claim_count(r)
                                       ? x12_recon_claim_at(r, i)
                                       : x12_recon_unmatched_at(r, i - x12_recon_claim_count(r));
        int64_t sum = x12_recon_claim_cents(c, X12_RECON_CENTS_PAID) +
                      x12_recon_claim_cents(c, X12_RECON_CENTS_CONTRACTUAL) +
                      x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT) +
                      x12_recon_claim_cents(c, X12_RECON_CENTS_OTHER) +
                      x12_recon_claim_cents(c, X12_RECON_CENTS_UNBALANCED);
        ck_assert(x12_recon_claim_state(c) >= X12_RECON_STATE_PAID &&
                  x12_recon_claim_state(c) <= X12_RECON_STATE_UNMATCHED);
        ck_assert(x12_recon_claim_action(c) >= X12_RECON_ACTION_CORRECT_AND_RESUBMIT &&
                  x12_recon_claim_action(c) <= X12_RECON_ACTION_NONE);
        if (x12_recon_claim_balanced(c) >= 0)
            ck_assert_int_eq(sum, x12_recon_claim_cents(c, X12_RECON_CENTS_CHARGED));
        for (k = 0; k < x12_recon_claim_line_count(c); k++) {
            const x12_recon_line *l = x12_recon_claim_line_at(c, k);
            ck_assert(x12_recon_line_action(l) >= X12_RECON_ACTION_CORRECT_AND_RESUBMIT);
        }
    }
    OK(x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, to_tbuf, &t));
    ck_assert(t.len > 1000);
    tbuf_free(&t);
    x12_recon_free(r);
}
END_TEST

/* ---- memory ---------------------------------------------------------------------------------- */

typedef struct counter {
    long calls, fail_at;
    size_t allocs, frees;
} counter;

static void *c_malloc(size_t n, void *u)
{
    counter *c = u;

    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    c->allocs++;
    return malloc(n);
}

static void *c_realloc(void *p, size_t n, void *u)
{
    counter *c = u;

    if (p == NULL)
        return c_malloc(n, u);
    if (c->fail_at && ++c->calls == c->fail_at)
        return NULL;
    return realloc(p, n);
}

static void c_free(void *p, void *u)
{
    counter *c = u;

    if (p != NULL)
        c->frees++;
    free(p);
}

/* An allocator failing at every call in turn: X12_ENOMEM from the call
 * that met it, never a crash or a leak, and past the last allocation the
 * same results as with malloc. */
START_TEST(test_out_of_memory)
{
    static const int c[] = {0, 3, -1}, m[] = {0, 1, 2, -1};
    x12_recon *ref = fixture_order(NULL, c, m, 0, 0, NULL);
    tbuf want = {0};
    long n;
    int full = 0;

    json_of(ref, &want);
    x12_recon_free(ref);
    for (n = 1; !full && n < 200000; n++) {
        counter cnt;
        x12_allocator a;
        x12_recon *r;
        x12_status st;
        int i;

        memset(&cnt, 0, sizeof cnt);
        cnt.fail_at = n;
        a.struct_size = sizeof a;
        a.malloc_fn = c_malloc;
        a.realloc_fn = c_realloc;
        a.free_fn = c_free;
        a.user = &cnt;
        st = x12_recon_new(&a, &r);
        if (st != X12_OK) {
            ck_assert_int_eq(st, X12_ENOMEM);
            ck_assert_uint_eq(cnt.allocs, cnt.frees);
            continue;
        }
        OK(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320));
        for (i = 0; c[i] >= 0 && st == X12_OK; i++)
            st = x12_recon_read_claims_path(r, data_path(CLAIM_FILES[c[i]]), NULL);
        for (i = 0; m[i] >= 0 && st == X12_OK; i++)
            st = x12_recon_read_remits_path(r, data_path(REMIT_FILES[m[i]]), NULL);
        if (st == X12_OK)
            st = x12_recon_finish(r);
        if (st == X12_OK) {
            tbuf got = {0};
            st = x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, to_tbuf, &got);
            if (st == X12_OK) {
                ck_assert_str_eq(got.p, want.p);
                full = cnt.calls < n; /* the failure point was never reached */
            }
            tbuf_free(&got);
        }
        if (st != X12_OK)
            ck_assert_msg(st == X12_ENOMEM, "fail at %ld: %s", n, x12_strerror(st));
        x12_recon_free(r);
        ck_assert_msg(cnt.allocs == cnt.frees, "fail at %ld: %zu allocs, %zu frees", n,
                      cnt.allocs, cnt.frees);
    }
    ck_assert(full);
    tbuf_free(&want);
}
END_TEST

/* A remittance with 5,000 junk segments in its payment header: one read
 * keeps 1000 diagnostics and counts the rest (X12_RECON_OPT_MAX_ERRORS sets
 * the limit, 0 keeps all); the handler sees every one, and the payments
 * are read as without the junk. */
static void count_seen(void *u, const x12_error *e, size_t source)
{
    (void)e;
    (void)source;
    (*(uint64_t *)u)++;
}

START_TEST(test_junk_bounded)
{
    size_t len, lim, clean_unmatched;
    char *data = with_junk(REMIT_FILES[0], "N1*PR*", "!!~", 5000, &len);

    {
        x12_recon *r;

        OK(x12_recon_new(NULL, &r));
        OK(x12_recon_read_remits_path(r, data_path(REMIT_FILES[0]), NULL));
        OK(x12_recon_finish(r));
        clean_unmatched = x12_recon_unmatched_count(r);
        ck_assert_uint_gt(clean_unmatched, 0);
        x12_recon_free(r);
    }
    for (lim = 0; lim <= X12_RECON_DEFAULT_MAX_ERRORS; lim += X12_RECON_DEFAULT_MAX_ERRORS) {
        x12_recon *r;
        x12_reader *rd;
        uint64_t seen = 0;

        OK(x12_recon_new(NULL, &r));
        ck_assert_uint_eq(x12_recon_get_option(r, X12_RECON_OPT_MAX_ERRORS),
                          X12_RECON_DEFAULT_MAX_ERRORS);
        if (lim == 0)
            OK(x12_recon_set_option(r, X12_RECON_OPT_MAX_ERRORS, 0));
        x12_recon_set_error_handler(r, count_seen, &seen);
        OK(x12_reader_new(NULL, &rd));
        OK(x12_reader_open_buffer(rd, data, len));
        OK(x12_recon_read_remits(r, rd, NULL));
        ck_assert_uint_ge(seen, 5000);
        if (lim == 0) {
            ck_assert_uint_eq(x12_recon_error_count(r), seen);
            ck_assert_uint_eq(x12_recon_errors_dropped(r), 0);
        } else {
            ck_assert_uint_eq(x12_recon_error_count(r), lim);
            ck_assert_uint_eq(x12_recon_errors_dropped(r), seen - lim);
        }
        OK(x12_recon_finish(r));
        /* no 837 read: every claim paid is unmatched, and they are there */
        ck_assert_uint_eq(x12_recon_unmatched_count(r), clean_unmatched);
        x12_reader_free(rd);
        x12_recon_free(r);
    }
    ck_assert_uint_eq(x12_recon_errors_dropped(NULL), 0);
    free(data);
}
END_TEST

static Suite *recon_suite(void)
{
    Suite *s = suite_create("recon");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_paid);
    tcase_add_test(tc, test_paid_variants);
    tcase_add_test(tc, test_partially_paid);
    tcase_add_test(tc, test_denied);
    tcase_add_test(tc, test_reversed);
    tcase_add_test(tc, test_reversal_and_correction);
    tcase_add_test(tc, test_multi_era);
    tcase_add_test(tc, test_lines_without_ref);
    tcase_add_test(tc, test_unbalanced);
    tcase_add_test(tc, test_duplicate_denial);
    tcase_add_test(tc, test_pending);
    tcase_add_test(tc, test_rejected);
    tcase_add_test(tc, test_acks);
    tcase_add_test(tc, test_read_acks);
    tcase_add_test(tc, test_read_acks_unused);
    tcase_add_test(tc, test_bill_secondary);
    tcase_add_test(tc, test_crossover);
    tcase_add_test(tc, test_unmatched);
    tcase_add_test(tc, test_order_and_aging);
    tcase_add_test(tc, test_order_independent);
    tcase_add_test(tc, test_duplicate_remittance);
    tcase_add_test(tc, test_duplicate_claim);
    tcase_add_test(tc, test_input_forms);
    tcase_add_test(tc, test_rules_override);
    tcase_add_test(tc, test_rules_errors);
    tcase_add_test(tc, test_options_and_states);
    tcase_add_test(tc, test_parties);
    tcase_add_test(tc, test_no_phi_in_messages);
    tcase_add_test(tc, test_out_of_memory);
    tcase_add_test(tc, test_junk_bounded);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_recon_corpus */
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_corpus);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(recon_suite)
