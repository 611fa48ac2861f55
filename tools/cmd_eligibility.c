/*
 * x12 eligibility - 271 eligibility responses as JSON or a short text
 * summary: per subscriber and dependent, covered or not, plan, group,
 * dates, the payer's rejections, and per service type the deductible,
 * out-of-pocket maximum, copay and coinsurance.  Streams one coverage at a
 * time.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <x12/eligibility.h>

#include "cli.h"

extern const char eligibility_usage[];
const char eligibility_usage[] =
    "Usage: x12 eligibility [--json|--text] FILE...\n"
    "Read 271 eligibility responses (005010X279A1): for each subscriber and\n"
    "dependent, whether the plan covers them, plan and group, plan and\n"
    "eligibility dates, every benefit (EB) and, per service type, the\n"
    "deductible, what remains of it, the out-of-pocket maximum and what\n"
    "remains, the copay and the coinsurance, in and out of network.  The\n"
    "payer's rejections (AAA) are shown with their reason and what to do.\n"
    "FILE may be '-' for standard input (the default when no FILE is given)\n"
    "and may be gzip-compressed.\n"
    "\n"
    "Options:\n"
    "  --json        one JSON document {\"coverages\": [...]}; money is integer\n"
    "                cents in fields named *_cents, percents basis points in\n"
    "                *_bp (2000 = 20%)\n"
    "  --text        a short summary per subscriber and dependent (the default)\n"
    "  -h, --help    show this help\n"
    "\n"
    "A rejection by the payer is part of the answer, not an error of the file.\n"
    "Exit status: 0 ok, 1 the input has errors, 2 usage or I/O error.\n";

enum { OUT_TEXT, OUT_JSON };

/* ---- output helpers -------------------------------------------------------------- */

static void jkb(const char *key, int b)
{
    json_key(key);
    fputs(b ? "true," : "false,", stdout);
}

/* Basis points of one as a percent: 2000 -> "20", 1250 -> "12.5". */
static const char *percent(char *buf, size_t size, int64_t bp)
{
    uint64_t m = bp < 0 ? (uint64_t)0 - (uint64_t)bp : (uint64_t)bp;
    unsigned frac = (unsigned)(m % 100u);

    if (frac == 0)
        snprintf(buf, size, "%s%" PRIu64, bp < 0 ? "-" : "", m / 100u);
    else if (frac % 10 == 0)
        snprintf(buf, size, "%s%" PRIu64 ".%u", bp < 0 ? "-" : "", m / 100u, frac / 10);
    else
        snprintf(buf, size, "%s%" PRIu64 ".%02u", bp < 0 ? "-" : "", m / 100u, frac);
    return buf;
}

static const char *level_name(x12_elig_level l)
{
    switch (l) {
    case X12_ELIG_LEVEL_SOURCE: return "payer";
    case X12_ELIG_LEVEL_RECEIVER: return "provider";
    case X12_ELIG_LEVEL_SUBSCRIBER: return "subscriber";
    case X12_ELIG_LEVEL_DEPENDENT: return "dependent";
    }
    return "unknown";
}

static const char *state_name(x12_elig_state s)
{
    switch (s) {
    case X12_ELIG_ACTIVE: return "active";
    case X12_ELIG_INACTIVE: return "inactive";
    case X12_ELIG_REJECTED: return "rejected";
    case X12_ELIG_UNKNOWN: break;
    }
    return "unknown";
}

/* ---- JSON -------------------------------------------------------------------------- */

/* Every field writer ends with ','; each object ends with a field written
 * without one. */

static void json_reject(const x12_elig_reject *r)
{
    putchar('{');
    json_kstr("loop", x12_elig_reject_loop(r));
    jkb("valid_request", x12_elig_reject_valid_request(r));
    json_kview("reason", x12_elig_reject_reason(r));
    json_kstr("reason_text", x12_elig_reject_reason_text(r));
    json_kview("follow_up", x12_elig_reject_follow_up(r));
    json_kstr("follow_up_text", x12_elig_reject_follow_up_text(r));
    if (x12_elig_reject_benefit(r))
        json_kint("benefit", (int64_t)x12_elig_reject_benefit(r));
    json_kint("segment", (int64_t)x12_error_segment_number(x12_elig_reject_error(r)));
    json_key("may_resubmit");
    fputs(x12_elig_reject_may_resubmit(r) ? "true}" : "false}", stdout);
}

static void json_party(const char *key, const x12_elig_party *p)
{
    size_t i, n;

    if (p == NULL)
        return;
    json_key(key);
    putchar('{');
    json_kview("entity", x12_elig_party_get(p, X12_EP_ENTITY));
    json_kview("name", x12_elig_party_get(p, X12_EP_NAME));
    json_kview("first_name", x12_elig_party_get(p, X12_EP_FIRST_NAME));
    json_kview("id_qualifier", x12_elig_party_get(p, X12_EP_ID_QUALIFIER));
    json_kview("id", x12_elig_party_get(p, X12_EP_ID));
    json_kview("contact", x12_elig_party_get(p, X12_EP_CONTACT_NAME));
    json_kview("phone", x12_elig_party_get(p, X12_EP_PHONE));
    json_kview("url", x12_elig_party_get(p, X12_EP_URL));
    json_key("rejections");
    putchar('[');
    n = x12_elig_party_reject_count(p);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_reject(x12_elig_party_reject_at(p, i));
    }
    fputs("]},", stdout);
}

static void json_pairs(const char *key, size_t n,
                       void (*at)(const void *, size_t, x12_str *, x12_str *, x12_str *),
                       const void *obj, const char *k1, const char *k2, const char *k3)
{
    size_t i;

    json_key(key);
    putchar('[');
    for (i = 0; i < n; i++) {
        x12_str a, b, c;
        at(obj, i, &a, &b, &c);
        fputs(i ? ",{" : "{", stdout);
        json_key(k1);
        json_view(a);
        putchar(',');
        json_key(k2);
        json_view(b);
        if (c.len) {
            putchar(',');
            json_key(k3);
            json_view(c);
        }
        putchar('}');
    }
    fputs("],", stdout);
}

static void cov_ref(const void *o, size_t i, x12_str *a, x12_str *b, x12_str *c)
{
    x12_elig_coverage_ref_at(o, i, a, b, c);
}
static void cov_date(const void *o, size_t i, x12_str *a, x12_str *b, x12_str *c)
{
    /* qualifier, value, format */
    x12_elig_coverage_date_at(o, i, a, c, b);
}
static void ben_ref(const void *o, size_t i, x12_str *a, x12_str *b, x12_str *c)
{
    x12_elig_benefit_ref_at(o, i, a, b, c);
}
static void ben_date(const void *o, size_t i, x12_str *a, x12_str *b, x12_str *c)
{
    x12_elig_benefit_date_at(o, i, a, c, b);
}

static void json_benefit(const x12_elig_benefit *b)
{
    size_t i, n;
    int64_t v;
    char buf[40];

    putchar('{');
    json_kview("code", x12_elig_benefit_get(b, X12_EB_CODE));
    json_kstr("description", x12_elig_benefit_code_text(b));
    json_kview("coverage_level", x12_elig_benefit_get(b, X12_EB_COVERAGE_LEVEL));
    json_key("service_types");
    putchar('[');
    n = x12_elig_benefit_service_type_count(b);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_view(x12_elig_benefit_service_type_at(b, i));
    }
    fputs("],", stdout);
    json_kview("insurance_type", x12_elig_benefit_get(b, X12_EB_INSURANCE_TYPE));
    json_kview("plan", x12_elig_benefit_get(b, X12_EB_PLAN_DESCRIPTION));
    json_kview("time_period", x12_elig_benefit_get(b, X12_EB_TIME_PERIOD));
    json_kstr("time_period_text", x12_elig_benefit_time_period_text(b));
    if (x12_elig_benefit_amount_cents(b, &v))
        json_kint("amount_cents", v);
    if (x12_elig_benefit_percent_bp(b, &v)) {
        json_kint("percent_bp", v);
        json_kstr("percent", percent(buf, sizeof buf, v));
    }
    json_kview("quantity_qualifier", x12_elig_benefit_get(b, X12_EB_QUANTITY_QUALIFIER));
    json_kview("quantity", x12_elig_benefit_get(b, X12_EB_QUANTITY_TEXT));
    json_kview("authorization_required", x12_elig_benefit_get(b, X12_EB_AUTHORIZATION));
    json_kview("in_network", x12_elig_benefit_get(b, X12_EB_IN_NETWORK));
    json_kview("procedure_qualifier", x12_elig_benefit_get(b, X12_EB_PROCEDURE_QUALIFIER));
    json_kview("procedure", x12_elig_benefit_get(b, X12_EB_PROCEDURE));
    json_kview("modifiers", x12_elig_benefit_get(b, X12_EB_MODIFIERS));
    json_key("messages");
    putchar('[');
    n = x12_elig_benefit_message_count(b);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_view(x12_elig_benefit_message_at(b, i));
    }
    fputs("],", stdout);
    json_pairs("dates", x12_elig_benefit_date_count(b), ben_date, b, "qualifier", "date",
               "format");
    json_pairs("refs", x12_elig_benefit_ref_count(b), ben_ref, b, "qualifier", "value",
               "description");
    json_key("entities");
    putchar('[');
    n = x12_elig_benefit_entity_count(b);
    for (i = 0; i < n; i++) {
        const x12_elig_entity *e = x12_elig_benefit_entity_at(b, i);
        fputs(i ? ",{" : "{", stdout);
        json_kview("entity", x12_elig_entity_get(e, X12_EP_ENTITY));
        json_kview("name", x12_elig_entity_get(e, X12_EP_NAME));
        json_kview("first_name", x12_elig_entity_get(e, X12_EP_FIRST_NAME));
        json_kview("id_qualifier", x12_elig_entity_get(e, X12_EP_ID_QUALIFIER));
        json_kview("id", x12_elig_entity_get(e, X12_EP_ID));
        json_kview("phone", x12_elig_entity_get(e, X12_EP_PHONE));
        json_key("type");
        json_view(x12_elig_entity_get(e, X12_EP_TYPE));
        putchar('}');
    }
    fputs("],", stdout);
    json_kint("segment", (int64_t)x12_elig_benefit_segment_number(b));
    json_key("active");
    n = (size_t)(x12_elig_benefit_active(b) + 1);
    fputs(n == 2 ? "true}" : n == 0 ? "false}" : "null}", stdout);
}

static const struct {
    x12_elig_measure m;
    const char *key;
    int bp;
} measures[] = {
    {X12_EM_DEDUCTIBLE, "deductible_cents", 0},
    {X12_EM_DEDUCTIBLE_REMAINING, "deductible_remaining_cents", 0},
    {X12_EM_OUT_OF_POCKET, "out_of_pocket_cents", 0},
    {X12_EM_OUT_OF_POCKET_REMAINING, "out_of_pocket_remaining_cents", 0},
    {X12_EM_COPAY, "copay_cents", 0},
    {X12_EM_COINSURANCE, "coinsurance_bp", 1},
    {X12_EM_FAMILY_DEDUCTIBLE, "family_deductible_cents", 0},
    {X12_EM_FAMILY_DEDUCTIBLE_REMAINING, "family_deductible_remaining_cents", 0},
    {X12_EM_FAMILY_OUT_OF_POCKET, "family_out_of_pocket_cents", 0},
    {X12_EM_FAMILY_OUT_OF_POCKET_REMAINING, "family_out_of_pocket_remaining_cents", 0},
};
#define NMEASURES (sizeof measures / sizeof measures[0])

/* The measures of one network as members of an object; each member is
   followed by a comma unless LAST_OBJECT, where they are separated instead
   and the object closed. */
static void json_measures(const x12_elig_summary *s, int oon, int last_object)
{
    size_t k;
    int64_t v;
    char buf[40];
    int n = 0;

    for (k = 0; k < NMEASURES; k++)
        if (x12_elig_summary_get(s, measures[k].m, oon, &v)) {
            if (!last_object) {
                json_kint(measures[k].key, v);
                if (measures[k].bp)
                    json_kstr("coinsurance_percent", percent(buf, sizeof buf, v));
                continue;
            }
            if (n++)
                putchar(',');
            printf("\"%s\":%" PRId64, measures[k].key, v);
            if (measures[k].bp)
                printf(",\"coinsurance_percent\":\"%s\"", percent(buf, sizeof buf, v));
        }
    if (last_object)
        putchar('}');
}

static void json_summary(const x12_elig_summary *s)
{
    int a = x12_elig_summary_active(s);

    putchar('{');
    json_kview("service_type", x12_elig_summary_service_type(s));
    json_kstr("description", x12_elig_summary_service_type_text(s));
    json_key("active");
    fputs(a > 0 ? "true," : a < 0 ? "false," : "null,", stdout);
    jkb("authorization_required", x12_elig_summary_authorization_required(s));
    json_measures(s, 0, 0);
    json_key("out_of_network");
    putchar('{');
    json_measures(s, 1, 1);
    putchar('}');
}

static void json_issue(const x12_error *e)
{
    putchar('{');
    json_kint("segment", (int64_t)x12_error_segment_number(e));
    json_kstr("segment_id", x12_error_segment_id(e));
    json_kstr("loop", x12_error_loop_id(e));
    if (x12_error_element(e))
        json_kint("element", x12_error_element(e));
    json_kstr("rule", x12_error_rule(e));
    json_kstr("severity", x12_error_severity(e) == X12_SEV_WARNING ? "warning" : "error");
    json_key("message");
    json_string(x12_error_message(e));
    putchar('}');
}

static const struct {
    x12_elig_coverage_field f;
    const char *key;
} cov_fields[] = {
    {X12_EC_LAST_NAME, "last_name"},
    {X12_EC_FIRST_NAME, "first_name"},
    {X12_EC_MIDDLE_NAME, "middle_name"},
    {X12_EC_SUFFIX, "suffix"},
    {X12_EC_MEMBER_ID, "member_id"},
    {X12_EC_MEMBER_ID_QUALIFIER, "member_id_qualifier"},
    {X12_EC_BIRTH_DATE, "birth_date"},
    {X12_EC_GENDER, "gender"},
    {X12_EC_RELATIONSHIP, "relationship"},
    {X12_EC_SUBSCRIBER_LAST_NAME, "subscriber_last_name"},
    {X12_EC_SUBSCRIBER_FIRST_NAME, "subscriber_first_name"},
    {X12_EC_ADDRESS1, "address1"},
    {X12_EC_ADDRESS2, "address2"},
    {X12_EC_CITY, "city"},
    {X12_EC_STATE, "state"},
    {X12_EC_POSTAL_CODE, "postal_code"},
    {X12_EC_GROUP_NUMBER, "group_number"},
    {X12_EC_GROUP_NAME, "group_name"},
    {X12_EC_PLAN_NUMBER, "plan_number"},
    {X12_EC_PLAN_NAME, "plan_name"},
    {X12_EC_INSURANCE_TYPE, "insurance_type"},
    {X12_EC_PLAN_BEGIN, "plan_begin"},
    {X12_EC_PLAN_END, "plan_end"},
    {X12_EC_ELIGIBILITY_BEGIN, "eligibility_begin"},
    {X12_EC_ELIGIBILITY_END, "eligibility_end"},
    {X12_EC_TRACE_NUMBER, "trace_number"},
    {X12_EC_TRACE_ORIGINATOR, "trace_originator"},
    {X12_EC_PAYER_TRACE_NUMBER, "payer_trace_number"},
    {X12_EC_CONTROL_NUMBER, "control_number"},
    {X12_EC_REFERENCE, "reference"},
    {X12_EC_RESPONSE_DATE, "response_date"},
};

static void json_coverage(const char *file, const x12_elig_coverage *c, int first)
{
    size_t i, n;

    fputs(first ? "\n{" : ",\n{", stdout);
    json_kstr("file", file);
    json_kint("index", (int64_t)x12_elig_coverage_index(c));
    json_kstr("level", level_name(x12_elig_coverage_level(c)));
    json_kstr("coverage", state_name(x12_elig_coverage_state(c)));
    for (i = 0; i < sizeof cov_fields / sizeof cov_fields[0]; i++)
        json_kview(cov_fields[i].key, x12_elig_coverage_get(c, cov_fields[i].f));
    json_party("payer", x12_elig_coverage_payer(c));
    json_party("provider", x12_elig_coverage_receiver(c));
    json_key("rejections");
    putchar('[');
    n = x12_elig_coverage_reject_count(c);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_reject(x12_elig_coverage_reject_at(c, i));
    }
    fputs("],", stdout);
    json_pairs("refs", x12_elig_coverage_ref_count(c), cov_ref, c, "qualifier", "value",
               "description");
    json_pairs("dates", x12_elig_coverage_date_count(c), cov_date, c, "qualifier", "date",
               "format");
    json_key("summary");
    putchar('[');
    n = x12_elig_coverage_summary_count(c);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_summary(x12_elig_coverage_summary_at(c, i));
    }
    fputs("],", stdout);
    json_key("benefits");
    putchar('[');
    n = x12_elig_coverage_benefit_count(c);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_benefit(x12_elig_coverage_benefit_at(c, i));
    }
    fputs("],", stdout);
    json_key("issues");
    putchar('[');
    n = x12_elig_coverage_error_count(c);
    for (i = 0; i < n; i++) {
        if (i)
            putchar(',');
        json_issue(x12_elig_coverage_error_at(c, i));
    }
    fputs("],", stdout);
    json_kint("segment", (int64_t)x12_elig_coverage_segment_number(c));
    json_key("offset");
    printf("%" PRIu64 "}", x12_elig_coverage_offset(c));
}

/* ---- text ---------------------------------------------------------------------------- */

static void text_party(const char *what, const x12_elig_party *p)
{
    x12_str id = x12_elig_party_get(p, X12_EP_ID);

    printf("%s ", what);
    put_view(x12_elig_party_get(p, X12_EP_NAME));
    if (id.len) {
        fputs(" (", stdout);
        put_view(x12_elig_party_get(p, X12_EP_ID_QUALIFIER));
        putchar(' ');
        put_view(id);
        putchar(')');
    }
}

static void text_reject(const x12_elig_reject *r)
{
    printf("  rejected    %s (AAA03 ", x12_elig_reject_reason_text(r)[0]
                                           ? x12_elig_reject_reason_text(r)
                                           : "reason not in our list");
    put_view(x12_elig_reject_reason(r));
    printf(", loop %s); %s (AAA04 ", x12_elig_reject_loop(r),
           x12_elig_reject_follow_up_text(r)[0] ? x12_elig_reject_follow_up_text(r)
                                                : "no follow-up given");
    put_view(x12_elig_reject_follow_up(r));
    fputs(")\n", stdout);
}

static int text_measure(const x12_elig_summary *s, int oon, x12_elig_measure m,
                        x12_elig_measure rem, const char *name, int first)
{
    int64_t v, r;
    char b1[40], b2[40];
    int has = x12_elig_summary_get(s, m, oon, &v), hasr = x12_elig_summary_get(s, rem, oon, &r);

    if (!has && !hasr)
        return first;
    fputs(first ? " " : "; ", stdout);
    if (has && hasr)
        printf("%s %s, %s left", name, dollars(b1, sizeof b1, v), dollars(b2, sizeof b2, r));
    else if (has)
        printf("%s %s", name, dollars(b1, sizeof b1, v));
    else
        printf("%s %s left", name, dollars(b2, sizeof b2, r));
    return 0;
}

static int text_network(const x12_elig_summary *s, int oon, int first)
{
    int64_t v;
    char b[40];

    first = text_measure(s, oon, X12_EM_DEDUCTIBLE, X12_EM_DEDUCTIBLE_REMAINING, "deductible",
                         first);
    first = text_measure(s, oon, X12_EM_OUT_OF_POCKET, X12_EM_OUT_OF_POCKET_REMAINING,
                         "out of pocket", first);
    first = text_measure(s, oon, X12_EM_FAMILY_DEDUCTIBLE, X12_EM_FAMILY_DEDUCTIBLE_REMAINING,
                         "family deductible", first);
    first = text_measure(s, oon, X12_EM_FAMILY_OUT_OF_POCKET,
                         X12_EM_FAMILY_OUT_OF_POCKET_REMAINING, "family out of pocket", first);
    if (x12_elig_summary_get(s, X12_EM_COPAY, oon, &v)) {
        printf("%scopay %s", first ? " " : "; ", dollars(b, sizeof b, v));
        first = 0;
    }
    if (x12_elig_summary_get(s, X12_EM_COINSURANCE, oon, &v)) {
        printf("%scoinsurance %s%%", first ? " " : "; ", percent(b, sizeof b, v));
        first = 0;
    }
    return first;
}

static int has_any(const x12_elig_summary *s, int oon)
{
    unsigned m;

    for (m = 1; m <= 10; m++)
        if (x12_elig_summary_get(s, (x12_elig_measure)m, oon, NULL))
            return 1;
    return 0;
}

static void text_coverage(const char *file, const x12_elig_coverage *c)
{
    x12_elig_level lv = x12_elig_coverage_level(c);
    x12_str v;
    size_t i, n;

    printf("%s: %s %zu: ", file, level_name(lv), x12_elig_coverage_index(c) + 1);
    if (lv == X12_ELIG_LEVEL_SUBSCRIBER || lv == X12_ELIG_LEVEL_DEPENDENT) {
        put_view(x12_elig_coverage_get(c, X12_EC_LAST_NAME));
        v = x12_elig_coverage_get(c, X12_EC_FIRST_NAME);
        if (v.len) {
            fputs(", ", stdout);
            put_view(v);
        }
        fputs(" (member ", stdout);
        put_view(x12_elig_coverage_get(c, X12_EC_MEMBER_ID));
        fputs(") ", stdout);
    }
    printf("%s\n", state_name(x12_elig_coverage_state(c)));
    if (x12_elig_coverage_payer(c) != NULL) {
        fputs("  ", stdout);
        text_party("payer", x12_elig_coverage_payer(c));
        if (x12_elig_coverage_receiver(c) != NULL) {
            fputs(", ", stdout);
            text_party("provider", x12_elig_coverage_receiver(c));
        }
        putchar('\n');
    }
    v = x12_elig_coverage_get(c, X12_EC_PLAN_NAME);
    if (v.len || x12_elig_coverage_get(c, X12_EC_GROUP_NUMBER).len) {
        fputs("  plan        ", stdout);
        put_view(v.len ? v : x12_elig_coverage_get(c, X12_EC_PLAN_NUMBER));
        v = x12_elig_coverage_get(c, X12_EC_GROUP_NUMBER);
        if (v.len) {
            fputs(", group ", stdout);
            put_view(v);
        }
        putchar('\n');
    }
    if (x12_elig_coverage_get(c, X12_EC_PLAN_BEGIN).len ||
        x12_elig_coverage_get(c, X12_EC_PLAN_END).len) {
        x12_str from = x12_elig_coverage_get(c, X12_EC_PLAN_BEGIN);
        v = x12_elig_coverage_get(c, X12_EC_PLAN_END);
        fputs("  plan dates  ", stdout);
        if (from.len) {
            fputs("from ", stdout);
            put_view(from);
        }
        if (v.len) {
            fputs(from.len ? " to " : "until ", stdout);
            put_view(v);
        }
        putchar('\n');
    }
    if (lv >= X12_ELIG_LEVEL_SUBSCRIBER) {
        n = x12_elig_coverage_summary_count(c);
        for (i = 0; i < n; i++) {
            const x12_elig_summary *s = x12_elig_coverage_summary_at(c, i);
            int a = x12_elig_summary_active(s), first;

            fputs("  ", stdout);
            put_view(x12_elig_summary_service_type(s));
            printf("%*s%s:", (int)(4 - x12_elig_summary_service_type(s).len), "",
                   x12_elig_summary_service_type_text(s));
            first = 1;
            if (a != 0) {
                printf(" %s", a > 0 ? "covered" : "not covered");
                first = 0;
            }
            if (x12_elig_summary_authorization_required(s)) {
                printf("%sauthorization required", first ? " " : "; ");
                first = 0;
            }
            first = text_network(s, 0, first);
            if (has_any(s, 1)) {
                printf("%sout of network:", first ? " " : "; ");
                text_network(s, 1, 1);
                first = 0;
            }
            if (first)
                fputs(" see the benefits", stdout);
            putchar('\n');
        }
        n = x12_elig_coverage_benefit_count(c);
        for (i = 0; i < n; i++) {
            const x12_elig_benefit *b = x12_elig_coverage_benefit_at(c, i);
            size_t k, m = x12_elig_benefit_message_count(b);
            for (k = 0; k < m; k++) {
                fputs("  message     ", stdout);
                put_view(x12_elig_benefit_message_at(b, k));
                putchar('\n');
            }
        }
    }
    if (x12_elig_coverage_payer(c) != NULL) {
        n = x12_elig_party_reject_count(x12_elig_coverage_payer(c));
        for (i = 0; i < n; i++)
            text_reject(x12_elig_party_reject_at(x12_elig_coverage_payer(c), i));
    }
    if (x12_elig_coverage_receiver(c) != NULL) {
        n = x12_elig_party_reject_count(x12_elig_coverage_receiver(c));
        for (i = 0; i < n; i++)
            text_reject(x12_elig_party_reject_at(x12_elig_coverage_receiver(c), i));
    }
    n = x12_elig_coverage_reject_count(c);
    for (i = 0; i < n; i++)
        text_reject(x12_elig_coverage_reject_at(c, i));
}

/* ---- the verb ------------------------------------------------------------------------- */


static void eligibility_file(input *in, int mode, size_t *printed)
{
    x12_elig_stream *s;
    const x12_elig_coverage *c;
    x12_status st;

    if (x12_elig_stream_new(NULL, in->r, &s) != X12_OK) {
        fprintf(stderr, "%s: %s: out of memory\n", progname, in->name);
        in->status = EXIT_USAGE;
        return;
    }
    x12_elig_stream_set_error_handler(s, report_handler, in);
    while ((st = x12_elig_stream_next(s, &c)) == X12_OK) {
        progress_tick(in);
        if (mode == OUT_JSON)
            json_coverage(in->name, c, *printed == 0);
        else
            text_coverage(in->name, c);
        (*printed)++;
        if (ferror(stdout))
            break;
    }
    if (st != X12_OK && st != X12_END) {
        const x12_error *e = x12_elig_stream_last_error(s);

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
    x12_elig_stream_free(s);
}

int cmd_eligibility(int argc, char **argv);

int cmd_eligibility(int argc, char **argv)
{
    static const optdef defs[] = {{"--json", 0}, {"--text", 0}, {NULL, 0}};
    args a = {"eligibility", defs, argc, argv, 1, 0};
    const char *opt, *val, *file;
    const char **files = xmalloc((size_t)argc * sizeof *files);
    size_t nfiles = 0, i, printed = 0;
    int k, status = 0, mode = OUT_TEXT;

    while ((k = next_arg(&a, &opt, &val, &file)) >= 0) {
        if (k == 0) {
            files[nfiles++] = file;
        } else if (strcmp(opt, "--help") == 0) {
            fputs(eligibility_usage, stdout);
            free(files);
            return output_failed() ? EXIT_USAGE : 0;
        } else if (strcmp(opt, "--json") == 0) {
            mode = OUT_JSON;
        } else if (strcmp(opt, "--text") == 0) {
            mode = OUT_TEXT;
        }
    }
    if (k == -2) {
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (mode == OUT_JSON)
        fputs("{\"coverages\":[", stdout);
    for (i = 0; i < nfiles; i++) {
        input in;

        if (input_open(&in, files[i]) != 0) {
            status = worst(status, in.status);
            continue;
        }
        eligibility_file(&in, mode, &printed);
        input_close(&in);
        status = worst(status, in.status);
        if (output_failed()) {
            free(files);
            return EXIT_USAGE;
        }
    }
    if (mode == OUT_JSON)
        fputs("\n]}\n", stdout);
    free(files);
    if (output_failed())
        return EXIT_USAGE;
    return status;
}
