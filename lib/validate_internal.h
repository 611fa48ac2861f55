/*
 * libx12 internals shared by lib/validate.c (envelopes and the loop-state
 * machine) and lib/validate_elem.c (element checks).  Never installed.
 */
#ifndef X12_VALIDATE_INTERNAL_H
#define X12_VALIDATE_INTERNAL_H

#include "reader_internal.h"
#include "spec_internal.h"

#define X12I_CTX_MAX 40 /* CLM01 is at most 38 characters */
#define X12I_BAD_MAX 100

struct x12_issue {
    x12_error err;
    uint64_t setpos;
    uint8_t level;
    char code[4];
    char ref[8];
    char value[X12I_BAD_MAX];
    char ctx_name[8];
    char ctx_value[X12I_CTX_MAX];
};

/* Where a skipped required child was first found missing. */
typedef struct x12i_skip {
    uint64_t setpos, segno, offset;
} x12i_skip;

/* One open loop instance. */
typedef struct x12i_frame {
    const x12i_loop *loop;
    uint32_t pos;      /* index of the child last matched */
    uint32_t count;    /* uses of that child in a row (0: none yet) */
    uint32_t *seen;    /* per child: occurrences in this instance */
    x12i_skip *skipped; /* per child: where it was first skipped (setpos 0: never) */
    uint32_t cap;      /* capacity of seen/skipped */
    char hl[13];       /* HL01 of this instance; "" when not an HL loop */
    char hl04;         /* HL04's first character, or 0 */
    uint32_t hl_children;
    x12i_skip hl_at;   /* where the HL segment was */
    char ctx_name[8];
    char ctx[X12I_CTX_MAX]; /* business unit value (CLM01), "" none */
    uint64_t serial;   /* tells loop instances apart (x12_validator_loop_at) */
    uint32_t when_mask; /* bit w: the condition of loop->whens[w] holds */
    x12i_skip when_at;  /* where the first condition held */
} x12i_frame;

enum { X12I_ENV_FIELDS = 21 };

/* Control numbers seen (ST02 in a group, GS06 in an interchange): an
 * open-addressing hash set of short strings; slot[i][0] == 0 is empty. */
typedef struct x12i_ctlset {
    char (*slot)[10];
    size_t n, cap;
    int full; /* the limit was reached: no more duplicate checks */
} x12i_ctlset;

struct x12_validator {
    x12i_alloc a;
    int strict;
    uint64_t max_ctl; /* X12_VOPT_MAX_CONTROL_NUMBERS */
    int errata;       /* X12_VOPT_ERRATA: an x12_errata_mode */
    const x12_spec *forced;
    const x12_spec **extra;
    size_t nextra, capextra;
    x12_validator_fn fn;
    void *user;

    /* issues of the current call */
    x12_issue *issues;
    size_t nissues, capissues;
    size_t nfired;  /* issues already handed to the event handler */
    int oom;
    uint64_t total_errors, total_warnings;

    /* envelopes */
    int in_isa, in_gs, in_st;
    char env[X12I_ENV_FIELDS][40];
    uint8_t envlen[X12I_ENV_FIELDS];
    uint64_t groups;      /* GS in the current interchange */
    uint64_t sets;        /* ST in the current group */
    uint64_t set_errors, set_warnings;
    uint64_t ge01, iea01;
    uint64_t last_hl;     /* HL01 of the last HL in the set */
    x12i_ctlset st02s;    /* ST02 values of the current group */
    x12i_ctlset gs06s;    /* GS06 values of the current interchange */

    /* the current set */
    const x12_spec *spec; /* NULL: the set's body is not checked */
    x12i_frame *stack;
    size_t depth, capdepth;
    uint64_t next_serial; /* loop instances entered so far */
    int saw_se;
    int unplaced;         /* the set's last segment could not be placed */

    /* the current segment */
    const x12_segment *seg;
    uint64_t segno, setpos, offset;
    uint64_t last_segno;  /* number of the last segment seen in the interchange */
    x12i_skip last_in_set; /* the set's last segment so far */
    unsigned char *reported; /* per element: already reported in this segment */
    size_t capreported;
};

/* Adds an issue (and tells the handler).  `warn` makes it a warning unless
 * the validator is strict.  `loop` may be NULL.  The position is the
 * current segment's unless `at` is given. */
x12_issue *x12i_issue(x12_validator *v, x12_issue_level level, int warn, const char *code,
                      const char *segid, const char *loop, const x12i_skip *at,
                      unsigned element, unsigned component, unsigned repetition,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 11, 12)))
#endif
    ;

/* x12_segment_component(seg, i, 1), inline: element i up to its first
 * repetition or component separator; "" when seg has no element i. */
static inline x12_str x12i_first_component(const x12_segment *seg, size_t i)
{
    x12_str v = {"", 0};
    size_t k;

    if (i == 0 || i > seg->count)
        return v;
    v.ptr = seg->ebase + seg->starts[i];
    v.len = seg->starts[i + 1] - 1 - seg->starts[i];
    for (k = 0; k < v.len; k++)
        if ((seg->split_repetition && v.ptr[k] == seg->split_repetition) ||
            (seg->split_component && v.ptr[k] == seg->split_component))
            break;
    v.len = k;
    return v;
}

/* Checks the elements of the current segment against `s`; issues go to
 * loop `loop`. */
void x12i_check_elements(x12_validator *v, const x12i_seg *s, const char *loop);

/* The innermost business unit (CLM01) for issues, or NULL. */
const x12i_frame *x12i_context_frame(const x12_validator *v);

#endif /* X12_VALIDATE_INTERNAL_H */
