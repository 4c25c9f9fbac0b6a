// Registering, reading and listing cases through the JSON API: routing by
// origin, reference numbers, validation that changes nothing, filters and
// paging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { call, createCase, detail, processDef } from './walk.mjs';

const srv = useServer();
const year = new Date().getFullYear();
const total = async (query = '') => (await call(srv, 'GET', '/api/v1/cases' + query, undefined, 200)).total;
const refNumber = (ref) => Number(ref.match(/-(\d{5})$/)[1]);

test('healthz answers ok without logging in', async () => {
  const res = await srv.api('GET', '/healthz', undefined, 'none');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'ok');
});

test('a case is routed by origin to process A, B or C and starts in its first step', async () => {
  const want = { 1: 'A', 2: 'A', 3: 'B', 4: 'B', 5: 'B', 6: 'C' };
  for (const [origin, process] of Object.entries(want)) {
    const c = await createCase(srv, { title: `Ursprung ${origin}`, origin: Number(origin) });
    assert.equal(c.process, process, `origin ${origin}`);
    assert.equal(c.origin, Number(origin));
    const def = await processDef(srv, process);
    assert.ok(def.origins.includes(Number(origin)), `process ${process} does not list origin ${origin}`);
    assert.equal(c.step, def.steps[0].key);
    assert.equal(c.step_name, def.steps[0].name);
    assert.equal(c.title, `Ursprung ${origin}`);
    assert.equal(c.created_by, 'Anna Berg');
    assert.equal(c.officer, 'Anna Berg', 'the registering person becomes main case officer');
  }
});

test('201 answers with the case and where to find it; GET returns the same case', async () => {
  const res = await srv.api('POST', '/api/v1/cases', { title: 'Vårdförlopp stroke', description: 'Införande.', origin: 4 });
  assert.equal(res.status, 201);
  assert.match(res.headers.get('content-type'), /application\/json/);
  assert.match(res.headers.get('location'), new RegExp(`/api/v1/cases/${res.json.id}$`));
  const d = await detail(srv, res.json.id);
  assert.equal(d.ref, res.json.ref);
  assert.equal(d.title, 'Vårdförlopp stroke');
  assert.equal(d.description, 'Införande.');
  for (const k of ['checklist', 'links', 'consultations', 'decisions', 'transitions', 'history'])
    assert.ok(Array.isArray(d[k]), `detail has no ${k} list`);
  assert.equal(d.history.length, 1);
  assert.equal(d.history[0].kind, 'created');
  assert.match(d.history[0].what, new RegExp(d.ref));
});

test('reference numbers are HS YEAR-NNNNN and consecutive', async () => {
  const a = await createCase(srv, { title: 'Första', origin: 1 });
  const b = await createCase(srv, { title: 'Andra', origin: 6 });
  assert.match(a.ref, /^HS \d{4}-\d{5}$/);
  assert.ok(a.ref.startsWith(`HS ${year}-`), `${a.ref} is not of ${year}`);
  assert.equal(refNumber(b.ref), refNumber(a.ref) + 1);
});

test('20 concurrent registrations get 20 distinct reference numbers', async () => {
  const before = await total();
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    srv.api('POST', '/api/v1/cases', { title: `Samtidigt ${i}`, origin: 1 + (i % 6) })));
  for (const r of results) assert.equal(r.status, 201, r.text);
  const refs = new Set(results.map((r) => r.json.ref));
  assert.equal(refs.size, 20);
  const ids = new Set(results.map((r) => r.json.id));
  assert.equal(ids.size, 20);
  assert.equal(await total(), before + 20);
});

test('unknown fields are ignored and an officer can be named', async () => {
  const me = await call(srv, 'GET', '/api/v1/me', undefined, 200, 'erik');
  const c = await createCase(srv, { title: 'Med handläggare', origin: 2, officer: me.id, färg: 'blå', extra: [1] });
  assert.equal(c.officer, 'Erik Lind');
  assert.equal(c.extra, undefined);
  const lars = await call(srv, 'GET', '/api/v1/me', undefined, 200, 'lars');
  const res = await srv.api('POST', '/api/v1/cases', { title: 'Läsare som handläggare', origin: 2, officer: lars.id });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /läsare/);
});

test('validation: wrong types and missing fields are refused naming the field, and nothing is written', async () => {
  const before = await total();
  const bad = [
    [{ title: 'x', origin: '1' }, 'origin'],
    [{ title: 'x' }, 'origin'],
    [{ title: 'x', origin: 7 }, 'origin'],
    [{ title: 'x', origin: 0 }, 'origin'],
    [{ title: 'x', origin: 1.5 }, 'origin'],
    [{ title: 'x', origin: true }, 'origin'],
    [{ title: 42, origin: 1 }, 'title'],
    [{ origin: 1 }, 'title'],
    [{ title: 'x', description: ['a'], origin: 1 }, 'description'],
    [{ title: 'x', origin: 1, officer: 'anna' }, 'officer'],
  ];
  for (const [body, field] of bad) {
    const res = await srv.api('POST', '/api/v1/cases', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.headers.get('content-type'), /application\/json/);
    assert.ok(res.json.error.includes(`Fältet '${field}'`), `${JSON.stringify(body)}: ${res.json.error}`);
  }
  const res = await srv.api('POST', '/api/v1/cases', { title: 'x', origin: '1' });
  assert.equal(res.json.error, "Fältet 'origin' måste vara ett heltal 1–6.");
  const blank = await srv.api('POST', '/api/v1/cases', { title: '   ', origin: 1 });
  assert.equal(blank.status, 400);
  assert.match(blank.json.error, /Rubrik/);
  assert.equal(await total(), before);
});

test('bad JSON is refused with 400 and nothing is written', async () => {
  const before = await total();
  for (const body of ['{"title": "x", "origin": 1', 'nonsense', '', '[1,2]', '"text"',
    '{"title":"a","title":"b","origin":1}']) {
    const res = await srv.api('POST', '/api/v1/cases', body);
    assert.equal(res.status, 400, `body ${JSON.stringify(body)}: ${res.text}`);
    assert.equal(typeof res.json.error, 'string');
    assert.ok(res.json.error.length > 5);
  }
  assert.equal(await total(), before);
});

test('a personnummer in free text is refused; the same digits with a wrong check digit are not one', async () => {
  const before = await total();
  for (const fields of [{ title: 'Patient 19121212-1212 klagar' }, { title: 'Ok', description: 'Gäller 121212-1212.' }]) {
    const res = await srv.api('POST', '/api/v1/cases', { origin: 6, ...fields });
    assert.equal(res.status, 400, res.text);
    assert.match(res.json.error, /personnummer/);
  }
  assert.equal(await total(), before);
  const c = await createCase(srv, { title: 'Ärende 19121212-1213', origin: 6 });
  assert.equal(c.title, 'Ärende 19121212-1213');
  assert.equal(await total(), before + 1);
});

test('unknown or malformed case ids answer 404 with a JSON error', async () => {
  for (const path of ['/api/v1/cases/999999', '/api/v1/cases/0', '/api/v1/cases/abc', '/api/v1/cases/-1']) {
    const res = await srv.api('GET', path);
    assert.equal(res.status, 404, path);
    assert.equal(typeof res.json.error, 'string', path);
  }
  const res = await srv.api('POST', '/api/v1/cases/999999/checklist', { item: 'x', state: 'done' });
  assert.equal(res.status, 404);
  assert.match(res.json.error, /999999/);
});

test('list filters: process, step, origin and free text (case-insensitive, å ä ö too)', async () => {
  const tag = 'Överbeläggningarnas' + Date.now();
  const b1 = await createCase(srv, { title: 'Filter B1', description: `Om ${tag} på akuten.`, origin: 3 });
  const b2 = await createCase(srv, { title: 'Filter B2', origin: 5 });
  const c1 = await createCase(srv, { title: 'Filter C1', description: 'Signal om Ögonvård.', origin: 6 });

  const byProcess = await call(srv, 'GET', '/api/v1/cases?process=B&limit=200', undefined, 200);
  assert.ok(byProcess.items.every((c) => c.process === 'B'));
  assert.ok([b1.id, b2.id].every((id) => byProcess.items.some((c) => c.id === id)));
  assert.ok(!byProcess.items.some((c) => c.id === c1.id));
  assert.equal(byProcess.total, byProcess.items.length);

  const byOrigin = await call(srv, 'GET', '/api/v1/cases?origin=5&limit=200', undefined, 200);
  assert.ok(byOrigin.items.length >= 1 && byOrigin.items.every((c) => c.origin === 5));
  assert.ok(byOrigin.items.some((c) => c.id === b2.id));

  const first = (await processDef(srv, 'C')).steps[0].key;
  const byStep = await call(srv, 'GET', `/api/v1/cases?process=C&step=${first}&limit=200`, undefined, 200);
  assert.ok(byStep.items.every((c) => c.process === 'C' && c.step === first));
  assert.ok(byStep.items.some((c) => c.id === c1.id));
  const noStep = await call(srv, 'GET', '/api/v1/cases?step=finns_inte', undefined, 200);
  assert.deepEqual([noStep.total, noStep.items.length], [0, 0]);

  for (const q of [tag, tag.toLowerCase(), tag.toUpperCase(), tag.slice(2, 12)]) {
    const r = await call(srv, 'GET', '/api/v1/cases?q=' + encodeURIComponent(q), undefined, 200);
    assert.deepEqual(r.items.map((c) => c.id), [b1.id], `q=${q}`);
    assert.equal(r.total, 1);
  }
  for (const q of ['ögonvård', 'ÖGONVÅRD', 'Ögonvård']) {
    const r = await call(srv, 'GET', '/api/v1/cases?q=' + encodeURIComponent(q), undefined, 200);
    assert.deepEqual(r.items.map((c) => c.id), [c1.id], `q=${q}`);
  }
  const byRef = await call(srv, 'GET', '/api/v1/cases?q=' + encodeURIComponent(c1.ref), undefined, 200);
  assert.deepEqual(byRef.items.map((c) => c.id), [c1.id]);
  const combined = await call(srv, 'GET', `/api/v1/cases?process=A&q=${encodeURIComponent(tag)}`, undefined, 200);
  assert.equal(combined.total, 0);
  // LIKE's wildcards are searched for as themselves
  const pct = await call(srv, 'GET', '/api/v1/cases?q=%25', undefined, 200);
  assert.equal(pct.total, 0);
});

test('paging: limit and offset give disjoint pages of the same total, newest first', async () => {
  for (let i = 0; i < 5; i++) await createCase(srv, { title: `Sida ${i}`, origin: 2 });
  const all = await call(srv, 'GET', '/api/v1/cases?limit=200', undefined, 200);
  assert.ok(all.total >= 5);
  const p1 = await call(srv, 'GET', '/api/v1/cases?limit=2&offset=0', undefined, 200);
  const p2 = await call(srv, 'GET', '/api/v1/cases?limit=2&offset=2', undefined, 200);
  const pg2 = await call(srv, 'GET', '/api/v1/cases?limit=2&page=2', undefined, 200);
  assert.equal(p1.items.length, 2);
  assert.equal(p2.items.length, 2);
  assert.equal(p1.total, all.total);
  assert.equal(p2.total, all.total);
  const ids1 = p1.items.map((c) => c.id), ids2 = p2.items.map((c) => c.id);
  assert.ok(!ids1.some((id) => ids2.includes(id)), 'pages overlap');
  assert.deepEqual([...ids1, ...ids2], all.items.slice(0, 4).map((c) => c.id));
  assert.deepEqual(pg2.items.map((c) => c.id), ids2);
  assert.ok(ids1[0] > ids1[1], 'not newest first');
  const dflt = await call(srv, 'GET', '/api/v1/cases', undefined, 200);
  assert.equal(dflt.items.length, Math.min(25, all.total));
  const past = await call(srv, 'GET', `/api/v1/cases?offset=${all.total}`, undefined, 200);
  assert.deepEqual([past.items.length, past.total], [0, all.total]);
});

test('bad list parameters answer 400 naming the parameter', async () => {
  for (const [q, name] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'], ['origin=7', 'origin'],
    ['origin=x', 'origin'], ['offset=-1', 'offset'], ['page=0', 'page'], ['limit=1e3', 'limit']]) {
    const res = await srv.api('GET', '/api/v1/cases?' + q);
    assert.equal(res.status, 400, q);
    assert.ok(res.json.error.includes(`'${name}'`), `${q}: ${res.json.error}`);
  }
});
