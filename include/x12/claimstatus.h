/*
 * libx12 - claim status: 276 requests built, 277 responses (005010X212)
 * and 277CA acknowledgments (005010X214) read, and linked to the 837 they
 * answer.
 *
 * The last steps of a biller's day: the clearinghouse answers every 837
 * with a 277CA (each claim accepted into the payer's system or rejected,
 * and why) before any 835 comes; claims sent and still unpaid are followed
 * up with a 276 request, answered by a 277.
 *
 * The 837 claims sent (x12_claimstatus_sent): the identity of every claim
 * of one or more 837P/837I files - patient control number (CLM01), charge,
 * dates, frequency or bill type, payer, billing provider, submitter,
 * subscriber and patient, the 837's BHT03 and control numbers, and its
 * lines (REF*6R) - read in one pass in memory proportional to the claims.
 *
 * 276 requests (x12_claimstatus_request): one interchange of inquiries,
 * each about one claim, made by hand or from a sent claim
 * (x12_claimstatus_request_add_sent); the same envelope, edits and writing
 * as the 270 builder (<x12/eligibility.h>).  Consecutive inquiries to the
 * same payer, receiver, provider and subscriber share their HL parents.
 *
 * 277 and 277CA (x12_claimstatus_stream, x12_claimstatus_doc): one claim at
 * a time (2200D/2200E) with every STC status (category, status code and
 * entity, with our descriptions from specs/codes, effective date, amounts,
 * action code, remittance date and trace, message), the payer's claim
 * control number, the patient control number (REF*EJ of a 277, TRN02 of a
 * 277CA), dates, and its service lines (2220D/2220E) with their statuses;
 * statuses above the claims (2200A/2200B/2200C: a whole 837 or a whole
 * provider accepted or rejected, with counts and amounts) are "batches".
 * Each claim, line and batch gets an outcome: accepted, rejected, pending,
 * paid, denied, ...
 *
 * The link (x12_claimstatus_link) says, per claim of the 837s, what the
 * 277CA (or 277) answered: matched by patient control number, then by
 * charge and dates among claims sharing one, within the 837 whose BHT03 the
 * answer's 2200B TRN02 names; a claim with no answer of its own is rejected
 * when a batch status rejects what it belongs to (its 837 or its billing
 * provider as a whole), else it has no answer.
 *
 * Money is int64_t cents parsed from the text; strings are x12_str views
 * owned by their object.  Problems in the data are located x12_error
 * records ("amount", "quantity", "outside-claim", "not-277", ...) that never
 * quote identifying values.
 */
#ifndef X12_CLAIMSTATUS_H
#define X12_CLAIMSTATUS_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/writer.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_claimstatus_sent x12_claimstatus_sent;
typedef struct x12_claimstatus_sent_claim x12_claimstatus_sent_claim;
typedef struct x12_claimstatus_request x12_claimstatus_request;
typedef struct x12_claimstatus_inquiry x12_claimstatus_inquiry;
typedef struct x12_claimstatus_inquiry_line x12_claimstatus_inquiry_line;
typedef struct x12_claimstatus_stream x12_claimstatus_stream;
typedef struct x12_claimstatus_doc x12_claimstatus_doc;
typedef struct x12_claimstatus_claim x12_claimstatus_claim;   /* 2200D / 2200E */
typedef struct x12_claimstatus_line x12_claimstatus_line;     /* 2220D / 2220E */
typedef struct x12_claimstatus_batch x12_claimstatus_batch;   /* 2200A / 2200B / 2200C */
typedef struct x12_claimstatus_status x12_claimstatus_status; /* one STC01/10/11 */
typedef struct x12_claimstatus_link x12_claimstatus_link;

/* What a status, claim, line, batch or link says.  Values are part of the
 * ABI. */
typedef enum x12_claimstatus_outcome {
    X12_CS_NO_ANSWER = 0,      /* (link) nothing answers the claim */
    X12_CS_ACCEPTED = 1,       /* received or accepted: A0 A1 A2 A5, or 277CA STC03 WQ */
    X12_CS_REJECTED = 2,       /* returned or rejected: A3 A6 A7 A8, or 277CA STC03 U */
    X12_CS_NOT_FOUND = 3,      /* A4, D0 */
    X12_CS_PENDING = 4,        /* P0-P5 */
    X12_CS_INFO_REQUESTED = 5, /* R0-R16: the payer asks for information */
    X12_CS_PAID = 6,           /* F1 */
    X12_CS_DENIED = 7,         /* F2 */
    X12_CS_FINALIZED = 8,      /* F0 F3 F3F F3N F4 */
    X12_CS_ERROR = 9,          /* E0-E4: no answer possible */
    X12_CS_UNKNOWN = 10        /* a category code libx12 does not know */
} x12_claimstatus_outcome;
/* "no_answer", "accepted", "rejected", "not_found", "pending",
 * "info_requested", "paid", "denied", "finalized", "error", "unknown".
 * Static storage; "unknown" for a value out of range. */
X12_API const char *x12_claimstatus_outcome_name(x12_claimstatus_outcome o);

/* ---- the 837 claims sent ------------------------------------------------------ */

/* Creates an empty set of sent claims.  `alloc` may be NULL.  Free with
 * x12_claimstatus_sent_free.  X12_ENOMEM, X12_EINVAL. */
X12_API x12_status x12_claimstatus_sent_new(const x12_allocator *alloc,
                                            x12_claimstatus_sent **out);
X12_API void x12_claimstatus_sent_free(x12_claimstatus_sent *s);
/*
 * Adds the claims of every 837 transaction set `r` reads (other sets are
 * skipped with a "not-837" warning).  Reads to the end: X12_OK; X12_AGAIN
 * for push input (feed and call again); a fatal reader status otherwise
 * (the claims read so far stay).  Diagnostics: x12_claimstatus_sent_error_*.
 * May be called again with other readers (several 837 files).
 */
X12_API x12_status x12_claimstatus_sent_read(x12_claimstatus_sent *s, x12_reader *r);
/* The same for a file (gzip detected).  X12_EIO when it cannot be opened. */
X12_API x12_status x12_claimstatus_sent_read_path(x12_claimstatus_sent *s, const char *path);
X12_API size_t x12_claimstatus_sent_count(const x12_claimstatus_sent *s);
X12_API const x12_claimstatus_sent_claim *x12_claimstatus_sent_at(const x12_claimstatus_sent *s,
                                                                  size_t i);
/* The first claim with this patient control number (len may be X12_NTS),
 * or NULL. */
X12_API const x12_claimstatus_sent_claim *x12_claimstatus_sent_find(
    const x12_claimstatus_sent *s, const char *pcn, size_t len);
X12_API size_t x12_claimstatus_sent_error_count(const x12_claimstatus_sent *s);
X12_API const x12_error *x12_claimstatus_sent_error_at(const x12_claimstatus_sent *s, size_t i);
/* How many diagnostics the object keeps over all its reads (default
 * X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS, 0: no limit); past it they are
 * counted (x12_claimstatus_sent_errors_dropped), so that junk in an 837
 * cannot make memory grow.  X12_EINVAL when s is NULL. */
X12_API x12_status x12_claimstatus_sent_set_max_errors(x12_claimstatus_sent *s, size_t max);
X12_API uint64_t x12_claimstatus_sent_errors_dropped(const x12_claimstatus_sent *s);
/* Called for every diagnostic of the reads (the reader's and the 837's), as
 * it is found, past the limit too; the record lives during the call only.
 * NULL removes it. */
X12_API void x12_claimstatus_sent_set_error_handler(x12_claimstatus_sent *s, x12_error_fn fn,
                                                    void *user);

typedef enum x12_claimstatus_sent_field {
    X12_SC_PCN = 1,                  /* CLM01 */
    X12_SC_KIND = 2,                 /* "837P" or "837I" (from ST03, else GS08) */
    X12_SC_FACILITY_CODE = 3,        /* CLM05-1: place of service, or facility type */
    X12_SC_FREQUENCY = 4,            /* CLM05-3 */
    X12_SC_BILL_TYPE = 5,            /* 837I: CLM05-1 + CLM05-3 ("111") */
    X12_SC_SERVICE_FROM = 6,         /* 837I DTP*434 start; 837P the earliest line DTP*472 */
    X12_SC_SERVICE_TO = 7,           /* the end of those */
    X12_SC_PAYER_NAME = 8,           /* 2010BB NM103 */
    X12_SC_PAYER_ID = 9,             /* 2010BB NM109 */
    X12_SC_PAYER_ID_QUALIFIER = 10,  /* 2010BB NM108 */
    X12_SC_PROVIDER_NAME = 11,       /* 2010AA NM103 */
    X12_SC_PROVIDER_FIRST_NAME = 12, /* 2010AA NM104 */
    X12_SC_PROVIDER_NPI = 13,        /* 2010AA NM109 */
    X12_SC_SUBMITTER_NAME = 14,      /* 1000A NM103 */
    X12_SC_SUBMITTER_ID = 15,        /* 1000A NM109 */
    X12_SC_SUBSCRIBER_LAST_NAME = 16, /* 2010BA */
    X12_SC_SUBSCRIBER_FIRST_NAME = 17,
    X12_SC_SUBSCRIBER_MIDDLE_NAME = 18,
    X12_SC_SUBSCRIBER_SUFFIX = 19,
    X12_SC_MEMBER_ID = 20,           /* 2010BA NM109 */
    X12_SC_SUBSCRIBER_BIRTH_DATE = 21, /* 2010BA DMG02 */
    X12_SC_SUBSCRIBER_GENDER = 22,
    X12_SC_PATIENT_LAST_NAME = 23,   /* 2010CA, when the patient is not the subscriber */
    X12_SC_PATIENT_FIRST_NAME = 24,
    X12_SC_PATIENT_MIDDLE_NAME = 25,
    X12_SC_PATIENT_SUFFIX = 26,
    X12_SC_PATIENT_BIRTH_DATE = 27,
    X12_SC_PATIENT_GENDER = 28,
    X12_SC_PAYER_CLAIM_NUMBER = 29,  /* REF*F8 (the claim a replacement or void names) */
    X12_SC_CLEARINGHOUSE_TRACE = 30, /* REF*D9 */
    X12_SC_BATCH_REFERENCE = 31,     /* BHT03 of the 837 (a 277CA's 2200B TRN02 echoes it) */
    X12_SC_CONTROL_NUMBER = 32,      /* ST02 */
    X12_SC_INTERCHANGE_CONTROL_NUMBER = 33, /* ISA13 */
    X12_SC_CHARGE_TEXT = 34,         /* CLM02 as written */
    X12_SC_MEDICAL_RECORD = 35,      /* REF*EA */
    X12_SC_SENDER_QUALIFIER = 36,    /* ISA05 of the 837 */
    X12_SC_SENDER_ID = 37,           /* ISA06, without its padding */
    X12_SC_RECEIVER_QUALIFIER = 38,  /* ISA07 */
    X12_SC_RECEIVER_ID = 39,         /* ISA08, without its padding */
    X12_SC_GS_SENDER = 40,           /* GS02 */
    X12_SC_GS_RECEIVER = 41          /* GS03 */
} x12_claimstatus_sent_field;
X12_API x12_str x12_claimstatus_sent_get(const x12_claimstatus_sent_claim *c,
                                                 x12_claimstatus_sent_field f);
/* CLM02 in cents (0 when it is not a valid amount). */
X12_API int64_t x12_claimstatus_sent_charge_cents(const x12_claimstatus_sent_claim *c);
/* 0-based position among the sent claims; CLM segment number and offset. */
X12_API size_t x12_claimstatus_sent_index(const x12_claimstatus_sent_claim *c);
X12_API uint64_t x12_claimstatus_sent_segment_number(const x12_claimstatus_sent_claim *c);
X12_API uint64_t x12_claimstatus_sent_offset(const x12_claimstatus_sent_claim *c);
/* Service lines: REF*6R line item control number, the procedure (SV101-2 or
 * SV202-2; the revenue code SV201 for an 837I line without one), the charge
 * and the line's dates (DTP*472; else the claim's). */
X12_API size_t x12_claimstatus_sent_line_count(const x12_claimstatus_sent_claim *c);
X12_API x12_str x12_claimstatus_sent_line_control_number(const x12_claimstatus_sent_claim *c,
                                                         size_t i);
X12_API x12_str x12_claimstatus_sent_line_procedure(const x12_claimstatus_sent_claim *c,
                                                    size_t i);
X12_API int64_t x12_claimstatus_sent_line_charge_cents(const x12_claimstatus_sent_claim *c,
                                                       size_t i);

/* ---- 276: the request ------------------------------------------------------------ */

X12_API x12_status x12_claimstatus_request_new(const x12_allocator *alloc,
                                               x12_claimstatus_request **out);
X12_API void x12_claimstatus_request_free(x12_claimstatus_request *rq);

typedef enum x12_claimstatus_request_field {
    X12_CR_SENDER_QUALIFIER = 1,   /* ISA05, default "ZZ" */
    X12_CR_SENDER_ID = 2,          /* ISA06 (required) */
    X12_CR_RECEIVER_QUALIFIER = 3, /* ISA07, default "ZZ" */
    X12_CR_RECEIVER_ID = 4,        /* ISA08 (required) */
    X12_CR_GS_SENDER = 5,          /* GS02, default the ISA06 value */
    X12_CR_GS_RECEIVER = 6,        /* GS03, default the ISA08 value */
    X12_CR_DATE = 7,               /* CCYYMMDD: ISA09, GS04, BHT04 (required) */
    X12_CR_TIME = 8,               /* HHMM (required) */
    X12_CR_REFERENCE = 9           /* BHT03, echoed by the 277's BHT03 (required) */
} x12_claimstatus_request_field;
X12_API x12_status x12_claimstatus_request_set(x12_claimstatus_request *rq,
                                               x12_claimstatus_request_field f, const char *v,
                                               size_t len);
X12_API x12_str x12_claimstatus_request_get(const x12_claimstatus_request *rq,
                                            x12_claimstatus_request_field f);

typedef enum x12_claimstatus_request_option {
    X12_CROPT_ISA13 = 1,          /* default 1 */
    X12_CROPT_GS06 = 2,           /* default 1 */
    X12_CROPT_ST02 = 3,           /* default 1 */
    X12_CROPT_PRODUCTION = 4,     /* ISA15: 1 "P", 0 "T" (default) */
    X12_CROPT_ACK_REQUESTED = 5,  /* ISA14: 0 (default) or 1 */
    X12_CROPT_MAX_INQUIRIES_PER_SET = 6 /* default 0: no limit */
} x12_claimstatus_request_option;
X12_API x12_status x12_claimstatus_request_set_option(x12_claimstatus_request *rq,
                                                      x12_claimstatus_request_option o,
                                                      uint64_t value);
X12_API uint64_t x12_claimstatus_request_get_option(const x12_claimstatus_request *rq,
                                                    x12_claimstatus_request_option o);

/* Appends an inquiry about one claim; *out is borrowed from the request. */
X12_API x12_status x12_claimstatus_request_add_inquiry(x12_claimstatus_request *rq,
                                                       x12_claimstatus_inquiry **out);
/*
 * Appends an inquiry filled from sent claim `c`: payer, information
 * receiver (the 837's submitter), provider (its billing provider),
 * subscriber and patient (names, member id, birth date, gender), the patient
 * control number (also the trace number), the charge, the dates of service,
 * the bill type of an 837I and the REF*D9 clearinghouse trace.  The request
 * is about the claim as a whole (no 2210 lines).  *out (may be NULL) is the
 * new inquiry, to change or add to.  X12_EINVAL, X12_ENOMEM.
 */
X12_API x12_status x12_claimstatus_request_add_sent(x12_claimstatus_request *rq,
                                                    const x12_claimstatus_sent_claim *c,
                                                    x12_claimstatus_inquiry **out);
X12_API size_t x12_claimstatus_request_inquiry_count(const x12_claimstatus_request *rq);

typedef enum x12_claimstatus_inquiry_field {
    X12_CQ_PAYER_NAME = 1,          /* 2100A NM103 (required) */
    X12_CQ_PAYER_ID = 2,            /* 2100A NM109 (required) */
    X12_CQ_PAYER_ID_QUALIFIER = 3,  /* NM108: PI (default), XV */
    X12_CQ_RECEIVER_NAME = 4,       /* 2100B NM103: who asks and gets the answer (required) */
    X12_CQ_RECEIVER_ID = 5,         /* 2100B NM109 with NM108 46: its ETIN (required) */
    X12_CQ_PROVIDER_NAME = 6,       /* 2100C NM103 (required) */
    X12_CQ_PROVIDER_FIRST_NAME = 7, /* NM104: set for a person */
    X12_CQ_PROVIDER_NPI = 8,        /* NM109 with NM108 XX (required) */
    X12_CQ_SUBSCRIBER_LAST_NAME = 9, /* 2100D (required) */
    X12_CQ_SUBSCRIBER_FIRST_NAME = 10,
    X12_CQ_SUBSCRIBER_MIDDLE_NAME = 11,
    X12_CQ_SUBSCRIBER_SUFFIX = 12,
    X12_CQ_MEMBER_ID = 13,          /* NM109 with NM108 MI (required) */
    X12_CQ_SUBSCRIBER_BIRTH_DATE = 14, /* 2000D DMG02 (required when the subscriber is the patient) */
    X12_CQ_SUBSCRIBER_GENDER = 15,  /* F, M, U */
    X12_CQ_PATIENT_LAST_NAME = 16,  /* 2100E: set when the patient is not the subscriber */
    X12_CQ_PATIENT_FIRST_NAME = 17,
    X12_CQ_PATIENT_MIDDLE_NAME = 18,
    X12_CQ_PATIENT_SUFFIX = 19,
    X12_CQ_PATIENT_BIRTH_DATE = 20, /* 2000E DMG02 (required with a patient) */
    X12_CQ_PATIENT_GENDER = 21,
    X12_CQ_TRACE_NUMBER = 22,       /* TRN02, echoed by the 277 (default: the PCN) */
    X12_CQ_PCN = 23,                /* REF*EJ: the 837's CLM01 */
    X12_CQ_PAYER_CLAIM_NUMBER = 24, /* REF*1K: the payer's number, when known */
    X12_CQ_BILL_TYPE = 25,          /* REF*BLT: an 837I's bill type */
    X12_CQ_CLEARINGHOUSE_TRACE = 26, /* REF*D9 */
    X12_CQ_SERVICE_FROM = 27,       /* DTP*472 (CCYYMMDD) */
    X12_CQ_SERVICE_TO = 28          /* end of the range (RD8); default: from */
} x12_claimstatus_inquiry_field;
X12_API x12_status x12_claimstatus_inquiry_set(x12_claimstatus_inquiry *q,
                                               x12_claimstatus_inquiry_field f, const char *v,
                                               size_t len);
X12_API x12_str x12_claimstatus_inquiry_get(const x12_claimstatus_inquiry *q,
                                            x12_claimstatus_inquiry_field f);
/* AMT*T3, the claim's total charge.  get: 1 with *cents when set. */
X12_API x12_status x12_claimstatus_inquiry_set_charge(x12_claimstatus_inquiry *q, int64_t cents);
X12_API int x12_claimstatus_inquiry_charge(const x12_claimstatus_inquiry *q,
                                               int64_t *cents);

/* A service line asked about (2210D/2210E). */
X12_API x12_status x12_claimstatus_inquiry_add_line(x12_claimstatus_inquiry *q,
                                                    x12_claimstatus_inquiry_line **out);
typedef enum x12_claimstatus_line_field {
    X12_CL_QUALIFIER = 1,      /* SVC01-1: HC (default), NU revenue code, N4, ... */
    X12_CL_PROCEDURE = 2,      /* SVC01-2 (required) */
    X12_CL_REVENUE_CODE = 3,   /* SVC04 */
    X12_CL_UNITS = 4,          /* SVC07 */
    X12_CL_CONTROL_NUMBER = 5, /* REF*FJ: the 837 line's REF*6R */
    X12_CL_SERVICE_FROM = 6,   /* DTP*472 (required) */
    X12_CL_SERVICE_TO = 7
} x12_claimstatus_line_field;
X12_API x12_status x12_claimstatus_inquiry_line_set(x12_claimstatus_inquiry_line *l,
                                                    x12_claimstatus_line_field f,
                                                    const char *v, size_t len);
X12_API x12_str x12_claimstatus_inquiry_line_get(const x12_claimstatus_inquiry_line *l,
                                                 x12_claimstatus_line_field f);
X12_API x12_status x12_claimstatus_inquiry_line_add_modifier(x12_claimstatus_inquiry_line *l,
                                                             const char *v, size_t len);
/* SVC02, the line's charge (required). */
X12_API x12_status x12_claimstatus_inquiry_line_set_charge(x12_claimstatus_inquiry_line *l,
                                                           int64_t cents);

/* Edits, their records and paths ("inquiry[3].patient.birth_date"), and
 * writing: as x12_elig_request_check, _edit_count, _edit_at, _edit_path
 * and _write (rules "required",
 * "npi-check-digit", "date", "date-range", "amount", "procedure",
 * "modifier", "gender", "trace", "delimiter", "length"). */
X12_API x12_status x12_claimstatus_request_check(x12_claimstatus_request *rq);
X12_API size_t x12_claimstatus_request_edit_count(const x12_claimstatus_request *rq);
X12_API const x12_error *x12_claimstatus_request_edit_at(const x12_claimstatus_request *rq,
                                                         size_t i);
X12_API const char *x12_claimstatus_request_edit_path(const x12_claimstatus_request *rq,
                                                      size_t i);
X12_API x12_status x12_claimstatus_request_write(x12_claimstatus_request *rq, x12_writer *w);

/* ---- 277 and 277CA ----------------------------------------------------------------- */

typedef enum x12_claimstatus_event {
    X12_CS_EV_CLAIM = 1, /* x12_claimstatus_stream_claim() is complete */
    X12_CS_EV_BATCH = 2  /* x12_claimstatus_stream_batch() is complete */
} x12_claimstatus_event;

/* As x12_elig_stream_new / _free / _reader / _set_error_handler. */
X12_API x12_status x12_claimstatus_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                              x12_claimstatus_stream **out);
X12_API void x12_claimstatus_stream_free(x12_claimstatus_stream *s);
X12_API x12_reader *x12_claimstatus_stream_reader(x12_claimstatus_stream *s);
X12_API void x12_claimstatus_stream_set_error_handler(x12_claimstatus_stream *s,
                                                      x12_error_fn fn, void *user);
/*
 * Reads on to the next claim or batch status: X12_OK with *event, X12_END,
 * X12_AGAIN (push input), or the reader's fatal status (then
 * x12_claimstatus_stream_last_error()).  The claim or batch and everything
 * from it stay valid until the next call.  Sets that are neither a 277
 * (005010X212) nor a 277CA (005010X214) are skipped with a "not-277"
 * warning.
 */
X12_API x12_status x12_claimstatus_stream_next(x12_claimstatus_stream *s,
                                               x12_claimstatus_event *event);
X12_API const x12_claimstatus_claim *x12_claimstatus_stream_claim(
    const x12_claimstatus_stream *s);
X12_API const x12_claimstatus_batch *x12_claimstatus_stream_batch(
    const x12_claimstatus_stream *s);
X12_API size_t x12_claimstatus_stream_error_count(const x12_claimstatus_stream *s);
X12_API const x12_error *x12_claimstatus_stream_error_at(const x12_claimstatus_stream *s,
                                                         size_t i);
X12_API const x12_error *x12_claimstatus_stream_last_error(const x12_claimstatus_stream *s);
/*
 * How many diagnostics the stream keeps in memory in each list it fills:
 * those found between two events (claims or batches handed out: the lists
 * of the x12_claimstatus_stream_next calls that lead to one event; a call
 * that ends in X12_AGAIN starts no new count, so pushed input keeps
 * exactly what a whole buffer keeps; for a doc, what its list gets
 * between two events) and those of one claim.  Past `max` a diagnostic is
 * counted, not kept (the _dropped calls say how many), so that junk in a
 * file (400,000 stray segments before an STC) cannot make memory grow;
 * the error handler still sees every one.  The default is
 * X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS; 0 means no limit.  May be called at
 * any time; it applies to what is found next.  X12_EINVAL when s is NULL.
 */
#define X12_CLAIMSTATUS_DEFAULT_MAX_ERRORS 1000
X12_API x12_status x12_claimstatus_stream_set_max_errors(x12_claimstatus_stream *s,
                                                         size_t max);
/* Diagnostics found during the last x12_claimstatus_stream_next and not
 * kept in its list (x12_claimstatus_stream_error_count counts those
 * kept). */
X12_API uint64_t x12_claimstatus_stream_errors_dropped(const x12_claimstatus_stream *s);

X12_API x12_status x12_claimstatus_stream_collect(x12_claimstatus_stream *s,
                                                  x12_claimstatus_doc **out);
X12_API x12_status x12_claimstatus_parse_path(const x12_allocator *alloc, const char *path,
                                              x12_claimstatus_doc **out);
X12_API x12_status x12_claimstatus_parse_buffer(const x12_allocator *alloc, const void *data,
                                                size_t len, x12_claimstatus_doc **out);
X12_API void x12_claimstatus_doc_free(x12_claimstatus_doc *d);
X12_API size_t x12_claimstatus_doc_claim_count(const x12_claimstatus_doc *d);
X12_API const x12_claimstatus_claim *x12_claimstatus_doc_claim_at(const x12_claimstatus_doc *d,
                                                                  size_t i);
X12_API size_t x12_claimstatus_doc_batch_count(const x12_claimstatus_doc *d);
X12_API const x12_claimstatus_batch *x12_claimstatus_doc_batch_at(const x12_claimstatus_doc *d,
                                                                  size_t i);
/* Every diagnostic found while reading, in input order (up to the
 * stream's limit per event: see x12_claimstatus_stream_set_max_errors),
 * and how many were counted but not kept. */
X12_API size_t x12_claimstatus_doc_error_count(const x12_claimstatus_doc *d);
X12_API const x12_error *x12_claimstatus_doc_error_at(const x12_claimstatus_doc *d, size_t i);
X12_API uint64_t x12_claimstatus_doc_errors_dropped(const x12_claimstatus_doc *d);

/* ---- claims (2200D / 2200E) ------------------------------------------------------ */

typedef enum x12_claimstatus_kind {
    X12_CS_KIND_277 = 1,  /* 005010X212 claim status response */
    X12_CS_KIND_277CA = 2 /* 005010X214 claim acknowledgment */
} x12_claimstatus_kind;

typedef enum x12_claimstatus_claim_field {
    /* The 837's CLM01: REF*EJ in a 277, TRN02 in a 277CA. */
    X12_CC_PCN = 1,
    X12_CC_TRACE_NUMBER = 2,        /* TRN02: a 276's TRN02 echoed; a 277CA's PCN */
    X12_CC_PAYER_CLAIM_NUMBER = 3,  /* REF*1K */
    X12_CC_BILL_TYPE = 4,           /* REF*BLT */
    X12_CC_CLEARINGHOUSE_TRACE = 5, /* REF*D9 */
    X12_CC_PRESCRIPTION_NUMBER = 6, /* REF*XZ */
    X12_CC_VOUCHER = 7,             /* REF*VV */
    X12_CC_SERVICE_FROM = 8,        /* DTP*472 (D8, or the start of RD8) */
    X12_CC_SERVICE_TO = 9,
    X12_CC_PAYER_NAME = 10,         /* 2100A NM103 */
    X12_CC_PAYER_ID = 11,           /* 2100A NM109 */
    X12_CC_RECEIVER_NAME = 12,      /* 2100B NM103 */
    X12_CC_RECEIVER_ID = 13,        /* 2100B NM109 */
    X12_CC_PROVIDER_NAME = 14,      /* 2100C NM103 */
    X12_CC_PROVIDER_ID = 15,        /* 2100C NM109 (an NPI with qualifier XX) */
    X12_CC_PROVIDER_ID_QUALIFIER = 16,
    X12_CC_SUBSCRIBER_LAST_NAME = 17, /* 277 2100D */
    X12_CC_SUBSCRIBER_FIRST_NAME = 18,
    X12_CC_MEMBER_ID = 19,          /* 277 2100D NM109; 277CA 2100D NM109 */
    X12_CC_PATIENT_LAST_NAME = 20,  /* 277 2100E (else the subscriber); 277CA 2100D */
    X12_CC_PATIENT_FIRST_NAME = 21,
    /* A 277CA's 2200B TRN02 (the 837's BHT03); a 277's BHT03 (the 276's). */
    X12_CC_BATCH_REFERENCE = 22,
    X12_CC_CONTROL_NUMBER = 23,     /* ST02 */
    X12_CC_RESPONSE_DATE = 24       /* BHT04 */
} x12_claimstatus_claim_field;
X12_API x12_str x12_claimstatus_claim_get(const x12_claimstatus_claim *c,
                                                  x12_claimstatus_claim_field f);
X12_API x12_claimstatus_kind x12_claimstatus_claim_kind(const x12_claimstatus_claim *c);
/* The loop of the claim: "2200D" or "2200E".  NUL-terminated. */
X12_API const char *x12_claimstatus_claim_loop(const x12_claimstatus_claim *c);
/* The claim's outcome: rejected when a claim-level status is a rejection
 * (category A3/A6/A7/A8 or 277CA action code U), else what the most recent
 * status's category says (the first status of the latest STC02). */
X12_API x12_claimstatus_outcome x12_claimstatus_claim_outcome(const x12_claimstatus_claim *c);
/* STC04 (total charge) and STC05 (payment) of the first STC that has them:
 * 1 with *cents, 0 when none has. */
X12_API int x12_claimstatus_claim_charge_cents(const x12_claimstatus_claim *c, int64_t *cents);
X12_API int x12_claimstatus_claim_paid_cents(const x12_claimstatus_claim *c, int64_t *cents);
/* Claim-level statuses: one per STC01, STC10, STC11 of each STC, in order. */
X12_API size_t x12_claimstatus_claim_status_count(const x12_claimstatus_claim *c);
X12_API const x12_claimstatus_status *x12_claimstatus_claim_status_at(
    const x12_claimstatus_claim *c, size_t i);
X12_API size_t x12_claimstatus_claim_line_count(const x12_claimstatus_claim *c);
X12_API const x12_claimstatus_line *x12_claimstatus_claim_line_at(
    const x12_claimstatus_claim *c, size_t i);
/* 0-based position among the claims handed out; TRN segment number and
 * offset. */
X12_API size_t x12_claimstatus_claim_index(const x12_claimstatus_claim *c);
X12_API uint64_t x12_claimstatus_claim_segment_number(const x12_claimstatus_claim *c);
X12_API uint64_t x12_claimstatus_claim_offset(const x12_claimstatus_claim *c);
/* Diagnostics located in the claim (malformed amounts, stray segments,
 * ...), up to the stream's limit (x12_claimstatus_stream_set_max_errors),
 * and how many more were counted but not kept. */
X12_API size_t x12_claimstatus_claim_error_count(const x12_claimstatus_claim *c);
X12_API const x12_error *x12_claimstatus_claim_error_at(const x12_claimstatus_claim *c,
                                                        size_t i);
X12_API uint64_t x12_claimstatus_claim_errors_dropped(const x12_claimstatus_claim *c);

/* ---- service lines (2220D / 2220E) ----------------------------------------------- */

typedef enum x12_claimstatus_svc_field {
    X12_CV_QUALIFIER = 1,      /* SVC01-1 */
    X12_CV_PROCEDURE = 2,      /* SVC01-2 */
    X12_CV_MODIFIERS = 3,      /* SVC01-3..6 joined with ':' */
    X12_CV_REVENUE_CODE = 4,   /* SVC04 */
    X12_CV_UNITS = 5,          /* SVC07 as written */
    X12_CV_CONTROL_NUMBER = 6, /* REF*FJ: the 837 line's REF*6R */
    X12_CV_PRESCRIPTION_NUMBER = 7, /* REF*XZ */
    X12_CV_SERVICE_FROM = 8,   /* DTP*472 */
    X12_CV_SERVICE_TO = 9
} x12_claimstatus_svc_field;
X12_API x12_str x12_claimstatus_line_get(const x12_claimstatus_line *l,
                                                 x12_claimstatus_svc_field f);
/* SVC02 and SVC03: 1 with *cents when present and valid. */
X12_API int x12_claimstatus_line_charge_cents(const x12_claimstatus_line *l, int64_t *cents);
X12_API int x12_claimstatus_line_paid_cents(const x12_claimstatus_line *l, int64_t *cents);
X12_API x12_claimstatus_outcome x12_claimstatus_line_outcome(const x12_claimstatus_line *l);
X12_API size_t x12_claimstatus_line_status_count(const x12_claimstatus_line *l);
X12_API const x12_claimstatus_status *x12_claimstatus_line_status_at(
    const x12_claimstatus_line *l, size_t i);

/* ---- statuses above the claims (2200A / 2200B / 2200C) ----------------------------- */

typedef enum x12_claimstatus_batch_level {
    X12_CS_BATCH_SOURCE = 1,   /* 277CA 2200A: the clearinghouse or payer received the file */
    X12_CS_BATCH_RECEIVER = 2, /* 2200B: the whole 837 (277CA) or request (277) */
    X12_CS_BATCH_PROVIDER = 3  /* 2200C: every claim of one (billing) provider */
} x12_claimstatus_batch_level;
X12_API x12_claimstatus_batch_level x12_claimstatus_batch_level_of(
    const x12_claimstatus_batch *b);
X12_API x12_claimstatus_kind x12_claimstatus_batch_kind(const x12_claimstatus_batch *b);
/* TRN02 (2200B of a 277CA: the 837's BHT03), the party's NM103 and NM109,
 * ST02, and for 2200A the received (DTP*050) and processed (DTP*009)
 * dates. */
X12_API x12_str x12_claimstatus_batch_trace_number(const x12_claimstatus_batch *b);
X12_API x12_str x12_claimstatus_batch_party_name(const x12_claimstatus_batch *b);
X12_API x12_str x12_claimstatus_batch_party_id(const x12_claimstatus_batch *b);
X12_API x12_str x12_claimstatus_batch_control_number(const x12_claimstatus_batch *b);
X12_API x12_str x12_claimstatus_batch_received_date(const x12_claimstatus_batch *b);
X12_API x12_str x12_claimstatus_batch_processed_date(const x12_claimstatus_batch *b);
/* QTY*90/QA accepted and QTY*AA/QC rejected claim counts, AMT*YU accepted
 * and AMT*YY rejected amounts (cents): 1 with *value when present. */
X12_API int x12_claimstatus_batch_accepted_count(const x12_claimstatus_batch *b, int64_t *n);
X12_API int x12_claimstatus_batch_rejected_count(const x12_claimstatus_batch *b, int64_t *n);
X12_API int x12_claimstatus_batch_accepted_cents(const x12_claimstatus_batch *b, int64_t *c);
X12_API int x12_claimstatus_batch_rejected_cents(const x12_claimstatus_batch *b, int64_t *c);
/* The batch's outcome (X12_CS_NO_ANSWER when it has no STC) and statuses. */
X12_API x12_claimstatus_outcome x12_claimstatus_batch_outcome(const x12_claimstatus_batch *b);
X12_API size_t x12_claimstatus_batch_status_count(const x12_claimstatus_batch *b);
X12_API const x12_claimstatus_status *x12_claimstatus_batch_status_at(
    const x12_claimstatus_batch *b, size_t i);
X12_API uint64_t x12_claimstatus_batch_segment_number(const x12_claimstatus_batch *b);

/* ---- statuses (one STC01, STC10 or STC11) --------------------------------------- */

typedef enum x12_claimstatus_status_field {
    X12_ST_CATEGORY = 1,        /* STCnn-1: category code (507) */
    X12_ST_CODE = 2,            /* STCnn-2: status code (508) */
    X12_ST_ENTITY = 3,          /* STCnn-3: whose information (98) */
    X12_ST_CODE_LIST = 4,       /* STCnn-4: "RX" for NCPDP reject codes in STCnn-2 */
    X12_ST_EFFECTIVE_DATE = 5,  /* STC02 */
    X12_ST_ACTION = 6,          /* STC03: 277CA U reject, WQ accept */
    X12_ST_CHARGE_TEXT = 7,     /* STC04 as written */
    X12_ST_PAID_TEXT = 8,       /* STC05 as written */
    X12_ST_ADJUDICATION_DATE = 9, /* STC06 */
    X12_ST_PAYMENT_METHOD = 10, /* STC07 */
    X12_ST_REMITTANCE_DATE = 11, /* STC08 */
    X12_ST_REMITTANCE_TRACE = 12, /* STC09: the check or EFT number */
    X12_ST_MESSAGE = 13         /* STC12 */
} x12_claimstatus_status_field;
X12_API x12_str x12_claimstatus_status_get(const x12_claimstatus_status *s,
                                                   x12_claimstatus_status_field f);
/* Our descriptions of the category, status and entity codes ("" when not
 * in our lists; an NCPDP reject code (STCnn-4 RX) gets none).  Static
 * storage. */
X12_API const char *x12_claimstatus_status_category_text(const x12_claimstatus_status *s);
X12_API const char *x12_claimstatus_status_code_text(const x12_claimstatus_status *s);
X12_API const char *x12_claimstatus_status_entity_text(const x12_claimstatus_status *s);
/* What this status alone says: rejected for a rejecting category (A3, A6,
 * A7, A8) or a 277CA action code U, accepted for a 277CA action code WQ,
 * else what the category says. */
X12_API x12_claimstatus_outcome x12_claimstatus_status_outcome(const x12_claimstatus_status *s);
/* 1, 10 or 11: which composite of the STC; segment number of the STC. */
X12_API unsigned x12_claimstatus_status_position(const x12_claimstatus_status *s);
X12_API uint64_t x12_claimstatus_status_segment_number(const x12_claimstatus_status *s);

/* ---- the link: 837 claims and their answers ------------------------------------- */

/*
 * Links every claim of `sent` with its answer in `doc` (a 277CA or 277).
 * Both must outlive the link.  *out is freed with x12_claimstatus_link_free.
 * X12_EINVAL, X12_ENOMEM.
 */
X12_API x12_status x12_claimstatus_link_new(const x12_allocator *alloc,
                                            const x12_claimstatus_sent *sent,
                                            const x12_claimstatus_doc *doc,
                                            x12_claimstatus_link **out);
X12_API void x12_claimstatus_link_free(x12_claimstatus_link *l);
/* One entry per sent claim, in the same order. */
X12_API size_t x12_claimstatus_link_count(const x12_claimstatus_link *l);
/* The answer's claim, or NULL when none names the claim. */
X12_API const x12_claimstatus_claim *x12_claimstatus_link_answer(const x12_claimstatus_link *l,
                                                                 size_t i);
/* When no claim answers, the batch status that rejected what the claim
 * belongs to (its 837, or its billing provider, as a whole), or NULL. */
X12_API const x12_claimstatus_batch *x12_claimstatus_link_batch(const x12_claimstatus_link *l,
                                                                size_t i);
/* The claim's outcome: its answer's, else X12_CS_REJECTED when a batch
 * rejected the whole it belongs to, else X12_CS_NO_ANSWER. */
X12_API x12_claimstatus_outcome x12_claimstatus_link_outcome(const x12_claimstatus_link *l,
                                                             size_t i);
/* Answer claims that match no sent claim (another 837's, or unknown PCNs). */
X12_API size_t x12_claimstatus_link_unmatched_count(const x12_claimstatus_link *l);
X12_API const x12_claimstatus_claim *x12_claimstatus_link_unmatched_at(
    const x12_claimstatus_link *l, size_t i);

/* ---- code descriptions ------------------------------------------------------------ */

typedef enum x12_claimstatus_codeset {
    X12_CS_CODES_CATEGORY = 1, /* STC01-1, external code list 507 */
    X12_CS_CODES_STATUS = 2,   /* STC01-2, 508 (a selection) */
    X12_CS_CODES_ENTITY = 3    /* STC01-3, data element 98 (a selection) */
} x12_claimstatus_codeset;
/* Our short description of a code, or NULL.  Static storage. */
X12_API const char *x12_claimstatus_code_text(x12_claimstatus_codeset set, const char *code,
                                              size_t len);
X12_API const char *x12_claimstatus_code_list_version(x12_claimstatus_codeset set);
X12_API size_t x12_claimstatus_code_count(x12_claimstatus_codeset set);

#ifdef __cplusplus
}
#endif

#endif /* X12_CLAIMSTATUS_H */
