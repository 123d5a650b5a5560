import type { z } from 'zod';
import type { StoreProblem } from '../../shared/domain/store-problem';

/**
 * How a store file is laid out on disk: `{ "schemaVersion": N, "data": ... }`.
 * Reading a file means: parse the JSON, refuse a version newer than this build
 * knows, run the migrations from its version up to the current one, then
 * validate the result with the schema.
 */
export interface DocumentSpec<T> {
  /** What the file holds, for messages ("forum", "settings"). */
  label: string;
  version: number;
  schema: z.ZodType<T>;
  /** `migrations[n]` turns the data of a version-n file into version n+1. */
  migrations: Readonly<Record<number, (data: unknown) => unknown>>;
}

export type DecodeResult<T> =
  | { ok: true; data: T; migratedFrom: number | null }
  | { ok: false; reason: StoreProblem['reason']; detail: string };

export function encodeDocument<T>(spec: DocumentSpec<T>, data: T): string {
  return JSON.stringify({ schemaVersion: spec.version, data });
}

export function decodeDocument<T>(spec: DocumentSpec<T>, text: string): DecodeResult<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = text.length === 0 ? 'the file is empty' : (error as Error).message;
    return { ok: false, reason: 'corrupt', detail };
  }
  if (!isRecord(raw) || !Number.isInteger(raw.schemaVersion) || !('data' in raw)) {
    return { ok: false, reason: 'invalid', detail: 'not a Multaqa data file (no schemaVersion/data)' };
  }
  const fileVersion = raw.schemaVersion as number;
  if (fileVersion > spec.version) {
    return {
      ok: false,
      reason: 'newerVersion',
      detail: `written by a newer Multaqa (${spec.label} format ${fileVersion}; this version reads up to ${spec.version})`,
    };
  }
  if (fileVersion < 1) {
    return { ok: false, reason: 'invalid', detail: `impossible format version ${fileVersion}` };
  }
  let data: unknown = raw.data;
  for (let v = fileVersion; v < spec.version; v++) {
    const migrate = spec.migrations[v];
    if (!migrate) {
      return { ok: false, reason: 'invalid', detail: `no migration from ${spec.label} format ${v}` };
    }
    try {
      data = migrate(data);
    } catch (error) {
      return { ok: false, reason: 'invalid', detail: `migration from format ${v} failed: ${(error as Error).message}` };
    }
  }
  const parsed = spec.schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : spec.label;
    return { ok: false, reason: 'invalid', detail: `${where}: ${first?.message ?? 'invalid'}` };
  }
  return { ok: true, data: parsed.data, migratedFrom: fileVersion < spec.version ? fileVersion : null };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
