/*
 * The link between the 837 claims sent and a 277CA or 277 answering them.
 *
 * An answer names its claim by patient control number (a 277CA's TRN02, a
 * 277's REF*EJ, else its TRN02: a 276 built by libx12 uses the PCN as its
 * trace).  Among the answers with a sent claim's PCN the best fit is
 * taken: one not yet taken, from the answer to the same 837 (a 277CA's
 * 2200B TRN02 is the 837's BHT03), with the same charge, with the same
 * first date of service - in that order of weight.  A claim no answer names
 * is rejected when a batch status rejects what it belongs to (its 837, by
 * BHT03, or its billing provider, by NPI); otherwise it has no answer.
 */
#include <stdlib.h>

#include "cstat_internal.h"

typedef struct entry {
    const x12_claimstatus_claim *answer;
    const x12_claimstatus_batch *batch;
    x12_claimstatus_outcome outcome;
} entry;

struct x12_claimstatus_link {
    x12i_alloc a;
    entry *e;
    size_t n;
    const x12_claimstatus_claim **unmatched;
    size_t nunmatched;
};

static int same(x12_str a, x12_str b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static x12_str answer_pcn(const x12_claimstatus_claim *c)
{
    x12_str v = x12_claimstatus_claim_get(c, X12_CC_PCN);

    return v.len ? v : x12_claimstatus_claim_get(c, X12_CC_TRACE_NUMBER);
}

static int score(const x12_claimstatus_sent_claim *s, const x12_claimstatus_claim *c, int used)
{
    int64_t charge;
    int k = used ? 0 : 8;
    x12_str ref = x12_claimstatus_claim_get(c, X12_CC_BATCH_REFERENCE);

    if (x12_claimstatus_claim_kind(c) == X12_CS_KIND_277CA && ref.len > 0 &&
        same(ref, x12_claimstatus_sent_get(s, X12_SC_BATCH_REFERENCE)))
        k += 4;
    if (x12_claimstatus_claim_charge_cents(c, &charge) &&
        charge == x12_claimstatus_sent_charge_cents(s))
        k += 2;
    if (same(x12_claimstatus_claim_get(c, X12_CC_SERVICE_FROM),
             x12_claimstatus_sent_get(s, X12_SC_SERVICE_FROM)))
        k += 1;
    return k;
}

/* A rejecting batch that covers sent claim s, or NULL. */
static const x12_claimstatus_batch *covering(const x12_claimstatus_doc *doc,
                                             const x12_claimstatus_sent_claim *s)
{
    size_t i;

    for (i = 0; i < x12_claimstatus_doc_batch_count(doc); i++) {
        const x12_claimstatus_batch *b = x12_claimstatus_doc_batch_at(doc, i);
        x12_claimstatus_batch_level lv = x12_claimstatus_batch_level_of(b);
        int covers;

        if (x12_claimstatus_batch_outcome(b) != X12_CS_REJECTED)
            continue;
        if (lv == X12_CS_BATCH_RECEIVER)
            covers = x12_claimstatus_batch_kind(b) == X12_CS_KIND_277CA &&
                     same(x12_claimstatus_batch_trace_number(b),
                          x12_claimstatus_sent_get(s, X12_SC_BATCH_REFERENCE));
        else if (lv == X12_CS_BATCH_PROVIDER)
            covers = same(x12_claimstatus_batch_party_id(b),
                          x12_claimstatus_sent_get(s, X12_SC_PROVIDER_NPI));
        else
            covers = 0;
        if (covers)
            return b;
    }
    return NULL;
}

static int cmp_view(x12_str a, x12_str b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;

    return c != 0 ? c : a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

/* Answers sorted by PCN (then position), so that each sent claim finds its
 * candidates by bisection: the link takes O((claims + answers) log answers)
 * on any size of file. */
typedef struct keyed {
    x12_str pcn;
    size_t k;
} keyed;

static int by_pcn(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = cmp_view(a->pcn, b->pcn);

    return c != 0 ? c : a->k < b->k ? -1 : a->k > b->k ? 1 : 0;
}

x12_status x12_claimstatus_link_new(const x12_allocator *alloc, const x12_claimstatus_sent *sent,
                                    const x12_claimstatus_doc *doc, x12_claimstatus_link **out)
{
    x12i_alloc a;
    x12_claimstatus_link *l;
    x12_status st;
    size_t i, k, nans;
    unsigned char *used;
    keyed *keys;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (sent == NULL || doc == NULL)
        return X12_EINVAL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    nans = x12_claimstatus_doc_claim_count(doc);
    l = x12i_malloc(&a, sizeof *l);
    if (l == NULL)
        return X12_ENOMEM;
    memset(l, 0, sizeof *l);
    l->a = a;
    l->n = x12_claimstatus_sent_count(sent);
    l->e = x12i_malloc(&a, (l->n ? l->n : 1) * sizeof *l->e);
    l->unmatched = x12i_malloc(&a, (nans ? nans : 1) * sizeof *l->unmatched);
    used = x12i_malloc(&a, nans ? nans : 1);
    keys = x12i_malloc(&a, (nans ? nans : 1) * sizeof *keys);
    if (l->e == NULL || l->unmatched == NULL || used == NULL || keys == NULL) {
        x12i_free(&a, used);
        x12i_free(&a, keys);
        x12_claimstatus_link_free(l);
        return X12_ENOMEM;
    }
    memset(used, 0, nans ? nans : 1);
    for (k = 0; k < nans; k++) {
        keys[k].pcn = answer_pcn(x12_claimstatus_doc_claim_at(doc, k));
        keys[k].k = k;
    }
    if (nans > 1)
        qsort(keys, nans, sizeof *keys, by_pcn);
    for (i = 0; i < l->n; i++) {
        const x12_claimstatus_sent_claim *s = x12_claimstatus_sent_at(sent, i);
        x12_str pcn = x12_claimstatus_sent_get(s, X12_SC_PCN);
        long best = -1;
        int best_score = -1;
        size_t lo = 0, hi = nans;

        while (lo < hi) { /* the first key not below pcn */
            size_t mid = lo + (hi - lo) / 2;
            if (cmp_view(keys[mid].pcn, pcn) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; pcn.len > 0 && lo < nans && same(keys[lo].pcn, pcn); lo++) {
            size_t kk = keys[lo].k;
            int sc = score(s, x12_claimstatus_doc_claim_at(doc, kk), used[kk]);
            if (sc > best_score) {
                best_score = sc;
                best = (long)kk;
            }
        }
        l->e[i].answer = NULL;
        l->e[i].batch = NULL;
        if (best >= 0) {
            used[best] = 1;
            l->e[i].answer = x12_claimstatus_doc_claim_at(doc, (size_t)best);
            l->e[i].outcome = x12_claimstatus_claim_outcome(l->e[i].answer);
        } else if ((l->e[i].batch = covering(doc, s)) != NULL) {
            l->e[i].outcome = X12_CS_REJECTED;
        } else {
            l->e[i].outcome = X12_CS_NO_ANSWER;
        }
    }
    for (k = 0; k < nans; k++)
        if (!used[k])
            l->unmatched[l->nunmatched++] = x12_claimstatus_doc_claim_at(doc, k);
    x12i_free(&a, used);
    x12i_free(&a, keys);
    *out = l;
    return X12_OK;
}

void x12_claimstatus_link_free(x12_claimstatus_link *l)
{
    x12i_alloc a;

    if (l == NULL)
        return;
    a = l->a;
    x12i_free(&a, l->e);
    x12i_free(&a, (void *)l->unmatched);
    x12i_free(&a, l);
}

size_t x12_claimstatus_link_count(const x12_claimstatus_link *l) { return l ? l->n : 0; }

const x12_claimstatus_claim *x12_claimstatus_link_answer(const x12_claimstatus_link *l, size_t i)
{
    return l && i < l->n ? l->e[i].answer : NULL;
}

const x12_claimstatus_batch *x12_claimstatus_link_batch(const x12_claimstatus_link *l, size_t i)
{
    return l && i < l->n ? l->e[i].batch : NULL;
}

x12_claimstatus_outcome x12_claimstatus_link_outcome(const x12_claimstatus_link *l, size_t i)
{
    return l && i < l->n ? l->e[i].outcome : X12_CS_NO_ANSWER;
}

size_t x12_claimstatus_link_unmatched_count(const x12_claimstatus_link *l)
{
    return l ? l->nunmatched : 0;
}

const x12_claimstatus_claim *x12_claimstatus_link_unmatched_at(const x12_claimstatus_link *l,
                                                               size_t i)
{
    return l && i < l->nunmatched ? l->unmatched[i] : NULL;
}
