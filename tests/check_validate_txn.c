/*
 * The validator against the guides of the first and last steps of a
 * biller's day: 270/271 eligibility (005010X279A1), 276/277 claim status
 * (005010X212) and the 277CA claim acknowledgment (005010X214).
 *
 *  - guide choice: ST01 + ST03 pick the built-in guide (270 and 271 share
 *    one guide id, 277 and 277CA one transaction set id);
 *  - the hand-made fixtures of tests/data (an eligibility inquiry with a
 *    dependent, eligibility responses with benefits, dependents and
 *    rejections, a 276 as x12 build writes it, a 277 with line statuses,
 *    a 277CA rejecting one claim of three) validate clean, and each edit
 *    below gives exactly the 999 codes and positions expected, with a
 *    valid 999 for it (validate_util.c);
 *  - the element rules these guides share with the 837 and 835 ones:
 *    ST03 names the guide (errata releases as the errata option says),
 *    N402/N403/N407 by country, NPI check digits where NM108 is XX and
 *    where a REF or PRV qualifier is HPI;
 *  - the public samples of ../shared/x12/corpus-270-277 are pinned by
 *    tests/check_txn_corpus.c.
 */
#include "validate_util.h"

static void expect_clean(const char *fixture)
{
    char *text = fixture_text(fixture);
    char *sig = validate_sig(text, strlen(text), 1);

    ck_assert_msg(sig[0] == '\0', "%s: %s", fixture, sig);
    assert_999_valid(text, strlen(text));
    free(sig);
    free(text);
}

/* ---- guide choice ---------------------------------------------------------- */

START_TEST(guides_built_in)
{
    static const struct {
        const char *set, *version, *name;
    } g[] = {
        {"270", "005010X279A1", "Health Care Eligibility Benefit Inquiry"},
        {"271", "005010X279A1", "Health Care Eligibility Benefit Response"},
        {"276", "005010X212", "Health Care Claim Status Request"},
        {"277", "005010X212", "Health Care Claim Status Response"},
        {"277", "005010X214", "Health Care Claim Acknowledgment"},
    };
    size_t i;
    int exact;

    for (i = 0; i < sizeof g / sizeof g[0]; i++) {
        const x12_spec *s = x12_spec_builtin_for(g[i].set, g[i].version, &exact);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(exact, 1);
        ck_assert_str_eq(x12_spec_set_id(s), g[i].set);
        ck_assert_str_eq(x12_spec_id(s), g[i].version);
        ck_assert_str_eq(x12_spec_name(s), g[i].name);
        ck_assert_uint_gt(x12_spec_loop_count(s), 8);
    }
    /* A 277 that names the 277CA guide is not taken for a 277 response,
     * nor the other way round; a 276 is never a 277. */
    ck_assert_str_eq(x12_spec_name(x12_spec_builtin_for("277", "005010X214", NULL)),
                     "Health Care Claim Acknowledgment");
    ck_assert_ptr_null(x12_spec_builtin_for("276", "005010X214", NULL));
    ck_assert_ptr_null(x12_spec_builtin_for("270", "005010X212", NULL));
}
END_TEST

/* ---- the hand-made fixtures -------------------------------------------------- */

START_TEST(fixtures_clean)
{
    expect_clean("elig-270-inquiry.x12");
    expect_clean("elig-271-benefits.x12");
    expect_clean("elig-271-dependents.x12");
    expect_clean("elig-271-rejected.x12");
    expect_clean("status-277-lines.x12");
    expect_clean("status-277ca-one-rejected.x12");
    expect_clean("status-sent.276");
    expect_clean("status-sent.837");
}
END_TEST

/* ---- defects in the fixtures ----------------------------------------------------
 * Each case: a fixture, the 999 codes and positions the validator gives
 * once its lines are edited (validate_util.h: REPLACE, DELETE,
 * INSERT_BEFORE; SE01 fixed), and a valid 999 for it.  "" is clean. */
static const struct defect {
    const char *fixture, *want;
    edit edits[3]; /* up to three; the unused ones are {0} */
} defects[] = {
    /* 271: a benefit code the guide does not have (EB01 "Z"), a service type
     * that is no service type (EB03 "ZZ"), an in-network flag "X": IK4 7 on
     * each, in 2110C; a coverage level of the subscriber's list used for a
     * dependent ("EMP", not in 2110D's list): IK4 7 in 2110D. */
    {"elig-271-benefits.x12", "IK4 7 EB01@21 2110C; IK4 7 EB03@23 2110C; IK4 7 EB12@24 2110C",
     {REPLACE(23, "EB*Z*IND*30*C1*GOLD PPO 2025~"),
      REPLACE(25, "EB*C*IND*ZZ***23*1500*****Y~"),
      REPLACE(26, "EB*C*IND*30***29*600*****X~")}},
    {"elig-271-dependents.x12", "IK4 7 EB02@22 2110D", {REPLACE(24, "EB*1*EMP*30**SILVER HMO~")}},
    /* 271: the subscriber's name (NM1*IL, the trigger of 2100C) removed: the
     * REF and DMG after the TRN open 2100C with NM1 missing (IK3 3); a quantity
     * without its qualifier (EB10 without EB09, X12 syntax P0910: IK4 2). */
    {"elig-271-benefits.x12", "IK3 3 NM1@11 2100C", {DELETE(13, 1)}},
    {"elig-271-benefits.x12", "IK4 2 EB09@37 2110C",
     {REPLACE(39, "EB*F*IND*AD^AE***23****20**Y~")}},
    /* 271: AAA reject reasons are listed per level: 75 (subscriber not found)
     * is a subscriber-level reason, not one of the information source's (IK4
     * 7 on AAA03 in 2000A); a follow-up action P (resubmit original) is not
     * allowed at subscriber level (IK4 7 on AAA04 in 2100C). */
    {"elig-271-rejected.x12", "IK4 7 AAA03@4 2000A", {REPLACE(34, "AAA*N**75*R~")}},
    {"elig-271-rejected.x12", "IK4 7 AAA04@10 2100C", {REPLACE(12, "AAA*Y**75*P~")}},
    /* 277: amounts on a line's status (STC04/STC05 are the claim's, not used
     * at line level: IK4 I10 each); a claim without its TRN (the STC opens
     * 2200D with TRN missing, IK3 3); a second status date that is no date
     * (STC02 "20251332", IK4 8). */
    {"status-277-lines.x12", "IK4 I10 STC04@22 2220D; IK4 I10 STC05@22 2220D",
     {REPLACE(24, "STC*F2:104*20251208**0*0~")}},
    {"status-277-lines.x12", "IK3 3 TRN@12 2200D", {DELETE(14, 1)}},
    {"status-277-lines.x12", "IK4 8 STC02@30 2200E", {REPLACE(32, "STC*P2:46*20251332**240~")}},
    /* 277CA: an action code that is neither U (reject) nor WQ (accept): IK4 7
     * on STC03; STC03 and STC04 missing on a claim (both required, IK4 1);
     * the claim's service date (required) missing: IK3 3, reported when 2200D
     * closes, at the next claim's TRN. */
    {"status-277ca-one-rejected.x12", "IK4 7 STC03@27 2200D",
     {REPLACE(29, "STC*A2:20*20251202*XX*125~")}},
    {"status-277ca-one-rejected.x12", "IK4 1 STC03@27 2200D; IK4 1 STC04@27 2200D",
     {REPLACE(29, "STC*A2:20*20251202~")}},
    {"status-277ca-one-rejected.x12", "IK3 3 DTP@29 2200D", {DELETE(31, 1)}},
    /* ---- N4: states, postal codes, countries ---------------------------------------------
     * The 270 and 271 carry addresses (2100B-D, 2120C/D); their N4 follows
     * the rules of every 5010 N4: N402 from the States and Provinces list and
     * N403 required for a US or Canadian address (N404 absent, US or CA), N402
     * not used and N407 used for other countries.  The 276, 277 and 277CA
     * carry no address.
     */
    /* 270: the information receiver's state NA (IK4 7); the subscriber's
     * address without its ZIP code (I9 on N403); a dependent abroad with a
     * state in N402 (I13) - and the same dependent in Toronto, or in Lyon
     * with its region in N407, is clean. */
    {"elig-270-inquiry.x12", "IK4 7 N402@9 2100B", {REPLACE(11, "N4*SPRINGFIELD*NA*627011234~")}},
    {"elig-270-inquiry.x12", "IK4 I9 N403@15 2100C", {REPLACE(17, "N4*SPRINGFIELD*IL~")}},
    {"elig-270-inquiry.x12", "IK4 I13 N402@24 2100D", {REPLACE(26, "N4*LYON*RH*69001*FR~")}},
    {"elig-270-inquiry.x12", "", {REPLACE(26, "N4*TORONTO*ON*M5V2T6*CA~")}},
    {"elig-270-inquiry.x12", "", {REPLACE(26, "N4*LYON**69001*FR***ARA~")}},
    /* 271: the subscriber's Canadian address with its province in N407 (I9
     * on N402, I13 on N407); a benefit related entity's (2120C) address in
     * the US without a state (I9). */
    {"elig-271-benefits.x12", "IK4 I9 N402@15 2100C; IK4 I13 N407@15 2100C",
     {REPLACE(17, "N4*TORONTO**M5V2T6*CA***ON~")}},
    {"elig-271-benefits.x12", "IK4 I9 N402@45 2120C",
     {INSERT_BEFORE(46, "N3*9 OAK STREET~\nN4*SPRINGFIELD**62704~")}},
    {"elig-271-benefits.x12", "",
     {INSERT_BEFORE(46, "N3*9 OAK STREET~\nN4*SPRINGFIELD*IL*62704~")}},
    /* ---- NPI check digits ------------------------------------------------------------------
     * Wherever these guides identify a provider by NPI: NM109 while NM108 is
     * XX (270/271 2100A, 2100B; 271 2120C/D; 276/277 2100C provider; 277CA
     * 2100C billing provider), REF02 while REF01 is HPI (270/271 2100B) and
     * PRV03 while PRV02 is HPI (270 2100C/D).  A wrong check digit or length
     * is IK4 I12; the NPI is never quoted.
     */
    /* 270: the information receiver's NPI, its REF*HPI, the subscriber's and
     * the dependent's PRV*HPI, an information source identified by NPI; a
     * valid REF*HPI and a taxonomy code in PRV03 (PXC) are clean. */
    {"elig-270-inquiry.x12", "IK4 I12 NM109@6 2100B",
     {REPLACE(8, "NM1*1P*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567890~")}},
    {"elig-270-inquiry.x12", "IK4 I12 REF02@7 2100B", {INSERT_BEFORE(9, "REF*HPI*149775854~")}},
    {"elig-270-inquiry.x12", "", {INSERT_BEFORE(9, "REF*HPI*1497758544~")}},
    {"elig-270-inquiry.x12", "IK4 I12 PRV03@16 2100C", {REPLACE(18, "PRV*PE*HPI*1497758545~")}},
    {"elig-270-inquiry.x12", "IK4 I12 PRV03@25 2100D", {REPLACE(27, "PRV*PE*HPI*2497758544~")}},
    {"elig-270-inquiry.x12", "", {REPLACE(27, "PRV*PE*PXC*207Q00000X~")}},
    {"elig-270-inquiry.x12", "IK4 I12 NM109@4 2100A",
     {REPLACE(6, "NM1*PR*2*EXAMPLE HEALTH PLAN*****XX*1234567890~")}},
    /* 271: the information receiver's NPI and a benefit related entity's
     * (2120C, NM108 situational there). */
    {"elig-271-benefits.x12", "IK4 I12 NM109@7 2100B",
     {REPLACE(9, "NM1*1P*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567894~")}},
    {"elig-271-benefits.x12", "IK4 I12 NM109@43 2120C",
     {REPLACE(45, "NM1*P3*1*SMITH*ALEX****XX*14977585~")}},
    {"elig-271-benefits.x12", "", {REPLACE(45, "NM1*P3*1*SMITH*ALEX****SV*14977585~")}},
    /* 276, 277 and 277CA: the provider's NPI in 2100C. */
    {"status-sent.276", "IK4 I12 NM109@8 2100C",
     {REPLACE(10, "NM1*1P*2*RIVERSIDE FAMILY PRACTICE*****XX*1666666661~")}},
    {"status-277-lines.x12", "IK4 I12 NM109@9 2100C",
     {REPLACE(11, "NM1*1P*2*RIVERSIDE FAMILY PRACTICE*****XX*166666666~")}},
    {"status-277ca-one-rejected.x12", "IK4 I12 NM109@17 2100C",
     {REPLACE(19, "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567890~")}},
    /* a provider identified by its tax id is not checked as an NPI */
    {"status-277ca-one-rejected.x12", "",
     {REPLACE(19, "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****FI*371234567~")}},
    /* ---- 276 dependent level ------------------------------------------------------------
     * 2000E HL04 (hierarchical child code) is not used in the 276, as in the
     * 277: the dependent level has no children (x12 build leaves it out). */
    {"status-sent.276", "IK4 I10 HL04@27 2000E", {REPLACE(29, "HL*6*5*23*0~")}},
};

START_TEST(fixture_defects)
{
    const struct defect *d = &defects[_i];
    size_t n = 0;
    char *got;

    while (n < sizeof d->edits / sizeof d->edits[0] && d->edits[n].at != 0)
        n++;
    got = edited_sig_of(d->fixture, d->edits, n, 1, 0);
    ck_assert_msg(strcmp(got, d->want) == 0, "case %d (%s): got \"%s\", want \"%s\"", _i,
                  d->fixture, got, d->want);
    free(got);
}
END_TEST

/* ---- ST03: the guide, and its errata releases -------------------------------------
 * ST03 names the guide the set is validated against (check="guide-id"):
 * an errata release of the same guide (the first ten characters) is
 * accepted or rejected once, at the set, by the errata option - not also
 * reported as a bad code in ST03.  The adopted releases: 005010X279A1,
 * 005010X212, 005010X214.
 */

/* The signature of fixture `name` with line `at` replaced by `text`, under
 * errata option `errata` (caller frees). */
static char *errata_sig(const char *name, int at, const char *text, int errata)
{
    char *data = fixture_text(name), *joined, *sig;
    lines l = split_lines(data);

    ck_assert_int_le(at, (int)l.n);
    free(l.v[at - 1]);
    l.v[at - 1] = strdup(text);
    joined = join_lines(&l, 1);
    sig = validate_sig_errata(joined, strlen(joined), 0, errata);
    free(joined);
    free_lines(&l);
    free(data);
    return sig;
}

#define EXPECT_ERRATA(name, at, text, want_accept, want_reject)                          \
    do {                                                                                 \
        char *a_ = errata_sig((name), (at), (text), X12_ERRATA_ACCEPT);                  \
        char *r_ = errata_sig((name), (at), (text), X12_ERRATA_REJECT);                  \
        ck_assert_str_eq(a_, (want_accept));                                             \
        ck_assert_str_eq(r_, (want_reject));                                             \
        free(a_);                                                                        \
        free(r_);                                                                        \
    } while (0)

/* The 270/271 guide's original release (005010X279, before the errata
 * HIPAA adopted) and a later one; a 276, 277 or 277CA naming an errata
 * release of its guide: accepted without a finding by default, one IK5
 * I6 when rejected - never IK4 7 on ST03 as well.  ST03 of another
 * shape for the same guide is I6 either way. */
START_TEST(st03_errata_releases)
{
    EXPECT_ERRATA("elig-270-inquiry.x12", 3, "ST*270*0001*005010X279~", "", "IK5 I6");
    EXPECT_ERRATA("elig-271-dependents.x12", 3, "ST*271*0001*005010X279~", "", "IK5 I6");
    EXPECT_ERRATA("elig-271-dependents.x12", 3, "ST*271*0001*005010X279A2~", "", "IK5 I6");
    EXPECT_ERRATA("status-sent.276", 3, "ST*276*0001*005010X212A1~", "", "IK5 I6");
    EXPECT_ERRATA("status-277-lines.x12", 3, "ST*277*0001*005010X212A1~", "", "IK5 I6");
    EXPECT_ERRATA("status-277ca-one-rejected.x12", 3, "ST*277*0001*005010X214A1~", "",
                  "IK5 I6");
    EXPECT_ERRATA("status-sent.276", 3, "ST*276*0001*005010X212-X~", "IK5 I6", "IK5 I6");
}
END_TEST

/* The first issue the validator gives for `text` (its element,
 * component and repetition, code and message) as one string; "" when
 * clean.  Caller frees. */
static char *first_issue(const char *text)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    char *out = NULL;
    int more;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, text, strlen(text)), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    do {
        /* the issues of each call are there until the next one */
        more = x12_reader_next(r, &seg) == X12_OK;
        if (more)
            ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
        else
            ck_assert_int_eq(x12_validator_finish(v), X12_OK);
        if (out == NULL && x12_validator_issue_count(v) > 0) {
            const x12_issue *is = x12_validator_issue_at(v, 0);
            const x12_error *e = x12_issue_error(is);
            char buf[400];
            snprintf(buf, sizeof buf, "%s%02u:%u:%u %s %s", x12_error_segment_id(e),
                     x12_error_element(e), x12_error_component(e), x12_error_repetition(e),
                     x12_issue_code(is), x12_error_message(e));
            out = strdup(buf);
        }
    } while (more);
    x12_validator_free(v);
    x12_reader_free(r);
    return out != NULL ? out : strdup("");
}

/* A copy of fixture `name` with the first `from` replaced by `to`. */
static char *fixture_with(const char *name, const char *from, const char *to)
{
    char *text = fixture_text(name), *p = strstr(text, from), *out;
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;

    ck_assert_ptr_nonnull(p);
    out = malloc(n);
    ck_assert_ptr_nonnull(out);
    snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
    free(text);
    return out;
}

/* ---- trailing repetition separators --------------------------------------------
 * X12 ends an element at its last repetition with data, as it ends a
 * segment at its last element and a composite at its last component: a
 * repetition separator after it is reported like the other two (999 IK4
 * 12, too many repetitions, at the first repetition announced), once, and
 * the empty repetition is neither checked nor counted.
 */

/* EB03 "AD^AE^" in a 271 (service types repeat up to 99): IK4 12 at
 * repetition 3; "AD^AE^^" the same, once; "AD^AE" is clean, and so is an
 * empty repetition between two with data (not at the end). */
START_TEST(trailing_repetition_separator)
{
    char *text, *got;

    EXPECT_FIXTURE_EDITS("elig-271-benefits.x12", 1, "IK4 12 EB03@37 2110C",
                         REPLACE(39, "EB*F*IND*AD^AE^***23***VS*20**Y~"));
    EXPECT_FIXTURE_EDITS("elig-271-benefits.x12", 1, "IK4 12 EB03@37 2110C",
                         REPLACE(39, "EB*F*IND*AD^AE^^***23***VS*20**Y~"));
    EXPECT_FIXTURE_EDITS("elig-271-benefits.x12", 1, "",
                         REPLACE(39, "EB*F*IND*AD^^AE***23***VS*20**Y~"));
    text = fixture_with("elig-271-benefits.x12", "EB*F*IND*AD^AE*", "EB*F*IND*AD^AE^*");
    got = first_issue(text);
    ck_assert_str_eq(got, "EB03:0:3 12 EB03 ends with a repetition separator: X12 leaves out the "
                          "separators of empty repetitions at the end");
    free(got);
    free(text);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("validate_txn");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, guides_built_in);
    tcase_add_test(tc, fixtures_clean);
    tcase_add_loop_test(tc, fixture_defects, 0, (int)(sizeof defects / sizeof defects[0]));
    tcase_add_test(tc, trailing_repetition_separator);
    tcase_add_test(tc, st03_errata_releases);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(suite)
