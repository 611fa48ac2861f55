/*
 * A strict JSON (RFC 8259) tokenizer for one text at a time, written for
 * JSON Lines input: a line is parsed into a flat array of tokens, values
 * in document order, each container knowing where its last descendant
 * ends, so that the reader walks objects and arrays without recursion.
 *
 * Strict: no comments, no trailing commas, no single quotes, no leading
 * zeros, no NaN or Infinity, no unescaped control characters, every
 * escape valid, \u surrogates paired, strings and the whole text valid
 * UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).  Also
 * refused: \u0000 (no value of the formats it serves can hold a NUL).
 * Nesting is limited (an explicit stack, no recursion), and memory is
 * bounded by the line: tokens and decoded strings never outgrow it.
 * Numbers are kept as their text: money is never read through double.
 * Never installed.
 */
#ifndef X12_JSON_INTERNAL_H
#define X12_JSON_INTERNAL_H

#include "internal.h"

typedef enum x12i_jtype {
    XJ_OBJECT = 1,
    XJ_ARRAY,
    XJ_STRING,
    XJ_NUMBER,
    XJ_TRUE,
    XJ_FALSE,
    XJ_NULL
} x12i_jtype;

#define XJF_SCRATCH 1u /* a string decoded into the scratch buffer (it had escapes) */
#define XJF_INT 2u     /* a number without fraction or exponent */

typedef struct x12i_jtok {
    uint32_t off;  /* byte offset in the text where the token starts */
    uint32_t next; /* index of the first token after this value (containers: after
                      their contents; an object's members are key, value pairs) */
    uint32_t pos;  /* strings: where the decoded bytes start; numbers: = off */
    uint32_t len;  /* strings: decoded length; numbers: length of the text */
    uint8_t type;  /* x12i_jtype */
    uint8_t flags; /* XJF_* */
} x12i_jtok;

typedef struct x12i_json {
    const x12i_alloc *a;
    size_t max_depth;
    x12i_jtok *t;
    size_t nt, capt;
    char *scratch; /* decoded strings that had escapes */
    size_t ns, caps;
    uint32_t *stack;
    size_t capstack;
    const char *text; /* the text of the last parse */
    /* the first error of the last parse */
    size_t err_off;
    int err_limit; /* the error is the depth limit */
    char err[96];
} x12i_json;

void x12i_json_init(x12i_json *j, const x12i_alloc *a, size_t max_depth);
void x12i_json_free(x12i_json *j);
/* Parses one JSON text (len < 4 GiB).  0: tokens in j->t[0 .. j->nt);
 * -1: not JSON (j->err, j->err_off; j->err_limit for the depth limit);
 * -2: out of memory. */
int x12i_json_parse(x12i_json *j, const char *text, size_t len);
/* The bytes of a string token (decoded) or a number token (its text). */
static inline const char *x12i_json_str(const x12i_json *j, const x12i_jtok *t)
{
    return (t->flags & XJF_SCRATCH) ? j->scratch + t->pos : j->text + t->pos;
}
/* An integer number token as int64: 0, or -1 when it is not an integer or
 * does not fit. */
int x12i_json_int(const x12i_json *j, const x12i_jtok *t, int64_t *out);

#endif /* X12_JSON_INTERNAL_H */
