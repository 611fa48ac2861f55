/*
 * libx12 - 837P (005010X222A1) and 837I (005010X223A2) claims built from
 * coded encounters.
 *
 * A batch holds everything one interchange carries: envelope data, the
 * submitter (1000A) and receiver (1000B), then billing providers (2000A),
 * each with subscribers (2000B), each with claims for the subscriber or for
 * patients who are not the subscriber (2000C), each claim with service
 * lines.  Every object is an opaque handle owned by the batch; handles are
 * valid until x12_batch_free and are never freed one by one.
 *
 *     x12_batch *b;
 *     x12_billing_provider *bp;
 *     x12_subscriber *s;
 *     x12_claim *c;
 *     x12_service_line *l;
 *
 *     x12_batch_new(NULL, X12_CLAIM_837P, &b);
 *     x12_batch_set(b, X12_BATCH_SENDER_ID, "SUBMITTER01", X12_NTS);  ...
 *     x12_batch_add_provider(b, &bp);
 *     x12_party_set(x12_billing_provider_party(bp), X12_PARTY_ID, "1234567893", X12_NTS);
 *     x12_billing_provider_add_subscriber(bp, &s);
 *     x12_subscriber_add_claim(s, &c);
 *     x12_claim_set(c, X12_CLAIM_PCN, "PCN1", X12_NTS);
 *     x12_claim_set_amount(c, X12_CLAIMAMT_TOTAL_CHARGE, 12500);
 *     x12_claim_add_diagnosis(c, X12_DX_PRINCIPAL, "J06.9", X12_NTS, 0);
 *     x12_claim_add_line(c, &l);  ...
 *     if (x12_batch_check(b) != X12_OK)        every failed edit, in one pass
 *         for (i = 0; i < x12_batch_edit_count(b); i++) ...
 *     x12_batch_write(b, writer);              ISA..IEA through an x12_writer
 *     x12_batch_free(b);
 *
 * Strings: every `len` may be X12_NTS for a NUL-terminated string.  Values
 * are copied.  Setting a field again replaces it; setting it to "" clears
 * it.  Money is int64_t cents.  Dates are CCYYMMDD text, times HHMM.
 * ICD-10 codes may be given with a dot ("J03.00"); it is removed.
 *
 * Setters return X12_EINVAL only for a NULL handle, an unknown field or a
 * length that cannot be right; they never judge the value.  Business rules
 * (NPI check digit, code shapes, dates, totals, required fields, character
 * set, ...) are the edits of x12_batch_check, which reports every failure
 * at once, each an x12_error with a rule name and a field path such as
 * "claim[3].line[2].procedure".
 *
 * Memory: all strings and handles live in an arena of the batch, allocated
 * through the batch's allocator; a replaced value's bytes are reclaimed only
 * by x12_batch_free.  libxml2 (used by x12_batch_load_xml_*) allocates with
 * its own allocator.
 */
#ifndef X12_CLAIM837_H
#define X12_CLAIM837_H

#include <x12/common.h>
#include <x12/error.h>
#include <x12/types.h>
#include <x12/writer.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_batch x12_batch;
typedef struct x12_billing_provider x12_billing_provider;
typedef struct x12_subscriber x12_subscriber;
typedef struct x12_patient x12_patient;
typedef struct x12_claim x12_claim;
typedef struct x12_service_line x12_service_line;
typedef struct x12_other_payer x12_other_payer;
typedef struct x12_line_adjudication x12_line_adjudication;
/* A name, identifier and address: the billing provider, a subscriber, a
 * payer, a patient, a claim's rendering provider, ... */
typedef struct x12_party x12_party;

/* Values are part of the ABI: new ones are only appended. */
typedef enum x12_claim_kind {
    X12_CLAIM_837P = 1, /* professional, 005010X222A1 */
    X12_CLAIM_837I = 2  /* institutional, 005010X223A2 */
} x12_claim_kind;

/* ---- the batch ------------------------------------------------------------ */

/* Creates an empty batch for claims of one kind.  `alloc` may be NULL.  The
 * caller frees *out with x12_batch_free.  X12_EINVAL, X12_ENOMEM. */
X12_API x12_status x12_batch_new(const x12_allocator *alloc, x12_claim_kind kind,
                                 x12_batch **out);
/* Frees the batch and every handle, string and error record it owns.  NULL
 * is allowed. */
X12_API void x12_batch_free(x12_batch *b);
X12_API x12_claim_kind x12_batch_kind(const x12_batch *b);
/* Changes the kind (before writing; the XML reader uses it). */
X12_API x12_status x12_batch_set_kind(x12_batch *b, x12_claim_kind kind);

typedef enum x12_batch_field {
    X12_BATCH_SENDER_QUALIFIER = 1,   /* ISA05, default "ZZ" */
    X12_BATCH_SENDER_ID = 2,          /* ISA06 (required) */
    X12_BATCH_RECEIVER_QUALIFIER = 3, /* ISA07, default "ZZ" */
    X12_BATCH_RECEIVER_ID = 4,        /* ISA08 (required) */
    X12_BATCH_GS_SENDER = 5,          /* GS02, default the ISA06 value */
    X12_BATCH_GS_RECEIVER = 6,        /* GS03, default the ISA08 value */
    X12_BATCH_DATE = 7,               /* CCYYMMDD for ISA09, GS04, BHT04 (required) */
    X12_BATCH_TIME = 8,               /* HHMM for ISA10, GS05, BHT05 (required) */
    X12_BATCH_REFERENCE = 9,          /* BHT03 originator's batch reference (required) */
    X12_BATCH_PURPOSE = 10,           /* BHT02: "00" original (default) or "18" reissue */
    X12_BATCH_TRANSACTION_TYPE = 11   /* BHT06: "CH" claims (default), "RP" encounters,
                                         "31" subrogation demand */
} x12_batch_field;
X12_API x12_status x12_batch_set(x12_batch *b, x12_batch_field f, const char *v, size_t len);
/* The value, or an empty view when unset.  Valid until the field is set
 * again or the batch is freed. */
X12_API x12_str x12_batch_get(const x12_batch *b, x12_batch_field f);

typedef enum x12_batch_option {
    X12_BATCHOPT_ISA13 = 1,        /* interchange control number, default 1 */
    X12_BATCHOPT_GS06 = 2,         /* group control number, default 1 */
    X12_BATCHOPT_ST02 = 3,         /* first transaction set control number, default 1 */
    X12_BATCHOPT_PRODUCTION = 4,   /* ISA15: 1 "P" production, 0 "T" test (default) */
    X12_BATCHOPT_ACK_REQUESTED = 5, /* ISA14: 0 (default) or 1 */
    /* Most claims in one transaction set; more start another ST..SE in
     * the same group, the HL tree starting again at 1.  Default 5000, the
     * guides' recommended limit; 0 for no limit. */
    X12_BATCHOPT_MAX_CLAIMS_PER_SET = 6,
    /* 1: edit paths name claims by patient control number,
     * "claim[PCN123]", which is identifying; 0 (default): by position in the
     * file, "claim[3]". */
    X12_BATCHOPT_PATH_WITH_PCN = 7,
    /* Streaming input (x12_batch_build_xml/_jsonl and XML loads): the most
     * memory one claim may take in the model while it is read, in bytes
     * (default 16 MiB, 0 for no limit).  A claim past it is refused with
     * X12_ELIMIT, rule "max-claim", at its line: it bounds what a hostile
     * claim (millions of diagnoses or lines) can make the builder hold. */
    X12_BATCHOPT_MAX_CLAIM_BYTES = 8,
    /* JSON Lines input: the longest line, in bytes, its line break
     * included (default 8 MiB; 64 .. 2^31).  A longer line is refused with
     * X12_ELIMIT, rule "json-limit", and skipped. */
    X12_BATCHOPT_MAX_LINE_BYTES = 9,
    /* JSON Lines input: the deepest nesting of objects and arrays in a line
     * (default 64; 1 .. 65536).  Deeper is refused with X12_ELIMIT, rule
     * "json-limit".  A claim line of the format nests 8 deep. */
    X12_BATCHOPT_MAX_DEPTH = 10,
    /* 1 (default): the kind an input names (the XML root's kind attribute,
     * the JSONL header's "kind") sets the batch's kind.  0: the batch's
     * kind is fixed, and an input that names the other kind is refused
     * (X12_EINVAL, rule "kind", before anything is written). */
    X12_BATCHOPT_KIND_FROM_INPUT = 11
} x12_batch_option;
/* X12_EINVAL for an unknown option or a value out of range (control
 * numbers 1..999999999, flags 0/1, the limits above). */
X12_API x12_status x12_batch_set_option(x12_batch *b, x12_batch_option opt, uint64_t value);
X12_API uint64_t x12_batch_get_option(const x12_batch *b, x12_batch_option opt);
/* Delimiters written (default * : ^ ~).  x12_batch_write applies them to
 * the writer, and the edits refuse them inside data. */
X12_API x12_status x12_batch_set_delimiters(x12_batch *b, char element, char component,
                                            char repetition, char segment);

/* Submitter (1000A: name, X12_PARTY_ID = ETIN, contact, phone, email) and
 * receiver (1000B: name, X12_PARTY_ID).  Borrowed from the batch. */
X12_API x12_party *x12_batch_submitter(x12_batch *b);
X12_API x12_party *x12_batch_receiver(x12_batch *b);

/* ---- parties ---------------------------------------------------------------- */

typedef enum x12_entity {
    X12_ENTITY_PERSON = 1,      /* NM102 "1" */
    X12_ENTITY_ORGANIZATION = 2 /* NM102 "2" */
} x12_entity;

typedef enum x12_party_field {
    X12_PARTY_NAME = 1,       /* NM103: last name, or organization name */
    X12_PARTY_FIRST_NAME = 2, /* NM104 */
    X12_PARTY_MIDDLE_NAME = 3, /* NM105 */
    X12_PARTY_SUFFIX = 4,     /* NM107 */
    /* NM109: NPI for providers, member id for subscribers, payer id for
     * payers, ETIN for submitter and receiver. */
    X12_PARTY_ID = 5,
    X12_PARTY_ADDRESS1 = 6,   /* N301 */
    X12_PARTY_ADDRESS2 = 7,   /* N302 */
    X12_PARTY_CITY = 8,       /* N401 */
    X12_PARTY_STATE = 9,      /* N402 */
    X12_PARTY_ZIP = 10,       /* N403: 5 or 9 digits */
    X12_PARTY_TAXONOMY = 11,  /* PRV03 provider taxonomy code */
    X12_PARTY_EIN = 12,       /* REF*EI: 9 digits */
    X12_PARTY_SSN = 13,       /* REF*SY: 9 digits (837P billing provider, subscribers, patient) */
    X12_PARTY_BIRTH_DATE = 14, /* DMG02 CCYYMMDD */
    X12_PARTY_GENDER = 15,    /* DMG03 F, M or U */
    X12_PARTY_CONTACT = 16,   /* PER02 contact name */
    X12_PARTY_PHONE = 17,     /* PER TE number */
    X12_PARTY_EMAIL = 18,     /* PER EM address */
    /* Provider secondary identification (REF, after the NPI): written only
     * in the loops whose guide allows the qualifier (2010AA 0B 1G on the
     * 837P billing provider; 2310x and 2420x by role; on the subscriber's
     * payer, 2010BB G2 LU: the billing provider's number at that payer).
     * Set on a party whose loop does not allow it: an edit error. */
    X12_PARTY_STATE_LICENSE = 19,  /* REF*0B state license number */
    X12_PARTY_UPIN = 20,           /* REF*1G provider UPIN */
    X12_PARTY_COMMERCIAL_ID = 21,  /* REF*G2 provider commercial number (not REF04) */
    X12_PARTY_LOCATION_NUMBER = 22, /* REF*LU location number */
    /* A payer's secondary identification (with X12_PARTY_EIN, REF*EI): on
     * the subscriber's payer (2010BB, at most three of the four) and on an
     * other payer (2330B, at most two). */
    X12_PARTY_PAYER_NUMBER = 23,   /* REF*2U payer identification number */
    X12_PARTY_CLAIM_OFFICE = 24,   /* REF*FY claim office number */
    X12_PARTY_NAIC = 25,           /* REF*NF NAIC code */
    /* Property and casualty claims: the claim number on the subscriber
     * (2010BA) or the patient (2010CA) REF*Y4; the patient's identifier
     * (2010CA REF*1W; the SSN, X12_PARTY_SSN, is REF*SY there and on the
     * subscriber, 2010BA).  The subscriber's and patient's contact
     * (X12_PARTY_CONTACT, PHONE: PER*IC*name*TE, 837P only). */
    X12_PARTY_PC_CLAIM_NUMBER = 26, /* REF*Y4 */
    X12_PARTY_PC_MEMBER_ID = 27,    /* REF*1W */
    /* 837P PAT05-PAT09 of the patient (2000B when the subscriber is the
     * patient, 2000C otherwise): subscribers and patients only */
    X12_PARTY_DEATH_DATE = 28, /* PAT06 CCYYMMDD (PAT05 D8): the patient is deceased */
    X12_PARTY_WEIGHT = 29,    /* PAT08 pounds (PAT07 01), a positive decimal number */
    X12_PARTY_PREGNANT = 30,  /* PAT09 "Y": the patient is pregnant */
    /* 2000A CUR02 (CUR01 85): the ISO 4217 code of the currency of the
     * claims' amounts when not US dollars; billing providers only */
    X12_PARTY_CURRENCY = 31,
    /* PER of the parties that take a contact: the phone's extension (EX,
     * written right after TE: an extension without a phone is an edit
     * error) and the fax number (FX: 1000A, 2010AA, 837P 2420E; elsewhere
     * "not-used").  Order in PER: TE, EX, FX, EM; when phone, extension,
     * fax and email need four pairs, the email goes to a second PER where
     * the guide allows two (1000A, 2010AA), else an edit error. */
    X12_PARTY_PHONE_EXTENSION = 32, /* PER EX number */
    X12_PARTY_FAX = 33              /* PER FX number */
} x12_party_field;
X12_API x12_status x12_party_set(x12_party *p, x12_party_field f, const char *v, size_t len);
X12_API x12_str x12_party_get(const x12_party *p, x12_party_field f);
/* Person or organization; the default depends on the role (organization
 * for the billing provider, submitter, receiver, payers and facilities;
 * person for subscribers, patients and claim providers). */
X12_API x12_status x12_party_set_entity(x12_party *p, x12_entity e);
X12_API x12_entity x12_party_entity(const x12_party *p);

/* ---- billing providers (2000A / 2010AA / 2010AB) --------------------------- */

/* Appends a billing provider; *out is borrowed from the batch. */
X12_API x12_status x12_batch_add_provider(x12_batch *b, x12_billing_provider **out);
/* Name, NPI (X12_PARTY_ID), EIN or SSN, address (ZIP+4), taxonomy,
 * contact. */
X12_API x12_party *x12_billing_provider_party(x12_billing_provider *bp);
/* Pay-to address (2010AB), written when its address is set. */
X12_API x12_party *x12_billing_provider_pay_to(x12_billing_provider *bp);
/* Pay-to plan (2010AC): the health plan that pays, when it is not the
 * payer (subrogation, Medicaid): name, payer id (X12_PARTY_ID, NM1*PE
 * ...PI), address, EIN (REF*EI, required) and at most one of
 * X12_PARTY_PAYER_NUMBER, CLAIM_OFFICE, NAIC (REF*2U/FY/NF); an
 * organization.  Written when any of its fields is set.  Borrowed from the
 * batch; NULL for a NULL bp. */
X12_API x12_party *x12_billing_provider_pay_to_plan(x12_billing_provider *bp);

/* ---- subscribers (2000B / 2010BA / 2010BB) ----------------------------------- */

X12_API x12_status x12_billing_provider_add_subscriber(x12_billing_provider *bp,
                                                       x12_subscriber **out);
typedef enum x12_subscriber_field {
    X12_SUB_RESPONSIBILITY = 1,  /* SBR01: P, S, T, A-H, U (required) */
    X12_SUB_GROUP_NUMBER = 2,    /* SBR03 */
    X12_SUB_GROUP_NAME = 3,      /* SBR04 */
    X12_SUB_INSURANCE_TYPE = 4,  /* SBR05 (837P: Medicare secondary payer type) */
    X12_SUB_FILING_INDICATOR = 5 /* SBR09: CI, MB, MC, BL, HM, 16, ... (required) */
} x12_subscriber_field;
X12_API x12_status x12_subscriber_set(x12_subscriber *s, x12_subscriber_field f,
                                      const char *v, size_t len);
X12_API x12_str x12_subscriber_get(const x12_subscriber *s, x12_subscriber_field f);
/* The subscriber (NM1*IL: name, member id, address, birth date, gender). */
X12_API x12_party *x12_subscriber_party(x12_subscriber *s);
/* The payer (NM1*PR: name, payer id, address). */
X12_API x12_party *x12_subscriber_payer(x12_subscriber *s);

/* ---- patients who are not the subscriber (2000C / 2010CA) -------------------- */

X12_API x12_status x12_subscriber_add_patient(x12_subscriber *s, x12_patient **out);
/* PAT01 relationship to the subscriber: 01 spouse, 19 child, 20 employee,
 * 21 unknown, 39, 40, 53, G8 other (required). */
X12_API x12_status x12_patient_set_relationship(x12_patient *p, const char *v, size_t len);
X12_API x12_str x12_patient_relationship(const x12_patient *p);
/* Name, address, birth date, gender (all required). */
X12_API x12_party *x12_patient_party(x12_patient *p);

/* ---- claims (2300) --------------------------------------------------------- */

/* A claim for the subscriber as patient, or for a patient. */
X12_API x12_status x12_subscriber_add_claim(x12_subscriber *s, x12_claim **out);
X12_API x12_status x12_patient_add_claim(x12_patient *p, x12_claim **out);

typedef enum x12_claim_field {
    X12_CLAIM_PCN = 1,               /* CLM01 patient control number (required) */
    X12_CLAIM_PLACE_OF_SERVICE = 2,  /* 837P CLM05-1, 2 digits (required) */
    X12_CLAIM_FREQUENCY = 3,         /* 837P CLM05-3: 1 original (default), 7, 8 */
    X12_CLAIM_BILL_TYPE = 4,         /* 837I: 3 digits, e.g. "111" (or "0111"):
                                        CLM05-1 facility type, CLM05-3 frequency */
    X12_CLAIM_PROVIDER_SIGNATURE = 5, /* 837P CLM06 Y/N, default Y */
    X12_CLAIM_ASSIGNMENT = 6,        /* CLM07 A/B/C, default A */
    X12_CLAIM_BENEFITS_ASSIGNMENT = 7, /* CLM08 Y/N/W, default Y */
    X12_CLAIM_RELEASE = 8,           /* CLM09 I/Y, default Y */
    X12_CLAIM_DELAY_REASON = 9,      /* CLM20 */
    X12_CLAIM_ONSET_DATE = 10,       /* 837P DTP*431 */
    X12_CLAIM_ACCIDENT_DATE = 11,    /* 837P DTP*439 */
    X12_CLAIM_SERVICE_FROM = 12,     /* 837P: date of lines without one;
                                        837I: statement from (DTP*434, required) */
    X12_CLAIM_SERVICE_TO = 13,       /* end of that range (default: from) */
    X12_CLAIM_ADMISSION_DATE = 14,   /* DTP*435 (837I inpatient) */
    X12_CLAIM_ADMISSION_HOUR = 15,   /* 837I HHMM, with the admission date */
    X12_CLAIM_DISCHARGE_HOUR = 16,   /* 837I DTP*096 HHMM */
    X12_CLAIM_ADMISSION_TYPE = 17,   /* 837I CL101 */
    X12_CLAIM_ADMISSION_SOURCE = 18, /* 837I CL102 point of origin */
    X12_CLAIM_PATIENT_STATUS = 19,   /* 837I CL103 (required) */
    X12_CLAIM_PRIOR_AUTH = 20,       /* REF*G1 */
    X12_CLAIM_REFERRAL = 21,         /* REF*9F */
    X12_CLAIM_PAYER_CLAIM_NUMBER = 22, /* REF*F8, required for frequency 7 and 8 */
    X12_CLAIM_MEDICAL_RECORD = 23,   /* REF*EA */
    X12_CLAIM_RELATED_CAUSES = 24,   /* 837P CLM11-1: AA, EM, OA */
    X12_CLAIM_ACCIDENT_STATE = 25,   /* 837P CLM11-4 (with AA); 837I REF*LU */
    X12_CLAIM_DRG = 26,              /* 837I HI*DR: the diagnosis related group the provider
                                        assigned (e.g. MS-DRG "470") */
    /* 837P ambulance transport (CR1): required on an ambulance claim; the
     * line's own (X12_LINE_PATIENT_WEIGHT ...) when a line differs. */
    X12_CLAIM_PATIENT_WEIGHT = 27,   /* CR102 in pounds (CR101 LB), e.g. "175" */
    X12_CLAIM_TRANSPORT_REASON = 28, /* CR104 A-E (required with any CR1 field) */
    X12_CLAIM_TRANSPORT_MILES = 29,  /* CR106 distance in miles (CR105 DH; required with any
                                        CR1 field) */
    X12_CLAIM_ROUND_TRIP_PURPOSE = 30, /* CR109: why a round trip */
    X12_CLAIM_STRETCHER_PURPOSE = 31,  /* CR110: why a stretcher */
    /* 837P ambulance certification (CRC*07): the condition codes (01, 04,
     * 05, 06, 07, 08, 09, 12) that apply (CRC02 Y) and that do not (N),
     * space-separated, e.g. "04 06 09"; written five to a CRC, three CRC*07
     * at most. */
    X12_CLAIM_AMBULANCE_CONDITIONS_MET = 32,
    X12_CLAIM_AMBULANCE_CONDITIONS_UNMET = 33,
    /* 837P claim dates (DTP D8, CCYYMMDD), where the payer asks for them */
    X12_CLAIM_INITIAL_TREATMENT_DATE = 34,   /* DTP*454 */
    X12_CLAIM_LAST_SEEN_DATE = 35,           /* DTP*304 */
    X12_CLAIM_ACUTE_MANIFESTATION_DATE = 36, /* DTP*453 */
    X12_CLAIM_LAST_MENSTRUAL_PERIOD = 37,    /* DTP*484 */
    X12_CLAIM_LAST_XRAY_DATE = 38,           /* DTP*455 */
    X12_CLAIM_PRESCRIPTION_DATE = 39,        /* DTP*471 hearing and vision prescription */
    X12_CLAIM_LAST_WORKED_DATE = 40,         /* DTP*297 */
    X12_CLAIM_RETURN_TO_WORK_DATE = 41,      /* DTP*296 authorized return to work */
    X12_CLAIM_FIRST_CONTACT_DATE = 42,       /* DTP*444 property and casualty first contact */
    X12_CLAIM_REPRICER_RECEIVED_DATE = 43,   /* DTP*050 (both kinds) */
    /* claim references (REF) */
    X12_CLAIM_MAMMOGRAPHY_CERTIFICATION = 44, /* 837P REF*EW */
    X12_CLAIM_CLIA_NUMBER = 45,              /* 837P REF*X4: the laboratory's CLIA number */
    X12_CLAIM_REPRICED_CLAIM_NUMBER = 46,    /* REF*9A */
    X12_CLAIM_ADJUSTED_REPRICED_CLAIM_NUMBER = 47, /* REF*9C */
    X12_CLAIM_INTERMEDIARY_CLAIM_ID = 48,    /* REF*D9: a clearinghouse's claim identifier */
    X12_CLAIM_DEMONSTRATION_PROJECT = 49,    /* REF*P4 */
    /* the claim note (NTE): its reference code (837P ADD, CER, DCP, DGN or
     * TPO; 837I ALG, DCP, DGN, DME, MED, NTR, ODT, RHB, RLH, RNH, SET, SFM,
     * SPT or UPI) and its text (at most 80 characters); one note a claim */
    X12_CLAIM_NOTE_CODE = 50,                /* NTE01 */
    X12_CLAIM_NOTE = 51,                     /* NTE02 */
    X12_CLAIM_BILLING_NOTE = 52,             /* 837I NTE*ADD: the billing note's text */
    X12_CLAIM_PATIENT_SIGNATURE = 53,        /* 837P CLM10: "P" when the patient's signature
                                                is on file in another form (the guide's P) */
    X12_CLAIM_AUTHORIZATION_EXCEPTION = 54,  /* REF*4N: the guide's codes 1-7 */
    X12_CLAIM_MEDICARE_CROSSOVER = 55,       /* 837P REF*F5: Y or N */
    X12_CLAIM_CARE_PLAN_OVERSIGHT = 56,      /* 837P REF*1J: the care plan oversight number */
    X12_CLAIM_IDE_NUMBERS = 57,              /* REF*LX: investigational device exemption
                                                numbers, space-separated, one REF each, at
                                                most 5 */
    /* 837P disability dates: both DTP*314*RD8*from-to; the start alone
     * DTP*360*D8, the end alone DTP*361*D8 */
    X12_CLAIM_DISABILITY_FROM = 58,
    X12_CLAIM_DISABILITY_TO = 59,
    X12_CLAIM_DISCHARGE_DATE = 60,           /* 837P DTP*096 (837I: X12_CLAIM_DISCHARGE_HOUR) */
    X12_CLAIM_ASSUMED_CARE_DATE = 61,        /* 837P DTP*090 */
    X12_CLAIM_RELINQUISHED_CARE_DATE = 62,   /* 837P DTP*091 */
    X12_CLAIM_PRO_APPROVAL_NUMBER = 63,      /* 837I REF*G4: peer review organization approval */
    /* contract information (CN1: CN101 required with any) and repricing
     * (HCP: HCP01 and HCP02 required with any), written by a repricer */
    X12_CLAIM_CONTRACT_TYPE = 64, /* CN101 */
    X12_CLAIM_CONTRACT_PERCENT = 65, /* CN103 */
    X12_CLAIM_CONTRACT_CODE = 66, /* CN104 */
    X12_CLAIM_TERMS_DISCOUNT_PERCENT = 67, /* CN105 */
    X12_CLAIM_CONTRACT_VERSION = 68, /* CN106 */
    X12_CLAIM_PRICING_METHODOLOGY = 69, /* HCP01 */
    X12_CLAIM_REPRICING_ORG_ID = 70, /* HCP04 */
    X12_CLAIM_REPRICING_RATE = 71, /* HCP05 */
    X12_CLAIM_REPRICED_APG_CODE = 72, /* HCP06 */
    X12_CLAIM_REPRICING_REJECT_REASON = 73, /* HCP13 */
    X12_CLAIM_POLICY_COMPLIANCE = 74, /* HCP14 */
    X12_CLAIM_REPRICING_EXCEPTION = 75, /* HCP15 */
    /* conditions (CRC) */
    X12_CLAIM_HOMEBOUND = 76,          /* 837P CRC*75*Y*IH: Y, the patient is homebound */
    X12_CLAIM_EPSDT_REFERRAL = 77,     /* CRC*ZZ CRC02: Y or N, an EPSDT referral was given */
    X12_CLAIM_EPSDT_CONDITIONS = 78,   /* CRC*ZZ CRC03-05: AV NU S2 ST, space-separated */
    /* 837P spinal manipulation (CR2): the patient's condition (required
     * with a description) and up to two descriptions (80 characters each;
     * the second only with the first) */
    X12_CLAIM_SPINAL_CONDITION = 79,     /* CR208: A acute, M acute manifestation of chronic */
    X12_CLAIM_SPINAL_DESCRIPTION = 80,   /* CR210 */
    X12_CLAIM_SPINAL_DESCRIPTION2 = 81,  /* CR211 */
    /* 837P vision (CRC*E1 spectacle lenses, E2 contact lenses, E3
     * spectacle frames): CRC02 Y or N and the condition codes L1-L5,
     * space-separated, at most five (CRC03-07); each with the other */
    X12_CLAIM_VISION_LENSES = 82,
    X12_CLAIM_VISION_LENSES_CONDITIONS = 83,
    X12_CLAIM_VISION_CONTACTS = 84,
    X12_CLAIM_VISION_CONTACTS_CONDITIONS = 85,
    X12_CLAIM_VISION_FRAMES = 86,
    X12_CLAIM_VISION_FRAMES_CONDITIONS = 87,
    X12_CLAIM_SPECIAL_PROGRAM = 88,    /* 837P CLM12: 02, 03, 05 or 09 */
    /* K3 file information (both guides): at most 10 texts of 1-80
     * characters (K301, spaces kept), separated by a newline ("\n"),
     * written one K3 each in order: "FIRST TEXT\nSECOND TEXT" */
    X12_CLAIM_FILE_INFORMATION = 89
} x12_claim_field;
X12_API x12_status x12_claim_set(x12_claim *c, x12_claim_field f, const char *v, size_t len);
X12_API x12_str x12_claim_get(const x12_claim *c, x12_claim_field f);

typedef enum x12_claim_amount {
    X12_CLAIMAMT_TOTAL_CHARGE = 1, /* CLM02: must equal the sum of the line charges */
    X12_CLAIMAMT_PATIENT_PAID = 2, /* 837P AMT*F5 */
    X12_CLAIMAMT_PATIENT_ESTIMATED_DUE = 3, /* 837I AMT*F3: the patient's estimated share */
    X12_CLAIMAMT_CONTRACT_AMOUNT = 4, /* CN102 */
    X12_CLAIMAMT_REPRICED_ALLOWED = 5, /* HCP02 */
    X12_CLAIMAMT_REPRICED_SAVING = 6, /* HCP03 */
    X12_CLAIMAMT_REPRICED_APG_AMOUNT = 7 /* HCP07 */
} x12_claim_amount;
X12_API x12_status x12_claim_set_amount(x12_claim *c, x12_claim_amount f, int64_t cents);
/* 1 and *cents when set, 0 when not. */
X12_API int x12_claim_get_amount(const x12_claim *c, x12_claim_amount f, int64_t *cents);

typedef enum x12_dx_kind {
    X12_DX_PRINCIPAL = 1, /* ABK (one per claim, required) */
    X12_DX_OTHER = 2,     /* ABF: 837P up to 11, 837I up to 24 */
    X12_DX_ADMITTING = 3, /* 837I ABJ */
    X12_DX_REASON = 4,    /* 837I APR patient's reason for visit, up to 3 */
    X12_DX_EXTERNAL_CAUSE = 5 /* 837I ABN external cause of injury, up to 12, with poa */
} x12_dx_kind;
/* Adds an ICD-10-CM diagnosis.  `poa` is the present-on-admission
 * indicator for 837I principal and other diagnoses ('Y', 'N', 'U', 'W')
 * or 0.  837P line pointers count the principal as 1, then the others
 * in the order added. */
X12_API x12_status x12_claim_add_diagnosis(x12_claim *c, x12_dx_kind kind, const char *code,
                                           size_t len, char poa);
X12_API size_t x12_claim_diagnosis_count(const x12_claim *c);
/* The i-th diagnosis (0-based, pointer order) normalised without its dot;
 * empty past the end.  *kind may be NULL. */
X12_API x12_str x12_claim_diagnosis(const x12_claim *c, size_t i, x12_dx_kind *kind);

typedef enum x12_code_kind {
    X12_CODE_PRINCIPAL_PROCEDURE = 1, /* 837I BBR: ICD-10-PCS + date */
    X12_CODE_OTHER_PROCEDURE = 2,     /* 837I BBQ: ICD-10-PCS + date */
    X12_CODE_OCCURRENCE = 3,          /* 837I BH: code + date */
    X12_CODE_OCCURRENCE_SPAN = 4,     /* 837I BI: code + from date + to date */
    X12_CODE_VALUE = 5,               /* 837I BE: code + amount */
    X12_CODE_CONDITION = 6,           /* BG: code (the 837P's too), up to 24 */
    X12_CODE_TREATMENT = 7,           /* 837I TC: treatment code, up to 24 */
    X12_CODE_ANESTHESIA_PROCEDURE = 8 /* 837P BP (the first), BO (the second): the CPT or
                                         HCPCS code of the surgery anesthesia was given
                                         for, at most 2 */
} x12_code_kind;
/* Adds a coded item of the claim.  `date`/`date2` may be NULL when the kind
 * has none; `cents` is used by X12_CODE_VALUE only. */
X12_API x12_status x12_claim_add_code(x12_claim *c, x12_code_kind kind, const char *code,
                                      size_t len, const char *date, size_t date_len,
                                      const char *date2, size_t date2_len, int64_t cents);

typedef enum x12_claim_role {
    X12_ROLE_RENDERING = 1,        /* 837P 2310B / 837I 2310D NM1*82 */
    X12_ROLE_REFERRING = 2,        /* 837P 2310A / 837I 2310F NM1*DN */
    X12_ROLE_SERVICE_FACILITY = 3, /* 837P 2310C / 837I 2310E NM1*77 */
    X12_ROLE_ATTENDING = 4,        /* 837I 2310A NM1*71 */
    X12_ROLE_OPERATING = 5,        /* 837I 2310B NM1*72 */
    X12_ROLE_OTHER_OPERATING = 6,  /* 837I 2310C NM1*ZZ */
    X12_ROLE_SUPERVISING = 7,      /* 837P 2310D NM1*DQ (a person) */
    X12_ROLE_ORDERING = 8,         /* 837P 2420E NM1*DK: a line role only */
    /* 837P ambulance locations, each an organization with an address and no
     * id: 2310E / 2420G NM1*PW pick-up (no name either), 2310F / 2420H
     * NM1*45 drop-off (a name when the place has one) */
    X12_ROLE_AMBULANCE_PICKUP = 9,
    X12_ROLE_AMBULANCE_DROPOFF = 10,
    X12_ROLE_PURCHASED_SERVICE = 11, /* 837P 2420B NM1*QB: who performed a purchased
                                        service (with X12_LINE_PURCHASED_SERVICE_ID);
                                        a line role only */
    X12_ROLE_BILLING = 12,         /* NM1*85 of an other payer (837P 2330G, 837I 2330I):
                                      x12_other_payer_provider only */
    X12_ROLE_PRIMARY_CARE = 13     /* 837P NM1*P3 primary care provider (a person):
                                      2310A / 2420F / 2330C, beside the referring
                                      provider (the guide's second repeat) */
} x12_claim_role;
/* The role's name as the encounter XML, JSON Lines, Python, the claims
 * tables and `x12 claims` spell it: "rendering", "referring",
 * "service_facility", "attending", "operating", "other_operating",
 * "supervising", "ordering", "ambulance_pickup", "ambulance_dropoff",
 * "purchased_service", "billing", "primary_care"; "" for an unknown role.
 * A static string, never NULL. */
X12_API const char *x12_claim_role_name(x12_claim_role role);
/* The claim's provider in that role, created on first use and written
 * when its name or id is set (the ambulance locations: when their address
 * is).  NULL for a bad role or out of memory. */
X12_API x12_party *x12_claim_provider(x12_claim *c, x12_claim_role role);

/* ---- other payers (2320 / 2330A / 2330B) ------------------------------------ */

X12_API x12_status x12_claim_add_other_payer(x12_claim *c, x12_other_payer **out);
typedef enum x12_other_payer_field {
    X12_OP_RESPONSIBILITY = 1,     /* SBR01 of the other payer (required) */
    X12_OP_RELATIONSHIP = 2,       /* SBR02 patient to other insured: 18 self, 01, 19, ... (required) */
    X12_OP_GROUP_NUMBER = 3,       /* SBR03 */
    X12_OP_INSURANCE_TYPE = 4,     /* SBR05 (837P; not used in the 837I) */
    X12_OP_FILING_INDICATOR = 5,   /* SBR09 (required) */
    X12_OP_ADJUDICATION_DATE = 6,  /* 2330B DTP*573 (required with paid amount or adjustments) */
    X12_OP_BENEFITS_ASSIGNMENT = 7, /* OI03 Y/N/W, default Y */
    X12_OP_RELEASE = 8,            /* OI06 I/Y, default Y */
    /* 2330B references, after the payer's secondary ids: */
    X12_OP_PRIOR_AUTH = 9,         /* REF*G1 the other payer's prior authorization number */
    X12_OP_REFERRAL = 10,           /* REF*9F the other payer's referral number */
    X12_OP_ADJUSTMENT_INDICATOR = 11, /* REF*T4 claim adjustment indicator: Y */
    X12_OP_CLAIM_NUMBER = 12,       /* REF*F8 the other payer's claim control number */
    X12_OP_GROUP_NAME = 13,         /* SBR04: the other insured's group or plan name */
    X12_OP_PATIENT_SIGNATURE = 14, /* 837P OI04: P (signature generated by the provider) */
    /* outpatient adjudication (MOA), as the other payer's remittance gave it */
    X12_OP_REIMBURSEMENT_RATE = 15, /* MOA01: a decimal fraction, 0.8 for 80% */
    X12_OP_OUTPATIENT_REMARKS = 16, /* MOA03-07: remark codes (RARC), space-separated, at most 5 */
    /* 837I inpatient adjudication (MIA) */
    X12_OP_COVERED_DAYS = 17,       /* MIA01: covered days or visits (required with MIA) */
    X12_OP_LIFETIME_PSYCHIATRIC_DAYS = 18, /* MIA03 */
    X12_OP_COST_REPORT_DAYS = 19,   /* MIA15 */
    X12_OP_INPATIENT_REMARKS = 20   /* MIA05, MIA20-23: remark codes, space-separated, at most 5 */
} x12_other_payer_field;
X12_API x12_status x12_other_payer_set(x12_other_payer *op, x12_other_payer_field f,
                                       const char *v, size_t len);
X12_API x12_str x12_other_payer_get(const x12_other_payer *op, x12_other_payer_field f);
typedef enum x12_other_payer_amount {
    X12_OPAMT_PAID = 1,             /* AMT*D: what that payer paid */
    X12_OPAMT_PATIENT_LIABILITY = 2, /* AMT*EAF: remaining patient liability */
    X12_OPAMT_NONCOVERED = 3,        /* AMT*A8: COB total non-covered amount */
    /* outpatient adjudication (MOA) amounts */
    X12_OPAMT_HCPCS_PAYABLE = 4,     /* MOA02: HCPCS payable amount */
    X12_OPAMT_ESRD_PAYMENT = 5,      /* MOA08: end stage renal disease payment amount */
    X12_OPAMT_OUTPATIENT_PROFESSIONAL_NONPAYABLE = 6, /* MOA09: professional component
                                                        billed but not payable */
    /* 837I inpatient adjudication (MIA) amounts */
    X12_OPAMT_PPS_OPERATING_OUTLIER = 7,  /* MIA02 */
    X12_OPAMT_DRG_AMOUNT = 8,             /* MIA04: claim DRG amount */
    X12_OPAMT_DISPROPORTIONATE_SHARE = 9, /* MIA06 */
    X12_OPAMT_MSP_PASS_THROUGH = 10,      /* MIA07 */
    X12_OPAMT_PPS_CAPITAL = 11,           /* MIA08 */
    X12_OPAMT_PPS_CAPITAL_FSP_DRG = 12,   /* MIA09: federal specific portion */
    X12_OPAMT_PPS_CAPITAL_HSP_DRG = 13,   /* MIA10: hospital specific portion */
    X12_OPAMT_PPS_CAPITAL_DSH_DRG = 14,   /* MIA11: disproportionate share */
    X12_OPAMT_OLD_CAPITAL = 15,           /* MIA12 */
    X12_OPAMT_PPS_CAPITAL_IME = 16,       /* MIA13: indirect medical education */
    X12_OPAMT_PPS_OPERATING_HSP_DRG = 17, /* MIA14 */
    X12_OPAMT_PPS_OPERATING_FSP_DRG = 18, /* MIA16 */
    X12_OPAMT_PPS_CAPITAL_OUTLIER = 19,   /* MIA17 */
    X12_OPAMT_INDIRECT_TEACHING = 20,     /* MIA18 */
    X12_OPAMT_INPATIENT_PROFESSIONAL_NONPAYABLE = 21, /* MIA19 */
    X12_OPAMT_PPS_CAPITAL_EXCEPTION = 22  /* MIA24 */
} x12_other_payer_amount;
X12_API x12_status x12_other_payer_set_amount(x12_other_payer *op, x12_other_payer_amount f,
                                              int64_t cents);
X12_API int x12_other_payer_get_amount(const x12_other_payer *op, x12_other_payer_amount f,
                                       int64_t *cents);
/* Adds a claim-level adjustment (CAS): group CO/CR/OA/PI/PR, reason code,
 * amount, optional quantity text (NULL/"" for none).  Adjustments of one
 * group are written in one CAS, six per segment. */
X12_API x12_status x12_other_payer_add_adjustment(x12_other_payer *op, const char *group,
                                                  const char *reason, int64_t cents,
                                                  const char *quantity);
/* The other payer's subscriber (NM1*IL) and the payer (NM1*PR). */
X12_API x12_party *x12_other_payer_subscriber(x12_other_payer *op);
X12_API x12_party *x12_other_payer_payer(x12_other_payer *op);
/* The other payer's own identifiers of the claim's providers (2330C-I: the
 * 837P referring and primary care 2330C, rendering D, service facility E, supervising F,
 * billing G; the 837I attending C, operating D, other operating E,
 * service facility F, rendering G, referring H, billing I): a party in
 * that role, created on first use, of which the builder writes the entity
 * (NM1*code*1 or 2, no name or NPI: the guides do not use them) and the
 * secondary ids (X12_PARTY_STATE_LICENSE ... LOCATION_NUMBER, REF: at least
 * one required, only the qualifiers the loop allows).  Written when any of
 * its fields or its entity (x12_party_set_entity) is set, so that the edits
 * say what it lacks; the edits refuse the others.  Borrowed from the
 * batch; NULL for a NULL op, a role without such a loop in either guide
 * (ordering, the ambulance locations, purchased service) or out of
 * memory. */
X12_API x12_party *x12_other_payer_provider(x12_other_payer *op, x12_claim_role role);
/* The same party when one of its fields or its entity is set, else NULL
 * (never creates it). */
X12_API x12_party *x12_other_payer_find_provider(x12_other_payer *op, x12_claim_role role);

/* ---- service lines (2400) ----------------------------------------------------- */

X12_API x12_status x12_claim_add_line(x12_claim *c, x12_service_line **out);
X12_API size_t x12_claim_line_count(const x12_claim *c);

typedef enum x12_line_field {
    X12_LINE_PROCEDURE = 1,      /* CPT / HCPCS code (837P required; 837I optional) */
    X12_LINE_REVENUE_CODE = 2,   /* 837I SV201, 4 digits (required) */
    X12_LINE_UNIT = 3,           /* UN units (default), MJ minutes (837P), DA days (837I) */
    X12_LINE_UNITS = 4,          /* quantity, e.g. "1" or "1.5" (default "1") */
    X12_LINE_PLACE_OF_SERVICE = 5, /* 837P SV105 when different from the claim's */
    X12_LINE_SERVICE_FROM = 6,   /* DTP*472 (default: the claim's service dates) */
    X12_LINE_SERVICE_TO = 7,
    X12_LINE_CONTROL_NUMBER = 8, /* REF*6R line item control number */
    X12_LINE_NDC = 9,            /* LIN*N4, 11 digits */
    X12_LINE_NDC_QUANTITY = 10,  /* CTP04 */
    X12_LINE_NDC_UNIT = 11,      /* CTP05-1: UN, ML, GR, F2, ME */
    X12_LINE_EMERGENCY = 12,     /* 837P SV109 "Y" */
    /* 837P ambulance transport of this line when it differs from the
     * claim's (CR1, CRC*07; see X12_CLAIM_PATIENT_WEIGHT ...) */
    X12_LINE_PATIENT_WEIGHT = 13,
    X12_LINE_TRANSPORT_REASON = 14,
    X12_LINE_TRANSPORT_MILES = 15,
    X12_LINE_ROUND_TRIP_PURPOSE = 16,
    X12_LINE_STRETCHER_PURPOSE = 17,
    X12_LINE_AMBULANCE_CONDITIONS_MET = 18,
    X12_LINE_AMBULANCE_CONDITIONS_UNMET = 19,
    X12_LINE_AMBULANCE_PATIENTS = 20, /* 837P QTY*PT: patients carried in the same vehicle
                                         (when more than one) */
    X12_LINE_PURCHASED_SERVICE_ID = 21, /* 837P PS101: the purchased service provider's
                                           identifier (with X12_LINEAMT_PURCHASED_SERVICE_CHARGE) */
    /* the 837P line note (NTE): reference code ADD or DCP, text (at most 80) */
    X12_LINE_NOTE_CODE = 22,           /* NTE01 */
    X12_LINE_NOTE = 23,                /* NTE02 */
    X12_LINE_THIRD_PARTY_NOTE = 24,    /* NTE*TPO: third party organization notes (both kinds) */
    /* 837P line dates (DTP D8, CCYYMMDD) */
    X12_LINE_PRESCRIPTION_DATE = 25, /* DTP*471 */
    X12_LINE_RECERTIFICATION_DATE = 26, /* DTP*607 certification revision/recertification */
    X12_LINE_BEGIN_THERAPY_DATE = 27, /* DTP*463 */
    X12_LINE_LAST_CERTIFICATION_DATE = 28, /* DTP*461 */
    X12_LINE_LAST_SEEN_DATE = 29, /* DTP*304 */
    X12_LINE_HEMOGLOBIN_TEST_DATE = 30, /* DTP*738: most recent hemoglobin or hematocrit test */
    X12_LINE_CREATININE_TEST_DATE = 31, /* DTP*739: most recent serum creatinine test */
    X12_LINE_SHIPPED_DATE = 32, /* DTP*011 */
    X12_LINE_LAST_XRAY_DATE = 33, /* DTP*455 */
    X12_LINE_INITIAL_TREATMENT_DATE = 34, /* DTP*454 */
    X12_LINE_OBSTETRIC_UNITS = 35,     /* 837P QTY*FL: obstetric anesthesia additional units */
    /* line references (REF) */
    X12_LINE_REPRICED_LINE_NUMBER = 36, /* REF*9B */
    X12_LINE_ADJUSTED_REPRICED_LINE_NUMBER = 37, /* REF*9D */
    X12_LINE_PRIOR_AUTH = 38,          /* 837P REF*G1: space-separated, one REF each, at most 5 */
    X12_LINE_MAMMOGRAPHY_CERTIFICATION = 39, /* 837P REF*EW */
    X12_LINE_CLIA_NUMBER = 40,         /* 837P REF*X4 */
    X12_LINE_REFERRING_CLIA_NUMBER = 41, /* 837P REF*F4: the referring laboratory's CLIA number */
    X12_LINE_IMMUNIZATION_BATCH = 42,  /* 837P REF*BT */
    X12_LINE_REFERRAL = 43,            /* 837P REF*9F: space-separated, one REF each, at most 5 */
    /* line contract (837P CN1) and repricing (HCP) information, as the claim's */
    X12_LINE_CONTRACT_TYPE = 44, /* 837P CN101 */
    X12_LINE_CONTRACT_PERCENT = 45, /* 837P CN103 */
    X12_LINE_CONTRACT_CODE = 46, /* 837P CN104 */
    X12_LINE_TERMS_DISCOUNT_PERCENT = 47, /* 837P CN105 */
    X12_LINE_CONTRACT_VERSION = 48, /* 837P CN106 */
    X12_LINE_PRICING_METHODOLOGY = 49, /* HCP01 */
    X12_LINE_REPRICING_ORG_ID = 50, /* HCP04 */
    X12_LINE_REPRICING_RATE = 51, /* HCP05 */
    X12_LINE_REPRICED_APG_CODE = 52, /* HCP06 */
    X12_LINE_REPRICING_REJECT_REASON = 53, /* HCP13 */
    X12_LINE_POLICY_COMPLIANCE = 54, /* HCP14 */
    X12_LINE_REPRICING_EXCEPTION = 55, /* HCP15 */
    X12_LINE_REPRICED_PROCEDURE_QUALIFIER = 56, /* HCP09 */
    X12_LINE_REPRICED_PROCEDURE = 57, /* HCP10 */
    X12_LINE_REPRICED_UNIT = 58, /* HCP11 */
    X12_LINE_REPRICED_UNITS = 59, /* HCP12 */
    /* 2410 REF (with X12_LINE_NDC; one of the two) */
    X12_LINE_PRESCRIPTION_NUMBER = 60, /* REF*XZ: pharmacy prescription number */
    X12_LINE_DRUG_LINK_SEQUENCE = 61,  /* REF*VY: link sequence number of a compound drug */
    /* 837P line conditions (CRC) */
    X12_LINE_HOSPICE_EMPLOYEE = 62,    /* CRC*70*Y|N*65: Y or N */
    X12_LINE_DME_CONDITION = 63,       /* CRC*09 CRC02: Y or N */
    X12_LINE_DME_CONDITIONS = 64,      /* CRC*09 CRC03-04: 38 ZV, space-separated */
    /* 837P 2440 form identification (one form per line): LQ01 AS or UT,
     * LQ02, and the FRM answers, "question:kind:value" separated by ";"
     * where kind R is FRM02 (Y, N or W), T FRM03 (text), D FRM04
     * (CCYYMMDD), P FRM05 (percent): "1:R:Y;2:D:20250101;3:T:E0260" */
    X12_LINE_FORM_TYPE = 65,
    X12_LINE_FORM_ID = 66,
    X12_LINE_FORM_ANSWERS = 67,
    /* 837P SV5 durable medical equipment service (with the two prices of
     * x12_line_amount: procedure, days, both prices are required) */
    X12_LINE_DME_PROCEDURE = 68,  /* SV501-2 (SV501-1 HC): the DME's HCPCS code */
    X12_LINE_DME_DAYS = 69,       /* SV503 (SV502 DA): length of medical necessity, days */
    X12_LINE_DME_FREQUENCY = 70,  /* SV506: rental price per 1 week, 4 month or 6 day */
    /* 837P MEA test results, at most 5, space-separated, each
     * "MEA01:MEA02:value": "TR:R1:12.5 TR:R2:38 OG:HT:60" */
    X12_LINE_TEST_RESULTS = 71,
    /* 837P durable medical equipment certification (CR3, CR302 MO) and
     * the certificate of medical necessity indicator (PWK*CT) */
    X12_LINE_DME_CERT_TYPE = 72,   /* CR301: I initial, R renewal, S revised */
    X12_LINE_DME_CERT_MONTHS = 73, /* CR303: how long the DME is needed, months */
    X12_LINE_DME_CMN = 74,         /* PWK02 of PWK*CT: AB AD AF AG NS */
    /* 837P K3 file information: as X12_CLAIM_FILE_INFORMATION (at most 10
     * newline-separated K301 texts); the 837I has no line K3 */
    X12_LINE_FILE_INFORMATION = 75
} x12_line_field;
X12_API x12_status x12_line_set(x12_service_line *l, x12_line_field f, const char *v,
                                size_t len);
X12_API x12_str x12_line_get(const x12_service_line *l, x12_line_field f);
typedef enum x12_line_amount {
    X12_LINEAMT_CHARGE = 1,     /* SV102 / SV203 (required) */
    X12_LINEAMT_NONCOVERED = 2, /* 837I SV207 */
    X12_LINEAMT_PURCHASED_SERVICE_CHARGE = 3, /* 837P PS102: what the purchased service cost */
    X12_LINEAMT_SALES_TAX = 4,   /* 837P AMT*T */
    X12_LINEAMT_POSTAGE = 5,     /* 837P AMT*F4: postage claimed */
    X12_LINEAMT_SERVICE_TAX = 6, /* 837I AMT*GT */
    X12_LINEAMT_FACILITY_TAX = 7, /* 837I AMT*N8 */
    X12_LINEAMT_CONTRACT_AMOUNT = 8, /* 837P CN102 */
    X12_LINEAMT_REPRICED_ALLOWED = 9, /* HCP02 */
    X12_LINEAMT_REPRICED_SAVING = 10, /* HCP03 */
    X12_LINEAMT_REPRICED_APG_AMOUNT = 11, /* HCP07 */
    X12_LINEAMT_DME_RENTAL_PRICE = 12,  /* 837P SV504 */
    X12_LINEAMT_DME_PURCHASE_PRICE = 13 /* 837P SV505 */
} x12_line_amount;
X12_API x12_status x12_line_set_amount(x12_service_line *l, x12_line_amount f, int64_t cents);
X12_API int x12_line_get_amount(const x12_service_line *l, x12_line_amount f, int64_t *cents);
/* Appends a procedure modifier (2 characters; at most 4 are allowed). */
X12_API x12_status x12_line_add_modifier(x12_service_line *l, const char *v, size_t len);
/* Appends a diagnosis pointer (837P: 1-12, into the claim's diagnoses;
 * at most 4). */
X12_API x12_status x12_line_add_pointer(x12_service_line *l, unsigned pointer);
/* The line's own provider in that role, for a line whose provider is not
 * the claim's: 837P 2420A rendering (PRV*PE with the taxonomy), 2420C
 * service facility (with its address), 2420D supervising, 2420E ordering
 * (address optional), 2420F referring; 837I 2420A operating, 2420B other
 * operating, 2420C rendering, 2420D referring.  Created on first use,
 * written in that order (after the line's 2410 drug segments, before its
 * 2430 loops) when its name or id is set; the edits then check it as they
 * check the claim's providers (name, NPI check digit, the NPI required for
 * rendering and operating providers, a person's first name, NM102) and
 * report a role the claim's kind has no line loop for.  Borrowed from the
 * batch; NULL for X12_ROLE_ATTENDING, an unknown role, a NULL line or out
 * of memory. */
X12_API x12_party *x12_line_provider(x12_service_line *l, x12_claim_role role);

/* ---- attachments (PWK) ------------------------------------------------------- */

/*
 * Paperwork sent for a claim or a line (837P and 837I 2300 PWK, 2400 PWK;
 * at most 10 each): what it is (PWK01: AM ambulance certification, OB
 * operative note, 03 report, ...), how it comes (PWK02: BM by mail, EL
 * electronically, EM e-mail, FT file transfer, FX fax, AA available on
 * request) and, unless AA, the control number the attachment carries too
 * (PWK05 AC, PWK06).  *out is borrowed from the batch.  X12_EINVAL for a
 * NULL argument, X12_ENOMEM.
 */
typedef struct x12_attachment x12_attachment;
X12_API x12_status x12_claim_add_attachment(x12_claim *c, x12_attachment **out);
X12_API x12_status x12_line_add_attachment(x12_service_line *l, x12_attachment **out);
typedef enum x12_attachment_field {
    X12_ATT_REPORT_TYPE = 1,   /* PWK01 (required) */
    X12_ATT_TRANSMISSION = 2,  /* PWK02 (required) */
    X12_ATT_CONTROL_NUMBER = 3 /* PWK06 (required but with AA) */
} x12_attachment_field;
X12_API x12_status x12_attachment_set(x12_attachment *a, x12_attachment_field f,
                                      const char *v, size_t len);
X12_API x12_str x12_attachment_get(const x12_attachment *a, x12_attachment_field f);
/* A claim's or a line's attachments in the order added; NULL at the end. */
X12_API x12_attachment *x12_claim_first_attachment(x12_claim *c);
X12_API x12_attachment *x12_line_first_attachment(x12_service_line *l);
X12_API x12_attachment *x12_attachment_next(x12_attachment *a);

/* ---- line adjudication (2430) ------------------------------------------------ */

/*
 * What another payer of the claim did with this line, for a secondary or
 * tertiary claim (837P and 837I loop 2430: SVD, CAS, DTP*573, AMT*EAF),
 * one per payer that adjudicated the line (at most 15).  *out is borrowed
 * from the batch.  X12_EINVAL for a NULL argument, X12_ENOMEM.
 *
 * Edits: the payer id must be the payer id (2330B NM109) of one of the
 * claim's other payers; the date is required and must be a real date;
 * adjustments as for the claim level; and the line must balance: line
 * charge = paid amount + the sum of this payer's line adjustments.  The
 * claim-level balance of that payer then counts its line adjustments too
 * (CLM02 - claim adjustments - line adjustments = AMT*D), and its
 * claim-level adjudication date (2330B DTP*573) is no longer required.
 */
X12_API x12_status x12_line_add_adjudication(x12_service_line *l, x12_line_adjudication **out);
typedef enum x12_line_adjudication_field {
    X12_LA_PAYER_ID = 1,     /* SVD01: a 2330B payer id of the claim (required) */
    X12_LA_PROCEDURE = 2,    /* SVD03-2 as adjudicated (default: the line's, with its
                                modifiers; when set, the modifiers are the ones added
                                with x12_line_adjudication_add_modifier) */
    X12_LA_REVENUE_CODE = 3, /* 837I SVD04 (default: the line's revenue code) */
    X12_LA_UNITS = 4,        /* SVD05 paid units (default: the line's units, or "1") */
    X12_LA_BUNDLED_LINE = 5, /* SVD06: the line number this one was bundled into */
    X12_LA_DATE = 6          /* DTP*573 adjudication or payment date (required) */
} x12_line_adjudication_field;
X12_API x12_status x12_line_adjudication_set(x12_line_adjudication *a,
                                             x12_line_adjudication_field f, const char *v,
                                             size_t len);
X12_API x12_str x12_line_adjudication_get(const x12_line_adjudication *a,
                                          x12_line_adjudication_field f);
typedef enum x12_line_adjudication_amount {
    X12_LAAMT_PAID = 1,             /* SVD02: what that payer paid for the line (required) */
    X12_LAAMT_PATIENT_LIABILITY = 2 /* AMT*EAF: remaining patient liability */
} x12_line_adjudication_amount;
X12_API x12_status x12_line_adjudication_set_amount(x12_line_adjudication *a,
                                                    x12_line_adjudication_amount f,
                                                    int64_t cents);
X12_API int x12_line_adjudication_get_amount(const x12_line_adjudication *a,
                                             x12_line_adjudication_amount f, int64_t *cents);
/* Appends a modifier of the adjudicated procedure (at most 4). */
X12_API x12_status x12_line_adjudication_add_modifier(x12_line_adjudication *a, const char *v,
                                                      size_t len);
/* Adds a line adjustment (CAS), as x12_other_payer_add_adjustment. */
X12_API x12_status x12_line_adjudication_add_adjustment(x12_line_adjudication *a,
                                                        const char *group, const char *reason,
                                                        int64_t cents, const char *quantity);

/* ---- edits and writing ---------------------------------------------------------- */

/*
 * Runs every pre-submission edit over the whole batch and keeps the
 * failures: X12_OK when there are none, X12_EEDIT when at least one edit
 * failed (listed by x12_batch_edit_count/_at/_path), X12_ENOMEM.
 * Each record has status X12_EEDIT, severity X12_SEV_ERROR, a rule name
 * ("required", "npi-check-digit", "charge-total", ...), the segment id,
 * loop id and element the value would go to (segment number 0) and a
 * message that never quotes identifying values.
 */
X12_API x12_status x12_batch_check(x12_batch *b);
/* Edits found by the last x12_batch_check, x12_batch_write or XML load.
 * Records and paths are valid until the next of those calls or
 * x12_batch_free. */
X12_API size_t x12_batch_edit_count(const x12_batch *b);
X12_API const x12_error *x12_batch_edit_at(const x12_batch *b, size_t i);
/* Field path of edit i, e.g. "claim[3].line[2].procedure",
 * "provider[1].npi"; for XML load errors "FILE:LINE". */
X12_API const char *x12_batch_edit_path(const x12_batch *b, size_t i);

/*
 * Runs the edits, and when none fails writes the whole interchange
 * (ISA..IEA: one group, as many 837 sets as X12_BATCHOPT_MAX_CLAIMS_PER_SET
 * needs) through `w`.  The writer must have its output chosen and no
 * interchange open; the batch sets its delimiters, and its line break is
 * kept.  X12_EEDIT when an edit failed (nothing written), else what the
 * writer returned (x12_writer_last_error says why).  The output depends
 * only on the batch: dates and control numbers come from it.
 */
X12_API x12_status x12_batch_write(x12_batch *b, x12_writer *w);

/* Number of claims in the batch (added so far, when streaming). */
X12_API size_t x12_batch_claim_count(const x12_batch *b);

/*
 * Hands each edit record to `fn` as it is found instead of keeping it in
 * the batch's list (x12_batch_edit_count then stays 0): a stream with
 * millions of failing claims does not hold their records.  `path` and `e`
 * are valid during the call only.  NULL restores keeping them.  The
 * statuses are unchanged (X12_EEDIT, X12_ESYNTAX, ... when records were
 * handed over).  X12_EINVAL for a NULL batch.
 */
typedef void (*x12_edit_fn)(void *user, const char *path, const x12_error *e);
X12_API x12_status x12_batch_set_edit_handler(x12_batch *b, x12_edit_fn fn, void *user);

/* ---- streaming: claims written as they come ----------------------------------- */

/*
 * A streaming batch checks and writes its claims as they are added, and
 * then forgets them, so its memory is bounded by one claim (plus the
 * header parties and the open provider, subscriber and patient) whatever
 * the number of claims:
 *
 *     x12_batch_set(b, ...);  submitter, receiver     the header first
 *     x12_batch_stream_begin(b, w);
 *     for each claim:
 *         x12_batch_add_provider(b, &bp);             only when it changes
 *         x12_billing_provider_add_subscriber(bp, &s); only when it changes
 *         x12_subscriber_add_claim(s, &c);  ... fill it ...
 *         if (x12_batch_stream_flush(b) == X12_EEDIT)  its edits failed
 *             ...
 *     x12_batch_stream_end(b);                         SE, GE, IEA
 *
 * Output is the bytes x12_batch_write would give for the same batch: the
 * HL tree numbered the same way (claims under the same provider and
 * subscriber handles share their HL parents), a new set every
 * X12_BATCHOPT_MAX_CLAIMS_PER_SET claims.  Nothing is written before the first
 * claim passes its edits (the ISA, GS and header go out with it).
 *
 * Handles: adding a provider releases the previous provider with its
 * subscribers, patients and claims (their handles become invalid); adding
 * a subscriber releases the provider's previous subscriber; adding a
 * patient the subscriber's previous patient; a flush releases the claims
 * it wrote.  Claims may only be added to the newest subscriber or patient
 * (X12_ESTATE otherwise), and a provider, subscriber or patient may only be
 * added when no claim waits for a flush (X12_ESTATE).  The header
 * (x12_batch_set, submitter, receiver, options, delimiters) is read when
 * the stream begins and must not change after.
 *
 * Edits: a flush runs the edits of its claims, and the first time they
 * are met those of their provider, subscriber and patient; the rules about
 * a level's children ("the subscriber has no claims") run when the level
 * is replaced or the stream ends.  Failed edits are kept in the edit list
 * (or handed to the edit handler) and accumulate over the stream.  Once
 * any edit has failed nothing more is written: later flushes still check
 * their claims (so every problem is listed) and return X12_EEDIT, and
 * x12_batch_stream_end leaves the interchange unfinished (no SE, GE, IEA),
 * so that the output cannot be mistaken for a complete file.
 */

/* Starts streaming through `w` (output chosen, no interchange open; the
 * batch sets its delimiters, its line break is kept).  Runs the header's
 * edits: X12_EEDIT when they fail (the stream is then failed, see above).
 * X12_ESTATE when the batch already has a provider or streams;
 * X12_EINVAL, X12_ENOMEM. */
X12_API x12_status x12_batch_stream_begin(x12_batch *b, x12_writer *w);
/* Checks the claims added since the last flush and, when the stream has
 * not failed, writes them; then releases them.  X12_OK; X12_EEDIT (these
 * claims or earlier ones failed); X12_ESTATE when not streaming; else the
 * writer's status (x12_writer_last_error says why; the stream is then
 * failed too) or X12_ENOMEM.  A flush with no new claim is a no-op. */
X12_API x12_status x12_batch_stream_flush(x12_batch *b);
/* Flushes, runs the closing edits of the open levels and, when nothing
 * failed, closes the set, group and interchange and finishes the writer.
 * A stream that never got a claim writes nothing and fails with the edit
 * "the batch has no billing provider" (or the level's own).  The batch
 * stops streaming (it can only be freed).  Statuses as for a flush. */
X12_API x12_status x12_batch_stream_end(x12_batch *b);

/* ---- streaming builds from encounter files ------------------------------------- */

/*
 * Reads encounters and writes the 837 through `w` claim by claim, as a
 * streaming batch does (see above: memory bounded by one claim, nothing
 * more written after the first problem, the interchange left unfinished
 * when anything failed).  `b` is a new, empty batch on which options
 * (kind, X12_BATCHOPT_PATH_WITH_PCN, the limits, the edit handler) may have
 * been set; afterwards it can only be freed.  `name` names the input in
 * paths (NULL: "<input>").
 *
 * Every problem is an edit record (kept, or handed to the edit handler)
 * with path "NAME:LINE" for the input's own problems and the field path
 * ("claim[3].line[2].procedure") for failed edits.  Rules for the input:
 * "xml-syntax" (not well-formed, a DTD, an entity other than the five
 * predefined ones), "xml-schema" (not the encounter format), "xml-value",
 * "json-syntax", "json-value" (a key or value the format does not allow),
 * "json-limit", "max-claim", "kind", "input" (reading failed),
 * "out-of-memory".  Messages quote no values of the input.
 *
 * Returns X12_OK when every claim was written; otherwise, in this order of
 * precedence: X12_EIO / X12_EGZIP (the input could not be read; rule
 * "input"), X12_ENOMEM, the writer's status (x12_writer_last_error), X12_EINVAL
 * (kind), X12_ESYNTAX (the input is not valid), X12_ELIMIT, X12_EEDIT.
 * XML reading stops at the first syntax error and builds nothing after the
 * first schema error (it goes on validating, to list them all); JSON Lines
 * reading reports a bad line and goes on with the next.
 */
X12_API x12_status x12_batch_build_xml(x12_batch *b, x12_read_fn rd, void *user,
                                       const char *name, x12_writer *w);
/* The same from `len` bytes at `data` (read during the call only). */
X12_API x12_status x12_batch_build_xml_buffer(x12_batch *b, const char *data, size_t len,
                                              const char *name, x12_writer *w);
/* The same from a stream the caller keeps open (stdin works), gzip detected
 * by its magic bytes. */
X12_API x12_status x12_batch_build_xml_file(x12_batch *b, FILE *in, const char *name,
                                            x12_writer *w);

/*
 * JSON Lines encounters (one JSON object per line, UTF-8, RFC 8259): a
 * header line first, then one line per claim holding the claim and its
 * parties.  The names are those of the encounter XML format; the whole
 * mapping is in libx12-claim837(3) and specs/encounter-jsonl.schema.json:
 *
 *   {"kind":"837P","interchange":{...},"submitter":{...},"receiver":{...}}
 *   {"provider":{...},"subscriber":{...,"payer":{...}},"claim":{...,"lines":[...]}}
 *   {"provider":{...},"subscriber":{...},"patient":{...},"claim":{...}}
 *
 * Consecutive lines whose provider is the same (every field equal) share
 * one billing provider level (HL 20); with the same subscriber too, one
 * subscriber level; with the same patient, one patient level, as the XML
 * nesting would.  Amounts are strings of decimal text ("185.00") or
 * integers of cents under a name ending in "_cents" ("total_charge_cents":
 * 18500), never JSON numbers with a fraction.  Blank lines are skipped; a
 * byte order mark at the start is ignored.
 */
X12_API x12_status x12_batch_build_jsonl(x12_batch *b, x12_read_fn rd, void *user,
                                         const char *name, x12_writer *w);
X12_API x12_status x12_batch_build_jsonl_buffer(x12_batch *b, const char *data, size_t len,
                                                const char *name, x12_writer *w);
X12_API x12_status x12_batch_build_jsonl_file(x12_batch *b, FILE *in, const char *name,
                                              x12_writer *w);

/* ---- XML input (the encounter format of specs/encounter.xsd) -------------- */

/*
 * Reads encounters from an XML document into an empty batch, validating it
 * against the encounter schema (compiled into the library) as it is read.
 * The whole document is held in the batch (use x12_batch_build_xml to
 * stream instead).  X12_OK; X12_EIO when the file cannot be read;
 * X12_ESYNTAX when the XML is not well-formed (a DTD, entity declaration or
 * entity reference other than the five predefined ones and character
 * references is refused), does not match the schema or holds a bad value
 * (each problem is an edit record with rule "xml-syntax", "xml-schema" or
 * "xml-value" and path "NAME:LINE"; the batch may then hold part of the
 * document: free it); X12_ELIMIT (rule "max-claim"); X12_ENOMEM;
 * X12_ESTATE when the batch is not empty.  The document's kind attribute,
 * when present, sets the batch kind (x12_batch_kind tells which it is after
 * loading).  `name` is used in paths (NULL: the path itself, or
 * "<memory>").  A .gz file is read through zlib.
 */
X12_API x12_status x12_batch_load_xml_file(x12_batch *b, const char *path);
X12_API x12_status x12_batch_load_xml_memory(x12_batch *b, const char *data, size_t len,
                                             const char *name);

/* ---- walking a batch, and what was only settable -------------------------- */

/*
 * The tree in the order it is written: the first child, then each next
 * sibling; NULL at the end (or for a NULL argument).  Handles are borrowed
 * from the batch that owns them.  Claims handed out by an x12_claim_stream
 * (<x12/claimread.h>) have no siblings: the stream holds one claim at a
 * time, and its parents list none.
 */
X12_API x12_billing_provider *x12_batch_first_provider(x12_batch *b);
X12_API x12_billing_provider *x12_billing_provider_next(x12_billing_provider *bp);
X12_API x12_subscriber *x12_billing_provider_first_subscriber(x12_billing_provider *bp);
X12_API x12_subscriber *x12_subscriber_next(x12_subscriber *s);
/* The subscriber's own claims (subscriber is the patient), then its
 * patients (2000C) with theirs. */
X12_API x12_claim *x12_subscriber_first_claim(x12_subscriber *s);
X12_API x12_patient *x12_subscriber_first_patient(x12_subscriber *s);
X12_API x12_patient *x12_patient_next(x12_patient *p);
X12_API x12_claim *x12_patient_first_claim(x12_patient *p);
X12_API x12_claim *x12_claim_next(x12_claim *c);
X12_API x12_other_payer *x12_claim_first_other_payer(x12_claim *c);
X12_API x12_other_payer *x12_other_payer_next(x12_other_payer *op);
X12_API x12_service_line *x12_claim_first_line(x12_claim *c);
X12_API x12_service_line *x12_line_next(x12_service_line *l);
X12_API x12_line_adjudication *x12_line_first_adjudication(x12_service_line *l);
X12_API x12_line_adjudication *x12_line_adjudication_next(x12_line_adjudication *a);
X12_API size_t x12_claim_other_payer_count(const x12_claim *c);
X12_API size_t x12_line_adjudication_count(const x12_service_line *l);

/* The present-on-admission indicator of diagnosis i ('Y', 'N', ...), or 0
 * when it has none or i is past the end. */
X12_API char x12_claim_diagnosis_poa(const x12_claim *c, size_t i);
/* Coded items (x12_claim_add_code) in the order added.  x12_claim_code
 * returns code i (empty past the end) and, through each non-NULL pointer,
 * its kind, dates (empty views when none) and amount in cents (value
 * codes; 0 otherwise).  Views live as long as the batch. */
X12_API size_t x12_claim_code_count(const x12_claim *c);
X12_API x12_str x12_claim_code(const x12_claim *c, size_t i, x12_code_kind *kind,
                               x12_str *date, x12_str *date2, int64_t *cents);
/* The claim's (line's) provider in that role when its name or id is set
 * (the ones x12_batch_write writes), else NULL; never creates one.
 * Borrowed from the batch. */
X12_API x12_party *x12_claim_find_provider(x12_claim *c, x12_claim_role role);
X12_API x12_party *x12_line_find_provider(x12_service_line *l, x12_claim_role role);
/* Modifiers and diagnosis pointers of a line, in the order added; an
 * empty view or 0 past the end. */
X12_API size_t x12_line_modifier_count(const x12_service_line *l);
X12_API x12_str x12_line_modifier(const x12_service_line *l, size_t i);
X12_API size_t x12_line_pointer_count(const x12_service_line *l);
X12_API unsigned x12_line_pointer(const x12_service_line *l, size_t i);
X12_API size_t x12_line_adjudication_modifier_count(const x12_line_adjudication *a);
X12_API x12_str x12_line_adjudication_modifier(const x12_line_adjudication *a, size_t i);
/* Adjustment i (CAS) in the order added: returns its group (empty past the
 * end) and, through each non-NULL pointer, its reason code, amount in
 * cents and quantity text (empty when none). */
X12_API size_t x12_other_payer_adjustment_count(const x12_other_payer *op);
X12_API x12_str x12_other_payer_adjustment(const x12_other_payer *op, size_t i,
                                           x12_str *reason, int64_t *cents,
                                           x12_str *quantity);
X12_API size_t x12_line_adjudication_adjustment_count(const x12_line_adjudication *a);
X12_API x12_str x12_line_adjudication_adjustment(const x12_line_adjudication *a, size_t i,
                                                 x12_str *reason, int64_t *cents,
                                                 x12_str *quantity);

/* ---- copies ------------------------------------------------------------------ */

/*
 * Deep copies into a batch, from any batch (a claim read back by
 * x12_claim_stream, a batch of your own): every value is copied into the
 * destination, so the source may go away afterwards.  *out is borrowed
 * from the destination batch.  X12_EINVAL for a NULL argument, X12_ENOMEM
 * (the destination then holds a partial copy; free or discard it).
 *
 *   x12_batch_copy_header        envelope fields, control numbers and the
 *                                other options, delimiters, submitter and
 *                                receiver of src into dst (and its kind);
 *                                no providers
 *   x12_batch_add_provider_copy  a billing provider with its pay-to
 *                                address, without its subscribers
 *   ..._add_subscriber_copy      SBR fields, subscriber and payer, without
 *                                claims or patients
 *   ..._add_patient_copy         relationship and patient, without claims
 *   ..._add_claim_copy           the whole claim: fields, amounts,
 *                                diagnoses, codes, providers, other payers
 *                                with their adjustments, lines with their
 *                                modifiers, pointers, providers and
 *                                adjudications
 */
X12_API x12_status x12_batch_copy_header(x12_batch *dst, const x12_batch *src);
X12_API x12_status x12_batch_add_provider_copy(x12_batch *b, const x12_billing_provider *src,
                                               x12_billing_provider **out);
X12_API x12_status x12_billing_provider_add_subscriber_copy(x12_billing_provider *bp,
                                                            const x12_subscriber *src,
                                                            x12_subscriber **out);
X12_API x12_status x12_subscriber_add_patient_copy(x12_subscriber *s, const x12_patient *src,
                                                   x12_patient **out);
X12_API x12_status x12_subscriber_add_claim_copy(x12_subscriber *s, const x12_claim *src,
                                                 x12_claim **out);
X12_API x12_status x12_patient_add_claim_copy(x12_patient *p, const x12_claim *src,
                                              x12_claim **out);

/* ---- field names ------------------------------------------------------------- */

/*
 * The names of the fields: the attribute names of the encounter XML format
 * (specs/encounter.xsd), the member names of its JSON Lines form, the keys
 * of the Python bindings and the last part of edit paths
 * ("claim[3].line[2].procedure").  One table in the library holds them
 * with each field's segment and element, so that bindings need not copy
 * enum values.  Values are part of the ABI: new ones are only appended.
 */
typedef enum x12_claim_object {
    X12_CO_BATCH = 1,                     /* x12_batch_field */
    X12_CO_BATCH_OPTION = 2,              /* x12_batch_option */
    X12_CO_PARTY = 3,                     /* x12_party_field (X12_PARTY_ID is "id"; the
                                             formats name it by role: npi, member_id, ...) */
    X12_CO_SUBSCRIBER = 4,                /* x12_subscriber_field */
    X12_CO_CLAIM = 5,                     /* x12_claim_field */
    X12_CO_CLAIM_AMOUNT = 6,              /* x12_claim_amount */
    X12_CO_OTHER_PAYER = 7,               /* x12_other_payer_field */
    X12_CO_OTHER_PAYER_AMOUNT = 8,        /* x12_other_payer_amount */
    X12_CO_LINE = 9,                      /* x12_line_field */
    X12_CO_LINE_AMOUNT = 10,              /* x12_line_amount */
    X12_CO_LINE_ADJUDICATION = 11,        /* x12_line_adjudication_field */
    X12_CO_LINE_ADJUDICATION_AMOUNT = 12, /* x12_line_adjudication_amount */
    X12_CO_ATTACHMENT = 13                /* x12_attachment_field */
} x12_claim_object;
/* The name of field `field` (a value of the object's enum), a static
 * NUL-terminated string; NULL for an unknown object or field, and for the
 * batch options that are settings of the API only (X12_BATCHOPT_PATH_WITH_PCN
 * and later). */
X12_API const char *x12_claim_field_name(x12_claim_object obj, int field);
/* The field called `name` (len bytes, or X12_NTS), or 0 when the object
 * has none. */
X12_API int x12_claim_field_lookup(x12_claim_object obj, const char *name, size_t len);
/* The highest field value of the object (its fields are 1..count), 0 for
 * an unknown object. */
X12_API int x12_claim_field_count(x12_claim_object obj);

/* Parses decimal text such as "125", "125.5", "-0.05" into cents by hand,
 * by the rule of x12_cents_parse (include/x12/types.h): no exponent, no
 * spaces, digits past the cents must be zeros ("1.500" is 150).  Kept for
 * the ABI; X12_EINVAL when text or cents is NULL or the text is not such
 * an amount or does not fit, *cents then unchanged. */
X12_API x12_status x12_parse_cents(const char *text, size_t len, int64_t *cents);

#ifdef __cplusplus
}
#endif

#endif /* X12_CLAIM837_H */
