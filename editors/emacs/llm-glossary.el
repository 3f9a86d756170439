;;; llm-glossary.el --- LLM Deployment Glossary through eglot  -*- lexical-binding: t -*-
;; Load it (M-x load-file, or from init.el), then M-x eglot in a Markdown, YAML or code buffer.
;; Team glossary folders go into initializationOptions via eglot-workspace-configuration's sibling below.
(require 'eglot)
(defvar llm-glossary-server-command '("llm-glossary-ls" "--stdio")
  "How to start the glossary language server.")
(add-to-list 'eglot-server-programs
             `((markdown-mode gfm-mode yaml-mode python-mode python-ts-mode go-mode rust-mode sh-mode dockerfile-mode)
               . ,(append llm-glossary-server-command
                          '(:initializationOptions (:glossaryPaths [])))))
(provide 'llm-glossary)
;;; llm-glossary.el ends here
