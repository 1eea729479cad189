/**
 * SQL that makes every insert into one table fail, and SQL that undoes it, on each store: how the
 * storage-failure tests break one write of a larger operation.
 *
 * @module
 */

/** The statements that turn the refusal on and off. */
export interface Refusal {
  on: string[];
  off: string[];
}

/** The refusal of every insert into `table` (an SQL name), for SQLite and for PostgreSQL. */
export function refuseInserts(table: string): { sqlite: Refusal; postgres: Refusal } {
  const name = `refuse_${table}`;
  return {
    sqlite: {
      on: [
        `CREATE TRIGGER ${name} BEFORE INSERT ON ${table}
         BEGIN SELECT RAISE(ABORT, '${table} refused'); END`,
      ],
      off: [`DROP TRIGGER ${name}`],
    },
    postgres: {
      on: [
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql
         AS $$ BEGIN RAISE EXCEPTION '${table} refused'; END $$`,
        `CREATE TRIGGER ${name} BEFORE INSERT ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${name}()`,
      ],
      off: [`DROP TRIGGER ${name} ON ${table}`, `DROP FUNCTION ${name}()`],
    },
  };
}
