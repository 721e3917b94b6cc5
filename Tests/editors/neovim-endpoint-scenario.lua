-- Neovim with Tenor pointed at an OpenAI-compatible engine (issue 20), run by Tests/editors/neovim-endpoint.sh
-- twice: once with [models] endpoint at a live `tenor serve` on loopback, once at a dead port.
-- "Rewrite: formal" must edit the buffer both times, with work-done progress; against the dead port the
-- progress ends with one message that names the endpoint and says the local model was used.

local dir = assert(os.getenv('TENOR_E2E_DIR'), 'TENOR_E2E_DIR is not set')
local expect_fallback = os.getenv('TENOR_E2E_EXPECT_FALLBACK') == '1'
local rewrite_timeout_ms = tonumber(os.getenv('TENOR_E2E_REWRITE_TIMEOUT_MS') or '90000')
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
local lib = dofile(here .. 'neovim-scenario-lib.lua').new(expect_fallback and 'neovim-endpoint (dead port)' or 'neovim-endpoint')
local say, expect, wait_for = lib.say, lib.expect, lib.wait_for

-- Every $/progress value the server sends, in order (the client's own handler still runs).
local progress = {}
local original_progress = vim.lsp.handlers['$/progress']
vim.lsp.handlers['$/progress'] = function(err, result, ctx, config)
  if result and result.value then table.insert(progress, result.value) end
  if original_progress then return original_progress(err, result, ctx, config) end
end

local function scenario()
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/notes.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for('the tenor client to attach and initialize', function()
    for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == 'tenor' and client.initialized then return true end
    end
    return false
  end)
  local informal = "We're gonna ship it tmrw, it's kinda done."
  local row = nil
  for number, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    if text == informal then row = number end
  end
  expect(row ~= nil, 'notes.md has no line "' .. informal .. '"')

  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    for index, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if title:find('Rewrite: formal', 1, true) then return on_choice(item, index) end
    end
    on_choice(nil, nil)
  end
  vim.fn.setpos("'<", { bufnr, row, 1, 0 })
  vim.fn.setpos("'>", { bufnr, row, #informal, 0 })
  vim.api.nvim_win_set_cursor(0, { row, 0 })
  local before = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.range_code_action()
  wait_for('"Rewrite: formal" to edit the buffer (offered: ' .. table.concat(offered, ', ') .. ')', function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= before
  end, rewrite_timeout_ms)
  local formal = vim.api.nvim_buf_get_lines(bufnr, row - 1, row, true)[1]
  expect(formal ~= informal and not formal:find('gonna', 1, true) and formal:find('tomorrow', 1, true),
    'the line was not rewritten formally: "' .. formal .. '"')
  say('rewritten: ' .. formal)

  wait_for('the rewrite\'s progress to end', function()
    for _, value in ipairs(progress) do
      if value.kind == 'end' then return true end
    end
    return false
  end)
  local began, ended = nil, nil
  for _, value in ipairs(progress) do
    if value.kind == 'begin' and (value.title or ''):find('Rewrite', 1, true) then began = value end
    if value.kind == 'end' then ended = value end
  end
  expect(began ~= nil, 'no progress began with a "Rewrite" title')
  local message = ended.message or ''
  say('progress: began "' .. began.title .. '", ended "' .. message .. '"')
  if expect_fallback then
    expect(message:find('127.0.0.1:9', 1, true) and message:find('local model', 1, true),
      'the dead endpoint was not reported with the fallback: "' .. message .. '"')
  else
    expect(not message:find('failed', 1, true), 'the live endpoint reported a failure: "' .. message .. '"')
  end
end

lib.run(scenario)
