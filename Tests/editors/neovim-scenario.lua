-- Neovim end-to-end scenario (Neovim 0.7+), run by Tests/editors/neovim.sh after the fallback config:
--   nvim --headless -i NONE -u EditorConfigs/neovim/fallback.lua -c 'luafile Tests/editors/neovim-scenario.lua'
-- Opens $TENOR_E2E_DIR/notes.md, waits for Tenor's diagnostics, applies the repeated-word quick fix
-- through the client's own code-action path, and exits non-zero with a message on the first failure.

local dir = assert(os.getenv('TENOR_E2E_DIR'), 'TENOR_E2E_DIR is not set')
local timeout_ms = tonumber(os.getenv('TENOR_E2E_TIMEOUT_MS') or '20000')
local started = vim.loop.hrtime()

local function say(message)
  io.stdout:write(string.format('neovim: [%5.2fs] %s\n', (vim.loop.hrtime() - started) / 1e9, message))
end

local function fail(message)
  error({ scenario = message })
end

local function expect(condition, message)
  if not condition then
    fail(message)
  end
end

local function wait_for(what, predicate)
  if not vim.wait(timeout_ms, predicate, 20) then
    fail('timed out after ' .. timeout_ms .. ' ms waiting for ' .. what)
  end
end

local function tenor_client(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'tenor' then
      return client
    end
  end
end

local function diagnostic_code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function line(bufnr, number)
  return vim.api.nvim_buf_get_lines(bufnr, number, number + 1, true)[1]
end

local function scenario()
  say('Neovim ' .. tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch)
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/notes.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  expect(vim.bo[bufnr].filetype == 'markdown', 'notes.md got filetype ' .. vim.bo[bufnr].filetype)

  wait_for('the tenor client to attach and initialize', function()
    local client = tenor_client(bufnr)
    return client ~= nil and client.initialized == true
  end)
  local client = tenor_client(bufnr)
  expect(client.config.root_dir == dir, 'root_dir is ' .. tostring(client.config.root_dir) .. ', expected ' .. dir)
  say('attached; root ' .. client.config.root_dir)

  wait_for('diagnostics', function()
    return #vim.diagnostic.get(bufnr) > 0
  end)
  -- Give a late (wrong) diagnostic for the code block time to arrive before judging.
  vim.wait(300, function() return false end, 20)
  local diagnostics = vim.diagnostic.get(bufnr)
  say(#diagnostics .. ' diagnostic(s): ' .. table.concat(vim.tbl_map(function(d)
    return string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, tostring(diagnostic_code(d)), d.message)
  end, diagnostics), '; '))
  expect(#diagnostics == 1, 'expected 1 diagnostic (the sentence, not the code block), got ' .. #diagnostics)
  local d = diagnostics[1]
  expect(d.lnum == 2, 'the diagnostic is on line ' .. (d.lnum + 1) .. ', expected line 3 (the sentence)')
  expect(diagnostic_code(d) == 'style.repeated-word', 'diagnostic code ' .. tostring(diagnostic_code(d)))
  expect(d.source == 'tenor', 'diagnostic source ' .. tostring(d.source))
  -- The diagnostic covers "the the". Neovim columns are bytes; the em dashes before it are 3 bytes in
  -- UTF-8 but 1 UTF-16 unit, so this also checks that client and server agree on the position encoding.
  local pair = line(bufnr, 2):find('the the', 1, true) - 1
  expect(d.col == pair and d.end_col == pair + #'the the',
    string.format('diagnostic spans bytes %d-%d, expected %d-%d ("the the")', d.col, d.end_col, pair, pair + 7))

  -- The quick fix, through the client's own code-action path; the menu is answered by title.
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    for index, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if title:find('Remove the repeated', 1, true) then
        return on_choice(item, index)
      end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local before = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  wait_for('the quick fix to edit the buffer (offered: ' .. table.concat(offered, ', ') .. ')', function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= before
  end)
  say('applied: ' .. table.concat(offered, ', '))
  local fixed = 'The build — fast as ever — failed because the cache was cold.'
  expect(line(bufnr, 2) == fixed, 'line 3 after the fix is "' .. line(bufnr, 2) .. '", expected "' .. fixed .. '"')
  expect(line(bufnr, 5) == 'Copy the the file.', 'the code block changed: "' .. line(bufnr, 5) .. '"')
  wait_for('the diagnostic to clear after the fix', function()
    return #vim.diagnostic.get(bufnr) == 0
  end)
  say('diagnostic cleared after the edit')

  -- Rewrite: only once the server offers it.
  local sentence = { start = { line = 2, character = 0 }, ['end'] = { line = 2, character = #'The build — fast as ever — failed because the cache was cold.' - 4 } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = sentence,
    context = { diagnostics = {} },
  }, timeout_ms) or {}
  local rewrite
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if action.title == 'Rewrite: formal' then
        rewrite = action
      end
    end
  end
  if rewrite == nil then
    say('SKIP rewrite: the server offers no "Rewrite: formal" code action yet')
  else
    offered = {}
    vim.ui.select = function(items, opts, on_choice)
      for index, item in ipairs(items) do
        if (opts.format_item and opts.format_item(item) or tostring(item)) == 'Rewrite: formal' then
          return on_choice(item, index)
        end
      end
      on_choice(nil, nil)
    end
    before = vim.api.nvim_buf_get_changedtick(bufnr)
    vim.api.nvim_win_set_cursor(0, { 3, 0 })
    vim.cmd('normal! V')
    vim.lsp.buf.range_code_action()
    wait_for('"Rewrite: formal" to edit the buffer', function()
      return vim.api.nvim_buf_get_changedtick(bufnr) ~= before
    end)
    expect(line(bufnr, 2) ~= fixed, 'Rewrite: formal left the sentence unchanged')
    say('rewrite applied: ' .. line(bufnr, 2))
  end

  -- Illustrate: only once the server advertises the command.
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  local commands = (caps.executeCommandProvider or {}).commands or {}
  if not vim.tbl_contains(commands, 'tenor.illustrate') then
    say('SKIP illustrate: the server does not list tenor.illustrate in executeCommandProvider yet (it lists: '
      .. table.concat(commands, ', ') .. ')')
  else
    local directive_line
    for number, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
      if text:find('<!-- illustrate:', 1, true) then
        directive_line = number
      end
    end
    expect(directive_line ~= nil, 'notes.md has no illustrate directive')
    local result = client.request_sync('workspace/executeCommand', {
      command = 'tenor.illustrate',
      arguments = { { uri = vim.uri_from_bufnr(bufnr), position = { line = directive_line - 1, character = 0 } } },
    }, 60000, bufnr)
    expect(result ~= nil, 'tenor.illustrate did not answer')
    expect(result.err == nil, 'tenor.illustrate failed: ' .. vim.inspect(result.err))
    say('illustrate answered: ' .. vim.inspect(result.result))
  end

  -- Plain text: filetype `text`, no Markdown code blocks, so both slips count.
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/notes.txt'))
  local text = vim.api.nvim_get_current_buf()
  expect(vim.bo[text].filetype == 'text', 'notes.txt got filetype ' .. vim.bo[text].filetype)
  wait_for('2 diagnostics in notes.txt', function()
    return #vim.diagnostic.get(text) == 2
  end)
  local lines = vim.tbl_map(function(item) return item.lnum + 1 end, vim.diagnostic.get(text))
  table.sort(lines)
  expect(lines[1] == 1 and lines[2] == 4, 'notes.txt diagnostics on lines ' .. table.concat(lines, ', ') .. ', expected 1, 4')
  expect(tenor_client(text).id == client.id, 'notes.txt got a second server; expected the root\'s one')
  say('plain text: diagnostics on lines 1 and 4, same server')
end

local ok, problem = pcall(scenario)
if ok then
  say('PASS')
  vim.cmd('qall!')
else
  local message = type(problem) == 'table' and problem.scenario or tostring(problem)
  io.stderr:write('neovim: FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end
