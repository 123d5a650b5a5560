import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-context';
import { behindModal, hasOwnUndo } from '../lib/own-undo';

const TOAST_MS = 10_000;

/** The one message line at the bottom; its action (Undo) also answers Ctrl+Z. */
export function ToastBar() {
  const { toast, notify } = useApp();
  const { t } = useTranslation();

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => notify(null), TOAST_MS);
    const onKey = (event: KeyboardEvent) => {
      const ownUndo = hasOwnUndo(event.target) || behindModal(event.target);
      const ctrlZ = (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z';
      if (toast.action && ctrlZ && !ownUndo) {
        event.preventDefault();
        notify(null);
        void toast.action.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [toast, notify]);

  if (!toast) return null;
  return (
    <div
      className={`toast ${toast.tone === 'error' ? 'toast-error' : ''}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
    >
      <span>{toast.message}</span>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          onClick={() => {
            notify(null);
            void toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => notify(null)}>
        ×
      </button>
    </div>
  );
}
