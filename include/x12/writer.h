/*
 * libx12 - the segment writer.
 *
 * Writes segments with chosen delimiters, trims empty trailing elements and
 * components, refuses delimiter bytes inside data, pads ISA fields to their
 * fixed widths and builds envelopes itself: it counts segments, sets and
 * groups and fills SE01/SE02, GE01/GE02, IEA01/IEA02 and empty control
 * numbers, so callers never count.
 *
 *     x12_writer *w;
 *     x12_writer_new(NULL, &w);
 *     x12_writer_to_file(w, stdout);
 *     x12_writer_begin(w, "ISA");  ... 16 x12_writer_add calls ...
 *     x12_writer_end(w);
 *     x12_writer_begin(w, "GS");   ... x12_writer_end(w);
 *     x12_writer_begin(w, "ST");   x12_writer_add(w, "837", -1); x12_writer_end(w);
 *     ...
 *     x12_writer_close_set(w);          writes SE with the count
 *     x12_writer_close_group(w);        writes GE
 *     x12_writer_close_interchange(w);  writes IEA
 *     x12_writer_finish(w);
 *     x12_writer_free(w);
 *
 * Lengths: every `len` argument may be X12_NTS (-1) for a NUL-terminated
 * string.
 *
 * Errors: a failing call returns its status and x12_writer_last_error
 * describes it (rules "delimiter-in-data", "isa-width", "isa-elements",
 * "isa-composite", "isa11-repetition", "isa16-component", "control-number",
 * "se01-count", "se02-control", "ge01-count", "ge02-control", "iea01-count",
 * "iea02-control", "nesting", "segment-id", "segment-open", "no-segment",
 * "no-output", "output-chosen", "delimiters", "line-break", "option",
 * "repetition", "argument", "out-of-memory", "output").  A segment refused for any reason
 * but X12_EIO is not written, in whole or in part, and changes no count or
 * control-number counter.  After X12_EIO (the callback or fwrite failed)
 * the writer is dead: every later call that writes returns X12_EIO.
 */
#ifndef X12_WRITER_H
#define X12_WRITER_H

#include <stdio.h>
#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_writer x12_writer;

/* Output callback: write all `len` bytes, return 0 on success, non-zero on
 * failure (the writer then returns X12_EIO). */
typedef int (*x12_write_fn)(void *user, const char *data, size_t len);

/* Creates a writer with delimiters * : ^ ~ and no line break.  `alloc` may
 * be NULL.  The caller frees *out with x12_writer_free. */
X12_API x12_status x12_writer_new(const x12_allocator *alloc, x12_writer **out);
/* Frees the writer (does not close a FILE it was given).  NULL allowed.
 * Output still buffered for a FILE is NOT written: call x12_writer_finish
 * first.  A writer freed without finishing was abandoned, and writing half
 * an interchange would be worse than writing nothing more. */
X12_API void x12_writer_free(x12_writer *w);

/* ---- output: choose one before the first segment ------------------------ */
/* The callback is called once per segment with the whole segment, its
 * terminator and line break included, as soon as x12_writer_end (or copy,
 * or a close function) accepts it. */
X12_API x12_status x12_writer_to_callback(x12_writer *w, x12_write_fn fn, void *user);
/* The caller keeps fp open; the writer only fwrite()s to it.  Output is
 * buffered in the writer and handed to fwrite whenever 64 KiB are waiting
 * and by x12_writer_finish; the writer never calls fflush. */
X12_API x12_status x12_writer_to_file(x12_writer *w, FILE *fp);
/* Collects output in memory; read it with x12_writer_memory. */
X12_API x12_status x12_writer_to_memory(x12_writer *w);
/* Memory output so far.  The pointer is owned by the writer and valid until
 * the next call on it; the bytes are followed by a NUL not counted in len.
 * NULL with *len = 0 when the output is not memory. */
X12_API const char *x12_writer_memory(const x12_writer *w, size_t *len);

/* ---- settings ---------------------------------------------------------- */

/* Delimiters for everything written from now on.  `repetition` may be 0 for
 * none.  The four must differ and none may be a letter, digit or space; only
 * the segment terminator may be CR or LF.
 * X12_ESTATE inside an interchange (the ISA already announced them). */
X12_API x12_status x12_writer_set_delimiters(x12_writer *w, char element, char component,
                                             char repetition, char segment);
/* The delimiters in force (for callers that echo input values and must keep
 * delimiter bytes out of them).  X12_EINVAL for NULL arguments. */
X12_API x12_status x12_writer_delimiters(const x12_writer *w, x12_delimiters *out);

/* Bytes written after each segment terminator, e.g. "\n" or "\r\n"; empty
 * for none (the default).  At most 8 bytes of CR/LF. */
X12_API x12_status x12_writer_set_line_break(x12_writer *w, const char *brk);

typedef enum x12_writer_option {
    /* 1: write SE/GE/IEA and control numbers exactly as given (for copying
     * files as they are): nothing is filled, trimmed or padded, nesting is
     * not checked (the close functions still need their envelope open) and
     * x12_writer_finish accepts open envelopes; delimiters in data and
     * ISA11/ISA16 that contradict the writer's delimiters are still refused.
     * 0 (default): fill empty counts and control numbers, pad the ISA, trim
     * empty trailing elements, and refuse given values that disagree with
     * the envelope (X12_EENVELOPE) or badly formed ones (X12_ERANGE). */
    X12_WOPT_VERBATIM = 1,
    /* Next control numbers handed out for ISA13, GS06, ST02 when the caller
     * leaves them empty.  Default 1 each; incremented after each use.  At
     * most 999999999.  ISA13 is written zero-padded to 9 digits, ST02 to at
     * least 4. */
    X12_WOPT_NEXT_ISA13 = 2,
    X12_WOPT_NEXT_GS06 = 3,
    X12_WOPT_NEXT_ST02 = 4
} x12_writer_option;
X12_API x12_status x12_writer_set_option(x12_writer *w, x12_writer_option opt, uint64_t value);

/* ---- writing segments --------------------------------------------------- */

/* Starts a segment.  The id is 2-3 upper-case letters or digits.  Nesting is
 * checked here already (X12_ESTATE: GS only inside ISA, ST only inside GS,
 * other segments only inside ST, TA1 between ISA and GS).  A failed begin
 * leaves no segment open; after a successful one the segment stays open
 * until x12_writer_end, whatever the add calls return. */
X12_API x12_status x12_writer_begin(x12_writer *w, const char *id);
/* Adds the next element (one component, one repetition).  `data` may be
 * NULL for an empty value (with len 0 or X12_NTS).  A delimiter byte in the
 * data gives X12_EDELIM, located by element, component and repetition.  Any
 * failure of an add marks the segment as failed: later adds return the same
 * error and x12_writer_end discards the segment. */
X12_API x12_status x12_writer_add(x12_writer *w, const char *data, size_t len);
/* Adds another component to the current repetition of the last element. */
X12_API x12_status x12_writer_add_component(x12_writer *w, const char *data, size_t len);
/* Starts another repetition of the last element with its first component. */
X12_API x12_status x12_writer_add_repetition(x12_writer *w, const char *data, size_t len);
/* Adds an element holding an integer amount of cents as X12 decimal text:
 * 12345 -> "123.45", 100 -> "1", -5 -> "-0.05".  Trailing zeros dropped. */
X12_API x12_status x12_writer_add_cents(x12_writer *w, int64_t cents);
/* Adds an element holding an unsigned integer in decimal. */
X12_API x12_status x12_writer_add_uint(x12_writer *w, uint64_t value);
/* Ends the segment: trims empty trailing components and elements, applies
 * the envelope rules (ISA padding, counts, control numbers) and writes it.
 * Whatever it returns, the segment is closed; when it fails nothing of the
 * segment was written. */
X12_API x12_status x12_writer_end(x12_writer *w);

/* Copies a segment read by an x12_reader, re-delimited with this writer's
 * delimiters.  With X12_COPY_KEEP_BREAKS the segment's own line breaks
 * (its trailer after the terminator) are written instead of the writer's,
 * and the bytes skipped before an ISA (a byte-order mark, blank lines) are
 * written before it.  With the source's terminator the trailer is written
 * unchanged; with another one, the writer's terminator is followed by the
 * trailer's line breaks.  ISA elements are copied as raw text, ISA11 and
 * ISA16 replaced by the writer's separators.
 * Envelope rules apply as for x12_writer_end (use X12_WOPT_VERBATIM to copy
 * counts and control numbers as they are; reading, then copying with the
 * same delimiters, X12_COPY_KEEP_BREAKS and X12_WOPT_VERBATIM reproduces the
 * input byte for byte).  X12_ESTATE if a segment is open. */
#define X12_COPY_KEEP_BREAKS 1u
X12_API x12_status x12_writer_copy(x12_writer *w, const x12_segment *seg, unsigned flags);

/* Write SE, GE or IEA with the counts and control numbers filled in.
 * X12_ESTATE unless that envelope is the innermost one open. */
X12_API x12_status x12_writer_close_set(x12_writer *w);
X12_API x12_status x12_writer_close_group(x12_writer *w);
X12_API x12_status x12_writer_close_interchange(x12_writer *w);

/* Flushes buffered FILE output, then checks that every envelope is closed.
 * X12_ESTATE if a segment or (except in verbatim mode) an envelope is still
 * open; X12_EIO if writing failed.  The writer can go on afterwards. */
X12_API x12_status x12_writer_finish(x12_writer *w);

/* The error that made the last call fail (position: segment number written,
 * element, component), or NULL.  Valid until the next call on w. */
X12_API const x12_error *x12_writer_last_error(const x12_writer *w);

/* Segments written so far (all interchanges). */
X12_API uint64_t x12_writer_segment_count(const x12_writer *w);

#ifdef __cplusplus
}
#endif

#endif /* X12_WRITER_H */
