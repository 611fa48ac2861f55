/*
 * X12 data types, once: digits and identifiers, counts, R-type decimals
 * and money (parsed by hand into int64 cents, never through floating
 * point, and formatted back), dates and times.  The rules are written down
 * in x12types_internal.h; x12_cents_parse is the public face, and the two
 * older money parsers of the ABI are thin wrappers of it.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "x12types_internal.h"

/* ---- characters and identifiers --------------------------------------------- */

int x12i_all_digits(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!x12i_is_digit(p[i]))
            return 0;
    return n > 0;
}

int x12i_all_alnum_uc(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!x12i_is_alnum_uc(p[i]))
            return 0;
    return n > 0;
}

int x12i_npi_valid(const char *p, size_t n)
{
    /* Right to left from the ninth digit on through the prefix, every
     * other digit is doubled, starting with the ninth (a product over 9
     * counts as the sum of its digits). */
    static const char prefix[] = "80840";
    unsigned sum = 0, k = 0, d;
    size_t i;

    if (n != 10 || !x12i_all_digits(p, n))
        return 0;
    for (i = 9; i-- > 0; k++) {
        d = (unsigned)(p[i] - '0');
        if (k % 2 == 0 && (d *= 2) > 9)
            d -= 9;
        sum += d;
    }
    for (i = 5; i-- > 0; k++) {
        d = (unsigned)(prefix[i] - '0');
        if (k % 2 == 0 && (d *= 2) > 9)
            d -= 9;
        sum += d;
    }
    return (10 - sum % 10) % 10 == (unsigned)(p[9] - '0');
}

int x12i_procedure_shape(const char *p, size_t n)
{
    if (n != 5)
        return 0;
    if (x12i_all_digits(p, 4))
        return x12i_is_digit(p[4]) || p[4] == 'F' || p[4] == 'T';
    return p[0] >= 'A' && p[0] <= 'V' && x12i_all_digits(p + 1, 4);
}

/* ---- counts ------------------------------------------------------------------- */

int x12i_count_parse(const char *p, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    size_t i;

    if (n == 0 || n > 20)
        return -1;
    for (i = 0; i < n; i++) {
        unsigned d;

        if (!x12i_is_digit(p[i]))
            return -1;
        d = (unsigned)(p[i] - '0');
        if (v > (UINT64_MAX - d) / 10u)
            return -1;
        v = v * 10u + d;
    }
    *out = v;
    return 0;
}

/* ---- decimals and money ------------------------------------------------------ */

int x12i_parse_scaled(const char *p, size_t len, unsigned scale, int64_t *out)
{
    uint64_t v = 0, limit;
    size_t i = 0;
    int neg = 0, digits = 0, dot = 0, dropped = 0, kept = 0;
    unsigned frac = 0;

    X12_ASSERT(out != NULL && (p != NULL || len == 0) && scale <= 18);
    if (x12i_parse_simple(p, len, scale, out))
        return 0;
    *out = 0;
    if (len > 0 && (p[0] == '-' || p[0] == '+')) {
        neg = p[0] == '-';
        i = 1;
    }
    limit = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    for (; i < len; i++) {
        char ch = p[i];

        if (ch == '.') {
            if (dot)
                return -1;
            dot = 1;
            continue;
        }
        if (!x12i_is_digit(ch))
            return -1;
        digits++;
        if (dot && frac >= scale) {
            if (ch != '0')
                dropped = 1;
            continue;
        }
        if (dot)
            frac++;
        /* 18 digits always fit: check for overflow (a division) only past
         * them. */
        if (++kept > 18 && v > (limit - (uint64_t)(ch - '0')) / 10u)
            return -2;
        v = v * 10u + (uint64_t)(ch - '0');
    }
    if (digits == 0)
        return -1;
    for (; frac < scale; frac++) {
        if (v > limit / 10u)
            return -2;
        v *= 10u;
    }
    if (neg)
        *out = v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return dropped;
}

x12_status x12_cents_parse(const char *text, size_t len, int64_t *cents)
{
    int64_t v;
    int rc;

    if (cents == NULL || (text == NULL && len > 0))
        return X12_EINVAL;
    if (len == X12_NTS)
        len = strlen(text);
    rc = x12i_parse_scaled(text, len, 2, &v);
    if (rc == 0) {
        *cents = v;
        return X12_OK;
    }
    /* rc 1: a fraction of a cent ("0.005"), never rounded away. */
    *cents = 0;
    return rc == -2 ? X12_ERANGE : X12_ESYNTAX;
}

/* The 837 builder's parser of the ABI (include/x12/claim837.h): the same
 * rule, its own contract (X12_EINVAL for every failure, *cents untouched). */
x12_status x12_parse_cents(const char *text, size_t len, int64_t *cents)
{
    int64_t v;

    if (text == NULL || cents == NULL)
        return X12_EINVAL;
    if (x12_cents_parse(text, len, &v) != X12_OK)
        return X12_EINVAL;
    *cents = v;
    return X12_OK;
}

/* The 835 parser's of the ABI (include/x12/remit835.h): x12_cents_parse. */
x12_status x12_remit_parse_cents(const char *text, size_t len, int64_t *cents)
{
    return x12_cents_parse(text, len, cents);
}

const char x12i_two_digits[201] = "0001020304050607080910111213141516171819"
                                   "2021222324252627282930313233343536373839"
                                   "4041424344454647484950515253545556575859"
                                   "6061626364656667686970717273747576777879"
                                   "8081828384858687888990919293949596979899";

size_t x12i_u64_text(char *buf, uint64_t v, size_t minw)
{
    char tmp[24];
    size_t n = (size_t)(x12i_fmt_u64(tmp, v) - tmp), pad = 0;

    X12_ASSERT(buf != NULL);
    if (minw > 20)
        minw = 20;
    if (n < minw) {
        pad = minw - n;
        memset(buf, '0', pad);
    }
    memcpy(buf + pad, tmp, n);
    buf[pad + n] = '\0';
    return pad + n;
}

size_t x12i_cents_x12(char *buf, int64_t cents)
{
    /* The magnitude in unsigned arithmetic, so INT64_MIN works too. */
    uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    unsigned frac = (unsigned)(mag % 100u);
    char *w = buf;

    if (cents < 0)
        *w++ = '-';
    w = x12i_fmt_u64(w, mag / 100u);
    if (frac != 0) {
        *w++ = '.';
        *w++ = (char)('0' + frac / 10u);
        if (frac % 10u != 0)
            *w++ = (char)('0' + frac % 10u);
    }
    *w = '\0';
    return (size_t)(w - buf);
}

const char *x12i_cents_text(char *buf, size_t size, int64_t c)
{
    char tmp[24];
    size_t n = (size_t)(x12i_cents_put(tmp, c) - tmp);

    if (size == 0)
        return buf;
    if (n >= size)
        n = size - 1;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return buf;
}

/* ---- dates and times ----------------------------------------------------------- */

int x12i_date_valid(const char *p, size_t n)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    unsigned y, m, d, max;

    if ((n != 8 && n != 6) || !x12i_all_digits(p, n))
        return 0;
    if (n == 8) {
        y = x12i_date_year(p);
        p += 4;
    } else {
        y = 2000u + x12i_num2(p); /* the century changes leap years only in 1900 */
        p += 2;
    }
    m = x12i_num2(p);
    d = x12i_num2(p + 2);
    if (m < 1 || m > 12 || d < 1)
        return 0;
    max = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

int x12i_time_valid(const char *p, size_t n)
{
    if ((n != 4 && n != 6 && n != 7 && n != 8) || !x12i_all_digits(p, n))
        return 0;
    if (x12i_num2(p) > 23 || x12i_num2(p + 2) > 59)
        return 0;
    return n < 6 || x12i_num2(p + 4) <= 59;
}

void x12i_date_range(x12_str v, x12_str *from, x12_str *to)
{
    const char *dash = v.len ? memchr(v.ptr, '-', v.len) : NULL;

    if (dash == NULL) {
        *from = v;
        *to = v;
        return;
    }
    from->ptr = v.ptr;
    from->len = (size_t)(dash - v.ptr);
    to->ptr = dash + 1;
    to->len = v.len - from->len - 1;
}
