import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from './auth/RequireAuth';
import { rolesFor } from './auth/navigation';
import { Loading } from './components/Loading';
import { PublicLayout } from './layout/PublicLayout';
import { HomePage } from './features/home/HomePage';
import { LoginPage } from './features/auth/LoginPage';
import { BookPage } from './features/bookings/BookPage';
import { BookingLookupPage } from './features/bookings/BookingLookupPage';
import { loadStaffStrings } from './i18n';
import { useDocumentTitle } from './lib/useDocumentTitle';

// Everything behind sign-in is loaded on demand, so the public pages stay small: the staff
// shell with the staff pages' strings, then each page; the calendar (FullCalendar) and the
// figures (ECharts) come only with their routes.
const StaffLayout = lazy(() => Promise.all([import('./layout/StaffLayout'), loadStaffStrings()]).then(([m]) => ({ default: m.StaffLayout })));
const CoveragePage = lazy(() => import('./features/coverage/CoveragePage'));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const StationsPage = lazy(() => import('./features/stations/StationsPage'));
const LawyersPage = lazy(() => import('./features/lawyers/LawyersPage'));
const RosterPage = lazy(() => import('./features/roster/RosterPage'));
const ClosuresPage = lazy(() => import('./features/calendar/ClosuresPage'));
const MyDutyPage = lazy(() => import('./features/my-duty/MyDutyPage'));
const SwapInboxPage = lazy(() => import('./features/swaps/SwapInboxPage'));
const DeskPage = lazy(() => import('./features/desk/DeskPage'));
const HotlinePage = lazy(() => import('./features/hotline/HotlinePage'));
const UsersPage = lazy(() => import('./features/users/UsersPage'));
const PrivacyPage = lazy(() => import('./features/privacy/PrivacyPage'));
const AuditPage = lazy(() => import('./features/audit/AuditPage'));

const STAFF_PAGES: [path: string, Page: LazyExoticComponent<ComponentType>][] = [
  ['/coverage', CoveragePage],
  ['/roster', RosterPage],
  ['/stations', StationsPage],
  ['/stations/closures', ClosuresPage],
  ['/lawyers', LawyersPage],
  ['/dashboard', DashboardPage],
  ['/my-duty', MyDutyPage],
  ['/swaps', SwapInboxPage],
  ['/desk', DeskPage],
  ['/hotline', HotlinePage],
  ['/users', UsersPage],
  ['/privacy', PrivacyPage],
  ['/audit', AuditPage],
];

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<PublicLayout />}>
          <Route index element={<HomePage />} />
          <Route path="book" element={<BookPage />} />
          <Route path="book/:stationCode" element={<BookPage />} />
          <Route path="booking" element={<BookingLookupPage />} />
          <Route
            path="login"
            element={
              <Titled titleKey="login.title">
                <LoginPage />
              </Titled>
            }
          />
        </Route>
        <Route
          element={
            <RequireAuth>
              <Suspense fallback={<Loading />}>
                <StaffLayout />
              </Suspense>
            </RequireAuth>
          }
        >
          {STAFF_PAGES.map(([path, Page]) => (
            <Route
              key={path}
              path={path}
              element={
                <RequireAuth roles={rolesFor(path)}>
                  <Suspense fallback={<Loading />}>
                    <Page />
                  </Suspense>
                </RequireAuth>
              }
            />
          ))}
        </Route>
        <Route element={<PublicLayout />}>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}

/** A public page that does not set its own tab title gets "<its title> · <site name>". */
function Titled({ titleKey, children }: { titleKey: 'login.title'; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t(titleKey)} · ${t('app.name')}`);
  return children;
}

function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('notFound.title')} · ${t('app.name')}`);
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
