#!/usr/bin/env bash
# Emacs scenario. Loads EditorConfigs/emacs/tenor-eglot.el, as its README tells users to, in batch
# mode, then drives Eglot with emacs-eglot-scenario.el.
set -euo pipefail
scenario=emacs
. "$(dirname "$0")/common.sh"
require emacs
cd "$work"
# An interactive Emacs activates installed packages (markdown-mode's autoloads) before the init file;
# batch mode does not, so do it first.
exec timeout "${TENOR_E2E_SCENARIO_TIMEOUT:-240}" emacs --batch --eval '(package-activate-all)' \
    -l "$repo/EditorConfigs/emacs/tenor-eglot.el" \
    -l "$repo/Tests/editors/emacs-eglot-scenario.el"
