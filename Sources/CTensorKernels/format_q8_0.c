// Q8_0 (weights and activations): 32 elements in 34 bytes; Q8_1 (activations for Q4_1/Q5_1): 36 bytes.
// Layouts in blocks.h.
#include "blocks.h"
#include <math.h>
#pragma STDC FP_CONTRACT OFF

void tk_dequantize_q8_0(const void *src, float *dst, int64_t n) {
    const block_q8_0 *b = (const block_q8_0 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        const float d = TK_FP16(b[i].d);
        for (int j = 0; j < QK32; j++) dst[j] = (float)b[i].qs[j] * d;
    }
}

// d = max|x| / 127, quants from the rounded half d: |error| <= d/2.
void tk_quantize_q8_0(const float *src, void *dst, int64_t n) {
    block_q8_0 *b = (block_q8_0 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        float amax = 0;
        for (int j = 0; j < QK32; j++) amax = fmaxf(amax, fabsf(src[j]));
        b[i].d = tk_f32_to_f16(amax / 127);
        const float d = TK_FP16(b[i].d);
        const float id = d != 0 ? 1 / d : 0;
        for (int j = 0; j < QK32; j++) {
            int q = (int)lrintf(src[j] * id);
            b[i].qs[j] = (int8_t)(q < -127 ? -127 : q > 127 ? 127 : q);
        }
    }
}

void tk_dequantize_q8_1(const void *src, float *dst, int64_t n) {
    const block_q8_1 *b = (const block_q8_1 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        const float d = TK_FP16(b[i].d);
        for (int j = 0; j < QK32; j++) dst[j] = (float)b[i].qs[j] * d;
    }
}

void tk_quantize_q8_1(const float *src, void *dst, int64_t n) {
    block_q8_1 *b = (block_q8_1 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        float amax = 0;
        for (int j = 0; j < QK32; j++) amax = fmaxf(amax, fabsf(src[j]));
        b[i].d = tk_f32_to_f16(amax / 127);
        const float d = TK_FP16(b[i].d);
        const float id = d != 0 ? 1 / d : 0;
        int sum = 0;
        for (int j = 0; j < QK32; j++) {
            int q = (int)lrintf(src[j] * id);
            q = q < -127 ? -127 : q > 127 ? 127 : q;
            b[i].qs[j] = (int8_t)q;
            sum += q;
        }
        b[i].s = tk_f32_to_f16(d * (float)sum);
    }
}

float tk_dot_q8_0_q8_0_scalar(int64_t n, const void *w, const void *x) {
    const block_q8_0 *a = (const block_q8_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        int sum = 0;
        for (int j = 0; j < QK32; j++) sum += a[i].qs[j] * b[i].qs[j];
        s += (float)sum * (TK_FP16(a[i].d) * TK_FP16(b[i].d));
    }
    return s;
}
