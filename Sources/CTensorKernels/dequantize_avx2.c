// AVX2 dequantizers for the formats prefill dequantizes most (Q4_0, Q4_1, Q8_0, Q4_K, Q6_K). Bit-exact with
// the scalar ones: the same float operations in the same order, and no multiply-add contraction.
#include "blocks.h"
#if TK_X86
#include <immintrin.h>
#pragma clang fp contract(off)

TK_AVX2 static inline __m256 half8(uint16_t h) { return _mm256_cvtph_ps(_mm_set1_epi16((short)h)); }

// 8 unsigned bytes → 8 floats.
TK_AVX2 static inline __m256 u8_to_ps(__m128i v) { return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(v)); }
// 8 signed bytes → 8 floats.
TK_AVX2 static inline __m256 s8_to_ps(__m128i v) { return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v)); }

// Writes 32 floats q[j] * d + m from 32 unsigned bytes (m = NULL for no offset, `minus` subtracts it instead).
TK_AVX2 static inline void store_32(__m256i q, __m256 d, __m256 m, int mode, float *dst, int is_signed) {
    __m128i lo = _mm256_castsi256_si128(q), hi = _mm256_extracti128_si256(q, 1);
    __m128i parts[4] = {lo, _mm_srli_si128(lo, 8), hi, _mm_srli_si128(hi, 8)};
    for (int k = 0; k < 4; k++) {
        __m256 f = is_signed ? s8_to_ps(parts[k]) : u8_to_ps(parts[k]);
        __m256 v;
        if (mode == 0) v = _mm256_mul_ps(f, d);                       // q * d
        else if (mode == 1) v = _mm256_add_ps(_mm256_mul_ps(f, d), m); // q * d + m
        else v = _mm256_sub_ps(_mm256_mul_ps(d, f), m);                // d * q - m
        _mm256_storeu_ps(dst + 8 * k, v);
    }
}

TK_AVX2 static inline __m256i nibbles32(const uint8_t *qs) {
    __m128i b = _mm_loadu_si128((const __m128i *)qs);
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(b, 4), b), _mm256_set1_epi8(15));
}

TK_AVX2 void tk_dequantize_q4_0_avx2(const void *src, float *dst, int64_t n) {
    const block_q4_0 *b = (const block_q4_0 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        __m256i q = _mm256_sub_epi8(nibbles32(b[i].qs), _mm256_set1_epi8(8));
        store_32(q, half8(b[i].d), _mm256_setzero_ps(), 0, dst, 1);
    }
}

TK_AVX2 void tk_dequantize_q4_1_avx2(const void *src, float *dst, int64_t n) {
    const block_q4_1 *b = (const block_q4_1 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32)
        store_32(nibbles32(b[i].qs), half8(b[i].d), half8(b[i].m), 1, dst, 0);
}

TK_AVX2 void tk_dequantize_q8_0_avx2(const void *src, float *dst, int64_t n) {
    const block_q8_0 *b = (const block_q8_0 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32)
        store_32(_mm256_loadu_si256((const __m256i *)b[i].qs), half8(b[i].d), _mm256_setzero_ps(), 0, dst, 1);
}

TK_AVX2 void tk_dequantize_q4_K_avx2(const void *src, float *dst, int64_t n) {
    const block_q4_K *b = (const block_q4_K *)src;
    for (int64_t i = 0; i < n / QK_K; i++) {
        const float d = _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(b[i].d)));
        const float dmin = _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(b[i].dmin)));
        for (int g = 0; g < 4; g++, dst += 64) {
            uint8_t sc, m;
            __m256i q = _mm256_loadu_si256((const __m256i *)(b[i].qs + 32 * g));
            tk_k_scale_min(2 * g, b[i].scales, &sc, &m);
            store_32(_mm256_and_si256(q, _mm256_set1_epi8(15)), _mm256_set1_ps(d * (float)sc),
                     _mm256_set1_ps(dmin * (float)m), 2, dst, 0);
            tk_k_scale_min(2 * g + 1, b[i].scales, &sc, &m);
            store_32(_mm256_and_si256(_mm256_srli_epi16(q, 4), _mm256_set1_epi8(15)), _mm256_set1_ps(d * (float)sc),
                     _mm256_set1_ps(dmin * (float)m), 2, dst + 32, 0);
        }
    }
}

TK_AVX2 void tk_dequantize_q6_K_avx2(const void *src, float *dst, int64_t n) {
    const block_q6_K *b = (const block_q6_K *)src;
    const __m256i low4 = _mm256_set1_epi8(15), three = _mm256_set1_epi8(3), m32 = _mm256_set1_epi8(32);
    for (int64_t i = 0; i < n / QK_K; i++) {
        const float d = _mm_cvtss_f32(_mm_cvtph_ps(_mm_cvtsi32_si128(b[i].d)));
        for (int h = 0; h < 2; h++, dst += 128) {
            const uint8_t *ql = b[i].ql + 64 * h;
            const int8_t *sc = b[i].scales + 8 * h;
            __m256i l0 = _mm256_loadu_si256((const __m256i *)ql), l1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            __m256i hb = _mm256_loadu_si256((const __m256i *)(b[i].qh + 32 * h));
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(l0, low4), _mm256_slli_epi16(_mm256_and_si256(hb, three), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(l1, low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 2), three), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 4), three), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 6), three), 4));
            for (int k = 0; k < 4; k++) {
                // Elements 32k + l: sub-block 2k for l < 16, 2k + 1 after; x = (d * sc) * (q - 32).
                __m256i v = _mm256_sub_epi8(q[k], m32);
                __m128i lo = _mm256_castsi256_si128(v), hi = _mm256_extracti128_si256(v, 1);
                __m256 s0 = _mm256_set1_ps(d * (float)sc[2 * k]), s1 = _mm256_set1_ps(d * (float)sc[2 * k + 1]);
                _mm256_storeu_ps(dst + 32 * k, _mm256_mul_ps(s0, s8_to_ps(lo)));
                _mm256_storeu_ps(dst + 32 * k + 8, _mm256_mul_ps(s0, s8_to_ps(_mm_srli_si128(lo, 8))));
                _mm256_storeu_ps(dst + 32 * k + 16, _mm256_mul_ps(s1, s8_to_ps(hi)));
                _mm256_storeu_ps(dst + 32 * k + 24, _mm256_mul_ps(s1, s8_to_ps(_mm_srli_si128(hi, 8))));
            }
        }
    }
}
#endif
