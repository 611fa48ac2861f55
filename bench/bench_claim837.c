/*
 * bench_claim837 - claims built per second and memory per 10,000 claims.
 *
 * Builds N 837P claims of 3 service lines each (default 200,000: 50
 * subscribers per billing provider, one claim each), through the whole
 * path a vendor runs: setters, x12_batch_check (every edit) and
 * x12_batch_write into memory.  Prints claims/s for the whole path and for
 * its parts, the output size, and the batch's memory per 10,000 claims
 * (counted by a wrapping allocator: peak bytes held by the batch, the
 * writer's output buffer excluded).  The rates are given twice: by the wall
 * clock, and by the process's CPU time, which moves less when other work
 * shares the machine (page faults, a good part of the build, count in
 * both).
 *
 *     bench_claim837 [CLAIMS]
 *
 * Not a test: numbers depend on the machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <x12/x12.h>

typedef struct counting {
    size_t now, peak;
} counting;

/* Every block carries its size in front so that free can subtract it. */
static void *c_malloc(size_t n, void *u)
{
    counting *c = u;
    size_t *p = malloc(n + sizeof(size_t) * 2);

    if (p == NULL)
        return NULL;
    p[0] = n;
    c->now += n;
    if (c->now > c->peak)
        c->peak = c->now;
    return p + 2;
}

static void c_free(void *ptr, void *u)
{
    counting *c = u;
    size_t *p = ptr;

    if (p == NULL)
        return;
    p -= 2;
    c->now -= p[0];
    free(p);
}

static void *c_realloc(void *ptr, size_t n, void *u)
{
    counting *c = u;
    size_t *p = ptr, old;

    if (ptr == NULL)
        return c_malloc(n, u);
    p -= 2;
    old = p[0];
    p = realloc(p, n + sizeof(size_t) * 2);
    if (p == NULL)
        return NULL;
    p[0] = n;
    c->now = c->now - old + n;
    if (c->now > c->peak)
        c->peak = c->now;
    return p + 2;
}

static double clock_s(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

static double cpu(void)
{
    return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

#define S X12_NTS

static void header(x12_batch *b)
{
    x12_party *p;

    x12_batch_set(b, X12_BATCH_SENDER_ID, "SUBMITTER01", S);
    x12_batch_set(b, X12_BATCH_RECEIVER_ID, "RECEIVER01", S);
    x12_batch_set(b, X12_BATCH_DATE, "20250301", S);
    x12_batch_set(b, X12_BATCH_TIME, "1200", S);
    x12_batch_set(b, X12_BATCH_REFERENCE, "BENCH", S);
    p = x12_batch_submitter(b);
    x12_party_set(p, X12_PARTY_NAME, "BENCH BILLING", S);
    x12_party_set(p, X12_PARTY_ID, "SUBMITTER01", S);
    x12_party_set(p, X12_PARTY_PHONE, "5555550100", S);
    p = x12_batch_receiver(b);
    x12_party_set(p, X12_PARTY_NAME, "BENCH PAYER", S);
    x12_party_set(p, X12_PARTY_ID, "RECEIVER01", S);
}

static void populate(x12_batch *b, long n)
{
    x12_billing_provider *bp = NULL;
    x12_subscriber *s;
    x12_claim *c;
    x12_service_line *l;
    x12_party *p;
    char pcn[32];
    long i;
    int k;
    static const char *const procs[3] = {"99213", "87880", "36415"};
    static const int64_t charges[3] = {12500, 6000, 1500};

    header(b);
    for (i = 0; i < n; i++) {
        if (i % 2500 == 0) {
            x12_batch_add_provider(b, &bp);
            p = x12_billing_provider_party(bp);
            x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S);
            x12_party_set(p, X12_PARTY_ID, "1234567893", S);
            x12_party_set(p, X12_PARTY_ADDRESS1, "100 MAIN STREET", S);
            x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
            x12_party_set(p, X12_PARTY_STATE, "IL", S);
            x12_party_set(p, X12_PARTY_ZIP, "627011234", S);
            x12_party_set(p, X12_PARTY_EIN, "371234567", S);
        }
        x12_billing_provider_add_subscriber(bp, &s);
        x12_subscriber_set(s, X12_SUB_RESPONSIBILITY, "P", S);
        x12_subscriber_set(s, X12_SUB_FILING_INDICATOR, "CI", S);
        p = x12_subscriber_party(s);
        x12_party_set(p, X12_PARTY_NAME, "DOE", S);
        x12_party_set(p, X12_PARTY_FIRST_NAME, "JANE", S);
        x12_party_set(p, X12_PARTY_ID, "XJ0000000001", S);
        x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S);
        x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S);
        x12_party_set(p, X12_PARTY_STATE, "IL", S);
        x12_party_set(p, X12_PARTY_ZIP, "62704", S);
        x12_party_set(p, X12_PARTY_BIRTH_DATE, "19800101", S);
        x12_party_set(p, X12_PARTY_GENDER, "F", S);
        p = x12_subscriber_payer(s);
        x12_party_set(p, X12_PARTY_NAME, "EXAMPLE HEALTH PLAN", S);
        x12_party_set(p, X12_PARTY_ID, "EHP01", S);
        x12_subscriber_add_claim(s, &c);
        snprintf(pcn, sizeof pcn, "PCN%08ld", i);
        x12_claim_set(c, X12_CLAIM_PCN, pcn, S);
        x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 20000);
        x12_claim_set(c, X12_CLAIM_PLACE_OF_SERVICE, "11", S);
        x12_claim_set(c, X12_CLAIM_SERVICE_FROM, "20250220", S);
        x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "J03.00", S, 0);
        x12_claim_add_diagnosis(c, X12_DX_OTHER, "R50.9", S, 0);
        for (k = 0; k < 3; k++) {
            x12_claim_add_line(c, &l);
            x12_line_set(l, X12_LINE_PROCEDURE, procs[k], S);
            x12_line_set_amount(l, X12_LINEAMT_CHARGE, charges[k]);
            x12_line_add_pointer(l, 1);
        }
    }
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 200000;
    counting cnt = {0, 0};
    x12_allocator al = {sizeof al, c_malloc, c_realloc, c_free, &cnt};
    x12_batch *b;
    x12_writer *w;
    double t0, t1, t2, t3, c0, c1, c2, c3;
    size_t out_len = 0;
    x12_status st;

    if (n <= 0)
        n = 200000;
    if (x12_batch_new(&al, X12_CLAIM_837P, &b) != X12_OK || x12_writer_new(NULL, &w) != X12_OK)
        return 1;
    x12_writer_to_memory(w);
    c0 = cpu();
    t0 = now();
    populate(b, n);
    t1 = now();
    c1 = cpu();
    st = x12_batch_check(b);
    t2 = now();
    c2 = cpu();
    if (st != X12_OK) {
        fprintf(stderr, "bench: edits failed: %s %s\n", x12_batch_edit_path(b, 0),
                x12_error_message(x12_batch_edit_at(b, 0)));
        return 1;
    }
    st = x12_batch_write(b, w); /* runs the edits again, as a caller would */
    t3 = now();
    c3 = cpu();
    if (st != X12_OK) {
        fprintf(stderr, "bench: write failed: %s\n", x12_strerror(st));
        return 1;
    }
    x12_writer_memory(w, &out_len);
    printf("claims:               %ld (837P, 3 lines each)\n", n);
    printf("build (set fields):   %.0f claims/s\n", (double)n / (t1 - t0));
    printf("edits:                %.0f claims/s\n", (double)n / (t2 - t1));
    printf("edits + write:        %.0f claims/s\n", (double)n / (t3 - t2));
    printf("set + write:          %.0f claims/s (the vendor path: fields set, then\n"
           "                      x12_batch_write, which runs the edits itself)\n",
           (double)n / ((t1 - t0) + (t3 - t2)));
    printf("CPU time, claims/s:   build %.0f, edits %.0f, edits + write %.0f, set + write %.0f\n",
           (double)n / (c1 - c0), (double)n / (c2 - c1), (double)n / (c3 - c2),
           (double)n / ((c1 - c0) + (c3 - c2)));
    printf("output:               %zu bytes (%.1f MB/s written)\n", out_len,
           (double)out_len / (t3 - t2) / 1e6);
    printf("batch memory:         %.2f MB per 10,000 claims (peak %zu bytes for %ld)\n",
           (double)cnt.peak / ((double)n / 10000.0) / 1e6, cnt.peak, n);
    x12_writer_free(w);
    x12_batch_free(b);
    return 0;
}
