// Unquantized row formats: F32 (4 bytes/element), F16 (IEEE half), BF16 (top 16 bits of a binary32).
// Their dots take f32 activations and accumulate in f32.
#include "blocks.h"
#include <string.h>
#if TK_X86
#include <immintrin.h>
#endif

void tk_dequantize_f32(const void *src, float *dst, int64_t n) { memcpy(dst, src, (size_t)n * 4); }
void tk_quantize_f32(const float *src, void *dst, int64_t n) { memcpy(dst, src, (size_t)n * 4); }

void tk_dequantize_f16(const void *src, float *dst, int64_t n) {
    const uint16_t *h = (const uint16_t *)src;
    for (int64_t i = 0; i < n; i++) dst[i] = tk_f16_to_f32(h[i]);
}
void tk_quantize_f16(const float *src, void *dst, int64_t n) {
    uint16_t *h = (uint16_t *)dst;
    for (int64_t i = 0; i < n; i++) h[i] = tk_f32_to_f16(src[i]);
}

void tk_dequantize_bf16(const void *src, float *dst, int64_t n) {
    const uint16_t *h = (const uint16_t *)src;
    for (int64_t i = 0; i < n; i++) dst[i] = tk_bf16_to_f32(h[i]);
}
void tk_quantize_bf16(const float *src, void *dst, int64_t n) {
    uint16_t *h = (uint16_t *)dst;
    for (int64_t i = 0; i < n; i++) h[i] = tk_f32_to_bf16(src[i]);
}

float tk_dot_f32_f32_scalar(int64_t n, const void *w, const void *x) {
    const float *a = (const float *)w, *b = (const float *)x;
    float s[4] = {0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; k++) s[k] += a[i + k] * b[i + k];
    for (; i < n; i++) s[0] += a[i] * b[i];
    return (s[0] + s[1]) + (s[2] + s[3]);
}

float tk_dot_f16_f32_scalar(int64_t n, const void *w, const void *x) {
    const uint16_t *a = (const uint16_t *)w;
    const float *b = (const float *)x;
    float s = 0;
    for (int64_t i = 0; i < n; i++) s += tk_f16_to_f32(a[i]) * b[i];
    return s;
}

float tk_dot_bf16_f32_scalar(int64_t n, const void *w, const void *x) {
    const uint16_t *a = (const uint16_t *)w;
    const float *b = (const float *)x;
    float s = 0;
    for (int64_t i = 0; i < n; i++) s += tk_bf16_to_f32(a[i]) * b[i];
    return s;
}

#if TK_X86
TK_AVX2 static inline float hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

TK_AVX2 float tk_dot_f32_f32_avx2(int64_t n, const void *w, const void *x) {
    const float *a = (const float *)w, *b = (const float *)x;
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
    }
    for (; i + 8 <= n; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float s = hsum256(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}

TK_AVX2 float tk_dot_f16_f32_avx2(int64_t n, const void *w, const void *x) {
    const uint16_t *a = (const uint16_t *)w;
    const float *b = (const float *)x;
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256 a0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(a + i)));
        __m256 a1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(a + i + 8)));
        s0 = _mm256_fmadd_ps(a0, _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(a1, _mm256_loadu_ps(b + i + 8), s1);
    }
    float s = hsum256(_mm256_add_ps(s0, s1));
    for (; i < n; i++) s += tk_f16_to_f32(a[i]) * b[i];
    return s;
}

TK_AVX2 float tk_dot_bf16_f32_avx2(int64_t n, const void *w, const void *x) {
    const uint16_t *a = (const uint16_t *)w;
    const float *b = (const float *)x;
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i h0 = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(a + i)));
        __m256i h1 = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(a + i + 8)));
        s0 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(h0, 16)), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_castsi256_ps(_mm256_slli_epi32(h1, 16)), _mm256_loadu_ps(b + i + 8), s1);
    }
    float s = hsum256(_mm256_add_ps(s0, s1));
    for (; i < n; i++) s += tk_bf16_to_f32(a[i]) * b[i];
    return s;
}
#endif
