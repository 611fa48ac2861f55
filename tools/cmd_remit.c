/*
 * x12 remit - 835 remittances as JSON or JSON Lines, CSV in three grains
 * (both written by the library: x12_remit_json_*, x12_remit_csv_*) or a
 * short text summary.  Streams: one claim is held at a time, so memory
 * stays flat on any file size.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/remit835.h>

#include "cli.h"

extern const char remit_usage[];
const char remit_usage[] =
    "Usage: x12 remit [--text [--claims] | --json | --jsonl | --csv[=GRAIN]] FILE...\n"
    "Read 835 remittances: payments, claims, service lines, adjustments and\n"
    "denials, with balancing checks.  FILE may be '-' for standard input (the\n"
    "default when no FILE is given) and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --text            a short summary per payment (the default)\n"
    "  --claims          with --text: one line per claim as well, and under a\n"
    "                    denied or partly paid claim its reasons (CARC, summed\n"
    "                    per group and code) and remark codes (RARC)\n"
    "  --json            one JSON document {\"payments\": [...]}: compact (keys\n"
    "                    without a value are left out), amounts in integer\n"
    "                    cents in keys named *_cents\n"
    "  --jsonl           JSON Lines: a line per payment (\"type\":\"payment\"),\n"
    "                    per claim (\"type\":\"claim\") and per payment end\n"
    "                    (\"type\":\"payment_end\": totals, PLB, balance)\n"
    "  --describe        with --json or --jsonl: add the descriptions of codes\n"
    "                    (status_text, reason_text, a remark's text)\n"
    "  --csv[=GRAIN]     CSV with a header row, amounts in dollars; GRAIN is\n"
    "                    lines (the default: one row per service line, ready\n"
    "                    for payment posting), claims (one row per claim) or\n"
    "                    adjustments (one row per CAS adjustment)\n"
    "  --max-diagnostics=N  print at most N diagnostics per file (default 100;\n"
    "                    0 prints all), then how many more there were\n"
    "  -h, --help        show this help\n"
    "\n"
    "x12(1) lists every JSON key and CSV column; specs/remit-json.schema.json\n"
    "is the JSON Schema.  Balancing problems are printed as warnings and do\n"
    "not change the exit status.  Exit status: 0 ok, 1 the input has errors\n"
    "or holds no 835, 2 usage or I/O error.\n";

enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_CSV };

/* ---- small output helpers ------------------------------------------------ */

static const char *code_text(x12_remit_codeset set, x12_str code)
{
    const char *t = x12_remit_code_text(set, code.ptr, code.len);

    return t != NULL ? t : "";
}

/* ---- text summary ------------------------------------------------------ */

typedef struct reason_tally {
    char code[24]; /* "CO-45" */
    uint64_t count;
    int64_t cents;
} reason_tally;

typedef struct text_state {
    uint64_t count[8];
    int64_t paid[8];
    int64_t charge, paid_total, patient;
    reason_tally *reasons;
    size_t nreasons, capreasons;
    int list_claims; /* --claims: a line per claim */
} text_state;

/* Counts an adjustment under its "CO-45" in the list *rs (n entries, room
 * for cap), adding the entry when it is new. */
static void tally_reason(reason_tally **rs, size_t *n, size_t *cap,
                         const x12_remit_adjustment *a)
{
    x12_str g = x12_remit_adjustment_group(a), r = x12_remit_adjustment_reason(a);
    char code[24];
    size_t i;
    reason_tally *rt;

    snprintf(code, sizeof code, "%.*s-%.*s", (int)(g.len > 4 ? 4 : g.len), g.ptr,
             (int)(r.len > 8 ? 8 : r.len), r.ptr);
    for (i = 0; i < *n; i++)
        if (strcmp((*rs)[i].code, code) == 0)
            break;
    if (i == *n) {
        rt = vec_push((void **)rs, n, cap, sizeof *rt);
        memcpy(rt->code, code, sizeof code);
    }
    (*rs)[i].count++;
    (*rs)[i].cents += x12_remit_adjustment_amount_cents(a);
}

/* The CARC text of a tally's "CO-45" code, NULL when unknown. */
static const char *tally_text(const reason_tally *rt)
{
    const char *dash = strchr(rt->code, '-');

    return dash != NULL ? x12_remit_code_text(X12_CODESET_CARC, dash + 1, strlen(dash + 1))
                        : NULL;
}

/* Adds a remark code to a claim's list unless it is there already. */
static void remark_once(x12_str *codes, size_t *n, x12_str code)
{
    size_t i;
    x12_str *slot;

    for (i = 0; i < *n; i++)
        if (codes[i].len == code.len && memcmp(codes[i].ptr, code.ptr, code.len) == 0)
            return;
    slot = &codes[(*n)++];
    *slot = code;
}

/* --claims: the claim's line, then for a denial or partial payment its
 * reasons (summed per group and code) and remark codes, each with its
 * meaning. */
static void text_claim_line(const x12_remit_claim *c)
{
    reason_tally *rs = NULL;
    size_t nrs = 0, caprs = 0, i, j, nrem = 0, caprem = 0;
    x12_str *rem;
    x12_str pcn = x12_remit_claim_patient_control_number(c);
    x12_remit_outcome o = x12_remit_claim_outcome(c);
    char b1[32], b2[32], b3[32];

    printf("  claim %-18.*s %-15s charged %s, paid %s, patient owes %s\n", (int)pcn.len,
           pcn.ptr, x12_remit_outcome_name(o),
           dollars(b1, sizeof b1, x12_remit_claim_charge_cents(c)),
           dollars(b2, sizeof b2, x12_remit_claim_paid_cents(c)),
           dollars(b3, sizeof b3, x12_remit_claim_patient_resp_cents(c)));
    if (x12_remit_claim_denial_reason_count(c) == 0)
        return;
    for (i = 0; i < x12_remit_claim_denial_reason_count(c); i++)
        tally_reason(&rs, &nrs, &caprs, x12_remit_claim_denial_reason_at(c, i));
    for (i = 0; i < nrs; i++) {
        const char *txt = tally_text(&rs[i]);

        printf("      %-8s %10s  %s\n", rs[i].code, dollars(b1, sizeof b1, rs[i].cents),
               txt != NULL ? txt : "");
    }
    /* Remark codes: the claim's (MIA/MOA), then the lines' (LQ), once each. */
    caprem = x12_remit_claim_remark_count(c);
    for (i = 0; i < x12_remit_claim_service_count(c); i++)
        caprem += x12_remit_service_remark_count(x12_remit_claim_service_at(c, i));
    rem = xmalloc((caprem ? caprem : 1) * sizeof *rem);
    for (i = 0; i < x12_remit_claim_remark_count(c); i++)
        remark_once(rem, &nrem, x12_remit_remark_code(x12_remit_claim_remark_at(c, i)));
    for (i = 0; i < x12_remit_claim_service_count(c); i++) {
        const x12_remit_service *sv = x12_remit_claim_service_at(c, i);

        for (j = 0; j < x12_remit_service_remark_count(sv); j++)
            remark_once(rem, &nrem,
                        x12_remit_remark_code(x12_remit_service_remark_at(sv, j)));
    }
    for (i = 0; i < nrem; i++) {
        const char *txt = code_text(X12_CODESET_RARC, rem[i]);

        printf("      %-8.*s %10s  %s\n", (int)(rem[i].len > 8 ? 8 : rem[i].len), rem[i].ptr,
               "remark", txt != NULL ? txt : "");
    }
    free(rem);
    free(rs);
}

static void text_claim(text_state *t, const x12_remit_claim *c)
{
    unsigned o = (unsigned)x12_remit_claim_outcome(c);
    size_t i;

    if (o < 8) {
        t->count[o]++;
        t->paid[o] += x12_remit_claim_paid_cents(c);
    }
    t->charge += x12_remit_claim_charge_cents(c);
    t->paid_total += x12_remit_claim_paid_cents(c);
    t->patient += x12_remit_claim_patient_resp_cents(c);
    if (t->list_claims)
        text_claim_line(c);
    for (i = 0; i < x12_remit_claim_denial_reason_count(c); i++)
        tally_reason(&t->reasons, &t->nreasons, &t->capreasons,
                     x12_remit_claim_denial_reason_at(c, i));
}

static void text_payment_begin(const char *file, const x12_remit_payment *p)
{
    const x12_remit_name *payer = x12_remit_payment_payer(p), *payee = x12_remit_payment_payee(p);
    char b[32];

    printf("%s: payment %zu (ST %.*s)\n", file, x12_remit_payment_index(p) + 1,
           (int)x12_remit_payment_get(p, X12_RP_CONTROL_NUMBER).len,
           x12_remit_payment_get(p, X12_RP_CONTROL_NUMBER).ptr);
    printf("  amount        %s %s via ", dollars(b, sizeof b, x12_remit_payment_amount_cents(p)),
           x12_remit_payment_get(p, X12_RP_CREDIT_DEBIT).len > 0 &&
                   x12_remit_payment_get(p, X12_RP_CREDIT_DEBIT).ptr[0] == 'D'
               ? "debit"
               : "credit");
    put_view(x12_remit_payment_method(p));
    fputs(" on ", stdout);
    put_view(x12_remit_payment_date(p));
    fputs(", trace ", stdout);
    put_view(x12_remit_payment_trace_number(p));
    putchar('\n');
    fputs("  payer         ", stdout);
    put_view(x12_remit_name_get(payer, X12_RN_NAME));
    putchar('\n');
    fputs("  payee         ", stdout);
    put_view(x12_remit_name_get(payee, X12_RN_NAME));
    if (x12_remit_name_get(payee, X12_RN_ID).len > 0) {
        fputs(" (", stdout);
        put_view(x12_remit_name_get(payee, X12_RN_ID_QUALIFIER));
        putchar(' ');
        put_view(x12_remit_name_get(payee, X12_RN_ID));
        putchar(')');
    }
    putchar('\n');
}

static int by_amount(const void *a, const void *b)
{
    const reason_tally *x = a, *y = b;

    if (x->cents != y->cents)
        return x->cents < y->cents ? 1 : -1;
    return strcmp(x->code, y->code);
}

static void text_payment_end(text_state *t, const x12_remit_payment *p)
{
    static const x12_remit_outcome order[] = {X12_REMIT_PAID,      X12_REMIT_PARTIAL,
                                              X12_REMIT_DENIED,    X12_REMIT_NO_PAYMENT,
                                              X12_REMIT_REVERSED,  X12_REMIT_FORWARDED,
                                              X12_REMIT_PREDETERMINATION};
    char b1[32], b2[32], b3[32];
    size_t i;

    printf("  claims        %" PRIu64 " (%" PRIu64 " service lines): charged %s, paid %s, "
           "patient responsibility %s\n",
           x12_remit_payment_claim_total(p), x12_remit_payment_line_total(p),
           dollars(b1, sizeof b1, t->charge), dollars(b2, sizeof b2, t->paid_total),
           dollars(b3, sizeof b3, t->patient));
    for (i = 0; i < sizeof order / sizeof order[0]; i++) {
        unsigned o = (unsigned)order[i];

        if (t->count[o] == 0)
            continue;
        printf("    %-18s %6" PRIu64 "  paid %s\n", x12_remit_outcome_name(order[i]), t->count[o],
               dollars(b1, sizeof b1, t->paid[o]));
    }
    if (x12_remit_payment_plb_count(p) > 0) {
        printf("  provider adj. %s in %zu entr%s:", dollars(b1, sizeof b1,
                                                         x12_remit_payment_plb_total_cents(p)),
               x12_remit_payment_plb_count(p), x12_remit_payment_plb_count(p) == 1 ? "y" : "ies");
        for (i = 0; i < x12_remit_payment_plb_count(p); i++) {
            const x12_remit_plb *b = x12_remit_payment_plb_at(p, i);

            putchar(' ');
            put_view(x12_remit_plb_reason(b));
            printf(" %s", dollars(b1, sizeof b1, x12_remit_plb_amount_cents(b)));
        }
        putchar('\n');
    }
    printf("  balance       %s\n",
           x12_remit_payment_balanced(p) ? "BPR02 = claim payments - provider adjustments"
                                         : "DOES NOT BALANCE (see the warnings)");
    if (t->nreasons > 0) {
        qsort(t->reasons, t->nreasons, sizeof *t->reasons, by_amount);
        printf("  top denial reasons\n");
        for (i = 0; i < t->nreasons && i < 5; i++) {
            const char *txt = tally_text(&t->reasons[i]);

            printf("    %-8s %4" PRIu64 "x %12s  %s\n", t->reasons[i].code, t->reasons[i].count,
                   dollars(b1, sizeof b1, t->reasons[i].cents), txt != NULL ? txt : "");
        }
    }
    putchar('\n');
    free(t->reasons);
    {
        int list = t->list_claims;

        memset(t, 0, sizeof *t);
        t->list_claims = list;
    }
}

/* ---- the verb -------------------------------------------------------------- */

typedef struct remit_run {
    int mode;
    int list_claims;      /* --text --claims */
    x12_remit_csv_grain grain;
    uint64_t max_diags;   /* printed per file; 0: all */
    x12_remit_json *json;
    x12_remit_csv *csv;
} remit_run;

/* What one file's diagnostics came to. */
typedef struct diag_state {
    input *in;
    uint64_t max, seen, errors, warnings, not_835;
} diag_state;

/* Every diagnostic is counted as the stream finds it (the stream keeps
 * only a bounded number of them); the first max are printed. */
static void on_diag(void *user, const x12_error *e)
{
    diag_state *d = user;

    if (strcmp(x12_error_rule(e), "not-835") == 0)
        d->not_835++;
    if (d->max == 0 || d->seen < d->max) {
        d->seen++;
        report(d->in, e);
        return;
    }
    d->seen++;
    if (x12_error_severity(e) == X12_SEV_WARNING) {
        d->warnings++;
    } else {
        d->errors++;
        d->in->status = worst(d->in->status, EXIT_DATA);
    }
}

/* Hands what the writer has written to stdout once there is enough of it
 * (one large write, not one per claim). */
static void drain(remit_run *run, size_t at_least)
{
    size_t len;
    const char *data = run->json != NULL ? x12_remit_json_data(run->json, &len)
                                         : x12_remit_csv_data(run->csv, &len);

    if (len >= at_least && len > 0) {
        fwrite(data, 1, len, stdout);
        if (run->json != NULL)
            x12_remit_json_clear(run->json);
        else
            x12_remit_csv_clear(run->csv);
    }
}

static void write_event(input *in, remit_run *run, x12_remit_stream *s, x12_remit_event ev)
{
    x12_status st = run->json != NULL ? x12_remit_json_event(run->json, s, ev)
                                      : x12_remit_csv_event(run->csv, s, ev);

    if (st != X12_OK) {
        fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
        exit(EXIT_USAGE);
    }
    drain(run, 256 * 1024);
}

static void remit_file(input *in, remit_run *run)
{
    x12_remit_stream *s;
    x12_remit_event ev;
    x12_status st;
    text_state ts;
    diag_state ds;
    uint64_t payments = 0;

    memset(&ts, 0, sizeof ts);
    ts.list_claims = run->list_claims;
    memset(&ds, 0, sizeof ds);
    ds.in = in;
    ds.max = run->max_diags;
    if (x12_remit_stream_new(NULL, in->r, &s) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, in->name);
        in->status = EXIT_USAGE;
        return;
    }
    x12_remit_stream_set_error_handler(s, on_diag, &ds);
    while ((st = x12_remit_stream_next(s, &ev)) == X12_OK) {
        const x12_remit_payment *p = x12_remit_stream_payment(s);

        progress_tick(in); /* once per claim: the line redraws as claims come */
        if (ev == X12_REMIT_EV_PAYMENT)
            payments++;
        if (run->mode != OUT_TEXT)
            write_event(in, run, s, ev);
        else if (ev == X12_REMIT_EV_PAYMENT)
            text_payment_begin(in->name, p);
        else if (ev == X12_REMIT_EV_CLAIM)
            text_claim(&ts, x12_remit_stream_claim(s));
        else
            text_payment_end(&ts, p);
        if (ferror(stdout))
            break;
    }
    if (st != X12_OK && st != X12_END) {
        const x12_error *e = x12_remit_stream_last_error(s);

        if (st == X12_EIO) {
            fprintf(stderr, "%s: %s: read error: %s\n", progname, in->name,
                    e != NULL ? x12_error_message(e) : x12_strerror(st));
            in->status = EXIT_USAGE;
        } else if (e != NULL) {
            report(in, e);
            /* Out of memory is no finding about the input: exit 2. */
            in->status = worst(in->status, st == X12_ENOMEM ? EXIT_USAGE : EXIT_DATA);
        } else {
            fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
            in->status = worst(in->status, EXIT_DATA);
        }
    }
    if (ds.errors + ds.warnings > 0) {
        progress_clear();
        fprintf(stderr,
                "%s: %s: %" PRIu64 " more diagnostics not shown (%" PRIu64 " errors, %" PRIu64
                " warnings); --max-diagnostics=0 shows all\n",
                progname, in->name, ds.errors + ds.warnings, ds.errors, ds.warnings);
    }
    /* An 837, a 999, ...: say so rather than print nothing. */
    if (payments == 0 && in->status != EXIT_USAGE) {
        progress_clear();
        if (ds.not_835 > 0)
            fprintf(stderr,
                    "%s: %s: not an 835: no 835 transaction set in the file (%" PRIu64
                    " other set%s skipped); x12 remit reads 835 remittances\n",
                    progname, in->name, ds.not_835, ds.not_835 == 1 ? "" : "s");
        else
            fprintf(stderr, "%s: %s: not an 835: no 835 transaction set in the file\n",
                    progname, in->name);
        in->status = worst(in->status, EXIT_DATA);
    }
    free(ts.reasons);
    x12_remit_stream_free(s);
}

int cmd_remit(int argc, char **argv);

int cmd_remit(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0},     {"--jsonl", 0},
                                  {"--csv", 2},      {"--text", 0},
                                  {"--claims", 0},   {"--describe", 0},
                                  {"--max-diagnostics", 1}, {NULL, 0}};
    args a = {"remit", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i;
    int k, status = 0, describe = 0;
    remit_run run;

    memset(&run, 0, sizeof run);
    run.mode = OUT_TEXT;
    run.max_diags = 100;
    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(remit_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--json") == 0) {
            run.mode = OUT_JSON;
        } else if (strcmp(opt, "--jsonl") == 0) {
            run.mode = OUT_JSONL;
        } else if (strcmp(opt, "--csv") == 0) {
            run.mode = OUT_CSV;
            if (val == NULL || strcmp(val, "lines") == 0) {
                run.grain = X12_REMIT_CSV_LINES;
            } else if (strcmp(val, "claims") == 0) {
                run.grain = X12_REMIT_CSV_CLAIMS;
            } else if (strcmp(val, "adjustments") == 0) {
                run.grain = X12_REMIT_CSV_ADJUSTMENTS;
            } else {
                usage_error("remit", "--csv=%s: the grain is lines, claims or adjustments",
                            val);
                k = -2;
                break;
            }
        } else if (strcmp(opt, "--text") == 0) {
            run.mode = OUT_TEXT;
        } else if (strcmp(opt, "--claims") == 0) {
            run.list_claims = 1;
        } else if (strcmp(opt, "--describe") == 0) {
            describe = 1;
        } else if (strcmp(opt, "--max-diagnostics") == 0) {
            if (parse_count(val, &run.max_diags) != 0) {
                usage_error("remit", "--max-diagnostics needs a number, got '%s'", val);
                k = -2;
                break;
            }
        }
    }
    if (k != -2 && run.list_claims && run.mode != OUT_TEXT) {
        usage_error("remit", "--claims goes with --text (JSON and CSV list every claim)");
        k = -2;
    }
    if (k != -2 && describe && run.mode != OUT_JSON && run.mode != OUT_JSONL) {
        usage_error("remit", "--describe goes with --json or --jsonl");
        k = -2;
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (run.mode == OUT_JSON || run.mode == OUT_JSONL) {
        unsigned flags = (run.mode == OUT_JSONL ? X12_REMIT_JSON_LINES : 0u) |
                         (describe ? X12_REMIT_JSON_DESCRIBE : 0u);

        if (x12_remit_json_new(NULL, flags, &run.json) != X12_OK) {
            fprintf(stderr, "%s: out of memory\n", progname);
            free(files);
            return EXIT_USAGE;
        }
    } else if (run.mode == OUT_CSV) {
        if (x12_remit_csv_new(NULL, run.grain, &run.csv) != X12_OK) {
            fprintf(stderr, "%s: out of memory\n", progname);
            free(files);
            return EXIT_USAGE;
        }
    }
    for (i = 0; i < nfiles; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        /* --json names the file in each payment; JSON Lines in every line
         * when there are several files (payment indexes restart in each). */
        if ((run.json != NULL && (run.mode == OUT_JSON || nfiles > 1) &&
             x12_remit_json_set_file(run.json, in.name) != X12_OK) ||
            (run.csv != NULL && x12_remit_csv_set_file(run.csv, in.name) != X12_OK)) {
            fprintf(stderr, "%s: out of memory\n", progname);
            exit(EXIT_USAGE);
        }
        remit_file(&in, &run);
        input_close(&in);
        status = worst(status, in.status);
        if (run.mode != OUT_TEXT)
            drain(&run, 0);
        if (output_failed()) {
            status = EXIT_USAGE;
            break;
        }
    }
    if (run.json != NULL && status != EXIT_USAGE &&
        x12_remit_json_finish(run.json) == X12_OK)
        drain(&run, 0);
    if (run.csv != NULL && status != EXIT_USAGE)
        drain(&run, 0); /* the header row when no file could be read */
    x12_remit_json_free(run.json);
    x12_remit_csv_free(run.csv);
    free(files);
    if (output_failed())
        return EXIT_USAGE;
    return status;
}
