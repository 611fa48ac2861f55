/*
 * Helpers shared by the Check suites: reading fixtures, locating the shared
 * corpus, and collecting everything a reader produces into one comparable
 * text so that different ways of reading can be checked for equality.
 */
#ifndef X12_TESTUTIL_H
#define X12_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x12/x12.h>

/* A growable byte buffer. */
typedef struct tbuf {
    char *p;
    size_t len, cap;
} tbuf;

static inline void tbuf_add(tbuf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (c < b->len + n + 1)
            c *= 2;
        b->p = realloc(b->p, c);
        ck_assert_ptr_nonnull(b->p);
        b->cap = c;
    }
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void tbuf_str(tbuf *b, const char *s)
{
    tbuf_add(b, s, strlen(s));
}

static inline void tbuf_free(tbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* Reads a whole file; NULL if it cannot be opened. Caller frees. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    tbuf b = {0};
    char tmp[65536];
    size_t n;

    if (f == NULL)
        return NULL;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        tbuf_add(&b, tmp, n);
    fclose(f);
    if (b.p == NULL)
        tbuf_add(&b, "", 0);
    *len = b.len;
    return b.p;
}

/* Path of a fixture under tests/data (X12_TEST_DATA); static buffer. */
static inline const char *data_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("X12_TEST_DATA");

    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    return path;
}

/* The fixture `name` with n copies of `junk` inserted before the first
 * `before` in it (hostile input built from a clean file); *len is the new
 * length.  Caller frees. */
static inline char *with_junk(const char *name, const char *before, const char *junk, size_t n,
                              size_t *len)
{
    size_t flen, cut, i, jl = strlen(junk);
    char *file = slurp(data_path(name), &flen);
    const char *at;
    char *out;

    ck_assert_ptr_nonnull(file);
    at = strstr(file, before);
    ck_assert_ptr_nonnull(at);
    cut = (size_t)(at - file);
    out = malloc(flen + n * jl);
    ck_assert_ptr_nonnull(out);
    memcpy(out, file, cut);
    for (i = 0; i < n; i++)
        memcpy(out + cut + i * jl, junk, jl);
    memcpy(out + cut + n * jl, file + cut, flen - cut);
    *len = flen + n * jl;
    free(file);
    return out;
}

/* The shared corpus directory, or NULL when it is not present. */
static inline const char *corpus_dir(void)
{
    const char *dir = getenv("X12_CORPUS_DIR");
    FILE *f;
    static char probe[4096];

    if (dir == NULL)
        return NULL;
    snprintf(probe, sizeof probe, "%s/MANIFEST.tsv", dir);
    f = fopen(probe, "r");
    if (f == NULL)
        return NULL;
    fclose(f);
    return dir;
}

/* The 270-277 samples: X12_CORPUS_TXN_DIR, else the directory next to the
 * main corpus (X12_CORPUS_DIR with "-270-277" appended), as ../shared/x12
 * lays them out.  NULL when absent. */
static inline const char *txn_corpus_dir(void)
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

static inline void sig_error(tbuf *s, const x12_error *e)
{
    char line[700];

    x12_error_format(e, line, sizeof line);
    tbuf_str(s, line);
    snprintf(line, sizeof line, " [%s sev=%d status=%d off=%llu]\n", x12_error_rule(e),
             (int)x12_error_severity(e), (int)x12_error_status(e),
             (unsigned long long)x12_error_offset(e));
    tbuf_str(s, line);
}

/*
 * Drains a reader into a signature: every segment (raw bytes, number,
 * offset, set position, trailer) and every diagnostic.  Returns the final
 * status: X12_END, X12_AGAIN (push reader wants bytes) or the fatal status.
 */
static inline x12_status drain_reader(x12_reader *r, tbuf *s)
{
    const x12_segment *seg;
    x12_status st;
    size_t i;
    char line[128];

    for (;;) {
        st = x12_reader_next(r, &seg);
        for (i = 0; i < x12_reader_error_count(r); i++)
            sig_error(s, x12_reader_error_at(r, i));
        if (st == X12_OK) {
            x12_str raw = x12_segment_raw(seg), tr = x12_segment_trailer(seg);
            x12_str ld = x12_segment_leading(seg);
            tbuf_add(s, ld.ptr, ld.len);
            tbuf_add(s, raw.ptr, raw.len);
            snprintf(line, sizeof line, "|n=%llu|o=%llu|p=%llu|e=%zu|",
                     (unsigned long long)x12_segment_number(seg),
                     (unsigned long long)x12_segment_offset(seg),
                     (unsigned long long)x12_segment_set_position(seg), x12_segment_count(seg));
            tbuf_str(s, line);
            /* Where every element starts and ends, so that a scanner that
             * split a segment differently cannot match. */
            for (i = 0; i <= x12_segment_count(seg); i++) {
                x12_str el = x12_segment_element(seg, i);
                snprintf(line, sizeof line, "%td+%zu,", el.len ? el.ptr - raw.ptr : (ptrdiff_t)-1,
                         el.len);
                tbuf_str(s, line);
            }
            tbuf_add(s, tr.ptr, tr.len);
            continue;
        }
        if (st == X12_AGAIN || st == X12_END)
            return st;
        sig_error(s, x12_reader_last_error(r));
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            return st;
    }
}

/* The scanners by level, slowest first (the API offers only X12_SCAN_AUTO,
 * _GENERAL and _INDEX; tests compare every index this CPU has through the
 * X12_SCANNER variable x12_reader_new reads). */
#define SCAN_GENERAL 1u
static const char *const scan_names[] = {"", "general", "sse2", "avx2", "avx512"};

/* A new reader using scanner level `sc` (SCAN_GENERAL .. scan_best()). */
static inline x12_reader *scan_reader(uint64_t sc)
{
    x12_reader *r;

    ck_assert_uint_ge(sc, SCAN_GENERAL);
    ck_assert_uint_lt(sc, sizeof scan_names / sizeof scan_names[0]);
    ck_assert_int_eq(setenv("X12_SCANNER", scan_names[sc], 1), 0);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(unsetenv("X12_SCANNER"), 0);
    ck_assert_str_eq(x12_reader_scanner_name(r), scan_names[sc]);
    return r;
}

/* Signature of reading `len` bytes from a buffer with scanner level `sc`,
 * or the default (X12_SCAN_AUTO) for 0. */
static inline x12_status sig_buffer_scan(const char *data, size_t len, uint64_t sc, tbuf *s)
{
    x12_reader *r;
    x12_status st;

    if (sc == 0)
        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    else
        r = scan_reader(sc);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    st = drain_reader(r, s);
    x12_reader_free(r);
    return st;
}

/* Signature of reading `len` bytes from a buffer. */
static inline x12_status sig_buffer(const char *data, size_t len, tbuf *s)
{
    return sig_buffer_scan(data, len, 0, s);
}

/* The level of the fastest scanner this CPU has (what X12_SCAN_AUTO picks
 * when X12_SCANNER is not set). */
static inline uint64_t scan_best(void)
{
    x12_reader *r;
    uint64_t v = 0, i;

    ck_assert_int_eq(unsetenv("X12_SCANNER"), 0);
    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    for (i = SCAN_GENERAL; i < sizeof scan_names / sizeof scan_names[0]; i++)
        if (strcmp(x12_reader_scanner_name(r), scan_names[i]) == 0)
            v = i;
    x12_reader_free(r);
    ck_assert_uint_ge(v, SCAN_GENERAL);
    return v;
}

/* Signature of pushing the bytes in chunks whose sizes come from `sizes`
 * (cycled); sizes[0] == 0 ends the list. */
static inline x12_status sig_push(const char *data, size_t len, const size_t *sizes, tbuf *s)
{
    x12_reader *r;
    x12_status st = X12_AGAIN;
    size_t off = 0, k = 0;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    /* A small read chunk makes the window refill and compact often. */
    ck_assert_int_eq(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, 16), X12_OK);
    while (st == X12_AGAIN) {
        size_t n = sizes[k] ? sizes[k] : 1;
        if (sizes[++k] == 0)
            k = 0;
        if (n > len - off)
            n = len - off;
        ck_assert_int_eq(x12_reader_feed(r, data + off, n, off + n == len), X12_OK);
        off += n;
        st = drain_reader(r, s);
        ck_assert(st != X12_AGAIN || off < len);
    }
    x12_reader_free(r);
    return st;
}

/* Collects reader diagnostics (whole input) as rule@segno lines. */
static inline void read_all_rules(const char *data, size_t len, tbuf *out)
{
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    size_t i;
    char line[128];

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    for (;;) {
        st = x12_reader_next(r, &seg);
        for (i = 0; i < x12_reader_error_count(r); i++) {
            const x12_error *e = x12_reader_error_at(r, i);
            snprintf(line, sizeof line, "%s@%llu:%s;", x12_error_rule(e),
                     (unsigned long long)x12_error_segment_number(e), x12_error_segment_id(e));
            tbuf_str(out, line);
        }
        if (st == X12_OK)
            continue;
        if (st == X12_END)
            break;
        {
            const x12_error *e = x12_reader_last_error(r);
            snprintf(line, sizeof line, "%s@%llu:%s;", x12_error_rule(e),
                     (unsigned long long)x12_error_segment_number(e), x12_error_segment_id(e));
            tbuf_str(out, line);
            if (x12_error_severity(e) == X12_SEV_FATAL)
                break;
        }
    }
    x12_reader_free(r);
    if (out->p == NULL)
        tbuf_add(out, "", 0);
}

/* Standard main (TEST_MAIN): runs one suite, prints Check's summary, fails
 * on failure.
 *
 * Tests over the public corpus (X12_CORPUS_DIR) must never count as passed
 * when it is absent.  A test program that has some keeps them in a TCase
 * made by corpus_tcase() (tagged "corpus"): TEST_MAIN runs every other
 * case, and the same source built with -DX12_TEST_CORPUS_PART (the
 * tests/check_NAME_corpus programs of Makefile.am) runs those cases alone,
 * or exits 77 (skipped) without the corpus; a program that is all corpus
 * (check_corpus, check_claimread_corpus) exits 77 itself.  The corpus tests
 * assert the corpus is there rather than return early.
 */
static inline TCase *corpus_tcase(void)
{
    TCase *tc = tcase_create("corpus");

    tcase_set_tags(tc, "corpus");
    return tc;
}

/* Runs the cases of s tagged `include` (NULL: all) but those tagged
 * `exclude`; the program's exit status. */
static inline int run_suite(Suite *s, const char *include, const char *exclude)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_tagged(sr, NULL, NULL, include, exclude, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* 77 with a line saying why, when the corpus is absent. */
static inline int corpus_skipped(const char *prog)
{
    const char *slash = strrchr(prog, '/');

    printf("%s: no public corpus (X12_CORPUS_DIR=%s has no MANIFEST.tsv): skipped\n",
           slash != NULL ? slash + 1 : prog,
           getenv("X12_CORPUS_DIR") ? getenv("X12_CORPUS_DIR") : "(unset)");
    return 77;
}

/* 1 when the view holds exactly the string s. */
static inline int view_equals(x12_str v, const char *s)
{
    return v.len == strlen(s) && memcmp(v.ptr, s, v.len) == 0;
}

/* Asserts that a view holds s, naming the expression and both texts. */
#define ASSERT_VIEW(v, s)                                                                  \
    do {                                                                                   \
        x12_str v_ = (v);                                                                  \
        ck_assert_msg(view_equals(v_, (s)), "%s is '%.*s', want '%s'", #v, (int)v_.len,   \
                      v_.ptr, (s));                                                        \
    } while (0)

/* ---- an allocator that measures ---------------------------------------------------
 * Counts the bytes held now (cur) and at most (peak), the calls made
 * (calls, failed ones too), blocks allocated (allocs: malloc, or realloc
 * of NULL) and freed (frees: allocs - frees blocks are live); with fail_at
 * N (1-based) the Nth call fails, with fail_from N the Nth and every later
 * one (set calls and fail_from at any time: fail_from = calls + 1 refuses
 * everything from now).  A test of bounded memory reads twice, with little
 * and with much input, and compares the peaks: x12_allocator a =
 * memcounting(&c). */
typedef struct memcount {
    size_t cur, peak, calls, allocs, frees;
    long fail_at;   /* fail the Nth call (1-based); 0 never */
    long fail_from; /* fail the Nth call and every later one; 0 never */
} memcount;

#define MEMCOUNT_HDR 16u

/* Counts one call: 1 when it is to fail. */
static inline int memcount_refuse(memcount *c)
{
    long k = (long)++c->calls;

    return (c->fail_at && k == c->fail_at) || (c->fail_from && k >= c->fail_from);
}

static inline void *memcount_malloc(size_t n, void *u)
{
    memcount *c = u;
    unsigned char *p;

    if (memcount_refuse(c))
        return NULL;
    p = malloc(n + MEMCOUNT_HDR);
    if (p == NULL)
        return NULL;
    memcpy(p, &n, sizeof n);
    c->cur += n;
    c->allocs++;
    if (c->cur > c->peak)
        c->peak = c->cur;
    return p + MEMCOUNT_HDR;
}

static inline void memcount_free(void *q, void *u)
{
    memcount *c = u;
    unsigned char *p;
    size_t n;

    if (q == NULL)
        return;
    p = (unsigned char *)q - MEMCOUNT_HDR;
    memcpy(&n, p, sizeof n);
    c->cur -= n;
    c->frees++;
    free(p);
}

static inline void *memcount_realloc(void *q, size_t n, void *u)
{
    memcount *c = u;
    unsigned char *p, *np;
    size_t old;

    if (q == NULL)
        return memcount_malloc(n, u);
    if (memcount_refuse(c))
        return NULL;
    p = (unsigned char *)q - MEMCOUNT_HDR;
    memcpy(&old, p, sizeof old);
    np = realloc(p, n + MEMCOUNT_HDR);
    if (np == NULL)
        return NULL;
    memcpy(np, &n, sizeof n);
    c->cur = c->cur - old + n;
    if (c->cur > c->peak)
        c->peak = c->cur;
    return np + MEMCOUNT_HDR;
}

static inline x12_allocator memcounting(memcount *c)
{
    x12_allocator a;

    memset(c, 0, sizeof *c);
    a.struct_size = sizeof a;
    a.malloc_fn = memcount_malloc;
    a.realloc_fn = memcount_realloc;
    a.free_fn = memcount_free;
    a.user = c;
    return a;
}

/* ---- junk: a stream's diagnostics kept within a limit ---------------------------
 * The junk tests of the 837, 271 and 277 streams read a file with
 * thousands of junk segments from a buffer and pushed, with memcounting,
 * and compare what each read gave. */
typedef struct junk_read {
    size_t peak;          /* bytes */
    uint64_t seen;        /* by the error handler (junk_seen) */
    uint64_t listed;      /* in the per-call lists */
    uint64_t dropped;     /* counted past the limit in those lists */
    size_t records;       /* claims or coverages read */
    size_t rec_kept;      /* a record's own list (which record: the test says) */
    uint64_t rec_dropped; /* counted past the limit in it */
    size_t not_kept;      /* the 837 claim's not-kept count */
    tbuf sig;             /* the records' signatures, where the test keeps them */
} junk_read;

/* An error handler counting into a uint64_t. */
static inline void junk_seen(void *u, const x12_error *e)
{
    (void)e;
    (*(uint64_t *)u)++;
}

/* After one call of the stream: its list held n (never more than max) and
 * it counted `dropped` past the limit. */
static inline void junk_call(junk_read *out, size_t n, uint64_t dropped, size_t max)
{
    ck_assert_uint_le(n, max);
    out->listed += n;
    out->dropped += dropped;
}

/* Pushes the next chunk of data (len bytes, *off of them fed) to r, the
 * last one final. */
static inline void junk_feed(x12_reader *r, const char *data, size_t len, size_t *off,
                             size_t chunk)
{
    size_t n = len - *off < chunk ? len - *off : chunk;

    ck_assert_int_eq(x12_reader_feed(r, data + *off, n, *off + n == len), X12_OK);
    *off += n;
}

/* The read is over and its stream freed: nothing is left allocated; its
 * peak. */
static inline void junk_done(junk_read *out, const memcount *c)
{
    ck_assert_uint_eq(c->cur, 0);
    out->peak = c->peak;
}

/* ---- an allocator that fails on purpose ----------------------------------------
 * Counts allocations and frees; with fail_at >= 0 the allocation numbered
 * fail_at (from 0) and every later one fail.  An out-of-memory test runs a
 * call once with fail_at -1 to count its allocations, then fails each in
 * turn: x12_allocator al = {sizeof al, failcount_malloc, failcount_realloc,
 * failcount_free, &cnt}. */
typedef struct failcount {
    long allocs, frees, fail_at;
} failcount;

static inline void *failcount_malloc(size_t n, void *u)
{
    failcount *c = u;

    if (c->fail_at >= 0 && c->allocs >= c->fail_at)
        return NULL;
    c->allocs++;
    return malloc(n);
}

static inline void *failcount_realloc(void *p, size_t n, void *u)
{
    failcount *c = u;

    if (c->fail_at >= 0 && c->allocs >= c->fail_at)
        return NULL;
    c->allocs++;
    if (p != NULL)
        c->frees++;
    return realloc(p, n);
}

static inline void failcount_free(void *p, void *u)
{
    failcount *c = u;

    if (p != NULL)
        c->frees++;
    free(p);
}

/* ---- writing and validating in memory ---------------------------------------- */

/* A writer to memory with "\n" after each segment. */
static inline x12_writer *memory_writer(void)
{
    x12_writer *w;

    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    return w;
}

/* What w wrote, as a NUL-terminated copy (caller frees; its length in
 * *len); frees w. */
static inline char *writer_text(x12_writer *w, size_t *len)
{
    const char *mem = x12_writer_memory(w, len);
    char *copy = malloc(*len + 1);

    ck_assert_ptr_nonnull(copy);
    memcpy(copy, mem, *len);
    copy[*len] = '\0';
    x12_writer_free(w);
    return copy;
}

/* Everything the validator says about bytes, strictly: one formatted
 * issue a line, "" when clean (caller frees). */
static inline char *validate_all(const char *data, size_t len)
{
    x12_reader *r;
    x12_validator *v;
    const x12_segment *seg;
    tbuf out = {0};
    size_t i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
    ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_STRICT, 1), X12_OK);
    for (;;) {
        int more = x12_reader_next(r, &seg) == X12_OK;
        if (more)
            x12_validator_segment(v, seg);
        else
            x12_validator_finish(v);
        for (i = 0; i < x12_validator_issue_count(v); i++) {
            char line[300];
            x12_error_format(x12_issue_error(x12_validator_issue_at(v, i)), line, sizeof line);
            tbuf_str(&out, line);
            tbuf_str(&out, "\n");
        }
        if (!more)
            break;
    }
    x12_validator_free(v);
    x12_reader_free(r);
    tbuf_add(&out, "", 1);
    return out.p;
}

/* ---- checksums of what a model shows (hostile input: every accessor walked) ---- */

static inline uint64_t sum_view(uint64_t h, x12_str v)
{
    size_t i;

    ck_assert(v.ptr != NULL);
    for (i = 0; i < v.len; i++)
        h = h * 31u + (unsigned char)v.ptr[i];
    return h * 7u + v.len;
}

static inline uint64_t sum_text(uint64_t h, const char *s)
{
    ck_assert(s != NULL);
    for (; *s; s++)
        h = h * 31u + (unsigned char)*s;
    return h;
}

/* The corpus a program's "corpus" cases need: the public corpus unless the
 * program defines TEST_CORPUS_DIR (e.g. txn_corpus_dir) before including
 * this header. */
#ifndef TEST_CORPUS_DIR
#define TEST_CORPUS_DIR corpus_dir
#endif

#if defined(X12_TEST_CORPUS_PART)
#define TEST_MAIN(make_suite)                                                    \
    int main(int argc, char **argv)                                              \
    {                                                                            \
        (void)argc;                                                              \
        if (TEST_CORPUS_DIR() == NULL)                                           \
            return corpus_skipped(argv[0]);                                      \
        return run_suite(make_suite(), "corpus", NULL);                          \
    }
#else
#define TEST_MAIN(make_suite)                                                    \
    int main(void)                                                               \
    {                                                                            \
        return run_suite(make_suite(), NULL, "corpus");                          \
    }
#endif

#endif /* X12_TESTUTIL_H */
