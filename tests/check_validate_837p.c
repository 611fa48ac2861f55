/*
 * check_validate_837p: the validator against the 837P (005010X222A1) guide.
 *
 * Hand-made defects of tests/data/validate-837p-clean.x12 (method and
 * notation: validate_util.h), and every public sample file of the corpus
 * pinned with what the validator must say about it (see the corpus
 * section below; it covers the 837I, 835 and 999 samples too).
 */
#include "validate_util.h"

/* ---- the clean fixture --------------------------------------------------- */

/* The fixture is a complete, correct 837P: two subscribers, one with a
 * dependent patient (2000C), two claims, three lines. */
START_TEST(clean_fixture_is_clean)
{
    char *text = clean_text();
    char *sig = validate_sig(text, strlen(text), 1);

    ck_assert_str_eq(sig, "");
    free(sig);
    free(text);
}
END_TEST

/* ---- hand-made 837P defects ------------------------------------------------ */

/* The 2010AA trigger NM1*85 removed: the N3 that follows is a segment of
 * 2010AA, the next loop of 2000A, so the validator resynchronises there:
 * one IK3 3 for the missing NM1 at the N3 (position 8), and N3, N4, REF
 * are checked in 2010AA as usual (no error each). */
START_TEST(defect_missing_required_loop_2010aa)
{
    EXPECT_EDITS(1, "IK3 3 NM1@8 2010AA", DELETE(10, 1));
}
END_TEST

/* N4 (required in 2010AA) removed: reported when the loop closes, at the
 * REF that followed the gap (position 10). */
START_TEST(defect_missing_required_segment)
{
    EXPECT_EDITS(1, "IK3 3 N4@10 2010AA", DELETE(12, 1));
}
END_TEST

/* N4 before N3: N3 then comes after its place (IK3 7) and is not also
 * reported missing. */
START_TEST(defect_segment_out_of_order)
{
    EXPECT_EDITS(1, "IK3 7 N3@10 2010AA", REPLACE(11, "N4*PORTLAND*OR*972014410~"),
                 REPLACE(12, "N3*1200 RIVER ROAD~"));
}
END_TEST

/* REF*EI twice: the billing provider tax id may be used once (IK3 5). */
START_TEST(defect_segment_over_max_use)
{
    EXPECT_EDITS(1, "IK3 5 REF@12 2010AA", INSERT_BEFORE(14, "REF*EI*930000017~"));
}
END_TEST

/* A second pay-to address loop 2010AB (max 1): IK3 4 on its trigger. */
START_TEST(defect_loop_over_max_repeat)
{
    EXPECT_EDITS(1, "IK3 4 NM1@15 2010AB",
                 INSERT_BEFORE(17, "NM1*87*2~\nN3*PO BOX 4410~\nN4*PORTLAND*OR*972084410~"));
}
END_TEST

/* NM1*XX where the subscriber name belongs: taken for 2010BA (the next NM1
 * loop), its qualifier is an invalid code (IK4 7 on NM101). */
START_TEST(defect_bad_qualifier)
{
    EXPECT_EDITS(1, "IK4 7 NM101@17 2010BA",
                 REPLACE(19, "NM1*XX*1*MORROW*DANA*J***MI*W77120045~"));
}
END_TEST

/* CLM01 of 39 characters: longer than 38 (IK4 5). */
START_TEST(defect_element_too_long)
{
    EXPECT_EDITS(1, "IK4 5 CLM01@22 2300",
                 REPLACE(24, "CLM*RFP-24-0107-XXXXXXXXXXXXXXXXXXXXXXXXXXX*225***11:B:1*Y*A*Y*Y~"));
}
END_TEST

/* City of one character: shorter than N401's minimum 2 (IK4 4). */
START_TEST(defect_element_too_short)
{
    EXPECT_EDITS(1, "IK4 4 N401@10 2010AA", REPLACE(12, "N4*P*OR*972014410~"));
}
END_TEST

/* 30 February: not a date (IK4 8 on DTP03, format D8). */
START_TEST(defect_bad_date)
{
    EXPECT_EDITS(1, "IK4 8 DTP03@23 2300", REPLACE(25, "DTP*431*D8*20240230~"));
}
END_TEST

/* A service date range that ends before it starts (IK4 8). */
START_TEST(defect_date_range_reversed)
{
    EXPECT_EDITS(1, "IK4 8 DTP03@50 2400", REPLACE(52, "DTP*472*RD8*20240312-20240301~"));
}
END_TEST

/* BHT05 25:61 is not a time (IK4 9). */
START_TEST(defect_bad_time)
{
    EXPECT_EDITS(1, "IK4 9 BHT05@2", REPLACE(4, "BHT*0019*00*RFP20240315A*20240315*2561*CH~"));
}
END_TEST

/* Claim frequency 9: CLM05-3 allows 1, 6, 7, 8 (IK4 7 on the component). */
START_TEST(defect_invalid_code_component)
{
    EXPECT_EDITS(1, "IK4 7 CLM05-3@22 2300", REPLACE(24, "CLM*RFP-24-0107*225***11:B:9*Y*A*Y*Y~"));
}
END_TEST

/* The patient HL names the billing provider HL as its parent instead of
 * the subscriber HL 3 (IK4 I12 on HL02). */
START_TEST(defect_wrong_hl_parent)
{
    EXPECT_EDITS(1, "IK4 I12 HL02@40 2000C", REPLACE(42, "HL*4*1*23*0~"));
}
END_TEST

/* HL numbering jumps from 2 to 5: HL01 of 2000B is wrong, then the
 * patient's HL01 4 and its HL02 3 both no longer fit. */
START_TEST(defect_hl_numbering)
{
    EXPECT_EDITS(1, "IK4 I12 HL01@36 2000B; IK4 I12 HL01@40 2000C; IK4 I12 HL02@40 2000C",
                 REPLACE(38, "HL*5*1*22*1~"));
}
END_TEST

/* HL02 on the billing provider HL, which the guide does not use (I10). */
START_TEST(defect_not_used_element)
{
    EXPECT_EDITS(1, "IK4 I10 HL02@6 2000A", REPLACE(8, "HL*1*5*20*1~"));
}
END_TEST

/* HL03 99 is no level: taken for the next HL loop (2000B), HL03 is an
 * invalid code (IK4 7). */
START_TEST(defect_bad_hl_level)
{
    EXPECT_EDITS(1, "IK4 7 HL03@15 2000B", REPLACE(17, "HL*2*1*99*0~"));
}
END_TEST

/* SE01 one too high (IK5 4). */
START_TEST(defect_se_count)
{
    EXPECT_EDITS(0, "IK5 4", REPLACE(53, "SE*52*0001~"));
}
END_TEST

/* SE02 differs from ST02 (IK5 3). */
START_TEST(defect_se_control)
{
    EXPECT_EDITS(1, "IK5 3", REPLACE(53, "SE*51*0002~"));
}
END_TEST

/* No SE before GE: the trailer is missing (IK5 2) and not also reported
 * as a missing segment. */
START_TEST(defect_se_missing)
{
    EXPECT_EDITS(0, "IK5 2", DELETE(53, 1));
}
END_TEST

/* GE01 says 2 sets, the group has 1 (AK9 5). */
START_TEST(defect_ge_count)
{
    EXPECT_EDITS(1, "AK9 5", REPLACE(54, "GE*2*4321~"));
}
END_TEST

/* IEA02 differs from ISA13 (TA1 001). */
START_TEST(defect_iea_control)
{
    EXPECT_EDITS(1, "TA1 001", REPLACE(55, "IEA*1*000004322~"));
}
END_TEST

/* ISA09 must be a real date: February 30 (and February 29 of a year that
 * is not a leap year) is TA1 014, as a month 13 always was.  Before the
 * date rule was one (lib/x12types.c), ISA09 took any day 01-31 in any
 * month; the ISA10 time of day is checked by the same TM rule (TA1 015). */
START_TEST(defect_isa_date)
{
    static const char isa[] = "ISA*00*          *00*          *ZZ*RIVERSIDEFP    *ZZ*"
                              "ACMEHEALTH     *%s*%s*^*00501*000004321*1*T*:~";
    char line[160];

    snprintf(line, sizeof line, isa, "240230", "0930");
    EXPECT_EDITS(1, "TA1 014", REPLACE(1, line));
    snprintf(line, sizeof line, isa, "230229", "0930");
    EXPECT_EDITS(1, "TA1 014", REPLACE(1, line));
    snprintf(line, sizeof line, isa, "241301", "0930");
    EXPECT_EDITS(1, "TA1 014", REPLACE(1, line));
    snprintf(line, sizeof line, isa, "240229", "0930"); /* 2024 is a leap year */
    EXPECT_EDITS(1, "", REPLACE(1, line));
    snprintf(line, sizeof line, isa, "240315", "2460");
    EXPECT_EDITS(1, "TA1 015", REPLACE(1, line));
}
END_TEST

/* The envelope rules are the reader's: for each of them the validator
 * reports, at the same segment and element and with the same message, what
 * the reader reports, with the 999/TA1 code of its rule - and
 * x12_validator_reports_rule names exactly those rules. */
START_TEST(envelope_rules_once)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240315*0930*^*"
        "00501*000000001*0*T*:~GS*HC*S*R*20240315*0930*ABC*X*005010X222A1~"
        "ST*837*01*005010X222A1~BHT*0019*00*1*20240315*0930*CH~SE*4*0002~GE*2*7~"
        "IEA*1*000000002~";
    static const struct {
        const char *rule, *code;
        x12_issue_level level;
    } want[] = {
        {"control-number", "6", X12_ISSUE_GROUP},    {"control-number", "7", X12_ISSUE_SET},
        {"se01-count", "4", X12_ISSUE_SET},          {"se02-control", "3", X12_ISSUE_SET},
        {"ge01-count", "5", X12_ISSUE_GROUP},        {"ge02-control", "4", X12_ISSUE_GROUP},
        {"iea02-control", "001", X12_ISSUE_INTERCHANGE},
    };
    static const char *const covered[] = {"se01-count", "se02-control", "ge01-count",
                                          "ge02-control", "iea01-count", "iea02-control",
                                          "control-number", "missing-trailer", "nesting",
                                          "segment-id"};
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    size_t i, k, found = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, in, strlen(in)), X12_OK);
    while (x12_reader_next(r, &seg) == X12_OK) {
        ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
        for (i = 0; i < x12_reader_error_count(r); i++) {
            const x12_error *e = x12_reader_error_at(r, i);
            const x12_issue *match = NULL;

            ck_assert(x12_validator_reports_rule(x12_error_rule(e)));
            for (k = 0; k < x12_validator_issue_count(v); k++) {
                const x12_issue *is = x12_validator_issue_at(v, k);
                const x12_error *ie = x12_issue_error(is);
                if (x12_error_segment_number(ie) == x12_error_segment_number(e) &&
                    x12_error_element(ie) == x12_error_element(e) &&
                    strcmp(x12_error_message(ie), x12_error_message(e)) == 0)
                    match = is;
            }
            ck_assert_msg(match != NULL, "no issue for the reader's '%s'", x12_error_message(e));
            ck_assert_uint_lt(found, sizeof want / sizeof want[0]);
            ck_assert_str_eq(x12_error_rule(e), want[found].rule);
            ck_assert_str_eq(x12_issue_code(match), want[found].code);
            ck_assert_int_eq(x12_issue_level_of(match), want[found].level);
            found++;
        }
    }
    ck_assert_uint_eq(found, sizeof want / sizeof want[0]);
    x12_validator_free(v);
    x12_reader_free(r);
    for (i = 0; i < sizeof covered / sizeof covered[0]; i++)
        ck_assert_msg(x12_validator_reports_rule(covered[i]), "%s", covered[i]);
    ck_assert(!x12_validator_reports_rule("max-segment"));
    ck_assert(!x12_validator_reports_rule("isa"));
    ck_assert(!x12_validator_reports_rule(""));
    ck_assert(!x12_validator_reports_rule(NULL));
}
END_TEST

/* NM109 removed while NM108 stays: the billing provider id is required
 * (IK4 1); the NM108/NM109 pairing is not reported a second time. */
START_TEST(defect_required_element_missing)
{
    EXPECT_EDITS(1, "IK4 1 NM109@8 2010AA",
                 REPLACE(10, "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX~"));
}
END_TEST

/* NM108 without NM109 where both are situational (rendering provider): the
 * X12 pairing rule P0809 (IK4 2). */
START_TEST(defect_paired_elements)
{
    EXPECT_EDITS(1, "IK4 2 NM109@26 2310B", REPLACE(28, "NM1*82*1*OKAFOR*ADAEZE****XX~"));
}
END_TEST

/* N402 state and N407 country subdivision together: E0207 (IK4 10); and
 * N407 without the country N404 breaks C0704 (IK4 2).  The guide's own
 * rule says the same in its terms: no N407 on a US address (IK4 I13). */
START_TEST(defect_exclusion)
{
    EXPECT_EDITS(1, "IK4 I13 N407@10 2010AA; IK4 10 N407@10 2010AA; IK4 2 N404@10 2010AA",
                 REPLACE(12, "N4*PORTLAND*OR*972014410****ON~"));
}
END_TEST

/* A grave accent is outside the X12 character sets (IK4 6). */
START_TEST(defect_invalid_character)
{
    EXPECT_EDITS(1, "IK4 6 N301@9 2010AA", REPLACE(11, "N3*1200 RIVER `ROAD~"));
}
END_TEST

/* Five diagnosis pointers: SV107 has four components (IK4 13). */
START_TEST(defect_too_many_components)
{
    EXPECT_EDITS(1, "IK4 13 SV107-5@29 2400", REPLACE(31, "SV1*HC:99213:25*150*UN*1***1:2:1:2:1~"));
}
END_TEST

/* LX with a second element: LX has one (IK4 3). */
START_TEST(defect_too_many_elements)
{
    EXPECT_EDITS(1, "IK4 3 LX02@28 2400", REPLACE(30, "LX*1*2~"));
}
END_TEST

/* REF02 holding the repetition separator: it does not repeat (IK4 12). */
START_TEST(defect_too_many_repetitions)
{
    EXPECT_EDITS(1, "IK4 12 REF02@24 2300", REPLACE(26, "REF*G1*PA99812^PA99813~"));
}
END_TEST

/* ZZ9 is no X12 segment (IK3 1); the claim goes on. */
START_TEST(defect_unrecognized_segment)
{
    EXPECT_EDITS(1, "IK3 1 ZZ9@24 2300", INSERT_BEFORE(26, "ZZ9*X~"));
}
END_TEST

/* BPR is an X12 segment, but of the 835, not the 837 (IK3 6). */
START_TEST(defect_segment_not_in_set)
{
    EXPECT_EDITS(1, "IK3 6 BPR@24 2300", INSERT_BEFORE(26, "BPR*I*1*C*NON~"));
}
END_TEST

/* SV1 inside the claim before any LX: an 837 segment that has no place
 * here (IK3 2); the claim and its lines are checked normally after it. */
START_TEST(defect_unexpected_segment)
{
    EXPECT_EDITS(1, "IK3 2 SV1@24 2300", INSERT_BEFORE(26, "SV1*HC:99213*10*UN*1***1~"));
}
END_TEST

/* PAT inside a claim: it belongs to the subscriber level earlier (IK3 7;
 * its elements are still checked there: PAT01 is not used in 2000B), and
 * the claim stays open: REF, HI and the lines are in place. */
START_TEST(defect_segment_from_enclosing_loop)
{
    EXPECT_EDITS(1, "IK3 7 PAT@24 2000B; IK4 I10 PAT01@24 2000B", INSERT_BEFORE(26, "PAT*19~"));
}
END_TEST

/* PAT01 on a subscriber who is the patient: 2000B's PAT uses only the
 * death date and weight elements (IK4 I10 on PAT01). */
START_TEST(defect_not_used_element_pat01)
{
    EXPECT_EDITS(1, "IK4 I10 PAT01@17 2000B", INSERT_BEFORE(19, "PAT*19~"));
}
END_TEST

/* The payer loop 2010BB removed: missing, reported at the CLM where it was
 * passed over (position 21). */
START_TEST(defect_missing_payer_loop)
{
    EXPECT_EDITS(1, "IK3 3 NM1@21 2010BB", DELETE(23, 1));
}
END_TEST

/* The service date of line 1 removed (DTP*472 is required in 2400). */
START_TEST(defect_missing_service_date)
{
    EXPECT_EDITS(1, "IK3 3 DTP@30 2400", DELETE(32, 1));
}
END_TEST

/* The last claim without any service line: loop 2400 is required; nothing
 * followed, so the SE's position (48) is given. */
START_TEST(defect_claim_without_lines)
{
    EXPECT_EDITS(1, "IK3 3 LX@48 2400", DELETE(50, 3));
}
END_TEST

/* ABF as the first diagnosis qualifier: no HI slot takes it, the diagnosis
 * HI is assumed and HI01-1 is an invalid code (IK4 7). */
START_TEST(defect_diagnosis_qualifier)
{
    EXPECT_EDITS(1, "IK4 7 HI01-1@25 2300", REPLACE(27, "HI*ABF:J069*ABF:R05~"));
}
END_TEST

/* A 51st service line: loop 2400 repeats at most 50 times (IK3 4 on the
 * 51st LX: lines 3-51 start at position 36, three segments each, so the
 * 51st is at 36 + 3 * 48 = 180). */
START_TEST(defect_too_many_lines)
{
    tbuf b = {0};
    int i;
    char line[120];

    /* The first claim's two lines become 51 (each LX, SV1, DTP). */
    for (i = 3; i <= 51; i++) {
        snprintf(line, sizeof line, "LX*%d~\nSV1*HC:99213*1*UN*1***1~\nDTP*472*D8*20240311~%s",
                 i, i < 51 ? "\n" : "");
        tbuf_str(&b, line);
    }
    {
        const edit eds[] = {INSERT_BEFORE(38, b.p)};
        char *got = edited_sig(eds, 1, 1, 0);
        ck_assert_str_eq(got, "IK3 4 LX@180 2400");
        free(got);
    }
    tbuf_free(&b);
}
END_TEST

/* The subscriber HL says (HL04 1) a patient HL follows but none does: a
 * warning (I12), which only --strict turns into an error. */
START_TEST(defect_hl04_warning_and_strict)
{
    const edit eds[] = {REPLACE(17, "HL*2*1*22*1~")};
    char *lenient = edited_sig(eds, 1, 1, 0), *strict = edited_sig(eds, 1, 1, 1);
    char *text = clean_text();
    x12_validator *v;

    ck_assert_str_eq(lenient, "IK4 I12 HL04@15 2000B");
    ck_assert_str_eq(strict, "IK4 I12 HL04@15 2000B");
    free(lenient);
    free(strict);
    /* Severity: warning when lenient, error when strict. */
    {
        x12_reader *r;
        const x12_segment *seg;
        lines l = split_lines(text);
        char *joined;
        int pass;

        free(l.v[16]);
        l.v[16] = strdup("HL*2*1*22*1~");
        joined = join_lines(&l, 1);
        for (pass = 0; pass < 2; pass++) {
            ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
            x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)pass);
            x12_reader_new(NULL, &r);
            x12_reader_open_buffer(r, joined, strlen(joined));
            while (x12_reader_next(r, &seg) == X12_OK)
                x12_validator_segment(v, seg);
            x12_validator_finish(v);
            ck_assert_uint_eq(x12_validator_total_warnings(v), pass ? 0 : 1);
            ck_assert_uint_eq(x12_validator_total_errors(v), pass ? 1 : 0);
            x12_reader_free(r);
            x12_validator_free(v);
        }
        free(joined);
        free_lines(&l);
    }
    free(text);
}
END_TEST

/* A broken set does not spoil the next one: the first set loses its SE
 * and carries a stray segment, the second (a copy of the clean set) is
 * checked normally and reports nothing. */
START_TEST(resync_next_transaction)
{
    char *text = clean_text();
    lines l = split_lines(text);
    tbuf b = {0};
    size_t i;
    char *sig;

    for (i = 0; i < 2; i++)
        tbuf_str(&b, l.v[i]), tbuf_str(&b, "\n");
    /* set 1: ST..claim, a stray ZZ9, no SE */
    for (i = 2; i < 27; i++)
        tbuf_str(&b, l.v[i]), tbuf_str(&b, "\n");
    tbuf_str(&b, "ZZ9*X~\n");
    /* set 2: the whole clean set with ST02/SE02 0002 */
    for (i = 2; i < 53; i++) {
        if (i == 2)
            tbuf_str(&b, "ST*837*0002*005010X222A1~\n");
        else if (i == 52)
            tbuf_str(&b, "SE*51*0002~\n");
        else
            tbuf_str(&b, l.v[i]), tbuf_str(&b, "\n");
    }
    tbuf_str(&b, "GE*2*4321~\nIEA*1*000004321~\n");
    sig = validate_sig(b.p, b.len, 0);
    /* Set 1: the stray segment, then at its end the loop it never reached
     * (2400, reported at the set's last segment) and the missing SE. */
    ck_assert_str_eq(sig, "IK3 1 ZZ9@26 2300; IK3 3 LX@26 2400; IK5 2");
    free(sig);
    tbuf_free(&b);
    free_lines(&l);
    free(text);
}
END_TEST

/* ---- the corpus -------------------------------------------------------------- */

/*
 * What the validator must report for every public sample file, pinned in
 * tests/data/validate-corpus.tsv (corpus path, TAB, the issue signature; two
 * very long ones as "#summary N issues: TAG CODE xCOUNT, ...").  Each was
 * examined by hand against the guide.  Reasons, by file:
 *
 * imsweb 837P files (x12_valid and the files derived from it) share a base
 * claim file whose real defects against the 5010 guide (not against the
 * parser that published it) are:
 *   - HI*BK*8901*BF*87200*BF:5559 uses element separators where the
 *     composite needs component separators: HI01 holds only "BK" (HI01-2
 *     missing, IK4 1), HI02-1 is "8901" (not ABF/BF, IK4 7) and HI02-2 is
 *     missing, HI03 "BF" lacks its code, HI04-1 "87200" is no qualifier.
 *   - HL*2*1*22*1: HL04 1 promises a patient HL that never comes (warning).
 *   - the second subscriber HL*2*3*22*1 repeats HL01 2 (should be 3) and
 *     names HL 3 as parent (the billing provider HL is 1).
 *   - SE*25 while the set has 34 segments (IK5 4).
 *   - the billing provider's ZIP code N4*MIAMI*FL*33111 has five digits;
 *     for a US address 2010AA wants all nine (IK4 I12 on N403), in every
 *     billing provider loop of every imsweb 837P (twice where a file has
 *     two 2010AA, as in _loop_errors1 and 2, _no_errors and
 *     _missing_required_loop_in_one_repeat).
 * Their designed defects: _bad_valid_code NM1*117 for the billing provider
 * (IK4 7 NM101); _bad_segment_identifier replaces PER, N4 and NM1 by "",
 * "Nd4", "NM31" (IK3 1 each, so 1000A's PER, 2010AA's N4 and 2010BA's NM1
 * are missing, IK3 3); _bad_first_line a 9-character ISA02 (TA1 011);
 * _segment_errors drops N3 (IK3 3), doubles REF*EI (IK3 5), drops HI (IK3 3
 * in 2300), SE*25 for 23; _segments_out_of_order N4 after REF in 2010AA and
 * N3 after N4 in 2010AB (IK3 7 each); _loop_errors1 a second 2010AA (IK3
 * 4); _loop_errors2 a second billing provider HL numbered 1 again (IK4 I12)
 * with two 2010AA (IK3 4); _loop_errors3 no 2010AA (IK3 3 at the NM1*87);
 * _missing_elements NM102 and CLM05 empty (IK4 1); _missing_required_loop_
 * in_one_repeat no 2010BA in the first subscriber (IK3 3), whose HL02 names
 * HL 3 (I12); _missing_required_loops_mult_repeats a claim without LX (the
 * SV1 reopens loop 2400 with its LX missing, IK3 3 at the SV1; its DTP*472
 * then has the invalid format RD9, IK4 7 on DTP02); _multiple_gs three
 * groups under IEA01 1 (TA1 021); _multiple_st and _complex two sets under
 * GE01 1 (AK9 5).  The three groups of _multiple_gs all have GS06 1, so the
 * second and third are not unique in the interchange (AK9 19); the two sets
 * of _multiple_st both have ST02 987654 (IK5 23 on the second).
 * _complex also: NM108 "X" and "MI" where XX is the only
 * code (IK4 7), OI04 A/B/C/D where 5010 allows only P (IK4 7), 2330C
 * without its required REF (IK3 3), FRM with only FRM01 (X12 rule R02030405,
 * IK4 2), and "11" for the state of every service facility and ambulance
 * address (2310C/E/F, 2420C/G/H: no state or province, IK4 7 on N402).
 * _ambiguous_loop and _writer_test carry the HL04 and SE01 defects, the
 * made-up NPI and five-digit ZIP, and a claim HI*BK:1739** whose two
 * separators at the end announce empty elements X12 leaves out (IK4 3 at
 * HI02).  _no_isa_line has no ISA: the reader stops, nothing to validate.
 * NPIs (NM109 after NM108 XX) fail their Luhn check digit (IK4 I12) wherever
 * the samples made them up: 1234567890 for every imsweb billing provider
 * (and line 2420A of _ambiguous_loop), 123456789, 1223939 and the like for
 * _complex's claim and line providers; in moov-io sample.txt every
 * referring, rendering and facility NPI of its eight claims (111212222,
 * 123456789, 7876666666; its billing provider's 1215954003 is valid) -
 * otherwise the file is clean; most LinuxForHealth 837P and 837I billing,
 * rendering, facility and ordering providers (5555511111, 9992233334 ...).
 * LinuxForHealth 837P files say 005010X222A2, an errata release HIPAA did
 * not adopt: validated against X222A1 and, by default, accepted without a
 * finding (X12_ERRATA_REJECT gives one IK5 I6: corpus_errata_reject);
 * example1 is then clean.  All but example1, example11, example12 and
 * ambulance.example5 give the billing provider a five-digit ZIP code (IK4
 * I12 on 2010AA N403).  Several use '>' inside data while ISA16 is ':'
 * (CLM05, HI, SV101 become one long first component: IK4 5/7, the rest
 * missing, IK4 1; SV107 "1>2" is not a number, IK4 6); cob.example4 has
 * AMT*F2 in 2320 (a 4010 code, IK4 7); cob.example3.A lacks the required
 * 2330B; example7/8 send a line PWK*CT*AA, a certification on file at the
 * provider's site, which the guide's line attachment list allows (it was
 * taken for the DME certificate, whose PWK02 is AB/AD/AF/AG/NS, until CT
 * joined that list); ambulance.example5 CLM05 "41::1" lacks CLM05-2 (IK4
 * 1).
 * 837I files (against specs/837i.xml, 005010X223A2):
 *   - the LinuxForHealth ones say 005010X223A3, an errata release HIPAA did
 *     not adopt: validated against X223A2, accepted by default (as the
 *     837Ps).  All send CLM06 "Y", an element the 837I
 *     does not use (IK4 I10).  institutional-claim and
 *     two-claims-single-provider give the billing provider a five-digit ZIP
 *     code (IK4 I12 on 2010AA N403), as x223-test does.  institutional-claim gives the statement
 *     dates DTP*434 as D8 where the guide wants the range RD8 (IK4 7 on
 *     DTP02).  out-of-network and ppo-repriced use '>' inside data while
 *     ISA16 is ':' (CLM05 becomes one 4-character first component, IK4 5,
 *     with CLM05-2/-3 missing, IK4 1; each HI01-1 "BK>53081" is no
 *     qualifier, IK4 7, and HI01-2 missing, IK4 1 - the BF and BH HIs of
 *     ppo-repriced fit no HI slot and are taken for the principal diagnosis;
 *     SV202-1 "HC>82270" likewise).  two-claims-single-provider has only
 *     the CLM06 defect.
 *   - imsweb x223-test (005010X223A2): CLM05-2 "B" (the 837P qualifier; the
 *     837I wants A, IK4 7), CLM06 and CLM10 present (not used, I10); the
 *     statement dates DTP*434 as D8 (IK4 7; they come after the admission
 *     DTP*435, which X12 allows: one position of the standard); the service facility NM1*77 stands after the
 *     other-subscriber loops, where the guide has only 2330F (other payer
 *     service facility: NM103/NM108/NM109 not used there, I10, and its
 *     required REF missing, IK3 3); DTP*304 in a line (an 837P qualifier,
 *     IK4 7 on DTP01); HI*BK:1739** with two separators at the end (IK4
 *     3 at HI02); SE*25 for 48 segments (IK5 4).
 * 835 files: BPR16 missing where the date slid into BPR15 (IK4 1, and the
 * BPR14/15 pair broken, IK4 2), BPR16 20002316 and 20990080 not dates (IK4
 * 8), no PER*BL payer technical contact, required in 1000A (IK3 3), SVC01
 * with '>' for ':' (IK4 7, 1), SVC*HC*...**1 with the code missing and "1"
 * in SVC06 (IK4 1; "1" is no SVC06-1 qualifier, IK4 7; SVC06-2 missing,
 * IK4 1); medicare-part-a's two provider summaries TS3 carry TS309 and
 * TS311, which the 5010 guide does not use (IK4 I10 each); the payee NPI
 * of managed-care 5544667733 and
 * moov sample1's payee and rendering provider "NPI Number" are no NPIs
 * (IK4 I12 on N104 and NM109, each set), and each of its sets ends an SVC
 * with a separator after SVC05 (IK4 3 at SVC06); pyx12 835_mult_loops is
 * clean.
 * 999 files: x12_999_accepted ends with IEA02 000000001 for ISA13
 * 000000286 (TA1 001); x12_999_rejected is clean.
 */
static void summarize(const char *sig, tbuf *out)
{
    /* "#summary N issues: TAG CODE xK, ..." sorted by "TAG CODE" */
    char **keys = NULL;
    size_t *counts = NULL, nkeys = 0, total = 0, i, j;
    const char *p = sig;
    char line[64];

    while (*p) {
        const char *e = strstr(p, "; ");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *sp1 = memchr(p, ' ', n), *sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - p)) : NULL;
        size_t kn = sp2 ? (size_t)(sp2 - p) : n;
        char key[32];

        snprintf(key, sizeof key, "%.*s", (int)kn, p);
        for (i = 0; i < nkeys && strcmp(keys[i], key) != 0; i++)
            ;
        if (i == nkeys) {
            keys = realloc(keys, (nkeys + 1) * sizeof *keys);
            counts = realloc(counts, (nkeys + 1) * sizeof *counts);
            keys[nkeys] = strdup(key);
            counts[nkeys++] = 0;
        }
        counts[i]++;
        total++;
        p += n + (e ? 2 : 0);
    }
    for (i = 0; i < nkeys; i++)
        for (j = i + 1; j < nkeys; j++)
            if (strcmp(keys[j], keys[i]) < 0) {
                char *tk = keys[i];
                size_t tc = counts[i];
                keys[i] = keys[j], counts[i] = counts[j];
                keys[j] = tk, counts[j] = tc;
            }
    snprintf(line, sizeof line, "#summary %zu issues: ", total);
    tbuf_str(out, line);
    for (i = 0; i < nkeys; i++) {
        snprintf(line, sizeof line, "%s%s x%zu", i ? ", " : "", keys[i], counts[i]);
        tbuf_str(out, line);
        free(keys[i]);
    }
    free(keys);
    free(counts);
}

START_TEST(corpus_pinned)
{
    const char *dir = corpus_dir();
    size_t len, checked = 0;
    char *tsv, *line, *save = NULL;

    ck_assert_ptr_nonnull(dir);
    tsv = slurp(data_path("validate-corpus.tsv"), &len);
    ck_assert_ptr_nonnull(tsv);
    for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), path[4096], *data, *sig;
        const char *want;
        size_t dlen;

        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        want = tab + 1;
        snprintf(path, sizeof path, "%s/%s", dir, line);
        data = slurp(path, &dlen);
        ck_assert_msg(data != NULL, "%s missing", path);
        sig = validate_sig(data, dlen, 0);
        if (strncmp(want, "#summary ", 9) == 0) {
            tbuf sum = {0};
            summarize(sig, &sum);
            free(sig);
            sig = sum.p;
        }
        ck_assert_msg(strcmp(sig, want) == 0, "%s:\n got  %s\n want %s", line, sig, want);
        free(sig);
        free(data);
        checked++;
    }
    /* every file of the corpus manifest is pinned */
    ck_assert_uint_eq(checked, 57);
    free(tsv);
}
END_TEST

/* The corpus files that name an errata release (the LinuxForHealth 837Ps
 * say 005010X222A2, the 837Is 005010X223A3, in GS08 and ST03), validated
 * with X12_ERRATA_REJECT: one IK5 I6 before what the default pins, and
 * nothing else changes. */
START_TEST(corpus_errata_reject)
{
    const char *dir = corpus_dir();
    size_t len, checked = 0;
    char *tsv, *line, *save = NULL;

    ck_assert_ptr_nonnull(dir);
    tsv = slurp(data_path("validate-corpus.tsv"), &len);
    ck_assert_ptr_nonnull(tsv);
    for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), path[4096], *data, *sig;
        tbuf want = {0};
        size_t dlen;

        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        if (strstr(line, "/LinuxForHealth-x12__") == NULL || strncmp(line, "835/", 4) == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, line);
        data = slurp(path, &dlen);
        ck_assert_msg(data != NULL, "%s missing", path);
        ck_assert_msg(strstr(data, "*005010X222A2~") != NULL || strstr(data, "*005010X223A3~") != NULL,
                      "%s names no errata release", line);
        tbuf_str(&want, "IK5 I6");
        if (tab[1] != '\0') {
            tbuf_str(&want, "; ");
            tbuf_str(&want, tab + 1);
        }
        sig = validate_sig_errata(data, dlen, 0, X12_ERRATA_REJECT);
        ck_assert_msg(strcmp(sig, want.p) == 0, "%s:\n got  %s\n want %s", line, sig, want.p);
        free(sig);
        tbuf_free(&want);
        free(data);
        checked++;
    }
    ck_assert_uint_eq(checked, 22);
    free(tsv);
}
END_TEST

/* ---- resynchronisation ------------------------------------------------------
 * After a defect the validator picks up at the next segment it can place:
 * a loop whose trigger is missing or unreadable is opened at the first
 * segment that belongs to it (one IK3 3 for the trigger), and every later
 * claim and line is checked in its loop as usual.
 */

/* The second subscriber's HL*3 removed: its SBR opens a new 2000B with the
 * HL missing (IK3 3 at the SBR, position 36), not a 2320 out of sequence in
 * the previous claim; the missing HL kept its number and was the parent of
 * HL*4, so neither HL01 nor HL02 of HL*4 is reported. */
START_TEST(defect_resync_missing_subscriber_hl)
{
    EXPECT_EDITS(1, "IK3 3 HL@36 2000B", DELETE(38, 1));
}
END_TEST

/* The first subscriber's HL, SBR and name loops removed, so the CLM comes
 * straight after the billing provider: it opens 2000B (HL missing) and its
 * claim 2300 (IK3 3 each for HL, SBR and the required 2010BA and 2010BB,
 * all at the CLM, position 15); the claim, its lines and the next
 * subscriber (HL*3, the next number) are checked normally. */
START_TEST(defect_resync_claim_before_subscriber)
{
    EXPECT_EDITS(1,
                 "IK3 3 HL@15 2000B; IK3 3 SBR@15 2000B; IK3 3 NM1@15 2010BA; "
                 "IK3 3 NM1@15 2010BB",
                 DELETE(17, 7));
}
END_TEST

/* The second line's LX garbled (IK3 1 in loop 2400): its SV1, DTP and REF
 * are a new line 2400 with LX missing (IK3 3 at the SV1), not out of
 * sequence in line 1. */
START_TEST(defect_resync_unreadable_lx)
{
    EXPECT_EDITS(1, "IK3 1 ?@32 2400; IK3 3 LX@33 2400", REPLACE(34, "L#*2~"));
}
END_TEST

/* The first CLM garbled (IK3 1, in 2010BB where it stands): its DTP*431
 * opens claim 2300 with the CLM missing (IK3 3 at position 23); REF, HI,
 * the rendering provider and both lines are in place. */
START_TEST(defect_resync_unreadable_clm)
{
    EXPECT_EDITS(1, "IK3 1 ?@22 2010BB; IK3 3 CLM@23 2300",
                 REPLACE(24, "C#M*RFP-24-0107*225***11:B:1*Y*A*Y*Y~"));
}
END_TEST

/* Two garbage segments between the first claim and the next subscriber
 * (IK3 1 each); HL*3 and everything after it are checked normally. */
START_TEST(defect_resync_garbage_between_claims)
{
    EXPECT_EDITS(1, "IK3 1 ?@36 2400; IK3 1 XX@37 2400",
                 INSERT_BEFORE(38, "GARBAGE*1~\nXX*2~"));
}
END_TEST

/* ---- situational rules (<when> in the spec) ----------------------------------
 * 2300 REF*F8, the payer's claim control number: "Required when CLM05-3
 * indicates this claim is a replacement or void ... If not required by
 * this implementation guide, do not send."
 */

/* The first claim made a replacement (CLM05-3 7) without REF*F8: IK3 3 at
 * its CLM (position 22) when the claim closes. */
START_TEST(defect_replacement_without_f8)
{
    EXPECT_EDITS(1, "IK3 3 REF@22 2300",
                 REPLACE(24, "CLM*RFP-24-0107*225***11:B:7*Y*A*Y*Y~"));
}
END_TEST

/* A void (8) of the second claim without REF*F8: the message names the
 * rule and its reason. */
START_TEST(defect_void_without_f8_message)
{
    const edit eds[] = {REPLACE(48, "CLM*RFP-24-0112*95***11:B:8*Y*A*Y*Y~")};
    char *got = edited_sig(eds, 1, 1, 0);
    char *text = clean_text();
    lines l = split_lines(text);
    char *joined, *msg = NULL;
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    size_t i;

    ck_assert_str_eq(got, "IK3 3 REF@46 2300");
    free(got);
    free(l.v[47]);
    l.v[47] = strdup("CLM*RFP-24-0112*95***11:B:8*Y*A*Y*Y~");
    joined = join_lines(&l, 1);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, joined, strlen(joined)), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    for (;;) {
        int more = x12_reader_next(r, &seg) == X12_OK;
        if (more)
            x12_validator_segment(v, seg);
        else
            x12_validator_finish(v);
        for (i = 0; i < x12_validator_issue_count(v); i++)
            if (msg == NULL)
                msg = strdup(x12_error_message(x12_issue_error(x12_validator_issue_at(v, i))));
        if (!more)
            break;
    }
    ck_assert_ptr_nonnull(msg);
    ck_assert_str_eq(msg, "REF*F8 in loop 2300 is required when CLM05-3 is 7 or 8 "
                          "(a replacement or void)");
    free(msg);
    x12_validator_free(v);
    x12_reader_free(r);
    free(joined);
    free_lines(&l);
    free(text);
}
END_TEST

/* An original claim (CLM05-3 1) carrying REF*F8: not to be sent (IK3 I9,
 * implementation dependent "not used" segment present, on the REF). */
START_TEST(defect_original_with_f8)
{
    EXPECT_EDITS(1, "IK3 I9 REF@25 2300", INSERT_BEFORE(27, "REF*F8*PAYERCCN0107~"));
}
END_TEST

/* A replacement with its REF*F8 is clean. */
START_TEST(replacement_with_f8_is_clean)
{
    EXPECT_EDITS(1, "", REPLACE(24, "CLM*RFP-24-0107*225***11:B:7*Y*A*Y*Y~"),
                 INSERT_BEFORE(27, "REF*F8*PAYERCCN0107~"));
}
END_TEST

/* Every message the validator gives for the clean fixture after edits,
 * joined by " | " (caller frees). */
static char *edited_messages(const edit *eds, size_t n)
{
    char *text = clean_text();
    lines l = split_lines(text);
    tbuf out = {0};
    char *joined;
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    size_t k, i;

    for (k = n; k-- > 0;) {
        const edit *e = &eds[k];
        lines ins = split_lines(e->ins ? e->ins : "");
        size_t at = (size_t)e->at - 1;
        for (i = 0; i < (size_t)e->del; i++)
            free(l.v[at + i]);
        memmove(l.v + at, l.v + at + e->del, (l.n - at - (size_t)e->del) * sizeof *l.v);
        l.n -= (size_t)e->del;
        l.v = realloc(l.v, (l.n + ins.n + 1) * sizeof *l.v);
        memmove(l.v + at + ins.n, l.v + at, (l.n - at) * sizeof *l.v);
        for (i = 0; i < ins.n; i++)
            l.v[at + i] = ins.v[i];
        l.n += ins.n;
        free(ins.v);
    }
    joined = join_lines(&l, 1);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, joined, strlen(joined)), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    for (;;) {
        int more = x12_reader_next(r, &seg) == X12_OK;
        if (more)
            x12_validator_segment(v, seg);
        else
            x12_validator_finish(v);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            if (out.len)
                tbuf_str(&out, " | ");
            tbuf_str(&out, x12_error_message(x12_issue_error(x12_validator_issue_at(v, i))));
        }
        if (!more)
            break;
    }
    if (out.p == NULL)
        tbuf_add(&out, "", 0);
    x12_validator_free(v);
    x12_reader_free(r);
    free(joined);
    free_lines(&l);
    free(text);
    return out.p;
}

#define EXPECT_MESSAGES(want, ...)                                     \
    do {                                                               \
        const edit eds_[] = {__VA_ARGS__};                             \
        char *got_ = edited_messages(eds_, sizeof eds_ / sizeof eds_[0]); \
        ck_assert_str_eq(got_, (want));                                \
        free(got_);                                                    \
    } while (0)

/* A repetition separator at the end of an element that does not repeat
 * (REF02 "PA99812^") is a trailing separator, reported once as such (IK4
 * 12), not as a second repetition; in the middle it is a second one. */
START_TEST(defect_trailing_repetition_separator)
{
    EXPECT_EDITS(1, "IK4 12 REF02@24 2300", REPLACE(26, "REF*G1*PA99812^~"));
    EXPECT_MESSAGES("REF02 ends with a repetition separator: X12 leaves out the separators of "
                    "empty repetitions at the end",
                    REPLACE(26, "REF*G1*PA99812^~"));
    EXPECT_MESSAGES("REF02 does not repeat but has 2 repetitions",
                    REPLACE(26, "REF*G1*PA99812^PA99813~"));
}
END_TEST

/* ---- States and Provinces (N402, X12 code source 22) --------------------------
 * Every N4 of the guide: N402 "Required when the address is in the United
 * States of America, including its territories, or Canada.  If not
 * required by this implementation guide, do not send."; N407 (country
 * subdivision) is required for other countries that have subdivisions,
 * and not sent for US and Canadian addresses.  US addresses leave N404
 * out; Canadian ones say CA.
 */

/* The payer's address (2010BB) given as N4*CITYNAME*NA, as a public
 * sample does: NA is no state or province (IK4 7, the code quoted); the
 * address, a US one as far as N404 tells, has no ZIP code either (IK4 I9,
 * N403 below). */
START_TEST(defect_state_not_in_list)
{
    EXPECT_EDITS(1, "IK4 7 N402@23 2010BB; IK4 I9 N403@23 2010BB",
                 INSERT_BEFORE(24, "N3*PO BOX 9100~\nN4*CITYNAME*NA~"));
    EXPECT_MESSAGES("N402 'NA' is not a US state, territory or military, or Canadian province "
                    "code",
                    INSERT_BEFORE(24, "N3*PO BOX 9100~\nN4*CITYNAME*NA*97208~"));
}
END_TEST

/* A US address (no N404) without its state: required there (IK4 I9,
 * implementation dependent element missing). */
START_TEST(defect_state_missing_us)
{
    EXPECT_EDITS(1, "IK4 I9 N402@10 2010AA", REPLACE(12, "N4*PORTLAND**972014410~"));
    EXPECT_MESSAGES("N402 is required when N404 is absent, US or CA",
                    REPLACE(12, "N4*PORTLAND**972014410~"));
}
END_TEST

/* Canadian provinces, US territories and military mail are in the list;
 * a French address carries its subdivision in N407 and no N402. */
START_TEST(states_provinces_and_abroad_clean)
{
    EXPECT_EDITS(1, "", REPLACE(21, "N4*TORONTO*ON*M5V2T6*CA~"));
    EXPECT_EDITS(1, "", REPLACE(21, "N4*SAN JUAN*PR*009011234~"));
    EXPECT_EDITS(1, "", REPLACE(46, "N4*APO*AE*09001~"));
    EXPECT_EDITS(1, "", REPLACE(21, "N4*LYON**69001*FR***ARA~"));
    EXPECT_EDITS(1, "", REPLACE(21, "N4*PORTLAND*OR*97201*US~"));
}
END_TEST

/* Outside the US and Canada N402 is not used (IK4 I13); a Canadian
 * address gives its province in N402, not N407 (I9 and I13). */
START_TEST(defect_state_abroad)
{
    EXPECT_EDITS(1, "IK4 I13 N402@19 2010BA", REPLACE(21, "N4*LYON*RH*69001*FR~"));
    EXPECT_MESSAGES("N402 is not used unless N404 is absent, US or CA",
                    REPLACE(21, "N4*LYON*RH*69001*FR~"));
    EXPECT_EDITS(1, "IK4 I9 N402@19 2010BA; IK4 I13 N407@19 2010BA",
                 REPLACE(21, "N4*TORONTO**M5V2T6*CA***ON~"));
}
END_TEST

/* ---- N403: the postal code of a US or Canadian address --------------------------
 * Every N4 of the guide: N403 "Required when the address is in the United
 * States of America, including its territories, or Canada, or when a
 * postal code exists for the country in N404" - the last part cannot be
 * known, so for other countries N403 stays situational.
 */

/* A US subscriber address without its ZIP code (IK4 I9); a Canadian one
 * without its postal code; the billing provider's (2010AA, where the
 * ZIP+4 rule also lives): I9, not a pattern error. */
START_TEST(defect_postal_code_missing)
{
    EXPECT_EDITS(1, "IK4 I9 N403@19 2010BA", REPLACE(21, "N4*BEAVERTON*OR~"));
    EXPECT_MESSAGES("N403 is required when N404 is absent, US or CA",
                    REPLACE(21, "N4*BEAVERTON*OR~"));
    EXPECT_EDITS(1, "IK4 I9 N403@19 2010BA", REPLACE(21, "N4*TORONTO*ON**CA~"));
    EXPECT_EDITS(1, "IK4 I9 N403@10 2010AA", REPLACE(12, "N4*PORTLAND*OR~"));
    EXPECT_EDITS(1, "IK4 I9 N403@44 2010CA", REPLACE(46, "N4*HILLSBORO*OR~"));
}
END_TEST

/* Abroad the postal code is the sender's to give or not: a French address
 * with or without one is clean. */
START_TEST(postal_code_abroad_clean)
{
    EXPECT_EDITS(1, "", REPLACE(21, "N4*LYON**69001*FR***ARA~"));
    EXPECT_EDITS(1, "", REPLACE(21, "N4*LYON***FR***ARA~"));
}
END_TEST

/* ---- the billing provider's ZIP+4 ---------------------------------------------
 * 2010AA N403: for a US address the guide wants the full nine-digit ZIP
 * code; other addresses (pay-to, subscriber ...) may give five digits.
 */

/* Five digits for the billing provider (IK4 I12, the value not quoted);
 * a hyphenated ZIP+4 is no nine-digit code either. */
START_TEST(defect_billing_zip_five_digits)
{
    EXPECT_EDITS(1, "IK4 I12 N403@10 2010AA", REPLACE(12, "N4*PORTLAND*OR*97201~"));
    EXPECT_EDITS(1, "IK4 I12 N403@10 2010AA", REPLACE(12, "N4*PORTLAND*OR*97201-4410~"));
    EXPECT_MESSAGES("N403 must be a nine-digit ZIP code (ZIP+4, no hyphen) for this address",
                    REPLACE(12, "N4*PORTLAND*OR*97201~"));
}
END_TEST

/* The rule is the billing provider's and US only: a five-digit pay-to ZIP
 * and a Canadian billing address are clean. */
START_TEST(billing_zip_rule_scope)
{
    EXPECT_EDITS(1, "", REPLACE(16, "N4*PORTLAND*OR*97208~"));
    EXPECT_EDITS(1, "", REPLACE(12, "N4*TORONTO*ON*M5V2T6*CA~"));
}
END_TEST

/* ---- NPI check digits ----------------------------------------------------------
 * An NPI (NM109 when NM108 is XX) is ten digits, the last the Luhn check
 * digit of 80840 and the first nine: x12 build refuses a wrong one, and
 * the validator reports it (IK4 I12, the NPI never quoted).
 */

/* The billing provider's NPI with a wrong check digit, the rendering
 * provider's with nine digits. */
START_TEST(defect_npi_check_digit)
{
    EXPECT_EDITS(1, "IK4 I12 NM109@8 2010AA",
                 REPLACE(10, "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567890~"));
    EXPECT_EDITS(1, "IK4 I12 NM109@26 2310B",
                 REPLACE(28, "NM1*82*1*OKAFOR*ADAEZE****XX*149775854~"));
    EXPECT_MESSAGES("NM109 is not a valid NPI (10 digits, the last a Luhn check digit over "
                    "80840 and the first nine)",
                    REPLACE(10, "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567890~"));
}
END_TEST

/* ---- segments at one position of the standard ----------------------------------
 * The guide describes each qualifier of a segment at one position of the
 * standard (2300 REF at 1800: REF*G1, REF*D9, REF*EA ...) as an entry of
 * its own; X12 lets them come in any order, and each keeps its maximum use.
 */

/* REF*EA before REF*D9 in a claim, as a payer's sample sends them (the
 * guide lists D9 first): clean.  A second REF*EA is one too many (IK3 5,
 * counted per entry, not per run); REF*G1 after HI, a later position, is
 * out of sequence (IK3 7). */
START_TEST(same_position_any_order)
{
    EXPECT_EDITS(1, "", INSERT_BEFORE(27, "REF*EA*MR0107~\nREF*D9*TRACE0107~"));
    EXPECT_EDITS(1, "IK3 5 REF@27 2300",
                 INSERT_BEFORE(27, "REF*EA*MR0107~\nREF*D9*TRACE0107~\nREF*EA*MR0108~"));
    EXPECT_EDITS(1, "IK3 7 REF@25 2300", DELETE(26, 1), INSERT_BEFORE(28, "REF*G1*PA99812~"));
    /* the line's REF*6R before its date, both of loop 2400 but at two
     * positions (DTP 4550, REF 4700): out of sequence */
    EXPECT_EDITS(1, "IK3 7 DTP@31 2400", REPLACE(32, "REF*6R*RFP107L1~"),
                 REPLACE(33, "DTP*472*D8*20240311~"));
}
END_TEST

/* ---- 2400 PWK: CT in both lists ---------------------------------------------------
 * PWK01 CT (certification) is a line attachment type (PWK02 AA, BM, EL,
 * EM, FT, FX) and the DME certificate of medical necessity (PWK02 AB, AD,
 * AF, AG, NS): PWK02 decides which (key2 in the spec).
 */

/* PWK*CT*AA, a certification available on request at the provider's site
 * (as public samples send it), was taken for the DME certificate and AA
 * rejected: now clean, and so is the certificate PWK*CT*AB beside it; a
 * second certificate is one too many (IK3 5); CT with no known PWK02 is a
 * bad PWK02 of the line attachment (IK4 7). */
START_TEST(line_pwk_ct_attachment)
{
    EXPECT_EDITS(1, "", INSERT_BEFORE(32, "PWK*CT*AA~"));
    EXPECT_EDITS(1, "", INSERT_BEFORE(32, "PWK*CT*AB~"));
    EXPECT_EDITS(1, "", INSERT_BEFORE(32, "PWK*CT*AA~\nPWK*CT*AB~"));
    /* both at position 4200 of the standard: either order */
    EXPECT_EDITS(1, "", INSERT_BEFORE(32, "PWK*CT*AB~\nPWK*CT*AA~"));
    EXPECT_EDITS(1, "IK3 5 PWK@31 2400", INSERT_BEFORE(32, "PWK*CT*AB~\nPWK*CT*AD~"));
    EXPECT_EDITS(1, "IK4 7 PWK02@30 2400", INSERT_BEFORE(32, "PWK*CT*ZZ~"));
}
END_TEST

/* ---- trailing separators ------------------------------------------------------------
 * X12 ends a segment at its last element with data and a composite at its
 * last component with data; the separators of empty elements or
 * components at the end are left out.  999 codes: IK4 3 (too many data
 * elements) at the first empty element, IK4 13 (too many components) at
 * the first empty component.
 */

/* HI*BK:1739**, as public samples send it: two separators too many after
 * the last diagnosis (IK4 3 at HI03); one after REF02 (IK4 3 at REF03). */
START_TEST(defect_trailing_element_separators)
{
    EXPECT_EDITS(1, "IK4 3 HI03@25 2300", REPLACE(27, "HI*ABK:J069*ABF:R05**~"));
    EXPECT_EDITS(1, "IK4 3 REF03@24 2300", REPLACE(26, "REF*G1*PA99812*~"));
    EXPECT_MESSAGES("HI ends with 2 empty elements (from HI03 on): X12 leaves out the separators "
                    "of empty elements at the end of a segment",
                    REPLACE(27, "HI*ABK:J069*ABF:R05**~"));
}
END_TEST

/* "ABK:J069:": a component separator after the last component with data
 * (IK4 13 at the empty third component); empty elements inside a segment
 * keep their separators and are fine. */
START_TEST(defect_trailing_component_separator)
{
    EXPECT_EDITS(1, "IK4 13 HI01-3@25 2300", REPLACE(27, "HI*ABK:J069:*ABF:R05~"));
    EXPECT_EDITS(1, "IK4 13 SV101-3@29 2400", REPLACE(31, "SV1*HC:99213:*150*UN*1***1:2~"));
    EXPECT_EDITS(1, "", REPLACE(31, "SV1*HC:99213::25*150*UN*1***1:2~"));
    EXPECT_MESSAGES("HI01 ends with a component separator: X12 leaves out the separators of "
                    "empty components at the end",
                    REPLACE(27, "HI*ABK:J069:*ABF:R05~"));
}
END_TEST

/* ---- errata releases (X12_VOPT_ERRATA) ---------------------------------------------
 * HIPAA adopted 005010X222A1 (837P) and 005010X223A2 (837I); real files
 * often say 005010X222A2 or 005010X223A3.  Such a set is validated
 * against the adopted guide; the option decides whether the later id is
 * accepted (the default: no finding) or rejected (one IK5 I6 error).
 */

/* Every issue (code and level tag) and the error count for `text` under
 * errata mode `mode` (-1: the default, option not set). */
static char *errata_sig(const char *text, int mode, uint64_t *errors)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    tbuf out = {0};
    size_t i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, text, strlen(text)), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    if (mode >= 0)
        ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_ERRATA, (uint64_t)mode), X12_OK);
    for (;;) {
        int more = x12_reader_next(r, &seg) == X12_OK;
        if (more)
            x12_validator_segment(v, seg);
        else
            x12_validator_finish(v);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            const x12_issue *is = x12_validator_issue_at(v, i);
            if (out.len)
                tbuf_str(&out, "; ");
            tbuf_str(&out, x12_issue_code(is));
            tbuf_str(&out, " ");
            tbuf_str(&out, x12_error_message(x12_issue_error(is)));
        }
        if (!more)
            break;
    }
    *errors = x12_validator_total_errors(v);
    if (out.p == NULL)
        tbuf_add(&out, "", 0);
    x12_validator_free(v);
    x12_reader_free(r);
    return out.p;
}

/* The clean fixture with GS08 and ST03 set to `id`; caller frees. */
static char *with_version(const char *id)
{
    char *text = clean_text(), *p;
    tbuf b = {0};

    p = strstr(text, "005010X222A1~\nST*837*0001*005010X222A1~");
    ck_assert_ptr_nonnull(p);
    tbuf_add(&b, text, (size_t)(p - text));
    tbuf_str(&b, id);
    tbuf_str(&b, "~\nST*837*0001*");
    tbuf_str(&b, id);
    tbuf_str(&b, p + strlen("005010X222A1~\nST*837*0001*005010X222A1"));
    free(text);
    return b.p;
}

/* 005010X222A2 in GS08 and ST03: accepted without a finding by default
 * and with X12_ERRATA_ACCEPT; one IK5 I6 error with X12_ERRATA_REJECT
 * (before: a warning and an IK4 7 on ST03).  Another release number, or
 * the original release without one, is treated the same. */
START_TEST(errata_release_accept_or_reject)
{
    char *text = with_version("005010X222A2"), *sig;
    uint64_t errors;

    sig = errata_sig(text, -1, &errors);
    ck_assert_str_eq(sig, "");
    ck_assert_uint_eq(errors, 0);
    free(sig);
    sig = errata_sig(text, X12_ERRATA_ACCEPT, &errors);
    ck_assert_str_eq(sig, "");
    free(sig);
    sig = errata_sig(text, X12_ERRATA_REJECT, &errors);
    ck_assert_str_eq(sig, "I6 005010X222A2 is an errata release HIPAA did not adopt (the "
                          "errata option rejects it); validated against 005010X222A1");
    ck_assert_uint_eq(errors, 1);
    free(sig);
    free(text);
    text = with_version("005010X222");
    sig = errata_sig(text, X12_ERRATA_REJECT, &errors);
    ck_assert_str_eq(sig, "I6 005010X222 is the guide's original release, before the errata "
                          "HIPAA adopted (the errata option rejects it); validated against "
                          "005010X222A1");
    free(sig);
    sig = errata_sig(text, -1, &errors);
    ck_assert_str_eq(sig, "");
    free(sig);
    free(text);
    /* the errata release still gets every other finding: a bad code */
    text = with_version("005010X222A3");
    {
        char *p = strstr(text, "11:B:1");
        ck_assert_ptr_nonnull(p);
        p[5] = '9';
    }
    sig = errata_sig(text, X12_ERRATA_REJECT, &errors);
    ck_assert_str_eq(sig, "I6 005010X222A3 is an errata release HIPAA did not adopt (the "
                          "errata option rejects it); validated against 005010X222A1; "
                          "7 CLM05-3 Claim Frequency Type Code '9' not one of 1,6,7,8");
    free(sig);
    free(text);
}
END_TEST

/* An id that starts like the guide but is no release of it is one IK5 I6
 * error whatever the option; the option takes only its two values. */
START_TEST(errata_not_a_release)
{
    char *text = with_version("005010X222-X"), *sig;
    uint64_t errors;
    x12_validator *v;

    sig = errata_sig(text, X12_ERRATA_ACCEPT, &errors);
    ck_assert_str_eq(sig, "I6 005010X222-X is no release of the 005010X222 guide; validated "
                          "against 005010X222A1");
    ck_assert_uint_eq(errors, 1);
    free(sig);
    free(text);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_ERRATA, 2), X12_EINVAL);
    x12_validator_free(v);
}
END_TEST

/* The 999 of a rejected errata set: IK5*R*I6; accepted: IK5*A. */
START_TEST(errata_in_the_999)
{
    char *text = with_version("005010X222A2");
    int mode;

    for (mode = 0; mode < 2; mode++) {
        x12_reader *r;
        x12_validator *v;
        x12_writer *w;
        x12_ack *ack;
        const x12_segment *seg;
        size_t n;
        const char *out;
        char *copy;

        ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
        ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_ERRATA, (uint64_t)mode), X12_OK);
        ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
        ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
        ck_assert_int_eq(x12_ack_new(NULL, X12_ACK_999, w, &ack), X12_OK);
        ck_assert_int_eq(x12_ack_set_time(ack, "20240316", "0800"), X12_OK);
        ck_assert_int_eq(x12_ack_attach(ack, v), X12_OK);
        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, text, strlen(text)), X12_OK);
        while (x12_reader_next(r, &seg) == X12_OK)
            x12_validator_segment(v, seg);
        x12_validator_finish(v);
        ck_assert_int_eq(x12_writer_finish(w), X12_OK);
        out = x12_writer_memory(w, &n);
        copy = strndup(out, n);
        ck_assert_msg(strstr(copy, mode ? "AK2*837*0001*005010X222A2~IK5*R*I6~"
                                        : "AK2*837*0001*005010X222A2~IK5*A~") != NULL,
                      "%s", copy);
        free(copy);
        x12_reader_free(r);
        x12_validator_free(v);
        x12_ack_free(ack);
        x12_writer_free(w);
    }
    free(text);
}
END_TEST

/* An auto accident's state (CLM11-4) takes the same list. */
START_TEST(defect_accident_state)
{
    EXPECT_EDITS(1, "", REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**AA:::OR~"));
    EXPECT_EDITS(1, "IK4 7 CLM11-4@22 2300",
                 REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**AA:::XO~"));
    /* the list holds whatever the related cause: an employment accident
     * that names a state names a real one */
    EXPECT_EDITS(1, "IK4 7 CLM11-4@22 2300",
                 REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**EM:::XO~"));
}
END_TEST

/* CLM11-4, the auto accident state: "Required when CLM11-1 or CLM11-2
 * has a value of AA" - a condition on other components of the same
 * composite (ifcomp).  An auto accident without its state is IK4 I9 at
 * CLM11-4, whether AA is the first related cause or the second; an
 * employment accident or another accident needs none. */
START_TEST(defect_accident_state_missing)
{
    EXPECT_EDITS(1, "IK4 I9 CLM11-4@22 2300",
                 REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**AA~"));
    EXPECT_EDITS(1, "IK4 I9 CLM11-4@22 2300",
                 REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**EM:AA~"));
    EXPECT_MESSAGES("CLM11-4 is required when CLM11-1 or CLM11-2 is AA",
                    REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**EM:AA~"));
    EXPECT_EDITS(1, "", REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**EM~"));
    EXPECT_EDITS(1, "", REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**OA:EM~"));
    EXPECT_EDITS(1, "", REPLACE(24, "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y**EM:AA::WA~"));
}
END_TEST

static Suite *make_suite(void)
{
    Suite *s = suite_create("validate-837p");
    TCase *tc = tcase_create("837p");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, clean_fixture_is_clean);
    tcase_add_test(tc, defect_missing_required_loop_2010aa);
    tcase_add_test(tc, defect_missing_required_segment);
    tcase_add_test(tc, defect_segment_out_of_order);
    tcase_add_test(tc, defect_segment_over_max_use);
    tcase_add_test(tc, defect_loop_over_max_repeat);
    tcase_add_test(tc, defect_bad_qualifier);
    tcase_add_test(tc, defect_element_too_long);
    tcase_add_test(tc, defect_element_too_short);
    tcase_add_test(tc, defect_bad_date);
    tcase_add_test(tc, defect_date_range_reversed);
    tcase_add_test(tc, defect_bad_time);
    tcase_add_test(tc, defect_invalid_code_component);
    tcase_add_test(tc, defect_wrong_hl_parent);
    tcase_add_test(tc, defect_hl_numbering);
    tcase_add_test(tc, defect_not_used_element);
    tcase_add_test(tc, defect_bad_hl_level);
    tcase_add_test(tc, defect_se_count);
    tcase_add_test(tc, defect_se_control);
    tcase_add_test(tc, defect_se_missing);
    tcase_add_test(tc, defect_ge_count);
    tcase_add_test(tc, defect_iea_control);
    tcase_add_test(tc, defect_isa_date);
    tcase_add_test(tc, envelope_rules_once);
    tcase_add_test(tc, defect_required_element_missing);
    tcase_add_test(tc, defect_paired_elements);
    tcase_add_test(tc, defect_exclusion);
    tcase_add_test(tc, defect_invalid_character);
    tcase_add_test(tc, defect_too_many_components);
    tcase_add_test(tc, defect_too_many_elements);
    tcase_add_test(tc, defect_too_many_repetitions);
    tcase_add_test(tc, defect_unrecognized_segment);
    tcase_add_test(tc, defect_segment_not_in_set);
    tcase_add_test(tc, defect_unexpected_segment);
    tcase_add_test(tc, defect_segment_from_enclosing_loop);
    tcase_add_test(tc, defect_not_used_element_pat01);
    tcase_add_test(tc, defect_missing_payer_loop);
    tcase_add_test(tc, defect_missing_service_date);
    tcase_add_test(tc, defect_claim_without_lines);
    tcase_add_test(tc, defect_diagnosis_qualifier);
    tcase_add_test(tc, defect_too_many_lines);
    tcase_add_test(tc, defect_hl04_warning_and_strict);
    tcase_add_test(tc, resync_next_transaction);
    tcase_add_test(tc, defect_resync_missing_subscriber_hl);
    tcase_add_test(tc, defect_resync_claim_before_subscriber);
    tcase_add_test(tc, defect_resync_unreadable_lx);
    tcase_add_test(tc, defect_resync_unreadable_clm);
    tcase_add_test(tc, defect_resync_garbage_between_claims);
    tcase_add_test(tc, defect_replacement_without_f8);
    tcase_add_test(tc, defect_void_without_f8_message);
    tcase_add_test(tc, defect_original_with_f8);
    tcase_add_test(tc, replacement_with_f8_is_clean);
    tcase_add_test(tc, defect_state_not_in_list);
    tcase_add_test(tc, defect_state_missing_us);
    tcase_add_test(tc, states_provinces_and_abroad_clean);
    tcase_add_test(tc, defect_state_abroad);
    tcase_add_test(tc, defect_accident_state);
    tcase_add_test(tc, defect_accident_state_missing);
    tcase_add_test(tc, defect_postal_code_missing);
    tcase_add_test(tc, postal_code_abroad_clean);
    tcase_add_test(tc, defect_trailing_repetition_separator);
    tcase_add_test(tc, defect_billing_zip_five_digits);
    tcase_add_test(tc, billing_zip_rule_scope);
    tcase_add_test(tc, defect_npi_check_digit);
    tcase_add_test(tc, same_position_any_order);
    tcase_add_test(tc, line_pwk_ct_attachment);
    tcase_add_test(tc, defect_trailing_element_separators);
    tcase_add_test(tc, defect_trailing_component_separator);
    tcase_add_test(tc, errata_release_accept_or_reject);
    tcase_add_test(tc, errata_not_a_release);
    tcase_add_test(tc, errata_in_the_999);
    suite_add_tcase(s, tc);
    tc = corpus_tcase(); /* tests/check_validate_837p_corpus */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, corpus_pinned);
    tcase_add_test(tc, corpus_errata_reject);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
