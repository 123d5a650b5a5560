/**
 * Who gets a certificate: by rule, those of the chosen categories who chose
 * the workshop (everyone, for the whole forum), only those who came when so
 * chosen, never the cancelled; then the coordinator's exceptions, people
 * added to or removed from what the rule gives. One rule for the export and
 * for the list the coordinator ticks on the export page.
 */
import type { CertificateExport } from '../domain/export';
import type { Registration } from '../domain/registration';

type RuleOptions = Pick<CertificateExport, 'sessionId' | 'onlyAttended' | 'categories'>;

/** Whether the rule alone (categories, workshop, attendance) gives `r` a certificate. */
export function certificateByRule(r: Registration, options: RuleOptions, categories = new Set(options.categories)) {
  return (
    isCertificateCandidate(r, options) &&
    categories.has(r.category) &&
    (!options.onlyAttended || r.checkedInAt !== null || r.status === 'attended')
  );
}

/**
 * Whom the coordinator can give one to: anyone not cancelled who chose the
 * workshop (or anyone not cancelled, for the whole forum). A check-in is at
 * the forum's door, so for a workshop it stands for having come that day.
 */
export function isCertificateCandidate(r: Registration, options: Pick<CertificateExport, 'sessionId'>): boolean {
  return r.status !== 'cancelled' && (options.sessionId === null || r.sessionIds.includes(options.sessionId));
}

/** A test of who gets one, the coordinator's exceptions over the rule, made once for a whole list. */
export function certificateRecipients(
  options: RuleOptions & Pick<CertificateExport, 'addedIds' | 'removedIds'>,
): (r: Registration) => boolean {
  const categories = new Set(options.categories);
  const added = new Set(options.addedIds);
  const removed = new Set(options.removedIds);
  return (r) => {
    if (!isCertificateCandidate(r, options) || removed.has(r.id)) return false;
    return added.has(r.id) || certificateByRule(r, options, categories);
  };
}
