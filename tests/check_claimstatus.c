/*
 * Claim status: the 837 claims sent read back, 276 requests built (from an
 * 837 and by hand) and validated, 277 and 277CA answers read with every
 * value asserted, and the link that says per claim sent what the answer
 * was.
 *
 * Fixtures (all data made up):
 *   status-sent.xml / .837        four claims in one 837P: two for a
 *                                 subscriber, one for her child, one more
 *                                 for the subscriber
 *   status-sent.276               the 276 x12 build --status-request makes
 *                                 of it (reviewed by hand; validates clean)
 *   status-277ca-one-rejected.x12 the clearinghouse's 277CA for that 837:
 *                                 three claims answered, PCN-2025-0102
 *                                 rejected for a line's procedure code,
 *                                 PCN-2025-0104 not answered
 *   status-277-lines.x12          a 277: a claim paid with one line paid and
 *                                 one denied (two statuses), and a
 *                                 dependent's claim pending with a request
 *                                 for documents
 */
#include <inttypes.h>

/* Its corpus cases read the 270-277 samples (tests/check_NAME_corpus). */
#define TEST_CORPUS_DIR txn_corpus_dir
#include "testutil.h"

#define SC(c, f) x12_claimstatus_sent_get((c), X12_SC_##f)
#define CC(c, f) x12_claimstatus_claim_get((c), X12_CC_##f)
#define ST(s, f) x12_claimstatus_status_get((s), X12_ST_##f)
#define LF(l, f) x12_claimstatus_line_get((l), X12_CV_##f)

static x12_claimstatus_sent *read_sent(const char *name)
{
    x12_claimstatus_sent *s;

    ck_assert_int_eq(x12_claimstatus_sent_new(NULL, &s), X12_OK);
    ck_assert_int_eq(x12_claimstatus_sent_read_path(s, data_path(name)), X12_OK);
    return s;
}

static x12_claimstatus_doc *read_doc(const char *name)
{
    x12_claimstatus_doc *d;

    ck_assert_int_eq(x12_claimstatus_parse_path(NULL, data_path(name), &d), X12_OK);
    return d;
}

/* ---- the claims sent -------------------------------------------------------------------- */

START_TEST(sent_837p)
{
    x12_claimstatus_sent *s = read_sent("status-sent.837");
    const x12_claimstatus_sent_claim *c;

    ck_assert_uint_eq(x12_claimstatus_sent_count(s), 4);
    ck_assert_uint_eq(x12_claimstatus_sent_error_count(s), 0);
    c = x12_claimstatus_sent_at(s, 1);
    ASSERT_VIEW(SC(c, PCN), "PCN-2025-0102");
    ASSERT_VIEW(SC(c, KIND), "837P");
    ck_assert_int_eq(x12_claimstatus_sent_charge_cents(c), 21000);
    ASSERT_VIEW(SC(c, CHARGE_TEXT), "210");
    ASSERT_VIEW(SC(c, FACILITY_CODE), "11");
    ASSERT_VIEW(SC(c, FREQUENCY), "1");
    ASSERT_VIEW(SC(c, BILL_TYPE), "");
    ASSERT_VIEW(SC(c, SERVICE_FROM), "20251126");
    ASSERT_VIEW(SC(c, SERVICE_TO), "20251126");
    ASSERT_VIEW(SC(c, PAYER_NAME), "EXAMPLE HEALTH PLAN");
    ASSERT_VIEW(SC(c, PAYER_ID), "EHP01");
    ASSERT_VIEW(SC(c, PAYER_ID_QUALIFIER), "PI");
    ASSERT_VIEW(SC(c, PROVIDER_NAME), "RIVERSIDE FAMILY PRACTICE");
    ASSERT_VIEW(SC(c, PROVIDER_NPI), "1234567893");
    ASSERT_VIEW(SC(c, SUBMITTER_NAME), "RIVERSIDE FAMILY PRACTICE");
    ASSERT_VIEW(SC(c, SUBMITTER_ID), "SUBMITTER01");
    ASSERT_VIEW(SC(c, SUBSCRIBER_LAST_NAME), "DOE");
    ASSERT_VIEW(SC(c, MEMBER_ID), "XJ0000000001");
    ASSERT_VIEW(SC(c, SUBSCRIBER_BIRTH_DATE), "19800101");
    ASSERT_VIEW(SC(c, SUBSCRIBER_GENDER), "F");
    ASSERT_VIEW(SC(c, PATIENT_LAST_NAME), "");
    ASSERT_VIEW(SC(c, BATCH_REFERENCE), "BATCH1201");
    ASSERT_VIEW(SC(c, CONTROL_NUMBER), "0001");
    ASSERT_VIEW(SC(c, INTERCHANGE_CONTROL_NUMBER), "000001201");
    ASSERT_VIEW(SC(c, SENDER_ID), "SUBMITTER01");
    ASSERT_VIEW(SC(c, RECEIVER_ID), "CLEARINGHSE01");
    ASSERT_VIEW(SC(c, GS_RECEIVER), "CLEARINGHSE01");
    ck_assert_uint_eq(x12_claimstatus_sent_index(c), 1);
    ck_assert_uint_eq(x12_claimstatus_sent_segment_number(c), 27);
    ck_assert_uint_eq(x12_claimstatus_sent_line_count(c), 2);
    ASSERT_VIEW(x12_claimstatus_sent_line_control_number(c, 1), "L0102-2");
    ASSERT_VIEW(x12_claimstatus_sent_line_procedure(c, 1), "83036");
    ck_assert_int_eq(x12_claimstatus_sent_line_charge_cents(c, 1), 3000);
    /* the child's claim: patient and subscriber both named */
    c = x12_claimstatus_sent_at(s, 3);
    ASSERT_VIEW(SC(c, PCN), "PCN-2025-0103");
    ASSERT_VIEW(SC(c, PATIENT_FIRST_NAME), "SAM");
    ASSERT_VIEW(SC(c, PATIENT_BIRTH_DATE), "20150304");
    ASSERT_VIEW(SC(c, SUBSCRIBER_FIRST_NAME), "RICHARD");
    ASSERT_VIEW(SC(c, MEMBER_ID), "XR0000000007");
    ck_assert_ptr_eq(x12_claimstatus_sent_find(s, "PCN-2025-0104", X12_NTS),
                     x12_claimstatus_sent_at(s, 2));
    ck_assert_ptr_null(x12_claimstatus_sent_find(s, "PCN-2025-9999", X12_NTS));
    x12_claimstatus_sent_free(s);
}
END_TEST

/* An 837I: bill type from CLM05-1 and -3, dates from DTP*434; a second file
 * read into the same set adds its claims. */
START_TEST(sent_837i_and_two_files)
{
    x12_claimstatus_sent *s = read_sent("claim837-inpatient-stay.837");
    const x12_claimstatus_sent_claim *c;

    ck_assert_uint_eq(x12_claimstatus_sent_count(s), 1);
    c = x12_claimstatus_sent_at(s, 0);
    ASSERT_VIEW(SC(c, KIND), "837I");
    ASSERT_VIEW(SC(c, PCN), "IP-250110-77");
    ASSERT_VIEW(SC(c, BILL_TYPE), "111");
    ASSERT_VIEW(SC(c, SERVICE_FROM), "20250110");
    ASSERT_VIEW(SC(c, SERVICE_TO), "20250114");
    ASSERT_VIEW(SC(c, MEDICAL_RECORD), "MR0044312");
    ck_assert_int_eq(x12_claimstatus_sent_charge_cents(c), 1845000);
    ck_assert_uint_eq(x12_claimstatus_sent_line_count(c), 3);
    ck_assert_int_eq(x12_claimstatus_sent_read_path(s, data_path("claim837-office-visit.837")), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_sent_count(s), 2);
    c = x12_claimstatus_sent_at(s, 1);
    ASSERT_VIEW(SC(c, KIND), "837P");
    ASSERT_VIEW(SC(c, PCN), "PCN-2025-0001");
    ASSERT_VIEW(SC(c, BILL_TYPE), "");
    ASSERT_VIEW(SC(c, SERVICE_FROM), "20251120");
    ASSERT_VIEW(SC(c, BATCH_REFERENCE), "BATCH0417");
    ck_assert_int_eq(x12_claimstatus_sent_read_path(s, "/nonexistent.837"), X12_EIO);
    x12_claimstatus_sent_free(s);
}
END_TEST

/* ---- 276 ----------------------------------------------------------------------------------- */

static char *write_276(x12_claimstatus_request *rq, size_t *len, x12_status want)
{
    x12_writer *w = memory_writer();

    ck_assert_int_eq(x12_claimstatus_request_write(rq, w), want);
    return writer_text(w, len);
}

static x12_claimstatus_request *envelope(void)
{
    x12_claimstatus_request *rq;

    ck_assert_int_eq(x12_claimstatus_request_new(NULL, &rq), X12_OK);
    x12_claimstatus_request_set(rq, X12_CR_SENDER_ID, "SUBMITTER01", X12_NTS);
    x12_claimstatus_request_set(rq, X12_CR_RECEIVER_ID, "CLEARINGHSE01", X12_NTS);
    x12_claimstatus_request_set(rq, X12_CR_DATE, "20251215", X12_NTS);
    x12_claimstatus_request_set(rq, X12_CR_TIME, "0930", X12_NTS);
    x12_claimstatus_request_set(rq, X12_CR_REFERENCE, "STAT1215", X12_NTS);
    return rq;
}

/* From the 837: tests/data/status-sent.276 byte for byte (the claims of one
 * subscriber under one HL 22, her child's under an HL 23 after them), and
 * it validates strictly. */
START_TEST(request_from_sent)
{
    x12_claimstatus_sent *s = read_sent("status-sent.837");
    x12_claimstatus_request *rq = envelope();
    x12_claimstatus_inquiry *q;
    char *out, *want, *issues;
    size_t len, wlen, i;

    x12_claimstatus_request_set(rq, X12_CR_GS_SENDER, "SUBMITTER01", X12_NTS);
    ck_assert_int_eq(x12_claimstatus_request_set_option(rq, X12_CROPT_ISA13, 1215), X12_OK);
    ck_assert_int_eq(x12_claimstatus_request_set_option(rq, X12_CROPT_GS06, 1215), X12_OK);
    for (i = 0; i < x12_claimstatus_sent_count(s); i++)
        ck_assert_int_eq(x12_claimstatus_request_add_sent(rq, x12_claimstatus_sent_at(s, i),
                                                          i == 0 ? &q : NULL),
                         X12_OK);
    ASSERT_VIEW(x12_claimstatus_inquiry_get(q, X12_CQ_TRACE_NUMBER), "PCN-2025-0101");
    ASSERT_VIEW(x12_claimstatus_inquiry_get(q, X12_CQ_RECEIVER_ID), "SUBMITTER01");
    {
        int64_t c;
        ck_assert(x12_claimstatus_inquiry_charge(q, &c));
        ck_assert_int_eq(c, 12500);
    }
    out = write_276(rq, &len, X12_OK);
    want = slurp(data_path("status-sent.276"), &wlen);
    ck_assert_ptr_nonnull(want);
    ck_assert_msg(len == wlen && memcmp(out, want, len) == 0, "276 differs:\n%s", out);
    issues = validate_all(out, len);
    ck_assert_msg(issues[0] == '\0', "%s", issues);
    free(issues);
    free(want);
    free(out);
    x12_claimstatus_request_free(rq);
    x12_claimstatus_sent_free(s);
}
END_TEST

/* By hand, with service lines (2210D): SVC with modifiers, revenue code,
 * units; REF*FJ; DTP*472; an 837I bill type; validates strictly. */
START_TEST(request_by_hand)
{
    x12_claimstatus_request *rq = envelope();
    x12_claimstatus_inquiry *q;
    x12_claimstatus_inquiry_line *l;
    char *out, *issues;
    size_t len;

    ck_assert_int_eq(x12_claimstatus_request_add_inquiry(rq, &q), X12_OK);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_NAME, "EXAMPLE HEALTH PLAN", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_ID, "EHP01", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_RECEIVER_NAME, "MERCY GENERAL HOSPITAL", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_RECEIVER_ID, "HOSPSUBMIT01", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PROVIDER_NAME, "MERCY GENERAL HOSPITAL", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PROVIDER_NPI, "1666000041", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SUBSCRIBER_LAST_NAME, "DOE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SUBSCRIBER_FIRST_NAME, "JANE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_MEMBER_ID, "XJ0000000001", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SUBSCRIBER_BIRTH_DATE, "19800101", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PCN, "IP-250110-77", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_CLAIM_NUMBER, "EHP25020000077", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_BILL_TYPE, "111", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SERVICE_FROM, "20250110", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SERVICE_TO, "20250114", X12_NTS);
    x12_claimstatus_inquiry_set_charge(q, 1845000);
    ck_assert_int_eq(x12_claimstatus_inquiry_add_line(q, &l), X12_OK);
    x12_claimstatus_inquiry_line_set(l, X12_CL_PROCEDURE, "27447", X12_NTS);
    x12_claimstatus_inquiry_line_add_modifier(l, "RT", X12_NTS);
    x12_claimstatus_inquiry_line_set(l, X12_CL_REVENUE_CODE, "0360", X12_NTS);
    x12_claimstatus_inquiry_line_set(l, X12_CL_UNITS, "1", X12_NTS);
    x12_claimstatus_inquiry_line_set(l, X12_CL_CONTROL_NUMBER, "IPL-3", X12_NTS);
    x12_claimstatus_inquiry_line_set(l, X12_CL_SERVICE_FROM, "20250111", X12_NTS);
    x12_claimstatus_inquiry_line_set_charge(l, 950000);
    out = write_276(rq, &len, X12_OK);
    ck_assert_ptr_nonnull(strstr(out, "TRN*1*IP-250110-77~\nREF*1K*EHP25020000077~\nREF*BLT*111~\n"
                                      "REF*EJ*IP-250110-77~\nAMT*T3*18450~\n"
                                      "DTP*472*RD8*20250110-20250114~\n"
                                      "SVC*HC:27447:RT*9500**0360***1~\nREF*FJ*IPL-3~\n"
                                      "DTP*472*D8*20250111~\n"));
    issues = validate_all(out, len);
    ck_assert_msg(issues[0] == '\0', "%s", issues);
    free(issues);
    free(out);
    x12_claimstatus_request_free(rq);
}
END_TEST

START_TEST(request_edits)
{
    static const char *const want[] = {
        "inquiry[1].receiver.name required",
        "inquiry[1].receiver.id required",
        "inquiry[1].provider.npi npi-check-digit",
        "inquiry[1].subscriber.birth_date required",
        "inquiry[1].bill_type code",
        "inquiry[1].service_to date-range",
        "inquiry[1].charge amount",
        "inquiry[1].line[1].procedure procedure",
        "inquiry[1].line[1].service_from required",
        "inquiry[1].line[1].charge required",
        "inquiry[2].patient.birth_date date",
        "inquiry[2].patient.gender gender",
        "inquiry[2].trace_number trace",
    };
    x12_claimstatus_request *rq = envelope();
    x12_claimstatus_inquiry *q;
    x12_claimstatus_inquiry_line *l;
    size_t i, len;
    char *out;

    ck_assert_int_eq(x12_claimstatus_request_add_inquiry(rq, &q), X12_OK);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_NAME, "EXAMPLE HEALTH PLAN", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_ID, "EHP01", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PROVIDER_NAME, "RIVERSIDE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PROVIDER_NPI, "1234567890", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SUBSCRIBER_LAST_NAME, "DOE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_MEMBER_ID, "XJ1", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_TRACE_NUMBER, "T1", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_BILL_TYPE, "11", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SERVICE_FROM, "20251201", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SERVICE_TO, "20251101", X12_NTS);
    x12_claimstatus_inquiry_set_charge(q, -100);
    x12_claimstatus_inquiry_add_line(q, &l);
    x12_claimstatus_inquiry_line_set(l, X12_CL_PROCEDURE, "9921", X12_NTS);
    ck_assert_int_eq(x12_claimstatus_request_add_inquiry(rq, &q), X12_OK);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_NAME, "EXAMPLE HEALTH PLAN", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PAYER_ID, "EHP01", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_RECEIVER_NAME, "RIVERSIDE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_RECEIVER_ID, "SUBMITTER01", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PROVIDER_NAME, "RIVERSIDE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PROVIDER_NPI, "1234567893", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_SUBSCRIBER_LAST_NAME, "ROE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_MEMBER_ID, "XR1", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PATIENT_LAST_NAME, "ROE", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PATIENT_BIRTH_DATE, "20151304", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_PATIENT_GENDER, "Q", X12_NTS);
    x12_claimstatus_inquiry_set(q, X12_CQ_TRACE_NUMBER, "T1", X12_NTS);
    ck_assert_int_eq(x12_claimstatus_request_check(rq), X12_EEDIT);
    for (i = 0; i < x12_claimstatus_request_edit_count(rq); i++) {
        const x12_error *e = x12_claimstatus_request_edit_at(rq, i);
        char got[200];
        snprintf(got, sizeof got, "%s %s", x12_claimstatus_request_edit_path(rq, i),
                 x12_error_rule(e));
        ck_assert_msg(i < sizeof want / sizeof want[0], "extra edit %s: %s", got,
                      x12_error_message(e));
        ck_assert_str_eq(got, want[i]);
        ck_assert_ptr_null(strstr(x12_error_message(e), "ROE"));
        ck_assert_ptr_null(strstr(x12_error_message(e), "20151304"));
    }
    ck_assert_uint_eq(x12_claimstatus_request_edit_count(rq), sizeof want / sizeof want[0]);
    out = write_276(rq, &len, X12_EEDIT);
    ck_assert_uint_eq(len, 0);
    free(out);
    x12_claimstatus_request_free(rq);
}
END_TEST

/* ---- 277 ------------------------------------------------------------------------------------- */

START_TEST(parse_277_lines)
{
    x12_claimstatus_doc *d = read_doc("status-277-lines.x12");
    const x12_claimstatus_claim *c;
    const x12_claimstatus_line *l;
    const x12_claimstatus_status *s;
    int64_t v;

    ck_assert_uint_eq(x12_claimstatus_doc_claim_count(d), 2);
    ck_assert_uint_eq(x12_claimstatus_doc_batch_count(d), 0);
    ck_assert_uint_eq(x12_claimstatus_doc_error_count(d), 0);
    c = x12_claimstatus_doc_claim_at(d, 0);
    ck_assert_int_eq(x12_claimstatus_claim_kind(c), X12_CS_KIND_277);
    ck_assert_str_eq(x12_claimstatus_claim_loop(c), "2200D");
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_PAID);
    ASSERT_VIEW(CC(c, PCN), "PCN-2025-0001");
    ASSERT_VIEW(CC(c, TRACE_NUMBER), "PCN-2025-0001");
    ASSERT_VIEW(CC(c, PAYER_CLAIM_NUMBER), "EHP25340000123");
    ASSERT_VIEW(CC(c, SERVICE_FROM), "20251120");
    ASSERT_VIEW(CC(c, SERVICE_TO), "20251120");
    ASSERT_VIEW(CC(c, PAYER_NAME), "EXAMPLE HEALTH PLAN");
    ASSERT_VIEW(CC(c, RECEIVER_ID), "SUBMITTER01");
    ASSERT_VIEW(CC(c, PROVIDER_ID), "1234567893");
    ASSERT_VIEW(CC(c, PROVIDER_ID_QUALIFIER), "XX");
    ASSERT_VIEW(CC(c, SUBSCRIBER_FIRST_NAME), "JANE");
    ASSERT_VIEW(CC(c, PATIENT_FIRST_NAME), "JANE");
    ASSERT_VIEW(CC(c, MEMBER_ID), "XJ0000000001");
    ASSERT_VIEW(CC(c, BATCH_REFERENCE), "STAT20251215");
    ASSERT_VIEW(CC(c, CONTROL_NUMBER), "0001");
    ASSERT_VIEW(CC(c, RESPONSE_DATE), "20251215");
    ck_assert(x12_claimstatus_claim_charge_cents(c, &v));
    ck_assert_int_eq(v, 18500);
    ck_assert(x12_claimstatus_claim_paid_cents(c, &v));
    ck_assert_int_eq(v, 11000);
    ck_assert_uint_eq(x12_claimstatus_claim_status_count(c), 1);
    s = x12_claimstatus_claim_status_at(c, 0);
    ASSERT_VIEW(ST(s, CATEGORY), "F1");
    ASSERT_VIEW(ST(s, CODE), "65");
    ASSERT_VIEW(ST(s, EFFECTIVE_DATE), "20251208");
    ASSERT_VIEW(ST(s, ADJUDICATION_DATE), "20251205");
    ASSERT_VIEW(ST(s, REMITTANCE_DATE), "20251208");
    ASSERT_VIEW(ST(s, REMITTANCE_TRACE), "EFT000912");
    ck_assert_str_eq(x12_claimstatus_status_category_text(s), "Finalized: paid.");
    ck_assert_str_eq(x12_claimstatus_status_code_text(s), "The claim or line was paid.");
    ck_assert_uint_eq(x12_claimstatus_status_position(s), 1);
    ck_assert_uint_eq(x12_claimstatus_status_segment_number(s), 15);
    ck_assert_uint_eq(x12_claimstatus_claim_line_count(c), 2);
    l = x12_claimstatus_claim_line_at(c, 0);
    ASSERT_VIEW(LF(l, QUALIFIER), "HC");
    ASSERT_VIEW(LF(l, PROCEDURE), "99213");
    ASSERT_VIEW(LF(l, MODIFIERS), "25");
    ASSERT_VIEW(LF(l, UNITS), "1");
    ASSERT_VIEW(LF(l, CONTROL_NUMBER), "LINE0001");
    ASSERT_VIEW(LF(l, SERVICE_FROM), "20251120");
    ck_assert(x12_claimstatus_line_charge_cents(l, &v) && v == 12500);
    ck_assert(x12_claimstatus_line_paid_cents(l, &v) && v == 11000);
    ck_assert_int_eq(x12_claimstatus_line_outcome(l), X12_CS_PAID);
    l = x12_claimstatus_claim_line_at(c, 1);
    ck_assert_int_eq(x12_claimstatus_line_outcome(l), X12_CS_DENIED);
    ck_assert_uint_eq(x12_claimstatus_line_status_count(l), 2);
    s = x12_claimstatus_line_status_at(l, 1); /* STC10 */
    ASSERT_VIEW(ST(s, CATEGORY), "F2");
    ASSERT_VIEW(ST(s, CODE), "21");
    ASSERT_VIEW(ST(s, ENTITY), "1P");
    ck_assert_str_eq(x12_claimstatus_status_entity_text(s), "Provider");
    ck_assert_uint_eq(x12_claimstatus_status_position(s), 10);
    ASSERT_VIEW(ST(s, EFFECTIVE_DATE), "20251208");

    c = x12_claimstatus_doc_claim_at(d, 1);
    ck_assert_str_eq(x12_claimstatus_claim_loop(c), "2200E");
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_PENDING);
    ASSERT_VIEW(CC(c, SUBSCRIBER_FIRST_NAME), "RICHARD");
    ASSERT_VIEW(CC(c, PATIENT_FIRST_NAME), "SAM");
    ASSERT_VIEW(CC(c, SERVICE_TO), "20251202");
    ck_assert(x12_claimstatus_claim_charge_cents(c, &v) && v == 24000);
    ck_assert(!x12_claimstatus_claim_paid_cents(c, NULL));
    ck_assert_uint_eq(x12_claimstatus_claim_status_count(c), 2);
    s = x12_claimstatus_claim_status_at(c, 1);
    ck_assert_int_eq(x12_claimstatus_status_outcome(s), X12_CS_INFO_REQUESTED);
    ck_assert_str_eq(x12_claimstatus_status_entity_text(s), "Patient");
    x12_claimstatus_doc_free(d);
}
END_TEST

START_TEST(parse_277ca)
{
    x12_claimstatus_doc *d = read_doc("status-277ca-one-rejected.x12");
    const x12_claimstatus_batch *b;
    const x12_claimstatus_claim *c;
    const x12_claimstatus_line *l;
    int64_t v;

    ck_assert_uint_eq(x12_claimstatus_doc_batch_count(d), 3);
    b = x12_claimstatus_doc_batch_at(d, 0);
    ck_assert_int_eq(x12_claimstatus_batch_level_of(b), X12_CS_BATCH_SOURCE);
    ASSERT_VIEW(x12_claimstatus_batch_trace_number(b), "CA20251202");
    ASSERT_VIEW(x12_claimstatus_batch_received_date(b), "20251201");
    ASSERT_VIEW(x12_claimstatus_batch_processed_date(b), "20251202");
    ck_assert_int_eq(x12_claimstatus_batch_outcome(b), X12_CS_NO_ANSWER);
    b = x12_claimstatus_doc_batch_at(d, 1);
    ck_assert_int_eq(x12_claimstatus_batch_level_of(b), X12_CS_BATCH_RECEIVER);
    ck_assert_int_eq(x12_claimstatus_batch_kind(b), X12_CS_KIND_277CA);
    ASSERT_VIEW(x12_claimstatus_batch_trace_number(b), "BATCH1201");
    ASSERT_VIEW(x12_claimstatus_batch_party_id(b), "SUBMITTER01");
    ck_assert(x12_claimstatus_batch_accepted_count(b, &v) && v == 2);
    ck_assert(x12_claimstatus_batch_rejected_count(b, &v) && v == 1);
    ck_assert(x12_claimstatus_batch_accepted_cents(b, &v) && v == 22000);
    ck_assert(x12_claimstatus_batch_rejected_cents(b, &v) && v == 21000);
    ck_assert_int_eq(x12_claimstatus_batch_outcome(b), X12_CS_ACCEPTED);
    b = x12_claimstatus_doc_batch_at(d, 2);
    ck_assert_int_eq(x12_claimstatus_batch_level_of(b), X12_CS_BATCH_PROVIDER);
    ASSERT_VIEW(x12_claimstatus_batch_party_id(b), "1234567893");
    ck_assert(x12_claimstatus_batch_accepted_count(b, &v) && v == 2);

    ck_assert_uint_eq(x12_claimstatus_doc_claim_count(d), 3);
    c = x12_claimstatus_doc_claim_at(d, 1);
    ck_assert_int_eq(x12_claimstatus_claim_kind(c), X12_CS_KIND_277CA);
    ASSERT_VIEW(CC(c, PCN), "PCN-2025-0102");
    ASSERT_VIEW(CC(c, BATCH_REFERENCE), "BATCH1201");
    ASSERT_VIEW(CC(c, PATIENT_LAST_NAME), "DOE");
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_REJECTED);
    ASSERT_VIEW(ST(x12_claimstatus_claim_status_at(c, 0), ACTION), "U");
    ASSERT_VIEW(ST(x12_claimstatus_claim_status_at(c, 0), MESSAGE),
                "PROCEDURE CODE NOT VALID ON DATE OF SERVICE");
    ck_assert_uint_eq(x12_claimstatus_claim_line_count(c), 1);
    l = x12_claimstatus_claim_line_at(c, 0);
    ASSERT_VIEW(LF(l, CONTROL_NUMBER), "L0102-2");
    ck_assert_int_eq(x12_claimstatus_line_outcome(l), X12_CS_REJECTED);
    ck_assert_str_eq(x12_claimstatus_status_code_text(x12_claimstatus_line_status_at(l, 0)),
                     "The procedure code of the services.");
    c = x12_claimstatus_doc_claim_at(d, 2);
    ASSERT_VIEW(CC(c, PCN), "PCN-2025-0103");
    ASSERT_VIEW(CC(c, PATIENT_FIRST_NAME), "SAM");
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_ACCEPTED);
    x12_claimstatus_doc_free(d);
}
END_TEST

/* ---- the link --------------------------------------------------------------------------------- */

/* One claim of three rejected, one claim of the 837 not answered. */
START_TEST(link_277ca)
{
    x12_claimstatus_sent *s = read_sent("status-sent.837");
    x12_claimstatus_doc *d = read_doc("status-277ca-one-rejected.x12");
    x12_claimstatus_link *l;

    ck_assert_int_eq(x12_claimstatus_link_new(NULL, s, d, &l), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_link_count(l), 4);
    ck_assert_int_eq(x12_claimstatus_link_outcome(l, 0), X12_CS_ACCEPTED);
    ck_assert_int_eq(x12_claimstatus_link_outcome(l, 1), X12_CS_REJECTED);
    ck_assert_int_eq(x12_claimstatus_link_outcome(l, 2), X12_CS_NO_ANSWER);
    ck_assert_int_eq(x12_claimstatus_link_outcome(l, 3), X12_CS_ACCEPTED);
    ck_assert_ptr_eq(x12_claimstatus_link_answer(l, 1), x12_claimstatus_doc_claim_at(d, 1));
    ck_assert_ptr_eq(x12_claimstatus_link_answer(l, 3), x12_claimstatus_doc_claim_at(d, 2));
    ck_assert_ptr_null(x12_claimstatus_link_answer(l, 2));
    ck_assert_ptr_null(x12_claimstatus_link_batch(l, 2));
    ck_assert_uint_eq(x12_claimstatus_link_unmatched_count(l), 0);
    ck_assert_str_eq(x12_claimstatus_outcome_name(x12_claimstatus_link_outcome(l, 2)), "no_answer");
    x12_claimstatus_link_free(l);
    x12_claimstatus_doc_free(d);
    x12_claimstatus_sent_free(s);
}
END_TEST

/* A 277CA that rejects the whole 837 (2200B STC03 U, no claim level): every
 * claim of that 837 is rejected, with the batch as the reason; a claim of
 * another 837 (another BHT03) has no answer; an answer for a PCN nobody
 * sent is unmatched.  Two sent claims with one PCN take the answer with
 * their own charge. */
START_TEST(link_batch_and_duplicates)
{
    static const char whole[] =
        "ISA*00*          *00*          *ZZ*CLEARINGHSE01  *ZZ*SUBMITTER01    *251202*0615*^*"
        "00501*000002203*0*T*:~\n"
        "GS*HN*CLEARINGHSE01*SUBMITTER01*20251202*0615*2203*X*005010X214~\n"
        "ST*277*0001*005010X214~\n"
        "BHT*0085*08*CA1*20251202*0615*TH~\n"
        "HL*1**20*1~\n"
        "NM1*AY*2*EXAMPLE CLEARINGHOUSE*****46*CLEARINGHSE01~\n"
        "TRN*1*CA1~\n"
        "DTP*050*D8*20251201~\n"
        "DTP*009*D8*20251202~\n"
        "HL*2*1*21*0~\n"
        "NM1*41*2*RIVERSIDE FAMILY PRACTICE*****46*SUBMITTER01~\n"
        "TRN*2*BATCH1201~\n"
        "STC*A3:24:41*20251202*U*555~\n"
        "QTY*AA*4~\n"
        "AMT*YY*555~\n"
        "SE*14*0001~\n"
        "ST*277*0002*005010X214~\n"
        "BHT*0085*08*CA2*20251202*0615*TH~\n"
        "HL*1**20*1~\n"
        "NM1*AY*2*EXAMPLE CLEARINGHOUSE*****46*CLEARINGHSE01~\n"
        "TRN*1*CA2~\n"
        "DTP*050*D8*20251201~\n"
        "DTP*009*D8*20251202~\n"
        "HL*2*1*21*1~\n"
        "NM1*41*2*RIVERSIDE FAMILY PRACTICE*****46*SUBMITTER01~\n"
        "TRN*2*OTHERBATCH~\n"
        "STC*A1:19*20251202*WQ*325~\n"
        "HL*3*2*19*1~\n"
        "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567893~\n"
        "TRN*1*X~\n"
        "HL*4*3*PT~\n"
        "NM1*QC*1*DOE*JANE****MI*XJ0000000001~\n"
        "TRN*2*PCN-2025-0001~\n"
        "STC*A2:20*20251202*WQ*185~\n"
        "DTP*472*D8*20251120~\n"
        "TRN*2*PCN-2025-0001~\n"
        "STC*A7:21*20251202*U*140~\n"
        "DTP*472*D8*20251120~\n"
        "TRN*2*NOBODY~\n"
        "STC*A2:20*20251202*WQ*1~\n"
        "DTP*472*D8*20251120~\n"
        "SE*26*0002~\n"
        "GE*2*2203~\n"
        "IEA*1*000002203~\n";
    x12_claimstatus_sent *s = read_sent("status-sent.837");
    x12_claimstatus_doc *d;
    x12_claimstatus_link *l;
    const x12_claimstatus_batch *b;
    size_t i;

    ck_assert_int_eq(x12_claimstatus_parse_buffer(NULL, whole, sizeof whole - 1, &d), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_doc_error_count(d), 0);
    ck_assert_int_eq(x12_claimstatus_link_new(NULL, s, d, &l), X12_OK);
    for (i = 0; i < 4; i++) {
        ck_assert_int_eq(x12_claimstatus_link_outcome(l, i), X12_CS_REJECTED);
        ck_assert_ptr_null(x12_claimstatus_link_answer(l, i));
        b = x12_claimstatus_link_batch(l, i);
        ck_assert_ptr_nonnull(b);
        ASSERT_VIEW(x12_claimstatus_batch_trace_number(b), "BATCH1201");
        ASSERT_VIEW(ST(x12_claimstatus_batch_status_at(b, 0), CATEGORY), "A3");
    }
    ck_assert_uint_eq(x12_claimstatus_link_unmatched_count(l), 3);
    x12_claimstatus_link_free(l);
    x12_claimstatus_sent_free(s);

    /* The office visit 837 (PCN-2025-0001, 185.00, BHT03 BATCH0417): of the
     * two answers with its PCN, the one with its charge. */
    s = read_sent("claim837-office-visit.837");
    ck_assert_int_eq(x12_claimstatus_link_new(NULL, s, d, &l), X12_OK);
    ck_assert_int_eq(x12_claimstatus_link_outcome(l, 0), X12_CS_ACCEPTED);
    ck_assert_ptr_eq(x12_claimstatus_link_answer(l, 0), x12_claimstatus_doc_claim_at(d, 0));
    ck_assert_uint_eq(x12_claimstatus_link_unmatched_count(l), 2);
    ASSERT_VIEW(CC(x12_claimstatus_link_unmatched_at(l, 1), PCN), "NOBODY");
    x12_claimstatus_link_free(l);
    x12_claimstatus_sent_free(s);
    x12_claimstatus_doc_free(d);
}
END_TEST

/* ---- stream, push, corpus, memory ---------------------------------------------------------------- */

static void sig_claim(tbuf *t, const x12_claimstatus_claim *c)
{
    char line[160];
    size_t i;

    snprintf(line, sizeof line, "claim %zu %s out %d st %zu lines %zu seg %" PRIu64 "\n",
             x12_claimstatus_claim_index(c), x12_claimstatus_claim_loop(c),
             x12_claimstatus_claim_outcome(c), x12_claimstatus_claim_status_count(c),
             x12_claimstatus_claim_line_count(c), x12_claimstatus_claim_segment_number(c));
    tbuf_str(t, line);
    for (i = 1; i <= 24; i++) {
        x12_str v = x12_claimstatus_claim_get(c, (x12_claimstatus_claim_field)i);
        tbuf_add(t, v.ptr, v.len);
        tbuf_str(t, "|");
    }
    tbuf_str(t, "\n");
}

static void sig_batch(tbuf *t, const x12_claimstatus_batch *b)
{
    char line[160];

    snprintf(line, sizeof line, "batch %d out %d st %zu seg %" PRIu64 "\n",
             x12_claimstatus_batch_level_of(b), x12_claimstatus_batch_outcome(b),
             x12_claimstatus_batch_status_count(b), x12_claimstatus_batch_segment_number(b));
    tbuf_str(t, line);
}

static void sig_stream(const char *data, size_t len, size_t chunk, tbuf *claims, tbuf *batches)
{
    x12_claimstatus_stream *s;
    x12_claimstatus_event ev;
    x12_status st;
    size_t off = 0;
    x12_reader *r;

    ck_assert_int_eq(x12_claimstatus_stream_new(NULL, NULL, &s), X12_OK);
    r = x12_claimstatus_stream_reader(s);
    if (chunk == 0)
        ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    else
        ck_assert_int_eq(x12_reader_feed(r, data, 0, 0), X12_OK);
    for (;;) {
        st = x12_claimstatus_stream_next(s, &ev);
        if (st == X12_OK) {
            if (ev == X12_CS_EV_CLAIM)
                sig_claim(claims, x12_claimstatus_stream_claim(s));
            else
                sig_batch(batches, x12_claimstatus_stream_batch(s));
            continue;
        }
        if (st == X12_AGAIN) {
            size_t n = len - off < chunk ? len - off : chunk;
            ck_assert_int_eq(x12_reader_feed(r, data + off, n, off + n == len), X12_OK);
            off += n;
            continue;
        }
        break;
    }
    ck_assert_int_eq(st, X12_END);
    x12_claimstatus_stream_free(s);
}

START_TEST(stream_push_doc_agree)
{
    static const char *const names[] = {"status-277-lines.x12", "status-277ca-one-rejected.x12"};
    static const size_t chunks[] = {1, 5, 100, 8192};
    size_t i, k, len;

    for (i = 0; i < 2; i++) {
        char *data = slurp(data_path(names[i]), &len);
        x12_claimstatus_doc *d;
        tbuf a = {0}, ab = {0};

        ck_assert_int_eq(x12_claimstatus_parse_buffer(NULL, data, len, &d), X12_OK);
        for (k = 0; k < x12_claimstatus_doc_claim_count(d); k++)
            sig_claim(&a, x12_claimstatus_doc_claim_at(d, k));
        for (k = 0; k < x12_claimstatus_doc_batch_count(d); k++)
            sig_batch(&ab, x12_claimstatus_doc_batch_at(d, k));
        x12_claimstatus_doc_free(d);
        for (k = 0; k <= sizeof chunks / sizeof chunks[0]; k++) {
            tbuf c = {0}, cb = {0};
            sig_stream(data, len, k == 0 ? 0 : chunks[k - 1], &c, &cb);
            /* (an empty tbuf has no buffer: memcmp only what exists) */
            ck_assert_msg(a.len == c.len && (a.len == 0 || memcmp(a.p, c.p, a.len) == 0) &&
                              ab.len == cb.len && (ab.len == 0 || memcmp(ab.p, cb.p, ab.len) == 0),
                          "%s: chunks of %zu read differently", names[i],
                          k == 0 ? 0 : chunks[k - 1]);
            tbuf_free(&c);
            tbuf_free(&cb);
        }
        tbuf_free(&a);
        tbuf_free(&ab);
        free(data);
    }
}
END_TEST

/* ---- junk: diagnostics kept within a limit ------------------------------------------- */

/* status-277-lines.x12 with n copies of `junk` before the first claim's
 * STC. */
static char *junk_277(const char *junk, size_t n, size_t *len)
{
    return with_junk("status-277-lines.x12", "STC*", junk, n, len);
}

/* Drops the segment numbers from claim signatures ("seg N"): junk before
 * a claim moves them, and nothing else. */
static void strip_segnos(tbuf *t)
{
    size_t i, o = 0;

    for (i = 0; i < t->len; i++) {
        t->p[o++] = t->p[i];
        if (o >= 4 && memcmp(t->p + o - 4, "seg ", 4) == 0)
            while (i + 1 < t->len && t->p[i + 1] >= '0' && t->p[i + 1] <= '9')
                i++;
    }
    t->len = o;
}

/* Reads `data` from a buffer (chunk 0) or pushed in chunks. */
static junk_read read_junk(const char *data, size_t len, size_t chunk)
{
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_claimstatus_stream *s;
    x12_claimstatus_event ev;
    x12_status st;
    junk_read out;
    size_t off = 0;
    x12_reader *r;

    memset(&out, 0, sizeof out);
    ck_assert_int_eq(x12_claimstatus_stream_new(&a, NULL, &s), X12_OK);
    r = x12_claimstatus_stream_reader(s);
    if (chunk == 0)
        ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    else
        ck_assert_int_eq(x12_reader_feed(r, data, 0, 0), X12_OK);
    x12_claimstatus_stream_set_error_handler(s, junk_seen, &out.seen);
    for (;;) {
        st = x12_claimstatus_stream_next(s, &ev);
        junk_call(&out, x12_claimstatus_stream_error_count(s),
                  x12_claimstatus_stream_errors_dropped(s), X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS);
        if (st == X12_AGAIN) {
            junk_feed(r, data, len, &off, chunk);
            continue;
        }
        if (st != X12_OK)
            break;
        if (ev != X12_CS_EV_CLAIM)
            continue;
        if (out.records++ == 0) { /* the first claim's own list */
            out.rec_kept = x12_claimstatus_claim_error_count(x12_claimstatus_stream_claim(s));
            out.rec_dropped =
                x12_claimstatus_claim_errors_dropped(x12_claimstatus_stream_claim(s));
        }
        sig_claim(&out.sig, x12_claimstatus_stream_claim(s));
    }
    ck_assert_int_eq(st, X12_END);
    x12_claimstatus_stream_free(s);
    junk_done(&out, &c);
    strip_segnos(&out.sig);
    return out;
}

/* Junk inside a claim once made every diagnostic stay in memory: 400,000
 * "!!~" (1.6 MB) before an STC took 244 MB in `x12 status`.  Now the lists
 * keep the first 1000 and count the rest, memory is the same for 4,000 and
 * 40,000 of them, the handler sees every one, pushed input keeps what a
 * buffer keeps, a whole-file doc keeps what the calls keep, and the claims
 * read are those of the clean file. */
START_TEST(junk_diagnostics_bounded)
{
    size_t clen, slen, blen;
    char *clean = slurp(data_path("status-277-lines.x12"), &clen);
    char *sdata = junk_277("!!~", 4000, &slen);
    char *bdata = junk_277("!!~", 40000, &blen);
    junk_read ref = read_junk(clean, clen, 0);
    junk_read small = read_junk(sdata, slen, 0);
    junk_read big = read_junk(bdata, blen, 0);
    junk_read pushed = read_junk(bdata, blen, 7);
    x12_claimstatus_doc *d;

    ck_assert_msg(big.peak <= small.peak + small.peak / 50,
                  "peak %zu bytes for 40000 junk segments, %zu for 4000", big.peak, small.peak);
    ck_assert_uint_eq(big.records, ref.records);
    ck_assert_uint_eq(big.sig.len, ref.sig.len);
    ck_assert_int_eq(memcmp(big.sig.p, ref.sig.p, ref.sig.len), 0);
    ck_assert_uint_eq(big.listed + big.dropped, big.seen);
    ck_assert_uint_eq(big.listed, small.listed);
    ck_assert_uint_ge(big.listed, X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS);
    ck_assert_uint_ge(big.seen, 40000);
    ck_assert_uint_eq(pushed.seen, big.seen);
    ck_assert_uint_eq(pushed.listed, big.listed);
    ck_assert_uint_eq(pushed.dropped, big.dropped);
    ck_assert_int_eq(x12_claimstatus_parse_buffer(NULL, bdata, blen, &d), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_doc_error_count(d), big.listed);
    ck_assert_uint_eq(x12_claimstatus_doc_errors_dropped(d), big.dropped);
    x12_claimstatus_doc_free(d);
    tbuf_free(&ref.sig);
    tbuf_free(&small.sig);
    tbuf_free(&big.sig);
    tbuf_free(&pushed.sig);
    free(clean);
    free(sdata);
    free(bdata);
}
END_TEST

/* The claim's own list is bounded too: 3,000 STCs with a bad amount keep
 * 1000 diagnostics on the claim and count 2,000; a limit of 0 keeps all. */
START_TEST(junk_claim_list_bounded)
{
    size_t len;
    char *data = junk_277("STC*F1:65*20251208**X~", 3000, &len);
    junk_read big = read_junk(data, len, 0);
    x12_claimstatus_stream *s;
    x12_claimstatus_event ev;

    ck_assert_uint_eq(big.rec_kept, X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS);
    ck_assert_uint_eq(big.rec_dropped, 3000 - X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS);
    ck_assert_int_eq(x12_claimstatus_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_claimstatus_stream_set_max_errors(s, 0), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claimstatus_stream_reader(s), data, len), X12_OK);
    ck_assert_int_eq(x12_claimstatus_stream_next(s, &ev), X12_OK);
    ck_assert_int_eq(ev, X12_CS_EV_CLAIM);
    ck_assert_uint_eq(x12_claimstatus_claim_error_count(x12_claimstatus_stream_claim(s)), 3000);
    ck_assert_uint_eq(x12_claimstatus_claim_errors_dropped(x12_claimstatus_stream_claim(s)), 0);
    x12_claimstatus_stream_free(s);
    tbuf_free(&big.sig);
    free(data);
    ck_assert_int_eq(x12_claimstatus_stream_set_max_errors(NULL, 5), X12_EINVAL);
    ck_assert_uint_eq(x12_claimstatus_stream_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_claimstatus_doc_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_claimstatus_claim_errors_dropped(NULL), 0);
}
END_TEST

/* The claims sent (an 837 read for its claims) keep at most 1000
 * diagnostics over all reads, count the rest, and their handler sees
 * every one. */
START_TEST(junk_sent_bounded)
{
    size_t len;
    char *data = with_junk("claim837-office-visit.837", "CLM*", "!!~", 5000, &len);
    x12_claimstatus_sent *sent;
    x12_reader *r;
    uint64_t seen = 0;

    ck_assert_int_eq(x12_claimstatus_sent_new(NULL, &sent), X12_OK);
    x12_claimstatus_sent_set_error_handler(sent, junk_seen, &seen);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_claimstatus_sent_read(sent, r), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_sent_count(sent), 1);
    ck_assert_uint_ge(seen, 5000);
    ck_assert_uint_eq(x12_claimstatus_sent_error_count(sent), X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS);
    ck_assert_uint_eq(x12_claimstatus_sent_errors_dropped(sent),
                      seen - X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS);
    x12_reader_free(r);
    x12_claimstatus_sent_free(sent);
    ck_assert_int_eq(x12_claimstatus_sent_set_max_errors(NULL, 5), X12_EINVAL);
    ck_assert_uint_eq(x12_claimstatus_sent_errors_dropped(NULL), 0);
    free(data);
}
END_TEST

/* Public samples: the LinuxForHealth claim-level 277 (three claims, one at
 * the dependent level with a line) and the imsweb rejected 277CA (A7 with
 * action WQ: the rejecting category wins). */
START_TEST(corpus_samples)
{
    const char *cdir = txn_corpus_dir();
    char path[4200];
    x12_claimstatus_doc *d;
    const x12_claimstatus_claim *c;

    ck_assert_ptr_nonnull(cdir);
    snprintf(path, sizeof path, "%s/277/LinuxForHealth-x12__claim-level-status.277", cdir);
    ck_assert_int_eq(x12_claimstatus_parse_path(NULL, path, &d), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_doc_claim_count(d), 3);
    c = x12_claimstatus_doc_claim_at(d, 0);
    ASSERT_VIEW(CC(c, PCN), "SM123456");
    ASSERT_VIEW(CC(c, BILL_TYPE), "111");
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_PENDING);
    c = x12_claimstatus_doc_claim_at(d, 2);
    ck_assert_str_eq(x12_claimstatus_claim_loop(c), "2200E");
    ASSERT_VIEW(CC(c, PATIENT_FIRST_NAME), "JOSEPH");
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_DENIED);
    ck_assert_uint_eq(x12_claimstatus_claim_line_count(c), 1);
    ck_assert_int_eq(x12_claimstatus_line_outcome(x12_claimstatus_claim_line_at(c, 0)),
                     X12_CS_DENIED);
    x12_claimstatus_doc_free(d);
    snprintf(path, sizeof path, "%s/277ca/imsweb-x12-parser__x12_277CA_rejected.txt", cdir);
    ck_assert_int_eq(x12_claimstatus_parse_path(NULL, path, &d), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_doc_claim_count(d), 1);
    c = x12_claimstatus_doc_claim_at(d, 0);
    ck_assert_int_eq(x12_claimstatus_claim_outcome(c), X12_CS_REJECTED);
    ck_assert_str_eq(x12_claimstatus_status_code_text(x12_claimstatus_claim_status_at(c, 0)),
                     "The entity's National Provider Identifier (NPI).");
    x12_claimstatus_doc_free(d);
}
END_TEST

/* Malformed values are located errors; a set that is neither a 277 nor a
 * 277CA is skipped with a warning; STC outside any TRN is reported. */
START_TEST(malformed)
{
    static const char data[] =
        "ISA*00*          *00*          *ZZ*EHP01          *ZZ*SUBMITTER01    *251215*1010*^*"
        "00501*000000733*0*T*:~\n"
        "GS*HN*EHP01*SUBMITTER01*20251215*1010*733*X*005010X212~\n"
        "ST*277*0001*005010X212~\n"
        "BHT*0010*08*S1*20251215*1010*DG~\n"
        "HL*1**20*1~\n"
        "NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*EHP01~\n"
        "STC*E0:0*20251215~\n"
        "HL*2*1*21*1~\n"
        "NM1*41*2*RIVERSIDE*****46*SUBMITTER01~\n"
        "HL*3*2*19*1~\n"
        "NM1*1P*2*RIVERSIDE*****XX*1234567893~\n"
        "HL*4*3*22*0~\n"
        "NM1*IL*1*DOE*JANE****MI*XJ1~\n"
        "TRN*2*T1~\n"
        "STC*F1:65*20251208**12.345*ABC~\n"
        "SE*14*0001~\n"
        "ST*835*0002~\n"
        "SE*2*0002~\n"
        "GE*2*733~\n"
        "IEA*1*000000733~\n";
    x12_claimstatus_doc *d;
    const x12_claimstatus_claim *c;
    char msg[200];

    ck_assert_int_eq(x12_claimstatus_parse_buffer(NULL, data, sizeof data - 1, &d), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_doc_error_count(d), 4);
    x12_error_format(x12_claimstatus_doc_error_at(d, 0), msg, sizeof msg);
    ck_assert_str_eq(msg, "7:STC: STC with no TRN before it at this level: ignored");
    c = x12_claimstatus_doc_claim_at(d, 0);
    ck_assert_uint_eq(x12_claimstatus_claim_error_count(c), 2);
    x12_error_format(x12_claimstatus_claim_error_at(c, 0), msg, sizeof msg);
    ck_assert_str_eq(msg, "15:STC-04: STC04 is not an amount of money (digits, at most 2 decimals)");
    ck_assert_str_eq(x12_error_loop_id(x12_claimstatus_claim_error_at(c, 1)), "2200D");
    ck_assert(!x12_claimstatus_claim_charge_cents(c, NULL));
    ck_assert_str_eq(x12_error_rule(x12_claimstatus_doc_error_at(d, 3)), "not-277");
    x12_claimstatus_doc_free(d);
}
END_TEST

/* Parsing, reading the 837 and linking under a failing allocator:
 * X12_ENOMEM at every point, nothing leaks. */
START_TEST(out_of_memory)
{
    size_t len;
    char *data = slurp(data_path("status-277ca-one-rejected.x12"), &len);
    failcount cnt = {0, 0, -1};
    x12_allocator al = {sizeof al, failcount_malloc, failcount_realloc, failcount_free, &cnt};
    long total, n;

    for (n = -1;; n++) {
        x12_claimstatus_doc *d = NULL;
        x12_claimstatus_sent *s = NULL;
        x12_claimstatus_link *l = NULL;
        x12_status st;

        cnt.allocs = cnt.frees = 0;
        cnt.fail_at = n;
        st = x12_claimstatus_parse_buffer(&al, data, len, &d);
        if (st == X12_OK)
            st = x12_claimstatus_sent_new(&al, &s);
        if (st == X12_OK)
            st = x12_claimstatus_sent_read_path(s, data_path("status-sent.837"));
        if (st == X12_OK)
            st = x12_claimstatus_link_new(&al, s, d, &l);
        x12_claimstatus_link_free(l);
        x12_claimstatus_sent_free(s);
        x12_claimstatus_doc_free(d);
        ck_assert_msg(cnt.allocs == cnt.frees, "fail at %ld: %ld allocs, %ld frees", n,
                      cnt.allocs, cnt.frees);
        if (n == -1) {
            ck_assert_int_eq(st, X12_OK);
            total = cnt.allocs;
        } else if (n >= total) {
            break;
        } else {
            ck_assert_msg(st == X12_ENOMEM, "fail at %ld: %d", n, st);
        }
    }
    free(data);
}
END_TEST

START_TEST(code_lists)
{
    ck_assert_str_eq(x12_claimstatus_code_text(X12_CS_CODES_CATEGORY, "F3F", 3),
                     "Finalized: revised and sent on to another payer.");
    ck_assert_str_eq(x12_claimstatus_code_text(X12_CS_CODES_STATUS, "562", 3),
                     "The entity's National Provider Identifier (NPI).");
    ck_assert_str_eq(x12_claimstatus_code_text(X12_CS_CODES_ENTITY, "85", 2), "Billing provider");
    ck_assert_ptr_null(x12_claimstatus_code_text(X12_CS_CODES_STATUS, "9999", 4));
    ck_assert_str_eq(x12_claimstatus_code_list_version(X12_CS_CODES_CATEGORY), "2024-11-01");
    ck_assert_uint_eq(x12_claimstatus_code_count(X12_CS_CODES_CATEGORY), 44);
    ck_assert_uint_eq(x12_claimstatus_code_count((x12_claimstatus_codeset)4), 0);
    ck_assert_str_eq(x12_claimstatus_outcome_name(X12_CS_INFO_REQUESTED), "info_requested");
    ck_assert_str_eq(x12_claimstatus_outcome_name((x12_claimstatus_outcome)42), "unknown");
}
END_TEST

/* ---- hostile input -------------------------------------------------------------- */

static uint64_t walk_status(uint64_t h, const x12_claimstatus_status *st)
{
    int f;

    for (f = X12_ST_CATEGORY; f <= X12_ST_MESSAGE; f++)
        h = sum_view(h, x12_claimstatus_status_get(st, (x12_claimstatus_status_field)f));
    h = sum_text(h, x12_claimstatus_status_category_text(st));
    h = sum_text(h, x12_claimstatus_status_code_text(st));
    h = sum_text(h, x12_claimstatus_status_entity_text(st));
    return h + (uint64_t)x12_claimstatus_status_outcome(st) + x12_claimstatus_status_position(st);
}

/* Reads every value of every claim and batch; then links the doc with the
 * claims sent and reads the link. */
static uint64_t walk_cs_doc(const x12_claimstatus_doc *d, const x12_claimstatus_sent *sent)
{
    uint64_t h = 1;
    size_t i, k, j;
    int f;
    int64_t v;
    x12_claimstatus_link *l = NULL;

    for (i = 0; i < x12_claimstatus_doc_error_count(d); i++)
        h = sum_text(h, x12_error_message(x12_claimstatus_doc_error_at(d, i)));
    for (i = 0; i < x12_claimstatus_doc_claim_count(d); i++) {
        const x12_claimstatus_claim *c = x12_claimstatus_doc_claim_at(d, i);
        for (f = X12_CC_PCN; f <= X12_CC_RESPONSE_DATE; f++)
            h = sum_view(h, x12_claimstatus_claim_get(c, (x12_claimstatus_claim_field)f));
        h = sum_text(h, x12_claimstatus_claim_loop(c));
        h += (uint64_t)x12_claimstatus_claim_outcome(c);
        if (x12_claimstatus_claim_charge_cents(c, &v))
            h += (uint64_t)v;
        if (x12_claimstatus_claim_paid_cents(c, &v))
            h += (uint64_t)v;
        for (k = 0; k < x12_claimstatus_claim_status_count(c); k++)
            h = walk_status(h, x12_claimstatus_claim_status_at(c, k));
        for (k = 0; k < x12_claimstatus_claim_line_count(c); k++) {
            const x12_claimstatus_line *ln = x12_claimstatus_claim_line_at(c, k);
            for (f = X12_CV_QUALIFIER; f <= X12_CV_SERVICE_TO; f++)
                h = sum_view(h, x12_claimstatus_line_get(ln, (x12_claimstatus_svc_field)f));
            if (x12_claimstatus_line_charge_cents(ln, &v))
                h += (uint64_t)v;
            if (x12_claimstatus_line_paid_cents(ln, &v))
                h += (uint64_t)v;
            for (j = 0; j < x12_claimstatus_line_status_count(ln); j++)
                h = walk_status(h, x12_claimstatus_line_status_at(ln, j));
        }
        for (k = 0; k < x12_claimstatus_claim_error_count(c); k++)
            h = sum_text(h, x12_error_message(x12_claimstatus_claim_error_at(c, k)));
    }
    for (i = 0; i < x12_claimstatus_doc_batch_count(d); i++) {
        const x12_claimstatus_batch *b = x12_claimstatus_doc_batch_at(d, i);
        h = sum_view(h, x12_claimstatus_batch_trace_number(b));
        h = sum_view(h, x12_claimstatus_batch_party_name(b));
        h = sum_view(h, x12_claimstatus_batch_party_id(b));
        h = sum_view(h, x12_claimstatus_batch_control_number(b));
        h = sum_view(h, x12_claimstatus_batch_received_date(b));
        h = sum_view(h, x12_claimstatus_batch_processed_date(b));
        if (x12_claimstatus_batch_accepted_cents(b, &v))
            h += (uint64_t)v;
        for (k = 0; k < x12_claimstatus_batch_status_count(b); k++)
            h = walk_status(h, x12_claimstatus_batch_status_at(b, k));
    }
    ck_assert_int_eq(x12_claimstatus_link_new(NULL, sent, d, &l), X12_OK);
    ck_assert_uint_eq(x12_claimstatus_link_count(l), x12_claimstatus_sent_count(sent));
    for (i = 0; i < x12_claimstatus_link_count(l); i++) {
        const x12_claimstatus_claim *a = x12_claimstatus_link_answer(l, i);
        h += (uint64_t)x12_claimstatus_link_outcome(l, i);
        if (a != NULL)
            h = sum_view(h, x12_claimstatus_claim_get(a, X12_CC_PCN));
    }
    for (i = 0; i < x12_claimstatus_link_unmatched_count(l); i++)
        h = sum_view(h, x12_claimstatus_claim_get(x12_claimstatus_link_unmatched_at(l, i),
                                                          X12_CC_PCN));
    x12_claimstatus_link_free(l);
    return h;
}

static int cs_status_ok(x12_status st)
{
    return st == X12_OK || st == X12_ESYNTAX || st == X12_EENVELOPE || st == X12_EDELIM;
}

/* Every third prefix of each answer fixture, and each with one byte
 * replaced (a delimiter, a digit, a letter, a line feed, NUL) every few
 * bytes: OK or a fatal reader status, every value readable, the link
 * built; the 837 read the same way for the claims sent.  Run under
 * ASan/valgrind by make check-asan / check-valgrind. */
START_TEST(hostile_truncations_and_mutations)
{
    static const char *const names[] = {"status-277-lines.x12", "status-277ca-one-rejected.x12",
                                        "status-sent.837"};
    static const char subst[] = {'*', '~', ':', '^', '0', 'Z', '\n', '\0'};
    x12_claimstatus_sent *sent = read_sent("status-sent.837");
    size_t n, len, cut, pos, k, runs = 0;

    for (n = 0; n < sizeof names / sizeof names[0]; n++) {
        char *data = slurp(data_path(names[n]), &len);
        char *copy = malloc(len);
        int is_837 = n == 2;

        ck_assert_ptr_nonnull(data);
        ck_assert_ptr_nonnull(copy);
        for (pos = 0; pos <= len + sizeof subst * (len / 5); pos++) {
            size_t use = len;
            x12_status st;
            x12_claimstatus_doc *d = NULL;

            if (pos <= len) { /* a prefix */
                cut = pos;
                if (cut % 3 != 0 && cut != len)
                    continue;
                memcpy(copy, data, len);
                use = cut;
            } else { /* a mutation */
                size_t m = pos - len - 1, at = 106 + (m / sizeof subst) * 5;
                k = m % sizeof subst;
                if (at >= len)
                    break;
                memcpy(copy, data, len);
                copy[at] = subst[k];
            }
            if (is_837) {
                x12_claimstatus_sent *s2 = NULL;
                x12_reader *r = NULL;
                ck_assert_int_eq(x12_claimstatus_sent_new(NULL, &s2), X12_OK);
                ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
                ck_assert_int_eq(x12_reader_open_buffer(r, copy, use), X12_OK);
                st = x12_claimstatus_sent_read(s2, r);
                ck_assert_msg(cs_status_ok(st), "837 run %zu: status %d", pos, st);
                for (k = 0; k < x12_claimstatus_sent_count(s2); k++) {
                    const x12_claimstatus_sent_claim *c = x12_claimstatus_sent_at(s2, k);
                    int f;
                    for (f = X12_SC_PCN; f <= X12_SC_GS_RECEIVER; f++)
                        (void)sum_view(0, x12_claimstatus_sent_get(
                                              c, (x12_claimstatus_sent_field)f));
                }
                ck_assert_int_eq(x12_claimstatus_parse_path(
                                     NULL, data_path("status-277ca-one-rejected.x12"), &d),
                                 X12_OK);
                (void)walk_cs_doc(d, s2);
                x12_claimstatus_doc_free(d);
                x12_reader_free(r);
                x12_claimstatus_sent_free(s2);
            } else {
                st = x12_claimstatus_parse_buffer(NULL, copy, use, &d);
                ck_assert_msg(cs_status_ok(st), "%s run %zu: status %d", names[n], pos, st);
                if (st == X12_OK)
                    (void)walk_cs_doc(d, sent);
                x12_claimstatus_doc_free(d);
            }
            runs++;
        }
        free(copy);
        free(data);
    }
    x12_claimstatus_sent_free(sent);
    ck_assert_uint_gt(runs, 1000);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("claimstatus");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sent_837p);
    tcase_add_test(tc, sent_837i_and_two_files);
    tcase_add_test(tc, request_from_sent);
    tcase_add_test(tc, request_by_hand);
    tcase_add_test(tc, request_edits);
    tcase_add_test(tc, parse_277_lines);
    tcase_add_test(tc, parse_277ca);
    tcase_add_test(tc, link_277ca);
    tcase_add_test(tc, link_batch_and_duplicates);
    tcase_add_test(tc, stream_push_doc_agree);
    tcase_add_test(tc, junk_diagnostics_bounded);
    tcase_add_test(tc, junk_claim_list_bounded);
    tcase_add_test(tc, junk_sent_bounded);
    tcase_add_test(tc, malformed);
    tcase_add_test(tc, out_of_memory);
    tcase_add_test(tc, code_lists);
    tcase_add_test(tc, hostile_truncations_and_mutations);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_claimstatus_corpus */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, corpus_samples);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(suite)
