// Browser test: a real Debian chromium driven by playwright-core against the
// real Lots server on a loopback port. An official logs in, registers a case,
// answers a checklist item, moves the case on and sees it in the timeline;
// axe-core checks the main pages for serious or critical violations.
// Prints "N passed, N failed" as its last line; screenshots go to
// tests/browser/screenshots/.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const lots = process.env.LOTS_BIN || join(here, '../../build/release/lots');
const shots = join(here, 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(err.stack || err).split('\n').slice(0, 6).join('\n  ')}`);
  }
}
// Clicks a submit button and waits for the page the server answers with.
async function submit(button) {
  await Promise.all([button.page().waitForNavigation(), button.click()]);
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'lots-browser-'));
  const db = join(dir, 'lots.db');
  const env = { ...process.env, LOTS_FAST_HASH: '1' };
  // The demo: organisation, groups, plans, cases and a year of deviations; then the test's own users.
  execFileSync(lots, ['init', '--db', db, '--demo'], { env, stdio: 'pipe' });
  execFileSync(lots, ['user', 'add', 'anna', '--role', 'handlaggare', '--display-name', 'Anna Berg',
    '--password-stdin', '--db', db], { env, input: 'anna-losenord-1\n', stdio: ['pipe', 'pipe', 'pipe'] });
  execFileSync(lots, ['user', 'add', 'lars', '--role', 'lasare', '--display-name', 'Lars Läsare',
    '--password-stdin', '--db', db], { env, input: 'lars-losenord-1\n', stdio: ['pipe', 'pipe', 'pipe'] });
  execFileSync(lots, ['patterns', '--detect', '--db', db], { env, stdio: 'pipe' }); // the demo year's patterns
  const proc = spawn(lots, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve({ proc, dir, base: `http://127.0.0.1:${m[1]}`, stderr: () => stderr }); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
}

async function axeCheck(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `${label}: ` + bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; '));
}

async function login(page, base, name, password) {
  await page.goto(base + '/');
  assert(page.url().includes('/login'), 'not redirected to the login page: ' + page.url());
  await page.getByLabel('Användarnamn').fill(name);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}

const server = await startServer();
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  // bypassCSP lets the test inject axe-core; Lots' own pages never need it.
  const page = await browser.newPage({ locale: 'sv-SE', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  let caseUrl = '';

  await check('login page passes axe', async () => {
    await page.goto(server.base + '/login');
    await axeCheck(page, 'login');
  });

  await check('an official logs in and sees the start page', async () => {
    await login(page, server.base, 'anna', 'anna-losenord-1');
    await page.getByRole('heading', { name: 'Mina ärenden' }).waitFor();
    assert(await page.getByText('Anna Berg').first().isVisible(), 'user name not shown in the header');
  });

  await check('she registers a signal and it is routed to process C with a reference number', async () => {
    await page.goto(server.base + '/cases/new');
    await page.getByLabel('Rubrik').fill('Återkommande brister i överrapportering <script>alert(1)</script>');
    await page.getByLabel('Beskrivning').fill('Flera avvikelser visar ett mönster av brister vid överrapportering.');
    await page.getByLabel(/Signaler om brister i vården/).check();
    await page.getByRole('button', { name: /Registrera/ }).click();
    await page.waitForURL(/\/cases\/\d+/);
    caseUrl = page.url();
    const h1 = await page.getByRole('heading', { level: 1 }).innerText();
    assert(/HS \d{4}-\d{5}/.test(h1), 'no reference number in the heading: ' + h1);
    assert(h1.includes('<script>alert(1)</script>'), 'title not shown literally (escaped): ' + h1);
    const body = await page.content();
    assert(body.includes('Process C') || body.includes('funktionsgrupp'), 'case not routed to process C');
  });

  await check('she answers a checklist item and sees it done', async () => {
    const firstItem = page.locator('form[action$="/checklist"]').first();
    await firstItem.getByLabel('Klar').check();
    await firstItem.getByLabel(/Kommentar/).fill('Kontrollerat i avvikelsesystemet');
    await firstItem.getByRole('button').click();
    await page.waitForURL(/ok=checklist/);
    const again = page.locator('form[action$="/checklist"]').first();
    assert(await again.getByLabel('Klar').isChecked(), 'item not shown as done after saving');
  });

  await check('the move is refused while required items are open, naming them', async () => {
    const move = page.locator('form[action$="/move"]').first();
    const noteField = move.getByLabel(/Kommentar/);
    if (await noteField.count()) await noteField.fill('Försök före checklistan');
    await submit(move.getByRole('button'));
    const alert = await page.getByRole('alert').innerText();
    assert(/Obligatoriska punkter/.test(alert), 'no refusal naming the open items: ' + alert);
  });

  await check('she answers the required items, moves the case on and the timeline shows it', async () => {
    await page.goto(caseUrl);
    for (;;) {
      const forms = page.locator('form[action$="/checklist"]');
      let open = -1;
      for (let i = 0; i < await forms.count(); i++) {
        const f = forms.nth(i);
        if (/obligatorisk/.test(await f.innerText()) && !(await f.getByLabel('Klar').isChecked())) { open = i; break; }
      }
      if (open < 0) break;
      await forms.nth(open).getByLabel('Klar').check();
      await submit(forms.nth(open).getByRole('button'));
      assert(page.url().includes('ok=checklist'), 'checklist answer not saved: ' + page.url());
    }
    const move = page.locator('form[action$="/move"]').first();
    const noteField = move.getByLabel(/Kommentar/);
    if (await noteField.count()) await noteField.fill('Vidare till funktionsgruppen');
    await move.getByRole('button').click();
    await page.waitForURL(/ok=moved/);
    const history = await page.locator('#historik, section:has(h2:text("Historik"))').first().innerText();
    assert(/Anna Berg/.test(history), 'timeline does not say who moved it: ' + history);
    assert(/→/.test(history), 'timeline has no transition line: ' + history);
    await page.screenshot({ path: join(shots, 'case.png'), fullPage: true });
  });

  for (const [label, path] of [['start', '/'], ['case list', '/cases'], ['new case', '/cases/new'],
    ['processes', '/processes'], ['process C', '/processes/C'], ['plans', '/plans']]) {
    await check(`${label} page passes axe`, async () => {
      await page.goto(server.base + path);
      await axeCheck(page, label);
    });
  }
  await check('the plan tree shows fulfilment, and an indicator page its follow-up table and run chart', async () => {
    await page.goto(server.base + '/plans/regionhalsan');
    await axeCheck(page, 'plan tree');
    await page.locator('a[href*="/indicators/"]').first().click();
    await page.waitForURL(/\/indicators\/\d+/);
    const table = await page.locator('table').first().innerText();
    for (const p of ['Tertial 2 2023', 'Tertial 3 2023', 'Tertial 1 2024']) assert(table.includes(p), `period ${p} missing: ${table}`);
    assert(/Tertial 1 2024\s+85 %\s+83 %\s+● uppnått/.test(table), 'T1 2024 not shown as met: ' + table);
    assert(await page.locator('svg').count() > 0, 'no run chart on the indicator page');
    await axeCheck(page, 'indicator');
    // an official enters the outcome of the next tertial; the fulfilment follows
    await page.getByRole('link', { name: /Ändra/ }).first().click();
    await page.getByRole('textbox', { name: 'Utfall' }).fill('60');
    await submit(page.getByRole('button', { name: /Spara/ }).first());
    assert(page.url().includes('ok=values'), 'values not saved: ' + page.url());
    assert(/Värdena är sparade/.test(await page.locator('main').innerText()), 'no confirmation');
    const after = await page.locator('table').first().innerText();
    assert(/Tertial 3 2024\s+60 %\s+74 %\s+■ ej uppnått/.test(after), 'the saved outcome is not assessed: ' + after);
    await axeCheck(page, 'indicator after saving');
    await page.screenshot({ path: join(shots, 'indicator.png'), fullPage: true });
  });

  await check('the tertial report lists each indicator of the period with outcome, target and fulfilment', async () => {
    await page.goto(server.base + '/plans/regionhalsan/report?period=2024-T1');
    const text = await page.locator('main').innerText();
    assert(/Tertial 1 2024|2024-T1/.test(text), 'the period is not named: ' + text.slice(0, 300));
    assert(/85 %/.test(text) && /83 %/.test(text) && /uppnått/.test(text), 'the indicator row is missing: ' + text.slice(0, 600));
    await axeCheck(page, 'report');
  });

  await check('case page passes axe', async () => {
    await page.goto(caseUrl);
    await axeCheck(page, 'case');
  });

  await check('a reader sees the case but no forms', async () => {
    const ctx = await browser.newContext({ locale: 'sv-SE', bypassCSP: true });
    const p2 = await ctx.newPage();
    await login(p2, server.base, 'lars', 'lars-losenord-1');
    await p2.goto(caseUrl);
    assert((await p2.locator('form[action$="/move"], form[action$="/checklist"]').count()) === 0,
      'a reader is offered forms that change the case');
    await ctx.close();
  });
  await check('the patterns page lists patterns with a chart, passes axe, and makes a signal case', async () => {
    await page.goto(server.base + '/patterns');
    assert(await page.locator('section.pattern').count() >= 2, 'fewer than two patterns listed');
    assert(await page.locator('section.pattern svg[role="img"]').count() >= 2, 'a pattern without its chart');
    assert(await page.locator('svg.spc-chart path.signal').count() > 0, 'no signalling point marked');
    await axeCheck(page, 'patterns');
    await page.screenshot({ path: join(shots, 'patterns.png'), fullPage: true });
    await page.getByRole('button', { name: 'Skapa signalärende' }).first().click();
    await page.waitForURL(/\/cases\/\d+/);
    const text = await page.locator('main').innerText();
    assert(/Mönster/.test(text), 'the new case is not the pattern: ' + text.slice(0, 400));
    assert(/Via funktionsgrupp|process C|Signal/i.test(text), 'the new case is not in process C: ' + text.slice(0, 400));
  });
  await check('a group page shows its members and composition problems, and passes axe', async () => {
    await page.goto(server.base + '/groups');
    await axeCheck(page, 'groups');
    await page.getByRole('link', { name: 'LAG Höftledsartros' }).first().click();
    await page.waitForURL(/\/groups\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /LAG Höftledsartros/ }).waitFor();
    const members = page.getByRole('table', { name: 'Nuvarande ledamöter' });
    assert(await members.getByRole('row').count() >= 3, 'fewer than two current members listed');
    const problems = await page.locator('ul.problems').innerText();
    assert(/företrädare/.test(problems), 'the missing patient representative is not named: ' + problems);
    await axeCheck(page, 'group');
    await page.screenshot({ path: join(shots, 'group.png'), fullPage: true });
  });

  await check('who decides: a unit, two municipalities and a political decision give the path in order', async () => {
    await page.goto(server.base + '/decide');
    assert(/Regelverk: .+decision_rules/.test(await page.locator('main').innerText()), 'the rule set is not named');
    await axeCheck(page, 'decide form');
    await page.getByLabel('Ortopedi', { exact: false }).first().check();
    await page.getByLabel('Kumla', { exact: true }).check();
    await page.getByLabel('Örebro', { exact: true }).check();
    await page.getByLabel('Kräver politiska beslut').check();
    await page.getByLabel(/Kostnad i kronor/).fill('250 000');
    await submit(page.getByRole('button', { name: 'Visa beslutsvägen' }));
    assert(/[?&]unit=\d+/.test(page.url()) && /municipality=Kumla/.test(page.url()), 'the question is not in the URL: ' + page.url());
    const steps = await page.locator('ol.decide-path > li').allInnerTexts();
    const rec = steps.findIndex((t) => /Specifika samverkansrådet[\s\S]*rekommenderar/.test(t));
    const kumla = steps.findIndex((t) => /Kumla kommun\s+beslutar/.test(t));
    const orebro = steps.findIndex((t) => /Örebro kommun\s+beslutar/.test(t));
    assert(rec >= 0, 'no recommendation by the samverkansråd: ' + steps.join(' | '));
    assert(kumla > rec && orebro > rec, 'a municipality decides before the recommendation: ' + steps.join(' | '));
    assert(await page.getByLabel('Kräver politiska beslut').isChecked(), 'the form lost the political box');
    await axeCheck(page, 'decide result');
    await page.screenshot({ path: join(shots, 'decide.png'), fullPage: true });
  });

  await check('who decides: an unknown unit is refused with its name and the form kept', async () => {
    await page.goto(server.base + '/decide?unit=SkaS-Ortopedi&municipality=Kumla&political=1');
    const alert = await page.getByRole('alert').innerText();
    assert(/SkaS-Ortopedi/.test(alert), 'the unknown unit is not named: ' + alert);
    assert(await page.getByLabel('Kumla', { exact: true }).isChecked(), 'the form lost the municipality');
    await axeCheck(page, 'decide error');
  });
  await check('the deviation list, a deviation and the new-deviation form pass axe', async () => {
    await page.goto(server.base + '/deviations');
    assert(/Visar 1–25 av \d+/.test(await page.locator('main').innerText()), 'no count on the deviation list');
    await axeCheck(page, 'deviations');
    await page.locator('table.deviations tbody a').first().click();
    await page.waitForURL(/\/deviations\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /Avvikelse/ }).waitFor();
    await axeCheck(page, 'deviation');
    await page.goto(server.base + '/deviations/new');
    await axeCheck(page, 'new deviation');
  });
  // --- pattern periods (issue 4): the chart page's Per månad / Per vecka switch ---
  await check('a chart page switches between the monthly and the weekly chart, and passes axe', async () => {
    await page.goto(server.base + '/patterns');
    const section = page.locator('section.pattern', { hasText: 'Medicinkliniken Karlskoga' }).first();
    const href = await section.getByRole('link', { name: 'Diagrammet för serien' }).getAttribute('href');
    await page.goto(server.base + href.replace(/period=week/, 'period=month'));
    await page.getByRole('heading', { level: 1, name: /per månad/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Period' });
    assert(await nav.getByRole('link', { name: 'Per månad' }).getAttribute('aria-current') === 'page',
      'Per månad is not marked as the current period');
    await Promise.all([page.waitForURL(/period=week/), nav.getByRole('link', { name: 'Per vecka' }).click()]);
    await page.getByRole('heading', { level: 1, name: /Läkemedel – Medicinkliniken Karlskoga \(avvikelser per vecka\)/ }).waitFor();
    assert(await nav.getByRole('link', { name: 'Per vecka' }).getAttribute('aria-current') === 'page',
      'Per vecka is not marked as the current period');
    const chart = page.locator('svg.spc-chart[role="img"]');
    assert(await chart.count() === 1, 'no weekly chart drawn');
    assert(/per vecka/.test(await chart.locator('title').first().textContent()), 'the chart is not the weekly series');
    assert(await chart.locator('.point').count() >= 52, 'fewer than 52 weekly points');
    assert(/^\d{4}-W\d{2}$/.test((await page.locator('table.series tbody td').first().textContent()).trim()),
      'the table does not list ISO weeks');
    await axeCheck(page, 'weekly chart');
    await page.screenshot({ path: join(shots, 'chart-week.png'), fullPage: true });
  });
  // --- end of pattern periods ---
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  const err = server.stderr();
  if (/AddressSanitizer|runtime error|LeakSanitizer/.test(err)) {
    failed++;
    console.log('not ok - server stderr clean under sanitizers\n' + err.slice(0, 4000));
  }
  rmSync(server.dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
