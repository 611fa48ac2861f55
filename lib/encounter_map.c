/*
 * The encounter vocabulary (see encounter_internal.h): the names of
 * specs/encounter.xsd and of the JSON Lines format, what each is, and how
 * a record's values go into the claim model.
 */
#include <string.h>

#include "encounter_internal.h"

/* ---- enumerations ---------------------------------------------------------------- */

const char *const enc_kind_names[] = {"837P", "837I", NULL};
const int enc_kind_values[] = {X12_CLAIM_837P, X12_CLAIM_837I};

static const char *const entity_names[] = {"person", "organization", NULL};
static const int entity_values[] = {X12_ENTITY_PERSON, X12_ENTITY_ORGANIZATION};

static const char *const dx_names[] = {"principal", "other", "admitting", "reason", NULL};
static const int dx_values[] = {X12_DX_PRINCIPAL, X12_DX_OTHER, X12_DX_ADMITTING,
                                X12_DX_REASON};

static const char *const code_names[] = {"principal_procedure", "other_procedure",
                                         "occurrence", "occurrence_span", "value",
                                         "condition", NULL};
static const int code_values[] = {X12_CODE_PRINCIPAL_PROCEDURE, X12_CODE_OTHER_PROCEDURE,
                                  X12_CODE_OCCURRENCE, X12_CODE_OCCURRENCE_SPAN,
                                  X12_CODE_VALUE, X12_CODE_CONDITION};

/* The roles the schema allows a claim's provider and a line's provider. */
static const char *const claim_role_names[] = {"rendering", "referring", "service_facility",
                                               "attending", "operating", "other_operating",
                                               "supervising", NULL};
static const int claim_role_values[] = {X12_ROLE_RENDERING, X12_ROLE_REFERRING,
                                        X12_ROLE_SERVICE_FACILITY, X12_ROLE_ATTENDING,
                                        X12_ROLE_OPERATING, X12_ROLE_OTHER_OPERATING,
                                        X12_ROLE_SUPERVISING};
static const char *const line_role_names[] = {"rendering", "referring", "service_facility",
                                              "supervising", "ordering", "operating",
                                              "other_operating", NULL};
static const int line_role_values[] = {X12_ROLE_RENDERING, X12_ROLE_REFERRING,
                                       X12_ROLE_SERVICE_FACILITY, X12_ROLE_SUPERVISING,
                                       X12_ROLE_ORDERING, X12_ROLE_OPERATING,
                                       X12_ROLE_OTHER_OPERATING};

/* ---- the tables -------------------------------------------------------------------- */

/* An attribute: its name (a literal, whose length is taken at compile
 * time), type, class, whether required, field, and for enums the names. */
#define A(n, t, c, r, f, names, values) {n, sizeof(n) - 1, t, c, r, f, names, values}
#define TEXT(n, cls, f) A(n, ET_TEXT, cls, 0, f, NULL, NULL)
#define TEXT_REQ(n, cls, f) A(n, ET_TEXT, cls, 1, f, NULL, NULL)
#define AMOUNT(n, f) A(n, ET_AMOUNT, EC_AMOUNT, 0, f, NULL, NULL)
#define OPTION(n, f) A(n, ET_UINT, EC_OPTION, 0, f, NULL, NULL)
#define PARTY(n, f) TEXT(n, EC_PARTY, f)
#define ENTITY A("entity", ET_ENTITY, EC_ENTITY, 0, 0, entity_names, entity_values)
#define NAME_GROUP ENTITY, PARTY("name", X12_PARTY_NAME), \
    PARTY("first_name", X12_PARTY_FIRST_NAME), PARTY("middle_name", X12_PARTY_MIDDLE_NAME), \
    PARTY("suffix", X12_PARTY_SUFFIX)
#define ADDRESS_GROUP PARTY("address1", X12_PARTY_ADDRESS1), \
    PARTY("address2", X12_PARTY_ADDRESS2), PARTY("city", X12_PARTY_CITY), \
    PARTY("state", X12_PARTY_STATE), PARTY("zip", X12_PARTY_ZIP)
#define CONTACT_GROUP PARTY("contact", X12_PARTY_CONTACT), PARTY("phone", X12_PARTY_PHONE), \
    PARTY("email", X12_PARTY_EMAIL)
#define DEMOGRAPHICS PARTY("birth_date", X12_PARTY_BIRTH_DATE), \
    PARTY("gender", X12_PARTY_GENDER)
#define ID(n) TEXT(n, EC_PARTY_ID, 0)
#define END {NULL, 0, 0, 0, 0, 0, NULL, NULL}

static const enc_attr a_root[] = {
    A("kind", ET_ENUM, EC_SPECIAL, 0, 0, enc_kind_names, enc_kind_values), END};

static const enc_attr a_interchange[] = {
    TEXT("sender_qualifier", EC_OBJ, X12_BATCH_SENDER_QUALIFIER),
    TEXT("sender_id", EC_OBJ, X12_BATCH_SENDER_ID),
    TEXT("receiver_qualifier", EC_OBJ, X12_BATCH_RECEIVER_QUALIFIER),
    TEXT("receiver_id", EC_OBJ, X12_BATCH_RECEIVER_ID),
    TEXT("gs_sender", EC_OBJ, X12_BATCH_GS_SENDER),
    TEXT("gs_receiver", EC_OBJ, X12_BATCH_GS_RECEIVER),
    TEXT("date", EC_OBJ, X12_BATCH_DATE),
    TEXT("time", EC_OBJ, X12_BATCH_TIME),
    TEXT("reference", EC_OBJ, X12_BATCH_REFERENCE),
    TEXT("purpose", EC_OBJ, X12_BATCH_PURPOSE),
    TEXT("transaction_type", EC_OBJ, X12_BATCH_TRANSACTION_TYPE),
    OPTION("control_number", X12_BATCH_ISA13),
    OPTION("group_control_number", X12_BATCH_GS06),
    OPTION("set_control_number", X12_BATCH_ST02),
    OPTION("production", X12_BATCH_PRODUCTION),
    OPTION("ack_requested", X12_BATCH_ACK_REQUESTED),
    OPTION("max_claims_per_set", X12_BATCH_MAX_CLAIMS_PER_SET),
    END};

static const enc_attr a_etin_party[] = {NAME_GROUP, ID("id"), CONTACT_GROUP, END};

static const enc_attr a_provider[] = {
    NAME_GROUP, ID("npi"), PARTY("ein", X12_PARTY_EIN), PARTY("ssn", X12_PARTY_SSN),
    PARTY("taxonomy", X12_PARTY_TAXONOMY), ADDRESS_GROUP, CONTACT_GROUP, END};

static const enc_attr a_pay_to[] = {ADDRESS_GROUP, END};

static const enc_attr a_subscriber[] = {
    TEXT("responsibility", EC_OBJ, X12_SUB_RESPONSIBILITY),
    TEXT("group_number", EC_OBJ, X12_SUB_GROUP_NUMBER),
    TEXT("group_name", EC_OBJ, X12_SUB_GROUP_NAME),
    TEXT("insurance_type", EC_OBJ, X12_SUB_INSURANCE_TYPE),
    TEXT("filing_indicator", EC_OBJ, X12_SUB_FILING_INDICATOR),
    NAME_GROUP, ID("member_id"), ADDRESS_GROUP, DEMOGRAPHICS, END};

static const enc_attr a_payer[] = {NAME_GROUP, ID("payer_id"), ADDRESS_GROUP, END};

static const enc_attr a_patient[] = {
    TEXT("relationship", EC_OBJ, 0), NAME_GROUP, ADDRESS_GROUP, DEMOGRAPHICS, END};

static const enc_attr a_claim[] = {
    TEXT("pcn", EC_OBJ, X12_CLAIM_PCN),
    AMOUNT("total_charge", X12_CLAIM_TOTAL_CHARGE),
    AMOUNT("patient_paid", X12_CLAIM_PATIENT_PAID),
    TEXT("place_of_service", EC_OBJ, X12_CLAIM_PLACE_OF_SERVICE),
    TEXT("frequency", EC_OBJ, X12_CLAIM_FREQUENCY),
    TEXT("bill_type", EC_OBJ, X12_CLAIM_BILL_TYPE),
    TEXT("provider_signature", EC_OBJ, X12_CLAIM_PROVIDER_SIGNATURE),
    TEXT("assignment", EC_OBJ, X12_CLAIM_ASSIGNMENT),
    TEXT("benefits_assignment", EC_OBJ, X12_CLAIM_BENEFITS_ASSIGNMENT),
    TEXT("release", EC_OBJ, X12_CLAIM_RELEASE),
    TEXT("delay_reason", EC_OBJ, X12_CLAIM_DELAY_REASON),
    TEXT("onset_date", EC_OBJ, X12_CLAIM_ONSET_DATE),
    TEXT("accident_date", EC_OBJ, X12_CLAIM_ACCIDENT_DATE),
    TEXT("service_from", EC_OBJ, X12_CLAIM_SERVICE_FROM),
    TEXT("service_to", EC_OBJ, X12_CLAIM_SERVICE_TO),
    TEXT("admission_date", EC_OBJ, X12_CLAIM_ADMISSION_DATE),
    TEXT("admission_hour", EC_OBJ, X12_CLAIM_ADMISSION_HOUR),
    TEXT("discharge_hour", EC_OBJ, X12_CLAIM_DISCHARGE_HOUR),
    TEXT("admission_type", EC_OBJ, X12_CLAIM_ADMISSION_TYPE),
    TEXT("admission_source", EC_OBJ, X12_CLAIM_ADMISSION_SOURCE),
    TEXT("patient_status", EC_OBJ, X12_CLAIM_PATIENT_STATUS),
    TEXT("prior_authorization", EC_OBJ, X12_CLAIM_PRIOR_AUTH),
    TEXT("referral", EC_OBJ, X12_CLAIM_REFERRAL),
    TEXT("payer_claim_number", EC_OBJ, X12_CLAIM_PAYER_CLAIM_NUMBER),
    TEXT("medical_record", EC_OBJ, X12_CLAIM_MEDICAL_RECORD),
    TEXT("related_causes", EC_OBJ, X12_CLAIM_RELATED_CAUSES),
    TEXT("accident_state", EC_OBJ, X12_CLAIM_ACCIDENT_STATE),
    END};

static const enc_attr a_diagnosis[] = {
    TEXT_REQ("code", EC_SPECIAL, 0),
    A("kind", ET_ENUM, EC_SPECIAL, 0, 0, dx_names, dx_values),
    A("poa", ET_CHAR, EC_SPECIAL, 0, 0, NULL, NULL),
    END};

static const enc_attr a_code[] = {
    A("kind", ET_ENUM, EC_SPECIAL, 1, 0, code_names, code_values),
    TEXT_REQ("code", EC_SPECIAL, 0),
    TEXT("date", EC_SPECIAL, 0),
    TEXT("date2", EC_SPECIAL, 0),
    A("amount", ET_AMOUNT, EC_SPECIAL, 0, 0, NULL, NULL),
    END};

static const enc_attr a_claim_provider[] = {
    A("role", ET_ENUM, EC_SPECIAL, 1, 0, claim_role_names, claim_role_values),
    NAME_GROUP, ID("npi"), PARTY("taxonomy", X12_PARTY_TAXONOMY), ADDRESS_GROUP, END};

static const enc_attr a_line_provider[] = {
    A("role", ET_ENUM, EC_SPECIAL, 1, 0, line_role_names, line_role_values),
    NAME_GROUP, ID("npi"), PARTY("taxonomy", X12_PARTY_TAXONOMY), ADDRESS_GROUP, END};

static const enc_attr a_other_payer[] = {
    TEXT("responsibility", EC_OBJ, X12_OP_RESPONSIBILITY),
    TEXT("relationship", EC_OBJ, X12_OP_RELATIONSHIP),
    TEXT("group_number", EC_OBJ, X12_OP_GROUP_NUMBER),
    TEXT("insurance_type", EC_OBJ, X12_OP_INSURANCE_TYPE),
    TEXT("filing_indicator", EC_OBJ, X12_OP_FILING_INDICATOR),
    TEXT("adjudication_date", EC_OBJ, X12_OP_ADJUDICATION_DATE),
    TEXT("benefits_assignment", EC_OBJ, X12_OP_BENEFITS_ASSIGNMENT),
    TEXT("release", EC_OBJ, X12_OP_RELEASE),
    AMOUNT("paid", X12_OP_PAID),
    AMOUNT("patient_liability", X12_OP_PATIENT_LIABILITY),
    END};

static const enc_attr a_insured[] = {NAME_GROUP, ID("member_id"), ADDRESS_GROUP, DEMOGRAPHICS,
                                     END};

static const enc_attr a_adjustment[] = {
    TEXT_REQ("group", EC_SPECIAL, 0),
    TEXT_REQ("reason", EC_SPECIAL, 0),
    A("amount", ET_AMOUNT, EC_SPECIAL, 1, 0, NULL, NULL),
    TEXT("quantity", EC_SPECIAL, 0),
    END};

static const enc_attr a_line[] = {
    TEXT("procedure", EC_OBJ, X12_LINE_PROCEDURE),
    A("modifiers", ET_CODES, EC_SPECIAL, 0, 0, NULL, NULL),
    TEXT("revenue_code", EC_OBJ, X12_LINE_REVENUE_CODE),
    AMOUNT("charge", X12_LINE_CHARGE),
    AMOUNT("noncovered", X12_LINE_NONCOVERED),
    TEXT("unit", EC_OBJ, X12_LINE_UNIT),
    TEXT("units", EC_OBJ, X12_LINE_UNITS),
    TEXT("place_of_service", EC_OBJ, X12_LINE_PLACE_OF_SERVICE),
    A("pointers", ET_POINTERS, EC_SPECIAL, 0, 0, NULL, NULL),
    TEXT("service_from", EC_OBJ, X12_LINE_SERVICE_FROM),
    TEXT("service_to", EC_OBJ, X12_LINE_SERVICE_TO),
    TEXT("control_number", EC_OBJ, X12_LINE_CONTROL_NUMBER),
    TEXT("ndc", EC_OBJ, X12_LINE_NDC),
    TEXT("ndc_quantity", EC_OBJ, X12_LINE_NDC_QUANTITY),
    TEXT("ndc_unit", EC_OBJ, X12_LINE_NDC_UNIT),
    TEXT("emergency", EC_OBJ, X12_LINE_EMERGENCY),
    END};

static const enc_attr a_adjudication[] = {
    TEXT_REQ("payer_id", EC_OBJ, X12_LA_PAYER_ID),
    A("paid", ET_AMOUNT, EC_AMOUNT, 1, X12_LA_PAID, NULL, NULL),
    TEXT_REQ("date", EC_OBJ, X12_LA_DATE),
    TEXT("procedure", EC_OBJ, X12_LA_PROCEDURE),
    A("modifiers", ET_CODES, EC_SPECIAL, 0, 0, NULL, NULL),
    TEXT("revenue_code", EC_OBJ, X12_LA_REVENUE_CODE),
    TEXT("units", EC_OBJ, X12_LA_UNITS),
    TEXT("bundled_line", EC_OBJ, X12_LA_BUNDLED_LINE),
    AMOUNT("patient_liability", X12_LA_PATIENT_LIABILITY),
    END};

static const enc_attr *const tables[EK_N] = {
    NULL,            a_root,     a_interchange,    a_etin_party, a_etin_party,
    a_provider,      a_pay_to,   a_subscriber,     a_payer,      a_patient,
    a_claim,         a_diagnosis, a_code,          a_claim_provider, a_other_payer,
    a_insured,       a_payer,    a_adjustment,     a_line,       a_line_provider,
    a_adjudication};

const enc_attr *enc_attrs(enc_kind k, size_t *n)
{
    const enc_attr *t = (int)k > 0 && (int)k < EK_N ? tables[k] : NULL;
    size_t i = 0;

    if (t != NULL)
        while (t[i].name != NULL)
            i++;
    *n = i;
    return t;
}

int enc_attr_index(enc_kind k, const char *name, size_t len)
{
    const enc_attr *t = (int)k > 0 && (int)k < EK_N ? tables[k] : NULL;
    int i;

    if (t == NULL)
        return -1;
    for (i = 0; t[i].name != NULL; i++)
        if (t[i].nlen == len && t[i].name[0] == name[0] && memcmp(t[i].name, name, len) == 0)
            return i;
    return -1;
}

int enc_enum_value(const enc_attr *a, const char *name, size_t len)
{
    size_t i;

    for (i = 0; a->names != NULL && a->names[i] != NULL; i++)
        if (strncmp(a->names[i], name, len) == 0 && a->names[i][len] == '\0')
            return a->values[i];
    return 0;
}

void enc_enum_list(const enc_attr *a, char *buf, size_t size)
{
    size_t i, n = 0, k;

    if (size == 0)
        return;
    buf[0] = '\0';
    for (i = 0; a->names != NULL && a->names[i] != NULL; i++) {
        const char *sep = i == 0 ? "" : a->names[i + 1] == NULL ? " or " : ", ";
        k = strlen(sep) + strlen(a->names[i]);
        if (n + k + 1 > size)
            break;
        memcpy(buf + n, sep, strlen(sep));
        memcpy(buf + n + strlen(sep), a->names[i], strlen(a->names[i]) + 1);
        n += k;
    }
}

void enc_rec_init(enc_rec *r, enc_kind k)
{
    size_t n;

    /* only the kind's values: a record is made for every object read */
    enc_attrs(k, &n);
    memset(r->v, 0, n * sizeof r->v[0]);
    r->kind = k;
}

const enc_val *enc_get(const enc_rec *r, const char *name)
{
    int i = enc_attr_index(r->kind, name, strlen(name));

    return i >= 0 && r->v[i].set ? &r->v[i] : NULL;
}

/* ---- into the model ------------------------------------------------------------------ */

static x12_status set_obj(enc_kind k, void *obj, int f, const char *p, size_t len)
{
    switch (k) {
    case EK_INTERCHANGE:
        return x12_batch_set(obj, (x12_batch_field)f, p, len);
    case EK_SUBSCRIBER:
        return x12_subscriber_set(obj, (x12_subscriber_field)f, p, len);
    case EK_PATIENT:
        return x12_patient_set_relationship(obj, p, len);
    case EK_CLAIM:
        return x12_claim_set(obj, (x12_claim_field)f, p, len);
    case EK_OTHER_PAYER:
        return x12_other_payer_set(obj, (x12_other_payer_field)f, p, len);
    case EK_LINE:
        return x12_line_set(obj, (x12_line_field)f, p, len);
    case EK_ADJUDICATION:
        return x12_line_adjudication_set(obj, (x12_line_adjudication_field)f, p, len);
    default:
        return X12_EINVAL;
    }
}

static x12_status set_amount(enc_kind k, void *obj, int f, int64_t cents)
{
    switch (k) {
    case EK_CLAIM:
        return x12_claim_set_amount(obj, (x12_claim_amount)f, cents);
    case EK_OTHER_PAYER:
        return x12_other_payer_set_amount(obj, (x12_other_payer_amount)f, cents);
    case EK_LINE:
        return x12_line_set_amount(obj, (x12_line_amount)f, cents);
    case EK_ADJUDICATION:
        return x12_line_adjudication_set_amount(obj, (x12_line_adjudication_amount)f, cents);
    default:
        return X12_EINVAL;
    }
}

x12_status enc_apply(x12_batch *b, const enc_rec *r, void *obj, x12_party *party, int *bad)
{
    size_t n, i;
    const enc_attr *t = enc_attrs(r->kind, &n);
    x12_status st = X12_OK;

    *bad = -1;
    for (i = 0; i < n && st == X12_OK; i++) {
        const enc_val *v = &r->v[i];
        if (!v->set)
            continue;
        switch (t[i].cls) {
        case EC_OBJ:
            st = set_obj(r->kind, obj, t[i].field, v->p, v->len);
            break;
        case EC_AMOUNT:
            st = set_amount(r->kind, obj, t[i].field, v->n);
            break;
        case EC_OPTION:
            if (x12_batch_set_option(b, (x12_batch_option)t[i].field, (uint64_t)v->n) !=
                X12_OK) {
                *bad = (int)i;
                return X12_EINVAL;
            }
            break;
        case EC_PARTY:
            st = x12_party_set(party, (x12_party_field)t[i].field, v->p, v->len);
            break;
        case EC_PARTY_ID:
            st = x12_party_set(party, X12_PARTY_ID, v->p, v->len);
            break;
        case EC_ENTITY:
            st = x12_party_set_entity(party, (x12_entity)v->n);
            break;
        default:
            break;
        }
    }
    /* every refusal left is a handle or memory problem */
    return st == X12_OK ? X12_OK : X12_ENOMEM;
}

x12_status enc_add_diagnosis(x12_claim *c, const enc_rec *r)
{
    const enc_val *code = enc_get(r, "code"), *kind = enc_get(r, "kind"), *poa = enc_get(r, "poa");

    return x12_claim_add_diagnosis(c, kind ? (x12_dx_kind)kind->n : X12_DX_OTHER,
                                   code ? code->p : "", code ? code->len : 0,
                                   poa && poa->len ? poa->p[0] : 0);
}

x12_status enc_add_code(x12_claim *c, const enc_rec *r)
{
    const enc_val *kind = enc_get(r, "kind"), *code = enc_get(r, "code");
    const enc_val *d1 = enc_get(r, "date"), *d2 = enc_get(r, "date2"), *amt = enc_get(r, "amount");

    if (kind == NULL)
        return X12_OK;
    return x12_claim_add_code(c, (x12_code_kind)kind->n, code ? code->p : "", code ? code->len : 0,
                              d1 ? d1->p : NULL, d1 ? d1->len : 0, d2 ? d2->p : NULL,
                              d2 ? d2->len : 0, amt ? amt->n : 0);
}

/* The adjustment setters take NUL-terminated text: the codes are short. */
static void cstr(char *buf, size_t size, const enc_val *v)
{
    size_t n = v == NULL ? 0 : v->len < size - 1 ? v->len : size - 1;

    if (n)
        memcpy(buf, v->p, n);
    buf[n] = '\0';
}

x12_status enc_add_adjustment(x12_other_payer *op, x12_line_adjudication *la, const enc_rec *r)
{
    const enc_val *g = enc_get(r, "group"), *rs = enc_get(r, "reason");
    const enc_val *amt = enc_get(r, "amount"), *q = enc_get(r, "quantity");
    /* Both formats hold text values to 256 characters (the schema's
     * "text" type; the JSON reader checks it too), at most 1024 bytes. */
    char gb[1040], rb[1040], qb[1040];

    cstr(gb, sizeof gb, g);
    cstr(rb, sizeof rb, rs);
    cstr(qb, sizeof qb, q);
    if (op != NULL)
        return x12_other_payer_add_adjustment(op, gb, rb, amt ? amt->n : 0, q ? qb : NULL);
    return x12_line_adjudication_add_adjustment(la, gb, rb, amt ? amt->n : 0, q ? qb : NULL);
}

x12_status enc_add_modifiers(x12_service_line *l, x12_line_adjudication *la, const char *p,
                             size_t len)
{
    size_t i = 0, k;
    x12_status st = X12_OK;

    while (i < len && st == X12_OK) {
        while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
            i++;
        for (k = i; k < len && p[k] != ' ' && p[k] != '\t' && p[k] != '\n' && p[k] != '\r'; k++)
            ;
        if (k > i)
            st = l != NULL ? x12_line_add_modifier(l, p + i, k - i)
                           : x12_line_adjudication_add_modifier(la, p + i, k - i);
        i = k;
    }
    return st;
}

/* The entity a party of the kind has when none is given. */
static x12_entity default_entity(enc_kind k)
{
    switch (k) {
    case EK_SUBSCRIBER:
    case EK_PATIENT:
    case EK_OP_SUBSCRIBER:
        return X12_ENTITY_PERSON;
    default:
        return X12_ENTITY_ORGANIZATION;
    }
}

static int same_view(x12_str a, const enc_val *v)
{
    size_t n = v->set ? v->len : 0;

    return a.len == n && (n == 0 || memcmp(a.ptr, v->p, n) == 0);
}

int enc_same(const enc_rec *r, const void *obj, const x12_party *party)
{
    size_t n, i;
    const enc_attr *t = enc_attrs(r->kind, &n);
    c8_pview pv;
    x12_str sf[C8_SUB_NF + 1];

    /* unpacked once: every field is compared */
    if (party != NULL)
        c8_party_view(party, &pv);
    if (r->kind == EK_SUBSCRIBER)
        c8_fields_unpack(&((const x12_subscriber *)obj)->fl, sf, C8_SUB_NF + 1);
    for (i = 0; i < n; i++) {
        const enc_val *v = &r->v[i];
        switch (t[i].cls) {
        case EC_OBJ:
            if (r->kind == EK_SUBSCRIBER) {
                if (!same_view(sf[t[i].field], v))
                    return 0;
            } else if (r->kind == EK_PATIENT) {
                if (!same_view(x12_patient_relationship(obj), v))
                    return 0;
            } else {
                return 0;
            }
            break;
        case EC_PARTY:
            if (!same_view(pv.f[t[i].field], v))
                return 0;
            break;
        case EC_PARTY_ID:
            if (!same_view(pv.f[X12_PARTY_ID], v))
                return 0;
            break;
        case EC_ENTITY:
            if (x12_party_entity(party) != (v->set ? (x12_entity)v->n : default_entity(r->kind)))
                return 0;
            break;
        default:
            return 0;
        }
    }
    return 1;
}
