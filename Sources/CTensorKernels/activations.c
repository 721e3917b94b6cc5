// Vectorized element-wise activations: SiLU and softmax need exp on every element, and libm's expf is
// ~3 ns each (a decode step calls SiLU on ~46 000 elements). The AVX2 exp below is accurate to a few ulp.
#include "blocks.h"
#include <math.h>
#include <stdatomic.h>
#if TK_X86
#include <immintrin.h>

// exp(x) = 2^n · e^r with n = round(x / ln 2), |r| <= ln2 / 2, e^r by its degree-7 Taylor polynomial
// (truncation error < 1e-8). x is clamped to [-87, 88] so 2^n stays a normal float: results saturate near
// 1.6e38 / 1.6e-38 (so SiLU(-inf) = -inf / 1.6e38 = -inf, and SiLU(x < -87) ~ x·1.6e-38 instead of ~0).
TK_AVX2 static inline __m256 exp256(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.0f)), _mm256_set1_ps(88.0f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x); // ln 2, high part (exact product)
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);    // ln 2, low part
    __m256 p = _mm256_set1_ps(1.0f / 5040);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 720));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
}

TK_AVX2 static inline __m256 silu256(__m256 v) {
    __m256 e = exp256(_mm256_sub_ps(_mm256_setzero_ps(), v));
    return _mm256_div_ps(v, _mm256_add_ps(_mm256_set1_ps(1), e));
}

TK_AVX2 static void silu_avx2(float *x, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, silu256(_mm256_loadu_ps(x + i)));
    if (i < n) { // the tail through the same vector code, so every element gets the same function
        float tail[8] = {0};
        for (int64_t k = i; k < n; k++) tail[k - i] = x[k];
        _mm256_storeu_ps(tail, silu256(_mm256_loadu_ps(tail)));
        for (int64_t k = i; k < n; k++) x[k] = tail[k - i];
    }
}

TK_AVX2 static void softmax_avx2(float *x, int64_t n) {
    __m256 vmax = _mm256_set1_ps(-INFINITY);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) vmax = _mm256_max_ps(vmax, _mm256_loadu_ps(x + i));
    __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(vmax), _mm256_extractf128_ps(vmax, 1));
    m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
    m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
    float max = _mm_cvtss_f32(m4);
    for (; i < n; i++) max = x[i] > max ? x[i] : max;
    const __m256 shift = _mm256_set1_ps(max);
    __m256 vsum = _mm256_setzero_ps();
    for (i = 0; i + 8 <= n; i += 8) {
        __m256 e = exp256(_mm256_sub_ps(_mm256_loadu_ps(x + i), shift));
        _mm256_storeu_ps(x + i, e);
        vsum = _mm256_add_ps(vsum, e);
    }
    __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(vsum), _mm256_extractf128_ps(vsum, 1));
    s4 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    s4 = _mm_add_ss(s4, _mm_movehdup_ps(s4));
    float sum = _mm_cvtss_f32(s4);
    for (; i < n; i++) { x[i] = expf(x[i] - max); sum += x[i]; }
    const __m256 inv = _mm256_set1_ps(1 / sum);
    for (i = 0; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), inv));
    for (; i < n; i++) x[i] *= 1 / sum;
}
#endif

#if TK_X86
static int simd(void) { return tk_use_avx2(); }
#endif

void tk_silu_f32(float *x, int64_t n) {
#if TK_X86
    if (simd()) { silu_avx2(x, n); return; }
#endif
    for (int64_t i = 0; i < n; i++) x[i] = x[i] / (1 + expf(-x[i]));
}

void tk_softmax_f32(float *x, int64_t n) {
    if (n <= 0) return;
#if TK_X86
    if (simd()) { softmax_avx2(x, n); return; }
#endif
    float max = x[0], sum = 0;
    for (int64_t i = 1; i < n; i++) max = x[i] > max ? x[i] : max;
    for (int64_t i = 0; i < n; i++) { x[i] = expf(x[i] - max); sum += x[i]; }
    for (int64_t i = 0; i < n; i++) x[i] *= 1 / sum;
}
