/*
 * Streaming batches: claims checked and written as they come, then
 * released, so that memory is bounded by one claim whatever the number of
 * claims (x12_batch_stream_begin/_flush/_end; the encounter readers use
 * it for x12_batch_build_xml and _jsonl).
 *
 * The model keeps one arena per level while streaming (claim837_model.c):
 * a flush resets the claims' arena, a new provider, subscriber or patient
 * resets its level's arena and those below.  The edits run in parts
 * (claim837_edits.c): a level's own fields before its first claim, the
 * rules about its children when it is replaced or the stream ends.  The
 * writer context lives as long as the stream, so the HL numbering, the
 * set boundaries and the counts the writer keeps run across flushes and
 * the bytes are those x12_batch_write gives for the same batch.
 */
#include <string.h>

#include "claim837_internal.h"

struct c8_stream {
    c8_wctx *wx;
    c8_ectx *ex;
    int failed;     /* an edit (or the caller's input) failed: nothing more is written */
    int ended;      /* x12_batch_stream_end was called */
    int skipped;    /* claims of the input were dropped or skipped */
    x12_status wst; /* the writer failed (or memory ran out) */
};

static const x12_billing_provider *cur_bp(const x12_batch *b)
{
    return b->bp_last;
}

static x12_subscriber *cur_sub(const x12_batch *b)
{
    return b->bp_last != NULL ? b->bp_last->s_last : NULL;
}

static x12_patient *cur_pat(const x12_batch *b)
{
    x12_subscriber *s = cur_sub(b);

    return s != NULL ? s->p_last : NULL;
}

static int pending(const x12_batch *b)
{
    const x12_subscriber *s = cur_sub(b);
    const x12_patient *pt = cur_pat(b);

    return (s != NULL && s->c_first != NULL) || (pt != NULL && pt->c_first != NULL);
}

/* Runs one part of the edits; a record means the stream has failed. */
static void check(x12_batch *b, int part, const x12_billing_provider *bp,
                  const x12_subscriber *s, const x12_patient *pt)
{
    size_t before = b->edits_total;

    c8_check_level(b->stream->ex, part, bp, s, pt);
    if (b->edits_total != before)
        b->stream->failed = 1;
}

/* The closing edits of the open levels from lvl down (patient first). */
static void close_levels(x12_batch *b, int lvl)
{
    x12_billing_provider *bp = b->bp_last;
    x12_subscriber *s = cur_sub(b);
    x12_patient *pt = cur_pat(b);

    if (pt != NULL && lvl <= C8L_PATIENT) {
        if (!pt->checked) {
            check(b, C8C_PATIENT, bp, s, pt);
            pt->checked = 1;
        }
        check(b, C8C_PATIENT_DONE, bp, s, pt);
    }
    if (s != NULL && lvl <= C8L_SUBSCRIBER) {
        if (!s->checked) {
            check(b, C8C_SUBSCRIBER, bp, s, NULL);
            s->checked = 1;
        }
        check(b, C8C_SUBSCRIBER_DONE, bp, s, NULL);
    }
    if (bp != NULL && lvl <= C8L_PROVIDER) {
        if (!bp->checked) {
            check(b, C8C_PROVIDER, bp, NULL, NULL);
            bp->checked = 1;
        }
        check(b, C8C_PROVIDER_DONE, bp, NULL, NULL);
    }
}

int c8_stream_is_open(const x12_batch *b, const x12_subscriber *s, const x12_patient *pt)
{
    if (b->stream->ended)
        return 0;
    return s != NULL ? s == cur_sub(b) : pt != NULL && pt == cur_pat(b);
}

x12_status c8_stream_level(x12_batch *b, int lvl, const void *parent)
{
    c8_stream *st = b->stream;

    if (st->ended || pending(b))
        return X12_ESTATE;
    if ((lvl == C8L_SUBSCRIBER && parent != (const void *)cur_bp(b)) ||
        (lvl == C8L_PATIENT && parent != (const void *)cur_sub(b)))
        return X12_ESTATE;
    close_levels(b, lvl);
    if (c8_check_oom(st->ex))
        return X12_ENOMEM;
    c8_arena_reset_from(b, lvl);
    if (lvl == C8L_PROVIDER)
        b->bp_first = b->bp_last = NULL;
    else if (lvl == C8L_SUBSCRIBER)
        b->bp_last->s_first = b->bp_last->s_last = NULL;
    else if (lvl == C8L_PATIENT)
        b->bp_last->s_last->p_first = b->bp_last->s_last->p_last = NULL;
    return X12_OK;
}

void c8_stream_free(x12_batch *b)
{
    c8_stream *st = b->stream;

    if (st == NULL)
        return;
    if (st->ex != NULL)
        c8_check_end(b, st->ex);
    if (st->wx != NULL)
        c8_write_free(b, st->wx);
    x12i_free(&b->a, st);
    b->stream = NULL;
}

void c8_stream_fail(x12_batch *b)
{
    if (b->stream != NULL)
        b->stream->failed = 1;
}

static x12_status status(const x12_batch *b)
{
    const c8_stream *st = b->stream;

    if (st->wst != X12_OK)
        return st->wst;
    return st->failed ? X12_EEDIT : X12_OK;
}

x12_status x12_batch_stream_begin(x12_batch *b, x12_writer *w)
{
    c8_stream *st;

    if (b == NULL || w == NULL)
        return X12_EINVAL;
    if (b->stream != NULL || b->bp_first != NULL)
        return X12_ESTATE;
    st = x12i_malloc(&b->a, sizeof *st);
    if (st == NULL)
        return X12_ENOMEM;
    memset(st, 0, sizeof *st);
    b->stream = st;
    st->ex = c8_check_begin(b);
    st->wx = c8_write_begin(b, w);
    if (st->ex == NULL || st->wx == NULL) {
        c8_stream_free(b);
        return X12_ENOMEM;
    }
    c8_edits_clear(b);
    c8_check_header(st->ex);
    if (c8_check_oom(st->ex)) {
        c8_stream_free(b);
        return X12_ENOMEM;
    }
    if (b->edits_total != 0)
        st->failed = 1;
    return status(b);
}

/* Checks and writes the claims of one list, all under bp, s (and pt). */
static void check_list(x12_batch *b, const x12_billing_provider *bp, const x12_subscriber *s,
                       const x12_patient *pt, const x12_claim *c)
{
    for (; c != NULL; c = c->next)
        c8_check_claim(b->stream->ex, bp, s, pt, c);
}

static void write_list(x12_batch *b, const x12_billing_provider *bp, const x12_subscriber *s,
                       const x12_patient *pt, const x12_claim *c)
{
    c8_stream *st = b->stream;

    for (; c != NULL && st->wst == X12_OK; c = c->next)
        st->wst = c8_write_claim(st->wx, bp, s, pt, c);
}

x12_status x12_batch_stream_flush(x12_batch *b)
{
    c8_stream *st;
    x12_billing_provider *bp;
    x12_subscriber *s;
    x12_patient *pt;
    size_t before;

    if (b == NULL)
        return X12_EINVAL;
    st = b->stream;
    if (st == NULL || st->ended)
        return X12_ESTATE;
    if (!pending(b))
        return status(b);
    bp = b->bp_last;
    s = cur_sub(b);
    pt = cur_pat(b);
    if (!bp->checked) {
        check(b, C8C_PROVIDER, bp, NULL, NULL);
        bp->checked = 1;
    }
    if (!s->checked) {
        check(b, C8C_SUBSCRIBER, bp, s, NULL);
        s->checked = 1;
        s->checked_own = s->nclaims > 0;
    }
    if (s->c_first != NULL && !s->checked_own) {
        check(b, C8C_SUBSCRIBER_OWN, bp, s, NULL);
        s->checked_own = 1;
    }
    if (pt != NULL && pt->c_first != NULL && !pt->checked) {
        check(b, C8C_PATIENT, bp, s, pt);
        pt->checked = 1;
    }
    before = b->edits_total;
    check_list(b, bp, s, NULL, s->c_first);
    if (pt != NULL)
        check_list(b, bp, s, pt, pt->c_first);
    if (b->edits_total != before)
        st->failed = 1;
    if (c8_check_oom(st->ex)) {
        st->wst = X12_ENOMEM;
        st->failed = 1;
    }
    if (!st->failed && st->wst == X12_OK) {
        write_list(b, bp, s, NULL, s->c_first);
        if (pt != NULL)
            write_list(b, bp, s, pt, pt->c_first);
    }
    /* The claims are done with: their memory goes back to the arena. */
    c8_arena_reset_from(b, C8L_CLAIM);
    s->c_first = s->c_last = NULL;
    if (pt != NULL)
        pt->c_first = pt->c_last = NULL;
    return status(b);
}

void c8_stream_drop(x12_batch *b)
{
    x12_subscriber *s;
    x12_patient *pt;
    const x12_claim *c;

    if (b->stream == NULL)
        return;
    s = cur_sub(b);
    pt = cur_pat(b);
    b->stream->failed = 1;
    b->stream->skipped = 1;
    /* dropped claims keep their numbers, so later paths still count the
     * claims of the input */
    for (c = s != NULL ? s->c_first : NULL; c != NULL; c = c->next)
        c8_check_skip_claim(b->stream->ex);
    for (c = pt != NULL ? pt->c_first : NULL; c != NULL; c = c->next)
        c8_check_skip_claim(b->stream->ex);
    c8_arena_reset_from(b, C8L_CLAIM);
    if (s != NULL)
        s->c_first = s->c_last = NULL;
    if (pt != NULL)
        pt->c_first = pt->c_last = NULL;
}

void c8_stream_skip_claim(x12_batch *b)
{
    if (b->stream == NULL)
        return;
    b->stream->failed = 1;
    b->stream->skipped = 1;
    c8_check_skip_claim(b->stream->ex);
}

x12_status x12_batch_stream_end(x12_batch *b)
{
    c8_stream *st;
    x12_status fl;

    if (b == NULL)
        return X12_EINVAL;
    st = b->stream;
    if (st == NULL || st->ended)
        return X12_ESTATE;
    fl = x12_batch_stream_flush(b);
    if (fl == X12_ENOMEM)
        st->wst = X12_ENOMEM;
    close_levels(b, C8L_PROVIDER);
    /* (when claims of the input were dropped for their own problems, the
     * lack of a provider says nothing more) */
    if (b->nproviders == 0 && !st->skipped) {
        size_t before = b->edits_total;
        c8_check_level(st->ex, C8C_BATCH_DONE, NULL, NULL, NULL);
        if (b->edits_total != before)
            st->failed = 1;
    }
    if (c8_check_oom(st->ex) && st->wst == X12_OK)
        st->wst = X12_ENOMEM;
    st->ended = 1;
    if (!st->failed && st->wst == X12_OK)
        st->wst = c8_write_end(st->wx);
    return status(b);
}
