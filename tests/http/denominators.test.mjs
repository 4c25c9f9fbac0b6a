// Vårddagar and besök over the JSON API (issue 4): POST /api/v1/denominators
// with a CSV body (enhet;månad;slag;värde) adds, and the same unit+month+slag
// again updates; a bad line is a 400 naming the line, with nothing written;
// the läsare gets 403, no token 401; GET /api/v1/denominators filters by unit
// and kind. With them a unit's monthly chart is a rate, and the chart page
// switches between the monthly and the weekly series.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { usePatternDemo } from './pattern_demo.mjs';

const srv = useServer();

usePatternDemo(srv);

async function csv(text, as = 'anna') {
  const headers = { 'Content-Type': 'text/csv; charset=utf-8' };
  if (as !== 'none') headers.Authorization = 'Bearer ' + srv.tokens[as];
  const res = await fetch(srv.base + '/api/v1/denominators', { method: 'POST', headers, body: text });
  const body = await res.text();
  let json;
  try { json = JSON.parse(body); } catch { json = undefined; }
  return { status: res.status, text: body, json };
}

const geriatrik = async () => (await srv.api('GET', '/api/v1/denominators?unit=Geriatrik')).json.items;

test('POST /api/v1/denominators adds, and a re-import updates instead of duplicating', async () => {
  const first = await csv('enhet;månad;slag;värde\r\nGeriatrik;2025-05;vårddagar;1 860\r\nGeriatrik;2025-06;vårddagar;1800\r\n');
  assert.equal(first.status, 201, first.text);
  assert.deepEqual(first.json, { read: 2, added: 2, updated: 0, unchanged: 0 });
  const again = await csv('enhet;månad;slag;värde\nGeriatrik;2025-05;vårddagar;1860\ngeriatrik;2025-06;Vårddagar;1750\n');
  assert.equal(again.status, 201, again.text);
  assert.deepEqual(again.json, { read: 2, added: 0, updated: 1, unchanged: 1 });
  const items = await geriatrik();
  assert.deepEqual(items.map((d) => `${d.month} ${d.kind} ${d.value}`), ['2025-05 vårddagar 1860', '2025-06 vårddagar 1750']);
  assert.equal(items[0].unit, 'Geriatrik');
});

test('a bad line is a 400 naming it, and nothing is written', async () => {
  const before = await geriatrik();
  const bad = await csv('enhet;månad;slag;värde\nGeriatrik;2025-07;vårddagar;1800\nGeriatrik;2025-08;timmar;12\n');
  assert.equal(bad.status, 400);
  assert.match(bad.json.error, /rad 3: slag 'timmar' ska vara vårddagar eller besök/);
  const unknown = await csv('enhet;månad;slag;värde\nGeriatrik;2025-07;vårddagar;1800\nOrtopedavd 3;2025-07;besök;12\n');
  assert.equal(unknown.status, 400);
  assert.match(unknown.json.error, /rad 3: okänd enhet 'Ortopedavd 3'/);
  const decimal = await csv('enhet;månad;slag;värde\nGeriatrik;2025-07;vårddagar;18,5\n');
  assert.equal(decimal.status, 400);
  assert.match(decimal.json.error, /rad 2: värde '18,5' ska vara ett positivt heltal/);
  assert.deepEqual(await geriatrik(), before);
});

test('the läsare may read but not import; no token is 401', async () => {
  const file = 'enhet;månad;slag;värde\nGeriatrik;2025-09;vårddagar;1800\n';
  assert.equal((await csv(file, 'lars')).status, 403);
  assert.equal((await csv(file, 'none')).status, 401);
  const read = await srv.api('GET', '/api/v1/denominators?unit=Ortopedi&kind=vårddagar', undefined, 'lars');
  assert.equal(read.status, 200);
  assert.equal(read.json.items.length, 12); // the demo year
  assert.ok(read.json.items.every((d) => d.unit === 'Ortopedi' && d.kind === 'vårddagar' && d.value > 0));
  assert.equal(read.json.items.filter((d) => d.month === '2025-09').length, 0);
});

test('GET /api/v1/denominators: 400 naming an unknown unit or kind', async () => {
  const unit = await srv.api('GET', '/api/v1/denominators?unit=Ortopedavd%203');
  assert.equal(unit.status, 400);
  assert.match(unit.json.error, /Parametern 'unit': okänd enhet 'Ortopedavd 3'/);
  const kind = await srv.api('GET', '/api/v1/denominators?kind=timmar');
  assert.equal(kind.status, 400);
  assert.match(kind.json.error, /Parametern 'kind'/);
  const all = await srv.api('GET', '/api/v1/denominators?kind=besök');
  assert.deepEqual([...new Set(all.json.items.map((d) => d.unit))].sort(), ['Allmäntandvård', 'Specialisttandvård']);
});

test('the chart page: a rate where the unit has vårddagar, and the Per månad / Per vecka switch', async () => {
  const web = await srv.login('anna');
  const units = (await srv.api('GET', '/api/v1/units')).json;
  const list = Array.isArray(units) ? units : units.items;
  const ortopedi = list.find((u) => u.name === 'Ortopedi');
  // the category id of Läkemedel, from the planted pattern
  const med = (await srv.api('GET', '/api/v1/patterns')).json.items.find((p) => p.category === 'Läkemedel');
  assert.ok(ortopedi && med);
  const cat = med.category_id;
  const month = await web.get(`/charts/${ortopedi.id}/${cat}?source=deviations&level=unit`);
  assert.equal(month.status, 200);
  assert.match(month.text, /Läkemedel – Ortopedi \(avvikelser per månad\)/);
  assert.match(month.text, /händelser per 1000 vårddagar/);
  assert.match(month.text, /<a href="[^"]*period=month" aria-current="page">Per månad<\/a>/);
  const week = await web.get(`/charts/${ortopedi.id}/${cat}?source=deviations&level=unit&period=week`);
  assert.equal(week.status, 200);
  assert.match(week.text, /Läkemedel – Ortopedi \(avvikelser per vecka\)/);
  assert.match(week.text, /<a href="[^"]*period=week" aria-current="page">Per vecka<\/a>/);
  assert.match(week.text, /<th scope="col">Vecka<\/th>/);
  assert.match(week.text, /<td>\d{4}-W\d{2}<\/td>/);
  assert.doesNotMatch(week.text, /per 1000/);
  const bad = await web.get(`/charts/${ortopedi.id}/${cat}?period=dag`);
  assert.equal(bad.status, 400);
});
