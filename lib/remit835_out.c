/*
 * Output buffer and text helpers shared by the 835 JSON and CSV writers.
 */
#include "remit835_out.h"

int x12i_out_grow(x12i_out *o, size_t n)
{
    size_t want, cap;
    char *nb;

    if (o->nomem)
        return -1;
    if (n > SIZE_MAX - o->len) {
        o->nomem = 1;
        return -1;
    }
    want = o->len + n;
    cap = o->cap != 0 ? o->cap : 65536;
    while (cap < want)
        cap = cap > SIZE_MAX / 2 ? want : cap * 2;
    nb = x12i_realloc(&o->a, o->buf, cap);
    if (nb == NULL) {
        o->nomem = 1;
        return -1;
    }
    o->buf = nb;
    o->cap = cap;
    return 0;
}

void x12i_out_free(x12i_out *o)
{
    x12i_free(&o->a, o->buf);
    o->buf = NULL;
    o->len = o->cap = 0;
}

size_t x12i_utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;

    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
        return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing past U+10FFFF */
        return n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
                       (p[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}
