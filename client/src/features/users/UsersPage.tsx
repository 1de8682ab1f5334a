import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useRevealOnPhone } from '../../lib/useRevealOnPhone';
import { useLawyers } from '../lawyers/useLawyers';
import { useStations } from '../stations/useStations';
import { AccountEditor } from './AccountEditor';
import { linkableLawyers } from './accountForm';
import { NewAccountForm } from './NewAccountForm';
import { useUpdateUser, useUserAccounts } from './useUsers';
import { Notice } from '../../components/Notice';

const COLUMNS = 7;

/**
 * The accounts of the network (admins only): open a new one, change an account's role,
 * lawyer or station, give it a new password, deactivate or reactivate it. The server's
 * rules (one active account per lawyer, the last admin, password length) answer in its own
 * words, shown where they apply.
 */
export default function UsersPage() {
  const { t } = useTranslation();
  const { user: me } = useAuth();
  const users = useUserAccounts();
  // Names for the lawyer and station columns (inactive ones too: an account may still point at one).
  const lawyers = useLawyers(true);
  const stations = useStations(true);
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRevealOnPhone<HTMLDivElement>(creating ? 'new' : null);

  const accounts = users.data ?? [];
  const lawyerName = (id: number | null) =>
    id === null ? '—' : (lawyers.data?.find((l) => l.id === id)?.name ?? (lawyers.isPending ? '…' : `#${id}`));
  const stationName = (id: number | null) =>
    id === null ? '—' : (stations.data?.find((s) => s.id === id)?.name ?? (stations.isPending ? '…' : `#${id}`));
  // What a form may offer: active stations and linkable lawyers, plus what the edited account already has.
  const stationsFor = (a: UserAccount | null) => (stations.data ?? []).filter((s) => s.active || s.id === a?.stationId);
  const lawyersFor = (a: UserAccount | null) => linkableLawyers(lawyers.data ?? [], accounts, a);

  const startCreating = () => {
    setNotice(null);
    setEditingId(null);
    setCreating(true);
  };
  const startEditing = (id: number) => {
    setNotice(null);
    setCreating(false);
    setEditingId((current) => (current === id ? null : id));
  };

  return (
    <section className="page users-page">
      <header className="page-header">
        <div>
          <h1>{t('users.title')}</h1>
          <p className="muted">{t('users.subtitle')}</p>
        </div>
        {!creating && (
          <div className="page-actions">
            <button type="button" className="btn btn-primary" onClick={startCreating}>
              {t('users.new')}
            </button>
          </div>
        )}
      </header>

      <Notice text={notice} />
      {creating && (
        <div ref={formRef} className="users-new">
          <NewAccountForm
            lawyers={lawyersFor(null)}
            lawyersLoading={lawyers.isPending || users.isPending}
            stations={stationsFor(null)}
            onDone={(created) => {
              setCreating(false);
              setNotice(t('users.created', { username: created.username }));
            }}
            onCancel={() => setCreating(false)}
          />
        </div>
      )}

      {users.isPending && <Loading />}
      <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />
      {users.data?.length === 0 && <p className="muted">{t('users.empty')}</p>}
      {accounts.length > 0 && (
        <div className="table-wrap">
          <table className="table accounts-table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.lawyerId')}</th>
                <th scope="col">{t('users.stationId')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((u) => (
                <Fragment key={u.id}>
                  <AccountRow
                    account={u}
                    self={me?.id === u.id}
                    editing={editingId === u.id}
                    lawyerName={lawyerName(u.lawyerId)}
                    stationName={stationName(u.stationId)}
                    onEdit={() => startEditing(u.id)}
                    onNotice={setNotice}
                  />
                  {editingId === u.id && (
                    <tr className="account-editor-row">
                      <td colSpan={COLUMNS}>
                        <AccountEditor
                          account={u}
                          lawyers={lawyersFor(u)}
                          lawyersLoading={lawyers.isPending}
                          stations={stationsFor(u)}
                          onDone={(message) => {
                            setEditingId(null);
                            setNotice(message);
                          }}
                          onCancel={() => setEditingId(null)}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface RowProps {
  account: UserAccount;
  self: boolean;
  editing: boolean;
  lawyerName: string;
  stationName: string;
  onEdit: () => void;
  onNotice: (message: string) => void;
}

/** One account: on a phone a card of labelled lines, on a wider screen a table row. */
function AccountRow({ account: u, self, editing, lawyerName, stationName, onEdit, onNotice }: RowProps) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const name = u.displayName || u.username;

  const toggle = () => {
    const question = u.active ? 'users.confirmDeactivate' : 'users.confirmActivate';
    if (!window.confirm(t(question, { name, username: u.username }))) return;
    const done = u.active ? 'users.deactivated' : 'users.activated';
    update.mutate({ id: u.id, body: { active: !u.active } }, { onSuccess: () => onNotice(t(done, { username: u.username })) });
  };

  return (
    <>
      <tr className={[u.active ? '' : 'is-inactive', editing ? 'is-selected' : ''].join(' ').trim() || undefined}>
        <th scope="row" className="account-username">
          {u.username}
          {self && <span className="badge badge-soft">{t('users.you')}</span>}
        </th>
        <td data-label={t('users.displayName')}>{u.displayName}</td>
        <td data-label={t('users.role')}>{t(`roles.${u.role}`)}</td>
        <td data-label={t('users.lawyerId')} className={u.lawyerId === null ? 'account-empty' : undefined}>
          {lawyerName}
        </td>
        <td data-label={t('users.stationId')} className={u.stationId === null ? 'account-empty' : undefined}>
          {stationName}
        </td>
        <td data-label={t('users.status')}>
          <span className={u.active ? 'badge badge-ok' : 'badge badge-muted'}>{u.active ? t('users.active') : t('users.inactive')}</span>
        </td>
        <td className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={editing}
            aria-label={t('users.editLabel', { username: u.username })}
            onClick={onEdit}
          >
            {t('common.edit')}
          </button>
          {!self && (
            <button
              type="button"
              className={u.active ? 'btn btn-small btn-danger' : 'btn btn-small'}
              onClick={toggle}
              disabled={update.isPending}
              aria-label={t(u.active ? 'users.deactivateLabel' : 'users.activateLabel', { username: u.username })}
            >
              {u.active ? t('users.deactivate') : t('users.activate')}
            </button>
          )}
        </td>
      </tr>
      {update.error != null && (
        <tr className="account-error-row">
          <td colSpan={COLUMNS}>
            <ErrorMessage error={update.error} />
          </td>
        </tr>
      )}
    </>
  );
}
