import { useTranslation } from 'react-i18next';
import {
  EDITION_NOUNS,
  EDITION_STYLES,
  type EditionNoun,
  type EditionStyle,
  editionPhrase,
  readEditionNumber,
} from '../../../../shared/domain/edition';
import { useApp } from '../../app/app-context';
import { SelectField } from '../../components/TextField';

/** The edition's boxes as the forum form holds them: the number as typed, so a half-typed one is not lost. */
export interface EditionDraft {
  editionNumber: string;
  editionNoun: EditionNoun;
  editionStyle: EditionStyle;
  edition: string;
}

/**
 * The edition as data: its number, the noun it counts and how the Arabic
 * ordinal is written, with the line as the programme prints it in both
 * languages. An edition an older version kept as text that it could not read
 * as a number has its own box, shown only while it holds something.
 */
export function EditionFields(props: {
  draft: EditionDraft;
  error: string | undefined;
  onChange(patch: Partial<EditionDraft>): void;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const number = readEditionNumber(props.draft.editionNumber);
  const printed =
    typeof number === 'number'
      ? t('forum.field.editionPrinted', {
          ar: editionPhrase({ ...props.draft, editionNumber: number }, 'ar', settings.digits),
          en: editionPhrase({ ...props.draft, editionNumber: number }, 'en'),
        })
      : '';
  return (
    <>
      <label className="field" htmlFor="forum-editionNumber">
        <span>{t('forum.field.editionNumber')}</span>
        <input
          id="forum-editionNumber"
          type="text"
          inputMode="numeric"
          dir="ltr"
          value={props.draft.editionNumber}
          placeholder={t('forum.field.editionNumberHint')}
          aria-invalid={props.error !== undefined}
          aria-describedby="forum-edition-printed"
          onChange={(e) => props.onChange({ editionNumber: e.target.value })}
        />
        {props.error && <span className="field-error">{props.error}</span>}
        <span id="forum-edition-printed" className="field-hint" data-testid="edition-printed">
          {printed}
        </span>
      </label>
      <SelectField
        id="forum-editionNoun"
        label={t('forum.field.editionNoun')}
        value={props.draft.editionNoun}
        options={EDITION_NOUNS}
        optionLabel={(noun) => t(`forum.editionNoun.${noun}`)}
        onChange={(editionNoun) => props.onChange({ editionNoun })}
      />
      <SelectField
        id="forum-editionStyle"
        label={t('forum.field.editionStyle')}
        value={props.draft.editionStyle}
        options={EDITION_STYLES}
        optionLabel={(style) => t(`forum.editionStyle.${style}`)}
        onChange={(editionStyle) => props.onChange({ editionStyle })}
      />
      {props.draft.edition !== '' && (
        <label className="field" htmlFor="forum-edition">
          <span>{t('forum.field.editionAsWritten')}</span>
          <input
            id="forum-edition"
            type="text"
            dir="auto"
            value={props.draft.edition}
            placeholder={t('forum.field.editionAsWrittenHint')}
            onChange={(e) => props.onChange({ edition: e.target.value })}
          />
        </label>
      )}
    </>
  );
}
