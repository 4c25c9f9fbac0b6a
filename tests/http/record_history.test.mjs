// The history of deviations and complaints: a status changed through the
// page's form shows on the page's folded Historik section (newest first,
// with who and what) and in the API's "history"; the registration of a demo
// record is the system's event; a refused change adds no line; a läsare
// sees the history too. Runs on `lots init --demo`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';

const srv = useServer({ demo: true });

async function first(kind, status) {
  const res = await srv.api('GET', `/api/v1/${kind}?limit=1&status=${encodeURIComponent(status)}`);
  assert.equal(res.status, 200);
  assert.ok(res.json.items.length, `no ${status} ${kind} in the demo`);
  return res.json.items[0];
}

function historyOf(text) {
  const m = text.match(/<section id="historik"[^]*?<\/section>/);
  assert.ok(m, 'no Historik section');
  return m[0];
}

test('a deviation status changed through the form: one line on the page and in the API, by Anna', async () => {
  const d = await first('deviations', 'registrerad');
  const before = await srv.api('GET', `/api/v1/deviations/${d.id}`);
  assert.deepEqual(before.json.history.map((h) => [h.user, h.what, h.detail]), [[null, 'registered', 'Registrerad']]);
  const web = await srv.login('anna');
  // refused (closing without feedback): no line
  const bad = await web.post(`/deviations/${d.id}/status`, { csrf: web.csrf, status: 'avslutad', feedback: '' });
  assert.equal(bad.status, 409);
  const ok = await web.post(`/deviations/${d.id}/status`, { csrf: web.csrf, status: 'under utredning', feedback: '' });
  assert.equal(ok.status, 303);
  const page = historyOf((await web.get(`/deviations/${d.id}`)).text);
  assert.match(page, /<h2 id="h-history">Historik<\/h2><details class="history"><summary>Visa historiken \(2 händelser\)/);
  const lines = [...page.matchAll(/<span class="who">([^<]*)<\/span><\/p><p class="what">([^<]*)<\/p>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(lines, [['Anna Berg', 'Status: registrerad → under utredning'], ['Systemet', 'Registrerad']]);
  const after = await srv.api('GET', `/api/v1/deviations/${d.id}`, undefined, 'lars');
  assert.equal(after.json.history.length, 2);
  assert.deepEqual([after.json.history[0].user, after.json.history[0].what, after.json.history[0].detail],
    ['Anna Berg', 'status', 'Status: registrerad → under utredning']);
  assert.match(after.json.history[0].at, /^\d{4}-\d\d-\d\dT/);
  // the same status again changes nothing and adds no line
  await web.post(`/deviations/${d.id}/status`, { csrf: web.csrf, status: 'under utredning', feedback: '' });
  assert.equal((await srv.api('GET', `/api/v1/deviations/${d.id}`)).json.history.length, 2);
});

test('a complaint status changed through the form shows on its page and in the API; a läsare sees it', async () => {
  const c = await first('complaints', 'registrerat');
  const web = await srv.login('anna');
  const ok = await web.post(`/complaints/${c.id}/status`,
    { csrf: web.csrf, status: 'besvarat', closed_date: '', answer: 'Vi har pratat med avdelningen.' });
  assert.equal(ok.status, 303);
  const lars = await srv.login('lars');
  const page = historyOf((await lars.get(`/complaints/${c.id}`)).text);
  assert.match(page, /<span class="who">Anna Berg<\/span><\/p><p class="what">Status: registrerat → besvarat; Svar till den klagande ifyllt<\/p>/);
  const api = await srv.api('GET', `/api/v1/complaints/${c.id}`);
  assert.deepEqual(api.json.history.map((h) => h.what), ['status', 'registered']);
});
