/*
 * Byte ranges (include/x12/range.h): what a reader keeps of the range it
 * was given, shared by lib/reader.c (which applies it) and
 * lib/reader_range.c (which makes it, and plans ranges).  Never installed.
 */
#ifndef X12_RANGE_INTERNAL_H
#define X12_RANGE_INTERNAL_H

#include <x12/range.h>

#include "reader_internal.h"

typedef struct x12i_range {
    uint64_t offset, length;
    int limited;            /* length is not UINT64_MAX */
    int in_interchange;     /* an ISA was given: start inside its interchange */
    x12_delimiters delims;  /* its delimiters */
    x12_envelope env;       /* envelope values and counts to start from */
} x12i_range;

/* Checks and copies a caller's range: the ISA and GS segments are read
 * (with a reader of their own) for their delimiters and values.
 * X12_EINVAL, X12_ESYNTAX, X12_ENOMEM (see x12_reader_set_range). */
x12_status x12i_range_make(const x12i_alloc *a, const x12_range *in, x12i_range **out);
void x12i_range_free(const x12i_alloc *a, x12i_range *rg);

/* Starts `env` (a reader's, just opened) where the range starts.
 * X12_ENOMEM. */
x12_status x12i_range_env(const x12i_alloc *a, const x12i_range *rg, x12_envelope *env);

/* At the end of a range: a transaction set still open is reported (its SE
 * is not in the range); an open group or interchange is closed quietly
 * (their GE and IEA are in later ranges). */
void x12i_range_finish(x12_envelope *env, int check, x12i_report_fn report, void *ctx);

#endif /* X12_RANGE_INTERNAL_H */
