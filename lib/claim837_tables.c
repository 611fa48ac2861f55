/*
 * tables for X12_TABLES_CLAIMS (include/x12/tables.h): 837P and 837I claims
 * read by the claim stream (claim837_read.c), as rows of six tables.
 * Nothing is parsed here but dates and units: every value comes from the
 * claim model's getters (include/x12/claim837.h).
 *
 * Adding a field of the claim model to a table is one line in a column
 * list below: its name, type, whether it can be NULL, and where the value
 * comes from (a getter and its field enum).  Columns are only ever
 * appended.
 */
#include <stdio.h>
#include <string.h>

#include "tables_internal.h"

/* Where a column's value comes from. */
enum src {
    F_KEY,        /* computed here: `field` is one of the K_* below */
    F_CLAIM,      /* x12_claim_get */
    F_CLAIM_AMT,  /* x12_claim_get_amount (NULL when not set) */
    F_SUB,        /* x12_subscriber_get */
    F_SUBSCRIBER, /* x12_party_get of the subscriber (NM1*IL) */
    F_PATIENT,    /* ... of the patient: 2000C's, else the subscriber */
    F_PAYER,      /* ... of the payer (NM1*PR) */
    F_BILLING,    /* ... of the billing provider (2010AA) */
    F_ENV,        /* x12_claim_stream_envelope */
    F_POS,        /* x12_claim_stream_position */
    F_LINE,       /* x12_line_get */
    F_LINE_AMT,   /* x12_line_get_amount (NULL when not set) */
    F_OP,         /* x12_other_payer_get */
    F_OP_AMT,     /* x12_other_payer_get_amount (NULL when not set) */
    F_OP_PAYER,   /* x12_party_get of the other payer (2330B) */
    F_OP_INSURED  /* ... of the other insured (2330A) */
};

enum key {
    K_CLAIM_INDEX, K_KIND, K_RELATIONSHIP, K_LINES, K_DX, K_OTHER_PAYERS, K_NOT_KEPT,
    K_ERRORS, K_LINE, K_MOD1, K_MOD2, K_MOD3, K_MOD4, K_UNITS_MILLI, K_PTR1, K_PTR2, K_PTR3,
    K_PTR4, K_ADJUDICATIONS, K_POSITION, K_ADJ_CENTS, K_ADJ_COUNT
};

typedef struct colsrc {
    unsigned char src;
    int field;
} colsrc;

#define SPEC(name, type, nul, src, field) {name, type, nul},
#define SRC(name, type, nul, src, field) {src, field},

/* ---- claims ------------------------------------------------------------------ */

#define CLAIM_COLUMNS(X)                                                                     \
    X("claim_index", TY_I64, 0, F_KEY, K_CLAIM_INDEX)                                        \
    X("set_index", TY_I64, 0, F_POS, X12_CPOS_SET_INDEX)                                     \
    X("claim_in_set", TY_I64, 0, F_POS, X12_CPOS_CLAIM_IN_SET)                               \
    X("kind", TY_DICT, 0, F_KEY, K_KIND)                                                     \
    X("patient_control_number", TY_STR, 0, F_CLAIM, X12_CLAIM_PCN)                           \
    X("total_charge_cents", TY_I64, NUL, F_CLAIM_AMT, X12_CLAIMAMT_TOTAL_CHARGE)                \
    X("patient_paid_cents", TY_I64, NUL, F_CLAIM_AMT, X12_CLAIMAMT_PATIENT_PAID)                \
    X("payer_id", TY_DICT, 0, F_PAYER, X12_PARTY_ID)                                         \
    X("payer_name", TY_DICT, 0, F_PAYER, X12_PARTY_NAME)                                     \
    X("responsibility", TY_DICT, 0, F_SUB, X12_SUB_RESPONSIBILITY)                           \
    X("filing_indicator", TY_DICT, 0, F_SUB, X12_SUB_FILING_INDICATOR)                       \
    X("group_number", TY_DICT, 0, F_SUB, X12_SUB_GROUP_NUMBER)                               \
    X("insurance_type", TY_DICT, 0, F_SUB, X12_SUB_INSURANCE_TYPE)                           \
    X("subscriber_member_id", TY_STR, 0, F_SUBSCRIBER, X12_PARTY_ID)                         \
    X("subscriber_name", TY_STR, 0, F_SUBSCRIBER, X12_PARTY_NAME)                            \
    X("subscriber_first_name", TY_STR, 0, F_SUBSCRIBER, X12_PARTY_FIRST_NAME)                \
    X("patient_relationship", TY_DICT, 0, F_KEY, K_RELATIONSHIP)                             \
    X("patient_name", TY_STR, 0, F_PATIENT, X12_PARTY_NAME)                                  \
    X("patient_first_name", TY_STR, 0, F_PATIENT, X12_PARTY_FIRST_NAME)                      \
    X("patient_birth_date", TY_DATE, NUL, F_PATIENT, X12_PARTY_BIRTH_DATE)                   \
    X("patient_gender", TY_DICT, 0, F_PATIENT, X12_PARTY_GENDER)                             \
    X("billing_provider_npi", TY_DICT, 0, F_BILLING, X12_PARTY_ID)                           \
    X("billing_provider_name", TY_DICT, 0, F_BILLING, X12_PARTY_NAME)                        \
    X("billing_provider_taxonomy", TY_DICT, 0, F_BILLING, X12_PARTY_TAXONOMY)                \
    X("billing_provider_ein", TY_DICT, 0, F_BILLING, X12_PARTY_EIN)                          \
    X("place_of_service", TY_DICT, 0, F_CLAIM, X12_CLAIM_PLACE_OF_SERVICE)                   \
    X("bill_type", TY_DICT, 0, F_CLAIM, X12_CLAIM_BILL_TYPE)                                 \
    X("frequency", TY_DICT, 0, F_CLAIM, X12_CLAIM_FREQUENCY)                                 \
    X("service_from", TY_DATE, NUL, F_CLAIM, X12_CLAIM_SERVICE_FROM)                         \
    X("service_to", TY_DATE, NUL, F_CLAIM, X12_CLAIM_SERVICE_TO)                             \
    X("onset_date", TY_DATE, NUL, F_CLAIM, X12_CLAIM_ONSET_DATE)                             \
    X("accident_date", TY_DATE, NUL, F_CLAIM, X12_CLAIM_ACCIDENT_DATE)                       \
    X("admission_date", TY_DATE, NUL, F_CLAIM, X12_CLAIM_ADMISSION_DATE)                     \
    X("admission_hour", TY_DICT, 0, F_CLAIM, X12_CLAIM_ADMISSION_HOUR)                       \
    X("discharge_hour", TY_DICT, 0, F_CLAIM, X12_CLAIM_DISCHARGE_HOUR)                       \
    X("admission_type", TY_DICT, 0, F_CLAIM, X12_CLAIM_ADMISSION_TYPE)                       \
    X("admission_source", TY_DICT, 0, F_CLAIM, X12_CLAIM_ADMISSION_SOURCE)                   \
    X("patient_status", TY_DICT, 0, F_CLAIM, X12_CLAIM_PATIENT_STATUS)                       \
    X("prior_authorization", TY_STR, 0, F_CLAIM, X12_CLAIM_PRIOR_AUTH)                       \
    X("referral", TY_STR, 0, F_CLAIM, X12_CLAIM_REFERRAL)                                    \
    X("payer_claim_number", TY_STR, 0, F_CLAIM, X12_CLAIM_PAYER_CLAIM_NUMBER)                \
    X("medical_record", TY_STR, 0, F_CLAIM, X12_CLAIM_MEDICAL_RECORD)                        \
    X("delay_reason", TY_DICT, 0, F_CLAIM, X12_CLAIM_DELAY_REASON)                           \
    X("related_causes", TY_DICT, 0, F_CLAIM, X12_CLAIM_RELATED_CAUSES)                       \
    X("accident_state", TY_DICT, 0, F_CLAIM, X12_CLAIM_ACCIDENT_STATE)                       \
    X("provider_signature", TY_DICT, 0, F_CLAIM, X12_CLAIM_PROVIDER_SIGNATURE)               \
    X("assignment", TY_DICT, 0, F_CLAIM, X12_CLAIM_ASSIGNMENT)                               \
    X("benefits_assignment", TY_DICT, 0, F_CLAIM, X12_CLAIM_BENEFITS_ASSIGNMENT)             \
    X("release", TY_DICT, 0, F_CLAIM, X12_CLAIM_RELEASE)                                     \
    X("line_count", TY_I32, 0, F_KEY, K_LINES)                                               \
    X("diagnosis_count", TY_I32, 0, F_KEY, K_DX)                                             \
    X("other_payer_count", TY_I32, 0, F_KEY, K_OTHER_PAYERS)                                 \
    X("interchange_control_number", TY_DICT, 0, F_ENV, X12_ENV_ISA13)                        \
    X("group_control_number", TY_DICT, 0, F_ENV, X12_ENV_GS06)                               \
    X("set_control_number", TY_DICT, 0, F_ENV, X12_ENV_ST02)                                 \
    X("not_kept_count", TY_I32, 0, F_KEY, K_NOT_KEPT)                                        \
    X("error_count", TY_I32, 0, F_KEY, K_ERRORS)                                             \
    X("segment_number", TY_I64, 0, F_POS, X12_CPOS_SEGMENT_NUMBER)                           \
    X("offset", TY_I64, 0, F_POS, X12_CPOS_OFFSET)

static const colspec claim_cols[] = {CLAIM_COLUMNS(SPEC)};
static const colsrc claim_src[] = {CLAIM_COLUMNS(SRC)};

/* ---- lines ------------------------------------------------------------------- */

#define LINE_COLUMNS(X)                                                                      \
    X("claim_index", TY_I64, 0, F_KEY, K_CLAIM_INDEX)                                        \
    X("line", TY_I32, 0, F_KEY, K_LINE)                                                      \
    X("procedure", TY_DICT, 0, F_LINE, X12_LINE_PROCEDURE)                                   \
    X("modifiers_1", TY_DICT, 0, F_KEY, K_MOD1)                                              \
    X("modifiers_2", TY_DICT, 0, F_KEY, K_MOD2)                                              \
    X("modifiers_3", TY_DICT, 0, F_KEY, K_MOD3)                                              \
    X("modifiers_4", TY_DICT, 0, F_KEY, K_MOD4)                                              \
    X("revenue_code", TY_DICT, 0, F_LINE, X12_LINE_REVENUE_CODE)                             \
    X("charge_cents", TY_I64, NUL, F_LINE_AMT, X12_LINEAMT_CHARGE)                              \
    X("noncovered_cents", TY_I64, NUL, F_LINE_AMT, X12_LINEAMT_NONCOVERED)                      \
    X("unit", TY_DICT, 0, F_LINE, X12_LINE_UNIT)                                             \
    X("units", TY_DICT, 0, F_LINE, X12_LINE_UNITS)                                           \
    X("units_milli", TY_I64, NUL, F_KEY, K_UNITS_MILLI)                                      \
    X("place_of_service", TY_DICT, 0, F_LINE, X12_LINE_PLACE_OF_SERVICE)                     \
    X("service_from", TY_DATE, NUL, F_LINE, X12_LINE_SERVICE_FROM)                           \
    X("service_to", TY_DATE, NUL, F_LINE, X12_LINE_SERVICE_TO)                               \
    X("control_number", TY_STR, 0, F_LINE, X12_LINE_CONTROL_NUMBER)                          \
    X("ndc", TY_DICT, 0, F_LINE, X12_LINE_NDC)                                               \
    X("ndc_quantity", TY_DICT, 0, F_LINE, X12_LINE_NDC_QUANTITY)                             \
    X("ndc_unit", TY_DICT, 0, F_LINE, X12_LINE_NDC_UNIT)                                     \
    X("emergency", TY_DICT, 0, F_LINE, X12_LINE_EMERGENCY)                                   \
    X("pointers_1", TY_I32, NUL, F_KEY, K_PTR1)                                              \
    X("pointers_2", TY_I32, NUL, F_KEY, K_PTR2)                                              \
    X("pointers_3", TY_I32, NUL, F_KEY, K_PTR3)                                              \
    X("pointers_4", TY_I32, NUL, F_KEY, K_PTR4)                                              \
    X("adjudication_count", TY_I32, 0, F_KEY, K_ADJUDICATIONS)

static const colspec line_cols[] = {LINE_COLUMNS(SPEC)};
static const colsrc line_src[] = {LINE_COLUMNS(SRC)};

/* ---- diagnoses, providers (fixed layouts) -------------------------------------------- */

enum { D_CLAIM, D_POSITION, D_KIND, D_CODE, D_POA, DX_NCOLS };

static const colspec dx_cols[] = {
    {"claim_index", TY_I64, 0}, {"position", TY_I32, 0}, {"kind", TY_DICT, 0},
    {"code", TY_DICT, 0},       {"poa", TY_DICT, NUL},
};

enum {
    V_CLAIM, V_LINE, V_ROLE, V_ENTITY, V_NPI, V_NAME, V_FIRST, V_TAXONOMY, V_ADDR1, V_ADDR2,
    V_CITY, V_STATE, V_ZIP, PROV_NCOLS
};

static const colspec prov_cols[] = {
    {"claim_index", TY_I64, 0}, {"line", TY_I32, 0},         {"role", TY_DICT, 0},
    {"entity", TY_DICT, 0},     {"npi", TY_DICT, 0},         {"name", TY_STR, 0},
    {"first_name", TY_STR, 0},  {"taxonomy", TY_DICT, 0},    {"address1", TY_DICT, 0},
    {"address2", TY_DICT, 0},   {"city", TY_DICT, 0},        {"state", TY_DICT, 0},
    {"zip", TY_DICT, 0},
};

/* ---- other payers ---------------------------------------------------------------- */

#define OP_COLUMNS(X)                                                                        \
    X("claim_index", TY_I64, 0, F_KEY, K_CLAIM_INDEX)                                        \
    X("position", TY_I32, 0, F_KEY, K_POSITION)                                              \
    X("responsibility", TY_DICT, 0, F_OP, X12_OP_RESPONSIBILITY)                             \
    X("relationship", TY_DICT, 0, F_OP, X12_OP_RELATIONSHIP)                                 \
    X("group_number", TY_DICT, 0, F_OP, X12_OP_GROUP_NUMBER)                                 \
    X("insurance_type", TY_DICT, 0, F_OP, X12_OP_INSURANCE_TYPE)                             \
    X("filing_indicator", TY_DICT, 0, F_OP, X12_OP_FILING_INDICATOR)                         \
    X("payer_id", TY_DICT, 0, F_OP_PAYER, X12_PARTY_ID)                                      \
    X("payer_name", TY_DICT, 0, F_OP_PAYER, X12_PARTY_NAME)                                  \
    X("subscriber_member_id", TY_STR, 0, F_OP_INSURED, X12_PARTY_ID)                         \
    X("adjudication_date", TY_DATE, NUL, F_OP, X12_OP_ADJUDICATION_DATE)                     \
    X("benefits_assignment", TY_DICT, 0, F_OP, X12_OP_BENEFITS_ASSIGNMENT)                   \
    X("release", TY_DICT, 0, F_OP, X12_OP_RELEASE)                                           \
    X("paid_cents", TY_I64, NUL, F_OP_AMT, X12_OPAMT_PAID)                                      \
    X("patient_liability_cents", TY_I64, NUL, F_OP_AMT, X12_OPAMT_PATIENT_LIABILITY)            \
    X("adjustment_cents", TY_I64, 0, F_KEY, K_ADJ_CENTS)                                     \
    X("adjustment_count", TY_I32, 0, F_KEY, K_ADJ_COUNT)

static const colspec op_cols[] = {OP_COLUMNS(SPEC)};
static const colsrc op_src[] = {OP_COLUMNS(SRC)};

/* The diagnostics table: the common one, keyed by set instead of payment. */
static const colspec diag_cols[] = {X12I_DIAG_COLUMNS("set_index")};

static const tablespec claim_tables[] = {
    {"claims", claim_cols, X12I_NELEM(claim_cols)},
    {"lines", line_cols, X12I_NELEM(line_cols)},
    {"diagnoses", dx_cols, X12I_NELEM(dx_cols)},
    {"providers", prov_cols, X12I_NELEM(prov_cols)},
    {"other_payers", op_cols, X12I_NELEM(op_cols)},
    {"diagnostics", diag_cols, X12I_NELEM(diag_cols)},
};
enum { NTABLES = (int)X12I_NELEM(claim_tables) };

typedef char check_dx[X12I_NELEM(dx_cols) == DX_NCOLS ? 1 : -1];
typedef char check_prov[X12I_NELEM(prov_cols) == PROV_NCOLS ? 1 : -1];
typedef char check_diag[X12I_NELEM(diag_cols) == X12I_DIAG_NCOLS ? 1 : -1];
typedef char check_tables[NTABLES == X12_CTABLE_DIAGNOSTICS + 1 ? 1 : -1];

/* ---- values ----------------------------------------------------------------------- */

/* What the row being written belongs to. */
typedef struct row {
    x12_claim_stream *s;
    x12_claim *c;
    x12_service_line *l;
    x12_other_payer *op;
    int64_t claim, set;       /* keys */
    size_t line, position;    /* 1-based */
    const char *loop;         /* of dates, for their diagnostics */
} row;

static const x12_str empty_str = {"", 0};

static x12_str party_get(x12_party *p, int f)
{
    return p != NULL ? x12_party_get(p, (x12_party_field)f) : empty_str;
}

static x12_party *patient_party(x12_claim_stream *s)
{
    x12_patient *p = x12_claim_stream_patient(s);
    x12_subscriber *sub = x12_claim_stream_subscriber(s);

    if (p != NULL)
        return x12_patient_party(p);
    return sub != NULL ? x12_subscriber_party(sub) : NULL;
}

static int32_t count32(size_t n)
{
    return n > (size_t)INT32_MAX ? INT32_MAX : (int32_t)n;
}

/* Units as thousandths ("1.5" is 1500): 1, or 0 when the text is not a
 * plain decimal with at most three decimals (the text column keeps it). */
static int units_milli(x12_str v, int64_t *out)
{
    int64_t n = 0;
    size_t i = 0;
    int decimals = -1, neg = 0;

    if (v.len > 0 && v.ptr[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == v.len)
        return 0;
    for (; i < v.len; i++) {
        char ch = v.ptr[i];

        if (ch == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (ch < '0' || ch > '9' || decimals == 3 || n > (INT64_MAX - 9) / 10 / 1000)
            return 0;
        n = n * 10 + (ch - '0');
        if (decimals >= 0)
            decimals++;
    }
    for (decimals = decimals < 0 ? 0 : decimals; decimals < 3; decimals++)
        n *= 10;
    *out = neg ? -n : n;
    return 1;
}

/* A text or date column's value from a getter. */
static x12_str text_of(const row *w, const colsrc *sc)
{
    x12_claim_stream *s = w->s;

    switch (sc->src) {
    case F_CLAIM: return x12_claim_get(w->c, (x12_claim_field)sc->field);
    case F_SUB: {
        x12_subscriber *sub = x12_claim_stream_subscriber(s);

        return sub != NULL ? x12_subscriber_get(sub, (x12_subscriber_field)sc->field) : empty_str;
    }
    case F_SUBSCRIBER: {
        x12_subscriber *sub = x12_claim_stream_subscriber(s);

        return party_get(sub != NULL ? x12_subscriber_party(sub) : NULL, sc->field);
    }
    case F_PATIENT: return party_get(patient_party(s), sc->field);
    case F_PAYER: return party_get(x12_claim_stream_payer(s), sc->field);
    case F_BILLING: {
        x12_billing_provider *bp = x12_claim_stream_provider(s);

        return party_get(bp != NULL ? x12_billing_provider_party(bp) : NULL, sc->field);
    }
    case F_ENV: return x12_claim_stream_envelope(s, (x12_env_field)sc->field);
    case F_LINE: return x12_line_get(w->l, (x12_line_field)sc->field);
    case F_OP: return x12_other_payer_get(w->op, (x12_other_payer_field)sc->field);
    case F_OP_PAYER: return party_get(x12_other_payer_payer(w->op), sc->field);
    case F_OP_INSURED: return party_get(x12_other_payer_subscriber(w->op), sc->field);
    }
    return empty_str;
}

/* An amount column: 1 and *cents when set. */
static int amount_of(const row *w, const colsrc *sc, int64_t *cents)
{
    switch (sc->src) {
    case F_CLAIM_AMT: return x12_claim_get_amount(w->c, (x12_claim_amount)sc->field, cents);
    case F_LINE_AMT: return x12_line_get_amount(w->l, (x12_line_amount)sc->field, cents);
    case F_OP_AMT:
        return x12_other_payer_get_amount(w->op, (x12_other_payer_amount)sc->field, cents);
    }
    return 0;
}

/* A date column, its diagnostic located at the claim's CLM (the claim
 * model keeps no position per field). */
static void put_date_of(x12_tables *t, ttable *tb, int col, x12_str v, const row *w,
                        const char *name)
{
    x12i_datepos at;
    char what[128];
    int birth = strcmp(name, "patient_birth_date") == 0;

    if (w->l != NULL)
        snprintf(what, sizeof what, "line %zu's %s (DTP03)", w->line, name);
    else if (w->op != NULL)
        snprintf(what, sizeof what, "other payer %zu's %s (DTP03)", w->position, name);
    else
        snprintf(what, sizeof what, "the claim's %s (%s)", name, birth ? "DMG02" : "DTP03");
    at.segno = x12_claim_stream_position(w->s, X12_CPOS_SEGMENT_NUMBER);
    at.offset = x12_claim_stream_position(w->s, X12_CPOS_OFFSET);
    at.segid = "CLM";
    at.loop = "2300";
    at.element = 0;
    at.what = what;
    at.pay = w->set;
    at.claim = w->claim;
    x12i_put_date(t, tb, col, v, &at);
}

/* The columns of a row that come from getters and positions; the caller
 * writes the F_KEY ones. */
static void put_sources(x12_tables *t, ttable *tb, const colspec *cols, const colsrc *src,
                        size_t n, const row *w)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const colsrc *sc = &src[i];
        int col = (int)i;
        int64_t cents;

        switch (sc->src) {
        case F_KEY:
            break;
        case F_POS:
            x12i_put_i64(tb, col,
                         (int64_t)x12_claim_stream_position(w->s, (x12_claim_position)sc->field));
            break;
        case F_CLAIM_AMT:
        case F_LINE_AMT:
        case F_OP_AMT:
            if (amount_of(w, sc, &cents))
                x12i_put_i64(tb, col, cents);
            else
                x12i_put_null(&tb->cols[col], tb->rows);
            break;
        default:
            if (cols[i].type == TY_DATE)
                put_date_of(t, tb, col, text_of(w, sc), w, cols[i].name);
            else
                x12i_put_text(t, tb, col, text_of(w, sc));
        }
    }
}

/* ---- rows ---------------------------------------------------------------------------- */

static const char *const dx_kinds[] = {"",       "principal", "other", "admitting", "reason",
                                       "external_cause"};

static void add_diagnoses(x12_tables *t, const row *w)
{
    ttable *tb = &t->tb[X12_CTABLE_DIAGNOSES];
    size_t i, n = x12_claim_diagnosis_count(w->c);

    for (i = 0; i < n; i++) {
        x12_dx_kind kind = (x12_dx_kind)0;
        x12_str code = x12_claim_diagnosis(w->c, i, &kind);
        char poa = x12_claim_diagnosis_poa(w->c, i);
        x12_str pv;

        if (x12i_table_row(t, tb) != 0)
            return;
        x12i_put_i64(tb, D_CLAIM, w->claim);
        x12i_put_i32(tb, D_POSITION, count32(i + 1));
        x12i_put_dict_cstr(t, tb, D_KIND,
                           (int)kind >= 1 && (int)kind <= X12_DX_EXTERNAL_CAUSE ? dx_kinds[kind] : "");
        x12i_put_dict(t, tb, D_CODE, code);
        if (poa != 0) {
            pv.ptr = &poa;
            pv.len = 1;
            x12i_put_dict(t, tb, D_POA, pv);
        } else {
            x12i_put_null(&tb->cols[D_POA], tb->rows);
        }
        tb->rows++;
    }
}


static void add_provider(x12_tables *t, int64_t claim, size_t line, const char *role,
                         x12_party *p)
{
    ttable *tb = &t->tb[X12_CTABLE_PROVIDERS];

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, V_CLAIM, claim);
    x12i_put_i32(tb, V_LINE, count32(line));
    x12i_put_dict_cstr(t, tb, V_ROLE, role);
    x12i_put_dict_cstr(t, tb, V_ENTITY,
                       x12_party_entity(p) == X12_ENTITY_PERSON ? "person" : "organization");
    x12i_put_dict(t, tb, V_NPI, x12_party_get(p, X12_PARTY_ID));
    x12i_put_str(t, tb, V_NAME, x12_party_get(p, X12_PARTY_NAME));
    x12i_put_str(t, tb, V_FIRST, x12_party_get(p, X12_PARTY_FIRST_NAME));
    x12i_put_dict(t, tb, V_TAXONOMY, x12_party_get(p, X12_PARTY_TAXONOMY));
    x12i_put_dict(t, tb, V_ADDR1, x12_party_get(p, X12_PARTY_ADDRESS1));
    x12i_put_dict(t, tb, V_ADDR2, x12_party_get(p, X12_PARTY_ADDRESS2));
    x12i_put_dict(t, tb, V_CITY, x12_party_get(p, X12_PARTY_CITY));
    x12i_put_dict(t, tb, V_STATE, x12_party_get(p, X12_PARTY_STATE));
    x12i_put_dict(t, tb, V_ZIP, x12_party_get(p, X12_PARTY_ZIP));
    tb->rows++;
}

static void add_claim_providers(x12_tables *t, const row *w)
{
    x12_billing_provider *bp = x12_claim_stream_provider(w->s);
    int role;

    if (bp != NULL) {
        x12_party *pay_to = x12_billing_provider_pay_to(bp);

        add_provider(t, w->claim, 0, "billing", x12_billing_provider_party(bp));
        if (pay_to != NULL && (x12_party_get(pay_to, X12_PARTY_ADDRESS1).len > 0 ||
                               x12_party_get(pay_to, X12_PARTY_CITY).len > 0))
            add_provider(t, w->claim, 0, "pay_to", pay_to);
    }
    for (role = X12_ROLE_RENDERING; *x12_claim_role_name((x12_claim_role)role); role++) {
        x12_party *p = x12_claim_find_provider(w->c, (x12_claim_role)role);

        if (p != NULL)
            add_provider(t, w->claim, 0, x12_claim_role_name((x12_claim_role)role), p);
    }
}

static void add_line(x12_tables *t, const row *w)
{
    ttable *tb = &t->tb[X12_CTABLE_LINES];
    size_t i, nmod = x12_line_modifier_count(w->l), nptr = x12_line_pointer_count(w->l);
    int64_t milli;
    int role;

    if (x12i_table_row(t, tb) != 0)
        return;
    put_sources(t, tb, line_cols, line_src, X12I_NELEM(line_cols), w);
    for (i = 0; i < X12I_NELEM(line_cols); i++) {
        int col = (int)i;
        int k = line_src[i].field;

        if (line_src[i].src != F_KEY)
            continue;
        switch (k) {
        case K_CLAIM_INDEX: x12i_put_i64(tb, col, w->claim); break;
        case K_LINE: x12i_put_i32(tb, col, count32(w->line)); break;
        case K_MOD1: case K_MOD2: case K_MOD3: case K_MOD4:
            x12i_put_dict(t, tb, col,
                          (size_t)(k - K_MOD1) < nmod ? x12_line_modifier(w->l, (size_t)(k - K_MOD1))
                                                      : empty_str);
            break;
        case K_UNITS_MILLI: {
            x12_str u = x12_line_get(w->l, X12_LINE_UNITS);

            if (u.len == 0) {
                milli = 1000; /* absent SV104 / SV205 is one unit, as the builder writes */
                x12i_put_i64(tb, col, milli);
            } else if (units_milli(u, &milli)) {
                x12i_put_i64(tb, col, milli);
            } else {
                x12i_put_null(&tb->cols[col], tb->rows);
            }
            break;
        }
        case K_PTR1: case K_PTR2: case K_PTR3: case K_PTR4:
            if ((size_t)(k - K_PTR1) < nptr)
                x12i_put_i32(tb, col,
                             (int32_t)x12_line_pointer(w->l, (size_t)(k - K_PTR1)));
            else
                x12i_put_null(&tb->cols[col], tb->rows);
            break;
        case K_ADJUDICATIONS:
            x12i_put_i32(tb, col, count32(x12_line_adjudication_count(w->l)));
            break;
        default: x12i_put_null(&tb->cols[col], tb->rows);
        }
    }
    tb->rows++;
    for (role = X12_ROLE_RENDERING; *x12_claim_role_name((x12_claim_role)role); role++) {
        x12_party *p = role == X12_ROLE_ATTENDING
                           ? NULL
                           : x12_line_find_provider(w->l, (x12_claim_role)role);

        if (p != NULL)
            add_provider(t, w->claim, w->line, x12_claim_role_name((x12_claim_role)role), p);
    }
}

static void add_other_payer(x12_tables *t, const row *w)
{
    ttable *tb = &t->tb[X12_CTABLE_OTHER_PAYERS];
    size_t i, n = x12_other_payer_adjustment_count(w->op);
    int64_t sum = 0, cents;
    int ovf = 0;

    if (x12i_table_row(t, tb) != 0)
        return;
    for (i = 0; i < n; i++) {
        cents = 0;
        (void)x12_other_payer_adjustment(w->op, i, NULL, &cents, NULL);
        if ((cents > 0 && sum > INT64_MAX - cents) || (cents < 0 && sum < INT64_MIN - cents))
            ovf = 1;
        else
            sum += cents;
    }
    put_sources(t, tb, op_cols, op_src, X12I_NELEM(op_cols), w);
    for (i = 0; i < X12I_NELEM(op_cols); i++) {
        int col = (int)i;

        if (op_src[i].src != F_KEY)
            continue;
        switch (op_src[i].field) {
        case K_CLAIM_INDEX: x12i_put_i64(tb, col, w->claim); break;
        case K_POSITION: x12i_put_i32(tb, col, count32(w->position)); break;
        case K_ADJ_CENTS: x12i_put_i64(tb, col, ovf ? 0 : sum); break;
        case K_ADJ_COUNT: x12i_put_i32(tb, col, count32(n)); break;
        default: x12i_put_null(&tb->cols[col], tb->rows);
        }
    }
    tb->rows++;
}

static void add_claim(x12_tables *t, row *w)
{
    ttable *tb = &t->tb[X12_CTABLE_CLAIMS];
    x12_claim_stream *s = w->s;
    x12_claim_kind kind = x12_claim_stream_kind(s);
    x12_service_line *l;
    x12_other_payer *op;
    size_t i, errors = 0;

    if (x12i_table_row(t, tb) != 0)
        return;
    for (i = 0; i < x12_claim_stream_claim_error_count(s); i++)
        errors += x12_error_severity(x12_claim_stream_claim_error_at(s, i)) >= X12_SEV_ERROR;
    put_sources(t, tb, claim_cols, claim_src, X12I_NELEM(claim_cols), w);
    for (i = 0; i < X12I_NELEM(claim_cols); i++) {
        int col = (int)i;

        if (claim_src[i].src != F_KEY)
            continue;
        switch (claim_src[i].field) {
        case K_CLAIM_INDEX: x12i_put_i64(tb, col, w->claim); break;
        case K_KIND:
            x12i_put_dict_cstr(t, tb, col, kind == X12_CLAIM_837I ? "837I" : "837P");
            break;
        case K_RELATIONSHIP: {
            x12_patient *p = x12_claim_stream_patient(s);
            x12_str rel = {"18", 2}; /* SBR02: the subscriber is the patient */

            x12i_put_dict(t, tb, col, p != NULL ? x12_patient_relationship(p) : rel);
            break;
        }
        case K_LINES: x12i_put_i32(tb, col, count32(x12_claim_line_count(w->c))); break;
        case K_DX: x12i_put_i32(tb, col, count32(x12_claim_diagnosis_count(w->c))); break;
        case K_OTHER_PAYERS:
            x12i_put_i32(tb, col, count32(x12_claim_other_payer_count(w->c)));
            break;
        case K_NOT_KEPT:
            x12i_put_i32(tb, col, count32(x12_claim_stream_not_kept_count(s)));
            break;
        case K_ERRORS: x12i_put_i32(tb, col, count32(errors)); break;
        default: x12i_put_null(&tb->cols[col], tb->rows);
        }
    }
    tb->rows++;

    add_diagnoses(t, w);
    add_claim_providers(t, w);
    w->position = 0;
    for (op = x12_claim_first_other_payer(w->c); op != NULL; op = x12_other_payer_next(op)) {
        w->op = op;
        w->position++;
        add_other_payer(t, w);
    }
    w->op = NULL;
    w->line = 0;
    for (l = x12_claim_first_line(w->c); l != NULL; l = x12_line_next(l)) {
        w->l = l;
        w->line++;
        add_line(t, w);
    }
    w->l = NULL;
}

/* ---- the handle ------------------------------------------------------------------------ */

x12_status x12i_claim_tables_open(x12_tables *t, const x12_allocator *alloc, x12_reader *reader)
{
    x12_status st;

    t->spec = claim_tables;
    t->ntables = NTABLES;
    t->diag = X12_CTABLE_DIAGNOSTICS;
    st = x12_claim_stream_new(alloc, reader, &t->cs);
    if (st != X12_OK)
        return st;
    t->r = x12_claim_stream_reader(t->cs);
    return X12_OK;
}

/* Keeps the diagnostics of a stream call that returned X12_AGAIN (push
 * input): the stream forgets them with the next call, and the claim they
 * belong to is not known yet. */
static void hold_errors(x12_tables *t)
{
    x12_claim_stream *s = t->cs;
    size_t i, n = x12_claim_stream_error_count(s);

    for (i = 0; i < n; i++) {
        x12_error *e = x12i_errlist_push(&t->a, &t->held);

        if (e == NULL) {
            t->nomem = 1;
            return;
        }
        *e = *x12_claim_stream_error_at(s, i);
    }
}

/* The diagnostics held and those of the last stream call, in input order:
 * each tied to the claim handed out when it lies between the claim's CLM
 * and its end, to the set when at or after its ST; before_claim counts the
 * CLMs before where it lies. */
static void take_errors(x12_tables *t, int have_claim)
{
    x12_claim_stream *s = t->cs;
    size_t i, nheld = t->held.count, n = nheld + x12_claim_stream_error_count(s);
    uint64_t clm = 0, end = 0, st_off = 0;
    int64_t claim = -1, set = -1;

    if (have_claim) {
        clm = x12_claim_stream_position(s, X12_CPOS_OFFSET);
        end = x12_claim_stream_position(s, X12_CPOS_END_OFFSET);
        st_off = x12_claim_stream_position(s, X12_CPOS_ST_OFFSET);
        claim = (int64_t)(t->claim_base + x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX));
        set = (int64_t)x12_claim_stream_position(s, X12_CPOS_SET_INDEX);
    }
    for (i = 0; i < n; i++) {
        const x12_error *e =
            i < nheld ? &t->held.items[i] : x12_claim_stream_error_at(s, i - nheld);
        uint64_t off = x12_error_offset(e);
        uint64_t saved = t->claims_total;

        if (!have_claim) {
            x12i_tables_error(t, e, -1, -1);
        } else if (off >= clm && off < end) {
            t->claims_total = (uint64_t)claim;
            x12i_tables_error(t, e, set, claim);
        } else {
            t->claims_total = (uint64_t)claim + (off >= end);
            x12i_tables_error(t, e, off >= st_off ? set : -1, -1);
        }
        t->claims_total = saved;
    }
    t->held.count = 0;
}

x12_status x12i_claim_tables_fill(x12_tables *t)
{
    x12_claim_stream *s = t->cs;
    x12_status st;

    for (;;) {
        st = x12_claim_stream_next(s);
        if (st == X12_OK) {
            row w;

            memset(&w, 0, sizeof w);
            w.s = s;
            w.c = x12_claim_stream_claim(s);
            w.claim = (int64_t)(t->claim_base + x12_claim_stream_position(s, X12_CPOS_CLAIM_INDEX));
            w.set = (int64_t)x12_claim_stream_position(s, X12_CPOS_SET_INDEX);
            take_errors(t, 1);
            t->claims_total = (uint64_t)w.claim;
            add_claim(t, &w);
            t->claims_total = (uint64_t)w.claim + 1;
            t->batch_claims_n++;
            if (t->nomem)
                return x12i_tables_die(t, X12_ENOMEM);
            if (x12i_tables_batch_full(t)) {
                t->batch_open = 0;
                return X12_OK;
            }
            continue;
        }
        if (st == X12_AGAIN) {
            hold_errors(t);
            if (t->nomem)
                return x12i_tables_die(t, X12_ENOMEM);
            return X12_AGAIN;
        }
        if (st == X12_END) {
            /* CLMs after the last claim handed out (skipped ones) */
            t->claims_total = t->claim_base + x12_claim_stream_total(s, X12_CTOTAL_CLAIMS) +
                              x12_claim_stream_total(s, X12_CTOTAL_SKIPPED);
        }
        take_errors(t, 0);
        if (t->nomem)
            return x12i_tables_die(t, X12_ENOMEM);
        return x12i_tables_stop(t, st, x12_claim_stream_last_error(s));
    }
}
