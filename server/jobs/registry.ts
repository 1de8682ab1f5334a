/** Every scheduled job. Each one takes a database lease or claims rows, so several instances can run them all. */
import { draftNextMonthJob } from '../rosters/rosters.jobs.js';
import { followUpReminderJob } from '../hotline/followUps.job.js';
import { bookingJobs } from '../bookings/bookings.jobs.js';
import { swapExpiryJob, swapOfferReminderJob } from '../swaps/swaps.jobs.js';
import { privacyRetentionJob } from '../privacy/retention.job.js';
import { deliverNotificationsJob } from '../notifications/notifications.jobs.js';
import type { Job } from './scheduler.js';

export const allJobs: Job[] = [draftNextMonthJob, followUpReminderJob, ...bookingJobs, swapExpiryJob, swapOfferReminderJob, privacyRetentionJob, deliverNotificationsJob];
