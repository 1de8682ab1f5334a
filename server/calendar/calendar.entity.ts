import { EntitySchema } from 'typeorm';
import { idColumn } from '../db/columns.js';
import type { DayKind } from './workingCalendar.js';

export interface CalendarDayRow {
  id: number;
  date: string;
  kind: DayKind;
  name: string;
  stationId: number | null;
  /** 0 for a network-wide day, else the station id: lets one unique index cover both. */
  scope: number;
  createdAt: Date;
}

export const CalendarDayEntity = new EntitySchema<CalendarDayRow>({
  name: 'CalendarDay',
  tableName: 'calendar_days',
  columns: {
    id: idColumn,
    date: { type: 'varchar', length: 10 },
    kind: { type: 'varchar', length: 16 },
    name: { type: 'varchar', length: 100 },
    stationId: { type: 'integer', name: 'station_id', nullable: true },
    scope: { type: 'integer' },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});
