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

/* The diagnostics table: the common one, keyed by payment. */
static const colspec diag_cols[] = {X12I_DIAG_COLUMNS("payment_index")};

static const tablespec remit_tables[] = {
    {"payments", payment_cols, X12I_NELEM(payment_cols)},
    {"claims", claim_cols, X12I_NELEM(claim_cols)},
    {"lines", line_cols, X12I_NELEM(line_cols)},
    {"adjustments", adjustment_cols, X12I_NELEM(adjustment_cols)},
    {"remarks", remark_cols, X12I_NELEM(remark_cols)},
    {"provider_adjustments", plb_cols, X12I_NELEM(plb_cols)},
    {"diagnostics", diag_cols, X12I_NELEM(diag_cols)},
};
enum { NTABLES = (int)X12I_NELEM(remit_tables) };

/* The enums above name the columns the code writes: they must match. */
typedef char check_payments[X12I_NELEM(payment_cols) == P_NCOLS ? 1 : -1];
typedef char check_claims[X12I_NELEM(claim_cols) == C_NCOLS ? 1 : -1];
typedef char check_lines[X12I_NELEM(line_cols) == L_NCOLS ? 1 : -1];
typedef char check_adjustments[X12I_NELEM(adjustment_cols) == A_NCOLS ? 1 : -1];
typedef char check_remarks[X12I_NELEM(remark_cols) == R_NCOLS ? 1 : -1];
typedef char check_plb[X12I_NELEM(plb_cols) == B_NCOLS ? 1 : -1];
typedef char check_diag[X12I_NELEM(diag_cols) == X12I_DIAG_NCOLS ? 1 : -1];
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

static const x12_str empty_str = {"", 0};

/* The first DTM of each qualifier the tables show, among a claim's or a
 * line's dates (in one pass; NULL when absent). */
static int qual_is(x12_str q, const char *code)
{
    return q.len == 3 && q.ptr[0] == code[0] && q.ptr[1] == code[1] && q.ptr[2] == code[2];
}

static void find_dates(const x12_remit_date *d, size_t n, const char *const *quals, int nq,
                       const x12_remit_date **out)
{
    size_t i;
    int k;

    for (k = 0; k < nq; k++)
        out[k] = NULL;
    for (i = 0; i < n; i++)
        for (k = 0; k < nq; k++)
            if (out[k] == NULL && qual_is(d[i].qual, quals[k])) {
                out[k] = &d[i];
                break;
            }
}

/* A DTM date column: the first DTM with the qualifier (as the JSON's). */
static void put_dtm(x12_tables *t, ttable *tb, int col, const x12_remit_date *d,
                    const char *what, const char *loop, int64_t pay, int64_t claim)
{
    x12i_datepos at;

    if (d == NULL || d->date.len == 0) {
        if (tb->cols[col].type == TY_DICT)
            x12i_put_dict(t, tb, col, empty_str);
        else
            x12i_put_null(&tb->cols[col], tb->rows);
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
    x12i_put_date(t, tb, col, d->date, &at);
}

/* ---- rows ---------------------------------------------------------------------- */

/* A party's columns (N1 layout: name, id qualifier, id, address), NULL
 * when the party is absent; the address columns are NULL when it has
 * none of N3's and N4's values (the JSON leaves "address" out when N301 and
 * N401 are empty: a table keeps N402 or N403 written without them). */
static void put_party_n1(x12_tables *t, ttable *tb, int first, const x12_remit_name *n)
{
    static const x12_remit_name_field f[] = {
        X12_RN_NAME, X12_RN_ID_QUALIFIER, X12_RN_ID, X12_RN_ADDRESS1, X12_RN_ADDRESS2,
        X12_RN_CITY, X12_RN_STATE, X12_RN_POSTAL_CODE, X12_RN_COUNTRY};
    int i, addr = 0;

    for (i = 3; n != NULL && i < N1_COLS; i++)
        addr |= n->f[f[i]].len > 0;
    for (i = 0; i < N1_COLS; i++) {
        if (n == NULL || (i >= 3 && !addr))
            x12i_put_null(&tb->cols[first + i], tb->rows);
        else
            x12i_put_dict(t, tb, first + i, n->f[f[i]]);
    }
}

static void put_party_nm1(x12_tables *t, ttable *tb, int first, const x12_remit_name *n)
{
    static const x12_remit_name_field f[] = {X12_RN_TYPE,   X12_RN_NAME,   X12_RN_FIRST,
                                             X12_RN_MIDDLE, X12_RN_SUFFIX, X12_RN_ID_QUALIFIER,
                                             X12_RN_ID};
    int i;

    for (i = 0; i < NM1_COLS; i++) {
        if (n == NULL)
            x12i_put_null(&tb->cols[first + i], tb->rows);
        else
            x12i_put_text(t, tb, first + i, n->f[f[i]]);
    }
}

static void put_shares(ttable *tb, int first, const int64_t *share)
{
    int k;

    for (k = 0; k < SHARE_COLS; k++)
        x12i_put_i64(tb, first + k, share[X12_REMIT_SHARE_DEDUCTIBLE + k]);
}

/* Counts a record list's warnings and errors ("balance_warnings" are the
 * balance-* rules, as in the JSON). */
static void count_issues(const x12_error *e, size_t n, size_t *warnings, size_t *errors)
{
    size_t i;

    *warnings = *errors = 0;
    for (i = 0; i < n; i++) {
        if (strncmp(e[i].rule, "balance-", 8) == 0)
            (*warnings)++;
        else
            (*errors)++;
    }
}

static int32_t line_number(size_t line)
{
    return line > (size_t)INT32_MAX ? INT32_MAX : (int32_t)line;
}

static void add_adjustment(x12_tables *t, int64_t pay, int64_t claim,
                           const x12_remit_adjustment *a, int denial)
{
    ttable *tb = &t->tb[X12_TABLE_ADJUSTMENTS];

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, A_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, A_CLAIM_INDEX, claim);
    x12i_put_i32(tb, A_LINE, line_number(a->line));
    x12i_put_dict_cstr(t, tb, A_LEVEL, a->line == 0 ? "claim" : "line");
    x12i_put_dict(t, tb, A_GROUP, a->group);
    x12i_put_dict(t, tb, A_REASON, a->reason);
    x12i_put_code_text(t, tb, A_REASON_TEXT, A_REASON, X12_CODESET_CARC);
    x12i_put_i64(tb, A_AMOUNT, a->cents);
    x12i_put_dict(t, tb, A_QUANTITY, a->qty);
    if (a->qty.len > 0)
        x12i_put_i64(tb, A_QUANTITY_MILLI, a->qty_milli);
    else
        x12i_put_null(&tb->cols[A_QUANTITY_MILLI], tb->rows);
    x12i_put_bool(tb, A_DENIAL, denial);
    tb->rows++;
}

static void add_remark(x12_tables *t, int64_t pay, int64_t claim, size_t line,
                       const x12_remit_remark *r)
{
    ttable *tb = &t->tb[X12_TABLE_REMARKS];
    int rarc = r->qual.len == 2 && memcmp(r->qual.ptr, "HE", 2) == 0;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, R_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, R_CLAIM_INDEX, claim);
    x12i_put_i32(tb, R_LINE, line_number(line));
    x12i_put_dict_cstr(t, tb, R_SOURCE, r->source);
    x12i_put_dict(t, tb, R_QUALIFIER, r->qual);
    x12i_put_dict(t, tb, R_CODE, r->code);
    if (rarc)
        x12i_put_code_text(t, tb, R_TEXT, R_CODE, X12_CODESET_RARC);
    else
        x12i_put_dict(t, tb, R_TEXT, empty_str);
    tb->rows++;
}

/* Cursor over the claim's denial reasons, which are a subsequence of its
 * adjustments in the order the tables list them (claim level, then each
 * line's: the order the stream collects them in): one pass marks them. */
typedef struct denial_cursor {
    const x12_remit_adjustment *const *next, *const *end;
} denial_cursor;

static int is_denial(denial_cursor *dc, const x12_remit_adjustment *a)
{
    if (dc->next < dc->end && *dc->next == a) {
        dc->next++;
        return 1;
    }
    return 0;
}

/* Modifiers as the JSON lists them: those present, in order; then "". */
static void put_modifiers(x12_tables *t, ttable *tb, int first, const x12_str *m)
{
    int k, i = 0;

    for (k = 0; k < 4; k++)
        if (m[k].len > 0)
            x12i_put_dict(t, tb, first + i++, m[k]);
    for (; i < 4; i++)
        x12i_put_dict(t, tb, first + i, empty_str);
}

static void add_line(x12_tables *t, int64_t pay, int64_t claim, const x12_remit_service *s,
                     denial_cursor *dc)
{
    static const char *const quals[3] = {"472", "150", "151"};
    ttable *tb = &t->tb[X12_TABLE_LINES];
    size_t line = s->index + 1, i;
    const x12_remit_date *dates[3];
    x12_str u;
    int k;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, L_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, L_CLAIM_INDEX, claim);
    x12i_put_i32(tb, L_LINE, line_number(line));
    x12i_put_dict(t, tb, L_QUALIFIER, s->f[X12_RS_QUALIFIER]);
    x12i_put_dict(t, tb, L_PROCEDURE, s->f[X12_RS_PROCEDURE]);
    put_modifiers(t, tb, L_MODIFIERS, &s->f[X12_RS_MODIFIER1]);
    x12i_put_dict(t, tb, L_DESCRIPTION, s->f[X12_RS_DESCRIPTION]);
    x12i_put_dict(t, tb, L_REVENUE_CODE, s->f[X12_RS_REVENUE_CODE]);
    x12i_put_i64(tb, L_CHARGE, s->charge);
    x12i_put_i64(tb, L_PAID, s->paid);
    if (s->has_allowed)
        x12i_put_i64(tb, L_ALLOWED, s->allowed);
    else
        x12i_put_null(&tb->cols[L_ALLOWED], tb->rows);
    u = s->f[X12_RS_UNITS];
    if (u.len == 0) {
        u.ptr = "1"; /* absent SVC05 means one unit, as in the JSON */
        u.len = 1;
    }
    x12i_put_dict(t, tb, L_UNITS, u);
    x12i_put_i64(tb, L_UNITS_MILLI, s->units_milli);
    if (s->f[X12_RS_ORIG_PROCEDURE].len > 0 || s->f[X12_RS_ORIG_QUALIFIER].len > 0) {
        x12i_put_dict(t, tb, L_ORIG_QUALIFIER, s->f[X12_RS_ORIG_QUALIFIER]);
        x12i_put_dict(t, tb, L_ORIG_PROCEDURE, s->f[X12_RS_ORIG_PROCEDURE]);
        put_modifiers(t, tb, L_ORIG_MODIFIERS, &s->f[X12_RS_ORIG_MODIFIER1]);
        x12i_put_dict(t, tb, L_ORIG_DESCRIPTION, s->f[X12_RS_ORIG_DESCRIPTION]);
        x12i_put_dict(t, tb, L_ORIG_UNITS, s->f[X12_RS_ORIG_UNITS]);
    } else {
        for (k = L_ORIG_QUALIFIER; k <= L_ORIG_UNITS; k++)
            x12i_put_null(&tb->cols[k], tb->rows);
    }
    find_dates(s->pdates, s->dates.n, quals, 3, dates);
    put_dtm(t, tb, L_SERVICE_DATE, dates[0], "DTM02 (472 service date)", "2110", pay, claim);
    put_dtm(t, tb, L_SERVICE_FROM, dates[1], "DTM02 (150 service period start)", "2110", pay,
            claim);
    put_dtm(t, tb, L_SERVICE_TO, dates[2], "DTM02 (151 service period end)", "2110", pay, claim);
    x12i_put_str(t, tb, L_LICN, s->f[X12_RS_LINE_ITEM_CONTROL_NUMBER]);
    x12i_put_dict_cstr(t, tb, L_OUTCOME, x12_remit_outcome_name(s->outcome));
    x12i_put_bool(tb, L_BALANCED, s->balanced);
    put_shares(tb, L_SHARE, s->share);
    x12i_put_i64(tb, L_SEGNO, (int64_t)s->segno);
    tb->rows++;

    for (i = 0; i < s->adj.n; i++)
        add_adjustment(t, pay, claim, &s->padj[i], is_denial(dc, &s->padj[i]));
    for (i = 0; i < s->remarks.n; i++)
        add_remark(t, pay, claim, line, &s->premarks[i]);
}

static void add_claim(x12_tables *t, const x12_remit_claim *c)
{
    static const char *const quals[4] = {"232", "233", "050", "036"};
    ttable *tb = &t->tb[X12_TABLE_CLAIMS];
    int64_t pay = (int64_t)c->payment->index, claim = claim_key(t, c);
    const x12_remit_date *dates[4];
    const x12_remit_name *patient = NULL, *insured = NULL;
    size_t i, warnings, errors;
    denial_cursor dc;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, C_PAYMENT_INDEX, pay);
    x12i_put_i64(tb, C_CLAIM_INDEX, claim);
    x12i_put_i64(tb, C_INDEX_IN_PAYMENT, (int64_t)c->index);
    x12i_put_str(t, tb, C_PCN, c->f[X12_RC_PATIENT_CONTROL_NUMBER]);
    x12i_put_dict(t, tb, C_STATUS, c->f[X12_RC_STATUS]);
    x12i_put_code_text(t, tb, C_STATUS_TEXT, C_STATUS, X12_CODESET_CLAIM_STATUS);
    x12i_put_dict_cstr(t, tb, C_OUTCOME, x12_remit_outcome_name(c->outcome));
    x12i_put_bool(tb, C_FORWARDED, c->forwarded);
    x12i_put_i64(tb, C_CHARGE, c->charge);
    x12i_put_i64(tb, C_PAID, c->paid);
    x12i_put_i64(tb, C_PATIENT_RESP, c->patient_resp);
    x12i_put_dict(t, tb, C_FILING_INDICATOR, c->f[X12_RC_FILING_INDICATOR]);
    x12i_put_str(t, tb, C_PCCN, c->f[X12_RC_PAYER_CLAIM_CONTROL_NUMBER]);
    x12i_put_dict(t, tb, C_FACILITY_CODE, c->f[X12_RC_FACILITY_CODE]);
    x12i_put_dict(t, tb, C_FREQUENCY, c->f[X12_RC_FREQUENCY]);
    x12i_put_dict(t, tb, C_DRG, c->f[X12_RC_DRG]);
    x12i_put_dict(t, tb, C_DRG_WEIGHT, c->f[X12_RC_DRG_WEIGHT]);
    x12i_put_dict(t, tb, C_HEADER_NUMBER, x12_remit_header_number(c->header));
    find_dates(c->dates.items, c->dates.n, quals, 4, dates);
    put_dtm(t, tb, C_STATEMENT_FROM, dates[0], "DTM02 (232 statement from)", "2100", pay, claim);
    put_dtm(t, tb, C_STATEMENT_TO, dates[1], "DTM02 (233 statement to)", "2100", pay, claim);
    put_dtm(t, tb, C_RECEIVED, dates[2], "DTM02 (050 received)", "2100", pay, claim);
    put_dtm(t, tb, C_COVERAGE_EXPIRATION, dates[3], "DTM02 (036 coverage expiration)", "2100",
            pay, claim);
    /* The first NM1*QC and NM1*IL, as x12_remit_claim_find_name finds them. */
    for (i = 0; i < c->names.n; i++) {
        const x12_remit_name *nm = &VAT(c->names, x12_remit_name, i);
        x12_str e = nm->f[X12_RN_ENTITY];

        if (e.len != 2)
            continue;
        if (patient == NULL && e.ptr[0] == 'Q' && e.ptr[1] == 'C')
            patient = nm;
        else if (insured == NULL && e.ptr[0] == 'I' && e.ptr[1] == 'L')
            insured = nm;
    }
    put_party_nm1(t, tb, C_PATIENT, patient);
    put_party_nm1(t, tb, C_INSURED, insured);
    put_shares(tb, C_SHARE, c->share);
    if (c->reversal_of > 0)
        x12i_put_i64(tb, C_REVERSAL_OF, (int64_t)(t->pay_base + c->reversal_of - 1));
    else
        x12i_put_null(&tb->cols[C_REVERSAL_OF], tb->rows);
    x12i_put_bool(tb, C_BALANCED, c->balanced);
    count_issues(c->issues.items, c->issues.n, &warnings, &errors);
    x12i_put_count(tb, C_WARNINGS, warnings);
    x12i_put_count(tb, C_ERRORS, errors);
    x12i_put_i64(tb, C_SEGNO, (int64_t)c->segno);
    x12i_put_i64(tb, C_OFFSET, (int64_t)c->offset);
    tb->rows++;

    /* (an empty list has no storage: no arithmetic on its NULL) */
    dc.next = c->denial.items;
    dc.end = dc.next != NULL ? dc.next + c->denial.n : NULL;
    for (i = 0; i < c->adj.n; i++) {
        const x12_remit_adjustment *a = &VAT(c->adj, x12_remit_adjustment, i);

        add_adjustment(t, pay, claim, a, is_denial(&dc, a));
    }
    for (i = 0; i < c->remarks.n; i++)
        add_remark(t, pay, claim, 0, &VAT(c->remarks, x12_remit_remark, i));
    for (i = 0; i < c->services.n; i++)
        add_line(t, pay, claim, &VAT(c->services, x12_remit_service, i), &dc);
}

static void add_plbs(x12_tables *t, const x12_remit_payment *p, int64_t pay)
{
    ttable *tb = &t->tb[X12_TABLE_PROVIDER_ADJUSTMENTS];
    size_t i, n = x12_remit_payment_plb_count(p);

    for (i = 0; i < n; i++) {
        const x12_remit_plb *b = x12_remit_payment_plb_at(p, i);
        x12_str reason = x12_remit_plb_reason(b);
        x12i_datepos at;

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
        x12i_put_date(t, tb, B_DATE, x12_remit_plb_date(b), &at);
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
    x12i_datepos at;
    const x12_remit_date *prod = NULL;
    int k;

    if (x12i_table_row(t, tb) != 0)
        return;
    x12i_put_i64(tb, P_PAYMENT_INDEX, pay);
    x12i_put_str(t, tb, P_CONTROL_NUMBER, x12_remit_payment_get(p, X12_RP_CONTROL_NUMBER));
    x12i_put_dict(t, tb, P_HANDLING, x12_remit_payment_get(p, X12_RP_HANDLING));
    x12i_put_i64(tb, P_AMOUNT_CENTS, x12_remit_payment_amount_cents(p));
    x12i_put_dict(t, tb, P_CREDIT_DEBIT, x12_remit_payment_get(p, X12_RP_CREDIT_DEBIT));
    x12i_put_dict(t, tb, P_METHOD, x12_remit_payment_method(p));
    x12i_put_dict(t, tb, P_FORMAT, x12_remit_payment_get(p, X12_RP_FORMAT));
    at.segno = p->bpr_segno;
    at.offset = p->bpr_offset;
    at.segid = "BPR";
    at.loop = "";
    at.element = 16;
    at.what = "BPR16 (payment date)";
    at.pay = pay;
    at.claim = -1;
    x12i_put_date(t, tb, P_PAYMENT_DATE, x12_remit_payment_date(p), &at);
    x12i_put_str(t, tb, P_TRACE_NUMBER, x12_remit_payment_trace_number(p));
    x12i_put_dict(t, tb, P_TRACE_ORIGINATOR, x12_remit_payment_get(p, X12_RP_TRACE_ORIGINATOR));
    x12i_put_dict(t, tb, P_ORIGINATOR_ID, x12_remit_payment_get(p, X12_RP_ORIGINATOR_ID));
    x12i_put_dict(t, tb, P_CURRENCY, x12_remit_payment_get(p, X12_RP_CURRENCY));
    x12i_put_dict(t, tb, P_RECEIVER_ID, x12_remit_payment_get(p, X12_RP_RECEIVER_ID));
    x12i_put_dict(t, tb, P_VERSION_ID, x12_remit_payment_get(p, X12_RP_VERSION_ID));
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
        x12i_put_dict(t, tb, P_BANK + k, x12_remit_payment_get(p, bank[k]));
    put_party_n1(t, tb, P_PAYER, x12_remit_payment_payer(p));
    put_party_n1(t, tb, P_PAYEE, x12_remit_payment_payee(p));
    x12i_put_i64(tb, P_TOTALS_CLAIMS, (int64_t)x12_remit_payment_claim_total(p));
    x12i_put_i64(tb, P_TOTALS_LINES, (int64_t)x12_remit_payment_line_total(p));
    x12i_put_i64(tb, P_TOTALS_CHARGE, x12_remit_payment_charge_total_cents(p));
    x12i_put_i64(tb, P_TOTALS_PAID, x12_remit_payment_paid_total_cents(p));
    x12i_put_i64(tb, P_TOTALS_PLB, x12_remit_payment_plb_total_cents(p));
    x12i_put_bool(tb, P_BALANCED, x12_remit_payment_balanced(p));
    count_issues(p->issues.items, p->issues.n, &warnings, &errors);
    x12i_put_count(tb, P_WARNINGS, warnings);
    x12i_put_count(tb, P_ERRORS, errors);
    x12i_put_i64(tb, P_SEGNO, (int64_t)x12_remit_payment_segment_number(p));
    tb->rows++;
    add_plbs(t, p, pay);
}

/* ---- the handle ---------------------------------------------------------------- */

x12_status x12i_remit_tables_open(x12_tables *t, const x12_allocator *alloc, x12_reader *reader)
{
    x12_status st;

    t->spec = remit_tables;
    t->ntables = NTABLES;
    t->diag = X12_TABLE_DIAGNOSTICS;
    st = x12_remit_stream_new(alloc, reader, &t->s);
    if (st != X12_OK)
        return st;
    t->r = x12_remit_stream_reader(t->s);
    t->s->tap = tap;
    t->s->tap_user = t;
    return X12_OK;
}

void x12i_remit_tables_first_payment(x12_tables *t, uint64_t first)
{
    t->s->npayments = (size_t)first;
}

x12_status x12i_remit_tables_fill(x12_tables *t)
{
    x12_remit_event ev;
    x12_status st;

    for (;;) {
        st = x12_remit_stream_next(t->s, &ev);
        if (t->nomem)
            return x12i_tables_die(t, X12_ENOMEM);
        if (st == X12_OK) {
            if (ev == X12_REMIT_EV_PAYMENT) {
                see_payment(t, x12_remit_stream_payment(t->s));
                t->pay_open = 1;
            } else if (ev == X12_REMIT_EV_CLAIM) {
                add_claim(t, x12_remit_stream_claim(t->s));
                t->claims_total++;
                t->batch_claims_n++;
            } else if (ev == X12_REMIT_EV_PAYMENT_END) {
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
        return x12i_tables_stop(t, st, x12_remit_stream_last_error(t->s));
    }
}

const x12_remit_payment *x12_tables_open_payment(const x12_tables *t)
{
    return t != NULL && t->s != NULL && t->pay_open ? x12_remit_stream_payment(t->s) : NULL;
}
