/*
 * x12 statements - patient statements from the claims sent and the
 * remittances received: per patient (of a billing provider), each service
 * with its date, procedure, charge, what insurance paid, the adjustments,
 * the patient's share and what is owed now, in plain words, and the total
 * due.  HTML (one printable page per patient, no scripts, no external
 * resources), JSON or text.
 *
 * Names and addresses appear here by design: a statement is for the
 * patient.  Messages on stderr still name no one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/recon.h>

#include "cli.h"
#include "recon_cli.h"

extern const char statements_usage[];
const char statements_usage[] =
    "Usage: x12 statements [OPTIONS] --claims FILE... --remits FILE...\n"
    "Patient statements from the 837 claims sent and the 835 remittances received:\n"
    "for each patient of each billing provider, every service with its date,\n"
    "procedure, charge, insurance payment, adjustments, the patient's share and\n"
    "what is owed now, the remark that explains it in plain words, and the total\n"
    "due.  Statements carry names and addresses: they are for the patient.\n"
    "\n"
    "Inputs: --claims FILE... --remits FILE... as for x12 reconcile (any order,\n"
    ".gz, '-' once).\n"
    "\n"
    "Output:\n"
    "  --html            one printable page per patient in one HTML document\n"
    "                    (the default; print CSS, no scripts, no external files)\n"
    "  --json            one JSON document {\"statements\": [...]}, cents\n"
    "  --text            plain text, one statement after another\n"
    "  -o, --output=FILE write FILE (through a temporary, renamed when complete)\n"
    "                    instead of standard output\n"
    "  --force           let --output replace an existing file\n"
    "  --all             a statement for every patient, not only those who owe\n"
    "\n"
    "Options: --as-of=CCYYMMDD (the statement date; default today), --rules=FILE,\n"
    "--follow-up-days=N as for x12 reconcile.\n"
    "\n"
    "Exit status: 0 ok, 1 an input has errors, 2 usage or I/O error.\n";

/* ---- formatting ------------------------------------------------------------------------- */

/* "1,234.56" */
static void amount(char *buf, size_t size, int64_t c)
{
    char plain[40], *p;
    size_t n, i, intlen, k = 0;
    int neg = c < 0;

    recon_cli_money(plain, sizeof plain, c);
    p = plain + neg;
    n = strlen(p);
    intlen = n - 3;
    if (neg && k + 1 < size)
        buf[k++] = '-';
    for (i = 0; i < n && k + 1 < size; i++) {
        if (i > 0 && i < intlen && (intlen - i) % 3 == 0 && k + 1 < size)
            buf[k++] = ',';
        buf[k++] = p[i];
    }
    buf[k] = '\0';
}

/* MM/DD/YYYY from CCYYMMDD. */
static void us_date(char *buf, size_t size, x12_str d)
{
    if (d.len == 8)
        snprintf(buf, size, "%.2s/%.2s/%.4s", d.ptr + 4, d.ptr + 6, d.ptr);
    else
        snprintf(buf, size, "%.*s", (int)(d.len < 16 ? d.len : 16), d.ptr);
}

/* "62701-1234" for nine digits; else as written. */
static void zip_text(char *buf, size_t size, x12_str z)
{
    if (z.len == 9)
        snprintf(buf, size, "%.5s-%.4s", z.ptr, z.ptr + 5);
    else
        snprintf(buf, size, "%.*s", (int)(z.len < 32 ? z.len : 32), z.ptr);
}

/* "(555) 555-0100" for ten digits; else as written. */
static void phone_text(char *buf, size_t size, x12_str p)
{
    if (p.len == 10)
        snprintf(buf, size, "(%.3s) %.3s-%.4s", p.ptr, p.ptr + 3, p.ptr + 6);
    else
        snprintf(buf, size, "%.*s", (int)(p.len < 32 ? p.len : 32), p.ptr);
}

static x12_str party(const x12_recon_claim *c, x12_recon_party_field f)
{
    return x12_recon_claim_party(c, f);
}

/* HTML text: & < > " ' escaped; bytes outside printable ASCII as
 * numeric references of their Latin-1 code points (the document is
 * UTF-8). */
static void html(FILE *fp, x12_str v)
{
    size_t i;

    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.ptr[i];
        switch (c) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default:
            if (c < 0x20 || c >= 0x7f)
                fprintf(fp, "&#%u;", c >= 0x7f && c < 0xa0 ? 0xfffdu : (unsigned)c);
            else
                putc(c, fp);
        }
    }
}

static void html_s(FILE *fp, const char *s)
{
    x12_str v;

    v.ptr = s;
    v.len = strlen(s);
    html(fp, v);
}

static x12_str cs(const char *s)
{
    x12_str v;

    v.ptr = s;
    v.len = strlen(s);
    return v;
}

/* "DOE, JANE A JR" as "JANE A DOE JR" */
static void full_name(char *buf, size_t size, x12_str last, x12_str first, x12_str middle,
                      x12_str suffix)
{
    snprintf(buf, size, "%.*s%s%.*s%s%.*s%s%.*s", (int)first.len, first.ptr,
             first.len ? " " : "", (int)middle.len, middle.ptr, middle.len ? " " : "",
             (int)last.len, last.ptr, suffix.len ? " " : "", (int)suffix.len, suffix.ptr);
}

/* ---- the statements ----------------------------------------------------------------------- */

/* One service: a line of a claim. */
typedef struct svc {
    const x12_recon_claim *c;
    const x12_recon_line *l;
} svc;

typedef struct stmt {
    size_t patient;
    const x12_recon_claim *first; /* names and addresses come from it */
    svc *services;
    size_t nservices, cap;
    int64_t due, charged, paid, adjusted, share, owe_lines, paid_at_visit;
} stmt;

/* "99213-25-59", or the revenue code of a line without a procedure. */
static void service_text(const x12_recon_line *l, char *buf, size_t size)
{
    x12_str p = x12_recon_line_get(l, X12_RECON_LINE_PROCEDURE);
    x12_str m = x12_recon_line_get(l, X12_RECON_LINE_MODIFIERS);
    size_t i, pos;

    if (p.len == 0)
        p = x12_recon_line_get(l, X12_RECON_LINE_REVENUE_CODE);
    snprintf(buf, size, "%.*s", (int)(p.len < 48 ? p.len : 48), p.ptr);
    pos = strlen(buf);
    if (m.len && pos + 1 < size)
        buf[pos++] = '-';
    for (i = 0; i < m.len && pos + 1 < size; i++)
        buf[pos++] = m.ptr[i] == ':' ? '-' : m.ptr[i];
    buf[pos] = '\0';
}

/* A line still waiting on a payer: its payment columns are not filled. */
static int line_open(const x12_recon_line *l)
{
    x12_recon_state st = x12_recon_line_state(l);

    return st == X12_RECON_STATE_PENDING || st == X12_RECON_STATE_REJECTED ||
           st == X12_RECON_STATE_REVERSED;
}

static int cmp_view(x12_str x, x12_str y)
{
    size_t n = x.len < y.len ? x.len : y.len;
    int c = n ? memcmp(x.ptr, y.ptr, n) : 0;

    if (c == 0 && x.len != y.len)
        c = x.len < y.len ? -1 : 1;
    return c;
}

/* Services by date, then claim, then line. */
static int cmp_svc(const void *pa, const void *pb)
{
    const svc *a = pa, *b = pb;
    int c = cmp_view(x12_recon_line_get(a->l, X12_RECON_LINE_SERVICE_FROM),
                     x12_recon_line_get(b->l, X12_RECON_LINE_SERVICE_FROM));

    if (c == 0)
        c = cmp_view(x12_recon_claim_get(a->c, X12_RECON_CLAIM_PCN),
                     x12_recon_claim_get(b->c, X12_RECON_CLAIM_PCN));
    if (c == 0)
        c = x12_recon_line_number(a->l) < x12_recon_line_number(b->l) ? -1
            : x12_recon_line_number(a->l) > x12_recon_line_number(b->l);
    return c;
}

static int64_t line_adjusted(const x12_recon_line *l)
{
    return x12_recon_line_cents(l, X12_RECON_CENTS_CONTRACTUAL) +
           x12_recon_line_cents(l, X12_RECON_CENTS_OTHER);
}

static void html_out(FILE *fp, const stmt *v, size_t n, const char *as_of)
{
    size_t s, i;
    char a[48], d[32], z[40], ph[40], nm[256];

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>Patient statements</title>\n<style>\n"
          "@page { size: letter; margin: 0.6in; }\n"
          "* { box-sizing: border-box; }\n"
          "body { font-family: \"DejaVu Sans\", Arial, Helvetica, sans-serif; font-size: 10pt;"
          " color: #000; margin: 0; }\n"
          ".statement { break-after: page; page-break-after: always; }\n"
          ".statement:last-child { break-after: auto; page-break-after: auto; }\n"
          "@media screen { body { background: #eee; } .statement { background: #fff;"
          " max-width: 8.5in; margin: 1em auto; padding: 0.6in; } }\n"
          "header { display: flex; justify-content: space-between; align-items: flex-start;"
          " border-bottom: 2px solid #000; padding-bottom: 0.6em; }\n"
          "h1 { font-size: 18pt; margin: 0 0 0.3em; text-align: right; }\n"
          ".from strong { font-size: 12pt; }\n"
          "dl.summary { display: grid; grid-template-columns: auto auto; gap: 0.15em 1em;"
          " margin: 0; }\n"
          "dl.summary dt { font-weight: bold; text-align: right; }\n"
          "dl.summary dd { margin: 0; text-align: right; }\n"
          ".to { margin: 1.5em 0 1em; line-height: 1.4; }\n"
          "p.patient { margin: 0 0 0.8em; }\n"
          "table { width: 100%; border-collapse: collapse; margin-top: 0.5em; font-size: 9pt; }\n"
          "th, td { padding: 0.25em 0.3em; vertical-align: top; }\n"
          "thead th { border-bottom: 1px solid #000; text-align: left; font-size: 8pt; }\n"
          "th.n, td.n { text-align: right; white-space: nowrap; }\n"
          "td.c { white-space: nowrap; }\n"
          "tr.note td { color: #333; font-style: italic; padding-top: 0; border-bottom:"
          " 1px solid #ccc; }\n"
          "tbody.svc { break-inside: avoid; page-break-inside: avoid; }\n"
          "tbody.totals td { border-top: 2px solid #000; font-weight: bold; }\n"
          ".due { font-size: 14pt; font-weight: bold; }\n"
          ".total { margin-top: 1em; text-align: right; font-size: 13pt; }\n"
          ".fine { margin-top: 2em; font-size: 8.5pt; color: #333; }\n"
          "</style>\n</head>\n<body>\n",
          fp);
    for (s = 0; s < n; s++) {
        const stmt *st = &v[s];
        const x12_recon_claim *c0 = st->first;
        x12_str city = party(c0, X12_RECON_PARTY_PROVIDER_CITY);
        fputs("<section class=\"statement\">\n<header>\n<div class=\"from\"><strong>", fp);
        html(fp, party(c0, X12_RECON_PARTY_PROVIDER_NAME));
        fputs("</strong><br>", fp);
        html(fp, party(c0, X12_RECON_PARTY_PROVIDER_ADDRESS1));
        if (party(c0, X12_RECON_PARTY_PROVIDER_ADDRESS2).len) {
            fputs("<br>", fp);
            html(fp, party(c0, X12_RECON_PARTY_PROVIDER_ADDRESS2));
        }
        fputs("<br>", fp);
        html(fp, city);
        fputs(city.len ? ", " : "", fp);
        html(fp, party(c0, X12_RECON_PARTY_PROVIDER_STATE));
        fputs(" ", fp);
        zip_text(z, sizeof z, party(c0, X12_RECON_PARTY_PROVIDER_ZIP));
        html_s(fp, z);
        if (party(c0, X12_RECON_PARTY_PROVIDER_PHONE).len) {
            phone_text(ph, sizeof ph, party(c0, X12_RECON_PARTY_PROVIDER_PHONE));
            fputs("<br>Phone ", fp);
            html_s(fp, ph);
        }
        fputs("</div>\n<div>\n<h1>Statement</h1>\n<dl class=\"summary\">\n<dt>Statement date</dt>"
              "<dd>", fp);
        us_date(d, sizeof d, cs(as_of));
        html_s(fp, d);
        fputs("</dd>\n<dt>Amount due</dt><dd class=\"due\">$", fp);
        amount(a, sizeof a, st->due);
        html_s(fp, a);
        fputs("</dd>\n</dl>\n</div>\n</header>\n<div class=\"to\">", fp);
        full_name(nm, sizeof nm, party(c0, X12_RECON_PARTY_PATIENT_LAST_NAME),
                  party(c0, X12_RECON_PARTY_PATIENT_FIRST_NAME), party(c0, X12_RECON_PARTY_PATIENT_MIDDLE_NAME),
                  party(c0, X12_RECON_PARTY_PATIENT_SUFFIX));
        html_s(fp, nm);
        fputs("<br>", fp);
        html(fp, party(c0, X12_RECON_PARTY_ADDRESS1));
        if (party(c0, X12_RECON_PARTY_ADDRESS2).len) {
            fputs("<br>", fp);
            html(fp, party(c0, X12_RECON_PARTY_ADDRESS2));
        }
        fputs("<br>", fp);
        html(fp, party(c0, X12_RECON_PARTY_CITY));
        fputs(party(c0, X12_RECON_PARTY_CITY).len ? ", " : "", fp);
        html(fp, party(c0, X12_RECON_PARTY_STATE));
        fputs(" ", fp);
        zip_text(z, sizeof z, party(c0, X12_RECON_PARTY_ZIP));
        html_s(fp, z);
        fputs("</div>\n<p class=\"patient\">Patient: <strong>", fp);
        html_s(fp, nm);
        fputs("</strong>", fp);
        if (party(c0, X12_RECON_PARTY_PATIENT_BIRTH_DATE).len) {
            us_date(d, sizeof d, party(c0, X12_RECON_PARTY_PATIENT_BIRTH_DATE));
            fputs(", born ", fp);
            html_s(fp, d);
        }
        fputs("</p>\n<table>\n<thead><tr><th>Date</th><th>Service</th><th>Claim</th>"
              "<th class=\"n\">Charge</th><th class=\"n\">Insurance paid</th>"
              "<th class=\"n\">Adjustments</th><th class=\"n\">Your share</th>"
              "<th class=\"n\">You owe now</th></tr></thead>\n",
              fp);
        for (i = 0; i < st->nservices; i++) {
            const x12_recon_claim *c = st->services[i].c;
            const x12_recon_line *l = st->services[i].l;
            char sv[96];
            const char *why = x12_recon_line_patient_text(l);
            /* a service and its note stay on one page */
            fputs("<tbody class=\"svc\"><tr><td class=\"c\">", fp);
            us_date(d, sizeof d, x12_recon_line_get(l, X12_RECON_LINE_SERVICE_FROM));
            html_s(fp, d);
            fputs("</td><td class=\"c\">", fp);
            service_text(l, sv, sizeof sv);
            html_s(fp, sv);
            fputs("</td><td class=\"c\">", fp);
            html(fp, x12_recon_claim_get(c, X12_RECON_CLAIM_PCN));
            fputs("</td><td class=\"n\">", fp);
            amount(a, sizeof a, x12_recon_line_cents(l, X12_RECON_CENTS_CHARGED));
            html_s(fp, a);
            if (line_open(l)) {
                fputs("</td><td class=\"n\" colspan=\"4\">with your insurance</td></tr>\n",
                      fp);
            } else {
                fputs("</td><td class=\"n\">", fp);
                amount(a, sizeof a, x12_recon_line_cents(l, X12_RECON_CENTS_PAID));
                html_s(fp, a);
                fputs("</td><td class=\"n\">", fp);
                amount(a, sizeof a, line_adjusted(l));
                html_s(fp, a);
                fputs("</td><td class=\"n\">", fp);
                amount(a, sizeof a, x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT));
                html_s(fp, a);
                fputs("</td><td class=\"n\">", fp);
                amount(a, sizeof a, x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT_DUE));
                html_s(fp, a);
                fputs("</td></tr>\n", fp);
            }
            if (why[0] != '\0') {
                fputs("<tr class=\"note\"><td></td><td colspan=\"7\">", fp);
                html_s(fp, why);
                fputs("</td></tr>", fp);
            }
            fputs("</tbody>\n", fp);
        }
        /* totals in the body: a tfoot would be repeated on every page */
        fputs("<tbody class=\"totals\"><tr><td colspan=\"3\">Totals</td><td class=\"n\">", fp);
        amount(a, sizeof a, st->charged);
        html_s(fp, a);
        fputs("</td><td class=\"n\">", fp);
        amount(a, sizeof a, st->paid);
        html_s(fp, a);
        fputs("</td><td class=\"n\">", fp);
        amount(a, sizeof a, st->adjusted);
        html_s(fp, a);
        fputs("</td><td class=\"n\">", fp);
        amount(a, sizeof a, st->share);
        html_s(fp, a);
        fputs("</td><td class=\"n\">", fp);
        amount(a, sizeof a, st->owe_lines);
        html_s(fp, a);
        fputs("</td></tr></tbody>\n</table>\n", fp);
        if (st->paid_at_visit != 0) {
            fputs("<p class=\"total\">Paid at your visit: $", fp);
            amount(a, sizeof a, st->paid_at_visit);
            html_s(fp, a);
            fputs("</p>\n", fp);
        }
        fputs("<p class=\"total\">Total due: <span class=\"due\">$", fp);
        amount(a, sizeof a, st->due);
        html_s(fp, a);
        fputs("</span></p>\n<p class=\"fine\">Amounts marked as not owed now are with your "
              "insurance; we will send a new statement if that changes.", fp);
        if (party(c0, X12_RECON_PARTY_PROVIDER_PHONE).len) {
            fputs(" Questions about this statement? Call ", fp);
            html_s(fp, ph);
            fputs(".", fp);
        }
        fputs("</p>\n</section>\n", fp);
    }
    fputs("</body>\n</html>\n", fp);
}

/* JSON strings escaped as the library's writers do. */
static void jstr_fp(FILE *fp, x12_str v)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    putc('"', fp);
    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.ptr[i];
        if (c == '"' || c == '\\') {
            putc('\\', fp);
            putc(c, fp);
        } else if (c < 0x20 || c >= 0x7f) {
            fprintf(fp, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
        } else {
            putc(c, fp);
        }
    }
    putc('"', fp);
}

static void jkv(FILE *fp, const char *key, x12_str v, int comma)
{
    fprintf(fp, "%s\"%s\":", comma ? "," : "", key);
    jstr_fp(fp, v);
}

static void json_out(FILE *fp, const stmt *v, size_t n, const char *as_of)
{
    size_t s, i, k;

    fprintf(fp, "{\"as_of\":\"%s\",\"statements\":[", as_of);
    for (s = 0; s < n; s++) {
        const stmt *st = &v[s];
        const x12_recon_claim *c0 = st->first;
        static const struct {
            const char *key;
            x12_recon_party_field f;
        } pf[] = {{"last_name", X12_RECON_PARTY_PATIENT_LAST_NAME},
                  {"first_name", X12_RECON_PARTY_PATIENT_FIRST_NAME},
                  {"middle_name", X12_RECON_PARTY_PATIENT_MIDDLE_NAME},
                  {"suffix", X12_RECON_PARTY_PATIENT_SUFFIX},
                  {"birth_date", X12_RECON_PARTY_PATIENT_BIRTH_DATE},
                  {"address1", X12_RECON_PARTY_ADDRESS1},
                  {"address2", X12_RECON_PARTY_ADDRESS2},
                  {"city", X12_RECON_PARTY_CITY},
                  {"state", X12_RECON_PARTY_STATE},
                  {"zip", X12_RECON_PARTY_ZIP},
                  {"member_id", X12_RECON_PARTY_MEMBER_ID}},
          bf[] = {{"name", X12_RECON_PARTY_PROVIDER_NAME},
                  {"npi", X12_RECON_PARTY_PROVIDER_NPI},
                  {"address1", X12_RECON_PARTY_PROVIDER_ADDRESS1},
                  {"address2", X12_RECON_PARTY_PROVIDER_ADDRESS2},
                  {"city", X12_RECON_PARTY_PROVIDER_CITY},
                  {"state", X12_RECON_PARTY_PROVIDER_STATE},
                  {"zip", X12_RECON_PARTY_PROVIDER_ZIP},
                  {"phone", X12_RECON_PARTY_PROVIDER_PHONE}};
        fputs(s ? ",{" : "{", fp);
        fputs("\"patient\":{", fp);
        for (i = 0; i < sizeof pf / sizeof pf[0]; i++)
            jkv(fp, pf[i].key, party(c0, pf[i].f), i > 0);
        fputs("},\"provider\":{", fp);
        for (i = 0; i < sizeof bf / sizeof bf[0]; i++)
            jkv(fp, bf[i].key, party(c0, bf[i].f), i > 0);
        fputs("},\"services\":[", fp);
        for (k = 0; k < st->nservices; k++) {
            const x12_recon_claim *c = st->services[k].c;
            const x12_recon_line *l = st->services[k].l;
            fputs(k ? ",{" : "{", fp);
            jkv(fp, "claim", x12_recon_claim_get(c, X12_RECON_CLAIM_PCN), 0);
            fprintf(fp, ",\"line\":%zu", x12_recon_line_number(l));
            jkv(fp, "service_date", x12_recon_line_get(l, X12_RECON_LINE_SERVICE_FROM), 1);
            jkv(fp, "procedure", x12_recon_line_get(l, X12_RECON_LINE_PROCEDURE), 1);
            jkv(fp, "modifiers", x12_recon_line_get(l, X12_RECON_LINE_MODIFIERS), 1);
            jkv(fp, "revenue_code", x12_recon_line_get(l, X12_RECON_LINE_REVENUE_CODE), 1);
            fprintf(fp,
                    ",\"charge_cents\":%" PRId64 ",\"insurance_paid_cents\":%" PRId64
                    ",\"adjustments_cents\":%" PRId64 ",\"patient_share_cents\":%" PRId64
                    ",\"owed_now_cents\":%" PRId64,
                    x12_recon_line_cents(l, X12_RECON_CENTS_CHARGED),
                    x12_recon_line_cents(l, X12_RECON_CENTS_PAID), line_adjusted(l),
                    x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT),
                    x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT_DUE));
            jkv(fp, "state", cs(x12_recon_state_name(x12_recon_line_state(l))), 1);
            jkv(fp, "remark", cs(x12_recon_line_patient_text(l)), 1);
            putc('}', fp);
        }
        fprintf(fp,
                "],\"totals\":{\"charge_cents\":%" PRId64 ",\"insurance_paid_cents\":%" PRId64
                ",\"adjustments_cents\":%" PRId64 ",\"patient_share_cents\":%" PRId64
                ",\"paid_at_visit_cents\":%" PRId64 ",\"due_cents\":%" PRId64 "}}",
                st->charged, st->paid, st->adjusted, st->share, st->paid_at_visit, st->due);
    }
    fputs("]}\n", fp);
}

static void text_out(FILE *fp, const stmt *v, size_t n, const char *as_of)
{
    size_t s, i;
    char a[5][48], d[32], z[40], nm[256];

    for (s = 0; s < n; s++) {
        const stmt *st = &v[s];
        const x12_recon_claim *c0 = st->first;
        x12_str pn = party(c0, X12_RECON_PARTY_PROVIDER_NAME);
        if (s)
            fputs("\n\f\n", fp);
        us_date(d, sizeof d, cs(as_of));
        fprintf(fp, "STATEMENT from %.*s, %s\n", (int)pn.len, pn.ptr, d);
        full_name(nm, sizeof nm, party(c0, X12_RECON_PARTY_PATIENT_LAST_NAME),
                  party(c0, X12_RECON_PARTY_PATIENT_FIRST_NAME), party(c0, X12_RECON_PARTY_PATIENT_MIDDLE_NAME),
                  party(c0, X12_RECON_PARTY_PATIENT_SUFFIX));
        zip_text(z, sizeof z, party(c0, X12_RECON_PARTY_ZIP));
        fprintf(fp, "To: %s, %.*s, %.*s %.*s %s\n\n", nm,
                (int)party(c0, X12_RECON_PARTY_ADDRESS1).len, party(c0, X12_RECON_PARTY_ADDRESS1).ptr,
                (int)party(c0, X12_RECON_PARTY_CITY).len, party(c0, X12_RECON_PARTY_CITY).ptr,
                (int)party(c0, X12_RECON_PARTY_STATE).len, party(c0, X12_RECON_PARTY_STATE).ptr, z);
        fprintf(fp, "%-10s  %-10s  %-14s %10s %10s %10s %10s %10s\n", "Date", "Service", "Claim",
                "Charge", "Ins. paid", "Adjusted", "Your share", "Owe now");
        for (i = 0; i < st->nservices; i++) {
            const x12_recon_claim *c = st->services[i].c;
            const x12_recon_line *l = st->services[i].l;
            x12_str pcn = x12_recon_claim_get(c, X12_RECON_CLAIM_PCN);
            char sv[96];
            service_text(l, sv, sizeof sv);
            us_date(d, sizeof d, x12_recon_line_get(l, X12_RECON_LINE_SERVICE_FROM));
            amount(a[0], sizeof a[0], x12_recon_line_cents(l, X12_RECON_CENTS_CHARGED));
            amount(a[1], sizeof a[1], x12_recon_line_cents(l, X12_RECON_CENTS_PAID));
            amount(a[2], sizeof a[2], line_adjusted(l));
            amount(a[3], sizeof a[3], x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT));
            amount(a[4], sizeof a[4], x12_recon_line_cents(l, X12_RECON_CENTS_PATIENT_DUE));
            if (line_open(l))
                fprintf(fp, "%-10s  %-10s  %-14.*s %10s   with your insurance\n", d, sv,
                        (int)(pcn.len < 14 ? pcn.len : 14), pcn.ptr, a[0]);
            else
                fprintf(fp, "%-10s  %-10s  %-14.*s %10s %10s %10s %10s %10s\n", d, sv,
                        (int)(pcn.len < 14 ? pcn.len : 14), pcn.ptr, a[0], a[1], a[2], a[3],
                        a[4]);
            if (x12_recon_line_patient_text(l)[0] != '\0')
                fprintf(fp, "            %s\n", x12_recon_line_patient_text(l));
        }
        if (st->paid_at_visit != 0) {
            amount(a[0], sizeof a[0], st->paid_at_visit);
            fprintf(fp, "Paid at your visit: %s\n", a[0]);
        }
        amount(a[0], sizeof a[0], st->due);
        fprintf(fp, "TOTAL DUE: %s\n", a[0]);
    }
}

int cmd_statements(int argc, char **argv);
int cmd_statements(int argc, char **argv)
{
    static const optdef defs[] = {{"--html", 0},   {"--json", 0},      {"--text", 0},
                                  {"--output", 1}, {"-o", 1},          {"--force", 0},
                                  {"--all", 0},    {"--claims", 0},    {"--remits", 0},
                                  {"--acks", 0},   {"--as-of", 1},     {"--rules", 1},
                                  {"--follow-up-days", 1}, {NULL, 0}};
    args a = {"statements", defs, argc, argv, 1, 0};
    recon_cli rc;
    const char *opt, *val, *file, *out_path = NULL;
    int k, fmt = 0, force = 0, all = 0, status;
    stmt *v = NULL;
    size_t i, n = 0, nstmt = 0;
    char as_of[16];
    FILE *fp = stdout;
    outfile of;

    memset(&rc, 0, sizeof rc);
    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            if (recon_cli_file(&rc, "statements", file) != 0) {
                recon_cli_free(&rc);
                return EXIT_USAGE;
            }
            continue;
        }
        if (strcmp(opt, "--help") == 0) {
            fputs(statements_usage, stdout);
            recon_cli_free(&rc);
            return 0;
        }
        if ((k = recon_cli_option(&rc, "statements", opt, val)) != 0) {
            if (k < 0) {
                recon_cli_free(&rc);
                return EXIT_USAGE;
            }
            continue;
        }
        if (strcmp(opt, "--html") == 0)
            fmt = 0;
        else if (strcmp(opt, "--json") == 0)
            fmt = 1;
        else if (strcmp(opt, "--text") == 0)
            fmt = 2;
        else if (strcmp(opt, "--output") == 0 || strcmp(opt, "-o") == 0)
            out_path = val;
        else if (strcmp(opt, "--force") == 0)
            force = 1;
        else if (strcmp(opt, "--all") == 0)
            all = 1;
    }
    if (k == -2) {
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    if (out_path != NULL && outfile_check("statements", out_path, force) != 0) {
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    status = recon_cli_run(&rc, "statements", 1);
    if (status == EXIT_USAGE) {
        recon_cli_free(&rc);
        return status;
    }
    recon_cli_as_of(&rc, as_of, sizeof as_of);

    /* statements in patient order (patients are numbered in claim order) */
    n = x12_recon_patient_count(rc.r);
    v = calloc(n ? n : 1, sizeof *v);
    if (v == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        exit(EXIT_USAGE);
    }
    for (i = 0; i < x12_recon_claim_count(rc.r); i++) {
        const x12_recon_claim *c = x12_recon_claim_at(rc.r, i);
        size_t p = x12_recon_claim_patient(c), l;
        stmt *st;
        if (p >= n)
            continue;
        st = &v[p];
        st->patient = p;
        if (st->first == NULL)
            st->first = c;
        st->due += x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_DUE);
        st->paid_at_visit += x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT_PAID);
        for (l = 0; l < x12_recon_claim_line_count(c); l++) {
            const x12_recon_line *ln = x12_recon_claim_line_at(c, l);
            svc *e = vec_push((void **)&st->services, &st->nservices, &st->cap, sizeof *e);
            e->c = c;
            e->l = ln;
            st->charged += x12_recon_line_cents(ln, X12_RECON_CENTS_CHARGED);
            if (line_open(ln))
                continue;
            st->paid += x12_recon_line_cents(ln, X12_RECON_CENTS_PAID);
            st->adjusted += line_adjusted(ln);
            st->share += x12_recon_line_cents(ln, X12_RECON_CENTS_PATIENT);
            st->owe_lines += x12_recon_line_cents(ln, X12_RECON_CENTS_PATIENT_DUE);
        }
    }
    /* keep those who owe (or everyone with --all), in order */
    for (i = 0; i < n; i++) {
        if (v[i].first == NULL || (!all && v[i].due <= 0)) {
            free(v[i].services);
            continue;
        }
        qsort(v[i].services, v[i].nservices, sizeof *v[i].services, cmp_svc);
        v[nstmt++] = v[i];
    }
    if (out_path != NULL) {
        if (outfile_open(&of, "statements", out_path, force) != 0) {
            status = EXIT_USAGE;
            goto done;
        }
        fp = of.fp;
    }
    if (fmt == 0)
        html_out(fp, v, nstmt, as_of);
    else if (fmt == 1)
        json_out(fp, v, nstmt, as_of);
    else
        text_out(fp, v, nstmt, as_of);
    if (out_path != NULL) {
        if (outfile_commit(&of, "statements") != 0)
            status = EXIT_USAGE;
        else
            fprintf(stderr, "%s: statements: %zu statement%s written to %s\n", progname, nstmt,
                    nstmt == 1 ? "" : "s", out_path);
    } else if (output_failed()) {
        status = EXIT_USAGE;
    }
done:
    for (i = 0; i < nstmt; i++)
        free(v[i].services);
    free(v);
    status = worst(status, rc.status);
    recon_cli_free(&rc);
    return status;
}
