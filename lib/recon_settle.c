/*
 * Reconciliation results (x12_recon_finish): every 835 claim joined to its
 * 837 claim by patient control number and to its lines, the remittances of
 * each claim ordered by date, reversals paired, re-adjudications
 * superseding what they replace, money netted per payer and combined, then
 * states, next actions from the rules, days outstanding and aging.  The
 * rules of the game are in include/x12/recon.h; each step below says which.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "recon_internal.h"

uint32_t rc_claim_lookup(const x12_recon *r, x12_str pcn);

/* ---- scratch ------------------------------------------------------------------------ */

typedef struct money {
    int64_t paid, co, pr, oth, prior;
} money;

/* One CAS as it counts for a claim: where, which payer, what. */
typedef struct entry {
    int32_t line;      /* result line, -1 for the claim level */
    uint32_t tier;
    const char *group, *code;
    int64_t cents;
    uint32_t rem, nrem; /* remarks (line's, then claim's) in ctx.rem */
    uint8_t kind;      /* E_COUNTED, E_PRIOR, E_REPLACED */
} entry;

enum { E_COUNTED, E_PRIOR, E_REPLACED };

typedef struct ctx {
    x12_recon *r;
    unsigned fu_days;
    int64_t as_of_days;
    /* grown as needed, reused from claim to claim */
    rc_adj **adj;
    size_t adj_cap;
    money *lm;         /* per line per tier */
    size_t lm_cap;
    uint32_t *t_line;  /* last payer (tier) with a counting line contribution */
    size_t tl_cap;
    uint8_t *has_line; /* a line got any contribution */
    size_t hl_cap;
    entry *ent;
    size_t ent_cap, nent;
    entry *ent2;
    size_t ent2_cap;
    const char **rem;
    size_t rem_cap, nrem;
    const char **pay;  /* payer keys by tier */
    size_t pay_cap;
    uint8_t *used;     /* 837 lines taken by the current remittance */
    size_t used_cap;
} ctx;

static int grow(ctx *x, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    return x12i_grow(&x->r->a, p, cap, need, elem);
}

#define GROW(x, field, cap, need) grow((x), (void **)&(x)->field, &(x)->cap, (need), sizeof *(x)->field)

/* ---- small helpers ------------------------------------------------------------------- */

static int is(const char *s, const char *lit)
{
    x12_str v = rc_view(s);
    size_t n = strlen(lit);

    return v.len == n && memcmp(v.ptr, lit, n) == 0;
}

static int forwarding(const rc_adj *m)
{
    return is(m->status, "19") || is(m->status, "20") || is(m->status, "21") ||
           is(m->status, "23");
}

static const rc_aline *aline(const x12_recon *r, uint32_t i)
{
    return RC_AT(r->alines, rc_aline, i);
}

static const rc_cas *cas(const x12_recon *r, uint32_t i)
{
    return RC_AT(r->cas, rc_cas, i);
}

static const char *remark(const x12_recon *r, uint32_t i)
{
    return *RC_AT(r->remarks, const char *, i);
}

static int64_t days_between(uint32_t from, uint32_t to)
{
    if (from == 0 || to == 0)
        return -1;
    return rc_date_days(to) - rc_date_days(from);
}

/* Order of a claim's remittances: by date, then by what they are (never
 * by the order they were read). */
static int cmp_adj(const void *pa, const void *pb)
{
    const rc_adj *a = *(const rc_adj *const *)pa, *b = *(const rc_adj *const *)pb;
    int c;

    if (a->date_num != b->date_num)
        return a->date_num < b->date_num ? -1 : 1;
    if ((c = rc_str_cmp(a->trace, b->trace)) != 0)
        return c;
    if ((c = rc_str_cmp(a->payer_id, b->payer_id)) != 0)
        return c;
    if ((c = rc_str_cmp(a->st_control, b->st_control)) != 0)
        return c;
    if (a->claim_in_payment != b->claim_in_payment)
        return a->claim_in_payment < b->claim_in_payment ? -1 : 1;
    if ((c = rc_str_cmp(a->status, b->status)) != 0)
        return c;
    if (a->charge != b->charge)
        return a->charge < b->charge ? -1 : 1;
    if (a->paid != b->paid)
        return a->paid < b->paid ? -1 : 1;
    if (a->pr != b->pr)
        return a->pr < b->pr ? -1 : 1;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    return a->offset < b->offset ? -1 : a->offset > b->offset;
}

static int same_remit(const rc_adj *a, const rc_adj *b)
{
    return a->date_num == b->date_num && rc_str_eq(a->trace, b->trace) &&
           rc_str_eq(a->payer_id, b->payer_id) && rc_str_eq(a->st_control, b->st_control) &&
           a->claim_in_payment == b->claim_in_payment && rc_str_eq(a->status, b->status) &&
           a->charge == b->charge && a->paid == b->paid && a->pr == b->pr &&
           a->nlines == b->nlines && a->ncas == b->ncas;
}

/* ---- line matching ----------------------------------------------------------------------
 * An 835 line (SVC) goes to the 837 line with its REF*6R; else to the
 * line with the same procedure (the code as billed: SVC06 when the payer
 * changed it), modifiers, date and charge; else procedure and charge;
 * else the only line with that procedure.  Each 837 line is taken once
 * per remittance. */

static const char *billed_proc(const rc_aline *al)
{
    return al->orig_proc != NULL ? al->orig_proc : al->proc;
}

static const char *billed_mods(const rc_aline *al)
{
    return al->orig_proc != NULL ? al->orig_mods : al->mods;
}

static int same_proc(const rc_aline *al, const rc_line *l)
{
    const char *p = billed_proc(al);

    if (is(al->qual, "NU"))
        return l->rev != NULL && rc_str_eq(p, l->rev);
    if (l->proc != NULL)
        return rc_str_eq(p, l->proc) &&
               (al->rev == NULL || l->rev == NULL || rc_str_eq(al->rev, l->rev));
    return l->rev != NULL && rc_str_eq(p, l->rev);
}

static int same_date(const rc_aline *al, const rc_line *l)
{
    return al->from == NULL || l->from == NULL || rc_str_eq(al->from, l->from);
}

static void match_lines(ctx *x, const rc_claim *cl, const rc_adj *m)
{
    x12_recon *r = x->r;
    const rc_line *lines;
    uint32_t i, k, pass, n = cl->nlines;

    if (n == 0 || m->nlines == 0) {
        for (i = 0; i < m->nlines; i++) {
            rc_aline *al = RC_AT(r->alines, rc_aline, m->first_line + i);
            al->match = -1;
            al->how = RC_MATCH_NONE;
        }
        return;
    }
    lines = RC_AT(r->lines, rc_line, cl->first_line);

    memset(x->used, 0, n);
    for (i = 0; i < m->nlines; i++) {
        rc_aline *al = RC_AT(r->alines, rc_aline, m->first_line + i);
        al->match = -1;
        al->how = RC_MATCH_NONE;
    }
    for (pass = RC_MATCH_CTL; pass <= RC_MATCH_PROC; pass++) {
        for (i = 0; i < m->nlines; i++) {
            rc_aline *al = RC_AT(r->alines, rc_aline, m->first_line + i);
            uint32_t found = RC_NONE, count = 0;
            if (al->match >= 0)
                continue;
            for (k = 0; k < n; k++) {
                const rc_line *l = &lines[k];
                int ok;
                if (x->used[k])
                    continue;
                switch (pass) {
                case RC_MATCH_CTL:
                    ok = al->ctl != NULL && rc_str_eq(al->ctl, l->ctl);
                    break;
                case RC_MATCH_FULL:
                    ok = same_proc(al, l) && rc_str_eq(billed_mods(al), l->mods) &&
                         same_date(al, l) && al->charge == l->charge;
                    break;
                case RC_MATCH_CHARGE:
                    ok = same_proc(al, l) && al->charge == l->charge;
                    break;
                default:
                    ok = same_proc(al, l);
                    break;
                }
                if (ok) {
                    if (found == RC_NONE)
                        found = k;
                    count++;
                    if (pass != RC_MATCH_PROC)
                        break;
                }
            }
            /* the procedure alone decides only when it is unambiguous */
            if (found != RC_NONE && (pass != RC_MATCH_PROC || count == 1)) {
                al->match = (int32_t)found;
                al->how = (uint8_t)pass;
                x->used[found] = 1;
            }
        }
    }
}

/* ---- the remittances of one claim ----------------------------------------------------------- */

/* A denial of lines as duplicates (CARC 18 only, nothing paid): it never
 * replaces the adjudication it duplicates. */
static int duplicate_denial(const x12_recon *r, const rc_adj *m)
{
    uint32_t i, k;
    int any = 0;

    if (m->paid != 0)
        return 0;
    for (i = 0; i < m->ncas; i++) {
        if (!is(cas(r, m->first_cas + i)->reason, "18"))
            return 0;
        any = 1;
    }
    for (i = 0; i < m->nlines; i++) {
        const rc_aline *al = aline(r, m->first_line + i);
        for (k = 0; k < al->ncas; k++) {
            if (!is(cas(r, al->first_cas + k)->reason, "18"))
                return 0;
            any = 1;
        }
    }
    return any;
}

static int lines_overlap(const x12_recon *r, const rc_adj *a, const rc_adj *b)
{
    uint32_t i, k;

    for (i = 0; i < a->nlines; i++) {
        const rc_aline *x = aline(r, a->first_line + i);
        if (x->match < 0 || x->superseded)
            continue;
        for (k = 0; k < b->nlines; k++)
            if (aline(r, b->first_line + k)->match == x->match)
                return 1;
    }
    return 0;
}

/* Does adjudication j (later, same payer, counting) replace i?  Lines
 * both cover are replaced one by one; i as a whole when j covers all its
 * lines.  Without lines on either side, parts of a split claim add up to no
 * more than its charge: two that add up to more are a re-adjudication. */
static void supersede(ctx *x, const rc_claim *cl, rc_adj *i, rc_adj *j)
{
    x12_recon *r = x->r;
    uint32_t a, b;
    int all = 1;

    if (i->nlines == 0 || j->nlines == 0) {
        int64_t limit = cl != NULL ? cl->charge : (i->charge > j->charge ? i->charge : j->charge);
        if (i->charge + j->charge > limit)
            i->role = X12_RECON_ROLE_SUPERSEDED;
        return;
    }
    for (a = 0; a < i->nlines; a++) {
        rc_aline *al = RC_AT(r->alines, rc_aline, i->first_line + a);
        int covered = 0;
        if (al->superseded)
            continue;
        for (b = 0; b < j->nlines && al->match >= 0 && !covered; b++)
            covered = aline(r, j->first_line + b)->match == al->match;
        if (covered)
            al->superseded = 1;
        else
            all = 0;
    }
    if (all)
        i->role = X12_RECON_ROLE_SUPERSEDED;
}

/* Roles: duplicates, predeterminations, payers (tiers), reversals paired
 * with what they reverse, re-adjudications superseding earlier ones. */
static int assign_roles(ctx *x, const rc_claim *cl, rc_adj **v, size_t n, size_t *ntiers)
{
    x12_recon *r = x->r;
    size_t i, j, t, nt = 0;

    for (i = 0; i < n; i++) {
        rc_adj *m = v[i];
        m->role = X12_RECON_ROLE_COUNTS;
        m->tier = 0;
        for (j = 0; j < m->nlines; j++)
            RC_AT(r->alines, rc_aline, m->first_line + j)->superseded = 0;
        for (j = i; j-- > 0;) {
            if (v[j]->date_num != m->date_num)
                break;
            if (v[j]->role != X12_RECON_ROLE_DUPLICATE && same_remit(v[j], m)) {
                m->role = X12_RECON_ROLE_DUPLICATE;
                rc_diagf(r, m->source, X12_SEV_WARNING, X12_OK, "duplicate-remit", m->segno,
                         "CLP", m->offset,
                         "this claim payment was already read (same trace number, payer, "
                         "status and amounts): counted once");
                break;
            }
        }
        if (m->role == X12_RECON_ROLE_DUPLICATE)
            continue;
        if (is(m->status, "25")) {
            m->role = X12_RECON_ROLE_PREDETERMINATION;
            continue;
        }
        for (t = 0; t < nt; t++)
            if (rc_str_eq(x->pay[t], m->payer_id != NULL ? m->payer_id : m->payer_name))
                break;
        if (t == nt) {
            if (GROW(x, pay, pay_cap, nt + 1) != 0)
                return -1;
            x->pay[nt++] = m->payer_id != NULL ? m->payer_id : m->payer_name;
        }
        m->tier = (uint8_t)(t + 1 > 255 ? 255 : t + 1);
        if (cl != NULL)
            match_lines(x, cl, m);
    }
    /* A reversal (CLP02 22) cancels the latest earlier adjudication of its
     * payer: the one with its payer claim number and the opposite charge,
     * else its payer claim number, else the opposite charge, else the
     * latest. */
    for (i = 0; i < n; i++) {
        rc_adj *m = v[i], *best = NULL;
        int best_score = -1;
        if (m->role != X12_RECON_ROLE_COUNTS || !is(m->status, "22"))
            continue;
        m->role = X12_RECON_ROLE_REVERSAL;
        for (j = 0; j < i; j++) {
            rc_adj *o = v[j];
            int score;
            if (o->role != X12_RECON_ROLE_COUNTS || o->tier != m->tier)
                continue;
            score = 2 * (m->payer_claim != NULL && rc_str_eq(o->payer_claim, m->payer_claim)) +
                    (o->charge == -m->charge);
            if (score >= best_score) {
                best = o;
                best_score = score;
            }
        }
        if (best != NULL)
            best->role = X12_RECON_ROLE_REVERSED;
    }
    /* Later adjudications of the same payer replace earlier ones they
     * cover; a denial as a duplicate is itself replaced by what it
     * duplicates. */
    for (j = 0; j < n; j++) {
        rc_adj *b = v[j];
        if (b->role != X12_RECON_ROLE_COUNTS)
            continue;
        for (i = 0; i < j && b->role == X12_RECON_ROLE_COUNTS; i++) {
            rc_adj *a = v[i];
            if (a->role != X12_RECON_ROLE_COUNTS || a->tier != b->tier)
                continue;
            if (duplicate_denial(r, b)) {
                if (b->nlines == 0 || a->nlines == 0 || lines_overlap(r, b, a))
                    b->role = X12_RECON_ROLE_SUPERSEDED;
                continue;
            }
            supersede(x, cl, a, b);
        }
    }
    *ntiers = nt;
    return 0;
}

/* ---- netting ------------------------------------------------------------------------------------- */

static int counts_money(const rc_adj *m)
{
    return m->role == X12_RECON_ROLE_COUNTS || m->role == X12_RECON_ROLE_REVERSAL ||
           m->role == X12_RECON_ROLE_REVERSED;
}

/* The remarks that go with a CAS: the line's LQ, then the claim's MOA/MIA. */
static int push_remarks(ctx *x, const rc_adj *m, const rc_aline *al, uint32_t *first,
                        uint32_t *n)
{
    x12_recon *r = x->r;
    uint32_t i, total = m->nrem + (al != NULL ? al->nrem : 0);

    if (GROW(x, rem, rem_cap, x->nrem + total) != 0)
        return -1;
    *first = (uint32_t)x->nrem;
    if (al != NULL)
        for (i = 0; i < al->nrem; i++)
            x->rem[x->nrem++] = remark(r, al->first_rem + i);
    for (i = 0; i < m->nrem; i++)
        x->rem[x->nrem++] = remark(r, m->first_rem + i);
    *n = total;
    return 0;
}

static int add_entry(ctx *x, int32_t line, const rc_adj *m, const rc_cas *c, uint32_t rem,
                     uint32_t nrem)
{
    entry *e;

    if (GROW(x, ent, ent_cap, x->nent + 1) != 0)
        return -1;
    e = &x->ent[x->nent++];
    e->line = line;
    e->tier = m->tier;
    e->group = c->group;
    e->code = c->reason;
    e->cents = c->cents;
    e->rem = rem;
    e->nrem = nrem;
    e->kind = E_COUNTED;
    return 0;
}

static int cmp_str_ptr(const void *a, const void *b)
{
    return rc_str_cmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_gc(const entry *a, const entry *b)
{
    int c = rc_str_cmp(a->group, b->group);

    return c != 0 ? c : rc_str_cmp(a->code, b->code);
}

static int cmp_entry_line(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;

    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return cmp_gc(a, b);
}

static int cmp_entry_gc(const void *pa, const void *pb)
{
    return cmp_gc(pa, pb);
}

/* Nets e[0..n) (equal group and code adjacent) into reasons; zero sums are
 * dropped, remarks merged and sorted, and each reason takes the rule that
 * covers it with all its remarks. */
static int net(ctx *x, const entry *e, size_t n, int other_payer, x12_recon_reason **out,
               size_t *nout)
{
    x12_recon *r = x->r;
    size_t i = 0, k, cnt = 0;
    x12_recon_reason *v;

    *out = NULL;
    *nout = 0;
    for (k = 0; k < n; k++)
        cnt += k == 0 || cmp_gc(&e[k - 1], &e[k]) != 0;
    if (cnt == 0)
        return 0;
    v = rc_res_alloc(r, cnt * sizeof *v);
    if (v == NULL)
        return -1;
    while (i < n) {
        size_t j = i, nr = 0, u = 0;
        int64_t sum = 0;
        while (j < n && cmp_gc(&e[i], &e[j]) == 0) {
            sum += e[j].cents;
            nr += e[j].nrem;
            j++;
        }
        if (sum != 0) {
            x12_recon_reason *rs = &v[(*nout)++];
            const char **rem = nr ? rc_res_alloc(r, nr * sizeof *rem) : NULL;
            if (nr && rem == NULL)
                return -1;
            for (k = i; k < j; k++) {
                if (e[k].nrem == 0)
                    continue;
                memcpy(rem + u, x->rem + e[k].rem, e[k].nrem * sizeof *rem);
                u += e[k].nrem;
            }
            if (u > 1)
                qsort(rem, u, sizeof *rem, cmp_str_ptr);
            for (k = 0, nr = 0; k < u; k++)
                if (nr == 0 || !rc_str_eq(rem[nr - 1], rem[k]))
                    rem[nr++] = rem[k];
            rs->group = e[i].group;
            rs->code = e[i].code;
            rs->cents = sum;
            rs->remarks = rem;
            rs->nrem = nr;
            rs->rule = rc_rules_match(r, rc_cstr(rs->group), rc_cstr(rs->code), rem, nr,
                                      other_payer);
        }
        i = j;
    }
    *out = v;
    return 0;
}

/* ---- states and actions ------------------------------------------------------------------------ */

/* The next action among candidates: the first by precedence; the first
 * given wins ties. */
typedef struct pick {
    x12_recon_action action;
    const char *reason, *rule, *patient;
} pick;

static void consider(pick *p, x12_recon_action a, const char *reason, const char *rule,
                     const char *patient)
{
    if (p->action == 0 || a < p->action) {
        p->action = a;
        p->reason = reason != NULL ? reason : "";
        p->rule = rule != NULL ? rule : "";
        p->patient = patient != NULL ? patient : "";
    }
}

static void consider_situation(const x12_recon *r, pick *p, int which)
{
    const rc_situation *s = rc_rules_situation(r, which);

    consider(p, s->action, s->reason, s->name, s->patient);
}

/* With `urgent_only` (a claim forwarded to the next payer, whose answer
 * is awaited) only corrections and appeals compete with the wait. */
static void consider_reasons(pick *p, const x12_recon_reason *v, size_t n, int urgent_only)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const rc_rule *rule = v[i].rule;
        if (rule == NULL || (urgent_only && rule->action > X12_RECON_ACTION_APPEAL))
            continue;
        consider(p, rule->action, rule->reason, rule->id, rule->patient);
    }
}

static int any_denial(const x12_recon_reason *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (v[i].rule != NULL && v[i].rule->effect == X12_RECON_EFFECT_DENIAL)
            return 1;
    return 0;
}

/* What a payer still owes or disputes: denials someone acts on, and what
 * no remittance accounts for; *next gets what waits for a next payer. */
static int64_t disputed(const x12_recon_reason *v, size_t n, int64_t unbalanced, int64_t *next)
{
    int64_t own = unbalanced > 0 ? unbalanced : 0;
    size_t i;

    *next = 0;
    for (i = 0; i < n; i++) {
        const rc_rule *rule = v[i].rule;
        if (rule == NULL)
            continue;
        if (rule->action == X12_RECON_ACTION_BILL_SECONDARY)
            *next += v[i].cents;
        else if (rule->effect == X12_RECON_EFFECT_DENIAL && rule->action != X12_RECON_ACTION_NONE &&
                 rule->action != X12_RECON_ACTION_WRITE_OFF)
            own += v[i].cents;
    }
    return own;
}

static x12_recon_state money_state(int64_t paid, int64_t co, int64_t pr, int denial, int denied_status)
{
    if (paid > 0)
        return denial ? X12_RECON_STATE_PARTIALLY_PAID : X12_RECON_STATE_PAID;
    if (denial || denied_status || co + pr == 0)
        return X12_RECON_STATE_DENIED;
    return X12_RECON_STATE_PAID; /* applied to the patient's share: nothing denied */
}

static int patient_owes(x12_recon_state s, x12_recon_action a)
{
    return (s == X12_RECON_STATE_PAID || s == X12_RECON_STATE_PARTIALLY_PAID ||
            s == X12_RECON_STATE_DENIED) &&
           (a == X12_RECON_ACTION_BILL_PATIENT || a == X12_RECON_ACTION_WRITE_OFF ||
            a == X12_RECON_ACTION_NONE);
}

static int waiting(x12_recon_state s)
{
    return s == X12_RECON_STATE_PENDING || s == X12_RECON_STATE_REJECTED ||
           s == X12_RECON_STATE_REVERSED || s == X12_RECON_STATE_UNMATCHED;
}

/* ---- one claim ------------------------------------------------------------------------------------ */

static const char *line_how(uint8_t how)
{
    switch (how) {
    case RC_MATCH_CTL: return "control_number";
    case RC_MATCH_FULL: return "procedure_date_charge";
    case RC_MATCH_CHARGE: return "procedure_charge";
    case RC_MATCH_PROC: return "procedure";
    default: return "";
    }
}

static int settle_claim(ctx *x, const rc_claim *cl, rc_adj **v, size_t n, const rc_ack *ack,
                        x12_recon_claim *out)
{
    x12_recon *r = x->r;
    size_t nt = 0, i, k, nl = cl != NULL ? cl->nlines : 0, nextra = 0, nlt, stride;
    uint32_t T = 0, a;
    const rc_adj *L = NULL, *last = NULL;
    int forwarded, other_payer, any_line_data = 0;
    int64_t paid = 0, charged_unmatched = 0, cnext = 0;
    money tot, sink;
    pick cp;
    entry *counted;
    size_t ncounted;

    memset(&tot, 0, sizeof tot);
    memset(&sink, 0, sizeof sink);
    memset(&cp, 0, sizeof cp);
    out->src = cl;
    out->r = r;
    out->patient = SIZE_MAX;
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_adj);
    if (cl != NULL && GROW(x, used, used_cap, nl + 1) != 0)
        return -1;
    if (assign_roles(x, cl, v, n, &nt) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        const rc_adj *m = v[i];
        if (!counts_money(m))
            continue;
        last = m;
        if (m->role == X12_RECON_ROLE_COUNTS && m->tier >= T) {
            T = m->tier;
            L = m;
        }
    }
    forwarded = L != NULL && forwarding(L);
    /* a payer after this one is still to be billed: the 837 names more
     * payers after the claim's own than have answered, or the claim was
     * crossed over to one */
    other_payer = forwarded || (cl != NULL && cl->later_payers > (T > 0 ? T - 1 : 0));

    /* lines: the 837's, then 835 lines that matched none (for an unmatched
     * claim, the lines of the remittances that count) */
    for (i = 0; i < n; i++) {
        const rc_adj *m = v[i];
        if (!counts_money(m) || (cl == NULL && m->role != X12_RECON_ROLE_COUNTS))
            continue;
        for (a = 0; a < m->nlines; a++) {
            const rc_aline *al = aline(r, m->first_line + a);
            nextra += al->match < 0 && !al->superseded;
        }
    }
    nlt = nl + nextra;
    stride = nt + 1;
    if (GROW(x, lm, lm_cap, nlt * stride + 1) != 0 || GROW(x, t_line, tl_cap, nlt + 1) != 0 ||
        GROW(x, has_line, hl_cap, nlt + 1) != 0)
        return -1;
    memset(x->lm, 0, (nlt * stride + 1) * sizeof *x->lm);
    memset(x->t_line, 0, (nlt + 1) * sizeof *x->t_line);
    memset(x->has_line, 0, nlt + 1);
    x->nent = 0;
    x->nrem = 0;
    out->nlines = nlt;
    out->lines = nlt ? rc_res_alloc(r, nlt * sizeof *out->lines) : NULL;
    if (nlt && out->lines == NULL)
        return -1;
    for (k = 0; k < nl; k++) {
        out->lines[k].number = k + 1;
        out->lines[k].src = RC_AT(r->lines, rc_line, cl->first_line + k);
    }

    /* every 835 line's result line; the last payer counting for each */
    {
        size_t e = nl;
        for (i = 0; i < n; i++) {
            const rc_adj *m = v[i];
            int lines_here = counts_money(m) && (cl != NULL || m->role == X12_RECON_ROLE_COUNTS);
            for (a = 0; a < m->nlines; a++) {
                rc_aline *al = RC_AT(r->alines, rc_aline, m->first_line + a);
                int32_t li = -1;
                if (!counts_money(m) || al->superseded)
                    continue;
                if (al->match >= 0) {
                    li = al->match;
                } else if (lines_here) {
                    li = (int32_t)e;
                    out->lines[e].extra = al;
                    e++;
                }
                if (li >= 0 && m->role == X12_RECON_ROLE_COUNTS && m->tier > x->t_line[li])
                    x->t_line[li] = m->tier;
            }
        }
    }

    /* money and adjustments of everything that counts */
    {
        size_t e = nl;
        for (i = 0; i < n; i++) {
            rc_adj *m = v[i];
            int lines_here = counts_money(m) && (cl != NULL || m->role == X12_RECON_ROLE_COUNTS);
            int64_t p;
            uint32_t rf, rn;
            if (!counts_money(m))
                continue;
            if (cl == NULL && m->tier == 1)
                charged_unmatched += m->charge;
            p = m->paid;
            for (a = 0; a < m->nlines; a++) {
                const rc_aline *al = aline(r, m->first_line + a);
                int32_t li = -1;
                if (al->superseded) {
                    p -= al->paid;
                    continue;
                }
                if (al->match >= 0) {
                    li = al->match;
                    /* how it matched: the latest 835 line that counts */
                    out->lines[li].matched_by = line_how(al->how);
                } else if (lines_here) {
                    li = (int32_t)e++;
                }
                if (li >= 0) {
                    x->lm[(size_t)li * stride + m->tier].paid += al->paid;
                    x->has_line[li] = 1;
                }
                if (al->ncas == 0)
                    continue;
                if (push_remarks(x, m, al, &rf, &rn) != 0)
                    return -1;
                for (k = 0; k < al->ncas; k++)
                    if (add_entry(x, li, m, cas(r, al->first_cas + (uint32_t)k), rf, rn) != 0)
                        return -1;
            }
            paid += p;
            if (m->ncas == 0)
                continue;
            if (push_remarks(x, m, NULL, &rf, &rn) != 0)
                return -1;
            for (k = 0; k < m->ncas; k++)
                if (add_entry(x, -1, m, cas(r, m->first_cas + (uint32_t)k), rf, rn) != 0)
                    return -1;
        }
    }

    /* which adjustments count: a later payer's CARC 23 restates what the
     * earlier ones did; the patient's share is what the last payer of the
     * line (or claim) left */
    for (i = 0; i < x->nent; i++) {
        entry *e = &x->ent[i];
        uint32_t last_tier = e->line >= 0 ? x->t_line[e->line] : T;
        const rc_rule *rule = rc_rules_match(r, rc_cstr(e->group), rc_cstr(e->code),
                                             e->nrem ? x->rem + e->rem : NULL, e->nrem,
                                             other_payer);
        money *mm = e->line >= 0 ? &x->lm[(size_t)e->line * stride + e->tier] : &sink;
        if (rule != NULL && rule->effect == X12_RECON_EFFECT_PRIOR_PAYER && e->tier >= 2) {
            e->kind = E_PRIOR;
            mm->prior += e->cents;
            tot.prior += e->cents;
            continue;
        }
        if (is(e->group, "PR") && last_tier > 0 && e->tier != last_tier) {
            e->kind = E_REPLACED;
            continue;
        }
        if (is(e->group, "CO")) {
            mm->co += e->cents;
            tot.co += e->cents;
        } else if (is(e->group, "PR")) {
            mm->pr += e->cents;
            tot.pr += e->cents;
        } else {
            mm->oth += e->cents;
            tot.oth += e->cents;
        }
    }
    if (x->nent > 1)
        qsort(x->ent, x->nent, sizeof *x->ent, cmp_entry_line);
    for (ncounted = 0; ncounted < x->nent && x->ent[ncounted].kind == E_COUNTED; ncounted++)
        ;

    /* the claim's reasons: every counted adjustment, netted (a scratch
     * copy sorted by group and code) */
    if (GROW(x, ent2, ent2_cap, ncounted + 1) != 0)
        return -1;
    counted = x->ent2;
    if (ncounted) {
        memcpy(counted, x->ent, ncounted * sizeof *counted);
        qsort(counted, ncounted, sizeof *counted, cmp_entry_gc);
    }
    if (net(x, counted, ncounted, other_payer, &out->reasons, &out->nreasons) != 0)
        return -1;

    /* fields */
    if (cl != NULL) {
        out->pcn = cl->pcn;
        out->payer_id = cl->payer_id;
        out->payer_name = cl->payer_name;
        out->from = cl->from;
        out->to = cl->to;
        out->cents[X12_RECON_CENTS_CHARGED] = cl->charge;
        out->cents[X12_RECON_CENTS_PATIENT_PAID] = cl->has_patient_paid ? cl->patient_paid : 0;
    } else {
        const rc_adj *f = v[0];
        for (i = 0; i < n; i++)
            if (v[i]->role != X12_RECON_ROLE_DUPLICATE) {
                f = v[i];
                break;
            }
        out->pcn = f->pcn;
        out->payer_id = f->payer_id;
        out->payer_name = f->payer_name;
        out->from = f->stmt_from;
        out->to = f->stmt_to != NULL ? f->stmt_to : f->stmt_from;
        for (i = 0; i < nlt && out->from == NULL; i++)
            if (out->lines[i].extra != NULL && out->lines[i].extra->from != NULL) {
                out->from = out->lines[i].extra->from;
                out->to = out->lines[i].extra->to;
            }
        out->cents[X12_RECON_CENTS_CHARGED] = charged_unmatched;
    }
    out->cents[X12_RECON_CENTS_PAID] = paid;
    out->cents[X12_RECON_CENTS_CONTRACTUAL] = tot.co;
    out->cents[X12_RECON_CENTS_PATIENT] = tot.pr;
    out->cents[X12_RECON_CENTS_OTHER] = tot.oth;
    out->cents[X12_RECON_CENTS_PRIOR_PAYER] = tot.prior;
    if (L != NULL) {
        out->payer_claim = L->payer_claim;
        out->forwarded_to = forwarded ? L->crossover : NULL;
    } else if (last != NULL) {
        out->payer_claim = last->payer_claim;
    }
    out->last_remit = last != NULL ? last->date : NULL;

    /* state */
    {
        int has_money = 0, has_counts = L != NULL;
        uint32_t last_date = last != NULL ? last->date_num : 0;
        for (i = 0; i < n; i++)
            has_money |= counts_money(v[i]);
        if (cl == NULL) {
            out->state = X12_RECON_STATE_UNMATCHED;
        } else if (ack != NULL && ack->kind == X12_RECON_ACK_REJECTED &&
                   ack->date_num > last_date) {
            out->state = X12_RECON_STATE_REJECTED;
        } else if (!has_money || cl->submitted_num > last_date) {
            /* nothing answered yet, or the claim was sent again (a
             * replacement) after the last answer: that answer is awaited */
            out->state = X12_RECON_STATE_PENDING;
        } else if (!has_counts) {
            out->state = X12_RECON_STATE_REVERSED;
        } else if (forwarded) {
            out->state = X12_RECON_STATE_FORWARDED;
        } else {
            out->state = money_state(paid, tot.co, tot.pr, any_denial(out->reasons, out->nreasons),
                                     is(L->status, "4"));
        }
        if (ack != NULL) { /* the latest answer, a rejection or an acceptance */
            out->ack_codes = ack->codes;
            out->ack_date = ack->date;
        }
    }
    {
        int64_t unb = out->cents[X12_RECON_CENTS_CHARGED] - paid - tot.co - tot.pr - tot.oth;
        if (waiting(out->state) && out->state != X12_RECON_STATE_UNMATCHED) {
            out->balanced = -1;
        } else {
            out->balanced = unb == 0;
            out->cents[X12_RECON_CENTS_UNBALANCED] = unb;
        }
    }

    /* days outstanding */
    {
        uint32_t sub = cl != NULL ? cl->submitted_num : 0;
        if (cl == NULL)
            out->days = -1;
        else if (waiting(out->state) || out->state == X12_RECON_STATE_FORWARDED)
            out->days = days_between(sub, r->as_of_num);
        else
            out->days = days_between(sub, last != NULL ? last->date_num : 0);
    }

    /* next action */
    switch (out->state) {
    case X12_RECON_STATE_UNMATCHED:
        consider_situation(r, &cp, RC_SIT_UNMATCHED);
        break;
    case X12_RECON_STATE_PENDING:
        consider_situation(r, &cp, out->days > (int64_t)x->fu_days ? RC_SIT_PENDING_LATE
                                                                   : RC_SIT_PENDING);
        break;
    case X12_RECON_STATE_REJECTED:
        consider_situation(r, &cp, RC_SIT_REJECTED);
        break;
    case X12_RECON_STATE_REVERSED:
        consider_situation(r, &cp, RC_SIT_REVERSED);
        break;
    case X12_RECON_STATE_FORWARDED:
        consider_situation(r, &cp, days_between(L->date_num, r->as_of_num) > (int64_t)x->fu_days
                                       ? RC_SIT_FORWARDED_LATE
                                       : RC_SIT_FORWARDED);
        consider_reasons(&cp, out->reasons, out->nreasons, 1);
        break;
    default:
        if (out->balanced == 0)
            consider_situation(r, &cp, RC_SIT_UNBALANCED);
        consider_reasons(&cp, out->reasons, out->nreasons, 0);
        if (cp.action == 0)
            consider_situation(r, &cp, RC_SIT_SETTLED);
        break;
    }
    out->action = cp.action;
    out->reason = cp.reason;
    out->rule = cp.rule;

    /* lines */
    for (k = 0; k < nlt; k++)
        any_line_data |= x->has_line[k];
    {
        size_t e0 = 0;
        for (k = 0; k < nlt; k++) {
            x12_recon_line *ln = &out->lines[k];
            money lt;
            size_t t, e1;
            pick lp;
            int64_t unb, next = 0;
            memset(&lt, 0, sizeof lt);
            memset(&lp, 0, sizeof lp);
            for (t = 0; t < stride; t++) {
                const money *mm = &x->lm[k * stride + t];
                lt.paid += mm->paid;
                lt.co += mm->co;
                lt.pr += mm->pr;
                lt.oth += mm->oth;
                lt.prior += mm->prior;
            }
            ln->cents[X12_RECON_CENTS_CHARGED] = ln->src != NULL ? ln->src->charge : ln->extra->charge;
            ln->cents[X12_RECON_CENTS_PAID] = lt.paid;
            ln->cents[X12_RECON_CENTS_CONTRACTUAL] = lt.co;
            ln->cents[X12_RECON_CENTS_PATIENT] = lt.pr;
            ln->cents[X12_RECON_CENTS_OTHER] = lt.oth;
            ln->cents[X12_RECON_CENTS_PRIOR_PAYER] = lt.prior;
            /* the counted entries of this line are contiguous (sorted) */
            while (e0 < ncounted && x->ent[e0].line < (int32_t)k)
                e0++;
            for (e1 = e0; e1 < ncounted && x->ent[e1].line == (int32_t)k; e1++)
                ;
            if (net(x, e1 > e0 ? x->ent + e0 : NULL, e1 - e0, other_payer, &ln->reasons,
                    &ln->nreasons) != 0)
                return -1;
            e0 = e1;
            if (ln->matched_by == NULL)
                ln->matched_by = "";
            unb = ln->cents[X12_RECON_CENTS_CHARGED] - lt.paid - lt.co - lt.pr - lt.oth;
            if (waiting(out->state) || !x->has_line[k]) {
                /* no 835 line for it: its claim's answer, or a gap in
                 * the remittances when other lines were answered */
                if (!waiting(out->state) && any_line_data) {
                    ln->state = X12_RECON_STATE_PENDING;
                    consider_situation(r, &lp, RC_SIT_UNBALANCED);
                } else {
                    ln->state = out->state;
                    lp.action = cp.action;
                    lp.reason = cp.reason;
                    lp.rule = cp.rule;
                    lp.patient = cp.patient;
                }
                ln->balanced = -1;
            } else {
                ln->balanced = unb == 0;
                ln->cents[X12_RECON_CENTS_UNBALANCED] = unb;
                if (out->state == X12_RECON_STATE_FORWARDED) {
                    ln->state = X12_RECON_STATE_FORWARDED;
                    consider_situation(r, &lp, days_between(L->date_num, r->as_of_num) >
                                                       (int64_t)x->fu_days
                                                   ? RC_SIT_FORWARDED_LATE
                                                   : RC_SIT_FORWARDED);
                    consider_reasons(&lp, ln->reasons, ln->nreasons, 1);
                } else {
                    ln->state = money_state(lt.paid, lt.co, lt.pr,
                                            any_denial(ln->reasons, ln->nreasons), 0);
                    if (ln->balanced == 0)
                        consider_situation(r, &lp, RC_SIT_UNBALANCED);
                    consider_reasons(&lp, ln->reasons, ln->nreasons, 0);
                    if (lp.action == 0)
                        consider_situation(r, &lp, RC_SIT_SETTLED);
                }
            }
            ln->action = lp.action;
            ln->reason = lp.reason;
            ln->rule = lp.rule;
            ln->patient_text = lp.patient != NULL ? lp.patient : "";
            if (ln->balanced >= 0 && patient_owes(ln->state, ln->action))
                ln->cents[X12_RECON_CENTS_PATIENT_DUE] = lt.pr;
            if (waiting(ln->state)) {
                ln->cents[X12_RECON_CENTS_PAYER_BALANCE] =
                    out->state == X12_RECON_STATE_UNMATCHED
                        ? 0
                        : ln->cents[X12_RECON_CENTS_CHARGED] - lt.paid;
            } else if (ln->balanced < 0) {
                ln->cents[X12_RECON_CENTS_PAYER_BALANCE] = 0;
            } else {
                ln->cents[X12_RECON_CENTS_PAYER_BALANCE] =
                    disputed(ln->reasons, ln->nreasons, unb, &next) +
                    (ln->state == X12_RECON_STATE_FORWARDED ? lt.pr : next);
            }
        }
    }

    /* what the patient owes now, and what payers still owe */
    {
        int64_t due = 0, own, line_pr = 0;
        for (k = 0; k < nlt; k++) {
            due += out->lines[k].cents[X12_RECON_CENTS_PATIENT_DUE];
            line_pr += out->lines[k].cents[X12_RECON_CENTS_PATIENT];
        }
        if (patient_owes(out->state, out->action))
            due += tot.pr - line_pr; /* the claim-level share */
        due -= out->cents[X12_RECON_CENTS_PATIENT_PAID];
        out->cents[X12_RECON_CENTS_PATIENT_DUE] = due > 0 ? due : 0;
        if (out->state == X12_RECON_STATE_UNMATCHED) {
            own = 0;
        } else if (waiting(out->state)) {
            own = out->cents[X12_RECON_CENTS_CHARGED] - paid;
        } else {
            own = disputed(out->reasons, out->nreasons, out->cents[X12_RECON_CENTS_UNBALANCED],
                           &cnext);
            if (out->state == X12_RECON_STATE_FORWARDED)
                cnext = tot.pr;
        }
        out->cents[X12_RECON_CENTS_PAYER_BALANCE] = own + cnext;
        out->next_cents = cnext;
        if (cnext != 0)
            out->next_payer = forwarded && L->crossover != NULL ? L->crossover : cl->next_payer;
    }

    /* the remittances, in date order */
    out->nremits = n;
    out->remits = n ? rc_res_alloc(r, n * sizeof *out->remits) : NULL;
    if (n && out->remits == NULL)
        return -1;
    if (n)
        memcpy(out->remits, v, n * sizeof *v);
    return 0;
}

/* ---- everything ------------------------------------------------------------------------------------ */

static uint32_t today(void)
{
    time_t t = time(NULL);
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL)
        return 0;
    return (uint32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

/* Claims in result order: by PCN, then the date sent (qsort has no
 * context argument, so each key carries what its comparison needs). */
typedef struct claim_key {
    const rc_claim *c;
    uint32_t index;
} claim_key;

static int cmp_claim_key(const void *pa, const void *pb)
{
    const claim_key *a = pa, *b = pb;
    int c = rc_str_cmp(a->c->pcn, b->c->pcn);

    if (c != 0)
        return c;
    if (a->c->submitted_num != b->c->submitted_num)
        return a->c->submitted_num < b->c->submitted_num ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int cmp_adj_pcn(const void *pa, const void *pb)
{
    const rc_adj *a = *(const rc_adj *const *)pa, *b = *(const rc_adj *const *)pb;

    return rc_str_cmp(a->pcn, b->pcn);
}

typedef struct aging_part {
    const char *id, *name;
    int64_t cents;
    unsigned bucket;
    uint32_t claim;
} aging_part;

static int cmp_aging(const void *pa, const void *pb)
{
    const aging_part *a = pa, *b = pb;
    int c = rc_str_cmp(a->id, b->id);

    if (c != 0)
        return c;
    if ((c = rc_str_cmp(a->name, b->name)) != 0)
        return c;
    return a->claim < b->claim ? -1 : a->claim > b->claim;
}

static unsigned bucket_of(int64_t days)
{
    if (days < 0)
        return 4; /* the date it was sent is unknown: aged as the oldest */
    if (days <= 30)
        return 0;
    if (days <= 60)
        return 1;
    if (days <= 90)
        return 2;
    if (days <= 120)
        return 3;
    return 4;
}

static int build_aging(x12_recon *r)
{
    size_t i, n = 0, k, rows = 0;
    aging_part *v;

    for (i = 0; i < r->nres; i++)
        n += 2;
    v = n ? x12i_malloc(&r->a, n * sizeof *v) : NULL;
    if (n && v == NULL)
        return -1;
    n = 0;
    for (i = 0; i < r->nres; i++) {
        const x12_recon_claim *c = &r->res[i];
        int64_t own = c->cents[X12_RECON_CENTS_PAYER_BALANCE] - c->next_cents;
        unsigned b = bucket_of(days_between(c->src->submitted_num, r->as_of_num));
        if (own != 0) {
            v[n].id = c->payer_id;
            v[n].name = c->payer_name;
            v[n].cents = own;
            v[n].bucket = b;
            v[n].claim = (uint32_t)i;
            n++;
        }
        if (c->next_cents != 0) {
            v[n].id = NULL;
            v[n].name = c->next_payer;
            v[n].cents = c->next_cents;
            v[n].bucket = b;
            v[n].claim = (uint32_t)i;
            n++;
        }
    }
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_aging);
    for (i = 0; i < n; i++)
        rows += i == 0 || !rc_str_eq(v[i - 1].id, v[i].id) || !rc_str_eq(v[i - 1].name, v[i].name);
    r->aging = rows ? rc_res_alloc(r, rows * sizeof *r->aging) : NULL;
    if (rows && r->aging == NULL) {
        x12i_free(&r->a, v);
        return -1;
    }
    r->naging = 0;
    for (i = 0; i < n; i = k) {
        x12_recon_aging *row = &r->aging[r->naging++];
        row->payer_id = v[i].id;
        row->payer_name = v[i].name;
        for (k = i; k < n && rc_str_eq(v[k].id, v[i].id) && rc_str_eq(v[k].name, v[i].name); k++) {
            row->cents[v[k].bucket] += v[k].cents;
            row->cents[5] += v[k].cents;
            row->claims += k == i || v[k].claim != v[k - 1].claim;
        }
    }
    x12i_free(&r->a, v);
    return 0;
}

/* Patients for statements: claims of one billing provider and one patient
 * (names, birth date, member id) share an index, numbered in claim order. */
typedef struct pat_key {
    const rc_party *p;
    uint32_t claim;
} pat_key;

static const int pat_fields[] = {X12_RECON_PARTY_PROVIDER_NPI, X12_RECON_PARTY_PATIENT_LAST_NAME,
                                 X12_RECON_PARTY_PATIENT_FIRST_NAME, X12_RECON_PARTY_PATIENT_MIDDLE_NAME,
                                 X12_RECON_PARTY_PATIENT_SUFFIX, X12_RECON_PARTY_PATIENT_BIRTH_DATE,
                                 X12_RECON_PARTY_MEMBER_ID, X12_RECON_PARTY_PROVIDER_NAME};

static int same_patient(const rc_party *a, const rc_party *b)
{
    size_t i;

    for (i = 0; i < sizeof pat_fields / sizeof pat_fields[0]; i++)
        if (a->f[pat_fields[i]] != b->f[pat_fields[i]]) /* interned */
            return 0;
    return 1;
}

static int cmp_pat(const void *pa, const void *pb)
{
    const pat_key *a = pa, *b = pb;
    size_t i;
    int c;

    for (i = 0; i < sizeof pat_fields / sizeof pat_fields[0]; i++)
        if ((c = rc_str_cmp(a->p->f[pat_fields[i]], b->p->f[pat_fields[i]])) != 0)
            return c;
    return a->claim < b->claim ? -1 : a->claim > b->claim;
}

static int cmp_u32_pair(const void *pa, const void *pb)
{
    const uint32_t *a = pa, *b = pb;

    return a[0] < b[0] ? -1 : a[0] > b[0];
}

static int number_patients(x12_recon *r)
{
    size_t i, n = 0, g = 0, k;
    pat_key *v;
    uint32_t *groups;

    for (i = 0; i < r->nres; i++)
        n += r->res[i].src->party != RC_NONE;
    if (n == 0)
        return 0;
    v = x12i_malloc(&r->a, n * sizeof *v);
    groups = x12i_malloc(&r->a, n * 2 * sizeof *groups);
    if (v == NULL || groups == NULL) {
        x12i_free(&r->a, v);
        x12i_free(&r->a, groups);
        return -1;
    }
    n = 0;
    for (i = 0; i < r->nres; i++)
        if (r->res[i].src->party != RC_NONE) {
            v[n].p = RC_AT(r->parties, rc_party, r->res[i].src->party);
            v[n].claim = (uint32_t)i;
            n++;
        }
    qsort(v, n, sizeof *v, cmp_pat);
    /* groups as (first claim, start in v) */
    for (i = 0; i < n; i = k) {
        for (k = i + 1; k < n && same_patient(v[k].p, v[i].p); k++)
            ;
        groups[2 * g] = v[i].claim;
        groups[2 * g + 1] = (uint32_t)i;
        g++;
    }
    qsort(groups, g, 2 * sizeof *groups, cmp_u32_pair);
    for (i = 0; i < g; i++) {
        size_t s = groups[2 * i + 1];
        for (k = s; k < n && (k == s || same_patient(v[k].p, v[s].p)); k++)
            r->res[v[k].claim].patient = i;
    }
    r->npatients = g;
    x12i_free(&r->a, v);
    x12i_free(&r->a, groups);
    return 0;
}

static void ctx_free(ctx *x)
{
    const x12i_alloc *a = &x->r->a;

    x12i_free(a, x->adj);
    x12i_free(a, x->lm);
    x12i_free(a, x->t_line);
    x12i_free(a, x->has_line);
    x12i_free(a, x->ent);
    x12i_free(a, x->ent2);
    x12i_free(a, x->rem);
    x12i_free(a, x->pay);
    x12i_free(a, x->used);
}

x12_status rc_settle(x12_recon *r)
{
    ctx x;
    size_t nc = r->claims.n, na = r->adjs.n, i, k, nun = 0, g;
    uint32_t *start = NULL, *pos = NULL, *order = NULL;
    const rc_ack **ack_of = NULL;
    claim_key *keys = NULL;
    rc_adj **un = NULL;
    x12_status st = X12_ENOMEM;

    memset(&x, 0, sizeof x);
    x.r = r;
    r->as_of_num = r->as_of != 0 ? (uint32_t)r->as_of : today();
    x.fu_days = r->follow_up_days;
    if (x.fu_days == 0)
        x.fu_days = r->have_override && r->override.follow_up_days ? r->override.follow_up_days
                                                                    : r->builtin.follow_up_days;
    if (x.fu_days == 0)
        x.fu_days = 30;

    /* each remittance to its claim (or to the unmatched ones) */
    start = x12i_malloc(&r->a, (nc + 2) * sizeof *start);
    pos = x12i_malloc(&r->a, (nc + 2) * sizeof *pos);
    order = x12i_malloc(&r->a, (na + 1) * sizeof *order);
    ack_of = x12i_malloc(&r->a, (nc + 1) * sizeof *ack_of);
    keys = x12i_malloc(&r->a, (nc + 1) * sizeof *keys);
    un = x12i_malloc(&r->a, (na + 1) * sizeof *un);
    if (start == NULL || pos == NULL || order == NULL || ack_of == NULL || keys == NULL ||
        un == NULL)
        goto done;
    memset(start, 0, (nc + 2) * sizeof *start);
    memset(ack_of, 0, (nc + 1) * sizeof *ack_of);
    for (i = 0; i < na; i++) {
        rc_adj *m = RC_AT(r->adjs, rc_adj, i);
        m->owner = rc_claim_lookup(r, rc_view(m->pcn));
        m->matched = m->owner != RC_NONE;
        if (m->matched)
            start[m->owner + 1]++;
        else
            un[nun++] = m;
    }
    for (i = 0; i < nc; i++)
        start[i + 1] += start[i];
    memcpy(pos, start, (nc + 1) * sizeof *pos);
    for (i = 0; i < na; i++) {
        const rc_adj *m = RC_AT(r->adjs, rc_adj, i);
        if (m->matched)
            order[pos[m->owner]++] = (uint32_t)i;
    }
    /* the latest answer of a 277CA about the version of the claim sent */
    for (i = 0; i < r->acks.n; i++) {
        const rc_ack *a = RC_AT(r->acks, rc_ack, i);
        uint32_t c = rc_claim_lookup(r, rc_view(a->pcn));
        const rc_claim *cl;
        if (c == RC_NONE)
            continue;
        cl = RC_AT(r->claims, rc_claim, c);
        if (a->date_num < cl->submitted_num)
            continue;
        if (ack_of[c] == NULL || a->date_num > ack_of[c]->date_num ||
            (a->date_num == ack_of[c]->date_num && a->kind > ack_of[c]->kind))
            ack_of[c] = a;
    }

    /* claims in result order */
    for (i = 0; i < nc; i++) {
        keys[i].c = RC_AT(r->claims, rc_claim, i);
        keys[i].index = (uint32_t)i;
    }
    if (nc > 1)
        qsort(keys, nc, sizeof *keys, cmp_claim_key);
    r->res = nc ? rc_res_alloc(r, nc * sizeof *r->res) : NULL;
    if (nc && r->res == NULL)
        goto done;
    for (i = 0; i < nc; i++) {
        uint32_t c = keys[i].index;
        size_t n = start[c + 1] - start[c];
        if (grow(&x, (void **)&x.adj, &x.adj_cap, n + 1, sizeof *x.adj) != 0)
            goto done;
        for (k = 0; k < n; k++)
            x.adj[k] = RC_AT(r->adjs, rc_adj, order[start[c] + k]);
        if (settle_claim(&x, keys[i].c, x.adj, n, ack_of[c], &r->res[i]) != 0)
            goto done;
        r->nres = i + 1;
    }

    /* the unmatched, one result per patient control number */
    if (nun > 1)
        qsort(un, nun, sizeof *un, cmp_adj_pcn);
    for (i = 0, g = 0; i < nun; i = k) {
        for (k = i + 1; k < nun && rc_str_eq(un[k]->pcn, un[i]->pcn); k++)
            ;
        g++;
    }
    r->unmatched = g ? rc_res_alloc(r, g * sizeof *r->unmatched) : NULL;
    if (g && r->unmatched == NULL)
        goto done;
    for (i = 0, g = 0; i < nun; i = k) {
        for (k = i + 1; k < nun && rc_str_eq(un[k]->pcn, un[i]->pcn); k++)
            ;
        for (size_t j = i; j < k; j++)
            un[j]->owner = (uint32_t)g;
        if (settle_claim(&x, NULL, un + i, k - i, NULL, &r->unmatched[g]) != 0)
            goto done;
        r->nunmatched = ++g;
    }

    if (build_aging(r) != 0 || (r->keep_parties && number_patients(r) != 0))
        goto done;
    st = X12_OK;
done:
    ctx_free(&x);
    x12i_free(&r->a, start);
    x12i_free(&r->a, pos);
    x12i_free(&r->a, order);
    x12i_free(&r->a, ack_of);
    x12i_free(&r->a, keys);
    x12i_free(&r->a, un);
    return st;
}
