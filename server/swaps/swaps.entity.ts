import { EntitySchema } from 'typeorm';
import { idColumn, timestampColumns } from '../db/columns.js';
import type { SwapStatus, SwapType } from './swapRules.js';

export interface SwapRow {
  id: number;
  type: SwapType;
  status: SwapStatus;
  /** The shift offered (giveaway) or given in an exchange, and its version when asked. */
  shiftId: number;
  shiftVersion: number;
  stationId: number;
  date: string;
  /** The lawyer on the shift when the swap was asked. */
  fromLawyerId: number;
  /** The named colleague, the owner of `toShiftId`, or (open offer) whoever accepted. */
  toLawyerId: number | null;
  /** Exchange only: the colleague's shift, its version when asked, and its date. */
  toShiftId: number | null;
  toShiftVersion: number | null;
  toDate: string | null;
  note: string | null;
  decisionNote: string | null;
  /** Why it ended without applying (superseded, expired …). */
  reason: string | null;
  /** `shift:<shiftId>` while live (pending/accepted), NULL after: one live swap per offered shift. */
  activeKey: string | null;
  requestedBy: number | null;
  acceptedBy: number | null;
  decidedBy: number | null;
  acceptedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const SwapEntity = new EntitySchema<SwapRow>({
  name: 'Swap',
  tableName: 'swaps',
  columns: {
    id: idColumn,
    type: { type: 'varchar', length: 16 },
    status: { type: 'varchar', length: 16 },
    shiftId: { type: 'integer', name: 'shift_id' },
    shiftVersion: { type: 'integer', name: 'shift_version' },
    stationId: { type: 'integer', name: 'station_id' },
    date: { type: 'varchar', length: 10 },
    fromLawyerId: { type: 'integer', name: 'from_lawyer_id' },
    toLawyerId: { type: 'integer', name: 'to_lawyer_id', nullable: true },
    toShiftId: { type: 'integer', name: 'to_shift_id', nullable: true },
    toShiftVersion: { type: 'integer', name: 'to_shift_version', nullable: true },
    toDate: { type: 'varchar', length: 10, name: 'to_date', nullable: true },
    note: { type: 'varchar', length: 500, nullable: true },
    decisionNote: { type: 'varchar', length: 500, name: 'decision_note', nullable: true },
    reason: { type: 'varchar', length: 300, nullable: true },
    activeKey: { type: 'varchar', length: 32, name: 'active_key', nullable: true },
    requestedBy: { type: 'integer', name: 'requested_by', nullable: true },
    acceptedBy: { type: 'integer', name: 'accepted_by', nullable: true },
    decidedBy: { type: 'integer', name: 'decided_by', nullable: true },
    acceptedAt: { type: 'datetime', name: 'accepted_at', nullable: true },
    decidedAt: { type: 'datetime', name: 'decided_at', nullable: true },
    ...timestampColumns,
  },
});
