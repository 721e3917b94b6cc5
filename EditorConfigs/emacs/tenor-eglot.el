;;; tenor-eglot.el --- Tenor, a language server for prose, with Eglot  -*- lexical-binding: t; -*-

;; Load from your init file:  (load "/path/to/EditorConfigs/emacs/tenor-eglot.el")
;; Eglot is built in from Emacs 29; on Emacs 28 (Debian 12) install it first: apt-get install elpa-eglot
;; (or M-x package-install RET eglot). Markdown buffers need markdown-mode (apt-get install elpa-markdown-mode).
;;
;; Starts `tenor lsp' in markdown-mode, gfm-mode and plain text-mode buffers; diagnostics appear through
;; Flymake; quick fixes, "Rewrite: <style>" (on the region) and "Render illustration" (on an
;; <!-- illustrate: ... --> line) through M-x eglot-code-actions.  Eglot asks before applying the
;; rewrites and image links the server sends back (`eglot-confirm-server-initiated-edits').  Settings (the keys of .tenor.toml) go in
;; `eglot-workspace-configuration' under :tenor, e.g. in .dir-locals.el:
;;   ((nil . ((eglot-workspace-configuration
;;             . (:tenor (:rules (:style.repeated-word "error") :server (:debounce-ms 150)))))))

;;; Code:

(eval-and-compile
  (unless (require 'eglot nil t)
    ;; Packages from package.el or Debian's elpa-* are on `load-path' only once activated, which an
    ;; init file loaded early, or `emacs --batch', has not done yet.
    (when (fboundp 'package-activate-all) (package-activate-all))
    (require 'eglot)))

(defgroup tenor nil
  "Tenor, a language server for prose."
  :group 'tools
  :prefix "tenor-")

(defcustom tenor-command '("tenor" "lsp")
  "Command line that starts the Tenor language server."
  :type '(repeat string))

(defcustom tenor-eglot-auto-start t
  "Non-nil: start Tenor in Markdown and plain-text buffers visiting files."
  :type 'boolean)

(defun tenor--contact (&optional _interactive)
  "The server command, read when a server starts so customizations apply."
  tenor-command)

;; Markdown first: markdown-mode derives from text-mode and Eglot takes the first entry that matches.
;; The plain-text entry goes last, so modes derived from text-mode that have their own server
;; (TeX, for one) keep it; this entry replaces Eglot's default (marksman) for Markdown buffers.
(add-to-list 'eglot-server-programs '((text-mode :language-id "plaintext") . tenor--contact) t)
(add-to-list 'eglot-server-programs
             '(((markdown-mode :language-id "markdown") (gfm-mode :language-id "markdown")) . tenor--contact))

(defun tenor-eglot-ensure ()
  "Start Eglot with Tenor in Markdown and plain `text-mode' buffers.
Modes derived from `text-mode' other than Markdown's are left alone."
  (when (and tenor-eglot-auto-start buffer-file-name
             (memq major-mode '(markdown-mode gfm-mode text-mode)))
    (eglot-ensure)))

(add-hook 'markdown-mode-hook #'tenor-eglot-ensure)
(add-hook 'gfm-mode-hook #'tenor-eglot-ensure)
(add-hook 'text-mode-hook #'tenor-eglot-ensure)

(defun tenor-restart ()
  "Restart the Tenor server of this buffer."
  (interactive)
  (eglot-reconnect (eglot--current-server-or-lose)))

(defun tenor-illustrate ()
  "Render the <!-- illustrate: ... --> directive on this line.
Runs the server command `tenor.illustrate'."
  (interactive)
  (let* ((server (eglot--current-server-or-lose))
         (commands (plist-get (eglot--server-capable :executeCommandProvider) :commands)))
    (unless (seq-contains-p commands "tenor.illustrate")
      (user-error "This Tenor server does not offer tenor.illustrate (an older tenor?)"))
    (eglot-execute-command server 'tenor.illustrate
                           (vector (list :uri (eglot--path-to-uri buffer-file-name)
                                         :position (list :line (1- (line-number-at-pos)) :character 0))))))

(provide 'tenor-eglot)
;;; tenor-eglot.el ends here
