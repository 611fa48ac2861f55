/*
 * x12 claims - the claims of 837P/837I files, as JSON, JSON lines, CSV (one
 * row per service line) or a short text listing.  Streams: one claim is
 * held at a time (x12_claim_stream), so memory stays flat on any file size.
 *
 * The data outputs carry the patient control number, the subscriber's
 * member id and the payer: they are the data asked for.  The text listing
 * and every diagnostic on stderr name claims by position only.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/claimread.h>

#include "cli.h"

extern const char claims_usage[];
const char claims_usage[] =
    "Usage: x12 claims [--json|--jsonl|--csv|--text] FILE...\n"
    "List the claims of 837P and 837I files: patient control number, payer,\n"
    "subscriber member id, charge, diagnoses, providers by role, other payers and\n"
    "service lines (procedure, modifiers, charge, units, dates, REF*6R line item\n"
    "control number).  FILE may be '-' for standard input (the default when no\n"
    "FILE is given) and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --json            one JSON document {\"claims\": [...]}; amounts are integer\n"
    "                    cents in fields named *_cents\n"
    "  --jsonl           one JSON object per claim per line (the same objects)\n"
    "  --csv             one row per service line (claims without lines get one\n"
    "                    row), amounts in cents\n"
    "  --text            one line per claim and per service line, by position (the\n"
    "                    default; no identifying values)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Segments and elements the claim model does not keep are reported as\n"
    "warnings (not-kept) and do not change the exit status; claims the file's\n"
    "HL tree does not let be read are errors.  Exit status: 0 ok, 1 the input\n"
    "has errors, 2 usage or I/O error.\n";

enum { OUT_TEXT, OUT_JSON, OUT_JSONL, OUT_CSV };

/* ---- output helpers --------------------------------------------------------- */

/* Members are written with the comma before them; every object starts
 * with one member written by hand. */
static void jkey(const char *key)
{
    putchar(',');
    json_key(key);
}

/* ,"key":"value" -- only when the value is not empty. */
static void jv(const char *key, x12_str v)
{
    if (v.len == 0)
        return;
    jkey(key);
    json_view(v);
}

static void js(const char *key, const char *s)
{
    jkey(key);
    json_string(s);
}

static void jn(const char *key, int64_t n)
{
    jkey(key);
    printf("%" PRId64, n);
}

static x12_str cstr_view(const char *s)
{
    x12_str v;

    v.ptr = s;
    v.len = strlen(s);
    return v;
}

static const char *kind_name(x12_claim_kind k)
{
    return k == X12_CLAIM_837I ? "837I" : "837P";
}

static const char *dx_kind_name(x12_dx_kind k)
{
    switch (k) {
    case X12_DX_PRINCIPAL:
        return "principal";
    case X12_DX_ADMITTING:
        return "admitting";
    case X12_DX_REASON:
        return "reason";
    case X12_DX_EXTERNAL_CAUSE:
        return "external_cause";
    default:
        return "other";
    }
}

static const char *code_kind_name(x12_code_kind k)
{
    static const char *names[] = {"",           "principal_procedure", "other_procedure",
                                  "occurrence", "occurrence_span",     "value",
                                  "condition",  "treatment",           "anesthesia_procedure"};

    return (int)k >= 1 && (int)k <= X12_CODE_ANESTHESIA_PROCEDURE ? names[k] : "";
}

/* ---- JSON ---------------------------------------------------------------------- */

static void party_json(const char *key, x12_party *p, const char *id_key)
{
    x12_str name = x12_party_get(p, X12_PARTY_NAME), id = x12_party_get(p, X12_PARTY_ID);

    if (name.len == 0 && id.len == 0)
        return;
    jkey(key);
    fputs("{\"name\":", stdout);
    json_view(name);
    jv(id_key, id);
    putchar('}');
}

static void providers_json(int line, void *owner)
{
    int r, n = 0;

    for (r = 1; *x12_claim_role_name((x12_claim_role)r); r++) {
        x12_party *p = line ? x12_line_find_provider(owner, (x12_claim_role)r)
                            : x12_claim_find_provider(owner, (x12_claim_role)r);

        if (p == NULL)
            continue;
        if (n++ == 0)
            jkey("providers"), putchar('[');
        else
            putchar(',');
        fputs("{\"role\":", stdout);
        json_string(x12_claim_role_name((x12_claim_role)r));
        jv("npi", x12_party_get(p, X12_PARTY_ID));
        jv("name", x12_party_get(p, X12_PARTY_NAME));
        jv("first_name", x12_party_get(p, X12_PARTY_FIRST_NAME));
        jv("taxonomy", x12_party_get(p, X12_PARTY_TAXONOMY));
        putchar('}');
    }
    if (n)
        putchar(']');
}

static void line_json(x12_service_line *l, size_t n)
{
    size_t i;
    int64_t cents;
    x12_line_adjudication *a;

    printf("{\"line\":%zu", n);
    jv("procedure", x12_line_get(l, X12_LINE_PROCEDURE));
    jkey("modifiers");
    putchar('[');
    for (i = 0; i < x12_line_modifier_count(l); i++) {
        if (i)
            putchar(',');
        json_view(x12_line_modifier(l, i));
    }
    putchar(']');
    jv("revenue_code", x12_line_get(l, X12_LINE_REVENUE_CODE));
    if (x12_line_get_amount(l, X12_LINEAMT_CHARGE, &cents))
        jn("charge_cents", cents);
    if (x12_line_get_amount(l, X12_LINEAMT_NONCOVERED, &cents))
        jn("noncovered_cents", cents);
    jv("units", x12_line_get(l, X12_LINE_UNITS));
    jv("unit", x12_line_get(l, X12_LINE_UNIT));
    jv("place_of_service", x12_line_get(l, X12_LINE_PLACE_OF_SERVICE));
    jv("service_from", x12_line_get(l, X12_LINE_SERVICE_FROM));
    jv("service_to", x12_line_get(l, X12_LINE_SERVICE_TO));
    jv("control_number", x12_line_get(l, X12_LINE_CONTROL_NUMBER));
    jv("ndc", x12_line_get(l, X12_LINE_NDC));
    jkey("pointers");
    putchar('[');
    for (i = 0; i < x12_line_pointer_count(l); i++)
        printf("%s%u", i ? "," : "", x12_line_pointer(l, i));
    putchar(']');
    providers_json(1, l);
    if (x12_line_adjudication_count(l)) {
        jkey("adjudications");
        putchar('[');
        for (a = x12_line_first_adjudication(l); a != NULL; a = x12_line_adjudication_next(a)) {
            int64_t adj = 0, c;
            if (a != x12_line_first_adjudication(l))
                putchar(',');
            fputs("{\"payer_id\":", stdout);
            json_view(x12_line_adjudication_get(a, X12_LA_PAYER_ID));
            jv("date", x12_line_adjudication_get(a, X12_LA_DATE));
            if (x12_line_adjudication_get_amount(a, X12_LAAMT_PAID, &cents))
                jn("paid_cents", cents);
            for (i = 0; i < x12_line_adjudication_adjustment_count(a); i++) {
                (void)x12_line_adjudication_adjustment(a, i, NULL, &c, NULL);
                adj += c;
            }
            jn("adjustments_cents", adj);
            putchar('}');
        }
        putchar(']');
    }
    putchar('}');
}

static void claim_json(const char *file, x12_claim_stream *s)
{
    x12_claim *c = x12_claim_stream_claim(s);
    x12_subscriber *sub = x12_claim_stream_subscriber(s);
    x12_patient *pt = x12_claim_stream_patient(s);
    x12_party *payer = x12_claim_stream_payer(s);
    x12_other_payer *op;
    x12_service_line *l;
    x12_claim_kind kind = x12_claim_stream_kind(s);
    int64_t cents;
    size_t i, n;

    fputs("{\"file\":", stdout);
    json_string(file);
    js("kind", kind_name(kind));
    jn("set_index", (int64_t)x12_claim_stream_position(s, X12_CPOS_SET_INDEX));
    jv("set_control_number", x12_claim_stream_envelope(s, X12_ENV_ST02));
    jn("claim_index", (int64_t)x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX));
    jn("segment_number", (int64_t)x12_claim_stream_position(s, X12_CPOS_SEGMENT_NUMBER));
    jn("offset", (int64_t)x12_claim_stream_position(s, X12_CPOS_OFFSET));
    jn("end_offset", (int64_t)x12_claim_stream_position(s, X12_CPOS_END_OFFSET));
    jn("set_offset", (int64_t)x12_claim_stream_position(s, X12_CPOS_ST_OFFSET));
    jv("pcn", x12_claim_get(c, X12_CLAIM_PCN));
    if (x12_claim_get_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, &cents))
        jn("charge_cents", cents);
    if (kind == X12_CLAIM_837P) {
        jv("place_of_service", x12_claim_get(c, X12_CLAIM_PLACE_OF_SERVICE));
        jv("frequency", x12_claim_get(c, X12_CLAIM_FREQUENCY));
    } else {
        jv("bill_type", x12_claim_get(c, X12_CLAIM_BILL_TYPE));
    }
    jv("service_from", x12_claim_get(c, X12_CLAIM_SERVICE_FROM));
    jv("service_to", x12_claim_get(c, X12_CLAIM_SERVICE_TO));
    jv("payer_claim_number", x12_claim_get(c, X12_CLAIM_PAYER_CLAIM_NUMBER));
    jv("prior_authorization", x12_claim_get(c, X12_CLAIM_PRIOR_AUTH));
    jkey("payer");
    fputs("{\"name\":", stdout);
    json_view(x12_party_get(payer, X12_PARTY_NAME));
    jv("payer_id", x12_party_get(payer, X12_PARTY_ID));
    putchar('}');
    jkey("subscriber");
    fputs("{\"responsibility\":", stdout);
    json_view(x12_subscriber_get(sub, X12_SUB_RESPONSIBILITY));
    jv("member_id", x12_party_get(x12_subscriber_party(sub), X12_PARTY_ID));
    jv("group_number", x12_subscriber_get(sub, X12_SUB_GROUP_NUMBER));
    jv("filing_indicator", x12_subscriber_get(sub, X12_SUB_FILING_INDICATOR));
    putchar('}');
    if (pt != NULL)
        jv("patient_relationship", x12_patient_relationship(pt));
    party_json("billing_provider", x12_billing_provider_party(x12_claim_stream_provider(s)),
               "npi");
    jkey("diagnoses");
    putchar('[');
    n = x12_claim_diagnosis_count(c);
    for (i = 0; i < n; i++) {
        x12_dx_kind k;
        x12_str code = x12_claim_diagnosis(c, i, &k);
        char poa[2] = {x12_claim_diagnosis_poa(c, i), 0};
        fputs(i ? ",{\"code\":" : "{\"code\":", stdout);
        json_view(code);
        js("kind", dx_kind_name(k));
        if (poa[0])
            js("poa", poa);
        putchar('}');
    }
    putchar(']');
    if ((n = x12_claim_code_count(c)) > 0) {
        jkey("codes");
        putchar('[');
        for (i = 0; i < n; i++) {
            x12_code_kind k;
            x12_str d1, d2, code = x12_claim_code(c, i, &k, &d1, &d2, &cents);
            fputs(i ? ",{\"code\":" : "{\"code\":", stdout);
            json_view(code);
            js("kind", code_kind_name(k));
            jv("date", d1);
            jv("date2", d2);
            if (k == X12_CODE_VALUE)
                jn("amount_cents", cents);
            putchar('}');
        }
        putchar(']');
    }
    providers_json(0, c);
    if (x12_claim_other_payer_count(c)) {
        jkey("other_payers");
        putchar('[');
        for (op = x12_claim_first_other_payer(c); op != NULL; op = x12_other_payer_next(op)) {
            x12_party *opp = x12_other_payer_payer(op);
            if (op != x12_claim_first_other_payer(c))
                putchar(',');
            fputs("{\"responsibility\":", stdout);
            json_view(x12_other_payer_get(op, X12_OP_RESPONSIBILITY));
            jv("name", x12_party_get(opp, X12_PARTY_NAME));
            jv("payer_id", x12_party_get(opp, X12_PARTY_ID));
            jv("member_id", x12_party_get(x12_other_payer_subscriber(op), X12_PARTY_ID));
            jv("filing_indicator", x12_other_payer_get(op, X12_OP_FILING_INDICATOR));
            jv("adjudication_date", x12_other_payer_get(op, X12_OP_ADJUDICATION_DATE));
            if (x12_other_payer_get_amount(op, X12_OPAMT_PAID, &cents))
                jn("paid_cents", cents);
            if (x12_other_payer_get_amount(op, X12_OPAMT_PATIENT_LIABILITY, &cents))
                jn("patient_liability_cents", cents);
            putchar('}');
        }
        putchar(']');
    }
    jkey("lines");
    putchar('[');
    for (l = x12_claim_first_line(c), i = 0; l != NULL; l = x12_line_next(l)) {
        if (i)
            putchar(',');
        line_json(l, ++i);
    }
    putchar(']');
    jn("not_kept", (int64_t)x12_claim_stream_not_kept_count(s));
    putchar('}');
}

/* ---- CSV --------------------------------------------------------------------- */

static const char csv_header[] =
    "file,kind,set_index,claim_index,segment_number,pcn,member_id,payer_id,payer_name,"
    "billing_npi,claim_charge_cents,frequency,facility,claim_from,claim_to,diagnoses,"
    "line,procedure,modifiers,revenue_code,line_charge_cents,units,unit,line_from,line_to,"
    "control_number,rendering_npi,not_kept\n";

static void csv_field(x12_str v)
{
    size_t i;
    int quote = 0;

    for (i = 0; i < v.len && !quote; i++)
        quote = v.ptr[i] == ',' || v.ptr[i] == '"' || v.ptr[i] == '\n' || v.ptr[i] == '\r';
    if (quote) {
        putchar('"');
        for (i = 0; i < v.len; i++) {
            if (v.ptr[i] == '"')
                putchar('"');
            putchar(v.ptr[i]);
        }
        putchar('"');
    } else {
        put_view(v);
    }
    putchar(',');
}

static void csv_u(uint64_t n)
{
    printf("%" PRIu64 ",", n);
}

static void csv_amount(int has, int64_t cents)
{
    if (has)
        printf("%" PRId64, cents);
    putchar(',');
}

/* Joins the views of a list with a space, into a CSV field. */
static void csv_list(size_t n, x12_str (*get)(void *, size_t), void *obj)
{
    size_t i, j;
    int quote = 0;

    for (i = 0; i < n && !quote; i++) {
        x12_str v = get(obj, i);
        for (j = 0; j < v.len; j++)
            quote |= v.ptr[j] == ',' || v.ptr[j] == '"' || v.ptr[j] == '\n' || v.ptr[j] == '\r';
    }
    if (quote)
        putchar('"');
    for (i = 0; i < n; i++) {
        x12_str v = get(obj, i);
        if (i)
            putchar(' ');
        for (j = 0; j < v.len; j++) {
            if (quote && v.ptr[j] == '"')
                putchar('"');
            putchar(v.ptr[j]);
        }
    }
    if (quote)
        putchar('"');
    putchar(',');
}

static x12_str dx_at(void *c, size_t i)
{
    return x12_claim_diagnosis(c, i, NULL);
}

static x12_str mod_at(void *l, size_t i)
{
    return x12_line_modifier(l, i);
}

static void csv_claim(const char *file, x12_claim_stream *s)
{
    x12_claim *c = x12_claim_stream_claim(s);
    x12_claim_kind kind = x12_claim_stream_kind(s);
    x12_party *payer = x12_claim_stream_payer(s);
    x12_service_line *l = x12_claim_first_line(c);
    size_t n = 0;
    int64_t cents;
    int has;

    do {
        int64_t lc;
        x12_party *r;

        csv_field(cstr_view(file));
        csv_field(cstr_view(kind_name(kind)));
        csv_u(x12_claim_stream_position(s, X12_CPOS_SET_INDEX));
        csv_u(x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX));
        csv_u(x12_claim_stream_position(s, X12_CPOS_SEGMENT_NUMBER));
        csv_field(x12_claim_get(c, X12_CLAIM_PCN));
        csv_field(x12_party_get(x12_subscriber_party(x12_claim_stream_subscriber(s)),
                                X12_PARTY_ID));
        csv_field(x12_party_get(payer, X12_PARTY_ID));
        csv_field(x12_party_get(payer, X12_PARTY_NAME));
        csv_field(x12_party_get(x12_billing_provider_party(x12_claim_stream_provider(s)),
                                X12_PARTY_ID));
        has = x12_claim_get_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, &cents);
        csv_amount(has, cents);
        csv_field(kind == X12_CLAIM_837P ? x12_claim_get(c, X12_CLAIM_FREQUENCY)
                                         : cstr_view(""));
        csv_field(kind == X12_CLAIM_837P ? x12_claim_get(c, X12_CLAIM_PLACE_OF_SERVICE)
                                         : x12_claim_get(c, X12_CLAIM_BILL_TYPE));
        csv_field(x12_claim_get(c, X12_CLAIM_SERVICE_FROM));
        csv_field(x12_claim_get(c, X12_CLAIM_SERVICE_TO));
        csv_list(x12_claim_diagnosis_count(c), dx_at, c);
        if (l != NULL) {
            printf("%zu,", ++n);
            csv_field(x12_line_get(l, X12_LINE_PROCEDURE));
            csv_list(x12_line_modifier_count(l), mod_at, l);
            csv_field(x12_line_get(l, X12_LINE_REVENUE_CODE));
            has = x12_line_get_amount(l, X12_LINEAMT_CHARGE, &lc);
            csv_amount(has, lc);
            csv_field(x12_line_get(l, X12_LINE_UNITS));
            csv_field(x12_line_get(l, X12_LINE_UNIT));
            csv_field(x12_line_get(l, X12_LINE_SERVICE_FROM));
            csv_field(x12_line_get(l, X12_LINE_SERVICE_TO));
            csv_field(x12_line_get(l, X12_LINE_CONTROL_NUMBER));
            r = x12_line_find_provider(l, X12_ROLE_RENDERING);
            if (r == NULL)
                r = x12_claim_find_provider(c, X12_ROLE_RENDERING);
        } else {
            fputs(",,,,,,,,,,", stdout);
            r = x12_claim_find_provider(c, X12_ROLE_RENDERING);
        }
        csv_field(r ? x12_party_get(r, X12_PARTY_ID) : cstr_view(""));
        printf("%zu\n", x12_claim_stream_not_kept_count(s));
        l = x12_line_next(l);
    } while (l != NULL);
}

/* ---- text -------------------------------------------------------------------- */

static void money(int has, int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

    if (!has) {
        fputs("-", stdout);
        return;
    }
    printf("%s%" PRIu64 ".%02u", c < 0 ? "-" : "", m / 100u, (unsigned)(m % 100u));
}

static void text_claim(const char *file, x12_claim_stream *s)
{
    x12_claim *c = x12_claim_stream_claim(s);
    x12_claim_kind kind = x12_claim_stream_kind(s);
    x12_service_line *l;
    int64_t cents;
    size_t i, n = 0;
    int has = x12_claim_get_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, &cents);

    printf("%s: %s claim %" PRIu64 " (set %" PRIu64 ", segment %" PRIu64 "): %zu line%s, charge ",
           file, kind_name(kind), x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX) + 1,
           x12_claim_stream_position(s, X12_CPOS_SET_INDEX) + 1,
           x12_claim_stream_position(s, X12_CPOS_SEGMENT_NUMBER), x12_claim_line_count(c),
           x12_claim_line_count(c) == 1 ? "" : "s");
    money(has, cents);
    fputs(", payer ", stdout);
    put_view(x12_party_get(x12_claim_stream_payer(s), X12_PARTY_ID));
    if (kind == X12_CLAIM_837P) {
        fputs(", place ", stdout);
        put_view(x12_claim_get(c, X12_CLAIM_PLACE_OF_SERVICE));
        fputs(", frequency ", stdout);
        put_view(x12_claim_get(c, X12_CLAIM_FREQUENCY));
    } else {
        fputs(", bill type ", stdout);
        put_view(x12_claim_get(c, X12_CLAIM_BILL_TYPE));
    }
    if (x12_claim_other_payer_count(c))
        printf(", %zu other payer%s", x12_claim_other_payer_count(c),
               x12_claim_other_payer_count(c) == 1 ? "" : "s");
    fputs(", dx", stdout);
    for (i = 0; i < x12_claim_diagnosis_count(c); i++) {
        putchar(' ');
        put_view(x12_claim_diagnosis(c, i, NULL));
    }
    if (x12_claim_stream_not_kept_count(s))
        printf(", %zu not kept", x12_claim_stream_not_kept_count(s));
    putchar('\n');
    for (l = x12_claim_first_line(c); l != NULL; l = x12_line_next(l)) {
        x12_str from = x12_line_get(l, X12_LINE_SERVICE_FROM), to = x12_line_get(l, X12_LINE_SERVICE_TO);
        int64_t lc;
        printf("  line %zu: ", ++n);
        if (kind == X12_CLAIM_837I) {
            put_view(x12_line_get(l, X12_LINE_REVENUE_CODE));
            putchar(' ');
        }
        if (x12_line_get(l, X12_LINE_PROCEDURE).len) {
            put_view(x12_line_get(l, X12_LINE_PROCEDURE));
            for (i = 0; i < x12_line_modifier_count(l); i++) {
                putchar(':');
                put_view(x12_line_modifier(l, i));
            }
            putchar(' ');
        }
        has = x12_line_get_amount(l, X12_LINEAMT_CHARGE, &lc);
        money(has, lc);
        fputs(" x", stdout);
        put_view(x12_line_get(l, X12_LINE_UNITS));
        putchar(' ');
        put_view(x12_line_get(l, X12_LINE_UNIT));
        if (from.len) {
            putchar(' ');
            put_view(from);
            if (to.len) {
                putchar('-');
                put_view(to);
            }
        }
        putchar('\n');
    }
}

/* ---- the verb ------------------------------------------------------------------- */

typedef struct claims_run {
    int mode;
    size_t printed; /* claims written, for the JSON commas */
} claims_run;


static void claims_file(input *in, claims_run *run)
{
    x12_claim_stream *s;
    x12_status st;
    uint64_t nclaims = 0;

    if (x12_claim_stream_new(NULL, in->r, &s) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, in->name);
        in->status = EXIT_USAGE;
        return;
    }
    x12_claim_stream_set_error_handler(s, report_handler, in);
    while ((st = x12_claim_stream_next(s)) == X12_OK) {
        progress_tick(in);
        nclaims++;
        switch (run->mode) {
        case OUT_JSON:
            if (run->printed)
                putchar(',');
            claim_json(in->name, s);
            break;
        case OUT_JSONL:
            claim_json(in->name, s);
            putchar('\n');
            break;
        case OUT_CSV:
            csv_claim(in->name, s);
            break;
        default:
            text_claim(in->name, s);
            break;
        }
        run->printed++;
        if (ferror(stdout))
            break;
    }
    if (st != X12_OK && st != X12_END) {
        const x12_error *e = x12_claim_stream_last_error(s);

        if (st == X12_EIO) {
            fprintf(stderr, "%s: %s: read error: %s\n", progname, in->name,
                    e != NULL ? x12_error_message(e) : x12_strerror(st));
            in->status = EXIT_USAGE;
        } else if (e != NULL) {
            report(in, e);
            in->status = worst(in->status, EXIT_DATA);
        } else {
            fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
            in->status = worst(in->status, EXIT_DATA);
        }
    }
    if (run->mode == OUT_TEXT) {
        uint64_t skipped = x12_claim_stream_total(s, X12_CTOTAL_SKIPPED);
        printf("%s: %" PRIu64 " claim%s, %" PRIu64 " line%s", in->name, nclaims,
               nclaims == 1 ? "" : "s", x12_claim_stream_total(s, X12_CTOTAL_LINES),
               x12_claim_stream_total(s, X12_CTOTAL_LINES) == 1 ? "" : "s");
        if (skipped)
            printf(", %" PRIu64 " skipped", skipped);
        if (x12_claim_stream_total(s, X12_CTOTAL_NOT_KEPT))
            printf(", %" PRIu64 " not-kept warnings",
                   x12_claim_stream_total(s, X12_CTOTAL_NOT_KEPT));
        putchar('\n');
    }
    x12_claim_stream_free(s);
}

int cmd_claims(int argc, char **argv);

int cmd_claims(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0}, {"--jsonl", 0}, {"--csv", 0}, {"--text", 0},
                                  {NULL, 0}};
    args a = {"claims", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i;
    int k, status = 0;
    claims_run run = {OUT_TEXT, 0};

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(claims_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--json") == 0) {
            run.mode = OUT_JSON;
        } else if (strcmp(opt, "--jsonl") == 0) {
            run.mode = OUT_JSONL;
        } else if (strcmp(opt, "--csv") == 0) {
            run.mode = OUT_CSV;
        } else if (strcmp(opt, "--text") == 0) {
            run.mode = OUT_TEXT;
        }
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (run.mode == OUT_JSON)
        fputs("{\"claims\":[", stdout);
    else if (run.mode == OUT_CSV)
        fputs(csv_header, stdout);
    for (i = 0; i < nfiles; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        claims_file(&in, &run);
        input_close(&in);
        status = worst(status, in.status);
        if (output_failed()) {
            free(files);
            return EXIT_USAGE;
        }
    }
    if (run.mode == OUT_JSON)
        fputs("]}\n", stdout);
    free(files);
    if (output_failed())
        return EXIT_USAGE;
    return status;
}
