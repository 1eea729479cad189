/**
 * `bench:chat:cpu --statements`: the count of a tree's SQLite statements by statement
 * ({@linkcode countStatements}), read per chat.
 *
 * @module
 */
/**
 * Counts every call of the tree's `SqliteConnection` `all`, `get`, `run`, `insert` and `exec`
 * (BEGIN and COMMIT included) by statement once `start` is called (as `sim_statements.ts` does
 * for simulated turns): counts, not times, so a statement saved shows exactly on any machine.
 */
export async function countStatements(core: string) {
  const { SqliteConnection } = await import(`${core}/storage/mod.ts`);
  const counts = new Map<string, number>();
  let counting = false;
  for (const method of ["all", "get", "run", "insert", "exec"]) {
    const original = SqliteConnection.prototype[method];
    SqliteConnection.prototype[method] = function (sql: string, ...params: unknown[]) {
      if (counting) {
        const key = `${method}: ${sql.replace(/\s+/g, " ").slice(0, 90)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return original.call(this, sql, ...params);
    };
  }
  return {
    start: () => (counting = true),
    perChat: (chats: number) =>
      Object.fromEntries([...counts].map(([key, count]) => [key, count / chats])),
  };
}
