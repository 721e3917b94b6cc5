#ifndef ENCODER_GEMM_H
#define ENCODER_GEMM_H
// Small-batch matrix products for the sentence encoder: Y = X·Wᵀ + bias with W pre-packed in
// panels of 16 output rows and stored as IEEE half floats, so a batch of a few tokens streams each
// weight once, contiguously, at half the bytes of f32 (small batches are bound by reading the
// weights), instead of paying OpenBLAS's per-call packing of the whole weight matrix.
// Products and sums are f32; only the stored weights are rounded to half.
#include <stdint.h>

// Number of halves the packed form of an n × k matrix (n outputs, k inputs) occupies.
int64_t tk_encoder_packed_count(int64_t n, int64_t k);

// Packs w (n × k row-major, f32) into ceil(n/16) panels of halves; panel p is k × 16:
// element [i][j] = half(w[p·16 + j][i]), zero where p·16 + j ≥ n.
void tk_encoder_pack(const float *w, int64_t n, int64_t k, uint16_t *packed);

// y[r·ldy + c] = Σ_i x[r·k + i] · w[c][i] + bias[c] (bias may be NULL) for rows r < m and the output
// columns of panels [panel_begin, panel_end). AVX2+FMA+F16C when the CPU has it, scalar otherwise.
void tk_encoder_gemm(const float *x, int64_t m, int64_t k, const uint16_t *packed, const float *bias,
                     float *y, int64_t n, int64_t ldy, int64_t panel_begin, int64_t panel_end);
#endif
