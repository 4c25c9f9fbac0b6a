// The organisation in the browser (issue 3): /org with the unit tree and the
// municipalities, a unit's page, the people list with search, unit filter
// and paging, a person's page with their groups and mandates; and keeping
// it through the forms (a new unit, renaming and moving one under the same
// rules as adding, a municipality, a new and a changed person): CSRF, the
// läsare's 403, 400/409 with core's message and the typed values kept,
// nothing changed on a refusal, user text escaped. Runs on the demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer({ demo: true });
const get = (path, as) => call(srv, 'GET', path, undefined, 200, as);

async function unitByName(name) {
  const { items } = await get('/api/v1/units');
  const u = items.find((x) => x.name === name);
  assert.ok(u, `no unit ${name}`);
  return u;
}

const unitForm = (csrf, fields) => ({ csrf, kind: 'verksamhet', parent: '', name: '', short_name: '',
  manager_title: '', manager_name: '', ...fields });

test('/org shows the unit tree with managers and the municipalities, and the menu links it', async () => {
  const web = await srv.login('lars');
  const page = await web.get('/org');
  assert.equal(page.status, 200);
  assert.match(page.text, /<a href="\/org" aria-current="page">Organisation<\/a>/);
  const uso = await unitByName('Universitetssjukhuset Örebro');
  const ort = await unitByName('Ortopedi');
  // Ortopedi is listed inside USÖ's own list, with its manager's title
  const tree = page.text.slice(page.text.indexOf('class="org-tree"'));
  const at = tree.indexOf(`href="/org/units/${uso.id}"`);
  const sub = tree.slice(at, tree.indexOf('</ul>', at));
  assert.match(sub, new RegExp(`<ul><li><a href="/org/units/\\d+">[^<]+</a>[^]*href="/org/units/${ort.id}">Ortopedi</a> <span class="kind">verksamhet</span> <span class="meta">Verksamhetschef</span>`));
  assert.match(page.text, /Områdeschef/);
  for (const m of ['Askersunds kommun', 'Kumla kommun', 'Örebro kommun']) assert.ok(page.text.includes(m), m);
  // a läsare gets no forms and no "new" links
  assert.doesNotMatch(page.text, /<form method="post" action="\/org/);
  assert.doesNotMatch(page.text, /href="\/org\/units\/new"/);
  assert.equal((await web.get('/org/units/new')).status, 403);
  assert.equal((await web.get('/org/people/new')).status, 403);
});

test('a unit page shows its place, sub-units, people, groups and the manager\'s mandates', async () => {
  const web = await srv.login('anna');
  const uso = await unitByName('Universitetssjukhuset Örebro');
  const page = await web.get(`/org/units/${uso.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Universitetssjukhuset Örebro<\/h1>/);
  assert.match(page.text, /› <a href="\/org\/units\/\d+">Hälso- och sjukvårdsförvaltningen<\/a>/);
  for (const s of ['Underenheter', 'Ortopedi', 'Geriatrik', 'Olof Bergman', 'Per Holmgren', 'Ändra eller flytta enheten'])
    assert.ok(page.text.includes(s), 'missing ' + s);
  const hsf = await unitByName('Hälso- och sjukvårdsförvaltningen');
  const groups = await web.get(`/org/units/${hsf.id}`);
  assert.match(groups.text, /Grupper knutna till enheten[^]*LPO/);
  const ort = await web.get(`/org/units/${(await unitByName('Ortopedi')).id}`);
  assert.match(ort.text, /<h2>Chefens mandat<\/h2><ul class="power"><li>Besluta om implementering av åtgärder efter gapanalys/);
  assert.equal((await web.get('/org/units/99999')).status, 404);
  assert.equal((await web.get('/org/units/abc')).status, 404);
});

test('a new unit through the form: 303 with a notice, listed under its parent', async () => {
  const web = await srv.login('anna');
  const uso = await unitByName('Universitetssjukhuset Örebro');
  const form = await web.get(`/org/units/new?parent=${uso.id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${uso.id}" selected>`));
  const res = await web.post('/org/units/new', unitForm(web.csrf, {
    parent: String(uso.id), name: 'Handkirurgi', short_name: 'HAND', manager_title: 'Verksamhetschef',
    manager_name: 'Eva <Ek>',
  }));
  assert.equal(res.status, 303);
  assert.match(res.location, /\/org\/units\/\d+\?ok=unit-created$/);
  const shown = await web.get(res.location);
  assert.match(shown.text, /Enheten är upplagd\./);
  assert.match(shown.text, /Verksamhetschef: Eva &lt;Ek&gt;/);
  const hand = await unitByName('Handkirurgi');
  assert.equal(hand.parent_id, uso.id);
  assert.equal(hand.kind, 'verksamhet');
});

test('moving and renaming a unit: the rules of adding, core\'s message with the values kept, nothing changed', async () => {
  const web = await srv.login('anna');
  const uso = await unitByName('Universitetssjukhuset Örebro');
  const hsf = await unitByName('Hälso- och sjukvårdsförvaltningen');
  const ort = await unitByName('Ortopedi');
  const mott = await unitByName('Ortopedmottagningen');
  const edit = (u, fields) => web.post(`/org/units/${u.id}`, {
    csrf: web.csrf, parent: String(u.parent_id), name: u.name, short_name: u.short_name ?? '',
    manager_title: u.manager_title ?? '', manager_name: u.manager_name ?? '', ...fields,
  });
  // under its own descendant
  const loop = await edit(uso, { parent: String(mott.id), name: 'USÖ nytt namn' });
  assert.equal(loop.status, 400);
  assert.match(loop.text, /role="alert"[^]*kan inte flyttas under &#39;Ortopedmottagningen&#39;, som själv ligger under den/);
  assert.match(loop.text, /value="USÖ nytt namn"/, 'the typed name is not kept');
  // against the kind order: an område under a verksamhet that is not its own
  const karlskoga = await unitByName('Medicinkliniken Karlskoga');
  const kind = await edit(uso, { parent: String(karlskoga.id) });
  assert.equal(kind.status, 400);
  assert.match(kind.text, /ett område kan inte ligga under en verksamhet/);
  // a sibling's name
  const dup = await edit(ort, { name: 'Geriatrik' });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /enheten &#39;Geriatrik&#39; finns redan under &#39;Universitetssjukhuset Örebro&#39;/);
  const after = await unitByName('Universitetssjukhuset Örebro');
  assert.equal(after.parent_id, hsf.id);
  assert.equal((await unitByName('Ortopedi')).name, 'Ortopedi');
  // a move that keeps the rules, with a new manager
  const lind = await unitByName('Lindesbergs lasarett');
  const geri = await unitByName('Geriatrik');
  const ok = await edit(geri, { parent: String(lind.id), manager_name: 'Per Holmgren' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, new RegExp(`/org/units/${geri.id}\\?ok=unit-updated$`));
  const moved = await web.get(ok.location);
  assert.match(moved.text, /Enheten är ändrad\./);
  assert.match(moved.text, /› <a href="\/org\/units\/\d+">Lindesbergs lasarett<\/a>/);
  assert.match(moved.text, /Verksamhetschef: Per Holmgren/);
  assert.equal((await unitByName('Geriatrik')).parent_id, lind.id);
});

test('without CSRF 403 and a läsare 403: nothing changes', async () => {
  const web = await srv.login('anna');
  const lars = await srv.login('lars');
  const uso = await unitByName('Universitetssjukhuset Örebro');
  for (const [b, csrf, status] of [[web, '', 403], [lars, lars.csrf, 403]]) {
    assert.equal((await b.post('/org/units/new', unitForm(csrf, { parent: String(uso.id), name: 'Smygenhet' }))).status, status);
    assert.equal((await b.post(`/org/units/${uso.id}`, { csrf, name: 'Smygnamn', parent: '' })).status, status);
    assert.equal((await b.post('/org/people/new', { csrf, name: 'Smygperson' })).status, status);
    assert.equal((await b.post('/org/municipalities', { csrf, name: 'Smygstad' })).status, status);
  }
  const { items } = await get('/api/v1/units');
  assert.ok(!items.some((u) => /Smyg/.test(u.name)));
  assert.equal((await unitByName('Universitetssjukhuset Örebro')).name, 'Universitetssjukhuset Örebro');
  assert.equal((await get('/api/v1/people?q=smyg')).total, 0);
  const page = await lars.get(`/org/units/${uso.id}`);
  assert.doesNotMatch(page.text, /<form method="post"(?! action="\/logout")/);
});

test('a municipality through the form; a duplicate is refused with the name kept', async () => {
  const web = await srv.login('anna');
  const res = await web.post('/org/municipalities', { csrf: web.csrf, name: 'Gnosjö', official_name: '', county: 'Jönköpings län' });
  assert.equal(res.status, 303);
  const page = await web.get('/org?ok=municipality');
  assert.match(page.text, /Kommunen är upplagd\./);
  assert.match(page.text, /<th scope="row">Gnosjö<\/th><td>Gnosjö kommun<\/td><td>Jönköpings län<\/td>/);
  const dup = await web.post('/org/municipalities', { csrf: web.csrf, name: 'kumla', county: 'X' });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /role="alert"[^]*kommunen &#39;Kumla&#39; finns redan/);
  assert.match(dup.text, /id="m-name" name="name" required maxlength="100" value="kumla"/);
});

test('people: search by name, a unit with the units under it, a municipality, and paging that keeps the filter', async () => {
  const web = await srv.login('anna');
  const ortmott = await unitByName('Ortopedmottagningen');
  for (let i = 1; i <= 27; i++)
    await call(srv, 'POST', '/api/v1/people', { name: `Testperson ${String(i).padStart(2, '0')}`, unit: ortmott.id }, 201);
  const all = await web.get('/org/people?q=testperson');
  assert.equal(all.status, 200);
  assert.match(all.text, /Visar 1–25 av 27</);
  assert.match(all.text, /rel="next" href="\/org\/people\?q=testperson&amp;page=2"/);
  const two = await web.get('/org/people?q=testperson&page=2');
  assert.match(two.text, /Visar 26–27 av 27</);
  assert.match(two.text, /Testperson 26[^]*Testperson 27/);
  // USÖ's people include those of Ortopedmottagningen, under Ortopedi
  const uso = await unitByName('Universitetssjukhuset Örebro');
  const byUnit = (await get(`/api/v1/people?unit=${uso.id}&limit=200`)).items;
  assert.ok(byUnit.some((p) => p.name === 'Testperson 01'));
  assert.ok(byUnit.some((p) => p.name === 'Olof Bergman'));
  assert.ok(!byUnit.some((p) => p.name === 'Maja Ek'));
  const page = await web.get(`/org/people?unit=${uso.id}&q=bergman`);
  assert.match(page.text, /Visar 1–1 av 1</);
  assert.match(page.text, /Olof Bergman/);
  const kumla = await web.get('/org/people?municipality=Kumla');
  assert.match(kumla.text, /Lina Ahmadi/);
  assert.doesNotMatch(kumla.text, /Olof Bergman/);
  // names in Swedish order: Å before Ä, both after Z (byte order would put Ä first)
  for (const name of ['Ärla Holm', 'Åke Ström', 'Zelma Berg'])
    await call(srv, 'POST', '/api/v1/people', { name }, 201);
  const names = (await get('/api/v1/people?limit=200')).items.map((p) => p.name);
  assert.deepEqual(names.slice(-3), ['Zelma Berg', 'Åke Ström', 'Ärla Holm']);
  const bad = await web.get('/org/people?unit=SkaS-Ortopedi');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*okänd enhet &#39;SkaS-Ortopedi&#39;/);
});

test('a person\'s page shows the unit, professions, groups with roles and dates, and the mandates carried', async () => {
  const web = await srv.login('lars');
  const sofia = (await get('/api/v1/people?q=Sofia%20Nilsson')).items[0];
  const page = await web.get(`/org/people/${sofia.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Sofia Nilsson<\/h1>/);
  assert.match(page.text, /<dt>Enhet<\/dt><dd><a href="\/org\/units\/\d+">Ortopedi<\/a>/);
  assert.match(page.text, /fysioterapeut/);
  assert.match(page.text, /LAG Höftledsartros<\/a><\/th><td>ordförande<\/td><td class="date">2024-10-01<\/td>/);
  assert.match(page.text, /LPO Rörelseorganens sjukdomar<\/a><\/th><td>ledamot/);
  assert.match(page.text, /<strong>som ordförande i LAG Höftledsartros<\/strong>: Planera, organisera/);
  assert.doesNotMatch(page.text, /Ändra personen/);
  const full = await get(`/api/v1/people/${sofia.id}`);
  assert.ok(full.groups.some((g) => g.group === 'LAG Höftledsartros' && g.role === 'ordförande' && g.current));
  assert.equal(full.mandates[0].via, 'som ordförande i LAG Höftledsartros');
  assert.equal((await web.get('/org/people/999999')).status, 404);
});

test('a new and a changed person through the forms: refusals name the problem and keep what was typed', async () => {
  const web = await srv.login('anna');
  const ort = await unitByName('Ortopedi');
  const base = { csrf: web.csrf, name: 'Greta Ås', title: 'Sjuksköterska', unit: String(ort.id), municipality: '',
    professions: 'sjuksköterska, Distriktssköterska' };
  const res = await web.post('/org/people/new', base);
  assert.equal(res.status, 303);
  assert.match(res.location, /\/org\/people\/\d+\?ok=person-created$/);
  const id = res.location.match(/people\/(\d+)/)[1];
  const shown = await web.get(res.location);
  assert.match(shown.text, /Personen är upplagd\./);
  assert.match(shown.text, /distriktssköterska, sjuksköterska/);
  // both a unit and a municipality: 400, the values kept, nothing changed
  const kumla = (await get('/api/v1/municipalities')).items.find((m) => m.name === 'Kumla');
  const both = await web.post(`/org/people/${id}`, { ...base, title: 'Ny titel', municipality: String(kumla.id) });
  assert.equal(both.status, 400);
  assert.match(both.text, /role="alert"[^]*inte båda/);
  assert.match(both.text, /value="Ny titel"/);
  assert.match(both.text, new RegExp(`<option value="${kumla.id}" selected>Kumla kommun</option>`));
  const pnr = await web.post('/org/people/new', { ...base, name: 'Greta 19121212-1212' });
  assert.equal(pnr.status, 400);
  assert.match(pnr.text, /personnummer/);
  let p = await get(`/api/v1/people/${id}`);
  assert.equal(p.title, 'Sjuksköterska');
  assert.equal((await get('/api/v1/people?q=19121212')).total, 0);
  // to the municipality, with other professions
  const moved = await web.post(`/org/people/${id}`, { ...base, unit: '', municipality: String(kumla.id), professions: 'undersköterska' });
  assert.equal(moved.status, 303);
  p = await get(`/api/v1/people/${id}`);
  assert.deepEqual([p.unit, p.municipality, p.professions], [null, 'Kumla kommun', ['undersköterska']]);
  assert.equal((await web.post('/org/people/999999', base)).status, 404);
});

test('API: units, municipalities and people are kept with 201/200, 400 naming the field, 403, 404 and 409', async () => {
  const hsf = await unitByName('Hälso- och sjukvårdsförvaltningen');
  const res = await srv.api('POST', '/api/v1/units', { kind: 'område', parent: 'HSF', name: 'Område rehab', manager_title: 'Områdeschef' });
  assert.equal(res.status, 201, res.text);
  assert.match(res.headers.get('location'), new RegExp(`/api/v1/units/${res.json.id}$`));
  assert.deepEqual([res.json.parent_id, res.json.depth, res.json.kind], [hsf.id, 2, 'område']);
  const child = await call(srv, 'POST', '/api/v1/units', { kind: 'verksamhet', parent: res.json.id, name: 'Rehab Örebro' }, 201);
  // a move, and a rename that keeps what was not given
  const moved = await call(srv, 'POST', `/api/v1/units/${child.id}`, { parent: 'USÖ' }, 200);
  assert.equal(moved.parent, 'Universitetssjukhuset Örebro');
  const renamed = await call(srv, 'POST', `/api/v1/units/${res.json.id}`, { name: 'Område rehabilitering', short_name: 'REH' }, 200);
  assert.deepEqual([renamed.name, renamed.short_name, renamed.manager_title], ['Område rehabilitering', 'REH', 'Områdeschef']);
  const refusals = [
    ['POST', '/api/v1/units', { parent: 'HSF', name: 'X' }, 400, /'kind'/],
    ['POST', '/api/v1/units', { kind: 'enhet', parent: true, name: 'X' }, 400, /'parent'/],
    ['POST', '/api/v1/units', { kind: 'enhet', parent: 'Finns inte', name: 'X' }, 400, /okänd överordnad enhet 'Finns inte'/],
    ['POST', '/api/v1/units', { kind: 'område', parent: 'HSF', name: 'område REHABILITERING' }, 409, /finns redan/],
    ['POST', `/api/v1/units/${res.json.id}`, { parent: 'Rehab Örebro' }, 400, /ett område kan inte ligga under en verksamhet/],
    ['POST', `/api/v1/units/${hsf.id}`, { parent: 'REH' }, 400, /som själv ligger under den/],
    ['POST', '/api/v1/units/999999', { name: 'X' }, 404, /okänd enhet/],
    ['POST', '/api/v1/municipalities', { name: 'Kumla' }, 409, /finns redan/],
    ['POST', '/api/v1/people', { title: 'X' }, 400, /'name'/],
    ['POST', '/api/v1/people', { name: 'X', professions: 'läkare' }, 400, /'professions'/],
    ['POST', '/api/v1/people', { name: 'X', professions: ['läkare', 3] }, 400, /post 2/],
    ['POST', '/api/v1/people', { name: 'X', professions: ['läkare, kirurg'] }, 400, /en profession per post/],
    ['POST', '/api/v1/people', { name: 'X', unit: 'Okänd' }, 400, /okänd enhet 'Okänd'/],
    ['GET', '/api/v1/people?unit=Okänd', undefined, 400, /okänd enhet 'Okänd'/],
    ['GET', '/api/v1/people?limit=0', undefined, 400, /'limit'/],
    ['GET', '/api/v1/people/999999', undefined, 404, /okänd person/],
  ];
  for (const [method, path, body, status, msg] of refusals) {
    const r = await srv.api(method, path, body);
    assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assert.match(r.json.error, msg, path);
  }
  const muni = await call(srv, 'POST', '/api/v1/municipalities', { name: 'Vaggeryd', county: 'Jönköpings län' }, 201);
  assert.equal(muni.official_name, 'Vaggeryds kommun');
  const p = await call(srv, 'POST', '/api/v1/people', { name: 'Nils Öst', unit: 'Rehab Örebro', professions: ['Fysioterapeut'] }, 201);
  assert.deepEqual([p.unit, p.professions, p.groups, p.mandates], ['Rehab Örebro', ['fysioterapeut'], [], []]);
  const q = await call(srv, 'POST', `/api/v1/people/${p.id}`, { title: 'Enhetschef', unit: '', municipality: 'Vaggeryd' }, 200);
  assert.deepEqual([q.name, q.title, q.unit, q.municipality, q.professions], ['Nils Öst', 'Enhetschef', null, 'Vaggeryds kommun', ['fysioterapeut']]);
  for (const [method, path, body] of [['POST', '/api/v1/units', { kind: 'enhet', parent: 'REH', name: 'L' }],
    ['POST', `/api/v1/units/${res.json.id}`, { name: 'L' }], ['POST', '/api/v1/people', { name: 'L' }],
    ['POST', `/api/v1/people/${p.id}`, { name: 'L' }], ['POST', '/api/v1/municipalities', { name: 'L' }]])
    assert.equal((await srv.api(method, path, body, 'lars')).status, 403, path);
  const list = await get('/api/v1/people?q=nils&municipality=Vaggeryd', 'lars');
  assert.deepEqual([list.total, list.items[0].name], [1, 'Nils Öst']);
});
