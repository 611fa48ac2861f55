/*
 * libx12 internals shared by lib/xml.c (the converter handle and X12 ->
 * XML) and lib/xml_read.c (XML -> X12).  Never installed.
 */
#ifndef X12_XML_INTERNAL_H
#define X12_XML_INTERNAL_H

#include "internal.h"

/* One element open in the XML being written: its name (a string
 * literal) and whether its start tag still waits for its '>'. */
typedef struct x12i_xtag {
    const char *name;
    int start_open;
} x12i_xtag;

/* One loop open in the XML being written. */
typedef struct x12i_xloop {
    const char *id;
    uint64_t instance;
} x12i_xloop;

struct x12_xml {
    x12i_alloc a;
    int loops, indent;
    size_t max_segment;

    x12_error err;
    int has_err;
    unsigned long line, column;
    uint64_t segments;

    /* X12 -> XML in progress (kept across X12_AGAIN) */
    int busy;
    x12_validator *v;
    x12_write_fn fn;
    void *user;
    x12_status io_status;   /* X12_EIO once the callback failed */
    int in_interchange, in_group, in_transaction;
    x12i_xloop *open;       /* loops open in the document */
    size_t nopen, capopen;
    uint64_t expect;        /* input offset right after the last segment */
    char dtrailer[16];      /* the interchange's default trailer */
    size_t dtlen;
    char *esc;              /* escaping buffer, reused */
    size_t capesc;
    /* The XML text writer: output gathered in out[0 .. olen) and handed to
     * fn when full; the open elements; libxml2's "indent before the end
     * tag" flag, whose rules the output follows byte for byte. */
    char *out;
    size_t olen, ocap;
    x12i_xtag *tags;
    size_t ntags, captags;
    int doindent;
};

/* Fills x->err (severity error) and clears the XML position. */
void x12i_xml_fail(x12_xml *x, x12_status st, const char *rule, uint64_t segno,
                   const char *segid, size_t segid_len, uint64_t offset, unsigned element,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;

/* libxml2 prints some errors that reach it without a parser context (an
 * input that does not match its declared encoding) through its generic
 * error function, on stderr by default.  Only reading XML calls libxml2.
 * The library never prints: around each call into libxml2 that function is
 * set to a silent one and restored after.  It is per thread in libxml2, so
 * other threads are not affected. */
typedef struct x12i_xml_quiet {
    void (*fn)(void *, const char *, ...);
    void *ctx;
} x12i_xml_quiet;
void x12i_xml_quiet_begin(x12i_xml_quiet *q);
void x12i_xml_quiet_end(const x12i_xml_quiet *q);

/* 1 when the n bytes at p are UTF-8 made only of characters XML 1.0 can
 * hold. */
int x12i_xml_chars_ok(const unsigned char *p, size_t n);

#endif /* X12_XML_INTERNAL_H */
