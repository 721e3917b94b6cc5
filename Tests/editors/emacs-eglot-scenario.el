;;; emacs-eglot-scenario.el --- Emacs + Eglot end-to-end scenario  -*- lexical-binding: t; -*-

;; Run by Tests/editors/emacs.sh after the configuration its README tells users to load:
;;   emacs --batch -l EditorConfigs/emacs/tenor-eglot.el -l Tests/editors/emacs-eglot-scenario.el
;; Opens $TENOR_E2E_DIR/notes.md, waits for Tenor's diagnostic in Flymake, applies the quick fix with
;; `eglot-code-actions', and exits non-zero with a message on the first failure.

(require 'cl-lib)
(require 'seq)

(defvar tenor-e2e-started (float-time))
(defvar tenor-e2e-timeout (/ (string-to-number (or (getenv "TENOR_E2E_TIMEOUT_MS") "20000")) 1000.0))

(defun tenor-e2e-say (format-string &rest args)
  (princ (format "emacs: [%5.2fs] %s\n" (- (float-time) tenor-e2e-started) (apply #'format format-string args))))

(defun tenor-e2e-fail (format-string &rest args)
  (signal 'tenor-e2e-failure (list (apply #'format format-string args))))

(define-error 'tenor-e2e-failure "Scenario failed")

(defun tenor-e2e-expect (condition format-string &rest args)
  (unless condition (apply #'tenor-e2e-fail format-string args)))

(defun tenor-e2e-wait (what predicate)
  "Process input until PREDICATE holds, failing after `tenor-e2e-timeout' seconds."
  (let ((deadline (+ (float-time) tenor-e2e-timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (tenor-e2e-fail "timed out after %.0f s waiting for %s" tenor-e2e-timeout what))
      (accept-process-output nil 0.02)
      ;; No command loop runs in batch mode: run what it would after a command and when idle
      ;; (Eglot sends didChange from an idle timer).
      (run-hooks 'post-command-hook)
      (mapc #'timer-event-handler (copy-sequence timer-idle-list)))))

(defun tenor-e2e-line (number)
  (save-excursion
    (goto-char (point-min))
    (forward-line (1- number))
    (buffer-substring-no-properties (line-beginning-position) (line-end-position))))

(defun tenor-e2e-tenor-diagnostics ()
  (seq-filter (lambda (d) (eq (flymake-diagnostic-backend d) 'eglot-flymake-backend))
              (flymake-diagnostics)))

(defun tenor-e2e-scenario ()
  (tenor-e2e-say "Emacs %s, Eglot from %s" emacs-version (locate-library "eglot"))
  (find-file (expand-file-name "notes.md" (getenv "TENOR_E2E_DIR")))
  (tenor-e2e-expect (eq major-mode 'markdown-mode) "notes.md opened in %s, expected markdown-mode" major-mode)
  ;; `eglot-ensure' (from the config's mode hook) connects after the command that opened the file.
  (run-hooks 'post-command-hook)
  (tenor-e2e-wait "Eglot to manage the buffer" (lambda () (eglot-managed-p)))
  (let ((server (eglot-current-server)))
    (tenor-e2e-expect (equal (eglot--language-id server) "markdown")
                      "language id %S, expected \"markdown\"" (eglot--language-id server))
    (tenor-e2e-expect (equal (file-name-as-directory (expand-file-name (project-root (eglot--project server))))
                             (file-name-as-directory (getenv "TENOR_E2E_DIR")))
                      "project root %s" (project-root (eglot--project server)))
    (tenor-e2e-say "managed by %s" (plist-get (eglot--server-info server) :name)))

  (tenor-e2e-wait "Flymake diagnostics"
                  (lambda () (flymake-start) (tenor-e2e-tenor-diagnostics)))
  (sleep-for 0.3)
  (let* ((diagnostics (tenor-e2e-tenor-diagnostics))
         (diagnostic (car diagnostics)))
    (tenor-e2e-say "%d diagnostic(s): %s" (length diagnostics)
                   (mapconcat (lambda (d) (format "%d: %s" (line-number-at-pos (flymake-diagnostic-beg d))
                                                  (flymake-diagnostic-text d)))
                              diagnostics "; "))
    (tenor-e2e-expect (= (length diagnostics) 1)
                      "expected 1 diagnostic (the sentence, not the code block), got %d" (length diagnostics))
    (tenor-e2e-expect (= (line-number-at-pos (flymake-diagnostic-beg diagnostic)) 3)
                      "the diagnostic is on line %d, expected 3" (line-number-at-pos (flymake-diagnostic-beg diagnostic)))
    ;; The span is "the the"; the em dashes before it check the UTF-16 column conversion.
    (let ((covered (buffer-substring-no-properties (flymake-diagnostic-beg diagnostic)
                                                   (flymake-diagnostic-end diagnostic))))
      (tenor-e2e-expect (equal covered "the the") "the diagnostic covers %S, expected \"the the\"" covered))

    ;; The quick fix, as M-x eglot-code-actions with kind "quickfix" runs it (a single action applies at once).
    (let ((tick (buffer-modified-tick)))
      (eglot-code-actions (flymake-diagnostic-beg diagnostic) (flymake-diagnostic-end diagnostic) "quickfix" t)
      (tenor-e2e-wait "the quick fix to edit the buffer" (lambda () (/= tick (buffer-modified-tick))))))
  (let ((fixed "The build — fast as ever — failed because the cache was cold."))
    (tenor-e2e-expect (equal (tenor-e2e-line 3) fixed) "line 3 after the fix is %S, expected %S" (tenor-e2e-line 3) fixed)
    (tenor-e2e-expect (equal (tenor-e2e-line 6) "Copy the the file.") "the code block changed: %S" (tenor-e2e-line 6))
    (tenor-e2e-say "applied the quick fix: %s" (tenor-e2e-line 3))
    (tenor-e2e-wait "the diagnostic to clear after the fix"
                    (lambda () (flymake-start) (null (tenor-e2e-tenor-diagnostics))))
    (tenor-e2e-say "diagnostic cleared after the edit")

    ;; Rewrite: only once the server offers it.
    (let* ((beg (save-excursion (goto-char (point-min)) (forward-line 2) (point)))
           (end (save-excursion (goto-char beg) (line-end-position)))
           (actions (eglot-code-actions beg end nil nil)))
      (if (not (seq-find (lambda (a) (equal (plist-get a :title) "Rewrite: formal")) actions))
          (tenor-e2e-say "SKIP rewrite: the server offers no \"Rewrite: formal\" code action yet")
        (let ((tick (buffer-modified-tick)))
          (cl-letf (((symbol-function 'completing-read) (lambda (&rest _) "Rewrite: formal")))
            (eglot-code-actions beg end "refactor.rewrite" t))
          (tenor-e2e-wait "\"Rewrite: formal\" to edit the buffer" (lambda () (/= tick (buffer-modified-tick))))
          (tenor-e2e-expect (not (equal (tenor-e2e-line 3) fixed)) "Rewrite: formal left the sentence unchanged")
          (tenor-e2e-say "rewrite applied: %s" (tenor-e2e-line 3))))))

  ;; Illustrate: only once the server advertises the command.
  (let ((commands (plist-get (eglot--server-capable :executeCommandProvider) :commands)))
    (if (not (seq-contains-p commands "tenor.illustrate"))
        (tenor-e2e-say "SKIP illustrate: the server does not list tenor.illustrate yet (it lists: %s)"
                       (mapconcat #'identity commands ", "))
      (goto-char (point-min))
      (tenor-e2e-expect (search-forward "<!-- illustrate:" nil t) "notes.md has no illustrate directive")
      (tenor-illustrate)
      (tenor-e2e-say "illustrate answered"))))

(defun tenor-e2e-plain-text ()
  "Plain text: text-mode, language id plaintext, no code blocks, so both slips count."
  (find-file (expand-file-name "notes.txt" (getenv "TENOR_E2E_DIR")))
  (tenor-e2e-expect (eq major-mode 'text-mode) "notes.txt opened in %s, expected text-mode" major-mode)
  (run-hooks 'post-command-hook)
  (tenor-e2e-wait "Eglot to manage notes.txt" (lambda () (eglot-managed-p)))
  (tenor-e2e-expect (equal (eglot--language-id (eglot-current-server)) "plaintext")
                    "language id %S, expected \"plaintext\"" (eglot--language-id (eglot-current-server)))
  (tenor-e2e-wait "2 diagnostics in notes.txt"
                  (lambda () (flymake-start) (= (length (tenor-e2e-tenor-diagnostics)) 2)))
  (let ((lines (sort (mapcar (lambda (d) (line-number-at-pos (flymake-diagnostic-beg d)))
                             (tenor-e2e-tenor-diagnostics))
                     #'<)))
    (tenor-e2e-expect (equal lines '(1 4)) "notes.txt diagnostics on lines %S, expected (1 4)" lines))
  (tenor-e2e-say "plain text: diagnostics on lines 1 and 4 (language id plaintext)"))

(condition-case failure
    (progn
      (tenor-e2e-scenario)
      (tenor-e2e-plain-text)
      (tenor-e2e-say "PASS")
      (kill-emacs 0))
  (tenor-e2e-failure
   (message "emacs: FAIL: %s" (cadr failure))
   (kill-emacs 1))
  (error
   (message "emacs: FAIL: %s" (error-message-string failure))
   (kill-emacs 1)))
