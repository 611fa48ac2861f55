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

static const char *const dx_names[] = {"principal", "other", "admitting", "reason",
                                       "external_cause", NULL};
static const int dx_values[] = {X12_DX_PRINCIPAL, X12_DX_OTHER, X12_DX_ADMITTING,
                                X12_DX_REASON, X12_DX_EXTERNAL_CAUSE};

static const char *const code_names[] = {"principal_procedure", "other_procedure",
                                         "occurrence", "occurrence_span", "value",
                                         "condition", "treatment", "anesthesia_procedure",
                                         NULL};
static const int code_values[] = {X12_CODE_PRINCIPAL_PROCEDURE, X12_CODE_OTHER_PROCEDURE,
                                  X12_CODE_OCCURRENCE, X12_CODE_OCCURRENCE_SPAN,
                                  X12_CODE_VALUE, X12_CODE_CONDITION, X12_CODE_TREATMENT,
                                  X12_CODE_ANESTHESIA_PROCEDURE};

/* The roles the schema allows a claim's provider and a line's provider. */
static const char *const claim_role_names[] = {"rendering", "referring", "service_facility",
                                               "attending", "operating", "other_operating",
                                               "supervising", "ambulance_pickup",
                                               "ambulance_dropoff", "primary_care", NULL};
static const int claim_role_values[] = {X12_ROLE_RENDERING, X12_ROLE_REFERRING,
                                        X12_ROLE_SERVICE_FACILITY, X12_ROLE_ATTENDING,
                                        X12_ROLE_OPERATING, X12_ROLE_OTHER_OPERATING,
                                        X12_ROLE_SUPERVISING, X12_ROLE_AMBULANCE_PICKUP,
                                        X12_ROLE_AMBULANCE_DROPOFF, X12_ROLE_PRIMARY_CARE};
static const char *const line_role_names[] = {"rendering", "referring", "service_facility",
                                              "supervising", "ordering", "operating",
                                              "other_operating", "ambulance_pickup",
                                              "ambulance_dropoff", "purchased_service",
                                              "primary_care", NULL};
static const int line_role_values[] = {X12_ROLE_RENDERING, X12_ROLE_REFERRING,
                                       X12_ROLE_SERVICE_FACILITY, X12_ROLE_SUPERVISING,
                                       X12_ROLE_ORDERING, X12_ROLE_OPERATING,
                                       X12_ROLE_OTHER_OPERATING, X12_ROLE_AMBULANCE_PICKUP,
                                       X12_ROLE_AMBULANCE_DROPOFF, X12_ROLE_PURCHASED_SERVICE,
                                       X12_ROLE_PRIMARY_CARE};

/* The roles an other payer's provider (2330C-I) may have in either guide. */
static const char *const op_role_names[] = {"referring", "rendering", "service_facility",
                                            "supervising", "billing", "attending", "operating",
                                            "other_operating", "primary_care", NULL};
static const int op_role_values[] = {X12_ROLE_REFERRING, X12_ROLE_RENDERING,
                                     X12_ROLE_SERVICE_FACILITY, X12_ROLE_SUPERVISING,
                                     X12_ROLE_BILLING, X12_ROLE_ATTENDING, X12_ROLE_OPERATING,
                                     X12_ROLE_OTHER_OPERATING, X12_ROLE_PRIMARY_CARE};

/* ---- the tables -------------------------------------------------------------------- */

/* An attribute: its name (a literal, whose length is taken at compile
 * time), type, class, whether required, field, and for enums the names. */
#define A(n, t, c, r, f, names, values) {n, sizeof(n) - 1, t, c, r, f, names, values}
#define TEXT(n, cls, f) A(n, ET_TEXT, cls, 0, f, NULL, NULL)
#define TEXT_REQ(n, cls, f) A(n, ET_TEXT, cls, 1, f, NULL, NULL)
#define ENTITY A("entity", ET_ENTITY, EC_ENTITY, 0, 0, entity_names, entity_values)
#define ID(n) TEXT(n, EC_PARTY_ID, 0)
#define END {NULL, 0, 0, 0, 0, 0, NULL, NULL}

/*
 * The fields of the model come from its table (claim837_fields.def): a
 * record kind takes the rows of the objects (for parties, of the groups)
 * it names with a TAKES_<kind>_<object>_<group> macro defined as YES,
 * each row as the attribute its object makes (ROW_ATTR_<object>).  The
 * ids of parties are named by role (npi, member_id, ...), so they are
 * added by hand with ID().
 */
#define ROW_ATTR_BATCH(n, e) TEXT(n, EC_OBJ, e),
#define ROW_ATTR_OPTION(n, e) A(n, ET_UINT, EC_OPTION, 0, e, NULL, NULL),
#define ROW_ATTR_PARTY(n, e) TEXT(n, EC_PARTY, e),
#define ROW_ATTR_SUB(n, e) TEXT(n, EC_OBJ, e),
/* file information is a list of texts (ET_LINES) */
#define ROW_ATTR_CLAIM(n, e) A(n, (e) == X12_CLAIM_FILE_INFORMATION ? ET_LINES : ET_TEXT, EC_OBJ, \
                               0, e, NULL, NULL),
#define ROW_ATTR_CLAIM_AMT(n, e) A(n, ET_AMOUNT, EC_AMOUNT, 0, e, NULL, NULL),
#define ROW_ATTR_OP(n, e) TEXT(n, EC_OBJ, e),
#define ROW_ATTR_OP_AMT(n, e) A(n, ET_AMOUNT, EC_AMOUNT, 0, e, NULL, NULL),
#define ROW_ATTR_LINE(n, e) A(n, (e) == X12_LINE_FILE_INFORMATION ? ET_LINES : ET_TEXT, EC_OBJ, \
                              0, e, NULL, NULL),
#define ROW_ATTR_LINE_AMT(n, e) A(n, ET_AMOUNT, EC_AMOUNT, 0, e, NULL, NULL),
/* The line adjudication's payer id, paid amount and date are required (the
 * schema says use="required"). */
#define ROW_ATTR_LA(n, e) A(n, ET_TEXT, EC_OBJ, (e) == X12_LA_PAYER_ID || (e) == X12_LA_DATE, e, \
                            NULL, NULL),
#define ROW_ATTR_LA_AMT(n, e) A(n, ET_AMOUNT, EC_AMOUNT, (e) == X12_LAAMT_PAID, e, NULL, NULL),
#define ROW_ATTR_ATT(n, e) TEXT(n, EC_OBJ, e),

/* "YES" when TAKES_... is defined as YES, by the probe idiom: a defined
 * TAKES_ expands to two arguments and moves 1 into SECOND's place. */
#define YES ~, 1
#define SECOND(a, b, ...) b
#define TAKEN(...) SECOND(__VA_ARGS__, 0, ~)
#define CAT(a, b) CAT_(a, b)
#define CAT_(a, b) a##b
#define WHEN_0(...)
#define WHEN_1(...) __VA_ARGS__
#define WHEN(c) CAT(WHEN_, c)
#define ROW(kind, obj, grp, n, e) WHEN(TAKEN(TAKES_##kind##_##obj##_##grp))(ROW_ATTR_##obj(n, e))

static const enc_attr a_root[] = {
    A("kind", ET_ENUM, EC_SPECIAL, 0, 0, enc_kind_names, enc_kind_values), END};

#define TAKES_INTERCHANGE_BATCH_X YES
#define TAKES_INTERCHANGE_OPTION_X YES
static const enc_attr a_interchange[] = {
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(INTERCHANGE, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

#define TAKES_ETIN_PARTY_NAME YES
#define TAKES_ETIN_PARTY_CONTACT YES
static const enc_attr a_etin_party[] = {
    ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(ETIN, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("id"), END};

#define TAKES_PROVIDER_PARTY_NAME YES
#define TAKES_PROVIDER_PARTY_TAXID YES
#define TAKES_PROVIDER_PARTY_SSN YES
#define TAKES_PROVIDER_PARTY_TAXONOMY YES
#define TAKES_PROVIDER_PARTY_ADDR YES
#define TAKES_PROVIDER_PARTY_CONTACT YES
#define TAKES_PROVIDER_PARTY_SECONDARY YES
#define TAKES_PROVIDER_PARTY_CURRENCY YES
static const enc_attr a_provider[] = {
    ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(PROVIDER, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("npi"), END};

#define TAKES_PAY_TO_PARTY_ADDR YES
static const enc_attr a_pay_to[] = {
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(PAY_TO, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

#define TAKES_SUBSCRIBER_SUB_X YES
#define TAKES_SUBSCRIBER_PARTY_NAME YES
#define TAKES_SUBSCRIBER_PARTY_ADDR YES
#define TAKES_SUBSCRIBER_PARTY_DEMO YES
#define TAKES_SUBSCRIBER_PARTY_SSN YES
#define TAKES_SUBSCRIBER_PARTY_PC YES
#define TAKES_SUBSCRIBER_PARTY_CONTACT YES
#define TAKES_SUBSCRIBER_PARTY_PATINFO YES
static const enc_attr a_subscriber[] = {
    ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(SUBSCRIBER, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("member_id"), END};

#define TAKES_PAYER_PARTY_NAME YES
#define TAKES_PAYER_PARTY_ADDR YES
#define TAKES_PAYER_PARTY_SECONDARY YES
#define TAKES_PAYER_PARTY_TAXID YES
#define TAKES_PAYER_PARTY_PAYERIDS YES
static const enc_attr a_payer[] = {
    ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(PAYER, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("payer_id"), END};

#define TAKES_PATIENT_PARTY_NAME YES
#define TAKES_PATIENT_PARTY_ADDR YES
#define TAKES_PATIENT_PARTY_DEMO YES
#define TAKES_PATIENT_PARTY_SSN YES
#define TAKES_PATIENT_PARTY_PC YES
#define TAKES_PATIENT_PARTY_CONTACT YES
#define TAKES_PATIENT_PARTY_PATINFO YES
static const enc_attr a_patient[] = {
    TEXT("relationship", EC_OBJ, 0), ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(PATIENT, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

#define TAKES_CLAIM_CLAIM_X YES
#define TAKES_CLAIM_CLAIM_AMT_X YES
static const enc_attr a_claim[] = {
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(CLAIM, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
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

#define TAKES_ROLE_PARTY_NAME YES
#define TAKES_ROLE_PARTY_TAXONOMY YES
#define TAKES_ROLE_PARTY_ADDR YES
#define TAKES_ROLE_PARTY_SECONDARY YES
#define TAKES_ROLE_PARTY_CONTACT YES
static const enc_attr a_claim_provider[] = {
    A("role", ET_ENUM, EC_SPECIAL, 1, 0, claim_role_names, claim_role_values), ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(ROLE, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("npi"), END};

static const enc_attr a_line_provider[] = {
    A("role", ET_ENUM, EC_SPECIAL, 1, 0, line_role_names, line_role_values), ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(ROLE, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("npi"), END};

#define TAKES_OTHER_PAYER_OP_X YES
#define TAKES_OTHER_PAYER_OP_AMT_X YES
static const enc_attr a_other_payer[] = {
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(OTHER_PAYER, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

#define TAKES_INSURED_PARTY_NAME YES
#define TAKES_INSURED_PARTY_ADDR YES
#define TAKES_INSURED_PARTY_DEMO YES
#define TAKES_INSURED_PARTY_SSN YES
static const enc_attr a_insured[] = {
    ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(INSURED, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("member_id"), END};

static const enc_attr a_adjustment[] = {
    TEXT_REQ("group", EC_SPECIAL, 0),
    TEXT_REQ("reason", EC_SPECIAL, 0),
    A("amount", ET_AMOUNT, EC_SPECIAL, 1, 0, NULL, NULL),
    TEXT("quantity", EC_SPECIAL, 0),
    END};

#define TAKES_LINE_LINE_X YES
#define TAKES_LINE_LINE_AMT_X YES
static const enc_attr a_line[] = {
    A("modifiers", ET_CODES, EC_SPECIAL, 0, 0, NULL, NULL),
    A("pointers", ET_POINTERS, EC_SPECIAL, 0, 0, NULL, NULL),
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(LINE, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

#define TAKES_ADJUDICATION_LA_X YES
#define TAKES_ADJUDICATION_LA_AMT_X YES
static const enc_attr a_adjudication[] = {
    A("modifiers", ET_CODES, EC_SPECIAL, 0, 0, NULL, NULL),
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(ADJUDICATION, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

/* The pay-to plan (2010AC): a payer's name, id, address and ids. */
#define TAKES_PAY_TO_PLAN_PARTY_NAME YES
#define TAKES_PAY_TO_PLAN_PARTY_ADDR YES
#define TAKES_PAY_TO_PLAN_PARTY_TAXID YES
#define TAKES_PAY_TO_PLAN_PARTY_PAYERIDS YES
static const enc_attr a_pay_to_plan[] = {
    ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(PAY_TO_PLAN, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    ID("payer_id"), END};

/* An other payer's provider: the entity and the secondary ids only. */
#define TAKES_OP_PROVIDER_PARTY_SECONDARY YES
static const enc_attr a_op_provider[] = {
    A("role", ET_ENUM, EC_SPECIAL, 1, 0, op_role_names, op_role_values), ENTITY,
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(OP_PROVIDER, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

#define TAKES_ATTACHMENT_ATT_X YES
static const enc_attr a_attachment[] = {
#define C8F(obj, e, name, label, max, grp, pp, pi) ROW(ATTACHMENT, obj, grp, name, e)
#include "claim837_fields.def"
#undef C8F
    END};

/* A record holds at most ENC_MAX_ATTRS values. */
#define FITS(t) _Static_assert(sizeof t / sizeof t[0] - 1 <= ENC_MAX_ATTRS, #t " has too many attributes")
FITS(a_interchange);
FITS(a_etin_party);
FITS(a_provider);
FITS(a_subscriber);
FITS(a_patient);
FITS(a_claim);
FITS(a_claim_provider);
FITS(a_line_provider);
FITS(a_other_payer);
FITS(a_insured);
FITS(a_line);
FITS(a_adjudication);

static const enc_attr *const tables[EK_N] = {
    NULL,            a_root,     a_interchange,    a_etin_party, a_etin_party,
    a_provider,      a_pay_to,   a_subscriber,     a_payer,      a_patient,
    a_claim,         a_diagnosis, a_code,          a_claim_provider, a_other_payer,
    a_insured,       a_payer,    a_adjustment,     a_line,       a_line_provider,
    a_adjudication,  a_attachment, a_op_provider, a_pay_to_plan};

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
    case EK_ATTACHMENT:
        return x12_attachment_set(obj, (x12_attachment_field)f, p, len);
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
            if (t[i].type == ET_LINES && v->p == NULL)
                break; /* a JSON array: the reader joins it */
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
