/*
 * X12 data types, in one place (lib/x12types.c): digits and identifiers,
 * counts, R-type decimals and money as int64 cents (parse and format),
 * dates (DT) and times (TM).  Every module that reads or writes one of
 * these goes through here, so a rule such as "digits past the cents must
 * be zeros" or "a date is a real calendar date" holds everywhere alike.
 * The public face is x12_cents_parse (include/x12/types.h).  Never
 * installed.
 */
#ifndef X12_X12TYPES_INTERNAL_H
#define X12_X12TYPES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <x12/types.h>

/* ---- characters and identifiers --------------------------------------------- */

static inline int x12i_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int x12i_is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

/* A capital letter or a digit: what codes and identifiers are made of. */
static inline int x12i_is_alnum_uc(int c)
{
    return x12i_is_digit(c) || x12i_is_upper(c);
}

/* The value of the two digits at p (the caller has checked them). */
static inline unsigned x12i_num2(const char *p)
{
    return (unsigned)(p[0] - '0') * 10u + (unsigned)(p[1] - '0');
}

/* 1 when p[0..n) is one or more digits. */
int x12i_all_digits(const char *p, size_t n);
/* 1 when p[0..n) is one or more capital letters and digits. */
int x12i_all_alnum_uc(const char *p, size_t n);

/* A National Provider Identifier: ten digits, the last the Luhn check
 * digit of "80840" followed by the first nine. */
int x12i_npi_valid(const char *p, size_t n);

/* The shape of a procedure code: CPT (four digits, then a digit, F for
 * category II or T for category III) or HCPCS level II (a letter A-V, then
 * four digits). */
int x12i_procedure_shape(const char *p, size_t n);

/* ---- counts ------------------------------------------------------------------- */

/*
 * A count or other unsigned decimal number as X12 writes them (SE01, GE01,
 * IEA01, HL01, a diagnosis pointer): 1 to 20 digits, no sign, no point,
 * leading zeros allowed, at most UINT64_MAX.  0 with *out set, -1 when the
 * text is not such a number (*out untouched).
 */
int x12i_count_parse(const char *p, size_t n, uint64_t *out);

/* ---- decimals and money ------------------------------------------------------ */

/*
 * R-type text scaled by 10^scale (2 for cents, 3 for thousandths): an
 * optional '-' or '+', digits with at most one decimal point, at least one
 * digit.  0 ok; 1 ok but digits past `scale` decimals were not all zeros
 * and were dropped (truncated toward zero); -1 not such a number; -2 the
 * value does not fit in int64_t.  *out is 0 unless the result is 0 or 1.
 */
int x12i_parse_scaled(const char *p, size_t len, unsigned scale, int64_t *out);

/* The common case of x12i_parse_scaled, inline for hot paths: "-123.45"
 * with at most `scale` decimals and 18 digits in all after scaling.  1 with
 * *out set, 0 to take the general path (which gives every other answer). */
static inline int x12i_parse_simple(const char *p, size_t len, unsigned scale, int64_t *out)
{
    static const uint64_t pow10[] = {1u, 10u, 100u, 1000u};
    const unsigned char *q = (const unsigned char *)p, *end = q + len, *first;
    uint64_t v = 0;
    size_t nd, frac = 0;
    unsigned d;
    int neg = 0;

    if (q < end && *q == '-') {
        neg = 1;
        q++;
    }
    first = q;
    for (; q < end && (d = (unsigned)*q - '0') < 10u; q++)
        v = v * 10u + d;
    nd = (size_t)(q - first);
    if (q < end) {
        if (*q != '.')
            return 0;
        first = ++q;
        for (; q < end && (d = (unsigned)*q - '0') < 10u; q++)
            v = v * 10u + d;
        frac = (size_t)(q - first);
        if (q != end || frac > scale)
            return 0;
        nd += frac;
    }
    /* Wrapped sums of too many digits are never used: nd > 18 stops here. */
    if (nd == 0 || nd + (scale - frac) > 18 || scale > 3)
        return 0;
    v *= pow10[scale - frac];
    *out = neg ? -(int64_t)v : (int64_t)v;
    return 1;
}

/* Money as int64 cents: x12_cents_parse (include/x12/types.h), the one
 * rule every module reads amounts by; it is x12i_parse_scaled at scale 2
 * with digits past the cents required to be zeros. */

/* Decimal digits of v at w (room for 20); returns the end.  Written
 * backwards two at a time: no division per digit, no copy. */
extern const char x12i_two_digits[201]; /* "00" .. "99" */

static inline char *x12i_fmt_u64(char *w, uint64_t v)
{
    unsigned n = 1;
    uint64_t t = v;
    char *end;

    while (t >= 10u) {
        if (t < 100u) {
            n += 1;
            break;
        }
        if (t < 1000u) {
            n += 2;
            break;
        }
        if (t < 10000u) {
            n += 3;
            break;
        }
        t /= 10000u;
        n += 4;
    }
    end = w + n;
    w = end;
    while (v >= 100u) {
        unsigned r = (unsigned)(v % 100u);

        v /= 100u;
        w -= 2;
        memcpy(w, x12i_two_digits + 2 * r, 2);
    }
    if (v >= 10u) {
        w -= 2;
        memcpy(w, x12i_two_digits + 2 * v, 2);
    } else {
        *--w = (char)('0' + v);
    }
    return end;
}

/* Signed: room for 21. */
static inline char *x12i_fmt_i64(char *w, int64_t v)
{
    if (v < 0) {
        *w++ = '-';
        return x12i_fmt_u64(w, (uint64_t)0 - (uint64_t)v);
    }
    return x12i_fmt_u64(w, (uint64_t)v);
}

/* Decimal text of v with at least `minw` digits (zero-padded, at most 20),
 * NUL-terminated in buf (room for 24).  Returns the length. */
size_t x12i_u64_text(char *buf, uint64_t v, size_t minw);

/* Cents as X12 writes an amount (R type): no trailing zeros in the
 * decimals and no point when there are none ("123.45", "123.4", "123",
 * "-0.05").  NUL-terminated in buf (room for 32).  Returns the length. */
size_t x12i_cents_x12(char *buf, int64_t cents);

/* Cents with exactly two decimals ("-12.50", "0.00"), as reports, CSV and
 * messages show money, at w (room for 24, not NUL-terminated).  Returns
 * the end. */
static inline char *x12i_cents_put(char *w, int64_t c)
{
    uint64_t m = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;

    if (c < 0)
        *w++ = '-';
    w = x12i_fmt_u64(w, m / 100u);
    *w++ = '.';
    memcpy(w, x12i_two_digits + 2 * (m % 100u), 2);
    return w + 2;
}

/* x12i_cents_put, NUL-terminated in buf (cut to size), for a message.
 * Returns buf. */
const char *x12i_cents_text(char *buf, size_t size, int64_t c);

/* ---- dates and times ----------------------------------------------------------- */

/*
 * The DT type: CCYYMMDD (n 8) or YYMMDD (n 6, as in ISA09), a real
 * calendar date (months 01-12, days within the month, February 29 in leap
 * years only; a YYMMDD year is read as 20YY for leap years).  Any year.
 */
int x12i_date_valid(const char *p, size_t n);

/* CCYY of a date x12i_date_valid accepted with n 8. */
static inline unsigned x12i_date_year(const char *p)
{
    return x12i_num2(p) * 100u + x12i_num2(p + 2);
}

/* The TM type: HHMM, HHMMSS, HHMMSSd or HHMMSSdd, a time of day (hours
 * 00-23, minutes and seconds 00-59). */
int x12i_time_valid(const char *p, size_t n);

/* HHMM only: a time of day in four digits (ISA10, GS05 as the builders
 * write it, an admission hour). */
static inline int x12i_hhmm(const char *p, size_t n)
{
    return n == 4 && x12i_time_valid(p, n);
}

/* Splits a D8 or RD8 value at its hyphen: "CCYYMMDD-CCYYMMDD" gives the
 * two halves, anything without one gives from = to = v.  Views into v. */
void x12i_date_range(x12_str v, x12_str *from, x12_str *to);

/*
 * Not a type rule but the pre-submission edit of the builders (837 claim
 * edits, 270 and 276 request checks): a CCYYMMDD date from 1900 on.  The
 * validator takes any year X12 allows; a claim or request dated before
 * 1900 is a typing error worth stopping before it is sent.
 */
#define X12I_EDIT_MIN_YEAR 1900u
static inline int x12i_edit_date(const char *p, size_t n)
{
    return n == 8 && x12i_date_valid(p, n) && x12i_date_year(p) >= X12I_EDIT_MIN_YEAR;
}

#endif /* X12_X12TYPES_INTERNAL_H */
