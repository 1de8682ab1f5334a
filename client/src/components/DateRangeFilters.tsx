/**
 * A period's two date fields in a filter bar (class `filter`), each bounding the other: the
 * hotline's call list, the activity log and the dashboard's own period. A cleared field
 * reports ''.
 */
import { DateInput } from './DateInput';

export function DateRangeFilters({
  from,
  to,
  fromLabel,
  toLabel,
  onFrom,
  onTo,
}: {
  from: string | null | undefined;
  to: string | null | undefined;
  fromLabel: string;
  toLabel: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  return (
    <>
      <label className="filter">
        <span>{fromLabel}</span>
        <DateInput value={from ?? ''} max={to ?? undefined} onChange={(e) => onFrom(e.target.value)} />
      </label>
      <label className="filter">
        <span>{toLabel}</span>
        <DateInput value={to ?? ''} min={from ?? undefined} onChange={(e) => onTo(e.target.value)} />
      </label>
    </>
  );
}
