/*
 * Eligibility: 271 responses read into coverages (every value asserted
 * exactly, on the hand-made fixtures of tests/data and on one public
 * sample), and 270 requests built, edited and validated.
 *
 * Fixtures (all data made up):
 *   elig-271-benefits.x12    one subscriber with plan and group, plan and
 *                            eligibility dates, deductibles (individual,
 *                            family, remaining, out of network), out-of-
 *                            pocket, copays per service type, coinsurance,
 *                            a limitation in visits, authorization required,
 *                            messages, a primary care provider (2120C)
 *   elig-271-dependents.x12  a subscriber and two dependents, one of them
 *                            no longer covered
 *   elig-271-rejected.x12    AAA at four levels: a subscriber not found, a
 *                            dependent not found with a bad birth date, a
 *                            benefit refused for a future date, and a
 *                            second set where the payer cannot answer
 */
#include <inttypes.h>

/* Its corpus cases read the 270-277 samples (tests/check_NAME_corpus). */
#define TEST_CORPUS_DIR txn_corpus_dir
#include "testutil.h"

static x12_elig_doc *parse_fixture(const char *name)
{
    size_t len;
    char *data = slurp(data_path(name), &len);
    x12_elig_doc *d = NULL;

    ck_assert_msg(data != NULL, "fixture %s missing", name);
    ck_assert_int_eq(x12_elig_parse_buffer(NULL, data, len, &d), X12_OK);
    free(data);
    return d;
}

#define CF(c, f) x12_elig_coverage_get((c), X12_EC_##f)
#define BF(b, f) x12_elig_benefit_get((b), X12_EB_##f)

static int64_t measure(const x12_elig_summary *s, x12_elig_measure m, int oon)
{
    int64_t v = -999;

    ck_assert_msg(x12_elig_summary_get(s, m, oon, &v), "measure %d (network %d) missing", m, oon);
    return v;
}

static int has_measure(const x12_elig_summary *s, x12_elig_measure m, int oon)
{
    return x12_elig_summary_get(s, m, oon, NULL);
}

/* ---- 271 ------------------------------------------------------------------------- */

START_TEST(benefits_subscriber)
{
    x12_elig_doc *d = parse_fixture("elig-271-benefits.x12");
    const x12_elig_coverage *c;
    const x12_elig_party *p;
    const x12_elig_benefit *b;
    const x12_elig_summary *s;
    const x12_elig_entity *e;
    x12_str q, v, fmt;
    int64_t n;

    ck_assert_uint_eq(x12_elig_doc_coverage_count(d), 1);
    ck_assert_uint_eq(x12_elig_doc_error_count(d), 0);
    c = x12_elig_doc_coverage_at(d, 0);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_SUBSCRIBER);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_ACTIVE);
    ASSERT_VIEW(CF(c, LAST_NAME), "DOE");
    ASSERT_VIEW(CF(c, FIRST_NAME), "JANE");
    ASSERT_VIEW(CF(c, MEMBER_ID), "XJ0000000001");
    ASSERT_VIEW(CF(c, MEMBER_ID_QUALIFIER), "MI");
    ASSERT_VIEW(CF(c, BIRTH_DATE), "19800101");
    ASSERT_VIEW(CF(c, GENDER), "F");
    ASSERT_VIEW(CF(c, RELATIONSHIP), "18");
    ASSERT_VIEW(CF(c, GROUP_NUMBER), "GRP0042");
    ASSERT_VIEW(CF(c, GROUP_NAME), "RIVERSIDE EMPLOYEES");
    ASSERT_VIEW(CF(c, PLAN_NUMBER), "GOLD-PPO-2025");
    ASSERT_VIEW(CF(c, PLAN_NAME), "GOLD PPO 2025");
    ASSERT_VIEW(CF(c, INSURANCE_TYPE), "C1");
    ASSERT_VIEW(CF(c, PLAN_BEGIN), "20250101");
    ASSERT_VIEW(CF(c, PLAN_END), "20251231");
    ASSERT_VIEW(CF(c, ELIGIBILITY_BEGIN), "20240301");
    ASSERT_VIEW(CF(c, ELIGIBILITY_END), "");
    ASSERT_VIEW(CF(c, TRACE_NUMBER), "ELIG-0001");
    ASSERT_VIEW(CF(c, TRACE_ORIGINATOR), "1371234567");
    ASSERT_VIEW(CF(c, PAYER_TRACE_NUMBER), "EHP-7781");
    ASSERT_VIEW(CF(c, SUBSCRIBER_LAST_NAME), "DOE");
    ASSERT_VIEW(CF(c, ADDRESS1), "12 ELM AVENUE");
    ASSERT_VIEW(CF(c, CITY), "SPRINGFIELD");
    ASSERT_VIEW(CF(c, STATE), "IL");
    ASSERT_VIEW(CF(c, POSTAL_CODE), "62704");
    ASSERT_VIEW(CF(c, CONTROL_NUMBER), "0001");
    ASSERT_VIEW(CF(c, REFERENCE), "ELIG20251118");
    ASSERT_VIEW(CF(c, RESPONSE_DATE), "20251118");
    ck_assert_uint_eq(x12_elig_coverage_index(c), 0);
    ck_assert_uint_eq(x12_elig_coverage_segment_number(c), 10);
    ck_assert_uint_eq(x12_elig_coverage_reject_count(c), 0);
    ck_assert_uint_eq(x12_elig_coverage_error_count(c), 0);
    ck_assert_uint_eq(x12_elig_coverage_ref_count(c), 2);
    x12_elig_coverage_ref_at(c, 1, &q, &v, &fmt);
    ASSERT_VIEW(q, "18");
    ASSERT_VIEW(v, "GOLD-PPO-2025");
    ck_assert_uint_eq(x12_elig_coverage_date_count(c), 3);
    x12_elig_coverage_date_at(c, 2, &q, &fmt, &v);
    ASSERT_VIEW(q, "356");
    ASSERT_VIEW(fmt, "D8");
    ASSERT_VIEW(v, "20240301");

    p = x12_elig_coverage_payer(c);
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_ENTITY), "PR");
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_NAME), "EXAMPLE HEALTH PLAN");
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_ID_QUALIFIER), "PI");
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_ID), "EHP01");
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_CONTACT_NAME), "PROVIDER SERVICES");
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_PHONE), "5555550199");
    p = x12_elig_coverage_receiver(c);
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_NAME), "RIVERSIDE FAMILY PRACTICE");
    ASSERT_VIEW(x12_elig_party_get(p, X12_EP_ID), "1234567893");

    /* Every EB, in order: 19 of them. */
    ck_assert_uint_eq(x12_elig_coverage_benefit_count(c), 19);
    b = x12_elig_coverage_benefit_at(c, 0);
    ASSERT_VIEW(BF(b, CODE), "1");
    ck_assert_str_eq(x12_elig_benefit_code_text(b), "Active coverage");
    ck_assert_int_eq(x12_elig_benefit_active(b), 1);
    ASSERT_VIEW(BF(b, COVERAGE_LEVEL), "IND");
    ck_assert_str_eq(x12_elig_benefit_coverage_level_text(b), "Individual");
    ck_assert_uint_eq(x12_elig_benefit_service_type_count(b), 1);
    ASSERT_VIEW(x12_elig_benefit_service_type_at(b, 0), "30");
    ck_assert_uint_eq(x12_elig_benefit_message_count(b), 1);
    ASSERT_VIEW(x12_elig_benefit_message_at(b, 0), "PLAN YEAR RUNS JANUARY TO DECEMBER");
    ck_assert_uint_eq(x12_elig_benefit_segment_number(b), 23);
    b = x12_elig_coverage_benefit_at(c, 6); /* EB*G*IND*30***29*4200.50*****Y */
    ASSERT_VIEW(BF(b, CODE), "G");
    ASSERT_VIEW(BF(b, TIME_PERIOD), "29");
    ck_assert_str_eq(x12_elig_benefit_time_period_text(b), "Remaining");
    ASSERT_VIEW(BF(b, AMOUNT_TEXT), "4200.50");
    ck_assert(x12_elig_benefit_amount_cents(b, &n));
    ck_assert_int_eq(n, 420050);
    ck_assert(!x12_elig_benefit_percent_bp(b, NULL));
    ASSERT_VIEW(BF(b, IN_NETWORK), "Y");
    b = x12_elig_coverage_benefit_at(c, 12); /* EB*A*IND*UC*****0.125****Y */
    ASSERT_VIEW(BF(b, PERCENT_TEXT), "0.125");
    ck_assert(x12_elig_benefit_percent_bp(b, &n));
    ck_assert_int_eq(n, 1250);
    b = x12_elig_coverage_benefit_at(c, 13); /* EB*F*IND*AD^AE***23***VS*20**Y */
    ck_assert_uint_eq(x12_elig_benefit_service_type_count(b), 2);
    ASSERT_VIEW(x12_elig_benefit_service_type_at(b, 1), "AE");
    ASSERT_VIEW(BF(b, QUANTITY_QUALIFIER), "VS");
    ck_assert(x12_elig_benefit_quantity_milli(b, &n));
    ck_assert_int_eq(n, 20000);
    b = x12_elig_coverage_benefit_at(c, 14); /* EB*C*IND*62***23*500****Y*Y + DTP*292 */
    ASSERT_VIEW(BF(b, AUTHORIZATION), "Y");
    ck_assert_uint_eq(x12_elig_benefit_date_count(b), 1);
    x12_elig_benefit_date_at(b, 0, &q, &fmt, &v);
    ASSERT_VIEW(q, "292");
    ASSERT_VIEW(fmt, "RD8");
    ASSERT_VIEW(v, "20250101-20251231");
    b = x12_elig_coverage_benefit_at(c, 16); /* EB*B*IND*88***27*10*****Y*HC:J1100 */
    ASSERT_VIEW(BF(b, PROCEDURE_QUALIFIER), "HC");
    ASSERT_VIEW(BF(b, PROCEDURE), "J1100");
    b = x12_elig_coverage_benefit_at(c, 17); /* EB*L + LS/NM1*P3/PER/LE */
    ASSERT_VIEW(BF(b, CODE), "L");
    ck_assert_str_eq(x12_elig_benefit_code_text(b), "Primary care provider");
    ck_assert_uint_eq(x12_elig_benefit_entity_count(b), 1);
    e = x12_elig_benefit_entity_at(b, 0);
    ASSERT_VIEW(x12_elig_entity_get(e, X12_EP_ENTITY), "P3");
    ASSERT_VIEW(x12_elig_entity_get(e, X12_EP_ID), "1497758544");
    ASSERT_VIEW(x12_elig_entity_get(e, X12_EP_PHONE), "5555550111");
    b = x12_elig_coverage_benefit_at(c, 18); /* EB*I*IND*AL: not covered */
    ck_assert_str_eq(x12_elig_benefit_code_text(b), "Not covered");
    ck_assert_int_eq(x12_elig_benefit_active(b), 0);

    /* Summaries: 30, 98, 86, UC, AD, AE, 62, 88, AL in order of appearance. */
    ck_assert_uint_eq(x12_elig_coverage_summary_count(c), 9);
    s = x12_elig_coverage_find_summary(c, "30");
    ck_assert_ptr_eq(s, x12_elig_coverage_summary_at(c, 0));
    ck_assert_str_eq(x12_elig_summary_service_type_text(s), "Health benefit plan coverage");
    ck_assert_int_eq(x12_elig_summary_active(s), 1);
    ck_assert_int_eq(x12_elig_summary_authorization_required(s), 0);
    ck_assert_int_eq(measure(s, X12_EM_DEDUCTIBLE, 0), 150000);
    ck_assert_int_eq(measure(s, X12_EM_DEDUCTIBLE_REMAINING, 0), 60000);
    ck_assert_int_eq(measure(s, X12_EM_FAMILY_DEDUCTIBLE, 0), 300000);
    ck_assert_int_eq(measure(s, X12_EM_OUT_OF_POCKET, 0), 500000);
    ck_assert_int_eq(measure(s, X12_EM_OUT_OF_POCKET_REMAINING, 0), 420050);
    ck_assert_int_eq(measure(s, X12_EM_COINSURANCE, 0), 2000);
    ck_assert(!has_measure(s, X12_EM_COPAY, 0));
    ck_assert(!has_measure(s, X12_EM_FAMILY_DEDUCTIBLE_REMAINING, 0));
    ck_assert_int_eq(measure(s, X12_EM_DEDUCTIBLE, 1), 300000);
    ck_assert_int_eq(measure(s, X12_EM_COINSURANCE, 1), 4000);
    ck_assert(!has_measure(s, X12_EM_DEDUCTIBLE_REMAINING, 1));
    s = x12_elig_coverage_find_summary(c, "98");
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 0), 2500);
    ck_assert_int_eq(x12_elig_summary_active(s), 0); /* no EB 1-8 names 98 */
    s = x12_elig_coverage_find_summary(c, "86"); /* EB12 W counts in network */
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 0), 15000);
    s = x12_elig_coverage_find_summary(c, "UC");
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 0), 7500);
    ck_assert_int_eq(measure(s, X12_EM_COINSURANCE, 0), 1250);
    s = x12_elig_coverage_find_summary(c, "62");
    ck_assert_int_eq(x12_elig_summary_authorization_required(s), 1);
    ck_assert_int_eq(measure(s, X12_EM_DEDUCTIBLE, 0), 50000);
    s = x12_elig_coverage_find_summary(c, "88");
    ck_assert_int_eq(x12_elig_summary_active(s), 1);
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 0), 1000);
    s = x12_elig_coverage_find_summary(c, "AL");
    ck_assert_int_eq(x12_elig_summary_active(s), 0);
    ck_assert_ptr_null(x12_elig_coverage_find_summary(c, "47"));
    x12_elig_doc_free(d);
}
END_TEST

START_TEST(dependents)
{
    x12_elig_doc *d = parse_fixture("elig-271-dependents.x12");
    const x12_elig_coverage *c;
    const x12_elig_summary *s;

    ck_assert_uint_eq(x12_elig_doc_coverage_count(d), 3);
    c = x12_elig_doc_coverage_at(d, 0);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_SUBSCRIBER);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_ACTIVE);
    ASSERT_VIEW(CF(c, FIRST_NAME), "RICHARD");
    s = x12_elig_coverage_find_summary(c, "30");
    /* Only family amounts: the personal measures stay empty. */
    ck_assert_int_eq(measure(s, X12_EM_FAMILY_DEDUCTIBLE, 0), 200000);
    ck_assert_int_eq(measure(s, X12_EM_FAMILY_DEDUCTIBLE_REMAINING, 0), 125000);
    ck_assert(!has_measure(s, X12_EM_DEDUCTIBLE, 0));

    c = x12_elig_doc_coverage_at(d, 1);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_DEPENDENT);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_ACTIVE);
    ASSERT_VIEW(CF(c, LAST_NAME), "ROE");
    ASSERT_VIEW(CF(c, FIRST_NAME), "SAM");
    ASSERT_VIEW(CF(c, BIRTH_DATE), "20150304");
    ASSERT_VIEW(CF(c, RELATIONSHIP), "19");
    /* The dependent is covered under its subscriber's id, group and name. */
    ASSERT_VIEW(CF(c, MEMBER_ID), "XR0000000007");
    ASSERT_VIEW(CF(c, GROUP_NUMBER), "GRP0042");
    ASSERT_VIEW(CF(c, SUBSCRIBER_FIRST_NAME), "RICHARD");
    ASSERT_VIEW(CF(c, TRACE_NUMBER), "ELIG-0002");
    ASSERT_VIEW(CF(c, PLAN_NAME), "SILVER HMO");
    s = x12_elig_coverage_find_summary(c, "98");
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 0), 2000);
    s = x12_elig_coverage_find_summary(c, "30");
    /* DEP is neither individual nor family: taken after IND and none. */
    ck_assert_int_eq(measure(s, X12_EM_COINSURANCE, 0), 1000);

    c = x12_elig_doc_coverage_at(d, 2);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_INACTIVE);
    ASSERT_VIEW(CF(c, FIRST_NAME), "TERRY");
    ASSERT_VIEW(CF(c, PLAN_END), "20250930");
    ASSERT_VIEW(CF(c, PLAN_BEGIN), "");
    s = x12_elig_coverage_find_summary(c, "30");
    ck_assert_int_eq(x12_elig_summary_active(s), -1);
    ck_assert_uint_eq(x12_elig_coverage_index(c), 2);
    x12_elig_doc_free(d);
}
END_TEST

/* AAA at every level, each with its reason, follow-up, loop, position and
 * an error record that names codes, never the person. */
START_TEST(rejections)
{
    x12_elig_doc *d = parse_fixture("elig-271-rejected.x12");
    const x12_elig_coverage *c;
    const x12_elig_reject *r;
    const x12_error *e;
    char msg[300];

    ck_assert_uint_eq(x12_elig_doc_coverage_count(d), 5);
    c = x12_elig_doc_coverage_at(d, 0);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_REJECTED);
    ck_assert_uint_eq(x12_elig_coverage_reject_count(c), 1);
    r = x12_elig_coverage_reject_at(c, 0);
    ck_assert_int_eq(x12_elig_reject_valid_request(r), 1);
    ASSERT_VIEW(x12_elig_reject_reason(r), "75");
    ASSERT_VIEW(x12_elig_reject_follow_up(r), "C");
    ck_assert_str_eq(x12_elig_reject_reason_text(r), "Subscriber or insured not found");
    ck_assert_str_eq(x12_elig_reject_follow_up_text(r), "Correct the request and send it again");
    ck_assert_int_eq(x12_elig_reject_may_resubmit(r), 1);
    ck_assert_str_eq(x12_elig_reject_loop(r), "2100C");
    ck_assert_uint_eq(x12_elig_reject_benefit(r), 0);
    e = x12_elig_reject_error(r);
    ck_assert_int_eq(x12_error_status(e), X12_EEDIT);
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_ERROR);
    ck_assert_str_eq(x12_error_rule(e), "aaa");
    ck_assert_uint_eq(x12_error_segment_number(e), 12);
    ck_assert_str_eq(x12_error_segment_id(e), "AAA");
    ck_assert_str_eq(x12_error_loop_id(e), "2100C");
    x12_error_format(e, msg, sizeof msg);
    ck_assert_str_eq(msg, "12:AAA-03: the payer rejected the request: Subscriber or insured "
                          "not found (AAA03 75); Correct the request and send it again (AAA04 C)");
    ck_assert_ptr_null(strstr(msg, "POE"));
    ck_assert_ptr_null(strstr(msg, "XP0000000099"));

    /* A subscriber whose dependent is the one asked about: nothing known. */
    c = x12_elig_doc_coverage_at(d, 1);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_UNKNOWN);
    ck_assert_uint_eq(x12_elig_coverage_benefit_count(c), 0);

    c = x12_elig_doc_coverage_at(d, 2);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_DEPENDENT);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_REJECTED);
    ck_assert_uint_eq(x12_elig_coverage_reject_count(c), 2);
    ASSERT_VIEW(x12_elig_reject_reason(x12_elig_coverage_reject_at(c, 0)), "67");
    ASSERT_VIEW(x12_elig_reject_reason(x12_elig_coverage_reject_at(c, 1)), "58");
    ck_assert_str_eq(x12_elig_reject_loop(x12_elig_coverage_reject_at(c, 1)), "2100D");

    /* A benefit-level rejection: the person is still covered. */
    c = x12_elig_doc_coverage_at(d, 3);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_ACTIVE);
    ck_assert_uint_eq(x12_elig_coverage_reject_count(c), 1);
    r = x12_elig_coverage_reject_at(c, 0);
    ck_assert_str_eq(x12_elig_reject_loop(r), "2110C");
    ck_assert_uint_eq(x12_elig_reject_benefit(r), 2);
    ASSERT_VIEW(x12_elig_reject_reason(r), "63");
    ck_assert_int_eq(x12_elig_reject_may_resubmit(r), 0);

    /* The second set: the payer could not answer at all.  No subscriber
     * carries it, so it comes as a coverage of the payer's level. */
    c = x12_elig_doc_coverage_at(d, 4);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_SOURCE);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_REJECTED);
    ck_assert_ptr_null(x12_elig_coverage_receiver(c));
    ASSERT_VIEW(CF(c, CONTROL_NUMBER), "0002");
    ck_assert_uint_eq(x12_elig_party_reject_count(x12_elig_coverage_payer(c)), 1);
    r = x12_elig_party_reject_at(x12_elig_coverage_payer(c), 0);
    ck_assert_int_eq(x12_elig_reject_valid_request(r), 0);
    ASSERT_VIEW(x12_elig_reject_reason(r), "42");
    ck_assert_str_eq(x12_elig_reject_loop(r), "2000A");
    ck_assert_int_eq(x12_elig_reject_may_resubmit(r), 1);
    x12_elig_doc_free(d);
}
END_TEST

/* The public LinuxForHealth samples: a copay of 10.00 in network and 30.00
 * out of network for ten service types; a dependent (INS*N*19) covered
 * under the subscriber's member id; a provider-level rejection with no
 * subscriber under it. */
START_TEST(corpus_samples)
{
    const char *cdir = txn_corpus_dir();
    char path[4200];
    x12_elig_doc *d;
    const x12_elig_coverage *c;
    const x12_elig_summary *s;

    ck_assert_ptr_nonnull(cdir);
    snprintf(path, sizeof path, "%s/271/LinuxForHealth-x12__dependent-health-benefit-check.271",
             cdir);
    ck_assert_int_eq(x12_elig_parse_path(NULL, path, &d), X12_OK);
    ck_assert_uint_eq(x12_elig_doc_coverage_count(d), 2);
    c = x12_elig_doc_coverage_at(d, 1);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_DEPENDENT);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_ACTIVE);
    ASSERT_VIEW(CF(c, MEMBER_ID), "123456789");
    ASSERT_VIEW(CF(c, RELATIONSHIP), "19");
    ASSERT_VIEW(CF(c, PLAN_NAME), "GOLD 123 PLAN");
    ck_assert_uint_eq(x12_elig_coverage_summary_count(c), 11);
    s = x12_elig_coverage_find_summary(c, "MH");
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 0), 1000);
    ck_assert_int_eq(measure(s, X12_EM_COPAY, 1), 3000);
    x12_elig_doc_free(d);

    snprintf(path, sizeof path,
             "%s/271/LinuxForHealth-x12__subscriber-health-benefit-check-error.271", cdir);
    ck_assert_int_eq(x12_elig_parse_path(NULL, path, &d), X12_OK);
    ck_assert_uint_eq(x12_elig_doc_coverage_count(d), 1);
    c = x12_elig_doc_coverage_at(d, 0);
    ck_assert_int_eq(x12_elig_coverage_level(c), X12_ELIG_LEVEL_RECEIVER);
    ck_assert_int_eq(x12_elig_coverage_state(c), X12_ELIG_REJECTED);
    ASSERT_VIEW(x12_elig_reject_reason(x12_elig_party_reject_at(x12_elig_coverage_receiver(c), 0)),
                "50");
    /* The reader's SE02 error is in the doc's diagnostics. */
    ck_assert_uint_eq(x12_elig_doc_error_count(d), 1);
    ck_assert_str_eq(x12_error_rule(x12_elig_doc_error_at(d, 0)), "se02-control");
    x12_elig_doc_free(d);
}
END_TEST

/* One line per coverage, every value and count: what stream, doc and push
 * reading must agree on. */
static void sig_coverage(tbuf *t, const x12_elig_coverage *c)
{
    char line[200];
    size_t i, k;

    snprintf(line, sizeof line, "cov %zu level %d state %d seg %" PRIu64 " ben %zu rej %zu sum %zu\n",
             x12_elig_coverage_index(c), x12_elig_coverage_level(c), x12_elig_coverage_state(c),
             x12_elig_coverage_segment_number(c), x12_elig_coverage_benefit_count(c),
             x12_elig_coverage_reject_count(c), x12_elig_coverage_summary_count(c));
    tbuf_str(t, line);
    for (i = 1; i <= 31; i++) {
        x12_str v = x12_elig_coverage_get(c, (x12_elig_coverage_field)i);
        tbuf_add(t, v.ptr, v.len);
        tbuf_str(t, "|");
    }
    for (i = 0; i < x12_elig_coverage_summary_count(c); i++) {
        const x12_elig_summary *s = x12_elig_coverage_summary_at(c, i);
        for (k = 1; k <= 10; k++) {
            int64_t v = 0;
            int h = x12_elig_summary_get(s, (x12_elig_measure)k, 0, &v);
            snprintf(line, sizeof line, "%d:%" PRId64 ",", h, v);
            tbuf_str(t, line);
        }
    }
    tbuf_str(t, "\n");
}

static void sig_stream(const char *data, size_t len, size_t chunk, tbuf *t)
{
    x12_elig_stream *s;
    const x12_elig_coverage *c;
    x12_status st;
    size_t off = 0;

    ck_assert_int_eq(x12_elig_stream_new(NULL, NULL, &s), X12_OK);
    if (chunk == 0)
        ck_assert_int_eq(x12_reader_open_buffer(x12_elig_stream_reader(s), data, len), X12_OK);
    else /* a push reader exists once something is fed */
        ck_assert_int_eq(x12_reader_feed(x12_elig_stream_reader(s), data, 0, 0), X12_OK);
    for (;;) {
        st = x12_elig_stream_next(s, &c);
        if (st == X12_OK) {
            sig_coverage(t, c);
            continue;
        }
        if (st == X12_AGAIN) {
            size_t n = len - off < chunk ? len - off : chunk;
            ck_assert_int_eq(x12_reader_feed(x12_elig_stream_reader(s), data + off, n, off + n == len),
                             X12_OK);
            off += n;
            continue;
        }
        break;
    }
    ck_assert_int_eq(st, X12_END);
    x12_elig_stream_free(s);
}

START_TEST(stream_push_doc_agree)
{
    static const char *const names[] = {"elig-271-benefits.x12", "elig-271-dependents.x12",
                                        "elig-271-rejected.x12"};
    static const size_t chunks[] = {1, 3, 64, 4096};
    size_t i, k, len;

    for (i = 0; i < 3; i++) {
        char *data = slurp(data_path(names[i]), &len);
        x12_elig_doc *d;
        tbuf a = {0}, b = {0};

        ck_assert_int_eq(x12_elig_parse_buffer(NULL, data, len, &d), X12_OK);
        for (k = 0; k < x12_elig_doc_coverage_count(d); k++)
            sig_coverage(&a, x12_elig_doc_coverage_at(d, k));
        x12_elig_doc_free(d);
        sig_stream(data, len, 0, &b);
        ck_assert_msg(a.len == b.len && memcmp(a.p, b.p, a.len) == 0, "%s: stream differs",
                      names[i]);
        for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
            tbuf c = {0};
            sig_stream(data, len, chunks[k], &c);
            ck_assert_msg(a.len == c.len && memcmp(a.p, c.p, a.len) == 0,
                          "%s: pushed in chunks of %zu differs", names[i], chunks[k]);
            tbuf_free(&c);
        }
        tbuf_free(&a);
        tbuf_free(&b);
        free(data);
    }
}
END_TEST

/* ---- junk: diagnostics kept within a limit ------------------------------------------- */

/* elig-271-benefits.x12 with n copies of `junk` before its first EB. */
static char *junk_271(const char *junk, size_t n, size_t *len)
{
    return with_junk("elig-271-benefits.x12", "EB*", junk, n, len);
}

/* Reads `data` from a buffer (chunk 0) or pushed in chunks. */
static junk_read read_junk(const char *data, size_t len, size_t chunk)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_elig_stream *s;
    const x12_elig_coverage *cov;
    x12_status st;
    junk_read out;
    size_t off = 0;

    memset(&out, 0, sizeof out);
    ck_assert_int_eq(x12_elig_stream_new(&a, NULL, &s), X12_OK);
    if (chunk == 0)
        ck_assert_int_eq(x12_reader_open_buffer(x12_elig_stream_reader(s), data, len), X12_OK);
    else
        ck_assert_int_eq(x12_reader_feed(x12_elig_stream_reader(s), data, 0, 0), X12_OK);
    x12_elig_stream_set_error_handler(s, junk_seen, &out.seen);
    for (;;) {
        st = x12_elig_stream_next(s, &cov);
        junk_call(&out, x12_elig_stream_error_count(s), x12_elig_stream_errors_dropped(s),
                  X12_ELIG_DEFAULT_MAX_ERRORS);
        if (st == X12_AGAIN) {
            junk_feed(x12_elig_stream_reader(s), data, len, &off, chunk);
            continue;
        }
        if (st != X12_OK)
            break;
        out.records++;
        out.rec_kept += x12_elig_coverage_error_count(cov); /* over all coverages */
        out.rec_dropped += x12_elig_coverage_errors_dropped(cov);
        sig_coverage(&out.sig, cov);
    }
    ck_assert_int_eq(st, X12_END);
    x12_elig_stream_free(s);
    junk_done(&out, &c);
    return out;
}

/* Junk before a coverage's first EB once made every diagnostic stay in
 * memory: 400,000 "!!~" (1.6 MB) took 125 MB in `x12 eligibility`.  Now the
 * lists keep the first 1000 and count the rest, memory is the same for 4,000
 * and 40,000 of them, the handler sees every one, pushed input keeps what a
 * buffer keeps, and the coverages read are those of the clean file. */
START_TEST(junk_diagnostics_bounded)
{
    static const char *const junks[] = {"!!~", "MSG*X~"};
    size_t clen, k;
    char *clean = slurp(data_path("elig-271-benefits.x12"), &clen);
    junk_read ref = read_junk(clean, clen, 0);

    for (k = 0; k < 2; k++) {
        size_t slen, blen;
        char *sdata = junk_271(junks[k], 4000, &slen);
        char *bdata = junk_271(junks[k], 40000, &blen);
        junk_read small = read_junk(sdata, slen, 0);
        junk_read big = read_junk(bdata, blen, 0);
        junk_read pushed = read_junk(bdata, blen, 7);
        x12_elig_doc *d;

        ck_assert_msg(big.peak <= small.peak + small.peak / 50,
                      "%s: peak %zu bytes for 40000 junk segments, %zu for 4000", junks[k],
                      big.peak, small.peak);
        ck_assert_uint_eq(big.records, ref.records);
        ck_assert_uint_eq(big.listed + big.dropped, big.seen);
        ck_assert_uint_eq(big.listed, X12_ELIG_DEFAULT_MAX_ERRORS);
        ck_assert_uint_ge(big.seen, 40000);
        ck_assert_uint_eq(pushed.seen, big.seen);
        ck_assert_uint_eq(pushed.listed, big.listed);
        ck_assert_uint_eq(pushed.dropped, big.dropped);
        ck_assert_uint_eq(pushed.rec_kept, big.rec_kept);
        ck_assert_uint_eq(pushed.rec_dropped, big.rec_dropped);
        if (k == 1) {
            /* MSG outside a benefit is the coverage's own warning: its list
             * is bounded too. */
            ck_assert_uint_eq(big.rec_kept, X12_ELIG_DEFAULT_MAX_ERRORS);
            ck_assert_uint_eq(big.rec_dropped, 40000 - X12_ELIG_DEFAULT_MAX_ERRORS);
        } else {
            /* the coverage itself reads as in the clean file */
            ck_assert_uint_eq(big.sig.len, ref.sig.len);
            ck_assert_int_eq(memcmp(big.sig.p, ref.sig.p, ref.sig.len), 0);
        }
        /* the whole-file doc keeps what the calls keep */
        ck_assert_int_eq(x12_elig_parse_buffer(NULL, bdata, blen, &d), X12_OK);
        ck_assert_uint_eq(x12_elig_doc_error_count(d), big.listed);
        ck_assert_uint_eq(x12_elig_doc_errors_dropped(d), big.dropped);
        x12_elig_doc_free(d);
        tbuf_free(&small.sig);
        tbuf_free(&big.sig);
        tbuf_free(&pushed.sig);
        free(sdata);
        free(bdata);
    }
    tbuf_free(&ref.sig);
    free(clean);
    ck_assert_int_eq(x12_elig_stream_set_max_errors(NULL, 5), X12_EINVAL);
    ck_assert_uint_eq(x12_elig_stream_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_elig_doc_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_elig_coverage_errors_dropped(NULL), 0);
}
END_TEST

/* The limit is the caller's: 0 keeps everything, a small one keeps at most
 * that many between two coverages and counts the rest. */
static void read_limited(const char *data, size_t len, size_t lim, size_t *kept,
                         uint64_t *dropped, size_t *coverages)
{
    x12_elig_stream *s;
    const x12_elig_coverage *cov;
    x12_status st;

    *kept = 0;
    *dropped = 0;
    *coverages = 0;
    ck_assert_int_eq(x12_elig_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_elig_stream_set_max_errors(s, lim), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_elig_stream_reader(s), data, len), X12_OK);
    do {
        st = x12_elig_stream_next(s, &cov);
        ck_assert_uint_le(x12_elig_stream_error_count(s), lim == 0 ? SIZE_MAX : lim);
        *kept += x12_elig_stream_error_count(s);
        *dropped += x12_elig_stream_errors_dropped(s);
        *coverages += st == X12_OK;
    } while (st == X12_OK);
    ck_assert_int_eq(st, X12_END);
    x12_elig_stream_free(s);
}

START_TEST(junk_limit_set)
{
    size_t len, total, kept, n;
    uint64_t dropped;
    char *data = junk_271("!!~", 300, &len);

    read_limited(data, len, 0, &total, &dropped, &n);
    ck_assert_uint_ge(total, 300);
    ck_assert_uint_eq(dropped, 0);
    read_limited(data, len, 10, &kept, &dropped, &n);
    ck_assert_uint_eq(kept + dropped, total);
    ck_assert_uint_le(kept, 10 * (n + 1));
    free(data);
}
END_TEST

/* Malformed amounts and percents are located errors on the coverage; the
 * rest of the file reads on.  A set that is not a 271 is skipped with a
 * warning. */
START_TEST(malformed_values)
{
    static const char data[] =
        "ISA*00*          *00*          *ZZ*EHP01          *ZZ*SUBMITTER01    *251118*0930*^*"
        "00501*000000512*0*T*:~\n"
        "GS*HB*EHP01*SUBMITTER01*20251118*0930*512*X*005010X279A1~\n"
        "ST*271*0001*005010X279A1~\n"
        "BHT*0022*11*R1*20251118*0930~\n"
        "HL*1**20*1~\n"
        "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*EHP01~\n"
        "HL*2*1*21*1~\n"
        "NM1*1P*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567893~\n"
        "HL*3*2*22*0~\n"
        "NM1*IL*1*DOE*JANE****MI*XJ0000000001~\n"
        "EB*C*IND*30***23*12.345~\n"
        "EB*A*IND*30*****TWENTY~\n"
        "EB*B*IND*98***27*25~\n"
        "SE*12*0001~\n"
        "ST*270*0002*005010X279A1~\n"
        "BHT*0022*13*R2*20251118*0930~\n"
        "SE*3*0002~\n"
        "GE*2*512~\n"
        "IEA*1*000000512~\n";
    x12_elig_doc *d;
    const x12_elig_coverage *c;
    char msg[200];

    ck_assert_int_eq(x12_elig_parse_buffer(NULL, data, sizeof data - 1, &d), X12_OK);
    ck_assert_uint_eq(x12_elig_doc_coverage_count(d), 1);
    c = x12_elig_doc_coverage_at(d, 0);
    ck_assert_uint_eq(x12_elig_coverage_error_count(c), 2);
    x12_error_format(x12_elig_coverage_error_at(c, 0), msg, sizeof msg);
    ck_assert_str_eq(msg, "11:EB-07: EB07 is not an amount of money (digits, at most 2 decimals)");
    ck_assert_str_eq(x12_error_rule(x12_elig_coverage_error_at(c, 0)), "amount");
    ck_assert_str_eq(x12_error_loop_id(x12_elig_coverage_error_at(c, 0)), "2110C");
    x12_error_format(x12_elig_coverage_error_at(c, 1), msg, sizeof msg);
    ck_assert_str_eq(msg, "12:EB-08: EB08 is not a decimal percent");
    ck_assert(!x12_elig_benefit_amount_cents(x12_elig_coverage_benefit_at(c, 0), NULL));
    ck_assert(!has_measure(x12_elig_coverage_find_summary(c, "30"), X12_EM_DEDUCTIBLE, 0));
    ck_assert_int_eq(measure(x12_elig_coverage_find_summary(c, "98"), X12_EM_COPAY, 0), 2500);
    /* two issues, then the 270's warning */
    ck_assert_uint_eq(x12_elig_doc_error_count(d), 3);
    ck_assert_str_eq(x12_error_rule(x12_elig_doc_error_at(d, 2)), "not-271");
    ck_assert_int_eq(x12_error_severity(x12_elig_doc_error_at(d, 2)), X12_SEV_WARNING);
    x12_elig_doc_free(d);
}
END_TEST

/* A caller allocator carries every allocation; running out of memory at any
 * one gives X12_ENOMEM, no doc, and nothing leaks. */
START_TEST(out_of_memory)
{
    size_t len;
    char *data = slurp(data_path("elig-271-benefits.x12"), &len);
    failcount cnt = {0, 0, -1};
    x12_allocator al = {sizeof al, failcount_malloc, failcount_realloc, failcount_free, &cnt};
    x12_elig_doc *d;
    long total, n;

    ck_assert_int_eq(x12_elig_parse_buffer(&al, data, len, &d), X12_OK);
    x12_elig_doc_free(d);
    ck_assert_int_eq(cnt.allocs, cnt.frees);
    total = cnt.allocs;
    ck_assert_int_gt(total, 5);
    for (n = 0; n < total; n++) {
        x12_status st;

        cnt.allocs = cnt.frees = 0;
        cnt.fail_at = n;
        st = x12_elig_parse_buffer(&al, data, len, &d);
        ck_assert_msg(st == X12_ENOMEM, "fail at %ld: %d", n, st);
        ck_assert_ptr_null(d);
        ck_assert_msg(cnt.allocs == cnt.frees, "fail at %ld: %ld allocs, %ld frees", n,
                      cnt.allocs, cnt.frees);
    }
    free(data);
}
END_TEST

START_TEST(code_lists)
{
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_SERVICE_TYPE, "98", 2),
                     "Physician office visit");
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_SERVICE_TYPE, "30", 2),
                     "Health benefit plan coverage");
    ck_assert_ptr_null(x12_elig_code_text(X12_ELIG_CODES_SERVICE_TYPE, "29", 2));
    ck_assert_uint_eq(x12_elig_code_count(X12_ELIG_CODES_SERVICE_TYPE), 187);
    ck_assert_uint_eq(x12_elig_code_count(X12_ELIG_CODES_BENEFIT), 35);
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_BENEFIT, "MC", 2),
                     "Managed care coordinator");
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_COVERAGE_LEVEL, "FAM", 3), "Family");
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_TIME_PERIOD, "29", 2), "Remaining");
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_REJECT_REASON, "T4", 2),
                     "Payer name or id missing");
    ck_assert_str_eq(x12_elig_code_text(X12_ELIG_CODES_FOLLOW_UP, "W", 1),
                     "Wait 30 days, then send it again");
    ck_assert_str_eq(x12_elig_code_list_version(X12_ELIG_CODES_SERVICE_TYPE), "2006-05-01");
    ck_assert_ptr_null(x12_elig_code_text((x12_elig_codeset)99, "1", 1));
    ck_assert_ptr_null(x12_elig_code_list_version((x12_elig_codeset)0));
    ck_assert_uint_eq(x12_elig_code_count((x12_elig_codeset)7), 0);
}
END_TEST


/* ---- 270 --------------------------------------------------------------------------- */

static char *write_request(x12_elig_request *rq, size_t *len, x12_status want)
{
    x12_writer *w = memory_writer();

    ck_assert_int_eq(x12_elig_request_write(rq, w), want);
    return writer_text(w, len);
}

/* The demo's request XML gives examples/data/eligibility.270 byte for byte,
 * which validates strictly without one issue. */
START_TEST(request_from_xml)
{
    char path[4096];
    x12_elig_request *rq;
    char *out, *want, *issues;
    size_t len, wlen;

    snprintf(path, sizeof path, "%s/../../examples/requests/eligibility.xml", getenv("X12_TEST_DATA"));
    ck_assert_int_eq(x12_elig_request_new(NULL, &rq), X12_OK);
    ck_assert_int_eq(x12_elig_request_load_xml_file(rq, path), X12_OK);
    ck_assert_uint_eq(x12_elig_request_inquiry_count(rq), 2);
    ck_assert_int_eq(x12_elig_request_check(rq), X12_OK);
    out = write_request(rq, &len, X12_OK);
    snprintf(path, sizeof path, "%s/../../examples/data/eligibility.270", getenv("X12_TEST_DATA"));
    want = slurp(path, &wlen);
    ck_assert_ptr_nonnull(want);
    ck_assert_msg(len == wlen && memcmp(out, want, len) == 0, "270 differs:\n%s", out);
    issues = validate_all(out, len);
    ck_assert_msg(issues[0] == '\0', "%s", issues);
    free(issues);
    free(want);
    free(out);
    /* Loading again into a request that is not empty is refused. */
    snprintf(path, sizeof path, "%s/../../examples/requests/eligibility.xml", getenv("X12_TEST_DATA"));
    ck_assert_int_eq(x12_elig_request_load_xml_file(rq, path), X12_ESTATE);
    x12_elig_request_free(rq);
}
END_TEST

static x12_elig_inquiry *inquiry(x12_elig_request *rq, const char *payer_id, const char *npi,
                                 const char *member)
{
    x12_elig_inquiry *q;

    ck_assert_int_eq(x12_elig_request_add_inquiry(rq, &q), X12_OK);
    x12_elig_inquiry_set(q, X12_EI_PAYER_NAME, "EXAMPLE HEALTH PLAN", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_PAYER_ID, payer_id, X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_PROVIDER_NAME, "RIVERSIDE FAMILY PRACTICE", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_PROVIDER_NPI, npi, X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_SUBSCRIBER_LAST_NAME, "DOE", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_SUBSCRIBER_FIRST_NAME, "JANE", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_MEMBER_ID, member, X12_NTS);
    return q;
}

static x12_elig_request *request(void)
{
    x12_elig_request *rq;

    ck_assert_int_eq(x12_elig_request_new(NULL, &rq), X12_OK);
    x12_elig_request_set(rq, X12_ER_SENDER_ID, "SUBMITTER01", X12_NTS);
    x12_elig_request_set(rq, X12_ER_RECEIVER_ID, "EHP01", X12_NTS);
    x12_elig_request_set(rq, X12_ER_DATE, "20251118", X12_NTS);
    x12_elig_request_set(rq, X12_ER_TIME, "0900", X12_NTS);
    x12_elig_request_set(rq, X12_ER_REFERENCE, "R1", X12_NTS);
    x12_elig_request_set(rq, X12_ER_TRACE_ORIGINATOR, "1371234567", X12_NTS);
    return rq;
}

static int count_of(const char *text, const char *needle)
{
    int n = 0;
    const char *p = text;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* Consecutive inquiries to one payer from one provider share 2000A/2000B;
 * another provider opens a 2000B; a set limit starts another 270 with its
 * HL numbers from 1; defaults: EQ*30 without a service type, trace
 * "<BHT03>-<n>", PI as the payer id qualifier, a procedure in EQ02. */
START_TEST(request_levels_and_defaults)
{
    x12_elig_request *rq = request();
    x12_elig_inquiry *q;
    char *out, *issues;
    size_t len;

    inquiry(rq, "EHP01", "1234567893", "M1");
    q = inquiry(rq, "EHP01", "1234567893", "M2");
    x12_elig_inquiry_set(q, X12_EI_PROCEDURE, "99213", X12_NTS);
    x12_elig_inquiry_add_modifier(q, "25", X12_NTS);
    q = inquiry(rq, "EHP01", "1497758544", "M3");
    x12_elig_inquiry_set(q, X12_EI_SERVICE_DATE, "20251201", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_SERVICE_DATE_TO, "20251231", X12_NTS);
    x12_elig_inquiry_add_service_type(q, "98", X12_NTS);
    x12_elig_inquiry_add_service_type(q, "AL", X12_NTS);
    out = write_request(rq, &len, X12_OK);
    ck_assert_int_eq(count_of(out, "HL*1**20*1~"), 1);
    ck_assert_int_eq(count_of(out, "*21*1~"), 2);
    ck_assert_int_eq(count_of(out, "HL*6*5*22*0~"), 1); /* third subscriber, second provider */
    ck_assert_ptr_nonnull(strstr(out, "TRN*1*R1-1*1371234567~\nNM1*IL*1*DOE*JANE****MI*M1~\nEQ*30~"));
    ck_assert_ptr_nonnull(strstr(out, "TRN*1*R1-2*1371234567~"));
    ck_assert_ptr_nonnull(strstr(out, "EQ**HC:99213:25~"));
    ck_assert_ptr_nonnull(strstr(out, "DTP*291*RD8*20251201-20251231~\nEQ*98^AL~"));
    ck_assert_ptr_nonnull(strstr(out, "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*EHP01~"));
    issues = validate_all(out, len);
    ck_assert_msg(issues[0] == '\0', "%s", issues);
    free(issues);
    free(out);
    ck_assert_int_eq(x12_elig_request_set_option(rq, X12_EROPT_MAX_INQUIRIES_PER_SET, 2), X12_OK);
    out = write_request(rq, &len, X12_OK);
    ck_assert_int_eq(count_of(out, "ST*270*"), 2);
    ck_assert_ptr_nonnull(strstr(out, "ST*270*0002*005010X279A1~\nBHT*0022*13*R1*20251118*0900~\nHL*1**20*1~"));
    ck_assert_ptr_nonnull(strstr(out, "GE*2*1~"));
    issues = validate_all(out, len);
    ck_assert_msg(issues[0] == '\0', "%s", issues);
    free(issues);
    free(out);
    /* options and fields out of range */
    ck_assert_int_eq(x12_elig_request_set_option(rq, X12_EROPT_ISA13, 0), X12_EINVAL);
    ck_assert_int_eq(x12_elig_request_set_option(rq, X12_EROPT_PRODUCTION, 2), X12_EINVAL);
    ck_assert_int_eq(x12_elig_request_set_option(rq, (x12_elig_request_option)9, 1), X12_EINVAL);
    ck_assert_int_eq(x12_elig_request_set(rq, (x12_elig_request_field)0, "x", 1), X12_EINVAL);
    ck_assert_int_eq(x12_elig_inquiry_set(q, (x12_elig_inquiry_field)28, "x", 1), X12_EINVAL);
    ck_assert_uint_eq(x12_elig_request_get_option(rq, X12_EROPT_MAX_INQUIRIES_PER_SET), 2);
    x12_elig_request_free(rq);
}
END_TEST

/* Every edit, with its path and rule; nothing is written; no message
 * quotes a name, an id or a date. */
START_TEST(request_edits)
{
    static const char *const want[] = {
        "request.trace_originator length",
        "inquiry[1].provider.npi npi-check-digit",
        "inquiry[1].subscriber.member_id required",
        "inquiry[1].subscriber.birth_date date",
        "inquiry[1].subscriber.gender gender",
        "inquiry[1].dependent.first_name required",
        "inquiry[1].dependent.birth_date required",
        "inquiry[1].dependent.relationship relationship",
        "inquiry[1].service_date_to date-range",
        "inquiry[1].service_type[2] service-type",
        "inquiry[1].procedure procedure",
        "inquiry[1].modifier[1] modifier",
        "inquiry[2].payer.name delimiter",
        "inquiry[2].trace_number trace",
    };
    x12_elig_request *rq = request();
    x12_elig_inquiry *q;
    char *out;
    size_t len, i;

    x12_elig_request_set(rq, X12_ER_TRACE_ORIGINATOR, "137123456", X12_NTS);
    q = inquiry(rq, "EHP01", "1234567890", "");
    x12_elig_inquiry_set(q, X12_EI_SUBSCRIBER_BIRTH_DATE, "20250230", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_SUBSCRIBER_GENDER, "X", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_DEPENDENT_LAST_NAME, "DOE", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_DEPENDENT_RELATIONSHIP, "99", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_SERVICE_DATE, "20251201", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_SERVICE_DATE_TO, "20251130", X12_NTS);
    x12_elig_inquiry_add_service_type(q, "30", X12_NTS);
    x12_elig_inquiry_add_service_type(q, "ZZ", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_PROCEDURE, "9921", X12_NTS);
    x12_elig_inquiry_add_modifier(q, "2", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_TRACE_NUMBER, "T1", X12_NTS);
    q = inquiry(rq, "EHP01", "1234567893", "M2");
    x12_elig_inquiry_set(q, X12_EI_PAYER_NAME, "EXAMPLE*PLAN", X12_NTS);
    x12_elig_inquiry_set(q, X12_EI_TRACE_NUMBER, "T1", X12_NTS);
    ck_assert_int_eq(x12_elig_request_check(rq), X12_EEDIT);
    for (i = 0; i < x12_elig_request_edit_count(rq); i++) {
        const x12_error *e = x12_elig_request_edit_at(rq, i);
        char got[200];
        snprintf(got, sizeof got, "%s %s", x12_elig_request_edit_path(rq, i), x12_error_rule(e));
        ck_assert_msg(i < sizeof want / sizeof want[0], "extra edit %s: %s", got,
                      x12_error_message(e));
        ck_assert_str_eq(got, want[i]);
        ck_assert_int_eq(x12_error_status(e), X12_EEDIT);
        ck_assert_ptr_null(strstr(x12_error_message(e), "DOE"));
        ck_assert_ptr_null(strstr(x12_error_message(e), "20250230"));
        ck_assert_ptr_null(strstr(x12_error_message(e), "1234567890"));
    }
    ck_assert_uint_eq(x12_elig_request_edit_count(rq), sizeof want / sizeof want[0]);
    /* located where the value would go */
    ck_assert_str_eq(x12_error_segment_id(x12_elig_request_edit_at(rq, 4)), "DMG");
    ck_assert_str_eq(x12_error_loop_id(x12_elig_request_edit_at(rq, 4)), "2100C");
    ck_assert_uint_eq(x12_error_element(x12_elig_request_edit_at(rq, 4)), 3);
    ck_assert_str_eq(x12_error_message(x12_elig_request_edit_at(rq, 9)),
                     "service type 'ZZ' is not a code of the 270 guide's list");
    out = write_request(rq, &len, X12_EEDIT);
    ck_assert_uint_eq(len, 0);
    free(out);
    x12_elig_request_free(rq);
}
END_TEST

/* XML problems are edit records "NAME:LINE" that never quote values. */
START_TEST(request_xml_errors)
{
    static const char bad_schema[] =
        "<eligibility xmlns=\"urn:libx12:eligibility:1\">\n"
        "  <interchange sender_id=\"S\" receiver_id=\"R\" date=\"2025111\" time=\"0900\"\n"
        "               reference=\"R1\" trace_originator=\"1371234567\"/>\n"
        "  <inquiry>\n"
        "    <payer name=\"P\" id=\"P1\"/>\n"
        "    <provider name=\"PROV\" npi=\"1234567893\"/>\n"
        "    <subscriber last_name=\"SECRETNAME\" first_name=\"J\"/>\n"
        "  </inquiry>\n"
        "</eligibility>\n";
    static const char not_xml[] = "<eligibility xmlns=\"urn:libx12:eligibility:1\">\n<oops>";
    static const char wrong_root[] = "<encounters xmlns=\"urn:libx12:encounter:1\"/>";
    x12_elig_request *rq;
    size_t i;

    ck_assert_int_eq(x12_elig_request_new(NULL, &rq), X12_OK);
    ck_assert_int_eq(x12_elig_request_load_xml_memory(rq, bad_schema, sizeof bad_schema - 1, "req.xml"),
                     X12_ESYNTAX);
    ck_assert_uint_ge(x12_elig_request_edit_count(rq), 2);
    for (i = 0; i < x12_elig_request_edit_count(rq); i++) {
        const x12_error *e = x12_elig_request_edit_at(rq, i);
        ck_assert_str_eq(x12_error_rule(e), "xml-schema");
        ck_assert_ptr_null(strstr(x12_error_message(e), "SECRETNAME"));
        ck_assert_ptr_null(strstr(x12_error_message(e), "2025111"));
    }
    /* libxml2 names the line where the start tag ends */
    ck_assert_str_eq(x12_elig_request_edit_path(rq, 0), "req.xml:3");
    x12_elig_request_free(rq);
    ck_assert_int_eq(x12_elig_request_new(NULL, &rq), X12_OK);
    ck_assert_int_eq(x12_elig_request_load_xml_memory(rq, not_xml, sizeof not_xml - 1, NULL),
                     X12_ESYNTAX);
    ck_assert_str_eq(x12_error_rule(x12_elig_request_edit_at(rq, 0)), "xml-syntax");
    ck_assert_int_eq(strncmp(x12_elig_request_edit_path(rq, 0), "<memory>:", 9), 0);
    x12_elig_request_free(rq);
    ck_assert_int_eq(x12_elig_request_new(NULL, &rq), X12_OK);
    ck_assert_int_eq(x12_elig_request_load_xml_memory(rq, wrong_root, sizeof wrong_root - 1, "e.xml"),
                     X12_ESYNTAX);
    ck_assert_str_eq(x12_error_message(x12_elig_request_edit_at(rq, 0)),
                     "the document is not <eligibility>");
    ck_assert_int_eq(x12_elig_request_load_xml_file(rq, "/nonexistent/req.xml"), X12_EIO);
    x12_elig_request_free(rq);
}
END_TEST

/* Building and writing under a failing allocator: X12_ENOMEM at every
 * point, nothing leaks. */
START_TEST(request_out_of_memory)
{
    failcount cnt = {0, 0, -1};
    x12_allocator al = {sizeof al, failcount_malloc, failcount_realloc, failcount_free, &cnt};
    long total, n;

    for (n = -1;; n++) {
        x12_elig_request *rq = NULL;
        x12_elig_inquiry *q;
        x12_status st;

        cnt.allocs = cnt.frees = 0;
        cnt.fail_at = n;
        st = x12_elig_request_new(&al, &rq);
        if (st == X12_OK) st = x12_elig_request_set(rq, X12_ER_SENDER_ID, "SUBMITTER01", X12_NTS);
        if (st == X12_OK) st = x12_elig_request_add_inquiry(rq, &q);
        if (st == X12_OK) st = x12_elig_inquiry_set(q, X12_EI_PAYER_NAME, "P", X12_NTS);
        if (st == X12_OK) st = x12_elig_inquiry_add_service_type(q, "30", X12_NTS);
        if (st == X12_OK) {
            st = x12_elig_request_check(rq); /* edits fail: the records need memory */
            ck_assert(st == X12_EEDIT || st == X12_ENOMEM);
        }
        x12_elig_request_free(rq);
        ck_assert_msg(cnt.allocs == cnt.frees, "fail at %ld: %ld allocs, %ld frees", n,
                      cnt.allocs, cnt.frees);
        if (n == -1) {
            total = cnt.allocs;
            ck_assert_int_gt(total, 3);
        } else if (n >= total) {
            break;
        } else if (st != X12_ENOMEM) {
            ck_assert_msg(0, "fail at %ld: %d, not X12_ENOMEM", n, st);
        }
    }
}
END_TEST

/* ---- hostile input -------------------------------------------------------------- */

static uint64_t walk_reject(uint64_t h, const x12_elig_reject *r)
{
    h = sum_view(h, x12_elig_reject_reason(r));
    h = sum_view(h, x12_elig_reject_follow_up(r));
    h = sum_text(h, x12_elig_reject_reason_text(r));
    h = sum_text(h, x12_elig_reject_follow_up_text(r));
    h = sum_text(h, x12_elig_reject_loop(r));
    h = sum_text(h, x12_error_message(x12_elig_reject_error(r)));
    return h + x12_elig_reject_benefit(r) + (uint64_t)x12_elig_reject_may_resubmit(r);
}

static uint64_t walk_party(uint64_t h, const x12_elig_party *p)
{
    size_t i;
    int f;

    if (p == NULL)
        return h;
    for (f = X12_EP_ENTITY; f <= X12_EP_URL; f++)
        h = sum_view(h, x12_elig_party_get(p, (x12_elig_party_field)f));
    for (i = 0; i < x12_elig_party_reject_count(p); i++)
        h = walk_reject(h, x12_elig_party_reject_at(p, i));
    return h;
}

/* Reads every value of every coverage (a sanitizer sees any bad view). */
static uint64_t walk_doc(const x12_elig_doc *d)
{
    uint64_t h = 1;
    size_t i, k, j;
    int f, m;
    int64_t v;
    x12_str a, b, c;

    for (i = 0; i < x12_elig_doc_error_count(d); i++)
        h = sum_text(h, x12_error_message(x12_elig_doc_error_at(d, i)));
    for (i = 0; i < x12_elig_doc_coverage_count(d); i++) {
        const x12_elig_coverage *cv = x12_elig_doc_coverage_at(d, i);
        for (f = X12_EC_LAST_NAME; f <= X12_EC_RESPONSE_DATE; f++)
            h = sum_view(h, x12_elig_coverage_get(cv, (x12_elig_coverage_field)f));
        h = walk_party(walk_party(h, x12_elig_coverage_payer(cv)), x12_elig_coverage_receiver(cv));
        for (k = 0; k < x12_elig_coverage_reject_count(cv); k++)
            h = walk_reject(h, x12_elig_coverage_reject_at(cv, k));
        for (k = 0; k < x12_elig_coverage_ref_count(cv); k++) {
            x12_elig_coverage_ref_at(cv, k, &a, &b, &c);
            h = sum_view(sum_view(sum_view(h, a), b), c);
        }
        for (k = 0; k < x12_elig_coverage_date_count(cv); k++) {
            x12_elig_coverage_date_at(cv, k, &a, &b, &c);
            h = sum_view(sum_view(sum_view(h, a), b), c);
        }
        for (k = 0; k < x12_elig_coverage_benefit_count(cv); k++) {
            const x12_elig_benefit *bn = x12_elig_coverage_benefit_at(cv, k);
            for (f = X12_EB_CODE; f <= X12_EB_MODIFIERS; f++)
                h = sum_view(h, x12_elig_benefit_get(bn, (x12_elig_benefit_field)f));
            h = sum_text(h, x12_elig_benefit_code_text(bn));
            h = sum_text(h, x12_elig_benefit_coverage_level_text(bn));
            h = sum_text(h, x12_elig_benefit_time_period_text(bn));
            for (j = 0; j < x12_elig_benefit_service_type_count(bn); j++)
                h = sum_view(h, x12_elig_benefit_service_type_at(bn, j));
            for (j = 0; j < x12_elig_benefit_message_count(bn); j++)
                h = sum_view(h, x12_elig_benefit_message_at(bn, j));
            for (j = 0; j < x12_elig_benefit_date_count(bn); j++) {
                x12_elig_benefit_date_at(bn, j, &a, &b, &c);
                h = sum_view(sum_view(sum_view(h, a), b), c);
            }
            for (j = 0; j < x12_elig_benefit_ref_count(bn); j++) {
                x12_elig_benefit_ref_at(bn, j, &a, &b, &c);
                h = sum_view(sum_view(sum_view(h, a), b), c);
            }
            for (j = 0; j < x12_elig_benefit_entity_count(bn); j++)
                for (f = X12_EP_ENTITY; f <= X12_EP_URL; f++)
                    h = sum_view(h, x12_elig_entity_get(
                                        x12_elig_benefit_entity_at(bn, j), (x12_elig_party_field)f));
            if (x12_elig_benefit_amount_cents(bn, &v))
                h += (uint64_t)v;
            if (x12_elig_benefit_percent_bp(bn, &v))
                h += (uint64_t)v;
            if (x12_elig_benefit_quantity_milli(bn, &v))
                h += (uint64_t)v;
        }
        for (k = 0; k < x12_elig_coverage_summary_count(cv); k++) {
            const x12_elig_summary *sm = x12_elig_coverage_summary_at(cv, k);
            h = sum_view(h, x12_elig_summary_service_type(sm));
            h = sum_text(h, x12_elig_summary_service_type_text(sm));
            for (m = X12_EM_DEDUCTIBLE; m <= X12_EM_FAMILY_OUT_OF_POCKET_REMAINING; m++) {
                if (x12_elig_summary_get(sm, (x12_elig_measure)m, 0, &v))
                    h += (uint64_t)v;
                if (x12_elig_summary_get(sm, (x12_elig_measure)m, 1, &v))
                    h += (uint64_t)v;
            }
        }
        for (k = 0; k < x12_elig_coverage_error_count(cv); k++)
            h = sum_text(h, x12_error_message(x12_elig_coverage_error_at(cv, k)));
    }
    return h;
}

/* Every prefix of each fixture, and each fixture with one byte replaced by
 * a delimiter or a digit or a letter at every position: the parser returns
 * OK or a fatal reader status, and every value handed out can be read
 * (run under ASan/valgrind by make check-asan / check-valgrind). */
START_TEST(hostile_truncations_and_mutations)
{
    static const char *const names[] = {"elig-271-benefits.x12", "elig-271-dependents.x12",
                                        "elig-271-rejected.x12"};
    static const char subst[] = {'*', '~', ':', '^', '0', 'Z', '\n', '\0'};
    size_t n, len, cut, pos, k, runs = 0;

    for (n = 0; n < sizeof names / sizeof names[0]; n++) {
        char *data = slurp(data_path(names[n]), &len);
        char *copy = malloc(len);

        ck_assert_ptr_nonnull(data);
        ck_assert_ptr_nonnull(copy);
        for (cut = 0; cut <= len; cut += 3) {
            x12_elig_doc *d = NULL;
            x12_status st = x12_elig_parse_buffer(NULL, data, cut, &d);
            ck_assert_msg(st == X12_OK || st == X12_ESYNTAX || st == X12_EENVELOPE ||
                              st == X12_EDELIM,
                          "%s cut at %zu: status %d", names[n], cut, st);
            if (st == X12_OK)
                (void)walk_doc(d);
            x12_elig_doc_free(d);
            runs++;
        }
        for (pos = 106; pos < len; pos += 5) { /* past the ISA, which fixes the delimiters */
            for (k = 0; k < sizeof subst; k++) {
                x12_elig_doc *d = NULL;
                x12_status st;
                memcpy(copy, data, len);
                copy[pos] = subst[k];
                st = x12_elig_parse_buffer(NULL, copy, len, &d);
                ck_assert_msg(st == X12_OK || st == X12_ESYNTAX || st == X12_EENVELOPE ||
                                  st == X12_EDELIM,
                              "%s byte %zu = %d: status %d", names[n], pos, subst[k], st);
                if (st == X12_OK)
                    (void)walk_doc(d);
                x12_elig_doc_free(d);
                runs++;
            }
        }
        free(copy);
        free(data);
    }
    ck_assert_uint_gt(runs, 1000);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("eligibility");
    TCase *tc = tcase_create("271");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, benefits_subscriber);
    tcase_add_test(tc, dependents);
    tcase_add_test(tc, rejections);
    tcase_add_test(tc, stream_push_doc_agree);
    tcase_add_test(tc, junk_diagnostics_bounded);
    tcase_add_test(tc, junk_limit_set);
    tcase_add_test(tc, malformed_values);
    tcase_add_test(tc, out_of_memory);
    tcase_add_test(tc, code_lists);
    tcase_add_test(tc, hostile_truncations_and_mutations);
    suite_add_tcase(s, tc);
    tc = tcase_create("270");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, request_from_xml);
    tcase_add_test(tc, request_levels_and_defaults);
    tcase_add_test(tc, request_edits);
    tcase_add_test(tc, request_xml_errors);
    tcase_add_test(tc, request_out_of_memory);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_eligibility_corpus */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, corpus_samples);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(suite)
