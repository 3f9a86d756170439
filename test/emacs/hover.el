;;; hover.el --- Emacs + eglot talk to the glossary language server; prints the hover for "KV cache".  -*- lexical-binding: t -*-
;; Run: GLOSSARY_SERVER=dist/server.js emacs --batch -l test/emacs/hover.el test/neovim/fixture.md
(package-initialize)
(require 'eglot)
;; The configuration users load from editors/emacs/llm-glossary.el, with the server started from this checkout.
(defvar llm-glossary-server-command (list "node" (getenv "GLOSSARY_SERVER") "--stdio"))
(load (expand-file-name "../../editors/emacs/llm-glossary.el" (file-name-directory load-file-name)))
(define-derived-mode markdown-mode text-mode "Markdown")
(find-file (car command-line-args-left))
(markdown-mode)
;; `eglot-ensure' waits for a command loop that batch mode lacks; connect the way M-x eglot does.
(apply #'eglot (eglot--guess-contact))
(let ((deadline (+ (float-time) 20)))
  (while (and (not (eglot-current-server)) (< (float-time) deadline))
    (accept-process-output nil 0.05)))
(goto-char (point-min))
(search-forward "KV cache")
(backward-char 3)
(let* ((server (eglot-current-server))
       (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
       (definition (jsonrpc-request server :textDocument/definition (eglot--TextDocumentPositionParams))))
  (princ (format "HOVER %s\n" (plist-get (plist-get hover :contents) :value)))
  (princ (format "DEFINITION %s\n" (plist-get (if (vectorp definition) (aref definition 0) definition) :uri))))
(kill-emacs 0)
