import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station } from '../../api/client';
import { LEVELS } from '../stations/stationTree';

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  stations: readonly Station[];
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  /** The label of the empty choice (e.g. "all stations"); without it a station must be chosen. */
  emptyLabel?: string;
}

/** Stations grouped district → towns → villages. */
export function StationSelect({ stations, value, onChange, emptyLabel, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <select {...rest} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {LEVELS.map((level) => {
        const list = stations.filter((s) => s.level === level);
        if (list.length === 0) return null;
        return (
          <optgroup key={level} label={t(`levelPlural.${level}`)}>
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
