/**
 * Starts the real server (API + the built client in dist/client) on a free port
 * with a fresh demo database, for browser tests. Build the client first
 * (`npx vite build`); this helper builds nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/process.js';

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));


async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

export async function startServer(opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    throw new Error('dist/client/index.html is missing: build the client first with `npx vite build`');
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyroster-e2e-'));
  let log = '';
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: ROOT,
    // Its own process group, so stopping it also stops what npx started beneath it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
      SEED_DEMO: '1',
      JOBS_ENABLED: '0',
      LOG_LEVEL: 'warn',
      PUBLIC_RATE_LIMIT: '0',
      ...opts.env,
    },
  });
  child.stdout?.on('data', (d) => (log += String(d)));
  child.stderr?.on('data', (d) => (log += String(d)));
  const output = () => log;

  const signal = (sig: NodeJS.Signals | 0): boolean => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
      return true;
    } catch {
      return false; // no process left in the group
    }
  };
  // npx exits before the server it started has finished closing: wait until the whole group is gone.
  const stop = async () => {
    if (signal('SIGTERM')) {
      const deadline = Date.now() + 15_000;
      while (signal(0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (signal(0)) signal('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, output, opts.timeoutMs ?? 90_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, output, stop };
}
