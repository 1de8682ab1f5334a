import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: the dashboard feature fills this page in.
export default function DashboardPage() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('placeholder.dashboard.title')} body={t('placeholder.dashboard.body')} />;
}
