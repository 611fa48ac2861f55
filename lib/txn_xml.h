/*
 * Requests from XML (lib/txn_xml.c) for the 270 and 276 builders
 * (lib/elig_xml.c, lib/cstat_xml.c).  Never installed.
 */
#ifndef X12_TXN_XML_H
#define X12_TXN_XML_H

#include <libxml/tree.h>

#include "txn_internal.h"

typedef struct tx_xml {
    const x12i_alloc *a;
    tx_edits *edits;   /* the builder's edit records */
    const char *name;  /* for paths: "request.xml" */
    x12_status st;     /* X12_OK, X12_ESYNTAX (a problem was recorded) or X12_ENOMEM */
    void *target;      /* the request being filled */
} tx_xml;

/* Parses `len` bytes, checks the root element and the schema `xsd` (a
 * NUL-terminated XSD text) and, when both are right, calls read with the
 * root.  Returns x->st. */
x12_status tx_xml_load(tx_xml *x, const char *data, size_t len, const char *xsd,
                       const char *root_name, void (*read)(tx_xml *, const xmlNode *));
/* Records an edit "NAME:LINE" (rule xml-syntax, xml-schema or xml-value). */
void tx_xml_error(tx_xml *x, long line, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int tx_xml_is(const xmlNode *n, const char *ns, const char *name);
/* The attribute's text, or NULL when absent. */
const char *tx_xml_attr(const xmlNode *n, const char *name);
long tx_xml_line(const xmlNode *n);
/* Notes X12_ENOMEM from a setter. */
void tx_xml_check(tx_xml *x, x12_status st);
/* A whole file into memory (allocator a); X12_EIO, X12_ENOMEM. */
x12_status tx_xml_slurp(const x12i_alloc *a, const char *path, char **data, size_t *len);

#endif /* X12_TXN_XML_H */
