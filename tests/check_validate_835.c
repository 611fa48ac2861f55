/*
 * check_validate_835: the validator against the 835 (005010X221A1) guide.
 *
 * Hand-made defects of tests/data/validate-835-clean.x12 (method and
 * notation: validate_util.h).
 */
#include "validate_util.h"

/* The reassociation trace TRN (required) removed: reported at the DTM that
 * followed the gap (position 3), outside any loop. */
START_TEST(r835_missing_trn)
{
    EXPECT_R(1, "IK3 3 TRN@3", DELETE(5, 1));
}
END_TEST

/* BPR01 Z is no transaction handling code (IK4 7). */
START_TEST(r835_bpr_bad_handling)
{
    EXPECT_R(1, "IK4 7 BPR01@2",
             REPLACE(4, "BPR*Z*245.5*C*ACH*CCP*01*123000248*DA*4410092*1930000017**01*123000248*DA*88120455*20240405~"));
}
END_TEST

/* Payment date 31 April (IK4 8 on BPR16). */
START_TEST(r835_bpr_date_bad)
{
    EXPECT_R(1, "IK4 8 BPR16@2",
             REPLACE(4, "BPR*I*245.5*C*ACH*CCP*01*123000248*DA*4410092*1930000017**01*123000248*DA*88120455*20240431~"));
}
END_TEST

/* BPR16, the payment date, is required (IK4 1). */
START_TEST(r835_bpr_date_missing)
{
    EXPECT_R(1, "IK4 1 BPR16@2",
             REPLACE(4, "BPR*I*245.5*C*ACH*CCP*01*123000248*DA*4410092*1930000017**01*123000248*DA*88120455~"));
}
END_TEST

/* BPR03 X: credit or debit is C or D (IK4 7). */
START_TEST(r835_bpr_credit_flag)
{
    EXPECT_R(1, "IK4 7 BPR03@2",
             REPLACE(4, "BPR*I*245.5*X*ACH*CCP*01*123000248*DA*4410092*1930000017**01*123000248*DA*88120455*20240405~"));
}
END_TEST

/* A letter O in the payment amount: not a decimal number (IK4 6). */
START_TEST(r835_bpr_amount_letters)
{
    EXPECT_R(1, "IK4 6 BPR02@2",
             REPLACE(4, "BPR*I*245.5O*C*ACH*CCP*01*123000248*DA*4410092*1930000017**01*123000248*DA*88120455*20240405~"));
}
END_TEST

/* BPR04 WIR is no payment method of the guide (IK4 7). */
START_TEST(r835_bpr_method_bad)
{
    EXPECT_R(1, "IK4 7 BPR04@2",
             REPLACE(4, "BPR*I*245.5*C*WIR*CCP*01*123000248*DA*4410092*1930000017**01*123000248*DA*88120455*20240405~"));
}
END_TEST

/* An account type (BPR08 DA) without the account number BPR09: X12 pairing
 * rule P0809 (IK4 2). */
START_TEST(r835_bpr_account_unpaired)
{
    EXPECT_R(1, "IK4 2 BPR09@2",
             REPLACE(4, "BPR*I*245.5*C*ACH*CCP*01*123000248*DA**1930000017**01*123000248*DA*88120455*20240405~"));
}
END_TEST

/* TRN01 2 (a referenced transaction): the 835 trace is 1 (IK4 7). */
START_TEST(r835_trn_qualifier)
{
    EXPECT_R(1, "IK4 7 TRN01@3", REPLACE(5, "TRN*2*ACH240912345*1930000017~"));
}
END_TEST

/* No payer technical contact PER*BL, required in 1000A: reported when the
 * loop closes at the payee N1 (position 9). */
START_TEST(r835_missing_per_bl)
{
    EXPECT_R(1, "IK3 3 PER@9 1000A", DELETE(11, 1));
}
END_TEST

/* PER*CX after PER*BL: the guide lists the business contact first, but
 * the three PER of 1000A share one position of the standard, where X12
 * allows any order (clean); a second PER*CX is one too many (IK3 5, the
 * entry's maximum of 1 still holds); a REF after the PERs stands at an
 * earlier position (IK3 7). */
START_TEST(r835_per_any_order)
{
    EXPECT_R(1, "", REPLACE(10, "PER*BL*EDI SUPPORT*TE*8005550199*EM*EDI@EXAMPLE.COM~"),
             REPLACE(11, "PER*CX*CLAIMS*TE*8005550100~"));
    EXPECT_R(1, "IK3 5 PER@10 1000A", INSERT_BEFORE(12, "PER*CX*APPEALS*TE*8005550101~"));
    EXPECT_R(1, "IK3 7 REF@10 1000A", INSERT_BEFORE(12, "REF*2U*ACME01~"));
}
END_TEST

/* The payer's N4 removed (required): reported at the PER*CX that followed
 * the gap. */
START_TEST(r835_payer_missing_n4)
{
    EXPECT_R(1, "IK3 3 N4@7 1000A", DELETE(9, 1));
}
END_TEST

/* Payee id qualifier ZZ: the payee is named by XX (NPI), FI (TIN) or XV (IK4
 * 7 on N103). */
START_TEST(r835_payee_id_qualifier)
{
    EXPECT_R(1, "IK4 7 N103@10 1000B",
             REPLACE(12, "N1*PE*RIVERSIDE FAMILY PRACTICE*ZZ*1234567893~"));
}
END_TEST

/* The payee without an id: N103 and N104 are both required (IK4 1 each). */
START_TEST(r835_payee_missing_id)
{
    EXPECT_R(1, "IK4 1 N103@10 1000B; IK4 1 N104@10 1000B",
             REPLACE(12, "N1*PE*RIVERSIDE FAMILY PRACTICE~"));
}
END_TEST

/* A second payer loop 1000A (max 1): IK3 4 on its N1. */
START_TEST(r835_second_payer_loop)
{
    EXPECT_R(1, "IK3 4 N1@10 1000A",
             INSERT_BEFORE(12, "N1*PR*ACME HEALTH PLAN*XV*ACME01~\nN3*PO BOX 9100~\nN4*PORTLAND*OR*972089100~\nPER*BL*EDI SUPPORT*TE*8005550199~"));
}
END_TEST

/* Claim status 5 is no claim status code (IK4 7 on CLP02). */
START_TEST(r835_clp_status_bad)
{
    EXPECT_R(1, "IK4 7 CLP02@15 2100",
             REPLACE(17, "CLP*RFP-24-0107*5*225*150.5*35*12*ACH24091234501*11*1~"));
}
END_TEST

/* CLP06 claim filing indicator is required (IK4 1). */
START_TEST(r835_clp_filing_missing)
{
    EXPECT_R(1, "IK4 1 CLP06@15 2100",
             REPLACE(17, "CLP*RFP-24-0107*1*225*150.5*35**ACH24091234501*11*1~"));
}
END_TEST

/* CLP07, the payer's claim control number, is required (IK4 1). */
START_TEST(r835_clp_icn_missing)
{
    EXPECT_R(1, "IK4 1 CLP07@15 2100", REPLACE(17, "CLP*RFP-24-0107*1*225*150.5*35*12**11*1~"));
}
END_TEST

/* A patient control number of 39 characters: CLP01 has 38 at most (IK4 5). */
START_TEST(r835_clp01_too_long)
{
    EXPECT_R(1, "IK4 5 CLP01@15 2100",
             REPLACE(17, "CLP*RFP-24-0107-XXXXXXXXXXXXXXXXXXXXXXXXXXX*1*225*150.5*35*12*ACH24091234501*11*1~"));
}
END_TEST

/* The claim's patient NM1*QC (required) removed: reported at the DTM that
 * followed the gap. */
START_TEST(r835_missing_patient_name)
{
    EXPECT_R(1, "IK3 3 NM1@16 2100", DELETE(18, 1));
}
END_TEST

/* The patient is a person (NM102 1): IK4 7. */
START_TEST(r835_patient_org)
{
    EXPECT_R(1, "IK4 7 NM102@16 2100", REPLACE(18, "NM1*QC*2*MORROW*DANA*J***MI*W77120045~"));
}
END_TEST

/* Two claim received dates DTM*050 (max 1): IK3 5 on the second. */
START_TEST(r835_claim_dtm_twice)
{
    EXPECT_R(1, "IK3 5 DTM@18 2100", INSERT_BEFORE(20, "DTM*050*20240317~"));
}
END_TEST

/* CAS group CR (correction and reversal) left the 835 in 5010: CO, OA, PI,
 * PR only (IK4 7). */
START_TEST(r835_cas_group_cr)
{
    EXPECT_R(1, "IK4 7 CAS01@20 2110", REPLACE(22, "CAS*CR*45*24.5~"));
}
END_TEST

/* A second adjustment reason (CAS05) without its amount or quantity: X12
 * rule L050607 (IK4 2 on CAS06). */
START_TEST(r835_cas_triplet_incomplete)
{
    EXPECT_R(1, "IK4 2 CAS06@21 2110", REPLACE(23, "CAS*PR*2*25*1*3~"));
}
END_TEST

/* An adjustment reason without its amount CAS03 (IK4 1). */
START_TEST(r835_cas_amount_missing)
{
    EXPECT_R(1, "IK4 1 CAS03@21 2110", REPLACE(23, "CAS*PR*2~"));
}
END_TEST

/* SVC01-1 ZZ is no product/service qualifier (IK4 7 on the component). */
START_TEST(r835_svc_qualifier_bad)
{
    EXPECT_R(1, "IK4 7 SVC01-1@18 2110", REPLACE(20, "SVC*ZZ:99213:25*150*100.5**1~"));
}
END_TEST

/* SVC03, the line payment, is required (IK4 1). */
START_TEST(r835_svc_paid_missing)
{
    EXPECT_R(1, "IK4 1 SVC03@18 2110", REPLACE(20, "SVC*HC:99213:25*150~"));
}
END_TEST

/* Nine components in SVC01, which has eight (IK4 13 on the ninth; the
 * seventh and eighth, which the guide does not use, are left empty). */
START_TEST(r835_svc_too_many_components)
{
    EXPECT_R(1, "IK4 13 SVC01-9@18 2110",
             REPLACE(20, "SVC*HC:99213:25:26:59:76:::Y*150*100.5**1~"));
}
END_TEST

/* Service date 30 February (IK4 8 on DTM02). */
START_TEST(r835_service_date_bad)
{
    EXPECT_R(1, "IK4 8 DTM02@19 2110", REPLACE(21, "DTM*472*20240230~"));
}
END_TEST

/* DTM*999 on a line: service dates are 150, 151 or 472 (IK4 7). */
START_TEST(r835_service_dtm_qualifier)
{
    EXPECT_R(1, "IK4 7 DTM01@19 2110", REPLACE(21, "DTM*999*20240311~"));
}
END_TEST

/* The line's DTM after its CAS: the date comes first (IK3 7). */
START_TEST(r835_service_date_after_cas)
{
    EXPECT_R(1, "IK3 7 DTM@20 2110",
             REPLACE(21, "CAS*CO*45*24.5~"),
             REPLACE(22, "DTM*472*20240311~"));
}
END_TEST

/* Two line item control numbers REF*6R on one line (max 1): IK3 5. */
START_TEST(r835_ref_6r_twice)
{
    EXPECT_R(1, "IK3 5 REF@23 2110", INSERT_BEFORE(25, "REF*6R*RFP107L1B~"));
}
END_TEST

/* AMT*ZZ on a line: B6 allowed amount and the few others of the guide (IK4
 * 7). */
START_TEST(r835_amt_qualifier_bad)
{
    EXPECT_R(1, "IK4 7 AMT01@23 2110", REPLACE(25, "AMT*ZZ*125.5~"));
}
END_TEST

/* LQ*ZZ: remark codes are HE (RARC) or RX (IK4 7). */
START_TEST(r835_lq_bad_qualifier)
{
    EXPECT_R(1, "IK4 7 LQ01@24 2110", INSERT_BEFORE(26, "LQ*ZZ*N130~"));
}
END_TEST

/* Two provider summaries TS3 in one header loop (max 1): IK3 5. */
START_TEST(r835_ts3_twice)
{
    EXPECT_R(1, "IK3 5 TS3@16 2000",
             INSERT_BEFORE(17, "TS3*1234567893*11*20241231*3*380~\nTS3*1234567893*11*20241231*3*380~"));
}
END_TEST

/* A provider adjustment with fiscal period 31 December as month 13 (IK4 8 on
 * PLB02). */
START_TEST(r835_plb_bad_date)
{
    EXPECT_R(1, "IK4 8 PLB02@42", INSERT_BEFORE(44, "PLB*1234567893*20241331*WO:RFP2401*10~"));
}
END_TEST

/* A provider adjustment reason without its amount PLB04 (IK4 1). */
START_TEST(r835_plb_amount_missing)
{
    EXPECT_R(1, "IK4 1 PLB04@42", INSERT_BEFORE(44, "PLB*1234567893*20241231*WO:RFP2401~"));
}
END_TEST

/* PLB03-1 and the later reasons take the guide's provider adjustment
 * reasons (specs/codes/plb-reason.tsv, the list x12 remit describes):
 * "ZZ" is none (IK4 7, quoted, a code); in the third pair too (PLB07-1);
 * every reason of the list passes, L6 (interest) and WO (overpayment
 * recovery) among them. */
START_TEST(r835_plb_reason_list)
{
    EXPECT_R(1, "IK4 7 PLB03-1@42", INSERT_BEFORE(44, "PLB*1234567893*20241231*ZZ:RFP2401*10~"));
    EXPECT_R(1, "IK4 7 PLB07-1@42",
             INSERT_BEFORE(44, "PLB*1234567893*20241231*WO:RFP2401*10*L6*-2.5*XX*1~"));
    EXPECT_R(1, "",
             INSERT_BEFORE(44, "PLB*1234567893*20241231*WO:RFP2401*10*L6*-2.5*72:RFP2399*5*"
                               "FB:RFP2398*1*CS:ADJ*2*J1*3~"));
}
END_TEST

/* ST03 on an 835, where the guide does not use it: only a warning (IK4 I10),
 * never a rejection. */
START_TEST(r835_st03_warning)
{
    EXPECT_R(1, "IK4 I10 ST03@1", REPLACE(3, "ST*835*0001*005010X221A1~"));
}
END_TEST

/* Builds lines [from, to) of the 835 fixture, plus `tail`. */
static void fixture_lines(tbuf *b, const lines *l, size_t from, size_t to)
{
    size_t i;

    for (i = from; i < to; i++) {
        tbuf_str(b, l->v[i]);
        tbuf_str(b, "\n");
    }
}

/* Two transaction sets with the same ST02 0001 in one group: the second is
 * rejected with IK5 23 (control number not unique in the group); the
 * first is fine.  The 999 for it is valid. */
START_TEST(r835_duplicate_st02)
{
    char *text = fixture_text("validate-835-clean.x12"), *sig;
    lines l = split_lines(text);
    tbuf b = {0};

    fixture_lines(&b, &l, 0, 44);  /* ISA, GS, the set */
    fixture_lines(&b, &l, 2, 44);  /* the same set again */
    tbuf_str(&b, "GE*2*5510~\nIEA*1*000005510~\n");
    sig = validate_sig(b.p, b.len, 0);
    ck_assert_str_eq(sig, "IK5 23");
    assert_999_valid(b.p, b.len);
    free(sig);
    tbuf_free(&b);
    free_lines(&l);
    free(text);
}
END_TEST

/* Two functional groups with the same GS06 5510 in one interchange: the
 * second group gets AK9 19 (group control number not unique). */
START_TEST(r835_duplicate_gs06)
{
    char *text = fixture_text("validate-835-clean.x12"), *sig;
    lines l = split_lines(text);
    tbuf b = {0};

    fixture_lines(&b, &l, 0, 45);  /* ISA, the group */
    fixture_lines(&b, &l, 1, 45);  /* the same group again */
    tbuf_str(&b, "IEA*2*000005510~\n");
    sig = validate_sig(b.p, b.len, 0);
    ck_assert_str_eq(sig, "AK9 19");
    assert_999_valid(b.p, b.len);
    free(sig);
    tbuf_free(&b);
    free_lines(&l);
    free(text);
}
END_TEST

/* ---- resynchronisation ------------------------------------------------------
 * After a defect the validator picks up at the next segment it can place:
 * a loop whose trigger is missing or unreadable is opened at the first
 * segment that belongs to it (one IK3 3 for the trigger), and every later
 * claim and line is checked in its loop as usual, with no error of its own.
 */

/* No LX: the CLP reopens loop 2000 (LX missing, IK3 3 at the CLP,
 * position 14); all three claims and their lines are then in place. */
START_TEST(r835_resync_missing_lx)
{
    EXPECT_R(1, "IK3 3 LX@14 2000", DELETE(16, 1));
}
END_TEST

/* The second CLP garbled ("CL#", IK3 1, reported in the line loop 2110
 * it follows): its NM1*QC opens a new claim 2100 whose CLP is missing
 * (IK3 3 at position 31), and the claim's insured name, date, line and the
 * third claim are checked normally. */
START_TEST(r835_resync_unreadable_clp)
{
    EXPECT_R(1, "IK3 1 ?@30 2110; IK3 3 CLP@31 2100",
             REPLACE(32, "CL#*RFP-24-0112*1*95*95*0*12*ACH24091234502*11*1~"));
}
END_TEST

/* The second SVC of the first claim garbled: its DTM, CAS, REF*6R and
 * AMT*B6 are a new line 2110 with SVC missing (IK3 3 at the DTM), not five
 * segments out of sequence in the first line. */
START_TEST(r835_resync_unreadable_svc)
{
    EXPECT_R(1, "IK3 1 ?@24 2110; IK3 3 SVC@25 2110", REPLACE(26, "S#C*HC:87880*75*50**1~"));
}
END_TEST

/* A segment that is no X12 segment (IK3 1) and a payer N1 (IK3 2, no place
 * in a claim) inside claim 2100: the claim's DTM*050 and its lines that
 * follow stay in 2100/2110, no further issue. */
START_TEST(r835_resync_garbage_in_claim)
{
    EXPECT_R(1, "IK3 1 ZZ9@17 2100; IK3 2 N1@18 2100",
             INSERT_BEFORE(19, "ZZ9*X~\nN1*PR*ACME HEALTH PLAN~"));
}
END_TEST

/* The first CLP removed: NM1*QC opens claim 2100 with its CLP missing
 * (IK3 3 at position 15); lines and the next claims are in place. */
START_TEST(r835_resync_missing_clp)
{
    EXPECT_R(1, "IK3 3 CLP@15 2100", DELETE(17, 1));
}
END_TEST

/* The payer's and payee's N402 take the States and Provinces list as in
 * the 837 (IK4 7 for XX); a Canadian payee address is clean. */
START_TEST(r835_state_not_in_list)
{
    EXPECT_R(1, "IK4 7 N402@7 1000A", REPLACE(9, "N4*PORTLAND*XX*972089100~"));
    EXPECT_R(1, "", REPLACE(14, "N4*TORONTO*ON*M5V2T6*CA~"));
}
END_TEST

/* N403 is required for a US or Canadian address in the 835 too: a payee
 * (1000B) address without its ZIP code is IK4 I9; a payer abroad
 * (N404 MX) may leave it out. */
START_TEST(r835_postal_code_missing)
{
    EXPECT_R(1, "IK4 I9 N403@12 1000B", REPLACE(14, "N4*PORTLAND*OR~"));
    EXPECT_R(1, "IK4 I9 N403@7 1000A", REPLACE(9, "N4*TORONTO*ON**CA~"));
    EXPECT_R(1, "", REPLACE(9, "N4*MONTERREY***MX***NLE~"));
}
END_TEST

/* NPIs in the 835: the payee's N104 when N103 is XX, a service
 * provider's NM109 when NM108 is XX, a line's rendering provider REF02
 * when REF01 is HPI (IK4 I12 for a wrong check digit); other ids are
 * not NPIs. */
START_TEST(r835_npi_check_digit)
{
    EXPECT_R(1, "IK4 I12 N104@10 1000B", REPLACE(12, "N1*PE*RIVERSIDE FAMILY PRACTICE*XX*1234567890~"));
    EXPECT_R(1, "IK4 I12 NM109@17 2100",
             INSERT_BEFORE(19, "NM1*82*1*OKAFOR*ADAEZE****XX*1497758545~"));
    EXPECT_R(1, "IK4 I12 REF02@23 2110", INSERT_BEFORE(25, "REF*HPI*1497758545~"));
    EXPECT_R(1, "", INSERT_BEFORE(25, "REF*HPI*1497758544~"));
    EXPECT_R(1, "", INSERT_BEFORE(25, "REF*1C*1497758545~"));
    EXPECT_R(1, "", REPLACE(12, "N1*PE*RIVERSIDE FAMILY PRACTICE*FI*930000017~"));
}
END_TEST

/* SVC*HC:...*1*: a separator after the last element, twice in a public
 * 835 (IK4 3 at SVC06). */
START_TEST(r835_trailing_separator)
{
    EXPECT_R(1, "IK4 3 SVC06@18 2110", REPLACE(20, "SVC*HC:99213:25*150*100.5**1*~"));
}
END_TEST

/* ---- the guide's element usage ------------------------------------------------------
 * The 835 guide marks many elements of the standard not used: TS306-TS312,
 * TS314, TS316 and TS319 of the provider summary, CLP10 and CLP14, NM106
 * and NM110-NM112 of every 2100 name, REF03/REF04, DTM03-DTM06, PER02 of
 * the web site, SVC01-7 ...  (IK4 I10 when present.)
 */

/* A provider summary TS3 carrying TS309 and TS311, as a public Medicare
 * Part A sample does (IK4 I10 on each); one with TS313 (the MSP payer
 * amount, which the guide keeps) is clean. */
START_TEST(r835_ts3_not_used_elements)
{
    EXPECT_R(1, "IK4 I10 TS309@15 2000; IK4 I10 TS311@15 2000",
             INSERT_BEFORE(17, "TS3*1234567893*11*20241231*3*380****50**10~"));
    EXPECT_R(1, "", INSERT_BEFORE(17, "TS3*1234567893*11*20241231*3*380********12~"));
}
END_TEST

/* Elements of claim and line segments the guide does not use (I10), and
 * the guide's own codes where the standard allows more (IK4 7). */
START_TEST(r835_not_used_elements)
{
    EXPECT_R(1, "IK4 I10 CLP10@15 2100",
             REPLACE(17, "CLP*RFP-24-0107*1*225*150.5*35*12*ACH24091234501*11*1*01~"));
    EXPECT_R(1, "IK4 I10 REF03@22 2110", REPLACE(24, "REF*6R*RFP107L1*LINE ONE~"));
    EXPECT_R(1, "IK4 I10 DTM03@19 2110", REPLACE(21, "DTM*472*20240311*1200~"));
    EXPECT_R(1, "IK4 I10 PER02@10 1000A", INSERT_BEFORE(12, "PER*IC*WEB*UR*WWW.EXAMPLE.COM~"));
    EXPECT_R(1, "", INSERT_BEFORE(12, "PER*IC**UR*WWW.EXAMPLE.COM~"));
    EXPECT_R(1, "IK4 7 NM108@16 2100", REPLACE(18, "NM1*QC*1*MORROW*DANA*J***ZZ*W77120045~"));
    EXPECT_R(1, "IK4 I10 SVC01-7@18 2110", REPLACE(20, "SVC*HC:99213:25::::OFFICE VISIT*150*100.5**1~"));
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("validate-835");
    TCase *tc = tcase_create("835");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, r835_missing_trn);
    tcase_add_test(tc, r835_state_not_in_list);
    tcase_add_test(tc, r835_npi_check_digit);
    tcase_add_test(tc, r835_trailing_separator);
    tcase_add_test(tc, r835_ts3_not_used_elements);
    tcase_add_test(tc, r835_not_used_elements);
    tcase_add_test(tc, r835_bpr_bad_handling);
    tcase_add_test(tc, r835_bpr_date_bad);
    tcase_add_test(tc, r835_bpr_date_missing);
    tcase_add_test(tc, r835_bpr_credit_flag);
    tcase_add_test(tc, r835_bpr_amount_letters);
    tcase_add_test(tc, r835_bpr_method_bad);
    tcase_add_test(tc, r835_bpr_account_unpaired);
    tcase_add_test(tc, r835_trn_qualifier);
    tcase_add_test(tc, r835_missing_per_bl);
    tcase_add_test(tc, r835_per_any_order);
    tcase_add_test(tc, r835_payer_missing_n4);
    tcase_add_test(tc, r835_payee_id_qualifier);
    tcase_add_test(tc, r835_payee_missing_id);
    tcase_add_test(tc, r835_second_payer_loop);
    tcase_add_test(tc, r835_clp_status_bad);
    tcase_add_test(tc, r835_clp_filing_missing);
    tcase_add_test(tc, r835_clp_icn_missing);
    tcase_add_test(tc, r835_clp01_too_long);
    tcase_add_test(tc, r835_missing_patient_name);
    tcase_add_test(tc, r835_patient_org);
    tcase_add_test(tc, r835_claim_dtm_twice);
    tcase_add_test(tc, r835_cas_group_cr);
    tcase_add_test(tc, r835_cas_triplet_incomplete);
    tcase_add_test(tc, r835_cas_amount_missing);
    tcase_add_test(tc, r835_svc_qualifier_bad);
    tcase_add_test(tc, r835_svc_paid_missing);
    tcase_add_test(tc, r835_svc_too_many_components);
    tcase_add_test(tc, r835_service_date_bad);
    tcase_add_test(tc, r835_service_dtm_qualifier);
    tcase_add_test(tc, r835_service_date_after_cas);
    tcase_add_test(tc, r835_ref_6r_twice);
    tcase_add_test(tc, r835_amt_qualifier_bad);
    tcase_add_test(tc, r835_lq_bad_qualifier);
    tcase_add_test(tc, r835_ts3_twice);
    tcase_add_test(tc, r835_plb_bad_date);
    tcase_add_test(tc, r835_plb_amount_missing);
    tcase_add_test(tc, r835_plb_reason_list);
    tcase_add_test(tc, r835_postal_code_missing);
    tcase_add_test(tc, r835_st03_warning);
    tcase_add_test(tc, r835_duplicate_st02);
    tcase_add_test(tc, r835_duplicate_gs06);
    tcase_add_test(tc, r835_resync_missing_lx);
    tcase_add_test(tc, r835_resync_unreadable_clp);
    tcase_add_test(tc, r835_resync_unreadable_svc);
    tcase_add_test(tc, r835_resync_garbage_in_claim);
    tcase_add_test(tc, r835_resync_missing_clp);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
