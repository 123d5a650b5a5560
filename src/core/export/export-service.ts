import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CouncilView } from '../../shared/domain/council';
import type { ExportKind, ExportOptions, ExportStatus } from '../../shared/domain/export';
import type { PreflightResult } from '../../shared/domain/export-preflight';
import type { Forum } from '../../shared/domain/forum';
import type { Directory } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import type { Registration } from '../../shared/domain/registration';
import { type DocumentFont, EMBEDDED_FONTS, type Settings } from '../../shared/domain/settings';
import { AppError } from '../../shared/errors';
import { writeHandover } from '../backup/handover-archive';
import { createDurableExclusive } from '../store/durable-file';
import { writeAttendeeLists } from './attendee-lists';
import { writeBadges } from './badges';
import { writeCertificates } from './certificates';
import { writeDecisionsXlsx } from './decisions-xlsx';
import { writeBriefingDocx, writeReceptionDocx } from './delegation-docx';
import { titleIn, type Words } from './document-words';
import type { DocumentFonts, ExportInput } from './export-input';
import { ExportCancelled, ExportProgress } from './export-progress';
import { writeMinutesDocx } from './minutes-docx';
import { writeNameCards } from './name-cards';
import { preflight } from './preflight';
import { writeProgrammeDocx } from './programme-docx';
import { writeItineraryDocx, writeMovementSheetDocx } from './visit-docx';

/** Opens a finished export for the user: the file itself, or its folder with the file selected. Given by the shell. */
export type RevealFile = (file: string, how: 'open' | 'folder') => Promise<void>;

export interface ExportSources {
  forum(forumId: string): Forum;
  programme(forumId: string): Programme;
  council(forumId: string): CouncilView;
  councilDocument(file: string): Promise<Buffer | null>;
  directory(): Directory;
  registrations(forumId: string): Promise<Registration[]>;
  settings(): Settings;
  photo(name: string): Promise<Buffer | null>;
}

export interface ExportServiceOptions {
  /** Where finished files go (the user's Documents/Multaqa by default; see data-folder). */
  exportsDir: string;
  /** resources/fonts: the faces of the fonts Multaqa embeds in Word files. */
  fontsDir: string;
  reveal: RevealFile;
  appVersion: string;
}

// Each writer takes its own options; the map keeps kind and writer together.
type AnyWriter = (input: ExportInput) => Promise<Buffer>;
const WRITERS: Record<ExportKind, { write: AnyWriter; extension: 'docx' | 'xlsx' | 'multaqa'; name: Words }> = {
  programme: { write: writeProgrammeDocx as AnyWriter, extension: 'docx', name: { ar: 'البرنامج', en: 'Programme' } },
  attendees: {
    write: writeAttendeeLists as AnyWriter,
    extension: 'xlsx',
    name: { ar: 'كشوف الحضور', en: 'Attendee lists' },
  },
  badges: { write: writeBadges as AnyWriter, extension: 'docx', name: { ar: 'بطاقات التعريف', en: 'Badges' } },
  nameCards: {
    write: writeNameCards as AnyWriter,
    extension: 'docx',
    name: { ar: 'بطاقات الطاولة', en: 'Name cards' },
  },
  certificates: {
    write: writeCertificates as AnyWriter,
    extension: 'docx',
    name: { ar: 'شهادات الحضور', en: 'Certificates' },
  },
  handover: { write: writeHandover as AnyWriter, extension: 'multaqa', name: { ar: 'ملف الملتقى', en: 'Forum file' } },
  minutes: { write: writeMinutesDocx as AnyWriter, extension: 'docx', name: { ar: 'محضر الاجتماع', en: 'Minutes' } },
  decisions: {
    write: writeDecisionsXlsx as AnyWriter,
    extension: 'xlsx',
    name: { ar: 'متابعة القرارات', en: 'Decisions follow-up' },
  },
  itinerary: {
    write: writeItineraryDocx as AnyWriter,
    extension: 'docx',
    name: { ar: 'برنامج الجولة', en: 'Itinerary' },
  },
  movementSheet: {
    write: writeMovementSheetDocx as AnyWriter,
    extension: 'docx',
    name: { ar: 'كشف الحركة', en: 'Movement sheet' },
  },
  briefing: {
    write: writeBriefingDocx as AnyWriter,
    extension: 'docx',
    name: { ar: 'الملف التعريفي للوفد', en: 'Delegation briefing' },
  },
  reception: {
    write: writeReceptionDocx as AnyWriter,
    extension: 'docx',
    name: { ar: 'جدول استقبال الوفود', en: 'Airport reception schedule' },
  },
};

/** Finished jobs kept for their Open / Show in folder / Download buttons. */
const KEPT_JOBS = 20;

interface Job {
  status: ExportStatus;
  progress: ExportProgress;
}

/**
 * Runs exports as jobs: `start` gathers the forum's records as they are at
 * that moment and returns at once; the writer runs in the background while
 * the renderer polls `status` for a progress bar and may `cancel`. The file
 * is written whole to a temporary name and renamed into the exports folder,
 * so a failed or cancelled export leaves nothing behind.
 */
export class ExportService {
  private readonly jobs = new Map<string, Job>();
  private readonly fontCache = new Map<DocumentFont, DocumentFonts>();

  constructor(
    private readonly sources: ExportSources,
    private readonly options: ExportServiceOptions,
  ) {}

  async start(forumId: string, options: ExportOptions): Promise<ExportStatus> {
    const forum = this.sources.forum(forumId);
    const settings = this.sources.settings();
    const progress = new ExportProgress();
    const input: ExportInput = {
      forum,
      programme: this.sources.programme(forumId),
      directory: this.sources.directory(),
      // The programme lists no registrant: a forum's thousands are not read for it.
      registrations: options.kind === 'programme' ? [] : await this.sources.registrations(forumId),
      photo: (name) => this.sources.photo(name),
      council: this.sources.council(forumId),
      councilDocument: (file) => this.sources.councilDocument(file),
      appVersion: this.options.appVersion,
      options,
      settings,
      fonts: await this.fonts(settings.documentFont),
      progress,
      now: new Date(),
    };
    const job: Job = {
      progress,
      status: {
        jobId: randomUUID(),
        kind: options.kind,
        state: 'running',
        done: 0,
        total: 0,
        fileName: null,
        path: null,
        error: null,
      },
    };
    this.jobs.set(job.status.jobId, job);
    this.forgetOldJobs();
    void this.run(job, input);
    return this.status(job.status.jobId);
  }

  /** The pre-flight of an export on the records as they are now: what it would print wrongly (see preflight). */
  async preflight(forumId: string, options: ExportOptions): Promise<PreflightResult> {
    return preflight({
      forum: this.sources.forum(forumId),
      programme: this.sources.programme(forumId),
      directory: this.sources.directory(),
      registrations: options.kind === 'programme' ? [] : await this.sources.registrations(forumId),
      options,
    });
  }

  status(jobId: string): ExportStatus {
    const job = this.job(jobId);
    return { ...job.status, done: job.progress.done, total: job.progress.total };
  }

  cancel(jobId: string): ExportStatus {
    this.job(jobId).progress.cancel();
    return this.status(jobId);
  }

  /** The finished file's bytes (browser mode offers them as a download). */
  async download(jobId: string): Promise<{ fileName: string; base64: string }> {
    const { fileName, path: file } = this.finished(jobId);
    return { fileName, base64: (await fs.readFile(file)).toString('base64') };
  }

  async reveal(jobId: string, how: 'open' | 'folder'): Promise<void> {
    const { path: file } = this.finished(jobId);
    await fs.access(file).catch(() => {
      throw new AppError('not_found', 'The exported file has been moved or deleted');
    });
    await this.options.reveal(file, how);
  }

  /** Lets running exports stop before the app closes. */
  cancelAll(): void {
    for (const job of this.jobs.values()) job.progress.cancel();
  }

  private async run(job: Job, input: ExportInput): Promise<void> {
    const writer = WRITERS[input.options.kind];
    try {
      const bytes = await writer.write(input);
      if (job.progress.isCancelled) throw new ExportCancelled();
      const file = await this.writeUnderFreeName(
        `${writer.name[input.settings.language]} - ${titleIn(input.forum, input.settings.language)}`,
        writer.extension,
        bytes,
      );
      job.progress.done = job.progress.total;
      job.status = { ...job.status, state: 'done', fileName: path.basename(file), path: file };
    } catch (error) {
      if (error instanceof ExportCancelled) {
        job.status = { ...job.status, state: 'cancelled' };
      } else {
        const payload =
          error instanceof AppError
            ? error.toPayload()
            : new AppError('save_failed', `The export could not be written: ${(error as Error).message}`).toPayload();
        if (!(error instanceof AppError)) console.error('[multaqa] export failed', error);
        job.status = { ...job.status, state: 'failed', error: payload };
      }
    }
  }

  /**
   * "البرنامج - الملتقى الثاني….docx" in the exports folder, numbered "(2)",
   * "(3)"… rather than overwriting an earlier export someone may have edited.
   * Each name is taken by creating the file exclusively, so two exports
   * finishing together write two files, never one over the other.
   */
  private async writeUnderFreeName(base: string, extension: string, bytes: Uint8Array): Promise<string> {
    const clean = base
      // Characters Windows forbids in names, and control and bidi characters (\p{Cc}, \p{Cf}).
      .replace(/[\p{Cc}\p{Cf}<>:"/\\|?*]/gu, ' ')
      .replace(/\s+/g, ' ')
      .replace(/[. ]+$/, '')
      .slice(0, 120)
      .trim();
    await fs.mkdir(this.options.exportsDir, { recursive: true });
    for (let n = 1; ; n++) {
      const file = path.join(this.options.exportsDir, `${clean}${n > 1 ? ` (${n})` : ''}.${extension}`);
      if (await createDurableExclusive(file, bytes)) return file;
    }
  }

  private async fonts(name: DocumentFont): Promise<DocumentFonts> {
    const cached = this.fontCache.get(name);
    if (cached) return cached;
    let fonts: DocumentFonts = { name, embedded: null };
    if (EMBEDDED_FONTS.has(name)) {
      try {
        const [regular, bold] = await Promise.all(
          ['Regular', 'Bold'].map((face) => fs.readFile(path.join(this.options.fontsDir, `${name}-${face}.ttf`))),
        );
        fonts = { name, embedded: { regular: regular as Buffer, bold: bold as Buffer } };
      } catch (error) {
        // A broken install: the document still names the font, and Word substitutes one it has.
        console.error(`[multaqa] ${name} could not be read for embedding`, error);
      }
    }
    this.fontCache.set(name, fonts);
    return fonts;
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', 'No such export');
    return job;
  }

  private finished(jobId: string): { fileName: string; path: string } {
    const { status } = this.job(jobId);
    if (status.state !== 'done' || !status.path || !status.fileName) {
      throw new AppError('conflict', 'The export has not finished');
    }
    return { fileName: status.fileName, path: status.path };
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) this.jobs.delete(job.status.jobId);
  }
}
