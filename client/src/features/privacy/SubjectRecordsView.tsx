import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station, SubjectRecords } from '../../api/client';
import type { PrivacyTranslation } from '../../i18n/privacy.zh-CN';
import { shortStationName } from '../stations/stationTree';
import { dateOnly, dateTime, isLiveWaitlist, isUpcomingAppointment, messageSubject } from './privacyModel';

type P = PrivacyTranslation['privacy'];
type Group = keyof P['groups'];

/** Labels for values the schema types as plain strings; an unknown value shows as it is. */
function useLabels() {
  const { t } = useTranslation();
  return {
    source: (v: string) => (Object.hasOwn(sourceKeys, v) ? t(`privacy.source.${v as keyof P['source']}`) : v),
    waitlistStatus: (v: string) => (Object.hasOwn(waitlistKeys, v) ? t(`privacy.waitlistStatus.${v as keyof P['waitlistStatus']}`) : v),
    channel: (v: string) => (Object.hasOwn(channelKeys, v) ? t(`privacy.channel.${v as keyof P['channel']}`) : v),
    notificationStatus: (v: string) =>
      Object.hasOwn(notificationKeys, v) ? t(`privacy.notificationStatus.${v as keyof P['notificationStatus']}`) : v,
    entity: (v: string) => (Object.hasOwn(entityKeys, v) ? t(`privacy.entity.${v as keyof P['entity']}`) : v),
    field: (v: string) => (Object.hasOwn(fieldKeys, v) ? t(`privacy.mentionField.${v as keyof P['mentionField']}`) : v),
  };
}

const sourceKeys = { online: 1, walk_in: 1, waitlist: 1 };
const waitlistKeys = { waiting: 1, offered: 1, booked: 1, expired: 1 };
const channelKeys = { sms: 1, in_app: 1, email: 1 };
const notificationKeys = { pending: 1, sending: 1, sent: 1, failed: 1, dead: 1 };
const entityKeys = { appointment: 1, hotline_call: 1, hotline_follow_up: 1, referral: 1 };
const fieldKeys = { note: 1, outcomeNote: 1, summary: 1, closeNote: 1 };

/** Every record holding the number, one table per kind; kinds with nothing are left out. */
export function SubjectRecordsView({ records, stations }: { records: SubjectRecords; stations: readonly Station[] }) {
  const { t } = useTranslation();
  const label = useLabels();
  const stationName = (id: number) => stations.find((s) => s.id === id)?.name ?? `#${id}`;
  const now = new Date();

  return (
    <div className="privacy-groups">
      {records.appointments.length > 0 && (
        <RecordGroup kind="appointments" count={records.appointments.length}>
          <thead>
            <tr>
              <th scope="col">{t('privacy.cols.when')}</th>
              <th scope="col">{t('privacy.cols.station')}</th>
              <th scope="col">{t('privacy.cols.code')}</th>
              <th scope="col">{t('privacy.cols.category')}</th>
              <th scope="col">{t('privacy.cols.status')}</th>
              <th scope="col">{t('privacy.cols.person')}</th>
              <th scope="col">{t('privacy.cols.note')}</th>
            </tr>
          </thead>
          <tbody>
            {records.appointments.map((a) => (
              <tr key={a.id} data-appointment-id={a.id}>
                <td className="nowrap">{dateTime(a.start)}</td>
                <td title={a.stationName}>{shortStationName(a.stationName)}</td>
                <td className="mono nowrap">{a.code}</td>
                <td>
                  <Category value={a.category} />
                </td>
                <td>
                  <div className="privacy-status">
                    <span>{t(`appointmentStatus.${a.status as 'booked'}`, { defaultValue: a.status })}</span>
                    {isUpcomingAppointment(a, now) && <span className="badge badge-status-gap">{t('privacy.upcoming')}</span>}
                    <Pseudonymized at={a.pseudonymizedAt} />
                  </div>
                  <div className="muted small">{label.source(a.source)}</div>
                </td>
                <td>
                  <Person name={a.name} phone={a.phone} />
                  <Consent at={a.consentAt} />
                </td>
                <td className="privacy-text">{[a.note, a.outcomeNote].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </RecordGroup>
      )}

      {records.waitlist.length > 0 && (
        <RecordGroup kind="waitlist" count={records.waitlist.length}>
          <thead>
            <tr>
              <th scope="col">{t('privacy.cols.date')}</th>
              <th scope="col">{t('privacy.cols.station')}</th>
              <th scope="col">{t('privacy.cols.code')}</th>
              <th scope="col">{t('privacy.cols.category')}</th>
              <th scope="col">{t('privacy.cols.status')}</th>
              <th scope="col">{t('privacy.cols.person')}</th>
            </tr>
          </thead>
          <tbody>
            {records.waitlist.map((w) => (
              <tr key={w.id}>
                <td className="nowrap">{w.date}</td>
                <td title={w.stationName}>{shortStationName(w.stationName)}</td>
                <td className="mono nowrap">{w.code}</td>
                <td>
                  <Category value={w.category} />
                </td>
                <td>
                  <div className="privacy-status">
                    <span>{label.waitlistStatus(w.status)}</span>
                    {isLiveWaitlist(w, now) && <span className="badge badge-status-gap">{t('privacy.upcoming')}</span>}
                    <Pseudonymized at={w.pseudonymizedAt} />
                  </div>
                </td>
                <td>
                  <Person name={w.name} phone={w.phone} />
                  <Consent at={w.consentAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </RecordGroup>
      )}

      {records.hotlineCalls.length > 0 && (
        <RecordGroup kind="hotlineCalls" count={records.hotlineCalls.length}>
          <thead>
            <tr>
              <th scope="col">{t('privacy.cols.when')}</th>
              <th scope="col">{t('privacy.cols.station')}</th>
              <th scope="col">{t('privacy.cols.category')}</th>
              <th scope="col">{t('privacy.cols.person')}</th>
              <th scope="col">{t('privacy.cols.summary')}</th>
              <th scope="col">{t('privacy.cols.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {records.hotlineCalls.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">{dateTime(c.receivedAt)}</td>
                <td title={c.stationName}>{shortStationName(c.stationName)}</td>
                <td>
                  <Category value={c.category} />
                </td>
                <td>
                  <Person name={c.callerName} phone={c.callerPhone} />
                  {!c.callerConsent && <div className="muted small">{t('privacy.noConsent')}</div>}
                </td>
                <td className="privacy-text">{c.summary}</td>
                <td>
                  <div className="privacy-status">
                    <span>{t(`hotline.outcome.${c.outcome as 'answered'}`, { defaultValue: c.outcome })}</span>
                    <Pseudonymized at={c.pseudonymizedAt} />
                  </div>
                  {c.followUps.length > 0 && <div className="muted small">{t('privacy.followUps', { count: c.followUps.length })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </RecordGroup>
      )}

      {records.referrals.length > 0 && (
        <RecordGroup kind="referrals" count={records.referrals.length}>
          <thead>
            <tr>
              <th scope="col">{t('privacy.cols.date')}</th>
              <th scope="col">{t('privacy.cols.route')}</th>
              <th scope="col">{t('privacy.cols.stage')}</th>
              <th scope="col">{t('privacy.cols.category')}</th>
              <th scope="col">{t('privacy.cols.status')}</th>
              <th scope="col">{t('privacy.cols.person')}</th>
              <th scope="col">{t('privacy.cols.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {records.referrals.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  {r.referredDate}
                  {r.closedDate && <div className="muted small">→ {r.closedDate}</div>}
                </td>
                <td>
                  {shortStationName(stationName(r.fromStationId))} → {shortStationName(stationName(r.toStationId))}
                </td>
                <td>{t(`hotline.stage.${r.stage as 'court'}`, { defaultValue: r.stage })}</td>
                <td>
                  <Category value={r.category} />
                </td>
                <td>
                  <div className="privacy-status">
                    <span>{t(`hotline.referralStatus.${r.status as 'pending'}`, { defaultValue: r.status })}</span>
                    <Pseudonymized at={r.pseudonymizedAt} />
                  </div>
                  {r.result && <div className="muted small">{t(`hotline.referralResult.${r.result as 'settled'}`, { defaultValue: r.result })}</div>}
                </td>
                <td>
                  <Person name={r.workerName} phone={r.workerPhone} />
                </td>
                <td className="privacy-text">{[r.summary, r.closeNote].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </RecordGroup>
      )}

      {records.notifications.length > 0 && (
        <RecordGroup kind="notifications" count={records.notifications.length}>
          <thead>
            <tr>
              <th scope="col">{t('privacy.cols.when')}</th>
              <th scope="col">{t('privacy.cols.channel')}</th>
              <th scope="col">{t('privacy.cols.message')}</th>
              <th scope="col">{t('privacy.cols.status')}</th>
            </tr>
          </thead>
          <tbody>
            {records.notifications.map((n) => (
              <tr key={n.id}>
                <td className="nowrap">{dateTime(n.sentAt ?? n.createdAt)}</td>
                <td className="nowrap">{label.channel(n.channel)}</td>
                <td className="privacy-text">
                  {messageSubject(n.title, n.body) && (
                    <>
                      <strong>{n.title}</strong>{' '}
                    </>
                  )}
                  {n.body}
                </td>
                <td className="nowrap">{label.notificationStatus(n.status)}</td>
              </tr>
            ))}
          </tbody>
        </RecordGroup>
      )}

      {records.mentions.length > 0 && (
        <RecordGroup kind="mentions" count={records.mentions.length} note={t('privacy.mentionsNote')}>
          <thead>
            <tr>
              <th scope="col">{t('privacy.cols.record')}</th>
              <th scope="col">{t('privacy.cols.field')}</th>
            </tr>
          </thead>
          <tbody>
            {records.mentions.map((m) => (
              <tr key={`${m.entity}-${m.id}-${m.field}`}>
                <td>
                  {label.entity(m.entity)} #{m.id}
                </td>
                <td>{label.field(m.field)}</td>
              </tr>
            ))}
          </tbody>
        </RecordGroup>
      )}
    </div>
  );
}

function RecordGroup({ kind, count, note, children }: { kind: Group; count: number; note?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const id = `privacy-group-${kind}`;
  return (
    <section className="privacy-group card" aria-labelledby={id} data-group={kind}>
      <h2 id={id}>
        {t(`privacy.groups.${kind}`)} <span className="count">{t('privacy.groupCount', { count })}</span>
      </h2>
      {note && <p className="muted small">{note}</p>}
      <div className="table-wrap">
        <table className="table privacy-table">{children}</table>
      </div>
    </section>
  );
}

function Category({ value }: { value: string }) {
  const { t } = useTranslation();
  return <span className={`chip chip-cat-${value}`}>{t(`category.${value as 'other'}`, { defaultValue: value })}</span>;
}

function Person({ name, phone }: { name: string | null; phone: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="nowrap">
      {name || <span className="muted">{t('hotline.anonymous')}</span>}
      {phone && <div className="mono small">{phone}</div>}
    </div>
  );
}

function Consent({ at }: { at: string | null }) {
  const { t } = useTranslation();
  return <div className="muted small">{at ? t('privacy.consentAt', { at: dateOnly(at) }) : t('privacy.noConsent')}</div>;
}

function Pseudonymized({ at }: { at: string | null }) {
  const { t } = useTranslation();
  if (!at) return null;
  return (
    <span className="badge badge-muted" title={dateTime(at)}>
      {t('privacy.pseudonymized')}
    </span>
  );
}
