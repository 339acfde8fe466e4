-- Drives the domxml language server from Neovim's built-in LSP client (0.7+),
-- headless. Reads DOMXML_SERVER (path of dist/server.js), DOMXML_FILE (the
-- domain XML to open) and DOMXML_OUT (where to write the JSON results).
local server = os.getenv('DOMXML_SERVER')
local file = os.getenv('DOMXML_FILE')
local out = os.getenv('DOMXML_OUT')
local result = { diagnostics = {}, errors = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'domxml',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    init_options = { settings = { profile = 'debian-12' } },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  -- wait for the server's diagnostics
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, severity = d.severity, code = d.code })
  end
  -- hover on the machine attribute
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, l in ipairs(lines) do
    local c = l:find("machine=")
    if c then
      local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = i - 1, character = c } }
      local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
      for _, r in pairs(res or {}) do
        if r.result and r.result.contents then result.hover = r.result.contents.value end
      end
      -- the quick fixes on that line; apply the one that pins the machine type
      local ca = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
        textDocument = { uri = vim.uri_from_bufnr(bufnr) },
        range = { start = { line = i - 1, character = 0 }, ['end'] = { line = i - 1, character = #l } },
        context = { diagnostics = {}, only = { 'quickfix' } },
      }, 10000)
      result.actions = {}
      for _, r in pairs(ca or {}) do
        for _, a in ipairs(r.result or {}) do
          table.insert(result.actions, a.title)
          if a.title:match('[Mm]achine') and a.edit then
            vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
          end
        end
      end
      result.line_after = vim.api.nvim_buf_get_lines(bufnr, i - 1, i, false)[1]
      break
    end
  end
  -- code lenses (Neovim 0.7 shows them with vim.lsp.codelens); the outline's symbols
  local uri = vim.uri_from_bufnr(bufnr)
  vim.lsp.codelens.refresh()
  vim.wait(10000, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 50)
  result.lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(bufnr)) do
    table.insert(result.lenses, { line = l.range.start.line, title = l.command and l.command.title or '' })
  end
  result.symbols = {}
  local syms = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, 10000)
  local function walk(list, depth)
    for _, s in ipairs(list or {}) do
      table.insert(result.symbols, string.rep(' ', depth) .. s.name)
      walk(s.children, depth + 1)
    end
  end
  for _, r in pairs(syms or {}) do walk(r.result, 0) end
  -- inlay hints: Neovim 0.7's client has no inlay hint support (vim.lsp.inlay_hint came in 0.10), so
  -- the request is sent by hand to show what the server answers; nothing displays them in 0.7
  result.inlay_displayed = vim.lsp.inlay_hint ~= nil
  result.inlay = {}
  local n = vim.api.nvim_buf_line_count(bufnr)
  local hints = vim.lsp.buf_request_sync(bufnr, 'textDocument/inlayHint', { textDocument = { uri = uri }, range = { start = { line = 0, character = 0 }, ['end'] = { line = n, character = 0 } } }, 10000)
  for _, r in pairs(hints or {}) do
    for _, h in ipairs(r.result or {}) do table.insert(result.inlay, { line = h.position.line, label = h.label }) end
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
