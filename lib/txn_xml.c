/*
 * Requests from XML for the 270 and 276 builders: parse with libxml2,
 * check against the request's schema (compiled in), then hand the tree to
 * the builder's reader.  Problems become edit records with path "NAME:LINE"
 * and rules "xml-syntax", "xml-schema" or "xml-value".  libxml2's messages
 * may quote document content (names, ids): quoted text is replaced by
 * "(value)" unless it names an element or an attribute.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "txn_xml.h"

/* Copies msg without line breaks, replacing quoted content. */
static void redact(char *out, size_t size, const char *msg)
{
    static const char *const names[] = {"Element '", "element '", "attribute '",
                                        "Attribute '"};
    size_t n = 0;
    const char *p = msg;

    while (*p != '\0' && n + 1 < size) {
        if (*p == '\'') {
            const char *q = strchr(p + 1, '\'');
            int name = 0;
            size_t i, len;

            if (q == NULL)
                break;
            for (i = 0; i < sizeof names / sizeof names[0]; i++) {
                size_t k = strlen(names[i]) - 1;
                if ((size_t)(p - msg) >= k && memcmp(p - k, names[i], k) == 0)
                    name = 1;
            }
            len = name ? (size_t)(q - p + 1) : 7;
            if (n + len >= size)
                break;
            memcpy(out + n, name ? p : "(value)", len);
            n += len;
            p = q + 1;
            continue;
        }
        out[n++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
        p++;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
}

void tx_xml_error(tx_xml *x, long line, const char *rule, const char *fmt, ...)
{
    char path[300], msg[X12I_MSG_MAX];
    va_list ap;

    if (x->st == X12_ENOMEM)
        return;
    snprintf(path, sizeof path, "%s:%ld", x->name, line);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (tx_edit(x->a, x->edits, path, rule, NULL, NULL, 0, "%s", msg) != 0)
        x->st = X12_ENOMEM;
    else if (x->st == X12_OK)
        x->st = X12_ESYNTAX;
}

static void schema_error(void *user, xmlErrorPtr e)
{
    tx_xml *x = user;
    char msg[X12I_MSG_MAX];

    if (e == NULL)
        return;
    redact(msg, sizeof msg, e->message != NULL ? e->message : "not valid against the schema");
    tx_xml_error(x, e->line, "xml-schema", "%s", msg);
}

int tx_xml_is(const xmlNode *n, const char *ns, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, name) == 0;
}

const char *tx_xml_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;

    for (a = n->properties; a != NULL; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return a->children != NULL && a->children->content != NULL
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

long tx_xml_line(const xmlNode *n)
{
    return (long)xmlGetLineNo(n);
}

void tx_xml_check(tx_xml *x, x12_status st)
{
    if (st == X12_ENOMEM)
        x->st = X12_ENOMEM;
}

x12_status tx_xml_load(tx_xml *x, const char *data, size_t len, const char *xsd,
                       const char *root_name, void (*read)(tx_xml *, const xmlNode *))
{
    xmlParserCtxtPtr pc;
    xmlDocPtr doc;
    xmlSchemaParserCtxtPtr spc;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr vc;
    const xmlNode *root;
    int rc;

    if (len > (size_t)2147483647)
        return X12_EINVAL;
    x->st = X12_OK;
    x12i_xml_init();
    pc = xmlNewParserCtxt();
    if (pc == NULL)
        return X12_ENOMEM;
    doc = xmlCtxtReadMemory(pc, data != NULL ? data : "", (int)len, x->name, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    if (doc == NULL) {
        xmlErrorPtr e = xmlCtxtGetLastError(pc);
        char msg[X12I_MSG_MAX];
        redact(msg, sizeof msg, e != NULL && e->message != NULL ? e->message
                                                                  : "not well-formed XML");
        tx_xml_error(x, e != NULL ? (long)e->line : 0, "xml-syntax", "%s", msg);
        xmlFreeParserCtxt(pc);
        return x->st;
    }
    xmlFreeParserCtxt(pc);
    root = xmlDocGetRootElement(doc);
    if (root == NULL || strcmp((const char *)root->name, root_name) != 0) {
        tx_xml_error(x, root != NULL ? tx_xml_line(root) : 0, "xml-schema",
                     "the document is not <%s>", root_name);
        xmlFreeDoc(doc);
        return x->st;
    }
    spc = xmlSchemaNewMemParserCtxt(xsd, (int)strlen(xsd));
    schema = spc != NULL ? xmlSchemaParse(spc) : NULL;
    if (spc != NULL)
        xmlSchemaFreeParserCtxt(spc);
    vc = schema != NULL ? xmlSchemaNewValidCtxt(schema) : NULL;
    if (vc == NULL) {
        /* The schema is part of the library: only memory makes this fail. */
        if (schema != NULL)
            xmlSchemaFree(schema);
        xmlFreeDoc(doc);
        return X12_ENOMEM;
    }
    xmlSchemaSetValidStructuredErrors(vc, schema_error, x);
    rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    if (rc != 0 && x->st == X12_OK)
        tx_xml_error(x, 0, "xml-schema", "the document does not match the <%s> schema",
                     root_name);
    if (x->st == X12_OK)
        read(x, root);
    xmlFreeDoc(doc);
    return x->st;
}

x12_status tx_xml_slurp(const x12i_alloc *a, const char *path, char **data, size_t *len)
{
    FILE *f;
    char *buf = NULL, *nb;
    size_t n = 0, cap = 0, got;

    *data = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (f == NULL)
        return X12_EIO;
    for (;;) {
        if (cap - n < 65536) {
            size_t ncap = cap ? cap * 2 : 65536;
            nb = x12i_realloc(a, buf, ncap);
            if (nb == NULL) {
                x12i_free(a, buf);
                fclose(f);
                return X12_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        x12i_free(a, buf);
        fclose(f);
        return X12_EIO;
    }
    fclose(f);
    *data = buf;
    *len = n;
    return X12_OK;
}
