/*
 * The public 270/271/276/277/277CA samples of ../shared/x12/corpus-270-277
 * (MANIFEST.tsv gives each file's source and licence), judged one by one:
 *  - the validator gives exactly the issues pinned in
 *    tests/data/validate-corpus-270-277.tsv (reasons at corpus_pinned), and
 *    the 999 written for each file is itself a valid 999;
 *  - the reader gives the same segments and diagnostics from a buffer and
 *    pushed in chunks of many sizes;
 *  - X12 -> XML (shaped by the guide's loops) -> X12 gives every file back
 *    byte for byte, and every transaction set is placed in loops.
 * Without the corpus the program exits 77 (SKIP).
 */
#include "validate_util.h"

#include <x12/xml.h>

/* The 270-277 samples: X12_CORPUS_TXN_DIR, else the directory next to
 * the main corpus (X12_CORPUS_DIR with "-270-277" appended), as
 * ../shared/x12 lays them out.  NULL when absent. */
static const char *txn_corpus_dir(void)
{
    static char dir[4096], probe[4200];
    const char *env = getenv("X12_CORPUS_TXN_DIR"), *main_dir = getenv("X12_CORPUS_DIR");
    FILE *f;

    if (env != NULL)
        snprintf(dir, sizeof dir, "%s", env);
    else if (main_dir != NULL)
        snprintf(dir, sizeof dir, "%s-270-277", main_dir);
    else
        return NULL;
    snprintf(probe, sizeof probe, "%s/MANIFEST.tsv", dir);
    f = fopen(probe, "r");
    if (f == NULL)
        return NULL;
    fclose(f);
    return dir;
}

/* ---- the public samples ------------------------------------------------------- */

/*
 * What the validator must report for each public 270-277 sample, pinned in
 * tests/data/validate-corpus-270-277.tsv (path, TAB, issue signature).  Each
 * file was read by hand against the guides:
 *   - LinuxForHealth 270s (four) and 271s: clean, except
 *     subscriber-health-benefit-check-error.271, whose SE02 4323 does not
 *     match its ST02 4321 (IK5 3); its AAA*Y**50*N in 2100B (provider
 *     ineligible for inquiries, do not resubmit) is a valid rejection.
 *   - LinuxForHealth 276s: clean (the 9-digit NM109 "166666666" is no NPI,
 *     but the guide allows FI/SV/XX ids of 2-80 characters and the
 *     validator does not check NPI check digits).
 *   - LinuxForHealth 277s: clean, except provider-level-status.277, whose
 *     provider-level status STC*E0:24:85 names entity 85 (billing
 *     provider) where the guide's 2200C allows 1P only (IK4 7).
 *   - imsweb x12_277_x212.txt: a 277CA-style status in a 005010X212 277:
 *     STC03 "WQ" and STC12 free text are 277CA elements, not used in the
 *     277's 2200D (IK4 I10 twice on each of its eight claims); IEA02
 *     842928883 does not match ISA13 000000001 (TA1 001).
 *   - imsweb 277CAs: clean (the accepted one's billing provider 2200C has
 *     no STC, which this guide leaves situational).
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

static Suite *suite(void)
{
    Suite *s = suite_create("txn_corpus");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, corpus_pinned);
    tcase_add_test(tc, reader_any_chunking);
    tcase_add_test(tc, xml_round_trip);
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
