// Q4_0: 32 elements in 18 bytes, symmetric 4-bit (layout in blocks.h). Dots against Q8_0 activations.
#include "blocks.h"
#include <math.h>
#pragma STDC FP_CONTRACT OFF

void tk_dequantize_q4_0(const void *src, float *dst, int64_t n) {
    const block_q4_0 *b = (const block_q4_0 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        const float d = TK_FP16(b[i].d);
        for (int j = 0; j < 16; j++) {
            dst[j] = (float)((b[i].qs[j] & 15) - 8) * d;
            dst[j + 16] = (float)((b[i].qs[j] >> 4) - 8) * d;
        }
    }
}

// Scale from the element of largest magnitude, signed so that it maps to -8 exactly (the range is [-8, 7]);
// quants are computed with the rounded half scale. |error| <= |d|/2, except elements of the opposite sign
// to that extreme beyond 7.5|d|, which clamp to 7 (|error| <= |d|).
void tk_quantize_q4_0(const float *src, void *dst, int64_t n) {
    block_q4_0 *b = (block_q4_0 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        float amax = 0, max = 0;
        for (int j = 0; j < QK32; j++)
            if (fabsf(src[j]) > amax) { amax = fabsf(src[j]); max = src[j]; }
        b[i].d = tk_f32_to_f16(max / -8);
        const float d = TK_FP16(b[i].d);
        const float id = d != 0 ? 1 / d : 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (int)lrintf(src[j] * id) + 8, q1 = (int)lrintf(src[j + 16] * id) + 8;
            q0 = q0 < 0 ? 0 : q0 > 15 ? 15 : q0;
            q1 = q1 < 0 ? 0 : q1 > 15 ? 15 : q1;
            b[i].qs[j] = (uint8_t)(q0 | q1 << 4);
        }
    }
}

float tk_dot_q4_0_q8_0_scalar(int64_t n, const void *w, const void *x) {
    const block_q4_0 *a = (const block_q4_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        int sum = 0;
        for (int j = 0; j < 16; j++)
            sum += ((a[i].qs[j] & 15) - 8) * b[i].qs[j] + ((a[i].qs[j] >> 4) - 8) * b[i].qs[j + 16];
        s += (float)sum * (TK_FP16(a[i].d) * TK_FP16(b[i].d));
    }
    return s;
}
