#include <oniguruma.h>

// The encoding and syntax are pointer-valued macros Swift cannot import; these expose them.
static inline OnigEncoding tenor_onig_encoding_utf8(void) { return ONIG_ENCODING_UTF8; }
// ONIG_SYNTAX_DEFAULT is Ruby syntax, the dialect TextMate grammars are written in.
static inline OnigSyntaxType *tenor_onig_syntax_default(void) { return ONIG_SYNTAX_DEFAULT; }
static inline OnigOptionType tenor_onig_option_capture_group(void) { return ONIG_OPTION_CAPTURE_GROUP; }
// onig_error_code_to_str is variadic, which Swift cannot call.
static inline int tenor_onig_error_message(OnigUChar *buffer, int code, OnigErrorInfo *info) {
    return onig_error_code_to_str(buffer, code, info);
}
