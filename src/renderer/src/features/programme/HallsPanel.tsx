import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hall, ProgrammeView } from '../../../../shared/domain/programme';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { api } from '../../lib/api';

interface HallDraft {
  nameAr: string;
  nameEn: string;
  capacity: string;
}

const EMPTY: HallDraft = { nameAr: '', nameEn: '', capacity: '' };
const toDraft = (h: Hall): HallDraft => ({
  nameAr: h.nameAr,
  nameEn: h.nameEn,
  capacity: h.capacity === null ? '' : String(h.capacity),
});

function fromDraft(id: string, d: HallDraft): Hall {
  const n = Number.parseInt(toLatinDigits(d.capacity), 10);
  return { id, nameAr: d.nameAr.trim(), nameEn: d.nameEn.trim(), capacity: Number.isFinite(n) && n >= 0 ? n : null };
}

/** The forum's halls with their capacity; a hall's sessions stay when it is deleted, without a hall. */
export function HallsPanel(props: {
  forumId: string;
  halls: readonly Hall[];
  apply(call: () => Promise<ProgrammeView>): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const save = (hall: Hall) => props.apply(() => api['programme.saveHall']({ forumId: props.forumId, hall }));
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
function HallRow(props: { hall: Hall | null; onSave(hall: Hall): Promise<boolean>; onDelete?(hall: Hall): void }) {
  const { t } = useTranslation();
  const { hall } = props;
  const [draft, setDraft] = useState<HallDraft>(hall ? toDraft(hall) : EMPTY);
  // An undo or redo may change the hall under the row: show what it holds now.
  const [nameAr, nameEn, capacity] = [hall?.nameAr, hall?.nameEn, hall?.capacity];
  useEffect(() => {
    if (nameAr !== undefined) setDraft(toDraft({ id: '', nameAr, nameEn: nameEn ?? '', capacity: capacity ?? null }));
  }, [nameAr, nameEn, capacity]);

  const saveIfChanged = () => {
    if (!hall) return;
    const next = fromDraft(hall.id, draft);
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
