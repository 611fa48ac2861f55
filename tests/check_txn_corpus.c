/*
 * The public 270/271/276/277/277CA samples of ../shared/x12/corpus-270-277
 * (MANIFEST.tsv gives each file's source and licence), judged one by one:
 *  - the validator gives exactly the issues pinned in
 *    tests/data/validate-corpus-270-277.tsv (reasons at corpus_pinned), and
 *    the 999 written for each file is itself a valid 999;
 *  - the reader gives the same segments and diagnostics from a buffer and
 *    pushed in chunks of many sizes;
 *  - X12 -> XML (shaped by the guide's loops) -> X12 gives every file back
 *    byte for byte, and every transaction set is placed in loops;
 *  - the 271 and 277/277CA parsers, run over every file, give what is
 *    pinned in tests/data/parse-corpus-270-277.tsv (reasons at
 *    parsers_pinned).
 * Without the corpus the program exits 77 (SKIP).
 */
#include "validate_util.h"

#include <x12/claimstatus.h>
#include <x12/eligibility.h>
#include <x12/xml.h>

/* ---- the public samples ------------------------------------------------------- */

/*
 * What the validator must report for each public 270-277 sample, pinned in
 * tests/data/validate-corpus-270-277.tsv (path, TAB, issue signature).  Each
 * file was read by hand against the guides:
 *   - LinuxForHealth 270s (four) and 271s: clean, except
 *     subscriber-health-benefit-check-error.271, whose SE02 4323 does not
 *     match its ST02 4321 (IK5 3); its AAA*Y**50*N in 2100B (provider
 *     ineligible for inquiries, do not resubmit) is a valid rejection.
 *     Their receivers are identified by SV numbers, not NPIs, and their
 *     addresses (N4*KANSAS CITY*MO*64108) are complete US ones.
 *   - Every 276, 277 and 277CA sample identifies its provider (2100C,
 *     NM108 XX) by an invented NPI whose check digit is wrong
 *     (1666666661, 1666666662, 6166666666, 1111111111, 1234567890) or
 *     that has nine digits (166666666, 123456789): IK4 I12 on each such
 *     NM109, the NPI not quoted.  Besides that:
 *   - LinuxForHealth 276s and 277s: nothing else, except
 *     provider-level-status.277, whose provider-level status
 *     STC*E0:24:85 names entity 85 (billing provider) where the guide's
 *     2200C allows 1P only (IK4 7).
 *   - imsweb x12_277_x212.txt: a 277CA-style status in a 005010X212 277:
 *     STC03 "WQ" and STC12 free text are 277CA elements, not used in the
 *     277's 2200D (IK4 I10 twice on each of its eight claims); IEA02
 *     842928883 does not match ISA13 000000001 (TA1 001).
 *   - imsweb 277CAs: nothing else (the accepted one's billing provider
 *     2200C has no STC, which this guide leaves situational: see the
 *     note in specs/277ca.xml).
 */
START_TEST(corpus_pinned)
{
    const char *dir = txn_corpus_dir();
    size_t len, checked = 0;
    char *tsv, *line, *save = NULL;

    tsv = slurp(data_path("validate-corpus-270-277.tsv"), &len);
    ck_assert_ptr_nonnull(tsv);
    for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), path[4200], *data, *sig;
        size_t dlen;

        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        snprintf(path, sizeof path, "%s/%s", dir, line);
        data = slurp(path, &dlen);
        ck_assert_msg(data != NULL, "%s missing", path);
        sig = validate_sig(data, dlen, 0);
        ck_assert_msg(strcmp(sig, tab + 1) == 0, "%s:\n got  %s\n want %s", line, sig, tab + 1);
        assert_999_valid(data, dlen);
        free(sig);
        free(data);
        checked++;
    }
    /* every file of the manifest is pinned */
    ck_assert_uint_eq(checked, 21);
    free(tsv);
}
END_TEST


static int tbuf_write(void *user, const char *data, size_t len)
{
    tbuf_add(user, data, len);
    return 0;
}

/* Every file of the manifest, read whole: path relative to the corpus. */
typedef struct cfile {
    char name[512];
    char *data;
    size_t len;
} cfile;

static cfile files[64];
static size_t nfiles;

static void load_manifest(const char *dir)
{
    char path[4200], *man, *line, *save = NULL;
    size_t len;
    int first = 1;

    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    man = slurp(path, &len);
    ck_assert_ptr_nonnull(man);
    for (line = strtok_r(man, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        if (first) { /* the header row */
            first = 0;
            continue;
        }
        ck_assert_ptr_nonnull(tab);
        ck_assert_uint_lt(nfiles, sizeof files / sizeof files[0]);
        *tab = '\0';
        snprintf(files[nfiles].name, sizeof files[nfiles].name, "%s", line);
        snprintf(path, sizeof path, "%s/%s", dir, line);
        files[nfiles].data = slurp(path, &files[nfiles].len);
        ck_assert_msg(files[nfiles].data != NULL, "%s missing", path);
        nfiles++;
    }
    free(man);
}

static void setup(void)
{
    if (nfiles == 0)
        load_manifest(txn_corpus_dir());
}

static void teardown(void)
{
    size_t i;

    for (i = 0; i < nfiles; i++)
        free(files[i].data);
    nfiles = 0;
}

/* Buffer and pushed chunks of 1, 7, 64, 1000 bytes (cycled) give one
 * signature: segments, numbers, offsets and diagnostics. */
START_TEST(reader_any_chunking)
{
    static const size_t sizes[][4] = {{1, 0}, {7, 0}, {64, 3, 0}, {1000, 0}};
    size_t i, k;

    for (i = 0; i < nfiles; i++) {
        tbuf a = {0};
        ck_assert_int_eq(sig_buffer(files[i].data, files[i].len, &a), X12_END);
        for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            tbuf b = {0};
            ck_assert_int_eq(sig_push(files[i].data, files[i].len, sizes[k], &b), X12_END);
            ck_assert_msg(a.len == b.len && memcmp(a.p, b.p, a.len) == 0,
                          "%s: pushed in chunks of %zu reads differently", files[i].name,
                          sizes[k][0]);
            tbuf_free(&b);
        }
        tbuf_free(&a);
    }
}
END_TEST

/* X12 -> XML with loops -> X12, byte for byte; every transaction set has
 * its guide and loops. */
START_TEST(xml_round_trip)
{
    size_t i;

    for (i = 0; i < nfiles; i++) {
        x12_reader *r;
        x12_xml *x;
        tbuf xml = {0}, back = {0};

        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, files[i].data, files[i].len), X12_OK);
        ck_assert_int_eq(x12_xml_new(NULL, &x), X12_OK);
        ck_assert_int_eq(x12_xml_write(x, r, tbuf_write, &xml), X12_OK);
        tbuf_add(&xml, "", 1);
        ck_assert_msg(strstr(xml.p, "<transaction guide=\"005010X") != NULL,
                      "%s: no guide in the XML", files[i].name);
        ck_assert_msg(strstr(xml.p, "<loop id=\"2000A\">") != NULL, "%s: no loops",
                      files[i].name);
        ck_assert_int_eq(x12_xml_read_buffer(x, xml.p, xml.len - 1, tbuf_write, &back), X12_OK);
        ck_assert_msg(back.len == files[i].len && memcmp(back.p, files[i].data, back.len) == 0,
                      "%s: XML round trip differs", files[i].name);
        x12_xml_free(x);
        x12_reader_free(r);
        tbuf_free(&xml);
        tbuf_free(&back);
    }
}
END_TEST

/* ---- the parsers ------------------------------------------------------------------- */

static void sig_str(tbuf *b, x12_str v)
{
    tbuf_add(b, v.ptr, v.len);
}

static void sig_int(tbuf *b, const char *tag, int have, int64_t v)
{
    char tmp[48];

    if (!have)
        return;
    snprintf(tmp, sizeof tmp, "%s%lld", tag, (long long)v);
    tbuf_str(b, tmp);
}

static void sig_rejects(tbuf *b, const char *tag, size_t n,
                        const x12_elig_reject *(*at)(const void *, size_t), const void *owner)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const x12_elig_reject *r = at(owner, i);
        tbuf_str(b, i ? "," : tag);
        sig_str(b, x12_elig_reject_reason(r));
        tbuf_str(b, "/");
        sig_str(b, x12_elig_reject_follow_up(r));
        tbuf_str(b, "@");
        tbuf_str(b, x12_elig_reject_loop(r));
    }
}

static const x12_elig_reject *cov_reject(const void *c, size_t i)
{
    return x12_elig_coverage_reject_at(c, i);
}

static const x12_elig_reject *party_reject(const void *p, size_t i)
{
    return x12_elig_party_reject_at(p, i);
}

/* One 271 coverage: level, state, plan, benefit and summary counts, the
 * in/out-of-network copay of service type 98, rejections here and of the
 * receiver. */
static void sig_coverage(tbuf *b, const x12_elig_coverage *c)
{
    static const char *const levels[] = {"?", "source", "receiver", "subscriber", "dependent"};
    static const char *const states[] = {"unknown", "active", "inactive", "rejected"};
    const x12_elig_summary *s98 = x12_elig_coverage_find_summary(c, "98");
    const x12_elig_party *rcv = x12_elig_coverage_receiver(c);
    int64_t v = 0;
    int have;

    tbuf_str(b, levels[x12_elig_coverage_level(c)]);
    tbuf_str(b, ":");
    tbuf_str(b, states[x12_elig_coverage_state(c)]);
    tbuf_str(b, ":");
    sig_str(b, x12_elig_coverage_get(c, X12_EC_PLAN_NAME));
    sig_int(b, " eb=", 1, (int64_t)x12_elig_coverage_benefit_count(c));
    sig_int(b, " st=", 1, (int64_t)x12_elig_coverage_summary_count(c));
    if (s98 != NULL) {
        have = x12_elig_summary_get(s98, X12_EM_COPAY, 0, &v);
        sig_int(b, " 98copay=", have, v);
        have = x12_elig_summary_get(s98, X12_EM_COPAY, 1, &v);
        sig_int(b, "/", have, v);
    }
    sig_rejects(b, " rej=", x12_elig_coverage_reject_count(c), cov_reject, c);
    if (rcv != NULL)
        sig_rejects(b, " rcvrej=", x12_elig_party_reject_count(rcv), party_reject, rcv);
}

static void sig_statuses(tbuf *b, size_t n, const x12_claimstatus_status *(*at)(const void *, size_t),
                         const void *owner)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const x12_claimstatus_status *st = at(owner, i);
        x12_str ent = x12_claimstatus_status_get(st, X12_ST_ENTITY);

        tbuf_str(b, i ? "," : " ");
        sig_str(b, x12_claimstatus_status_get(st, X12_ST_CATEGORY));
        tbuf_str(b, ":");
        sig_str(b, x12_claimstatus_status_get(st, X12_ST_CODE));
        if (ent.len) {
            tbuf_str(b, ":");
            sig_str(b, ent);
        }
    }
}

static const x12_claimstatus_status *claim_status(const void *c, size_t i)
{
    return x12_claimstatus_claim_status_at(c, i);
}

static const x12_claimstatus_status *line_status(const void *l, size_t i)
{
    return x12_claimstatus_line_status_at(l, i);
}

static const x12_claimstatus_status *batch_status(const void *bt, size_t i)
{
    return x12_claimstatus_batch_status_at(bt, i);
}

static void sig_claim(tbuf *b, const x12_claimstatus_claim *c)
{
    int64_t v = 0;
    int have;
    size_t i;

    tbuf_str(b, x12_claimstatus_claim_kind(c) == X12_CS_KIND_277CA ? "277CA " : "277 ");
    sig_str(b, x12_claimstatus_claim_get(c, X12_CC_PCN));
    tbuf_str(b, " ");
    tbuf_str(b, x12_claimstatus_outcome_name(x12_claimstatus_claim_outcome(c)));
    have = x12_claimstatus_claim_charge_cents(c, &v);
    sig_int(b, " charge=", have, v);
    have = x12_claimstatus_claim_paid_cents(c, &v);
    sig_int(b, " paid=", have, v);
    tbuf_str(b, " icn=");
    sig_str(b, x12_claimstatus_claim_get(c, X12_CC_PAYER_CLAIM_NUMBER));
    sig_statuses(b, x12_claimstatus_claim_status_count(c), claim_status, c);
    for (i = 0; i < x12_claimstatus_claim_line_count(c); i++) {
        const x12_claimstatus_line *l = x12_claimstatus_claim_line_at(c, i);
        tbuf_str(b, " line=");
        sig_str(b, x12_claimstatus_line_get(l, X12_CV_PROCEDURE));
        tbuf_str(b, "/");
        tbuf_str(b, x12_claimstatus_outcome_name(x12_claimstatus_line_outcome(l)));
        sig_statuses(b, x12_claimstatus_line_status_count(l), line_status, l);
    }
}

static void sig_batch(tbuf *b, const x12_claimstatus_batch *bt)
{
    static const char *const levels[] = {"?", "source", "receiver", "provider"};
    int64_t v = 0;
    int have;

    tbuf_str(b, "batch ");
    tbuf_str(b, levels[x12_claimstatus_batch_level_of(bt)]);
    tbuf_str(b, " ");
    tbuf_str(b, x12_claimstatus_outcome_name(x12_claimstatus_batch_outcome(bt)));
    have = x12_claimstatus_batch_accepted_count(bt, &v);
    sig_int(b, " accepted=", have, v);
    have = x12_claimstatus_batch_rejected_count(bt, &v);
    sig_int(b, " rejected=", have, v);
    have = x12_claimstatus_batch_accepted_cents(bt, &v);
    sig_int(b, " accepted_cents=", have, v);
    sig_statuses(b, x12_claimstatus_batch_status_count(bt), batch_status, bt);
}

/* What both parsers make of one file, as one line: "E" and the 271
 * parser's error and ("w") warning counts, its coverages; "S" and the 277
 * parser's counts, its batches and claims. */
static void sig_errors(tbuf *b, const char *tag, size_t n,
                       const x12_error *(*at)(const void *, size_t), const void *owner)
{
    size_t i, warnings = 0;

    for (i = 0; i < n; i++)
        warnings += x12_error_severity(at(owner, i)) == X12_SEV_WARNING;
    sig_int(b, tag, 1, (int64_t)(n - warnings));
    sig_int(b, "w", 1, (int64_t)warnings);
}

static const x12_error *elig_error(const void *d, size_t i)
{
    return x12_elig_doc_error_at(d, i);
}

static const x12_error *cstat_error(const void *d, size_t i)
{
    return x12_claimstatus_doc_error_at(d, i);
}

static char *parse_sig(const char *data, size_t len)
{
    tbuf b = {0};
    x12_elig_doc *ed = NULL;
    x12_claimstatus_doc *sd = NULL;
    size_t i;

    ck_assert_int_eq(x12_elig_parse_buffer(NULL, data, len, &ed), X12_OK);
    sig_errors(&b, "E", x12_elig_doc_error_count(ed), elig_error, ed);
    for (i = 0; i < x12_elig_doc_coverage_count(ed); i++) {
        tbuf_str(&b, " | ");
        sig_coverage(&b, x12_elig_doc_coverage_at(ed, i));
    }
    x12_elig_doc_free(ed);
    ck_assert_int_eq(x12_claimstatus_parse_buffer(NULL, data, len, &sd), X12_OK);
    sig_errors(&b, " || S", x12_claimstatus_doc_error_count(sd), cstat_error, sd);
    for (i = 0; i < x12_claimstatus_doc_batch_count(sd); i++) {
        tbuf_str(&b, " | ");
        sig_batch(&b, x12_claimstatus_doc_batch_at(sd, i));
    }
    for (i = 0; i < x12_claimstatus_doc_claim_count(sd); i++) {
        tbuf_str(&b, " | ");
        sig_claim(&b, x12_claimstatus_doc_claim_at(sd, i));
    }
    x12_claimstatus_doc_free(sd);
    tbuf_add(&b, "", 1);
    return b.p;
}

/*
 * What the parsers give for each sample (tests/data/parse-corpus-270-277.tsv),
 * checked by hand against the files:
 *   - 270s and 276s: nothing; each parser skips their set with one
 *     warning (w1) and no error.  271s to the 277 parser and 277s to the
 *     271 parser: the same.
 *   - LinuxForHealth 271s: SMITH JOHN active on GOLD 123 PLAN with five EBs
 *     (EB*1 for 30, EB*L with its 2120 entity, EB*1 and two EB*B for ten
 *     service types: copay 10.00 in network, EB12 Y, and 30.00 out, EB12 N)
 *     summarised over eleven service types; in the dependent file the
 *     subscriber has no EB (unknown) and the dependent holds them; the
 *     error file's only answer is the receiver's AAA 50/N in 2100B, and
 *     its SE02 mismatch is the one error.
 *   - LinuxForHealth 277s: the claim, line and provider/receiver level
 *     statuses as written, charge (STC04) and payment (STC05) in cents;
 *     NCPDP's F2 with an RX reject code in STC01-2 (80) is a denial, and
 *     its pharmacy claim has no REF*EJ, so no patient control number (its
 *     prescription number is REF*XZ).
 *   - imsweb 277: eight claims acknowledged (A1:704, read as accepted:
 *     received) with their STC04 charges; one error, its IEA02 mismatch.
 *   - imsweb 277CAs: the source (2200A, no STC), the receiver's batch
 *     counts and the provider level; 5781 accepted (A2:20) and
 *     3920394930203 rejected (A7:562:85, billing provider NPI) although its
 *     STC03 says WQ; that file's receiver level still counts the claim as
 *     accepted (QTY*90*1, AMT*YU 199.14), which is what it says, not what
 *     happened: the claim's own status decides its outcome.
 */
START_TEST(parsers_pinned)
{
    const char *dir = txn_corpus_dir();
    size_t len, checked = 0, wrong = 0;
    char *tsv, *line, *save = NULL;

    tsv = slurp(data_path("parse-corpus-270-277.tsv"), &len);
    ck_assert_ptr_nonnull(tsv);
    for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), path[4200], *data, *sig;
        size_t dlen;

        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        snprintf(path, sizeof path, "%s/%s", dir, line);
        data = slurp(path, &dlen);
        ck_assert_msg(data != NULL, "%s missing", path);
        sig = parse_sig(data, dlen);
        if (strcmp(sig, tab + 1) != 0) {
            printf("%s:\n got  %s\n want %s\n", line, sig, tab + 1);
            wrong++;
        }
        free(sig);
        free(data);
        checked++;
    }
    ck_assert_uint_eq(checked, 21);
    ck_assert_msg(wrong == 0, "%zu files parse differently (listed above)", wrong);
    free(tsv);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("txn_corpus");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, corpus_pinned);
    tcase_add_test(tc, reader_any_chunking);
    tcase_add_test(tc, xml_round_trip);
    tcase_add_test(tc, parsers_pinned);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;

    if (txn_corpus_dir() == NULL) {
        printf("skip: the 270-277 samples (X12_CORPUS_TXN_DIR, or X12_CORPUS_DIR-270-277) "
               "are not here\n");
        return 77;
    }
    sr = srunner_create(suite());
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
