/*
 * Structures shared by the reader and the envelope checker.  Never installed.
 */
#ifndef X12_READER_INTERNAL_H
#define X12_READER_INTERNAL_H

#include "internal.h"
#include "source.h"

/* The segments the reader skipped last (each over a configured limit and
 * reported as such): a run of `count` segments numbered first ..
 * first + count - 1 in the interchange (the numbers the segments after them
 * keep).  What is known of the first one travels with it, so that the
 * validator, which sees every segment handed out and so the gap in the
 * numbers, can report the run inside the transaction set it belonged to
 * (lib/validate.c). */
typedef struct x12i_skipped {
    uint64_t first, count;
    uint64_t interchange; /* the reader's interchange count when skipped */
    uint64_t offset;      /* of the first skipped segment's first byte */
    uint64_t limit;       /* the limit it broke */
    const char *rule;     /* "max-segment" or "max-elements" */
    unsigned element;     /* element in which the limit falls; 0 when the
                           * data fit and white space after it did not */
    char id[4];           /* its id when of X12's shape, else "" */
} x12i_skipped;

struct x12_segment {
    const char *data;       /* id .. last element, no terminator */
    size_t len;
    size_t tlen;            /* terminator + following white space, at data + len */
    size_t llen;            /* BOM / white space skipped before an ISA, before data */
    /* Element i (0 = the id) is [ebase + starts[i], ebase + starts[i + 1] - 1),
     * and starts[count + 1] - starts[0] is len + 1.  The reader's general
     * path makes starts relative to data (ebase = data, starts[0] = 0); its
     * indexed path hands out positions in the window (ebase = the window,
     * starts[0] = data's position), so lengths are differences of starts and
     * an element's offset in data is starts[i] - starts[0]. */
    const char *ebase;
    size_t *starts;
    size_t count;
    size_t idlen;           /* bytes of the segment id */
    uint64_t number;        /* in the interchange, ISA = 1 */
    uint64_t set_position;  /* in the set, ST = 1; 0 outside */
    uint64_t offset;        /* of data[0] in the input */
    x12_delimiters delims;
    char split_component;   /* 0 for ISA: its elements are never split */
    char split_repetition;
    /* The reader's record of the segments it skipped last; set once when
     * the reader is made (never NULL for a segment a reader hands out). */
    const x12i_skipped *skipped;
};

/* A growable copy of a value the envelope keeps after its segment is gone. */
typedef struct x12i_sbuf {
    char *p;
    size_t len, cap;
} x12i_sbuf;

enum { X12I_ENV_NFIELDS = 21 };

struct x12_envelope {
    x12i_sbuf field[X12I_ENV_NFIELDS];  /* indexed by x12_env_field */
    int in_isa, in_gs, in_st;
    uint64_t interchanges, groups, sets, set_segments, segments;
    uint64_t total_groups, total_sets, total_segments;
    uint64_t isa_segno;                  /* segment number of the open ISA */
    int closed_isa, closed_gs, closed_st; /* the current segment closed a level */
};

/* Reports one problem found by the envelope checker. */
typedef void (*x12i_report_fn)(void *ctx, x12_severity sev, x12_status st,
                               const char *rule, const x12_segment *seg,
                               unsigned element, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* The common case of x12i_env_segment, inline: a segment that is not an
 * envelope segment, inside an open transaction set, after a segment that
 * closed nothing.  Returns 1 when it handled the segment. */
static inline int x12i_env_fast(x12_envelope *env, x12_segment *seg)
{
    const char *id = seg->data;

    if (!env->in_st || env->closed_st || env->closed_gs || env->closed_isa)
        return 0;
    if (seg->idlen == 2 && ((id[0] == 'S' && (id[1] == 'T' || id[1] == 'E')) ||
                            (id[0] == 'G' && (id[1] == 'S' || id[1] == 'E'))))
        return 0;
    if (seg->idlen == 3 && id[0] == 'I' &&
        ((id[1] == 'S' && id[2] == 'A') || (id[1] == 'E' && id[2] == 'A')))
        return 0;
    env->total_segments++;
    seg->number = ++env->segments;
    seg->set_position = ++env->set_segments;
    return 1;
}

void x12i_env_init(x12_envelope *env);
void x12i_env_free(const x12i_alloc *a, x12_envelope *env);
/* Before the segment is handed out: updates counts (sets seg->number and
 * seg->set_position) and, when `check` is set, checks the envelope rules. */
x12_status x12i_env_segment(const x12i_alloc *a, x12_envelope *env, x12_segment *seg,
                            int check, x12i_report_fn report, void *ctx);
/* Counts a segment that was skipped (over a limit) so that the numbers of
 * the segments after it, and SE01, stay right. */
void x12i_env_skipped(x12_envelope *env);
/*
 * The rules of envelope headers and trailers, each written once (in
 * envelope.c) and used by the reader's checks above and by the validator,
 * which turns the rule names into 999 and TA1 codes (lib/validate.c).
 * Problems go to `report` under their rule names.
 */
/* The control number of an ISA (ISA13: 9 digits), GS (GS06: 1-9 digits) or
 * ST (ST02: 4-9 characters), rule "control-number"; nothing for another
 * segment.  1 when it reported a problem. */
int x12i_env_check_control_number(const x12_segment *seg, x12i_report_fn report, void *ctx);
/* A trailer (SE, GE or IEA; nothing for another segment): its count
 * against `counted` (rules se01-count, ge01-count, iea01-count) and its
 * control number against its header's (se02-control, ge02-control,
 * iea02-control).  *given (may be NULL) gets the count it states, or
 * `counted` when that is not a number. */
void x12i_env_check_trailer(const x12_segment *seg, uint64_t counted, x12_str header_control,
                            uint64_t *given, x12i_report_fn report, void *ctx);
/* At the end of input: reports envelopes left open. */
void x12i_env_finish(x12_envelope *env, uint64_t offset, int check,
                     x12i_report_fn report, void *ctx);

#endif /* X12_READER_INTERNAL_H */
