// Keeping groups in the browser (issue 3): a new group (/groups/new), a new
// member, ending a membership (a kommunal representant leaving makes a task
// for the metodstöd, and the form says so), a new version of the
// uppdragshandling prefilled from the current one with the older versions
// kept and viewable, RMKS approval of an LPO, and a mandate or delegation.
// Each POST: CSRF, the läsare's 403, a redirect with a notice, or the page
// again with core's message, the typed values and nothing changed.
// Runs on the demo (its groups of seeds 001 and 002).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer({ demo: true });
const get = (path) => call(srv, 'GET', path, undefined, 200);

async function groupByName(name) {
  const g = (await get('/api/v1/groups')).items.find((x) => x.name === name);
  assert.ok(g, `no group ${name}`);
  return g;
}
const personId = async (name) => String((await get('/api/v1/people?q=' + encodeURIComponent(name))).items[0].id);

test('a new group through /groups/new: kept values on a refusal, then 303 to its page', async () => {
  const web = await srv.login('anna');
  const form = await web.get('/groups/new');
  assert.equal(form.status, 200);
  for (const s of ['name="type"', 'name="parent"', 'name="reports_to"', 'name="unit"', 'name="body"',
    'name="seeks_patient_rep"', 'name="has_municipal_parts"', 'name="multiprofessional"', 'name="rmks_approved_on"'])
    assert.ok(form.text.includes(s), 'the form lacks ' + s);
  const lpo = await groupByName('LPO Rörelseorganens sjukdomar');
  const fields = { csrf: web.csrf, type: 'LAG', name: 'LAG Knäartros', short_name: '', description: 'Gapanalys <knä>',
    parent: String(lpo.id), reports_to: '', unit: '', seeks_patient_rep: '', has_municipal_parts: '1',
    multiprofessional: '', rmks_approved_on: '' };
  const bad = await web.post('/groups/new', { ...fields, rmks_approved_on: '2025-01-01' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*RMKS godkänner sammansättningen av lokala programområden/);
  assert.match(bad.text, /value="LAG Knäartros"/);
  assert.match(bad.text, /Gapanalys &lt;knä&gt;<\/textarea>/);
  assert.match(bad.text, new RegExp(`<option value="${lpo.id}" selected>`));
  assert.match(bad.text, /<option value="1" selected>Ja<\/option>/);
  const dup = await web.post('/groups/new', { ...fields, name: 'lag demens' });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /Det finns redan en grupp som heter/);
  const res = await web.post('/groups/new', fields);
  assert.equal(res.status, 303);
  assert.match(res.location, /\/groups\/\d+\?ok=group-created$/);
  const page = await web.get(res.location);
  assert.match(page.text, /Gruppen är upplagd\./);
  assert.match(page.text, /<dt>Hör till<\/dt><dd><a href="\/groups\/\d+">LPO Rörelseorganens sjukdomar<\/a>/);
  const g = await groupByName('LAG Knäartros');
  assert.deepEqual([g.type, g.parent_id, g.has_municipal_parts, g.seeks_patient_rep, g.multiprofessional],
    ['LAG', lpo.id, true, true, true]);
});

test('members: added through the form; a kommunal representant without a municipality is refused', async () => {
  const web = await srv.login('anna');
  const g = await groupByName('LAG Knäartros');
  const ahmed = await personId('Ahmed Karimi');
  const noMuni = await web.post(`/groups/${g.id}/members`, { csrf: web.csrf, person: ahmed,
    role: 'kommunal representant', municipality: '', from: '2025-02-01', to: '' });
  assert.equal(noMuni.status, 400);
  assert.match(noMuni.text, /role="alert"[^]*representerar en kommun/);
  assert.match(noMuni.text, /<details class="group-form" open><summary>Lägg till en ledamot/);
  assert.match(noMuni.text, /id="m-from" name="from" type="date" value="2025-02-01"/);
  assert.equal((await get(`/api/v1/groups/${g.id}`)).members.length, 0);
  const add = async (name, role, municipality = '') => {
    const res = await web.post(`/groups/${g.id}/members`, { csrf: web.csrf, person: await personId(name), role,
      municipality, from: '2025-01-01', to: '' });
    assert.equal(res.status, 303, `${name}: ${res.status}`);
    assert.match(res.location, /\?ok=member-added$/);
  };
  await add('Ahmed Karimi', 'ordförande');
  await add('Maja Ek', 'metodstöd');
  const kumla = (await get('/api/v1/municipalities')).items.find((m) => m.name === 'Kumla');
  await add('Lina Ahmadi', 'kommunal representant', String(kumla.id));
  const page = await web.get(`/groups/${g.id}?ok=member-added`);
  assert.match(page.text, /Ledamoten är tillagd\./);
  assert.match(page.text, /<td>kommunal representant<\/td><th scope="row">Lina Ahmadi<\/th><td>Kumla kommun<\/td>/);
  const twice = await web.post(`/groups/${g.id}/members`, { csrf: web.csrf, person: await personId('Maja Ek'),
    role: 'metodstöd', municipality: '', from: '', to: '' });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /Maja Ek är redan metodstöd i gruppen/);
});

test('ending a kommunal representant\'s membership: the form says the metodstöd is told, and a task is made', async () => {
  const web = await srv.login('anna');
  const g = await groupByName('LAG Knäartros');
  const page = await web.get(`/groups/${g.id}`);
  assert.match(page.text, /<summary>Avsluta ett uppdrag<\/summary>[^]*När en kommunal representant slutar får gruppens metodstöd en uppgift/);
  const rep = (await get(`/api/v1/groups/${g.id}`)).members.find((m) => m.role === 'kommunal representant');
  const early = await web.post(`/groups/${g.id}/members/end`, { csrf: web.csrf, member: String(rep.id), on: '2024-12-31', note: 'Fel dag' });
  assert.equal(early.status, 400);
  assert.match(early.text, /Slutdatum 2024-12-31 ligger före uppdragets start 2025-01-01/);
  assert.match(early.text, /Fel dag<\/textarea>/);
  const none = await web.post(`/groups/${g.id}/members/end`, { csrf: web.csrf, member: '', on: '', note: '' });
  assert.equal(none.status, 400);
  assert.match(none.text, /Välj vilket uppdrag som ska avslutas/);
  const before = (await get('/api/v1/tasks')).items.length;
  const res = await web.post(`/groups/${g.id}/members/end`, { csrf: web.csrf, member: String(rep.id), on: '2025-06-30', note: 'Ny tjänst' });
  assert.equal(res.status, 303);
  assert.match(res.location, /\?ok=member-ended-task$/);
  const after = await web.get(res.location);
  assert.match(after.text, /Uppdraget är avslutat\. Gruppens metodstöd[^<]*har fått en uppgift/);
  const tasks = (await get('/api/v1/tasks')).items;
  assert.equal(tasks.length, before + 1);
  const task = tasks.find((t) => t.group === 'LAG Knäartros');
  assert.equal(task.person, 'Maja Ek');
  assert.match(task.text, /Lina Ahmadi, kommunal representant för Kumla kommun, har lämnat LAG Knäartros/);
  const member = (await get(`/api/v1/groups/${g.id}`)).members.find((m) => m.id === rep.id);
  assert.deepEqual([member.ended_on, member.end_note, member.current], ['2025-06-30', 'Ny tjänst', false]);
  // an ordinary member leaving makes no task
  const chair = (await get(`/api/v1/groups/${g.id}`)).members.find((m) => m.role === 'ordförande');
  const plain = await web.post(`/groups/${g.id}/members/end`, { csrf: web.csrf, member: String(chair.id), on: '', note: '' });
  assert.match(plain.location, /\?ok=member-ended$/);
  assert.equal((await get('/api/v1/tasks')).items.length, before + 1);
});

test('a new version of the uppdragshandling: prefilled from the current one, older versions kept and viewable', async () => {
  const web = await srv.login('anna');
  const g = await groupByName('Samordnande grupp för utveckling inom hälso- och sjukvård');
  const cur = (await get(`/api/v1/groups/${g.id}/commission`)).current;
  const form = await web.get(`/groups/${g.id}/commission`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`Registrera version ${cur.version + 1}`));
  assert.match(form.text, new RegExp(`name="diarienummer" type="text" value="${cur.diarienummer}"`));
  assert.ok(form.text.includes('name="ordforande"') && form.text.includes('name="beslutsfattande"'));
  // post back what the form shows, changing one field: only that changes
  const fields = { csrf: web.csrf, note: 'Mötesfrekvensen ändrad.' };
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  for (const m of form.text.matchAll(/<input id="c-[a-z]+" name="([a-z]+)" type="[a-z]+" value="([^"]*)"/g))
    fields[m[1]] = unescape(m[2]);
  for (const m of form.text.matchAll(/<textarea id="c-[a-z]+" name="([a-z]+)"[^>]*>([^<]*)<\/textarea>/g))
    if (m[1] !== 'note') fields[m[1]] = unescape(m[2]);
  assert.equal(Object.keys(fields).length, 2 + 16, Object.keys(fields).join(' '));
  assert.equal(fields.uppdragsbeskrivning, cur.uppdragsbeskrivning);
  const same = await web.post(`/groups/${g.id}/commission`, fields);
  assert.equal(same.status, 409);
  assert.match(same.text, /Inget har ändrats mot version/);
  const missing = await web.post(`/groups/${g.id}/commission`, { ...fields, uppdragsbeskrivning: '  ', motesfrekvens: 'Varannan vecka, digitalt' });
  assert.equal(missing.status, 400);
  assert.match(missing.text, /Uppdragsbeskrivning måste fyllas i/);
  assert.match(missing.text, /name="motesfrekvens" type="text" value="Varannan vecka, digitalt"/);
  const res = await web.post(`/groups/${g.id}/commission`, { ...fields, motesfrekvens: 'Varannan vecka, digitalt' });
  assert.equal(res.status, 303);
  assert.match(res.location, /\/groups\/\d+\?ok=commission#uppdrag$/);
  const page = await web.get(res.location.replace(/#.*/, ''));
  assert.match(page.text, /Den nya versionen av uppdragshandlingen är registrerad/);
  assert.match(page.text, /Varannan vecka, digitalt/);
  const after = await get(`/api/v1/groups/${g.id}/commission`);
  assert.equal(after.current.version, cur.version + 1);
  assert.equal(after.current.motesfrekvens, 'Varannan vecka, digitalt');
  assert.equal(after.current.diarienummer, cur.diarienummer);
  assert.deepEqual(after.current.arbetsorganisation, cur.arbetsorganisation);
  assert.equal(after.versions[1].motesfrekvens, cur.motesfrekvens);
  const old = await web.get(`/groups/${g.id}/commission/${cur.version}`);
  assert.equal(old.status, 200);
  assert.match(old.text, /Ersatt version/);
  assert.ok(cur.motesfrekvens && old.text.includes(cur.motesfrekvens));
  assert.doesNotMatch(old.text, /Varannan vecka, digitalt/);
  const list = await web.get(`/groups/${g.id}/commission`);
  assert.match(list.text, new RegExp(`Version ${cur.version + 1}</a> \\(gällande\\)`));
  assert.match(list.text, /Mötesfrekvensen ändrad\./);
  assert.equal((await web.get(`/groups/${g.id}/commission/99`)).status, 404);
});

test('RMKS approval of an LPO and a mandate through the forms', async () => {
  const web = await srv.login('anna');
  const lpo = await groupByName('LPO Rörelseorganens sjukdomar');
  const page = await web.get(`/groups/${lpo.id}`);
  assert.match(page.text, /Registrera RMKS godkännande/);
  const bad = await web.post(`/groups/${lpo.id}/rmks`, { csrf: web.csrf, date: '2025-13-01' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Ange dagen då RMKS godkände/);
  const ok = await web.post(`/groups/${lpo.id}/rmks`, { csrf: web.csrf, date: '2025-03-12' });
  assert.equal(ok.status, 303);
  assert.equal((await groupByName('LPO Rörelseorganens sjukdomar')).rmks_approved_on, '2025-03-12');
  const lag = await groupByName('LAG Demens');
  assert.doesNotMatch((await web.get(`/groups/${lag.id}`)).text, /RMKS godkännande/);
  // a delegation needs the body that delegated it
  const fields = { csrf: web.csrf, holder: 'metodstöd', person: '', decides: 'Besluta om <arbetsformer> i gruppen',
    within_mission: '1', delegation: '1', granted_by: '', granted_by_text: '', decision_ref: '', from: '', to: '' };
  const refused = await web.post(`/groups/${lag.id}/mandates`, fields);
  assert.equal(refused.status, 400);
  assert.match(refused.text, /En delegation ges av ett organ/);
  assert.match(refused.text, /<details class="group-form" open><summary>Nytt mandat/);
  assert.match(refused.text, /Besluta om &lt;arbetsformer&gt; i gruppen<\/textarea>/);
  assert.match(refused.text, /id="d-mission" name="within_mission" value="1" checked/);
  const before = (await get('/api/v1/mandates')).items.length;
  const res = await web.post(`/groups/${lag.id}/mandates`, { ...fields, granted_by: String((await groupByName('LPO Äldres hälsa och palliativ vård')).id) });
  assert.equal(res.status, 303);
  assert.match(res.location, /\?ok=mandate$/);
  const items = (await get('/api/v1/mandates')).items;
  assert.equal(items.length, before + 1);
  const m = items.find((x) => x.decides === 'Besluta om <arbetsformer> i gruppen');
  assert.deepEqual([m.kind, m.role, m.group_id, m.scope.within_mission, m.granted_by],
    ['delegation', 'metodstöd', lag.id, true, 'LPO Äldres hälsa och palliativ vård']);
  // Maja Ek is the LAG's metodstöd: the group page lists it as power she carries
  const after = await web.get(`/groups/${lag.id}?ok=mandate`);
  assert.match(after.text, /Mandatet är registrerat\./);
  assert.match(after.text, /<strong>Maja Ek<\/strong> \(som metodstöd i gruppen\): Delegation: Besluta om &lt;arbetsformer&gt;/);
  const person = await web.post(`/groups/${lag.id}/mandates`, { ...fields, holder: 'person', person: await personId('Gunnel Karlsson'),
    delegation: '', decides: 'Företräda närstående' });
  assert.equal(person.status, 303);
  assert.ok((await get('/api/v1/mandates')).items.some((x) => x.holder === 'Gunnel Karlsson' && x.holder_kind === 'person'));
  assert.equal((await web.post('/groups/999999/mandates', fields)).status, 404);
});

test('CSRF and the läsare: 403 on every group form, no forms shown, nothing written', async () => {
  const anna = await srv.login('anna');
  const lars = await srv.login('lars');
  const lag = await groupByName('LAG Demens');
  const members = (await get(`/api/v1/groups/${lag.id}`)).members.length;
  const version = (await get(`/api/v1/groups/${lag.id}/commission`)).versions.length;
  const posts = [['/groups/new', { type: 'LAG', name: 'Smyggrupp' }],
    [`/groups/${lag.id}/members`, { person: await personId('Olof Bergman'), role: 'ledamot' }],
    [`/groups/${lag.id}/members/end`, { member: '1' }],
    [`/groups/${lag.id}/commission`, { datum: '2025-01-01', uppdragsbeskrivning: 'Smyg' }],
    [`/groups/${lag.id}/rmks`, { date: '2025-01-01' }],
    [`/groups/${lag.id}/mandates`, { holder: 'group', decides: 'Smyg' }]];
  for (const [path, body] of posts) {
    assert.equal((await anna.post(path, { ...body, csrf: '' })).status, 403, path);
    const r = await lars.post(path, { ...body, csrf: lars.csrf });
    assert.equal(r.status, 403, path);
    assert.match(r.text, /läsare/);
  }
  assert.equal((await get(`/api/v1/groups/${lag.id}`)).members.length, members);
  assert.equal((await get(`/api/v1/groups/${lag.id}/commission`)).versions.length, version);
  assert.ok(!(await get('/api/v1/groups')).items.some((g) => g.name === 'Smyggrupp'));
  assert.equal((await lars.get('/groups/new')).status, 403);
  const page = await lars.get(`/groups/${lag.id}`);
  assert.doesNotMatch(page.text, /class="group-form"/);
  assert.doesNotMatch(page.text, /Registrera en ny version/);
  const list = await lars.get('/groups');
  assert.doesNotMatch(list.text, /href="\/groups\/new"/);
  const commission = await lars.get(`/groups/${lag.id}/commission`);
  assert.equal(commission.status, 200);
  assert.doesNotMatch(commission.text, /<form method="post" action="\/groups/);
});
