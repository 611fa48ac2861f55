/*
 * Threads (issue 7): libx12 has no global mutable state, so readers and
 * writers on different threads never interfere.  Eight threads start at
 * once (a barrier) and each parses different files, every one with its own
 * reader, push reader and writer and its own counting allocator; each
 * result must equal the one a single thread computed.  A second test has
 * the eight threads read the same shared buffer.  The files are the .x12
 * fixtures of tests/data and, when present, every file of the shared corpus.
 *
 * fuzz/Makefile.fuzz target `tsan` builds this test with
 * -fsanitize=thread; `make check` runs it as a plain test.
 */
#include <dirent.h>
#include <pthread.h>

#include "testutil.h"
#include "../fuzz/harness.h"

enum { NTHREADS = 8, ROUNDS = 2, MAX_INPUTS = 512 };

typedef struct input {
    char *name;
    char *data;
    size_t len;
} input;

static input inputs[MAX_INPUTS];
static size_t ninputs;

static void add_input(const char *path, const char *name)
{
    size_t len;
    char *data = slurp(path, &len);

    if (data == NULL || ninputs == MAX_INPUTS) {
        free(data);
        return;
    }
    inputs[ninputs].name = strdup(name);
    inputs[ninputs].data = data;
    inputs[ninputs].len = len;
    ninputs++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .x12 files of tests/data (sorted), then the corpus files in manifest
 * order. */
static void load_inputs(void)
{
    static int loaded;
    const char *dir = getenv("X12_TEST_DATA"), *cdir = corpus_dir();
    char path[8400], line[4096], *names[256];
    size_t n = 0, i;
    DIR *d;
    struct dirent *e;
    FILE *f;

    if (loaded++)
        return;
    if (dir == NULL)
        dir = "tests/data";
    d = opendir(dir);
    if (d != NULL) {
        while ((e = readdir(d)) != NULL && n < 256) {
            size_t l = strlen(e->d_name);
            if (l > 4 && strcmp(e->d_name + l - 4, ".x12") == 0)
                names[n++] = strdup(e->d_name);
        }
        closedir(d);
    }
    qsort(names, n, sizeof names[0], by_name);
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        add_input(path, names[i]);
        free(names[i]);
    }
    if (cdir == NULL)
        return;
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", cdir);
    f = fopen(path, "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        size_t l = strcspn(line, "\t\r\n");
        if (l == 0 || line[0] == '#')
            continue;
        line[l] = '\0';
        if (strcmp(line, "file") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", cdir, line);
        add_input(path, line);
    }
    fclose(f);
}

/* ---- a per-thread counting allocator ------------------------------------------ */

typedef struct counter {
    size_t cur, calls;
} counter;

static void *c_malloc(size_t n, void *u)
{
    counter *c = u;
    size_t *p = malloc(n + 16);

    if (p == NULL)
        return NULL;
    p[0] = n;
    c->cur += n;
    c->calls++;
    return (char *)p + 16;
}

static void c_free(void *q, void *u)
{
    counter *c = u;
    size_t *p;

    if (q == NULL)
        return;
    p = (size_t *)(void *)((char *)q - 16);
    c->cur -= p[0];
    free(p);
}

static void *c_realloc(void *q, size_t n, void *u)
{
    counter *c = u;
    size_t *p, *np, old;

    if (q == NULL)
        return c_malloc(n, u);
    p = (size_t *)(void *)((char *)q - 16);
    old = p[0];
    np = realloc(p, n + 16);
    if (np == NULL)
        return NULL;
    np[0] = n;
    c->cur = c->cur - old + n;
    c->calls++;
    return (char *)np + 16;
}

/* ---- the work one thread does on one file -------------------------------------- */

/*
 * The result of parsing one input: the signature of the buffer reader
 * (every segment, position and diagnostic, walked views and envelope), of
 * the push reader in 7-byte chunks, and the output of copying every
 * segment with a verbatim writer.  Reader and writer use `c`.
 */
static char spec_file[4200]; /* set before the threads start */

static int xml_out(void *user, const char *p, size_t n)
{
    fz_add(user, p, n);
    return 0;
}

static void work(const input *in, counter *c, fz_buf *out, int with_spec)
{
    x12_allocator a;
    x12_reader *r = NULL;
    x12_writer *w = NULL;
    const x12_segment *seg;
    fz_drain_state ds;
    x12_status st;
    const char *mem;
    size_t memlen, off = 0;
    static const size_t chunk = 7;

    a.struct_size = sizeof a;
    a.malloc_fn = c_malloc;
    a.realloc_fn = c_realloc;
    a.free_fn = c_free;
    a.user = c;

    /* 1. buffer */
    FZ_CHECK(x12_reader_new(&a, &r) == X12_OK, "reader");
    FZ_CHECK(x12_reader_open_buffer(r, in->data, in->len) == X12_OK, "open");
    memset(&ds, 0, sizeof ds);
    ds.input = in->data;
    ds.input_len = in->len;
    st = fz_drain(r, out, &ds);
    fz_sig_final(out, r, st);
    x12_reader_free(r);

    /* 2. push */
    FZ_CHECK(x12_reader_new(&a, &r) == X12_OK, "reader");
    memset(&ds, 0, sizeof ds);
    st = X12_AGAIN;
    while (st == X12_AGAIN) {
        size_t n = in->len - off < chunk ? in->len - off : chunk;
        FZ_CHECK(x12_reader_feed(r, in->data + off, n, off + n == in->len) == X12_OK, "feed");
        off += n;
        st = fz_drain(r, out, &ds);
    }
    fz_sig_final(out, r, st);
    x12_reader_free(r);

    /* 3. read -> copy */
    FZ_CHECK(x12_reader_new(&a, &r) == X12_OK, "reader");
    FZ_CHECK(x12_writer_new(&a, &w) == X12_OK, "writer");
    FZ_CHECK(x12_writer_to_memory(w) == X12_OK, "memory");
    FZ_CHECK(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1) == X12_OK, "verbatim");
    FZ_CHECK(x12_reader_open_buffer(r, in->data, in->len) == X12_OK, "open");
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        x12_delimiters d = x12_segment_delimiters(seg);
        x12_str id = x12_segment_id(seg);
        if (id.len == 3 && memcmp(id.ptr, "ISA", 3) == 0)
            x12_writer_set_delimiters(w, d.element, d.component, d.repetition, d.segment);
        if (x12_writer_copy(w, seg, X12_COPY_KEEP_BREAKS) != X12_OK)
            fz_str(out, "#copy refused\n");
    }
    mem = x12_writer_memory(w, &memlen);
    fz_str(out, "#copy\n");
    fz_add(out, mem, memlen);
    x12_writer_free(w);
    x12_reader_free(r);

    /* 4. libxml2 on every thread: a guide loaded from XML (for some
     * inputs: it takes a while) and X12 -> XML. */
    if (with_spec) {
        x12_spec *sp = NULL;
        char err[256];
        FZ_CHECK(x12_spec_load_file(spec_file, &a, &sp, err, sizeof err) == X12_OK, err);
        fz_str(out, "#spec ");
        fz_str(out, x12_spec_id(sp));
        x12_spec_free(sp);
    }
    {
        x12_xml *x = NULL;
        FZ_CHECK(x12_xml_new(&a, &x) == X12_OK, "xml");
        FZ_CHECK(x12_reader_new(&a, &r) == X12_OK, "reader");
        FZ_CHECK(x12_reader_open_buffer(r, in->data, in->len) == X12_OK, "open");
        fz_str(out, "#xml\n");
        st = x12_xml_write(x, r, xml_out, out);
        fz_str(out, x12_strerror(st));
        x12_reader_free(r);
        x12_xml_free(x);
    }
}

/* ---- threads ----------------------------------------------------------------- */

typedef struct job {
    int id;
    int shared;              /* every thread reads input 0 */
    pthread_barrier_t *start;
    fz_buf *results;         /* [ROUNDS * ninputs] */
    counter c;
    size_t done;
} job;

static void *thread_main(void *arg)
{
    job *j = arg;
    size_t round, i;

    pthread_barrier_wait(j->start);
    for (round = 0; round < ROUNDS; round++) {
        /* Thread t takes the files t, t + 8, ...; the second round shifts
         * by one so that each file is read by two different threads. */
        for (i = (size_t)(j->id + (int)round) % NTHREADS; i < ninputs; i += NTHREADS) {
            size_t k = j->shared ? 0 : i;
            work(&inputs[k], &j->c, &j->results[round * ninputs + i], i < NTHREADS);
            j->done++;
        }
    }
    return NULL;
}

static void run_threads(int shared)
{
    pthread_t th[NTHREADS];
    job jobs[NTHREADS];
    pthread_barrier_t start;
    fz_buf *want;
    size_t i, t, round, total = 0;
    counter c0 = {0, 0};

    load_inputs();
    ck_assert_uint_gt(ninputs, 0);
    snprintf(spec_file, sizeof spec_file, "%s", data_path("../../specs/837p.xml"));
    want = calloc(ninputs, sizeof *want);
    ck_assert_ptr_nonnull(want);
    /* The single-threaded reference. */
    for (i = 0; i < ninputs; i++)
        work(&inputs[shared ? 0 : i], &c0, &want[i], i < NTHREADS);
    ck_assert_uint_eq(c0.cur, 0);

    ck_assert_int_eq(pthread_barrier_init(&start, NULL, NTHREADS), 0);
    for (t = 0; t < NTHREADS; t++) {
        jobs[t].id = (int)t;
        jobs[t].shared = shared;
        jobs[t].start = &start;
        jobs[t].results = calloc(ROUNDS * ninputs, sizeof(fz_buf));
        jobs[t].c.cur = jobs[t].c.calls = 0;
        jobs[t].done = 0;
        ck_assert_ptr_nonnull(jobs[t].results);
        ck_assert_int_eq(pthread_create(&th[t], NULL, thread_main, &jobs[t]), 0);
    }
    for (t = 0; t < NTHREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    pthread_barrier_destroy(&start);

    for (t = 0; t < NTHREADS; t++) {
        /* Each thread's allocator saw its own handles only, all freed. */
        ck_assert_uint_eq(jobs[t].c.cur, 0);
        ck_assert_uint_gt(jobs[t].c.calls, 0);
        total += jobs[t].done;
        for (round = 0; round < ROUNDS; round++)
            for (i = 0; i < ninputs; i++) {
                fz_buf *got = &jobs[t].results[round * ninputs + i];
                if (got->p == NULL)
                    continue; /* another thread's file */
                ck_assert_msg(fz_eq(got, &want[i]), "thread %zu, round %zu: %s differs", t,
                              round, inputs[shared ? 0 : i].name);
                fz_free(got);
            }
        free(jobs[t].results);
    }
    ck_assert_uint_eq(total, ROUNDS * ninputs);
    for (i = 0; i < ninputs; i++)
        fz_free(&want[i]);
    free(want);
}

/* Eight threads, different files at once, each with its own handles:
 * every result equals the single-threaded one. */
START_TEST(different_files)
{
    run_threads(0);
}
END_TEST

/* Eight threads reading one shared (read-only) buffer with their own
 * readers: buffer input is never written to. */
START_TEST(same_buffer)
{
    run_threads(1);
}
END_TEST

/* The fixtures were found (the test would prove nothing without them). */
START_TEST(inputs_present)
{
    load_inputs();
    ck_assert_uint_ge(ninputs, 3);
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, inputs_present);
    tcase_add_test(tc, different_files);
    tcase_add_test(tc, same_buffer);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(threads_suite)
