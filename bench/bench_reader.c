/*
 * bench_reader - throughput and memory of the libx12 reader.
 *
 *     bench_reader memory FILE   (a) bare memchr scan for segment terminators
 *                                (b) x12_reader over the same buffer with the
 *                                    fastest scanner this CPU has (the one
 *                                    X12_SCAN_AUTO picks, measured against
 *                                    the target), then with each slower one
 *                                    (chosen through X12_SCANNER)
 *     bench_reader file FILE     (c) x12_reader_open_path: speed and peak RSS
 *
 * The two modes are meant for separate processes: "memory" holds the whole
 * file in memory, which would make the peak RSS of "file" meaningless.  Each
 * timing is the best of three runs (CLOCK_MONOTONIC).  MB/s are 10^6 bytes
 * per second of input.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <x12/x12.h>

#define RUNS 3

/* Results stored here so the work cannot be optimised away. */
static volatile uint64_t sink;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double mbps(uint64_t bytes, double seconds)
{
    return seconds > 0 ? (double)bytes / 1e6 / seconds : 0.0;
}

/* Loads the whole file; exits on failure. */
static char *load(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;

    if (fp == NULL) {
        fprintf(stderr, "bench_reader: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    if (fseek(fp, 0, SEEK_END) == 0) {
        long end = ftell(fp);

        if (end > 0)
            cap = (size_t)end + 1;
        rewind(fp);
    }
    if (cap == 0)
        cap = 1 << 20;
    for (;;) {
        if (buf == NULL || n == cap) {
            if (buf != NULL)
                cap *= 2;
            buf = realloc(buf, cap);
            if (buf == NULL) {
                fprintf(stderr, "bench_reader: out of memory loading %s\n", path);
                exit(2);
            }
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        fprintf(stderr, "bench_reader: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    fclose(fp);
    *len = n;
    return buf;
}

/* (a) Counts segment terminators with memchr: the floor any segment reader
 * is measured against. */
static uint64_t scan_memchr(const char *buf, size_t len, char term)
{
    const char *p = buf, *end = buf + len;
    uint64_t n = 0;

    while (p < end && (p = memchr(p, term, (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

typedef struct walk {
    uint64_t segments, errors, touch;
} walk;

/* Reads every segment, touching its id and element count as a caller
 * would.  Returns 0, or -1 when the reader stopped on a fatal error. */
static int walk_reader(x12_reader *r, walk *out)
{
    const x12_segment *seg;
    x12_status st;
    walk w = {0, 0, 0};

    while ((st = x12_reader_next(r, &seg)) != X12_END) {
        if (st != X12_OK) {
            const x12_error *e = x12_reader_last_error(r);

            w.errors++;
            if (e == NULL || x12_error_severity(e) == X12_SEV_FATAL) {
                char msg[512];

                x12_error_format(e, msg, sizeof msg);
                fprintf(stderr, "bench_reader: %s: %s\n", x12_strerror(st), msg);
                *out = w;
                return -1;
            }
            continue;
        }
        x12_str id = x12_segment_id(seg);

        w.touch += (unsigned char)id.ptr[0] + x12_segment_count(seg);
        w.segments++;
        w.errors += x12_reader_error_count(r);
    }
    *out = w;
    return 0;
}

/* The scanners, slowest first, as x12_reader_scanner_name names them; 0 is
 * the default choice (X12_SCAN_AUTO). */
static const char *const scan_names[] = {"auto", "general", "sse2", "avx2", "avx512"};
#define SCAN_AUTO 0u
#define SCAN_GENERAL 1u

/* A reader using scanner `scan` (an index of scan_names): the API offers
 * only AUTO, GENERAL and INDEX, so a particular index is asked for through
 * X12_SCANNER. */
static x12_reader *new_reader(uint64_t scan)
{
    x12_reader *r;
    int ok;

    if (scan != SCAN_AUTO && setenv("X12_SCANNER", scan_names[scan], 1) != 0)
        exit(2);
    ok = x12_reader_new(NULL, &r) == X12_OK;
    if (scan != SCAN_AUTO)
        unsetenv("X12_SCANNER");
    if (!ok || (scan != SCAN_AUTO && strcmp(x12_reader_scanner_name(r), scan_names[scan]) != 0)) {
        fprintf(stderr, "bench_reader: cannot make a reader with scanner %s\n", scan_names[scan]);
        exit(2);
    }
    return r;
}

/* Best of RUNS reads of the buffer with scanner `scan`; -1 on a fatal
 * error. */
static double time_reader(const char *buf, size_t len, uint64_t scan, walk *w)
{
    double best = 1e30, t;
    int i;

    for (i = 0; i < RUNS; i++) {
        x12_reader *r = new_reader(scan);

        t = now();
        if (x12_reader_open_buffer(r, buf, len) != X12_OK || walk_reader(r, w) != 0) {
            x12_reader_free(r);
            return -1;
        }
        t = now() - t;
        x12_reader_free(r);
        if (t < best)
            best = t;
        sink += w->touch;
    }
    return best;
}

static int run_memory(const char *path)
{
    size_t len;
    char *buf = load(path, &len);
    double best_scan = 1e30, best_reader = 1e30, t;
    uint64_t terms = 0;
    walk w = {0, 0, 0};
    int i;

    if (len < 106 || memcmp(buf, "ISA", 3) != 0) {
        fprintf(stderr, "bench_reader: %s does not start with an ISA segment\n", path);
        return 2;
    }
    for (i = 0; i < RUNS; i++) {
        t = now();
        terms = scan_memchr(buf, len, buf[105]);
        t = now() - t;
        if (t < best_scan)
            best_scan = t;
        sink += terms;
    }
    best_reader = time_reader(buf, len, SCAN_AUTO, &w);
    if (best_reader < 0)
        return 1;
    printf("input: %s, %zu bytes, %llu segments (%llu terminators)\n", path, len,
           (unsigned long long)w.segments, (unsigned long long)terms);
    if (w.errors > 0)
        printf("warning: the reader reported %llu errors\n", (unsigned long long)w.errors);
    printf("memchr scan: %.1f MB/s\n", mbps(len, best_scan));
    {
        x12_reader *r = new_reader(SCAN_AUTO);
        uint64_t sc, best = 0;

        for (sc = SCAN_GENERAL; sc < sizeof scan_names / sizeof scan_names[0]; sc++)
            if (strcmp(x12_reader_scanner_name(r), scan_names[sc]) == 0)
                best = sc;
        printf("reader (buffer): %.1f MB/s (%.2f of memchr; target >= 0.33), scanner %s\n",
               mbps(len, best_reader), best_reader > 0 ? best_scan / best_reader : 0.0,
               x12_reader_scanner_name(r));
        x12_reader_free(r);
        /* The slower scanners this CPU also has, for comparison. */
        for (sc = SCAN_GENERAL; sc < best; sc++) {
            walk w2 = {0, 0, 0};
            double t2 = time_reader(buf, len, sc, &w2);

            if (t2 < 0 || w2.segments != w.segments)
                return 1;
            printf("  scanner %-8s %.1f MB/s (%.2f of memchr)\n", scan_names[sc],
                   mbps(len, t2), t2 > 0 ? best_scan / t2 : 0.0);
        }
    }
    free(buf);
    return 0;
}

static int run_file(const char *path)
{
    double best = 1e30, t;
    uint64_t bytes = 0;
    walk w = {0, 0, 0};
    struct rusage ru;
    int i;

    for (i = 0; i < RUNS; i++) {
        x12_reader *r = new_reader(SCAN_AUTO);

        t = now();
        if (x12_reader_open_path(r, path) != X12_OK) {
            fprintf(stderr, "bench_reader: %s: %s\n", path, strerror(errno));
            x12_reader_free(r);
            return 2;
        }
        if (walk_reader(r, &w) != 0) {
            x12_reader_free(r);
            return 1;
        }
        t = now() - t;
        bytes = x12_reader_offset(r);
        x12_reader_free(r);
        if (t < best)
            best = t;
        sink += w.touch;
    }
    if (getrusage(RUSAGE_SELF, &ru) != 0) {
        perror("getrusage");
        return 2;
    }
    if (w.errors > 0)
        printf("warning: the reader reported %llu errors\n", (unsigned long long)w.errors);
    /* ru_maxrss is in KiB on Linux. */
    printf("reader (file): %.1f MB/s, peak RSS %.1f MiB (target < 16 MiB), %llu segments\n",
           mbps(bytes, best), (double)ru.ru_maxrss / 1024.0, (unsigned long long)w.segments);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "memory") == 0)
        return run_memory(argv[2]);
    if (argc == 3 && strcmp(argv[1], "file") == 0)
        return run_file(argv[2]);
    fprintf(stderr, "Usage: bench_reader memory|file FILE\n");
    return 2;
}
