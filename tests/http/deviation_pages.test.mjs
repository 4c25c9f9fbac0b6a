// The deviation and complaint pages (issue 4): the list with filters,
// total and paging; one deviation with its fields; registering through the
// form (CSRF, a personnummer refused with nothing written, the input kept);
// a reader sees no form and is refused on POST; user text is escaped.
// Runs on the demo (`lots init --demo`: a year of deviations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { pnr } from './pnr.mjs';

const srv = useServer({ demo: true });

async function unitId(name) {
  const u = await srv.api('GET', '/api/v1/units');
  const unit = u.json.items.find((x) => x.name === name) ?? u.json.items.find((x) => x.kind === 'verksamhet');
  return String(unit.id);
}

async function countByRef(ref) {
  const res = await srv.api('GET', '/api/v1/deviations?q=' + encodeURIComponent(ref));
  return res.json.items.filter((d) => d.ref === ref).length;
}

const form = (csrf, unit, more = {}) => ({
  csrf, ref: 'WEB-1', kind: 'vård', event_date: '2026-03-05', reported_date: '', unit,
  category: 'Fall', subcategory: 'Förflyttning', severity: '2',
  description: 'Patienten föll vid förflyttning.', immediate_action: 'Tillsyn.', ...more,
});

test('the list shows the demo deviations with total and paging that keeps the filters', async () => {
  const web = await srv.login('anna');
  const api = await srv.api('GET', '/api/v1/deviations?limit=1');
  const total = api.json.total;
  assert.ok(total > 25);
  const page = await web.get('/deviations');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`Visar 1–25 av ${total}<`));
  assert.equal((page.text.match(/<tr><th scope="row"/g) || []).length, 25);
  assert.match(page.text, /rel="next" href="\/deviations\?page=2"/);
  const two = await web.get('/deviations?kind=v%C3%A5rd&page=2');
  assert.equal(two.status, 200);
  assert.match(two.text, /Visar 26–50 av \d+/);
  assert.match(two.text, /rel="prev" href="\/deviations\?kind=v%C3%A5rd"/);
});

test('a filter narrows the list', async () => {
  const web = await srv.login('anna');
  const all = (await srv.api('GET', '/api/v1/deviations?limit=1')).json.total;
  const serious = (await srv.api('GET', '/api/v1/deviations?limit=1&serious=true')).json.total;
  const page = await web.get('/deviations?serious=1');
  assert.equal(page.status, 200);
  const m = page.text.match(/(?:Visar \d+–\d+ av (\d+)|Inga avvikelser)/);
  assert.ok(m);
  assert.equal(Number(m[1] ?? 0), serious);
  assert.ok(serious < all);
  const first = (await srv.api('GET', '/api/v1/deviations?limit=1')).json.items[0];
  const cat = await web.get('/deviations?category=' + encodeURIComponent(first.category) + '&from=' + first.event_date);
  const n = Number(cat.text.match(/Visar \d+–\d+ av (\d+)/)[1]);
  assert.ok(n >= 1 && n < all);
  assert.match(cat.text, new RegExp(first.ref));
  const bad = await web.get('/deviations?from=2026-13-45');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"/);
});

test('the detail page shows the fields', async () => {
  const web = await srv.login('anna');
  const d = (await srv.api('GET', '/api/v1/deviations?limit=1')).json.items[0];
  const page = await web.get('/deviations/' + d.id);
  assert.equal(page.status, 200);
  for (const s of [d.ref, d.event_date, d.unit, d.category, d.severity_label, 'Händelseanalyser', 'Lex Maria'])
    assert.ok(page.text.includes(s), 'missing ' + s);
  assert.match(page.text, /action="\/deviations\/\d+\/status"/);
  // the way from one deviation to its series: the chart and the same unit's deviations in the category
  const chart = `/charts/${d.unit_id}/${d.category_id}?source=deviations&level=unit`;
  assert.ok(page.text.includes(`<a href="${chart.replace(/&/g, '&amp;')}">Styrdiagram: avvikelser om ${d.category} på ${d.unit}</a>`),
    'no link to the chart of the series');
  const chartPage = await web.get(chart);
  assert.equal(chartPage.status, 200);
  assert.match(chartPage.text, new RegExp(`<h1>${d.category} – ${d.unit} \\(avvikelser per månad\\)</h1>`));
  const same = (await web.get(`/deviations?unit=${d.unit_id}&category=${encodeURIComponent(d.category)}`)).text;
  assert.ok(same.includes(d.ref), 'the list of the same series lacks the deviation');
  assert.equal((await web.get('/deviations/99999999')).status, 404);
  const serious = (await srv.api('GET', '/api/v1/deviations?limit=200&serious=true')).json.items;
  const analysed = serious.find((x) => x.analyses > 0);
  assert.ok(analysed, 'the demo has no deviation with a händelseanalys');
  const full = (await srv.api('GET', '/api/v1/deviations/' + analysed.id)).json;
  const withAnalysis = await web.get('/deviations/' + analysed.id);
  const a = full.analyses[0];
  assert.ok(withAnalysis.text.includes('Händelseanalys påbörjad ' + a.started_on));
  if (a.actions.length) {
    assert.ok(withAnalysis.text.includes(a.actions[0].owner));
    assert.ok(withAnalysis.text.includes(a.actions[0].due_date));
  }
});

test('registering through the form with CSRF → 303 and the deviation exists', async () => {
  const web = await srv.login('anna');
  const page = await web.get('/deviations/new');
  assert.equal(page.status, 200);
  assert.match(page.text, /personnummer/);
  const unit = await unitId('Ortopedi');
  const res = await web.post('/deviations/new', form(web.csrf, unit, { ref: 'WEB-OK-1' }));
  assert.equal(res.status, 303);
  assert.match(res.location, /\/deviations\/\d+\?ok=deviation$/);
  const id = res.location.match(/\/deviations\/(\d+)/)[1];
  const shown = await web.get(res.location);
  assert.match(shown.text, /Avvikelsen är registrerad\./);
  assert.match(shown.text, /WEB-OK-1/);
  const got = await srv.api('GET', '/api/v1/deviations/' + id);
  assert.equal(got.status, 200);
  assert.equal(got.json.ref, 'WEB-OK-1');
  assert.equal(got.json.severity, 2);
  assert.equal(String(got.json.unit_id), unit);
  // status and feedback through the detail page's form
  const upd = await web.post(`/deviations/${id}/status`, { csrf: web.csrf, status: 'avslutad', feedback: 'Tack, åtgärdat.' });
  assert.equal(upd.status, 303);
  const after = await srv.api('GET', '/api/v1/deviations/' + id);
  assert.equal(after.json.status, 'avslutad');
  assert.equal(after.json.feedback, 'Tack, åtgärdat.');
});

test('without CSRF → 403 and nothing written', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Ortopedi');
  const res = await web.post('/deviations/new', form(undefined, unit, { ref: 'WEB-NOCSRF', csrf: '' }));
  assert.equal(res.status, 403);
  assert.equal(await countByRef('WEB-NOCSRF'), 0);
});

test('a personnummer in the description → 400 with the message, input kept, nothing written', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Ortopedi');
  const res = await web.post('/deviations/new', form(web.csrf, unit, {
    ref: 'WEB-PNR', description: `Patient ${pnr('850101', '123')} föll.`,
  }));
  assert.equal(res.status, 400);
  assert.match(res.text, /role="alert"[^]*personnummer/i);
  assert.match(res.text, /value="WEB-PNR"/);
  assert.equal(await countByRef('WEB-PNR'), 0);
  const closing = await web.post('/deviations/new', form(web.csrf, unit, { ref: 'WEB-FUTURE', event_date: '2999-01-01' }));
  assert.equal(closing.status, 400);
  assert.equal(await countByRef('WEB-FUTURE'), 0);
});

test('a reader sees no form and gets 403 on POST', async () => {
  const web = await srv.login('lars');
  const d = (await srv.api('GET', '/api/v1/deviations?limit=1')).json.items[0];
  const page = await web.get('/deviations/' + d.id);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<form method="post" action="\/deviations/);
  const list = await web.get('/deviations');
  assert.doesNotMatch(list.text, /href="\/deviations\/new"/);
  const unit = await unitId('Ortopedi');
  const res = await web.post('/deviations/new', form(web.csrf, unit, { ref: 'WEB-READER' }));
  assert.equal(res.status, 403);
  assert.equal(await countByRef('WEB-READER'), 0);
  const st = await web.post(`/deviations/${d.id}/status`, { csrf: web.csrf, status: 'avslutad', feedback: 'x' });
  assert.equal(st.status, 403);
});

test('user text with <script> is shown escaped', async () => {
  const web = await srv.login('anna');
  const unit = await unitId('Ortopedi');
  const res = await web.post('/deviations/new', form(web.csrf, unit, {
    ref: 'WEB-<script>x</script>', category: '<script>alert(1)</script>', description: 'a "<script>alert(2)</script>',
  }));
  assert.equal(res.status, 303);
  const page = await web.get(res.location);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const list = await web.get('/deviations?q=' + encodeURIComponent('<script>'));
  assert.doesNotMatch(list.text, /<script>/);
  assert.match(list.text, /value="&lt;script&gt;"/);
});

test('complaints: the list filters by source with paging, and one complaint shows its fields', async () => {
  const web = await srv.login('anna');
  const all = (await srv.api('GET', '/api/v1/complaints?limit=1')).json;
  const ivo = (await srv.api('GET', '/api/v1/complaints?limit=1&source=IVO')).json.total;
  const page = await web.get('/complaints');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`Visar 1–\\d+ av ${all.total}<`));
  const f = await web.get('/complaints?source=IVO');
  assert.match(f.text, ivo ? new RegExp(`av ${ivo}<`) : /Inga klagomål/);
  const c = all.items[0];
  const one = await web.get('/complaints/' + c.id);
  assert.equal(one.status, 200);
  for (const s of [c.ref, c.source, c.unit, c.category, c.received_date]) assert.ok(one.text.includes(s), 'missing ' + s);
  assert.equal((await web.get('/complaints/99999999')).status, 404);
});
