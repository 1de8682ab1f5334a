/**
 * The hotline's call log, the call-back attempts on calls that owe one, and
 * referrals of disputes up the chain. Local dates (`receivedDate`, `referredDate`,
 * `closedDate`) are stored beside the instants so filters and monthly figures
 * group on the network's calendar, not UTC.
 */
import { EntitySchema } from 'typeorm';
import { boolInt, decimalToNumber, idColumn, personDataColumns, timestampColumns } from '../db/columns.js';

export const HOTLINE_OUTCOMES = [
  'answered',
  'appointment_booked',
  'referred_mediation',
  'referred_legal_aid',
  'referred_arbitration',
  'callback_needed',
] as const;
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number];

export interface HotlineCallRow {
  id: number;
  stationId: number;
  receivedAt: Date;
  receivedDate: string;
  callerName: string | null;
  /** An 11-digit mobile number, or a landline's digits (area code first). */
  callerPhone: string | null;
  /** The caller agreed to their name and number being recorded (without it, neither is kept). */
  callerConsent: boolean;
  category: string;
  summary: string;
  durationSeconds: number;
  outcome: HotlineOutcome;
  followUpDate: string | null;
  followUpDoneAt: Date | null;
  appointmentId: number | null;
  createdBy: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Keyed hash of callerPhone (server/privacy): set on every write of the number; kept when it is removed. */
  personKey?: string | null;
  /** When the caller's name and number were removed (retention or the caller's request). */
  pseudonymizedAt?: Date | null;
}

export const HotlineCallEntity = new EntitySchema<HotlineCallRow>({
  name: 'HotlineCall',
  tableName: 'hotline_calls',
  columns: {
    id: idColumn,
    stationId: { type: 'integer', name: 'station_id' },
    receivedAt: { type: 'datetime', name: 'received_at' },
    receivedDate: { type: 'varchar', length: 10, name: 'received_date' },
    callerName: { type: 'varchar', length: 50, name: 'caller_name', nullable: true },
    callerPhone: { type: 'varchar', length: 20, name: 'caller_phone', nullable: true },
    callerConsent: { type: 'integer', name: 'caller_consent', transformer: boolInt },
    category: { type: 'varchar', length: 32 },
    summary: { type: 'varchar', length: 2000 },
    durationSeconds: { type: 'integer', name: 'duration_seconds' },
    outcome: { type: 'varchar', length: 32 },
    followUpDate: { type: 'varchar', length: 10, name: 'follow_up_date', nullable: true },
    followUpDoneAt: { type: 'datetime', name: 'follow_up_done_at', nullable: true },
    appointmentId: { type: 'integer', name: 'appointment_id', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    version: { type: 'integer' },
    ...timestampColumns,
    ...personDataColumns,
  },
});

export interface FollowUpRow {
  id: number;
  callId: number;
  note: string;
  done: boolean;
  /** When not done: the date of the next attempt. */
  nextDate: string | null;
  createdBy: number | null;
  createdAt: Date;
}

export const FollowUpEntity = new EntitySchema<FollowUpRow>({
  name: 'HotlineFollowUp',
  tableName: 'hotline_follow_ups',
  columns: {
    id: idColumn,
    callId: { type: 'integer', name: 'call_id' },
    note: { type: 'varchar', length: 1000 },
    done: { type: 'integer', transformer: boolInt },
    nextDate: { type: 'varchar', length: 10, name: 'next_date', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});

export const REFERRAL_STAGES = ['town_mediation', 'district_mediation', 'district_arbitration', 'court', 'legal_aid'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];

export const REFERRAL_STATUSES = ['pending', 'accepted', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_RESULTS = ['settled', 'not_settled', 'referred_on', 'withdrawn'] as const;
export type ReferralResult = (typeof REFERRAL_RESULTS)[number];

export interface ReferralRow {
  id: number;
  parentId: number | null;
  fromStationId: number;
  toStationId: number;
  stage: ReferralStage;
  hotlineCallId: number | null;
  appointmentId: number | null;
  workerName: string | null;
  workerPhone: string | null;
  category: string;
  summary: string;
  status: ReferralStatus;
  result: ReferralResult | null;
  amountSettled: number | null;
  closeNote: string | null;
  referredDate: string;
  closedDate: string | null;
  createdBy: number | null;
  acceptedAt: Date | null;
  acceptedBy: number | null;
  closedAt: Date | null;
  closedBy: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Keyed hash of workerPhone (server/privacy). */
  personKey?: string | null;
  pseudonymizedAt?: Date | null;
}

export const ReferralEntity = new EntitySchema<ReferralRow>({
  name: 'Referral',
  tableName: 'referrals',
  columns: {
    id: idColumn,
    parentId: { type: 'integer', name: 'parent_id', nullable: true },
    fromStationId: { type: 'integer', name: 'from_station_id' },
    toStationId: { type: 'integer', name: 'to_station_id' },
    stage: { type: 'varchar', length: 32 },
    hotlineCallId: { type: 'integer', name: 'hotline_call_id', nullable: true },
    appointmentId: { type: 'integer', name: 'appointment_id', nullable: true },
    workerName: { type: 'varchar', length: 50, name: 'worker_name', nullable: true },
    workerPhone: { type: 'varchar', length: 20, name: 'worker_phone', nullable: true },
    category: { type: 'varchar', length: 32 },
    summary: { type: 'varchar', length: 2000 },
    status: { type: 'varchar', length: 16 },
    result: { type: 'varchar', length: 16, nullable: true },
    amountSettled: { type: 'decimal', precision: 14, scale: 2, name: 'amount_settled', nullable: true, transformer: decimalToNumber },
    closeNote: { type: 'varchar', length: 1000, name: 'close_note', nullable: true },
    referredDate: { type: 'varchar', length: 10, name: 'referred_date' },
    closedDate: { type: 'varchar', length: 10, name: 'closed_date', nullable: true },
    createdBy: { type: 'integer', name: 'created_by', nullable: true },
    acceptedAt: { type: 'datetime', name: 'accepted_at', nullable: true },
    acceptedBy: { type: 'integer', name: 'accepted_by', nullable: true },
    closedAt: { type: 'datetime', name: 'closed_at', nullable: true },
    closedBy: { type: 'integer', name: 'closed_by', nullable: true },
    version: { type: 'integer' },
    ...timestampColumns,
    ...personDataColumns,
  },
});

export const hotlineEntities = [HotlineCallEntity, FollowUpEntity, ReferralEntity];
