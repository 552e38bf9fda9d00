" ferret for Vim: omnifunc completion and go-to-definition through one `ferret daemon`
" per Vim (a job speaking racer's tab-text protocol). Positions are racer's: line
" 1-based, column 0-based in bytes; the buffer's unsaved text goes in a temp file.

if !exists('g:ferret_cmd')
  let g:ferret_cmd = 'ferret'
endif
if !exists('g:ferret_timeout_ms')
  let g:ferret_timeout_ms = 30000
endif

let s:job = v:null
let s:items = []

" Kinds for the completion menu, as vim-racer shows them.
let s:kinds = {'Struct': 's', 'Module': 'M', 'Function': 'f', 'Crate': 'C', 'Let': 'v',
      \ 'StructField': 'm', 'Enum': 'e', 'EnumVariant': 'E', 'Type': 't', 'FnArg': 'v',
      \ 'Trait': 'T', 'Const': 'c', 'Static': 'c', 'Macro': 'd', 'Builtin': 'b'}

function! s:channel() abort
  if s:job is v:null || job_status(s:job) !=# 'run'
    let s:job = job_start([g:ferret_cmd, '-i', 'tab-text', 'daemon'],
          \ {'mode': 'nl', 'err_io': 'null'})
  endif
  return job_getchannel(s:job)
endfunction

" Sends one command (a list of arguments); returns its answer's lines, END left out.
function! s:request(args) abort
  let ch = s:channel()
  if ch_status(ch) !=# 'open'
    return []
  endif
  call ch_sendraw(ch, join(a:args, "\t") . "\n")
  let lines = []
  let start = reltime()
  while reltimefloat(reltime(start)) * 1000 < g:ferret_timeout_ms
    let line = ch_read(ch, {'timeout': g:ferret_timeout_ms})
    if line ==# 'END' || ch_status(ch) !=# 'open'
      break
    endif
    if line !=# ''
      call add(lines, line)
    endif
  endwhile
  return lines
endfunction

" LINE COL FILE SUBSTITUTE for the cursor, the buffer written to a temp file.
function! s:position_args() abort
  let tmp = tempname()
  call writefile(getline(1, '$'), tmp)
  return [line('.'), col('.') - 1, expand('%:p'), tmp]
endfunction

function! s:call_at_cursor(command) abort
  let args = s:position_args()
  try
    return s:request([a:command] + args)
  finally
    call delete(args[3])
  endtry
endfunction

" A Rust {:?} string (the docs field) as text.
function! s:read_docs(s) abort
  let s = a:s
  if s =~# '^".*"$'
    let s = s[1:-2]
  endif
  return substitute(s, '\\\(.\)', '\=get({"n": "\n", "t": "\t", "r": ""}, submatch(1), submatch(1))', 'g')
endfunction

" The omnifunc: the first call asks ferret (and remembers the matches), the second
" filters them by what was typed.
function! ferret#complete(findstart, base) abort
  if a:findstart
    let s:items = []
    let start = col('.') - 1
    for line in s:call_at_cursor('complete-with-snippet')
      let f = split(line, "\t", 1)
      if f[0] ==# 'PREFIX' && len(f) >= 3
        " a byte offset in the file: as a column of the cursor's line
        let start = str2nr(f[1]) - (line2byte(line('.')) - 1)
      elseif f[0] ==# 'MATCH' && len(f) >= 9
        call add(s:items, {'word': f[1], 'menu': substitute(f[7], '\\t', "\t", 'g'),
              \ 'kind': get(s:kinds, f[6], ''), 'info': s:read_docs(f[8]), 'dup': 1,
              \ 'user_data': f[5] . ':' . f[3] . ':' . f[4]})
      endif
    endfor
    return start
  endif
  return filter(copy(s:items), 'stridx(v:val.word, a:base) == 0')
endfunction

" Jumps to the definition of the name under the cursor; 1 when it did.
function! ferret#goto_definition() abort
  for line in s:call_at_cursor('find-definition')
    let f = split(line, "\t", 1)
    if f[0] ==# 'MATCH' && len(f) >= 6
      if exists('*settagstack')  " CTRL-T comes back
        let item = {'bufnr': bufnr('%'), 'from': getpos('.'), 'tagname': f[1]}
        call settagstack(win_getid(), {'items': [item]}, 't')
      endif
      if fnamemodify(f[4], ':p') !=# expand('%:p')
        execute 'edit ' . fnameescape(f[4])
      endif
      call cursor(str2nr(f[2]), str2nr(f[3]) + 1)
      return 1
    endif
  endfor
  echohl WarningMsg | echo 'ferret: no definition found' | echohl None
  return 0
endfunction

" Stops the daemon (it is started again on the next request).
function! ferret#stop() abort
  if s:job isnot v:null
    call job_stop(s:job)
    let s:job = v:null
  endif
endfunction
