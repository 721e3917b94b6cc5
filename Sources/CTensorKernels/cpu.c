// Runtime CPU dispatch: one table of per-type kernels, SIMD entries chosen once by __builtin_cpu_supports.
#include "blocks.h"
#include <stdatomic.h>
#include <string.h>

int tk_cpu_has_avx2(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
#else
    return 0;
#endif
}

int tk_cpu_has_avx512vnni(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return tk_cpu_has_avx2() && __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512bw");
#else
    return 0;
#endif
}

typedef struct {
    uint32_t block_size;
    uint32_t block_bytes;
    uint32_t dot_type;
    tk_to_float_fn to_float;
    tk_to_float_fn to_float_simd;     // bit-identical to to_float
    tk_from_float_fn from_float;      // reference quantizer (exact layout)
    tk_from_float_fn from_float_fast; // SIMD activation quantizer, same bytes as from_float up to rounding ties
    tk_dot_fn dot_scalar;
    tk_dot_fn dot_simd;               // AVX2
    tk_dot_fn dot_vnni;               // AVX2 + AVX-512 VNNI
} tk_traits;

#if TK_X86
#define SIMD(f) f
#else
#define SIMD(f) NULL
#endif

static const tk_traits traits_table[] = {
    [TK_F32] = {1, 4, TK_F32, tk_dequantize_f32, NULL, tk_quantize_f32, NULL, tk_dot_f32_f32_scalar, SIMD(tk_dot_f32_f32_avx2), NULL},
    [TK_F16] = {1, 2, TK_F32, tk_dequantize_f16, NULL, tk_quantize_f16, NULL, tk_dot_f16_f32_scalar, SIMD(tk_dot_f16_f32_avx2), NULL},
    [TK_BF16] = {1, 2, TK_F32, tk_dequantize_bf16, NULL, tk_quantize_bf16, NULL, tk_dot_bf16_f32_scalar, SIMD(tk_dot_bf16_f32_avx2), NULL},
    [TK_Q4_0] = {32, 18, TK_Q8_0, tk_dequantize_q4_0, SIMD(tk_dequantize_q4_0_avx2), tk_quantize_q4_0, NULL, tk_dot_q4_0_q8_0_scalar, SIMD(tk_dot_q4_0_q8_0_avx2), SIMD(tk_dot_q4_0_q8_0_vnni)},
    [TK_Q4_1] = {32, 20, TK_Q8_1, tk_dequantize_q4_1, SIMD(tk_dequantize_q4_1_avx2), tk_quantize_q4_1, NULL, tk_dot_q4_1_q8_1_scalar, SIMD(tk_dot_q4_1_q8_1_avx2), SIMD(tk_dot_q4_1_q8_1_vnni)},
    [TK_Q5_0] = {32, 22, TK_Q8_0, tk_dequantize_q5_0, NULL, tk_quantize_q5_0, NULL, tk_dot_q5_0_q8_0_scalar, SIMD(tk_dot_q5_0_q8_0_avx2), SIMD(tk_dot_q5_0_q8_0_vnni)},
    [TK_Q5_1] = {32, 24, TK_Q8_1, tk_dequantize_q5_1, NULL, tk_quantize_q5_1, NULL, tk_dot_q5_1_q8_1_scalar, SIMD(tk_dot_q5_1_q8_1_avx2), SIMD(tk_dot_q5_1_q8_1_vnni)},
    [TK_Q8_0] = {32, 34, TK_Q8_0, tk_dequantize_q8_0, SIMD(tk_dequantize_q8_0_avx2), tk_quantize_q8_0, SIMD(tk_quantize_q8_0_avx2), tk_dot_q8_0_q8_0_scalar, SIMD(tk_dot_q8_0_q8_0_avx2), SIMD(tk_dot_q8_0_q8_0_vnni)},
    [TK_Q8_1] = {32, 36, TK_Q8_1, tk_dequantize_q8_1, NULL, tk_quantize_q8_1, SIMD(tk_quantize_q8_1_avx2), NULL, NULL, NULL},
    [TK_Q4_K] = {256, 144, TK_Q8_K, tk_dequantize_q4_K, SIMD(tk_dequantize_q4_K_avx2), tk_quantize_q4_K, NULL, tk_dot_q4_K_q8_K_scalar, SIMD(tk_dot_q4_K_q8_K_avx2), SIMD(tk_dot_q4_K_q8_K_vnni)},
    [TK_Q5_K] = {256, 176, TK_Q8_K, tk_dequantize_q5_K, NULL, tk_quantize_q5_K, NULL, tk_dot_q5_K_q8_K_scalar, SIMD(tk_dot_q5_K_q8_K_avx2), SIMD(tk_dot_q5_K_q8_K_vnni)},
    [TK_Q6_K] = {256, 210, TK_Q8_K, tk_dequantize_q6_K, SIMD(tk_dequantize_q6_K_avx2), tk_quantize_q6_K, NULL, tk_dot_q6_K_q8_K_scalar, SIMD(tk_dot_q6_K_q8_K_avx2), SIMD(tk_dot_q6_K_q8_K_vnni)},
    [TK_Q8_K] = {256, 292, TK_Q8_K, tk_dequantize_q8_K, NULL, tk_quantize_q8_K, SIMD(tk_quantize_q8_K_avx2), NULL, NULL, NULL},
};

#define TRAITS_COUNT (sizeof(traits_table) / sizeof(traits_table[0]))

int tk_use_avx2(void) {
    static atomic_int has = -1; // every thread computes the same value
    int v = atomic_load_explicit(&has, memory_order_relaxed);
    if (v < 0) {
        v = tk_cpu_has_avx2();
        atomic_store_explicit(&has, v, memory_order_relaxed);
    }
    return v;
}

static int use_vnni(void) {
    static atomic_int has = -1;
    int v = atomic_load_explicit(&has, memory_order_relaxed);
    if (v < 0) {
        v = tk_cpu_has_avx512vnni();
        atomic_store_explicit(&has, v, memory_order_relaxed);
    }
    return v;
}

int tk_use_avx512vnni(void) { return use_vnni(); }

static int use_simd(void) { return tk_use_avx2(); }

const char *tk_kernel_level(void) { return use_vnni() ? "avx512vnni" : use_simd() ? "avx2" : "scalar"; }

static const tk_traits *traits(uint32_t type) {
    if (type >= TRAITS_COUNT || traits_table[type].block_size == 0) return NULL;
    return &traits_table[type];
}

static tk_dot_fn dot_fn(const tk_traits *t) {
    if (use_vnni() && t->dot_vnni) return t->dot_vnni;
    return (use_simd() && t->dot_simd) ? t->dot_simd : t->dot_scalar;
}

int tk_type_supported(uint32_t type) {
    const tk_traits *t = traits(type);
    return t && t->dot_scalar;
}

uint32_t tk_vec_dot_type(uint32_t type) {
    const tk_traits *t = traits(type);
    return t ? t->dot_type : TK_F32;
}

size_t tk_row_bytes(uint32_t type, int64_t n) {
    const tk_traits *t = traits(type);
    if (!t || n < 0 || n % t->block_size) return 0;
    return (size_t)(n / t->block_size) * t->block_bytes;
}

int tk_dequantize_row(uint32_t type, const void *src, float *dst, int64_t n) {
    const tk_traits *t = traits(type);
    if (!t || n % t->block_size) return 0;
    if (use_simd() && t->to_float_simd) t->to_float_simd(src, dst, n);
    else t->to_float(src, dst, n);
    return 1;
}

int tk_dequantize_row_scalar(uint32_t type, const void *src, float *dst, int64_t n) {
    const tk_traits *t = traits(type);
    if (!t || n % t->block_size) return 0;
    t->to_float(src, dst, n);
    return 1;
}

int tk_quantize_row(uint32_t type, const float *src, void *dst, int64_t n) {
    const tk_traits *t = traits(type);
    if (!t || n % t->block_size) return 0;
    if (use_simd() && t->from_float_fast) t->from_float_fast(src, dst, n);
    else t->from_float(src, dst, n);
    return 1;
}

static tk_dot_rows_fn dot_rows_fn(uint32_t type, int level);

float tk_vec_dot(uint32_t type, int64_t n, const void *w_row, const void *x) {
    return tk_vec_dot_level(type, 2, n, w_row, x);
}

float tk_vec_dot_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x) {
    const tk_traits *t = traits(type);
    if (!t || !t->dot_scalar) return 0;
    tk_dot_rows_fn rows = dot_rows_fn(type, level);
    if (rows) {
        float out;
        rows(n, w_row, x, 0, 1, &out, 0);
        return out;
    }
    if (level >= 2 && use_vnni() && t->dot_vnni) return t->dot_vnni(n, w_row, x);
    if (level >= 1 && use_simd() && t->dot_simd) return t->dot_simd(n, w_row, x);
    return t->dot_scalar(n, w_row, x);
}

int tk_quantize_row_scalar(uint32_t type, const float *src, void *dst, int64_t n) {
    const tk_traits *t = traits(type);
    if (!t || n % t->block_size) return 0;
    t->from_float(src, dst, n);
    return 1;
}

// The multi-row kernel of `type` at `level` (2: AVX-512 VNNI) where this CPU has it, else NULL.
static tk_dot_rows_fn dot_rows_fn(uint32_t type, int level) {
#if TK_X86
    if (level >= 2 && use_vnni()) return tk_dot_rows_avx512(type);
#endif
    (void)type;
    (void)level;
    return NULL;
}

void tk_dot_rows_level(uint32_t type, int level, int64_t n, const void *w_row, const void *x, size_t x_stride,
                       int64_t nx, float *out) {
    const tk_traits *t = traits(type);
    if (!t || !t->dot_scalar) return;
    tk_dot_rows_fn rows = dot_rows_fn(type, level);
    const uint8_t *xs = (const uint8_t *)x;
    for (int64_t i = 0; i < nx; i += TK_DOT_ROWS_MAX) {
        const int k = nx - i < TK_DOT_ROWS_MAX ? (int)(nx - i) : TK_DOT_ROWS_MAX;
        if (rows) {
            rows(n, w_row, xs + (size_t)i * x_stride, x_stride, k, out + i, 1);
        } else {
            for (int j = 0; j < k; j++) out[i + j] = tk_vec_dot_level(type, level, n, w_row, xs + (size_t)(i + j) * x_stride);
        }
    }
}

void tk_matvec_rows(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const void *x,
                    float *y, int64_t r0, int64_t r1) {
    const tk_traits *t = traits(type);
    if (!t || !t->dot_scalar) return;
    tk_dot_rows_fn rows = dot_rows_fn(type, 2);
    if (rows) {
        const uint8_t *base = (const uint8_t *)w;
        for (int64_t r = r0; r < r1; r++) rows(cols, base + (size_t)r * row_bytes, x, 0, 1, y + r, 0);
        return;
    }
    tk_dot_fn dot = dot_fn(t);
    const uint8_t *base = (const uint8_t *)w;
    for (int64_t r = r0; r < r1; r++) y[r] = dot(cols, base + (size_t)r * row_bytes, x);
}

void tk_matmul_rows(uint32_t type, const void *w, size_t row_bytes, int64_t cols, const void *x,
                    size_t x_row_bytes, int64_t n, float *y, int64_t ldy, int64_t r0, int64_t r1) {
    const tk_traits *t = traits(type);
    if (!t || !t->dot_scalar) return;
    tk_dot_fn dot = dot_fn(t);
    const uint8_t *base = (const uint8_t *)w;
    const uint8_t *xs = (const uint8_t *)x;
    tk_dot_rows_fn rows = dot_rows_fn(type, 2);
    if (rows) {
        // Each weight row is unpacked once per TK_DOT_ROWS_MAX activation rows. Tiles of about 16 KB of weight
        // rows stay in L1 while a group of activation rows passes over them.
        int64_t tile_rows = (int64_t)((16 * 1024) / (row_bytes ? row_bytes : 1));
        if (tile_rows < 1) tile_rows = 1;
        for (int64_t rt = r0; rt < r1; rt += tile_rows) {
            const int64_t re = rt + tile_rows < r1 ? rt + tile_rows : r1;
            for (int64_t i = 0; i < n; i += TK_DOT_ROWS_MAX) {
                const int k = n - i < TK_DOT_ROWS_MAX ? (int)(n - i) : TK_DOT_ROWS_MAX;
                for (int64_t r = rt; r < re; r++)
                    rows(cols, base + (size_t)r * row_bytes, xs + (size_t)i * x_row_bytes, x_row_bytes, k,
                         y + i * ldy + r, (size_t)ldy);
            }
        }
        return;
    }
    // A tile of weight rows small enough to stay in L2 while every activation row passes over it.
    int64_t tile = (int64_t)((256 * 1024) / (row_bytes ? row_bytes : 1));
    if (tile < 1) tile = 1;
    for (int64_t rt = r0; rt < r1; rt += tile) {
        int64_t re = rt + tile < r1 ? rt + tile : r1;
        for (int64_t i = 0; i < n; i++) {
            const void *xi = xs + (size_t)i * x_row_bytes;
            float *yi = y + i * ldy;
            for (int64_t r = rt; r < re; r++) yi[r] = dot(cols, base + (size_t)r * row_bytes, xi);
        }
    }
}
