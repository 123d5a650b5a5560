import { type CheckInBook, walkInsOf } from '../shared/desks/check-in-book';
import type { DeskRegistrant } from '../shared/desks/desk-channels';
import { matchesSearch, toLatinDigits } from '../shared/text/arabic';

/**
 * Who a desk can find: the registrant list it keeps from the hub, and the
 * walk-ins any desk filed in the book (known to this desk before the hub has
 * registered them, or while it is out of reach).
 */
export class DeskLookup {
  private readonly byCode = new Map<string, DeskRegistrant>();
  private readonly byId = new Map<string, DeskRegistrant>();
  readonly everyone: readonly DeskRegistrant[];

  constructor(list: readonly DeskRegistrant[], book: CheckInBook | null) {
    const all = [...list];
    for (const r of list) this.add(r);
    for (const w of walkInsOf(book?.walkIns ?? {}).valid) {
      if (this.byId.has(w.registrationId) || this.byCode.has(w.code)) continue;
      const walkIn: DeskRegistrant = {
        id: w.registrationId,
        code: w.code,
        fullName: w.fullName,
        fullNameEn: w.fullNameEn,
        organisation: w.organisation,
        organisationEn: '',
        category: w.category ?? 'participant',
        checkedInAt: w.registeredAt,
      };
      this.add(walkIn);
      all.push(walkIn);
    }
    this.everyone = all;
  }

  private add(r: DeskRegistrant): void {
    this.byCode.set(r.code, r);
    this.byId.set(r.id, r);
  }

  /** A badge code as a scanner or a person typed it (Arabic-Indic digits too). */
  withCode(typed: string): DeskRegistrant | null {
    return this.byCode.get(toLatinDigits(typed).trim()) ?? null;
  }

  withId(id: string): DeskRegistrant | null {
    return this.byId.get(id) ?? null;
  }

  /** People whose names or organisation hold every word typed (Arabic spellings folded), at most `limit`. */
  named(typed: string, limit: number): DeskRegistrant[] {
    if (typed.trim().length < 2) return [];
    const found: DeskRegistrant[] = [];
    for (const r of this.everyone) {
      if (matchesSearch([r.fullName, r.fullNameEn, r.organisation], typed)) found.push(r);
      if (found.length === limit) break;
    }
    return found;
  }
}

/** Looks like a badge code (digits only), not a name. */
export function looksLikeCode(typed: string): boolean {
  return /^\d+$/.test(toLatinDigits(typed).trim());
}

export function nameIn(r: Pick<DeskRegistrant, 'fullName' | 'fullNameEn'>, lang: 'ar' | 'en'): string {
  return lang === 'ar' ? r.fullName || r.fullNameEn : r.fullNameEn || r.fullName;
}

/** The organisation in the page's language: its English when the registrant has one. */
export function organisationIn(r: Pick<DeskRegistrant, 'organisation' | 'organisationEn'>, lang: 'ar' | 'en'): string {
  return lang === 'en' ? r.organisationEn || r.organisation : r.organisation || r.organisationEn;
}
