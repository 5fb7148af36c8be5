#!/usr/bin/env zsh
# Print what zsh's completion system offers for a command line, one candidate a line.
# Usage: zsh-complete.zsh COMPLETION_DIR 'command line to complete' [SCRIPT_TO_SOURCE]
# An interactive zsh runs in a pseudo-terminal (zpty) with the completion functions of
# COMPLETION_DIR on its fpath; compadd is wrapped to print each candidate; TAB is sent after the
# line and the output is read back. (After the technique of zsh-capture-completion.)
zmodload zsh/zpty || exit 1
local dir=$1 line_to_complete=$2 script=$3 line
zpty z zsh -f -i
setopt rcquotes
zpty -w z "fpath=(${(q)dir} \$fpath)"
# A dynamic completion script is sourced after compinit, as a user's .zshrc does (the set-up
# below makes Enter do nothing, so it is sourced there).
zpty -w z "complete_source=${(q)script}"
() {
    zpty -w z source $1
    repeat 8; do
        zpty -r z line
        [[ $line == ok* ]] && return
    done
    echo 'error initializing zsh' >&2
    exit 2
} =( <<< '
PROMPT=
autoload -U compinit
compinit -u -D
[[ -n $complete_source ]] && source $complete_source
bindkey ''^M'' undefined
bindkey ''^J'' undefined
bindkey ''^I'' complete-word
null-line () { echo -E - $''\0'' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle '':completion:*'' list-grouped false
zstyle '':completion:*'' insert-tab false
zstyle '':completion:*'' list-separator ''''
zmodload zsh/zutil
compadd () {
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return $?
    fi
    typeset -a __hits __dscr __tmp
    if (( $@[(I)-d] )); then
        __tmp=${@[$[${@[(i)-d]}+1]]}
        if [[ $__tmp == \(* ]]; then
            eval "__dscr=$__tmp"
        else
            __dscr=( "${(@P)__tmp}" )
        fi
    fi
    builtin compadd -A __hits -D __dscr "$@"
    [[ -n $__hits ]] || return
    local i
    for i in {1..$#__hits}; do
        echo -E - $IPREFIX$__hits[$i]
    done
}
echo ok')
zpty -w z "$line_to_complete"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
    if [[ $line == *$'\0\r' ]]; then
        (( tog++ )) && return 0 || continue
    fi
    (( tog )) && echo -E - $line
done
return 2
