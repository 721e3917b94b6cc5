// Q6_K: 256 elements in 210 bytes, 16 sub-blocks of 16 with int8 scales (layout in blocks.h).
#include "format_k_common.h"
#pragma STDC FP_CONTRACT OFF

// Unpacks the 256 six-bit values (0..63) of a block, following the layout comment in blocks.h.
static inline void q6_values(const block_q6_K *b, uint8_t q[QK_K]) {
    for (int h = 0; h < 2; h++) {
        const uint8_t *ql = b->ql + 64 * h, *qh = b->qh + 32 * h;
        uint8_t *out = q + 128 * h;
        for (int l = 0; l < 32; l++) {
            out[l] = (uint8_t)((ql[l] & 15) | ((qh[l] >> 0) & 3) << 4);
            out[l + 32] = (uint8_t)((ql[l + 32] & 15) | ((qh[l] >> 2) & 3) << 4);
            out[l + 64] = (uint8_t)((ql[l] >> 4) | ((qh[l] >> 4) & 3) << 4);
            out[l + 96] = (uint8_t)((ql[l + 32] >> 4) | ((qh[l] >> 6) & 3) << 4);
        }
    }
}

void tk_dequantize_q6_K(const void *src, float *dst, int64_t n) {
    const block_q6_K *b = (const block_q6_K *)src;
    uint8_t q[QK_K];
    for (int64_t i = 0; i < n / QK_K; i++, dst += QK_K) {
        const float d = TK_FP16(b[i].d);
        q6_values(&b[i], q);
        for (int e = 0; e < QK_K; e++) dst[e] = d * (float)b[i].scales[e / 16] * (float)(q[e] - 32);
    }
}

// Symmetric per sub-block: step s_i = d·sc_i >= max|x| / 31, quants in [-31, 31]: |error| <= s_i / 2.
void tk_quantize_q6_K(const float *src, void *dst, int64_t n) {
    block_q6_K *b = (block_q6_K *)dst;
    for (int64_t i = 0; i < n / QK_K; i++, src += QK_K) {
        float amax[16], max_step = 0;
        for (int s = 0; s < 16; s++) {
            amax[s] = 0;
            for (int l = 0; l < 16; l++) amax[s] = fmaxf(amax[s], fabsf(src[16 * s + l]));
            if (amax[s] / 31 > max_step) max_step = amax[s] / 31;
        }
        b[i].d = tk_f16_ceil(max_step / 127);
        const float d = TK_FP16(b[i].d);
        uint8_t q[QK_K];
        for (int s = 0; s < 16; s++) {
            int sc = d > 0 ? (int)ceilf(amax[s] / (31 * d)) : 0;
            sc = sc > 127 ? 127 : sc;
            b[i].scales[s] = (int8_t)sc;
            const float step = d * (float)sc;
            const float inv = step > 0 ? 1 / step : 0;
            for (int l = 0; l < 16; l++) {
                int v = (int)lrintf(src[16 * s + l] * inv);
                v = v < -32 ? -32 : v > 31 ? 31 : v;
                q[16 * s + l] = (uint8_t)(v + 32);
            }
        }
        for (int h = 0; h < 2; h++) {
            const uint8_t *qq = q + 128 * h;
            for (int l = 0; l < 32; l++) {
                b[i].ql[64 * h + l] = (uint8_t)((qq[l] & 15) | (qq[l + 64] & 15) << 4);
                b[i].ql[64 * h + l + 32] = (uint8_t)((qq[l + 32] & 15) | (qq[l + 96] & 15) << 4);
                b[i].qh[32 * h + l] = (uint8_t)((qq[l] >> 4) | (qq[l + 32] >> 4) << 2 | (qq[l + 64] >> 4) << 4 |
                                                (qq[l + 96] >> 4) << 6);
            }
        }
    }
}

float tk_dot_q6_K_q8_K_scalar(int64_t n, const void *w, const void *x) {
    const block_q6_K *a = (const block_q6_K *)w;
    const block_q8_K *b = (const block_q8_K *)x;
    float s = 0;
    uint8_t q[QK_K];
    for (int64_t i = 0; i < n / QK_K; i++) {
        q6_values(&a[i], q);
        int sumi = 0;
        for (int sb = 0; sb < 16; sb++) {
            int sub = 0;
            for (int l = 0; l < 16; l++) sub += (q[16 * sb + l] - 32) * b[i].qs[16 * sb + l];
            sumi += a[i].scales[sb] * sub;
        }
        s += TK_FP16(a[i].d) * b[i].d * (float)sumi;
    }
    return s;
}
