/**
 * Reading the audit log: who changed what, when and why, for coordinators and admins.
 * Entries are written by recordAudit (audit.ts) in the transaction of each change; this
 * pages through them newest first, names the lawyers, stations and accounts they refer
 * to by id, and leaves workers' personal data out (audit.present.ts).
 */
import type { AppContext } from '../context.js';
import { addDays, formatInstant, zonedInstant } from '../lib/dates.js';
import { displayNamesById, findAuditEntries, lawyerNamesById, stationNamesById } from './audit.repository.js';
import { namesOf, referencedIds, showDetails } from './audit.present.js';
import type { AuditListQuery, AuditPage } from './audit.schema.js';

export class AuditService {
  constructor(private readonly ctx: AppContext) {}

  async list(query: AuditListQuery): Promise<AuditPage> {
    const tz = this.ctx.config.timeZone;
    return this.ctx.db.read(async (m) => {
      const [rows, total] = await findAuditEntries(
        m,
        {
          since: query.from ? zonedInstant(query.from, '00:00', tz) : undefined,
          until: query.to ? zonedInstant(addDays(query.to, 1), '00:00', tz) : undefined,
          entity: query.entity,
          entityId: query.entityId,
          action: query.action,
          username: query.username,
          excludeViews: query.views === 'exclude',
        },
        query,
      );
      const shown = rows.map((r) => ({ row: r, ...showDetails(r.entity, r.details), refs: referencedIds(r.action, r.details) }));
      const stations = await stationNamesById(m, shown.flatMap((s) => [...s.refs.stations]));
      const lawyers = await lawyerNamesById(m, shown.flatMap((s) => [...s.refs.lawyers]));
      const actors = await displayNamesById(m, rows.flatMap((r) => (r.userId === null ? [] : [r.userId])));
      const items = shown.map(({ row: r, details, withheld, refs }) => ({
        id: r.id,
        at: formatInstant(r.at, tz),
        userId: r.userId,
        username: r.username,
        actorName: r.userId === null ? null : (actors.get(r.userId) ?? null),
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        details,
        withheld,
        names: { lawyers: namesOf(refs.lawyers, lawyers), stations: namesOf(refs.stations, stations) },
        requestId: r.requestId,
      }));
      return { items, total, page: query.page, pageSize: query.pageSize };
    });
  }
}
