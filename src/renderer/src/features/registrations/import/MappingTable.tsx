import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportField, type ImportPreview } from '../../../../../shared/domain/registration-import';
import { isolateLatinRuns } from '../../../../../shared/text/arabic';

/** How many of the first data rows show beside each column, to tell what it holds. */
const SAMPLES = 3;

/**
 * One line per column of the file: its header, a few of its values, and the
 * field it goes to. Columns are listed down the page rather than across, so
 * a 40-column Forms export stays readable; a field given to two columns is
 * marked on both.
 */
export function MappingTable(props: { preview: ImportPreview; onChange(mapping: ImportField[]): void }) {
  const { t } = useTranslation();
  const { headers, mapping, reasons, sample, mappingProblems } = props.preview;
  const clashing = new Set(mappingProblems.flatMap((p) => (p.code === 'duplicate_field' ? p.columns : [])));
  const noName = mappingProblems.some((p) => p.code === 'no_name');

  return (
    <section className="import-mapping" aria-labelledby="import-mapping-title">
      <h3 id="import-mapping-title">{t('import.mapping')}</h3>
      {noName && (
        <p className="error-box" role="alert">
          {t('import.noName')}
        </p>
      )}
      {clashing.size > 0 && (
        <p className="error-box" role="alert">
          {t('import.fieldTwice')}
        </p>
      )}
      <table className="import-mapping-table">
        <colgroup>
          <col className="header" />
          <col />
          <col className="field" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.values')}</th>
            <th scope="col">{t('import.field')}</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, column) => {
            const field = mapping[column] ?? 'ignore';
            const values = sample
              .map((row) => row[column] ?? '')
              .filter(Boolean)
              .slice(0, SAMPLES);
            return (
              // Columns never move within one preview, so their index is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <tr key={column} className={clashing.has(column) ? 'clash' : field === 'ignore' ? 'ignored' : undefined}>
                <th scope="row">
                  <bdi>{header || t('import.noHeader', { number: column + 1 })}</bdi>
                </th>
                <td className="import-samples">
                  {values.map((v, i) => (
                    // A mobile after an Arabic label («جوال: +968 9123 4567») keeps its digit groups in order.
                    // biome-ignore lint/suspicious/noArrayIndexKey: sample values may repeat
                    <bdi key={i}>{isolateLatinRuns(v)}</bdi>
                  ))}
                </td>
                <td>
                  <select
                    aria-label={t('import.fieldOf', { header: header || column + 1 })}
                    value={field}
                    onChange={(event) => {
                      const next = [...mapping];
                      next[column] = event.target.value as ImportField;
                      props.onChange(next);
                    }}
                  >
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`import.fields.${f}`)}
                      </option>
                    ))}
                  </select>
                  {reasons[column] === 'remembered' && <span className="badge">{t('import.remembered')}</span>}
                  {props.preview.hiddenColumns.includes(column) && (
                    <span className="badge">{t('import.hiddenColumn')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
