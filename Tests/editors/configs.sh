#!/usr/bin/env bash
# Static checks of the editor configurations no scenario runs: every JSON/TOML file parses, every Lua and
# Emacs Lisp file reads, and the VS Code extension's settings mirror the `.tenor.toml` keys.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
configs=$repo/EditorConfigs
cd "$configs"

python3 - "$configs" <<'PY'
import json, re, sys, tomllib, pathlib
root = pathlib.Path(sys.argv[1])
def jsonc(path):
    # The settings snippets are JSON with whole-line // comments, as their editors accept.
    text = "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("//"))
    return json.loads(text)
for path in ["vscode/package.json", "vscode/tsconfig.json", "kate/settings.json"]:
    json.loads((root / path).read_text())
for path in ["zed/settings.json", "sublime/LSP.sublime-settings"]:
    jsonc(root / path)
for path in ["helix/languages.toml", "zed/extension.toml", "zed/Cargo.toml"]:
    tomllib.loads((root / path).read_text())

package = json.loads((root / "vscode/package.json").read_text())
properties = package["contributes"]["configuration"]["properties"]
for key in ["tenor.rules", "tenor.server.debounce-ms", "tenor.server.max-message-bytes",
            "tenor.models.dir", "tenor.illustrate.output-dir"]:
    assert key in properties, f"vscode/package.json lacks setting {key}"
commands = {c["command"] for c in package["contributes"]["commands"]}
assert {"tenor.restart", "tenor.renderIllustration"} <= commands, commands
assert set(package["activationEvents"]) == {"onLanguage:markdown", "onLanguage:plaintext"}
grammar = package["contributes"]["grammars"][0]
assert grammar["scopeName"] == json.loads((root.parent / "Grammars/tenor-directives.tmLanguage.json").read_text())["scopeName"]
source = re.search(r"copyFileSync\('([^']+)'", package["scripts"]["copy-grammar"]).group(1)
assert (root / "vscode" / source).resolve().is_file(), f"copy-grammar copies a missing {source}"

helix = tomllib.loads((root / "helix/languages.toml").read_text())
markdown = next(l for l in helix["language"] if l["name"] == "markdown")
assert "tenor" in markdown["language-servers"] and "marksman" in markdown["language-servers"]
PY

if command -v nvim >/dev/null; then
    for file in neovim/lsp/tenor.lua neovim/lspconfig.lua neovim/fallback.lua; do
        nvim --headless -u NONE -i NONE -n -c "lua assert(loadfile('$file'))" -c 'qall!' 2>&1 | grep . && exit 1
    done
fi
if command -v emacs >/dev/null; then
    for file in emacs/tenor-eglot.el emacs/tenor-lsp-mode.el; do
        emacs --batch -Q --eval "(with-temp-buffer (insert-file-contents \"$file\") (emacs-lisp-mode) (check-parens))"
    done
fi
echo "configs: PASS"
