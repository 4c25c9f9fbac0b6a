// tests/http/server.mjs — the real Lots server on a loopback port, for the
// HTTP tests (node --test). Each test file starts its own server on its own
// database in a fresh temporary directory, so files never see each other's
// data and may run in parallel.
//
//   const srv = useServer();            // before/after hooks of node:test
//   const res = await srv.api('POST', '/api/v1/cases', {...});           // as anna
//   const res = await srv.api('GET', '/api/v1/cases', undefined, 'lars'); // as the läsare
//   const web = await srv.login('anna');  // a browser-like session (cookies, CSRF)
//
// The binary is $LOTS_BIN (default build/release/lots). The server's stderr
// is watched: a sanitizer report (ASan, UBSan, LSan) fails the test during
// which it appeared, and one written at shutdown fails the file.
import { before, after, afterEach } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const LOTS = resolve(process.env.LOTS_BIN || join(here, '../../build/release/lots'));

// The people every server has. Passwords are ≥ 10 characters (core's rule).
export const USERS = {
  anna: { role: 'handlaggare', display: 'Anna Berg', password: 'anna-losenord-1' },
  erik: { role: 'handlaggare', display: 'Erik Lind', password: 'erik-losenord-1' },
  lars: { role: 'lasare', display: 'Lars Läsare', password: 'lars-losenord-1' },
  ada: { role: 'admin', display: 'Ada Admin', password: 'ada-losenord-12' },
};

const SANITIZER = /runtime error|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer/;

function childEnv() {
  const env = { ...process.env, LOTS_FAST_HASH: '1' };
  delete env.LOTS_DB;
  delete env.LOTS_USER;
  delete env.LOTS_PROCESSES;
  delete env.LOTS_RULES;
  return env;
}

function lots(args, input) {
  try {
    return execFileSync(LOTS, args, { env: childEnv(), input: input ?? '', stdio: ['pipe', 'pipe', 'pipe'] }).toString();
  } catch (err) {
    throw new Error(`lots ${args.join(" ")} failed (${err.status ?? err.message}): ${err.stderr}`);
  }
}

// Starts a server on a new database. demo: load `lots init --demo` first
// (bodies, demo people and cases). prefix: serve under it (`--prefix`); base
// stays the bare origin, so tests write the prefix into their paths.
export async function startServer({ demo = false, prefix = '' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lots-http-'));
  const db = join(dir, 'lots.db');
  lots(['init', '--db', db, ...(demo ? ['--demo'] : [])]);
  const tokens = {};
  for (const [name, u] of Object.entries(USERS)) {
    lots(['user', 'add', name, '--role', u.role, '--display-name', u.display, '--password-stdin', '--db', db],
      u.password + '\n');
    tokens[name] = lots(['token', 'new', name, '--db', db]).trim();
  }
  const proc = spawn(LOTS, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...(prefix ? ['--prefix', prefix] : [])], {
    env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '', checked = 0, exited = null;
  proc.stderr.on('data', (d) => { stderr += d; });
  const exit = new Promise((res) => proc.on('exit', (code, signal) => { exited = { code, signal }; res(exited); }));
  const base = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error('the server did not start in 15 s: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Lots lyssnar på http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); res(`http://127.0.0.1:${m[1]}`); }
    });
    exit.then(({ code }) => { clearTimeout(timer); rej(new Error(`the server exited (${code}): ${stderr}`)); });
  });

  const srv = {
    base, db, dir, tokens,
    stderr: () => stderr,
    // Throws if the server wrote a sanitizer report since the last check.
    checkStderr() {
      const fresh = stderr.slice(checked);
      checked = stderr.length;
      if (SANITIZER.test(fresh)) throw new Error('sanitizer report on the server\'s stderr:\n' + fresh.slice(0, 4000));
      if (exited) throw new Error(`the server has exited (${JSON.stringify(exited)}): ${fresh.slice(0, 2000)}`);
    },
    // One API call. body: an object (sent as JSON), a string (sent as it
    // is) or undefined. as: a user name, 'none' (no Authorization) or
    // 'bad' (a token that does not exist).
    async api(method, path, body, as = 'anna') {
      const headers = {};
      if (as === 'bad') headers.Authorization = 'Bearer lots_' + '0'.repeat(64);
      else if (as !== 'none') headers.Authorization = 'Bearer ' + tokens[as];
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(base + path, {
        method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json;
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { status: res.status, headers: res.headers, text, json };
    },
    login: (name, password) => formLogin(base, name, password ?? USERS[name].password),
    async stop() {
      if (!exited) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
        await exit;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
      const tail = stderr.slice(checked);
      checked = stderr.length;
      if (SANITIZER.test(tail)) throw new Error('sanitizer report at shutdown:\n' + tail.slice(0, 4000));
      if (exited.signal === 'SIGKILL') throw new Error('the server did not stop on SIGTERM within 10 s');
      if (exited.code !== 0) throw new Error(`the server exited with ${exited.code} after SIGTERM: ${tail.slice(0, 2000)}`);
    },
  };
  return srv;
}

// Registers node:test hooks: one server for the whole file, checked after
// every test and stopped after the last. Returns an object that is filled in
// once the server runs.
export function useServer(options) {
  const ctx = {};
  before(async () => { Object.assign(ctx, await startServer(options)); });
  afterEach(() => { ctx.checkStderr?.(); });
  after(async () => { await ctx.stop?.(); });
  return ctx;
}

// --- a browser-like session through the HTML login form -----------------------

function cookiesFrom(res, jar) {
  for (const c of res.headers.getSetCookie()) {
    const [pair, ...attrs] = c.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
    if (expired || value === '') delete jar[name];
    else jar[name] = value;
  }
}

export function csrfIn(html) {
  const m = html.match(/name="csrf" value="([0-9a-f]{64})"/);
  return m ? m[1] : undefined;
}

// A cookie jar with the two requests a browser makes: GET and a form POST.
// Redirects are not followed, so tests see the 303s.
export function browser(base) {
  const jar = {};
  const cookieHeader = () => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
  async function request(method, path, form) {
    const headers = { Cookie: cookieHeader() };
    let body;
    if (form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
    cookiesFrom(res, jar);
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
  }
  return {
    jar,
    get: (path) => request('GET', path),
    post: (path, form) => request('POST', path, form),
  };
}

// Logs in through GET/POST /login like a browser. Returns the browser with
// .csrf (the session's token, read from a page) and .loginResponse; throws
// unless the login was accepted.
export async function formLogin(base, name, password) {
  const b = browser(base);
  const form = await b.get('/login');
  const csrf = csrfIn(form.text);
  if (!csrf || !b.jar.lots_csrf) throw new Error('the login form has no CSRF token or cookie');
  b.loginResponse = await b.post('/login', { name, password, csrf, next: '/' });
  if (b.loginResponse.status !== 303 || !b.jar.lots_session)
    throw new Error(`login as ${name} refused: ${b.loginResponse.status}`);
  const home = await b.get('/');
  b.csrf = csrfIn(home.text);
  return b;
}
