
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ccc-exempt' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ccc-exempt'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ccc-exempt' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a workspace')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Scaffold applications/ID/application.toml for a condition')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check applications against the guide''s rules (all in the workspace when none named)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a finding code: the rule, the guide clause behind it, how to fix it')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what the material examination sees in files (seals, dpi, text); --preview draws it')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Check, render and bundle the upload package (a BagIt zip)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a package: structure, completeness, every checksum')
            [CompletionResult]::new('catalogue', 'catalogue', [CompletionResultType]::ParameterValue, 'The bundled CCC catalogue')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Applications and their status; record what the official system decided')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'The usage ledger (台账)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Dashboard: applications, certificates, open quantities, deadlines, risk flags')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it prints the pg_dump command)')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The workspace''s store: which one (SQLite or PostgreSQL), and moving to PostgreSQL')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Applicant name (单位名称), as on the business licence')
            [CompletionResult]::new('--uscc', '--uscc', [CompletionResultType]::ParameterName, 'Unified social credit code (统一社会信用代码)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Address (地址)')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Contact person (联系人)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone (联系电话)')
            [CompletionResult]::new('--authority', '--authority', [CompletionResultType]::ParameterName, 'The market-regulation department the commitment letter is addressed to')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;new' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'research | repair | production-line | exhibition | export-assembly | other (or 1-6)')
            [CompletionResult]::new('--condition', '--condition', [CompletionResultType]::ParameterName, 'research | repair | production-line | exhibition | export-assembly | other (or 1-6)')
            [CompletionResult]::new('--products', '--products', [CompletionResultType]::ParameterName, 'Product lines from a spreadsheet (XLSX or CSV; see `app import-products`)')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'The XLSX sheet of --products (default: the first)')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;check' {
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'The lowest severity that makes the exit code 1')
            [CompletionResult]::new('--content', '--content', [CompletionResultType]::ParameterName, 'Examine the materials'' content (seal, legibility, declared facts): off, on, or require (a file that could not be examined, M017, is then an error)')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;explain' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;render' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file. Without it: `ID-后续管理承诺书.docx` for `letter`, both `ID-对照表.xlsx` and `ID-对照表.csv` for `table`, the checklist on stdout. For `table`, `.csv` writes the CSV, anything else the XLSX')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output file. Without it: `ID-后续管理承诺书.docx` for `letter`, both `ID-对照表.xlsx` and `ID-对照表.csv` for `table`, the checklist on stdout. For `table`, `.csv` writes the CSV, anything else the XLSX')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;inspect' {
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'Write a PNG of the first file''s first page with the seals and the words read boxed')
            [CompletionResult]::new('--fact', '--fact', [CompletionResultType]::ParameterName, 'A declared fact (model, number, name) to look for in the text; may be repeated')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;package' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The zip to write (default: ID.zip, or ID-draft.zip with --draft, in the current directory)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The zip to write (default: ID.zip, or ID-draft.zip with --draft, in the current directory)')
            [CompletionResult]::new('--content', '--content', [CompletionResultType]::ParameterName, 'Examine the materials'' content in the check the package starts with, as `check` does (from its cache when `check` ran): off, on, or require')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--draft', '--draft', [CompletionResultType]::ParameterName, 'Build even with error findings; the bag is marked as a draft and the status is not changed')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;verify' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--fast', '--fast', [CompletionResultType]::ParameterName, 'Only zip safety and Payload-Oxum (sizes and count), no checksums')
            [CompletionResult]::new('--complete', '--complete', [CompletionResultType]::ParameterName, 'Zip safety and completeness (every manifest line present, no unlisted payload file), no checksums')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;catalogue' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every item, with the coverage of the data, and the codes removed from the catalogue')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;catalogue;search' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many items')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;catalogue;show' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;catalogue;list' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;catalogue;help' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every item, with the coverage of the data, and the codes removed from the catalogue')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;catalogue;help;search' {
            break
        }
        'ccc-exempt;catalogue;help;show' {
            break
        }
        'ccc-exempt;catalogue;help;list' {
            break
        }
        'ccc-exempt;catalogue;help;help' {
            break
        }
        'ccc-exempt;app' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The applications of the workspace with their status and last check')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One application: status history and last check')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Record that the application was submitted in the official system')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Record the approval: the certificate and its lines')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Record a rejection and its reason')
            [CompletionResult]::new('amend', 'amend', [CompletionResultType]::ParameterValue, 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger''s chain; nothing is edited')
            [CompletionResult]::new('void', 'void', [CompletionResultType]::ParameterValue, 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision')
            [CompletionResult]::new('import-products', 'import-products', [CompletionResultType]::ParameterValue, 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;app;list' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;show' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Show what changed in application.toml since approval (or the last amendment)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;submit' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;approve' {
            [CompletionResult]::new('--cert-no', '--cert-no', [CompletionResultType]::ParameterName, 'The certificate number (证明号)')
            [CompletionResult]::new('--issued', '--issued', [CompletionResultType]::ParameterName, 'The issue date (YYYY-MM-DD)')
            [CompletionResult]::new('--quantity', '--quantity', [CompletionResultType]::ParameterName, 'Certified quantity of a product line when it differs from the applied one (LINE=N, lines from 1)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the approval is recorded without a clean check (kept with it and shown by `status`)')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Record the approval even though the last check of the current files is missing, outdated or found errors (S003); needs --reason')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;reject' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'The reason the authority gave')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;amend' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the certificate was amended (kept in the ledger''s chain)')
            [CompletionResult]::new('--cert-no', '--cert-no', [CompletionResultType]::ParameterName, 'The certificate number in force from now on (a corrected or new 证明号)')
            [CompletionResult]::new('--issued', '--issued', [CompletionResultType]::ParameterName, 'The issue date in force from now on (YYYY-MM-DD)')
            [CompletionResult]::new('--quantity', '--quantity', [CompletionResultType]::ParameterName, 'A certified quantity in force from now on (LINE=N, lines from 1); never below what the line has already received')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;void' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the approval or rejection was a mistake (kept in the ledger''s chain)')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;import-products' {
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'The XLSX sheet to read (default: the first)')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace the application''s product lines instead of appending to them')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;app;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The applications of the workspace with their status and last check')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One application: status history and last check')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Record that the application was submitted in the official system')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Record the approval: the certificate and its lines')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Record a rejection and its reason')
            [CompletionResult]::new('amend', 'amend', [CompletionResultType]::ParameterValue, 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger''s chain; nothing is edited')
            [CompletionResult]::new('void', 'void', [CompletionResultType]::ParameterValue, 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision')
            [CompletionResult]::new('import-products', 'import-products', [CompletionResultType]::ParameterValue, 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;app;help;list' {
            break
        }
        'ccc-exempt;app;help;show' {
            break
        }
        'ccc-exempt;app;help;submit' {
            break
        }
        'ccc-exempt;app;help;approve' {
            break
        }
        'ccc-exempt;app;help;reject' {
            break
        }
        'ccc-exempt;app;help;amend' {
            break
        }
        'ccc-exempt;app;help;void' {
            break
        }
        'ccc-exempt;app;help;import-products' {
            break
        }
        'ccc-exempt;app;help;help' {
            break
        }
        'ccc-exempt;ledger' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the entries (filter by certificate, line, kind, dates)')
            [CompletionResult]::new('balance', 'balance', [CompletionResultType]::ParameterValue, 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-check the chain, the numbering, the balances and every evidence file')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep')
            [CompletionResult]::new('usage-record', 'usage-record', [CompletionResultType]::ParameterValue, 'What to enter in the official system''s usage records (使用/退运/销毁)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;ledger;add' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate number (证明号)')
            [CompletionResult]::new('--line', '--line', [CompletionResultType]::ParameterName, 'The certificate line (product line, from 1)')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'inbound 入库 · issue 领用 · return 归还 · use 使用 · reexport 退运核销 · scrap 报废/销毁 · export 整机出口 (English or Chinese)')
            [CompletionResult]::new('--qty', '--qty', [CompletionResultType]::ParameterName, 'The quantity (a positive whole number; `--quantity` as in application.toml works too)')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'The business date, YYYY-MM-DD (default: today)')
            [CompletionResult]::new('--evidence', '--evidence', [CompletionResultType]::ParameterName, 'An evidence file (photo, video, scan, PDF), as FILE or KIND=FILE with KIND one of doc-no, written-proof, photo-or-video, end-user-confirmation, export-declaration. Repeat for several files')
            [CompletionResult]::new('--doc-no', '--doc-no', [CompletionResultType]::ParameterName, 'The document number: import document for inbound, export customs declaration for reexport and export')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Where the units are (warehouse, lab, line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who recorded or handled the movement')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A free note')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'An idempotency key: the same key with the same content records nothing twice (L007 if the content differs)')
            [CompletionResult]::new('--deviation', '--deviation', [CompletionResultType]::ParameterName, 'Record a final disposition other than the one the application committed to (`disposal`), with this reason (refused with L011 otherwise; `status` keeps flagging it)')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;import' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check every row and report, but write nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;list' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Only this certificate')
            [CompletionResult]::new('--line', '--line', [CompletionResultType]::ParameterName, 'Only this certificate line')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only these kinds (repeatable): inbound, issue, return, use, reexport, scrap, export, reversal, certify, close, amend, void')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'From this business date (YYYY-MM-DD)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Up to this business date (YYYY-MM-DD)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the latest N entries')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;balance' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Only this certificate')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The file to write; its extension chooses the format: .xlsx, .csv (UTF-8 with BOM) or .json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The file to write; its extension chooses the format: .xlsx, .csv (UTF-8 with BOM) or .json')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Only this certificate')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;reverse' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept in the ledger)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who reverses it')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not at a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not at a terminal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;close' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate number (证明号)')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'The write-off date, YYYY-MM-DD (default: today)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who declares it')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not at a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not at a terminal)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;verify' {
            [CompletionResult]::new('--against', '--against', [CompletionResultType]::ParameterName, 'A checkpoint file (from `ledger checkpoint`) the ledger must still extend')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;checkpoint' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;usage-record' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The certificate number (证明号)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Write the evidence files of every usage record into DIR, named by entry, type, date and kind with the extension of their content, with a table (CSV and XLSX) of what to enter in the official system')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;ledger;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the entries (filter by certificate, line, kind, dates)')
            [CompletionResult]::new('balance', 'balance', [CompletionResultType]::ParameterValue, 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-check the chain, the numbering, the balances and every evidence file')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep')
            [CompletionResult]::new('usage-record', 'usage-record', [CompletionResultType]::ParameterValue, 'What to enter in the official system''s usage records (使用/退运/销毁)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;ledger;help;add' {
            break
        }
        'ccc-exempt;ledger;help;import' {
            break
        }
        'ccc-exempt;ledger;help;list' {
            break
        }
        'ccc-exempt;ledger;help;balance' {
            break
        }
        'ccc-exempt;ledger;help;export' {
            break
        }
        'ccc-exempt;ledger;help;reverse' {
            break
        }
        'ccc-exempt;ledger;help;close' {
            break
        }
        'ccc-exempt;ledger;help;verify' {
            break
        }
        'ccc-exempt;ledger;help;checkpoint' {
            break
        }
        'ccc-exempt;ledger;help;usage-record' {
            break
        }
        'ccc-exempt;ledger;help;help' {
            break
        }
        'ccc-exempt;status' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;completions' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--dynamic', '--dynamic', [CompletionResultType]::ParameterName, 'A script that calls `ccc-exempt` (on the PATH) at each Tab: it also offers the workspace''s application IDs and certificate numbers. Re-generate it after an upgrade')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;backup' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing file at PATH')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;store' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Which store the workspace uses, its schema version, entry count and head hash')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the workspace''s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;store;info' {
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;store;migrate' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The PostgreSQL database to copy into (postgresql://user@host:port/database); a password missing from the URL is taken from PGPASSWORD')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail instead, naming the flag to pass')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ccc-exempt;store;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Which store the workspace uses, its schema version, entry count and head hash')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the workspace''s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;store;help;info' {
            break
        }
        'ccc-exempt;store;help;migrate' {
            break
        }
        'ccc-exempt;store;help;help' {
            break
        }
        'ccc-exempt;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a workspace')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Scaffold applications/ID/application.toml for a condition')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check applications against the guide''s rules (all in the workspace when none named)')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explain a finding code: the rule, the guide clause behind it, how to fix it')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what the material examination sees in files (seals, dpi, text); --preview draws it')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Check, render and bundle the upload package (a BagIt zip)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a package: structure, completeness, every checksum')
            [CompletionResult]::new('catalogue', 'catalogue', [CompletionResultType]::ParameterValue, 'The bundled CCC catalogue')
            [CompletionResult]::new('app', 'app', [CompletionResultType]::ParameterValue, 'Applications and their status; record what the official system decided')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'The usage ledger (台账)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Dashboard: applications, certificates, open quantities, deadlines, risk flags')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it prints the pg_dump command)')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The workspace''s store: which one (SQLite or PostgreSQL), and moving to PostgreSQL')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ccc-exempt;help;init' {
            break
        }
        'ccc-exempt;help;new' {
            break
        }
        'ccc-exempt;help;check' {
            break
        }
        'ccc-exempt;help;explain' {
            break
        }
        'ccc-exempt;help;render' {
            break
        }
        'ccc-exempt;help;inspect' {
            break
        }
        'ccc-exempt;help;package' {
            break
        }
        'ccc-exempt;help;verify' {
            break
        }
        'ccc-exempt;help;catalogue' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every item, with the coverage of the data, and the codes removed from the catalogue')
            break
        }
        'ccc-exempt;help;catalogue;search' {
            break
        }
        'ccc-exempt;help;catalogue;show' {
            break
        }
        'ccc-exempt;help;catalogue;list' {
            break
        }
        'ccc-exempt;help;app' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The applications of the workspace with their status and last check')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One application: status history and last check')
            [CompletionResult]::new('submit', 'submit', [CompletionResultType]::ParameterValue, 'Record that the application was submitted in the official system')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Record the approval: the certificate and its lines')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Record a rejection and its reason')
            [CompletionResult]::new('amend', 'amend', [CompletionResultType]::ParameterValue, 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger''s chain; nothing is edited')
            [CompletionResult]::new('void', 'void', [CompletionResultType]::ParameterValue, 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision')
            [CompletionResult]::new('import-products', 'import-products', [CompletionResultType]::ParameterValue, 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English')
            break
        }
        'ccc-exempt;help;app;list' {
            break
        }
        'ccc-exempt;help;app;show' {
            break
        }
        'ccc-exempt;help;app;submit' {
            break
        }
        'ccc-exempt;help;app;approve' {
            break
        }
        'ccc-exempt;help;app;reject' {
            break
        }
        'ccc-exempt;help;app;amend' {
            break
        }
        'ccc-exempt;help;app;void' {
            break
        }
        'ccc-exempt;help;app;import-products' {
            break
        }
        'ccc-exempt;help;ledger' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the entries (filter by certificate, line, kind, dates)')
            [CompletionResult]::new('balance', 'balance', [CompletionResultType]::ParameterValue, 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json')
            [CompletionResult]::new('reverse', 'reverse', [CompletionResultType]::ParameterValue, 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Re-check the chain, the numbering, the balances and every evidence file')
            [CompletionResult]::new('checkpoint', 'checkpoint', [CompletionResultType]::ParameterValue, 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep')
            [CompletionResult]::new('usage-record', 'usage-record', [CompletionResultType]::ParameterValue, 'What to enter in the official system''s usage records (使用/退运/销毁)')
            break
        }
        'ccc-exempt;help;ledger;add' {
            break
        }
        'ccc-exempt;help;ledger;import' {
            break
        }
        'ccc-exempt;help;ledger;list' {
            break
        }
        'ccc-exempt;help;ledger;balance' {
            break
        }
        'ccc-exempt;help;ledger;export' {
            break
        }
        'ccc-exempt;help;ledger;reverse' {
            break
        }
        'ccc-exempt;help;ledger;close' {
            break
        }
        'ccc-exempt;help;ledger;verify' {
            break
        }
        'ccc-exempt;help;ledger;checkpoint' {
            break
        }
        'ccc-exempt;help;ledger;usage-record' {
            break
        }
        'ccc-exempt;help;status' {
            break
        }
        'ccc-exempt;help;completions' {
            break
        }
        'ccc-exempt;help;backup' {
            break
        }
        'ccc-exempt;help;store' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Which store the workspace uses, its schema version, entry count and head hash')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the workspace''s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy')
            break
        }
        'ccc-exempt;help;store;info' {
            break
        }
        'ccc-exempt;help;store;migrate' {
            break
        }
        'ccc-exempt;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
