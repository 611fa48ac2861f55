/*
 * Output buffer and text helpers shared by the 835 JSON and CSV writers
 * (remit835_json.c, remit835_csv.c).  Never installed.
 */
#ifndef X12_REMIT835_OUT_H
#define X12_REMIT835_OUT_H

#include <string.h>

#include "remit835_internal.h"

/* A growing byte buffer; once memory runs out (nomem) writes are dropped
 * and the writer reports X12_ENOMEM. */
typedef struct x12i_out {
    x12i_alloc a;
    char *buf;
    size_t len, cap;
    int nomem;
} x12i_out;

/* Grows the buffer for n more bytes: 0, or -1 (nomem set). */
int x12i_out_grow(x12i_out *o, size_t n);
void x12i_out_free(x12i_out *o);

/* Room for n more bytes at buf + len: 0, or -1 when memory ran out. */
static inline int x12i_out_need(x12i_out *o, size_t n)
{
    return o->cap - o->len >= n ? 0 : x12i_out_grow(o, n);
}

static inline void x12i_out_put(x12i_out *o, const char *s, size_t n)
{
    /* n 0: nothing, and no memcpy on a buffer not made yet */
    if (n > 0 && x12i_out_need(o, n) == 0) {
        memcpy(o->buf + o->len, s, n);
        o->len += n;
    }
}

/* Length of the well-formed UTF-8 sequence at p (n bytes left), or 0.
 * Both writers keep well-formed UTF-8 and read any other byte >= 0x80 as
 * Latin-1, so their output is always valid UTF-8. */
size_t x12i_utf8_seq(const unsigned char *p, size_t n);

/* Writes a byte >= 0x80 read as Latin-1 (two bytes of UTF-8). */
static inline char *x12i_latin1(char *w, unsigned c)
{
    w[0] = (char)(0xC0 | (c >> 6));
    w[1] = (char)(0x80 | (c & 0x3F));
    return w + 2;
}

/* Digits and amounts: x12i_fmt_u64, x12i_fmt_i64 and x12i_cents_put of
 * x12types_internal.h (through remit835_internal.h). */

/* q is the code s (two or three characters, as qualifiers are). */
static inline int x12i_code_is(x12_str q, const char *s)
{
    return q.len == (s[2] == '\0' ? 2u : 3u) && q.ptr[0] == s[0] && q.ptr[1] == s[1] &&
           (q.len == 2 || q.ptr[2] == s[2]);
}

#endif /* X12_REMIT835_OUT_H */
