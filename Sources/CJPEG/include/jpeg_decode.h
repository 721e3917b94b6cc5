#ifndef JPEG_DECODE_H
#define JPEG_DECODE_H
// JPEG decoding through libjpeg(-turbo), wrapped in C because libjpeg reports errors by longjmp,
// which must not cross Swift frames: here the jump lands in the same C function.
#include <stddef.h>
#include <stdint.h>

// Reads the header of `size` bytes of JPEG: width and height. 0 on success, else a message in `error`.
int tk_jpeg_size(const uint8_t *data, size_t size, int *width, int *height, char *error, size_t error_size);

// Decodes into `rgb` (width · height · 3 bytes, as tk_jpeg_size reported; grey and CMYK converted to RGB by
// libjpeg where it can). 0 on success, else a message in `error`.
int tk_jpeg_decode_rgb(const uint8_t *data, size_t size, uint8_t *rgb, int width, int height, char *error, size_t error_size);
#endif
