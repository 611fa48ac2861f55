/*
 * libx12 - reading 837P (005010X222A1) and 837I (005010X223A2) claims back.
 *
 * An x12_claim_stream reads segments from an x12_reader and hands out one
 * claim at a time, as objects of the claim model of <x12/claim837.h>: the
 * claim (x12_claim, with its lines, diagnoses, codes, providers, other
 * payers and line adjudications), its billing provider, subscriber,
 * patient and payer, and the interchange it came in (envelope, submitter,
 * receiver).  Every getter of claim837.h works on them, and
 * x12_claim_stream_copy_claim puts a claim read into a batch of your own,
 * to check it, change it (a corrected claim: frequency 7 and REF*F8) and
 * write it again.
 *
 *     x12_claim_stream *s;
 *     x12_status st;
 *     x12_claim_stream_new(NULL, NULL, &s);          NULL reader: it makes one
 *     x12_reader_open_path(x12_claim_stream_reader(s), "claims.837.gz");
 *     while ((st = x12_claim_stream_next(s)) == X12_OK) {
 *         x12_claim *c = x12_claim_stream_claim(s);
 *         x12_str pcn = x12_claim_get(c, X12_CLAIM_PCN);
 *         x12_party *payer = x12_claim_stream_payer(s);
 *         for (x12_service_line *l = x12_claim_first_line(c); l; l = x12_line_next(l))
 *             ...
 *     }
 *     if (st != X12_END) ... x12_claim_stream_last_error(s)
 *     x12_claim_stream_free(s);
 *
 * Memory: only the current claim and the loops above it (the billing
 * provider, subscriber and patient HL levels and the set's header) are
 * held, each level in an arena of its own that is emptied when the next
 * loop of that level starts.  A file of any size, and an HL parent with
 * any number of claims, reads in constant memory.  Any input of the reader
 * works (path, .gz, FILE*, descriptor, buffer, push) with identical
 * results for any chunking of pushed input.
 *
 * What is read: every segment and element x12_batch_write writes goes back
 * into the field it came from, so that reading a file the builder wrote
 * and copying every claim into a new batch writes the same bytes (control
 * numbers, dates and delimiters carried over by x12_batch_copy_header; one
 * interchange with one group; lines numbered in order).  Values the
 * builder writes by default (CLM06-09 Y/A/Y/Y, SV103 UN, SV104 1, ...) are
 * read as set.
 *
 * What is not: a segment or element the claim model cannot hold (NTE, PWK,
 * CN1, K3, other REF qualifiers, 2010AC, 2310E-F, 2330C-I, 2440, CLM10,
 * SV101-7 descriptions, a second PER, ...) is never dropped silently: each
 * is a warning, rule "not-kept", located by segment number, segment id,
 * loop id, element, component and byte offset, e.g. "segment NTE in loop
 * 2300 is not kept by the claim model".  Where a qualifier differs from the
 * one the builder writes (NM108 24 where the builder writes XX) the value
 * is kept and the warning says so.  x12_claim_stream_not_kept_count says
 * how many such warnings a claim and its parent loops have: what rewriting
 * that claim would lose.
 *
 * Errors (severity error, reading goes on with the next claim):
 *   "hl-parent"       a subscriber (patient) HL whose HL02 is not the
 *                     billing provider (subscriber) HL above it (real
 *                     files name parents that do not exist): the loop is
 *                     read under that HL, claims and all; a subscriber
 *                     (patient) HL with no billing provider (subscriber)
 *                     HL before it in its set: the loop and its claims
 *                     are skipped
 *   "hl-level"        HL03 other than 20, 22, 23; the loop is skipped
 *   "outside-loop"    CLM outside a subscriber or patient loop, or a claim
 *                     inside a skipped loop: the claim is skipped (counted
 *                     by X12_CTOTAL_SKIPPED)
 *   "outside-claim"   LX outside a claim: the line is skipped up to the
 *                     next LX, CLM or HL
 *   "outside-line"    SV1/SV2/SVD/LIN before the claim's first LX, or a
 *                     second SV1/SV2 in one line: the segment is skipped
 *   "amount"          an amount is not a decimal number: the value is
 *                     left unset
 *   "number"          a diagnosis pointer (SV107) is not a number
 * Warnings: "not-kept" as above; "not-837" a transaction set that is not
 * an 837, "version" an 837 that is neither 005010X222 (837P) nor
 * 005010X223 (837I) by ST03 or GS08; both sets are skipped.
 * Reader and envelope diagnostics are passed through unchanged.  Messages
 * never quote names, member ids, patient control numbers, addresses or
 * birth dates; they may quote codes and HL ids.
 */
#ifndef X12_CLAIMREAD_H
#define X12_CLAIMREAD_H

#include <x12/claim837.h>
#include <x12/common.h>
#include <x12/envelope.h>
#include <x12/error.h>
#include <x12/reader.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_claim_stream x12_claim_stream;

/*
 * Creates a stream over `reader`, which the caller opened (any input) and
 * frees after the stream.  With reader NULL the stream makes its own
 * (freed with the stream); open it through x12_claim_stream_reader().
 * `alloc` may be NULL (malloc/free); the claim model's batches use it too.
 * On success *out is freed with x12_claim_stream_free.  X12_ENOMEM,
 * X12_EINVAL.
 */
X12_API x12_status x12_claim_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                        x12_claim_stream **out);
/* Frees the stream, every object it handed out and its own reader if it
 * made one.  NULL is allowed. */
X12_API void x12_claim_stream_free(x12_claim_stream *s);
/* The reader the stream reads from: open it, set options or feed it.  Do
 * not call x12_reader_next on it yourself. */
X12_API x12_reader *x12_claim_stream_reader(x12_claim_stream *s);
/* Called for every diagnostic (reader, envelope, claim) as it is found;
 * the record lives only during the call.  NULL removes it. */
X12_API void x12_claim_stream_set_error_handler(x12_claim_stream *s, x12_error_fn fn,
                                                void *user);

/*
 * Reads on to the next claim.
 *   X12_OK     a claim is ready: x12_claim_stream_claim() and the other
 *              accessors below.
 *   X12_END    the input is finished.
 *   X12_AGAIN  push input: feed the reader more bytes and call again.
 *   other      the reader cannot go on (fatal error, strict mode, I/O,
 *              X12_ENOMEM); x12_claim_stream_last_error() says why.  Every
 *              later call returns the same status.
 * A claim is complete when the segment after it (CLM, HL, SE, ...) has
 * been read; that segment is handled by the next call.
 */
X12_API x12_status x12_claim_stream_next(x12_claim_stream *s);

/* ---- the claim and what it belongs to ---------------------------------------
 * Each is owned by the stream, NULL when no claim is current (before the
 * first X12_OK, after X12_END or an error), and valid until the next
 * x12_claim_stream_next, as are the views taken from it.  They may be
 * changed (setters, adders) until then; copy the claim into a batch of
 * your own to keep it. */
X12_API x12_claim *x12_claim_stream_claim(x12_claim_stream *s);
/* The billing provider (2000A, 2010AA, pay-to address 2010AB). */
X12_API x12_billing_provider *x12_claim_stream_provider(x12_claim_stream *s);
/* The subscriber (2000B, 2010BA) with the payer (2010BB). */
X12_API x12_subscriber *x12_claim_stream_subscriber(x12_claim_stream *s);
/* The patient (2000C, 2010CA), or NULL when the subscriber is the
 * patient. */
X12_API x12_patient *x12_claim_stream_patient(x12_claim_stream *s);
/* The payer the claim is sent to: the subscriber's (NM1*PR of 2010BB). */
X12_API x12_party *x12_claim_stream_payer(x12_claim_stream *s);
/* The claim's transaction set as a batch header: x12_batch_get gives
 * ISA05-08 (sender and receiver), GS02-03, the BHT date, time, reference,
 * purpose and type; x12_batch_get_option the ISA13, GS06 and ST02 control
 * numbers when they are numbers, ISA14 and ISA15; x12_batch_kind 837P or
 * 837I.  It holds no providers.  Valid until the next call. */
X12_API const x12_batch *x12_claim_stream_header(const x12_claim_stream *s);
/* Submitter (1000A NM1*41, PER) and receiver (1000B NM1*40). */
X12_API x12_party *x12_claim_stream_submitter(x12_claim_stream *s);
X12_API x12_party *x12_claim_stream_receiver(x12_claim_stream *s);
/* 837P or 837I, from ST03 (or GS08 when ST03 is empty); 0 when no claim
 * is current. */
X12_API x12_claim_kind x12_claim_stream_kind(const x12_claim_stream *s);
/* An envelope element of the claim's interchange, group and set as
 * written (ISA06/ISA08 without trailing spaces); empty when absent. */
X12_API x12_str x12_claim_stream_envelope(const x12_claim_stream *s, x12_env_field f);

typedef enum x12_claim_position {
    X12_CPOS_SEGMENT_NUMBER = 1,     /* the CLM's segment number (ISA = 1) */
    X12_CPOS_OFFSET = 2,             /* the CLM's byte offset in the input */
    X12_CPOS_END_OFFSET = 3,         /* byte offset of the segment after the claim's
                                        last one (or the end of input) */
    X12_CPOS_SET_POSITION = 4,       /* the CLM's position in its set (ST = 1) */
    X12_CPOS_SEGMENTS = 5,           /* segments from the CLM to the claim's last */
    X12_CPOS_ST_SEGMENT_NUMBER = 6,  /* the set's ST: segment number ... */
    X12_CPOS_ST_OFFSET = 7,          /* ... and byte offset */
    X12_CPOS_SET_INDEX = 8,          /* 0-based index of the set in the input (every
                                        ST counted, 837 or not) */
    X12_CPOS_INTERCHANGE_INDEX = 9,  /* 0-based index of the interchange */
    X12_CPOS_CLAIM_INDEX = 10,       /* 0-based index of the claim among the CLM
                                        segments of the input (skipped ones counted) */
    X12_CPOS_CLAIM_IN_SET = 11,      /* 0-based index among the CLMs of its set */
    /* Byte offsets of the HL segments of the claim's billing provider,
     * subscriber and patient loops (0: no patient loop).  Unique in the
     * input: they tell whether two claims share a parent, and a splitter
     * cutting at claims where to find the parents to repeat. */
    X12_CPOS_PROVIDER_OFFSET = 12,
    X12_CPOS_SUBSCRIBER_OFFSET = 13,
    X12_CPOS_PATIENT_OFFSET = 14
} x12_claim_position;
/* Where the current claim is; 0 when no claim is current. */
X12_API uint64_t x12_claim_stream_position(const x12_claim_stream *s, x12_claim_position what);

/* ---- diagnostics ------------------------------------------------------------ */

/* Every diagnostic found during the last x12_claim_stream_next, in input
 * order (the loops above the claim, the claim, skipped claims, reader and
 * envelope problems).  Valid until the next call. */
X12_API size_t x12_claim_stream_error_count(const x12_claim_stream *s);
X12_API const x12_error *x12_claim_stream_error_at(const x12_claim_stream *s, size_t i);
/* The error that made the last call fail, or NULL. */
X12_API const x12_error *x12_claim_stream_last_error(const x12_claim_stream *s);
/* The current claim's own diagnostics: those located in the set's header,
 * its billing provider, subscriber and patient loops, and in the claim, in
 * input order.  Valid until the next call. */
X12_API size_t x12_claim_stream_claim_error_count(const x12_claim_stream *s);
X12_API const x12_error *x12_claim_stream_claim_error_at(const x12_claim_stream *s, size_t i);
/* How many of those are "not-kept" warnings: what writing the claim again
 * would lose (counted whole, past the limit below too). */
X12_API size_t x12_claim_stream_not_kept_count(const x12_claim_stream *s);

/*
 * How many diagnostics the stream keeps in memory in each list it fills:
 * those found between two claims handed out (the lists of the
 * x12_claim_stream_next calls that lead to one claim; a call that ends in
 * X12_AGAIN starts no new count, so pushed input keeps exactly what a
 * whole buffer keeps) and those of each of the current claim's levels
 * (set header, billing provider, subscriber, patient, claim).  Past `max`
 * a diagnostic is counted, not kept, so that junk in a file (400,000 stray
 * segments in a claim) cannot make memory grow; the error handler, the
 * totals (x12_claim_stream_total) and the not-kept count still see every
 * one.  The default is X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS; 0 means no
 * limit.  May be called at any time; it applies to what is found next.
 * X12_EINVAL when s is NULL.
 */
#define X12_CLAIM_STREAM_DEFAULT_MAX_ERRORS 1000
X12_API x12_status x12_claim_stream_set_max_errors(x12_claim_stream *s, size_t max);
/* Diagnostics found during the last x12_claim_stream_next and not kept in
 * its list (x12_claim_stream_error_count counts those kept). */
X12_API uint64_t x12_claim_stream_errors_dropped(const x12_claim_stream *s);
/* The current claim's diagnostics counted and not kept in its lists
 * (x12_claim_stream_claim_error_count counts those kept); 0 when there is
 * no current claim. */
X12_API uint64_t x12_claim_stream_claim_errors_dropped(const x12_claim_stream *s);

typedef enum x12_claim_total {
    X12_CTOTAL_CLAIMS = 1,   /* claims handed out */
    X12_CTOTAL_SKIPPED = 2,  /* CLM segments whose claim was skipped (each an error) */
    X12_CTOTAL_LINES = 3,    /* service lines of the claims handed out */
    X12_CTOTAL_SETS = 4,     /* 837P/837I transaction sets read */
    X12_CTOTAL_NOT_KEPT = 5, /* "not-kept" warnings */
    X12_CTOTAL_ERRORS = 6    /* diagnostics of severity error or fatal, the
                                reader's included */
} x12_claim_total;
/* Counts since the input was opened. */
X12_API uint64_t x12_claim_stream_total(const x12_claim_stream *s, x12_claim_total which);

/* ---- building again ------------------------------------------------------------ */

/*
 * Copies the current claim into `dst` (a batch of the claim's kind) under
 * copies of its billing provider, subscriber and patient.  Claims of the
 * same loops share their parents in dst: the provider, subscriber and
 * patient this stream added last to dst are used again while they are the
 * last ones of dst and the claim comes from the same HL loops, so copying
 * every claim of a file rebuilds its tree.  The header is not copied: call
 * x12_batch_copy_header(dst, x12_claim_stream_header(s)) for it.  *out
 * (may be NULL) is the copy, borrowed from dst.  X12_ESTATE when no claim
 * is current, X12_EINVAL for a NULL argument or a batch of the other kind,
 * X12_ENOMEM.
 */
X12_API x12_status x12_claim_stream_copy_claim(x12_claim_stream *s, x12_batch *dst,
                                               x12_claim **out);

#ifdef __cplusplus
}
#endif

#endif /* X12_CLAIMREAD_H */
