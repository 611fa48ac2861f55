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

#define X12_NTS ((size_t)-1)

typedef struct x12_writer x12_writer;

/* Output callback: write all `len` bytes, return 0 on success, non-zero on
 * failure (the writer then returns X12_EIO). */
typedef int (*x12_write_fn)(void *user, const char *data, size_t len);

/* Creates a writer with delimiters * : ^ ~ and no line break.  `alloc` may
 * be NULL.  The caller frees *out with x12_writer_free. */
X12_API x12_status x12_writer_new(const x12_allocator *alloc, x12_writer **out);
/* Frees the writer (does not close a FILE it was given).  NULL allowed. */
X12_API void x12_writer_free(x12_writer *w);

/* ---- output: choose one before the first segment ------------------------ */
X12_API x12_status x12_writer_to_callback(x12_writer *w, x12_write_fn fn, void *user);
/* The caller keeps fp open; the writer only fwrite()s to it. */
X12_API x12_status x12_writer_to_file(x12_writer *w, FILE *fp);
/* Collects output in memory; read it with x12_writer_memory. */
X12_API x12_status x12_writer_to_memory(x12_writer *w);
/* Memory output so far.  The pointer is owned by the writer and valid until
 * the next call on it; the bytes are followed by a NUL not counted in len.
 * NULL with *len = 0 when the output is not memory. */
X12_API const char *x12_writer_memory(const x12_writer *w, size_t *len);

/* ---- settings ---------------------------------------------------------- */

/* Delimiters for everything written from now on.  `repetition` may be 0 for
 * none.  The four must differ and none may be a letter, digit or space.
 * X12_ESTATE inside an interchange (the ISA already announced them). */
X12_API x12_status x12_writer_set_delimiters(x12_writer *w, char element, char component,
                                             char repetition, char segment);
/* Bytes written after each segment terminator, e.g. "\n" or "\r\n"; empty
 * for none (the default).  At most 8 bytes of CR/LF. */
X12_API x12_status x12_writer_set_line_break(x12_writer *w, const char *brk);

typedef enum x12_writer_option {
    /* 1: write SE/GE/IEA and control numbers exactly as given (for copying
     * files as they are).  0 (default): fill empty counts and control numbers
     * and refuse given values that disagree with the envelope. */
    X12_WOPT_VERBATIM = 1,
    /* Next control numbers handed out for ISA13, GS06, ST02 when the caller
     * leaves them empty.  Default 1 each; incremented after each use. */
    X12_WOPT_NEXT_ISA13 = 2,
    X12_WOPT_NEXT_GS06 = 3,
    X12_WOPT_NEXT_ST02 = 4
} x12_writer_option;
X12_API x12_status x12_writer_set_option(x12_writer *w, x12_writer_option opt, uint64_t value);

/* ---- writing segments --------------------------------------------------- */

/* Starts a segment.  The id is 2-3 upper-case letters or digits. */
X12_API x12_status x12_writer_begin(x12_writer *w, const char *id);
/* Adds the next element (one component, one repetition). */
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
 * the envelope rules (ISA padding, counts, control numbers) and writes it. */
X12_API x12_status x12_writer_end(x12_writer *w);

/* Copies a segment read by an x12_reader, re-delimited with this writer's
 * delimiters.  With X12_COPY_KEEP_BREAKS the segment's own line breaks
 * (its trailer after the terminator) are written instead of the writer's.
 * Envelope rules apply as for x12_writer_end (use X12_WOPT_VERBATIM to copy
 * counts and control numbers as they are). */
#define X12_COPY_KEEP_BREAKS 1u
X12_API x12_status x12_writer_copy(x12_writer *w, const x12_segment *seg, unsigned flags);

/* Write SE, GE or IEA with the counts and control numbers filled in. */
X12_API x12_status x12_writer_close_set(x12_writer *w);
X12_API x12_status x12_writer_close_group(x12_writer *w);
X12_API x12_status x12_writer_close_interchange(x12_writer *w);

/* Checks that every envelope is closed and flushes.  X12_ESTATE if a
 * segment or envelope is still open. */
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
