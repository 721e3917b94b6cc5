;;; emacs-eglot-scenario.el --- Emacs + Eglot end-to-end scenario  -*- lexical-binding: t; -*-

;; Run by Tests/editors/emacs.sh after the configuration its README tells users to load:
;;   emacs --batch -l EditorConfigs/emacs/tenor-eglot.el -l Tests/editors/emacs-eglot-scenario.el
;; Opens $TENOR_E2E_DIR/notes.md, waits for Tenor's diagnostics in Flymake, applies the quick fix,
;; "Rewrite: formal" and "Render illustration" with `eglot-code-actions', renders again with
;; M-x tenor-illustrate, and exits non-zero with a message on the first failure.

(require 'cl-lib)
(require 'seq)
(require 'subr-x)

(defvar tenor-e2e-started (float-time))
(defvar tenor-e2e-timeout (/ (string-to-number (or (getenv "TENOR_E2E_TIMEOUT_MS") "20000")) 1000.0))

(defun tenor-e2e-say (format-string &rest args)
  (princ (format "emacs: [%5.2fs] %s\n" (- (float-time) tenor-e2e-started) (apply #'format format-string args))))

(defun tenor-e2e-fail (format-string &rest args)
  (signal 'tenor-e2e-failure (list (apply #'format format-string args))))

(define-error 'tenor-e2e-failure "Scenario failed")

(defun tenor-e2e-expect (condition format-string &rest args)
  (unless condition (apply #'tenor-e2e-fail format-string args)))

(defvar tenor-e2e-rewrite-timeout
  (/ (string-to-number (or (getenv "TENOR_E2E_REWRITE_TIMEOUT_MS") "90000")) 1000.0)
  "A rewrite runs the 1.5B model on the CPU (first use loads it): it gets longer than a diagnostic.")

(defun tenor-e2e-wait (what predicate &optional limit)
  "Process input until PREDICATE holds, failing after LIMIT (default `tenor-e2e-timeout') seconds."
  (let* ((limit (or limit tenor-e2e-timeout))
         (deadline (+ (float-time) limit)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (tenor-e2e-fail "timed out after %.0f s waiting for %s" limit what))
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

(defvar tenor-e2e-offered nil "Titles of the code actions last offered.")
(defvar tenor-e2e-confirmed nil "Prompts the scenario answered with y.")

(defun tenor-e2e-pick (title thunk)
  "Run THUNK, answering Eglot's code-action menu with TITLE and its edit prompt with y.
Binds `last-nonmenu-event' to a key, as when the command is run from the keyboard; batch mode
otherwise leaves it nil, and Eglot 1.9 then shows a mouse menu (`x-popup-menu'), which cannot
be answered in batch."
  (setq tenor-e2e-offered nil tenor-e2e-confirmed nil)
  (let ((last-nonmenu-event ?\r))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &rest _)
                 (setq tenor-e2e-offered (mapcar (lambda (item) (if (consp item) (car item) item)) collection))
                 (tenor-e2e-expect (member title tenor-e2e-offered) "%S not offered (offered: %s)"
                                   title (string-join tenor-e2e-offered ", "))
                 title))
              ((symbol-function 'y-or-n-p)
               (lambda (prompt &rest _)
                 (push (replace-regexp-in-string "\n *" " " prompt) tenor-e2e-confirmed)
                 t)))
      (funcall thunk))))

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
  (let* ((diagnostics (sort (tenor-e2e-tenor-diagnostics)
                            (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
         (diagnostic (car diagnostics))
         (insult (cadr diagnostics)))
    (tenor-e2e-say "%d diagnostic(s): %s" (length diagnostics)
                   (mapconcat (lambda (d) (format "%d: %s" (line-number-at-pos (flymake-diagnostic-beg d))
                                                  (flymake-diagnostic-text d)))
                              diagnostics "; "))
    ;; The slip in the first sentence and the insult in the paragraph; nothing for the same slip and
    ;; insult in the code block, nothing under tenor-disable-next-line.
    (tenor-e2e-expect (= (length diagnostics) 2)
                      "expected 2 diagnostics (the two sentences, not the code block), got %d" (length diagnostics))
    (tenor-e2e-expect (= (line-number-at-pos (flymake-diagnostic-beg diagnostic)) 3)
                      "the diagnostic is on line %d, expected 3" (line-number-at-pos (flymake-diagnostic-beg diagnostic)))
    ;; The span is "the the"; the em dashes before it check the UTF-16 column conversion.
    (let ((covered (buffer-substring-no-properties (flymake-diagnostic-beg diagnostic)
                                                   (flymake-diagnostic-end diagnostic))))
      (tenor-e2e-expect (equal covered "the the") "the diagnostic covers %S, expected \"the the\"" covered))
    (tenor-e2e-expect (and (= (line-number-at-pos (flymake-diagnostic-beg insult)) 12)
                           (string-match-p "tone.insult" (flymake-diagnostic-text insult)))
                      "second diagnostic: line %d %s, expected line 12 tone.insult"
                      (line-number-at-pos (flymake-diagnostic-beg insult)) (flymake-diagnostic-text insult))

    ;; The quick fix, as M-x eglot-code-actions with kind "quickfix" runs it (a single action applies at once).
    (let ((tick (buffer-modified-tick)))
      (eglot-code-actions (flymake-diagnostic-beg diagnostic) (flymake-diagnostic-end diagnostic) "quickfix" t)
      (tenor-e2e-wait "the quick fix to edit the buffer" (lambda () (/= tick (buffer-modified-tick))))))
  (let ((fixed "The build — fast as ever — failed because the cache was cold."))
    (tenor-e2e-expect (equal (tenor-e2e-line 3) fixed) "line 3 after the fix is %S, expected %S" (tenor-e2e-line 3) fixed)
    (tenor-e2e-expect (equal (tenor-e2e-line 6) "Copy the the file.") "the code block changed: %S" (tenor-e2e-line 6))
    (tenor-e2e-say "applied the quick fix: %s" (tenor-e2e-line 3))
    (tenor-e2e-wait "the repeated-word diagnostic to clear after the fix"
                    (lambda () (flymake-start) (= (length (tenor-e2e-tenor-diagnostics)) 1)))
    (tenor-e2e-say "repeated-word diagnostic cleared after the edit; the tone one stays"))

  ;; "Rewrite: formal" on line 10, as C-u M-x eglot-code-actions RET refactor.rewrite RET with the line
  ;; selected, then picking the style.  Eglot 1.9 cannot resolve code actions, so the server gives each
  ;; action the command tenor.resolveAndApply; its edit comes back as workspace/applyEdit, which Eglot
  ;; confirms with the user first (eglot-confirm-server-initiated-edits).
  (let* ((informal "We're gonna ship it tmrw, it's kinda done.")
         (beg (save-excursion (goto-char (point-min)) (forward-line 9) (point)))
         (end (save-excursion (goto-char beg) (line-end-position)))
         (tick (buffer-modified-tick)))
    (tenor-e2e-expect (equal (tenor-e2e-line 10) informal) "line 10 is %S" (tenor-e2e-line 10))
    ;; Eglot runs tenor.resolveAndApply as a synchronous request: the model's rewrite takes longer than
    ;; jsonrpc's default 10 s.
    (let ((jsonrpc-default-request-timeout (ceiling tenor-e2e-rewrite-timeout)))
      (tenor-e2e-pick "Rewrite: formal" (lambda () (eglot-code-actions beg end "refactor.rewrite" t))))
    (tenor-e2e-wait "\"Rewrite: formal\" to edit the buffer" (lambda () (/= tick (buffer-modified-tick)))
                    tenor-e2e-rewrite-timeout)
    ;; The wording depends on the models installed: the slang and contractions must be gone, "tomorrow" kept.
    (dolist (word '("gonna" "tmrw" "kinda" "We're" "it's"))
      (tenor-e2e-expect (not (string-search word (tenor-e2e-line 10)))
                        "after Rewrite: formal line 10 still has %S: %S" word (tenor-e2e-line 10)))
    (tenor-e2e-expect (string-search "tomorrow" (tenor-e2e-line 10))
                      "after Rewrite: formal line 10 lost \"tomorrow\": %S" (tenor-e2e-line 10))
    (tenor-e2e-say "rewrite applied (offered: %s; confirmed: %s): %s"
                   (string-join tenor-e2e-offered ", ") (string-join tenor-e2e-confirmed " | ") (tenor-e2e-line 10)))

  ;; "Render illustration" with point on the directive (M-x eglot-code-actions), then M-x tenor-illustrate
  ;; once more: the image line is replaced, not added again.
  (goto-char (point-min))
  (tenor-e2e-expect (search-forward "<!-- illustrate:" nil t) "notes.md has no illustrate directive")
  (let ((directive-line (line-number-at-pos))
        (tick (buffer-modified-tick)))
    (tenor-e2e-pick "Render illustration" (lambda () (eglot-code-actions (point) nil nil t)))
    (tenor-e2e-wait "the illustration link below the directive"
                    (lambda () (string-prefix-p "![" (tenor-e2e-line (1+ directive-line)))))
    (let* ((link (tenor-e2e-line (1+ directive-line)))
           (target (and (string-match "\\`!\\[a red lighthouse at dusk, watercolor\\](\\(assets/illustrations/[-a-z0-9]+\\.png\\))\\'" link)
                        (match-string 1 link)))
           (file (and target (expand-file-name target (getenv "TENOR_E2E_DIR")))))
      (tenor-e2e-expect target "unexpected link line: %S" link)
      (tenor-e2e-expect (file-exists-p file) "no PNG at %s" target)
      (tenor-e2e-expect (equal (with-temp-buffer (set-buffer-multibyte nil)
                                                 (insert-file-contents-literally file nil 0 8) (buffer-string))
                               "\211PNG\r\n\032\n")
                        "%s is not a PNG" target)
      (tenor-e2e-say "illustration rendered (offered: %s): %s" (string-join tenor-e2e-offered ", ") target)
      ;; Eglot sends didChange from an idle timer; a user's next command comes after it has fired.
      ;; (Sooner, the server's edit names the older version and Eglot rightly refuses it.)
      (let ((until (+ (float-time) 0.7)))
        (tenor-e2e-wait "Eglot to send the inserted link" (lambda () (> (float-time) until))))
      (let ((answer (cl-letf (((symbol-function 'y-or-n-p) (lambda (&rest _) t)))
                      (tenor-illustrate))))
        (tenor-e2e-expect (eq (plist-get answer :applied) t) "M-x tenor-illustrate answered %S" answer))
      (tenor-e2e-expect (equal (tenor-e2e-line (1+ directive-line)) link)
                        "after M-x tenor-illustrate the line below the directive is %S" (tenor-e2e-line (1+ directive-line)))
      (tenor-e2e-expect (equal (tenor-e2e-line (+ 2 directive-line)) "")
                        "the image line was added twice: %S" (tenor-e2e-line (+ 2 directive-line)))
      (tenor-e2e-say "M-x tenor-illustrate replaced the image line in place"))))

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
