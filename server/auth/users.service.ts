import crypto from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Manager } from '../db/db.js';
import { isUniqueViolation, isForeignKeyViolation } from '../db/errors.js';
import { AppError, badRequest, conflict, notFound } from '../http/errors.js';
import { recordAudit } from '../audit/audit.js';
import { LawyerEntity } from '../lawyers/lawyers.entity.js';
import { StationEntity } from '../stations/stations.entity.js';
import { actsForWholeNetworkNow } from '../stations/scope.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import type { AuthUser } from './policy.js';
import type { CreateUserInput, Me, UpdateMeInput, UpdateUserInput, UserAccount } from './auth.schema.js';
import { adminRemovalIssue, lawyerLinkIssue } from './accountRules.js';
import { countActiveAdminsForUpdate, linkedLawyerActive, otherActiveAccountOfLawyer, userByUsername } from './users.repository.js';
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
    lang: u.lang,
  };
}

export function presentAccount(u: UserRow): UserAccount {
  return { ...presentUser(u), email: u.email ?? null, lang: u.lang, active: u.active };
}

/** The 409 for linking an active account to a lawyer who has one; names the holder when it was read. */
function lawyerTaken(lawyerId?: number, holder?: string): AppError {
  const message = holder ? `Lawyer ${lawyerId} already has an active account ("${holder}")` : 'This lawyer already has an active account';
  return conflict(message, 'conflict', [{ path: 'lawyerId', message: 'this lawyer already has an active account' }]);
}

/** The unique index on active accounts' lawyers refused a write: another request linked the lawyer meanwhile. */
function isLawyerTakenMeanwhile(err: unknown): boolean {
  return isUniqueViolation(err) && /uq_users_active_lawyer|users\.lawyer_id/.test(String((err as Error).message));
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export class UsersService {
  constructor(private readonly ctx: AppContext) {}

  async login(username: string, password: string): Promise<{ token: string; user: Me }> {
    const user = await this.ctx.db.read(async (m) => {
      const row = await userByUsername(m, username);
      return row && row.active && (await linkedLawyerActive(m, row)) ? row : null;
    });
    if (!user) {
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
    return { token, user: await this.me(presentUser(user)) };
  }

  /** The signed-in user with what the client's menus need (see meSchema). */
  async me(user: AuthUser): Promise<Me> {
    const wide = await this.ctx.db.read((m) => actsForWholeNetworkNow(m, user));
    return { ...user, email: user.email ?? null, lang: user.lang ?? 'zh', actsForWholeNetwork: wide };
  }

  /**
   * What a signed-in user changes about themself: their language, which the notifications
   * written for them from now on follow (and the bell, at once). The same language again
   * changes nothing and records nothing.
   */
  async updateMe(user: AuthUser, input: UpdateMeInput, requestId?: string): Promise<Me> {
    const lang = await this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(UserEntity, { id: user.id });
      if (!row) throw notFound('No such user');
      if (row.lang === input.lang) return row.lang;
      await m.update(UserEntity, { id: user.id }, { lang: input.lang });
      await recordAudit(m, this.ctx.clock, {
        actor: user,
        action: 'user.update',
        entity: 'user',
        entityId: user.id,
        details: { username: row.username, changed: ['lang'], before: { lang: row.lang }, after: { lang: input.lang } },
        requestId,
      });
      return input.lang;
    });
    return this.me({ ...user, lang });
  }

  async logout(token: string): Promise<void> {
    await this.ctx.db.tx((m) => m.delete(SessionEntity, { tokenHash: sha256(token) }));
  }

  /**
   * The signed-in user behind a bearer token, or null. A lawyer account whose lawyer has been
   * set inactive stops working here (and works again when the lawyer is reactivated): one
   * primary-key join in the query every request already makes.
   */
  async authenticate(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 200) return null;
    const row = await this.ctx.db.read((m) =>
      m
        .createQueryBuilder(UserEntity, 'u')
        .innerJoin('sessions', 's', 's.user_id = u.id')
        .leftJoin('lawyers', 'l', 'l.id = u.lawyer_id AND u.role = :lawyerRole', { lawyerRole: 'lawyer' })
        .where('s.token_hash = :h AND s.expires_at > :now AND u.active = 1 AND (l.id IS NULL OR l.active = 1)', {
          h: sha256(token),
          now: this.ctx.clock.now(),
        })
        .getOne(),
    );
    return row ? presentUser(row) : null;
  }

  async createUser(input: CreateUserInput, actor: AuthUser | null, requestId?: string): Promise<UserAccount> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.ctx.db.tx(async (m) => {
        if (input.lawyerId !== undefined) await this.claimLawyer(m, input.lawyerId, null);
        await this.checkStation(m, input.stationId);
        const row = await m.save(UserEntity, {
          username: input.username,
          passwordHash,
          role: input.role,
          displayName: input.displayName ?? input.username,
          lawyerId: input.lawyerId ?? null,
          stationId: input.stationId ?? null,
          calendarToken: null,
          email: input.email ?? null,
          lang: input.lang ?? 'zh',
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
        return presentAccount(row);
      });
    } catch (err) {
      if (isLawyerTakenMeanwhile(err)) throw lawyerTaken();
      if (isUniqueViolation(err)) throw conflict(`The username "${input.username}" is taken`);
      if (isForeignKeyViolation(err)) throw badRequest('The linked lawyer or station does not exist');
      throw err;
    }
  }

  async listUsers(): Promise<UserAccount[]> {
    const rows = await this.ctx.db.read((m) => m.find(UserEntity, { order: { id: 'ASC' } }));
    return rows.map(presentAccount);
  }

  /** Whether anyone can administer this deployment (the start-up banner says how to create the first admin). */
  async hasActiveAdmin(): Promise<boolean> {
    return this.ctx.db.read((m) => m.existsBy(UserEntity, { role: 'admin', active: true }));
  }

  /**
   * Change an account (admin). Deactivating it, or giving it a new password, ends its
   * sessions in the same transaction; an admin may not deactivate themself, and the last
   * active admin stays an active admin.
   */
  async updateUser(id: number, input: UpdateUserInput, actor: AuthUser, requestId?: string): Promise<UserAccount> {
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    try {
      return await this.ctx.db.tx(async (m) => {
        const row = await m.findOneBy(UserEntity, { id });
        if (!row) throw notFound('No such user');
        const { password: _password, ...fields } = input;
        const next: UserRow = { ...row, ...fields, ...(passwordHash ? { passwordHash } : {}) };

        const link = lawyerLinkIssue(next.role, next.lawyerId);
        if (link) throw badRequest('The account cannot be linked this way', [link]);
        const claims = next.active && next.lawyerId !== null && (next.lawyerId !== row.lawyerId || !row.active);
        if (claims) await this.claimLawyer(m, next.lawyerId!, id);
        if (input.stationId != null) await this.checkStation(m, input.stationId);

        const activeAdmins = row.role === 'admin' && row.active ? await countActiveAdminsForUpdate(m, this.ctx.db.kind) : 0;
        const removal = adminRemovalIssue(actor.id, row, next, activeAdmins);
        if (removal === 'self_deactivation') throw conflict('You cannot deactivate your own account');
        if (removal === 'last_admin') throw conflict('This is the last active admin: make another admin first');

        await m.save(UserEntity, next);
        const endSessions = (row.active && !next.active) || passwordHash !== undefined;
        if (endSessions) await m.delete(SessionEntity, { userId: id });
        await recordAudit(m, this.ctx.clock, {
          actor,
          action: row.active === next.active ? 'user.update' : next.active ? 'user.activate' : 'user.deactivate',
          entity: 'user',
          entityId: id,
          details: { username: row.username, changed: Object.keys(input).sort(), ...(endSessions ? { sessionsEnded: true } : {}) },
          requestId,
        });
        return presentAccount(next);
      });
    } catch (err) {
      if (isLawyerTakenMeanwhile(err)) throw lawyerTaken();
      if (isForeignKeyViolation(err)) throw badRequest('The linked lawyer or station does not exist');
      throw err;
    }
  }

  /**
   * Link an active account to a lawyer: the lawyer must exist and have no other active
   * account (an account signs in as the lawyer and sees the workers booked on their duty days).
   */
  private async claimLawyer(m: Manager, lawyerId: number, userId: number | null): Promise<void> {
    if (!(await m.existsBy(LawyerEntity, { id: lawyerId }))) {
      throw badRequest('No such lawyer', [{ path: 'lawyerId', message: 'no lawyer has this id' }]);
    }
    const holder = await otherActiveAccountOfLawyer(m, lawyerId, userId);
    if (holder) throw lawyerTaken(lawyerId, holder.username);
  }

  private async checkStation(m: Manager, stationId: number | undefined) {
    if (stationId !== undefined && !(await m.existsBy(StationEntity, { id: stationId }))) {
      throw badRequest('No such station', [{ path: 'stationId', message: 'no station has this id' }]);
    }
  }
}
