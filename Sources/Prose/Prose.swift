// Prose layer.
