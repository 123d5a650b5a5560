/**
 * What replace-crash.test.ts and its child (replace-child.ts) share: the
 * cycle of store-replacing steps the child runs, a reader of the data folder
 * that knows nothing of core (each file decoded with its spec), and the
 * canonical form two states are compared in.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { directorySpec } from '../../src/core/directory/directory-store';
import { type ForumFile, forumFileSpec } from '../../src/core/forums/forum-file';
import {
  EMPTY_REGISTRATIONS,
  REGISTRATIONS_SUFFIX,
  type RegistrationsFile,
  registrationsFileSpec,
} from '../../src/core/registrations/registration-store';
import { settingsSpec } from '../../src/core/settings/settings-store';
import { type DocumentSpec, decodeDocument } from '../../src/core/store/document-codec';
import type { Handlers } from '../../src/shared/contract';
import { type Directory, directorySchema } from '../../src/shared/domain/person';
import { programmeSchema } from '../../src/shared/domain/programme';
import { peopleOf } from '../../src/shared/domain/programme-edit';
import { registrationSchema } from '../../src/shared/domain/registration';
import { type Settings, settingsSchema } from '../../src/shared/domain/settings';

/** What the test made once, before any kill; written as JSON for the child. */
export interface ReplaceSetup {
  /** Backup ids (file names) in the data folder's backups/: state A and state B of the whole store. */
  backupA: string;
  backupB: string;
  /** F1 is in both backups (retitled in B), F3 only in B. */
  forum1: string;
  forum3: string;
  /** A `.multaqa` file of F1 made after B (a session, a person and a registrant more), and a small CSV. */
  handoverFile: string;
  csvFile: string;
  /** Every UUID the setup wrote: any other in a state is one a step made (a new forum, an imported registrant). */
  knownIds: string[];
  /** Timestamps after this are a step's `now`, normalised away. */
  setupEnd: string;
}

/**
 * The cycle. Each whole-store restore resets the state, so the state after a
 * step is the same (once new ids and times are normalised) every time round.
 */
export const STEPS = [
  'restoreAllA',
  'importF1',
  'restoreForumB1',
  'restoreForumB3',
  'handoverMerge',
  'restoreAllB',
  'handoverNew',
  'importF1Again',
] as const;
export type Step = (typeof STEPS)[number];

export type OpKind = 'restoreAll' | 'restoreForum' | 'handoverMerge' | 'handoverNew' | 'import';

export const OP_KIND: Record<Step, OpKind> = {
  restoreAllA: 'restoreAll',
  importF1: 'import',
  restoreForumB1: 'restoreForum',
  restoreForumB3: 'restoreForum',
  handoverMerge: 'handoverMerge',
  restoreAllB: 'restoreAll',
  handoverNew: 'handoverNew',
  importF1Again: 'import',
};

/** Whether a step writes through commitFiles (the others write one file durably). */
export const isTransactional = (step: Step) => OP_KIND[step] !== 'import';

export interface StepInputs {
  handoverBase64: string;
  csvBase64: string;
}

export async function runStep(h: Handlers, setup: ReplaceSetup, step: Step, inputs: StepInputs): Promise<void> {
  switch (step) {
    case 'restoreAllA':
      await h['backups.restore']({ id: setup.backupA });
      return;
    case 'restoreAllB':
      await h['backups.restore']({ id: setup.backupB });
      return;
    case 'restoreForumB1':
      await h['backups.restore']({ id: setup.backupB, forumId: setup.forum1 });
      return;
    case 'restoreForumB3':
      await h['backups.restore']({ id: setup.backupB, forumId: setup.forum3 });
      return;
    case 'handoverMerge':
    case 'handoverNew': {
      const preview = await h['handover.open']({ fileName: 'F1.multaqa', base64: inputs.handoverBase64 });
      await h['handover.commit']({
        handoverId: preview.handoverId,
        mode: step === 'handoverMerge' ? 'merge' : 'new',
        duplicates: 'keepExisting',
      });
      return;
    }
    case 'importF1':
    case 'importF1Again': {
      const forumId = setup.forum1;
      const preview = await h['import.open']({ forumId, fileName: 'registrants.csv', base64: inputs.csvBase64 });
      await h['import.commit']({
        forumId,
        importId: preview.importId,
        sheet: preview.sheet,
        headerRow: preview.headerRow,
        mapping: ['fullName', 'email'],
        defaults: { category: 'participant', status: 'registered' },
        decisions: [],
      });
      await h['import.close']({ importId: preview.importId });
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------

export interface StoreState {
  settings: Settings | null;
  directory: Directory;
  forums: { file: ForumFile; registrations: RegistrationsFile }[];
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_G = new RegExp(UUID, 'g');
const FORUM_NAME = new RegExp(`^(${UUID})\\.json(\\.bak)?$`);
const DATETIME_G = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
const TEMP_MARK = '.tmp-';

/** Every UUID in a text: the ids a setup wrote. */
export const uuidsIn = (text: string): string[] => text.match(UUID_G) ?? [];

/** JSON with keys sorted, so the order fields were assigned in does not matter. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A state as one string: new ids and new times replaced by placeholders,
 * forums, registrants, people and organisations sorted. `nextCode` is left
 * out for a state read through the handlers, which do not show it.
 */
export function canonical(
  state: StoreState,
  setup: Pick<ReplaceSetup, 'knownIds' | 'setupEnd'>,
  withNextCode = true,
): string {
  const known = new Set(setup.knownIds);
  const normal = (value: unknown): string =>
    stableJson(value)
      .replace(UUID_G, (id) => (known.has(id) ? id : 'new-id'))
      .replace(DATETIME_G, (at) => (at > setup.setupEnd ? 'now' : at));
  const sorted = (items: unknown[]) => items.map(normal).sort();
  return [
    `settings ${normal(state.settings)}`,
    `people ${sorted(state.directory.people).join('\n')}`,
    `organisations ${sorted(state.directory.organisations).join('\n')}`,
    ...state.forums
      .map(({ file, registrations }) =>
        [
          `forum ${normal(file.forum)}`,
          `programme ${normal(file.programme)}`,
          withNextCode ? `nextCode ${registrations.nextCode}` : '',
          `registrations ${sorted(registrations.registrations).join('\n')}`,
        ].join('\n'),
      )
      .sort(),
  ].join('\n');
}

export const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The state as core's handlers show it. */
export async function stateViaHandlers(h: Handlers): Promise<StoreState> {
  const forums: StoreState['forums'] = [];
  for (const { id } of await h['forums.list']()) {
    const forum = await h['forums.get']({ id });
    const programme = programmeSchema.parse(await h['programme.get']({ forumId: id }));
    const registrations = (await h['registrations.list']({ forumId: id })).map((r) => registrationSchema.parse(r));
    const { council } = await h['council.get']({ forumId: id });
    forums.push({ file: { forum, programme, council }, registrations: { nextCode: 0, registrations } });
  }
  return {
    settings: settingsSchema.parse(await h['settings.get']()),
    directory: directorySchema.parse(await h['directory.get']()),
    forums,
  };
}

export interface DiskRead {
  state: StoreState;
  /** Files that do not decode, or records that name what is not there. */
  problems: string[];
  /** A transaction folder with a journal (the next start finishes it), one without (dropped), or none. */
  transaction: 'none' | 'journaled' | 'unjournaled';
  /** Temp files of interrupted durable writes, anywhere in the folder. */
  temps: string[];
}

/**
 * Reads the data folder without core, as its next start will find it: each
 * file, or its `.bak` when the file is missing (an interrupted durable write);
 * with `finishJournal`, as if a journaled transaction had been finished (the
 * staged file for each of its targets, nothing for a removal), which is what
 * the next start does before anything reads the store.
 */
export async function readStore(dataDir: string, finishJournal: boolean): Promise<DiskRead> {
  const problems: string[] = [];
  const txDir = path.join(dataDir, 'transaction');
  let transaction: DiskRead['transaction'] = 'none';
  let journal: Map<string, string | null> | null = null;
  if (await exists(txDir)) {
    const steps = parseJournal(await readOrNull(path.join(txDir, 'journal.json')));
    transaction = steps ? 'journaled' : 'unjournaled';
    if (steps && finishJournal) journal = new Map(steps.map((s) => [path.normalize(s.target), s.staged]));
  }
  const read = async (rel: string): Promise<string | null> => {
    const step = journal?.get(path.normalize(rel));
    if (step === null) return null;
    if (step !== undefined) {
      const staged = await readOrNull(path.join(txDir, step));
      if (staged !== null) return staged;
    }
    return (await readOrNull(path.join(dataDir, rel))) ?? readOrNull(path.join(dataDir, `${rel}.bak`));
  };
  const decode = async <T>(rel: string, spec: DocumentSpec<T>): Promise<T | null> => {
    const text = await read(rel);
    if (text === null) return null;
    const decoded = decodeDocument(spec, text);
    if (decoded.ok) return decoded.data;
    problems.push(`${rel}: ${decoded.reason} ${decoded.detail}`);
    return null;
  };

  const settings = await decode('settings.json', settingsSpec);
  const directory = (await decode('directory.json', directorySpec)) ?? { people: [], organisations: [] };
  const names = await fs.readdir(path.join(dataDir, 'forums')).catch(() => [] as string[]);
  const targets = [...(journal?.keys() ?? [])]
    .map((t) => path.relative('forums', t))
    .filter((t) => !t.startsWith('..'));
  const ids = new Set<string>();
  const registrationIds = new Set<string>();
  for (const name of [...names, ...targets]) {
    const forum = FORUM_NAME.exec(name)?.[1];
    if (forum) ids.add(forum);
    const base = name.replace(/\.bak$/, '');
    if (base.endsWith(REGISTRATIONS_SUFFIX)) registrationIds.add(base.slice(0, -REGISTRATIONS_SUFFIX.length));
  }
  const forums: StoreState['forums'] = [];
  for (const id of [...ids].sort()) {
    const file = await decode(`forums/${id}.json`, forumFileSpec);
    if (!file) continue;
    if (file.forum.id !== id) problems.push(`forums/${id}.json holds forum ${file.forum.id}`);
    const registrations =
      (await decode(`forums/${id}${REGISTRATIONS_SUFFIX}`, registrationsFileSpec)) ?? EMPTY_REGISTRATIONS;
    forums.push({ file, registrations });
  }
  for (const id of registrationIds) {
    const live = forums.some((f) => f.file.forum.id === id);
    if (!live && (await read(`forums/${id}${REGISTRATIONS_SUFFIX}`)) !== null) {
      problems.push(`forums/${id}${REGISTRATIONS_SUFFIX} belongs to no forum`);
    }
  }

  // What the records name must be there: people, organisations, photos.
  const people = new Set(directory.people.map((p) => p.id));
  const organisations = new Set(directory.organisations.map((o) => o.id));
  for (const { file } of forums) {
    for (const id of peopleOf(file.programme)) {
      if (!people.has(id)) problems.push(`forum "${file.forum.titleEn}" names person ${id}, not in the directory`);
    }
    for (const d of file.programme.delegations) {
      if (d.organisationId && !organisations.has(d.organisationId)) {
        problems.push(`forum "${file.forum.titleEn}" names organisation ${d.organisationId}, not in the directory`);
      }
    }
  }
  for (const p of directory.people) {
    if (p.organisationId && !organisations.has(p.organisationId)) {
      problems.push(`person ${p.id} names organisation ${p.organisationId}, not in the directory`);
    }
    if (p.photo && !(await exists(path.join(dataDir, 'photos', p.photo)))) {
      problems.push(`person ${p.id} names photo ${p.photo}, not in photos/`);
    }
  }
  return { state: { settings, directory, forums }, problems, transaction, temps: await tempsUnder(dataDir) };
}

function parseJournal(text: string | null): { target: string; staged: string | null }[] | null {
  if (text === null) return null;
  try {
    const raw = JSON.parse(text) as { steps?: unknown };
    if (!Array.isArray(raw.steps)) return null;
    return raw.steps.map((s: { target?: unknown; staged?: unknown }) => {
      if (typeof s.target !== 'string' || (s.staged !== null && typeof s.staged !== 'string')) {
        throw new Error('bad step');
      }
      return { target: s.target, staged: s.staged };
    });
  } catch {
    return null;
  }
}

async function tempsUnder(dir: string, under = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(path.join(dir, under), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const rel = path.join(under, entry.name);
    if (entry.isDirectory()) {
      if (rel !== 'transaction') out.push(...(await tempsUnder(dir, rel)));
    } else if (entry.name.includes(TEMP_MARK)) out.push(rel);
  }
  return out;
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
