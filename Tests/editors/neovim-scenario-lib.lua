-- What the Neovim scenarios share (loaded with dofile by neovim-scenario.lua and neovim-endpoint-scenario.lua):
-- timestamped output under the scenario's name, failing with a message, waiting with a limit, and running the
-- scenario so that a failure exits non-zero with its message.
local M = {}

function M.new(name)
  local started = vim.loop.hrtime()
  local timeout_ms = tonumber(os.getenv('TENOR_E2E_TIMEOUT_MS') or '20000')
  local s = {}

  function s.say(message)
    io.stdout:write(string.format('%s: [%5.2fs] %s\n', name, (vim.loop.hrtime() - started) / 1e9, message))
  end

  function s.fail(message)
    error({ scenario = message })
  end

  function s.expect(condition, message)
    if not condition then
      s.fail(message)
    end
  end

  function s.wait_for(what, predicate, limit_ms)
    limit_ms = limit_ms or timeout_ms
    if not vim.wait(limit_ms, predicate, 20) then
      s.fail('timed out after ' .. limit_ms .. ' ms waiting for ' .. what)
    end
  end

  -- Runs `scenario`; quits with status 0 after PASS, or 1 with the failure on stderr.
  function s.run(scenario)
    local ok, problem = pcall(scenario)
    if ok then
      s.say('PASS')
      vim.cmd('qall!')
    else
      local message = type(problem) == 'table' and problem.scenario or tostring(problem)
      io.stderr:write(name .. ': FAIL: ' .. message .. '\n')
      vim.cmd('cquit 1')
    end
  end

  return s
end

return M
