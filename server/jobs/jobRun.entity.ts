import { EntitySchema } from 'typeorm';
import { idColumn, jsonText } from '../db/columns.js';

export interface JobRunRow {
  id: number;
  job: string;
  slot: string;
  status: 'running' | 'done' | 'failed';
  instance: string;
  startedAt: Date;
  leaseUntil: Date;
  finishedAt: Date | null;
  details: Record<string, unknown> | null;
}

export const JobRunEntity = new EntitySchema<JobRunRow>({
  name: 'JobRun',
  tableName: 'job_runs',
  columns: {
    id: idColumn,
    job: { type: 'varchar', length: 64 },
    slot: { type: 'varchar', length: 32 },
    status: { type: 'varchar', length: 16 },
    instance: { type: 'varchar', length: 64 },
    startedAt: { type: 'datetime', name: 'started_at' },
    leaseUntil: { type: 'datetime', name: 'lease_until' },
    finishedAt: { type: 'datetime', name: 'finished_at', nullable: true },
    details: { type: 'text', nullable: true, transformer: jsonText },
  },
});
