/*
 * 999 and TA1 acknowledgments, written while a validator reports what it
 * finds (see <x12/ack.h>).  Issues of a transaction set are kept until its
 * end, then written in position order, up to x12_ack_set_max_set_issues
 * (the rest are counted for IK5); nothing else is buffered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "validate_internal.h"
#include "x12types_internal.h"

typedef struct held {
    x12_issue is;
    size_t seq;
} held;

struct x12_ack {
    x12i_alloc a;
    x12_ack_kind kind;
    x12_writer *w;
    x12_status st;
    char date[9], time[5];
    int time_set;
    /* the current input interchange / group / set */
    int out_isa;       /* an output interchange is open */
    int in_group;
    held *set_issues;
    size_t nset, capset;
    uint64_t max_set; /* x12_ack_set_max_set_issues */
    int bad_values;   /* X12_AOPT_BAD_VALUES */
    /* issues of the set past max_set: counted, not held */
    uint64_t over_errors, over_warnings;
    int over_syntax, over_impl;
    char over_codes[5][4];
    size_t nover_codes;
    int in_set;
    char st01[8], st02[16], st03[40];
    uint64_t received, accepted;
    char group_codes[5][4];
    size_t ngroup_codes;
    int group_error, group_warning, any_e;
    char ta1_note[4];
    int ta1_error, ta1_warning;
    uint64_t sets_total, sets_accepted;
};

/* ---- writing helpers ----------------------------------------------------- */

static void wr_begin(x12_ack *k, const char *id)
{
    if (k->st == X12_OK)
        k->st = x12_writer_begin(k->w, id);
}

static size_t echo_copy(const x12_ack *k, char *buf, size_t size, const char *p, size_t n,
                        size_t max);

/* Every string written goes through the echo filter: codes, loop ids and
 * element references come from the guide, which a caller may load from
 * any file, so none of them is trusted to be free of delimiters. */
static void wr(x12_ack *k, const char *s)
{
    char buf[256];

    if (k->st == X12_OK)
        k->st = x12_writer_add(k->w, buf, echo_copy(k, buf, sizeof buf, s, strlen(s), 0));
}

static void wr_n(x12_ack *k, const char *s, size_t n)
{
    if (k->st == X12_OK)
        k->st = x12_writer_add(k->w, s, n);
}

static void wr_comp(x12_ack *k, const char *s)
{
    if (k->st == X12_OK)
        k->st = x12_writer_add_component(k->w, s, X12_NTS);
}

static void wr_uint(x12_ack *k, uint64_t n)
{
    if (k->st == X12_OK)
        k->st = x12_writer_add_uint(k->w, n);
}

static void wr_end(x12_ack *k)
{
    x12_status st = x12_writer_end(k->w);

    if (k->st == X12_OK)
        k->st = st;
}

/*
 * Echoes a value taken from the input.  The input may hold bytes that are
 * delimiters of the acknowledgment (its own delimiters differ, and the
 * reader does not split ISA fields) or control bytes, and fields wider than
 * the acknowledgment's element allows: those bytes become '?' and the value
 * is cut to `max` characters (0: no cut beyond 255), so the acknowledgment
 * is always written.
 */
static size_t echo_copy(const x12_ack *k, char *buf, size_t size, const char *p, size_t n,
                        size_t max)
{
    x12_delimiters d = {0, 0, 0, 0};
    size_t i;

    if (max == 0 || max > size)
        max = size;
    if (n > max)
        n = max;
    x12_writer_delimiters(k->w, &d);
    for (i = 0; i < n; i++) {
        char c = p[i];
        buf[i] = ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f || c == d.element ||
                  c == d.component || (d.repetition != 0 && c == d.repetition) ||
                  c == d.segment)
                     ? '?'
                     : c;
    }
    return n;
}

static void wr_echo(x12_ack *k, const char *p, size_t n, size_t max)
{
    char buf[256];

    wr_n(k, buf, echo_copy(k, buf, sizeof buf, p, n, max));
}

static void wr_echo_comp(x12_ack *k, const char *p, size_t n, size_t max)
{
    char buf[256];

    n = echo_copy(k, buf, sizeof buf, p, n, max);
    if (k->st == X12_OK)
        k->st = x12_writer_add_component(k->w, buf, n);
}

static void wr_field(x12_ack *k, const x12_validator *v, x12_env_field f)
{
    x12_str s = x12_validator_envelope_get(v, f);
    size_t max = 0;

    /* Widths of the acknowledgment's own elements these values go to. */
    switch (f) {
    case X12_ENV_ISA05: case X12_ENV_ISA07: max = 2; break;
    case X12_ENV_ISA06: case X12_ENV_ISA08: max = 15; break;
    case X12_ENV_ISA09: max = 6; break;
    case X12_ENV_ISA10: max = 4; break;
    case X12_ENV_ISA13: max = 9; break;
    default: break;
    }
    wr_echo(k, s.ptr, s.len, max);
}

static void now(x12_ack *k)
{
    time_t t;
    struct tm tm;

    if (k->time_set)
        return;
    t = time(NULL);
    if (gmtime_r(&t, &tm) == NULL)
        memset(&tm, 0, sizeof tm);
    {
        char buf[32];
        snprintf(buf, sizeof buf, "%04u%02u%02u%02u%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
                 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
                 (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u);
        memcpy(k->date, buf, 8);
        k->date[8] = '\0';
        memcpy(k->time, buf + 8, 4);
        k->time[4] = '\0';
    }
    k->time_set = 1;
}

/* ISA with the input's sender and receiver swapped. */
static void write_isa(x12_ack *k, const x12_validator *v)
{
    x12_str usage = x12_validator_envelope_get(v, X12_ENV_ISA15);

    now(k);
    wr_begin(k, "ISA");
    wr(k, "00");
    wr(k, "");
    wr(k, "00");
    wr(k, "");
    wr_field(k, v, X12_ENV_ISA07);
    wr_field(k, v, X12_ENV_ISA08);
    wr_field(k, v, X12_ENV_ISA05);
    wr_field(k, v, X12_ENV_ISA06);
    wr(k, k->date + 2);
    wr(k, k->time);
    wr(k, "");
    wr(k, "00501");
    wr(k, "");
    wr(k, "0");
    wr(k, usage.len == 1 && (usage.ptr[0] == 'P' || usage.ptr[0] == 'T') ? (usage.ptr[0] == 'P' ? "P" : "T") : "P");
    wr(k, "");
    wr_end(k);
    k->out_isa = 1;
}

static void close_isa(x12_ack *k)
{
    if (!k->out_isa)
        return;
    if (k->st == X12_OK)
        k->st = x12_writer_close_interchange(k->w);
    k->out_isa = 0;
}

static void add_code(char (*codes)[4], size_t *n, size_t max, const char *code)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (strcmp(codes[i], code) == 0)
            return;
    if (*n < max)
        snprintf(codes[(*n)++], 4, "%s", code);
}

/* ---- the 999 ---------------------------------------------------------------- */

static void group_begin(x12_ack *k, const x12_validator *v)
{
    now(k);
    wr_begin(k, "GS");
    wr(k, "FA");
    wr_field(k, v, X12_ENV_GS03);
    wr_field(k, v, X12_ENV_GS02);
    wr(k, k->date);
    wr(k, k->time);
    wr(k, "");
    wr(k, "X");
    wr(k, "005010X231A1");
    wr_end(k);
    wr_begin(k, "ST");
    wr(k, "999");
    wr(k, "");
    wr(k, "005010X231A1");
    wr_end(k);
    wr_begin(k, "AK1");
    wr_field(k, v, X12_ENV_GS01);
    wr_field(k, v, X12_ENV_GS06);
    wr_field(k, v, X12_ENV_GS08);
    wr_end(k);
    k->in_group = 1;
    k->received = k->accepted = 0;
    k->ngroup_codes = 0;
    k->group_error = k->group_warning = k->any_e = 0;
}

static int by_position(const void *x, const void *y)
{
    const held *a = x, *b = y;

    if (a->is.setpos != b->is.setpos)
        return a->is.setpos < b->is.setpos ? -1 : 1;
    if (a->is.level != b->is.level)
        return a->is.level < b->is.level ? -1 : 1;
    return a->seq < b->seq ? -1 : (a->seq > b->seq);
}

static void write_ik3(x12_ack *k, const x12_issue *is, const char *code)
{
    char id[4], loop[5];

    size_t n = strlen(is->err.segid);

    if (n > 3)
        n = 3;
    memcpy(id, is->err.segid, n);
    id[n] = '\0';
    if (n < 2)
        memcpy(id, "??", 3);
    /* IK303 holds at most 4 characters: "2010AA" is written "2010". */
    n = strlen(is->err.loop);
    if (n > 4)
        n = 4;
    memcpy(loop, is->err.loop, n);
    loop[n] = '\0';
    wr_begin(k, "IK3");
    wr_echo(k, id, strlen(id), 3);
    wr_uint(k, is->setpos);
    wr(k, loop);
    wr(k, code);
    wr_end(k);
    if (is->ctx_name[0] != '\0' && is->ctx_value[0] != '\0') {
        /* CTX01-2 holds at most 35 characters; CLM01 may have 38. */
        wr_begin(k, "CTX");
        wr(k, is->ctx_name);
        wr_echo_comp(k, is->ctx_value, strlen(is->ctx_value), 35);
        wr_end(k);
    }
}

static void write_ik4(x12_ack *k, const x12_issue *is)
{
    /* IK401's positions have at most 2 digits (the repetition 4): a
     * position past them (element 4097 of a segment over the element
     * limit) is written as the largest that fits. */
    unsigned el = is->err.element > 99 ? 99 : is->err.element;
    unsigned co = is->err.component > 99 ? 99 : is->err.component;
    unsigned re = is->err.repetition > 9999 ? 9999 : is->err.repetition;

    wr_begin(k, "IK4");
    wr_uint(k, el);
    if (co || re) {
        char c[12];
        snprintf(c, sizeof c, "%u", co);
        wr_comp(k, co ? c : "");
        if (re) {
            snprintf(c, sizeof c, "%u", re);
            wr_comp(k, c);
        }
    }
    /* IK402 is a number: a composite's id (C023) is not written. */
    wr(k, is->ref[0] >= '0' && is->ref[0] <= '9' ? is->ref : "");
    wr(k, is->code);
    if (k->bad_values)
        wr_echo(k, is->value, strlen(is->value), 99);
    wr_end(k);
}

static void set_end(x12_ack *k)
{
    size_t i, j;
    int errors = 0, warnings = 0, syntax = 0, impl = 0;
    char codes[5][4];
    size_t ncodes = 0;
    const char *ik501;

    if (k->nset > 1)
        qsort(k->set_issues, k->nset, sizeof *k->set_issues, by_position);
    errors = k->over_errors > 0;
    warnings = k->over_warnings > 0;
    syntax = k->over_syntax;
    impl = k->over_impl;
    for (i = 0; i < k->nover_codes; i++)
        add_code(codes, &ncodes, 5, k->over_codes[i]);
    for (i = 0; i < k->nset; i++) {
        const x12_issue *is = &k->set_issues[i].is;
        if (is->err.severity == X12_SEV_WARNING)
            warnings++;
        else
            errors++;
        if (is->level == X12_ISSUE_SET)
            add_code(codes, &ncodes, 5, is->code);
        else if (is->code[0] == 'I')
            impl = 1;
        else
            syntax = 1;
    }
    if (syntax)
        add_code(codes, &ncodes, 5, "5");
    if (impl)
        add_code(codes, &ncodes, 5, "I5");
    wr_begin(k, "AK2");
    wr_echo(k, k->st01, strlen(k->st01), 3);
    wr_echo(k, k->st02, strlen(k->st02), 9);
    wr_echo(k, k->st03, strlen(k->st03), 35);
    wr_end(k);
    for (i = 0; i < k->nset; i = j) {
        const x12_issue *is = &k->set_issues[i].is;
        j = i + 1;
        if (is->level == X12_ISSUE_SET)
            continue;
        if (is->level == X12_ISSUE_SEGMENT) {
            write_ik3(k, is, is->code);
            continue;
        }
        /* Element issues of one segment: one IK3 code 8, then the IK4s
         * (at most 99 to an IK3). */
        {
            size_t n = 0;
            write_ik3(k, is, "8");
            for (j = i; j < k->nset && k->set_issues[j].is.level == X12_ISSUE_ELEMENT &&
                        k->set_issues[j].is.setpos == is->setpos;
                 j++) {
                if (n == 99) {
                    write_ik3(k, &k->set_issues[j].is, "8");
                    n = 0;
                }
                write_ik4(k, &k->set_issues[j].is);
                n++;
            }
        }
    }
    ik501 = errors ? "R" : warnings ? "E" : "A";
    wr_begin(k, "IK5");
    wr(k, ik501);
    for (i = 0; i < ncodes && (errors || warnings); i++)
        wr(k, codes[i]);
    wr_end(k);
    k->received++;
    k->sets_total++;
    if (!errors) {
        k->accepted++;
        k->sets_accepted++;
        if (warnings)
            k->any_e = 1;
    }
    k->nset = 0;
    k->in_set = 0;
}

static void group_end(x12_ack *k, const x12_validator *v)
{
    const char *ak901;
    size_t i;
    uint64_t included = x12_validator_count(v, X12_VCOUNT_GE01);

    if (k->group_error || (k->received > 0 && k->accepted == 0))
        ak901 = "R";
    else if (k->accepted < k->received)
        ak901 = "P";
    else if (k->any_e || k->group_warning)
        ak901 = "E";
    else
        ak901 = "A";
    wr_begin(k, "AK9");
    wr(k, ak901);
    wr_uint(k, included);
    wr_uint(k, k->received);
    wr_uint(k, k->accepted);
    for (i = 0; i < k->ngroup_codes; i++)
        wr(k, k->group_codes[i]);
    wr_end(k);
    if (k->st == X12_OK)
        k->st = x12_writer_close_set(k->w);
    if (k->st == X12_OK)
        k->st = x12_writer_close_group(k->w);
    k->in_group = 0;
}

static void hold(x12_ack *k, const x12_issue *is)
{
    void *p = k->set_issues;
    held *h;

    if (k->nset >= k->max_set) {
        if (is->err.severity == X12_SEV_WARNING)
            k->over_warnings++;
        else
            k->over_errors++;
        if (is->level == X12_ISSUE_SET)
            add_code(k->over_codes, &k->nover_codes, 5, is->code);
        else if (is->code[0] == 'I')
            k->over_impl = 1;
        else
            k->over_syntax = 1;
        return;
    }
    if (x12i_grow(&k->a, &p, &k->capset, k->nset + 1, sizeof *k->set_issues) != 0) {
        if (k->st == X12_OK)
            k->st = X12_ENOMEM;
        return;
    }
    k->set_issues = p;
    h = &k->set_issues[k->nset];
    h->is = *is;
    h->seq = k->nset++;
}

static void copy_field(char *dst, size_t size, const x12_validator *v, x12_env_field f)
{
    x12_str s = x12_validator_envelope_get(v, f);

    snprintf(dst, size, "%.*s", (int)(s.len < size - 1 ? s.len : size - 1), s.ptr);
}

static void on_event(void *user, x12_vevent ev, const x12_validator *v, const x12_issue *is)
{
    x12_ack *k = user;

    switch (ev) {
    case X12_VEV_INTERCHANGE_BEGIN:
        k->ta1_note[0] = '\0';
        k->ta1_error = k->ta1_warning = 0;
        write_isa(k, v);
        break;
    case X12_VEV_GROUP_BEGIN:
        if (k->kind == X12_ACK_999) {
            if (!k->out_isa)
                write_isa(k, v);
            group_begin(k, v);
        }
        break;
    case X12_VEV_SET_BEGIN:
        k->in_set = 1;
        k->nset = 0;
        k->over_errors = k->over_warnings = 0;
        k->over_syntax = k->over_impl = 0;
        k->nover_codes = 0;
        copy_field(k->st01, sizeof k->st01, v, X12_ENV_ST01);
        copy_field(k->st02, sizeof k->st02, v, X12_ENV_ST02);
        copy_field(k->st03, sizeof k->st03, v, X12_ENV_ST03);
        break;
    case X12_VEV_ISSUE:
        if (is->code[0] == '\0') {
            /* No acknowledgment code: a validator limit, not a finding
             * about the input (X12_VOPT_MAX_CONTROL_NUMBERS). */
        } else if (is->level == X12_ISSUE_INTERCHANGE) {
            if (k->ta1_note[0] == '\0' && is->err.severity != X12_SEV_WARNING)
                snprintf(k->ta1_note, sizeof k->ta1_note, "%s", is->code);
            if (is->err.severity == X12_SEV_WARNING)
                k->ta1_warning = 1;
            else
                k->ta1_error = 1;
        } else if (is->level == X12_ISSUE_GROUP) {
            add_code(k->group_codes, &k->ngroup_codes, 5, is->code);
            if (is->err.severity == X12_SEV_WARNING)
                k->group_warning = 1;
            else
                k->group_error = 1;
        } else if (k->in_set) {
            hold(k, is);
        }
        break;
    case X12_VEV_SET_END:
        if (k->kind == X12_ACK_999 && k->in_group)
            set_end(k);
        k->in_set = 0;
        k->nset = 0;
        break;
    case X12_VEV_GROUP_END:
        if (k->kind == X12_ACK_999 && k->in_group)
            group_end(k, v);
        break;
    case X12_VEV_INTERCHANGE_END:
        if (k->kind == X12_ACK_TA1 && k->out_isa) {
            wr_begin(k, "TA1");
            wr_field(k, v, X12_ENV_ISA13);
            wr_field(k, v, X12_ENV_ISA09);
            wr_field(k, v, X12_ENV_ISA10);
            wr(k, k->ta1_error ? "R" : k->ta1_warning ? "E" : "A");
            wr(k, k->ta1_note[0] ? k->ta1_note : "000");
            wr_end(k);
        }
        close_isa(k);
        break;
    default:
        break;
    }
}

/* ---- public ----------------------------------------------------------------- */

x12_status x12_ack_new(const x12_allocator *alloc, x12_ack_kind kind, x12_writer *w,
                       x12_ack **out)
{
    x12i_alloc a;
    x12_ack *k;
    x12_status st;

    if (out == NULL)
        return X12_EINVAL;
    *out = NULL;
    if (w == NULL || (kind != X12_ACK_999 && kind != X12_ACK_TA1))
        return X12_EINVAL;
    st = x12i_alloc_init(&a, alloc);
    if (st != X12_OK)
        return st;
    k = x12i_malloc(&a, sizeof *k);
    if (k == NULL)
        return X12_ENOMEM;
    memset(k, 0, sizeof *k);
    k->a = a;
    k->kind = kind;
    k->w = w;
    k->max_set = 100000;
    k->bad_values = 1;
    *out = k;
    return X12_OK;
}

void x12_ack_free(x12_ack *ack)
{
    if (ack == NULL)
        return;
    x12i_free(&ack->a, ack->set_issues);
    x12i_free(&ack->a, ack);
}

x12_status x12_ack_set_time(x12_ack *ack, const char *ccyymmdd, const char *hhmm)
{
    if (ack == NULL || ccyymmdd == NULL || hhmm == NULL || strlen(ccyymmdd) != 8 ||
        strlen(hhmm) != 4)
        return X12_EINVAL;
    /* A real calendar date and a time of day: the 999 must pass its own
     * guide's DT and TM checks. */
    if (!x12i_date_valid(ccyymmdd, 8) || !x12i_hhmm(hhmm, 4))
        return X12_EINVAL;
    memcpy(ack->date, ccyymmdd, 9);
    memcpy(ack->time, hhmm, 5);
    ack->time_set = 1;
    return X12_OK;
}

x12_status x12_ack_set_max_set_issues(x12_ack *ack, uint64_t max)
{
    if (ack == NULL || max < 1 || max > ((uint64_t)1 << 32))
        return X12_EINVAL;
    ack->max_set = max;
    return X12_OK;
}

x12_status x12_ack_set_option(x12_ack *ack, x12_ack_option opt, uint64_t value)
{
    if (ack == NULL)
        return X12_EINVAL;
    switch (opt) {
    case X12_AOPT_BAD_VALUES:
        if (value > 1)
            return X12_EINVAL;
        ack->bad_values = (int)value;
        return X12_OK;
    }
    return X12_EINVAL;
}

x12_status x12_ack_attach(x12_ack *ack, x12_validator *v)
{
    if (ack == NULL || v == NULL)
        return X12_EINVAL;
    x12_validator_set_handler(v, on_event, ack);
    return X12_OK;
}

x12_status x12_ack_status(const x12_ack *ack)
{
    return ack ? ack->st : X12_EINVAL;
}

uint64_t x12_ack_sets(const x12_ack *ack) { return ack ? ack->sets_total : 0; }
uint64_t x12_ack_sets_accepted(const x12_ack *ack) { return ack ? ack->sets_accepted : 0; }
