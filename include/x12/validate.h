/*
 * libx12 - validating transactions against implementation guides.
 *
 * The validator is fed segments one at a time, as a reader hands them out,
 * so it works on input of any size in constant memory.  It checks the
 * envelopes (ISA/IEA, GS/GE, ST/SE: counts, control numbers, nesting) and
 * walks each transaction set (ST..SE) against its guide with a loop-state
 * machine: loops are recognised by their trigger segment and qualifier, and
 * the HL tree of an 837 (HL01/HL02/HL03) is followed.  The guide comes from
 * ST03 or GS08, or is chosen by the caller (<x12/spec.h>).
 *
 * Every problem is an issue carrying its acknowledgment code in X12's own
 * terms: the 999 IK3 segment code (1-8, I4-I9), IK4 element code (1-13,
 * I6-I13), IK5 transaction set code, AK9 functional group code or TA1 note
 * code, with its position: segment number in the interchange, position in
 * the set (IK302), segment id, loop id, element/component/repetition and
 * byte offset, and a message a person can act on ("NM1 in loop 2010AA is
 * required but missing").  Messages never quote names, ids, dates or other
 * identifying values: a bad value is quoted only when it has the shape of
 * a code of its element (1 to the element's maximum length, capitals,
 * digits and the characters of its codes), else described by its length;
 * a segment id only when it has X12's shape.  The validator never stops at
 * a problem: after a segment it cannot place it resynchronises at the next
 * segment it recognises.  A segment the reader skipped (over a configured
 * limit) keeps its number: the validator reports the gap inside the set it
 * belonged to (IK3 8 / IK4 5 or 3), so that set is never accepted.
 *
 *     x12_validator *v;
 *     x12_validator_new(NULL, &v);
 *     while (x12_reader_next(r, &seg) == X12_OK) {
 *         x12_validator_segment(v, seg);
 *         for (i = 0; i < x12_validator_issue_count(v); i++)
 *             show(x12_validator_issue_at(v, i));
 *     }
 *     x12_validator_finish(v);      (issues for envelopes left open)
 *     ...
 *     x12_validator_free(v);
 */
#ifndef X12_VALIDATE_H
#define X12_VALIDATE_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/envelope.h>
#include <x12/spec.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_validator x12_validator;
typedef struct x12_issue x12_issue;

/* What an issue is about, and so which acknowledgment segment reports it.
 * Values are part of the ABI. */
typedef enum x12_issue_level {
    X12_ISSUE_INTERCHANGE = 1, /* TA1: code is a TA105 note code ("001") */
    X12_ISSUE_GROUP = 2,       /* 999 AK9: code is an AK905 code ("5") */
    X12_ISSUE_SET = 3,         /* 999 IK5: code is an IK502 code ("4") */
    X12_ISSUE_SEGMENT = 4,     /* 999 IK3: code is an IK304 code ("3", "I4") */
    X12_ISSUE_ELEMENT = 5      /* 999 IK4: code is an IK403 code ("7", "I10") */
} x12_issue_level;

/* Creates a validator.  `alloc` may be NULL.  Free with x12_validator_free.
 * X12_ENOMEM, X12_EINVAL. */
X12_API x12_status x12_validator_new(const x12_allocator *alloc, x12_validator **out);
/* Frees the validator and every issue it handed out.  NULL allowed. */
X12_API void x12_validator_free(x12_validator *v);

typedef enum x12_validator_option {
    /* 1: warnings count as errors (they get severity error, reject the
     * set in a 999 and make x12_validator_total_errors count them).
     * 0 (default): lenient. */
    X12_VOPT_STRICT = 1,
    /* Control numbers remembered to find duplicates: ST02 values in one
     * functional group, GS06 values in one interchange (about 20 bytes
     * each at most).  Past the limit the next one gets one warning issue
     * (rule "max-control-numbers", status X12_ELIMIT, no acknowledgment
     * code, so a 999 does not report it) and duplicates are no longer
     * looked for until the group (interchange) ends.  Default 1000000;
     * 1 .. 2^32. */
    X12_VOPT_MAX_CONTROL_NUMBERS = 2,
    /* A set whose ST03 (GS08 when ST03 is empty) names a built-in guide in
     * another errata release than the one HIPAA adopted and libx12
     * carries - 005010X222A2 or 005010X223A3 where the built-in guides are
     * 005010X222A1 and 005010X223A2; the release is the A-number after the
     * first ten characters, none for the original - is validated against
     * the built-in guide either way.  X12_ERRATA_ACCEPT (the default): the
     * id is accepted, with no finding.  X12_ERRATA_REJECT: one set issue,
     * IK5 code I6 ("implementation convention not supported"), an error.
     * An id with the same first ten characters but no such suffix is that
     * error whatever the option.  See x12_errata_mode. */
    X12_VOPT_ERRATA = 3
} x12_validator_option;

/* Values of X12_VOPT_ERRATA. */
typedef enum x12_errata_mode {
    X12_ERRATA_ACCEPT = 0,
    X12_ERRATA_REJECT = 1
} x12_errata_mode;
X12_API x12_status x12_validator_set_option(x12_validator *v, x12_validator_option opt,
                                            uint64_t value);

/* Validates every transaction set with `spec`, whatever its ST03/GS08 say.
 * NULL (the default) chooses by ST01 and ST03 (or GS08 when ST03 is
 * empty).  The spec must outlive the validator. */
X12_API x12_status x12_validator_use_spec(x12_validator *v, const x12_spec *spec);
/* Adds a guide (a companion guide loaded with x12_spec_load_file) that is
 * chosen before the built-ins when its id equals ST03/GS08 and its set id
 * equals ST01.  The spec must outlive the validator. */
X12_API x12_status x12_validator_add_spec(x12_validator *v, const x12_spec *spec);

/*
 * Checks one segment, in input order: every segment a reader returns,
 * ISA to IEA.  The segment is only read during the call.  Issues found are
 * listed by x12_validator_issue_count/_at until the next call.  Returns
 * X12_OK whatever the segment holds (problems are issues); X12_ENOMEM when
 * memory ran out (the validator stays usable but may have lost issues);
 * X12_EINVAL for NULL arguments.
 */
X12_API x12_status x12_validator_segment(x12_validator *v, const x12_segment *seg);
/* End of input: reports envelopes left open (SE, GE, IEA missing) and
 * resets the validator for new input. */
X12_API x12_status x12_validator_finish(x12_validator *v);

/* Issues found by the last x12_validator_segment/_finish call, in the order
 * found.  Valid until the next call on v. */
X12_API size_t x12_validator_issue_count(const x12_validator *v);
X12_API const x12_issue *x12_validator_issue_at(const x12_validator *v, size_t i);

/* Totals since the validator was created (errors include warnings made
 * errors by X12_VOPT_STRICT). */
X12_API uint64_t x12_validator_total_errors(const x12_validator *v);
X12_API uint64_t x12_validator_total_warnings(const x12_validator *v);

/* ---- events ---------------------------------------------------------------
 * A handler sees the structure as well as the issues, in order: this is
 * how the acknowledgment writer (<x12/ack.h>) builds a 999 while the input
 * streams by.  During a call, x12_validator_envelope_get gives the
 * envelope values of the interchange, group and set concerned and
 * x12_validator_count the counts. */
typedef enum x12_vevent {
    X12_VEV_INTERCHANGE_BEGIN = 1, /* after an ISA */
    X12_VEV_GROUP_BEGIN = 2,       /* after a GS */
    X12_VEV_SET_BEGIN = 3,         /* after an ST */
    X12_VEV_ISSUE = 4,             /* an issue (the `issue` argument) */
    X12_VEV_SET_END = 5,           /* SE, or the set was closed without one */
    X12_VEV_GROUP_END = 6,         /* GE, or the group was closed without one */
    X12_VEV_INTERCHANGE_END = 7    /* IEA, or closed without one */
} x12_vevent;

typedef void (*x12_validator_fn)(void *user, x12_vevent ev, const x12_validator *v,
                                 const x12_issue *issue);
/* Sets the event handler (NULL removes it). */
X12_API void x12_validator_set_handler(x12_validator *v, x12_validator_fn fn, void *user);

/* Envelope values as read (ISA fields without padding); empty outside the
 * envelope.  Valid until the next call on v. */
X12_API x12_str x12_validator_envelope_get(const x12_validator *v, x12_env_field field);

typedef enum x12_vcount {
    X12_VCOUNT_GROUPS = 1,      /* GS seen in the current interchange */
    X12_VCOUNT_SETS = 2,        /* ST seen in the current group */
    X12_VCOUNT_SET_ERRORS = 3,  /* errors in the current set so far */
    X12_VCOUNT_SET_WARNINGS = 4,
    X12_VCOUNT_GE01 = 5,        /* GE01 as a number (sets counted when GE is missing) */
    X12_VCOUNT_IEA01 = 6
} x12_vcount;
X12_API uint64_t x12_validator_count(const x12_validator *v, x12_vcount which);

/* The guide the current set is validated against, or NULL. */
X12_API const x12_spec *x12_validator_current_spec(const x12_validator *v);

/* The loops around the segment last given to x12_validator_segment, as the
 * loop-state machine placed it: how many are open (0 outside a set, in a
 * set without a guide, for ST and SE, and for segments of the header), and
 * loop i, 0 the outermost, depth - 1 the one holding the segment.  The id
 * ("2300") is a NUL-terminated string that lives as long as the guide;
 * NULL when i >= depth.  *instance (instance may be NULL) is a number, never
 * 0, that differs for every loop instance entered since the validator was
 * created: two segments are in the same 2400 loop exactly when their
 * instances at that depth are equal.  A loop is opened by its trigger
 * segment, which is inside it. */
X12_API size_t x12_validator_loop_depth(const x12_validator *v);
X12_API const char *x12_validator_loop_at(const x12_validator *v, size_t i, uint64_t *instance);

/* ---- issues ------------------------------------------------------------- */

/* The issue's position and message as an error record: severity, segment
 * number (in the interchange), segment id, loop id, element, component,
 * repetition, offset, rule ("999-ik3", "999-ik4", "999-ik5", "999-ak9",
 * "ta1") and message.  x12_error_format() gives
 * "SEGNO:SEGID[-ELEM[-COMP]]: message".  Lives with the issue. */
X12_API const x12_error *x12_issue_error(const x12_issue *i);
X12_API x12_issue_level x12_issue_level_of(const x12_issue *i);
/* The acknowledgment code ("3", "I12", "024").  NUL-terminated. */
X12_API const char *x12_issue_code(const x12_issue *i);
/* Position in the set (ST = 1), as IK302 reports it; 0 outside a set. */
X12_API uint64_t x12_issue_set_position(const x12_issue *i);
/* Data element reference number ("1325"), as IK402 reports it; "" if none. */
X12_API const char *x12_issue_element_ref(const x12_issue *i);
/* Copy of the bad value for IK404 when it has the shape of a code of its
 * element (1 to the element's maximum length, capitals, digits and the
 * characters its codes use: never a name, id, amount or date in the wrong
 * place); "" otherwise. */
X12_API const char *x12_issue_bad_value(const x12_issue *i);
/* Business unit the issue is in, for the 999 CTX segment: the element name
 * ("CLM01") and its value (the claim's patient control number).  Both ""
 * outside such a loop.  The value is identifying: never log it. */
X12_API const char *x12_issue_context_name(const x12_issue *i);
X12_API const char *x12_issue_context_value(const x12_issue *i);

/*
 * 1 when the validator itself reports what the reader's rule named `rule`
 * finds, as an issue with its 999 or TA1 code: the envelope rules of
 * x12_error_rule (se01-count, se02-control, ge01-count, ge02-control,
 * iea01-count, iea02-control, control-number, missing-trailer, nesting)
 * and segment-id.  A program that feeds a validator from a reader and
 * shows both leaves the reader's records of these rules out, as x12
 * validate does, so each problem is shown once, with its code.  0 for any
 * other rule and for NULL.  The validator takes these rules and their
 * messages from the envelope checker, the codes from one table.
 */
X12_API int x12_validator_reports_rule(const char *rule);

/* ---- whole input ---------------------------------------------------------
 * Reads everything from `r` (an opened reader), validates it and calls
 * `fn` for every issue (may be NULL), then finishes.  Reader errors are not
 * issues (a reader error handler sees them), except that a segment the
 * reader skipped becomes one of its set, as with x12_validator_segment.
 * Returns X12_OK when the input was read to the end (whatever it holds),
 * or the reader's fatal status. */
typedef void (*x12_issue_fn)(void *user, const x12_issue *issue);
X12_API x12_status x12_validator_run(x12_validator *v, x12_reader *r, x12_issue_fn fn,
                                     void *user);

#ifdef __cplusplus
}
#endif

#endif /* X12_VALIDATE_H */
