/*
 * Walking a batch and copying between batches: the getters for what the
 * model could only be given (modifiers, pointers, codes, adjustments, ...)
 * and deep copies of each level, so that a claim read back from an 837
 * (claim837_read.c) or taken from another batch can be built again.
 */
#include <string.h>

#include "claim837_internal.h"

static x12_str none(void)
{
    x12_str s = {"", 0};

    return s;
}

/* ---- walking ------------------------------------------------------------------ */

x12_billing_provider *x12_batch_first_provider(x12_batch *b)
{
    return b ? b->bp_first : NULL;
}

x12_billing_provider *x12_billing_provider_next(x12_billing_provider *bp)
{
    return bp ? bp->next : NULL;
}

x12_subscriber *x12_billing_provider_first_subscriber(x12_billing_provider *bp)
{
    return bp ? bp->s_first : NULL;
}

x12_subscriber *x12_subscriber_next(x12_subscriber *s)
{
    return s ? s->next : NULL;
}

x12_claim *x12_subscriber_first_claim(x12_subscriber *s)
{
    return s ? s->c_first : NULL;
}

x12_patient *x12_subscriber_first_patient(x12_subscriber *s)
{
    return s ? s->p_first : NULL;
}

x12_patient *x12_patient_next(x12_patient *p)
{
    return p ? p->next : NULL;
}

x12_claim *x12_patient_first_claim(x12_patient *p)
{
    return p ? p->c_first : NULL;
}

x12_claim *x12_claim_next(x12_claim *c)
{
    return c ? c->next : NULL;
}

x12_other_payer *x12_claim_first_other_payer(x12_claim *c)
{
    return c ? c->op_first : NULL;
}

x12_other_payer *x12_other_payer_next(x12_other_payer *op)
{
    return op ? op->next : NULL;
}

x12_service_line *x12_claim_first_line(x12_claim *c)
{
    return c ? c->l_first : NULL;
}

x12_service_line *x12_line_next(x12_service_line *l)
{
    return l ? l->next : NULL;
}

x12_line_adjudication *x12_line_first_adjudication(x12_service_line *l)
{
    return l ? l->la_first : NULL;
}

x12_line_adjudication *x12_line_adjudication_next(x12_line_adjudication *a)
{
    return a ? a->next : NULL;
}

size_t x12_claim_other_payer_count(const x12_claim *c)
{
    return c ? c->nop : 0;
}

size_t x12_line_adjudication_count(const x12_service_line *l)
{
    return l ? l->nla : 0;
}

/* ---- values ------------------------------------------------------------------- */

char x12_claim_diagnosis_poa(const x12_claim *c, size_t i)
{
    return c != NULL && i < c->ndx ? c->dx[i].poa : 0;
}

size_t x12_claim_code_count(const x12_claim *c)
{
    return c ? c->ncodes : 0;
}

x12_str x12_claim_code(const x12_claim *c, size_t i, x12_code_kind *kind, x12_str *date,
                       x12_str *date2, int64_t *cents)
{
    const c8_code *k = c != NULL && i < c->ncodes ? &c->codes[i] : NULL;

    if (kind != NULL)
        *kind = k ? k->kind : (x12_code_kind)0;
    if (date != NULL)
        *date = k ? k->date : none();
    if (date2 != NULL)
        *date2 = k ? k->date2 : none();
    if (cents != NULL)
        *cents = k ? k->cents : 0;
    return k ? k->code : none();
}

/* A role's party when it would be written (c8_role_written). */
static x12_party *if_set(x12_party **roles, x12_claim_role role)
{
    x12_party *p;

    if (roles == NULL || (int)role < 1 || (int)role > C8_NROLES || (p = roles[role]) == NULL)
        return NULL;
    return c8_role_written(p) ? p : NULL;
}

x12_attachment *x12_claim_first_attachment(x12_claim *c)
{
    return c ? c->att_first : NULL;
}

x12_attachment *x12_line_first_attachment(x12_service_line *l)
{
    return l ? l->att_first : NULL;
}

x12_attachment *x12_attachment_next(x12_attachment *a)
{
    return a ? a->next : NULL;
}

x12_party *x12_claim_find_provider(x12_claim *c, x12_claim_role role)
{
    return c ? if_set(c->roles, role) : NULL;
}

x12_party *x12_line_find_provider(x12_service_line *l, x12_claim_role role)
{
    return l ? if_set(l->roles, role) : NULL;
}

size_t x12_line_modifier_count(const x12_service_line *l)
{
    return l ? l->mods.n : 0;
}

x12_str x12_line_modifier(const x12_service_line *l, size_t i)
{
    return l != NULL && i < l->mods.n ? l->mods.v[i] : none();
}

size_t x12_line_pointer_count(const x12_service_line *l)
{
    return l ? l->nptrs : 0;
}

unsigned x12_line_pointer(const x12_service_line *l, size_t i)
{
    return l != NULL && i < l->nptrs ? l->ptrs[i] : 0;
}

size_t x12_line_adjudication_modifier_count(const x12_line_adjudication *a)
{
    return a ? a->mods.n : 0;
}

x12_str x12_line_adjudication_modifier(const x12_line_adjudication *a, size_t i)
{
    return a != NULL && i < a->mods.n ? a->mods.v[i] : none();
}

static x12_str adjustment(const c8_adj *adj, size_t n, size_t i, x12_str *reason,
                          int64_t *cents, x12_str *quantity)
{
    const c8_adj *a = i < n ? &adj[i] : NULL;

    if (reason != NULL)
        *reason = a ? a->reason : none();
    if (cents != NULL)
        *cents = a ? a->cents : 0;
    if (quantity != NULL)
        *quantity = a ? a->quantity : none();
    return a ? a->group : none();
}

size_t x12_other_payer_adjustment_count(const x12_other_payer *op)
{
    return op ? op->nadj : 0;
}

x12_str x12_other_payer_adjustment(const x12_other_payer *op, size_t i, x12_str *reason,
                                   int64_t *cents, x12_str *quantity)
{
    return adjustment(op ? op->adj : NULL, op ? op->nadj : 0, i, reason, cents, quantity);
}

size_t x12_line_adjudication_adjustment_count(const x12_line_adjudication *a)
{
    return a ? a->nadj : 0;
}

x12_str x12_line_adjudication_adjustment(const x12_line_adjudication *a, size_t i,
                                         x12_str *reason, int64_t *cents, x12_str *quantity)
{
    return adjustment(a ? a->adj : NULL, a ? a->nadj : 0, i, reason, cents, quantity);
}

/* ---- copies ------------------------------------------------------------------- */

/* Every live field of a packed list into dst's list, in dst's batch. */
static x12_status copy_fields(x12_batch *b, int lvl, c8_fields *dst, const c8_fields *src,
                              size_t nf)
{
    x12_str v[C8_CLAIM_NF + 1];
    size_t f;
    x12_status st;

    c8_fields_unpack(src, v, nf + 1);
    for (f = 1; f <= nf; f++)
        if (v[f].len && (st = c8_fields_set(b, lvl, dst, (unsigned)f, v[f].ptr, v[f].len)) != X12_OK)
            return st;
    return X12_OK;
}

static x12_status copy_party(x12_party *dst, const x12_party *src)
{
    dst->entity = src->entity;
    dst->entity_set = src->entity_set;
    return copy_fields(dst->b, dst->lvl, &dst->fl, &src->fl, C8_PARTY_NF);
}

/* The role parties a claim or line asked for, each into the same role of
 * the copy (made through the same constructor, so roles a claim cannot
 * have stay out). */
static x12_status copy_roles(x12_party *const *src,
                             x12_party *(*get)(void *, x12_claim_role), void *dst)
{
    int r;
    x12_party *p;
    x12_status st;

    if (src == NULL)
        return X12_OK;
    for (r = 1; r <= C8_NROLES; r++) {
        if (src[r] == NULL)
            continue;
        if ((p = get(dst, (x12_claim_role)r)) == NULL)
            return X12_ENOMEM;
        if ((st = copy_party(p, src[r])) != X12_OK)
            return st;
    }
    return X12_OK;
}

static x12_party *claim_role(void *c, x12_claim_role r)
{
    return x12_claim_provider(c, r);
}

static x12_party *line_role(void *l, x12_claim_role r)
{
    return x12_line_provider(l, r);
}

static x12_party *op_role(void *op, x12_claim_role r)
{
    return x12_other_payer_provider(op, r);
}

/* Adjustment values in the arena are NUL-terminated (c8_copy), which the
 * adding functions take. */
typedef x12_status (*adj_add_fn)(void *, const char *, const char *, int64_t, const char *);

static x12_status copy_adjustments(const c8_adj *adj, size_t n, adj_add_fn add, void *dst)
{
    size_t i;
    x12_status st;

    for (i = 0; i < n; i++)
        if ((st = add(dst, adj[i].group.ptr, adj[i].reason.ptr, adj[i].cents,
                      adj[i].quantity.ptr)) != X12_OK)
            return st;
    return X12_OK;
}

static x12_status op_adj(void *op, const char *g, const char *r, int64_t c, const char *q)
{
    return x12_other_payer_add_adjustment(op, g, r, c, q);
}

static x12_status la_adj(void *a, const char *g, const char *r, int64_t c, const char *q)
{
    return x12_line_adjudication_add_adjustment(a, g, r, c, q);
}

static x12_status copy_other_payer(x12_claim *c, const x12_other_payer *src)
{
    x12_other_payer *op;
    x12_status st;
    int f;

    if ((st = x12_claim_add_other_payer(c, &op)) != X12_OK)
        return st;
    for (f = 1; f <= C8_OP_NF; f++)
        if (src->f[f].len &&
            (st = c8_copy(c->b, C8L_CLAIM, &op->f[f], src->f[f].ptr, src->f[f].len)) != X12_OK)
            return st;
    memcpy(op->amt, src->amt, sizeof op->amt);
    memcpy(op->has_amt, src->has_amt, sizeof op->has_amt);
    if ((st = copy_adjustments(src->adj, src->nadj, op_adj, op)) != X12_OK ||
        (st = copy_party(&op->sub, &src->sub)) != X12_OK ||
        (st = copy_roles(src->roles, op_role, op)) != X12_OK)
        return st;
    return copy_party(&op->payer, &src->payer);
}

static x12_status copy_mods(const c8_strs *src, x12_status (*add)(void *, const char *, size_t),
                            void *dst)
{
    size_t i;
    x12_status st;

    for (i = 0; i < src->n; i++)
        if ((st = add(dst, src->v[i].ptr, src->v[i].len)) != X12_OK)
            return st;
    return X12_OK;
}

static x12_status line_mod(void *l, const char *v, size_t n)
{
    return x12_line_add_modifier(l, v, n);
}

static x12_status la_mod(void *a, const char *v, size_t n)
{
    return x12_line_adjudication_add_modifier(a, v, n);
}

static x12_status copy_adjudication(x12_service_line *l, const x12_line_adjudication *src)
{
    x12_line_adjudication *a;
    x12_status st;

    if ((st = x12_line_add_adjudication(l, &a)) != X12_OK ||
        (st = copy_fields(l->b, C8L_CLAIM, &a->fl, &src->fl, C8_LA_NF)) != X12_OK)
        return st;
    memcpy(a->amt, src->amt, sizeof a->amt);
    memcpy(a->has_amt, src->has_amt, sizeof a->has_amt);
    if ((st = copy_mods(&src->mods, la_mod, a)) != X12_OK)
        return st;
    return copy_adjustments(src->adj, src->nadj, la_adj, a);
}

/* Attachments of a claim or a line, each through `add` on the copy. */
static x12_status copy_attachments(const x12_attachment *src, x12_batch *b,
                                   x12_status (*add)(void *, x12_attachment **), void *dst)
{
    x12_attachment *a;
    x12_status st;

    for (; src != NULL; src = src->next)
        if ((st = add(dst, &a)) != X12_OK ||
            (st = copy_fields(b, C8L_CLAIM, &a->fl, &src->fl, C8_NF_ATT)) != X12_OK)
            return st;
    return X12_OK;
}

static x12_status claim_att(void *c, x12_attachment **out)
{
    return x12_claim_add_attachment(c, out);
}

static x12_status line_att(void *l, x12_attachment **out)
{
    return x12_line_add_attachment(l, out);
}

static x12_status copy_line(x12_claim *c, const x12_service_line *src)
{
    x12_service_line *l;
    const x12_line_adjudication *a;
    x12_status st;
    size_t i;

    if ((st = x12_claim_add_line(c, &l)) != X12_OK ||
        (st = copy_fields(c->b, C8L_CLAIM, &l->fl, &src->fl, C8_LINE_NF)) != X12_OK)
        return st;
    memcpy(l->amt, src->amt, sizeof l->amt);
    memcpy(l->has_amt, src->has_amt, sizeof l->has_amt);
    if ((st = copy_mods(&src->mods, line_mod, l)) != X12_OK)
        return st;
    for (i = 0; i < src->nptrs; i++)
        if ((st = x12_line_add_pointer(l, src->ptrs[i])) != X12_OK)
            return st;
    if ((st = copy_roles(src->roles, line_role, l)) != X12_OK ||
        (st = copy_attachments(src->att_first, c->b, line_att, l)) != X12_OK)
        return st;
    for (a = src->la_first; a != NULL; a = a->next)
        if ((st = copy_adjudication(l, a)) != X12_OK)
            return st;
    return X12_OK;
}

static x12_status copy_claim(x12_claim *c, const x12_claim *src)
{
    const x12_other_payer *op;
    const x12_service_line *l;
    x12_status st;
    size_t i;

    if ((st = copy_fields(c->b, C8L_CLAIM, &c->fl, &src->fl, C8_CLAIM_NF)) != X12_OK)
        return st;
    memcpy(c->amt, src->amt, sizeof c->amt);
    memcpy(c->has_amt, src->has_amt, sizeof c->has_amt);
    for (i = 0; i < src->ndx; i++) {
        const c8_dx *d = &src->dx[i];
        if ((st = x12_claim_add_diagnosis(c, (x12_dx_kind)d->kind, d->code.ptr, d->code.len,
                                          d->poa)) != X12_OK)
            return st;
        c->dx[c->ndx - 1].raw_dotted = d->raw_dotted;
    }
    for (i = 0; i < src->ncodes; i++) {
        const c8_code *k = &src->codes[i];
        if ((st = x12_claim_add_code(c, k->kind, k->code.ptr, k->code.len, k->date.ptr,
                                     k->date.len, k->date2.ptr, k->date2.len, k->cents)) !=
            X12_OK)
            return st;
    }
    if ((st = copy_roles(src->roles, claim_role, c)) != X12_OK ||
        (st = copy_attachments(src->att_first, c->b, claim_att, c)) != X12_OK)
        return st;
    for (op = src->op_first; op != NULL; op = op->next)
        if ((st = copy_other_payer(c, op)) != X12_OK)
            return st;
    for (l = src->l_first; l != NULL; l = l->next)
        if ((st = copy_line(c, l)) != X12_OK)
            return st;
    return X12_OK;
}

x12_status x12_batch_copy_header(x12_batch *dst, const x12_batch *src)
{
    x12_status st;
    int f;

    if (dst == NULL || src == NULL)
        return X12_EINVAL;
    dst->kind = src->kind;
    for (f = 1; f <= C8_BATCH_NF; f++)
        if ((st = c8_copy(dst, C8L_HEAD, &dst->f[f], src->f[f].ptr, src->f[f].len)) != X12_OK)
            return st;
    memcpy(dst->opt, src->opt, sizeof dst->opt);
    dst->el = src->el;
    dst->comp = src->comp;
    dst->rep = src->rep;
    dst->seg = src->seg;
    dst->submitter.fl.p = NULL;
    dst->submitter.fl.used = dst->submitter.fl.cap = 0;
    dst->receiver.fl.p = NULL;
    dst->receiver.fl.used = dst->receiver.fl.cap = 0;
    if ((st = copy_party(&dst->submitter, &src->submitter)) != X12_OK)
        return st;
    return copy_party(&dst->receiver, &src->receiver);
}

x12_status x12_batch_add_provider_copy(x12_batch *b, const x12_billing_provider *src,
                                       x12_billing_provider **out)
{
    x12_billing_provider *bp;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (b == NULL || src == NULL || out == NULL)
        return X12_EINVAL;
    if ((st = x12_batch_add_provider(b, &bp)) != X12_OK ||
        (st = copy_party(&bp->party, &src->party)) != X12_OK ||
        (st = copy_party(&bp->payto, &src->payto)) != X12_OK ||
        (st = copy_party(&bp->payto_plan, &src->payto_plan)) != X12_OK)
        return st;
    *out = bp;
    return X12_OK;
}

x12_status x12_billing_provider_add_subscriber_copy(x12_billing_provider *bp,
                                                    const x12_subscriber *src,
                                                    x12_subscriber **out)
{
    x12_subscriber *s;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (bp == NULL || src == NULL || out == NULL)
        return X12_EINVAL;
    if ((st = x12_billing_provider_add_subscriber(bp, &s)) != X12_OK ||
        (st = copy_fields(bp->b, C8L_SUBSCRIBER, &s->fl, &src->fl, C8_SUB_NF)) != X12_OK ||
        (st = copy_party(&s->party, &src->party)) != X12_OK ||
        (st = copy_party(&s->payer, &src->payer)) != X12_OK)
        return st;
    *out = s;
    return X12_OK;
}

x12_status x12_subscriber_add_patient_copy(x12_subscriber *s, const x12_patient *src,
                                           x12_patient **out)
{
    x12_patient *p;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (s == NULL || src == NULL || out == NULL)
        return X12_EINVAL;
    if ((st = x12_subscriber_add_patient(s, &p)) != X12_OK ||
        (st = c8_copy(s->b, C8L_PATIENT, &p->rel, src->rel.ptr, src->rel.len)) != X12_OK ||
        (st = copy_party(&p->party, &src->party)) != X12_OK)
        return st;
    *out = p;
    return X12_OK;
}

x12_status x12_subscriber_add_claim_copy(x12_subscriber *s, const x12_claim *src,
                                         x12_claim **out)
{
    x12_claim *c;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (s == NULL || src == NULL || out == NULL)
        return X12_EINVAL;
    if ((st = x12_subscriber_add_claim(s, &c)) != X12_OK || (st = copy_claim(c, src)) != X12_OK)
        return st;
    *out = c;
    return X12_OK;
}

x12_status x12_patient_add_claim_copy(x12_patient *p, const x12_claim *src, x12_claim **out)
{
    x12_claim *c;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (p == NULL || src == NULL || out == NULL)
        return X12_EINVAL;
    if ((st = x12_patient_add_claim(p, &c)) != X12_OK || (st = copy_claim(c, src)) != X12_OK)
        return st;
    *out = c;
    return X12_OK;
}
