import { EntitySchema } from 'typeorm';
import { boolInt, idColumn, jsonText, timestampColumns } from '../db/columns.js';

export interface RotationRow {
  id: number;
  stationId: number;
  name: string;
  rrule: string;
  startDate: string;
  lawyerIds: number[];
  shiftStart: string;
  shiftEnd: string;
  lawyersPerDay: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const RotationEntity = new EntitySchema<RotationRow>({
  name: 'Rotation',
  tableName: 'rotations',
  columns: {
    id: idColumn,
    stationId: { type: 'integer', name: 'station_id' },
    name: { type: 'varchar', length: 100 },
    rrule: { type: 'varchar', length: 500 },
    startDate: { type: 'varchar', length: 10, name: 'start_date' },
    lawyerIds: { type: 'text', name: 'lawyer_ids', transformer: jsonText },
    shiftStart: { type: 'varchar', length: 5, name: 'shift_start' },
    shiftEnd: { type: 'varchar', length: 5, name: 'shift_end' },
    lawyersPerDay: { type: 'integer', name: 'lawyers_per_day' },
    active: { type: 'integer', transformer: boolInt },
    ...timestampColumns,
  },
});

export interface RotationStateRow {
  id: number;
  rotationId: number;
  /** The month this state is the end of. */
  month: string;
  nextIndex: number;
  owed: number[];
}

export const RotationStateEntity = new EntitySchema<RotationStateRow>({
  name: 'RotationState',
  tableName: 'rotation_states',
  columns: {
    id: idColumn,
    rotationId: { type: 'integer', name: 'rotation_id' },
    month: { type: 'varchar', length: 7 },
    nextIndex: { type: 'integer', name: 'next_index' },
    owed: { type: 'text', transformer: jsonText },
  },
});

export type RosterStatus = 'draft' | 'published';

export interface RosterRow {
  id: number;
  month: string;
  stationId: number;
  status: RosterStatus;
  generatedAt: Date | null;
  publishedAt: Date | null;
  publishedBy: number | null;
  version: number;
}

export const RosterEntity = new EntitySchema<RosterRow>({
  name: 'Roster',
  tableName: 'rosters',
  columns: {
    id: idColumn,
    month: { type: 'varchar', length: 7 },
    stationId: { type: 'integer', name: 'station_id' },
    status: { type: 'varchar', length: 16 },
    generatedAt: { type: 'datetime', name: 'generated_at', nullable: true },
    publishedAt: { type: 'datetime', name: 'published_at', nullable: true },
    publishedBy: { type: 'integer', name: 'published_by', nullable: true },
    version: { type: 'integer' },
  },
});

export type ShiftSource = 'rotation' | 'manual' | 'swap';

export interface ShiftRow {
  id: number;
  stationId: number;
  date: string;
  month: string;
  seat: number;
  lawyerId: number;
  rotationId: number | null;
  start: string;
  end: string;
  status: RosterStatus;
  source: ShiftSource;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const ShiftEntity = new EntitySchema<ShiftRow>({
  name: 'Shift',
  tableName: 'shifts',
  columns: {
    id: idColumn,
    stationId: { type: 'integer', name: 'station_id' },
    date: { type: 'varchar', length: 10 },
    month: { type: 'varchar', length: 7 },
    seat: { type: 'integer' },
    lawyerId: { type: 'integer', name: 'lawyer_id' },
    rotationId: { type: 'integer', name: 'rotation_id', nullable: true },
    start: { type: 'varchar', length: 5, name: 'shift_start' },
    end: { type: 'varchar', length: 5, name: 'shift_end' },
    status: { type: 'varchar', length: 16 },
    source: { type: 'varchar', length: 16 },
    version: { type: 'integer' },
    ...timestampColumns,
  },
});

export interface RosterGapRow {
  id: number;
  month: string;
  stationId: number;
  date: string;
  rotationId: number | null;
  reason: string;
  message: string;
  candidates: number[];
}

export const RosterGapEntity = new EntitySchema<RosterGapRow>({
  name: 'RosterGap',
  tableName: 'roster_gaps',
  columns: {
    id: idColumn,
    month: { type: 'varchar', length: 7 },
    stationId: { type: 'integer', name: 'station_id' },
    date: { type: 'varchar', length: 10 },
    rotationId: { type: 'integer', name: 'rotation_id', nullable: true },
    reason: { type: 'varchar', length: 32 },
    message: { type: 'varchar', length: 300 },
    candidates: { type: 'text', transformer: jsonText },
  },
});
