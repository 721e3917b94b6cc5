// Convolution over an implicit im2col matrix (see include/conv_direct.h).
#include "include/conv_direct.h"
#include "include/tensor_kernels.h"
#include <stdatomic.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { ROWS = 4, BLOCK = TK_CONV_BLOCK };

int64_t tk_conv_packed_count(int64_t m, int64_t k) { return (m + ROWS - 1) / ROWS * ROWS * k; }

void tk_conv_pack_weights(const float *w, int64_t m, int64_t k, float *packed) {
    int64_t blocks = (m + ROWS - 1) / ROWS;
    for (int64_t b = 0; b < blocks; b++) {
        for (int64_t i = 0; i < k; i++) {
            for (int64_t j = 0; j < ROWS; j++) {
                int64_t row = b * ROWS + j;
                packed[(b * k + i) * ROWS + j] = row < m ? w[row * k + i] : 0.0f;
            }
        }
    }
}

// Mirror of i into 0..<n about the edge elements (valid for -n < i < 2n - 1).
static inline int64_t reflect_index(int64_t i, int64_t n) {
    if (n == 1) return 0;
    if (i < 0) i = -i;
    if (i >= n) i = 2 * (n - 1) - i;
    return i;
}

// One padded row (source row `line`, or zeros when line is NULL) into its phase rows: out_rows[px] gets
// the columns px, px + stride, ... of the padded row. The interior is a branch-free strided copy.
static void prepare_row(const float *line, int64_t w, int64_t left, int64_t wp, int reflect, int64_t stride,
                        int64_t wq, float *const *out_rows) {
    for (int64_t px = 0; px < stride; px++) {
        float *row = out_rows[px];
        if (!line) { memset(row, 0, (size_t)wq * sizeof(float)); continue; }
        // Phase columns qx whose padded column qx·stride + px lies in the image: x = qx·stride + px − left in [0, w).
        int64_t first = left > px ? (left - px + stride - 1) / stride : 0;
        int64_t end = (w + left - px + stride - 1) / stride;
        if (end > wq) end = wq;
        if (first > end) first = end;
        for (int64_t qx = 0; qx < first; qx++) {
            const int64_t x = qx * stride + px - left;
            row[qx] = reflect ? line[reflect_index(x, w)] : 0.0f;
        }
        const float *from = line + first * stride + px - left;
        if (stride == 1) memcpy(row + first, from, (size_t)(end - first) * sizeof(float));
        else if (stride == 2) for (int64_t i = 0; i < end - first; i++) row[first + i] = from[2 * i];
        else for (int64_t i = 0; i < end - first; i++) row[first + i] = from[i * stride];
        for (int64_t qx = end; qx < wq; qx++) {
            const int64_t xp = qx * stride + px, x = xp - left;
            row[qx] = xp >= wp ? 0.0f : reflect ? line[reflect_index(x, w)] : 0.0f;
        }
    }
}

void tk_conv_prepare(const float *src, int64_t channels, int64_t h, int64_t w,
                     int64_t top, int64_t left, int64_t bottom, int64_t right, int reflect, int64_t stride,
                     int64_t qy_begin, int64_t plane_rows, float *dst) {
    const int64_t hp = h + top + bottom, wp = w + left + right;
    const int64_t wq = (wp + stride - 1) / stride;
    float *rows[16];
    if (stride > 16) return; // the caller keeps strides small (phases are stride² planes)
    for (int64_t c = 0; c < channels; c++) {
        const float *plane = src + c * h * w;
        // Padded rows y = qy·stride + py, in order, each source row read once for all its column phases;
        // rows past the padded plane's edge (the last phase rows when stride does not divide it) are zero.
        for (int64_t y = qy_begin * stride; y < (qy_begin + plane_rows) * stride; y++) {
            const int64_t py = y % stride, row = y / stride - qy_begin;
            for (int64_t px = 0; px < stride; px++) rows[px] = dst + ((py * stride + px) * channels + c) * plane_rows * wq + row * wq;
            const float *line = NULL;
            if (y < hp) {
                const int64_t sy = y - top;
                if (sy >= 0 && sy < h) line = plane + sy * w;
                else if (reflect) line = plane + reflect_index(sy, h) * w;
            }
            prepare_row(line, w, left, wp, reflect, stride, wq, rows);
        }
    }
}

// Writes a ROWS × BLOCK tile of virtual pixels q0... to the output planes, dropping virtual pixels past
// each row's end and past q_end, and rows past m.
static void store_tile(const float tile[ROWS][BLOCK], int64_t rows, float *out, int64_t out_w, int64_t row_stride,
                       int64_t out_plane, int64_t q0, int64_t q_end) {
    const int64_t oy = q0 / row_stride, ox = q0 % row_stride;
    if (ox + BLOCK <= out_w && q0 + BLOCK <= q_end) { // the whole block inside one output row
        for (int64_t j = 0; j < rows; j++) memcpy(out + j * out_plane + oy * out_w + ox, tile[j], BLOCK * sizeof(float));
        return;
    }
    for (int64_t i = 0; i < BLOCK && q0 + i < q_end; i++) {
        const int64_t q = q0 + i, y = q / row_stride, x = q % row_stride;
        if (x >= out_w) continue;
        for (int64_t j = 0; j < rows; j++) out[j * out_plane + y * out_w + x] = tile[j][i];
    }
}

// One block computed pixel by pixel, reading only kept pixels' inputs (the end of the source).
static void block_safe(const float *src, const int64_t *offsets, int64_t k, const float *w, const float *bias,
                       int64_t rows, float *out, int64_t out_w, int64_t row_stride, int64_t out_plane,
                       int64_t q0, int64_t q_end) {
    float tile[ROWS][BLOCK] = {{0}};
    for (int64_t i = 0; i < BLOCK && q0 + i < q_end; i++) {
        const int64_t q = q0 + i;
        if (q % row_stride >= out_w) continue;
        for (int64_t j = 0; j < rows; j++) {
            float sum = bias ? bias[j] : 0.0f;
            for (int64_t t = 0; t < k; t++) sum += w[t * ROWS + j] * src[offsets[t] + q];
            tile[j][i] = sum;
        }
    }
    store_tile(tile, rows, out, out_w, row_stride, out_plane, q0, q_end);
}

static void block_scalar(const float *src, const int64_t *offsets, int64_t k, const float *w, const float *bias,
                         float tile[ROWS][BLOCK]) {
    for (int64_t j = 0; j < ROWS; j++)
        for (int64_t i = 0; i < BLOCK; i++) tile[j][i] = bias ? bias[j] : 0.0f;
    for (int64_t t = 0; t < k; t++) {
        const float *b = src + offsets[t];
        for (int64_t j = 0; j < ROWS; j++) {
            const float a = w[t * ROWS + j];
            for (int64_t i = 0; i < BLOCK; i++) tile[j][i] += a * b[i];
        }
    }
}

#if defined(__x86_64__)
#define TK_CONV_AVX512 __attribute__((target("avx2,fma,avx512f,avx512vl")))
#define TK_CONV_AVX2 __attribute__((target("avx2,fma")))

// Four output channels × 24 pixels in twelve accumulators: per tap three loads of the source and four
// broadcast weights feed twelve FMAs, so the loop is bound by the FMA units, not by loads. 256-bit
// vectors, but compiled for AVX-512VL: with 32 vector registers clang keeps the twelve accumulators
// in place (with 16 it rotated and spilled them every tap and ran at 45% of the speed).
TK_CONV_AVX512 static void block_avx512(const float *src, const int64_t *offsets, int64_t k, const float *w,
                                        const float *bias, float tile[ROWS][BLOCK]) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c02 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps(), c12 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c22 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps(), c32 = _mm256_setzero_ps();
    for (int64_t t = 0; t < k; t++) {
        const float *b = src + offsets[t];
        const __m256 x0 = _mm256_loadu_ps(b), x1 = _mm256_loadu_ps(b + 8), x2 = _mm256_loadu_ps(b + 16);
        const float *wt = w + t * ROWS;
        __m256 a;
        a = _mm256_broadcast_ss(wt + 0);
        c00 = _mm256_fmadd_ps(a, x0, c00); c01 = _mm256_fmadd_ps(a, x1, c01); c02 = _mm256_fmadd_ps(a, x2, c02);
        a = _mm256_broadcast_ss(wt + 1);
        c10 = _mm256_fmadd_ps(a, x0, c10); c11 = _mm256_fmadd_ps(a, x1, c11); c12 = _mm256_fmadd_ps(a, x2, c12);
        a = _mm256_broadcast_ss(wt + 2);
        c20 = _mm256_fmadd_ps(a, x0, c20); c21 = _mm256_fmadd_ps(a, x1, c21); c22 = _mm256_fmadd_ps(a, x2, c22);
        a = _mm256_broadcast_ss(wt + 3);
        c30 = _mm256_fmadd_ps(a, x0, c30); c31 = _mm256_fmadd_ps(a, x1, c31); c32 = _mm256_fmadd_ps(a, x2, c32);
    }
    const __m256 b0 = _mm256_set1_ps(bias ? bias[0] : 0.0f), b1 = _mm256_set1_ps(bias ? bias[1] : 0.0f);
    const __m256 b2 = _mm256_set1_ps(bias ? bias[2] : 0.0f), b3 = _mm256_set1_ps(bias ? bias[3] : 0.0f);
    _mm256_storeu_ps(tile[0], _mm256_add_ps(c00, b0)); _mm256_storeu_ps(tile[0] + 8, _mm256_add_ps(c01, b0));
    _mm256_storeu_ps(tile[0] + 16, _mm256_add_ps(c02, b0));
    _mm256_storeu_ps(tile[1], _mm256_add_ps(c10, b1)); _mm256_storeu_ps(tile[1] + 8, _mm256_add_ps(c11, b1));
    _mm256_storeu_ps(tile[1] + 16, _mm256_add_ps(c12, b1));
    _mm256_storeu_ps(tile[2], _mm256_add_ps(c20, b2)); _mm256_storeu_ps(tile[2] + 8, _mm256_add_ps(c21, b2));
    _mm256_storeu_ps(tile[2] + 16, _mm256_add_ps(c22, b2));
    _mm256_storeu_ps(tile[3], _mm256_add_ps(c30, b3)); _mm256_storeu_ps(tile[3] + 8, _mm256_add_ps(c31, b3));
    _mm256_storeu_ps(tile[3] + 16, _mm256_add_ps(c32, b3));
}

// AVX2 alone (16 registers): the block as 4 × 16 pixels in eight accumulators, then 4 × 8 pixels
// in two sets of four (even and odd taps), so that either half keeps eight FMA chains in flight.
TK_CONV_AVX2 static void block_avx2(const float *src, const int64_t *offsets, int64_t k, const float *w,
                                    const float *bias, float tile[ROWS][BLOCK]) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    for (int64_t t = 0; t < k; t++) {
        const float *b = src + offsets[t];
        const __m256 x0 = _mm256_loadu_ps(b), x1 = _mm256_loadu_ps(b + 8);
        const float *wt = w + t * ROWS;
        __m256 a;
        a = _mm256_broadcast_ss(wt + 0); c00 = _mm256_fmadd_ps(a, x0, c00); c01 = _mm256_fmadd_ps(a, x1, c01);
        a = _mm256_broadcast_ss(wt + 1); c10 = _mm256_fmadd_ps(a, x0, c10); c11 = _mm256_fmadd_ps(a, x1, c11);
        a = _mm256_broadcast_ss(wt + 2); c20 = _mm256_fmadd_ps(a, x0, c20); c21 = _mm256_fmadd_ps(a, x1, c21);
        a = _mm256_broadcast_ss(wt + 3); c30 = _mm256_fmadd_ps(a, x0, c30); c31 = _mm256_fmadd_ps(a, x1, c31);
    }
    __m256 e0 = _mm256_setzero_ps(), e1 = _mm256_setzero_ps(), e2 = _mm256_setzero_ps(), e3 = _mm256_setzero_ps();
    __m256 o0 = _mm256_setzero_ps(), o1 = _mm256_setzero_ps(), o2 = _mm256_setzero_ps(), o3 = _mm256_setzero_ps();
    int64_t t = 0;
    for (; t + 2 <= k; t += 2) {
        const __m256 x = _mm256_loadu_ps(src + offsets[t] + 16), y = _mm256_loadu_ps(src + offsets[t + 1] + 16);
        const float *wt = w + t * ROWS;
        e0 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 0), x, e0); o0 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 4), y, o0);
        e1 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 1), x, e1); o1 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 5), y, o1);
        e2 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 2), x, e2); o2 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 6), y, o2);
        e3 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 3), x, e3); o3 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 7), y, o3);
    }
    if (t < k) {
        const __m256 x = _mm256_loadu_ps(src + offsets[t] + 16);
        const float *wt = w + t * ROWS;
        e0 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 0), x, e0); e1 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 1), x, e1);
        e2 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 2), x, e2); e3 = _mm256_fmadd_ps(_mm256_broadcast_ss(wt + 3), x, e3);
    }
    const __m256 b0 = _mm256_set1_ps(bias ? bias[0] : 0.0f), b1 = _mm256_set1_ps(bias ? bias[1] : 0.0f);
    const __m256 b2 = _mm256_set1_ps(bias ? bias[2] : 0.0f), b3 = _mm256_set1_ps(bias ? bias[3] : 0.0f);
    _mm256_storeu_ps(tile[0], _mm256_add_ps(c00, b0)); _mm256_storeu_ps(tile[0] + 8, _mm256_add_ps(c01, b0));
    _mm256_storeu_ps(tile[0] + 16, _mm256_add_ps(_mm256_add_ps(e0, o0), b0));
    _mm256_storeu_ps(tile[1], _mm256_add_ps(c10, b1)); _mm256_storeu_ps(tile[1] + 8, _mm256_add_ps(c11, b1));
    _mm256_storeu_ps(tile[1] + 16, _mm256_add_ps(_mm256_add_ps(e1, o1), b1));
    _mm256_storeu_ps(tile[2], _mm256_add_ps(c20, b2)); _mm256_storeu_ps(tile[2] + 8, _mm256_add_ps(c21, b2));
    _mm256_storeu_ps(tile[2] + 16, _mm256_add_ps(_mm256_add_ps(e2, o2), b2));
    _mm256_storeu_ps(tile[3], _mm256_add_ps(c30, b3)); _mm256_storeu_ps(tile[3] + 8, _mm256_add_ps(c31, b3));
    _mm256_storeu_ps(tile[3] + 16, _mm256_add_ps(_mm256_add_ps(e3, o3), b3));
}

static int cpu_has_avx512vl(void) {
    __builtin_cpu_init();
    return tk_use_avx2() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
}
#endif

static _Atomic int forced_kernel = 0;

void tk_conv_force_kernel(int kernel) { forced_kernel = kernel; }

// 1 scalar, 2 AVX2, 3 AVX-512VL: the best the CPU has, or the forced one when the CPU has it.
static int conv_kernel(void) {
    int best = 1;
#if defined(__x86_64__)
    static _Atomic int detected = 0;
    if (detected == 0) detected = cpu_has_avx512vl() ? 3 : tk_use_avx2() ? 2 : 1;
    best = detected;
#endif
    const int forced = forced_kernel;
    return forced > 0 && forced < best ? forced : best;
}

const char *tk_conv_kernel_name(void) {
    switch (conv_kernel()) {
    case 3: return "avx512vl";
    case 2: return "avx2";
    default: return "scalar";
    }
}

void tk_conv_direct(const float *src, int64_t src_count, const int64_t *offsets, int64_t k,
                    const float *packed, int64_t m, const float *bias,
                    float *out, int64_t out_w, int64_t row_stride, int64_t out_plane,
                    int64_t q_begin, int64_t q_end) {
    int64_t reach = 0; // the furthest offset: a block starting at q reads up to q + reach + BLOCK - 1
    for (int64_t t = 0; t < k; t++) if (offsets[t] > reach) reach = offsets[t];
    const int64_t blocks = (m + ROWS - 1) / ROWS;
    const int kernel = conv_kernel();
    for (int64_t q0 = q_begin; q0 < q_end; q0 += BLOCK) {
        const int in_bounds = q0 + reach + BLOCK <= src_count;
        // A block reads K short rows scattered over the planes, more streams than the hardware prefetchers
        // follow: ask for the rows of the block after next (beyond the end, a prefetch is harmless).
        if (q0 + 3 * BLOCK + reach <= src_count)
            for (int64_t t = 0; t < k; t++) __builtin_prefetch(src + offsets[t] + q0 + 2 * BLOCK + BLOCK - 1);
        for (int64_t b = 0; b < blocks; b++) {
            const float *w = packed + b * k * ROWS;
            const float *bias4 = NULL;
            float bias_block[ROWS] = {0};
            const int64_t rows = m - b * ROWS < ROWS ? m - b * ROWS : ROWS;
            if (bias) { memcpy(bias_block, bias + b * ROWS, (size_t)rows * sizeof(float)); bias4 = bias_block; }
            float *out_block = out + b * ROWS * out_plane;
            if (!in_bounds) {
                block_safe(src, offsets, k, w, bias4, rows, out_block, out_w, row_stride, out_plane, q0, q_end);
                continue;
            }
            float tile[ROWS][BLOCK];
#if defined(__x86_64__)
            if (kernel == 3) block_avx512(src + q0, offsets, k, w, bias4, tile);
            else if (kernel == 2) block_avx2(src + q0, offsets, k, w, bias4, tile);
            else
#endif
                block_scalar(src + q0, offsets, k, w, bias4, tile);
            store_tile(tile, rows, out_block, out_w, row_stride, out_plane, q0, q_end);
        }
    }
}
