// The demo year for the pattern tests: `lots pattern demo --seed 3` (the demo
// organisation, a year of deviations and complaints with two planted
// patterns, vårddagar and besök for some units, then a detection), loaded
// once into a test file's server before its first test.
import { beforeEach } from 'node:test';
import { execFileSync } from 'node:child_process';
import { LOTS } from './server.mjs';

export function usePatternDemo(srv) {
  let ready = false;
  beforeEach(() => {
    if (ready) return;
    const env = { ...process.env, LOTS_FAST_HASH: '1' };
    delete env.LOTS_DB;
    execFileSync(LOTS, ['pattern', 'demo', '--seed', '3', '--db', srv.db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    ready = true;
  });
}
