/*
 * Helpers of the claim837 suites (check_claim837, check_claim837_content):
 * the example encounters, writing a batch to memory, its edits as text,
 * and read_back(), which checks a built interchange the way a receiver
 * does: no reader or envelope finding, a well-formed HL tree, and nothing
 * at all from the validator (strict) against the 837P or 837I guide.
 */
#ifndef X12_CLAIM837_UTIL_H
#define X12_CLAIM837_UTIL_H

#include "testutil.h"

#define S X12_NTS

/* ---- helpers ------------------------------------------------------------------ */

static inline const char *encounter_path(const char *name)
{
    static char path[4096];
    const char *dir = getenv("X12_EXAMPLE_DATA");

    snprintf(path, sizeof path, "%s/../encounters/%s", dir ? dir : "examples/data", name);
    return path;
}

/* Writes the batch to memory with a line break after each segment. */
static inline x12_status build(x12_batch *b, tbuf *out)
{
    x12_writer *w;
    x12_status st;
    const char *p;
    size_t n;

    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    st = x12_batch_write(b, w);
    p = x12_writer_memory(w, &n);
    if (st == X12_OK)
        tbuf_add(out, p, n);
    x12_writer_free(w);
    return st;
}

/* Every edit as "path|rule|message\n". */
static inline void edits_text(const x12_batch *b, tbuf *out)
{
    size_t i;

    tbuf_add(out, "", 0);
    for (i = 0; i < x12_batch_edit_count(b); i++) {
        const x12_error *e = x12_batch_edit_at(b, i);
        tbuf_str(out, x12_batch_edit_path(b, i));
        tbuf_str(out, "|");
        tbuf_str(out, x12_error_rule(e));
        tbuf_str(out, "|");
        tbuf_str(out, x12_error_message(e));
        tbuf_str(out, "\n");
    }
}

static inline size_t num_of(x12_str v)
{
    size_t i, n = 0;

    for (i = 0; i < v.len; i++)
        n = n * 10 + (size_t)(v.ptr[i] - '0');
    return n;
}

typedef struct readback {
    unsigned sets, claims, hls, segments;
} readback;

/*
 * Reads an interchange back and checks what a receiver's translator checks
 * first: no reader or envelope error or warning (so SE01, SE02, GE, IEA are
 * right), and a well-formed HL tree in every set.
 */
static inline readback read_back(const char *data, size_t len)
{
    x12_reader *r;
    const x12_segment *seg;
    x12_status st;
    readback rb = {0, 0, 0, 0};
    /* level of each HL id in the current set, and whether it had a child */
    char *level = NULL;
    unsigned char *declared = NULL, *has_child = NULL;
    size_t cap = 0, last = 0, i;

    ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
    while ((st = x12_reader_next(r, &seg)) == X12_OK) {
        x12_str id = x12_segment_id(seg);
        ck_assert_uint_eq(x12_reader_error_count(r), 0);
        rb.segments++;
        if (id.len == 2 && memcmp(id.ptr, "ST", 2) == 0) {
            rb.sets++;
            last = 0;
        } else if (id.len == 3 && memcmp(id.ptr, "CLM", 3) == 0) {
            rb.claims++;
        } else if (id.len == 2 && memcmp(id.ptr, "SE", 2) == 0) {
            for (i = 1; i <= last; i++)
                ck_assert_msg(declared[i] == has_child[i], "HL %zu: HL04 %d, children %d", i,
                              declared[i], has_child[i]);
        } else if (id.len == 2 && memcmp(id.ptr, "HL", 2) == 0) {
            x12_str h1 = x12_segment_element(seg, 1), h2 = x12_segment_element(seg, 2);
            x12_str h3 = x12_segment_element(seg, 3), h4 = x12_segment_element(seg, 4);
            size_t idn = num_of(h1), parent = num_of(h2);
            char lv = h3.ptr[1]; /* '0' for 20, '2' for 22, '3' for 23 */
            rb.hls++;
            ck_assert_uint_eq(idn, last + 1); /* numbered 1.. in each set */
            last = idn;
            if (idn >= cap) {
                cap = cap ? cap * 2 : 64;
                while (cap <= idn)
                    cap *= 2;
                level = realloc(level, cap);
                declared = realloc(declared, cap);
                has_child = realloc(has_child, cap);
            }
            level[idn] = lv;
            declared[idn] = h4.len == 1 && h4.ptr[0] == '1';
            has_child[idn] = 0;
            ck_assert(h4.len == 1 && (h4.ptr[0] == '0' || h4.ptr[0] == '1'));
            if (lv == '0') {
                ck_assert_uint_eq(parent, 0);
            } else {
                ck_assert(parent >= 1 && parent < idn);
                ck_assert_int_eq(level[parent], lv == '2' ? '0' : '2');
                has_child[parent] = 1;
            }
        }
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(x12_reader_error_count(r), 0);
    ck_assert_uint_eq(x12_reader_total_errors(r), 0);
    ck_assert_uint_eq(x12_reader_total_warnings(r), 0);
    x12_reader_free(r);
    free(level);
    free(declared);
    free(has_child);
    /* ---- validates with 0 errors against the 837P/837I guide -------------
     * Every golden, example and test claim passes through here: the
     * validator picks 005010X222A1 or 005010X223A2 from ST03 and must
     * report nothing at all (no error, no warning, strict), down to the
     * envelopes. */
    {
        x12_validator *v;
        const x12_segment *vseg;

        ck_assert_int_eq(x12_reader_new(NULL, &r), X12_OK);
        ck_assert_int_eq(x12_reader_open_buffer(r, data, len), X12_OK);
        ck_assert_int_eq(x12_validator_new(NULL, &v), X12_OK);
        ck_assert_int_eq(x12_validator_set_option(v, X12_VOPT_STRICT, 1), X12_OK);
        while (x12_reader_next(r, &vseg) == X12_OK) {
            x12_validator_segment(v, vseg);
            if (x12_validator_issue_count(v) > 0) {
                const x12_error *e = x12_issue_error(x12_validator_issue_at(v, 0));
                char msg[200];
                x12_error_format(e, msg, sizeof msg);
                ck_abort_msg("built claim fails validation: %s: %s",
                             x12_issue_code(x12_validator_issue_at(v, 0)), msg);
            }
        }
        ck_assert_int_eq(x12_validator_finish(v), X12_OK);
        ck_assert_uint_eq(x12_validator_issue_count(v), 0);
        ck_assert_uint_eq(x12_validator_total_errors(v), 0);
        ck_assert_uint_eq(x12_validator_total_warnings(v), 0);
        x12_validator_free(v);
        x12_reader_free(r);
    }
    return rb;
}

/* Compares with a golden file, printing the first difference. */
static inline void assert_golden(const tbuf *got, const char *name)
{
    size_t len, i, line = 1;
    char *want = slurp(data_path(name), &len);

    ck_assert_msg(want != NULL, "cannot read %s", name);
    for (i = 0; i < len && i < got->len && want[i] == got->p[i]; i++)
        line += want[i] == '\n';
    ck_assert_msg(len == got->len && i == len, "%s differs at line %zu (byte %zu)", name, line, i);
    free(want);
}

/* ---- the office visit through the C API ------------------------------------------ */

typedef struct fx {
    x12_batch *b;
    x12_billing_provider *bp;
    x12_subscriber *sub;
    x12_claim *c;
    x12_service_line *l1, *l2;
} fx;

/* examples/data/office-visit.837 as a batch (the same as examples/build_claim.c) */
static inline fx office_visit(const x12_allocator *al, x12_status *st_out)
{
    fx f;
    x12_status st = X12_OK;
    x12_party *p;

#define T(call)                                                                                \
    do {                                                                                       \
        if (st == X12_OK)                                                                      \
            st = (call);                                                                       \
    } while (0)
    memset(&f, 0, sizeof f);
    st = x12_batch_new(al, X12_CLAIM_837P, &f.b);
    if (st != X12_OK) {
        *st_out = st;
        return f;
    }
    T(x12_batch_set(f.b, X12_BATCH_SENDER_ID, "SUBMITTER01", S));
    T(x12_batch_set(f.b, X12_BATCH_RECEIVER_ID, "CLEARINGHSE01", S));
    T(x12_batch_set(f.b, X12_BATCH_DATE, "20251123", S));
    T(x12_batch_set(f.b, X12_BATCH_TIME, "0915", S));
    T(x12_batch_set(f.b, X12_BATCH_REFERENCE, "BATCH0417", S));
    T(x12_batch_set_option(f.b, X12_BATCHOPT_ISA13, 417));
    T(x12_batch_set_option(f.b, X12_BATCHOPT_GS06, 417));
    T(x12_batch_set_option(f.b, X12_BATCHOPT_ACK_REQUESTED, 1));
    p = x12_batch_submitter(f.b);
    T(x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S));
    T(x12_party_set(p, X12_PARTY_ID, "SUBMITTER01", S));
    T(x12_party_set(p, X12_PARTY_CONTACT, "BILLING OFFICE", S));
    T(x12_party_set(p, X12_PARTY_PHONE, "5555550100", S));
    T(x12_party_set(p, X12_PARTY_EMAIL, "billing@example.invalid", S));
    p = x12_batch_receiver(f.b);
    T(x12_party_set(p, X12_PARTY_NAME, "EXAMPLE CLEARINGHOUSE", S));
    T(x12_party_set(p, X12_PARTY_ID, "CLEARINGHSE01", S));
    T(x12_batch_add_provider(f.b, &f.bp));
    if (st == X12_OK) {
        p = x12_billing_provider_party(f.bp);
        T(x12_party_set(p, X12_PARTY_NAME, "RIVERSIDE FAMILY PRACTICE", S));
        T(x12_party_set(p, X12_PARTY_ID, "1234567893", S));
        T(x12_party_set(p, X12_PARTY_TAXONOMY, "207Q00000X", S));
        T(x12_party_set(p, X12_PARTY_ADDRESS1, "100 MAIN STREET", S));
        T(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
        T(x12_party_set(p, X12_PARTY_STATE, "IL", S));
        T(x12_party_set(p, X12_PARTY_ZIP, "627011234", S));
        T(x12_party_set(p, X12_PARTY_EIN, "371234567", S));
    }
    T(x12_billing_provider_add_subscriber(f.bp, &f.sub));
    if (st == X12_OK) {
        T(x12_subscriber_set(f.sub, X12_SUB_RESPONSIBILITY, "P", S));
        T(x12_subscriber_set(f.sub, X12_SUB_GROUP_NUMBER, "GRP0042", S));
        T(x12_subscriber_set(f.sub, X12_SUB_FILING_INDICATOR, "CI", S));
        p = x12_subscriber_party(f.sub);
        T(x12_party_set(p, X12_PARTY_NAME, "DOE", S));
        T(x12_party_set(p, X12_PARTY_FIRST_NAME, "JANE", S));
        T(x12_party_set(p, X12_PARTY_ID, "XJ0000000001", S));
        T(x12_party_set(p, X12_PARTY_ADDRESS1, "12 ELM AVENUE", S));
        T(x12_party_set(p, X12_PARTY_CITY, "SPRINGFIELD", S));
        T(x12_party_set(p, X12_PARTY_STATE, "IL", S));
        T(x12_party_set(p, X12_PARTY_ZIP, "62704", S));
        T(x12_party_set(p, X12_PARTY_BIRTH_DATE, "19800101", S));
        T(x12_party_set(p, X12_PARTY_GENDER, "F", S));
        p = x12_subscriber_payer(f.sub);
        T(x12_party_set(p, X12_PARTY_NAME, "EXAMPLE HEALTH PLAN", S));
        T(x12_party_set(p, X12_PARTY_ID, "EHP01", S));
    }
    T(x12_subscriber_add_claim(f.sub, &f.c));
    if (st == X12_OK) {
        T(x12_claim_set(f.c, X12_CLAIM_PCN, "PCN-2025-0001", S));
        T(x12_claim_set_amount(f.c, X12_CLAIMAMT_TOTAL_CHARGE, 18500));
        T(x12_claim_set(f.c, X12_CLAIM_PLACE_OF_SERVICE, "11", S));
        T(x12_claim_set(f.c, X12_CLAIM_ONSET_DATE, "20251110", S));
        T(x12_claim_set(f.c, X12_CLAIM_SERVICE_FROM, "20251120", S));
        T(x12_claim_add_diagnosis(f.c, X12_DX_PRINCIPAL, "J03.00", S, 0));
        T(x12_claim_add_diagnosis(f.c, X12_DX_OTHER, "R50.9", S, 0));
    }
    T(x12_claim_add_line(f.c, &f.l1));
    if (st == X12_OK) {
        T(x12_line_set(f.l1, X12_LINE_PROCEDURE, "99213", S));
        T(x12_line_add_modifier(f.l1, "25", S));
        T(x12_line_set_amount(f.l1, X12_LINEAMT_CHARGE, 12500));
        T(x12_line_add_pointer(f.l1, 1));
        T(x12_line_add_pointer(f.l1, 2));
        T(x12_line_set(f.l1, X12_LINE_CONTROL_NUMBER, "LINE0001", S));
    }
    T(x12_claim_add_line(f.c, &f.l2));
    if (st == X12_OK) {
        T(x12_line_set(f.l2, X12_LINE_PROCEDURE, "87880", S));
        T(x12_line_set_amount(f.l2, X12_LINEAMT_CHARGE, 6000));
        T(x12_line_add_pointer(f.l2, 1));
        T(x12_line_set(f.l2, X12_LINE_CONTROL_NUMBER, "LINE0002", S));
    }
#undef T
    *st_out = st;
    return f;
}

static inline fx ov(void)
{
    x12_status st;
    fx f = office_visit(NULL, &st);

    ck_assert_int_eq(st, X12_OK);
    return f;
}

static inline char *slurp_encounter(const char *name, size_t *len)
{
    char *p = slurp(encounter_path(name), len);

    ck_assert_ptr_nonnull(p);
    return p;
}

/* Replaces the first `from` by `to` in a NUL-terminated buffer (new copy). */
static inline char *replace(const char *src, const char *from, const char *to)
{
    const char *at = strstr(src, from);
    size_t n = strlen(src), a, m = strlen(to), k = strlen(from);
    char *out;

    ck_assert_msg(at != NULL, "fixture text not found: %s", from);
    a = (size_t)(at - src);
    out = malloc(n - k + m + 1);
    memcpy(out, src, a);
    memcpy(out + a, to, m);
    memcpy(out + a + m, at + k, n - a - k + 1);
    return out;
}

#endif /* X12_CLAIM837_UTIL_H */
