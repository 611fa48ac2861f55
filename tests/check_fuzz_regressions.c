/*
 * Replays the saved fuzzing regressions (fuzz/regressions/NAME-*.bin)
 * through the same harness logic the libFuzzer programs use
 * (fuzz/harness.h: NAME is reader, push or roundtrip), so `make check` and
 * `make check-asan` catch a fixed bug coming back.  Each file runs in a
 * child process: a harness that finds a broken invariant aborts.
 *
 * fuzz/regressions/OPEN lists files whose bug is reported but not fixed
 * yet ("FILE  reason" per line): those must still fail, and the test says
 * so when one starts to pass (remove its line then).
 *
 * A second test runs every harness over the .x12 fixtures of tests/data
 * and the shared corpus files (the fuzzing seeds): real files must never
 * trip an invariant.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "../fuzz/harness.h"

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

/* 1 when `name` has a line in OPEN. */
static int is_open(const char *name)
{
    char path[4200], line[1024];
    FILE *f;
    int found = 0;

    snprintf(path, sizeof path, "%s/OPEN", regdir);
    f = fopen(path, "r");
    if (f == NULL)
        return 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        size_t n = strcspn(line, " \t\r\n");
        found = line[0] != '#' && n == strlen(name) && memcmp(line, name, n) == 0;
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
    return NULL;
}

/* Runs h on the bytes in a child; 1 when it returned normally. */
static int passes(harness_fn h, const char *data, size_t len, int quiet)
{
    pid_t pid;
    int status;

    fflush(NULL);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (quiet) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0)
                dup2(fd, 2);
        }
        h((const uint8_t *)data, len);
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
    int open_bug = is_open(name), ok;

    ck_assert_msg(h != NULL, "%s: the name must start with reader-, push- or roundtrip-", name);
    snprintf(path, sizeof path, "%s/%s", regdir, name);
    data = slurp(path, &len);
    ck_assert_ptr_nonnull(data);
    ok = passes(h, data, len, open_bug);
    if (open_bug)
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
 * chunks and with small limits in 5-byte chunks. */
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
    free(data);
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
        if (l > 4 && strcmp(e->d_name + l - 4, ".x12") == 0) {
            snprintf(path, sizeof path, "%s/%s", td, e->d_name);
            run_all_harnesses(path);
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
    }
    fclose(f);
}
END_TEST

static Suite *regressions_suite(void)
{
    Suite *s = suite_create("fuzz_regressions");
    TCase *tc = tcase_create("replay");

    load_files();
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, files_present);
    if (nfiles > 0)
        tcase_add_loop_test(tc, replay, 0, (int)nfiles);
    tcase_add_test(tc, seeds_pass);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(regressions_suite)
