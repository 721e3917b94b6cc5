-- Neovim end-to-end scenario (Neovim 0.7+), run by Tests/editors/neovim.sh after the fallback config:
--   nvim --headless -i NONE -u EditorConfigs/neovim/fallback.lua -c 'luafile Tests/editors/neovim-scenario.lua'
-- Opens $TENOR_E2E_DIR/notes.md, waits for Tenor's diagnostics, applies the repeated-word quick fix,
-- "Rewrite: formal" and "Render illustration" through the client's own code-action path, and exits
-- non-zero with a message on the first failure.

local dir = assert(os.getenv('TENOR_E2E_DIR'), 'TENOR_E2E_DIR is not set')
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
local lib = dofile(here .. 'neovim-scenario-lib.lua').new('neovim')
local say, expect, wait_for = lib.say, lib.expect, lib.wait_for
-- A rewrite runs the 1.5B model on the CPU (first use loads it): it gets longer than a diagnostic.
local rewrite_timeout_ms = tonumber(os.getenv('TENOR_E2E_REWRITE_TIMEOUT_MS') or '90000')

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
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
  say(#diagnostics .. ' diagnostic(s): ' .. table.concat(vim.tbl_map(function(d)
    return string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, tostring(diagnostic_code(d)), d.message)
  end, diagnostics), '; '))
  -- Exactly two: the slip in the first sentence and the insult in the paragraph; none for the same
  -- slip and insult inside the code block, none under `tenor-disable-next-line`.
  expect(#diagnostics == 2, 'expected 2 diagnostics (the two sentences, not the code block), got ' .. #diagnostics)
  local d = diagnostics[1]
  expect(d.lnum == 2, 'the first diagnostic is on line ' .. (d.lnum + 1) .. ', expected line 3 (the sentence)')
  expect(diagnostic_code(d) == 'style.repeated-word', 'diagnostic code ' .. tostring(diagnostic_code(d)))
  expect(d.source == 'tenor', 'diagnostic source ' .. tostring(d.source))
  -- The diagnostic covers "the the". Neovim columns are bytes; the em dashes before it are 3 bytes in
  -- UTF-8 but 1 UTF-16 unit, so this also checks that client and server agree on the position encoding.
  local pair = line(bufnr, 2):find('the the', 1, true) - 1
  expect(d.col == pair and d.end_col == pair + #'the the',
    string.format('diagnostic spans bytes %d-%d, expected %d-%d ("the the")', d.col, d.end_col, pair, pair + 7))
  local insult = diagnostics[2]
  expect(insult.lnum == 11 and diagnostic_code(insult) == 'tone.insult',
    string.format('second diagnostic: line %d %s, expected line 12 tone.insult', insult.lnum + 1, tostring(diagnostic_code(insult))))
  -- The tone diagnostic covers the offending words, not the whole sentence (issue 19).
  local moron = line(bufnr, 11):find('moron', 1, true) - 1
  expect(insult.col <= moron and insult.end_col >= moron + #'moron' and insult.end_col <= #line(bufnr, 11),
    'the tone diagnostic does not cover "moron"')

  -- The menu is answered by title, as a user picks from vim.ui.select.
  local offered = {}
  local function choose(wanted)
    offered = {}
    vim.ui.select = function(items, opts, on_choice)
      local pick
      for index, item in ipairs(items) do
        local title = opts.format_item and opts.format_item(item) or tostring(item)
        table.insert(offered, title)
        if pick == nil and title:find(wanted, 1, true) then
          pick = index
        end
      end
      if pick then
        return on_choice(items[pick], pick)
      end
      on_choice(nil, nil)
    end
  end

  -- The quick fix, through the client's own code-action path.
  choose('Remove the repeated')
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
  wait_for('the repeated-word diagnostic to clear after the fix', function()
    local left = vim.diagnostic.get(bufnr)
    return #left == 1 and diagnostic_code(left[1]) == 'tone.insult'
  end)
  say('repeated-word diagnostic cleared after the edit; the tone one stays')

  -- "Rewrite: formal" on a selected line: the marks a visual selection leaves, then
  -- `:'<,'>lua vim.lsp.buf.range_code_action()` as the README says. Neovim 0.7 declares
  -- codeAction.resolveSupport for `edit`, so it resolves the lazy action with codeAction/resolve.
  local informal = "We're gonna ship it tmrw, it's kinda done."
  expect(line(bufnr, 9) == informal, 'line 10 is "' .. line(bufnr, 9) .. '"')
  vim.fn.setpos("'<", { bufnr, 10, 1, 0 })
  vim.fn.setpos("'>", { bufnr, 10, #informal, 0 })
  vim.api.nvim_win_set_cursor(0, { 10, 0 })
  choose('Rewrite: formal')
  before = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.range_code_action()
  wait_for('"Rewrite: formal" to edit the buffer (offered: ' .. table.concat(offered, ', ') .. ')', function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= before
  end, rewrite_timeout_ms)
  -- The wording is the model's: check that the line was rewritten, its slang and contractions are gone,
  -- and "tomorrow" is there.
  local formal = line(bufnr, 9)
  for _, word in ipairs({ 'gonna', 'tmrw', 'kinda', "We're", "it's" }) do
    expect(not formal:find(word, 1, true), 'after Rewrite: formal line 10 still has "' .. word .. '": "' .. formal .. '"')
  end
  expect(formal:find('tomorrow', 1, true), 'after Rewrite: formal line 10 lost "tomorrow": "' .. formal .. '"')
  say('rewrite applied (offered: ' .. table.concat(offered, ', ') .. '): ' .. line(bufnr, 9))

  -- Illustrate: a lens on the directive, and the "Render illustration" code action with the cursor on it.
  local directive_line
  for number, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    if text:find('<!-- illustrate:', 1, true) then
      directive_line = number
    end
  end
  expect(directive_line ~= nil, 'notes.md has no illustrate directive')
  vim.lsp.codelens.refresh()
  wait_for('a code lens on the directive', function()
    for _, lens in ipairs(vim.lsp.codelens.get(bufnr) or {}) do
      if lens.range.start.line == directive_line - 1 and lens.command and lens.command.title == 'Render illustration' then
        return true
      end
    end
    return false
  end)
  say('code lens "Render illustration" on line ' .. directive_line)
  vim.api.nvim_win_set_cursor(0, { directive_line, 5 })
  choose('Render illustration')
  vim.lsp.buf.code_action()
  wait_for('the illustration link below the directive (offered: ' .. table.concat(offered, ', ') .. ')', function()
    return (line(bufnr, directive_line) or ''):find('^!%[') ~= nil
  end)
  local link = line(bufnr, directive_line)
  local target = link:match('^!%[.-%]%((.-)%)$')
  expect(target ~= nil and target:find('^assets/illustrations/[%w%-]+%.png$') ~= nil, 'unexpected link line: ' .. link)
  expect(link:find('![a red lighthouse at dusk, watercolor](', 1, true) == 1, 'the link does not carry the description: ' .. link)
  local png = io.open(dir .. '/' .. target, 'rb')
  expect(png ~= nil, 'no PNG at ' .. target)
  local signature = png:read(8)
  png:close()
  expect(signature == '\137PNG\r\n\26\n', target .. ' is not a PNG')
  expect(line(bufnr, directive_line + 1) == '', 'the line after the link is "' .. line(bufnr, directive_line + 1) .. '"')
  say('illustration rendered: ' .. target)

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

lib.run(scenario)
