// Tokenizers layer.
