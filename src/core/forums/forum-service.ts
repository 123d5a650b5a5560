import { randomUUID } from 'node:crypto';
import type { Forum, ForumInput } from '../../shared/domain/forum';
import { historyLabel } from '../../shared/domain/history';
import { copyProgramme } from '../../shared/domain/programme-edit';
import { AppError } from '../../shared/errors';
import { forumKey, type History } from '../history/history';
import type { RegistrationStore } from '../registrations/registration-store';
import { nextRevision, refuseIfStale } from '../revision';
import type { ForumStore } from './forum-store';

const titles = (f: Forum) => ({ ar: f.titleAr, en: f.titleEn });

/** What the forum channels do; inputs arrive already parsed by the gate. */
export class ForumService {
  constructor(
    private readonly store: ForumStore,
    private readonly registrations: RegistrationStore,
    private readonly history: History,
    /** Whether an image file (a logo) is in the data folder's photos/. */
    private readonly imageExists: (name: string) => Promise<boolean>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Forum[] {
    return this.store.all();
  }

  get(id: string): Forum {
    return this.store.get(id);
  }

  async create(input: ForumInput): Promise<Forum> {
    await this.checkLogos(input.logos);
    const at = this.now().toISOString();
    const forum: Forum = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
    await this.store.create(forum);
    return forum;
  }

  /**
   * Undoable, like every later change to the forum's file. `expectedUpdatedAt`
   * is the revision the form was filled from: a save from an older one is refused.
   */
  async update(id: string, input: ForumInput, expectedUpdatedAt?: string): Promise<Forum> {
    const key = forumKey(id);
    this.store.get(id); // not_found before anything else
    await this.checkLogos(input.logos);
    return this.history.change((current) => {
      const file = current(key);
      const name = `The forum "${file.forum.titleAr || file.forum.titleEn}"`;
      refuseIfStale(file.forum, expectedUpdatedAt, { name, path: ['input'] });
      const forum: Forum = { ...file.forum, ...input, updatedAt: nextRevision(this.now(), file.forum.updatedAt) };
      return {
        label: historyLabel('forums.update', titles(forum)),
        next: new Map([[key, { ...file, forum }]]),
        result: () => forum,
      };
    });
  }

  /** A copy to plan the next edition from: same fields and programme, a marked title, back to draft. */
  async duplicate(id: string, copySuffix = { ar: ' (نسخة)', en: ' (copy)' }): Promise<Forum> {
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = this.store.get(id);
    const at = this.now().toISOString();
    const forum: Forum = {
      ...input,
      titleAr: input.titleAr ? input.titleAr + copySuffix.ar : '',
      titleEn: input.titleEn ? input.titleEn + copySuffix.en : '',
      status: 'draft',
      id: randomUUID(),
      createdAt: at,
      updatedAt: at,
    };
    await this.store.create(forum, copyProgramme(this.store.programme(id), randomUUID));
    return forum;
  }

  /** The forum's registrations go to the trash with it (a copy for the next edition starts without any). */
  async delete(id: string): Promise<{ id: string }> {
    this.store.get(id);
    await this.registrations.close(id);
    await this.store.trash(id);
    return { id };
  }

  restore(id: string): Promise<Forum> {
    return this.store.untrash(id);
  }

  /** A logo must name a file the data folder holds (one `images.save` kept). */
  private async checkLogos(logos: readonly string[]): Promise<void> {
    for (const [i, name] of logos.entries()) {
      if (!(await this.imageExists(name))) {
        throw new AppError('invalid_request', `The logo ${name} is not in the data folder.`, [
          { path: ['logos', i], message: 'errors.logoMissing' },
        ]);
      }
    }
  }
}
