// K-quant weight rows (Q4_K, Q5_K, Q6_K) against 16-bit integer activations (Q16_K, layout in blocks.h), and the
// entry points for K-quant activation rows of either format: a row without outliers is 8 bits per 32 elements
// (Q8_K16, kquant_q8_16.c, what most decode steps take); one with an outlier keeps these 16 bits. The drivers
// below hand each run of same-format rows to its kernel, so a batch may mix them.
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
        b[i].format = TK_KACT_Q16_K;
    }
}

// A row carries an outlier when one activation is more than 20 times its root mean square: Qwen2's first
// tokens do, and 8 bits per 32 would move their logits by NMSE up to 7e-3. With the limit at 20, 14 % of the
// product inputs of the three reference prompts keep 16 bits and every position stays within 4.1e-4
// (Scripts/reference/activation_rounding_study.py, variant mixed20).
// Without AVX-512 VNNI every row keeps 16 bits: the AVX2 8-bit kernel is no faster for one token (15.8 against
// 15.5 ns per Q4_K block, one thread, in cache) and slower for eight (6.5 against 5.2 ns per token and block).
int tk_quantize_row_k_activations(const float *src, void *dst, int64_t n) {
    if (!tk_use_avx512vnni()) {
        tk_quantize_row_q16_K(src, dst, n);
        return TK_KACT_Q16_K;
    }
    double squares = 0;
    float amax = 0;
    for (int64_t j = 0; j < n; j++) {
        squares += (double)src[j] * src[j];
        amax = fmaxf(amax, fabsf(src[j]));
    }
    if (n > 0 && (double)amax * amax > 400.0 * squares / (double)n) {
        tk_quantize_row_q16_K(src, dst, n);
        return TK_KACT_Q16_K;
    }
    tk_quantize_row_q8_K16(src, dst, n);
    return TK_KACT_Q8_K16;
}

static int row_format(const void *row) { return ((const block_q16_K *)row)->format; }

void tk_dequantize_row_q16_K(const void *src, float *dst, int64_t n) {
    if (n >= QK_K && row_format(src) == TK_KACT_Q8_K16) {
        tk_dequantize_row_q8_K16(src, dst, n);
        return;
    }
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
static void rows_scalar(uint32_t type, int64_t n, const uint8_t *w, size_t block_bytes, const uint8_t *const *x,
                        int nx, float *const *out) {
    int16_t wq[QK_K];
    int32_t m[8];
    float acc[Q16_ROWS_MAX] = {0};
    for (int64_t i = 0; i < n / QK_K; i++) {
        float d, dmin;
        unpack_block(type, w + (size_t)i * block_bytes, wq, m, &d, &dmin);
        for (int t = 0; t < nx; t++) {
            const block_q16_K *b = (const block_q16_K *)x[t] + i;
            int64_t s = 0;
            float mins = 0;
            for (int j = 0; j < QK_K; j++) s += (int32_t)wq[j] * b->qs[j];
            for (int k = 0; k < 8; k++) mins += dmin * (float)m[k] * b->dsums[k];
            acc[t] += d * b->d * (float)s - mins;
        }
    }
    for (int t = 0; t < nx; t++) *out[t] = acc[t];
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
TK_AVX2 static void rows_avx2(uint32_t type, int64_t n, const uint8_t *w, size_t block_bytes, const uint8_t *const *x,
                              int nx, float *const *out) {
    int16_t wq[QK_K] __attribute__((aligned(32)));
    int32_t m[8] __attribute__((aligned(32)));
    __m256 acc[Q16_ROWS_MAX], mins[Q16_ROWS_MAX];
    for (int t = 0; t < nx; t++) acc[t] = mins[t] = _mm256_setzero_ps();
    for (int64_t i = 0; i < n / QK_K; i++) {
        float d, dmin;
        unpack_block_avx2(type, w + (size_t)i * block_bytes, wq, m, &d, &dmin);
        const __m256 mv = _mm256_mul_ps(_mm256_set1_ps(dmin), _mm256_cvtepi32_ps(_mm256_load_si256((const __m256i *)m)));
        for (int t = 0; t < nx; t++) {
            const block_q16_K *b = (const block_q16_K *)x[t] + i;
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
        *out[t] = _mm_cvtss_f32(s);
    }
}

#include "kquant_avx512.h"

// Per activation row and block: 8 vpdpwssd against the 8 unpacked weight vectors, then the float scaling.
// W[v] holds elements 32v..32v+31, already multiplied by their scale.
#define ROW_PRODUCTS(W, t)                                                                                      \
    do {                                                                                                        \
        const block_q16_K *b_ = (const block_q16_K *)x[t] + i;                          \
        __m512i s_ = _mm512_setzero_si512();                                                                    \
        for (int v_ = 0; v_ < 8; v_++)                                                                          \
            s_ = _mm512_dpwssd_epi32(s_, W[v_], _mm512_loadu_si512((const void *)(b_->qs + 32 * v_)));          \
        acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s_), _mm512_set1_ps(d * b_->d), acc[t]);                    \
    } while (0)

// Q4_K (high = 0) and Q5_K (high = 1).
TK_AVX512_VNNI INLINE void k_with_mins_rows(int64_t n, const uint8_t *w, size_t block_bytes, int high,
                                            const uint8_t *const *x, const int nx,
                                            float *const *out) {
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
        const __m128i scm8 = tk_k_scales_mins(blk + 4);
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
            const block_q16_K *b = (const block_q16_K *)x[t] + i;
            acc[t] = _mm512_fnmadd_ps(mf, _mm512_zextps256_ps512(_mm256_loadu_ps(b->dsums)), acc[t]);
        }
    }
    for (int t = 0; t < nx; t++) *out[t] = _mm512_reduce_add_ps(acc[t]);
}

TK_AVX512_VNNI INLINE void q6_K_rows(int64_t n, const uint8_t *w, const uint8_t *const *x, const int nx,
                                     float *const *out) {
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
    for (int t = 0; t < nx; t++) *out[t] = _mm512_reduce_add_ps(acc[t]);
}

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

// One weight row against nx ≤ Q16_ROWS_MAX activation rows with the kernel of `level` (or the best below it).
static void rows_level(uint32_t type, int level, int64_t n, const uint8_t *w, const uint8_t *const *x,
                       int nx, float *const *out) {
#if TK_X86
    if (level >= 2 && tk_use_avx512vnni()) {
        switch (type) {
        case TK_Q4_K: rows_q4_K_avx512(n, w, x, nx, out); return;
        case TK_Q5_K: rows_q5_K_avx512(n, w, x, nx, out); return;
        default: rows_q6_K_avx512(n, w, x, nx, out); return;
        }
    }
    if (level >= 1 && tk_use_avx2()) {
        rows_avx2(type, n, w, block_bytes_of(type), x, nx, out);
        return;
    }
#endif
    (void)level;
    rows_scalar(type, n, w, block_bytes_of(type), x, nx, out);
}

static int is_k_quant(uint32_t type) { return type == TK_Q4_K || type == TK_Q5_K || type == TK_Q6_K; }

// The activation rows, grouped by format in passes of at most Q16_ROWS_MAX rows (in order within a format), so
// that a batch mixing formats still shares each weight block's unpacking across full passes.
typedef struct { int k; int64_t rows[Q16_ROWS_MAX]; } pass;

// The passes over rows [first, first + count), count ≤ 64: at most 9.
static int plan_passes(const uint8_t *x, size_t x_stride, int64_t first, int64_t count, pass passes[16]) {
    int np = 0;
    for (int format = TK_KACT_Q16_K; format <= TK_KACT_Q8_K16; format++) {
        int k = 0;
        for (int64_t i = first; i < first + count; i++) {
            if (row_format(x + (size_t)i * x_stride) != format) continue;
            passes[np].rows[k++] = i;
            passes[np].k = k;
            if (k == Q16_ROWS_MAX) { np++; k = 0; }
        }
        if (k > 0) np++;
    }
    return np;
}

// One weight row against the k activation rows of a pass (one format); out[t] receives row t's result.
static void rows_any(uint32_t type, int level, int64_t n, const uint8_t *w, const uint8_t *const *x, int k,
                     float *const *out) {
    if (row_format(x[0]) == TK_KACT_Q8_K16)
        tk_rows_q8_K16(type, level, n, w, x, k, out);
    else
        rows_level(type, level, n, w, x, k, out);
}

void tk_dot_rows_q16_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x, size_t x_stride,
                           int64_t nx, float *out) {
    if (!is_k_quant(type) || n % QK_K || n == 0) return;
    const uint8_t *xs = (const uint8_t *)x;
    pass passes[16];
    for (int64_t c = 0; c < nx; c += 64) {
        const int np = plan_passes(xs, x_stride, c, nx - c < 64 ? nx - c : 64, passes);
        for (int p = 0; p < np; p++) {
            const uint8_t *rows[Q16_ROWS_MAX];
            float *outs[Q16_ROWS_MAX];
            for (int t = 0; t < passes[p].k; t++) {
                rows[t] = xs + (size_t)passes[p].rows[t] * x_stride;
                outs[t] = out + passes[p].rows[t];
            }
            rows_any(type, level, n, (const uint8_t *)w_row, rows, passes[p].k, outs);
        }
    }
}

void tk_matmul_rows_q16_level(uint32_t type, int level, const void *w, size_t row_bytes, int64_t cols,
                              const void *x, int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1) {
    if (!is_k_quant(type) || cols % QK_K || cols == 0) return;
    const size_t x_row = tk_row_bytes_q16_K(cols);
    const uint8_t *base = (const uint8_t *)w, *xs = (const uint8_t *)x;
    pass passes[16];
    // Tiles of about 16 KB of weight rows stay in L1 while each group of activation rows passes over them.
    int64_t tile_rows = (int64_t)((16 * 1024) / (row_bytes ? row_bytes : 1));
    if (tile_rows < 1) tile_rows = 1;
    for (int64_t rt = r0; rt < r1; rt += tile_rows) {
        const int64_t re = rt + tile_rows < r1 ? rt + tile_rows : r1;
        for (int64_t c = 0; c < n; c += 64) {
            const int np = plan_passes(xs, x_row, c, n - c < 64 ? n - c : 64, passes);
            for (int p = 0; p < np; p++) {
                const uint8_t *rows[Q16_ROWS_MAX];
                for (int t = 0; t < passes[p].k; t++) rows[t] = xs + (size_t)passes[p].rows[t] * x_row;
                for (int64_t r = rt; r < re; r++) {
                    float *outs[Q16_ROWS_MAX];
                    for (int t = 0; t < passes[p].k; t++) outs[t] = y + passes[p].rows[t] * ldy + r;
                    rows_any(type, level, cols, base + (size_t)r * row_bytes, rows, passes[p].k, outs);
                }
            }
        }
    }
}
