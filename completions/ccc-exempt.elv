
use builtin;
use str;

set edit:completion:arg-completer[ccc-exempt] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ccc-exempt'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ccc-exempt'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a workspace'
            cand new 'Scaffold applications/ID/application.toml for a condition'
            cand check 'Check applications against the guide''s rules (all in the workspace when none named)'
            cand explain 'Explain a finding code: the rule, the guide clause behind it, how to fix it'
            cand render 'Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist'
            cand inspect 'Show what the material examination sees in files (seals, dpi, text); --preview draws it'
            cand package 'Check, render and bundle the upload package (a BagIt zip)'
            cand verify 'Verify a package: structure, completeness, every checksum'
            cand catalogue 'The bundled CCC catalogue'
            cand app 'Applications and their status; record what the official system decided'
            cand ledger 'The usage ledger (台账)'
            cand status 'Dashboard: applications, certificates, open quantities, deadlines, risk flags'
            cand completions 'Print shell completions'
            cand backup 'A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it prints the pg_dump command)'
            cand store 'The workspace''s store: which one (SQLite or PostgreSQL), and moving to PostgreSQL'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;init'= {
            cand --name 'Applicant name (单位名称), as on the business licence'
            cand --uscc 'Unified social credit code (统一社会信用代码)'
            cand --address 'Address (地址)'
            cand --contact 'Contact person (联系人)'
            cand --phone 'Phone (联系电话)'
            cand --authority 'The market-regulation department the commitment letter is addressed to'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;new'= {
            cand -c 'research | repair | production-line | exhibition | export-assembly | other (or 1-6)'
            cand --condition 'research | repair | production-line | exhibition | export-assembly | other (or 1-6)'
            cand --products 'Product lines from a spreadsheet (XLSX or CSV; see `app import-products`)'
            cand --sheet 'The XLSX sheet of --products (default: the first)'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;check'= {
            cand --fail-on 'The lowest severity that makes the exit code 1'
            cand --content 'Examine the materials'' content (seal, legibility, declared facts): off, on, or require (a file that could not be examined, M017, is then an error)'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;explain'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;render'= {
            cand -o 'Output file. Without it: `ID-后续管理承诺书.docx` for `letter`, both `ID-对照表.xlsx` and `ID-对照表.csv` for `table`, the checklist on stdout. For `table`, `.csv` writes the CSV, anything else the XLSX'
            cand --output 'Output file. Without it: `ID-后续管理承诺书.docx` for `letter`, both `ID-对照表.xlsx` and `ID-对照表.csv` for `table`, the checklist on stdout. For `table`, `.csv` writes the CSV, anything else the XLSX'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;inspect'= {
            cand --preview 'Write a PNG of the first file''s first page with the seals and the words read boxed'
            cand --fact 'A declared fact (model, number, name) to look for in the text; may be repeated'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;package'= {
            cand -o 'The zip to write (default: ID.zip, or ID-draft.zip with --draft, in the current directory)'
            cand --output 'The zip to write (default: ID.zip, or ID-draft.zip with --draft, in the current directory)'
            cand --content 'Examine the materials'' content in the check the package starts with, as `check` does (from its cache when `check` ran): off, on, or require'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --draft 'Build even with error findings; the bag is marked as a draft and the status is not changed'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;verify'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --fast 'Only zip safety and Payload-Oxum (sizes and count), no checksums'
            cand --complete 'Zip safety and completeness (every manifest line present, no unlisted payload file), no checksums'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;catalogue'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand search 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table'
            cand show 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes'
            cand list 'Every item, with the coverage of the data, and the codes removed from the catalogue'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;catalogue;search'= {
            cand --limit 'At most this many items'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;catalogue;show'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;catalogue;list'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;catalogue;help'= {
            cand search 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table'
            cand show 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes'
            cand list 'Every item, with the coverage of the data, and the codes removed from the catalogue'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;catalogue;help;search'= {
        }
        &'ccc-exempt;catalogue;help;show'= {
        }
        &'ccc-exempt;catalogue;help;list'= {
        }
        &'ccc-exempt;catalogue;help;help'= {
        }
        &'ccc-exempt;app'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The applications of the workspace with their status and last check'
            cand show 'One application: status history and last check'
            cand submit 'Record that the application was submitted in the official system'
            cand approve 'Record the approval: the certificate and its lines'
            cand reject 'Record a rejection and its reason'
            cand amend 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger''s chain; nothing is edited'
            cand void 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision'
            cand import-products 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;app;list'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;show'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --diff 'Show what changed in application.toml since approval (or the last amendment)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;submit'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;approve'= {
            cand --cert-no 'The certificate number (证明号)'
            cand --issued 'The issue date (YYYY-MM-DD)'
            cand --quantity 'Certified quantity of a product line when it differs from the applied one (LINE=N, lines from 1)'
            cand --reason 'Why the approval is recorded without a clean check (kept with it and shown by `status`)'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --force 'Record the approval even though the last check of the current files is missing, outdated or found errors (S003); needs --reason'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;reject'= {
            cand --reason 'The reason the authority gave'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;amend'= {
            cand --reason 'Why the certificate was amended (kept in the ledger''s chain)'
            cand --cert-no 'The certificate number in force from now on (a corrected or new 证明号)'
            cand --issued 'The issue date in force from now on (YYYY-MM-DD)'
            cand --quantity 'A certified quantity in force from now on (LINE=N, lines from 1); never below what the line has already received'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;void'= {
            cand --reason 'Why the approval or rejection was a mistake (kept in the ledger''s chain)'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;import-products'= {
            cand --sheet 'The XLSX sheet to read (default: the first)'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --replace 'Replace the application''s product lines instead of appending to them'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;app;help'= {
            cand list 'The applications of the workspace with their status and last check'
            cand show 'One application: status history and last check'
            cand submit 'Record that the application was submitted in the official system'
            cand approve 'Record the approval: the certificate and its lines'
            cand reject 'Record a rejection and its reason'
            cand amend 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger''s chain; nothing is edited'
            cand void 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision'
            cand import-products 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;app;help;list'= {
        }
        &'ccc-exempt;app;help;show'= {
        }
        &'ccc-exempt;app;help;submit'= {
        }
        &'ccc-exempt;app;help;approve'= {
        }
        &'ccc-exempt;app;help;reject'= {
        }
        &'ccc-exempt;app;help;amend'= {
        }
        &'ccc-exempt;app;help;void'= {
        }
        &'ccc-exempt;app;help;import-products'= {
        }
        &'ccc-exempt;app;help;help'= {
        }
        &'ccc-exempt;ledger'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口'
            cand import 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)'
            cand list 'List the entries (filter by certificate, line, kind, dates)'
            cand balance 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open'
            cand export 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json'
            cand reverse 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)'
            cand close 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported'
            cand verify 'Re-check the chain, the numbering, the balances and every evidence file'
            cand checkpoint 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep'
            cand usage-record 'What to enter in the official system''s usage records (使用/退运/销毁)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;ledger;add'= {
            cand --cert 'The certificate number (证明号)'
            cand --line 'The certificate line (product line, from 1)'
            cand --kind 'inbound 入库 · issue 领用 · return 归还 · use 使用 · reexport 退运核销 · scrap 报废/销毁 · export 整机出口 (English or Chinese)'
            cand --qty 'The quantity (a positive whole number; `--quantity` as in application.toml works too)'
            cand --date 'The business date, YYYY-MM-DD (default: today)'
            cand --evidence 'An evidence file (photo, video, scan, PDF), as FILE or KIND=FILE with KIND one of doc-no, written-proof, photo-or-video, end-user-confirmation, export-declaration. Repeat for several files'
            cand --doc-no 'The document number: import document for inbound, export customs declaration for reexport and export'
            cand --location 'Where the units are (warehouse, lab, line)'
            cand --operator 'Who recorded or handled the movement'
            cand --note 'A free note'
            cand --key 'An idempotency key: the same key with the same content records nothing twice (L007 if the content differs)'
            cand --deviation 'Record a final disposition other than the one the application committed to (`disposal`), with this reason (refused with L011 otherwise; `status` keeps flagging it)'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;import'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --dry-run 'Check every row and report, but write nothing'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;list'= {
            cand --cert 'Only this certificate'
            cand --line 'Only this certificate line'
            cand --kind 'Only these kinds (repeatable): inbound, issue, return, use, reexport, scrap, export, reversal, certify, close, amend, void'
            cand --from 'From this business date (YYYY-MM-DD)'
            cand --to 'Up to this business date (YYYY-MM-DD)'
            cand --limit 'Only the latest N entries'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;balance'= {
            cand --cert 'Only this certificate'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;export'= {
            cand -o 'The file to write; its extension chooses the format: .xlsx, .csv (UTF-8 with BOM) or .json'
            cand --output 'The file to write; its extension chooses the format: .xlsx, .csv (UTF-8 with BOM) or .json'
            cand --cert 'Only this certificate'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;reverse'= {
            cand --reason 'Why (kept in the ledger)'
            cand --operator 'Who reverses it'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand -y 'Do not ask for confirmation (required when not at a terminal)'
            cand --yes 'Do not ask for confirmation (required when not at a terminal)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;close'= {
            cand --cert 'The certificate number (证明号)'
            cand --date 'The write-off date, YYYY-MM-DD (default: today)'
            cand --operator 'Who declares it'
            cand --note 'A note'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand -y 'Do not ask for confirmation (required when not at a terminal)'
            cand --yes 'Do not ask for confirmation (required when not at a terminal)'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;verify'= {
            cand --against 'A checkpoint file (from `ledger checkpoint`) the ledger must still extend'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;checkpoint'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;usage-record'= {
            cand --cert 'The certificate number (证明号)'
            cand --export 'Write the evidence files of every usage record into DIR, named by entry, type, date and kind with the extension of their content, with a table (CSV and XLSX) of what to enter in the official system'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;ledger;help'= {
            cand add 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口'
            cand import 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)'
            cand list 'List the entries (filter by certificate, line, kind, dates)'
            cand balance 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open'
            cand export 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json'
            cand reverse 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)'
            cand close 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported'
            cand verify 'Re-check the chain, the numbering, the balances and every evidence file'
            cand checkpoint 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep'
            cand usage-record 'What to enter in the official system''s usage records (使用/退运/销毁)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;ledger;help;add'= {
        }
        &'ccc-exempt;ledger;help;import'= {
        }
        &'ccc-exempt;ledger;help;list'= {
        }
        &'ccc-exempt;ledger;help;balance'= {
        }
        &'ccc-exempt;ledger;help;export'= {
        }
        &'ccc-exempt;ledger;help;reverse'= {
        }
        &'ccc-exempt;ledger;help;close'= {
        }
        &'ccc-exempt;ledger;help;verify'= {
        }
        &'ccc-exempt;ledger;help;checkpoint'= {
        }
        &'ccc-exempt;ledger;help;usage-record'= {
        }
        &'ccc-exempt;ledger;help;help'= {
        }
        &'ccc-exempt;status'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;completions'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --dynamic 'A script that calls `ccc-exempt` (on the PATH) at each Tab: it also offers the workspace''s application IDs and certificate numbers. Re-generate it after an upgrade'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;backup'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --force 'Replace an existing file at PATH'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;store'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Which store the workspace uses, its schema version, entry count and head hash'
            cand migrate 'Copy the workspace''s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;store;info'= {
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;store;migrate'= {
            cand --to 'The PostgreSQL database to copy into (postgresql://user@host:port/database); a password missing from the URL is taken from PGPASSWORD'
            cand --workspace 'The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml)'
            cand --format 'Output format'
            cand --color 'When to use colour (NO_COLOR and CLICOLOR are honoured with auto)'
            cand --lang 'Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese'
            cand --no-input 'Never prompt; fail instead, naming the flag to pass'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ccc-exempt;store;help'= {
            cand info 'Which store the workspace uses, its schema version, entry count and head hash'
            cand migrate 'Copy the workspace''s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;store;help;info'= {
        }
        &'ccc-exempt;store;help;migrate'= {
        }
        &'ccc-exempt;store;help;help'= {
        }
        &'ccc-exempt;help'= {
            cand init 'Create a workspace'
            cand new 'Scaffold applications/ID/application.toml for a condition'
            cand check 'Check applications against the guide''s rules (all in the workspace when none named)'
            cand explain 'Explain a finding code: the rule, the guide clause behind it, how to fix it'
            cand render 'Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist'
            cand inspect 'Show what the material examination sees in files (seals, dpi, text); --preview draws it'
            cand package 'Check, render and bundle the upload package (a BagIt zip)'
            cand verify 'Verify a package: structure, completeness, every checksum'
            cand catalogue 'The bundled CCC catalogue'
            cand app 'Applications and their status; record what the official system decided'
            cand ledger 'The usage ledger (台账)'
            cand status 'Dashboard: applications, certificates, open quantities, deadlines, risk flags'
            cand completions 'Print shell completions'
            cand backup 'A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it prints the pg_dump command)'
            cand store 'The workspace''s store: which one (SQLite or PostgreSQL), and moving to PostgreSQL'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ccc-exempt;help;init'= {
        }
        &'ccc-exempt;help;new'= {
        }
        &'ccc-exempt;help;check'= {
        }
        &'ccc-exempt;help;explain'= {
        }
        &'ccc-exempt;help;render'= {
        }
        &'ccc-exempt;help;inspect'= {
        }
        &'ccc-exempt;help;package'= {
        }
        &'ccc-exempt;help;verify'= {
        }
        &'ccc-exempt;help;catalogue'= {
            cand search 'Rank catalogue items by what you type: a product name in Chinese or English, an everyday word (笔记本电脑, charger), a code or an item number. Confirm against the official table'
            cand show 'One item with all its codes: by item number (1–96) or by one of its 4-digit codes'
            cand list 'Every item, with the coverage of the data, and the codes removed from the catalogue'
        }
        &'ccc-exempt;help;catalogue;search'= {
        }
        &'ccc-exempt;help;catalogue;show'= {
        }
        &'ccc-exempt;help;catalogue;list'= {
        }
        &'ccc-exempt;help;app'= {
            cand list 'The applications of the workspace with their status and last check'
            cand show 'One application: status history and last check'
            cand submit 'Record that the application was submitted in the official system'
            cand approve 'Record the approval: the certificate and its lines'
            cand reject 'Record a rejection and its reason'
            cand amend 'Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue date or certified quantities, appended to the ledger''s chain; nothing is edited'
            cand void 'Void an approval or rejection recorded by mistake (refused once the certificate has a movement); the application goes back to where it was before the decision'
            cand import-products 'Product lines from a spreadsheet (an invoice, packing list or ERP export) into application.toml: XLSX or CSV, headers in Chinese or English'
        }
        &'ccc-exempt;help;app;list'= {
        }
        &'ccc-exempt;help;app;show'= {
        }
        &'ccc-exempt;help;app;submit'= {
        }
        &'ccc-exempt;help;app;approve'= {
        }
        &'ccc-exempt;help;app;reject'= {
        }
        &'ccc-exempt;help;app;amend'= {
        }
        &'ccc-exempt;help;app;void'= {
        }
        &'ccc-exempt;help;app;import-products'= {
        }
        &'ccc-exempt;help;ledger'= {
            cand add 'Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销, scrap 报废/销毁, export 整机出口'
            cand import 'Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md)'
            cand list 'List the entries (filter by certificate, line, kind, dates)'
            cand balance 'Balances per certificate line: certified, received, in stock, issued, used, re-exported, scrapped, exported, open'
            cand export 'Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv (UTF-8 with BOM) or .json'
            cand reverse 'Cancel an entry with a reversing entry (nothing is ever edited or deleted)'
            cand close 'Declare a certificate fully written off (核销完毕): every unit received is used, re-exported, destroyed or exported'
            cand verify 'Re-check the chain, the numbering, the balances and every evidence file'
            cand checkpoint 'Print a checkpoint (workspace, entry count, head hash) for an auditor to keep'
            cand usage-record 'What to enter in the official system''s usage records (使用/退运/销毁)'
        }
        &'ccc-exempt;help;ledger;add'= {
        }
        &'ccc-exempt;help;ledger;import'= {
        }
        &'ccc-exempt;help;ledger;list'= {
        }
        &'ccc-exempt;help;ledger;balance'= {
        }
        &'ccc-exempt;help;ledger;export'= {
        }
        &'ccc-exempt;help;ledger;reverse'= {
        }
        &'ccc-exempt;help;ledger;close'= {
        }
        &'ccc-exempt;help;ledger;verify'= {
        }
        &'ccc-exempt;help;ledger;checkpoint'= {
        }
        &'ccc-exempt;help;ledger;usage-record'= {
        }
        &'ccc-exempt;help;status'= {
        }
        &'ccc-exempt;help;completions'= {
        }
        &'ccc-exempt;help;backup'= {
        }
        &'ccc-exempt;help;store'= {
            cand info 'Which store the workspace uses, its schema version, entry count and head hash'
            cand migrate 'Copy the workspace''s SQLite store into an empty PostgreSQL database, then verify the chain, the balances and every evidence hash on the copy'
        }
        &'ccc-exempt;help;store;info'= {
        }
        &'ccc-exempt;help;store;migrate'= {
        }
        &'ccc-exempt;help;help'= {
        }
    ]
    $completions[$command]
}
