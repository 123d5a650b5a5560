import { type FormEvent, type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CheckInBook, newRegistrationId, nextWalkInCode } from '../shared/desks/check-in-book';
import { textLimitOf } from '../shared/domain/registrant-fields';
import { REGISTRATION_CATEGORIES, type RegistrationCategory } from '../shared/domain/registration';
import type { Outcome } from './CheckInPanel';
import type { DeskBook } from './desk-book';
import type { Pairing } from './desk-link';

interface Fields {
  fullName: string;
  fullNameEn: string;
  organisation: string;
  category: RegistrationCategory;
  mobile: string;
}

const EMPTY: Fields = { fullName: '', fullNameEn: '', organisation: '', category: 'participant', mobile: '' };

export function WalkInForm({
  desk,
  book,
  pairing,
  onClose,
  onSaved,
}: {
  desk: DeskBook | null;
  book: CheckInBook | null;
  pairing: Pairing;
  onClose: () => void;
  onSaved: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const keep = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    if (asking) keep.current?.focus();
    else first.current?.focus();
  }, [asking]);

  const typedSomething =
    fields.fullName.trim() !== '' || fields.fullNameEn.trim() !== '' || fields.organisation.trim() !== '';
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    if (asking) setAsking(false);
    else if (typedSomething) setAsking(true);
    else onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fullName = fields.fullName.trim();
    const fullNameEn = fields.fullNameEn.trim();
    const organisation = fields.organisation.trim();
    const mobile = fields.mobile.trim();
    if (fullName === '') {
      setProblem(t('desk.walkIn.nameRequired'));
      first.current?.focus();
      return;
    }
    // The registration's own limits (registrant-fields), which the hub holds the walk-in to.
    const tooLong = (field: 'fullName' | 'fullNameEn' | 'organisation', text: string) =>
      text.length > textLimitOf(field);
    if (tooLong('fullName', fullName) || tooLong('fullNameEn', fullNameEn) || tooLong('organisation', organisation))
      return setProblem(t('desk.walkIn.tooLong'));
    if (mobile.length > textLimitOf('mobile')) return setProblem(t('desk.walkIn.mobileTooLong'));
    if (!desk || !book) return setProblem(t('desk.scan.notReady'));
    const block = pairing.codes;
    if (!block) return setProblem(t('desk.walkIn.noBlock'));
    const code = nextWalkInCode(book.walkIns ?? {}, pairing.deskId, block);
    if (code === null) return setProblem(t('desk.walkIn.blockUsed', { first: block.first, last: block.last }));
    const registrationId = newRegistrationId();
    const entryKey = desk.walkIn({
      registrationId,
      deskId: pairing.deskId,
      code,
      fullName,
      fullNameEn,
      organisation,
      category: fields.category,
      ...(mobile ? { mobile } : {}),
      registeredAt: new Date().toISOString(),
    });
    onSaved({
      kind: 'walkIn',
      entryKey,
      person: {
        id: registrationId,
        code,
        fullName,
        fullNameEn,
        organisation,
        organisationEn: '',
        category: fields.category,
        checkedInAt: null,
      },
    });
  };

  return (
    <div className="overlay">
      <div
        className="walk-in"
        role="dialog"
        aria-modal="true"
        aria-labelledby="walk-in-heading"
        onKeyDown={onKeyDown}
        data-testid="walk-in-form"
      >
        <h2 id="walk-in-heading">{t('desk.walkIn.heading')}</h2>
        {asking ? (
          <div className="confirm" role="alertdialog" aria-labelledby="discard-question" data-testid="walk-in-discard">
            <p id="discard-question">{t('desk.walkIn.discard')}</p>
            <div className="buttons">
              <button type="button" className="secondary" ref={keep} onClick={() => setAsking(false)}>
                {t('desk.walkIn.discardNo')}
              </button>
              <button type="button" className="danger" onClick={onClose} data-testid="walk-in-discard-yes">
                {t('desk.walkIn.discardYes')}
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} noValidate>
            <label htmlFor="walk-in-name">{t('desk.walkIn.fullName')}</label>
            <input
              id="walk-in-name"
              ref={first}
              dir="rtl"
              lang="ar"
              required
              value={fields.fullName}
              aria-invalid={problem === t('desk.walkIn.nameRequired') ? true : undefined}
              data-testid="walk-in-name"
              onChange={(e) => set('fullName')(e.target.value)}
            />
            <label htmlFor="walk-in-name-en">{t('desk.walkIn.fullNameEn')}</label>
            <input
              id="walk-in-name-en"
              dir="ltr"
              lang="en"
              value={fields.fullNameEn}
              data-testid="walk-in-name-en"
              onChange={(e) => set('fullNameEn')(e.target.value)}
            />
            <label htmlFor="walk-in-organisation">{t('desk.walkIn.organisation')}</label>
            <input
              id="walk-in-organisation"
              dir="auto"
              value={fields.organisation}
              data-testid="walk-in-organisation"
              onChange={(e) => set('organisation')(e.target.value)}
            />
            <label htmlFor="walk-in-category">{t('desk.walkIn.category')}</label>
            <select
              id="walk-in-category"
              value={fields.category}
              data-testid="walk-in-category"
              onChange={(e) => set('category')(e.target.value)}
            >
              {REGISTRATION_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`registrations.category.${c}`)}
                </option>
              ))}
            </select>
            <label htmlFor="walk-in-mobile">{t('desk.walkIn.mobile')}</label>
            <input
              id="walk-in-mobile"
              type="tel"
              dir="ltr"
              autoComplete="off"
              value={fields.mobile}
              data-testid="walk-in-mobile"
              onChange={(e) => set('mobile')(e.target.value)}
            />
            {problem && (
              <p className="problem" role="alert" data-testid="walk-in-problem">
                {problem}
              </p>
            )}
            <div className="buttons">
              <button type="submit" className="primary" data-testid="walk-in-save">
                {t('desk.walkIn.save')}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => (typedSomething ? setAsking(true) : onClose())}
              >
                {t('desk.walkIn.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
