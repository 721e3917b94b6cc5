// ModelFormats layer.
