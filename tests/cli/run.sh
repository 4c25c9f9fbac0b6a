#!/usr/bin/env bash
# tests/cli/run.sh — the command line as a user meets it: the real binary
# ($LOTS_BIN, default build/release/lots) on a fresh database in a temporary
# directory, checking what it prints and, above all, its exit codes
# (0 done, 1 refused or failed with a message on stderr, 2 wrong usage).
#
# Steps, items and transitions are read from the program's own JSON output
# rather than written here, so the test follows edits of the definitions.
# JSON is read with node (installed for the HTTP and browser suites anyway).
# Last line: "N passed, N failed"; exit status non-zero on any failure.
set -u
cd "$(dirname "$0")/../.."
bin=${LOTS_BIN:-build/release/lots}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin" ]; then
    echo "lots saknas: $bin (bygg med make)"
    echo "0 passed, 1 failed"
    exit 1
fi
unset LOTS_DB LOTS_USER LOTS_PROCESSES LOTS_RULES
export LOTS_FAST_HASH=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/lots.db"
year=$(date +%Y)
passed=0 failed=0

# run CMD… — runs lots with stdin from /dev/null; sets rc, out and err (files).
out="$tmp/out" err="$tmp/err"
run() { "$bin" "$@" <"$tmp/empty" >"$out" 2>"$err"; rc=$?; }
run_in() { local input=$1; shift; printf '%s\n' "$input" | "$bin" "$@" >"$out" 2>"$err"; rc=$?; }
: >"$tmp/empty"

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() {
    failed=$((failed + 1))
    echo "FAIL $1: $2"
    echo "     stdout: $(head -c 600 "$out")"
    echo "     stderr: $(head -c 600 "$err")"
}
# expect NAME RC [stdout-regex [stderr-regex]] — checks the last run.
expect() {
    local name=$1 want=$2 o=${3:-} e=${4:-}
    if [ "$rc" -ne "$want" ]; then bad "$name" "exit $rc, want $want"; return; fi
    if [ -n "$o" ] && ! grep -Eq -- "$o" "$out"; then bad "$name" "stdout does not match /$o/"; return; fi
    if [ -n "$e" ] && ! grep -Eq -- "$e" "$err"; then bad "$name" "stderr does not match /$e/"; return; fi
    if [ "$want" -ne 0 ] && [ ! -s "$err" ]; then bad "$name" "refused without a message on stderr"; return; fi
    ok "$name"
}
# jq-like: js EXPR evaluated with d = the JSON in the last stdout.
js() { node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const r=('"$1"');console.log(typeof r==="object"?JSON.stringify(r):r)' "$out"; }

# --- help, version, usage ---------------------------------------------------------
run version;                     expect "version" 0 '^lots [0-9]+\.[0-9]+'
run --version;                   expect "--version" 0 '^lots '
run help;                        expect "help lists commands" 0 'lots case new'
run help case;                   expect "help case" 0 'lots case move'
run help nosuch;                 expect "help for unknown command" 2 '' 'okänt kommando'
run;                             expect "no arguments is usage" 2
run frobnicate;                  expect "unknown command" 2 '' 'okänt kommando'
run case;                        expect "case without subcommand" 2 '' 'lots case new'
run case frob;                   expect "unknown case subcommand" 2
run case list --nosuch --db "$db"; expect "unknown flag" 2 '' 'okänd flagga'

# --- init, users, tokens -----------------------------------------------------------------
run init --db "$db";             expect "init" 0 'klar'
run init --db "$db";             expect "init again is harmless" 0 'klar'
run_in 'ett-långt-lösenord' user add admin --role admin --password-stdin --db "$db"
expect "user add admin" 0 'admin'
run_in 'ett-långt-lösenord' user add anna.berg --role handläggare --display-name "Anna Berg" --password-stdin --db "$db"
expect "user add handläggare" 0 'anna.berg'
run_in 'ett-långt-lösenord' user add maria.holm --role läsare --display-name "Maria Holm" --password-stdin --db "$db"
expect "user add läsare" 0
run_in 'ett-långt-lösenord' user add kalle --role chef --password-stdin --db "$db"
expect "user add with unknown role" 1 '' 'roll'
run user add kalle --role läsare --db "$db"
expect "user add without --password-stdin" 2 '' 'användning'
run_in 'kort' user add kalle --role läsare --password-stdin --db "$db"
expect "user add with short password" 1 '' 'minst'
run_in 'ett-långt-lösenord' user add anna.berg --role läsare --password-stdin --db "$db"
expect "user add duplicate" 1 '' 'finns redan'
run token new anna.berg --label "Skript" --db "$db"
expect "token new" 0 '^lots_[0-9a-f]{64}$'
if [ "$(wc -l <"$out")" -eq 1 ]; then ok "token is the only line"; else bad "token is the only line" "$(wc -l <"$out") lines"; fi
run token new nobody --db "$db";  expect "token for unknown user" 1

# --- processes ---------------------------------------------------------------------------------
run process list
expect "process list" 0 '^A '
for p in A B C; do
    if grep -Eq "^$p " "$out"; then ok "process list has $p"; else bad "process list has $p" "missing"; fi
done
run process show A;              expect "process show A" 0 'Process A'
run process show B --json;       expect "process show --json" 0 '"key"'
if [ "$(js 'd.key')" = B ] && [ "$(js 'd.steps.length>0')" = true ]; then ok "process json has key and steps"
else bad "process json has key and steps" "$(js 'd.key')"; fi
run process show C --svg;        expect "process show --svg" 0
if head -c 4 "$out" | grep -q '^<svg'; then ok "svg starts with <svg"; else bad "svg starts with <svg" "starts: $(head -c 20 "$out")"; fi
run process show Z;              expect "process show unknown" 1 '' 'finns inte'
run process show A --svg --json; expect "process show --svg --json" 2
run process show;                expect "process show without key" 2

# an organisation's own definitions: an override replaces the built-in …
mkdir -p "$tmp/own"
sed 's/^name: .*/name: Beredning enligt vår egen rutin/' processes/A.yaml >"$tmp/own/A.yaml"
run process list --processes "$tmp/own"; expect "process list with an override" 0 'Beredning enligt vår egen rutin'
LOTS_PROCESSES="$tmp/own" "$bin" process show A <"$tmp/empty" >"$out" 2>"$err"; rc=$?
expect "LOTS_PROCESSES honoured" 0 'Beredning enligt vår egen rutin'
# … and a broken one stops Lots from starting, naming file and line
sed 's/^    transitions:/    tranistions:/' processes/A.yaml >"$tmp/own/A.yaml"
line=$(grep -n 'tranistions:' "$tmp/own/A.yaml" | head -1 | cut -d: -f1)
run serve --processes "$tmp/own" --db "$tmp/never.db" --listen 127.0.0.1:0
expect "serve refuses a broken definition" 1 '' "$tmp/own/A.yaml:$line:"
if [ ! -e "$tmp/never.db" ]; then ok "nothing created when refusing to start"; else bad "nothing created when refusing to start" "db exists"; fi
run init --processes "$tmp/own" --db "$tmp/never.db"
expect "init refuses a broken definition" 1 '' 'tranistions'
# the same for decision rules: a broken rules file stops serve, naming file and line
mkdir -p "$tmp/rules"
sed '0,/^    kind:/s//    knid:/' rules/orebro.yaml >"$tmp/rules/orebro.yaml"
line=$(grep -n 'knid:' "$tmp/rules/orebro.yaml" | head -1 | cut -d: -f1)
run serve --rules "$tmp/rules" --db "$tmp/never.db" --listen 127.0.0.1:0
expect "serve refuses broken decision rules" 1 '' "$tmp/rules/orebro.yaml:$line:"

# --- cases ---------------------------------------------------------------------------------------
run case new --origin 1 --title "Tillgång till akutvård i Fyrbodal" --description "Uppdrag från nämnden." --as anna.berg --db "$db"
expect "case new origin 1" 0 "^HS $year-00001 \\(id 1\\) registrerat: process A"
run case new --origin 3 --title "Riktlinjer för depression och ångest" --as anna.berg --db "$db"
expect "case new origin 3" 0 "^HS $year-00002 \\(id 2\\) registrerat: process B"
run case new --origin 6 --title "Återkommande brister i överrapportering" --as anna.berg --db "$db"
expect "case new origin 6" 0 "^HS $year-00003 \\(id 3\\) registrerat: process C"
run case new --origin sex --title "X" --as anna.berg --db "$db"
expect "case new origin not a number" 2
run case new --origin 9 --title "X" --as anna.berg --db "$db"
expect "case new origin out of range" 1 '' '1–6'
run case new --origin 1 --as anna.berg --db "$db"
expect "case new without title" 2
run case new --origin 1 --title "   " --as anna.berg --db "$db"
expect "case new blank title" 1 '' 'Rubrik'
run case new --origin 1 --title "Läsaren försöker" --as maria.holm --db "$db"
expect "case new as läsare" 1 '' 'Läsare'
run case new --origin 1 --title "Okänd person" --as nobody --db "$db"
expect "case new as unknown user" 1 '' 'nobody'
# A personnummer made here (valid check digit) rather than written out.
luhn() { local s=$1 sum=0 i d; for ((i = 0; i < 9; i++)); do d=$(( ${s:i:1} * (i % 2 ? 1 : 2) )); ((d > 9)) && d=$((d - 9)); sum=$((sum + d)); done; echo $(((10 - sum % 10) % 10)); }
pnr="800101-123$(luhn 800101123)"
run case new --origin 1 --title "Klagomål $pnr" --as anna.berg --db "$db"
expect "case new with personnummer refused" 1 '' 'personnummer'
LOTS_USER=maria.holm run case new --origin 1 --title "Via LOTS_USER" --db "$db"
expect "LOTS_USER is the actor" 1 '' 'Läsare'
run case new --origin 2 --title "Initiativ om diabetesvård" --db "$db"
expect "actor defaults to admin" 0 "HS $year-00004"

run case list --db "$db";                 expect "case list" 0 "HS $year-00001"
if [ "$(grep -c "HS $year-" "$out")" -eq 4 ]; then ok "case list shows all four"; else bad "case list shows all four" "$(grep -c "HS $year-" "$out")"; fi
run case list --process B --db "$db";     expect "case list --process" 0 "HS $year-00002"
if ! grep -q "HS $year-00001" "$out"; then ok "--process filters"; else bad "--process filters" "A case listed"; fi
run case list --q "ÖVERRAPPORTERING" --db "$db"; expect "case list --q folds case" 0 "HS $year-00003"
run case list --origin 2 --json --db "$db"; expect "case list --json" 0 '"items"'
if [ "$(js 'd.total')" = 1 ] && [ "$(js 'd.items[0].ref')" = "HS $year-00004" ]; then ok "json total and items"
else bad "json total and items" "$(js 'd.total')"; fi
run case list --limit 2 --json --db "$db"
if [ "$(js 'd.total')" = 4 ] && [ "$(js 'd.items.length')" = 2 ]; then ok "--limit pages, total counts all"
else bad "--limit pages, total counts all" "total $(js 'd.total') n $(js 'd.items.length')"; fi
run case list --origin x --db "$db";      expect "case list --origin not a number" 2
run case list --process Z --db "$db";     expect "case list unknown process" 1 '' 'finns inte'
run case list --limit 0 --db "$db";       expect "case list --limit 0" 1

run case show 1 --db "$db";               expect "case show by id" 0 'Historik'
grep -q 'Tillgång till akutvård i Fyrbodal' "$out" && ok "case show has title" || bad "case show has title" "missing"
run case show "HS $year-00001" --db "$db"; expect "case show by ref" 0 "HS $year-00001"
run case show "HS$year-00001" --db "$db"; expect "case show by ref without space" 0 "HS $year-00001"
run case show 1 --json --db "$db";        expect "case show --json" 0 '"history"'
[ "$(js 'd.process')" = A ] && ok "json detail process" || bad "json detail process" "$(js 'd.process')"
run case show 99 --db "$db";              expect "case show unknown id" 1 '' 'finns inte'
run case show --db "$db";                 expect "case show without id" 2

# Walk case 1 forward along open transitions until a forward transition is
# blocked by a required checklist item, then check the refusal names it.
blocked_to="" blocked_item="" blocked_key=""
for _ in 1 2 3 4 5 6; do
    run case show 1 --json --db "$db"
    blocked_to=$(js 'd.transitions.filter(t=>!t.back&&!t.open&&(t.blocked_by||"").length&&d.checklist.some(c=>c.required&&c.state==="open")).map(t=>t.to)[0]||""')
    if [ -n "$blocked_to" ]; then
        blocked_item=$(js 'd.checklist.filter(c=>c.required&&c.state==="open")[0].text')
        blocked_key=$(js 'd.checklist.filter(c=>c.required&&c.state==="open")[0].item')
        break
    fi
    next=$(js 'd.transitions.filter(t=>!t.back&&t.open).map(t=>t.to)[0]||""')
    [ -n "$next" ] || break
    run case move 1 "$next" --note "Fördelat enligt rutin." --as anna.berg --db "$db"
    expect "case move to $next" 0 "$next"
done
if [ -z "$blocked_to" ]; then
    bad "found a step whose move is blocked by a required item" "none within six steps"
else
    run case move 1 "$blocked_to" --note "Försök" --as anna.berg --db "$db"
    expect "blocked move refused" 1 '' "$(printf '%s' "$blocked_item" | sed 's/[][\.*^$?+(){}|]/\\&/g')"
    run case check 1 "$blocked_key" na --as anna.berg --db "$db"
    expect "check na without note" 1 '' 'kommentar'
    run case check 1 "$blocked_key" klar --as anna.berg --db "$db"
    expect "check unknown state" 1 '' 'open, done eller na'
    run case check 1 nosuch_item done --as anna.berg --db "$db"
    expect "check unknown item" 1 '' 'nosuch_item'
    run case check 1 "$blocked_key" done --as maria.holm --db "$db"
    expect "check as läsare" 1
    run case check 1 "$blocked_key" --as anna.berg --db "$db"
    expect "check without state" 2
    run case show 1 --json --db "$db"
    for key in $(js 'd.checklist.filter(c=>c.required).map(c=>c.item).join(" ")'); do
        run case check 1 "$key" done --note "Klart." --as anna.berg --db "$db"
        expect "check $key done" 0 'Klar'
    done
    run case move 1 "$blocked_to" --note "Beredningen är klar." --as anna.berg --db "$db"
    expect "move after answering" 0 "$blocked_to"
    run case show 1 --json --db "$db"
    [ "$(js 'd.step')" = "$blocked_to" ] && ok "case stands in the new step" || bad "case stands in the new step" "$(js 'd.step')"
    [ "$(js 'd.history[d.history.length-1].by')" = "Anna Berg" ] && [ "$(js 'd.history[d.history.length-1].why')" = "Beredningen är klar." ] \
        && ok "history has actor and note" || bad "history has actor and note" "$(js 'd.history[d.history.length-1]')"
fi
run case move 1 nosuch_step --as anna.berg --db "$db";  expect "move to unknown step" 1 '' 'nosuch_step'
run case move 1 --as anna.berg --db "$db";              expect "move without step" 2

# --- LOTS_DB ------------------------------------------------------------------------------------------
LOTS_DB="$db" run case list;             expect "LOTS_DB honoured" 0 "HS $year-00001"
LOTS_DB="$tmp/other.db" run init;        expect "init via LOTS_DB" 0 'other.db'
[ -f "$tmp/other.db" ] && ok "LOTS_DB file created" || bad "LOTS_DB file created" "missing"

# --- demo ----------------------------------------------------------------------------------------------
run init --db "$tmp/demo.db" --demo;     expect "init --demo" 0 'lösenordet: [0-9a-f]{32}$'
run case list --limit 200 --json --db "$tmp/demo.db"
[ "$(js 'd.total>=12')" = true ] && ok "demo has at least 12 cases" || bad "demo has at least 12 cases" "$(js 'd.total')"
[ "$(js '[...new Set(d.items.map(i=>i.process))].sort().join("")')" = ABC ] && ok "demo covers A, B and C" \
    || bad "demo covers A, B and C" "$(js '[...new Set(d.items.map(i=>i.process))].join("")')"
run init --db "$tmp/demo.db" --demo;     expect "second init --demo refused" 1 '' 'redan användare'

# --- spc: control charts from stdin ------------------------------------------------------------------
# Montgomery's circuit boards, the 26 trial samples (qcc data "circuit"); qcc's vignette prints
# c̄ 19.84615, LCL 6.481447, UCL 33.21086 (../shared/spc-reference/expected.md line 46; full precision
# in expected_qcc_circuit_c_trial.csv). Samples 6 and 20 lie outside the limits.
circuit="sample,defects"
i=0; for c in 21 24 16 12 15 5 28 20 31 25 20 24 16 19 10 17 13 22 18 39 30 24 16 19 17 15; do
    i=$((i + 1)); circuit="$circuit"$'\n'"$i,$c"
done
run_in "$circuit" spc c;                expect "spc c on the circuit boards" 0 '"chart": "c"'
near() { node -e 'const [g,w]=[+process.argv[1],+process.argv[2]];process.exit(Math.abs(g-w)<=1e-6*Math.abs(w)?0:1)' "$1" "$2"; }
near "$(js 'd.points[0].cl')" 19.8461538461538 && near "$(js 'd.points[0].ucl')" 33.2108605251418 \
    && near "$(js 'd.points[0].lcl')" 6.4814471671659 && ok "spc c: CL and limits as published" \
    || bad "spc c: CL and limits as published" "$(js '[d.points[0].cl,d.points[0].lcl,d.points[0].ucl]')"
[ "$(js 'd.points.filter(p=>p.signal).map(p=>p.x).join(" ")')" = "6 20" ] && ok "spc c: samples 6 and 20 signal" \
    || bad "spc c: samples 6 and 20 signal" "$(js 'd.points.filter(p=>p.signal).map(p=>p.x)')"
# Anhøj's limits for 26 useful points: 8 and 8 (anhoej_critical_values.csv, expected.md line 173).
[ "$(js 'd.points.length+" "+d.runs.useful+" "+d.runs.longest_max+" "+d.runs.crossings_min')" = "26 26 8 8" ] \
    && ok "spc c: runs figures" || bad "spc c: runs figures" "$(js 'd.runs')"
run_in "$circuit" spc run --freeze 10; expect "spc run --freeze" 0
[ "$(js 'd.points[25].cl+" "+d.points[0].ucl')" = "20.5 null" ] && ok "spc run: median of the first 10, no limits" \
    || bad "spc run: median of the first 10, no limits" "$(js '[d.points[25].cl,d.points[0].ucl]')"
run_in $'x,y,n\n2024-01,3,1200\n2024-02,5,1100\n2024-03,4' spc u
expect "spc u: a missing denominator names the line" 1 '' 'rad 4: nämnaren n saknas \(krävs för u-diagram\)'
run_in $'2024-01,3\n2024-02,tre' spc c;  expect "spc: a bad number names the line" 1 '' "rad 2: .*'tre' är inte ett tal"
run_in $'2024-01,3\n2024-02,-1' spc c;   expect "spc: a negative count is refused" 1 '' 'rad 2: .*negativ'
run_in $'1,3\n2,4' spc xbar;             expect "spc: unknown chart is usage" 2 '' 'okänd diagramtyp'
run_in $'1,3\n2,4' spc;                  expect "spc: chart missing is usage" 2 '' 'användning'
run_in $'1,3\n2,4' spc c --freeze x;     expect "spc: bad --freeze is usage" 2 '' 'freeze'
run_in $'1,3\n2,4' spc c --freeze 3;     expect "spc: freeze longer than the series" 1 '' 'bara 2'
run_in '' spc c;                         expect "spc: no points" 1 '' 'inga punkter'
run_in $'m\xc3\xa5nad;antal;vårddagar\n2024-01;3;1200,5\n2024-02;5;1100' spc u
expect "spc: Swedish Excel CSV (semicolons, decimal comma)" 0 '"chart": "u"'

# --- organisation and decision paths (lots org, lots decide) -------------------------------------------
unset LOTS_RULES
orgdb="$tmp/org.db"
run init --db "$orgdb";                  expect "init for the organisation" 0
cat >"$tmp/org.csv" <<'CSV'
# Utdrag ur Region Örebro län
typ;namn;nivå;överordnad;kortnamn;chefstitel
enhet;Region Örebro län;region;;RÖL;Regiondirektör
enhet;Hälso- och sjukvårdsförvaltningen;förvaltning;RÖL;HSF;Hälso- och sjukvårdsdirektör
enhet;Universitetssjukhuset Örebro;område;HSF;USÖ;Områdeschef
enhet;Ortopedi;verksamhet;USÖ;;Verksamhetschef
enhet;Västra Götalandsregionen;region;;VGR;Regiondirektör
enhet;Skaraborgs sjukhus;förvaltning;VGR;SkaS;Sjukhusdirektör
kommun;Örebro;;;;
kommun;Kumla;;;;
kommun;Askersund;;;;
CSV
run org import "$tmp/org.csv" --db "$orgdb"; expect "org import" 0 '6 enheter, 3 kommuner'
run org units --db "$orgdb";             expect "org units as a tree" 0 '^      Ortopedi \(verksamhet, id [0-9]+\) – Verksamhetschef'
run org units --json --db "$orgdb"
[ "$(js 'd.items.find(u=>u.name==="Ortopedi").parent_id===d.items.find(u=>u.short_name==="USÖ").id')" = true ] \
    && ok "org units --json has parent ids" || bad "org units --json has parent ids" "$(js 'd.items')"
printf 'typ;namn;nivå;överordnad\nenhet;Kirurgi;verksamhet;USÖ\nenhet;Ortopedi Skövde;verksamhet;SkaS-Ortopedi\n' >"$tmp/bad.csv"
run org import "$tmp/bad.csv" --db "$orgdb"; expect "org import names the bad line" 1 '' "rad 3: okänd överordnad enhet 'SkaS-Ortopedi'"
run org units --json --db "$orgdb"
[ "$(js 'd.items.length')" = 6 ] && ok "a failed import writes nothing" || bad "a failed import writes nothing" "$(js 'd.items.length') units"
run org import "$tmp/nosuch.csv" --db "$orgdb"; expect "org import of a missing file" 1 '' 'kan inte läsas'
run org import --db "$orgdb";            expect "org import without a file" 2
run org municipalities --db "$orgdb";    expect "org municipalities" 0 'Askersunds kommun'

run decide --unit Ortopedi --within-mission --within-budget --db "$orgdb"
expect "decide: the verksamhetschef decides" 0 '1\. Verksamhetschef Ortopedi, Universitetssjukhuset Örebro – beslutar'
run decide --unit ortopedi --within-mission --within-budget --json --db "$orgdb"
[ "$(js 'd.steps.map(s=>s.kind).join(" ")')" = "decides informed endorses" ] && ok "decide --json: decides, informed, endorses" \
    || bad "decide --json: decides, informed, endorses" "$(js 'd.steps.map(s=>s.kind)')"
run decide --unit Ortopedi --municipality Örebro --municipality=Kumla --municipality Askersund --within-mission \
    --within-budget --political --json --db "$orgdb"
[ "$(js 'd.steps.map(s=>s.kind).join(" ")')" = "decides informed endorses informed recommends decides decides decides" ] \
    && ok "decide: samverkansrådet recommends before each municipality decides" \
    || bad "decide: samverkansrådet recommends before each municipality decides" "$(js 'd.steps.map(s=>s.kind)')"
[ "$(js 'd.steps.slice(5).map(s=>s.actor).join(",")')" = "Örebro kommun,Kumla kommun,Askersunds kommun" ] \
    && ok "decide: municipalities in the order given" || bad "decide: municipalities in the order given" "$(js 'd.steps.slice(5).map(s=>s.actor)')"
run decide --unit Ortopedi --within-mission --cost "750 000" --db "$orgdb"
expect "decide outside budget: RMKS prioritises" 0 'RMKS\) – prioriterar'
grep -q 'Hälso- och sjukvårdsförvaltningens ledningsgrupp – beslutar' "$out" && grep -q '750 000 kr' "$out" \
    && ok "decide outside budget: the HoS ledningsgrupp decides" || bad "decide outside budget: the HoS ledningsgrupp decides" "see stdout"
run decide --unit SkaS-Ortopedi --db "$orgdb";        expect "decide: unknown unit" 1 '' "Okänd enhet 'SkaS-Ortopedi'"
run decide --municipality Gotham --db "$orgdb";       expect "decide: unknown municipality" 1 '' "Okänd kommun 'Gotham'"
run decide --within-mission --db "$orgdb";            expect "decide without unit or municipality" 2 '' 'minst en'
run decide --unit --db "$orgdb";                      expect "decide: --unit needs a value" 2
run decide --unit Ortopedi --cost mycket --db "$orgdb"; expect "decide: a cost that is not a number" 2 '' 'kronor'
run setting set decision_rules skane --db "$orgdb";   expect "unknown rule set refused" 1 '' 'orebro, vgr'
run setting set decision_rules vgr --db "$orgdb";     expect "switch to the VGR rules" 0
run decide --unit SkaS --within-mission --within-budget --db "$orgdb"
expect "decide with VGR rules: delegationsbeslut" 0 'Sjukhusdirektör Skaraborgs sjukhus – beslutar'
run setting set decision_rules orebro --db "$orgdb";  expect "back to the Örebro rules" 0
mkdir -p "$tmp/rules"
printf 'key: orebro\nname: Egen\nsteps:\n  - key: a\n    actor: Regionstyrelsen\n    kind: decides\n    reason: Alltid.\n' >"$tmp/rules/orebro.yaml"
run decide --unit Ortopedi --rules "$tmp/rules" --db "$orgdb"; expect "--rules replaces the built-in set" 0 'Regionstyrelsen – beslutar'
LOTS_RULES="$tmp/rules" run decide --unit Ortopedi --db "$orgdb"; expect "LOTS_RULES is honoured" 0 'Regionstyrelsen'
printf 'key: trasig\nname: T\nsteps:\n  - key: a\n    actor: A\n    kind: beslutar\n    reason: R\n' >"$tmp/rules/trasig.yaml"
run decide --unit Ortopedi --rules "$tmp/rules" --db "$orgdb"; expect "a broken rules file is named with its line" 1 '' 'trasig\.yaml:6:'

# --- plan: plans, indicators, import and export ---------------------------------------------------
plandb="$tmp/plan.db"
run init --db "$plandb";                                  expect "plan: init" 0
run plan demo --db "$plandb";                             expect "plan demo" 0 'Demoplanerna är inlagda'
run plan demo --db "$plandb";                             expect "plan demo twice is refused" 1 '' 'finns redan'
run plan list --db "$plandb";                             expect "plan list" 0 'regionhalsan +Genomförandeplan 2024–2027 – Regionhälsan'
run plan show genomforandeplan --db "$plandb"
expect "plan show: areas with their owners" 0 'Strategisk ägare: Kaarina Sundelin \(BoP\) · Uppdragsansvarig: Ann-Sofi Isaksson'
run plan show regionhalsan --period 2023-T3 --db "$plandb"
expect "plan show --period: the indicator's level in that tertial" 0 'RH-NV-I1 .*\[ej uppnått\] 2023-T3: utfall 74 %, mål 88 %'
run plan show nosuch --db "$plandb";                      expect "plan show: unknown plan" 1 '' "planen 'nosuch' finns inte"
run plan show regionhalsan --period 2024-T4 --db "$plandb"; expect "plan show: a bad period is usage" 2 '' "okänd period '2024-T4'"
run plan summary regionhalsan --json --db "$plandb"
[ "$(js 'd.areas.map(a=>[a.code,a.activities,a.indicators,a.total].join(":")).join(" ")+" "+d.total.total')" = "RH-NV:2:1:3 RH-UP:3:0:3 6" ] \
    && ok "plan summary: the pivot counts" || bad "plan summary: the pivot counts" "$(js 'd')"
run plan series RH-NV-I1 --json --db "$plandb"
[ "$(js 'd.points.map(p=>[p.period,p.target,p.outcome,p.fulfilment].join("/")).join(" ")')" = \
  "2023-T2/63/57/not_met 2023-T3/88/74/not_met 2024-T1/83/85/met 2024-T2/57// 2024-T3/74//" ] \
    && ok "plan series: Regionhälsan's five periods exactly" || bad "plan series: Regionhälsan's five periods exactly" "$(js 'd.points')"
run plan series RH-NV-I1 --db "$plandb";                  expect "plan series: the follow-up table" 0 'Tertial 1 2024 +85 +83  uppnått'
run plan report regionhalsan --period 2024-T1 --db "$plandb"
expect "plan report" 0 'RH-NV-I1 .*: utfall 85 %, mål 83 % \(2024-T1\) → uppnått'
run plan report regionhalsan --db "$plandb";              expect "plan report without --period is usage" 2

# import: all or nothing, the first bad line named
printf 'indikator,period,målvärde,utfall,kommentar\nRH-NV-I1,2024-T2,,59,Över målet\nRH-NV-I1,2025-T1,80,,\nRH-NV-I1,2025-T2,81,,\nRH-NV-I1,2025-T3,82,,\nRH-NV-I1,2026-T1,83,,\nRH-NV-I1,2024-T4,84,,\n' >"$tmp/bad.csv"
run plan import "$tmp/bad.csv" --db "$plandb";            expect "plan import: the bad line is named" 1 '' "rad 7: okänd period '2024-T4'.*inget har importerats"
run plan series RH-NV-I1 --json --db "$plandb"
[ "$(js 'd.points.length+" "+d.points[3].outcome')" = "5 null" ] && ok "plan import: a refused file wrote nothing" \
    || bad "plan import: a refused file wrote nothing" "$(js 'd.points')"
head -6 "$tmp/bad.csv" >"$tmp/good.csv"
run plan import "$tmp/good.csv" --db "$plandb";           expect "plan import" 0 'Importerat från .*: 5 rader för 1 indikator\.'
run plan series RH-NV-I1 --json --db "$plandb"
[ "$(js 'd.points.length+" "+d.points[3].outcome+" "+d.points[3].fulfilment+" "+d.points[3].comment')" = "9 59 met Över målet" ] \
    && ok "plan import: values written" || bad "plan import: values written" "$(js 'd.points[3]')"
run plan import "$tmp/nosuch.csv" --db "$plandb";         expect "plan import: missing file" 1 '' 'kan inte läsas'
run plan import "$tmp/good.csv" --as nobody --db "$plandb"; expect "plan import --as an unknown user" 1 '' "'nobody' finns inte"

# export: csv to stdout and to a file, xlsx read again cell by cell
run plan export regionhalsan --format csv --db "$plandb"
expect "plan export csv" 0 '^regionhalsan,Nära vård,RH-NV-I1,.*,2024-T2,57,59,uppnått,,,Över målet$'
run plan export regionhalsan --format csv --out "$tmp/export.csv" --db "$plandb"; expect "plan export csv --out" 0
run plan import "$tmp/export.csv" --db "$plandb";         expect "plan import reads its own export" 0 '9 rader'
run plan export regionhalsan --format xlsx --out "$tmp/plan.xlsx" --db "$plandb"; expect "plan export xlsx" 0
python3 tests/unit/xlsx_cells.py "$tmp/plan.xlsx" >"$out" 2>"$err"
for cell in 'Sammanställning!A5	Nära vård' 'Sammanställning!E7	6' 'RH-NV Nära vård!E8	2023-T2' \
            'RH-NV Nära vård!F8	57' 'RH-NV Nära vård!G8	63' 'RH-NV Nära vård!H8	ej uppnått' 'RH-NV Nära vård!F11	59'; do
    grep -qxF "$cell" "$out" && ok "plan xlsx cell ${cell%%	*}" || bad "plan xlsx cell ${cell%%	*}" "want '${cell#*	}'"
done
run plan export regionhalsan --format xlsx --db "$plandb"; expect "plan export xlsx needs --out" 2 '' '--out'
run plan export regionhalsan --format pdf --out x --db "$plandb"; expect "plan export: unknown format" 2 '' "okänt format 'pdf'"

# --- deviations and complaints (lots deviation, lots complaint) -----------------------------------------
# A demo organisation (lots init --demo) with the shipped example exports and mappings of docs/examples/;
# lists are narrowed by reference so that demo deviations, if any, do not count.
devdb="$tmp/dev.db"
run init --db "$devdb" --demo;           expect "init for deviations" 0
run_in 'ett-långt-lösenord' user add lisa --role läsare --password-stdin --db "$devdb"
ex=docs/examples
run deviation import "$ex/avvikelser.csv" --mapping "$ex/avvikelser.mappning" --db "$devdb"
expect "deviation import with the example mapping" 0 '4 nya, 0 fanns redan \(4 rader'
run deviation import "$ex/avvikelser.csv" --mapping "$ex/avvikelser.mappning" --db "$devdb"
expect "a re-import adds nothing twice" 0 '0 nya, 4 fanns redan'
run deviation list --q MC-2026 --json --db "$devdb"
[ "$(js 'd.total')" = 4 ] && ok "four imported deviations" || bad "four imported deviations" "$(js 'd.total')"
[ "$(js 'd.items.find(i=>i.ref==="MC-2026-0419").unit+"|"+d.items.find(i=>i.ref==="MC-2026-0419").description')" = "Medicinkliniken Karlskoga|Morgondosen gavs inte.
Upptäcktes vid överrapporteringen." ] && ok "unit translated, quoted line break kept" \
    || bad "unit translated, quoted line break kept" "$(js 'd.items.find(i=>i.ref==="MC-2026-0419")')"
[ "$(js 'd.items.map(i=>i.kind).sort().join(",")')" = "arbetsrelaterad,tillbud,vård,vård" ] && ok "kinds translated" \
    || bad "kinds translated" "$(js 'd.items.map(i=>i.kind)')"
run deviation import "$ex/klagomal.csv" --mapping "$ex/klagomal.mappning" --db "$devdb"
expect "complaint import (the mapping says klagomål)" 0 'klagomål från .*3 nya'
run complaint list --source Patientnämnden --q KL-2026 --db "$devdb"
expect "complaint list --source" 0 'KL-2026-102 .*Patientnämnden'
grep -q 'KL-2026-101' "$out" && bad "complaint list filters by source" "KL-2026-101 listed" || ok "complaint list filters by source"
run complaint list --q KL-2026 --json --db "$devdb"
[ "$(js 'd.total+" "+d.items.find(i=>i.ref==="KL-2026-101").closed_date')" = "3 2026-03-20" ] && ok "complaint dates converted from DD/MM/ÅÅÅÅ" \
    || bad "complaint dates converted from DD/MM/ÅÅÅÅ" "$(js 'd.items')"
# a bad line: named, and nothing written
printf 'Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\nCLI-1;2026-03-01;Ortopedi;Fall;2;Föll.\nCLI-2;2026-03-02;Ortopedavd 3;Fall;2;Föll.\n' >"$tmp/bad-dev.csv"
run deviation import "$tmp/bad-dev.csv" --db "$devdb"
expect "deviation import names the bad line" 1 '' "rad 3: okänd enhet 'Ortopedavd 3' – inget har importerats"
run deviation list --q CLI- --json --db "$devdb"
[ "$(js 'd.total')" = 0 ] && ok "a refused import writes nothing" || bad "a refused import writes nothing" "$(js 'd.total')"
printf 'Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\nCLI-3;2026-03-01;Ortopedi;Fall;2;Patient %s föll.\n' "$pnr" >"$tmp/pnr-dev.csv"
run deviation import "$tmp/pnr-dev.csv" --db "$devdb"
expect "deviation import refuses a personnummer" 1 '' 'rad 2: fältet Beskrivning innehåller ett personnummer'
printf 'ref = Nr\nenhetx = Enhet\n' >"$tmp/bad.mappning"
run deviation import "$tmp/bad-dev.csv" --mapping "$tmp/bad.mappning" --db "$devdb"
expect "a mapping mistake is named with its line" 1 '' "bad.mappning: mappningen rad 2: okänt fält 'enhetx'"
printf 'Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\nCLI-4;2026-03-01;Ortopedi;Fall;2;Föll.\n' >"$tmp/one.csv"
run deviation import "$tmp/one.csv" --as lisa --db "$devdb"; expect "deviation import as läsare" 1 '' 'Läsare'
run deviation import "$tmp/one.csv" --kind ärenden --db "$devdb"; expect "deviation import --kind unknown" 2 '' 'deviations eller complaints'
run deviation import "$tmp/nosuch.csv" --db "$devdb";  expect "deviation import of a missing file" 1 '' 'kan inte läsas'
run deviation import --db "$devdb";                    expect "deviation import without a file" 2
run deviation import "$tmp/one.csv" --as anna.berg --db "$devdb"; expect "deviation import as handläggare" 0 '1 nya'
# lists and one deviation
run deviation list --unit Ortopedi --q MC-2026 --db "$devdb"
expect "deviation list --unit" 0 'MC-2026-0412 .*Ortopedi .*Fall'
grep -q 'MC-2026-0419' "$out" && bad "deviation list filters by unit" "Karlskoga listed" || ok "deviation list filters by unit"
run deviation list --unit Ortopedavd --db "$devdb";   expect "deviation list: unknown unit" 1 '' "okänd enhet 'Ortopedavd'"
run deviation list --limit 0 --db "$devdb";           expect "deviation list --limit 0" 1 '' '1–200'
run deviation list --limit x --db "$devdb";           expect "deviation list --limit not a number" 2
run deviation show MC-2026-0412 --db "$devdb";        expect "deviation show by reference" 0 'Avvikelse MC-2026-0412'
grep -q 'Återkoppling:      Återkopplat på arbetsplatsträffen.' "$out" && ok "deviation show has the feedback" \
    || bad "deviation show has the feedback" "missing"
run deviation show MC-2026-0412 --json --db "$devdb"
[ "$(js 'd.status+" "+d.severity+" "+JSON.stringify(d.analyses)+" "+d.lex_maria')" = "avslutad 2 [] null" ] \
    && ok "deviation show --json" || bad "deviation show --json" "$(js 'd')"
[ "$(js 'd.history.length+" "+d.history[0].what+" "+/Importerad från/.test(d.history[0].detail)')" = "1 imported true" ] \
    && ok "deviation show --json has its history (imported)" || bad "deviation show --json history" "$(js 'd.history')"
run deviation show MC-2026-0412 --db "$devdb"
grep -q '^Historik' "$out" && grep -q 'Importerad från' "$out" && ok "deviation show prints its history" \
    || bad "deviation show prints its history" "$(cat "$out")"
run deviation show NOSUCH-1 --db "$devdb";            expect "deviation show unknown" 1 '' 'finns inte'
run help deviation;                                    expect "help deviation" 0 'lots deviation import'

# --- patterns (issue 4): lots patterns, pattern case, deviation denominators on the demo year -----------
# `lots pattern demo --seed 3` plants two patterns (docs in src/core/deviation_demo.c): a rise in Läkemedel
# at Medicinkliniken Karlskoga (signals per month and per week: one pattern, in the stronger period) and a
# cluster of Informationsöverföring complaints at Geriatrik (per month). They must be listed first.
pdb="$tmp/patterns.db"
run init --db "$pdb";                                   expect "patterns: init" 0
run_in 'ett-långt-lösenord' user add admin --role admin --password-stdin --db "$pdb"
run_in 'ett-långt-lösenord' user add lena --role läsare --password-stdin --db "$pdb"
run patterns --db "$pdb";                               expect "patterns on an empty database" 0 '^Inga mönster\.$'
run pattern demo --seed 3 --db "$pdb";                  expect "pattern demo" 0 'Demoåret med avvikelser och klagomål'
run patterns --db "$pdb"
expect "patterns lists the planted ones with their period" 0 'Informationsöverföring – Geriatrik \(klagomål\) per månad  c-diagram, over_ucl'
head -2 "$out" | grep -q 'Läkemedel – Medicinkliniken Karlskoga (avvikelser) per \(månad\|vecka\) .*; även per \(månad\|vecka\): ' \
    && head -2 "$out" | grep -q 'Informationsöverföring – Geriatrik' && ok "patterns: the two planted patterns come first" \
    || bad "patterns: the two planted patterns come first" "$(head -3 "$out")"
sort -k2,2 -g -r -s "$out" | cmp -s - "$out" && ok "patterns: strongest first" || bad "patterns: strongest first" "$(cut -c1-60 "$out")"
run patterns --json --db "$pdb";                        expect "patterns --json" 0 '"items"'
[ "$(js 'd.items.every((p,i,a)=>typeof p.id==="number"&&["month","week"].includes(p.period)&&/^per (månad|vecka)$/.test(p.period_label)&&typeof p.strength==="number"&&(i===0||a[i-1].strength>=p.strength)&&(p.also===null||p.also.period!==p.period)&&p.case===null)')" = true ] \
    && ok "patterns --json: shape, periods, strongest first" || bad "patterns --json: shape, periods, strongest first" "$(js 'd.items[0]')"
[ "$(js 'd.items.slice(0,2).map(p=>p.unit+"/"+p.category+"/"+p.source).sort().join(" ")')" = "Geriatrik/Informationsöverföring/complaints Medicinkliniken Karlskoga/Läkemedel/deviations" ] \
    && ok "patterns --json: the planted two first" || bad "patterns --json: the planted two first" "$(js 'd.items.map(p=>p.unit+" "+p.category+" "+p.strength)')"
[ "$(js 'd.items.filter(p=>p.unit==="Medicinkliniken Karlskoga"&&p.category==="Läkemedel").length')" = 1 ] \
    && ok "patterns --json: the rise is proposed once" || bad "patterns --json: the rise is proposed once" "$(js 'd.items')"
pid=$(js 'd.items.find(p=>p.unit==="Geriatrik").id')
run patterns --detect --db "$pdb"
expect "patterns --detect says what was judged" 0 'per vecka över [0-9]+ veckor \([0-9]+ bedömda\)'
run patterns --frob --db "$pdb";                        expect "patterns: unknown flag is usage" 2 '' 'okänd flagga'
run patterns extra --db "$pdb";                         expect "patterns: a stray argument is usage" 2
run pattern case --db "$pdb";                           expect "pattern case without an id is usage" 2
run pattern case abc --db "$pdb";                       expect "pattern case: id not a number is usage" 2
run pattern case 999999 --db "$pdb";                    expect "pattern case: unknown pattern" 1 '' 'okänt mönster 999999'
run pattern case "$pid" --as lena --db "$pdb";          expect "pattern case as läsare" 1 '' 'läsare'
run pattern case "$pid" --db "$pdb";                    expect "pattern case" 0 'Signalärende .* \(id [0-9]+\) registrerat i process C'
run pattern case "$pid" --db "$pdb";                    expect "pattern case twice" 1 '' 'redan ett öppet ärende'
run patterns --detect --db "$pdb";                      expect "patterns --detect keeps the case" 0 '1 med öppet ärende'
grep -q 'Geriatrik (klagomål) per månad .*ärende ' "$out" && ok "patterns: the pattern shows its case" \
    || bad "patterns: the pattern shows its case" "$(grep Geriatrik "$out")"
run pattern demo --seed x --db "$pdb";                  expect "pattern demo --seed not a number" 2
# denominators (vårddagar, besök): import, re-import updates, a bad line named with nothing written
printf 'enhet;månad;slag;värde\nGeriatrik;2025-05;vårddagar;1 860\nGeriatrik;2025-06;Vårddagar;1800\n' >"$tmp/den.csv"
run deviation denominators "$tmp/den.csv" --db "$pdb"
expect "deviation denominators" 0 'från .*den.csv: 2 nya, 0 uppdaterade, 0 oförändrade \(2 rader\)\.'
sed 's/;1800$/;1750/' "$tmp/den.csv" >"$tmp/den2.csv"
run deviation denominators "$tmp/den2.csv" --db "$pdb"
expect "deviation denominators again updates" 0 '0 nya, 1 uppdaterad, 1 oförändrad \(2 rader\)\.'
run deviation denominators --list --unit Geriatrik --json --db "$pdb"
[ "$(js 'd.items.map(x=>x.month+" "+x.kind+" "+x.value).join(",")')" = "2025-05 vårddagar 1860,2025-06 vårddagar 1750" ] \
    && ok "deviation denominators --list: updated, not duplicated" || bad "deviation denominators --list: updated, not duplicated" "$(js 'd.items')"
printf 'enhet;månad;slag;värde\nGeriatrik;2025-07;vårddagar;1800\nGeriatrik;2025-08;vårddagar;18,5\n' >"$tmp/den-bad.csv"
run deviation denominators "$tmp/den-bad.csv" --db "$pdb"
expect "deviation denominators names the bad line" 1 '' "den-bad.csv: rad 3: värde '18,5' ska vara ett positivt heltal .* – inget har importerats"
run deviation denominators --list --unit Geriatrik --db "$pdb"
grep -q '2025-07' "$out" && bad "a refused denominator file writes nothing" "2025-07 stored" || ok "a refused denominator file writes nothing"
run deviation denominators "$tmp/den.csv" --as lena --db "$pdb"; expect "deviation denominators as läsare" 1 '' 'roll'
run deviation denominators --db "$pdb";                 expect "deviation denominators without a file is usage" 2
run deviation denominators "$tmp/den.csv" --list --db "$pdb"; expect "deviation denominators: a file and --list is usage" 2
run deviation denominators --list --kind timmar --db "$pdb"; expect "deviation denominators --list: unknown kind" 1 '' "Parametern 'kind'"
run help deviation;                                     expect "help deviation lists denominators" 0 'lots deviation denominators'

# --- groups (issue 3): lots group list|show|check|overlaps|tasks on the demo database -----------------
gdb="$tmp/demo.db"
run group list --db "$gdb";                 expect "group list" 0 'LAG Höftledsartros \(id [0-9]+\) – under LPO Rörelseorganens sjukdomar'
grep -q '^Lokalt programområde (LPO)$' "$out" && ok "group list by type" || bad "group list by type" "no LPO heading"
run group list --json --db "$gdb"
[ "$(js 'd.items.find(g=>g.short_name==="SSN").body')" = SSN ] && ok "group list --json: SSN is a body" \
    || bad "group list --json: SSN is a body" "$(js 'd.items.map(g=>g.name)')"
[ "$(js 'd.items.find(g=>g.name==="LAG Höftledsartros").problem_count')" = 2 ] && ok "group list --json: problem counts" \
    || bad "group list --json: problem counts" "$(js 'd.items.filter(g=>g.problem_count)')"
run group show "lag demens" --db "$gdb";    expect "group show by name in any case" 0 'metodstöd +Maja Ek'
grep -q 'tidigare: Ingrid Holm, kommunal representant' "$out" && grep -q 'Problem: inga' "$out" \
    && ok "group show: former members, no problems" || bad "group show: former members, no problems" "see stdout"
run group show "SG Utveckling HoS" --db "$gdb"; expect "group show: the commission of seed 002" 0 'Diarienummer: RS 2023-01756'
grep -q 'Gruppen fattar inga beslut i egen kraft' "$out" && ok "group show: power is the members' mandates" \
    || bad "group show: power is the members' mandates" "see stdout"
run group show RMKS --json --db "$gdb"
[ "$(js 'd.body+" "+d.power.own.length+" "+d.subgroups.length')" = "RMKS 2 2" ] && ok "group show --json" \
    || bad "group show --json" "$(js '[d.body,d.power,d.subgroups]')"
run group show "Gruppen som inte finns" --db "$gdb"; expect "group show: unknown group" 1 '' "okänd grupp 'Gruppen som inte finns'"
run group show --db "$gdb";                 expect "group show without a group" 2
run group check --db "$gdb";                expect "group check: problems are output, exit 0" 0 'inte godkänd av Rådet för medicinskt kunskapsstöd'
grep -Eq '^3 problem i 2 av [0-9]+ grupper' "$out" && ok "group check: summary" || bad "group check: summary" "$(tail -1 "$out")"
run group check "LAG Demens" --db "$gdb";   expect "group check one group without problems" 0 'inga problem'
run group check "LAG Höftledsartros" --date 2025-06-01 --db "$gdb"
expect "group check --date: the term had not passed then" 0 'eftersträvas'
[ "$rc" -eq 0 ] && ! grep -q 'gick ut' "$out" && ok "group check --date: no term_passed" \
    || bad "group check --date: no term_passed" "term_passed reported, or no check"
run group check --json --db "$gdb"
[ "$(js 'd.items.map(g=>g.problems.map(p=>p.code).join(",")).sort().join(";")')" = "no_patient_rep,term_passed;not_rmks_approved" ] \
    && ok "group check --json" || bad "group check --json" "$(js 'd.items.map(g=>g.problems.map(p=>p.code))')"
run group check --date igår --db "$gdb";    expect "group check: a bad date is usage" 2 '' 'ÅÅÅÅ-MM-DD'
run group overlaps --db "$gdb"
expect "group overlaps: the samordnande grupp and the funktionsgrupp it replaced" 0 \
    '^0\.[0-9]+  Samordnande grupp för utveckling inom hälso- och sjukvård \(id [0-9]+\) och Funktionsgrupp utvecklingschefer'
run group overlaps --json --db "$gdb"
[ "$(js 'd.items.length')" = 1 ] && ok "group overlaps --json: one pair above 0.35" || bad "group overlaps --json" "$(js 'd.items')"
run group overlaps --threshold 5 --db "$gdb"; expect "group overlaps: a threshold above 1 is usage" 2
run group tasks --db "$gdb";                expect "group tasks: the metodstöd is told" 0 'Maja Ek \(LAG Demens\): Ingrid Holm, kommunal representant för Laxå kommun'
run group list --db "$tmp/lots.db";         expect "group list on a database without groups" 0 'Inga grupper'
run help group;                             expect "help group" 0 'lots group overlaps'
# --- group edit: lots group edit on the demo database -----------------------------------------------
run group edit RMKS --reports-to "LAG Höftledsartros" --name "Rådet" --db "$gdb"
expect "group edit: a reporting loop is refused, naming the field" 1 '' "Rapporterar till: 'LAG Höftledsartros' rapporterar redan, via"
run group show "Rådet" --db "$gdb";         expect "group edit: a refusal changes nothing" 1 '' "okänd grupp 'Rådet'"
run group edit "LAG Demens" --parent "" --multiprofessional nej --note "Omorganisation" --as admin --db "$gdb"
expect "group edit: a change, said as the history says it" 0 "^LAG Demens \\(id [0-9]+\\): Gruppen ändrades: hör till: 'LPO Äldres hälsa och palliativ vård' → ingen; multiprofessionell: ja → nej\\.$"
run group show "LAG Demens" --json --db "$gdb"
[ "$(js '[d.parent_id, d.multiprofessional, d.history[0].kind, d.history[0].note].join(" ")')" = " false changed Omorganisation" ] \
    && ok "group edit: stored, with its history line" || bad "group edit: stored" "$(js '[d.parent_id, d.multiprofessional, d.history[0]]')"
run group edit "LAG Demens" --multiprofessional nej --db "$gdb"; expect "group edit: nothing to change" 0 'Inget ändrades'
run group edit SSN --short-name SHSN --db "$gdb"; expect "group edit: a body keeps its short name" 1 '' "Kortnamn: 'SSN' är organets namn"
run group edit "LAG Demens" --patient-rep kanske --db "$gdb"; expect "group edit: ja or nej" 2 '' '--patient-rep ska vara ja eller nej'
run group edit --db "$gdb";                 expect "group edit without a group" 2
# --- end of group edit ---

# --- plan import-structure: plans and their trees from CSV ------------------------------------------
sdb="$tmp/structure.db"
run init --db "$sdb";                                     expect "structure: init" 0
cat >"$tmp/structure.csv" <<'CSV'
plan;plannamn;plantyp;förvaltning;bygger_på;tolerans;kod;överordnad;sort;titel;strategisk_ägare;uppdragsansvarig;bryter_ner;enhet;riktning;periodtyp
reg;Regional plan;genomförandeplan;;;5;NV;;område;Nära vård;Anna Ek;Bo Lind;;;;
reg;;;;;;NV-1;NV;delområde;Delaktighet;;;;;;
hsf;HSF strategikarta;strategikarta;Habilitering och hälsa;reg;10;H1;;område;Nära vård hos oss;;;reg:NV;;;
hsf;;;;;;H1-1;H1;effektmål;Fler digitala besök;;;reg:NV-1;;;
hsf;;;;;;H1-1-I;H1-1;indikator;Andel digitala besök;;;;%;högre;tertial
CSV
run plan import-structure "$tmp/structure.csv" --db "$sdb"
expect "plan import-structure" 0 '2 nya planer, 5 nya punkter, 0 uppdaterade\.'
run plan show hsf --db "$sdb"
expect "plan import-structure: the tree with its breakdown" 0 'Bryter ner NV-1 Delaktighet \(Regional plan\)'
sed 's/Fler digitala besök/Fler digitala besök och samtal/' "$tmp/structure.csv" >"$tmp/structure2.csv"
run plan import-structure "$tmp/structure2.csv" --db "$sdb"
expect "plan import-structure again updates" 0 '0 nya planer, 0 nya punkter, 1 uppdaterad \(4 oförändrade\)\.'
printf 'plan,kod,överordnad,sort,titel\nhsf,H2,,område,Två\nhsf,H2-1,NV-9,delområde,X\n' >"$tmp/structure-bad.csv"
run plan import-structure "$tmp/structure-bad.csv" --db "$sdb"
expect "plan import-structure: the bad line is named" 1 '' "rad 3: okänd överordnad punkt 'NV-9' i plan 'hsf'.*inget har importerats"
run plan show hsf --db "$sdb"
! grep -q 'H2' "$out" && ok "plan import-structure: a refused file wrote nothing" \
    || bad "plan import-structure: a refused file wrote nothing" "H2 is in the tree"
run plan import-structure --db "$sdb";                    expect "plan import-structure without a file is usage" 2
run help plan;                                            expect "help plan lists import-structure" 0 'lots plan import-structure'

# --- case scope and proposal (lots case scope, lots case show) -----------------------------------------
scdb="$tmp/scope.db"
run init --demo --db "$scdb";                           expect "init --demo for the case scope" 0
hoft="HS $year-00008"                                   # the demo's höftledsartros case (process B, förankring)
run case show "$hoft" --db "$scdb"
expect "case show without a scope says how to set one" 0 "Åtgärdens omfattning är inte angiven; med lots case scope"
run case scope "HS$year-00008" --unit Ortopedi --unit "Vårdcentralerna i egen regi" --municipality Kumla \
    --within-mission --within-budget --cost "350 000" --note "Efter gapanalysen." --as anna.berg --db "$scdb"
expect "case scope: saved; the verksamhetschef decides by delegation" 0 \
    'Beslut: +Föreslås av beslutsvägen: delegationsbeslut – Verksamhetschef Ortopedi'
grep -q '^  Förankring: RMKS$' "$out" && ok "case scope: RMKS is proposed for förankring" \
    || bad "case scope: RMKS is proposed for förankring" "see stdout"
run case show "$hoft" --db "$scdb"
expect "case show prints the scope" 0 'Kostnad: +350 000 kr'
grep -q 'Åtgärdens omfattning angiven: enheter Ortopedi och Vårdcentralerna i egen regi; kommuner Kumla' "$out" \
    && grep -q 'Kumla kommun – beslutar' "$out" && ok "case show: the history and the proposed path" \
    || bad "case show: the history and the proposed path" "see stdout"
run case show "$hoft" --json --db "$scdb"
[ "$(js 'd.scope.cost+" "+d.proposal.decides.body+" "+d.proposal.anchoring.join(",")')" = "350000 Delegation RMKS" ] \
    && ok "case show --json: scope and proposal" || bad "case show --json: scope and proposal" "$(js 'd.proposal')"
run case scope "$hoft" --unit Ortopedy --as anna.berg --db "$scdb"; expect "case scope: unknown unit" 1 '' "Okänd enhet 'Ortopedy'"
run case scope "$hoft" --unit Ortopedi --note "Gäller 19121212-1212" --as anna.berg --db "$scdb"
expect "case scope: a personnummer in the note is refused" 1 '' 'personnummer'
run case scope "$hoft" --unit Ortopedi --as maria.holm --db "$scdb"; expect "case scope: a läsare is refused" 1 '' 'får inte ändra'
run case scope "$hoft" --within-mission --as anna.berg --db "$scdb"; expect "case scope without unit or municipality" 2 '' 'minst en'
run case scope "$hoft" --unit Ortopedi --cost mycket --db "$scdb";  expect "case scope: a cost that is not a number" 2 '' 'kronor'
run case scope --unit Ortopedi --db "$scdb";                        expect "case scope without a case" 2 '' 'användning'
run case show "$hoft" --json --db "$scdb"
[ "$(js 'd.history.filter(h=>h.kind==="scope").length+" "+d.scope.cost')" = "1 350000" ] \
    && ok "case scope: refusals changed nothing" || bad "case scope: refusals changed nothing" "$(js 'd.scope')"
run setting set decision_rules vgr --db "$scdb";                    expect "case scope: the VGR rules" 0
run case scope "HS $year-00011" --unit SkaS --within-mission --cost 2000000 --as lena.sjoberg --db "$scdb"
expect "case scope, VGR process C outside the budget: OSN decides" 0 \
    'Beslut: +Föreslås av beslutsvägen: Operativa hälso- och sjukvårdsnämnden \(OSN\) beslutar'
grep -q '^  Förankring: KL HoS, PPR, Klinisk ledning$' "$out" && ok "case scope, VGR: anchored in KL HoS, PPR and Klinisk ledning" \
    || bad "case scope, VGR: anchored in KL HoS, PPR and Klinisk ledning" "see stdout"
run help case;                                                      expect "help case lists scope" 0 'lots case scope'
# --- end of case scope and proposal ---

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
