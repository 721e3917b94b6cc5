#ifndef TENSOR_KERNELS_H
#define TENSOR_KERNELS_H
// Hot loops in C with runtime CPU dispatch. Filled by the tensor-math layer.
int tk_cpu_has_avx2(void);
#endif
