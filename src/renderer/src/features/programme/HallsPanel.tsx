import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hall, HallSave, ProgrammeView } from '../../../../shared/domain/programme';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { api } from '../../lib/api';
import type { EditedRecords } from '../../lib/use-programme';

interface HallDraft {
  nameAr: string;
  nameEn: string;
  capacity: string;
}

const EMPTY: HallDraft = { nameAr: '', nameEn: '', capacity: '' };
const toDraft = (h: Pick<Hall, 'nameAr' | 'nameEn' | 'capacity'>): HallDraft => ({
  nameAr: h.nameAr,
  nameEn: h.nameEn,
  capacity: h.capacity === null ? '' : String(h.capacity),
});

/** The hall to send: its fields, and for an existing hall the revision the row was edited from. */
function fromDraft(id: string, d: HallDraft, expectedUpdatedAt?: string): HallSave {
  const n = Number.parseInt(toLatinDigits(d.capacity), 10);
  const capacity = Number.isFinite(n) && n >= 0 ? n : null;
  return { id, nameAr: d.nameAr.trim(), nameEn: d.nameEn.trim(), capacity, expectedUpdatedAt };
}

/** The forum's halls with their capacity; a hall's sessions stay when it is deleted, without a hall. */
export function HallsPanel(props: {
  forumId: string;
  halls: readonly Hall[];
  apply(call: () => Promise<ProgrammeView>, edited?: EditedRecords): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const save = (hall: HallSave) =>
    props.apply(() => api['programme.saveHall']({ forumId: props.forumId, hall }), {
      kind: 'hall',
      bases: props.halls.filter((h) => h.id === hall.id),
    });
  const remove = (hall: Hall) =>
    props.apply(() => api['programme.deleteHall']({ forumId: props.forumId, id: hall.id }));

  return (
    <section className="panel" aria-labelledby="halls-title">
      <h2 id="halls-title">{t('programme.halls')}</h2>
      <table className="data-table" data-testid="halls-table">
        <thead>
          <tr>
            <th>{t('hall.nameAr')}</th>
            <th>{t('hall.nameEn')}</th>
            <th>{t('hall.capacity')}</th>
            <th>
              <span className="sr-only">{t('people.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.halls.map((h) => (
            <HallRow key={h.id} hall={h} onSave={save} onDelete={remove} />
          ))}
          <HallRow hall={null} onSave={save} />
        </tbody>
      </table>
    </section>
  );
}

/** One hall, saved when a field is left; or (hall null) the row that adds a new one. */
function HallRow(props: { hall: Hall | null; onSave(hall: HallSave): Promise<boolean>; onDelete?(hall: Hall): void }) {
  const { t } = useTranslation();
  const { hall } = props;
  const [draft, setDraft] = useState<HallDraft>(hall ? toDraft(hall) : EMPTY);
  // An undo or redo may change the hall under the row: show what it holds now.
  const [nameAr, nameEn, capacity] = [hall?.nameAr, hall?.nameEn, hall?.capacity];
  useEffect(() => {
    if (nameAr !== undefined) setDraft(toDraft({ nameAr, nameEn: nameEn ?? '', capacity: capacity ?? null }));
  }, [nameAr, nameEn, capacity]);

  const saveIfChanged = () => {
    if (!hall) return;
    const next = fromDraft(hall.id, draft, hall.updatedAt);
    if (next.nameAr !== hall.nameAr || next.nameEn !== hall.nameEn || next.capacity !== hall.capacity) {
      void props.onSave(next);
    }
  };

  const add = async () => {
    if (!draft.nameAr.trim() && !draft.nameEn.trim()) return;
    // Cleared at once, so the next hall can be typed while this one saves; put back if it fails.
    const typed = draft;
    setDraft(EMPTY);
    if (!(await props.onSave(fromDraft(crypto.randomUUID(), typed)))) setDraft(typed);
  };

  const input = (key: keyof HallDraft, dir: 'rtl' | 'ltr', label: string) => (
    <td>
      <input
        type="text"
        dir={dir}
        inputMode={key === 'capacity' ? 'numeric' : undefined}
        aria-label={label}
        placeholder={hall ? undefined : label}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        onBlur={saveIfChanged}
      />
    </td>
  );

  return (
    <tr className={hall ? undefined : 'new-row'}>
      {input('nameAr', 'rtl', hall ? t('hall.nameAr') : t('hall.newNameAr'))}
      {input('nameEn', 'ltr', t('hall.nameEn'))}
      {input('capacity', 'ltr', t('hall.capacity'))}
      <td>
        {hall ? (
          <button type="button" className="button small danger-outline" onClick={() => props.onDelete?.(hall)}>
            {t('common.delete')}
          </button>
        ) : (
          <button type="button" className="button small primary" onClick={() => void add()}>
            {t('hall.add')}
          </button>
        )}
      </td>
    </tr>
  );
}
