import { useTranslation } from 'react-i18next';
import { switchLanguage } from './desk-i18n';

/** Names the other language in that language («English» on the Arabic page, «العربية» on the English one). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      className="language"
      lang={other}
      aria-label={`${t('desk.languageLabel')}: ${t('desk.language')}`}
      data-testid="desk-language"
      onClick={() => void switchLanguage(other)}
    >
      {t('desk.language')}
    </button>
  );
}
