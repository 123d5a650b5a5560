import type { TFunction } from 'i18next';
import type { Formatters } from '../../../../shared/calendar/formatters';
import { HUB_DESK } from '../../../../shared/desks/desk-channels';
import type { Settings } from '../../../../shared/domain/settings';

/**
 * «المكتب 2», «الحاسوب الرئيسي» for the hub's own check-ins (desk 0), or a desk the forum no longer
 * knows; as a label ("Desk 2", "The hub") or inside a sentence ("at desk 2", "at the hub").
 */
export function deskLabel(desk: number | null, t: TFunction, fmt: Formatters, inText = false): string {
  const suffix = inText ? 'InText' : '';
  if (desk === HUB_DESK) return t(`hub.desks.hub${suffix}`);
  if (desk === null) return t(`hub.desks.unknown${suffix}`);
  return t(`hub.desks.desk${suffix}`, { n: fmt.number(desk) });
}

/** An instant on the venue's clock (the machine's), as the check-in screen shows it. */
export function clockAt(iso: string, fmt: Formatters): string {
  const at = new Date(iso);
  return fmt.clock(at.getHours() * 60 + at.getMinutes());
}

/** "12 seconds ago", «قبل ١٢ ثانية»: in the app's language and digits. */
export function agoText(iso: string, now: number, settings: Pick<Settings, 'language' | 'digits'>): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(`${settings.language}-u-nu-${settings.digits}`, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.min(seconds, 0), 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** Minutes and seconds left, "9:05", in the app's digits. */
export function countdownText(ms: number, settings: Pick<Settings, 'language' | 'digits'>): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const locale = `${settings.language}-u-nu-${settings.digits}`;
  const minutes = new Intl.NumberFormat(locale).format(Math.floor(total / 60));
  const seconds = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }).format(total % 60);
  return `${minutes}:${seconds}`;
}

/** The pairing code as it is read aloud and typed: two groups of four, "K7QM XP3D". */
export function spacedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
