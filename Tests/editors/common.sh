# Shared by the editor scenarios (sourced): finds the tenor binary, puts it first on PATH as a user's
# installation would be, and makes a scratch copy of Tests/editors/workspace with an isolated HOME.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tenor_bin=${TENOR_BIN:-$repo/.build/release/tenor}
if [ ! -x "$tenor_bin" ]; then
    echo "$scenario: no tenor binary at $tenor_bin (swift build -c release --product tenor, or set TENOR_BIN)" >&2
    exit 1
fi
bin_dir=$(mktemp -d)
ln -s "$(cd "$(dirname "$tenor_bin")" && pwd)/$(basename "$tenor_bin")" "$bin_dir/tenor"
export PATH="$bin_dir:$PATH"

work=$(mktemp -d)
cp -R "$repo/Tests/editors/workspace/." "$work/"
export TENOR_E2E_DIR=$work
# The models stay where `make setup` put them (the Makefile exports this too); only the editors' HOME is new.
export TENOR_MODELS_DIR=${TENOR_MODELS_DIR:-$HOME/.local/share/tenor/models}
# A clean HOME: no user init files, plugins or editor state change the outcome.
export HOME=$work/.home XDG_CONFIG_HOME=$work/.home/.config XDG_DATA_HOME=$work/.home/.local/share \
    XDG_STATE_HOME=$work/.home/.local/state XDG_CACHE_HOME=$work/.home/.cache
mkdir -p "$HOME"
cleanup() { rm -rf "$work" "$bin_dir"; }
trap cleanup EXIT

require() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "$scenario: $1 is not installed (Scripts/setup-editors.sh installs it)" >&2
    exit 1
}
