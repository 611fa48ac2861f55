/*
 * The reader's segment index (lib/reader_index.c): delimiter positions of
 * up to X12I_INDEX_SPAN bytes of the window, found with SSE2, AVX2 or
 * AVX-512 a block of 64 bytes at a time, from which the reader takes one
 * segment after another with a handful of loads and stores (reader.c,
 * index_segment).  Building it is a call per span; taking from it is
 * inline, since it runs for every segment.  The index knows delimiters and
 * positions only: what may be taken from it (an ISA, too many elements, a
 * trailer at the window's end) the reader decides.
 *
 * Build switches: -DX12_NO_INDEX leaves the reader with its general
 * scanner only (as on CPUs without SSE2: every call here is then a stub
 * the compiler removes), -DX12_NO_AVX2 with the portable SSE2 index.
 * Never installed.
 */
#ifndef X12_READER_INDEX_H
#define X12_READER_INDEX_H

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__SSE2__) && !defined(X12_NO_INDEX)
#define X12I_HAVE_INDEX 1
#else
#define X12I_HAVE_INDEX 0
#endif

/* Bytes of the window one index covers. */
#define X12I_INDEX_SPAN 4096u
_Static_assert(X12I_INDEX_SPAN % 64u == 0, "the kernels scan whole blocks of 64 bytes");

/*
 * ipos[1 .. in) holds each delimiter's position + 1, in order; ipos[0] is
 * spare.  iterm[0 .. itn) holds the ipos index of each terminator among
 * them.  The next segment's terminator is iterm[icur] and its first
 * separator (if any) ipos[ient].  Valid while ok: the reader drops it
 * (x12i_index_drop) whenever it scans without it, refills its window or
 * learns new delimiters.  All zero is an empty index.
 */
typedef struct x12i_index {
    size_t *ipos;
    uint32_t *iterm;
    size_t in, itn, icur, ient;
    int ok;
    size_t next; /* no index before this window offset (a long segment) */
} x12i_index;

/* The scanners, in order of speed.  Public callers only see X12_SCAN_AUTO,
 * _GENERAL and _INDEX (reader.h): which instructions build the index stays
 * inside the library, named by x12i_scanner_name. */
typedef enum x12i_scanner {
    X12I_SCAN_GENERAL = 1, /* no index */
    X12I_SCAN_SSE2 = 2,    /* index built with SSE2 and POPCNT */
    X12I_SCAN_AVX2 = 3,    /* ... with AVX2, POPCNT and BMI1 */
    X12I_SCAN_AVX512 = 4   /* ... with AVX-512 (BW, VL, VBMI2) and BMI2 */
} x12i_scanner;

/* The fastest scanner this build and CPU have: X12I_SCAN_AVX512,
 * X12I_SCAN_AVX2, X12I_SCAN_SSE2 or X12I_SCAN_GENERAL (no index). */
x12i_scanner x12i_index_best(void);

/* "general", "sse2", "avx2", "avx512". */
const char *x12i_scanner_name(x12i_scanner s);

/* The scanner X12_SCANNER names when this CPU has it (at most `best`),
 * else `best`. */
x12i_scanner x12i_scanner_from_env(x12i_scanner best);

/* x12i_index_build past its quick answers (below). */
int x12i_index_fill(x12i_index *ix, const x12i_alloc *a, x12i_scanner scan, const char *buf,
                    size_t q, size_t end, char term, char esep);
void x12i_index_free(x12i_index *ix, const x12i_alloc *a);

static inline void x12i_index_drop(x12i_index *ix)
{
    ix->ok = 0;
}

/* The window moved: offsets of the old one mean nothing any more. */
static inline void x12i_index_moved(x12i_index *ix)
{
    ix->next = 0;
}

/*
 * Indexes buf[q, end) with scanner `scan` (X12I_SCAN_GENERAL: never), at
 * most X12I_INDEX_SPAN bytes and whole 64-byte blocks of it, for the
 * terminator `term` and element separator `esep`; its arrays are
 * allocated from `a` on first use.  Returns 1 when the index holds at least
 * one whole segment's terminator, 0 when the general scanner must take the
 * segment at q (too few bytes, one segment longer than the span, or no
 * memory for the index: not an error, tried again when the window moves).
 * Inline up to the call that builds: with the general scanner the reader
 * asks for every segment.
 */
static inline int x12i_index_build(x12i_index *ix, const x12i_alloc *a, x12i_scanner scan,
                                   const char *buf, size_t q, size_t end, char term,
                                   char esep)
{
    ix->ok = 0;
    if (!X12I_HAVE_INDEX || scan == X12I_SCAN_GENERAL || q + 64 > end || q < ix->next)
        return 0;
    return x12i_index_fill(ix, a, scan, buf, q, end, term, esep);
}

/* 1 when the index holds the next segment's terminator. */
static inline int x12i_index_ready(const x12i_index *ix)
{
#if X12I_HAVE_INDEX
    return ix->ok && ix->icur < ix->itn;
#else
    (void)ix;
    return 0;
#endif
}

/* The next segment (x12i_index_ready): returns its terminator's window
 * offset; *j and *k identify it for x12i_index_take, and it has j - k
 * element separators. */
static inline size_t x12i_index_peek(const x12i_index *ix, size_t *j, size_t *k)
{
    X12_ASSERT(x12i_index_ready(ix));
    *j = ix->iterm[ix->icur];
    *k = ix->ient;
    return ix->ipos[*j] - 1;
}

/* Takes the peeked segment, which starts at window offset p, and moves to
 * the next.  Returns its element starts as x12_segment.starts wants them
 * (relative to the window): [0] = p, [i] = the byte after separator i,
 * [j - k + 1] = the byte after its terminator.  The entry before the first
 * separator is the previous terminator's, which nobody needs any more: it
 * becomes this segment's start.  Valid until the index is rebuilt. */
static inline size_t *x12i_index_take(x12i_index *ix, size_t j, size_t k, size_t p)
{
    X12_ASSERT(x12i_index_ready(ix) && k >= 1 && j >= k && j == ix->iterm[ix->icur]);
    ix->ipos[k - 1] = p;
    ix->icur++;
    ix->ient = j + 1;
    return ix->ipos + k - 1;
}

#if defined(__SSE2__)
/* Bit i of the masks says whether p[i] is the terminator / the element
 * separator, for the 64 bytes at p (the general scanner's SSE2 path uses
 * it too). */
static inline void x12i_block_masks(const char *p, __m128i vt, __m128i ve, uint64_t *mt,
                                    uint64_t *me)
{
    uint64_t t = 0, e = 0;
    unsigned i;

    for (i = 0; i < 4; i++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        t |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vt)) << (16 * i);
        e |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, ve)) << (16 * i);
    }
    *mt = t;
    *me = e;
}
#endif

#endif /* X12_READER_INDEX_H */
