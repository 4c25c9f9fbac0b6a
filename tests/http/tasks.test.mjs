// Tasks the organisation leaves for a person reach that person's start page:
// in the demo, Laxå's municipal representative has left LAG Demens, so its
// metodstöd (Maja Ek) is told to agree a successor with the chair. An account
// linked to her person (lots user link) sees it under "Mina uppgifter" and
// can mark it done; an administrator sees every open task; others see none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServer, LOTS, csrfIn } from './server.mjs';

const srv = useServer({ demo: true });

function lots(...args) {
  return execFileSync(LOTS, [...args, '--db', srv.db], {
    env: { ...process.env, LOTS_FAST_HASH: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

function personId(name) {
  // the person is a member of LAG Demens; read its id from the group API
  return srv.api('GET', '/api/v1/groups', undefined, 'anna').then(async (res) => {
    const lag = res.json.items.find((g) => g.name === 'LAG Demens');
    const detail = await srv.api('GET', `/api/v1/groups/${lag.id}`, undefined, 'anna');
    const m = [...detail.json.members, ...(detail.json.former ?? [])].find((x) => x.person === name || x.name === name);
    return m.person_id ?? m.id;
  });
}

test('an administrator sees every open task of the organisation, with whom it is for; a reader cannot mark one done', async () => {
  const ada = await srv.login('ada');
  const home = await ada.get('/');
  assert.match(home.text, /<h2[^>]*>Öppna uppgifter i organisationen<\/h2>/);
  assert.match(home.text, /har lämnat LAG Demens.*– Maja Ek/s);
  assert.doesNotMatch(home.text, /Mina uppgifter/, 'ada is no person of the organisation');
  const lars = await srv.login('lars');
  const larsHome = await lars.get('/');
  assert.doesNotMatch(larsHome.text, /action="\/tasks\//, 'a reader is offered no button');
  const res = await lars.post('/tasks/1/done', { csrf: csrfIn(larsHome.text) });
  assert.equal(res.status, 403);
});

test('the metodstöd sees her task on her start page and marks it done', async () => {
  const maja = await personId('Maja Ek');
  // the demo links maja.ek already; link erik to her instead to prove the link is what counts
  lots('user', 'link', 'maja.ek', '--person', '0');
  lots('user', 'link', 'erik', '--person', String(maja));

  const erik = await srv.login('erik');
  let home = await erik.get('/');
  assert.match(home.text, /<h2[^>]*>Mina uppgifter<\/h2>/);
  assert.match(home.text, /Ingrid Holm, kommunal representant för Laxå kommun, har lämnat LAG Demens/);
  assert.match(home.text, /Stäm av med ordförande/);

  const anna = await srv.login('anna');
  const annaHome = await anna.get('/');
  assert.doesNotMatch(annaHome.text, /Mina uppgifter|har lämnat LAG Demens/, 'a person without tasks sees none');

  const action = home.text.match(/action="(\/tasks\/\d+\/done)"/)[1];
  const done = await erik.post(action, { csrf: csrfIn(home.text) });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/?ok=taskdone');
  home = await erik.get(done.location);
  assert.match(home.text, /Uppgiften är markerad som klar/);
  assert.match(home.text, /Inga öppna uppgifter/);
  assert.doesNotMatch(home.text, /har lämnat LAG Demens/);

  const again = await erik.post(action, { csrf: csrfIn(home.text) });
  assert.equal(again.status, 409, 'a task is done once');
});

test('lots user link refuses an unknown person and a person who already has an account', () => {
  assert.throws(() => lots('user', 'link', 'anna', '--person', '999999'), /finns inte/);
});
