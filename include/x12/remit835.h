/*
 * libx12 - 835 remittance advice (005010X221A1): payments, claims, service
 * lines, adjustments, denials and balancing.
 *
 * Two ways to read, giving identical data:
 *
 *  - Streaming.  An x12_remit_stream reads segments from an x12_reader and
 *    hands out one event at a time: a payment header (BPR, TRN, CUR, REF,
 *    DTM, payer 1000A and payee 1000B, complete), then each claim (2100 with
 *    its 2110 service lines, adjustments, remarks, dates, references and
 *    names, complete), then the payment's end (PLB provider adjustments,
 *    totals, balance check, reversal pairs).  Only the current claim and the
 *    current payment header are held in memory, so an ERA of any size is
 *    read in constant memory.
 *
 *        x12_remit_stream *s;
 *        x12_remit_event ev;
 *        x12_status st;
 *        x12_remit_stream_new(NULL, NULL, &s);
 *        x12_reader_open_path(x12_remit_stream_reader(s), "era.835.gz");
 *        while ((st = x12_remit_stream_next(s, &ev)) == X12_OK) {
 *            if (ev == X12_REMIT_EV_CLAIM) {
 *                const x12_remit_claim *c = x12_remit_stream_claim(s);
 *                int64_t paid = x12_remit_claim_paid_cents(c);
 *                ...
 *            }
 *        }
 *        x12_remit_stream_free(s);
 *
 *  - Whole file.  x12_remit_parse_path / _buffer (or x12_remit_stream_collect
 *    for any reader input, push included) build an x12_remit_doc: a tree of
 *    payments -> claims -> service lines the caller walks and frees with
 *    x12_remit_doc_free.  The tree is made by collecting the stream.
 *
 * Money is int64_t cents, parsed by hand from the decimal text (never through
 * floating point), signs kept as in X12.  Quantities keep their text and a
 * parsed value in thousandths ("milli").  Strings are x12_str views owned by
 * the object they come from (never NUL-terminated; ptr is never NULL).
 *
 * Problems in the data are x12_error records (see <x12/error.h>), located by
 * segment number, segment id, loop id, element, component and byte offset:
 *   "amount"            an amount element is not a valid decimal for money
 *                       (error; the value reads as 0)
 *   "quantity"          a quantity is not a valid decimal (error)
 *   "required"          a required element is missing (error)
 *   "outside-claim"     CAS/NM1/MIA/MOA/AMT/QTY/SVC/... with no CLP before
 *                       it in its transaction (error; ignored)
 *   "outside-service"   LQ with no SVC before it (error; ignored)
 *   "procedure"         SVC01 has no procedure code (error)
 *   "late-header"       header segment after the first LX/CLP (error; ignored)
 *   "outside-header"    TS3/TS2 not right after their LX (error; ignored)
 *   "claim-status"      CLP02 is not an 835 claim status code (warning)
 *   "not-835"           a transaction set that is not an 835 (warning; skipped)
 *   "balance-line"      SVC02 - sum of line CAS != SVC03 (warning)
 *   "balance-claim"     CLP03 - sum of claim and line CAS != CLP04 (warning)
 *   "balance-patient"   CLP05 != sum of PR adjustments (warning)
 *   "balance-payment"   BPR02 != sum of CLP04 - sum of PLB (warning)
 * Balancing problems are warnings: a file that does not balance still parses
 * fully.  Messages never quote names, ids or patient control numbers.
 * Reader and envelope diagnostics are passed through unchanged.
 */
#ifndef X12_REMIT835_H
#define X12_REMIT835_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/reader.h>
#include <x12/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_remit_stream x12_remit_stream;
typedef struct x12_remit_doc x12_remit_doc;
typedef struct x12_remit_payment x12_remit_payment;
typedef struct x12_remit_header x12_remit_header;   /* 2000: LX, TS3, TS2 */
typedef struct x12_remit_claim x12_remit_claim;     /* 2100 */
typedef struct x12_remit_service x12_remit_service; /* 2110 */
typedef struct x12_remit_adjustment x12_remit_adjustment; /* one CAS triplet */
typedef struct x12_remit_plb x12_remit_plb;         /* one PLB reason/amount pair */
typedef struct x12_remit_name x12_remit_name;       /* NM1 or N1 party */
typedef struct x12_remit_contact x12_remit_contact; /* PER */
typedef struct x12_remit_ref x12_remit_ref;         /* REF */
typedef struct x12_remit_date x12_remit_date;       /* DTM */
typedef struct x12_remit_amount x12_remit_amount;   /* AMT */
typedef struct x12_remit_quantity x12_remit_quantity; /* QTY */
typedef struct x12_remit_remark x12_remit_remark;   /* RARC from MIA, MOA, LQ */

/* ---- decimals ----------------------------------------------------------- */

/*
 * x12_cents_parse (include/x12/types.h), kept under this name for the ABI.
 * Parses X12 decimal text (type R) as money into *cents: an optional '-',
 * digits with an optional decimal point ("-12.5" -> -1250, "100" -> 10000,
 * ".5" -> 50).  Digits past the second decimal place must be zeros
 * ("1.500" is 150, "0.005" is refused).  A leading '+' is accepted.
 * X12_ESYNTAX for anything else (empty text included), X12_ERANGE when the
 * value does not fit in int64_t cents.  *cents is 0 on failure.
 */
X12_API x12_status x12_remit_parse_cents(const char *text, size_t len, int64_t *cents);

/*
 * Parses X12 decimal text as a quantity in thousandths ("1.5" -> 1500).
 * Digits past the third decimal place are dropped (truncated toward zero);
 * X12_OK is still returned.  X12_ESYNTAX / X12_ERANGE as above.
 */
X12_API x12_status x12_remit_parse_milli(const char *text, size_t len, int64_t *milli);

/* ---- streaming ---------------------------------------------------------- */

typedef enum x12_remit_event {
    /* A payment's header is complete (first LX, CLP, PLB or SE of an 835
     * transaction set): x12_remit_stream_payment() has BPR, TRN, payer and
     * payee.  Totals are not known yet. */
    X12_REMIT_EV_PAYMENT = 1,
    /* A claim is complete: x12_remit_stream_claim(). */
    X12_REMIT_EV_CLAIM = 2,
    /* The payment's SE (or the end of input) was reached:
     * x12_remit_stream_payment() now also has PLB, totals, the balance
     * check and reversal pairs. */
    X12_REMIT_EV_PAYMENT_END = 3
} x12_remit_event;

/*
 * Creates a stream over `reader`, which the caller opened (any input: path,
 * FILE*, fd, buffer or push) and frees after the stream.  With reader NULL
 * the stream creates its own (freed with the stream); open it through
 * x12_remit_stream_reader().  `alloc` may be NULL (malloc/free).  The
 * reader's options (strict mode, limits, envelope checks) apply.  On success
 * *out is freed with x12_remit_stream_free.  X12_ENOMEM, X12_EINVAL.
 */
X12_API x12_status x12_remit_stream_new(const x12_allocator *alloc, x12_reader *reader,
                                        x12_remit_stream **out);
/* Frees the stream, every claim and payment it handed out, and its own
 * reader if it made one.  NULL is allowed. */
X12_API void x12_remit_stream_free(x12_remit_stream *s);
/* The reader the stream reads from: open it, set options, or feed it
 * (push input).  Do not call x12_reader_next on it yourself. */
X12_API x12_reader *x12_remit_stream_reader(x12_remit_stream *s);

/*
 * Called for every diagnostic (reader, envelope and remittance) as it is
 * found.  The record lives only during the call.  NULL removes it.
 */
X12_API void x12_remit_stream_set_error_handler(x12_remit_stream *s, x12_error_fn fn,
                                                void *user);

/*
 * Reads on to the next event.
 *   X12_OK     *event says what is ready (see x12_remit_event).
 *   X12_END    the input is finished.
 *   X12_AGAIN  push input: feed the reader more bytes and call again.
 *   other      the reader cannot go on (fatal error, strict mode, I/O,
 *              X12_ENOMEM); x12_remit_stream_last_error() says why.  Every
 *              later call returns the same status.
 * Diagnostics that do not stop reading are listed by
 * x12_remit_stream_error_count/_error_at, and those inside a claim or
 * payment are also kept by it.
 */
X12_API x12_status x12_remit_stream_next(x12_remit_stream *s, x12_remit_event *event);

/* The claim of the last X12_REMIT_EV_CLAIM event, or NULL.  It, its lines and
 * every view from it stay valid until the next x12_remit_stream_next. */
X12_API const x12_remit_claim *x12_remit_stream_claim(const x12_remit_stream *s);
/* The current payment (header, and at X12_REMIT_EV_PAYMENT_END its trailer),
 * or NULL outside an 835.  Valid until the next x12_remit_stream_next. */
X12_API const x12_remit_payment *x12_remit_stream_payment(const x12_remit_stream *s);

/* Diagnostics found during the last x12_remit_stream_next call, in input
 * order.  Valid until the next call. */
X12_API size_t x12_remit_stream_error_count(const x12_remit_stream *s);
X12_API const x12_error *x12_remit_stream_error_at(const x12_remit_stream *s, size_t i);
/* The error that made the last call fail, or NULL. */
X12_API const x12_error *x12_remit_stream_last_error(const x12_remit_stream *s);

/*
 * How many diagnostics the stream keeps in memory in each list it fills:
 * those found between two events (the lists of the x12_remit_stream_next
 * calls that lead to one event: a call that ends in X12_AGAIN starts no
 * new count, so pushed input keeps exactly what a whole buffer keeps; for
 * trees, what the document's list gets between two events), the
 * diagnostics of one claim and those of one payment.  Past `max` a
 * diagnostic is counted, not kept (see the
 * _dropped calls below), so that junk in a file (a million stray segments
 * in a payment header) cannot make memory grow; the error handler still
 * sees every one.  The default is X12_REMIT_DEFAULT_MAX_ERRORS; 0 means no
 * limit.  May be called at any time; it applies to what is found next.
 * X12_EINVAL when s is NULL.
 */
#define X12_REMIT_DEFAULT_MAX_ERRORS 1000
X12_API x12_status x12_remit_stream_set_max_errors(x12_remit_stream *s, size_t max);
/* Diagnostics found during the last x12_remit_stream_next call and not
 * kept in its list (x12_remit_stream_error_count counts those kept). */
X12_API uint64_t x12_remit_stream_errors_dropped(const x12_remit_stream *s);

/* ---- whole file --------------------------------------------------------- */

/*
 * Reads the stream to its end and returns the tree in *out (the caller frees
 * it with x12_remit_doc_free).  Call it before any x12_remit_stream_next.
 * Push input: X12_AGAIN means feed more and call again (the partial tree is
 * kept inside the stream); *out is set only with X12_OK.  A fatal reader
 * error returns its status and no tree.
 */
X12_API x12_status x12_remit_stream_collect(x12_remit_stream *s, x12_remit_doc **out);

/* Whole-file shortcuts: read a path (gzip detected) or a buffer (not
 * copied; it must outlive the call only) into a tree.  X12_EIO when the
 * file cannot be opened (errno kept). */
X12_API x12_status x12_remit_parse_path(const x12_allocator *alloc, const char *path,
                                        x12_remit_doc **out);
X12_API x12_status x12_remit_parse_buffer(const x12_allocator *alloc, const void *data,
                                          size_t len, x12_remit_doc **out);

/* Frees the tree and everything handed out from it.  NULL is allowed. */
X12_API void x12_remit_doc_free(x12_remit_doc *doc);
X12_API size_t x12_remit_doc_payment_count(const x12_remit_doc *doc);
X12_API const x12_remit_payment *x12_remit_doc_payment_at(const x12_remit_doc *doc, size_t i);
/* Every diagnostic found while reading, in input order (up to the
 * stream's limit per event: see x12_remit_stream_set_max_errors), and how
 * many were counted but not kept. */
X12_API size_t x12_remit_doc_error_count(const x12_remit_doc *doc);
X12_API const x12_error *x12_remit_doc_error_at(const x12_remit_doc *doc, size_t i);
X12_API uint64_t x12_remit_doc_errors_dropped(const x12_remit_doc *doc);

/* ---- payments (one per 835 transaction set) ------------------------------ */

typedef enum x12_remit_payment_field {
    X12_RP_CONTROL_NUMBER = 1,         /* ST02 */
    X12_RP_HANDLING = 2,               /* BPR01: C, D, H, I, P, U, X */
    X12_RP_CREDIT_DEBIT = 3,           /* BPR03: C or D */
    X12_RP_METHOD = 4,                 /* BPR04: ACH, BOP, CHK, FWT, NON */
    X12_RP_FORMAT = 5,                 /* BPR05: CCP, CTX */
    X12_RP_SENDER_DFI_QUALIFIER = 6,   /* BPR06 */
    X12_RP_SENDER_DFI = 7,             /* BPR07 */
    X12_RP_SENDER_ACCOUNT_QUALIFIER = 8, /* BPR08 */
    X12_RP_SENDER_ACCOUNT = 9,         /* BPR09 */
    X12_RP_ORIGINATOR_ID = 10,         /* BPR10 */
    X12_RP_ORIGINATOR_SUPPLEMENT = 11, /* BPR11 */
    X12_RP_RECEIVER_DFI_QUALIFIER = 12, /* BPR12 */
    X12_RP_RECEIVER_DFI = 13,          /* BPR13 */
    X12_RP_RECEIVER_ACCOUNT_QUALIFIER = 14, /* BPR14 */
    X12_RP_RECEIVER_ACCOUNT = 15,      /* BPR15 */
    X12_RP_PAYMENT_DATE = 16,          /* BPR16 CCYYMMDD */
    X12_RP_TRACE_TYPE = 17,            /* TRN01 */
    X12_RP_TRACE_NUMBER = 18,          /* TRN02: check or EFT trace number */
    X12_RP_TRACE_ORIGINATOR = 19,      /* TRN03: payer's company id */
    X12_RP_TRACE_SUPPLEMENT = 20,      /* TRN04 */
    X12_RP_CURRENCY_ENTITY = 21,       /* CUR01 */
    X12_RP_CURRENCY = 22,              /* CUR02 */
    X12_RP_RECEIVER_ID = 23,           /* REF*EV */
    X12_RP_VERSION_ID = 24,            /* REF*F2 */
    X12_RP_PRODUCTION_DATE = 25,       /* DTM*405 */
    X12_RP_AMOUNT_TEXT = 26            /* BPR02 as written */
} x12_remit_payment_field;

/* A string field of the payment; empty when absent. */
X12_API x12_str x12_remit_payment_get(const x12_remit_payment *p,
                                              x12_remit_payment_field f);
/* BPR02, total actual provider payment. */
X12_API int64_t x12_remit_payment_amount_cents(const x12_remit_payment *p);
X12_API x12_str x12_remit_payment_method(const x12_remit_payment *p);
X12_API x12_str x12_remit_payment_trace_number(const x12_remit_payment *p);
X12_API x12_str x12_remit_payment_date(const x12_remit_payment *p);
/* 0-based position of the payment in the input (835 sets counted). */
X12_API size_t x12_remit_payment_index(const x12_remit_payment *p);
/* Segment number of the ST (ISA = 1) and its byte offset. */
X12_API uint64_t x12_remit_payment_segment_number(const x12_remit_payment *p);
X12_API uint64_t x12_remit_payment_offset(const x12_remit_payment *p);

/* The payer (1000A N1*PR) and payee (1000B N1*PE), or NULL when absent. */
X12_API const x12_remit_name *x12_remit_payment_payer(const x12_remit_payment *p);
X12_API const x12_remit_name *x12_remit_payment_payee(const x12_remit_payment *p);
/* Every N1 party in order (payer, payee, any other). */
X12_API size_t x12_remit_payment_party_count(const x12_remit_payment *p);
X12_API const x12_remit_name *x12_remit_payment_party_at(const x12_remit_payment *p, size_t i);
/* Header REF and DTM segments (before 1000A), in order. */
X12_API size_t x12_remit_payment_ref_count(const x12_remit_payment *p);
X12_API const x12_remit_ref *x12_remit_payment_ref_at(const x12_remit_payment *p, size_t i);
X12_API size_t x12_remit_payment_date_count(const x12_remit_payment *p);
X12_API const x12_remit_date *x12_remit_payment_date_at(const x12_remit_payment *p, size_t i);

/* LX header groups.  Whole-file trees keep all of them; a stream's payment
 * lists none (each claim points to its own: x12_remit_claim_header). */
X12_API size_t x12_remit_payment_header_count(const x12_remit_payment *p);
X12_API const x12_remit_header *x12_remit_payment_header_at(const x12_remit_payment *p,
                                                            size_t i);

/* Claims.  Trees keep them all; a stream's payment keeps none (count 0;
 * x12_remit_payment_claim_total gives the number read so far). */
X12_API size_t x12_remit_payment_claim_count(const x12_remit_payment *p);
X12_API const x12_remit_claim *x12_remit_payment_claim_at(const x12_remit_payment *p, size_t i);

/* Provider-level adjustments: one entry per PLB reason/amount pair, in
 * order.  Known at X12_REMIT_EV_PAYMENT_END. */
X12_API size_t x12_remit_payment_plb_count(const x12_remit_payment *p);
X12_API const x12_remit_plb *x12_remit_payment_plb_at(const x12_remit_payment *p, size_t i);

/* Totals, final at X12_REMIT_EV_PAYMENT_END (in both modes). */
X12_API uint64_t x12_remit_payment_claim_total(const x12_remit_payment *p);
X12_API uint64_t x12_remit_payment_line_total(const x12_remit_payment *p);
X12_API int64_t x12_remit_payment_charge_total_cents(const x12_remit_payment *p); /* sum CLP03 */
X12_API int64_t x12_remit_payment_paid_total_cents(const x12_remit_payment *p);   /* sum CLP04 */
X12_API int64_t x12_remit_payment_plb_total_cents(const x12_remit_payment *p);    /* sum PLB */
/* 1 when BPR02 = sum CLP04 - sum PLB (0 also when an amount was unreadable). */
X12_API int x12_remit_payment_balanced(const x12_remit_payment *p);

/* Reversal pairs: claim i (CLP02 22) was followed in this payment by claim
 * j for the same patient control number (0-based claim positions). */
X12_API size_t x12_remit_payment_pair_count(const x12_remit_payment *p);
X12_API int x12_remit_payment_pair_at(const x12_remit_payment *p, size_t i,
                                      size_t *reversal, size_t *correction);

/* Diagnostics located in the payment's header or trailer (balance-payment,
 * PLB amounts, late header segments), in order. */
X12_API size_t x12_remit_payment_error_count(const x12_remit_payment *p);
X12_API const x12_error *x12_remit_payment_error_at(const x12_remit_payment *p, size_t i);
/* Issues of the payment past the stream's limit: counted, not kept. */
X12_API uint64_t x12_remit_payment_errors_dropped(const x12_remit_payment *p);

/* ---- LX header groups --------------------------------------------------- */

/* LX01, the assigned number. */
X12_API x12_str x12_remit_header_number(const x12_remit_header *h);
/* TS3 element n (1..24) and TS2 element n (1..19) as written; empty when
 * absent.  TS301 provider id, TS302 facility code, TS303 fiscal period end,
 * TS304 claim count, TS305 total charge, ... (parse amounts with
 * x12_remit_parse_cents). */
X12_API x12_str x12_remit_header_ts3(const x12_remit_header *h, unsigned n);
X12_API x12_str x12_remit_header_ts2(const x12_remit_header *h, unsigned n);

/* ---- claims (2100) ------------------------------------------------------- */

typedef enum x12_remit_claim_field {
    X12_RC_PATIENT_CONTROL_NUMBER = 1, /* CLP01 */
    X12_RC_STATUS = 2,                 /* CLP02 */
    X12_RC_FILING_INDICATOR = 6,       /* CLP06 */
    X12_RC_PAYER_CLAIM_CONTROL_NUMBER = 7, /* CLP07 */
    X12_RC_FACILITY_CODE = 8,          /* CLP08: place of service or bill type digits 1-2 */
    X12_RC_FREQUENCY = 9,              /* CLP09 */
    X12_RC_PATIENT_STATUS = 10,        /* CLP10 */
    X12_RC_DRG = 11,                   /* CLP11 */
    X12_RC_DRG_WEIGHT = 12,            /* CLP12 */
    X12_RC_DISCHARGE_FRACTION = 13,    /* CLP13 */
    X12_RC_CHARGE_TEXT = 3,            /* CLP03 as written */
    X12_RC_PAID_TEXT = 4,              /* CLP04 as written */
    X12_RC_PATIENT_RESP_TEXT = 5       /* CLP05 as written */
} x12_remit_claim_field;

typedef enum x12_remit_outcome {
    X12_REMIT_PAID = 1,             /* paid; reductions are pricing or cost share */
    X12_REMIT_PARTIAL = 2,          /* paid, but a line or reason was denied */
    X12_REMIT_DENIED = 3,           /* CLP02 4, or nothing paid with CO/PI reasons */
    X12_REMIT_NO_PAYMENT = 4,       /* nothing paid, no CO/PI reason (patient share, other payer) */
    X12_REMIT_REVERSED = 5,         /* CLP02 22 */
    X12_REMIT_FORWARDED = 6,        /* CLP02 23, or 19-21 with nothing paid */
    X12_REMIT_PREDETERMINATION = 7  /* CLP02 25 */
} x12_remit_outcome;

/* "paid", "partially_paid", "denied", "no_payment", "reversed", "forwarded",
 * "predetermination"; "unknown" otherwise.  Static storage. */
X12_API const char *x12_remit_outcome_name(x12_remit_outcome o);

typedef enum x12_remit_share {
    X12_REMIT_SHARE_DEDUCTIBLE = 1,  /* PR 1 */
    X12_REMIT_SHARE_COINSURANCE = 2, /* PR 2 */
    X12_REMIT_SHARE_COPAY = 3,       /* PR 3 */
    X12_REMIT_SHARE_OTHER = 4,       /* any other PR reason */
    X12_REMIT_SHARE_TOTAL = 5        /* all PR adjustments */
} x12_remit_share;

X12_API x12_str x12_remit_claim_get(const x12_remit_claim *c, x12_remit_claim_field f);
X12_API x12_str x12_remit_claim_patient_control_number(const x12_remit_claim *c);
X12_API x12_str x12_remit_claim_status(const x12_remit_claim *c);
/* Description of CLP02 ("processed as primary", ...), or "" when unknown.
 * Static storage, NUL-terminated. */
X12_API const char *x12_remit_claim_status_text(const x12_remit_claim *c);
X12_API x12_str x12_remit_claim_payer_claim_control_number(const x12_remit_claim *c);
X12_API int64_t x12_remit_claim_charge_cents(const x12_remit_claim *c);    /* CLP03 */
X12_API int64_t x12_remit_claim_paid_cents(const x12_remit_claim *c);      /* CLP04 */
X12_API int64_t x12_remit_claim_patient_resp_cents(const x12_remit_claim *c); /* CLP05, 0 if absent */

/* Position: 0-based index of the claim in its payment, the CLP's segment
 * number and byte offset. */
X12_API size_t x12_remit_claim_index(const x12_remit_claim *c);
X12_API uint64_t x12_remit_claim_segment_number(const x12_remit_claim *c);
X12_API uint64_t x12_remit_claim_offset(const x12_remit_claim *c);
/* The enclosing payment and LX header group (NULL when the claim had no
 * LX).  Same lifetime as the claim. */
X12_API const x12_remit_payment *x12_remit_claim_payment(const x12_remit_claim *c);
X12_API const x12_remit_header *x12_remit_claim_header(const x12_remit_claim *c);

/* Names: NM1 QC patient, IL insured, 74 corrected patient/insured, 82
 * rendering provider, TT crossover carrier, PR corrected priority payer, GB
 * other subscriber; in input order.  find returns the first with the
 * entity code (NUL-terminated, e.g. "QC"), or NULL. */
X12_API size_t x12_remit_claim_name_count(const x12_remit_claim *c);
X12_API const x12_remit_name *x12_remit_claim_name_at(const x12_remit_claim *c, size_t i);
X12_API const x12_remit_name *x12_remit_claim_find_name(const x12_remit_claim *c,
                                                        const char *entity);

/* Claim-level CAS adjustments, one per triplet, in order. */
X12_API size_t x12_remit_claim_adjustment_count(const x12_remit_claim *c);
X12_API const x12_remit_adjustment *x12_remit_claim_adjustment_at(const x12_remit_claim *c,
                                                                  size_t i);
/* Claim-level remarks (MIA and MOA remark codes). */
X12_API size_t x12_remit_claim_remark_count(const x12_remit_claim *c);
X12_API const x12_remit_remark *x12_remit_claim_remark_at(const x12_remit_claim *c, size_t i);
/* MIA element n (1..24) and MOA element n (1..9) as written; empty when the
 * segment or element is absent. */
X12_API x12_str x12_remit_claim_mia(const x12_remit_claim *c, unsigned n);
X12_API x12_str x12_remit_claim_moa(const x12_remit_claim *c, unsigned n);
/* DTM (232 statement from, 233 statement to, 050 received, 036 coverage
 * expiration), REF, AMT, QTY and PER*CX of the claim, in order. */
X12_API size_t x12_remit_claim_date_count(const x12_remit_claim *c);
X12_API const x12_remit_date *x12_remit_claim_date_at(const x12_remit_claim *c, size_t i);
/* DTM02 of the first DTM with this qualifier (e.g. "232"), or empty. */
X12_API x12_str x12_remit_claim_find_date(const x12_remit_claim *c, const char *qualifier);
X12_API size_t x12_remit_claim_ref_count(const x12_remit_claim *c);
X12_API const x12_remit_ref *x12_remit_claim_ref_at(const x12_remit_claim *c, size_t i);
X12_API size_t x12_remit_claim_amount_count(const x12_remit_claim *c);
X12_API const x12_remit_amount *x12_remit_claim_amount_at(const x12_remit_claim *c, size_t i);
X12_API size_t x12_remit_claim_quantity_count(const x12_remit_claim *c);
X12_API const x12_remit_quantity *x12_remit_claim_quantity_at(const x12_remit_claim *c,
                                                              size_t i);
X12_API size_t x12_remit_claim_contact_count(const x12_remit_claim *c);
X12_API const x12_remit_contact *x12_remit_claim_contact_at(const x12_remit_claim *c, size_t i);

/* Service lines (2110) in order. */
X12_API size_t x12_remit_claim_service_count(const x12_remit_claim *c);
X12_API const x12_remit_service *x12_remit_claim_service_at(const x12_remit_claim *c, size_t i);

/* Computed: outcome, the adjustments that explain a denial or partial
 * payment (claim and line level; empty for paid claims), patient
 * responsibility from PR adjustments (claim and line level). */
X12_API x12_remit_outcome x12_remit_claim_outcome(const x12_remit_claim *c);
X12_API size_t x12_remit_claim_denial_reason_count(const x12_remit_claim *c);
X12_API const x12_remit_adjustment *x12_remit_claim_denial_reason_at(const x12_remit_claim *c,
                                                                     size_t i);
X12_API int64_t x12_remit_claim_patient_share_cents(const x12_remit_claim *c,
                                                    x12_remit_share which);
/* 1 when CLP02 is 19, 20, 21 or 23 (sent on to another payer). */
X12_API int x12_remit_claim_forwarded(const x12_remit_claim *c);
/* 1 when CLP03 - claim and line CAS = CLP04 and every line balances. */
X12_API int x12_remit_claim_balanced(const x12_remit_claim *c);

/* Reversal pairing within a payment.  reversal_of: for a claim that follows
 * a reversal (CLP02 22) of the same patient control number, 1 + the
 * reversal's index; 0 otherwise.  corrected_by: for a reversal, 1 + the
 * index of the claim that corrects it; whole-file trees only (a stream
 * cannot know yet: 0, see x12_remit_payment_pair_at). */
X12_API size_t x12_remit_claim_reversal_of(const x12_remit_claim *c);
X12_API size_t x12_remit_claim_corrected_by(const x12_remit_claim *c);

/* Diagnostics located inside the claim (amounts, required elements,
 * balance-line/claim/patient warnings), in order; and how many of them,
 * kept or dropped, have severity error (warnings not counted).  A claim
 * with errors has amounts read as 0. */
X12_API size_t x12_remit_claim_error_count(const x12_remit_claim *c);
X12_API const x12_error *x12_remit_claim_error_at(const x12_remit_claim *c, size_t i);
X12_API size_t x12_remit_claim_total_errors(const x12_remit_claim *c);
/* Diagnostics of the claim past the stream's limit: counted, not kept (the
 * x12_remit_claim_total_errors counts them too). */
X12_API uint64_t x12_remit_claim_errors_dropped(const x12_remit_claim *c);

/* ---- service lines (2110) ------------------------------------------------ */

typedef enum x12_remit_service_field {
    X12_RS_QUALIFIER = 1,       /* SVC01-1: HC, AD, ER, HP, IV, N4, NU, WK */
    X12_RS_PROCEDURE = 2,       /* SVC01-2 */
    X12_RS_MODIFIER1 = 3,       /* SVC01-3 .. SVC01-6 */
    X12_RS_MODIFIER2 = 4,
    X12_RS_MODIFIER3 = 5,
    X12_RS_MODIFIER4 = 6,
    X12_RS_DESCRIPTION = 7,     /* SVC01-7 */
    X12_RS_REVENUE_CODE = 8,    /* SVC04 */
    X12_RS_UNITS = 9,           /* SVC05 as written (absent means 1) */
    X12_RS_ORIG_QUALIFIER = 10, /* SVC06-1: the procedure as billed, when changed */
    X12_RS_ORIG_PROCEDURE = 11, /* SVC06-2 */
    X12_RS_ORIG_MODIFIER1 = 12, /* SVC06-3 .. SVC06-6 */
    X12_RS_ORIG_MODIFIER2 = 13,
    X12_RS_ORIG_MODIFIER3 = 14,
    X12_RS_ORIG_MODIFIER4 = 15,
    X12_RS_ORIG_DESCRIPTION = 16, /* SVC06-7 */
    X12_RS_ORIG_UNITS = 17,     /* SVC07 */
    X12_RS_LINE_ITEM_CONTROL_NUMBER = 18, /* REF*6R: the 837 line's REF*6R */
    X12_RS_CHARGE_TEXT = 19,    /* SVC02 as written */
    X12_RS_PAID_TEXT = 20       /* SVC03 as written */
} x12_remit_service_field;

X12_API x12_str x12_remit_service_get(const x12_remit_service *s,
                                              x12_remit_service_field f);
X12_API x12_str x12_remit_service_procedure(const x12_remit_service *s);
X12_API int64_t x12_remit_service_charge_cents(const x12_remit_service *s); /* SVC02 */
X12_API int64_t x12_remit_service_paid_cents(const x12_remit_service *s);   /* SVC03 */
/* SVC05 in thousandths; 1000 when absent. */
X12_API int64_t x12_remit_service_units_milli(const x12_remit_service *s);
/* AMT*B6 allowed amount; 0 when absent (see _has_allowed). */
X12_API int64_t x12_remit_service_allowed_cents(const x12_remit_service *s);
X12_API int x12_remit_service_has_allowed(const x12_remit_service *s);
/* 0-based line index in its claim; SVC segment number and offset. */
X12_API size_t x12_remit_service_index(const x12_remit_service *s);
X12_API uint64_t x12_remit_service_segment_number(const x12_remit_service *s);
X12_API uint64_t x12_remit_service_offset(const x12_remit_service *s);

X12_API size_t x12_remit_service_adjustment_count(const x12_remit_service *s);
X12_API const x12_remit_adjustment *x12_remit_service_adjustment_at(const x12_remit_service *s,
                                                                    size_t i);
/* LQ remark codes. */
X12_API size_t x12_remit_service_remark_count(const x12_remit_service *s);
X12_API const x12_remit_remark *x12_remit_service_remark_at(const x12_remit_service *s,
                                                            size_t i);
/* DTM 472 service date, 150 period start, 151 period end. */
X12_API size_t x12_remit_service_date_count(const x12_remit_service *s);
X12_API const x12_remit_date *x12_remit_service_date_at(const x12_remit_service *s, size_t i);
X12_API x12_str x12_remit_service_find_date(const x12_remit_service *s, const char *qualifier);
X12_API size_t x12_remit_service_ref_count(const x12_remit_service *s);
X12_API const x12_remit_ref *x12_remit_service_ref_at(const x12_remit_service *s, size_t i);
X12_API size_t x12_remit_service_amount_count(const x12_remit_service *s);
X12_API const x12_remit_amount *x12_remit_service_amount_at(const x12_remit_service *s,
                                                            size_t i);
X12_API size_t x12_remit_service_quantity_count(const x12_remit_service *s);
X12_API const x12_remit_quantity *x12_remit_service_quantity_at(const x12_remit_service *s,
                                                                size_t i);
X12_API x12_remit_outcome x12_remit_service_outcome(const x12_remit_service *s);
X12_API int64_t x12_remit_service_patient_share_cents(const x12_remit_service *s,
                                                      x12_remit_share which);
/* 1 when SVC02 - line CAS = SVC03. */
X12_API int x12_remit_service_balanced(const x12_remit_service *s);

/* ---- adjustments, PLB, remarks and small records ------------------------ */

X12_API x12_str x12_remit_adjustment_group(const x12_remit_adjustment *a);  /* CO CR OA PI PR */
X12_API x12_str x12_remit_adjustment_reason(const x12_remit_adjustment *a); /* CARC */
X12_API int64_t x12_remit_adjustment_amount_cents(const x12_remit_adjustment *a);
X12_API x12_str x12_remit_adjustment_quantity(const x12_remit_adjustment *a); /* as written */
X12_API int64_t x12_remit_adjustment_quantity_milli(const x12_remit_adjustment *a);
/* 0 for a claim-level adjustment, else 1 + the service line's index. */
X12_API size_t x12_remit_adjustment_line(const x12_remit_adjustment *a);

X12_API x12_str x12_remit_plb_provider(const x12_remit_plb *b);   /* PLB01 */
X12_API x12_str x12_remit_plb_date(const x12_remit_plb *b);       /* PLB02 */
X12_API x12_str x12_remit_plb_reason(const x12_remit_plb *b);     /* PLB03-1 ... */
X12_API x12_str x12_remit_plb_reference(const x12_remit_plb *b);  /* PLB03-2 ... */
/* Sign as in X12: positive reduces the payment, negative adds to it. */
X12_API int64_t x12_remit_plb_amount_cents(const x12_remit_plb *b);

/* Segment the remark came from: "MIA", "MOA" or "LQ" (NUL-terminated). */
X12_API const char *x12_remit_remark_source(const x12_remit_remark *r);
/* "HE" (RARC) or, for LQ, LQ01 as written (e.g. "RX" NCPDP reject code). */
X12_API x12_str x12_remit_remark_qualifier(const x12_remit_remark *r);
X12_API x12_str x12_remit_remark_code(const x12_remit_remark *r);

typedef enum x12_remit_name_field {
    X12_RN_ENTITY = 1,       /* NM101 / N101: QC, IL, 74, 82, TT, PR, GB, PE */
    X12_RN_TYPE = 2,         /* NM102: 1 person, 2 organisation */
    X12_RN_NAME = 3,         /* NM103 / N102: last or organisation name */
    X12_RN_FIRST = 4,        /* NM104 */
    X12_RN_MIDDLE = 5,       /* NM105 */
    X12_RN_SUFFIX = 6,       /* NM107 */
    X12_RN_ID_QUALIFIER = 7, /* NM108 / N103 */
    X12_RN_ID = 8,           /* NM109 / N104 */
    X12_RN_ADDRESS1 = 9,     /* N301 */
    X12_RN_ADDRESS2 = 10,    /* N302 */
    X12_RN_CITY = 11,        /* N401 */
    X12_RN_STATE = 12,       /* N402 */
    X12_RN_POSTAL_CODE = 13, /* N403 */
    X12_RN_COUNTRY = 14,     /* N404 */
    X12_RN_SUBDIVISION = 15  /* N407 */
} x12_remit_name_field;

X12_API x12_str x12_remit_name_get(const x12_remit_name *n, x12_remit_name_field f);
/* REF and PER segments of a 1000A/1000B party (none for NM1 names). */
X12_API size_t x12_remit_name_ref_count(const x12_remit_name *n);
X12_API const x12_remit_ref *x12_remit_name_ref_at(const x12_remit_name *n, size_t i);
X12_API size_t x12_remit_name_contact_count(const x12_remit_name *n);
X12_API const x12_remit_contact *x12_remit_name_contact_at(const x12_remit_name *n, size_t i);

/* PER element n (1..8): 01 function (CX, BL, IC), 02 name, then three
 * pairs of communication qualifier (TE, EM, FX, UR, EX) and number. */
X12_API x12_str x12_remit_contact_element(const x12_remit_contact *ct, unsigned n);

X12_API x12_str x12_remit_ref_qualifier(const x12_remit_ref *r);
X12_API x12_str x12_remit_ref_value(const x12_remit_ref *r);
X12_API x12_str x12_remit_ref_description(const x12_remit_ref *r); /* REF03 */
X12_API x12_str x12_remit_date_qualifier(const x12_remit_date *d);
X12_API x12_str x12_remit_date_value(const x12_remit_date *d);      /* DTM02 CCYYMMDD */
X12_API x12_str x12_remit_amount_qualifier(const x12_remit_amount *a);
X12_API int64_t x12_remit_amount_cents(const x12_remit_amount *a);
X12_API x12_str x12_remit_quantity_qualifier(const x12_remit_quantity *q);
X12_API x12_str x12_remit_quantity_text(const x12_remit_quantity *q);
X12_API int64_t x12_remit_quantity_milli(const x12_remit_quantity *q);

/* ---- code descriptions -------------------------------------------------- */

typedef enum x12_remit_codeset {
    X12_CODESET_CARC = 1,         /* claim adjustment reason codes (CAS02 ...) */
    X12_CODESET_RARC = 2,         /* remittance advice remark codes (MIA, MOA, LQ) */
    X12_CODESET_CLAIM_STATUS = 3, /* CLP02 */
    X12_CODESET_GROUP = 4,        /* CAS01 group codes */
    X12_CODESET_PLB_REASON = 5    /* PLB03-1 provider adjustment reasons */
} x12_remit_codeset;

/*
 * A short plain-English description of a code (our own wording, compiled in
 * from the lists in specs/codes), or NULL when the code is not in the list.
 * The CARC and RARC lists are a selection of the codes an 835 commonly
 * carries: a valid but rarer code gives NULL.
 * Static storage.  `len` is the code's length (the code need not be
 * NUL-terminated).
 */
X12_API const char *x12_remit_code_text(x12_remit_codeset set, const char *code, size_t len);
/* The date of the published list the descriptions follow, e.g.
 * "2024-07-01", or NULL for an unknown set.  Static storage. */
X12_API const char *x12_remit_code_list_version(x12_remit_codeset set);
/* Number of codes in a list (0 for an unknown set). */
X12_API size_t x12_remit_code_count(x12_remit_codeset set);

/* ---- JSON out ------------------------------------------------------------- */

/*
 * Payments and claims as JSON, the shape `x12 remit --json` and `--jsonl`
 * write (x12(1) lists every key; specs/remit-json.schema.json is the JSON
 * Schema).  Compact: keys whose value is empty (an absent element, an empty
 * list or object) are left out, booleans are written only when true, every
 * money key (*_cents) is an integer of cents and always there (except
 * allowed_cents, absent when the line has no AMT*B6), each value is written
 * once (a claim's patient is not repeated in its names, a line's REF*6R is
 * not repeated in its refs, ...), and code descriptions (status_text,
 * reason_text, a remark's text) only with X12_REMIT_JSON_DESCRIBE.  Text is
 * written as UTF-8: well-formed UTF-8 in the data is kept, any other byte
 * >= 0x80 is read as Latin-1; control characters are escaped.
 *
 * A writer follows the stream's events: call x12_remit_json_payment at
 * X12_REMIT_EV_PAYMENT, _claim at X12_REMIT_EV_CLAIM, _payment_end at
 * X12_REMIT_EV_PAYMENT_END (or x12_remit_json_event for any of them), then
 * x12_remit_json_finish.  The bytes pile up in the writer's buffer:
 * x12_remit_json_data gives them, x12_remit_json_clear empties it (do both
 * after any call to keep memory flat; a buffer of one claim is the least).
 *
 * Document mode (flags 0): {"payments":[{payment, "claims":[{claim}, ...],
 * payment end}, ...]} with a line break before each payment and claim.
 * A payment whose end never came (the input stopped) is closed with
 * "incomplete":true by x12_remit_json_finish.
 * X12_REMIT_JSON_LINES: JSON Lines, one object per line and per event:
 * {"type":"payment", ...header}, {"type":"claim", "payment_index",
 * "trace_number", ...claim}, {"type":"payment_end", "payment_index",
 * "trace_number", ...end}; x12_remit_json_finish writes a payment_end line
 * with "incomplete":true for a payment left open.  Memory stays that of one
 * claim, whatever the input.
 */
typedef struct x12_remit_json x12_remit_json;

enum {
    X12_REMIT_JSON_LINES = 1,   /* JSON Lines instead of one document */
    X12_REMIT_JSON_DESCRIBE = 2 /* add code descriptions */
};

/* Creates a writer (flags: X12_REMIT_JSON_*); free it with
 * x12_remit_json_free.  X12_EINVAL for unknown flags, X12_ENOMEM. */
X12_API x12_status x12_remit_json_new(const x12_allocator *alloc, unsigned flags,
                                      x12_remit_json **out);
/* Frees the writer and its buffer.  NULL is allowed. */
X12_API void x12_remit_json_free(x12_remit_json *j);
/* A "file" key (the name is copied) in each payment and, for JSON Lines, in
 * every line, from the next call on; NULL or "" for none. */
X12_API x12_status x12_remit_json_set_file(x12_remit_json *j, const char *name);
/* Append one event's JSON.  X12_ESTATE out of order (a claim or payment end
 * with no payment open in document mode, anything after _finish);
 * X12_ENOMEM leaves the writer unusable. */
X12_API x12_status x12_remit_json_payment(x12_remit_json *j, const x12_remit_payment *p);
X12_API x12_status x12_remit_json_claim(x12_remit_json *j, const x12_remit_claim *c);
X12_API x12_status x12_remit_json_payment_end(x12_remit_json *j, const x12_remit_payment *p);
/* The event x12_remit_stream_next just returned, from the stream. */
X12_API x12_status x12_remit_json_event(x12_remit_json *j, const x12_remit_stream *s,
                                        x12_remit_event ev);
/* Every payment of a tree, with its claims (claims of a tree also carry
 * "corrected_by"). */
X12_API x12_status x12_remit_json_doc(x12_remit_json *j, const x12_remit_doc *doc);
/* Ends the output (document mode: closes it; an empty input gives
 * {"payments":[]}). */
X12_API x12_status x12_remit_json_finish(x12_remit_json *j);
/* The bytes written and not cleared yet; *len gets their number.  Owned by
 * the writer, valid until its next call.  Never NUL-terminated. */
X12_API const char *x12_remit_json_data(const x12_remit_json *j, size_t *len);
/* Forgets the bytes given by x12_remit_json_data (the state is kept). */
X12_API void x12_remit_json_clear(x12_remit_json *j);

/* ---- CSV out -------------------------------------------------------------- */

/*
 * 835 data as CSV, the CSV of `x12 remit --csv` (x12(1) and
 * libx12-remit835(3) list the columns), in one of three grains:
 *
 *   X12_REMIT_CSV_LINES        one row per service line (a claim without
 *                              lines gets one row with its own amounts),
 *                              for payment posting
 *   X12_REMIT_CSV_CLAIMS       one row per claim
 *   X12_REMIT_CSV_ADJUSTMENTS  one row per CAS adjustment (claim level:
 *                              line 0; else the line number)
 *
 * RFC 4180: the header row comes first, a field holding a comma, a double
 * quote, CR or LF is quoted (quotes doubled), rows end with LF.  Text is
 * UTF-8 as in the JSON writer; money is dollars with two decimals
 * ("-12.50").  The rows of a grain join on file, payment_index,
 * claim_index and line.
 *
 * Feed it the stream's events (x12_remit_csv_payment / _claim, or
 * x12_remit_csv_event for any event) or a tree (x12_remit_csv_doc); the
 * bytes pile up in its buffer: x12_remit_csv_data gives them,
 * x12_remit_csv_clear empties it.
 */
typedef struct x12_remit_csv x12_remit_csv;

typedef enum x12_remit_csv_grain {
    X12_REMIT_CSV_LINES = 1,
    X12_REMIT_CSV_CLAIMS = 2,
    X12_REMIT_CSV_ADJUSTMENTS = 3
} x12_remit_csv_grain;

/* Creates a writer whose buffer already holds the header row; free it
 * with x12_remit_csv_free.  X12_EINVAL for an unknown grain, X12_ENOMEM. */
X12_API x12_status x12_remit_csv_new(const x12_allocator *alloc, x12_remit_csv_grain grain,
                                     x12_remit_csv **out);
/* Frees the writer and its buffer.  NULL is allowed. */
X12_API void x12_remit_csv_free(x12_remit_csv *w);
/* The "file" column of the rows from the next payment on (copied); NULL
 * or "" for empty. */
X12_API x12_status x12_remit_csv_set_file(x12_remit_csv *w, const char *name);
/* The payment's columns for the rows of its claims (nothing is written). */
X12_API x12_status x12_remit_csv_payment(x12_remit_csv *w, const x12_remit_payment *p);
/* The rows of one claim. */
X12_API x12_status x12_remit_csv_claim(x12_remit_csv *w, const x12_remit_claim *c);
/* The event x12_remit_stream_next just returned (a payment's end writes
 * nothing). */
X12_API x12_status x12_remit_csv_event(x12_remit_csv *w, const x12_remit_stream *s,
                                       x12_remit_event ev);
/* The rows of every claim of a tree. */
X12_API x12_status x12_remit_csv_doc(x12_remit_csv *w, const x12_remit_doc *doc);
/* The bytes written and not cleared yet; *len gets their number.  Owned by
 * the writer, valid until its next call.  Never NUL-terminated. */
X12_API const char *x12_remit_csv_data(const x12_remit_csv *w, size_t *len);
/* Forgets the bytes given by x12_remit_csv_data. */
X12_API void x12_remit_csv_clear(x12_remit_csv *w);

#ifdef __cplusplus
}
#endif

#endif /* X12_REMIT835_H */
