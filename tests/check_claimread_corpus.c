/*
 * check_claimread_corpus: every 837P and 837I of the shared corpus
 * (X12_CORPUS_DIR, MANIFEST.tsv types 837p and 837i) read by
 * x12_claim_stream.  Exits 77 (skipped) when the corpus is absent.
 *
 * For each file, against a plain x12_reader pass over the same bytes:
 *  - no crash, and the stream ends with X12_END;
 *  - every CLM segment is a claim handed out or a skipped claim (an
 *    error), never both, never neither; and no corpus claim is skipped:
 *    subscriber and patient HLs naming parents that do not exist (the
 *    imsweb samples' HL*2*3*22 with no HL 3) are read under the loop above
 *    them, one hl-parent error each, counted here from the HL segments;
 *  - each claim handed out is the CLM at its offset: its charge is CLM02,
 *    it has as many lines as LX segments follow its CLM, and their charges
 *    are the SV102 (837P) or SV203 (837I) of those lines;
 *  - pushed in small chunks it reads the same, down to every diagnostic;
 *  - each claim copies into a batch (the edits may refuse it; nothing
 *    crashes, nothing leaks).
 * Every "not-kept" warning is printed to the test log: the list of what real
 * files carry that the claim model cannot hold.
 */
#include "claimread_util.h"

#define MAX_FILES 256

static char *files[MAX_FILES];
static size_t nfiles;
static const char *cdir;

/* What the plain reader sees of one CLM. */
typedef struct clm_seen {
    uint64_t offset;
    int has_charge;
    int64_t charge;
    size_t lines;
    int64_t line_sum;
    size_t line_amounts; /* lines whose charge parsed */
    int read;           /* handed out by the stream */
} clm_seen;

static int is_id(x12_str v, const char *s)
{
    return v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}

/* Every CLM the plain reader sees; *end is how the reader finished
 * (X12_END, or the status of a fatal error); *relinked counts subscriber
 * (patient) HLs whose HL02 is not the HL01 of the billing provider
 * (subscriber) HL before them. */
static clm_seen *scan(const char *data, size_t len, size_t *n, x12_status *end,
                      size_t *relinked)
{
    char bp[64] = "", sub[64] = "";
    x12_reader *r;
    const x12_segment *seg;
    clm_seen *v = NULL, *cur = NULL;
    size_t cap = 0;
    int line_has_service = 0;

    *n = 0;
    *relinked = 0;
    OK(x12_reader_new(NULL, &r));
    OK(x12_reader_open_buffer(r, data, len));
    for (;;) {
        x12_status st = x12_reader_next(r, &seg);
        x12_str id;
        *end = st;
        if (st == X12_END || (st != X12_OK && x12_error_severity(x12_reader_last_error(r)) ==
                                                  X12_SEV_FATAL))
            break;
        if (st != X12_OK)
            continue;
        id = x12_segment_id(seg);
        if (is_id(id, "CLM")) {
            x12_str amt = x12_segment_element(seg, 2);
            if (*n == cap) {
                cap = cap ? cap * 2 : 64;
                v = realloc(v, cap * sizeof *v);
                ck_assert_ptr_nonnull(v);
            }
            cur = &v[(*n)++];
            memset(cur, 0, sizeof *cur);
            cur->offset = x12_segment_offset(seg);
            cur->has_charge = x12_remit_parse_cents(amt.ptr, amt.len, &cur->charge) == X12_OK;
        } else if (is_id(id, "HL")) {
            x12_str hl1 = x12_segment_element(seg, 1), hl2 = x12_segment_element(seg, 2);
            x12_str lvl = x12_segment_element(seg, 3);
            char *keep = is_id(lvl, "20") ? bp : is_id(lvl, "22") ? sub : NULL;
            const char *above = is_id(lvl, "22") ? bp : is_id(lvl, "23") ? sub : NULL;
            if (above != NULL && !(hl2.len == strlen(above) && memcmp(hl2.ptr, above, hl2.len) == 0))
                (*relinked)++;
            if (keep != NULL)
                snprintf(keep, 64, "%.*s", (int)(hl1.len < 63 ? hl1.len : 63), hl1.ptr);
            if (is_id(lvl, "20"))
                sub[0] = '\0';
            cur = NULL;
        } else if (is_id(id, "SE") || is_id(id, "ST") || is_id(id, "GE") ||
                   is_id(id, "IEA") || is_id(id, "ISA") || is_id(id, "GS")) {
            cur = NULL;
        } else if (cur != NULL && is_id(id, "LX")) {
            cur->lines++;
            line_has_service = 0;
        } else if (cur != NULL && cur->lines > 0 && !line_has_service &&
                   (is_id(id, "SV1") || is_id(id, "SV2"))) {
            x12_str amt = x12_segment_element(seg, is_id(id, "SV1") ? 2 : 3);
            int64_t c;
            line_has_service = 1;
            if (x12_remit_parse_cents(amt.ptr, amt.len, &c) == X12_OK) {
                cur->line_sum += c;
                cur->line_amounts++;
            }
        }
    }
    x12_reader_free(r);
    return v;
}

START_TEST(corpus_file)
{
    char path[4096];
    size_t len, nclm, read = 0, relinked, hl_parent = 0;
    char *data;
    clm_seen *seen;
    x12_claim_stream *s;
    x12_batch *b837p, *b837i;
    x12_status st, end;
    uint64_t skipped;

    snprintf(path, sizeof path, "%s/%s", cdir, files[_i]);
    data = slurp(path, &len);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    seen = scan(data, len, &nclm, &end, &relinked);

    OK(x12_claim_stream_new(NULL, NULL, &s));
    OK(x12_reader_open_buffer(x12_claim_stream_reader(s), data, len));
    OK(x12_batch_new(NULL, X12_CLAIM_837P, &b837p));
    OK(x12_batch_new(NULL, X12_CLAIM_837I, &b837i));
    for (;;) {
        x12_claim *c;
        x12_service_line *l;
        uint64_t off;
        clm_seen *cs = NULL;
        size_t k, lines = 0, amounts = 0;
        int64_t cents, sum = 0;

        st = x12_claim_stream_next(s);
        for (k = 0; k < x12_claim_stream_error_count(s); k++) {
            const x12_error *e = x12_claim_stream_error_at(s, k);
            char msg[400];
            ck_assert(x12_error_rule(e)[0] != '\0');
            hl_parent += strcmp(x12_error_rule(e), "hl-parent") == 0;
            if (strcmp(x12_error_rule(e), "not-kept") == 0) {
                x12_error_format(e, msg, sizeof msg);
                printf("not-kept: %s: %s [loop %s]\n", files[_i], msg, x12_error_loop_id(e));
            }
        }
        if (st != X12_OK)
            break;
        c = x12_claim_stream_claim(s);
        off = x12_claim_stream_position(s, X12_CPOS_OFFSET);
        for (k = 0; k < nclm; k++)
            if (seen[k].offset == off)
                cs = &seen[k];
        ck_assert_msg(cs != NULL, "%s: claim at %llu is not a CLM", files[_i],
                      (unsigned long long)off);
        ck_assert_msg(!cs->read, "%s: claim at %llu handed out twice", files[_i],
                      (unsigned long long)off);
        cs->read = 1;
        read++;
        ck_assert_int_eq(x12_claim_get_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, &cents), cs->has_charge);
        if (cs->has_charge)
            ck_assert_int_eq(cents, cs->charge);
        for (l = x12_claim_first_line(c); l != NULL; l = x12_line_next(l)) {
            lines++;
            if (x12_line_get_amount(l, X12_LINEAMT_CHARGE, &cents)) {
                sum += cents;
                amounts++;
            }
        }
        ck_assert_msg(lines == cs->lines, "%s: claim at %llu has %zu lines, %zu LX", files[_i],
                      (unsigned long long)off, lines, cs->lines);
        ck_assert_uint_eq(amounts, cs->line_amounts);
        ck_assert_int_eq(sum, cs->line_sum);
        ck_assert_int_eq(x12_claim_stream_copy_claim(
                             s, x12_claim_stream_kind(s) == X12_CLAIM_837P ? b837p : b837i, NULL),
                         X12_OK);
    }
    /* The stream stops where the reader cannot go on (a file without an
     * ISA), and only there. */
    ck_assert_msg(st == end, "%s: stream ended with %d, the reader with %d", files[_i], st, end);
    skipped = x12_claim_stream_total(s, X12_CTOTAL_SKIPPED);
    ck_assert_msg(read + skipped == nclm, "%s: %zu CLM, %zu read, %llu skipped", files[_i], nclm,
                  read, (unsigned long long)skipped);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_CLAIMS), read);
    ck_assert_msg(skipped == 0, "%s: %llu claims skipped", files[_i], (unsigned long long)skipped);
    ck_assert_msg(hl_parent == relinked, "%s: %zu hl-parent errors, %zu HLs naming another parent",
                  files[_i], hl_parent, relinked);
    printf("claims: %s: %zu CLM, %zu read, %llu skipped, %zu re-attached HL, %llu lines, "
           "%llu not-kept\n", files[_i], nclm, read, (unsigned long long)skipped, hl_parent,
           (unsigned long long)x12_claim_stream_total(s, X12_CTOTAL_LINES),
           (unsigned long long)x12_claim_stream_total(s, X12_CTOTAL_NOT_KEPT));
    /* The copies run the edits; whatever they say, they say it. */
    (void)x12_batch_check(b837p);
    (void)x12_batch_check(b837i);
    x12_batch_free(b837p);
    x12_batch_free(b837i);
    x12_claim_stream_free(s);

    /* The same in small chunks. */
    {
        readout a, p;
        read_buffer(data, len, &a);
        read_pushed(data, len, len < 65536 ? 1 : 7, &p);
        assert_same_readout(files[_i], &a, &p);
        readout_free(&a);
        readout_free(&p);
    }
    free(seen);
    free(data);
    fflush(stdout);
}
END_TEST

/* The 837 rows of the manifest (type column 837p or 837i). */
static void load_manifest(void)
{
    char path[4096], line[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/MANIFEST.tsv", cdir);
    f = fopen(path, "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        char *tab = strchr(line, '\t'), *type;
        size_t n;
        if (tab == NULL)
            continue;
        *tab = '\0';
        type = tab + 1;
        n = strcspn(type, "\t\r\n");
        if (!((n == 4 && (memcmp(type, "837p", 4) == 0 || memcmp(type, "837i", 4) == 0))))
            continue;
        if (nfiles == MAX_FILES) {
            fprintf(stderr, "MANIFEST.tsv lists more 837s than %d: raise MAX_FILES\n", MAX_FILES);
            exit(EXIT_FAILURE);
        }
        if ((files[nfiles] = strdup(line)) == NULL)
            abort();
        nfiles++;
    }
    fclose(f);
}

int main(void)
{
    Suite *s;
    TCase *tc;
    SRunner *sr;
    int failed;
    size_t i;

    cdir = corpus_dir();
    if (cdir == NULL) {
        printf("check_claimread_corpus: X12_CORPUS_DIR is not set or has no MANIFEST.tsv: "
               "skipped\n");
        return 77;
    }
    load_manifest();
    if (nfiles == 0) {
        printf("check_claimread_corpus: MANIFEST.tsv lists no 837p or 837i file: skipped\n");
        return 77;
    }
    s = suite_create("claimread-corpus");
    tc = tcase_create("files");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, corpus_file, 0, (int)nfiles);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (i = 0; i < nfiles; i++)
        free(files[i]);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
