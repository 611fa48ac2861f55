/*
 * libx12 - acknowledgments: the 999 (005010X231A1) and the TA1.
 *
 * An x12_ack listens to a validator (<x12/validate.h>) while the input
 * streams through it and writes, through an x12_writer, the acknowledgment
 * of what it saw:
 *
 *  - 999: per input interchange one interchange back (sender and receiver
 *    swapped), per input functional group a GS*FA with one ST*999: AK1
 *    (GS01, GS06, GS08), per transaction set AK2 (ST01-03), IK3 per segment
 *    error with CTX (the claim's CLM01 inside an 837 claim) and IK4 per
 *    element error, IK5 (A accepted, E accepted with errors noted, R
 *    rejected, and the IK502-506 codes), then AK9 (A, E, P partially
 *    accepted, R; sets included, received, accepted; group error codes).
 *    An input without problems gets IK5*A and AK9*A.
 *  - TA1: per input interchange one interchange holding TA1*ISA13*ISA09*
 *    ISA10*TA104*TA105, TA104 A/E/R and TA105 the note code of the first
 *    interchange problem (000 when there is none).
 *
 * Control numbers and counts (ISA13, GS06, ST02, SE01, GE01, IEA01) are the
 * writer's: it numbers from its X12_WOPT_NEXT_* options.
 *
 *     x12_ack *ack;
 *     x12_ack_new(NULL, X12_ACK_999, w, &ack);   (w: a writer with output set)
 *     x12_ack_attach(ack, v);                     (v: the validator)
 *     ... feed every segment to x12_validator_segment, then finish ...
 *     x12_ack_status(ack);                        (the first writer failure)
 *     x12_ack_free(ack);
 */
#ifndef X12_ACK_H
#define X12_ACK_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/validate.h>
#include <x12/writer.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_ack x12_ack;

typedef enum x12_ack_kind {
    X12_ACK_999 = 1,
    X12_ACK_TA1 = 2
} x12_ack_kind;

/* Creates an acknowledgment writer that writes through `w` (owned by the
 * caller, who sets its output and delimiters and finishes it).  `alloc`
 * may be NULL.  Free with x12_ack_free.  X12_EINVAL, X12_ENOMEM. */
X12_API x12_status x12_ack_new(const x12_allocator *alloc, x12_ack_kind kind, x12_writer *w,
                               x12_ack **out);
/* Frees the ack (not the writer or the validator).  NULL allowed.  Detach
 * it first (x12_validator_set_handler(v, NULL, NULL)) if the validator
 * lives on. */
X12_API void x12_ack_free(x12_ack *ack);

/* Date and time written in ISA09/ISA10 and GS04/GS05: "CCYYMMDD" and
 * "HHMM".  Default: the current UTC time when the acknowledgment starts.
 * X12_EINVAL unless a real calendar date (8 digits) and a time of day
 * (4 digits, 0000 to 2359); the ack is then unchanged. */
X12_API x12_status x12_ack_set_time(x12_ack *ack, const char *ccyymmdd, const char *hhmm);

/* Issues of one transaction set kept until its SE to be written in
 * position order (an issue takes about 500 bytes).  Past the limit the
 * set's further issues are only counted: IK5 still says R (or E) with
 * their codes, but their IK3/IK4 segments are not written.  Default
 * 100000; 1 .. 2^32.  X12_EINVAL outside that. */
X12_API x12_status x12_ack_set_max_set_issues(x12_ack *ack, uint64_t max);

typedef enum x12_ack_option {
    /* IK404, the copy of a bad value.  1 (default): written when the value
     * has the shape of a code of its element (as x12_issue_bad_value
     * gives it: never a name, id, date or amount); 0: never written, for
     * receivers that want no input echoed at all. */
    X12_AOPT_BAD_VALUES = 1
} x12_ack_option;

/* Sets an option (before the first input is seen, or between sets).
 * X12_EINVAL for an unknown option or a value out of range. */
X12_API x12_status x12_ack_set_option(x12_ack *ack, x12_ack_option opt, uint64_t value);

/* Makes `ack` the validator's event handler (replacing any other). */
X12_API x12_status x12_ack_attach(x12_ack *ack, x12_validator *v);

/* X12_OK, or the status of the first writer call that failed (the
 * acknowledgment is then incomplete); x12_writer_last_error says why. */
X12_API x12_status x12_ack_status(const x12_ack *ack);

/* Transaction sets acknowledged so far, and how many were accepted (IK501
 * A or E). */
X12_API uint64_t x12_ack_sets(const x12_ack *ack);
X12_API uint64_t x12_ack_sets_accepted(const x12_ack *ack);

#ifdef __cplusplus
}
#endif

#endif /* X12_ACK_H */
