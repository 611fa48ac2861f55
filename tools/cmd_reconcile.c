/*
 * x12 reconcile - the 837 claims sent joined with the 835 remittances (and
 * 277CA answers) that came back: per claim its state, next action, money
 * and reasons, a worklist, and aging by payer (include/x12/recon.h).
 *
 * x12 statements (cmd_statements.c) shares the reading part: recon_cli_*.
 *
 * The outputs carry patient control numbers (the worklist is useless
 * without them); messages on stderr never do.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <x12/claimread.h>
#include <x12/recon.h>

#include "cli.h"
#include "recon_cli.h"
#include "cmd_build_txn.h"

extern const char reconcile_usage[];
const char reconcile_usage[] =
    "Usage: x12 reconcile [OPTIONS] --claims FILE... --remits FILE... [--acks FILE...]\n"
    "Join the 837P/837I claims sent with the 835 remittances that came back: for\n"
    "each claim its state (paid, partially_paid, denied, reversed, forwarded,\n"
    "rejected, pending; unmatched for remittances of claims no 837 holds), the\n"
    "money (charged = paid + contractual + patient + other, or unbalanced), the\n"
    "adjustment reasons and the next action (correct_and_resubmit, appeal,\n"
    "follow_up, bill_secondary, bill_patient, write_off, none) with its reason,\n"
    "and the unpaid balance by payer and age.  Files may come in any order and\n"
    "may be gzip-compressed ('-' is standard input, once); they are ordered by\n"
    "their own dates (837 BHT04, 835 DTM*405 or BPR16).\n"
    "\n"
    "Inputs (each option takes the files after it):\n"
    "  --claims FILE...  837P and 837I files sent\n"
    "  --remits FILE...  835 remittances received\n"
    "  --acks FILE...    277CA acknowledgments (and 277 answers): rejected claims\n"
    "\n"
    "Output (on standard output):\n"
    "  --text            the worklist by next action, states, unmatched\n"
    "                    remittances and aging (the default)\n"
    "  --json            one JSON document: claims, unmatched, aging, totals\n"
    "  --jsonl           one JSON object per line (\"record\": claim, unmatched,\n"
    "                    aging, totals)\n"
    "  --csv             one row per claim (unmatched ones after them)\n"
    "  --table=NAME      with --csv or --jsonl, one table: claims, lines, reasons,\n"
    "                    remits, aging or unmatched\n"
    "\n"
    "Options:\n"
    "  --as-of=CCYYMMDD  count days and aging to this date (default: today)\n"
    "  --rules=FILE      rules consulted before the built-in ones\n"
    "                    (specs/recon-rules.xsd; --print-rules shows the built-in)\n"
    "  --follow-up-days=N  days without an answer before a follow-up (default:\n"
    "                    the rules', 30)\n"
    "  --rebuild-corrected=OUT.837  write the replacement claims (frequency 7,\n"
    "                    REF*F8 = the payer's claim number) of every claim to\n"
    "                    correct and resubmit, built with the claim builder\n"
    "  --status-requests=OUT.276  write a claim status request (276) asking about\n"
    "                    every claim pending past its follow-up days, one\n"
    "                    interchange per 837 read, dated the as-of date\n"
    "  --force           let --rebuild-corrected or --status-requests replace an\n"
    "                    existing file\n"
    "  --print-rules     print the built-in rules file and exit\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 ok, 1 an input has errors (each reported on stderr as\n"
    "FILE:SEGNO:SEGID: message), 2 usage or I/O error.\n";

/* ---- money and dates ----------------------------------------------------------------- */

void recon_cli_money(char *buf, size_t size, int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

    snprintf(buf, size, "%s%" PRIu64 ".%02u", c < 0 ? "-" : "", m / 100u, (unsigned)(m % 100u));
}

void recon_cli_date(char *buf, size_t size, x12_str d)
{
    if (d.len == 8)
        snprintf(buf, size, "%.4s-%.2s-%.2s", d.ptr, d.ptr + 4, d.ptr + 6);
    else
        snprintf(buf, size, "%.*s", (int)(d.len < 16 ? d.len : 16), d.ptr);
}

/* ---- reading the inputs (shared with x12 statements) --------------------------------------- */

static void on_diag(void *user, const x12_error *e, size_t source)
{
    recon_cli *rc = user;
    char small[512];
    char *buf = small;
    size_t n = x12_error_format(e, small, sizeof small);
    const char *name = source < rc->nnames ? rc->names[source] : progname;
    const char *sep;

    progress_clear();
    if (n >= sizeof small) {
        buf = xmalloc(n + 1);
        x12_error_format(e, buf, n + 1);
    }
    if (x12_error_severity(e) == X12_SEV_WARNING) {
        rc->warnings++;
        sep = strstr(buf, ": ");
        if (sep != NULL)
            fprintf(stderr, "%s:%.*s: warning: %s\n", name, (int)(sep - buf), buf, sep + 2);
        else
            fprintf(stderr, "%s:%s: warning\n", name, buf);
    } else {
        rc->errors++;
        rc->status = worst(rc->status, EXIT_DATA);
        fprintf(stderr, "%s:%s\n", name, buf);
    }
    if (buf != small)
        free(buf);
}

static int recon_cli_date_arg(const char *verb, const char *val, uint64_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(val, &end, 10);
    if (errno != 0 || *end != '\0' || strlen(val) != 8) {
        usage_error(verb, "--as-of needs a date CCYYMMDD, got '%s'", val);
        return -2;
    }
    *out = v;
    return 0;
}

/* Parses the options both verbs share; 1 when `opt` was one of them, 0
 * when not, -2 on a usage error (reported). */
int recon_cli_option(recon_cli *rc, const char *verb, const char *opt, const char *val)
{
    if (strcmp(opt, "--claims") == 0) {
        rc->list = 1;
    } else if (strcmp(opt, "--remits") == 0) {
        rc->list = 2;
    } else if (strcmp(opt, "--acks") == 0) {
        rc->list = 3;
    } else if (strcmp(opt, "--as-of") == 0) {
        return recon_cli_date_arg(verb, val, &rc->as_of) == 0 ? 1 : -2;
    } else if (strcmp(opt, "--rules") == 0) {
        rc->rules = val;
    } else if (strcmp(opt, "--follow-up-days") == 0) {
        char *end;
        unsigned long v;
        errno = 0;
        v = strtoul(val, &end, 10);
        if (errno != 0 || *end != '\0' || v == 0 || v > 3650) {
            usage_error(verb, "--follow-up-days needs a number of days from 1 to 3650");
            return -2;
        }
        rc->follow_up_days = v;
    } else {
        return 0;
    }
    return 1;
}

/* A file given after --claims, --remits or --acks. */
int recon_cli_file(recon_cli *rc, const char *verb, const char *file)
{
    recon_file *f;

    if (rc->list == 0) {
        usage_error(verb, "'%s': say what it is with --claims, --remits or --acks before it",
                    file);
        return -2;
    }
    f = vec_push((void **)&rc->files, &rc->nfiles, &rc->cap, sizeof *f);
    f->path = file;
    f->kind = rc->list;
    return 0;
}

static int read_one(recon_cli *rc, const recon_file *f)
{
    input in;
    x12_status st;
    size_t src;

    if (input_open(&in, f->path) != 0)
        return in.status;
    /* the handler names diagnostics by source: this one is the next */
    src = x12_recon_source_count(rc->r);
    rc->names = xrealloc(rc->names, (src + 1) * sizeof *rc->names);
    rc->names[src] = in.name;
    rc->nnames = src + 1;
    st = f->kind == 1   ? x12_recon_read_claims(rc->r, in.r, &src)
         : f->kind == 2 ? x12_recon_read_remits(rc->r, in.r, &src)
                        : x12_recon_read_acks(rc->r, in.r, &src);
    /* named for the results ("file"); X12_EINVAL when the read never
     * started, which names nothing */
    (void)x12_recon_set_source_name(rc->r, src, in.name);
    input_close(&in);
    if (st == X12_ENOMEM) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_USAGE;
    }
    if (st == X12_EIO) {
        fprintf(stderr, "%s: %s: read error: %s\n", progname, f->path, strerror(errno));
        return EXIT_USAGE;
    }
    if (st != X12_OK) {
        rc->status = worst(rc->status, EXIT_DATA);
        return EXIT_DATA;
    }
    return 0;
}

int recon_cli_run(recon_cli *rc, const char *verb, int keep_parties)
{
    size_t i, stdin_uses = 0;
    x12_status st;
    int nclaims = 0, nremits = 0;

    for (i = 0; i < rc->nfiles; i++) {
        stdin_uses += strcmp(rc->files[i].path, "-") == 0;
        nclaims += rc->files[i].kind == 1;
        nremits += rc->files[i].kind == 2;
    }
    if (stdin_uses > 1) {
        usage_error(verb, "standard input ('-') can be read once");
        return EXIT_USAGE;
    }
    if (nclaims == 0 && nremits == 0) {
        usage_error(verb, "no input: give --claims FILE... and --remits FILE...");
        return EXIT_USAGE;
    }
    if (x12_recon_new(NULL, &rc->r) != X12_OK) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_USAGE;
    }
    x12_recon_set_error_handler(rc->r, on_diag, rc);
    if (rc->as_of != 0 && x12_recon_set_option(rc->r, X12_RECON_OPT_AS_OF, rc->as_of) != X12_OK) {
        usage_error(verb, "--as-of: %08llu is not a date", (unsigned long long)rc->as_of);
        return EXIT_USAGE;
    }
    if (rc->follow_up_days != 0)
        (void)x12_recon_set_option(rc->r, X12_RECON_OPT_FOLLOW_UP_DAYS, rc->follow_up_days);
    if (keep_parties)
        (void)x12_recon_set_option(rc->r, X12_RECON_OPT_KEEP_PARTIES, 1);
    if (rc->rules != NULL) {
        /* rules diagnostics carry no source: name them by the file */
        errno = 0;
        st = x12_recon_load_rules_file(rc->r, rc->rules);
        if (st == X12_EIO) {
            fprintf(stderr, "%s: %s: %s: %s\n", progname, verb, rc->rules, strerror(errno));
            return EXIT_USAGE;
        }
        if (st != X12_OK)
            return EXIT_USAGE; /* each problem was reported as NAME:LINE: ... */
    }
    for (i = 0; i < rc->nfiles; i++) {
        int s = read_one(rc, &rc->files[i]);
        if (s == EXIT_USAGE)
            return EXIT_USAGE;
    }
    if (x12_recon_finish(rc->r) != X12_OK) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_USAGE;
    }
    return 0;
}

void recon_cli_as_of(const recon_cli *rc, char *buf, size_t size)
{
    snprintf(buf, size, "%08llu",
             (unsigned long long)x12_recon_get_option(rc->r, X12_RECON_OPT_AS_OF));
}

void recon_cli_free(recon_cli *rc)
{
    x12_recon_free(rc->r);
    free(rc->files);
    free(rc->names);
    memset(rc, 0, sizeof *rc);
}

/* ---- output through the library's writers ---------------------------------------------------- */

static int to_stdout(void *user, const char *data, size_t len)
{
    (void)user;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

/* ---- the text worklist ------------------------------------------------------------------------- */

static void reasons_text(const x12_recon_claim *c)
{
    size_t i;
    char m[32];

    for (i = 0; i < x12_recon_claim_reason_count(c); i++) {
        const x12_recon_reason *rs = x12_recon_claim_reason_at(c, i);
        x12_str g = x12_recon_reason_group(rs), code = x12_recon_reason_code(rs);
        char gc[48];
        size_t k;
        recon_cli_money(m, sizeof m, x12_recon_reason_cents(rs));
        snprintf(gc, sizeof gc, "%.*s-%.*s", (int)(g.len < 8 ? g.len : 8), g.ptr,
                 (int)(code.len < 16 ? code.len : 16), code.ptr);
        printf("        %-7s %10s", gc, m);
        for (k = 0; k < x12_recon_reason_remark_count(rs); k++) {
            x12_str rm = x12_recon_reason_remark_at(rs, k);
            printf(" %.*s", (int)rm.len, rm.ptr);
        }
        printf("  (%s)\n", x12_recon_action_name(x12_recon_reason_action(rs)));
    }
}

static void claim_text(const x12_recon_claim *c)
{
    x12_str pcn = x12_recon_claim_get(c, X12_RECON_CLAIM_PCN);
    x12_str payer = x12_recon_claim_get(c, X12_RECON_CLAIM_PAYER_ID);
    char ch[32], pd[32], pt[32], from[16];
    int64_t days = x12_recon_claim_days_outstanding(c);

    recon_cli_money(ch, sizeof ch, x12_recon_claim_cents(c, X12_RECON_CENTS_CHARGED));
    recon_cli_money(pd, sizeof pd, x12_recon_claim_cents(c, X12_RECON_CENTS_PAID));
    recon_cli_money(pt, sizeof pt, x12_recon_claim_cents(c, X12_RECON_CENTS_PATIENT));
    recon_cli_date(from, sizeof from, x12_recon_claim_get(c, X12_RECON_CLAIM_SERVICE_FROM));
    printf("    %-20.*s %-14s %-10s %-8.*s charged %9s  paid %9s  patient %8s", (int)pcn.len,
           pcn.ptr, x12_recon_state_name(x12_recon_claim_state(c)), from, (int)payer.len,
           payer.ptr, ch, pd, pt);
    if (days >= 0)
        printf("  %" PRId64 " days", days);
    putchar('\n');
    if (x12_recon_claim_balanced(c) == 0) {
        recon_cli_money(ch, sizeof ch, x12_recon_claim_cents(c, X12_RECON_CENTS_UNBALANCED));
        printf("        unbalanced by %s\n", ch);
    }
    printf("        %s\n", x12_recon_claim_action_reason(c));
    reasons_text(c);
}

static void text_out(const x12_recon *r, const recon_cli *rc)
{
    size_t i, n = x12_recon_claim_count(r), by_state[9] = {0};
    int a;
    char d[16], m[32];
    char as_of[16];
    int64_t tot[11] = {0};

    recon_cli_as_of(rc, as_of, sizeof as_of);
    recon_cli_date(d, sizeof d, (x12_str){as_of, strlen(as_of)});
    printf("Reconciliation as of %s: %zu claim%s, %zu remittance%s for claims no 837 holds\n",
           d, n, n == 1 ? "" : "s", x12_recon_unmatched_count(r),
           x12_recon_unmatched_count(r) == 1 ? "" : "s");
    for (i = 0; i < n; i++) {
        const x12_recon_claim *c = x12_recon_claim_at(r, i);
        int k;
        by_state[x12_recon_claim_state(c)]++;
        for (k = 1; k <= 10; k++)
            tot[k] += x12_recon_claim_cents(c, (x12_recon_amount)k);
    }
    printf("\nWorklist by next action\n");
    for (a = X12_RECON_ACTION_CORRECT_AND_RESUBMIT; a <= X12_RECON_ACTION_NONE; a++) {
        size_t cnt = 0;
        for (i = 0; i < n; i++)
            cnt += x12_recon_claim_action(x12_recon_claim_at(r, i)) == (x12_recon_action)a;
        if (cnt == 0)
            continue;
        printf("  %s (%zu)\n", x12_recon_action_name((x12_recon_action)a), cnt);
        for (i = 0; i < n; i++) {
            const x12_recon_claim *c = x12_recon_claim_at(r, i);
            if (x12_recon_claim_action(c) == (x12_recon_action)a)
                claim_text(c);
        }
    }
    printf("\nClaims by state\n");
    for (a = X12_RECON_STATE_PAID; a <= X12_RECON_STATE_PENDING; a++)
        if (by_state[a])
            printf("  %-15s %6zu\n", x12_recon_state_name((x12_recon_state)a), by_state[a]);
    if (x12_recon_unmatched_count(r) > 0) {
        printf("\nRemittances for claims no 837 holds\n");
        for (i = 0; i < x12_recon_unmatched_count(r); i++)
            claim_text(x12_recon_unmatched_at(r, i));
    }
    printf("\nAging of unpaid balances by payer (days since sent)\n");
    printf("  %-30s %10s %10s %10s %10s %10s %11s\n", "payer", "0-30", "31-60", "61-90",
           "91-120", "120+", "total");
    for (i = 0; i < x12_recon_aging_count(r); i++) {
        const x12_recon_aging *ag = x12_recon_aging_at(r, i);
        x12_str id = x12_recon_aging_payer_id(ag), name = x12_recon_aging_payer_name(ag);
        char who[64];
        unsigned b;
        snprintf(who, sizeof who, "%.*s%s%.*s", (int)id.len, id.ptr, id.len ? " " : "",
                 (int)name.len, name.ptr);
        printf("  %-30.30s", who);
        for (b = 0; b <= 5; b++) {
            recon_cli_money(m, sizeof m, x12_recon_aging_cents(ag, b));
            printf(" %*s", b == 5 ? 11 : 10, m);
        }
        putchar('\n');
    }
    printf("\nTotals\n");
    {
        static const struct {
            x12_recon_amount a;
            const char *name;
        } rows[] = {{X12_RECON_CENTS_CHARGED, "charged"},
                    {X12_RECON_CENTS_PAID, "paid"},
                    {X12_RECON_CENTS_CONTRACTUAL, "contractual"},
                    {X12_RECON_CENTS_PATIENT, "patient responsibility"},
                    {X12_RECON_CENTS_OTHER, "other adjustments"},
                    {X12_RECON_CENTS_UNBALANCED, "not accounted for"},
                    {X12_RECON_CENTS_PATIENT_DUE, "patients owe now"},
                    {X12_RECON_CENTS_PAYER_BALANCE, "payers owe or dispute"}};
        size_t k;
        for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
            recon_cli_money(m, sizeof m, tot[rows[k].a]);
            printf("  %-24s %12s\n", rows[k].name, m);
        }
    }
}

/* ---- --rebuild-corrected ----------------------------------------------------------------------- */

static int correctable(const x12_recon_claim *c)
{
    return x12_recon_claim_action(c) == X12_RECON_ACTION_CORRECT_AND_RESUBMIT &&
           x12_recon_claim_state(c) != X12_RECON_STATE_REJECTED &&
           x12_recon_claim_get(c, X12_RECON_CLAIM_PAYER_CLAIM_NUMBER).len > 0;
}

/* Frequency 7 (837P CLM05-3; 837I the bill type's last digit) and REF*F8. */
static int make_replacement(x12_claim *c, x12_claim_kind kind, x12_str f8)
{
    if (kind == X12_CLAIM_837I) {
        x12_str bt = x12_claim_get(c, X12_CLAIM_BILL_TYPE);
        char buf[8];
        if (bt.len < 3 || bt.len > 4)
            return -1;
        memcpy(buf, bt.ptr, bt.len);
        buf[bt.len - 1] = '7';
        if (x12_claim_set(c, X12_CLAIM_BILL_TYPE, buf, bt.len) != X12_OK)
            return -1;
    } else if (x12_claim_set(c, X12_CLAIM_FREQUENCY, "7", 1) != X12_OK) {
        return -1;
    }
    return x12_claim_set(c, X12_CLAIM_PAYER_CLAIM_NUMBER, f8.ptr, f8.len) == X12_OK ? 0 : -1;
}

/* Writes the batches of one source (837P, then 837I) and frees them. */
static int write_batches(x12_batch **b, FILE *fp, const char *path)
{
    int k, status = 0;

    for (k = 1; k <= 2; k++) {
        x12_writer *w;
        x12_status st;
        if (b[k] == NULL)
            continue;
        if (x12_writer_new(NULL, &w) != X12_OK || x12_writer_to_file(w, fp) != X12_OK) {
            fprintf(stderr, "%s: out of memory\n", progname);
            exit(EXIT_USAGE);
        }
        x12_writer_set_line_break(w, "\n");
        st = x12_batch_write(b[k], w);
        if (st == X12_OK)
            st = x12_writer_finish(w);
        if (st == X12_EEDIT) {
            size_t e;
            /* edit paths name claims by position, messages quote no
             * identifying value */
            for (e = 0; e < x12_batch_edit_count(b[k]); e++)
                fprintf(stderr, "%s: %s: replacement claims: %s: %s\n", progname, path,
                        x12_batch_edit_path(b[k], e),
                        x12_error_message(x12_batch_edit_at(b[k], e)));
            status = worst(status, EXIT_DATA);
        } else if (st != X12_OK) {
            fprintf(stderr, "%s: %s: %s\n", progname, path, x12_strerror(st));
            status = EXIT_USAGE;
        }
        x12_writer_free(w);
        x12_batch_free(b[k]);
        b[k] = NULL;
    }
    return status;
}

/* Index of the claims to correct by (source, claim index). */
typedef struct fix {
    size_t source;
    uint64_t index;
    const x12_recon_claim *c;
} fix;

static int cmp_fix(const void *pa, const void *pb)
{
    const fix *a = pa, *b = pb;

    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The claims `want` picks, by (source, claim index): *out (free it), their
 * count. */
static size_t pick(const x12_recon *r, int (*want)(const x12_recon_claim *), fix **out)
{
    fix *v = NULL;
    size_t i, n = 0, cap = 0;

    for (i = 0; i < x12_recon_claim_count(r); i++) {
        const x12_recon_claim *c = x12_recon_claim_at(r, i);
        fix *f;
        if (!want(c))
            continue;
        f = vec_push((void **)&v, &n, &cap, sizeof *f);
        f->source = x12_recon_claim_source(c);
        f->index = x12_recon_claim_index(c);
        f->c = c;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_fix);
    *out = v;
    return n;
}

/*
 * --rebuild-corrected: each 837 holding claims to correct is read again
 * and those claims copied into batches (one interchange per input file and
 * kind, its envelope and submitter copied, dated the as-of date), made
 * replacements (frequency 7, REF*F8 the payer's claim number) and written
 * through the claim builder, which runs its edits, into one file written
 * safely (temporary, renamed when complete).
 */
static int rebuild(recon_cli *rc, const char *path, int force)
{
    fix *fixes = NULL;
    size_t k, nfix = pick(rc->r, correctable, &fixes), done = 0, at;
    int status = 0;
    outfile of;
    char date[16];

    if (nfix == 0) {
        free(fixes);
        fprintf(stderr, "%s: reconcile: no claim to correct and resubmit has a payer claim "
                        "number: %s not written\n", progname, path);
        return 0;
    }
    recon_cli_as_of(rc, date, sizeof date);
    if (outfile_open(&of, "reconcile", path, force) != 0) {
        free(fixes);
        return EXIT_USAGE;
    }
    for (at = 0; at < nfix && status != EXIT_USAGE;) {
        size_t src = fixes[at].source, end;
        x12_batch *b[3] = {NULL, NULL, NULL};
        x12_claim_stream *s = NULL;
        x12_status st;
        for (end = at; end < nfix && fixes[end].source == src; end++)
            ;
        if (src >= rc->nnames || strcmp(rc->names[src], "<stdin>") == 0) {
            fprintf(stderr, "%s: reconcile: --rebuild-corrected reads the 837 files again: give "
                            "them by name, not on standard input\n", progname);
            status = EXIT_USAGE;
            break;
        }
        errno = 0;
        if (x12_claim_stream_new(NULL, NULL, &s) != X12_OK ||
            x12_reader_open_path(x12_claim_stream_reader(s), rc->names[src]) != X12_OK) {
            fprintf(stderr, "%s: reconcile: %s: cannot read it again: %s\n", progname,
                    rc->names[src], errno ? strerror(errno) : "out of memory");
            x12_claim_stream_free(s);
            status = EXIT_USAGE;
            break;
        }
        while ((st = x12_claim_stream_next(s)) == X12_OK) {
            fix key, *f;
            x12_claim_kind kind = x12_claim_stream_kind(s);
            x12_claim *copy;
            key.source = src;
            key.index = x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX);
            f = bsearch(&key, fixes + at, end - at, sizeof *fixes, cmp_fix);
            if (f == NULL)
                continue;
            if (b[kind] == NULL &&
                (x12_batch_new(NULL, kind, &b[kind]) != X12_OK ||
                 x12_batch_copy_header(b[kind], x12_claim_stream_header(s)) != X12_OK ||
                 x12_batch_set(b[kind], X12_BATCH_DATE, date, X12_NTS) != X12_OK)) {
                fprintf(stderr, "%s: out of memory\n", progname);
                exit(EXIT_USAGE);
            }
            if (x12_claim_stream_copy_claim(s, b[kind], &copy) != X12_OK ||
                make_replacement(copy, kind,
                                 x12_recon_claim_get(f->c, X12_RECON_CLAIM_PAYER_CLAIM_NUMBER)) != 0) {
                fprintf(stderr, "%s: %s: claim %" PRIu64 ": cannot be copied as a replacement\n",
                        progname, rc->names[src], key.index + 1);
                status = worst(status, EXIT_DATA);
                continue;
            }
            /* what the replacement leaves out (the claim model does not
             * hold it): said, never dropped silently */
            for (k = 0; k < x12_claim_stream_claim_error_count(s); k++) {
                const x12_error *e = x12_claim_stream_claim_error_at(s, k);
                char msg[512];
                if (strcmp(x12_error_rule(e), "not-kept") != 0)
                    continue;
                x12_error_format(e, msg, sizeof msg);
                fprintf(stderr, "%s:%s (left out of the replacement)\n", rc->names[src], msg);
            }
            done++;
        }
        x12_claim_stream_free(s);
        status = worst(status, write_batches(b, of.fp, path));
        at = end;
    }
    free(fixes);
    if (status != 0 || done == 0) {
        outfile_abort(&of);
        fprintf(stderr, "%s: reconcile: %s not written\n", progname, path);
        return status != 0 ? status : EXIT_DATA;
    }
    if (outfile_commit(&of, "reconcile") != 0)
        return EXIT_USAGE;
    fprintf(stderr, "%s: reconcile: %zu replacement claim%s written to %s\n", progname, done,
            done == 1 ? "" : "s", path);
    return 0;
}

/* ---- --status-requests ----------------------------------------------------------------------- */

/* A claim with no answer past its follow-up days: the payer is asked. */
static int to_ask(const x12_recon_claim *c)
{
    return x12_recon_claim_action(c) == X12_RECON_ACTION_FOLLOW_UP &&
           x12_recon_claim_state(c) == X12_RECON_STATE_PENDING;
}

/*
 * --status-requests: for each 837 read holding claims to follow up, a 276
 * asking about them (x12 build --status-request with a --pcn per claim),
 * from the same sender to the same receiver, dated the as-of date, time
 * 0000, BHT03 "F" + the date + the file's number, ISA13/GS06 numbered 1,
 * 2, ... in the file: the same inputs write the same bytes.  One file,
 * written safely.
 */
static int status_requests(recon_cli *rc, const char *path, int force)
{
    fix *asks = NULL;
    size_t nask = pick(rc->r, to_ask, &asks), at, files = 0;
    int status = 0;
    outfile of;
    char date[16];

    if (nask == 0) {
        free(asks);
        fprintf(stderr, "%s: reconcile: no pending claim is past its follow-up days: %s not "
                        "written\n", progname, path);
        return 0;
    }
    recon_cli_as_of(rc, date, sizeof date);
    if (outfile_open(&of, "reconcile", path, force) != 0) {
        free(asks);
        return EXIT_USAGE;
    }
    for (at = 0; at < nask && status == 0;) {
        size_t src = asks[at].source, end, k;
        txn_build_opts o;
        char ref[40], cn[24];
        const char **pcns;
        for (end = at; end < nask && asks[end].source == src; end++)
            ;
        if (src >= rc->nnames || strcmp(rc->names[src], "<stdin>") == 0) {
            fprintf(stderr, "%s: reconcile: --status-requests reads the 837 files again: give "
                            "them by name, not on standard input\n", progname);
            status = EXIT_USAGE;
            break;
        }
        pcns = xmalloc((end - at) * sizeof *pcns);
        for (k = at; k < end; k++) {
            x12_str v = x12_recon_claim_get(asks[k].c, X12_RECON_CLAIM_PCN);
            char *p = xmalloc(v.len + 1);
            memcpy(p, v.ptr, v.len);
            p[v.len] = '\0';
            pcns[k - at] = p;
        }
        files++;
        snprintf(ref, sizeof ref, "F%s%zu", date, files);
        snprintf(cn, sizeof cn, "%zu", files);
        memset(&o, 0, sizeof o);
        o.sent = rc->names[src];
        o.pcns = pcns;
        o.npcns = end - at;
        o.date = date;
        o.time = "0000";
        o.reference = ref;
        o.control_number = cn;
        o.line_break = "\n";
        o.out = of.fp;
        o.verb = "reconcile";
        status = worst(status, build_status_request(&o));
        for (k = 0; k < end - at; k++)
            free((void *)pcns[k]);
        free(pcns);
        at = end;
    }
    free(asks);
    if (status != 0) {
        outfile_abort(&of);
        fprintf(stderr, "%s: reconcile: %s not written\n", progname, path);
        return status;
    }
    if (outfile_commit(&of, "reconcile") != 0)
        return EXIT_USAGE;
    fprintf(stderr, "%s: reconcile: %zu claim status request%s (276) for %zu claim%s written to "
                    "%s\n", progname, files, files == 1 ? "" : "s", nask, nask == 1 ? "" : "s",
            path);
    return 0;
}

/* ---- the verb --------------------------------------------------------------------------------- */

int cmd_reconcile(int argc, char **argv);
int cmd_reconcile(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0},        {"--jsonl", 0},
                                  {"--csv", 0},         {"--text", 0},
                                  {"--table", 1},       {"--claims", 0},
                                  {"--remits", 0},      {"--acks", 0},
                                  {"--as-of", 1},       {"--rules", 1},
                                  {"--follow-up-days", 1}, {"--rebuild-corrected", 1},
                                  {"--status-requests", 1},
                                  {"--force", 0},       {"--print-rules", 0},
                                  {NULL, 0}};
    args a = {"reconcile", defs, argc, argv, 1, 0};
    recon_cli rc;
    const char *opt, *val, *file, *rebuild_path = NULL, *status_path = NULL;
    int k, fmt = 0, force = 0, status;
    x12_recon_table table = X12_RECON_TABLE_ALL;

    memset(&rc, 0, sizeof rc);
    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            if (recon_cli_file(&rc, "reconcile", file) != 0) {
                recon_cli_free(&rc);
                return EXIT_USAGE;
            }
            continue;
        }
        if (strcmp(opt, "--help") == 0) {
            fputs(reconcile_usage, stdout);
            recon_cli_free(&rc);
            return 0;
        }
        if (strcmp(opt, "--print-rules") == 0) {
            fputs(x12_recon_builtin_rules(), stdout);
            recon_cli_free(&rc);
            return 0;
        }
        if ((k = recon_cli_option(&rc, "reconcile", opt, val)) != 0) {
            if (k < 0) {
                recon_cli_free(&rc);
                return EXIT_USAGE;
            }
            continue;
        }
        if (strcmp(opt, "--json") == 0)
            fmt = 1;
        else if (strcmp(opt, "--jsonl") == 0)
            fmt = 2;
        else if (strcmp(opt, "--csv") == 0)
            fmt = 3;
        else if (strcmp(opt, "--text") == 0)
            fmt = 0;
        else if (strcmp(opt, "--force") == 0)
            force = 1;
        else if (strcmp(opt, "--rebuild-corrected") == 0)
            rebuild_path = val;
        else if (strcmp(opt, "--status-requests") == 0)
            status_path = val;
        else if (strcmp(opt, "--table") == 0) {
            static const char *const names[] = {"all",     "claims", "lines", "reasons",
                                                "remits",  "aging",  "unmatched"};
            size_t t;
            for (t = 0; t < 7 && strcmp(val, names[t]) != 0; t++)
                ;
            if (t == 7) {
                usage_error("reconcile", "--table: no table '%s' (claims, lines, reasons, "
                                         "remits, aging, unmatched)", val);
                recon_cli_free(&rc);
                return EXIT_USAGE;
            }
            table = (x12_recon_table)(t + 1);
        }
    }
    if (k == -2) {
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    if (table != X12_RECON_TABLE_ALL && fmt != 2 && fmt != 3) {
        usage_error("reconcile", "--table goes with --csv or --jsonl");
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    if ((rebuild_path != NULL && outfile_check("reconcile", rebuild_path, force) != 0) ||
        (status_path != NULL && outfile_check("reconcile", status_path, force) != 0)) {
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    if (rebuild_path != NULL && status_path != NULL && strcmp(rebuild_path, status_path) == 0) {
        usage_error("reconcile", "--rebuild-corrected and --status-requests name the same file");
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    status = recon_cli_run(&rc, "reconcile", 0);
    if (status == EXIT_USAGE) {
        recon_cli_free(&rc);
        return status;
    }
    if (fmt == 0) {
        text_out(rc.r, &rc);
    } else {
        x12_status st = x12_recon_write(rc.r,
                                        fmt == 1 ? X12_RECON_FMT_JSON
                                                 : fmt == 2 ? X12_RECON_FMT_JSONL : X12_RECON_FMT_CSV,
                                        table, to_stdout, NULL);
        if (st != X12_OK && st != X12_EIO) {
            fprintf(stderr, "%s: reconcile: %s\n", progname, x12_strerror(st));
            recon_cli_free(&rc);
            return EXIT_USAGE;
        }
    }
    if (output_failed()) {
        recon_cli_free(&rc);
        return EXIT_USAGE;
    }
    if (rebuild_path != NULL)
        status = worst(status, rebuild(&rc, rebuild_path, force));
    if (status_path != NULL)
        status = worst(status, status_requests(&rc, status_path, force));
    status = worst(status, rc.status);
    recon_cli_free(&rc);
    return status;
}
