#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: the binary, the libraries, the header, the
# pkg-config file and the editor files land in the usual places; a C program built
# with `pkg-config --cflags --libs ferret` against the installed files runs.
#   install_test.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -euo pipefail
build=$1
src=$2
extra_cflags=${3:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

fail() { echo "install_test: $*" >&2; exit 1; }
[[ -x $prefix/bin/ferret ]] || fail "no bin/ferret"
[[ -f $prefix/include/ferret.h ]] || fail "no include/ferret.h"
pc=$(find "$prefix" -name ferret.pc | head -1)
[[ -n $pc ]] || fail "no ferret.pc"
libdir=$(dirname "$(dirname "$pc")")
for f in libferret.so libferret.a; do [[ -e $libdir/$f ]] || fail "no $f in $libdir"; done
for f in share/emacs/site-lisp/ferret/ferret.el share/vim/vimfiles/plugin/ferret.vim \
         share/vim/vimfiles/autoload/ferret.vim share/nvim/site/lua/ferret.lua; do
  [[ -f $prefix/$f ]] || fail "no $f"
done
"$prefix/bin/ferret" --version | grep -q '^ferret ' || fail "bin/ferret --version"

export PKG_CONFIG_PATH=$(dirname "$pc")
# shellcheck disable=SC2046
# shellcheck disable=SC2086
cc -std=c11 -Wall -Werror $extra_cflags -o "$prefix/capi_test" "$src/tests/capi/capi_test.c" \
   $(pkg-config --cflags --libs ferret) -lpthread -Wl,-rpath,"$libdir"
"$prefix/capi_test" "$src/examples/hello" > "$prefix/out.txt" || { cat "$prefix/out.txt"; fail "capi_test against the install"; }
echo "install_test: ok ($prefix)"
