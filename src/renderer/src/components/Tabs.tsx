import type { ReactNode } from 'react';

/** A row of tabs; `badge` adds a note after a tab's label (a conflict count). */
export function Tabs<K extends string>(props: {
  tabs: readonly K[];
  current: NoInfer<K>;
  label(key: NoInfer<K>): string;
  badge?(key: NoInfer<K>): ReactNode;
  onChange(key: NoInfer<K>): void;
}) {
  return (
    <div className="tabs" role="tablist">
      {props.tabs.map((key) => (
        <button
          key={key}
          type="button"
          role="tab"
          aria-selected={props.current === key}
          className={props.current === key ? 'tab active' : 'tab'}
          onClick={() => props.onChange(key)}
        >
          {props.label(key)}
          {props.badge?.(key)}
        </button>
      ))}
    </div>
  );
}
