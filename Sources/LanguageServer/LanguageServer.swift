// LanguageServer layer.
