/*
 * bench_recon - reconciling claims with their remittances: speed and
 * memory.
 *
 *     bench_recon CLAIMS.837 ERA1.835 [ERA2.835 ...]
 *
 * Reads the 837 into an x12_recon through a counting allocator (the bytes
 * it then holds are the 837 index), then the 835s (adjudication records),
 * finishes (the results) and writes every claim as CSV to a counter.
 * Prints claims per second, MB/s of input, the bytes held per claim at each
 * stage and the peak RSS of the process; run it in a fresh process for an
 * honest peak (bench/run_recon.sh does, on two sizes: the bytes per claim
 * do not grow with the number of claims).  Timings are CPU time of the
 * process.  Not part of the tests.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <x12/x12.h>

typedef struct counter {
    size_t cur, peak;
} counter;

/* Each block carries its size in front, so frees can be counted. */
#define HDR 16

static void *c_malloc(size_t n, void *u)
{
    counter *c = u;
    unsigned char *p = malloc(n + HDR);

    if (p == NULL)
        return NULL;
    memcpy(p, &n, sizeof n);
    c->cur += n;
    if (c->cur > c->peak)
        c->peak = c->cur;
    return p + HDR;
}

static void c_free(void *q, void *u)
{
    counter *c = u;
    unsigned char *p;
    size_t n;

    if (q == NULL)
        return;
    p = (unsigned char *)q - HDR;
    memcpy(&n, p, sizeof n);
    c->cur -= n;
    free(p);
}

static void *c_realloc(void *q, size_t n, void *u)
{
    counter *c = u;
    unsigned char *p, *np;
    size_t old;

    if (q == NULL)
        return c_malloc(n, u);
    p = (unsigned char *)q - HDR;
    memcpy(&old, p, sizeof old);
    np = realloc(p, n + HDR);
    if (np == NULL)
        return NULL;
    memcpy(np, &n, sizeof n);
    c->cur = c->cur - old + n;
    if (c->cur > c->peak)
        c->peak = c->cur;
    return np + HDR;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t file_size(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
}

static int count_out(void *user, const char *data, size_t len)
{
    (void)data;
    *(uint64_t *)user += len;
    return 0;
}

static void check(x12_status st, const char *what)
{
    if (st != X12_OK) {
        fprintf(stderr, "bench_recon: %s: %s\n", what, x12_strerror(st));
        exit(2);
    }
}

int main(int argc, char **argv)
{
    counter c = {0, 0};
    x12_allocator a = {sizeof a, c_malloc, c_realloc, c_free, &c};
    x12_recon *r;
    double t0, t1, t2, t3, t4;
    uint64_t in = 0, out = 0;
    size_t index_bytes, after_remits, after_finish, n, i, unmatched, errors = 0;
    struct rusage ru;
    int k;

    if (argc < 3) {
        fprintf(stderr, "usage: bench_recon CLAIMS.837 ERA.835...\n");
        return 2;
    }
    check(x12_recon_new(&a, &r), "x12_recon_new");
    check(x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20250320), "as-of");
    t0 = now();
    check(x12_recon_read_claims_path(r, argv[1], NULL), argv[1]);
    in += file_size(argv[1]);
    t1 = now();
    index_bytes = c.cur;
    for (k = 2; k < argc; k++) {
        check(x12_recon_read_remits_path(r, argv[k], NULL), argv[k]);
        in += file_size(argv[k]);
        for (i = 0; i < x12_recon_error_count(r); i++)
            errors += x12_error_severity(x12_recon_error_at(r, i)) != X12_SEV_WARNING;
    }
    t2 = now();
    after_remits = c.cur;
    check(x12_recon_finish(r), "x12_recon_finish");
    t3 = now();
    after_finish = c.cur;
    check(x12_recon_write(r, X12_RECON_FMT_CSV, X12_RECON_TABLE_CLAIMS, count_out, &out), "write");
    t4 = now();
    n = x12_recon_claim_count(r);
    unmatched = x12_recon_unmatched_count(r);
    getrusage(RUSAGE_SELF, &ru);
    printf("claims %zu (+%zu unmatched), inputs %.1f MB, %zu errors\n", n, unmatched,
           (double)in / 1e6, errors);
    printf("  read 837         %7.3f s  %9.0f claims/s\n", t1 - t0, (double)n / (t1 - t0));
    printf("  read 835s        %7.3f s\n", t2 - t1);
    printf("  finish           %7.3f s\n", t3 - t2);
    printf("  write CSV        %7.3f s  (%.1f MB)\n", t4 - t3, (double)out / 1e6);
    printf("  total            %7.3f s  %9.0f claims/s, %.1f MB/s of input\n", t4 - t0,
           (double)n / (t4 - t0), (double)in / 1e6 / (t4 - t0));
    printf("  bytes per claim: 837 index %zu, + 835 records %zu, + results %zu (total %zu)\n",
           index_bytes / (n ? n : 1), (after_remits - index_bytes) / (n ? n : 1),
           (after_finish - after_remits) / (n ? n : 1), after_finish / (n ? n : 1));
    printf("  allocator peak %.1f MiB, peak RSS %.1f MiB\n", (double)c.peak / 1048576.0,
           (double)ru.ru_maxrss / 1024.0);
    x12_recon_free(r);
    if (c.cur != 0) {
        fprintf(stderr, "bench_recon: %zu bytes not freed\n", c.cur);
        return 1;
    }
    return 0;
}
