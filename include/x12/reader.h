/*
 * libx12 - the segment reader (tokenizer).
 *
 * The reader learns the delimiters of each interchange from its ISA header
 * and hands out one segment at a time as zero-copy views.  It reads from a
 * memory buffer, from a file (path, descriptor or FILE*, gzip detected by its
 * magic bytes), or from chunks pushed by the caller; all three give identical
 * segments, positions and errors.  Memory stays bounded by the longest
 * segment plus a fixed read buffer, whatever the input size.
 *
 * Envelope rules (ISA/IEA, GS/GE, ST/SE) are checked as segments go by; see
 * <x12/envelope.h>.
 *
 * Typical use:
 *
 *     x12_reader *r;
 *     const x12_segment *seg;
 *     x12_status st;
 *     if (x12_reader_new(NULL, &r) != X12_OK) ...
 *     if (x12_reader_open_path(r, "claims.837.gz") != X12_OK) ...
 *     while ((st = x12_reader_next(r, &seg)) == X12_OK) {
 *         x12_str id = x12_segment_id(seg);
 *         ...
 *     }
 *     if (st != X12_END) report(x12_reader_last_error(r));
 *     x12_reader_free(r);
 */
#ifndef X12_READER_H
#define X12_READER_H

#include <stdio.h>
#include <x12/common.h>
#include <x12/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_reader x12_reader;
typedef struct x12_segment x12_segment;
typedef struct x12_envelope x12_envelope;

/* The four delimiters of an interchange.  `repetition` is 0 when the
 * interchange has none (version before 00501, or ISA11 alphanumeric).
 * This structure is frozen: X12 has exactly these four delimiters. */
typedef struct x12_delimiters {
    char element;
    char component;
    char repetition;
    char segment;
} x12_delimiters;

/* ---- lifetime ---------------------------------------------------------- */

/* Creates a reader.  `alloc` may be NULL (malloc/free).  On success *out is a
 * new reader the caller frees with x12_reader_free.  X12_ENOMEM, X12_EINVAL. */
X12_API x12_status x12_reader_new(const x12_allocator *alloc, x12_reader **out);

/* Frees the reader, closes any file it opened, invalidates every view and
 * error it handed out.  NULL is allowed. */
X12_API void x12_reader_free(x12_reader *r);

/* ---- options (set before opening input) -------------------------------- */

typedef enum x12_reader_option {
    /* Longest segment accepted, in bytes, terminator and line breaks
     * included.  Default 65536.  Longer segments give X12_ELIMIT. */
    X12_OPT_MAX_SEGMENT_BYTES = 1,
    /* Most elements in one segment.  Default 4096. */
    X12_OPT_MAX_ELEMENTS = 2,
    /* 1: the first error (not warning) stops the reader with its status.
     * 0 (default): envelope errors are reported and reading goes on. */
    X12_OPT_STRICT = 3,
    /* 1 (default): check ISA/IEA, GS/GE, ST/SE as segments go by. */
    X12_OPT_ENVELOPE_CHECKS = 4,
    /* Bytes read from a file at a time.  Default 65536, at least 16. */
    X12_OPT_READ_CHUNK_BYTES = 5,
    /* Which scanner finds segments and elements, an x12_scan value.  The
     * results are the same whichever is used; only the speed differs.
     * Default X12_SCAN_AUTO; reading the option gives X12_SCAN_GENERAL or
     * X12_SCAN_INDEX, the kind in use (x12_reader_scanner_name names it). */
    X12_OPT_SCAN = 6
} x12_reader_option;

/* Scanners for X12_OPT_SCAN.  Most segments are served from an index of
 * delimiter positions built 64 bytes at a time with the CPU's vector
 * instructions; the general scanner takes everything else (ISA, the end
 * of the window, limits, errors) and can be made to take every segment.
 * Which instructions build the index is the library's choice, made at run
 * time for this CPU, and not part of the API (x12_reader_scanner_name
 * tells it).  X12_SCAN_INDEX on a CPU or build without an index is
 * X12_EINVAL. */
typedef enum x12_scan {
    X12_SCAN_AUTO = 0,    /* the index when this CPU has one, else general */
    X12_SCAN_GENERAL = 1, /* the general scanner only, no index */
    X12_SCAN_INDEX = 2    /* the fastest index this CPU and build have */
} x12_scan;

/* The name of the scanner this reader uses, for diagnostics and
 * benchmarks: "general", or the instruction set that builds its index
 * ("sse2", "avx2", "avx512" today; more may come, do not parse it).
 * Static storage, never NULL ("general" for a NULL reader).  The
 * environment variable X12_SCANNER, read by x12_reader_new, makes
 * X12_SCAN_AUTO and X12_SCAN_INDEX use the scanner it names when this CPU
 * has it (one of these names; anything else is ignored), for tests and
 * benchmarks comparing them. */
X12_API const char *x12_reader_scanner_name(const x12_reader *r);

/* Sets an option.  X12_EINVAL for an unknown option or a value out of range;
 * X12_ESTATE once input has been opened. */
X12_API x12_status x12_reader_set_option(x12_reader *r, x12_reader_option opt,
                                         uint64_t value);
X12_API uint64_t x12_reader_get_option(const x12_reader *r, x12_reader_option opt);

/* Called for every warning and error as it is found, in order.  The record
 * lives only for the duration of the call.  Pass NULL to remove. */
typedef void (*x12_error_fn)(void *user, const x12_error *e);
X12_API void x12_reader_set_error_handler(x12_reader *r, x12_error_fn fn, void *user);

/* ---- input: choose exactly one ------------------------------------------ */

/* Reads `len` bytes at `data`, which must stay valid and unchanged until the
 * reader is freed.  Nothing is copied.  gzip data is not accepted here. */
X12_API x12_status x12_reader_open_buffer(x12_reader *r, const void *data, size_t len);

/* Opens and reads a file ("-" is not special here).  gzip is detected by its
 * magic bytes.  X12_EIO if the file cannot be opened (errno is kept). */
X12_API x12_status x12_reader_open_path(x12_reader *r, const char *path);

/* Reads from a descriptor the caller keeps open and closes after freeing the
 * reader.  gzip is detected by its magic bytes. */
X12_API x12_status x12_reader_open_fd(x12_reader *r, int fd);

/* Reads from a stream the caller keeps open (stdin works).  The reader uses
 * fread only; gzip is detected by its magic bytes. */
X12_API x12_status x12_reader_open_file(x12_reader *r, FILE *fp);

/*
 * Push input: call x12_reader_feed with chunks of any size (one byte is
 * fine), then x12_reader_next until it returns X12_AGAIN; pass is_final = 1
 * with the last chunk (it may be empty).  The bytes are copied.  gzip data is
 * decoded when the first bytes are its magic.  Results are identical to
 * reading the same bytes from a buffer.  X12_ESTATE if another input was
 * opened or the final chunk was already fed.  X12_ENOMEM: the chunk was not
 * taken (nor its is_final); the reader is unchanged and the same chunk may
 * be fed again.
 */
X12_API x12_status x12_reader_feed(x12_reader *r, const void *data, size_t len,
                                   int is_final);

/* ---- reading ----------------------------------------------------------- */

/*
 * Reads the next segment.
 *   X12_OK     *seg is the segment.  It and every view taken from it stay
 *              valid until the next call on this reader.  Warnings and
 *              (when not strict) envelope errors found on this segment are
 *              listed by x12_reader_error_count / x12_reader_error_at.
 *   X12_END    no more segments.
 *   X12_AGAIN  push input only: feed more bytes.
 *   other      an error; x12_reader_last_error(r) says what and where (it
 *              is not also in the x12_reader_error_at list, which holds
 *              only problems found on segments that were handed out or at
 *              the end of input).  If its severity is X12_SEV_ERROR the bad
 *              bytes were skipped and calling again goes on; if
 *              X12_SEV_FATAL every later call returns the same status.
 *              For X12_EIO the record's message includes the system's
 *              reason (errno is not guaranteed to survive the call).
 *   X12_ENOMEM an allocation failed; fatal.  Also when a diagnostic found
 *              during the call could not be added to the error list: it
 *              was counted and given to the error handler, and the call
 *              fails rather than return a list that misses it (the record
 *              names its rule, segment number and offset).
 * *seg is NULL whenever the status is not X12_OK.
 */
X12_API x12_status x12_reader_next(x12_reader *r, const x12_segment **seg);

/* Warnings and errors found during the last x12_reader_next call, in order:
 * those on the segment it returned, or, with X12_END, envelopes left open
 * at the end of input.  Valid until the next call on this reader. */
X12_API size_t x12_reader_error_count(const x12_reader *r);
X12_API const x12_error *x12_reader_error_at(const x12_reader *r, size_t i);

/* The error that made the last call fail, or NULL.  Valid until the next
 * call on this reader. */
X12_API const x12_error *x12_reader_last_error(const x12_reader *r);

/* Totals since the input was opened. */
X12_API uint64_t x12_reader_total_errors(const x12_reader *r);
X12_API uint64_t x12_reader_total_warnings(const x12_reader *r);

/* Delimiters of the current interchange; X12_ESTATE before the first ISA. */
X12_API x12_status x12_reader_delimiters(const x12_reader *r, x12_delimiters *out);

/* Bytes of input consumed so far (after gzip decoding). */
X12_API uint64_t x12_reader_offset(const x12_reader *r);

/* Envelope context of the current segment (see <x12/envelope.h>).  Valid
 * until the next call on this reader.  Never NULL. */
X12_API const x12_envelope *x12_reader_envelope(const x12_reader *r);

/* ---- segment views ------------------------------------------------------
 * Every view points into the reader's input or buffer and is valid until
 * the next call on the reader that produced the segment.  Indexes follow
 * X12: element 1 is the first after the segment id (element 0 is the id),
 * components and repetitions start at 1.  Out-of-range indexes give an empty
 * view, as X12 treats an absent element as empty.
 */

/* Segment id, e.g. "NM1". */
X12_API x12_str x12_segment_id(const x12_segment *seg);
/* Number of elements after the id, trailing empty ones included as read. */
X12_API size_t x12_segment_count(const x12_segment *seg);
/* Element i as written, separators inside it included. */
X12_API x12_str x12_segment_element(const x12_segment *seg, size_t i);
/* Number of repetitions of element i (1 for a plain element, 0 if absent). */
X12_API size_t x12_segment_repetition_count(const x12_segment *seg, size_t i);
/* Number of components in repetition k of element i (0 if absent). */
X12_API size_t x12_segment_component_count(const x12_segment *seg, size_t i, size_t k);
/* Component j of repetition k of element i. */
X12_API x12_str x12_segment_value(const x12_segment *seg, size_t i, size_t k, size_t j);
/* Component j of the first repetition of element i. */
X12_API x12_str x12_segment_component(const x12_segment *seg, size_t i, size_t j);
/* Repetition k of element i, components included. */
X12_API x12_str x12_segment_repetition(const x12_segment *seg, size_t i, size_t k);

/* The segment as read, id to last element, without the terminator. */
X12_API x12_str x12_segment_raw(const x12_segment *seg);
/* The bytes after the segment data up to the next segment: the terminator
 * and any line breaks or blank lines that follow it.  raw + trailer for every
 * segment, after the leading bytes, reproduces the input. */
X12_API x12_str x12_segment_trailer(const x12_segment *seg);
/* Bytes skipped before this segment: a byte-order mark or white space before
 * an ISA.  Empty for every other segment. */
X12_API x12_str x12_segment_leading(const x12_segment *seg);
/* Segment number in its interchange (ISA = 1). */
X12_API uint64_t x12_segment_number(const x12_segment *seg);
/* Position in its transaction set (ST = 1), 0 outside ST..SE.  This is the
 * position a 999 IK302 reports. */
X12_API uint64_t x12_segment_set_position(const x12_segment *seg);
/* Byte offset of the segment's first byte in the input. */
X12_API uint64_t x12_segment_offset(const x12_segment *seg);
/* Delimiters the segment was read with. */
X12_API x12_delimiters x12_segment_delimiters(const x12_segment *seg);

#ifdef __cplusplus
}
#endif

#endif /* X12_READER_H */
