import { EntitySchema } from 'typeorm';
import { boolInt, idColumn, jsonText, timestampColumns } from '../db/columns.js';

export type StationLevel = 'district' | 'town' | 'village';

export interface OpenHours {
  weekday: number;
  start: string;
  end: string;
}

export interface StationRow {
  id: number;
  code: string;
  name: string;
  level: StationLevel;
  parentId: number | null;
  divisionCode: string | null;
  address: string;
  phone: string;
  openHours: OpenHours[];
  slotMinutes: number;
  seatsPerSlot: number;
  swapAutoApprove: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const StationEntity = new EntitySchema<StationRow>({
  name: 'Station',
  tableName: 'stations',
  columns: {
    id: idColumn,
    code: { type: 'varchar', length: 32 },
    name: { type: 'varchar', length: 100 },
    level: { type: 'varchar', length: 16 },
    parentId: { type: 'integer', name: 'parent_id', nullable: true },
    divisionCode: { type: 'varchar', length: 20, name: 'division_code', nullable: true },
    address: { type: 'varchar', length: 200 },
    phone: { type: 'varchar', length: 40 },
    openHours: { type: 'text', name: 'open_hours', transformer: jsonText },
    slotMinutes: { type: 'integer', name: 'slot_minutes' },
    seatsPerSlot: { type: 'integer', name: 'seats_per_slot' },
    swapAutoApprove: { type: 'integer', name: 'swap_auto_approve', transformer: boolInt },
    active: { type: 'integer', transformer: boolInt },
    ...timestampColumns,
  },
});
