import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: the myDuty feature fills this page in.
export default function MyDutyPage() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('placeholder.myDuty.title')} body={t('placeholder.myDuty.body')} />;
}
