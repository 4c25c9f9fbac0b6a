// Working a case through its process over the API: checklist answers,
// transitions and what blocks them, links to plan items, förankring, beslut,
// and process C's branch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { call, createCase, detail, processDef, walkTo, findStep, completeStep, today } from './walk.mjs';

const srv = useServer();
const post = (id, what, body, status) => call(srv, 'POST', `/api/v1/cases/${id}/${what}`, body, status);

// Process A's step with the Gapanalys item (beredning, in the seed's words).
async function gapStep() {
  const def = await processDef(srv, 'A');
  const s = findStep(def, (x) => x.checklist.some((it) => /gapanalys/i.test(it.text) && it.required));
  assert.ok(s, 'process A has no step with a required Gapanalys item');
  return s;
}

test('checklist: done, and na with a note, are recorded with who; na without a note changes nothing', async () => {
  const s = await gapStep();
  const c = await createCase(srv, { title: 'Checklista', origin: 1 });
  await walkTo(srv, c.id, s.key);
  const gap = s.checklist.find((it) => /gapanalys/i.test(it.text));
  let res = await srv.api('POST', `/api/v1/cases/${c.id}/checklist`, { item: gap.key, state: 'na' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /Gapanalys/);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/checklist`, { item: gap.key, state: 'na', note: '   ' });
  assert.equal(res.status, 400);
  let d = await detail(srv, c.id);
  assert.equal(d.checklist.find((it) => it.item === gap.key).state, 'open');
  const events = d.history.length;

  d = await post(c.id, 'checklist', { item: gap.key, state: 'na', note: 'Gjord nationellt.' }, 200);
  const entry = d.checklist.find((it) => it.item === gap.key);
  assert.deepEqual([entry.state, entry.note, entry.updated_by], ['na', 'Gjord nationellt.', 'Anna Berg']);
  assert.equal(d.history.length, events + 1);
  assert.match(d.history.at(-1).what, /Gapanalys/);

  d = await post(c.id, 'checklist', { item: gap.key, state: 'done' }, 200);
  assert.equal(d.checklist.find((it) => it.item === gap.key).state, 'done');
  d = await post(c.id, 'checklist', { item: gap.key, state: 'open' }, 200);
  assert.equal(d.checklist.find((it) => it.item === gap.key).state, 'open');

  for (const [body, re] of [[{ item: 'finns_inte', state: 'done' }, /finns_inte/], [{ item: gap.key, state: 'klar' }, /open, done eller na/],
    [{ item: gap.key }, /'state'/], [{ state: 'done' }, /'item'/], [{ item: 5, state: 'done' }, /'item'/],
    [{ item: gap.key, state: 'done', note: 7 }, /'note'/]]) {
    res = await srv.api('POST', `/api/v1/cases/${c.id}/checklist`, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(res.json.error, re);
  }
  res = await srv.api('POST', `/api/v1/cases/${c.id}/checklist`, '{"item":');
  assert.equal(res.status, 400);
  d = await detail(srv, c.id);
  assert.equal(d.history.length, events + 3);
});

test('a transition is blocked (409) naming the open required items; once answered it moves, with who and why in the history', async () => {
  const s = await gapStep();
  const c = await createCase(srv, { title: 'Blockerad övergång', origin: 2 });
  let d = await walkTo(srv, c.id, s.key);
  const forward = s.transitions.find((t) => !t.back && !t.needs_note);
  const required = s.checklist.filter((it) => it.required);

  const shown = d.transitions.find((t) => t.to === forward.to);
  assert.equal(shown.open, false);
  assert.match(shown.blocked_by, /Gapanalys/);

  let res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: forward.to, note: 'Försök' });
  assert.equal(res.status, 409);
  for (const it of required) assert.ok(res.json.error.includes(it.text), `409 does not name '${it.text}': ${res.json.error}`);
  assert.equal((await detail(srv, c.id)).step, s.key);

  // answer all but one: still blocked, and only that one is named
  for (const it of required.slice(1)) await post(c.id, 'checklist', { item: it.item ?? it.key, state: 'done' }, 200);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: forward.to });
  assert.equal(res.status, 409);
  assert.ok(res.json.error.includes(required[0].text));
  assert.ok(!res.json.error.includes(required[1].text), res.json.error);

  await post(c.id, 'checklist', { item: required[0].key, state: 'na', note: 'Ingår i annat ärende.' }, 200);
  d = await post(c.id, 'transitions', { to: forward.to, note: 'Beredningen är klar.' }, 200);
  assert.equal(d.step, forward.to);
  const last = d.history.at(-1);
  assert.equal(last.kind, 'transition');
  assert.equal(last.by, 'Anna Berg');
  assert.equal(last.why, 'Beredningen är klar.');
  assert.ok(last.what.includes(s.name), last.what);

  // a step the process does not have is bad input (400); a real step with no
  // transition from here is refused by the rules (409)
  res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: 'finns_inte' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /finns_inte/);
  const proc = (await srv.api('GET', `/api/v1/processes/${d.process}`)).json;
  const unreachable = proc.steps.find((x) => x.key !== d.step && !d.transitions.some((t) => t.to === x.key));
  res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: unreachable.key });
  assert.equal(res.status, 409);
  assert.ok(res.json.error.includes(unreachable.name), res.json.error);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: 3 });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /'to'/);
});

test('a transition that needs a note is refused without one', async () => {
  const def = await processDef(srv, 'A');
  const s = findStep(def, (x) => x.transitions.some((t) => t.needs_note && t.back));
  const back = s.transitions.find((t) => t.needs_note && t.back);
  const c = await createCase(srv, { title: 'Tillbaka', origin: 1 });
  await walkTo(srv, c.id, s.key);
  const res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: back.to });
  assert.equal(res.status, 409);
  assert.equal((await detail(srv, c.id)).step, s.key);
  const d = await post(c.id, 'transitions', { to: back.to, note: 'Fel fördelat.' }, 200);
  assert.equal(d.step, back.to);
});

test('links to plan items show on the case; a second link to the same item is a conflict', async () => {
  const items = (await call(srv, 'GET', '/api/v1/plan-items', undefined, 200)).items;
  assert.ok(items.length >= 5);
  const nv = items.find((it) => it.title === 'Nära vård');
  assert.ok(nv, 'no plan item Nära vård');
  const c = await createCase(srv, { title: 'Koppling', origin: 1 });
  const d = await post(c.id, 'links', { plan_item: nv.id, note: 'Berör primärvården.' }, 201);
  assert.deepEqual(d.links.map((l) => [l.plan_item, l.code, l.title, l.note]), [[nv.id, nv.code, 'Nära vård', 'Berör primärvården.']]);
  assert.match(d.history.at(-1).what, /Nära vård/);
  let res = await srv.api('POST', `/api/v1/cases/${c.id}/links`, { plan_item: nv.id });
  assert.equal(res.status, 409);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/links`, { plan_item: 999999 });
  assert.equal(res.status, 400);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/links`, { plan_item: String(nv.id) });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /'plan_item'/);
  assert.equal((await detail(srv, c.id)).links.length, 1);
});

test('förankring and beslut are recorded with body, date and § and shown; the decision step waits for the decision', async () => {
  const def = await processDef(srv, 'A');
  const anchor = findStep(def, (s) => s.kind === 'anchoring');
  const decide = findStep(def, (s) => s.kind === 'decision');
  assert.ok(anchor && decide);
  const c = await createCase(srv, { title: 'Till nämnden', origin: 1 });

  // neither is possible in a work step
  let res = await srv.api('POST', `/api/v1/cases/${c.id}/consultations`,
    { body: anchor.consult[0], answer: 'tillstyrker', date: today() });
  assert.equal(res.status, 409);
  assert.match(res.json.error, /förankringssteg/);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/decisions`, { body: decide.deciders[0], date: today(), text: 'x' });
  assert.equal(res.status, 409);

  await walkTo(srv, c.id, anchor.key);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/consultations`,
    { body: anchor.consult[0], answer: 'ja', date: today() });
  assert.equal(res.status, 400);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/consultations`,
    { body: anchor.consult[0], answer: 'tillstyrker', date: '2026-13-01' });
  assert.equal(res.status, 400);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/consultations`, { body: anchor.consult[0], answer: 'tillstyrker' });
  assert.equal(res.status, 400);
  assert.match(res.json.error, /'date'/);
  let d = await post(c.id, 'consultations',
    { body: anchor.consult[0], answer: 'tillstyrker_med_andring', date: '2026-03-02', note: 'Förtydliga uppföljningen.' }, 201);
  assert.deepEqual(d.consultations.map((k) => [k.body, k.answer, k.date, k.note, k.by]),
    [[anchor.consult[0], 'tillstyrker_med_andring', '2026-03-02', 'Förtydliga uppföljningen.', 'Anna Berg']]);

  d = await walkTo(srv, c.id, decide.key);
  assert.equal(d.step_kind, 'decision');
  const onward = decide.transitions.find((t) => t.needs_decision);
  assert.ok(onward, `decision step ${decide.key} has no transition needing a decision`);
  assert.equal(d.transitions.find((t) => t.to === onward.to).open, false);
  res = await srv.api('POST', `/api/v1/cases/${c.id}/transitions`, { to: onward.to, note: 'För tidigt' });
  assert.equal(res.status, 409);
  assert.match(res.json.error, /beslut/i);

  res = await srv.api('POST', `/api/v1/cases/${c.id}/decisions`, { body: 'Fel organ', date: today(), text: 'x' });
  assert.equal(res.status, 400);
  assert.ok(res.json.error.includes(decide.deciders[0]), 'the refusal does not list the allowed deciders');
  d = await post(c.id, 'decisions',
    { body: decide.deciders[0], date: '2026-04-15', paragraph: '§ 61', text: 'Nämnden beslutar enligt förslaget.' }, 201);
  assert.deepEqual(d.decisions.map((k) => [k.body, k.date, k.paragraph, k.text]),
    [[decide.deciders[0], '2026-04-15', '§ 61', 'Nämnden beslutar enligt förslaget.']]);
  assert.match(d.history.at(-1).what, /§ 61/);
  d = await detail(srv, c.id);
  assert.equal(d.decisions[0].paragraph, '§ 61');
  assert.equal(d.consultations.length, 1);
  assert.equal(d.transitions.find((t) => t.to === onward.to).open, true);
  d = await post(c.id, 'transitions', { to: onward.to, note: 'Beslutat.' }, 200);
  assert.equal(d.step, onward.to);
});

test('process C branches at the funktionsgrupp: within mandate to a delegation decision, or to avdelningsberedning', async () => {
  const def = await processDef(srv, 'C');
  const fg = def.steps.find((s) => /funktionsgrupp/i.test(s.key + s.name) &&
    s.transitions.filter((t) => !t.back).length >= 2);
  assert.ok(fg, 'process C has no funktionsgrupp step with a branch');
  const within = fg.transitions.find((t) => !t.back && /mandat/i.test(`${t.label} ${t.when}`));
  const dept = fg.transitions.find((t) => !t.back && t !== within);
  assert.ok(within && dept);
  assert.match(dept.to + def.steps.find((s) => s.key === dept.to).name, /avdelningsberedning|beredning på avdelning/i);

  const a = await createCase(srv, { title: 'Signal: väntetider i flera förvaltningar', origin: 6 });
  let d = await walkTo(srv, a.id, fg.key);
  const listed = d.transitions.filter((t) => !t.back).map((t) => t.to);
  assert.ok(listed.includes(within.to) && listed.includes(dept.to), `both branches are not listed: ${listed}`);
  assert.ok(d.transitions.find((t) => t.to === within.to).when, 'the branch does not say when to choose it');

  d = await walkTo(srv, a.id, within.to);
  while (d.step_kind !== 'decision') {
    const next = d.transitions.find((t) => !t.back);
    assert.ok(next, `no way forward from ${d.step}`);
    d = await walkTo(srv, a.id, next.to);
  }
  const decisionStep = def.steps.find((s) => s.key === d.step);
  assert.ok(decisionStep.deciders.includes('Delegation'), `deciders: ${decisionStep.deciders}`);
  d = await post(a.id, 'decisions', { body: 'Delegation', date: today(), paragraph: '', text: 'Beslut inom mandat.' }, 201);
  assert.equal(d.decisions[0].body, 'Delegation');

  const b = await createCase(srv, { title: 'Signal: brister i uppföljning', origin: 6 });
  await walkTo(srv, b.id, fg.key);
  await completeStep(srv, b.id);
  d = await post(b.id, 'transitions', { to: dept.to, note: 'Kräver beredning.' }, 200);
  assert.equal(d.step, dept.to);
});
