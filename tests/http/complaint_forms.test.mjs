// Complaints in the browser: registering one through /complaints/new (every
// field the API takes, linked from the list), its page with the answer to
// the complainant, the links to its unit × category chart and list, and the
// status form (status, closed date, answer; besvarat needs the answer).
// CSRF and the läsare are refused; bad input comes back with core's message
// naming the field, the values kept and nothing written. The list's
// category and date filters. Runs on `lots init --demo`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { pnr } from './pnr.mjs';

const srv = useServer({ demo: true });

async function unitId(name) {
  const units = (await srv.api('GET', '/api/v1/units')).json.items;
  const unit = units.find((x) => x.name === name);
  assert.ok(unit, 'no unit ' + name + ' in the demo');
  return String(unit.id);
}

async function byRef(ref) {
  const res = await srv.api('GET', '/api/v1/complaints?limit=200&q=' + encodeURIComponent(ref));
  return res.json.items.filter((c) => c.ref === ref);
}

const form = (csrf, unit, more = {}) => ({
  csrf, ref: 'KW-1', source: 'närstående', unit, category: 'Informationsöverföring', subcategory: 'Utskrivning',
  received_date: '2026-03-10', event_date: '2026-03-02',
  description: 'Dottern fick inte veta att mamman skrevs ut.', status: 'registrerat', closed_date: '', answer: '',
  ...more,
});

test('registered through the form linked from the list: 303 to its page with a notice, every field stored', async () => {
  const web = await srv.login('anna');
  const list = await web.get('/complaints');
  assert.match(list.text, /<a class="button" href="\/complaints\/new">Registrera klagomål<\/a>/);
  const page = await web.get('/complaints/new');
  assert.equal(page.status, 200);
  for (const name of ['ref', 'source', 'unit', 'category', 'subcategory', 'received_date', 'event_date', 'description',
    'status', 'closed_date', 'answer'])
    assert.match(page.text, new RegExp(`name="${name}"`), 'no field ' + name);
  assert.match(page.text, /<option value="Patientnämnden">Patientnämnden<\/option>/);
  assert.match(page.text, /<datalist id="categories">[^]*<option value="Informationsöverföring">/, 'categories in use not offered');
  assert.match(page.text, /personnummer/);
  const unit = await unitId('Geriatrik');
  const res = await web.post('/complaints/new', form(web.csrf, unit, { ref: 'KW-OK', status: 'under utredning' }));
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/complaints\/\d+\?ok=complaint$/);
  const shown = await web.get(res.location);
  assert.match(shown.text, /role="status"><p>Klagomålet är registrerat\./);
  assert.match(shown.text, /<dt>Källa<\/dt><dd class="prewrap">närstående<\/dd>/);
  assert.match(shown.text, /<dt>Händelsedatum<\/dt><dd class="prewrap">2026-03-02<\/dd>/);
  const [got] = await byRef('KW-OK');
  assert.deepEqual([got.source, String(got.unit_id), got.category, got.subcategory, got.received_date, got.event_date, got.status],
    ['närstående', unit, 'Informationsöverföring', 'Utskrivning', '2026-03-10', '2026-03-02', 'under utredning']);
  assert.equal(shown.text.includes(`/complaints/${got.id}/status`), true, 'no status form');
  // from the complaint to its series: the chart and the list of the unit × category
  const chart = `/charts/${got.unit_id}/${got.category_id}?source=complaints&amp;level=unit`;
  assert.ok(shown.text.includes(`href="${chart}"`), 'no link to the chart');
  const c = await web.get(chart.replace('&amp;', '&'));
  assert.equal(c.status, 200);
  assert.match(c.text, /<h1>Informationsöverföring – Geriatrik \(klagomål per månad\)<\/h1>/);
  const same = shown.text.match(/href="(\/complaints\?unit=\d+&amp;category=[^"]+)"/);
  assert.ok(same, 'no link to the complaints of the unit and category');
  const sameList = await web.get(same[1].replace('&amp;', '&'));
  assert.match(sameList.text, /KW-OK/);
  assert.doesNotMatch(sameList.text, /<td>Bemötande/);
});

test('a complaint registered as besvarat carries its answer; without it → 400 naming the field, values kept', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Geriatrik');
  const bad = await web.post('/complaints/new', form(web.csrf, unit, { ref: 'KW-SVAR', source: 'IVO', status: 'besvarat' }));
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"><p>Svar till den klagande måste fyllas i när klagomålet registreras som besvarat\./);
  assert.match(bad.text, /id="ref" name="ref" type="text" value="KW-SVAR"/);
  assert.match(bad.text, /<option value="IVO" selected>/);
  assert.match(bad.text, new RegExp(`<option value="${unit}" selected>`));
  assert.match(bad.text, /<option value="besvarat" selected>/);
  assert.match(bad.text, /Dottern fick inte veta att mamman skrevs ut\.<\/textarea>/);
  assert.equal((await byRef('KW-SVAR')).length, 0);
  const ok = await web.post('/complaints/new', form(web.csrf, unit, {
    ref: 'KW-SVAR', source: 'IVO', status: 'besvarat', answer: 'Yttrande skickat till IVO med verksamhetens åtgärder.',
  }));
  assert.equal(ok.status, 303);
  const page = await web.get(ok.location);
  assert.match(page.text, /<dt>Svar till den klagande<\/dt><dd class="prewrap">Yttrande skickat till IVO med verksamhetens åtgärder\.<\/dd>/);
  assert.equal((await byRef('KW-SVAR'))[0].answer, 'Yttrande skickat till IVO med verksamhetens åtgärder.');
});

test('bad input → 400 naming the field with every value kept and nothing stored', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Geriatrik');
  for (const [change, message] of [
    [{ category: '' }, /Kategori måste fyllas i/],
    [{ source: '' }, /Källa måste fyllas i/],
    [{ unit: '' }, /Enhet måste fyllas i/],
    [{ received_date: '2026-02-20' }, /Inkommet: 2026-02-20 är före händelsedatumet 2026-03-02/],
    [{ closed_date: '2026-04-01' }, /Avslutat: ett avslutsdatum hör bara till ett avslutat klagomål/],
    [{ received_date: '2999-01-01' }, /Inkommet/],
  ]) {
    const res = await web.post('/complaints/new', form(web.csrf, unit, { ref: 'KW-BAD', subcategory: 'Sub <b>x</b>', ...change }));
    assert.equal(res.status, 400, JSON.stringify(change));
    assert.match(res.text, new RegExp('role="alert"><p>' + message.source), JSON.stringify(change));
    assert.match(res.text, /name="ref" type="text" value="KW-BAD"/);
    assert.match(res.text, /name="subcategory" type="text" value="Sub &lt;b&gt;x&lt;\/b&gt;"/);
    assert.match(res.text, /Dottern fick inte veta att mamman skrevs ut\.<\/textarea>/);
  }
  assert.equal((await byRef('KW-BAD')).length, 0);
});

test('a personnummer in any text → 400 with the Swedish message, the input kept, nothing stored', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Geriatrik');
  const number = pnr('451224', '567');
  for (const field of ['description', 'answer', 'subcategory']) {
    const res = await web.post('/complaints/new', form(web.csrf, unit, { ref: 'KW-PNR', [field]: `Gäller ${number}.` }));
    assert.equal(res.status, 400, field);
    assert.match(res.text, /role="alert"><p>[^<]* innehåller ett personnummer eller samordningsnummer\. Ta bort det/);
    assert.ok(res.text.includes(`Gäller ${number}.`), 'the text was not kept in ' + field);
  }
  assert.equal((await byRef('KW-PNR')).length, 0);
});

test('without CSRF → 403 and nothing stored or changed', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Geriatrik');
  assert.equal((await web.post('/complaints/new', form('', unit, { ref: 'KW-NOCSRF' }))).status, 403);
  assert.equal((await byRef('KW-NOCSRF')).length, 0);
  const c = (await srv.api('GET', '/api/v1/complaints?status=registrerat&limit=1')).json.items[0];
  const res = await web.post(`/complaints/${c.id}/status`, { csrf: '', status: 'avslutat', closed_date: '', answer: 'x' });
  assert.equal(res.status, 403);
  assert.equal((await srv.api('GET', '/api/v1/complaints/' + c.id)).json.status, 'registrerat');
});

test('a läsare sees no forms and no link to register, and is refused (403)', async () => {
  const web = await srv.login('lars');
  const list = await web.get('/complaints');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /href="\/complaints\/new"/);
  const c = (await srv.api('GET', '/api/v1/complaints?status=registrerat&limit=1')).json.items[0];
  const page = await web.get('/complaints/' + c.id);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<form method="post" action="\/complaints/);
  assert.match(page.text, /href="\/charts\/\d+\/\d+\?source=complaints&amp;level=unit"/, 'the läsare should still see the chart link');
  assert.equal((await web.get('/complaints/new')).status, 403);
  const unit = await unitId('Geriatrik');
  assert.equal((await web.post('/complaints/new', form(web.csrf, unit, { ref: 'KW-READER' }))).status, 403);
  assert.equal((await byRef('KW-READER')).length, 0);
  const st = await web.post(`/complaints/${c.id}/status`, { csrf: web.csrf, status: 'avslutat', closed_date: '', answer: 'x' });
  assert.equal(st.status, 403);
  assert.equal((await srv.api('GET', '/api/v1/complaints/' + c.id)).json.status, 'registrerat');
});

test('the status form: besvarat needs the answer; then answered and closed, each shown on the page', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Geriatrik');
  const reg = await web.post('/complaints/new', form(web.csrf, unit, { ref: 'KW-STATUS' }));
  assert.equal(reg.status, 303);
  const id = reg.location.match(/\/complaints\/(\d+)/)[1];
  const none = await web.post(`/complaints/${id}/status`, { csrf: web.csrf, status: 'besvarat', closed_date: '', answer: '' });
  assert.equal(none.status, 409);
  assert.match(none.text, /role="alert"><p>Klagomålet kan inte vara besvarat utan svaret till den klagande/);
  assert.match(none.text, /<option value="besvarat" selected>/);
  assert.equal((await srv.api('GET', '/api/v1/complaints/' + id)).json.status, 'registrerat');
  const answer = 'Vi har ringt dottern, bett om ursäkt och infört en checklista vid utskrivning.';
  const ok = await web.post(`/complaints/${id}/status`, { csrf: web.csrf, status: 'besvarat', closed_date: '', answer });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/complaints/${id}?ok=complaint-updated`);
  const page = await web.get(ok.location);
  assert.match(page.text, /role="status"><p>Klagomålet är uppdaterat\./);
  assert.match(page.text, /<dt>Status<\/dt><dd class="prewrap">besvarat<\/dd>/);
  assert.ok(page.text.includes(`<dt>Svar till den klagande</dt><dd class="prewrap">${answer}</dd>`));
  assert.ok(page.text.includes(`name="answer" rows="5" aria-describedby="answer-hint">${answer}</textarea>`), 'the form does not show the answer');
  // closed before it came in: refused with the date kept
  const early = await web.post(`/complaints/${id}/status`, { csrf: web.csrf, status: 'avslutat', closed_date: '2026-03-01', answer: '' });
  assert.equal(early.status, 400);
  assert.match(early.text, /role="alert"><p>Avslutat: 2026-03-01 är före datumet då klagomålet kom in \(2026-03-10\)/);
  assert.match(early.text, /name="closed_date" value="2026-03-01"/);
  const closed = await web.post(`/complaints/${id}/status`, { csrf: web.csrf, status: 'avslutat', closed_date: '2026-04-15', answer: '' });
  assert.equal(closed.status, 303);
  const after = await web.get(closed.location);
  assert.match(after.text, /<dt>Avslutat<\/dt><dd class="prewrap">2026-04-15<\/dd>/);
  assert.ok(after.text.includes(answer), 'a blank answer field took the answer away');
  const got = (await srv.api('GET', '/api/v1/complaints/' + id)).json;
  assert.deepEqual([got.status, got.closed_date, got.answer], ['avslutat', '2026-04-15', answer]);
  assert.equal((await web.post('/complaints/99999999/status', { csrf: web.csrf, status: 'avslutat' })).status, 404);
});

test('the API takes the answer too: besvarat without one → 409, with one → 200', async () => {
  const created = await srv.api('POST', '/api/v1/complaints', {
    ref: 'KW-API', source: 'Patientnämnden', unit: 'Geriatrik', category: 'Bemötande', received_date: '2026-03-10',
    description: 'Upplevde sig inte lyssnad på.',
  });
  assert.equal(created.status, 201);
  assert.equal(created.json.answer, '');
  assert.ok(created.json.category_id > 0);
  const id = created.json.id;
  const refused = await srv.api('POST', `/api/v1/complaints/${id}/status`, { status: 'besvarat' });
  assert.equal(refused.status, 409);
  assert.match(refused.json.error, /svaret till den klagande/);
  const ok = await srv.api('POST', `/api/v1/complaints/${id}/status`, { status: 'besvarat', answer: 'Svar via Patientnämnden.' });
  assert.equal(ok.status, 200);
  assert.deepEqual([ok.json.status, ok.json.answer], ['besvarat', 'Svar via Patientnämnden.']);
  const search = (await srv.api('GET', '/api/v1/complaints?q=' + encodeURIComponent('via patientnämnden'))).json;
  assert.deepEqual(search.items.map((c) => c.ref), ['KW-API']);
});

test('the list filters by category and received dates; a bad date is shown as an error', async () => {
  const web = await srv.login('anna');
  const all = (await srv.api('GET', '/api/v1/complaints?limit=1')).json.total;
  const first = (await srv.api('GET', '/api/v1/complaints?limit=1')).json.items[0];
  const want = (await srv.api('GET', '/api/v1/complaints?limit=1&category=' + encodeURIComponent(first.category) +
    '&from=' + first.received_date + '&to=' + first.received_date)).json.total;
  const page = await web.get('/complaints?category=' + encodeURIComponent(first.category) + '&from=' +
    first.received_date + '&to=' + first.received_date);
  assert.equal(page.status, 200);
  const n = Number(page.text.match(/Visar \d+–\d+ av (\d+)/)[1]);
  assert.equal(n, want);
  assert.ok(n >= 1 && n < all);
  assert.ok(page.text.includes(first.ref));
  assert.ok(page.text.includes(`id="f-from" name="from" type="date" value="${first.received_date}"`), 'the filter is not kept');
  const bad = await web.get('/complaints?from=2026-13-45');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"/);
});
