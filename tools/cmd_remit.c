/*
 * x12 remit - 835 remittances as JSON, CSV (one row per service line, for
 * payment posting) or a short text summary.  Streams: one claim is held at a
 * time, so memory stays flat on any file size.
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
    "Usage: x12 remit [--json|--csv|--text [--claims]] FILE...\n"
    "Read 835 remittances: payments, claims, service lines, adjustments and\n"
    "denials, with balancing checks.  FILE may be '-' for standard input (the\n"
    "default when no FILE is given) and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --json            one JSON document {\"payments\": [...]}; amounts are\n"
    "                    integer cents in fields named *_cents\n"
    "  --csv             one row per service line (claims without lines get one\n"
    "                    row), amounts in dollars, ready for payment posting\n"
    "  --text            a short summary per payment (the default)\n"
    "  --claims          with --text: one line per claim as well, and under a\n"
    "                    denied or partly paid claim its reasons (CARC, summed\n"
    "                    per group and code) and remark codes (RARC)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Balancing problems are printed as warnings and do not change the exit\n"
    "status.  Exit status: 0 ok, 1 the input has errors, 2 usage or I/O error.\n";

enum { OUT_TEXT, OUT_JSON, OUT_CSV };

/* ---- small output helpers ------------------------------------------------ */

static void put_view(x12_str v)
{
    fwrite(v.ptr, 1, v.len, stdout);
}

/* A JSON string from a view, escaped as json_string does. */
static void json_view(x12_str v)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;

    putchar('"');
    for (i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.ptr[i];

        if (c == '"' || c == '\\') {
            putchar('\\');
            putchar(c);
        } else if (c < 0x20 || c >= 0x7f) {
            fputs("\\u00", stdout);
            putchar(hex[c >> 4]);
            putchar(hex[c & 15]);
        } else {
            putchar(c);
        }
    }
    putchar('"');
}

static void jkv(const char *key, x12_str v)
{
    json_key(key);
    json_view(v);
    putchar(',');
}

static void jks(const char *key, const char *s)
{
    json_kv(key, s != NULL ? s : "", 1);
}

static void jkc(const char *key, int64_t cents)
{
    json_key(key);
    printf("%" PRId64 ",", cents);
}

static void jkz(const char *key, uint64_t n)
{
    json_kn(key, n, 1);
}

static void jkb(const char *key, int b)
{
    json_key(key);
    fputs(b ? "true," : "false,", stdout);
}

static const char *dollars(char *buf, size_t size, int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

    snprintf(buf, size, "%s%" PRIu64 ".%02u", c < 0 ? "-" : "", m / 100u, (unsigned)(m % 100u));
    return buf;
}

static x12_str cstr_view(const char *s)
{
    x12_str v;

    v.ptr = s != NULL ? s : "";
    v.len = strlen(v.ptr);
    return v;
}

static const char *code_text(x12_remit_codeset set, x12_str code)
{
    const char *t = x12_remit_code_text(set, code.ptr, code.len);

    return t != NULL ? t : "";
}

/* ---- a claim or a service line ------------------------------------------ */

/* What a claim and a service line both have, read through one set of
 * accessors, so that each list is written by one function for both. */
typedef struct part {
    const void *obj;
    size_t nadj, nrem, nref, ndate, namt, nqty;
    const x12_remit_adjustment *(*adj)(const void *, size_t);
    const x12_remit_remark *(*rem)(const void *, size_t);
    const x12_remit_ref *(*ref)(const void *, size_t);
    const x12_remit_date *(*date)(const void *, size_t);
    const x12_remit_amount *(*amt)(const void *, size_t);
    const x12_remit_quantity *(*qty)(const void *, size_t);
    int64_t (*share)(const void *, x12_remit_share);
} part;

static const x12_remit_adjustment *c_adj(const void *c, size_t i) { return x12_remit_claim_adjustment_at(c, i); }
static const x12_remit_remark *c_rem(const void *c, size_t i) { return x12_remit_claim_remark_at(c, i); }
static const x12_remit_ref *c_ref(const void *c, size_t i) { return x12_remit_claim_ref_at(c, i); }
static const x12_remit_date *c_date(const void *c, size_t i) { return x12_remit_claim_date_at(c, i); }
static const x12_remit_amount *c_amt(const void *c, size_t i) { return x12_remit_claim_amount_at(c, i); }
static const x12_remit_quantity *c_qty(const void *c, size_t i) { return x12_remit_claim_quantity_at(c, i); }
static int64_t c_share(const void *c, x12_remit_share w) { return x12_remit_claim_patient_share_cents(c, w); }

static const x12_remit_adjustment *s_adj(const void *s, size_t i) { return x12_remit_service_adjustment_at(s, i); }
static const x12_remit_remark *s_rem(const void *s, size_t i) { return x12_remit_service_remark_at(s, i); }
static const x12_remit_ref *s_ref(const void *s, size_t i) { return x12_remit_service_ref_at(s, i); }
static const x12_remit_date *s_date(const void *s, size_t i) { return x12_remit_service_date_at(s, i); }
static const x12_remit_amount *s_amt(const void *s, size_t i) { return x12_remit_service_amount_at(s, i); }
static const x12_remit_quantity *s_qty(const void *s, size_t i) { return x12_remit_service_quantity_at(s, i); }
static int64_t s_share(const void *s, x12_remit_share w) { return x12_remit_service_patient_share_cents(s, w); }

static part claim_part(const x12_remit_claim *c)
{
    part p = {c, x12_remit_claim_adjustment_count(c), x12_remit_claim_remark_count(c),
              x12_remit_claim_ref_count(c), x12_remit_claim_date_count(c),
              x12_remit_claim_amount_count(c), x12_remit_claim_quantity_count(c),
              c_adj, c_rem, c_ref, c_date, c_amt, c_qty, c_share};

    return p;
}

static part service_part(const x12_remit_service *s)
{
    part p = {s, x12_remit_service_adjustment_count(s), x12_remit_service_remark_count(s),
              x12_remit_service_ref_count(s), x12_remit_service_date_count(s),
              x12_remit_service_amount_count(s), x12_remit_service_quantity_count(s),
              s_adj, s_rem, s_ref, s_date, s_amt, s_qty, s_share};

    return p;
}

/* ---- JSON ----------------------------------------------------------------- */

/* item,item,... where put(obj, i) writes item i. */
static void json_items(size_t n, void (*put)(const void *, size_t), const void *obj)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        put(obj, i);
    }
}

/* "key":[item,item,...] followed by `close` ("]," or "]}"). */
static void json_list(const char *key, size_t n, void (*put)(const void *, size_t),
                      const void *obj, const char *close)
{
    json_key(key);
    putchar('[');
    json_items(n, put, obj);
    fputs(close, stdout);
}

/* {"k1":"v1","k2":"v2"} */
static void json_pair(const char *k1, x12_str v1, const char *k2, x12_str v2)
{
    putchar('{');
    jkv(k1, v1);
    json_key(k2);
    json_view(v2);
    putchar('}');
}

static void json_ref(const x12_remit_ref *r)
{
    json_pair("qualifier", x12_remit_ref_qualifier(r), "value", x12_remit_ref_value(r));
}

static void put_name_ref(const void *n, size_t i)
{
    json_ref(x12_remit_name_ref_at(n, i));
}

/* A contact's numbers: PER03/04, 05/06, 07/08, those with a qualifier. */
static void json_contact_numbers(const x12_remit_contact *ct)
{
    unsigned k;
    int first = 1;

    json_key("numbers");
    putchar('[');
    for (k = 0; k < 3; k++) {
        x12_str q = x12_remit_contact_element(ct, 3 + 2 * k);

        if (q.len == 0)
            continue;
        if (!first)
            putchar(',');
        first = 0;
        json_pair("qualifier", q, "number", x12_remit_contact_element(ct, 4 + 2 * k));
    }
    putchar(']');
}

static void put_name_contact(const void *n, size_t i)
{
    const x12_remit_contact *ct = x12_remit_name_contact_at(n, i);

    putchar('{');
    jkv("function", x12_remit_contact_element(ct, 1));
    jkv("name", x12_remit_contact_element(ct, 2));
    json_contact_numbers(ct);
    putchar('}');
}

/* A name or party as one JSON object (no trailing comma). */
static void json_name_obj(const x12_remit_name *n)
{
    if (n == NULL) {
        fputs("null", stdout);
        return;
    }
    putchar('{');
    jkv("entity", x12_remit_name_field_value(n, X12_RN_ENTITY));
    jkv("type", x12_remit_name_field_value(n, X12_RN_TYPE));
    jkv("name", x12_remit_name_field_value(n, X12_RN_NAME));
    jkv("first_name", x12_remit_name_field_value(n, X12_RN_FIRST));
    jkv("middle_name", x12_remit_name_field_value(n, X12_RN_MIDDLE));
    jkv("suffix", x12_remit_name_field_value(n, X12_RN_SUFFIX));
    jkv("id_qualifier", x12_remit_name_field_value(n, X12_RN_ID_QUALIFIER));
    jkv("id", x12_remit_name_field_value(n, X12_RN_ID));
    if (x12_remit_name_field_value(n, X12_RN_ADDRESS1).len > 0 ||
        x12_remit_name_field_value(n, X12_RN_CITY).len > 0) {
        json_key("address");
        putchar('{');
        jkv("line1", x12_remit_name_field_value(n, X12_RN_ADDRESS1));
        jkv("line2", x12_remit_name_field_value(n, X12_RN_ADDRESS2));
        jkv("city", x12_remit_name_field_value(n, X12_RN_CITY));
        jkv("state", x12_remit_name_field_value(n, X12_RN_STATE));
        jkv("postal_code", x12_remit_name_field_value(n, X12_RN_POSTAL_CODE));
        json_key("country");
        json_view(x12_remit_name_field_value(n, X12_RN_COUNTRY));
        fputs("},", stdout);
    }
    json_list("refs", x12_remit_name_ref_count(n), put_name_ref, n, "],");
    json_list("contacts", x12_remit_name_contact_count(n), put_name_contact, n, "]}");
}

static void json_name(const char *key, const x12_remit_name *n)
{
    json_key(key);
    json_name_obj(n);
    putchar(',');
}

static void json_issue(const x12_error *e)
{
    putchar('{');
    jks("rule", x12_error_rule(e));
    jks("severity", x12_error_severity(e) == X12_SEV_WARNING ? "warning" : "error");
    jkz("segment_number", x12_error_segment_number(e));
    jks("segment", x12_error_segment_id(e));
    jks("loop", x12_error_loop_id(e));
    jkz("element", x12_error_element(e));
    jkz("offset", x12_error_offset(e));
    json_kv("message", x12_error_message(e), 0);
    putchar('}');
}

/* Issues whose rule starts (or not) with "balance-". */
static void json_issues(const char *key, size_t n, const x12_error *(*at)(const void *, size_t),
                        const void *obj, int balance)
{
    size_t i;
    int first = 1;

    json_key(key);
    putchar('[');
    for (i = 0; i < n; i++) {
        const x12_error *e = at(obj, i);
        int is_balance = strncmp(x12_error_rule(e), "balance-", 8) == 0;

        if (is_balance != balance)
            continue;
        if (!first)
            putchar(',');
        first = 0;
        json_issue(e);
    }
    fputs("],", stdout);
}

static const x12_error *claim_issue(const void *c, size_t i)
{
    return x12_remit_claim_issue_at(c, i);
}

static const x12_error *payment_issue(const void *p, size_t i)
{
    return x12_remit_payment_issue_at(p, i);
}

static void json_adjustment(const x12_remit_adjustment *a, int with_line)
{
    x12_str reason = x12_remit_adjustment_reason(a);

    putchar('{');
    if (with_line)
        jkz("line", x12_remit_adjustment_line(a));
    jkv("group", x12_remit_adjustment_group(a));
    jkv("reason", reason);
    jks("reason_text", code_text(X12_CODESET_CARC, reason));
    jkc("amount_cents", x12_remit_adjustment_amount_cents(a));
    json_key("quantity");
    json_view(x12_remit_adjustment_quantity(a));
    putchar('}');
}

static void json_remark(const x12_remit_remark *r)
{
    x12_str code = x12_remit_remark_code(r);
    int rarc = x12_remit_remark_qualifier(r).len == 2 &&
               memcmp(x12_remit_remark_qualifier(r).ptr, "HE", 2) == 0;

    putchar('{');
    jks("source", x12_remit_remark_source(r));
    jkv("qualifier", x12_remit_remark_qualifier(r));
    jkv("code", code);
    json_kv("text", rarc ? code_text(X12_CODESET_RARC, code) : "", 0);
    putchar('}');
}

static void json_shares(const part *pt)
{
    json_key("patient_share");
    putchar('{');
    jkc("deductible_cents", pt->share(pt->obj, X12_REMIT_SHARE_DEDUCTIBLE));
    jkc("coinsurance_cents", pt->share(pt->obj, X12_REMIT_SHARE_COINSURANCE));
    jkc("copay_cents", pt->share(pt->obj, X12_REMIT_SHARE_COPAY));
    jkc("other_cents", pt->share(pt->obj, X12_REMIT_SHARE_OTHER));
    json_key("total_cents");
    printf("%" PRId64 "},", pt->share(pt->obj, X12_REMIT_SHARE_TOTAL));
}

/* Items of a part's lists, for json_list (obj is the part). */
static void put_date(const void *p, size_t i)
{
    const part *pt = p;
    const x12_remit_date *d = pt->date(pt->obj, i);

    json_pair("qualifier", x12_remit_date_qualifier(d), "date", x12_remit_date_value(d));
}

static void put_ref(const void *p, size_t i)
{
    const part *pt = p;

    json_ref(pt->ref(pt->obj, i));
}

static void put_amount(const void *p, size_t i)
{
    const part *pt = p;
    const x12_remit_amount *am = pt->amt(pt->obj, i);

    putchar('{');
    jkv("qualifier", x12_remit_amount_qualifier(am));
    json_key("amount_cents");
    printf("%" PRId64 "}", x12_remit_amount_cents(am));
}

static void put_quantity(const void *p, size_t i)
{
    const part *pt = p;
    const x12_remit_quantity *q = pt->qty(pt->obj, i);

    json_pair("qualifier", x12_remit_quantity_qualifier(q), "quantity",
              x12_remit_quantity_text(q));
}

static void put_adjustment(const void *p, size_t i)
{
    const part *pt = p;

    json_adjustment(pt->adj(pt->obj, i), 0);
}

static void put_remark(const void *p, size_t i)
{
    const part *pt = p;

    json_remark(pt->rem(pt->obj, i));
}

static void json_refs_dates(const part *pt)
{
    json_list("dates", pt->ndate, put_date, pt, "],");
    json_list("refs", pt->nref, put_ref, pt, "],");
}

static void json_amounts_qtys(const part *pt)
{
    json_list("amounts", pt->namt, put_amount, pt, "],");
    json_list("quantities", pt->nqty, put_quantity, pt, "],");
}

static void json_procedure(const x12_remit_service *s, int orig)
{
    int base = orig ? X12_RS_ORIG_QUALIFIER : X12_RS_QUALIFIER;
    int k, first = 1;

    jkv("qualifier", x12_remit_service_field_value(s, (x12_remit_service_field)base));
    jkv("procedure", x12_remit_service_field_value(s, (x12_remit_service_field)(base + 1)));
    json_key("modifiers");
    putchar('[');
    for (k = 0; k < 4; k++) {
        x12_str m = x12_remit_service_field_value(s, (x12_remit_service_field)(base + 2 + k));

        if (m.len == 0)
            continue;
        if (!first)
            putchar(',');
        first = 0;
        json_view(m);
    }
    fputs("],", stdout);
    jkv("description", x12_remit_service_field_value(s, (x12_remit_service_field)(base + 6)));
}

static void json_service(const x12_remit_service *s)
{
    part pt = service_part(s);

    putchar('{');
    jkz("line", x12_remit_service_index(s) + 1);
    json_procedure(s, 0);
    jkv("revenue_code", x12_remit_service_field_value(s, X12_RS_REVENUE_CODE));
    jkc("charge_cents", x12_remit_service_charge_cents(s));
    jkc("paid_cents", x12_remit_service_paid_cents(s));
    json_key("allowed_cents");
    if (x12_remit_service_has_allowed(s))
        printf("%" PRId64 ",", x12_remit_service_allowed_cents(s));
    else
        fputs("null,", stdout);
    {
        x12_str u = x12_remit_service_field_value(s, X12_RS_UNITS);

        jkv("units", u.len > 0 ? u : cstr_view("1"));
    }
    json_key("original");
    if (x12_remit_service_field_value(s, X12_RS_ORIG_PROCEDURE).len > 0 ||
        x12_remit_service_field_value(s, X12_RS_ORIG_QUALIFIER).len > 0) {
        putchar('{');
        json_procedure(s, 1);
        json_key("units");
        json_view(x12_remit_service_field_value(s, X12_RS_ORIG_UNITS));
        fputs("},", stdout);
    } else {
        fputs("null,", stdout);
    }
    jkv("service_date", x12_remit_service_find_date(s, "472"));
    jkv("service_from", x12_remit_service_find_date(s, "150"));
    jkv("service_to", x12_remit_service_find_date(s, "151"));
    jkv("line_item_control_number",
        x12_remit_service_field_value(s, X12_RS_LINE_ITEM_CONTROL_NUMBER));
    jks("outcome", x12_remit_outcome_name(x12_remit_service_outcome(s)));
    jkb("balanced", x12_remit_service_balanced(s));
    json_shares(&pt);
    json_refs_dates(&pt);
    json_amounts_qtys(&pt);
    json_list("adjustments", pt.nadj, put_adjustment, &pt, "],");
    json_list("remarks", pt.nrem, put_remark, &pt, "]}");
}

static void put_claim_name(const void *c, size_t i)
{
    json_name_obj(x12_remit_claim_name_at(c, i));
}

static void put_claim_service(const void *c, size_t i)
{
    json_service(x12_remit_claim_service_at(c, i));
}

static void put_denial_reason(const void *c, size_t i)
{
    json_adjustment(x12_remit_claim_denial_reason_at(c, i), 1);
}

/* The remarks that explain a denial or partial payment: the claim's (MIA,
 * MOA) and every line's (LQ); none for other outcomes. */
static void json_denial_remarks(const x12_remit_claim *c)
{
    size_t j, n = x12_remit_claim_service_count(c);
    int first = 1;
    part pt;

    json_key("remarks");
    putchar('[');
    if (x12_remit_claim_outcome(c) == X12_REMIT_DENIED ||
        x12_remit_claim_outcome(c) == X12_REMIT_PARTIAL) {
        for (j = 0; j <= n; j++) {
            pt = j == 0 ? claim_part(c) : service_part(x12_remit_claim_service_at(c, j - 1));
            if (pt.nrem == 0)
                continue;
            if (!first)
                putchar(',');
            first = 0;
            json_items(pt.nrem, put_remark, &pt);
        }
    }
    putchar(']');
}

static void json_claim(const x12_remit_claim *c, int first)
{
    const x12_remit_header *h = x12_remit_claim_header(c);
    part pt = claim_part(c);

    if (!first)
        putchar(',');
    putchar('{');
    jkz("index", x12_remit_claim_index(c));
    jkv("patient_control_number", x12_remit_claim_patient_control_number(c));
    jkv("status", x12_remit_claim_status(c));
    jks("status_text", x12_remit_claim_status_text(c));
    jks("outcome", x12_remit_outcome_name(x12_remit_claim_outcome(c)));
    jkb("forwarded", x12_remit_claim_forwarded(c));
    jkc("charge_cents", x12_remit_claim_charge_cents(c));
    jkc("paid_cents", x12_remit_claim_paid_cents(c));
    jkc("patient_responsibility_cents", x12_remit_claim_patient_resp_cents(c));
    jkv("filing_indicator", x12_remit_claim_field_value(c, X12_RC_FILING_INDICATOR));
    jkv("payer_claim_control_number", x12_remit_claim_payer_claim_control_number(c));
    jkv("facility_code", x12_remit_claim_field_value(c, X12_RC_FACILITY_CODE));
    jkv("frequency", x12_remit_claim_field_value(c, X12_RC_FREQUENCY));
    jkv("drg", x12_remit_claim_field_value(c, X12_RC_DRG));
    jkv("drg_weight", x12_remit_claim_field_value(c, X12_RC_DRG_WEIGHT));
    jkv("header_number", x12_remit_header_number(h));
    jkv("statement_from", x12_remit_claim_find_date(c, "232"));
    jkv("statement_to", x12_remit_claim_find_date(c, "233"));
    jkv("received", x12_remit_claim_find_date(c, "050"));
    jkv("coverage_expiration", x12_remit_claim_find_date(c, "036"));
    json_name("patient", x12_remit_claim_find_name(c, "QC"));
    json_name("insured", x12_remit_claim_find_name(c, "IL"));
    json_list("names", x12_remit_claim_name_count(c), put_claim_name, c, "],");
    json_refs_dates(&pt);
    json_amounts_qtys(&pt);
    json_shares(&pt);
    json_list("adjustments", pt.nadj, put_adjustment, &pt, "],");
    json_list("remarks", pt.nrem, put_remark, &pt, "],");
    json_list("services", x12_remit_claim_service_count(c), put_claim_service, c, "],");
    json_key("denial");
    putchar('{');
    jks("outcome", x12_remit_outcome_name(x12_remit_claim_outcome(c)));
    json_list("reasons", x12_remit_claim_denial_reason_count(c), put_denial_reason, c, "],");
    json_denial_remarks(c);
    fputs("},", stdout);
    json_key("reversal_of");
    if (x12_remit_claim_reversal_of(c) > 0)
        printf("%zu,", x12_remit_claim_reversal_of(c) - 1);
    else
        fputs("null,", stdout);
    jkb("balanced", x12_remit_claim_balanced(c));
    json_issues("balance_warnings", x12_remit_claim_issue_count(c), claim_issue, c, 1);
    json_issues("errors", x12_remit_claim_issue_count(c), claim_issue, c, 0);
    json_key("segment_number");
    printf("%" PRIu64 "}", x12_remit_claim_segment_number(c));
}

static void json_payment_begin(const char *file, const x12_remit_payment *p, int first)
{
    if (!first)
        putchar(',');
    putchar('{');
    jks("file", file);
    jkz("index", x12_remit_payment_index(p));
    jkv("control_number", x12_remit_payment_field_value(p, X12_RP_CONTROL_NUMBER));
    jkv("handling", x12_remit_payment_field_value(p, X12_RP_HANDLING));
    jkc("amount_cents", x12_remit_payment_amount_cents(p));
    jkv("credit_debit", x12_remit_payment_field_value(p, X12_RP_CREDIT_DEBIT));
    jkv("method", x12_remit_payment_method(p));
    jkv("format", x12_remit_payment_field_value(p, X12_RP_FORMAT));
    jkv("payment_date", x12_remit_payment_date(p));
    jkv("trace_number", x12_remit_payment_trace_number(p));
    jkv("trace_originator", x12_remit_payment_field_value(p, X12_RP_TRACE_ORIGINATOR));
    jkv("originator_id", x12_remit_payment_field_value(p, X12_RP_ORIGINATOR_ID));
    jkv("currency", x12_remit_payment_field_value(p, X12_RP_CURRENCY));
    jkv("receiver_id", x12_remit_payment_field_value(p, X12_RP_RECEIVER_ID));
    jkv("version_id", x12_remit_payment_field_value(p, X12_RP_VERSION_ID));
    jkv("production_date", x12_remit_payment_field_value(p, X12_RP_PRODUCTION_DATE));
    json_key("bank");
    putchar('{');
    jkv("sender_dfi_qualifier", x12_remit_payment_field_value(p, X12_RP_SENDER_DFI_QUALIFIER));
    jkv("sender_dfi", x12_remit_payment_field_value(p, X12_RP_SENDER_DFI));
    jkv("sender_account_qualifier",
        x12_remit_payment_field_value(p, X12_RP_SENDER_ACCOUNT_QUALIFIER));
    jkv("sender_account", x12_remit_payment_field_value(p, X12_RP_SENDER_ACCOUNT));
    jkv("receiver_dfi_qualifier",
        x12_remit_payment_field_value(p, X12_RP_RECEIVER_DFI_QUALIFIER));
    jkv("receiver_dfi", x12_remit_payment_field_value(p, X12_RP_RECEIVER_DFI));
    jkv("receiver_account_qualifier",
        x12_remit_payment_field_value(p, X12_RP_RECEIVER_ACCOUNT_QUALIFIER));
    json_key("receiver_account");
    json_view(x12_remit_payment_field_value(p, X12_RP_RECEIVER_ACCOUNT));
    fputs("},", stdout);
    json_name("payer", x12_remit_payment_payer(p));
    json_name("payee", x12_remit_payment_payee(p));
    json_key("claims");
    putchar('[');
}

static void put_plb(const void *p, size_t i)
{
    const x12_remit_plb *b = x12_remit_payment_plb_at(p, i);

    putchar('{');
    jkv("provider", x12_remit_plb_provider(b));
    jkv("fiscal_period_date", x12_remit_plb_date(b));
    jkv("reason", x12_remit_plb_reason(b));
    jks("reason_text", code_text(X12_CODESET_PLB_REASON, x12_remit_plb_reason(b)));
    jkv("reference", x12_remit_plb_reference(b));
    json_key("amount_cents");
    printf("%" PRId64 "}", x12_remit_plb_amount_cents(b));
}

static void json_payment_end(const x12_remit_payment *p)
{
    size_t i, r, c;

    fputs("],", stdout);
    json_list("provider_adjustments", x12_remit_payment_plb_count(p), put_plb, p, "],");
    json_key("reversal_pairs");
    putchar('[');
    for (i = 0; x12_remit_payment_pair_at(p, i, &r, &c); i++)
        printf("%s{\"reversal\":%zu,\"correction\":%zu}", i ? "," : "", r, c);
    fputs("],", stdout);
    json_key("totals");
    putchar('{');
    jkz("claims", x12_remit_payment_claim_total(p));
    jkz("lines", x12_remit_payment_line_total(p));
    jkc("charge_cents", x12_remit_payment_charge_total_cents(p));
    jkc("paid_cents", x12_remit_payment_paid_total_cents(p));
    json_key("provider_adjustment_cents");
    printf("%" PRId64 "},", x12_remit_payment_plb_total_cents(p));
    jkb("balanced", x12_remit_payment_balanced(p));
    json_issues("balance_warnings", x12_remit_payment_issue_count(p), payment_issue, p, 1);
    json_issues("errors", x12_remit_payment_issue_count(p), payment_issue, p, 0);
    json_key("segment_number");
    printf("%" PRIu64 "}", x12_remit_payment_segment_number(p));
}

/* ---- CSV ------------------------------------------------------------------- */

static const char csv_header[] =
    "file,payment_index,trace_number,payment_date,payment_method,payer_name,payer_id,"
    "payee_name,payee_id,claim_index,patient_control_number,payer_claim_control_number,"
    "claim_status,claim_outcome,patient_last_name,patient_first_name,claim_charge,"
    "claim_paid,claim_patient_responsibility,claim_adjustments,line,procedure_qualifier,"
    "procedure,modifiers,revenue_code,service_date,units,line_item_control_number,charge,"
    "allowed,paid,deductible,coinsurance,copay,other_patient_responsibility,contractual,"
    "other_adjustments,adjustments,remarks,line_outcome\n";

static void csv_field(x12_str v, int last)
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
    putchar(last ? '\n' : ',');
}

static void csv_s(const char *s)
{
    csv_field(cstr_view(s), 0);
}

static void csv_cents(int64_t c)
{
    char b[32];

    csv_s(dollars(b, sizeof b, c));
}

/* "CO-45:50.00 PR-1:300.00" into buf (grows as needed; freed by caller). */
static char *adj_list(const part *pt, int64_t *contractual, int64_t *other)
{
    size_t i, len = 0, cap = 64;
    char *buf = xmalloc(cap);

    buf[0] = '\0';
    for (i = 0; i < pt->nadj; i++) {
        const x12_remit_adjustment *a = pt->adj(pt->obj, i);
        x12_str g = x12_remit_adjustment_group(a), r = x12_remit_adjustment_reason(a);
        char amt[32];
        int need;

        if (g.len == 2 && memcmp(g.ptr, "CO", 2) == 0)
            *contractual += x12_remit_adjustment_amount_cents(a);
        else if (!(g.len == 2 && memcmp(g.ptr, "PR", 2) == 0))
            *other += x12_remit_adjustment_amount_cents(a);
        dollars(amt, sizeof amt, x12_remit_adjustment_amount_cents(a));
        need = snprintf(NULL, 0, "%s%.*s-%.*s:%s", len ? " " : "", (int)g.len, g.ptr,
                        (int)r.len, r.ptr, amt);
        while (len + (size_t)need + 1 > cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s%.*s-%.*s:%s", len ? " " : "",
                                (int)g.len, g.ptr, (int)r.len, r.ptr, amt);
    }
    return buf;
}

static void csv_remarks(const part *pt)
{
    size_t i, len = 0;
    char *buf = NULL;

    for (i = 0; i < pt->nrem; i++) {
        x12_str code = x12_remit_remark_code(pt->rem(pt->obj, i));

        buf = xrealloc(buf, len + code.len + 2);
        if (len)
            buf[len++] = ' ';
        memcpy(buf + len, code.ptr, code.len);
        len += code.len;
    }
    {
        x12_str v = {buf != NULL ? buf : "", len};

        csv_field(v, 0);
    }
    free(buf);
}

/* Deductible, coinsurance, copay and other patient share. */
static void csv_shares(const part *pt)
{
    csv_cents(pt->share(pt->obj, X12_REMIT_SHARE_DEDUCTIBLE));
    csv_cents(pt->share(pt->obj, X12_REMIT_SHARE_COINSURANCE));
    csv_cents(pt->share(pt->obj, X12_REMIT_SHARE_COPAY));
    csv_cents(pt->share(pt->obj, X12_REMIT_SHARE_OTHER));
}

static void csv_claim(const char *file, const x12_remit_claim *c)
{
    const x12_remit_payment *p = x12_remit_claim_payment(c);
    const x12_remit_name *payer = x12_remit_payment_payer(p), *payee = x12_remit_payment_payee(p);
    const x12_remit_name *pat = x12_remit_claim_find_name(c, "QC");
    size_t i, n = x12_remit_claim_service_count(c);
    int64_t co = 0, oth = 0;
    part cpt = claim_part(c);
    char *claim_adj = adj_list(&cpt, &co, &oth);
    char num[32];

    for (i = 0; i < (n > 0 ? n : 1); i++) {
        const x12_remit_service *s = x12_remit_claim_service_at(c, i);
        int64_t lco = 0, loth = 0;
        part spt;
        char *ladj;

        csv_s(file);
        snprintf(num, sizeof num, "%zu", x12_remit_payment_index(p));
        csv_s(num);
        csv_field(x12_remit_payment_trace_number(p), 0);
        csv_field(x12_remit_payment_date(p), 0);
        csv_field(x12_remit_payment_method(p), 0);
        csv_field(x12_remit_name_field_value(payer, X12_RN_NAME), 0);
        csv_field(x12_remit_payment_field_value(p, X12_RP_TRACE_ORIGINATOR), 0);
        csv_field(x12_remit_name_field_value(payee, X12_RN_NAME), 0);
        csv_field(x12_remit_name_field_value(payee, X12_RN_ID), 0);
        snprintf(num, sizeof num, "%zu", x12_remit_claim_index(c));
        csv_s(num);
        csv_field(x12_remit_claim_patient_control_number(c), 0);
        csv_field(x12_remit_claim_payer_claim_control_number(c), 0);
        csv_field(x12_remit_claim_status(c), 0);
        csv_s(x12_remit_outcome_name(x12_remit_claim_outcome(c)));
        csv_field(x12_remit_name_field_value(pat, X12_RN_NAME), 0);
        csv_field(x12_remit_name_field_value(pat, X12_RN_FIRST), 0);
        csv_cents(x12_remit_claim_charge_cents(c));
        csv_cents(x12_remit_claim_paid_cents(c));
        csv_cents(x12_remit_claim_patient_resp_cents(c));
        csv_s(claim_adj);
        if (s == NULL) {
            /* A claim without service lines: the claim's own amounts. */
            csv_s("");
            for (int k = 0; k < 6; k++)
                csv_s("");
            csv_s("");
            csv_cents(x12_remit_claim_charge_cents(c));
            csv_s("");
            csv_cents(x12_remit_claim_paid_cents(c));
            csv_shares(&cpt);
            csv_cents(co);
            csv_cents(oth);
            csv_s(claim_adj);
            csv_remarks(&cpt);
            csv_field(cstr_view(x12_remit_outcome_name(x12_remit_claim_outcome(c))), 1);
            continue;
        }
        snprintf(num, sizeof num, "%zu", i + 1);
        csv_s(num);
        csv_field(x12_remit_service_field_value(s, X12_RS_QUALIFIER), 0);
        csv_field(x12_remit_service_procedure(s), 0);
        {
            char mods[64];
            size_t ml = 0;
            int k;

            mods[0] = '\0';
            for (k = 0; k < 4; k++) {
                x12_str m = x12_remit_service_field_value(
                    s, (x12_remit_service_field)(X12_RS_MODIFIER1 + k));

                if (m.len == 0 || ml + m.len + 2 > sizeof mods)
                    continue;
                if (ml)
                    mods[ml++] = ' ';
                memcpy(mods + ml, m.ptr, m.len);
                ml += m.len;
                mods[ml] = '\0';
            }
            csv_s(mods);
        }
        csv_field(x12_remit_service_field_value(s, X12_RS_REVENUE_CODE), 0);
        {
            x12_str d = x12_remit_service_find_date(s, "472");

            csv_field(d.len > 0 ? d : x12_remit_service_find_date(s, "150"), 0);
        }
        {
            x12_str u = x12_remit_service_field_value(s, X12_RS_UNITS);

            csv_field(u.len > 0 ? u : cstr_view("1"), 0);
        }
        csv_field(x12_remit_service_field_value(s, X12_RS_LINE_ITEM_CONTROL_NUMBER), 0);
        csv_cents(x12_remit_service_charge_cents(s));
        if (x12_remit_service_has_allowed(s))
            csv_cents(x12_remit_service_allowed_cents(s));
        else
            csv_s("");
        csv_cents(x12_remit_service_paid_cents(s));
        spt = service_part(s);
        csv_shares(&spt);
        ladj = adj_list(&spt, &lco, &loth);
        csv_cents(lco);
        csv_cents(loth);
        csv_s(ladj);
        free(ladj);
        csv_remarks(&spt);
        csv_field(cstr_view(x12_remit_outcome_name(x12_remit_service_outcome(s))), 1);
    }
    free(claim_adj);
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
           (int)x12_remit_payment_field_value(p, X12_RP_CONTROL_NUMBER).len,
           x12_remit_payment_field_value(p, X12_RP_CONTROL_NUMBER).ptr);
    printf("  amount        %s %s via ", dollars(b, sizeof b, x12_remit_payment_amount_cents(p)),
           x12_remit_payment_field_value(p, X12_RP_CREDIT_DEBIT).len > 0 &&
                   x12_remit_payment_field_value(p, X12_RP_CREDIT_DEBIT).ptr[0] == 'D'
               ? "debit"
               : "credit");
    put_view(x12_remit_payment_method(p));
    fputs(" on ", stdout);
    put_view(x12_remit_payment_date(p));
    fputs(", trace ", stdout);
    put_view(x12_remit_payment_trace_number(p));
    putchar('\n');
    fputs("  payer         ", stdout);
    put_view(x12_remit_name_field_value(payer, X12_RN_NAME));
    putchar('\n');
    fputs("  payee         ", stdout);
    put_view(x12_remit_name_field_value(payee, X12_RN_NAME));
    if (x12_remit_name_field_value(payee, X12_RN_ID).len > 0) {
        fputs(" (", stdout);
        put_view(x12_remit_name_field_value(payee, X12_RN_ID_QUALIFIER));
        putchar(' ');
        put_view(x12_remit_name_field_value(payee, X12_RN_ID));
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
    int payments_printed;
    int list_claims;
} remit_run;

/* Every diagnostic is printed as the stream finds it (the stream keeps only
 * a bounded number of them). */
static void report_diag(const x12_error *e, void *user)
{
    report(user, e);
}

static void remit_file(input *in, remit_run *run)
{
    x12_remit_stream *s;
    x12_remit_event ev;
    x12_status st;
    text_state ts;
    int claims_in_payment = 0;

    memset(&ts, 0, sizeof ts);
    ts.list_claims = run->list_claims;
    if (x12_remit_stream_new(NULL, in->r, &s) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, in->name);
        in->status = EXIT_USAGE;
        return;
    }
    x12_remit_stream_set_error_handler(s, report_diag, in);
    while ((st = x12_remit_stream_next(s, &ev)) == X12_OK) {
        const x12_remit_payment *p = x12_remit_stream_payment(s);

        progress_tick(in); /* once per claim: the line redraws as claims come */
        switch (ev) {
        case X12_REMIT_PAYMENT:
            claims_in_payment = 0;
            if (run->mode == OUT_JSON)
                json_payment_begin(in->name, p, run->payments_printed == 0);
            else if (run->mode == OUT_TEXT)
                text_payment_begin(in->name, p);
            run->payments_printed++;
            break;
        case X12_REMIT_CLAIM:
            if (run->mode == OUT_JSON)
                json_claim(x12_remit_stream_claim(s), claims_in_payment == 0);
            else if (run->mode == OUT_CSV)
                csv_claim(in->name, x12_remit_stream_claim(s));
            else
                text_claim(&ts, x12_remit_stream_claim(s));
            claims_in_payment++;
            break;
        case X12_REMIT_PAYMENT_END:
            if (run->mode == OUT_JSON)
                json_payment_end(p);
            else if (run->mode == OUT_TEXT)
                text_payment_end(&ts, p);
            break;
        }
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
            in->status = worst(in->status, EXIT_DATA);
        } else {
            fprintf(stderr, "%s: %s: %s\n", progname, in->name, x12_strerror(st));
            in->status = worst(in->status, EXIT_DATA);
        }
    }
    free(ts.reasons);
    x12_remit_stream_free(s);
}

int cmd_remit(int argc, char **argv);

int cmd_remit(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0}, {"--csv", 0}, {"--text", 0}, {"--claims", 0}, {NULL, 0}};
    args a = {"remit", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i;
    int k, status = 0;
    remit_run run = {OUT_TEXT, 0, 0};

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(remit_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--json") == 0) {
            run.mode = OUT_JSON;
        } else if (strcmp(opt, "--csv") == 0) {
            run.mode = OUT_CSV;
        } else if (strcmp(opt, "--text") == 0) {
            run.mode = OUT_TEXT;
        } else if (strcmp(opt, "--claims") == 0) {
            run.list_claims = 1;
        }
    }
    if (k != -2 && run.list_claims && run.mode != OUT_TEXT) {
        usage_error("remit", "--claims goes with --text (JSON and CSV list every claim)");
        k = -2;
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (run.mode == OUT_JSON)
        fputs("{\"payments\":[", stdout);
    else if (run.mode == OUT_CSV)
        fputs(csv_header, stdout);
    for (i = 0; i < nfiles; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        remit_file(&in, &run);
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
