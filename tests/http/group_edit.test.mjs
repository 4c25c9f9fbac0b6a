// Changing what is registered about groups: the "Ändra gruppen" form and
// POST /api/v1/groups/{id} (a partial update; a reporting loop refused naming
// the field, nothing changed), a membership's role and term from its row, and
// a mandate ended from the group page and POST /api/v1/mandates/{id}/end (it
// leaves the group's power after its last day and is listed as ended). Each
// POST: CSRF, the läsare's 403, a redirect with a notice, or the page again
// with core's message, the typed values and nothing changed.
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
const detail = (id) => get(`/api/v1/groups/${id}`);
// A group's own fields, without what moves with the day or the history.
const own = ({ today, history, members, power, problems, mandates, commission, subgroups, reports_path, ...g }) => g;
function yesterday() {
  const d = new Date(Date.now() - 86400000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

test('the "Ändra gruppen" form: prefilled, a reporting loop refused with the field named, then a change recorded', async () => {
  const web = await srv.login('anna');
  const rmks = await groupByName('Rådet för medicinskt kunskapsstöd');
  const lag = await groupByName('LAG Höftledsartros');
  const page = await web.get(`/groups/${rmks.id}`);
  assert.match(page.text, /<details class="group-form"><summary>Ändra gruppen<\/summary><form method="post" action="\/groups\/\d+"/);
  assert.match(page.text, /id="ge-name" name="name" required maxlength="200" value="Rådet för medicinskt kunskapsstöd"/);
  assert.match(page.text, new RegExp(`<select id="ge-reports_to" name="reports_to"><option value="">Samma som överordnad grupp</option>[^]*?<option value="${rmks.reports_to_id}" selected>`));
  assert.match(page.text, /id="ge-short" name="short_name" readonly value="RMKS"/); // a body's short name stays
  const fields = { csrf: web.csrf, type: 'råd', name: rmks.name, short_name: 'RMKS', description: 'Ny <beskrivning>',
    parent: '', reports_to: String(lag.id), unit: String(rmks.unit_id), seeks_patient_rep: '0', has_municipal_parts: '0',
    multiprofessional: '0', note: 'Fel väg' };
  const before = own(await detail(rmks.id));
  const loop = await web.post(`/groups/${rmks.id}`, fields);
  assert.equal(loop.status, 400);
  assert.match(loop.text, /role="alert"[^]*Rapporterar till: &#39;LAG Höftledsartros&#39; rapporterar redan, via &#39;LPO Rörelseorganens sjukdomar&#39;, till den här gruppen/);
  assert.match(loop.text, /<details class="group-form" open><summary>Ändra gruppen/);
  assert.match(loop.text, /Ny &lt;beskrivning&gt;<\/textarea>/);
  assert.match(loop.text, new RegExp(`<select id="ge-reports_to" name="reports_to">[^]*?<option value="${lag.id}" selected>`));
  assert.deepEqual(own(await detail(rmks.id)), before);
  // a body keeps its short name
  const renamed = await web.post(`/groups/${rmks.id}`, { ...fields, reports_to: String(rmks.reports_to_id), short_name: 'MKR' });
  assert.equal(renamed.status, 409);
  assert.match(renamed.text, /Kortnamn: &#39;RMKS&#39; är organets namn i ärenden och processer/);
  // an accepted change: the diagram, the facts and the history follow
  const kl = await groupByName('Koncernledning hälso- och sjukvård');
  const ok = await web.post(`/groups/${rmks.id}`, { ...fields, reports_to: String(kl.id), note: 'Ny rapportväg' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /\/groups\/\d+\?ok=group-updated$/);
  const after = await web.get(ok.location);
  assert.match(after.text, /Gruppen är ändrad\./);
  assert.match(after.text, /<dt>Rapporterar till<\/dt><dd><a href="\/groups\/\d+">Koncernledning hälso- och sjukvård<\/a>/);
  assert.match(after.text, /<desc id="rep-desc">Rådet för medicinskt kunskapsstöd rapporterar till Koncernledning hälso- och sjukvård\./);
  assert.match(after.text, /Gruppen ändrades: beskrivningen ändrad; rapporterar till: &#39;Hälso- och sjukvårdsförvaltningens ledningsgrupp&#39; → &#39;Koncernledning hälso- och sjukvård&#39;/);
  assert.match(after.text, /Ny rapportväg/);
  const g = await detail(rmks.id);
  assert.deepEqual([g.reports_to_id, g.description, g.short_name, g.multiprofessional], [kl.id, 'Ny <beskrivning>', 'RMKS', false]);
  assert.equal(g.history[0].kind, 'changed');
  assert.equal(g.history[0].user, 'Anna Berg');
  // the same again: nothing changes, and the page says so
  const same = await web.post(`/groups/${rmks.id}`, { ...fields, reports_to: String(kl.id) });
  assert.match(same.location, /\?ok=group-unchanged$/);
  assert.equal((await detail(rmks.id)).history.length, g.history.length);
});

test('POST /api/v1/groups/{id}: a partial update; 400 naming the field; loops refused; nothing changed', async () => {
  const lag = await groupByName('LAG Demens');
  const before = own(await detail(lag.id));
  let res = await srv.api('POST', `/api/v1/groups/${lag.id}`, { multiprofessional: false, note: 'Bara läkare i gruppen.' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.changed, true);
  assert.deepEqual(own(res.json), { ...before, multiprofessional: false, changed: true });
  assert.match(res.json.history[0].summary, /multiprofessionell: ja → nej/);
  assert.equal(res.json.history[0].note, 'Bara läkare i gruppen.');
  res = await srv.api('POST', `/api/v1/groups/${lag.id}`, {});
  assert.equal(res.status, 200);
  assert.equal(res.json.changed, false);
  const now = own(await detail(lag.id));
  for (const [body, status, want] of [
    [{ name: '' }, 400, /Gruppens namn/],
    [{ seeks_patient_rep: 'ja' }, 400, /'seeks_patient_rep'/],
    [{ parent: 2.5 }, 400, /'parent'/],
    [{ type: 'styrgrupp' }, 400, /okänd grupptyp 'styrgrupp'/],
    [{ unit: 'Finns inte' }, 404, /Finns inte/],
    [{ name: 'LAG Höftledsartros' }, 409, /Det finns redan en grupp som heter/],
    [{ parent: lag.id }, 400, /Hör till \(överordnad grupp\): en grupp kan inte höra till sig själv/],
    [{ reports_to: lag.id }, 400, /Rapporterar till: en grupp kan inte rapportera till sig själv/],
  ]) {
    const r = await srv.api('POST', `/api/v1/groups/${lag.id}`, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.match(r.json.error, want);
  }
  // a loop through the parent: the LPO cannot report to its own LAG
  const lpo = await groupByName('LPO Äldres hälsa och palliativ vård');
  const lpoBefore = own(await detail(lpo.id));
  res = await srv.api('POST', `/api/v1/groups/${lpo.id}`, { reports_to: 'LAG Demens', name: 'LPO Äldre' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /^Rapporterar till: 'LAG Demens' rapporterar redan till den här gruppen/);
  assert.deepEqual(own(await detail(lpo.id)), lpoBefore);
  assert.deepEqual(own(await detail(lag.id)), now);
  // "" clears: without a parent the LAG reports to nobody
  res = await srv.api('POST', `/api/v1/groups/${lag.id}`, { parent: '' });
  assert.equal(res.status, 200);
  assert.deepEqual([res.json.parent_id, res.json.reports_path], [null, []]);
  assert.equal((await srv.api('POST', '/api/v1/groups/99999', { name: 'X' })).status, 404);
});

test('a membership\'s role and term: changed from its row, refused with the row form kept open', async () => {
  const web = await srv.login('anna');
  const lag = await groupByName('LAG Höftledsartros');
  const member = (await detail(lag.id)).members.find((m) => m.role === 'ledamot' && m.current);
  assert.ok(member, 'no current ledamot');
  const page = await web.get(`/groups/${lag.id}`);
  assert.match(page.text, new RegExp(`<form method="post" action="/groups/${lag.id}/members/${member.id}" class="stack">`));
  assert.match(page.text, new RegExp(`id="t-to-${member.id}" name="to" type="date" value="${member.to ?? ''}"`));
  const bad = await web.post(`/groups/${lag.id}/members/${member.id}`, { csrf: web.csrf, role: 'ordförande', municipality: '', to: '2020-01-01' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*Till-datum \(2020-01-01\) ligger före från-datum/);
  assert.match(bad.text, new RegExp(`<details class="row-form" open><summary>Ändra<span class="visually-hidden"> uppdraget för ${member.person}`));
  assert.match(bad.text, new RegExp(`id="t-to-${member.id}" name="to" type="date" value="2020-01-01"`));
  assert.equal((await detail(lag.id)).members.find((m) => m.id === member.id).role, 'ledamot');
  const ok = await web.post(`/groups/${lag.id}/members/${member.id}`, { csrf: web.csrf, role: 'ledamot', municipality: '', to: '2027-12-31' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /\?ok=member-changed$/);
  const after = await web.get(ok.location);
  assert.match(after.text, /Uppdraget är ändrat\./);
  assert.ok(after.text.includes(`Uppdraget för ${member.person} ändrades: till: ${member.to ?? 'öppet'} → 2027-12-31.`),
    'the history does not say what changed');
  const api = await srv.api('POST', `/api/v1/groups/${lag.id}/members/${member.id}`, { role: 'adjungerad' });
  assert.equal(api.status, 200, api.text);
  const m = api.json.members.find((x) => x.id === member.id);
  assert.deepEqual([m.role, m.to], ['adjungerad', '2027-12-31']);
  const refused = await srv.api('POST', `/api/v1/groups/${lag.id}/members/${member.id}`, { role: 'kassör' });
  assert.equal(refused.status, 400);
  assert.match(refused.json.error, /okänd roll 'kassör'/);
});

test('a mandate ended from the group page leaves the power and is listed as ended; the API ends one once', async () => {
  const web = await srv.login('anna');
  const lag = await groupByName('LAG Höftledsartros');
  const before = await detail(lag.id);
  const mandate = before.mandates.find((m) => m.role === 'ordförande');
  assert.ok(mandate && mandate.in_force, 'the chair\'s mandate is not in force');
  assert.ok(before.power.items.some((p) => p.mandate.id === mandate.id), 'the chair does not carry it');
  const action = `/groups/${lag.id}/mandates/${mandate.id}/end`;
  const bad = await web.post(action, { csrf: web.csrf, on: '2025-13-01', note: 'Ny <ordförande>' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Slutdatum ska vara ett datum ÅÅÅÅ-MM-DD, inte &#39;2025-13-01&#39;/);
  assert.match(bad.text, new RegExp(`<details class="row-form" open><summary>Avsluta<span class="visually-hidden"> mandatet:`));
  assert.match(bad.text, /Ny &lt;ordförande&gt;<\/textarea>/);
  assert.equal((await detail(lag.id)).mandates.find((m) => m.id === mandate.id).ended_at, null);
  const day = yesterday();
  const ok = await web.post(action, { csrf: web.csrf, on: day, note: 'Ny ordförande utses.' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /\?ok=mandate-ended#mandat$/);
  const page = await web.get(ok.location.replace(/#.*/, ''));
  assert.match(page.text, /Mandatet är avslutat/);
  assert.match(page.text, new RegExp(`<details class="ended-mandates"><summary>Avslutade och upphörda mandat \\(1\\)</summary>[^]*upphört ${day}[^]*avslutat [0-9-]+ [0-9:]+ av Anna Berg[^]*Ny ordförande utses\\.`));
  assert.doesNotMatch(page.text, new RegExp(`action="${action}"`)); // no second "Avsluta"
  const after = await detail(lag.id);
  assert.ok(!after.power.items.some((p) => p.mandate.id === mandate.id), 'still counted in the power');
  const m = after.mandates.find((x) => x.id === mandate.id);
  assert.deepEqual([m.in_force, m.to, m.ended_by, m.end_note], [false, day, 'Anna Berg', 'Ny ordförande utses.']);
  assert.equal(after.history[0].kind, 'mandate_end');
  // the API: a mandate of the group as a whole, ended today (it holds through today), then not again
  const rmks = await groupByName('Rådet för medicinskt kunskapsstöd');
  const own = (await detail(rmks.id)).mandates.find((x) => x.holder_kind === 'group');
  let res = await srv.api('POST', `/api/v1/mandates/${own.id}/end`, { note: 'Uppgiften flyttas.' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.end_note, 'Uppgiften flyttas.');
  assert.ok(res.json.ended_at);
  assert.ok((await detail(rmks.id)).power.own.some((x) => x.id === own.id), 'ended today, it still holds today');
  res = await srv.api('POST', `/api/v1/mandates/${own.id}/end`, {});
  assert.equal(res.status, 409);
  assert.match(res.json.error, /Mandatet är redan avslutat/);
  res = await srv.api('POST', `/api/v1/mandates/${own.id}/end`, { on: 7 });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /'on'/);
  assert.equal((await srv.api('POST', '/api/v1/mandates/99999/end', {})).status, 404);
});

test('CSRF and the läsare: 403 on every new form and API call, no forms shown, nothing written', async () => {
  const anna = await srv.login('anna');
  const lars = await srv.login('lars');
  const lag = await groupByName('LAG Demens');
  const d = await detail(lag.id);
  const member = d.members.find((m) => m.current);
  const mandate = d.mandates.find((m) => m.in_force);
  const posts = [[`/groups/${lag.id}`, { name: 'Smyggrupp' }],
    [`/groups/${lag.id}/members/${member.id}`, { role: 'ledamot', to: '2030-01-01' }],
    [`/groups/${lag.id}/mandates/${mandate.id}/end`, { on: '' }]];
  for (const [path, body] of posts) {
    assert.equal((await anna.post(path, { ...body, csrf: '' })).status, 403, path);
    const r = await lars.post(path, { ...body, csrf: lars.csrf });
    assert.equal(r.status, 403, path);
    assert.match(r.text, /läsare/);
  }
  for (const [path, body] of [[`/api/v1/groups/${lag.id}`, { name: 'Smyggrupp' }],
    [`/api/v1/groups/${lag.id}/members/${member.id}`, { to: '2030-01-01' }], [`/api/v1/mandates/${mandate.id}/end`, {}]])
    assert.equal((await srv.api('POST', path, body, 'lars')).status, 403, path);
  const after = await detail(lag.id);
  assert.equal(after.name, 'LAG Demens');
  assert.deepEqual(after.members, d.members);
  assert.deepEqual(after.mandates, d.mandates);
  assert.equal(after.history.length, d.history.length);
  const page = await lars.get(`/groups/${lag.id}`);
  assert.doesNotMatch(page.text, /Ändra gruppen|class="row-form"/);
  assert.match(page.text, /<h2 id="h-mandates">Mandat och delegationer<\/h2>/); // readers see the list
});
