/*
 * bench_build - x12 build's speed and memory: encounters in (JSON Lines or
 * XML), 837P out, through x12_batch_build_jsonl_file / _xml_file, the
 * path `x12 build` takes.  The output is written to /dev/null through a
 * FILE (as the tool writes stdout).
 *
 *     bench_build FILE [FILE ...]     (.jsonl read as JSON Lines, else XML)
 *
 * Prints per file: claims, seconds, claims/s by the wall clock and by CPU
 * time (which moves less when other work shares the machine), MB/s of
 * input, and the process's peak RSS so far.  Run it on one file per process
 * for an honest peak RSS (bench/run_build.sh does).  Not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <x12/x12.h>

static double clock_s(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static unsigned long long failed;

static void on_edit(void *user, const char *path, const x12_error *e)
{
    (void)user;
    if (failed++ < 5)
        fprintf(stderr, "bench_build: %s: %s: %s\n", path, x12_error_rule(e),
                x12_error_message(e));
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int main(int argc, char **argv)
{
    int i, rc = 0;
    FILE *devnull = fopen("/dev/null", "wb");

    if (argc < 2 || devnull == NULL) {
        fprintf(stderr, "usage: bench_build FILE [FILE ...]\n");
        return 2;
    }
    for (i = 1; i < argc; i++) {
        const char *path = argv[i];
        int jsonl = ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz");
        x12_batch *b = NULL;
        x12_writer *w = NULL;
        FILE *in = fopen(path, "rb");
        struct stat sb;
        double t0, c0, t, c;
        x12_status st;
        size_t claims;

        if (in == NULL || fstat(fileno(in), &sb) != 0) {
            fprintf(stderr, "bench_build: %s: cannot read\n", path);
            return 2;
        }
        if (x12_batch_new(NULL, X12_CLAIM_837P, &b) != X12_OK ||
            x12_writer_new(NULL, &w) != X12_OK || x12_writer_to_file(w, devnull) != X12_OK)
            return 2;
        x12_writer_set_line_break(w, "\n");
        x12_batch_set_edit_handler(b, on_edit, NULL);
        failed = 0;
        c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        t0 = clock_s(CLOCK_MONOTONIC);
        st = jsonl ? x12_batch_build_jsonl_file(b, in, path, w)
                   : x12_batch_build_xml_file(b, in, path, w);
        t = clock_s(CLOCK_MONOTONIC) - t0;
        c = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        claims = x12_batch_claim_count(b);
        fclose(in);
        printf("%s (%s, %.1f MB)\n", path, jsonl ? "JSON Lines" : "XML", (double)sb.st_size / 1e6);
        printf("  status        %s%s\n", x12_strerror(st),
               st == X12_OK ? "" : " (see the messages above)");
        printf("  claims        %zu in %.2f s\n", claims, t);
        printf("  claims/s      %.0f wall clock, %.0f CPU time\n", (double)claims / t,
               (double)claims / c);
        printf("  input         %.1f MB/s\n", (double)sb.st_size / t / 1e6);
        printf("  output        %llu segments\n",
               (unsigned long long)x12_writer_segment_count(w));
        printf("  peak RSS      %.1f MiB\n", (double)peak_rss_kib() / 1024.0);
        if (st != X12_OK)
            rc = 1;
        x12_writer_free(w);
        x12_batch_free(b);
    }
    fclose(devnull);
    return rc;
}
