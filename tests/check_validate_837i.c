/*
 * check_validate_837i: the validator against the 837I (005010X223A2) guide.
 *
 * Hand-made defects of tests/data/validate-837i-clean.x12 (method and
 * notation: validate_util.h).
 */
#include "validate_util.h"

/* ---- hand-made 837I and 835 defects --------------------------------------------
 *
 * Same method as the 837P ones, on tests/data/validate-837i-clean.x12 (an
 * inpatient stay with admission and discharge hours, CL1, every common HI
 * kind, attending and operating physicians, three lines; and an outpatient
 * emergency visit of a dependent patient, 2000C) and
 * tests/data/validate-835-clean.x12 (an ACH payment of two paid claims and a
 * denied one, with line CAS, REF*6R and AMT*B6, which balances).  Line N is
 * segment N; set position N - 2.  Each 999 written for them is checked
 * against the 999 guide by the edit helper (assert_999_valid).
 */

/* Both fixtures are clean, strict. */
START_TEST(clean_837i_and_835_fixtures)
{
    static const char *const names[] = {"validate-837i-clean.x12", "validate-835-clean.x12"};
    size_t i;

    for (i = 0; i < 2; i++) {
        char *text = fixture_text(names[i]);
        char *sig = validate_sig(text, strlen(text), 1);

        ck_assert_msg(sig[0] == '\0', "%s: %s", names[i], sig);
        assert_999_valid(text, strlen(text));
        free(sig);
        free(text);
    }
}
END_TEST

/* The statement dates DTP*434, required in every 837I claim, removed:
 * reported when the claim closes, where it was passed over (the DTP*435, now
 * position 21). */
START_TEST(i837_missing_statement_dates)
{
    EXPECT_I(1, "IK3 3 DTP@21 2300", DELETE(23, 1));
}
END_TEST

/* Statement dates as one date (D8): DTP*434 takes only a range, RD8 (IK4 7
 * on DTP02). */
START_TEST(i837_statement_dates_d8)
{
    EXPECT_I(1, "IK4 7 DTP02@21 2300", REPLACE(23, "DTP*434*D8*20240325~"));
}
END_TEST

/* DTP*434 after DTP*435, as a public 837I sample sends them: the guide
 * lists 096, 434, 435, 050, but all are DTP at one position of the
 * standard (2300 position 1350), where X12 allows any order - clean, and
 * still not a bad qualifier for the admission slot.  A second DTP*434
 * after them is one too many (each entry keeps its maximum use: IK3 5);
 * a DTP after CL1, a later position, is out of sequence (IK3 7). */
START_TEST(i837_dates_any_order)
{
    EXPECT_I(1, "", REPLACE(23, "DTP*435*DT*202403250915~"),
             REPLACE(24, "DTP*434*RD8*20240325-20240328~"));
    EXPECT_I(1, "IK3 5 DTP@23 2300", REPLACE(23, "DTP*435*DT*202403250915~"),
             REPLACE(24, "DTP*434*RD8*20240325-20240328~"),
             INSERT_BEFORE(25, "DTP*434*RD8*20240325-20240328~"));
    EXPECT_I(1, "IK3 7 DTP@23 2300", DELETE(23, 1),
             INSERT_BEFORE(26, "DTP*434*RD8*20240325-20240328~"));
}
END_TEST

/* Admission date-hour 2024-03-25 25:15: the date is right, the hour is not
 * (IK4 9, invalid time). */
START_TEST(i837_admission_hour_bad)
{
    EXPECT_I(1, "IK4 9 DTP03@22 2300", REPLACE(24, "DTP*435*DT*202403252515~"));
}
END_TEST

/* Discharge hour 24:60 in format TM (IK4 9). */
START_TEST(i837_discharge_hour_bad)
{
    EXPECT_I(1, "IK4 9 DTP03@20 2300", REPLACE(22, "DTP*096*TM*2460~"));
}
END_TEST

/* CL1, required in every 837I claim, removed: reported at the REF*EA that
 * followed the gap (position 23). */
START_TEST(i837_missing_cl1)
{
    EXPECT_I(1, "IK3 3 CL1@23 2300", DELETE(25, 1));
}
END_TEST

/* Admission type 7 is not a NUBC admission type (1-5, 9): IK4 7 on CL101. */
START_TEST(i837_cl1_bad_admission_type)
{
    EXPECT_I(1, "IK4 7 CL101@23 2300", REPLACE(25, "CL1*7*1*01~"));
}
END_TEST

/* CL103 patient status is required (IK4 1). */
START_TEST(i837_cl1_status_missing)
{
    EXPECT_I(1, "IK4 1 CL103@23 2300", REPLACE(25, "CL1*2*1~"));
}
END_TEST

/* CL104 (nursing home residential status) is not used by the 837I (IK4 I10). */
START_TEST(i837_cl104_not_used)
{
    EXPECT_I(1, "IK4 I10 CL104@23 2300", REPLACE(25, "CL1*2*1*01*1~"));
}
END_TEST

/* CLM05-2 B is the 837P facility qualifier; an institutional claim says A
 * (IK4 7 on the component). */
START_TEST(i837_clm05_qualifier_b)
{
    EXPECT_I(1, "IK4 7 CLM05-2@19 2300", REPLACE(21, "CLM*MGH-24-5521*12850***11:B:1**A*Y*Y~"));
}
END_TEST

/* CLM06 (provider signature) is not used in the 837I (IK4 I10). */
START_TEST(i837_clm06_not_used)
{
    EXPECT_I(1, "IK4 I10 CLM06@19 2300", REPLACE(21, "CLM*MGH-24-5521*12850***11:A:1*Y*A*Y*Y~"));
}
END_TEST

/* CLM07 assignment is required in the 837I (IK4 1). */
START_TEST(i837_clm07_missing)
{
    EXPECT_I(1, "IK4 1 CLM07@19 2300", REPLACE(21, "CLM*MGH-24-5521*12850***11:A:1***Y*Y~"));
}
END_TEST

/* The principal diagnosis HI (ABK) removed: required, reported at the
 * admitting-diagnosis HI that followed the gap. */
START_TEST(i837_principal_dx_missing)
{
    EXPECT_I(1, "IK3 3 HI@25 2300", DELETE(27, 1));
}
END_TEST

/* Present-on-admission X: the indicator is N, U, W or Y (IK4 7 on HI01-9). */
START_TEST(i837_poa_bad)
{
    EXPECT_I(1, "IK4 7 HI01-9@25 2300", REPLACE(27, "HI*ABK:K8050:::::::X~"));
}
END_TEST

/* A present-on-admission indicator on the admitting diagnosis, which has
 * none (IK4 I10 on HI01-9). */
START_TEST(i837_poa_on_admitting)
{
    EXPECT_I(1, "IK4 I10 HI01-9@26 2300", REPLACE(28, "HI*ABJ:R1011:::::::Y~"));
}
END_TEST

/* Three other-diagnosis HI segments: the guide allows two (IK3 5 on the
 * third). */
START_TEST(i837_other_dx_three_his)
{
    EXPECT_I(1, "IK3 5 HI@29 2300", INSERT_BEFORE(30, "HI*ABF:E785~\nHI*ABF:N179~"));
}
END_TEST

/* The principal procedure without its date: HI01-3 D8 and HI01-4 are
 * required for procedures (IK4 1 each). */
START_TEST(i837_procedure_without_date)
{
    EXPECT_I(1, "IK4 1 HI01-3@28 2300; IK4 1 HI01-4@28 2300", REPLACE(30, "HI*BBR:0FT44ZZ~"));
}
END_TEST

/* A value code without its amount in HI01-5 (IK4 1). */
START_TEST(i837_value_without_amount)
{
    EXPECT_I(1, "IK4 1 HI01-5@30 2300", REPLACE(32, "HI*BE:80~"));
}
END_TEST

/* The admitting diagnosis after the other diagnoses: every HI of 2300
 * stands at one position of the standard, so any order is allowed. */
START_TEST(i837_hi_any_order)
{
    EXPECT_I(1, "", REPLACE(28, "HI*ABF:E119:::::::N*ABF:I10:::::::Y~"),
             REPLACE(29, "HI*ABJ:R1011~"));
}
END_TEST

/* An external cause of injury after the other diagnoses (any order, as
 * for every HI) with POA Z (IK4 7). */
START_TEST(i837_external_cause_poa_bad)
{
    EXPECT_I(1, "IK4 7 HI01-9@28 2300", INSERT_BEFORE(30, "HI*ABN:V0001XA:::::::Z~"));
}
END_TEST

/* An occurrence span (after the occurrences: any order) given as one date
 * D8 instead of the range RD8 (IK4 7 on HI01-3). */
START_TEST(i837_occurrence_span_as_date)
{
    EXPECT_I(1, "IK4 7 HI01-3@30 2300", INSERT_BEFORE(32, "HI*BI:70:D8:20240301~"));
}
END_TEST

/* A DRG (after the other diagnoses: any order) whose code has 31
 * characters (HI01-2 has 30 at most: IK4 5). */
START_TEST(i837_drg_too_long)
{
    EXPECT_I(1, "IK4 5 HI01-2@28 2300", INSERT_BEFORE(30, "HI*DR:1234567890123456789012345678901~"));
}
END_TEST

/* The attending provider is a person (NM102 1), not an organisation (IK4 7). */
START_TEST(i837_attending_org)
{
    EXPECT_I(1, "IK4 7 NM102@31 2310A", REPLACE(33, "NM1*71*2*OKAFOR*ADAEZE****XX*1497758544~"));
}
END_TEST

/* A second attending provider loop 2310A (max 1): IK3 4 on its NM1. */
START_TEST(i837_attending_twice)
{
    EXPECT_I(1, "IK3 4 NM1@33 2310A", INSERT_BEFORE(35, "NM1*71*1*BRANDT*KARL****XX*1679576722~"));
}
END_TEST

/* PRV*PE (the 837P rendering code) for the attending provider, who takes AT
 * (IK4 7). */
START_TEST(i837_attending_prv_pe)
{
    EXPECT_I(1, "IK4 7 PRV01@32 2310A", REPLACE(34, "PRV*PE*PXC*207R00000X~"));
}
END_TEST

/* An institutional billing provider is an organisation (NM102 2 only): IK4
 * 7. */
START_TEST(i837_billing_provider_person)
{
    EXPECT_I(1, "IK4 7 NM102@8 2010AA",
             REPLACE(10, "NM1*85*1*MERCY GENERAL HOSPITAL*****XX*1234567893~"));
}
END_TEST

/* The billing provider's tax id as an SSN (REF*SY): the 837I takes only EI
 * (IK4 7 on REF01). */
START_TEST(i837_billing_tax_id_sy)
{
    EXPECT_I(1, "IK4 7 REF01@11 2010AA", REPLACE(13, "REF*SY*930000042~"));
}
END_TEST

/* SV204 MJ (minutes, an 837P unit): institutional lines count days (DA) or
 * units (UN): IK4 7. */
START_TEST(i837_sv204_bad_unit)
{
    EXPECT_I(1, "IK4 7 SV204@35 2400", REPLACE(37, "SV2*0120**6400*MJ*3~"));
}
END_TEST

/* A line without its charge SV203 (IK4 1). */
START_TEST(i837_sv203_missing)
{
    EXPECT_I(1, "IK4 1 SV203@35 2400", REPLACE(37, "SV2*0120***DA*3~"));
}
END_TEST

/* LX without its SV2: the required service line is reported when the next
 * line starts (position 35). */
START_TEST(i837_line_without_sv2)
{
    EXPECT_I(1, "IK3 3 SV2@35 2400", DELETE(37, 1));
}
END_TEST

/* SV202-1 XX is no product/service qualifier (IK4 7 on the component). */
START_TEST(i837_sv202_bad_qualifier)
{
    EXPECT_I(1, "IK4 7 SV202-1@37 2400", REPLACE(39, "SV2*0360*XX:47562*5200*UN*1~"));
}
END_TEST

/* Two REF*6R on one line (max 1): IK3 5. */
START_TEST(i837_line_item_ref_twice)
{
    EXPECT_I(1, "IK3 5 REF@40 2400", INSERT_BEFORE(41, "REF*6R*L2A~\nREF*6R*L2B~"));
}
END_TEST

/* The patient HL names the billing provider HL 1 as its parent instead of
 * the subscriber HL 3 (IK4 I12 on HL02). */
START_TEST(i837_patient_wrong_parent)
{
    EXPECT_I(1, "IK4 I12 HL02@45 2000C", REPLACE(47, "HL*4*1*23*0~"));
}
END_TEST

/* The patient level without PAT (required): reported at the NM1*QC that
 * followed the gap. */
START_TEST(i837_pat_missing)
{
    EXPECT_I(1, "IK3 3 PAT@46 2000C", DELETE(48, 1));
}
END_TEST

/* The patient's DMG (required in 2010CA) removed: reported when the loop
 * closes at the CLM (position 50). */
START_TEST(i837_patient_dmg_missing)
{
    EXPECT_I(1, "IK3 3 DMG@50 2010CA", DELETE(52, 1));
}
END_TEST

/* PAT01 99 is no relationship code (IK4 7). */
START_TEST(i837_pat01_bad)
{
    EXPECT_I(1, "IK4 7 PAT01@46 2000C", REPLACE(48, "PAT*99~"));
}
END_TEST

/* PAT at the subscriber level: the 837P has one there, the 837I does not
 * (IK3 2, unexpected). */
START_TEST(i837_subscriber_pat)
{
    EXPECT_I(1, "IK3 2 PAT@14 2000B", INSERT_BEFORE(16, "PAT*19~"));
}
END_TEST

/* SV1 (professional service) in an institutional claim: an X12 segment, but
 * not of this guide (IK3 6). */
START_TEST(i837_sv1_in_837i)
{
    EXPECT_I(1, "IK3 6 SV1@36 2400", INSERT_BEFORE(38, "SV1*HC:99213*10*UN*1***1~"));
}
END_TEST

/* BHT06 ZZ: the claim type is 31, CH or RP (IK4 7). */
START_TEST(i837_bht06_bad)
{
    EXPECT_I(1, "IK4 7 BHT06@2", REPLACE(4, "BHT*0019*00*MGH20240402A*20240402*1015*ZZ~"));
}
END_TEST

/* The subscriber HL says no child follows (HL04 0) but the patient HL does:
 * a warning (IK4 I12). */
START_TEST(i837_hl04_subscriber)
{
    EXPECT_I(1, "IK4 I12 HL04@41 2000B", REPLACE(43, "HL*3*1*22*0~"));
}
END_TEST

/* A service facility loop 2310E without its required N4: reported when the
 * loop closes at the LX (position 36). */
START_TEST(i837_facility_without_n4)
{
    EXPECT_I(1, "IK3 3 N4@36 2310E",
             INSERT_BEFORE(36, "NM1*77*2*MERCY SURGERY CENTER*****XX*1881234565~\nN3*100 SURGERY WAY~"));
}
END_TEST

/* Other-subscriber loop 2320 without OI (required): passed over by the 2330A
 * NM1 (position 35). */
START_TEST(i837_cob_without_oi)
{
    EXPECT_I(1, "IK3 3 OI@35 2320",
             INSERT_BEFORE(36, "SBR*S*01*******CI~\nNM1*IL*1*HALVORSEN*ASTRID****MI*Z5510~\nNM1*PR*2*OTHER PLAN*****PI*OTH01~"));
}
END_TEST

/* Line adjudication 2430 without its required DTP*573: reported when the
 * next line starts (position 37). */
START_TEST(i837_svd_without_date)
{
    EXPECT_I(1, "IK3 3 DTP@37 2430", INSERT_BEFORE(38, "SVD*ACME01*4800**0120*3~"));
}
END_TEST

/* The second subscriber's HL*3 removed: its SBR opens a new 2000B with the
 * HL missing (IK3 3 at position 42); the dependent patient and the second
 * claim are checked normally. */
START_TEST(i837_resync_missing_subscriber_hl)
{
    EXPECT_I(1, "IK3 3 HL@41 2000B", DELETE(43, 1));
}
END_TEST

/* The third line's LX garbled (IK3 1): its SV2 is a new line 2400 with LX
 * missing (IK3 3), not out of sequence in line 2. */
START_TEST(i837_resync_unreadable_lx)
{
    EXPECT_I(1, "IK3 1 ?@39 2400; IK3 3 LX@40 2400", REPLACE(41, "L#*3~"));
}
END_TEST

/* 2300 REF*F8 is required when CLM05-3 is 7 or 8 (a replacement or
 * void): the inpatient claim made a replacement without it (IK3 3 at the
 * CLM, position 19). */
START_TEST(i837_replacement_without_f8)
{
    EXPECT_I(1, "IK3 3 REF@19 2300", REPLACE(21, "CLM*MGH-24-5521*12850***11:A:7**A*Y*Y~"));
}
END_TEST

/* ... and not sent on an original claim (CLM05-3 1): IK3 I9 on the REF. */
START_TEST(i837_original_with_f8)
{
    EXPECT_I(1, "IK3 I9 REF@24 2300", INSERT_BEFORE(26, "REF*F8*PAYERCCN5521~"));
}
END_TEST

/* N402 takes the States and Provinces list in the 837I too: the payer's
 * address given as N4*CITYNAME*NA, as the institutional twin of a public
 * 837P sample does, is an invalid code (IK4 7) and lacks the ZIP code a
 * US address needs (I9 on N403); a US address without its state is I9. */
START_TEST(i837_state_not_in_list)
{
    EXPECT_I(1, "IK4 7 N402@20 2010BB; IK4 I9 N403@20 2010BB",
             INSERT_BEFORE(21, "N3*PO BOX 9100~\nN4*CITYNAME*NA~"));
    EXPECT_I(1, "IK4 I9 N402@16 2010BA", REPLACE(18, "N4*SALEM**97301~"));
    EXPECT_I(1, "IK4 I9 N403@16 2010BA", REPLACE(18, "N4*SALEM*OR~"));
}
END_TEST

/* The billing provider's US ZIP code must have nine digits in the 837I as
 * in the 837P (IK4 I12), as a public sample's five-digit one shows. */
START_TEST(i837_billing_zip_five_digits)
{
    EXPECT_I(1, "IK4 I12 N403@10 2010AA", REPLACE(12, "N4*PORTLAND*OR*97210~"));
}
END_TEST

/* The attending physician's NPI with a wrong check digit (IK4 I12). */
START_TEST(i837_npi_check_digit)
{
    EXPECT_I(1, "IK4 I12 NM109@31 2310A", REPLACE(33, "NM1*71*1*OKAFOR*ADAEZE****XX*1497758545~"));
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("validate-837i");
    TCase *tc = tcase_create("837i");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, clean_837i_and_835_fixtures);
    tcase_add_test(tc, i837_missing_statement_dates);
    tcase_add_test(tc, i837_statement_dates_d8);
    tcase_add_test(tc, i837_dates_any_order);
    tcase_add_test(tc, i837_admission_hour_bad);
    tcase_add_test(tc, i837_discharge_hour_bad);
    tcase_add_test(tc, i837_missing_cl1);
    tcase_add_test(tc, i837_cl1_bad_admission_type);
    tcase_add_test(tc, i837_cl1_status_missing);
    tcase_add_test(tc, i837_cl104_not_used);
    tcase_add_test(tc, i837_clm05_qualifier_b);
    tcase_add_test(tc, i837_clm06_not_used);
    tcase_add_test(tc, i837_clm07_missing);
    tcase_add_test(tc, i837_principal_dx_missing);
    tcase_add_test(tc, i837_poa_bad);
    tcase_add_test(tc, i837_poa_on_admitting);
    tcase_add_test(tc, i837_other_dx_three_his);
    tcase_add_test(tc, i837_procedure_without_date);
    tcase_add_test(tc, i837_value_without_amount);
    tcase_add_test(tc, i837_hi_any_order);
    tcase_add_test(tc, i837_external_cause_poa_bad);
    tcase_add_test(tc, i837_occurrence_span_as_date);
    tcase_add_test(tc, i837_drg_too_long);
    tcase_add_test(tc, i837_attending_org);
    tcase_add_test(tc, i837_attending_twice);
    tcase_add_test(tc, i837_attending_prv_pe);
    tcase_add_test(tc, i837_billing_provider_person);
    tcase_add_test(tc, i837_billing_tax_id_sy);
    tcase_add_test(tc, i837_sv204_bad_unit);
    tcase_add_test(tc, i837_sv203_missing);
    tcase_add_test(tc, i837_line_without_sv2);
    tcase_add_test(tc, i837_sv202_bad_qualifier);
    tcase_add_test(tc, i837_line_item_ref_twice);
    tcase_add_test(tc, i837_patient_wrong_parent);
    tcase_add_test(tc, i837_pat_missing);
    tcase_add_test(tc, i837_patient_dmg_missing);
    tcase_add_test(tc, i837_pat01_bad);
    tcase_add_test(tc, i837_subscriber_pat);
    tcase_add_test(tc, i837_sv1_in_837i);
    tcase_add_test(tc, i837_bht06_bad);
    tcase_add_test(tc, i837_hl04_subscriber);
    tcase_add_test(tc, i837_facility_without_n4);
    tcase_add_test(tc, i837_cob_without_oi);
    tcase_add_test(tc, i837_svd_without_date);
    tcase_add_test(tc, i837_resync_missing_subscriber_hl);
    tcase_add_test(tc, i837_resync_unreadable_lx);
    tcase_add_test(tc, i837_replacement_without_f8);
    tcase_add_test(tc, i837_original_with_f8);
    tcase_add_test(tc, i837_state_not_in_list);
    tcase_add_test(tc, i837_billing_zip_five_digits);
    tcase_add_test(tc, i837_npi_check_digit);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
