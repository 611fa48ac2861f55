/*
 * fuzz/harness_tables.h - the logic of the libFuzzer harness for the 835
 * column tables (include/x12/tables.h), shared like fuzz/harness.h by its
 * main (fuzz/fuzz_tables.c) and by the regression replay test
 * (tests/check_fuzz_regressions.c, files named tables-*.bin).
 *
 *   fz_tables_one   bytes 0..2 choose a batch size, a push chunking and an
 *                   allocation to fail; the rest is the input.  The whole
 *                   input is read as one batch from a buffer, every row of
 *                   every table rendered from the buffers alone while the
 *                   layout promises are checked (offsets, dictionaries,
 *                   validity bitmaps, keys); then DIFFERENTIAL: read again
 *                   pushed in the chosen chunks in batches of the chosen
 *                   size, the rows must be the same and so must the final
 *                   status; and with an allocator failing from the chosen
 *                   call, X12_ENOMEM (nothing leaked) or the same rows.
 */
#ifndef X12_FUZZ_HARNESS_TABLES_H
#define X12_FUZZ_HARNESS_TABLES_H

#include "harness.h"

enum { FZT_TABLES = 7 };

typedef struct fzt_run {
    fz_buf rows;         /* every row of every batch, table by table in each batch */
    fz_buf tab[FZT_TABLES];
    x12_status end;      /* X12_END or the error after the last batch */
    uint64_t claims;
} fzt_run;

static inline void fzt_free(fzt_run *r)
{
    int i;

    fz_free(&r->rows);
    for (i = 0; i < FZT_TABLES; i++)
        fz_free(&r->tab[i]);
}

static inline void fzt_bytes(fz_buf *b, const char *p, size_t n)
{
    char len[32];

    snprintf(len, sizeof len, "%zu:", n);
    fz_str(b, len);
    fz_add(b, p, n);
    fz_str(b, "|");
}

/* The batch's rows appended to r->tab[table], checking the layout. */
static inline void fzt_batch(const x12_tables *t, fzt_run *r)
{
    size_t tb, col, i;
    uint64_t first = x12_tables_first_claim(t);
    size_t nclaims = x12_tables_rows(t, X12_TABLE_CLAIMS);
    char num[48];

    FZ_CHECK(first == r->claims, "claim_index continues from the previous batch");
    for (tb = 0; tb < FZT_TABLES; tb++) {
        size_t rows = x12_tables_rows(t, tb), ncols = x12_tables_column_count(t, tb);

        for (col = 0; col < ncols; col++) {
            x12_column_type ty = x12_tables_column_type(t, tb, col);
            const uint8_t *valid = x12_tables_validity(t, tb, col);
            const void *v = x12_tables_values(t, tb, col);
            const int64_t *off = x12_tables_offsets(t, tb, col);
            size_t nb = 0, nulls = 0, n;
            const char *bytes = x12_tables_bytes(t, tb, col, &nb);

            FZ_CHECK(valid == NULL || x12_tables_column_nullable(t, tb, col),
                     "a bitmap only on a nullable column");
            for (i = 0; valid != NULL && i < rows; i++)
                nulls += !(valid[i / 8] >> (i % 8) & 1);
            FZ_CHECK(nulls == x12_tables_null_count(t, tb, col), "null count = bitmap");
            FZ_CHECK(valid != NULL || x12_tables_null_count(t, tb, col) == 0,
                     "NULLs have a bitmap");
            if (ty == X12_COLUMN_STRING || ty == X12_COLUMN_DICT) {
                n = ty == X12_COLUMN_STRING ? rows : x12_tables_dictionary_size(t, tb, col);
                FZ_CHECK(off != NULL && bytes != NULL, "strings have offsets and bytes");
                FZ_CHECK(off[0] == 0 && (uint64_t)off[n] == nb, "offsets span the bytes");
                for (i = 0; i < n; i++)
                    FZ_CHECK(off[i] <= off[i + 1], "offsets never go back");
                FZ_CHECK(x12_tables_copy_delimited(t, tb, col, ',', NULL, 0) == nb + n,
                         "delimited copy size");
            }
            if (ty == X12_COLUMN_DICT)
                FZ_CHECK(x12_tables_dictionary_size(t, tb, col) >= 1 && off[1] == 0,
                         "dictionary entry 0 is empty");
            FZ_CHECK(ty == X12_COLUMN_STRING ? v == NULL : v != NULL, "values pointer");
        }
        for (i = 0; i < rows; i++) {
            fz_buf *b = &r->tab[tb];

            for (col = 0; col < ncols; col++) {
                const uint8_t *valid = x12_tables_validity(t, tb, col);
                const void *v = x12_tables_values(t, tb, col);
                const int64_t *off = x12_tables_offsets(t, tb, col);
                const char *bytes = x12_tables_bytes(t, tb, col, NULL);

                if (valid != NULL && !(valid[i / 8] >> (i % 8) & 1)) {
                    fz_str(b, "~|");
                    continue;
                }
                switch (x12_tables_column_type(t, tb, col)) {
                case X12_COLUMN_INT64:
                    snprintf(num, sizeof num, "%lld|", (long long)((const int64_t *)v)[i]);
                    fz_str(b, num);
                    break;
                case X12_COLUMN_INT32:
                    snprintf(num, sizeof num, "%d|", (int)((const int32_t *)v)[i]);
                    fz_str(b, num);
                    break;
                case X12_COLUMN_BOOL:
                    FZ_CHECK(((const uint8_t *)v)[i] <= 1, "bool is 0 or 1");
                    snprintf(num, sizeof num, "%d|", (int)((const uint8_t *)v)[i]);
                    fz_str(b, num);
                    break;
                case X12_COLUMN_STRING:
                    fzt_bytes(b, bytes + off[i], (size_t)(off[i + 1] - off[i]));
                    break;
                case X12_COLUMN_DICT: {
                    int32_t k = ((const int32_t *)v)[i];

                    FZ_CHECK(k >= 0 && (size_t)k < x12_tables_dictionary_size(t, tb, col),
                             "dictionary index in range");
                    fzt_bytes(b, bytes + off[k], (size_t)(off[k + 1] - off[k]));
                    break;
                }
                default:
                    FZ_CHECK(0, "known column type");
                }
            }
            fz_str(b, "\n");
        }
    }
    /* Keys: claims number on; a line, adjustment or remark names a claim of
     * this batch. */
    {
        const int64_t *ci = x12_tables_values(
            t, X12_TABLE_CLAIMS, x12_tables_find_column(t, X12_TABLE_CLAIMS, "claim_index"));
        static const size_t child[3] = {X12_TABLE_LINES, X12_TABLE_ADJUSTMENTS,
                                        X12_TABLE_REMARKS};
        int k;

        for (i = 0; i < nclaims; i++)
            FZ_CHECK(ci[i] == (int64_t)(first + i), "claim_index is the claim's position");
        for (k = 0; k < 3; k++) {
            const int64_t *cc = x12_tables_values(
                t, child[k], x12_tables_find_column(t, child[k], "claim_index"));

            for (i = 0; i < x12_tables_rows(t, child[k]); i++)
                FZ_CHECK(cc[i] >= (int64_t)first && cc[i] < (int64_t)(first + nclaims),
                         "a child row names a claim of its batch");
        }
    }
    r->claims += nclaims;
}

/* Reads data in batches of `batch` claims (0: one batch), from a buffer
 * (chunk 0) or pushed in chunks of `chunk` bytes; with `alloc`. */
static inline x12_status fzt_read(const uint8_t *data, size_t len, uint64_t batch, size_t chunk,
                                  const x12_allocator *alloc, fzt_run *r)
{
    x12_tables *t;
    x12_status st;
    size_t off = 0;
    int i;

    memset(r, 0, sizeof *r);
    st = x12_tables_new(alloc, X12_TABLES_REMIT, NULL, &t);
    if (st != X12_OK)
        return st;
    x12_tables_set_option(t, X12_TABLES_OPT_BATCH_CLAIMS, batch);
    x12_tables_set_option(t, X12_TABLES_OPT_MAX_ERRORS, 0);
    if (chunk == 0) {
        st = x12_reader_open_buffer(x12_tables_reader(t), data, len);
    } else {
        size_t n = len < chunk ? len : chunk;

        st = x12_reader_feed(x12_tables_reader(t), data, n, n == len);
        off = n;
    }
    while (st == X12_OK || st == X12_AGAIN) {
        if (st == X12_AGAIN) {
            size_t n = len - off < chunk ? len - off : chunk;

            FZ_CHECK(chunk > 0, "X12_AGAIN only for push input");
            st = x12_reader_feed(x12_tables_reader(t), data + off, n, off + n == len);
            off += n;
            if (st != X12_OK)
                break;
        }
        st = x12_tables_next(t);
        if (st == X12_OK)
            fzt_batch(t, r);
    }
    r->end = st;
    if (st != X12_END && st != X12_ENOMEM)
        FZ_CHECK(x12_tables_last_error(t) != NULL, "a failed call has its error");
    FZ_CHECK(x12_tables_next(t) == st, "every later call gives the same status");
    x12_tables_free(t);
    for (i = 0; i < FZT_TABLES; i++)
        if (r->tab[i].len)
            fz_add(&r->rows, r->tab[i].p, r->tab[i].len);
    return st;
}

/* An allocator that fails from its Nth call (harness.h-style, local). */
typedef struct fzt_alloc {
    long calls, fail_at;
} fzt_alloc;

static void *fzt_malloc(size_t n, void *u)
{
    fzt_alloc *a = (fzt_alloc *)u;

    return a->calls++ >= a->fail_at ? NULL : malloc(n);
}

static void *fzt_realloc(void *p, size_t n, void *u)
{
    fzt_alloc *a = (fzt_alloc *)u;

    return a->calls++ >= a->fail_at ? NULL : realloc(p, n);
}

static void fzt_freefn(void *p, void *u)
{
    (void)u;
    free(p);
}

static inline void fz_tables_one(const uint8_t *data, size_t size)
{
    static const uint64_t batches[8] = {0, 1, 2, 3, 7, 64, 1000, 50000};
    static const size_t chunks[8] = {0, 1, 2, 3, 7, 64, 1000, 65536};
    fzt_run whole, again;
    uint64_t batch;
    size_t chunk, ref = 0; /* ref: the reference read's chunk (0: a buffer) */
    long fail_at;

    if (size < 3)
        return;
    batch = batches[data[0] & 7];
    chunk = chunks[data[1] & 7];
    fail_at = (long)data[2] * 4;
    data += 3;
    size -= 3;

    /* Only pushed input decodes gzip (a buffer reader takes bytes as
     * they are): gzip data is compared with itself pushed in one chunk,
     * and never read from a buffer. */
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        ref = size;
        if (chunk == 0)
            chunk = size;
    }
    fzt_read(data, size, 0, ref, NULL, &whole);
    fzt_read(data, size, batch, chunk, NULL, &again);
    if (again.end != whole.end || !fz_eq(&whole.rows, &again.rows)) {
        fz_show_diff("one batch from a buffer", &whole.rows, "batches, pushed", &again.rows);
        FZ_CHECK(0, "the same rows and status in any batching and chunking");
    }
    fzt_free(&again);
    if (data[-1] & 1) {
        fzt_alloc fa = {0, fail_at};
        x12_allocator al = {sizeof al, fzt_malloc, fzt_realloc, fzt_freefn, &fa};
        x12_status st = fzt_read(data, size, batch, ref, &al, &again);

        FZ_CHECK(st == X12_ENOMEM || (st == whole.end && fz_eq(&whole.rows, &again.rows)),
                 "out of memory is X12_ENOMEM, else the same rows");
        fzt_free(&again);
    }
    fzt_free(&whole);
}

#endif /* X12_FUZZ_HARNESS_TABLES_H */
