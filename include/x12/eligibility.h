/*
 * libx12 - eligibility: 270 inquiries built, 271 responses read
 * (005010X279A1).
 *
 * The first step of a biller's day: before a visit, ask the payer whether
 * the patient is covered and what the plan pays (a 270), and read the
 * answer (a 271).
 *
 * 270 requests.  An x12_elig_request holds one interchange of inquiries:
 * envelope data and any number of inquiries, each naming the payer
 * (information source), the provider asking (information receiver, with
 * its NPI), the subscriber (name, member id, birth date) and optionally a
 * dependent who is the patient, the service types asked about (EQ01) or a
 * procedure (EQ02), and the date of service.  Consecutive inquiries to the
 * same payer from the same provider share their HL parents.
 *
 *     x12_elig_request *rq;
 *     x12_elig_inquiry *q;
 *     x12_elig_request_new(NULL, &rq);
 *     x12_elig_request_set(rq, X12_ER_SENDER_ID, "SUBMITTER01", X12_NTS);  ...
 *     x12_elig_request_add_inquiry(rq, &q);
 *     x12_elig_inquiry_set(q, X12_EI_PAYER_NAME, "EXAMPLE HEALTH PLAN", X12_NTS);  ...
 *     x12_elig_inquiry_add_service_type(q, "30", X12_NTS);
 *     if (x12_elig_request_check(rq) == X12_EEDIT)   every failed edit, at once
 *         ... x12_elig_request_edit_at(rq, i), x12_elig_request_edit_path(rq, i)
 *     x12_elig_request_write(rq, writer);              ISA..IEA
 *     x12_elig_request_free(rq);
 *
 * Setters copy the value (X12_NTS for a NUL-terminated string; "" clears
 * it) and return X12_EINVAL only for a NULL handle or an unknown field;
 * they never judge the value.  Pre-submission edits (x12_elig_request_check,
 * also run by _write) do, as the 837 builder's do: required names and ids,
 * the NPI check digit, real dates and ordered ranges, service type codes
 * from the guide's list, procedure code shapes, delimiters inside data.
 * Paths name inquiries by position ("inquiry[2].subscriber.member_id");
 * messages never quote names, ids or dates.  An XML request
 * (specs/eligibility.xsd) loads with x12_elig_request_load_xml_*.
 *
 * 271 responses.  An x12_elig_stream reads a 271 from an x12_reader and
 * hands out one coverage at a time (a subscriber, 2000C, or a dependent,
 * 2000D, with all its benefits); x12_elig_parse_path/_buffer (or
 * x12_elig_stream_collect for any reader input, push included) give the
 * whole file as an x12_elig_doc.  A coverage knows:
 *   - who: names, member id, birth date, relationship, the subscriber of a
 *     dependent, the trace number echoing the 270's (TRN*2), the payer and
 *     the provider the answer is for (x12_elig_party);
 *   - whether the person is covered (x12_elig_coverage_state), the plan
 *     and group, the plan and eligibility dates;
 *   - every EB as a typed benefit: code, coverage level, service types,
 *     insurance type, time period, amount (cents), percent (basis points),
 *     quantity, authorization required, in or out of network, procedure,
 *     messages (MSG), dates, related entities (2120);
 *   - per service type a summary: covered or not, deductible, deductible
 *     remaining, out-of-pocket maximum and remaining, copay, coinsurance,
 *     in and out of network (x12_elig_summary);
 *   - the payer's rejections (AAA) with their reason and follow-up codes,
 *     each also an x12_error a caller can report like any other.
 * A rejection above the subscriber (the payer or the provider level) with
 * no subscriber under it is handed out as a coverage of level
 * X12_ELIG_LEVEL_SOURCE or _RECEIVER that only carries the rejection: a
 * 271 never answers silently.
 *
 * Money is int64_t cents parsed from the decimal text, never through
 * floating point; percents (EB08, a fraction such as ".2") are basis points
 * (2000 = 20.00%) with the text kept; quantities are thousandths with the
 * text kept.  Strings are x12_str views owned by the object they come from.
 * Problems in the data are x12_error records located by segment number,
 * segment id, loop, element and offset ("amount", "percent", "quantity",
 * "outside-coverage", "not-271"); they never quote identifying values.
 */
#ifndef X12_ELIGIBILITY_H
#define X12_ELIGIBILITY_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/writer.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_elig_request x12_elig_request;
typedef struct x12_elig_inquiry x12_elig_inquiry;

/* ---- 270: the request --------------------------------------------------------- */

/* Creates an empty request.  `alloc` may be NULL.  The caller frees *out
 * with x12_elig_request_free.  X12_EINVAL, X12_ENOMEM. */
X12_API x12_status x12_elig_request_new(const x12_allocator *alloc, x12_elig_request **out);
/* Frees the request, every inquiry, string and edit record.  NULL is
 * allowed. */
X12_API void x12_elig_request_free(x12_elig_request *rq);

typedef enum x12_elig_request_field {
    X12_ER_SENDER_QUALIFIER = 1,   /* ISA05, default "ZZ" */
    X12_ER_SENDER_ID = 2,          /* ISA06 (required) */
    X12_ER_RECEIVER_QUALIFIER = 3, /* ISA07, default "ZZ" */
    X12_ER_RECEIVER_ID = 4,        /* ISA08 (required) */
    X12_ER_GS_SENDER = 5,          /* GS02, default the ISA06 value */
    X12_ER_GS_RECEIVER = 6,        /* GS03, default the ISA08 value */
    X12_ER_DATE = 7,               /* CCYYMMDD: ISA09, GS04, BHT04 (required) */
    X12_ER_TIME = 8,               /* HHMM: ISA10, GS05, BHT05 (required) */
    X12_ER_REFERENCE = 9,          /* BHT03, echoed by the 271's BHT03 (required) */
    /* TRN03 of every inquiry's trace: "1" + the provider's 9-digit EIN,
     * or "9" + an id of 9 the provider assigns (required: 10 characters). */
    X12_ER_TRACE_ORIGINATOR = 10
} x12_elig_request_field;
X12_API x12_status x12_elig_request_set(x12_elig_request *rq, x12_elig_request_field f,
                                        const char *v, size_t len);
/* The value, or an empty view.  Valid until the field is set again or the
 * request is freed. */
X12_API x12_str x12_elig_request_get(const x12_elig_request *rq, x12_elig_request_field f);

typedef enum x12_elig_request_option {
    X12_EROPT_ISA13 = 1,          /* interchange control number, default 1 */
    X12_EROPT_GS06 = 2,           /* group control number, default 1 */
    X12_EROPT_ST02 = 3,           /* first transaction set control number, default 1 */
    X12_EROPT_PRODUCTION = 4,     /* ISA15: 1 "P", 0 "T" test (default) */
    X12_EROPT_ACK_REQUESTED = 5,  /* ISA14: 0 (default) or 1 */
    /* Most inquiries in one 270 set; more start another ST..SE in the
     * group.  Default 0: no limit (a payer's companion guide may set one). */
    X12_EROPT_MAX_INQUIRIES_PER_SET = 6
} x12_elig_request_option;
/* X12_EINVAL for an unknown option or a value out of range (control
 * numbers 1..999999999, flags 0/1). */
X12_API x12_status x12_elig_request_set_option(x12_elig_request *rq, x12_elig_request_option o,
                                               uint64_t value);
X12_API uint64_t x12_elig_request_get_option(const x12_elig_request *rq,
                                             x12_elig_request_option o);

/* Appends an inquiry; *out is borrowed from the request (valid until it is
 * freed).  X12_EINVAL, X12_ENOMEM. */
X12_API x12_status x12_elig_request_add_inquiry(x12_elig_request *rq, x12_elig_inquiry **out);
X12_API size_t x12_elig_request_inquiry_count(const x12_elig_request *rq);

typedef enum x12_elig_inquiry_field {
    X12_EI_PAYER_NAME = 1,            /* 2100A NM103 (required) */
    X12_EI_PAYER_ID = 2,              /* 2100A NM109 (required) */
    X12_EI_PAYER_ID_QUALIFIER = 3,    /* NM108: PI payer id (default), XV CMS plan id */
    X12_EI_PROVIDER_NAME = 4,         /* 2100B NM103: organisation or last name (required) */
    X12_EI_PROVIDER_FIRST_NAME = 5,   /* NM104: set for a person (NM102 1) */
    X12_EI_PROVIDER_NPI = 6,          /* NM109 with NM108 XX (required) */
    X12_EI_PROVIDER_TAXONOMY = 7,     /* PRV*PE*PXC */
    X12_EI_SUBSCRIBER_LAST_NAME = 8,  /* 2100C NM103 (required) */
    X12_EI_SUBSCRIBER_FIRST_NAME = 9, /* NM104 (required) */
    X12_EI_SUBSCRIBER_MIDDLE_NAME = 10,
    X12_EI_SUBSCRIBER_SUFFIX = 11,    /* NM107 */
    X12_EI_MEMBER_ID = 12,            /* NM109 with NM108 MI (required) */
    X12_EI_SUBSCRIBER_BIRTH_DATE = 13, /* DMG02 CCYYMMDD */
    X12_EI_SUBSCRIBER_GENDER = 14,    /* DMG03 F or M */
    X12_EI_GROUP_NUMBER = 15,         /* REF*6P */
    X12_EI_DEPENDENT_LAST_NAME = 16,  /* 2100D NM103: set for a dependent patient */
    X12_EI_DEPENDENT_FIRST_NAME = 17, /* required with a dependent */
    X12_EI_DEPENDENT_MIDDLE_NAME = 18,
    X12_EI_DEPENDENT_SUFFIX = 19,
    X12_EI_DEPENDENT_BIRTH_DATE = 20, /* required with a dependent */
    X12_EI_DEPENDENT_GENDER = 21,     /* F or M */
    X12_EI_DEPENDENT_RELATIONSHIP = 22, /* INS02: 01 spouse, 19 child, 34 other adult */
    X12_EI_SERVICE_DATE = 23,         /* DTP*291: the date of service (CCYYMMDD) */
    X12_EI_SERVICE_DATE_TO = 24,      /* end of a range (RD8); default: a single date */
    /* TRN02 of the inquiry, echoed in the 271 (at most 50 characters,
     * unique in the request); default "<BHT03>-<n>", n the inquiry's
     * 1-based position. */
    X12_EI_TRACE_NUMBER = 25,
    X12_EI_PROCEDURE = 26,            /* EQ02-2: a CPT/HCPCS code asked about */
    X12_EI_PROCEDURE_QUALIFIER = 27   /* EQ02-1, default "HC" */
} x12_elig_inquiry_field;
X12_API x12_status x12_elig_inquiry_set(x12_elig_inquiry *q, x12_elig_inquiry_field f,
                                        const char *v, size_t len);
X12_API x12_str x12_elig_inquiry_get(const x12_elig_inquiry *q, x12_elig_inquiry_field f);
/* Appends a service type code (EQ01, repeated; at most 99).  With neither
 * service type nor procedure the inquiry asks for "30" (health benefit plan
 * coverage). */
X12_API x12_status x12_elig_inquiry_add_service_type(x12_elig_inquiry *q, const char *code,
                                                     size_t len);
X12_API size_t x12_elig_inquiry_service_type_count(const x12_elig_inquiry *q);
X12_API x12_str x12_elig_inquiry_service_type_at(const x12_elig_inquiry *q, size_t i);
/* Appends a modifier of the procedure (EQ02-3..6; at most 4). */
X12_API x12_status x12_elig_inquiry_add_modifier(x12_elig_inquiry *q, const char *v,
                                                 size_t len);

/*
 * Runs every pre-submission edit: X12_OK when none fails, X12_EEDIT when
 * one did (listed by _edit_count/_at/_path), X12_ENOMEM.  Records have
 * status X12_EEDIT, a rule ("required", "npi-check-digit", "date",
 * "date-range", "service-type", "procedure", "modifier", "gender",
 * "relationship", "trace", "delimiter", "length"), the segment, loop and
 * element the value would go to, and a message without identifying values.
 */
X12_API x12_status x12_elig_request_check(x12_elig_request *rq);
/* Edits of the last check, write or XML load; valid until the next of
 * those calls or x12_elig_request_free. */
X12_API size_t x12_elig_request_edit_count(const x12_elig_request *rq);
X12_API const x12_error *x12_elig_request_edit_at(const x12_elig_request *rq, size_t i);
/* "inquiry[2].dependent.birth_date", "request.sender_id"; "FILE:LINE" for
 * XML load errors. */
X12_API const char *x12_elig_request_edit_path(const x12_elig_request *rq, size_t i);

/*
 * Runs the edits and, when none fails, writes the interchange (ISA..IEA,
 * one HS group, as many 270 sets as X12_EROPT_MAX_INQUIRIES_PER_SET needs)
 * through `w`, which must have its output chosen and no interchange open;
 * its delimiters and line break are kept.  X12_EEDIT (nothing written),
 * else the writer's status.  The output depends only on the request.
 */
X12_API x12_status x12_elig_request_write(x12_elig_request *rq, x12_writer *w);

/*
 * Reads inquiries from an XML document (specs/eligibility.xsd, compiled in)
 * into an empty request.  X12_OK; X12_EIO (file unreadable); X12_ESYNTAX
 * (not well-formed, not valid against the schema, or a bad value: edit
 * records with rule "xml-syntax", "xml-schema" or "xml-value" and path
 * "NAME:LINE"); X12_ESTATE when the request is not empty.  `name` is used
 * in paths (NULL: the path, or "<memory>").
 */
X12_API x12_status x12_elig_request_load_xml_file(x12_elig_request *rq, const char *path);
X12_API x12_status x12_elig_request_load_xml_memory(x12_elig_request *rq, const char *data,
                                                    size_t len, const char *name);

/* ---- 271: the response ---------------------------------------------------------- */

typedef struct x12_elig_stream x12_elig_stream;
typedef struct x12_elig_doc x12_elig_doc;
typedef struct x12_elig_coverage x12_elig_coverage;
typedef struct x12_elig_party x12_elig_party;     /* payer or provider of an answer */
typedef struct x12_elig_benefit x12_elig_benefit; /* one EB and its 2110 loop */
typedef struct x12_elig_reject x12_elig_reject;   /* one AAA */
typedef struct x12_elig_summary x12_elig_summary; /* the benefits of one service type */
typedef struct x12_elig_entity x12_elig_entity;   /* a 2120 benefit related entity */

/* Creates a stream over `reader` (opened by the caller, any input; freed by
 * the caller after the stream), or with reader NULL over a reader of its
 * own (open it through x12_elig_stream_reader; freed with the stream).
 * `alloc` may be NULL.  *out is freed with x12_elig_stream_free.
 * X12_ENOMEM, X12_EINVAL. */
X12_API x12_status x12_elig_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                       x12_elig_stream **out);
/* Frees the stream, everything it handed out, and its own reader.  NULL is
 * allowed. */
X12_API void x12_elig_stream_free(x12_elig_stream *s);
/* The reader the stream reads: open it, set options, feed it (push input).
 * Do not call x12_reader_next on it yourself. */
X12_API x12_reader *x12_elig_stream_reader(x12_elig_stream *s);
/* Called for every diagnostic (reader, envelope, 271) as it is found; the
 * record lives during the call only.  NULL removes it. */
X12_API void x12_elig_stream_set_error_handler(x12_elig_stream *s, x12_error_fn fn,
                                               void *user);
/*
 * Reads on to the next coverage.
 *   X12_OK     *out is the next coverage; it and everything from it stay
 *              valid until the next call.
 *   X12_END    the input is finished.
 *   X12_AGAIN  push input: feed the reader and call again.
 *   other      the reader cannot go on (fatal error, strict mode, I/O,
 *              X12_ENOMEM); x12_elig_stream_last_error() says why, and every
 *              later call returns the same.
 * Transaction sets that are not 271s are skipped with a "not-271" warning.
 */
X12_API x12_status x12_elig_stream_next(x12_elig_stream *s, const x12_elig_coverage **out);
/* Diagnostics found during the last call (valid until the next), and the
 * error that stopped the stream (or NULL). */
X12_API size_t x12_elig_stream_error_count(const x12_elig_stream *s);
X12_API const x12_error *x12_elig_stream_error_at(const x12_elig_stream *s, size_t i);
X12_API const x12_error *x12_elig_stream_last_error(const x12_elig_stream *s);
/*
 * How many diagnostics the stream keeps in memory in each list it fills:
 * those found between two coverages handed out (the lists of the
 * x12_elig_stream_next calls that lead to one coverage: a call that ends
 * in X12_AGAIN starts no new count, so pushed input keeps exactly what a
 * whole buffer keeps; for a doc, what its list gets between two
 * coverages) and those of one coverage.  Past `max` a diagnostic is
 * counted, not kept (the _dropped calls say how many), so that junk in a
 * file (400,000 stray segments before an EB) cannot make memory grow; the
 * error handler still sees every one.  The default is
 * X12_ELIG_DEFAULT_MAX_ERRORS; 0 means no limit.  May be called at any
 * time; it applies to what is found next.  X12_EINVAL when s is NULL.
 */
#define X12_ELIG_DEFAULT_MAX_ERRORS 1000
X12_API x12_status x12_elig_stream_set_max_errors(x12_elig_stream *s, size_t max);
/* Diagnostics found during the last x12_elig_stream_next and not kept in
 * its list (x12_elig_stream_error_count counts those kept). */
X12_API uint64_t x12_elig_stream_errors_dropped(const x12_elig_stream *s);

/* Reads the whole stream into a doc (freed by the caller with
 * x12_elig_doc_free); call it before any x12_elig_stream_next.  Push input:
 * X12_AGAIN means feed and call again (the partial doc stays in the
 * stream); *out is set only with X12_OK. */
X12_API x12_status x12_elig_stream_collect(x12_elig_stream *s, x12_elig_doc **out);
/* Whole-file shortcuts (gzip detected for paths; a buffer is not copied and
 * must outlive the call only).  X12_EIO when the file cannot be opened. */
X12_API x12_status x12_elig_parse_path(const x12_allocator *alloc, const char *path,
                                       x12_elig_doc **out);
X12_API x12_status x12_elig_parse_buffer(const x12_allocator *alloc, const void *data,
                                         size_t len, x12_elig_doc **out);
/* Frees the doc and everything handed out from it.  NULL is allowed. */
X12_API void x12_elig_doc_free(x12_elig_doc *d);
X12_API size_t x12_elig_doc_coverage_count(const x12_elig_doc *d);
X12_API const x12_elig_coverage *x12_elig_doc_coverage_at(const x12_elig_doc *d, size_t i);
/* Every diagnostic found while reading, in input order (up to the
 * stream's limit per coverage: see x12_elig_stream_set_max_errors), and
 * how many were counted but not kept. */
X12_API size_t x12_elig_doc_error_count(const x12_elig_doc *d);
X12_API const x12_error *x12_elig_doc_error_at(const x12_elig_doc *d, size_t i);
X12_API uint64_t x12_elig_doc_errors_dropped(const x12_elig_doc *d);

/* ---- coverages ----------------------------------------------------------------- */

typedef enum x12_elig_level {
    X12_ELIG_LEVEL_SOURCE = 1,     /* 2000A: the payer rejected the request (AAA only) */
    X12_ELIG_LEVEL_RECEIVER = 2,   /* 2000B: rejected for the provider (AAA only) */
    X12_ELIG_LEVEL_SUBSCRIBER = 3, /* 2000C */
    X12_ELIG_LEVEL_DEPENDENT = 4   /* 2000D */
} x12_elig_level;

typedef enum x12_elig_state {
    X12_ELIG_UNKNOWN = 0,  /* no EB says covered or not, and no rejection */
    X12_ELIG_ACTIVE = 1,   /* an EB01 1-5 (active coverage, of any kind) */
    X12_ELIG_INACTIVE = 2, /* an EB01 6-8 and none active */
    X12_ELIG_REJECTED = 3  /* an AAA here or above, and no EB 1-8 */
} x12_elig_state;

X12_API x12_elig_level x12_elig_coverage_level(const x12_elig_coverage *c);
X12_API x12_elig_state x12_elig_coverage_state(const x12_elig_coverage *c);

typedef enum x12_elig_coverage_field {
    X12_EC_LAST_NAME = 1,        /* NM103 */
    X12_EC_FIRST_NAME = 2,       /* NM104 */
    X12_EC_MIDDLE_NAME = 3,      /* NM105 */
    X12_EC_SUFFIX = 4,           /* NM107 */
    /* NM109 of the subscriber: for a dependent, its subscriber's (the id the
     * dependent is covered under) */
    X12_EC_MEMBER_ID = 5,
    X12_EC_MEMBER_ID_QUALIFIER = 6, /* NM108: MI, II */
    X12_EC_BIRTH_DATE = 7,       /* DMG02 */
    X12_EC_GENDER = 8,           /* DMG03 */
    X12_EC_RELATIONSHIP = 9,     /* INS02: 18 self, 01 spouse, 19 child, ... */
    X12_EC_GROUP_NUMBER = 10,    /* REF*6P (else REF*1L); a dependent's own, else its subscriber's */
    X12_EC_GROUP_NAME = 11,      /* REF03 of that REF */
    X12_EC_PLAN_NUMBER = 12,     /* REF*18 (a dependent's own, else its subscriber's) */
    X12_EC_PLAN_NAME = 13,       /* EB05 of the first active EB that has one, else of any EB */
    X12_EC_INSURANCE_TYPE = 14,  /* EB04 of the first active EB that has one */
    X12_EC_PLAN_BEGIN = 15,      /* DTP*346, or the start of DTP*291 */
    X12_EC_PLAN_END = 16,        /* DTP*347, or the end of DTP*291 */
    X12_EC_ELIGIBILITY_BEGIN = 17, /* DTP*356, or the start of DTP*307 */
    X12_EC_ELIGIBILITY_END = 18, /* DTP*357, or the end of DTP*307 */
    X12_EC_TRACE_NUMBER = 19,    /* TRN02 of TRN*2: the 270's trace, echoed */
    X12_EC_TRACE_ORIGINATOR = 20, /* TRN03 of that TRN */
    X12_EC_PAYER_TRACE_NUMBER = 21, /* TRN02 of TRN*1: the payer's own */
    X12_EC_SUBSCRIBER_LAST_NAME = 22, /* for a dependent, its subscriber's; else NM103 */
    X12_EC_SUBSCRIBER_FIRST_NAME = 23,
    X12_EC_ADDRESS1 = 24,        /* N301 */
    X12_EC_ADDRESS2 = 25,        /* N302 */
    X12_EC_CITY = 26,            /* N401 */
    X12_EC_STATE = 27,           /* N402 */
    X12_EC_POSTAL_CODE = 28,     /* N403 */
    X12_EC_CONTROL_NUMBER = 29,  /* ST02 */
    X12_EC_REFERENCE = 30,       /* BHT03: the 270's BHT03, echoed */
    X12_EC_RESPONSE_DATE = 31    /* BHT04 */
} x12_elig_coverage_field;
/* A field, or an empty view.  Lives as long as the coverage. */
X12_API x12_str x12_elig_coverage_get(const x12_elig_coverage *c,
                                              x12_elig_coverage_field f);
/* 0-based position among the coverages handed out; segment number and
 * byte offset of its HL. */
X12_API size_t x12_elig_coverage_index(const x12_elig_coverage *c);
X12_API uint64_t x12_elig_coverage_segment_number(const x12_elig_coverage *c);
X12_API uint64_t x12_elig_coverage_offset(const x12_elig_coverage *c);
/* The payer (2100A) and the provider (2100B) the answer is for; NULL when
 * the 271 had none.  Same lifetime as the coverage. */
X12_API const x12_elig_party *x12_elig_coverage_payer(const x12_elig_coverage *c);
X12_API const x12_elig_party *x12_elig_coverage_receiver(const x12_elig_coverage *c);

/* Benefits (EB) in order. */
X12_API size_t x12_elig_coverage_benefit_count(const x12_elig_coverage *c);
X12_API const x12_elig_benefit *x12_elig_coverage_benefit_at(const x12_elig_coverage *c,
                                                             size_t i);
/* Rejections of the request for this person (AAA in 2100C/2100D and in the
 * benefit loops 2110C/2110D) in order; those of the payer and provider
 * levels are the parties' (x12_elig_party_reject_*). */
X12_API size_t x12_elig_coverage_reject_count(const x12_elig_coverage *c);
X12_API const x12_elig_reject *x12_elig_coverage_reject_at(const x12_elig_coverage *c,
                                                           size_t i);
/* REF (2100C/2100D) and DTP (2100C/2100D) in order: qualifier, value (REF02
 * or DTP03), and REF03 or the DTP02 format. */
X12_API size_t x12_elig_coverage_ref_count(const x12_elig_coverage *c);
X12_API void x12_elig_coverage_ref_at(const x12_elig_coverage *c, size_t i, x12_str *qualifier,
                                      x12_str *value, x12_str *description);
X12_API size_t x12_elig_coverage_date_count(const x12_elig_coverage *c);
X12_API void x12_elig_coverage_date_at(const x12_elig_coverage *c, size_t i,
                                       x12_str *qualifier, x12_str *format, x12_str *value);

/* Summaries per service type, in order of first appearance in EB03.  Only
 * benefits that name service types are summarised; find returns the one for
 * a code (NUL-terminated, e.g. "98"), or NULL. */
X12_API size_t x12_elig_coverage_summary_count(const x12_elig_coverage *c);
X12_API const x12_elig_summary *x12_elig_coverage_summary_at(const x12_elig_coverage *c,
                                                             size_t i);
X12_API const x12_elig_summary *x12_elig_coverage_find_summary(const x12_elig_coverage *c,
                                                               const char *service_type);

/* Diagnostics located inside the coverage (malformed amounts, percents,
 * quantities, stray segments), up to the stream's limit
 * (x12_elig_stream_set_max_errors), and how many more were counted but not
 * kept. */
X12_API size_t x12_elig_coverage_error_count(const x12_elig_coverage *c);
X12_API const x12_error *x12_elig_coverage_error_at(const x12_elig_coverage *c, size_t i);
X12_API uint64_t x12_elig_coverage_errors_dropped(const x12_elig_coverage *c);

/* ---- parties: the payer (information source) and the provider --------------- */

typedef enum x12_elig_party_field {
    X12_EP_ENTITY = 1,       /* NM101: PR, 1P, ... */
    X12_EP_TYPE = 2,         /* NM102: 1 person, 2 organisation */
    X12_EP_NAME = 3,         /* NM103 */
    X12_EP_FIRST_NAME = 4,   /* NM104 */
    X12_EP_ID_QUALIFIER = 5, /* NM108: PI, XV, XX, ... */
    X12_EP_ID = 6,           /* NM109 */
    X12_EP_CONTACT_NAME = 7, /* PER02 of the first PER */
    X12_EP_PHONE = 8,        /* the first TE number of the PERs */
    X12_EP_URL = 9           /* the first UR number of the PERs */
} x12_elig_party_field;
X12_API x12_str x12_elig_party_get(const x12_elig_party *p, x12_elig_party_field f);
/* AAA of the level (2000A/2100A for the payer, 2100B for the provider). */
X12_API size_t x12_elig_party_reject_count(const x12_elig_party *p);
X12_API const x12_elig_reject *x12_elig_party_reject_at(const x12_elig_party *p, size_t i);

/* ---- rejections (AAA) ------------------------------------------------------------ */

/* AAA01: 1 when the request was valid (Y) and the payer still could not
 * answer, 0 when the request itself was not (N). */
X12_API int x12_elig_reject_valid_request(const x12_elig_reject *r);
X12_API x12_str x12_elig_reject_reason(const x12_elig_reject *r);    /* AAA03 */
X12_API x12_str x12_elig_reject_follow_up(const x12_elig_reject *r); /* AAA04 */
/* Our descriptions of the codes ("" when unknown).  Static storage. */
X12_API const char *x12_elig_reject_reason_text(const x12_elig_reject *r);
X12_API const char *x12_elig_reject_follow_up_text(const x12_elig_reject *r);
/* 1 when the follow-up code allows sending the request again (C, P, R, W,
 * X), 0 when it does not (N, S, Y) or is unknown. */
X12_API int x12_elig_reject_may_resubmit(const x12_elig_reject *r);
/* The loop the AAA was in ("2100C", "2110D", ...).  NUL-terminated. */
X12_API const char *x12_elig_reject_loop(const x12_elig_reject *r);
/* For an AAA inside a benefit loop, 1 + the index of the benefit; else 0. */
X12_API size_t x12_elig_reject_benefit(const x12_elig_reject *r);
/* The rejection as a located error record, to report like any other:
 * status X12_EEDIT (the request failed the payer's validation, AAA being
 * "request validation"), severity error, rule "aaa", the AAA's segment
 * number, offset and loop, element 3, and a message such as "the payer
 * rejected the request: Subscriber or insured not found (AAA03 75);
 * Correct the request and send it again (AAA04 C)".  Lives with the
 * rejection. */
X12_API const x12_error *x12_elig_reject_error(const x12_elig_reject *r);

/* ---- benefits (EB) ------------------------------------------------------------------ */

typedef enum x12_elig_benefit_field {
    X12_EB_CODE = 1,           /* EB01 */
    X12_EB_COVERAGE_LEVEL = 2, /* EB02: IND, FAM, ... */
    X12_EB_INSURANCE_TYPE = 3, /* EB04 */
    X12_EB_PLAN_DESCRIPTION = 4, /* EB05 */
    X12_EB_TIME_PERIOD = 5,    /* EB06: 23 calendar year, 29 remaining, 27 visit, ... */
    X12_EB_AMOUNT_TEXT = 6,    /* EB07 as written */
    X12_EB_PERCENT_TEXT = 7,   /* EB08 as written (".2") */
    X12_EB_QUANTITY_QUALIFIER = 8, /* EB09 */
    X12_EB_QUANTITY_TEXT = 9,  /* EB10 as written */
    X12_EB_AUTHORIZATION = 10, /* EB11: Y, N, U */
    X12_EB_IN_NETWORK = 11,    /* EB12: Y in network, N out of network, W both, U unknown */
    X12_EB_PROCEDURE_QUALIFIER = 12, /* EB13-1 */
    X12_EB_PROCEDURE = 13,     /* EB13-2 */
    X12_EB_MODIFIERS = 14      /* EB13-3..6 joined with ':' as written */
} x12_elig_benefit_field;
X12_API x12_str x12_elig_benefit_get(const x12_elig_benefit *b,
                                             x12_elig_benefit_field f);
/* Description of EB01, EB02 and EB06 ("" when unknown).  Static storage. */
X12_API const char *x12_elig_benefit_code_text(const x12_elig_benefit *b);
X12_API const char *x12_elig_benefit_coverage_level_text(const x12_elig_benefit *b);
X12_API const char *x12_elig_benefit_time_period_text(const x12_elig_benefit *b);
/* EB03 service type codes, in order. */
X12_API size_t x12_elig_benefit_service_type_count(const x12_elig_benefit *b);
X12_API x12_str x12_elig_benefit_service_type_at(const x12_elig_benefit *b, size_t i);
/* EB07 in cents, EB08 in basis points of one (".2" -> 2000 = 20.00%), EB10
 * in thousandths: 1 with *value when present and well-formed, else 0. */
X12_API int x12_elig_benefit_amount_cents(const x12_elig_benefit *b, int64_t *value);
X12_API int x12_elig_benefit_percent_bp(const x12_elig_benefit *b, int64_t *value);
X12_API int x12_elig_benefit_quantity_milli(const x12_elig_benefit *b, int64_t *value);
/* 1 for EB01 1-5, -1 for 6-8, 0 otherwise. */
X12_API int x12_elig_benefit_active(const x12_elig_benefit *b);
/* MSG texts (MSG01) in order. */
X12_API size_t x12_elig_benefit_message_count(const x12_elig_benefit *b);
X12_API x12_str x12_elig_benefit_message_at(const x12_elig_benefit *b, size_t i);
/* DTP (2110) and REF (2110) in order, as for the coverage. */
X12_API size_t x12_elig_benefit_date_count(const x12_elig_benefit *b);
X12_API void x12_elig_benefit_date_at(const x12_elig_benefit *b, size_t i, x12_str *qualifier,
                                      x12_str *format, x12_str *value);
X12_API size_t x12_elig_benefit_ref_count(const x12_elig_benefit *b);
X12_API void x12_elig_benefit_ref_at(const x12_elig_benefit *b, size_t i, x12_str *qualifier,
                                     x12_str *value, x12_str *description);
/* Benefit related entities (2120: NM1 between LS and LE), in order. */
X12_API size_t x12_elig_benefit_entity_count(const x12_elig_benefit *b);
X12_API const x12_elig_entity *x12_elig_benefit_entity_at(const x12_elig_benefit *b, size_t i);
/* Segment number of the EB. */
X12_API uint64_t x12_elig_benefit_segment_number(const x12_elig_benefit *b);

/* A 2120 entity: the same fields as a party (NM1 and the first PER). */
X12_API x12_str x12_elig_entity_get(const x12_elig_entity *e, x12_elig_party_field f);

/* ---- summaries per service type ----------------------------------------------- */

typedef enum x12_elig_measure {
    X12_EM_DEDUCTIBLE = 1,             /* EB01 C, not a "remaining" period (cents) */
    X12_EM_DEDUCTIBLE_REMAINING = 2,   /* EB01 C with EB06 29 or 33 */
    X12_EM_OUT_OF_POCKET = 3,          /* EB01 G, not remaining */
    X12_EM_OUT_OF_POCKET_REMAINING = 4, /* EB01 G with EB06 29 or 33 */
    X12_EM_COPAY = 5,                  /* EB01 B amount */
    X12_EM_COINSURANCE = 6,            /* EB01 A percent, in basis points */
    X12_EM_FAMILY_DEDUCTIBLE = 7,      /* the same for coverage level FAM */
    X12_EM_FAMILY_DEDUCTIBLE_REMAINING = 8,
    X12_EM_FAMILY_OUT_OF_POCKET = 9,
    X12_EM_FAMILY_OUT_OF_POCKET_REMAINING = 10
} x12_elig_measure;

/*
 * The summary's service type (EB03 code) and its description.  A measure is
 * taken from the first benefit that fits, in input order, preferring (in
 * network) EB12 Y, then W, then no EB12, then U; out of network only EB12
 * N.  The personal measures (1-6) prefer coverage level IND, then none,
 * then any other level but FAM; the family ones take FAM only.  Returns 1
 * with *value (cents, or basis points for coinsurance) when a benefit fits,
 * 0 when none does.
 */
X12_API x12_str x12_elig_summary_service_type(const x12_elig_summary *s);
X12_API const char *x12_elig_summary_service_type_text(const x12_elig_summary *s);
X12_API int x12_elig_summary_get(const x12_elig_summary *s, x12_elig_measure m,
                                 int out_of_network, int64_t *value);
/* 1 when an EB 1-5 names this service type, -1 when only EB 6-8 do, 0 when
 * neither. */
X12_API int x12_elig_summary_active(const x12_elig_summary *s);
/* 1 when a benefit of this service type says authorization is required
 * (EB11 Y). */
X12_API int x12_elig_summary_authorization_required(const x12_elig_summary *s);

/* ---- code descriptions ------------------------------------------------------------- */

typedef enum x12_elig_codeset {
    X12_ELIG_CODES_BENEFIT = 1,        /* EB01, data element 1390 */
    X12_ELIG_CODES_SERVICE_TYPE = 2,   /* EB03 / EQ01, 1365 */
    X12_ELIG_CODES_COVERAGE_LEVEL = 3, /* EB02, 1207 */
    X12_ELIG_CODES_TIME_PERIOD = 4,    /* EB06, 615 */
    X12_ELIG_CODES_REJECT_REASON = 5,  /* AAA03, 901 */
    X12_ELIG_CODES_FOLLOW_UP = 6       /* AAA04, 889 */
} x12_elig_codeset;
/* Our short description of a code (specs/codes, compiled in), or NULL when
 * it is not in the list.  Static storage; `len` is the code's length. */
X12_API const char *x12_elig_code_text(x12_elig_codeset set, const char *code, size_t len);
/* The date of the list the codes follow ("2006-05-01"), or NULL. */
X12_API const char *x12_elig_code_list_version(x12_elig_codeset set);
X12_API size_t x12_elig_code_count(x12_elig_codeset set);

#ifdef __cplusplus
}
#endif

#endif /* X12_ELIGIBILITY_H */
