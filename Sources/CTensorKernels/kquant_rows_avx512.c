// K-quant weight rows (Q4_K, Q5_K, Q6_K) against up to eight Q8_K activation rows at once, with 512-bit
// AVX-512 BW + VNNI: each weight block is unpacked once into registers and multiplied with every activation
// row, so a prefill batch pays the unpacking once per weight instead of once per token, and a decode step
// (one row) runs 64 bytes per instruction.
//
// Per 64 elements and activation row: vpmaddubsw (u8 weight × s8 activation, adjacent pairs summed to s16:
// |q| ≤ 63, |p| ≤ 127, so at most 2·63·127 = 16002, no saturation) then vpdpwssd, which multiplies those
// pairs by the 16-bit sub-block scale and accumulates in int32 (exact). The block's int32 sums are converted
// to float once per block and scaled by d·dx. Every activation row goes through the same operations in the
// same order whatever the number of rows, so a row's result does not depend on the batch it is in: decode
// (one row) and a batched verification of the same tokens give bit-identical logits.
#include "blocks.h"

#if TK_X86
#include "kquant_avx512.h"

TK_AVX512_VNNI INLINE float hsum256_ps(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// A 32-byte run of nibbles as 64 bytes: the low nibbles (32 elements) then the high nibbles (the next 32).
TK_AVX512_VNNI INLINE __m512i nibbles64(const uint8_t *qs) {
    const __m256i raw = _mm256_loadu_si256((const __m256i *)qs);
    const __m512i both = _mm512_inserti64x4(_mm512_castsi256_si512(raw), _mm256_srli_epi16(raw, 4), 1);
    return _mm512_and_si512(both, _mm512_set1_epi8(15));
}

// Word-permutation indices: vector g of 64 elements (32 word pairs) takes the 16-bit scale of sub-block
// 2g for its first 16 words and 2g + 1 for the rest (32-element sub-blocks), or of 4g + w/8 (16-element ones).
TK_AVX512_VNNI INLINE __m512i scale_index32(int g) {
    return _mm512_inserti64x4(_mm512_set1_epi16((short)(2 * g)), _mm256_set1_epi16((short)(2 * g + 1)), 1);
}

TK_AVX512_VNNI INLINE __m512i scale_index16(int g) {
    const __m256i lo = _mm256_setr_m128i(_mm_set1_epi16((short)(4 * g)), _mm_set1_epi16((short)(4 * g + 1)));
    const __m256i hi = _mm256_setr_m128i(_mm_set1_epi16((short)(4 * g + 2)), _mm_set1_epi16((short)(4 * g + 3)));
    return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

#define MAX_ROWS 8

// Q4_K (has_high = 0) and Q5_K (has_high = 1): Σ_i d·sc_i·Σ q·p − dmin·Σ_i m_i·(bsums of sub-block i).
TK_AVX512_VNNI INLINE void k_with_mins_rows(int64_t n, const uint8_t *w, size_t block_bytes, int has_high,
                                            const uint8_t *x, size_t x_stride, const int nx, float *out,
                                            size_t out_stride) {
    const int64_t nb = n / QK_K;
    __m512 acc[MAX_ROWS];
    __m256 mins[MAX_ROWS];
    for (int t = 0; t < nx; t++) {
        acc[t] = _mm512_setzero_ps();
        mins[t] = _mm256_setzero_ps();
    }
    const __m512i one = _mm512_set1_epi8(1);
    for (int64_t i = 0; i < nb; i++) {
        const uint8_t *blk = w + (size_t)i * block_bytes;
        // d and dmin, two halves, converted in registers (F16C).
        uint32_t dpair;
        __builtin_memcpy(&dpair, blk, 4);
        const __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128((int)dpair));
        const float d = _mm_cvtss_f32(dm), dmin = _mm_cvtss_f32(_mm_movehdup_ps(dm));
        const __m128i scm8 = tk_k_scales_mins(blk + 4);
        const __m512i sc16 = _mm512_castsi256_si512(_mm256_cvtepu8_epi16(scm8));
        // Each min repeated for its sub-block's two 16-element sums.
        const __m128i m8 = _mm_unpackhi_epi64(scm8, scm8);
        const __m256i m16 = _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(m8, m8));
        const uint8_t *qs = blk + (has_high ? 48 : 16);
        __m512i q[4], scale[4];
        __m512i high = _mm512_setzero_si512();
        if (has_high) {
            const __m256i qh = _mm256_loadu_si256((const __m256i *)(blk + 16));
            high = _mm512_inserti64x4(_mm512_castsi256_si512(qh), _mm256_srli_epi16(qh, 1), 1);
        }
        for (int g = 0; g < 4; g++) {
            q[g] = nibbles64(qs + 32 * g);
            if (has_high)
                q[g] = _mm512_or_si512(q[g], _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(high, 2 * g), one), 4));
            scale[g] = _mm512_permutexvar_epi16(scale_index32(g), sc16);
        }
        for (int t = 0; t < nx; t++) {
            const block_q8_K *b = (const block_q8_K *)(x + (size_t)t * x_stride) + i;
            __m512i sum = _mm512_setzero_si512();
            for (int g = 0; g < 4; g++) {
                const __m512i pairs = _mm512_maddubs_epi16(q[g], _mm512_loadu_si512((const void *)(b->qs + 64 * g)));
                sum = _mm512_dpwssd_epi32(sum, pairs, scale[g]);
            }
            acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sum), _mm512_set1_ps(d * b->d), acc[t]);
            const __m256i m = _mm256_madd_epi16(m16, _mm256_loadu_si256((const __m256i *)b->bsums));
            mins[t] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(m), _mm256_set1_ps(dmin * b->d), mins[t]);
        }
    }
    for (int t = 0; t < nx; t++) out[(size_t)t * out_stride] = _mm512_reduce_add_ps(acc[t]) - hsum256_ps(mins[t]);
}

// Q6_K: Σ_j d·sc_j·Σ (q − 32)·p = d·(Σ_j sc_j·Σ q·p − 32·Σ_j sc_j·bsum_j), q = 0..63 unsigned.
TK_AVX512_VNNI INLINE void q6_K_rows(int64_t n, const uint8_t *w, const uint8_t *x, size_t x_stride, const int nx,
                                     float *out, size_t out_stride) {
    const int64_t nb = n / QK_K;
    __m512 acc[MAX_ROWS];
    for (int t = 0; t < nx; t++) acc[t] = _mm512_setzero_ps();
    const __m512i low4 = _mm512_set1_epi8(15), three = _mm512_set1_epi8(3);
    for (int64_t i = 0; i < nb; i++) {
        const block_q6_K *a = (const block_q6_K *)w + i;
        const float d = _cvtsh_ss(a->d);
        const __m256i sc16y = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)a->scales));
        const __m512i sc16 = _mm512_castsi256_si512(sc16y);
        __m512i q[4], scale[4];
        for (int h = 0; h < 2; h++) {
            const __m512i ql = _mm512_loadu_si512((const void *)(a->ql + 64 * h));
            const __m256i qh = _mm256_loadu_si256((const __m256i *)(a->qh + 32 * h));
            // Elements 0..63 of the half take qh bits 0-1 (first 32) and 2-3; elements 64..127 bits 4-5 and 6-7.
            const __m512i hb = _mm512_inserti64x4(_mm512_castsi256_si512(qh), _mm256_srli_epi16(qh, 2), 1);
            const __m512i hi0 = _mm512_slli_epi16(_mm512_and_si512(hb, three), 4);
            const __m512i hi1 = _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(hb, 4), three), 4);
            q[2 * h] = _mm512_or_si512(_mm512_and_si512(ql, low4), hi0);
            q[2 * h + 1] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), low4), hi1);
        }
        for (int g = 0; g < 4; g++) scale[g] = _mm512_permutexvar_epi16(scale_index16(g), sc16);
        for (int t = 0; t < nx; t++) {
            const block_q8_K *b = (const block_q8_K *)(x + (size_t)t * x_stride) + i;
            __m512i sum = _mm512_setzero_si512();
            for (int g = 0; g < 4; g++) {
                const __m512i pairs = _mm512_maddubs_epi16(q[g], _mm512_loadu_si512((const void *)(b->qs + 64 * g)));
                sum = _mm512_dpwssd_epi32(sum, pairs, scale[g]);
            }
            // The −32 offset: Σ_j sc_j·bsum_j in eight lanes, times 32.
            const __m256i offset = _mm256_slli_epi32(_mm256_madd_epi16(sc16y, _mm256_loadu_si256((const __m256i *)b->bsums)), 5);
            sum = _mm512_sub_epi32(sum, _mm512_zextsi256_si512(offset));
            acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sum), _mm512_set1_ps(d * b->d), acc[t]);
        }
    }
    for (int t = 0; t < nx; t++) out[(size_t)t * out_stride] = _mm512_reduce_add_ps(acc[t]);
}

// One entry per format and row count, so each body is compiled with its row count as a constant.
#define ROWS_ENTRY(name, call)                                                                           \
    TK_AVX512_VNNI static void name(int64_t n, const void *w, const void *x, size_t x_stride, int nx,    \
                                    float *out, size_t out_stride) {                                     \
        const uint8_t *wb = (const uint8_t *)w, *xb = (const uint8_t *)x;                                \
        TK_BY_ROW_COUNT(nx, call)                                                                        \
    }
#define Q4_K_CALL(k) k_with_mins_rows(n, wb, sizeof(block_q4_K), 0, xb, x_stride, k, out, out_stride)
#define Q5_K_CALL(k) k_with_mins_rows(n, wb, sizeof(block_q5_K), 1, xb, x_stride, k, out, out_stride)
#define Q6_K_CALL(k) q6_K_rows(n, wb, xb, x_stride, k, out, out_stride)
ROWS_ENTRY(rows_q4_K_avx512, Q4_K_CALL)
ROWS_ENTRY(rows_q5_K_avx512, Q5_K_CALL)
ROWS_ENTRY(rows_q6_K_avx512, Q6_K_CALL)

tk_dot_rows_fn tk_dot_rows_avx512(uint32_t type) {
    switch (type) {
    case TK_Q4_K: return rows_q4_K_avx512;
    case TK_Q5_K: return rows_q5_K_avx512;
    case TK_Q6_K: return rows_q6_K_avx512;
    default: return NULL;
    }
}
#endif
