/*
 * libx12 - reading part of an input: byte ranges cut at transaction sets.
 *
 * A large file is read by several processes at once by cutting it into
 * byte ranges, each starting at an ST (a transaction set's first segment)
 * and each read by a reader of its own.  Two pieces make that work:
 *
 *   x12_range_plan   one cheap pass over the input with the reader (no
 *                    parser runs) that cuts it into ranges of about a
 *                    chosen size, only at an ST whose set the input
 *                    closed with its SE before, and hands out for each
 *                    range what a reader needs to start there;
 *
 *   x12_reader_set_range
 *                    makes a reader read only [offset, offset + length)
 *                    of its input, starting in the interchange and group
 *                    the range begins in: their delimiters and envelope
 *                    values come from the ISA and GS segments the range
 *                    carries, and the counts (segment numbers, sets and
 *                    groups before) from its other fields.
 *
 *     x12_range_plan *p;
 *     const x12_range *rg;
 *     x12_range_plan_new(NULL, NULL, &p);
 *     x12_range_plan_set_option(p, X12_RPLANOPT_BYTES, 64 << 20);
 *     x12_reader_open_path(x12_range_plan_reader(p), "big.835");
 *     while (x12_range_plan_next(p, &rg) == X12_OK)
 *         ... send rg's fields to a worker, which does:
 *             x12_reader_set_range(r, &rg);    (r a new reader)
 *             x12_reader_open_path(r, "big.835");
 *             while (x12_reader_next(r, &seg) == X12_OK) ...
 *     x12_range_plan_free(p);
 *
 * The ranges a plan hands out tile the input: the first starts at byte 0,
 * each starts where the one before ended, the last ends with the input.
 * Reading every range gives the segments, positions and diagnostics of
 * reading the whole input, each exactly once: segment numbers and byte
 * offsets are those of the whole input, SE, GE and IEA counts are checked
 * inside a range, and an envelope left open at the end of a range (its GE
 * or IEA in a later range) is not an error.  A set is never cut, whatever
 * its size: a range is larger than the size asked for when one set is.
 */
#ifndef X12_RANGE_H
#define X12_RANGE_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Where a range starts and what a reader needs to start there.  Filled by
 * x12_range_plan_next, or by the caller (set struct_size to
 * sizeof(x12_range); the library reads only the members it covers, so the
 * structure can grow).  Offsets count bytes of the decoded input (after
 * gzip) from where reading starts.
 */
typedef struct x12_range {
    size_t struct_size;
    uint64_t offset;         /* first byte of the range */
    uint64_t length;         /* its bytes; UINT64_MAX: to the end of the input */
    /* The ISA segment of the interchange open at `offset`, as read: data,
     * terminator and any white space after it (x12_segment_raw followed by
     * x12_segment_trailer).  NULL (isa_len 0) when no interchange is open
     * there: the range starts at an ISA, or at the start of the input. */
    const char *isa;
    size_t isa_len;
    /* The GS of the functional group open at `offset`, the same way; NULL
     * when none is. */
    const char *gs;
    size_t gs_len;
    uint64_t segment_number; /* of the segment at `offset` in its interchange (ISA = 1) */
    uint64_t interchanges;   /* ISA segments before `offset`, the open one included */
    uint64_t groups;         /* GS in the open interchange before `offset`, the open one included */
    uint64_t sets;           /* ST in the open group before `offset` */
    uint64_t total_groups;   /* GS before `offset` in the whole input */
    uint64_t total_sets;     /* ST before `offset` in the whole input */
    uint64_t total_segments; /* segments before `offset` in the whole input */
} x12_range;

/*
 * Makes `r` read only the range of its input (call before opening input;
 * the range is copied, isa and gs included).  Every input works: a
 * buffer (the whole input's; only the range is read), a path, descriptor
 * or FILE* (a plain file is seeked to `offset`, a pipe or gzip input is
 * read and dropped up to it), or pushed chunks (feed the input from its
 * first byte, in chunks of any size: the bytes before `offset` are
 * dropped, those after the range ignored).  Segments, positions and
 * diagnostics do not depend on the input mode or the chunking.
 *
 * When `isa` is given the reader starts inside that interchange (and the
 * group of `gs`) with its delimiters, expecting any segment; without it,
 * it expects an ISA at `offset`.  Envelope values (x12_reader_envelope)
 * and counts go on from the range's fields.  Where a range ends before
 * the input does, an open group or interchange is not reported (their GE
 * and IEA come later) but an open transaction set is ("end of the byte
 * range: transaction set ST02 ... has no SE", rule "missing-trailer").  A
 * range of length UINT64_MAX, or one that reaches the end of a buffer,
 * ends with the input and makes the end-of-input checks of a whole
 * reading.
 *
 * X12_EINVAL: NULL argument, struct_size too small, a gs without an isa;
 * X12_ESYNTAX: isa does not hold an ISA segment, or gs a GS segment read
 * with its delimiters; X12_ESTATE: input already opened; X12_ENOMEM.
 */
X12_API x12_status x12_reader_set_range(x12_reader *r, const x12_range *range);

/* ---- planning ranges ----------------------------------------------------- */

typedef struct x12_range_plan x12_range_plan;

/*
 * Creates a plan over `reader` (opened by the caller on the whole input,
 * freed by the caller after the plan), or over a reader of its own when
 * NULL (open it through x12_range_plan_reader; freed with the plan).
 * X12_EINVAL, X12_ENOMEM.  Free *out with x12_range_plan_free.
 */
X12_API x12_status x12_range_plan_new(const x12_allocator *alloc, x12_reader *reader,
                                      x12_range_plan **out);
/* Frees the plan (and its own reader).  NULL is allowed. */
X12_API void x12_range_plan_free(x12_range_plan *p);
/* The reader the plan reads: open it or set its options.  Do not call
 * x12_reader_next on it yourself. */
X12_API x12_reader *x12_range_plan_reader(x12_range_plan *p);

typedef enum x12_range_plan_option {
    /* Bytes a range should have: a new range starts at the first set that
     * may start one once the range holds at least this many.  Default 0:
     * every such set starts a range. */
    X12_RPLANOPT_BYTES = 1
} x12_range_plan_option;
/* X12_EINVAL for an unknown option; X12_ESTATE after the first
 * x12_range_plan_next. */
X12_API x12_status x12_range_plan_set_option(x12_range_plan *p, x12_range_plan_option opt,
                                             uint64_t value);

/*
 * Counts, per range, the transaction sets whose ST01 is `set_id` and the
 * segments with id `segment_id` inside them (from their ST to their SE, or
 * to what closes them), for keys a parser numbers across the input: "835"
 * and "CLP" give the payments and claims of each range (libx12-tables(3)
 * X12_TABLES_OPT_FIRST_PAYMENT, X12_TABLES_OPT_FIRST_CLAIM).  segment_id
 * may be NULL (sets only).  The strings are copied (1-3 characters for a
 * segment id, at most 8 for a set id).  X12_EINVAL; X12_ESTATE after the
 * first x12_range_plan_next.
 */
X12_API x12_status x12_range_plan_count(x12_range_plan *p, const char *set_id,
                                        const char *segment_id);

/*
 * Reads on to the end of the next range.
 *   X12_OK   *out is the range, valid (with the bytes its isa and gs point
 *            to) until the next call on the plan.  Its length is exact,
 *            but for the last range's: UINT64_MAX, to the end of the
 *            input (whose end-of-input checks it makes).
 *   X12_END  the input is finished and every range handed out.
 *   X12_AGAIN  push input: feed the reader more and call again.
 *   other    the reader cannot go on (a fatal error: no ISA, an I/O or
 *            gzip error, strict mode) or memory ran out:
 *            x12_range_plan_last_error() says why.  Non-fatal findings of
 *            the reader are left to whoever reads the ranges.
 */
X12_API x12_status x12_range_plan_next(x12_range_plan *p, const x12_range **out);
X12_API const x12_error *x12_range_plan_last_error(const x12_range_plan *p);

typedef enum x12_range_plan_info {
    X12_RPLAN_SETS = 1,             /* ST segments in the range */
    X12_RPLAN_COUNTED_SETS = 2,     /* of them, those x12_range_plan_count names */
    X12_RPLAN_COUNTED_SEGMENTS = 3, /* segments counted in those sets */
    X12_RPLAN_SEGMENTS = 4          /* segments in the range */
} x12_range_plan_info;
/* A count of the range the last x12_range_plan_next handed out. */
X12_API uint64_t x12_range_plan_get(const x12_range_plan *p, x12_range_plan_info what);

#ifdef __cplusplus
}
#endif

#endif /* X12_RANGE_H */
