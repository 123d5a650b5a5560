import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

export function RevokedScreen({ unsent, onPairAgain }: { unsent: number; onPairAgain: () => void }) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => button.current?.focus(), []);
  return (
    <div className="desk-page">
      <header className="desk-bar">
        <h1>{t('desk.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="pair-card revoked" role="alert" data-testid="desk-revoked">
        <h2>{t('desk.revoked.heading')}</h2>
        <p>{t('desk.revoked.explain')}</p>
        {unsent > 0 && (
          <p className="problem" data-testid="desk-revoked-unsent">
            {t('desk.revoked.unsent', { count: unsent })}
          </p>
        )}
        <button type="button" className="primary" ref={button} onClick={onPairAgain}>
          {t('desk.revoked.pairAgain')}
        </button>
      </main>
    </div>
  );
}
