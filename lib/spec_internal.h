/*
 * libx12 internals: the in-memory form of an implementation guide.
 *
 * The same structures are built two ways: at build time tools/specgen reads
 * specs/GUIDE.xml and writes them out as static const C tables
 * (lib/spec_tables.c in the build directory), and at run time
 * x12_spec_load_file() builds them in an arena from a companion-guide XML
 * file.  Both use lib/spec_xml.c to read the XML, so a built-in guide and the
 * same file loaded at run time are identical.  Never installed.
 */
#ifndef X12_SPEC_INTERNAL_H
#define X12_SPEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Data types of simple elements.  0 marks a composite or a position the
 * guide does not describe (anything is accepted there). */
enum {
    X12I_T_NONE = 0,
    X12I_T_AN = 1,
    X12I_T_ID = 2,
    X12I_T_N = 3, /* Nn: `decimals` implied decimal places */
    X12I_T_R = 4,
    X12I_T_DT = 5,
    X12I_T_TM = 6,
    X12I_T_B = 7
};

/* Usage, as the guides write it. */
enum { X12I_U_R = 'R', X12I_U_S = 'S', X12I_U_N = 'N' };

/* Syntax notes (X12 relational conditions). */
enum { X12I_SYN_P = 'P', X12I_SYN_R = 'R', X12I_SYN_E = 'E', X12I_SYN_C = 'C', X12I_SYN_L = 'L' };

typedef struct x12i_elem {
    const char *ref;   /* data element reference number ("98") or composite id ("C023"); "" unknown */
    const char *name;  /* "" when not given */
    const char *codes; /* " 41 40 " (spaces around every code), or NULL: any value of the type */
    const struct x12i_elem *comps; /* components of a composite (component j at comps[j-1]) */
    uint32_t repeat;   /* most repetitions; 1 = not repeating; 0 = unbounded */
    uint16_t ncomps;   /* > 0 only for a composite */
    uint16_t min, max; /* length; max 0 = not checked */
    uint8_t type;      /* X12I_T_*; X12I_T_NONE for a composite */
    uint8_t decimals;  /* for X12I_T_N */
    uint8_t usage;     /* X12I_U_* */
    uint8_t dateformat; /* position of the date format qualifier element, 0 none */
    uint8_t defined;   /* 0: a gap in the segdef (nothing is checked) */
    uint8_t warn;      /* 1: problems with this element are warnings */
    /* A situational rule the guide states for this element ("required
     * when the address is in the US or Canada", "the NPI when NM108 is
     * XX"): its condition is that element `ifpos` of the same segment (its
     * first component) holds one of `ifcodes`, or is empty when
     * `ifabsent`; without `ifpos` the condition always holds.  With
     * `ifcomps`, `ifpos` is a composite and the condition reads the
     * components whose bits are set (bit j-1 for component j): it holds
     * when one of them holds one of `ifcodes`, or when all are empty and
     * `ifabsent` ("CLM11-4 when CLM11-1 or CLM11-2 is AA").  While the
     * condition holds the usage is `ifusage` and `check` applies - when
     * `checkcodes` is given, only while the condition's element (or
     * components) also holds one of them, or is empty and `ifabsent`
     * (the billing provider's ZIP+4 for a US address, where the usage
     * rule is about US and Canadian ones); while it does not, the usage
     * is `elseusage` (0: `usage` either way).  `codelist`, like `codes`,
     * applies wherever the element is used. */
    const char *ifcodes;  /* " US CA " or NULL */
    const char *checkcodes; /* " US " or NULL */
    uint32_t ifcomps;     /* 0: the first component of `ifpos` */
    uint16_t ifpos;       /* 0: no condition */
    uint8_t ifabsent;
    uint8_t ifusage, elseusage; /* X12I_U_* or 0 */
    uint8_t check;        /* X12I_CHK_* */
    uint8_t codelist;     /* 1 + index in x12i_codelists; 0 none */
    /* Derived: 1 when the element has any of the above (the validator's
     * fast path tests this one byte). */
    uint8_t rule;
} x12i_elem;

/* Named value checks (the `check` attribute of an element). */
enum {
    X12I_CHK_NONE = 0,
    X12I_CHK_NPI = 1,     /* National Provider Identifier: 10 digits, Luhn check digit over
                           * 80840 and the first nine */
    X12I_CHK_ZIP9 = 2,    /* a nine-digit ZIP code (ZIP+4, no hyphen) */
    X12I_CHK_GUIDE_ID = 3 /* names the guide the set is validated against (ST03) */
};

/* External code lists compiled into the library from specs/codes/NAME.tsv
 * (lib/spec_codes.c): an element names one with codelist="NAME". */
typedef struct x12i_codelist {
    const char *name;  /* "states" */
    const char *title; /* for messages: "US state, territory or Canadian province code" */
    const char *const *codes; /* sorted by length, then byte order */
    const size_t *count;
} x12i_codelist;
extern const x12i_codelist x12i_codelists[];
extern const size_t x12i_ncodelists;
/* Index of the list named `name`, or -1. */
long x12i_codelist_find(const char *name);
/* 1 when v (len n) is a code of list `idx`. */
int x12i_codelist_has(size_t idx, const char *v, size_t n);

typedef struct x12i_syntax {
    const uint16_t *pos; /* element positions */
    uint16_t npos;
    uint8_t rule; /* X12I_SYN_* */
    /* Derived (spec_xml.c): bit p set for each position p, so that the
     * validator tests a note against a segment's present elements at
     * once; 0 when a position is 64 or more or named twice. */
    uint64_t mask;
} x12i_syntax;

typedef struct x12i_seg {
    const char *id;
    const char *name;
    const x12i_elem *elems; /* element i at elems[i-1] */
    const x12i_syntax *syntax;
    uint32_t max_use;       /* 0 = unbounded */
    uint16_t nelems;
    uint16_t nsyntax;
    uint16_t key, keycomp;  /* element (component) whose codes select this segment; 0 none */
    uint16_t key2;          /* a second simple element whose codes must fit too; 0 none */
    uint16_t context;       /* element naming the business unit (CLM01), 0 none */
    /* Derived: the last element that can be required (usage R, or R while
     * a rule's condition holds or not); 0 none.  Elements past it can be
     * left out without a finding. */
    uint16_t lastreq;
    uint8_t usage;
} x12i_seg;

struct x12i_loop;

/* One child of a loop body: exactly one of seg and loop is set. */
typedef struct x12i_node {
    const x12i_seg *seg;
    const struct x12i_loop *loop;
} x12i_node;

/* A situational rule the guide states in words: when the condition
 * segment (a child of the loop, e.g. CLM) has one of `codes` at element
 * `element` (component `component`, 0 for a simple element), the target
 * child (e.g. REF*F8) is required (`require` 1: IK3 3 at the condition
 * segment when the loop closes without it) or must be absent (`require` 0:
 * IK3 I9 on the target; the condition segment comes first).  At most
 * X12I_WHEN_MAX per loop. */
#define X12I_WHEN_MAX 32
typedef struct x12i_when {
    const char *codes;  /* " 7 8 " */
    const char *what;   /* the target as the guide names it: "REF*F8" */
    const char *note;   /* why, for the message ("a replacement or void"); "" none */
    uint32_t cond;      /* child index of the condition segment */
    uint32_t target;    /* child index of the target segment */
    uint16_t element, component;
    uint8_t require;
} x12i_when;

typedef struct x12i_loop {
    const char *id;   /* "2010AA"; "" for the transaction body */
    const char *name;
    const x12i_node *children;
    uint32_t nchildren;
    uint32_t max;     /* 0 = unbounded */
    uint8_t usage;
    /* Derived from the children when the guide is read (spec_xml.c), so
     * that the validator places a segment and closes a loop without
     * walking every child: the id of each child's segment (a loop's
     * trigger) as x12i_pack_id gives it, and the positions of the
     * required children in order. */
    const uint32_t *tids;
    const uint32_t *req;
    uint32_t nreq;
    /* Per child: the first child at its position of the standard.  A
     * guide gives each qualifier of a segment at one position (REF*G1,
     * REF*D9 ... at 2300 position 1800) as an entry of its own:
     * consecutive segment children with the same id, never a loop's
     * trigger, share one position and may come in any order. */
    const uint32_t *gstart;
    /* Situational rules (<when>), checked only in loops that have some. */
    const x12i_when *whens;
    uint32_t nwhens;
} x12i_loop;

/* A segment id packed into 32 bits: two or three bytes, bit 24 set for
 * three; X12I_NOID (which no id packs to) for any other length. */
#define X12I_NOID UINT32_MAX
static inline uint32_t x12i_pack_id(const char *p, size_t n)
{
    if (n == 2)
        return (uint32_t)(unsigned char)p[0] | (uint32_t)(unsigned char)p[1] << 8;
    if (n == 3)
        return (uint32_t)(unsigned char)p[0] | (uint32_t)(unsigned char)p[1] << 8 |
               (uint32_t)(unsigned char)p[2] << 16 | UINT32_C(1) << 24;
    return X12I_NOID;
}

struct x12_spec {
    const char *id;   /* "005010X222A1" */
    const char *set;  /* "837" */
    const char *name;
    const char *base; /* "" unless a companion guide names its base */
    const x12i_loop *body;
    /* Every segment id the guide uses, sorted (strcmp): tells a segment that
     * is out of place (999 code 2/7) from one the set does not have (6). */
    const char *const *segids;
    size_t nsegids;
    /* Only for specs loaded at run time. */
    int loaded;
    x12i_alloc alloc;
    void *arena;
};

/* ---- built-in tables (lib/spec_tables.c, generated) ---------------------- */

extern const struct x12_spec *const x12i_builtin_specs[];
extern const size_t x12i_builtin_count;
/* specs/x12spec.xsd as a C string, used to check specs loaded at run time. */
extern const char x12i_spec_xsd[];

/* ---- reading XML (lib/spec_xml.c) ----------------------------------------
 * Builds a spec from a parsed libxml2 document (already checked against the
 * schema).  Memory comes from an arena owned by the returned spec.  On
 * failure returns NULL and writes "LINE: message" into err.  Used by the
 * library and by tools/specgen. */
struct _xmlDoc;
struct x12_spec *x12i_spec_from_doc(const x12i_alloc *a, struct _xmlDoc *doc, char *err,
                                    size_t errsize, x12_status *st);
void x12i_spec_destroy(struct x12_spec *spec);

/* The codes of s's key element (component), or NULL when it has none. */
const char *x12i_seg_key_codes(const x12i_seg *s);

/* 1 when `v` (len n) is one of the codes " a b c ". */
int x12i_code_in(const char *codes, const char *v, size_t n);

/* X12 segment ids of the 005010 dictionary that are not in any guide we
 * ship: a segment with one of these ids is "not in the transaction set"
 * (999 code 6) rather than "unrecognized" (1).  Sorted. */
int x12i_known_segment_id(const char *id, size_t n);

#endif /* X12_SPEC_INTERNAL_H */
