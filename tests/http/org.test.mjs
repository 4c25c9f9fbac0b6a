// The organisation and "who decides" over the JSON API: GET /api/v1/units
// and /api/v1/municipalities, and POST /api/v1/decision-path per the
// contract of issue 3 (status, the order and kinds of the steps, the Örebro
// rules of seed 001 §10 and, with the setting switched, the VGR rules of seed
// 000), the 400s that name the bad field or unknown unit, and the 401s.
// The organisation is loaded with `lots org import` from a CSV file.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServer, LOTS } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer();

const CSV = `typ;namn;nivå;överordnad;kortnamn;chefstitel
enhet;Region Örebro län;region;;RÖL;Regiondirektör
enhet;Hälso- och sjukvårdsförvaltningen;förvaltning;RÖL;HSF;Hälso- och sjukvårdsdirektör
enhet;Universitetssjukhuset Örebro;område;HSF;USÖ;Områdeschef
enhet;Ortopedi;verksamhet;USÖ;;Verksamhetschef
enhet;Geriatrik;verksamhet;USÖ;;Verksamhetschef
enhet;Folktandvården;förvaltning;RÖL;FTV;Folktandvårdsdirektör
enhet;Allmäntandvård;verksamhet;FTV;;Verksamhetschef
enhet;Västra Götalandsregionen;region;;VGR;Regiondirektör
enhet;Skaraborgs sjukhus;förvaltning;VGR;SkaS;Sjukhusdirektör
kommun;Örebro;;;;
kommun;Kumla;;;;
kommun;Askersund;;;;
`;

function lots(...args) {
  const env = { ...process.env, LOTS_FAST_HASH: '1' };
  delete env.LOTS_DB;
  delete env.LOTS_RULES;
  return execFileSync(LOTS, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

// Imported once, by the first test that runs (root-level before hooks may
// run before useServer's has started the server).
let imported = false;
function ensureOrg() {
  if (imported) return;
  const file = join(srv.dir, 'org.csv');
  writeFileSync(file, CSV);
  assert.match(lots('org', 'import', file, '--db', srv.db), /9 enheter, 3 kommuner/);
  imported = true;
}
beforeEach(ensureOrg);

const path = (body, as) => call(srv, 'POST', '/api/v1/decision-path', body, 200, as);
const kinds = (res) => res.steps.map((s) => s.kind).join(' ');
const RMKS = 'Rådet för medicinskt kunskapsstöd (RMKS)';
const HSF_LG = 'Hälso- och sjukvårdsförvaltningens ledningsgrupp';

test('without a token or with a bad one: 401', async () => {
  for (const as of ['none', 'bad']) {
    const res = await srv.api('POST', '/api/v1/decision-path', { units: ['Ortopedi'] }, as);
    assert.equal(res.status, 401);
    assert.ok(res.json.error);
    assert.equal((await srv.api('GET', '/api/v1/units', undefined, as)).status, 401);
  }
});

test('GET /api/v1/units lists the tree with parent ids', async () => {
  const { items } = await call(srv, 'GET', '/api/v1/units', undefined, 200);
  assert.equal(items.length, 9);
  const byName = Object.fromEntries(items.map((u) => [u.name, u]));
  assert.equal(byName['Region Örebro län'].parent_id, null);
  assert.equal(byName['Region Örebro län'].depth, 0);
  assert.equal(byName['Ortopedi'].parent_id, byName['Universitetssjukhuset Örebro'].id);
  assert.equal(byName['Ortopedi'].kind, 'verksamhet');
  assert.equal(byName['Ortopedi'].manager_title, 'Verksamhetschef');
  assert.equal(byName['Ortopedi'].depth, 3);
  // tree order: a unit comes after its parent
  const at = Object.fromEntries(items.map((u, i) => [u.id, i]));
  for (const u of items) if (u.parent_id) assert.ok(at[u.parent_id] < at[u.id], `${u.name} before its parent`);
  const munis = await call(srv, 'GET', '/api/v1/municipalities', undefined, 200);
  assert.deepEqual(munis.items.map((m) => m.official_name), ['Askersunds kommun', 'Kumla kommun', 'Örebro kommun']);
});

test('within mission and budget: the verksamhetschef decides, RMKS is informed and endorses', async () => {
  const res = await path({ units: ['Ortopedi'], municipalities: [], within_mission: true, within_budget: true,
    political: false, cost: 40000 });
  assert.equal(kinds(res), 'decides informed endorses');
  assert.equal(res.steps[0].actor, 'Verksamhetschef Ortopedi, Universitetssjukhuset Örebro');
  assert.match(res.steps[0].reason, /inom verksamhetens uppdrag och budget/i);
  assert.equal(res.steps[1].actor, RMKS);
  assert.equal(res.steps[2].actor, RMKS);
  for (const s of res.steps) for (const k of ['actor', 'kind', 'reason']) assert.equal(typeof s[k], 'string');
  assert.equal(res.rules, 'orebro');
});

test('units may be given by id, short name or name in any case', async () => {
  const { items } = await call(srv, 'GET', '/api/v1/units', undefined, 200);
  const ort = items.find((u) => u.name === 'Ortopedi');
  for (const ref of [ort.id, String(ort.id), 'ORTOPEDI', 'ortopedi']) {
    const res = await path({ units: [ref], within_mission: true, within_budget: true });
    assert.equal(res.steps[0].actor, 'Verksamhetschef Ortopedi, Universitetssjukhuset Örebro', `ref ${ref}`);
  }
});

test('outside budget or mission: RMKS prioritises and proposes, the HoS ledningsgrupp decides', async () => {
  for (const body of [{ within_mission: true, within_budget: false }, { within_mission: false, within_budget: true }]) {
    const res = await path({ units: ['Geriatrik'], ...body, cost: 900000 });
    assert.equal(kinds(res), 'prioritises proposes decides');
    assert.equal(res.steps[0].actor, RMKS);
    assert.match(res.steps[0].reason, /900 000 kr/);
    assert.match(res.steps[1].reason, new RegExp(HSF_LG));
    assert.equal(res.steps[2].actor, HSF_LG);
  }
  const ftv = await path({ units: ['Allmäntandvård'], within_mission: true });
  assert.equal(ftv.steps[2].actor, 'Folktandvårdens ledningsgrupp');
});

test('each municipality decides; political adds the samverkansråd before them', async () => {
  const plain = await path({ municipalities: ['Örebro', 'Kumla', 'Askersund'] });
  assert.equal(kinds(plain), 'informed decides decides decides');
  assert.deepEqual(plain.steps.slice(1).map((s) => s.actor), ['Örebro kommun', 'Kumla kommun', 'Askersunds kommun']);
  assert.match(plain.steps[1].reason, /Örebro kommun beslutar för sin del – varje kommun fattar sitt eget beslut/);

  const mix = await path({ units: ['Ortopedi'], municipalities: ['Örebro', 'Kumla', 'Askersund'],
    within_mission: true, within_budget: true, political: true });
  assert.equal(kinds(mix), 'decides informed endorses informed recommends decides decides decides');
  assert.equal(mix.steps[4].actor, 'Specifika samverkansrådet för social välfärd samt vård och omsorg');
  const rec = mix.steps.findIndex((s) => s.kind === 'recommends');
  const firstKommun = mix.steps.findIndex((s) => /kommun$/.test(s.actor));
  assert.ok(rec < firstKommun, 'the recommendation comes before the municipalities decide');
});

test('a läsare may ask who decides', async () => {
  const res = await path({ units: ['Ortopedi'], within_mission: true, within_budget: true }, 'lars');
  assert.equal(res.steps[0].kind, 'decides');
});

test('bad input is refused with 400 naming the field or the unknown unit', async () => {
  const cases = [
    [{ units: ['SkaS-Ortopedi'] }, /SkaS-Ortopedi/],
    [{ units: ['Ortopedi'], municipalities: ['Gotham'] }, /Gotham/],
    [{ units: 'Ortopedi' }, /'units'/],
    [{ units: [{ id: 1 }] }, /'units'/],
    [{ municipalities: [true] }, /'municipalities'/],
    [{ units: ['Ortopedi'], within_budget: 'ja' }, /'within_budget'/],
    [{ units: ['Ortopedi'], political: 1 }, /'political'/],
    [{ units: ['Ortopedi'], cost: -1 }, /'cost'/],
    [{ units: ['Ortopedi'], cost: '750000' }, /'cost'/],
    [{}, /minst en enhet eller en kommun/],
    ['{"units": [', /JSON/i],
  ];
  for (const [body, msg] of cases) {
    const res = await srv.api('POST', '/api/v1/decision-path', body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
    assert.match(res.json.error, msg, JSON.stringify(body));
  }
  assert.equal((await srv.api('GET', '/api/v1/decision-path')).status, 405);
});

test('with decision_rules = vgr: the C branch of seed 000', async () => {
  lots('setting', 'set', 'decision_rules', 'vgr', '--db', srv.db);
  try {
    const within = await path({ units: ['SkaS'], within_mission: true, within_budget: true });
    assert.equal(within.rules, 'vgr');
    assert.equal(kinds(within), 'informed proposes decides');
    assert.match(within.steps[1].actor, /Funktionsgrupp/);
    assert.equal(within.steps[2].actor, 'Sjukhusdirektör Skaraborgs sjukhus');
    assert.match(within.steps[2].reason, /Delegationsbeslut/);
    const outside = await path({ units: ['SkaS'], within_mission: true, within_budget: false });
    assert.equal(kinds(outside), 'informed proposes endorses endorses endorses decides');
    assert.equal(outside.steps[1].actor, 'Avdelning på Koncernkontoret');
    assert.deepEqual(outside.steps.slice(2, 5).map((s) => s.actor),
      ['Koncernledning hälso- och sjukvård (KL HoS)', 'Program- och prioriteringsrådet (PPR)', 'Klinisk ledning']);
    assert.match(outside.steps[5].actor, /OSN/);
    const political = await path({ units: ['SkaS'], political: true });
    assert.match(political.steps.at(-1).actor, /Strategiska hälso- och sjukvårdsnämnden/);
  } finally {
    lots('setting', 'set', 'decision_rules', 'orebro', '--db', srv.db);
  }
});
