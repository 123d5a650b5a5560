import { useTranslation } from 'react-i18next';
import type { StoreProblem } from '../../../../shared/domain/store-problem';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';

/**
 * The error screen for data files that could not be opened. It names each
 * file and what is wrong, says where the untouched file now lies, and offers
 * the last good copy. Nothing here deletes anything.
 */
export function StoreProblems(props: { problems: StoreProblem[]; onChange(problems: StoreProblem[]): void }) {
  const { t } = useTranslation();
  const { notify } = useApp();

  const act = async (call: () => Promise<StoreProblem[]>, message?: string) => {
    try {
      props.onChange(await call());
      if (message) notify({ message });
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    }
  };

  return (
    <section className="problems" role="alert" aria-labelledby="problems-title" data-testid="store-problems">
      <h2 id="problems-title">{t('problems.title')}</h2>
      <p>{t('problems.intro')}</p>
      <ul>
        {props.problems.map((p) => (
          <li key={p.id} data-testid="store-problem">
            <p>
              <strong>{t(`problems.reason.${p.reason}`)}</strong>
            </p>
            <p>
              {t('problems.file')}:{' '}
              <bdi dir="ltr" className="path">
                {p.file}
              </bdi>
            </p>
            <p className="muted">
              <bdi dir="ltr">{p.detail}</bdi>
            </p>
            <p className="muted">
              {t('problems.movedTo')}:{' '}
              <bdi dir="ltr" className="path">
                {p.movedTo}
              </bdi>
            </p>
            {!p.lastGoodAvailable && <p className="muted">{t('problems.noLastGood')}</p>}
            <div className="actions">
              {p.lastGoodAvailable && (
                <button
                  type="button"
                  className="button primary"
                  onClick={() =>
                    void act(() => api['app.restoreLastGood']({ problemId: p.id }), t('problems.restored'))
                  }
                >
                  {t('problems.restore')}
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => void act(() => api['app.dismissProblem']({ problemId: p.id }))}
              >
                {t('problems.dismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
