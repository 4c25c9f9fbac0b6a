// POST /api/v1/spc: a series in, the control chart out, against a published
// reference series; bad input is a 400 naming the point and field; no token
// is a 401.
//
// Reference: Montgomery's u chart example as a qicharts2 regression fixture
// (../shared/spc-reference/qicharts2_montgomery_tbl_07.10.csv in,
// expected_qicharts2_tbl_07.10_u.csv out; expected.md line 88: CL 0.074,
// UCL 0.1894123, LCL 0, runs 2/7 and 15/6). The directory is
// $LOTS_SPC_REFERENCE or ../shared/spc-reference beside the repository; a
// missing directory fails the test rather than skipping it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServer } from './server.mjs';
import { call } from './walk.mjs';

const srv = useServer();
const refDir = process.env.LOTS_SPC_REFERENCE
  || resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/spc-reference');

// A small CSV reader for the reference files: quoted header, numbers, NA.
function csv(name) {
  let text;
  try { text = readFileSync(join(refDir, name), 'utf8'); } catch (err) {
    throw new Error(`reference file ${name} is missing in ${refDir} (set LOTS_SPC_REFERENCE): ${err.message}`);
  }
  const [head, ...rows] = text.trim().split('\n').map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

const close = (got, want, what) =>
  assert.ok(Math.abs(got - want) <= Math.max(1e-6 * Math.abs(want), 1e-9), `${what}: got ${got}, want ${want}`);

test('a u chart of Montgomery\'s table 7.10 matches qicharts2\'s fixture point by point', async () => {
  const raw = csv('qicharts2_montgomery_tbl_07.10.csv');
  const want = csv('expected_qicharts2_tbl_07.10_u.csv');
  const points = raw.map((r) => ({ x: r.sample, y: Number(r.count), n: Number(r.size) }));
  const got = await call(srv, 'POST', '/api/v1/spc', { chart: 'u', points }, 200);
  assert.equal(got.chart, 'u');
  assert.equal(got.points.length, want.length);
  got.points.forEach((p, i) => {
    assert.equal(p.x, want[i].x);
    for (const k of ['y', 'cl', 'ucl', 'lcl']) close(p[k], Number(want[i][k]), `point ${i + 1} ${k}`);
    assert.equal(p.signal, want[i]['sigma.signal'] === 'TRUE', `point ${i + 1} signal`);
  });
  close(got.points[0].cl, 0.074, 'CL as expected.md states it');
  const w = want[0];
  assert.deepEqual(got.runs, {
    useful: Number(w['n.useful']), longest: Number(w['longest.run']), longest_max: Number(w['longest.run.max']),
    crossings: Number(w['n.crossings']), crossings_min: Number(w['n.crossings.min']), signal: w['runs.signal'] === 'TRUE',
  });
});

test('freeze and screen_mr reach the computation; a run chart has null limits', async () => {
  // Montgomery's loan-processing cost (qicharts2_montgomery_tbl_06.07.csv), I chart frozen at 20:
  // expected_qicharts2_tbl_06.07_i_freeze20.csv, expected.md line 83: 300.5 / 279.7833 / 321.2167, signals 39 and 40.
  const points = csv('qicharts2_montgomery_tbl_06.07.csv').map((r) => ({ x: r.weeks, y: Number(r.cost) }));
  const i = await call(srv, 'POST', '/api/v1/spc', { chart: 'i', freeze: 20, screen_mr: true, points }, 200);
  close(i.points[39].cl, 300.5, 'CL');
  close(i.points[39].ucl, 321.216685330347, 'UCL');
  close(i.points[0].lcl, 279.783314669653, 'LCL');
  assert.deepEqual(i.points.filter((p) => p.signal).map((p) => p.x), ['39', '40']);
  const run = await call(srv, 'POST', '/api/v1/spc', { chart: 'run', points }, 200);
  assert.equal(run.points[0].ucl, null);
  assert.equal(run.points[0].lcl, null);
});

test('bad input is a 400 naming the field or the point, in Swedish', async () => {
  const bad = async (body, re) => {
    const res = await srv.api('POST', '/api/v1/spc', body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
    assert.match(res.json.error, re);
  };
  const pts = [{ x: 'a', y: 2, n: 50 }, { x: 'b', y: 3, n: 50 }, { x: 'c', y: 1, n: 50 }, { x: 'd', y: 4 }];
  await bad({ chart: 'u', points: pts }, /^points\[3\]\.n saknas \(krävs för u-diagram\)/);
  await bad({ chart: 'p', points: [{ x: 'a', y: 2, n: 0 }] }, /points\[0\]\.n måste vara större än 0/);
  await bad({ chart: 'c', points: [{ x: 'a', y: 2 }, { x: 'b', y: 'tre' }] }, /points\[1\]\.y måste vara ett tal/);
  await bad({ chart: 'c', points: [{ x: 'a' }] }, /points\[0\]\.y saknas/);
  await bad({ chart: 'c', points: [{ y: -1 }] }, /points\[0\]\.y får inte vara negativt/);
  await bad({ chart: 'xbar', points: pts }, /'chart'.*run, i, mr, c, u, up, p, pp, g, t/);
  await bad({ points: pts }, /'chart'/);
  await bad({ chart: 'c', points: [] }, /'points'/);
  await bad({ chart: 'c', freeze: 0, points: pts }, /'freeze'/);
  await bad({ chart: 'c', freeze: 9, points: pts }, /Frysningen omfattar 9 punkter/);
  await bad({ chart: 'c', screen_mr: 'ja', points: pts }, /'screen_mr'/);
  await bad('{"chart": "c", "points": [', /Ogiltig JSON/);
});

test('a missing value is a gap: y null is allowed and answered as null', async () => {
  const got = await call(srv, 'POST', '/api/v1/spc',
    { chart: 'c', points: [{ x: '1', y: 4 }, { x: '2', y: null }, { x: '3', y: 6 }] }, 200);
  assert.equal(got.points[1].y, null);
  assert.equal(got.points[1].cl, 5);
});

test('without a token the answer is 401', async () => {
  const res = await srv.api('POST', '/api/v1/spc', { chart: 'c', points: [{ x: '1', y: 4 }] }, 'none');
  assert.equal(res.status, 401);
  assert.equal(typeof res.json.error, 'string');
});

test('a reader may compute a chart: the call stores nothing, so it needs no write permission', async () => {
  const points = [3, 5, 4, 6, 2, 5, 4].map((y, i) => ({ x: String(i + 1), y }));
  const res = await srv.api('POST', '/api/v1/spc', { chart: 'c', points }, 'lars');
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.points.length, 7);
});
