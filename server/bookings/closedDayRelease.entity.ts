import { EntitySchema } from 'typeorm';
import { idColumn } from '../db/columns.js';

/**
 * A closure's cancellations still to do, done in batches after the closure committed
 * (closedDay.ts): the closed day (`stationId` null: the whole network), the local day whose
 * adding (a closure) or removal (an extra working day) closed it, and who did that, named
 * in each cancellation's audit entry. `doneAt` is set once nothing is left.
 */
export interface ClosedDayReleaseRow {
  id: number;
  date: string;
  stationId: number | null;
  calendarDayId: number | null;
  userId: number | null;
  username: string | null;
  requestId: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export const ClosedDayReleaseEntity = new EntitySchema<ClosedDayReleaseRow>({
  name: 'ClosedDayRelease',
  tableName: 'closed_day_releases',
  columns: {
    id: idColumn,
    date: { type: 'varchar', length: 10 },
    stationId: { type: 'integer', name: 'station_id', nullable: true },
    calendarDayId: { type: 'integer', name: 'calendar_day_id', nullable: true },
    userId: { type: 'integer', name: 'user_id', nullable: true },
    username: { type: 'varchar', length: 64, nullable: true },
    requestId: { type: 'varchar', length: 64, name: 'request_id', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
    doneAt: { type: 'datetime', name: 'done_at', nullable: true },
  },
});
