import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InAppMessage, Role } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { shownText } from '../../../../server/notifications/staffText';
import { exactTime, relativeTime } from './relativeTime';
import { useMarkAllRead, useMarkRead, useMessages, useUnreadCount } from './useNotifications';

/** Where a message leads, for the reader's role. */
function linkFor(msg: InAppMessage, role: Role): string | null {
  if (msg.kind.startsWith('swap_')) return role === 'coordinator' ? '/swaps' : role === 'lawyer' ? '/my-duty' : null;
  if (msg.kind === 'roster_published') return role === 'lawyer' ? '/my-duty' : role === 'coordinator' ? '/roster' : null;
  return null;
}

/** The header's bell: how many messages are unread, and the recent ones in a drop-down. */
export function NotificationBell({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  /** Where the bell's bottom edge is on screen: on phones the panel spans the screen from there. */
  const [top, setTop] = useState<number | null>(null);
  const count = useUnreadCount();
  const messages = useMessages(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const titleId = useId();

  // Close on Escape (focus back on the bell) and on a click outside.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onDown = (e: PointerEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  const onItem = (msg: InAppMessage) => {
    if (!msg.readAt) markRead.mutate(msg.id);
    const to = linkFor(msg, role);
    if (to) {
      setOpen(false);
      void navigate(to);
    }
  };

  const items = messages.data?.items ?? [];
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');

  return (
    <div className="bell" ref={wrap}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-small bell-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setTop(button.current ? Math.round(button.current.getBoundingClientRect().bottom) : null);
          setOpen((o) => !o);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && (
          <span className="bell-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div
          id={panelId}
          className="bell-panel card"
          role="region"
          aria-labelledby={titleId}
          style={top === null ? undefined : ({ '--bell-top': `${top}px` } as CSSProperties)}
        >
          <div className="bell-head">
            <h2 id={titleId}>{t('notifications.title')}</h2>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              disabled={count === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              {t('notifications.markAll')}
            </button>
          </div>
          {messages.isPending && <Loading />}
          <ErrorMessage error={messages.error} onRetry={() => void messages.refetch()} />
          <ErrorMessage error={markRead.error ?? markAll.error} />
          {messages.data && items.length === 0 && <p className="muted bell-empty">{t('notifications.empty')}</p>}
          {items.length > 0 && (
            <ul className="bell-list">
              {items.map((m) => {
                // The server gives it in the reader's saved language; the page may be showing the other one.
                const text = shownText(m, lang.startsWith('en') ? 'en' : 'zh');
                return (
                  <li key={m.id} className={m.readAt ? 'is-read' : 'is-unread'}>
                    <button type="button" className="bell-item" onClick={() => onItem(m)}>
                      <span className="bell-item-title">
                        {!m.readAt && <span className="bell-dot" aria-label={t('notifications.unread')} />}
                        {text.title}
                      </span>
                      <span className="bell-item-body">{text.body}</span>
                      <time className="bell-item-time" dateTime={m.createdAt} title={exactTime(m.createdAt, lang)}>
                        {relativeTime(m.createdAt, lang, t('notifications.justNow'))}
                      </time>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
