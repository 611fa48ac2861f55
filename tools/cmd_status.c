/*
 * x12 status - 277 claim status answers and 277CA acknowledgments, as JSON
 * or text; with --claims, per claim of the 837s sent: accepted or rejected
 * and why, and which claims got no answer.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/claimstatus.h>

#include "cli.h"

extern const char status_usage[];
const char status_usage[] =
    "Usage: x12 status [--json|--text] [--claims=SENT.837]... FILE...\n"
    "Read 277 claim status answers (005010X212) and 277CA claim acknowledgments\n"
    "(005010X214): per claim its status codes (category, status and entity,\n"
    "with our descriptions), effective date, charge and payment, the payer's\n"
    "claim number and the patient control number, and per service line its own\n"
    "statuses; statuses of a whole batch or provider too.  FILE may be '-' for\n"
    "standard input (the default when no FILE is given) and may be\n"
    "gzip-compressed.\n"
    "\n"
    "With --claims, the answers of one FILE are matched with the claims of the\n"
    "837s sent (by patient control number, then batch, charge and dates): one\n"
    "line per claim sent saying accepted, rejected (with the reasons),\n"
    "pending, paid, denied, ... or no answer, then the answers that match no\n"
    "claim sent.\n"
    "\n"
    "Options:\n"
    "  --json            one JSON document; money is integer cents (*_cents)\n"
    "  --text            a short summary (the default)\n"
    "  --claims=FILE     the 837 the answers are for (repeatable)\n"
    "  -h, --help        show this help\n"
    "\n"
    "A rejection is part of the answer, not an error of the file.\n"
    "Exit status: 0 ok, 1 the input has errors, 2 usage or I/O error.\n";

enum { OUT_TEXT, OUT_JSON };

/* ---- output helpers ------------------------------------------------------------------ */

#define CF(c, f) x12_claimstatus_claim_get((c), X12_CC_##f)
#define SF(s, f) x12_claimstatus_status_get((s), X12_ST_##f)

/* ---- JSON ------------------------------------------------------------------------------- */

static void json_status(const x12_claimstatus_status *s)
{
    putchar('{');
    json_kview("category", SF(s, CATEGORY));
    json_kstr("category_text", x12_claimstatus_status_category_text(s));
    json_kview("code", SF(s, CODE));
    json_kstr("code_text", x12_claimstatus_status_code_text(s));
    json_kview("entity", SF(s, ENTITY));
    json_kstr("entity_text", x12_claimstatus_status_entity_text(s));
    json_kview("code_list", SF(s, CODE_LIST));
    json_kview("effective_date", SF(s, EFFECTIVE_DATE));
    json_kview("action", SF(s, ACTION));
    json_kview("charge", SF(s, CHARGE_TEXT));
    json_kview("paid", SF(s, PAID_TEXT));
    json_kview("adjudication_date", SF(s, ADJUDICATION_DATE));
    json_kview("payment_method", SF(s, PAYMENT_METHOD));
    json_kview("remittance_date", SF(s, REMITTANCE_DATE));
    json_kview("remittance_trace", SF(s, REMITTANCE_TRACE));
    json_kview("message", SF(s, MESSAGE));
    json_kint("position", x12_claimstatus_status_position(s));
    json_kint("segment", (int64_t)x12_claimstatus_status_segment_number(s));
    json_key("outcome");
    json_string(x12_claimstatus_outcome_name(x12_claimstatus_status_outcome(s)));
    putchar('}');
}

static void json_statuses(size_t n, const x12_claimstatus_status *(*at)(const void *, size_t),
                          const void *o)
{
    size_t i;

    json_key("statuses");
    putchar('[');
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_status(at(o, i));
    }
    fputs("],", stdout);
}

static const x12_claimstatus_status *claim_st(const void *o, size_t i)
{
    return x12_claimstatus_claim_status_at(o, i);
}
static const x12_claimstatus_status *line_st(const void *o, size_t i)
{
    return x12_claimstatus_line_status_at(o, i);
}
static const x12_claimstatus_status *batch_st(const void *o, size_t i)
{
    return x12_claimstatus_batch_status_at(o, i);
}

static const struct {
    x12_claimstatus_claim_field f;
    const char *key;
} claim_fields[] = {
    {X12_CC_PCN, "pcn"},
    {X12_CC_TRACE_NUMBER, "trace_number"},
    {X12_CC_PAYER_CLAIM_NUMBER, "payer_claim_number"},
    {X12_CC_BILL_TYPE, "bill_type"},
    {X12_CC_CLEARINGHOUSE_TRACE, "clearinghouse_trace"},
    {X12_CC_PRESCRIPTION_NUMBER, "prescription_number"},
    {X12_CC_VOUCHER, "voucher"},
    {X12_CC_SERVICE_FROM, "service_from"},
    {X12_CC_SERVICE_TO, "service_to"},
    {X12_CC_PAYER_NAME, "payer_name"},
    {X12_CC_PAYER_ID, "payer_id"},
    {X12_CC_RECEIVER_NAME, "receiver_name"},
    {X12_CC_RECEIVER_ID, "receiver_id"},
    {X12_CC_PROVIDER_NAME, "provider_name"},
    {X12_CC_PROVIDER_ID, "provider_id"},
    {X12_CC_PROVIDER_ID_QUALIFIER, "provider_id_qualifier"},
    {X12_CC_SUBSCRIBER_LAST_NAME, "subscriber_last_name"},
    {X12_CC_SUBSCRIBER_FIRST_NAME, "subscriber_first_name"},
    {X12_CC_MEMBER_ID, "member_id"},
    {X12_CC_PATIENT_LAST_NAME, "patient_last_name"},
    {X12_CC_PATIENT_FIRST_NAME, "patient_first_name"},
    {X12_CC_BATCH_REFERENCE, "batch_reference"},
    {X12_CC_CONTROL_NUMBER, "control_number"},
    {X12_CC_RESPONSE_DATE, "response_date"},
};

static void json_line(const x12_claimstatus_line *l)
{
    static const struct {
        x12_claimstatus_svc_field f;
        const char *key;
    } lf[] = {
        {X12_CV_QUALIFIER, "qualifier"},           {X12_CV_PROCEDURE, "procedure"},
        {X12_CV_MODIFIERS, "modifiers"},           {X12_CV_REVENUE_CODE, "revenue_code"},
        {X12_CV_UNITS, "units"},                   {X12_CV_CONTROL_NUMBER, "control_number"},
        {X12_CV_PRESCRIPTION_NUMBER, "prescription_number"},
        {X12_CV_SERVICE_FROM, "service_from"},     {X12_CV_SERVICE_TO, "service_to"},
    };
    size_t i;
    int64_t v;

    putchar('{');
    for (i = 0; i < sizeof lf / sizeof lf[0]; i++)
        json_kview(lf[i].key, x12_claimstatus_line_get(l, lf[i].f));
    if (x12_claimstatus_line_charge_cents(l, &v))
        json_kint("charge_cents", v);
    if (x12_claimstatus_line_paid_cents(l, &v))
        json_kint("paid_cents", v);
    json_statuses(x12_claimstatus_line_status_count(l), line_st, l);
    json_key("outcome");
    json_string(x12_claimstatus_outcome_name(x12_claimstatus_line_outcome(l)));
    putchar('}');
}

static void json_claim(const char *file, const x12_claimstatus_claim *c)
{
    size_t i, n;
    int64_t v;

    putchar('{');
    if (file != NULL)
        json_kstr("file", file);
    json_kstr("kind", x12_claimstatus_claim_kind(c) == X12_CS_KIND_277CA ? "277CA" : "277");
    json_kstr("loop", x12_claimstatus_claim_loop(c));
    json_kint("index", (int64_t)x12_claimstatus_claim_index(c));
    for (i = 0; i < sizeof claim_fields / sizeof claim_fields[0]; i++)
        json_kview(claim_fields[i].key, x12_claimstatus_claim_get(c, claim_fields[i].f));
    if (x12_claimstatus_claim_charge_cents(c, &v))
        json_kint("charge_cents", v);
    if (x12_claimstatus_claim_paid_cents(c, &v))
        json_kint("paid_cents", v);
    json_statuses(x12_claimstatus_claim_status_count(c), claim_st, c);
    json_key("lines");
    putchar('[');
    n = x12_claimstatus_claim_line_count(c);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_line(x12_claimstatus_claim_line_at(c, i));
    }
    fputs("],", stdout);
    json_kint("segment", (int64_t)x12_claimstatus_claim_segment_number(c));
    json_key("outcome");
    json_string(x12_claimstatus_outcome_name(x12_claimstatus_claim_outcome(c)));
    putchar('}');
}

static const char *level_name(x12_claimstatus_batch_level l)
{
    return l == X12_CS_BATCH_SOURCE ? "source" : l == X12_CS_BATCH_RECEIVER ? "receiver"
                                                                             : "provider";
}

static void json_batch(const char *file, const x12_claimstatus_batch *b)
{
    int64_t v;

    putchar('{');
    if (file != NULL)
        json_kstr("file", file);
    json_kstr("kind", x12_claimstatus_batch_kind(b) == X12_CS_KIND_277CA ? "277CA" : "277");
    json_kstr("level", level_name(x12_claimstatus_batch_level_of(b)));
    json_kview("trace_number", x12_claimstatus_batch_trace_number(b));
    json_kview("name", x12_claimstatus_batch_party_name(b));
    json_kview("id", x12_claimstatus_batch_party_id(b));
    json_kview("received_date", x12_claimstatus_batch_received_date(b));
    json_kview("processed_date", x12_claimstatus_batch_processed_date(b));
    if (x12_claimstatus_batch_accepted_count(b, &v))
        json_kint("accepted_count", v);
    if (x12_claimstatus_batch_rejected_count(b, &v))
        json_kint("rejected_count", v);
    if (x12_claimstatus_batch_accepted_cents(b, &v))
        json_kint("accepted_cents", v);
    if (x12_claimstatus_batch_rejected_cents(b, &v))
        json_kint("rejected_cents", v);
    json_statuses(x12_claimstatus_batch_status_count(b), batch_st, b);
    json_key("outcome");
    json_string(x12_claimstatus_outcome_name(x12_claimstatus_batch_outcome(b)));
    putchar('}');
}

/* ---- text --------------------------------------------------------------------------------- */

/* "A7:21 Rejected: ...; Information is missing or invalid (billing provider)" */
static void text_status(const x12_claimstatus_status *s)
{
    const char *ct = x12_claimstatus_status_category_text(s);
    const char *st = x12_claimstatus_status_code_text(s);
    const char *et = x12_claimstatus_status_entity_text(s);

    put_view(SF(s, CATEGORY));
    putchar(':');
    put_view(SF(s, CODE));
    if (SF(s, ENTITY).len) {
        putchar(':');
        put_view(SF(s, ENTITY));
    }
    if (ct[0])
        printf(" %s", ct);
    if (st[0])
        printf(" %s", st);
    if (et[0])
        printf(" (%s)", et);
    if (SF(s, MESSAGE).len) {
        fputs(" \"", stdout);
        put_view(SF(s, MESSAGE));
        putchar('"');
    }
}

static void text_claim_statuses(const x12_claimstatus_claim *c, const char *indent)
{
    size_t i, k, n = x12_claimstatus_claim_status_count(c);

    for (i = 0; i < n; i++) {
        printf("%s", indent);
        text_status(x12_claimstatus_claim_status_at(c, i));
        putchar('\n');
    }
    n = x12_claimstatus_claim_line_count(c);
    for (i = 0; i < n; i++) {
        const x12_claimstatus_line *l = x12_claimstatus_claim_line_at(c, i);
        size_t m = x12_claimstatus_line_status_count(l);
        printf("%sline %zu ", indent, i + 1);
        put_view(x12_claimstatus_line_get(l, X12_CV_QUALIFIER));
        putchar(':');
        put_view(x12_claimstatus_line_get(l, X12_CV_PROCEDURE));
        if (x12_claimstatus_line_get(l, X12_CV_CONTROL_NUMBER).len) {
            fputs(" (", stdout);
            put_view(x12_claimstatus_line_get(l, X12_CV_CONTROL_NUMBER));
            putchar(')');
        }
        printf(" %s\n", x12_claimstatus_outcome_name(x12_claimstatus_line_outcome(l)));
        for (k = 0; k < m; k++) {
            printf("%s  ", indent);
            text_status(x12_claimstatus_line_status_at(l, k));
            putchar('\n');
        }
    }
}

static void text_claim(const char *file, const x12_claimstatus_claim *c)
{
    int64_t v;
    char b[40];

    printf("%s: %s claim ", file,
           x12_claimstatus_claim_kind(c) == X12_CS_KIND_277CA ? "277CA" : "277");
    put_view(CF(c, PCN).len ? CF(c, PCN) : CF(c, TRACE_NUMBER));
    printf(" %s", x12_claimstatus_outcome_name(x12_claimstatus_claim_outcome(c)));
    if (x12_claimstatus_claim_charge_cents(c, &v))
        printf(", charge %s", dollars(b, sizeof b, v));
    if (x12_claimstatus_claim_paid_cents(c, &v))
        printf(", paid %s", dollars(b, sizeof b, v));
    if (CF(c, PAYER_CLAIM_NUMBER).len) {
        fputs(", payer claim ", stdout);
        put_view(CF(c, PAYER_CLAIM_NUMBER));
    }
    putchar('\n');
    text_claim_statuses(c, "  ");
}

static void text_batch(const char *file, const x12_claimstatus_batch *b)
{
    int64_t v;
    char buf[40];
    size_t i, n = x12_claimstatus_batch_status_count(b);

    printf("%s: %s %s ", file, x12_claimstatus_batch_kind(b) == X12_CS_KIND_277CA ? "277CA" : "277",
           level_name(x12_claimstatus_batch_level_of(b)));
    put_view(x12_claimstatus_batch_party_name(b));
    if (x12_claimstatus_batch_trace_number(b).len) {
        fputs(" (trace ", stdout);
        put_view(x12_claimstatus_batch_trace_number(b));
        putchar(')');
    }
    if (n)
        printf(" %s", x12_claimstatus_outcome_name(x12_claimstatus_batch_outcome(b)));
    if (x12_claimstatus_batch_accepted_count(b, &v)) {
        printf(": %" PRId64 " accepted", v);
        if (x12_claimstatus_batch_accepted_cents(b, &v))
            printf(" (%s)", dollars(buf, sizeof buf, v));
    }
    if (x12_claimstatus_batch_rejected_count(b, &v)) {
        printf(", %" PRId64 " rejected", v);
        if (x12_claimstatus_batch_rejected_cents(b, &v))
            printf(" (%s)", dollars(buf, sizeof buf, v));
    }
    putchar('\n');
    for (i = 0; i < n; i++) {
        fputs("  ", stdout);
        text_status(x12_claimstatus_batch_status_at(b, i));
        putchar('\n');
    }
}

/* ---- reading -------------------------------------------------------------------------------- */

static int read_doc(const char *path, x12_claimstatus_doc **doc, int *status)
{
    input in;
    x12_claimstatus_stream *s;
    x12_status st;

    *doc = NULL;
    if (input_open(&in, path) != 0) {
        *status = worst(*status, in.status);
        return -1;
    }
    if (x12_claimstatus_stream_new(NULL, in.r, &s) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, in.name);
        input_close(&in);
        *status = EXIT_USAGE;
        return -1;
    }
    x12_claimstatus_stream_set_error_handler(s, report_handler, &in);
    st = x12_claimstatus_stream_collect(s, doc);
    if (st != X12_OK) {
        const x12_error *e = x12_claimstatus_stream_last_error(s);
        if (e != NULL)
            report(&in, e);
        else
            fprintf(stderr, "%s: %s: %s\n", progname, in.name, x12_strerror(st));
        in.status = worst(in.status, st == X12_EIO ? EXIT_USAGE : EXIT_DATA);
    }
    x12_claimstatus_stream_free(s);
    input_close(&in);
    *status = worst(*status, in.status);
    return *doc != NULL ? 0 : -1;
}

/* ---- --claims -------------------------------------------------------------------------------- */

static void text_link(const x12_claimstatus_sent *sent, const x12_claimstatus_link *l)
{
    size_t i, n = x12_claimstatus_link_count(l), counts[11];
    char b[40];

    memset(counts, 0, sizeof counts);
    for (i = 0; i < n; i++) {
        const x12_claimstatus_sent_claim *c = x12_claimstatus_sent_at(sent, i);
        const x12_claimstatus_claim *a = x12_claimstatus_link_answer(l, i);
        const x12_claimstatus_batch *bt = x12_claimstatus_link_batch(l, i);
        x12_claimstatus_outcome o = x12_claimstatus_link_outcome(l, i);
        x12_str pcn = x12_claimstatus_sent_get(c, X12_SC_PCN);

        counts[o]++;
        fputs("claim ", stdout);
        put_view(pcn);
        printf("%*s %-14s %10s", pcn.len < 16 ? (int)(16 - pcn.len) : 0, "",
               o == X12_CS_NO_ANSWER ? "NO ANSWER" : o == X12_CS_REJECTED ? "REJECTED"
                                                                           : x12_claimstatus_outcome_name(o),
               dollars(b, sizeof b, x12_claimstatus_sent_charge_cents(c)));
        if (a != NULL && x12_claimstatus_claim_get(a, X12_CC_PAYER_CLAIM_NUMBER).len) {
            fputs("  payer claim ", stdout);
            put_view(x12_claimstatus_claim_get(a, X12_CC_PAYER_CLAIM_NUMBER));
        }
        putchar('\n');
        if (a != NULL && (o == X12_CS_REJECTED || o == X12_CS_DENIED || o == X12_CS_ERROR ||
                          o == X12_CS_INFO_REQUESTED || o == X12_CS_NOT_FOUND))
            text_claim_statuses(a, "    ");
        if (bt != NULL) {
            size_t k;
            printf("    the whole %s was rejected:\n",
                   x12_claimstatus_batch_level_of(bt) == X12_CS_BATCH_PROVIDER ? "provider"
                                                                              : "837");
            for (k = 0; k < x12_claimstatus_batch_status_count(bt); k++) {
                fputs("    ", stdout);
                text_status(x12_claimstatus_batch_status_at(bt, k));
                putchar('\n');
            }
        }
    }
    printf("%zu claims sent:", n);
    {
        static const x12_claimstatus_outcome order[] = {
            X12_CS_ACCEPTED, X12_CS_REJECTED, X12_CS_PENDING, X12_CS_INFO_REQUESTED,
            X12_CS_PAID, X12_CS_DENIED, X12_CS_FINALIZED, X12_CS_NOT_FOUND, X12_CS_ERROR,
            X12_CS_UNKNOWN, X12_CS_NO_ANSWER};
        int first = 1;
        for (i = 0; i < sizeof order / sizeof order[0]; i++)
            if (counts[order[i]]) {
                printf("%s %zu %s", first ? "" : ",", counts[order[i]],
                       order[i] == X12_CS_NO_ANSWER ? "with no answer"
                                                    : x12_claimstatus_outcome_name(order[i]));
                first = 0;
            }
        if (first)
            fputs(" none", stdout);
    }
    putchar('\n');
    n = x12_claimstatus_link_unmatched_count(l);
    for (i = 0; i < n; i++) {
        const x12_claimstatus_claim *a = x12_claimstatus_link_unmatched_at(l, i);
        fputs("answer for no claim sent: ", stdout);
        put_view(CF(a, PCN).len ? CF(a, PCN) : CF(a, TRACE_NUMBER));
        printf(" %s\n", x12_claimstatus_outcome_name(x12_claimstatus_claim_outcome(a)));
    }
}

static void json_link(const x12_claimstatus_sent *sent, const x12_claimstatus_link *l)
{
    size_t i, n = x12_claimstatus_link_count(l);

    fputs("{\"claims\":[", stdout);
    for (i = 0; i < n; i++) {
        const x12_claimstatus_sent_claim *c = x12_claimstatus_sent_at(sent, i);
        const x12_claimstatus_claim *a = x12_claimstatus_link_answer(l, i);
        const x12_claimstatus_batch *b = x12_claimstatus_link_batch(l, i);

        fputs(i ? ",\n{" : "\n{", stdout);
        json_kview("pcn", x12_claimstatus_sent_get(c, X12_SC_PCN));
        json_kview("kind", x12_claimstatus_sent_get(c, X12_SC_KIND));
        json_kint("charge_cents", x12_claimstatus_sent_charge_cents(c));
        json_kview("service_from", x12_claimstatus_sent_get(c, X12_SC_SERVICE_FROM));
        json_kview("service_to", x12_claimstatus_sent_get(c, X12_SC_SERVICE_TO));
        json_kview("payer_id", x12_claimstatus_sent_get(c, X12_SC_PAYER_ID));
        json_kview("provider_npi", x12_claimstatus_sent_get(c, X12_SC_PROVIDER_NPI));
        json_kview("batch_reference", x12_claimstatus_sent_get(c, X12_SC_BATCH_REFERENCE));
        json_kint("segment", (int64_t)x12_claimstatus_sent_segment_number(c));
        json_kstr("outcome", x12_claimstatus_outcome_name(x12_claimstatus_link_outcome(l, i)));
        if (b != NULL) {
            json_key("batch");
            json_batch(NULL, b);
            putchar(',');
        }
        json_key("answer");
        if (a != NULL)
            json_claim(NULL, a);
        else
            fputs("null", stdout);
        putchar('}');
    }
    fputs("\n],\"unmatched\":[", stdout);
    n = x12_claimstatus_link_unmatched_count(l);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_claim(NULL, x12_claimstatus_link_unmatched_at(l, i));
    }
    fputs("]}\n", stdout);
}

/* ---- the verb --------------------------------------------------------------------------------- */

int cmd_status(int argc, char **argv);

int cmd_status(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0}, {"--text", 0}, {"--claims", 1}, {NULL, 0}};
    args a = {"status", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    const char **sentf = xmalloc((size_t)argc * sizeof *sentf);
    size_t nfiles = 0, nsent = 0, i, k;
    int r, status = 0, mode = OUT_TEXT, first = 1;
    x12_claimstatus_sent *sent = NULL;

    while ((r = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (r == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(status_usage, stdout);
            free(files);
            free(sentf);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--json") == 0) {
            mode = OUT_JSON;
        } else if (strcmp(opt, "--text") == 0) {
            mode = OUT_TEXT;
        } else if (strcmp(opt, "--claims") == 0) {
            sentf[nsent++] = val;
        }
    }
    if (r == -2) {
        free(files);
        free(sentf);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (nsent > 0 && nfiles > 1) {
        /* One worklist answers one question: what did this answer say
         * about the claims sent.  Several answer files would each claim
         * the same claims. */
        usage_error("status", "with --claims, give one answer file (run once per 277CA)");
        free(files);
        free(sentf);
        return EXIT_USAGE;
    }
    if (nsent > 0) {
        if (x12_claimstatus_sent_new(NULL, &sent) != X12_OK) {
            fprintf(stderr, "%s: status: out of memory\n", progname);
            free(files);
            free(sentf);
            return EXIT_USAGE;
        }
        for (i = 0; i < nsent; i++) {
            input in;
            x12_status st;
            if (input_open(&in, sentf[i]) != 0) {
                status = worst(status, in.status);
                continue;
            }
            x12_claimstatus_sent_set_error_handler(sent, report_handler, &in);
            st = x12_claimstatus_sent_read(sent, in.r);
            if (st != X12_OK) {
                fprintf(stderr, "%s: %s: %s\n", progname, in.name, x12_strerror(st));
                in.status = worst(in.status, EXIT_DATA);
            }
            input_close(&in);
            status = worst(status, in.status);
        }
    }
    if (mode == OUT_JSON && sent == NULL)
        fputs("{\"answers\":[", stdout);
    for (i = 0; i < nfiles; i++) {
        x12_claimstatus_doc *doc;
        size_t n;

        if (read_doc(files[i], &doc, &status) != 0)
            continue;
        if (sent != NULL) {
            x12_claimstatus_link *l;
            if (x12_claimstatus_link_new(NULL, sent, doc, &l) != X12_OK) {
                fprintf(stderr, "%s: status: out of memory\n", progname);
                status = EXIT_USAGE;
            } else {
                if (mode == OUT_JSON)
                    json_link(sent, l);
                else
                    text_link(sent, l);
                x12_claimstatus_link_free(l);
            }
        } else if (mode == OUT_JSON) {
            n = x12_claimstatus_doc_batch_count(doc);
            for (k = 0; k < n; k++) {
                fputs(first ? "\n" : ",\n", stdout);
                first = 0;
                json_batch(files[i], x12_claimstatus_doc_batch_at(doc, k));
            }
            n = x12_claimstatus_doc_claim_count(doc);
            for (k = 0; k < n; k++) {
                fputs(first ? "\n" : ",\n", stdout);
                first = 0;
                json_claim(files[i], x12_claimstatus_doc_claim_at(doc, k));
            }
        } else {
            n = x12_claimstatus_doc_batch_count(doc);
            for (k = 0; k < n; k++)
                text_batch(files[i], x12_claimstatus_doc_batch_at(doc, k));
            n = x12_claimstatus_doc_claim_count(doc);
            for (k = 0; k < n; k++)
                text_claim(files[i], x12_claimstatus_doc_claim_at(doc, k));
        }
        x12_claimstatus_doc_free(doc);
        if (output_failed())
            break;
    }
    if (mode == OUT_JSON && sent == NULL)
        fputs("\n]}\n", stdout);
    x12_claimstatus_sent_free(sent);
    free(files);
    free(sentf);
    if (output_failed())
        return EXIT_USAGE;
    return status;
}
