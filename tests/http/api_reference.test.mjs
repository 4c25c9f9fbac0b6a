// The API's reference data on a demo database (`lots init --demo`):
// processes, plan items, bodies; and that the demo cases are listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer({ demo: true });
const get = (path, as) => call(srv, 'GET', path, undefined, 200, as);

test('processes: every origin 1–6 is routed to exactly one process, as the seed says', async () => {
  const { items } = await get('/api/v1/processes');
  assert.deepEqual(items.map((p) => p.key), ['A', 'B', 'C']);
  const routed = items.flatMap((p) => p.origins.map((o) => [o, p.key])).sort((a, b) => a[0] - b[0]);
  assert.deepEqual(routed, [[1, 'A'], [2, 'A'], [3, 'B'], [4, 'B'], [5, 'B'], [6, 'C']]);
  for (const p of items) {
    assert.equal(typeof p.name, 'string');
    assert.equal(typeof p.default, 'boolean');
    assert.ok(Number.isInteger(p.steps) && p.steps >= 3, `${p.key}: steps ${p.steps}`);
    const full = await get(`/api/v1/processes/${p.key}`);
    assert.equal(full.steps.length, p.steps);
    assert.equal(full.steps[0].key, p.first_step);
    assert.equal(full.name, p.name);
  }
  const b = items.find((p) => p.key === 'B');
  assert.equal(b.default, true, 'process B is the seed\'s missing picture: a default to adapt');
});

test('a process tells its steps, checklists, bodies and transitions; each transition leads to a step of it', async () => {
  const a = await get('/api/v1/processes/A');
  const keys = new Set(a.steps.map((s) => s.key));
  for (const s of a.steps) {
    assert.ok(['work', 'anchoring', 'decision', 'final'].includes(s.kind), `${s.key}: kind ${s.kind}`);
    for (const t of s.transitions) assert.ok(keys.has(t.to), `${s.key} → ${t.to}`);
    if (s.kind === 'final') assert.equal(s.transitions.length, 0);
  }
  const texts = a.steps.flatMap((s) => s.checklist.map((c) => c.text));
  for (const want of ['Nulägeskartläggning', 'Gapanalys', 'Behovsanalys', 'Uppföljning'])
    assert.ok(texts.includes(want), `process A's checklist lacks ${want}`);
  const anchoring = a.steps.find((s) => s.kind === 'anchoring');
  for (const body of ['KL HoS', 'PPR', 'Klinisk ledning']) assert.ok(anchoring.consult.includes(body), body);
  assert.ok(a.steps.find((s) => s.kind === 'decision').deciders.includes('SSN'));
  for (const key of ['a', 'AA', 'A%2F..', '%00']) {
    const res = await srv.api('GET', `/api/v1/processes/${key}`);
    assert.equal(res.status, 404, key);
    assert.equal(typeof res.json.error, 'string');
  }
});

test('plan items: the five areas of the strategy for the transition', async () => {
  const { items } = await get('/api/v1/plan-items', 'lars');
  // the demo also holds the implementation plan and others; the strategy's own
  // items are its five areas
  const strategy = items.filter((it) => /^Strategi för hälso- och sjukvårdens omställning/.test(it.plan));
  assert.deepEqual(strategy.map((it) => it.title), ['Nära vård', 'Prioritering', 'Digitalisering',
    'Kvalitetsdriven verksamhetsutveckling och kompetensförsörjning', 'Barnuppdraget']);
  assert.ok(strategy.every((it) => it.kind === 'area'));
  for (const it of items) {
    assert.ok(Number.isInteger(it.id) && it.id > 0);
    assert.equal(typeof it.code, 'string');
    assert.equal(typeof it.plan, 'string');
  }
});

test('bodies: the demo\'s nämnder, råd and funktionsgrupper', async () => {
  const { items } = await get('/api/v1/bodies');
  const ssn = items.find((b) => b.short === 'SSN');
  assert.deepEqual([ssn.name, ssn.kind], ['Strategiska hälso- och sjukvårdsnämnden', 'nämnd']);
  assert.ok(items.some((b) => b.kind === 'funktionsgrupp'));
  assert.equal(new Set(items.map((b) => b.short)).size, items.length);
});

test('demo cases are listed across all three processes', async () => {
  const all = await get('/api/v1/cases?limit=200');
  assert.ok(all.total >= 6, `only ${all.total} demo cases`);
  assert.deepEqual([...new Set(all.items.map((c) => c.process))].sort(), ['A', 'B', 'C']);
  for (const c of all.items) {
    const d = await get(`/api/v1/cases/${c.id}`);
    assert.equal(d.ref, c.ref);
    assert.ok(d.history.length >= 1);
  }
});
