/** Installation-wide settings made once and kept (e.g. the person-key secret). Never exposed by the API. */
import { EntitySchema } from 'typeorm';

export interface SettingRow {
  name: string;
  value: string;
  createdAt: Date;
}

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    name: { type: 'varchar', length: 64, primary: true },
    value: { type: 'varchar', length: 255 },
    createdAt: { type: 'datetime', name: 'created_at' },
  },
});
