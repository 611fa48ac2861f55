/*
 * libx12 - columnar tables: 835 remittance data and 837 claims as batches
 * of column buffers, in constant memory.
 *
 * An x12_tables handle reads an 835 through the remittance stream (see
 * <x12/remit835.h>: the same parser, the same data) and fills, for a batch
 * of claims at a time, seven tables whose columns are plain arrays a
 * program can hand to numpy, pandas or an Arrow library without a copy per
 * value:
 *
 *   payments              one row per payment (835 transaction set), when
 *                         the payment ends: BPR/TRN, payer, payee, totals
 *   claims                one row per claim (2100)
 *   lines                 one row per service line (2110)
 *   adjustments           one row per CAS reason/amount triplet, claim
 *                         level (line 0) and line level
 *   remarks               one row per remark code (MIA, MOA, LQ)
 *   provider_adjustments  one row per PLB reason/amount pair
 *   diagnostics           one row per problem found while reading
 *
 *        x12_tables *t;
 *        x12_tables_new(NULL, X12_TABLES_REMIT, NULL, &t);
 *        x12_reader_open_path(x12_tables_reader(t), "era.835.gz");
 *        size_t paid = x12_tables_find_column(t, X12_TABLE_CLAIMS, "paid_cents");
 *        while (x12_tables_next(t) == X12_OK) {
 *            const int64_t *v = x12_tables_values(t, X12_TABLE_CLAIMS, paid);
 *            for (size_t i = 0; i < x12_tables_rows(t, X12_TABLE_CLAIMS); i++)
 *                total += v[i];
 *        }
 *        x12_tables_free(t);
 *
 * Keys.  payment_index is the payment's 0-based position among the 835
 * transaction sets of the input (x12_remit_payment_index); claim_index is
 * the claim's 0-based position among all claims of the input (not of its
 * payment), so keys from different batches never collide; `line` is the
 * 1-based service line within its claim.  Lines carry (payment_index,
 * claim_index, line); adjustments and remarks carry the same with line 0
 * for claim level; provider adjustments carry payment_index; diagnostics
 * carry the payment and claim they belong to (NULL otherwise).
 *
 * Batches.  Each X12_OK from x12_tables_next is one batch: the claims (with
 * their lines, adjustments and remarks) of up to X12_TABLES_OPT_BATCH_CLAIMS
 * claims in input order, the payments that ended while reading them (a
 * payment's row, with its totals and its provider adjustments, comes in the
 * batch where its SE was read, which may be after the batch of its first
 * claims), and the diagnostics found meanwhile.  The payment whose claims are
 * in the batch but which has not ended yet is x12_tables_open_payment().
 * A batch also ends when it holds X12_TABLES_OPT_BATCH_CLAIMS payments or
 * X12_TABLES_OPT_MAX_ERRORS diagnostics, so memory stays bounded by the
 * batch, whatever the input.  The rows of all batches together are the rows
 * of the whole input read as one batch (option value 0).
 *
 * Columns.  A column has a name (the key of `x12 remit --json`, nested
 * objects joined with '_': payer.address.city is payer_address_city,
 * patient_share.copay_cents is patient_share_copay_cents, a list of up to
 * four modifiers is modifiers_1 .. modifiers_4), a type and, for this batch,
 * buffers that belong to the handle and stay valid until the next call of
 * x12_tables_next (or x12_tables_free).  The layouts are Arrow's:
 *
 *   X12_COLUMN_INT64   values: int64_t[rows] (money in cents, keys, counts)
 *   X12_COLUMN_INT32   values: int32_t[rows] (dates as CCYYMMDD, numbers)
 *   X12_COLUMN_BOOL    values: uint8_t[rows], 0 or 1 (one byte per value,
 *                      not Arrow's bit-packing)
 *   X12_COLUMN_STRING  offsets: int64_t[rows + 1], bytes: row i is
 *                      bytes[offsets[i] .. offsets[i + 1]) (Arrow
 *                      large_binary; the bytes are as read, not
 *                      NUL-terminated)
 *   X12_COLUMN_DICT    values: int32_t[rows] indices into the batch's
 *                      dictionary of distinct strings: offsets:
 *                      int64_t[n + 1] and bytes as for STRING, with n =
 *                      x12_tables_dictionary_size(); entry 0 is always ""
 *                      (Arrow dictionary-encoded large_binary).  Used for
 *                      codes and other repeated values.
 *
 * NULL.  A column that can hold NULL (x12_tables_column_nullable) has, in a
 * batch with at least one NULL, a validity bitmap: bit i % 8 of byte i / 8
 * (least significant first) is 1 when row i has a value (Arrow's layout);
 * x12_tables_validity() is NULL when the batch has no NULL in the column.
 * A NULL row holds 0 (numbers), an empty string or dictionary index 0.
 * NULL means absent: an allowed amount without AMT*B6, a date without its
 * DTM, the columns of an insured who is not named (NM1*IL), the reversal a
 * claim does not follow.  Empty text ("") is an absent element of a
 * present segment, as in the JSON output.
 *
 * Dates are int32_t CCYYMMDD (20251120).  A date that is not a valid
 * CCYYMMDD calendar date is NULL, and a diagnostic (rule "date", severity
 * error) names its segment, element and byte offset; the text is not quoted
 * (dates of service are identifying).  With X12_TABLES_OPT_DATES_AS_TEXT
 * the date columns are dictionary strings as written instead (never NULL,
 * "" when absent; no "date" diagnostics).
 *
 * Diagnostics follow the stream's error model (<x12/error.h>): every reader,
 * envelope and remittance diagnostic, plus the tables' own "date" ones, in
 * input order, as x12_error records (x12_tables_error_at) and as rows of the
 * diagnostics table.  At most X12_TABLES_OPT_MAX_ERRORS are kept per batch;
 * should one step of the stream find more, the rest are counted
 * (x12_tables_errors_dropped), never silently lost, and the error handler
 * still sees each one.  Messages never quote identifying values.
 *
 * Every schema is fixed for a kind and its options: the same tables and
 * columns, in the same order, in every batch; new columns are only ever
 * appended.  Column indices can be looked up once by name.
 *
 * 837 claims (X12_TABLES_CLAIMS).  The claims of 837P and 837I files, read
 * by the claim stream (<x12/claimread.h>: the same reader, the same claim
 * model), in six tables:
 *
 *   claims        one row per claim: keys, kind (837P/837I), patient
 *                 control number, charge, payer, subscriber, patient and
 *                 relationship, billing provider, place of service or bill
 *                 type, frequency, dates, references, counts, position
 *   lines         one row per service line: procedure, modifiers_1..4,
 *                 revenue code, charge, units, dates, REF*6R control
 *                 number, NDC, diagnosis pointers_1..4
 *   diagnoses     one row per diagnosis: position (the pointer order, 1 =
 *                 principal), kind (principal, other, admitting, reason),
 *                 code, present-on-admission indicator
 *   providers     one row per provider of a claim (line 0: billing,
 *                 pay_to, and the claim's rendering, referring, ... by
 *                 role) or of a line (line n: its own), with NPI, name,
 *                 taxonomy and address
 *   other_payers  one row per other payer (2320/2330B): responsibility,
 *                 payer, what it paid, the patient's liability, the sum of
 *                 its adjustments
 *   diagnostics   as above, with set_index in place of payment_index
 *
 * Keys: claim_index is the claim's 0-based position among the CLM segments
 * of the input's 837 sets (x12_claim_stream_position X12_CPOS_CLAIM_INDEX:
 * a claim the stream skips keeps its number), set_index the set's among
 * all transaction sets, `line` the 1-based line.  Column values are those
 * of the claim model's getters (<x12/claim837.h>): text as read ("" when
 * absent), amounts in cents (NULL when absent), dates int32 CCYYMMDD (NULL
 * when absent; NULL and a "date" diagnostic, located at the claim's CLM,
 * when not a date).  Diagnostics are the stream's, tied to the claim whose
 * segments hold them (from its CLM to its end) and to the set whose ST
 * comes before them; x12_tables_open_payment() is NULL.  libx12-tables(3)
 * lists every column.
 *
 * Starting elsewhere.  X12_TABLES_OPT_FIRST_CLAIM (and, for the 835,
 * X12_TABLES_OPT_FIRST_PAYMENT) number claims (payments) from a given
 * value: reading a byte range of a file (<x12/range.h>) with the counts a
 * range plan gives for the ranges before it makes the same keys as reading
 * the whole file.
 */
#ifndef X12_TABLES_H
#define X12_TABLES_H

#include <x12/claimread.h>
#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/remit835.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_tables x12_tables;

/* What a handle reads.  Values are part of the ABI. */
typedef enum x12_tables_kind {
    X12_TABLES_REMIT = 1, /* 835 remittance advice */
    X12_TABLES_CLAIMS = 2 /* 837P and 837I claims */
} x12_tables_kind;

/* The tables of X12_TABLES_REMIT, by index. */
typedef enum x12_remit_table {
    X12_TABLE_PAYMENTS = 0,
    X12_TABLE_CLAIMS = 1,
    X12_TABLE_LINES = 2,
    X12_TABLE_ADJUSTMENTS = 3,
    X12_TABLE_REMARKS = 4,
    X12_TABLE_PROVIDER_ADJUSTMENTS = 5,
    X12_TABLE_DIAGNOSTICS = 6
} x12_remit_table;

/* The tables of X12_TABLES_CLAIMS, by index. */
typedef enum x12_claim_table {
    X12_CTABLE_CLAIMS = 0,
    X12_CTABLE_LINES = 1,
    X12_CTABLE_DIAGNOSES = 2,
    X12_CTABLE_PROVIDERS = 3,
    X12_CTABLE_OTHER_PAYERS = 4,
    X12_CTABLE_DIAGNOSTICS = 5
} x12_claim_table;

typedef enum x12_column_type {
    X12_COLUMN_INT64 = 1,
    X12_COLUMN_INT32 = 2,
    X12_COLUMN_BOOL = 3,
    X12_COLUMN_STRING = 4,
    X12_COLUMN_DICT = 5
} x12_column_type;

typedef enum x12_tables_option {
    /* Claims per batch (and payments per batch); default 50000.  0: no
     * limit, the whole input is one batch. */
    X12_TABLES_OPT_BATCH_CLAIMS = 1,
    /* Diagnostics kept per batch; default 10000.  0: no limit. */
    X12_TABLES_OPT_MAX_ERRORS = 2,
    /* 1: date columns are dictionary strings as written; 0 (default):
     * int32_t CCYYMMDD.  Set it before the first x12_tables_next. */
    X12_TABLES_OPT_DATES_AS_TEXT = 3,
    /* claim_index of the input's first claim (default 0), for a byte range
     * of a larger input.  Before the first x12_tables_next; at most
     * 2^62. */
    X12_TABLES_OPT_FIRST_CLAIM = 4,
    /* X12_TABLES_REMIT: payment_index of the input's first payment
     * (default 0), likewise (X12_EINVAL for other kinds). */
    X12_TABLES_OPT_FIRST_PAYMENT = 5
} x12_tables_option;

/* Returned by the find functions when there is no such name. */
#define X12_TABLES_NONE ((size_t)-1)

/*
 * Creates a handle over `reader`, which the caller opened (path, FILE*, fd,
 * buffer or push) and frees after the handle; with reader NULL the handle
 * makes its own (freed with it): open it through x12_tables_reader().
 * `alloc` may be NULL (malloc/free).  On success *out is freed with
 * x12_tables_free.  X12_EINVAL (unknown kind, out NULL), X12_ENOMEM.
 */
X12_API x12_status x12_tables_new(const x12_allocator *alloc, x12_tables_kind kind,
                                  x12_reader *reader, x12_tables **out);
/* Frees the handle, every buffer it handed out and its own reader if it
 * made one.  NULL is allowed. */
X12_API void x12_tables_free(x12_tables *t);
/* The reader the handle reads: open it, set its options, or feed it (push
 * input).  Do not call x12_reader_next on it yourself. */
X12_API x12_reader *x12_tables_reader(x12_tables *t);

/* Sets an option.  X12_EINVAL for an unknown option or a value out of
 * range (DATES_AS_TEXT: 0 or 1), X12_ESTATE for DATES_AS_TEXT and the
 * FIRST_ options after the first x12_tables_next.  The batch options take
 * effect with the next batch. */
X12_API x12_status x12_tables_set_option(x12_tables *t, x12_tables_option opt, uint64_t value);
/* The option's value (0 for an unknown option). */
X12_API uint64_t x12_tables_get_option(const x12_tables *t, x12_tables_option opt);

/* Called for every diagnostic as it is found, kept or not.  The record
 * lives only during the call.  NULL removes it. */
X12_API void x12_tables_set_error_handler(x12_tables *t, x12_error_fn fn, void *user);

/*
 * Reads the next batch.  The previous batch's buffers are reused.
 *   X12_OK     a batch is ready (it may hold only payments or diagnostics).
 *   X12_END    the input is finished; nothing more.
 *   X12_AGAIN  push input: feed the reader and call again; the batch being
 *              filled is kept.
 *   other      the reader cannot go on (fatal error, strict mode, I/O):
 *              the rows read before the error are first delivered as a
 *              batch (X12_OK) and the status comes with the call after it;
 *              or memory ran out (X12_ENOMEM at once, the batch being
 *              filled is dropped).  x12_tables_last_error() says why and
 *              every later call returns the same status.
 */
X12_API x12_status x12_tables_next(x12_tables *t);
/* The error that made the last call fail, or NULL. */
X12_API const x12_error *x12_tables_last_error(const x12_tables *t);

/* ---- schema (the same for every batch) ----------------------------------- */

/* Number of tables (7 for X12_TABLES_REMIT, 6 for X12_TABLES_CLAIMS) and
 * their names ("payments", "claims", "lines", "adjustments", "remarks",
 * "provider_adjustments", "diagnostics"; "claims", "lines", "diagnoses",
 * "providers", "other_payers", "diagnostics"); NULL for an index out of
 * range.  Static storage. */
X12_API size_t x12_tables_table_count(const x12_tables *t);
X12_API const char *x12_tables_table_name(const x12_tables *t, size_t table);
X12_API size_t x12_tables_find_table(const x12_tables *t, const char *name);

/* Columns of a table: count, name (static storage, NULL when out of
 * range), type (0 when out of range), whether it can hold NULL, and the
 * index of a name (X12_TABLES_NONE when absent). */
X12_API size_t x12_tables_column_count(const x12_tables *t, size_t table);
X12_API const char *x12_tables_column_name(const x12_tables *t, size_t table, size_t col);
X12_API x12_column_type x12_tables_column_type(const x12_tables *t, size_t table, size_t col);
X12_API int x12_tables_column_nullable(const x12_tables *t, size_t table, size_t col);
X12_API size_t x12_tables_find_column(const x12_tables *t, size_t table, const char *name);

/* ---- the current batch ----------------------------------------------------
 * Every pointer below belongs to the handle and stays valid until the next
 * x12_tables_next or x12_tables_free.  Out-of-range arguments give 0 or
 * NULL. */

/* Rows of a table in this batch. */
X12_API size_t x12_tables_rows(const x12_tables *t, size_t table);
/* INT64, INT32, BOOL: the values; DICT: the int32_t indices; STRING: NULL.
 * Never NULL otherwise, even for 0 rows. */
X12_API const void *x12_tables_values(const x12_tables *t, size_t table, size_t col);
/* STRING: rows + 1 offsets; DICT: dictionary size + 1 offsets; starting
 * at 0.  NULL for other types. */
X12_API const int64_t *x12_tables_offsets(const x12_tables *t, size_t table, size_t col);
/* STRING, DICT: the bytes the offsets point into (never NULL), and in *len
 * (may be NULL) their number, the last offset.  NULL for other types. */
X12_API const char *x12_tables_bytes(const x12_tables *t, size_t table, size_t col,
                                     size_t *len);
/* DICT: number of dictionary entries (at least 1: entry 0 is "").  0 for
 * other types. */
X12_API size_t x12_tables_dictionary_size(const x12_tables *t, size_t table, size_t col);
/*
 * Copies a STRING column's values (DICT: its dictionary entries), each
 * followed by the byte `sep`, into buf: the column as one delimited text,
 * for a program that splits it in one step (Python's str.split).  Writes at
 * most `size` bytes (buf may be NULL when size is 0) and returns the number
 * the whole text takes, the bytes plus one per value; 0 for other types.  A
 * value holding `sep` itself makes the split come out longer: compare the
 * count of pieces with the rows.
 */
X12_API size_t x12_tables_copy_delimited(const x12_tables *t, size_t table, size_t col,
                                         char sep, char *buf, size_t size);
/* The validity bitmap ((rows + 7) / 8 bytes), or NULL when no row of the
 * column is NULL in this batch; and the number of NULL rows. */
X12_API const uint8_t *x12_tables_validity(const x12_tables *t, size_t table, size_t col);
X12_API size_t x12_tables_null_count(const x12_tables *t, size_t table, size_t col);

/* claim_index of the batch's first claim: the number of claims in the
 * batches before it (837: of CLM segments, skipped claims counted), plus
 * X12_TABLES_OPT_FIRST_CLAIM. */
X12_API uint64_t x12_tables_first_claim(const x12_tables *t);

/* The payment that has claims in this batch but has not ended yet (its
 * header: BPR, TRN, payer, payee; its row comes in a later batch), or NULL
 * (always for X12_TABLES_CLAIMS).
 * Valid until the next x12_tables_next. */
X12_API const x12_remit_payment *x12_tables_open_payment(const x12_tables *t);

/* Diagnostics of this batch, in input order (the rows of the diagnostics
 * table).  Each record lives until the next x12_tables_next. */
X12_API size_t x12_tables_error_count(const x12_tables *t);
X12_API const x12_error *x12_tables_error_at(const x12_tables *t, size_t i);
/* Diagnostics of this batch past X12_TABLES_OPT_MAX_ERRORS (counted, not
 * kept), and every diagnostic found since the start, kept or not. */
X12_API uint64_t x12_tables_errors_dropped(const x12_tables *t);
X12_API uint64_t x12_tables_errors_seen(const x12_tables *t);

#ifdef __cplusplus
}
#endif

#endif /* X12_TABLES_H */
