// The "Vem beslutar?" page (GET /decide, issue 3): the form lists the demo
// organisation's units and municipalities and names the active rule set; a
// question sent as query parameters (units and municipalities repeated)
// answers with the decision path's steps in order; an unknown unit or a bad
// cost answers 400 naming it with the form as sent; without a session the
// page redirects to /login. The page stores nothing, so it needs no CSRF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';

const srv = useServer({ demo: true });

let session;
async function web() {
  session ??= await srv.login('lars'); // a läsare may ask
  return session;
}

// The steps of the ordered list, as text: "actor kind".
function steps(html) {
  const ol = html.match(/<ol class="decide-path">([\s\S]*?)<\/ol>/);
  assert.ok(ol, 'no decision path in the page');
  return [...ol[1].matchAll(/<strong class="actor">([^<]*)<\/strong> <span class="kind kind-(\w+)">([^<]*)<\/span>/g)]
    .map((m) => ({ actor: m[1], key: m[2], label: m[3] }));
}

async function unitId(name) {
  const res = await srv.api('GET', '/api/v1/units');
  const u = res.json.items.find((x) => x.name === name);
  assert.ok(u, `no demo unit ${name}`);
  return u.id;
}

test('not logged in: GET /decide redirects to the login page', async () => {
  const res = await fetch(srv.base + '/decide?unit=Ortopedi', { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /\/login\?next=/);
});

test('the form lists units grouped by förvaltning, the municipalities and the active rule set', async () => {
  const b = await web();
  const res = await b.get('/decide');
  assert.equal(res.status, 200);
  assert.match(res.text, /<h1>Vem beslutar\?<\/h1>/);
  assert.match(res.text, /Regelverk: <strong>[^<]+<\/strong>, ändras med inställningen <code>decision_rules<\/code>/);
  assert.match(res.text, /<form method="get" action="\/decide"/);
  assert.match(res.text, /<legend>Hälso- och sjukvårdsförvaltningen<\/legend>/);
  const ortopedi = await unitId('Ortopedi');
  assert.match(res.text, new RegExp(`name="unit" value="${ortopedi}"><label for="unit-${ortopedi}">Ortopedi`));
  assert.match(res.text, /name="municipality" value="Kumla"/);
  for (const label of ['Ryms inom verksamhetens uppdrag', 'Ryms inom budget', 'Kräver politiska beslut', 'Kostnad i kronor'])
    assert.ok(res.text.includes(label), `no field ${label}`);
  assert.doesNotMatch(res.text, /decide-path/, 'a path shown before anything was asked');
});

test('within mission and budget: the verksamhetschef decides first, RMKS is told; boxes stay ticked', async () => {
  const b = await web();
  const id = await unitId('Ortopedi');
  const res = await b.get(`/decide?unit=${id}&within_mission=1&within_budget=1&cost=120+000`);
  assert.equal(res.status, 200);
  const s = steps(res.text);
  assert.equal(s[0].key, 'decides');
  assert.equal(s[0].label, 'beslutar');
  assert.match(s[0].actor, /Verksamhetschef/);
  assert.ok(s.some((x) => /RMKS/.test(x.actor) && x.key !== 'decides'), 'RMKS not informed: ' + JSON.stringify(s));
  assert.match(res.text, new RegExp(`id="unit-${id}" name="unit" value="${id}" checked`));
  assert.match(res.text, /id="within_budget" name="within_budget" value="1" checked/);
  assert.match(res.text, /id="political" name="political" value="1">/);
  assert.match(res.text, /name="cost"[^>]*value="120 000"/);
});

test('repeated parameters: two municipalities and political → the samverkansråd recommends before each decides', async () => {
  const b = await web();
  const res = await b.get('/decide?unit=Ortopedi&municipality=Kumla&municipality=%C3%96rebro&political=1');
  assert.equal(res.status, 200);
  const s = steps(res.text);
  const rec = s.findIndex((x) => x.key === 'recommends' && /samverkansråd/i.test(x.actor));
  const kumla = s.findIndex((x) => x.key === 'decides' && /Kumla/.test(x.actor));
  const orebro = s.findIndex((x) => x.key === 'decides' && /Örebro kommun/.test(x.actor));
  assert.ok(rec >= 0, 'no recommendation by the samverkansråd: ' + JSON.stringify(s));
  assert.ok(kumla > rec && orebro > rec, 'a municipality decides before the recommendation: ' + JSON.stringify(s));
  assert.equal(s[rec].label, 'rekommenderar');
  // the same order as the API gives for the same question
  const api = await srv.api('POST', '/api/v1/decision-path',
    { units: ['Ortopedi'], municipalities: ['Kumla', 'Örebro'], political: true });
  assert.deepEqual(s.map((x) => x.key), api.json.steps.map((x) => x.kind));
  assert.match(res.text, /value="Kumla" checked/);
  assert.match(res.text, /value="Örebro" checked/);
});

test('an unknown unit: 400 naming it, the form kept as sent', async () => {
  const b = await web();
  const res = await b.get('/decide?unit=SkaS-Ortopedi&municipality=Kumla&political=1&cost=5000');
  assert.equal(res.status, 400);
  assert.match(res.text, /role="alert"><p>[^<]*SkaS-Ortopedi/);
  assert.doesNotMatch(res.text, /decide-path/);
  assert.match(res.text, /value="Kumla" checked/);
  assert.match(res.text, /id="political" name="political" value="1" checked/);
  assert.match(res.text, /name="cost"[^>]*value="5000"/);
});

test('a bad cost: 400 naming it; nothing chosen: 400 with core\'s message', async () => {
  const b = await web();
  const bad = await b.get('/decide?unit=Ortopedi&cost=m%C3%A5nga');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"><p>Kostnaden[^<]*&#39;många&#39;/);
  const none = await b.get('/decide?cost=');
  assert.equal(none.status, 400);
  assert.match(none.text, /role="alert"/);
});

test('user text in the query is escaped', async () => {
  const b = await web();
  const res = await b.get('/decide?unit=%3Cscript%3Ex%3C%2Fscript%3E&cost=%22%3E%3Cb%3E');
  assert.equal(res.status, 400);
  assert.doesNotMatch(res.text, /<script>x/);
  assert.doesNotMatch(res.text, /"><b>/);
});
