/*
 * bench_validate - throughput and memory of the validator.
 *
 *     bench_validate memory FILE   (a) the bare reader over the buffer
 *                                  (b) reader + validator over the same
 *                                      buffer (x12_validator_run: every
 *                                      segment placed in its loop, every
 *                                      element checked against the guide)
 *     bench_validate file FILE     (c) reader + validator from the path
 *                                      (gzip works): speed and peak RSS
 *
 * Run "file" in a fresh process so its peak RSS is honest ("memory" holds
 * the whole file).  Timings are CPU time of the process (user + system),
 * which other load on a shared machine distorts less than wall time;
 * "memory" takes the best of three runs of each.  MB/s are 10^6 bytes of
 * input per second.  The issue counts are printed so that a run on a
 * different input (or a validator that checks less) shows.  Not part of
 * the tests; bench/run_validate.sh drives it.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/x12.h>

#include "bench_util.h"

#define RUNS 3
#define TARGET_MBPS 150.0

static volatile uint64_t sink;

static x12_reader *new_reader(void)
{
    x12_reader *r;

    if (x12_reader_new(NULL, &r) != X12_OK) {
        fprintf(stderr, "bench_validate: out of memory\n");
        exit(2);
    }
    return r;
}

typedef struct tally {
    uint64_t issues, codes, sets;
} tally;

static void on_event(void *user, x12_vevent ev, const x12_validator *v, const x12_issue *is)
{
    tally *t = user;

    (void)v;
    (void)is;
    if (ev == X12_VEV_SET_END)
        t->sets++;
}

/* Touches every issue as a caller printing them would. */
static void on_issue(void *user, const x12_issue *is)
{
    tally *t = user;

    t->issues++;
    t->codes += (unsigned char)x12_issue_code(is)[0];
}

typedef struct result {
    uint64_t bytes, sets, errors, warnings, issues;
    x12_status st;
} result;

/* Validates everything the opened reader holds. */
static result validate(x12_reader *r)
{
    x12_validator *v;
    tally t = {0, 0, 0};
    result res;

    if (x12_validator_new(NULL, &v) != X12_OK) {
        fprintf(stderr, "bench_validate: out of memory\n");
        exit(2);
    }
    x12_validator_set_handler(v, on_event, &t);
    res.st = x12_validator_run(v, r, on_issue, &t);
    res.bytes = x12_reader_offset(r);
    res.sets = t.sets;
    res.errors = x12_validator_total_errors(v);
    res.warnings = x12_validator_total_warnings(v);
    res.issues = t.issues;
    sink += t.codes;
    x12_validator_free(v);
    return res;
}

static void report(const char *what, const result *res, double secs)
{
    printf("%-26s %8.1f MB/s  (%" PRIu64 " sets, %" PRIu64 " issues: %" PRIu64 " errors, %" PRIu64
           " warnings; %.2f s)\n",
           what, bench_mbps(res->bytes, secs), res->sets, res->issues, res->errors, res->warnings,
           secs);
}

static int run_memory(const char *path)
{
    size_t len;
    char *data = bench_load("bench_validate", path, &len);
    double best_read = 1e30, best_val = 1e30, t;
    uint64_t segs = 0;
    result res = {0, 0, 0, 0, 0, X12_OK};
    int run;

    for (run = 0; run < RUNS; run++) {
        x12_reader *r = new_reader();
        const x12_segment *seg;
        uint64_t touch = 0;

        x12_reader_open_buffer(r, data, len);
        t = bench_cpu_now();
        segs = 0;
        while (x12_reader_next(r, &seg) == X12_OK) {
            touch += x12_segment_count(seg);
            segs++;
        }
        t = bench_cpu_now() - t;
        sink += touch;
        x12_reader_free(r);
        if (t < best_read)
            best_read = t;
    }
    for (run = 0; run < RUNS; run++) {
        x12_reader *r = new_reader();

        x12_reader_open_buffer(r, data, len);
        t = bench_cpu_now();
        res = validate(r);
        t = bench_cpu_now() - t;
        x12_reader_free(r);
        if (res.st != X12_OK)
            fprintf(stderr, "bench_validate: the reader stopped early: %s\n",
                    x12_strerror(res.st));
        if (t < best_val)
            best_val = t;
    }
    printf("input: %s, %zu bytes, %" PRIu64 " segments\n", path, len, segs);
    printf("%-26s %8.1f MB/s  (%.2f s)\n", "reader only (buffer)", bench_mbps(len, best_read),
           best_read);
    report("validate (buffer)", &res, best_val);
    printf("%-26s %8.1f MB/s  (the validator's own share; target for validate >= %.0f MB/s: %s)\n",
           "validator alone", best_val > best_read ? bench_mbps(len, best_val - best_read) : 0.0,
           TARGET_MBPS, bench_mbps(len, best_val) >= TARGET_MBPS ? "met" : "NOT met");
    free(data);
    return res.st == X12_OK ? 0 : 1;
}

static int run_file(const char *path)
{
    x12_reader *r = new_reader();
    result res;
    double t;

    if (x12_reader_open_path(r, path) != X12_OK) {
        fprintf(stderr, "bench_validate: cannot open %s\n", path);
        x12_reader_free(r);
        return 2;
    }
    t = bench_cpu_now();
    res = validate(r);
    t = bench_cpu_now() - t;
    x12_reader_free(r);
    report("validate (path)", &res, t);
    printf("%-26s %8.1f MiB\n", "peak RSS", (double)bench_peak_rss_kib() / 1024.0);
    return res.st == X12_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "memory") == 0)
        return run_memory(argv[2]);
    if (argc == 3 && strcmp(argv[1], "file") == 0)
        return run_file(argv[2]);
    fprintf(stderr, "usage: bench_validate memory|file FILE\n");
    return 2;
}
