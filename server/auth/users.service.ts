import crypto from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation, isForeignKeyViolation } from '../db/errors.js';
import { AppError, badRequest, conflict } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { LawyerEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity } from '../stations/stations.entity.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import type { AuthUser } from './policy.js';
import type { CreateUserInput } from './auth.schema.js';
import { SessionEntity, UserEntity, type UserRow } from './users.entity.js';

export function presentUser(u: UserRow): AuthUser {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    displayName: u.displayName,
    lawyerId: u.lawyerId,
    stationId: u.stationId,
    email: u.email ?? null,
  };
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export class UsersService {
  constructor(private readonly ctx: AppContext) {}

  async login(username: string, password: string): Promise<{ token: string; user: AuthUser }> {
    const user = await this.ctx.db.read((m) => m.findOneBy(UserEntity, { username }));
    if (!user || !user.active) {
      await verifyPassword(await dummyPasswordHash(), password);
      throw new AppError(401, 'unauthorized', 'Wrong username or password');
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new AppError(401, 'unauthorized', 'Wrong username or password');
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (m) => {
      await m.insert(SessionEntity, {
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ctx.config.sessionTtlHours * 3_600_000),
      });
      // Keep the table small: drop this user's expired sessions.
      await m
        .getRepository(SessionEntity)
        .createQueryBuilder()
        .delete()
        .where('user_id = :uid AND expires_at < :now', { uid: user.id, now })
        .execute();
    });
    return { token, user: presentUser(user) };
  }

  async logout(token: string): Promise<void> {
    await this.ctx.db.tx((m) => m.delete(SessionEntity, { tokenHash: sha256(token) }));
  }

  /** The signed-in user behind a bearer token, or null. */
  async authenticate(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const row = await this.ctx.db.read((m) =>
      m
        .createQueryBuilder(UserEntity, 'u')
        .innerJoin('sessions', 's', 's.user_id = u.id')
        .where('s.token_hash = :h AND s.expires_at > :now AND u.active = 1', {
          h: sha256(token),
          now: this.ctx.clock.now(),
        })
        .getOne(),
    );
    return row ? presentUser(row) : null;
  }

  async createUser(input: CreateUserInput, actor: AuthUser | null, requestId?: string): Promise<AuthUser> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.ctx.db.tx(async (m) => {
        await this.checkLinks(m, input);
        const row = await m.save(UserEntity, {
          username: input.username,
          passwordHash,
          role: input.role,
          displayName: input.displayName ?? input.username,
          lawyerId: input.lawyerId ?? null,
          stationId: input.stationId ?? null,
          calendarToken: null,
          email: input.email ?? null,
          active: true,
          createdAt: this.ctx.clock.now(),
        });
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: 'user.create',
          entity: 'user',
          entityId: row.id,
          details: { username: row.username, role: row.role },
          requestId,
        });
        return presentUser(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`The username "${input.username}" is taken`);
      if (isForeignKeyViolation(err)) throw badRequest('The linked lawyer or station does not exist');
      throw err;
    }
  }

  async listUsers(): Promise<AuthUser[]> {
    const rows = await this.ctx.db.read((m) => m.find(UserEntity, { order: { id: 'ASC' } }));
    return rows.map(presentUser);
  }

  private async checkLinks(m: Manager, input: CreateUserInput) {
    if (input.lawyerId !== undefined && !(await m.existsBy(LawyerEntity, { id: input.lawyerId }))) {
      throw badRequest('No such lawyer', [{ path: 'lawyerId', message: 'no lawyer has this id' }]);
    }
    if (input.stationId !== undefined && !(await m.existsBy(StationEntity, { id: input.stationId }))) {
      throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
    }
  }
}
