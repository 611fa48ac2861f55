/*
 * The reader's segment index: the delimiter positions of a span of the
 * window, for reader.c to take segments from (interface and layout in
 * reader_index.h).  SSE2 with POPCNT, AVX2 or AVX-512, chosen at run time
 * on x86-64 with GCC or Clang (x12i_index_best); -DX12_NO_INDEX builds
 * none of it, -DX12_NO_AVX2 only the SSE2 kernel.
 *
 * The common case, a segment inside an interchange with nothing pending,
 * is served from an index of delimiter positions built for
 * X12I_INDEX_SPAN bytes of the window at a time.  Building it costs a few
 * instructions per 64 bytes and per delimiter, with no branch that
 * depends on where the delimiters fall (the positions of a block are
 * stored 16 at a time whether or not there are that many); taking a
 * segment from it is then a handful of loads and stores, whatever its
 * number of elements: the segment's element starts are the index's own
 * entries.
 */
#include "reader_index.h"

#include <stdlib.h>
#include <string.h>

#if X12I_HAVE_INDEX && defined(__x86_64__) && defined(__GNUC__) && !defined(X12_NO_AVX2)
#include <immintrin.h>
#define HAVE_INDEX_AVX2 1
#endif

void x12i_index_free(x12i_index *ix, const x12i_alloc *a)
{
    x12i_free(a, ix->ipos);
    x12i_free(a, ix->iterm);
    ix->ipos = NULL;
    ix->iterm = NULL;
    ix->ok = 0;
}

x12i_scanner x12i_index_best(void)
{
#if defined(HAVE_INDEX_AVX2)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") &&
        __builtin_cpu_supports("bmi")) {
        /* The compiler's check includes the OS saving the AVX-512 state. */
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi2") &&
            __builtin_cpu_supports("bmi2"))
            return X12I_SCAN_AVX512;
        return X12I_SCAN_AVX2;
    }
    return __builtin_cpu_supports("popcnt") ? X12I_SCAN_SSE2 : X12I_SCAN_GENERAL;
#elif X12I_HAVE_INDEX
    return X12I_SCAN_SSE2;
#else
    return X12I_SCAN_GENERAL;
#endif
}

const char *x12i_scanner_name(x12i_scanner s)
{
    switch (s) {
    case X12I_SCAN_SSE2: return "sse2";
    case X12I_SCAN_AVX2: return "avx2";
    case X12I_SCAN_AVX512: return "avx512";
    case X12I_SCAN_GENERAL: break;
    }
    return "general";
}

x12i_scanner x12i_scanner_from_env(x12i_scanner best)
{
    const char *v = getenv("X12_SCANNER");
    int s;

    if (v == NULL)
        return best;
    for (s = X12I_SCAN_GENERAL; s <= (int)best; s++)
        if (strcmp(v, x12i_scanner_name((x12i_scanner)s)) == 0)
            return (x12i_scanner)s;
    return best;
}

#if !X12I_HAVE_INDEX
int x12i_index_fill(x12i_index *ix, const x12i_alloc *a, x12i_scanner scan, const char *buf,
                    size_t q, size_t end, char term, char esep)
{
    (void)a;
    (void)scan;
    (void)buf;
    (void)q;
    (void)end;
    (void)term;
    (void)esep;
    ix->ok = 0;
    return 0;
}
#else
/* One entry per byte at most, the spare ipos[0], and room for the stores
 * past the last entry of a block. */
#define INDEX_SLOTS (X12I_INDEX_SPAN + 64u + 32u)

/* Positions of the set bits of c, plus base, stored at out[0 ..
 * popcount(c)) (n of them); out[n .. 20) may be written with junk.  The
 * first 20 are stored unrolled whatever n is, so that where the delimiters
 * fall does not steer a branch: an X12 file has about 15 delimiters per 64
 * bytes, and a quarter of the blocks of a generated 837P more than 16 but
 * only 2% more than 20. */
#define FLAT1(o, i, m, base, CTZ)                                              \
    do {                                                                       \
        (o)[i] = (base) + (size_t)CTZ(m);                                      \
        (m) &= (m) - 1u;                                                       \
    } while (0)
#define FLAT4(o, i, m, base, CTZ)                                              \
    do {                                                                       \
        FLAT1(o, (i), m, base, CTZ);                                           \
        FLAT1(o, (i) + 1, m, base, CTZ);                                       \
        FLAT1(o, (i) + 2, m, base, CTZ);                                       \
        FLAT1(o, (i) + 3, m, base, CTZ);                                       \
    } while (0)
#define INDEX_FLATTEN(out, c, base, n, CTZ)                                    \
    do {                                                                       \
        uint64_t m_ = (c);                                                     \
        size_t *o_ = (out);                                                    \
        size_t i_;                                                             \
        FLAT4(o_, 0, m_, base, CTZ);                                           \
        FLAT4(o_, 4, m_, base, CTZ);                                           \
        FLAT4(o_, 8, m_, base, CTZ);                                           \
        FLAT4(o_, 12, m_, base, CTZ);                                          \
        FLAT4(o_, 16, m_, base, CTZ);                                          \
        if ((n) > 20)                                                          \
            for (i_ = 20; m_; i_++)                                            \
                FLAT1(o_, i_, m_, base, CTZ);                                  \
    } while (0)

/* For each terminator bit of t, the index of its entry among the bits of
 * c (which holds t): first + the bits of c below it.  The first 4 are
 * stored unrolled whatever nt is. */
#define TERM1(o, i, m, c, first, POPCNT)                                       \
    do {                                                                       \
        (o)[i] = (uint32_t)((first) + (size_t)POPCNT((c) & (((m) & (0 - (m))) - 1u))); \
        (m) &= (m) - 1u;                                                       \
    } while (0)
#define INDEX_TERMS(out, t, c, first, nt, POPCNT)                              \
    do {                                                                       \
        uint64_t m_ = (t);                                                     \
        uint32_t *o_ = (out);                                                  \
        size_t i_;                                                             \
        TERM1(o_, 0, m_, c, first, POPCNT);                                    \
        TERM1(o_, 1, m_, c, first, POPCNT);                                    \
        TERM1(o_, 2, m_, c, first, POPCNT);                                    \
        TERM1(o_, 3, m_, c, first, POPCNT);                                    \
        if ((nt) > 4)                                                          \
            for (i_ = 4; m_; i_++)                                             \
                TERM1(o_, i_, m_, c, first, POPCNT);                           \
    } while (0)

/* The loop over the blocks of [q, stop), given a statement MASKS that sets
 * t and e for the 64 bytes at b + q. */
#define INDEX_BLOCKS(MASKS, CTZ, POPCNT)                                       \
    do {                                                                       \
        for (; q + 64 <= stop; q += 64) {                                      \
            uint64_t t, e, c;                                                  \
            size_t nc, nt;                                                     \
            MASKS;                                                             \
            c = t | e;                                                         \
            nc = (size_t)POPCNT(c);                                            \
            nt = (size_t)POPCNT(t);                                            \
            INDEX_TERMS(iterm + tn, t, c, n, nt, POPCNT);                      \
            INDEX_FLATTEN(ipos + n, c, q + 1, nc, CTZ);                        \
            n += nc;                                                           \
            tn += nt;                                                          \
        }                                                                      \
    } while (0)

/* ctz that is defined for 0 (junk stores only). */
#define CTZ_ANY(m) __builtin_ctzll((m) | ((uint64_t)1 << 63))

#if defined(HAVE_INDEX_AVX2)
/* POPCNT is as old as SSE4.2 (2008); without it popcount is a libgcc call
 * per mask, slower than the general scanner, so X12I_SCAN_SSE2 needs it. */
__attribute__((target("popcnt")))
#endif
static void index_sse2(x12i_index *ix, const char *b, size_t q, size_t stop, char term,
                       char esep)
{
    const __m128i vt = _mm_set1_epi8(term);
    const __m128i ve = _mm_set1_epi8(esep);
    size_t *ipos = ix->ipos;
    uint32_t *iterm = ix->iterm;
    size_t n = 1, tn = 0;

    INDEX_BLOCKS(x12i_block_masks(b + q, vt, ve, &t, &e), CTZ_ANY, __builtin_popcountll);
    ix->in = n;
    ix->itn = tn;
}

#if defined(HAVE_INDEX_AVX2)
__attribute__((target("avx2,popcnt,bmi"))) static void
index_avx2(x12i_index *ix, const char *b, size_t q, size_t stop, char term, char esep)
{
    const __m256i vt = _mm256_set1_epi8(term);
    const __m256i ve = _mm256_set1_epi8(esep);
    size_t *ipos = ix->ipos;
    uint32_t *iterm = ix->iterm;
    size_t n = 1, tn = 0;

#define MASKS_AVX2                                                                           \
    do {                                                                                     \
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)(b + q));             \
        __m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(b + q + 32));        \
        t = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x0, vt)) |            \
            (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x1, vt)) << 32;       \
        e = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x0, ve)) |            \
            (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x1, ve)) << 32;       \
    } while (0)
    INDEX_BLOCKS(MASKS_AVX2, _tzcnt_u64, _mm_popcnt_u64);
#undef MASKS_AVX2
    ix->in = n;
    ix->itn = tn;
}
#endif

#if defined(HAVE_INDEX_AVX2)
/* With AVX-512 VBMI2 (Ice Lake, Zen 4 and later) the positions of a block's
 * delimiters come out of one byte compress, in order, and are widened 8 at
 * a time; pext picks out which of them are terminators. */
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi2,bmi,bmi2,popcnt"))) static void
index_avx512(x12i_index *ix, const char *b, size_t q, size_t stop, char term, char esep)
{
    const __m512i vt = _mm512_set1_epi8(term);
    const __m512i ve = _mm512_set1_epi8(esep);
    const __m512i iota = _mm512_set_epi8(
        63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42,
        41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20,
        19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    size_t *ipos = ix->ipos;
    uint32_t *iterm = ix->iterm;
    size_t n = 1, tn = 0;

    for (; q + 64 <= stop; q += 64) {
        const __m512i x = _mm512_loadu_si512((const void *)(b + q));
        const uint64_t t = _mm512_cmpeq_epi8_mask(x, vt);
        const uint64_t c = t | _mm512_cmpeq_epi8_mask(x, ve);
        const size_t nc = (size_t)_mm_popcnt_u64(c), nt = (size_t)_mm_popcnt_u64(t);
        const __m512i pc = _mm512_maskz_compress_epi8(c, iota);
        const __m512i pt = _mm512_maskz_compress_epi8(_pext_u64(t, c), iota);
        const __m512i base = _mm512_set1_epi64((long long)(q + 1));
        const __m128i lo = _mm512_castsi512_si128(pc);
        const __m128i hi = _mm512_extracti32x4_epi32(pc, 1);

        /* 32 positions stored whatever nc is; past that, 8 at a time. */
        _mm512_storeu_si512((void *)(ipos + n), _mm512_add_epi64(_mm512_cvtepu8_epi64(lo), base));
        _mm512_storeu_si512((void *)(ipos + n + 8),
                            _mm512_add_epi64(_mm512_cvtepu8_epi64(_mm_srli_si128(lo, 8)), base));
        _mm512_storeu_si512((void *)(ipos + n + 16), _mm512_add_epi64(_mm512_cvtepu8_epi64(hi), base));
        _mm512_storeu_si512((void *)(ipos + n + 24),
                            _mm512_add_epi64(_mm512_cvtepu8_epi64(_mm_srli_si128(hi, 8)), base));
        /* The first 16 terminators' entry numbers, the same way. */
        _mm512_storeu_si512((void *)(iterm + tn),
                            _mm512_add_epi32(_mm512_cvtepu8_epi32(_mm512_castsi512_si128(pt)),
                                             _mm512_set1_epi32((int)n)));
        if (nc > 32 || nt > 16) {
            unsigned char v[64];
            size_t i;

            if (nc > 32) {
                _mm512_storeu_si512((void *)v, pc);
                for (i = 32; i < nc; i += 8)
                    _mm512_storeu_si512(
                        (void *)(ipos + n + i),
                        _mm512_add_epi64(
                            _mm512_cvtepu8_epi64(_mm_loadl_epi64((const __m128i *)(const void *)(v + i))),
                            base));
            }
            if (nt > 16) {
                _mm512_storeu_si512((void *)v, pt);
                for (i = 16; i < nt; i += 16)
                    _mm512_storeu_si512(
                        (void *)(iterm + tn + i),
                        _mm512_add_epi32(_mm512_cvtepu8_epi32(
                                             _mm_loadu_si128((const __m128i *)(const void *)(v + i))),
                                         _mm512_set1_epi32((int)n)));
            }
        }
        n += nc;
        tn += nt;
    }
    ix->in = n;
    ix->itn = tn;
}
#endif

int x12i_index_fill(x12i_index *ix, const x12i_alloc *a, x12i_scanner scan, const char *buf,
                    size_t q, size_t end, char term, char esep)
{
    size_t stop = end;

    if (ix->iterm == NULL) {
        if (ix->ipos == NULL)
            ix->ipos = x12i_malloc(a, INDEX_SLOTS * sizeof *ix->ipos);
        if (ix->ipos != NULL)
            ix->iterm = x12i_malloc(a, INDEX_SLOTS * sizeof *ix->iterm);
        if (ix->iterm == NULL) {
            /* Not an error: the general path needs neither.  Tried again
             * when the window moves. */
            ix->next = (size_t)-1;
            return 0;
        }
    }
    if (stop - q > X12I_INDEX_SPAN)
        stop = q + X12I_INDEX_SPAN;
#if defined(HAVE_INDEX_AVX2)
    if (scan == X12I_SCAN_AVX512)
        index_avx512(ix, buf, q, stop, term, esep);
    else if (scan == X12I_SCAN_AVX2)
        index_avx2(ix, buf, q, stop, term, esep);
    else
#endif
        index_sse2(ix, buf, q, stop, term, esep);
    if (ix->itn == 0) {
        /* One segment longer than the span, or the window's last bytes:
         * the general path takes it from here. */
        if (stop - q == X12I_INDEX_SPAN)
            ix->next = q + X12I_INDEX_SPAN - 64;
        return 0;
    }
    ix->icur = 0;
    ix->ient = 1;
    ix->ok = 1;
    return 1;
}
#endif /* X12I_HAVE_INDEX */
