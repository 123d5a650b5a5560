import type { Council } from '../../shared/domain/council';
import { mapCouncilOrganisations, mapCouncilPeople, removeCouncilPerson } from '../../shared/domain/council-edit';
import { type HistoryLabel, historyLabel } from '../../shared/domain/history';
import type { Directory, Organisation, Person, PersonSave } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import { removePerson, replacePerson } from '../../shared/domain/programme-edit';
import { upsertById } from '../../shared/domain/records';
import { AppError } from '../../shared/errors';
import { protocolName } from '../../shared/people/protocol-name';
import type { ForumStore } from '../forums/forum-store';
import { DIRECTORY_KEY, forumKey, type History } from '../history/history';
import { nextRevision, refuseIfStale } from '../revision';
import type { DirectoryStore } from './directory-store';

type OrganisationSave = Omit<Organisation, 'createdAt' | 'updatedAt'> & { expectedUpdatedAt?: string };

const subject = (p: { nameAr: string; nameEn: string }) => ({ ar: p.nameAr, en: p.nameEn });
const nameOf = (p: { nameAr: string; nameEn: string } | undefined) => `"${p?.nameAr || p?.nameEn}"`;

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

  /** An edit from an older revision of the person (saved meanwhile in another window) is refused. */
  savePerson({ expectedUpdatedAt, ...input }: PersonSave): Promise<Person> {
    return this.changeDirectory((d) => {
      checkOrganisation(d, input.organisationId);
      const existing = d.people.find((p) => p.id === input.id);
      refuseIfStale(existing, expectedUpdatedAt, { name: nameOf(existing), path: [] });
      const at = nextRevision(this.now(), existing?.updatedAt);
      const person: Person = {
        ...input,
        photo: existing?.photo ?? null,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      return {
        label: historyLabel(existing ? 'people.update' : 'people.create', subject(person)),
        directory: { ...d, people: upsertById(d.people, person) },
        result: person,
      };
    });
  }

  /** The bytes are kept first (content-named, so never in anyone's way); the record changes in the queue. */
  async setPhoto(id: string, base64: string | null): Promise<Person> {
    this.person(this.store.data, id);
    const photo = base64 === null ? null : await this.store.savePhoto(Buffer.from(base64, 'base64'));
    return this.changeDirectory((d) => {
      const old = this.person(d, id);
      const person: Person = { ...old, photo, updatedAt: nextRevision(this.now(), old.updatedAt) };
      return {
        label: historyLabel('people.setPhoto', subject(person)),
        directory: { ...d, people: upsertById(d.people, person) },
        result: person,
      };
    });
  }

  async photo(id: string): Promise<string | null> {
    const name = this.person(this.store.data, id).photo;
    return name ? this.store.photoDataUrl(name) : null;
  }

  /** Deletes a person; sessions keep the printed name as text, so nothing silently loses its speaker. */
  deletePerson(id: string): Promise<{ id: string }> {
    return this.changeEverywhere((d) => {
      const person = this.person(d, id);
      const printed = protocolName(person, person.nameAr ? 'ar' : 'en');
      return {
        label: historyLabel('people.delete', subject(person)),
        directory: { ...d, people: d.people.filter((p) => p.id !== id) },
        programme: (programme) => removePerson(programme, id, printed),
        council: (council) => removeCouncilPerson(council, id, printed),
        result: { id },
      };
    });
  }

  /**
   * Two records of one person become `keepId`: its empty fields take the
   * other's values, and every session and delegation that named the other
   * now names it. (Registrations follow the same way once they exist.)
   */
  mergePeople(keepId: string, mergeId: string): Promise<Person> {
    return this.changeEverywhere((d) => {
      if (keepId === mergeId) throw new AppError('invalid_request', 'A person cannot be merged with themself.');
      const kept = this.person(d, keepId);
      const merged: Person = {
        ...fillBlanks(kept, this.person(d, mergeId)),
        updatedAt: nextRevision(this.now(), kept.updatedAt),
      };
      return {
        label: historyLabel('people.merge', subject(merged), 2),
        directory: { ...d, people: upsertById(d.people, merged).filter((p) => p.id !== mergeId) },
        programme: (programme) => replacePerson(programme, mergeId, keepId),
        council: (council) => mapCouncilPeople(council, (x) => (x === mergeId ? keepId : x)),
        result: merged,
      };
    });
  }

  saveOrganisation({ expectedUpdatedAt, ...input }: OrganisationSave): Promise<Organisation> {
    return this.changeDirectory((d) => {
      const existing = d.organisations.find((o) => o.id === input.id);
      refuseIfStale(existing, expectedUpdatedAt, { name: nameOf(existing), path: [] });
      const at = nextRevision(this.now(), existing?.updatedAt);
      const organisation: Organisation = { ...input, createdAt: existing?.createdAt ?? at, updatedAt: at };
      return {
        label: historyLabel(existing ? 'organisations.update' : 'organisations.create', subject(organisation)),
        directory: { ...d, organisations: upsertById(d.organisations, organisation) },
        result: organisation,
      };
    });
  }

  /** People and delegations of a deleted organisation keep everything else; undo brings the link back. */
  deleteOrganisation(id: string): Promise<{ id: string }> {
    const unlink = <T extends { organisationId: string | null }>(x: T): T =>
      x.organisationId === id ? { ...x, organisationId: null } : x;
    return this.changeEverywhere((d) => {
      const organisation = d.organisations.find((o) => o.id === id);
      if (!organisation) throw new AppError('not_found', `No organisation ${id}.`);
      return {
        label: historyLabel('organisations.delete', subject(organisation)),
        directory: { organisations: d.organisations.filter((o) => o.id !== id), people: d.people.map(unlink) },
        programme: (programme) =>
          programme.delegations.some((x) => x.organisationId === id)
            ? { ...programme, delegations: programme.delegations.map(unlink) }
            : programme,
        council: (council) => mapCouncilOrganisations(council, (x) => (x === id ? null : x)),
        result: { id },
      };
    });
  }

  private changeDirectory<R>(edit: (d: Directory) => DirectoryEdit<R>): Promise<R> {
    return this.history.change((current) => {
      const { label, directory, result } = edit(current(DIRECTORY_KEY));
      return { label, next: new Map([[DIRECTORY_KEY, directory]]), result: () => result };
    });
  }

  /** One step over the directory and every forum whose programme the edit changes. */
  private changeEverywhere<R>(
    edit: (d: Directory) => DirectoryEdit<R> & {
      programme: (p: Programme) => Programme;
      /** The same for each forum's council (its representatives, presenters, member organisations). */
      council: (c: Council) => Council;
    },
  ): Promise<R> {
    return this.history.change((current) => {
      const { label, directory, programme: editProgramme, council: editCouncil, result } = edit(current(DIRECTORY_KEY));
      const next = new Map<string, unknown>([[DIRECTORY_KEY, directory]]);
      for (const forum of this.forums.all()) {
        const file = current(forumKey(forum.id));
        const programme = editProgramme(file.programme);
        const council = editCouncil(file.council);
        if (programme !== file.programme || council !== file.council)
          next.set(forumKey(forum.id), { ...file, programme, council });
      }
      return { label, next, result: () => result };
    });
  }

  private person(d: Directory, id: string): Person {
    const person = d.people.find((p) => p.id === id);
    if (!person) throw new AppError('not_found', `No person ${id}.`);
    return person;
  }
}

interface DirectoryEdit<R> {
  label: HistoryLabel;
  directory: Directory;
  result: R;
}

function checkOrganisation(d: Directory, id: string | null): void {
  if (id !== null && !d.organisations.some((o) => o.id === id)) {
    throw new AppError('invalid_request', `No organisation ${id}.`, [
      { path: ['organisationId'], message: 'errors.unknownOrganisation' },
    ]);
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
