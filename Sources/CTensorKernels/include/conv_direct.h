#ifndef CONV_DIRECT_H
#define CONV_DIRECT_H
// 2-D convolution as a GEMM over the im2col matrix, without building that matrix.
//
// The input is laid out (tk_conv_prepare) so that entry k of the im2col column of virtual pixel q
// is src[offsets[k] + q]. For stride 1 that is the padded planes as they are: q = oy·W + ox and
// offsets[k] = c·H·W + ky·d·W + kx·d. For stride s the padded planes are first split into s×s
// phases (even/odd rows and columns for s = 2), which makes the convolution a stride-1 one over
// the phases. Virtual pixels with ox ≥ out_w (the last kw − 1 of each row) read into the next
// row: they are computed and thrown away, which costs (kw − 1)/W of the work and lets a block of
// 24 pixels run along the flattened rows. A block reads its inputs straight from the planes, so
// the column matrix never passes through memory (im2col of a 9×9 kernel is 81 times its input).
#include <stdint.h>

// Floats the packed weights of m output channels × k taps occupy.
int64_t tk_conv_packed_count(int64_t m, int64_t k);

// Packs w (m × k row-major, ONNX's [M][C][kh][kw]) in blocks of 4 output channels:
// packed[(b·k + i)·4 + j] = w[4b + j][i], zero where 4b + j ≥ m.
void tk_conv_pack_weights(const float *w, int64_t m, int64_t k, float *packed);

// Lays out an image of `channels` planes of h × w for tk_conv_direct: each plane padded by
// (top, left, bottom, right), with zeros or mirrored (reflect, numpy/ONNX: about the edge pixel, each
// pad smaller than its side), split into stride × stride phases of wq = ceil((w + left + right) / stride)
// columns, and of those phase planes the rows [qy_begin, qy_begin + plane_rows) (a band):
// dst[((py·stride + px)·channels + c)·plane_rows·wq + (qy − qy_begin)·wq + qx]
//   = padded[c][qy·stride + py][qx·stride + px], zero past the padded plane's edge.
void tk_conv_prepare(const float *src, int64_t channels, int64_t h, int64_t w,
                     int64_t top, int64_t left, int64_t bottom, int64_t right, int reflect, int64_t stride,
                     int64_t qy_begin, int64_t plane_rows, float *dst);

// Virtual pixels per block: tk_conv_direct's q_begin must be a multiple of it.
enum { TK_CONV_BLOCK = 24 };

// out[c·out_plane + oy·out_w + ox] = bias[c] + Σ_i w[c][i] · src[offsets[i] + q] for the virtual pixels
// q = oy·row_stride + ox in [q_begin, q_end) with ox < out_w, every output channel c < m.
// src holds src_count floats; every offsets[i] + q of a kept pixel must lie inside it (blocks that
// would read past the end are computed pixel by pixel). bias may be NULL.
// AVX-512VL or AVX2+FMA when the CPU has it, scalar otherwise.
void tk_conv_direct(const float *src, int64_t src_count, const int64_t *offsets, int64_t k,
                    const float *packed, int64_t m, const float *bias,
                    float *out, int64_t out_w, int64_t row_stride, int64_t out_plane,
                    int64_t q_begin, int64_t q_end);

// The kernel tk_conv_direct uses: "avx512vl", "avx2" or "scalar".
const char *tk_conv_kernel_name(void);
// Tests and benchmarks: use at most kernel 1 (scalar), 2 (AVX2) or 3 (AVX-512VL); 0 restores the best.
void tk_conv_force_kernel(int kernel);
#endif
