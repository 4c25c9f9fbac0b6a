// Patterns over the JSON API (issue 4): the demo year (`lots pattern demo`,
// org + deviations + complaints, then a detection) gives patterns strongest
// first; POST /api/v1/patterns/{id}/case → 201 with a case in process C
// (origin 6) whose evidence names the events; a second POST → 409; a new
// detection does not propose the pattern again; 401 without a token, 403
// for the läsare; the patterns page and a chart page render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { usePatternDemo } from './pattern_demo.mjs';

const srv = useServer();

usePatternDemo(srv);

test('GET /api/v1/patterns lists the planted patterns, strongest first', async () => {
  const res = await srv.api('GET', '/api/v1/patterns');
  assert.equal(res.status, 200);
  const items = res.json.items;
  assert.ok(items.length >= 2);
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].strength >= items[i].strength);
  const med = items.find((p) => p.unit === 'Medicinkliniken Karlskoga' && p.category === 'Läkemedel');
  const ger = items.find((p) => p.unit === 'Geriatrik' && p.category === 'Informationsöverföring');
  assert.ok(med && ger, JSON.stringify(items));
  assert.equal(ger.source, 'complaints');
  assert.equal(ger.rule, 'over_ucl');
  assert.equal(ger.chart, 'c');
  assert.equal(ger.case, null);
  assert.equal(typeof ger.events, 'number');
  assert.equal(med.level, 'unit');
  // the period of each pattern; the planted rise signals per month and per week (about 1.8 a week), and is
  // proposed once, in the stronger period, naming the other
  assert.equal(ger.period, 'month');
  assert.equal(ger.period_label, 'per månad');
  assert.equal(ger.also, null);
  const other = { month: 'week', week: 'month' };
  assert.ok(other[med.period], med.period);
  assert.equal(med.also.period, other[med.period]);
  assert.equal(med.also.period_label, med.also.period === 'week' ? 'per vecka' : 'per månad');
  assert.ok(med.also.strength <= med.strength);
  assert.match(med.also.rule_label, /\S/);
  assert.equal(items.filter((p) => p.unit === med.unit && p.category === med.category && p.source === med.source).length, 1);
});

test('POST /api/v1/patterns/{id}/case makes a signal case in process C, once', async () => {
  const list = (await srv.api('GET', '/api/v1/patterns')).json.items;
  const p = list.find((x) => x.unit === 'Medicinkliniken Karlskoga');
  const no = await srv.api('POST', `/api/v1/patterns/${p.id}/case`, undefined, 'none');
  assert.equal(no.status, 401);
  const reader = await srv.api('POST', `/api/v1/patterns/${p.id}/case`, undefined, 'lars');
  assert.equal(reader.status, 403);
  const res = await srv.api('POST', `/api/v1/patterns/${p.id}/case`);
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.origin, 6);
  assert.equal(res.json.process, 'C');
  assert.match(res.json.title, /Läkemedel – Medicinkliniken Karlskoga/);
  assert.match(res.json.description, /c-diagram/);
  assert.match(res.json.description, /AVV-|Händelser bakom mönstret/);
  const got = await srv.api('GET', `/api/v1/cases/${res.json.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.process, 'C');
  const again = await srv.api('POST', `/api/v1/patterns/${p.id}/case`);
  assert.equal(again.status, 409);
  const det = await srv.api('POST', '/api/v1/patterns/detect');
  assert.equal(det.status, 200);
  assert.equal(det.json.kept, 1);
  const after = (await srv.api('GET', '/api/v1/patterns')).json.items
    .filter((x) => x.unit === 'Medicinkliniken Karlskoga' && x.category === 'Läkemedel');
  assert.equal(after.length, 1);
  assert.equal(after[0].case, res.json.id);
  const missing = await srv.api('POST', '/api/v1/patterns/999999/case');
  assert.equal(missing.status, 404);
});

test('annotations: 201, and 400 naming the field', async () => {
  const p = (await srv.api('GET', '/api/v1/patterns')).json.items[0];
  const ok = await srv.api('POST', '/api/v1/series/annotations',
    { unit: p.unit_id, category: p.category_id, source: p.source, date: p.since_period, text: 'Ny rutin' });
  assert.equal(ok.status, 201, ok.text);
  const bad = await srv.api('POST', '/api/v1/series/annotations',
    { unit: p.unit_id, category: p.category_id, source: p.source, text: 'Ny rutin' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /date/);
  const reader = await srv.api('POST', '/api/v1/series/annotations',
    { unit: p.unit_id, category: p.category_id, source: p.source, date: '2026-01', text: 'x' }, 'lars');
  assert.equal(reader.status, 403);
});

test('the patterns page and a chart page render the SVG', async () => {
  const web = await srv.login('anna');
  const page = await web.get('/patterns');
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg class="spc-chart"[^>]*role="img"/);
  assert.match(page.text, /Skapa signalärende|Signalärende:/);
  assert.match(page.text, /<dt>Period<\/dt><dd>per månad<\/dd>/);
  assert.match(page.text, /<dt>Även per (vecka|månad)<\/dt>/);
  const periods = [...page.text.matchAll(/<dt>Signalerande perioder<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => m[1]);
  assert.ok(periods.length && periods.every((x) => /^\d{4}-W?\d\d(, \d{4}-W?\d\d)*$/.test(x)), periods.join(' | '));
  const p = (await srv.api('GET', '/api/v1/patterns')).json.items[0];
  const chart = await web.get(`/charts/${p.unit_id}/${p.category_id}?source=${p.source}&level=${p.level}`);
  assert.equal(chart.status, 200);
  assert.match(chart.text, /<desc id="chart-d">/);
  const det = await srv.api('POST', '/api/v1/patterns/detect');
  assert.equal(det.status, 200);
  assert.ok(det.json.weeks >= 52 && det.json.judged_weekly > 0, JSON.stringify(det.json));
});
