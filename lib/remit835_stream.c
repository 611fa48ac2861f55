/*
 * remit835 streaming: quantities, the event queue, finishing a claim
 * (balancing, denial classification, patient share, reversal pairing),
 * payment begin/end, the public stream API and the whole-file collector.
 * Segment handlers are in remit835_parse.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "remit835_internal.h"

/* ---- decimals ----------------------------------------------------------- */

/* An amount in a message: "-12.50". */
#define MONEY(buf, c) x12i_cents_text(buf, sizeof buf, c)

/* Amounts: x12_cents_parse (lib/x12types.c); quantities in thousandths
 * here, by the same R-type reader at scale 3. */
x12_status x12_remit_parse_milli(const char *text, size_t len, int64_t *milli)
{
    int64_t v;
    int rc;

    if (milli == NULL || (text == NULL && len > 0))
        return X12_EINVAL;
    rc = x12i_parse_scaled(text, len, 3, &v);
    if (rc >= 0) {
        *milli = v;
        return X12_OK;
    }
    *milli = 0;
    return rc == -2 ? X12_ERANGE : X12_ESYNTAX;
}

/* a + b with overflow detection (C11 has no checked arithmetic). */
int64_t x12i_add_checked(int64_t a, int64_t b, int *ovf)
{
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) {
        *ovf = 1;
        return 0;
    }
    return a + b;
}

/* ---- diagnostics --------------------------------------------------------- */

/* A claim's or a payment's list of issues. */
typedef struct issue_slot {
    const x12i_alloc *a;
    x12i_vec *v;
} issue_slot;

static x12_error *issue_slot_push(void *list)
{
    issue_slot *c = list;

    return x12i_vec_push(c->a, c->v, sizeof(x12_error));
}

void x12i_remit_diag(x12_remit_stream *s, const x12_error *e)
{
    /* The tables see every diagnostic with its claim or payment (they keep
     * their own bounded list). */
    if (s->tap != NULL)
        s->tap(s->tap_user, e, s->issue_target, s->cur, s->pay);

    /* Past the limit a diagnostic is only counted (x12i_diags_add); the
     * handler still sees it. */
    if (x12i_diags_add(&s->a, &s->diags, e) < 0) {
        s->nomem = 1;
        return;
    }
    if (s->on_error != NULL)
        s->on_error(s->on_error_user, e);
}

void x12i_remit_issue(x12_remit_stream *s, x12i_pos p, enum target t, x12_severity sev,
                  x12_status st, const char *rule, unsigned element, unsigned component,
                  const char *fmt, ...)
{
    x12_error e;
    issue_slot slot = {&s->a, NULL};
    uint64_t *dropped = NULL;
    va_list ap;

    va_start(ap, fmt);
    x12i_error_vset(&e, st, sev, rule, p.segno, p.segid, p.segid_len, p.offset, element,
                    fmt, ap);
    va_end(ap);
    e.component = component;
    if (p.loop != NULL) {
        strncpy(e.loop, p.loop, sizeof e.loop - 1);
        e.loop[sizeof e.loop - 1] = '\0';
    }
    s->issue_target = t == T_CLAIM && s->cur != NULL     ? T_CLAIM
                      : t == T_PAYMENT && s->pay != NULL ? T_PAYMENT
                                                         : T_NONE;
    x12i_remit_diag(s, &e);
    s->issue_target = T_NONE;
    if (t == T_CLAIM && s->cur != NULL) {
        if (sev != X12_SEV_WARNING)
            s->cur->nerrors++;
        slot.v = &s->cur->issues;
        dropped = &s->cur->issues_dropped;
    } else if (t == T_PAYMENT && s->pay != NULL) {
        slot.v = &s->pay->issues;
        dropped = &s->pay->issues_dropped;
    }
    if (slot.v != NULL &&
        x12i_diags_keep(s->diags.max, slot.v->n, dropped, issue_slot_push, &slot, &e) < 0)
        s->nomem = 1;
}

/* ---- small helpers ------------------------------------------------------ */

static int is(x12_str v, const char *lit)
{
    size_t n = strlen(lit);

    return v.len == n && memcmp(v.ptr, lit, n) == 0;
}

int x12i_remit_copy_slow(x12_remit_stream *s, x12i_arena *ar, x12_str v, x12_str *out)
{
    if (x12i_arena_copy(&s->a, ar, v, out) != 0) {
        s->nomem = 1;
        return -1;
    }
    return 0;
}

void *x12i_remit_push_slow(x12_remit_stream *s, x12i_vec *v, size_t elem)
{
    void *p = x12i_vec_push(&s->a, v, elem);

    if (p == NULL)
        s->nomem = 1;
    return p;
}


/* ---- events ------------------------------------------------------------- */

void x12i_remit_enqueue(x12_remit_stream *s, x12_remit_event ev)
{
    /* At most three events come from one segment (PAYMENT, CLAIM,
     * PAYMENT_END), and the queue is empty before each segment. */
    if (s->qn < QMAX)
        s->queue[(s->qhead + s->qn++) % QMAX] = ev;
}

void x12i_remit_header_complete(x12_remit_stream *s)
{
    if (!s->header_done) {
        s->header_done = 1;
        x12i_remit_enqueue(s, X12_REMIT_EV_PAYMENT);
    }
}

/* ---- finishing a claim: balance, classify, pair ---------------------------- */

static int is_group(x12_str g, const char *a)
{
    return g.len == 2 && g.ptr[0] == a[0] && g.ptr[1] == a[1];
}

static int status_is(const x12_remit_claim *c, const char *code)
{
    return is(c->f[X12_RC_STATUS], code);
}

static void add_share(int64_t *share, const x12_remit_adjustment *a, int *ovf)
{
    int which;

    if (!is_group(a->group, "PR"))
        return;
    if (is(a->reason, "1"))
        which = X12_REMIT_SHARE_DEDUCTIBLE;
    else if (is(a->reason, "2"))
        which = X12_REMIT_SHARE_COINSURANCE;
    else if (is(a->reason, "3"))
        which = X12_REMIT_SHARE_COPAY;
    else
        which = X12_REMIT_SHARE_OTHER;
    share[which] = x12i_add_checked(share[which], a->cents, ovf);
    share[X12_REMIT_SHARE_TOTAL] = x12i_add_checked(share[X12_REMIT_SHARE_TOTAL], a->cents, ovf);
}

static int is_denial_reason(const x12_remit_adjustment *a)
{
    return x12i_carc_class(a->reason.ptr, a->reason.len) == 'D';
}

static int has_co_pi(const x12_remit_adjustment *a, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (is_group(a[i].group, "CO") || is_group(a[i].group, "PI"))
            return 1;
    return 0;
}

/* Any adjustment outside patient responsibility with a denial-class reason. */
static int has_denial(const x12_remit_adjustment *a, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_group(a[i].group, "PR") && is_denial_reason(&a[i]))
            return 1;
    return 0;
}

static x12_remit_outcome line_outcome(const x12_remit_claim *c, const x12_remit_service *sv)
{
    if (status_is(c, "22"))
        return X12_REMIT_REVERSED;
    if (status_is(c, "25"))
        return X12_REMIT_PREDETERMINATION;
    if (sv->paid == 0) {
        if (has_co_pi(sv->padj, sv->adj.n) || status_is(c, "4"))
            return X12_REMIT_DENIED;
        if (c->forwarded)
            return X12_REMIT_FORWARDED;
        return X12_REMIT_NO_PAYMENT;
    }
    return has_denial(sv->padj, sv->adj.n) ? X12_REMIT_PARTIAL : X12_REMIT_PAID;
}

static x12_remit_outcome claim_outcome(const x12_remit_claim *c)
{
    const x12_remit_adjustment *adj = c->adj.items;
    size_t i;

    if (status_is(c, "22"))
        return X12_REMIT_REVERSED;
    if (status_is(c, "25"))
        return X12_REMIT_PREDETERMINATION;
    if (status_is(c, "4"))
        return X12_REMIT_DENIED;
    if (status_is(c, "23"))
        return X12_REMIT_FORWARDED;
    if (c->paid == 0) {
        if (has_co_pi(adj, c->adj.n) || has_co_pi(c->line_adj.items, c->line_adj.n))
            return X12_REMIT_DENIED;
        return c->forwarded ? X12_REMIT_FORWARDED : X12_REMIT_NO_PAYMENT;
    }
    for (i = 0; i < c->services.n; i++) {
        x12_remit_outcome o = VAT(c->services, x12_remit_service, i).outcome;

        if (o == X12_REMIT_DENIED || o == X12_REMIT_PARTIAL)
            return X12_REMIT_PARTIAL;
    }
    return has_denial(adj, c->adj.n) ? X12_REMIT_PARTIAL : X12_REMIT_PAID;
}

/* The adjustments that explain a denial or partial payment. */
static void collect_denial(x12_remit_stream *s, x12_remit_claim *c)
{
    const x12i_vec *lists[2] = {&c->adj, &c->line_adj};
    int pass, k;
    size_t i;

    if (c->outcome != X12_REMIT_DENIED && c->outcome != X12_REMIT_PARTIAL)
        return;
    /* Pass 0: denial-class reasons; pass 1 (denials only, when pass 0 found
     * none): every reason outside patient responsibility; pass 2: all. */
    for (pass = 0; pass < 3 && c->denial.n == 0; pass++) {
        if (pass > 0 && c->outcome != X12_REMIT_DENIED)
            break;
        for (k = 0; k < 2; k++)
            for (i = 0; i < lists[k]->n; i++) {
                const x12_remit_adjustment *a = &VAT(*lists[k], x12_remit_adjustment, i);
                const x12_remit_adjustment **slot;
                int take = pass == 0   ? is_denial_reason(a)
                           : pass == 1 ? !is_group(a->group, "PR")
                                       : 1;

                if (!take)
                    continue;
                slot = x12i_remit_push(s, &c->denial, sizeof *slot);
                if (slot == NULL)
                    return;
                *slot = a;
            }
    }
}

static void pair_reversal(x12_remit_stream *s, x12_remit_claim *c)
{
    x12_remit_payment *p = s->pay;
    x12_str pcn = c->f[X12_RC_PATIENT_CONTROL_NUMBER];
    size_t i;

    if (pcn.len == 0)
        return;
    if (status_is(c, "22")) {
        x12i_pending *pd = x12i_remit_push(s, &p->pending, sizeof *pd);

        if (pd != NULL && x12i_remit_copy(s, &p->arena, pcn, &pd->pcn) == 0)
            pd->index = c->index;
        return;
    }
    for (i = 0; i < p->pending.n; i++) {
        x12i_pending *pd = &VAT(p->pending, x12i_pending, i);
        x12i_pair *pr;

        if (pd->pcn.len != pcn.len || memcmp(pd->pcn.ptr, pcn.ptr, pcn.len) != 0)
            continue;
        c->reversal_of = pd->index + 1;
        pr = x12i_remit_push(s, &p->pairs, sizeof *pr);
        if (pr != NULL) {
            pr->reversal = pd->index;
            pr->correction = c->index;
        }
        if (s->keep && pd->index < p->claims.n)
            VAT(p->claims, x12_remit_claim *, pd->index)->corrected_by = c->index + 1;
        /* Keep the order of the rest: the oldest reversal pairs first. */
        memmove(pd, pd + 1, (p->pending.n - i - 1) * sizeof *pd);
        p->pending.n--;
        return;
    }
}

#define SPAN_PTR(c, vec, T, span) \
    ((span).n > 0 ? &VAT((c)->vec, T, (span).first) : NULL)

void x12i_remit_finish_claim(x12_remit_stream *s)
{
    x12_remit_claim *c = s->cur;
    x12_remit_payment *p = s->pay;
    int64_t claim_adj = 0, line_adj_total = 0, pr_total;
    int ovf = 0, lines_ok = 1;
    size_t i, j;
    char b1[32], b2[32], b3[32], b4[32];
    x12i_pos cp;

    cp.segno = c->segno;
    cp.offset = c->offset;
    cp.segid = "CLP";
    cp.segid_len = 3;
    cp.loop = "2100";
    c->forwarded = status_is(c, "19") || status_is(c, "20") || status_is(c, "21") ||
                   status_is(c, "23");
    for (i = 0; i < c->adj.n; i++) {
        const x12_remit_adjustment *a = &VAT(c->adj, x12_remit_adjustment, i);

        claim_adj = x12i_add_checked(claim_adj, a->cents, &ovf);
        add_share(c->share, a, &ovf);
    }
    for (i = 0; i < c->services.n; i++) {
        x12_remit_service *sv = &VAT(c->services, x12_remit_service, i);
        int64_t sum = 0, expect;
        x12i_pos lp;

        sv->padj = SPAN_PTR(c, line_adj, x12_remit_adjustment, sv->adj);
        sv->premarks = SPAN_PTR(c, line_remarks, x12_remit_remark, sv->remarks);
        sv->pdates = SPAN_PTR(c, line_dates, x12_remit_date, sv->dates);
        sv->prefs = SPAN_PTR(c, line_refs, x12_remit_ref, sv->refs);
        sv->pamounts = SPAN_PTR(c, line_amounts, x12_remit_amount, sv->amounts);
        sv->pqtys = SPAN_PTR(c, line_qtys, x12_remit_quantity, sv->qtys);
        for (j = 0; j < sv->adj.n; j++) {
            sum = x12i_add_checked(sum, sv->padj[j].cents, &ovf);
            add_share(sv->share, &sv->padj[j], &ovf);
            add_share(c->share, &sv->padj[j], &ovf);
        }
        line_adj_total = x12i_add_checked(line_adj_total, sum, &ovf);
        expect = x12i_add_checked(sv->charge, -sum, &ovf);
        sv->balanced = !sv->amount_error && !ovf && expect == sv->paid;
        if (!sv->balanced && !sv->amount_error && !ovf) {
            lp.segno = sv->segno;
            lp.offset = sv->offset;
            lp.segid = "SVC";
            lp.segid_len = 3;
            lp.loop = "2110";
            x12i_remit_issue(s, lp, T_CLAIM, X12_SEV_WARNING, X12_OK, "balance-line", 3, 0,
                  "service line %zu does not balance: SVC02 %s minus line adjustments %s "
                  "is %s, SVC03 says %s",
                  i + 1, MONEY(b1, sv->charge), MONEY(b2, sum),
                  MONEY(b3, expect), MONEY(b4, sv->paid));
        }
        if (!sv->balanced)
            lines_ok = 0;
        sv->outcome = line_outcome(c, sv);
    }
    if (!c->amount_error && !ovf) {
        int64_t expect = x12i_add_checked(c->charge, -x12i_add_checked(claim_adj, line_adj_total, &ovf),
                                     &ovf);

        c->balanced = !ovf && expect == c->paid && lines_ok;
        if (!ovf && expect != c->paid)
            x12i_remit_issue(s, cp, T_CLAIM, X12_SEV_WARNING, X12_OK, "balance-claim", 4, 0,
                  "claim does not balance: CLP03 %s minus claim and line adjustments %s is "
                  "%s, CLP04 says %s",
                  MONEY(b1, c->charge),
                  MONEY(b2, x12i_add_checked(claim_adj, line_adj_total, &ovf)),
                  MONEY(b3, expect), MONEY(b4, c->paid));
        pr_total = c->share[X12_REMIT_SHARE_TOTAL];
        if (!ovf && (c->has_patient_resp || pr_total != 0) && pr_total != c->patient_resp)
            x12i_remit_issue(s, cp, T_CLAIM, X12_SEV_WARNING, X12_OK, "balance-patient", 5, 0,
                  "CLP05 %s does not equal the patient responsibility adjustments (PR) %s",
                  c->has_patient_resp ? MONEY(b1, c->patient_resp) : "(absent)",
                  MONEY(b2, pr_total));
    }
    c->outcome = claim_outcome(c);
    collect_denial(s, c);
    pair_reversal(s, c);

    p->nclaims++;
    p->nlines += c->services.n;
    ovf = 0;
    p->sum_charge = x12i_add_checked(p->sum_charge, c->charge, &ovf);
    p->sum_paid = x12i_add_checked(p->sum_paid, c->paid, &ovf);
    if (ovf || c->amount_error)
        p->any_amount_error = 1;

    if (s->keep) {
        x12_remit_claim **slot = x12i_remit_push(s, &p->claims, sizeof *slot);

        if (slot == NULL)
            return;
        *slot = c;
        s->ready = c;
    } else {
        /* The claim handed out last time is free again. */
        if (s->ready != NULL)
            s->spare = s->ready;
        s->ready = c;
    }
    s->cur = NULL;
    s->claim_open = 0;
    s->svc = 0;
    x12i_remit_enqueue(s, X12_REMIT_EV_CLAIM);
}

/* ---- payments ------------------------------------------------------------ */

void x12i_remit_begin_payment(x12_remit_stream *s)
{
    x12_remit_payment *p;

    s->pending_start = 0;
    if (s->keep || s->pay == NULL || s->pay_owned) {
        p = x12i_payment_new(&s->a);
        if (p == NULL) {
            s->nomem = 1;
            return;
        }
        if (s->pay != NULL && !s->pay_owned)
            x12i_payment_free(&s->a, s->pay);
        s->pay = p;
        s->pay_owned = 0;
    } else {
        p = s->pay;
        x12i_payment_reset(&s->a, p);
    }
    p->index = s->npayments++;
    p->segno = s->pending_segno;
    p->offset = s->pending_offset;
    if (x12i_remit_copy(s, &p->arena, s->pending_st02, &p->f[X12_RP_CONTROL_NUMBER]) != 0)
        return;
    s->payment_open = 1;
    s->header_done = 0;
    s->ctx = C_HEADER;
    s->party = 0;
    s->hdr = NULL;
    s->svc = 0;
}

void x12i_remit_end_payment(x12_remit_stream *s, x12i_pos at)
{
    x12_remit_payment *p = s->pay;
    int ovf = 0;
    int64_t expect;
    char b1[32], b2[32], b3[32], b4[32];

    /* An open claim means the header event is already out. */
    x12i_remit_header_complete(s);
    if (s->claim_open)
        x12i_remit_finish_claim(s);
    if (!p->have_bpr) {
        x12i_remit_issue(s, at, T_PAYMENT, X12_SEV_ERROR, X12_ESYNTAX, "required", 0, 0,
              "the 835 transaction set has no BPR (payment amount)");
    } else if (!p->amount_error && !p->any_amount_error) {
        expect = x12i_add_checked(p->sum_paid, -p->sum_plb, &ovf);
        p->balanced = !ovf && expect == p->amount;
        if (!ovf && !p->balanced) {
            x12i_pos bp;

            bp.segno = p->bpr_segno;
            bp.offset = p->bpr_offset;
            bp.segid = "BPR";
            bp.segid_len = 3;
            bp.loop = "";
            x12i_remit_issue(s, bp, T_PAYMENT, X12_SEV_WARNING, X12_OK, "balance-payment", 2, 0,
                  "payment does not balance: claim payments (CLP04) %s minus provider "
                  "adjustments (PLB) %s is %s, BPR02 says %s",
                  MONEY(b1, p->sum_paid), MONEY(b2, p->sum_plb),
                  MONEY(b3, expect), MONEY(b4, p->amount));
        }
    }
    if (s->keep && s->doc != NULL) {
        x12_remit_payment **slot = x12i_remit_push(s, &s->doc->payments, sizeof *slot);

        if (slot != NULL) {
            *slot = p;
            s->pay_owned = 1;
        }
    }
    s->payment_open = 0;
    s->ctx = C_NONE;
    x12i_remit_enqueue(s, X12_REMIT_EV_PAYMENT_END);
}

/* ---- public stream API --------------------------------------------------- */

x12_status x12_remit_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                x12_remit_stream **out)
{
    x12i_alloc a;
    x12_remit_stream *s;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    s = x12i_malloc(&a, sizeof *s);
    if (s == NULL)
        return X12_ENOMEM;
    memset(s, 0, sizeof *s);
    s->a = a;
    s->diags.max = X12_REMIT_DEFAULT_MAX_ERRORS;
    if (reader != NULL) {
        s->r = reader;
    } else {
        st = x12_reader_new(alloc, &s->r);
        if (st != X12_OK) {
            x12i_free(&a, s);
            return st;
        }
        s->own_reader = 1;
    }
    *out = s;
    return X12_OK;
}

void x12_remit_stream_free(x12_remit_stream *s)
{
    x12i_alloc a;

    if (s == NULL)
        return;
    a = s->a;
    /* Claims handed to a payment belong to it (collecting mode). */
    if (!s->keep) {
        if (s->ready != s->cur)
            x12i_claim_free(&a, s->ready);
        x12i_claim_free(&a, s->spare);
    }
    x12i_header_free(&a, s->hbuf[0]);
    x12i_header_free(&a, s->hbuf[1]);
    x12i_claim_free(&a, s->cur);
    if (s->pay != NULL && !s->pay_owned)
        x12i_payment_free(&a, s->pay);
    x12_remit_doc_free(s->doc);
    x12i_diags_free(&a, &s->diags);
    x12i_free(&a, s->st02_buf);
    if (s->own_reader)
        x12_reader_free(s->r);
    x12i_free(&a, s);
}

x12_reader *x12_remit_stream_reader(x12_remit_stream *s)
{
    return s != NULL ? s->r : NULL;
}

void x12_remit_stream_set_error_handler(x12_remit_stream *s, x12_error_fn fn, void *user)
{
    if (s == NULL)
        return;
    s->on_error = fn;
    s->on_error_user = user;
}

static x12_status die(x12_remit_stream *s, x12_status st)
{
    s->dead = st;
    if (st == X12_ENOMEM) {
        x12i_error_set(&s->last, X12_ENOMEM, X12_SEV_FATAL, "memory", 0, NULL, 0,
                       x12_reader_offset(s->r), 0, "out of memory");
        s->have_last = 1;
    }
    return st;
}

x12_status x12_remit_stream_next(x12_remit_stream *s, x12_remit_event *event)
{
    const x12_segment *seg;
    x12_status st;
    size_t i, n;

    if (s == NULL || event == NULL)
        return X12_EINVAL;
    if (s->dead != X12_OK)
        return s->dead;
    s->started = 1;
    x12i_diags_new_call(&s->diags);
    s->shown = NULL;
    for (;;) {
        if (s->nomem)
            return die(s, X12_ENOMEM);
        if (s->qn > 0) {
            *event = s->queue[s->qhead];
            s->qhead = (s->qhead + 1) % QMAX;
            s->qn--;
            if (*event == X12_REMIT_EV_CLAIM)
                s->shown = s->ready;
            s->have_last = 0;
            x12i_diags_new_span(&s->diags);
            return X12_OK;
        }
        if (s->finished)
            return X12_END;
        st = x12_reader_next(s->r, &seg);
        n = x12_reader_error_count(s->r);
        for (i = 0; i < n; i++)
            x12i_remit_diag(s, x12_reader_error_at(s->r, i));
        if (st == X12_OK) {
            x12i_remit_handle(s, seg);
            continue;
        }
        if (st == X12_END) {
            if (s->pending_start)
                x12i_remit_begin_payment(s);
            if (s->payment_open) {
                x12i_pos at = {0, x12_reader_offset(s->r), NULL, 0, ""};

                x12i_remit_end_payment(s, at);
            }
            s->finished = 1;
            continue;
        }
        if (st == X12_AGAIN)
            return X12_AGAIN;
        {
            const x12_error *e = x12_reader_last_error(s->r);

            if (e != NULL) {
                s->last = *e;
                s->have_last = 1;
                if (x12_error_severity(e) != X12_SEV_FATAL) {
                    /* The reader skipped bad bytes and goes on. */
                    x12i_remit_diag(s, e);
                    continue;
                }
            } else {
                x12i_error_set(&s->last, st, X12_SEV_FATAL, "reader", 0, NULL, 0,
                               x12_reader_offset(s->r), 0, "%s", x12_strerror(st));
                s->have_last = 1;
            }
            return die(s, st);
        }
    }
}

const x12_remit_claim *x12_remit_stream_claim(const x12_remit_stream *s)
{
    return s != NULL ? s->shown : NULL;
}

const x12_remit_payment *x12_remit_stream_payment(const x12_remit_stream *s)
{
    return s != NULL ? s->pay : NULL;
}

size_t x12_remit_stream_error_count(const x12_remit_stream *s)
{
    return s != NULL ? s->diags.list.count : 0;
}

const x12_error *x12_remit_stream_error_at(const x12_remit_stream *s, size_t i)
{
    return s != NULL && i < s->diags.list.count ? &s->diags.list.items[i] : NULL;
}

const x12_error *x12_remit_stream_last_error(const x12_remit_stream *s)
{
    return s != NULL && s->have_last ? &s->last : NULL;
}

x12_status x12_remit_stream_set_max_errors(x12_remit_stream *s, size_t max)
{
    return x12i_diags_set_max(s != NULL ? &s->diags : NULL, max);
}

uint64_t x12_remit_stream_errors_dropped(const x12_remit_stream *s)
{
    return x12i_diags_dropped(s != NULL ? &s->diags : NULL);
}

/* ---- whole file ----------------------------------------------------------- */

x12_status x12_remit_stream_collect(x12_remit_stream *s, x12_remit_doc **out)
{
    x12_remit_event ev;
    x12_status st;
    size_t i;

    if (s == NULL || out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (!s->keep) {
        if (s->started)
            return X12_ESTATE;
        s->doc = x12i_doc_new(&s->a);
        if (s->doc == NULL)
            return X12_ENOMEM;
        s->keep = 1;
    }
    if (s->doc == NULL)
        return X12_ESTATE; /* already handed out */
    for (;;) {
        st = x12_remit_stream_next(s, &ev);
        for (i = 0; i < s->diags.list.count; i++) {
            x12_error *e = x12i_vec_push(&s->a, &s->doc->errors, sizeof *e);

            if (e == NULL)
                return die(s, X12_ENOMEM);
            *e = s->diags.list.items[i];
        }
        s->doc->errors_dropped += s->diags.dropped;
        if (st == X12_OK)
            continue;
        if (st == X12_AGAIN)
            return st;
        if (st != X12_END) {
            x12_error *e;

            if (s->have_last && (e = x12i_vec_push(&s->a, &s->doc->errors, sizeof *e)) != NULL)
                *e = s->last;
            x12_remit_doc_free(s->doc);
            s->doc = NULL;
            return st;
        }
        *out = s->doc;
        s->doc = NULL;
        return X12_OK;
    }
}

static x12_status parse_with(x12_remit_stream *s, x12_status open_st, x12_remit_doc **out)
{
    x12_status st = open_st;

    if (st == X12_OK)
        st = x12_remit_stream_collect(s, out);
    x12_remit_stream_free(s);
    return st;
}

x12_status x12_remit_parse_path(const x12_allocator *alloc, const char *path,
                                x12_remit_doc **out)
{
    x12_remit_stream *s;
    x12_status st;

    if (out == NULL || path == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12_remit_stream_new(alloc, NULL, &s);
    if (st != X12_OK)
        return st;
    return parse_with(s, x12_reader_open_path(s->r, path), out);
}

x12_status x12_remit_parse_buffer(const x12_allocator *alloc, const void *data, size_t len,
                                  x12_remit_doc **out)
{
    x12_remit_stream *s;
    x12_status st;

    if (out == NULL || (data == NULL && len > 0))
        return X12_EINVAL;
    *out = NULL;
    st = x12_remit_stream_new(alloc, NULL, &s);
    if (st != X12_OK)
        return st;
    return parse_with(s, x12_reader_open_buffer(s->r, data, len), out);
}
