/*
 * libx12 - reconciliation: the 837 claims sent joined with the 835
 * remittances (and 277CA answers) that came back.
 *
 * After an ERA is posted a biller asks which claims are paid, short-paid,
 * denied, reversed or still silent, what to do next with each, and what
 * each patient now owes.  An x12_recon reads any number of 837P/837I files
 * and 835 files, in any order, and answers per claim and per service line:
 *
 *     x12_recon *r;
 *     x12_recon_new(NULL, &r);
 *     x12_recon_set_option(r, X12_RECON_OPT_AS_OF, 20251231);
 *     x12_recon_read_claims_path(r, "sent-0412.837");        any number, any order
 *     x12_recon_read_remits_path(r, "era-1208.835.gz");
 *     if (x12_recon_finish(r) == X12_OK)
 *         for (size_t i = 0; i < x12_recon_claim_count(r); i++) {
 *             const x12_recon_claim *c = x12_recon_claim_at(r, i);
 *             x12_recon_claim_state(c);                         paid, denied, ...
 *             x12_recon_claim_action(c);                        appeal, bill_patient, ...
 *             x12_recon_claim_cents(c, X12_RECON_CENTS_PAID);
 *         }
 *     x12_recon_write(r, X12_RECON_FMT_JSON, X12_RECON_TABLE_ALL, fn, user);
 *     x12_recon_free(r);
 *
 * Matching.  An 835 claim (CLP) belongs to the 837 claim whose patient
 * control number it carries (CLP01 = CLM01); its service lines (SVC) to the
 * 837 lines with the same line item control number (REF*6R), else to the
 * line with the same procedure (or revenue code), modifiers, date and
 * charge, else the same procedure and charge, else the only line with that
 * procedure.  An 835 claim with no 837 claim is "unmatched" and listed
 * apart; an 835 line with no 837 line counts in its claim's money and is
 * listed with line number 0.
 *
 * Order.  Inputs are ordered by their own dates, never by the order they
 * were read: 837s by BHT04 (and BHT05), 835 payments by their production
 * date (DTM*405, else the payment date BPR16), 277CA answers by the date
 * given.  When two 837 claims carry one patient control number, the later
 * one (a replacement) is reconciled, with a warning.  An 835 claim read
 * twice (the same trace number, payer, status and amounts) counts once,
 * with a warning.  Results do not depend on the order of the calls.
 *
 * Money, per claim and per line, in int64 cents: paid (CLP04/SVC03),
 * contractual (CAS group CO), patient responsibility (PR), other (OA, PI,
 * CR), netted over every remittance of the claim: a reversal (CLP02 22)
 * cancels the claim it reverses and the corrected claim that follows
 * counts; parts of a claim paid in several remittances add up; a later
 * adjudication of the same lines by the same payer replaces an earlier one
 * that was not reversed; a second payer (crossover, secondary) adds its
 * payment, its own adjustments and the patient responsibility that remains
 * after it (its CARC 23 "effect of the prior payer" is not counted twice).
 * Charged is the 837's charge: charged = paid + contractual + patient +
 * other, or the claim (line) is unbalanced by the difference
 * (X12_RECON_CENTS_UNBALANCED).
 *
 * States: paid (every adjustment contractual or the patient's: a claim
 * applied in full to the deductible is paid), partially_paid (something
 * paid, something denied or reduced beyond the contract), denied (nothing
 * paid, something denied), reversed (a reversal and no correction after
 * it), forwarded (CLP02 19, 20, 21 or 23: processed and sent on to another
 * payer, NM1*TT naming it), rejected (a 277CA rejection after the claim was
 * sent, and no remittance after it), pending (no remittance yet), and
 * unmatched for 835 claims with no 837.
 *
 * Next actions come from rules (specs/recon-rules.xml, compiled in; a file
 * of the same format, specs/recon-rules.xsd, loaded with
 * x12_recon_load_rules_file is consulted first): each CAS adjustment takes
 * the first rule covering its group, reason code (CARC), remark codes
 * (RARC, on the line or the claim) and whether another payer named on the
 * 837 (2320/2330B, after the claim's own payer) has still to be billed.
 * The rule gives its effect (contractual, patient, denial, prior payer),
 * its action and its reason text.  A claim's (line's) next action is the
 * first of correct_and_resubmit, appeal, follow_up, bill_secondary,
 * bill_patient, write_off, none that its adjustments or its situation
 * (pending past the follow-up days, reversed, forwarded, rejected,
 * unbalanced, unmatched, settled) call for.
 *
 * Memory: the 837 side is kept as a compact index by patient control
 * number (what matching and output need per claim and line, never the
 * claim model's objects; strings shared between claims are stored once);
 * 835 claims are read one at a time through x12_remit_stream and kept as
 * compact adjudication records.  Both grow with the number of claims, not
 * with the size of the files (see doc/LIMITS.md for the bytes per claim).
 * Names and addresses are kept only with X12_RECON_OPT_KEEP_PARTIES (for
 * patient statements).
 *
 * Diagnostics are x12_error records (see <x12/error.h>): the reader's, the
 * claim stream's (but its "not-kept" warnings, which name what rewriting a
 * claim would lose and matter nothing here) and the remittance stream's,
 * passed through, and the
 * reconciliation's own, located at the CLM, CLP or SVC they concern:
 *   "duplicate-claim"  (warning) two 837 claims with one patient control
 *                      number: the later by BHT04 is reconciled
 *   "duplicate-remit"  (warning) an 835 claim read twice: counted once
 *   "remit-line"       (warning) an 835 service line matches no 837 line
 *   "date"             (warning) an 837 with no BHT04 or an 835 payment
 *                      with neither DTM*405 nor BPR16: ordered first
 *   "rules-syntax", "rules-schema", "rules-value"  (error) a rules file
 *                      that is not well-formed, does not match the schema
 *                      or holds a bad value; the message starts with
 *                      "NAME:LINE:"
 * Messages never quote patient control numbers, names or member ids.
 *
 * Results hold names and identifiers (patient control numbers, and with
 * X12_RECON_OPT_KEEP_PARTIES names and addresses): they are for the biller and,
 * on statements, for the patient.
 *
 * Threads: no global state; one x12_recon per thread at a time.
 */
#ifndef X12_RECON_H
#define X12_RECON_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/writer.h> /* X12_NTS */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_recon x12_recon;
typedef struct x12_recon_claim x12_recon_claim;   /* one claim's result */
typedef struct x12_recon_line x12_recon_line;     /* one service line's */
typedef struct x12_recon_reason x12_recon_reason; /* one group + reason code, netted */
typedef struct x12_recon_remit x12_recon_remit;   /* one 835 claim (CLP) of a claim */
typedef struct x12_recon_aging x12_recon_aging;   /* one payer's unpaid balance by age */

/* Values are part of the ABI: new ones are only appended. */
typedef enum x12_recon_state {
    X12_RECON_STATE_PAID = 1,
    X12_RECON_STATE_PARTIALLY_PAID = 2,
    X12_RECON_STATE_DENIED = 3,
    X12_RECON_STATE_REVERSED = 4,
    X12_RECON_STATE_FORWARDED = 5,
    X12_RECON_STATE_REJECTED = 6,
    X12_RECON_STATE_PENDING = 7,
    X12_RECON_STATE_UNMATCHED = 8
} x12_recon_state;
/* "paid", "partially_paid", "denied", "reversed", "forwarded", "rejected",
 * "pending", "unmatched"; "unknown" otherwise.  Static storage. */
X12_API const char *x12_recon_state_name(x12_recon_state s);

/* In order of precedence: a claim takes the first its adjustments and
 * situation call for.  Values are part of the ABI. */
typedef enum x12_recon_action {
    X12_RECON_ACTION_CORRECT_AND_RESUBMIT = 1,
    X12_RECON_ACTION_APPEAL = 2,
    X12_RECON_ACTION_FOLLOW_UP = 3,
    X12_RECON_ACTION_BILL_SECONDARY = 4,
    X12_RECON_ACTION_BILL_PATIENT = 5,
    X12_RECON_ACTION_WRITE_OFF = 6,
    X12_RECON_ACTION_NONE = 7
} x12_recon_action;
/* "correct_and_resubmit", "appeal", "follow_up", "bill_secondary",
 * "bill_patient", "write_off", "none"; "unknown" otherwise.  Static
 * storage. */
X12_API const char *x12_recon_action_name(x12_recon_action a);

/* What an adjustment means for the claim's state (from its rule). */
typedef enum x12_recon_effect {
    X12_RECON_EFFECT_CONTRACTUAL = 1, /* a reduction under the contract */
    X12_RECON_EFFECT_PATIENT = 2,     /* the patient's responsibility */
    X12_RECON_EFFECT_DENIAL = 3,      /* denied or reduced beyond the contract */
    X12_RECON_EFFECT_PRIOR_PAYER = 4  /* what an earlier payer did (CARC 23) */
} x12_recon_effect;
/* "contractual", "patient", "denial", "prior_payer"; "unknown" otherwise. */
X12_API const char *x12_recon_effect_name(x12_recon_effect e);

/* ---- the handle ------------------------------------------------------------- */

/* Creates an empty reconciliation with the built-in rules.  `alloc` may be
 * NULL (malloc/free); the claim and remittance streams it reads through use
 * it too.  Free *out with x12_recon_free.  X12_ENOMEM, X12_EINVAL. */
X12_API x12_status x12_recon_new(const x12_allocator *alloc, x12_recon **out);
/* Frees the handle and everything handed out from it.  NULL is allowed. */
X12_API void x12_recon_free(x12_recon *r);

typedef enum x12_recon_option {
    /* The date days and aging are counted to, as the number CCYYMMDD
     * (20251231).  Default 0: the local date when x12_recon_finish runs.
     * Give it for output that does not change from one day to the next.
     * After x12_recon_finish, x12_recon_get_option gives the date used. */
    X12_RECON_OPT_AS_OF = 1,
    /* 1: keep the names and addresses of patients, subscribers and billing
     * providers for statements (x12_recon_claim_party).  Default 0. */
    X12_RECON_OPT_KEEP_PARTIES = 2,
    /* Days after which a claim with no remittance (or forwarded with no
     * remittance from the next payer) is to be followed up.  Default 0:
     * the rules' follow-up-days (30 in the built-in rules). */
    X12_RECON_OPT_FOLLOW_UP_DAYS = 3,
    /* How many diagnostics one call keeps (x12_recon_error_count); past it
     * they are counted (x12_recon_errors_dropped), so that junk in a file
     * cannot make memory grow; the error handler still sees every one.
     * Default X12_RECON_DEFAULT_MAX_ERRORS; 0: no limit. */
    X12_RECON_OPT_MAX_ERRORS = 4
} x12_recon_option;
#define X12_RECON_DEFAULT_MAX_ERRORS 1000
/* Before x12_recon_finish.  X12_EINVAL for an unknown option or a value out
 * of range (AS_OF a real date from 19000101 to 99991231; KEEP_PARTIES 0 or
 * 1; FOLLOW_UP_DAYS 0 to 3650), X12_ESTATE after finish. */
X12_API x12_status x12_recon_set_option(x12_recon *r, x12_recon_option opt, uint64_t value);
X12_API uint64_t x12_recon_get_option(const x12_recon *r, x12_recon_option opt);

/*
 * Loads rules from a file of the format of specs/recon-rules.xsd; they are
 * consulted before the built-in ones (see above), and replace any rules
 * loaded earlier.  Before x12_recon_finish.  X12_OK; X12_EIO when the file
 * cannot be read (errno kept); X12_ESYNTAX when it is not well-formed, does
 * not match the schema or holds a bad value (each problem in
 * x12_recon_error_*, rules "rules-syntax", "rules-schema", "rules-value";
 * the earlier rules stay); X12_ENOMEM; X12_ESTATE after finish.  `name`
 * (NULL: the path, or "<memory>") starts each message.  libxml2 allocates
 * with its own allocator.
 */
X12_API x12_status x12_recon_load_rules_file(x12_recon *r, const char *path);
X12_API x12_status x12_recon_load_rules_memory(x12_recon *r, const char *data, size_t len,
                                               const char *name);
/* The built-in rules file, as compiled in (NUL-terminated, static
 * storage): a starting point for a file of one's own. */
X12_API const char *x12_recon_builtin_rules(void);

/* ---- input ----------------------------------------------------------------------- */

/* Called for every diagnostic as it is found (reading, loading rules,
 * finishing), with the index of the input it belongs to (SIZE_MAX for
 * none); the record lives only during the call.  NULL removes it. */
typedef void (*x12_recon_error_fn)(void *user, const x12_error *e, size_t source);
X12_API void x12_recon_set_error_handler(x12_recon *r, x12_recon_error_fn fn, void *user);

/*
 * Reads every claim of the 837P/837I transaction sets `reader` gives (the
 * caller opened it on any input; other sets are skipped by the claim
 * stream with a warning) into the index.  Each input read gets the next
 * source index (0, 1, ...; x12_recon_source_count), shared by claims and
 * remittance inputs; *source (may be NULL) is it.
 *   X12_OK     the input is finished.
 *   X12_AGAIN  push input: feed the reader and call again with the same
 *              reader (the same source continues; a call with another
 *              reader, or x12_recon_finish, ends it where it is, what it
 *              gave so far kept).
 *   other      the reader cannot go on (fatal error, X12_ENOMEM): the
 *              claims read before it stay.
 * Diagnostics: x12_recon_error_count/_at and the error handler.  The
 * reader is the caller's, not kept after the call returns X12_OK or an
 * error.  X12_ESTATE after finish, X12_EINVAL for NULL arguments.
 */
X12_API x12_status x12_recon_read_claims(x12_recon *r, x12_reader *reader, size_t *source);
/* The same for 835 remittances (x12_remit_stream). */
X12_API x12_status x12_recon_read_remits(x12_recon *r, x12_reader *reader, size_t *source);
/* The same for a file (gzip detected); X12_EIO when it cannot be opened
 * (errno kept; no source index is taken). */
X12_API x12_status x12_recon_read_claims_path(x12_recon *r, const char *path, size_t *source);
X12_API x12_status x12_recon_read_remits_path(x12_recon *r, const char *path, size_t *source);
/*
 * The same for 277CA claim acknowledgments (and 277 status answers),
 * read with x12_claimstatus_stream: each claim answer (2200D/E) becomes an
 * x12_recon_add_ack by its PCN (TRN02 of a 277CA, REF*EJ of a 277), dated
 * by the answer's BHT04, with its STC composites as the codes.  Rejected
 * (categories A3, A6, A7, A8 or action code U) is a rejection; accepted,
 * pending, finalized and the other adjudication answers are acceptances.
 * What cannot be used is a warning, never dropped in silence: "ack-unused"
 * (an answer that is neither, A4 not found, E0-E4, no PCN or no valid
 * BHT04) and "ack-batch-rejected" (a 2200A/B/C rejection of a whole 837 or
 * provider: those claims are not listed by PCN, so they are not marked).
 */
X12_API x12_status x12_recon_read_acks(x12_recon *r, x12_reader *reader, size_t *source);
X12_API x12_status x12_recon_read_acks_path(x12_recon *r, const char *path, size_t *source);
/* Inputs read so far. */
X12_API size_t x12_recon_source_count(const x12_recon *r);
/* A name for an input (a file name), written with the results ("file");
 * the _path functions name their inputs by the path.  The string is
 * copied.  X12_EINVAL for a source not read yet, X12_ENOMEM. */
X12_API x12_status x12_recon_set_source_name(x12_recon *r, size_t source, const char *name);
/* The name given, or "" (static storage or the handle's; valid until
 * x12_recon_free). */
X12_API const char *x12_recon_source_name(const x12_recon *r, size_t source);

typedef enum x12_recon_ack_kind {
    X12_RECON_ACK_ACCEPTED = 1, /* accepted into the payer's system */
    X12_RECON_ACK_REJECTED = 2  /* rejected before adjudication */
} x12_recon_ack_kind;
/*
 * What a 277CA (or 277) said about a claim, before any 835: the patient
 * control number (CLM01, a 277CA's 2200D TRN02), the answer's date
 * (CCYYMMDD, the 277CA's BHT04 or the STC's date) and its status codes as
 * written, for the reason text (STC01 composites "A7:562:85", several
 * separated by spaces; may be empty).  A rejection dated on or after the
 * claim's BHT04 date, with no remittance dated after it, makes the claim
 * rejected; an acceptance only dates the claim's last news.  Lengths may
 * be X12_NTS.  X12_EINVAL (a NULL or empty PCN, a date that is not a real
 * CCYYMMDD date, an unknown kind), X12_ENOMEM, X12_ESTATE after finish.
 */
X12_API x12_status x12_recon_add_ack(x12_recon *r, const char *pcn, size_t pcn_len,
                                     const char *date, size_t date_len, x12_recon_ack_kind kind,
                                     const char *codes, size_t codes_len);

/* Diagnostics of the last call (read, load, add, finish) in order, and the
 * source each belongs to (SIZE_MAX for none).  Valid until the next call
 * on r. */
X12_API size_t x12_recon_error_count(const x12_recon *r);
X12_API const x12_error *x12_recon_error_at(const x12_recon *r, size_t i);
X12_API size_t x12_recon_error_source(const x12_recon *r, size_t i);
/* Diagnostics of the last call counted but not kept
 * (X12_RECON_OPT_MAX_ERRORS). */
X12_API uint64_t x12_recon_errors_dropped(const x12_recon *r);

/*
 * Matches, nets and classifies everything read.  After it the results
 * below are available and no more input is taken.  X12_OK; X12_ENOMEM
 * (results are then absent; free the handle); X12_ESTATE when called
 * twice.  Warnings found while matching (remit-line, duplicate-remit) are
 * its diagnostics.
 */
X12_API x12_status x12_recon_finish(x12_recon *r);

/* ---- results: claims ---------------------------------------------------------- */

/* The 837 claims, sorted by patient control number (bytes), then by the
 * date they were sent; 0 / NULL before finish or past the end.  Valid
 * until x12_recon_free, as is everything reached from them. */
X12_API size_t x12_recon_claim_count(const x12_recon *r);
X12_API const x12_recon_claim *x12_recon_claim_at(const x12_recon *r, size_t i);
/* The 835 claims with no 837 claim, one per patient control number (its
 * remittances netted as for matched claims), state unmatched, sorted the
 * same way. */
X12_API size_t x12_recon_unmatched_count(const x12_recon *r);
X12_API const x12_recon_claim *x12_recon_unmatched_at(const x12_recon *r, size_t i);
/* The claim (matched or not) with this patient control number, or NULL. */
X12_API const x12_recon_claim *x12_recon_find_claim(const x12_recon *r, const char *pcn,
                                                    size_t len);

typedef enum x12_recon_field {
    X12_RECON_CLAIM_PCN = 1,             /* CLM01 = CLP01 */
    X12_RECON_CLAIM_PAYER_ID = 2,        /* 837 2010BB NM109 (unmatched: the 835's payer id) */
    X12_RECON_CLAIM_PAYER_NAME = 3,      /* 837 2010BB NM103 (unmatched: 835 N1*PR) */
    X12_RECON_CLAIM_SERVICE_FROM = 4,    /* CCYYMMDD: 837I statement from, 837P the first line date
                                      (unmatched: DTM*232, else the first SVC date) */
    X12_RECON_CLAIM_SERVICE_TO = 5,
    X12_RECON_CLAIM_SUBMITTED = 6,       /* BHT04 of the 837 reconciled */
    X12_RECON_CLAIM_KIND = 7,            /* "837P" or "837I"; empty for unmatched */
    X12_RECON_CLAIM_FREQUENCY = 8,       /* CLM05-3 */
    X12_RECON_CLAIM_PAYER_CLAIM_NUMBER = 9, /* CLP07 of the latest remittance that counts */
    X12_RECON_CLAIM_FORWARDED_TO = 10,   /* NM1*TT name of a crossover */
    X12_RECON_CLAIM_LAST_REMIT_DATE = 11, /* date of the latest remittance */
    X12_RECON_CLAIM_ACK_CODES = 12,      /* the latest 277CA answer's status codes (either kind) */
    X12_RECON_CLAIM_ACK_DATE = 13,       /* and its date */
    X12_RECON_CLAIM_NEXT_PAYER = 14      /* name of the 837's next payer (2330B), if any */
} x12_recon_field;
/* A text field; an empty view when absent.  Valid until x12_recon_free. */
X12_API x12_str x12_recon_claim_get(const x12_recon_claim *c, x12_recon_field f);

typedef enum x12_recon_amount {
    X12_RECON_CENTS_CHARGED = 1,     /* the 837 charge (unmatched: net CLP03) */
    X12_RECON_CENTS_PAID = 2,        /* net payments, every payer */
    X12_RECON_CENTS_CONTRACTUAL = 3, /* net CAS group CO */
    X12_RECON_CENTS_PATIENT = 4,     /* net PR, after the last payer */
    X12_RECON_CENTS_OTHER = 5,       /* net OA, PI, CR */
    /* charged - paid - contractual - patient - other; 0 when balanced or
     * when nothing has been adjudicated */
    X12_RECON_CENTS_UNBALANCED = 6,
    /* what the patient owes now: the patient responsibility of lines whose
     * next action is bill_patient (or none/write_off), less the amount the
     * patient paid at the visit (837P AMT*F5), never below 0 */
    X12_RECON_CENTS_PATIENT_DUE = 7,
    /* the unpaid balance a payer still owes or disputes: the whole charge
     * of a claim not adjudicated (pending, rejected, reversed), else the
     * denial adjustments and what no remittance accounts for, plus the
     * patient responsibility waiting for a next payer (forwarded,
     * bill_secondary) */
    X12_RECON_CENTS_PAYER_BALANCE = 8,
    X12_RECON_CENTS_PRIOR_PAYER = 9, /* CARC 23 of later payers, not counted in the money */
    X12_RECON_CENTS_PATIENT_PAID = 10 /* 837P AMT*F5 */
} x12_recon_amount;
X12_API int64_t x12_recon_claim_cents(const x12_recon_claim *c, x12_recon_amount a);
X12_API x12_recon_state x12_recon_claim_state(const x12_recon_claim *c);
X12_API x12_recon_action x12_recon_claim_action(const x12_recon_claim *c);
/* Why: the reason text of the rule or situation that chose the action,
 * and its id ("medical-necessity", "pending-late", ...).  NUL-terminated,
 * valid until x12_recon_free. */
X12_API const char *x12_recon_claim_action_reason(const x12_recon_claim *c);
X12_API const char *x12_recon_claim_action_rule(const x12_recon_claim *c);
/* 1 balanced, 0 unbalanced (X12_RECON_CENTS_UNBALANCED says by how much),
 * -1 open: nothing adjudicated yet (pending, rejected, reversed). */
X12_API int x12_recon_claim_balanced(const x12_recon_claim *c);
/* Days from the claim's BHT04 to the as-of date while it waits on a payer
 * (pending, rejected, reversed, forwarded), else to its last remittance;
 * -1 when a date is unknown (and for unmatched claims). */
X12_API int64_t x12_recon_claim_days_outstanding(const x12_recon_claim *c);

/* The claim's service lines: the 837's in order, then any 835 line that
 * matched none. */
X12_API size_t x12_recon_claim_line_count(const x12_recon_claim *c);
X12_API const x12_recon_line *x12_recon_claim_line_at(const x12_recon_claim *c, size_t i);
/* Adjustments of the claim and its lines, netted by group and reason code
 * over every remittance that counts, in order of group then code; zero
 * sums are left out. */
X12_API size_t x12_recon_claim_reason_count(const x12_recon_claim *c);
X12_API const x12_recon_reason *x12_recon_claim_reason_at(const x12_recon_claim *c, size_t i);
/* Every 835 claim (CLP) read for it, in date order, with its role. */
X12_API size_t x12_recon_claim_remit_count(const x12_recon_claim *c);
X12_API const x12_recon_remit *x12_recon_claim_remit_at(const x12_recon_claim *c, size_t i);

/* Where the 837 claim was read: its source index (SIZE_MAX for unmatched),
 * the 0-based index of its CLM among the CLMs of that input (the claim
 * stream's X12_CPOS_CLAIM_INDEX: read the input again to copy the claim),
 * its segment number and byte offset. */
X12_API size_t x12_recon_claim_source(const x12_recon_claim *c);
X12_API uint64_t x12_recon_claim_index(const x12_recon_claim *c);
X12_API uint64_t x12_recon_claim_segment_number(const x12_recon_claim *c);
X12_API uint64_t x12_recon_claim_offset(const x12_recon_claim *c);

typedef enum x12_recon_party_field {
    X12_RECON_PARTY_PATIENT_LAST_NAME = 1,  /* 2010CA, else the subscriber 2010BA */
    X12_RECON_PARTY_PATIENT_FIRST_NAME = 2,
    X12_RECON_PARTY_PATIENT_MIDDLE_NAME = 3,
    X12_RECON_PARTY_PATIENT_SUFFIX = 4,
    X12_RECON_PARTY_PATIENT_BIRTH_DATE = 5,
    X12_RECON_PARTY_ADDRESS1 = 6,           /* the patient's address, else the subscriber's */
    X12_RECON_PARTY_ADDRESS2 = 7,
    X12_RECON_PARTY_CITY = 8,
    X12_RECON_PARTY_STATE = 9,
    X12_RECON_PARTY_ZIP = 10,
    X12_RECON_PARTY_SUBSCRIBER_LAST_NAME = 11,
    X12_RECON_PARTY_SUBSCRIBER_FIRST_NAME = 12,
    X12_RECON_PARTY_MEMBER_ID = 13,
    X12_RECON_PARTY_PROVIDER_NAME = 14,     /* billing provider 2010AA */
    X12_RECON_PARTY_PROVIDER_NPI = 15,
    X12_RECON_PARTY_PROVIDER_ADDRESS1 = 16,
    X12_RECON_PARTY_PROVIDER_ADDRESS2 = 17,
    X12_RECON_PARTY_PROVIDER_CITY = 18,
    X12_RECON_PARTY_PROVIDER_STATE = 19,
    X12_RECON_PARTY_PROVIDER_ZIP = 20,
    X12_RECON_PARTY_PROVIDER_PHONE = 21     /* 2010AA PER TE */
} x12_recon_party_field;
/* Names and addresses of the claim's patient, subscriber and billing
 * provider: empty views unless X12_RECON_OPT_KEEP_PARTIES was set (and for
 * unmatched claims).  Identifying: for statements only. */
X12_API x12_str x12_recon_claim_party(const x12_recon_claim *c, x12_recon_party_field f);
/* The claim's patient: claims of the same billing provider (NPI) and
 * patient (names, birth date, member id) share one index, from 0 to
 * x12_recon_patient_count - 1, numbered in claim order; SIZE_MAX without
 * X12_RECON_OPT_KEEP_PARTIES and for unmatched claims. */
X12_API size_t x12_recon_claim_patient(const x12_recon_claim *c);
X12_API size_t x12_recon_patient_count(const x12_recon *r);

/* ---- results: lines --------------------------------------------------------------- */

/* 1-based line number in the 837 claim; 0 for an 835 line that matched no
 * 837 line. */
X12_API size_t x12_recon_line_number(const x12_recon_line *l);
typedef enum x12_recon_line_field {
    X12_RECON_LINE_PROCEDURE = 1,      /* SV101-2 / SV202-2 (else the 835's SVC01-2) */
    X12_RECON_LINE_MODIFIERS = 2,      /* "25:59" */
    X12_RECON_LINE_REVENUE_CODE = 3,   /* 837I SV201 */
    X12_RECON_LINE_SERVICE_FROM = 4,   /* CCYYMMDD */
    X12_RECON_LINE_SERVICE_TO = 5,
    X12_RECON_LINE_CONTROL_NUMBER = 6, /* REF*6R */
    X12_RECON_LINE_MATCHED_BY = 7      /* "control_number", "procedure_date_charge",
                                          "procedure_charge", "procedure", or empty when
                                          no 835 line matched it */
} x12_recon_line_field;
X12_API x12_str x12_recon_line_get(const x12_recon_line *l, x12_recon_line_field f);
/* As for claims; PATIENT_DUE and PAYER_BALANCE per line, PATIENT_PAID 0. */
X12_API int64_t x12_recon_line_cents(const x12_recon_line *l, x12_recon_amount a);
X12_API x12_recon_state x12_recon_line_state(const x12_recon_line *l);
X12_API x12_recon_action x12_recon_line_action(const x12_recon_line *l);
X12_API const char *x12_recon_line_action_reason(const x12_recon_line *l);
X12_API const char *x12_recon_line_action_rule(const x12_recon_line *l);
/* Plain words for the patient about this line (the patient text of its
 * rule or situation); "" when there is none. */
X12_API const char *x12_recon_line_patient_text(const x12_recon_line *l);
X12_API int x12_recon_line_balanced(const x12_recon_line *l);
X12_API size_t x12_recon_line_reason_count(const x12_recon_line *l);
X12_API const x12_recon_reason *x12_recon_line_reason_at(const x12_recon_line *l, size_t i);

/* ---- results: reasons ------------------------------------------------------------- */

X12_API x12_str x12_recon_reason_group(const x12_recon_reason *rs);  /* CO PR OA PI CR */
X12_API x12_str x12_recon_reason_code(const x12_recon_reason *rs);   /* CARC */
X12_API int64_t x12_recon_reason_cents(const x12_recon_reason *rs);
/* Remark codes (RARC) seen with it (claim MOA/MIA and line LQ), sorted. */
X12_API size_t x12_recon_reason_remark_count(const x12_recon_reason *rs);
X12_API x12_str x12_recon_reason_remark_at(const x12_recon_reason *rs, size_t i);
/* The rule that covered it: its id, action, effect, reason text and
 * patient text ("" when none).  NUL-terminated, valid until
 * x12_recon_free. */
X12_API const char *x12_recon_reason_rule(const x12_recon_reason *rs);
X12_API x12_recon_action x12_recon_reason_action(const x12_recon_reason *rs);
X12_API x12_recon_effect x12_recon_reason_effect(const x12_recon_reason *rs);
X12_API const char *x12_recon_reason_text(const x12_recon_reason *rs);
X12_API const char *x12_recon_reason_patient_text(const x12_recon_reason *rs);

/* ---- results: remittances of a claim ------------------------------------------------ */

typedef enum x12_recon_role {
    X12_RECON_ROLE_COUNTS = 1,     /* counts in the claim's money and state */
    X12_RECON_ROLE_REVERSAL = 2,   /* a reversal (CLP02 22): nets against ... */
    X12_RECON_ROLE_REVERSED = 3,   /* ... the claim it reverses */
    X12_RECON_ROLE_SUPERSEDED = 4, /* replaced by a later adjudication of its lines */
    X12_RECON_ROLE_DUPLICATE = 5,  /* read twice: not counted again */
    X12_RECON_ROLE_PREDETERMINATION = 6 /* CLP02 25: an estimate, not a payment */
} x12_recon_role;
/* "counts", "reversal", "reversed", "superseded", "duplicate",
 * "predetermination"; "unknown" otherwise. */
X12_API const char *x12_recon_role_name(x12_recon_role r);

typedef enum x12_recon_remit_field {
    X12_RECON_REMIT_TRACE = 1,         /* TRN02: check or EFT trace number */
    X12_RECON_REMIT_PAYMENT_DATE = 2,  /* BPR16 */
    X12_RECON_REMIT_DATE = 3,          /* the date it is ordered by (DTM*405, else BPR16) */
    X12_RECON_REMIT_PAYER_ID = 4,      /* 1000A N104, else TRN03 */
    X12_RECON_REMIT_PAYER_NAME = 5,    /* 1000A N102 */
    X12_RECON_REMIT_STATUS = 6,        /* CLP02 */
    X12_RECON_REMIT_PAYER_CLAIM_NUMBER = 7, /* CLP07 */
    X12_RECON_REMIT_CROSSOVER = 8      /* NM1*TT name */
} x12_recon_remit_field;
X12_API x12_str x12_recon_remit_get(const x12_recon_remit *m, x12_recon_remit_field f);
/* CLP03, CLP04, CLP05 as written (signs kept). */
X12_API int64_t x12_recon_remit_charge_cents(const x12_recon_remit *m);
X12_API int64_t x12_recon_remit_paid_cents(const x12_recon_remit *m);
X12_API int64_t x12_recon_remit_patient_cents(const x12_recon_remit *m);
X12_API x12_recon_role x12_recon_remit_role(const x12_recon_remit *m);
/* 1 for the first payer of the claim, 2 for the next, ... */
X12_API unsigned x12_recon_remit_payer_order(const x12_recon_remit *m);
/* Where the CLP was read: source index, segment number, byte offset. */
X12_API size_t x12_recon_remit_source(const x12_recon_remit *m);
X12_API uint64_t x12_recon_remit_segment_number(const x12_recon_remit *m);
X12_API uint64_t x12_recon_remit_offset(const x12_recon_remit *m);

/* ---- results: aging ------------------------------------------------------------------ */

/* Unpaid balances (X12_RECON_CENTS_PAYER_BALANCE) by payer and by days
 * since the claim was sent (BHT04 to the as-of date), one row per payer
 * with a balance, sorted by payer id then name.  A balance waiting for a
 * next payer is that payer's. */
X12_API size_t x12_recon_aging_count(const x12_recon *r);
X12_API const x12_recon_aging *x12_recon_aging_at(const x12_recon *r, size_t i);
X12_API x12_str x12_recon_aging_payer_id(const x12_recon_aging *a);
X12_API x12_str x12_recon_aging_payer_name(const x12_recon_aging *a);
/* Bucket 0: 0-30 days, 1: 31-60, 2: 61-90, 3: 91-120, 4: more than 120;
 * 5: the total.  0 past 5. */
X12_API int64_t x12_recon_aging_cents(const x12_recon_aging *a, unsigned bucket);
/* Claims with a balance for this payer. */
X12_API size_t x12_recon_aging_claims(const x12_recon_aging *a);

/* ---- writing the results ------------------------------------------------------------- */

typedef enum x12_recon_format {
    X12_RECON_FMT_JSON = 1,  /* one document */
    X12_RECON_FMT_JSONL = 2, /* one JSON object per line */
    X12_RECON_FMT_CSV = 3    /* RFC 4180, a header row, one row per record */
} x12_recon_format;

typedef enum x12_recon_table {
    /* JSON: {"as_of", "claims": [...], "unmatched": [...], "aging": [...],
     * "totals": {...}}; JSONL: a {"record": "claim"} line per claim, then
     * "unmatched" and "aging" lines; CSV: the claims table with the
     * unmatched claims after them. */
    X12_RECON_TABLE_ALL = 1,
    X12_RECON_TABLE_CLAIMS = 2,    /* one row per 837 claim */
    X12_RECON_TABLE_LINES = 3,     /* one row per line (matched claims, then unmatched) */
    X12_RECON_TABLE_REASONS = 4,   /* one row per claim-level netted reason */
    X12_RECON_TABLE_REMITS = 5,    /* one row per 835 claim read for a claim */
    X12_RECON_TABLE_AGING = 6,     /* one row per payer */
    X12_RECON_TABLE_UNMATCHED = 7  /* one row per unmatched claim */
} x12_recon_table;

/* Receives output; returns 0 to go on, anything else to stop (the write
 * then returns X12_EIO). */
typedef int (*x12_recon_write_fn)(void *user, const char *data, size_t len);
/*
 * Writes results after x12_recon_finish, through `fn` in chunks of at most
 * 64 KiB.  Keys and columns are described in libx12-recon(3): per claim
 * patient_control_number, payer_id, payer_name, service_from,
 * charged_cents, paid_cents, contractual_cents,
 * patient_responsibility_cents, other_adjustment_cents, unbalanced_cents,
 * state, next_action, next_action_reason, reasons, remits, lines,
 * days_outstanding, ...  Money is integer cents; output depends only on
 * the inputs and the options.  X12_OK, X12_EIO (fn stopped), X12_EINVAL
 * (unknown format or table), X12_ESTATE before finish, X12_ENOMEM.
 */
X12_API x12_status x12_recon_write(const x12_recon *r, x12_recon_format fmt,
                                   x12_recon_table table, x12_recon_write_fn fn, void *user);

#ifdef __cplusplus
}
#endif

#endif /* X12_RECON_H */
