-- LLM Deployment Glossary for Neovim's built-in LSP client (Neovim 0.7 or later).
-- Put this file on your runtimepath (e.g. ~/.config/nvim/lua/llm-glossary.lua) and call
--   require('llm-glossary').setup({ glossaryPaths = { 'docs/glossary' } })
local M = {}

local filetypes = { 'markdown', 'yaml', 'python', 'typescript', 'javascript', 'go', 'rust', 'java', 'c', 'cpp', 'sh', 'dockerfile' }

function M.setup(options)
  options = options or {}
  local cmd = options.cmd or { 'llm-glossary-ls', '--stdio' }
  local clients = {}
  vim.api.nvim_create_autocmd('FileType', {
    pattern = filetypes,
    callback = function(args)
      local root = vim.fs and vim.fs.dirname(vim.fs.find({ '.git' }, { upward = true, path = vim.api.nvim_buf_get_name(args.buf) })[1] or '')
      root = (root and root ~= '') and root or vim.fn.getcwd()
      -- One server per project root, shared by every buffer below it.
      clients[root] = clients[root] or vim.lsp.start_client({
        name = 'llm-glossary-ls',
        cmd = cmd,
        root_dir = root,
        init_options = { glossaryPaths = options.glossaryPaths or {} },
      })
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end,
  })
end

return M
