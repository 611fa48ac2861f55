/*
 * libx12 - implementation guides as data.
 *
 * A spec describes one transaction set as an implementation guide uses it:
 * its loops (trigger segment and qualifier codes, usage, repeats), segments
 * in order (usage, maximum use, the qualifier codes that select them) and
 * elements (data type, lengths, usage, code lists, composites).  The format
 * is XML (specs/x12spec.xsd in the source tree).
 *
 * The HIPAA 5010 guides are compiled into the library, so a program needs no
 * files at run time:
 *
 *     005010X222A1  837 professional claim
 *     005010X223A2  837 institutional claim
 *     005010X221A1  835 payment / remittance advice
 *     005010X231A1  999 implementation acknowledgment
 *     005010X279A1  270 eligibility inquiry and 271 response (one id, two sets)
 *     005010X212    276 claim status request and 277 response
 *     005010X214    277 claim acknowledgment (277CA)
 *
 * x12_spec_builtin() looks up by id alone and so gives the first of two
 * guides sharing one (the 270 for 005010X279A1); x12_spec_builtin_for()
 * takes the transaction set too.
 *
 * A companion guide (a payer's tighter lengths, extra codes, its own rules)
 * is loaded at run time with x12_spec_load_file() and used in place of, or
 * next to, the built-ins (see <x12/validate.h>).
 */
#ifndef X12_SPEC_H
#define X12_SPEC_H

#include <x12/common.h>
#include <x12/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct x12_spec x12_spec;

/* The built-in guide with this id (GS08 / ST03 value such as
 * "005010X222A1"), or NULL.  Static storage: never free it (x12_spec_free
 * ignores it). */
X12_API const x12_spec *x12_spec_builtin(const char *id);

/* Number of built-in guides, and the i-th (NULL when out of range). */
X12_API size_t x12_spec_builtin_count(void);
X12_API const x12_spec *x12_spec_builtin_at(size_t i);

/*
 * The built-in guide for a transaction set: ST01 (e.g. "837") and the
 * version from ST03 or GS08 (e.g. "005010X222A1").  A version the library
 * does not have but whose first ten characters name a known guide (an
 * errata release such as "005010X222A2") gives that guide and sets
 * *exact = 0; otherwise *exact = 1.  NULL when nothing fits.  `exact` may
 * be NULL.
 */
X12_API const x12_spec *x12_spec_builtin_for(const char *set_id, const char *version,
                                             int *exact);

/*
 * Loads a spec from an XML file, checks it against the schema and builds
 * it.  On success *out is a new spec the caller frees with x12_spec_free.
 * On failure *out is NULL and, when errsize > 0, err receives a one-line
 * reason naming the file and line: "payer.xml:12: segment NM1 has no
 * segdef".  `alloc` may be NULL.
 * X12_EIO (cannot read: the message says why), X12_ESYNTAX (not well-formed
 * XML, not valid against the schema, or inconsistent), X12_ENOMEM,
 * X12_EINVAL (NULL path or out).
 */
X12_API x12_status x12_spec_load_file(const char *path, const x12_allocator *alloc,
                                      x12_spec **out, char *err, size_t errsize);

/* The same from `len` bytes in memory; `name` is used in messages (NULL:
 * "<memory>"). */
X12_API x12_status x12_spec_load_memory(const void *data, size_t len, const char *name,
                                        const x12_allocator *alloc, x12_spec **out,
                                        char *err, size_t errsize);

/* Frees a spec from x12_spec_load_file/_memory.  NULL and built-in specs
 * are ignored.  A validator using the spec must be freed first. */
X12_API void x12_spec_free(x12_spec *spec);

/* The guide's id ("005010X222A1"), transaction set ("837"), name, and the
 * base guide a companion guide names ("" if none).  NUL-terminated, valid
 * as long as the spec. */
X12_API const char *x12_spec_id(const x12_spec *spec);
X12_API const char *x12_spec_set_id(const x12_spec *spec);
X12_API const char *x12_spec_name(const x12_spec *spec);
X12_API const char *x12_spec_base(const x12_spec *spec);

/* Number of distinct loops and segment positions the guide describes
 * (a loop used in two places counts once). */
X12_API size_t x12_spec_loop_count(const x12_spec *spec);

#ifdef __cplusplus
}
#endif

#endif /* X12_SPEC_H */
