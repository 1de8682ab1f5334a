// The browser tests drive Debian's Chromium (never a downloaded browser). On a fresh
// Debian machine `npm test` installs it, with a CJK font for the Chinese pages, when it
// can (root and apt-get); otherwise it says what to install and stops before the tests.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasCjkFont = () => {
  try {
    return /wenquanyi|noto sans cjk|noto serif cjk/i.test(execSync('fc-list', { stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  } catch {
    return false;
  }
};

const need = [];
if (!fs.existsSync(chromium)) need.push('chromium');
if (!hasCjkFont()) need.push('fonts-wqy-microhei');
if (need.length === 0) process.exit(0);

const canApt = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canApt || process.env.CHROMIUM_PATH) {
  console.error(`The browser tests need: ${need.join(', ')}. Install them (Debian: sudo apt-get install ${need.join(' ')}), or set CHROMIUM_PATH.`);
  process.exit(1);
}
console.log(`installing ${need.join(', ')} for the browser tests (apt-get) …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -qq', { stdio: 'inherit', env });
execSync(`apt-get install -y -qq --no-install-recommends ${need.join(' ')}`, { stdio: ['ignore', 'ignore', 'inherit'], env });
