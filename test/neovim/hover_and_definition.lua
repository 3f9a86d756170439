-- Headless Neovim (0.7+) drives the glossary language server through its built-in LSP client:
-- it opens a Markdown file, asks for hover and definition on "KV cache", and writes what it got as JSON.
local server = os.getenv('GLOSSARY_SERVER')
local out_path = os.getenv('GLOSSARY_OUT')
local document = os.getenv('GLOSSARY_DOC')

local function finish(result)
  local file = io.open(out_path, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

-- The configuration users copy from editors/neovim/llm-glossary.lua, with the server started from this checkout.
package.path = os.getenv('GLOSSARY_EDITORS') .. '/neovim/?.lua;' .. package.path
require('llm-glossary').setup({ cmd = { 'node', server, '--stdio' } })
vim.cmd('edit ' .. vim.fn.fnameescape(document))
vim.bo.filetype = 'markdown'
-- The client attaches once the server has answered initialize: poll for it.
local client_id
vim.wait(15000, function()
  client_id = next(vim.lsp.buf_get_clients(0))
  return client_id ~= nil
end, 20)
if not client_id then
  finish({ error = 'the FileType autocommand attached no client' })
  return
end

-- Poll until the server has initialised and answers a hover (no fixed sleep).
local position = { line = 2, character = 16 } -- inside "KV cache" on the third line
local params = { textDocument = vim.lsp.util.make_text_document_params(), position = position }
local deadline = vim.loop.now() + 15000
local hover
while vim.loop.now() < deadline do
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 1000)
  local first = responses and responses[client_id]
  if first and first.result then
    hover = first.result
    break
  end
  vim.wait(50)
end
if not hover then
  finish({ error = 'no hover before the deadline' })
  return
end
local definition = vim.lsp.buf_request_sync(0, 'textDocument/definition', params, 5000)[client_id].result
finish({ hover = hover.contents.value, definition = definition })
