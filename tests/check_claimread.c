/*
 * check_claimread: 837P/837I read back into the claim model
 * (<x12/claimread.h>) and the model's walking and copying functions.
 *
 *  - round trip: every golden tests/data/claim837-*.837 and every encounter
 *    of examples/encounters/ (built from its XML) reads, copies into a new
 *    batch and writes the same bytes; every value the XML set is read back
 *    into the same field;
 *  - every way in (buffer, path, .gz, FILE*, descriptor, push by 1, 7 and
 *    4096 bytes) gives the same claims, positions and diagnostics;
 *  - claims built here through the C API cover what the goldens do not:
 *    837I institutional fields and every coded item, secondary claims with
 *    2320/2330 and 2430, patients under a subscriber, 50 lines and 12
 *    diagnoses, several providers, subscribers and sets;
 *  - hand-made 837s: segments and elements the model cannot hold are
 *    located "not-kept" warnings, structural errors skip what they must and
 *    reading goes on, messages quote no identifying value;
 *  - memory stays flat however many claims one subscriber has, and an
 *    allocator failing at any call gives X12_ENOMEM and leaks nothing.
 * The corpus run is tests/check_claimread_corpus.c.
 */
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include "claimread_util.h"

#define S X12_NTS

/* ---- building fixtures with the C API ------------------------------------------------ */

static void header(x12_batch *b, uint64_t ctl)
{
    x12_party *p;

    OK(x12_batch_set(b, X12_BATCH_SENDER_ID, "SUBMITTER01", S));
    OK(x12_batch_set(b, X12_BATCH_RECEIVER_ID, "CLEARINGHSE01", S));
    OK(x12_batch_set(b, X12_BATCH_DATE, "20250410", S));
    OK(x12_batch_set(b, X12_BATCH_TIME, "0800", S));
    OK(x12_batch_set(b, X12_BATCH_REFERENCE, "BATCH0611", S));
    OK(x12_batch_set_option(b, X12_BATCHOPT_ISA13, ctl));
    OK(x12_batch_set_option(b, X12_BATCHOPT_GS06, ctl));
    OK(x12_batch_set_option(b, X12_BATCHOPT_ST02, ctl));
    p = x12_batch_submitter(b);
    OK(x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S));
    OK(x12_party_set(p, X12_PARTY_ID, "SUBMITTER01", S));
    OK(x12_party_set(p, X12_PARTY_CONTACT, "BILLING OFFICE", S));
    OK(x12_party_set(p, X12_PARTY_PHONE, "5555550100", S));
    p = x12_batch_receiver(b);
    OK(x12_party_set(p, X12_PARTY_NAME, "EXAMPLE CLEARINGHOUSE", S));
    OK(x12_party_set(p, X12_PARTY_ID, "CLEARINGHSE01", S));
}

static x12_billing_provider *provider(x12_batch *b, const char *npi)
{
    x12_billing_provider *bp;
    x12_party *p;

    OK(x12_batch_add_provider(b, &bp));
    p = x12_billing_provider_party(bp);
    OK(x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S));
    OK(x12_party_set(p, X12_PARTY_ID, npi, S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "100 MAIN STREET", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "627011234", S));
    OK(x12_party_set(p, X12_PARTY_EIN, "371234567", S));
    return bp;
}

static x12_subscriber *subscriber(x12_billing_provider *bp, const char *member, const char *payer)
{
    x12_subscriber *s;
    x12_party *p;

    OK(x12_billing_provider_add_subscriber(bp, &s));
    OK(x12_subscriber_set(s, X12_SUB_RESPONSIBILITY, "P", S));
    OK(x12_subscriber_set(s, X12_SUB_FILING_INDICATOR, "CI", S));
    p = x12_subscriber_party(s);
    OK(x12_party_set(p, X12_PARTY_NAME, "DOE", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "JANE", S));
    OK(x12_party_set(p, X12_PARTY_ID, member, S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "62704", S));
    OK(x12_party_set(p, X12_PARTY_BIRTH_DATE, "19800101", S));
    OK(x12_party_set(p, X12_PARTY_GENDER, "F", S));
    p = x12_subscriber_payer(s);
    OK(x12_party_set(p, X12_PARTY_NAME, "EXAMPLE HEALTH PLAN", S));
    OK(x12_party_set(p, X12_PARTY_ID, payer, S));
    return s;
}

/* A one-line 837P claim of `cents`. */
static x12_claim *simple_claim(x12_claim *c, const char *pcn, int64_t cents)
{
    x12_service_line *l;

    OK(x12_claim_set(c, X12_CLAIM_PCN, pcn, S));
    OK(x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, cents));
    OK(x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S));
    OK(x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "J06.9", S, 0));
    OK(x12_claim_add_line(c, &l));
    OK(x12_line_set(l, X12_LINE_PROCEDURE, "99213", S));
    OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, cents));
    OK(x12_line_set(l, X12_LINE_SERVICE_FROM, "20250401", S));
    OK(x12_line_add_pointer(l, 1));
    return c;
}

/* Writes a batch and checks it round trips; returns the bytes (free). */
static void built_round_trip(const char *what, x12_batch *b, size_t claims, tbuf *out)
{
    tbuf mine = {0};

    memset(out, 0, sizeof *out);
    if (write_batch(b, out) != X12_OK) {
        size_t i;
        for (i = 0; i < x12_batch_edit_count(b); i++)
            fprintf(stderr, "%s: %s\n", x12_batch_edit_path(b, i),
                    x12_error_message(x12_batch_edit_at(b, i)));
        ck_abort_msg("%s: the fixture does not build", what);
    }
    ck_assert_uint_eq(round_trip(what, out->p, out->len), claims);
    /* and the values: everything the batch holds is read back */
    {
        readout o;
        tbuf theirs = {0};
        dump_batch(&mine, b);
        read_buffer(out->p, out->len, &o);
        dump_batch(&theirs, o.copy);
        assert_subset(what, &mine, &theirs);
        tbuf_free(&theirs);
        readout_free(&o);
    }
    tbuf_free(&mine);
}

/* ---- round trips ------------------------------------------------------------------- */

static const char *goldens[] = {"office-visit", "inpatient-stay", "multi-line-modifiers",
                                "patient-not-subscriber", "secondary-claim"};
#define NGOLDEN (sizeof goldens / sizeof goldens[0])

/* Every golden reads and writes back byte for byte, with nothing lost. */
START_TEST(test_goldens)
{
    char name[96];
    size_t len;
    char *data;

    snprintf(name, sizeof name, "claim837-%s.837", goldens[_i]);
    data = slurp(data_path(name), &len);
    ck_assert_msg(data != NULL, "cannot read %s", name);
    ck_assert_uint_eq(round_trip(name, data, len), 1);
    free(data);
}
END_TEST

static const char *encounter_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("X12_EXAMPLE_DATA");

    snprintf(path, sizeof path, "%s/../encounters/%s", dir ? dir : "examples/data", name);
    return path;
}

/* Every example encounter: XML -> batch -> bytes -> read -> copy -> the same
 * bytes, and every value the XML set is read back into the same field
 * (values the builder writes by default are read as set). */
START_TEST(test_examples)
{
    static const char *names[] = {"office-visit.xml", "inpatient-stay.xml",
                                  "multi-line-modifiers.xml", "patient-not-subscriber.xml",
                                  "secondary-claim.xml"};
    x12_batch *b;
    tbuf out;

    ck_assert_int_eq(sizeof names / sizeof names[0], NGOLDEN);
    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b));
    OK(x12_batch_load_xml_file(b, encounter_path(names[_i])));
    built_round_trip(names[_i], b, 1, &out);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* A file with several billing providers, subscribers, patients and claims
 * rebuilds its tree: consecutive claims share their copied parents. */
START_TEST(test_tree)
{
    x12_batch *b;
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_patient *pt;
    x12_claim *c;
    tbuf out;
    x12_party *p;

    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b));
    header(b, 12);
    bp = provider(b, "1234567893");
    s = subscriber(bp, "M0001", "EHP01");
    OK(x12_subscriber_add_claim(s, &c));
    simple_claim(c, "PCN-A1", 10000);
    OK(x12_subscriber_add_claim(s, &c));
    simple_claim(c, "PCN-A2", 2050);
    OK(x12_subscriber_add_patient(s, &pt));
    OK(x12_patient_set_relationship(pt, "19", S));
    p = x12_patient_party(pt);
    OK(x12_party_set(p, X12_PARTY_NAME, "DOE", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "JIMMY", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "62704", S));
    OK(x12_party_set(p, X12_PARTY_BIRTH_DATE, "20150606", S));
    OK(x12_party_set(p, X12_PARTY_GENDER, "M", S));
    OK(x12_patient_add_claim(pt, &c));
    simple_claim(c, "PCN-P1", 7500);
    OK(x12_patient_add_claim(pt, &c));
    simple_claim(c, "PCN-P2", 7600);
    OK(x12_subscriber_add_patient(s, &pt));
    OK(x12_patient_set_relationship(pt, "01", S));
    p = x12_patient_party(pt);
    OK(x12_party_set(p, X12_PARTY_NAME, "DOE", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "JOHN", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "62704", S));
    OK(x12_party_set(p, X12_PARTY_BIRTH_DATE, "19790303", S));
    OK(x12_party_set(p, X12_PARTY_GENDER, "M", S));
    OK(x12_patient_add_claim(pt, &c));
    simple_claim(c, "PCN-P3", 1000);
    s = subscriber(bp, "M0002", "EHP02");
    OK(x12_subscriber_add_claim(s, &c));
    simple_claim(c, "PCN-B1", 3000);
    bp = provider(b, "1666000041");
    OK(x12_party_set(x12_billing_provider_pay_to(bp), X12_PARTY_ADDRESS1, "PO BOX 4400", S));
    OK(x12_party_set(x12_billing_provider_pay_to(bp), X12_PARTY_CITY, "CHICAGO", S));
    OK(x12_party_set(x12_billing_provider_pay_to(bp), X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(x12_billing_provider_pay_to(bp), X12_PARTY_ZIP, "606804400", S));
    s = subscriber(bp, "M0003", "EHP01");
    OK(x12_subscriber_add_claim(s, &c));
    simple_claim(c, "PCN-C1", 4000);
    built_round_trip("tree", b, 7, &out);

    /* The patient accessor and the claim's parents as the stream sees them. */
    {
        x12_claim_stream *cs;
        const char *want_pat[] = {NULL, NULL, "JIMMY", "JIMMY", "JOHN", NULL, NULL};
        const char *want_member[] = {"M0001", "M0001", "M0001", "M0001", "M0001", "M0002", "M0003"};
        size_t k = 0;

        OK(x12_claim_stream_new(NULL, NULL, &cs));
        OK(x12_reader_open_buffer(x12_claim_stream_reader(cs), out.p, out.len));
        while (x12_claim_stream_next(cs) == X12_OK) {
            x12_patient *cp = x12_claim_stream_patient(cs);
            x12_str m = x12_party_get(x12_subscriber_party(x12_claim_stream_subscriber(cs)),
                                      X12_PARTY_ID);
            ck_assert_uint_lt(k, 7);
            if (want_pat[k] == NULL) {
                ck_assert_ptr_null(cp);
            } else {
                x12_str fn = x12_party_get(x12_patient_party(cp), X12_PARTY_FIRST_NAME);
                ck_assert_ptr_nonnull(cp);
                ck_assert_uint_eq(fn.len, strlen(want_pat[k]));
                ck_assert(memcmp(fn.ptr, want_pat[k], fn.len) == 0);
            }
            ck_assert(m.len == 5 && memcmp(m.ptr, want_member[k], 5) == 0);
            ck_assert_uint_eq(x12_claim_stream_position(cs, X12_CPOS_CLAIM_INDEX), k);
            ck_assert_uint_eq(x12_claim_stream_position(cs, X12_CPOS_CLAIM_IN_SET), k);
            k++;
        }
        ck_assert_uint_eq(k, 7);
        ck_assert_uint_eq(x12_claim_stream_total(cs, X12_CTOTAL_CLAIMS), 7);
        ck_assert_uint_eq(x12_claim_stream_total(cs, X12_CTOTAL_LINES), 7);
        ck_assert_uint_eq(x12_claim_stream_total(cs, X12_CTOTAL_SETS), 1);
        x12_claim_stream_free(cs);
    }
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* 837I: every institutional field, every coded item, every provider role
 * of the claim and of a line. */
START_TEST(test_837i_fields)
{
    x12_batch *b;
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_claim *c;
    x12_service_line *l;
    x12_party *p;
    tbuf out;
    readout o;

    OK(x12_batch_new(NULL, X12_CLAIM_837I, &b));
    header(b, 7);
    OK(x12_batch_set(b, X12_BATCH_PURPOSE, "18", S));
    OK(x12_batch_set(b, X12_BATCH_TRANSACTION_TYPE, "RP", S));
    OK(x12_batch_set_option(b, X12_BATCHOPT_PRODUCTION, 1));
    bp = provider(b, "1666000041");
    OK(x12_party_set(x12_billing_provider_party(bp), X12_PARTY_TAXONOMY, "282N00000X", S));
    s = subscriber(bp, "XJ0000000001", "EHP01");
    OK(x12_subscriber_set(s, X12_SUB_GROUP_NUMBER, "GRP0042", S));
    OK(x12_subscriber_set(s, X12_SUB_GROUP_NAME, "ACME CORP", S));
    OK(x12_subscriber_add_claim(s, &c));
    OK(x12_claim_set(c, X12_CLAIM_PCN, "IP-250110-77", S));
    OK(x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 21300));
    OK(x12_claim_set(c, X12_CLAIM_BILL_TYPE, "117", S));
    OK(x12_claim_set(c, X12_CLAIM_PAYER_CLAIM_NUMBER, "PAYER-CLM-1", S));
    OK(x12_claim_set(c, X12_CLAIM_ASSIGNMENT, "B", S));
    OK(x12_claim_set(c, X12_CLAIM_BENEFITS_ASSIGNMENT, "W", S));
    OK(x12_claim_set(c, X12_CLAIM_RELEASE, "I", S));
    OK(x12_claim_set(c, X12_CLAIM_DELAY_REASON, "7", S));
    OK(x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20250110", S));
    OK(x12_claim_set(c, X12_CLAIM_SERVICE_TO, "20250114", S));
    OK(x12_claim_set(c, X12_CLAIM_ADMISSION_DATE, "20250110", S));
    OK(x12_claim_set(c, X12_CLAIM_ADMISSION_HOUR, "1400", S));
    OK(x12_claim_set(c, X12_CLAIM_DISCHARGE_HOUR, "1100", S));
    OK(x12_claim_set(c, X12_CLAIM_ADMISSION_TYPE, "1", S));
    OK(x12_claim_set(c, X12_CLAIM_ADMISSION_SOURCE, "7", S));
    OK(x12_claim_set(c, X12_CLAIM_PATIENT_STATUS, "01", S));
    OK(x12_claim_set(c, X12_CLAIM_PRIOR_AUTH, "AUTH77", S));
    OK(x12_claim_set(c, X12_CLAIM_REFERRAL, "REF55", S));
    OK(x12_claim_set(c, X12_CLAIM_MEDICAL_RECORD, "MR0044312", S));
    OK(x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "K35.80", S, 'Y'));
    OK(x12_claim_add_diagnosis(c, X12_DX_ADMITTING, "R10.31", S, 0));
    OK(x12_claim_add_diagnosis(c, X12_DX_REASON, "R10.9", S, 0));
    OK(x12_claim_add_diagnosis(c, X12_DX_OTHER, "E11.9", S, 'Y'));
    OK(x12_claim_add_diagnosis(c, X12_DX_OTHER, "K91.89", S, 'N'));
    OK(x12_claim_add_diagnosis(c, X12_DX_OTHER, "Z79.4", S, 'W'));
    OK(x12_claim_add_code(c, X12_CODE_PRINCIPAL_PROCEDURE, "0DTJ4ZZ", S, "20250110", 8, NULL, 0, 0));
    OK(x12_claim_add_code(c, X12_CODE_OTHER_PROCEDURE, "0DB68ZX", S, "20250111", 8, NULL, 0, 0));
    OK(x12_claim_add_code(c, X12_CODE_OCCURRENCE_SPAN, "74", S, "20250101", 8, "20250105", 8, 0));
    OK(x12_claim_add_code(c, X12_CODE_OCCURRENCE, "11", S, "20250109", 8, NULL, 0, 0));
    OK(x12_claim_add_code(c, X12_CODE_VALUE, "80", S, NULL, 0, NULL, 0, 400));
    OK(x12_claim_add_code(c, X12_CODE_VALUE, "A1", S, NULL, 0, NULL, 0, 12345));
    OK(x12_claim_add_code(c, X12_CODE_CONDITION, "39", S, NULL, 0, NULL, 0, 0));
    p = x12_claim_provider(c, X12_ROLE_ATTENDING);
    OK(x12_party_set(p, X12_PARTY_NAME, "GARCIA", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "MARIA", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1777000054", S));
    OK(x12_party_set(p, X12_PARTY_TAXONOMY, "207R00000X", S));
    p = x12_claim_provider(c, X12_ROLE_OPERATING);
    OK(x12_party_set(p, X12_PARTY_NAME, "CHEN", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "DAVID", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1888000068", S));
    p = x12_claim_provider(c, X12_ROLE_OTHER_OPERATING);
    OK(x12_party_set(p, X12_PARTY_NAME, "OKAFOR", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "GRACE", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1555000037", S));
    p = x12_claim_provider(c, X12_ROLE_RENDERING);
    OK(x12_party_set(p, X12_PARTY_NAME, "NGUYEN", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "PETER", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1444000024", S));
    p = x12_claim_provider(c, X12_ROLE_SERVICE_FACILITY);
    OK(x12_party_set(p, X12_PARTY_NAME, "MERCY SURGERY CENTER", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1333000010", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "1 SURGERY WAY", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "627021500", S));
    p = x12_claim_provider(c, X12_ROLE_REFERRING);
    OK(x12_party_set(p, X12_PARTY_NAME, "SMITH", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "ANNA", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1234567893", S));
    OK(x12_claim_add_line(c, &l));
    OK(x12_line_set(l, X12_LINE_REVENUE_CODE, "0120", S));
    OK(x12_line_set(l, X12_LINE_UNIT, "DA", S));
    OK(x12_line_set(l, X12_LINE_UNITS, "4", S));
    OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, 9600));
    OK(x12_claim_add_line(c, &l));
    OK(x12_line_set(l, X12_LINE_REVENUE_CODE, "0360", S));
    OK(x12_line_set(l, X12_LINE_PROCEDURE, "44970", S));
    OK(x12_line_add_modifier(l, "RT", S));
    OK(x12_line_add_modifier(l, "59", S));
    OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, 11700));
    OK(x12_line_set_amount(l, X12_LINEAMT_NONCOVERED, 250));
    OK(x12_line_set(l, X12_LINE_SERVICE_FROM, "20250110", S));
    OK(x12_line_set(l, X12_LINE_SERVICE_TO, "20250111", S));
    OK(x12_line_set(l, X12_LINE_CONTROL_NUMBER, "LN-2", S));
    p = x12_line_provider(l, X12_ROLE_OPERATING);
    OK(x12_party_set(p, X12_PARTY_NAME, "CHEN", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "DAVID", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1888000068", S));
    p = x12_line_provider(l, X12_ROLE_OTHER_OPERATING);
    OK(x12_party_set(p, X12_PARTY_NAME, "OKAFOR", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "GRACE", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1555000037", S));
    p = x12_line_provider(l, X12_ROLE_RENDERING);
    OK(x12_party_set(p, X12_PARTY_NAME, "NGUYEN", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "PETER", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1444000024", S));
    p = x12_line_provider(l, X12_ROLE_REFERRING);
    OK(x12_party_set(p, X12_PARTY_NAME, "SMITH", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "ANNA", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1234567893", S));
    built_round_trip("837I", b, 1, &out);

    /* A few values by name, as a reader of the model sees them. */
    read_buffer(out.p, out.len, &o);
    {
        x12_batch *rb = o.copy;
        x12_claim *rc = x12_subscriber_first_claim(
            x12_billing_provider_first_subscriber(x12_batch_first_provider(rb)));
        x12_str d1, d2, v;
        x12_code_kind k;
        int64_t cents;

        ck_assert_int_eq(x12_batch_kind(rb), X12_CLAIM_837I);
        v = x12_claim_get(rc, X12_CLAIM_BILL_TYPE);
        ck_assert(v.len == 3 && memcmp(v.ptr, "117", 3) == 0);
        v = x12_claim_get(rc, X12_CLAIM_ADMISSION_HOUR);
        ck_assert(v.len == 4 && memcmp(v.ptr, "1400", 4) == 0);
        ck_assert_int_eq(x12_claim_diagnosis_poa(rc, 0), 'Y');
        ck_assert_int_eq(x12_claim_diagnosis_poa(rc, 1), 0);
        ck_assert_uint_eq(x12_claim_code_count(rc), 7);
        v = x12_claim_code(rc, 2, &k, &d1, &d2, &cents);
        ck_assert_int_eq(k, X12_CODE_OCCURRENCE_SPAN);
        ck_assert(v.len == 2 && d1.len == 8 && d2.len == 8 && memcmp(d2.ptr, "20250105", 8) == 0);
        (void)x12_claim_code(rc, 5, &k, NULL, NULL, &cents);
        ck_assert_int_eq(k, X12_CODE_VALUE);
        ck_assert_int_eq(cents, 12345);
        ck_assert_uint_eq(x12_batch_get_option(rb, X12_BATCHOPT_PRODUCTION), 1);
        ck_assert_uint_eq(x12_batch_get_option(rb, X12_BATCHOPT_ST02), 7);
    }
    readout_free(&o);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* A secondary 837P: two other payers (2320/2330A/B with addresses, claim
 * CAS, AMT*D, AMT*EAF, OI, DTP*573) and lines adjudicated by each (2430:
 * SVD with a changed procedure and modifiers, CAS of several groups, DTP*573,
 * AMT*EAF), plus every 837P claim field and line provider. */
START_TEST(test_secondary)
{
    x12_batch *b;
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_claim *c;
    x12_service_line *l;
    x12_other_payer *op;
    x12_line_adjudication *a;
    x12_party *p;
    tbuf out;

    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b));
    header(b, 611);
    bp = provider(b, "1234567893");
    OK(x12_party_set(x12_billing_provider_party(bp), X12_PARTY_CONTACT, "BILLING", S));
    OK(x12_party_set(x12_billing_provider_party(bp), X12_PARTY_EMAIL, "b@example.invalid", S));
    s = subscriber(bp, "SEC0099887", "SCI22");
    OK(x12_subscriber_set(s, X12_SUB_RESPONSIBILITY, "T", S));
    OK(x12_subscriber_set(s, X12_SUB_INSURANCE_TYPE, "12", S));
    OK(x12_subscriber_add_claim(s, &c));
    OK(x12_claim_set(c, X12_CLAIM_PCN, "PCN-2025-0412", S));
    OK(x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 25000));
    OK(x12_claim_set_amount(c, X12_CLAIMAMT_PATIENT_PAID, 1500));
    OK(x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S));
    OK(x12_claim_set(c, X12_CLAIM_FREQUENCY, "7", S));
    OK(x12_claim_set(c, X12_CLAIM_PAYER_CLAIM_NUMBER, "ORIG-998877", S));
    OK(x12_claim_set(c, X12_CLAIM_PROVIDER_SIGNATURE, "N", S));
    OK(x12_claim_set(c, X12_CLAIM_RELATED_CAUSES, "AA", S));
    OK(x12_claim_set(c, X12_CLAIM_ACCIDENT_STATE, "IL", S));
    OK(x12_claim_set(c, X12_CLAIM_ACCIDENT_DATE, "20250301", S));
    OK(x12_claim_set(c, X12_CLAIM_ONSET_DATE, "20250301", S));
    OK(x12_claim_set(c, X12_CLAIM_ADMISSION_DATE, "20250302", S));
    OK(x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "S09.90XA", S, 0));
    OK(x12_claim_add_diagnosis(c, X12_DX_OTHER, "E78.5", S, 0));
    p = x12_claim_provider(c, X12_ROLE_SUPERVISING);
    OK(x12_party_set(p, X12_PARTY_NAME, "WELBY", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "MARCUS", S));
    OK(x12_party_set(p, X12_PARTY_MIDDLE_NAME, "W", S));
    OK(x12_party_set(p, X12_PARTY_SUFFIX, "JR", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1333000010", S));
    p = x12_claim_provider(c, X12_ROLE_RENDERING);
    OK(x12_party_set_entity(p, X12_ENTITY_ORGANIZATION));
    OK(x12_party_set(p, X12_PARTY_NAME, "LAKESIDE GROUP", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1444000024", S));
    OK(x12_party_set(p, X12_PARTY_TAXONOMY, "207XS0114X", S));
    /* primary */
    OK(x12_claim_add_other_payer(c, &op));
    OK(x12_other_payer_set(op, X12_OP_RESPONSIBILITY, "P", S));
    OK(x12_other_payer_set(op, X12_OP_RELATIONSHIP, "18", S));
    OK(x12_other_payer_set(op, X12_OP_GROUP_NUMBER, "GRP0042", S));
    OK(x12_other_payer_set(op, X12_OP_INSURANCE_TYPE, "47", S));
    OK(x12_other_payer_set(op, X12_OP_FILING_INDICATOR, "MB", S));
    OK(x12_other_payer_set(op, X12_OP_BENEFITS_ASSIGNMENT, "N", S));
    OK(x12_other_payer_set(op, X12_OP_RELEASE, "I", S));
    OK(x12_other_payer_set_amount(op, X12_OPAMT_PAID, 14400));
    OK(x12_other_payer_set_amount(op, X12_OPAMT_PATIENT_LIABILITY, 2600));
    OK(x12_other_payer_add_adjustment(op, "OA", "23", 0, "1"));
    p = x12_other_payer_subscriber(op);
    OK(x12_party_set(p, X12_PARTY_NAME, "DOE", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "JOHN", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1EG4TE5MK73", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "62704", S));
    p = x12_other_payer_payer(op);
    OK(x12_party_set(p, X12_PARTY_NAME, "MEDICARE PART B", S));
    OK(x12_party_set(p, X12_PARTY_ID, "MCRB01", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "PO BOX 1", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "CHICAGO", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "60601", S));
    /* secondary, adjudicated at the claim level only */
    OK(x12_claim_add_other_payer(c, &op));
    OK(x12_other_payer_set(op, X12_OP_RESPONSIBILITY, "S", S));
    OK(x12_other_payer_set(op, X12_OP_RELATIONSHIP, "01", S));
    OK(x12_other_payer_set(op, X12_OP_FILING_INDICATOR, "CI", S));
    OK(x12_other_payer_set(op, X12_OP_ADJUDICATION_DATE, "20250405", S));
    OK(x12_other_payer_set_amount(op, X12_OPAMT_PAID, 11000));
    OK(x12_other_payer_add_adjustment(op, "CO", "45", 4000, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "1", 3000, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "2", 2600, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "3", 1000, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "66", 1000, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "122", 1000, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "187", 1000, NULL));
    OK(x12_other_payer_add_adjustment(op, "PR", "201", 400, "2"));
    p = x12_other_payer_subscriber(op);
    OK(x12_party_set(p, X12_PARTY_NAME, "DOE", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "JANET", S));
    OK(x12_party_set(p, X12_PARTY_ID, "W22", S));
    p = x12_other_payer_payer(op);
    OK(x12_party_set(p, X12_PARTY_NAME, "WORK PLAN", S));
    OK(x12_party_set(p, X12_PARTY_ID, "WP7", S));
    /* line 1: adjudicated by the primary with a changed procedure */
    OK(x12_claim_add_line(c, &l));
    OK(x12_line_set(l, X12_LINE_PROCEDURE, "99214", S));
    OK(x12_line_add_modifier(l, "25", S));
    OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, 19000));
    OK(x12_line_set(l, X12_LINE_UNIT, "MJ", S));
    OK(x12_line_set(l, X12_LINE_UNITS, "1.5", S));
    OK(x12_line_set(l, X12_LINE_PLACE_OF_SERVICE, "22", S));
    OK(x12_line_set(l, X12_LINE_EMERGENCY, "Y", S));
    OK(x12_line_set(l, X12_LINE_SERVICE_FROM, "20250312", S));
    OK(x12_line_set(l, X12_LINE_SERVICE_TO, "20250313", S));
    OK(x12_line_set(l, X12_LINE_NDC, "00003029320", S));
    OK(x12_line_set(l, X12_LINE_NDC_QUANTITY, "2.5", S));
    OK(x12_line_set(l, X12_LINE_NDC_UNIT, "ML", S));
    OK(x12_line_add_pointer(l, 1));
    OK(x12_line_add_pointer(l, 2));
    p = x12_line_provider(l, X12_ROLE_RENDERING);
    OK(x12_party_set(p, X12_PARTY_NAME, "OKAFOR", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "GRACE", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1555000037", S));
    OK(x12_party_set(p, X12_PARTY_TAXONOMY, "2085R0202X", S));
    p = x12_line_provider(l, X12_ROLE_SERVICE_FACILITY);
    OK(x12_party_set(p, X12_PARTY_NAME, "NORTH CLINIC", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1333000010", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "900 GREEN BAY ROAD", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "WINNETKA", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "600931234", S));
    p = x12_line_provider(l, X12_ROLE_SUPERVISING);
    OK(x12_party_set(p, X12_PARTY_NAME, "WELBY", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "MARCUS", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1333000010", S));
    p = x12_line_provider(l, X12_ROLE_ORDERING);
    OK(x12_party_set(p, X12_PARTY_NAME, "KIM", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "SORA", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1444000024", S));
    OK(x12_party_set(p, X12_PARTY_ADDRESS1, "5 ORDER STREET", S));
    OK(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
    OK(x12_party_set(p, X12_PARTY_STATE, "IL", S));
    OK(x12_party_set(p, X12_PARTY_ZIP, "62704", S));
    p = x12_line_provider(l, X12_ROLE_REFERRING);
    OK(x12_party_set(p, X12_PARTY_NAME, "SMITH", S));
    OK(x12_party_set(p, X12_PARTY_FIRST_NAME, "ANNA", S));
    OK(x12_party_set(p, X12_PARTY_ID, "1234567893", S));
    OK(x12_line_add_adjudication(l, &a));
    OK(x12_line_adjudication_set(a, X12_LA_PAYER_ID, "MCRB01", S));
    OK(x12_line_adjudication_set_amount(a, X12_LAAMT_PAID, 10400));
    OK(x12_line_adjudication_set(a, X12_LA_PROCEDURE, "99213", S));
    OK(x12_line_adjudication_add_modifier(a, "25", S));
    OK(x12_line_adjudication_add_modifier(a, "GT", S));
    OK(x12_line_adjudication_set(a, X12_LA_UNITS, "1", S));
    OK(x12_line_adjudication_set(a, X12_LA_DATE, "20250402", S));
    OK(x12_line_adjudication_set_amount(a, X12_LAAMT_PATIENT_LIABILITY, 6600));
    OK(x12_line_adjudication_add_adjustment(a, "CO", "45", 2000, NULL));
    OK(x12_line_adjudication_add_adjustment(a, "PR", "1", 4000, NULL));
    OK(x12_line_adjudication_add_adjustment(a, "PR", "2", 2600, "1"));
    /* line 2: bundled into line 1 by the primary */
    OK(x12_claim_add_line(c, &l));
    OK(x12_line_set(l, X12_LINE_PROCEDURE, "80061", S));
    OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, 6000));
    OK(x12_line_set(l, X12_LINE_SERVICE_FROM, "20250312", S));
    OK(x12_line_add_pointer(l, 2));
    OK(x12_line_add_adjudication(l, &a));
    OK(x12_line_adjudication_set(a, X12_LA_PAYER_ID, "MCRB01", S));
    OK(x12_line_adjudication_set_amount(a, X12_LAAMT_PAID, 4000));
    OK(x12_line_adjudication_set(a, X12_LA_BUNDLED_LINE, "1", S));
    OK(x12_line_adjudication_set(a, X12_LA_DATE, "20250402", S));
    OK(x12_line_adjudication_add_adjustment(a, "CO", "45", 2000, NULL));
    built_round_trip("secondary", b, 1, &out);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* 50 lines and 12 diagnoses, the 837P maxima: one HI of 12, pointers up to
 * 12, 50 LX numbered in order. */
START_TEST(test_50_lines_12_dx)
{
    static const char *dx[] = {"J06.9", "R50.9", "R05.9", "J02.9", "R51.9", "M54.5",
                               "E11.9", "I10", "E78.5", "Z00.00", "K21.9", "F41.1"};
    x12_batch *b;
    x12_subscriber *s;
    x12_claim *c;
    x12_service_line *l;
    tbuf out;
    int i;
    readout o;

    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b));
    header(b, 50);
    s = subscriber(provider(b, "1234567893"), "M50", "EHP01");
    OK(x12_subscriber_add_claim(s, &c));
    OK(x12_claim_set(c, X12_CLAIM_PCN, "PCN-FIFTY", S));
    OK(x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S));
    OK(x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20250401", S));
    OK(x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 50 * 1001));
    for (i = 0; i < 12; i++)
        OK(x12_claim_add_diagnosis(c, i ? X12_DX_OTHER : X12_DX_PRINCIPAL, dx[i], S, 0));
    for (i = 0; i < 50; i++) {
        char ctl[16];
        OK(x12_claim_add_line(c, &l));
        OK(x12_line_set(l, X12_LINE_PROCEDURE, i % 2 ? "99213" : "87880", S));
        OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, 1001));
        OK(x12_line_add_pointer(l, (unsigned)(i % 12) + 1));
        if (i % 3 == 0)
            OK(x12_line_add_pointer(l, 12));
        snprintf(ctl, sizeof ctl, "L%02d", i + 1);
        OK(x12_line_set(l, X12_LINE_CONTROL_NUMBER, ctl, S));
    }
    built_round_trip("50 lines", b, 1, &out);
    read_buffer(out.p, out.len, &o);
    c = x12_subscriber_first_claim(
        x12_billing_provider_first_subscriber(x12_batch_first_provider(o.copy)));
    ck_assert_uint_eq(x12_claim_line_count(c), 50);
    ck_assert_uint_eq(x12_claim_diagnosis_count(c), 12);
    for (l = x12_claim_first_line(c), i = 0; l != NULL; l = x12_line_next(l), i++)
        ck_assert_uint_eq(x12_line_pointer(l, 0), (unsigned)(i % 12) + 1);
    ck_assert(strstr(out.p, "HI*ABK:J069*ABF:R509") != NULL);
    ck_assert(strstr(out.p, "LX*50~\n") != NULL);
    readout_free(&o);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- every way in gives the same claims ------------------------------------------------ */

/* Two sets in one interchange and a second interchange, so that set and
 * interchange indexes, ST offsets and the header change between claims. */
static void multi_fixture(tbuf *all)
{
    x12_batch *b;
    x12_subscriber *s;
    x12_claim *c;
    tbuf one = {0}, two = {0};
    int i;

    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b));
    header(b, 21);
    OK(x12_batch_set_option(b, X12_BATCHOPT_MAX_CLAIMS_PER_SET, 3));
    s = subscriber(provider(b, "1234567893"), "M0001", "EHP01");
    for (i = 0; i < 5; i++) {
        char pcn[16];
        snprintf(pcn, sizeof pcn, "PCN-%d", i);
        OK(x12_subscriber_add_claim(s, &c));
        simple_claim(c, pcn, 1000 + i);
    }
    OK(write_batch(b, &one));
    x12_batch_free(b);
    OK(x12_batch_new(NULL, X12_CLAIM_837I, &b));
    header(b, 22);
    s = subscriber(provider(b, "1666000041"), "M0002", "EHP02");
    OK(x12_subscriber_add_claim(s, &c));
    {
        x12_service_line *l;
        OK(x12_claim_set(c, X12_CLAIM_PCN, "IP-1", S));
        OK(x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 5000));
        OK(x12_claim_set(c, X12_CLAIM_BILL_TYPE, "131", S));
        OK(x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20250101", S));
        OK(x12_claim_set(c, X12_CLAIM_PATIENT_STATUS, "01", S));
        OK(x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "R10.9", S, 0));
        OK(x12_claim_add_line(c, &l));
        OK(x12_line_set(l, X12_LINE_REVENUE_CODE, "0450", S));
        OK(x12_line_set(l, X12_LINE_PROCEDURE, "99283", S));
        OK(x12_line_set(l, X12_LINE_SERVICE_FROM, "20250101", S));
        OK(x12_line_set_amount(l, X12_LINEAMT_CHARGE, 5000));
    }
    OK(write_batch(b, &two));
    x12_batch_free(b);
    tbuf_add(all, one.p, one.len);
    tbuf_add(all, two.p, two.len);
    tbuf_free(&one);
    tbuf_free(&two);
}

/* A temporary file holding `data`, gzip-compressed when gz. */
static char *temp_file(const char *data, size_t len, int gz)
{
    char *path = strdup("/tmp/check_claimread_XXXXXX");
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    if (gz) {
        gzFile g = gzdopen(fd, "wb");
        ck_assert_ptr_nonnull(g);
        ck_assert_int_eq(gzwrite(g, data, (unsigned)len), (int)len);
        ck_assert_int_eq(gzclose(g), Z_OK);
    } else {
        ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
        close(fd);
    }
    return path;
}

static void read_path(const char *path, readout *o)
{
    x12_claim_stream *s;

    memset(o, 0, sizeof *o);
    OK(x12_claim_stream_new(NULL, NULL, &s));
    OK(x12_reader_open_path(x12_claim_stream_reader(s), path));
    read_all(s, o);
    x12_claim_stream_free(s);
}

START_TEST(test_every_way_in)
{
    tbuf data = {0};
    readout base, other;
    size_t steps[] = {1, 7, 4096}, i;
    char *plain, *gz;

    multi_fixture(&data);
    read_buffer(data.p, data.len, &base);
    ck_assert_int_eq(base.end, X12_END);
    ck_assert_uint_eq(base.nclaims, 6);
    ck_assert_msg(base.errors.len == 0, "%s", base.errors.p);
    /* positions differ between the claims of the second set */
    ck_assert(strstr(base.claims.p, "claim.pos8=1\n") != NULL);   /* second set */
    ck_assert(strstr(base.claims.p, "claim.pos9=1\n") != NULL);   /* second interchange */
    for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char what[32];
        snprintf(what, sizeof what, "push by %zu", steps[i]);
        read_pushed(data.p, data.len, steps[i], &other);
        assert_same_readout(what, &base, &other);
        readout_free(&other);
    }
    plain = temp_file(data.p, data.len, 0);
    gz = temp_file(data.p, data.len, 1);
    read_path(plain, &other);
    assert_same_readout("path", &base, &other);
    readout_free(&other);
    read_path(gz, &other);
    assert_same_readout("gzip", &base, &other);
    readout_free(&other);
    {
        FILE *f = fopen(plain, "rb");
        x12_claim_stream *s;
        ck_assert_ptr_nonnull(f);
        memset(&other, 0, sizeof other);
        OK(x12_claim_stream_new(NULL, NULL, &s));
        OK(x12_reader_open_file(x12_claim_stream_reader(s), f));
        read_all(s, &other);
        x12_claim_stream_free(s);
        fclose(f);
        assert_same_readout("FILE*", &base, &other);
        readout_free(&other);
    }
    {
        int fd = open(gz, O_RDONLY);
        x12_reader *r;
        x12_claim_stream *s;
        ck_assert_int_ge(fd, 0);
        /* the caller's reader, freed after the stream */
        OK(x12_reader_new(NULL, &r));
        OK(x12_reader_open_fd(r, fd));
        memset(&other, 0, sizeof other);
        OK(x12_claim_stream_new(NULL, r, &s));
        ck_assert_ptr_eq(x12_claim_stream_reader(s), r);
        read_all(s, &other);
        x12_claim_stream_free(s);
        x12_reader_free(r);
        close(fd);
        assert_same_readout("descriptor", &base, &other);
        readout_free(&other);
    }
    unlink(plain);
    unlink(gz);
    free(plain);
    free(gz);
    readout_free(&base);
    tbuf_free(&data);
}
END_TEST

/* The goldens pushed one byte at a time read as from a buffer. */
START_TEST(test_goldens_pushed)
{
    char name[96];
    size_t len;
    char *data = NULL;
    readout a, b;

    snprintf(name, sizeof name, "claim837-%s.837", goldens[_i]);
    data = slurp(data_path(name), &len);
    ck_assert_ptr_nonnull(data);
    read_buffer(data, len, &a);
    read_pushed(data, len, 1, &b);
    assert_same_readout(name, &a, &b);
    readout_free(&a);
    readout_free(&b);
    free(data);
}
END_TEST

/* ---- hand-made 837s --------------------------------------------------------------------- */

#define ISA_P "ISA*00*          *00*          *ZZ*SUBMITTER01    *ZZ*RECEIVER01     " \
              "*250410*0800*^*00501*000000001*0*T*:~"
#define HEAD_P "GS*HC*SUBMITTER01*RECEIVER01*20250410*0800*1*X*005010X222A1~" \
               "ST*837*0001*005010X222A1~BHT*0019*00*REF1*20250410*0800*CH~" \
               "NM1*41*2*SUBMITTER*****46*SUBMITTER01~PER*IC*BILLING*TE*5555550100~" \
               "NM1*40*2*RECEIVER*****46*RECEIVER01~"
#define BP_P "HL*1**20*1~NM1*85*2*BILLING*****XX*1234567893~N3*100 MAIN~" \
             "N4*SPRINGFIELD*IL*627011234~REF*EI*371234567~"
#define SUB_P(hl, parent, member) "HL*" hl "*" parent "*22*0~SBR*P*18*******CI~" \
             "NM1*IL*1*DOE*JANE****MI*" member "~NM1*PR*2*PLAN*****PI*EHP01~"
#define CLAIM_P(pcn, amt) "CLM*" pcn "*" amt "***11:B:1*Y*A*Y*Y~HI*ABK:J069~"
#define LINE_P(n, amt) "LX*" n "~SV1*HC:99213*" amt "*UN*1***1~DTP*472*D8*20250401~"

/* ST..SE around `body` (segments counted by their terminators), GE, IEA. */
static void wrap(tbuf *t, const char *body)
{
    const char *p;
    size_t n = 0;
    char tail[128];

    tbuf_str(t, ISA_P HEAD_P);
    for (p = HEAD_P; *p; p++)
        n += *p == '~';
    n -= 1; /* GS */
    for (p = body; *p; p++)
        n += *p == '~';
    tbuf_str(t, body);
    snprintf(tail, sizeof tail, "SE*%zu*0001~GE*1*1~IEA*1*000000001~", n + 1);
    tbuf_str(t, tail);
}

/* Finds the diagnostic with rule `rule` at segment `segno`, element and
 * component; fails when there is none. */
static const char *find_diag(const tbuf *errors, const char *prefix, const char *rule,
                             const char *loop, unsigned elem, unsigned comp)
{
    char want[128];
    const char *p;

    snprintf(want, sizeof want, "[%s loop=%s elem=%u comp=%u ", rule, loop, elem, comp);
    for (p = errors->p; p != NULL && (p = strstr(p, prefix)) != NULL; p++) {
        const char *eol = strchr(p, '\n');
        const char *w = strstr(p, want);
        if ((p == errors->p || p[-1] == '\n') && w != NULL && eol != NULL && w < eol)
            return p;
    }
    ck_abort_msg("no %s diagnostic '%s' (loop %s, %u-%u) in:\n%s", rule, prefix, loop, elem,
                 comp, errors->p ? errors->p : "");
    return NULL;
}

/* 2320 SBR05 is not used in the 837I: read as not kept, so that building
 * the claim again does not write it (the reader once kept it). */
START_TEST(test_837i_other_payer_sbr05)
{
    tbuf t = {0}, body = {0};
    readout o;
    const char *p;
    size_t n = 0;
    char tail[128];

    tbuf_str(&body, "GS*HC*SUBMITTER01*RECEIVER01*20250410*0800*1*X*005010X223A2~"
                    "ST*837*0001*005010X223A2~BHT*0019*00*REF1*20250410*0800*CH~"
                    "NM1*41*2*SUBMITTER*****46*SUBMITTER01~PER*IC*BILLING*TE*5555550100~"
                    "NM1*40*2*RECEIVER*****46*RECEIVER01~" BP_P
                    "HL*2*1*22*0~SBR*S*18*******CI~"
                    "NM1*IL*1*DOE*JANE****MI*M0001~NM1*PR*2*PLAN*****PI*EHP01~"
                    "CLM*PCN1*100***11:A:1**A*Y*Y~DTP*434*RD8*20250401-20250402~"
                    "CL1*1*7*01~HI*ABK:J069~"
                    "SBR*P*18*GRP**12****MB~OI***Y***Y~"
                    "NM1*IL*1*DOE*JANE****MI*M0001~NM1*PR*2*MEDICARE*****PI*MCR01~"
                    "LX*1~SV2*0450*HC:99283*100*UN*1~DTP*472*D8*20250401~");
    for (p = body.p; *p; p++)
        n += *p == '~';
    tbuf_str(&t, ISA_P);
    tbuf_str(&t, body.p);
    snprintf(tail, sizeof tail, "SE*%zu*0001~GE*1*1~IEA*1*000000001~", n);
    tbuf_str(&t, tail);
    read_buffer(t.p, t.len, &o);
    ck_assert_int_eq(o.end, X12_END);
    ck_assert_uint_eq(o.nclaims, 1);
    find_diag(&o.errors, "21:SBR-05: SBR05 in loop 2320 is not kept", "not-kept", "2320", 5, 0);
    ck_assert_ptr_null(strstr(o.claims.p, "claim.op1.f4="));
    ck_assert_ptr_nonnull(strstr(o.claims.p, "claim.op1.f5=MB\n"));
    readout_free(&o);
    tbuf_free(&t);
    tbuf_free(&body);
}
END_TEST

/* Segments and elements the model cannot hold: each a located warning,
 * counted per claim, the claim itself read. */
START_TEST(test_not_kept)
{
    tbuf t = {0};
    readout o;
    const char *d;

    wrap(&t, BP_P "PER*IC*ONE*TE*5555550101~PER*IC*TWO*TE*5555550102~"
               SUB_P("2", "1", "M0001")
               "REF*SY*123456789~"
               "CLM*PCN1*100***11:B:1*Y*A*Y*Y****Y~" /* CLM13: not kept */
               "MSG*CALL ME~" /* no 837 segment: not kept */
               "REF*G4*CLAIMID~" /* an 837I qualifier: not kept */
               "HI*ABK:J069*BF:4019~"
               "NM1*82*1*NGUYEN*PETER****XX*1444000024~REF*EI*SECID~" /* no EI in 2310B */
               "NM1*PW*2~N3*1 PICKUP ST~"
               LINE_P("1", "100")
               "MSG*LINE NOTE~");
    read_buffer(t.p, t.len, &o);
    ck_assert_int_eq(o.end, X12_END);
    ck_assert_uint_eq(o.nclaims, 1);
    /* the second billing provider PER (segment 16) */
    d = find_diag(&o.errors, "14:PER: segment PER in loop 2010AA is not kept", "not-kept",
                  "2010AA", 0, 0);
    (void)d;
    find_diag(&o.errors, "19:REF: segment REF in loop 2010BB is not kept", "not-kept",
              "2010BB", 0, 0);
    find_diag(&o.errors, "20:CLM-13: CLM13 in loop 2300 is not kept", "not-kept", "2300", 13,
              0);
    find_diag(&o.errors, "21:MSG: segment MSG in loop 2300", "not-kept", "2300", 0, 0);
    find_diag(&o.errors, "22:REF: segment REF in loop 2300", "not-kept", "2300", 0, 0);
    find_diag(&o.errors, "23:HI-02: HI02 in loop 2300", "not-kept", "2300", 2, 0);
    find_diag(&o.errors, "25:REF: segment REF in loop 2310B", "not-kept", "2310B", 0, 0);
    /* 26, 27: NM1*PW and N3 of 2310E, the ambulance pick-up location, are kept */
    find_diag(&o.errors, "31:MSG: segment MSG in loop 2400", "not-kept", "2400", 0, 0);
    /* per claim: the claim's own and its parents' (billing PER, REF*SY) */
    ck_assert(strstr(o.claims.p, "claim.not_kept=8\n") != NULL);
    /* no identifying value in any message */
    ck_assert(strstr(o.errors.p, "CALL ME") == NULL);
    ck_assert(strstr(o.errors.p, "123456789") == NULL);
    ck_assert(strstr(o.errors.p, "PCN1") == NULL);
    ck_assert(strstr(o.errors.p, "SECID") == NULL);
    ck_assert(strstr(o.errors.p, "PICKUP") == NULL);
    /* what is kept is still read */
    ck_assert(strstr(o.claims.p, "claim.f1=PCN1\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.role1.f5=1444000024\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.dx1.code=J069\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.dx2") == NULL);
    /* the byte offset is the segment's */
    {
        const char *nte = strstr(t.p, "MSG*CALL");
        char want[64];
        snprintf(want, sizeof want, "off=%zu ", (size_t)(nte - t.p));
        ck_assert(strstr(o.errors.p, want) != NULL);
    }
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* A segment whose id is not of X12's shape (a digit first) is the
 * reader's to report (rule segment-id); the claim stream used to take any
 * 2-3 capitals and digits for an id and report the segment again as not
 * kept, counting it against the claim. */
START_TEST(test_malformed_id_reported_once)
{
    tbuf t = {0};
    readout o;

    wrap(&t, BP_P SUB_P("2", "1", "M0001") CLAIM_P("PCN1", "100") LINE_P("1", "100")
             "9AB*X~");
    read_buffer(t.p, t.len, &o);
    ck_assert_int_eq(o.end, X12_END);
    ck_assert_uint_eq(o.nclaims, 1);
    find_diag(&o.errors, "22:?: segment id is not 2-3 upper-case letters or digits",
              "segment-id", "", 0, 0);
    ck_assert_msg(strstr(o.errors.p, "not-kept") == NULL, "%s", o.errors.p);
    ck_assert(strstr(o.claims.p, "claim.not_kept=0\n") != NULL);
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* A qualifier other than the builder's is kept with its value and named:
 * NM108 24 (an EIN) where the builder writes XX, SV101-1 other than HC. */
START_TEST(test_qualifier_changes)
{
    tbuf t = {0};
    readout o;

    wrap(&t, BP_P SUB_P("2", "1", "M0001") CLAIM_P("PCN1", "100")
               "NM1*82*2*GROUP*****24*371234567~"
               "LX*1~SV1*ER:99213:25::::WALK IN*100*UN*1***1~");
    read_buffer(t.p, t.len, &o);
    ck_assert_uint_eq(o.nclaims, 1);
    find_diag(&o.errors, "19:NM1-08: NM108 in loop 2310B is '24', which the claim model does "
                         "not keep: it writes 'XX'", "not-kept", "2310B", 8, 0);
    find_diag(&o.errors, "21:SV1-01-1: SV101-1 in loop 2400 is 'ER'", "not-kept", "2400", 1, 1);
    find_diag(&o.errors, "21:SV1-01-7: SV101-7 in loop 2400 is not kept", "not-kept", "2400", 1,
              7);
    ck_assert(strstr(o.errors.p, "WALK IN") == NULL);
    ck_assert(strstr(o.claims.p, "claim.role1.f5=371234567\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.line1.mod=25\n") != NULL);
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* The dump of the claim whose CLM01 is `pcn` (each claim's dump starts at
 * its "claim.pos1="). */
static const char *claim_dump(const readout *o, const char *pcn, char *buf, size_t size)
{
    char want[64];
    const char *at, *start, *next;

    snprintf(want, sizeof want, "claim.f1=%s\n", pcn);
    at = strstr(o->claims.p, want);
    ck_assert_msg(at != NULL, "claim %s was not read", pcn);
    for (start = o->claims.p, next = start; (next = strstr(next, "claim.pos1=")) != NULL &&
                                            next < at;
         next++)
        start = next;
    next = strstr(at, "claim.pos1=");
    snprintf(buf, size, "%.*s", (int)(next != NULL ? next - start : (long)strlen(start)), start);
    return buf;
}

/* Structural errors: each located; a subscriber or patient HL naming a
 * parent other than the loop above it is read under that loop (an error,
 * not a loss); only what has no loop to belong to is skipped, and reading
 * goes on with the next claim. */
START_TEST(test_broken_tree)
{
    tbuf t = {0};
    readout o;
    x12_claim_stream *s;
    static char chunk[65536];

    wrap(&t, BP_P
         /* a claim right under the billing provider: no subscriber */
         CLAIM_P("ORPHAN1", "10") LINE_P("1", "10")
         CLAIM_P("ORPHAN2", "10")
         /* a subscriber whose HL02 names no HL of the set: read under the
          * billing provider HL 1 */
         SUB_P("2", "9", "M0002") CLAIM_P("LOST", "20") LINE_P("1", "20")
         /* its patient names it: read under it */
         "HL*3*2*23*0~PAT*19~NM1*QC*1*DOE*JIM~" CLAIM_P("LOSTKID", "30")
         /* an unknown level */
         "HL*4*1*21*1~NM1*XX*1*WHO~"
         /* a good subscriber */
         SUB_P("5", "1", "M0005")
         /* a line before any claim */
         LINE_P("1", "40")
         CLAIM_P("GOOD1", "50")
         "SV1*HC:99213*50*UN*1***1~" /* before LX */
         LINE_P("1", "50")
         "SV1*HC:99214*60*UN*1***1~" /* a second SV1 in the line */
         /* a patient naming the good subscriber */
         "HL*6*5*23*0~PAT*19~NM1*QC*1*DOE*JIM~N3*1 ELM~N4*SPRINGFIELD*IL*62704~DMG*D8*20100101*M~"
         CLAIM_P("GOOD2", "70") LINE_P("1", "70")
         /* a patient naming an earlier subscriber: read under the current
          * one, HL 5 */
         "HL*7*2*23*0~PAT*19~NM1*QC*1*DOE*ANN~" CLAIM_P("LOST2", "80")
         /* a subscriber with an empty HL02 (and the duplicate HL01 real
          * files have): under the billing provider */
         SUB_P("2", "", "M0008") CLAIM_P("LOST3", "90") LINE_P("1", "90"));
    read_buffer(t.p, t.len, &o);
    ck_assert_int_eq(o.end, X12_END);
    ck_assert_uint_eq(o.nclaims, 6);
    ck_assert(strstr(o.claims.p, "claim.f1=GOOD1\n") != NULL);
    ck_assert(strstr(claim_dump(&o, "GOOD2", chunk, sizeof chunk), "pat.f2=JIM\n") != NULL);
    /* each re-attached loop sits under the loop above it, with its claims */
    claim_dump(&o, "LOST", chunk, sizeof chunk);
    ck_assert(strstr(chunk, "sub.party.f5=M0002\n") != NULL);
    ck_assert(strstr(chunk, "bp.party.f5=1234567893\n") != NULL);
    ck_assert(strstr(chunk, "claim.line1.amount1=2000\n") != NULL);
    ck_assert(strstr(chunk, "pat.") == NULL);
    ck_assert(strstr(chunk, "20:HL-02: subscriber HL 2 names parent HL '9', not the billing "
                            "provider HL 1 above it: read under HL 1 [hl-parent") != NULL);
    claim_dump(&o, "LOSTKID", chunk, sizeof chunk);
    ck_assert(strstr(chunk, "sub.party.f5=M0002\n") != NULL);
    ck_assert(strstr(chunk, "pat.f2=JIM\n") != NULL);
    claim_dump(&o, "LOST2", chunk, sizeof chunk);
    ck_assert(strstr(chunk, "sub.party.f5=M0005\n") != NULL);
    ck_assert(strstr(chunk, "pat.f2=ANN\n") != NULL);
    claim_dump(&o, "LOST3", chunk, sizeof chunk);
    ck_assert(strstr(chunk, "sub.party.f5=M0008\n") != NULL);
    ck_assert(strstr(chunk, "pat.") == NULL);
    /* the claims around a re-attached loop keep their own parents */
    ck_assert(strstr(claim_dump(&o, "GOOD1", chunk, sizeof chunk), "sub.party.f5=M0005\n") !=
              NULL);

    find_diag(&o.errors, "13:CLM: claim skipped (up to the next HL): it is outside a subscriber",
              "outside-loop", "2300", 0, 0);
    find_diag(&o.errors, "18:CLM: claim skipped (up to the next HL): it is outside a subscriber",
              "outside-loop", "2300", 0, 0);
    find_diag(&o.errors, "20:HL-02: subscriber HL 2 names parent HL '9', not the billing "
                         "provider HL 1 above it: read under HL 1", "hl-parent", "2000B", 2, 0);
    find_diag(&o.errors, "34:HL-03: HL 4 has level code '21'", "hl-level", "", 3, 0);
    find_diag(&o.errors, "40:LX: LX outside a claim", "outside-claim", "2010BB", 0, 0);
    find_diag(&o.errors, "45:SV1: SV1 before the claim's first LX: skipped", "outside-line",
              "2300", 0, 0);
    find_diag(&o.errors, "49:SV1: a second service segment in one line", "outside-line", "2400",
              0, 0);
    find_diag(&o.errors, "61:HL-02: patient HL 7 names parent HL '2', not the subscriber HL 5 "
                         "above it: read under HL 5", "hl-parent", "2000C", 2, 0);
    find_diag(&o.errors, "66:HL-02: subscriber HL 2 names no parent HL: read under the billing "
                         "provider HL 1 above it", "hl-parent", "2000B", 2, 0);
    ck_assert(strstr(o.errors.p, "claim skipped (up to the next HL): its") == NULL);
    ck_assert(strstr(o.errors.p, "M000") == NULL);
    /* the good claim has only its own line */
    ck_assert(strstr(claim_dump(&o, "GOOD1", chunk, sizeof chunk), "claim.line1.amount1=5000\n") !=
              NULL);
    ck_assert(strstr(chunk, "claim.line2") == NULL);

    /* totals: 6 read, 2 skipped (no subscriber loop to read them under);
     * every CLM counted once */
    OK(x12_claim_stream_new(NULL, NULL, &s));
    OK(x12_reader_open_buffer(x12_claim_stream_reader(s), t.p, t.len));
    while (x12_claim_stream_next(s) == X12_OK)
        ;
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_CLAIMS), 6);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_SKIPPED), 2);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_LINES), 4);
    x12_claim_stream_free(s);
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* Loops that have nothing above them to be read under are still skipped:
 * a subscriber HL before any billing provider HL of its set, a patient HL
 * before any subscriber HL. */
START_TEST(test_hl_nothing_above)
{
    tbuf t = {0};
    readout o;

    wrap(&t, SUB_P("1", "", "M0001") CLAIM_P("NOBP", "10") LINE_P("1", "10")
         BP_P "HL*2*1*23*0~PAT*19~NM1*QC*1*DOE*JIM~" CLAIM_P("NOSUB", "20") LINE_P("1", "20")
         SUB_P("3", "1", "M0003") CLAIM_P("FINE", "30") LINE_P("1", "30"));
    read_buffer(t.p, t.len, &o);
    ck_assert_int_eq(o.end, X12_END);
    ck_assert_uint_eq(o.nclaims, 1);
    ck_assert(strstr(o.claims.p, "claim.f1=FINE\n") != NULL);
    find_diag(&o.errors, "8:HL-02: subscriber HL 1 has no billing provider HL (20) before it in "
                         "its set: the loop and its claims are skipped", "hl-parent", "2000B", 2,
              0);
    find_diag(&o.errors, "12:CLM: claim skipped (up to the next HL): its subscriber HL was skipped",
              "outside-loop", "2300", 0, 0);
    find_diag(&o.errors, "22:HL-02: patient HL 2 has no subscriber HL (22) read before it: the loop "
                         "and its claims are skipped", "hl-parent", "2000C", 2, 0);
    find_diag(&o.errors, "25:CLM: claim skipped (up to the next HL): its patient HL was skipped",
              "outside-loop", "2300", 0, 0);
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* Amounts that are not numbers are errors and left unset; the claim is
 * still read, and positions name the segment. */
START_TEST(test_bad_values)
{
    tbuf t = {0};
    readout o;

    wrap(&t, BP_P SUB_P("2", "1", "M0001")
               "CLM*PCN1*1O0***11:B:1*Y*A*Y*Y~HI*ABK:J069~"
               "LX*1~SV1*HC:99213*12.345*UN*1***1:X~"
               "LX*3~SV1*HC:99213*10*UN*1***1~DTP*472*D8*20250401*XX~");
    read_buffer(t.p, t.len, &o);
    ck_assert_uint_eq(o.nclaims, 1);
    /* an element past the model's in a segment without components */
    find_diag(&o.errors, "23:DTP-04: DTP04 in loop 2400 is not kept", "not-kept", "2400", 4, 0);
    find_diag(&o.errors, "17:CLM-02: CLM02 is not an amount", "amount", "2300", 2, 0);
    find_diag(&o.errors, "20:SV1-02: SV102 is not an amount", "amount", "2400", 2, 0);
    find_diag(&o.errors, "20:SV1-07-2: SV107-2 diagnosis pointer 'X' is not a number",
              "number", "2400", 7, 2);
    find_diag(&o.errors, "21:LX-01: LX01 in loop 2400 is '3'", "not-kept", "2400", 1, 0);
    ck_assert(strstr(o.claims.p, "claim.amount1") == NULL);
    ck_assert(strstr(o.claims.p, "claim.line1.amount1") == NULL);
    ck_assert(strstr(o.claims.p, "claim.line1.ptr=1\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.line2.amount1=1000\n") != NULL);
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* Elements past the 40 whose components the stream tracks are still
 * looked at, and reported (this once recursed without end: a fuzzer find,
 * fuzz/regressions/claimread-element-past-40.bin). */
START_TEST(test_many_elements)
{
    tbuf t = {0}, body = {0};
    readout o;
    int i;

    tbuf_str(&body, BP_P SUB_P("2", "1", "M0001") CLAIM_P("PCN1", "10") "LX*1~SV1*HC:99213*10*UN*1***1");
    for (i = 10; i < 45; i++)
        tbuf_str(&body, "*");
    tbuf_str(&body, "*X~DTP*472*D8*20250401~");
    wrap(&t, body.p);
    read_buffer(t.p, t.len, &o);
    ck_assert_uint_eq(o.nclaims, 1);
    find_diag(&o.errors, "20:SV1-43: SV143 in loop 2400 is not kept", "not-kept", "2400", 43, 0);
    ck_assert(strstr(o.claims.p, "claim.line1.amount1=1000\n") != NULL);
    readout_free(&o);
    tbuf_free(&t);
    tbuf_free(&body);
}
END_TEST

/* CAS values long enough to move the stream's scratch between the reason
 * and the quantity (a fuzzer find: the reason was read from the freed
 * block; fuzz/regressions/claimread-cas-scratch-moved.bin, seen under
 * ASan). */
START_TEST(test_long_cas_values)
{
    tbuf t = {0}, body = {0};
    readout o;
    int i;

    tbuf_str(&body, BP_P SUB_P("2", "1", "M0001") CLAIM_P("PCN1", "10")
             "SBR*P*18*******CI~CAS*CO*45*10*");
    for (i = 0; i < 300; i++)
        tbuf_str(&body, "9");
    tbuf_str(&body, "*253*2~NM1*IL*1*DOE*JANE****MI*M0001~NM1*PR*2*PLAN*****PI*P2~"
                    LINE_P("1", "10"));
    wrap(&t, body.p);
    read_buffer(t.p, t.len, &o);
    ck_assert_uint_eq(o.nclaims, 1);
    ck_assert(strstr(o.claims.p, "claim.op1.cas1.group=CO\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.op1.cas1.reason=45\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.op1.cas1.quantity=999999999") != NULL);
    ck_assert(strstr(o.claims.p, "claim.op1.cas2.reason=253\n") != NULL);
    ck_assert(strstr(o.claims.p, "claim.op1.cas2.cents=200\n") != NULL);
    readout_free(&o);
    tbuf_free(&t);
    tbuf_free(&body);
}
END_TEST

/* Sets that are not 837P/837I are skipped with a warning; an 837 after
 * them is read. */
START_TEST(test_other_sets)
{
    tbuf t = {0};
    readout o;

    tbuf_str(&t, ISA_P "GS*HP*A*B*20250410*0800*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON"
                       "************20250410~SE*3*0001~GE*1*1~"
                       "GS*HC*A*B*20250410*0800*2*X*005010X224A2~ST*837*0002*005010X224A2~"
                       "BHT*0019*00*X*20250410*0800*CH~SE*3*0002~GE*1*2~IEA*2*000000001~");
    wrap(&t, BP_P SUB_P("2", "1", "M0001") CLAIM_P("PCN1", "10") LINE_P("1", "10"));
    read_buffer(t.p, t.len, &o);
    ck_assert_uint_eq(o.nclaims, 1);
    find_diag(&o.errors, "3:ST-01: transaction set 835 is not an 837: skipped", "not-837", "",
              1, 0);
    find_diag(&o.errors, "8:ST-03: 837 version 005010X224A2 is neither 837P", "version", "", 3,
              0);
    ck_assert(strstr(o.claims.p, "claim.pos8=2\n") != NULL); /* the third set */
    ck_assert(strstr(o.claims.p, "claim.pos9=1\n") != NULL); /* the second interchange */
    readout_free(&o);
    tbuf_free(&t);
}
END_TEST

/* Positions: CLM segment number and offset, where the claim ends, its ST. */
START_TEST(test_positions)
{
    tbuf t = {0};
    x12_claim_stream *s;
    const char *clm1, *clm2, *se, *st;

    wrap(&t, BP_P SUB_P("2", "1", "M0001") CLAIM_P("PCN1", "10") LINE_P("1", "10")
               CLAIM_P("PCN2", "20") LINE_P("1", "20"));
    clm1 = strstr(t.p, "CLM*PCN1");
    clm2 = strstr(t.p, "CLM*PCN2");
    se = strstr(t.p, "SE*");
    st = strstr(t.p, "ST*837");
    OK(x12_claim_stream_new(NULL, NULL, &s));
    ck_assert_int_eq(x12_claim_stream_copy_claim(s, NULL, NULL), X12_EINVAL);
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_OFFSET), 0);
    OK(x12_reader_open_buffer(x12_claim_stream_reader(s), t.p, t.len));
    OK(x12_claim_stream_next(s));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_OFFSET), (uint64_t)(clm1 - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_END_OFFSET), (uint64_t)(clm2 - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_SEGMENT_NUMBER), 17);
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_SET_POSITION), 15);
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_SEGMENTS), 5);
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_ST_OFFSET), (uint64_t)(st - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_ST_SEGMENT_NUMBER), 3);
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_PROVIDER_OFFSET),
                      (uint64_t)(strstr(t.p, "HL*1*") - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_SUBSCRIBER_OFFSET),
                      (uint64_t)(strstr(t.p, "HL*2*") - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_PATIENT_OFFSET), 0);
    OK(x12_claim_stream_next(s));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_OFFSET), (uint64_t)(clm2 - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_END_OFFSET), (uint64_t)(se - t.p));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX), 1);
    {
        x12_str v = x12_claim_stream_envelope(s, X12_ENV_ISA06);
        ck_assert(v.len == 11 && memcmp(v.ptr, "SUBMITTER01", 11) == 0);
        v = x12_claim_stream_envelope(s, X12_ENV_GS08);
        ck_assert(v.len == 12 && memcmp(v.ptr, "005010X222A1", 12) == 0);
    }
    ck_assert_int_eq(x12_claim_stream_next(s), X12_END);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_END);
    ck_assert_ptr_null(x12_claim_stream_claim(s));
    ck_assert_ptr_null(x12_claim_stream_header(s));
    ck_assert_uint_eq(x12_claim_stream_position(s, X12_CPOS_OFFSET), 0);
    ck_assert_int_eq(x12_claim_stream_copy_claim(s, (x12_batch *)1, NULL), X12_ESTATE);
    x12_claim_stream_free(s);
    x12_claim_stream_free(NULL);
    tbuf_free(&t);
}
END_TEST

/* A claim read is changed (a replacement: frequency 7 and the payer's
 * claim number) and copied: the output is that corrected claim. */
START_TEST(test_corrected_claim)
{
    size_t len;
    char *data = slurp(data_path("claim837-office-visit.837"), &len);
    x12_claim_stream *s;
    x12_batch *b;
    x12_claim *c;
    tbuf out = {0};

    ck_assert_ptr_nonnull(data);
    OK(x12_claim_stream_new(NULL, NULL, &s));
    OK(x12_reader_open_buffer(x12_claim_stream_reader(s), data, len));
    OK(x12_claim_stream_next(s));
    OK(x12_batch_new(NULL, X12_CLAIM_837I, &b));
    ck_assert_int_eq(x12_claim_stream_copy_claim(s, b, &c), X12_EINVAL); /* other kind */
    OK(x12_batch_set_kind(b, X12_CLAIM_837P));
    OK(x12_batch_copy_header(b, x12_claim_stream_header(s)));
    OK(x12_claim_set(x12_claim_stream_claim(s), X12_CLAIM_FREQUENCY, "7", S));
    OK(x12_claim_set(x12_claim_stream_claim(s), X12_CLAIM_PAYER_CLAIM_NUMBER, "PAYER123", S));
    OK(x12_claim_stream_copy_claim(s, b, &c));
    ck_assert_int_eq(x12_claim_stream_next(s), X12_END);
    x12_claim_stream_free(s); /* the copy outlives the stream */
    OK(write_batch(b, &out));
    ck_assert_msg(strstr(out.p, "CLM*PCN-2025-0001*185***11:B:7*Y*A*Y*Y~\n") != NULL, "%s", out.p);
    ck_assert(strstr(out.p, "REF*F8*PAYER123~\n") != NULL);
    tbuf_free(&out);
    x12_batch_free(b);
    free(data);
}
END_TEST

/* ---- memory ----------------------------------------------------------------------------- */

/* One subscriber with n claims of 3 lines each, written by hand. */
static void many_claims(tbuf *t, size_t n)
{
    tbuf body = {0};
    size_t i;
    char clm[256];

    tbuf_str(&body, BP_P SUB_P("2", "1", "M0001"));
    for (i = 0; i < n; i++) {
        snprintf(clm, sizeof clm, "CLM*PCN%zu*30***11:B:1*Y*A*Y*Y~HI*ABK:J069*ABF:R509~"
                                  "MSG*NOTE %zu~", i, i);
        tbuf_str(&body, clm);
        tbuf_str(&body, LINE_P("1", "10") "REF*6R*A1~" LINE_P("2", "10") LINE_P("3", "10"));
    }
    wrap(t, body.p);
    tbuf_free(&body);
}

static size_t peak_for(size_t n)
{
    tbuf t = {0};
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_claim_stream *s;
    size_t claims = 0;

    many_claims(&t, n);
    OK(x12_claim_stream_new(&a, NULL, &s));
    OK(x12_reader_open_buffer(x12_claim_stream_reader(s), t.p, t.len));
    while (x12_claim_stream_next(s) == X12_OK) {
        ck_assert_uint_eq(x12_claim_line_count(x12_claim_stream_claim(s)), 3);
        ck_assert_uint_eq(x12_claim_stream_not_kept_count(s), 1);
        claims++;
    }
    ck_assert_uint_eq(claims, n);
    x12_claim_stream_free(s);
    ck_assert_uint_eq(c.cur, 0);
    ck_assert_uint_eq(c.allocs, c.frees);
    tbuf_free(&t);
    return c.peak;
}

/* Memory does not grow with the number of claims under one subscriber. */
START_TEST(test_flat_memory)
{
    size_t small = peak_for(500), big = peak_for(20000);

    ck_assert_msg(big == small, "peak %zu bytes for 500 claims, %zu for 20000", small, big);
}
END_TEST

/* One claim with n copies of `junk` after its CLM, read from a buffer
 * (chunk 0) or pushed in chunks of `chunk` bytes. */
static junk_read read_junk(const char *junk, size_t n, size_t chunk)
{
    tbuf t = {0}, j = {0};
    memcount c;
    x12_allocator a = memcounting(&c);
    x12_claim_stream *s;
    x12_reader *r = NULL;
    x12_status st;
    junk_read out;
    const char *at;
    size_t i, cut, off = 0, total;
    char *buf;

    memset(&out, 0, sizeof out);
    many_claims(&t, 1);
    at = strstr(t.p, "MSG*NOTE 0~");
    ck_assert_ptr_nonnull(at);
    cut = (size_t)(at - t.p) + strlen("MSG*NOTE 0~");
    for (i = 0; i < n; i++)
        tbuf_str(&j, junk);
    total = t.len + j.len;
    buf = malloc(total);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, t.p, cut);
    memcpy(buf + cut, j.p, j.len);
    memcpy(buf + cut + j.len, t.p + cut, t.len - cut);
    if (chunk != 0) {
        OK(x12_reader_new(&a, &r));
        OK(x12_claim_stream_new(&a, r, &s));
        OK(x12_reader_feed(r, buf, chunk, 0));
        off = chunk;
    } else {
        OK(x12_claim_stream_new(&a, NULL, &s));
        OK(x12_reader_open_buffer(x12_claim_stream_reader(s), buf, total));
    }
    x12_claim_stream_set_error_handler(s, junk_seen, &out.seen);
    for (;;) {
        st = x12_claim_stream_next(s);
        junk_call(&out, x12_claim_stream_error_count(s), x12_claim_stream_errors_dropped(s),
                  X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS);
        if (st == X12_AGAIN) {
            junk_feed(r, buf, total, &off, chunk);
            continue;
        }
        if (st != X12_OK)
            break;
        out.records++;
        out.rec_kept = x12_claim_stream_claim_error_count(s); /* the last claim's */
        out.rec_dropped = x12_claim_stream_claim_errors_dropped(s);
        out.not_kept = x12_claim_stream_not_kept_count(s);
    }
    ck_assert_int_eq(st, X12_END);
    x12_claim_stream_free(s);
    x12_reader_free(r);
    junk_done(&out, &c);
    free(buf);
    tbuf_free(&t);
    tbuf_free(&j);
    return out;
}

/* Junk inside a claim once made every diagnostic stay in memory until the
 * claim was handed out: 400,000 "!!~" (1.6 MB) took 125 MB in `x12
 * claims`.  Now the lists keep the first 1000, count the rest, and memory
 * is the same for 4,000 and 40,000 of them; the handler, the totals and the
 * not-kept count see every one; pushed input keeps what a buffer keeps. */
START_TEST(test_junk_diagnostics_bounded)
{
    static const char *const junks[] = {"!!~", "MSG*X~"};
    size_t k;

    for (k = 0; k < 2; k++) {
        junk_read small = read_junk(junks[k], 4000, 0);
        junk_read big = read_junk(junks[k], 40000, 0);
        junk_read pushed = read_junk(junks[k], 40000, 7);

        ck_assert_msg(big.peak <= small.peak + small.peak / 50,
                      "%s: peak %zu bytes for 40000 junk segments, %zu for 4000", junks[k],
                      big.peak, small.peak);
        ck_assert_uint_eq(big.records, 1);
        ck_assert_uint_eq(big.listed + big.dropped, big.seen);
        ck_assert_uint_eq(big.listed, X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS);
        ck_assert_uint_ge(big.seen, 40000);
        ck_assert_uint_eq(pushed.seen, big.seen);
        ck_assert_uint_eq(pushed.listed, big.listed);
        ck_assert_uint_eq(pushed.dropped, big.dropped);
        ck_assert_uint_eq(pushed.rec_kept, big.rec_kept);
        ck_assert_uint_eq(pushed.rec_dropped, big.rec_dropped);
        if (k == 1) {
            /* MSG (in no 837 guide) is the claim's own not-kept warning:
             * its list is bounded too, its not-kept count is whole. */
            ck_assert_uint_eq(big.not_kept, 40001);
            ck_assert_uint_eq(big.rec_kept, X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS);
            ck_assert_uint_eq(big.rec_dropped, 40001 - X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS);
        }
    }
    ck_assert_int_eq(x12_claim_stream_set_max_errors(NULL, 5), X12_EINVAL);
    ck_assert_uint_eq(x12_claim_stream_errors_dropped(NULL), 0);
    ck_assert_uint_eq(x12_claim_stream_claim_errors_dropped(NULL), 0);
}
END_TEST

/* An allocator failing at every call in turn: X12_ENOMEM (or a full read
 * when the failure comes after the last allocation), never a leak. */
START_TEST(test_out_of_memory)
{
    size_t len;
    char *data = slurp(data_path("claim837-secondary-claim.837"), &len);
    long n;
    int full = 0;

    ck_assert_ptr_nonnull(data);
    for (n = 1; !full && n < 100000; n++) {
        memcount c;
        x12_allocator a = memcounting(&c);
        x12_claim_stream *s;
        x12_status st;
        x12_batch *b = NULL;

        c.fail_at = n;
        st = x12_claim_stream_new(&a, NULL, &s);
        if (st == X12_OK) {
            st = x12_reader_open_buffer(x12_claim_stream_reader(s), data, len);
            while (st == X12_OK && (st = x12_claim_stream_next(s)) == X12_OK) {
                if (b == NULL && (st = x12_batch_new(&a, X12_CLAIM_837P, &b)) != X12_OK)
                    break;
                if ((st = x12_claim_stream_copy_claim(s, b, NULL)) != X12_OK)
                    break;
            }
            if (st == X12_END)
                full = 1;
            else
                ck_assert_msg(st == X12_ENOMEM, "fail at %ld: %d", n, st);
            if (st == X12_ENOMEM && x12_claim_stream_last_error(s) != NULL)
                ck_assert_int_eq(x12_claim_stream_next(s), X12_ENOMEM);
            x12_claim_stream_free(s);
        } else {
            ck_assert_int_eq(st, X12_ENOMEM);
        }
        x12_batch_free(b);
        ck_assert_msg(c.allocs == c.frees, "fail at %ld: %zu allocs, %zu frees", n, c.allocs,
                      c.frees);
    }
    ck_assert(full);
    free(data);
}
END_TEST

/* ---- the model's new functions on their own ------------------------------------------- */

START_TEST(test_model_getters)
{
    x12_batch *b;
    x12_subscriber *s;
    x12_claim *c;
    x12_service_line *l;
    x12_str r, q;
    int64_t cents;

    /* NULL and out-of-range arguments */
    ck_assert_ptr_null(x12_batch_first_provider(NULL));
    ck_assert_ptr_null(x12_claim_first_line(NULL));
    ck_assert_ptr_null(x12_line_next(NULL));
    ck_assert_uint_eq(x12_line_pointer_count(NULL), 0);
    ck_assert_uint_eq(x12_line_modifier(NULL, 0).len, 0);
    ck_assert_ptr_nonnull(x12_line_modifier(NULL, 0).ptr);
    ck_assert_uint_eq(x12_other_payer_adjustment(NULL, 0, &r, &cents, &q).len, 0);
    ck_assert_int_eq(x12_batch_copy_header(NULL, NULL), X12_EINVAL);

    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b));
    s = subscriber(provider(b, "1234567893"), "M1", "P1");
    OK(x12_subscriber_add_claim(s, &c));
    simple_claim(c, "PCN", 100);
    l = x12_claim_first_line(c);
    ck_assert_uint_eq(x12_line_pointer(l, 0), 1);
    ck_assert_uint_eq(x12_line_pointer(l, 1), 0);
    /* a provider asked for but never given a name or id is not written,
     * and not found */
    ck_assert_ptr_nonnull(x12_claim_provider(c, X12_ROLE_REFERRING));
    ck_assert_ptr_null(x12_claim_find_provider(c, X12_ROLE_REFERRING));
    ck_assert_ptr_null(x12_claim_find_provider(c, (x12_claim_role)99));
    ck_assert_ptr_null(x12_line_find_provider(l, X12_ROLE_ATTENDING));
    ck_assert_uint_eq(x12_claim_code(c, 0, NULL, NULL, NULL, NULL).len, 0);
    ck_assert_int_eq(x12_claim_diagnosis_poa(c, 5), 0);
    x12_batch_free(b);
}
END_TEST

static Suite *claimread_suite(void)
{
    Suite *s = suite_create("claimread");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_goldens, 0, (int)NGOLDEN);
    tcase_add_loop_test(tc, test_examples, 0, (int)NGOLDEN);
    tcase_add_loop_test(tc, test_goldens_pushed, 0, (int)NGOLDEN);
    tcase_add_test(tc, test_tree);
    tcase_add_test(tc, test_837i_fields);
    tcase_add_test(tc, test_secondary);
    tcase_add_test(tc, test_50_lines_12_dx);
    tcase_add_test(tc, test_every_way_in);
    tcase_add_test(tc, test_not_kept);
    tcase_add_test(tc, test_837i_other_payer_sbr05);
    tcase_add_test(tc, test_malformed_id_reported_once);
    tcase_add_test(tc, test_qualifier_changes);
    tcase_add_test(tc, test_broken_tree);
    tcase_add_test(tc, test_hl_nothing_above);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_many_elements);
    tcase_add_test(tc, test_long_cas_values);
    tcase_add_test(tc, test_other_sets);
    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_corrected_claim);
    tcase_add_test(tc, test_flat_memory);
    tcase_add_test(tc, test_junk_diagnostics_bounded);
    tcase_add_test(tc, test_out_of_memory);
    tcase_add_test(tc, test_model_getters);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(claimread_suite)
