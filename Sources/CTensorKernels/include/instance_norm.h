#ifndef INSTANCE_NORM_H
#define INSTANCE_NORM_H
// Instance normalisation of one plane in two passes (statistics, then the affine map), as the
// primitive-operator chain ReduceMean → Sub → Pow(2) → ReduceMean → Add(ε) → Sqrt → Div → Mul →
// Mul(γ) → Add(β) [→ Relu] computes it, in the same float operations:
//   mean = Σx / n,  var = Σ(x − mean)² / n,  y = (x − mean) · (numerator / √(var + ε)) · γ + β.
// Sums are taken in float lanes over blocks of 4,096 values and the blocks added in double, like the
// interpreter's ReduceMean. y may be x (in place).
#include <stdint.h>

void tk_instance_norm_plane(const float *x, float *y, int64_t n, float numerator, float epsilon,
                            float gamma, float beta, int relu);
#endif
