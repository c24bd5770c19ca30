# bash completion for mlrun. Candidates come from the binary's own command tree
# (`mlrun __complete WORD...`), so they always match the installed version.
_mlrun()
{
    local IFS=$'\n'
    local cur="${COMP_WORDS[COMP_CWORD]}"
    COMPREPLY=($(mlrun __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
    if [[ ${#COMPREPLY[@]} -eq 0 && "$cur" != -* ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _mlrun mlrun
