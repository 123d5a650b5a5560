import { randomUUID } from 'node:crypto';
import { historyLabel } from '../../../shared/domain/history';
import type { Registration } from '../../../shared/domain/registration';
import type {
  DuplicateAction,
  ImportCommitRequest,
  ImportPreview,
  ImportPreviewRequest,
  ImportResult,
} from '../../../shared/domain/registration-import';
import { AppError } from '../../../shared/errors';
import type { ForumStore } from '../../forums/forum-store';
import { ensureRoom, type RegistrationService, registrationFrom, updatedFrom } from '../registration-service';
import type { RegistrationStore, RegistrationsFile } from '../registration-store';
import { ImportInputError } from './errors';
import { duplicateCandidates, type ImportEngine, type SheetRequest } from './import-engine';
import type { MappingMemory } from './mapping-memory';
import type { SheetPreview } from './preview';
import { type ReportLanguage, writeImportReport } from './report';

/** A file being imported: read once (by the engine, which keeps its rows), previewed as often as the coordinator changes the mapping. */
interface OpenImport {
  forumId: string;
  fileName: string;
  /** The engine's handle of the file. */
  handle: string;
  /** The last preview shown, and the commit's counts once committed: what the report tells. */
  last: SheetPreview | null;
  /** What the last preview was computed from: when the commit finds the same, it uses that preview as it is. */
  basis: PreviewBasis | null;
  result: ImportResult | null;
}

interface PreviewBasis {
  request: SheetRequest;
  defaultCountry: string;
  delegations: unknown;
  registrations: readonly Registration[];
}

/** Files kept open at once; opening another forgets the oldest. */
const OPEN_IMPORTS = 2;

/** How often a commit previews again when the registrations changed under it (a walk-in at the door meanwhile). */
const COMMIT_TRIES = 3;

/** Thrown inside a commit's step when the registrations changed since its preview: nothing is written, it tries again. */
class StalePreview extends Error {}

/**
 * The import of a registrants' spreadsheet: open (read and check the file),
 * preview (any sheet, header row and mapping; nothing written), commit (one
 * undoable step, all or nothing), and the report of what happened. Reading
 * and previewing run in the engine (a worker thread in the app); writing
 * runs here.
 */
export class ImportService {
  private readonly open = new Map<string, OpenImport>();

  constructor(
    private readonly forums: ForumStore,
    private readonly store: RegistrationStore,
    private readonly registrations: RegistrationService,
    private readonly memory: MappingMemory,
    private readonly engine: ImportEngine,
  ) {}

  async openFile(forumId: string, fileName: string, base64: string): Promise<ImportPreview> {
    this.forums.get(forumId);
    let handle: string;
    try {
      handle = await this.engine.open(fileName, Buffer.from(base64, 'base64'));
    } catch (error) {
      throw refused(error);
    }
    const importId = randomUUID();
    this.open.set(importId, { forumId, fileName, handle, last: null, basis: null, result: null });
    for (const [id, open] of this.open) {
      if (this.open.size <= OPEN_IMPORTS) break;
      this.open.delete(id);
      this.engine.close(open.handle);
    }
    return this.preview({ forumId, importId, sheet: '', headerRow: null, mapping: null });
  }

  async preview(request: ImportPreviewRequest): Promise<ImportPreview> {
    const open = this.opened(request.importId, request.forumId);
    const registrations = (await this.store.open(open.forumId)).data.registrations;
    const preview = await this.previewOf(open, request, registrations);
    open.result = null;
    return { ...preview, importId: request.importId, fileName: open.fileName };
  }

  /** Writes every row the preview would add or update, in one undoable step; a rejected row writes nothing. */
  async commit(request: ImportCommitRequest): Promise<ImportResult> {
    const open = this.opened(request.importId, request.forumId);
    const decisions = new Map<number, DuplicateAction>(request.decisions.map((d) => [d.row, d.action]));
    const sheetRequest = {
      sheet: request.sheet,
      headerRow: request.headerRow,
      mapping: request.mapping,
      edits: request.edits,
    };
    for (let attempt = 1; ; attempt++) {
      // Previewed against the registrations as they are now: any added since the last preview count as existing.
      const before = (await this.store.open(open.forumId)).data.registrations;
      const preview = await this.previewOf(open, sheetRequest, before);
      try {
        const result = await this.registrations.change(request.forumId, (current, at) => {
          if (current.registrations !== before) throw new StalePreview();
          return this.writeRows(open, preview, decisions, request.defaults, current, at);
        });
        open.result = result;
        if (preview.headerRow !== null) {
          await this.memory.remember(preview.headers, preview.mapping, new Date().toISOString());
        }
        return result;
      } catch (error) {
        if (!(error instanceof StalePreview) || attempt === COMMIT_TRIES) throw error;
      }
    }
  }

  /** The step a commit writes: the preview's rows as the coordinator decided them. */
  private writeRows(
    open: OpenImport,
    preview: SheetPreview,
    decisions: ReadonlyMap<number, DuplicateAction>,
    defaults: ImportCommitRequest['defaults'],
    current: RegistrationsFile,
    at: string,
  ) {
    if (preview.mappingProblems.length > 0) {
      throw new AppError('invalid_request', 'The column mapping cannot be used: give a name column, each field once.');
    }
    const source = (row: number) => ({ file: open.fileName, sheet: preview.sheet, row, importedAt: at });
    const added: Registration[] = [];
    const updates = new Map<string, Registration>();
    const byId = new Map(current.registrations.map((r) => [r.id, r]));
    let skipped = 0;
    let rejected = 0;
    let setAside = 0;
    for (const row of preview.rows) {
      const decision = decisions.get(row.row);
      // A rejected row taken anyway, or a row set aside taken in, is added as it reads; one without a name cannot be.
      if (row.kind === 'rejected' || row.kind === 'set_aside') {
        const taken = decision === 'keep' && !row.problems.some((p) => p.code === 'name_missing');
        if (!taken) {
          if (row.kind === 'rejected') rejected++;
          else setAside++;
          continue;
        }
      }
      const action = row.kind === 'duplicate' ? (decision ?? 'skip') : 'keep';
      const existing = row.duplicateOf?.registrationId ? byId.get(row.duplicateOf.registrationId) : undefined;
      if (action === 'skip' || (action === 'update' && !existing)) {
        skipped++;
      } else if (action === 'update' && existing) {
        const updated = updatedFrom(updates.get(existing.id) ?? existing, row.values, at);
        updates.set(existing.id, { ...updated, source: source(row.row) });
      } else {
        added.push(
          registrationFrom(row.values, defaults, {
            id: randomUUID(),
            code: String(current.nextCode + added.length),
            source: source(row.row),
            createdAt: at,
            updatedAt: at,
          }),
        );
      }
    }
    ensureRoom(current.registrations.length + added.length);
    const counts = { added: added.length, updated: updates.size, skipped, rejected, setAside };
    return {
      label: historyLabel('registrations.import', { ar: open.fileName, en: open.fileName }, counts.added),
      file: {
        nextCode: current.nextCode + added.length,
        registrations: [...current.registrations.map((r) => updates.get(r.id) ?? r), ...added],
      },
      result: counts,
    };
  }

  /** The report of the last preview (or commit) of an open import, as an .xlsx file, base64. */
  async report(
    forumId: string,
    importId: string,
    language: ReportLanguage,
  ): Promise<{ fileName: string; base64: string }> {
    const open = this.opened(importId, forumId);
    if (!open.last) throw new AppError('not_found', 'Nothing was previewed yet.');
    const bytes = await writeImportReport({
      fileName: open.fileName,
      preview: open.last,
      sheetRows: await this.engine.rows(open.handle, open.last.sheet),
      result: open.result,
      language,
    });
    const stem = open.fileName.replace(/\.[^.]+$/, '');
    return {
      fileName: `${stem} - ${language === 'ar' ? 'تقرير الاستيراد' : 'import report'}.xlsx`,
      base64: bytes.toString('base64'),
    };
  }

  close(importId: string): void {
    const open = this.open.get(importId);
    if (!open) return;
    this.open.delete(importId);
    this.engine.close(open.handle);
  }

  /**
   * The preview of a sheet under a mapping, kept as the import's last one. The
   * one already shown is reused when nothing it was computed from has changed
   * (the usual case: the coordinator looks, then commits), so a commit does not
   * read 10,000 rows twice.
   */
  private async previewOf(
    open: OpenImport,
    request: SheetRequest,
    registrations: readonly Registration[],
  ): Promise<SheetPreview> {
    const forum = this.forums.get(open.forumId);
    const delegations = this.forums.programme(open.forumId).delegations;
    const { last, basis } = open;
    // The request names the sheet, header row and mapping the last preview resolved to (a commit does).
    const same =
      last !== null &&
      basis !== null &&
      request.sheet === last.sheet &&
      request.headerRow === last.headerRow &&
      request.mapping !== null &&
      request.mapping.join() === last.mapping.join() &&
      JSON.stringify(request.edits ?? []) === JSON.stringify(basis.request.edits ?? []) &&
      basis.defaultCountry === forum.phoneCountry &&
      basis.delegations === delegations &&
      basis.registrations === registrations;
    if (same) return last;
    const preview = await this.engine.preview(open.handle, request, {
      defaultCountry: forum.phoneCountry,
      delegations: delegations.map(({ id, nameAr, nameEn }) => ({ id, nameAr, nameEn })),
      registrations: duplicateCandidates(registrations),
      shapes: this.memory.shapes(),
    });
    open.last = preview;
    open.basis = { request, defaultCountry: forum.phoneCountry, delegations, registrations };
    return preview;
  }

  /** Throws not_found unless the import is open for this forum: checked before a backup is taken for it. */
  assertOpen(importId: string, forumId: string): void {
    this.opened(importId, forumId);
  }

  private opened(importId: string, forumId: string): OpenImport {
    const open = this.open.get(importId);
    // Another forum's import is as good as gone: its rows must never land here by mistake.
    if (!open || open.forumId !== forumId) {
      throw new AppError('not_found', 'This import is no longer open: choose the file again.');
    }
    return open;
  }
}

/** A file refused before any row was read: its reason as an i18n key the renderer words. */
function refused(error: unknown): AppError {
  if (!(error instanceof ImportInputError)) throw error;
  const key = error.format ? `import.refused.${error.code}.${error.format}` : `import.refused.${error.code}`;
  const where = [error.where.row, error.where.column].filter((n) => n !== undefined) as number[];
  return new AppError('import_refused', error.message, [{ path: ['file', ...where], message: key }]);
}
