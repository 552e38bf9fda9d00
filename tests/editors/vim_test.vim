" ferret in a real Vim, silent Ex mode: the plugin of editors/vim completes through the
" omnifunc (both calls) and jumps to a definition, on a copy of examples/hello.
"   FERRET_TEST_WORKSPACE=… FERRET_TEST_BINARY=… FERRET_TEST_OUT=… vim -Nu NONE -i NONE -es \
"     --cmd 'set rtp^=editors/vim' -S tests/editors/vim_test.vim
let s:failures = 0
function! s:out(text) abort
  call writefile([a:text], $FERRET_TEST_OUT, 'a')
endfunction
function! s:check(ok, what) abort
  call s:out((a:ok ? 'ok   ' : 'FAIL ') . a:what)
  if !a:ok
    let s:failures += 1
  endif
endfunction

call s:out(printf('vim %d.%d.%d', v:version / 100, v:version % 100, v:versionlong % 10000))
let g:ferret_cmd = $FERRET_TEST_BINARY
runtime plugin/ferret.vim
try
  execute 'edit ' . fnameescape($FERRET_TEST_WORKSPACE . '/src/main.rs')
  set filetype=rust
  call s:check(&l:omnifunc ==# 'ferret#complete', 'omnifunc is ferret#complete')
  call s:check(maparg('gd', 'n') =~# 'FerretGotoDefinition', 'gd is mapped')

  " `|s| s.` on line 13: the cursor after the dot (column 46, 1-based)
  call cursor(13, 46)
  let start = ferret#complete(1, '')
  call s:check(start == 45, 'findstart: column ' . start)
  let items = ferret#complete(0, '')
  call s:check(len(items) > 0 && items[0].word ==# 'area', 'first item ' . (len(items) ? items[0].word : 'none'))
  call s:check(len(items) > 0 && items[0].menu ==# 'pub fn area(&self) -> f64' && items[0].kind ==# 'f', 'menu and kind')
  call s:check(len(items) > 0 && items[0].info ==# 'The area enclosed by the shape.', 'info is the docs')

  " Typed (unsaved) `ar`: the prefix starts at the same column, one match.
  call setline(13, substitute(getline(13), 's\.area', 's.ar', ''))
  call cursor(13, 48)
  let start = ferret#complete(1, '')
  let items = ferret#complete(0, 'ar')
  call s:check(start == 45 && len(items) == 1 && items[0].word ==# 'area', 'unsaved `s.ar`: ' . start . ' ' . len(items))
  edit!

  " gd's command on `distance_to` (line 15, column 66 1-based). (`normal gd` in silent
  " Ex mode lands one column further than the command put the cursor.)
  call cursor(15, 66)
  FerretGotoDefinition
  call s:check(expand('%:t') ==# 'geometry.rs' && line('.') == 17 && col('.') == 12,
        \ 'gd: ' . expand('%:t') . ':' . line('.') . ':' . col('.'))
  " Nothing to find: a message, the cursor stays.
  call cursor(16, 1)
  call s:check(ferret#goto_definition() == 0 && line('.') == 16, 'no definition: stays')
  call ferret#stop()
catch
  call s:check(0, 'an error: ' . v:exception . ' at ' . v:throwpoint)
endtry
call s:out(s:failures == 0 ? 'vim: all passed' : 'vim: FAILED')
if s:failures == 0
  qall!
endif
cquit!
