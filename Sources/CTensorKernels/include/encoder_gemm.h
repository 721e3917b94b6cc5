#ifndef ENCODER_GEMM_H
#define ENCODER_GEMM_H
// Small-batch f32 matrix products for the sentence encoder: Y = X·Wᵀ + bias with W pre-packed in
// panels of 16 output rows, so a batch of a few tokens streams each weight once, contiguously,
// instead of paying OpenBLAS's per-call packing of the whole weight matrix.
#include <stdint.h>

// Number of floats the packed form of an n × k matrix (n outputs, k inputs) occupies.
int64_t tk_encoder_packed_count(int64_t n, int64_t k);

// Packs w (n × k row-major) into ceil(n/16) panels; panel p is k × 16: element [i][j] = w[p·16 + j][i],
// zero where p·16 + j ≥ n.
void tk_encoder_pack(const float *w, int64_t n, int64_t k, float *packed);

// y[r·ldy + c] = Σ_i x[r·k + i] · w[c][i] + bias[c] (bias may be NULL) for rows r < m and the output
// columns of panels [panel_begin, panel_end). AVX2+FMA when the CPU has it, scalar otherwise.
void tk_encoder_gemm(const float *x, int64_t m, int64_t k, const float *packed, const float *bias,
                     float *y, int64_t n, int64_t ldy, int64_t panel_begin, int64_t panel_end);
#endif
