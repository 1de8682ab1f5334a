/**
 * All benchmarks in one run, SQLite and (with BENCH_MYSQL_URL) MySQL side by side.
 *   npm run bench
 *   BENCH_MYSQL_URL=mysql://root@127.0.0.1:3306/test npm run bench
 * The client figures need a built client (npm run build) and Debian's Chromium.
 */
import 'reflect-metadata';
import os from 'node:os';
import { rosterBench } from './roster.bench.js';
import { httpBench } from './http.bench.js';
import { clientBench } from './client.bench.js';
import { scaleBench } from './scale.bench.js';

const mysqlUrl = process.env.BENCH_MYSQL_URL;
console.log(`# Benchmarks — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log(mysqlUrl ? `MySQL: ${mysqlUrl.replace(/\/\/[^@]*@/, '//***@')}` : 'MySQL: not set (BENCH_MYSQL_URL)');
await rosterBench({ mysqlUrl });
await httpBench({ mysqlUrl });
await clientBench();
await scaleBench({ mysqlUrl });
