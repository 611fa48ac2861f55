/*
 * Shared helpers of tests/check_validate_837p.c, _837i.c and _835.c (the
 * validator against the 837P, 837I and 835 guides), in
 * tests/validate_util.c.
 *
 * Hand-made defects: each test edits a clean fixture of tests/data
 * (validate-837p-clean.x12, validate-837i-clean.x12, validate-835-clean.x12;
 * one segment per line, so line N is segment N of the interchange and set
 * position N - 2), re-counts SE01 unless the defect is about SE01, and
 * compares every issue the validator reports with the expected 999 codes
 * and positions, written as
 *     IK3 CODE SEG@SETPOS LOOP      segment error
 *     IK4 CODE SEGnn[-c]@SETPOS LOOP element error
 *     IK5 CODE / AK9 CODE / TA1 CODE
 * in the order the validator reports them (a required segment or loop that
 * is missing is reported when its loop closes, at the position where it was
 * first found missing).  The 999 written for every edited file is itself
 * validated, strictly, against the built-in 999 guide (assert_999_valid).
 */
#ifndef X12_VALIDATE_UTIL_H
#define X12_VALIDATE_UTIL_H

#include "testutil.h"

typedef struct lines {
    char **v;
    size_t n;
} lines;

lines split_lines(const char *text);
void free_lines(lines *l);
/* Joins lines, re-counting SE01 (segments from ST to SE) when fix_se;
 * caller frees. */
char *join_lines(lines *l, int fix_se);
/* Validates `len` bytes; every issue as one signature string (caller
 * frees).  `strict` sets X12_VOPT_STRICT. */
char *validate_sig(const char *data, size_t len, int strict);
/* The same with X12_VOPT_ERRATA set to `errata`. */
char *validate_sig_errata(const char *data, size_t len, int strict, int errata);
/* A fixture of tests/data, whole (caller frees). */
char *fixture_text(const char *name);
/* The clean 837P fixture (caller frees). */
char *clean_text(void);
/* The 999 for `data` is itself a valid 999, and not an acceptance when
 * the data had errors. */
void assert_999_valid(const char *data, size_t len);

/* An edit of the clean fixture: at 1-based line `at`, delete `del` lines,
 * then insert `ins` (lines separated by '\n', may be NULL). */
typedef struct edit {
    int at, del;
    const char *ins;
} edit;

/* The signature of a fixture after edits (and checks its 999). */
char *edited_sig_of(const char *fixture, const edit *edits, size_t nedits, int fix_se,
                    int strict);
/* The same on the clean 837P fixture. */
char *edited_sig(const edit *edits, size_t nedits, int fix_se, int strict);

#define EXPECT_FIXTURE_EDITS(fixture, fix, want, ...)                                    \
    do {                                                                                 \
        const edit eds_[] = {__VA_ARGS__};                                               \
        char *got_ = edited_sig_of((fixture), eds_, sizeof eds_ / sizeof eds_[0], (fix), \
                                   0);                                                   \
        ck_assert_str_eq(got_, (want));                                                  \
        free(got_);                                                                      \
    } while (0)
/* An edit of the clean 837P, 837I or 835 fixture. */
#define EXPECT_EDITS(fix, want, ...) \
    EXPECT_FIXTURE_EDITS("validate-837p-clean.x12", fix, want, __VA_ARGS__)
#define EXPECT_I(fix, want, ...) \
    EXPECT_FIXTURE_EDITS("validate-837i-clean.x12", fix, want, __VA_ARGS__)
#define EXPECT_R(fix, want, ...) \
    EXPECT_FIXTURE_EDITS("validate-835-clean.x12", fix, want, __VA_ARGS__)

/* Replaces line N with one line. */
#define REPLACE(n, text) {(n), 1, (text)}
#define DELETE(n, k) {(n), (k), NULL}
#define INSERT_BEFORE(n, text) {(n), 0, (text)}

#endif /* X12_VALIDATE_UTIL_H */
