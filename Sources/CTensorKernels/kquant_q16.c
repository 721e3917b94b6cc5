// K-quant weight rows (Q4_K, Q5_K, Q6_K) against 16-bit integer activations (Q16_K, layout in blocks.h).
//
// Why 16 bits: plain Q8_K activations move Qwen2.5-1.5B's logits by NMSE up to 0.17 from the float64 reference
// (outlier activations set the block scales); 16-bit activations have the precision of the earlier two-part
// Q8_K form (a Q8_K row plus a Q8_K row of its rounding error) at half its integer work: per 32 elements one
// vpdpwssd (32 products) instead of two vpmaddubsw + two vpdpwssd. The weights are unpacked once per block
// into 16-bit words already multiplied by their sub-block scale (Q6_K: (q − 32)·sc), which every activation
// row of a batch then reuses, so a prefill batch or a speculative check pays the unpacking once per weight.
//
// Exactness of the integer sums (int32 lanes): |w| ≤ 15·63 = 945 (Q4_K), 31·63 = 1953 (Q5_K),
// 32·128 = 4096 (Q6_K); |p| ≤ 32767. The AVX-512 kernel adds 16 products per lane and block:
// 16·4096·32767 = 2 147 418 112 < 2³¹ − 1. AVX2 adds 16 per lane and half block, the scalar code sums in int64.
//
// Result per block: d·dx·Σ_j w_j·p_j − Σ_i (dmin·m_i)·dsum_i (Q6_K: no mins), dsum_i = dx·Σ_{sub-block i} p,
// stored with the activations so that the mins cost one fused multiply-add per activation row and block. Every activation row goes
// through the same operations whatever the number of rows, so a token's result does not depend on its batch.
#include "blocks.h"
#include <math.h>
#include <string.h>

// Activation rows per pass over a weight row (16 spills registers in the AVX-512 kernel and runs slower).
enum { Q16_ROWS_MAX = 8 };

size_t tk_row_bytes_q16_K(int64_t n) { return n < 0 || n % QK_K ? 0 : (size_t)(n / QK_K) * sizeof(block_q16_K); }

// d = amax / 32767 (f32), q = round-half-even(x · 32767 / amax): |x − d·q| ≤ d/2 up to float rounding.
void tk_quantize_row_q16_K(const float *src, void *dst, int64_t n) {
    block_q16_K *b = (block_q16_K *)dst;
    for (int64_t i = 0; i < n / QK_K; i++, src += QK_K) {
        float amax = 0;
        for (int j = 0; j < QK_K; j++) amax = fmaxf(amax, fabsf(src[j]));
        const float id = amax > 0 ? 32767.0f / amax : 0;
        const float d = amax / 32767.0f;
        for (int k = 0; k < 8; k++) {
            int32_t sum = 0;
            for (int l = 0; l < 32; l++) {
                long q = lrintf(src[32 * k + l] * id);
                q = q < -32767 ? -32767 : q > 32767 ? 32767 : q;
                b[i].qs[32 * k + l] = (int16_t)q;
                sum += (int32_t)q;
            }
            b[i].dsums[k] = d * (float)sum;
        }
        b[i].d = d;
        memset(b[i].pad, 0, sizeof b[i].pad);
    }
}

void tk_dequantize_row_q16_K(const void *src, float *dst, int64_t n) {
    const block_q16_K *b = (const block_q16_K *)src;
    for (int64_t i = 0; i < n / QK_K; i++, dst += QK_K)
        for (int j = 0; j < QK_K; j++) dst[j] = b[i].d * (float)b[i].qs[j];
}

// One weight block as 256 scaled 16-bit weights w_j, the mins m_i (0 for Q6_K), d and dmin.
static inline void unpack_block(uint32_t type, const uint8_t *blk, int16_t w[QK_K], int32_t m[8], float *d,
                                float *dmin) {
    if (type == TK_Q6_K) {
        const block_q6_K *a = (const block_q6_K *)blk;
        *d = TK_FP16(a->d);
        *dmin = 0;
        for (int h = 0; h < 2; h++)
            for (int l = 0; l < 32; l++) {
                const uint8_t ql0 = a->ql[64 * h + l], ql1 = a->ql[64 * h + l + 32], qh = a->qh[32 * h + l];
                const int q[4] = {(ql0 & 15) | (qh & 3) << 4, (ql1 & 15) | ((qh >> 2) & 3) << 4,
                                  (ql0 >> 4) | ((qh >> 4) & 3) << 4, (ql1 >> 4) | ((qh >> 6) & 3) << 4};
                for (int k = 0; k < 4; k++)
                    w[128 * h + 32 * k + l] = (int16_t)((q[k] - 32) * a->scales[8 * h + l / 16 + 2 * k]);
            }
        for (int i = 0; i < 8; i++) m[i] = 0;
        return;
    }
    // Q4_K and Q5_K share d, dmin and the packed scales; Q5_K adds a fifth bit per element.
    const int high = type == TK_Q5_K;
    const uint16_t *dd = (const uint16_t *)blk;
    *d = TK_FP16(dd[0]);
    *dmin = TK_FP16(dd[1]);
    const uint8_t *scales = blk + 4, *qh = blk + 16, *qs = blk + (high ? 48 : 16);
    for (int i = 0; i < 8; i++) {
        uint8_t sc, mi;
        tk_k_scale_min(i, scales, &sc, &mi);
        m[i] = mi;
        for (int l = 0; l < 32; l++) {
            int q = (qs[32 * (i / 2) + l] >> (4 * (i % 2))) & 15;
            if (high) q |= ((qh[l] >> i) & 1) << 4;
            w[32 * i + l] = (int16_t)(q * sc);
        }
    }
}

// The definition: out[t] = Σ_blocks d·dx·Σ w·p − Σ (dmin·m)·dsum, the first sum in integers.
static void rows_scalar(uint32_t type, int64_t n, const uint8_t *w, size_t block_bytes, const uint8_t *x,
                        size_t x_stride, int nx, float *out, size_t out_stride) {
    int16_t wq[QK_K];
    int32_t m[8];
    float acc[Q16_ROWS_MAX] = {0};
    for (int64_t i = 0; i < n / QK_K; i++) {
        float d, dmin;
        unpack_block(type, w + (size_t)i * block_bytes, wq, m, &d, &dmin);
        for (int t = 0; t < nx; t++) {
            const block_q16_K *b = (const block_q16_K *)(x + (size_t)t * x_stride) + i;
            int64_t s = 0;
            float mins = 0;
            for (int j = 0; j < QK_K; j++) s += (int32_t)wq[j] * b->qs[j];
            for (int k = 0; k < 8; k++) mins += dmin * (float)m[k] * b->dsums[k];
            acc[t] += d * b->d * (float)s - mins;
        }
    }
    for (int t = 0; t < nx; t++) out[(size_t)t * out_stride] = acc[t];
}

static size_t block_bytes_of(uint32_t type) {
    return type == TK_Q4_K ? sizeof(block_q4_K) : type == TK_Q5_K ? sizeof(block_q5_K) : sizeof(block_q6_K);
}

#if TK_X86
#include <immintrin.h>

// The same 16-bit weights as unpack_block, 32 at a time: nibbles (and Q5_K's fifth bit, Q6_K's two high
// bits) split with byte masks, widened to int16 and multiplied by the sub-block scale. Without it the
// AVX2 kernel spent most of its time in the scalar unpacking (Qwen2.5-1.5B decoded 1.8 tokens/s on an AMD EPYC
// without AVX-512).
TK_AVX2 static void store_scaled(int16_t *w, __m256i q, int16_t scale_lo, int16_t scale_hi, int16_t offset) {
    const __m256i lo = _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm256_castsi256_si128(q)), _mm256_set1_epi16(offset));
    const __m256i hi = _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm256_extracti128_si256(q, 1)), _mm256_set1_epi16(offset));
    _mm256_store_si256((__m256i *)w, _mm256_mullo_epi16(lo, _mm256_set1_epi16(scale_lo)));
    _mm256_store_si256((__m256i *)(w + 16), _mm256_mullo_epi16(hi, _mm256_set1_epi16(scale_hi)));
}

TK_AVX2 static void unpack_block_avx2(uint32_t type, const uint8_t *blk, int16_t w[QK_K], int32_t m[8], float *d,
                                      float *dmin) {
    const __m256i low4 = _mm256_set1_epi8(15), low2 = _mm256_set1_epi8(3), one = _mm256_set1_epi8(1);
    if (type == TK_Q6_K) {
        const block_q6_K *a = (const block_q6_K *)blk;
        *d = TK_FP16(a->d);
        *dmin = 0;
        for (int h = 0; h < 2; h++) {
            const __m256i l0 = _mm256_loadu_si256((const __m256i *)(a->ql + 64 * h));
            const __m256i l1 = _mm256_loadu_si256((const __m256i *)(a->ql + 64 * h + 32));
            const __m256i qh = _mm256_loadu_si256((const __m256i *)(a->qh + 32 * h));
            const __m256i q[4] = {
                _mm256_or_si256(_mm256_and_si256(l0, low4), _mm256_slli_epi16(_mm256_and_si256(qh, low2), 4)),
                _mm256_or_si256(_mm256_and_si256(l1, low4),
                                _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2), low2), 4)),
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l0, 4), low4),
                                _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 4), low2), 4)),
                _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(l1, 4), low4),
                                _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 6), low2), 4))};
            for (int k = 0; k < 4; k++)
                store_scaled(w + 128 * h + 32 * k, q[k], a->scales[8 * h + 2 * k], a->scales[8 * h + 2 * k + 1], 32);
        }
        for (int i = 0; i < 8; i++) m[i] = 0;
        return;
    }
    const int high = type == TK_Q5_K;
    const uint16_t *dd = (const uint16_t *)blk;
    *d = TK_FP16(dd[0]);
    *dmin = TK_FP16(dd[1]);
    const uint8_t *scales = blk + 4, *qs = blk + (high ? 48 : 16);
    const __m256i qh = high ? _mm256_loadu_si256((const __m256i *)(blk + 16)) : _mm256_setzero_si256();
    for (int k = 0; k < 4; k++) {
        uint8_t sc0, sc1, m0, m1;
        tk_k_scale_min(2 * k, scales, &sc0, &m0);
        tk_k_scale_min(2 * k + 1, scales, &sc1, &m1);
        m[2 * k] = m0;
        m[2 * k + 1] = m1;
        const __m256i q = _mm256_loadu_si256((const __m256i *)(qs + 32 * k));
        __m256i lo = _mm256_and_si256(q, low4), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4);
        if (high) {
            lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2 * k), one), 4));
            hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(qh, 2 * k + 1), one), 4));
        }
        store_scaled(w + 64 * k, lo, sc0, sc0, 0);
        store_scaled(w + 64 * k + 32, hi, sc1, sc1, 0);
    }
}

// AVX2: the block unpacked to memory once (it stays in L1), then each activation row takes 16 vpmaddwd;
// int32 sums are converted per half block (see the bound above).
TK_AVX2 static void rows_avx2(uint32_t type, int64_t n, const uint8_t *w, size_t block_bytes, const uint8_t *x,
                              size_t x_stride, int nx, float *out, size_t out_stride) {
    int16_t wq[QK_K] __attribute__((aligned(32)));
    int32_t m[8] __attribute__((aligned(32)));
    __m256 acc[Q16_ROWS_MAX], mins[Q16_ROWS_MAX];
    for (int t = 0; t < nx; t++) acc[t] = mins[t] = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / QK_K; i++) {
        float d, dmin;
        unpack_block_avx2(type, w + (size_t)i * block_bytes, wq, m, &d, &dmin);
        const __m256 mv = _mm256_mul_ps(_mm256_set1_ps(dmin), _mm256_cvtepi32_ps(_mm256_load_si256((const __m256i *)m)));
        for (int t = 0; t < nx; t++) {
            const block_q16_K *b = (const block_q16_K *)(x + (size_t)t * x_stride) + i;
            for (int h = 0; h < 2; h++) {
                __m256i s = _mm256_setzero_si256();
                for (int v = 0; v < 8; v++) {
                    const int o = 128 * h + 16 * v;
                    s = _mm256_add_epi32(s, _mm256_madd_epi16(_mm256_load_si256((const __m256i *)(wq + o)),
                                                              _mm256_loadu_si256((const __m256i *)(b->qs + o))));
                }
                acc[t] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s), _mm256_set1_ps(d * b->d), acc[t]);
            }
            mins[t] = _mm256_fmadd_ps(mv, _mm256_loadu_ps(b->dsums), mins[t]);
        }
    }
    for (int t = 0; t < nx; t++) {
        const __m256 v = _mm256_sub_ps(acc[t], mins[t]);
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        s = _mm_add_ss(s, _mm_movehdup_ps(s));
        out[(size_t)t * out_stride] = _mm_cvtss_f32(s);
    }
}

#define TK_AVX512_VNNI __attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")))
#define INLINE __attribute__((always_inline)) static inline

// The eight 6-bit scales and mins of a Q4_K / Q5_K block as 16 bytes (scales then mins), in registers.
// `s` points at the 12 scale bytes; the 4 bytes after them are read and ignored.
TK_AVX512_VNNI INLINE __m128i scales_mins(const uint8_t *s) {
    const __m128i u = _mm_loadu_si128((const __m128i *)s);
    const __m128i a = _mm_shuffle_epi32(u, _MM_SHUFFLE(2, 1, 2, 0));
    const __m128i b = _mm_shuffle_epi32(u, _MM_SHUFFLE(1, 1, 0, 0));
    const __m128i low = _mm_and_si128(_mm_srlv_epi32(a, _mm_setr_epi32(0, 0, 0, 4)),
                                      _mm_setr_epi32(0x3f3f3f3f, 0x0f0f0f0f, 0x3f3f3f3f, 0x0f0f0f0f));
    const __m128i top = _mm_and_si128(_mm_srli_epi32(b, 6), _mm_setr_epi32(0, 0x03030303, 0, 0x03030303));
    return _mm_or_si128(low, _mm_slli_epi32(top, 4));
}

// Per activation row and block: 8 vpdpwssd against the 8 unpacked weight vectors, then the float scaling.
// W[v] holds elements 32v..32v+31, already multiplied by their scale.
#define ROW_PRODUCTS(W, t)                                                                                      \
    do {                                                                                                        \
        const block_q16_K *b_ = (const block_q16_K *)(x + (size_t)(t) * x_stride) + i;                          \
        __m512i s_ = _mm512_setzero_si512();                                                                    \
        for (int v_ = 0; v_ < 8; v_++)                                                                          \
            s_ = _mm512_dpwssd_epi32(s_, W[v_], _mm512_loadu_si512((const void *)(b_->qs + 32 * v_)));          \
        acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s_), _mm512_set1_ps(d * b_->d), acc[t]);                    \
    } while (0)

// Q4_K (high = 0) and Q5_K (high = 1).
TK_AVX512_VNNI INLINE void k_with_mins_rows(int64_t n, const uint8_t *w, size_t block_bytes, int high,
                                            const uint8_t *x, size_t x_stride, const int nx, float *out,
                                            size_t out_stride) {
    // The mins go into the low 8 lanes of the same accumulator (one register per activation row).
    __m512 acc[Q16_ROWS_MAX];
    for (int t = 0; t < nx; t++) acc[t] = _mm512_setzero_ps();
    const __m512i low4 = _mm512_set1_epi16(15), one = _mm512_set1_epi16(1);
    for (int64_t i = 0; i < n / QK_K; i++) {
        const uint8_t *blk = w + (size_t)i * block_bytes;
        uint32_t dpair;
        __builtin_memcpy(&dpair, blk, 4);
        const __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128((int)dpair));
        const float d = _mm_cvtss_f32(dm), dmin = _mm_cvtss_f32(_mm_movehdup_ps(dm));
        const __m128i scm8 = scales_mins(blk + 4);
        const __m512i sc16 = _mm512_castsi256_si512(_mm256_cvtepu8_epi16(scm8));
        const __m512 mf = _mm512_zextps256_ps512(
            _mm256_mul_ps(_mm256_set1_ps(dmin), _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(scm8, 8)))));
        const uint8_t *qs = blk + (high ? 48 : 16);
        __m512i hb = _mm512_setzero_si512();
        if (high) hb = _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(blk + 16)));
        __m512i W[8];
        for (int g = 0; g < 4; g++) {
            const __m512i z = _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(qs + 32 * g)));
            __m512i lo = _mm512_and_si512(z, low4), hi = _mm512_srli_epi16(z, 4);
            if (high) {
                lo = _mm512_or_si512(lo, _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(hb, 2 * g), one), 4));
                hi = _mm512_or_si512(hi, _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(hb, 2 * g + 1), one), 4));
            }
            W[2 * g] = _mm512_mullo_epi16(lo, _mm512_permutexvar_epi16(_mm512_set1_epi16((short)(2 * g)), sc16));
            W[2 * g + 1] = _mm512_mullo_epi16(hi, _mm512_permutexvar_epi16(_mm512_set1_epi16((short)(2 * g + 1)), sc16));
        }
        for (int t = 0; t < nx; t++) {
            ROW_PRODUCTS(W, t);
            const block_q16_K *b = (const block_q16_K *)(x + (size_t)t * x_stride) + i;
            acc[t] = _mm512_fnmadd_ps(mf, _mm512_zextps256_ps512(_mm256_loadu_ps(b->dsums)), acc[t]);
        }
    }
    for (int t = 0; t < nx; t++) out[(size_t)t * out_stride] = _mm512_reduce_add_ps(acc[t]);
}

TK_AVX512_VNNI INLINE void q6_K_rows(int64_t n, const uint8_t *w, const uint8_t *x, size_t x_stride, const int nx,
                                     float *out, size_t out_stride) {
    __m512 acc[Q16_ROWS_MAX];
    for (int t = 0; t < nx; t++) acc[t] = _mm512_setzero_ps();
    const __m512i low4 = _mm512_set1_epi16(15), three = _mm512_set1_epi16(3), off = _mm512_set1_epi16(32);
    for (int64_t i = 0; i < n / QK_K; i++) {
        const block_q6_K *a = (const block_q6_K *)w + i;
        const float d = _cvtsh_ss(a->d);
        const __m512i sc16 = _mm512_castsi256_si512(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)a->scales)));
        __m512i W[8];
        for (int h = 0; h < 2; h++) {
            const __m512i l0 = _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(a->ql + 64 * h)));
            const __m512i l1 = _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(a->ql + 64 * h + 32)));
            const __m512i qh = _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)(a->qh + 32 * h)));
            const __m512i q[4] = {
                _mm512_or_si512(_mm512_and_si512(l0, low4), _mm512_slli_epi16(_mm512_and_si512(qh, three), 4)),
                _mm512_or_si512(_mm512_and_si512(l1, low4),
                                _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(qh, 2), three), 4)),
                _mm512_or_si512(_mm512_srli_epi16(l0, 4),
                                _mm512_slli_epi16(_mm512_and_si512(_mm512_srli_epi16(qh, 4), three), 4)),
                _mm512_or_si512(_mm512_srli_epi16(l1, 4), _mm512_slli_epi16(_mm512_srli_epi16(qh, 6), 4)),
            };
            for (int k = 0; k < 4; k++) {
                // Words 0..15 take scale 8h + 2k, words 16..31 scale 8h + 2k + 1.
                const __m512i index = _mm512_inserti64x4(_mm512_set1_epi16((short)(8 * h + 2 * k)),
                                                         _mm256_set1_epi16((short)(8 * h + 2 * k + 1)), 1);
                W[4 * h + k] = _mm512_mullo_epi16(_mm512_sub_epi16(q[k], off), _mm512_permutexvar_epi16(index, sc16));
            }
        }
        for (int t = 0; t < nx; t++) ROW_PRODUCTS(W, t);
    }
    for (int t = 0; t < nx; t++) out[(size_t)t * out_stride] = _mm512_reduce_add_ps(acc[t]);
}

#define ROWS_ENTRY(name, call)                                                                           \
    TK_AVX512_VNNI static void name(int64_t n, const uint8_t *wb, const uint8_t *xb, size_t x_stride,    \
                                    int nx, float *out, size_t out_stride) {                             \
        switch (nx) {                                                                                    \
        case 1: call(1); break;                                                                          \
        case 2: call(2); break;                                                                          \
        case 3: call(3); break;                                                                          \
        case 4: call(4); break;                                                                          \
        case 5: call(5); break;                                                                          \
        case 6: call(6); break;                                                                          \
        case 7: call(7); break;                                                                          \
        default: call(8); break;                                                                         \
        }                                                                                                \
    }
#define Q4_K_CALL(k) k_with_mins_rows(n, wb, sizeof(block_q4_K), 0, xb, x_stride, k, out, out_stride)
#define Q5_K_CALL(k) k_with_mins_rows(n, wb, sizeof(block_q5_K), 1, xb, x_stride, k, out, out_stride)
#define Q6_K_CALL(k) q6_K_rows(n, wb, xb, x_stride, k, out, out_stride)
ROWS_ENTRY(rows_q4_K_avx512, Q4_K_CALL)
ROWS_ENTRY(rows_q5_K_avx512, Q5_K_CALL)
ROWS_ENTRY(rows_q6_K_avx512, Q6_K_CALL)
#endif

// One weight row against nx ≤ Q16_ROWS_MAX activation rows with the kernel of `level` (or the best below it).
static void rows_level(uint32_t type, int level, int64_t n, const uint8_t *w, const uint8_t *x, size_t x_stride,
                       int nx, float *out, size_t out_stride) {
#if TK_X86
    if (level >= 2 && tk_use_avx512vnni()) {
        switch (type) {
        case TK_Q4_K: rows_q4_K_avx512(n, w, x, x_stride, nx, out, out_stride); return;
        case TK_Q5_K: rows_q5_K_avx512(n, w, x, x_stride, nx, out, out_stride); return;
        default: rows_q6_K_avx512(n, w, x, x_stride, nx, out, out_stride); return;
        }
    }
    if (level >= 1 && tk_use_avx2()) {
        rows_avx2(type, n, w, block_bytes_of(type), x, x_stride, nx, out, out_stride);
        return;
    }
#endif
    (void)level;
    rows_scalar(type, n, w, block_bytes_of(type), x, x_stride, nx, out, out_stride);
}

static int is_k_quant(uint32_t type) { return type == TK_Q4_K || type == TK_Q5_K || type == TK_Q6_K; }

void tk_dot_rows_q16_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x, size_t x_stride,
                           int64_t nx, float *out) {
    if (!is_k_quant(type) || n % QK_K) return;
    const uint8_t *xs = (const uint8_t *)x;
    for (int64_t i = 0; i < nx; i += Q16_ROWS_MAX) {
        const int k = nx - i < Q16_ROWS_MAX ? (int)(nx - i) : Q16_ROWS_MAX;
        rows_level(type, level, n, (const uint8_t *)w_row, xs + (size_t)i * x_stride, x_stride, k, out + i, 1);
    }
}

void tk_matmul_rows_q16_level(uint32_t type, int level, const void *w, size_t row_bytes, int64_t cols,
                              const void *x, int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1) {
    if (!is_k_quant(type) || cols % QK_K) return;
    const size_t x_row = tk_row_bytes_q16_K(cols);
    const uint8_t *base = (const uint8_t *)w, *xs = (const uint8_t *)x;
    // Tiles of about 16 KB of weight rows stay in L1 while each group of activation rows passes over them.
    int64_t tile_rows = (int64_t)((16 * 1024) / (row_bytes ? row_bytes : 1));
    if (tile_rows < 1) tile_rows = 1;
    for (int64_t rt = r0; rt < r1; rt += tile_rows) {
        const int64_t re = rt + tile_rows < r1 ? rt + tile_rows : r1;
        for (int64_t i = 0; i < n; i += Q16_ROWS_MAX) {
            const int k = n - i < Q16_ROWS_MAX ? (int)(n - i) : Q16_ROWS_MAX;
            for (int64_t r = rt; r < re; r++)
                rows_level(type, level, cols, base + (size_t)r * row_bytes, xs + (size_t)i * x_row, x_row, k,
                           y + i * ldy + r, (size_t)ldy);
        }
    }
}
