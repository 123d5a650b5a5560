import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hall, ProgrammeView } from '../../../../shared/domain/programme';
import { toLatinDigits } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';

/** The forum's halls with their capacity; a hall's sessions stay when it is deleted, without a hall. */
export function HallsPanel(props: {
  forumId: string;
  halls: readonly Hall[];
  apply(call: () => Promise<ProgrammeView>): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const [draft, setDraft] = useState<{ nameAr: string; nameEn: string; capacity: string }>({
    nameAr: '',
    nameEn: '',
    capacity: '',
  });
  const capacityOf = (text: string) => {
    const n = Number.parseInt(toLatinDigits(text), 10);
    return Number.isFinite(n) && n >= 0 ? n : null;
  };
  const save = (hall: Hall) => props.apply(() => api['programme.saveHall']({ forumId: props.forumId, hall }));

  const add = async () => {
    if (!draft.nameAr.trim() && !draft.nameEn.trim()) return;
    const hall: Hall = {
      id: crypto.randomUUID(),
      nameAr: draft.nameAr.trim(),
      nameEn: draft.nameEn.trim(),
      capacity: capacityOf(draft.capacity),
    };
    // Cleared at once, so the next hall can be typed while this one saves; put back if it fails.
    const typed = draft;
    setDraft({ nameAr: '', nameEn: '', capacity: '' });
    if (!(await save(hall))) setDraft(typed);
  };

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
            <tr key={h.id}>
              <td>
                <input
                  type="text"
                  dir="rtl"
                  aria-label={t('hall.nameAr')}
                  defaultValue={h.nameAr}
                  onBlur={(e) =>
                    e.target.value.trim() !== h.nameAr && void save({ ...h, nameAr: e.target.value.trim() })
                  }
                />
              </td>
              <td>
                <input
                  type="text"
                  dir="ltr"
                  aria-label={t('hall.nameEn')}
                  defaultValue={h.nameEn}
                  onBlur={(e) =>
                    e.target.value.trim() !== h.nameEn && void save({ ...h, nameEn: e.target.value.trim() })
                  }
                />
              </td>
              <td>
                <input
                  type="text"
                  dir="ltr"
                  inputMode="numeric"
                  aria-label={t('hall.capacity')}
                  defaultValue={h.capacity === null ? '' : fmt.number(h.capacity)}
                  onBlur={(e) =>
                    capacityOf(e.target.value) !== h.capacity &&
                    void save({ ...h, capacity: capacityOf(e.target.value) })
                  }
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button small danger-outline"
                  onClick={() =>
                    void props.apply(() => api['programme.deleteHall']({ forumId: props.forumId, id: h.id }))
                  }
                >
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
          <tr className="new-row">
            <td>
              <input
                type="text"
                dir="rtl"
                aria-label={t('hall.newNameAr')}
                placeholder={t('hall.newNameAr')}
                value={draft.nameAr}
                onChange={(e) => setDraft({ ...draft, nameAr: e.target.value })}
              />
            </td>
            <td>
              <input
                type="text"
                dir="ltr"
                aria-label={t('hall.nameEn')}
                placeholder={t('hall.nameEn')}
                value={draft.nameEn}
                onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })}
              />
            </td>
            <td>
              <input
                type="text"
                dir="ltr"
                inputMode="numeric"
                aria-label={t('hall.capacity')}
                placeholder={t('hall.capacity')}
                value={draft.capacity}
                onChange={(e) => setDraft({ ...draft, capacity: e.target.value })}
              />
            </td>
            <td>
              <button type="button" className="button small primary" onClick={() => void add()}>
                {t('hall.add')}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
