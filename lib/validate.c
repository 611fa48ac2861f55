/*
 * The validator: envelope checks (ISA/IEA, GS/GE, ST/SE) and the loop-state
 * machine that walks a transaction set against its implementation guide.
 * Element checks live in validate_elem.c.
 *
 * The machine keeps a stack of open loop instances.  A segment is placed by
 * looking, from the innermost open loop outwards, for the first child at or
 * after the current position that it matches (a segment with the same id
 * and qualifier, or the trigger of a child loop; the entries of one
 * standard position, such as the REF qualifiers of 2300, count as one
 * place, in any order); the frames above the one where it matched are
 * closed.  When nothing matches exactly the search is
 * repeated ignoring qualifiers (a bad qualifier is then reported on the
 * element), then backwards (out of sequence); a segment still not placed is
 * reported and skipped, so the machine resynchronises at the next segment it
 * recognises.  A loop whose trigger is missing or unreadable (no LX before a
 * CLP, a garbled SVC, no HL before an SBR) is opened at the first segment
 * that belongs to it (find_implied), so the claims and lines after a defect
 * are checked in their loops again rather than each reported as unexpected.  Required children that were skipped are reported when their
 * loop closes, unless they turned up out of sequence in the meantime.
 *
 * This runs for every segment of files of many GB, so the guide reader
 * gives each loop its children's segment ids packed into integers and the
 * list of its required children (spec_internal.h): the search compares one
 * integer per child before it looks at a qualifier, and closing a loop
 * visits only the children that can be missing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "validate_internal.h"
#include "x12types_internal.h"

/* ---- issues ------------------------------------------------------------- */

static const char *rule_for(x12_issue_level level)
{
    switch (level) {
    case X12_ISSUE_INTERCHANGE: return "ta1";
    case X12_ISSUE_GROUP: return "999-ak9";
    case X12_ISSUE_SET: return "999-ik5";
    case X12_ISSUE_SEGMENT: return "999-ik3";
    default: return "999-ik4";
    }
}

const x12i_frame *x12i_context_frame(const x12_validator *v)
{
    size_t d;

    for (d = v->depth; d-- > 0;)
        if (v->stack[d].ctx_name[0] != '\0')
            return &v->stack[d];
    return NULL;
}

x12_issue *x12i_issue(x12_validator *v, x12_issue_level level, int warn, const char *code,
                      const char *segid, const char *loop, const x12i_skip *at,
                      unsigned element, unsigned component, unsigned repetition,
                      const char *fmt, ...)
{
    x12_issue *is;
    void *p = v->issues;
    va_list ap;
    x12_severity sev = (warn && !v->strict) ? X12_SEV_WARNING : X12_SEV_ERROR;
    uint64_t segno = at ? at->segno : v->segno, offset = at ? at->offset : v->offset;
    const x12i_frame *cf;

    if (x12i_grow(&v->a, &p, &v->capissues, v->nissues + 1, sizeof *v->issues) != 0) {
        v->oom = 1;
        return NULL;
    }
    v->issues = p;
    is = &v->issues[v->nissues++];
    memset(is, 0, sizeof *is);
    va_start(ap, fmt);
    x12i_error_vset(&is->err, X12_ESYNTAX, sev, rule_for(level), segno, segid,
                    segid ? strlen(segid) : 0, offset, element, fmt, ap);
    va_end(ap);
    is->err.component = component;
    is->err.repetition = repetition;
    if (loop != NULL)
        snprintf(is->err.loop, sizeof is->err.loop, "%s", loop);
    is->level = (uint8_t)level;
    snprintf(is->code, sizeof is->code, "%s", code);
    is->setpos = (level >= X12_ISSUE_SEGMENT) ? (at ? at->setpos : v->setpos) : 0;
    if (level >= X12_ISSUE_SEGMENT && (cf = x12i_context_frame(v)) != NULL) {
        memcpy(is->ctx_name, cf->ctx_name, sizeof is->ctx_name);
        memcpy(is->ctx_value, cf->ctx, sizeof is->ctx_value);
    }
    if (sev == X12_SEV_WARNING) {
        v->total_warnings++;
        v->set_warnings++;
    } else {
        v->total_errors++;
        v->set_errors++;
    }
    return is;
}

/* Tells the handler about the issues not yet reported.  Issues are
 * completed (element reference, bad value) right after they are made, so
 * they are handed out only before the next structural event and at the
 * end of each call. */
static void flush_issues(x12_validator *v)
{
    while (v->nfired < v->nissues) {
        const x12_issue *is = &v->issues[v->nfired++];
        if (v->fn != NULL)
            v->fn(v->user, X12_VEV_ISSUE, v, is);
    }
}

static void event(x12_validator *v, x12_vevent ev)
{
    flush_issues(v);
    if (v->fn != NULL)
        v->fn(v->user, ev, v, NULL);
}

/* ---- envelope rules ------------------------------------------------------- */

/*
 * The envelope rules, by the names lib/envelope.c reports them under (the
 * reader's records carry the same names), as the validator reports them:
 * the acknowledgment level and code.  The validator does not check counts
 * and control numbers itself: envelope.c's checks run on the validator's
 * own counts and report here (env_report).  Nesting and missing trailers it
 * follows itself, since it must close what is left open, and takes their
 * codes from here too.  `segid` is the segment the rule is about: the one
 * checked, the one misplaced ("" for any other outside ST..SE), or the
 * header whose trailer is missing.  x12_validator_reports_rule answers from
 * this table.
 */
static const struct env_code {
    const char *rule, *segid;
    x12_issue_level level;
    const char *code;
} env_codes[] = {
    {"control-number", "ISA", X12_ISSUE_INTERCHANGE, "018"},
    {"control-number", "GS", X12_ISSUE_GROUP, "6"},
    {"control-number", "ST", X12_ISSUE_SET, "7"},
    {"se01-count", "SE", X12_ISSUE_SET, "4"},
    {"se02-control", "SE", X12_ISSUE_SET, "3"},
    {"ge01-count", "GE", X12_ISSUE_GROUP, "5"},
    {"ge02-control", "GE", X12_ISSUE_GROUP, "4"},
    {"iea01-count", "IEA", X12_ISSUE_INTERCHANGE, "021"},
    {"iea02-control", "IEA", X12_ISSUE_INTERCHANGE, "001"},
    {"missing-trailer", "ST", X12_ISSUE_SET, "2"},
    {"missing-trailer", "GS", X12_ISSUE_GROUP, "3"},
    {"missing-trailer", "ISA", X12_ISSUE_INTERCHANGE, "023"},
    {"nesting", "GS", X12_ISSUE_INTERCHANGE, "022"},
    {"nesting", "GE", X12_ISSUE_INTERCHANGE, "022"},
    {"nesting", "IEA", X12_ISSUE_INTERCHANGE, "022"},
    {"nesting", "ST", X12_ISSUE_INTERCHANGE, "024"},
    {"nesting", "", X12_ISSUE_INTERCHANGE, "024"},
    {"segment-id", "", X12_ISSUE_SEGMENT, "1"},
};

static const struct env_code *env_code(const char *rule, const char *segid)
{
    size_t i;

    for (i = 0; i < sizeof env_codes / sizeof env_codes[0]; i++)
        if (strcmp(env_codes[i].rule, rule) == 0 && strcmp(env_codes[i].segid, segid) == 0)
            return &env_codes[i];
    return NULL;
}

int x12_validator_reports_rule(const char *rule)
{
    size_t i;

    for (i = 0; rule != NULL && i < sizeof env_codes / sizeof env_codes[0]; i++)
        if (strcmp(env_codes[i].rule, rule) == 0)
            return 1;
    return 0;
}

/* An issue of envelope rule `rule` about segment `segid` (shown as
 * `shown`; in loop `loop`, may be NULL), with the code of env_codes. */
static void env_issue(x12_validator *v, const char *rule, const char *segid, const char *shown,
                      const char *loop, unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

static void env_issue(x12_validator *v, const char *rule, const char *segid, const char *shown,
                      const char *loop, unsigned element, const char *fmt, ...)
{
    const struct env_code *c = env_code(rule, segid);
    char msg[X12I_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Every rule envelope.c reports has its codes here (the table is the
     * one place that maps them): a new one must be added to it. */
    X12_ASSERT(c != NULL);
    if (c != NULL)
        x12i_issue(v, c->level, 0, c->code, shown, loop, NULL, element, 0, 0, "%s", msg);
}

/* What envelope.c's checks find on the current segment (x12i_report_fn). */
static void env_report(void *ctx, x12_severity sev, x12_status st, const char *rule,
                       const x12_segment *seg, unsigned element, const char *fmt, ...)
{
    x12_validator *v = ctx;
    x12_str id = x12_segment_id(seg);
    char segid[4], msg[X12I_MSG_MAX];
    va_list ap;

    (void)sev;
    (void)st;
    snprintf(segid, sizeof segid, "%.*s", (int)(id.len < 3 ? id.len : 3), id.ptr);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    env_issue(v, rule, segid, segid, NULL, element, "%s", msg);
}

/* ---- lifetime and options ---------------------------------------------- */

x12_status x12_validator_new(const x12_allocator *alloc, x12_validator **out)
{
    x12i_alloc a;
    x12_validator *v;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    v = x12i_malloc(&a, sizeof *v);
    if (v == NULL)
        return X12_ENOMEM;
    memset(v, 0, sizeof *v);
    v->a = a;
    v->max_ctl = 1000000;
    *out = v;
    return X12_OK;
}

void x12_validator_free(x12_validator *v)
{
    size_t d;

    if (v == NULL)
        return;
    for (d = 0; d < v->capdepth; d++) {
        x12i_free(&v->a, v->stack[d].seen);
        x12i_free(&v->a, v->stack[d].skipped);
    }
    x12i_free(&v->a, v->stack);
    x12i_free(&v->a, v->issues);
    x12i_free(&v->a, (void *)v->extra);
    x12i_free(&v->a, v->reported);
    x12i_free(&v->a, v->st02s.slot);
    x12i_free(&v->a, v->gs06s.slot);
    x12i_free(&v->a, v);
}

x12_status x12_validator_set_option(x12_validator *v, x12_validator_option opt, uint64_t value)
{
    if (v == NULL)
        return X12_EINVAL;
    switch (opt) {
    case X12_VOPT_STRICT:
        if (value > 1)
            return X12_EINVAL;
        v->strict = (int)value;
        return X12_OK;
    case X12_VOPT_MAX_CONTROL_NUMBERS:
        if (value < 1 || value > ((uint64_t)1 << 32))
            return X12_EINVAL;
        v->max_ctl = value;
        return X12_OK;
    case X12_VOPT_ERRATA:
        if (value != X12_ERRATA_ACCEPT && value != X12_ERRATA_REJECT)
            return X12_EINVAL;
        v->errata = (int)value;
        return X12_OK;
    default:
        return X12_EINVAL;
    }
}

x12_status x12_validator_use_spec(x12_validator *v, const x12_spec *spec)
{
    if (v == NULL)
        return X12_EINVAL;
    v->forced = spec;
    return X12_OK;
}

x12_status x12_validator_add_spec(x12_validator *v, const x12_spec *spec)
{
    void *p;

    if (v == NULL || spec == NULL)
        return X12_EINVAL;
    p = (void *)v->extra;
    if (x12i_grow(&v->a, &p, &v->capextra, v->nextra + 1, sizeof *v->extra) != 0)
        return X12_ENOMEM;
    v->extra = p;
    v->extra[v->nextra++] = spec;
    return X12_OK;
}

void x12_validator_set_handler(x12_validator *v, x12_validator_fn fn, void *user)
{
    if (v == NULL)
        return;
    v->fn = fn;
    v->user = user;
}

size_t x12_validator_issue_count(const x12_validator *v)
{
    return v ? v->nissues : 0;
}

const x12_issue *x12_validator_issue_at(const x12_validator *v, size_t i)
{
    return (v && i < v->nissues) ? &v->issues[i] : NULL;
}

uint64_t x12_validator_total_errors(const x12_validator *v) { return v ? v->total_errors : 0; }
uint64_t x12_validator_total_warnings(const x12_validator *v) { return v ? v->total_warnings : 0; }
const x12_spec *x12_validator_current_spec(const x12_validator *v) { return v ? v->spec : NULL; }

/* Frame 0 is the transaction body (no loop id); loops are the frames above
 * it.  After SE, or in a set without a guide, no frame is open. */
size_t x12_validator_loop_depth(const x12_validator *v)
{
    return (v != NULL && v->spec != NULL && v->depth > 0) ? v->depth - 1 : 0;
}

const char *x12_validator_loop_at(const x12_validator *v, size_t i, uint64_t *instance)
{
    if (i >= x12_validator_loop_depth(v)) {
        if (instance != NULL)
            *instance = 0;
        return NULL;
    }
    if (instance != NULL)
        *instance = v->stack[i + 1].serial;
    return v->stack[i + 1].loop->id;
}

x12_str x12_validator_envelope_get(const x12_validator *v, x12_env_field field)
{
    x12_str s = {"", 0};

    if (v == NULL || (int)field < 1 || (int)field >= X12I_ENV_FIELDS)
        return s;
    s.ptr = v->env[field];
    s.len = v->envlen[field];
    return s;
}

uint64_t x12_validator_count(const x12_validator *v, x12_vcount which)
{
    if (v == NULL)
        return 0;
    switch (which) {
    case X12_VCOUNT_GROUPS: return v->groups;
    case X12_VCOUNT_SETS: return v->sets;
    case X12_VCOUNT_SET_ERRORS: return v->set_errors;
    case X12_VCOUNT_SET_WARNINGS: return v->set_warnings;
    case X12_VCOUNT_GE01: return v->ge01;
    case X12_VCOUNT_IEA01: return v->iea01;
    default: return 0;
    }
}

/* ---- issue accessors ------------------------------------------------------ */

const x12_error *x12_issue_error(const x12_issue *i) { return i ? &i->err : NULL; }
x12_issue_level x12_issue_level_of(const x12_issue *i)
{
    return i ? (x12_issue_level)i->level : X12_ISSUE_ELEMENT;
}
const char *x12_issue_code(const x12_issue *i) { return i ? i->code : ""; }
uint64_t x12_issue_set_position(const x12_issue *i) { return i ? i->setpos : 0; }
const char *x12_issue_element_ref(const x12_issue *i) { return i ? i->ref : ""; }
const char *x12_issue_bad_value(const x12_issue *i) { return i ? i->value : ""; }
const char *x12_issue_context_name(const x12_issue *i) { return i ? i->ctx_name : ""; }
const char *x12_issue_context_value(const x12_issue *i) { return i ? i->ctx_value : ""; }

/* ---- helpers ---------------------------------------------------------------- */

static int view_eq(x12_str a, const char *s)
{
    size_t n = strlen(s);

    return a.len == n && memcmp(a.ptr, s, n) == 0;
}

static void env_set(x12_validator *v, x12_env_field f, x12_str val, int trim)
{
    size_t n = val.len;

    if (trim)
        while (n > 0 && val.ptr[n - 1] == ' ')
            n--;
    if (n >= sizeof v->env[0])
        n = sizeof v->env[0] - 1;
    memcpy(v->env[f], val.ptr, n);
    v->env[f][n] = '\0';
    v->envlen[f] = (uint8_t)n;
}

static void env_clear(x12_validator *v, int from, int to)
{
    int f;

    for (f = from; f <= to; f++) {
        v->env[f][0] = '\0';
        v->envlen[f] = 0;
    }
}

static const char *env(const x12_validator *v, x12_env_field f)
{
    return v->env[f];
}

static x12_str env_view(const x12_validator *v, x12_env_field f)
{
    x12_str s;

    s.ptr = v->env[f];
    s.len = v->envlen[f];
    return s;
}

/* An envelope value (a control number) for a message: the reader does not
 * split ISA fields, and a shifted or corrupt value may hold anything, so
 * it is shown only when it has the shape of a control number (the rule of
 * x12i_quote_value: 9 characters at most, capitals and digits). */
static const char *envq(const x12_validator *v, x12_env_field f, char *buf, size_t size)
{
    const char *s = env(v, f);

    return x12i_quote_msg(buf, size, s, strlen(s), 9, NULL, 0);
}
#define ENVQ(v, f) envq((v), (f), (char[40]){0}, 40)

/* A count (SE01, GE01, IEA01, HL01) as X12 writes it: 0 with *n, -1 when
 * the text is not one (x12i_count_parse). */
static int parse_count(x12_str s, uint64_t *n)
{
    return x12i_count_parse(s.ptr, s.len, n);
}

/* ---- control numbers seen --------------------------------------------------- */

static size_t ctl_hash(const char *s, size_t n)
{
    size_t h = 2166136261u, i;

    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void ctl_clear(x12i_ctlset *c)
{
    if (c->slot != NULL)
        memset(c->slot, 0, c->cap * sizeof *c->slot);
    c->n = 0;
    c->full = 0;
}

/* Adds `val` to the set: 1 when it was there already, 0 when new (or not
 * trackable: empty, longer than 9 characters, or out of memory).  The set
 * holds at most X12_VOPT_MAX_CONTROL_NUMBERS values: the value past that
 * gets one warning (`what` names the scope) and the set stops checking
 * until it is cleared, so memory stays bounded whatever the input. */
static int ctl_seen(x12_validator *v, x12i_ctlset *c, x12_str val, const char *segid,
                    const char *what)
{
    size_t i, mask;

    if (val.len == 0 || val.len > 9 || c->full)
        return 0;
    if (c->n >= v->max_ctl) {
        x12_issue *is;
        c->full = 1;
        is = x12i_issue(v, X12_ISSUE_GROUP, 1, "", segid, NULL, NULL, 0, 0, 0,
                        "more than %lu control numbers in this %s (the configured limit): "
                        "duplicates are not looked for in the rest of it",
                        (unsigned long)v->max_ctl, what);
        if (is != NULL) {
            is->err.status = X12_ELIMIT;
            is->err.rule = "max-control-numbers";
        }
        return 0;
    }
    if (2 * (c->n + 1) > c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 16, k;
        char(*ns)[10] = x12i_malloc(&v->a, ncap * sizeof *ns);
        if (ns == NULL) {
            v->oom = 1;
            return 0;
        }
        memset(ns, 0, ncap * sizeof *ns);
        for (k = 0; k < c->cap; k++)
            if (c->slot[k][0] != '\0') {
                size_t len = strlen(c->slot[k]);
                for (i = ctl_hash(c->slot[k], len) & (ncap - 1); ns[i][0] != '\0';
                     i = (i + 1) & (ncap - 1))
                    ;
                memcpy(ns[i], c->slot[k], len + 1);
            }
        x12i_free(&v->a, c->slot);
        c->slot = ns;
        c->cap = ncap;
    }
    mask = c->cap - 1;
    for (i = ctl_hash(val.ptr, val.len) & mask; c->slot[i][0] != '\0'; i = (i + 1) & mask)
        if (strlen(c->slot[i]) == val.len && memcmp(c->slot[i], val.ptr, val.len) == 0)
            return 1;
    memcpy(c->slot[i], val.ptr, val.len);
    c->slot[i][val.len] = '\0';
    c->n++;
    return 0;
}

/* ---- the loop-state machine ---------------------------------------------- */

static int push_frame(x12_validator *v, const x12i_loop *l)
{
    x12i_frame *f;
    uint32_t k;

    if (v->depth == v->capdepth) {
        void *p = v->stack;
        size_t old = v->capdepth;
        if (x12i_grow(&v->a, &p, &v->capdepth, v->depth + 1, sizeof *v->stack) != 0) {
            v->oom = 1;
            return -1;
        }
        v->stack = p;
        memset(v->stack + old, 0, (v->capdepth - old) * sizeof *v->stack);
    }
    f = &v->stack[v->depth];
    if (f->cap < l->nchildren) {
        uint32_t *seen = x12i_realloc(&v->a, f->seen, l->nchildren * sizeof *seen);
        x12i_skip *sk;
        if (seen == NULL) {
            v->oom = 1;
            return -1;
        }
        f->seen = seen;
        sk = x12i_realloc(&v->a, f->skipped, l->nchildren * sizeof *sk);
        if (sk == NULL) {
            v->oom = 1;
            return -1;
        }
        f->skipped = sk;
        f->cap = l->nchildren;
    }
    /* Only the required children's counts and skip positions are ever
     * read (close_frame, note_skips); the others are only counted. */
    memset(f->seen, 0, l->nchildren * sizeof *f->seen);
    for (k = 0; k < l->nreq; k++)
        f->skipped[l->req[k]].setpos = 0;
    f->loop = l;
    f->pos = 0;
    f->count = 0;
    f->hl[0] = '\0';
    f->hl04 = 0;
    f->hl_children = 0;
    f->ctx_name[0] = '\0';
    f->ctx[0] = '\0';
    f->serial = ++v->next_serial;
    f->when_mask = 0;
    v->depth++;
    return 0;
}

static const x12i_seg *trigger(const x12i_node *n)
{
    return n->seg ? n->seg : n->loop->children[0].seg;
}

static void here(const x12_validator *v, x12i_skip *at)
{
    at->setpos = v->setpos;
    at->segno = v->segno;
    at->offset = v->offset;
}

/* "CLM05-3 is 7 or 8" for rule w of loop l. */
static void when_text(char *buf, size_t size, const x12i_loop *l, const x12i_when *w)
{
    const char *p = w->codes, *q;
    size_t len, ncodes = 0, i = 0;
    int k;

    for (q = p; *q; q++)
        if (q[0] == ' ' && q[1] != '\0')
            ncodes++;
    if (w->component)
        k = snprintf(buf, size, "%s%02u-%u is", l->children[w->cond].seg->id, w->element,
                     w->component);
    else
        k = snprintf(buf, size, "%s%02u is", l->children[w->cond].seg->id, w->element);
    if (k < 0 || (size_t)k >= size)
        return;
    len = (size_t)k;
    while (*p == ' ')
        p++;
    while (*p != '\0' && len + 1 < size) {
        q = strchr(p, ' ');
        if (q == NULL)
            q = p + strlen(p);
        k = snprintf(buf + len, size - len, "%s%.*s", i == 0 ? " " : i + 1 == ncodes ? " or " : ", ",
                     (int)(q - p), p);
        if (k < 0 || (size_t)k >= size - len)
            return;
        len += (size_t)k;
        i++;
        p = q;
        while (*p == ' ')
            p++;
    }
}

/* The situational rules of frame f touched by its child k, just entered:
 * a condition segment sets its rules' bits; a target excluded by a
 * condition that holds is reported. */
static void when_segment(x12_validator *v, x12i_frame *f, uint32_t k)
{
    const x12i_loop *l = f->loop;
    uint32_t w;

    for (w = 0; w < l->nwhens; w++) {
        const x12i_when *r = &l->whens[w];
        if (r->cond == k && f->seen[k] == 1) {
            x12_str val = r->component
                              ? x12_segment_component(v->seg, r->element, r->component)
                              : x12i_first_component(v->seg, r->element);
            if (val.len > 0 && x12i_code_in(r->codes, val.ptr, val.len)) {
                if (f->when_mask == 0)
                    here(v, &f->when_at);
                f->when_mask |= UINT32_C(1) << w;
            }
        }
        if (r->target == k && !r->require && (f->when_mask & (UINT32_C(1) << w))) {
            char cond[96];
            when_text(cond, sizeof cond, l, r);
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "I9", l->children[k].seg->id, l->id, NULL, 0,
                       0, 0, "%s in loop %s is not used when %s%s%s%s", r->what, l->id, cond,
                       r->note[0] ? " (" : "", r->note, r->note[0] ? ")" : "");
        }
    }
}

/* Reports the required children of the top frame that never appeared, and
 * the HL04 check, then pops it. */
static void close_frame(x12_validator *v)
{
    x12i_frame *f = &v->stack[v->depth - 1];
    const x12i_loop *l = f->loop;
    uint32_t r;

    for (r = 0; r < l->nreq; r++) {
        uint32_t k = l->req[r];
        const x12i_node *n = &l->children[k];
        const x12i_seg *s = trigger(n);
        const x12i_skip *at = f->skipped[k].setpos ? &f->skipped[k] : NULL;

        if (f->seen[k])
            continue;
        if (n->loop != NULL)
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "3", s->id, n->loop->id, at, 0, 0, 0,
                       "%s in loop %s is required but missing", s->id, n->loop->id);
        else if (l->id[0] != '\0')
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "3", s->id, l->id, at, 0, 0, 0,
                       "%s in loop %s is required but missing", s->id, l->id);
        else
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "3", s->id, NULL, at, 0, 0, 0,
                       "%s is required but missing", s->id);
    }
    if (f->when_mask != 0) {
        uint32_t w;
        for (w = 0; w < l->nwhens; w++) {
            const x12i_when *rw = &l->whens[w];
            char cond[96];
            if (!rw->require || !(f->when_mask & (UINT32_C(1) << w)) || f->seen[rw->target])
                continue;
            when_text(cond, sizeof cond, l, rw);
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "3", l->children[rw->target].seg->id, l->id,
                       &f->when_at, 0, 0, 0, "%s in loop %s is required when %s%s%s%s",
                       rw->what, l->id, cond, rw->note[0] ? " (" : "", rw->note,
                       rw->note[0] ? ")" : "");
        }
    }
    if (f->hl[0] != '\0') {
        x12_issue *is = NULL;
        if (f->hl04 == '1' && f->hl_children == 0)
            is = x12i_issue(v, X12_ISSUE_ELEMENT, 1, "I12", "HL", l->id, &f->hl_at, 4, 0, 0,
                            "HL04 says a subordinate HL follows, but none does");
        else if (f->hl04 == '0' && f->hl_children > 0)
            is = x12i_issue(v, X12_ISSUE_ELEMENT, 1, "I12", "HL", l->id, &f->hl_at, 4, 0, 0,
                            "HL04 says no subordinate HL follows, but %lu do",
                            (unsigned long)f->hl_children);
        if (is != NULL)
            memcpy(is->ref, "736", 4);
    }
    v->depth--;
}

/* Records that the required children of frame f from `from` up to (not
 * including) `to` were passed over. */
static void note_skips(x12_validator *v, x12i_frame *f, uint32_t from, uint32_t to)
{
    const x12i_loop *l = f->loop;
    uint32_t r, k;

    for (r = 0; r < l->nreq && (k = l->req[r]) < to; r++)
        if (k >= from && f->seen[k] == 0 && f->skipped[k].setpos == 0)
            here(v, &f->skipped[k]);
}

/* Whether a segment whose id is that of s has the qualifier that selects
 * s (always, when loose or s has no key); with key2, the second qualifier
 * must fit too (2400 PWK*CT is a line attachment or the DME certificate
 * by its PWK02). */
static int key_matches(const x12i_seg *s, const x12_segment *seg, int loose)
{
    const x12i_elem *ke;
    x12_str val;

    if (loose || s->key == 0)
        return 1;
    ke = &s->elems[s->key - 1];
    if (s->keycomp) {
        ke = &ke->comps[s->keycomp - 1];
        val = x12_segment_component(seg, s->key, s->keycomp);
    } else {
        val = x12i_first_component(seg, s->key);
    }
    if (!x12i_code_in(ke->codes, val.ptr, val.len))
        return 0;
    if (s->key2 == 0)
        return 1;
    val = x12i_first_component(seg, s->key2);
    return x12i_code_in(s->elems[s->key2 - 1].codes, val.ptr, val.len);
}

/* Whether child j of l shares its position of the standard with another
 * child (x12i_loop.gstart). */
static int shares_position(const x12i_loop *l, uint32_t j)
{
    return l->gstart[j] != j || (j + 1 < l->nchildren && l->gstart[j + 1] != j + 1);
}

typedef struct match {
    size_t depth;
    uint32_t idx;
} match;

/* First child at or after each frame's position, innermost frame first.
 * `pid` is the segment's id packed (x12i_pack_id). */
static int find_forward(const x12_validator *v, const x12_segment *seg, uint32_t pid, int loose,
                        match *m)
{
    size_t d;

    if (pid == X12I_NOID)
        return 0;
    for (d = v->depth; d-- > 0;) {
        const x12i_frame *f = &v->stack[d];
        const x12i_loop *l = f->loop;
        uint32_t j = f->pos;

        /* A loop's trigger starts a new instance one level up. */
        if (j == 0 && f->count > 0 && l->id[0] != '\0' && d + 1 == v->depth)
            j = 1;
        /* Segments of the same standard position come in any order, so a
         * segment with the id of the entry last used may be an earlier
         * entry of its position; a loose match stays at the entry last
         * used, whose qualifier is then reported. */
        if (!loose && f->count > 0 && j < l->nchildren && l->tids[j] == pid)
            j = l->gstart[j];
        for (; j < l->nchildren; j++)
            if (l->tids[j] == pid && key_matches(trigger(&l->children[j]), seg, loose)) {
                m->depth = d;
                m->idx = j;
                return 1;
            }
    }
    return 0;
}

/* A child before each frame's position (out of sequence). */
static int find_backward(const x12_validator *v, const x12_segment *seg, uint32_t pid, int loose,
                         match *m)
{
    size_t d;

    if (pid == X12I_NOID)
        return 0;
    for (d = v->depth; d-- > 0;) {
        const x12i_frame *f = &v->stack[d];
        uint32_t j = (f->loop->id[0] != '\0') ? 1 : 0;

        for (; j < f->pos; j++) {
            const x12i_node *n = &f->loop->children[j];
            /* An earlier loop is re-entered only among the current loop's
             * siblings: a stray trigger must not close a claim. */
            if (n->loop != NULL && d + 2 < v->depth)
                continue;
            if (f->loop->tids[j] == pid && key_matches(trigger(n), seg, loose)) {
                m->depth = d;
                m->idx = j;
                return 1;
            }
        }
    }
    return 0;
}

/* snprintf(buf, size, "%.*s", len, p) without the cost of a format: up
 * to len bytes of p, stopping at a NUL, cut to fit. */
static void copy_text(char *buf, size_t size, const char *p, size_t len)
{
    const char *nul = len ? memchr(p, '\0', len) : NULL;

    if (nul != NULL)
        len = (size_t)(nul - p);
    if (len > size - 1)
        len = size - 1;
    if (len > 0)
        memcpy(buf, p, len);
    buf[len] = '\0';
}

/* snprintf(buf, size, "%s%02u", id, n), by hand: this runs for every
 * claim. */
static void id_number(char *buf, size_t size, const char *id, unsigned n)
{
    char tmp[32], digits[12];
    size_t len = strlen(id), k = 0;

    if (len > sizeof tmp - sizeof digits)
        len = sizeof tmp - sizeof digits;
    memcpy(tmp, id, len);
    do
        digits[k++] = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    if (k < 2)
        digits[k++] = '0';
    while (k > 0)
        tmp[len++] = digits[--k];
    copy_text(buf, size, tmp, len);
}

/* HL01 sequence, HL02 parent, HL04 bookkeeping for a new HL loop instance
 * (the top frame). */
static void check_hl(x12_validator *v, x12i_frame *f)
{
    x12_str id = x12_segment_element(v->seg, 1), parent = x12_segment_element(v->seg, 2);
    x12_str child = x12_segment_element(v->seg, 4);
    uint64_t n = 0;
    int num = parse_count(id, &n) == 0;
    size_t d;
    x12i_frame *pf = NULL;
    char want[48];

    here(v, &f->hl_at);
    copy_text(f->hl, sizeof f->hl, id.ptr, id.len < 12 ? id.len : 12);
    if (f->hl[0] == '\0')
        memcpy(f->hl, "?", 2);
    f->hl04 = child.len ? child.ptr[0] : 0;
    if (id.len > 0 && (!num || n != v->last_hl + 1)) {
        x12_issue *is = x12i_issue(v, X12_ISSUE_ELEMENT, 0, "I12", "HL", f->loop->id, NULL, 1, 0,
                                   0, "HL01 should be %lu: HL numbers start at 1 and go up by one",
                                   (unsigned long)(v->last_hl + 1));
        if (is != NULL)
            memcpy(is->ref, "628", 4);
    }
    v->last_hl = num ? n : v->last_hl + 1;
    for (d = v->depth - 1; d-- > 0;)
        if (v->stack[d].hl[0] != '\0') {
            pf = &v->stack[d];
            break;
        }
    if (pf == NULL)
        return;
    pf->hl_children++;
    if (parent.len > 0 && pf->hl[0] != '*' && !view_eq(parent, pf->hl)) {
        x12_issue *is;
        /* HL01 is a number: anything else read there (shifted data) is
         * described, not quoted. */
        if (x12i_all_digits(pf->hl, strlen(pf->hl)))
            snprintf(want, sizeof want, "%s", pf->hl);
        else
            snprintf(want, sizeof want, "(not a number)");
        is = x12i_issue(v, X12_ISSUE_ELEMENT, 0, "I12", "HL", f->loop->id, NULL, 2, 0, 0,
                        "HL02 should be %s, the HL01 of the enclosing loop %s", want,
                        pf->loop->id);
        if (is != NULL)
            memcpy(is->ref, "734", 4);
    }
}

static void set_context(x12_validator *v, x12i_frame *f, const x12i_seg *s)
{
    x12_str val;

    if (s->context == 0)
        return;
    val = x12i_first_component(v->seg, s->context);
    id_number(f->ctx_name, sizeof f->ctx_name, s->id, s->context);
    copy_text(f->ctx, sizeof f->ctx, val.ptr,
              val.len < X12I_CTX_MAX - 1 ? val.len : X12I_CTX_MAX - 1);
}

/* Enters child m.idx of frame m.depth (forward or out of sequence). */
static void enter(x12_validator *v, match m, int backward, int loose)
{
    x12i_frame *f;
    const x12i_node *n;

    n = &v->stack[m.depth].loop->children[m.idx];
    /* A segment out of sequence is reported where it stands: the loops
     * open inside stay open. */
    while (v->depth > m.depth + 1 && !(backward && n->seg != NULL))
        close_frame(v);
    f = &v->stack[m.depth];
    /* A segment whose qualifier fits no place, taken for the one it
     * most likely is: reported on its qualifier, not counted as a use. */
    if (loose && n->seg != NULL && m.idx == f->pos && f->count > 0)
        backward = 2;
    if (!backward) {
        if (m.idx != f->pos || f->count == 0) {
            note_skips(v, f, f->count ? f->pos + 1 : f->pos, m.idx);
            f->pos = m.idx;
            f->count = 0;
        }
        f->count++;
    }
    /* A segment taken for the entry last used only for its qualifier to be
     * reported (backward 2) is no further use of that entry. */
    if (backward != 2)
        f->seen[m.idx]++;
    if (n->seg != NULL) {
        const x12i_seg *s = n->seg;
        const char *loop = f->loop->id[0] ? f->loop->id : NULL;
        if (backward == 1 && !loose)
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "7", s->id, loop, NULL, 0, 0, 0,
                       "%s is out of sequence%s%s", s->id, loop ? " in loop " : "",
                       loop ? loop : "");
        else if (s->max_use &&
                 (shares_position(f->loop, m.idx) ? f->seen[m.idx] : f->count) > s->max_use)
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "5", s->id, loop, NULL, 0, 0, 0,
                       "%s%s%s is used more than %lu time%s", s->id, loop ? " in loop " : "",
                       loop ? loop : "", (unsigned long)s->max_use, s->max_use == 1 ? "" : "s");
        if (s->usage == X12I_U_N)
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "I4", s->id, loop, NULL, 0, 0, 0,
                       "%s%s%s is not used in this guide", s->id, loop ? " in loop " : "",
                       loop ? loop : "");
        if (s->context != 0)
            set_context(v, f, s);
        x12i_check_elements(v, s, loop);
        if (f->loop->nwhens > 0)
            when_segment(v, f, m.idx);
    } else {
        const x12i_loop *l = n->loop;
        const x12i_seg *s = trigger(n);
        x12i_frame *nf;
        if (backward && !loose)
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "7", s->id, l->id, NULL, 0, 0, 0,
                       "%s starting loop %s is out of sequence", s->id, l->id);
        else if (l->max && f->count > l->max)
            x12i_issue(v, X12_ISSUE_SEGMENT, 0, "4", s->id, l->id, NULL, 0, 0, 0,
                       "loop %s repeats more than %lu time%s", l->id, (unsigned long)l->max,
                       l->max == 1 ? "" : "s");
        if (push_frame(v, l) != 0)
            return;
        nf = &v->stack[v->depth - 1];
        nf->count = 1;
        nf->seen[0] = 1;
        if (strcmp(s->id, "HL") == 0)
            check_hl(v, nf);
        set_context(v, nf, s);
        x12i_check_elements(v, s, l->id);
        if (l->nwhens > 0)
            when_segment(v, nf, 0);
    }
}

/* Resynchronisation when a loop's trigger is missing or broken: a child
 * loop L reachable forward (at or after a frame's position) whose body
 * holds, after its trigger, a segment that matches `seg` exactly (id and
 * qualifier) or a loop that `seg` triggers.  Only one level down, and only
 * after every ordinary search failed, so a claim (CLP, CLM) or a subscriber
 * (SBR) whose enclosing LX or HL is missing or unreadable opens its loops
 * again instead of every later segment being "not expected here".
 * m->depth/m->idx name L in its frame; *inner is the child of L. */
/* Whether a required child of f between its position and child `to` has
 * not been seen. */
static int skips_required(const x12i_frame *f, uint32_t to)
{
    const x12i_loop *l = f->loop;
    uint32_t from = f->count ? f->pos + 1 : f->pos, r, k;

    for (r = 0; r < l->nreq && (k = l->req[r]) < to; r++)
        if (k >= from && f->seen[k] == 0)
            return 1;
    return 0;
}

static int find_implied_pass(const x12_validator *v, const x12_segment *seg, uint32_t pid,
                             int want_loop, match *m, uint32_t *inner)
{
    size_t d;

    for (d = v->depth; d-- > 0;) {
        const x12i_frame *f = &v->stack[d];
        const x12i_loop *l = f->loop;
        uint32_t j;

        for (j = f->pos; j < l->nchildren; j++) {
            const x12i_loop *sub = l->children[j].loop;
            uint32_t k;

            /* Never past a required child not seen yet: a PAT right after
             * the SBR is a stray segment, not a patient loop whose HL
             * went missing after the subscriber's name loops. */
            if (j > f->pos && skips_required(f, j))
                break;
            if (sub == NULL)
                continue;
            for (k = 1; k < sub->nchildren; k++)
                if (sub->tids[k] == pid && (sub->children[k].loop != NULL) == want_loop &&
                    key_matches(trigger(&sub->children[k]), seg, 0)) {
                    m->depth = d;
                    m->idx = j;
                    *inner = k;
                    return 1;
                }
        }
    }
    return 0;
}

/* A segment of the loop itself (SBR of 2000B) is a better sign than the
 * trigger of a loop inside it (SBR starting 2320 inside 2300). */
static int find_implied(const x12_validator *v, const x12_segment *seg, uint32_t pid, match *m,
                        uint32_t *inner)
{
    if (pid == X12I_NOID)
        return 0;
    return find_implied_pass(v, seg, pid, 0, m, inner) ||
           find_implied_pass(v, seg, pid, 1, m, inner);
}

/* Opens loop m (its trigger missing: reported here) and places the
 * current segment at child `inner` of it. */
static void enter_implied(x12_validator *v, match m, uint32_t inner)
{
    x12i_frame *f, *nf;
    const x12i_loop *l;
    const x12i_seg *t;

    while (v->depth > m.depth + 1)
        close_frame(v);
    f = &v->stack[m.depth];
    l = f->loop->children[m.idx].loop;
    t = l->children[0].seg;
    if (m.idx != f->pos || f->count == 0) {
        note_skips(v, f, f->count ? f->pos + 1 : f->pos, m.idx);
        f->pos = m.idx;
        f->count = 0;
    }
    f->count++;
    f->seen[m.idx]++;
    if (l->max && f->count > l->max)
        x12i_issue(v, X12_ISSUE_SEGMENT, 0, "4", t->id, l->id, NULL, 0, 0, 0,
                   "loop %s repeats more than %lu time%s", l->id, (unsigned long)l->max,
                   l->max == 1 ? "" : "s");
    if (push_frame(v, l) != 0)
        return;
    nf = &v->stack[v->depth - 1];
    nf->count = 1;
    nf->seen[0] = 1;
    if (strcmp(t->id, "HL") == 0) {
        /* The missing HL had a number and was the parent of the HLs
         * inside: neither is reported again. */
        memcpy(nf->hl, "*", 2);
        v->last_hl++;
    }
    x12i_issue(v, X12_ISSUE_SEGMENT, 0, "3", t->id, l->id, NULL, 0, 0, 0,
               "%s starting loop %s is missing or unreadable before %s", t->id, l->id,
               trigger(&l->children[inner])->id);
    {
        match im;
        im.depth = v->depth - 1;
        im.idx = inner;
        enter(v, im, 0, 0);
    }
}

static int in_spec(const x12_spec *spec, x12_str id)
{
    size_t i;

    for (i = 0; i < spec->nsegids; i++)
        if (view_eq(id, spec->segids[i]))
            return 1;
    return 0;
}

static const char *top_loop(const x12_validator *v)
{
    size_t d;

    for (d = v->depth; d-- > 0;)
        if (v->stack[d].loop->id[0] != '\0')
            return v->stack[d].loop->id;
    return NULL;
}

/* Places one segment of the set body. */
static void machine_segment(x12_validator *v, const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);
    uint32_t pid = x12i_pack_id(id.ptr, id.len);
    match m;
    uint32_t inner;
    int was_unplaced;
    char q[8];
    const char *loop;

    was_unplaced = v->unplaced;
    v->unplaced = 0;
    if (find_forward(v, seg, pid, 0, &m)) {
        enter(v, m, 0, 0);
        return;
    }
    /* After a segment that could not be placed (an unreadable SVC, LX or
     * CLM), a segment that belongs to a new instance of a loop starts that
     * instance rather than being out of sequence in the previous one. */
    if (was_unplaced && find_implied(v, seg, pid, &m, &inner)) {
        enter_implied(v, m, inner);
        return;
    }
    /* A qualifier that fits an earlier place in the same loop: the
     * segment is out of sequence (DTP*434 after DTP*435), not a bad
     * qualifier for the place it stands. */
    if (find_backward(v, seg, pid, 0, &m) && m.depth + 1 == v->depth &&
        v->stack[m.depth].loop->children[m.idx].seg != NULL) {
        enter(v, m, 1, 0);
        return;
    }
    if (find_forward(v, seg, pid, 1, &m)) {
        enter(v, m, 0, 1);
        return;
    }
    if (find_backward(v, seg, pid, 0, &m)) {
        /* Re-entering an earlier loop (SBR after the service lines taken
         * for 2320) is less likely than a later loop whose trigger (HL)
         * is missing. */
        match im;
        if (v->stack[m.depth].loop->children[m.idx].loop != NULL &&
            find_implied(v, seg, pid, &im, &inner))
            enter_implied(v, im, inner);
        else
            enter(v, m, 1, 0);
        return;
    }
    loop = top_loop(v);
    v->unplaced = 1;
    if (!x12i_segid_shaped(id.ptr, id.len)) {
        /* Not quoted: bytes that do not even look like an id may be data
         * (see x12_error_segment_id). */
        env_issue(v, "segment-id", "", "?", loop, 0,
                  "the segment id is not 2-3 capital letters or digits");
    } else if (!in_spec(v->spec, id) && !x12i_known_segment_id(id.ptr, id.len)) {
        x12i_quote(q, sizeof q, id.ptr, id.len);
        x12i_issue(v, X12_ISSUE_SEGMENT, 0, "1", q, loop, NULL, 0, 0, 0,
                   "segment id '%s' is not an X12 segment", q);
    } else if (!in_spec(v->spec, id)) {
        x12i_quote(q, sizeof q, id.ptr, id.len);
        x12i_issue(v, X12_ISSUE_SEGMENT, 0, "6", q, loop, NULL, 0, 0, 0,
                   "%s is not a segment of this %s guide", q, v->spec->set);
    } else if (find_implied(v, seg, pid, &m, &inner)) {
        v->unplaced = 0;
        enter_implied(v, m, inner);
    } else if (find_backward(v, seg, pid, 1, &m)) {
        /* The id belongs here but the qualifier fits no place: report the
         * qualifier on its element. */
        v->unplaced = 0;
        enter(v, m, 1, 1);
    } else {
        x12i_quote(q, sizeof q, id.ptr, id.len);
        x12i_issue(v, X12_ISSUE_SEGMENT, 0, "2", q, loop, NULL, 0, 0, 0,
                   "%s is not expected here%s%s", q, loop ? " in loop " : "", loop ? loop : "");
    }
}

/* Closes every open frame (end of the set). */
static void machine_close(x12_validator *v)
{
    while (v->depth > 0)
        close_frame(v);
    v->spec = NULL;
}

/* ---- envelopes ------------------------------------------------------------- */

static const x12_spec *choose_spec(x12_validator *v, x12_str st01, x12_str version, int *exact)
{
    size_t i;
    char set[8], ver[40];

    *exact = 1;
    if (v->forced != NULL)
        return v->forced;
    snprintf(set, sizeof set, "%.*s", (int)(st01.len < 7 ? st01.len : 7), st01.ptr);
    snprintf(ver, sizeof ver, "%.*s", (int)(version.len < 39 ? version.len : 39), version.ptr);
    for (i = 0; i < v->nextra; i++)
        if (strcmp(v->extra[i]->id, ver) == 0 && strcmp(v->extra[i]->set, set) == 0)
            return v->extra[i];
    return x12_spec_builtin_for(set, ver, exact);
}

static void end_set(x12_validator *v, int have_se)
{
    if (!have_se) {
        /* What is missing is missing from this set: positions refer to its
         * last segment, not to the segment that ended it. */
        uint64_t segno = v->segno, setpos = v->setpos, offset = v->offset;
        v->segno = v->last_in_set.segno;
        v->setpos = v->last_in_set.setpos;
        v->offset = v->last_in_set.offset;
        if (v->spec != NULL && v->depth > 0) {
            x12i_frame *body = &v->stack[0];
            body->seen[body->loop->nchildren - 1]++;
        }
        machine_close(v);
        v->segno = segno;
        v->setpos = setpos;
        v->offset = offset;
        env_issue(v, "missing-trailer", "ST", "ST", NULL, 0,
                  "transaction set %s has no SE trailer", ENVQ(v, X12_ENV_ST02));
    }
    machine_close(v);
    event(v, X12_VEV_SET_END);
    v->in_st = 0;
    env_clear(v, X12_ENV_ST01, X12_ENV_ST03);
}

static void end_group(x12_validator *v, int have_ge)
{
    if (v->in_st)
        end_set(v, 0);
    if (!have_ge) {
        v->ge01 = v->sets;
        env_issue(v, "missing-trailer", "GS", "GS", NULL, 0,
                  "functional group %s has no GE trailer", ENVQ(v, X12_ENV_GS06));
    }
    event(v, X12_VEV_GROUP_END);
    v->in_gs = 0;
    env_clear(v, X12_ENV_GS01, X12_ENV_GS08);
}

static void end_interchange(x12_validator *v, int have_iea)
{
    if (v->in_gs)
        end_group(v, 0);
    else if (v->in_st)
        end_set(v, 0);
    if (!have_iea) {
        v->iea01 = v->groups;
        env_issue(v, "missing-trailer", "ISA", "ISA", NULL, 0,
                  "interchange %s ends without IEA", ENVQ(v, X12_ENV_ISA13));
    }
    event(v, X12_VEV_INTERCHANGE_END);
    v->in_isa = 0;
    env_clear(v, X12_ENV_ISA05, X12_ENV_ISA15);
}

static int known_set(const char *set)
{
    size_t i;

    for (i = 0; i < x12_spec_builtin_count(); i++)
        if (strcmp(x12_spec_set_id(x12_spec_builtin_at(i)), set) == 0)
            return 1;
    return 0;
}

/* TA1-level checks of the ISA fields. */
static void check_isa(x12_validator *v, const x12_segment *seg)
{
    static const struct {
        unsigned elem, width;
        const char *note;
        const char *codes;
    } f[] = {
        {1, 2, "010", " 00 03 "}, {2, 10, "011", NULL},  {3, 2, "012", " 00 01 "},
        {4, 10, "013", NULL},     {5, 2, "005", " 01 14 20 27 28 29 30 33 ZZ "},
        {6, 15, "006", NULL},     {7, 2, "007", " 01 14 20 27 28 29 30 33 ZZ "},
        {8, 15, "008", NULL},     {9, 6, "014", NULL}, {10, 4, "015", NULL},
        {12, 5, "017", " 00501 "}, {13, 9, "018", NULL}, {14, 1, "019", " 0 1 "},
        {15, 1, "020", " P T "}};
    size_t i;

    for (i = 0; i < sizeof f / sizeof f[0]; i++) {
        x12_str val = x12_segment_element(seg, f[i].elem);
        size_t n = val.len;
        int bad = n != f[i].width;

        if (f[i].elem == 13) { /* the control number: envelope.c's rule */
            x12i_env_check_control_number(seg, env_report, v);
            continue;
        }

        if (!bad && f[i].codes != NULL)
            bad = !x12i_code_in(f[i].codes, val.ptr, val.len);
        if (!bad && f[i].elem == 9)
            bad = !x12i_date_valid(val.ptr, val.len);
        if (!bad && f[i].elem == 10)
            bad = !x12i_hhmm(val.ptr, val.len);
        if (!bad && (f[i].elem == 6 || f[i].elem == 8)) {
            size_t k;
            bad = 1;
            for (k = 0; k < n; k++)
                if (val.ptr[k] != ' ')
                    bad = 0;
        }
        if (bad)
            x12i_issue(v, X12_ISSUE_INTERCHANGE, 0, f[i].note, "ISA", NULL, NULL, f[i].elem, 0, 0,
                       "ISA%02u is not valid (%u characters%s)", f[i].elem, f[i].width,
                       f[i].codes ? " from its code list" : "");
    }
}

static void on_isa(x12_validator *v, const x12_segment *seg)
{
    if (v->in_isa)
        end_interchange(v, 0);
    v->in_isa = 1;
    v->groups = 0;
    v->iea01 = 0;
    ctl_clear(&v->gs06s);
    env_set(v, X12_ENV_ISA05, x12_segment_element(seg, 5), 0);
    env_set(v, X12_ENV_ISA06, x12_segment_element(seg, 6), 1);
    env_set(v, X12_ENV_ISA07, x12_segment_element(seg, 7), 0);
    env_set(v, X12_ENV_ISA08, x12_segment_element(seg, 8), 1);
    env_set(v, X12_ENV_ISA09, x12_segment_element(seg, 9), 0);
    env_set(v, X12_ENV_ISA10, x12_segment_element(seg, 10), 0);
    env_set(v, X12_ENV_ISA12, x12_segment_element(seg, 12), 0);
    env_set(v, X12_ENV_ISA13, x12_segment_element(seg, 13), 0);
    env_set(v, X12_ENV_ISA14, x12_segment_element(seg, 14), 0);
    env_set(v, X12_ENV_ISA15, x12_segment_element(seg, 15), 0);
    event(v, X12_VEV_INTERCHANGE_BEGIN);
    check_isa(v, seg);
}

static void on_gs(x12_validator *v, const x12_segment *seg)
{
    x12_str gs06 = x12_segment_element(seg, 6);

    if (!v->in_isa)
        env_issue(v, "nesting", "GS", "GS", NULL, 0, "GS outside an interchange");
    if (v->in_gs)
        end_group(v, 0);
    v->in_gs = 1;
    v->groups++;
    v->sets = 0;
    v->ge01 = 0;
    env_set(v, X12_ENV_GS01, x12_segment_element(seg, 1), 0);
    env_set(v, X12_ENV_GS02, x12_segment_element(seg, 2), 0);
    env_set(v, X12_ENV_GS03, x12_segment_element(seg, 3), 0);
    env_set(v, X12_ENV_GS04, x12_segment_element(seg, 4), 0);
    env_set(v, X12_ENV_GS05, x12_segment_element(seg, 5), 0);
    env_set(v, X12_ENV_GS06, gs06, 0);
    env_set(v, X12_ENV_GS08, x12_segment_element(seg, 8), 0);
    event(v, X12_VEV_GROUP_BEGIN);
    ctl_clear(&v->st02s);
    if (!x12i_env_check_control_number(seg, env_report, v) &&
        ctl_seen(v, &v->gs06s, gs06, "GS", "interchange"))
        x12i_issue(v, X12_ISSUE_GROUP, 0, "19", "GS", NULL, NULL, 6, 0, 0,
                   "GS06 group control number %s is used twice in this interchange",
                   ENVQ(v, X12_ENV_GS06));
}

/* What may follow the ten characters that name a guide (005010X222) in
 * an id of a release of it: nothing (the original) or A and a number
 * (errata A1, A2 ...). */
static int errata_suffix(const char *p, size_t n)
{
    return n == 0 || (n >= 2 && n <= 3 && p[0] == 'A' && x12i_all_digits(p + 1, n - 1));
}

static void on_st(x12_validator *v, const x12_segment *seg)
{
    x12_str st01 = x12_segment_element(seg, 1), st02 = x12_segment_element(seg, 2);
    x12_str st03 = x12_segment_element(seg, 3);
    x12_str version = st03.len ? st03 : x12_validator_envelope_get(v, X12_ENV_GS08);
    int exact = 1;
    const x12_spec *spec;

    if (!v->in_gs)
        env_issue(v, "nesting", "ST", "ST", NULL, 0, "ST outside a functional group");
    if (v->in_st)
        end_set(v, 0);
    v->in_st = 1;
    v->sets++;
    v->set_errors = v->set_warnings = 0;
    v->last_hl = 0;
    v->saw_se = 0;
    v->unplaced = 0;
    env_set(v, X12_ENV_ST01, st01, 0);
    env_set(v, X12_ENV_ST02, st02, 0);
    env_set(v, X12_ENV_ST03, st03, 0);
    event(v, X12_VEV_SET_BEGIN);
    if (st01.len != 3)
        x12i_issue(v, X12_ISSUE_SET, 0, "6", "ST", NULL, NULL, 1, 0, 0,
                   "ST01 transaction set identifier is missing or invalid");
    if (!x12i_env_check_control_number(seg, env_report, v) &&
        ctl_seen(v, &v->st02s, st02, "ST", "functional group"))
        x12i_issue(v, X12_ISSUE_SET, 0, "23", "ST", NULL, NULL, 2, 0, 0,
                   "ST02 control number %s is used twice in this functional group",
                   ENVQ(v, X12_ENV_ST02));
    spec = choose_spec(v, st01, version, &exact);
    if (spec == NULL) {
        char s1[40], ver[40];
        /* ST01 is an ID of 3, GS08/ST03 of at most 12: a code each. */
        x12i_quote_msg(s1, sizeof s1, st01.ptr, st01.len, 3, NULL, 0);
        x12i_quote_msg(ver, sizeof ver, version.ptr, version.len, 12, "-", 0);
        x12i_issue(v, X12_ISSUE_SET, 0, known_set(s1) ? "I6" : "1", "ST",
                   NULL, NULL, 0, 0, 0, "no implementation guide for transaction set %s %s", s1,
                   ver);
        v->spec = NULL;
        return;
    }
    if (!exact) {
        /* The guide's first ten characters with another release after
         * them (x12_spec_builtin_for): an errata release, accepted or
         * rejected as the option says, or no release id at all.  One
         * finding at most: ST03 itself is checked as naming the guide
         * (check="guide-id"), which such an id does. */
        char ver[40];
        x12i_quote_msg(ver, sizeof ver, version.ptr, version.len, 12, "-", 0);
        if (!errata_suffix(version.ptr + 10, version.len - 10))
            x12i_issue(v, X12_ISSUE_SET, 0, "I6", "ST", NULL, NULL, 0, 0, 0,
                       "%s is no release of the %.10s guide; validated against %s", ver,
                       spec->id, spec->id);
        else if (v->errata == X12_ERRATA_REJECT && version.len == 10)
            x12i_issue(v, X12_ISSUE_SET, 0, "I6", "ST", NULL, NULL, 0, 0, 0,
                       "%s is the guide's original release, before the errata HIPAA adopted "
                       "(the errata option rejects it); validated against %s", ver, spec->id);
        else if (v->errata == X12_ERRATA_REJECT)
            x12i_issue(v, X12_ISSUE_SET, 0, "I6", "ST", NULL, NULL, 0, 0, 0,
                       "%s is an errata release HIPAA did not adopt (the errata option "
                       "rejects it); validated against %s", ver, spec->id);
    }
    v->spec = spec;
    v->depth = 0;
    if (push_frame(v, spec->body) != 0)
        return;
    machine_segment(v, seg);
}

static void on_se(x12_validator *v, const x12_segment *seg)
{
    if (v->spec != NULL)
        machine_segment(v, seg);
    x12i_env_check_trailer(seg, v->setpos, env_view(v, X12_ENV_ST02), NULL, env_report, v);
    end_set(v, 1);
}

static void on_ge(x12_validator *v, const x12_segment *seg)
{
    if (!v->in_gs) {
        env_issue(v, "nesting", "GE", "GE", NULL, 0, "GE without a GS");
        return;
    }
    if (v->in_st)
        end_set(v, 0);
    x12i_env_check_trailer(seg, v->sets, env_view(v, X12_ENV_GS06), &v->ge01, env_report, v);
    end_group(v, 1);
}

static void on_iea(x12_validator *v, const x12_segment *seg)
{
    if (!v->in_isa) {
        env_issue(v, "nesting", "IEA", "IEA", NULL, 0, "IEA without an ISA");
        return;
    }
    if (v->in_gs)
        end_group(v, 0);
    x12i_env_check_trailer(seg, v->groups, env_view(v, X12_ENV_ISA13), &v->iea01, env_report,
                           v);
    end_interchange(v, 1);
}

/* The definition of segment `id` in the current guide, looked for among
 * the children of the open loops (innermost first): for IK402.  NULL when
 * none is open or none has it. */
static const x12i_seg *segdef_near(const x12_validator *v, const char *id)
{
    size_t d;
    uint32_t j;

    if (v->spec == NULL || id[0] == '\0')
        return NULL;
    for (d = v->depth; d-- > 0;) {
        const x12i_loop *l = v->stack[d].loop;
        for (j = 0; j < l->nchildren; j++) {
            const x12i_seg *s = trigger(&l->children[j]);
            if (strcmp(s->id, id) == 0)
                return s;
        }
    }
    return NULL;
}

/*
 * Segments the reader skipped (over a configured limit) are never handed
 * out, but they keep their numbers: a gap in the numbers before the
 * current segment.  Whatever they held is lost, so the set they were in
 * cannot be accepted: they become an issue at the first of them, inside
 * the set (IK3 code 8 with IK4 5 "too long" or 3 "too many elements" at
 * the element where the limit fell), or outside any set an interchange
 * problem (024), like any segment out there.  The reader's record says
 * why; a gap it does not explain (segments a caller did not pass on) is
 * reported the same way without the reason.
 */
static void report_skipped(x12_validator *v, const x12_segment *seg)
{
    const x12i_skipped *k = seg->skipped;
    uint64_t first = v->last_segno + 1, n = v->segno - first;
    int known = k != NULL && k->count == n && k->first == first && k->rule != NULL;
    const char *id = known && k->id[0] ? k->id : NULL;
    const char *loop = v->in_st ? top_loop(v) : NULL;
    char what[64], why[96], more[48] = "";
    x12i_skip at;
    x12_issue *is;

    at.segno = first;
    at.offset = known ? k->offset : v->offset;
    at.setpos = v->in_st ? v->last_in_set.setpos + 1 : 0;
    snprintf(what, sizeof what, "%s", id ? id : "a segment");
    if (n > 1)
        snprintf(more, sizeof more, " and the %llu after it", (unsigned long long)(n - 1));
    if (!known)
        snprintf(why, sizeof why, "they were not passed to the validator");
    else if (strcmp(k->rule, "max-elements") == 0)
        snprintf(why, sizeof why, "%s more than %llu elements (the configured limit)",
                 n > 1 ? "the first has" : "it has", (unsigned long long)k->limit);
    else if (k->element == 0)
        snprintf(why, sizeof why,
                 "%s longer than %llu bytes with the white space after it (the configured "
                 "limit)", n > 1 ? "the first is" : "it is", (unsigned long long)k->limit);
    else
        snprintf(why, sizeof why, "%s longer than %llu bytes (the configured limit)",
                 n > 1 ? "the first is" : "it is", (unsigned long long)k->limit);
    if (!v->in_st) {
        x12i_issue(v, X12_ISSUE_INTERCHANGE, 0, "024", id, NULL, &at, 0, 0, 0,
                   "%s%s, outside a transaction set, %s not read: %s", what, more,
                   n > 1 ? "were" : "was", why);
        return;
    }
    if (known && k->element > 0) {
        const x12i_seg *s = id ? segdef_near(v, id) : NULL;
        int too_many = strcmp(k->rule, "max-elements") == 0;
        is = x12i_issue(v, X12_ISSUE_ELEMENT, 0, too_many ? "3" : "5", id ? id : "?", loop, &at,
                        k->element, 0, 0, "%s%s %s not read: %s; the set cannot be accepted "
                        "without %s", what, more, n > 1 ? "were" : "was", why,
                        n > 1 ? "them" : "it");
        if (is != NULL && s != NULL && k->element <= s->nelems)
            snprintf(is->ref, sizeof is->ref, "%s", s->elems[k->element - 1].ref);
        return;
    }
    x12i_issue(v, X12_ISSUE_SEGMENT, 0, "8", id ? id : "?", loop, &at, 0, 0, 0,
               "%s%s %s not read: %s; the set cannot be accepted without %s", what, more,
               n > 1 ? "were" : "was", why, n > 1 ? "them" : "it");
}

x12_status x12_validator_segment(x12_validator *v, const x12_segment *seg)
{
    x12_str id;

    if (v == NULL || seg == NULL)
        return X12_EINVAL;
    v->nissues = 0;
    v->nfired = 0;
    v->oom = 0;
    v->seg = seg;
    v->segno = x12_segment_number(seg);
    v->offset = x12_segment_offset(seg);
    v->setpos = x12_segment_set_position(seg);
    id = x12_segment_id(seg);
    if (v->in_isa && v->last_segno != 0 && v->segno > v->last_segno + 1 &&
        !(id.len == 3 && memcmp(id.ptr, "ISA", 3) == 0))
        report_skipped(v, seg);
    v->last_segno = v->segno;
    if (id.len == 3 && memcmp(id.ptr, "ISA", 3) == 0)
        on_isa(v, seg);
    else if (id.len == 2 && memcmp(id.ptr, "GS", 2) == 0)
        on_gs(v, seg);
    else if (id.len == 2 && memcmp(id.ptr, "ST", 2) == 0)
        on_st(v, seg);
    else if (id.len == 2 && memcmp(id.ptr, "SE", 2) == 0 && v->in_st)
        on_se(v, seg);
    else if (id.len == 2 && memcmp(id.ptr, "GE", 2) == 0)
        on_ge(v, seg);
    else if (id.len == 3 && memcmp(id.ptr, "IEA", 3) == 0)
        on_iea(v, seg);
    else if (v->in_st) {
        if (v->spec != NULL)
            machine_segment(v, seg);
    } else if (!(id.len == 3 && memcmp(id.ptr, "TA1", 3) == 0 && v->in_isa && !v->in_gs)) {
        /* An id not of X12's shape is not quoted: it may be data (a name
         * run into a segment terminator). */
        char sid[4] = "?";
        int shaped = x12i_segid_shaped(id.ptr, id.len);
        if (shaped)
            snprintf(sid, sizeof sid, "%.*s", (int)id.len, id.ptr);
        env_issue(v, "nesting", "", sid, NULL, 0, "%s outside a transaction set",
                  shaped ? sid
                  : id.len ? "a segment whose id is not 2-3 capital letters or digits"
                           : "a segment with an empty id");
    }
    if (v->in_st) {
        v->last_in_set.segno = v->segno;
        v->last_in_set.setpos = v->setpos;
        v->last_in_set.offset = v->offset;
    }
    v->seg = NULL;
    flush_issues(v);
    return v->oom ? X12_ENOMEM : X12_OK;
}

x12_status x12_validator_finish(x12_validator *v)
{
    if (v == NULL)
        return X12_EINVAL;
    v->nissues = 0;
    v->nfired = 0;
    v->oom = 0;
    if (v->in_isa)
        end_interchange(v, 0);
    else if (v->in_gs)
        end_group(v, 0);
    else if (v->in_st)
        end_set(v, 0);
    v->last_segno = 0;
    flush_issues(v);
    return v->oom ? X12_ENOMEM : X12_OK;
}

x12_status x12_validator_run(x12_validator *v, x12_reader *r, x12_issue_fn fn, void *user)
{
    const x12_segment *seg;
    x12_status st;
    size_t i;

    if (v == NULL || r == NULL)
        return X12_EINVAL;
    for (;;) {
        st = x12_reader_next(r, &seg);
        if (st == X12_OK) {
            x12_validator_segment(v, seg);
            if (fn != NULL)
                for (i = 0; i < v->nissues; i++)
                    fn(user, &v->issues[i]);
            continue;
        }
        if (st == X12_END)
            break;
        {
            const x12_error *e = x12_reader_last_error(r);
            if (e == NULL || x12_error_severity(e) == X12_SEV_FATAL)
                break;
        }
    }
    x12_validator_finish(v);
    if (fn != NULL)
        for (i = 0; i < v->nissues; i++)
            fn(user, &v->issues[i]);
    return (st == X12_END) ? X12_OK : st;
}
