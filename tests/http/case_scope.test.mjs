// A case's proposed action ("Åtgärdens omfattning") and the decision path
// Lots proposes from it (issue 3): POST /api/v1/cases/{id}/scope answers the
// scope and the proposal, GET /api/v1/cases/{id} carries both (null until a
// scope is set), bad input answers 400 naming the field and changes nothing,
// a läsare is refused; the case page shows the scope, its form, and the
// proposal pre-selected in the förankring and decision forms. The demo
// organisation and bodies, with the default rules (orebro).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, csrfIn } from './server.mjs';
import { call, createCase, detail, walkTo } from './walk.mjs';

const srv = useServer({ demo: true });

const scope = (id, body, status, as) => call(srv, 'POST', `/api/v1/cases/${id}/scope`, body, status, as);

async function unitId(name) {
  const u = (await call(srv, 'GET', '/api/v1/units', undefined, 200)).items.find((x) => x.name === name);
  assert.ok(u, `no demo unit ${name}`);
  return u.id;
}

test('a new case has no scope and no proposal; the case page says so and offers the form', async () => {
  const c = await createCase(srv, { title: 'Artrosskola i primärvården', origin: 4 });
  const d = await detail(srv, c.id);
  assert.equal(d.scope, null);
  assert.equal(d.proposal, null);
  const web = await srv.login('anna');
  const page = await web.get(`/cases/${c.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Åtgärdens omfattning är inte angiven/);
  assert.match(page.text, /<a href="#omfattning-form">Ange omfattningen<\/a>/);
  assert.match(page.text, /<details id="omfattning-form" class="scope-form" open>/);
  assert.match(page.text, /<select id="s-units" name="unit" multiple/);
  assert.match(page.text, /name="municipality" value="\d+"><label for="s-muni-\d+">Kumla<\/label>/);
});

test('setting the scope answers it with the proposal: a verksamhetschef decides by delegation, RMKS is told', async () => {
  const c = await createCase(srv, { title: 'Vårdförlopp höftledsartros', origin: 4 });
  const ortopedi = await unitId('Ortopedi');
  const res = await scope(c.id, {
    units: [ortopedi], municipalities: ['Kumla'], within_mission: true, within_budget: true, political: false,
    cost: 350000, note: 'Efter gapanalysen.',
  }, 200);
  assert.deepEqual(res.scope.units.map((u) => u.name), ['Ortopedi']);
  assert.equal(res.scope.units[0].label, 'Ortopedi, Universitetssjukhuset Örebro');
  assert.deepEqual(res.scope.municipalities.map((m) => m.name), ['Kumla']);
  assert.equal(res.scope.within_mission, true);
  assert.equal(res.scope.within_budget, true);
  assert.equal(res.scope.political, false);
  assert.equal(res.scope.cost, 350000);
  assert.equal(res.scope.updated_by, 'Anna Berg');
  const p = res.proposal;
  assert.equal(p.rules, 'orebro');
  assert.equal(p.decides.body, 'Delegation');
  assert.match(p.decides.actor, /^Verksamhetschef Ortopedi/);
  assert.equal(p.decides.allowed, true);
  assert.match(p.decides.note, /delegationsbeslut/);
  assert.deepEqual(p.anchoring, ['RMKS']);
  assert.equal(p.decision_step, 'beslut');
  assert.ok(p.steps.some((s) => s.actor === 'Kumla kommun' && s.kind === 'decides' && s.body === null),
    'the municipality is not shown as it is: ' + JSON.stringify(p.steps));
  const d = await detail(srv, c.id);
  assert.deepEqual(d.scope, res.scope);
  assert.deepEqual(d.proposal.anchoring, ['RMKS']);
  const ev = d.history.at(-1);
  assert.equal(ev.kind, 'scope');
  assert.equal(ev.by, 'Anna Berg');
  assert.match(ev.what, /^Åtgärdens omfattning angiven: enheter Ortopedi; kommuner Kumla; inom uppdraget ja/);
  assert.equal(ev.why, 'Efter gapanalysen.');
});

test('units and municipalities may be named; a change is recorded as what changed', async () => {
  const c = await createCase(srv, { title: 'Tandvård för äldre', origin: 3 });
  await scope(c.id, { units: ['Allmäntandvård'], within_mission: true, within_budget: true }, 200);
  const res = await scope(c.id, { units: ['allmäntandvård'], within_mission: true, within_budget: false, cost: 900000 }, 200);
  assert.equal(res.proposal.decides.body, null, 'Folktandvårdens ledningsgrupp is no body in the demo');
  assert.equal(res.proposal.decides.actor, 'Folktandvårdens ledningsgrupp');
  assert.equal(res.proposal.decides.allowed, false);
  assert.match(res.proposal.decides.note, /får bara Delegation eller SSN besluta/);
  const d = await detail(srv, c.id);
  assert.equal(d.history.at(-1).what, 'Åtgärdens omfattning ändrad: inom budget ja → nej; kostnad ej angiven → 900 000 kr');
});

test('bad input answers 400 naming the field or the value, and changes nothing', async () => {
  const c = await createCase(srv, { title: 'Felaktiga omfattningar', origin: 4 });
  await scope(c.id, { units: ['Ortopedi'], within_mission: true, within_budget: true }, 200);
  const before = await detail(srv, c.id);
  const bad = [
    [{ units: 'Ortopedi' }, /'units' måste vara en lista/],
    [{ units: [true] }, /'units' får bara innehålla/],
    [{ units: ['Ortopedi'], municipalities: [0] }, /'municipalities'/],
    [{ units: ['Ortopedi'], within_budget: 'ja' }, /'within_budget' måste vara true eller false/],
    [{ units: ['Ortopedi'], political: 1 }, /'political'/],
    [{ units: ['Ortopedi'], cost: -5 }, /'cost' måste vara ett belopp/],
    [{ units: ['Ortopedi'], cost: '750 000' }, /'cost'/],
    [{ units: ['Ortopedy'] }, /Okänd enhet 'Ortopedy'/],
    [{ municipalities: ['Kumlaa'] }, /Okänd kommun 'Kumlaa'/],
    [{ units: ['19121212-1212'] }, /personnummer/],
    [{ units: ['Ortopedi'], note: 'Gäller 19121212-1212' }, /personnummer/],
    [{ units: ['Ortopedi'], note: 5 }, /'note'/],
    [{}, /Ange minst en enhet eller en kommun/],
  ];
  for (const [body, msg] of bad) {
    const res = await srv.api('POST', `/api/v1/cases/${c.id}/scope`, body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}: ${res.text}`);
    assert.match(res.json.error, msg, JSON.stringify(body));
  }
  const res = await srv.api('POST', `/api/v1/cases/${c.id}/scope`, '{"units": [');
  assert.equal(res.status, 400);
  const after = await detail(srv, c.id);
  assert.deepEqual(after.scope, before.scope);
  assert.equal(after.history.length, before.history.length);
});

test('a läsare may read the proposal but not set the scope; an unknown case is 404', async () => {
  const c = await createCase(srv, { title: 'Läsarens ärende', origin: 4 });
  const res = await srv.api('POST', `/api/v1/cases/${c.id}/scope`, { units: ['Ortopedi'] }, 'lars');
  assert.equal(res.status, 403);
  assert.equal((await detail(srv, c.id)).scope, null);
  await scope(c.id, { units: ['Ortopedi'], within_mission: true, within_budget: true }, 200);
  const seen = await call(srv, 'GET', `/api/v1/cases/${c.id}`, undefined, 200, 'lars');
  assert.equal(seen.proposal.decides.body, 'Delegation');
  const web = await srv.login('lars');
  const page = await web.get(`/cases/${c.id}`);
  assert.match(page.text, /Föreslagen beslutsväg/);
  assert.doesNotMatch(page.text, /omfattning-form/, 'a läsare is offered the scope form');
  await scope(999999, { units: ['Ortopedi'] }, 404);
});

test('the case page form sets the scope; a refusal keeps what was chosen and names the question', async () => {
  const c = await createCase(srv, { title: 'Via formuläret', origin: 4 });
  const web = await srv.login('anna');
  const page = await web.get(`/cases/${c.id}`);
  const csrf = csrfIn(page.text);
  const ortopedi = await unitId('Ortopedi');
  const kumla = (await call(srv, 'GET', '/api/v1/municipalities', undefined, 200)).items.find((m) => m.name === 'Kumla').id;
  const form = new URLSearchParams({ csrf, unit: String(ortopedi), municipality: String(kumla), within_mission: '1',
    within_budget: '1', cost: '120 000' });
  const refused = await web.post(`/cases/${c.id}/scope`, form);
  assert.equal(refused.status, 400);
  assert.match(refused.text, /Svara ja eller nej på frågan &#39;Kräver åtgärden politiska beslut\?&#39;/);
  assert.match(refused.text, new RegExp(`<option value="${ortopedi}" selected>`));
  assert.match(refused.text, new RegExp(`value="${kumla}" checked>`));
  assert.match(refused.text, /id="s-within_budget-1" name="within_budget" value="1" checked/);
  assert.match(refused.text, /name="cost"[^>]*value="120 000"/);
  assert.equal((await detail(srv, c.id)).scope, null, 'a refused form changed the scope');
  form.set('political', '0');
  const ok = await web.post(`/cases/${c.id}/scope`, form);
  assert.equal(ok.status, 303);
  assert.match(ok.location, new RegExp(`/cases/${c.id}\\?ok=scope$`));
  const shown = await web.get(ok.location);
  assert.match(shown.text, /Åtgärdens omfattning är sparad\./);
  assert.match(shown.text, /<dt>Kostnad<\/dt><dd>120 000 kr<\/dd>/);
  assert.match(shown.text, /Föreslås av beslutsvägen: delegationsbeslut – Verksamhetschef Ortopedi/);
  assert.equal((await detail(srv, c.id)).scope.cost, 120000);
});

test('in förankring the proposed body is pre-selected and marked; in the decision step the proposed decider', async () => {
  const c = await createCase(srv, { title: 'Genom hela processen', origin: 4 });
  await scope(c.id, { units: ['Ortopedi'], within_mission: true, within_budget: true }, 200);
  const web = await srv.login('anna');
  await walkTo(srv, c.id, 'forankring');
  let page = await web.get(`/cases/${c.id}`);
  assert.match(page.text, /<option value="RMKS" selected>RMKS – Rådet för medicinskt kunskapsstöd \(föreslås av beslutsvägen\)<\/option>/);
  assert.match(page.text, /<li>RMKS – inte hörd ännu <span class="proposed">Föreslås av beslutsvägen<\/span><\/li>/);
  assert.match(page.text, /<select id="k-body" name="body" required aria-describedby="k-body-hint">/);
  await walkTo(srv, c.id, 'beslut');
  page = await web.get(`/cases/${c.id}`);
  assert.match(page.text, /<option value="Delegation" selected>Delegation \(föreslås av beslutsvägen\)<\/option>/);
  assert.match(page.text, /<option value="SSN">SSN – Strategiska hälso- och sjukvårdsnämnden<\/option>/);
  assert.match(page.text, /id="b-body-hint">Föreslås av beslutsvägen: delegationsbeslut – [^<]* Skäl: Inom verksamhetens uppdrag/);
});

test('when the path decider may not decide in the step, the decision form says so and pre-selects nothing', async () => {
  const c = await createCase(srv, { title: 'Politiskt initiativ', origin: 1 }); // process A: only SSN
  await scope(c.id, { units: ['Ortopedi'], within_mission: true, within_budget: true }, 200);
  await walkTo(srv, c.id, 'beslut');
  const web = await srv.login('anna');
  const page = await web.get(`/cases/${c.id}`);
  assert.match(page.text, /<p class="hint misfit" id="b-body-hint">Beslutsvägen anger att Verksamhetschef Ortopedi[^<]*inom sitt mandat \(delegationsbeslut\), men i steget &#39;Beslut i Strategiska hälso- och sjukvårdsnämnden&#39; får bara SSN besluta/);
  assert.match(page.text, /<option value="SSN">SSN/);
  assert.doesNotMatch(page.text, /<option value="SSN" selected>/);
});
