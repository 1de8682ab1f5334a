import { EntitySchema } from 'typeorm';
import { boolInt, idColumn, jsonText, timestampColumns } from '../db/columns.js';

export interface LawyerRow {
  id: number;
  name: string;
  phone: string;
  firm: string;
  specialties: string[];
  maxShiftsPerMonth: number | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const LawyerEntity = new EntitySchema<LawyerRow>({
  name: 'Lawyer',
  tableName: 'lawyers',
  columns: {
    id: idColumn,
    name: { type: 'varchar', length: 50 },
    phone: { type: 'varchar', length: 20 },
    firm: { type: 'varchar', length: 100 },
    specialties: { type: 'text', transformer: jsonText },
    maxShiftsPerMonth: { type: 'integer', name: 'max_shifts_per_month', nullable: true },
    active: { type: 'integer', transformer: boolInt },
    ...timestampColumns,
  },
});

export interface LawyerStationRow {
  lawyerId: number;
  stationId: number;
}

export const LawyerStationEntity = new EntitySchema<LawyerStationRow>({
  name: 'LawyerStation',
  tableName: 'lawyer_stations',
  columns: {
    lawyerId: { type: 'integer', name: 'lawyer_id', primary: true },
    stationId: { type: 'integer', name: 'station_id', primary: true },
  },
});

export interface UnavailabilityRow {
  id: number;
  lawyerId: number;
  fromDate: string;
  toDate: string;
  reason: string;
  createdBy: number | null;
  createdAt: Date;
}

export const UnavailabilityEntity = new EntitySchema<UnavailabilityRow>({
  name: 'Unavailability',
  tableName: 'unavailability',
  columns: {
    id: idColumn,
    lawyerId: { type: 'integer', name: 'lawyer_id' },
    fromDate: { type: 'varchar', length: 10, name: 'from_date' },
    toDate: { type: 'varchar', length: 10, name: 'to_date' },
    reason: { type: 'varchar', length: 200 },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});
