// Working a deviation from its page (issue 4): mark it serious and take the
// mark away, register a händelseanalys with action rows (owner, due date)
// and a Lex Maria report to IVO; each shown on the page afterwards. CSRF and
// the läsare are refused; bad input comes back with core's message naming
// the field, the values kept and nothing written. Runs on `lots init --demo`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';

const srv = useServer({ demo: true });

// A deviation that is neither serious, analysed, reported nor work-related.
async function plainDeviation(skip = []) {
  const list = (await srv.api('GET', '/api/v1/deviations?limit=200&serious=false')).json.items;
  const d = list.find((x) => !x.analyses && !x.lex_maria && x.kind !== 'arbetsrelaterad' && !skip.includes(x.id));
  assert.ok(d, 'no plain deviation in the demo');
  return d;
}
const detail = async (id) => (await srv.api('GET', '/api/v1/deviations/' + id)).json;

test('serious: marked and unmarked through the form; CSRF, the läsare and a bad value refused', async () => {
  const d = await plainDeviation();
  const web = await srv.login('anna');
  const page = await web.get('/deviations/' + d.id);
  assert.match(page.text, new RegExp(`action="/deviations/${d.id}/serious"[^]*Markera som allvarlig händelse`));
  assert.equal((await web.post(`/deviations/${d.id}/serious`, { csrf: '', serious: 'ja' })).status, 403);
  const reader = await srv.login('lars');
  const rpage = await reader.get('/deviations/' + d.id);
  assert.doesNotMatch(rpage.text, /<form method="post" action="\/deviations\//);
  assert.equal((await reader.post(`/deviations/${d.id}/serious`, { csrf: reader.csrf, serious: 'ja' })).status, 403);
  const bad = await web.post(`/deviations/${d.id}/serious`, { csrf: web.csrf, serious: 'kanske' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*serious/);
  assert.equal((await detail(d.id)).serious, false);
  const ok = await web.post(`/deviations/${d.id}/serious`, { csrf: web.csrf, serious: 'ja' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /ok=serious$/);
  const shown = await web.get(ok.location);
  assert.match(shown.text, /Avvikelsen är markerad som allvarlig\./);
  assert.match(shown.text, /<span class="badge serious">Allvarlig<\/span>/);
  assert.equal((await detail(d.id)).serious, true);
  const off = await web.post(`/deviations/${d.id}/serious`, { csrf: web.csrf, serious: 'nej' });
  assert.equal(off.status, 303);
  assert.equal((await detail(d.id)).serious, false);
});

test('händelseanalys: registered with its action rows and shown; a half-filled row is refused with the values kept', async () => {
  const d = await plainDeviation();
  const web = await srv.login('anna');
  const form = {
    csrf: web.csrf, started_on: d.event_date, finished_on: '', event: 'Fel dos gavs vid nattens läkemedelsrunda.',
    causes: 'Ordinationen var otydlig <i>i journalen</i>.', conclusion: '',
    action_1: 'Dubbelkontroll av högriskläkemedel', owner_1: 'Enhetschef Ortopedi', due_1: '2099-06-30',
    action_2: 'Utbildning i ordinationsrutinen', owner_2: '', due_2: '2099-09-30',
    action_3: '', owner_3: '', due_3: '', action_4: '', owner_4: '', due_4: '',
  };
  const bad = await web.post(`/deviations/${d.id}/analyses`, form);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*Åtgärd 2: ansvarig måste fyllas i/);
  assert.match(bad.text, /<details class="work-form" open>/);
  assert.match(bad.text, /name="action_1"[^>]*value="Dubbelkontroll av högriskläkemedel"/);
  assert.match(bad.text, /name="due_2"[^>]*value="2099-09-30"/);
  assert.match(bad.text, /Ordinationen var otydlig &lt;i&gt;i journalen&lt;\/i&gt;\./);
  assert.equal((await detail(d.id)).analyses.length, 0, 'a refused analysis was written');
  const ok = await web.post(`/deviations/${d.id}/analyses`, { ...form, owner_2: 'Verksamhetschef' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /ok=analysis$/);
  const page = await web.get(ok.location);
  assert.match(page.text, /Händelseanalysen är registrerad\./);
  assert.ok(page.text.includes('Händelseanalys påbörjad ' + d.event_date));
  assert.match(page.text, /<td>Dubbelkontroll av högriskläkemedel<\/td><td>Enhetschef Ortopedi<\/td><td><time datetime="2099-06-30">/);
  assert.match(page.text, /<td>Utbildning i ordinationsrutinen<\/td><td>Verksamhetschef<\/td>/);
  const a = (await detail(d.id)).analyses;
  assert.equal(a.length, 1);
  assert.equal(a[0].actions.length, 2);
  assert.equal(a[0].causes, 'Ordinationen var otydlig <i>i journalen</i>.');
});

test('Lex Maria: a date before the event is refused with the values kept; then registered, shown and serious for good', async () => {
  const first = await plainDeviation();
  const d = await plainDeviation([first.id]);
  const web = await srv.login('anna');
  const bad = await web.post(`/deviations/${d.id}/lex-maria`,
    { csrf: web.csrf, sent_on: '2000-01-01', ivo_ref: 'IVO 3.5.1-4711/2026', note: 'Anmäld av chefläkaren.' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /role="alert"[^]*Skickad till IVO: 2000-01-01 är före händelsen/);
  assert.match(bad.text, /id="lm-ivo" name="ivo_ref" maxlength="200" value="IVO 3.5.1-4711\/2026"/);
  assert.equal((await detail(d.id)).lex_maria, null);
  const ok = await web.post(`/deviations/${d.id}/lex-maria`,
    { csrf: web.csrf, sent_on: d.reported_date, ivo_ref: 'IVO 3.5.1-4711/2026', note: 'Anmäld av chefläkaren.' });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /ok=lex-maria$/);
  const page = await web.get(ok.location);
  assert.match(page.text, /Lex Maria-anmälan är registrerad\./);
  assert.match(page.text, new RegExp(`Skickad till IVO</dt><dd><time datetime="${d.reported_date}">`));
  assert.match(page.text, /IVO 3\.5\.1-4711\/2026/);
  assert.doesNotMatch(page.text, /action="\/deviations\/\d+\/lex-maria"/, 'the form is still offered');
  assert.match(page.text, /anmäld enligt Lex Maria och är därför allvarlig/);
  const got = await detail(d.id);
  assert.equal(got.serious, true);
  assert.equal(got.lex_maria.ivo_ref, 'IVO 3.5.1-4711/2026');
  const unmark = await web.post(`/deviations/${d.id}/serious`, { csrf: web.csrf, serious: 'nej' });
  assert.equal(unmark.status, 409);
  assert.match(unmark.text, /role="alert"[^]*Lex Maria/);
  assert.equal((await detail(d.id)).serious, true);
  const again = await web.post(`/deviations/${d.id}/lex-maria`, { csrf: web.csrf, sent_on: d.reported_date });
  assert.equal(again.status, 409);
  assert.equal((await web.post('/deviations/99999999/lex-maria', { csrf: web.csrf, sent_on: d.reported_date })).status, 404);
});
