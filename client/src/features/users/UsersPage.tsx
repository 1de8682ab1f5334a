import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { useLawyers } from '../lawyers/useLawyers';
import { useStations } from '../stations/useStations';
import { useUpdateUser, useUserAccounts, type UserAccount } from './useUsers';

// Creating accounts (POST /api/users) is still to be built here; the CLI does it meanwhile.
export default function UsersPage() {
  const { t } = useTranslation();
  const { user: me } = useAuth();
  const users = useUserAccounts();
  const update = useUpdateUser();
  // Names for the lawyer and station columns (inactive ones too: an account may still point at one).
  const lawyers = useLawyers(true);
  const stations = useStations(true);
  const lawyerName = (id: number | null) =>
    id === null ? '—' : (lawyers.data?.find((l) => l.id === id)?.name ?? (lawyers.isPending ? '…' : `#${id}`));
  const stationName = (id: number | null) =>
    id === null ? '—' : (stations.data?.find((s) => s.id === id)?.name ?? (stations.isPending ? '…' : `#${id}`));

  const toggle = (u: UserAccount) => {
    const question = u.active ? 'users.confirmDeactivate' : 'users.confirmActivate';
    if (!window.confirm(t(question, { name: u.displayName || u.username, username: u.username }))) return;
    update.mutate({ id: u.id, body: { active: !u.active } });
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('users.title')}</h1>
      </header>
      {users.isPending && <Loading />}
      <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />
      <ErrorMessage error={update.error} />
      {users.data?.length === 0 && <p className="muted">{t('users.empty')}</p>}
      {users.data && users.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
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
              {users.data.map((u) => {
                const busy = update.isPending && update.variables?.id === u.id;
                const self = me?.id === u.id;
                return (
                  <tr key={u.id} className={u.active ? undefined : 'is-inactive'}>
                    <th scope="row">{u.username}</th>
                    <td>{u.displayName}</td>
                    <td>{t(`roles.${u.role}`)}</td>
                    <td>{lawyerName(u.lawyerId)}</td>
                    <td>{stationName(u.stationId)}</td>
                    <td>
                      <span className={u.active ? 'badge badge-ok' : 'badge badge-muted'}>
                        {u.active ? t('users.active') : t('users.inactive')}
                      </span>
                    </td>
                    <td>
                      {self ? (
                        <span className="small muted">{t('users.you')}</span>
                      ) : (
                        <button
                          type="button"
                          className={u.active ? 'btn btn-small btn-danger' : 'btn btn-small'}
                          onClick={() => toggle(u)}
                          disabled={busy}
                          aria-label={t(u.active ? 'users.deactivateLabel' : 'users.activateLabel', { username: u.username })}
                        >
                          {u.active ? t('users.deactivate') : t('users.activate')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
