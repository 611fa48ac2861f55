/*
 * fuzz/harness_modules.h - the logic of the libFuzzer harnesses for the
 * modules above the reader (835 remittances, the validator with its 999 and
 * TA1, implementation-guide XML, encounter XML), shared like fuzz/harness.h
 * (whose helpers it uses) by the libFuzzer mains and by the regression
 * replay test tests/check_fuzz_regressions.c.  Same rules: each
 * fz_*_one(data, len) returns when the library behaved and aborts, after a
 * line on stderr, when an invariant broke.
 *
 *   fz_remit835_one   835: whole-file tree with every accessor walked, then
 *                     DIFFERENTIAL: the same bytes pushed in fuzzer-chosen
 *                     chunks through the stream (or through collect) must
 *                     give the tree's data claim by claim, and the same
 *                     diagnostics; optionally again with an allocator that
 *                     fails from the Nth call (X12_ENOMEM or the same tree,
 *                     nothing leaked).
 *   fz_validate_one   reader -> validator (guides from ST03/GS08 or forced),
 *                     lenient and strict, every issue and event walked; a
 *                     999 and a TA1 written to memory must read back with no
 *                     reader error.
 *   fz_spec_one       x12_spec_load_memory on the bytes; when it loads, a
 *                     fixed clean 837P is validated with it and its 999 read
 *                     back.
 *   fz_encounter_one  x12_batch_load_xml_memory on the bytes, x12_batch_check
 *                     and, when it passes, x12_batch_write to memory: the
 *                     output reads back with no reader error and writing
 *                     twice gives the same bytes.  DIFFERENTIAL: the
 *                     streaming build of the same bytes
 *                     (x12_batch_build_xml_buffer) gives the same status,
 *                     the same XML records and edits, and the same bytes
 *                     (none but an unfinished interchange when it fails).
 *   fz_jsonl_one      x12_batch_build_jsonl_buffer on the bytes: a
 *                     documented status, well-formed records in printable
 *                     ASCII, an output that reads back clean when it passes
 *                     and has no IEA when it fails.  DIFFERENTIAL: the same
 *                     bytes read through the callback in fuzzer-chosen
 *                     chunks give the same status, records and bytes.
 */
#ifndef X12_FUZZ_HARNESS_MODULES_H
#define X12_FUZZ_HARNESS_MODULES_H

#include "harness.h"

/* ---- known bugs ----------------------------------------------------------------
 * A bug that is reported and not fixed yet would stop every fuzzing run at
 * its first shallow input.  Each has a tag (in its line of
 * fuzz/regressions/OPEN, "[known: TAG]"); fuzz/run.sh passes the tags in
 * the environment variable FZ_KNOWN (comma-separated), and the check that
 * the bug breaks is then relaxed for exactly that bug.  Without FZ_KNOWN
 * (make check, the replay) every check is strict, so the regression files
 * of open bugs keep failing until the bug is fixed. */
static inline int fz_known(const char *tag)
{
    const char *k = getenv("FZ_KNOWN"), *p;
    size_t n = strlen(tag);

    for (p = k; p != NULL && *p != '\0'; p++) {
        if ((p == k || p[-1] == ',') && strncmp(p, tag, n) == 0 &&
            (p[n] == '\0' || p[n] == ','))
            return 1;
    }
    return 0;
}

/* ---- small signature helpers ------------------------------------------------ */

/* A view: ptr is never NULL (every module promises it); its bytes are read
 * (so a sanitizer sees a dangling or short view) and added to sig. */
static inline void fz_sv(fz_buf *sig, const char *tag, x12_str v)
{
    FZ_CHECK(v.ptr != NULL, "a view's ptr is never NULL");
    FZ_CHECK(v.len < ((size_t)1 << 31), "a view's length is sane");
    fz_str(sig, tag);
    fz_str(sig, "=");
    fz_add(sig, v.ptr, v.len);
    fz_str(sig, "|");
}

static inline void fz_sn(fz_buf *sig, const char *tag, long long n)
{
    char b[64];

    snprintf(b, sizeof b, "%s=%lld|", tag, n);
    fz_str(sig, b);
}

/* A NUL-terminated string a module hands out (static or owned). */
static inline void fz_ss(fz_buf *sig, const char *tag, const char *s)
{
    FZ_CHECK(s != NULL, "a string accessor never returns NULL");
    fz_str(sig, tag);
    fz_str(sig, "=");
    fz_str(sig, s);
    fz_str(sig, "|");
}

/* ---- an allocator that counts, and fails from its Nth call on ---------------- */

typedef struct fz_alloc_state {
    uint64_t calls;   /* malloc and realloc calls so far */
    uint64_t fail_at; /* 0: never fail; else fail every call from this one */
    long live;        /* blocks allocated and not freed */
    int failed;       /* 1 once a call was refused */
} fz_alloc_state;

static inline int fz_alloc_refuse(fz_alloc_state *st)
{
    st->calls++;
    if (st->fail_at != 0 && st->calls >= st->fail_at) {
        st->failed = 1;
        return 1;
    }
    return 0;
}

static inline void *fz_alloc_malloc(size_t n, void *user)
{
    fz_alloc_state *st = (fz_alloc_state *)user;
    void *p;

    if (fz_alloc_refuse(st))
        return NULL;
    p = malloc(n ? n : 1);
    if (p != NULL)
        st->live++;
    return p;
}

static inline void *fz_alloc_realloc(void *old, size_t n, void *user)
{
    fz_alloc_state *st = (fz_alloc_state *)user;
    void *p;

    if (fz_alloc_refuse(st))
        return NULL;
    p = realloc(old, n ? n : 1);
    if (p != NULL && old == NULL)
        st->live++;
    return p;
}

static inline void fz_alloc_free(void *p, void *user)
{
    fz_alloc_state *st = (fz_alloc_state *)user;

    if (p != NULL)
        st->live--;
    free(p);
}

static inline x12_allocator fz_allocator(fz_alloc_state *st)
{
    x12_allocator a;

    memset(st, 0, sizeof *st);
    a.struct_size = sizeof a;
    a.malloc_fn = fz_alloc_malloc;
    a.realloc_fn = fz_alloc_realloc;
    a.free_fn = fz_alloc_free;
    a.user = st;
    return a;
}

/* Reads bytes written by one of our writers back with a default reader:
 * every segment must come out with no error or warning, to the end.  No
 * bytes at all is fine (nothing was there to write). */
static inline void fz_reads_clean(const char *what, const char *out, size_t n)
{
    x12_reader *r = NULL;
    const x12_segment *seg;
    x12_status st;

    if (n == 0)
        return; /* nothing written (no interchange to acknowledge) */
    FZ_CHECK(x12_reader_new(NULL, &r) == X12_OK, "reader");
    FZ_CHECK(x12_reader_open_buffer(r, out, n) == X12_OK, "open");
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        if (x12_reader_error_count(r) != 0) {
            char line[1024];
            x12_error_format(x12_reader_error_at(r, 0), line, sizeof line);
            fprintf(stderr, "fuzz harness: %s reads back with: %s\n", what, line);
            fz_fail(__FILE__, __LINE__, "error_count == 0", "written X12 does not read back");
        }
    }
    if (st != X12_END || x12_reader_total_errors(r) != 0) {
        char line[1024] = "";
        const x12_error *e = st != X12_END ? x12_reader_last_error(r)
                             : x12_reader_error_count(r) ? x12_reader_error_at(r, 0) : NULL;
        if (e != NULL)
            x12_error_format(e, line, sizeof line);
        fprintf(stderr, "fuzz harness: %s reads back with status %d: %s\n", what, (int)st,
                line);
        fprintf(stderr, "--- written:\n%.*s\n", (int)(n > 4000 ? 4000 : n), out);
        fz_fail(__FILE__, __LINE__, "st == X12_END && errors == 0",
                "written X12 does not read back");
    }
    x12_reader_free(r);
}

/* ================================================================================
 * 835 remittances
 * ================================================================================ */

static inline void fz_r_name(fz_buf *b, const x12_remit_name *n)
{
    size_t i;
    unsigned f;

    FZ_CHECK(n != NULL, "name");
    for (f = 0; f <= 16; f++)
        fz_sv(b, "nf", x12_remit_name_get(n, (x12_remit_name_field)f));
    for (i = 0; i < x12_remit_name_ref_count(n); i++) {
        const x12_remit_ref *r = x12_remit_name_ref_at(n, i);
        FZ_CHECK(r != NULL, "name ref");
        fz_sv(b, "nrq", x12_remit_ref_qualifier(r));
        fz_sv(b, "nrv", x12_remit_ref_value(r));
        fz_sv(b, "nrd", x12_remit_ref_description(r));
    }
    FZ_CHECK(x12_remit_name_ref_at(n, i) == NULL, "name ref past the end");
    for (i = 0; i < x12_remit_name_contact_count(n); i++) {
        const x12_remit_contact *c = x12_remit_name_contact_at(n, i);
        FZ_CHECK(c != NULL, "name contact");
        for (f = 0; f <= 9; f++)
            fz_sv(b, "nc", x12_remit_contact_element(c, f));
    }
    FZ_CHECK(x12_remit_name_contact_at(n, i) == NULL, "name contact past the end");
}

static inline void fz_r_adj(fz_buf *b, const x12_remit_adjustment *a)
{
    x12_str g, r;
    const char *t;

    FZ_CHECK(a != NULL, "adjustment");
    g = x12_remit_adjustment_group(a);
    r = x12_remit_adjustment_reason(a);
    fz_sv(b, "ag", g);
    fz_sv(b, "ar", r);
    fz_sn(b, "aa", (long long)x12_remit_adjustment_amount_cents(a));
    fz_sv(b, "aq", x12_remit_adjustment_quantity(a));
    fz_sn(b, "am", (long long)x12_remit_adjustment_quantity_milli(a));
    fz_sn(b, "al", (long long)x12_remit_adjustment_line(a));
    t = x12_remit_code_text(X12_CODESET_CARC, r.ptr, r.len);
    fz_ss(b, "at", t ? t : "-");
    t = x12_remit_code_text(X12_CODESET_GROUP, g.ptr, g.len);
    fz_ss(b, "gt", t ? t : "-");
}

static inline void fz_r_remark(fz_buf *b, const x12_remit_remark *r)
{
    x12_str c;
    const char *t, *src;

    FZ_CHECK(r != NULL, "remark");
    src = x12_remit_remark_source(r);
    FZ_CHECK(src != NULL && (strcmp(src, "MIA") == 0 || strcmp(src, "MOA") == 0 ||
                             strcmp(src, "LQ") == 0),
             "remark source is MIA, MOA or LQ");
    fz_ss(b, "rs", src);
    fz_sv(b, "rq", x12_remit_remark_qualifier(r));
    c = x12_remit_remark_code(r);
    fz_sv(b, "rc", c);
    t = x12_remit_code_text(X12_CODESET_RARC, c.ptr, c.len);
    fz_ss(b, "rt", t ? t : "-");
}

static inline void fz_r_ref(fz_buf *b, const x12_remit_ref *r)
{
    FZ_CHECK(r != NULL, "ref");
    fz_sv(b, "fq", x12_remit_ref_qualifier(r));
    fz_sv(b, "fv", x12_remit_ref_value(r));
    fz_sv(b, "fd", x12_remit_ref_description(r));
}

static inline void fz_r_date(fz_buf *b, const x12_remit_date *d)
{
    FZ_CHECK(d != NULL, "date");
    fz_sv(b, "dq", x12_remit_date_qualifier(d));
    fz_sv(b, "dv", x12_remit_date_value(d));
}

static inline void fz_r_amount(fz_buf *b, const x12_remit_amount *a)
{
    FZ_CHECK(a != NULL, "amount");
    fz_sv(b, "mq", x12_remit_amount_qualifier(a));
    fz_sn(b, "mc", (long long)x12_remit_amount_cents(a));
}

static inline void fz_r_qty(fz_buf *b, const x12_remit_quantity *q)
{
    FZ_CHECK(q != NULL, "quantity");
    fz_sv(b, "qq", x12_remit_quantity_qualifier(q));
    fz_sv(b, "qt", x12_remit_quantity_text(q));
    fz_sn(b, "qm", (long long)x12_remit_quantity_milli(q));
}

static inline void fz_r_issue(fz_buf *b, const x12_error *e)
{
    FZ_CHECK(e != NULL, "issue");
    fz_str(b, "issue ");
    fz_sig_error(b, e);
}

static inline void fz_r_header(fz_buf *b, const x12_remit_header *h)
{
    unsigned f;

    if (h == NULL) {
        fz_str(b, "nohdr|");
        return;
    }
    fz_sv(b, "lx", x12_remit_header_number(h));
    for (f = 0; f <= 25; f++)
        fz_sv(b, "ts3", x12_remit_header_ts3(h, f));
    for (f = 0; f <= 20; f++)
        fz_sv(b, "ts2", x12_remit_header_ts2(h, f));
}

static inline void fz_r_service(fz_buf *b, const x12_remit_service *s, size_t index)
{
    size_t j;
    unsigned f;

    FZ_CHECK(s != NULL, "service");
    FZ_CHECK(x12_remit_service_index(s) == index, "service index is its position");
    fz_str(b, "\n  svc ");
    for (f = 0; f <= 21; f++)
        fz_sv(b, "sf", x12_remit_service_get(s, (x12_remit_service_field)f));
    fz_sv(b, "sp", x12_remit_service_procedure(s));
    fz_sn(b, "ch", (long long)x12_remit_service_charge_cents(s));
    fz_sn(b, "pd", (long long)x12_remit_service_paid_cents(s));
    fz_sn(b, "un", (long long)x12_remit_service_units_milli(s));
    fz_sn(b, "al", (long long)x12_remit_service_allowed_cents(s));
    fz_sn(b, "ha", x12_remit_service_has_allowed(s));
    fz_sn(b, "sg", (long long)x12_remit_service_segment_number(s));
    fz_sn(b, "so", (long long)x12_remit_service_offset(s));
    fz_sn(b, "oc", (long long)x12_remit_service_outcome(s));
    fz_ss(b, "on", x12_remit_outcome_name(x12_remit_service_outcome(s)));
    fz_sn(b, "bl", x12_remit_service_balanced(s));
    for (f = 1; f <= 5; f++)
        fz_sn(b, "sh", (long long)x12_remit_service_patient_share_cents(s, (x12_remit_share)f));
    for (j = 0; j < x12_remit_service_adjustment_count(s); j++) {
        const x12_remit_adjustment *a = x12_remit_service_adjustment_at(s, j);
        fz_r_adj(b, a);
        FZ_CHECK(x12_remit_adjustment_line(a) == index + 1,
                 "a line adjustment names its line");
    }
    FZ_CHECK(x12_remit_service_adjustment_at(s, j) == NULL, "past the end");
    for (j = 0; j < x12_remit_service_remark_count(s); j++)
        fz_r_remark(b, x12_remit_service_remark_at(s, j));
    FZ_CHECK(x12_remit_service_remark_at(s, j) == NULL, "past the end");
    for (j = 0; j < x12_remit_service_date_count(s); j++)
        fz_r_date(b, x12_remit_service_date_at(s, j));
    FZ_CHECK(x12_remit_service_date_at(s, j) == NULL, "past the end");
    fz_sv(b, "sd472", x12_remit_service_find_date(s, "472"));
    fz_sv(b, "sd150", x12_remit_service_find_date(s, "150"));
    for (j = 0; j < x12_remit_service_ref_count(s); j++)
        fz_r_ref(b, x12_remit_service_ref_at(s, j));
    FZ_CHECK(x12_remit_service_ref_at(s, j) == NULL, "past the end");
    for (j = 0; j < x12_remit_service_amount_count(s); j++)
        fz_r_amount(b, x12_remit_service_amount_at(s, j));
    FZ_CHECK(x12_remit_service_amount_at(s, j) == NULL, "past the end");
    for (j = 0; j < x12_remit_service_quantity_count(s); j++)
        fz_r_qty(b, x12_remit_service_quantity_at(s, j));
    FZ_CHECK(x12_remit_service_quantity_at(s, j) == NULL, "past the end");
}

/*
 * Everything a claim says that a stream and a tree must agree on: every
 * accessor but x12_remit_claim_corrected_by (trees only).  `pay` is the
 * payment the claim must point to; `index` its position in the payment.
 */
static inline void fz_r_claim(fz_buf *b, const x12_remit_claim *c, const x12_remit_payment *pay,
                              size_t index)
{
    size_t i, nerr = 0;
    unsigned f;
    const char *t;

    FZ_CHECK(c != NULL, "claim");
    FZ_CHECK(x12_remit_claim_payment(c) == pay, "a claim points to its payment");
    FZ_CHECK(x12_remit_claim_index(c) == index, "claim index is its position in the payment");
    fz_str(b, "claim ");
    for (f = 0; f <= 14; f++)
        fz_sv(b, "cf", x12_remit_claim_get(c, (x12_remit_claim_field)f));
    fz_sv(b, "pcn", x12_remit_claim_patient_control_number(c));
    fz_sv(b, "st", x12_remit_claim_status(c));
    t = x12_remit_claim_status_text(c);
    fz_ss(b, "stt", t);
    fz_sv(b, "pccn", x12_remit_claim_payer_claim_control_number(c));
    fz_sn(b, "ch", (long long)x12_remit_claim_charge_cents(c));
    fz_sn(b, "pd", (long long)x12_remit_claim_paid_cents(c));
    fz_sn(b, "pr", (long long)x12_remit_claim_patient_resp_cents(c));
    fz_sn(b, "sg", (long long)x12_remit_claim_segment_number(c));
    fz_sn(b, "of", (long long)x12_remit_claim_offset(c));
    fz_r_header(b, x12_remit_claim_header(c));
    for (i = 0; i < x12_remit_claim_name_count(c); i++)
        fz_r_name(b, x12_remit_claim_name_at(c, i));
    FZ_CHECK(x12_remit_claim_name_at(c, i) == NULL, "past the end");
    {
        static const char *const ents[] = {"QC", "IL", "74", "82", "TT", "PR", "GB", "ZZ"};
        size_t k;
        for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
            const x12_remit_name *n = x12_remit_claim_find_name(c, ents[k]);
            if (n != NULL) {
                x12_str e = x12_remit_name_get(n, X12_RN_ENTITY);
                FZ_CHECK(e.len == 2 && memcmp(e.ptr, ents[k], 2) == 0,
                         "find_name finds a name with that entity code");
            }
            fz_sn(b, "fn", n != NULL);
        }
    }
    for (i = 0; i < x12_remit_claim_adjustment_count(c); i++) {
        const x12_remit_adjustment *a = x12_remit_claim_adjustment_at(c, i);
        fz_r_adj(b, a);
        FZ_CHECK(x12_remit_adjustment_line(a) == 0, "a claim adjustment has line 0");
    }
    FZ_CHECK(x12_remit_claim_adjustment_at(c, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_claim_remark_count(c); i++)
        fz_r_remark(b, x12_remit_claim_remark_at(c, i));
    FZ_CHECK(x12_remit_claim_remark_at(c, i) == NULL, "past the end");
    for (f = 0; f <= 25; f++)
        fz_sv(b, "mia", x12_remit_claim_mia(c, f));
    for (f = 0; f <= 10; f++)
        fz_sv(b, "moa", x12_remit_claim_moa(c, f));
    for (i = 0; i < x12_remit_claim_date_count(c); i++)
        fz_r_date(b, x12_remit_claim_date_at(c, i));
    FZ_CHECK(x12_remit_claim_date_at(c, i) == NULL, "past the end");
    fz_sv(b, "d232", x12_remit_claim_find_date(c, "232"));
    fz_sv(b, "d050", x12_remit_claim_find_date(c, "050"));
    for (i = 0; i < x12_remit_claim_ref_count(c); i++)
        fz_r_ref(b, x12_remit_claim_ref_at(c, i));
    FZ_CHECK(x12_remit_claim_ref_at(c, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_claim_amount_count(c); i++)
        fz_r_amount(b, x12_remit_claim_amount_at(c, i));
    FZ_CHECK(x12_remit_claim_amount_at(c, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_claim_quantity_count(c); i++)
        fz_r_qty(b, x12_remit_claim_quantity_at(c, i));
    FZ_CHECK(x12_remit_claim_quantity_at(c, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_claim_contact_count(c); i++) {
        const x12_remit_contact *ct = x12_remit_claim_contact_at(c, i);
        FZ_CHECK(ct != NULL, "contact");
        for (f = 0; f <= 9; f++)
            fz_sv(b, "cc", x12_remit_contact_element(ct, f));
    }
    FZ_CHECK(x12_remit_claim_contact_at(c, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_claim_service_count(c); i++)
        fz_r_service(b, x12_remit_claim_service_at(c, i), i);
    FZ_CHECK(x12_remit_claim_service_at(c, i) == NULL, "past the end");
    fz_str(b, "\n  ");
    fz_sn(b, "oc", (long long)x12_remit_claim_outcome(c));
    fz_ss(b, "on", x12_remit_outcome_name(x12_remit_claim_outcome(c)));
    for (i = 0; i < x12_remit_claim_denial_reason_count(c); i++)
        fz_r_adj(b, x12_remit_claim_denial_reason_at(c, i));
    FZ_CHECK(x12_remit_claim_denial_reason_at(c, i) == NULL, "past the end");
    for (f = 1; f <= 5; f++)
        fz_sn(b, "sh", (long long)x12_remit_claim_patient_share_cents(c, (x12_remit_share)f));
    fz_sn(b, "fw", x12_remit_claim_forwarded(c));
    fz_sn(b, "bl", x12_remit_claim_balanced(c));
    fz_sn(b, "ro", (long long)x12_remit_claim_reversal_of(c));
    FZ_CHECK(x12_remit_claim_reversal_of(c) <= index, "a reversal comes before its correction");
    for (i = 0; i < x12_remit_claim_error_count(c); i++) {
        const x12_error *e = x12_remit_claim_error_at(c, i);
        fz_r_issue(b, e);
        if (x12_error_severity(e) >= X12_SEV_ERROR)
            nerr++;
    }
    FZ_CHECK(x12_remit_claim_error_at(c, i) == NULL, "past the end");
    FZ_CHECK(x12_remit_claim_total_errors(c) == nerr, "claim error count counts its errors");
    fz_sn(b, "ne", (long long)nerr);
    fz_str(b, "\n");
}

static inline void fz_r_payment_head(fz_buf *b, const x12_remit_payment *p)
{
    size_t i;
    unsigned f;
    const x12_remit_name *payer, *payee;

    FZ_CHECK(p != NULL, "payment");
    fz_str(b, "payment ");
    for (f = 0; f <= 27; f++)
        fz_sv(b, "pf", x12_remit_payment_get(p, (x12_remit_payment_field)f));
    fz_sn(b, "amt", (long long)x12_remit_payment_amount_cents(p));
    fz_sv(b, "pm", x12_remit_payment_method(p));
    fz_sv(b, "ptn", x12_remit_payment_trace_number(p));
    fz_sv(b, "pdt", x12_remit_payment_date(p));
    fz_sn(b, "idx", (long long)x12_remit_payment_index(p));
    fz_sn(b, "seg", (long long)x12_remit_payment_segment_number(p));
    fz_sn(b, "off", (long long)x12_remit_payment_offset(p));
    payer = x12_remit_payment_payer(p);
    payee = x12_remit_payment_payee(p);
    fz_sn(b, "payer", payer != NULL);
    fz_sn(b, "payee", payee != NULL);
    for (i = 0; i < x12_remit_payment_party_count(p); i++) {
        const x12_remit_name *n = x12_remit_payment_party_at(p, i);
        fz_r_name(b, n);
        if (n == payer)
            payer = NULL;
        if (n == payee)
            payee = NULL;
    }
    FZ_CHECK(payer == NULL && payee == NULL, "payer and payee are among the parties");
    FZ_CHECK(x12_remit_payment_party_at(p, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_payment_ref_count(p); i++)
        fz_r_ref(b, x12_remit_payment_ref_at(p, i));
    FZ_CHECK(x12_remit_payment_ref_at(p, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_payment_date_count(p); i++)
        fz_r_date(b, x12_remit_payment_date_at(p, i));
    FZ_CHECK(x12_remit_payment_date_at(p, i) == NULL, "past the end");
    fz_str(b, "\n");
}

static inline void fz_r_payment_tail(fz_buf *b, const x12_remit_payment *p)
{
    size_t i, r, c;
    const char *t;

    fz_str(b, "end ");
    for (i = 0; i < x12_remit_payment_plb_count(p); i++) {
        const x12_remit_plb *x = x12_remit_payment_plb_at(p, i);
        x12_str reason;
        FZ_CHECK(x != NULL, "plb");
        reason = x12_remit_plb_reason(x);
        fz_sv(b, "bp", x12_remit_plb_provider(x));
        fz_sv(b, "bd", x12_remit_plb_date(x));
        fz_sv(b, "br", reason);
        fz_sv(b, "bf", x12_remit_plb_reference(x));
        fz_sn(b, "bc", (long long)x12_remit_plb_amount_cents(x));
        t = x12_remit_code_text(X12_CODESET_PLB_REASON, reason.ptr, reason.len);
        fz_ss(b, "bt", t ? t : "-");
    }
    FZ_CHECK(x12_remit_payment_plb_at(p, i) == NULL, "past the end");
    fz_sn(b, "nc", (long long)x12_remit_payment_claim_total(p));
    fz_sn(b, "nl", (long long)x12_remit_payment_line_total(p));
    fz_sn(b, "tc", (long long)x12_remit_payment_charge_total_cents(p));
    fz_sn(b, "tp", (long long)x12_remit_payment_paid_total_cents(p));
    fz_sn(b, "tb", (long long)x12_remit_payment_plb_total_cents(p));
    fz_sn(b, "ok", x12_remit_payment_balanced(p));
    for (i = 0; i < x12_remit_payment_pair_count(p); i++) {
        r = c = (size_t)-1;
        FZ_CHECK(x12_remit_payment_pair_at(p, i, &r, &c), "pair_at within the count");
        FZ_CHECK(r < c && c < x12_remit_payment_claim_total(p),
                 "a reversal pair names two claims of the payment, reversal first");
        fz_sn(b, "rv", (long long)r);
        fz_sn(b, "co", (long long)c);
    }
    FZ_CHECK(!x12_remit_payment_pair_at(p, i, &r, &c), "pair_at past the end");
    for (i = 0; i < x12_remit_payment_error_count(p); i++)
        fz_r_issue(b, x12_remit_payment_error_at(p, i));
    FZ_CHECK(x12_remit_payment_error_at(p, i) == NULL, "past the end");
    fz_str(b, "\n");
}

/*
 * The whole tree: `sig` gets what a stream must also give (payment heads,
 * claims, payment ends), `errs` every diagnostic.  The tree-only accessors
 * are checked here: claims and headers listed by the payment, corrected_by
 * agreeing with the reversal pairs.
 */
static inline void fz_r_tree(const x12_remit_doc *d, fz_buf *sig, fz_buf *errs)
{
    size_t i, j, k;

    for (i = 0; i < x12_remit_doc_payment_count(d); i++) {
        const x12_remit_payment *p = x12_remit_doc_payment_at(d, i);
        uint64_t lines = 0;

        FZ_CHECK(p != NULL, "payment");
        FZ_CHECK(x12_remit_payment_index(p) == i, "payment index is its position");
        fz_r_payment_head(sig, p);
        for (k = 0; k < x12_remit_payment_header_count(p); k++) {
            fz_buf scratch = {0, 0, 0};
            FZ_CHECK(x12_remit_payment_header_at(p, k) != NULL, "header");
            fz_r_header(&scratch, x12_remit_payment_header_at(p, k));
            fz_free(&scratch);
        }
        FZ_CHECK(x12_remit_payment_header_at(p, k) == NULL, "past the end");
        FZ_CHECK(x12_remit_payment_claim_count(p) == x12_remit_payment_claim_total(p),
                 "a tree keeps every claim");
        for (j = 0; j < x12_remit_payment_claim_count(p); j++) {
            const x12_remit_claim *c = x12_remit_payment_claim_at(p, j);
            const x12_remit_header *h;
            size_t cb;

            fz_r_claim(sig, c, p, j);
            lines += x12_remit_claim_service_count(c);
            h = x12_remit_claim_header(c);
            if (h != NULL) {
                for (k = 0; k < x12_remit_payment_header_count(p); k++)
                    if (x12_remit_payment_header_at(p, k) == h)
                        break;
                FZ_CHECK(k < x12_remit_payment_header_count(p),
                         "a claim's LX header is one of its payment's");
            }
            cb = x12_remit_claim_corrected_by(c);
            if (cb != 0) {
                const x12_remit_claim *cc = x12_remit_payment_claim_at(p, cb - 1);
                FZ_CHECK(cb - 1 > j && cc != NULL && x12_remit_claim_reversal_of(cc) == j + 1,
                         "corrected_by and reversal_of name each other");
            }
        }
        FZ_CHECK(x12_remit_payment_claim_at(p, j) == NULL, "past the end");
        FZ_CHECK(lines == x12_remit_payment_line_total(p), "line total counts the lines");
        fz_r_payment_tail(sig, p);
    }
    FZ_CHECK(x12_remit_doc_payment_at(d, i) == NULL, "past the end");
    for (i = 0; i < x12_remit_doc_error_count(d); i++)
        fz_r_issue(errs, x12_remit_doc_error_at(d, i));
    FZ_CHECK(x12_remit_doc_error_at(d, i) == NULL, "past the end");
}

/* Feeds the next chunk (sizes cycled, 0 means 1).  X12_OK, or with a
 * failing allocator (may_fail) X12_ENOMEM: the chunk was not taken, and
 * feeding it again is refused the same way (not X12_ESTATE: a refused
 * final chunk must not count as fed). */
typedef struct fz_chunker {
    const uint8_t *data;
    size_t len, off, k;
    const unsigned char *sizes;
    size_t nsizes;
    int final;
} fz_chunker;

static inline x12_status fz_feed_next(x12_reader *r, fz_chunker *ch, int may_fail)
{
    size_t n = ch->nsizes ? ch->sizes[ch->k % ch->nsizes] : ch->len;
    int final;
    x12_status st;

    FZ_CHECK(!ch->final, "X12_AGAIN after the final chunk");
    if (n == 0)
        n = 1;
    if (n > ch->len - ch->off)
        n = ch->len - ch->off;
    final = ch->off + n == ch->len;
    st = x12_reader_feed(r, n ? ch->data + ch->off : NULL, n, final);
    if (st != X12_OK) {
        FZ_CHECK(may_fail && st == X12_ENOMEM, "feed");
        FZ_CHECK(x12_reader_feed(r, n ? ch->data + ch->off : NULL, n, final) == X12_ENOMEM,
                 "a refused chunk is refused again, not taken as fed");
        return st;
    }
    ch->k++;
    ch->final = final;
    ch->off += n;
    return X12_OK;
}

/* A tree from a reader with options o over the bytes: as a buffer, or
 * pushed in chunks (`sizes`, NULL for one chunk).  `alloc` may be NULL.
 * Returns the status; *out is the tree with X12_OK. */
static inline x12_status fz_r_collect(const uint8_t *data, size_t len, const fz_opts *o,
                                      const unsigned char *sizes, size_t nsizes, int push,
                                      const x12_allocator *alloc, x12_remit_doc **out)
{
    x12_reader *r = NULL;
    x12_remit_stream *s = NULL;
    x12_status st;
    fz_chunker ch;

    *out = NULL;
    if (alloc == NULL) {
        r = fz_reader_new(o);
    } else {
        st = x12_reader_new(alloc, &r);
        if (st != X12_OK) {
            FZ_CHECK(st == X12_ENOMEM && r == NULL, "x12_reader_new fails cleanly");
            return st;
        }
        x12_reader_set_option(r, X12_OPT_STRICT, (uint64_t)o->strict);
        x12_reader_set_option(r, X12_OPT_ENVELOPE_CHECKS, (uint64_t)o->env_checks);
        if (o->max_segment)
            x12_reader_set_option(r, X12_OPT_MAX_SEGMENT_BYTES, o->max_segment);
        if (o->max_elements)
            x12_reader_set_option(r, X12_OPT_MAX_ELEMENTS, o->max_elements);
        if (o->chunk)
            x12_reader_set_option(r, X12_OPT_READ_CHUNK_BYTES, o->chunk);
    }
    st = x12_remit_stream_new(alloc, r, &s);
    if (st != X12_OK) {
        FZ_CHECK(alloc != NULL && st == X12_ENOMEM, "x12_remit_stream_new");
        x12_reader_free(r);
        return st;
    }
    FZ_CHECK(x12_remit_stream_reader(s) == r, "the stream reads from the caller's reader");
    memset(&ch, 0, sizeof ch);
    ch.data = data;
    ch.len = len;
    ch.sizes = sizes;
    ch.nsizes = nsizes;
    if (push) {
        /* a push reader starts with its first bytes */
        st = fz_feed_next(r, &ch, alloc != NULL);
        while (st == X12_OK) {
            st = x12_remit_stream_collect(s, out);
            if (st != X12_AGAIN)
                break;
            FZ_CHECK(*out == NULL, "no tree with X12_AGAIN");
            st = fz_feed_next(r, &ch, alloc != NULL);
        }
    } else {
        st = x12_reader_open_buffer(r, len ? data : NULL, len);
        if (st == X12_OK)
            st = x12_remit_stream_collect(s, out);
        else
            FZ_CHECK(alloc != NULL && st == X12_ENOMEM, "open_buffer");
    }
    FZ_CHECK(st != X12_AGAIN, "a buffer (or final chunk) never asks for more");
    FZ_CHECK((st == X12_OK) == (*out != NULL), "a tree exactly with X12_OK");
    if (st != X12_OK && st != X12_ENOMEM)
        FZ_CHECK(x12_remit_stream_last_error(s) != NULL, "a failed collect has a last error");
    x12_remit_stream_free(s);
    x12_reader_free(r);
    return st;
}

/* The stream over pushed chunks: events, claims and diagnostics in the
 * form fz_r_tree gives them.  Returns the final status. */
static inline x12_status fz_r_stream_push(const uint8_t *data, size_t len, const fz_opts *o,
                                          const unsigned char *sizes, size_t nsizes,
                                          fz_buf *sig, fz_buf *errs)
{
    x12_reader *r = fz_reader_new(o);
    x12_remit_stream *s = NULL;
    x12_remit_event ev;
    x12_status st;
    fz_chunker ch;
    const x12_remit_payment *cur = NULL;
    size_t i, nclaims = 0;

    FZ_CHECK(x12_remit_stream_new(NULL, r, &s) == X12_OK, "stream");
    memset(&ch, 0, sizeof ch);
    ch.data = data;
    ch.len = len;
    ch.sizes = sizes;
    ch.nsizes = nsizes;
    fz_feed_next(r, &ch, 0);
    for (;;) {
        st = x12_remit_stream_next(s, &ev);
        for (i = 0; i < x12_remit_stream_error_count(s); i++)
            fz_r_issue(errs, x12_remit_stream_error_at(s, i));
        FZ_CHECK(x12_remit_stream_error_at(s, i) == NULL, "past the end");
        if (st == X12_AGAIN) {
            FZ_CHECK(x12_remit_stream_claim(s) == NULL, "no claim with X12_AGAIN");
            fz_feed_next(r, &ch, 0);
            continue;
        }
        if (st != X12_OK)
            break;
        switch (ev) {
        case X12_REMIT_EV_PAYMENT:
            FZ_CHECK(cur == NULL, "X12_REMIT_EV_PAYMENT inside a payment");
            cur = x12_remit_stream_payment(s);
            FZ_CHECK(cur != NULL, "a payment at X12_REMIT_EV_PAYMENT");
            FZ_CHECK(x12_remit_stream_claim(s) == NULL, "no claim at X12_REMIT_EV_PAYMENT");
            FZ_CHECK(x12_remit_payment_header_count(cur) == 0 &&
                         x12_remit_payment_claim_count(cur) == 0,
                     "a stream's payment keeps no headers or claims");
            fz_r_payment_head(sig, cur);
            nclaims = 0;
            break;
        case X12_REMIT_EV_CLAIM:
            FZ_CHECK(cur != NULL && x12_remit_stream_payment(s) == cur,
                     "X12_REMIT_EV_CLAIM inside the current payment");
            fz_r_claim(sig, x12_remit_stream_claim(s), cur, nclaims);
            FZ_CHECK(x12_remit_claim_corrected_by(x12_remit_stream_claim(s)) == 0,
                     "a stream cannot know corrected_by");
            nclaims++;
            break;
        case X12_REMIT_EV_PAYMENT_END:
            FZ_CHECK(cur != NULL && x12_remit_stream_payment(s) == cur,
                     "X12_REMIT_EV_PAYMENT_END ends the current payment");
            FZ_CHECK(x12_remit_stream_claim(s) == NULL, "no claim at X12_REMIT_EV_PAYMENT_END");
            FZ_CHECK(x12_remit_payment_claim_total(cur) == nclaims,
                     "claim total counts the claims streamed");
            fz_r_payment_tail(sig, cur);
            cur = NULL;
            break;
        default:
            fz_fail(__FILE__, __LINE__, "event", "unknown stream event");
        }
    }
    if (st == X12_END) {
        FZ_CHECK(cur == NULL, "every payment ends before X12_END");
        FZ_CHECK(x12_remit_stream_next(s, &ev) == X12_END, "X12_END is sticky");
    } else {
        const x12_error *e = x12_remit_stream_last_error(s);
        FZ_CHECK(e != NULL, "a failed stream has a last error");
        fz_check_error(e);
        FZ_CHECK(x12_remit_stream_next(s, &ev) == st, "stream failures are sticky");
    }
    x12_remit_stream_free(s);
    x12_reader_free(r);
    return st;
}

static inline int fz_is_gzip(const uint8_t *d, size_t n)
{
    return n >= 2 && d[0] == 0x1f && d[1] == 0x8b;
}

/*
 * Input layout: byte 0 reader options (fz_opts_from); byte 1: bits 0-2 the
 * number of chunk sizes k - 1, bit 3 push through x12_remit_stream_collect
 * (a second tree) instead of the event stream, bit 4 also parse with an
 * allocator failing from call N; bytes 2-3 N - 1 (little-endian); then k
 * chunk sizes (0 means 1); then the data.
 *
 * The reference tree is the buffer read (x12_remit_parse_buffer when byte
 * 0 is 0, else x12_remit_stream_collect over a buffer reader with those
 * options; gzip data, which only pushed input decodes, is pushed in one
 * chunk).  The pushed run must give the same payments, claims and totals
 * and the same diagnostics in the same order, and end with the same status.
 */
static inline void fz_remit835_one(const uint8_t *in, size_t inlen)
{
    fz_opts o;
    size_t k, len;
    const unsigned char *sizes;
    const uint8_t *data;
    unsigned char flags;
    x12_remit_doc *d = NULL;
    x12_status ref_st, st;
    fz_buf want = {0, 0, 0}, want_errs = {0, 0, 0}, got = {0, 0, 0}, got_errs = {0, 0, 0};

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

    if (fz_is_gzip(data, len))
        ref_st = fz_r_collect(data, len, &o, NULL, 0, 1, NULL, &d);
    else if (in[0] == 0)
        ref_st = x12_remit_parse_buffer(NULL, len ? data : NULL, len, &d);
    else
        ref_st = fz_r_collect(data, len, &o, NULL, 0, 0, NULL, &d);
    FZ_CHECK((ref_st == X12_OK) == (d != NULL), "a tree exactly with X12_OK");
    FZ_CHECK(ref_st != X12_AGAIN, "a whole buffer never asks for more");
    if (d != NULL) {
        fz_r_tree(d, &want, &want_errs);
        x12_remit_doc_free(d);
        d = NULL;
    }

    if (flags & 8) {
        st = fz_r_collect(data, len, &o, sizes, k, 1, NULL, &d);
        if (d != NULL) {
            fz_r_tree(d, &got, &got_errs);
            x12_remit_doc_free(d);
            d = NULL;
        }
    } else {
        st = fz_r_stream_push(data, len, &o, sizes, k, &got, &got_errs);
        if (st == X12_END)
            st = X12_OK;
    }
    if (st != ref_st) {
        fprintf(stderr, "fuzz harness: whole file %d, pushed %d\n", (int)ref_st, (int)st);
        fz_fail(__FILE__, __LINE__, "st == ref_st", "whole-file and pushed 835 statuses differ");
    }
    if (ref_st == X12_OK) {
        if (!fz_eq(&want, &got)) {
            fz_show_diff("whole-file tree", &want, (flags & 8) ? "pushed collect" : "pushed stream",
                         &got);
            fz_fail(__FILE__, __LINE__, "want == got", "whole-file and pushed 835 data differ");
        }
        if (!fz_eq(&want_errs, &got_errs)) {
            fz_show_diff("whole-file diagnostics", &want_errs, "pushed diagnostics", &got_errs);
            fz_fail(__FILE__, __LINE__, "want_errs == got_errs",
                    "whole-file and pushed 835 diagnostics differ");
        }
    }

    if (flags & 16) {
        fz_alloc_state as;
        x12_allocator a = fz_allocator(&as);
        fz_buf oom = {0, 0, 0}, oom_errs = {0, 0, 0};

        as.fail_at = (uint64_t)in[2] + ((uint64_t)in[3] << 8) + 1;
        st = fz_r_collect(data, len, &o, NULL, 0, fz_is_gzip(data, len), &a, &d);
        if (d != NULL) {
            fz_r_tree(d, &oom, &oom_errs);
            x12_remit_doc_free(d);
            d = NULL;
        }
        FZ_CHECK(as.live == 0, "every block allocated is freed");
        if (!as.failed)
            FZ_CHECK(st == ref_st, "without a refused allocation, the same status");
        else
            FZ_CHECK(st == X12_ENOMEM || st == ref_st,
                     "a refused allocation gives X12_ENOMEM (or the same result)");
        if (st == X12_OK && ref_st == X12_OK) {
            if (!fz_eq(&want, &oom) || !fz_eq(&want_errs, &oom_errs)) {
                fz_show_diff("tree", &want, "tree with refused allocations", &oom);
                fz_fail(__FILE__, __LINE__, "want == oom",
                        "X12_OK after a refused allocation, but different data");
            }
        }
        fz_free(&oom);
        fz_free(&oom_errs);
    }
    fz_free(&want);
    fz_free(&want_errs);
    fz_free(&got);
    fz_free(&got_errs);
}

/* ================================================================================
 * the validator, 999 and TA1
 * ================================================================================ */

/* An issue is well formed: its error record, its level and the rule that
 * goes with it, its code and strings. */
static inline void fz_v_issue(fz_buf *sig, const x12_issue *is)
{
    static const char *const rules[6] = {"", "ta1", "999-ak9", "999-ik5", "999-ik3", "999-ik4"};
    const x12_error *e;
    x12_issue_level lv;
    const char *code;

    FZ_CHECK(is != NULL, "issue");
    e = x12_issue_error(is);
    FZ_CHECK(e != NULL, "an issue has an error record");
    lv = x12_issue_level_of(is);
    FZ_CHECK(lv >= X12_ISSUE_INTERCHANGE && lv <= X12_ISSUE_ELEMENT, "issue level");
    FZ_CHECK(strcmp(x12_error_rule(e), rules[lv]) == 0, "the rule names the issue's level");
    FZ_CHECK(x12_error_severity(e) == X12_SEV_WARNING || x12_error_severity(e) == X12_SEV_ERROR,
             "an issue is a warning or an error");
    code = x12_issue_code(is);
    FZ_CHECK(code != NULL && code[0] != '\0' && strlen(code) <= 3, "an issue has a code");
    if (lv < X12_ISSUE_SEGMENT)
        FZ_CHECK(x12_issue_set_position(is) == 0, "no set position above the segment level");
    fz_str(sig, "issue ");
    fz_sig_error(sig, e);
    fz_ss(sig, "code", code);
    fz_sn(sig, "pos", (long long)x12_issue_set_position(is));
    fz_ss(sig, "ref", x12_issue_element_ref(is));
    fz_ss(sig, "bad", x12_issue_bad_value(is));
    fz_ss(sig, "cn", x12_issue_context_name(is));
    fz_ss(sig, "cv", x12_issue_context_value(is));
    fz_str(sig, "\n");
}

typedef struct fz_vwalk {
    fz_buf *sig;
    int open[3]; /* interchange, group, set */
    uint64_t issues;
} fz_vwalk;

/* The event handler of the walking pass: events of each level alternate
 * BEGIN, END; every accessor is called during each. */
static inline void fz_v_event(void *user, x12_vevent ev, const x12_validator *v,
                              const x12_issue *is)
{
    fz_vwalk *w = (fz_vwalk *)user;
    unsigned f;
    int lvl;

    fz_sn(w->sig, "ev", (long long)ev);
    switch (ev) {
    case X12_VEV_ISSUE:
        fz_v_issue(w->sig, is);
        w->issues++;
        return;
    case X12_VEV_INTERCHANGE_BEGIN:
    case X12_VEV_GROUP_BEGIN:
    case X12_VEV_SET_BEGIN:
        lvl = ev == X12_VEV_INTERCHANGE_BEGIN ? 0 : ev == X12_VEV_GROUP_BEGIN ? 1 : 2;
        FZ_CHECK(!w->open[lvl], "a BEGIN event follows the END of the same level");
        w->open[lvl] = 1;
        break;
    case X12_VEV_INTERCHANGE_END:
    case X12_VEV_GROUP_END:
    case X12_VEV_SET_END:
        lvl = ev == X12_VEV_INTERCHANGE_END ? 0 : ev == X12_VEV_GROUP_END ? 1 : 2;
        FZ_CHECK(w->open[lvl], "an END event follows a BEGIN of the same level");
        FZ_CHECK(lvl == 2 || !w->open[2], "a set ends before its group or interchange");
        FZ_CHECK(lvl != 0 || !w->open[1], "a group ends before its interchange");
        w->open[lvl] = 0;
        break;
    default:
        fz_fail(__FILE__, __LINE__, "ev", "unknown validator event");
    }
    FZ_CHECK(is == NULL, "only X12_VEV_ISSUE carries an issue");
    for (f = 1; f <= 20; f++)
        fz_sv(w->sig, "env", x12_validator_envelope_get(v, (x12_env_field)f));
    for (f = 1; f <= 6; f++)
        fz_sn(w->sig, "cnt", (long long)x12_validator_count(v, (x12_vcount)f));
    {
        const x12_spec *sp = x12_validator_current_spec(v);
        if (sp != NULL) {
            fz_ss(w->sig, "spec", x12_spec_id(sp));
            fz_ss(w->sig, "set", x12_spec_set_id(sp));
        }
    }
    fz_str(w->sig, "\n");
}

typedef struct fz_vrun {
    uint64_t errors, warnings, issues;
} fz_vrun;

/*
 * One validation pass over the data: reader with options o, validator
 * (strict or lenient, guide choice g: see fz_validate_one, `extra` a spec
 * to force when not NULL), and either the walking handler (ack_kind 0) or
 * an acknowledgment of that kind written to memory, which must read back
 * with no reader error.
 */
static inline fz_vrun fz_v_pass(const uint8_t *data, size_t len, const fz_opts *o,
                                unsigned char g, const x12_spec *force, int strict,
                                int ack_kind, fz_buf *sig)
{
    x12_reader *r = fz_reader_new(o);
    x12_validator *v = NULL;
    x12_writer *w = NULL;
    x12_ack *ack = NULL;
    const x12_segment *seg;
    x12_status st;
    fz_vwalk walk;
    fz_vrun res;
    size_t i;

    memset(&walk, 0, sizeof walk);
    walk.sig = sig;
    FZ_CHECK(x12_reader_open_buffer(r, len ? data : NULL, len) == X12_OK, "open");
    FZ_CHECK(x12_validator_new(NULL, &v) == X12_OK, "validator");
    FZ_CHECK(x12_validator_set_option(v, X12_VOPT_STRICT, (uint64_t)strict) == X12_OK, "strict");
    if (force != NULL) {
        FZ_CHECK(x12_validator_use_spec(v, force) == X12_OK, "use_spec");
    } else if ((g & 3) == 2 || (g & 3) == 3) {
        const x12_spec *sp = x12_spec_builtin_at((size_t)(g >> 2) % x12_spec_builtin_count());
        FZ_CHECK(sp != NULL, "builtin");
        if ((g & 3) == 2)
            FZ_CHECK(x12_validator_use_spec(v, sp) == X12_OK, "use_spec");
        else
            FZ_CHECK(x12_validator_add_spec(v, sp) == X12_OK, "add_spec");
    }
    if (ack_kind == 0) {
        x12_validator_set_handler(v, fz_v_event, &walk);
    } else {
        FZ_CHECK(x12_writer_new(NULL, &w) == X12_OK, "writer");
        FZ_CHECK(x12_writer_to_memory(w) == X12_OK, "memory");
        FZ_CHECK(x12_writer_set_line_break(w, "\n") == X12_OK, "line break");
        FZ_CHECK(x12_ack_new(NULL, (x12_ack_kind)ack_kind, w, &ack) == X12_OK, "ack");
        FZ_CHECK(x12_ack_set_time(ack, "20240315", "0930") == X12_OK, "ack time");
        FZ_CHECK(x12_ack_attach(ack, v) == X12_OK, "attach");
    }
    res.issues = 0;
    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            FZ_CHECK(x12_validator_segment(v, seg) == X12_OK, "x12_validator_segment");
            for (i = 0; i < x12_validator_issue_count(v); i++) {
                const x12_issue *is = x12_validator_issue_at(v, i);
                if (ack_kind == 0)
                    FZ_CHECK(is != NULL, "issue_at within the count");
                else
                    fz_v_issue(sig, is);
                res.issues++;
            }
            FZ_CHECK(x12_validator_issue_at(v, i) == NULL, "issue_at past the end");
            continue;
        }
        if (st == X12_END)
            break;
        if (x12_error_severity(x12_reader_last_error(r)) == X12_SEV_FATAL)
            break;
    }
    FZ_CHECK(x12_validator_finish(v) == X12_OK, "x12_validator_finish");
    for (i = 0; i < x12_validator_issue_count(v); i++) {
        if (ack_kind != 0)
            fz_v_issue(sig, x12_validator_issue_at(v, i));
        res.issues++;
    }
    res.errors = x12_validator_total_errors(v);
    res.warnings = x12_validator_total_warnings(v);
    FZ_CHECK(res.errors + res.warnings == res.issues, "totals count the issues");
    if (ack_kind == 0) {
        FZ_CHECK(walk.issues == res.issues, "the handler sees every issue");
        FZ_CHECK(!walk.open[0] && !walk.open[1] && !walk.open[2],
                 "finish closes every envelope");
    } else {
        const char *out;
        size_t n;

        st = x12_ack_status(ack);
        if (st != X12_OK) {
            const x12_error *e = x12_writer_last_error(w);
            char line[1024] = "";
            if (e != NULL)
                x12_error_format(e, line, sizeof line);
            fprintf(stderr, "fuzz harness: %s writer failed: %d %s\n",
                    ack_kind == X12_ACK_999 ? "999" : "TA1", (int)st, line);
            fz_fail(__FILE__, __LINE__, "x12_ack_status == X12_OK",
                    "the acknowledgment could not be written");
        }
        FZ_CHECK(x12_ack_sets_accepted(ack) <= x12_ack_sets(ack), "accepted <= sets");
        FZ_CHECK(x12_writer_finish(w) == X12_OK, "finish the acknowledgment");
        out = x12_writer_memory(w, &n);
        FZ_CHECK(out != NULL, "memory");
        fz_reads_clean(ack_kind == X12_ACK_999 ? "the 999" : "the TA1", out, n);
        fz_add(sig, out, n);
        x12_validator_set_handler(v, NULL, NULL);
        x12_ack_free(ack);
        x12_writer_free(w);
    }
    x12_validator_free(v);
    x12_reader_free(r);
    return res;
}

/*
 * Input layout: byte 0 the guide: bits 0-1 0 or 1 chosen from ST03/GS08, 2
 * the built-in guide (bits 2-7 modulo their number) forced on every set, 3
 * that guide added as a companion; byte 1 reader options (fz_opts_from);
 * then the data.  Passes: lenient with the walking handler, lenient with a
 * 999, strict with a 999, lenient with a TA1.  Strict counts every lenient
 * warning as an error.
 */
static inline void fz_validate_one(const uint8_t *in, size_t inlen)
{
    fz_opts o;
    fz_vrun a, b, c;
    fz_buf sig = {0, 0, 0};

    if (inlen < 2)
        return;
    o = fz_opts_from(in[1]);
    a = fz_v_pass(in + 2, inlen - 2, &o, in[0], NULL, 0, 0, &sig);
    fz_free(&sig);
    b = fz_v_pass(in + 2, inlen - 2, &o, in[0], NULL, 0, X12_ACK_999, &sig);
    fz_free(&sig);
    FZ_CHECK(a.errors == b.errors && a.warnings == b.warnings,
             "an attached acknowledgment does not change the issues");
    c = fz_v_pass(in + 2, inlen - 2, &o, in[0], NULL, 1, X12_ACK_999, &sig);
    fz_free(&sig);
    FZ_CHECK(c.warnings == 0 && c.errors == a.errors + a.warnings,
             "strict: every warning becomes an error");
    fz_v_pass(in + 2, inlen - 2, &o, in[0], NULL, 0, X12_ACK_TA1, &sig);
    fz_free(&sig);
}

/* ================================================================================
 * implementation guides from XML
 * ================================================================================ */

/* A small clean 837P (tests/data/validate-837p-clean.x12, shortened to one
 * claim): what a loaded guide is tried on. */
static const char fz_837p[] =
    "ISA*00*          *00*          *ZZ*RIVERSIDEFP    *ZZ*ACMEHEALTH     *240315*0930*^*00501"
    "*000004321*1*T*:~\n"
    "GS*HC*RIVERSIDEFP*ACMEHEALTH*20240315*0930*4321*X*005010X222A1~\n"
    "ST*837*0001*005010X222A1~\n"
    "BHT*0019*00*RFP20240315A*20240315*0930*CH~\n"
    "NM1*41*2*RIVERSIDE FAMILY PRACTICE*****46*RFP7734~\n"
    "PER*IC*BILLING OFFICE*TE*5035550142*EM*BILLING@EXAMPLE.ORG~\n"
    "NM1*40*2*ACME HEALTH PLAN*****46*ACME01~\n"
    "HL*1**20*1~\n"
    "PRV*BI*PXC*207Q00000X~\n"
    "NM1*85*2*RIVERSIDE FAMILY PRACTICE*****XX*1234567893~\n"
    "N3*1200 RIVER ROAD~\n"
    "N4*PORTLAND*OR*972014410~\n"
    "REF*EI*930000017~\n"
    "HL*2*1*22*0~\n"
    "SBR*P*18*GRP48812******CI~\n"
    "NM1*IL*1*MORROW*DANA*J***MI*W77120045~\n"
    "N3*88 ALDER COURT~\n"
    "N4*BEAVERTON*OR*97005~\n"
    "DMG*D8*19800214*F~\n"
    "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01~\n"
    "CLM*RFP-24-0107*225***11:B:1*Y*A*Y*Y~\n"
    "DTP*431*D8*20240301~\n"
    "HI*ABK:J069*ABF:R05~\n"
    "NM1*82*1*OKAFOR*ADAEZE****XX*1497758544~\n"
    "PRV*PE*PXC*207Q00000X~\n"
    "LX*1~\n"
    "SV1*HC:99213:25*150*UN*1***1:2~\n"
    "DTP*472*D8*20240311~\n"
    "REF*6R*RFP107L1~\n"
    "LX*2~\n"
    "SV1*HC:87880*75*UN*1***1~\n"
    "DTP*472*D8*20240311~\n"
    "SE*31*0001~\n"
    "GE*1*4321~\n"
    "IEA*1*000004321~\n";

/*
 * The bytes as a guide: x12_spec_load_memory either loads it (then its
 * accessors answer, and the fixed 837P is validated with it forced, a 999
 * written and read back) or fails with NULL, a status and a one-line
 * message naming the document.  Nothing may leak either way.
 */
static inline void fz_spec_one(const uint8_t *data, size_t len)
{
    x12_spec *s = (x12_spec *)&s;
    char err[512];
    x12_status st;
    fz_buf sig = {0, 0, 0};
    fz_opts o = fz_opts_from(0);

    memset(err, 'Z', sizeof err);
    st = x12_spec_load_memory(len ? (const void *)data : (const void *)"", len, "fuzz.xml", NULL,
                              &s, err, sizeof err);
    FZ_CHECK(memchr(err, '\0', sizeof err) != NULL, "the message is NUL-terminated");
    if (st != X12_OK) {
        FZ_CHECK(s == NULL, "no spec on failure");
        FZ_CHECK(st == X12_ESYNTAX || st == X12_ENOMEM, "a failed load is X12_ESYNTAX");
        FZ_CHECK(strncmp(err, "fuzz.xml:", 9) == 0, "the message names the document");
        FZ_CHECK(strchr(err, '\n') == NULL, "the message is one line");
        return;
    }
    FZ_CHECK(s != NULL, "a spec with X12_OK");
    FZ_CHECK(err[0] == '\0', "no message with X12_OK");
    fz_ss(&sig, "id", x12_spec_id(s));
    fz_ss(&sig, "set", x12_spec_set_id(s));
    fz_ss(&sig, "name", x12_spec_name(s));
    fz_ss(&sig, "base", x12_spec_base(s));
    fz_sn(&sig, "loops", (long long)x12_spec_loop_count(s));
    fz_free(&sig);
    fz_v_pass((const uint8_t *)fz_837p, sizeof fz_837p - 1, &o, 0, s, 0, 0, &sig);
    fz_free(&sig);
    fz_v_pass((const uint8_t *)fz_837p, sizeof fz_837p - 1, &o, 0, s, 1, X12_ACK_999, &sig);
    fz_free(&sig);
    x12_spec_free(s);
}

/* ================================================================================
 * encounters from XML
 * ================================================================================ */

/* Every edit record is well formed and has a path. */
static inline void fz_edits(const x12_batch *b)
{
    size_t i;

    for (i = 0; i < x12_batch_edit_count(b); i++) {
        const x12_error *e = x12_batch_edit_at(b, i);
        const char *path = x12_batch_edit_path(b, i);
        FZ_CHECK(e != NULL, "edit record");
        fz_check_error(e);
        FZ_CHECK(path != NULL && strchr(path, '\n') == NULL, "edit path");
    }
    FZ_CHECK(x12_batch_edit_at(b, i) == NULL, "edit_at past the end");
}

/* Writes the batch to memory: the status, and the bytes in *out. */
static inline x12_status fz_batch_write(x12_batch *b, fz_buf *out)
{
    x12_writer *w = NULL;
    x12_status st;
    const char *p;
    size_t n;

    FZ_CHECK(x12_writer_new(NULL, &w) == X12_OK, "writer");
    FZ_CHECK(x12_writer_to_memory(w) == X12_OK, "memory");
    st = x12_batch_write(b, w);
    if (st == X12_OK)
        FZ_CHECK(x12_writer_finish(w) == X12_OK, "finish after x12_batch_write");
    p = x12_writer_memory(w, &n);
    FZ_CHECK(p != NULL, "memory");
    fz_add(out, p, n);
    x12_writer_free(w);
    return st;
}

/*
 * The bytes as an encounter document: x12_batch_load_xml_memory gives
 * X12_OK or X12_ESYNTAX with edit records; a loaded batch is checked and,
 * when every edit passes, written: X12_OK, the output reads back with no
 * reader error and a second write gives the same bytes.  When an edit
 * fails, x12_batch_write refuses with X12_EEDIT and writes nothing.
 */
/* Edit records handed to a handler, collected as "path|rule|message\n";
 * each checked as it comes. */
static inline void fz_collect_edit(void *user, const char *path, const x12_error *e)
{
    fz_buf *b = user;
    const char *m = x12_error_message(e);

    fz_check_error(e);
    FZ_CHECK(path != NULL && strchr(path, '\n') == NULL, "edit path");
    for (; *m; m++)
        FZ_CHECK(*m >= 0x20 && *m < 0x7f, "a message is printable ASCII (no raw input bytes)");
    fz_str(b, path);
    fz_str(b, "|");
    fz_str(b, x12_error_rule(e));
    fz_str(b, "|");
    fz_str(b, x12_error_message(e));
    fz_str(b, "\n");
}

/* 1 when the len bytes at p hold s. */
static inline int fz_line_has(const char *p, size_t len, const char *s)
{
    size_t k = strlen(s), i;

    for (i = 0; i + k <= len; i++)
        if (memcmp(p + i, s, k) == 0)
            return 1;
    return 0;
}

/* The records of b as sorted lines (order aside, the same set). */
static inline void fz_sorted_lines(const fz_buf *in, fz_buf *out, int xml_only)
{
    size_t n = 0, i, j, k;
    const char **lines;
    size_t *lens;
    const char *p = in->p, *e = in->p + in->len;

    for (i = 0; i < in->len; i++)
        n += in->p[i] == '\n';
    lines = calloc(n + 1, sizeof *lines);
    lens = calloc(n + 1, sizeof *lens);
    FZ_CHECK(lines != NULL && lens != NULL, "memory");
    for (i = 0; p < e; i++) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        lines[i] = p;
        lens[i] = nl ? (size_t)(nl - p) : (size_t)(e - p);
        p += lens[i] + 1;
    }
    n = i;
    for (i = 1; i < n; i++)
        for (j = i; j > 0; j--) {
            size_t m = lens[j] < lens[j - 1] ? lens[j] : lens[j - 1];
            int c = memcmp(lines[j], lines[j - 1], m);
            if (c > 0 || (c == 0 && lens[j] >= lens[j - 1]))
                break;
            p = lines[j], lines[j] = lines[j - 1], lines[j - 1] = p;
            k = lens[j], lens[j] = lens[j - 1], lens[j - 1] = k;
        }
    for (i = 0; i < n; i++) {
        if (xml_only && !fz_line_has(lines[i], lens[i], "|xml-") &&
            !fz_line_has(lines[i], lens[i], "|max-claim|"))
            continue;
        fz_add(out, lines[i], lens[i]);
        fz_str(out, "\n");
    }
    free(lines);
    free(lens);
}

/* An IEA segment: "IEA*" at the start of a segment (the writers end
 * segments with '~', a line break may follow), not the letters inside a
 * value ("RIVERSIDLF IEAMY PRACTICE" is a name a fuzzer writes). */
static inline int fz_has_iea(const fz_buf *b)
{
    size_t i;

    for (i = 0; i + 4 <= b->len; i++)
        if (memcmp(b->p + i, "IEA*", 4) == 0 &&
            (i == 0 || b->p[i - 1] == '~' || b->p[i - 1] == '\n' || b->p[i - 1] == '\r'))
            return 1;
    return 0;
}

/* A streaming build of text into *out (the edits into *edits). */
static inline x12_status fz_stream_build(int jsonl, const uint8_t *data, size_t len,
                                         size_t chunk, fz_buf *out, fz_buf *edits);

static inline void fz_encounter_one(const uint8_t *data, size_t len)
{
    x12_batch *b = NULL;
    x12_status st, sst;
    fz_buf out1 = {0, 0, 0}, out2 = {0, 0, 0}, sout = {0, 0, 0}, sedits = {0, 0, 0};
    fz_buf a = {0, 0, 0}, c = {0, 0, 0}, loaded = {0, 0, 0};
    size_t i;

    FZ_CHECK(x12_batch_new(NULL, X12_CLAIM_837P, &b) == X12_OK, "batch");
    st = x12_batch_load_xml_memory(b, len ? (const char *)data : NULL, len, "fuzz.xml");
    fz_edits(b);
    for (i = 0; i < x12_batch_edit_count(b); i++)
        fz_collect_edit(&loaded, x12_batch_edit_path(b, i), x12_batch_edit_at(b, i));
    sst = fz_stream_build(0, data, len, 0, &sout, &sedits);
    if (st != X12_OK) {
        FZ_CHECK(st == X12_ESYNTAX || st == X12_ELIMIT, "a failed load is X12_ESYNTAX or ELIMIT");
        FZ_CHECK(x12_batch_edit_count(b) > 0, "a failed load says why");
        FZ_CHECK(x12_batch_claim_count(b) == 0, "a failed load keeps nothing");
        /* the stream fails the same way, with the same XML records (and
         * maybe the edits of claims before the problem) */
        FZ_CHECK(sst == st, "the streaming build fails as the load does");
        FZ_CHECK(!fz_has_iea(&sout), "a failed stream leaves the interchange unfinished");
        fz_sorted_lines(&loaded, &a, 1);
        fz_sorted_lines(&sedits, &c, 1);
        if (!fz_eq(&a, &c)) {
            fz_show_diff("load", &a, "stream", &c);
            fz_fail(__FILE__, __LINE__, "a == c", "the stream reports the load's XML problems");
        }
        goto done;
    }
    FZ_CHECK(x12_batch_edit_count(b) == 0, "a load that worked has no edit records");
    FZ_CHECK(x12_batch_kind(b) == X12_CLAIM_837P || x12_batch_kind(b) == X12_CLAIM_837I,
             "batch kind");
    st = x12_batch_check(b);
    fz_edits(b);
    if (st != X12_OK) {
        FZ_CHECK(st == X12_EEDIT && x12_batch_edit_count(b) > 0,
                 "a failed check is X12_EEDIT with its edits");
        FZ_CHECK(fz_batch_write(b, &out1) == X12_EEDIT, "x12_batch_write runs the edits");
        FZ_CHECK(out1.len == 0, "nothing written when an edit fails");
        /* the stream lists the same edits (a level's closing rule may
         * come later) and writes no whole interchange */
        FZ_CHECK(sst == X12_EEDIT, "the streaming build fails its edits too");
        FZ_CHECK(!fz_has_iea(&sout), "a failed stream leaves the interchange unfinished");
        for (i = 0; i < x12_batch_edit_count(b); i++)
            fz_collect_edit(&loaded, x12_batch_edit_path(b, i), x12_batch_edit_at(b, i));
        fz_sorted_lines(&loaded, &a, 0);
        fz_sorted_lines(&sedits, &c, 0);
        if (!fz_eq(&a, &c)) {
            fz_show_diff("check", &a, "stream", &c);
            fz_fail(__FILE__, __LINE__, "a == c", "the stream's edits are the check's");
        }
    } else {
        FZ_CHECK(x12_batch_edit_count(b) == 0, "no edits when the check passes");
        st = fz_batch_write(b, &out1);
        if (st != X12_OK) {
            fprintf(stderr, "fuzz harness: x12_batch_write failed with %d after the edits passed\n",
                    (int)st);
            fz_fail(__FILE__, __LINE__, "st == X12_OK", "a checked batch could not be written");
        }
        fz_reads_clean("the 837", out1.p, out1.len);
        FZ_CHECK(fz_batch_write(b, &out2) == X12_OK, "a second write");
        if (!fz_eq(&out1, &out2)) {
            fz_show_diff("first write", &out1, "second write", &out2);
            fz_fail(__FILE__, __LINE__, "out1 == out2", "the output depends only on the batch");
        }
        FZ_CHECK(sst == X12_OK, "the streaming build passes too");
        if (!fz_eq(&out1, &sout)) {
            fz_show_diff("batch", &out1, "stream", &sout);
            fz_fail(__FILE__, __LINE__, "out1 == sout", "the stream writes the batch's bytes");
        }
    }
done:
    fz_free(&out1);
    fz_free(&out2);
    fz_free(&sout);
    fz_free(&sedits);
    fz_free(&a);
    fz_free(&c);
    fz_free(&loaded);
    x12_batch_free(b);
}

typedef struct fz_chunks {
    const uint8_t *p;
    size_t len, pos, chunk;
} fz_chunks;

static inline int fz_chunk_read(void *user, char *buf, size_t cap, size_t *got)
{
    fz_chunks *f = user;
    size_t n = f->len - f->pos;

    if (n > f->chunk)
        n = f->chunk;
    if (n > cap)
        n = cap;
    if (n)
        memcpy(buf, f->p + f->pos, n);
    f->pos += n;
    *got = n;
    return 0;
}

static inline x12_status fz_stream_build(int jsonl, const uint8_t *data, size_t len,
                                         size_t chunk, fz_buf *out, fz_buf *edits)
{
    x12_batch *b = NULL;
    x12_writer *w = NULL;
    x12_status st;
    const char *p;
    size_t n;
    fz_chunks f = {data, len, 0, chunk};

    FZ_CHECK(x12_batch_new(NULL, X12_CLAIM_837P, &b) == X12_OK, "batch");
    FZ_CHECK(x12_writer_new(NULL, &w) == X12_OK, "writer");
    FZ_CHECK(x12_writer_to_memory(w) == X12_OK, "memory");
    FZ_CHECK(x12_batch_set_edit_handler(b, fz_collect_edit, edits) == X12_OK, "handler");
    if (jsonl)
        st = chunk ? x12_batch_build_jsonl(b, fz_chunk_read, &f, "fuzz.jsonl", w)
                   : x12_batch_build_jsonl_buffer(b, len ? (const char *)data : NULL, len,
                                                  "fuzz.jsonl", w);
    else
        st = x12_batch_build_xml_buffer(b, len ? (const char *)data : NULL, len, "fuzz.xml", w);
    FZ_CHECK(x12_batch_edit_count(b) == 0, "a handler takes the records");
    p = x12_writer_memory(w, &n);
    fz_add(out, p, n);
    x12_writer_free(w);
    x12_batch_free(b);
    return st;
}

/* ================================================================================
 * encounters from JSON Lines
 * ================================================================================ */

static inline void fz_jsonl_one(const uint8_t *data, size_t len)
{
    fz_buf out1 = {0, 0, 0}, ed1 = {0, 0, 0}, out2 = {0, 0, 0}, ed2 = {0, 0, 0};
    x12_status st, st2;
    /* the chunk size: from the last byte, so that the rest stays the input */
    size_t chunk = len ? 1 + data[len - 1] % 97 : 1;

    st = fz_stream_build(1, data, len, 0, &out1, &ed1);
    FZ_CHECK(st == X12_OK || st == X12_ESYNTAX || st == X12_ELIMIT || st == X12_EEDIT,
             "a documented status (no kind set, no I/O, memory plenty)");
    if (st == X12_OK) {
        FZ_CHECK(ed1.len == 0, "no records when the build passes");
        fz_reads_clean("the 837 from JSON Lines", out1.p, out1.len);
    } else {
        FZ_CHECK(ed1.len > 0, "a failed build says why");
        FZ_CHECK(!fz_has_iea(&out1), "a failed build leaves the interchange unfinished");
    }
    st2 = fz_stream_build(1, data, len, chunk, &out2, &ed2);
    FZ_CHECK(st2 == st, "read in chunks: the same status");
    if (!fz_eq(&ed1, &ed2)) {
        fz_show_diff("buffer", &ed1, "chunks", &ed2);
        fz_fail(__FILE__, __LINE__, "ed1 == ed2", "read in chunks: the same records");
    }
    if (!fz_eq(&out1, &out2)) {
        fz_show_diff("buffer", &out1, "chunks", &out2);
        fz_fail(__FILE__, __LINE__, "out1 == out2", "read in chunks: the same bytes");
    }
    fz_free(&out1);
    fz_free(&ed1);
    fz_free(&out2);
    fz_free(&ed2);
}

#endif /* X12_FUZZ_HARNESS_MODULES_H */
