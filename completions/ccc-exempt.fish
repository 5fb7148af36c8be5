# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ccc_exempt_global_optspecs
    string join \n workspace= format= color= lang= no-input q/quiet h/help V/version
end

function __fish_ccc_exempt_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ccc_exempt_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ccc_exempt_using_subcommand
    set -l cmd (__fish_ccc_exempt_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "init" -d 'Create a workspace'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "new" -d 'Scaffold applications/ID/application.toml for a condition'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "check" -d 'Check applications against the guide\'s rules (all in the workspace when none named)'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "explain" -d 'Explain a finding code: the rule, the guide clause behind it, how to fix it'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "render" -d 'Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "inspect" -d 'Show what the material examination sees in files (seals, dpi, text); --preview draws it'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "package" -d 'Check, render and bundle the upload package (a BagIt zip)'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "verify" -d 'Verify a package: structure, completeness, every checksum'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "catalogue" -d 'The bundled CCC catalogue'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "app" -d 'Applications and their status; record what the official system decided'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "ledger" -d 'The usage ledger (台账)'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "status" -d 'Dashboard: applications, certificates, open quantities, deadlines, risk flags'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "backup" -d 'A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it prints the pg_dump command)'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "store" -d 'The workspace\'s store: which one (SQLite or PostgreSQL), and moving to PostgreSQL'
complete -c ccc-exempt -n "__fish_ccc_exempt_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l name -d 'Applicant name (单位名称), as on the business licence' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l uscc -d 'Unified social credit code (统一社会信用代码)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l address -d 'Address (地址)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l contact -d 'Contact person (联系人)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l phone -d 'Phone (联系电话)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l authority -d 'The market-regulation department the commitment letter is addressed to' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand init" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -s c -l condition -d 'research | repair | production-line | exhibition | export-assembly | other (or 1-6)' -r -f -a "research\t'科研测试 / research, testing and certification samples'
repair\t'维修 / parts for end users\' repairs'
production-line\t'生产线 / production-line equipment'
exhibition\t'商业展示 / commercial display'
export-assembly\t'整机出口 / parts for whole-machine export'
other\t'其他特殊用途 / other special use'"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l products -d 'Product lines from a spreadsheet (XLSX or CSV; see `app import-products`)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l sheet -d 'The XLSX sheet of --products (default: the first)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand new" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l fail-on -d 'The lowest severity that makes the exit code 1' -r -f -a "error\t''
warning\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l content -d 'Examine the materials\' content (seal, legibility, declared facts): off, on, or require (a file that could not be examined, M017, is then an error)' -r -f -a "off\t''
on\t''
require\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand check" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand explain" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -s o -l output -d 'Output file. Without it: `ID-后续管理承诺书.docx` for `letter`, both `ID-对照表.xlsx` and `ID-对照表.csv` for `table`, the checklist on stdout. For `table`, `.csv` writes the CSV, anything else the XLSX' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand render" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l preview -d 'Write a PNG of the first file\'s first page with the seals and the words read boxed' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l fact -d 'A declared fact (model, number, name) to look for in the text; may be repeated' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -s o -l output -d 'The zip to write (default: ID.zip, or ID-draft.zip with --draft, in the current directory)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l content -d 'Examine the materials\' content in the check the package starts with, as `check` does (from its cache when `check` ran): off, on, or require' -r -f -a "off\t''
on\t''
require\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l draft -d 'Build even with error findings; the bag is marked as a draft and the status is not changed'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand package" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l fast -d 'Only zip safety and Payload-Oxum (sizes and count), no checksums'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l complete -d 'Zip safety and completeness (every manifest line present, no unlisted payload file), no checksums'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand verify" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -f -a "search" -d 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -f -a "show" -d 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -f -a "list" -d 'Every item, with the coverage of the data, and the codes removed from the catalogue'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and not __fish_seen_subcommand_from search show list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -l limit -d 'At most this many items' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from help" -f -a "search" -d 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from help" -f -a "show" -d 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every item, with the coverage of the data, and the codes removed from the catalogue'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand catalogue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "list" -d 'The applications of the workspace with their status and last check'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "show" -d 'One application: status history and last check'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "submit" -d 'Record that the application was submitted in the official system'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "approve" -d 'Record the approval: the certificate and its lines'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "reject" -d 'Record a rejection and its reason'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "amend" -d 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger\'s chain; nothing is edited'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "void" -d 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "import-products" -d 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and not __fish_seen_subcommand_from list show submit approve reject amend void import-products help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -l diff -d 'Show what changed in application.toml since approval (or the last amendment)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from submit" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l cert-no -d 'The certificate number (证明号)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l issued -d 'The issue date (YYYY-MM-DD)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l quantity -d 'Certified quantity of a product line when it differs from the applied one (LINE=N, lines from 1)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l reason -d 'Why the approval is recorded without a clean check (kept with it and shown by `status`)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l force -d 'Record the approval even though the last check of the current files is missing, outdated or found errors (S003); needs --reason'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -l reason -d 'The reason the authority gave' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from reject" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l reason -d 'Why the certificate was amended (kept in the ledger\'s chain)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l cert-no -d 'The certificate number in force from now on (a corrected or new 证明号)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l issued -d 'The issue date in force from now on (YYYY-MM-DD)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l quantity -d 'A certified quantity in force from now on (LINE=N, lines from 1); never below what the line has already received' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from amend" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -l reason -d 'Why the approval or rejection was a mistake (kept in the ledger\'s chain)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from void" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l sheet -d 'The XLSX sheet to read (default: the first)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l replace -d 'Replace the application\'s product lines instead of appending to them'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from import-products" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "list" -d 'The applications of the workspace with their status and last check'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "show" -d 'One application: status history and last check'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "submit" -d 'Record that the application was submitted in the official system'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Record the approval: the certificate and its lines'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "reject" -d 'Record a rejection and its reason'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "amend" -d 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger\'s chain; nothing is edited'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "void" -d 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "import-products" -d 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand app; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "add" -d 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "import" -d 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "list" -d 'List the entries (filter by certificate, line, kind, dates)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "balance" -d 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "export" -d 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "reverse" -d 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "close" -d 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "verify" -d 'Re-check the chain, the numbering, the balances and every evidence file'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "checkpoint" -d 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "usage-record" -d 'What to enter in the official system\'s usage records (使用/退运/销毁)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and not __fish_seen_subcommand_from add import list balance export reverse close verify checkpoint usage-record help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l cert -d 'The certificate number (证明号)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l line -d 'The certificate line (product line, from 1)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l kind -d 'inbound 入库 · issue 领用 · return 归还 · use 使用 · reexport 退运核销 · scrap 报废/销毁 · export 整机出口 (English or Chinese)' -r -f -a "inbound\t'入库'
issue\t'领用'
return\t'归还'
use\t'使用'
reexport\t'退运核销'
scrap\t'报废/销毁'
export\t'整机出口'"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l qty -d 'The quantity (a positive whole number; `--quantity` as in application.toml works too)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l date -d 'The business date, YYYY-MM-DD (default: today)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l evidence -d 'An evidence file (photo, video, scan, PDF), as FILE or KIND=FILE with KIND one of doc-no, written-proof, photo-or-video, end-user-confirmation, export-declaration. Repeat for several files' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l doc-no -d 'The document number: import document for inbound, export customs declaration for reexport and export' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l location -d 'Where the units are (warehouse, lab, line)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l operator -d 'Who recorded or handled the movement' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l note -d 'A free note' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l key -d 'An idempotency key: the same key with the same content records nothing twice (L007 if the content differs)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l deviation -d 'Record a final disposition other than the one the application committed to (`disposal`), with this reason (refused with L011 otherwise; `status` keeps flagging it)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -l dry-run -d 'Check every row and report, but write nothing'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l cert -d 'Only this certificate' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l line -d 'Only this certificate line' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l kind -d 'Only these kinds (repeatable): inbound, issue, return, use, reexport, scrap, export, reversal, certify, close, amend, void' -r -f -a "inbound\t'入库'
issue\t'领用'
return\t'归还'
use\t'使用'
reexport\t'退运核销'
scrap\t'报废/销毁'
export\t'整机出口'
reversal\t'冲销'
certify\t'证明登记'
close\t'核销完毕'
amend\t'证明修改'
void\t'作废'"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l from -d 'From this business date (YYYY-MM-DD)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l to -d 'Up to this business date (YYYY-MM-DD)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l limit -d 'Only the latest N entries' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -l cert -d 'Only this certificate' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from balance" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -s o -l output -d 'The file to write; its extension chooses the format: .xlsx, .csv (UTF-8 with BOM) or .json' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -l cert -d 'Only this certificate' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l reason -d 'Why (kept in the ledger)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l operator -d 'Who reverses it' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -s y -l yes -d 'Do not ask for confirmation (required when not at a terminal)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from reverse" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l cert -d 'The certificate number (证明号)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l date -d 'The write-off date, YYYY-MM-DD (default: today)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l operator -d 'Who declares it' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l note -d 'A note' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -s y -l yes -d 'Do not ask for confirmation (required when not at a terminal)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from close" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l against -d 'A checkpoint file (from `ledger checkpoint`) the ledger must still extend' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from checkpoint" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l cert -d 'The certificate number (证明号)' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l export -d 'Write the evidence files of every usage record into DIR, named by entry, type, date and kind with the extension of their content, with a table (CSV and XLSX) of what to enter in the official system' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from usage-record" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "add" -d 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "import" -d 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the entries (filter by certificate, line, kind, dates)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "balance" -d 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "reverse" -d 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "close" -d 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Re-check the chain, the numbering, the balances and every evidence file'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "checkpoint" -d 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "usage-record" -d 'What to enter in the official system\'s usage records (使用/退运/销毁)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand status" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -l dynamic -d 'A script that calls `ccc-exempt` (on the PATH) at each Tab: it also offers the workspace\'s application IDs and certificate numbers. Re-generate it after an upgrade'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -l force -d 'Replace an existing file at PATH'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand backup" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -f -a "info" -d 'Which store the workspace uses, its schema version, entry count and head hash'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -f -a "migrate" -d 'Copy the workspace\'s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -l to -d 'The PostgreSQL database to copy into (postgresql://user@host:port/database); a password missing from the URL is taken from PGPASSWORD' -r
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -l workspace -d 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)' -r -F
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -l format -d 'Output format' -r -f -a "human\t''
json\t''
junit\t''
sarif\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -l color -d 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -l lang -d 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese' -r -f -a "zh\t''
en\t''"
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -l no-input -d 'Never prompt; fail instead, naming the flag to pass'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print only data and errors'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "info" -d 'Which store the workspace uses, its schema version, entry count and head hash'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Copy the workspace\'s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "init" -d 'Create a workspace'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "new" -d 'Scaffold applications/ID/application.toml for a condition'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "check" -d 'Check applications against the guide\'s rules (all in the workspace when none named)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "explain" -d 'Explain a finding code: the rule, the guide clause behind it, how to fix it'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "render" -d 'Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "inspect" -d 'Show what the material examination sees in files (seals, dpi, text); --preview draws it'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "package" -d 'Check, render and bundle the upload package (a BagIt zip)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "verify" -d 'Verify a package: structure, completeness, every checksum'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "catalogue" -d 'The bundled CCC catalogue'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "app" -d 'Applications and their status; record what the official system decided'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "ledger" -d 'The usage ledger (台账)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "status" -d 'Dashboard: applications, certificates, open quantities, deadlines, risk flags'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "completions" -d 'Print shell completions'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "backup" -d 'A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it prints the pg_dump command)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "store" -d 'The workspace\'s store: which one (SQLite or PostgreSQL), and moving to PostgreSQL'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and not __fish_seen_subcommand_from init new check explain render inspect package verify catalogue app ledger status completions backup store help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from catalogue" -f -a "search" -d 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from catalogue" -f -a "show" -d 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from catalogue" -f -a "list" -d 'Every item, with the coverage of the data, and the codes removed from the catalogue'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "list" -d 'The applications of the workspace with their status and last check'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "show" -d 'One application: status history and last check'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "submit" -d 'Record that the application was submitted in the official system'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "approve" -d 'Record the approval: the certificate and its lines'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "reject" -d 'Record a rejection and its reason'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "amend" -d 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger\'s chain; nothing is edited'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "void" -d 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from app" -f -a "import-products" -d 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "add" -d 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "import" -d 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "list" -d 'List the entries (filter by certificate, line, kind, dates)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "balance" -d 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "export" -d 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "reverse" -d 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "close" -d 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "verify" -d 'Re-check the chain, the numbering, the balances and every evidence file'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "checkpoint" -d 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "usage-record" -d 'What to enter in the official system\'s usage records (使用/退运/销毁)'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "info" -d 'Which store the workspace uses, its schema version, entry count and head hash'
complete -c ccc-exempt -n "__fish_ccc_exempt_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "migrate" -d 'Copy the workspace\'s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy'
