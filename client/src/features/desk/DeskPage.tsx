import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: the desk feature fills this page in.
export default function DeskPage() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('placeholder.desk.title')} body={t('placeholder.desk.body')} />;
}
