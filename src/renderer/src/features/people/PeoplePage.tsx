import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/domain/person';
import { useApp } from '../../app/app-context';
import { useData } from '../../app/data-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLeave } from '../../components/form-dialog';
import { MatchText } from '../../components/MatchText';
import { Tabs } from '../../components/Tabs';
import { api } from '../../lib/api';
import { organisationName, personName, rankPeople } from '../../lib/people-text';
import { MergeDialog } from './MergeDialog';
import { OrganisationsPanel } from './OrganisationsPanel';
import { PersonForm } from './PersonForm';

/** The directory shared by all forums: people (search, add, edit, merge, delete) and organisations. */
export function PeoplePage() {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { directory, organisations, change, undo } = useData();
  const [tab, setTab] = useState<'people' | 'organisations'>('people');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const [toDelete, setToDelete] = useState<Person | null>(null);
  const { notify } = useApp();
  const leave = useLeave();
  const lang = settings.language;

  const found = useMemo(
    () =>
      rankPeople(
        directory.people,
        query,
        (p) => (p.organisationId ? organisations.get(p.organisationId) : undefined),
        lang,
      ),
    [directory.people, organisations, query, lang],
  );
  const people = useMemo(() => found.map((f) => f.person), [found]);
  const matches = useMemo(() => new Map(found.map((f) => [f.person.id, f.match])), [found]);

  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));

  const remove = async (person: Person) => {
    setToDelete(null);
    const done = await change(() => api['people.delete']({ id: person.id }), { directory: true });
    if (done) {
      setSelected((s) => s.filter((x) => x !== person.id));
      notify({
        message: t('person.deleted', { name: personName(person, lang) }),
        action: { label: t('common.undo'), run: undo },
      });
    }
  };

  const [first, second] = selected.map((id) => directory.people.find((p) => p.id === id));

  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('people.title')}</h1>
        <Tabs
          tabs={['people', 'organisations'] as const}
          current={tab}
          label={(k) => t(`people.tab.${k}`)}
          onChange={(next) => leave(() => setTab(next))}
        />
      </div>

      {tab === 'organisations' && <OrganisationsPanel />}

      {tab === 'people' && editing !== null && (
        <PersonForm
          key={editing === 'new' ? 'new' : editing.id}
          person={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) notify({ message: t('person.saved', { name: personName(saved, lang) }) });
          }}
        />
      )}

      {tab === 'people' && editing === null && (
        <>
          <div className="toolbar">
            <input
              type="search"
              className="search"
              placeholder={t('people.search')}
              aria-label={t('people.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="button" id="person-new" className="button primary" onClick={() => setEditing('new')}>
              {t('people.new')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!(first && second)}
              onClick={() => setMerging(true)}
              title={t('people.mergeHint')}
            >
              {t('people.merge')}
            </button>
          </div>
          <p className="muted">{t('people.count', { count: people.length, number: fmt.number(people.length) })}</p>
          {people.length === 0 ? (
            <p className="empty">{t(directory.people.length ? 'people.noMatch' : 'people.empty')}</p>
          ) : (
            <table className="data-table" data-testid="people-table">
              <thead>
                <tr>
                  <th>
                    <span className="sr-only">{t('people.select')}</span>
                  </th>
                  <th>{t('person.field.name')}</th>
                  <th>{t('person.field.position')}</th>
                  <th>{t('person.field.organisation')}</th>
                  <th>{t('person.field.contact')}</th>
                  <th>
                    <span className="sr-only">{t('people.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => {
                  const organisation = p.organisationId ? organisations.get(p.organisationId) : undefined;
                  const name = personName(p, lang);
                  const match = matches.get(p.id) ?? null;
                  const marked = (field: NonNullable<typeof match>['field']) => (match?.field === field ? match : null);
                  return (
                    <tr key={p.id} data-testid="person-row">
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('people.selectOne', { name })}
                          checked={selected.includes(p.id)}
                          onChange={() => toggle(p.id)}
                        />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          data-focus-key={`person-${p.id}`}
                          onClick={() => setEditing(p)}
                        >
                          <MatchText text={name} match={marked('name')} />
                        </button>
                      </td>
                      <td>
                        <MatchText
                          text={lang === 'ar' ? p.positionAr || p.positionEn : p.positionEn || p.positionAr}
                          match={marked('position')}
                        />
                      </td>
                      <td>
                        <MatchText
                          text={organisation ? organisationName(organisation, lang) : ''}
                          match={marked('organisation')}
                        />
                      </td>
                      <td className="contact">
                        {p.email && (
                          <bdi dir="ltr">
                            <MatchText text={p.email} match={marked('email')} />
                          </bdi>
                        )}{' '}
                        {p.mobile && (
                          <bdi dir="ltr">
                            <MatchText text={p.mobile} match={marked('mobile')} />
                          </bdi>
                        )}
                      </td>
                      <td>
                        <button type="button" className="button small danger-outline" onClick={() => setToDelete(p)}>
                          {t('common.delete')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}

      {merging && first && second && (
        <MergeDialog
          a={first}
          b={second}
          onDone={() => {
            setMerging(false);
            setSelected([]);
          }}
        />
      )}
      {toDelete && (
        <ConfirmDialog
          title={t('person.deleteConfirm.title')}
          body={t('person.deleteConfirm.body', { name: personName(toDelete, lang) })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={() => void remove(toDelete)}
          onCancel={() => setToDelete(null)}
        />
      )}
    </main>
  );
}
