/*
 * libx12 - X12 data types a caller parses: money.
 *
 * Every module of the library reads amounts by the rule of
 * x12_cents_parse, so an amount the 837 builder takes, the 835, 837, 271
 * and 277 parsers read and the JSON encounters carry is the same number.
 */
#ifndef X12_TYPES_H
#define X12_TYPES_H

#include <x12/common.h>
#include <x12/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parses X12 decimal text (the R type) as money into *cents, by hand,
 * never through floating point: an optional '-' or '+', digits with at
 * most one decimal point, at least one digit; no exponent, no spaces
 * ("-12.5" is -1250, "100" is 10000, ".5" is 50, "7." is 700).  Digits
 * past the second decimal place must be zeros: "1.500" is 150, "0.005" is
 * refused (the R type's value does not change with trailing zeros, and an
 * amount never holds a fraction of a cent).
 *
 * `len` may be X12_NTS for a NUL-terminated text; text may be NULL only
 * with len 0 (empty text).  Returns X12_OK; X12_ESYNTAX when the text is
 * not such an amount (empty text included); X12_ERANGE when the value
 * does not fit in int64_t cents; X12_EINVAL when cents is NULL or text is
 * NULL with a length.  *cents is 0 on failure.  Nothing is allocated.
 */
X12_API x12_status x12_cents_parse(const char *text, size_t len, int64_t *cents);

#ifdef __cplusplus
}
#endif

#endif /* X12_TYPES_H */
