/*
 * claim837_content: the 837 content the builder learned after its first
 * release - the DRG, ambulance transport, purchased services and the
 * other segments of the guides (doc/837-COVERAGE.md lists them).
 *
 * For every field the same proof:
 *  - a claim that uses it builds, and the file reads back with nothing
 *    reported by the reader or by the validator (strict) against its
 *    guide (read_back);
 *  - round_trip(): the 837 reader gives every value back (no "not-kept"
 *    diagnostic, nothing at all reported), and the claims it hands out,
 *    copied into a new batch, write the same bytes again;
 *  - the field's segment is where the guide puts it (asserted on the bytes);
 *  - each edit of the field has a hand-made defect with its exact path, rule
 *    and message.
 */
#include <stdarg.h>

#include "claim837_util.h"

/* ---- helpers ---------------------------------------------------------------------- */

/* Reads `data` with the claim stream: every claim comes back without any
 * diagnostic, and the copies of its claims (header from the first) write
 * the same bytes. */
static void round_trip(const char *data, size_t len)
{
    x12_claim_stream *s;
    x12_batch *copy = NULL;
    x12_status st;
    tbuf again = {0};
    size_t n = 0;

    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), data, len), X12_OK);
    while ((st = x12_claim_stream_next(s)) == X12_OK) {
        size_t i;
        for (i = 0; i < x12_claim_stream_error_count(s); i++) {
            char msg[256];
            x12_error_format(x12_claim_stream_error_at(s, i), msg, sizeof msg);
            ck_abort_msg("read back: %s", msg);
        }
        ck_assert_uint_eq(x12_claim_stream_not_kept_count(s), 0);
        if (copy == NULL) {
            ck_assert_int_eq(x12_batch_new(NULL, x12_claim_stream_kind(s), &copy), X12_OK);
            ck_assert_int_eq(x12_batch_copy_header(copy, x12_claim_stream_header(s)), X12_OK);
        }
        ck_assert_int_eq(x12_claim_stream_copy_claim(s, copy, NULL), X12_OK);
        n++;
    }
    ck_assert_int_eq(st, X12_END);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_NOT_KEPT), 0);
    ck_assert_uint_eq(x12_claim_stream_total(s, X12_CTOTAL_ERRORS), 0);
    ck_assert_uint_gt(n, 0);
    ck_assert_int_eq(build(copy, &again), X12_OK);
    ck_assert_msg(again.len == len && memcmp(again.p, data, len) == 0,
                  "the copies write other bytes:\n%s\nthan the original:\n%.*s", again.p,
                  (int)len, data);
    tbuf_free(&again);
    x12_batch_free(copy);
    x12_claim_stream_free(s);
}

/* An example encounter with text replacements (pairs from, to; NULL
 * ends), loaded into a batch. */
static x12_batch *load_changed(const char *file, ...)
{
    size_t len;
    char *text = slurp_encounter(file, &len), *next;
    const char *from, *to;
    x12_batch *b;
    va_list ap;

    va_start(ap, file);
    while ((from = va_arg(ap, const char *)) != NULL) {
        to = va_arg(ap, const char *);
        next = replace(text, from, to);
        free(text);
        text = next;
    }
    va_end(ap);
    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_batch_load_xml_memory(b, text, strlen(text), file), X12_OK);
    free(text);
    return b;
}

/* Builds a batch that must pass every edit, checks the file as a receiver
 * would and reads it back (round_trip); the bytes are left in out. */
static void build_ok(x12_batch *b, tbuf *out)
{
    tbuf edits = {0};

    edits_text(b, &edits);
    ck_assert_msg(build(b, out) == X12_OK, "edits:\n%s", edits.p);
    read_back(out->p, out->len);
    round_trip(out->p, out->len);
    tbuf_free(&edits);
}

/* The edits of a batch, exactly `want` ("path|rule|message\n" each). */
static void edits_are(x12_batch *b, const char *want)
{
    tbuf got = {0};

    ck_assert_int_eq(x12_batch_check(b), X12_EEDIT);
    edits_text(b, &got);
    ck_assert_msg(strcmp(got.p, want) == 0, "got:\n%swant:\n%s", got.p, want);
    tbuf_free(&got);
}

/* The same example as JSON Lines (examples/encounters/NAME.jsonl) with one
 * replacement, built through the streaming JSON Lines reader. */
static x12_status build_jsonl(const char *file, const char *from, const char *to, tbuf *out)
{
    size_t len;
    char *orig = slurp_encounter(file, &len), *text = replace(orig, from, to);
    x12_batch *b;
    x12_writer *w;
    x12_status st;
    const char *p;
    size_t n;

    ck_assert_int_eq(x12_batch_new(NULL, X12_CLAIM_837P, &b), X12_OK);
    ck_assert_int_eq(x12_writer_new(NULL, &w), X12_OK);
    ck_assert_int_eq(x12_writer_to_memory(w), X12_OK);
    ck_assert_int_eq(x12_writer_set_line_break(w, "\n"), X12_OK);
    st = x12_batch_build_jsonl_buffer(b, text, strlen(text), file, w);
    p = x12_writer_memory(w, &n);
    if (st == X12_OK)
        tbuf_add(out, p, n);
    x12_writer_free(w);
    x12_batch_free(b);
    free(text);
    free(orig);
    return st;
}

static void has(const tbuf *out, const char *text)
{
    ck_assert_msg(strstr(out->p, text) != NULL, "no '%s' in:\n%s", text, out->p);
}

/* ---- DRG (837I 2300 HI*DR) ------------------------------------------------------------ */

/* An inpatient claim with the DRG the hospital assigned: HI*DR after the
 * admitting diagnosis and before the other diagnoses, as the guide orders
 * its HI segments. */
START_TEST(test_drg)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" drg=\"470\"", NULL);
    tbuf out = {0}, jl = {0};

    build_ok(b, &out);
    has(&out, "HI*ABJ:R1031~\nHI*DR:470~\nHI*ABF:E119");
    /* the JSON Lines form names it the same */
    ck_assert_int_eq(build_jsonl("inpatient-stay.jsonl", "\"bill_type\": \"111\"",
                                 "\"bill_type\": \"111\", \"drg\": \"470\"", &jl),
                     X12_OK);
    ck_assert_str_eq(jl.p, out.p);
    tbuf_free(&out);
    tbuf_free(&jl);
    x12_batch_free(b);
}
END_TEST

START_TEST(test_drg_edits)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" drg=\"47 0\"", NULL);

    edits_are(b, "claim[1].drg|code-format|DRG code must be upper-case letters and digits\n");
    x12_batch_free(b);
    b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                     "bill_type=\"111\" drg=\"4700000000000000000000000000000\"", NULL);
    edits_are(b, "claim[1].drg|too-long|DRG code is 31 characters long; at most 30\n");
    x12_batch_free(b);
    b = load_changed("office-visit.xml", "place_of_service=\"11\"",
                     "place_of_service=\"11\" drg=\"470\"", NULL);
    edits_are(b, "claim[1].drg|not-used|DRG code is not used on an 837P claim\n");
    x12_batch_free(b);
}
END_TEST

/* A second HI*DR is more than the model holds: reported, not dropped. */
START_TEST(test_drg_twice_read)
{
    x12_batch *b = load_changed("inpatient-stay.xml", "bill_type=\"111\"",
                                "bill_type=\"111\" drg=\"470\"", NULL);
    tbuf out = {0}, twice = {0};
    x12_claim_stream *s;
    const char *at;
    int found = 0;
    size_t i;

    ck_assert_int_eq(build(b, &out), X12_OK);
    at = strstr(out.p, "HI*DR:470~");
    ck_assert_ptr_nonnull(at);
    tbuf_add(&twice, out.p, (size_t)(at - out.p));
    tbuf_str(&twice, "HI*DR:470*DR:471~");
    tbuf_str(&twice, at + strlen("HI*DR:470~"));
    ck_assert_int_eq(x12_claim_stream_new(NULL, NULL, &s), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(x12_claim_stream_reader(s), twice.p, twice.len),
                     X12_OK);
    ck_assert_int_eq(x12_claim_stream_next(s), X12_OK);
    ck_assert_str_eq(x12_claim_get(x12_claim_stream_claim(s), X12_CLAIM_DRG).ptr, "470");
    for (i = 0; i < x12_claim_stream_error_count(s); i++) {
        const x12_error *e = x12_claim_stream_error_at(s, i);
        if (strcmp(x12_error_rule(e), "not-kept") == 0 &&
            strcmp(x12_error_segment_id(e), "HI") == 0 && x12_error_element(e) == 2)
            found = 1;
    }
    ck_assert_msg(found, "the second DR composite is not reported");
    x12_claim_stream_free(s);
    tbuf_free(&out);
    tbuf_free(&twice);
    x12_batch_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("claim837_content");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_drg);
    tcase_add_test(tc, test_drg_edits);
    tcase_add_test(tc, test_drg_twice_read);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
