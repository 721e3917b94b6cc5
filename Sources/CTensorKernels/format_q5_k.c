// Q5_K: 256 elements in 176 bytes, like Q4_K plus one high bit per element (layout in blocks.h).
#include "format_k_common.h"
#pragma STDC FP_CONTRACT OFF

void tk_dequantize_q5_K(const void *src, float *dst, int64_t n) {
    const block_q5_K *b = (const block_q5_K *)src;
    for (int64_t i = 0; i < n / QK_K; i++) {
        const float d = TK_FP16(b[i].d), dmin = TK_FP16(b[i].dmin);
        const uint8_t *q = b[i].qs;
        for (int g = 0; g < 4; g++, q += 32) {
            uint8_t sc, m;
            tk_k_scale_min(2 * g, b[i].scales, &sc, &m);
            const float d1 = d * (float)sc, m1 = dmin * (float)m;
            tk_k_scale_min(2 * g + 1, b[i].scales, &sc, &m);
            const float d2 = d * (float)sc, m2 = dmin * (float)m;
            for (int l = 0; l < 32; l++) *dst++ = d1 * (float)((q[l] & 15) | ((b[i].qh[l] >> (2 * g)) & 1) << 4) - m1;
            for (int l = 0; l < 32; l++) *dst++ = d2 * (float)((q[l] >> 4) | ((b[i].qh[l] >> (2 * g + 1)) & 1) << 4) - m2;
        }
    }
}

// Reference quantizer: |error| <= d·sc_i / 2 in sub-block i.
void tk_quantize_q5_K(const float *src, void *dst, int64_t n) {
    block_q5_K *b = (block_q5_K *)dst;
    for (int64_t i = 0; i < n / QK_K; i++, src += QK_K) {
        uint8_t sc[8], m[8];
        tk_k_choose_scales(src, 31, &b[i].d, &b[i].dmin, sc, m);
        tk_k_pack_scales(sc, m, b[i].scales);
        const float d = TK_FP16(b[i].d), dmin = TK_FP16(b[i].dmin);
        uint8_t q[QK_K];
        for (int s = 0; s < 8; s++) {
            const float step = d * (float)sc[s], off = dmin * (float)m[s];
            const float inv = step > 0 ? 1 / step : 0;
            for (int l = 0; l < 32; l++) {
                int v = (int)lrintf((src[32 * s + l] + off) * inv);
                q[32 * s + l] = (uint8_t)(v < 0 ? 0 : v > 31 ? 31 : v);
            }
        }
        for (int l = 0; l < 32; l++) {
            uint8_t h = 0;
            for (int s = 0; s < 8; s++) h |= (uint8_t)((q[32 * s + l] >> 4) << s);
            b[i].qh[l] = h;
        }
        for (int g = 0; g < 4; g++)
            for (int l = 0; l < 32; l++)
                b[i].qs[32 * g + l] = (uint8_t)((q[64 * g + l] & 15) | (q[64 * g + 32 + l] & 15) << 4);
    }
}

float tk_dot_q5_K_q8_K_scalar(int64_t n, const void *w, const void *x) {
    const block_q5_K *a = (const block_q5_K *)w;
    const block_q8_K *b = (const block_q8_K *)x;
    float s = 0;
    for (int64_t i = 0; i < n / QK_K; i++) {
        const uint8_t *q = a[i].qs;
        const int8_t *p = b[i].qs;
        int sumi = 0, summ = 0;
        for (int g = 0; g < 4; g++, q += 32, p += 64) {
            uint8_t sc1, m1, sc2, m2;
            tk_k_scale_min(2 * g, a[i].scales, &sc1, &m1);
            tk_k_scale_min(2 * g + 1, a[i].scales, &sc2, &m2);
            int s1 = 0, s2 = 0;
            for (int l = 0; l < 32; l++) {
                s1 += ((q[l] & 15) | ((a[i].qh[l] >> (2 * g)) & 1) << 4) * p[l];
                s2 += ((q[l] >> 4) | ((a[i].qh[l] >> (2 * g + 1)) & 1) << 4) * p[l + 32];
            }
            sumi += sc1 * s1 + sc2 * s2;
            summ += m1 * (b[i].bsums[4 * g] + b[i].bsums[4 * g + 1]) + m2 * (b[i].bsums[4 * g + 2] + b[i].bsums[4 * g + 3]);
        }
        s += b[i].d * (TK_FP16(a[i].d) * (float)sumi - TK_FP16(a[i].dmin) * (float)summ);
    }
    return s;
}
