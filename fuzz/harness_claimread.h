/*
 * fuzz/harness_claimread.h - the logic of the claim-stream harness (837P/837I
 * read back into the claim model), shared like fuzz/harness_modules.h (whose
 * helpers it uses) by fuzz/fuzz_claimread.c and by the regression replay
 * test tests/check_fuzz_regressions.c.
 *
 *   fz_claimread_one  the stream over the bytes as a buffer (gzip: pushed in
 *                     one chunk) is the reference: every claim dumped through
 *                     every getter of the model, with the stream's positions,
 *                     issues and diagnostics.  DIFFERENTIAL: the same bytes
 *                     pushed in fuzzer-chosen chunks give the same dump.
 *                     ROUND TRIP (flag bit 3): every claim copied into a
 *                     batch of its kind; a batch that passes its edits is
 *                     written, reads back with no reader error, and its
 *                     claims read, copied and written again give the same
 *                     bytes.  With flag bit 4, the push run again with an
 *                     allocator failing from call N: X12_ENOMEM or the same
 *                     dump, and nothing leaked.
 */
#ifndef X12_FUZZ_HARNESS_CLAIMREAD_H
#define X12_FUZZ_HARNESS_CLAIMREAD_H

#include "harness_modules.h"

static inline void fz_c_party(fz_buf *b, const char *tag, const x12_party *p)
{
    unsigned f;

    if (p == NULL) {
        fz_str(b, tag);
        fz_str(b, "=none|");
        return;
    }
    fz_str(b, tag);
    fz_sn(b, "e", (long long)x12_party_entity(p));
    for (f = 1; f <= 18; f++)
        fz_sv(b, "pf", x12_party_get(p, (x12_party_field)f));
}

static inline void fz_c_cas(fz_buf *b, x12_str g, x12_str r, int64_t c, x12_str q)
{
    fz_sv(b, "g", g);
    fz_sv(b, "r", r);
    fz_sn(b, "c", (long long)c);
    fz_sv(b, "q", q);
}

static inline void fz_c_claim(fz_buf *b, x12_claim *c)
{
    unsigned f;
    size_t i, k;
    int64_t cents;
    x12_other_payer *op;
    x12_service_line *l;

    for (f = 1; f <= 25; f++)
        fz_sv(b, "cf", x12_claim_get(c, (x12_claim_field)f));
    for (f = 1; f <= 2; f++)
        fz_sn(b, "ca", x12_claim_get_amount(c, (x12_claim_amount)f, &cents) ? cents : -1);
    for (i = 0; i < x12_claim_diagnosis_count(c); i++) {
        x12_dx_kind kind;
        fz_sv(b, "dx", x12_claim_diagnosis(c, i, &kind));
        fz_sn(b, "dk", (long long)kind);
        fz_sn(b, "poa", (long long)(unsigned char)x12_claim_diagnosis_poa(c, i));
    }
    FZ_CHECK(x12_claim_diagnosis(c, i, NULL).len == 0, "diagnosis past the end");
    for (i = 0; i < x12_claim_code_count(c); i++) {
        x12_code_kind kind;
        x12_str d1, d2;
        fz_sv(b, "code", x12_claim_code(c, i, &kind, &d1, &d2, &cents));
        fz_sn(b, "kk", (long long)kind);
        fz_sv(b, "d1", d1);
        fz_sv(b, "d2", d2);
        fz_sn(b, "cc", (long long)cents);
    }
    for (f = 1; f <= 8; f++)
        fz_c_party(b, "role", x12_claim_find_provider(c, (x12_claim_role)f));
    k = 0;
    for (op = x12_claim_first_other_payer(c); op != NULL; op = x12_other_payer_next(op)) {
        k++;
        for (f = 1; f <= 8; f++)
            fz_sv(b, "of", x12_other_payer_get(op, (x12_other_payer_field)f));
        for (f = 1; f <= 2; f++)
            fz_sn(b, "oa",
                  x12_other_payer_get_amount(op, (x12_other_payer_amount)f, &cents) ? cents : -1);
        for (i = 0; i < x12_other_payer_adjustment_count(op); i++) {
            x12_str r, q, g = x12_other_payer_adjustment(op, i, &r, &cents, &q);
            fz_c_cas(b, g, r, cents, q);
        }
        fz_c_party(b, "osub", x12_other_payer_subscriber(op));
        fz_c_party(b, "opay", x12_other_payer_payer(op));
    }
    FZ_CHECK(k == x12_claim_other_payer_count(c), "other payers counted");
    k = 0;
    for (l = x12_claim_first_line(c); l != NULL; l = x12_line_next(l)) {
        x12_line_adjudication *a;
        size_t na = 0;
        k++;
        for (f = 1; f <= 12; f++)
            fz_sv(b, "lf", x12_line_get(l, (x12_line_field)f));
        for (f = 1; f <= 2; f++)
            fz_sn(b, "la", x12_line_get_amount(l, (x12_line_amount)f, &cents) ? cents : -1);
        for (i = 0; i < x12_line_modifier_count(l); i++)
            fz_sv(b, "mod", x12_line_modifier(l, i));
        for (i = 0; i < x12_line_pointer_count(l); i++)
            fz_sn(b, "ptr", (long long)x12_line_pointer(l, i));
        for (f = 1; f <= 8; f++)
            fz_c_party(b, "lrole", x12_line_find_provider(l, (x12_claim_role)f));
        for (a = x12_line_first_adjudication(l); a != NULL; a = x12_line_adjudication_next(a)) {
            na++;
            for (f = 1; f <= 6; f++)
                fz_sv(b, "af", x12_line_adjudication_get(a, (x12_line_adjudication_field)f));
            for (f = 1; f <= 2; f++)
                fz_sn(b, "aa",
                      x12_line_adjudication_get_amount(a, (x12_line_adjudication_amount)f, &cents)
                          ? cents
                          : -1);
            for (i = 0; i < x12_line_adjudication_modifier_count(a); i++)
                fz_sv(b, "amod", x12_line_adjudication_modifier(a, i));
            for (i = 0; i < x12_line_adjudication_adjustment_count(a); i++) {
                x12_str r, q, g = x12_line_adjudication_adjustment(a, i, &r, &cents, &q);
                fz_c_cas(b, g, r, cents, q);
            }
        }
        FZ_CHECK(na == x12_line_adjudication_count(l), "adjudications counted");
    }
    FZ_CHECK(k == x12_claim_line_count(c), "lines counted");
}

/* The current claim of a stream with all around it. */
static inline void fz_c_current(fz_buf *b, x12_claim_stream *s)
{
    const x12_batch *h = x12_claim_stream_header(s);
    x12_subscriber *sub = x12_claim_stream_subscriber(s);
    x12_patient *pt = x12_claim_stream_patient(s);
    x12_billing_provider *bp = x12_claim_stream_provider(s);
    unsigned f;
    size_t i;

    FZ_CHECK(h != NULL && sub != NULL && bp != NULL && x12_claim_stream_claim(s) != NULL,
             "a claim, its header, provider and subscriber are current");
    FZ_CHECK(x12_claim_stream_payer(s) == x12_subscriber_payer(sub), "the payer");
    fz_str(b, "\nclaim|");
    for (f = 1; f <= 14; f++)
        fz_sn(b, "pos", (long long)x12_claim_stream_position(s, (x12_claim_position)f));
    FZ_CHECK(x12_claim_stream_position(s, X12_CPOS_OFFSET) <
                 x12_claim_stream_position(s, X12_CPOS_END_OFFSET),
             "a claim ends after its CLM");
    fz_sn(b, "kind", (long long)x12_claim_stream_kind(s));
    FZ_CHECK(x12_batch_kind(h) == x12_claim_stream_kind(s), "the header's kind");
    for (f = 1; f <= 20; f++)
        fz_sv(b, "env", x12_claim_stream_envelope(s, (x12_env_field)f));
    for (f = 1; f <= 11; f++)
        fz_sv(b, "bf", x12_batch_get(h, (x12_batch_field)f));
    for (f = 1; f <= 7; f++)
        fz_sn(b, "bo", (long long)x12_batch_get_option(h, (x12_batch_option)f));
    fz_c_party(b, "subm", x12_claim_stream_submitter(s));
    fz_c_party(b, "rcvr", x12_claim_stream_receiver(s));
    fz_c_party(b, "bill", x12_billing_provider_party(bp));
    fz_c_party(b, "payto", x12_billing_provider_pay_to(bp));
    for (f = 1; f <= 5; f++)
        fz_sv(b, "sf", x12_subscriber_get(sub, (x12_subscriber_field)f));
    fz_c_party(b, "sub", x12_subscriber_party(sub));
    fz_c_party(b, "payer", x12_subscriber_payer(sub));
    if (pt != NULL) {
        fz_sv(b, "rel", x12_patient_relationship(pt));
        fz_c_party(b, "pat", x12_patient_party(pt));
    }
    fz_c_claim(b, x12_claim_stream_claim(s));
    for (i = 0; i < x12_claim_stream_claim_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_claim_error_at(s, i);
        FZ_CHECK(e != NULL, "issue");
        fz_check_error(e);
        fz_sig_error(b, e);
    }
    FZ_CHECK(x12_claim_stream_claim_error_at(s, i) == NULL, "issue past the end");
    FZ_CHECK(x12_claim_stream_not_kept_count(s) <= i, "not-kept warnings are issues");
    fz_sn(b, "nk", (long long)x12_claim_stream_not_kept_count(s));
}

/* Copies the current claim into the batch of its kind (made on first use
 * with the claim's header). */
static inline void fz_c_copy(x12_claim_stream *s, x12_batch **batches)
{
    x12_claim_kind k = x12_claim_stream_kind(s);
    x12_batch **b = &batches[k == X12_CLAIM_837I];
    x12_claim *c = NULL;

    if (*b == NULL) {
        FZ_CHECK(x12_batch_new(NULL, k, b) == X12_OK, "batch");
        FZ_CHECK(x12_batch_copy_header(*b, x12_claim_stream_header(s)) == X12_OK, "header");
    }
    FZ_CHECK(x12_claim_stream_copy_claim(s, *b, &c) == X12_OK && c != NULL, "copy");
}

/* Reads `data` through a stream over reader r (already opened, or pushed
 * through ch); dumps claims into sig and diagnostics into errs; copies
 * claims into batches when asked.  Returns the final status. */
static inline x12_status fz_c_run(x12_claim_stream *s, x12_reader *r, fz_chunker *ch,
                                  fz_buf *sig, fz_buf *errs, x12_batch **batches)
{
    x12_status st;
    size_t i;

    for (;;) {
        st = x12_claim_stream_next(s);
        for (i = 0; i < x12_claim_stream_error_count(s); i++) {
            const x12_error *e = x12_claim_stream_error_at(s, i);
            fz_check_error(e);
            fz_sig_error(errs, e);
        }
        FZ_CHECK(x12_claim_stream_error_at(s, i) == NULL, "past the end");
        if (st == X12_AGAIN && ch != NULL) {
            FZ_CHECK(x12_claim_stream_claim(s) == NULL, "no claim with X12_AGAIN");
            fz_feed_next(r, ch, 0);
            continue;
        }
        if (st != X12_OK)
            break;
        fz_c_current(sig, s);
        if (batches != NULL)
            fz_c_copy(s, batches);
    }
    FZ_CHECK(st != X12_AGAIN, "a final chunk never asks for more");
    FZ_CHECK(x12_claim_stream_claim(s) == NULL && x12_claim_stream_header(s) == NULL,
             "nothing current after the end");
    if (st != X12_END && st != X12_ENOMEM)
        FZ_CHECK(x12_claim_stream_last_error(s) != NULL, "a failed stream has a last error");
    if (st != X12_END)
        FZ_CHECK(x12_claim_stream_next(s) == st, "a dead stream stays dead");
    fz_sn(sig, "end", (long long)st);
    return st;
}

/* Writes a batch to memory ("\n" after each segment); returns the status. */
static inline x12_status fz_c_write(x12_batch *b, fz_buf *out)
{
    x12_writer *w = NULL;
    x12_status st;
    const char *p;
    size_t n = 0;

    FZ_CHECK(x12_writer_new(NULL, &w) == X12_OK, "writer");
    FZ_CHECK(x12_writer_to_memory(w) == X12_OK, "memory");
    FZ_CHECK(x12_writer_set_line_break(w, "\n") == X12_OK, "line break");
    st = x12_batch_write(b, w);
    if (st == X12_OK) {
        p = x12_writer_memory(w, &n);
        fz_add(out, p, n);
    }
    x12_writer_free(w);
    return st;
}

/* A batch that passes its edits writes, reads back clean, and its claims
 * read, copied and written again give the same bytes. */
static inline void fz_c_round_trip(x12_batch *b)
{
    fz_buf out = {0, 0, 0}, again = {0, 0, 0}, sig = {0, 0, 0}, errs = {0, 0, 0};
    x12_batch *copies[2] = {NULL, NULL};
    x12_claim_stream *s = NULL;
    x12_status st;

    if (x12_batch_check(b) != X12_OK)
        return;
    st = fz_c_write(b, &out);
    FZ_CHECK(st == X12_OK, "a batch that passes its edits writes");
    fz_reads_clean("the claims copied", out.p, out.len);
    FZ_CHECK(x12_claim_stream_new(NULL, NULL, &s) == X12_OK, "stream");
    FZ_CHECK(x12_reader_open_buffer(x12_claim_stream_reader(s), out.p, out.len) == X12_OK, "open");
    st = fz_c_run(s, NULL, NULL, &sig, &errs, copies);
    FZ_CHECK(st == X12_END, "what the builder wrote reads to the end");
    if (errs.len != 0) {
        fprintf(stderr, "fuzz harness: reading the builder's output:\n%s\n", errs.p);
        fz_fail(__FILE__, __LINE__, "errs.len == 0", "the builder's output reads with diagnostics");
    }
    FZ_CHECK(copies[1 - (x12_batch_kind(b) == X12_CLAIM_837I)] == NULL, "one kind");
    FZ_CHECK(copies[x12_batch_kind(b) == X12_CLAIM_837I] != NULL, "claims read");
    FZ_CHECK(x12_batch_claim_count(copies[x12_batch_kind(b) == X12_CLAIM_837I]) ==
                 x12_batch_claim_count(b),
             "every claim read back");
    FZ_CHECK(fz_c_write(copies[x12_batch_kind(b) == X12_CLAIM_837I], &again) == X12_OK,
             "the copy writes");
    if (!fz_eq(&out, &again)) {
        fz_show_diff("written", &out, "read, copied and written again", &again);
        fz_fail(__FILE__, __LINE__, "out == again", "the claims do not round trip");
    }
    x12_claim_stream_free(s);
    x12_batch_free(copies[0]);
    x12_batch_free(copies[1]);
    fz_free(&out);
    fz_free(&again);
    fz_free(&sig);
    fz_free(&errs);
}

/*
 * Input layout: byte 0 reader options (fz_opts_from); byte 1: bits 0-2 the
 * number of chunk sizes k - 1, bit 3 copy every claim and round trip the
 * copies, bit 4 the pushed run again with an allocator failing from call N;
 * bytes 2-3 N - 1 (little-endian); then k chunk sizes (0 means 1); then the
 * data.
 */
static inline void fz_claimread_one(const uint8_t *in, size_t inlen)
{
    fz_opts o;
    size_t k, len;
    const unsigned char *sizes;
    const uint8_t *data;
    unsigned char flags;
    fz_buf want = {0, 0, 0}, want_errs = {0, 0, 0}, got = {0, 0, 0}, got_errs = {0, 0, 0};
    x12_batch *batches[2] = {NULL, NULL};
    x12_claim_stream *s = NULL;
    x12_reader *r;
    fz_chunker ch;
    x12_status ref_st, st;
    int gz;

    if (inlen < 4)
        return;
    o = fz_opts_from(in[0]);
    flags = in[1];
    k = (size_t)(flags & 7) + 1;
    if (inlen < 4 + k)
        return;
    sizes = in + 4;
    data = in + 4 + k;
    len = inlen - 4 - k;
    gz = fz_is_gzip(data, len);

    /* reference: a buffer (gzip: one pushed chunk) */
    r = fz_reader_new(&o);
    FZ_CHECK(x12_claim_stream_new(NULL, r, &s) == X12_OK, "stream");
    FZ_CHECK(x12_claim_stream_reader(s) == r, "the stream reads from the caller's reader");
    memset(&ch, 0, sizeof ch);
    ch.data = data;
    ch.len = len;
    if (gz) {
        fz_feed_next(r, &ch, 0);
        ref_st = fz_c_run(s, r, &ch, &want, &want_errs, (flags & 8) ? batches : NULL);
    } else {
        FZ_CHECK(x12_reader_open_buffer(r, len ? data : NULL, len) == X12_OK, "open");
        ref_st = fz_c_run(s, r, NULL, &want, &want_errs, (flags & 8) ? batches : NULL);
    }
    x12_claim_stream_free(s);
    x12_reader_free(r);

    /* pushed in the fuzzer's chunks: the same claims and diagnostics */
    r = fz_reader_new(&o);
    FZ_CHECK(x12_claim_stream_new(NULL, r, &s) == X12_OK, "stream");
    memset(&ch, 0, sizeof ch);
    ch.data = data;
    ch.len = len;
    ch.sizes = sizes;
    ch.nsizes = k;
    fz_feed_next(r, &ch, 0);
    st = fz_c_run(s, r, &ch, &got, &got_errs, NULL);
    x12_claim_stream_free(s);
    x12_reader_free(r);
    if (st != ref_st || !fz_eq(&want, &got)) {
        fz_show_diff("buffer", &want, "pushed", &got);
        fz_fail(__FILE__, __LINE__, "want == got", "buffer and pushed claims differ");
    }
    if (!fz_eq(&want_errs, &got_errs)) {
        fz_show_diff("buffer diagnostics", &want_errs, "pushed diagnostics", &got_errs);
        fz_fail(__FILE__, __LINE__, "want_errs == got_errs", "buffer and pushed diagnostics differ");
    }

    if (flags & 8) {
        if (batches[0] != NULL)
            fz_c_round_trip(batches[0]);
        if (batches[1] != NULL)
            fz_c_round_trip(batches[1]);
        x12_batch_free(batches[0]);
        x12_batch_free(batches[1]);
    }

    if (flags & 16) {
        fz_alloc_state as;
        x12_allocator a = fz_allocator(&as);
        fz_buf fsig = {0, 0, 0}, ferrs = {0, 0, 0};

        as.fail_at = (uint64_t)in[2] + ((uint64_t)in[3] << 8) + 1;
        st = x12_reader_new(&a, &r);
        if (st == X12_OK) {
            x12_reader_set_option(r, X12_OPT_STRICT, (uint64_t)o.strict);
            x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, (uint64_t)o.env_checks);
            if (o.max_segment)
                x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, o.max_segment);
            if (o.max_elements)
                x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, o.max_elements);
            if (o.chunk)
                x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, o.chunk);
            st = x12_claim_stream_new(&a, r, &s);
            if (st == X12_OK) {
                /* the reference's input: a buffer, or gzip in one chunk */
                st = gz ? x12_reader_feed(r, data, len, 1)
                        : x12_reader_open_buffer(r, len ? data : NULL, len);
                if (st == X12_OK)
                    st = fz_c_run(s, r, NULL, &fsig, &ferrs, NULL);
                else
                    FZ_CHECK(st == X12_ENOMEM, "opening fails cleanly");
                x12_claim_stream_free(s);
            } else {
                FZ_CHECK(st == X12_ENOMEM, "x12_claim_stream_new fails cleanly");
            }
            x12_reader_free(r);
        } else {
            FZ_CHECK(st == X12_ENOMEM, "x12_reader_new fails cleanly");
        }
        FZ_CHECK(as.live == 0, "nothing leaked when allocations fail");
        if (!as.failed)
            FZ_CHECK(st == ref_st && fz_eq(&fsig, &want), "without a failure, the same claims");
        else
            FZ_CHECK(st == X12_ENOMEM || (st == ref_st && fz_eq(&fsig, &want)),
                     "a refused allocation ends with X12_ENOMEM, or changed nothing");
        fz_free(&fsig);
        fz_free(&ferrs);
    }
    fz_free(&want);
    fz_free(&want_errs);
    fz_free(&got);
    fz_free(&got_errs);
}

#endif /* X12_FUZZ_HARNESS_CLAIMREAD_H */
