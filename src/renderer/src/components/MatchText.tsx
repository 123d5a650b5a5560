import type { PersonMatch } from '../lib/people-text';

/**
 * `text` with the part a search matched marked. `within` is where the matched
 * field's text sits inside `text` (a bare name inside the printed protocol
 * name); when it is not there, the text is shown unmarked.
 */
export function MatchText(props: { text: string; match: PersonMatch | null }) {
  const { text, match } = props;
  const at = match ? text.indexOf(match.text) : -1;
  if (!match || at < 0 || match.length === 0) return <>{text}</>;
  const start = at + match.start;
  const end = start + match.length;
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}
