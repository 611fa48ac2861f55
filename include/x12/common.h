/*
 * libx12 - common definitions shared by every public header.
 *
 * Export macro, string views, the allocator hook and version queries.
 */
#ifndef X12_COMMON_H
#define X12_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X12_API marks the functions the shared library exports.  Everything else
 * in the library is built with -fvisibility=hidden. */
#if defined(X12_BUILDING_LIBRARY) && defined(__GNUC__)
#define X12_API __attribute__((visibility("default")))
#else
#define X12_API
#endif

/* Compile-time version of the headers: X12_VERSION_MAJOR, _MINOR, _PATCH
 * (numbers) and X12_VERSION_STRING ("MAJOR.MINOR.PATCH"). */
#include <x12/version.h>

/* Run-time version of the linked library, "MAJOR.MINOR.PATCH" (the
 * X12_VERSION_STRING it was built with).  Static storage: never freed. */
X12_API const char *x12_version(void);

/*
 * A view of bytes owned by someone else: `ptr` is never NULL (an absent
 * value is an empty view), `len` bytes are valid, and the bytes are NOT
 * NUL-terminated.  Each function that returns a view says how long it stays
 * valid.
 */
typedef struct x12_str {
    const char *ptr;
    size_t len;
} x12_str;

/*
 * Caller-supplied allocation functions.  Pass NULL wherever an allocator is
 * accepted to use malloc/realloc/free.  `struct_size` must be set to
 * sizeof(x12_allocator) so the structure can grow in later versions: any
 * size from this first version's up is accepted, and only the members the
 * library knows are read.
 * `realloc_fn` must behave like realloc(3), including realloc_fn(NULL, n).
 * The structure is copied; it need not outlive the call that takes it.
 */
typedef struct x12_allocator {
    size_t struct_size;
    void *(*malloc_fn)(size_t size, void *user);
    void *(*realloc_fn)(void *ptr, size_t size, void *user);
    void (*free_fn)(void *ptr, void *user);
    void *user;
} x12_allocator;

/* Input callback (XML and encounter readers): copy up to `cap` bytes into
 * buf, set *got (0 = end of input) and return 0; non-zero means a read
 * error (X12_EIO). */
typedef int (*x12_read_fn)(void *user, char *buf, size_t cap, size_t *got);

#ifdef __cplusplus
}
#endif

#endif /* X12_COMMON_H */
