/**
 * Starting a worker thread from a TypeScript module.
 *
 * From source (run through tsx) a worker does not inherit the parent's module hooks, so
 * the thread first registers tsx's loader and then imports the script; tsx is found from
 * this package, whatever the working directory. Compiled (.js), the script runs as is.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `script` is the worker module's URL as seen from source (a `.ts` URL built with `new URL('./x.worker.ts', import.meta.url)`). */
export function startWorker(script: URL, workerData: unknown): Worker {
  if (!script.pathname.endsWith('.ts') || !import.meta.url.endsWith('.ts')) {
    return new Worker(new URL(script.href.replace(/\.ts$/, '.js')), { workerData });
  }
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
