import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import type { Forum } from '../../../../shared/domain/forum';
import { CHOOSABLE_KINDS } from '../../../../shared/domain/programme';
import type { Registration } from '../../../../shared/domain/registration';
import { registrantName } from '../../../../shared/people/protocol-name';
import { countRegistrations } from '../../../../shared/registrations/registration-index';
import { useApp } from '../../app/app-context';
import { Tabs } from '../../components/Tabs';
import { useProgramme } from '../../lib/use-programme';
import { ImportDialog } from './import/ImportDialog';
import { RegistrationDashboard } from './RegistrationDashboard';
import { RegistrationForm } from './RegistrationForm';
import { RegistrationTable } from './RegistrationTable';
import { useRegistrations } from './use-registrations';

type Tab = 'list' | 'dashboard';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * A forum's registrations: the table, the dashboard, adding by hand and
 * importing a spreadsheet (the button, or a file dropped anywhere on the page).
 */
export function RegistrationsPage(props: { forum: Forum; onBack(): void; onCheckIn(): void }) {
  const { t } = useTranslation();
  const { settings, fmt, notify } = useApp();
  const { forum } = props;
  const lang = settings.language;
  const registrations = useRegistrations(forum.id);
  const { view: programme } = useProgramme(forum.id);
  const [tab, setTab] = useState<Tab>('list');
  const [editing, setEditing] = useState<Registration | 'new' | null>(null);
  const [importing, setImporting] = useState<{ file: File | null } | null>(null);
  const [dropping, setDropping] = useState(false);
  const pageRef = useRef<HTMLElement>(null);

  const counts = useMemo(() => countRegistrations(registrations.list ?? []), [registrations.list]);
  const delegations = programme?.delegations ?? [];
  const choosable = useMemo(
    () =>
      (programme?.sessions ?? [])
        .filter((s) => CHOOSABLE_KINDS.has(s.kind))
        .sort((a, b) => a.day.localeCompare(b.day) || a.start - b.start),
    [programme?.sessions],
  );

  // Listeners on the page itself, so a spreadsheet dropped anywhere on it opens the import.
  useEffect(() => {
    const page = pageRef.current;
    if (!page) return;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDropping(true);
    };
    const leave = (event: DragEvent) => {
      if (!(event.relatedTarget instanceof Node && page.contains(event.relatedTarget))) setDropping(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDropping(false);
      const file = event.dataTransfer?.files[0];
      if (file) setImporting({ file });
    };
    page.addEventListener('dragover', over);
    page.addEventListener('dragleave', leave);
    page.addEventListener('drop', drop);
    return () => {
      page.removeEventListener('dragover', over);
      page.removeEventListener('dragleave', leave);
      page.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <main
      ref={pageRef}
      className={dropping ? 'page wide registrations-page dropping' : 'page wide registrations-page'}
      data-testid="registrations-page"
    >
      <div className="page-head">
        <button type="button" className="button small" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <h1>
          {forumTitle(forum, lang) || t('forums.untitled')}{' '}
          <span className="muted count">{t('registrations.count', { number: fmt.number(counts.total) })}</span>
        </h1>
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          + {t('registrations.add')}
        </button>
        <button type="button" className="button" onClick={() => setImporting({ file: null })}>
          {t('registrations.import')}
        </button>
        <button type="button" className="button" onClick={props.onCheckIn}>
          {t('registrations.checkInScreen')}
        </button>
      </div>
      <Tabs
        tabs={['list', 'dashboard'] as const}
        current={tab}
        label={(k) => t(`registrations.tab.${k}`)}
        onChange={setTab}
      />
      {tab === 'list' && (
        <RegistrationTable
          registrations={registrations}
          counts={counts}
          delegations={delegations}
          onOpen={setEditing}
        />
      )}
      {tab === 'dashboard' && <RegistrationDashboard counts={counts} />}
      {dropping && (
        <div className="drop-hint" aria-hidden="true">
          {t('registrations.dropHint')}
        </div>
      )}

      {editing !== null && (
        <RegistrationForm
          key={editing === 'new' ? 'new' : editing.id}
          registration={editing === 'new' ? null : editing}
          delegations={delegations}
          sessions={choosable}
          onSave={(input) => registrations.save(input)}
          onClose={(saved) => {
            setEditing(null);
            if (saved) notify({ message: t('registrations.saved', { name: registrantName(saved, lang) }) });
          }}
        />
      )}
      {importing && (
        <ImportDialog
          forumId={forum.id}
          initialFile={importing.file}
          onClose={() => setImporting(null)}
          onImported={() => void registrations.reload()}
        />
      )}
    </main>
  );
}
