import type { TFunction } from 'i18next';
import { ApiError } from './api';

/** One sentence for the user, in their language, for anything a call can throw. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    // A refused import file says why in its issue (an i18n key naming the reason and, for a wrong format, which).
    const reason = error.issues[0]?.message;
    if (error.code === 'import_refused' && reason) return t(reason, { defaultValue: t('errors.code.import_refused') });
    const sentence = t(`errors.code.${error.code}`);
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
