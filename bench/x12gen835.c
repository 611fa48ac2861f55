/*
 * x12gen835 - writes large synthetic 835 (005010X221A1) remittances for
 * benchmarks.
 *
 *     x12gen835 [--size BYTES] [--seed N] [--claims-per-set N] [-o FILE]
 *
 * FILE must be a regular file (BPR02 is patched in place once the payment's
 * claims are written).  --size is approximate (claims are whole): a number with an optional K, M
 * or G suffix (powers of 1024); default 1M.  The same seed gives the same
 * bytes.  One interchange and group; a new 835 transaction set (payment)
 * every --claims-per-set claims (default 500).  Every claim, line and
 * payment balances exactly; about one claim in twelve is denied, one in
 * forty is a reversal followed by its correction, and each payment ends
 * with a PLB.  All names and ids are made up.  Segment counts (SE01,
 * GE01, IEA01) are right.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t x = rng_state;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static unsigned rng_range(unsigned lo, unsigned hi)
{
    return lo + (unsigned)(rng_next() % (uint64_t)(hi - lo + 1));
}

static const char *const last_names[] = {"SMITH", "JOHNSON", "GARCIA", "MILLER", "DAVIS",
                                         "LOPEZ", "WILSON", "MOORE", "TAYLOR", "LEE"};
static const char *const first_names[] = {"ALEX", "SAM", "CASEY", "JORDAN", "RILEY",
                                          "MORGAN", "TAYLOR", "JAMIE", "AVERY", "QUINN"};
static const struct {
    const char *code;
    int64_t cents;
} procedures[] = {{"99211", 4500},  {"99212", 7800}, {"99213", 11000}, {"99214", 16500},
                  {"99215", 22000}, {"36415", 1500}, {"85025", 2800},  {"80053", 4200},
                  {"93000", 6500},  {"71046", 9500}, {"97110", 7500},  {"G0008", 3000}};
static const char *const denials[] = {"16", "50", "96", "197", "204", "29", "18", "27"};
static const char *const remarks[] = {"N290", "M15", "N479", "MA130", "N14"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static FILE *out;
static uint64_t set_segments, bytes;

static void seg(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void seg(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vfprintf(out, fmt, ap);
    va_end(ap);
    fputs("~\n", out);
    bytes += (uint64_t)n + 2;
    set_segments++;
}

static const char *amt(char *buf, int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

    sprintf(buf, "%s%" PRIu64 ".%02u", c < 0 ? "-" : "", m / 100u, (unsigned)(m % 100u));
    return buf;
}

/* One claim (and its lines) with sign +1 or -1 (a reversal); returns CLP04. */
static int64_t claim(unsigned long no, int sign, int denied, unsigned seed)
{
    unsigned nlines, i;
    int64_t charge[6], paid[6], co[6], pr[6], tcharge = 0, tpaid = 0, tpr = 0;
    const char *proc[6];
    char a[32], b[32], c[32], d[32];

    uint64_t saved = rng_state;

    rng_state = 0x9E3779B97F4A7C15ULL ^ seed;
    nlines = rng_range(1, 4);
    for (i = 0; i < nlines; i++) {
        unsigned p = rng_range(0, (unsigned)NELEM(procedures) - 1);

        proc[i] = procedures[p].code;
        charge[i] = procedures[p].cents * (int64_t)rng_range(1, 3);
        co[i] = denied ? charge[i] : charge[i] * (int64_t)rng_range(10, 40) / 100;
        pr[i] = denied ? 0 : (charge[i] - co[i]) * (int64_t)rng_range(0, 30) / 100;
        paid[i] = charge[i] - co[i] - pr[i];
        tcharge += charge[i];
        tpaid += paid[i];
        tpr += pr[i];
    }
    seg("CLP*PCN%08lu*%s*%s*%s*%s*12*ICN%010lu%c*11*1", no,
        sign < 0 ? "22" : denied ? "4" : "1", amt(a, sign * tcharge), amt(b, sign * tpaid),
        tpr ? amt(c, sign * tpr) : "", no, sign < 0 ? 'R' : 'A');
    seg("NM1*QC*1*%s*%s****MI*W%09lu", last_names[rng_range(0, NELEM(last_names) - 1)],
        first_names[rng_range(0, NELEM(first_names) - 1)], no * 7u);
    seg("DTM*232*2024%02u%02u", rng_range(1, 12), rng_range(1, 28));
    for (i = 0; i < nlines; i++) {
        seg("SVC*HC:%s*%s*%s**1", proc[i], amt(a, sign * charge[i]), amt(b, sign * paid[i]));
        seg("DTM*472*2024%02u%02u", rng_range(1, 12), rng_range(1, 28));
        if (denied)
            seg("CAS*CO*%s*%s", denials[rng_range(0, NELEM(denials) - 1)],
                amt(a, sign * co[i]));
        else
            seg("CAS*CO*45*%s", amt(a, sign * co[i]));
        if (!denied && pr[i] != 0)
            seg("CAS*PR*%u*%s", rng_range(1, 3), amt(d, sign * pr[i]));
        seg("REF*6R*%lu-%u", no, i + 1);
        if (!denied)
            seg("AMT*B6*%s", amt(a, sign * (charge[i] - co[i])));
        else
            seg("LQ*HE*%s", remarks[rng_range(0, NELEM(remarks) - 1)]);
    }
    rng_state = saved;
    return sign * tpaid;
}

static uint64_t parse_size(const char *s)
{
    char *end;
    uint64_t v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return 0;
    if (*end == 'K' || *end == 'k')
        v <<= 10;
    else if (*end == 'M' || *end == 'm')
        v <<= 20;
    else if (*end == 'G' || *end == 'g')
        v <<= 30;
    return v;
}

int main(int argc, char **argv)
{
    uint64_t size = 1u << 20, seed = 1, per_set = 500;
    const char *path = NULL;
    unsigned long claim_no = 0, sets = 0;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--size") == 0 && i + 1 < argc)
            size = parse_size(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--claims-per-set") == 0 && i + 1 < argc)
            per_set = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            path = argv[++i];
        else {
            fprintf(stderr, "usage: x12gen835 [--size BYTES] [--seed N] [--claims-per-set N] "
                            "[-o FILE]\n");
            return 2;
        }
    }
    if (size == 0 || per_set == 0) {
        fprintf(stderr, "x12gen835: bad --size or --claims-per-set\n");
        return 2;
    }
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
    if (path == NULL) {
        fprintf(stderr, "x12gen835: -o FILE is required (BPR02 is patched in place)\n");
        return 2;
    }
    out = fopen(path, "w+b");
    if (out == NULL) {
        fprintf(stderr, "x12gen835: %s: %s\n", path, strerror(errno));
        return 2;
    }
    fprintf(out, "ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHPROVIDER  "
                 "*240301*1200*^*00501*000000001*0*P*:~\n"
                 "GS*HP*BENCHPAYER*BENCHPROVIDER*20240301*1200*1*X*005010X221A1~\n");
    while (bytes < size) {
        int64_t total = 0, plb;
        unsigned long k;
        long bpr_pos;
        char a[32];

        sets++;
        set_segments = 0;
        seg("ST*835*%04lu", sets % 10000);
        /* BPR02 is only known at the end: write an 18-character placeholder
         * and patch it (leading zeros are valid in an R value; 18 characters
         * hold at most 17 digits, within BPR02's maximum of 18). */
        bpr_pos = ftell(out);
        seg("BPR*I*%018d*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*"
            "987654321*20240301", 0);
        seg("TRN*1*EFT%08lu*1512345678", sets);
        seg("DTM*405*20240229");
        seg("N1*PR*BENCH HEALTH PLAN");
        seg("N3*PO BOX 100");
        seg("N4*SPRINGFIELD*IL*627010100");
        seg("PER*BL*PROVIDER SERVICES*TE*8005550100");
        seg("N1*PE*BENCH CLINIC*XX*1234567893");
        seg("REF*TJ*421234567");
        seg("LX*1");
        for (k = 0; k < per_set && bytes < size; k++) {
            unsigned r = rng_range(0, 119);

            claim_no++;
            if (r < 3 && k + 1 < per_set) {
                /* A reversal of an earlier payment, then its correction. */
                unsigned s = (unsigned)rng_next();

                total += claim(claim_no, -1, 0, s);
                total += claim(claim_no, 1, 0, s ^ 1u);
                k++;
            } else {
                total += claim(claim_no, 1, r < 13, (unsigned)rng_next());
            }
        }
        plb = (int64_t)rng_range(0, 5000) - 1000;
        seg("PLB*1234567893*20241231*WO:OVP%06lu*%s", sets, amt(a, plb));
        total -= plb;
        seg("SE*%" PRIu64 "*%04lu", set_segments + 1, sets % 10000);
        {
            long end = ftell(out);
            uint64_t m = total < 0 ? (uint64_t)0 - (uint64_t)total : (uint64_t)total;
            char num[40];

            snprintf(num, sizeof num, "%s%0*" PRIu64 ".%02u", total < 0 ? "-" : "",
                     total < 0 ? 14 : 15, m / 100u, (unsigned)(m % 100u));
            if (bpr_pos < 0 || fseek(out, bpr_pos + 6, SEEK_SET) != 0 ||
                fwrite(num, 1, 18, out) != 18 || fseek(out, end, SEEK_SET) != 0) {
                fprintf(stderr, "x12gen835: -o FILE must be a regular file\n");
                return 2;
            }
        }
    }
    fprintf(out, "GE*%lu*1~\nIEA*1*000000001~\n", sets);
    if (fclose(out) != 0) {
        fprintf(stderr, "x12gen835: write error: %s\n", strerror(errno));
        return 2;
    }
    fprintf(stderr, "x12gen835: %lu claims in %lu payments\n", claim_no, sets);
    return 0;
}
