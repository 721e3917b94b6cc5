// AVX2 activation quantizers (Q8_0, Q8_1, Q8_K): the same bytes as the scalar reference ones
// (round to nearest even, scales from the rounded half d).
#include "blocks.h"
#if TK_X86
#include <immintrin.h>
#include <math.h>

TK_AVX2 static inline float hmax_ps(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

TK_AVX2 static inline float half(uint16_t h) { return _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(h))); }

// Rounds 32 floats times `id` to int8 (clamped to ±127), stores them, returns their sum.
TK_AVX2 static inline int round_store_32(const float *x, __m256 id, int8_t *out) {
    __m256i v[4];
    for (int k = 0; k < 4; k++) {
        __m256 f = _mm256_mul_ps(_mm256_loadu_ps(x + 8 * k), id);
        f = _mm256_min_ps(_mm256_max_ps(f, _mm256_set1_ps(-127)), _mm256_set1_ps(127));
        v[k] = _mm256_cvtps_epi32(f); // current rounding mode: nearest even
    }
    __m256i sum32 = _mm256_add_epi32(_mm256_add_epi32(v[0], v[1]), _mm256_add_epi32(v[2], v[3]));
    __m256i s16a = _mm256_packs_epi32(v[0], v[1]), s16b = _mm256_packs_epi32(v[2], v[3]);
    __m256i s8 = _mm256_packs_epi16(s16a, s16b);
    // packs interleave 128-bit lanes: restore element order.
    s8 = _mm256_permutevar8x32_epi32(s8, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)out, s8);
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sum32), _mm256_extracti128_si256(sum32, 1));
    s = _mm_hadd_epi32(s, s);
    s = _mm_hadd_epi32(s, s);
    return _mm_cvtsi128_si32(s);
}

TK_AVX2 static inline float amax_32(const float *x) {
    const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    __m256 m = _mm256_and_ps(_mm256_loadu_ps(x), abs_mask);
    for (int k = 1; k < 4; k++) m = _mm256_max_ps(m, _mm256_and_ps(_mm256_loadu_ps(x + 8 * k), abs_mask));
    return hmax_ps(m);
}

TK_AVX2 void tk_quantize_q8_0_avx2(const float *src, void *dst, int64_t n) {
    block_q8_0 *b = (block_q8_0 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        b[i].d = _cvtss_sh(amax_32(src) / 127, _MM_FROUND_TO_NEAREST_INT);
        const float d = half(b[i].d);
        round_store_32(src, _mm256_set1_ps(d != 0 ? 1 / d : 0), b[i].qs);
    }
}

TK_AVX2 void tk_quantize_q8_1_avx2(const float *src, void *dst, int64_t n) {
    block_q8_1 *b = (block_q8_1 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        b[i].d = _cvtss_sh(amax_32(src) / 127, _MM_FROUND_TO_NEAREST_INT);
        const float d = half(b[i].d);
        int sum = round_store_32(src, _mm256_set1_ps(d != 0 ? 1 / d : 0), b[i].qs);
        b[i].s = _cvtss_sh(d * (float)sum, _MM_FROUND_TO_NEAREST_INT);
    }
}

TK_AVX2 void tk_quantize_q8_K_avx2(const float *src, void *dst, int64_t n) {
    block_q8_K *b = (block_q8_K *)dst;
    for (int64_t i = 0; i < n / QK_K; i++, src += QK_K) {
        float amax = 0;
        for (int k = 0; k < 8; k++) amax = fmaxf(amax, amax_32(src + 32 * k));
        b[i].d = amax / 127;
        const __m256 id = _mm256_set1_ps(amax > 0 ? 127 / amax : 0);
        for (int k = 0; k < 8; k++) round_store_32(src + 32 * k, id, b[i].qs + 32 * k);
        for (int k = 0; k < 16; k++) {
            __m128i q = _mm_loadu_si128((const __m128i *)(b[i].qs + 16 * k));
            __m256i w = _mm256_cvtepi8_epi16(q);
            __m256i s = _mm256_madd_epi16(w, _mm256_set1_epi16(1));
            __m128i t = _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
            t = _mm_hadd_epi32(t, t);
            t = _mm_hadd_epi32(t, t);
            b[i].bsums[k] = (int16_t)_mm_cvtsi128_si32(t);
        }
    }
}
#endif
