import type { TFunction } from 'i18next';
import { ApiError } from './api';

/** The i18n keys of backups' and handover files' refusals, and of the desks' door's (a port in use). */
const REFUSAL_KEY = /^((backups|handover)\.refused|desks\.errors)\.[a-zA-Z]+$/;

/** One sentence for the user, in their language, for anything a call can throw. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    // A refused import file says why in its issue (an i18n key naming the reason and, for a wrong format, which);
    // so does a refused backups folder (`backups.refused.folderNotWritable`), which arrives as an invalid request.
    const reason = error.issues[0]?.message;
    const sentence = t(`errors.code.${error.code}`);
    if (reason && (error.code === 'import_refused' || REFUSAL_KEY.test(reason))) {
      return t(reason, { defaultValue: sentence });
    }
    // A conflict that core named (no badge codes left, say) says which, rather than "clashes with another change".
    if (reason && error.code === 'conflict' && reason.startsWith('errors.'))
      return t(reason, { defaultValue: sentence });
    return error.code === 'internal' || error.code === 'store_locked' ? `${sentence} (${error.message})` : sentence;
  }
  if (error instanceof TypeError) return t('errors.code.network');
  return t('errors.code.internal');
}

/** Field messages from schema issues: our messages are i18n keys, others are shown as they are. */
export function fieldErrors(issues: { path: (string | number)[]; message: string }[], t: TFunction) {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    if (byField[key]) continue;
    byField[key] = issue.message.startsWith('errors.') ? t(issue.message) : issue.message;
  }
  return byField;
}
