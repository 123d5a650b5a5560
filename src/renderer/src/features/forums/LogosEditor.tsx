import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { api } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useFocusAfterRender } from '../../lib/focus-after-render';
import { resizedPhotoBase64 } from '../../lib/photo';

/** A wide logo 2 cm high on the cover is about 6 cm wide: 1,200 pixels print it at 500 dpi (a logo's flat colours stay far below core's 400 KB cap as JPEG). */
const LOGO_MAX_SIDE = 1200;

/** As many logos as the forum schema takes. */
export const MAX_LOGOS = 6;

/**
 * The organisers' logos, in the order the programme's cover prints them:
 * add (the picture is resized and kept in the data folder at once; the forum
 * names it when saved), remove, and move earlier or later. Every control is a
 * button or the file input, so the row is usable from the keyboard.
 */
export function LogosEditor(props: {
  logos: string[];
  errors: Record<string, string>;
  onChange(logos: string[]): void;
}) {
  const { t } = useTranslation();
  const { notify } = useApp();
  /** Each logo's picture once loaded: a data URL, or null when its file is gone. */
  const [urls, setUrls] = useState<Record<string, string | null>>({});
  const [adding, setAdding] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  const { logos } = props;

  useEffect(() => {
    for (const name of logos) {
      if (name in urls) continue;
      api['images.get']({ name })
        .then(({ dataUrl }) => setUrls((u) => ({ ...u, [name]: dataUrl })))
        .catch(() => setUrls((u) => ({ ...u, [name]: null })));
    }
  }, [logos, urls]);

  const add = async (file: File | undefined) => {
    if (!file || adding) return;
    setAdding(true);
    try {
      let base64: string;
      try {
        base64 = await resizedPhotoBase64(file, LOGO_MAX_SIDE);
      } catch {
        notify({ message: t('errors.photoType'), tone: 'error' });
        return;
      }
      const { name } = await api['images.save']({ base64 });
      setUrls((u) => ({ ...u, [name]: `data:image/jpeg;base64,${base64}` }));
      if (!logos.includes(name)) props.onChange([...logos, name]);
    } catch (error) {
      notify({ message: describeError(error, t), tone: 'error' });
    } finally {
      setAdding(false);
    }
  };

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    const next = [...logos];
    [next[index], next[to]] = [next[to] as string, next[index] as string];
    props.onChange(next);
    // Focus follows the logo, on the same button while it can move further that way.
    focusAfterRender(() => {
      const same = document.querySelector<HTMLButtonElement>(`[data-logo-move="${by}-${to}"]`);
      const other = document.querySelector<HTMLButtonElement>(`[data-logo-move="${-by}-${to}"]`);
      return same && !same.disabled ? same : other;
    });
  };

  return (
    <fieldset className="logos-editor" id="forum-logos">
      <legend>{t('forum.field.logos')}</legend>
      <p className="muted">{t('forum.logos.hint', { max: MAX_LOGOS })}</p>
      {logos.length > 0 && (
        <ol>
          {logos.map((name, index) => {
            const n = index + 1;
            const url = urls[name];
            const error = props.errors[`logos.${index}`];
            return (
              <li key={name} data-testid="forum-logo">
                {url ? (
                  <img src={url} alt={t('forum.logos.alt', { n })} className="logo-thumb" />
                ) : (
                  <span className="logo-thumb empty">{url === null ? t('forum.logos.missing') : ''}</span>
                )}
                <div className="logo-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('forum.logos.earlier', { n })}
                    title={t('forum.logos.earlier', { n })}
                    data-logo-move={`-1-${index}`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    ‹
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('forum.logos.later', { n })}
                    title={t('forum.logos.later', { n })}
                    data-logo-move={`1-${index}`}
                    disabled={index === logos.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    ›
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('forum.logos.remove', { n })}
                    title={t('forum.logos.remove', { n })}
                    onClick={() => props.onChange(logos.filter((l) => l !== name))}
                  >
                    ×
                  </button>
                </div>
                {error && (
                  <span className="field-error" role="alert">
                    {error}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {props.errors.logos && (
        <span className="field-error" role="alert">
          {props.errors.logos}
        </span>
      )}
      {logos.length < MAX_LOGOS && (
        <label className="button small" aria-busy={adding}>
          + {t('forum.logos.add')}
          <input
            type="file"
            accept="image/png,image/jpeg"
            className="sr-only"
            data-testid="forum-logo-input"
            disabled={adding}
            onChange={(e) => {
              const input = e.currentTarget;
              void add(input.files?.[0]).finally(() => {
                input.value = ''; // the same file may be chosen again after a removal
              });
            }}
          />
        </label>
      )}
    </fieldset>
  );
}
