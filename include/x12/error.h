/*
 * libx12 - status codes and located error records.
 *
 * Every call returns an x12_status.  Problems found in input are described by
 * x12_error records carrying the position where they were found: segment
 * number (ISA = 1, counted across the interchange), segment id, loop id,
 * element / component / repetition index (1-based, 0 = not applicable), byte
 * offset in the (decompressed) input, a stable rule name and a one-line
 * message.  Messages never quote identifying values (names, member ids,
 * addresses, dates of birth, patient control numbers).
 */
#ifndef X12_ERROR_H
#define X12_ERROR_H

#include <x12/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values are part of the ABI: new codes are only ever appended. */
typedef enum x12_status {
    X12_OK = 0,        /* success */
    X12_END = 1,       /* no more segments: the input is finished */
    X12_AGAIN = 2,     /* push reader: feed more bytes, then call again */
    X12_ENOMEM = 3,    /* an allocation failed */
    X12_EINVAL = 4,    /* an argument is invalid (NULL handle, bad option, ...) */
    X12_EIO = 5,       /* reading or writing failed (see errno) */
    X12_EGZIP = 6,     /* the gzip stream is corrupt or truncated */
    X12_ESYNTAX = 7,   /* the input is not well-formed X12 */
    X12_ELIMIT = 8,    /* a configured limit was exceeded */
    X12_EENVELOPE = 9, /* ISA/IEA, GS/GE or ST/SE rules are broken */
    X12_EDELIM = 10,   /* writer: a delimiter character inside data */
    X12_ESTATE = 11,   /* the call is not allowed in the handle's current state */
    X12_ERANGE = 12,   /* writer: a value does not fit its field */
    X12_EEDIT = 13     /* claims fail pre-submission edits (see the edit list) */
} x12_status;

/* Text for a status, e.g. "input is not well-formed X12".  Static storage;
 * never NULL (unknown values give "unknown status"). */
X12_API const char *x12_strerror(x12_status status);

typedef enum x12_severity {
    X12_SEV_WARNING = 1, /* the input is usable; something is off */
    X12_SEV_ERROR = 2,   /* a rule is broken; the reader went on */
    X12_SEV_FATAL = 3    /* the reader cannot go on */
} x12_severity;

/* Opaque located error record.  Records are owned by the handle that
 * produced them; each function that hands one out says how long it lives.
 * Copy what you need (x12_error_format) to keep it longer. */
typedef struct x12_error x12_error;

X12_API x12_status x12_error_status(const x12_error *e);
X12_API x12_severity x12_error_severity(const x12_error *e);
/* Segment number in the interchange (ISA = 1); 0 when no segment applies. */
X12_API uint64_t x12_error_segment_number(const x12_error *e);
/* Segment id such as "SE"; "" when none; "?" when the bytes where the id
 * should be are not of X12's shape (they may be data, such as a name).
 * NUL-terminated, lives with e. */
X12_API const char *x12_error_segment_id(const x12_error *e);
/* Loop id such as "2300"; "" when not known.  NUL-terminated. */
X12_API const char *x12_error_loop_id(const x12_error *e);
/* 1-based element, component, repetition index; 0 = not applicable. */
X12_API unsigned x12_error_element(const x12_error *e);
X12_API unsigned x12_error_component(const x12_error *e);
X12_API unsigned x12_error_repetition(const x12_error *e);
/* Byte offset where the problem is: in the input (after gzip decoding) for
 * reader errors, in the output for writer errors. */
X12_API uint64_t x12_error_offset(const x12_error *e);
/* Stable machine-readable rule name, e.g. "se01-count".  NUL-terminated. */
X12_API const char *x12_error_rule(const x12_error *e);
/* One-line message for a person, e.g. "SE01 says 25 segments, counted 24".
 * NUL-terminated, no trailing newline. */
X12_API const char *x12_error_message(const x12_error *e);

/*
 * Writes "SEGNO:SEGID[-ELEM[-COMP]]: message" (the form the CLI prints after
 * the file name) into buf, truncating to size-1 bytes and NUL-terminating
 * when size > 0.  Returns the length the full text needs, like snprintf.
 */
X12_API size_t x12_error_format(const x12_error *e, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* X12_ERROR_H */
