#ifndef TK_FORMAT_K_COMMON_H
#define TK_FORMAT_K_COMMON_H
// Helpers shared by the K-quant reference quantizers.
#include "blocks.h"
#include <math.h>

// The smallest half-precision value h with h >= v (v >= 0), so that scales derived from it never overflow.
static inline uint16_t tk_f16_ceil(float v) {
    uint16_t h = tk_f32_to_f16(v);
    if (TK_FP16(h) < v) h++;
    return h;
}

// Packs eight 6-bit scales and mins the way Q4_K / Q5_K store them (inverse of tk_k_scale_min).
static inline void tk_k_pack_scales(const uint8_t sc[8], const uint8_t m[8], uint8_t out[12]) {
    for (int i = 0; i < 4; i++) {
        out[i] = (uint8_t)((sc[i] & 63) | (sc[i + 4] >> 4) << 6);
        out[i + 4] = (uint8_t)((m[i] & 63) | (m[i + 4] >> 4) << 6);
        out[i + 8] = (uint8_t)((sc[i + 4] & 15) | (m[i + 4] & 15) << 4);
    }
}

// Chooses the sub-block scales of an asymmetric K-quant with `levels` = 15 (Q4_K) or 31 (Q5_K).
// For sub-block i (32 values): offset o_i = dmin·m_i >= -min(0, min x), step s_i = d·sc_i with
// (levels·s_i - o_i) >= max x, so every value is representable and |error| <= s_i / 2.
static inline void tk_k_choose_scales(const float *x, int levels, uint16_t *d_out, uint16_t *dmin_out,
                                      uint8_t sc[8], uint8_t m[8]) {
    float offset[8], span[8], max_offset = 0, max_span = 0;
    float top[8];
    for (int i = 0; i < 8; i++) {
        float lo = 0, hi = x[32 * i];
        for (int l = 0; l < 32; l++) {
            if (x[32 * i + l] < lo) lo = x[32 * i + l];
            if (x[32 * i + l] > hi) hi = x[32 * i + l];
        }
        offset[i] = -lo;
        top[i] = hi;
        if (offset[i] > max_offset) max_offset = offset[i];
    }
    *dmin_out = tk_f16_ceil(max_offset / 63);
    const float dmin = TK_FP16(*dmin_out);
    for (int i = 0; i < 8; i++) {
        int mi = dmin > 0 ? (int)ceilf(offset[i] / dmin) : 0;
        m[i] = (uint8_t)(mi > 63 ? 63 : mi);
        span[i] = top[i] + dmin * (float)m[i];
        if (span[i] < 0) span[i] = 0;
        if (span[i] > max_span) max_span = span[i];
    }
    *d_out = tk_f16_ceil(max_span / (float)(levels * 63));
    const float d = TK_FP16(*d_out);
    for (int i = 0; i < 8; i++) {
        int si = d > 0 ? (int)ceilf(span[i] / ((float)levels * d)) : 0;
        sc[i] = (uint8_t)(si > 63 ? 63 : si);
    }
}
#endif
