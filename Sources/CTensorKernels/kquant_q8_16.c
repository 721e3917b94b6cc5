// K-quant weight rows (Q4_K, Q5_K, Q6_K) against 8-bit activations with one scale per 16 elements (Q8_K16,
// layout in blocks.h): the format kquant_q16.c gives every activation row that carries no outlier.
//
// Why: a decode step multiplies each weight once, so its cost is the unpacking plus the products of one row.
// With 16-bit activations a block takes 8 vpdpwssd after 8 vpmullw that scale the unpacked weights; with 8-bit
// ones it takes 4 vpdpbusd on the raw 4- to 6-bit codes, and the scales are applied in float once per block:
// the activations are stored in lane order (blocks.h) and each unpacked weight block is transposed to match
// (8 unpack instructions), so that every int32 lane sums one 16-element group across the four vectors. One scale per 256 (llama.cpp's Q8_K) moves
// Qwen2.5-1.5B's logits by NMSE up to 0.16 from the float64 reference, one per 32 by up to 7e-3; one per 16 is
// half the error of 32 and, with rows that carry an outlier kept in 16 bits, stays within 1e-3 at every
// position (Scripts/reference/activation_rounding_study.py).
//
// Every format reads as: out = Σ_j s_j·dx_j·Σ_{e in j} q_e·p_e − Σ_j mw_j·dsums_j over the 16-element groups j
// of each block, with q the unsigned code (0..15, 0..31, 0..63), s_j = d·sc (per 32 for Q4_K/Q5_K, per 16 for
// Q6_K) and mw_j = dmin·m_{j/2} (Q4_K/Q5_K mins) or 32·d·sc_j (Q6_K's offset: q − 32). dsums_j = dx_j·Σ_{e in j}
// p_e is stored with the activations. Integer sums: 16 products per int32 lane, |q·p| ≤ 63·127, exact.
// Every activation row goes through the same operations whatever the number of rows, so a token's result does
// not depend on its batch (decode and a batched check of the same tokens agree bit for bit).
#include "blocks.h"
#include <math.h>
#include <string.h>

// d = amax/127 per 16, q = round-half-even(x·127/amax): |x − d·q| ≤ d/2 up to float rounding.
void tk_quantize_row_q8_K16(const float *src, void *dst, int64_t n) {
    block_q8_K16 *b = (block_q8_K16 *)dst;
    for (int64_t i = 0; i < n / QK_K; i++, src += QK_K) {
        memset(&b[i], 0, sizeof b[i]);
        float dsums[16];
        for (int j = 0; j < 16; j++) {
            float amax = 0;
            for (int l = 0; l < 16; l++) amax = fmaxf(amax, fabsf(src[16 * j + l]));
            const float d = amax / 127.0f, id = amax > 0 ? 127.0f / amax : 0;
            int32_t sum = 0;
            for (int l = 0; l < 16; l++) {
                long q = lrintf(src[16 * j + l] * id);
                q = q < -127 ? -127 : q > 127 ? 127 : q;
                b[i].qs[tk_q8_K16_position(16 * j + l)] = (int8_t)q;
                sum += (int32_t)q;
            }
            const int p = tk_q8_K16_group(j);
            b[i].d[p] = d;
            b[i].dsums[p] = dsums[j] = d * (float)sum;
        }
        for (int k = 0; k < 8; k++) b[i].dsums32[k] = dsums[2 * k] + dsums[2 * k + 1];
        b[i].format = TK_KACT_Q8_K16;
    }
}

void tk_dequantize_row_q8_K16(const void *src, float *dst, int64_t n) {
    const block_q8_K16 *b = (const block_q8_K16 *)src;
    for (int64_t i = 0; i < n / QK_K; i++, dst += QK_K)
        for (int e = 0; e < QK_K; e++)
            dst[e] = b[i].d[tk_q8_K16_group(e / 16)] * (float)b[i].qs[tk_q8_K16_position(e)];
}

// s_j and mw_j of a weight block per 16-element group (see the top).
static void block_scales(uint32_t type, const uint8_t *blk, float s[16], float mw[16]) {
    if (type == TK_Q6_K) {
        const block_q6_K *a = (const block_q6_K *)blk;
        const float d = TK_FP16(a->d);
        for (int j = 0; j < 16; j++) {
            s[j] = d * (float)a->scales[j];
            mw[j] = 32.0f * s[j];
        }
        return;
    }
    const uint16_t *dd = (const uint16_t *)blk;
    const float d = TK_FP16(dd[0]), dmin = TK_FP16(dd[1]);
    for (int i = 0; i < 8; i++) {
        uint8_t sc, m;
        tk_k_scale_min(i, blk + 4, &sc, &m);
        s[2 * i] = s[2 * i + 1] = d * (float)sc;
        mw[2 * i] = mw[2 * i + 1] = dmin * (float)m;
    }
}

// One weight block as unsigned codes q (element order), s_j and mw_j per 16-element group (see the top).
static void unpack_block_u8(uint32_t type, const uint8_t *blk, uint8_t q[QK_K], float s[16], float mw[16]) {
    block_scales(type, blk, s, mw);
    if (type == TK_Q6_K) {
        const block_q6_K *a = (const block_q6_K *)blk;
        for (int h = 0; h < 2; h++)
            for (int l = 0; l < 32; l++) {
                const uint8_t ql0 = a->ql[64 * h + l], ql1 = a->ql[64 * h + l + 32], qh = a->qh[32 * h + l];
                q[128 * h + l] = (uint8_t)((ql0 & 15) | (qh & 3) << 4);
                q[128 * h + l + 32] = (uint8_t)((ql1 & 15) | ((qh >> 2) & 3) << 4);
                q[128 * h + l + 64] = (uint8_t)((ql0 >> 4) | ((qh >> 4) & 3) << 4);
                q[128 * h + l + 96] = (uint8_t)((ql1 >> 4) | ((qh >> 6) & 3) << 4);
            }
        return;
    }
    const int high = type == TK_Q5_K;
    const uint8_t *qh = blk + 16, *qs = blk + (high ? 48 : 16);
    for (int i = 0; i < 8; i++) {
        for (int l = 0; l < 32; l++) {
            int v = (qs[32 * (i / 2) + l] >> (4 * (i % 2))) & 15;
            if (high) v |= ((qh[l] >> i) & 1) << 4;
            q[32 * i + l] = (uint8_t)v;
        }
    }
}

static size_t block_bytes_of(uint32_t type) {
    return type == TK_Q4_K ? sizeof(block_q4_K) : type == TK_Q5_K ? sizeof(block_q5_K) : sizeof(block_q6_K);
}

// The definition, in the order the SIMD kernels use: per block, integer sums per 4 elements, scaled in float.
static void rows_scalar(uint32_t type, int64_t n, const uint8_t *w, const uint8_t *const *x, int nx,
                        float *const *out) {
    uint8_t q[QK_K];
    float s[16], mw[16];
    float acc[TK_DOT_ROWS_MAX] = {0};
    const size_t block_bytes = block_bytes_of(type);
    for (int64_t i = 0; i < n / QK_K; i++) {
        unpack_block_u8(type, w + (size_t)i * block_bytes, q, s, mw);
        for (int t = 0; t < nx; t++) {
            const block_q8_K16 *b = (const block_q8_K16 *)x[t] + i;
            float sum = 0;
            for (int j = 0; j < 16; j++) {
                int32_t p = 0;
                for (int e = 16 * j; e < 16 * j + 16; e++) p += (int32_t)q[e] * b->qs[tk_q8_K16_position(e)];
                const int lane = tk_q8_K16_group(j);
                sum += s[j] * b->d[lane] * (float)p - mw[j] * b->dsums[lane];
            }
            acc[t] += sum;
        }
    }
    for (int t = 0; t < nx; t++) *out[t] = acc[t];
}

#if TK_X86
#include <immintrin.h>

// unpack_block_u8 with byte masks, 32 codes at a time (the scalar loop would be most of a decode step).
TK_AVX2 static void unpack_block_u8_avx2(uint32_t type, const uint8_t *blk, uint8_t q[QK_K], float s[16], float mw[16]) {
    block_scales(type, blk, s, mw);
    const __m256i low4 = _mm256_set1_epi8(15), low2 = _mm256_set1_epi8(3), one = _mm256_set1_epi8(1);
    if (type == TK_Q6_K) {
        const block_q6_K *a = (const block_q6_K *)blk;
        for (int h = 0; h < 2; h++) {
            const __m256i l0 = _mm256_loadu_si256((const __m256i *)(a->ql + 64 * h));
            const __m256i l1 = _mm256_loadu_si256((const __m256i *)(a->ql + 64 * h + 32));
            const __m256i qh = _mm256_loadu_si256((const __m256i *)(a->qh + 32 * h));
            uint8_t *o = q + 128 * h;
            _mm256_store_si256((__m256i *)o, _mm256_or_si256(_mm256_and_si256(l0, low4),
                                                             _mm256_slli_epi16(_mm256_and_si256(qh, low2), 4)));
            _mm256_store_si256((__m256i *)(o + 32), _mm256_or_si256(_mm256_and_si256(l1, low4),
                _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), low2), 4)));
            _mm256_store_si256((__m256i *)(o + 64), _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low4),
                _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), low2), 4)));
            _mm256_store_si256((__m256i *)(o + 96), _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low4),
                _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), low2), 4)));
        }
        return;
    }
    const int high = type == TK_Q5_K;
    const uint8_t *qs = blk + (high ? 48 : 16);
    const __m256i qh = high ? _mm256_loadu_si256((const __m256i *)(blk + 16)) : _mm256_setzero_si256();
    for (int g = 0; g < 4; g++) {
        const __m256i raw = _mm256_loadu_si256((const __m256i *)(qs + 32 * g));
        __m256i lo = _mm256_and_si256(raw, low4), hi = _mm256_and_si256(_mm256_srli_epi16(raw, 4), low4);
        if (high) {
            lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2 * g), one), 4));
            hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2 * g + 1), one), 4));
        }
        _mm256_store_si256((__m256i *)(q + 64 * g), lo);
        _mm256_store_si256((__m256i *)(q + 64 * g + 32), hi);
    }
}

// AVX2: the block unpacked to bytes once (it stays in L1), then per activation row and 32 elements one
// vpmaddubsw (|2·63·127| < 2¹⁵) and one vpmaddwd against ones, 8 int32 lanes of 4 elements each.
TK_AVX2 static void rows_avx2(uint32_t type, int64_t n, const uint8_t *w, const uint8_t *const *x, int nx,
                              float *const *out) {
    uint8_t q[QK_K] __attribute__((aligned(32)));
    float s[16] __attribute__((aligned(32))), mw[16] __attribute__((aligned(32)));
    __m256 acc[TK_DOT_ROWS_MAX];
    for (int t = 0; t < nx; t++) acc[t] = _mm256_setzero_ps();
    const __m256i ones = _mm256_set1_epi16(1);
    // Lane l of a 32-element chunk covers elements 4l..4l+3: 16-group 2c + l/4.
    const __m256i half = _mm256_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1);
    // Dword indices of groups 0 and 1 (lanes 0 and 4); group j's four dwords are 16 apart.
    const __m256i natural = _mm256_setr_epi32(0, 16, 32, 48, 4, 20, 36, 52);
    const size_t block_bytes = block_bytes_of(type);
    for (int64_t i = 0; i < n / QK_K; i++) {
        unpack_block_u8_avx2(type, w + (size_t)i * block_bytes, q, s, mw);
        const __m256 s_lo = _mm256_loadu_ps(s), s_hi = _mm256_loadu_ps(s + 8);
        const __m256 mw_lo = _mm256_loadu_ps(mw), mw_hi = _mm256_loadu_ps(mw + 8);
        for (int t = 0; t < nx; t++) {
            const block_q8_K16 *b = (const block_q8_K16 *)x[t] + i;
            __m256 a = acc[t];
            float d[16] __attribute__((aligned(32))), dsums[16] __attribute__((aligned(32)));
            for (int j = 0; j < 16; j++) {
                d[j] = b->d[tk_q8_K16_group(j)];
                dsums[j] = b->dsums[tk_q8_K16_group(j)];
            }
            const __m256 sd_lo = _mm256_mul_ps(s_lo, _mm256_load_ps(d)), sd_hi = _mm256_mul_ps(s_hi, _mm256_load_ps(d + 8));
            for (int c = 0; c < 8; c++) {
                // Elements 32c..32c+31 in order: the four dwords of group 2c, then of 2c + 1 (64 bytes apart).
                const __m256i xs = _mm256_i32gather_epi32((const int *)b->qs,
                                                          _mm256_add_epi32(natural, _mm256_set1_epi32(c / 2 + 8 * (c % 2))), 4);
                const __m256i pairs = _mm256_maddubs_epi16(_mm256_load_si256((const __m256i *)(q + 32 * c)), xs);
                const __m256i sums = _mm256_madd_epi16(pairs, ones);
                // s_j·dx_j of groups 2c and 2c + 1, each over its four lanes.
                const __m256 sd = _mm256_permutevar8x32_ps(c < 4 ? sd_lo : sd_hi,
                                                           _mm256_add_epi32(half, _mm256_set1_epi32(2 * (c % 4))));
                a = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sums), sd, a);
            }
            a = _mm256_fnmadd_ps(mw_lo, _mm256_load_ps(dsums), a);
            acc[t] = _mm256_fnmadd_ps(mw_hi, _mm256_load_ps(dsums + 8), a);
        }
    }
    for (int t = 0; t < nx; t++) {
        __m128 r = _mm_add_ps(_mm256_castps256_ps128(acc[t]), _mm256_extractf128_ps(acc[t], 1));
        r = _mm_add_ps(r, _mm_movehl_ps(r, r));
        r = _mm_add_ss(r, _mm_movehdup_ps(r));
        *out[t] = _mm_cvtss_f32(r);
    }
}

#include "kquant_avx512.h"

// The four 64-element vectors of a block (V[g] byte b = element 64g + b, so 128-bit lane r of V[g] is group
// 4g + r) in Q8_K16's order: a 4×4 transpose of dwords within each 128-bit lane, T[v] dword 4r + g = V[g] dword
// 4r + v. Dword position p then holds group tk_q8_K16_group(p) in all four vectors, so a row's four vpdpbusd add
// up in one int32 vector.
TK_AVX512_VNNI INLINE void transpose_block(const __m512i V[4], __m512i T[4]) {
    const __m512i a = _mm512_unpacklo_epi32(V[0], V[1]), b = _mm512_unpackhi_epi32(V[0], V[1]);
    const __m512i c = _mm512_unpacklo_epi32(V[2], V[3]), d = _mm512_unpackhi_epi32(V[2], V[3]);
    T[0] = _mm512_unpacklo_epi64(a, c);
    T[1] = _mm512_unpackhi_epi64(a, c);
    T[2] = _mm512_unpacklo_epi64(b, d);
    T[3] = _mm512_unpackhi_epi64(b, d);
}

// Group j's value at dword position p = tk_q8_K16_group(j) (the map is its own inverse).
TK_AVX512_VNNI INLINE __m512 to_lanes(__m512 natural) {
    return _mm512_permutexvar_ps(_mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15), natural);
}

// One row's integer sums of a block: lane j = Σ over group j of q·p (16 products, |sum| ≤ 16·63·127).
TK_AVX512_VNNI INLINE __m512i row_sums(const __m512i T[4], const int8_t *qs) {
    __m512i s = _mm512_dpbusd_epi32(_mm512_setzero_si512(), T[0], _mm512_loadu_si512((const void *)qs));
    s = _mm512_dpbusd_epi32(s, T[1], _mm512_loadu_si512((const void *)(qs + 64)));
    s = _mm512_dpbusd_epi32(s, T[2], _mm512_loadu_si512((const void *)(qs + 128)));
    return _mm512_dpbusd_epi32(s, T[3], _mm512_loadu_si512((const void *)(qs + 192)));
}

// Q4_K (high = 0) and Q5_K (high = 1): each row's lane scales d·sc_{j/2}·dx_j come from one 16-float product,
// the mins (per 32) from one 8-wide multiply-add against dsums32.
TK_AVX512_VNNI INLINE void k_with_mins_rows(int64_t n, const uint8_t *w, size_t block_bytes, int high,
                                            const uint8_t *const *x, const int nx,
                                            float *const *out) {
    __m512 acc[TK_DOT_ROWS_MAX];
    __m256 mins[TK_DOT_ROWS_MAX];
    for (int t = 0; t < nx; t++) {
        acc[t] = _mm512_setzero_ps();
        mins[t] = _mm256_setzero_ps();
    }
    const __m512i low4 = _mm512_set1_epi8(15), one = _mm512_set1_epi8(1);
    for (int64_t i = 0; i < n / QK_K; i++) {
        const uint8_t *blk = w + (size_t)i * block_bytes;
        uint32_t dpair;
        __builtin_memcpy(&dpair, blk, 4);
        const __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128((int)dpair));
        const __m128i scm8 = tk_k_scales_mins(blk + 4);
        // Each scale repeated for the two 16-element groups of its sub-block.
        const __m512 s16 = to_lanes(_mm512_mul_ps(_mm512_set1_ps(_mm_cvtss_f32(dm)),
                                                  _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_unpacklo_epi8(scm8, scm8)))));
        const __m256 m8 = _mm256_mul_ps(_mm256_set1_ps(_mm_cvtss_f32(_mm_movehdup_ps(dm))),
                                        _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(scm8, 8))));
        const uint8_t *qs = blk + (high ? 48 : 16);
        __m512i hb = _mm512_setzero_si512(), V[4];
        if (high) {
            const __m256i qh = _mm256_loadu_si256((const __m256i *)(blk + 16));
            hb = _mm512_inserti64x4(_mm512_castsi256_si512(qh), _mm256_srli_epi16(qh, 1), 1);
        }
        for (int g = 0; g < 4; g++) {
            // Group g's 32 bytes: sub-block 2g in the low nibbles, 2g + 1 in the high ones.
            const __m256i raw = _mm256_loadu_si256((const __m256i *)(qs + 32 * g));
            V[g] = _mm512_and_si512(_mm512_inserti64x4(_mm512_castsi256_si512(raw), _mm256_srli_epi16(raw, 4), 1), low4);
            if (high) V[g] = _mm512_or_si512(V[g], _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(hb, 2 * g), one), 4));
        }
        __m512i T[4];
        transpose_block(V, T);
        for (int t = 0; t < nx; t++) {
            const block_q8_K16 *b = (const block_q8_K16 *)x[t] + i;
            const __m512 scale = _mm512_mul_ps(s16, _mm512_loadu_ps(b->d));
            mins[t] = _mm256_fmadd_ps(m8, _mm256_loadu_ps(b->dsums32), mins[t]);
            acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(row_sums(T, b->qs)), scale, acc[t]);
        }
    }
    for (int t = 0; t < nx; t++)
        *out[t] = _mm512_reduce_add_ps(_mm512_sub_ps(acc[t], _mm512_zextps256_ps512(mins[t])));
}

// Q6_K: scales per 16 elements, as the activations'; the lane scales d·sc_j·dx_j from one 16-float product per row.
TK_AVX512_VNNI INLINE void q6_K_rows(int64_t n, const uint8_t *w, const uint8_t *const *x, const int nx,
                                     float *const *out) {
    __m512 acc[TK_DOT_ROWS_MAX];
    for (int t = 0; t < nx; t++) acc[t] = _mm512_setzero_ps();
    const __m512i low4 = _mm512_set1_epi8(15), three = _mm512_set1_epi8(3);
    for (int64_t i = 0; i < n / QK_K; i++) {
        const block_q6_K *a = (const block_q6_K *)w + i;
        __m512i V[4];
        for (int h = 0; h < 2; h++) {
            const __m512i ql = _mm512_loadu_si512((const void *)(a->ql + 64 * h));
            const __m256i qh = _mm256_loadu_si256((const __m256i *)(a->qh + 32 * h));
            // Elements 0..63 of the half take qh bits 0-1 (first 32) and 2-3; elements 64..127 bits 4-5 and 6-7.
            const __m512i hb = _mm512_inserti64x4(_mm512_castsi256_si512(qh), _mm256_srli_epi16(qh, 2), 1);
            const __m512i hi0 = _mm512_slli_epi16(_mm512_and_si512(hb, three), 4);
            const __m512i hi1 = _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(hb, 4), three), 4);
            V[2 * h] = _mm512_or_si512(_mm512_and_si512(ql, low4), hi0);
            V[2 * h + 1] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), low4), hi1);
        }
        const __m512 s16 = to_lanes(_mm512_mul_ps(_mm512_set1_ps(_cvtsh_ss(a->d)),
            _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)a->scales)))));
        const __m512 offset16 = _mm512_mul_ps(_mm512_set1_ps(32.0f), s16);
        __m512i T[4];
        transpose_block(V, T);
        for (int t = 0; t < nx; t++) {
            const block_q8_K16 *b = (const block_q8_K16 *)x[t] + i;
            const __m512 scale = _mm512_mul_ps(s16, _mm512_loadu_ps(b->d));
            const __m512 r = _mm512_fnmadd_ps(offset16, _mm512_loadu_ps(b->dsums), acc[t]);
            acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(row_sums(T, b->qs)), scale, r);
        }
    }
    for (int t = 0; t < nx; t++) *out[t] = _mm512_reduce_add_ps(acc[t]);
}

// One entry per format and row count, so each body is compiled with its row count as a constant.
#define ROWS_ENTRY(name, call)                                                                           \
    TK_AVX512_VNNI static void name(int64_t n, const uint8_t *wb, const uint8_t *const *xb, int nx,      \
                                    float *const *out) {                                                 \
        TK_BY_ROW_COUNT(nx, call)                                                                        \
    }
#define Q4_K_CALL(k) k_with_mins_rows(n, wb, sizeof(block_q4_K), 0, xb, k, out)
#define Q5_K_CALL(k) k_with_mins_rows(n, wb, sizeof(block_q5_K), 1, xb, k, out)
#define Q6_K_CALL(k) q6_K_rows(n, wb, xb, k, out)
ROWS_ENTRY(rows_q4_K_avx512, Q4_K_CALL)
ROWS_ENTRY(rows_q5_K_avx512, Q5_K_CALL)
ROWS_ENTRY(rows_q6_K_avx512, Q6_K_CALL)
#endif

void tk_rows_q8_K16(uint32_t type, int level, int64_t n, const uint8_t *w, const uint8_t *const *x, int nx,
                    float *const *out) {
#if TK_X86
    if (level >= 2 && tk_use_avx512vnni()) {
        switch (type) {
        case TK_Q4_K: rows_q4_K_avx512(n, w, x, nx, out); return;
        case TK_Q5_K: rows_q5_K_avx512(n, w, x, nx, out); return;
        default: rows_q6_K_avx512(n, w, x, nx, out); return;
        }
    }
    if (level >= 1 && tk_use_avx2()) {
        rows_avx2(type, n, w, x, nx, out);
        return;
    }
#endif
    (void)level;
    rows_scalar(type, n, w, x, nx, out);
}
