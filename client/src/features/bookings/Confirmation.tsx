import type { Ref } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking, Station, WaitlistEntry } from '../../api/client';
import { BookingCode, BookingFacts, CalendarLink, ReadAloud } from './BookingExtras';
import { useDayWords } from './dayWords';

/** What to bring to a consultation. */
export function BringList() {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('book.done.bringHeading')}</h3>
      <ul className="bring-list">
        <li>{t('book.done.bring.id')}</li>
        <li>{t('book.done.bring.evidence')}</li>
        <li>{t('book.done.bring.talks')}</li>
      </ul>
    </>
  );
}

/** Step 5: the code to keep, when and where, what to bring, how to change it. */
export function Confirmation({ booking, station, headingRef }: { booking: Booking; station?: Station; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <div className="book-done">
      <h2 ref={headingRef} tabIndex={-1} className="step-heading done-heading">
        <span className="done-mark" aria-hidden="true">
          ✓
        </span>
        {t('book.done.heading')}
      </h2>
      <BookingCode code={booking.code} label={t('book.done.codeLabel')} />
      <p className="book-hint-strong">{t('book.done.codeHint')}</p>
      <div className="book-actions">
        <ReadAloud booking={booking} station={station} />
        <CalendarLink booking={booking} station={station} />
      </div>
      <BookingFacts booking={booking} station={station} />
      <BringList />
      <h3>{t('book.done.changeHeading')}</h3>
      <p>{t('book.done.changeText')}</p>
      <p>
        <Link className="btn btn-big" to={`/booking?code=${encodeURIComponent(booking.code)}`}>
          {t('book.done.changeLink')}
        </Link>
      </p>
      <p>
        <Link className="btn btn-back" to="/">
          {t('book.done.home')}
        </Link>
      </p>
    </div>
  );
}

/** After joining a full day's waitlist: the place in line, the code, and what happens next. */
export function Waitlisted({ entry, headingRef }: { entry: WaitlistEntry; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  const words = useDayWords();
  return (
    <div className="book-done">
      <h2 ref={headingRef} tabIndex={-1} className="step-heading">
        {t('book.waitlist.doneHeading')}
      </h2>
      <p className="book-lead">
        {entry.stationName} · {words.day(entry.date)}
      </p>
      {entry.position !== null && <p className="book-lead">{t('book.waitlist.position', { position: entry.position })}</p>}
      <BookingCode code={entry.code} label={t('book.waitlist.codeLabel')} />
      <p className="book-hint-strong">{t('book.waitlist.howTo')}</p>
      <p>{t('book.waitlist.notSure')}</p>
      <p>
        <Link className="btn btn-big" to={`/booking?claim=1&code=${encodeURIComponent(entry.code)}`}>
          {t('lookup.claimTitle')}
        </Link>
      </p>
      <p>
        <Link className="btn btn-back" to="/">
          {t('book.done.home')}
        </Link>
      </p>
    </div>
  );
}
