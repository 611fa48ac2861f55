/*
 * fuzz/harness_txn.h - the logic of the 271 and 277 harness, shared by
 * fuzz/fuzz_txn.c and the regression replay test
 * tests/check_fuzz_regressions.c.
 *
 *   fz_txn_one  the input is a flags byte, a chunk byte, a limit byte and
 *               two allocation bytes, then the X12 bytes.  Both readers
 *               (the 271 eligibility stream and the 277/277CA claim status
 *               stream) read the same bytes, each skipping the other's
 *               sets.  Each keeps at most (limit byte % 8) diagnostics per
 *               list (0: no limit).
 *               INVARIANTS: every view, record and error record is walked
 *               and well formed; no list a call or record hands out holds
 *               more than the limit; what the lists keep plus what they
 *               count as dropped is every diagnostic the error handler
 *               saw.
 *               PUSH: pushed in chunks of (chunk byte % 64 + 1) bytes, the
 *               records and, between two records, the diagnostics kept and
 *               dropped are those of the whole buffer.
 *               DOC: collected into a doc, the records, the doc's
 *               diagnostics and its dropped count are those of the stream.
 *               With flag bit 1, an allocator failing from call N (the
 *               allocation bytes, modulo 4096): X12_ENOMEM or the same,
 *               nothing leaked.
 */
#ifndef X12_FUZZ_HARNESS_TXN_H
#define X12_FUZZ_HARNESS_TXN_H

#include "harness_modules.h"

/* What one read gave: the signature of records and diagnostics, and the
 * counts the invariants compare. */
typedef struct fz_txn_run {
    fz_buf sig;       /* records, and the diagnostics between them */
    fz_buf recs;      /* the records alone (the 277's claims) */
    fz_buf recs2;     /* the 277's batches */
    fz_buf diags;     /* every diagnostic kept, in order */
    uint64_t seen;    /* by the error handler */
    uint64_t kept;    /* in the calls' lists */
    uint64_t dropped; /* counted by the calls */
    fz_buf pending;   /* the diagnostics kept since the last record */
    uint64_t pending_dropped;
    x12_status end;
} fz_txn_run;

static inline void fz_txn_seen(void *user, const x12_error *e)
{
    fz_check_error(e);
    ((fz_txn_run *)user)->seen++;
}

/* The diagnostics kept and dropped since the last record, then the record's
 * own signature (added by the caller). */
static inline void fz_txn_flush(fz_txn_run *r)
{
    fz_str(&r->sig, "diags{");
    fz_add(&r->sig, r->pending.p ? r->pending.p : "", r->pending.len);
    fz_add(&r->diags, r->pending.p ? r->pending.p : "", r->pending.len);
    fz_sn(&r->sig, "dropped", (long long)r->pending_dropped);
    fz_str(&r->sig, "}\n");
    r->pending.len = 0;
    r->pending_dropped = 0;
}

/* A record's signature, in the stream's signature and in its own list. */
static inline void fz_txn_record(fz_txn_run *r, fz_buf *list, const fz_buf *rec)
{
    fz_add(&r->sig, rec->p ? rec->p : "", rec->len);
    fz_add(list, rec->p ? rec->p : "", rec->len);
}

static inline void fz_txn_errors(fz_buf *sig, size_t limit, size_t n, uint64_t dropped,
                                 const x12_error *(*at)(const void *, size_t), const void *obj)
{
    size_t i;

    FZ_CHECK(limit == 0 || n <= limit, "a record keeps at most the limit");
    FZ_CHECK(limit == 0 || dropped == 0 || n == limit, "dropped only once the list is full");
    for (i = 0; i < n; i++)
        fz_sig_error(sig, at(obj, i));
    fz_sn(sig, "errors_dropped", (long long)dropped);
}

/* ---- 271 ------------------------------------------------------------------------ */

static inline const x12_error *fz_el_err(const void *c, size_t i)
{
    return x12_elig_coverage_error_at((const x12_elig_coverage *)c, i);
}

static inline void fz_el_party(fz_buf *s, const x12_elig_party *p)
{
    size_t i;
    int f;

    if (p == NULL) {
        fz_str(s, "party=none|");
        return;
    }
    for (f = 1; f <= 9; f++)
        fz_sv(s, "p", x12_elig_party_get(p, (x12_elig_party_field)f));
    for (i = 0; i < x12_elig_party_reject_count(p); i++) {
        const x12_elig_reject *rj = x12_elig_party_reject_at(p, i);
        fz_sv(s, "rej", x12_elig_reject_reason(rj));
        fz_sv(s, "fu", x12_elig_reject_follow_up(rj));
    }
}

static inline void fz_el_coverage(fz_buf *s, const x12_elig_coverage *c, size_t limit)
{
    size_t i, k;
    int f;
    int64_t v;
    x12_str q, a, b;

    FZ_CHECK(c != NULL, "a coverage with X12_OK");
    fz_sn(s, "cov", (long long)x12_elig_coverage_index(c));
    fz_sn(s, "level", x12_elig_coverage_level(c));
    fz_sn(s, "state", x12_elig_coverage_state(c));
    fz_sn(s, "seg", (long long)x12_elig_coverage_segment_number(c));
    fz_sn(s, "off", (long long)x12_elig_coverage_offset(c));
    for (f = 1; f <= 31; f++)
        fz_sv(s, "f", x12_elig_coverage_get(c, (x12_elig_coverage_field)f));
    fz_el_party(s, x12_elig_coverage_payer(c));
    fz_el_party(s, x12_elig_coverage_receiver(c));
    for (i = 0; i < x12_elig_coverage_benefit_count(c); i++) {
        const x12_elig_benefit *bn = x12_elig_coverage_benefit_at(c, i);
        for (f = 1; f <= 14; f++)
            fz_sv(s, "b", x12_elig_benefit_get(bn, (x12_elig_benefit_field)f));
        fz_ss(s, "bt", x12_elig_benefit_code_text(bn));
        for (k = 0; k < x12_elig_benefit_service_type_count(bn); k++)
            fz_sv(s, "st", x12_elig_benefit_service_type_at(bn, k));
        if (x12_elig_benefit_amount_cents(bn, &v))
            fz_sn(s, "amt", (long long)v);
        if (x12_elig_benefit_percent_bp(bn, &v))
            fz_sn(s, "pct", (long long)v);
        if (x12_elig_benefit_quantity_milli(bn, &v))
            fz_sn(s, "qty", (long long)v);
        for (k = 0; k < x12_elig_benefit_message_count(bn); k++)
            fz_sv(s, "msg", x12_elig_benefit_message_at(bn, k));
        for (k = 0; k < x12_elig_benefit_date_count(bn); k++) {
            x12_elig_benefit_date_at(bn, k, &q, &a, &b);
            fz_sv(s, "dq", q);
            fz_sv(s, "d1", a);
            fz_sv(s, "d2", b);
        }
        for (k = 0; k < x12_elig_benefit_entity_count(bn); k++)
            fz_sv(s, "ent", x12_elig_entity_get(x12_elig_benefit_entity_at(bn, k), X12_EP_NAME));
    }
    for (i = 0; i < x12_elig_coverage_reject_count(c); i++) {
        const x12_elig_reject *rj = x12_elig_coverage_reject_at(c, i);
        fz_sv(s, "rej", x12_elig_reject_reason(rj));
        fz_ss(s, "rt", x12_elig_reject_reason_text(rj));
        fz_check_error(x12_elig_reject_error(rj));
    }
    for (i = 0; i < x12_elig_coverage_summary_count(c); i++) {
        const x12_elig_summary *sm = x12_elig_coverage_summary_at(c, i);
        fz_sv(s, "sum", x12_elig_summary_service_type(sm));
        for (f = 1; f <= 10; f++)
            if (x12_elig_summary_get(sm, (x12_elig_measure)f, 0, &v))
                fz_sn(s, "m", (long long)v);
    }
    fz_txn_errors(s, limit, x12_elig_coverage_error_count(c), x12_elig_coverage_errors_dropped(c),
                  fz_el_err, c);
    fz_str(s, "\n");
}

/* The 271 stream as a fz_txn_kind (below). */
static inline x12_status fz_el_open(const x12_allocator *a, void **s)
{
    x12_elig_stream *p = NULL;
    x12_status st = x12_elig_stream_new(a, NULL, &p);

    *s = p;
    return st;
}

static inline void fz_el_free(void *s)
{
    x12_elig_stream_free(s);
}

static inline x12_reader *fz_el_reader(void *s)
{
    return x12_elig_stream_reader(s);
}

static inline x12_status fz_el_set_max(void *s, size_t limit)
{
    return x12_elig_stream_set_max_errors(s, limit);
}

static inline void fz_el_handler(void *s, x12_error_fn fn, void *user)
{
    x12_elig_stream_set_error_handler(s, fn, user);
}

/* A coverage: its signature in rec, for r's list of records. */
static inline x12_status fz_el_next(void *s, size_t limit, fz_txn_run *r, fz_buf *rec,
                                    fz_buf **list)
{
    const x12_elig_coverage *c;
    x12_status st = x12_elig_stream_next(s, &c);

    if (st == X12_OK)
        fz_el_coverage(rec, c, limit);
    *list = &r->recs;
    return st;
}

static inline const x12_error *fz_el_error_at(const void *s, size_t i)
{
    return x12_elig_stream_error_at(s, i);
}

static inline size_t fz_el_error_count(const void *s)
{
    return x12_elig_stream_error_count(s);
}

static inline uint64_t fz_el_dropped(const void *s)
{
    return x12_elig_stream_errors_dropped(s);
}

static inline const x12_error *fz_el_last(const void *s)
{
    return x12_elig_stream_last_error(s);
}

/* The doc of the stream: its coverages as the stream's records, its
 * diagnostics (kept between two coverages) and dropped count. */
static inline x12_status fz_el_collect(void *s, size_t limit, fz_txn_run *r)
{
    x12_elig_doc *d = NULL;
    x12_status st = x12_elig_stream_collect(s, &d);
    size_t i;

    if (st == X12_OK) {
        for (i = 0; i < x12_elig_doc_coverage_count(d); i++)
            fz_el_coverage(&r->recs, x12_elig_doc_coverage_at(d, i), limit);
        for (i = 0; i < x12_elig_doc_error_count(d); i++)
            fz_sig_error(&r->diags, x12_elig_doc_error_at(d, i));
        r->dropped = x12_elig_doc_errors_dropped(d);
    }
    FZ_CHECK((st == X12_OK) == (d != NULL), "a doc with X12_OK, none without");
    x12_elig_doc_free(d);
    return st;
}

/* ---- 277 ------------------------------------------------------------------------ */

static inline const x12_error *fz_cs_err(const void *c, size_t i)
{
    return x12_claimstatus_claim_error_at((const x12_claimstatus_claim *)c, i);
}

static inline void fz_cs_status(fz_buf *s, const x12_claimstatus_status *st)
{
    int f;

    for (f = 1; f <= 13; f++)
        fz_sv(s, "s", x12_claimstatus_status_get(st, (x12_claimstatus_status_field)f));
    fz_ss(s, "ct", x12_claimstatus_status_category_text(st));
    fz_ss(s, "cd", x12_claimstatus_status_code_text(st));
    fz_ss(s, "en", x12_claimstatus_status_entity_text(st));
    fz_sn(s, "o", x12_claimstatus_status_outcome(st));
    fz_sn(s, "p", x12_claimstatus_status_position(st));
    fz_sn(s, "seg", (long long)x12_claimstatus_status_segment_number(st));
}

static inline void fz_cs_claim(fz_buf *s, const x12_claimstatus_claim *c, size_t limit)
{
    size_t i, k;
    int f;
    int64_t v;

    FZ_CHECK(c != NULL, "a claim with X12_CS_EV_CLAIM");
    fz_sn(s, "claim", (long long)x12_claimstatus_claim_index(c));
    fz_sn(s, "kind", x12_claimstatus_claim_kind(c));
    fz_ss(s, "loop", x12_claimstatus_claim_loop(c));
    fz_sn(s, "out", x12_claimstatus_claim_outcome(c));
    fz_sn(s, "seg", (long long)x12_claimstatus_claim_segment_number(c));
    fz_sn(s, "off", (long long)x12_claimstatus_claim_offset(c));
    for (f = 1; f <= 24; f++)
        fz_sv(s, "f", x12_claimstatus_claim_get(c, (x12_claimstatus_claim_field)f));
    if (x12_claimstatus_claim_charge_cents(c, &v))
        fz_sn(s, "charge", (long long)v);
    if (x12_claimstatus_claim_paid_cents(c, &v))
        fz_sn(s, "paid", (long long)v);
    for (i = 0; i < x12_claimstatus_claim_status_count(c); i++)
        fz_cs_status(s, x12_claimstatus_claim_status_at(c, i));
    for (i = 0; i < x12_claimstatus_claim_line_count(c); i++) {
        const x12_claimstatus_line *l = x12_claimstatus_claim_line_at(c, i);
        for (f = 1; f <= 9; f++)
            fz_sv(s, "l", x12_claimstatus_line_get(l, (x12_claimstatus_svc_field)f));
        if (x12_claimstatus_line_charge_cents(l, &v))
            fz_sn(s, "lc", (long long)v);
        if (x12_claimstatus_line_paid_cents(l, &v))
            fz_sn(s, "lp", (long long)v);
        fz_sn(s, "lo", x12_claimstatus_line_outcome(l));
        for (k = 0; k < x12_claimstatus_line_status_count(l); k++)
            fz_cs_status(s, x12_claimstatus_line_status_at(l, k));
    }
    fz_txn_errors(s, limit, x12_claimstatus_claim_error_count(c),
                  x12_claimstatus_claim_errors_dropped(c), fz_cs_err, c);
    fz_str(s, "\n");
}

static inline void fz_cs_batch(fz_buf *s, const x12_claimstatus_batch *b)
{
    size_t i;
    int64_t v;

    FZ_CHECK(b != NULL, "a batch with X12_CS_EV_BATCH");
    fz_sn(s, "batch", x12_claimstatus_batch_level_of(b));
    fz_sn(s, "kind", x12_claimstatus_batch_kind(b));
    fz_sv(s, "trace", x12_claimstatus_batch_trace_number(b));
    fz_sv(s, "name", x12_claimstatus_batch_party_name(b));
    fz_sv(s, "id", x12_claimstatus_batch_party_id(b));
    fz_sv(s, "ctl", x12_claimstatus_batch_control_number(b));
    fz_sv(s, "rcv", x12_claimstatus_batch_received_date(b));
    fz_sv(s, "prc", x12_claimstatus_batch_processed_date(b));
    if (x12_claimstatus_batch_accepted_count(b, &v))
        fz_sn(s, "an", (long long)v);
    if (x12_claimstatus_batch_rejected_count(b, &v))
        fz_sn(s, "rn", (long long)v);
    if (x12_claimstatus_batch_accepted_cents(b, &v))
        fz_sn(s, "ac", (long long)v);
    if (x12_claimstatus_batch_rejected_cents(b, &v))
        fz_sn(s, "rc", (long long)v);
    fz_sn(s, "out", x12_claimstatus_batch_outcome(b));
    fz_sn(s, "seg", (long long)x12_claimstatus_batch_segment_number(b));
    for (i = 0; i < x12_claimstatus_batch_status_count(b); i++)
        fz_cs_status(s, x12_claimstatus_batch_status_at(b, i));
    fz_str(s, "\n");
}

/* The 277 stream as a fz_txn_kind. */
static inline x12_status fz_cs_open(const x12_allocator *a, void **s)
{
    x12_claimstatus_stream *p = NULL;
    x12_status st = x12_claimstatus_stream_new(a, NULL, &p);

    *s = p;
    return st;
}

static inline void fz_cs_free(void *s)
{
    x12_claimstatus_stream_free(s);
}

static inline x12_reader *fz_cs_reader(void *s)
{
    return x12_claimstatus_stream_reader(s);
}

static inline x12_status fz_cs_set_max(void *s, size_t limit)
{
    return x12_claimstatus_stream_set_max_errors(s, limit);
}

static inline void fz_cs_handler(void *s, x12_error_fn fn, void *user)
{
    x12_claimstatus_stream_set_error_handler(s, fn, user);
}

/* A claim (for r's records) or a batch (for r's batches). */
static inline x12_status fz_cs_next(void *s, size_t limit, fz_txn_run *r, fz_buf *rec,
                                    fz_buf **list)
{
    x12_claimstatus_event ev = X12_CS_EV_CLAIM;
    x12_status st = x12_claimstatus_stream_next(s, &ev);

    if (st == X12_OK && ev == X12_CS_EV_CLAIM)
        fz_cs_claim(rec, x12_claimstatus_stream_claim(s), limit);
    else if (st == X12_OK)
        fz_cs_batch(rec, x12_claimstatus_stream_batch(s));
    *list = ev == X12_CS_EV_CLAIM ? &r->recs : &r->recs2;
    return st;
}

static inline const x12_error *fz_cs_error_at(const void *s, size_t i)
{
    return x12_claimstatus_stream_error_at(s, i);
}

static inline size_t fz_cs_error_count(const void *s)
{
    return x12_claimstatus_stream_error_count(s);
}

static inline uint64_t fz_cs_dropped(const void *s)
{
    return x12_claimstatus_stream_errors_dropped(s);
}

static inline const x12_error *fz_cs_last(const void *s)
{
    return x12_claimstatus_stream_last_error(s);
}

/* The doc: claims then batches (a doc keeps them apart). */
static inline x12_status fz_cs_collect(void *s, size_t limit, fz_txn_run *r)
{
    x12_claimstatus_doc *d = NULL;
    x12_status st = x12_claimstatus_stream_collect(s, &d);
    size_t i;

    if (st == X12_OK) {
        for (i = 0; i < x12_claimstatus_doc_claim_count(d); i++)
            fz_cs_claim(&r->recs, x12_claimstatus_doc_claim_at(d, i), limit);
        for (i = 0; i < x12_claimstatus_doc_batch_count(d); i++)
            fz_cs_batch(&r->recs2, x12_claimstatus_doc_batch_at(d, i));
        for (i = 0; i < x12_claimstatus_doc_error_count(d); i++)
            fz_sig_error(&r->diags, x12_claimstatus_doc_error_at(d, i));
        r->dropped = x12_claimstatus_doc_errors_dropped(d);
    }
    FZ_CHECK((st == X12_OK) == (d != NULL), "a doc with X12_OK, none without");
    x12_claimstatus_doc_free(d);
    return st;
}

/* ---- one runner for both streams ------------------------------------------------ */

/* What the runner calls on a stream of one kind (s: the stream). */
typedef struct fz_txn_kind {
    const char *what; /* the comparison's name */
    x12_status (*open)(const x12_allocator *a, void **s);
    void (*free)(void *s);
    x12_reader *(*reader)(void *s);
    x12_status (*set_max)(void *s, size_t limit);
    void (*handler)(void *s, x12_error_fn fn, void *user);
    /* the next record: with X12_OK its signature in rec, *list its list */
    x12_status (*next)(void *s, size_t limit, fz_txn_run *r, fz_buf *rec, fz_buf **list);
    size_t (*error_count)(const void *s);
    const x12_error *(*error_at)(const void *s, size_t i);
    uint64_t (*dropped)(const void *s);
    const x12_error *(*last)(const void *s);
    x12_status (*collect)(void *s, size_t limit, fz_txn_run *r);
} fz_txn_kind;

static const fz_txn_kind fz_txn_kinds[2] = {
    {"271: pushed input reads as the buffer", fz_el_open, fz_el_free, fz_el_reader,
     fz_el_set_max, fz_el_handler, fz_el_next, fz_el_error_count, fz_el_error_at, fz_el_dropped,
     fz_el_last, fz_el_collect},
    {"277: pushed input reads as the buffer", fz_cs_open, fz_cs_free, fz_cs_reader,
     fz_cs_set_max, fz_cs_handler, fz_cs_next, fz_cs_error_count, fz_cs_error_at, fz_cs_dropped,
     fz_cs_last, fz_cs_collect},
};

/* Opens the whole input on the reader: a buffer, or for gzip (which only
 * pushed input decodes) the bytes pushed in one chunk. */
static inline x12_status fz_txn_open_whole(x12_reader *r, const uint8_t *data, size_t len)
{
    if (fz_is_gzip(data, len))
        return x12_reader_feed(r, data, len, 1);
    return x12_reader_open_buffer(r, data, len);
}

/* Reads data with the stream of kind k: the whole input (chunk 0, see
 * fz_txn_open_whole) or pushed in chunks.  With a failing allocator the
 * run may end in X12_ENOMEM. */
static inline void fz_txn_run_kind(const fz_txn_kind *k, const x12_allocator *a,
                                   const uint8_t *data, size_t len, size_t chunk, size_t limit,
                                   fz_txn_run *r)
{
    void *s = NULL;
    x12_status st;
    size_t off = 0, i, n;

    memset(r, 0, sizeof *r);
    st = k->open(a, &s);
    if (st != X12_OK) {
        r->end = st;
        return;
    }
    FZ_CHECK(k->set_max(s, limit) == X12_OK, "set the limit");
    k->handler(s, fz_txn_seen, r);
    if (chunk == 0)
        st = fz_txn_open_whole(k->reader(s), data, len);
    else
        /* a push reader exists once something is fed; no bytes at all are
         * the whole input */
        st = x12_reader_feed(k->reader(s), data, 0, len == 0);
    if (st != X12_OK) {
        r->end = st;
        k->free(s);
        return;
    }
    for (;;) {
        fz_buf rec = {0}, *list = NULL;

        st = k->next(s, limit, r, &rec, &list);
        n = k->error_count(s);
        FZ_CHECK(limit == 0 || n <= limit, "a call keeps at most the limit");
        for (i = 0; i < n; i++)
            fz_sig_error(&r->pending, k->error_at(s, i));
        r->kept += n;
        r->dropped += k->dropped(s);
        r->pending_dropped += k->dropped(s);
        if (st == X12_AGAIN && chunk != 0 && off < len) {
            size_t m = len - off < chunk ? len - off : chunk;
            st = x12_reader_feed(k->reader(s), data + off, m, off + m == len);
            off += m;
        } else if (st == X12_OK) {
            fz_txn_flush(r);
            fz_txn_record(r, list, &rec);
        }
        fz_free(&rec);
        if (st != X12_OK)
            break;
    }
    fz_txn_flush(r);
    r->end = st;
    if (st != X12_END && st != X12_ENOMEM && k->last(s) != NULL)
        fz_sig_error(&r->sig, k->last(s));
    k->free(s);
    FZ_CHECK(st != X12_AGAIN, "the end of pushed input ends the stream");
    FZ_CHECK(st == X12_ENOMEM || r->kept + r->dropped == r->seen,
             "kept plus dropped is every diagnostic the handler saw");
}

/* The doc of the same bytes, collected by a stream of kind k. */
static inline void fz_txn_doc(const fz_txn_kind *k, const uint8_t *data, size_t len,
                              size_t limit, fz_txn_run *r)
{
    void *s = NULL;

    memset(r, 0, sizeof *r);
    FZ_CHECK(k->open(NULL, &s) == X12_OK, "stream");
    FZ_CHECK(k->set_max(s, limit) == X12_OK, "set the limit");
    FZ_CHECK(fz_txn_open_whole(k->reader(s), data, len) == X12_OK, "open");
    r->end = k->collect(s, limit, r);
    k->free(s);
}

/* ---- the comparisons ----------------------------------------------------------- */

static inline void fz_txn_same(const char *what, const char *a_name, const fz_buf *a,
                               const char *b_name, const fz_buf *b)
{
    if (!fz_eq(a, b)) {
        fz_show_diff(a_name, a, b_name, b);
        FZ_CHECK(0, what);
    }
}

static inline void fz_txn_compare(const char *what, fz_txn_run *buf, fz_txn_run *push,
                                  fz_txn_run *doc)
{
    fz_txn_same(what, "buffer", &buf->sig, "pushed", &push->sig);
    FZ_CHECK(buf->end == push->end, "pushed input ends as the buffer");
    FZ_CHECK((buf->end == X12_END) == (doc->end == X12_OK), "a doc when the stream ends");
    if (doc->end != X12_OK)
        return;
    fz_txn_same("the doc holds the stream's records", "stream", &buf->recs, "doc", &doc->recs);
    fz_txn_same("the doc holds the stream's batches", "stream", &buf->recs2, "doc",
                &doc->recs2);
    fz_txn_same("the doc keeps the diagnostics the calls keep", "stream", &buf->diags, "doc",
                &doc->diags);
    FZ_CHECK(buf->dropped == doc->dropped, "the doc counts what the calls dropped");
}

static inline void fz_txn_free(fz_txn_run *r)
{
    fz_free(&r->sig);
    fz_free(&r->recs);
    fz_free(&r->recs2);
    fz_free(&r->diags);
    fz_free(&r->pending);
}

static inline void fz_txn_one(const uint8_t *in, size_t inlen)
{
    const uint8_t *data;
    size_t len, chunk, limit;
    unsigned flags;
    fz_txn_run buf, push, doc;
    int kind;

    if (inlen < 5)
        return;
    flags = in[0];
    chunk = (size_t)(in[1] % 64) + 1;
    limit = (size_t)(in[2] % 8);
    data = in + 5;
    len = inlen - 5;
    for (kind = 0; kind < 2; kind++) {
        const fz_txn_kind *k = &fz_txn_kinds[kind];

        fz_txn_run_kind(k, NULL, data, len, 0, limit, &buf);
        fz_txn_run_kind(k, NULL, data, len, chunk, limit, &push);
        fz_txn_doc(k, data, len, limit, &doc);
        FZ_CHECK(buf.end != X12_ENOMEM, "no X12_ENOMEM without a failing allocator");
        fz_txn_compare(k->what, &buf, &push, &doc);
        if (flags & 2) {
            fz_alloc_state as;
            x12_allocator a = fz_allocator(&as);
            fz_txn_run got;

            as.fail_at = (uint64_t)(in[3] | in[4] << 8) % 4096 + 1;
            fz_txn_run_kind(k, &a, data, len, 0, limit, &got);
            FZ_CHECK(got.end == buf.end || got.end == X12_ENOMEM,
                     "X12_ENOMEM when memory runs out");
            if (got.end == buf.end)
                FZ_CHECK(fz_eq(&got.sig, &buf.sig), "or the same result");
            FZ_CHECK(as.live == 0, "nothing leaked");
            fz_txn_free(&got);
        }
        fz_txn_free(&buf);
        fz_txn_free(&push);
        fz_txn_free(&doc);
    }
}

#endif /* X12_FUZZ_HARNESS_TXN_H */
