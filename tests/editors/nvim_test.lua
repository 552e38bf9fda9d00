-- ferret in a real Neovim, headless: the LSP client config of editors/nvim completes,
-- hovers and jumps to a definition on a copy of examples/hello.
--   FERRET_TEST_WORKSPACE=… FERRET_TEST_BINARY=… nvim --headless -u NONE \
--     --cmd "set rtp+=editors/nvim" -c "luafile tests/editors/nvim_test.lua"
local ws = os.getenv("FERRET_TEST_WORKSPACE")
local bin = os.getenv("FERRET_TEST_BINARY")
local failures = 0
local function check(ok, what)
  io.stdout:write((ok and "ok   " or "FAIL ") .. what .. "\n")
  if not ok then
    failures = failures + 1
  end
end
local function finish()
  io.stdout:write(failures == 0 and "nvim: all passed\n" or "nvim: FAILED\n")
  vim.cmd(failures == 0 and "qa!" or "cquit 1")
end

local v = vim.version()
io.stdout:write(string.format("nvim %d.%d.%d\n", v.major, v.minor, v.patch))

local ok, err = pcall(function()
  require("ferret").setup({ cmd = { bin, "lsp" } })
  vim.cmd("edit " .. ws .. "/src/main.rs")
  vim.cmd("set filetype=rust")
  local client
  check(vim.wait(60000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(0)) do
      if c.initialized then
        client = c
        return true
      end
    end
    return false
  end, 20), "the ferret client started and initialized")
  check(client ~= nil and client.name == "ferret", "it is ferret")
  check(vim.bo.omnifunc == "v:lua.vim.lsp.omnifunc", "omnifunc is set")

  -- `|s| s.` on line 13 (the column is 0-based bytes here)
  vim.api.nvim_win_set_cursor(0, { 13, 45 })
  local res = vim.lsp.buf_request_sync(0, "textDocument/completion", vim.lsp.util.make_position_params(), 60000)
  local items = {}
  for _, r in pairs(res or {}) do
    if r.result then
      items = r.result.items or r.result
    end
  end
  check(#items > 0 and items[1].label == "area", "completion: area first (" .. (items[1] and items[1].label or "none") .. ")")
  -- what the omnifunc would offer: the items turned into complete-items
  local words = vim.lsp.util.text_document_completion_list_to_complete_items(items, "ar")
  check(#words == 1 and words[1].word == "area", "omnifunc items for `ar`: " .. #words)

  -- hover on `total`
  vim.api.nvim_win_set_cursor(0, { 13, 9 })
  res = vim.lsp.buf_request_sync(0, "textDocument/hover", vim.lsp.util.make_position_params(), 60000)
  local hover = ""
  for _, r in pairs(res or {}) do
    if r.result then
      hover = vim.inspect(r.result.contents)
    end
  end
  check(hover:find("total: f64", 1, true) ~= nil, "hover: the local's type")

  -- gd on `distance_to` in line 15 jumps to geometry.rs:17
  vim.api.nvim_win_set_cursor(0, { 15, 65 })
  vim.lsp.buf.definition()
  check(vim.wait(60000, function()
    return vim.api.nvim_buf_get_name(0):match("geometry%.rs$") ~= nil
  end, 20), "definition: jumped to geometry.rs")
  local pos = vim.api.nvim_win_get_cursor(0)
  check(pos[1] == 17 and pos[2] == 11, string.format("definition: at line %d, column %d", pos[1], pos[2]))
end)
if not ok then
  check(false, "an error: " .. tostring(err))
end
finish()
