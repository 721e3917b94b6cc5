// Q8_K: the activation format for K-quant dots, 256 elements in 292 bytes (layout in blocks.h).
#include "blocks.h"
#include <math.h>
#pragma STDC FP_CONTRACT OFF

void tk_dequantize_q8_K(const void *src, float *dst, int64_t n) {
    const block_q8_K *b = (const block_q8_K *)src;
    for (int64_t i = 0; i < n / QK_K; i++, dst += QK_K)
        for (int j = 0; j < QK_K; j++) dst[j] = b[i].d * (float)b[i].qs[j];
}

// d = max|x| / 127 (kept in f32): |error| <= d/2. bsums let dots fold in the K-quant mins cheaply.
void tk_quantize_q8_K(const float *src, void *dst, int64_t n) {
    block_q8_K *b = (block_q8_K *)dst;
    for (int64_t i = 0; i < n / QK_K; i++, src += QK_K) {
        float amax = 0;
        for (int j = 0; j < QK_K; j++) amax = fmaxf(amax, fabsf(src[j]));
        b[i].d = amax / 127;
        const float id = amax > 0 ? 127 / amax : 0;
        for (int j = 0; j < QK_K; j++) {
            int q = (int)lrintf(src[j] * id);
            b[i].qs[j] = (int8_t)(q < -127 ? -127 : q > 127 ? 127 : q);
        }
        for (int k = 0; k < 16; k++) {
            int sum = 0;
            for (int l = 0; l < 16; l++) sum += b[i].qs[16 * k + l];
            b[i].bsums[k] = (int16_t)sum;
        }
    }
}
