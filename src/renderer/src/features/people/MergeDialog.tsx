import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/domain/person';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { api } from '../../lib/api';
import { personName } from '../../lib/people-text';

/** Two records of one person become one: the user picks which to keep; sessions and delegations follow. */
export function MergeDialog(props: { a: Person; b: Person; onDone(): void }) {
  const { t } = useTranslation();
  const { settings, notify } = useApp();
  const { change, undo } = useData();
  const ref = useRef<HTMLDialogElement>(null);
  const [keep, setKeep] = useState(props.a.id);
  const lang = settings.language;

  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);

  const merge = async () => {
    const other = keep === props.a.id ? props.b : props.a;
    const merged = await change(() => api['people.merge']({ keepId: keep, mergeId: other.id }), { directory: true });
    props.onDone();
    if (merged) {
      notify({
        message: t('people.merged', { name: personName(merged, lang) }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  // Each part isolated, so an e-mail or a phone number keeps its own direction inside Arabic text.
  const details = (p: Person) => {
    const parts = [p.positionAr || p.positionEn, p.email, p.mobile].filter(Boolean);
    if (parts.length === 0) return t('people.noDetails');
    return parts.map((part, i) => (
      <span key={part}>
        {i > 0 && ' · '}
        <bdi>{part}</bdi>
      </span>
    ));
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="merge-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onDone();
      }}
    >
      <h2 id="merge-title">{t('people.mergeTitle')}</h2>
      <p>{t('people.mergeBody')}</p>
      <fieldset className="merge-choice">
        <legend>{t('people.keepWhich')}</legend>
        {[props.a, props.b].map((p) => (
          <label key={p.id}>
            <input type="radio" name="keep" checked={keep === p.id} onChange={() => setKeep(p.id)} />
            <span>
              <strong>{personName(p, lang)}</strong>
              <br />
              <small className="muted">{details(p)}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={() => void merge()}>
          {t('people.mergeConfirm')}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
