// The plans API against the real server: plans, the tree with owners and
// rolled-up fulfilment, the summary pivot, an indicator's series (the
// contract users' scripts rely on), the tertial report and the exports. The
// demo plans are loaded with `lots plan demo`, values changed with
// `lots plan import`, as an official would.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServer, LOTS } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer();
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function lots(...args) {
  assert.ok(srv.db, 'the server is not running yet');
  return execFileSync(LOTS, [...args, '--db', srv.db], {
    env: { ...process.env, LOTS_FAST_HASH: '1', LOTS_USER: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

// Once, after the server (useServer's hook) has its database.
let loaded = false;
beforeEach(() => {
  if (!loaded) lots('plan', 'demo');
  loaded = true;
});

const find = (items, code) => {
  for (const it of items) {
    if (it.code === code) return it;
    const sub = find(it.children, code);
    if (sub) return sub;
  }
  return undefined;
};

test('GET /api/v1/plans lists the strategy, the demo plans and their kinds', async () => {
  const { items } = await call(srv, 'GET', '/api/v1/plans', undefined, 200);
  const keys = items.map((p) => p.key);
  for (const k of ['omstallning', 'genomforandeplan', 'verksamhetsplan', 'regionhalsan']) assert.ok(keys.includes(k), k);
  const rh = items.find((p) => p.key === 'regionhalsan');
  assert.equal(rh.organisation, 'Regionhälsan');
  assert.equal(rh.kind, 'strategikarta');
  assert.equal(rh.tolerance_pct, 5);
  assert.equal(rh.based_on, items.find((p) => p.key === 'genomforandeplan').id);
  assert.equal(rh.indicators, 1);
  // a läsare reads plans too; without a token nobody does
  await call(srv, 'GET', '/api/v1/plans', undefined, 200, 'lars');
  await call(srv, 'GET', '/api/v1/plans', undefined, 401, 'none');
});

test('the tree nests area → delområde → effektmål with the owners the seed names', async () => {
  const t = await call(srv, 'GET', '/api/v1/plans/genomforandeplan/tree', undefined, 200);
  assert.equal(t.items.length, 7);
  const nv = t.items[0];
  assert.deepEqual([nv.kind, nv.code, nv.title], ['area', 'NV', 'Nära vård']);
  assert.equal(nv.strategic_owner, 'Kaarina Sundelin (BoP)');
  assert.equal(nv.assignment_owner, 'Ann-Sofi Isaksson (Åsa Jackson biträdande)');
  assert.equal(nv.refers_to.code, 'NV');
  assert.equal(nv.children.length, 6);
  assert.equal(nv.children[1].title, 'Samverkan');
  assert.equal(nv.children[1].kind, 'delomrade');
  assert.equal(nv.children[1].children[0].kind, 'goal');
  assert.equal(find(t.items, 'BU').assignment_owner, 'Karin Andersson');
  // the same plan by number
  const byId = await call(srv, 'GET', `/api/v1/plans/${t.plan.id}/tree`, undefined, 200);
  assert.equal(byId.plan.key, 'genomforandeplan');
});

test('fulfilment in the tree rolls up, and follows ?period=', async () => {
  const latest = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree', undefined, 200);
  assert.equal(latest.period, null);
  const ind = find(latest.items, 'RH-NV-I1');
  assert.equal(ind.indicator.point.period, '2024-T1'); // the latest period with an outcome
  assert.equal(ind.fulfilment, 'met');
  assert.equal(find(latest.items, 'RH-NV').fulfilment, 'met');
  assert.equal(find(latest.items, 'RH-UP').fulfilment, null); // no indicators

  const t3 = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree?period=2023-T3', undefined, 200);
  assert.equal(t3.period, '2023-T3');
  assert.equal(find(t3.items, 'RH-NV-I1').indicator.point.outcome, 74);
  assert.equal(find(t3.items, 'RH-NV').fulfilment, 'not_met');
  assert.deepEqual(find(t3.items, 'RH-NV').counts, { met: 0, partly: 0, not_met: 1, missing: 0 });

  const t2 = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree?period=2024-T2', undefined, 200);
  assert.equal(find(t2.items, 'RH-NV-I1').indicator.point.target, 57);
  assert.equal(find(t2.items, 'RH-NV-I1').indicator.point.outcome, null);
  assert.equal(find(t2.items, 'RH-NV').fulfilment, null);
  assert.equal(find(t2.items, 'RH-NV').counts.missing, 1);

  const bad = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree?period=2024-T4', undefined, 400);
  assert.match(bad.error, /okänd period '2024-T4'/);
  await call(srv, 'GET', '/api/v1/plans/nosuchplan/tree', undefined, 404);
});

test('GET /api/v1/plans/{id}/summary counts per area and in total', async () => {
  const s = await call(srv, 'GET', '/api/v1/plans/genomforandeplan/summary', undefined, 200);
  const row = (title) => s.areas.find((a) => a.title === title);
  assert.equal(row('Nära vård').delomraden, 6);
  assert.equal(row('Prioritering').delomraden, 5);
  assert.equal(row('Barnuppdraget').delomraden, 7);
  assert.equal(s.total.delomraden, s.areas.reduce((n, a) => n + a.delomraden, 0));
  assert.equal(s.total.total, s.total.delomraden + s.total.activities + s.total.indicators);
  const rh = await call(srv, 'GET', '/api/v1/plans/regionhalsan/summary', undefined, 200);
  assert.deepEqual(rh.areas.map((a) => [a.code, a.delomraden, a.activities, a.indicators, a.total]),
    [['RH-NV', 0, 2, 1, 3], ['RH-UP', 0, 3, 0, 3]]);
  assert.equal(rh.total.total, 6);
});

async function regionhalsanIndicatorId() {
  const t = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree', undefined, 200);
  return find(t.items, 'RH-NV-I1').id;
}

test('GET /api/v1/indicators/{id}/series gives the seed\'s five periods in order', async () => {
  const id = await regionhalsanIndicatorId();
  const s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  assert.equal(s.indicator.code, 'RH-NV-I1');
  assert.equal(s.indicator.unit, '%');
  assert.equal(s.indicator.direction, 'higher');
  assert.equal(s.indicator.period_type, 'tertial');
  assert.deepEqual(s.points.map((p) => [p.period, p.target, p.outcome, p.fulfilment]), [
    ['2023-T2', 63, 57, 'not_met'],
    ['2023-T3', 88, 74, 'not_met'],
    ['2024-T1', 83, 85, 'met'],
    ['2024-T2', 57, null, null],
    ['2024-T3', 74, null, null],
  ]);
  for (const p of s.points) assert.equal(typeof p.comment, 'string');
  assert.match(s.points[3].comment, /smärtmottagning/);
  await call(srv, 'GET', '/api/v1/indicators/999999/series', undefined, 404);
  const tree = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree', undefined, 200);
  await call(srv, 'GET', `/api/v1/indicators/${find(tree.items, 'RH-NV-A1').id}/series`, undefined, 404); // an activity
  await call(srv, 'GET', '/api/v1/indicators/abc/series', undefined, 404);
});

test('GET /api/v1/plans/{id}/report?period= lists every indicator by area', async () => {
  const r = await call(srv, 'GET', '/api/v1/plans/regionhalsan/report?period=2024-T1', undefined, 200);
  assert.equal(r.period, '2024-T1');
  assert.equal(r.period_label, 'Tertial 1 2024');
  assert.equal(r.fulfilment, 'met');
  const nv = r.areas.find((a) => a.code === 'RH-NV');
  assert.equal(nv.indicators.length, 1);
  assert.deepEqual([nv.indicators[0].point.target, nv.indicators[0].point.outcome, nv.indicators[0].point.fulfilment],
    [83, 85, 'met']);
  const bad = await call(srv, 'GET', '/api/v1/plans/regionhalsan/report', undefined, 400);
  assert.match(bad.error, /period/);
});

test('an import through the CLI changes what the API shows; a bad file changes nothing', async () => {
  const id = await regionhalsanIndicatorId();
  const file = join(srv.dir, 'utfall.csv');
  writeFileSync(file, 'indikator;period;utfall;kommentar\nRH-NV-I1;2024-T2;58,5;Fler utbudspunkter öppnade\n');
  assert.match(lots('plan', 'import', file), /1 rad för 1 indikator\./);
  let s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  assert.deepEqual([s.points[3].outcome, s.points[3].fulfilment, s.points[3].comment],
    [58.5, 'met', 'Fler utbudspunkter öppnade']);

  writeFileSync(file, 'indikator,period,utfall\nRH-NV-I1,2024-T3,80\nRH-NV-I1,2024-T4,81\n');
  assert.throws(() => lots('plan', 'import', file), (err) => /rad 3: okänd period '2024-T4'/.test(err.stderr));
  s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  assert.equal(s.points[4].outcome, null, 'line 2 was not written either');
});

test('the exports: xlsx (read again cell by cell) and csv', async () => {
  const res = await fetch(srv.base + '/api/v1/plans/regionhalsan/export.xlsx',
    { headers: { Authorization: 'Bearer ' + srv.tokens.lars } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const file = join(srv.dir, 'export.xlsx');
  writeFileSync(file, bytes);
  const cells = Object.fromEntries(execFileSync('python3', [join(repo, 'tests/unit/xlsx_cells.py'), file]).toString()
    .trim().split('\n').map((l) => l.split('\t')));
  assert.equal(cells['Sammanställning!A1'], 'Genomförandeplan 2024–2027 – Regionhälsan');
  assert.equal(cells['Sammanställning!E7'], '6');
  assert.equal(cells['RH-NV Nära vård!E10'], '2024-T1');
  assert.equal(cells['RH-NV Nära vård!F10'], '85');
  assert.equal(cells['RH-NV Nära vård!G10'], '83');
  assert.equal(cells['RH-NV Nära vård!H10'], 'uppnått');

  const csv = await srv.api('GET', '/api/v1/plans/regionhalsan/export.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.text, /^plan,område,indikator,/);
  assert.match(csv.text, /\nregionhalsan,Nära vård,RH-NV-I1,.*,2023-T3,88,74,ej uppnått,/);
  await call(srv, 'GET', '/api/v1/plans/nosuchplan/export.xlsx', undefined, 404);
});

// --- the pages, through a browser-like session ---------------------------------------------------

// Tags that must close, counted; a small check that the page is well nested.
function balanced(html, tags = ['section', 'ul', 'li', 'table', 'svg', 'figure', 'dl', 'h2', 'p']) {
  for (const t of tags) {
    const open = (html.match(new RegExp(`<${t}[\\s>]`, 'g')) || []).length;
    const close = (html.match(new RegExp(`</${t}>`, 'g')) || []).length;
    assert.equal(open, close, `<${t}> opened ${open} times, closed ${close}`);
  }
  assert.doesNotMatch(html, /style="/, 'inline styles break the CSP');
}

test('the plan pages: list, tree with badges and owners, pivot, report', async () => {
  const web = await srv.login('lars'); // a läsare may read plans
  const list = await web.get('/plans');
  assert.equal(list.status, 200);
  assert.match(list.text, /Genomförandeplan 2024–2027 – Regionhälsan/);
  balanced(list.text);

  const plans = await call(srv, 'GET', '/api/v1/plans', undefined, 200);
  const gp = plans.items.find((p) => p.key === 'genomforandeplan').id;
  const page = await web.get(`/plans/${gp}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Strategisk ägare: Kaarina Sundelin \(BoP\) · Uppdragsansvarig: Ann-Sofi Isaksson/);
  assert.match(page.text, /<h2 id="sammanstallning">Sammanställning<\/h2>/);
  assert.match(page.text, /<th scope="row">Barnuppdraget<\/th><td class="num">7<\/td>/);
  assert.match(page.text, /toleransen är en inställning för planen/);
  balanced(page.text);

  const rh = await web.get('/plans/regionhalsan?period=2023-T3');
  assert.equal(rh.status, 200);
  assert.match(rh.text, /class="badge ful-not-met"><span aria-hidden="true">■<\/span> ej uppnått/);
  assert.match(rh.text, /Måluppfyllelse för <strong>Tertial 3 2023<\/strong>/);
  balanced(rh.text);
  assert.equal((await web.get('/plans/regionhalsan?period=2024-T4')).status, 400);
  assert.equal((await web.get('/plans/nosuch')).status, 404);

  const report = await web.get('/plans/regionhalsan/report?period=2024-T1');
  assert.equal(report.status, 200);
  assert.match(report.text, /<h1>Tertialrapport Tertial 1 2024<\/h1>/);
  assert.match(report.text, /<td class="num">85 %<\/td><td class="num">83 %<\/td><td><span class="badge ful-met">/);
  balanced(report.text);
  const ask = await web.get('/plans/regionhalsan/report');
  assert.equal(ask.status, 200);
  assert.match(ask.text, /Välj perioden/);
});

test('the indicator page: follow-up table newest first and a run chart with target and median', async () => {
  const web = await srv.login('anna');
  const id = await regionhalsanIndicatorId();
  const res = await web.get(`/indicators/${id}`);
  assert.equal(res.status, 200);
  const rows = [...res.text.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td>/g)]
    .map((m) => m.slice(1).join(' | '));
  assert.deepEqual(rows.slice(2), ['Tertial 1 2024 | 85 % | 83 %', 'Tertial 3 2023 | 74 % | 88 %', 'Tertial 2 2023 | 57 % | 63 %']);
  assert.match(rows[1], /^Tertial 2 2024 \| 58,5 % \| 57 %$/); // imported above
  assert.match(res.text, /<svg class="run-chart"[^>]+role="img" aria-labelledby="chart-title chart-desc">/);
  assert.equal((res.text.match(/<circle class="outcome-mark"/g) || []).length, 4, 'one mark per outcome');
  assert.equal((res.text.match(/<rect class="target-mark"/g) || []).length, 5, 'one mark per target');
  assert.match(res.text, /<polyline class="target" points="/);
  assert.match(res.text, /Median 66,25<\/text>/); // median of 57, 58.5, 74, 85
  assert.match(res.text, /Serieanalys enligt Anhøj över 4 utfall/);
  balanced(res.text);
  assert.equal((await web.get('/indicators/999999')).status, 404);
});

test('a plan item shows the cases that serve it, and the case list can be filtered to them', async () => {
  const tree = await call(srv, 'GET', '/api/v1/plans/genomforandeplan/tree', undefined, 200);
  const item = find(tree.items, 'NV-1');
  assert.ok(item, 'NV-1 is in the tree');
  assert.equal(item.cases, 0);
  const linked = await call(srv, 'POST', '/api/v1/cases', { title: 'Patientkontrakt i primärvården', origin: 1 }, 201);
  const other = await call(srv, 'POST', '/api/v1/cases', { title: 'Ett annat ärende', origin: 1 }, 201);
  await call(srv, 'POST', `/api/v1/cases/${linked.id}/links`, { plan_item: item.id, note: 'Tjänar delområdet' }, 201);

  const after = await call(srv, 'GET', '/api/v1/plans/genomforandeplan/tree', undefined, 200);
  assert.equal(find(after.items, 'NV-1').cases, 1);
  const list = await call(srv, 'GET', `/api/v1/cases?plan_item=${item.id}`, undefined, 200);
  assert.deepEqual(list.items.map((c) => c.id), [linked.id]);
  assert.equal(list.total, 1);
  assert.ok(!list.items.some((c) => c.id === other.id));
  const bad = await srv.api('GET', '/api/v1/cases?plan_item=x');
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /plan_item/);
});

// --- entering values: the API and the indicator page's form ---------------------------------------

const pointOf = (s, period) => s.points.find((p) => p.period === period);

test('POST /api/v1/indicators/{id}/values sets, keeps, overrides and clears; refusals change nothing', async () => {
  const id = await regionhalsanIndicatorId();
  const path = `/api/v1/indicators/${id}/values`;
  // 2024-T2 has target 57 (the seed) and the imported outcome 58.5 with its comment
  let s = await call(srv, 'POST', path, { period: '2024-T2', outcome: 60 }, 200);
  assert.equal(s.indicator.code, 'RH-NV-I1'); // the shape of GET …/series
  assert.deepEqual(s.points.map((p) => p.period), ['2023-T2', '2023-T3', '2024-T1', '2024-T2', '2024-T3']);
  let p = pointOf(s, '2024-T2');
  assert.deepEqual([p.target, p.outcome, p.fulfilment, p.comment], [57, 60, 'met', 'Fler utbudspunkter öppnade']);
  assert.deepEqual(s, await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200));

  // a decimal comma in a string; 55.5 is within 5 % below 57
  p = pointOf(await call(srv, 'POST', path, { period: '2024-T2', outcome: '55,5', comment: 'Sommarstängt' }, 200), '2024-T2');
  assert.deepEqual([p.outcome, p.fulfilment, p.comment], [55.5, 'partly', 'Sommarstängt']);

  // the owner's assessment needs a comment; with one it wins and is marked
  const refused = await call(srv, 'POST', path, { period: '2024-T2', target: 50, override: 'met' }, 400);
  assert.match(refused.error, /motiverar/);
  p = pointOf(await call(srv, 'POST', path,
    { period: '2024-T2', override: 'uppnått', override_comment: 'Två mottagningar öppnade först i augusti.' }, 200), '2024-T2');
  assert.deepEqual([p.target, p.fulfilment, p.computed, p.overridden], [57, 'met', 'partly', true]);
  p = pointOf(await call(srv, 'POST', path, { period: '2024-T2', override: null }, 200), '2024-T2');
  assert.deepEqual([p.fulfilment, p.overridden], ['partly', false]);

  // null clears: no outcome, no level
  p = pointOf(await call(srv, 'POST', path, { period: '2024-T2', outcome: null }, 200), '2024-T2');
  assert.deepEqual([p.target, p.outcome, p.fulfilment], [57, null, null]);

  // 400 naming the field, 403 for a läsare, 404 for an unknown indicator
  assert.match((await call(srv, 'POST', path, { outcome: 1 }, 400)).error, /'period'/);
  assert.match((await call(srv, 'POST', path, { period: '2024-T4', outcome: 1 }, 400)).error, /'period'.*2024-T4/);
  assert.match((await call(srv, 'POST', path, { period: '2024-05', outcome: 1 }, 400)).error, /följs upp per tertial/);
  assert.match((await call(srv, 'POST', path, { period: '2024-T2', target: 'åttio' }, 400)).error, /'target'/);
  assert.match((await call(srv, 'POST', path, { period: '2024-T2', override: 'kanske' }, 400)).error, /'override'/);
  assert.match((await call(srv, 'POST', path, { period: '2024-T2', comment: 5 }, 400)).error, /'comment'/);
  await call(srv, 'POST', path, { period: '2024-T2', outcome: 99 }, 403, 'lars');
  await call(srv, 'POST', '/api/v1/indicators/999999/values', { period: '2024-T2', outcome: 1 }, 404);

  // and the outcome the brief's example asks for: 60 against 57 is met
  p = pointOf(await call(srv, 'POST', path, { period: '2024-T2', outcome: 60 }, 200), '2024-T2');
  assert.deepEqual([p.target, p.outcome, p.fulfilment], [57, 60, 'met']);
  const tree = await call(srv, 'GET', '/api/v1/plans/regionhalsan/tree?period=2024-T2', undefined, 200);
  assert.equal(find(tree.items, 'RH-NV').fulfilment, 'met');
});

test('the indicator page: writers get the form, readers do not; the form needs CSRF and keeps what was typed', async () => {
  const id = await regionhalsanIndicatorId();
  const reader = await srv.login('lars');
  const seen = await reader.get(`/indicators/${id}`);
  assert.equal(seen.status, 200);
  assert.doesNotMatch(seen.text, /<form method="post"[^>]*\/values"/);
  assert.doesNotMatch(seen.text, />Ändra</);
  assert.equal((await reader.post(`/indicators/${id}/values`, { csrf: reader.csrf, period: '2024-T3', outcome: '1' })).status, 403);

  const web = await srv.login('anna');
  const page = await web.get(`/indicators/${id}`);
  assert.match(page.text, /<h2 id="h-values">Registrera värden<\/h2><form method="post" action="\/indicators\/\d+\/values"/);
  assert.match(page.text, /name="csrf" value="[0-9a-f]{64}"/);
  balanced(page.text, ['section', 'table', 'svg', 'figure', 'dl', 'h2', 'p', 'form', 'fieldset', 'select', 'textarea']);

  // without CSRF: 403, nothing written
  const form = { period: '2024-T3', outcome: '80,5', comment: 'Fler besök', override: 'keep' };
  assert.equal((await web.post(`/indicators/${id}/values`, form)).status, 403);
  let s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  assert.equal(pointOf(s, '2024-T3').outcome, null);

  const ok = await web.post(`/indicators/${id}/values`, { ...form, csrf: web.csrf });
  assert.equal(ok.status, 303, ok.text);
  assert.match(ok.location, new RegExp(`/indicators/${id}\\?ok=values$`));
  s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  assert.deepEqual(Object.values((({ target, outcome, fulfilment, comment }) => ({ target, outcome, fulfilment, comment }))(pointOf(s, '2024-T3'))),
    [74, 80.5, 'met', 'Fler besök']);

  // a refusal: 400, the error box, what was typed kept
  const bad = await web.post(`/indicators/${id}/values`,
    { csrf: web.csrf, period: '2024-T3', outcome: 'åttio', comment: 'Skrivet <b>här</b>', override: 'keep' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /<div class="error" role="alert"><p>Utfallet &#39;åttio&#39; är inte ett tal/);
  assert.match(bad.text, /name="outcome" inputmode="decimal" maxlength="32" value="åttio"/);
  assert.match(bad.text, /Skrivet &lt;b&gt;här&lt;\/b&gt;<\/textarea>/);
  const wrongType = await web.post(`/indicators/${id}/values`, { csrf: web.csrf, period: '2024-Q3', target: '1', override: 'keep' });
  assert.equal(wrongType.status, 400);
  assert.match(wrongType.text, /följs upp per tertial/);
  const noReason = await web.post(`/indicators/${id}/values`, { csrf: web.csrf, period: '2024-T3', override: 'not_met', override_comment: '' });
  assert.equal(noReason.status, 400);
  assert.match(noReason.text, /motiverar/);
  s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  assert.deepEqual([pointOf(s, '2024-T3').outcome, pointOf(s, '2024-T3').overridden], [80.5, false]);

  // "Ändra" opens the form on a period with its stored values; a field emptied there is removed
  assert.match(page.text, new RegExp(`href="/indicators/${id}\\?period=2024-T1#registrera">Ändra`));
  const edit = await web.get(`/indicators/${id}?period=2024-T3`);
  assert.match(edit.text, /name="loaded" value="2024-T3"/);
  assert.match(edit.text, /name="outcome" inputmode="decimal" maxlength="32" value="80,5"/);
  assert.match(edit.text, /<option value="computed" selected>/);
  const cleared = await web.post(`/indicators/${id}/values`,
    { csrf: web.csrf, loaded: '2024-T3', period: '2024-T3', target: '74', outcome: '', comment: 'Fler besök',
      override: 'partly', override_comment: 'Siffrorna för december saknas.' });
  assert.equal(cleared.status, 303);
  s = await call(srv, 'GET', `/api/v1/indicators/${id}/series`, undefined, 200);
  const t3 = pointOf(s, '2024-T3');
  assert.deepEqual([t3.target, t3.outcome, t3.fulfilment, t3.overridden], [74, null, 'partly', true]);
  const shown = await web.get(`/indicators/${id}`);
  assert.match(shown.text, /Bedömning \(beräknat: ej bedömt\):<\/em> Siffrorna för december saknas\./);
});

// The structure import: an organisation keeps its own plans and their trees
// from a CSV file (text/csv body), all or nothing.
test('POST /api/v1/plans/import: plans and trees from CSV; läsare 403; a bad line 400 and nothing written', async () => {
  const post = (csv, as = 'anna') => fetch(srv.base + '/api/v1/plans/import', {
    method: 'POST', body: csv,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Authorization: 'Bearer ' + srv.tokens[as] },
  }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const csv = [
    'plan;plannamn;plantyp;förvaltning;bygger_på;kod;överordnad;sort;titel;strategisk_ägare;bryter_ner;enhet;riktning;periodtyp',
    'sk-hsf;Strategikarta HSF;strategikarta;Habilitering och hälsa;genomforandeplan;H1;;område;Nära vård hos oss;Eva Holm;;;;',
    'sk-hsf;;;;;H1-1;H1;effektmål;Fler digitala besök;;;;;',
    'sk-hsf;;;;;H1-1-I;H1-1;indikator;Andel digitala besök;;;%;högre;tertial',
  ].join('\n');
  assert.equal((await post(csv, 'lars')).status, 403);
  const ok = await post(csv);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(JSON.parse(ok.text), { plans_new: 1, items_new: 3, items_updated: 0, items_unchanged: 0 });
  const tree = await call(srv, 'GET', '/api/v1/plans/sk-hsf/tree', undefined, 200);
  const ind = find(tree.items, 'H1-1-I');
  assert.equal(ind.kind, 'indicator');
  assert.equal(ind.title, 'Andel digitala besök');
  assert.equal(find(tree.items, 'H1').children[0].code, 'H1-1');

  const before = (await call(srv, 'GET', '/api/v1/plans', undefined, 200)).items.length;
  const bad = await post('plan;kod;överordnad;sort;titel\nsk-hsf;H2;;område;Två\n\nsk-hsf;H2-1;NV-9;delområde;X\n');
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).error, /^rad 4: okänd överordnad punkt 'NV-9' i plan 'sk-hsf'/);
  assert.equal(find((await call(srv, 'GET', '/api/v1/plans/sk-hsf/tree', undefined, 200)).items, 'H2'), undefined);
  assert.equal((await call(srv, 'GET', '/api/v1/plans', undefined, 200)).items.length, before);
});
