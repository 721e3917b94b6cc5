#ifndef TENSOR_KERNELS_H
#define TENSOR_KERNELS_H
// Hot loops in C with runtime CPU dispatch (scalar, AVX2+FMA+F16C, AVX-512 VNNI where it helps).
// Types are ggml type ids (GGMLType raw values). Quantized block layouts are written down in blocks.h.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// ---- CPU features and kernel level ----
int tk_cpu_has_avx2(void);
/// tk_cpu_has_avx2(), asked once and cached: what the kernels dispatch on.
int tk_use_avx2(void);
int tk_cpu_has_avx512vnni(void);
/// tk_cpu_has_avx512vnni(), asked once and cached.
int tk_use_avx512vnni(void);
/// Name of the kernel family chosen at run time ("scalar", "avx2", "avx512vnni").
const char *tk_kernel_level(void);

// ---- Half-precision conversions (bit-exact, round to nearest even) ----
float tk_f16_to_f32(uint16_t h);
uint16_t tk_f32_to_f16(float f);
float tk_bf16_to_f32(uint16_t b);
uint16_t tk_f32_to_bf16(float f);

// ---- Per-type row operations ----
/// 1 when dequantize, quantize and dot kernels exist for `type`.
int tk_type_supported(uint32_t type);
/// The format activations are quantized to before a dot with rows of `type` (ggml's vec_dot_type).
uint32_t tk_vec_dot_type(uint32_t type);
/// Bytes one row of `n` elements of `type` occupies; 0 if unsupported or `n` is not a whole number of blocks.
size_t tk_row_bytes(uint32_t type, int64_t n);
/// `dst[0..<n]` = elements of the row at `src`. Returns 0 when `type` is unsupported.
int tk_dequantize_row(uint32_t type, const void *src, float *dst, int64_t n);
/// Quantizes `n` floats into blocks of `type` (a reference quantizer: clear error bounds, not ggml's search).
int tk_quantize_row(uint32_t type, const float *src, void *dst, int64_t n);
/// Dot of one weight row of `type` with an activation row already in `tk_vec_dot_type(type)`.
float tk_vec_dot(uint32_t type, int64_t n, const void *w_row, const void *x);
/// The dot kernel of a given level (0 scalar, 1 AVX2, 2 AVX-512 VNNI), or the best below it this CPU has;
/// for tests that compare the levels.
float tk_vec_dot_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x);
int tk_quantize_row_scalar(uint32_t type, const float *src, void *dst, int64_t n);
int tk_dequantize_row_scalar(uint32_t type, const void *src, float *dst, int64_t n);
/// out[t] = dot(w_row, x + t·x_stride) for t < nx, with the multi-row kernel of `level` (0 scalar, 1 AVX2,
/// 2 AVX-512 VNNI, or the best below it this CPU has) — the kernels tk_matvec_rows / tk_matmul_rows use,
/// taking up to 8 activation rows per pass over the weights; for tests. A row's result does not depend on nx.
void tk_dot_rows_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x, size_t x_stride,
                       int64_t nx, float *out);
/// 16-bit activations for K-quant products (Q16_K, layout in blocks.h): `n` floats (a multiple of 256) rounded
/// to int16 at scale max|x|/32767 per 256; tk_row_bytes_q16_K(n) bytes. See kquant_q16.c for why.
size_t tk_row_bytes_q16_K(int64_t n);
void tk_quantize_row_q16_K(const float *src, void *dst, int64_t n);
void tk_dequantize_row_q16_K(const void *src, float *dst, int64_t n);
/// The same slots in 8 bits with one scale per 16 elements (Q8_K16, blocks.h; kquant_q8_16.c), for rows without outliers.
void tk_quantize_row_q8_K16(const float *src, void *dst, int64_t n);
void tk_dequantize_row_q8_K16(const void *src, float *dst, int64_t n);
/// What the decoder runs: a row as Q8_K16, or as Q16_K when one activation exceeds 20× the row's root mean
/// square or the CPU lacks AVX-512 VNNI (kquant_q16.c says why); returns the format (0 Q16_K, 1 Q8_K16). tk_dequantize_row_q16_K and the
/// kernels below read either, from the format each row's blocks carry.
int tk_quantize_row_k_activations(const float *src, void *dst, int64_t n);
/// out[t] = dot(w_row, x + t·x_stride) for t < nx, x in Q16_K, K-quant `type`, kernels of `level` (0 scalar,
/// 1 AVX2, 2 AVX-512 VNNI, or the best below it this CPU has). A row's result does not depend on nx.
void tk_dot_rows_q16_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x, size_t x_stride,
                           int64_t nx, float *out);
/// For `n` Q16_K activation rows (row i at x + i · tk_row_bytes_q16_K(cols)), y[i·ldy + r] = dot(row r, x_i)
/// for r in [r0, r1), K-quant `type`, kernels of `level` (2 for the best). Each weight block is unpacked once
/// per 8 activation rows; each token's result does not depend on n.
void tk_matmul_rows_q16_level(uint32_t type, int level, const void *w, size_t row_bytes, int64_t cols,
                              const void *x, int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1);
/// y[r] = dot(row r, x) for r in [r0, r1); x in `tk_vec_dot_type(type)`.
void tk_matvec_rows(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const void *x,
                    float *y, int64_t r0, int64_t r1);
/// For a batch of `n` activation rows (x row i at x + i * x_row_bytes), y[i * ldy + r] = dot(row r, x_i)
/// for r in [r0, r1). Walks weight rows in tiles so each tile is read from memory once.
void tk_matmul_rows(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const void *x,
                    size_t x_row_bytes, int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1);

// ---- Products with f32 activations (no activation quantization; see dot_f32_input.c) ----
/// Dot of one weight row of `type` with `n` f32 activations; level 0 scalar, 1 AVX2, 2 AVX-512 (or the best
/// below it this CPU has), for tests comparing levels.
float tk_vec_dot_f32_input(uint32_t type, int level, int64_t n, const void *w_row, const float *x);
/// y[r] = dot(row r, x) for r in [r0, r1), x in f32.
void tk_matvec_rows_f32_input(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const float *x,
                              float *y, int64_t r0, int64_t r1);
/// For `n` f32 activation rows (row i at x + i * cols), y[i * ldy + r] = dot(row r, x_i) for r in [r0, r1),
/// walking weight rows in tiles so each tile is read from memory once.
void tk_matmul_rows_f32_input(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const float *x,
                              int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1);

// ---- f32 vector helpers ----
float tk_dot_f32(const float *a, const float *b, int64_t n);
/// y += a * x
void tk_axpy_f32(float a, const float *x, float *y, int64_t n);
/// y = a * y
void tk_scale_f32(float a, float *y, int64_t n);
/// x = x · sigmoid(x), in place (SIMD exp, a few ulp).
void tk_silu_f32(float *x, int64_t n);
/// Numerically stable softmax in place (SIMD exp, a few ulp).
void tk_softmax_f32(float *x, int64_t n);

// ---- Thread pool: persistent workers, spin-then-sleep fork/join ----
typedef struct tk_pool tk_pool;
typedef void (*tk_task_fn)(void *ctx, int64_t start, int64_t end);
/// A pool whose `threads` participants include the calling thread (threads - 1 workers).
tk_pool *tk_pool_create(int threads);
void tk_pool_destroy(tk_pool *pool);
/// Splits [0, count) into at most `threads` contiguous chunks of multiples of `grain` (last may be shorter)
/// and runs fn on each, the caller taking the first; returns when all are done. Calls from several threads
/// are serialized; a call from inside a task runs inline.
void tk_pool_run(tk_pool *pool, int64_t count, int64_t grain, tk_task_fn fn, void *ctx);
/// Jobs the pool has run in parallel (fork/joins) since it was created; 0 for a single-thread pool.
int64_t tk_pool_jobs(tk_pool *pool);

// ---- Benchmark helper ----
/// Sums `n` floats with wide independent accumulators (a streaming read for bandwidth measurement).
float tk_stream_sum(const float *x, int64_t n);

#ifdef __cplusplus
}
#endif
#endif
