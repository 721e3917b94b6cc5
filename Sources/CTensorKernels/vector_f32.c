// f32 vector helpers for attention and benchmarks.
#include "blocks.h"
#include <stdatomic.h>
#if TK_X86
#include <immintrin.h>
#endif

#if TK_X86
static int simd(void) { return tk_use_avx2(); }
#endif

float tk_dot_f32(const float *a, const float *b, int64_t n) {
#if TK_X86
    if (simd()) return tk_dot_f32_f32_avx2(n, a, b);
#endif
    return tk_dot_f32_f32_scalar(n, a, b);
}

#if TK_X86
TK_AVX2 static void axpy_avx2(float a, const float *x, float *y, int64_t n) {
    __m256 va = _mm256_set1_ps(a);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    for (; i < n; i++) y[i] += a * x[i];
}

TK_AVX2 static float stream_sum_avx2(const float *x, int64_t n) {
    __m256 s[8];
    for (int k = 0; k < 8; k++) s[k] = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 64 <= n; i += 64)
        for (int k = 0; k < 8; k++) s[k] = _mm256_add_ps(s[k], _mm256_loadu_ps(x + i + 8 * k));
    for (int k = 1; k < 8; k++) s[0] = _mm256_add_ps(s[0], s[k]);
    float out[8];
    _mm256_storeu_ps(out, s[0]);
    float r = 0;
    for (int k = 0; k < 8; k++) r += out[k];
    for (; i < n; i++) r += x[i];
    return r;
}
#endif

void tk_axpy_f32(float a, const float *x, float *y, int64_t n) {
#if TK_X86
    if (simd()) { axpy_avx2(a, x, y, n); return; }
#endif
    for (int64_t i = 0; i < n; i++) y[i] += a * x[i];
}

void tk_scale_f32(float a, float *y, int64_t n) {
    for (int64_t i = 0; i < n; i++) y[i] *= a;
}

float tk_stream_sum(const float *x, int64_t n) {
#if TK_X86
    if (simd()) return stream_sum_avx2(x, n);
#endif
    float s[8] = {0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; k++) s[k] += x[i + k];
    float r = 0;
    for (int k = 0; k < 8; k++) r += s[k];
    for (; i < n; i++) r += x[i];
    return r;
}
