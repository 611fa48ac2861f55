/*
 * claim837: 837P / 837I claims built from coded encounters.
 *
 * What the suite proves:
 *  - golden files: each example scenario builds byte for byte into
 *    tests/data/claim837-*.837 (see the comment above test_goldens for what
 *    each covers); the C API and the XML reader give the same bytes;
 *  - every built file reads back with x12_reader with 0 errors and 0
 *    warnings, its HL tree is well formed (ids 1.. per set, parents of the
 *    right level, HL04 = 1 exactly when a child follows);
 *  - each pre-submission edit has a failing case with its exact path, rule
 *    and message, and a batch with several problems lists all of them;
 *  - output is deterministic; 10,000 claims build with correct HL numbering,
 *    SE01 counts and set splitting;
 *  - an allocator that fails after N allocations never crashes or leaks.
 */
#include <stdint.h>
#include <unistd.h>

#include "claim837_util.h"

/* The C API builds the shipped sample, and the XML reader builds the same
 * bytes from examples/encounters/office-visit.xml. */
START_TEST(test_office_visit_api)
{
    fx f = ov();
    tbuf out = {0}, again = {0};
    readback rb;

    ck_assert_int_eq(x12_batch_check(f.b), X12_OK);
    ck_assert_uint_eq(x12_batch_edit_count(f.b), 0);
    ck_assert_int_eq(build(f.b, &out), X12_OK);
    assert_golden(&out, "claim837-office-visit.837");
    rb = read_back(out.p, out.len);
    ck_assert_uint_eq(rb.sets, 1);
    ck_assert_uint_eq(rb.claims, 1);
    ck_assert_uint_eq(rb.hls, 2);
    /* deterministic: writing again gives the same bytes */
    ck_assert_int_eq(build(f.b, &again), X12_OK);
    ck_assert_uint_eq(out.len, again.len);
    ck_assert_mem_eq(out.p, again.p, out.len);
    /* the dot of an ICD-10 code is gone from the model, too */
    ck_assert_uint_eq(x12_claim_diagnosis_count(f.c), 2);
    ck_assert_uint_eq(x12_claim_diagnosis(f.c, 0, NULL).len, 5);
    ck_assert_mem_eq(x12_claim_diagnosis(f.c, 0, NULL).ptr, "J0300", 5);
    tbuf_free(&out);
    tbuf_free(&again);
    x12_batch_free(f.b);
}
END_TEST

/*
 * Goldens, each built from examples/encounters/NAME.xml and checked by
 * hand against the guides (../shared/x12/README.md):
 *  office-visit: 2000A HL*1**20*1, PRV*BI*PXC, NM1*85 XX NPI, N4 ZIP+4,
 *    REF*EI; 2000B HL*2*1*22*0 with SBR*P*18 (subscriber is the patient),
 *    DMG; CLM composite 11:B:1 and CLM06-09 Y A Y Y; DTP*431; one HI with
 *    ABK then ABF, no dots; SV1 HC:99213:25, pointers 1:2; DTP*472 D8
 *    from the claim's date; REF*6R; SE01 30.  Identical to the
 *    independently written examples/data/office-visit.837.
 *  multi-line-modifiers: set control number 0017; N3 with two lines; pay-to
 *    2010AB NM1*87*2 with the P.O. box; REF*G1 prior authorization; three
 *    ABF; 2310A NM1*DN, 2310B NM1*82 + PRV*PE*PXC, 2310C NM1*77 + N3/N4 in
 *    that order; modifiers RT and 26:RT; units 4; LIN**N4 + CTP****1*ML
 *    after REF*6R; a line date of its own; line 4's own rendering provider
 *    (2420A NM1*82 + PRV*PE*PXC) after its REF*6R.
 *  secondary-claim: 2000B SBR*S; 2320 SBR*P*18*GRP0042******MB, AMT*D 144
 *    (250 - 106 of line adjustments), OI***Y***Y, 2330A NM1*IL, 2330B NM1*PR
 *    without DTP*573 (the lines carry it); each line's 2430 after its
 *    DTP*472: SVD with the line's procedure and units, one CAS per group
 *    (PR 1 40 and 2 26 in one segment as triplets), DTP*573.
 *  patient-not-subscriber: HL*2*1*22*1 with SBR02 empty, HL*3*2*23*0, PAT*19,
 *    NM1*QC without id, N3/N4/DMG, the claim after the patient.
 *  inpatient-stay (837I, GS08/ST03 005010X223A2): CLM05 11:A:1, CLM06 empty;
 *    DTP*096*TM, DTP*434*RD8, DTP*435*DT date+hour, in that order, then CL1;
 *    REF*EA; HI ABK with POA in the 9th component, ABJ, ABF (2 in one HI),
 *    BBR with D8 date, BH, BE with the amount in the 5th component, BG;
 *    2310A NM1*71 + PRV*AT, 2310B NM1*72; SV2 revenue code, DA units, the
 *    non-covered amount in SV207, HC:44970 with DTP*472.
 */
START_TEST(test_goldens)
{
    static const char *const names[] = {"office-visit", "multi-line-modifiers",
                                        "secondary-claim", "patient-not-subscriber",
                                        "inpatient-stay"};
    static const unsigned hls[] = {2, 2, 2, 3, 2};
    size_t i;
    char xml[64], golden[64];

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        x12_batch *b;
        tbuf out = {0}, edits = {0};
        readback rb;
        snprintf(xml, sizeof xml, "%s.xml", names[i]);
        snprintf(golden, sizeof golden, "claim837-%s.837", names[i]);
        ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
        ck_assert_int_eq(x12_batch_load_xml_file(b, encounter_path(xml)), X12_OK);
        edits_text(b, &edits);
        ck_assert_msg(build(b, &out) == X12_OK, "%s: %s", names[i], edits.p);
        assert_golden(&out, golden);
        rb = read_back(out.p, out.len);
        ck_assert_uint_eq(rb.sets, 1);
        ck_assert_uint_eq(rb.claims, 1);
        ck_assert_uint_eq(rb.hls, hls[i]);
        ck_assert_int_eq(x12_batch_kind(b), i == 4 ? X12_CLAIM_837I : X12_CLAIM_837P);
        tbuf_free(&out);
        tbuf_free(&edits);
        x12_batch_free(b);
    }
}
END_TEST

/* ---- edits: one failing case each, exact path, rule and message -------------------- */

typedef struct ecase {
    const char *want; /* every edit, "path|rule|message\n" each */
} ecase;

/* Each case changes one thing in the valid office visit (mutate below). */
static const ecase ecases[] = {
    /* 0 */ {"provider[1].npi|npi-format|billing provider NPI must be 10 digits\n"},
    /* 1 */ {"provider[1].npi|npi-check-digit|billing provider NPI check digit is wrong (Luhn "
             "with the 80840 prefix)\n"},
    /* 2 */ {"provider[1].ein|ein-format|billing provider EIN must be 9 digits without a "
             "hyphen\n"},
    /* 3 */ {"provider[1].ssn|ssn-format|billing provider SSN must be 9 digits without "
             "hyphens\n"},
    /* 4 */ {"provider[1].ssn|tax-id-one|billing provider has both an EIN and an SSN; give "
             "one\n"},
    /* 5 */ {"provider[1].ein|required|billing provider tax id (REF*EI EIN or REF*SY SSN) is "
             "required\n"},
    /* 6 */ {"provider[1].zip|zip-plus4|billing provider ZIP code must have 9 digits (ZIP+4), "
             "without a hyphen\n"},
    /* 7 */ {"provider[1].subscriber[1].zip|zip-format|subscriber ZIP code must be 5 or 9 "
             "digits\n"},
    /* 8 */ {"provider[1].address1|po-box|billing provider address must be a street address, "
             "not a post office box (give a box as the pay-to address)\n"},
    /* 9 */ {"claim[1].diagnosis[3]|icd10cm-format|diagnosis 3 is not an ICD-10-CM code: a "
             "letter, a digit, a letter or digit, then up to 4 letters or digits (upper case; "
             "a dot only after the third)\n"},
    /* 10 */ {"claim[1].line[1].procedure|procedure-format|procedure code must be a CPT code "
              "(4 digits then a digit, F or T) or a HCPCS code (a letter A-V then 4 digits)\n"},
    /* 11 */ {"claim[1].line[1].modifier[2]|modifier-format|modifier 2 must be 2 upper-case "
              "letters or digits\n"},
    /* 12 */ {"claim[1].line[1].modifier|too-many|5 procedure modifiers; at most 4\n"},
    /* 13 */ {"claim[1].line[2].pointer[2]|pointer-missing|diagnosis pointer 3 names no "
              "diagnosis: the claim has 2\n"},
    /* 14 */ {"claim[1].line[2].pointer[2]|pointer-range|diagnosis pointer 13 is outside "
              "1-12\n"},
    /* 15 */ {"claim[1].line[1].pointer|too-many|5 diagnosis pointers; at most 4\n"},
    /* 16 */ {"claim[1].line[3].pointer|required|at least one diagnosis pointer is "
              "required\n"},
    /* 17 */ {"claim[1].total_charge|charge-total|CLM02 180.00 does not equal the sum of line "
              "charges 185.00\n"},
    /* 18 */ {"claim[1].onset_date|date-invalid|onset date is not a real calendar date in the "
              "form CCYYMMDD\n"},
    /* 19 */ {"claim[1].service_to|date-order|claim service end date is before its start "
              "date\n"},
    /* 20 */ {"claim[1].line[1].service_from|required|service date (DTP*472) is required: give "
              "it on the line or the claim\n"
              "claim[1].line[2].service_from|required|service date (DTP*472) is required: give "
              "it on the line or the claim\n"},
    /* 21 */ {"claim[1].pcn|required|patient control number (CLM01) is required\n"},
    /* 22 */ {"provider[1].subscriber[1].birth_date|required|subscriber birth date is "
              "required\n"},
    /* 23 */ {"provider[1].subscriber[1].name|characters|subscriber name contains a character "
              "outside the X12 character set at byte 3\n"},
    /* 24 */ {"provider[1].name|delimiter|billing provider name contains a delimiter character "
              "of this file at byte 6\n"},
    /* 25 */ {"claim[1].pcn|too-long|patient control number is 39 characters long; at most "
              "38\n"},
    /* 26 */ {"claim[1].payer_claim_number|frequency-reference|payer claim control number "
              "(REF*F8) is required to replace or void a claim (frequency 7 or 8)\n"},
    /* 27: the guide's codes, in its order */
    /* 27 */ {"provider[1].subscriber[1].responsibility|code-value|SBR01 payer responsibility "
              "is not one of A B C D E F G H P S T U\n"},
    /* 28 */ {"claim[1].other_payer[1].paid|cob-balance|claim charge 185.00 minus adjustments "
              "30.00 does not equal the other payer's paid amount 100.00\n"},
    /* 29 */ {"claim[1].other_payer[1].adjudication_date|required|adjudication date (DTP*573) "
              "is required when the other payer's payment or adjustments are given\n"},
    /* 30 */ {"claim[1].bill_type|not-used|bill type is not used on an 837P claim\n"},
    /* 31 */ {"claim[1].line[1].units|quantity-format|units must be a positive decimal number "
              "of at most 15 digits\n"},
    /* 32 */ {"claim[1].line[1].ndc|ndc-format|NDC must be 11 digits (5-4-2, without "
              "hyphens)\n"},
    /* 33 */ {"provider[1].taxonomy|taxonomy-format|billing provider taxonomy code must be 10 "
              "characters ending in X\n"},
    /* 34 */ {"provider[1].state|state-format|billing provider state must be a 2-letter "
              "upper-case code\n"},
    /* 35 */ {"batch.time|time-format|interchange time must be HHMM\n"},
    /* 36 */ {"claim[1].line[2].service_to|date-order|service end date is before its start "
              "date\n"},
    /* 37 */ {"claim[1].diagnosis|too-many|2 principal diagnoses; a claim has one\n"},
    /* 38 */ {"claim[1].line[1].pointer[3]|pointer-repeated|diagnosis pointer 1 is given "
              "twice\n"},
    /* 39 */ {"claim[PCN-2025-0001].total_charge|charge-total|CLM02 185.01 does not equal the "
              "sum of line charges 185.00\n"},
    /* 40 */ {"claim[1].rendering.npi|required|rendering provider identifier is required\n"},
    /* 41 */ {"claim[1].diagnosis[3]|not-used|admitting, reason-for-visit and external cause of "
              "injury diagnoses are not used on an 837P claim\n"},
    /* 42 */ {"submitter.phone|required|submitter phone number, fax number or email address "
              "is required\n"},
    /* 43 */ {"claim[1].accident_state|required|auto accident state (CLM11-4) is required with "
              "related cause AA\n"},
    /* 44 */ {"claim[1].line[3].charge|required|line charge is required\n"},
    /* cases 45-52 start from cob_lines(): both lines adjudicated by MCRB01 */
    /* 45 */ {"claim[1].line[1].adjudication[1].payer_id|payer-unknown|SVD01 must be the "
              "payer id (2330B NM109) of one of the claim's other payers\n"
              "claim[1].other_payer[1].paid|cob-balance|claim charge 185.00 minus adjustments "
              "15.00 does not equal the other payer's paid amount 145.00\n"},
    /* 46 */ {"claim[1].line[2].adjudication[1].paid|line-cob-balance|line charge 60.00 does "
              "not equal the paid amount 46.00 plus the line adjustments 15.00\n"},
    /* 47 */ {"claim[1].line[1].adjudication[1].date|required|line adjudication date "
              "(DTP*573) is required\n"},
    /* 48 */ {"claim[1].line[1].adjudication[1].date|date-invalid|line adjudication date is "
              "not a real calendar date in the form CCYYMMDD\n"},
    /* 49 */ {"claim[1].line[1].adjudication[1].adjustment[2].group|code-value|adjustment "
              "group is not one of CO CR OA PI PR\n"},
    /* 50 */ {"claim[1].line[2].adjudication[1].adjustment[2].reason|code-format|adjustment "
              "reason must be 1 to 5 upper-case letters or digits\n"},
    /* 51 */ {"claim[1].other_payer[1].paid|cob-balance|claim charge 185.00 minus adjustments "
              "40.00 does not equal the other payer's paid amount 185.00\n"},
    /* 52 */ {"claim[1].line[1].adjudication[2].paid|required|line paid amount (SVD02) is "
              "required\n"
              "claim[1].line[1].adjudication[2].revenue_code|not-used|a revenue code is not "
              "used on an 837P line\n"},
    /* 53 */ {"claim[1].line[2].rendering.npi|npi-check-digit|line rendering provider NPI "
              "check digit is wrong (Luhn with the 80840 prefix)\n"
              "claim[1].line[2].rendering.first_name|required|line rendering provider first "
              "name is required\n"},
    /* 54 */ {"claim[1].supervising.entity|person-only|the supervising provider must be a "
              "person (NM102 1)\n"},
    /* 55: a state code the validator would reject (N402, States and Provinces) */
    /* 55 */ {"provider[1].state|state-code|billing provider state is not a US state, "
              "territory or military code, or a Canadian province\n"},
    /* 56 */ {"claim[1].accident_state|state-code|auto accident state (CLM11-4) is not a US "
              "state, territory or military code, or a Canadian province\n"},
};

typedef struct cob {
    x12_other_payer *op;
    x12_line_adjudication *a1, *a2;
} cob;

/* The office visit as a secondary claim adjudicated line by line:
 * line 1 125.00 = 100.00 paid + CO-45 25.00, line 2 60.00 = 45.00 paid +
 * PR-2 15.00; the claim 185.00 - 40.00 = 145.00 paid. */
static cob cob_lines(fx *f)
{
    cob k;

    ck_assert_int_eq(x12_claim_add_other_payer(f->c, &k.op), X12_OK);
    x12_other_payer_set(k.op, X12_OP_RESPONSIBILITY, "P", S);
    x12_other_payer_set(k.op, X12_OP_RELATIONSHIP, "18", S);
    x12_other_payer_set(k.op, X12_OP_FILING_INDICATOR, "MB", S);
    x12_other_payer_set_amount(k.op, X12_OPAMT_PAID, 14500);
    x12_party_set(x12_other_payer_subscriber(k.op), X12_PARTY_NAME, "DOE", S);
    x12_party_set(x12_other_payer_subscriber(k.op), X12_PARTY_ID, "1EG4TE5MK73", S);
    x12_party_set(x12_other_payer_payer(k.op), X12_PARTY_NAME, "MEDICARE PART B", S);
    x12_party_set(x12_other_payer_payer(k.op), X12_PARTY_ID, "MCRB01", S);
    ck_assert_int_eq(x12_line_add_adjudication(f->l1, &k.a1), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_set(k.a1, X12_LA_PAYER_ID, "MCRB01", S), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_set_amount(k.a1, X12_LAAMT_PAID, 10000), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_set(k.a1, X12_LA_DATE, "20251201", S), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_add_adjustment(k.a1, "CO", "45", 2500, NULL), X12_OK);
    ck_assert_int_eq(x12_line_add_adjudication(f->l2, &k.a2), X12_OK);
    x12_line_adjudication_set(k.a2, X12_LA_PAYER_ID, "MCRB01", S);
    x12_line_adjudication_set_amount(k.a2, X12_LAAMT_PAID, 4500);
    x12_line_adjudication_set(k.a2, X12_LA_DATE, "20251201", S);
    x12_line_adjudication_add_adjustment(k.a2, "PR", "2", 1500, NULL);
    return k;
}

static void other_payer(fx *f, int64_t paid, int64_t co45, const char *date)
{
    x12_other_payer *op;

    ck_assert_int_eq(x12_claim_add_other_payer(f->c, &op), X12_OK);
    x12_other_payer_set(op, X12_OP_RESPONSIBILITY, "P", S);
    x12_other_payer_set(op, X12_OP_RELATIONSHIP, "18", S);
    x12_other_payer_set(op, X12_OP_FILING_INDICATOR, "MB", S);
    if (date != NULL)
        x12_other_payer_set(op, X12_OP_ADJUDICATION_DATE, date, S);
    x12_other_payer_set_amount(op, X12_OPAMT_PAID, paid);
    x12_other_payer_add_adjustment(op, "CO", "45", co45, NULL);
    x12_party_set(x12_other_payer_subscriber(op), X12_PARTY_NAME, "DOE", S);
    x12_party_set(x12_other_payer_subscriber(op), X12_PARTY_ID, "1EG4TE5MK73", S);
    x12_party_set(x12_other_payer_payer(op), X12_PARTY_NAME, "MEDICARE PART B", S);
    x12_party_set(x12_other_payer_payer(op), X12_PARTY_ID, "MCRB01", S);
}

static void mutate(int i, fx *f)
{
    x12_party *bpp = x12_billing_provider_party(f->bp);
    x12_party *sp = x12_subscriber_party(f->sub);
    x12_service_line *l;
    x12_party *r;

    switch (i) {
    case 0: x12_party_set(bpp, X12_PARTY_ID, "12345", S); break;
    case 1: x12_party_set(bpp, X12_PARTY_ID, "1234567890", S); break;
    case 2: x12_party_set(bpp, X12_PARTY_EIN, "37-1234567", S); break;
    case 3:
        x12_party_set(bpp, X12_PARTY_EIN, "", 0);
        x12_party_set(bpp, X12_PARTY_SSN, "123-45-6789", S);
        break;
    case 4: x12_party_set(bpp, X12_PARTY_SSN, "123456789", S); break;
    case 5: x12_party_set(bpp, X12_PARTY_EIN, NULL, 0); break;
    case 6: x12_party_set(bpp, X12_PARTY_ZIP, "62701", S); break;
    case 7: x12_party_set(sp, X12_PARTY_ZIP, "6270", S); break;
    case 8: x12_party_set(bpp, X12_PARTY_ADDRESS1, "P.O. Box 1200", S); break;
    case 9: x12_claim_add_diagnosis(f->c, X12_DX_OTHER, "1234", S, 0); break;
    case 10: x12_line_set(f->l1, X12_LINE_PROCEDURE, "9921", S); break;
    case 11: x12_line_add_modifier(f->l1, "2", S); break;
    case 12:
        x12_line_add_modifier(f->l1, "59", S);
        x12_line_add_modifier(f->l1, "RT", S);
        x12_line_add_modifier(f->l1, "LT", S);
        x12_line_add_modifier(f->l1, "76", S);
        break;
    case 13: x12_line_add_pointer(f->l2, 3); break;
    case 14: x12_line_add_pointer(f->l2, 13); break;
    case 15:
        x12_claim_add_diagnosis(f->c, X12_DX_OTHER, "E11.9", S, 0);
        x12_claim_add_diagnosis(f->c, X12_DX_OTHER, "I10", S, 0);
        x12_claim_add_diagnosis(f->c, X12_DX_OTHER, "Z00.00", S, 0);
        x12_line_add_pointer(f->l1, 3);
        x12_line_add_pointer(f->l1, 4);
        x12_line_add_pointer(f->l1, 5);
        break;
    case 16: /* a third line, free of charge, without a pointer */
        x12_claim_add_line(f->c, &l);
        x12_line_set(l, X12_LINE_PROCEDURE, "36415", S);
        x12_line_set_amount(l, X12_LINEAMT_CHARGE, 0);
        break;
    case 17: x12_claim_set_amount(f->c, X12_CLAIMAMT_TOTAL_CHARGE, 18000); break;
    case 18: x12_claim_set(f->c, X12_CLAIM_ONSET_DATE, "20250230", S); break;
    case 19: x12_claim_set(f->c, X12_CLAIM_SERVICE_TO, "20251101", S); break;
    case 20: x12_claim_set(f->c, X12_CLAIM_SERVICE_FROM, "", S); break;
    case 21: x12_claim_set(f->c, X12_CLAIM_PCN, "", S); break;
    case 22: x12_party_set(sp, X12_PARTY_BIRTH_DATE, "", S); break;
    case 23: x12_party_set(sp, X12_PARTY_NAME, "DO\xc3\x89", S); break;
    case 24: x12_party_set(bpp, X12_PARTY_NAME, "SMITH*JONES", S); break;
    case 25:
        x12_claim_set(f->c, X12_CLAIM_PCN, "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHI", S);
        break;
    case 26: x12_claim_set(f->c, X12_CLAIM_FREQUENCY, "7", S); break;
    case 27: x12_subscriber_set(f->sub, X12_SUB_RESPONSIBILITY, "Z", S); break;
    case 28: other_payer(f, 10000, 3000, "20251201"); break;
    case 29: other_payer(f, 15500, 3000, NULL); break;
    case 30: x12_claim_set(f->c, X12_CLAIM_BILL_TYPE, "111", S); break;
    case 31: x12_line_set(f->l1, X12_LINE_UNITS, "0", S); break;
    case 32:
        x12_line_set(f->l1, X12_LINE_NDC, "0003-0293-20", S);
        x12_line_set(f->l1, X12_LINE_NDC_QUANTITY, "1", S);
        x12_line_set(f->l1, X12_LINE_NDC_UNIT, "ML", S);
        break;
    case 33: x12_party_set(bpp, X12_PARTY_TAXONOMY, "207Q0000X", S); break;
    case 34: x12_party_set(bpp, X12_PARTY_STATE, "Il", S); break;
    case 35: x12_batch_set(f->b, X12_BATCH_TIME, "9:15", S); break;
    case 36:
        x12_line_set(f->l2, X12_LINE_SERVICE_FROM, "20251120", S);
        x12_line_set(f->l2, X12_LINE_SERVICE_TO, "20251119", S);
        break;
    case 37: x12_claim_add_diagnosis(f->c, X12_DX_PRINCIPAL, "J02.0", S, 0); break;
    case 38: x12_line_add_pointer(f->l1, 1); break;
    case 39:
        x12_batch_set_option(f->b, X12_BATCHOPT_PATH_WITH_PCN, 1);
        x12_claim_set_amount(f->c, X12_CLAIMAMT_TOTAL_CHARGE, 18501);
        break;
    case 40:
        r = x12_claim_provider(f->c, X12_ROLE_RENDERING);
        x12_party_set(r, X12_PARTY_NAME, "NGUYEN", S);
        x12_party_set(r, X12_PARTY_FIRST_NAME, "PETER", S);
        break;
    case 41: x12_claim_add_diagnosis(f->c, X12_DX_ADMITTING, "R10.31", S, 0); break;
    case 42:
        x12_party_set(x12_batch_submitter(f->b), X12_PARTY_PHONE, "", 0);
        x12_party_set(x12_batch_submitter(f->b), X12_PARTY_EMAIL, "", 0);
        break;
    case 43: x12_claim_set(f->c, X12_CLAIM_RELATED_CAUSES, "AA", S); break;
    case 44:
        x12_claim_add_line(f->c, &l);
        x12_line_set(l, X12_LINE_PROCEDURE, "36415", S);
        x12_line_add_pointer(l, 1);
        break;
    case 45: x12_line_adjudication_set(cob_lines(f).a1, X12_LA_PAYER_ID, "OTHER1", S); break;
    case 46: x12_line_adjudication_set_amount(cob_lines(f).a2, X12_LAAMT_PAID, 4600); break;
    case 47: x12_line_adjudication_set(cob_lines(f).a1, X12_LA_DATE, "", 0); break;
    case 48: x12_line_adjudication_set(cob_lines(f).a1, X12_LA_DATE, "20251131", S); break;
    case 49: x12_line_adjudication_add_adjustment(cob_lines(f).a1, "XX", "45", 0, NULL); break;
    case 50: x12_line_adjudication_add_adjustment(cob_lines(f).a2, "CO", "4-5", 0, NULL); break;
    case 51: x12_other_payer_set_amount(cob_lines(f).op, X12_OPAMT_PAID, 18500); break;
    case 52: { /* a second adjudication of line 1 without its paid amount */
        x12_line_adjudication *a;
        cob_lines(f);
        x12_line_add_adjudication(f->l1, &a);
        x12_line_adjudication_set(a, X12_LA_PAYER_ID, "MCRB01", S);
        x12_line_adjudication_set(a, X12_LA_DATE, "20251202", S);
        x12_line_adjudication_set(a, X12_LA_REVENUE_CODE, "0250", S);
        break;
    }
    case 54:
        r = x12_claim_provider(f->c, X12_ROLE_SUPERVISING);
        x12_party_set_entity(r, X12_ENTITY_ORGANIZATION);
        x12_party_set(r, X12_PARTY_NAME, "LAKESIDE GROUP", S);
        x12_party_set(r, X12_PARTY_ID, "1444000024", S);
        break;
    case 55: x12_party_set(bpp, X12_PARTY_STATE, "ZZ", S); break;
    case 56:
        x12_claim_set(f->c, X12_CLAIM_RELATED_CAUSES, "AA", S);
        x12_claim_set(f->c, X12_CLAIM_ACCIDENT_STATE, "XO", S);
        break;
    case 53:
        r = x12_line_provider(f->l2, X12_ROLE_RENDERING);
        x12_party_set(r, X12_PARTY_NAME, "OKAFOR", S);
        x12_party_set(r, X12_PARTY_ID, "1555000036", S);
        break;
    default: ck_abort_msg("no mutation %d", i);
    }
}

/* One change to a valid claim gives exactly one expected edit (two for
 * case 20: both lines lose their date), and nothing is written. */
START_TEST(test_edit)
{
    fx f = ov();
    tbuf got = {0}, out = {0};

    mutate(_i, &f);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT);
    edits_text(f.b, &got);
    ck_assert_msg(strcmp(got.p, ecases[_i].want) == 0, "case %d:\n got: %s want: %s", _i, got.p,
                  ecases[_i].want);
    /* each record also says where the value goes */
    ck_assert_int_eq(x12_error_status(x12_batch_edit_at(f.b, 0)), X12_EEDIT);
    ck_assert_int_eq(x12_error_severity(x12_batch_edit_at(f.b, 0)), X12_SEV_ERROR);
    ck_assert_uint_eq(x12_error_segment_number(x12_batch_edit_at(f.b, 0)), 0);
    ck_assert(x12_error_segment_id(x12_batch_edit_at(f.b, 0))[0] != '\0');
    ck_assert_int_eq(build(f.b, &out), X12_EEDIT);
    ck_assert_uint_eq(out.len, 0);
    tbuf_free(&got);
    x12_batch_free(f.b);
}
END_TEST

/* BHT06 31 (subrogation demand) is a code of both guides: the edits once
 * refused it. */
START_TEST(test_transaction_type_31)
{
    fx f = ov();
    tbuf out = {0};

    x12_batch_set(f.b, X12_BATCH_TRANSACTION_TYPE, "31", S);
    ck_assert_int_eq(build(f.b, &out), X12_OK);
    read_back(out.p, out.len);
    ck_assert_ptr_nonnull(strstr(out.p, "BHT*0019*00*BATCH0417*20251123*0915*31~"));
    tbuf_free(&out);
    x12_batch_free(f.b);
}
END_TEST

/* Segment, loop and element of an edit: CLM02 in 2300. */
START_TEST(test_edit_position)
{
    fx f = ov();
    const x12_error *e;
    char buf[256];

    x12_claim_set_amount(f.c, X12_CLAIMAMT_TOTAL_CHARGE, 18000);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT);
    e = x12_batch_edit_at(f.b, 0);
    ck_assert_str_eq(x12_error_segment_id(e), "CLM");
    ck_assert_str_eq(x12_error_loop_id(e), "2300");
    ck_assert_uint_eq(x12_error_element(e), 2);
    x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "0:CLM-02: CLM02 180.00 does not equal the sum of line charges 185.00");
    /* fixing it clears the list */
    x12_claim_set_amount(f.c, X12_CLAIMAMT_TOTAL_CHARGE, 18500);
    ck_assert_int_eq(x12_batch_check(f.b), X12_OK);
    ck_assert_uint_eq(x12_batch_edit_count(f.b), 0);
    ck_assert_ptr_null(x12_batch_edit_at(f.b, 0));
    ck_assert_str_eq(x12_batch_edit_path(f.b, 0), "");
    x12_batch_free(f.b);
}
END_TEST

/* Messages never quote identifying values: with every identifying field
 * made invalid, no edit message contains any of them. */
START_TEST(test_edit_messages_not_identifying)
{
    fx f = ov();
    tbuf got = {0};
    static const char *const secrets[] = {"SECRETPCN", "SECRETNAME", "SECRETID", "SECRETST"};
    size_t i;

    x12_claim_set(f.c, X12_CLAIM_PCN, "SECRETPCN\x01", S);
    x12_party_set(x12_subscriber_party(f.sub), X12_PARTY_NAME, "SECRETNAME~", S);
    x12_party_set(x12_subscriber_party(f.sub), X12_PARTY_ID, "SECRETID\xff", S);
    x12_party_set(x12_subscriber_party(f.sub), X12_PARTY_ADDRESS1, "SECRETST*", S);
    x12_party_set(x12_subscriber_party(f.sub), X12_PARTY_BIRTH_DATE, "19801301", S);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT);
    ck_assert_uint_eq(x12_batch_edit_count(f.b), 5);
    edits_text(f.b, &got);
    for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        ck_assert_ptr_null(strstr(got.p, secrets[i]));
    ck_assert_ptr_null(strstr(got.p, "1980"));
    tbuf_free(&got);
    x12_batch_free(f.b);
}
END_TEST

/* ---- 837I edits through XML text changes --------------------------------------------- */

static const struct xcase {
    const char *file, *from, *to, *want;
} xcases[] = {
    {"inpatient-stay.xml", "bill_type=\"111\"", "bill_type=\"11\"",
     "claim[1].bill_type|bill-type-format|bill type must be 3 digits (facility type, then "
     "frequency), e.g. 111\n"},
    {"inpatient-stay.xml", "patient_status=\"01\"", "",
     "claim[1].patient_status|required|patient status (CL103) is required\n"},
    {"inpatient-stay.xml", "revenue_code=\"0120\"", "revenue_code=\"120\"",
     "claim[1].line[1].revenue_code|revenue-code-format|revenue code must be 4 digits\n"},
    {"inpatient-stay.xml", "poa=\"Y\"", "poa=\"X\"",
     "claim[1].diagnosis[1].poa|code-value|present-on-admission indicator is not one of N U "
     "W Y\n"},
    /* 1 (exempt, in 4010) is not a code of the 005010X223A2 guide: the edits once took it
     * and the validator refused the file they let through */
    {"inpatient-stay.xml", "poa=\"Y\"", "poa=\"1\"",
     "claim[1].diagnosis[1].poa|code-value|present-on-admission indicator is not one of N U "
     "W Y\n"},
    /* the 837I guide marks 2320 SBR05 not used: the builder once wrote it there */
    {"inpatient-stay.xml", "<line revenue_code=\"0120\"",
     "<other_payer responsibility=\"P\" relationship=\"18\" filing_indicator=\"CI\""
     " insurance_type=\"12\"><subscriber name=\"ROE\" member_id=\"PRI123\"/>"
     "<payer name=\"FIRST PLAN\" payer_id=\"FP001\"/></other_payer>"
     "<line revenue_code=\"0120\"",
     "claim[1].other_payer[1].insurance_type|not-used|insurance type (SBR05) is not used on "
     "837I claims\n"},
    {"inpatient-stay.xml", "0DTJ4ZZ", "0DTJ4ZI",
     "claim[1].code[1]|icd10pcs-format|principal procedure is not an ICD-10-PCS code: 7 "
     "upper-case letters or digits, no I or O\n"},
    {"inpatient-stay.xml", "kind=\"admitting\"", "kind=\"other\"",
     "claim[1].diagnosis|required|admitting diagnosis (ABJ) is required on an inpatient "
     "claim\n"},
    {"inpatient-stay.xml", "service_to=\"20250114\"", "service_to=\"20250109\"",
     "claim[1].service_to|date-order|statement end date is before its start date\n"},
    {"inpatient-stay.xml", "noncovered=\"50.00\"", "noncovered=\"5000.00\"",
     "claim[1].line[2].noncovered|amount-range|non-covered charge must be between 0 and the "
     "line charge\n"},
    {"inpatient-stay.xml", "ein=\"362345678\"", "ssn=\"362345678\"",
     "provider[1].ssn|not-used|billing provider SSN is not used on 837I claims; give the EIN\n"},
    {"inpatient-stay.xml", "code=\"80\" amount=\"4\"", "code=\"8\" amount=\"4\"",
     "claim[1].code[3]|code-format|value code must be 2 upper-case letters or digits\n"},
    {"inpatient-stay.xml", "date=\"20250109\"", "date=\"20250132\"",
     "claim[1].code[2].date|date-invalid|occurrence date is not a real calendar date in the "
     "form CCYYMMDD\n"},
    {"inpatient-stay.xml", "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"DA\"",
     "<line revenue_code=\"0120\" charge=\"9600.00\" unit=\"MJ\"",
     "claim[1].line[1].unit|code-value|unit of measure is not one of DA UN\n"},
    {"office-visit.xml", "kind=\"principal\" ", "",
     "claim[1].diagnosis|required|principal diagnosis (ABK) is required\n"},
    {"office-visit.xml", "<encounters xmlns=\"urn:libx12:encounter:1\" kind=\"837P\">",
     "<encounters xmlns=\"urn:libx12:encounter:1\" kind=\"837I\">",
     "claim[1].place_of_service|not-used|place of service is not used on an 837I claim\n"
     "claim[1].onset_date|not-used|onset date is not used on an 837I claim\n"
     "claim[1].bill_type|required|bill type (CLM05) is required\n"
     "claim[1].patient_status|required|patient status (CL103) is required\n"
     "claim[1].line[1].revenue_code|required|revenue code (SV201) is required\n"
     "claim[1].line[1].pointer|not-used|diagnosis pointers are not used on an 837I line\n"
     "claim[1].line[2].revenue_code|required|revenue code (SV201) is required\n"
     "claim[1].line[2].pointer|not-used|diagnosis pointers are not used on an 837I line\n"},
};

START_TEST(test_edit_xml)
{
    const struct xcase *c = &xcases[_i];
    size_t len;
    char *orig = slurp_encounter(c->file, &len), *text = replace(orig, c->from, c->to);
    x12_batch *b;
    tbuf got = {0};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, text, strlen(text), c->file), X12_OK);
    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    edits_text(b, &got);
    ck_assert_msg(strcmp(got.p, c->want) == 0, "case %d:\n got: %s want: %s", _i, got.p, c->want);
    tbuf_free(&got);
    x12_batch_free(b);
    free(text);
    free(orig);
}
END_TEST

/* An empty batch: every required piece is listed in one pass. */
START_TEST(test_edit_empty_batch)
{
    x12_batch *b;
    tbuf got = {0};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    edits_text(b, &got);
    ck_assert_str_eq(got.p,
                     "batch.sender_id|required|interchange sender id (ISA06) is required\n"
                     "batch.receiver_id|required|interchange receiver id (ISA08) is required\n"
                     "batch.date|required|interchange date is required\n"
                     "batch.time|required|interchange time is required\n"
                     "batch.reference|required|batch reference (BHT03) is required\n"
                     "submitter.name|required|submitter name is required\n"
                     "submitter.id|required|submitter identifier is required\n"
                     "submitter.phone|required|submitter phone number, fax number or email "
                     "address is required\n"
                     "receiver.name|required|receiver name is required\n"
                     "receiver.id|required|receiver identifier is required\n"
                     "provider|required|the batch has no billing provider\n");
    tbuf_free(&got);
    x12_batch_free(b);
}
END_TEST

/* Empty levels: a provider without subscribers, a subscriber without
 * claims, a patient without claims, a claim without lines. */
START_TEST(test_edit_empty_levels)
{
    fx f = ov();
    x12_billing_provider *bp2;
    x12_subscriber *s2;
    x12_patient *pt;
    x12_claim *c2;
    tbuf got = {0};
    x12_party *p;

    /* a second provider, valid but with nobody under it */
    ck_assert_int_eq(x12_batch_add_provider(f.b, &bp2), X12_OK);
    p = x12_billing_provider_party(bp2);
    x12_party_set(p, X12_PARTY_NAME, "SECOND CLINIC", S);
    x12_party_set(p, X12_PARTY_ID, "1987654328", S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "1 OAK ROAD", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "627011111", S);
    x12_party_set(p, X12_PARTY_EIN, "371234568", S);
    /* a second subscriber of the first provider with a patient without
     * claims, and a claim of the first subscriber without lines */
    ck_assert_int_eq(x12_billing_provider_add_subscriber(f.bp, &s2), X12_OK);
    x12_subscriber_set(s2, X12_SUB_RESPONSIBILITY, "P", S);
    x12_subscriber_set(s2, X12_SUB_FILING_INDICATOR, "CI", S);
    p = x12_subscriber_party(s2);
    x12_party_set(p, X12_PARTY_NAME, "ROE", S);
    x12_party_set(p, X12_PARTY_FIRST_NAME, "RICHARD", S);
    x12_party_set(p, X12_PARTY_ID, "M2", S);
    x12_party_set(x12_subscriber_payer(s2), X12_PARTY_NAME, "PLAN", S);
    x12_party_set(x12_subscriber_payer(s2), X12_PARTY_ID, "P1", S);
    ck_assert_int_eq(x12_subscriber_add_patient(s2, &pt), X12_OK);
    x12_patient_set_relationship(pt, "19", S);
    p = x12_patient_party(pt);
    x12_party_set(p, X12_PARTY_NAME, "ROE", S);
    x12_party_set(p, X12_PARTY_FIRST_NAME, "AMY", S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "1 OAK ROAD", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "62701", S);
    x12_party_set(p, X12_PARTY_BIRTH_DATE, "20150101", S);
    x12_party_set(p, X12_PARTY_GENDER, "F", S);
    ck_assert_int_eq(x12_subscriber_add_claim(f.sub, &c2), X12_OK);
    x12_claim_set(c2, X12_CLAIM_PCN, "PCN2", S);
    x12_claim_set_amount(c2, X12_CLAIMAMT_TOTAL_CHARGE, 0);
    x12_claim_set(c2, X12_CLAIM_PLACE_OF_SERVICE, "11", S);
    x12_claim_add_diagnosis(c2, X12_DX_PRINCIPAL, "Z00.00", S, 0);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT);
    edits_text(f.b, &got);
    ck_assert_str_eq(got.p,
                     "claim[2].line|required|at least one service line is required\n"
                     "provider[1].subscriber[2].patient[1].claim|required|the patient has no "
                     "claims\n"
                     "provider[2].subscriber|required|the billing provider has no subscribers\n");
    ck_assert_uint_eq(x12_batch_claim_count(f.b), 2);
    tbuf_free(&got);
    x12_batch_free(f.b);
}
END_TEST

/* ---- XML problems ------------------------------------------------------------- */

/* Not well-formed, not the schema, unreadable, a non-empty batch. */
START_TEST(test_xml_errors)
{
    size_t len;
    char *orig = slurp_encounter("office-visit.xml", &len), *bad;
    x12_batch *b;
    tbuf got = {0};

    /* an unclosed element: libxml2 reports it where the document ends, after
     * the newline that ends line 30 */
    bad = replace(orig, "</encounters>", "");
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, bad, strlen(bad), "ov.xml"), X12_ESYNTAX);
    edits_text(b, &got);
    ck_assert_str_eq(got.p, "ov.xml:31|xml-syntax|premature end of the document: 1 element "
                            "is not closed\n");
    ck_assert_uint_eq(x12_batch_claim_count(b), 0);
    x12_batch_free(b);
    free(bad);
    got.len = 0;

    /* an element the schema does not know, an attribute it does not allow,
     * an amount it does not accept: all three, with their lines; the bad
     * amount's text is not quoted */
    {
        char *t1 = replace(orig, "<line procedure=\"87880\"", "<lime procedure=\"87880\"");
        char *t2 = replace(t1, "<payer ", "<payer colour=\"red\" ");
        char *t3 = replace(t2, "charge=\"125.00\"", "charge=\"12.5.0\"");
        ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
        ck_assert_int_eq(x12_batch_load_xml_memory(b, t3, strlen(t3), "ov.xml"), X12_ESYNTAX);
        edits_text(b, &got);
        ck_assert_str_eq(got.p,
                         "ov.xml:19|xml-schema|Element '{urn:libx12:encounter:1}payer', "
                         "attribute 'colour': The attribute 'colour' is not allowed.\n"
                         "ov.xml:25|xml-schema|Element '{urn:libx12:encounter:1}line', "
                         "attribute 'charge': [facet 'pattern'] The value (6 characters) is "
                         "not accepted by the pattern '-?[0-9]{1,15}([.][0-9]{1,2})?'.\n"
                         "ov.xml:26|xml-schema|Element '{urn:libx12:encounter:1}lime': This "
                         "element is not expected. Expected is ( "
                         "{urn:libx12:encounter:1}line ).\n");
        ck_assert_ptr_null(strstr(got.p, "12.5.0"));
        x12_batch_free(b);
        free(t1);
        free(t2);
        free(t3);
    }

    /* unreadable file; loading into a batch that holds claims */
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_file(b, "/nonexistent/encounters.xml"), X12_EIO);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, orig, len, NULL), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, orig, len, NULL), X12_ESTATE);
    x12_batch_free(b);
    tbuf_free(&got);
    free(orig);
}
END_TEST

/* ---- the HL tree, several sets, 10,000 claims ------------------------------------------ */

static x12_billing_provider *add_provider(x12_batch *b, const char *npi)
{
    x12_billing_provider *bp;
    x12_party *p;

    ck_assert_int_eq(x12_batch_add_provider(b, &bp), X12_OK);
    p = x12_billing_provider_party(bp);
    x12_party_set(p, X12_PARTY_NAME, "CLINIC", S);
    x12_party_set(p, X12_PARTY_ID, npi, S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "1 MAIN STREET", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "627011234", S);
    x12_party_set(p, X12_PARTY_EIN, "371234567", S);
    return bp;
}

static void person(x12_party *p, const char *id)
{
    x12_party_set(p, X12_PARTY_NAME, "DOE", S);
    x12_party_set(p, X12_PARTY_FIRST_NAME, "SAM", S);
    if (id != NULL)
        x12_party_set(p, X12_PARTY_ID, id, S);
    x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S);
    x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
    x12_party_set(p, X12_PARTY_STATE, "IL", S);
    x12_party_set(p, X12_PARTY_ZIP, "62704", S);
    x12_party_set(p, X12_PARTY_BIRTH_DATE, "19900101", S);
    x12_party_set(p, X12_PARTY_GENDER, "U", S);
}

static x12_subscriber *add_subscriber(x12_billing_provider *bp)
{
    x12_subscriber *s;

    ck_assert_int_eq(x12_billing_provider_add_subscriber(bp, &s), X12_OK);
    x12_subscriber_set(s, X12_SUB_RESPONSIBILITY, "P", S);
    x12_subscriber_set(s, X12_SUB_FILING_INDICATOR, "CI", S);
    person(x12_subscriber_party(s), "M1");
    x12_party_set(x12_subscriber_payer(s), X12_PARTY_NAME, "PLAN", S);
    x12_party_set(x12_subscriber_payer(s), X12_PARTY_ID, "P1", S);
    return s;
}

static void fill_claim(x12_claim *c, unsigned n)
{
    x12_service_line *l;
    char pcn[32];

    snprintf(pcn, sizeof pcn, "C%u", n);
    x12_claim_set(c, X12_CLAIM_PCN, pcn, S);
    x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 5000);
    x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S);
    x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20250102", S);
    x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "Z00.00", S, 0);
    ck_assert_int_eq(x12_claim_add_line(c, &l), X12_OK);
    x12_line_set(l, X12_LINE_PROCEDURE, "99395", S);
    x12_line_set_amount(l, X12_LINEAMT_CHARGE, 5000);
    x12_line_add_pointer(l, 1);
}

static x12_batch *header_batch(void)
{
    x12_batch *b;

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    x12_batch_set(b, X12_BATCH_SENDER_ID, "S1", S);
    x12_batch_set(b, X12_BATCH_RECEIVER_ID, "R1", S);
    x12_batch_set(b, X12_BATCH_DATE, "20250103", S);
    x12_batch_set(b, X12_BATCH_TIME, "0700", S);
    x12_batch_set(b, X12_BATCH_REFERENCE, "REF1", S);
    x12_party_set(x12_batch_submitter(b), X12_PARTY_NAME, "SUB", S);
    x12_party_set(x12_batch_submitter(b), X12_PARTY_ID, "S1", S);
    x12_party_set(x12_batch_submitter(b), X12_PARTY_EMAIL, "edi@example.invalid", S);
    x12_party_set(x12_batch_receiver(b), X12_PARTY_NAME, "RCV", S);
    x12_party_set(x12_batch_receiver(b), X12_PARTY_ID, "R1", S);
    return b;
}

/* HL, SBR02, PAT and CLM01 of each set, one per line. */
static void hl_signature(const char *data, size_t len, tbuf *sig)
{
    x12_reader *r;
    const x12_segment *seg;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK) {
        x12_str id = x12_segment_id(seg), raw = x12_segment_raw(seg);
        if ((id.len == 2 && (memcmp(id.ptr, "HL", 2) == 0 || memcmp(id.ptr, "ST", 2) == 0 ||
                             memcmp(id.ptr, "SE", 2) == 0)) ||
            (id.len == 3 && (memcmp(id.ptr, "SBR", 3) == 0 || memcmp(id.ptr, "PAT", 3) == 0)) ||
            (id.len == 3 && memcmp(id.ptr, "CLM", 3) == 0)) {
            if (id.len == 3 && memcmp(id.ptr, "CLM", 3) == 0) {
                x12_str pcn = x12_segment_element(seg, 1);
                tbuf_str(sig, "CLM*");
                tbuf_add(sig, pcn.ptr, pcn.len);
            } else {
                tbuf_add(sig, raw.ptr, raw.len);
            }
            tbuf_str(sig, "\n");
        }
    }
    x12_reader_free(r);
}

/* Two providers; the first has a subscriber with two claims of their own
 * and a patient with one, then a second subscriber; the second provider
 * one subscriber.  At most three claims per set: the second set starts the
 * HL tree again at 1 and repeats the levels above its first claim. */
START_TEST(test_hl_tree_and_set_split)
{
    x12_batch *b = header_batch();
    x12_billing_provider *bp1 = add_provider(b, "1234567893"), *bp2;
    x12_subscriber *sa = add_subscriber(bp1), *sb, *sc;
    x12_patient *pt;
    x12_claim *c;
    tbuf out = {0}, sig = {0};
    readback rb;

    ck_assert_int_eq(x12_subscriber_add_claim(sa, &c), X12_OK);
    fill_claim(c, 1);
    ck_assert_int_eq(x12_subscriber_add_patient(sa, &pt), X12_OK);
    x12_patient_set_relationship(pt, "19", S);
    person(x12_patient_party(pt), NULL);
    ck_assert_int_eq(x12_patient_add_claim(pt, &c), X12_OK);
    fill_claim(c, 3);
    /* added after the patient's, written before it: the subscriber's own
     * claims come first */
    ck_assert_int_eq(x12_subscriber_add_claim(sa, &c), X12_OK);
    fill_claim(c, 2);
    sb = add_subscriber(bp1);
    ck_assert_int_eq(x12_subscriber_add_claim(sb, &c), X12_OK);
    fill_claim(c, 4);
    bp2 = add_provider(b, "1987654328");
    sc = add_subscriber(bp2);
    ck_assert_int_eq(x12_subscriber_add_claim(sc, &c), X12_OK);
    fill_claim(c, 5);
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_MAX_CLAIMS_PER_SET, 3), X12_OK);
    ck_assert_int_eq(x12_batch_set_option(b, X12_BATCHOPT_ST02, 41), X12_OK);

    ck_assert_int_eq(build(b, &out), X12_OK);
    rb = read_back(out.p, out.len);
    ck_assert_uint_eq(rb.sets, 2);
    ck_assert_uint_eq(rb.claims, 5);
    hl_signature(out.p, out.len, &sig);
    ck_assert_str_eq(sig.p, "ST*837*0041*005010X222A1\n"
                            "HL*1**20*1\n"
                            "HL*2*1*22*0\n"
                            "SBR*P*18*******CI\n"
                            "CLM*C1\n"
                            "CLM*C2\n"
                            "HL*3*1*22*1\n"
                            "SBR*P********CI\n"
                            "HL*4*3*23*0\n"
                            "PAT*19\n"
                            "CLM*C3\n"
                            "SE*46*0041\n"
                            "ST*837*0042*005010X222A1\n"
                            "HL*1**20*1\n"
                            "HL*2*1*22*0\n"
                            "SBR*P*18*******CI\n"
                            "CLM*C4\n"
                            "HL*3**20*1\n"
                            "HL*4*3*22*0\n"
                            "SBR*P*18*******CI\n"
                            "CLM*C5\n"
                            "SE*40*0042\n");
    tbuf_free(&out);
    tbuf_free(&sig);
    x12_batch_free(b);
}
END_TEST

/* 10,000 claims: 4 providers x 50 subscribers x (25 own claims + a patient
 * with 25).  With the default 5,000 claims per set: 2 sets, each with 2
 * providers x (1 + 50 x 3) = 302 HL segments; the reader finds every SE01
 * right and the tree well formed. */
START_TEST(test_ten_thousand_claims)
{
    x12_batch *b = header_batch();
    tbuf out = {0};
    readback rb;
    unsigned p, s, k, n = 0;

    for (p = 0; p < 4; p++) {
        x12_billing_provider *bp = add_provider(b, "1234567893");
        for (s = 0; s < 50; s++) {
            x12_subscriber *sub = add_subscriber(bp);
            x12_patient *pt;
            x12_claim *c;
            ck_assert_int_eq(x12_subscriber_add_patient(sub, &pt), X12_OK);
            x12_patient_set_relationship(pt, "01", S);
            person(x12_patient_party(pt), NULL);
            for (k = 0; k < 25; k++) {
                ck_assert_int_eq(x12_subscriber_add_claim(sub, &c), X12_OK);
                fill_claim(c, ++n);
                ck_assert_int_eq(x12_patient_add_claim(pt, &c), X12_OK);
                fill_claim(c, ++n);
            }
        }
    }
    ck_assert_uint_eq(x12_batch_claim_count(b), 10000);
    ck_assert_uint_eq(x12_batch_get_option(b, X12_BATCHOPT_MAX_CLAIMS_PER_SET), 5000);
    ck_assert_int_eq(build(b, &out), X12_OK);
    rb = read_back(out.p, out.len);
    ck_assert_uint_eq(rb.sets, 2);
    ck_assert_uint_eq(rb.claims, 10000);
    ck_assert_uint_eq(rb.hls, 604);
    /* per claim CLM, DTP? no: CLM HI LX SV1 DTP = 5; per subscriber
     * (twice: own claims, patients) HL SBR NM1 N3 N4 DMG NM1 = 7 each,
     * per patient HL PAT NM1 N3 N4 DMG = 6; per provider HL NM1 N3 N4 REF
     * = 5; per set ST BHT NM1 PER NM1 SE = 6; ISA GS GE IEA = 4. */
    ck_assert_uint_eq(rb.segments, 10000 * 5 + 200 * (2 * 7 + 6) + 4 * 5 + 2 * 6 + 4);
    tbuf_free(&out);
    x12_batch_free(b);
}
END_TEST

/* ---- allocation failures ----------------------------------------------------------------- */

typedef struct failing {
    long left;    /* allocations allowed before failing; <0 = unlimited */
    long live;    /* blocks not freed */
} failing;

static void *f_malloc(size_t n, void *u)
{
    failing *f = u;
    void *p;

    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    p = malloc(n);
    if (p != NULL)
        f->live++;
    return p;
}

static void *f_realloc(void *p, size_t n, void *u)
{
    failing *f = u;
    void *q;

    if (p == NULL)
        return f_malloc(n, u);
    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    q = realloc(p, n);
    return q;
}

static void f_free(void *p, void *u)
{
    failing *f = u;

    if (p != NULL) {
        f->live--;
        free(p);
    }
}

/* The office visit built, checked, written and loaded from XML with an
 * allocator that fails after N allocations, for every N until all works:
 * each call returns X12_OK or X12_ENOMEM, nothing crashes, and every block
 * is freed. */
START_TEST(test_alloc_failures)
{
    long n;
    int done = 0;
    size_t xlen;
    char *xml = slurp_encounter("secondary-claim.xml", &xlen);

    for (n = 0; !done && n < 10000; n++) {
        failing fa = {n, 0};
        x12_allocator al = {sizeof al, f_malloc, f_realloc, f_free, &fa};
        x12_status st;
        fx f = office_visit(&al, &st);
        x12_batch *b = NULL;
        tbuf out = {0};

        ck_assert(st == X12_OK || st == X12_ENOMEM);
        if (st == X12_OK) {
            /* an edit so that the check has records to allocate */
            x12_party_set(x12_billing_provider_party(f.bp), X12_PARTY_ZIP, "62701", S);
            st = x12_batch_check(f.b);
            ck_assert(st == X12_EEDIT || st == X12_ENOMEM);
            if (st == X12_EEDIT) {
                x12_party_set(x12_billing_provider_party(f.bp), X12_PARTY_ZIP, "627011234", S);
                st = build(f.b, &out);
                ck_assert(st == X12_OK || st == X12_ENOMEM);
            }
        }
        if (st == X12_OK) {
            st = x12_batch_new(&al, X12_CLAIM_837P, &b);
            ck_assert(st == X12_OK || st == X12_ENOMEM);
            if (st == X12_OK) {
                st = x12_batch_load_xml_memory(b, xml, xlen, "secondary-claim.xml");
                ck_assert(st == X12_OK || st == X12_ENOMEM);
            }
            if (st == X12_OK) {
                st = x12_batch_check(b);
                ck_assert(st == X12_OK || st == X12_ENOMEM);
            }
            done = st == X12_OK;
        }
        x12_batch_free(b);
        x12_batch_free(f.b);
        tbuf_free(&out);
        ck_assert_int_eq(fa.live, 0);
    }
    ck_assert(done);
    ck_assert(n > 5); /* the loop really went through failures */
    free(xml);
}
END_TEST

/* ---- setters, small parsers ----------------------------------------------------------------- */

/* NULL handles, unknown fields and options, bad arguments: X12_EINVAL, and
 * values are never judged by setters. */
START_TEST(test_setters)
{
    fx f = ov();
    x12_batch *none = f.b;
    x12_claim *c;
    int64_t v;

    ck_assert_int_eq(x12_batch_new(NULL, (x12_claim_kind)3, &none), X12_EINVAL);
    ck_assert_ptr_null(none);
    ck_assert_int_eq(x12_batch_set(NULL, X12_BATCH_DATE, "x", S), X12_EINVAL);
    ck_assert_int_eq(x12_batch_set(f.b, (x12_batch_field)99, "x", S), X12_EINVAL);
    ck_assert_int_eq(x12_batch_set(f.b, X12_BATCH_DATE, NULL, 3), X12_EINVAL);
    ck_assert_int_eq(x12_claim_set(f.c, (x12_claim_field)0, "x", S), X12_EINVAL);
    ck_assert_int_eq(x12_claim_set(NULL, X12_CLAIM_PCN, "x", S), X12_EINVAL);
    ck_assert_int_eq(x12_subscriber_add_claim(NULL, &c), X12_EINVAL);
    ck_assert_int_eq(x12_claim_add_diagnosis(f.c, (x12_dx_kind)9, "A00", S, 0), X12_EINVAL);
    ck_assert_ptr_null(x12_claim_provider(f.c, (x12_claim_role)8));
    ck_assert_int_eq(x12_batch_set_option(f.b, X12_BATCHOPT_ISA13, 0), X12_EINVAL);
    ck_assert_int_eq(x12_batch_set_option(f.b, X12_BATCHOPT_ISA13, 1000000000u), X12_EINVAL);
    ck_assert_int_eq(x12_batch_set_option(f.b, X12_BATCHOPT_PRODUCTION, 2), X12_EINVAL);
    ck_assert_int_eq(x12_batch_set_delimiters(f.b, '*', '*', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_batch_set_delimiters(f.b, 'A', ':', '^', '~'), X12_EINVAL);
    ck_assert_int_eq(x12_party_set_entity(x12_batch_submitter(f.b), (x12_entity)3), X12_EINVAL);
    ck_assert_int_eq(x12_batch_write(f.b, NULL), X12_EINVAL);
    /* a value a setter takes whatever it is; the edits judge it */
    ck_assert_int_eq(x12_claim_set(f.c, X12_CLAIM_ONSET_DATE, "not a date", S), X12_OK);
    ck_assert_uint_eq(x12_claim_get(f.c, X12_CLAIM_ONSET_DATE).len, 10);
    ck_assert_int_eq(x12_claim_get_amount(f.c, X12_CLAIMAMT_TOTAL_CHARGE, &v), 1);
    ck_assert_int_eq(v, 18500);
    ck_assert_int_eq(x12_claim_get_amount(f.c, X12_CLAIMAMT_PATIENT_PAID, &v), 0);
    ck_assert_uint_eq(x12_claim_line_count(f.c), 2);
    ck_assert_int_eq(x12_party_entity(x12_subscriber_party(f.sub)), X12_ENTITY_PERSON);
    ck_assert_int_eq(x12_party_entity(x12_subscriber_payer(f.sub)), X12_ENTITY_ORGANIZATION);
    x12_batch_free(f.b);
    x12_batch_free(NULL);
}
END_TEST

/* Each object keeps its field values packed in one block that grows in
 * place or moves (lib/claim837_model.c).  Setting a field again replaces
 * it, "" clears it, a view handed out earlier keeps its bytes, values set
 * on two objects in turn (which moves their blocks again and again) and
 * long values (lengths of two and three bytes) read back whole, and the
 * edits and the written file see the latest values only. */
START_TEST(test_field_storage)
{
    fx f = ov();
    x12_party *a = x12_subscriber_party(f.sub), *pay = x12_subscriber_payer(f.sub);
    char saved[X12_PARTY_EMAIL + 1][64], name[64], pcn[64], proc[16], exp[32], big[20000];
    size_t saved_len[X12_PARTY_EMAIL + 1], i, k;
    tbuf ref = {0}, out = {0}, ed = {0};
    x12_str v, prev;

    ck_assert_int_eq(build(f.b, &ref), X12_OK);
    for (k = 1; k <= X12_PARTY_EMAIL; k++) {
        v = x12_party_get(a, (x12_party_field)k);
        ck_assert_uint_lt(v.len, sizeof saved[0]);
        memcpy(saved[k], v.ptr, v.len);
        saved_len[k] = v.len;
    }
    v = x12_party_get(a, X12_PARTY_NAME);
    memcpy(name, v.ptr, v.len);
    name[v.len] = '\0';
    v = x12_claim_get(f.c, X12_CLAIM_PCN);
    memcpy(pcn, v.ptr, v.len);
    pcn[v.len] = '\0';
    v = x12_line_get(f.l1, X12_LINE_PROCEDURE);
    memcpy(proc, v.ptr, v.len);
    proc[v.len] = '\0';

    /* two parties' fields set in turn: the earlier view keeps its bytes */
    for (i = 0; i < 100; i++) {
        snprintf(exp, sizeof exp, "SUITE %zu", i);
        prev = x12_party_get(a, X12_PARTY_ADDRESS2);
        ck_assert_int_eq(x12_party_set(a, X12_PARTY_ADDRESS2, exp, S), X12_OK);
        snprintf(exp, sizeof exp, "FLOOR %zu", i);
        ck_assert_int_eq(x12_party_set(pay, X12_PARTY_ADDRESS2, exp, S), X12_OK);
        if (i > 0) {
            snprintf(exp, sizeof exp, "SUITE %zu", i - 1);
            ck_assert_uint_eq(prev.len, strlen(exp));
            ck_assert_mem_eq(prev.ptr, exp, prev.len);
        }
    }
    v = x12_party_get(a, X12_PARTY_ADDRESS2);
    ck_assert_uint_eq(v.len, 8);
    ck_assert_mem_eq(v.ptr, "SUITE 99", 8);
    v = x12_party_get(pay, X12_PARTY_ADDRESS2);
    ck_assert_uint_eq(v.len, 8);
    ck_assert_mem_eq(v.ptr, "FLOOR 99", 8);
    for (k = 1; k <= X12_PARTY_EMAIL; k++) {
        if (k == X12_PARTY_ADDRESS2)
            continue;
        v = x12_party_get(a, (x12_party_field)k);
        ck_assert_uint_eq(v.len, saved_len[k]);
        ck_assert_mem_eq(v.ptr, saved[k], v.len);
    }

    /* long values: the edits see the whole length */
    memset(big, 'A', sizeof big);
    ck_assert_int_eq(x12_party_set(a, X12_PARTY_NAME, big, 200), X12_OK);
    ck_assert_uint_eq(x12_party_get(a, X12_PARTY_NAME).len, 200);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT);
    edits_text(f.b, &ed);
    ck_assert_ptr_nonnull(strstr((char *)ed.p, "|too-long|subscriber name is 200 characters long; at most 60"));
    ck_assert_int_eq(x12_party_set(a, X12_PARTY_NAME, big, sizeof big), X12_OK);
    v = x12_party_get(a, X12_PARTY_NAME);
    ck_assert_uint_eq(v.len, sizeof big);
    ck_assert_mem_eq(v.ptr, big, sizeof big);

    /* cleared and restored: the same file as before */
    ck_assert_int_eq(x12_party_set(a, X12_PARTY_ADDRESS2, "", 0), X12_OK);
    ck_assert_int_eq(x12_party_set(pay, X12_PARTY_ADDRESS2, NULL, 0), X12_OK);
    ck_assert_uint_eq(x12_party_get(a, X12_PARTY_ADDRESS2).len, 0);
    ck_assert_uint_eq(x12_party_get(pay, X12_PARTY_ADDRESS2).len, 0);
    ck_assert_int_eq(x12_party_set(a, X12_PARTY_NAME, name, S), X12_OK);
    ck_assert_int_eq(x12_claim_set(f.c, X12_CLAIM_PCN, "REPLACED1", S), X12_OK);
    ck_assert_int_eq(x12_line_set(f.l1, X12_LINE_PROCEDURE, "99999", S), X12_OK);
    ck_assert_int_eq(build(f.b, &out), X12_OK);
    ck_assert_ptr_nonnull(strstr((char *)out.p, "CLM*REPLACED1*"));
    ck_assert_ptr_nonnull(strstr((char *)out.p, "SV1*HC:99999:25*"));
    ck_assert_int_eq(x12_claim_set(f.c, X12_CLAIM_PCN, NULL, 0), X12_OK);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT); /* the PCN is required */
    tbuf_free(&out);
    memset(&out, 0, sizeof out);
    ck_assert_int_eq(x12_claim_set(f.c, X12_CLAIM_PCN, pcn, S), X12_OK);
    ck_assert_int_eq(x12_line_set(f.l1, X12_LINE_PROCEDURE, proc, S), X12_OK);
    ck_assert_int_eq(build(f.b, &out), X12_OK);
    ck_assert_uint_eq(out.len, ref.len);
    ck_assert_mem_eq(out.p, ref.p, ref.len);
    tbuf_free(&ref);
    tbuf_free(&out);
    tbuf_free(&ed);
    x12_batch_free(f.b);
}
END_TEST

/* Segments in a memory output written with '~' and no line break. */
static size_t count_segments(const char *p, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        k += p[i] == '~';
    return k;
}

/* Decimal text to cents, by hand, by the library's one rule for money
 * (x12_cents_parse): digits past the cents may be zeros.  Until that rule
 * was one, this parser refused "1.500" that the 835 parser read as 150,
 * and INT64_MIN cents; on any failure *cents is still left as it was. */
START_TEST(test_parse_cents)
{
    int64_t c = 0;

    ck_assert_int_eq(x12_parse_cents("125", S, &c), X12_OK);
    ck_assert_int_eq(c, 12500);
    ck_assert_int_eq(x12_parse_cents("125.5", S, &c), X12_OK);
    ck_assert_int_eq(c, 12550);
    ck_assert_int_eq(x12_parse_cents("-0.05", S, &c), X12_OK);
    ck_assert_int_eq(c, -5);
    ck_assert_int_eq(x12_parse_cents(".5", S, &c), X12_OK);
    ck_assert_int_eq(c, 50);
    ck_assert_int_eq(x12_parse_cents("1.234", S, &c), X12_EINVAL);
    ck_assert_int_eq(x12_parse_cents("1e3", S, &c), X12_EINVAL);
    ck_assert_int_eq(x12_parse_cents("", S, &c), X12_EINVAL);
    ck_assert_int_eq(x12_parse_cents("-", S, &c), X12_EINVAL);
    ck_assert_int_eq(x12_parse_cents("92233720368547758.07", S, &c), X12_OK);
    ck_assert_int_eq(c, INT64_MAX);
    ck_assert_int_eq(x12_parse_cents("92233720368547758.08", S, &c), X12_EINVAL);
    ck_assert_int_eq(c, INT64_MAX);
    ck_assert_int_eq(x12_parse_cents("1.500", S, &c), X12_OK);
    ck_assert_int_eq(c, 150);
    ck_assert_int_eq(x12_parse_cents("-92233720368547758.08", S, &c), X12_OK);
    ck_assert(c == INT64_MIN);
    ck_assert_int_eq(x12_parse_cents("1.505", S, &c), X12_EINVAL);
    ck_assert(c == INT64_MIN);
    ck_assert_int_eq(x12_parse_cents(NULL, 0, &c), X12_EINVAL);
}
END_TEST

/* NPI check digits (CMS's example 1234567893) and calendar dates
 * (leap years by the Gregorian rule), through the edits. */
START_TEST(test_npi_and_dates)
{
    static const struct {
        const char *npi;
        int ok;
    } npis[] = {{"1234567893", 1}, {"1987654328", 1}, {"1234567890", 0}, {"1987654321", 0}};
    static const struct {
        const char *date;
        int ok;
    } dates[] = {{"20240229", 1}, {"20000229", 1}, {"20230229", 0}, {"19000229", 0},
                 {"20251231", 1}, {"20250431", 0}, {"20251300", 0}, {"18991231", 0}};
    size_t i;

    for (i = 0; i < sizeof npis / sizeof npis[0]; i++) {
        fx f = ov();
        x12_party_set(x12_billing_provider_party(f.bp), X12_PARTY_ID, npis[i].npi, S);
        ck_assert_int_eq(x12_batch_check(f.b), npis[i].ok ? X12_OK : X12_EEDIT);
        x12_batch_free(f.b);
    }
    for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        fx f = ov();
        x12_claim_set(f.c, X12_CLAIM_ONSET_DATE, dates[i].date, S);
        ck_assert_msg(x12_batch_check(f.b) == (dates[i].ok ? X12_OK : X12_EEDIT), "%s",
                      dates[i].date);
        x12_batch_free(f.b);
    }
}
END_TEST

/* Other delimiters: the batch's are applied to the writer and refused in
 * data; a file written with | and > reads back clean. */
START_TEST(test_delimiters)
{
    fx f = ov();
    tbuf out = {0};
    tbuf got = {0};

    ck_assert_int_eq(x12_batch_set_delimiters(f.b, '|', '>', 0, '\n'), X12_OK);
    ck_assert_int_eq(build(f.b, &out), X12_OK);
    ck_assert_ptr_nonnull(strstr(out.p, "SV1|HC>99213>25|125|UN|1|||1>2\n"));
    ck_assert_ptr_nonnull(strstr(out.p, "|U|00501|000000417|1|T|>\n"));
    read_back(out.p, out.len);
    x12_party_set(x12_batch_receiver(f.b), X12_PARTY_NAME, "A|B", S);
    ck_assert_int_eq(x12_batch_check(f.b), X12_EEDIT);
    edits_text(f.b, &got);
    ck_assert_str_eq(got.p, "receiver.name|delimiter|receiver name contains a delimiter "
                            "character of this file at byte 2\n");
    tbuf_free(&out);
    tbuf_free(&got);
    x12_batch_free(f.b);
}
END_TEST

/* A delimiter the edits cannot see: with '.' as the component separator an
 * amount in cents ("185.5") holds it.  The writer refuses the segment with
 * a located error (CLM02, the first amount with cents), writes none of it
 * (the memory output still ends, NUL included, after the segment before)
 * and the batch write stops there. */
START_TEST(test_delimiter_in_amount)
{
    fx f = ov();
    x12_writer *w;
    const x12_error *e;
    const char *m;
    size_t n;

    ck_assert_int_eq(x12_batch_set_delimiters(f.b, '*', '.', '^', '~'), X12_OK);
    ck_assert_int_eq(x12_line_set_amount(f.l1, X12_LINEAMT_CHARGE, 12550), X12_OK);
    ck_assert_int_eq(x12_claim_set_amount(f.c, X12_CLAIMAMT_TOTAL_CHARGE, 18550), X12_OK);
    /* the one text value with a '.' (the edits would report it) */
    ck_assert_int_eq(x12_party_set(x12_batch_submitter(f.b), X12_PARTY_EMAIL, "", 0), X12_OK);
    ck_assert_int_eq(x12_batch_check(f.b), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_batch_write(f.b, w), X12_EDELIM);
    e = x12_writer_last_error(w);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(x12_error_rule(e), "delimiter-in-data");
    ck_assert_str_eq(x12_error_segment_id(e), "CLM");
    ck_assert_uint_eq(x12_error_element(e), 2);
    ck_assert_uint_eq(x12_error_segment_number(e), x12_writer_segment_count(w) + 1);
    m = x12_writer_memory(w, &n);
    ck_assert_uint_gt(n, 0);
    ck_assert_int_eq(m[n - 1], '~');
    ck_assert_int_eq(m[n], '\0');
    ck_assert_uint_eq(x12_writer_segment_count(w), (uint64_t)count_segments(m, n));
    ck_assert_ptr_null(strstr(m, "CLM"));
    x12_writer_free(w);
    x12_batch_free(f.b);
}
END_TEST

/* 2430 from the C API: SVD, CAS and DTP*573 after the line's REF*6R,
 * one loop per line, the procedure and its modifiers defaulting to the
 * line's or given as adjudicated, AMT*EAF last; the built file passes the
 * 837P guide (read_back).  Getters give back what was set. */
START_TEST(test_line_adjudication)
{
    fx f = ov();
    cob k = cob_lines(&f);
    tbuf out = {0};
    x12_line_adjudication *none = k.a1;
    const char *at1, *at2, *at3;
    int64_t v;

    ck_assert_int_eq(x12_line_adjudication_set(k.a2, X12_LA_PROCEDURE, "87880", S), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_add_modifier(k.a2, "QW", S), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_set(k.a2, X12_LA_UNITS, "2", S), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_set(k.a2, X12_LA_BUNDLED_LINE, "1", S), X12_OK);
    ck_assert_int_eq(x12_line_adjudication_set_amount(k.a2, X12_LAAMT_PATIENT_LIABILITY, 1500),
                     X12_OK);
    ck_assert_int_eq(x12_line_adjudication_add_adjustment(k.a1, "CO", "253", 0, "1"), X12_OK);
    ck_assert_int_eq(build(f.b, &out), X12_OK);
    read_back(out.p, out.len);
    at1 = strstr(out.p, "REF*6R*LINE0001~\nSVD*MCRB01*100*HC:99213:25**1~\n"
                        "CAS*CO*45*25**253*0*1~\nDTP*573*D8*20251201~\nLX*2~");
    ck_assert_msg(at1 != NULL, "%s", out.p);
    at2 = strstr(out.p, "REF*6R*LINE0002~\nSVD*MCRB01*45*HC:87880:QW**2*1~\nCAS*PR*2*15~\n"
                        "DTP*573*D8*20251201~\nAMT*EAF*15~\nSE*");
    ck_assert_msg(at2 != NULL, "%s", out.p);
    /* the claim-level date is not written when the lines carry it */
    at3 = strstr(out.p, "NM1*PR*2*MEDICARE PART B*****PI*MCRB01~\nLX*1~");
    ck_assert_msg(at3 != NULL, "%s", out.p);
    ck_assert_int_eq(x12_line_adjudication_get_amount(k.a1, X12_LAAMT_PAID, &v), 1);
    ck_assert_int_eq(v, 10000);
    ck_assert_int_eq(x12_line_adjudication_get_amount(k.a1, X12_LAAMT_PATIENT_LIABILITY, &v), 0);
    ck_assert_uint_eq(x12_line_adjudication_get(k.a2, X12_LA_PROCEDURE).len, 5);
    ck_assert_str_eq(x12_line_adjudication_get(k.a1, X12_LA_PAYER_ID).ptr, "MCRB01");
    ck_assert_uint_eq(x12_line_adjudication_get(k.a1, (x12_line_adjudication_field)7).len, 0);
    ck_assert_int_eq(x12_line_adjudication_set(k.a1, (x12_line_adjudication_field)0, "x", S),
                     X12_EINVAL);
    ck_assert_int_eq(x12_line_adjudication_set(NULL, X12_LA_DATE, "x", S), X12_EINVAL);
    ck_assert_int_eq(x12_line_adjudication_set_amount(k.a1, (x12_line_adjudication_amount)3, 1),
                     X12_EINVAL);
    ck_assert_int_eq(x12_line_adjudication_add_adjustment(NULL, "CO", "45", 1, NULL),
                     X12_EINVAL);
    ck_assert_int_eq(x12_line_adjudication_add_adjustment(k.a1, NULL, "45", 1, NULL),
                     X12_EINVAL);
    ck_assert_int_eq(x12_line_adjudication_add_modifier(NULL, "25", S), X12_EINVAL);
    ck_assert_int_eq(x12_line_add_adjudication(NULL, &none), X12_EINVAL);
    ck_assert_ptr_null(none);
    ck_assert_int_eq(x12_line_add_adjudication(f.l1, NULL), X12_EINVAL);
    /* a line has providers of its own in every role but attending */
    ck_assert_ptr_null(x12_line_provider(f.l1, X12_ROLE_ATTENDING));
    ck_assert_ptr_null(x12_line_provider(f.l1, (x12_claim_role)0));
    ck_assert_ptr_null(x12_line_provider(f.l1, (x12_claim_role)12));
    ck_assert_ptr_nonnull(x12_line_provider(f.l1, X12_ROLE_ORDERING));
    ck_assert_ptr_nonnull(x12_line_provider(f.l1, X12_ROLE_PURCHASED_SERVICE));
    ck_assert_ptr_null(x12_claim_provider(f.c, X12_ROLE_ORDERING));
    ck_assert_ptr_null(x12_claim_provider(f.c, X12_ROLE_PURCHASED_SERVICE));
    ck_assert_ptr_null(x12_line_provider(NULL, X12_ROLE_RENDERING));
    ck_assert_ptr_eq(x12_line_provider(f.l1, X12_ROLE_RENDERING),
                     x12_line_provider(f.l1, X12_ROLE_RENDERING));
    tbuf_free(&out);
    x12_batch_free(f.b);
}
END_TEST

/* 837I: the inpatient stay billed to a secondary payer, every line
 * adjudicated by the primary: SVD04 carries the revenue code (the line's,
 * or the one given), SVD03 only when the line has a procedure, and the
 * file passes the 837I guide. */
START_TEST(test_line_adjudication_837i)
{
    size_t len;
    char *orig = slurp_encounter("inpatient-stay.xml", &len), *t1, *t2, *t3, *t4;
    x12_batch *b;
    tbuf out = {0}, edits = {0};

    t1 = replace(orig, "<line revenue_code=\"0120\"",
                 "<other_payer responsibility=\"P\" relationship=\"18\" filing_indicator=\"CI\""
                 " paid=\"155.00\"><subscriber name=\"ROE\" member_id=\"PRI123\"/>"
                 "<payer name=\"FIRST PLAN\" payer_id=\"FP001\"/></other_payer>"
                 "<line revenue_code=\"0120\"");
    t2 = replace(t1, "unit=\"DA\" units=\"4\"/>",
                 "unit=\"DA\" units=\"4\"><adjudication payer_id=\"FP001\" paid=\"80.00\""
                 " date=\"20250201\" units=\"4\"><adjustment group=\"CO\" reason=\"45\""
                 " amount=\"9520.00\"/></adjudication></line>");
    t3 = replace(t2, "noncovered=\"50.00\"/>",
                 "noncovered=\"50.00\"><adjudication payer_id=\"FP001\" paid=\"25.00\""
                 " date=\"20250201\" revenue_code=\"0259\"><adjustment group=\"CO\""
                 " reason=\"45\" amount=\"1825.00\"/></adjudication></line>");
    /* the third line (7000.00) at the claim level only: PR-1 6950.00;
     * its surgeon is the line's rendering provider (2420C, no PRV) */
    free(t1);
    t1 = t3;
    t3 = replace(t1, "service_from=\"20250110\"/>",
                 "service_from=\"20250110\"><provider role=\"rendering\" name=\"HALE\""
                 " first_name=\"SAM\" npi=\"1555000037\" taxonomy=\"208600000X\"/></line>");
    free(t1);
    t1 = t3;
    t3 = NULL;

    t4 = replace(t1, "paid=\"155.00\">",
                 "paid=\"155.00\" adjudication_date=\"20250201\">");
    free(t3);
    t3 = replace(t4, "payer_id=\"FP001\"/></other_payer>",
                 "payer_id=\"FP001\"/><adjustment group=\"PR\" reason=\"1\""
                 " amount=\"6950.00\"/></other_payer>");
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, t3, strlen(t3), "cob-837i.xml"), X12_OK);
    ck_assert_int_eq(x12_batch_kind(b), X12_CLAIM_837I);
    edits_text(b, &edits);
    ck_assert_msg(build(b, &out) == X12_OK, "%s", edits.p);
    read_back(out.p, out.len);
    ck_assert_msg(strstr(out.p, "SVD*FP001*80**0120*4~\nCAS*CO*45*9520~\n"
                                "DTP*573*D8*20250201~\nLX*2~") != NULL, "%s", out.p);
    ck_assert_msg(strstr(out.p, "SVD*FP001*25**0259*1~\nCAS*CO*45*1825~\n") != NULL, "%s",
                  out.p);
    ck_assert_msg(strstr(out.p, "CAS*PR*1*6950~\nAMT*D*155~") != NULL, "%s", out.p);
    ck_assert_msg(strstr(out.p, "DTP*472*D8*20250110~\nNM1*82*1*HALE*SAM****XX*1555000037~\n"
                                "SE*") != NULL, "%s", out.p);
    tbuf_free(&out);
    tbuf_free(&edits);
    x12_batch_free(b);
    free(orig);
    free(t1);
    free(t2);
    free(t3);
    free(t4);
}
END_TEST

/* Builds an encounter XML text that passes its edits into *out, which
 * read_back checks (HL tree, strict validation with nothing reported). */
static void build_clean(const char *xml, const char *name, tbuf *out)
{
    x12_batch *b;
    tbuf edits = {0};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, xml, strlen(xml), name), X12_OK);
    edits_text(b, &edits);
    ck_assert_msg(build(b, out) == X12_OK, "%s", edits.p);
    read_back(out->p, out->len);
    tbuf_free(&edits);
    x12_batch_free(b);
}

/* The edits of an encounter XML text that fails them: nothing is written. */
static void edits_of(const char *xml, const char *name, tbuf *edits)
{
    x12_batch *b;
    tbuf out = {0};

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, xml, strlen(xml), name), X12_OK);
    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    edits_text(b, edits);
    ck_assert_int_eq(build(b, &out), X12_EEDIT);
    ck_assert_uint_eq(out.len, 0);
    tbuf_free(&out);
    x12_batch_free(b);
}

/* The supervising provider: 837P 2310D NM1*DQ after the service facility
 * (2310C) and before the lines, a person with or without an NPI; the
 * built claim validates with nothing reported.  An 837I has no such loop:
 * an edit says so and nothing is written. */
START_TEST(test_supervising_provider)
{
    size_t len;
    char *orig = slurp_encounter("multi-line-modifiers.xml", &len), *text, *noid, *inst;
    tbuf out = {0}, edits = {0};
    static const char sup[] = "<provider role=\"supervising\" name=\"OKONJO\" first_name=\"ADA\""
                              " npi=\"1444000024\"/><line procedure=\"99214\"";

    text = replace(orig, "<line procedure=\"99214\"", sup);
    build_clean(text, "sup.xml", &out);
    ck_assert_msg(strstr(out.p, "N4*WINNETKA*IL*600931234~\nNM1*DQ*1*OKONJO*ADA****XX*1444000024~\n"
                                "LX*1~") != NULL, "%s", out.p);
    tbuf_free(&out);

    /* without an NPI: NM1 ends at the name */
    noid = replace(text, " npi=\"1444000024\"/>", "/>");
    build_clean(noid, "sup.xml", &out);
    ck_assert_ptr_nonnull(strstr(out.p, "~\nNM1*DQ*1*OKONJO*ADA~\nLX*1~"));
    tbuf_free(&out);

    free(orig);
    orig = slurp_encounter("inpatient-stay.xml", &len);
    inst = replace(orig, "<line ", "<provider role=\"supervising\" name=\"OKONJO\" "
                                   "first_name=\"ADA\"/><line ");
    edits_of(inst, "sup-837i.xml", &edits);
    ck_assert_str_eq(edits.p, "claim[1].supervising|not-used|a supervising provider is not used "
                              "on an 837I claim\n");
    tbuf_free(&edits);
    free(orig);
    free(text);
    free(noid);
    free(inst);
}
END_TEST

/* A line's own providers: on the 837P rendering, service facility,
 * supervising, ordering (with its address) and referring, written after the
 * line's REF*6R in the guide's order 2420A, C, D, E, F; on the 837I
 * operating then referring (2420A, 2420D).  Both validate with nothing
 * reported.  Roles the kind has no line loop for, and an organization where
 * the guide wants a person, are edits naming the line. */
START_TEST(test_line_providers)
{
    size_t len;
    char *orig = slurp_encounter("multi-line-modifiers.xml", &len), *text, *bad, *inst, *ibad;
    tbuf out = {0}, edits = {0};
    static const char lp[] =
        "control_number=\"ORT58812-2\">"
        "<provider role=\"referring\" name=\"BECK\" first_name=\"LIV\" npi=\"1333000010\"/>"
        "<provider role=\"ordering\" name=\"RAO\" first_name=\"DEV\" npi=\"1444000024\""
        " address1=\"1 ELM ST\" city=\"EVANSTON\" state=\"IL\" zip=\"60201\"/>"
        "<provider role=\"supervising\" name=\"OKONJO\" first_name=\"ADA\"/>"
        "<provider role=\"service_facility\" name=\"NORTH ANNEX\" npi=\"1555000037\""
        " address1=\"2 OAK ST\" city=\"WILMETTE\" state=\"IL\" zip=\"60091\"/>"
        "<provider role=\"rendering\" name=\"NGUYEN\" first_name=\"PETER\""
        " npi=\"1444000024\" taxonomy=\"207XS0114X\"/></line>";

    text = replace(orig, "control_number=\"ORT58812-2\"/>", lp);
    build_clean(text, "lp.xml", &out);
    ck_assert_msg(strstr(out.p, "REF*6R*ORT58812-2~\n"
                                "NM1*82*1*NGUYEN*PETER****XX*1444000024~\nPRV*PE*PXC*207XS0114X~\n"
                                "NM1*77*2*NORTH ANNEX*****XX*1555000037~\nN3*2 OAK ST~\n"
                                "N4*WILMETTE*IL*60091~\n"
                                "NM1*DQ*1*OKONJO*ADA~\n"
                                "NM1*DK*1*RAO*DEV****XX*1444000024~\nN3*1 ELM ST~\n"
                                "N4*EVANSTON*IL*60201~\n"
                                "NM1*DN*1*BECK*LIV****XX*1333000010~\nLX*3~") != NULL,
                  "%s", out.p);
    tbuf_free(&out);

    /* an organization as the line's referring provider, a facility without
     * its city, and roles the 837P has no line loop for */
    bad = replace(text, "<provider role=\"referring\" name=\"BECK\" first_name=\"LIV\"",
                  "<provider role=\"operating\" name=\"HALE\" first_name=\"SAM\""
                  " npi=\"1555000037\"/><provider role=\"referring\" entity=\"organization\""
                  " name=\"BECK GROUP\"");
    free(text);
    text = replace(bad, " city=\"WILMETTE\"", "");
    edits_of(text, "lp.xml", &edits);
    ck_assert_str_eq(edits.p,
                     "claim[1].line[2].referring.entity|person-only|the line referring provider "
                     "must be a person (NM102 1)\n"
                     "claim[1].line[2].service_facility.city|required|line service_facility "
                     "provider city is required\n"
                     "claim[1].line[2].operating|not-used|an operating provider is not used on "
                     "an 837P line\n");
    tbuf_free(&edits);

    free(orig);
    orig = slurp_encounter("inpatient-stay.xml", &len);
    inst = replace(orig, "noncovered=\"50.00\"/>",
                   "noncovered=\"50.00\"><provider role=\"referring\" name=\"BECK\""
                   " first_name=\"LIV\"/><provider role=\"operating\" name=\"HALE\""
                   " first_name=\"SAM\" npi=\"1555000037\"/></line>");
    build_clean(inst, "lp-837i.xml", &out);
    ck_assert_msg(strstr(out.p, "NM1*72*1*HALE*SAM****XX*1555000037~\nNM1*DN*1*BECK*LIV~\n") !=
                      NULL,
                  "%s", out.p);
    tbuf_free(&out);
    ibad = replace(inst, "<provider role=\"referring\"", "<provider role=\"ordering\"");
    edits_of(ibad, "lp-837i.xml", &edits);
    ck_assert_msg(strstr(edits.p, "ordering|not-used|an ordering provider is not used on an "
                                  "837I line\n") != NULL, "%s", edits.p);
    tbuf_free(&edits);
    free(orig);
    free(text);
    free(bad);
    free(inst);
    free(ibad);
}
END_TEST

/* x12_claim_role_name: one name per role, "" outside the enum, and the
 * name the encounter XML takes for that role (the referring provider of
 * multi-line-modifiers.xml given each claim-level 837P role's name lands
 * in that role). */
START_TEST(test_role_names)
{
    static const x12_claim_role claim_roles[] = {X12_ROLE_RENDERING, X12_ROLE_SUPERVISING,
                                                 X12_ROLE_PRIMARY_CARE};
    size_t len, i;
    int r, k;
    char *orig = slurp_encounter("multi-line-modifiers.xml", &len);

    ck_assert_str_eq(x12_claim_role_name((x12_claim_role)0), "");
    ck_assert_str_eq(x12_claim_role_name((x12_claim_role)-1), "");
    ck_assert_str_eq(x12_claim_role_name((x12_claim_role)(X12_ROLE_PRIMARY_CARE + 1)), "");
    for (r = 1; r <= X12_ROLE_PRIMARY_CARE; r++) {
        ck_assert_msg(*x12_claim_role_name((x12_claim_role)r) != '\0', "role %d", r);
        for (k = 1; k < r; k++)
            ck_assert_str_ne(x12_claim_role_name((x12_claim_role)k),
                             x12_claim_role_name((x12_claim_role)r));
    }
    ck_assert_str_eq(x12_claim_role_name(X12_ROLE_PRIMARY_CARE), "primary_care");
    ck_assert_str_eq(x12_claim_role_name(X12_ROLE_AMBULANCE_PICKUP), "ambulance_pickup");
    for (i = 0; i < sizeof claim_roles / sizeof claim_roles[0]; i++) {
        char to[64];
        char *text;
        x12_batch *b;
        x12_claim *c;

        snprintf(to, sizeof to, "role=\"%s\" name=\"SMITH\"", x12_claim_role_name(claim_roles[i]));
        text = replace(orig, "role=\"referring\" name=\"SMITH\"", to);
        if (claim_roles[i] == X12_ROLE_RENDERING) { /* it has one: drop it */
            char *t2 = replace(text, "role=\"rendering\" name=\"NGUYEN\"",
                               "role=\"referring\" name=\"NGUYEN\"");
            free(text);
            text = t2;
        }
        ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
        ck_assert_int_eq(x12_batch_load_xml_memory(b, text, strlen(text), "m.xml"), X12_OK);
        c = x12_subscriber_first_claim(
            x12_billing_provider_first_subscriber(x12_batch_first_provider(b)));
        ck_assert_ptr_nonnull(c);
        ck_assert_ptr_nonnull(x12_claim_find_provider(c, claim_roles[i]));
        {
            x12_str nm = x12_party_get(x12_claim_find_provider(c, claim_roles[i]),
                                       X12_PARTY_NAME);
            ck_assert(nm.len == 5 && memcmp(nm.ptr, "SMITH", 5) == 0);
        }
        x12_batch_free(b);
        free(text);
    }
    free(orig);
}
END_TEST

static Suite *claim837_suite(void)
{
    Suite *s = suite_create("claim837");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_office_visit_api);
    tcase_add_test(tc, test_goldens);
    tcase_add_loop_test(tc, test_edit, 0, (int)(sizeof ecases / sizeof ecases[0]));
    tcase_add_test(tc, test_supervising_provider);
    tcase_add_test(tc, test_line_providers);
    tcase_add_test(tc, test_edit_position);
    tcase_add_test(tc, test_transaction_type_31);
    tcase_add_test(tc, test_edit_messages_not_identifying);
    tcase_add_loop_test(tc, test_edit_xml, 0, (int)(sizeof xcases / sizeof xcases[0]));
    tcase_add_test(tc, test_edit_empty_batch);
    tcase_add_test(tc, test_edit_empty_levels);
    tcase_add_test(tc, test_xml_errors);
    tcase_add_test(tc, test_hl_tree_and_set_split);
    tcase_add_test(tc, test_ten_thousand_claims);
    tcase_add_test(tc, test_alloc_failures);
    tcase_add_test(tc, test_setters);
    tcase_add_test(tc, test_line_adjudication);
    tcase_add_test(tc, test_line_adjudication_837i);
    tcase_add_test(tc, test_field_storage);
    tcase_add_test(tc, test_parse_cents);
    tcase_add_test(tc, test_npi_and_dates);
    tcase_add_test(tc, test_delimiters);
    tcase_add_test(tc, test_delimiter_in_amount);
    tcase_add_test(tc, test_role_names);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(claim837_suite)
