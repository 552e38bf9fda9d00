;;; emacs_test.el --- ferret in a real Emacs (batch): eglot and company -*- lexical-binding: t -*-
;; emacs --batch -Q -L editors/emacs -l tests/editors/emacs_test.el WORKSPACE FERRET
;; WORKSPACE is a copy of examples/hello. Exits 0 when every check holds.

(require 'package)
;; Debian's elpa-eglot and elpa-company (-Q skips the site start-up that lists them).
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src"))
(package-initialize)
(require 'cl-lib)
(require 'ferret)
(require 'eglot)
(require 'company)
(require 'xref)

(defvar ferret-test-failures 0)
(defun ferret-test-check (ok what)
  (princ (format "%s %s\n" (if ok "ok  " "FAIL") what))
  (unless ok (cl-incf ferret-test-failures)))

(condition-case err
(let* ((args (member "--" command-line-args))
       (workspace (file-name-as-directory (expand-file-name (or (nth 1 args) (nth 0 command-line-args-left)))))
       (binary (or (nth 2 args) (nth 1 command-line-args-left)))
       (main (expand-file-name "src/main.rs" workspace)))
  (setq ferret-program binary)
  (princ (format "emacs %s, eglot %s, company %s\n" emacs-version
                 (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))
                 (package-version-join (package-desc-version (cadr (assq (quote company) package-alist))))))
  ;; A rust-mode for the test when none is installed (Debian has no elpa-rust-mode).
  (unless (fboundp 'rust-mode) (define-derived-mode rust-mode prog-mode "Rust"))
  (add-to-list 'auto-mode-alist '("\\.rs\\'" . rust-mode))

  ;; company through the daemon: `|s| s.` on line 13.
  (find-file main)
  (ferret-mode 1)
  (goto-char (point-min)) (forward-line 12) (forward-char 45)
  (let ((cands (company-ferret 'candidates "")))
    (ferret-test-check (equal (car cands) "area") (format "company: first candidate %S" (substring-no-properties (car cands))))
    (ferret-test-check (equal (company-ferret 'meta (car cands)) "pub fn area(&self) -> f64") "company: meta is the signature")
    (ferret-test-check (equal (company-ferret 'annotation (car cands)) " Function") "company: annotation is the kind"))
  ;; The unsaved text is what ferret sees: type `s.ar' and ask again.
  (insert "ar")
  (let ((cands (company-ferret 'candidates (company-ferret 'prefix))))
    (ferret-test-check (equal cands '("area")) (format "company: after `ar' %S" (mapcar #'substring-no-properties cands))))
  (delete-char -2)
  ;; Through company's own machinery: complete the common part at point.
  (insert "are")
  (let ((company-backends '(company-ferret)))
    (company-mode 1)
    (company-manual-begin)
    (ferret-test-check (equal company-candidates '("area")) (format "company-manual-begin: %S" (mapcar #'substring-no-properties company-candidates)))
    (company-complete-selection))
  (ferret-test-check (looking-back "s\\.area" (line-beginning-position)) "company: the candidate was inserted")
  (set-buffer-modified-p nil)
  (revert-buffer t t)

  ;; find-definition through the daemon: `origin.distance_to' on line 15.
  (goto-char (point-min)) (forward-line 14) (forward-char 65)
  (ferret-find-definition)
  (ferret-test-check (and (string-suffix-p "geometry.rs" (buffer-file-name)) (= (line-number-at-pos) 17)
                          (looking-at "distance_to"))
                     (format "daemon: definition at %s:%d" (buffer-file-name) (line-number-at-pos)))

  ;; eglot with `ferret lsp'.
  (ferret-eglot-setup)
  (find-file main)
  (let* ((eglot-sync-connect 60)
         (contact (eglot--guess-contact))
         (server (apply #'eglot--connect contact)))
    (ferret-test-check (and server (jsonrpc-running-p server)) "eglot: connected to ferret lsp")
    (ferret-test-check (eglot-managed-p) "eglot: the buffer is managed")
    (goto-char (point-min)) (forward-line 12) (forward-char 45)
    (let* ((capf (eglot-completion-at-point))
           (table (nth 2 capf))
           (all (all-completions "" table)))
      (ferret-test-check (member "area" all) (format "eglot: completion offers area (%d candidates)" (length all)))
      (ferret-test-check (equal (car all) "area") (format "eglot: area first (%S)" (car all))))
    ;; definition through xref's eglot backend
    (goto-char (point-min)) (forward-line 14) (forward-char 65)
    (let* ((id (xref-backend-identifier-at-point 'eglot))
           (defs (xref-backend-definitions 'eglot id))
           (loc (and defs (xref-item-location (car defs)))))
      (ferret-test-check (and loc (string-suffix-p "geometry.rs" (xref-location-group loc))
                              (= (xref-location-line loc) 17))
                         (format "eglot: definition of %s at %s" id (and loc (xref-location-group loc)))))
    ;; hover (eldoc's source)
    (goto-char (point-min)) (forward-line 12) (forward-char 10)
    (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
      (ferret-test-check (string-match-p "total: f64" (format "%S" hover)) "eglot: hover shows the local's type"))
    (eglot-shutdown server))
  (princ (if (= ferret-test-failures 0) "emacs: all passed\n" "emacs: FAILED\n"))
  (kill-emacs (if (= ferret-test-failures 0) 0 1)))
  (error (princ (format "FAIL an error: %S\nemacs: FAILED\n" err))
         (kill-emacs 1)))
