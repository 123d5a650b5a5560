import { type Session, type SessionKind, sessionKindTraits, takesNoHall } from '../../../../shared/domain/programme';
import { newSession } from '../../../../shared/domain/programme-edit';
import ar from '../../../../shared/i18n/ar.json';
import en from '../../../../shared/i18n/en.json';

/**
 * What a kind of session brings with it, the same whether the session comes
 * from a day template or is added by hand: the kind's name as its title in
 * both languages (until the user types one of their own), and for breaks and
 * registration no hall, so the day view spans them across every hall; a field
 * visit leaves the building, so it has no hall either.
 */
export function kindTitle(kind: SessionKind): { titleAr: string; titleEn: string } {
  return { titleAr: ar.session.kind[kind], titleEn: en.session.kind[kind] };
}

/** Kinds led by a moderator rather than a chair: the editor and the day view name the role so. */
export const chairRole = (kind: SessionKind): 'moderator' | 'chair' => sessionKindTraits(kind).leader;

/** A session added by hand, with its kind's defaults. */
export function sessionByHand(
  id: string,
  fields: Pick<Session, 'day' | 'start' | 'end'> & { kind?: SessionKind },
  hallId: string | null,
): Session {
  const kind = fields.kind ?? 'papers';
  return newSession(id, { ...fields, kind, ...kindTitle(kind), hallId: takesNoHall(kind) ? null : hallId });
}

/**
 * The session once its kind is changed in the editor: a title the user has not
 * typed (empty, or the old kind's name) becomes the new kind's name; a kind
 * that takes no hall leaves its hall, and one that needs a hall gets
 * `hallId` back when it had none only because of its old kind.
 */
export function withKind(session: Session, kind: SessionKind, hallId: string | null): Session {
  const before = kindTitle(session.kind);
  const after = kindTitle(kind);
  const untyped = (title: string, old: string) => title.trim() === '' || title === old;
  return {
    ...session,
    kind,
    titleAr: untyped(session.titleAr, before.titleAr) ? after.titleAr : session.titleAr,
    titleEn: untyped(session.titleEn, before.titleEn) ? after.titleEn : session.titleEn,
    hallId: takesNoHall(kind) ? null : session.hallId === null && takesNoHall(session.kind) ? hallId : session.hallId,
  };
}

/**
 * The session once a title is typed in one language. The other language's
 * title, if it is still only the kind's name, goes: "Workshop" is no English
 * title for «ورشة جانبية: نظم المعلومات الجغرافية», and with it gone the
 * English programme shows the Arabic title until an English one is typed.
 */
export function withTitle(session: Session, field: 'titleAr' | 'titleEn', value: string): Session {
  const other = field === 'titleAr' ? 'titleEn' : 'titleAr';
  const typedOwn = value.trim() !== '' && value !== kindTitle(session.kind)[field];
  const otherIsDefault = session[other] === kindTitle(session.kind)[other];
  return { ...session, [field]: value, ...(typedOwn && otherIsDefault ? { [other]: '' } : {}) };
}
