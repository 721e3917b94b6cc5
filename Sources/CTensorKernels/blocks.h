#ifndef TK_BLOCKS_H
#define TK_BLOCKS_H
// ggml block layouts, byte for byte as they sit in GGUF files (little-endian, no padding).
// `half` fields are IEEE binary16 bit patterns. Each block encodes `QK` consecutive elements of a row.

#include <stdint.h>
#include <stddef.h>
#include "tensor_kernels.h"

enum {
    TK_F32 = 0, TK_F16 = 1, TK_Q4_0 = 2, TK_Q4_1 = 3, TK_Q5_0 = 6, TK_Q5_1 = 7, TK_Q8_0 = 8, TK_Q8_1 = 9,
    TK_Q4_K = 12, TK_Q5_K = 13, TK_Q6_K = 14, TK_Q8_K = 15, TK_BF16 = 30,
};

#define QK32 32
#define QK_K 256

// Q4_0, 18 bytes / 32 elements:
//   [0,2)  half d
//   [2,18) qs[16]: byte j holds element j in its low nibble and element j+16 in its high nibble.
//   x = (nibble - 8) * d
typedef struct { uint16_t d; uint8_t qs[16]; } block_q4_0;

// Q4_1, 20 bytes / 32 elements:
//   [0,2) half d   [2,4) half m   [4,20) qs[16] (nibbles as Q4_0)
//   x = nibble * d + m
typedef struct { uint16_t d; uint16_t m; uint8_t qs[16]; } block_q4_1;

// Q5_0, 22 bytes / 32 elements:
//   [0,2) half d   [2,6) qh: uint32 little-endian, bit j = 5th bit of element j   [6,22) qs[16] (nibbles as Q4_0)
//   x = ((nibble | bit << 4) - 16) * d
typedef struct { uint16_t d; uint8_t qh[4]; uint8_t qs[16]; } block_q5_0;

// Q5_1, 24 bytes / 32 elements:
//   [0,2) half d   [2,4) half m   [4,8) qh (as Q5_0)   [8,24) qs[16]
//   x = (nibble | bit << 4) * d + m
typedef struct { uint16_t d; uint16_t m; uint8_t qh[4]; uint8_t qs[16]; } block_q5_1;

// Q8_0, 34 bytes / 32 elements:
//   [0,2) half d   [2,34) int8 qs[32]
//   x = qs[j] * d
typedef struct { uint16_t d; int8_t qs[32]; } block_q8_0;

// Q8_1, 36 bytes / 32 elements (activation format for Q4_1/Q5_1; never stored in files):
//   [0,2) half d   [2,4) half s = d * sum(qs)   [4,36) int8 qs[32]
typedef struct { uint16_t d; uint16_t s; int8_t qs[32]; } block_q8_1;

// Q4_K, 144 bytes / 256 elements = 8 sub-blocks of 32:
//   [0,2) half d   [2,4) half dmin
//   [4,16) scales[12]: eight 6-bit scales sc[i] and eight 6-bit mins m[i], packed:
//          i < 4:  sc = scales[i] & 63,  m = scales[i+4] & 63
//          i >= 4: sc = (scales[i+4] & 15) | (scales[i-4] >> 6) << 4,  m = (scales[i+4] >> 4) | (scales[i] >> 6) << 4
//   [16,144) qs[128]: 32-byte group g (g = 0..3) holds sub-block 2g in low nibbles, 2g+1 in high nibbles.
//   x = d * sc[i] * nibble - dmin * m[i]
typedef struct { uint16_t d; uint16_t dmin; uint8_t scales[12]; uint8_t qs[128]; } block_q4_K;

// Q5_K, 176 bytes / 256 elements = 8 sub-blocks of 32:
//   [0,2) half d   [2,4) half dmin   [4,16) scales[12] (as Q4_K)
//   [16,48) qh[32]: bit i of qh[l] is the 5th bit of element l of sub-block i
//   [48,176) qs[128] (nibbles as Q4_K)
//   x = d * sc[i] * (nibble | bit << 4) - dmin * m[i]
typedef struct { uint16_t d; uint16_t dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; } block_q5_K;

// Q6_K, 210 bytes / 256 elements = 16 sub-blocks of 16, processed as two halves of 128:
//   [0,128)   ql[128]: half h uses ql[64h ..< 64h+64]
//   [128,192) qh[64]:  half h uses qh[32h ..< 32h+32]
//   [192,208) int8 scales[16]
//   [208,210) half d
//   Within half h, for l in 0..<32 (q = 6-bit value, x = d * scales[8h + l/16 + 2k] * (q - 32) for k=0..3):
//     element l      : low nibble of ql[l]     | ((qh[l] >> 0) & 3) << 4
//     element l + 32 : low nibble of ql[l+32]  | ((qh[l] >> 2) & 3) << 4
//     element l + 64 : high nibble of ql[l]    | ((qh[l] >> 4) & 3) << 4
//     element l + 96 : high nibble of ql[l+32] | ((qh[l] >> 6) & 3) << 4
typedef struct { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; uint16_t d; } block_q6_K;

// Q8_K, 292 bytes / 256 elements (activation format for K-quants; never stored in files):
//   [0,4) float d   [4,260) int8 qs[256]   [260,292) int16 bsums[16]: sum of each run of 16 qs
typedef struct { float d; int8_t qs[256]; int16_t bsums[16]; } block_q8_K;

// K-quant activation rows (kquant_q16.c; never stored in files): 576 bytes per 256 elements, each block in one
// of two formats named by its last byte (the same in every block of a row). Rows of 64-byte-aligned buffers
// keep every block's qs 64-byte aligned.
enum { TK_KACT_Q16_K = 0, TK_KACT_Q8_K16 = 1 };
// Q16_K: [0,512) int16 qs[256]   [512,544) float dsums[8]: d times the sum of each run of 32 qs (for the
//   K-quant mins)   [544,548) float d   [548,575) zero   [575] format = TK_KACT_Q16_K.
//   x = d * qs[j], d = max|x| / 32767
typedef struct { int16_t qs[256]; float dsums[8]; float d; uint8_t pad[27]; uint8_t format; } block_q16_K;
// Q8_K16 (kquant_q8_16.c), in the order the AVX-512 kernel consumes it: 16 lanes p of 4 bytes, lane p holding
// group (of 16 elements) tk_q8_K16_group(p) = 4·(p%4) + p/4 (the map is its own inverse):
//   [0,256) int8 qs[256]: element 16j + 4v + k (k < 4) at 64v + 4·tk_q8_K16_group(j) + k
//   [256,320) float d[16]: d[p] = max|x|/127 over group tk_q8_K16_group(p)
//   [320,384) float dsums[16]: d[p] times the sum of that group's qs (Q6_K's offset)
//   [384,416) float dsums32[8]: per 32 elements in order, the sum of its two groups' dsums (the Q4_K / Q5_K mins)
//   [416,575) zero   [575] format = TK_KACT_Q8_K16.
typedef struct {
    int8_t qs[256]; float d[16]; float dsums[16]; float dsums32[8]; uint8_t pad[159]; uint8_t format;
} block_q8_K16;

_Static_assert(sizeof(block_q4_0) == 18, "q4_0");
_Static_assert(sizeof(block_q4_1) == 20, "q4_1");
_Static_assert(sizeof(block_q5_0) == 22, "q5_0");
_Static_assert(sizeof(block_q5_1) == 24, "q5_1");
_Static_assert(sizeof(block_q8_0) == 34, "q8_0");
_Static_assert(sizeof(block_q8_1) == 36, "q8_1");
_Static_assert(sizeof(block_q4_K) == 144, "q4_K");
_Static_assert(sizeof(block_q5_K) == 176, "q5_K");
_Static_assert(sizeof(block_q6_K) == 210, "q6_K");
_Static_assert(sizeof(block_q8_K) == 292, "q8_K");
_Static_assert(sizeof(block_q16_K) == 576, "q16_K");
_Static_assert(sizeof(block_q8_K16) == 576, "q8_K16");
static inline int tk_q8_K16_group(int p) { return 4 * (p % 4) + p / 4; }
static inline int tk_q8_K16_position(int e) { return 64 * ((e % 16) / 4) + 4 * tk_q8_K16_group(e / 16) + e % 4; }

#define TK_FP16(h) tk_f16_to_f32(h)

// Unpacks the 6-bit scale and min of sub-block i (0..7) of a Q4_K / Q5_K block.
static inline void tk_k_scale_min(int i, const uint8_t *s, uint8_t *sc, uint8_t *m) {
    if (i < 4) {
        *sc = s[i] & 63;
        *m = s[i + 4] & 63;
    } else {
        *sc = (uint8_t)((s[i + 4] & 15) | ((s[i - 4] >> 6) << 4));
        *m = (uint8_t)((s[i + 4] >> 4) | ((s[i] >> 6) << 4));
    }
}

// Per-format kernels (one file per format). n is a multiple of the block size.
typedef void (*tk_to_float_fn)(const void *src, float *dst, int64_t n);
typedef void (*tk_from_float_fn)(const float *src, void *dst, int64_t n);
typedef float (*tk_dot_fn)(int64_t n, const void *w, const void *x);
// One weight row against nx (1...TK_DOT_ROWS_MAX) activation rows: out[t·out_stride] = dot(w, x + t·x_stride).
enum { TK_DOT_ROWS_MAX = 8 };
typedef void (*tk_dot_rows_fn)(int64_t n, const void *w, const void *x, size_t x_stride, int nx, float *out,
                               size_t out_stride);

#define TK_DECLARE_FORMAT(name) \
    void tk_dequantize_##name(const void *src, float *dst, int64_t n); \
    void tk_quantize_##name(const float *src, void *dst, int64_t n);

TK_DECLARE_FORMAT(f32)
TK_DECLARE_FORMAT(f16)
TK_DECLARE_FORMAT(bf16)
TK_DECLARE_FORMAT(q4_0)
TK_DECLARE_FORMAT(q4_1)
TK_DECLARE_FORMAT(q5_0)
TK_DECLARE_FORMAT(q5_1)
TK_DECLARE_FORMAT(q8_0)
TK_DECLARE_FORMAT(q8_1)
TK_DECLARE_FORMAT(q4_K)
TK_DECLARE_FORMAT(q5_K)
TK_DECLARE_FORMAT(q6_K)
TK_DECLARE_FORMAT(q8_K)

// Dot kernels: weight row format × activation format.
float tk_dot_f32_f32_scalar(int64_t n, const void *w, const void *x);
float tk_dot_f16_f32_scalar(int64_t n, const void *w, const void *x);
float tk_dot_bf16_f32_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q4_0_q8_0_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q4_1_q8_1_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q5_0_q8_0_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q5_1_q8_1_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q8_0_q8_0_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q4_K_q8_K_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q5_K_q8_K_scalar(int64_t n, const void *w, const void *x);
float tk_dot_q6_K_q8_K_scalar(int64_t n, const void *w, const void *x);

// K-quant rows × Q8_K16 activation rows (kquant_q8_16.c): *out[t] = dot(w, x[t]) for t < nx ≤ 8, kernels of
// `level` (0 scalar, 1 AVX2, 2 AVX-512 VNNI, or the best below it this CPU has).
void tk_rows_q8_K16(uint32_t type, int level, int64_t n, const uint8_t *w, const uint8_t *const *x, int nx,
                    float *const *out);

// TK_PORTABLE_ONLY builds only the scalar kernels (to check the path other architectures take).
#if defined(__x86_64__) && !defined(TK_PORTABLE_ONLY)
#define TK_X86 1
#define TK_AVX2 __attribute__((target("avx2,fma,f16c")))
float tk_dot_f32_f32_avx2(int64_t n, const void *w, const void *x);
float tk_dot_f16_f32_avx2(int64_t n, const void *w, const void *x);
float tk_dot_bf16_f32_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q4_0_q8_0_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q4_1_q8_1_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q5_0_q8_0_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q5_1_q8_1_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q8_0_q8_0_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q4_K_q8_K_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q5_K_q8_K_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q6_K_q8_K_avx2(int64_t n, const void *w, const void *x);
float tk_dot_q4_0_q8_0_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q4_1_q8_1_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q5_0_q8_0_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q5_1_q8_1_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q8_0_q8_0_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q4_K_q8_K_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q5_K_q8_K_vnni(int64_t n, const void *w, const void *x);
float tk_dot_q6_K_q8_K_vnni(int64_t n, const void *w, const void *x);
void tk_quantize_q8_0_avx2(const float *src, void *dst, int64_t n);
void tk_dequantize_q4_0_avx2(const void *src, float *dst, int64_t n);
void tk_dequantize_q4_1_avx2(const void *src, float *dst, int64_t n);
void tk_dequantize_q8_0_avx2(const void *src, float *dst, int64_t n);
void tk_dequantize_q4_K_avx2(const void *src, float *dst, int64_t n);
void tk_dequantize_q6_K_avx2(const void *src, float *dst, int64_t n);
void tk_quantize_q8_1_avx2(const float *src, void *dst, int64_t n);
void tk_quantize_q8_K_avx2(const float *src, void *dst, int64_t n);
// AVX-512 BW + VNNI multi-row kernels for Q4_K / Q5_K / Q6_K × Q8_K (kquant_rows_avx512.c); NULL for others.
tk_dot_rows_fn tk_dot_rows_avx512(uint32_t type);
#endif

#endif
