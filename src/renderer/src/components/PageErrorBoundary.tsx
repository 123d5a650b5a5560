import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetKeptDrafts, markPageBreaking } from '../lib/kept-drafts';

interface Words {
  title: string;
  body: string;
  details: string;
  retry: string;
  back: string;
}

class Boundary extends Component<{ words: Words; onBack(): void; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    // The page's forms unmount next; they keep their drafts for "Try again".
    markPageBreaking(true);
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    markPageBreaking(false);
    console.error('A page broke:', error, info.componentStack);
  }

  override componentWillUnmount(): void {
    // Left for another page while broken: the drafts kept for "Try again" are not wanted any more.
    if (this.state.error) forgetKeptDrafts();
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { words } = this.props;
    return (
      <main className="page page-error" role="alert" data-testid="page-error">
        <h1>{words.title}</h1>
        <p>{words.body}</p>
        <details>
          <summary>{words.details}</summary>
          <pre dir="ltr">{error.message}</pre>
        </details>
        <div className="dialog-actions">
          <button type="button" className="button primary" onClick={() => this.setState({ error: null })}>
            {words.retry}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              forgetKeptDrafts();
              this.setState({ error: null });
              this.props.onBack();
            }}
          >
            {words.back}
          </button>
        </div>
      </main>
    );
  }
}

/**
 * Around each page: an error while drawing it replaces that page alone (the
 * top bar stays) with what went wrong in the user's language, "Try again"
 * (the page comes back with what its forms held) and a way back to the events.
 */
export function PageErrorBoundary(props: { onBack(): void; children: ReactNode }) {
  const { t } = useTranslation();
  const words: Words = {
    title: t('pageError.title'),
    body: t('pageError.body'),
    details: t('pageError.details'),
    retry: t('pageError.retry'),
    back: t('pageError.back'),
  };
  return (
    <Boundary words={words} onBack={props.onBack}>
      {props.children}
    </Boundary>
  );
}
