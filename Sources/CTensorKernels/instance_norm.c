// Instance normalisation of one plane (see include/instance_norm.h).
#include "include/instance_norm.h"
#include <math.h>

enum { LANES = 8, SUM_BLOCK = 4096 };

// Σ (x[i] − centre)² when square, else Σ x[i] (centre unused): float lanes within a block, blocks in double.
static double block_sums(const float *x, int64_t n, float centre, int square) {
    double total = 0;
    for (int64_t start = 0; start < n; start += SUM_BLOCK) {
        const int64_t end = n - start < SUM_BLOCK ? n : start + SUM_BLOCK;
        float lanes[LANES] = {0};
        int64_t i = start;
        if (square) {
            for (; i + LANES <= end; i += LANES)
                for (int j = 0; j < LANES; j++) { const float d = x[i + j] - centre; lanes[j] += d * d; }
        } else {
            for (; i + LANES <= end; i += LANES)
                for (int j = 0; j < LANES; j++) lanes[j] += x[i + j];
        }
        double block = 0;
        for (int j = 0; j < LANES; j++) block += lanes[j];
        for (; i < end; i++) {
            const float d = square ? x[i] - centre : x[i];
            block += square ? d * d : d;
        }
        total += block;
    }
    return total;
}

void tk_instance_norm_plane(const float *x, float *y, int64_t n, float numerator, float epsilon,
                            float gamma, float beta, int relu) {
    if (n <= 0) return;
    const float scale = 1.0f / (float)n;
    const float mean = (float)block_sums(x, n, 0, 0) * scale;
    const float variance = (float)block_sums(x, n, mean, 1) * scale;
    const float inverse = numerator / sqrtf(variance + epsilon);
    if (relu) {
        for (int64_t i = 0; i < n; i++) {
            const float v = (x[i] - mean) * inverse * gamma + beta;
            y[i] = v > 0 ? v : 0;
        }
    } else {
        for (int64_t i = 0; i < n; i++) y[i] = (x[i] - mean) * inverse * gamma + beta;
    }
}
