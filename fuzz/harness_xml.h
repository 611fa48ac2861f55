/*
 * The X12 <-> XML fuzz harness (include/x12/xml.h), shared by fuzz/fuzz_xml.c
 * and the regression replay test tests/check_fuzz_regressions.c
 * (fuzz/regressions/xml-*.bin).
 *
 * fz_xml_one: input that starts with '<' (after white space) is an XML
 * document: it is converted to X12 (any error is fine as long as it is
 * described; a crash or leak is not), and the X12 that comes out must go to
 * XML and back unchanged.  Any other input is X12: when it converts to XML,
 * the XML must convert back to exactly the input.  A broken invariant
 * aborts.
 */
#ifndef X12_FUZZ_HARNESS_XML_H
#define X12_FUZZ_HARNESS_XML_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <x12/x12.h>

typedef struct fz_xbuf {
    char *p;
    size_t len, cap;
} fz_xbuf;

static inline int fz_xml_write(void *user, const char *data, size_t len)
{
    fz_xbuf *b = user;

    if (b->len + len > b->cap) {
        size_t c = b->cap ? b->cap : 4096;
        char *p;
        while (c < b->len + len)
            c *= 2;
        p = realloc(b->p, c);
        if (p == NULL)
            return -1;
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
    return 0;
}

/* X12 -> XML -> X12; 1 when the first step succeeded.  Aborts when the bytes
 * that come back differ. */
static inline int fz_x12_round_trip(x12_xml *x, const char *data, size_t size)
{
    x12_reader *r;
    fz_xbuf xml = {NULL, 0, 0}, back = {NULL, 0, 0};
    int converted = 0;

    if (x12_reader_new(NULL, &r) != X12_OK)
        return 0;
    if (x12_reader_open_buffer(r, data, size) == X12_OK &&
        x12_xml_write(x, r, fz_xml_write, &xml) == X12_OK) {
        converted = 1;
        if (x12_xml_read_buffer(x, xml.p, xml.len, fz_xml_write, &back) != X12_OK ||
            back.len != size || (size > 0 && memcmp(back.p, data, size) != 0))
            abort();
    }
    x12_reader_free(r);
    free(xml.p);
    free(back.p);
    return converted;
}

static inline void fz_xml_one(const uint8_t *data, size_t size)
{
    x12_xml *x;
    size_t i = 0;

    if (x12_xml_new(NULL, &x) != X12_OK)
        return;
    while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    if (i < size && data[i] == '<') {
        fz_xbuf out = {NULL, 0, 0};
        if (x12_xml_read_buffer(x, data, size, fz_xml_write, &out) == X12_OK)
            fz_x12_round_trip(x, out.p ? out.p : "", out.len);
        else if (x12_xml_last_error(x) == NULL)
            abort(); /* every failure is described */
        free(out.p);
    } else {
        fz_x12_round_trip(x, (const char *)data, size);
    }
    x12_xml_free(x);
}

#endif /* X12_FUZZ_HARNESS_XML_H */
