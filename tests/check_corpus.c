/*
 * The shared corpus of real public sample files ($X12_CORPUS_DIR, listed in
 * its MANIFEST.tsv): for every file, the exact reader and envelope
 * diagnostics (pinned by hand below), a byte-for-byte round trip, identical
 * results from a buffer, a path, a FILE*, pushed chunks of many sizes and
 * gzip'd copies, and mutated copies that must give the expected error at the
 * expected segment.  Without the corpus the program is skipped (exit 77).
 */
#include <errno.h>
#include <unistd.h>

#include "testutil.h"

enum { MAX_FILES = 256 };

/* Files above this size get a shorter list of chunkings. */
#define LARGE_FILE 65536u

static char *files[MAX_FILES];
static size_t nfiles;         /* entries kept (at most MAX_FILES) */
static size_t manifest_rows;  /* entries in the manifest */
static const char *cdir;

/*
 * What the reader must report for each corpus file, as read_all_rules gives
 * it ("rule@segno:SEGID;" ...), `repeat` times over.  Each entry was checked
 * against the file by hand and with an independent script (segments split on
 * the ISA's terminator, counted from ST to SE), not copied from the library.
 */
static const struct expectation {
    const char *file;
    const char *rules;
    unsigned repeat; /* 0 = once */
    int fatal;       /* the reader stops: no round trip or mutations */
} expectations[] = {
    /* LinuxForHealth/x12 835s: one interchange, one group, one set each;
     * SE01 equals the counted segments (25, 26, 28, 38, 23), every control
     * number matches. */
    {"835/LinuxForHealth-x12__cob-contractural-adjustment.835", "", 0, 0},
    {"835/LinuxForHealth-x12__managed-care.835", "", 0, 0},
    {"835/LinuxForHealth-x12__medicare-part-a.835", "", 0, 0},
    {"835/LinuxForHealth-x12__secondary-payment.835", "", 0, 0},
    {"835/LinuxForHealth-x12__tertiary-payment.835", "", 0, 0},
    /* LinuxForHealth/x12 837Ps (errata A2, a content matter, not envelope):
     * SE01 = 52, 39, 29, 51, 62, 64, 42, 31, 65, 65, 40, 37, 39, 41, 29, 66,
     * 43, 29, each equal to its count; well-formed envelopes. */
    {"837p/LinuxForHealth-x12__demo.ambulance.example5.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.autoaccident.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.cob.2ndary.example4.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.cob.example3.A.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.cob.example3.B.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.cob.example3.C.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.cob.example4.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.drug.example10.1.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.drug.example10.2.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.drug.example10.3.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example1.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example11.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example12.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example2.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example6.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example7.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example8.837", "", 0, 0},
    {"837p/LinuxForHealth-x12__demo.example9.837", "", 0, 0},
    /* LinuxForHealth/x12 837Is: SE01 42, 31, 48, 48, all right. */
    {"837i/LinuxForHealth-x12__institutional-claim.837i", "", 0, 0},
    {"837i/LinuxForHealth-x12__out-of-network-repriced-claim.837i", "", 0, 0},
    {"837i/LinuxForHealth-x12__ppo-repriced-claim.837i", "", 0, 0},
    {"837i/LinuxForHealth-x12__two-claims-single-provider.837i", "", 0, 0},
    /* moov-io/x12: sample1 has two sets (0001, 0002, 31 segments each) in
     * one group, GE01 = 2; sample2 and the 837P (191 segments, component
     * separator '<') are single sets.  All counts and controls right. */
    {"835/moov-io-x12__sample1.txt", "", 0, 0},
    {"835/moov-io-x12__sample2.txt", "", 0, 0},
    {"837p/moov-io-x12__sample.txt", "", 0, 0},
    /* pyx12: SE01 31 right; GS06 383880001 / GE02 and ISA13 000238388 /
     * IEA02 match. */
    {"835/azoner-pyx12__835_mult_loops.txt", "", 0, 0},
    /* imsweb/x12-parser: its samples carry "SE*25*987654" whatever the set
     * holds, so each gets se01-count on its SE.  Counted ST..SE: 33 (ST at 3,
     * SE at 35). */
    {"837p/imsweb-x12-parser__x12_ambiguous_loop.txt", "se01-count@35:SE;", 0, 0},
    /* ISA02 is nine spaces wide (width warning on ISA02, the delimiters are
     * still found by counting separators); SE01 25 vs 34 counted. */
    {"837p/imsweb-x12-parser__x12_bad_first_line.txt", "isa-width@1:ISA;se01-count@36:SE;", 0,
     0},
    /* Segment 6 "*IC*DAVID..." is a PER whose id is missing (empty id);
     * segment 11 "Nd4" has a lower-case letter; segment 20 "NM31" has four
     * characters (error records show neither: an id not of X12's shape may
     * be data, so it is "?").  All are inside the set, so they count for
     * SE01: 34 counted vs 25. */
    {"837p/imsweb-x12-parser__x12_bad_segment_identifier.txt",
     "segment-id@6:;segment-id@11:?;segment-id@20:?;se01-count@36:SE;", 0, 0},
    /* Bad code values are content, not envelope: only SE01 (34 vs 25). */
    {"837p/imsweb-x12-parser__x12_bad_valid_code.txt", "se01-count@36:SE;", 0, 0},
    /* Two sets of 147 segments (ST 3..SE 149, ST 150..SE 296) saying 25 and
     * 26, and GE*1 for a group that holds two sets. */
    {"837p/imsweb-x12-parser__x12_complex.txt",
     "se01-count@149:SE;se01-count@296:SE;ge01-count@297:GE;", 0, 0},
    /* Loop-repeat problems are content; SE01 25 vs 31 / 50 / 19 counted. */
    {"837p/imsweb-x12-parser__x12_loop_errors1_exceeds_max_1_parent.txt", "se01-count@33:SE;",
     0, 0},
    {"837p/imsweb-x12-parser__x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt",
     "se01-count@52:SE;", 0, 0},
    {"837p/imsweb-x12-parser__x12_loop_errors3_missing_loops.txt", "se01-count@21:SE;", 0, 0},
    /* One set of 11486 segments (ST 3 .. SE 11488) saying 25. */
    {"837p/imsweb-x12-parser__x12_many_claims.txt", "se01-count@11488:SE;", 0, 0},
    /* SE01 25 vs 34 / 40 / 59 counted. */
    {"837p/imsweb-x12-parser__x12_missing_elements.txt", "se01-count@36:SE;", 0, 0},
    {"837p/imsweb-x12-parser__x12_missing_required_loop_in_one_repeat.txt",
     "se01-count@42:SE;", 0, 0},
    {"837p/imsweb-x12-parser__x12_missing_required_loops_mult_repeats.txt",
     "se01-count@61:SE;", 0, 0},
    /* Three groups (GS 2, 38, 74), each one set of 34 saying 25, and IEA*1
     * for three groups. */
    {"837p/imsweb-x12-parser__x12_multiple_gs.txt",
     "se01-count@36:SE;se01-count@72:SE;se01-count@108:SE;iea01-count@110:IEA;", 0, 0},
    /* Two interchanges (ISA13 905 and 906, IEA02 matching); numbering
     * restarts, so both SEs are segment 36. */
    {"837p/imsweb-x12-parser__x12_multiple_isa.txt", "se01-count@36:SE;se01-count@36:SE;", 0,
     0},
    /* Two sets (SE at 36 and 70, 34 segments each) and GE*1 for two sets. */
    {"837p/imsweb-x12-parser__x12_multiple_st.txt",
     "se01-count@36:SE;se01-count@70:SE;ge01-count@71:GE;", 0, 0},
    /* 312 back-to-back copies of one interchange (all ISA13 000000905,
     * reusing a control number is not an envelope-syntax rule); each set
     * has 34 segments and says 25. */
    {"837p/imsweb-x12-parser__x12_multiple_transactions.txt", "se01-count@36:SE;", 312, 0},
    /* SE01 25 vs 41 counted. */
    {"837p/imsweb-x12-parser__x12_no_errors.txt", "se01-count@43:SE;", 0, 0},
    /* Starts with GS: there is no ISA, so no delimiters; fatal, nothing else. */
    {"837p/imsweb-x12-parser__x12_no_isa_line.txt", "no-isa@0:GS;", 0, 1},
    /* SE01 25 vs 23 counted (a set shorter than it says). */
    {"837p/imsweb-x12-parser__x12_segment_errors.txt", "se01-count@25:SE;", 0, 0},
    /* Segment order is content; SE01 25 vs 34. */
    {"837p/imsweb-x12-parser__x12_segments_out_of_order.txt", "se01-count@36:SE;", 0, 0},
    {"837p/imsweb-x12-parser__x12_valid.txt", "se01-count@36:SE;", 0, 0},
    /* Same segments as x12_valid with element '~', component '^',
     * terminator '_': same finding. */
    {"837p/imsweb-x12-parser__x12_valid_different_separators.txt", "se01-count@36:SE;", 0, 0},
    /* SE01 25 vs 31 and 48 counted. */
    {"837p/imsweb-x12-parser__x12_writer_test.txt", "se01-count@33:SE;", 0, 0},
    {"837i/imsweb-x12-parser__x223-test.txt", "se01-count@50:SE;", 0, 0},
    /* ISA13 000000286 but IEA*1*000000001. */
    {"999/imsweb-x12-parser__x12_999_accepted.txt", "iea02-control@10:IEA;", 0, 0},
    /* GS06 95832987 / GE02, ISA13 095832987 / IEA02, SE01 7 all right. */
    {"999/imsweb-x12-parser__x12_999_rejected.txt", "", 0, 0},
};

#define NEXPECT (sizeof expectations / sizeof expectations[0])

static const struct expectation *expectation_for(const char *file)
{
    size_t i;

    for (i = 0; i < NEXPECT; i++)
        if (strcmp(expectations[i].file, file) == 0)
            return &expectations[i];
    return NULL;
}

/* ---- helpers ------------------------------------------------------------- */

static char *corpus_path(const char *file)
{
    size_t n = strlen(cdir) + strlen(file) + 2;
    char *p = malloc(n);

    ck_assert_ptr_nonnull(p);
    snprintf(p, n, "%s/%s", cdir, file);
    return p;
}

/* Loads corpus file i; caller frees. */
static char *load(size_t i, size_t *len)
{
    char *path = corpus_path(files[i]);
    char *data = slurp(path, len);

    ck_assert_msg(data != NULL, "cannot read %s", path);
    free(path);
    return data;
}

/* Asserts two signatures are equal, naming the first differing byte. */
static void assert_same(const tbuf *want, const tbuf *got, const char *file, const char *how)
{
    size_t i = 0;

    if (want->len == got->len && memcmp(want->p, got->p, want->len) == 0)
        return;
    while (i < want->len && i < got->len && want->p[i] == got->p[i])
        i++;
    ck_abort_msg("%s: %s differs from the buffer reader at signature byte %zu "
                 "(lengths %zu vs %zu): ...%.60s",
                 file, how, i, want->len, got->len, got->p ? got->p + (i > 20 ? i - 20 : 0) : "");
}

/* Signature of reading a path with a given read chunk (0 = default). */
static x12_status sig_path(const char *path, uint64_t chunk, tbuf *s)
{
    x12_reader *r;
    x12_status st;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    if (chunk)
        ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, chunk), X12_OK);
    ck_assert_int_eq(x12_reader_open_path(r, path), X12_OK);
    st = drain_reader(r, s);
    x12_reader_free(r);
    return st;
}

/* Signature of reading through a FILE* the test owns. */
static x12_status sig_file(const char *path, tbuf *s)
{
    x12_reader *r;
    x12_status st;
    FILE *fp = fopen(path, "rb");

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_file(r, fp), X12_OK);
    st = drain_reader(r, s);
    x12_reader_free(r);
    fclose(fp);
    return st;
}

/*
 * sig_push from testutil.h with its per-chunk assertions hoisted out: in
 * Check's fork mode every passing assertion is a message to the parent, and
 * a million of them (one-byte chunks of the large files) cost more than the
 * reading itself, under ASan most of all.  Same chunking, same options.
 */
static x12_status sig_push_quiet(const char *data, size_t len, const size_t *sizes, tbuf *s)
{
    x12_reader *r;
    x12_status st = X12_AGAIN, fst = X12_OK;
    size_t off = 0, k = 0;
    int early_end = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, 16), X12_OK);
    while (st == X12_AGAIN && fst == X12_OK) {
        size_t n = sizes[k] ? sizes[k] : 1;
        if (sizes[++k] == 0)
            k = 0;
        if (n > len - off)
            n = len - off;
        fst = x12_reader_feed(r, data + off, n, off + n == len);
        off += n;
        st = drain_reader(r, s);
        if (st == X12_AGAIN && off == len)
            early_end = 1;
    }
    x12_reader_free(r);
    ck_assert_int_eq(fst, X12_OK);
    ck_assert_msg(!early_end, "the reader wants more bytes after the final chunk");
    return st;
}

/* Deterministic pseudo-random chunk sizes in [1, max], 0-terminated. */
static void lcg_sizes(uint32_t seed, size_t max, size_t *out, size_t n)
{
    size_t i;

    for (i = 0; i + 1 < n; i++) {
        seed = seed * 1103515245u + 12345u;
        out[i] = 1 + (size_t)((seed >> 8) % max);
    }
    out[n - 1] = 0;
}

/* ---- a small gzip writer ------------------------------------------------- */

/* The test writes gzip itself (stored deflate blocks, real CRC-32 and
 * size), so it needs no compression library; the reader inflates it with
 * zlib like any other gzip stream. */

static uint32_t crc_table[256];

static void crc_init(void)
{
    uint32_t c, n, k;

    for (n = 0; n < 256; n++) {
        c = n;
        for (k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32_of(const char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    size_t i;

    if (crc_table[1] == 0)
        crc_init();
    for (i = 0; i < n; i++)
        c = crc_table[(c ^ (unsigned char)p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static void put_le32(tbuf *b, uint32_t v)
{
    unsigned char q[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    tbuf_add(b, q, 4);
}

/* Appends one gzip member holding data[0, n) in stored blocks of at most
 * `block` bytes. */
static void gzip_member(tbuf *b, const char *data, size_t n, size_t block)
{
    static const unsigned char head[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
    size_t off = 0;

    tbuf_add(b, head, sizeof head);
    do {
        size_t k = n - off < block ? n - off : block;
        unsigned char h[5];
        h[0] = off + k == n ? 1 : 0; /* BFINAL, BTYPE 00 */
        h[1] = (unsigned char)k;
        h[2] = (unsigned char)(k >> 8);
        h[3] = (unsigned char)~k;
        h[4] = (unsigned char)(~k >> 8);
        tbuf_add(b, h, 5);
        tbuf_add(b, data + off, k);
        off += k;
    } while (off < n);
    put_le32(b, crc32_of(data, n));
    put_le32(b, (uint32_t)n);
}

/* Writes bytes to a new temporary file; returns its path (caller unlinks
 * and frees). */
static char *write_temp(const char *data, size_t n)
{
    const char *dir = getenv("TMPDIR");
    char *path;
    size_t plen;
    int fd;
    size_t off = 0;

    if (dir == NULL || *dir == '\0')
        dir = "/tmp";
    plen = strlen(dir) + 32;
    path = malloc(plen);
    ck_assert_ptr_nonnull(path);
    snprintf(path, plen, "%s/x12corpusXXXXXX", dir);
    fd = mkstemp(path);
    ck_assert_msg(fd >= 0, "mkstemp in %s: %s", dir, strerror(errno));
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        ck_assert_msg(w > 0, "write %s: %s", path, strerror(errno));
        off += (size_t)w;
    }
    ck_assert_int_eq(close(fd), 0);
    return path;
}

/* ---- the tests ------------------------------------------------------------ */

/* The manifest fits the fixed table, and every file in it has a pinned
 * expectation and every expectation names a file in it (a new or renamed
 * corpus file must be examined by hand before it is tested). */
START_TEST(manifest_covered)
{
    size_t i, j;

    ck_assert_msg(manifest_rows <= MAX_FILES,
                  "MANIFEST.tsv lists %zu files, more than the %d this suite holds: "
                  "raise MAX_FILES",
                  manifest_rows, MAX_FILES);
    ck_assert_uint_gt(nfiles, 0);
    for (i = 0; i < nfiles; i++)
        ck_assert_msg(expectation_for(files[i]) != NULL,
                      "%s has no pinned expectation: examine it and add one", files[i]);
    for (j = 0; j < NEXPECT; j++) {
        for (i = 0; i < nfiles; i++)
            if (strcmp(expectations[j].file, files[i]) == 0)
                break;
        ck_assert_msg(i < nfiles, "expectation for %s, which the manifest does not list",
                      expectations[j].file);
    }
}
END_TEST

/* a. The diagnostics are exactly the pinned ones. */
START_TEST(diagnostics)
{
    const struct expectation *x = expectation_for(files[_i]);
    size_t len, k;
    char *data = load((size_t)_i, &len);
    tbuf got = {0}, want = {0};

    ck_assert_msg(x != NULL, "%s has no pinned expectation", files[_i]);
    for (k = 0; k < (x->repeat ? x->repeat : 1); k++)
        tbuf_str(&want, x->rules);
    if (want.p == NULL)
        tbuf_add(&want, "", 0);
    read_all_rules(data, len, &got);
    ck_assert_msg(strcmp(got.p, want.p) == 0, "%s:\n got  '%.400s'\n want '%.400s'", files[_i],
                  got.p, want.p);
    tbuf_free(&got);
    tbuf_free(&want);
    free(data);
}
END_TEST

/* b. leading + raw + trailer of every segment is the file, byte for byte. */
START_TEST(round_trip)
{
    const struct expectation *x = expectation_for(files[_i]);
    size_t len;
    char *data = load((size_t)_i, &len);
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    tbuf out = {0};

    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        x12_str a = x12_segment_leading(seg), b = x12_segment_raw(seg),
                c = x12_segment_trailer(seg);
        tbuf_add(&out, a.ptr, a.len);
        tbuf_add(&out, b.ptr, b.len);
        tbuf_add(&out, c.ptr, c.len);
    }
    if (x->fatal) {
        ck_assert_int_eq(st, X12_ESYNTAX);
        ck_assert_uint_eq(out.len, 0);
    } else {
        ck_assert_int_eq(st, X12_END);
        ck_assert_uint_eq(out.len, len);
        ck_assert_msg(memcmp(out.p, data, len) == 0, "%s does not round-trip", files[_i]);
    }
    x12_reader_free(r);
    tbuf_free(&out);
    free(data);
}
END_TEST

/* c. A buffer, a path (default and 16-byte reads), a FILE*, and pushed
 * chunks of every size 1..64 and pseudo-random sizes all give the same
 * segments, positions and diagnostics (fewer chunkings for large files). */
START_TEST(same_every_way)
{
    size_t len, k;
    char *data = load((size_t)_i, &len);
    char *path = corpus_path(files[_i]);
    tbuf want = {0};
    x12_status st0;
    int large = len > LARGE_FILE;
    size_t sizes[300];
    char how[64];

    st0 = sig_buffer(data, len, &want);
    /* Every scanner this CPU has, from the general one up. */
    {
        uint64_t sc, best = scan_best();
        for (sc = SCAN_GENERAL; sc <= best; sc++) {
            tbuf s = {0};
            ck_assert_int_eq(sig_buffer_scan(data, len, sc, &s), st0);
            snprintf(how, sizeof how, "scanner %s", scan_names[sc]);
            assert_same(&want, &s, files[_i], how);
            tbuf_free(&s);
        }
    }
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_path(path, 0, &s), st0);
        assert_same(&want, &s, files[_i], "open_path");
        tbuf_free(&s);
    }
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_path(path, 16, &s), st0);
        assert_same(&want, &s, files[_i], "open_path with 16-byte reads");
        tbuf_free(&s);
    }
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_file(path, &s), st0);
        assert_same(&want, &s, files[_i], "open_file");
        tbuf_free(&s);
    }
    if (large) {
        static const size_t fixed[] = {1, 7, 64, 4096};
        for (k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
            size_t one[2] = {fixed[k], 0};
            tbuf s = {0};
            ck_assert_int_eq(sig_push_quiet(data, len, one, &s), st0);
            snprintf(how, sizeof how, "push by %zu", fixed[k]);
            assert_same(&want, &s, files[_i], how);
            tbuf_free(&s);
        }
        lcg_sizes(12345u + (uint32_t)_i, 8192, sizes, 300);
        {
            tbuf s = {0};
            ck_assert_int_eq(sig_push_quiet(data, len, sizes, &s), st0);
            assert_same(&want, &s, files[_i], "push by random sizes");
            tbuf_free(&s);
        }
    } else {
        for (k = 1; k <= 64; k++) {
            size_t one[2] = {k, 0};
            tbuf s = {0};
            ck_assert_int_eq(sig_push_quiet(data, len, one, &s), st0);
            snprintf(how, sizeof how, "push by %zu", k);
            assert_same(&want, &s, files[_i], how);
            tbuf_free(&s);
        }
        for (k = 0; k < 4; k++) {
            tbuf s = {0};
            lcg_sizes(777u * (uint32_t)(k + 1) + (uint32_t)_i, k < 2 ? 16 : 300, sizes, 300);
            ck_assert_int_eq(sig_push_quiet(data, len, sizes, &s), st0);
            snprintf(how, sizeof how, "push by random sizes #%zu", k);
            assert_same(&want, &s, files[_i], how);
            tbuf_free(&s);
        }
        /* The whole file in one chunk, then an empty final chunk. */
        {
            x12_reader *r;
            x12_status st;
            tbuf s = {0};
            ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
            ck_assert_int_eq(x12_reader_feed(r, data, len, 0), X12_OK);
            st = drain_reader(r, &s);
            if (st == X12_AGAIN) {
                ck_assert_int_eq(x12_reader_feed(r, "", 0, 1), X12_OK);
                st = drain_reader(r, &s);
            }
            ck_assert_int_eq(st, st0);
            assert_same(&want, &s, files[_i], "push all, then an empty final chunk");
            x12_reader_free(r);
            tbuf_free(&s);
        }
    }
    tbuf_free(&want);
    free(path);
    free(data);
}
END_TEST

/* c (gzip). A gzip'd copy read by path and pushed in chunks gives the plain
 * buffer's signature (offsets are of the decoded bytes); so does a copy made
 * of two concatenated gzip members. */
START_TEST(same_from_gzip)
{
    size_t len, k;
    char *data = load((size_t)_i, &len);
    tbuf want = {0}, gz = {0}, gz2 = {0};
    x12_status st0;
    int large = len > LARGE_FILE;
    char *tmp;
    size_t sizes[300];
    char how[64];

    st0 = sig_buffer(data, len, &want);
    gzip_member(&gz, data, len, large ? 65535 : 500);
    gzip_member(&gz2, data, len / 2, 65535);
    gzip_member(&gz2, data + len / 2, len - len / 2, 65535);

    tmp = write_temp(gz.p, gz.len);
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_path(tmp, 0, &s), st0);
        assert_same(&want, &s, files[_i], "gzip by path");
        tbuf_free(&s);
    }
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_path(tmp, 16, &s), st0);
        assert_same(&want, &s, files[_i], "gzip by path, 16-byte reads");
        tbuf_free(&s);
    }
    ck_assert_int_eq(unlink(tmp), 0);
    free(tmp);

    tmp = write_temp(gz2.p, gz2.len);
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_path(tmp, 0, &s), st0);
        assert_same(&want, &s, files[_i], "two gzip members by path");
        tbuf_free(&s);
    }
    ck_assert_int_eq(unlink(tmp), 0);
    free(tmp);

    {
        static const size_t small_sizes[] = {1, 2, 3, 10, 64, 4096};
        static const size_t large_sizes[] = {7, 4096};
        const size_t *fixed = large ? large_sizes : small_sizes;
        size_t nfixed = large ? 2 : sizeof small_sizes / sizeof small_sizes[0];
        for (k = 0; k < nfixed; k++) {
            size_t one[2] = {fixed[k], 0};
            tbuf s = {0};
            ck_assert_int_eq(sig_push_quiet(gz.p, gz.len, one, &s), st0);
            snprintf(how, sizeof how, "gzip pushed by %zu", fixed[k]);
            assert_same(&want, &s, files[_i], how);
            tbuf_free(&s);
        }
    }
    lcg_sizes(4242u + (uint32_t)_i, large ? 8192 : 100, sizes, 300);
    {
        tbuf s = {0};
        ck_assert_int_eq(sig_push_quiet(gz.p, gz.len, sizes, &s), st0);
        assert_same(&want, &s, files[_i], "gzip pushed by random sizes");
        tbuf_free(&s);
    }
    {
        size_t one[2] = {large ? 4096 : 5, 0};
        tbuf s = {0};
        ck_assert_int_eq(sig_push_quiet(gz2.p, gz2.len, one, &s), st0);
        assert_same(&want, &s, files[_i], "two gzip members pushed");
        tbuf_free(&s);
    }
    tbuf_free(&gz);
    tbuf_free(&gz2);
    tbuf_free(&want);
    free(data);
}
END_TEST

/* Reads until the reader stops; returns the final status and leaves the
 * last error's rule and severity in the out parameters. */
static x12_status drain_status(x12_reader *r, const char **rule, x12_severity *sev)
{
    const x12_segment *seg;
    x12_status st;

    while ((st = x12_reader_next(r, &seg)) == X12_OK)
        ;
    if (st != X12_END && st != X12_AGAIN) {
        ck_assert_ptr_nonnull(x12_reader_last_error(r));
        *rule = x12_error_rule(x12_reader_last_error(r));
        *sev = x12_error_severity(x12_reader_last_error(r));
    }
    return st;
}

/* A gzip copy cut short (in its data, and with only its 8-byte trailer
 * missing) fails with X12_EGZIP, rule "gzip", fatal, by path and by push;
 * the call after that fails the same way.  (The file without an ISA fails
 * on its first bytes instead.) */
START_TEST(truncated_gzip)
{
    const struct expectation *x = expectation_for(files[_i]);
    size_t len, c;
    char *data;
    tbuf gz = {0};
    const size_t cuts[2] = {0, 8}; /* 0: cut in the middle */

    ck_assert_ptr_nonnull(x);
    if (x->fatal)
        return;
    data = load((size_t)_i, &len);
    gzip_member(&gz, data, len, 500);
    for (c = 0; c < 2; c++) {
        size_t n = cuts[c] ? gz.len - cuts[c] : gz.len / 2;
        char *tmp = write_temp(gz.p, n);
        x12_reader *r;
        const x12_segment *seg;
        const char *rule = "";
        x12_severity sev = X12_SEV_WARNING;
        size_t off = 0;
        x12_status st = X12_AGAIN;

        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_path(r, tmp), X12_OK);
        ck_assert_int_eq(drain_status(r, &rule, &sev), X12_EGZIP);
        ck_assert_str_eq(rule, "gzip");
        ck_assert_int_eq(sev, X12_SEV_FATAL);
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_EGZIP);
        x12_reader_free(r);
        ck_assert_int_eq(unlink(tmp), 0);
        free(tmp);

        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        while (st == X12_AGAIN) {
            size_t k = n - off < 97 ? n - off : 97;
            ck_assert_int_eq(x12_reader_feed(r, gz.p + off, k, off + k == n), X12_OK);
            off += k;
            st = drain_status(r, &rule, &sev);
            ck_assert(st != X12_END);
        }
        ck_assert_int_eq(st, X12_EGZIP);
        ck_assert_str_eq(rule, "gzip");
        ck_assert_int_eq(sev, X12_SEV_FATAL);
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_EGZIP);
        x12_reader_free(r);
    }
    tbuf_free(&gz);
    free(data);
}
END_TEST

/* Where the first set is: numbers and offsets found by reading the file. */
typedef struct first_set {
    uint64_t st_segno;
    uint64_t se_segno, se_off;       /* first SE */
    size_t se01_off, se01_len;       /* SE01 within the input */
    size_t se02_off, se02_len;
    uint64_t next_segno;             /* segment after the first ST */
    size_t next_off, next_len, next_idlen;
    char next_id[4];
    char after_se_id[4];             /* the segment after the first SE */
} first_set;

static void find_first_set(const char *data, size_t len, first_set *f)
{
    x12_reader *r;
    const x12_segment *seg;
    int state = 0; /* 0 before ST, 1 after ST, 2 inside the set, 3 after SE */

    memset(f, 0, sizeof *f);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while (state < 4 && x12_reader_next(r, &seg) == X12_OK) {
        x12_str id = x12_segment_id(seg), raw = x12_segment_raw(seg);
        int is_st = id.len == 2 && memcmp(id.ptr, "ST", 2) == 0;
        int is_se = id.len == 2 && memcmp(id.ptr, "SE", 2) == 0;
        if (state == 3) {
            snprintf(f->after_se_id, sizeof f->after_se_id, "%.*s", (int)id.len, id.ptr);
            state = 4;
        } else if (state == 0 && is_st) {
            f->st_segno = x12_segment_number(seg);
            state = 1;
        } else if (state == 1) {
            f->next_segno = x12_segment_number(seg);
            f->next_off = (size_t)x12_segment_offset(seg);
            f->next_len = raw.len;
            f->next_idlen = id.len;
            snprintf(f->next_id, sizeof f->next_id, "%.*s", (int)id.len, id.ptr);
            state = is_se ? 3 : 2;
        } else if (state == 2 && is_se) {
            x12_str e1 = x12_segment_element(seg, 1), e2 = x12_segment_element(seg, 2);
            f->se_segno = x12_segment_number(seg);
            f->se_off = x12_segment_offset(seg);
            f->se01_off = (size_t)(e1.ptr - data);
            f->se01_len = e1.len;
            f->se02_off = (size_t)(e2.ptr - data);
            f->se02_len = e2.len;
            state = 3;
        }
    }
    x12_reader_free(r);
    ck_assert_int_ge(state, 3);
}

/* Replaces data[off, off + n) by `with`; caller frees. */
static char *splice(const char *data, size_t len, size_t off, size_t n, const char *with,
                    size_t *out_len)
{
    size_t w = strlen(with);
    char *out = malloc(len - n + w + 1);

    ck_assert_ptr_nonnull(out);
    memcpy(out, data, off);
    memcpy(out + off, with, w);
    memcpy(out + off + w, data + off + n, len - off - n);
    *out_len = len - n + w;
    out[*out_len] = '\0';
    return out;
}

static void expect_rules(const char *data, size_t len, const char *want, const char *file,
                         const char *what)
{
    tbuf got = {0};

    read_all_rules(data, len, &got);
    ck_assert_msg(strcmp(got.p, want) == 0, "%s, %s:\n got  '%s'\n want '%s'", file, what,
                  got.p, want);
    tbuf_free(&got);
}

/* d. On each file with a well-formed envelope: SE01 + 1 on the first SE,
 * its SE02 altered, the first SE deleted, and the file cut inside the
 * segment after the first ST each give exactly the expected errors at the
 * segment numbers found by reading the unmutated file. */
START_TEST(mutations)
{
    const struct expectation *x = expectation_for(files[_i]);
    size_t len, mlen, cut;
    char *data, *m;
    first_set f;
    char want[256], num[32];
    unsigned long long se01;

    ck_assert_ptr_nonnull(x);
    if (x->fatal || x->rules[0] != '\0')
        return; /* only files whose envelope is clean */
    data = load((size_t)_i, &len);
    find_first_set(data, len, &f);
    ck_assert_uint_gt(f.se_segno, f.st_segno);

    /* SE01 + 1 */
    ck_assert_uint_gt(f.se01_len, 0);
    se01 = strtoull(data + f.se01_off, NULL, 10);
    ck_assert_uint_eq(se01, f.se_segno - f.st_segno + 1);
    snprintf(num, sizeof num, "%llu", se01 + 1);
    m = splice(data, len, f.se01_off, f.se01_len, num, &mlen);
    snprintf(want, sizeof want, "se01-count@%llu:SE;", (unsigned long long)f.se_segno);
    expect_rules(m, mlen, want, files[_i], "SE01 + 1");
    free(m);

    /* SE02 altered in its last character. */
    ck_assert_uint_gt(f.se02_len, 0);
    {
        char c = data[f.se02_off + f.se02_len - 1];
        char with[2] = {(char)((c >= '0' && c <= '9') ? '0' + (c - '0' + 1) % 10
                                                      : (c == 'Z' ? 'Y' : 'Z')),
                        '\0'};
        m = splice(data, len, f.se02_off + f.se02_len - 1, 1, with, &mlen);
    }
    snprintf(want, sizeof want, "se02-control@%llu:SE;", (unsigned long long)f.se_segno);
    expect_rules(m, mlen, want, files[_i], "SE02 altered");
    free(m);

    /* The first SE deleted (data, terminator and line break): the segment
     * that took its number reports the missing SE. */
    {
        size_t end = (size_t)f.se_off;
        char term;
        x12_delimiters d;
        x12_reader *r;
        const x12_segment *seg;
        /* The terminator of this interchange. */
        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
        ck_assert_int_eq(x12_reader_next(r, &seg), X12_OK);
        ck_assert_int_eq(x12_reader_delimiters(r, &d), X12_OK);
        term = d.segment;
        x12_reader_free(r);
        while (end < len && data[end] != term)
            end++;
        end++;
        while (end < len && (data[end] == '\r' || data[end] == '\n'))
            end++;
        m = splice(data, len, (size_t)f.se_off, end - (size_t)f.se_off, "", &mlen);
    }
    snprintf(want, sizeof want, "missing-trailer@%llu:%s;", (unsigned long long)f.se_segno,
             f.after_se_id);
    expect_rules(m, mlen, want, files[_i], "first SE deleted");
    free(m);

    /* Cut inside the segment after the first ST, past its id. */
    ck_assert_uint_gt(f.next_len, f.next_idlen + 1);
    cut = f.next_off + f.next_idlen + 1 + (f.next_len - f.next_idlen - 1) / 2;
    snprintf(want, sizeof want,
             "unterminated@%llu:%s;missing-trailer@0:;missing-trailer@0:;missing-trailer@0:;",
             (unsigned long long)f.next_segno, f.next_id);
    expect_rules(data, cut, want, files[_i], "cut after the first ST");

    free(data);
}
END_TEST

/* ---- the suite ------------------------------------------------------------ */

/* Reads the manifest's first column (a header row names it "file"). */
static void load_manifest(const char *dir)
{
    char path[4096], line[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    f = fopen(path, "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        size_t n = strcspn(line, "\t\r\n");
        if (n == 0 || line[0] == '#')
            continue;
        line[n] = '\0';
        if (strcmp(line, "file") == 0)
            continue;
        manifest_rows++;
        if (nfiles < MAX_FILES) {
            files[nfiles] = strdup(line);
            if (files[nfiles] == NULL)
                abort();
            nfiles++;
        }
    }
    fclose(f);
    if (manifest_rows > MAX_FILES)
        fprintf(stderr, "check_corpus: MANIFEST.tsv lists %zu files, only %d are tested: "
                        "raise MAX_FILES\n", manifest_rows, MAX_FILES);
}

static TCase *loop_case(const char *name, const TTest *t)
{
    TCase *tc = tcase_create(name);

    /* The large files take a few seconds under sanitizers. */
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, t, 0, (int)nfiles);
    return tc;
}

static Suite *corpus_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc;

    cdir = corpus_dir(); /* present: main() skips the program without it */
    load_manifest(cdir);

    tc = tcase_create("manifest");
    tcase_add_test(tc, manifest_covered);
    suite_add_tcase(s, tc);
    if (nfiles == 0)
        return s;
    suite_add_tcase(s, loop_case("diagnostics", diagnostics));
    suite_add_tcase(s, loop_case("round-trip", round_trip));
    suite_add_tcase(s, loop_case("same-every-way", same_every_way));
    suite_add_tcase(s, loop_case("gzip", same_from_gzip));
    suite_add_tcase(s, loop_case("truncated-gzip", truncated_gzip));
    suite_add_tcase(s, loop_case("mutations", mutations));
    return s;
}

static void free_files(void)
{
    size_t i;

    for (i = 0; i < nfiles; i++)
        free(files[i]);
}

int main(void)
{
    int rc;

    if (corpus_dir() == NULL)
        return corpus_skipped("check_corpus");
    rc = run_suite(corpus_suite(), NULL, NULL);
    free_files();
    return rc;
}
