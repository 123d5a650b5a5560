import { randomUUID } from 'node:crypto';
import type { Forum, ForumInput } from '../../shared/domain/forum';
import type { ForumStore } from './forum-store';

/** What the forum channels do; inputs arrive already parsed by the gate. */
export class ForumService {
  constructor(
    private readonly store: ForumStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Forum[] {
    return this.store.all();
  }

  get(id: string): Forum {
    return this.store.get(id);
  }

  async create(input: ForumInput): Promise<Forum> {
    const at = this.now().toISOString();
    const forum: Forum = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
    await this.store.create(forum);
    return forum;
  }

  async update(id: string, input: ForumInput): Promise<Forum> {
    const current = this.store.get(id);
    const forum: Forum = { ...current, ...input, updatedAt: this.now().toISOString() };
    await this.store.update(forum);
    return forum;
  }

  /** A copy to plan the next edition from: same fields, a marked title, back to draft. */
  async duplicate(id: string, copySuffix = { ar: ' (نسخة)', en: ' (copy)' }): Promise<Forum> {
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = this.store.get(id);
    return this.create({
      ...input,
      titleAr: input.titleAr ? input.titleAr + copySuffix.ar : '',
      titleEn: input.titleEn ? input.titleEn + copySuffix.en : '',
      status: 'draft',
    });
  }

  async delete(id: string): Promise<{ id: string }> {
    await this.store.trash(id);
    return { id };
  }

  restore(id: string): Promise<Forum> {
    return this.store.untrash(id);
  }
}
