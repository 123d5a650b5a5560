/** One choice among a few, as a fieldset of radio buttons (settings, export options). */
export function RadioChoice<V extends string>(props: {
  name: string;
  legend: string;
  values: readonly V[];
  value: V;
  label(value: V): string;
  onChange(value: V): void;
  testId?: string;
}) {
  return (
    <fieldset className="choice" data-testid={props.testId ?? props.name}>
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <label key={value}>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {props.label(value)}
        </label>
      ))}
    </fieldset>
  );
}
