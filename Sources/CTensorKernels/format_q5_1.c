// Q5_1: 32 elements in 24 bytes, 5-bit with scale and offset (layout in blocks.h). Dots against Q8_1.
#include "blocks.h"
#include <math.h>
#pragma STDC FP_CONTRACT OFF

static inline uint32_t high_bits(const uint8_t qh[4]) {
    return (uint32_t)qh[0] | (uint32_t)qh[1] << 8 | (uint32_t)qh[2] << 16 | (uint32_t)qh[3] << 24;
}

void tk_dequantize_q5_1(const void *src, float *dst, int64_t n) {
    const block_q5_1 *b = (const block_q5_1 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        const float d = TK_FP16(b[i].d), m = TK_FP16(b[i].m);
        const uint32_t qh = high_bits(b[i].qh);
        for (int j = 0; j < 16; j++) {
            int q0 = (b[i].qs[j] & 15) | ((qh >> j) & 1) << 4;
            int q1 = (b[i].qs[j] >> 4) | ((qh >> (j + 16)) & 1) << 4;
            dst[j] = (float)q0 * d + m;
            dst[j + 16] = (float)q1 * d + m;
        }
    }
}

// d = (max - min) / 31, m = min: |error| <= d/2 plus half rounding of m.
void tk_quantize_q5_1(const float *src, void *dst, int64_t n) {
    block_q5_1 *b = (block_q5_1 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        float min = src[0], max = src[0];
        for (int j = 1; j < QK32; j++) {
            if (src[j] < min) min = src[j];
            if (src[j] > max) max = src[j];
        }
        b[i].d = tk_f32_to_f16((max - min) / 31);
        b[i].m = tk_f32_to_f16(min);
        const float d = TK_FP16(b[i].d), m = TK_FP16(b[i].m);
        const float id = d != 0 ? 1 / d : 0;
        uint32_t qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (int)lrintf((src[j] - m) * id), q1 = (int)lrintf((src[j + 16] - m) * id);
            q0 = q0 < 0 ? 0 : q0 > 31 ? 31 : q0;
            q1 = q1 < 0 ? 0 : q1 > 31 ? 31 : q1;
            b[i].qs[j] = (uint8_t)((q0 & 15) | (q1 & 15) << 4);
            qh |= (uint32_t)(q0 >> 4) << j | (uint32_t)(q1 >> 4) << (j + 16);
        }
        for (int k = 0; k < 4; k++) b[i].qh[k] = (uint8_t)(qh >> (8 * k));
    }
}

float tk_dot_q5_1_q8_1_scalar(int64_t n, const void *w, const void *x) {
    const block_q5_1 *a = (const block_q5_1 *)w;
    const block_q8_1 *b = (const block_q8_1 *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        const uint32_t qh = high_bits(a[i].qh);
        int sum = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (a[i].qs[j] & 15) | ((qh >> j) & 1) << 4;
            int q1 = (a[i].qs[j] >> 4) | ((qh >> (j + 16)) & 1) << 4;
            sum += q0 * b[i].qs[j] + q1 * b[i].qs[j + 16];
        }
        s += (float)sum * (TK_FP16(a[i].d) * TK_FP16(b[i].d)) + TK_FP16(a[i].m) * TK_FP16(b[i].s);
    }
    return s;
}
