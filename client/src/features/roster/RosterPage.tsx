import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: the roster feature fills this page in.
export default function RosterPage() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('placeholder.roster.title')} body={t('placeholder.roster.body')} />;
}
