#!/usr/bin/env bash
# Installs the editors the end-to-end tests drive (Tests/editors/), from Debian, when missing.
# Idempotent: with everything installed it does nothing. Usage: Scripts/setup-editors.sh
set -euo pipefail

say() { printf 'setup-editors: %s\n' "$*" >&2; }

# Debian 12: neovim 0.7.2, emacs 28.2 (eglot is a separate package before Emacs 29; markdown-mode
# gives Markdown buffers their major mode, so eglot sends languageId "markdown").
needed=(neovim emacs-nox elpa-eglot elpa-markdown-mode)
missing=()
for p in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

say "installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2; then
    say "could not install ${missing[*]} with apt-get."
    say "Install them by hand (apt-get install ${missing[*]}), or skip the editor tests with TENOR_SKIP_E2E=1."
    exit 1
fi
