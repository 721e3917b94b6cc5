// The SIMD dot kernels compiled with AVX-512 VNNI (vpdpbusd on 256-bit vectors) where the CPU has it.
#include "blocks.h"
#if TK_X86
#define TK_TARGET __attribute__((target("avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512vnni")))
#define TK_NAME(f) f##_vnni
#define TK_VNNI 1
#include "quant_dot_simd.h"
#endif
