import { z } from 'zod';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/domain/registration-import';
import type { StoreProblem } from '../../../shared/domain/store-problem';
import type { DocumentSpec } from '../../store/document-codec';
import { DocumentReadError, JsonDocument } from '../../store/json-document';
import type { Quarantine } from '../../store/quarantine';
import { shapeKey } from './column-mapping';

/**
 * The column mappings a coordinator settled on, remembered by the shape of
 * the header row (`shapeKey`), so next month's file from the same department
 * or form maps itself. Shared by every forum; the oldest shapes are forgotten
 * past a few hundred.
 */
const memorySchema = z.object({
  shapes: z.array(
    z.object({ key: z.string().max(100_000), mapping: z.array(z.enum(IMPORT_FIELDS)), usedAt: z.string().datetime() }),
  ),
});
type MemoryFile = z.infer<typeof memorySchema>;

const memorySpec: DocumentSpec<MemoryFile> = {
  label: 'import mappings',
  version: 1,
  schema: memorySchema,
  migrations: {},
};

const MAX_SHAPES = 300;

export class MappingMemory {
  private constructor(private doc: JsonDocument<MemoryFile>) {}

  static async open(
    file: string,
    quarantine: Quarantine,
  ): Promise<{ memory: MappingMemory; problem: StoreProblem | null }> {
    const empty: MemoryFile = { shapes: [] };
    try {
      return { memory: new MappingMemory(await JsonDocument.open(file, memorySpec, empty)), problem: null };
    } catch (error) {
      if (!(error instanceof DocumentReadError)) throw error;
      // Only a convenience: start afresh, but keep the file aside like any other.
      const problem = await quarantine.quarantine(file, memorySpec, error.reason, error.detail);
      return { memory: new MappingMemory(await JsonDocument.open(file, memorySpec, empty)), problem };
    }
  }

  /** Every remembered mapping, by header shape: what an import worker is given to recall from. */
  shapes(): { key: string; mapping: ImportField[] }[] {
    return this.doc.data.shapes.map(({ key, mapping }) => ({ key, mapping }));
  }

  /** Remembers a mapping; a failure to save it never fails the import that used it. */
  async remember(headers: readonly string[], mapping: readonly ImportField[], at: string): Promise<void> {
    const key = shapeKey(headers);
    const others = this.doc.data.shapes.filter((s) => s.key !== key);
    const shapes = [{ key, mapping: [...mapping], usedAt: at }, ...others].slice(0, MAX_SHAPES);
    await this.doc.set({ shapes }).catch(() => {});
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}
