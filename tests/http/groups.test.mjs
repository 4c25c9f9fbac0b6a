// Groups over the JSON API (issue 3): creating groups and members,
// composition problems, a municipal representative leaving (a task for the
// metodstöd), versioned commissions, overlap warnings, mandates as the
// group's power, RMKS approval, and the 400/403/404/409 answers.
// The organisation (units, municipalities, people with professions) is
// loaded with `lots org import`; everything else goes through the API.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServer, LOTS } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer();

const CSV = `typ;namn;nivå;överordnad;kortnamn;chefstitel;titel;enhet;kommun;professioner
enhet;Region Örebro län;region;;RÖL;Regiondirektör;;;;
enhet;Hälso- och sjukvårdsförvaltningen;förvaltning;RÖL;HSF;Hälso- och sjukvårdsdirektör;;;;
enhet;Universitetssjukhuset Örebro;område;HSF;USÖ;Områdeschef;;;;
enhet;Ortopedi;verksamhet;USÖ;;Verksamhetschef;;;;
kommun;Kumla;;;;;;;;
kommun;Örebro;;;;;;;;
person;Olof Bergman;;;;;Verksamhetschef;Ortopedi;;läkare
person;Sofia Nilsson;;;;;Fysioterapeut;Ortopedi;;fysioterapeut
person;Maja Ek;;;;;Verksamhetsutvecklare;HSF;;sjuksköterska
person;Lina Ahmadi;;;;;Fysioterapeut;;Kumla;fysioterapeut
person;Gunnel Karlsson;;;;;Närståendeföreträdare;;;
`;

let imported = false;
function ensureOrg() {
  if (imported) return;
  const env = { ...process.env, LOTS_FAST_HASH: '1' };
  delete env.LOTS_DB;
  const file = join(srv.dir, 'org.csv');
  writeFileSync(file, CSV);
  const out = execFileSync(LOTS, ['org', 'import', file, '--db', srv.db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out.toString(), /4 enheter, 2 kommuner, 5 personer/);
  imported = true;
}
beforeEach(ensureOrg);

const post = (path, body, status = 201, as) => call(srv, 'POST', path, body, status, as);
const get = (path, status = 200, as) => call(srv, 'GET', path, undefined, status, as);
const codes = (g) => g.problems.map((p) => p.code).sort();

// Created once, in the order the tests need them.
const ids = {};
async function lpoAndLag() {
  if (ids.lag) return ids;
  const lpo = await post('/api/v1/groups', { type: 'LPO', name: 'LPO Rörelseorganens sjukdomar', unit: 'HSF' });
  const lag = await post('/api/v1/groups', {
    type: 'lag', name: 'LAG Höftledsartros', parent: lpo.id, has_municipal_parts: true,
  });
  Object.assign(ids, { lpo: lpo.id, lag: lag.id });
  return ids;
}

test('without a token: 401; a läsare may read but not write', async () => {
  assert.equal((await srv.api('GET', '/api/v1/groups', undefined, 'none')).status, 401);
  assert.equal((await srv.api('POST', '/api/v1/groups', { type: 'LAG', name: 'X' }, 'bad')).status, 401);
  await get('/api/v1/groups', 200, 'lars');
  const res = await srv.api('POST', '/api/v1/groups', { type: 'LAG', name: 'LAG Läsarens' }, 'lars');
  assert.equal(res.status, 403);
});

test('POST /api/v1/groups creates a group with the defaults of its type', async () => {
  const { lpo, lag } = await lpoAndLag();
  const g = await get(`/api/v1/groups/${lag}`);
  assert.equal(g.type, 'LAG');
  assert.equal(g.type_label, 'Lokal arbetsgrupp (LAG)');
  assert.equal(g.parent_id, lpo);
  assert.equal(g.parent, 'LPO Rörelseorganens sjukdomar');
  assert.equal(g.seeks_patient_rep, true);
  assert.equal(g.multiprofessional, true);
  assert.equal(g.has_municipal_parts, true);
  assert.deepEqual(g.members, []);
  assert.equal(g.commission, null);
  assert.deepEqual(g.reports_path.map((x) => x.name), ['LPO Rörelseorganens sjukdomar']);
  const l = await get(`/api/v1/groups/${lpo}`);
  assert.equal(l.unit, 'Hälso- och sjukvårdsförvaltningen');
  assert.deepEqual(codes(l), ['not_rmks_approved']); // an LPO without members: only the approval is known
  assert.deepEqual(l.subgroups.map((x) => x.id), [lag]);
});

test('bad groups are refused with a reason', async () => {
  await lpoAndLag();
  let res = await srv.api('POST', '/api/v1/groups', { type: 'styrgrupp', name: 'Styrgruppen' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /okänd grupptyp 'styrgrupp'/);
  res = await srv.api('POST', '/api/v1/groups', { type: 'LAG' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /'name'/);
  res = await srv.api('POST', '/api/v1/groups', { type: 'LAG', name: 'lag höftledsartros' });
  assert.equal(res.status, 409);
  res = await srv.api('POST', '/api/v1/groups', { type: 'LAG', name: 'LAG Knä', parent: 'LPO Finns inte' });
  assert.equal(res.status, 404);
  assert.match(res.json.error, /okänd grupp 'LPO Finns inte'/);
  res = await srv.api('POST', '/api/v1/groups', { type: 'LAG', name: 'LAG Knä', body: 'ja' });
  assert.equal(res.status, 400);
  res = await srv.api('POST', '/api/v1/groups', { type: 'LAG', name: 'LAG Knä', parent: 1.5 });
  assert.equal(res.status, 400);
  assert.equal((await srv.api('GET', '/api/v1/groups/999999')).status, 404);
  assert.equal((await srv.api('GET', '/api/v1/groups/abc/commission')).status, 404);
});

test('a group created as a body is one cases can name', async () => {
  const g = await post('/api/v1/groups', {
    type: 'råd', name: 'Rådet för medicinskt kunskapsstöd', short_name: 'RMKS', body: true,
  });
  assert.equal(g.body, 'RMKS');
  const { items } = await get('/api/v1/bodies');
  assert.ok(items.some((b) => b.short === 'RMKS'));
});

test('members, problems, and a municipal representative who leaves', async () => {
  const { lag } = await lpoAndLag();
  const m = (body, status) => post(`/api/v1/groups/${lag}/members`, body, status);
  await m({ person: 'Sofia Nilsson', role: 'ordförande', from: '2024-10-01' });
  await m({ person: 'Olof Bergman', role: 'ledamot', from: '2024-10-01', to: '2025-12-31' });
  await m({ person: 'Maja Ek', role: 'metodstod', from: '2024-10-01' });
  let g = await m({ person: 'Lina Ahmadi', role: 'kommunal representant', municipality: 'Kumla', from: '2024-10-01' });
  assert.equal(g.members.length, 4);
  const rep = g.members.find((x) => x.role === 'kommunal representant');
  assert.equal(rep.municipality, 'Kumla kommun');
  assert.equal(g.members[0].role, 'ordförande');
  assert.deepEqual(codes(g), ['no_patient_rep', 'term_passed']);
  // as of a day inside the term, the term has not passed
  g = await get(`/api/v1/groups/${lag}?date=2025-06-01`);
  assert.deepEqual(codes(g), ['no_patient_rep']);

  let res = await srv.api('POST', `/api/v1/groups/${lag}/members`, { person: 'Gunnel Karlsson', role: 'vice ordförande' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /okänd roll/);
  res = await srv.api('POST', `/api/v1/groups/${lag}/members`, { person: 'Nils Holgersson', role: 'ledamot' });
  assert.equal(res.status, 404);
  res = await srv.api('POST', `/api/v1/groups/${lag}/members`, { person: 'Gunnel Karlsson', role: 'kommunal representant' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /ange vilken kommun/);
  res = await srv.api('POST', `/api/v1/groups/${lag}/members`, { role: 'ledamot' });
  assert.equal(res.status, 400);

  const problems = await get('/api/v1/groups/problems');
  const mine = problems.items.find((x) => x.id === lag);
  assert.equal(mine.problem_count, 2);
  assert.ok(mine.problems.every((p) => typeof p.message === 'string' && p.message.length > 20));
  const list = await get('/api/v1/groups');
  assert.equal(list.items.find((x) => x.id === lag).problem_count, 2);
  assert.equal(list.items.find((x) => x.id === lag).member_count, 4);

  // the municipal representative leaves: the metodstöd gets a task
  const ended = await post(`/api/v1/groups/${lag}/members/${rep.id}/end`, { on: '2026-01-15', note: 'Ny tjänst.' }, 200);
  assert.equal(ended.tasks_created, 1);
  assert.ok(codes(ended).includes('no_municipal_rep'));
  const left = ended.members.find((x) => x.id === rep.id);
  assert.equal(left.current, false);
  assert.equal(left.ended_on, '2026-01-15');
  res = await srv.api('POST', `/api/v1/groups/${lag}/members/${rep.id}/end`, {});
  assert.equal(res.status, 409);
  const tasks = await get('/api/v1/tasks');
  const t = tasks.items.find((x) => x.group_id === lag);
  assert.equal(t.person, 'Maja Ek');
  assert.match(t.text, /Lina Ahmadi, kommunal representant för Kumla kommun, har lämnat LAG Höftledsartros/);
  assert.match(t.text, /ordförande Sofia Nilsson/);
  assert.equal(t.link, `/groups/${lag}`);
  const after = await post(`/api/v1/tasks/${t.id}/done`, undefined, 200);
  assert.ok(!after.items.some((x) => x.id === t.id));
  assert.equal((await srv.api('POST', `/api/v1/tasks/${t.id}/done`)).status, 409);
});

const COMMISSION = {
  datum: '2024-05-31',
  diarienummer: 'RS 2023-01756',
  ansvarsomrade: 'Utveckling hälso- och sjukvård',
  uppdragsgivare: 'Regiondirektör',
  uppdragstagare: 'Hälso- och sjukvårdsutvecklingsdirektör',
  syfte: 'Gemensam styrning av utvecklingen av hälso- och sjukvården i regionen.',
  uppdragsbeskrivning: '- Föra en strategisk dialog om gemensamma utvecklingsfrågor och eskalera till koncernledning. '
    + '- Vara forum för omvärldsbevakning, lärande och erfarenhetsutbyte. '
    + '- Utveckla regionala modeller för verksamhetsutveckling, förändringsledning och implementering.',
  arbetsorganisation: { ordforande: 'Hälso- och sjukvårdsutvecklingsdirektören', deltagare: 'Utvecklingschefer', adjungerade: '' },
  motesfrekvens: 'Cirka 10 gånger per år',
  undergrupper: 'Enligt rutin.',
  samband: 'Funktionsgrupp digitalisering.',
  kommunikation: 'Enligt rutin för koncernövergripande grupper.',
  beslutsordning: { rapportering: 'Till koncernledning hälso- och sjukvård.', beslutsfattande: 'I kraft av deltagarnas mandat.' },
};

test('commissions are versioned: a revision keeps its predecessor', async () => {
  const g = await post('/api/v1/groups', { type: 'samordnande grupp', name: 'Samordnande grupp för utveckling' });
  let c = await post(`/api/v1/groups/${g.id}/commission`, COMMISSION);
  assert.equal(c.current.version, 1);
  assert.equal(c.current.beslutsordning.rapportering, 'Till koncernledning hälso- och sjukvård.');
  assert.equal(c.current.arbetsorganisation.deltagare, 'Utvecklingschefer');
  c = await post(`/api/v1/groups/${g.id}/commission`, {
    datum: '2025-02-01', uppdragsbeskrivning: '- Bidra till hälso- och sjukvårdens digitalisering.', note: 'Ändrat uppdrag.',
  });
  assert.equal(c.current.version, 2);
  assert.equal(c.current.diarienummer, 'RS 2023-01756'); // carried over
  assert.equal(c.current.note, 'Ändrat uppdrag.');
  assert.equal(c.current.created_by, 'Anna Berg');
  c = await get(`/api/v1/groups/${g.id}/commission`);
  assert.deepEqual(c.versions.map((v) => v.version), [2, 1]);
  assert.equal(c.versions[1].datum, '2024-05-31');
  assert.match(c.versions[1].uppdragsbeskrivning, /strategisk dialog/);
  assert.equal(c.group.name, 'Samordnande grupp för utveckling');
  const detail = await get(`/api/v1/groups/${g.id}`);
  assert.equal(detail.commission.version, 2);

  let res = await srv.api('POST', `/api/v1/groups/${g.id}/commission`, {});
  assert.equal(res.status, 409); // nothing changed
  const other = await post('/api/v1/groups', { type: 'funktionsgrupp', name: 'Funktionsgrupp utan datum' });
  res = await srv.api('POST', `/api/v1/groups/${other.id}/commission`, { uppdragsbeskrivning: 'Något.' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /datum/);
  res = await srv.api('POST', `/api/v1/groups/${other.id}/commission`, { datum: 20240101, uppdragsbeskrivning: 'X' });
  assert.equal(res.status, 400);
  res = await srv.api('POST', `/api/v1/groups/${other.id}/commission`, { datum: '2024-01-01', beslutsordning: 'X', uppdragsbeskrivning: 'X' });
  assert.equal(res.status, 400);
  c = await get(`/api/v1/groups/${other.id}/commission`);
  assert.deepEqual(c, { current: null, versions: [], group: { id: other.id, name: 'Funktionsgrupp utan datum' } });
});

test('overlapping commissions are reported with the words they share', async () => {
  const commission = async (type, name, ansvarsomrade, uppdragsbeskrivning) => {
    const g = await post('/api/v1/groups', { type, name });
    await post(`/api/v1/groups/${g.id}/commission`, { datum: '2024-01-01', ansvarsomrade, uppdragsbeskrivning });
    return g.id;
  };
  const a = await commission('funktionsgrupp', 'Funktionsgrupp vårdhygien', 'Vårdhygien och vårdrelaterade infektioner',
    '- Samordna arbetet mot vårdrelaterade infektioner och följa följsamheten till basala hygienrutiner. '
    + '- Ta fram regionala riktlinjer för vårdhygien och smittspårning på sjukhusen.');
  const b = await commission('sakkunniggrupp', 'Sakkunniggrupp smittskydd', 'Smittskydd och vårdhygien',
    '- Ge råd om vårdhygien och basala hygienrutiner. - Följa vårdrelaterade infektioner och smittspårning '
    + 'och föreslå riktlinjer för att minska infektionerna.');
  const c = await commission('funktionsgrupp', 'Funktionsgrupp chefläkare', 'Patientsäkerhet',
    'Samordna arbetet med vårdskador, avvikelser, händelseanalyser och lex Maria-anmälningar.');
  const o = await get('/api/v1/groups/overlaps');
  assert.equal(o.threshold, 0.35);
  const pair = o.items.find((x) => x.a.id === a && x.b.id === b);
  assert.ok(pair, JSON.stringify(o));
  assert.equal(pair.a.name, 'Funktionsgrupp vårdhygien');
  assert.ok(pair.score >= 0.35 && pair.score <= 1);
  assert.ok(pair.terms.includes('vårdhygien') && pair.terms.includes('hygienrutiner'), pair.terms.join(', '));
  assert.ok(!o.items.some((x) => x.a.id === c || x.b.id === c), 'the unrelated commission overlaps nothing');
  for (let i = 1; i < o.items.length; i++) assert.ok(o.items[i - 1].score >= o.items[i].score);
  const all = await get('/api/v1/groups/overlaps?threshold=0.01');
  assert.ok(all.items.length >= o.items.length);
  assert.equal((await srv.api('GET', '/api/v1/groups/overlaps?threshold=2')).status, 400);
  assert.equal((await srv.api('GET', '/api/v1/groups/overlaps?threshold=mycket')).status, 400);
});

test("a group's power is its members' mandates", async () => {
  const { lpo } = await lpoAndLag();
  await post(`/api/v1/groups/${lpo}/members`, { person: 'Olof Bergman', role: 'ordförande', from: '2024-09-01' });
  await post(`/api/v1/groups/${lpo}/members`, { person: 'Sofia Nilsson', role: 'ledamot', from: '2024-09-01' });
  await post(`/api/v1/groups/${lpo}/members`, { person: 'Maja Ek', role: 'kontaktperson', from: '2024-09-01' });
  const md = await post('/api/v1/mandates', {
    unit: 'Ortopedi', within_mission: true, within_budget: true,
    decides: 'Besluta om implementering av åtgärder inom verksamhetens uppdrag och budget.',
    granted_by_text: 'Hälso- och sjukvårdsdirektören',
  });
  assert.equal(md.holder_kind, 'unit_manager');
  assert.equal(md.holder, 'Verksamhetschef, Ortopedi');
  await post('/api/v1/mandates', { group: lpo, role: 'ordförande', decides: 'Leda programområdets arbete.', granted_by: 'RMKS' });
  let res = await srv.api('POST', '/api/v1/mandates', { group: lpo, unit: 'Ortopedi', decides: 'X' });
  assert.equal(res.status, 400);
  res = await srv.api('POST', '/api/v1/mandates', { group: lpo, delegation: true, decides: 'X' });
  assert.equal(res.status, 400);
  const g = await get(`/api/v1/groups/${lpo}`);
  assert.match(g.power.note, /fattar inga beslut i egen kraft/);
  const vias = g.power.items.map((p) => `${p.person}: ${p.via}`).sort();
  assert.deepEqual(vias, ['Olof Bergman: som Verksamhetschef, Ortopedi', 'Olof Bergman: som ordförande i gruppen']);
  const manager = g.power.items.find((p) => p.via.startsWith('som Verksamhetschef'));
  assert.deepEqual(manager.mandate.scope, { within_mission: true, within_budget: true, whole_area: false });
  const { items } = await get('/api/v1/mandates');
  assert.ok(items.length >= 2);
});

test('RMKS approval of an LPO clears its problem; only an LPO is approved', async () => {
  const { lpo, lag } = await lpoAndLag();
  let g = await get(`/api/v1/groups/${lpo}`);
  assert.ok(codes(g).includes('not_rmks_approved'));
  g = await post(`/api/v1/groups/${lpo}/rmks-approval`, { date: '2024-09-15' }, 200);
  assert.equal(g.rmks_approved_on, '2024-09-15');
  assert.ok(!codes(g).includes('not_rmks_approved'));
  let res = await srv.api('POST', `/api/v1/groups/${lag}/rmks-approval`, { date: '2024-09-15' });
  assert.equal(res.status, 400);
  res = await srv.api('POST', `/api/v1/groups/${lpo}/rmks-approval`, { date: 'i höstas' });
  assert.equal(res.status, 400);
  res = await srv.api('POST', `/api/v1/groups/${lpo}/rmks-approval`, {}, 'lars');
  assert.equal(res.status, 403);
});

test('the pages: the group list with problems and overlaps, and a group page with its diagram', async () => {
  const { lpo, lag } = await lpoAndLag();
  const odd = await post('/api/v1/groups', { type: 'nätverk', name: 'Nätverk <script>alert(1)</script>', parent: lag });
  const web = await srv.login('lars'); // a läsare may read the pages
  const list = await web.get('/groups');
  assert.equal(list.status, 200);
  assert.match(list.text, /<h1>Grupper och organ<\/h1>/);
  assert.match(list.text, new RegExp(`<a href="/groups/${lag}">LAG Höftledsartros</a>`));
  assert.match(list.text, /id="problem"/);
  assert.match(list.text, /Patient-, brukar- eller närståendeföreträdare eftersträvas/);
  assert.match(list.text, /Överlappande uppdrag/);
  assert.ok(!list.text.includes('<script>alert(1)</script>'), 'a group name reached the page unescaped');
  assert.ok(list.text.includes('Nätverk &lt;script&gt;alert(1)&lt;/script&gt;'));

  const page = await web.get(`/groups/${lag}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>LAG Höftledsartros<\/h1>/);
  assert.match(page.text, /<svg class="rep-diagram" role="img" aria-labelledby="rep-title rep-desc"/);
  assert.match(page.text, /<desc id="rep-desc">LAG Höftledsartros rapporterar till LPO Rörelseorganens sjukdomar/);
  assert.match(page.text, new RegExp(`<li><a href="/groups/${lpo}">LPO Rörelseorganens sjukdomar</a>`));
  assert.match(page.text, /Sofia Nilsson/);
  assert.match(page.text, /Gruppen fattar inga beslut i egen kraft/);
  assert.match(page.text, /Tidigare och kommande ledamöter/); // the municipal representative who left
  assert.ok(!page.text.includes('<script>alert(1)</script>'));
  assert.ok(page.text.includes(`/groups/${odd.id}`), 'the subgroup is not listed');

  const sg = (await get('/api/v1/groups')).items.find((g) => g.name === 'Samordnande grupp för utveckling');
  const withCommission = await web.get(`/groups/${sg.id}`);
  assert.match(withCommission.text, /<h2>Uppdragshandling<\/h2><p class="meta">Version 2/);
  assert.match(withCommission.text, /<dt class="section">Beslutsordning<\/dt>/);
  assert.match(withCommission.text, /<dt class="sub">Rapportering<\/dt><dd class="prewrap">Till koncernledning hälso- och sjukvård.<\/dd>/);
  assert.match(withCommission.text, /Tidigare versioner \(1\)/);

  assert.equal((await web.get('/groups/999999')).status, 404);
  const anonymous = await fetch(srv.base + '/groups', { redirect: 'manual' });
  assert.equal(anonymous.status, 303);
});
