// Builds the client when dist/client is missing or older than its sources, so
// `npm start` on a fresh clone serves the app and a second start is instant.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist/client/index.html');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

const sources = ['client', 'vite.config.ts', 'package-lock.json']
  .map((p) => path.join(root, p))
  .filter((p) => fs.existsSync(p));
const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));
if (built >= changed) {
  console.log('client build is up to date');
} else {
  console.log('building the client (vite build) …');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
