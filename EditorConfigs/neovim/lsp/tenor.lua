-- Tenor for Neovim 0.11+ (`vim.lsp.config`). Neovim reads `lsp/tenor.lua` from 'runtimepath';
-- enable it with `vim.lsp.enable('tenor')`. Override any field with `vim.lsp.config('tenor', { ... })`.
return {
  cmd = { 'tenor', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- A `.tenor.toml` marks a Tenor project; otherwise the repository root.
  root_markers = { '.tenor.toml', '.git' },
  -- Answered to `workspace/configuration` (section `tenor`); the keys of `.tenor.toml`, which they override.
  settings = {
    tenor = {
      -- rules = { ['style.repeated-word'] = 'warning', tone = 'on' },
      -- server = { ['debounce-ms'] = 300 },
      -- models = { dir = '~/.local/share/tenor/models' },
      -- illustrate = { ['output-dir'] = 'assets/illustrations' },
    },
  },
}
