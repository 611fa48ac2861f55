/*
 * Status texts and error records: every status has its own text, records
 * format the way the CLI prints them, and NULL is handled.
 */
#include "testutil.h"

/* Each status value has a distinct, non-empty text; unknown ones too. */
START_TEST(strerror_texts)
{
    int a, b;

    for (a = X12_OK; a <= X12_EEDIT; a++) {
        const char *t = x12_strerror((x12_status)a);
        ck_assert_ptr_nonnull(t);
        ck_assert_uint_gt(strlen(t), 3);
        for (b = X12_OK; b < a; b++)
            ck_assert_str_ne(t, x12_strerror((x12_status)b));
    }
    ck_assert_str_eq(x12_strerror((x12_status)999), "unknown status");
    ck_assert_str_eq(x12_strerror(X12_ESYNTAX), "input is not well-formed X12");
}
END_TEST

/* The run-time version matches the headers the program was built with. */
START_TEST(version)
{
    ck_assert_str_eq(x12_version(), X12_VERSION_STRING);
}
END_TEST

static const x12_error *first_error(x12_reader **r, const char *in)
{
    const x12_segment *seg;

    ck_assert_int_eq(x12_reader_new(NULL, r), X12_OK);
    ck_assert_int_eq(x12_reader_open_buffer(*r, in, strlen(in)), X12_OK);
    while (x12_reader_next(*r, &seg) == X12_OK)
        if (x12_reader_error_count(*r) > 0)
            return x12_reader_error_at(*r, 0);
    return x12_reader_last_error(*r);
}

/* A record with an element formats as SEGNO:SEGID-EE: message, and every
 * accessor returns the located values. */
START_TEST(format_element)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *251123*1030*^*"
        "00501*000000001*0*P*:~GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "SE*3*0001~GE*1*1~IEA*1*000000001~";
    x12_reader *r;
    const x12_error *e = first_error(&r, in);
    char buf[256];
    size_t n;

    ck_assert_ptr_nonnull(e);
    n = x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "4:SE-01: SE01 says 3 segments, counted 2");
    ck_assert_uint_eq(n, strlen(buf));
    ck_assert_int_eq(x12_error_status(e), X12_EENVELOPE);
    ck_assert_int_eq(x12_error_severity(e), X12_SEV_ERROR);
    ck_assert_uint_eq(x12_error_segment_number(e), 4);
    ck_assert_str_eq(x12_error_segment_id(e), "SE");
    ck_assert_uint_eq(x12_error_element(e), 1);
    ck_assert_uint_eq(x12_error_component(e), 0);
    ck_assert_uint_eq(x12_error_repetition(e), 0);
    ck_assert_uint_eq(x12_error_offset(e), (uint64_t)(strstr(in, "SE*") - in));
    ck_assert_str_eq(x12_error_rule(e), "se01-count");
    ck_assert_str_eq(x12_error_loop_id(e), "");
    /* Truncation behaves like snprintf. */
    ck_assert_uint_eq(x12_error_format(e, buf, 5), n);
    ck_assert_str_eq(buf, "4:SE");
    x12_reader_free(r);
}
END_TEST

/* A record without a segment formats with "-" in place of the id. */
START_TEST(format_no_segment)
{
    x12_reader *r;
    const x12_error *e = first_error(&r, "");
    char buf[128];

    ck_assert_ptr_nonnull(e);
    x12_error_format(e, buf, sizeof buf);
    ck_assert_str_eq(buf, "0:-: no ISA segment: the input is empty");
    x12_reader_free(r);
}
END_TEST

/* Accessors on NULL return neutral values instead of crashing. */
START_TEST(null_records)
{
    char buf[8] = "x";

    ck_assert_int_eq(x12_error_status(NULL), X12_EINVAL);
    ck_assert_uint_eq(x12_error_segment_number(NULL), 0);
    ck_assert_str_eq(x12_error_segment_id(NULL), "");
    ck_assert_str_eq(x12_error_message(NULL), "");
    ck_assert_str_eq(x12_error_rule(NULL), "");
    ck_assert_uint_eq(x12_error_format(NULL, buf, sizeof buf), 0);
}
END_TEST

/* Messages never carry control bytes from the input. */
START_TEST(messages_are_printable)
{
    static const char in[] =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *251123*1030*^*"
        "00501*000000001*0*P*:~GS*HC*A*B*20251123*1030*1*X*005010X222A1~ST*837*0001~"
        "SE*\x01\x1b[2J*0001~GE*1*1~IEA*1*000000001~";
    x12_reader *r;
    const x12_error *e = first_error(&r, in);
    const char *m;

    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(x12_error_rule(e), "se01-count");
    for (m = x12_error_message(e); *m; m++)
        ck_assert((unsigned char)*m >= 0x20 && (unsigned char)*m < 0x7f);
    x12_reader_free(r);
}
END_TEST

static Suite *error_suite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, strerror_texts);
    tcase_add_test(tc, version);
    tcase_add_test(tc, format_element);
    tcase_add_test(tc, format_no_segment);
    tcase_add_test(tc, null_records);
    tcase_add_test(tc, messages_are_printable);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(error_suite)
