/** Column helpers shared by entity schemas, so both drivers map values the same way. */
import type { EntitySchemaColumnOptions } from 'typeorm';

export const idColumn: EntitySchemaColumnOptions = { type: 'integer', primary: true, generated: 'increment' };

/** decimal columns come back as strings from mysql2; expose them as numbers. */
export const decimalToNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** JSON kept in a text column (portable across SQLite and MySQL). */
export const jsonText = {
  to: (v: unknown) => (v === undefined ? undefined : JSON.stringify(v)),
  from: (v: string | null) => (v === null || v === undefined ? null : JSON.parse(v)),
};

/** Booleans come back as 0/1 from both drivers' integer columns. */
export const boolInt = {
  to: (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0),
  from: (v: number | boolean | null) => (v === null ? null : Boolean(v)),
};

/** created_at / updated_at, set by the services from the clock. */
export const timestampColumns = {
  createdAt: { type: 'datetime', name: 'created_at' },
  updatedAt: { type: 'datetime', name: 'updated_at' },
} satisfies Record<string, EntitySchemaColumnOptions>;

/** On every record that holds a worker's personal data: the keyed person id and when it was pseudonymised. */
export const personDataColumns = {
  personKey: { type: 'varchar', length: 64, name: 'person_key', nullable: true },
  pseudonymizedAt: { type: 'datetime', name: 'pseudonymized_at', nullable: true },
} satisfies Record<string, EntitySchemaColumnOptions>;
