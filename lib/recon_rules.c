/*
 * Reconciliation rules (specs/recon-rules.xsd): loading a rules document
 * with libxml2, checked against the schema compiled into the library, and
 * finding the rule that covers an adjustment.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "recon_internal.h"


#define NS "urn:libx12:recon-rules:1"

const char *const rc_situation_names[RC_NSIT] = {
    "pending",        "pending-late", "rejected", "reversed", "forwarded",
    "forwarded-late", "unbalanced",   "unmatched", "settled"};

typedef struct lctx {
    x12_recon *r;
    rc_rules *rs;
    const char *name;
    x12_status st;
} lctx;

static void lerr(lctx *x, long line, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void lerr(lctx *x, long line, const char *rule, const char *fmt, ...)
{
    char msg[X12I_MSG_MAX];
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* libxml2's messages end with a line feed */
    n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    rc_diagf(x->r, SIZE_MAX, X12_SEV_ERROR, X12_ESYNTAX, rule, 0,
             NULL, 0, "%s:%ld: %s", x->name, line, msg);
    if (x->st == X12_OK)
        x->st = X12_ESYNTAX;
}

static void schema_error(void *user, xmlErrorPtr e)
{
    if (e != NULL)
        lerr(user, e->line, "rules-schema", "%s", e->message ? e->message : "schema error");
}

/* Every allocation of a rule set, chained through its first word. */
static void *rmalloc(lctx *x, size_t n)
{
    const size_t h = 16;
    char *m = x12i_malloc(&x->r->a, h + n);

    if (m == NULL) {
        x->st = X12_ENOMEM;
        return NULL;
    }
    memcpy(m, &x->rs->mem, sizeof x->rs->mem);
    x->rs->mem = m;
    memset(m + h, 0, n);
    return m + h;
}

static char *rstrdup(lctx *x, const char *s)
{
    size_t n = strlen(s);
    char *d = rmalloc(x, n + 1);

    if (d != NULL)
        memcpy(d, s, n + 1);
    return d;
}

void rc_rules_free(const x12i_alloc *a, rc_rules *rs)
{
    void *m = rs->mem, *next;

    for (; m != NULL; m = next) {
        memcpy(&next, m, sizeof next);
        x12i_free(a, m);
    }
    memset(rs, 0, sizeof *rs);
}

static int is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           strcmp((const char *)n->ns->href, NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value, or NULL; freed by the caller with xmlFree. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static char *text_of(lctx *x, const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *d;

    if (t == NULL) {
        x->st = X12_ENOMEM;
        return NULL;
    }
    d = rstrdup(x, (const char *)t);
    xmlFree(t);
    return d;
}

static int parse_action(const char *s, x12_recon_action *out)
{
    int a;

    for (a = X12_RECON_ACTION_CORRECT_AND_RESUBMIT; a <= X12_RECON_ACTION_NONE; a++)
        if (strcmp(s, x12_recon_action_name((x12_recon_action)a)) == 0) {
            *out = (x12_recon_action)a;
            return 0;
        }
    return -1;
}

static int parse_effect(const char *s, x12_recon_effect *out)
{
    static const char *const names[] = {"", "contractual", "patient", "denial", "prior-payer"};
    int e;

    for (e = 1; e <= 4; e++)
        if (strcmp(s, names[e]) == 0) {
            *out = (x12_recon_effect)e;
            return 0;
        }
    return -1;
}

/* "45 253 B7" into an array of copies. */
static char **split_codes(lctx *x, const char *s, size_t *n)
{
    size_t count = 0, i = 0;
    const char *p;
    char **v;

    *n = 0;
    if (s == NULL)
        return NULL;
    for (p = s; *p; p++)
        if (*p != ' ' && (p == s || p[-1] == ' '))
            count++;
    if (count == 0)
        return NULL;
    v = rmalloc(x, count * sizeof *v);
    if (v == NULL)
        return NULL;
    for (p = s; *p;) {
        size_t len;
        while (*p == ' ')
            p++;
        len = strcspn(p, " ");
        if (len == 0)
            break;
        v[i] = rmalloc(x, len + 1);
        if (v[i] == NULL)
            return NULL;
        memcpy(v[i], p, len);
        i++;
        p += len;
    }
    *n = i;
    return v;
}

static void read_rule(lctx *x, const xmlNode *n, rc_rule *rule)
{
    const xmlNode *k;
    char *id = attr(n, "id"), *action = attr(n, "action"), *effect = attr(n, "effect");
    size_t nc = 0;

    /* the schema made these present and valid */
    if (id == NULL || action == NULL || effect == NULL || parse_action(action, &rule->action) ||
        parse_effect(effect, &rule->effect)) {
        lerr(x, (long)xmlGetLineNo(n), "rules-value", "a rule without a valid id, action or effect");
    } else {
        rule->id = rstrdup(x, id);
    }
    xmlFree(id);
    xmlFree(action);
    xmlFree(effect);
    for (k = n->children; k != NULL; k = k->next)
        nc += (size_t)is_el(k, "covers");
    rule->covers = nc ? rmalloc(x, nc * sizeof *rule->covers) : NULL;
    for (k = n->children; k != NULL && x->st != X12_ENOMEM; k = k->next) {
        if (is_el(k, "covers") && rule->covers != NULL) {
            rc_cover *c = &rule->covers[rule->ncovers++];
            char *g = attr(k, "group"), *carc = attr(k, "carc"), *rarc = attr(k, "rarc");
            char *op = attr(k, "other-payer");
            c->group = g != NULL && strcmp(g, "*") != 0 ? rstrdup(x, g) : NULL;
            c->carc = split_codes(x, carc, &c->ncarc);
            c->rarc = split_codes(x, rarc, &c->nrarc);
            c->other_payer = op == NULL ? -1 : strcmp(op, "yes") == 0;
            xmlFree(g);
            xmlFree(carc);
            xmlFree(rarc);
            xmlFree(op);
        } else if (is_el(k, "reason")) {
            rule->reason = text_of(x, k);
        } else if (is_el(k, "patient")) {
            rule->patient = text_of(x, k);
        }
    }
}

static void read_situation(lctx *x, const xmlNode *n)
{
    char *name = attr(n, "name"), *action = attr(n, "action");
    const xmlNode *k;
    rc_situation *s = NULL;
    int i;

    for (i = 0; i < RC_NSIT && name != NULL; i++)
        if (strcmp(name, rc_situation_names[i]) == 0)
            s = &x->rs->sit[i];
    if (s == NULL || action == NULL || parse_action(action, &s->action)) {
        lerr(x, (long)xmlGetLineNo(n), "rules-value", "a situation without a valid name or action");
    } else {
        s->set = 1;
        s->name = rc_situation_names[s - x->rs->sit];
        for (k = n->children; k != NULL && x->st != X12_ENOMEM; k = k->next) {
            if (is_el(k, "reason"))
                s->reason = text_of(x, k);
            else if (is_el(k, "patient"))
                s->patient = text_of(x, k);
        }
    }
    xmlFree(name);
    xmlFree(action);
}

static void read_document(lctx *x, const xmlNode *root)
{
    const xmlNode *n;
    char *fud = attr(root, "follow-up-days");
    size_t nr = 0;

    if (fud != NULL)
        x->rs->follow_up_days = (unsigned)strtoul(fud, NULL, 10);
    xmlFree(fud);
    for (n = root->children; n != NULL; n = n->next)
        nr += (size_t)is_el(n, "rule");
    x->rs->rules = nr ? rmalloc(x, nr * sizeof *x->rs->rules) : NULL;
    for (n = root->children; n != NULL && x->st != X12_ENOMEM; n = n->next) {
        if (is_el(n, "rule") && x->rs->rules != NULL)
            read_rule(x, n, &x->rs->rules[x->rs->n++]);
        else if (is_el(n, "situation"))
            read_situation(x, n);
    }
}

static int validate(lctx *x, xmlDocPtr doc)
{
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr vc;
    int rc;

    pc = xmlSchemaNewMemParserCtxt(x12i_recon_rules_xsd, (int)strlen(x12i_recon_rules_xsd));
    if (pc == NULL) {
        x->st = X12_ENOMEM;
        return -1;
    }
    schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    if (schema == NULL) {
        /* the compiled-in schema is part of the library: only memory fails */
        x->st = X12_ENOMEM;
        return -1;
    }
    vc = xmlSchemaNewValidCtxt(schema);
    if (vc == NULL) {
        xmlSchemaFree(schema);
        x->st = X12_ENOMEM;
        return -1;
    }
    xmlSchemaSetValidStructuredErrors(vc, schema_error, x);
    rc = xmlSchemaValidateDoc(vc, doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    if (rc != 0 && x->st == X12_OK)
        lerr(x, 0, "rules-schema", "the document does not match specs/recon-rules.xsd");
    return rc;
}

x12_status rc_rules_load(x12_recon *r, rc_rules *out, const char *data, size_t len,
                         const char *name, int trusted)
{
    lctx x;
    xmlParserCtxtPtr pc;
    xmlDocPtr doc;

    memset(out, 0, sizeof *out);
    if (len > (size_t)2147483647)
        return X12_EINVAL;
    x.r = r;
    x.rs = out;
    x.name = name;
    x.st = X12_OK;
    x12i_xml_init();
    pc = xmlNewParserCtxt();
    if (pc == NULL)
        return X12_ENOMEM;
    doc = xmlCtxtReadMemory(pc, data, (int)len, name, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    if (doc == NULL) {
        xmlErrorPtr e = xmlCtxtGetLastError(pc);
        lerr(&x, e ? (long)e->line : 0, "rules-syntax", "%s",
             e && e->message ? e->message : "not well-formed XML");
        xmlFreeParserCtxt(pc);
        return x.st;
    }
    xmlFreeParserCtxt(pc);
    /* The built-in rules are checked against the schema by the test suite
     * (check_recon's test_rules_errors loads them as a file); checking them
     * again for every handle would cost most of x12_recon_new. */
    if ((trusted || validate(&x, doc) == 0) && x.st == X12_OK)
        read_document(&x, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return x.st;
}

/* ---- matching ------------------------------------------------------------------------------- */

static int in_list(char *const *v, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

static const rc_rule *match_set(const rc_rules *rs, const char *group, const char *reason,
                                const char *const *remarks, size_t nrem, int other_payer)
{
    size_t i, j, k;

    for (i = 0; i < rs->n; i++) {
        const rc_rule *rule = &rs->rules[i];
        for (j = 0; j < rule->ncovers; j++) {
            const rc_cover *c = &rule->covers[j];
            int ok = 1;
            if (c->group != NULL && strcmp(c->group, group) != 0)
                continue;
            if (c->ncarc > 0 && !in_list(c->carc, c->ncarc, reason))
                continue;
            if (c->other_payer >= 0 && c->other_payer != other_payer)
                continue;
            if (c->nrarc > 0) {
                ok = 0;
                for (k = 0; k < nrem && !ok; k++)
                    ok = in_list(c->rarc, c->nrarc, rc_cstr(remarks[k]));
            }
            if (ok)
                return rule;
        }
    }
    return NULL;
}

const rc_rule *rc_rules_match(const x12_recon *r, const char *group, const char *reason,
                              const char *const *remarks, size_t nrem, int other_payer)
{
    const rc_rule *rule = NULL;

    if (r->have_override)
        rule = match_set(&r->override, group, reason, remarks, nrem, other_payer);
    if (rule == NULL)
        rule = match_set(&r->builtin, group, reason, remarks, nrem, other_payer);
    return rule;
}

const rc_situation *rc_rules_situation(const x12_recon *r, int which)
{
    if (r->have_override && r->override.sit[which].set)
        return &r->override.sit[which];
    return &r->builtin.sit[which];
}

/* ---- names ------------------------------------------------------------------------------------- */

const char *x12_recon_state_name(x12_recon_state s)
{
    static const char *const names[] = {"",          "paid",     "partially_paid", "denied",
                                        "reversed",  "forwarded", "rejected",      "pending",
                                        "unmatched"};

    return (int)s >= 1 && (int)s <= 8 ? names[s] : "unknown";
}

const char *x12_recon_action_name(x12_recon_action a)
{
    static const char *const names[] = {"",          "correct_and_resubmit", "appeal",
                                        "follow_up", "bill_secondary",       "bill_patient",
                                        "write_off", "none"};

    return (int)a >= 1 && (int)a <= 7 ? names[a] : "unknown";
}

const char *x12_recon_effect_name(x12_recon_effect e)
{
    static const char *const names[] = {"", "contractual", "patient", "denial", "prior_payer"};

    return (int)e >= 1 && (int)e <= 4 ? names[e] : "unknown";
}

const char *x12_recon_role_name(x12_recon_role r)
{
    static const char *const names[] = {"",           "counts",    "reversal", "reversed",
                                        "superseded", "duplicate", "predetermination"};

    return (int)r >= 1 && (int)r <= 6 ? names[r] : "unknown";
}
