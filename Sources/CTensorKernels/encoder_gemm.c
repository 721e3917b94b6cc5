// Small-batch f32 GEMM on panel-packed weights (see include/encoder_gemm.h).
#include "include/encoder_gemm.h"
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { PANEL = 16, ROWS = 6 };

int64_t tk_encoder_packed_count(int64_t n, int64_t k) { return (n + PANEL - 1) / PANEL * PANEL * k; }

void tk_encoder_pack(const float *w, int64_t n, int64_t k, float *packed) {
    int64_t panels = (n + PANEL - 1) / PANEL;
    for (int64_t p = 0; p < panels; p++) {
        float *panel = packed + p * k * PANEL;
        for (int64_t i = 0; i < k; i++) {
            for (int64_t j = 0; j < PANEL; j++) {
                int64_t row = p * PANEL + j;
                panel[i * PANEL + j] = row < n ? w[row * k + i] : 0.0f;
            }
        }
    }
}

// Writes the first `width` of 16 accumulated values to y.
static inline void store_row(float *y, const float *values, int64_t width) {
    memcpy(y, values, (size_t)width * sizeof(float));
}

static void gemm_scalar(const float *x, int64_t m, int64_t k, const float *packed, const float *bias,
                        float *y, int64_t n, int64_t ldy, int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; p++) {
        const float *panel = packed + p * k * PANEL;
        int64_t column = p * PANEL, width = n - column < PANEL ? n - column : PANEL;
        for (int64_t r = 0; r < m; r++) {
            float sum[PANEL];
            for (int64_t j = 0; j < PANEL; j++) sum[j] = (bias && j < width) ? bias[column + j] : 0.0f;
            for (int64_t i = 0; i < k; i++) {
                float a = x[r * k + i];
                for (int64_t j = 0; j < PANEL; j++) sum[j] += a * panel[i * PANEL + j];
            }
            store_row(y + r * ldy + column, sum, width);
        }
    }
}

#if defined(__x86_64__)
#define TK_ENCODER_AVX2 __attribute__((target("avx2,fma")))

// Six rows × 16 columns in twelve accumulators; each k step loads two weight vectors once.
TK_ENCODER_AVX2 static void gemm_avx2(const float *x, int64_t m, int64_t k, const float *packed, const float *bias,
                                      float *y, int64_t n, int64_t ldy, int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; p++) {
        const float *panel = packed + p * k * PANEL;
        int64_t column = p * PANEL, width = n - column < PANEL ? n - column : PANEL;
        float initial[PANEL] = {0};
        if (bias) memcpy(initial, bias + column, (size_t)width * sizeof(float));
        const __m256 b0 = _mm256_loadu_ps(initial), b1 = _mm256_loadu_ps(initial + 8);
        int64_t r = 0;
        for (; r + ROWS <= m; r += ROWS) {
            const float *x0 = x + r * k, *x1 = x0 + k, *x2 = x1 + k, *x3 = x2 + k, *x4 = x3 + k, *x5 = x4 + k;
            __m256 c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1;
            __m256 c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1;
            for (int64_t i = 0; i < k; i++) {
                // The first row block pulls the panel from memory: ask for it well ahead.
                _mm_prefetch((const char *)(panel + (i + 32) * PANEL), _MM_HINT_T0);
                const __m256 w0 = _mm256_loadu_ps(panel + i * PANEL), w1 = _mm256_loadu_ps(panel + i * PANEL + 8);
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
            for (int row = 0; row < ROWS; row++) store_row(y + (r + row) * ldy + column, out[row], width);
        }
        for (; r < m; r++) {
            const float *x0 = x + r * k;
            __m256 c0 = b0, c1 = b1;
            for (int64_t i = 0; i < k; i++) {
                const __m256 a = _mm256_broadcast_ss(x0 + i);
                c0 = _mm256_fmadd_ps(a, _mm256_loadu_ps(panel + i * PANEL), c0);
                c1 = _mm256_fmadd_ps(a, _mm256_loadu_ps(panel + i * PANEL + 8), c1);
            }
            float out[PANEL];
            _mm256_storeu_ps(out, c0); _mm256_storeu_ps(out + 8, c1);
            store_row(y + r * ldy + column, out, width);
        }
    }
}
#endif

void tk_encoder_gemm(const float *x, int64_t m, int64_t k, const float *packed, const float *bias,
                     float *y, int64_t n, int64_t ldy, int64_t panel_begin, int64_t panel_end) {
#if defined(__x86_64__)
    static int has_avx2 = -1;
    if (has_avx2 < 0) {
        __builtin_cpu_init();
        has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    if (has_avx2) { gemm_avx2(x, m, k, packed, bias, y, n, ldy, panel_begin, panel_end); return; }
#endif
    gemm_scalar(x, m, k, packed, bias, y, n, ldy, panel_begin, panel_end);
}
