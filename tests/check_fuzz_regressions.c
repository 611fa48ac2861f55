/*
 * Replays the saved fuzzing regressions (fuzz/regressions/NAME-*.bin)
 * through the same harness logic the libFuzzer programs use (NAME is
 * reader, push or roundtrip: fuzz/harness.h; remit835, validate, spec or
 * encounter: fuzz/harness_modules.h; xml: fuzz/harness_xml.h; claimread:
 * fuzz/harness_claimread.h; tables: fuzz/harness_tables.h; recon:
 * fuzz/harness_recon.h; txn: fuzz/harness_txn.h), so `make check` and
 * `make check-asan` catch a fixed bug coming back.
 * Each file runs in a child process, several times over (REPLAY_RUNS): a
 * harness that finds a broken invariant aborts.
 *
 * fuzz/regressions/OPEN lists files whose bug is reported but not fixed
 * yet ("FILE  reason" per line): those must still fail, and the test says
 * so when one starts to pass (remove its line then); a line saying
 * "[asan]" is a memory error only AddressSanitizer sees, checked only in
 * such a build.  FZ_KNOWN (which relaxes the checks of known bugs while
 * fuzzing) is cleared here.
 *
 * The other tests run every harness over its seeds: the .x12 fixtures of
 * tests/data and the shared corpus files, the guides in specs/ and the
 * encounters in examples/encounters.  Real files must never trip an
 * invariant.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "../fuzz/harness_modules.h"
#include "../fuzz/harness_claimread.h"
#include "../fuzz/harness_tables.h"
#include "../fuzz/harness_recon.h"
#include "../fuzz/harness_txn.h"
#include "../fuzz/harness_xml.h"

enum { MAX_FILES = 512 };

static char *files[MAX_FILES];
static size_t nfiles;
static char regdir[4096];

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* fuzz/regressions beside tests/data (X12_TEST_DATA), or
 * $X12_FUZZ_REGRESSIONS. */
static void load_files(void)
{
    const char *dir = getenv("X12_FUZZ_REGRESSIONS"), *td = getenv("X12_TEST_DATA");
    DIR *d;
    struct dirent *e;

    if (dir != NULL)
        snprintf(regdir, sizeof regdir, "%s", dir);
    else
        snprintf(regdir, sizeof regdir, "%s/../../fuzz/regressions", td ? td : "tests/data");
    d = opendir(regdir);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL && nfiles < MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".bin") == 0)
            files[nfiles++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(files, nfiles, sizeof files[0], by_name);
}

/* Built with AddressSanitizer (gcc says so with a macro, clang with
 * __has_feature). */
#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifndef HAVE_ASAN
#define HAVE_ASAN 0
#endif

/* 1 when `name` has a line in OPEN; *asan_only is 1 when that line says
 * "[asan]" (the bug shows only under AddressSanitizer). */
static int is_open(const char *name, int *asan_only)
{
    char path[4200], line[2048];
    FILE *f;
    int found = 0;

    *asan_only = 0;
    snprintf(path, sizeof path, "%s/OPEN", regdir);
    f = fopen(path, "r");
    if (f == NULL)
        return 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        size_t n = strcspn(line, " \t\r\n");
        found = line[0] != '#' && n == strlen(name) && memcmp(line, name, n) == 0;
        if (found)
            *asan_only = strstr(line, "[asan]") != NULL;
    }
    fclose(f);
    return found;
}

typedef void (*harness_fn)(const uint8_t *, size_t);

static harness_fn harness_for(const char *name)
{
    if (strncmp(name, "reader-", 7) == 0)
        return fz_reader_one;
    if (strncmp(name, "push-", 5) == 0)
        return fz_push_one;
    if (strncmp(name, "roundtrip-", 10) == 0)
        return fz_roundtrip_one;
    if (strncmp(name, "remit835-", 9) == 0)
        return fz_remit835_one;
    if (strncmp(name, "validate-", 9) == 0)
        return fz_validate_one;
    if (strncmp(name, "spec-", 5) == 0)
        return fz_spec_one;
    if (strncmp(name, "encounter-", 10) == 0)
        return fz_encounter_one;
    if (strncmp(name, "jsonl-", 6) == 0)
        return fz_jsonl_one;
    if (strncmp(name, "xml-", 4) == 0)
        return fz_xml_one;
    if (strncmp(name, "claimread-", 10) == 0)
        return fz_claimread_one;
    if (strncmp(name, "tables-", 7) == 0)
        return fz_tables_one;
    if (strncmp(name, "recon-", 6) == 0)
        return fz_recon_one;
    if (strncmp(name, "txn-", 4) == 0)
        return fz_txn_one;
    return NULL;
}

/* Each input runs this many times in one child: a bug that needs state
 * left from an earlier run (in the harness or the library) shows too. */
enum { REPLAY_RUNS = 5 };

/* Runs h on the bytes in a child, REPLAY_RUNS times, each on a fresh copy
 * (as libFuzzer hands them); 1 when every run returned normally. */
static int passes(harness_fn h, const char *data, size_t len, int quiet)
{
    pid_t pid;
    int status, i;

    fflush(NULL);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (quiet) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0)
                dup2(fd, 2);
        }
        for (i = 0; i < REPLAY_RUNS; i++) {
            char *copy = malloc(len ? len : 1);
            if (copy == NULL)
                _exit(2);
            memcpy(copy, data, len);
            h((const uint8_t *)copy, len);
            free(copy);
        }
        _exit(0);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Each regression file passes its harness (or, listed in OPEN, still
 * fails: its bug is known and not fixed yet). */
START_TEST(replay)
{
    const char *name = files[_i];
    char path[4200];
    size_t len;
    char *data;
    harness_fn h = harness_for(name);
    int asan_only, open_bug = is_open(name, &asan_only), ok;

    ck_assert_msg(h != NULL,
                  "%s: the name must start with reader-, push-, roundtrip-, remit835-, "
                  "validate-, spec-, encounter-, jsonl-, xml-, claimread-, tables-, recon- or txn-",
                  name);
    snprintf(path, sizeof path, "%s/%s", regdir, name);
    data = slurp(path, &len);
    ck_assert_ptr_nonnull(data);
    ok = passes(h, data, len, open_bug);
    if (open_bug && asan_only && !HAVE_ASAN)
        ; /* a memory error only AddressSanitizer sees: nothing to check */
    else if (open_bug)
        ck_assert_msg(!ok, "%s passes now: its bug is fixed, remove it from %s/OPEN", name,
                      regdir);
    else
        ck_assert_msg(ok, "%s: the harness found a broken invariant again", name);
    free(data);
}
END_TEST

/* There are regression files to replay (the directory was found). */
START_TEST(files_present)
{
    ck_assert_msg(nfiles > 0, "no .bin files in %s", regdir);
}
END_TEST

/* Every harness accepts the fixtures and the corpus files (up to 16 KiB,
 * the size the seeds are cut to): the reader and round-trip harnesses as
 * they are, the push harness with default options in 1-byte and 7-byte
 * chunks and with small limits in 5-byte chunks, the validator harness with
 * the guide chosen from ST03/GS08 and with the 837P guide forced. */
static void run_all_harnesses(const char *path)
{
    static const unsigned char heads[3][3] = {{0, 0, 1}, {0, 0, 7}, {0x14, 0, 5}};
    size_t len, i;
    char *data = slurp(path, &len);
    char *buf;

    ck_assert_ptr_nonnull(data);
    if (len > 16384)
        len = 16384;
    fz_reader_one((const uint8_t *)data, len);
    fz_roundtrip_one((const uint8_t *)data, len);
    buf = malloc(len + 3);
    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 3; i++) {
        memcpy(buf, heads[i], 3);
        memcpy(buf + 3, data, len);
        fz_push_one((const uint8_t *)buf, len + 3);
    }
    free(buf);
    /* the validator: guides from ST03/GS08, and the 837P guide forced */
    buf = malloc(len + 2);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf + 2, data, len);
    buf[0] = 0;
    buf[1] = 0;
    fz_validate_one((const uint8_t *)buf, len + 2);
    buf[0] = 2;
    fz_validate_one((const uint8_t *)buf, len + 2);
    free(buf);
    free(data);
}

/* The 835 harness on an 835 file: streamed in 1-byte chunks, collected in
 * 7-byte chunks, 3,64,1 with 16-byte read chunks, and with allocations
 * refused from calls 40 and 300 (see fz_remit835_one). */
static void run_remit835(const char *path)
{
    static const unsigned char heads[5][7] = {{0, 0, 0, 0, 1},
                                              {0, 8, 0, 0, 7},
                                              {0x40, 2, 0, 0, 3, 64, 1},
                                              {0, 16, 39, 0, 13},
                                              {0, 24, 43, 1, 13}};
    static const size_t hlen[5] = {5, 5, 7, 5, 5};
    size_t len, i;
    char *data = slurp(path, &len);
    char *buf;

    ck_assert_ptr_nonnull(data);
    if (len > 16384)
        len = 16384;
    buf = malloc(len + 7);
    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 5; i++) {
        memcpy(buf, heads[i], hlen[i]);
        memcpy(buf + hlen[i], data, len);
        fz_remit835_one((const uint8_t *)buf, len + hlen[i]);
    }
    free(buf);
    free(data);
}

/* The tables harness on an 835 file: batches of 1 claim pushed in 1-byte
 * chunks, of 7 in 64-byte chunks, and of 2 from a buffer with allocations
 * refused from call 160 (see fz_tables_one). */
static void run_tables(const char *path)
{
    static const unsigned char heads[3][3] = {{1, 1, 0}, {4, 5, 0}, {2, 0, 41}};
    size_t len, i;
    char *data = slurp(path, &len);
    char *buf;

    ck_assert_ptr_nonnull(data);
    if (len > 16384)
        len = 16384;
    buf = malloc(len + 3);
    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 3; i++) {
        memcpy(buf, heads[i], 3);
        memcpy(buf + 3, data, len);
        fz_tables_one((const uint8_t *)buf, len + 3);
    }
    free(buf);
    free(data);
}

/* The claim-stream harness on an 837: read from a buffer and pushed 1 byte
 * at a time; copied and round tripped in 7-byte chunks; with allocations
 * refused from calls 30 and 400 (see fz_claimread_one). */
static void run_claimread(const char *path)
{
    static const unsigned char heads[4][7] = {{0, 0, 0, 0, 1},
                                              {0, 8, 0, 0, 7},
                                              {0x40, 2 | 8, 0, 0, 3, 64, 1},
                                              {0, 16, 29, 0, 13}};
    static const size_t hlen[4] = {5, 5, 7, 5};
    size_t len, i;
    char *data = slurp(path, &len);
    char *buf;

    ck_assert_ptr_nonnull(data);
    if (len > 16384)
        len = 16384;
    buf = malloc(len + 7);
    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 4; i++) {
        memcpy(buf, heads[i], hlen[i]);
        memcpy(buf + hlen[i], data, len);
        fz_claimread_one((const uint8_t *)buf, len + hlen[i]);
    }
    buf[0] = 0;
    buf[1] = 16;
    buf[2] = (char)143;
    buf[3] = 1;
    buf[4] = 13;
    memcpy(buf + 5, data, len);
    fz_claimread_one((const uint8_t *)buf, len + 5);
    free(buf);
    free(data);
}

/* The reconciliation harness on an 837 and an 835: both orders, each read
 * twice, and allocations refused from calls 30 and 2000 (see
 * fz_recon_one). */
static void run_recon(const char *claims, const char *remits)
{
    size_t clen, mlen, i;
    char *c = slurp(claims, &clen), *m = slurp(remits, &mlen), *buf;
    static const unsigned char flags[3][3] = {{0, 0, 0}, {2 | 4, 29, 0}, {4, 0xCF, 0x07}};

    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_lt(clen, 65536);
    buf = malloc(clen + mlen + 5);
    ck_assert_ptr_nonnull(buf);
    for (i = 0; i < 3; i++) {
        buf[0] = (char)flags[i][0];
        buf[1] = (char)(clen & 255);
        buf[2] = (char)(clen >> 8);
        buf[3] = (char)flags[i][1];
        buf[4] = (char)flags[i][2];
        memcpy(buf + 5, c, clen);
        memcpy(buf + 5 + clen, m, mlen);
        fz_recon_one((const uint8_t *)buf, clen + mlen + 5);
    }
    free(buf);
    free(c);
    free(m);
}

/* The reconciliation fixtures through the harness: every 837 with every
 * 835 of them. */
START_TEST(recon_seeds_pass)
{
    static const char *const claims[] = {"recon-sent.837", "recon-old.837", "recon-resent.837",
                                         "recon-inst.837"};
    static const char *const remits[] = {"recon-era1.835", "recon-era2.835", "recon-era3.835",
                                         "remit-reversal.x12"};
    char c[4096], m[4096];
    size_t i, k;

    for (i = 0; i < sizeof claims / sizeof claims[0]; i++)
        for (k = 0; k < sizeof remits / sizeof remits[0]; k++) {
            snprintf(c, sizeof c, "%s", data_path(claims[i]));
            snprintf(m, sizeof m, "%s", data_path(remits[k]));
            run_recon(c, m);
        }
}
END_TEST

/* The 271 and 277 fixtures through the harness: whole, pushed in 1- and
 * 7-byte chunks, with limits of 0, 1 and 3 diagnostics, and allocations
 * refused from calls 30 and 450 (see fz_txn_one). */
START_TEST(txn_seeds_pass)
{
    static const char *const names[] = {"elig-271-benefits.x12", "elig-271-dependents.x12",
                                        "elig-271-rejected.x12", "status-277-lines.x12",
                                        "status-277ca-one-rejected.x12"};
    static const unsigned char heads[3][5] = {
        {0, 0, 0, 0, 0}, {2, 6, 1, 29, 0}, {2, 0, 3, 0xC1, 0x01}};
    size_t i, k, len;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *data = slurp(data_path(names[i]), &len), *buf;

        ck_assert_ptr_nonnull(data);
        buf = malloc(len + 5);
        ck_assert_ptr_nonnull(buf);
        memcpy(buf + 5, data, len);
        for (k = 0; k < 3; k++) {
            memcpy(buf, heads[k], 5);
            fz_txn_one((const uint8_t *)buf, len + 5);
        }
        free(buf);
        free(data);
    }
}
END_TEST

/* A file of the source tree, from tests/data (X12_TEST_DATA). */
static const char *top_path(char *buf, size_t size, const char *rel)
{
    const char *td = getenv("X12_TEST_DATA");

    snprintf(buf, size, "%s/../../%s", td ? td : "tests/data", rel);
    return buf;
}

START_TEST(seeds_pass)
{
    const char *td = getenv("X12_TEST_DATA"), *cdir = corpus_dir();
    char path[8400], line[4096];
    DIR *d;
    struct dirent *e;
    FILE *f;
    size_t n = 0;

    if (td == NULL)
        td = "tests/data";
    d = opendir(td);
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".837") == 0) {
            snprintf(path, sizeof path, "%s/%s", td, e->d_name);
            run_claimread(path);
        }
        if (l > 4 && strcmp(e->d_name + l - 4, ".x12") == 0) {
            snprintf(path, sizeof path, "%s/%s", td, e->d_name);
            run_all_harnesses(path);
            if (strncmp(e->d_name, "remit-", 6) == 0) {
                run_remit835(path);
                run_tables(path);
            }
            n++;
        }
    }
    closedir(d);
    ck_assert_uint_gt(n, 0);
    if (cdir == NULL)
        return;
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", cdir);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f) != NULL) {
        size_t l = strcspn(line, "\t\r\n");
        if (l == 0 || line[0] == '#')
            continue;
        line[l] = '\0';
        if (strcmp(line, "file") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", cdir, line);
        run_all_harnesses(path);
        if (strncmp(line, "835/", 4) == 0) {
            run_remit835(path);
            run_tables(path);
        }
        if (strncmp(line, "837p/", 5) == 0 || strncmp(line, "837i/", 5) == 0)
            run_claimread(path);
    }
    fclose(f);
}
END_TEST

/* The spec harness accepts the guides of specs/ (each loads, and the fixed
 * 837P is validated with it) and a few broken ones; the encounter harness
 * the examples of examples/encounters (each is loaded, passes its edits
 * and is written) and a broken one. */
START_TEST(xml_seeds_pass)
{
    static const char *const bad[] = {
        "",
        "<spec id='X' set='837'><segdefs><<</segdefs></spec>",
        "<spec id='X' set='837'><segdefs><segdef id='ST'><element pos='1' ref='143' type='ID' "
        "min='3' max='3'/></segdef></segdefs><body><segment id='NM1' usage='R' max='1'/>"
        "</body></spec>",
        "<encounters xmlns='urn:libx12:encounter:1'><interchange/></encounters>"};
    char dir[4200], path[8400];
    DIR *d;
    struct dirent *e;
    size_t i, nspec = 0, nenc = 0;

    d = opendir(top_path(dir, sizeof dir, "specs"));
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), len;
        char *data;
        x12_spec *s = NULL;
        if (l <= 4 || strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        /* the reconciliation rules live in specs/ too, but are no guide */
        if (strcmp(e->d_name, "recon-rules.xml") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        data = slurp(path, &len);
        ck_assert_ptr_nonnull(data);
        /* a seed that loads: otherwise the harness would stop early */
        ck_assert_int_eq(x12_spec_load_memory(data, len, e->d_name, NULL, &s, NULL, 0), X12_OK);
        x12_spec_free(s);
        fz_spec_one((const uint8_t *)data, len);
        free(data);
        nspec++;
    }
    closedir(d);
    ck_assert_uint_ge(nspec, 3);
    d = opendir(top_path(dir, sizeof dir, "examples/encounters"));
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), len;
        char *data;
        x12_batch *b = NULL;
        if (l <= 4 || strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        data = slurp(path, &len);
        ck_assert_ptr_nonnull(data);
        /* a seed that loads and passes the edits reaches the writer */
        ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
        ck_assert_int_eq(x12_batch_load_xml_memory(b, data, len, e->d_name), X12_OK);
        ck_assert_int_eq(x12_batch_check(b), X12_OK);
        x12_batch_free(b);
        fz_encounter_one((const uint8_t *)data, len);
        free(data);
        nenc++;
    }
    closedir(d);
    ck_assert_uint_ge(nenc, 5);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fz_spec_one((const uint8_t *)bad[i], strlen(bad[i]));
        fz_encounter_one((const uint8_t *)bad[i], strlen(bad[i]));
        fz_jsonl_one((const uint8_t *)bad[i], strlen(bad[i]));
    }
    /* the JSON Lines examples build through the jsonl harness */
    d = opendir(top_path(dir, sizeof dir, "examples/encounters"));
    ck_assert_ptr_nonnull(d);
    nenc = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), len;
        char *data;
        if (l <= 6 || strcmp(e->d_name + l - 6, ".jsonl") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        data = slurp(path, &len);
        ck_assert_ptr_nonnull(data);
        fz_jsonl_one((const uint8_t *)data, len);
        free(data);
        nenc++;
    }
    closedir(d);
    ck_assert_uint_ge(nenc, 5);
}
END_TEST

static Suite *regressions_suite(void)
{
    Suite *s = suite_create("fuzz_regressions");
    TCase *tc = tcase_create("replay");

    /* strict checks: regression files of open bugs must keep failing */
    unsetenv("FZ_KNOWN");
    load_files();
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, files_present);
    if (nfiles > 0)
        tcase_add_loop_test(tc, replay, 0, (int)nfiles);
    tcase_add_test(tc, seeds_pass);
    tcase_add_test(tc, xml_seeds_pass);
    tcase_add_test(tc, recon_seeds_pass);
    tcase_add_test(tc, txn_seeds_pass);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(regressions_suite)
