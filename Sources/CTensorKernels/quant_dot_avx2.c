// The SIMD dot kernels compiled for AVX2 + FMA + F16C (chosen at run time in cpu.c).
#include "blocks.h"
#if TK_X86
#define TK_TARGET __attribute__((target("avx2,fma,f16c")))
#define TK_NAME(f) f##_avx2
#define TK_VNNI 0
#include "quant_dot_simd.h"
#endif
