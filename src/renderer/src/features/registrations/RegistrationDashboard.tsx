import { useTranslation } from 'react-i18next';
import { REGISTRATION_CATEGORIES, REGISTRATION_STATUSES } from '../../../../shared/domain/registration';
import type { RegistrationCounts } from '../../../../shared/registrations/registration-index';
import { useApp } from '../../app/app-context';

/** Organisations beyond these are summed as "others": a forum can have hundreds, each with a handful. */
const TOP_ORGANISATIONS = 15;

interface Bar {
  key: string;
  label: string;
  count: number;
}

/** The forum's registrations in numbers: by category, status and organisation, and how many are in. */
export function RegistrationDashboard(props: { counts: RegistrationCounts }) {
  const { t } = useTranslation();
  const { fmt } = useApp();
  const { counts } = props;
  const top = counts.byOrganisation.slice(0, TOP_ORGANISATIONS);
  const others = counts.byOrganisation.slice(TOP_ORGANISATIONS).reduce((sum, o) => sum + o.count, 0);
  const organisations: Bar[] = top.map((o) => ({
    key: o.key,
    label: o.name || t('registrations.noOrganisation'),
    count: o.count,
  }));
  if (others > 0) organisations.push({ key: 'others', label: t('registrations.otherOrganisations'), count: others });
  const percent = counts.total === 0 ? 0 : Math.round((counts.checkedIn / counts.total) * 100);

  return (
    <div className="dashboard" data-testid="registrations-dashboard">
      <section className="panel dashboard-total">
        <h2>{t('registrations.dashboard.checkedIn')}</h2>
        <p className="big-number">
          {t('checkIn.progress', { done: fmt.number(counts.checkedIn), total: fmt.number(counts.total) })}
        </p>
        <div className="bar-track" aria-hidden="true">
          <div className="bar-fill" style={{ inlineSize: `${percent}%` }} />
        </div>
      </section>
      <BarList
        title={t('registrations.dashboard.byCategory')}
        bars={REGISTRATION_CATEGORIES.map((c) => ({
          key: c,
          label: t(`registrations.category.${c}`),
          count: counts.byCategory[c],
        }))}
      />
      <BarList
        title={t('registrations.dashboard.byStatus')}
        bars={REGISTRATION_STATUSES.map((s) => ({
          key: s,
          label: t(`registrations.status.${s}`),
          count: counts.byStatus[s],
        }))}
      />
      <BarList title={t('registrations.dashboard.byOrganisation')} bars={organisations} wide />
    </div>
  );
}

/** Counts as labelled bars, scaled to the largest (a share of the total would leave organisations' bars invisible). */
function BarList(props: { title: string; bars: Bar[]; wide?: boolean }) {
  const { fmt } = useApp();
  const largest = Math.max(1, ...props.bars.map((b) => b.count));
  return (
    <section className={props.wide ? 'panel bar-list wide' : 'panel bar-list'}>
      <h2>{props.title}</h2>
      <dl>
        {props.bars.map((b) => (
          <div key={b.key} className="bar-row">
            <dt>
              <bdi>{b.label}</bdi>
            </dt>
            <dd>
              <span className="bar-track" aria-hidden="true">
                <span className="bar-fill" style={{ inlineSize: `${(b.count / largest) * 100}%` }} />
              </span>
              <span className="bar-count">{fmt.number(b.count)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
