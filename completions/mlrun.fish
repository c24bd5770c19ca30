# fish completion for mlrun. Candidates come from the binary's own command tree
# (`mlrun __complete WORD...`), so they always match the installed version.
function __mlrun_complete
    set -l words (commandline -opc)[2..-1]
    mlrun __complete $words (commandline -ct) 2>/dev/null
end
complete -c mlrun -f -a '(__mlrun_complete)'
