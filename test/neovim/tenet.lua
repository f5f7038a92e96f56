-- Drives the built Tenet language server from Neovim's own LSP client, headless, and dumps what
-- Neovim ends up holding in vim.diagnostic as JSON. Nothing here is Tenet-specific client code:
-- it is the configuration any Neovim user would write.
--
--   TENET_WORKSPACE=/path/to/workspace TENET_OUT=/tmp/out.json \
--     nvim --headless --noplugin -u NONE -i NONE -n -c "luafile test/neovim/tenet.lua"
--
-- Environment:
--   TENET_WORKSPACE  (required) workspace folder, used as root_dir
--   TENET_OUT        (required) where to write the JSON result
--   TENET_FILES      files to open, relative to the workspace, comma-separated
--                    (default: github/branch-protection.json,policies/change-management.md)
--   TENET_SERVER     server entry point (default: <repo>/dist/server.js, repo = two levels up from here)
--   TENET_NODE       node executable (default: node)
--   TENET_TIMEOUT_MS how long to wait for diagnostics (default: 20000)
--
-- Exit codes: 0 = diagnostics arrived for every file; 1 = timeout or error (the JSON then carries
-- `error` and whatever diagnostics had arrived). Works with Neovim 0.7.2 (Debian 12) and later:
-- 0.7 has no vim.lsp.start, so it is feature-detected.

local function script_dir()
  local source = debug.getinfo(1, 'S').source
  if source:sub(1, 1) == '@' then source = source:sub(2) end
  return vim.fn.fnamemodify(source, ':p:h')
end

local function split(list)
  local out = {}
  for item in string.gmatch(list, '[^,]+') do
    item = vim.trim(item)
    if item ~= '' then table.insert(out, item) end
  end
  return out
end

local function version_string()
  local v = vim.version()
  return string.format('%d.%d.%d', v.major, v.minor, v.patch)
end

local out_path = os.getenv('TENET_OUT')
local result = { nvim = version_string(), ok = false, files = {} }

local function write_result()
  if not out_path or out_path == '' then return end
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function quit(code)
  -- :cquit N exits with N; :qall! exits with 0. Either runs VimLeavePre, where Neovim's LSP
  -- module shuts down any client still running.
  if code == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. code)
  end
end

-- The plain fields a user (or a test) can rely on; vim.diagnostic adds bufnr/namespace too.
local function export(diagnostic)
  local lsp = (diagnostic.user_data or {}).lsp or {}
  return {
    lnum = diagnostic.lnum,
    col = diagnostic.col,
    end_lnum = diagnostic.end_lnum,
    end_col = diagnostic.end_col,
    severity = diagnostic.severity,
    message = diagnostic.message,
    source = diagnostic.source,
    code = diagnostic.code or lsp.code,
    href = lsp.codeDescription and lsp.codeDescription.href or nil,
    related = lsp.relatedInformation,
  }
end

local function main()
  local workspace = os.getenv('TENET_WORKSPACE')
  assert(workspace and workspace ~= '', 'TENET_WORKSPACE is not set')
  assert(out_path and out_path ~= '', 'TENET_OUT is not set')
  workspace = vim.fn.fnamemodify(workspace, ':p'):gsub('/$', '')
  assert(vim.fn.isdirectory(workspace) == 1, 'TENET_WORKSPACE is not a directory: ' .. workspace)

  local server = os.getenv('TENET_SERVER')
  if not server or server == '' then
    server = vim.fn.fnamemodify(script_dir() .. '/../../dist/server.js', ':p')
  end
  assert(vim.fn.filereadable(server) == 1, 'server not built: ' .. server .. ' (run node build.mjs)')
  local node = os.getenv('TENET_NODE')
  if not node or node == '' then node = 'node' end
  local timeout = tonumber(os.getenv('TENET_TIMEOUT_MS') or '') or 20000
  local files = split(os.getenv('TENET_FILES') or 'github/branch-protection.json,policies/change-management.md')
  result.workspace = workspace
  result.server = server

  -- Filetypes only matter as the languageId sent in didOpen; -u NONE leaves detection off.
  vim.cmd('filetype on')

  local config = {
    name = 'tenet',
    cmd = { node, server, '--stdio' },
    root_dir = workspace,
    -- Neovim 0.7 does not answer workspace/configuration, so the server reads initializationOptions;
    -- newer versions do, and get the same values from `settings`.
    init_options = { debounceMs = 0 },
    settings = { tenet = { debounceMs = 0 } },
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
    end,
  }

  -- Open every file first, so the diagnostics the server publishes for the whole workspace
  -- land in these (loaded) buffers.
  local buffers = {}
  for _, rel in ipairs(files) do
    local path = workspace .. '/' .. rel
    assert(vim.fn.filereadable(path) == 1, 'no such file in the workspace: ' .. rel)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    table.insert(buffers, { rel = rel, bufnr = vim.api.nvim_get_current_buf() })
  end

  local client_id
  if vim.lsp.start then
    -- Neovim 0.8+: start (or reuse) the client and attach it to the current buffer.
    client_id = vim.lsp.start(config, { bufnr = buffers[1].bufnr })
  else
    -- Neovim 0.7: start the client; attaching sends didOpen once it is initialized.
    client_id = vim.lsp.start_client(config)
  end
  assert(client_id, 'could not start the Tenet language server')
  for _, buffer in ipairs(buffers) do
    assert(vim.lsp.buf_attach_client(buffer.bufnr, client_id), 'could not attach ' .. buffer.rel)
  end
  result.client_id = client_id

  local namespace = vim.lsp.diagnostic.get_namespace(client_id)
  local function collect()
    local all = true
    for _, buffer in ipairs(buffers) do
      local list = vim.tbl_map(export, vim.diagnostic.get(buffer.bufnr, { namespace = namespace }))
      table.sort(list, function(a, b)
        if a.lnum ~= b.lnum then return a.lnum < b.lnum end
        return a.col < b.col
      end)
      result.files[buffer.rel] = list
      if #list == 0 then all = false end
    end
    return all
  end

  local arrived = vim.wait(timeout, function()
    return collect() or result.server_exit ~= nil
  end, 50)
  collect()

  local client = vim.lsp.get_client_by_id(client_id)
  if client then
    result.server_name = client.server_info and client.server_info.name or nil
    result.attached = {}
    for _, buffer in ipairs(buffers) do
      -- vim.lsp.buf_is_attached exists since 0.5.
      result.attached[buffer.rel] = vim.lsp.buf_is_attached(buffer.bufnr, client_id)
    end
  end

  if result.server_exit then
    error(string.format('the server exited (code %s, signal %s) before diagnostics arrived', result.server_exit.code, result.server_exit.signal))
  end
  if not arrived then
    local missing = {}
    for _, buffer in ipairs(buffers) do
      if #result.files[buffer.rel] == 0 then table.insert(missing, buffer.rel) end
    end
    error(string.format('timed out after %d ms waiting for Tenet diagnostics on %s', timeout, table.concat(missing, ', ')))
  end

  -- Shut the server down politely (shutdown + exit) and wait for it, bounded.
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return result.server_exit ~= nil end, 50)
  result.ok = true
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  result.ok = false
  result.error = tostring(err)
  io.stderr:write('tenet.lua: ' .. tostring(err) .. '\n')
end
local written, write_err = pcall(write_result)
if not written then
  io.stderr:write('tenet.lua: cannot write ' .. tostring(out_path) .. ': ' .. tostring(write_err) .. '\n')
  ok = false
end
quit(ok and 0 or 1)
