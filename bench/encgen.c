/*
 * encgen - writes large synthetic encounter files (837P) for benchmarks:
 * JSON Lines or XML, every claim passing the edits.
 *
 *     encgen [--jsonl | --xml] [--claims N | --size BYTES] [--pad BYTES]
 *            [--per-subscriber N] [--per-provider N] [--seed N] [-o FILE]
 *
 * --claims N       claims to write (default 100000)
 * --size BYTES     write claims until the file holds about this many bytes
 *                  (a number with an optional K, M or G suffix, powers of
 *                  1024); wins over --claims
 * --pad BYTES      XML: that much white space (spaces and line breaks)
 *                  between every two elements of a claim, to make a file of
 *                  a given size out of few claims (the hostile case of
 *                  issue 20: memory must not grow with white space)
 * --per-subscriber consecutive claims of one subscriber (default 1: a new
 *                  subscriber every claim, as most files are)
 * --per-provider   subscribers of one billing provider (default 2500)
 *
 * Claims have 1 to 4 lines (procedures with their charges, CLM02 the sum),
 * one or two diagnoses, made-up names, ids and PCNs from a seeded
 * generator: the same options give the same bytes.  All data is made up.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 88172645463325252ULL;

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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const last_names[] = {"SMITH", "JOHNSON", "GARCIA", "MILLER", "DAVIS",
                                         "LOPEZ", "WILSON", "MOORE", "TAYLOR", "LEE"};
static const char *const first_names[] = {"ALEX", "SAM", "CASEY", "JORDAN", "RILEY",
                                          "MORGAN", "TAYLOR", "JAMIE", "AVERY", "QUINN"};
static const char *const streets[] = {"12 ELM AVENUE", "400 OAK STREET", "7 PINE ROAD",
                                      "88 MAPLE DRIVE", "1500 RIVER LANE"};
static const struct {
    const char *code;
    int64_t cents;
} procedures[] = {{"99211", 4500},  {"99212", 7800}, {"99213", 11000}, {"99214", 16500},
                  {"99215", 22000}, {"36415", 1500}, {"85025", 2800},  {"80053", 4200},
                  {"93000", 6500},  {"71046", 9500}, {"97110", 7500},  {"G0008", 3000}};
static const char *const diagnoses[] = {"J03.00", "R50.9", "I10", "E11.9", "M54.5",
                                        "J06.9", "Z00.00", "K21.9", "F41.1", "N39.0"};

static FILE *out;
static int xml;
static long pad;
static uint64_t bytes;

static void emit(const char *s)
{
    size_t n = strlen(s);

    if (fwrite(s, 1, n, out) != n) {
        fprintf(stderr, "encgen: write failed: %s\n", strerror(errno));
        exit(2);
    }
    bytes += n;
}

/* XML white space between elements: --pad bytes, a line break every 80. */
static void ws(void)
{
    static char buf[4096];
    long left = pad;

    if (!xml || pad <= 0) {
        if (xml)
            emit("\n");
        return;
    }
    if (buf[0] == '\0') {
        size_t i;
        for (i = 0; i + 1 < sizeof buf; i++)
            buf[i] = i % 80 == 79 ? '\n' : ' ';
    }
    while (left > 0) {
        size_t n = left > (long)sizeof buf - 1 ? sizeof buf - 1 : (size_t)left;
        if (fwrite(buf, 1, n, out) != n) {
            fprintf(stderr, "encgen: write failed: %s\n", strerror(errno));
            exit(2);
        }
        bytes += n;
        left -= (long)n;
    }
}

/* A valid NPI from a 9-digit base: Luhn over 80840 + base. */
static void npi(uint32_t base, char out10[11])
{
    char d[15];
    int sum = 0, dbl = 1, i;

    snprintf(out10, 11, "%09u", base % 1000000000u);
    memcpy(d, "80840", 5);
    memcpy(d + 5, out10, 9);
    for (i = 13; i >= 0; i--) {
        int v = d[i] - '0';
        if (dbl) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
        dbl = !dbl;
    }
    out10[9] = (char)('0' + (10 - sum % 10) % 10);
    out10[10] = '\0';
}

static void money(char *buf, size_t size, int64_t cents)
{
    snprintf(buf, size, "%" PRId64 ".%02d", cents / 100, (int)(cents % 100));
}

static void header(void)
{
    if (xml) {
        emit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<encounters xmlns=\"urn:libx12:encounter:1\" kind=\"837P\">\n"
             "  <interchange sender_id=\"SUBMITTER01\" receiver_id=\"CLEARINGHSE01\" "
             "date=\"20250301\" time=\"1200\" reference=\"BENCH\"/>\n"
             "  <submitter name=\"BENCH BILLING\" id=\"SUBMITTER01\" phone=\"5555550100\"/>\n"
             "  <receiver name=\"EXAMPLE CLEARINGHOUSE\" id=\"CLEARINGHSE01\"/>\n");
    } else {
        emit("{\"kind\":\"837P\",\"interchange\":{\"sender_id\":\"SUBMITTER01\","
             "\"receiver_id\":\"CLEARINGHSE01\",\"date\":\"20250301\",\"time\":\"1200\","
             "\"reference\":\"BENCH\"},\"submitter\":{\"name\":\"BENCH BILLING\","
             "\"id\":\"SUBMITTER01\",\"phone\":\"5555550100\"},\"receiver\":{\"name\":"
             "\"EXAMPLE CLEARINGHOUSE\",\"id\":\"CLEARINGHSE01\"}}\n");
    }
}

typedef struct party {
    char npi[11], name[64], street[64], member[32], first[16], last[16], birth[9];
    char gender;
} party;

static char provider_text[512], subscriber_text[768];

static void new_provider(long n)
{
    party p;

    npi((uint32_t)(123456789u + (uint32_t)n * 7919u), p.npi);
    snprintf(p.name, sizeof p.name, "CLINIC %ld", n + 1);
    if (xml)
        snprintf(provider_text, sizeof provider_text,
                 "name=\"%s\" npi=\"%s\" ein=\"371234567\" address1=\"100 MAIN STREET\" "
                 "city=\"SPRINGFIELD\" state=\"IL\" zip=\"627011234\"",
                 p.name, p.npi);
    else
        snprintf(provider_text, sizeof provider_text,
                 "{\"name\":\"%s\",\"npi\":\"%s\",\"ein\":\"371234567\",\"address1\":"
                 "\"100 MAIN STREET\",\"city\":\"SPRINGFIELD\",\"state\":\"IL\",\"zip\":"
                 "\"627011234\"}",
                 p.name, p.npi);
}

static void new_subscriber(long n)
{
    party p;

    snprintf(p.member, sizeof p.member, "M%010ld", n + 1);
    snprintf(p.last, sizeof p.last, "%s", last_names[rng_range(0, NELEM(last_names) - 1)]);
    snprintf(p.first, sizeof p.first, "%s", first_names[rng_range(0, NELEM(first_names) - 1)]);
    snprintf(p.street, sizeof p.street, "%s", streets[rng_range(0, NELEM(streets) - 1)]);
    snprintf(p.birth, sizeof p.birth, "19%02u%02u%02u", rng_range(30, 99), rng_range(1, 12),
             rng_range(1, 28));
    p.gender = rng_range(0, 1) ? 'F' : 'M';
    if (xml)
        snprintf(subscriber_text, sizeof subscriber_text,
                 "responsibility=\"P\" filing_indicator=\"CI\" name=\"%s\" first_name=\"%s\" "
                 "member_id=\"%s\" address1=\"%s\" city=\"SPRINGFIELD\" state=\"IL\" "
                 "zip=\"62704\" birth_date=\"%s\" gender=\"%c\"",
                 p.last, p.first, p.member, p.street, p.birth, p.gender);
    else
        snprintf(subscriber_text, sizeof subscriber_text,
                 "{\"responsibility\":\"P\",\"filing_indicator\":\"CI\",\"name\":\"%s\","
                 "\"first_name\":\"%s\",\"member_id\":\"%s\",\"address1\":\"%s\",\"city\":"
                 "\"SPRINGFIELD\",\"state\":\"IL\",\"zip\":\"62704\",\"birth_date\":\"%s\","
                 "\"gender\":\"%c\",\"payer\":{\"name\":\"EXAMPLE HEALTH PLAN\","
                 "\"payer_id\":\"EHP01\"}}",
                 p.last, p.first, p.member, p.street, p.birth, p.gender);
}

static void claim(long n)
{
    unsigned nl = rng_range(1, 4), k, nd = rng_range(1, 2);
    unsigned pi[4], d1 = rng_range(0, NELEM(diagnoses) - 1), d2 = (d1 + 1) % NELEM(diagnoses);
    int64_t total = 0;
    char buf[2048], amt[32], date[9];

    for (k = 0; k < nl; k++) {
        pi[k] = rng_range(0, NELEM(procedures) - 1);
        total += procedures[pi[k]].cents;
    }
    snprintf(date, sizeof date, "2025%02u%02u", rng_range(1, 2), rng_range(1, 28));
    money(amt, sizeof amt, total);
    if (xml) {
        snprintf(buf, sizeof buf,
                 "<claim pcn=\"PCN%09ld\" total_charge=\"%s\" place_of_service=\"11\" "
                 "service_from=\"%s\">",
                 n + 1, amt, date);
        emit(buf);
        ws();
        snprintf(buf, sizeof buf, "<diagnosis kind=\"principal\" code=\"%s\"/>", diagnoses[d1]);
        emit(buf);
        ws();
        if (nd == 2) {
            snprintf(buf, sizeof buf, "<diagnosis code=\"%s\"/>", diagnoses[d2]);
            emit(buf);
            ws();
        }
        for (k = 0; k < nl; k++) {
            money(amt, sizeof amt, procedures[pi[k]].cents);
            snprintf(buf, sizeof buf, "<line procedure=\"%s\" charge=\"%s\" pointers=\"1%s\"/>",
                     procedures[pi[k]].code, amt, nd == 2 && k == 0 ? " 2" : "");
            emit(buf);
            ws();
        }
        emit("</claim>");
        ws();
        return;
    }
    snprintf(buf, sizeof buf,
             "{\"provider\":%s,\"subscriber\":%s,\"claim\":{\"pcn\":\"PCN%09ld\","
             "\"total_charge_cents\":%" PRId64 ",\"place_of_service\":\"11\",\"service_from\":"
             "\"%s\",\"diagnoses\":[{\"kind\":\"principal\",\"code\":\"%s\"}",
             provider_text, subscriber_text, n + 1, total, date, diagnoses[d1]);
    emit(buf);
    if (nd == 2) {
        snprintf(buf, sizeof buf, ",{\"code\":\"%s\"}", diagnoses[d2]);
        emit(buf);
    }
    emit("],\"lines\":[");
    for (k = 0; k < nl; k++) {
        snprintf(buf, sizeof buf,
                 "%s{\"procedure\":\"%s\",\"charge_cents\":%" PRId64 ",\"pointers\":[1%s]}",
                 k ? "," : "", procedures[pi[k]].code, procedures[pi[k]].cents,
                 nd == 2 && k == 0 ? ",2" : "");
        emit(buf);
    }
    emit("]}}\n");
}

static int parse_size(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long n;

    errno = 0;
    n = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    if (*end == 'K' || *end == 'k')
        n <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        n <<= 20, end++;
    else if (*end == 'G' || *end == 'g')
        n <<= 30, end++;
    if (*end != '\0')
        return -1;
    *v = n;
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t claims = 100000, size = 0, v;
    long per_sub = 1, per_prov = 2500, n = 0, subs = 0, provs = 0, in_sub = 0, in_prov = 0;
    const char *path = NULL;
    int i;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--jsonl") == 0) {
            xml = 0;
        } else if (strcmp(a, "--xml") == 0) {
            xml = 1;
        } else if (i + 1 < argc && strcmp(a, "--claims") == 0 && parse_size(argv[i + 1], &v) == 0) {
            claims = v;
            i++;
        } else if (i + 1 < argc && strcmp(a, "--size") == 0 && parse_size(argv[i + 1], &v) == 0) {
            size = v;
            i++;
        } else if (i + 1 < argc && strcmp(a, "--pad") == 0 && parse_size(argv[i + 1], &v) == 0) {
            pad = (long)v;
            i++;
        } else if (i + 1 < argc && strcmp(a, "--per-subscriber") == 0) {
            per_sub = atol(argv[++i]);
        } else if (i + 1 < argc && strcmp(a, "--per-provider") == 0) {
            per_prov = atol(argv[++i]);
        } else if (i + 1 < argc && strcmp(a, "--seed") == 0) {
            rng_state += (uint64_t)strtoull(argv[++i], NULL, 10) * 0x9E3779B97F4A7C15ULL;
        } else if (i + 1 < argc && strcmp(a, "-o") == 0) {
            path = argv[++i];
        } else {
            fprintf(stderr, "usage: encgen [--jsonl|--xml] [--claims N | --size BYTES] "
                            "[--pad BYTES] [--per-subscriber N] [--per-provider N] "
                            "[--seed N] [-o FILE]\n");
            return 2;
        }
    }
    if (per_sub < 1)
        per_sub = 1;
    if (per_prov < 1)
        per_prov = 1;
    out = path ? fopen(path, "wb") : stdout;
    if (out == NULL) {
        fprintf(stderr, "encgen: %s: %s\n", path, strerror(errno));
        return 2;
    }
    header();
    for (;;) {
        if (size ? bytes >= size : (uint64_t)n >= claims)
            break;
        if (in_sub == 0) {
            if (in_prov == 0) {
                if (xml && provs > 0)
                    emit("</subscriber></provider>\n");
                new_provider(provs++);
                if (xml) {
                    emit("<provider ");
                    emit(provider_text);
                    emit(">");
                    ws();
                }
            } else if (xml) {
                emit("</subscriber>");
                ws();
            }
            new_subscriber(subs++);
            if (xml) {
                emit("<subscriber ");
                emit(subscriber_text);
                emit(">");
                ws();
                emit("<payer name=\"EXAMPLE HEALTH PLAN\" payer_id=\"EHP01\"/>");
                ws();
            }
            in_prov = (in_prov + 1) % per_prov;
        }
        claim(n++);
        in_sub = (in_sub + 1) % per_sub;
    }
    if (xml) {
        if (provs > 0)
            emit("</subscriber></provider>\n");
        emit("</encounters>\n");
    }
    if (path != NULL && fclose(out) != 0) {
        fprintf(stderr, "encgen: %s: %s\n", path, strerror(errno));
        return 2;
    }
    fprintf(stderr, "encgen: %ld claims, %" PRIu64 " bytes\n", n, bytes);
    return 0;
}
