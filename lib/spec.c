/*
 * Implementation guides: the built-in table, loading companion guides at
 * run time (libxml2, checked against the embedded schema) and accessors.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "spec_internal.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
    xmlInitParser();
}

void x12i_xml_init(void)
{
    (void)pthread_once(&xml_once, xml_init_once);
}

const x12_spec *x12_spec_builtin(const char *id)
{
    size_t i;

    if (id == NULL)
        return NULL;
    for (i = 0; i < x12i_builtin_count; i++)
        if (strcmp(x12i_builtin_specs[i]->id, id) == 0)
            return x12i_builtin_specs[i];
    return NULL;
}

size_t x12_spec_builtin_count(void)
{
    return x12i_builtin_count;
}

const x12_spec *x12_spec_builtin_at(size_t i)
{
    return i < x12i_builtin_count ? x12i_builtin_specs[i] : NULL;
}

const x12_spec *x12_spec_builtin_for(const char *set_id, const char *version, int *exact)
{
    size_t i;
    const x12_spec *near = NULL;

    if (exact != NULL)
        *exact = 0;
    if (set_id == NULL)
        return NULL;
    for (i = 0; i < x12i_builtin_count; i++) {
        const x12_spec *s = x12i_builtin_specs[i];
        if (strcmp(s->set, set_id) != 0 || version == NULL)
            continue;
        if (strcmp(s->id, version) == 0) {
            if (exact != NULL)
                *exact = 1;
            return s;
        }
        /* "005010X222" names the guide; A1/A2 the errata release. */
        if (near == NULL && strlen(version) >= 10 && strncmp(s->id, version, 10) == 0)
            near = s;
    }
    return near;
}

/* ---- loading ------------------------------------------------------------- */

typedef struct load_err {
    int have;
    long line;
    char msg[200];
} load_err;

/* libxml2 messages may span lines ("...\nBytes: 0xFF ..."): our errors are
 * one line, so control bytes become spaces and trailing space goes. */
static void one_line(char *msg)
{
    size_t n;

    for (n = 0; msg[n] != '\0'; n++)
        if ((unsigned char)msg[n] < 0x20)
            msg[n] = ' ';
    while (n > 0 && msg[n - 1] == ' ')
        msg[--n] = '\0';
}

static void keep_first(void *user, xmlErrorPtr e)
{
    load_err *le = user;

    if (le->have || e == NULL || e->level < XML_ERR_ERROR)
        return;
    le->have = 1;
    le->line = e->line;
    snprintf(le->msg, sizeof le->msg, "%s", e->message ? e->message : "invalid");
    one_line(le->msg);
}

static void swallow(void *user, xmlErrorPtr e)
{
    (void)user;
    (void)e;
}

/* Checks doc against the embedded schema; 0 when valid. */
static int check_schema(xmlDoc *doc, load_err *le)
{
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr schema = NULL;
    xmlSchemaValidCtxtPtr vc = NULL;
    int rc = -1;

    pc = xmlSchemaNewMemParserCtxt(x12i_spec_xsd, (int)strlen(x12i_spec_xsd));
    if (pc == NULL)
        return -2;
    xmlSchemaSetParserStructuredErrors(pc, swallow, NULL);
    schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (schema == NULL)
        return -2;
    vc = xmlSchemaNewValidCtxt(schema);
    if (vc != NULL) {
        xmlSchemaSetValidStructuredErrors(vc, keep_first, le);
        rc = xmlSchemaValidateDoc(vc, doc);
        xmlSchemaFreeValidCtxt(vc);
        if (rc < 0)
            rc = -2;
    } else {
        rc = -2;
    }
    xmlSchemaFree(schema);
    return rc;
}

static x12_status load_doc(xmlDoc *doc, const char *name, const x12_allocator *alloc,
                           x12_spec **out, char *err, size_t errsize)
{
    x12i_alloc a;
    load_err le;
    char buf[300];
    x12_status st;
    int rc;

    memset(&le, 0, sizeof le);
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    rc = check_schema(doc, &le);
    if (rc != 0) {
        if (errsize > 0) {
            if (rc == -2)
                snprintf(err, errsize, "%s: cannot check the spec against its schema", name);
            else
                snprintf(err, errsize, "%s:%ld: %s", name, le.line,
                         le.have ? le.msg : "not valid against the spec schema");
        }
        return rc == -2 ? X12_ENOMEM : X12_ESYNTAX;
    }
    *out = x12i_spec_from_doc(&a, doc, buf, sizeof buf, &st);
    if (*out == NULL) {
        if (errsize > 0)
            snprintf(err, errsize, "%s:%s", name, buf);
        return st;
    }
    return X12_OK;
}

static x12_status parse_failed(xmlParserCtxtPtr ctxt, const char *name, char *err,
                               size_t errsize)
{
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    char msg[200];

    if (e != NULL && e->domain == XML_FROM_IO) {
        if (errsize > 0)
            snprintf(err, errsize, "%s: cannot read the file", name);
        return X12_EIO;
    }
    snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "not well-formed XML");
    one_line(msg);
    if (errsize > 0)
        snprintf(err, errsize, "%s:%d: %s", name, e ? e->line : 0, msg);
    return X12_ESYNTAX;
}

#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS)

x12_status x12_spec_load_file(const char *path, const x12_allocator *alloc, x12_spec **out,
                              char *err, size_t errsize)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    x12_status st;
    FILE *probe;

    if (errsize > 0 && err != NULL)
        err[0] = '\0';
    if (err == NULL)
        errsize = 0;
    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (path == NULL)
        return X12_EINVAL;
    /* libxml2 reports a missing file only vaguely; say why ourselves. */
    probe = fopen(path, "rb");
    if (probe == NULL) {
        if (errsize > 0)
            snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return X12_EIO;
    }
    fclose(probe);
    x12i_xml_init();
    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return X12_ENOMEM;
    doc = xmlCtxtReadFile(ctxt, path, NULL, PARSE_OPTS);
    if (doc == NULL) {
        st = parse_failed(ctxt, path, err, errsize);
        xmlFreeParserCtxt(ctxt);
        return st;
    }
    xmlFreeParserCtxt(ctxt);
    st = load_doc(doc, path, alloc, out, err, errsize);
    xmlFreeDoc(doc);
    return st;
}

x12_status x12_spec_load_memory(const void *data, size_t len, const char *name,
                                const x12_allocator *alloc, x12_spec **out, char *err,
                                size_t errsize)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    x12_status st;

    if (errsize > 0 && err != NULL)
        err[0] = '\0';
    if (err == NULL)
        errsize = 0;
    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (data == NULL || len > (size_t)0x7fffffff)
        return X12_EINVAL;
    if (name == NULL)
        name = "<memory>";
    x12i_xml_init();
    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return X12_ENOMEM;
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, PARSE_OPTS);
    if (doc == NULL) {
        st = parse_failed(ctxt, name, err, errsize);
        xmlFreeParserCtxt(ctxt);
        return st;
    }
    xmlFreeParserCtxt(ctxt);
    st = load_doc(doc, name, alloc, out, err, errsize);
    xmlFreeDoc(doc);
    return st;
}

void x12_spec_free(x12_spec *spec)
{
    if (spec != NULL && spec->loaded)
        x12i_spec_destroy(spec);
}

const char *x12_spec_id(const x12_spec *spec) { return spec ? spec->id : ""; }
const char *x12_spec_set_id(const x12_spec *spec) { return spec ? spec->set : ""; }
const char *x12_spec_name(const x12_spec *spec) { return spec ? spec->name : ""; }
const char *x12_spec_base(const x12_spec *spec) { return spec ? spec->base : ""; }

/* Depth-first over the loop tree; a loop reached twice (loopref) counts
 * once.  `seen` grows as needed. */
static size_t count_loops(const x12i_alloc *a, const x12i_loop *l, const x12i_loop ***seen,
                          size_t *nseen, size_t *cap, int *oom)
{
    size_t i, k, total = 0;

    for (i = 0; i < l->nchildren; i++) {
        const x12i_loop *c = l->children[i].loop;
        if (c == NULL)
            continue;
        for (k = 0; k < *nseen; k++)
            if ((*seen)[k] == c)
                break;
        if (k < *nseen)
            continue;
        if (*nseen == *cap) {
            size_t ncap = *cap ? *cap * 2 : 32;
            const x12i_loop **p = x12i_realloc(a, (void *)*seen, ncap * sizeof *p);
            if (p == NULL) {
                *oom = 1;
                return total;
            }
            *seen = p;
            *cap = ncap;
        }
        (*seen)[(*nseen)++] = c;
        total += 1 + count_loops(a, c, seen, nseen, cap, oom);
    }
    return total;
}

size_t x12_spec_loop_count(const x12_spec *spec)
{
    const x12i_loop **seen = NULL;
    size_t nseen = 0, cap = 0, n;
    int oom = 0;

    x12i_alloc a;

    if (spec == NULL || spec->body == NULL)
        return 0;
    if (spec->loaded)
        a = spec->alloc;
    else if (x12i_alloc_init(&a, NULL) != X12_OK)
        return 0;
    n = count_loops(&a, spec->body, &seen, &nseen, &cap, &oom);
    x12i_free(&a, (void *)seen);
    return oom ? 0 : n;
}

/* ---- the X12 segment dictionary ---------------------------------------------
 * Ids of 005010 segments, so a segment the guide does not use can be told
 * apart from one that is not an X12 segment at all (999 IK304 6 vs 1).  Not
 * the whole dictionary: the segments of the health-care guides and their
 * neighbours; an id missing here is reported as unrecognized (1). */
static const char *const known_ids[] = {
    "AAA", "ACD", "ACK", "ACS", "ACT", "ADV", "ADX", "AK1", "AK2", "AK3", "AK4", "AK5", "AK9",
    "AMT", "AT1", "AT2", "AT3", "AT4", "AT5", "AT6", "AT7", "AT8", "AT9", "B2", "B2A", "B3",
    "BAL", "BEG", "BGN", "BHT", "BIG", "BPR", "BSN", "BSS", "CAS", "CDA", "CDD", "CL1", "CLD",
    "CLI", "CLM", "CLP", "CN1", "COB", "CR1", "CR2", "CR3", "CR4", "CR5", "CR6", "CR7", "CR8",
    "CRC", "CTB", "CTP", "CTT", "CTX", "CUR", "DED", "DFI", "DMA", "DMG", "DN1", "DN2", "DSB",
    "DTM", "DTP", "EB", "EC", "EFI", "EM", "ENT", "EQ", "FRM", "G61", "G62", "GE", "GS", "HCP",
    "HCR", "HD", "HI", "HL", "HLH", "HSD", "ICM", "IDC", "III", "IEA", "IK3", "IK4", "IK5",
    "IMM", "IN1", "IN2", "INS", "INV", "ISA", "IT1", "K1", "K2", "K3", "LE", "LIN", "LM", "LQ",
    "LS", "LUI", "LX", "MEA", "MIA", "MOA", "MPI", "MSG", "N1", "N2", "N3", "N4", "N9", "NM1",
    "NTE", "NX1", "NX2", "OI", "PAT", "PDP", "PDS", "PER", "PID", "PKG", "PLA", "PLB", "PO1",
    "PRV", "PS1", "PWK", "QTY", "RDM", "REF", "RMR", "SBR", "SE", "SLN", "SMB", "ST", "STC",
    "SV1", "SV2", "SV3", "SV4", "SV5", "SV6", "SV7", "SVC", "SVD", "TA1", "TOO", "TRN", "TS2",
    "TS3", "UM", "UR"};

int x12i_known_segment_id(const char *id, size_t n)
{
    size_t lo = 0, hi = sizeof known_ids / sizeof known_ids[0];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(known_ids[mid], id, n);
        if (c == 0 && known_ids[mid][n] != '\0')
            c = 1;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
