/*
 * x12gen - writes large synthetic 837P (005010X222A1) interchanges for
 * benchmarks.
 *
 *     x12gen [--size BYTES] [--seed N] [--newlines] [--claims-per-set N]
 *            [-o FILE]
 *
 * --size is approximate (claims are whole): a number with an optional K, M
 * or G suffix (powers of 1024); default 1M.  The same seed gives the same
 * bytes.  Every segment goes through the libx12 writer, so SE, GE and IEA
 * counts and control numbers are the library's.  One interchange; a new
 * functional group every 1000 transaction sets.  All names, ids and codes
 * are made up.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/x12.h>

#define SETS_PER_GROUP 1000

/* ---- deterministic randomness (xorshift64*) ------------------------------ */

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

/* Uniform-enough integer in [lo, hi]. */
static unsigned rng_range(unsigned lo, unsigned hi)
{
    return lo + (unsigned)(rng_next() % (uint64_t)(hi - lo + 1));
}

#define PICK(arr) ((arr)[rng_range(0, (unsigned)(sizeof(arr) / sizeof((arr)[0])) - 1)])

static const char *const last_names[] = {
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
    "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON",
    "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE"};
static const char *const first_names[] = {
    "JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA",
    "DAVID", "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA",
    "THOMAS", "SARAH", "CHARLES", "KAREN", "ALEX", "SAM", "CASEY", "JORDAN"};
static const char *const streets[] = {"MAIN ST", "OAK AVE", "ELM ST", "PARK BLVD", "CEDAR LN",
                                      "MAPLE DR", "PINE CT", "LAKE RD", "HILL ST", "RIVER WAY"};
static const char *const cities[][3] = {
    {"SPRINGFIELD", "IL", "62701"}, {"COLUMBUS", "OH", "43004"}, {"AUSTIN", "TX", "73301"},
    {"DENVER", "CO", "80201"},      {"PORTLAND", "OR", "97201"}, {"ALBANY", "NY", "12201"},
    {"MADISON", "WI", "53701"},     {"RALEIGH", "NC", "27601"},  {"PHOENIX", "AZ", "85001"}};
/* CPT/HCPCS with a typical charge in cents. */
static const struct {
    const char *code;
    int64_t cents;
} procedures[] = {{"99211", 4500},  {"99212", 7800},  {"99213", 11000}, {"99214", 16500},
                  {"99215", 22000}, {"36415", 1500},  {"81002", 1200},  {"85025", 2800},
                  {"80053", 4200},  {"93000", 6500},  {"71046", 9500},  {"97110", 7500},
                  {"90471", 2500},  {"90686", 3800},  {"G0008", 3000},  {"J1100", 1800},
                  {"87880", 3500},  {"20610", 19000}, {"11721", 8500},  {"99396", 21000}};
static const char *const modifiers[] = {"25", "59", "GP", "QW", "LT", "RT", "76", "91"};
static const char *const diagnoses[] = {
    "J069",  "R05",   "M545",  "I10",   "E119",  "E785",  "Z0000", "J029",  "N390",
    "K219",  "F419",  "M25561", "R51",  "J45909", "Z23",  "L03115", "S93401A", "R079"};
static const char *const payers[][2] = {{"ACME HEALTH PLAN", "ACME01"},
                                        {"NORTHSTAR MUTUAL", "NSM22"},
                                        {"BLUE RIVER HEALTH", "BRH900"},
                                        {"CIVIC CARE", "CIV03"}};
static const char *const taxonomies[] = {"207Q00000X", "208D00000X", "207R00000X", "225100000X",
                                         "261QP2300X"};

/* ---- output --------------------------------------------------------------- */

typedef struct gen {
    x12_writer *w;
    FILE *out;
    uint64_t written;     /* bytes handed to the output */
    uint64_t claims;      /* claims written so far */
    unsigned claims_per_set;
    char num[32];         /* scratch for formatted values */
} gen;

static int out_write(void *user, const char *data, size_t len)
{
    gen *g = user;

    g->written += len;
    return fwrite(data, 1, len, g->out) == len ? 0 : -1;
}

static void die_status(const gen *g, x12_status st, const char *what)
{
    const x12_error *e = x12_writer_last_error(g->w);
    char buf[512] = "";

    if (e != NULL)
        x12_error_format(e, buf, sizeof buf);
    fprintf(stderr, "x12gen: %s: %s%s%s\n", what, x12_strerror(st), buf[0] ? ": " : "", buf);
    if (st == X12_EIO)
        fprintf(stderr, "x12gen: write error: %s\n", strerror(errno));
    exit(1);
}

static void chk(const gen *g, x12_status st, const char *what)
{
    if (st != X12_OK)
        die_status(g, st, what);
}

/* Small wrappers: the segment-building code reads like the segments. */
static void seg(gen *g, const char *id)
{
    chk(g, x12_writer_begin(g->w, id), id);
}

static void el(gen *g, const char *s)
{
    chk(g, x12_writer_add(g->w, s, X12_NTS), "element");
}

static void comp(gen *g, const char *s)
{
    chk(g, x12_writer_add_component(g->w, s, X12_NTS), "component");
}

static void cents(gen *g, int64_t c)
{
    chk(g, x12_writer_add_cents(g->w, c), "amount");
}

static void uint_el(gen *g, uint64_t v)
{
    chk(g, x12_writer_add_uint(g->w, v), "number");
}

static void end(gen *g)
{
    chk(g, x12_writer_end(g->w), "segment");
}

/* Writes a run of elements given as one "*"-separated string; empty
 * pieces are empty elements. */
static void els(gen *g, const char *list)
{
    const char *p = list, *star;

    for (;;) {
        star = strchr(p, '*');
        chk(g, x12_writer_add(g->w, p, star ? (size_t)(star - p) : strlen(p)), "element");
        if (star == NULL)
            break;
        p = star + 1;
    }
}

static const char *digits(gen *g, unsigned n)
{
    unsigned i;

    for (i = 0; i < n && i + 1 < sizeof g->num; i++)
        g->num[i] = (char)('0' + rng_range(0, 9));
    g->num[i] = '\0';
    return g->num;
}

/* A random NPI: nine digits and their check digit (Luhn over "80840" and
 * the nine), so that the validator's NPI check passes. */
static const char *npi(gen *g)
{
    static const char prefix[] = "80840";
    unsigned sum = 0, k = 0, d;
    int i;

    digits(g, 9);
    for (i = 8; i >= 0; i--, k++) {
        d = (unsigned)(g->num[i] - '0');
        if (k % 2 == 0 && (d *= 2) > 9)
            d -= 9;
        sum += d;
    }
    for (i = 4; i >= 0; i--, k++) {
        d = (unsigned)(prefix[i] - '0');
        if (k % 2 == 0 && (d *= 2) > 9)
            d -= 9;
        sum += d;
    }
    g->num[9] = (char)('0' + (10 - sum % 10) % 10);
    g->num[10] = '\0';
    return g->num;
}

static const char *date_2023(gen *g)
{
    snprintf(g->num, sizeof g->num, "2023%02u%02u", rng_range(1, 12), rng_range(1, 28));
    return g->num;
}

/* ---- the transaction ---------------------------------------------------- */

static void set_header(gen *g, uint64_t set_no)
{
    unsigned ci = rng_range(0, 8); /* city */

    seg(g, "ST");
    els(g, "837**005010X222A1"); /* ST02 empty: the writer numbers it */
    end(g);
    seg(g, "BHT");
    els(g, "0019*00");
    snprintf(g->num, sizeof g->num, "B%09llu", (unsigned long long)set_no);
    el(g, g->num);
    els(g, "20240115*1023*CH");
    end(g);
    seg(g, "NM1");
    els(g, "41*2*NORTHWIND BILLING SERVICES*****46*NWB1001");
    end(g);
    seg(g, "PER");
    els(g, "IC*BILLING DESK*TE*5555550100");
    end(g);
    seg(g, "NM1");
    els(g, "40*2");
    el(g, payers[0][0]);
    els(g, "****46");
    el(g, payers[0][1]);
    end(g);
    seg(g, "HL");
    els(g, "1**20*1");
    end(g);
    seg(g, "PRV");
    els(g, "BI*PXC");
    el(g, PICK(taxonomies));
    end(g);
    seg(g, "NM1");
    els(g, "85*2*NORTHWIND FAMILY CLINIC*****XX*1234567893");
    end(g);
    seg(g, "N3");
    snprintf(g->num, sizeof g->num, "%u %s", rng_range(1, 9999), PICK(streets));
    el(g, g->num);
    end(g);
    seg(g, "N4");
    el(g, cities[ci][0]);
    el(g, cities[ci][1]);
    snprintf(g->num, sizeof g->num, "%s%04u", cities[ci][2], rng_range(1, 9999));
    el(g, g->num);
    end(g);
    seg(g, "REF");
    el(g, "EI");
    el(g, digits(g, 9));
    end(g);
}

static void claim(gen *g, unsigned hl)
{
    unsigned nlines = rng_range(1, 6), ndiag = rng_range(1, 4), i;
    unsigned proc[6];
    int64_t total = 0;
    unsigned pi = rng_range(0, 3); /* payer */
    unsigned ci = rng_range(0, 8); /* city */
    char date[sizeof g->num];

    for (i = 0; i < nlines; i++) {
        proc[i] = rng_range(0, (unsigned)(sizeof procedures / sizeof procedures[0]) - 1);
        total += procedures[proc[i]].cents;
    }
    seg(g, "HL");
    uint_el(g, hl);
    el(g, "1");
    els(g, "22*0");
    end(g);
    seg(g, "SBR");
    els(g, "P*18");
    snprintf(g->num, sizeof g->num, "GRP%05u", rng_range(1, 99999));
    el(g, g->num);
    els(g, "*****CI");
    end(g);
    seg(g, "NM1");
    els(g, "IL*1");
    el(g, PICK(last_names));
    el(g, PICK(first_names));
    els(g, "**");
    el(g, "MI");
    snprintf(g->num, sizeof g->num, "W%09u", rng_range(0, 999999999));
    el(g, g->num);
    end(g);
    seg(g, "N3");
    snprintf(g->num, sizeof g->num, "%u %s", rng_range(1, 9999), PICK(streets));
    el(g, g->num);
    end(g);
    seg(g, "N4");
    el(g, cities[ci][0]);
    el(g, cities[ci][1]);
    el(g, cities[ci][2]);
    end(g);
    seg(g, "DMG");
    el(g, "D8");
    snprintf(g->num, sizeof g->num, "19%02u%02u%02u", rng_range(30, 99), rng_range(1, 12),
             rng_range(1, 28));
    el(g, g->num);
    el(g, rng_range(0, 1) ? "F" : "M");
    end(g);
    seg(g, "NM1");
    els(g, "PR*2");
    el(g, payers[pi][0]);
    els(g, "****PI");
    el(g, payers[pi][1]);
    end(g);

    seg(g, "CLM");
    snprintf(g->num, sizeof g->num, "PCN%010llu", (unsigned long long)g->claims);
    el(g, g->num);
    cents(g, total);
    els(g, "*");
    el(g, "11");
    comp(g, "B");
    comp(g, "1");
    els(g, "Y*A*Y*Y");
    end(g);
    if (rng_range(0, 3) == 0) {
        seg(g, "DTP");
        els(g, "431*D8");
        el(g, date_2023(g));
        end(g);
    }
    if (rng_range(0, 4) == 0) {
        seg(g, "REF");
        el(g, "G1");
        snprintf(g->num, sizeof g->num, "PA%08u", rng_range(0, 99999999));
        el(g, g->num);
        end(g);
    }
    seg(g, "HI");
    for (i = 0; i < ndiag; i++) {
        el(g, i == 0 ? "ABK" : "ABF");
        comp(g, PICK(diagnoses));
    }
    end(g);
    if (rng_range(0, 2) == 0) {
        seg(g, "NM1");
        els(g, "82*1");
        el(g, PICK(last_names));
        el(g, PICK(first_names));
        els(g, "***XX");
        el(g, npi(g));
        end(g);
        seg(g, "PRV");
        els(g, "PE*PXC");
        el(g, PICK(taxonomies));
        end(g);
    }

    snprintf(date, sizeof date, "%s", date_2023(g));
    for (i = 0; i < nlines; i++) {
        unsigned p, np = rng_range(1, ndiag);

        seg(g, "LX");
        uint_el(g, i + 1);
        end(g);
        seg(g, "SV1");
        el(g, "HC");
        comp(g, procedures[proc[i]].code);
        if (rng_range(0, 3) == 0)
            comp(g, PICK(modifiers));
        cents(g, procedures[proc[i]].cents);
        el(g, "UN");
        el(g, "1");
        els(g, "*");
        el(g, "1");
        for (p = 2; p <= np; p++) {
            snprintf(g->num, sizeof g->num, "%u", p);
            comp(g, g->num);
        }
        end(g);
        seg(g, "DTP");
        els(g, "472*D8");
        el(g, date);
        end(g);
        if (rng_range(0, 1) == 0) {
            seg(g, "REF");
            el(g, "6R");
            snprintf(g->num, sizeof g->num, "L%llu-%u", (unsigned long long)g->claims, i + 1);
            el(g, g->num);
            end(g);
        }
    }
    g->claims++;
}

static void interchange(gen *g, uint64_t target)
{
    uint64_t sets = 0;

    seg(g, "ISA");
    /* ISA06/ISA08 are padded and ISA13 numbered by the writer. */
    els(g, "00**00**ZZ*NORTHWINDCLN*ZZ*ACMEHEALTH*240115*1023*^*00501**0*T*:");
    end(g);
    do {
        unsigned c;

        if (sets % SETS_PER_GROUP == 0) {
            if (sets > 0)
                chk(g, x12_writer_close_group(g->w), "GE");
            seg(g, "GS");
            els(g, "HC*NORTHWINDCLN*ACMEHEALTH*20240115*1023**X*005010X222A1");
            end(g);
        }
        set_header(g, sets);
        for (c = 0; c < g->claims_per_set; c++) {
            claim(g, c + 2);
            if (g->written >= target)
                break;
        }
        chk(g, x12_writer_close_set(g->w), "SE");
        sets++;
    } while (g->written < target);
    chk(g, x12_writer_close_group(g->w), "GE");
    chk(g, x12_writer_close_interchange(g->w), "IEA");
    chk(g, x12_writer_finish(g->w), "finish");
}

/* ---- main ----------------------------------------------------------------- */

static int parse_u64(const char *s, int suffixes, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || s[0] == '-')
        return -1;
    if (suffixes && *end != '\0') {
        unsigned shift = 0;

        switch (*end) {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        default: return -1;
        }
        if (v > (UINT64_MAX >> shift))
            return -1;
        v <<= shift;
        end++;
        if (*end == 'i' || *end == 'I') /* accept 1GiB, 1GB, 1G */
            end++;
        if (*end == 'b' || *end == 'B')
            end++;
    }
    if (*end != '\0')
        return -1;
    *out = v;
    return 0;
}

static void usage(FILE *fp)
{
    fputs("Usage: x12gen [--size BYTES] [--seed N] [--newlines] [--claims-per-set N]\n"
          "              [-o FILE]\n"
          "Writes a synthetic 837P interchange of about BYTES bytes (K, M, G suffixes;\n"
          "default 1M) to FILE or standard output.\n",
          fp);
}

int main(int argc, char **argv)
{
    static char outbuf[1 << 20];
    uint64_t size = 1u << 20, seed = 1, cps = 100;
    const char *path = NULL;
    int newlines = 0, i;
    gen g;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        size_t n = strcspn(a, "=");

        if (strcmp(a, "--newlines") == 0) {
            newlines = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (a[n] == '=')
            v = a + n + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        if (v == NULL) {
            usage(stderr);
            return 2;
        }
        if (strncmp(a, "--size", n) == 0 && n == 6) {
            if (parse_u64(v, 1, &size) != 0) {
                fprintf(stderr, "x12gen: bad --size '%s'\n", v);
                return 2;
            }
        } else if (strncmp(a, "--seed", n) == 0 && n == 6) {
            if (parse_u64(v, 0, &seed) != 0) {
                fprintf(stderr, "x12gen: bad --seed '%s'\n", v);
                return 2;
            }
        } else if (strncmp(a, "--claims-per-set", n) == 0 && n == 16) {
            if (parse_u64(v, 0, &cps) != 0 || cps == 0 || cps > 5000) {
                fprintf(stderr, "x12gen: --claims-per-set must be 1..5000\n");
                return 2;
            }
        } else if (strcmp(a, "-o") == 0) {
            path = v;
        } else {
            usage(stderr);
            return 2;
        }
    }

    /* xorshift needs a non-zero state; mix the seed so 0, 1, 2 differ well. */
    rng_state = (seed + 1) * 0x9E3779B97F4A7C15ULL;
    if (rng_state == 0)
        rng_state = 1;

    memset(&g, 0, sizeof g);
    g.claims_per_set = (unsigned)cps;
    g.out = path != NULL ? fopen(path, "wb") : stdout;
    if (g.out == NULL) {
        fprintf(stderr, "x12gen: %s: %s\n", path, strerror(errno));
        return 2;
    }
    setvbuf(g.out, outbuf, _IOFBF, sizeof outbuf);
    if (x12_writer_new(NULL, &g.w) != X12_OK) {
        fprintf(stderr, "x12gen: out of memory\n");
        return 1;
    }
    chk(&g, x12_writer_to_callback(g.w, out_write, &g), "output");
    if (newlines)
        chk(&g, x12_writer_set_line_break(g.w, "\n"), "line break");
    interchange(&g, size);
    x12_writer_free(g.w);
    if (fflush(g.out) != 0 || ferror(g.out) || (path != NULL && fclose(g.out) != 0)) {
        fprintf(stderr, "x12gen: write error: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
