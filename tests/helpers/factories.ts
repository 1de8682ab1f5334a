/** Test data builders: each creates what it needs (parents included) with sensible defaults. */
import crypto from 'node:crypto';
import type { AppContext } from '../../server/context.js';
import { hashPassword } from '../../server/auth/password.js';
import { UserEntity, type Role } from '../../server/auth/users.entity.js';
import { LawyerEntity, LawyerStationEntity, UnavailabilityEntity } from '../../server/lawyers/lawyers.entity.js';
import { StationEntity, type OpenHours, type StationRow } from '../../server/stations/stations.entity.js';
import type { LawyerRow } from '../../server/lawyers/lawyers.entity.js';
import { ShiftEntity, type ShiftRow } from '../../server/rosters/rosters.entity.js';

export const PASSWORD = 'test-password-123';
let hashed: Promise<string> | null = null;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));
const uid = () => crypto.randomBytes(4).toString('hex');

export const WEEKDAY_HOURS: OpenHours[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '14:00', end: '17:30' },
]);

export class Factories {
  constructor(private readonly ctx: AppContext) {}

  async station(o: Partial<StationRow> = {}): Promise<StationRow> {
    const now = this.ctx.clock.now();
    let parentId = o.parentId;
    const level = o.level ?? 'district';
    if (parentId === undefined) {
      parentId = level === 'district' ? null : (await this.station({ level: level === 'village' ? 'town' : 'district' })).id;
    }
    return this.ctx.db.tx((m) =>
      m.save(StationEntity, {
        code: `S-${uid().toUpperCase()}`, // as the API stores codes
        name: `测试站 ${uid()}`,
        level,
        divisionCode: null,
        address: '测试地址',
        phone: '0851-0000000',
        openHours: WEEKDAY_HOURS,
        slotMinutes: 30,
        seatsPerSlot: 1,
        swapAutoApprove: false,
        active: true,
        createdAt: now,
        updatedAt: now,
        ...o,
        parentId,
      } as StationRow),
    );
  }

  async lawyer(o: Partial<LawyerRow> & { stationIds?: number[] } = {}): Promise<LawyerRow> {
    const now = this.ctx.clock.now();
    const { stationIds = [], ...fields } = o;
    return this.ctx.db.tx(async (m) => {
      const row = await m.save(LawyerEntity, {
        name: `律师${uid()}`,
        phone: `139${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`,
        firm: '测试律师事务所',
        specialties: ['wage_arrears'],
        maxShiftsPerMonth: null,
        active: true,
        createdAt: now,
        updatedAt: now,
        ...fields,
      } as LawyerRow);
      if (stationIds.length) await m.insert(LawyerStationEntity, stationIds.map((stationId) => ({ lawyerId: row.id, stationId })));
      return row;
    });
  }

  async unavailability(lawyerId: number, from: string, to: string, reason = '请假') {
    return this.ctx.db.tx((m) =>
      m.save(UnavailabilityEntity, { lawyerId, fromDate: from, toDate: to, reason, createdBy: null, createdAt: this.ctx.clock.now() }),
    );
  }

  /** A shift (published by default) with a lawyer who serves the station; creates what is missing. */
  async shift(o: Partial<ShiftRow> & { date: string }): Promise<ShiftRow> {
    const stationId = o.stationId ?? (await this.station()).id;
    const lawyerId = o.lawyerId ?? (await this.lawyer({ stationIds: [stationId] })).id;
    const now = this.ctx.clock.now();
    return this.ctx.db.tx((m) =>
      m.save(ShiftEntity, {
        month: o.date.slice(0, 7),
        seat: 1,
        rotationId: null,
        start: '09:00',
        end: '17:30',
        status: 'published',
        source: 'manual',
        version: 1,
        createdAt: now,
        updatedAt: now,
        ...o,
        stationId,
        lawyerId,
      } as ShiftRow),
    );
  }

  async user(o: { role: Role; lawyerId?: number; stationId?: number; username?: string }) {
    const username = o.username ?? `${o.role}_${uid()}`;
    const hash = await passwordHash();
    const row = await this.ctx.db.tx(async (m) =>
      m.save(UserEntity, {
        username,
        passwordHash: hash,
        role: o.role,
        displayName: username,
        lawyerId: o.lawyerId ?? null,
        stationId: o.stationId ?? null,
        calendarToken: null,
        active: true,
        createdAt: this.ctx.clock.now(),
      }),
    );
    return { ...row, password: PASSWORD };
  }
}
