/*
 * bench_remit - throughput and memory of the 835 remittance parser.
 *
 *     bench_remit memory FILE   (a) the bare reader over the buffer
 *                               (b) x12_remit_stream over the same buffer:
 *                                   every claim parsed to typed data, with
 *                                   balancing and denial classification
 *     bench_remit file FILE     (c) x12_remit_stream from the path (gzip
 *                                   works): speed and peak RSS
 *     bench_remit tree FILE     (d) x12_remit_parse_path: the whole tree
 *     bench_remit tables FILE [N]
 *                               (e) x12_tables from the path, batches of N
 *                                   claims (default 50000; 0 = one batch):
 *                                   every column of every table filled
 *
 * Run "file" in a fresh process so its peak RSS is honest ("memory" holds
 * the whole file).  Timings are CPU time of the process (user + system, so
 * file mode includes the kernel's reading and gzip decoding), which other
 * load on a shared machine does not distort; "memory" takes the best of
 * three runs.  MB/s are 10^6 bytes of input per second.  Not part of the
 * tests.
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
    uint64_t payments, claims, lines, diags, bytes;
} counts;

/* Drains a stream, touching every claim's amounts so nothing is skipped. */
static x12_status drain(x12_remit_stream *s, counts *c)
{
    x12_remit_event ev;
    x12_status st;

    while ((st = x12_remit_stream_next(s, &ev)) == X12_OK) {
        c->diags += x12_remit_stream_error_count(s);
        if (ev == X12_REMIT_EV_CLAIM) {
            const x12_remit_claim *cl = x12_remit_stream_claim(s);
            size_t i;

            c->claims++;
            sink += x12_remit_claim_paid_cents(cl) + (int64_t)x12_remit_claim_outcome(cl);
            for (i = 0; i < x12_remit_claim_service_count(cl); i++)
                sink += x12_remit_service_paid_cents(x12_remit_claim_service_at(cl, i));
            c->lines += x12_remit_claim_service_count(cl);
        } else if (ev == X12_REMIT_EV_PAYMENT_END) {
            c->payments++;
        }
    }
    c->bytes = x12_reader_offset(x12_remit_stream_reader(s));
    return st;
}

static void report(const char *what, const counts *c, double secs)
{
    printf("%-28s %8.1f MB/s %10.0f claims/s  (%" PRIu64 " payments, %" PRIu64
           " claims, %" PRIu64 " lines, %" PRIu64 " diagnostics, %.2f s)\n",
           what, (double)c->bytes / 1e6 / secs, (double)c->claims / secs, c->payments,
           c->claims, c->lines, c->diags, secs);
}

int main(int argc, char **argv)
{
    const char *mode, *path;
    double best = 1e30, t;
    counts c;
    int run;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: bench_remit memory|file|tree|tables FILE [CLAIMS]\n");
        return 2;
    }
    mode = argv[1];
    path = argv[2];
    if (strcmp(mode, "memory") == 0) {
        size_t len;
        char *data = bench_load("bench_remit", path, &len);
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
            x12_remit_stream *s;

            memset(&c, 0, sizeof c);
            x12_remit_stream_new(NULL, NULL, &s);
            x12_reader_open_buffer(x12_remit_stream_reader(s), data, len);
            t = bench_cpu_now();
            if (drain(s, &c) != X12_END)
                fprintf(stderr, "bench_remit: stream stopped early\n");
            t = bench_cpu_now() - t;
            if (t < best)
                best = t;
            x12_remit_stream_free(s);
        }
        report("remit stream (buffer)", &c, best);
        free(data);
        return 0;
    }
    if (strcmp(mode, "file") == 0) {
        x12_remit_stream *s;

        memset(&c, 0, sizeof c);
        x12_remit_stream_new(NULL, NULL, &s);
        if (x12_reader_open_path(x12_remit_stream_reader(s), path) != X12_OK) {
            fprintf(stderr, "bench_remit: cannot open %s\n", path);
            return 2;
        }
        t = bench_cpu_now();
        if (drain(s, &c) != X12_END)
            fprintf(stderr, "bench_remit: stream stopped early\n");
        t = bench_cpu_now() - t;
        x12_remit_stream_free(s);
        report("remit stream (path)", &c, t);
        printf("%-28s %8.1f MiB\n", "peak RSS", (double)bench_peak_rss_kib() / 1024.0);
        return 0;
    }
    if (strcmp(mode, "tree") == 0) {
        x12_remit_doc *d;
        size_t i;

        memset(&c, 0, sizeof c);
        t = bench_cpu_now();
        if (x12_remit_parse_path(NULL, path, &d) != X12_OK) {
            fprintf(stderr, "bench_remit: cannot parse %s\n", path);
            return 2;
        }
        t = bench_cpu_now() - t;
        for (i = 0; i < x12_remit_doc_payment_count(d); i++) {
            const x12_remit_payment *p = x12_remit_doc_payment_at(d, i);

            c.payments++;
            c.claims += x12_remit_payment_claim_count(p);
            c.lines += x12_remit_payment_line_total(p);
        }
        c.diags = x12_remit_doc_error_count(d);
        {
            FILE *fp = fopen(path, "rb");

            if (fp != NULL && fseek(fp, 0, SEEK_END) == 0)
                c.bytes = (uint64_t)ftell(fp);
            if (fp != NULL)
                fclose(fp);
        }
        x12_remit_doc_free(d);
        report("remit tree (path)", &c, t);
        printf("%-28s %8.1f MiB\n", "peak RSS", (double)bench_peak_rss_kib() / 1024.0);
        return 0;
    }
    if (strcmp(mode, "tables") == 0) {
        x12_tables *tb;
        x12_status st;
        uint64_t batches = 0;

        memset(&c, 0, sizeof c);
        x12_tables_new(NULL, X12_TABLES_REMIT, NULL, &tb);
        if (argc > 3)
            x12_tables_set_option(tb, X12_TABLES_OPT_BATCH_CLAIMS, strtoull(argv[3], NULL, 10));
        if (x12_reader_open_path(x12_tables_reader(tb), path) != X12_OK) {
            fprintf(stderr, "bench_remit: cannot open %s\n", path);
            return 2;
        }
        t = bench_cpu_now();
        while ((st = x12_tables_next(tb)) == X12_OK) {
            const int64_t *paid = x12_tables_values(
                tb, X12_TABLE_CLAIMS, x12_tables_find_column(tb, X12_TABLE_CLAIMS, "paid_cents"));
            size_t i, n = x12_tables_rows(tb, X12_TABLE_CLAIMS);

            batches++;
            for (i = 0; i < n; i++)
                sink += paid[i];
            c.claims += n;
            c.lines += x12_tables_rows(tb, X12_TABLE_LINES);
            c.payments += x12_tables_rows(tb, X12_TABLE_PAYMENTS);
            c.diags += x12_tables_rows(tb, X12_TABLE_DIAGNOSTICS);
        }
        t = bench_cpu_now() - t;
        if (st != X12_END)
            fprintf(stderr, "bench_remit: tables stopped early (%s)\n", x12_strerror(st));
        c.bytes = x12_reader_offset(x12_tables_reader(tb));
        x12_tables_free(tb);
        report("tables (path)", &c, t);
        printf("%-28s %8" PRIu64 "\n", "batches", batches);
        printf("%-28s %8.1f MiB\n", "peak RSS", (double)bench_peak_rss_kib() / 1024.0);
        return 0;
    }
    fprintf(stderr, "usage: bench_remit memory|file|tree|tables FILE [CLAIMS]\n");
    return 2;
}
