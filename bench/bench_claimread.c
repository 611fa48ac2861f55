/*
 * bench_claimread - throughput and memory of reading 837 claims back.
 *
 *     bench_claimread memory FILE   (a) the bare reader over the buffer
 *                                   (b) x12_claim_stream over the same
 *                                       buffer: every claim read into the
 *                                       claim model, its lines walked
 *     bench_claimread file FILE     (c) x12_claim_stream from the path
 *                                       (gzip works): speed and peak RSS
 *     bench_claimread copy FILE     (d) as (c), each claim also copied into
 *                                       a batch emptied every 10,000 claims
 *
 * Run "file" and "copy" in a fresh process so their peak RSS is honest
 * ("memory" holds the whole file); bench/run_claimread.sh runs "file" on two
 * sizes to show the peak does not grow with the file.  Timings are CPU time
 * of the process (user + system), which other load on a shared machine does
 * not distort; "memory" takes the best of three runs.  MB/s are 10^6 bytes
 * of input per second.  Not part of the tests.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/x12.h>

#include "bench_util.h"

#define RUNS 3

static volatile int64_t sink;

typedef struct counts {
    uint64_t claims, lines, diags, bytes, copies;
} counts;

/* Drains a stream, touching every claim's charge and lines; with `copy`,
 * every claim is copied into a batch too. */
static x12_status drain(x12_claim_stream *s, counts *c, int copy)
{
    x12_status st;
    x12_batch *b = NULL;

    while ((st = x12_claim_stream_next(s)) == X12_OK) {
        x12_claim *cl = x12_claim_stream_claim(s);
        x12_service_line *l;
        int64_t cents = 0;

        c->diags += x12_claim_stream_error_count(s);
        c->claims++;
        x12_claim_get_amount(cl, X12_CLAIMAMT_TOTAL_CHARGE, &cents);
        sink += cents + (int64_t)x12_claim_get(cl, X12_CLAIM_PCN).len;
        for (l = x12_claim_first_line(cl); l != NULL; l = x12_line_next(l)) {
            x12_line_get_amount(l, X12_LINEAMT_CHARGE, &cents);
            sink += cents + (int64_t)x12_line_get(l, X12_LINE_PROCEDURE).len;
            c->lines++;
        }
        if (copy) {
            if (b != NULL && x12_batch_claim_count(b) == 10000) {
                x12_batch_free(b);
                b = NULL;
            }
            if (b == NULL && x12_batch_new(NULL, x12_claim_stream_kind(s), &b) != X12_OK)
                return X12_ENOMEM;
            if (x12_claim_stream_copy_claim(s, b, NULL) == X12_OK)
                c->copies++;
        }
    }
    x12_batch_free(b);
    c->bytes = x12_reader_offset(x12_claim_stream_reader(s));
    return st;
}

static void report(const char *what, const counts *c, double secs)
{
    printf("%-28s %8.1f MB/s %10.0f claims/s  (%" PRIu64 " claims, %" PRIu64
           " lines, %" PRIu64 " diagnostics, %.2f s)\n",
           what, (double)c->bytes / 1e6 / secs, (double)c->claims / secs, c->claims, c->lines,
           c->diags, secs);
}

int main(int argc, char **argv)
{
    const char *mode, *path;
    double best = 1e30, t;
    counts c;
    int run;

    if (argc != 3) {
        fprintf(stderr, "usage: bench_claimread memory|file|copy FILE\n");
        return 2;
    }
    mode = argv[1];
    path = argv[2];
    if (strcmp(mode, "memory") == 0) {
        size_t len;
        char *data = bench_load("bench_claimread", path, &len);
        x12_reader *r;
        const x12_segment *seg;
        uint64_t segs = 0;

        for (run = 0; run < RUNS; run++) {
            x12_reader_new(NULL, &r);
            x12_reader_open_buffer(r, data, len);
            t = bench_cpu_now();
            segs = 0;
            while (x12_reader_next(r, &seg) == X12_OK)
                segs++;
            t = bench_cpu_now() - t;
            if (t < best)
                best = t;
            x12_reader_free(r);
        }
        printf("%-28s %8.1f MB/s  (%" PRIu64 " segments)\n", "reader only (buffer)",
               (double)len / 1e6 / best, segs);
        best = 1e30;
        for (run = 0; run < RUNS; run++) {
            x12_claim_stream *s;

            memset(&c, 0, sizeof c);
            x12_claim_stream_new(NULL, NULL, &s);
            x12_reader_open_buffer(x12_claim_stream_reader(s), data, len);
            t = bench_cpu_now();
            if (drain(s, &c, 0) != X12_END)
                fprintf(stderr, "bench_claimread: stream stopped early\n");
            t = bench_cpu_now() - t;
            if (t < best)
                best = t;
            x12_claim_stream_free(s);
        }
        report("claim stream (buffer)", &c, best);
        free(data);
        return 0;
    }
    if (strcmp(mode, "file") == 0 || strcmp(mode, "copy") == 0) {
        int copy = strcmp(mode, "copy") == 0;
        x12_claim_stream *s;

        memset(&c, 0, sizeof c);
        x12_claim_stream_new(NULL, NULL, &s);
        if (x12_reader_open_path(x12_claim_stream_reader(s), path) != X12_OK) {
            fprintf(stderr, "bench_claimread: cannot open %s\n", path);
            return 2;
        }
        t = bench_cpu_now();
        if (drain(s, &c, copy) != X12_END)
            fprintf(stderr, "bench_claimread: stream stopped early\n");
        t = bench_cpu_now() - t;
        x12_claim_stream_free(s);
        report(copy ? "claim stream + copy (path)" : "claim stream (path)", &c, t);
        printf("%-28s %8.1f MiB\n", "peak RSS", (double)bench_peak_rss_kib() / 1024.0);
        return 0;
    }
    fprintf(stderr, "usage: bench_claimread memory|file|copy FILE\n");
    return 2;
}
