/*
 * libx12 - envelope context and checks (ISA/IEA, GS/GE, ST/SE).
 *
 * As the reader goes it checks: ISA fixed widths (a warning), IEA01 = number
 * of groups, IEA02 = ISA13, GE01 = number of transaction sets, GE02 = GS06,
 * SE01 = segments from ST to SE inclusive, SE02 = ST02, and nesting (GS
 * outside an interchange, ST outside a group, a new ISA/GS/ST before the
 * previous one closed, input ending inside an envelope).  Each problem is an
 * error record (rules "isa-width", "iea01-count", "iea02-control",
 * "ge01-count", "ge02-control", "se01-count", "se02-control", "nesting",
 * "missing-trailer", "control-number").
 *
 * The context of the current segment is available from
 * x12_reader_envelope(); its views are valid until the next reader call.
 */
#ifndef X12_ENVELOPE_H
#define X12_ENVELOPE_H

#include <x12/common.h>
#include <x12/reader.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Envelope fields, named for the element they come from.  Values are part of
 * the ABI; new ones are appended. */
typedef enum x12_env_field {
    X12_ENV_ISA05 = 1,  /* interchange sender id qualifier */
    X12_ENV_ISA06 = 2,  /* interchange sender id (trailing spaces removed) */
    X12_ENV_ISA07 = 3,  /* interchange receiver id qualifier */
    X12_ENV_ISA08 = 4,  /* interchange receiver id (trailing spaces removed) */
    X12_ENV_ISA09 = 5,  /* interchange date YYMMDD */
    X12_ENV_ISA10 = 6,  /* interchange time HHMM */
    X12_ENV_ISA12 = 7,  /* interchange control version, e.g. 00501 */
    X12_ENV_ISA13 = 8,  /* interchange control number */
    X12_ENV_ISA14 = 9,  /* acknowledgment requested 0/1 */
    X12_ENV_ISA15 = 10, /* usage indicator P/T */
    X12_ENV_GS01 = 11,  /* functional identifier code, e.g. HC */
    X12_ENV_GS02 = 12,  /* application sender code */
    X12_ENV_GS03 = 13,  /* application receiver code */
    X12_ENV_GS04 = 14,  /* group date CCYYMMDD */
    X12_ENV_GS05 = 15,  /* group time */
    X12_ENV_GS06 = 16,  /* group control number */
    X12_ENV_GS08 = 17,  /* version / release / industry id, e.g. 005010X222A1 */
    X12_ENV_ST01 = 18,  /* transaction set id, e.g. 837 */
    X12_ENV_ST02 = 19,  /* transaction set control number */
    X12_ENV_ST03 = 20   /* implementation convention reference */
} x12_env_field;

/* Value of a field of the enclosing envelope; empty when the field is not
 * present or the segment is outside that envelope level. */
X12_API x12_str x12_envelope_get(const x12_envelope *env, x12_env_field field);

typedef enum x12_env_count {
    X12_COUNT_INTERCHANGES = 1,     /* ISA segments seen so far in the input */
    X12_COUNT_GROUPS = 2,           /* GS seen in the current interchange */
    X12_COUNT_SETS = 3,             /* ST seen in the current group */
    X12_COUNT_SET_SEGMENTS = 4,     /* segments so far in the current set, ST included */
    X12_COUNT_SEGMENTS = 5,         /* segments so far in the current interchange */
    X12_COUNT_TOTAL_GROUPS = 6,     /* GS seen in the whole input */
    X12_COUNT_TOTAL_SETS = 7,       /* ST seen in the whole input */
    X12_COUNT_TOTAL_SEGMENTS = 8    /* segments seen in the whole input */
} x12_env_count;

X12_API uint64_t x12_envelope_count(const x12_envelope *env, x12_env_count which);

/* 1 when the current segment is inside ISA..IEA, GS..GE, ST..SE
 * respectively (the opening and closing segments count as inside). */
X12_API int x12_envelope_in_interchange(const x12_envelope *env);
X12_API int x12_envelope_in_group(const x12_envelope *env);
X12_API int x12_envelope_in_set(const x12_envelope *env);

#ifdef __cplusplus
}
#endif

#endif /* X12_ENVELOPE_H */
