/*
 * tests/failalloc.c - an LD_PRELOAD shim for tests/hostile.sh: malloc,
 * calloc and realloc refuse (NULL, errno ENOMEM) every request whose size
 * lies in the range X12_TEST_FAIL_ALLOC="LO-HI" (bytes), and pass the rest
 * to the C library.  So a test can make one allocation of the x12 tool fail
 * (the reader's read buffer of 65536 bytes, say) while the others succeed,
 * and check what the tool then says and how it exits.  Not for builds with
 * AddressSanitizer (its own allocator must stay in place).
 */
#include <errno.h>
#include <stdlib.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t k);
void *__libc_realloc(void *p, size_t n);

static int range_read;
static size_t lo = 1, hi = 0;

/* Parses the range once; getenv does not allocate. */
static int refused(size_t n)
{
    if (!range_read) {
        const char *s = getenv("X12_TEST_FAIL_ALLOC");
        range_read = 1;
        if (s != NULL) {
            char *end;
            unsigned long a = strtoul(s, &end, 10), b;
            if (*end == '-') {
                b = strtoul(end + 1, &end, 10);
                if (*end == '\0' && a <= b) {
                    lo = a;
                    hi = b;
                }
            }
        }
    }
    if (n >= lo && n <= hi) {
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t n)
{
    return refused(n) ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t k)
{
    return (k != 0 && n <= (size_t)-1 / k && refused(n * k)) ? NULL : __libc_calloc(n, k);
}

void *realloc(void *p, size_t n)
{
    return refused(n) ? NULL : __libc_realloc(p, n);
}
