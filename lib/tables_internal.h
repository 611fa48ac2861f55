/*
 * tables internals shared by lib/tables.c (column buffers, accessors, the
 * handle) and each kind's feeder (lib/remit835_tables.c for the 835,
 * lib/claim837_tables.c for the 837).  Never installed.
 */
#ifndef X12_TABLES_INTERNAL_H
#define X12_TABLES_INTERNAL_H

#include <string.h>

#include <x12/claimread.h>
#include <x12/tables.h>

#include "internal.h"

#define X12I_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Column types: x12_column_type, and TY_DATE in a schema (INT32 CCYYMMDD,
 * nullable; or DICT text with X12_TABLES_OPT_DATES_AS_TEXT). */
enum { TY_I64 = X12_COLUMN_INT64, TY_I32 = X12_COLUMN_INT32, TY_BOOL = X12_COLUMN_BOOL,
       TY_STR = X12_COLUMN_STRING, TY_DICT = X12_COLUMN_DICT, TY_DATE = 100 };

#define NUL 1 /* in a colspec: the column can hold NULL */

typedef struct colspec {
    const char *name;
    unsigned char type;
    unsigned char nullable;
} colspec;

typedef struct tablespec {
    const char *name;
    const colspec *cols;
    size_t ncols;
} tablespec;

/* The diagnostics table, the same for every kind (its last table). */
enum {
    D_PAYMENT_INDEX, D_CLAIM_INDEX, D_BEFORE_CLAIM, D_SEVERITY, D_STATUS, D_RULE, D_SEGNO,
    D_SEGMENT, D_LOOP, D_ELEMENT, D_COMPONENT, D_REPETITION, D_OFFSET, D_MESSAGE, D_NCOLS
};

/* Its columns, in the order above; the first one names what the kind's
 * rows are keyed by ("payment_index" for the 835, "set_index" for the 837):
 * each kind makes its table from this one list. */
#define X12I_DIAG_COLUMNS(first_key)                                                       \
    {(first_key), TY_I64, NUL}, {"claim_index", TY_I64, NUL}, {"before_claim", TY_I64, 0},   \
        {"severity", TY_DICT, 0}, {"status", TY_I32, 0}, {"rule", TY_DICT, 0},               \
        {"segment_number", TY_I64, 0}, {"segment", TY_DICT, 0}, {"loop", TY_DICT, 0},        \
        {"element", TY_I32, 0}, {"component", TY_I32, 0}, {"repetition", TY_I32, 0},        \
        {"offset", TY_I64, 0}, {"message", TY_STR, 0}
#define X12I_DIAG_NCOLS ((size_t)D_NCOLS)

/* A dictionary stops taking new strings here: the batch ends after the
 * row being added (indices are int32_t). */
#define X12I_DICT_CUT ((size_t)1 << 30)
#define X12I_TABLES_MAX 8

typedef struct tcol {
    unsigned char type, nullable;
    void *values;       /* INT64 / INT32 / BOOL values, DICT indices: row capacity */
    uint8_t *validity;  /* in use while nulls > 0 */
    size_t vcap;        /* bytes of validity */
    size_t nulls;
    int64_t *offsets;   /* STRING: row capacity + 1; DICT: ocap */
    char *bytes;
    size_t nbytes, bcap;
    /* DICT */
    size_t ndict, ocap; /* entries; capacity of offsets (entries + 1) and hashes */
    uint32_t *hashes;   /* per entry */
    uint32_t *slots;    /* entry + 1, 0 free; nslots a power of two */
    size_t nslots;
    uint32_t recent[16]; /* entries found lately, by recent_slot(): tried first */
    /* DICT written from static strings: their entries by address. */
    const char *sptr[8];
    uint32_t sidx[8];
    /* DICT derived from another DICT column of the row (a code's text):
     * 1 + this column's entry, by the other column's entry; 0 unknown. */
    uint32_t *dmap;
    size_t dmap_cap;
} tcol;

typedef struct ttable {
    size_t rows, cap;
    size_t ncols;
    tcol *cols;
} ttable;

struct x12_tables {
    x12i_alloc a;
    x12_tables_kind kind;
    const tablespec *spec;     /* the kind's tables */
    size_t ntables;
    size_t diag;               /* index of the diagnostics table (the last) */
    struct x12_remit_stream *s; /* X12_TABLES_REMIT */
    x12_claim_stream *cs;      /* X12_TABLES_CLAIMS */
    x12_reader *r;
    int own_reader;
    x12_error_fn on_error;
    void *on_error_user;

    uint64_t batch_claims, max_errors;
    int dates_text, started;

    ttable tb[X12I_TABLES_MAX];
    x12i_errlist errors;       /* the batch's diagnostics (rows of diagnostics) */
    x12i_errlist held;         /* 837: diagnostics of stream calls that returned
                                * X12_AGAIN, placed with the next claim */
    uint64_t dropped, error_total;

    int nomem, cut, batch_open, finished;
    x12_status dead, pending;  /* dead: every call returns it; pending: after this batch */
    x12_error last;
    int have_last;

    uint64_t claims_total;     /* claims delivered so far = next claim_index (835);
                                * CLM segments so far (837) */
    uint64_t claim_base;       /* X12_TABLES_OPT_FIRST_CLAIM */
    uint64_t payment_base;     /* X12_TABLES_OPT_FIRST_PAYMENT */
    uint64_t first_claim;      /* of this batch */
    size_t batch_claims_n, batch_payments_n;
    int have_pay;              /* pay_index / pay_base are set */
    size_t pay_index;          /* the payment last seen */
    uint64_t pay_base;         /* claim_index of its first claim */
    int pay_open;              /* its X12_REMIT_EV_PAYMENT came, its end has not */
};

/* ---- column buffers (tables.c) --------------------------------------------- */

/* Room for one more row in every column of a table; -1 (t->nomem set) when
 * memory runs out. */
int x12i_table_row(x12_tables *t, ttable *tb);
void x12i_put_null_slow(tcol *c, size_t row);
void x12i_put_str(x12_tables *t, ttable *tb, int col, x12_str v);
size_t x12i_dict_add(x12_tables *t, tcol *c, const char *p, size_t n);
void x12i_put_dict_cstr(x12_tables *t, ttable *tb, int col, const char *s);
void x12i_put_code_text(x12_tables *t, ttable *tb, int col, int src, x12_remit_codeset set);
void x12i_put_text(x12_tables *t, ttable *tb, int col, x12_str v);

static inline void x12i_valid_bit(tcol *c, size_t row, int valid)
{
    if (valid)
        c->validity[row >> 3] = (uint8_t)(c->validity[row >> 3] | (1u << (row & 7)));
    else
        c->validity[row >> 3] = (uint8_t)(c->validity[row >> 3] & ~(1u << (row & 7)));
}

/* After a value: keeps the bitmap, when one is in use, up to date. */
static inline void x12i_mark_valid(tcol *c, size_t row)
{
    if (c->nulls > 0)
        x12i_valid_bit(c, row, 1);
}

static inline void x12i_put_null(tcol *c, size_t row)
{
    if (c->nulls == 0) {
        x12i_put_null_slow(c, row);
        return;
    }
    c->nulls++;
    c->validity[row >> 3] = (uint8_t)(c->validity[row >> 3] & ~(1u << (row & 7)));
    if (c->type == TY_STR)
        c->offsets[row + 1] = (int64_t)c->nbytes;
    else if (c->type == TY_I64)
        ((int64_t *)c->values)[row] = 0;
    else if (c->type == TY_BOOL)
        ((uint8_t *)c->values)[row] = 0;
    else
        ((int32_t *)c->values)[row] = 0;
}

static inline void x12i_put_i64(ttable *tb, int col, int64_t v)
{
    tcol *c = &tb->cols[col];

    ((int64_t *)c->values)[tb->rows] = v;
    x12i_mark_valid(c, tb->rows);
}

static inline void x12i_put_i32(ttable *tb, int col, int32_t v)
{
    tcol *c = &tb->cols[col];

    ((int32_t *)c->values)[tb->rows] = v;
    x12i_mark_valid(c, tb->rows);
}

/* A count held in int32_t (the records counted are all in memory, so it
 * cannot come near the limit; saturated all the same). */
static inline void x12i_put_count(ttable *tb, int col, size_t n)
{
    x12i_put_i32(tb, col, n > (size_t)INT32_MAX ? INT32_MAX : (int32_t)n);
}

static inline void x12i_put_bool(ttable *tb, int col, int v)
{
    tcol *c = &tb->cols[col];

    ((uint8_t *)c->values)[tb->rows] = v != 0;
    x12i_mark_valid(c, tb->rows);
}

/* Entry e of a dictionary equals the n bytes at p (codes are short: a
 * loop beats a call to memcmp). */
static inline int x12i_dict_is(const tcol *c, size_t e, const char *p, size_t n)
{
    const char *q = c->bytes + c->offsets[e];
    size_t i;

    if ((size_t)(c->offsets[e + 1] - c->offsets[e]) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (q[i] != p[i])
            return 0;
    return 1;
}

/* Where a string's entry may sit in tcol.recent: codes repeat, and a few
 * alternate (CO and PR, 45 and 2), so a small cache keyed by length and
 * the first and last bytes finds most without hashing. */
static inline unsigned x12i_recent_slot(const char *p, size_t n)
{
    return ((unsigned)(unsigned char)p[0] * 31u + (unsigned)(unsigned char)p[n - 1] + (unsigned)n) &
           15u;
}

static inline size_t x12i_dict_index(x12_tables *t, tcol *c, const char *p, size_t n)
{
    size_t e;

    if (n == 0)
        return 0;
    e = c->recent[x12i_recent_slot(p, n)];
    if (x12i_dict_is(c, e, p, n))
        return e;
    return x12i_dict_add(t, c, p, n);
}

static inline void x12i_put_dict(x12_tables *t, ttable *tb, int col, x12_str v)
{
    tcol *c = &tb->cols[col];

    ((int32_t *)c->values)[tb->rows] = (int32_t)x12i_dict_index(t, c, v.ptr, v.len);
    x12i_mark_valid(c, tb->rows);
}

/* ---- the handle (tables.c) ---------------------------------------------------- */

/* Records a diagnostic (handler, row, record) unless the batch is full of
 * them; pay / claim: the keys it belongs to, or -1. */
void x12i_tables_error(x12_tables *t, const x12_error *e, int64_t pay, int64_t claim);
int x12i_tables_init(x12_tables *t);
void x12i_tables_free_buffers(x12_tables *t);
void x12i_tables_batch_reset(x12_tables *t);
int x12i_tables_batch_empty(const x12_tables *t);
int x12i_tables_batch_full(const x12_tables *t);
x12_status x12i_tables_die(x12_tables *t, x12_status st);
/* The stream stopped with `st` (X12_END or an error; e its record): the
 * rows read come first as a batch, the status with the next call. */
x12_status x12i_tables_stop(x12_tables *t, x12_status st, const x12_error *e);

/* ---- dates (tables.c) ---------------------------------------------------------- */

/* Where a date was read, for its diagnostic. */
typedef struct x12i_datepos {
    uint64_t segno, offset;
    const char *segid, *loop;
    unsigned element;
    const char *what;       /* "DTM02 (232 statement from)" */
    int64_t pay, claim;     /* keys it belongs to (835: payment, 837: set), -1 none */
} x12i_datepos;

/* CCYYMMDD text as an int32_t: 1 valid, 0 not a calendar date. */
int x12i_parse_date(x12_str v, int32_t *out);
/* A date column: int32 CCYYMMDD, NULL when absent, NULL and a "date"
 * diagnostic (located at `at`, the text not quoted) when not a date; the
 * text as written with X12_TABLES_OPT_DATES_AS_TEXT. */
void x12i_put_date(x12_tables *t, ttable *tb, int col, x12_str v, const x12i_datepos *at);

/* ---- the kinds ---------------------------------------------------------------- */

/* Set the kind's schema (spec, ntables, diag), make its stream over
 * `reader` (NULL: its own) and set t->r.  X12_ENOMEM, X12_EINVAL. */
x12_status x12i_remit_tables_open(x12_tables *t, const x12_allocator *alloc, x12_reader *reader);
x12_status x12i_claim_tables_open(x12_tables *t, const x12_allocator *alloc, x12_reader *reader);
/* Fill the open batch until it is full or the stream stops. */
x12_status x12i_remit_tables_fill(x12_tables *t);
x12_status x12i_claim_tables_fill(x12_tables *t);
/* X12_TABLES_OPT_FIRST_PAYMENT of the 835: the stream numbers payments
 * from there. */
void x12i_remit_tables_first_payment(x12_tables *t, uint64_t first);

#endif /* X12_TABLES_INTERNAL_H */
