-- ferret for Neovim (0.7 and later): the built-in LSP client runs `ferret lsp` for Rust
-- buffers, one server per Cargo workspace.
--
--   require("ferret").setup()                      -- or setup({ cmd = { "/path/ferret", "lsp" } })
--
-- In Rust buffers: omnifunc completion (<C-x><C-o>), gd to the definition, K for hover,
-- <C-k> in insert mode for signature help.
local M = {}

M.config = { cmd = { "ferret", "lsp" } }

local clients = {} -- workspace root -> client id

-- The folder of the nearest Cargo.toml above the file, else the file's folder.
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local manifest = vim.fn.findfile("Cargo.toml", dir .. ";")
  if manifest ~= "" then
    return vim.fn.fnamemodify(manifest, ":p:h")
  end
  return dir
end

function M.on_attach(_, bufnr)
  vim.api.nvim_buf_set_option(bufnr, "omnifunc", "v:lua.vim.lsp.omnifunc")
  local opts = { buffer = bufnr, silent = true }
  vim.keymap.set("n", "gd", vim.lsp.buf.definition, opts)
  vim.keymap.set("n", "K", vim.lsp.buf.hover, opts)
  vim.keymap.set("i", "<C-k>", vim.lsp.buf.signature_help, opts)
end

-- Attaches ferret to a buffer (the current one by default), starting its server if needed.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then
    return
  end
  local root = root_of(path)
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = "ferret",
      cmd = M.config.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      on_attach = M.config.on_attach or M.on_attach,
    })
    if id == nil then
      vim.notify("ferret: cannot start " .. table.concat(M.config.cmd, " "), vim.log.levels.ERROR)
      return
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(opts)
  M.config = vim.tbl_extend("force", M.config, opts or {})
  local group = vim.api.nvim_create_augroup("ferret", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "rust",
    callback = function(args)
      M.attach(args.buf)
    end,
  })
end

return M
