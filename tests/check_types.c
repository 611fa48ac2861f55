/*
 * check_types: the X12 data types of lib/x12types.c, the one place where
 * money, counts, dates, times, digits and identifiers are read and written.
 *
 * This program compiles lib/x12types.c itself (see Makefile.am), so the
 * internal functions every module calls are tested directly; the public
 * face, x12_cents_parse, and the two older money parsers kept for the ABI
 * are tested against one table of cases, so they cannot drift apart again.
 */
#include "testutil.h"

#include "x12types_internal.h"

/* ---- money ------------------------------------------------------------------- */

/* Every form of amount text: signs, implied and explicit decimals, digits
 * past the cents (zeros only), the int64 edges and the malformed. */
static const struct {
    const char *text;
    x12_status st;
    int64_t cents;
} money_cases[] = {
    {"-12.5", X12_OK, -1250},
    {"100", X12_OK, 10000},
    {".5", X12_OK, 50},
    {"5.", X12_OK, 500},
    {"+3.25", X12_OK, 325},
    {"1.500", X12_OK, 150},
    {"1.50000000000000000000000", X12_OK, 150},
    {"0", X12_OK, 0},
    {"-0", X12_OK, 0},
    {"-0.01", X12_OK, -1},
    {"000000000000000000000001", X12_OK, 100},
    {"0.005", X12_ESYNTAX, 0},
    {"1.505", X12_ESYNTAX, 0},
    {"1.2.3", X12_ESYNTAX, 0},
    {"", X12_ESYNTAX, 0},
    {"-", X12_ESYNTAX, 0},
    {"+", X12_ESYNTAX, 0},
    {".", X12_ESYNTAX, 0},
    {"12a", X12_ESYNTAX, 0},
    {" 1", X12_ESYNTAX, 0},
    {"1 ", X12_ESYNTAX, 0},
    {"1,000", X12_ESYNTAX, 0},
    {"1e5", X12_ESYNTAX, 0},
    {"--1", X12_ESYNTAX, 0},
    {"92233720368547758.07", X12_OK, INT64_MAX},
    {"92233720368547758.08", X12_ERANGE, 0},
    {"-92233720368547758.08", X12_OK, INT64_MIN},
    {"-92233720368547758.09", X12_ERANGE, 0},
    {"99999999999999999999", X12_ERANGE, 0},
};

/* x12_cents_parse on every case; x12_remit_parse_cents gives the same
 * status and value; x12_parse_cents accepts exactly the same texts with
 * the same value, and says X12_EINVAL (leaving *cents alone) for the rest. */
START_TEST(money_one_rule)
{
    size_t i;

    for (i = 0; i < sizeof money_cases / sizeof money_cases[0]; i++) {
        const char *t = money_cases[i].text;
        int64_t a = 42, b = 43, c = 44;
        x12_status sa = x12_cents_parse(t, strlen(t), &a);
        x12_status sb = x12_remit_parse_cents(t, strlen(t), &b);
        x12_status sc = x12_parse_cents(t, strlen(t), &c);

        ck_assert_msg(sa == money_cases[i].st, "'%s': status %d", t, sa);
        ck_assert_msg(a == money_cases[i].cents, "'%s': %lld", t, (long long)a);
        ck_assert_msg(sb == sa && b == a, "'%s': x12_remit_parse_cents differs", t);
        if (sa == X12_OK)
            ck_assert_msg(sc == X12_OK && c == a, "'%s': x12_parse_cents differs", t);
        else
            ck_assert_msg(sc == X12_EINVAL && c == 44, "'%s': x12_parse_cents %d", t, sc);
    }
}
END_TEST

/* Lengths: X12_NTS, a length that stops inside the text, NULL text. */
START_TEST(money_arguments)
{
    int64_t c = 7;

    ck_assert_int_eq(x12_cents_parse("185.50", X12_NTS, &c), X12_OK);
    ck_assert_int_eq(c, 18550);
    ck_assert_int_eq(x12_cents_parse("185.50xyz", 6, &c), X12_OK);
    ck_assert_int_eq(c, 18550);
    ck_assert_int_eq(x12_cents_parse("12", 1, &c), X12_OK);
    ck_assert_int_eq(c, 100);
    ck_assert_int_eq(x12_cents_parse(NULL, 0, &c), X12_ESYNTAX);
    ck_assert_int_eq(c, 0);
    ck_assert_int_eq(x12_cents_parse(NULL, 3, &c), X12_EINVAL);
    ck_assert_int_eq(x12_cents_parse("1", 1, NULL), X12_EINVAL);
    ck_assert_int_eq(x12_remit_parse_cents("7.25", X12_NTS, &c), X12_OK);
    ck_assert_int_eq(c, 725);
    ck_assert_int_eq(x12_parse_cents("7.25", X12_NTS, &c), X12_OK);
    ck_assert_int_eq(c, 725);
    ck_assert_int_eq(x12_parse_cents(NULL, 0, &c), X12_EINVAL);
}
END_TEST

/* The scaled reader under the quantities (scale 3) and percents (4):
 * digits past the scale are dropped and said so. */
START_TEST(scaled_decimals)
{
    int64_t v;

    ck_assert_int_eq(x12i_parse_scaled("1.5", 3, 3, &v), 0);
    ck_assert_int_eq(v, 1500);
    ck_assert_int_eq(x12i_parse_scaled("0.0005", 6, 3, &v), 1);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(x12i_parse_scaled("-2.12345", 8, 4, &v), 1);
    ck_assert_int_eq(v, -21234);
    ck_assert_int_eq(x12i_parse_scaled(".25", 3, 4, &v), 0);
    ck_assert_int_eq(v, 2500);
    ck_assert_int_eq(x12i_parse_scaled("7", 1, 0, &v), 0);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(x12i_parse_scaled("7.9", 3, 0, &v), 1);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(x12i_parse_scaled("x", 1, 2, &v), -1);
    ck_assert_int_eq(x12i_parse_scaled("9223372036854775808", 19, 0, &v), -2);
    ck_assert_int_eq(x12i_parse_scaled("-9223372036854775808", 20, 0, &v), 0);
    ck_assert(v == INT64_MIN);
}
END_TEST

/* Cents written back: X12's form (no trailing zeros, as the writer and
 * the 837 builder put amounts on the wire) and the fixed two-decimal form
 * (messages, CSV, reports); both read back to the same cents. */
START_TEST(money_formats)
{
    static const struct {
        int64_t cents;
        const char *x12, *fixed;
    } cases[] = {
        {12345, "123.45", "123.45"},
        {12340, "123.4", "123.40"},
        {12300, "123", "123.00"},
        {100, "1", "1.00"},
        {-5, "-0.05", "-0.05"},
        {-50, "-0.5", "-0.50"},
        {0, "0", "0.00"},
        {7, "0.07", "0.07"},
        {INT64_MAX, "92233720368547758.07", "92233720368547758.07"},
        {INT64_MIN, "-92233720368547758.08", "-92233720368547758.08"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[32], fixed[24];
        int64_t back;
        size_t n = x12i_cents_x12(buf, cases[i].cents);

        ck_assert_str_eq(buf, cases[i].x12);
        ck_assert_uint_eq(n, strlen(cases[i].x12));
        ck_assert_str_eq(x12i_cents_text(fixed, sizeof fixed, cases[i].cents), cases[i].fixed);
        ck_assert_int_eq(x12_cents_parse(buf, n, &back), X12_OK);
        ck_assert(back == cases[i].cents);
        ck_assert_int_eq(x12_cents_parse(fixed, X12_NTS, &back), X12_OK);
        ck_assert(back == cases[i].cents);
    }
    {
        char small[5];

        /* cut to the buffer, always terminated */
        ck_assert_str_eq(x12i_cents_text(small, sizeof small, 123456), "1234");
    }
}
END_TEST

/* Decimal digits with zero padding (control numbers: ISA13 is 9 wide). */
START_TEST(unsigned_text)
{
    char buf[24];

    ck_assert_uint_eq(x12i_u64_text(buf, 4321, 9), 9);
    ck_assert_str_eq(buf, "000004321");
    ck_assert_uint_eq(x12i_u64_text(buf, 0, 1), 1);
    ck_assert_str_eq(buf, "0");
    ck_assert_uint_eq(x12i_u64_text(buf, 12345, 4), 5);
    ck_assert_str_eq(buf, "12345");
    ck_assert_uint_eq(x12i_u64_text(buf, UINT64_MAX, 1), 20);
    ck_assert_str_eq(buf, "18446744073709551615");
    ck_assert_uint_eq(x12i_u64_text(buf, 1, 99), 20); /* the width is capped at 20 */
    ck_assert_str_eq(buf, "00000000000000000001");
}
END_TEST

/* ---- counts ------------------------------------------------------------------- */

/* SE01, GE01, IEA01, HL01 and pointers: digits only, up to UINT64_MAX. */
START_TEST(counts)
{
    static const struct {
        const char *text;
        int ok;
        uint64_t v;
    } cases[] = {
        {"0", 1, 0},
        {"25", 1, 25},
        {"0025", 1, 25},
        {"9999999999", 1, 9999999999u}, /* SE01 has up to 10 digits */
        {"18446744073709551615", 1, UINT64_MAX},
        {"18446744073709551616", 0, 0},
        {"000000000000000000001", 0, 0}, /* 21 digits */
        {"", 0, 0},
        {"-1", 0, 0},
        {"+1", 0, 0},
        {"1 ", 0, 0},
        {"1.0", 0, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t v = 77;
        int rc = x12i_count_parse(cases[i].text, strlen(cases[i].text), &v);

        ck_assert_msg(rc == (cases[i].ok ? 0 : -1), "'%s': %d", cases[i].text, rc);
        ck_assert_msg(v == (cases[i].ok ? cases[i].v : 77u), "'%s'", cases[i].text);
    }
}
END_TEST

/* ---- dates and times ----------------------------------------------------------- */

/* One calendar: months, days per month, the Gregorian leap years, both
 * CCYYMMDD and ISA09's YYMMDD; the 1900 floor is the builders' edit rule
 * only (x12i_edit_date), never the type's. */
START_TEST(dates)
{
    static const struct {
        const char *d;
        int ok, edit;
    } cases[] = {
        {"20240229", 1, 1}, {"20230229", 0, 0}, {"20000229", 1, 1}, {"19000229", 0, 0},
        {"21000229", 0, 0}, {"20241231", 1, 1}, {"20240431", 0, 0}, {"20240430", 1, 1},
        {"20241301", 0, 0}, {"20240001", 0, 0}, {"20240100", 0, 0}, {"20240132", 0, 0},
        {"18991231", 1, 0}, {"19000101", 1, 1}, {"00010101", 1, 0}, {"2024021", 0, 0},
        {"202402291", 0, 0}, {"2024-2-9", 0, 0}, {"240229", 1, 0},  {"230229", 0, 0},
        {"000229", 1, 0},   {"241301", 0, 0},   {"240230", 0, 0},   {"", 0, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *d = cases[i].d;

        ck_assert_msg(x12i_date_valid(d, strlen(d)) == cases[i].ok, "'%s'", d);
        ck_assert_msg(x12i_edit_date(d, strlen(d)) == cases[i].edit, "'%s' (edit)", d);
    }
    ck_assert_uint_eq(x12i_date_year("20240229"), 2024);
}
END_TEST

START_TEST(times)
{
    static const struct {
        const char *t;
        int ok, hhmm;
    } cases[] = {
        {"0000", 1, 1},     {"2359", 1, 1},     {"2400", 0, 0},     {"1260", 0, 0},
        {"123059", 1, 0},   {"123060", 0, 0},   {"1230591", 1, 0},  {"12305999", 1, 0},
        {"12305", 0, 0},    {"123", 0, 0},      {"123059999", 0, 0}, {"12:3", 0, 0},
        {"", 0, 0},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].t;

        ck_assert_msg(x12i_time_valid(t, strlen(t)) == cases[i].ok, "'%s'", t);
        ck_assert_msg(x12i_hhmm(t, strlen(t)) == cases[i].hhmm, "'%s' (HHMM)", t);
    }
}
END_TEST

/* D8 and RD8 values split at the hyphen. */
START_TEST(date_ranges)
{
    x12_str v = {"20240101-20240131", 17}, a, b;

    x12i_date_range(v, &a, &b);
    ck_assert(a.len == 8 && memcmp(a.ptr, "20240101", 8) == 0);
    ck_assert(b.len == 8 && memcmp(b.ptr, "20240131", 8) == 0);
    v.len = 8;
    x12i_date_range(v, &a, &b);
    ck_assert(a.ptr == v.ptr && a.len == 8 && b.ptr == v.ptr && b.len == 8);
    v.len = 0;
    x12i_date_range(v, &a, &b);
    ck_assert(a.len == 0 && b.len == 0);
    v.ptr = "20240101-";
    v.len = 9;
    x12i_date_range(v, &a, &b);
    ck_assert(a.len == 8 && b.len == 0);
}
END_TEST

/* ---- digits and identifiers ------------------------------------------------------ */

START_TEST(identifiers)
{
    static const struct {
        const char *v;
        int npi;
    } npis[] = {{"1234567893", 1}, {"1987654328", 1}, {"1234567890", 0},
                {"1987654321", 0}, {"123456789", 0},  {"12345678931", 0},
                {"123456789X", 0}, {"", 0}};
    static const struct {
        const char *v;
        int ok;
    } procs[] = {{"99213", 1}, {"0001F", 1}, {"0001T", 1}, {"A0425", 1}, {"V2020", 1},
                 {"W1234", 0}, {"9921", 0},  {"9921X", 0}, {"0001U", 0}, {"A042", 0},
                 {"A04X5", 0}, {"992130", 0}, {"", 0}};
    size_t i;

    for (i = 0; i < sizeof npis / sizeof npis[0]; i++)
        ck_assert_msg(x12i_npi_valid(npis[i].v, strlen(npis[i].v)) == npis[i].npi, "'%s'",
                      npis[i].v);
    for (i = 0; i < sizeof procs / sizeof procs[0]; i++)
        ck_assert_msg(x12i_procedure_shape(procs[i].v, strlen(procs[i].v)) == procs[i].ok,
                      "'%s'", procs[i].v);
    ck_assert(x12i_all_digits("0123456789", 10));
    ck_assert(!x12i_all_digits("", 0));
    ck_assert(!x12i_all_digits("12a", 3));
    ck_assert(x12i_all_alnum_uc("AB12", 4));
    ck_assert(!x12i_all_alnum_uc("Ab12", 4));
    ck_assert(!x12i_all_alnum_uc("", 0));
}
END_TEST

static Suite *types_suite(void)
{
    Suite *s = suite_create("types");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, money_one_rule);
    tcase_add_test(tc, money_arguments);
    tcase_add_test(tc, scaled_decimals);
    tcase_add_test(tc, money_formats);
    tcase_add_test(tc, unsigned_text);
    tcase_add_test(tc, counts);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, times);
    tcase_add_test(tc, date_ranges);
    tcase_add_test(tc, identifiers);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(types_suite)
