import type { CouncilView } from '../../shared/domain/council';
import type { ExportOptions } from '../../shared/domain/export';
import type { Forum } from '../../shared/domain/forum';
import type { Directory } from '../../shared/domain/person';
import type { Programme } from '../../shared/domain/programme';
import type { Registration } from '../../shared/domain/registration';
import type { DocumentFont, Settings } from '../../shared/domain/settings';
import type { ExportProgress } from './export-progress';

/** A font for Word files: its name, and its faces when Multaqa embeds it (see resources/fonts). */
export interface DocumentFonts {
  name: DocumentFont;
  embedded: { regular: Buffer; bold: Buffer } | null;
}

/**
 * Everything a writer needs, gathered by the export service: the forum's
 * records as they are at the moment the export starts, the user's choices
 * for digits and calendars, and where to report progress. Writers are pure
 * (records in, bytes out), so tests call them directly.
 */
export interface ExportInput<O extends ExportOptions = ExportOptions> {
  forum: Forum;
  programme: Programme;
  directory: Directory;
  registrations: readonly Registration[];
  options: O;
  settings: Settings;
  fonts: DocumentFonts;
  progress: ExportProgress;
  /** The moment of the export (printed on certificates and in footers), given so tests are repeatable. */
  now: Date;
  /** A person's photo from the data folder, or null when it is gone (the handover file carries them). */
  photo(name: string): Promise<Buffer | null>;
  appVersion: string;
  /**
   * A council session's members, attendance, agenda and decisions, with the
   * earlier decisions it follows up; absent is read as an empty council.
   */
  council?: CouncilView;
  /** A council item's document from the data folder, or null when it is gone. */
  councilDocument?(file: string): Promise<Buffer | null>;
}

/** A writer of one kind of export. */
export type ExportWriter<O extends ExportOptions> = (input: ExportInput<O>) => Promise<Buffer>;
