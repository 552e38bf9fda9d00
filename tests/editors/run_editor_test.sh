#!/usr/bin/env bash
# Runs one real editor headless against ferret on a fresh copy of examples/hello:
#   run_editor_test.sh emacs|nvim|vim FERRET_BINARY SOURCE_DIR
# The editor's own script (tests/editors/*_test.*) prints a line per check; the exit
# status is the editor's.
set -uo pipefail
editor=$1
binary=$2
src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/examples/hello" "$work/hello"
export FERRET_TEST_WORKSPACE=$work/hello FERRET_TEST_BINARY=$binary FERRET_TEST_OUT=$work/out.txt
touch "$FERRET_TEST_OUT"
case $editor in
  emacs)
    emacs --batch -Q -L "$src/editors/emacs" -l "$src/tests/editors/emacs_test.el" -- "$work/hello" "$binary" 2>"$work/err.txt"
    status=$? ;;
  nvim)
    nvim --headless -u NONE -i NONE --cmd "set rtp+=$src/editors/nvim" -c "luafile $src/tests/editors/nvim_test.lua" 2>"$work/err.txt"
    status=$? ;;
  vim)
    vim -Nu NONE -i NONE -es --cmd "set rtp^=$src/editors/vim" -S "$src/tests/editors/vim_test.vim" </dev/null 2>"$work/err.txt"
    status=$?
    cat "$FERRET_TEST_OUT" ;;
  *) echo "unknown editor $editor" >&2; exit 2 ;;
esac
if [[ $status -ne 0 ]]; then
  echo "--- $editor stderr:"; tail -20 "$work/err.txt"
fi
exit $status
