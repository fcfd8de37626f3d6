# SPDX-License-Identifier: MIT
# Bash completion for sockit: the commands, the members of the groups (bench, http), each command's
# options (tests/cli/test_completion.py checks them against --help), and files, directories, interfaces,
# models and services where an option or operand takes one.
# Installed as share/bash-completion/completions/sockit; to try it from the tree: . docs/completion/sockit.bash

# The options of a command ("addr", "http get"): flags, then the options that take a value.
_sockit_flags() {
    case $1 in
    addr | ifaces | rdns | sizes) echo "--json" ;;
    "bench discard") echo "--json" ;;
    "bench echo") echo "--json" ;;
    build) echo "-x --hex --json --send" ;;
    capture | decode) echo "-v -vv --verbose -S --absolute-tcp-sequence-numbers --json -x --hex --stats --utc" ;;
    dns) echo "--json +tcp +short +norecurse +dnssec +noedns +bufsize= +ignore +timeout= +tries= +retry=" ;;
    "http get") echo "-i --include -I --head -L --location -v --verbose -f --fail --json" ;;
    "http serve") echo "--no-listing --json-log -q --quiet" ;;
    nc) echo "-4 -6 -b -C -d -k -l -N -n -r -U -u -v -z --no-shutdown" ;;
    net) echo "--json --strict --supernet --each --collapse --summarize" ;;
    recv) echo "-u --udp --once --mapped --json" ;;
    resolve) echo "-4 -6 -u --udp --canon --all --json" ;;
    search) echo "--all -i --ignore-case --sorted -L --follow --json --trace" ;;
    send) echo "-u --udp -4 -6 -v --verbose --json" ;;
    serve) echo "--all --json-log --finger-system-users" ;;
    service) echo "-u --udp --json" ;;
    esac
    echo "-h --help"
}
_sockit_value_options() {
    case $1 in
    "bench discard") echo "-d --duration -l --length" ;;
    "bench echo") echo "-c --connections -s --size -d --duration -n --round-trips --warmup --connect-timeout" ;;
    build) echo "-o --output -i --interface" ;;
    capture) echo "-i --interface -w --write -c --count --timeout -s --snaplen" ;;
    decode) echo "-c --count" ;;
    dns) echo "-p -x -t -c -q --batch --in-flight" ;;
    "http get") echo "-H --header -X --request -d --data -o --output --max-redirs --timeout --read-timeout" ;;
    "http serve") echo "-p --port --bind --model --workers --max-conns --idle-timeout --header-timeout --grace" ;;
    nc) echo "-c --sh-exec -e --exec -I -i -O -p -q -s -w" ;;
    net) echo "--subnets --limit --supernet-prefix" ;;
    search) echo "-j --jobs" ;;
    send) echo "-w --timeout" ;;
    serve) echo "--model --workers --backend --bind --max-conns --idle-timeout --grace --max-output --user --udp-rate --qotd-file --finger-dir" ;;
    esac
}

_sockit_files() { # $1: -f for files, -d for directories
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen "$1" -- "$cur"))
}

_sockit() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=""
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    local commands="addr bench build capture decode dns help http ifaces nc net rdns recv resolve search send serve service sizes"

    # `sockit help COMMAND` completes like the command's name.
    local at=1
    [[ ${COMP_WORDS[1]-} == help ]] && at=2
    if ((COMP_CWORD == at)); then
        if ((at == 1)); then
            COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "${commands/help /}" -- "$cur"))
        fi
        return
    fi
    local cmd=${COMP_WORDS[at]}
    case $cmd in
    bench | http)
        local members="echo discard"
        [[ $cmd == http ]] && members="get serve"
        if ((COMP_CWORD == at + 1)); then
            COMPREPLY=($(compgen -W "$members --help" -- "$cur"))
            return
        fi
        cmd="$cmd ${COMP_WORDS[at + 1]}"
        ;;
    esac
    ((at == 2)) && return # `sockit help http get` takes nothing more

    # The value of an option.
    case " $(_sockit_value_options "$cmd") " in
    *" $prev "*)
        case $cmd:$prev in
        build:-o | build:--output | capture:-w | capture:--write | "http get:-o" | "http get:--output" | \
            dns:--batch | serve:--qotd-file)
            _sockit_files -f
            ;;
        serve:--finger-dir) _sockit_files -d ;;
        "http get:-d" | "http get:--data")
            if [[ $cur == @* ]]; then
                compopt -o filenames 2>/dev/null
                local IFS=$'\n'
                COMPREPLY=($(compgen -f -P @ -- "${cur#@}"))
            fi
            ;;
        *:-i | *:--interface)
            [[ $cmd == build || $cmd == capture ]] &&
                COMPREPLY=($(compgen -W "$(command ls /sys/class/net 2>/dev/null) any" -- "$cur"))
            ;;
        *:--model) COMPREPLY=($(compgen -W "uniplex fork thread pool poll epoll reactors" -- "$cur")) ;;
        serve:--backend) COMPREPLY=($(compgen -W "epoll poll select" -- "$cur")) ;;
        dns:-t) COMPREPLY=($(compgen -W "A AAAA ANY CAA CNAME MX NS PTR SOA SRV TXT" -- "$cur")) ;;
        dns:-c) COMPREPLY=($(compgen -W "IN CH HS ANY" -- "$cur")) ;;
        esac
        return
        ;;
    esac

    # An option, or an operand.
    if [[ $cur == -* || ($cmd == dns && $cur == +*) ]]; then
        COMPREPLY=($(compgen -W "$(_sockit_flags "$cmd") $(_sockit_value_options "$cmd")" -- "$cur"))
        [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
        return
    fi
    case $cmd in
    decode) _sockit_files -f ;;
    nc) _sockit_files -f ;; # -U takes a socket path
    "http serve") _sockit_files -d ;;
    search) ((COMP_CWORD > at + 1)) && _sockit_files -d ;; # STRING first, then directories
    serve) COMPREPLY=($(compgen -W "echo discard chargen qotd daytime time finger" -- "$cur")) ;;
    ifaces) COMPREPLY=($(compgen -W "$(command ls /sys/class/net 2>/dev/null)" -- "$cur")) ;;
    dns) COMPREPLY=($(compgen -W "A AAAA ANY CAA CNAME MX NS PTR SOA SRV TXT" -- "$cur")) ;;
    esac
}

complete -F _sockit sockit
