import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking, Station } from '../../api/client';
import { codeGroups, spellCode, telHref, timeOf } from './bookingModel';
import { buildIcs } from './calendarFile';
import { useDayWords } from './dayWords';
import { UiIcon } from './icons';

/** The code in large type, in groups to read out one at a time. */
export function BookingCode({ code, label }: { code: string; label: string }) {
  return (
    <div className="booking-code">
      <p className="booking-code-label" id="booking-code-label">
        {label}
      </p>
      <p className="booking-code-value" aria-labelledby="booking-code-label" data-testid="booking-code" data-code={code}>
        {codeGroups(code).map((g, i) => (
          <span key={i} className="booking-code-group">
            {g}
          </span>
        ))}
      </p>
    </div>
  );
}

/** When, where, the address and phone, and the lawyer on duty. */
export function BookingFacts({ booking, station }: { booking: Booking; station?: Station }) {
  const { t } = useTranslation();
  const words = useDayWords();
  return (
    <dl className="booking-facts">
      <div>
        <dt>{t('book.done.when')}</dt>
        <dd className="booking-when">
          {words.day(booking.date)}{' '}
          <span className="nowrap">
            {timeOf(booking.start)}–{timeOf(booking.end)}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('book.done.where')}</dt>
        <dd>{booking.stationName}</dd>
      </div>
      {station?.address && (
        <div>
          <dt>{t('book.done.address')}</dt>
          <dd>
            {station.address}
            {station.phone && (
              <>
                <br />
                <a className="tel-link" href={telHref(station.phone)}>
                  <UiIcon name="phone" size={18} /> {station.phone}
                </a>
              </>
            )}
          </dd>
        </div>
      )}
      <div>
        <dt>{t('book.done.lawyer')}</dt>
        <dd>{booking.lawyerName ?? t('book.done.lawyerTbd')}</dd>
      </div>
    </dl>
  );
}

/** 上午9点半 / 下午2点 for a speech engine (digits with a colon are read oddly); `9:30` in English. */
export function speakableTime(start: string, words: { morning: string; afternoon: string; half: string }): string {
  const hhmm = timeOf(start);
  const hour = Number(hhmm.slice(0, 2));
  const minute = hhmm.slice(3);
  const part = hour < 12 ? words.morning : words.afternoon;
  const h = hour > 12 ? hour - 12 : hour;
  const m = minute === '00' ? '' : minute === '30' ? words.half : `${Number(minute)}分`;
  return `${part}${h}点${m}`;
}

function useSpeechText(booking: Booking, station: Station | undefined): string {
  const { t } = useTranslation();
  const words = useDayWords();
  const time =
    words.language === 'zh-CN'
      ? speakableTime(booking.start, { morning: t('book.time.morning'), afternoon: t('book.time.afternoon'), half: t('book.speech.half') })
      : timeOf(booking.start);
  const code = spellCode(booking.code, t('book.speech.separator'));
  return [
    t('book.speech.code', { code }),
    t('book.speech.when', { when: `${words.day(booking.date)} ${time}` }),
    t('book.speech.where', { station: booking.stationName, address: station?.address ?? '' }),
    booking.lawyerName ? t('book.speech.lawyer', { name: booking.lawyerName }) : '',
    t('book.speech.bring'),
    t('book.speech.change'),
  ]
    .filter(Boolean)
    .join(' ');
}

const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window;

/** Reads the booking aloud (for workers who do not read easily), in Chinese where the phone has a voice for it. */
export function ReadAloud({ booking, station }: { booking: Booking; station?: Station }) {
  const { t } = useTranslation();
  const words = useDayWords();
  const text = useSpeechText(booking, station);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => () => (canSpeak() ? window.speechSynthesis.cancel() : undefined), []);
  if (!canSpeak()) return null;

  const toggle = () => {
    const synth = window.speechSynthesis;
    synth.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    const lang = words.language === 'zh-CN' ? 'zh-CN' : 'en-US';
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = 0.85;
    const prefix = lang.slice(0, 2);
    const voices = synth.getVoices();
    const voice =
      voices.find((v) => v.lang.replace('_', '-') === lang) ?? voices.find((v) => v.lang.toLowerCase().startsWith(prefix));
    if (voice) utterance.voice = voice;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.speak(utterance);
    setSpeaking(true);
  };

  return (
    <button type="button" className="btn btn-big btn-read" onClick={toggle} aria-pressed={speaking}>
      <UiIcon name={speaking ? 'stop' : 'speaker'} /> {speaking ? t('book.done.stopReading') : t('book.done.readAloud')}
    </button>
  );
}

/** A link that saves the consultation to the phone's calendar: an .ics made here, no server round trip. */
export function CalendarLink({ booking, station }: { booking: Booking; station?: Station }) {
  const { t } = useTranslation();
  const [href, setHref] = useState<string | null>(null);
  const lawyer = booking.lawyerName ?? t('book.done.lawyerTbd');

  useEffect(() => {
    const ics = buildIcs({
      uid: `${booking.code}@${window.location.host || 'booking'}`,
      start: booking.start,
      end: booking.end,
      summary: t('book.ics.summary', { code: booking.code }),
      location: [booking.stationName, station?.address].filter(Boolean).join(' '),
      description: t('book.ics.description', { code: booking.code, lawyer, link: `${window.location.origin}/booking?code=${booking.code}` }),
      now: new Date(),
    });
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [booking.code, booking.start, booking.end, booking.stationName, station?.address, lawyer, t]);

  if (!href) return null;
  return (
    <a className="btn btn-big btn-calendar" href={href} download={t('book.ics.fileName', { code: booking.code })}>
      <UiIcon name="calendar" /> {t('book.done.calendar')}
    </a>
  );
}
