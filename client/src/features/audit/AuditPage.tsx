import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { auditApi, queryKeys, type AuditEntry, type AuditQuery } from '../../api/client';
import { DateRangeFilters } from '../../components/DateRangeFilters';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useQueryParams } from '../../lib/useQueryParams';
import {
  actionLabel,
  actionsFor,
  actorOf,
  detailLines,
  ENTITIES,
  entityLabel,
  filtersOf,
  historyPath,
  networkDateTime,
  type AuditFilters,
  type Wording,
} from './auditModel';

const PAGE_SIZE = 50;

function queryOf(f: AuditFilters): AuditQuery {
  return {
    from: f.from,
    to: f.to,
    entity: f.entity as AuditQuery['entity'],
    entityId: f.entityId,
    action: f.action as AuditQuery['action'],
    username: f.username,
    views: f.views ? 'include' : 'exclude',
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}

/**
 * 操作记录 / Activity log (coordinators and admins): every recorded change, newest first,
 * with who did it and why. The filters live in the address, so a shift's or a swap's
 * "history" link opens the page on that one thing.
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t('audit.title')} · ${t('app.name')}`);
  const [params, update] = useQueryParams();
  const filters = filtersOf(params);
  const query = queryOf(filters);
  const list = useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => auditApi.list(query),
    placeholderData: (prev) => prev,
    // A change made a moment ago on another page must be here when the page opens.
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const w: Wording = useMemo(
    () => ({ t: (k, o) => t(k as never, o as never) as unknown as string, exists: (k) => i18n.exists(k), lang: i18n.resolvedLanguage === 'en' ? 'en' : 'zh-CN' }),
    [t, i18n, i18n.resolvedLanguage],
  );

  // The username filter waits for a pause in typing.
  const [username, setUsername] = useState(filters.username ?? '');
  useEffect(() => setUsername(filters.username ?? ''), [filters.username]);
  useEffect(() => {
    const typed = username.trim();
    if (typed === (filters.username ?? '')) return;
    const timer = setTimeout(() => update({ username: typed || null, page: null }), 400);
    return () => clearTimeout(timer);
  }, [username]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (patch: Record<string, string | null>) => update({ ...patch, page: null });
  const filtered = ['from', 'to', 'entity', 'action', 'username', 'views'].some((k) => params.get(k));
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const actions = actionsFor(filters.entity);

  return (
    <section className="page audit-page">
      <header className="page-header">
        <div>
          <h1>{t('audit.title')}</h1>
          <p className="muted">{t('audit.subtitle')}</p>
        </div>
      </header>

      {filters.entity && filters.entityId && (
        <div className="alert alert-info audit-history" role="status">
          <span>{t('audit.history.title', { what: entityLabel(filters.entity, w), id: filters.entityId })}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => set({ entity: null, entityId: null, action: null })}>
            {t('audit.history.all')}
          </button>
        </div>
      )}

      <div className="filters card" role="search" aria-label={t('audit.filters.label')}>
        <DateRangeFilters
          from={filters.from}
          to={filters.to}
          fromLabel={t('audit.filters.from')}
          toLabel={t('audit.filters.to')}
          onFrom={(v) => set({ from: v || null })}
          onTo={(v) => set({ to: v || null })}
        />
        <label className="filter">
          <span>{t('audit.filters.entity')}</span>
          <select value={filters.entity ?? ''} onChange={(e) => set({ entity: e.target.value || null, entityId: null, action: null })}>
            <option value="">{t('audit.filters.allEntities')}</option>
            {ENTITIES.map((x) => (
              <option key={x} value={x}>
                {entityLabel(x, w)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('audit.filters.action')}</span>
          <select value={filters.action ?? ''} onChange={(e) => set({ action: e.target.value || null })}>
            <option value="">{t('audit.filters.allActions')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a, w)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter filter-username">
          <span>{t('audit.filters.username')}</span>
          <input
            type="search"
            value={username}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('audit.filters.usernamePlaceholder')}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="check filter-check">
          <input type="checkbox" checked={filters.views} onChange={(e) => set({ views: e.target.checked ? 'include' : null })} />
          <span>{t('audit.filters.views')}</span>
        </label>
        {filtered && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              setUsername('');
              update({ from: null, to: null, entity: null, entityId: null, action: null, username: null, views: null, page: null });
            }}
          >
            {t('audit.filters.clear')}
          </button>
        )}
      </div>

      <p className="muted small audit-privacy">{t('audit.withheld')}</p>

      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <Loading />
      ) : !data ? null : data.items.length === 0 ? (
        <p className="card muted">{filtered || filters.entityId ? t('audit.list.noMatch') : t('audit.list.empty')}</p>
      ) : (
        <>
          <h2 className="audit-count">
            {t('audit.list.title')} <span className="muted small">{t('audit.list.total', { count: data.total })}</span>
          </h2>
          <div className="table-wrap">
            <table className="table audit-table table-stack">
              <thead>
                <tr>
                  <th scope="col">{t('audit.list.when')}</th>
                  <th scope="col">{t('audit.list.who')}</th>
                  <th scope="col">{t('audit.list.what')}</th>
                  <th scope="col">{t('audit.list.target')}</th>
                  <th scope="col">{t('audit.list.details')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <AuditRow key={e.id} entry={e} w={w} filters={filters} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {data && pages > 1 && (
        <nav className="hl-pager" aria-label={t('audit.pager.label')}>
          <button type="button" className="btn btn-small" disabled={filters.page <= 1} onClick={() => update({ page: filters.page - 1 > 1 ? String(filters.page - 1) : null })}>
            {t('audit.pager.prev')}
          </button>
          <span className="muted small">{t('audit.pager.status', { page: filters.page, pages })}</span>
          <button type="button" className="btn btn-small" disabled={filters.page >= pages} onClick={() => update({ page: String(filters.page + 1) })}>
            {t('audit.pager.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function AuditRow({ entry: e, w, filters }: { entry: AuditEntry; w: Wording; filters: AuditFilters }) {
  const { t } = w;
  const actor = actorOf(e, w);
  const lines = detailLines(e, w);
  const what = entityLabel(e.entity, w);
  const thisOne = filters.entity === e.entity && filters.entityId === e.entityId;
  return (
    <tr data-audit-id={e.id} data-action={e.action}>
      <td className="audit-when nowrap">
        <time dateTime={e.at}>{networkDateTime(e.at)}</time>
      </td>
      <td className="audit-who" data-label={t('audit.list.who')}>
        <div>
          {actor.name}
          {actor.username && <div className="muted small mono">{actor.username}</div>}
        </div>
      </td>
      <td className="audit-what" data-label={t('audit.list.what')}>
        <span className={`badge audit-action audit-action-${e.action.split('.')[0]}`}>{actionLabel(e.action, w)}</span>
      </td>
      <td className="audit-target" data-label={t('audit.list.target')}>
        {e.entityId === null || thisOne ? (
          <span>
            {what}
            {e.entityId !== null && ` #${e.entityId}`}
          </span>
        ) : (
          <Link to={historyPath(e.entity, e.entityId)} title={t('audit.list.historyOf', { what, id: e.entityId })}>
            {what} #{e.entityId}
          </Link>
        )}
      </td>
      <td className="audit-details" data-label={t('audit.list.details')}>
        {lines.length === 0 ? (
          <span className="muted">{t('audit.list.noDetails')}</span>
        ) : (
          <dl className="audit-lines">
            {lines.map((l, i) => (
              <div key={i} className={l.withheld ? 'is-withheld' : undefined}>
                <dt>
                  {l.label}
                  {t('common.colon')}
                </dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
    </tr>
  );
}
