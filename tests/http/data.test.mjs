// Runs tests/http/cases.txt: request → status and body fragments, as data
// (the format is described at the top of that file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServer } from './server.mjs';
import { createCase } from './walk.mjs';

const file = join(dirname(fileURLToPath(import.meta.url)), 'cases.txt');
const ROLES = { handlaggare: 'anna', lasare: 'lars', admin: 'ada', none: 'none', bad: 'bad' };

// Parses the file into blocks; a malformed block throws naming its line.
export function parseCases(text) {
  const blocks = [];
  let cur = null;
  const finish = () => {
    if (!cur) return;
    if (cur.status === undefined) throw new Error(`cases.txt:${cur.line}: no "=> STATUS" line`);
    blocks.push(cur);
    cur = null;
  };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (line.startsWith('#')) return;
    if (line === '') return finish();
    if (!cur) {
      const m = line.match(/^(GET|POST|PUT|DELETE|PATCH|HEAD) (\S+)(?: as (\w+))?$/);
      if (!m) throw new Error(`cases.txt:${i + 1}: expected "METHOD PATH [as ROLE]", got: ${line}`);
      if (m[3] && !ROLES[m[3]]) throw new Error(`cases.txt:${i + 1}: unknown role ${m[3]}`);
      cur = { line: i + 1, method: m[1], path: m[2], as: ROLES[m[3] ?? 'handlaggare'], body: [], expect: [] };
    } else if (cur.status === undefined) {
      const s = line.match(/^=> (\d{3})$/);
      if (s) cur.status = Number(s[1]);
      else cur.body.push(raw);
    } else {
      cur.expect.push(line);
    }
  });
  finish();
  return blocks;
}

const blocks = parseCases(readFileSync(file, 'utf8'));
const srv = useServer();

test('cases.txt', async (t) => {
  assert.ok(blocks.length >= 20, 'cases.txt has too few cases');
  const first = await createCase(srv, { title: 'Datafilens ärende', origin: 1 });
  assert.equal(first.id, 1, 'the data file expects its case to be case 1');
  for (const b of blocks) {
    const name = `${b.method} ${b.path}${b.as !== 'anna' ? ' as ' + b.as : ''} (cases.txt:${b.line})`;
    await t.test(name, async () => {
      const res = await srv.api(b.method, b.path, b.body.length ? b.body.join('\n') : undefined, b.as);
      assert.equal(res.status, b.status, `${name}: status ${res.status}, want ${b.status}; body: ${res.text}`);
      // JSON is compared decoded (the server escapes non-ASCII as \uXXXX).
      const body = res.json !== undefined ? JSON.stringify(res.json) : res.text;
      for (const frag of b.expect) {
        if (frag === 'json') assert.match(res.headers.get('content-type') ?? '', /^application\/json/, name);
        else if (frag.startsWith('!')) assert.ok(!body.includes(frag.slice(1)), `${name}: must not contain ${frag.slice(1)}\n${body}`);
        else assert.ok(body.includes(frag), `${name}: missing ${frag}\n${body.slice(0, 2000)}`);
      }
    });
  }
});
