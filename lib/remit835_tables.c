/*
 * tables for X12_TABLES_REMIT (include/x12/tables.h): the 835's schema, and
 * the rows each event of the remittance stream (remit835_stream.c) becomes.
 * Nothing is parsed here except dates; the column buffers, dictionaries and
 * the accessors are in tables.c.
 */
#include <stdio.h>
#include <string.h>

#include "remit835_internal.h"
#include "tables_internal.h"

/* ---- schema --------------------------------------------------------------- */


/* A party (N1 or NM1) flattened under a prefix; see put_party. */
#define PARTY_N1(pre)                                                                    \
    {pre "_name", TY_DICT, NUL}, {pre "_id_qualifier", TY_DICT, NUL},                    \
    {pre "_id", TY_DICT, NUL}, {pre "_address_line1", TY_DICT, NUL},                      \
    {pre "_address_line2", TY_DICT, NUL}, {pre "_address_city", TY_DICT, NUL},            \
    {pre "_address_state", TY_DICT, NUL}, {pre "_address_postal_code", TY_DICT, NUL},     \
    {pre "_address_country", TY_DICT, NUL}
#define PARTY_NM1(pre)                                                                   \
    {pre "_type", TY_DICT, NUL}, {pre "_name", TY_STR, NUL},                             \
    {pre "_first_name", TY_STR, NUL}, {pre "_middle_name", TY_STR, NUL},                  \
    {pre "_suffix", TY_DICT, NUL}, {pre "_id_qualifier", TY_DICT, NUL},                  \
    {pre "_id", TY_STR, NUL}
#define SHARES(pre)                                                                      \
    {pre "_deductible_cents", TY_I64, 0}, {pre "_coinsurance_cents", TY_I64, 0},         \
    {pre "_copay_cents", TY_I64, 0}, {pre "_other_cents", TY_I64, 0},                    \
    {pre "_total_cents", TY_I64, 0}
enum { N1_COLS = 9, NM1_COLS = 7, SHARE_COLS = 5 };

enum {
    P_PAYMENT_INDEX, P_CONTROL_NUMBER, P_HANDLING, P_AMOUNT_CENTS, P_CREDIT_DEBIT, P_METHOD,
    P_FORMAT, P_PAYMENT_DATE, P_TRACE_NUMBER, P_TRACE_ORIGINATOR, P_ORIGINATOR_ID, P_CURRENCY,
    P_RECEIVER_ID, P_VERSION_ID, P_PRODUCTION_DATE, P_BANK, /* 8 columns */
    P_PAYER = P_BANK + 8, P_PAYEE = P_PAYER + N1_COLS, P_TOTALS_CLAIMS = P_PAYEE + N1_COLS,
    P_TOTALS_LINES, P_TOTALS_CHARGE, P_TOTALS_PAID, P_TOTALS_PLB, P_BALANCED, P_WARNINGS,
    P_ERRORS, P_SEGNO, P_NCOLS
};

static const colspec payment_cols[] = {
    {"payment_index", TY_I64, 0},
    {"control_number", TY_STR, 0},
    {"handling", TY_DICT, 0},
    {"amount_cents", TY_I64, 0},
    {"credit_debit", TY_DICT, 0},
    {"method", TY_DICT, 0},
    {"format", TY_DICT, 0},
    {"payment_date", TY_DATE, NUL},
    {"trace_number", TY_STR, 0},
    {"trace_originator", TY_DICT, 0},
    {"originator_id", TY_DICT, 0},
    {"currency", TY_DICT, 0},
    {"receiver_id", TY_DICT, 0},
    {"version_id", TY_DICT, 0},
    {"production_date", TY_DATE, NUL},
    {"bank_sender_dfi_qualifier", TY_DICT, 0},
    {"bank_sender_dfi", TY_DICT, 0},
    {"bank_sender_account_qualifier", TY_DICT, 0},
    {"bank_sender_account", TY_DICT, 0},
    {"bank_receiver_dfi_qualifier", TY_DICT, 0},
    {"bank_receiver_dfi", TY_DICT, 0},
    {"bank_receiver_account_qualifier", TY_DICT, 0},
    {"bank_receiver_account", TY_DICT, 0},
    PARTY_N1("payer"),
    PARTY_N1("payee"),
    {"totals_claims", TY_I64, 0},
    {"totals_lines", TY_I64, 0},
    {"totals_charge_cents", TY_I64, 0},
    {"totals_paid_cents", TY_I64, 0},
    {"totals_provider_adjustment_cents", TY_I64, 0},
    {"balanced", TY_BOOL, 0},
    {"balance_warning_count", TY_I32, 0},
    {"error_count", TY_I32, 0},
    {"segment_number", TY_I64, 0},
};

enum {
    C_PAYMENT_INDEX, C_CLAIM_INDEX, C_INDEX_IN_PAYMENT, C_PCN, C_STATUS, C_STATUS_TEXT,
    C_OUTCOME, C_FORWARDED, C_CHARGE, C_PAID, C_PATIENT_RESP, C_FILING_INDICATOR, C_PCCN,
    C_FACILITY_CODE, C_FREQUENCY, C_DRG, C_DRG_WEIGHT, C_HEADER_NUMBER, C_STATEMENT_FROM,
    C_STATEMENT_TO, C_RECEIVED, C_COVERAGE_EXPIRATION, C_PATIENT,
    C_INSURED = C_PATIENT + NM1_COLS, C_SHARE = C_INSURED + NM1_COLS,
    C_REVERSAL_OF = C_SHARE + SHARE_COLS, C_BALANCED, C_WARNINGS, C_ERRORS, C_SEGNO, C_OFFSET,
    C_NCOLS
};

static const colspec claim_cols[] = {
    {"payment_index", TY_I64, 0},
    {"claim_index", TY_I64, 0},
    {"index_in_payment", TY_I64, 0},
    {"patient_control_number", TY_STR, 0},
    {"status", TY_DICT, 0},
    {"status_text", TY_DICT, 0},
    {"outcome", TY_DICT, 0},
    {"forwarded", TY_BOOL, 0},
    {"charge_cents", TY_I64, 0},
    {"paid_cents", TY_I64, 0},
    {"patient_responsibility_cents", TY_I64, 0},
    {"filing_indicator", TY_DICT, 0},
    {"payer_claim_control_number", TY_STR, 0},
    {"facility_code", TY_DICT, 0},
    {"frequency", TY_DICT, 0},
    {"drg", TY_DICT, 0},
    {"drg_weight", TY_DICT, 0},
    {"header_number", TY_DICT, 0},
    {"statement_from", TY_DATE, NUL},
    {"statement_to", TY_DATE, NUL},
    {"received", TY_DATE, NUL},
    {"coverage_expiration", TY_DATE, NUL},
    PARTY_NM1("patient"),
    PARTY_NM1("insured"),
    SHARES("patient_share"),
    {"reversal_of", TY_I64, NUL},
    {"balanced", TY_BOOL, 0},
    {"balance_warning_count", TY_I32, 0},
    {"error_count", TY_I32, 0},
    {"segment_number", TY_I64, 0},
    {"offset", TY_I64, 0},
};

enum {
    L_PAYMENT_INDEX, L_CLAIM_INDEX, L_LINE, L_QUALIFIER, L_PROCEDURE, L_MODIFIERS,
    L_DESCRIPTION = L_MODIFIERS + 4, L_REVENUE_CODE, L_CHARGE, L_PAID, L_ALLOWED, L_UNITS,
    L_UNITS_MILLI, L_ORIG_QUALIFIER, L_ORIG_PROCEDURE, L_ORIG_MODIFIERS,
    L_ORIG_DESCRIPTION = L_ORIG_MODIFIERS + 4, L_ORIG_UNITS, L_SERVICE_DATE, L_SERVICE_FROM,
    L_SERVICE_TO, L_LICN, L_OUTCOME, L_BALANCED, L_SHARE, L_SEGNO = L_SHARE + SHARE_COLS,
    L_NCOLS
};

static const colspec line_cols[] = {
    {"payment_index", TY_I64, 0},
    {"claim_index", TY_I64, 0},
    {"line", TY_I32, 0},
    {"qualifier", TY_DICT, 0},
    {"procedure", TY_DICT, 0},
    {"modifiers_1", TY_DICT, 0},
    {"modifiers_2", TY_DICT, 0},
    {"modifiers_3", TY_DICT, 0},
    {"modifiers_4", TY_DICT, 0},
    {"description", TY_DICT, 0},
    {"revenue_code", TY_DICT, 0},
    {"charge_cents", TY_I64, 0},
    {"paid_cents", TY_I64, 0},
    {"allowed_cents", TY_I64, NUL},
    {"units", TY_DICT, 0},
    {"units_milli", TY_I64, 0},
    {"original_qualifier", TY_DICT, NUL},
    {"original_procedure", TY_DICT, NUL},
    {"original_modifiers_1", TY_DICT, NUL},
    {"original_modifiers_2", TY_DICT, NUL},
    {"original_modifiers_3", TY_DICT, NUL},
    {"original_modifiers_4", TY_DICT, NUL},
    {"original_description", TY_DICT, NUL},
    {"original_units", TY_DICT, NUL},
    {"service_date", TY_DATE, NUL},
    {"service_from", TY_DATE, NUL},
    {"service_to", TY_DATE, NUL},
    {"line_item_control_number", TY_STR, 0},
    {"outcome", TY_DICT, 0},
    {"balanced", TY_BOOL, 0},
    SHARES("patient_share"),
    {"segment_number", TY_I64, 0},
};

enum {
    A_PAYMENT_INDEX, A_CLAIM_INDEX, A_LINE, A_LEVEL, A_GROUP, A_REASON, A_REASON_TEXT,
    A_AMOUNT, A_QUANTITY, A_QUANTITY_MILLI, A_DENIAL, A_NCOLS
};

static const colspec adjustment_cols[] = {
    {"payment_index", TY_I64, 0},
    {"claim_index", TY_I64, 0},
    {"line", TY_I32, 0},
    {"level", TY_DICT, 0},
    {"group", TY_DICT, 0},
    {"reason", TY_DICT, 0},
    {"reason_text", TY_DICT, 0},
    {"amount_cents", TY_I64, 0},
    {"quantity", TY_DICT, 0},
    {"quantity_milli", TY_I64, NUL},
    {"denial_reason", TY_BOOL, 0},
};

enum { R_PAYMENT_INDEX, R_CLAIM_INDEX, R_LINE, R_SOURCE, R_QUALIFIER, R_CODE, R_TEXT, R_NCOLS };

static const colspec remark_cols[] = {
    {"payment_index", TY_I64, 0},
    {"claim_index", TY_I64, 0},
    {"line", TY_I32, 0},
    {"source", TY_DICT, 0},
    {"qualifier", TY_DICT, 0},
    {"code", TY_DICT, 0},
    {"text", TY_DICT, 0},
};

enum { B_PAYMENT_INDEX, B_PROVIDER, B_DATE, B_REASON, B_REASON_TEXT, B_REFERENCE, B_AMOUNT,
       B_NCOLS };

static const colspec plb_cols[] = {
    {"payment_index", TY_I64, 0},
    {"provider", TY_DICT, 0},
    {"fiscal_period_date", TY_DATE, NUL},
    {"reason", TY_DICT, 0},
    {"reason_text", TY_DICT, 0},
    {"reference", TY_STR, 0},
    {"amount_cents", TY_I64, 0},
};

static const tablespec remit_tables[] = {
    {"payments", payment_cols, X12I_NELEM(payment_cols)},
    {"claims", claim_cols, X12I_NELEM(claim_cols)},
    {"lines", line_cols, X12I_NELEM(line_cols)},
    {"adjustments", adjustment_cols, X12I_NELEM(adjustment_cols)},
    {"remarks", remark_cols, X12I_NELEM(remark_cols)},
    {"provider_adjustments", plb_cols, X12I_NELEM(plb_cols)},
    {"diagnostics", x12i_diag_cols, X12I_DIAG_NCOLS},
};
enum { NTABLES = (int)X12I_NELEM(remit_tables) };

/* The enums above name the columns the code writes: they must match. */
typedef char check_payments[X12I_NELEM(payment_cols) == P_NCOLS ? 1 : -1];
typedef char check_claims[X12I_NELEM(claim_cols) == C_NCOLS ? 1 : -1];
typedef char check_lines[X12I_NELEM(line_cols) == L_NCOLS ? 1 : -1];
typedef char check_adjustments[X12I_NELEM(adjustment_cols) == A_NCOLS ? 1 : -1];
typedef char check_remarks[X12I_NELEM(remark_cols) == R_NCOLS ? 1 : -1];
typedef char check_plb[X12I_NELEM(plb_cols) == B_NCOLS ? 1 : -1];
typedef char check_tables[NTABLES == X12_TABLE_DIAGNOSTICS + 1 ? 1 : -1];

/* ---- keys and diagnostics ------------------------------------------------- */

/* Notes the payment the stream is in; the first time it is seen, the
 * claims delivered so far are those of the payments before it (the stream
 * hands out a payment's end before it starts the next one), so its first
 * claim_index is their number. */
static void see_payment(x12_tables *t, const x12_remit_payment *p)
{
    size_t idx = x12_remit_payment_index(p);

    if (!t->have_pay || idx != t->pay_index) {
        t->have_pay = 1;
        t->pay_index = idx;
        t->pay_base = t->claims_total;
    }
}

static int64_t claim_key(x12_tables *t, const x12_remit_claim *c)
{
    see_payment(t, x12_remit_claim_payment(c));
    return (int64_t)(t->pay_base + x12_remit_claim_index(c));
}

/* Every diagnostic of the stream comes here as it is found. */
static void tap(void *user, const x12_error *e, enum target tg, const x12_remit_claim *c,
                const x12_remit_payment *p)
{
    x12_tables *t = user;

    if (tg == T_CLAIM && c != NULL) {
        int64_t claim = claim_key(t, c);

        x12i_tables_error(t, e, (int64_t)x12_remit_payment_index(x12_remit_claim_payment(c)), claim);
    } else if (tg == T_PAYMENT && p != NULL) {
        see_payment(t, p);
        x12i_tables_error(t, e, (int64_t)x12_remit_payment_index(p), -1);
    } else {
        x12i_tables_error(t, e, -1, -1);
    }
}

/* ---- dates ------------------------------------------------------------------- */

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* CCYYMMDD text as an int32_t: 1 valid, 0 not a date. */
static int parse_date(x12_str v, int32_t *out)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m, d, i;

    if (v.len != 8)
        return 0;
    for (i = 0; i < 8; i++)
        if (v.ptr[i] < '0' || v.ptr[i] > '9')
            return 0;
    for (i = 0; i < 4; i++)
        y = y * 10 + (v.ptr[i] - '0');
    m = (v.ptr[4] - '0') * 10 + (v.ptr[5] - '0');
    d = (v.ptr[6] - '0') * 10 + (v.ptr[7] - '0');
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
        return 0;
    *out = y * 10000 + m * 100 + d;
    return 1;
}

/* Where a date was read, for its diagnostic. */
typedef struct datepos {
    uint64_t segno, offset;
    const char *segid, *loop;
    unsigned element;
    const char *what;       /* "DTM02 (232 statement from)" */
    int64_t pay, claim;     /* keys it belongs to, -1 none */
} datepos;

static void put_date(x12_tables *t, ttable *tb, int col, x12_str v, const datepos *at)
{
    tcol *c = &tb->cols[col];
    int32_t d;
    x12_error e;

    if (c->type == TY_DICT) {
        x12i_put_dict(t, tb, col, v);
        return;
    }
    if (v.len > 0 && parse_date(v, &d)) {
        x12i_put_i32(tb, col, d);
        return;
    }
    x12i_put_null(c, tb->rows);
    if (v.len == 0)
        return;
    x12i_error_set(&e, X12_ESYNTAX, X12_SEV_ERROR, "date", at->segno, at->segid,
                   strlen(at->segid), at->offset, at->element,
                   "%s is not a valid CCYYMMDD date (read as NULL)", at->what);
    x12i_error_set_loop(&e, at->loop);
    x12i_tables_error(t, &e, at->pay, at->claim);
}

/* The first DTM with a qualifier among n dates (dates_at(obj, i)). */
static const x12_remit_date *find_dtm(const void *obj, size_t n,
                                      const x12_remit_date *(*at)(const void *, size_t),
                                      const char *qual)
{
    size_t i, ql = strlen(qual);

    for (i = 0; i < n; i++) {
        const x12_remit_date *d = at(obj, i);
        x12_str q = x12_remit_date_qualifier(d);

        if (q.len == ql && memcmp(q.ptr, qual, ql) == 0)
            return d;
    }
    return NULL;
}

static const x12_remit_date *claim_date_at(const void *c, size_t i)
{
    return x12_remit_claim_date_at(c, i);
}

static const x12_remit_date *service_date_at(const void *s, size_t i)
{
    return x12_remit_service_date_at(s, i);
}

static const x12_str empty_str = {"", 0};

/* A DTM date column: the first DTM with the qualifier (as the JSON's). */
static void put_dtm(x12_tables *t, ttable *tb, int col, const x12_remit_date *d,
                    const char *what, const char *loop, int64_t pay, int64_t claim)
{
    datepos at;

    if (d == NULL) {
        put_date(t, tb, col, empty_str, NULL);
        return;
    }
    at.segno = d->segno;
    at.offset = d->offset;
    at.segid = "DTM";
    at.loop = loop;
    at.element = 2;
    at.what = what;
    at.pay = pay;
    at.claim = claim;
    put_date(t, tb, col, x12_remit_date_value(d), &at);
}

/* ---- rows ---------------------------------------------------------------------- */

/* A party's columns (N1 layout: name, id qualifier, id, address), NULL
 * when the party is absent; the address columns are NULL when it has no
 * N3/N4 (as the JSON leaves "address" out). */
static void put_party_n1(x12_tables *t, ttable *tb, int first, const x12_remit_name *n)
{
    static const x12_remit_name_field f[] = {
        X12_RN_NAME, X12_RN_ID_QUALIFIER, X12_RN_ID, X12_RN_ADDRESS1, X12_RN_ADDRESS2,
        X12_RN_CITY, X12_RN_STATE, X12_RN_POSTAL_CODE, X12_RN_COUNTRY};
    int i, addr;

    addr = n != NULL && (x12_remit_name_field_value(n, X12_RN_ADDRESS1).len > 0 ||
                         x12_remit_name_field_value(n, X12_RN_CITY).len > 0);
    for (i = 0; i < N1_COLS; i++) {
        if (n == NULL || (i >= 3 && !addr))
            x12i_put_null(&tb->cols[first + i], tb->rows);
        else
            x12i_put_dict(t, tb, first + i, x12_remit_name_field_value(n, f[i]));
    }
}

static void put_party_nm1(x12_tables *t, ttable *tb, int first, const x12_remit_name *n)
{
    static const x12_remit_name_field f[] = {X12_RN_TYPE,   X12_RN_NAME,         X12_RN_FIRST,
                                             X12_RN_MIDDLE, X12_RN_SUFFIX,       X12_RN_ID_QUALIFIER,
                                             X12_RN_ID};
    int i;

    for (i = 0; i < NM1_COLS; i++) {
        if (n == NULL)
            x12i_put_null(&tb->cols[first + i], tb->rows);
        else
            x12i_put_text(t, tb, first + i, x12_remit_name_field_value(n, f[i]));
    }
}

static void put_shares_claim(ttable *tb, int first, const x12_remit_claim *c)
{
    int k;

    for (k = 0; k < SHARE_COLS; k++)
        x12i_put_i64(tb, first + k,
                x12_remit_claim_patient_share_cents(c, (x12_remit_share)(X12_REMIT_SHARE_DEDUCTIBLE + k)));
}

static void put_shares_line(ttable *tb, int first, const x12_remit_service *s)
{
    int k;

    for (k = 0; k < SHARE_COLS; k++)
        x12i_put_i64(tb, first + k,
                x12_remit_service_patient_share_cents(s, (x12_remit_share)(X12_REMIT_SHARE_DEDUCTIBLE + k)));
}

/* Counts a record list's warnings and errors ("balance_warnings" are the
 * balance-* rules, as in the JSON). */
static void count_issues(size_t n, const x12_error *(*at)(const void *, size_t),
                         const void *obj, size_t *warnings, size_t *errors)
{
    size_t i;

    *warnings = *errors = 0;
    for (i = 0; i < n; i++) {
        if (strncmp(x12_error_rule(at(obj, i)), "balance-", 8) == 0)
            (*warnings)++;
        else
            (*errors)++;
    }
}

static const x12_error *claim_issue(const void *c, size_t i)
{
    return x12_remit_claim_issue_at(c, i);
}

static const x12_error *payment_issue(const void *p, size_t i)
{
    return x12_remit_payment_issue_at(p, i);
}

static void add_adjustment(x12_tables *t, int64_t pay, int64_t claim,
                           const x12_remit_adjustment *a, int denial)
{
    ttable *tb = &t->tb[X12_TABLE_ADJUSTMENTS];
    size_t line = x12_remit_adjustment_line(a);
    x12_str reason = x12_remit_adjustment_reason(a), q = x12_remit_adjustment_quantity(a);

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, A_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, A_CLAIM_INDEX, claim);
    x12i_put_i32(tb, A_LINE, line > (size_t)INT32_MAX ? INT32_MAX : (int32_t)line);
    x12i_put_dict_cstr(t, tb, A_LEVEL, line == 0 ? "claim" : "line");
    x12i_put_dict(t, tb, A_GROUP, x12_remit_adjustment_group(a));
    x12i_put_dict(t, tb, A_REASON, reason);
    x12i_put_code_text(t, tb, A_REASON_TEXT, A_REASON, X12_CODESET_CARC);
    x12i_put_i64(tb, A_AMOUNT, x12_remit_adjustment_amount_cents(a));
    x12i_put_dict(t, tb, A_QUANTITY, q);
    if (q.len > 0)
        x12i_put_i64(tb, A_QUANTITY_MILLI, x12_remit_adjustment_quantity_milli(a));
    else
        x12i_put_null(&tb->cols[A_QUANTITY_MILLI], tb->rows);
    x12i_put_bool(tb, A_DENIAL, denial);
    tb->rows++;
}

static void add_remark(x12_tables *t, int64_t pay, int64_t claim, size_t line,
                       const x12_remit_remark *r)
{
    ttable *tb = &t->tb[X12_TABLE_REMARKS];
    x12_str q = x12_remit_remark_qualifier(r), code = x12_remit_remark_code(r);
    int rarc = q.len == 2 && memcmp(q.ptr, "HE", 2) == 0;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, R_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, R_CLAIM_INDEX, claim);
    x12i_put_i32(tb, R_LINE, line > (size_t)INT32_MAX ? INT32_MAX : (int32_t)line);
    x12i_put_dict_cstr(t, tb, R_SOURCE, x12_remit_remark_source(r));
    x12i_put_dict(t, tb, R_QUALIFIER, q);
    x12i_put_dict(t, tb, R_CODE, code);
    x12i_put_dict_cstr(t, tb, R_TEXT, rarc ? x12_remit_code_text(X12_CODESET_RARC, code.ptr, code.len)
                                      : "");
    tb->rows++;
}

/* Cursor over the claim's denial reasons, which are a subsequence of its
 * adjustments in the order the tables list them (claim level, then each
 * line's): one pass marks them. */
typedef struct denial_cursor {
    const x12_remit_claim *c;
    size_t next, n;
} denial_cursor;

static int is_denial(denial_cursor *dc, const x12_remit_adjustment *a)
{
    if (dc->next < dc->n && x12_remit_claim_denial_reason_at(dc->c, dc->next) == a) {
        dc->next++;
        return 1;
    }
    return 0;
}

static void add_line(x12_tables *t, int64_t pay, int64_t claim, const x12_remit_service *s,
                     denial_cursor *dc)
{
    ttable *tb = &t->tb[X12_TABLE_LINES];
    size_t line = x12_remit_service_index(s) + 1, i, n;
    int k, orig;
    x12_str u;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, L_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, L_CLAIM_INDEX, claim);
    x12i_put_i32(tb, L_LINE, line > (size_t)INT32_MAX ? INT32_MAX : (int32_t)line);
    x12i_put_dict(t, tb, L_QUALIFIER, x12_remit_service_field_value(s, X12_RS_QUALIFIER));
    x12i_put_dict(t, tb, L_PROCEDURE, x12_remit_service_field_value(s, X12_RS_PROCEDURE));
    /* The JSON lists the modifiers present, in order: so do these columns. */
    for (k = 0, i = 0; k < 4; k++) {
        x12_str m = x12_remit_service_field_value(s, (x12_remit_service_field)(X12_RS_MODIFIER1 + k));

        if (m.len > 0)
            x12i_put_dict(t, tb, L_MODIFIERS + (int)i++, m);
    }
    for (; i < 4; i++)
        x12i_put_dict(t, tb, L_MODIFIERS + (int)i, empty_str);
    x12i_put_dict(t, tb, L_DESCRIPTION, x12_remit_service_field_value(s, X12_RS_DESCRIPTION));
    x12i_put_dict(t, tb, L_REVENUE_CODE, x12_remit_service_field_value(s, X12_RS_REVENUE_CODE));
    x12i_put_i64(tb, L_CHARGE, x12_remit_service_charge_cents(s));
    x12i_put_i64(tb, L_PAID, x12_remit_service_paid_cents(s));
    if (x12_remit_service_has_allowed(s))
        x12i_put_i64(tb, L_ALLOWED, x12_remit_service_allowed_cents(s));
    else
        x12i_put_null(&tb->cols[L_ALLOWED], tb->rows);
    u = x12_remit_service_field_value(s, X12_RS_UNITS);
    if (u.len == 0) {
        u.ptr = "1";
        u.len = 1;
    }
    x12i_put_dict(t, tb, L_UNITS, u);
    x12i_put_i64(tb, L_UNITS_MILLI, x12_remit_service_units_milli(s));
    orig = x12_remit_service_field_value(s, X12_RS_ORIG_PROCEDURE).len > 0 ||
           x12_remit_service_field_value(s, X12_RS_ORIG_QUALIFIER).len > 0;
    if (orig) {
        x12i_put_dict(t, tb, L_ORIG_QUALIFIER, x12_remit_service_field_value(s, X12_RS_ORIG_QUALIFIER));
        x12i_put_dict(t, tb, L_ORIG_PROCEDURE, x12_remit_service_field_value(s, X12_RS_ORIG_PROCEDURE));
        for (k = 0, i = 0; k < 4; k++) {
            x12_str m = x12_remit_service_field_value(
                s, (x12_remit_service_field)(X12_RS_ORIG_MODIFIER1 + k));

            if (m.len > 0)
                x12i_put_dict(t, tb, L_ORIG_MODIFIERS + (int)i++, m);
        }
        for (; i < 4; i++)
            x12i_put_dict(t, tb, L_ORIG_MODIFIERS + (int)i, empty_str);
        x12i_put_dict(t, tb, L_ORIG_DESCRIPTION,
                 x12_remit_service_field_value(s, X12_RS_ORIG_DESCRIPTION));
        x12i_put_dict(t, tb, L_ORIG_UNITS, x12_remit_service_field_value(s, X12_RS_ORIG_UNITS));
    } else {
        for (k = L_ORIG_QUALIFIER; k <= L_ORIG_UNITS; k++)
            x12i_put_null(&tb->cols[k], tb->rows);
    }
    n = x12_remit_service_date_count(s);
    put_dtm(t, tb, L_SERVICE_DATE, find_dtm(s, n, service_date_at, "472"),
            "DTM02 (472 service date)", "2110", pay, claim);
    put_dtm(t, tb, L_SERVICE_FROM, find_dtm(s, n, service_date_at, "150"),
            "DTM02 (150 service period start)", "2110", pay, claim);
    put_dtm(t, tb, L_SERVICE_TO, find_dtm(s, n, service_date_at, "151"),
            "DTM02 (151 service period end)", "2110", pay, claim);
    x12i_put_str(t, tb, L_LICN, x12_remit_service_field_value(s, X12_RS_LINE_ITEM_CONTROL_NUMBER));
    x12i_put_dict_cstr(t, tb, L_OUTCOME, x12_remit_outcome_name(x12_remit_service_outcome(s)));
    x12i_put_bool(tb, L_BALANCED, x12_remit_service_balanced(s));
    put_shares_line(tb, L_SHARE, s);
    x12i_put_i64(tb, L_SEGNO, (int64_t)x12_remit_service_segment_number(s));
    tb->rows++;

    n = x12_remit_service_adjustment_count(s);
    for (i = 0; i < n; i++) {
        const x12_remit_adjustment *a = x12_remit_service_adjustment_at(s, i);

        add_adjustment(t, pay, claim, a, is_denial(dc, a));
    }
    n = x12_remit_service_remark_count(s);
    for (i = 0; i < n; i++)
        add_remark(t, pay, claim, line, x12_remit_service_remark_at(s, i));
}

static void add_claim(x12_tables *t, const x12_remit_claim *c)
{
    ttable *tb = &t->tb[X12_TABLE_CLAIMS];
    const x12_remit_payment *p = x12_remit_claim_payment(c);
    int64_t pay = (int64_t)x12_remit_payment_index(p), claim = claim_key(t, c);
    size_t i, n, rev, warnings, errors;
    denial_cursor dc;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, C_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, C_CLAIM_INDEX, claim);
    x12i_put_i64(tb, C_INDEX_IN_PAYMENT, (int64_t)x12_remit_claim_index(c));
    x12i_put_str(t, tb, C_PCN, x12_remit_claim_patient_control_number(c));
    x12i_put_dict(t, tb, C_STATUS, x12_remit_claim_status(c));
    x12i_put_code_text(t, tb, C_STATUS_TEXT, C_STATUS, X12_CODESET_CLAIM_STATUS);
    x12i_put_dict_cstr(t, tb, C_OUTCOME, x12_remit_outcome_name(x12_remit_claim_outcome(c)));
    x12i_put_bool(tb, C_FORWARDED, x12_remit_claim_forwarded(c));
    x12i_put_i64(tb, C_CHARGE, x12_remit_claim_charge_cents(c));
    x12i_put_i64(tb, C_PAID, x12_remit_claim_paid_cents(c));
    x12i_put_i64(tb, C_PATIENT_RESP, x12_remit_claim_patient_resp_cents(c));
    x12i_put_dict(t, tb, C_FILING_INDICATOR, x12_remit_claim_field_value(c, X12_RC_FILING_INDICATOR));
    x12i_put_str(t, tb, C_PCCN, x12_remit_claim_payer_claim_control_number(c));
    x12i_put_dict(t, tb, C_FACILITY_CODE, x12_remit_claim_field_value(c, X12_RC_FACILITY_CODE));
    x12i_put_dict(t, tb, C_FREQUENCY, x12_remit_claim_field_value(c, X12_RC_FREQUENCY));
    x12i_put_dict(t, tb, C_DRG, x12_remit_claim_field_value(c, X12_RC_DRG));
    x12i_put_dict(t, tb, C_DRG_WEIGHT, x12_remit_claim_field_value(c, X12_RC_DRG_WEIGHT));
    x12i_put_dict(t, tb, C_HEADER_NUMBER, x12_remit_header_number(x12_remit_claim_header(c)));
    n = x12_remit_claim_date_count(c);
    put_dtm(t, tb, C_STATEMENT_FROM, find_dtm(c, n, claim_date_at, "232"),
            "DTM02 (232 statement from)", "2100", pay, claim);
    put_dtm(t, tb, C_STATEMENT_TO, find_dtm(c, n, claim_date_at, "233"),
            "DTM02 (233 statement to)", "2100", pay, claim);
    put_dtm(t, tb, C_RECEIVED, find_dtm(c, n, claim_date_at, "050"),
            "DTM02 (050 received)", "2100", pay, claim);
    put_dtm(t, tb, C_COVERAGE_EXPIRATION, find_dtm(c, n, claim_date_at, "036"),
            "DTM02 (036 coverage expiration)", "2100", pay, claim);
    put_party_nm1(t, tb, C_PATIENT, x12_remit_claim_find_name(c, "QC"));
    put_party_nm1(t, tb, C_INSURED, x12_remit_claim_find_name(c, "IL"));
    put_shares_claim(tb, C_SHARE, c);
    rev = x12_remit_claim_reversal_of(c);
    if (rev > 0)
        x12i_put_i64(tb, C_REVERSAL_OF, (int64_t)(t->pay_base + rev - 1));
    else
        x12i_put_null(&tb->cols[C_REVERSAL_OF], tb->rows);
    x12i_put_bool(tb, C_BALANCED, x12_remit_claim_balanced(c));
    count_issues(x12_remit_claim_issue_count(c), claim_issue, c, &warnings, &errors);
    x12i_put_count(tb, C_WARNINGS, warnings);
    x12i_put_count(tb, C_ERRORS, errors);
    x12i_put_i64(tb, C_SEGNO, (int64_t)x12_remit_claim_segment_number(c));
    x12i_put_i64(tb, C_OFFSET, (int64_t)x12_remit_claim_offset(c));
    tb->rows++;

    dc.c = c;
    dc.next = 0;
    dc.n = x12_remit_claim_denial_reason_count(c);
    n = x12_remit_claim_adjustment_count(c);
    for (i = 0; i < n; i++) {
        const x12_remit_adjustment *a = x12_remit_claim_adjustment_at(c, i);

        add_adjustment(t, pay, claim, a, is_denial(&dc, a));
    }
    n = x12_remit_claim_remark_count(c);
    for (i = 0; i < n; i++)
        add_remark(t, pay, claim, 0, x12_remit_claim_remark_at(c, i));
    n = x12_remit_claim_service_count(c);
    for (i = 0; i < n; i++)
        add_line(t, pay, claim, x12_remit_claim_service_at(c, i), &dc);
}

static void add_plbs(x12_tables *t, const x12_remit_payment *p, int64_t pay)
{
    ttable *tb = &t->tb[X12_TABLE_PROVIDER_ADJUSTMENTS];
    size_t i, n = x12_remit_payment_plb_count(p);

    for (i = 0; i < n; i++) {
        const x12_remit_plb *b = x12_remit_payment_plb_at(p, i);
        x12_str reason = x12_remit_plb_reason(b);
        datepos at;

        if (x12i_table_row(t, tb) != 0)
            return;
        x12i_put_i64(tb, B_PAYMENT_INDEX, pay);
        x12i_put_dict(t, tb, B_PROVIDER, x12_remit_plb_provider(b));
        at.segno = b->segno;
        at.offset = b->offset;
        at.segid = "PLB";
        at.loop = "";
        at.element = 2;
        at.what = "PLB02 (fiscal period date)";
        at.pay = pay;
        at.claim = -1;
        put_date(t, tb, B_DATE, x12_remit_plb_date(b), &at);
        x12i_put_dict(t, tb, B_REASON, reason);
        x12i_put_dict_cstr(t, tb, B_REASON_TEXT,
                      x12_remit_code_text(X12_CODESET_PLB_REASON, reason.ptr, reason.len));
        x12i_put_str(t, tb, B_REFERENCE, x12_remit_plb_reference(b));
        x12i_put_i64(tb, B_AMOUNT, x12_remit_plb_amount_cents(b));
        tb->rows++;
    }
}

static void add_payment(x12_tables *t, const x12_remit_payment *p)
{
    static const x12_remit_payment_field bank[8] = {
        X12_RP_SENDER_DFI_QUALIFIER,   X12_RP_SENDER_DFI,   X12_RP_SENDER_ACCOUNT_QUALIFIER,
        X12_RP_SENDER_ACCOUNT,         X12_RP_RECEIVER_DFI_QUALIFIER, X12_RP_RECEIVER_DFI,
        X12_RP_RECEIVER_ACCOUNT_QUALIFIER, X12_RP_RECEIVER_ACCOUNT};
    ttable *tb = &t->tb[X12_TABLE_PAYMENTS];
    int64_t pay = (int64_t)x12_remit_payment_index(p);
    size_t warnings, errors, i, n;
    datepos at;
    const x12_remit_date *prod = NULL;
    int k;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, P_PAYMENT_INDEX, pay);
    x12i_put_str(t, tb, P_CONTROL_NUMBER, x12_remit_payment_field_value(p, X12_RP_CONTROL_NUMBER));
    x12i_put_dict(t, tb, P_HANDLING, x12_remit_payment_field_value(p, X12_RP_HANDLING));
    x12i_put_i64(tb, P_AMOUNT_CENTS, x12_remit_payment_amount_cents(p));
    x12i_put_dict(t, tb, P_CREDIT_DEBIT, x12_remit_payment_field_value(p, X12_RP_CREDIT_DEBIT));
    x12i_put_dict(t, tb, P_METHOD, x12_remit_payment_method(p));
    x12i_put_dict(t, tb, P_FORMAT, x12_remit_payment_field_value(p, X12_RP_FORMAT));
    at.segno = p->bpr_segno;
    at.offset = p->bpr_offset;
    at.segid = "BPR";
    at.loop = "";
    at.element = 16;
    at.what = "BPR16 (payment date)";
    at.pay = pay;
    at.claim = -1;
    put_date(t, tb, P_PAYMENT_DATE, x12_remit_payment_date(p), &at);
    x12i_put_str(t, tb, P_TRACE_NUMBER, x12_remit_payment_trace_number(p));
    x12i_put_dict(t, tb, P_TRACE_ORIGINATOR, x12_remit_payment_field_value(p, X12_RP_TRACE_ORIGINATOR));
    x12i_put_dict(t, tb, P_ORIGINATOR_ID, x12_remit_payment_field_value(p, X12_RP_ORIGINATOR_ID));
    x12i_put_dict(t, tb, P_CURRENCY, x12_remit_payment_field_value(p, X12_RP_CURRENCY));
    x12i_put_dict(t, tb, P_RECEIVER_ID, x12_remit_payment_field_value(p, X12_RP_RECEIVER_ID));
    x12i_put_dict(t, tb, P_VERSION_ID, x12_remit_payment_field_value(p, X12_RP_VERSION_ID));
    /* The production date is the first DTM*405 with a date, as the stream
     * keeps it. */
    n = x12_remit_payment_date_count(p);
    for (i = 0; i < n && prod == NULL; i++) {
        const x12_remit_date *d = x12_remit_payment_date_at(p, i);
        x12_str q = x12_remit_date_qualifier(d);

        if (q.len == 3 && memcmp(q.ptr, "405", 3) == 0 && x12_remit_date_value(d).len > 0)
            prod = d;
    }
    put_dtm(t, tb, P_PRODUCTION_DATE, prod, "DTM02 (405 production date)", "", pay, -1);
    for (k = 0; k < 8; k++)
        x12i_put_dict(t, tb, P_BANK + k, x12_remit_payment_field_value(p, bank[k]));
    put_party_n1(t, tb, P_PAYER, x12_remit_payment_payer(p));
    put_party_n1(t, tb, P_PAYEE, x12_remit_payment_payee(p));
    x12i_put_i64(tb, P_TOTALS_CLAIMS, (int64_t)x12_remit_payment_claim_total(p));
    x12i_put_i64(tb, P_TOTALS_LINES, (int64_t)x12_remit_payment_line_total(p));
    x12i_put_i64(tb, P_TOTALS_CHARGE, x12_remit_payment_charge_total_cents(p));
    x12i_put_i64(tb, P_TOTALS_PAID, x12_remit_payment_paid_total_cents(p));
    x12i_put_i64(tb, P_TOTALS_PLB, x12_remit_payment_plb_total_cents(p));
    x12i_put_bool(tb, P_BALANCED, x12_remit_payment_balanced(p));
    count_issues(x12_remit_payment_issue_count(p), payment_issue, p, &warnings, &errors);
    x12i_put_count(tb, P_WARNINGS, warnings);
    x12i_put_count(tb, P_ERRORS, errors);
    x12i_put_i64(tb, P_SEGNO, (int64_t)x12_remit_payment_segment_number(p));
    tb->rows++;
    add_plbs(t, p, pay);
}

/* ---- the handle ---------------------------------------------------------------- */

x12_status x12_tables_new(const x12_allocator *alloc, x12_tables_kind kind, x12_reader *reader,
                          x12_tables **out)
{
    x12i_alloc a;
    x12_tables *t;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (kind != X12_TABLES_REMIT)
        return X12_EINVAL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    t = x12i_malloc(&a, sizeof *t);
    if (t == NULL)
        return X12_ENOMEM;
    memset(t, 0, sizeof *t);
    t->a = a;
    t->spec = remit_tables;
    t->ntables = NTABLES;
    t->batch_claims = 50000;
    t->max_errors = 10000;
    st = x12_remit_stream_new(alloc, reader, &t->s);
    if (st != X12_OK) {
        x12i_free(&a, t);
        return st;
    }
    t->r = x12_remit_stream_reader(t->s);
    t->s->tap = tap;
    t->s->tap_user = t;
    if (x12i_tables_init(t) != 0) {
        x12_tables_free(t);
        return X12_ENOMEM;
    }
    *out = t;
    return X12_OK;
}

void x12_tables_free(x12_tables *t)
{
    x12i_alloc a;

    if (t == NULL)
        return;
    a = t->a;
    x12i_tables_free_buffers(t);
    x12i_errlist_free(&a, &t->errors);
    x12_remit_stream_free(t->s);
    x12i_free(&a, t);
}

x12_reader *x12_tables_reader(x12_tables *t)
{
    return t != NULL ? t->r : NULL;
}

x12_status x12_tables_next(x12_tables *t)
{
    x12_remit_event ev;
    x12_status st;

    if (t == NULL)
        return X12_EINVAL;
    if (t->dead != X12_OK)
        return t->dead;
    if (t->pending != X12_OK)
        return x12i_tables_die(t, t->pending);
    if (t->finished)
        return X12_END;
    t->started = 1;
    if (!t->batch_open) {
        x12i_tables_batch_reset(t);
        t->batch_open = 1;
    }
    for (;;) {
        st = x12_remit_stream_next(t->s, &ev);
        if (t->nomem)
            return x12i_tables_die(t, X12_ENOMEM);
        if (st == X12_OK) {
            if (ev == X12_REMIT_PAYMENT) {
                see_payment(t, x12_remit_stream_payment(t->s));
                t->pay_open = 1;
            } else if (ev == X12_REMIT_CLAIM) {
                add_claim(t, x12_remit_stream_claim(t->s));
                t->claims_total++;
                t->batch_claims_n++;
            } else if (ev == X12_REMIT_PAYMENT_END) {
                const x12_remit_payment *p = x12_remit_stream_payment(t->s);

                see_payment(t, p);
                add_payment(t, p);
                t->pay_open = 0;
                t->batch_payments_n++;
            }
            if (t->nomem)
                return x12i_tables_die(t, X12_ENOMEM);
            if (x12i_tables_batch_full(t)) {
                t->batch_open = 0;
                return X12_OK;
            }
            continue;
        }
        if (st == X12_AGAIN)
            return X12_AGAIN;
        t->batch_open = 0;
        if (st == X12_END) {
            t->finished = 1;
            return x12i_tables_batch_empty(t) ? X12_END : X12_OK;
        }
        {
            const x12_error *e = x12_remit_stream_last_error(t->s);

            if (e != NULL) {
                t->last = *e;
                t->have_last = 1;
            }
        }
        if (!x12i_tables_batch_empty(t)) {
            t->pending = st;
            return X12_OK;
        }
        return x12i_tables_die(t, st);
    }
}

const x12_remit_payment *x12_tables_open_payment(const x12_tables *t)
{
    return t != NULL && t->pay_open ? x12_remit_stream_payment(t->s) : NULL;
}
