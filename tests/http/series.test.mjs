// One series over the API and its chart page's forms (issue 4): GET
// /api/v1/series gives the points with cl/lcl/ucl/signal, annotations,
// settings, cases and decisions; POST /api/v1/series/settings freezes a
// baseline or splits the series (400 naming the field, nothing changed);
// POST /api/v1/series/cases links a case. On the chart page a writer
// annotates, freezes, splits, clears and links a case (CSRF, the läsare
// refused, bad input shown again with the values kept), and a decision of
// the signal case made from the series' pattern is drawn on the chart, with
// a link back from the case page. Runs on `lots pattern demo --seed 3`.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServer, LOTS } from './server.mjs';

const srv = useServer();

let ready = false;
beforeEach(() => {
  if (ready) return;
  const env = { ...process.env, LOTS_FAST_HASH: '1' };
  delete env.LOTS_DB;
  execFileSync(LOTS, ['pattern', 'demo', '--seed', '3', '--db', srv.db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  ready = true;
});

// The planted Läkemedel pattern at Medicinkliniken Karlskoga and its series' key.
// Detection keeps one pattern per series, per week or per month, whichever is
// stronger; these tests work on the monthly chart, so the periods they use
// (first, since = the first signalling month, last) and the monthly rule are
// read from it.
async function planted() {
  const items = (await srv.api('GET', '/api/v1/patterns')).json.items;
  const p = items.find((x) => x.unit === 'Medicinkliniken Karlskoga' && x.category === 'Läkemedel');
  assert.ok(p, JSON.stringify(items.map((x) => [x.unit, x.category])));
  const month = p.period === 'month' ? p : p.also;
  assert.ok(month && month.period === 'month', 'the planted rise does not signal per month: ' + JSON.stringify(p));
  const s = (await srv.api('GET', '/api/v1/series?' + query(p) + '&period=month')).json;
  const signalling = s.points.filter((x) => x.signal);
  assert.ok(signalling.length, 'no signalling month');
  return { ...p, rule: month.rule, first_period: s.points[0].x, since_period: signalling[0].x,
    last_period: s.points[s.points.length - 1].x };
}
const keyOf = (p) => ({ level: p.level, unit: p.unit_id, category: p.category_id, source: p.source });
const query = (p) => `level=${encodeURIComponent(p.level)}&unit=${p.unit_id}&category=${p.category_id}&source=${p.source}`;
const chartPath = (p) => `/charts/${p.unit_id}/${p.category_id}?source=${p.source}&level=${encodeURIComponent(p.level)}`;
const formKey = (p, csrf) => ({ csrf, source: p.source, level: p.level });

async function newCase(title) {
  const res = await srv.api('POST', '/api/v1/cases', { title, description: 'Samma brist.', origin: 1 });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('GET /api/v1/series: points with limits and signals, 400/404 naming the parameter', async () => {
  const p = await planted();
  const res = await srv.api('GET', '/api/v1/series?' + query(p));
  assert.equal(res.status, 200, res.text);
  const s = res.json;
  assert.equal(s.unit, 'Medicinkliniken Karlskoga');
  assert.equal(s.category, 'Läkemedel');
  assert.equal(s.judged, true);
  assert.equal(s.rule, p.rule);
  assert.equal(s.counts.length, 12);
  assert.ok(s.points.length > 0);
  for (const k of ['x', 'y', 'cl', 'lcl', 'ucl', 'signal']) assert.ok(k in s.points[0], k);
  assert.ok(s.points.some((x) => x.signal), 'no signalling point in the planted pattern');
  assert.deepEqual(s.settings, { freeze: 0, split_at: null });
  assert.deepEqual(s.decisions, []);
  assert.equal((await srv.api('GET', '/api/v1/series?' + query(p), undefined, 'lars')).status, 200);
  assert.equal((await srv.api('GET', '/api/v1/series?' + query(p), undefined, 'none')).status, 401);
  const badLevel = await srv.api('GET', `/api/v1/series?level=avdelning&unit=${p.unit_id}&category=${p.category_id}`);
  assert.equal(badLevel.status, 400);
  assert.match(badLevel.json.error, /'level'/);
  const noCat = await srv.api('GET', `/api/v1/series?unit=${p.unit_id}`);
  assert.equal(noCat.status, 400);
  assert.match(noCat.json.error, /'category'/);
  const badUnit = await srv.api('GET', `/api/v1/series?unit=x&category=${p.category_id}`);
  assert.equal(badUnit.status, 400);
  assert.match(badUnit.json.error, /'unit'/);
  const unknown = await srv.api('GET', `/api/v1/series?unit=${p.unit_id}&category=999999`);
  assert.equal(unknown.status, 404);
  assert.match(unknown.json.error, /kategori/);
});

test('POST /api/v1/series/settings freezes and splits; bad input is 400 naming the field and changes nothing', async () => {
  const p = await planted();
  const reader = await srv.api('POST', '/api/v1/series/settings', { ...keyOf(p), freeze: 5 }, 'lars');
  assert.equal(reader.status, 403);
  const ok = await srv.api('POST', '/api/v1/series/settings', { ...keyOf(p), freeze: 5 });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json.settings, { freeze: 5, split_at: null });
  for (const [body, field] of [[{ freeze: 99 }, 'freeze'], [{ freeze: '5' }, 'freeze'],
    [{ split_at: '2026-13' }, 'split_at'], [{ source: 'incidents' }, 'source']]) {
    const bad = await srv.api('POST', '/api/v1/series/settings', { ...keyOf(p), ...body });
    assert.equal(bad.status, 400, JSON.stringify(body) + ' ' + bad.text);
    assert.match(bad.json.error, new RegExp(`'${field}'`));
  }
  const after = await srv.api('GET', '/api/v1/series?' + query(p));
  assert.deepEqual(after.json.settings, { freeze: 5, split_at: null }, 'a refused call changed the settings');
  const split = await srv.api('POST', '/api/v1/series/settings', { ...keyOf(p), split_at: p.first_period });
  assert.deepEqual(split.json.settings, { freeze: 0, split_at: p.first_period });
  const cleared = await srv.api('POST', '/api/v1/series/settings', keyOf(p));
  assert.deepEqual(cleared.json.settings, { freeze: 0, split_at: null });
});

test('POST /api/v1/series/cases links a case once; an unknown reference is 400 naming the field', async () => {
  const p = await planted();
  const c = await newCase('Läkemedelsgenomgångar på Medicinkliniken');
  assert.equal((await srv.api('POST', '/api/v1/series/cases', { ...keyOf(p), case: c.ref }, 'lars')).status, 403);
  const bad = await srv.api('POST', '/api/v1/series/cases', { ...keyOf(p), case: 'HS 1999-99999' });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /'case'/);
  const res = await srv.api('POST', '/api/v1/series/cases', { ...keyOf(p), case: c.ref });
  assert.equal(res.status, 201, res.text);
  const linked = res.json.cases.find((x) => x.id === c.id);
  assert.ok(linked && linked.linked && !linked.from_pattern, JSON.stringify(res.json.cases));
  assert.equal((await srv.api('POST', '/api/v1/series/cases', { ...keyOf(p), case: c.ref })).status, 409);
  const hist = await srv.api('GET', `/api/v1/cases/${c.id}`);
  assert.match(JSON.stringify(hist.json), /Kopplat till diagrammet Läkemedel – Medicinkliniken Karlskoga/);
});

test('chart page: a writer annotates; without CSRF 403, the läsare 403 and sees no forms, a bad date is shown again', async () => {
  const p = await planted();
  const web = await srv.login('anna');
  const page = await web.get(chartPath(p));
  assert.equal(page.status, 200);
  for (const sub of ['annotations', 'settings', 'cases'])
    assert.ok(page.text.includes(`<form method="post" action="/charts/${p.unit_id}/${p.category_id}/${sub}" class="stack">`), sub);
  assert.match(page.text, /<title id="chart-t">/);
  const path = `/charts/${p.unit_id}/${p.category_id}/annotations`;
  const noCsrf = await web.post(path, { ...formKey(p, ''), date: p.since_period, text: 'Utan CSRF' });
  assert.equal(noCsrf.status, 403);
  const reader = await srv.login('lars');
  const rpage = await reader.get(chartPath(p));
  assert.equal(rpage.status, 200);
  assert.doesNotMatch(rpage.text, /<form method="post" action="\/charts/);
  assert.equal((await reader.post(path, { ...formKey(p, reader.csrf), date: p.since_period, text: 'Läsare' })).status, 403);
  const bad = await web.post(path, { ...formKey(p, web.csrf), date: '2026-02-30', text: 'Ny rutin <b>A</b>' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*Datum \(fältet &#39;date&#39;\)|role="alert"[^]*Datum \(fältet 'date'\)/);
  assert.match(bad.text, /value="2026-02-30"/);
  assert.match(bad.text, /value="Ny rutin &lt;b&gt;A&lt;\/b&gt;"/);
  const ok = await web.post(path, { ...formKey(p, web.csrf), date: `${p.since_period}-01`, text: 'Ny rutin för läkemedelsgenomgång' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /\/charts\/\d+\/\d+\?source=deviations&level=unit&period=month&ok=annotated$/);
  const shown = await web.get(ok.location);
  assert.match(shown.text, /Anteckningen är sparad\./);
  assert.match(shown.text, /<g class="note"><title>Anteckning [\d-]+: Ny rutin för läkemedelsgenomgång<\/title>/);
  assert.match(shown.text, /<table class="marks">[^]*Anteckning<\/td><td>Ny rutin för läkemedelsgenomgång/);
  const api = await srv.api('GET', '/api/v1/series?' + query(p));
  assert.equal(api.json.annotations.filter((a) => a.text === 'Ny rutin <b>A</b>').length, 0);
  assert.equal(api.json.annotations.filter((a) => a.text === 'Ny rutin för läkemedelsgenomgång').length, 1);
});

test('chart page: freeze the baseline and split, drawn and listed; a bad month kept; clearing removes them', async () => {
  const p = await planted();
  const web = await srv.login('anna');
  const path = `/charts/${p.unit_id}/${p.category_id}/settings`;
  const bad = await web.post(path, { ...formKey(p, web.csrf), freeze: '4', split_at: '2026-3' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*split_at/);
  assert.match(bad.text, /name="split_at" maxlength="7" value="2026-3"/);
  assert.match(bad.text, /name="freeze"[^>]*value="4"/);
  const tooMany = await web.post(path, { ...formKey(p, web.csrf), freeze: 'fyra', split_at: '' });
  assert.equal(tooMany.status, 400);
  assert.match(tooMany.text, /role="alert"[^]*freeze/);
  assert.deepEqual((await srv.api('GET', '/api/v1/series?' + query(p))).json.settings, { freeze: 0, split_at: null });
  const ok = await web.post(path, { ...formKey(p, web.csrf), freeze: '4', split_at: '' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /ok=series-settings$/);
  const page = await web.get(ok.location);
  assert.match(page.text, /<g class="baseline">[^]*Baslinje: de första 4 punkterna<\/text>/);
  assert.match(page.text, /<desc id="chart-d">[^<]*Baslinje: centrallinjen och styrgränserna bygger på de första 4 punkterna/);
  assert.match(page.text, /<td>Baslinje<\/td><td>Baslinje: de första 4 punkterna/);
  // the weekly chart of the same series keeps the baseline in months and says how many weeks they cover
  const weekly = await web.get(chartPath(p) + '&period=week');
  const weeks = weekly.text.match(/<g class="baseline"><title>Baslinje: de första 4 månaderna \((\d+) veckor\)/);
  assert.ok(weeks && +weeks[1] >= 13 && +weeks[1] <= 18, 'weekly baseline: ' + (weeks && weeks[0]));
  assert.match(weekly.text, /<label for="freeze">Baslinje: antal månader<\/label>/);
  const split = await web.post(path, { ...formKey(p, web.csrf), freeze: '', split_at: p.since_period });
  assert.equal(split.status, 303);
  const page2 = await web.get(split.location);
  assert.match(page2.text, new RegExp(`<g class="split">[^]*Delad vid ${p.since_period}</text>`));
  assert.match(page2.text, new RegExp(`<td>Delning</td><td>Delad vid ${p.since_period}`));
  assert.doesNotMatch(page2.text, /<g class="baseline">/);
  const cleared = await web.post(path, { ...formKey(p, web.csrf), clear: '1' });
  assert.equal(cleared.status, 303);
  assert.match(cleared.location, /ok=series-cleared$/);
  const page3 = await web.get(cleared.location);
  assert.match(page3.text, /Baslinjen och delningen är borttagna\./);
  assert.doesNotMatch(page3.text, /<g class="(split|baseline)">/);
  assert.deepEqual((await srv.api('GET', '/api/v1/series?' + query(p))).json.settings, { freeze: 0, split_at: null });
});

test('chart page: link a case by reference and remove the link; an unknown reference is shown again', async () => {
  const p = await planted();
  const web = await srv.login('anna');
  const c = await newCase('Rutin för läkemedelslistor');
  const path = `/charts/${p.unit_id}/${p.category_id}/cases`;
  const bad = await web.post(path, { ...formKey(p, web.csrf), case: 'HS 1999-00001' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*HS 1999-00001/);
  assert.match(bad.text, /id="link-case" name="case" maxlength="40" value="HS 1999-00001"/);
  const ok = await web.post(path, { ...formKey(p, web.csrf), case: c.ref });
  assert.equal(ok.status, 303);
  const page = await web.get(ok.location);
  assert.match(page.text, /Ärendet är kopplat till diagrammet\./);
  assert.match(page.text, new RegExp(`<a href="/cases/${c.id}">${c.ref}</a> Rutin för läkemedelslistor <span class="meta">\\(kopplat av Anna Berg`));
  const casePage = await web.get(`/cases/${c.id}`);
  assert.match(casePage.text, new RegExp(`Diagram: <a href="/charts/${p.unit_id}/${p.category_id}\\?source=deviations&amp;level=unit">Läkemedel – Medicinkliniken Karlskoga \\(avvikelser\\)</a> \\(kopplat för hand\\)`));
  const unlinkPath = `/charts/${p.unit_id}/${p.category_id}/cases/${c.id}/delete`;
  assert.ok(page.text.includes(`<form method="post" action="${unlinkPath}" class="inline">`), 'no form that removes the link');
  const unlink = await web.post(unlinkPath, formKey(p, web.csrf));
  assert.equal(unlink.status, 303);
  const after = await web.get(unlink.location);
  assert.doesNotMatch(after.text, new RegExp(`<a href="/cases/${c.id}">`));
  const again = await web.post(`/charts/${p.unit_id}/${p.category_id}/cases/${c.id}/delete`, formKey(p, web.csrf));
  assert.equal(again.status, 404);
});

test('a signal case made from the pattern gets a decision, and the chart draws it with a link to the case', async () => {
  const p = await planted();
  const made = await srv.api('POST', `/api/v1/patterns/${p.id}/case`);
  assert.equal(made.status, 201, made.text);
  const id = made.json.id, ref = made.json.ref;
  const steps = [[['signal_beskriven', 'monster_underlag', 'via_chef'], 'funktionsgrupp'],
    [['avstamning_samordningsrad', 'monster_bekraftat'], 'inom_mandat'], [['atgard_beskriven'], 'beslut']];
  for (const [items, to] of steps) {
    for (const item of items) {
      const r = await srv.api('POST', `/api/v1/cases/${id}/checklist`, { item, state: 'done' });
      assert.equal(r.status, 200, r.text);
    }
    const m = await srv.api('POST', `/api/v1/cases/${id}/transitions`, { to });
    assert.equal(m.status, 200, m.text);
  }
  const date = `${p.last_period}-10`;
  const d = await srv.api('POST', `/api/v1/cases/${id}/decisions`,
    { body: 'SSN', date, paragraph: '§ 45', text: 'Gemensam rutin för läkemedelsgenomgång' });
  assert.ok(d.status === 200 || d.status === 201, d.text);
  const label = `Beslut SSN § 45 (${ref})`;
  const api = await srv.api('GET', '/api/v1/series?' + query(p));
  assert.deepEqual(api.json.decisions.map((x) => [x.case, x.date, x.label]), [[id, date, label]]);
  const web = await srv.login('anna');
  const page = await web.get(chartPath(p));
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`<g class="decision"><title>${label} ${date}: Gemensam rutin för läkemedelsgenomgång</title>`), 'no decision marker');
  assert.ok(page.text.includes(`class="decision-text"`) && page.text.includes(`>${label}</text>`), 'the marker has no label');
  assert.match(page.text, /lodräta linjer markerar \d+ anteckning(ar)? och 1 beslut/i);
  assert.ok(page.text.includes(`<td>Beslut</td><td><a href="/cases/${id}">${label}</a>`), 'the table does not link the decision to its case');
  assert.match(page.text, new RegExp(`\\(gjort av ett mönster i serien\\)`));
  const casePage = await web.get(`/cases/${id}`);
  assert.ok(casePage.text.includes(`Diagram: <a href="/charts/${p.unit_id}/${p.category_id}?source=deviations&amp;level=unit">`), 'the case page does not link back to the chart');
});
