import { useTranslation } from 'react-i18next';
import { HONORIFICS, type Honorific, PROFESSIONAL_TITLES, type ProfessionalTitle } from '../../../shared/domain/person';
import { SelectField } from './TextField';

/** The honorific and professional title printed before a name (a person of the directory, a registrant). */
export function HonorificTitleFields(props: {
  idPrefix: string;
  honorific: Honorific;
  title: ProfessionalTitle;
  onHonorific(value: Honorific): void;
  onTitle(value: ProfessionalTitle): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        id={`${props.idPrefix}-honorific`}
        label={t('person.field.honorific')}
        value={props.honorific}
        options={HONORIFICS}
        optionLabel={(v) => t(`person.honorific.${v}`)}
        onChange={props.onHonorific}
      />
      <SelectField
        id={`${props.idPrefix}-title`}
        label={t('person.field.title')}
        value={props.title}
        options={PROFESSIONAL_TITLES}
        optionLabel={(v) => t(`person.title.${v}`)}
        onChange={props.onTitle}
      />
    </>
  );
}
