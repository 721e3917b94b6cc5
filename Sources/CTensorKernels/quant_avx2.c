// AVX2 + FMA + F16C quantized dot kernels and activation quantizers. Each function is compiled for those
// features by attribute (nothing is assumed at compile time) and chosen at run time in cpu.c.
// Integer products use maddubs (u8 × s8 → s16 pairs), which cannot saturate here: |q| <= 63, |p| <= 127.
#include "blocks.h"
#if TK_X86
#include <immintrin.h>
#include <math.h>

TK_AVX2 static inline float hsum_ps(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

TK_AVX2 static inline float hmax_ps(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

TK_AVX2 static inline float half(uint16_t h) { return _cvtsh_ss(h); }

// 16 bytes of nibbles → 32 bytes: low nibbles (elements 0..15) then high nibbles (16..31).
TK_AVX2 static inline __m256i nibbles32(const uint8_t *qs) {
    __m128i b = _mm_loadu_si128((const __m128i *)qs);
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(b, 4), b), _mm256_set1_epi8(15));
}

// 32 bits → 32 bytes, 0xFF where the bit is set (bit j → byte j).
TK_AVX2 static inline __m256i bits_to_bytes(uint32_t bits) {
    __m256i v = _mm256_set1_epi32((int)bits);
    v = _mm256_shuffle_epi8(v, _mm256_setr_epi64x(0, 0x0101010101010101LL, 0x0202020202020202LL, 0x0303030303030303LL));
    const __m256i select = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    return _mm256_cmpeq_epi8(_mm256_and_si256(v, select), select);
}

// Σ pairs of u8 × s8 → 8 int32 lanes.
TK_AVX2 static inline __m256i dot_u8_s8(__m256i u, __m256i s) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
}

// Σ pairs of s8 × s8 → 8 int32 lanes (moving x's sign onto y).
TK_AVX2 static inline __m256i dot_s8_s8(__m256i x, __m256i y) {
    return dot_u8_s8(_mm256_sign_epi8(x, x), _mm256_sign_epi8(y, x));
}

TK_AVX2 static inline uint32_t load_u32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

TK_AVX2 float tk_dot_q4_0_q8_0_avx2(int64_t n, const void *w, const void *x) {
    const block_q4_0 *a = (const block_q4_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / QK32; i++) {
        __m256i q = _mm256_sub_epi8(nibbles32(a[i].qs), _mm256_set1_epi8(8));
        __m256i p = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256 d = _mm256_set1_ps(half(a[i].d) * half(b[i].d));
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_s8_s8(q, p)), acc);
    }
    return hsum_ps(acc);
}

TK_AVX2 float tk_dot_q4_1_q8_1_avx2(int64_t n, const void *w, const void *x) {
    const block_q4_1 *a = (const block_q4_1 *)w;
    const block_q8_1 *b = (const block_q8_1 *)x;
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        __m256i q = nibbles32(a[i].qs);
        __m256i p = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256 d = _mm256_set1_ps(half(a[i].d) * half(b[i].d));
        mins += half(a[i].m) * half(b[i].s);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_u8_s8(q, p)), acc);
    }
    return hsum_ps(acc) + mins;
}

TK_AVX2 float tk_dot_q5_0_q8_0_avx2(int64_t n, const void *w, const void *x) {
    const block_q5_0 *a = (const block_q5_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / QK32; i++) {
        __m256i high = _mm256_and_si256(bits_to_bytes(load_u32(a[i].qh)), _mm256_set1_epi8(16));
        __m256i q = _mm256_sub_epi8(_mm256_or_si256(nibbles32(a[i].qs), high), _mm256_set1_epi8(16));
        __m256i p = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256 d = _mm256_set1_ps(half(a[i].d) * half(b[i].d));
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_s8_s8(q, p)), acc);
    }
    return hsum_ps(acc);
}

TK_AVX2 float tk_dot_q5_1_q8_1_avx2(int64_t n, const void *w, const void *x) {
    const block_q5_1 *a = (const block_q5_1 *)w;
    const block_q8_1 *b = (const block_q8_1 *)x;
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        __m256i high = _mm256_and_si256(bits_to_bytes(load_u32(a[i].qh)), _mm256_set1_epi8(16));
        __m256i q = _mm256_or_si256(nibbles32(a[i].qs), high);
        __m256i p = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256 d = _mm256_set1_ps(half(a[i].d) * half(b[i].d));
        mins += half(a[i].m) * half(b[i].s);
        acc = _mm256_fmadd_ps(d, _mm256_cvtepi32_ps(dot_u8_s8(q, p)), acc);
    }
    return hsum_ps(acc) + mins;
}

TK_AVX2 float tk_dot_q8_0_q8_0_avx2(int64_t n, const void *w, const void *x) {
    const block_q8_0 *a = (const block_q8_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int64_t i = 0, nb = n / QK32;
    for (; i + 2 <= nb; i += 2) {
        __m256i q0 = _mm256_loadu_si256((const __m256i *)a[i].qs), p0 = _mm256_loadu_si256((const __m256i *)b[i].qs);
        __m256i q1 = _mm256_loadu_si256((const __m256i *)a[i + 1].qs), p1 = _mm256_loadu_si256((const __m256i *)b[i + 1].qs);
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(half(a[i].d) * half(b[i].d)), _mm256_cvtepi32_ps(dot_s8_s8(q0, p0)), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_set1_ps(half(a[i + 1].d) * half(b[i + 1].d)), _mm256_cvtepi32_ps(dot_s8_s8(q1, p1)), acc1);
    }
    for (; i < nb; i++) {
        __m256i q = _mm256_loadu_si256((const __m256i *)a[i].qs), p = _mm256_loadu_si256((const __m256i *)b[i].qs);
        acc0 = _mm256_fmadd_ps(_mm256_set1_ps(half(a[i].d) * half(b[i].d)), _mm256_cvtepi32_ps(dot_s8_s8(q, p)), acc0);
    }
    return hsum_ps(_mm256_add_ps(acc0, acc1));
}

// Q4_K / Q5_K share the scale handling; `high` adds the fifth bits for Q5_K (NULL for Q4_K).
TK_AVX2 static inline float dot_k_with_mins(const uint16_t dd[2], const uint8_t *scales, const uint8_t *qs,
                                            const uint8_t *qh, const block_q8_K *y) {
    uint8_t sc[8], m[8];
    for (int j = 0; j < 8; j++) tk_k_scale_min(j, scales, &sc[j], &m[j]);
    int summ = 0;
    for (int j = 0; j < 8; j++) summ += m[j] * (y->bsums[2 * j] + y->bsums[2 * j + 1]);
    const __m256i low4 = _mm256_set1_epi8(15), one = _mm256_set1_epi8(1);
    __m256i hbits = qh ? _mm256_loadu_si256((const __m256i *)qh) : _mm256_setzero_si256();
    __m256i sumi = _mm256_setzero_si256();
    for (int g = 0; g < 4; g++) {
        __m256i q = _mm256_loadu_si256((const __m256i *)(qs + 32 * g));
        __m256i ql = _mm256_and_si256(q, low4);
        __m256i qhi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4);
        if (qh) {
            ql = _mm256_or_si256(ql, _mm256_slli_epi16(_mm256_and_si256(hbits, one), 4));
            qhi = _mm256_or_si256(qhi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 1), one), 4));
            hbits = _mm256_srli_epi16(hbits, 2);
        }
        __m256i p0 = _mm256_loadu_si256((const __m256i *)(y->qs + 64 * g));
        __m256i p1 = _mm256_loadu_si256((const __m256i *)(y->qs + 64 * g + 32));
        __m256i s0 = _mm256_madd_epi16(_mm256_maddubs_epi16(ql, p0), _mm256_set1_epi16(sc[2 * g]));
        __m256i s1 = _mm256_madd_epi16(_mm256_maddubs_epi16(qhi, p1), _mm256_set1_epi16(sc[2 * g + 1]));
        sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(s0, s1));
    }
    __m256 v = _mm256_mul_ps(_mm256_set1_ps(half(dd[0]) * y->d), _mm256_cvtepi32_ps(sumi));
    return hsum_ps(v) - half(dd[1]) * y->d * (float)summ;
}

TK_AVX2 float tk_dot_q4_K_q8_K_avx2(int64_t n, const void *w, const void *x) {
    const block_q4_K *a = (const block_q4_K *)w;
    const block_q8_K *b = (const block_q8_K *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK_K; i++) {
        const uint16_t dd[2] = {a[i].d, a[i].dmin};
        s += dot_k_with_mins(dd, a[i].scales, a[i].qs, NULL, &b[i]);
    }
    return s;
}

TK_AVX2 float tk_dot_q5_K_q8_K_avx2(int64_t n, const void *w, const void *x) {
    const block_q5_K *a = (const block_q5_K *)w;
    const block_q8_K *b = (const block_q8_K *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK_K; i++) {
        const uint16_t dd[2] = {a[i].d, a[i].dmin};
        s += dot_k_with_mins(dd, a[i].scales, a[i].qs, a[i].qh, &b[i]);
    }
    return s;
}

TK_AVX2 float tk_dot_q6_K_q8_K_avx2(int64_t n, const void *w, const void *x) {
    const block_q6_K *a = (const block_q6_K *)w;
    const block_q8_K *b = (const block_q8_K *)x;
    const __m256i low4 = _mm256_set1_epi8(15), two = _mm256_set1_epi8(3), m32 = _mm256_set1_epi8(32);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / QK_K; i++) {
        __m256i sumi = _mm256_setzero_si256();
        for (int h = 0; h < 2; h++) {
            const uint8_t *ql = a[i].ql + 64 * h;
            const int8_t *sc = a[i].scales + 8 * h, *p = b[i].qs + 128 * h;
            __m256i l0 = _mm256_loadu_si256((const __m256i *)ql), l1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            __m256i hb = _mm256_loadu_si256((const __m256i *)(a[i].qh + 32 * h));
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(l0, low4), _mm256_slli_epi16(_mm256_and_si256(hb, two), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(l1, low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 2), two), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 4), two), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 6), two), 4));
            for (int k = 0; k < 4; k++) {
                __m256i pk = _mm256_loadu_si256((const __m256i *)(p + 32 * k));
                // (q - 32)·p = q·p - 32·p, both through maddubs (q in 0..63 is unsigned).
                __m256i prod = _mm256_sub_epi16(_mm256_maddubs_epi16(q[k], pk), _mm256_maddubs_epi16(m32, pk));
                __m256i scale = _mm256_set_m128i(_mm_set1_epi16(sc[2 * k + 1]), _mm_set1_epi16(sc[2 * k]));
                sumi = _mm256_add_epi32(sumi, _mm256_madd_epi16(prod, scale));
            }
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(half(a[i].d) * b[i].d), _mm256_cvtepi32_ps(sumi), acc);
    }
    return hsum_ps(acc);
}

// ---- Activation quantizers: the same bytes as the scalar reference (round to nearest even, d from half) ----

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
