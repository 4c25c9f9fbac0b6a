// Who may do what over the API: no token or a bad one is 401, a läsare reads
// but every write is refused with 403 and leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { call, createCase, detail } from './walk.mjs';

const srv = useServer();
const total = async () => (await call(srv, 'GET', '/api/v1/cases', undefined, 200)).total;

test('no token, a malformed header or an unknown token answers 401 JSON and writes nothing', async () => {
  const before = await total();
  for (const as of ['none', 'bad']) {
    for (const [method, path, body] of [['GET', '/api/v1/cases'], ['GET', '/api/v1/me'],
      ['POST', '/api/v1/cases', { title: 'Obehörig', origin: 1 }]]) {
      const res = await srv.api(method, path, body, as);
      assert.equal(res.status, 401, `${as} ${method} ${path}`);
      assert.match(res.headers.get('content-type'), /application\/json/);
      assert.equal(typeof res.json.error, 'string');
    }
  }
  const none = await srv.api('GET', '/api/v1/me', undefined, 'none');
  assert.match(none.json.error, /Authorization: Bearer/);
  for (const auth of [`Basic ${srv.tokens.anna}`, srv.tokens.anna, `Bearer ${srv.tokens.anna}x`, 'Bearer ']) {
    const res = await fetch(srv.base + '/api/v1/me', { headers: { Authorization: auth } });
    assert.equal(res.status, 401, auth);
  }
  assert.equal(await total(), before);
});

test('a session cookie is not an API credential', async () => {
  const web = await srv.login('anna');
  const res = await fetch(srv.base + '/api/v1/me', { headers: { Cookie: `lots_session=${web.jar.lots_session}` } });
  assert.equal(res.status, 401);
});

test('me tells who the token belongs to', async () => {
  const anna = await call(srv, 'GET', '/api/v1/me', undefined, 200, 'anna');
  assert.deepEqual([anna.name, anna.display_name, anna.role], ['anna', 'Anna Berg', 'handlaggare']);
  const lars = await call(srv, 'GET', '/api/v1/me', undefined, 200, 'lars');
  assert.deepEqual([lars.name, lars.display_name, lars.role], ['lars', 'Lars Läsare', 'lasare']);
  const admin = await call(srv, 'GET', '/api/v1/me', undefined, 200, 'ada');
  assert.equal(admin.role, 'admin');
});

test('a läsare reads everything and changes nothing', async () => {
  const c = await createCase(srv, { title: 'Läsbart ärende', origin: 1 });
  const before = await total();
  const list = await call(srv, 'GET', '/api/v1/cases', undefined, 200, 'lars');
  assert.equal(list.total, before);
  const d = await call(srv, 'GET', `/api/v1/cases/${c.id}`, undefined, 200, 'lars');
  assert.equal(d.title, 'Läsbart ärende');
  for (const path of ['/api/v1/processes', '/api/v1/processes/A', '/api/v1/plan-items', '/api/v1/bodies'])
    await call(srv, 'GET', path, undefined, 200, 'lars');

  const item = d.checklist[0].item;
  const writes = [
    ['/api/v1/cases', { title: 'Av läsaren', origin: 1 }],
    [`/api/v1/cases/${c.id}/checklist`, { item, state: 'done' }],
    [`/api/v1/cases/${c.id}/transitions`, { to: d.transitions[0].to, note: 'x' }],
    [`/api/v1/cases/${c.id}/links`, { plan_item: 1 }],
    [`/api/v1/cases/${c.id}/consultations`, { body: 'PPR', answer: 'tillstyrker', date: '2026-01-01' }],
    [`/api/v1/cases/${c.id}/decisions`, { body: 'SSN', date: '2026-01-01', text: 'x' }],
  ];
  for (const [path, body] of writes) {
    const res = await srv.api('POST', path, body, 'lars');
    assert.equal(res.status, 403, path);
    assert.match(res.json.error, /läsare/);
  }
  assert.equal(await total(), before);
  const after = await detail(srv, c.id);
  assert.deepEqual(after, d, 'the case changed after the läsare\'s refused writes');
});
