/** The project's own source, for tests that check a rule holds in every file (who writes SMS, which messages are translated…). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root and its server folder, as absolute paths. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_DIR = path.join(ROOT_DIR, 'server');

/** Every `.ts` file under `dir`, recursively, as absolute paths. */
export function typeScriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return typeScriptFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}
