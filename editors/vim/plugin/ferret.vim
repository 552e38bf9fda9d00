" ferret for Vim (8.0 and later): Rust completion (omnifunc, <C-x><C-o>) and gd to the
" definition, through `ferret daemon`. Set g:ferret_cmd to the binary's path if it is not
" on PATH; g:ferret_no_mappings = 1 leaves gd alone.
if exists('g:loaded_ferret')
  finish
endif
let g:loaded_ferret = 1

command! FerretGotoDefinition call ferret#goto_definition()
command! FerretStop call ferret#stop()

augroup ferret
  autocmd!
  autocmd FileType rust setlocal omnifunc=ferret#complete
  autocmd FileType rust if !get(g:, 'ferret_no_mappings', 0) |
        \ nnoremap <buffer> <silent> gd :FerretGotoDefinition<CR> | endif
augroup END
