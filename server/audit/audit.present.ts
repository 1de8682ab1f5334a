/**
 * An audit entry as coordinators and admins read it. The log keeps what was recorded; what
 * is shown leaves workers' personal data out, whoever reads it (admins see what
 * coordinators see: nobody's work needs a caller's number from the activity log):
 *
 * - callers' names and numbers and a call's summary (hotline_call.update records them
 *   masked, but a name inside a summary cannot be masked) are withheld, so is a person's
 *   key (`subject`: a keyed hash of their phone number, which links a person's requests);
 * - any mainland mobile number inside the rest (notes, reasons) is masked as 138****5678.
 *   Stations' own details (a public phone number on the poster) are shown as they are.
 *
 * Pure: rows in, presented entries out; the names come from the caller.
 */
import { maskPhonesInText } from '../lib/mask.js';
import { detailKind } from './auditCatalog.js';

/** Keys that hold a worker's personal data, at any depth of any entry's details. */
export const WITHHELD_KEYS: ReadonlySet<string> = new Set(['callerName', 'callerPhone', 'summary', 'workerName', 'workerPhone', 'subject']);

export interface ShownDetails {
  details: Record<string, unknown> | null;
  withheld: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `details` with personal data left out or masked (see the file's comment). */
export function showDetails(entity: string, details: Record<string, unknown> | null): ShownDetails {
  if (!isRecord(details)) return { details: null, withheld: [] };
  const withheld: string[] = [];
  const maskText = entity !== 'station';
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return maskText ? maskPhonesInText(value) : value;
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (WITHHELD_KEYS.has(k)) {
        if (!withheld.includes(at)) withheld.push(at);
        continue;
      }
      out[k] = walk(v, at);
    }
    return out;
  };
  return { details: walk(details, '') as Record<string, unknown>, withheld };
}

export interface ReferencedIds {
  lawyers: Set<number>;
  stations: Set<number>;
}

/** The lawyers' and stations' ids an entry's details refer to (auditCatalog's detailKind). */
export function referencedIds(action: string, details: Record<string, unknown> | null, into: ReferencedIds = { lawyers: new Set(), stations: new Set() }): ReferencedIds {
  const add = (kind: string, v: unknown) => {
    const ids = Array.isArray(v) ? v : [v];
    for (const id of ids) {
      if (typeof id !== 'number' || !Number.isInteger(id)) continue;
      if (kind === 'lawyer' || kind === 'lawyers') into.lawyers.add(id);
      if (kind === 'station' || kind === 'stations') into.stations.add(id);
    }
  };
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value) && value.some(isRecord)) {
      for (const v of value) walk(v, path);
      return;
    }
    if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    if (path) add(detailKind(action, path), value);
  };
  walk(details, '');
  return into;
}

/** The names out of `all` that these ids have, keyed by id. */
export function namesOf(ids: ReadonlySet<number>, all: ReadonlyMap<number, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    const name = all.get(id);
    if (name !== undefined) out[String(id)] = name;
  }
  return out;
}
