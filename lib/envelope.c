/*
 * Envelope bookkeeping and checks: ISA/IEA, GS/GE and ST/SE control numbers,
 * counts and nesting.  Runs on every segment the reader hands out; knows
 * nothing of what is inside a transaction set.
 */
#include <string.h>

#include "reader_internal.h"
#include "x12types_internal.h"

void x12i_env_init(x12_envelope *env)
{
    memset(env, 0, sizeof *env);
}

void x12i_env_free(const x12i_alloc *a, x12_envelope *env)
{
    size_t i;

    for (i = 0; i < X12I_ENV_NFIELDS; i++)
        x12i_free(a, env->field[i].p);
    memset(env, 0, sizeof *env);
}

static int sbuf_set(const x12i_alloc *a, x12i_sbuf *b, x12_str v)
{
    void *p = b->p;

    if (x12i_grow(a, &p, &b->cap, v.len + 1, 1) != 0)
        return -1;
    b->p = p;
    memcpy(b->p, v.ptr, v.len);
    b->p[v.len] = '\0';
    b->len = v.len;
    return 0;
}

static void clear_fields(x12_envelope *env, int from, int to)
{
    int i;

    for (i = from; i <= to; i++)
        env->field[i].len = 0;
}

static x12_str field(const x12_envelope *env, int f)
{
    x12_str s;

    s.ptr = env->field[f].p ? env->field[f].p : "";
    s.len = env->field[f].len;
    return s;
}

static x12_str trim_right(x12_str s)
{
    while (s.len > 0 && s.ptr[s.len - 1] == ' ')
        s.len--;
    return s;
}

static int str_eq(x12_str a, x12_str b)
{
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* Control numbers and counts are not identifying data, but a corrupt or
 * shifted one may hold anything (a name, a member id): quoted only when it
 * has the shape of one (9 characters at most, capitals and digits), by the
 * rule of x12i_quote_value. */
#define QUOTE(buf, s) x12i_quote_msg(buf, sizeof buf, (s).ptr, (s).len, 9, NULL, 1)
#define QUOTE_COUNT(buf, s) x12i_quote_msg(buf, sizeof buf, (s).ptr, (s).len, 10, NULL, 1)

/* ---- the rules of headers and trailers ------------------------------------------
 * Written once, used twice: by x12i_env_segment below (the reader's
 * checks) and by the validator, which reports what they find with the
 * 999 or TA1 code of each rule name (lib/validate.c). */

/* What a trailer says and what it is checked against. */
static const struct trailer_rule {
    const char *id;                  /* SE, GE, IEA */
    const char *count, *count_rule;  /* "SE01", "se01-count" */
    const char *what;                /* what is counted */
    const char *control, *control_rule, *header; /* "SE02", "se02-control", "ST02" */
} trailers[] = {
    {"SE", "SE01", "se01-count", "segments", "SE02", "se02-control", "ST02"},
    {"GE", "GE01", "ge01-count", "transaction sets", "GE02", "ge02-control", "GS06"},
    {"IEA", "IEA01", "iea01-count", "functional groups", "IEA02", "iea02-control", "ISA13"},
};

void x12i_env_check_trailer(const x12_segment *seg, uint64_t counted, x12_str header_control,
                            uint64_t *given, x12i_report_fn report, void *ctx)
{
    x12_str id = x12_segment_id(seg), v;
    const struct trailer_rule *t = NULL;
    uint64_t n = counted;
    char q1[32], q2[32];
    size_t i;

    for (i = 0; i < sizeof trailers / sizeof trailers[0]; i++)
        if (id.len == strlen(trailers[i].id) && memcmp(id.ptr, trailers[i].id, id.len) == 0)
            t = &trailers[i];
    if (t == NULL)
        return;
    v = x12_segment_element(seg, 1);
    if (x12i_count_parse(v.ptr, v.len, &n) != 0) {
        n = counted;
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, t->count_rule, seg, 1,
               "%s %s is not a number; counted %llu %s", t->count, QUOTE_COUNT(q1, v),
               (unsigned long long)counted, t->what);
    } else if (n != counted) {
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, t->count_rule, seg, 1,
               "%s says %llu %s, counted %llu", t->count, (unsigned long long)n, t->what,
               (unsigned long long)counted);
    }
    if (given != NULL)
        *given = n;
    v = x12_segment_element(seg, 2);
    if (!str_eq(v, header_control))
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, t->control_rule, seg, 2,
               "%s %s does not match %s %s", t->control, QUOTE(q1, v), t->header,
               QUOTE(q2, header_control));
}

int x12i_env_check_control_number(const x12_segment *seg, x12i_report_fn report, void *ctx)
{
    x12_str id = x12_segment_id(seg), v;
    char q[32];

    if (id.len == 3 && memcmp(id.ptr, "ISA", 3) == 0) {
        v = x12_segment_element(seg, 13);
        if (v.len == 9 && x12i_all_digits(v.ptr, v.len))
            return 0;
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "control-number", seg, 13,
               "ISA13 %s is not a 9-digit control number", QUOTE(q, v));
    } else if (id.len == 2 && memcmp(id.ptr, "GS", 2) == 0) {
        v = x12_segment_element(seg, 6);
        if (v.len >= 1 && v.len <= 9 && x12i_all_digits(v.ptr, v.len))
            return 0;
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "control-number", seg, 6,
               "GS06 %s is not a control number of 1-9 digits", QUOTE(q, v));
    } else if (id.len == 2 && memcmp(id.ptr, "ST", 2) == 0) {
        v = x12_segment_element(seg, 2);
        if (v.len >= 4 && v.len <= 9)
            return 0;
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "control-number", seg, 2,
               "ST02 %s is not a control number of 4-9 characters", QUOTE(q, v));
    } else {
        return 0;
    }
    return 1;
}

enum seg_kind { SEG_OTHER = 0, SEG_ISA, SEG_GS, SEG_ST, SEG_SE, SEG_GE, SEG_IEA };

/* Which envelope segment this is, if any.  Called for every segment, so it
 * looks at the id's bytes directly. */
static enum seg_kind seg_kind(const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);

    if (id.len == 2) {
        if (id.ptr[0] == 'S' && id.ptr[1] == 'T')
            return SEG_ST;
        if (id.ptr[0] == 'S' && id.ptr[1] == 'E')
            return SEG_SE;
        if (id.ptr[0] == 'G' && id.ptr[1] == 'S')
            return SEG_GS;
        if (id.ptr[0] == 'G' && id.ptr[1] == 'E')
            return SEG_GE;
    } else if (id.len == 3 && id.ptr[0] == 'I') {
        if (id.ptr[1] == 'S' && id.ptr[2] == 'A')
            return SEG_ISA;
        if (id.ptr[1] == 'E' && id.ptr[2] == 'A')
            return SEG_IEA;
    }
    return SEG_OTHER;
}

static int seg_is_ta1(const x12_segment *seg)
{
    x12_str id = x12_segment_id(seg);

    return id.len == 3 && memcmp(id.ptr, "TA1", 3) == 0;
}

/* Reports what is left open when a new envelope starts or the input ends. */
static void report_open(x12_envelope *env, x12_segment *seg, int levels, const char *why,
                        x12i_report_fn report, void *ctx)
{
    char q[32];

    if ((levels & 4) && env->in_st)
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "missing-trailer", seg, 0,
               "%s: transaction set ST02 %s has no SE", why, QUOTE(q, field(env, X12_ENV_ST02)));
    if ((levels & 2) && env->in_gs)
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "missing-trailer", seg, 0,
               "%s: functional group GS06 %s has no GE", why, QUOTE(q, field(env, X12_ENV_GS06)));
    if ((levels & 1) && env->in_isa)
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "missing-trailer", seg, 0,
               "%s: interchange ISA13 %s has no IEA", why, QUOTE(q, field(env, X12_ENV_ISA13)));
}

static int store(const x12i_alloc *a, x12_envelope *env, int f, x12_str v)
{
    return sbuf_set(a, &env->field[f], v);
}

/* Levels closed by the previous segment end when the next one starts. */
static void apply_closes(x12_envelope *env)
{
    if (env->closed_st) {
        env->in_st = 0;
        env->closed_st = 0;
        clear_fields(env, X12_ENV_ST01, X12_ENV_ST03);
    }
    if (env->closed_gs) {
        env->in_gs = 0;
        env->closed_gs = 0;
        clear_fields(env, X12_ENV_GS01, X12_ENV_GS08);
    }
    if (env->closed_isa) {
        env->in_isa = 0;
        env->closed_isa = 0;
        clear_fields(env, X12_ENV_ISA05, X12_ENV_ISA15);
    }
}

void x12i_env_skipped(x12_envelope *env)
{
    apply_closes(env);
    env->total_segments++;
    env->segments++;
    if (env->in_st)
        env->set_segments++;
}

x12_status x12i_env_segment(const x12i_alloc *a, x12_envelope *env, x12_segment *seg,
                            int check, x12i_report_fn report, void *ctx)
{
    int rc = 0;
    enum seg_kind kind;

    apply_closes(env);
    env->total_segments++;

    kind = seg_kind(seg);

    if (kind == SEG_ISA) {
        seg->number = 1;
        if (check)
            report_open(env, seg, 7, "ISA before IEA", report, ctx);
        env->in_isa = 1;
        env->in_gs = env->in_st = 0;
        env->interchanges++;
        env->segments = 1;
        env->groups = env->sets = env->set_segments = 0;
        clear_fields(env, 1, X12I_ENV_NFIELDS - 1);
        seg->number = 1;
        seg->set_position = 0;
        rc |= store(a, env, X12_ENV_ISA05, x12_segment_element(seg, 5));
        rc |= store(a, env, X12_ENV_ISA06, trim_right(x12_segment_element(seg, 6)));
        rc |= store(a, env, X12_ENV_ISA07, x12_segment_element(seg, 7));
        rc |= store(a, env, X12_ENV_ISA08, trim_right(x12_segment_element(seg, 8)));
        rc |= store(a, env, X12_ENV_ISA09, x12_segment_element(seg, 9));
        rc |= store(a, env, X12_ENV_ISA10, x12_segment_element(seg, 10));
        rc |= store(a, env, X12_ENV_ISA12, x12_segment_element(seg, 12));
        rc |= store(a, env, X12_ENV_ISA13, x12_segment_element(seg, 13));
        rc |= store(a, env, X12_ENV_ISA14, x12_segment_element(seg, 14));
        rc |= store(a, env, X12_ENV_ISA15, x12_segment_element(seg, 15));
        if (check)
            x12i_env_check_control_number(seg, report, ctx);
        env->isa_segno = 1;
        return rc ? X12_ENOMEM : X12_OK;
    }

    env->segments++;
    seg->number = env->segments;
    seg->set_position = 0;

    if (kind == SEG_GS) {
        if (check) {
            if (!env->in_isa)
                report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "nesting", seg, 0,
                       "GS outside an interchange (no ISA before it)");
            report_open(env, seg, 6, "GS before GE", report, ctx);
        }
        env->in_gs = 1;
        env->in_st = 0;
        env->groups++;
        env->total_groups++;
        env->sets = 0;
        clear_fields(env, X12_ENV_GS01, X12_ENV_ST03);
        rc |= store(a, env, X12_ENV_GS01, x12_segment_element(seg, 1));
        rc |= store(a, env, X12_ENV_GS02, x12_segment_element(seg, 2));
        rc |= store(a, env, X12_ENV_GS03, x12_segment_element(seg, 3));
        rc |= store(a, env, X12_ENV_GS04, x12_segment_element(seg, 4));
        rc |= store(a, env, X12_ENV_GS05, x12_segment_element(seg, 5));
        rc |= store(a, env, X12_ENV_GS06, x12_segment_element(seg, 6));
        rc |= store(a, env, X12_ENV_GS08, x12_segment_element(seg, 8));
        if (check)
            x12i_env_check_control_number(seg, report, ctx);
        return rc ? X12_ENOMEM : X12_OK;
    }

    if (kind == SEG_ST) {
        if (check) {
            if (!env->in_gs)
                report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "nesting", seg, 0,
                       "ST outside a functional group (no GS before it)");
            report_open(env, seg, 4, "ST before SE", report, ctx);
        }
        env->in_st = 1;
        env->sets++;
        env->total_sets++;
        env->set_segments = 1;
        seg->set_position = 1;
        rc |= store(a, env, X12_ENV_ST01, x12_segment_element(seg, 1));
        rc |= store(a, env, X12_ENV_ST02, x12_segment_element(seg, 2));
        rc |= store(a, env, X12_ENV_ST03, x12_segment_element(seg, 3));
        if (check)
            x12i_env_check_control_number(seg, report, ctx);
        return rc ? X12_ENOMEM : X12_OK;
    }

    if (kind == SEG_SE) {
        if (!env->in_st) {
            if (check)
                report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "nesting", seg, 0,
                       "SE without a matching ST");
            return X12_OK;
        }
        env->set_segments++;
        seg->set_position = env->set_segments;
        if (check)
            x12i_env_check_trailer(seg, env->set_segments, field(env, X12_ENV_ST02), NULL,
                                   report, ctx);
        env->closed_st = 1;
        return X12_OK;
    }

    if (kind == SEG_GE) {
        if (check) {
            report_open(env, seg, 4, "GE before SE", report, ctx);
            if (!env->in_gs) {
                report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "nesting", seg, 0,
                       "GE without a matching GS");
            } else {
                x12i_env_check_trailer(seg, env->sets, field(env, X12_ENV_GS06), NULL, report,
                                       ctx);
            }
        }
        if (env->in_st)
            env->closed_st = 1;
        if (env->in_gs)
            env->closed_gs = 1;
        return X12_OK;
    }

    if (kind == SEG_IEA) {
        if (check) {
            report_open(env, seg, 6, "IEA before GE", report, ctx);
            if (!env->in_isa) {
                report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "nesting", seg, 0,
                       "IEA without a matching ISA");
            } else {
                x12i_env_check_trailer(seg, env->groups, field(env, X12_ENV_ISA13), NULL,
                                       report, ctx);
            }
        }
        if (env->in_st)
            env->closed_st = 1;
        if (env->in_gs)
            env->closed_gs = 1;
        if (env->in_isa)
            env->closed_isa = 1;
        return X12_OK;
    }

    if (env->in_st) {
        env->set_segments++;
        seg->set_position = env->set_segments;
    } else if (check && !(env->in_isa && !env->in_gs && seg_is_ta1(seg))) {
        /* A TA1 (interchange acknowledgment) belongs between ISA and GS. */
        x12_str id = x12_segment_id(seg);
        char what[64];
        report(ctx, X12_SEV_ERROR, X12_EENVELOPE, "nesting", seg, 0,
               "%s is outside a transaction set (ST..SE)",
               x12i_segid_text(what, sizeof what, id.ptr, id.len));
    }
    return X12_OK;
}

void x12i_env_finish(x12_envelope *env, uint64_t offset, int check, x12i_report_fn report,
                     void *ctx)
{
    (void)offset;
    if (env->closed_st) {
        env->in_st = 0;
        env->closed_st = 0;
    }
    if (env->closed_gs) {
        env->in_gs = 0;
        env->closed_gs = 0;
    }
    if (env->closed_isa) {
        env->in_isa = 0;
        env->closed_isa = 0;
    }
    if (check)
        report_open(env, NULL, 7, "end of input", report, ctx);
    env->in_st = env->in_gs = env->in_isa = 0;
}

/* ---- public accessors --------------------------------------------------- */

x12_str x12_envelope_get(const x12_envelope *env, x12_env_field f)
{
    x12_str s = {"", 0};

    if (env == NULL || (int)f < 1 || (int)f >= X12I_ENV_NFIELDS)
        return s;
    return field(env, (int)f);
}

uint64_t x12_envelope_count(const x12_envelope *env, x12_env_count which)
{
    if (env == NULL)
        return 0;
    switch (which) {
    case X12_COUNT_INTERCHANGES: return env->interchanges;
    case X12_COUNT_GROUPS: return env->groups;
    case X12_COUNT_SETS: return env->sets;
    case X12_COUNT_SET_SEGMENTS: return env->in_st ? env->set_segments : 0;
    case X12_COUNT_SEGMENTS: return env->segments;
    case X12_COUNT_TOTAL_GROUPS: return env->total_groups;
    case X12_COUNT_TOTAL_SETS: return env->total_sets;
    case X12_COUNT_TOTAL_SEGMENTS: return env->total_segments;
    }
    return 0;
}

int x12_envelope_in_interchange(const x12_envelope *env)
{
    return env ? env->in_isa : 0;
}

int x12_envelope_in_group(const x12_envelope *env)
{
    return env ? env->in_gs : 0;
}

int x12_envelope_in_set(const x12_envelope *env)
{
    return env ? env->in_st : 0;
}
