// Quantized dot kernels for x86 SIMD, included once per instruction-set level. The including file defines:
//   TK_TARGET   the function attribute (target features), TK_NAME(f) the suffixed kernel name,
//   TK_VNNI     1 to use AVX-512 VNNI's vpdpbusd (u8 × s8 → s32 in one instruction) on 256-bit vectors.
// Integer products use u8 × s8 pairs, which cannot saturate here: |q| <= 63, |p| <= 127.
#include "blocks.h"
#include <immintrin.h>

TK_TARGET static inline float hsum_ps(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

TK_TARGET static inline int hsum_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}

// A half broadcast to 8 floats. Broadcasting before converting avoids the scalar path, which compiles to a
// vpinsrw into a live register: a false dependency chaining every block's scale to the accumulator.
TK_TARGET static inline __m256 half8(uint16_t h) { return _mm256_cvtph_ps(_mm_set1_epi16((short)h)); }

TK_TARGET static inline int load_i32(const void *p) {
    int v;
    __builtin_memcpy(&v, p, 4);
    return v;
}

// 16 bytes of nibbles → 32 bytes: low nibbles (elements 0..15) then high nibbles (16..31).
TK_TARGET static inline __m256i nibbles32(const uint8_t *qs) {
    __m128i b = _mm_loadu_si128((const __m128i *)qs);
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(b, 4), b), _mm256_set1_epi8(15));
}

// 32 bits → 32 bytes, 0xFF where the bit is set (bit j → byte j).
TK_TARGET static inline __m256i bits_to_bytes(const uint8_t *p) {
    uint32_t bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    __m256i v = _mm256_set1_epi32((int)bits);
    v = _mm256_shuffle_epi8(v, _mm256_setr_epi64x(0, 0x0101010101010101LL, 0x0202020202020202LL, 0x0303030303030303LL));
    const __m256i select = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    return _mm256_cmpeq_epi8(_mm256_and_si256(v, select), select);
}

// Σ of each 4 consecutive u8 × s8 products → 8 int32 lanes.
TK_TARGET static inline __m256i dot_u8_s8(__m256i u, __m256i s) {
#if TK_VNNI
    return _mm256_dpbusd_epi32(_mm256_setzero_si256(), u, s);
#else
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
#endif
}

// Σ of each 2 consecutive u8 × s8 products times a 16-bit scale per pair (scales in 16-bit lanes), then
// pairs summed → 8 int32 lanes. The same lane layout as dot_u8_s8.
TK_TARGET static inline __m256i scaled_dot_u8_s8(__m256i u, __m256i s, __m256i scale16) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), scale16);
}

// Σ of each 4 consecutive s8 × s8 products (x's sign moved onto y).
TK_TARGET static inline __m256i dot_s8_s8(__m256i x, __m256i y) {
    return dot_u8_s8(_mm256_sign_epi8(x, x), _mm256_sign_epi8(y, x));
}

// ---- 32-element blocks: an int32 dot vector and a half scale per block ----

TK_TARGET static inline __m256i block_q4_0_dot(const block_q4_0 *a, const block_q8_0 *b) {
    __m256i p = _mm256_loadu_si256((const __m256i *)b->qs);
#if TK_VNNI
    // (q - 8)·p = q·p - 8·p with q unsigned: two vpdpbusd instead of the sign trick.
    return _mm256_sub_epi32(dot_u8_s8(nibbles32(a->qs), p), dot_u8_s8(_mm256_set1_epi8(8), p));
#else
    return dot_s8_s8(_mm256_sub_epi8(nibbles32(a->qs), _mm256_set1_epi8(8)), p);
#endif
}

TK_TARGET static inline __m256i block_q4_1_dot(const block_q4_1 *a, const block_q8_1 *b) {
    return dot_u8_s8(nibbles32(a->qs), _mm256_loadu_si256((const __m256i *)b->qs));
}

TK_TARGET static inline __m256i block_q5_0_dot(const block_q5_0 *a, const block_q8_0 *b) {
    __m256i high = _mm256_and_si256(bits_to_bytes(a->qh), _mm256_set1_epi8(16));
    __m256i q = _mm256_sub_epi8(_mm256_or_si256(nibbles32(a->qs), high), _mm256_set1_epi8(16));
    return dot_s8_s8(q, _mm256_loadu_si256((const __m256i *)b->qs));
}

TK_TARGET static inline __m256i block_q5_1_dot(const block_q5_1 *a, const block_q8_1 *b) {
    __m256i high = _mm256_and_si256(bits_to_bytes(a->qh), _mm256_set1_epi8(16));
    return dot_u8_s8(_mm256_or_si256(nibbles32(a->qs), high), _mm256_loadu_si256((const __m256i *)b->qs));
}

TK_TARGET static inline __m256i block_q8_0_dot(const block_q8_0 *a, const block_q8_0 *b) {
    return dot_s8_s8(_mm256_loadu_si256((const __m256i *)a->qs), _mm256_loadu_si256((const __m256i *)b->qs));
}

// Four blocks per iteration into separate accumulators, so consecutive blocks' FMAs do not wait on each
// other.
#define BLOCK_FMA(k)                                                                                      \
    acc[k] = _mm256_fmadd_ps(_mm256_mul_ps(half8(a[i + k].d), half8(b[i + k].d)),                        \
                             _mm256_cvtepi32_ps(BLOCK_DOT(&a[i + k], &b[i + k])), acc[k]);
#define DOT_BLOCKS_32(W, X)                                                                               \
    const W *a = (const W *)w;                                                                            \
    const X *b = (const X *)x;                                                                            \
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()}; \
    int64_t i = 0, nb = n / QK32;                                                                         \
    for (; i + 4 <= nb; i += 4) {                                                                         \
        BLOCK_FMA(0) BLOCK_FMA(1) BLOCK_FMA(2) BLOCK_FMA(3)                                               \
    }                                                                                                     \
    for (; i < nb; i++) { BLOCK_FMA(0) }                                                                  \
    __m256 sum = _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3]));             \
    return hsum_ps(sum);

#define BLOCK_DOT block_q4_0_dot
TK_TARGET float TK_NAME(tk_dot_q4_0_q8_0)(int64_t n, const void *w, const void *x) { DOT_BLOCKS_32(block_q4_0, block_q8_0) }
#undef BLOCK_DOT
#define BLOCK_DOT block_q5_0_dot
TK_TARGET float TK_NAME(tk_dot_q5_0_q8_0)(int64_t n, const void *w, const void *x) { DOT_BLOCKS_32(block_q5_0, block_q8_0) }
#undef BLOCK_DOT
#define BLOCK_DOT block_q8_0_dot
TK_TARGET float TK_NAME(tk_dot_q8_0_q8_0)(int64_t n, const void *w, const void *x) { DOT_BLOCKS_32(block_q8_0, block_q8_0) }
#undef BLOCK_DOT
#undef OFFSET_FMA

#undef BLOCK_FMA
#undef DOT_BLOCKS_32

// Q4_1 / Q5_1 blocks begin with (half d, half m) and Q8_1 with (half d, half s): one 32-bit load and one
// conversion each give [d, m] and [dx, s], and one multiply gives both d·dx and m·s.
#define OFFSET_BLOCK(k)                                                                                   \
    {                                                                                                     \
        __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128(load_i32(&a[i + k])));                                \
        __m128 ds = _mm_cvtph_ps(_mm_cvtsi32_si128(load_i32(&b[i + k])));                                \
        __m128 prod = _mm_mul_ps(dm, ds);                                                                 \
        mins = _mm_add_ps(mins, prod);                                                                    \
        acc[k] = _mm256_fmadd_ps(_mm256_broadcastss_ps(prod), _mm256_cvtepi32_ps(BLOCK_DOT(&a[i + k], &b[i + k])), acc[k]); \
    }
#define DOT_OFFSET_BLOCKS_32(W, X)                                                                        \
    const W *a = (const W *)w;                                                                            \
    const X *b = (const X *)x;                                                                            \
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()}; \
    __m128 mins = _mm_setzero_ps(); /* lane 1 gathers Σ m·s */                                           \
    int64_t i = 0, nb = n / QK32;                                                                         \
    for (; i + 4 <= nb; i += 4) {                                                                         \
        OFFSET_BLOCK(0) OFFSET_BLOCK(1) OFFSET_BLOCK(2) OFFSET_BLOCK(3)                                   \
    }                                                                                                     \
    for (; i < nb; i++) OFFSET_BLOCK(0)                                                                   \
    __m256 sum = _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3]));             \
    return hsum_ps(sum) + _mm_cvtss_f32(_mm_shuffle_ps(mins, mins, 1));

#define BLOCK_DOT block_q4_1_dot
TK_TARGET float TK_NAME(tk_dot_q4_1_q8_1)(int64_t n, const void *w, const void *x) { DOT_OFFSET_BLOCKS_32(block_q4_1, block_q8_1) }
#undef BLOCK_DOT
#define BLOCK_DOT block_q5_1_dot
TK_TARGET float TK_NAME(tk_dot_q5_1_q8_1)(int64_t n, const void *w, const void *x) { DOT_OFFSET_BLOCKS_32(block_q5_1, block_q8_1) }
#undef BLOCK_DOT
#undef OFFSET_BLOCK
#undef DOT_OFFSET_BLOCKS_32

// ---- K-quants against Q8_K ----

// The eight 6-bit scales and mins of a Q4_K / Q5_K block, unpacked with 32-bit operations (see blocks.h).
TK_TARGET static inline void k_scales_mins(const uint8_t s[12], uint8_t sc[8], uint8_t m[8]) {
    uint32_t u0, u1, u2;
    __builtin_memcpy(&u0, s, 4);
    __builtin_memcpy(&u1, s + 4, 4);
    __builtin_memcpy(&u2, s + 8, 4);
    const uint32_t low6 = 0x3f3f3f3fu, low4 = 0x0f0f0f0fu, top2 = 0x03030303u;
    uint32_t out[4] = {u0 & low6, (u2 & low4) | ((u0 >> 6) & top2) << 4,
                       u1 & low6, ((u2 >> 4) & low4) | ((u1 >> 6) & top2) << 4};
    __builtin_memcpy(sc, out, 8);
    __builtin_memcpy(m, out + 2, 8);
}

// Q4_K / Q5_K: Σ_i d·sc_i·Σ q·p - dmin·Σ_i m_i·(bsums of sub-block i); `qh` adds fifth bits (NULL for Q4_K).
TK_TARGET static inline float dot_k_with_mins(int64_t nb, size_t stride, const uint8_t *base, int has_high,
                                              const block_q8_K *y) {
    const __m256i low4 = _mm256_set1_epi8(15), one = _mm256_set1_epi8(1);
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t i = 0; i < nb; i++) {
        const uint8_t *blk = base + (size_t)i * stride;
        uint16_t d, dmin;
        __builtin_memcpy(&d, blk, 2);
        __builtin_memcpy(&dmin, blk + 2, 2);
        const uint8_t *qs = blk + (has_high ? 48 : 16), *qh = blk + 16;
        uint8_t sc[8], m[8];
        k_scales_mins(blk + 4, sc, m);
        // Σ m_i · (bsums[2i] + bsums[2i+1]): each m repeated for its two 16-element sums.
        __m128i m8 = _mm_loadl_epi64((const __m128i *)m);
        __m256i m16 = _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(m8, m8));
        __m256i bs = _mm256_loadu_si256((const __m256i *)y[i].bsums);
        int summ = hsum_epi32(_mm256_madd_epi16(m16, bs));
        __m256i hbits = has_high ? _mm256_loadu_si256((const __m256i *)qh) : _mm256_setzero_si256();
        __m256i sumi = _mm256_setzero_si256();
        for (int g = 0; g < 4; g++) {
            __m256i q = _mm256_loadu_si256((const __m256i *)(qs + 32 * g));
            __m256i ql = _mm256_and_si256(q, low4);
            __m256i qhi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4);
            if (has_high) {
                ql = _mm256_or_si256(ql, _mm256_slli_epi16(_mm256_and_si256(hbits, one), 4));
                qhi = _mm256_or_si256(qhi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 1), one), 4));
                hbits = _mm256_srli_epi16(hbits, 2);
            }
            __m256i p0 = _mm256_loadu_si256((const __m256i *)(y[i].qs + 64 * g));
            __m256i p1 = _mm256_loadu_si256((const __m256i *)(y[i].qs + 64 * g + 32));
            __m256i s0 = scaled_dot_u8_s8(ql, p0, _mm256_set1_epi16(sc[2 * g]));
            __m256i s1 = scaled_dot_u8_s8(qhi, p1, _mm256_set1_epi16(sc[2 * g + 1]));
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(s0, s1));
        }
        __m256 dd = _mm256_mul_ps(half8(d), _mm256_set1_ps(y[i].d));
        acc = _mm256_fmadd_ps(dd, _mm256_cvtepi32_ps(sumi), acc);
        mins += _mm256_cvtss_f32(half8(dmin)) * y[i].d * (float)summ;
    }
    return hsum_ps(acc) - mins;
}

TK_TARGET float TK_NAME(tk_dot_q4_K_q8_K)(int64_t n, const void *w, const void *x) {
    return dot_k_with_mins(n / QK_K, sizeof(block_q4_K), (const uint8_t *)w, 0, (const block_q8_K *)x);
}

TK_TARGET float TK_NAME(tk_dot_q5_K_q8_K)(int64_t n, const void *w, const void *x) {
    return dot_k_with_mins(n / QK_K, sizeof(block_q5_K), (const uint8_t *)w, 1, (const block_q8_K *)x);
}

// Q6_K: Σ_sub d·sc·Σ (q - 32)·p = d·(Σ_sub sc·Σ q·p - 32·Σ_sub sc·bsum_sub).
TK_TARGET float TK_NAME(tk_dot_q6_K_q8_K)(int64_t n, const void *w, const void *x) {
    const block_q6_K *a = (const block_q6_K *)w;
    const block_q8_K *b = (const block_q8_K *)x;
    const __m256i low4 = _mm256_set1_epi8(15), three = _mm256_set1_epi8(3);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / QK_K; i++) {
        // The -32 offset through the block sums: Σ_j sc_j · bsums_j.
        __m256i sc16 = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)a[i].scales));
        int offset = hsum_epi32(_mm256_madd_epi16(sc16, _mm256_loadu_si256((const __m256i *)b[i].bsums)));
        __m256i sumi = _mm256_setzero_si256();
        for (int h = 0; h < 2; h++) {
            const uint8_t *ql = a[i].ql + 64 * h;
            const int8_t *p = b[i].qs + 128 * h;
            // This half's eight scales as int16, in both 128-bit lanes (shuffled per k below).
            __m256i sc8 = _mm256_broadcastsi128_si256(_mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(a[i].scales + 8 * h))));
            __m256i l0 = _mm256_loadu_si256((const __m256i *)ql), l1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            __m256i hb = _mm256_loadu_si256((const __m256i *)(a[i].qh + 32 * h));
            __m256i q[4];
            q[0] = _mm256_or_si256(_mm256_and_si256(l0, low4), _mm256_slli_epi16(_mm256_and_si256(hb, three), 4));
            q[1] = _mm256_or_si256(_mm256_and_si256(l1, low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 2), three), 4));
            q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 4), three), 4));
            q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low4),
                                   _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hb, 6), three), 4));
            for (int k = 0; k < 4; k++) {
                // Elements 32k..32k+15 belong to sub-block 2k (low 128 bits), the rest to 2k + 1.
                // 16-bit scale sc[2k] across the low lane, sc[2k + 1] across the high lane.
                const char lo = (char)(4 * k), hi = (char)(4 * k + 2);
                __m256i pick = _mm256_setr_epi8(lo, lo + 1, lo, lo + 1, lo, lo + 1, lo, lo + 1, lo, lo + 1, lo, lo + 1,
                                                lo, lo + 1, lo, lo + 1, hi, hi + 1, hi, hi + 1, hi, hi + 1, hi, hi + 1,
                                                hi, hi + 1, hi, hi + 1, hi, hi + 1, hi, hi + 1);
                __m256i scale = _mm256_shuffle_epi8(sc8, pick);
                __m256i pk = _mm256_loadu_si256((const __m256i *)(p + 32 * k));
                sumi = _mm256_add_epi32(sumi, scaled_dot_u8_s8(q[k], pk, scale));
            }
        }
        __m256 dd = _mm256_mul_ps(half8(a[i].d), _mm256_set1_ps(b[i].d));
        sumi = _mm256_sub_epi32(sumi, _mm256_setr_epi32(32 * offset, 0, 0, 0, 0, 0, 0, 0));
        acc = _mm256_fmadd_ps(dd, _mm256_cvtepi32_ps(sumi), acc);
    }
    return hsum_ps(acc);
}
