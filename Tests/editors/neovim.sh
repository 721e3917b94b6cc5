#!/usr/bin/env bash
# Neovim scenario. Loads EditorConfigs/neovim/fallback.lua as the init file, as its README tells
# Neovim 0.7 users (Debian 12), then drives the session with neovim-scenario.lua.
set -euo pipefail
scenario=neovim
. "$(dirname "$0")/common.sh"
require nvim
cd "$work"
exec timeout "${TENOR_E2E_SCENARIO_TIMEOUT:-240}" nvim --headless -i NONE -n \
    -u "$repo/EditorConfigs/neovim/fallback.lua" \
    -c "luafile $repo/Tests/editors/neovim-scenario.lua"
