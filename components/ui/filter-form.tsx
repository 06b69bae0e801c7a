import { Button } from "./button";
import { fieldClasses } from "./field";

const field = fieldClasses("md", "max-w-full");
const labelClasses = "flex max-w-full flex-col gap-1 text-sm font-medium";

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function FilterForm({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <form role="search" aria-label={label} method="get" className="mb-4 flex flex-wrap items-end gap-3">
      {children}
      <Button type="submit">Apply filters</Button>
    </form>
  );
}

/** A labelled select whose first option ("all") sends an empty value. */
export function SelectFilter({
  label,
  name,
  value,
  allLabel,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  allLabel: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
}) {
  return (
    <label className={labelClasses}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={field}>
        <option value="">{allLabel}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SearchFilter({
  label,
  name,
  value,
  placeholder,
  maxLength,
}: {
  label: string;
  name: string;
  value?: string;
  placeholder: string;
  maxLength: number;
}) {
  return (
    <label className={labelClasses}>
      {label}
      <input
        type="search"
        name={name}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        maxLength={maxLength}
        className={field}
      />
    </label>
  );
}
