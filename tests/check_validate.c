/*
 * check_validate: the validator against the 837P, 837I and 835 guides.
 *
 * Hand-made defects: each test edits the clean fixture
 * tests/data/validate-837p-clean.x12 (one segment per line, so line N is
 * segment N of the interchange and set position N - 2), re-counts SE01
 * unless the defect is about SE01, and compares every issue the validator
 * reports with the expected 999 codes and positions, written as
 *     IK3 CODE SEG@SETPOS LOOP      segment error
 *     IK4 CODE SEGnn[-c]@SETPOS LOOP element error
 *     IK5 CODE / AK9 CODE / TA1 CODE
 * in the order the validator reports them (a required segment or loop that
 * is missing is reported when its loop closes, at the position where it was
 * first found missing).  Every expectation was worked out by hand from the
 * guide; the comment on each says why.
 *
 * Corpus: every public sample 837P is pinned with what the validator must
 * say about it (see corpus_cases below).
 */
#include "testutil.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct lines {
    char **v;
    size_t n;
} lines;

static lines split_lines(const char *text)
{
    lines l = {NULL, 0};
    const char *p = text;

    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        l.v = realloc(l.v, (l.n + 1) * sizeof *l.v);
        l.v[l.n] = malloc(n + 1);
        memcpy(l.v[l.n], p, n);
        l.v[l.n][n] = '\0';
        l.n++;
        p += n + (e ? 1 : 0);
    }
    return l;
}

static void free_lines(lines *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* Joins lines, re-counting SE01 (segments from ST to SE) when fix_se. */
static char *join_lines(lines *l, int fix_se)
{
    tbuf b = {0};
    size_t i, st = 0;
    char tmp[64];

    for (i = 0; i < l->n; i++) {
        if (strncmp(l->v[i], "ST*", 3) == 0)
            st = i;
        if (fix_se && strncmp(l->v[i], "SE*", 3) == 0) {
            const char *ctl = strchr(l->v[i] + 3, '*');
            snprintf(tmp, sizeof tmp, "SE*%zu%s", i - st + 1, ctl ? ctl : "~");
            tbuf_str(&b, tmp);
        } else {
            tbuf_str(&b, l->v[i]);
        }
        tbuf_str(&b, "\n");
    }
    return b.p;
}

static const char *level_tag(x12_issue_level l)
{
    switch (l) {
    case X12_ISSUE_INTERCHANGE: return "TA1";
    case X12_ISSUE_GROUP: return "AK9";
    case X12_ISSUE_SET: return "IK5";
    case X12_ISSUE_SEGMENT: return "IK3";
    default: return "IK4";
    }
}

static void sig_issue(tbuf *out, const x12_issue *is)
{
    const x12_error *e = x12_issue_error(is);
    x12_issue_level l = x12_issue_level_of(is);
    char line[160];

    if (out->len)
        tbuf_str(out, "; ");
    if (l == X12_ISSUE_SEGMENT)
        snprintf(line, sizeof line, "IK3 %s %s@%llu %s", x12_issue_code(is),
                 x12_error_segment_id(e), (unsigned long long)x12_issue_set_position(is),
                 x12_error_loop_id(e));
    else if (l == X12_ISSUE_ELEMENT && x12_error_component(e))
        snprintf(line, sizeof line, "IK4 %s %s%02u-%u@%llu %s", x12_issue_code(is),
                 x12_error_segment_id(e), x12_error_element(e), x12_error_component(e),
                 (unsigned long long)x12_issue_set_position(is), x12_error_loop_id(e));
    else if (l == X12_ISSUE_ELEMENT)
        snprintf(line, sizeof line, "IK4 %s %s%02u@%llu %s", x12_issue_code(is),
                 x12_error_segment_id(e), x12_error_element(e),
                 (unsigned long long)x12_issue_set_position(is), x12_error_loop_id(e));
    else
        snprintf(line, sizeof line, "%s %s", level_tag(l), x12_issue_code(is));
    /* "IK4 7 NM101@9 2010AA" has a trailing space when the loop is empty */
    {
        size_t n = strlen(line);
        while (n > 0 && line[n - 1] == ' ')
            line[--n] = '\0';
    }
    tbuf_str(out, line);
}

/* Validates `len` bytes; returns every issue as one signature string
 * (caller frees).  `strict` sets X12_VOPT_STRICT. */
static char *validate_sig(const char *data, size_t len, int strict)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    tbuf out = {0};
    size_t i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict), X12_OK);
    for (;;) {
        x12_status st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
            for (i = 0; i < x12_validator_issue_count(v); i++)
                sig_issue(&out, x12_validator_issue_at(v, i));
            continue;
        }
        if (st == X12_END)
            break;
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    ck_assert_int_eq(x12_validator_finish(v), X12_OK);
    for (i = 0; i < x12_validator_issue_count(v); i++)
        sig_issue(&out, x12_validator_issue_at(v, i));
    x12_validator_free(v);
    x12_reader_free(r);
    if (out.p == NULL)
        tbuf_add(&out, "", 0);
    return out.p;
}

static char *fixture_text(const char *name)
{
    size_t len;
    char *p = slurp(data_path(name), &len);

    ck_assert_msg(p != NULL, "fixture %s missing", name);
    return p;
}

static char *clean_text(void)
{
    return fixture_text("validate-837p-clean.x12");
}

/*
 * The 999 for `data` (written by the ack module while the validator runs)
 * must itself be a valid 999: validated strictly against 005010X231A1 it
 * gives no issue at all, and it is not an AK9*A when the input had errors.
 */
static void assert_999_valid(const char *data, size_t len)
{
    x12_reader *r;
    x12_validator *v;
    x12_writer *w;
    x12_ack *ack;
    const x12_segment *seg;
    const char *mem;
    size_t mlen;
    char *out, *sig;
    uint64_t errors;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_ack_new(NULL, X12_ACK_999, w, &ack), X12_OK);
    ck_assert_int_eq(x12_ack_set_time(ack, "20240403", "0700"), X12_OK);
    ck_assert_int_eq(x12_ack_attach(ack, v), X12_OK);
    /* Interchange-level problems go in a TA1, not in the 999. */
    errors = 0;
    for (;;) {
        int more = x12_reader_next(r, &seg) == X12_OK;
        size_t i;

        if (more)
            ck_assert_int_eq(x12_validator_segment(v, seg), X12_OK);
        else
            ck_assert_int_eq(x12_validator_finish(v), X12_OK);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            const x12_issue *is = x12_validator_issue_at(v, i);
            if (x12_issue_level_of(is) != X12_ISSUE_INTERCHANGE &&
                x12_error_severity(x12_issue_error(is)) == X12_SEV_ERROR)
                errors++;
        }
        if (!more)
            break;
    }
    ck_assert_int_eq(x12_ack_status(ack), X12_OK);
    ck_assert_int_eq(x12_writer_finish(w), X12_OK);
    mem = x12_writer_memory(w, &mlen);
    out = malloc(mlen + 1);
    memcpy(out, mem, mlen);
    out[mlen] = '\0';
    x12_ack_free(ack);
    x12_writer_free(w);
    x12_validator_free(v);
    x12_reader_free(r);
    ck_assert_msg(strstr(out, "ST*999*") != NULL, "no 999 written:\n%s", out);
    if (errors > 0)
        ck_assert_msg(strstr(out, "IK5*R") || strstr(out, "IK5*E") || strstr(out, "AK9*R") ||
                          strstr(out, "AK9*P") || strstr(out, "AK9*E"),
                      "errors, yet everything accepted:\n%s", out);
    sig = validate_sig(out, mlen, 1);
    ck_assert_msg(sig[0] == '\0', "the 999 is not a valid 999 (%s):\n%s", sig, out);
    free(sig);
    free(out);
}

/* An edit of the clean fixture: at 1-based line `at`, delete `del` lines,
 * then insert `ins` (lines separated by '\n', may be NULL). */
typedef struct edit {
    int at, del;
    const char *ins;
} edit;

static char *edited_sig_of(const char *fixture, const edit *edits, size_t nedits, int fix_se,
                           int strict)
{
    char *text = fixture_text(fixture), *joined, *sig;
    lines l = split_lines(text);
    size_t k;

    /* Apply from the bottom up so earlier line numbers stay put. */
    for (k = nedits; k-- > 0;) {
        const edit *e = &edits[k];
        size_t at = (size_t)e->at - 1, i;
        lines ins = split_lines(e->ins ? e->ins : "");

        ck_assert(at + (size_t)e->del <= l.n);
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
    joined = join_lines(&l, fix_se);
    sig = validate_sig(joined, strlen(joined), strict);
    assert_999_valid(joined, strlen(joined));
    free(joined);
    free_lines(&l);
    free(text);
    return sig;
}

static char *edited_sig(const edit *edits, size_t nedits, int fix_se, int strict)
{
    return edited_sig_of("validate-837p-clean.x12", edits, nedits, fix_se, strict);
}

#define EXPECT_FIXTURE_EDITS(fixture, fix, want, ...)                                    \
    do {                                                                                 \
        const edit eds_[] = {__VA_ARGS__};                                               \
        char *got_ = edited_sig_of((fixture), eds_, sizeof eds_ / sizeof eds_[0], (fix), \
                                   0);                                                   \
        ck_assert_str_eq(got_, (want));                                                  \
        free(got_);                                                                      \
    } while (0)
/* An edit of the clean 837P, 837I or 835 fixture. */
#define EXPECT_EDITS(fix, want, ...) \
    EXPECT_FIXTURE_EDITS("validate-837p-clean.x12", fix, want, __VA_ARGS__)
#define EXPECT_I(fix, want, ...) \
    EXPECT_FIXTURE_EDITS("validate-837i-clean.x12", fix, want, __VA_ARGS__)
#define EXPECT_R(fix, want, ...) \
    EXPECT_FIXTURE_EDITS("validate-835-clean.x12", fix, want, __VA_ARGS__)

/* Replaces line N with one line. */
#define REPLACE(n, text) {(n), 1, (text)}
#define DELETE(n, k) {(n), (k), NULL}
#define INSERT_BEFORE(n, text) {(n), 0, (text)}

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

/* The 2010AA trigger NM1*85 removed: N3, N4, REF have no loop to belong to
 * in 2000A (IK3 2, unexpected), NM1*87 opens 2010AB, and at the end of
 * 2000A the missing required loop 2010AA is reported at the position where
 * it was passed over (the NM1*87, now position 11). */
START_TEST(defect_missing_required_loop_2010aa)
{
    EXPECT_EDITS(1,
                 "IK3 2 N3@8 2000A; IK3 2 N4@9 2000A; IK3 2 REF@10 2000A; "
                 "IK3 3 NM1@11 2010AA",
                 DELETE(10, 1));
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
 * N407 without the country N404 breaks C0704 (IK4 2). */
START_TEST(defect_exclusion)
{
    EXPECT_EDITS(1, "IK4 10 N407@10 2010AA; IK4 2 N404@10 2010AA",
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

/* DTP*434 after DTP*435: the guide orders 096, 434, 435, 050, so the
 * statement dates are out of sequence (IK3 7) - not a bad qualifier for the
 * admission slot. */
START_TEST(i837_dates_out_of_order)
{
    EXPECT_I(1, "IK3 7 DTP@22 2300",
             REPLACE(23, "DTP*435*DT*202403250915~"),
             REPLACE(24, "DTP*434*RD8*20240325-20240328~"));
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

/* The admitting diagnosis after the other diagnoses: out of sequence (IK3
 * 7). */
START_TEST(i837_hi_out_of_order)
{
    EXPECT_I(1, "IK3 7 HI@27 2300",
             REPLACE(28, "HI*ABF:E119:::::::N*ABF:I10:::::::Y~"),
             REPLACE(29, "HI*ABJ:R1011~"));
}
END_TEST

/* An external cause of injury after the other diagnoses (it comes before
 * them: IK3 7) with POA Z (IK4 7). */
START_TEST(i837_external_cause_out_of_order)
{
    EXPECT_I(1, "IK3 7 HI@28 2300; IK4 7 HI01-9@28 2300",
             INSERT_BEFORE(30, "HI*ABN:V0001XA:::::::Z~"));
}
END_TEST

/* An occurrence span after the occurrences (out of sequence, IK3 7) given as
 * one date D8 instead of the range RD8 (IK4 7 on HI01-3). */
START_TEST(i837_occurrence_span_as_date)
{
    EXPECT_I(1, "IK3 7 HI@30 2300; IK4 7 HI01-3@30 2300",
             INSERT_BEFORE(32, "HI*BI:70:D8:20240301~"));
}
END_TEST

/* A DRG after the other diagnoses (IK3 7) whose code has 31 characters
 * (HI01-2 has 30 at most: IK4 5). */
START_TEST(i837_drg_too_long)
{
    EXPECT_I(1, "IK3 7 HI@28 2300; IK4 5 HI01-2@28 2300",
             INSERT_BEFORE(30, "HI*DR:1234567890123456789012345678901~"));
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
             INSERT_BEFORE(36, "NM1*77*2*MERCY SURGERY CENTER*****XX*1881234567~\nN3*100 SURGERY WAY~"));
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

/* PER*CX after PER*BL: the business contact comes first (IK3 7). */
START_TEST(r835_per_out_of_order)
{
    EXPECT_R(1, "IK3 7 PER@9 1000A",
             REPLACE(10, "PER*BL*EDI SUPPORT*TE*8005550199*EM*EDI@EXAMPLE.COM~"),
             REPLACE(11, "PER*CX*CLAIMS*TE*8005550100~"));
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

/* Nine components in SVC01, which has eight (IK4 13 on the ninth). */
START_TEST(r835_svc_too_many_components)
{
    EXPECT_R(1, "IK4 13 SVC01-9@18 2110",
             REPLACE(20, "SVC*HC:99213:25:26:59:76:XU:X:Y*150*100.5**1~"));
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
 * HL 3 (I12); _missing_required_loops_mult_repeats a claim without LX (SV1
 * unexpected in 2300, IK3 2; DTP*472 with format RD9 taken for a 2300 DTP:
 * both qualifiers invalid, IK4 7; 2400 missing, IK3 3); _multiple_gs three
 * groups under IEA01 1 (TA1 021); _multiple_st and _complex two sets under
 * GE01 1 (AK9 5).  The three groups of _multiple_gs all have GS06 1, so the
 * second and third are not unique in the interchange (AK9 19); the two sets
 * of _multiple_st both have ST02 987654 (IK5 23 on the second).
 * _complex also: NM108 "X" and "MI" where XX is the only
 * code (IK4 7), OI04 A/B/C/D where 5010 allows only P (IK4 7), 2330C
 * without its required REF (IK3 3), FRM with only FRM01 (X12 rule R02030405,
 * IK4 2).  _ambiguous_loop and _writer_test only carry the HL04 and SE01
 * defects.  _no_isa_line has no ISA: the reader stops, nothing to validate.
 * moov-io sample.txt is clean.
 * LinuxForHealth 837P files say 005010X222A2, an errata release HIPAA did
 * not adopt: a warning (IK5 I6, validated against X222A1) and ST03 not the
 * guide's code (IK4 7).  Several use '>' inside data while ISA16 is ':'
 * (CLM05, HI, SV101 become one long first component: IK4 5/7, the rest
 * missing, IK4 1; SV107 "1>2" is not a number, IK4 6); cob.example4 has
 * AMT*F2 in 2320 (a 4010 code, IK4 7); cob.example3.A lacks the required
 * 2330B; example7/8 PWK*CT*AA (PWK02 for a CMN is AB/AD/AF/AG/NS, IK4 7);
 * ambulance.example5 CLM05 "41::1" lacks CLM05-2 (IK4 1).
 * 837I files (against specs/837i.xml, 005010X223A2):
 *   - the LinuxForHealth ones say 005010X223A3, an errata release HIPAA did
 *     not adopt: a warning (IK5 I6, validated against X223A2) and ST03 not
 *     the guide's code (IK4 7).  All send CLM06 "Y", an element the 837I
 *     does not use (IK4 I10).  institutional-claim gives the statement
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
 *     statement dates DTP*434 after the admission DTP*435 (out of sequence,
 *     IK3 7) and as D8 (IK4 7); the service facility NM1*77 stands after the
 *     other-subscriber loops, where the guide has only 2330F (other payer
 *     service facility: NM103/NM108/NM109 not used there, I10, and its
 *     required REF missing, IK3 3); DTP*304 in a line (an 837P qualifier,
 *     IK4 7 on DTP01); SE*25 for 48 segments (IK5 4).
 * 835 files: BPR16 missing where the date slid into BPR15 (IK4 1, and the
 * BPR14/15 pair broken, IK4 2), BPR16 20002316 and 20990080 not dates (IK4
 * 8), no PER*BL payer technical contact, required in 1000A (IK3 3), SVC01
 * with '>' for ':' (IK4 7, 1), SVC*HC*...**1 with the code missing and "1"
 * in SVC06 (IK4 1, 4, 1); pyx12 835_mult_loops and moov sample1 are clean.
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

    if (dir == NULL)
        return; /* the corpus is optional */
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

static Suite *make_suite(void)
{
    Suite *s = suite_create("validate");
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
    tcase_add_test(tc, corpus_pinned);
    suite_add_tcase(s, tc);

    tc = tcase_create("837i");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, clean_837i_and_835_fixtures);
    tcase_add_test(tc, i837_missing_statement_dates);
    tcase_add_test(tc, i837_statement_dates_d8);
    tcase_add_test(tc, i837_dates_out_of_order);
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
    tcase_add_test(tc, i837_hi_out_of_order);
    tcase_add_test(tc, i837_external_cause_out_of_order);
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
    suite_add_tcase(s, tc);

    tc = tcase_create("835");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, r835_missing_trn);
    tcase_add_test(tc, r835_bpr_bad_handling);
    tcase_add_test(tc, r835_bpr_date_bad);
    tcase_add_test(tc, r835_bpr_date_missing);
    tcase_add_test(tc, r835_bpr_credit_flag);
    tcase_add_test(tc, r835_bpr_amount_letters);
    tcase_add_test(tc, r835_bpr_method_bad);
    tcase_add_test(tc, r835_bpr_account_unpaired);
    tcase_add_test(tc, r835_trn_qualifier);
    tcase_add_test(tc, r835_missing_per_bl);
    tcase_add_test(tc, r835_per_out_of_order);
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
    tcase_add_test(tc, r835_st03_warning);
    tcase_add_test(tc, r835_duplicate_st02);
    tcase_add_test(tc, r835_duplicate_gs06);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(make_suite)
