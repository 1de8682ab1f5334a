import type { Job } from '../jobs/scheduler.js';
import { deliverDueNotifications } from './deliver.js';
import { defaultSenders } from './senders.js';

/**
 * Delivery of every due outbox row. No lease: delivery claims each row with a
 * conditional update, so instances running it together never send twice.
 */
export const deliverNotificationsJob: Job = {
  name: 'deliver-notifications',
  schedule: '* * * * *',
  run: (ctx) => deliverDueNotifications(ctx, defaultSenders(ctx.config, ctx.logger)),
};
