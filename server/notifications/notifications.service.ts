/**
 * A signed-in user's in-app messages: paged, counted, marked read, each in the reader's
 * language (staffText.ts shownText). Other channels are not shown here.
 */
import type { AppContext } from '../context.js';
import type { AuthUser } from '../auth/policy.js';
import { notFound } from '../http/errors.js';
import { formatInstant } from '../lib/dates.js';
import { NotificationEntity, type NotificationRow } from './notifications.entity.js';
import type { InAppMessage, MessagePage } from './notifications.schema.js';
import { shownText } from './staffText.js';

export class NotificationsService {
  constructor(private readonly ctx: AppContext) {}

  private present(n: NotificationRow, reader: AuthUser): InAppMessage {
    const tz = this.ctx.config.timeZone;
    const { title, body, lang } = shownText(n, reader.lang ?? 'zh');
    return {
      id: n.id,
      kind: n.kind,
      title,
      body,
      payload: { ...n.payload, lang },
      createdAt: formatInstant(n.createdAt, tz),
      readAt: n.readAt ? formatInstant(n.readAt, tz) : null,
    };
  }

  async list(user: AuthUser, q: { page: number; pageSize: number; unread?: boolean }): Promise<MessagePage> {
    return this.ctx.db.read(async (m) => {
      const query = m
        .createQueryBuilder(NotificationEntity, 'n')
        .where("n.recipient_user_id = :uid AND n.channel = 'in_app'", { uid: user.id });
      if (q.unread) query.andWhere('n.read_at IS NULL');
      const [rows, total] = await query
        .orderBy('n.id', 'DESC')
        .skip((q.page - 1) * q.pageSize)
        .take(q.pageSize)
        .getManyAndCount();
      return { items: rows.map((r) => this.present(r, user)), total, page: q.page, pageSize: q.pageSize };
    });
  }

  async unreadCount(user: AuthUser): Promise<{ count: number }> {
    const count = await this.ctx.db.read((m) =>
      m
        .createQueryBuilder(NotificationEntity, 'n')
        .where("n.recipient_user_id = :uid AND n.channel = 'in_app' AND n.read_at IS NULL", { uid: user.id })
        .getCount(),
    );
    return { count };
  }

  /** Mark one of the user's messages read (a second call keeps the first time). Someone else's: 404. */
  async markRead(user: AuthUser, id: number): Promise<InAppMessage> {
    return this.ctx.db.tx(async (m) => {
      const row = await m.findOneBy(NotificationEntity, { id, recipientUserId: user.id, channel: 'in_app' });
      if (!row) throw notFound('No such message');
      if (!row.readAt) {
        row.readAt = this.ctx.clock.now();
        await m
          .getRepository(NotificationEntity)
          .createQueryBuilder()
          .update()
          .set({ readAt: row.readAt })
          .where('id = :id AND read_at IS NULL', { id })
          .execute();
      }
      return this.present(row, user);
    });
  }

  async markAllRead(user: AuthUser): Promise<{ updated: number }> {
    return this.ctx.db.tx(async (m) => {
      const res = await m
        .getRepository(NotificationEntity)
        .createQueryBuilder()
        .update()
        .set({ readAt: this.ctx.clock.now() })
        .where("recipient_user_id = :uid AND channel = 'in_app' AND read_at IS NULL", { uid: user.id })
        .execute();
      return { updated: res.affected ?? 0 };
    });
  }
}
