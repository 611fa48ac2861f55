/*
 * Encounters from XML (specs/encounter.xsd, compiled in): parse with
 * libxml2, validate against the schema, then walk the tree into the model.
 * Attribute names are the model's field names, so the walk is tables.
 *
 * Problems become the batch's edit records with path "NAME:LINE" and rules
 * "xml-syntax", "xml-schema" or "xml-value".  libxml2's messages can quote
 * document content; quoted values are replaced by "(value)" before they are
 * kept, names of elements and attributes stay.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "claim837_internal.h"

#include "lib/encounter_xsd.inc" /* static const char encounter_xsd[] */

#define NS "urn:libx12:encounter:1"

typedef struct xctx {
    x12_batch *b;
    const char *name;
    x12_status st; /* X12_OK, X12_ESYNTAX (a value was bad) or X12_ENOMEM */
} xctx;

/* ---- errors -------------------------------------------------------------------- */

/* Keeps quoted names (after "Element ", "attribute ", ...) and numbers;
 * replaces other quoted text, which may be document content. */
static void redact(char *out, size_t size, const char *msg)
{
    static const char *const keep[] = {"lement ", "ttribute ", "facet ", "type ", "tag ",
                                       "element: ", "attribute: "};
    size_t n = 0, i;
    const char *p = msg;

    while (*p && n + 1 < size) {
        if (*p == '\'') {
            const char *q = strchr(p + 1, '\'');
            int keepit = 0, digits = 1;
            const char *r;
            if (q == NULL)
                break;
            for (r = p + 1; r < q; r++)
                digits &= (*r >= '0' && *r <= '9');
            keepit = digits && q > p + 1;
            for (i = 0; i < sizeof keep / sizeof keep[0] && !keepit; i++) {
                size_t k = strlen(keep[i]);
                if ((size_t)(p - msg) >= k && memcmp(p - k, keep[i], k) == 0)
                    keepit = 1;
            }
            if (keepit) {
                size_t len = (size_t)(q - p + 1);
                if (n + len >= size)
                    break;
                memcpy(out + n, p, len);
                n += len;
            } else {
                const char *rep = "(value)";
                size_t len = strlen(rep);
                if (n + len >= size)
                    break;
                memcpy(out + n, rep, len);
                n += len;
            }
            p = q + 1;
            continue;
        }
        if (*p == '\n' || *p == '\r') {
            p++;
            continue;
        }
        out[n++] = *p++;
    }
    /* drop trailing spaces and dots' neighbours left by libxml2 */
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

static void xerr(xctx *x, long line, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void xerr(xctx *x, long line, const char *rule, const char *fmt, ...)
{
    char path[300], msg[X12I_MSG_MAX];
    va_list ap;

    if (x->st == X12_ENOMEM)
        return;
    snprintf(path, sizeof path, "%s:%ld", x->name, line);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c8_edit_push(x->b, path, rule, NULL, NULL, 0, "%s", msg) == NULL)
        x->st = X12_ENOMEM;
    else if (x->st == X12_OK)
        x->st = X12_ESYNTAX;
}

static void schema_error(void *user, xmlErrorPtr e)
{
    xctx *x = user;
    char msg[X12I_MSG_MAX];

    if (e == NULL)
        return;
    redact(msg, sizeof msg, e->message ? e->message : "schema error");
    xerr(x, e->line, "xml-schema", "%s", msg);
}

/* ---- values --------------------------------------------------------------------- */

static int is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           strcmp((const char *)n->ns->href, NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static const char *attr_value(const xmlAttr *a)
{
    if (a->children != NULL && a->children->content != NULL)
        return (const char *)a->children->content;
    return "";
}

static const char *attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;

    for (a = n->properties; a != NULL; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return attr_value(a);
    return NULL;
}

static void check(xctx *x, x12_status st)
{
    if (st == X12_ENOMEM)
        x->st = X12_ENOMEM;
}

static int64_t amount(xctx *x, const xmlNode *n, const char *name, int *has)
{
    const char *v = attr(n, name);
    int64_t c = 0;

    *has = 0;
    if (v == NULL)
        return 0;
    if (x12_parse_cents(v, X12_NTS, &c) != X12_OK) {
        xerr(x, (long)xmlGetLineNo(n), "xml-value",
             "attribute '%s' is not an amount (digits with at most 2 decimals)", name);
        return 0;
    }
    *has = 1;
    return c;
}

/* Field tables: attribute name -> enum value. */
typedef struct fmap {
    const char *name;
    int field;
} fmap;

static const fmap party_map[] = {
    {"name", X12_PARTY_NAME},
    {"first_name", X12_PARTY_FIRST_NAME},
    {"middle_name", X12_PARTY_MIDDLE_NAME},
    {"suffix", X12_PARTY_SUFFIX},
    {"address1", X12_PARTY_ADDRESS1},
    {"address2", X12_PARTY_ADDRESS2},
    {"city", X12_PARTY_CITY},
    {"state", X12_PARTY_STATE},
    {"zip", X12_PARTY_ZIP},
    {"taxonomy", X12_PARTY_TAXONOMY},
    {"ein", X12_PARTY_EIN},
    {"ssn", X12_PARTY_SSN},
    {"birth_date", X12_PARTY_BIRTH_DATE},
    {"gender", X12_PARTY_GENDER},
    {"contact", X12_PARTY_CONTACT},
    {"phone", X12_PARTY_PHONE},
    {"email", X12_PARTY_EMAIL},
    {NULL, 0},
};

static int lookup(const fmap *m, const char *name)
{
    for (; m->name != NULL; m++)
        if (strcmp(m->name, name) == 0)
            return m->field;
    return 0;
}

/* Sets the party's fields from the element's attributes; `idname` is the
 * attribute that holds NM109 ("npi", "member_id", "payer_id", "id"). */
static void read_party(xctx *x, const xmlNode *n, x12_party *p, const char *idname)
{
    const xmlAttr *a;
    const char *v;
    int f;

    if (p == NULL) {
        x->st = X12_ENOMEM;
        return;
    }
    for (a = n->properties; a != NULL; a = a->next) {
        const char *name = (const char *)a->name;
        v = attr_value(a);
        if (idname != NULL && strcmp(name, idname) == 0)
            check(x, x12_party_set(p, X12_PARTY_ID, v, X12_NTS));
        else if ((f = lookup(party_map, name)) != 0)
            check(x, x12_party_set(p, (x12_party_field)f, v, X12_NTS));
    }
    v = attr(n, "entity");
    if (v != NULL)
        x12_party_set_entity(p, strcmp(v, "person") == 0 ? X12_ENTITY_PERSON
                                                          : X12_ENTITY_ORGANIZATION);
}

/* ---- the tree --------------------------------------------------------------------- */

static const fmap claim_map[] = {
    {"pcn", X12_CLAIM_PCN},
    {"place_of_service", X12_CLAIM_PLACE_OF_SERVICE},
    {"frequency", X12_CLAIM_FREQUENCY},
    {"bill_type", X12_CLAIM_BILL_TYPE},
    {"provider_signature", X12_CLAIM_PROVIDER_SIGNATURE},
    {"assignment", X12_CLAIM_ASSIGNMENT},
    {"benefits_assignment", X12_CLAIM_BENEFITS_ASSIGNMENT},
    {"release", X12_CLAIM_RELEASE},
    {"delay_reason", X12_CLAIM_DELAY_REASON},
    {"onset_date", X12_CLAIM_ONSET_DATE},
    {"accident_date", X12_CLAIM_ACCIDENT_DATE},
    {"service_from", X12_CLAIM_SERVICE_FROM},
    {"service_to", X12_CLAIM_SERVICE_TO},
    {"admission_date", X12_CLAIM_ADMISSION_DATE},
    {"admission_hour", X12_CLAIM_ADMISSION_HOUR},
    {"discharge_hour", X12_CLAIM_DISCHARGE_HOUR},
    {"admission_type", X12_CLAIM_ADMISSION_TYPE},
    {"admission_source", X12_CLAIM_ADMISSION_SOURCE},
    {"patient_status", X12_CLAIM_PATIENT_STATUS},
    {"prior_authorization", X12_CLAIM_PRIOR_AUTH},
    {"referral", X12_CLAIM_REFERRAL},
    {"payer_claim_number", X12_CLAIM_PAYER_CLAIM_NUMBER},
    {"medical_record", X12_CLAIM_MEDICAL_RECORD},
    {"related_causes", X12_CLAIM_RELATED_CAUSES},
    {"accident_state", X12_CLAIM_ACCIDENT_STATE},
    {NULL, 0},
};

static const fmap line_map[] = {
    {"procedure", X12_LINE_PROCEDURE},
    {"revenue_code", X12_LINE_REVENUE_CODE},
    {"unit", X12_LINE_UNIT},
    {"units", X12_LINE_UNITS},
    {"place_of_service", X12_LINE_PLACE_OF_SERVICE},
    {"service_from", X12_LINE_SERVICE_FROM},
    {"service_to", X12_LINE_SERVICE_TO},
    {"control_number", X12_LINE_CONTROL_NUMBER},
    {"ndc", X12_LINE_NDC},
    {"ndc_quantity", X12_LINE_NDC_QUANTITY},
    {"ndc_unit", X12_LINE_NDC_UNIT},
    {"emergency", X12_LINE_EMERGENCY},
    {NULL, 0},
};

static const fmap op_map[] = {
    {"responsibility", X12_OP_RESPONSIBILITY},
    {"relationship", X12_OP_RELATIONSHIP},
    {"group_number", X12_OP_GROUP_NUMBER},
    {"insurance_type", X12_OP_INSURANCE_TYPE},
    {"filing_indicator", X12_OP_FILING_INDICATOR},
    {"adjudication_date", X12_OP_ADJUDICATION_DATE},
    {"benefits_assignment", X12_OP_BENEFITS_ASSIGNMENT},
    {"release", X12_OP_RELEASE},
    {NULL, 0},
};

static const fmap la_map[] = {
    {"payer_id", X12_LA_PAYER_ID},
    {"procedure", X12_LA_PROCEDURE},
    {"revenue_code", X12_LA_REVENUE_CODE},
    {"units", X12_LA_UNITS},
    {"bundled_line", X12_LA_BUNDLED_LINE},
    {"date", X12_LA_DATE},
    {NULL, 0},
};

static const fmap sub_map[] = {
    {"responsibility", X12_SUB_RESPONSIBILITY},
    {"group_number", X12_SUB_GROUP_NUMBER},
    {"group_name", X12_SUB_GROUP_NAME},
    {"insurance_type", X12_SUB_INSURANCE_TYPE},
    {"filing_indicator", X12_SUB_FILING_INDICATOR},
    {NULL, 0},
};

static const fmap batch_map[] = {
    {"sender_qualifier", X12_BATCH_SENDER_QUALIFIER},
    {"sender_id", X12_BATCH_SENDER_ID},
    {"receiver_qualifier", X12_BATCH_RECEIVER_QUALIFIER},
    {"receiver_id", X12_BATCH_RECEIVER_ID},
    {"gs_sender", X12_BATCH_GS_SENDER},
    {"gs_receiver", X12_BATCH_GS_RECEIVER},
    {"date", X12_BATCH_DATE},
    {"time", X12_BATCH_TIME},
    {"reference", X12_BATCH_REFERENCE},
    {"purpose", X12_BATCH_PURPOSE},
    {"transaction_type", X12_BATCH_TRANSACTION_TYPE},
    {NULL, 0},
};

static const fmap option_map[] = {
    {"control_number", X12_BATCH_ISA13},
    {"group_control_number", X12_BATCH_GS06},
    {"set_control_number", X12_BATCH_ST02},
    {"production", X12_BATCH_PRODUCTION},
    {"ack_requested", X12_BATCH_ACK_REQUESTED},
    {"max_claims_per_set", X12_BATCH_MAX_CLAIMS_PER_SET},
    {NULL, 0},
};

static const fmap dx_map[] = {
    {"principal", X12_DX_PRINCIPAL}, {"other", X12_DX_OTHER},
    {"admitting", X12_DX_ADMITTING}, {"reason", X12_DX_REASON},
    {NULL, 0},
};

static const fmap code_map[] = {
    {"principal_procedure", X12_CODE_PRINCIPAL_PROCEDURE},
    {"other_procedure", X12_CODE_OTHER_PROCEDURE},
    {"occurrence", X12_CODE_OCCURRENCE},
    {"occurrence_span", X12_CODE_OCCURRENCE_SPAN},
    {"value", X12_CODE_VALUE},
    {"condition", X12_CODE_CONDITION},
    {NULL, 0},
};

static const fmap role_map[] = {
    {"rendering", X12_ROLE_RENDERING},
    {"referring", X12_ROLE_REFERRING},
    {"service_facility", X12_ROLE_SERVICE_FACILITY},
    {"attending", X12_ROLE_ATTENDING},
    {"operating", X12_ROLE_OPERATING},
    {"other_operating", X12_ROLE_OTHER_OPERATING},
    {"supervising", X12_ROLE_SUPERVISING},
    {"ordering", X12_ROLE_ORDERING},
    {NULL, 0},
};

/* Each table's fields go through one setter. */
typedef x12_status (*set_fn)(void *h, int f, const char *v, size_t len);

static x12_status set_claim(void *h, int f, const char *v, size_t n)
{
    return x12_claim_set(h, (x12_claim_field)f, v, n);
}
static x12_status set_line(void *h, int f, const char *v, size_t n)
{
    return x12_line_set(h, (x12_line_field)f, v, n);
}
static x12_status set_op(void *h, int f, const char *v, size_t n)
{
    return x12_other_payer_set(h, (x12_other_payer_field)f, v, n);
}
static x12_status set_la(void *h, int f, const char *v, size_t n)
{
    return x12_line_adjudication_set(h, (x12_line_adjudication_field)f, v, n);
}
static x12_status set_sub(void *h, int f, const char *v, size_t n)
{
    return x12_subscriber_set(h, (x12_subscriber_field)f, v, n);
}
static x12_status set_batch(void *h, int f, const char *v, size_t n)
{
    return x12_batch_set(h, (x12_batch_field)f, v, n);
}

static void read_fields(xctx *x, const xmlNode *n, const fmap *m, set_fn fn, void *h)
{
    const xmlAttr *a;
    int f;

    for (a = n->properties; a != NULL; a = a->next)
        if ((f = lookup(m, (const char *)a->name)) != 0)
            check(x, fn(h, f, attr_value(a), X12_NTS));
}

typedef x12_status (*mod_fn)(void *h, const char *v, size_t len);

static x12_status add_line_modifier(void *h, const char *v, size_t len)
{
    return x12_line_add_modifier(h, v, len);
}
static x12_status add_la_modifier(void *h, const char *v, size_t len)
{
    return x12_line_adjudication_add_modifier(h, v, len);
}

/* The space-separated codes of the element's modifiers attribute. */
static void read_modifiers(xctx *x, const xmlNode *n, mod_fn fn, void *h)
{
    const char *v = attr(n, "modifiers");

    if (v == NULL)
        return;
    while (*v) {
        size_t k;
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
            v++;
        for (k = 0; v[k] && v[k] != ' ' && v[k] != '\t' && v[k] != '\n' && v[k] != '\r'; k++)
            ;
        if (k)
            check(x, fn(h, v, k));
        v += k;
    }
}

/* <adjudication> of a line: 2430. */
static void read_adjudication(xctx *x, const xmlNode *n, x12_service_line *l)
{
    x12_line_adjudication *a;
    const xmlNode *k;
    int has;
    int64_t amt;

    if (x12_line_add_adjudication(l, &a) != X12_OK) {
        x->st = X12_ENOMEM;
        return;
    }
    read_fields(x, n, la_map, set_la, a);
    amt = amount(x, n, "paid", &has);
    if (has)
        x12_line_adjudication_set_amount(a, X12_LA_PAID, amt);
    amt = amount(x, n, "patient_liability", &has);
    if (has)
        x12_line_adjudication_set_amount(a, X12_LA_PATIENT_LIABILITY, amt);
    read_modifiers(x, n, add_la_modifier, a);
    for (k = n->children; k != NULL; k = k->next)
        if (is_el(k, "adjustment")) {
            const char *g = attr(k, "group"), *r = attr(k, "reason");
            amt = amount(x, k, "amount", &has);
            check(x, x12_line_adjudication_add_adjustment(a, g ? g : "", r ? r : "", amt,
                                                          attr(k, "quantity")));
        }
}

static void read_line(xctx *x, const xmlNode *n, x12_claim *c)
{
    x12_service_line *l;
    const xmlNode *k;
    const char *v;
    int has;
    int64_t amt;

    if (x12_claim_add_line(c, &l) != X12_OK) {
        x->st = X12_ENOMEM;
        return;
    }
    read_fields(x, n, line_map, set_line, l);
    amt = amount(x, n, "charge", &has);
    if (has)
        x12_line_set_amount(l, X12_LINE_CHARGE, amt);
    amt = amount(x, n, "noncovered", &has);
    if (has)
        x12_line_set_amount(l, X12_LINE_NONCOVERED, amt);
    read_modifiers(x, n, add_line_modifier, l);
    if ((v = attr(n, "pointers")) != NULL) {
        while (*v) {
            unsigned p = 0;
            int any = 0;
            while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
                v++;
            while (*v >= '0' && *v <= '9') {
                if (p < 100000)
                    p = p * 10 + (unsigned)(*v - '0');
                v++;
                any = 1;
            }
            if (any)
                check(x, x12_line_add_pointer(l, p));
            else if (*v)
                v++;
        }
    }
    for (k = n->children; k != NULL; k = k->next) {
        if (is_el(k, "provider")) {
            /* the schema allows the roles a line has (no attending); which
             * of them the claim's kind takes is an edit */
            int r;
            v = attr(k, "role");
            r = v != NULL ? lookup(role_map, v) : 0;
            if (r)
                read_party(x, k, x12_line_provider(l, (x12_claim_role)r), "npi");
        } else if (is_el(k, "adjudication")) {
            read_adjudication(x, k, l);
        }
    }
}

static void read_other_payer(xctx *x, const xmlNode *n, x12_claim *c)
{
    x12_other_payer *op;
    const xmlNode *k;
    int has;
    int64_t amt;

    if (x12_claim_add_other_payer(c, &op) != X12_OK) {
        x->st = X12_ENOMEM;
        return;
    }
    read_fields(x, n, op_map, set_op, op);
    amt = amount(x, n, "paid", &has);
    if (has)
        x12_other_payer_set_amount(op, X12_OP_PAID, amt);
    amt = amount(x, n, "patient_liability", &has);
    if (has)
        x12_other_payer_set_amount(op, X12_OP_PATIENT_LIABILITY, amt);
    for (k = n->children; k != NULL; k = k->next) {
        if (is_el(k, "subscriber")) {
            read_party(x, k, x12_other_payer_subscriber(op), "member_id");
        } else if (is_el(k, "payer")) {
            read_party(x, k, x12_other_payer_payer(op), "payer_id");
        } else if (is_el(k, "adjustment")) {
            const char *g = attr(k, "group"), *r = attr(k, "reason");
            amt = amount(x, k, "amount", &has);
            check(x, x12_other_payer_add_adjustment(op, g ? g : "", r ? r : "", amt,
                                                    attr(k, "quantity")));
        }
    }
}

static void read_claim(xctx *x, const xmlNode *n, x12_claim *c)
{
    const xmlNode *k;
    const char *v;
    int has;
    int64_t amt;

    read_fields(x, n, claim_map, set_claim, c);
    amt = amount(x, n, "total_charge", &has);
    if (has)
        x12_claim_set_amount(c, X12_CLAIM_TOTAL_CHARGE, amt);
    amt = amount(x, n, "patient_paid", &has);
    if (has)
        x12_claim_set_amount(c, X12_CLAIM_PATIENT_PAID, amt);
    for (k = n->children; k != NULL && x->st != X12_ENOMEM; k = k->next) {
        if (is_el(k, "diagnosis")) {
            const char *kind = attr(k, "kind"), *poa = attr(k, "poa");
            int kd = kind ? lookup(dx_map, kind) : X12_DX_OTHER;
            v = attr(k, "code");
            check(x, x12_claim_add_diagnosis(c, (x12_dx_kind)(kd ? kd : X12_DX_OTHER),
                                             v ? v : "", X12_NTS, poa ? poa[0] : 0));
        } else if (is_el(k, "code")) {
            const char *kind = attr(k, "kind"), *d1 = attr(k, "date"), *d2 = attr(k, "date2");
            int kd = kind ? lookup(code_map, kind) : 0;
            v = attr(k, "code");
            amt = amount(x, k, "amount", &has);
            if (kd)
                check(x, x12_claim_add_code(c, (x12_code_kind)kd, v ? v : "", X12_NTS, d1,
                                            d1 ? X12_NTS : 0, d2, d2 ? X12_NTS : 0, amt));
        } else if (is_el(k, "provider")) {
            const char *role = attr(k, "role");
            int r = role ? lookup(role_map, role) : 0;
            if (r)
                read_party(x, k, x12_claim_provider(c, (x12_claim_role)r), "npi");
        } else if (is_el(k, "other_payer")) {
            read_other_payer(x, k, c);
        } else if (is_el(k, "line")) {
            read_line(x, k, c);
        }
    }
}

static void read_subscriber(xctx *x, const xmlNode *n, x12_billing_provider *bp)
{
    x12_subscriber *s;
    const xmlNode *k, *j;
    x12_claim *c;
    x12_patient *pt;

    if (x12_billing_provider_add_subscriber(bp, &s) != X12_OK) {
        x->st = X12_ENOMEM;
        return;
    }
    read_fields(x, n, sub_map, set_sub, s);
    read_party(x, n, x12_subscriber_party(s), "member_id");
    for (k = n->children; k != NULL && x->st != X12_ENOMEM; k = k->next) {
        if (is_el(k, "payer")) {
            read_party(x, k, x12_subscriber_payer(s), "payer_id");
        } else if (is_el(k, "claim")) {
            if (x12_subscriber_add_claim(s, &c) != X12_OK) {
                x->st = X12_ENOMEM;
                return;
            }
            read_claim(x, k, c);
        } else if (is_el(k, "patient")) {
            const char *rel = attr(k, "relationship");
            if (x12_subscriber_add_patient(s, &pt) != X12_OK) {
                x->st = X12_ENOMEM;
                return;
            }
            if (rel != NULL)
                check(x, x12_patient_set_relationship(pt, rel, X12_NTS));
            read_party(x, k, x12_patient_party(pt), NULL);
            for (j = k->children; j != NULL && x->st != X12_ENOMEM; j = j->next) {
                if (!is_el(j, "claim"))
                    continue;
                if (x12_patient_add_claim(pt, &c) != X12_OK) {
                    x->st = X12_ENOMEM;
                    return;
                }
                read_claim(x, j, c);
            }
        }
    }
}

static void read_document(xctx *x, const xmlNode *root)
{
    x12_batch *b = x->b;
    const xmlNode *n, *k;
    const xmlAttr *a;
    const char *kind = attr(root, "kind");
    x12_billing_provider *bp;
    int f;

    /* Without the attribute the caller's kind stays (x12 build --837i). */
    if (kind != NULL)
        x12_batch_set_kind(b, strcmp(kind, "837I") == 0 ? X12_CLAIM_837I : X12_CLAIM_837P);
    for (n = root->children; n != NULL && x->st != X12_ENOMEM; n = n->next) {
        if (is_el(n, "interchange")) {
            read_fields(x, n, batch_map, set_batch, b);
            for (a = n->properties; a != NULL; a = a->next) {
                unsigned long long v;
                char *end;
                if ((f = lookup(option_map, (const char *)a->name)) == 0)
                    continue;
                errno = 0;
                v = strtoull(attr_value(a), &end, 10);
                if (errno != 0 || *end != '\0' ||
                    x12_batch_set_option(b, (x12_batch_option)f, v) != X12_OK)
                    xerr(x, (long)xmlGetLineNo(n), "xml-value", "attribute '%s' is out of range",
                         (const char *)a->name);
            }
        } else if (is_el(n, "submitter")) {
            read_party(x, n, x12_batch_submitter(b), "id");
        } else if (is_el(n, "receiver")) {
            read_party(x, n, x12_batch_receiver(b), "id");
        } else if (is_el(n, "provider")) {
            if (x12_batch_add_provider(b, &bp) != X12_OK) {
                x->st = X12_ENOMEM;
                return;
            }
            read_party(x, n, x12_billing_provider_party(bp), "npi");
            for (k = n->children; k != NULL && x->st != X12_ENOMEM; k = k->next) {
                if (is_el(k, "pay_to"))
                    read_party(x, k, x12_billing_provider_pay_to(bp), NULL);
                else if (is_el(k, "subscriber"))
                    read_subscriber(x, k, bp);
            }
        }
    }
}

/* ---- entry points ---------------------------------------------------------------- */

static int validate(xctx *x, xmlDocPtr doc)
{
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr vc;
    int rc;

    pc = xmlSchemaNewMemParserCtxt(encounter_xsd, (int)(sizeof encounter_xsd - 1));
    if (pc == NULL) {
        x->st = X12_ENOMEM;
        return -1;
    }
    schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (schema == NULL) {
        /* the compiled-in schema is part of the library: only memory can
         * make it fail */
        x->st = X12_ENOMEM;
        return -1;
    }
    vc = xmlSchemaNewValidCtxt(schema);
    if (vc == NULL) {
        xmlSchemaFree(schema);
        x->st = X12_ENOMEM;
        return -1;
    }
    xmlSchemaSetValidStructuredErrors(vc, schema_error, x);
    rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    if (rc != 0 && x->st == X12_OK)
        xerr(x, 0, "xml-schema", "the document does not match the encounter schema");
    return rc;
}

x12_status x12_batch_load_xml_memory(x12_batch *b, const char *data, size_t len,
                                     const char *name)
{
    xctx x;
    xmlParserCtxtPtr pc;
    xmlDocPtr doc;

    if (b == NULL || (data == NULL && len != 0) || len > (size_t)2147483647)
        return X12_EINVAL;
    if (!c8_batch_empty(b))
        return X12_ESTATE;
    c8_edits_clear(b);
    x.b = b;
    x.name = name != NULL ? name : "<memory>";
    x.st = X12_OK;
    x12i_xml_init();
    pc = xmlNewParserCtxt();
    if (pc == NULL)
        return X12_ENOMEM;
    doc = xmlCtxtReadMemory(pc, data ? data : "", (int)len, x.name, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    if (doc == NULL) {
        xmlErrorPtr e = xmlCtxtGetLastError(pc);
        char msg[X12I_MSG_MAX];
        redact(msg, sizeof msg, e && e->message ? e->message : "not well-formed XML");
        xerr(&x, e ? (long)e->line : 0, "xml-syntax", "%s", msg);
        xmlFreeParserCtxt(pc);
        return x.st;
    }
    xmlFreeParserCtxt(pc);
    if (validate(&x, doc) == 0 && x.st == X12_OK)
        read_document(&x, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return x.st;
}

x12_status x12_batch_load_xml_file(x12_batch *b, const char *path)
{
    FILE *f;
    char *buf = NULL, *nb;
    size_t len = 0, cap = 0, n;
    x12_status st;

    if (b == NULL || path == NULL)
        return X12_EINVAL;
    f = fopen(path, "rb");
    if (f == NULL)
        return X12_EIO;
    for (;;) {
        if (cap - len < 65536) {
            size_t ncap = cap ? cap * 2 : 65536;
            nb = x12i_realloc(&b->a, buf, ncap);
            if (nb == NULL) {
                x12i_free(&b->a, buf);
                fclose(f);
                return X12_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        x12i_free(&b->a, buf);
        fclose(f);
        return X12_EIO;
    }
    fclose(f);
    st = x12_batch_load_xml_memory(b, buf, len, path);
    x12i_free(&b->a, buf);
    return st;
}
