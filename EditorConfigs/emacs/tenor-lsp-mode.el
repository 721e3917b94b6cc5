;;; tenor-lsp-mode.el --- Tenor, a language server for prose, with lsp-mode  -*- lexical-binding: t; -*-

;; Load from your init file after lsp-mode:  (load "/path/to/EditorConfigs/emacs/tenor-lsp-mode.el")
;; then M-x lsp in a Markdown or text buffer, or (add-hook 'markdown-mode-hook #'lsp-deferred).
;; Tenor runs as an add-on beside other servers of the buffer (marksman, for one).

;;; Code:

(require 'lsp-mode)

(defgroup lsp-tenor nil
  "Tenor, a language server for prose."
  :group 'lsp-mode
  :link '(url-link "https://github.com/tenor-lsp/tenor"))

(defcustom lsp-tenor-command '("tenor" "lsp")
  "Command line that starts the Tenor language server."
  :type '(repeat string))

(defcustom lsp-tenor-debounce-ms 300
  "Delay before a document is re-checked after an edit (server.debounce-ms)."
  :type 'integer)

(defcustom lsp-tenor-max-message-bytes 67108864
  "Largest JSON-RPC message the server reads (server.max-message-bytes)."
  :type 'integer)

(defcustom lsp-tenor-models-dir nil
  "Where the model files are (models.dir); nil: ~/.local/share/tenor/models."
  :type '(choice (const :tag "Default" nil) directory))

(defcustom lsp-tenor-illustrate-output-dir "assets/illustrations"
  "Where rendered illustrations are written, relative to the project (illustrate.output-dir)."
  :type 'string)

;; Per-rule severities belong in the project's .tenor.toml ([rules]), which the server reads itself.
(lsp-register-custom-settings
 '(("tenor.server.debounce-ms" lsp-tenor-debounce-ms)
   ("tenor.server.max-message-bytes" lsp-tenor-max-message-bytes)
   ("tenor.models.dir" lsp-tenor-models-dir)
   ("tenor.illustrate.output-dir" lsp-tenor-illustrate-output-dir)))

(add-to-list 'lsp-language-id-configuration '(gfm-mode . "markdown"))
(add-to-list 'lsp-language-id-configuration '(text-mode . "plaintext") t)

(lsp-register-client
 (make-lsp-client
  :new-connection (lsp-stdio-connection (lambda () lsp-tenor-command))
  :activation-fn (lsp-activate-on "markdown" "plaintext")
  :server-id 'tenor
  :add-on? t
  :priority -1
  :initialized-fn (lambda (workspace)
                    (with-lsp-workspace workspace
                      (lsp--set-configuration (lsp-configuration-section "tenor"))))))

(defun lsp-tenor-illustrate ()
  "Render the <!-- illustrate: ... --> directive on this line (command `tenor.illustrate')."
  (interactive)
  (lsp-send-execute-command "tenor.illustrate"
                            (vector (list :uri (lsp--buffer-uri)
                                          :position (list :line (1- (line-number-at-pos)) :character 0)))))

(provide 'tenor-lsp-mode)
;;; tenor-lsp-mode.el ends here
