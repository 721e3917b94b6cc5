-- Tenor for nvim-lspconfig (Neovim 0.8 to 0.10). Load it from init.lua after nvim-lspconfig:
--   dofile('/path/to/EditorConfigs/neovim/lspconfig.lua')
-- nvim-lspconfig does not ship a `tenor` entry, so this registers one and sets it up.
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.tenor then
  configs.tenor = {
    default_config = {
      cmd = { 'tenor', 'lsp' },
      filetypes = { 'markdown', 'text' },
      root_dir = function(fname)
        return util.root_pattern('.tenor.toml')(fname) or util.root_pattern('.git')(fname)
          or util.path.dirname(fname)
      end,
      single_file_support = true,
      settings = { tenor = {} },
    },
    docs = { description = 'Tenor, a language server for prose (https://github.com/tenor-lsp/tenor)' },
  }
end

require('lspconfig').tenor.setup({
  -- settings = { tenor = { rules = { ['style.repeated-word'] = 'error' } } },
})
