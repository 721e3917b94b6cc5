// Pieces the AVX-512 VNNI K-quant kernels share (kquant_rows_avx512.c: Q8_K activations, kquant_q16.c: Q16_K,
// kquant_q8_16.c: Q8_K16). Include inside `#if TK_X86`.
#ifndef TK_KQUANT_AVX512_H
#define TK_KQUANT_AVX512_H
#include "blocks.h"
#include <immintrin.h>

#define TK_AVX512_VNNI __attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")))
#define INLINE __attribute__((always_inline)) static inline

// The eight 6-bit scales and mins of a Q4_K / Q5_K block (layout in blocks.h) as 16 bytes: scales then mins.
// In registers (a scalar unpack stored to memory and reloaded as a vector stalls store forwarding).
// `s` points at the 12 scale bytes; the 4 bytes after them are read and ignored.
TK_AVX512_VNNI INLINE __m128i tk_k_scales_mins(const uint8_t *s) {
    const __m128i u = _mm_loadu_si128((const __m128i *)s);          // u0 u1 u2 (x)
    const __m128i a = _mm_shuffle_epi32(u, _MM_SHUFFLE(2, 1, 2, 0));  // u0 u2 u1 u2
    const __m128i b = _mm_shuffle_epi32(u, _MM_SHUFFLE(1, 1, 0, 0));  // u0 u0 u1 u1
    const __m128i low = _mm_and_si128(_mm_srlv_epi32(a, _mm_setr_epi32(0, 0, 0, 4)),
                                      _mm_setr_epi32(0x3f3f3f3f, 0x0f0f0f0f, 0x3f3f3f3f, 0x0f0f0f0f));
    const __m128i top = _mm_and_si128(_mm_srli_epi32(b, 6), _mm_setr_epi32(0, 0x03030303, 0, 0x03030303));
    // lanes: sc0-3, sc4-7, m0-3, m4-7
    return _mm_or_si128(low, _mm_slli_epi32(top, 4));
}

// `call(k)` with the row count nx (1 ... 8) as a constant, so each kernel body is compiled once per row count
// and its per-row accumulators stay in registers.
#define TK_BY_ROW_COUNT(nx, call)     \
    switch (nx) {                     \
    case 1: call(1); break;           \
    case 2: call(2); break;           \
    case 3: call(3); break;           \
    case 4: call(4); break;           \
    case 5: call(5); break;           \
    case 6: call(6); break;           \
    case 7: call(7); break;           \
    default: call(8); break;          \
    }

#endif
