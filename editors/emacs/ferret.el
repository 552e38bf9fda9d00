;;; ferret.el --- Rust completion and definitions with ferret: eglot or company -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, rust, completion

;;; Commentary:

;; ferret answers "what can be typed here" and "where is this defined" for Rust.
;; Two ways to use it from Emacs:
;;
;; 1. Through eglot (ferret's LSP server):
;;      (require 'ferret)
;;      (ferret-eglot-setup)            ; rust-mode / rust-ts-mode buffers -> `ferret lsp'
;;      (add-hook 'rust-mode-hook #'eglot-ensure)
;;
;; 2. Without LSP, through ferret's daemon (one `ferret daemon' process per Emacs):
;;      (require 'ferret)
;;      (add-hook 'rust-mode-hook #'ferret-mode)   ; company backend, M-. to the definition
;;
;; Positions sent to the daemon are racer's: line 1-based, column 0-based in bytes.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defgroup ferret nil
  "Rust completion and find-definition with ferret."
  :group 'tools
  :prefix "ferret-")

(defcustom ferret-program "ferret"
  "The ferret binary."
  :type 'string)

(defcustom ferret-timeout 30
  "Seconds to wait for the daemon's answer."
  :type 'number)

;;;; eglot

;;;###autoload
(defun ferret-eglot-setup ()
  "Make eglot run `ferret lsp' for Rust buffers."
  (with-eval-after-load 'eglot
    (defvar eglot-server-programs)
    (add-to-list 'eglot-server-programs
                 `((rust-mode rust-ts-mode) . (,ferret-program "lsp")))))

;;;; the daemon

(defvar ferret--process nil "The running `ferret daemon', or nil.")

(defun ferret--daemon ()
  "The daemon process, started when needed."
  (unless (process-live-p ferret--process)
    (let ((process-connection-type nil))
      (setq ferret--process
            (make-process :name "ferret-daemon"
                          :buffer (generate-new-buffer " *ferret-daemon*")
                          :command (list ferret-program "-i" "tab-text" "daemon")
                          :coding 'utf-8-unix
                          :connection-type 'pipe
                          :noquery t
                          :stderr (get-buffer-create " *ferret-stderr*")))))
  ferret--process)

(defun ferret--request (&rest args)
  "Send ARGS as one daemon command; return its answer's lines (without END)."
  (let* ((proc (ferret--daemon))
         (buf (process-buffer proc))
         (deadline (+ (float-time) ferret-timeout)))
    (with-current-buffer buf (erase-buffer))
    (process-send-string proc (concat (mapconcat #'identity args "\t") "\n"))
    (with-current-buffer buf
      (while (and (not (save-excursion
                         (goto-char (point-min))
                         (re-search-forward "^END\n" nil t)))
                  (< (float-time) deadline)
                  (process-live-p proc))
        (accept-process-output proc 0.05))
      (let ((lines (split-string (buffer-string) "\n" t)))
        (cl-remove-if (lambda (l) (string= l "END")) lines)))))

(defun ferret--position-args ()
  "LINE COL FILE SUBSTITUTE for point; the buffer's text is written to a temp file."
  (let ((tmp (make-temp-file "ferret"))
        (coding-system-for-write 'utf-8-unix))
    (save-restriction
      (widen)
      (write-region nil nil tmp nil 'silent))
    (list (number-to-string (line-number-at-pos))
          (number-to-string (string-bytes (encode-coding-string
                                           (buffer-substring-no-properties (line-beginning-position) (point))
                                           'utf-8)))
          (or (buffer-file-name (buffer-base-buffer)) (expand-file-name (buffer-name)))
          tmp)))

(defun ferret--call-at-point (command)
  "Run COMMAND (complete-with-snippet, find-definition…) at point."
  (let ((args (ferret--position-args)))
    (unwind-protect
        (apply #'ferret--request command args)
      (delete-file (nth 3 args)))))

(defun ferret--unescape (s)
  "Undo the tab-text escapes of S."
  (replace-regexp-in-string "\\\\t" "\t" s t t))

(defun ferret--read-docs (s)
  "The docs field of a snippet line: a Rust `{:?}' string."
  (if (and (>= (length s) 2) (eq (aref s 0) ?\"))
      (let ((body (substring s 1 -1)))
        (replace-regexp-in-string
         "\\\\\\(.\\)"
         (lambda (m) (pcase (match-string 1 m) ("n" "\n") ("t" "\t") ("r" "") (c c)))
         body t t))
    s))

(defun ferret--parse-snippet-match (line)
  "A plist of a tab-text `MATCH' line of complete-with-snippet, or nil."
  (let ((f (split-string line "\t")))
    (when (and (string= (car f) "MATCH") (>= (length f) 9))
      (list :name (nth 1 f) :snippet (nth 2 f)
            :line (string-to-number (nth 3 f)) :column (string-to-number (nth 4 f))
            :path (nth 5 f) :kind (nth 6 f)
            :context (ferret--unescape (nth 7 f)) :docs (ferret--read-docs (nth 8 f))))))

(defun ferret-completions ()
  "Completions at point: a list of strings carrying their match as `ferret-match'."
  (let (out)
    (dolist (line (ferret--call-at-point "complete-with-snippet"))
      (when-let ((m (ferret--parse-snippet-match line)))
        (push (propertize (plist-get m :name) 'ferret-match m) out)))
    (nreverse out)))

(defun ferret--goto (path line column)
  "Visit PATH at LINE (1-based) and byte COLUMN."
  (find-file path)
  (goto-char (point-min))
  (forward-line (1- line))
  (let ((start (point)))
    (goto-char (or (byte-to-position (+ (position-bytes start) column)) start))))

;;;###autoload
(defun ferret-find-definition ()
  "Jump to the definition of the name at point."
  (interactive)
  (let ((line (cl-find-if (lambda (l) (string-prefix-p "MATCH\t" l))
                          (save-excursion
                            (skip-syntax-forward "w_")
                            (ferret--call-at-point "find-definition")))))
    (if (not line)
        (user-error "ferret: no definition found")
      (let ((f (split-string line "\t")))
        (when (fboundp 'xref-push-marker-stack) (xref-push-marker-stack))
        (ferret--goto (nth 4 f) (string-to-number (nth 2 f)) (string-to-number (nth 3 f)))))))

;;;; company

(defun ferret--prefix ()
  "The identifier before point (possibly empty) when completing makes sense."
  (unless (nth 8 (syntax-ppss))  ; not in a string or comment
    (buffer-substring-no-properties
     (save-excursion (skip-syntax-backward "w_") (point)) (point))))

;;;###autoload
(defun company-ferret (command &optional arg &rest _)
  "A company backend asking ferret's daemon. COMMAND and ARG as company says."
  (interactive (list 'interactive))
  (pcase command
    ('interactive (when (fboundp 'company-begin-backend) (company-begin-backend 'company-ferret)))
    ('prefix (ferret--prefix))
    ('candidates (cl-remove-if-not (lambda (c) (string-prefix-p arg c)) (ferret-completions)))
    ('sorted t)  ; ferret's ranking
    ('annotation (when-let ((m (get-text-property 0 'ferret-match arg)))
                   (concat " " (plist-get m :kind))))
    ('meta (when-let ((m (get-text-property 0 'ferret-match arg))) (plist-get m :context)))
    ('doc-buffer (when-let ((m (get-text-property 0 'ferret-match arg)))
                   (when (fboundp 'company-doc-buffer)
                     (company-doc-buffer (concat (plist-get m :context) "\n\n" (plist-get m :docs))))))
    ('location (when-let ((m (get-text-property 0 'ferret-match arg)))
                 (cons (plist-get m :path) (plist-get m :line))))))

(defvar ferret-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "M-.") #'ferret-find-definition)
    map)
  "Keys of `ferret-mode'.")

;;;###autoload
(define-minor-mode ferret-mode
  "Completion (company) and definitions with ferret's daemon."
  :lighter " ferret"
  :keymap ferret-mode-map
  (when ferret-mode
    (when (boundp 'company-backends)
      (make-local-variable 'company-backends)
      (add-to-list 'company-backends #'company-ferret))))

(provide 'ferret)
;;; ferret.el ends here
