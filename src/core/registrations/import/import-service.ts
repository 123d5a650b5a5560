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
import type { RegistrationStore } from '../registration-store';
import { ImportInputError } from './errors';
import type { MappingMemory } from './mapping-memory';
import { buildPreview, type SheetPreview } from './preview';
import { type ImportFile, readImportFile } from './read-file';
import { type ReportLanguage, writeImportReport } from './report';

/** A file being imported: read once, previewed as often as the coordinator changes the mapping. */
interface OpenImport {
  forumId: string;
  fileName: string;
  file: ImportFile;
  /** The last preview shown, and the commit's counts once committed: what the report tells. */
  last: SheetPreview | null;
  result: ImportResult | null;
}

/** Files kept open at once; opening another forgets the oldest (each may hold 50 MB of rows). */
const OPEN_IMPORTS = 2;

/**
 * The import of a registrants' spreadsheet: open (read and check the file),
 * preview (any sheet, header row and mapping; nothing written), commit (one
 * undoable step, all or nothing), and the report of what happened.
 */
export class ImportService {
  private readonly open = new Map<string, OpenImport>();

  constructor(
    private readonly forums: ForumStore,
    private readonly store: RegistrationStore,
    private readonly registrations: RegistrationService,
    private readonly memory: MappingMemory,
  ) {}

  async openFile(forumId: string, fileName: string, base64: string): Promise<ImportPreview> {
    this.forums.get(forumId);
    let file: ImportFile;
    try {
      file = await readImportFile(fileName, Buffer.from(base64, 'base64'));
    } catch (error) {
      throw refused(error);
    }
    const importId = randomUUID();
    this.open.set(importId, { forumId, fileName, file, last: null, result: null });
    for (const id of this.open.keys()) if (this.open.size > OPEN_IMPORTS) this.open.delete(id);
    return this.preview({ forumId, importId, sheet: '', headerRow: null, mapping: null });
  }

  async preview(request: ImportPreviewRequest): Promise<ImportPreview> {
    const open = this.opened(request.importId, request.forumId);
    const last = await this.sheetPreview(open, request);
    open.last = last;
    open.result = null;
    return { ...last, importId: request.importId, fileName: open.fileName };
  }

  /** Writes every row the preview would add or update, in one undoable step; a rejected row writes nothing. */
  async commit(request: ImportCommitRequest): Promise<ImportResult> {
    const open = this.opened(request.importId, request.forumId);
    const decisions = new Map<number, DuplicateAction>(request.decisions.map((d) => [d.row, d.action]));
    const sheetRequest = { sheet: request.sheet, headerRow: request.headerRow, mapping: request.mapping };
    const result = await this.registrations.change(request.forumId, (current, at) => {
      // Computed again inside the step: registrations added since the preview count as existing.
      const preview = buildPreview(open.file, sheetRequest, this.context(request.forumId, current.registrations));
      if (preview.mappingProblems.length > 0) {
        throw new AppError(
          'invalid_request',
          'The column mapping cannot be used: give a name column, each field once.',
        );
      }
      const source = (row: number) => ({ file: open.fileName, sheet: preview.sheet, row, importedAt: at });
      const added: Registration[] = [];
      const updates = new Map<string, Registration>();
      const byId = new Map(current.registrations.map((r) => [r.id, r]));
      let skipped = 0;
      for (const row of preview.rows) {
        if (row.kind === 'rejected') continue;
        const action = row.kind === 'add' ? 'keep' : (decisions.get(row.row) ?? 'skip');
        const existing = row.duplicateOf?.registrationId ? byId.get(row.duplicateOf.registrationId) : undefined;
        if (action === 'skip' || (action === 'update' && !existing)) {
          skipped++;
        } else if (action === 'update' && existing) {
          const updated = updatedFrom(updates.get(existing.id) ?? existing, row.values, at);
          updates.set(existing.id, { ...updated, source: source(row.row) });
        } else {
          added.push(
            registrationFrom(row.values, request.defaults, {
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
      const counts = { added: added.length, updated: updates.size, skipped, rejected: preview.counts.rejected };
      open.last = preview;
      return {
        label: historyLabel('registrations.import', { ar: open.fileName, en: open.fileName }, counts.added),
        file: {
          nextCode: current.nextCode + added.length,
          registrations: [...current.registrations.map((r) => updates.get(r.id) ?? r), ...added],
        },
        result: counts,
      };
    });
    open.result = result;
    if (open.last?.headerRow != null) {
      const headers = open.last.headers;
      await this.memory.remember(headers, open.last.mapping, new Date().toISOString());
    }
    return result;
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
      sheetRows: open.file.sheets.find((s) => s.name === open.last?.sheet)?.rows ?? [],
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
    this.open.delete(importId);
  }

  private async sheetPreview(open: OpenImport, request: ImportPreviewRequest): Promise<SheetPreview> {
    const registrations = (await this.store.open(open.forumId)).data.registrations;
    return buildPreview(open.file, request, this.context(open.forumId, registrations));
  }

  private context(forumId: string, registrations: readonly Registration[]) {
    return {
      defaultCountry: this.forums.get(forumId).phoneCountry,
      delegations: this.forums.programme(forumId).delegations,
      registrations,
      rememberedMapping: (headers: readonly string[]) => this.memory.recall(headers),
    };
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
