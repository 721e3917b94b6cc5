// IEEE binary16 and bfloat16 <-> binary32, bit-exact, round to nearest even (as ggml and numpy do).
#include "tensor_kernels.h"
#include <math.h>
#include <string.h>

float tk_f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exponent = (h >> 10) & 0x1f;
    uint32_t mantissa = h & 0x3ff;
    uint32_t bits;
    if (exponent == 0) {
        // Zero or subnormal: mantissa * 2^-24 is exact in binary32.
        float v = (float)mantissa * 0x1p-24f;
        memcpy(&bits, &v, 4);
        bits |= sign;
    } else if (exponent == 31) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

uint16_t tk_f32_to_f16(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
    uint32_t ax = x & 0x7fffffffu;
    if (ax >= 0x7f800000u) { // inf stays inf; nan stays a quiet nan with its top payload bits
        return ax > 0x7f800000u ? (uint16_t)(sign | 0x7e00 | ((ax >> 13) & 0x3ff)) : (uint16_t)(sign | 0x7c00);
    }
    if (ax >= 0x477ff000u) return (uint16_t)(sign | 0x7c00); // >= 65520 rounds to infinity
    if (ax < 0x38800000u) {                                   // below 2^-14: subnormal half
        float v;
        memcpy(&v, &ax, 4);
        return (uint16_t)(sign | (uint16_t)lrintf(v * 0x1p24f)); // exact scaling, then round-to-even
    }
    uint32_t m = ax - 0x38000000u; // rebias exponent 127 -> 15
    return (uint16_t)(sign | ((m + 0x0fffu + ((m >> 13) & 1)) >> 13));
}

float tk_bf16_to_f32(uint16_t b) {
    uint32_t bits = (uint32_t)b << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

uint16_t tk_f32_to_bf16(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    if ((x & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x >> 16) | 64); // quiet nan
    return (uint16_t)((x + (0x7fffu + ((x >> 16) & 1))) >> 16);
}
