// Q4_1: 32 elements in 20 bytes, 4-bit with scale and offset (layout in blocks.h). Dots against Q8_1.
#include "blocks.h"
#include <math.h>
#pragma STDC FP_CONTRACT OFF

void tk_dequantize_q4_1(const void *src, float *dst, int64_t n) {
    const block_q4_1 *b = (const block_q4_1 *)src;
    for (int64_t i = 0; i < n / QK32; i++, dst += QK32) {
        const float d = TK_FP16(b[i].d), m = TK_FP16(b[i].m);
        for (int j = 0; j < 16; j++) {
            dst[j] = (float)(b[i].qs[j] & 15) * d + m;
            dst[j + 16] = (float)(b[i].qs[j] >> 4) * d + m;
        }
    }
}

// d = (max - min) / 15, m = min; quants use the rounded half values. |error| <= d/2 plus half rounding of m.
void tk_quantize_q4_1(const float *src, void *dst, int64_t n) {
    block_q4_1 *b = (block_q4_1 *)dst;
    for (int64_t i = 0; i < n / QK32; i++, src += QK32) {
        float min = src[0], max = src[0];
        for (int j = 1; j < QK32; j++) {
            if (src[j] < min) min = src[j];
            if (src[j] > max) max = src[j];
        }
        b[i].d = tk_f32_to_f16((max - min) / 15);
        b[i].m = tk_f32_to_f16(min);
        const float d = TK_FP16(b[i].d), m = TK_FP16(b[i].m);
        const float id = d != 0 ? 1 / d : 0;
        for (int j = 0; j < 16; j++) {
            int q0 = (int)lrintf((src[j] - m) * id), q1 = (int)lrintf((src[j + 16] - m) * id);
            q0 = q0 < 0 ? 0 : q0 > 15 ? 15 : q0;
            q1 = q1 < 0 ? 0 : q1 > 15 ? 15 : q1;
            b[i].qs[j] = (uint8_t)(q0 | q1 << 4);
        }
    }
}

// Σ (q·dw + m)(p·dx) = dw·dx·Σ q·p + m·(dx·Σ p), and Q8_1 carries s = dx·Σ p.
float tk_dot_q4_1_q8_1_scalar(int64_t n, const void *w, const void *x) {
    const block_q4_1 *a = (const block_q4_1 *)w;
    const block_q8_1 *b = (const block_q8_1 *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK32; i++) {
        int sum = 0;
        for (int j = 0; j < 16; j++) sum += (a[i].qs[j] & 15) * b[i].qs[j] + (a[i].qs[j] >> 4) * b[i].qs[j + 16];
        s += (float)sum * (TK_FP16(a[i].d) * TK_FP16(b[i].d)) + TK_FP16(a[i].m) * TK_FP16(b[i].s);
    }
    return s;
}
