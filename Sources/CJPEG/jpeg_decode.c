// JPEG decoding with errors returned, not exited on (see include/jpeg_decode.h).
#include "include/jpeg_decode.h"
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *message;
    size_t message_size;
} error_state;

// libjpeg's default error_exit ends the process; this one records the message and jumps back.
static void error_exit(j_common_ptr info) {
    error_state *state = (error_state *)info->err;
    char buffer[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, buffer);
    snprintf(state->message, state->message_size, "%s", buffer);
    longjmp(state->jump, 1);
}

// Warnings (e.g. "premature end of data", filled with grey by libjpeg) are not errors: stay quiet.
static void output_message(j_common_ptr info) { (void)info; }

static int run(const uint8_t *data, size_t size, uint8_t *rgb, int *width, int *height, char *error, size_t error_size) {
    if (size == 0 || size > (size_t)0x7fffffff) { snprintf(error, error_size, "empty or too large"); return 1; }
    struct jpeg_decompress_struct info;
    error_state state;
    info.err = jpeg_std_error(&state.manager);
    state.manager.error_exit = error_exit;
    state.manager.output_message = output_message;
    state.message = error;
    state.message_size = error_size;
    if (setjmp(state.jump)) {
        jpeg_destroy_decompress(&info);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)size);
    jpeg_read_header(&info, TRUE);
    if (!rgb) {
        *width = (int)info.image_width;
        *height = (int)info.image_height;
        jpeg_destroy_decompress(&info);
        return 0;
    }
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    if ((int)info.output_width != *width || (int)info.output_height != *height || info.output_components != 3) {
        snprintf(error, error_size, "unexpected output geometry");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = rgb + (size_t)info.output_scanline * (size_t)*width * 3;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return 0;
}

int tk_jpeg_size(const uint8_t *data, size_t size, int *width, int *height, char *error, size_t error_size) {
    return run(data, size, NULL, width, height, error, error_size);
}

int tk_jpeg_decode_rgb(const uint8_t *data, size_t size, uint8_t *rgb, int width, int height, char *error, size_t error_size) {
    return run(data, size, rgb, &width, &height, error, error_size);
}
