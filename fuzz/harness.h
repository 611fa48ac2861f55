/*
 * fuzz/harness.h - the logic of every libFuzzer harness, shared by the
 * libFuzzer mains (fuzz/fuzz_*.c) and by the regression replay test
 * (tests/check_fuzz_regressions.c), so a saved input is replayed through
 * exactly the code that found it.
 *
 * Each fz_*_one(data, len) runs one input.  It returns normally when the
 * library behaved, and calls abort() (after a line on stderr saying which
 * invariant broke) when it did not: a crash, a sanitizer report or an
 * abort is a finding.  Everything here is header-only and static so each
 * program links its own copy; nothing is global.
 *
 *   fz_reader_one     whole-buffer reader, three option sets; every view,
 *                     envelope accessor and error record is walked and
 *                     checked against the input (views inside it, segments
 *                     tiling it, offsets right, x12_error_format consistent);
 *                     every scanner (X12_OPT_SCAN) the CPU has must give the
 *                     general scanner's signature.
 *   fz_push_one       differential: bytes 0..k of the input choose options
 *                     and a chunking; the push reader's signature must equal
 *                     the whole-buffer reader's (for gzip input, the
 *                     single-chunk push reader's).
 *   fz_roundtrip_one  read -> x12_writer_copy with the reader's delimiters,
 *                     X12_COPY_KEEP_BREAKS, X12_WOPT_VERBATIM must give the
 *                     input back byte for byte; see fz_roundtrip_one for the
 *                     inputs where it may legitimately not.
 */
#ifndef X12_FUZZ_HARNESS_H
#define X12_FUZZ_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <x12/x12.h>

/* ---- failure ------------------------------------------------------------- */

#define FZ_CHECK(cond, what)                                                  \
    do {                                                                      \
        if (!(cond))                                                          \
            fz_fail(__FILE__, __LINE__, #cond, (what));                       \
    } while (0)

static inline void fz_fail(const char *file, int line, const char *cond, const char *what)
{
    fprintf(stderr, "fuzz harness: invariant broken at %s:%d: %s (%s)\n", file, line, what,
            cond);
    abort();
}

/* ---- a growable byte buffer (the harness's own memory, not the library's) */

typedef struct fz_buf {
    char *p;
    size_t len, cap;
} fz_buf;

static inline void fz_add(fz_buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 1024;
        char *np;
        while (c < b->len + n + 1)
            c *= 2;
        np = (char *)realloc(b->p, c);
        if (np == NULL) {
            fprintf(stderr, "fuzz harness: out of memory\n");
            abort();
        }
        b->p = np;
        b->cap = c;
    }
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void fz_str(fz_buf *b, const char *s)
{
    fz_add(b, s, strlen(s));
}

static inline void fz_free(fz_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static inline int fz_eq(const fz_buf *a, const fz_buf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

/* Prints the first difference of two signatures (for the person reading a
 * crash report). */
static inline void fz_show_diff(const char *what_a, const fz_buf *a, const char *what_b,
                         const fz_buf *b)
{
    size_t i = 0, from;

    while (i < a->len && i < b->len && a->p[i] == b->p[i])
        i++;
    from = i > 200 ? i - 200 : 0;
    fprintf(stderr, "fuzz harness: signatures differ at byte %zu (lengths %zu, %zu)\n", i,
            a->len, b->len);
    fprintf(stderr, "--- %s:\n%.*s\n", what_a, (int)((a->len - from) > 600 ? 600 : a->len - from),
            a->p ? a->p + from : "");
    fprintf(stderr, "--- %s:\n%.*s\n", what_b, (int)((b->len - from) > 600 ? 600 : b->len - from),
            b->p ? b->p + from : "");
}

/* ---- options --------------------------------------------------------------- */

typedef struct fz_opts {
    int strict;
    int env_checks;
    uint64_t max_segment; /* 0 = default */
    uint64_t max_elements; /* 0 = default */
    uint64_t chunk;        /* 0 = default */
    uint64_t scan;         /* a level of fz_scan_names; 0 = X12_SCAN_AUTO */
} fz_opts;

/* The scanners, slowest first, as x12_reader_scanner_name names them: the
 * API offers only AUTO, GENERAL and INDEX, so a particular index is asked
 * for through X12_SCANNER. */
static const char *const fz_scan_names[] = {"auto", "general", "sse2", "avx2", "avx512"};
#define FZ_SCAN_GENERAL 1u

/* Options from one fuzzer-chosen byte. */
static inline fz_opts fz_opts_from(unsigned char b)
{
    static const uint64_t segs[4] = {0, 128, 300, 4096};
    static const uint64_t elems[4] = {0, 16, 17, 64};
    fz_opts o;

    o.strict = b & 1;
    o.env_checks = (b & 2) ? 0 : 1;
    o.max_segment = segs[(b >> 2) & 3];
    o.max_elements = elems[(b >> 4) & 3];
    o.chunk = (b & 0x40) ? 16 : 0;
    o.scan = (b & 0x80) ? FZ_SCAN_GENERAL : 0;
    return o;
}

static inline x12_reader *fz_reader_new(const fz_opts *o)
{
    x12_reader *r = NULL;

    if (o->scan)
        FZ_CHECK(setenv("X12_SCANNER", fz_scan_names[o->scan], 1) == 0, "setenv");
    FZ_CHECK(x12_reader_new(NULL, &r) == X12_OK && r != NULL, "x12_reader_new");
    if (o->scan) {
        unsetenv("X12_SCANNER");
        FZ_CHECK(strcmp(x12_reader_scanner_name(r), fz_scan_names[o->scan]) == 0, "scanner");
    }
    FZ_CHECK(x12_reader_set_option(r, X12_OPT_STRICT, (uint64_t)o->strict) == X12_OK, "strict");
    FZ_CHECK(x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, (uint64_t)o->env_checks) ==
                 X12_OK,
             "envelope checks");
    if (o->max_segment)
        FZ_CHECK(x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, o->max_segment) == X12_OK,
                 "max segment");
    if (o->max_elements)
        FZ_CHECK(x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, o->max_elements) == X12_OK,
                 "max elements");
    if (o->chunk)
        FZ_CHECK(x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, o->chunk) == X12_OK,
                 "read chunk");
    return r;
}

/* ---- checks on error records ------------------------------------------------ */

/* An error record is well formed and x12_error_format agrees with itself
 * at every buffer size that matters. */
static inline void fz_check_error(const x12_error *e)
{
    char full[1024], small[16];
    size_t n, n0, k, i;
    const char *id = x12_error_segment_id(e), *msg = x12_error_message(e);

    FZ_CHECK(e != NULL, "error record");
    FZ_CHECK(x12_error_severity(e) >= X12_SEV_WARNING && x12_error_severity(e) <= X12_SEV_FATAL,
             "severity");
    FZ_CHECK(x12_error_rule(e)[0] != '\0', "every error has a rule name");
    FZ_CHECK(msg[0] != '\0' && strchr(msg, '\n') == NULL, "message is one non-empty line");
    FZ_CHECK(strlen(id) <= 4, "segment id is at most 4 characters");
    for (i = 0; id[i]; i++)
        FZ_CHECK((unsigned char)id[i] > 0x20 && (unsigned char)id[i] < 0x7f,
                 "segment id is printable");
    n0 = x12_error_format(e, NULL, 0);
    n = x12_error_format(e, full, sizeof full);
    FZ_CHECK(n == n0, "x12_error_format length does not depend on the buffer");
    FZ_CHECK(n < sizeof full && strlen(full) == n, "x12_error_format returns the length");
    for (k = 1; k <= sizeof small; k++) {
        memset(small, 'Z', sizeof small);
        FZ_CHECK(x12_error_format(e, small, k) == n, "truncated x12_error_format length");
        FZ_CHECK(strlen(small) == (n < k - 1 ? n : k - 1), "truncation NUL-terminates");
        FZ_CHECK(memcmp(small, full, strlen(small)) == 0, "truncated text is a prefix");
    }
}

/* ---- signatures --------------------------------------------------------------- */

static inline void fz_sig_error(fz_buf *s, const x12_error *e)
{
    char line[1400];

    fz_check_error(e);
    x12_error_format(e, line, 1024);
    fz_str(s, line);
    snprintf(line, sizeof line, " [%s sev=%d st=%d off=%llu el=%u co=%u re=%u loop=%s]\n",
             x12_error_rule(e), (int)x12_error_severity(e), (int)x12_error_status(e),
             (unsigned long long)x12_error_offset(e), x12_error_element(e),
             x12_error_component(e), x12_error_repetition(e), x12_error_loop_id(e));
    fz_str(s, line);
}

static inline int fz_view_ok(x12_str v)
{
    return v.ptr != NULL;
}

/* A view is empty or lies inside [lo, lo + n). */
static inline int fz_inside(x12_str v, const char *lo, size_t n)
{
    return v.len == 0 || (v.ptr >= lo && v.len <= n && v.ptr - lo <= (ptrdiff_t)(n - v.len));
}

/* Walks every view of a segment (the first and last few repetitions and
 * components of long elements: each view is found by a scan from the
 * element's start, and walking all would be quadratic) and checks each lies
 * inside the segment's raw bytes. */
static inline void fz_walk_segment(const x12_segment *seg, fz_buf *sig)
{
    x12_str raw = x12_segment_raw(seg), id = x12_segment_id(seg), v;
    size_t n = x12_segment_count(seg), i, k, j, nr, nc;
    x12_delimiters d = x12_segment_delimiters(seg);
    char line[64];

    FZ_CHECK(fz_view_ok(raw) && fz_view_ok(id), "views are never NULL");
    FZ_CHECK(fz_inside(id, raw.ptr, raw.len) && (id.len == 0 || id.ptr == raw.ptr),
             "id starts the segment");
    v = x12_segment_element(seg, 0);
    FZ_CHECK(v.len == id.len, "element 0 is the id");
    FZ_CHECK(x12_segment_element(seg, n + 1).len == 0, "element past the end is empty");
    for (i = 1; i <= n; i++) {
        x12_str el = x12_segment_element(seg, i);
        FZ_CHECK(fz_view_ok(el) && fz_inside(el, raw.ptr, raw.len), "element inside segment");
        FZ_CHECK(el.len == 0 || memchr(el.ptr, d.element, el.len) == NULL,
                 "no element separator inside an element");
        nr = x12_segment_repetition_count(seg, i);
        FZ_CHECK(nr <= el.len + 1, "repetitions bounded by length");
        FZ_CHECK((nr == 0) == (el.len == 0), "0 repetitions exactly when empty");
        for (k = 0; k <= nr + 1; k++) {
            x12_str rep;
            if (k > 3 && k + 3 < nr)
                k = nr - 3;
            rep = x12_segment_repetition(seg, i, k);
            FZ_CHECK(fz_view_ok(rep) && fz_inside(rep, el.ptr, el.len), "repetition inside");
            FZ_CHECK(k >= 1 || rep.len == 0, "repetition 0 is empty");
            nc = x12_segment_component_count(seg, i, k);
            FZ_CHECK(nc <= rep.len + 1, "components bounded by length");
            for (j = 0; j <= nc + 1; j++) {
                if (j > 3 && j + 3 < nc)
                    j = nc - 3;
                v = x12_segment_value(seg, i, k, j);
                FZ_CHECK(fz_view_ok(v) && fz_inside(v, rep.ptr, rep.len), "value inside");
                FZ_CHECK(d.component == 0 || v.len == 0 ||
                             memcmp(id.ptr, "ISA", id.len < 3 ? id.len : 3) == 0 ||
                             memchr(v.ptr, d.component, v.len) == NULL,
                         "no component separator inside a component");
            }
        }
        v = x12_segment_component(seg, i, 1);
        FZ_CHECK(fz_inside(v, el.ptr, el.len), "component inside");
    }
    if (sig != NULL) {
        snprintf(line, sizeof line, "{d=%02x%02x%02x%02x}", (unsigned char)d.element,
                 (unsigned char)d.component, (unsigned char)d.repetition,
                 (unsigned char)d.segment);
        fz_str(sig, line);
    }
}

/* Envelope context: every field and count, into the signature. */
static inline void fz_sig_envelope(const x12_envelope *env, fz_buf *sig)
{
    int f;
    char line[256];

    FZ_CHECK(env != NULL, "envelope is never NULL");
    for (f = X12_ENV_ISA05; f <= X12_ENV_ST03; f++) {
        x12_str v = x12_envelope_get(env, (x12_env_field)f);
        FZ_CHECK(fz_view_ok(v), "envelope field view");
        if (v.len) {
            snprintf(line, sizeof line, "f%d=", f);
            fz_str(sig, line);
            fz_add(sig, v.ptr, v.len);
            fz_str(sig, ";");
        }
    }
    snprintf(line, sizeof line, "c=%llu,%llu,%llu,%llu,%llu,%llu,%llu,%llu;in=%d%d%d\n",
             (unsigned long long)x12_envelope_count(env, X12_COUNT_INTERCHANGES),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_GROUPS),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_SETS),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_SET_SEGMENTS),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_SEGMENTS),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_TOTAL_GROUPS),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_TOTAL_SETS),
             (unsigned long long)x12_envelope_count(env, X12_COUNT_TOTAL_SEGMENTS),
             x12_envelope_in_interchange(env), x12_envelope_in_group(env),
             x12_envelope_in_set(env));
    fz_str(sig, line);
}

/* What a drain saw, for the whole-buffer invariants. */
typedef struct fz_drain_state {
    const char *input;     /* buffer-mode input, or NULL for push */
    size_t input_len;
    size_t next;           /* buffer mode: where the next segment must begin */
    int skipped;           /* some call failed: bytes may have been skipped */
    uint64_t last_offset;  /* offset of the last segment + 1 */
    uint64_t segments;
} fz_drain_state;

/*
 * Drains a reader into `sig`: every segment (leading, raw, trailer, number,
 * offset, set position, element count, delimiters, envelope context) and
 * every diagnostic.  Returns X12_END, X12_AGAIN (push: feed more) or the
 * fatal status.  In buffer mode (ds->input set) also checks that segments
 * are views of the input that tile it in order.
 */
static inline x12_status fz_drain(x12_reader *r, fz_buf *sig, fz_drain_state *ds)
{
    const x12_segment *seg;
    x12_status st;
    size_t i;
    char line[160];

    for (;;) {
        st = x12_reader_next(r, &seg);
        for (i = 0; i < x12_reader_error_count(r); i++)
            fz_sig_error(sig, x12_reader_error_at(r, i));
        FZ_CHECK(x12_reader_error_at(r, x12_reader_error_count(r)) == NULL,
                 "error_at past the end is NULL");
        if (st == X12_OK) {
            x12_str raw = x12_segment_raw(seg), tr = x12_segment_trailer(seg);
            x12_str ld = x12_segment_leading(seg);
            uint64_t off = x12_segment_offset(seg);

            FZ_CHECK(seg != NULL, "a segment with X12_OK");
            FZ_CHECK(x12_reader_last_error(r) == NULL, "no last error with X12_OK");
            FZ_CHECK(ds->segments == 0 || off >= ds->last_offset, "offsets increase");
            FZ_CHECK(x12_segment_number(seg) >= 1, "segment numbers start at 1");
            /* An empty view points at a static "", not into the input. */
            FZ_CHECK(ld.len == 0 || raw.len == 0 || ld.ptr + ld.len == raw.ptr,
                     "leading precedes the data");
            FZ_CHECK(raw.len == 0 || tr.len == 0 || raw.ptr + raw.len == tr.ptr,
                     "trailer follows the data");
            FZ_CHECK(x12_reader_offset(r) == off + raw.len + tr.len,
                     "reader offset is past the trailer");
            if (ds->input != NULL) {
                FZ_CHECK(fz_inside(raw, ds->input, ds->input_len) &&
                             fz_inside(tr, ds->input, ds->input_len) &&
                             fz_inside(ld, ds->input, ds->input_len),
                         "views lie inside the input buffer");
                FZ_CHECK(raw.len == 0 || off == (uint64_t)(raw.ptr - ds->input),
                         "segment offset is its position in the input");
                if (!ds->skipped)
                    FZ_CHECK(off == ds->next + ld.len,
                             "segments tile the input: nothing dropped between them");
                else
                    FZ_CHECK(off >= ds->next + ld.len, "segments do not overlap");
                ds->next = (size_t)off + raw.len + tr.len;
            }
            ds->last_offset = off + 1;
            ds->segments++;
            fz_walk_segment(seg, sig);
            fz_add(sig, ld.ptr, ld.len);
            fz_add(sig, raw.ptr, raw.len);
            snprintf(line, sizeof line, "|n=%llu|o=%llu|p=%llu|e=%zu|",
                     (unsigned long long)x12_segment_number(seg), (unsigned long long)off,
                     (unsigned long long)x12_segment_set_position(seg), x12_segment_count(seg));
            fz_str(sig, line);
            fz_add(sig, tr.ptr, tr.len);
            fz_sig_envelope(x12_reader_envelope(r), sig);
            continue;
        }
        FZ_CHECK(seg == NULL, "no segment without X12_OK");
        if (st == X12_AGAIN)
            return st;
        if (st == X12_END) {
            FZ_CHECK(x12_reader_next(r, &seg) == X12_END && seg == NULL,
                     "X12_END is sticky");
            if (ds->input != NULL && !ds->skipped)
                FZ_CHECK(ds->next == ds->input_len,
                         "segments tile the input: no bytes dropped at the end");
            return st;
        }
        FZ_CHECK(x12_reader_last_error(r) != NULL, "a failing call has a last error");
        FZ_CHECK(x12_error_status(x12_reader_last_error(r)) == st,
                 "last error carries the status returned");
        fz_sig_error(sig, x12_reader_last_error(r));
        ds->skipped = 1;
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL) {
            FZ_CHECK(x12_reader_next(r, &seg) == st && seg == NULL, "fatal errors are sticky");
            return st;
        }
    }
}

static inline void fz_sig_final(fz_buf *sig, const x12_reader *r, x12_status st)
{
    char line[96];

    snprintf(line, sizeof line, "#end st=%d errors=%llu warnings=%llu\n", (int)st,
             (unsigned long long)x12_reader_total_errors(r),
             (unsigned long long)x12_reader_total_warnings(r));
    fz_str(sig, line);
}

/* Signature of reading the whole buffer with options o. */
static inline x12_status fz_sig_buffer(const uint8_t *data, size_t len, const fz_opts *o,
                                       fz_buf *sig)
{
    x12_reader *r = fz_reader_new(o);
    fz_drain_state ds;
    x12_status st;

    memset(&ds, 0, sizeof ds);
    ds.input = (const char *)data;
    ds.input_len = len;
    FZ_CHECK(x12_reader_open_buffer(r, len ? data : NULL, len) == X12_OK, "open_buffer");
    st = fz_drain(r, sig, &ds);
    FZ_CHECK(st != X12_AGAIN, "a buffer reader never asks for more");
    fz_sig_final(sig, r, st);
    x12_reader_free(r);
    return st;
}

/* Signature of pushing the bytes in chunks of sizes[0..nsizes) (cycled; a
 * size of 0 means 1). */
static inline x12_status fz_sig_push(const uint8_t *data, size_t len, const fz_opts *o,
                              const unsigned char *sizes, size_t nsizes, fz_buf *sig)
{
    x12_reader *r = fz_reader_new(o);
    fz_drain_state ds;
    x12_status st = X12_AGAIN;
    size_t off = 0, k = 0;

    memset(&ds, 0, sizeof ds);
    while (st == X12_AGAIN) {
        size_t n = nsizes ? sizes[k % nsizes] : len;
        int final;
        if (n == 0)
            n = 1;
        k++;
        if (n > len - off)
            n = len - off;
        final = off + n == len;
        FZ_CHECK(x12_reader_feed(r, n ? data + off : NULL, n, final) == X12_OK, "feed");
        off += n;
        st = fz_drain(r, sig, &ds);
        FZ_CHECK(st != X12_AGAIN || !final, "X12_AGAIN after the final chunk");
    }
    fz_sig_final(sig, r, st);
    x12_reader_free(r);
    return st;
}

/* ---- harness 1: the whole-buffer reader ------------------------------------- */

static inline void fz_reader_one(const uint8_t *data, size_t len)
{
    /* Defaults; small limits with recovery; strict with small limits and
     * no envelope checks. */
    static const unsigned char opt_bytes[3] = {0x00, 0x14, 0x27};
    size_t i;
    uint64_t best, sc;

    /* Differential as well: every scanner this CPU has must give the
     * general scanner's signature (all of them with the first option set,
     * the fastest with the others). */
    {
        x12_reader *r = NULL;
        FZ_CHECK(x12_reader_new(NULL, &r) == X12_OK, "x12_reader_new");
        best = 0;
        for (sc = FZ_SCAN_GENERAL; sc < sizeof fz_scan_names / sizeof fz_scan_names[0]; sc++)
            if (strcmp(x12_reader_scanner_name(r), fz_scan_names[sc]) == 0)
                best = sc;
        x12_reader_free(r);
        FZ_CHECK(best >= FZ_SCAN_GENERAL, "scanner name");
    }
    for (i = 0; i < sizeof opt_bytes; i++) {
        fz_opts o = fz_opts_from(opt_bytes[i]);
        fz_buf want = {0, 0, 0};

        o.scan = FZ_SCAN_GENERAL;
        fz_sig_buffer(data, len, &o, &want);
        for (sc = i == 0 ? FZ_SCAN_GENERAL + 1 : best; sc <= best; sc++) {
            fz_buf got = {0, 0, 0};
            o.scan = sc;
            fz_sig_buffer(data, len, &o, &got);
            if (!fz_eq(&want, &got)) {
                fz_show_diff("general scanner", &want, "indexed scanner", &got);
                fz_fail(__FILE__, __LINE__, "want == got", "scanners disagree");
            }
            fz_free(&got);
        }
        fz_free(&want);
    }
}

/* ---- harness 2: push with fuzzer-chosen chunking, differential ---------------- */

/*
 * Input layout: byte 0 options (fz_opts_from), byte 1 low 3 bits: number of
 * chunk sizes k - 1 (1..8), then k bytes of chunk sizes (0 means 1), then
 * the data.  The push reader's signature must equal the buffer reader's
 * with the same options (but the fastest scanner: bit 7 of byte 0 makes
 * only the push reader use the general one).  Pushed gzip is decoded while a buffer is not: for
 * data starting with the gzip magic the reference is the same bytes pushed
 * in one chunk.
 */
static inline void fz_push_one(const uint8_t *in, size_t inlen)
{
    fz_opts o;
    size_t k;
    const unsigned char *sizes;
    const uint8_t *data;
    size_t len;
    fz_buf want = {0, 0, 0}, got = {0, 0, 0};

    if (inlen < 2)
        return;
    o = fz_opts_from(in[0]);
    k = (size_t)(in[1] & 7) + 1;
    if (inlen < 2 + k)
        return;
    sizes = in + 2;
    data = in + 2 + k;
    len = inlen - 2 - k;
    {
        fz_opts ow = o;
        ow.scan = 0;
        if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b)
            fz_sig_push(data, len, &ow, NULL, 0, &want);
        else
            fz_sig_buffer(data, len, &ow, &want);
    }
    fz_sig_push(data, len, &o, sizes, k, &got);
    if (!fz_eq(&want, &got)) {
        fz_show_diff("whole buffer", &want, "pushed in chunks", &got);
        fz_fail(__FILE__, __LINE__, "want == got", "push and buffer readers disagree");
    }
    fz_free(&want);
    fz_free(&got);
}

/* ---- harness 3: read -> copy round trip ------------------------------------------ */

static inline int fz_is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The writer's documented rule for delimiters (x12_writer_set_delimiters),
 * restated independently. */
static inline int fz_writer_accepts_delims(x12_delimiters d)
{
    char v[4];
    int i, j;

    v[0] = d.element;
    v[1] = d.component;
    v[2] = d.repetition;
    v[3] = d.segment;
    for (i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)v[i];
        if (i == 2 && c == 0)
            continue;
        if (c == 0 || c == ' ' || fz_is_alnum(c))
            return 0;
        if (i != 3 && (c == '\r' || c == '\n'))
            return 0;
        for (j = 0; j < i; j++)
            if (v[j] == v[i])
                return 0;
    }
    return 1;
}

/* 1 when bytes [p, p+n) hold one of the delimiters the writer refuses in
 * data: component, repetition (if any) or terminator (the reader splits on
 * the element separator, so it never reaches here). */
static inline int fz_has_delim(const char *p, size_t n, x12_delimiters d)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] == d.element || p[i] == d.component || p[i] == d.segment ||
            (d.repetition != 0 && p[i] == d.repetition))
            return 1;
    return 0;
}

static inline int fz_is_isa(const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);
    return id.len == 3 && memcmp(id.ptr, "ISA", 3) == 0;
}

/*
 * Why the writer may refuse to copy a segment the reader accepted, in
 * verbatim mode with the reader's own delimiters.  Each reason is a rule
 * the writer documents (it refuses delimiter bytes in data, and ISA11/ISA16
 * that contradict its delimiters), checked here from the segment itself:
 *  - the segment id holds a component or repetition separator or the
 *    terminator (the reader reports such an id as "segment-id" and hands
 *    it out; the writer treats the id as data);
 *  - an ISA element other than ISA11/ISA16 holds one (the reader does not
 *    split ISA elements: "ISA*00*AB:CD*..." is read, not written);
 *  - ISA11 is neither a letter/digit nor the interchange's repetition
 *    separator (00401 files with ISA11 '^', ISA11 equal to another
 *    delimiter, a wide ISA11).
 * Returns the writer status that is legitimate for this segment, or X12_OK
 * when the writer must accept it.
 */
static inline x12_status fz_copy_refusal(const x12_segment *seg)
{
    x12_delimiters d = x12_segment_delimiters(seg);
    x12_str id = x12_segment_id(seg), v;
    size_t i;

    if (fz_has_delim(id.ptr, id.len, d))
        return X12_EDELIM;
    if (!fz_is_isa(seg))
        return X12_OK;
    for (i = 1; i <= x12_segment_count(seg); i++) {
        if (i == 11 || i == 16)
            continue;
        v = x12_segment_element(seg, i);
        if (fz_has_delim(v.ptr, v.len, d))
            return X12_EDELIM;
    }
    v = x12_segment_element(seg, 11);
    if (!(v.len == 1 && (fz_is_alnum((unsigned char)v.ptr[0]) ||
                         (d.repetition != 0 && v.ptr[0] == d.repetition))))
        return X12_EINVAL;
    v = x12_segment_element(seg, 16);
    if (!(v.len == 1 && v.ptr[0] == d.component))
        return X12_EINVAL;
    return X12_OK;
}

/*
 * Reads the input from a buffer and copies every segment to a memory
 * writer (the reader's delimiters, X12_COPY_KEEP_BREAKS, verbatim).
 *
 * The output must equal the input byte for byte unless
 *  - a reader call failed (fatal, or an error after which bytes were
 *    skipped: over-long segment, too many elements, junk after IEA): those
 *    bytes are not in any segment, so cannot be copied; or
 *  - the writer refused a segment for a reason fz_copy_refusal (or
 *    fz_writer_accepts_delims, or a new ISA with other delimiters while the
 *    previous interchange is still open, which x12_writer_set_delimiters
 *    refuses) says it must.
 * Any other refusal, and any difference in the output, aborts.
 */
static inline void fz_roundtrip_one(const uint8_t *data, size_t len)
{
    x12_reader *r = NULL;
    x12_writer *w = NULL;
    const x12_segment *seg;
    x12_status st, cs;
    x12_delimiters cur = {'*', ':', '^', '~'};
    int open_ic = 0, refused = 0, skipped = 0;
    const char *out;
    size_t outlen;

    FZ_CHECK(x12_reader_new(NULL, &r) == X12_OK, "reader");
    FZ_CHECK(x12_reader_open_buffer(r, len ? data : NULL, len) == X12_OK, "open");
    FZ_CHECK(x12_writer_new(NULL, &w) == X12_OK, "writer");
    FZ_CHECK(x12_writer_to_memory(w) == X12_OK, "memory output");
    FZ_CHECK(x12_writer_set_option(w, X12_WOPT_VERBATIM, 1) == X12_OK, "verbatim");

    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_END)
            break;
        if (st != X12_OK) {
            const x12_error *e = x12_reader_last_error(r);
            fz_check_error(e);
            skipped = 1;
            if (x12_error_severity(e) == X12_SEV_FATAL)
                break;
            continue;
        }
        if (refused)
            continue;
        {
            x12_delimiters d = x12_segment_delimiters(seg);
            if (d.element != cur.element || d.component != cur.component ||
                d.repetition != cur.repetition || d.segment != cur.segment) {
                cs = x12_writer_set_delimiters(w, d.element, d.component, d.repetition,
                                               d.segment);
                if (cs != X12_OK) {
                    fz_check_error(x12_writer_last_error(w));
                    FZ_CHECK((cs == X12_EINVAL && !fz_writer_accepts_delims(d)) ||
                                 (cs == X12_ESTATE && open_ic),
                             "x12_writer_set_delimiters refused the reader's delimiters");
                    refused = 1;
                    continue;
                }
                FZ_CHECK(fz_writer_accepts_delims(d), "writer accepted bad delimiters");
                cur = d;
            }
        }
        cs = x12_writer_copy(w, seg, X12_COPY_KEEP_BREAKS);
        if (cs != X12_OK) {
            x12_status why = fz_copy_refusal(seg);
            const x12_error *e = x12_writer_last_error(w);
            FZ_CHECK(e != NULL, "a refused copy has a last error");
            fz_check_error(e);
            if (why == X12_OK || cs != why) {
                fprintf(stderr, "fuzz harness: copy of segment %llu at offset %llu refused: "
                                "%d (%s: %s), expected %d\n",
                        (unsigned long long)x12_segment_number(seg),
                        (unsigned long long)x12_segment_offset(seg), (int)cs,
                        x12_error_rule(e), x12_error_message(e), (int)why);
                fz_fail(__FILE__, __LINE__, "cs == why", "x12_writer_copy refused a segment");
            }
            refused = 1;
            continue;
        }
        {
            x12_str id = x12_segment_id(seg);
            if (fz_is_isa(seg))
                open_ic = 1;
            else if (id.len == 3 && memcmp(id.ptr, "IEA", 3) == 0)
                open_ic = 0;
        }
    }
    if (!refused)
        FZ_CHECK(x12_writer_finish(w) == X12_OK, "verbatim finish accepts open envelopes");
    out = x12_writer_memory(w, &outlen);
    FZ_CHECK(out != NULL, "memory output");
    if (!skipped && !refused) {
        if (outlen != len || (len && memcmp(out, data, len) != 0)) {
            size_t i = 0;
            while (i < len && i < outlen && out[i] == (char)data[i])
                i++;
            fprintf(stderr, "fuzz harness: round trip differs at byte %zu (in %zu, out %zu)\n",
                    i, len, outlen);
            fz_fail(__FILE__, __LINE__, "out == in", "read -> copy did not reproduce the input");
        }
    }
    x12_writer_free(w);
    x12_reader_free(r);
}

#endif /* X12_FUZZ_HARNESS_H */
