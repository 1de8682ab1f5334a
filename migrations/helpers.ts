/** Small builders so each migration reads as a list of columns, the same on SQLite and MySQL. */
import { TableColumn, type TableColumnOptions } from 'typeorm';

export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
export const int = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  ...opts,
});
export const str = (name: string, length: number, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...opts,
});
export const text = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'text',
  ...opts,
});
export const datetime = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  ...opts,
});
export const decimal = (name: string, opts: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'decimal',
  precision: 14,
  scale: 2,
  ...opts,
});
export const flag = (name: string, dflt: boolean): TableColumnOptions => ({
  name,
  type: 'integer',
  default: dflt ? 1 : 0,
});

export const column = (o: TableColumnOptions) => new TableColumn(o);
