/*
 * Byte ranges (include/x12/range.h): the range a reader is given
 * (x12_reader_set_range; lib/reader.c applies it when input is opened) and
 * the plan that cuts an input into ranges at transaction sets.  Both use
 * the reader's public interface; only the envelope's starting state is set
 * here directly.
 */
#include <stddef.h>
#include <string.h>

#include "range_internal.h"

/* ---- the envelope a range starts in ------------------------------------ */

static int sbuf_copy(const x12i_alloc *a, x12i_sbuf *dst, const char *p, size_t n)
{
    void *q = dst->p;

    if (x12i_grow(a, &q, &dst->cap, n + 1, 1) != 0)
        return -1;
    dst->p = q;
    if (n > 0)
        memcpy(dst->p, p, n);
    dst->p[n] = '\0';
    dst->len = n;
    return 0;
}

/* Reads the ISA (and GS) a range carries with a reader of their own: their
 * delimiters and the envelope values they set.  Diagnostics of that reader
 * are not reported: the whole input's reading reported them where the
 * segments are. */
static x12_status read_header(const x12i_alloc *a, const x12_range *in, x12i_range *rg)
{
    x12_allocator al;
    x12_reader *r = NULL;
    const x12_segment *seg;
    char *buf;
    x12_status st;
    x12_str id;
    int f;

    if (in->isa_len > SIZE_MAX - in->gs_len)
        return X12_EINVAL;
    buf = x12i_malloc(a, in->isa_len + in->gs_len + 1);
    if (buf == NULL)
        return X12_ENOMEM;
    memcpy(buf, in->isa, in->isa_len);
    if (in->gs_len > 0)
        memcpy(buf + in->isa_len, in->gs, in->gs_len);
    al.struct_size = sizeof al;
    al.malloc_fn = a->malloc_fn;
    al.realloc_fn = a->realloc_fn;
    al.free_fn = a->free_fn;
    al.user = a->user;
    st = x12_reader_new(&al, &r);
    if (st == X12_OK)
        st = x12_reader_open_buffer(r, buf, in->isa_len + in->gs_len);
    if (st == X12_OK) {
        st = x12_reader_next(r, &seg);
        id = x12_segment_id(seg);
        if (st == X12_ENOMEM)
            ;
        else if (st != X12_OK || id.len != 3 || memcmp(id.ptr, "ISA", 3) != 0 ||
                 x12_segment_offset(seg) + x12_segment_raw(seg).len +
                         x12_segment_trailer(seg).len != in->isa_len)
            st = X12_ESYNTAX; /* not one whole ISA segment */
        else
            rg->delims = x12_segment_delimiters(seg);
    }
    if (st == X12_OK && in->gs_len > 0) {
        st = x12_reader_next(r, &seg);
        id = x12_segment_id(seg);
        if (st == X12_ENOMEM)
            ;
        else if (st != X12_OK || id.len != 2 || memcmp(id.ptr, "GS", 2) != 0 ||
                 x12_segment_trailer(seg).len == 0 ||
                 x12_segment_offset(seg) + x12_segment_raw(seg).len +
                         x12_segment_trailer(seg).len != in->isa_len + in->gs_len)
            st = X12_ESYNTAX; /* not one whole, terminated GS segment */
    }
    for (f = 1; st == X12_OK && f <= X12_ENV_GS08; f++) {
        x12_str v = x12_envelope_get(x12_reader_envelope(r), (x12_env_field)f);

        if (sbuf_copy(a, &rg->env.field[f], v.ptr, v.len) != 0)
            st = X12_ENOMEM;
    }
    x12_reader_free(r);
    x12i_free(a, buf);
    return st;
}

void x12i_range_free(const x12i_alloc *a, x12i_range *rg)
{
    if (rg == NULL)
        return;
    x12i_env_free(a, &rg->env);
    x12i_free(a, rg);
}

/* The first version of x12_range ends with total_segments: every size from
 * it up is taken (a program built against an older header passes the
 * older, smaller size once the structure grows; a newer one a bigger
 * size), and only the members it covers are read; later members a caller
 * did not know about read as zero. */
#define X12I_RANGE_V1_SIZE (offsetof(x12_range, total_segments) + sizeof(uint64_t))
_Static_assert(sizeof(x12_range) >= X12I_RANGE_V1_SIZE,
               "x12_range only ever grows from its first version");

x12_status x12i_range_make(const x12i_alloc *a, const x12_range *in, x12i_range **out)
{
    x12_range v;
    x12i_range *rg;
    x12_status st;

    *out = NULL;
    if (in->struct_size < X12I_RANGE_V1_SIZE)
        return X12_EINVAL; /* every member of the first version is needed */
    memset(&v, 0, sizeof v);
    memcpy(&v, in, in->struct_size < sizeof v ? in->struct_size : sizeof v);
    if ((v.isa == NULL && v.isa_len > 0) || (v.gs == NULL && v.gs_len > 0) ||
        (v.gs_len > 0 && v.isa_len == 0))
        return X12_EINVAL;
    rg = x12i_malloc(a, sizeof *rg);
    if (rg == NULL)
        return X12_ENOMEM;
    memset(rg, 0, sizeof *rg);
    x12i_env_init(&rg->env);
    rg->offset = v.offset;
    rg->length = v.length;
    rg->limited = v.length != UINT64_MAX;
    rg->in_interchange = v.isa_len > 0;
    if (rg->in_interchange) {
        st = read_header(a, &v, rg);
        if (st != X12_OK) {
            x12i_range_free(a, rg);
            return st;
        }
    }
    rg->env.in_isa = rg->in_interchange;
    rg->env.in_gs = v.gs_len > 0;
    rg->env.interchanges = v.interchanges;
    rg->env.groups = rg->in_interchange ? v.groups : 0;
    rg->env.sets = rg->env.in_gs ? v.sets : 0;
    rg->env.segments = rg->in_interchange && v.segment_number > 0 ? v.segment_number - 1 : 0;
    rg->env.total_groups = v.total_groups;
    rg->env.total_sets = v.total_sets;
    rg->env.total_segments = v.total_segments;
    rg->env.isa_segno = rg->in_interchange ? 1 : 0;
    *out = rg;
    return X12_OK;
}

x12_status x12i_range_env(const x12i_alloc *a, const x12i_range *rg, x12_envelope *env)
{
    int f;

    for (f = 1; f < X12I_ENV_NFIELDS; f++) {
        const x12i_sbuf *b = &rg->env.field[f];

        if (sbuf_copy(a, &env->field[f], b->p != NULL ? b->p : "", b->len) != 0)
            return X12_ENOMEM;
    }
    env->in_isa = rg->env.in_isa;
    env->in_gs = rg->env.in_gs;
    env->in_st = 0;
    env->interchanges = rg->env.interchanges;
    env->groups = rg->env.groups;
    env->sets = rg->env.sets;
    env->set_segments = 0;
    env->segments = rg->env.segments;
    env->total_groups = rg->env.total_groups;
    env->total_sets = rg->env.total_sets;
    env->total_segments = rg->env.total_segments;
    env->isa_segno = rg->env.isa_segno;
    env->closed_isa = env->closed_gs = env->closed_st = 0;
    return X12_OK;
}

void x12i_range_finish(x12_envelope *env, int check, x12i_report_fn report, void *ctx)
{
    if (env->closed_st) {
        env->in_st = 0;
        env->closed_st = 0;
    }
    if (env->in_st && check) {
        x12i_sbuf *b = &env->field[X12_ENV_ST02];
        char q[32];

        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "missing-trailer", NULL, 0,
               "end of the byte range: transaction set ST02 %s has no SE",
               x12i_quote_msg(q, sizeof q, b->p != NULL ? b->p : "", b->len, 9, NULL, 1));
    }
    env->in_st = env->in_gs = env->in_isa = 0;
    env->closed_st = env->closed_gs = env->closed_isa = 0;
}

/* ---- planning ----------------------------------------------------------- */

/* What a range holds, as it is read. */
typedef struct rstate {
    x12_range r;            /* isa / gs point into the buffers below when handed out */
    x12i_sbuf isa, gs;
    uint64_t info[5];       /* by x12_range_plan_info */
} rstate;

struct x12_range_plan {
    x12i_alloc a;
    x12_reader *r;
    int own_reader;
    uint64_t bytes;
    char set_id[9], seg_id[4];
    size_t set_id_len, seg_id_len;

    int started, finished;
    x12_status dead;
    x12_error last;
    int have_last;

    x12i_sbuf isa, gs;      /* the last ISA and GS read, terminators included */
    int in_set;             /* after an ST, before what closes its set */
    int counted;            /* that set's ST01 is set_id */
    int have_cur;
    rstate cur, out;
};

x12_status x12_range_plan_new(const x12_allocator *alloc, x12_reader *reader,
                              x12_range_plan **out)
{
    x12i_alloc a;
    x12_range_plan *p;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    p = x12i_malloc(&a, sizeof *p);
    if (p == NULL)
        return X12_ENOMEM;
    memset(p, 0, sizeof *p);
    p->a = a;
    if (reader != NULL) {
        p->r = reader;
    } else {
        st = x12_reader_new(alloc, &p->r);
        if (st != X12_OK) {
            x12i_free(&a, p);
            return st;
        }
        p->own_reader = 1;
    }
    *out = p;
    return X12_OK;
}

static void rstate_free(const x12i_alloc *a, rstate *s)
{
    x12i_free(a, s->isa.p);
    x12i_free(a, s->gs.p);
}

void x12_range_plan_free(x12_range_plan *p)
{
    x12i_alloc a;

    if (p == NULL)
        return;
    a = p->a;
    x12i_free(&a, p->isa.p);
    x12i_free(&a, p->gs.p);
    rstate_free(&a, &p->cur);
    rstate_free(&a, &p->out);
    if (p->own_reader)
        x12_reader_free(p->r);
    x12i_free(&a, p);
}

x12_reader *x12_range_plan_reader(x12_range_plan *p)
{
    return p != NULL ? p->r : NULL;
}

x12_status x12_range_plan_set_option(x12_range_plan *p, x12_range_plan_option opt,
                                     uint64_t value)
{
    if (p == NULL)
        return X12_EINVAL;
    if (p->started)
        return X12_ESTATE;
    if (opt == X12_RPLANOPT_BYTES) {
        p->bytes = value;
        return X12_OK;
    }
    return X12_EINVAL;
}

static int id_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

x12_status x12_range_plan_count(x12_range_plan *p, const char *set_id, const char *segment_id)
{
    size_t n, m = 0, i;

    if (p == NULL || set_id == NULL)
        return X12_EINVAL;
    if (p->started)
        return X12_ESTATE;
    n = strlen(set_id);
    if (segment_id != NULL)
        m = strlen(segment_id);
    if (n == 0 || n > 8 || (segment_id != NULL && (m < 1 || m > 3)))
        return X12_EINVAL;
    for (i = 0; i < m; i++)
        if (!id_char(segment_id[i]))
            return X12_EINVAL;
    memcpy(p->set_id, set_id, n + 1);
    p->set_id_len = n;
    if (segment_id != NULL)
        memcpy(p->seg_id, segment_id, m + 1);
    else
        p->seg_id[0] = '\0';
    p->seg_id_len = m;
    return X12_OK;
}

static int is_id(x12_str id, const char *want)
{
    size_t n = strlen(want);

    return id.len == n && memcmp(id.ptr, want, n) == 0;
}

/* A segment and the white space after it, as x12_range wants ISA and GS. */
static int keep_segment(const x12i_alloc *a, x12i_sbuf *b, const x12_segment *seg)
{
    x12_str raw = x12_segment_raw(seg), tr = x12_segment_trailer(seg);

    /* raw and trailer are contiguous: the trailer starts where raw ends */
    return sbuf_copy(a, b, raw.ptr, raw.len + tr.len);
}

/* Starts the range that begins at the ST `seg` (just read). */
static int begin_range(x12_range_plan *p, const x12_segment *seg)
{
    const x12_envelope *env = x12_reader_envelope(p->r);
    rstate *c = &p->cur;

    memset(&c->r, 0, sizeof c->r);
    memset(c->info, 0, sizeof c->info);
    c->r.struct_size = sizeof c->r;
    c->r.offset = x12_segment_offset(seg);
    c->r.segment_number = x12_segment_number(seg);
    c->r.interchanges = x12_envelope_count(env, X12_COUNT_INTERCHANGES);
    c->r.groups = x12_envelope_count(env, X12_COUNT_GROUPS);
    c->r.sets = x12_envelope_count(env, X12_COUNT_SETS) - 1;
    c->r.total_groups = x12_envelope_count(env, X12_COUNT_TOTAL_GROUPS);
    c->r.total_sets = x12_envelope_count(env, X12_COUNT_TOTAL_SETS) - 1;
    c->r.total_segments = x12_envelope_count(env, X12_COUNT_TOTAL_SEGMENTS) - 1;
    c->isa.len = c->gs.len = 0;
    if (x12_envelope_in_interchange(env) &&
        sbuf_copy(&p->a, &c->isa, p->isa.p != NULL ? p->isa.p : "", p->isa.len) != 0)
        return -1;
    if (x12_envelope_in_group(env) && c->isa.len > 0 &&
        sbuf_copy(&p->a, &c->gs, p->gs.p != NULL ? p->gs.p : "", p->gs.len) != 0)
        return -1;
    p->have_cur = 1;
    return 0;
}

/* The range being read ends at `end`: it becomes the one handed out. */
static void end_range(x12_range_plan *p, uint64_t end)
{
    rstate t = p->out;

    p->cur.r.length = end - p->cur.r.offset;
    p->out = p->cur;
    p->cur = t; /* its buffers are reused */
    p->have_cur = 0;
    p->out.r.isa = p->out.isa.len > 0 ? p->out.isa.p : NULL;
    p->out.r.isa_len = p->out.isa.len;
    p->out.r.gs = p->out.gs.len > 0 ? p->out.gs.p : NULL;
    p->out.r.gs_len = p->out.gs.len;
}

static x12_status plan_die(x12_range_plan *p, x12_status st, const x12_error *e)
{
    p->dead = st;
    if (e != NULL) {
        p->last = *e;
    } else {
        x12i_error_set(&p->last, st, X12_SEV_FATAL, st == X12_ENOMEM ? "memory" : "reader", 0,
                       NULL, 0, x12_reader_offset(p->r), 0, "%s", x12_strerror(st));
    }
    p->have_last = 1;
    return st;
}

x12_status x12_range_plan_next(x12_range_plan *p, const x12_range **out)
{
    const x12_segment *seg;
    x12_status st;

    if (out != NULL)
        *out = NULL;
    if (p == NULL || out == NULL)
        return X12_EINVAL;
    if (p->dead != X12_OK)
        return p->dead;
    if (p->finished)
        return X12_END;
    if (!p->started) {
        /* The first range starts at the first byte, outside any
         * interchange. */
        p->started = 1;
        memset(&p->cur.r, 0, sizeof p->cur.r);
        p->cur.r.struct_size = sizeof p->cur.r;
        p->have_cur = 1;
    }
    for (;;) {
        x12_str id;
        int is_st, closes;

        st = x12_reader_next(p->r, &seg);
        if (st == X12_END) {
            p->finished = 1;
            end_range(p, x12_reader_offset(p->r));
            p->out.r.length = UINT64_MAX; /* to the end: its checks are the input's */
            *out = &p->out.r;
            return X12_OK;
        }
        if (st == X12_AGAIN)
            return st; /* push input: feed the reader, call again */
        if (st != X12_OK) {
            const x12_error *e = x12_reader_last_error(p->r);

            if (e != NULL && x12_error_severity(e) != X12_SEV_FATAL)
                continue; /* bad bytes skipped: the range readers report them */
            return plan_die(p, st, e);
        }
        id = x12_segment_id(seg);
        is_st = is_id(id, "ST");
        closes = is_st || is_id(id, "GE") || is_id(id, "IEA") || is_id(id, "ISA");
        if (is_st && !p->in_set && p->cur.info[X12_RPLAN_SETS] > 0 &&
            x12_segment_offset(seg) - p->cur.r.offset >= p->bytes) {
            /* A set the input closed with its SE came before: the
             * envelope is in the same state here for a reader that starts
             * at this ST as for one that read everything before it. */
            end_range(p, x12_segment_offset(seg));
            if (begin_range(p, seg) != 0)
                return plan_die(p, X12_ENOMEM, NULL);
            *out = &p->out.r;
        }
        if (p->in_set && closes)
            p->in_set = 0; /* closed without its SE */
        p->cur.info[X12_RPLAN_SEGMENTS]++;
        if (is_id(id, "ISA")) {
            if (keep_segment(&p->a, &p->isa, seg) != 0)
                return plan_die(p, X12_ENOMEM, NULL);
            p->gs.len = 0;
        } else if (is_id(id, "GS")) {
            if (keep_segment(&p->a, &p->gs, seg) != 0)
                return plan_die(p, X12_ENOMEM, NULL);
        } else if (is_st) {
            x12_str st01 = x12_segment_element(seg, 1);

            p->in_set = 1;
            p->counted = p->set_id_len > 0 && st01.len == p->set_id_len &&
                         memcmp(st01.ptr, p->set_id, st01.len) == 0;
            p->cur.info[X12_RPLAN_SETS]++;
            if (p->counted)
                p->cur.info[X12_RPLAN_COUNTED_SETS]++;
        } else if (p->in_set && is_id(id, "SE")) {
            p->in_set = 0;
        } else if (p->in_set && p->counted && p->seg_id_len > 0 && id.len == p->seg_id_len &&
                   memcmp(id.ptr, p->seg_id, id.len) == 0) {
            p->cur.info[X12_RPLAN_COUNTED_SEGMENTS]++;
        }
        if (*out != NULL)
            return X12_OK;
    }
}

const x12_error *x12_range_plan_last_error(const x12_range_plan *p)
{
    return p != NULL && p->have_last ? &p->last : NULL;
}

uint64_t x12_range_plan_get(const x12_range_plan *p, x12_range_plan_info what)
{
    if (p == NULL || (int)what < 1 || (int)what > 4)
        return 0;
    return p->out.info[what];
}
