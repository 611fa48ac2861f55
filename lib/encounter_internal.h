/*
 * The encounter vocabulary shared by the XML reader (encounter_xml.c) and
 * the JSON Lines reader (encounter_jsonl.c): one table per kind of record
 * (an XML element, a JSON object) naming its values, their types and where
 * they go in the claim model, and the functions that put a record's values
 * into the model.  Both formats use these names, so they cannot drift
 * apart.  Never installed.
 */
#ifndef X12_ENCOUNTER_INTERNAL_H
#define X12_ENCOUNTER_INTERNAL_H

#include "claim837_internal.h"

/* Kinds of record: XML elements, JSON objects. */
typedef enum enc_kind {
    EK_NONE = 0,
    EK_ROOT,         /* <encounters>; the JSONL header line */
    EK_INTERCHANGE,
    EK_SUBMITTER,
    EK_RECEIVER,
    EK_PROVIDER,     /* the billing provider */
    EK_PAY_TO,
    EK_SUBSCRIBER,
    EK_PAYER,
    EK_PATIENT,
    EK_CLAIM,
    EK_DIAGNOSIS,
    EK_CODE,
    EK_CLAIM_PROVIDER,
    EK_OTHER_PAYER,
    EK_OP_SUBSCRIBER,
    EK_OP_PAYER,
    EK_ADJUSTMENT,   /* of an other payer or of an adjudication */
    EK_LINE,
    EK_LINE_PROVIDER,
    EK_ADJUDICATION,
    EK_ATTACHMENT,   /* of a claim or a line */
    EK_OP_PROVIDER,  /* an other payer's provider (2330C-I) */
    EK_PAY_TO_PLAN,  /* the billing provider's pay-to plan (2010AC) */
    EK_FILE_INFO,    /* XML only: one K3 text of a claim or a line, as element text */
    EK_N
} enc_kind;

/* How a value is written and read. */
enum {
    ET_TEXT = 1,  /* text */
    ET_AMOUNT,    /* money: decimal text ("185.00"); JSON also NAME_cents, an integer */
    ET_UINT,      /* an unsigned number (control numbers, flags) */
    ET_ENTITY,    /* "person" or "organization" */
    ET_CODES,     /* modifiers: XML space-separated, JSON an array of strings or such text */
    ET_POINTERS,  /* 1-based numbers: XML space-separated, JSON an array of integers */
    ET_ENUM,      /* one of the names of the attribute's list */
    ET_CHAR,      /* one character (poa) */
    ET_LINES      /* texts joined by "\n" (file information): JSON also an array of
                     strings; XML repeated child elements (encounter_xml.c) */
};

/* Where a value goes. */
enum {
    EC_OBJ = 1,   /* the record's own setter (x12_claim_set, ...) with `field` */
    EC_AMOUNT,    /* its amount setter with `field` */
    EC_OPTION,    /* x12_batch_set_option with `field` */
    EC_PARTY,     /* x12_party_set of the record's party */
    EC_PARTY_ID,  /* x12_party_set(X12_PARTY_ID) */
    EC_ENTITY,    /* x12_party_set_entity */
    EC_SPECIAL    /* read by the record's own builder */
};

typedef struct enc_attr {
    const char *name;
    unsigned char nlen;     /* strlen(name) */
    unsigned char type;     /* ET_* */
    unsigned char cls;      /* EC_* */
    unsigned char required; /* the XML schema says use="required" */
    int field;
    const char *const *names; /* ET_ENUM: the allowed names, NULL-terminated */
    const int *values;        /* ET_ENUM: their enum values */
} enc_attr;

#define ENC_MAX_ATTRS 96

/* The attributes of kind k, *n of them (at most ENC_MAX_ATTRS). */
const enc_attr *enc_attrs(enc_kind k, size_t *n);
/* The index of attribute `name` (len bytes) of kind k, or -1. */
int enc_attr_index(enc_kind k, const char *name, size_t len);
/* The enum value of `name` for an ET_ENUM attribute, or 0. */
int enc_enum_value(const enc_attr *a, const char *name, size_t len);
/* "principal, other, admitting or reason": the allowed names, for messages. */
void enc_enum_list(const enc_attr *a, char *buf, size_t size);

/* One record's values, by attribute index, as the reader found them:
 * text as a view (valid while the record is used), amounts in cents,
 * numbers and enum values in n. */
typedef struct enc_val {
    const char *p;
    size_t len;
    int64_t n;
    unsigned char set;
} enc_val;

typedef struct enc_rec {
    enc_kind kind;
    enc_val v[ENC_MAX_ATTRS];
} enc_rec;

void enc_rec_init(enc_rec *r, enc_kind k);
/* The value of attribute `name` of the record, or NULL when not set. */
const enc_val *enc_get(const enc_rec *r, const char *name);

/*
 * Puts a record's values into the model: its own fields and amounts into
 * `obj` (x12_batch *, x12_subscriber *, x12_patient *, x12_claim *,
 * x12_other_payer *, x12_service_line *, x12_line_adjudication * as the
 * kind says; NULL for pure parties), its name, id, address and entity
 * into `party` (NULL when it has none), options into the batch `b`.
 * Lists (ET_CODES, ET_POINTERS) are the reader's to add.  X12_OK;
 * X12_ENOMEM; X12_EINVAL with *bad the index of a value the model refused
 * (an option out of range).
 */
x12_status enc_apply(x12_batch *b, const enc_rec *r, void *obj, x12_party *party, int *bad);
/* Adds the record kinds that are one call of the model: a diagnosis or a
 * code to claim c, an adjustment to an other payer (op) or a line
 * adjudication (la, when op is NULL).  X12_OK, X12_ENOMEM. */
x12_status enc_add_diagnosis(x12_claim *c, const enc_rec *r);
x12_status enc_add_code(x12_claim *c, const enc_rec *r);
x12_status enc_add_adjustment(x12_other_payer *op, x12_line_adjudication *la,
                              const enc_rec *r);
/* Adds each space-separated code of text to the line (la NULL) or the
 * adjudication's modifiers. */
x12_status enc_add_modifiers(x12_service_line *l, x12_line_adjudication *la, const char *p,
                             size_t len);
/* 1 when the model object already holds exactly the record's values
 * (every attribute of its kind compared, absent ones as empty): a JSONL
 * line repeating the provider, subscriber or patient of the line before. */
int enc_same(const enc_rec *r, const void *obj, const x12_party *party);

/* Whether the kind 837P / 837I is named "837P" / "837I". */
extern const char *const enc_kind_names[];
extern const int enc_kind_values[];

#endif /* X12_ENCOUNTER_INTERNAL_H */
