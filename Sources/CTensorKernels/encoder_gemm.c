// Small-batch GEMM on panel-packed half-float weights (see include/encoder_gemm.h).
#include "include/encoder_gemm.h"
#include "include/tensor_kernels.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { PANEL = 16, ROWS = 6 };

int64_t tk_encoder_packed_count(int64_t n, int64_t k) { return (n + PANEL - 1) / PANEL * PANEL * k; }

void tk_encoder_pack(const float *w, int64_t n, int64_t k, uint16_t *packed) {
    int64_t panels = (n + PANEL - 1) / PANEL;
    for (int64_t p = 0; p < panels; p++) {
        uint16_t *panel = packed + p * k * PANEL;
        for (int64_t i = 0; i < k; i++) {
            for (int64_t j = 0; j < PANEL; j++) {
                int64_t row = p * PANEL + j;
                panel[i * PANEL + j] = tk_f32_to_f16(row < n ? w[row * k + i] : 0.0f);
            }
        }
    }
}

// Writes the first `width` of 16 accumulated values to y.
static inline void store_row(float *y, const float *values, int64_t width) {
    memcpy(y, values, (size_t)width * sizeof(float));
}

static void gemm_scalar(const float *x, int64_t m, int64_t k, const uint16_t *packed, const float *bias,
                        float *y, int64_t n, int64_t ldy, int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; p++) {
        const uint16_t *panel = packed + p * k * PANEL;
        int64_t column = p * PANEL, width = n - column < PANEL ? n - column : PANEL;
        for (int64_t r = 0; r < m; r++) {
            float sum[PANEL];
            for (int64_t j = 0; j < PANEL; j++) sum[j] = (bias && j < width) ? bias[column + j] : 0.0f;
            for (int64_t i = 0; i < k; i++) {
                float a = x[r * k + i];
                for (int64_t j = 0; j < PANEL; j++) sum[j] += a * tk_f16_to_f32(panel[i * PANEL + j]);
            }
            store_row(y + r * ldy + column, sum, width);
        }
    }
}

#if defined(__x86_64__)
#define TK_ENCODER_AVX2 __attribute__((target("avx2,fma,f16c")))

// Six rows × 16 columns in twelve accumulators; each k step converts the panel's 16 halves once.
// Written out by hand: with the accumulators in an array the compiler spilled one of them, and the
// store-to-load round trip on every step halved the speed.
TK_ENCODER_AVX2 static void block6_avx2(const float *x, int64_t k, const uint16_t *panel, __m256 b0, __m256 b1,
                                        float *y, int64_t ldy, int64_t width) {
    const float *x0 = x, *x1 = x0 + k, *x2 = x1 + k, *x3 = x2 + k, *x4 = x3 + k, *x5 = x4 + k;
    __m256 c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1;
    __m256 c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1;
    for (int64_t i = 0; i < k; i++) {
        // The first row block pulls the panel from memory: ask for it well ahead.
        _mm_prefetch((const char *)(panel + (i + 64) * PANEL), _MM_HINT_T0);
        const __m256 w0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(panel + i * PANEL)));
        const __m256 w1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(panel + i * PANEL + 8)));
        __m256 a;
        a = _mm256_broadcast_ss(x0 + i); c00 = _mm256_fmadd_ps(a, w0, c00); c01 = _mm256_fmadd_ps(a, w1, c01);
        a = _mm256_broadcast_ss(x1 + i); c10 = _mm256_fmadd_ps(a, w0, c10); c11 = _mm256_fmadd_ps(a, w1, c11);
        a = _mm256_broadcast_ss(x2 + i); c20 = _mm256_fmadd_ps(a, w0, c20); c21 = _mm256_fmadd_ps(a, w1, c21);
        a = _mm256_broadcast_ss(x3 + i); c30 = _mm256_fmadd_ps(a, w0, c30); c31 = _mm256_fmadd_ps(a, w1, c31);
        a = _mm256_broadcast_ss(x4 + i); c40 = _mm256_fmadd_ps(a, w0, c40); c41 = _mm256_fmadd_ps(a, w1, c41);
        a = _mm256_broadcast_ss(x5 + i); c50 = _mm256_fmadd_ps(a, w0, c50); c51 = _mm256_fmadd_ps(a, w1, c51);
    }
    float out[ROWS][PANEL];
    _mm256_storeu_ps(out[0], c00); _mm256_storeu_ps(out[0] + 8, c01);
    _mm256_storeu_ps(out[1], c10); _mm256_storeu_ps(out[1] + 8, c11);
    _mm256_storeu_ps(out[2], c20); _mm256_storeu_ps(out[2] + 8, c21);
    _mm256_storeu_ps(out[3], c30); _mm256_storeu_ps(out[3] + 8, c31);
    _mm256_storeu_ps(out[4], c40); _mm256_storeu_ps(out[4] + 8, c41);
    _mm256_storeu_ps(out[5], c50); _mm256_storeu_ps(out[5] + 8, c51);
    for (int row = 0; row < ROWS; row++) store_row(y + row * ldy, out[row], width);
}

// The last 1...5 rows of a batch (`rows` is a constant after inlining): several independent FMA
// chains rather than one row at a time; at most ten accumulators, so nothing spills.
TK_ENCODER_AVX2 static inline __attribute__((always_inline))
void block_tail_avx2(int rows, const float *x, int64_t k, const uint16_t *panel, __m256 b0, __m256 b1,
                     float *y, int64_t ldy, int64_t width) {
    __m256 c0[ROWS - 1], c1[ROWS - 1];
    for (int r = 0; r < rows; r++) { c0[r] = b0; c1[r] = b1; }
    for (int64_t i = 0; i < k; i++) {
        const __m256 w0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(panel + i * PANEL)));
        const __m256 w1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(panel + i * PANEL + 8)));
        for (int r = 0; r < rows; r++) {
            const __m256 a = _mm256_broadcast_ss(x + r * k + i);
            c0[r] = _mm256_fmadd_ps(a, w0, c0[r]);
            c1[r] = _mm256_fmadd_ps(a, w1, c1[r]);
        }
    }
    for (int r = 0; r < rows; r++) {
        float out[PANEL];
        _mm256_storeu_ps(out, c0[r]);
        _mm256_storeu_ps(out + 8, c1[r]);
        store_row(y + r * ldy, out, width);
    }
}

TK_ENCODER_AVX2 static void gemm_avx2(const float *x, int64_t m, int64_t k, const uint16_t *packed, const float *bias,
                                      float *y, int64_t n, int64_t ldy, int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; p++) {
        const uint16_t *panel = packed + p * k * PANEL;
        int64_t column = p * PANEL, width = n - column < PANEL ? n - column : PANEL;
        float initial[PANEL] = {0};
        if (bias) memcpy(initial, bias + column, (size_t)width * sizeof(float));
        const __m256 b0 = _mm256_loadu_ps(initial), b1 = _mm256_loadu_ps(initial + 8);
        int64_t r = 0;
        for (; r + ROWS <= m; r += ROWS) block6_avx2(x + r * k, k, panel, b0, b1, y + r * ldy + column, ldy, width);
        switch (m - r) {
        case 5: block_tail_avx2(5, x + r * k, k, panel, b0, b1, y + r * ldy + column, ldy, width); break;
        case 4: block_tail_avx2(4, x + r * k, k, panel, b0, b1, y + r * ldy + column, ldy, width); break;
        case 3: block_tail_avx2(3, x + r * k, k, panel, b0, b1, y + r * ldy + column, ldy, width); break;
        case 2: block_tail_avx2(2, x + r * k, k, panel, b0, b1, y + r * ldy + column, ldy, width); break;
        case 1: block_tail_avx2(1, x + r * k, k, panel, b0, b1, y + r * ldy + column, ldy, width); break;
        default: break;
        }
    }
}
#endif

void tk_encoder_gemm(const float *x, int64_t m, int64_t k, const uint16_t *packed, const float *bias,
                     float *y, int64_t n, int64_t ldy, int64_t panel_begin, int64_t panel_end) {
#if defined(__x86_64__)
    if (tk_use_avx2()) { gemm_avx2(x, m, k, packed, bias, y, n, ldy, panel_begin, panel_end); return; }
#endif
    gemm_scalar(x, m, k, packed, bias, y, n, ldy, panel_begin, panel_end);
}
