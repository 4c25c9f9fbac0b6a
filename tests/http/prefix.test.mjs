// prefix.test.mjs — Lots behind a proxy under /lots (`lots serve --prefix
// /lots`): it answers exactly the addresses its own links use, every link
// and redirect carries the prefix, and nothing is served outside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, formLogin, USERS } from './server.mjs';

const srv = useServer({ prefix: '/lots' });

test('pages and the API answer under the prefix', async () => {
  assert.equal((await fetch(srv.base + '/lots/healthz')).status, 200);
  const me = await srv.api('GET', '/lots/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.name, 'anna');
});

test('addresses outside the prefix are not served', async () => {
  for (const path of ['/healthz', '/cases', '/lotsx/healthz', '/lotsx', '/']) {
    const res = await fetch(srv.base + path, { redirect: 'manual' });
    assert.equal(res.status, 404, path);
  }
  const api = await srv.api('GET', '/api/v1/me');
  assert.equal(api.status, 404);
  assert.match(api.json.error, /finns inte/);
});

test('the bare prefix is the start page, which sends a stranger to the prefixed login', async () => {
  const res = await fetch(srv.base + '/lots', { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/lots\/login/);
});

test('after login every link and form on the start page stays under the prefix', async () => {
  const web = await formLogin(srv.base + '/lots', 'anna', USERS.anna.password);
  assert.match(web.loginResponse.location, /^\/lots\//);
  const home = await web.get('/');
  assert.equal(home.status, 200);
  const targets = [...home.text.matchAll(/(?:href|action|src)="(\/[^"]*)"/g)].map((m) => m[1]);
  assert.ok(targets.length > 5, 'the start page has links');
  for (const t of targets) assert.match(t, /^\/lots\//, t);
});
