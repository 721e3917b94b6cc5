#!/usr/bin/env bash
# Installs llama-cpp-python (which compiles llama.cpp from source) into the current Python
# environment. It is the independent reference for the GGUF tokenizer fixtures and the
# decoder's logits, and the baseline for speed comparisons. Run once; takes 10+ minutes.
set -euo pipefail

PYTHON="${PYTHON:-python3}"

if "$PYTHON" -c "import llama_cpp" 2>/dev/null; then
    echo "llama-cpp-python already installed: $("$PYTHON" -c 'import llama_cpp; print(llama_cpp.__version__)')" >&2
    exit 0
fi

# pip 23 cannot read the metadata that current scikit-build-core writes (it fails with
# "expected string or bytes-like object, got 'NoneType'"); a current pip can.
"$PYTHON" -m pip install --upgrade pip

# The sdist builds with CMake through scikit-build-core; take CMake and Ninja from PyPI
# when the system has none.
if ! command -v cmake >/dev/null 2>&1; then
    "$PYTHON" -m pip install cmake ninja
fi

# GGML_NATIVE tunes for this CPU (AVX2 etc.), as a speed baseline should be.
CMAKE_ARGS="-DGGML_NATIVE=ON ${CMAKE_ARGS:-}" \
CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
    "$PYTHON" -m pip install --no-cache-dir --verbose llama-cpp-python

"$PYTHON" -c "import llama_cpp; print('llama-cpp-python', llama_cpp.__version__, llama_cpp.__file__)" >&2
