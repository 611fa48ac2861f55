/*
 * Helpers the benchmarks share: CPU time, loading a file whole, peak RSS
 * and MB/s.  Header only (each benchmark is one program); not part of the
 * library nor of the tests.
 */
#ifndef X12_BENCH_UTIL_H
#define X12_BENCH_UTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* CPU time of the process (user + system) in seconds: other load on a
 * shared machine does not distort it. */
static inline double bench_cpu_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file at path in a malloc'ed buffer (the caller frees), its
 * size in *len; on failure prints "PROG: ..." and exits 2. */
static inline char *bench_load(const char *prog, const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 1 << 20, n = 0, got;

    if (fp == NULL) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        exit(2);
    }
    buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2);

            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (buf != NULL && ferror(fp)) {
        fprintf(stderr, "%s: %s: read error\n", prog, path);
        exit(2);
    }
    fclose(fp);
    if (buf == NULL) {
        fprintf(stderr, "%s: out of memory loading %s\n", prog, path);
        exit(2);
    }
    *len = n;
    return buf;
}

/* Peak resident set size of the process in KiB (ru_maxrss on Linux). */
static inline long bench_peak_rss_kib(void)
{
    struct rusage ru;

    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return ru.ru_maxrss;
}

/* 10^6 bytes per second. */
static inline double bench_mbps(uint64_t bytes, double seconds)
{
    return seconds > 0 ? (double)bytes / 1e6 / seconds : 0.0;
}

#endif /* X12_BENCH_UTIL_H */
