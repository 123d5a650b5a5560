import { type HistoryLabel, historyLabel } from '../../shared/domain/history';
import type { Directory, Organisation, Person, PersonSave } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import { removePerson, replacePerson } from '../../shared/domain/programme-edit';
import { upsertById as upsert } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { protocolName } from '../../shared/people/protocol-name';
import type { ForumFile } from '../forums/forum-file';
import type { ForumStore } from '../forums/forum-store';
import { DIRECTORY_KEY, forumKey, type History } from '../history/history';
import type { DirectoryStore } from './directory-store';

type OrganisationSave = Omit<Organisation, 'createdAt' | 'updatedAt'>;

const personSubject = (p: Pick<Person, 'nameAr' | 'nameEn'>) => ({ ar: p.nameAr, en: p.nameEn });

/**
 * The people and organisation channels. Every change is one undoable step;
 * deleting or merging a person also rewrites each forum's programme that
 * refers to them, in the same step.
 */
export class DirectoryService {
  constructor(
    private readonly store: DirectoryStore,
    private readonly forums: ForumStore,
    private readonly history: History,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(): Directory {
    return this.store.data;
  }

  savePerson(input: PersonSave): Promise<Person> {
    this.checkOrganisation(input.organisationId);
    const at = this.now().toISOString();
    const existing = this.findPerson(input.id);
    const person: Person = {
      ...input,
      photo: existing?.photo ?? null,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    return this.changeDirectory(
      historyLabel(existing ? 'people.update' : 'people.create', personSubject(person)),
      (d) => ({ ...d, people: upsert(d.people, person) }),
      () => person,
    );
  }

  async setPhoto(id: string, base64: string | null): Promise<Person> {
    const current = this.person(id);
    const photo = base64 === null ? null : await this.store.savePhoto(Buffer.from(base64, 'base64'));
    const person: Person = { ...current, photo, updatedAt: this.now().toISOString() };
    return this.changeDirectory(
      historyLabel('people.setPhoto', personSubject(person)),
      (d) => ({ ...d, people: upsert(d.people, person) }),
      () => person,
    );
  }

  photo(id: string): Promise<string | null> {
    const name = this.person(id).photo;
    return name ? this.store.photoDataUrl(name) : Promise.resolve(null);
  }

  /** Deletes a person; sessions keep the printed name as text, so nothing silently loses its speaker. */
  deletePerson(id: string): Promise<{ id: string }> {
    const person = this.person(id);
    const printed = protocolName(person, person.nameAr ? 'ar' : 'en');
    return this.changeEverywhere(
      historyLabel('people.delete', personSubject(person)),
      (d) => ({ ...d, people: d.people.filter((p) => p.id !== id) }),
      (programme) => removePerson(programme, id, printed),
      () => ({ id }),
    );
  }

  /**
   * Two records of one person become `keepId`: its empty fields take the
   * other's values, and every session and delegation that named the other
   * now names it. (Registrations follow the same way once they exist.)
   */
  mergePeople(keepId: string, mergeId: string): Promise<Person> {
    if (keepId === mergeId) throw new AppError('invalid_request', 'A person cannot be merged with themself.');
    const keep = this.person(keepId);
    const gone = this.person(mergeId);
    const merged: Person = { ...fillBlanks(keep, gone), updatedAt: this.now().toISOString() };
    return this.changeEverywhere(
      historyLabel('people.merge', personSubject(merged), 2),
      (d) => ({ ...d, people: upsert(d.people, merged).filter((p) => p.id !== mergeId) }),
      (programme) => replacePerson(programme, mergeId, keepId),
      () => merged,
    );
  }

  saveOrganisation(input: OrganisationSave): Promise<Organisation> {
    const at = this.now().toISOString();
    const existing = this.store.data.organisations.find((o) => o.id === input.id);
    const organisation: Organisation = { ...input, createdAt: existing?.createdAt ?? at, updatedAt: at };
    return this.changeDirectory(
      historyLabel(existing ? 'organisations.update' : 'organisations.create', personSubject(organisation)),
      (d) => ({ ...d, organisations: upsert(d.organisations, organisation) }),
      () => organisation,
    );
  }

  /** People and delegations of a deleted organisation keep everything else; undo brings the link back. */
  deleteOrganisation(id: string): Promise<{ id: string }> {
    const organisation = this.store.data.organisations.find((o) => o.id === id);
    if (!organisation) throw new AppError('not_found', `No organisation ${id}.`);
    const unlink = <T extends { organisationId: string | null }>(x: T): T =>
      x.organisationId === id ? { ...x, organisationId: null } : x;
    return this.changeEverywhere(
      historyLabel('organisations.delete', personSubject(organisation)),
      (d) => ({ organisations: d.organisations.filter((o) => o.id !== id), people: d.people.map(unlink) }),
      (programme) =>
        programme.delegations.some((x) => x.organisationId === id)
          ? { ...programme, delegations: programme.delegations.map(unlink) }
          : programme,
      () => ({ id }),
    );
  }

  private changeDirectory<R>(label: HistoryLabel, edit: (d: Directory) => Directory, result: () => R): Promise<R> {
    return this.history.change(
      label,
      (current) => new Map([[DIRECTORY_KEY, edit(current(DIRECTORY_KEY) as Directory)]]),
      result,
    );
  }

  /** One step over the directory and every forum whose programme the edit changes. */
  private changeEverywhere<R>(
    label: HistoryLabel,
    editDirectory: (d: Directory) => Directory,
    editProgramme: (p: Programme) => Programme,
    result: () => R,
  ): Promise<R> {
    return this.history.change(
      label,
      (current) => {
        const next = new Map<string, unknown>([[DIRECTORY_KEY, editDirectory(current(DIRECTORY_KEY) as Directory)]]);
        for (const forum of this.forums.all()) {
          const file = current(forumKey(forum.id)) as ForumFile;
          const programme = editProgramme(file.programme);
          if (programme !== file.programme) next.set(forumKey(forum.id), { ...file, programme });
        }
        return next;
      },
      result,
    );
  }

  private findPerson(id: string): Person | undefined {
    return this.store.data.people.find((p) => p.id === id);
  }

  private person(id: string): Person {
    const person = this.findPerson(id);
    if (!person) throw new AppError('not_found', `No person ${id}.`);
    return person;
  }

  private checkOrganisation(id: string | null): void {
    if (id !== null && !this.store.data.organisations.some((o) => o.id === id)) {
      throw new AppError('invalid_request', `No organisation ${id}.`, [
        { path: ['organisationId'], message: 'errors.unknownOrganisation' },
      ]);
    }
  }
}

/** `keep`, with each empty text field (and a missing photo or organisation) taken from `other`. */
function fillBlanks(keep: Person, other: Person): Person {
  const out: Record<string, unknown> = { ...keep };
  for (const [key, value] of Object.entries(other)) {
    const mine = out[key];
    if ((mine === '' || mine === null || mine === 'none') && value !== '' && value !== null) out[key] = value;
  }
  return out as Person;
}
