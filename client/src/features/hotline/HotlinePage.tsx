import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

// Placeholder: the hotline feature fills this page in.
export default function HotlinePage() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('placeholder.hotline.title')} body={t('placeholder.hotline.body')} />;
}
