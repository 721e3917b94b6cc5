// Dots of quantized weight rows with f32 activations (no activation quantization).
//
// ggml quantizes the activation row to Q8_0 / Q8_1 / Q8_K before every quantized product. That rounding makes
// the forward pass discontinuous: a summation-order difference of one ulp anywhere flips some roundings, and
// on small models (SmolLM2-135M Q4_1) the flips add up to logit differences of NMSE 1e-3 to 1e-2 between
// two correct implementations. Keeping activations in f32 makes the decoder a continuous function of the
// dequantized weights: it agrees with an f32 reference (numpy over the dequantized tensors) to float rounding.
//
// Each weight element is dequantized exactly as tk_dequantize_row does (q·d + m, where q·d is exact in f32,
// so one fused multiply-add gives the same value) and multiplied with x in f32.
#include "blocks.h"
#include <stdatomic.h>
#include <string.h>
#if TK_X86
#include <immintrin.h>
#endif

// Formats without a dedicated kernel: dequantize the row in chunks (a multiple of every block size) and dot.
enum { CHUNK = 1024 };

static float dot_by_chunks(uint32_t type, int64_t n, const uint8_t *w, const float *x) {
    float buffer[CHUNK];
    const size_t chunk_bytes = tk_row_bytes(type, CHUNK);
    float s = 0;
    int64_t i = 0;
    for (; i + CHUNK <= n; i += CHUNK, w += chunk_bytes) {
        tk_dequantize_row(type, w, buffer, CHUNK);
        s += tk_dot_f32(buffer, x + i, CHUNK);
    }
    if (i < n) {
        tk_dequantize_row(type, w, buffer, n - i);
        s += tk_dot_f32(buffer, x + i, n - i);
    }
    return s;
}

static float dot_q4_1_f32_scalar(int64_t n, const void *w, const float *x) {
    const block_q4_1 *b = (const block_q4_1 *)w;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++, x += QK32) {
        const float d = TK_FP16(b[i].d), m = TK_FP16(b[i].m);
        for (int j = 0; j < 16; j++)
            s += ((float)(b[i].qs[j] & 15) * d + m) * x[j] + ((float)(b[i].qs[j] >> 4) * d + m) * x[j + 16];
    }
    return s;
}

static float dot_q8_0_f32_scalar(int64_t n, const void *w, const float *x) {
    const block_q8_0 *b = (const block_q8_0 *)w;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++, x += QK32) {
        const float d = TK_FP16(b[i].d);
        for (int j = 0; j < QK32; j++) s += ((float)b[i].qs[j] * d) * x[j];
    }
    return s;
}

#if TK_X86
TK_AVX2 static inline __m256 half8(uint16_t h) { return _mm256_cvtph_ps(_mm_set1_epi16((short)h)); }

TK_AVX2 static inline float hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// Four accumulators, one per 8-element quarter of a block, so consecutive FMAs do not wait on each other.
TK_AVX2 static float dot_q4_1_f32_avx2(int64_t n, const void *w, const float *x) {
    const block_q4_1 *b = (const block_q4_1 *)w;
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    const __m128i low4 = _mm_set1_epi8(15);
    for (int64_t i = 0; i < n / QK32; i++, x += QK32) {
        const __m256 d = half8(b[i].d), m = half8(b[i].m);
        const __m128i raw = _mm_loadu_si128((const __m128i *)b[i].qs);
        const __m128i lo = _mm_and_si128(raw, low4), hi = _mm_and_si128(_mm_srli_epi16(raw, 4), low4);
        const __m128i parts[4] = {lo, _mm_srli_si128(lo, 8), hi, _mm_srli_si128(hi, 8)};
        for (int k = 0; k < 4; k++) {
            __m256 q = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(parts[k]));
            acc[k] = _mm256_fmadd_ps(_mm256_fmadd_ps(q, d, m), _mm256_loadu_ps(x + 8 * k), acc[k]);
        }
    }
    return hsum8(_mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3])));
}

TK_AVX2 static float dot_q8_0_f32_avx2(int64_t n, const void *w, const float *x) {
    const block_q8_0 *b = (const block_q8_0 *)w;
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    for (int64_t i = 0; i < n / QK32; i++, x += QK32) {
        const __m256 d = half8(b[i].d);
        for (int k = 0; k < 4; k++) {
            __m128i q8 = _mm_loadl_epi64((const __m128i *)(b[i].qs + 8 * k));
            __m256 q = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q8)), d);
            acc[k] = _mm256_fmadd_ps(q, _mm256_loadu_ps(x + 8 * k), acc[k]);
        }
    }
    return hsum8(_mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3])));
}

// AVX-512: 16 floats per vector, so one nibble half (16 elements) per multiply-add.
#define TK_AVX512 __attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl")))
#define F32_ROWS_MAX 4

TK_AVX512 static inline __m512 half16(uint16_t h) { return _mm512_cvtph_ps(_mm256_set1_epi16((short)h)); }

// One block's 32 weights as two vectors, exactly as tk_dequantize_row gives them.
typedef void (*dequant_avx512_fn)(const uint8_t *block, __m512 *lo, __m512 *hi);

TK_AVX512 static inline void q4_1_dequant_avx512(const uint8_t *block, __m512 *lo, __m512 *hi) {
    const block_q4_1 *b = (const block_q4_1 *)block;
    const __m512 d = half16(b->d), m = half16(b->m);
    const __m128i raw = _mm_loadu_si128((const __m128i *)b->qs), low4 = _mm_set1_epi8(15);
    *lo = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_and_si128(raw, low4))), d, m);
    *hi = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_and_si128(_mm_srli_epi16(raw, 4), low4))), d, m);
}

TK_AVX512 static inline void q8_0_dequant_avx512(const uint8_t *block, __m512 *lo, __m512 *hi) {
    const block_q8_0 *b = (const block_q8_0 *)block;
    const __m512 d = half16(b->d);
    *lo = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)b->qs))), d);
    *hi = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(b->qs + 16)))), d);
}

// One weight row against nx ≤ F32_ROWS_MAX activation rows (x_stride floats apart). Each block is dequantized
// once for all of them, so a prefill batch pays the unpacking once per weight, not once per token. Blocks go
// in pairs, the even one into accumulators 0–1 and the odd one into 2–3 (a last odd-numbered block into 0–1):
// four independent FMA chains per row. The single-row dot is this with nx = 1, so a row's result does not
// depend on the batch it is in.
TK_AVX512 __attribute__((always_inline)) static inline void rows_f32_avx512(
    int64_t n, const uint8_t *w, size_t block_bytes, dequant_avx512_fn dequant, const float *x, size_t x_stride,
    const int nx, float *out, size_t out_stride) {
    __m512 acc[F32_ROWS_MAX][4];
    for (int t = 0; t < nx; t++) acc[t][0] = acc[t][1] = acc[t][2] = acc[t][3] = _mm512_setzero_ps();
    const int64_t nb = n / QK32;
    int64_t i = 0;
    for (; i + 2 <= nb; i += 2) {
        __m512 lo0, hi0, lo1, hi1;
        dequant(w + (size_t)i * block_bytes, &lo0, &hi0);
        dequant(w + (size_t)(i + 1) * block_bytes, &lo1, &hi1);
        for (int t = 0; t < nx; t++) {
            const float *xt = x + (size_t)t * x_stride + i * QK32;
            acc[t][0] = _mm512_fmadd_ps(lo0, _mm512_loadu_ps(xt), acc[t][0]);
            acc[t][1] = _mm512_fmadd_ps(hi0, _mm512_loadu_ps(xt + 16), acc[t][1]);
            acc[t][2] = _mm512_fmadd_ps(lo1, _mm512_loadu_ps(xt + 32), acc[t][2]);
            acc[t][3] = _mm512_fmadd_ps(hi1, _mm512_loadu_ps(xt + 48), acc[t][3]);
        }
    }
    if (i < nb) {
        __m512 lo, hi;
        dequant(w + (size_t)i * block_bytes, &lo, &hi);
        for (int t = 0; t < nx; t++) {
            const float *xt = x + (size_t)t * x_stride + i * QK32;
            acc[t][0] = _mm512_fmadd_ps(lo, _mm512_loadu_ps(xt), acc[t][0]);
            acc[t][1] = _mm512_fmadd_ps(hi, _mm512_loadu_ps(xt + 16), acc[t][1]);
        }
    }
    for (int t = 0; t < nx; t++)
        out[(size_t)t * out_stride] = _mm512_reduce_add_ps(
            _mm512_add_ps(_mm512_add_ps(acc[t][0], acc[t][1]), _mm512_add_ps(acc[t][2], acc[t][3])));
}

// Entries with the row count as a constant, so each body keeps its accumulators in registers.
#define F32_ROWS_ENTRIES(fmt)                                                                                    \
    TK_AVX512 static float dot_##fmt##_f32_avx512(int64_t n, const void *w, const float *x) {                  \
        float out;                                                                                             \
        rows_f32_avx512(n, (const uint8_t *)w, sizeof(block_##fmt), fmt##_dequant_avx512, x, 0, 1, &out, 0);   \
        return out;                                                                                            \
    }                                                                                                          \
    TK_AVX512 static void fmt##_rows_f32_avx512(int64_t n, const void *w, const float *x, size_t x_stride,     \
                                                int nx, float *out, size_t out_stride) {                       \
        const uint8_t *wb = (const uint8_t *)w;                                                                \
        switch (nx) {                                                                                          \
        case 1: rows_f32_avx512(n, wb, sizeof(block_##fmt), fmt##_dequant_avx512, x, x_stride, 1, out, out_stride); break; \
        case 2: rows_f32_avx512(n, wb, sizeof(block_##fmt), fmt##_dequant_avx512, x, x_stride, 2, out, out_stride); break; \
        case 3: rows_f32_avx512(n, wb, sizeof(block_##fmt), fmt##_dequant_avx512, x, x_stride, 3, out, out_stride); break; \
        default: rows_f32_avx512(n, wb, sizeof(block_##fmt), fmt##_dequant_avx512, x, x_stride, 4, out, out_stride); break; \
        }                                                                                                      \
    }
F32_ROWS_ENTRIES(q4_1)
F32_ROWS_ENTRIES(q8_0)

static int use_avx512(void) {
    static atomic_int has = -1; // every thread computes the same value
    int v = atomic_load_explicit(&has, memory_order_relaxed);
    if (v < 0) {
        __builtin_cpu_init();
        v = tk_use_avx2() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl");
        atomic_store_explicit(&has, v, memory_order_relaxed);
    }
    return v;
}
#endif

typedef float (*dot_f32_fn)(int64_t n, const void *w, const float *x);

static dot_f32_fn dot_f32_kernel(uint32_t type, int level) {
#if TK_X86
    if (level >= 2 && use_avx512()) {
        if (type == TK_Q4_1) return dot_q4_1_f32_avx512;
        if (type == TK_Q8_0) return dot_q8_0_f32_avx512;
    }
    if (level >= 1 && tk_use_avx2()) {
        if (type == TK_Q4_1) return dot_q4_1_f32_avx2;
        if (type == TK_Q8_0) return dot_q8_0_f32_avx2;
    }
#endif
    (void)level;
    if (type == TK_Q4_1) return dot_q4_1_f32_scalar;
    if (type == TK_Q8_0) return dot_q8_0_f32_scalar;
    return NULL;
}

static float dot_f32_any(uint32_t type, dot_f32_fn kernel, int64_t n, const void *w, const float *x) {
    if (kernel) return kernel(n, w, x);
    // Float rows already take f32 activations.
    if (tk_vec_dot_type(type) == TK_F32) return tk_vec_dot(type, n, w, x);
    return dot_by_chunks(type, n, (const uint8_t *)w, x);
}

float tk_vec_dot_f32_input(uint32_t type, int level, int64_t n, const void *w_row, const float *x) {
    if (!tk_type_supported(type)) return 0;
    return dot_f32_any(type, dot_f32_kernel(type, level), n, w_row, x);
}

void tk_matvec_rows_f32_input(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const float *x,
                              float *y, int64_t r0, int64_t r1) {
    if (!tk_type_supported(type)) return;
    dot_f32_fn kernel = dot_f32_kernel(type, 2);
    const uint8_t *base = (const uint8_t *)w;
    for (int64_t r = r0; r < r1; r++) y[r] = dot_f32_any(type, kernel, cols, base + (size_t)r * row_bytes, x);
}

void tk_matmul_rows_f32_input(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const float *x,
                              int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1) {
    if (!tk_type_supported(type)) return;
    dot_f32_fn kernel = dot_f32_kernel(type, 2);
    const uint8_t *base = (const uint8_t *)w;
    // A tile of weight rows small enough to stay in L2 while every activation row passes over it.
    int64_t tile = (int64_t)((256 * 1024) / (row_bytes ? row_bytes : 1));
    if (tile < 1) tile = 1;
#if TK_X86
    // Q4_1 and Q8_0 with AVX-512: groups of activation rows share each block's dequantization.
    void (*rows_kernel)(int64_t, const void *, const float *, size_t, int, float *, size_t) = NULL;
    if (use_avx512()) rows_kernel = type == TK_Q4_1 ? q4_1_rows_f32_avx512 : type == TK_Q8_0 ? q8_0_rows_f32_avx512 : NULL;
    if (rows_kernel) {
        for (int64_t rt = r0; rt < r1; rt += tile) {
            const int64_t re = rt + tile < r1 ? rt + tile : r1;
            for (int64_t i = 0; i < n; i += F32_ROWS_MAX) {
                const int k = n - i < F32_ROWS_MAX ? (int)(n - i) : F32_ROWS_MAX;
                for (int64_t r = rt; r < re; r++)
                    rows_kernel(cols, base + (size_t)r * row_bytes, x + i * cols, (size_t)cols, k, y + i * ldy + r,
                                (size_t)ldy);
            }
        }
        return;
    }
#endif
    for (int64_t rt = r0; rt < r1; rt += tile) {
        int64_t re = rt + tile < r1 ? rt + tile : r1;
        for (int64_t i = 0; i < n; i++)
            for (int64_t r = rt; r < re; r++)
                y[i * ldy + r] = dot_f32_any(type, kernel, cols, base + (size_t)r * row_bytes, x + i * cols);
    }
}
