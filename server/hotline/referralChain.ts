/**
 * Where a dispute may go next. Disputes move up one chain:
 *   village outpost → town mediation → district mediation → district arbitration → court,
 * with legal aid as a side door that can open at any point (and from which a dispute
 * goes on only to arbitration or court, where legal aid represents the worker).
 * Pure: the stations and the parent referral are passed in.
 */
import type { StationLevel } from '../stations/stations.entity.js';
import type { ReferralStage } from './hotline.entity.js';

/** Position of each stage of the main chain. */
export const STAGE_RANK: Readonly<Record<Exclude<ReferralStage, 'legal_aid'>, number>> = Object.freeze({
  town_mediation: 1,
  district_mediation: 2,
  district_arbitration: 3,
  court: 4,
});

/** Legal aid stands beside mediation: a dispute goes on from it to arbitration or court only. */
const LEGAL_AID_RANK = 2;

/** The station levels that handle each stage. */
export const STAGE_LEVELS: Readonly<Record<ReferralStage, readonly StationLevel[]>> = Object.freeze({
  town_mediation: ['town'],
  district_mediation: ['district'],
  district_arbitration: ['district'],
  court: ['district'],
  legal_aid: ['town', 'district'],
});

export interface ChainStation {
  id: number;
  level: StationLevel;
  name: string;
}

export interface ReferralRequest {
  from: ChainStation;
  to: ChainStation;
  /** The sender and its parents, nearest first (the sender itself excluded). */
  ancestorIdsOfFrom: readonly number[];
  stage: ReferralStage;
  /** The referral this one continues (referring on), or null for a first referral. */
  parent: { stage: ReferralStage; toStationId: number } | null;
}

export interface ChainViolation {
  path: 'fromStationId' | 'toStationId' | 'stage';
  message: string;
}

/**
 * Where the dispute stands before this referral. A first referral starts at the
 * sender's desk: a village outpost or a town desk stands below town mediation, the
 * district desk below district mediation. Referring on starts from the parent's stage.
 */
export function rankBefore(from: ChainStation, parent: ReferralRequest['parent']): number {
  if (parent) return parent.stage === 'legal_aid' ? LEGAL_AID_RANK : STAGE_RANK[parent.stage];
  return from.level === 'district' ? 1 : 0;
}

/** Why this referral may not be made, or null when it may. */
export function referralViolation(r: ReferralRequest): ChainViolation | null {
  if (r.parent && r.parent.toStationId !== r.from.id) {
    return { path: 'fromStationId', message: 'a dispute is referred on by the station that holds it (the previous referral’s receiving station)' };
  }
  const levels = STAGE_LEVELS[r.stage];
  if (!levels.includes(r.to.level)) {
    return {
      path: 'toStationId',
      message: `${r.stage} is handled at a ${levels.join(' or ')} station; ${r.to.name} is a ${r.to.level} station`,
    };
  }
  if (r.to.id !== r.from.id && !r.ancestorIdsOfFrom.includes(r.to.id)) {
    return {
      path: 'toStationId',
      message: `a dispute moves up the chain: ${r.to.name} is not ${r.from.name} or a station above it`,
    };
  }
  if (r.stage === 'legal_aid') {
    if (r.parent?.stage === 'legal_aid') return { path: 'stage', message: 'the dispute is already with legal aid' };
    return null;
  }
  const before = rankBefore(r.from, r.parent);
  if (STAGE_RANK[r.stage] <= before) {
    const next = (Object.keys(STAGE_RANK) as (keyof typeof STAGE_RANK)[]).filter((s) => STAGE_RANK[s] > before);
    return {
      path: 'stage',
      message: next.length
        ? `a dispute only moves up the chain; from here it can go to ${next.join(', ')} or legal_aid`
        : 'the dispute is already at the last stage of the chain',
    };
  }
  return null;
}
