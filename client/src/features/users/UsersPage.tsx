import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi, queryKeys } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';

// A read-only list for now; creating accounts (POST /api/users) is still to be built here.
export default function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: authApi.listUsers });
  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('users.title')}</h1>
      </header>
      {users.isPending && <Loading />}
      <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />
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
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{u.lawyerId ?? '—'}</td>
                  <td>{u.stationId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
