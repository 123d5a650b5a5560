import { type FormEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAIRING_CODE_LENGTH, readPairingCode } from '../shared/desks/desk-channels';
import { HubError, type Pairing, pairWithCode } from './desk-link';
import { LanguageSwitch } from './LanguageSwitch';

/** Why the code was not taken, in words the person can act on. */
type Problem =
  | { key: 'empty' | 'codeUnknown' | 'unreachable' | 'invalid' }
  | { key: 'length'; count: number }
  | { key: 'letters'; wrong: string };

export function PairScreen({ linkCode, onPaired }: { linkCode: string | null; onPaired: (pairing: Pairing) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(linkCode ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const triedLink = useRef(false);

  useLayoutEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const pair = async (text: string) => {
    const read = readPairingCode(text);
    if (!read.ok) {
      setProblem(
        read.problem === 'letters'
          ? { key: 'letters', wrong: read.wrong.join(' ') }
          : read.problem === 'length'
            ? { key: 'length', count: read.length }
            : { key: 'empty' },
      );
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onPaired(await pairWithCode(read.code));
    } catch (error) {
      setProblem({ key: error instanceof HubError && error.kind !== 'refused' ? error.kind : 'invalid' });
      setBusy(false);
    }
  };

  useEffect(() => {
    if (linkCode && !triedLink.current) {
      triedLink.current = true;
      void pair(linkCode);
    }
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void pair(typed);
  };

  const message = problem
    ? problem.key === 'length'
      ? t('desk.pair.length', { count: problem.count })
      : problem.key === 'letters'
        ? t('desk.pair.letters', { wrong: problem.wrong })
        : t(`desk.pair.${problem.key}`)
    : null;

  return (
    <div className="desk-page">
      <header className="desk-bar">
        <h1>{t('desk.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="pair-card">
        <h2>{t('desk.pair.heading')}</h2>
        <p>{t('desk.pair.explain')}</p>
        <form onSubmit={submit} noValidate>
          <label htmlFor="pair-code">{t('desk.pair.codeLabel')}</label>
          <input
            id="pair-code"
            ref={input}
            className="pair-code"
            dir="ltr"
            lang="en"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={PAIRING_CODE_LENGTH * 3}
            value={typed}
            disabled={busy}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'pair-problem' : undefined}
            data-testid="pair-code"
            onChange={(e) => setTyped(e.target.value)}
          />
          {message && (
            <p id="pair-problem" className="problem" role="alert" data-testid="pair-problem">
              {message}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="pair-submit">
            {busy ? t('desk.pair.pairing') : t('desk.pair.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
