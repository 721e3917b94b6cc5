// Q5_0: 32 elements in 22 bytes, symmetric 5-bit (layout in blocks.h). Dots against Q8_0.
#include "blocks.h"
#include <math.h>
#include <string.h>
#pragma STDC FP_CONTRACT OFF

static inline uint32_t high_bits(const uint8_t qh[4]) {
    return (uint32_t)qh[0] | (uint32_t)qh[1] << 8 | (uint32_t)qh[2] << 16 | (uint32_t)qh[3] << 24;
}

void tk_dequantize_q5_0(const void *src, float *dst, int64_t n) {
    const block_q5_0 *b = (const block_q5_0 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        const float d = TK_FP16(b[i].d);
        const uint32_t qh = high_bits(b[i].qh);
        for (int j = 0; j < 16; j++) {
            int q0 = (b[i].qs[j] & 15) | ((qh >> j) & 1) << 4;
            int q1 = (b[i].qs[j] >> 4) | ((qh >> (j + 16)) & 1) << 4;
            dst[j] = (float)(q0 - 16) * d;
            dst[j + 16] = (float)(q1 - 16) * d;
        }
    }
}

// As Q4_0 with range [-16, 15]: |error| <= |d|/2 except opposite-sign elements beyond 15.5|d| (<= |d|).
void tk_quantize_q5_0(const float *src, void *dst, int64_t n) {
    block_q5_0 *b = (block_q5_0 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        float amax = 0, max = 0;
        for (int j = 0; j < QK32; j++)
            if (fabsf(src[j]) > amax) { amax = fabsf(src[j]); max = src[j]; }
        b[i].d = tk_f32_to_f16(max / -16);
        const float d = TK_FP16(b[i].d);
        const float id = d != 0 ? 1 / d : 0;
        uint32_t qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (int)lrintf(src[j] * id) + 16, q1 = (int)lrintf(src[j + 16] * id) + 16;
            q0 = q0 < 0 ? 0 : q0 > 31 ? 31 : q0;
            q1 = q1 < 0 ? 0 : q1 > 31 ? 31 : q1;
            b[i].qs[j] = (uint8_t)((q0 & 15) | (q1 & 15) << 4);
            qh |= (uint32_t)(q0 >> 4) << j | (uint32_t)(q1 >> 4) << (j + 16);
        }
        for (int k = 0; k < 4; k++) b[i].qh[k] = (uint8_t)(qh >> (8 * k));
    }
}

float tk_dot_q5_0_q8_0_scalar(int64_t n, const void *w, const void *x) {
    const block_q5_0 *a = (const block_q5_0 *)w;
    const block_q8_0 *b = (const block_q8_0 *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        const uint32_t qh = high_bits(a[i].qh);
        int sum = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = ((a[i].qs[j] & 15) | ((qh >> j) & 1) << 4) - 16;
            int q1 = ((a[i].qs[j] >> 4) | ((qh >> (j + 16)) & 1) << 4) - 16;
            sum += q0 * b[i].qs[j] + q1 * b[i].qs[j + 16];
        }
        s += (float)sum * (TK_FP16(a[i].d) * TK_FP16(b[i].d));
    }
    return s;
}
