/**
 * One row mapper per table: the table, its columns, and how one value becomes the values bound
 * to them, declared together so that an INSERT's column list and its values cannot drift apart
 * (no positional lists repeated per repository).
 *
 * @module
 */
import type { SqlValue } from "./database.ts";

/** A table's columns and how a `T` becomes one row of bound values, in column order. */
export interface RowMapper<T> {
  /** The table name. */
  readonly table: string;
  /** The column names, in the order {@linkcode RowMapper.values} binds them. */
  readonly columns: readonly string[];
  /** The bound values of `item`, in column order. */
  values(item: T): SqlValue[];
}

/**
 * How one column is read from an item: `true` binds the field as it is (only for fields SQLite
 * can bind), `"json"` binds it as JSON text, a function computes the value.
 */
export type ColumnReader<T, K extends keyof T> =
  | ([T[K]] extends [SqlValue] ? true : never)
  | "json"
  | ((item: T) => SqlValue);

/** The columns of a mapper: one reader per field that is a column, in column order. */
export type ColumnReaders<T> = { [K in keyof T & string]?: ColumnReader<T, K> };

/**
 * A mapper for `table` from its columns in order (object order is column order):
 * `rowMapper<Item>("items", { id: true, tags: "json", size: (item) => item.bytes.length })`.
 */
export function rowMapper<T>(table: string, columns: ColumnReaders<T>): RowMapper<T> {
  const readers = Object.entries(columns) as Array<[keyof T & string, ColumnReader<T, keyof T>]>;
  return {
    table,
    columns: readers.map(([name]) => name),
    values: (item) =>
      readers.map(([name, read]) => {
        if (typeof read === "function") return read(item);
        // `true` is only allowed (by ColumnReader) for fields whose type SQLite can bind.
        return read === "json" ? JSON.stringify(item[name]) : item[name] as SqlValue;
      }),
  };
}

/**
 * How {@linkcode insertSql} treats a row that already exists. (No `INSERT OR REPLACE`: it is
 * SQLite's alone, and it would cascade away the rows that reference the old one.)
 */
export interface InsertOptions {
  /**
   * An upsert on these key columns: every other column is updated in place (no cascade), except
   * those in `keep`.
   */
  conflict?: readonly string[];
  /** Columns an upsert leaves as they were (e.g. `created_at`). */
  keep?: readonly string[];
}

/** The columns as an SQL list, each prefixed with `alias` (e.g. `"m."`) when given. */
export function columnList<T>(rows: RowMapper<T>, alias = ""): string {
  return rows.columns.map((name) => `${alias}${name}`).join(", ");
}

/** The INSERT statement of `rows`, its placeholders in {@linkcode RowMapper.values} order. */
export function insertSql<T>(rows: RowMapper<T>, options: InsertOptions = {}): string {
  const placeholders = rows.columns.map(() => "?").join(", ");
  const insert = `INSERT INTO ${rows.table} (${rows.columns.join(", ")}) VALUES (${placeholders})`;
  if (!options.conflict) return insert;
  const fixed = new Set([...options.conflict, ...(options.keep ?? [])]);
  const updates = rows.columns.filter((name) => !fixed.has(name))
    .map((name) => `${name} = excluded.${name}`);
  return `${insert} ON CONFLICT (${options.conflict.join(", ")}) DO UPDATE SET ${
    updates.join(", ")
  }`;
}
