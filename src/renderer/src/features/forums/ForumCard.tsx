import { useTranslation } from 'react-i18next';
import { forumTitle } from '../../../../shared/calendar/formatters';
import { editionPhrase } from '../../../../shared/domain/edition';
import type { Forum } from '../../../../shared/domain/forum';
import { joinParts } from '../../../../shared/text/arabic';
import { useApp } from '../../app/app-context';

/** The kinds of event that are a body's numbered sittings, with members, an agenda and decisions. */
const COUNCIL_KINDS: ReadonlySet<Forum['kind']> = new Set(['council_session', 'periodic_meeting']);

export function ForumCard(props: {
  forum: Forum;
  onEdit(): void;
  onOpen(): void;
  onRegistrations(): void;
  onCheckIn(): void;
  onExports(): void;
  onCouncil(): void;
  onDuplicate(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const { settings, fmt } = useApp();
  const { forum } = props;
  const title = forumTitle(forum, settings.language) || t('forums.untitled');
  const otherTitle = settings.language === 'ar' ? forum.titleEn : forum.titleAr;
  const [firstDates, secondDates] = fmt.rangeBoth(forum.firstDay, forum.lastDay);
  const edition = editionPhrase(forum, settings.language, settings.digits);
  const venue = joinParts(
    [forum.venue.hall, forum.venue.hotel, forum.venue.city, forum.venue.country],
    settings.language,
  );

  return (
    <article className={`forum-card status-${forum.status}`} data-testid="forum-card" aria-label={title}>
      <header>
        <span className={`badge kind-${forum.kind}`}>{t(`forum.kind.${forum.kind}`)}</span>
        <span className={`badge status status-${forum.status}`}>{t(`forum.status.${forum.status}`)}</span>
        {/* The edition isolated whole: «الدورة الـ55» inside English reads right to left, its number last. */}
        {edition && (
          <span className="edition">
            <bdi>{edition}</bdi>
          </span>
        )}
      </header>
      <h3>
        <button type="button" className="link-button" onClick={props.onEdit}>
          {title}
        </button>
      </h3>
      {otherTitle && otherTitle !== title && (
        <p className="other-title" dir="auto">
          {otherTitle}
        </p>
      )}
      {forum.slogan && <p className="slogan">«{forum.slogan}»</p>}
      <dl>
        <div data-testid="forum-dates">
          <dt className="sr-only">{t('forum.field.firstDay')}</dt>
          <dd className="dates-primary">{firstDates}</dd>
          <dd className="dates-secondary">{secondDates}</dd>
        </div>
        <div>
          <dt className="sr-only">{t('forum.field.venue')}</dt>
          <dd className="venue">{venue || t('forums.noVenue')}</dd>
        </div>
        {forum.expectedAttendance !== null && (
          <div>
            <dt className="sr-only">{t('forum.field.expectedAttendance')}</dt>
            <dd>{t('forums.attendance', { number: fmt.number(forum.expectedAttendance) })}</dd>
          </div>
        )}
      </dl>
      <footer>
        <button type="button" className="button small primary" onClick={props.onOpen}>
          {t('forum.actions.programme')}
        </button>
        <button type="button" className="button small" onClick={props.onRegistrations}>
          {t('forum.actions.registrations')}
        </button>
        <button type="button" className="button small" onClick={props.onCheckIn}>
          {t('forum.actions.checkIn')}
        </button>
        {COUNCIL_KINDS.has(forum.kind) && (
          <button type="button" className="button small" data-testid="forum-council" onClick={props.onCouncil}>
            {t('forum.actions.council')}
          </button>
        )}
        <button type="button" className="button small" onClick={props.onExports}>
          {t('forum.actions.exports')}
        </button>
        <button type="button" className="button small" data-focus-key={`forum-edit-${forum.id}`} onClick={props.onEdit}>
          {t('forum.actions.edit')}
        </button>
        <button type="button" className="button small" onClick={props.onDuplicate}>
          {t('forum.actions.duplicate')}
        </button>
        <button type="button" className="button small danger-outline" onClick={props.onDelete}>
          {t('forum.actions.delete')}
        </button>
      </footer>
    </article>
  );
}
