/**
 * The ↑ and ↓ buttons that move a row of an ordered list. A row that cannot
 * move that way (the first, the last) gets no handler, and its button is
 * disabled rather than hidden, so the rows' buttons stay in one column.
 */
export function MoveButtons(props: { upLabel: string; downLabel: string; onUp?: () => void; onDown?: () => void }) {
  return (
    <>
      <button
        type="button"
        className="icon-button"
        disabled={!props.onUp}
        aria-label={props.upLabel}
        onClick={props.onUp}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        disabled={!props.onDown}
        aria-label={props.downLabel}
        onClick={props.onDown}
      >
        ↓
      </button>
    </>
  );
}
