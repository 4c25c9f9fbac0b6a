// tests/http/walk.mjs — working cases through their processes over the API.
// Steps, items and transitions are read from GET /api/v1/processes/{key},
// never written here, so the tests follow edits of the definitions; only
// what the seeds themselves name (Gapanalys, funktionsgrupp, inom mandat,
// Delegation, avdelningsberedning) is looked for by name.
import assert from 'node:assert/strict';

export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// Calls the API and asserts the status; returns the parsed body.
export async function call(srv, method, path, body, status, as) {
  const res = await srv.api(method, path, body, as);
  assert.equal(res.status, status, `${method} ${path} → ${res.status}, want ${status}: ${res.text}`);
  return res.json;
}

export const createCase = (srv, fields) =>
  call(srv, 'POST', '/api/v1/cases', { description: '', ...fields }, 201);
export const detail = (srv, id) => call(srv, 'GET', `/api/v1/cases/${id}`, undefined, 200);

const processes = new WeakMap();
export async function processDef(srv, key) {
  let cache = processes.get(srv);
  if (!cache) processes.set(srv, (cache = {}));
  cache[key] ??= await call(srv, 'GET', `/api/v1/processes/${encodeURIComponent(key)}`, undefined, 200);
  return cache[key];
}

export async function stepDef(srv, c) {
  const def = await processDef(srv, c.process);
  const s = def.steps.find((x) => x.key === c.step);
  assert.ok(s, `step ${c.step} is not in process ${c.process}`);
  return s;
}

// Does what the current step asks: its required checklist items, one
// consultation in an anchoring step, a decision in a decision step.
export async function completeStep(srv, id) {
  const d = await detail(srv, id);
  const s = await stepDef(srv, d);
  for (const it of d.checklist)
    if (it.required && it.state === 'open')
      await call(srv, 'POST', `/api/v1/cases/${id}/checklist`, { item: it.item, state: 'done', note: 'Klart.' }, 200);
  if (d.step_kind === 'anchoring' && !d.consultations.some((k) => k.step === d.step)) {
    assert.ok(s.consult.length, `anchoring step ${s.key} names no body to consult`);
    await call(srv, 'POST', `/api/v1/cases/${id}/consultations`,
      { body: s.consult[0], answer: 'tillstyrker', date: today(), note: 'Inga invändningar.' }, 201);
  }
  if (d.step_kind === 'decision' && !d.decisions.some((k) => k.step === d.step)) {
    assert.ok(s.deciders.length, `decision step ${s.key} names no decider`);
    await call(srv, 'POST', `/api/v1/cases/${id}/decisions`,
      { body: s.deciders[0], date: today(), paragraph: '§ 1', text: 'Beslut enligt förslaget.' }, 201);
  }
}

// The forward path (step keys, excluding `from`) from one step to another.
export function pathBetween(def, from, to) {
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const k = queue.shift();
    if (k === to) break;
    for (const t of def.steps.find((s) => s.key === k).transitions)
      if (!t.back && !prev.has(t.to)) { prev.set(t.to, k); queue.push(t.to); }
  }
  if (!prev.has(to)) return null;
  const path = [];
  for (let k = to; k !== from; k = prev.get(k)) path.unshift(k);
  return path;
}

// Completes steps and moves forward until the case stands in `target`.
export async function walkTo(srv, id, target) {
  let d = await detail(srv, id);
  const def = await processDef(srv, d.process);
  const path = pathBetween(def, d.step, target);
  assert.ok(path, `no forward path from ${d.step} to ${target} in process ${d.process}`);
  for (const next of path) {
    await completeStep(srv, id);
    d = await call(srv, 'POST', `/api/v1/cases/${id}/transitions`, { to: next, note: 'Vidare enligt plan.' }, 200);
    assert.equal(d.step, next);
  }
  return d;
}

// The first step (in walking order from the start) that satisfies pred.
export function findStep(def, pred) {
  return def.steps.find((s) => pathBetween(def, def.steps[0].key, s.key) && pred(s));
}
