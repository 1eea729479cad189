/**
 * SQLite's placeholders (`?`, `?N`) in PostgreSQL's spelling (`$N`), so that repositories write
 * their SQL once. Quoted text, quoted identifiers and comments are left alone.
 *
 * @module
 */

const CACHE_LIMIT = 1024;
const cache = new Map<string, string>();

/** `sql` with each `?` numbered in order (`$1`, `$2`, ...) and each `?N` as `$N`. */
export function numberedPlaceholders(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  let out = "";
  let next = 1;
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, i);
      out += sql.slice(i, end);
      i = end;
    } else if (char === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === "?") {
      let j = i + 1;
      while (j < sql.length && sql[j]! >= "0" && sql[j]! <= "9") j++;
      out += j > i + 1 ? `$${sql.slice(i + 1, j)}` : `$${next++}`;
      i = j;
    } else {
      out += char;
      i++;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, out);
  return out;
}

/** The index just past the quote closing the one at `start` (a doubled quote is escaped). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start]!;
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
