// The HTML side as a browser meets it, through the login form: sessions,
// CSRF refusal, escaping of user text, the läsare's limits, logging out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, browser } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer();
const total = async () => (await call(srv, 'GET', '/api/v1/cases', undefined, 200)).total;
const newCase = (csrf, title = 'Från formuläret') => ({ title, description: 'Skrivet i webbläsaren.', origin: '1', csrf });

test('without a session every page redirects to the login form', async () => {
  const b = browser(srv.base);
  for (const path of ['/', '/cases', '/cases/new', '/processes']) {
    const res = await b.get(path);
    assert.equal(res.status, 303, path);
    assert.match(res.location, /\/login\?next=/, path);
  }
  const form = await b.get('/login');
  assert.equal(form.status, 200);
  assert.match(form.text, /<form[^>]+method="post"/);
  assert.ok(b.jar.lots_csrf, 'no lots_csrf cookie for the login form');
});

test('a wrong password gets 401 and the message, and no session', async () => {
  const b = browser(srv.base);
  const form = await b.get('/login');
  const csrf = form.text.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  const res = await b.post('/login', { name: 'anna', password: 'fel-losenord-123', csrf });
  assert.equal(res.status, 401);
  assert.match(res.text, /Fel användarnamn eller lösenord/);
  assert.match(res.text, /value="anna"/, 'the name typed is not kept');
  assert.equal(b.jar.lots_session, undefined);
  const unknown = await b.post('/login', { name: 'ingen', password: 'fel-losenord-123', csrf });
  assert.equal(unknown.status, 401);
  assert.match(unknown.text, /Fel användarnamn eller lösenord/);
  const noCsrf = await b.post('/login', { name: 'anna', password: 'anna-losenord-1' });
  assert.equal(noCsrf.status, 403);
  assert.equal(b.jar.lots_session, undefined);
});

test('logging in sets an HttpOnly session cookie and shows the start page', async () => {
  const web = await srv.login('anna');
  const setCookie = web.loginResponse.headers.getSetCookie().find((c) => c.startsWith('lots_session='));
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=(Lax|Strict)/);
  const home = await web.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /Anna Berg/);
  assert.ok(web.csrf, 'the page has no CSRF field');
});

test('POST /cases/new without or with a wrong CSRF token is refused with 403 and creates nothing', async () => {
  const web = await srv.login('anna');
  const before = await total();
  for (const csrf of [undefined, '', 'f'.repeat(64), web.csrf.slice(0, 63)]) {
    const fields = newCase(csrf);
    if (csrf === undefined) delete fields.csrf;
    const res = await web.post('/cases/new', fields);
    assert.equal(res.status, 403, `csrf ${csrf}`);
    assert.match(res.text, /CSRF/);
  }
  // another session's token is not this session's
  const other = await srv.login('erik');
  const res = await web.post('/cases/new', newCase(other.csrf));
  assert.equal(res.status, 403);
  assert.equal(await total(), before);
});

test('POST /cases/new with the right token registers the case and redirects to it', async () => {
  const web = await srv.login('anna');
  const before = await total();
  const res = await web.post('/cases/new', newCase(web.csrf, 'Registrerat i webben'));
  assert.equal(res.status, 303);
  const m = res.location.match(/\/cases\/(\d+)(\?|$)/);
  assert.ok(m, `redirected to ${res.location}`);
  assert.equal(await total(), before + 1);
  const c = await call(srv, 'GET', `/api/v1/cases/${m[1]}`, undefined, 200);
  assert.deepEqual([c.title, c.origin, c.process, c.created_by], ['Registrerat i webben', 1, 'A', 'Anna Berg']);
  const page = await web.get(`/cases/${m[1]}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(c.ref));
  assert.ok(page.text.includes('Registrerat i webben'));
});

test('a title with markup is shown escaped on the case page and in the list, never as a tag', async () => {
  const web = await srv.login('anna');
  const title = '<script>alert(1)</script> & "citat"';
  const c = await call(srv, 'POST', '/api/v1/cases', { title, description: '<img src=x onerror=alert(2)>', origin: 3 }, 201);
  assert.equal(c.title, title, 'the API does not keep the title as typed');
  const page = await web.get(`/cases/${c.id}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the case page does not show the escaped title');
  assert.ok(!page.text.includes('<script>alert(1)'), 'the case page contains the raw script tag');
  assert.ok(!page.text.includes('<img src=x'), 'the case page contains the raw img tag');
  const list = await web.get('/cases?q=' + encodeURIComponent('alert(1)'));
  assert.equal(list.status, 200);
  assert.ok(list.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the list does not show the escaped title');
  assert.ok(!list.text.includes('<script>alert(1)'), 'the list contains the raw script tag');
  // a form re-shown after a refusal keeps the text, escaped
  const refused = await web.post('/cases/new', { title: '<b>fet</b> 19121212-1212', origin: '1', csrf: web.csrf });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /personnummer/);
  assert.ok(!refused.text.includes('<b>fet</b>'));
});

test('a läsare logged in through the form reads but gets 403 on POST /cases/new', async () => {
  const web = await srv.login('lars');
  const before = await total();
  assert.equal((await web.get('/cases')).status, 200);
  const res = await web.post('/cases/new', newCase(web.csrf, 'Läsarens försök'));
  assert.equal(res.status, 403);
  assert.match(res.text, /läsare/);
  assert.equal(await total(), before);
});

test('logging out ends the session: the old cookie leads to the login form again', async () => {
  const web = await srv.login('anna');
  const sid = web.jar.lots_session;
  const out = await web.post('/logout', { csrf: web.csrf });
  assert.equal(out.status, 303);
  assert.match(out.location, /\/login/);
  assert.equal(web.jar.lots_session, undefined, 'the session cookie was not cleared');
  const old = await fetch(srv.base + '/', { headers: { Cookie: `lots_session=${sid}` }, redirect: 'manual' });
  assert.equal(old.status, 303);
  assert.match(old.headers.get('location'), /\/login/);
  const post = await fetch(srv.base + '/cases/new', {
    method: 'POST', redirect: 'manual',
    headers: { Cookie: `lots_session=${sid}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(newCase(web.csrf)).toString(),
  });
  assert.ok([401, 403].includes(post.status), `POST with the old session → ${post.status}`);
});
