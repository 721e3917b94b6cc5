#!/usr/bin/env bash
# Regenerates Sources/ModelFormats/Generated/onnx.pb.swift from the onnx.proto that the `onnx` PyPI
# package ships. Run once when the ONNX schema is to be updated; the output is committed.
#
# Needs: protoc (apt-get install protobuf-compiler), the onnx wheel (pip install onnx==1.23.2), and
# protoc-gen-swift built from the same swift-protobuf version as Package.resolved pins
# (in a scratch checkout: swift build -c release --product protoc-gen-swift; about 10 minutes).
# PROTOC_GEN_SWIFT may point at that binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
[ -x "$plugin" ] || { echo "gen-onnx-proto: protoc-gen-swift not found; set PROTOC_GEN_SWIFT" >&2; exit 1; }
command -v protoc >/dev/null || { echo "gen-onnx-proto: protoc not found (apt-get install protobuf-compiler)" >&2; exit 1; }
proto_dir="$(python3 -c 'import onnx, os; print(os.path.dirname(onnx.__file__))')"
version="$(python3 -c 'import onnx; print(onnx.__version__)')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$proto_dir/onnx.proto" "$work/onnx.proto"
out="$root/Sources/ModelFormats/Generated"
mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$plugin" -I "$work" \
    --swift_opt=Visibility=Public --swift_out="$out" "$work/onnx.proto"
echo "gen-onnx-proto: wrote $out/onnx.pb.swift from onnx $version" >&2
