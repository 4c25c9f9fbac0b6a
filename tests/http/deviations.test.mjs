// Deviations and complaints over the JSON API (issue 4): POST → 201 or a 400
// that names the field (a personnummer anywhere is one), GET with filters,
// paging and `total`, one deviation with its händelseanalys and Lex Maria
// report, complaints with their source, the CSV import (all or nothing, a
// re-import adds nothing twice), and 401/403 for the wrong caller. The
// organisation is loaded with `lots org import` from a CSV file.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServer, LOTS } from './server.mjs';
import { pnr } from './pnr.mjs';
import { call } from './walk.mjs';

const srv = useServer();

const ORG = `typ;namn;nivå;överordnad;kortnamn
enhet;Region Örebro län;region;;RÖL
enhet;Hälso- och sjukvårdsförvaltningen;förvaltning;RÖL;HSF
enhet;Universitetssjukhuset Örebro;område;HSF;USÖ
enhet;Ortopedi;verksamhet;USÖ;
enhet;Ortopedmottagningen;enhet;Ortopedi;
enhet;Kirurgi;verksamhet;USÖ;
enhet;Geriatrik;verksamhet;USÖ;
`;

function lots(...args) {
  const env = { ...process.env, LOTS_FAST_HASH: '1' };
  delete env.LOTS_DB;
  return execFileSync(LOTS, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

let ready = false;
beforeEach(() => {
  if (ready) return;
  const file = join(srv.dir, 'org.csv');
  writeFileSync(file, ORG);
  lots('org', 'import', file, '--db', srv.db);
  ready = true;
});

const base = (ref, more = {}) => ({
  ref, event_date: '2026-03-05', unit: 'Ortopedi', category: 'Fall', severity: 2,
  description: 'Patienten föll vid förflyttning.', ...more,
});

async function post(path, body, status, as) {
  return call(srv, 'POST', path, body, status, as);
}

async function csv(path, text, as = 'anna') {
  const res = await fetch(srv.base + path, {
    method: 'POST', headers: { Authorization: 'Bearer ' + srv.tokens[as], 'Content-Type': 'text/csv; charset=utf-8' },
    body: text,
  });
  const body = await res.text();
  return { status: res.status, json: JSON.parse(body), text: body };
}

test('POST /api/v1/deviations → 201 with the deviation and its Location', async () => {
  const res = await srv.api('POST', '/api/v1/deviations', base('AVV-H-1', { subcategory: 'Fall vid förflyttning' }));
  assert.equal(res.status, 201, res.text);
  const d = res.json;
  assert.equal(d.ref, 'AVV-H-1');
  assert.equal(d.unit, 'Ortopedi');
  assert.equal(d.kind, 'vård');
  assert.equal(d.severity, 2);
  assert.equal(d.severity_label, 'måttlig');
  assert.equal(d.status, 'registrerad');
  assert.equal(d.serious, false);
  assert.deepEqual(d.analyses, []);
  assert.equal(d.lex_maria, null);
  assert.equal(d.entered_via, 'manual');
  assert.match(res.headers.get('location'), new RegExp(`/api/v1/deviations/${d.id}$`));
  // the unit by id, severity as a word
  const units = await call(srv, 'GET', '/api/v1/units', undefined, 200);
  const kir = units.items.find((u) => u.name === 'Kirurgi');
  const d2 = await post('/api/v1/deviations', base('AVV-H-2', { unit: kir.id, severity: 'betydande', kind: 'tillbud' }), 201);
  assert.equal(d2.unit, 'Kirurgi');
  assert.equal(d2.severity, 3);
  assert.equal(d2.kind, 'tillbud');
});

test('POST /api/v1/deviations → 400 naming the field', async () => {
  const cases = [
    [{ description: undefined }, 'description', 'måste fyllas i'],
    [{ ref: '' }, 'ref', 'måste fyllas i'],
    [{ event_date: '2026-02-30' }, 'event_date', 'inte ett datum'],
    [{ event_date: '2999-01-01' }, 'event_date', 'framtiden'],
    [{ severity: 7 }, 'severity', 'okänd allvarlighetsgrad'],
    [{ unit: 'Ortopedavd 3' }, 'unit', "okänd enhet 'Ortopedavd 3'"],
    [{ kind: 'olycka' }, 'kind', 'okänd typ'],
    [{ description: ['en', 'lista'] }, 'description', 'måste vara en text'],
    [{ description: `Patient ${pnr('800101', '123')} föll.` }, 'description', 'personnummer'],
    [{ immediate_action: `Ringde anhörig till ${pnr('451224', '567')}` }, 'immediate_action', 'personnummer'],
    [{ category: `Fall 19${pnr('900909', '090').replace('-', '')}` }, 'category', 'personnummer'],
    [{ feedback: `Svar till ${pnr('010203', '456')}` }, 'feedback', 'personnummer'],
  ];
  for (const [change, field, words] of cases) {
    const res = await srv.api('POST', '/api/v1/deviations', base('AVV-BAD', change));
    assert.equal(res.status, 400, `${JSON.stringify(change)} → ${res.status}: ${res.text}`);
    assert.ok(res.json.error.includes(`'${field}'`), `${res.json.error} names ${field}`);
    assert.ok(res.json.error.includes(words), `${res.json.error} says ${words}`);
  }
  // look-alikes are not personnummer: phone and reference numbers pass
  await post('/api/v1/deviations', base('AVV-LIKE', { description: 'Ring 019-602 10 00 eller 070-123 45 67; se RS 2023-01756.' }), 201);
  const dup = await srv.api('POST', '/api/v1/deviations', base('AVV-LIKE'));
  assert.equal(dup.status, 409);
  const none = await call(srv, 'GET', '/api/v1/deviations?q=AVV-BAD', undefined, 200);
  assert.equal(none.total, 0);
});

test('POST as läsare is 403, without a token 401; läsare may read', async () => {
  assert.equal((await srv.api('POST', '/api/v1/deviations', base('AVV-L'), 'lars')).status, 403);
  assert.equal((await srv.api('POST', '/api/v1/complaints', { ref: 'K-L' }, 'lars')).status, 403);
  assert.equal((await csv('/api/v1/deviations/import', 'ref\n', 'lars')).status, 403);
  for (const as of ['none', 'bad']) {
    assert.equal((await srv.api('POST', '/api/v1/deviations', base('AVV-N'), as)).status, 401);
    assert.equal((await srv.api('GET', '/api/v1/deviations', undefined, as)).status, 401);
    assert.equal((await srv.api('GET', '/api/v1/complaints', undefined, as)).status, 401);
  }
  const list = await call(srv, 'GET', '/api/v1/deviations', undefined, 200, 'lars');
  assert.ok(Array.isArray(list.items));
});

test('GET /api/v1/deviations filters, pages and counts the total', async () => {
  const rows = [
    ['F-1', '2026-01-10', 'Ortopedi', 'Fall', 'vård', 'Föll i korridoren.'],
    ['F-2', '2026-02-11', 'Ortopedmottagningen', 'Läkemedel', 'tillbud', 'Nästan fel dos.'],
    ['F-3', '2026-03-12', 'Kirurgi', 'Läkemedel', 'vård', 'Utebliven dos av antibiotika.'],
    ['F-4', '2026-04-13', 'Kirurgi', 'Fall', 'patient', 'Halkade i duschen.'],
    ['F-5', '2026-05-14', 'Geriatrik', 'Informationsöverföring', 'vård', 'Remissen kom bort.'],
  ];
  for (const [ref, date, unit, category, kind, description] of rows)
    await post('/api/v1/deviations', { ref, event_date: date, reported_date: date, unit, category, kind, description, severity: 1 }, 201);
  const q = async (query) => call(srv, 'GET', '/api/v1/deviations?' + query, undefined, 200);
  const refs = (l) => l.items.map((d) => d.ref).filter((r) => r.startsWith('F-'));
  assert.deepEqual(refs(await q('q=F-&limit=200')), ['F-5', 'F-4', 'F-3', 'F-2', 'F-1']); // newest event first
  assert.equal((await q('q=F-&unit=Ortopedi')).total, 2); // with Ortopedmottagningen under it
  assert.equal((await q('q=F-&category=läkemedel')).total, 2);
  assert.equal((await q('q=F-&category=Läkemedel&unit=Kirurgi')).total, 1);
  assert.equal((await q('q=F-&kind=tillbud')).total, 1);
  assert.equal((await q('q=F-&from=2026-02-11&to=2026-04-13')).total, 3);
  assert.equal((await q('q=dos')).total >= 2, true);
  const page = await q('q=F-&limit=2&page=2');
  assert.equal(page.total, 5);
  assert.deepEqual(refs(page), ['F-3', 'F-2']);
  assert.equal(page.limit, 2);
  assert.equal(page.offset, 2);
  // seriousness and status through their own calls
  const f4 = (await q('q=F-4')).items[0];
  await post(`/api/v1/deviations/${f4.id}/serious`, { serious: true }, 200);
  assert.deepEqual(refs(await q('serious=true&q=F-')), ['F-4']);
  const closed = await srv.api('POST', `/api/v1/deviations/${f4.id}/status`, { status: 'avslutad' });
  assert.equal(closed.status, 409); // no feedback yet
  const done = await post(`/api/v1/deviations/${f4.id}/status`, { status: 'avslutad', feedback: 'Återkopplat på APT.' }, 200);
  assert.equal(done.status, 'avslutad');
  assert.deepEqual(refs(await q('status=avslutad&q=F-')), ['F-4']);
  // bad filters are 400s naming them
  for (const [query, words] of [['unit=Ortopedavd 3', 'okänd enhet'], ['kind=olycka', 'okänd typ'], ['from=2026-13-01', 'Filtret från'],
    ['limit=0', "'limit'"], ['serious=kanske', "'serious'"]]) {
    const res = await srv.api('GET', '/api/v1/deviations?' + encodeURI(query));
    assert.equal(res.status, 400, query);
    assert.ok(res.json.error.includes(words), res.json.error);
  }
});

test('GET /api/v1/deviations/{id} with händelseanalys and Lex Maria', async () => {
  const d = await post('/api/v1/deviations', base('AVV-HA', { severity: 4, event_date: '2026-06-01' }), 201);
  assert.equal((await srv.api('GET', '/api/v1/deviations/999999')).status, 404);
  assert.equal((await srv.api('GET', '/api/v1/deviations/abc')).status, 404);
  const bad = await srv.api('POST', `/api/v1/deviations/${d.id}/analyses`, {
    started_on: '2026-06-03', event: 'Föll nattetid.', causes: 'Larmet var inte inkopplat.',
    actions: [{ action: 'Fallriskbedömning vid inskrivning.', due_date: '2026-12-31' }],
  });
  assert.equal(bad.status, 400);
  assert.ok(bad.json.error.includes("'owner'"), bad.json.error);
  const withAnalysis = await post(`/api/v1/deviations/${d.id}/analyses`, {
    started_on: '2026-06-03', event: 'Föll nattetid.', causes: 'Larmet var inte inkopplat.',
    actions: [{ action: 'Fallriskbedömning vid inskrivning.', owner: 'Vårdenhetschef', due_date: '2026-12-31' }],
  }, 201);
  assert.equal(withAnalysis.analyses.length, 1);
  assert.equal(withAnalysis.analyses[0].actions[0].owner, 'Vårdenhetschef');
  assert.equal(withAnalysis.analyses[0].finished_on, null);
  assert.equal(withAnalysis.analyses[0].created_by, 'Anna Berg');
  const reported = await post(`/api/v1/deviations/${d.id}/lex-maria`, { sent_on: '2026-06-20', ivo_ref: 'IVO 3.5.1-12345/2026' }, 201);
  assert.equal(reported.lex_maria.ivo_ref, 'IVO 3.5.1-12345/2026');
  assert.equal(reported.serious, true);
  assert.equal((await srv.api('POST', `/api/v1/deviations/${d.id}/lex-maria`, { sent_on: '2026-06-21' })).status, 409);
  const got = await call(srv, 'GET', `/api/v1/deviations/${d.id}`, undefined, 200, 'lars');
  assert.equal(got.analyses.length, 1);
  assert.equal(got.lex_maria.sent_on, '2026-06-20');
});

test('complaints: POST with source → 201, 400 naming the field, GET with filters and total', async () => {
  const k = await post('/api/v1/complaints', {
    ref: 'KLA-1', source: 'Patientnämnden', unit: 'Geriatrik', category: 'Informationsöverföring',
    received_date: '2026-04-02', description: 'Närstående fick inte veta om utskrivningen.',
  }, 201);
  assert.equal(k.source, 'Patientnämnden');
  assert.equal(k.status, 'registrerat');
  assert.equal(k.event_date, null);
  await post('/api/v1/complaints', {
    ref: 'KLA-2', source: 'närstående', unit: 'Ortopedi', category: 'Bemötande', received_date: '2026-05-02',
    event_date: '2026-04-28', description: 'Upplevde sig inte lyssnad på.',
  }, 201);
  for (const [change, field] of [[{ source: undefined }, 'source'], [{ source: 'grannen' }, 'source'],
    [{ unit: 'Okänd' }, 'unit'], [{ description: `Patient ${pnr('451224', '567')}` }, 'description'],
    [{ received_date: '2026-13-01' }, 'received_date']]) {
    const body = { ref: 'KLA-X', source: 'patient', unit: 'Geriatrik', category: 'Bemötande', received_date: '2026-04-02', description: 'x', ...change };
    const res = await srv.api('POST', '/api/v1/complaints', body);
    assert.equal(res.status, 400, JSON.stringify(change));
    assert.ok(res.json.error.includes(`'${field}'`), res.json.error);
  }
  const all = await call(srv, 'GET', '/api/v1/complaints?q=KLA-', undefined, 200);
  assert.equal(all.total, 2);
  assert.deepEqual(all.items.map((x) => x.ref), ['KLA-2', 'KLA-1']);
  const pn = await call(srv, 'GET', '/api/v1/complaints?source=patientnämnden', undefined, 200);
  assert.deepEqual(pn.items.map((x) => x.ref), ['KLA-1']);
  assert.equal((await call(srv, 'GET', '/api/v1/complaints?unit=USÖ&q=KLA-', undefined, 200)).total, 2);
  assert.equal((await srv.api('GET', '/api/v1/complaints?source=grannen')).status, 400);
  const one = await call(srv, 'GET', `/api/v1/complaints/${k.id}`, undefined, 200);
  assert.equal(one.ref, 'KLA-1');
  const closed = await post(`/api/v1/complaints/${k.id}/status`, { status: 'avslutat', closed_date: '2026-05-01' }, 200);
  assert.equal(closed.closed_date, '2026-05-01');
  assert.equal((await srv.api('GET', '/api/v1/complaints/999999')).status, 404);
});

test('POST /api/v1/deviations/import: all or nothing, a re-import adds nothing twice', async () => {
  const file = '\uFEFFReferens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\r\n'
    + 'IMP-1;2026-03-01;Ortopedi;Fall;2;"Föll; slog i\r\nhuvudet"\r\n'
    + 'IMP-2;2026-03-02;Kirurgi;Läkemedel;1,0;Fel dos\r\n';
  const first = await csv('/api/v1/deviations/import?file=medcontrol.csv', file);
  assert.equal(first.status, 201, first.text);
  assert.deepEqual([first.json.added, first.json.existing, first.json.read, first.json.kind], [2, 0, 2, 'deviations']);
  const again = await csv('/api/v1/deviations/import', file);
  assert.deepEqual([again.json.added, again.json.existing], [0, 2]);
  const bad = await csv('/api/v1/deviations/import', file + 'IMP-3;2026-03-03;Ortopedavd 3;Fall;2;x\r\nIMP-4;2026-03-03;Kirurgi;Fall;2;x\r\n');
  assert.equal(bad.status, 400);
  assert.ok(bad.json.error.includes("rad 5: okänd enhet 'Ortopedavd 3'"), bad.json.error);
  const imported = await call(srv, 'GET', '/api/v1/deviations?q=IMP-', undefined, 200);
  assert.equal(imported.total, 2);
  assert.equal(imported.items[0].entered_via, 'import');
  // complaints, with a mapping given in the query
  const mapping = 'ref = Nr\nsource = Från\nreceived_date = Inkom\nunit = Enhet\ncategory = Ämne\ndescription = Text\nsource[Pn] = Patientnämnden\n';
  const comp = await csv('/api/v1/deviations/import?kind=complaints&mapping=' + encodeURIComponent(mapping),
    'Nr,Från,Inkom,Enhet,Ämne,Text\nPN-1,Pn,2026-04-01,Geriatrik,Bemötande,"Kort, otrevligt svar"\n');
  assert.equal(comp.status, 201, comp.text);
  assert.deepEqual([comp.json.kind, comp.json.added], ['complaints', 1]);
  const pn = await call(srv, 'GET', '/api/v1/complaints?q=PN-1', undefined, 200);
  assert.equal(pn.items[0].source, 'Patientnämnden');
  const badMap = await csv('/api/v1/deviations/import?mapping=' + encodeURIComponent('ref Nr\n'), 'Nr\n');
  assert.equal(badMap.status, 400);
  assert.ok(badMap.json.error.includes('mappningen rad 1'), badMap.json.error);
  assert.equal((await csv('/api/v1/deviations/import?kind=ärenden', 'x\n')).status, 400);
});
