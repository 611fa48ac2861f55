/*
 * Reading an implementation-guide XML document (specs/x12spec.xsd) into the
 * structures of spec_internal.h.  Shared by the library (companion guides
 * loaded at run time) and tools/specgen (the built-in guides, compiled in).
 *
 * The document is expected to have passed the schema already; this code
 * checks what a schema cannot: that every segment has a segdef, that
 * overridden positions exist, that keys have codes, that looprefs resolve.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "spec_internal.h"

/* ---- arena ----------------------------------------------------------------
 * Everything a loaded spec owns lives in a chain of blocks freed together. */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, size;
    /* data follows, aligned */
} arena_block;

#define ARENA_ALIGN 16u
#define ARENA_HDR ((sizeof(arena_block) + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN)

typedef struct reader_ctx {
    const x12i_alloc *a;
    arena_block *arena;
    char *err;
    size_t errsize;
    x12_status st;
    int failed;
    /* segdefs */
    struct segdef *defs;
    size_t ndefs;
    /* every loop parsed, for looprefs */
    x12i_loop **loops;
    size_t nloops, caploops;
    /* looprefs to resolve once the whole body is read */
    struct pending_ref *refs;
    size_t nrefs, caprefs;
    /* every segment id used in the body */
    const char **ids;
    size_t nids, capids;
} reader_ctx;

typedef struct segdef {
    const char *id;
    const char *name;
    x12i_elem *elems;
    uint16_t nelems;
    x12i_syntax *syntax;
    uint16_t nsyntax;
} segdef;

typedef struct pending_ref {
    x12i_node *node;
    char *ref;
    long line;
} pending_ref;

static void *arena_alloc(reader_ctx *c, size_t n)
{
    arena_block *b = c->arena;
    char *p;

    n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    if (n == 0)
        n = ARENA_ALIGN;
    if (b == NULL || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = x12i_malloc(c->a, ARENA_HDR + size);
        if (b == NULL)
            return NULL;
        b->next = c->arena;
        b->used = 0;
        b->size = size;
        c->arena = b;
    }
    p = (char *)b + ARENA_HDR + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

static void arena_free(const x12i_alloc *a, void *arena)
{
    arena_block *b = arena;

    while (b != NULL) {
        arena_block *next = b->next;
        x12i_free(a, b);
        b = next;
    }
}

/* ---- errors ---------------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void fail(reader_ctx *c, xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    int k;

    if (c->failed)
        return;
    c->failed = 1;
    c->st = X12_ESYNTAX;
    if (c->errsize == 0)
        return;
    k = snprintf(c->err, c->errsize, "%ld: ", n != NULL ? (long)xmlGetLineNo(n) : 0L);
    if (k < 0 || (size_t)k >= c->errsize)
        return;
    va_start(ap, fmt);
    vsnprintf(c->err + k, c->errsize - (size_t)k, fmt, ap);
    va_end(ap);
}

static void nomem(reader_ctx *c)
{
    if (!c->failed && c->errsize > 0)
        snprintf(c->err, c->errsize, "0: out of memory");
    c->failed = 1;
    c->st = X12_ENOMEM;
}

/* ---- small helpers ----------------------------------------------------------- */

static int is(xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *dup_str(reader_ctx *c, const char *s, size_t n)
{
    char *p = arena_alloc(c, n + 1);

    if (p == NULL) {
        nomem(c);
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Attribute as an arena string, or NULL when absent. */
static char *attr(reader_ctx *c, xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s;

    if (v == NULL)
        return NULL;
    s = dup_str(c, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return s;
}

/* Unsigned attribute; `dflt` when absent, "unbounded" gives 0. */
static unsigned long attr_num(reader_ctx *c, xmlNode *n, const char *name, unsigned long dflt,
                              unsigned long limit)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    unsigned long x = 0;
    const char *p;

    if (v == NULL)
        return dflt;
    p = (const char *)v;
    if (strcmp(p, "unbounded") == 0) {
        xmlFree(v);
        return 0;
    }
    if (*p == '\0')
        fail(c, n, "attribute '%s' is empty", name);
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9' || x > limit / 10) {
            fail(c, n, "attribute '%s' must be a number up to %lu", name, limit);
            break;
        }
        x = x * 10 + (unsigned long)(*p - '0');
    }
    if (x > limit)
        fail(c, n, "attribute '%s' must be a number up to %lu", name, limit);
    xmlFree(v);
    return x;
}

static uint8_t parse_usage_attr(reader_ctx *c, xmlNode *n, const char *name, uint8_t dflt)
{
    char *u = attr(c, n, name);

    if (u == NULL)
        return dflt;
    if (strcmp(u, "R") == 0 || strcmp(u, "S") == 0 || strcmp(u, "N") == 0)
        return (uint8_t)u[0];
    fail(c, n, "%s must be R, S or N", name);
    return dflt;
}

static uint8_t parse_usage(reader_ctx *c, xmlNode *n, uint8_t dflt)
{
    return parse_usage_attr(c, n, "usage", dflt);
}

/* " a b c " from white-space separated codes. */
static char *norm_codes(reader_ctx *c, const char *s)
{
    size_t n = strlen(s), i, k = 0;
    char *out = arena_alloc(c, n + 3);
    int space = 1;

    if (out == NULL) {
        nomem(c);
        return NULL;
    }
    out[k++] = ' ';
    for (i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            if (!space)
                out[k++] = ' ';
            space = 1;
        } else {
            out[k++] = s[i];
            space = 0;
        }
    }
    if (!space)
        out[k++] = ' ';
    out[k] = '\0';
    return out;
}

/* Component positions "1 2" as bits (bit j-1 for component j), for
 * ifcomp; 0 after a failure. */
static uint32_t parse_comp_bits(reader_ctx *c, xmlNode *n, const char *s)
{
    uint32_t bits = 0;
    unsigned long j;

    while (*s != '\0') {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            s++;
            continue;
        }
        for (j = 0; *s >= '0' && *s <= '9' && j <= 32; s++)
            j = j * 10 + (unsigned long)(*s - '0');
        if (j < 1 || j > 32 || (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n' &&
                                *s != '\r')) {
            fail(c, n, "ifcomp must list component positions from 1 to 32");
            return 0;
        }
        bits |= UINT32_C(1) << (j - 1);
    }
    if (bits == 0)
        fail(c, n, "ifcomp is empty");
    return bits;
}

/* The situational rule attributes of an element (see x12i_elem): its
 * condition (if, ifcomp, ifcodes, ifabsent), what applies while it holds
 * (check, narrowed by checkcodes, and ifusage), the usage while it does
 * not (elseusage) and the code list it takes (codelist).  Their
 * consistency with the segment is checked by check_rules. */
static void apply_rule(reader_ctx *c, xmlNode *n, x12i_elem *e)
{
    char *s;

    e->ifpos = (uint16_t)attr_num(c, n, "if", e->ifpos, 999);
    if ((s = attr(c, n, "ifcomp")) != NULL)
        e->ifcomps = parse_comp_bits(c, n, s);
    if ((s = attr(c, n, "ifcodes")) != NULL)
        e->ifcodes = norm_codes(c, s);
    if ((s = attr(c, n, "checkcodes")) != NULL)
        e->checkcodes = norm_codes(c, s);
    if ((s = attr(c, n, "ifabsent")) != NULL)
        e->ifabsent = strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
    e->ifusage = parse_usage_attr(c, n, "ifusage", e->ifusage);
    e->elseusage = parse_usage_attr(c, n, "elseusage", e->elseusage);
    if ((s = attr(c, n, "check")) != NULL) {
        if (strcmp(s, "npi") == 0)
            e->check = X12I_CHK_NPI;
        else if (strcmp(s, "zip9") == 0)
            e->check = X12I_CHK_ZIP9;
        else if (strcmp(s, "guide-id") == 0)
            e->check = X12I_CHK_GUIDE_ID;
        else
            fail(c, n, "unknown check '%s' (npi, zip9 or guide-id)", s);
    }
    if ((s = attr(c, n, "codelist")) != NULL) {
        long k = x12i_codelist_find(s);
        if (k < 0)
            fail(c, n, "unknown code list '%s'", s);
        else
            e->codelist = (uint8_t)(k + 1);
    }
    e->rule = (e->ifpos || e->ifusage || e->elseusage || e->check || e->codelist) ? 1 : 0;
}

/* The rules of elements e[0..n-1] of segment `id` - components of its
 * composite `parent` when parent > 0 - against the segment's elements
 * seg[0..nseg-1]: a condition names a simple element of the segment other
 * than the element itself, or with ifcomp components of a composite (not
 * the element itself) that the composite defines as simple elements, and
 * says what holds it; condition-only attributes need a condition, and
 * checkcodes a check. */
static void check_rules(reader_ctx *c, xmlNode *n, const char *id, const x12i_elem *e, size_t ne,
                        const x12i_elem *seg, size_t nseg, unsigned parent)
{
    size_t i;
    unsigned j;

    for (i = 0; i < ne && !c->failed; i++) {
        const x12i_elem *d = &e[i], *t;
        if (d->ncomps > 0) {
            check_rules(c, n, id, d->comps, d->ncomps, seg, nseg, (unsigned)(i + 1));
            continue;
        }
        if (d->checkcodes != NULL && (d->check == X12I_CHK_NONE || d->ifpos == 0)) {
            fail(c, n, "segment %s: element %zu has checkcodes but no check or no if", id, i + 1);
            continue;
        }
        if (d->ifpos == 0) {
            if (d->ifcodes != NULL || d->ifabsent || d->elseusage || d->ifcomps)
                fail(c, n, "segment %s: element %zu has ifcodes, ifcomp, ifabsent or elseusage "
                     "but no if", id, i + 1);
            continue;
        }
        t = d->ifpos <= nseg ? &seg[d->ifpos - 1] : NULL;
        if (d->ifcomps == 0) {
            if (t == NULL || !t->defined || t->ncomps > 0 || (!parent && d->ifpos == i + 1))
                fail(c, n, "segment %s: the condition of element %zu names element %u, which is "
                     "not another simple element of the segment", id, i + 1, d->ifpos);
        } else {
            if (t == NULL || !t->defined || t->ncomps == 0) {
                fail(c, n, "segment %s: element %zu has ifcomp but its if, %u, is not a composite "
                     "of the segment", id, i + 1, d->ifpos);
                continue;
            }
            for (j = 1; j <= 32; j++) {
                if (!(d->ifcomps >> (j - 1) & 1u))
                    continue;
                if (j > t->ncomps || !t->comps[j - 1].defined || t->comps[j - 1].ncomps > 0 ||
                    (parent == d->ifpos && j == i + 1)) {
                    fail(c, n, "segment %s: the condition of element %zu names component %u of "
                         "element %u, which is not another simple component of it", id, i + 1,
                         j, d->ifpos);
                    break;
                }
            }
        }
        if (!c->failed && d->ifcodes == NULL && !d->ifabsent)
            fail(c, n, "segment %s: element %zu has if but neither ifcodes nor ifabsent", id,
                 i + 1);
    }
}

/* Applies the attributes present on `n` to `e`. */
static void apply_element(reader_ctx *c, xmlNode *n, x12i_elem *e, int in_def)
{
    char *s;

    if ((s = attr(c, n, "ref")) != NULL)
        e->ref = s;
    if ((s = attr(c, n, "name")) != NULL)
        e->name = s;
    if ((s = attr(c, n, "type")) != NULL) {
        if (strcmp(s, "AN") == 0)
            e->type = X12I_T_AN;
        else if (strcmp(s, "ID") == 0)
            e->type = X12I_T_ID;
        else if (strcmp(s, "R") == 0)
            e->type = X12I_T_R;
        else if (strcmp(s, "DT") == 0)
            e->type = X12I_T_DT;
        else if (strcmp(s, "TM") == 0)
            e->type = X12I_T_TM;
        else if (strcmp(s, "B") == 0)
            e->type = X12I_T_B;
        else if (s[0] == 'N' && (s[1] == '\0' || (s[1] >= '0' && s[1] <= '9' && s[2] == '\0'))) {
            e->type = X12I_T_N;
            e->decimals = (uint8_t)(s[1] ? s[1] - '0' : 0);
        } else
            fail(c, n, "unknown data type '%s'", s);
    }
    e->min = (uint16_t)attr_num(c, n, "min", e->min, 65535);
    e->max = (uint16_t)attr_num(c, n, "max", e->max, 65535);
    e->repeat = (uint32_t)attr_num(c, n, "repeat", e->repeat, UINT32_MAX);
    e->dateformat = (uint8_t)attr_num(c, n, "dateformat", e->dateformat, 255);
    e->usage = parse_usage(c, n, e->usage);
    if ((s = attr(c, n, "codes")) != NULL)
        e->codes = norm_codes(c, s);
    if ((s = attr(c, n, "severity")) != NULL)
        e->warn = strcmp(s, "warning") == 0;
    apply_rule(c, n, e);
    if (in_def && e->type == X12I_T_NONE && e->ncomps == 0)
        fail(c, n, "an element in a segdef needs a type");
    if (e->max != 0 && e->min > e->max)
        fail(c, n, "min is larger than max");
}

static void init_elem(reader_ctx *c, x12i_elem *e)
{
    e->ref = "";
    e->name = "";
    e->repeat = 1;
    e->usage = X12I_U_S;
    (void)c;
}

/* Highest pos among the element/composite children of n. */
static unsigned long max_pos(reader_ctx *c, xmlNode *n, const char *what)
{
    xmlNode *k;
    unsigned long m = 0, p;

    for (k = n->children; k != NULL; k = k->next)
        if (is(k, "element") || (what == NULL && is(k, "composite"))) {
            p = attr_num(c, k, "pos", 0, 999);
            if (p == 0)
                fail(c, k, "pos must be at least 1");
            if (p > m)
                m = p;
        }
    return m;
}

/* Reads the components of a composite in a segdef. */
static int read_def_composite(reader_ctx *c, xmlNode *n, x12i_elem *e)
{
    unsigned long m = max_pos(c, n, "element"), p;
    x12i_elem *comps;
    xmlNode *k;
    unsigned long i;

    if (m == 0) {
        fail(c, n, "a composite in a segdef needs its components");
        return -1;
    }
    comps = arena_alloc(c, m * sizeof *comps);
    if (comps == NULL) {
        nomem(c);
        return -1;
    }
    for (i = 0; i < m; i++)
        init_elem(c, &comps[i]);
    for (k = n->children; k != NULL; k = k->next) {
        if (!is(k, "element"))
            continue;
        p = attr_num(c, k, "pos", 1, 999);
        if (p >= 1 && p <= m) {
            if (comps[p - 1].defined)
                fail(c, k, "component %lu is defined twice", p);
            comps[p - 1].defined = 1;
            apply_element(c, k, &comps[p - 1], 1);
        }
    }
    e->comps = comps;
    e->ncomps = (uint16_t)m;
    e->defined = 1;
    {
        char *s;
        if ((s = attr(c, n, "ref")) != NULL)
            e->ref = s;
        if ((s = attr(c, n, "name")) != NULL)
            e->name = s;
    }
    e->usage = parse_usage(c, n, e->usage);
    e->repeat = (uint32_t)attr_num(c, n, "repeat", e->repeat, UINT32_MAX);
    return 0;
}

static void read_syntax(reader_ctx *c, xmlNode *n, x12i_syntax *s, uint16_t nelems)
{
    char *rule = attr(c, n, "rule"), *list = attr(c, n, "elements");
    uint16_t cnt = 0, *pos;
    const char *p;

    if (rule == NULL || list == NULL) {
        fail(c, n, "syntax needs rule and elements");
        return;
    }
    s->rule = (uint8_t)rule[0];
    for (p = list; *p; p++)
        if (*p >= '0' && *p <= '9' && (p == list || p[-1] == ' '))
            cnt++;
    pos = arena_alloc(c, cnt * sizeof *pos);
    if (pos == NULL) {
        nomem(c);
        return;
    }
    s->pos = pos;
    s->npos = 0;
    for (p = list; *p;) {
        unsigned long x = strtoul(p, (char **)&p, 10);
        if (x == 0 || x > nelems) {
            fail(c, n, "syntax note names element %lu, which the segdef does not have", x);
            return;
        }
        pos[s->npos++] = (uint16_t)x;
        while (*p == ' ')
            p++;
    }
    s->mask = 0;
    for (cnt = 0; cnt < s->npos; cnt++) {
        if (pos[cnt] >= 64 || (s->mask >> pos[cnt] & 1) != 0) {
            s->mask = 0;
            break;
        }
        s->mask |= UINT64_C(1) << pos[cnt];
    }
}

static void read_segdef(reader_ctx *c, xmlNode *n, segdef *d)
{
    unsigned long m = max_pos(c, n, NULL), p;
    xmlNode *k;
    unsigned long i;
    size_t nsyn = 0;

    d->id = attr(c, n, "id");
    d->name = attr(c, n, "name");
    if (d->name == NULL)
        d->name = "";
    d->elems = arena_alloc(c, (m ? m : 1) * sizeof *d->elems);
    if (d->elems == NULL) {
        nomem(c);
        return;
    }
    for (i = 0; i < m; i++)
        init_elem(c, &d->elems[i]);
    d->nelems = (uint16_t)m;
    for (k = n->children; k != NULL; k = k->next) {
        if (is(k, "syntax"))
            nsyn++;
        if (!is(k, "element") && !is(k, "composite"))
            continue;
        p = attr_num(c, k, "pos", 1, 999);
        if (p < 1 || p > m)
            continue;
        if (d->elems[p - 1].defined) {
            fail(c, k, "segdef %s defines element %lu twice", d->id, p);
            return;
        }
        if (is(k, "composite")) {
            read_def_composite(c, k, &d->elems[p - 1]);
        } else {
            d->elems[p - 1].defined = 1;
            apply_element(c, k, &d->elems[p - 1], 1);
        }
    }
    check_rules(c, n, d->id ? d->id : "?", d->elems, d->nelems, d->elems, d->nelems, 0);
    if (nsyn) {
        d->syntax = arena_alloc(c, nsyn * sizeof *d->syntax);
        if (d->syntax == NULL) {
            nomem(c);
            return;
        }
        for (k = n->children; k != NULL; k = k->next)
            if (is(k, "syntax"))
                read_syntax(c, k, &d->syntax[d->nsyntax++], d->nelems);
    }
}

static const segdef *find_def(reader_ctx *c, const char *id)
{
    size_t i;

    for (i = 0; i < c->ndefs; i++)
        if (c->defs[i].id != NULL && strcmp(c->defs[i].id, id) == 0)
            return &c->defs[i];
    return NULL;
}

static int note_id(reader_ctx *c, const char *id)
{
    size_t i;
    void *p;

    for (i = 0; i < c->nids; i++)
        if (strcmp(c->ids[i], id) == 0)
            return 0;
    p = (void *)c->ids;
    if (x12i_grow(c->a, &p, &c->capids, c->nids + 1, sizeof *c->ids) != 0) {
        nomem(c);
        return -1;
    }
    c->ids = p;
    c->ids[c->nids++] = id;
    return 0;
}

/* A segment in the body: its segdef's elements, then the overrides. */
static x12i_seg *read_segment(reader_ctx *c, xmlNode *n)
{
    x12i_seg *s = arena_alloc(c, sizeof *s);
    const segdef *d;
    xmlNode *k;
    x12i_elem *elems;
    uint8_t unlisted;
    unsigned char *listed;
    uint16_t i;

    if (s == NULL) {
        nomem(c);
        return NULL;
    }
    s->id = attr(c, n, "id");
    if (s->id == NULL) {
        fail(c, n, "segment without id");
        return NULL;
    }
    d = find_def(c, s->id);
    if (d == NULL) {
        fail(c, n, "segment %s has no segdef", s->id);
        return NULL;
    }
    s->name = attr(c, n, "name");
    if (s->name == NULL)
        s->name = d->name;
    s->usage = parse_usage(c, n, X12I_U_S);
    s->max_use = (uint32_t)attr_num(c, n, "max", 1, UINT32_MAX);
    s->key = (uint16_t)attr_num(c, n, "key", 0, 999);
    s->keycomp = (uint16_t)attr_num(c, n, "keycomp", 0, 999);
    s->key2 = (uint16_t)attr_num(c, n, "key2", 0, 999);
    s->context = (uint16_t)attr_num(c, n, "context", 0, 999);
    {
        char *u = attr(c, n, "unlisted");
        unlisted = (u != NULL && u[0] == 'N') ? X12I_U_N : 0;
    }
    s->nelems = d->nelems;
    s->syntax = d->syntax;
    s->nsyntax = d->nsyntax;
    elems = arena_alloc(c, (d->nelems ? d->nelems : 1u) * sizeof *elems);
    listed = arena_alloc(c, (size_t)d->nelems + 1);
    if (elems == NULL || listed == NULL) {
        nomem(c);
        return NULL;
    }
    memcpy(elems, d->elems, d->nelems * sizeof *elems);
    for (k = n->children; k != NULL; k = k->next) {
        unsigned long p;
        x12i_elem *e;

        if (!is(k, "element") && !is(k, "composite"))
            continue;
        p = attr_num(c, k, "pos", 1, 999);
        if (p < 1 || p > d->nelems || !elems[p - 1].defined) {
            fail(c, k, "segment %s: its segdef has no element %lu", s->id, p);
            return NULL;
        }
        e = &elems[p - 1];
        listed[p - 1] = 1;
        if (is(k, "composite")) {
            xmlNode *q;
            x12i_elem *comps;

            if (e->ncomps == 0) {
                fail(c, k, "segment %s: element %lu is not a composite", s->id, p);
                return NULL;
            }
            comps = arena_alloc(c, e->ncomps * sizeof *comps);
            if (comps == NULL) {
                nomem(c);
                return NULL;
            }
            memcpy(comps, e->comps, e->ncomps * sizeof *comps);
            e->comps = comps;
            e->usage = parse_usage(c, k, e->usage);
            e->repeat = (uint32_t)attr_num(c, k, "repeat", e->repeat, UINT32_MAX);
            for (q = k->children; q != NULL; q = q->next) {
                unsigned long j;
                if (!is(q, "element"))
                    continue;
                j = attr_num(c, q, "pos", 1, 999);
                if (j < 1 || j > e->ncomps) {
                    fail(c, q, "segment %s: composite %lu has no component %lu", s->id, p, j);
                    return NULL;
                }
                apply_element(c, q, &comps[j - 1], 0);
            }
        } else {
            if (e->ncomps != 0) {
                fail(c, k, "segment %s: element %lu is a composite (use <composite>)", s->id, p);
                return NULL;
            }
            apply_element(c, k, e, 0);
        }
    }
    if (unlisted == X12I_U_N)
        for (i = 0; i < d->nelems; i++)
            if (!listed[i])
                elems[i].usage = X12I_U_N;
    s->elems = elems;
    if (s->key) {
        const x12i_elem *ke;
        if (s->key > s->nelems) {
            fail(c, n, "segment %s: key element %u does not exist", s->id, s->key);
            return NULL;
        }
        ke = &elems[s->key - 1];
        if (s->keycomp) {
            if (s->keycomp > ke->ncomps) {
                fail(c, n, "segment %s: key component %u does not exist", s->id, s->keycomp);
                return NULL;
            }
            ke = &ke->comps[s->keycomp - 1];
        }
        if (ke->codes == NULL) {
            fail(c, n, "segment %s: the key element needs codes", s->id);
            return NULL;
        }
    }
    if (s->key2) {
        if (s->key == 0 || s->key2 > s->nelems || elems[s->key2 - 1].ncomps > 0 ||
            elems[s->key2 - 1].codes == NULL) {
            fail(c, n, "segment %s: key2 must name a simple element with codes (and key be "
                 "given)", s->id);
            return NULL;
        }
    }
    check_rules(c, n, s->id, elems, s->nelems, elems, s->nelems, 0u);
    if (c->failed)
        return NULL;
    for (i = s->nelems; i > 0 && s->lastreq == 0; i--) {
        const x12i_elem *e = &elems[i - 1];
        if (e->defined && (e->usage == X12I_U_R || e->ifusage == X12I_U_R ||
                           e->elseusage == X12I_U_R))
            s->lastreq = i;
    }
    if (note_id(c, s->id) != 0)
        return NULL;
    return s;
}

static int count_children(xmlNode *n)
{
    int k = 0;
    xmlNode *q;

    for (q = n->children; q != NULL; q = q->next)
        if (is(q, "segment") || is(q, "loop") || is(q, "loopref"))
            k++;
    return k;
}

static x12i_loop *read_loop(reader_ctx *c, xmlNode *n, int is_body);

static int read_children(reader_ctx *c, xmlNode *n, x12i_loop *l)
{
    int cnt = count_children(n);
    x12i_node *kids = arena_alloc(c, (size_t)(cnt ? cnt : 1) * sizeof *kids);
    xmlNode *q;

    if (kids == NULL) {
        nomem(c);
        return -1;
    }
    l->children = kids;
    l->nchildren = 0;
    for (q = n->children; q != NULL && !c->failed; q = q->next) {
        x12i_node *kid = &kids[l->nchildren];
        if (is(q, "segment")) {
            kid->seg = read_segment(c, q);
        } else if (is(q, "loop")) {
            kid->loop = read_loop(c, q, 0);
        } else if (is(q, "loopref")) {
            void *p = c->refs;
            pending_ref *r;
            if (x12i_grow(c->a, &p, &c->caprefs, c->nrefs + 1, sizeof *c->refs) != 0) {
                nomem(c);
                return -1;
            }
            c->refs = p;
            r = &c->refs[c->nrefs++];
            r->node = kid;
            r->ref = attr(c, q, "ref");
            r->line = xmlGetLineNo(q);
        } else {
            continue;
        }
        l->nchildren++;
    }
    return c->failed ? -1 : 0;
}

const char *x12i_seg_key_codes(const x12i_seg *s)
{
    const x12i_elem *e;

    if (s->key == 0 || s->key > s->nelems)
        return NULL;
    e = &s->elems[s->key - 1];
    if (s->keycomp) {
        if (s->keycomp > e->ncomps)
            return NULL;
        e = &e->comps[s->keycomp - 1];
    }
    return e->codes;
}

/* Child index of the first segment child of l with id `id` (and, when key
 * is not NULL, whose key element allows `key`); -1 when none. */
static long find_child_seg(const x12i_loop *l, const char *id, const char *key)
{
    uint32_t k;

    for (k = 0; k < l->nchildren; k++) {
        const x12i_seg *s = l->children[k].seg;
        if (s == NULL || strcmp(s->id, id) != 0)
            continue;
        if (key == NULL || (x12i_seg_key_codes(s) != NULL &&
                            x12i_code_in(x12i_seg_key_codes(s), key, strlen(key))))
            return (long)k;
    }
    return -1;
}

/* The <when> rules of loop element n (see x12spec.xsd). */
static void read_whens(reader_ctx *c, xmlNode *n, x12i_loop *l)
{
    xmlNode *w, *t;
    size_t cnt = 0;
    x12i_when *out;

    for (w = n->children; w != NULL; w = w->next)
        if (is(w, "when"))
            for (t = w->children; t != NULL; t = t->next)
                if (is(t, "require") || is(t, "exclude"))
                    cnt++;
    if (cnt == 0)
        return;
    if (cnt > X12I_WHEN_MAX) {
        fail(c, n, "loop %s has more than %d <when> rules", l->id, X12I_WHEN_MAX);
        return;
    }
    out = arena_alloc(c, cnt * sizeof *out);
    if (out == NULL) {
        nomem(c);
        return;
    }
    l->whens = out;
    l->nwhens = 0;
    for (w = n->children; w != NULL && !c->failed; w = w->next) {
        const char *segid, *codes, *note;
        unsigned long el, comp;
        long cond;

        if (!is(w, "when"))
            continue;
        segid = attr(c, w, "segment");
        codes = attr(c, w, "codes");
        note = attr(c, w, "note");
        el = attr_num(c, w, "element", 0, 99);
        comp = attr_num(c, w, "component", 0, 99);
        if (c->failed)
            return;
        if (segid == NULL || codes == NULL || el == 0) {
            fail(c, w, "<when> needs segment, element and codes");
            return;
        }
        cond = find_child_seg(l, segid, NULL);
        if (cond < 0) {
            fail(c, w, "<when> names segment %s, which loop %s does not have", segid, l->id);
            return;
        }
        codes = norm_codes(c, codes);
        if (codes == NULL)
            return;
        for (t = w->children; t != NULL && !c->failed; t = t->next) {
            x12i_when *r;
            const char *tid, *key;
            char *what;
            long target;
            size_t len;

            if (!is(t, "require") && !is(t, "exclude"))
                continue;
            tid = attr(c, t, "segment");
            key = attr(c, t, "key");
            if (tid == NULL) {
                fail(c, t, "<%s> needs a segment", (const char *)t->name);
                return;
            }
            target = find_child_seg(l, tid, key);
            if (target < 0) {
                fail(c, t, "loop %s has no segment %s%s%s", l->id, tid, key ? "*" : "",
                     key ? key : "");
                return;
            }
            if (target == cond) {
                fail(c, t, "a <when> rule cannot require or exclude its own condition segment");
                return;
            }
            if (is(t, "exclude") && target < cond) {
                fail(c, t, "an excluded segment must come after the condition segment %s",
                     segid);
                return;
            }
            len = strlen(tid) + (key ? strlen(key) + 1 : 0) + 1;
            what = arena_alloc(c, len);
            if (what == NULL) {
                nomem(c);
                return;
            }
            snprintf(what, len, "%s%s%s", tid, key ? "*" : "", key ? key : "");
            r = &out[l->nwhens++];
            r->codes = codes;
            r->what = what;
            r->note = note ? note : "";
            r->cond = (uint32_t)cond;
            r->target = (uint32_t)target;
            r->element = (uint16_t)el;
            r->component = (uint16_t)comp;
            r->require = is(t, "require") ? 1 : 0;
        }
    }
}

static x12i_loop *read_loop(reader_ctx *c, xmlNode *n, int is_body)
{
    x12i_loop *l = arena_alloc(c, sizeof *l);
    size_t i;

    if (l == NULL) {
        nomem(c);
        return NULL;
    }
    if (is_body) {
        l->id = "";
        l->name = "";
        l->usage = X12I_U_R;
        l->max = 1;
    } else {
        l->id = attr(c, n, "id");
        l->name = attr(c, n, "name");
        if (l->name == NULL)
            l->name = "";
        l->usage = parse_usage(c, n, X12I_U_S);
        l->max = (uint32_t)attr_num(c, n, "max", 1, UINT32_MAX);
        if (l->id == NULL) {
            fail(c, n, "loop without id");
            return NULL;
        }
        for (i = 0; i < c->nloops; i++)
            if (strcmp(c->loops[i]->id, l->id) == 0) {
                fail(c, n, "loop %s is defined twice (use <loopref>)", l->id);
                return NULL;
            }
        {
            void *p = (void *)c->loops;
            if (x12i_grow(c->a, &p, &c->caploops, c->nloops + 1, sizeof *c->loops) != 0) {
                nomem(c);
                return NULL;
            }
            c->loops = p;
            c->loops[c->nloops++] = l;
        }
    }
    if (read_children(c, n, l) != 0)
        return NULL;
    if (!is_body && (l->nchildren == 0 || l->children[0].seg == NULL)) {
        fail(c, n, "loop %s must begin with a segment", l->id);
        return NULL;
    }
    read_whens(c, n, l);
    return c->failed ? NULL : l;
}

/* ---- nesting ------------------------------------------------------------------ */

/* A guide's loops may nest at most this deep, counting looprefs: the
 * validator keeps one frame per open loop, so this bounds its stack
 * whatever the input.  (Nesting in the XML itself stops earlier, at
 * libxml2's limit of 256 elements.) */
#define MAX_LOOP_NESTING 256

typedef struct nest_ctx {
    reader_ctx *c;
    unsigned char *state; /* per loop: 0 not seen, 1 on the current path, 2 done */
    unsigned *depth;      /* per loop, when done: loops nested in it, itself included */
} nest_ctx;

static size_t loop_index(const reader_ctx *c, const x12i_loop *l)
{
    size_t i;

    for (i = 0; i < c->nloops && c->loops[i] != l; i++)
        ;
    return i;
}

static long ref_line(const reader_ctx *c, const x12i_node *kid)
{
    size_t i;

    for (i = 0; i < c->nrefs; i++)
        if (c->refs[i].node == kid)
            return c->refs[i].line;
    return 0;
}

/* How deep the loops in l's children nest (0: none); -1 after fail(): a
 * loop that contains itself through a loopref, or nesting past the limit
 * (`level` is l's own depth). */
static long child_nesting(nest_ctx *nc, const x12i_loop *l, unsigned level)
{
    reader_ctx *c = nc->c;
    long best = 0, d;
    uint32_t k;

    for (k = 0; k < l->nchildren; k++) {
        const x12i_loop *kl = l->children[k].loop;
        size_t j;
        if (kl == NULL)
            continue;
        j = loop_index(c, kl);
        if (j == c->nloops)
            continue;
        if (nc->state[j] == 1) {
            if (c->errsize > 0)
                snprintf(c->err, c->errsize, "%ld: loop %s contains itself (through a loopref)",
                         ref_line(c, &l->children[k]), kl->id);
            c->failed = 1;
            c->st = X12_ESYNTAX;
            return -1;
        }
        if (nc->state[j] == 0) {
            if (level + 1 > MAX_LOOP_NESTING) {
                if (c->errsize > 0)
                    snprintf(c->err, c->errsize,
                             "%ld: loop %s nests loops more than %d deep (counting looprefs)",
                             ref_line(c, &l->children[k]), kl->id, MAX_LOOP_NESTING);
                c->failed = 1;
                c->st = X12_ESYNTAX;
                return -1;
            }
            nc->state[j] = 1;
            d = child_nesting(nc, kl, level + 1);
            if (d < 0)
                return -1;
            nc->state[j] = 2;
            nc->depth[j] = (unsigned)d + 1;
        }
        if ((long)nc->depth[j] + (long)level > MAX_LOOP_NESTING) {
            if (c->errsize > 0)
                snprintf(c->err, c->errsize,
                         "%ld: loop %s nests loops more than %d deep (counting looprefs)",
                         ref_line(c, &l->children[k]), kl->id, MAX_LOOP_NESTING);
            c->failed = 1;
            c->st = X12_ESYNTAX;
            return -1;
        }
        if ((long)nc->depth[j] > best)
            best = (long)nc->depth[j];
    }
    return best;
}

static void check_nesting(reader_ctx *c, const x12i_loop *body)
{
    nest_ctx nc;

    nc.c = c;
    nc.state = x12i_malloc(c->a, c->nloops + 1);
    nc.depth = x12i_malloc(c->a, (c->nloops + 1) * sizeof *nc.depth);
    if (nc.state == NULL || nc.depth == NULL)
        nomem(c);
    else {
        memset(nc.state, 0, c->nloops + 1);
        (void)child_nesting(&nc, body, 0);
    }
    x12i_free(c->a, nc.state);
    x12i_free(c->a, nc.depth);
}

/* Fills the derived tables of l (see x12i_loop). */
static void derive_loop(reader_ctx *c, x12i_loop *l)
{
    uint32_t *t = arena_alloc(c, (l->nchildren ? l->nchildren : 1) * sizeof *t);
    uint32_t *r = arena_alloc(c, (l->nchildren ? l->nchildren : 1) * sizeof *r);
    uint32_t *g = arena_alloc(c, (l->nchildren ? l->nchildren : 1) * sizeof *g);
    uint32_t k, n = 0, lo = l->id[0] != '\0' ? 1 : 0;

    if (t == NULL || r == NULL || g == NULL) {
        nomem(c);
        return;
    }
    for (k = 0; k < l->nchildren; k++) {
        const x12i_node *kid = &l->children[k];
        const x12i_seg *s = kid->seg ? kid->seg : kid->loop->children[0].seg;
        t[k] = x12i_pack_id(s->id, strlen(s->id));
        if ((kid->seg ? kid->seg->usage : kid->loop->usage) == X12I_U_R)
            r[n++] = k;
        g[k] = (k > lo && kid->seg != NULL && l->children[k - 1].seg != NULL &&
                t[k - 1] == t[k])
                   ? g[k - 1]
                   : k;
    }
    l->tids = t;
    l->req = r;
    l->nreq = n;
    l->gstart = g;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

struct x12_spec *x12i_spec_from_doc(const x12i_alloc *a, xmlDoc *doc, char *err, size_t errsize,
                                    x12_status *st)
{
    reader_ctx c;
    xmlNode *root = xmlDocGetRootElement(doc), *n, *k;
    struct x12_spec *spec = NULL;
    x12i_loop *body;
    size_t i, j;
    const char **ids;

    memset(&c, 0, sizeof c);
    c.a = a;
    c.err = err;
    c.errsize = errsize;
    c.st = X12_OK;
    if (errsize > 0)
        err[0] = '\0';
    if (root == NULL || !is(root, "spec")) {
        fail(&c, root, "the root element must be <spec>");
        goto out;
    }
    spec = arena_alloc(&c, sizeof *spec);
    if (spec == NULL) {
        nomem(&c);
        goto out;
    }
    spec->id = attr(&c, root, "id");
    spec->set = attr(&c, root, "set");
    spec->name = attr(&c, root, "name");
    spec->base = attr(&c, root, "base");
    if (spec->name == NULL)
        spec->name = "";
    if (spec->base == NULL)
        spec->base = "";
    if (spec->id == NULL || spec->set == NULL) {
        fail(&c, root, "<spec> needs id and set");
        goto out;
    }
    /* segdefs */
    for (n = root->children; n != NULL; n = n->next)
        if (is(n, "segdefs")) {
            for (k = n->children; k != NULL; k = k->next)
                if (is(k, "segdef"))
                    c.ndefs++;
            c.defs = arena_alloc(&c, (c.ndefs ? c.ndefs : 1) * sizeof *c.defs);
            if (c.defs == NULL) {
                nomem(&c);
                goto out;
            }
            i = 0;
            for (k = n->children; k != NULL && !c.failed; k = k->next)
                if (is(k, "segdef")) {
                    read_segdef(&c, k, &c.defs[i]);
                    for (j = 0; j < i && !c.failed; j++)
                        if (strcmp(c.defs[j].id, c.defs[i].id) == 0)
                            fail(&c, k, "segdef %s is defined twice", c.defs[i].id);
                    i++;
                }
        }
    if (c.failed)
        goto out;
    for (n = root->children; n != NULL; n = n->next)
        if (is(n, "body"))
            break;
    if (n == NULL) {
        fail(&c, root, "<spec> has no <body>");
        goto out;
    }
    body = read_loop(&c, n, 1);
    spec->body = body;
    if (c.failed)
        goto out;
    for (i = 0; i < c.nrefs; i++) {
        pending_ref *r = &c.refs[i];
        for (j = 0; j < c.nloops; j++)
            if (r->ref != NULL && strcmp(c.loops[j]->id, r->ref) == 0)
                break;
        if (j == c.nloops) {
            if (errsize > 0)
                snprintf(err, errsize, "%ld: loopref names loop %s, which is not defined",
                         r->line, r->ref ? r->ref : "");
            c.failed = 1;
            c.st = X12_ESYNTAX;
            goto out;
        }
        r->node->loop = c.loops[j];
    }
    check_nesting(&c, body);
    if (c.failed)
        goto out;
    derive_loop(&c, body);
    for (j = 0; j < c.nloops && !c.failed; j++)
        derive_loop(&c, c.loops[j]);
    if (c.failed)
        goto out;
    ids = arena_alloc(&c, (c.nids ? c.nids : 1) * sizeof *ids);
    if (ids == NULL) {
        nomem(&c);
        goto out;
    }
    memcpy(ids, c.ids, c.nids * sizeof *ids);
    qsort(ids, c.nids, sizeof *ids, cmp_str);
    spec->segids = ids;
    spec->nsegids = c.nids;
out:
    x12i_free(a, (void *)c.loops);
    x12i_free(a, c.refs);
    x12i_free(a, (void *)c.ids);
    if (c.failed) {
        arena_free(a, c.arena);
        *st = c.st;
        return NULL;
    }
    spec->loaded = 1;
    spec->alloc = *a;
    spec->arena = c.arena;
    *st = X12_OK;
    return spec;
}

void x12i_spec_destroy(struct x12_spec *spec)
{
    x12i_alloc a;

    if (spec == NULL || !spec->loaded)
        return;
    a = spec->alloc;
    /* The spec itself lives in its arena. */
    arena_free(&a, spec->arena);
}

int x12i_code_in(const char *codes, const char *v, size_t n)
{
    const char *p;

    if (codes == NULL)
        return 1;
    if (n == 0)
        return 0;
    /* codes is " a b c ": compare token by token, by hand (this runs for
     * every coded element of every segment). */
    for (p = codes + 1; *p != '\0';) {
        size_t i = 0;
        /* Stop at the token's end: a value holding a space (or a NUL)
         * must neither run on into the next token - "A B" is not a code
         * because A and B are - nor past the end of the list. */
        while (i < n && p[i] == v[i] && p[i] != ' ' && p[i] != '\0')
            i++;
        if (i == n && p[i] == ' ')
            return 1;
        while (*p != ' ')
            p++;
        p++;
    }
    return 0;
}
