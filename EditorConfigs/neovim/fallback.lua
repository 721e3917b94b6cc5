-- Tenor for Neovim 0.7 (Debian 12), which has neither `vim.lsp.config` (0.11) nor `vim.lsp.start` (0.8).
-- Starts one `tenor lsp` per project root with `vim.lsp.start_client` and attaches every Markdown and
-- text buffer of that root with `vim.lsp.buf_attach_client`. Use it as your init file
-- (`nvim -u fallback.lua`), copy it to ~/.config/nvim/plugin/tenor.lua, or `dofile()` it from init.lua.
--
-- Options, set before this file runs:
--   vim.g.tenor_cmd       command list, default { 'tenor', 'lsp' }
--   vim.g.tenor_settings  the `tenor` settings section (the keys of .tenor.toml), default {}
--   vim.g.tenor_filetypes default { 'markdown', 'text' }
--   vim.g.tenor_codelens  refresh Tenor's code lenses ("Render illustration") on BufEnter/InsertLeave, default true
-- Commands: :TenorRestart, :TenorIllustrate (renders the `<!-- illustrate: … -->` directive on the cursor line).
-- Rewrites and "Render illustration" are code actions: vim.lsp.buf.code_action(), and for a selection
-- :'<,'>lua vim.lsp.buf.range_code_action().

local cmd = vim.g.tenor_cmd or { 'tenor', 'lsp' }
local settings = vim.g.tenor_settings or {}
local filetypes = vim.g.tenor_filetypes or { 'markdown', 'text' }
local root_markers = { '.tenor.toml', '.git' }
local codelens = vim.g.tenor_codelens ~= false

-- Client id per root directory.
local clients = {}

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

-- The nearest ancestor holding `.tenor.toml`, else the nearest holding `.git`, else the file's directory.
local function root_for(path)
  local start = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(root_markers) do
    local dir = start
    while true do
      if exists(dir .. '/' .. marker) then
        return dir
      end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then
        break
      end
      dir = parent
    end
  end
  return start
end

local function running(id)
  local client = id and vim.lsp.get_client_by_id(id)
  return client ~= nil and not client.is_stopped()
end

local function attach(bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return
  end
  if vim.fn.executable(cmd[1]) ~= 1 then
    vim.notify_once('tenor: ' .. cmd[1] .. ' is not on PATH; set vim.g.tenor_cmd', vim.log.levels.WARN)
    return
  end
  local root = root_for(name)
  if not running(clients[root]) then
    clients[root] = vim.lsp.start_client({
      name = 'tenor',
      cmd = cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      -- Answered to the server's `workspace/configuration` request for section `tenor`.
      settings = { tenor = settings },
      on_exit = function()
        vim.schedule(function()
          clients[root] = nil
        end)
      end,
    })
  end
  if clients[root] then
    vim.lsp.buf_attach_client(bufnr, clients[root])
  end
end

local group = vim.api.nvim_create_augroup('tenor', { clear = true })
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = filetypes,
  callback = function(args)
    attach(args.buf)
  end,
})

local function tenor_clients(bufnr)
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'tenor' then
      table.insert(found, client)
    end
  end
  return found
end

if codelens then
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave' }, {
    group = group,
    callback = function(args)
      if #tenor_clients(args.buf) > 0 and args.buf == vim.api.nvim_get_current_buf() then
        vim.lsp.codelens.refresh()
      end
    end,
  })
end

vim.api.nvim_create_user_command('TenorRestart', function()
  for root, id in pairs(clients) do
    vim.lsp.stop_client(id)
    clients[root] = nil
  end
  vim.defer_fn(function()
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(filetypes, vim.bo[bufnr].filetype) then
        attach(bufnr)
      end
    end
  end, 500)
end, { desc = 'Restart the Tenor language server' })

-- Renders the `<!-- illustrate: … -->` directive on the cursor line (workspace/executeCommand
-- `tenor.illustrate` with `{ uri, position }`); the server inserts the image link with workspace/applyEdit
-- and reports failures with window/showMessage.
vim.api.nvim_create_user_command('TenorIllustrate', function()
  local bufnr = vim.api.nvim_get_current_buf()
  for _, client in ipairs(tenor_clients(bufnr)) do
    local caps = client.server_capabilities or client.resolved_capabilities or {}
    local commands = (caps.executeCommandProvider or {}).commands or {}
    if not vim.tbl_contains(commands, 'tenor.illustrate') then
      vim.notify('tenor: this server does not offer tenor.illustrate (an older tenor?)', vim.log.levels.WARN)
      return
    end
    local cursor = vim.api.nvim_win_get_cursor(0)
    client.request('workspace/executeCommand', {
      command = 'tenor.illustrate',
      arguments = { { uri = vim.uri_from_bufnr(bufnr), position = { line = cursor[1] - 1, character = 0 } } },
    }, function(err)
      if err then
        vim.notify('tenor.illustrate: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      end
    end, bufnr)
    return
  end
  vim.notify('tenor: no Tenor server attached to this buffer', vim.log.levels.WARN)
end, { desc = 'Render the illustration directive on this line' })
