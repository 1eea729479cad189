/**
 * The open-file limit and how many WebSocket connections fit under it. Each socket holds one
 * file descriptor; past the limit Deno's accept loop fails with "Too many open files", and the
 * server must shut that port down to listen again (kept_listener.ts), every WebSocket on it with
 * it. So the server refuses upgrades with 503 a reserve short of the limit. (Deno raises its soft limit to the hard one when it starts: the
 * hard limit, `ulimit -Hn`, is the one that counts.)
 *
 * The limit is read with `getrlimit(2)` through FFI (the server has `--allow-ffi`): Deno lets
 * a program read `/proc/self/limits` only with `--allow-all`.
 *
 * @module
 */

/**
 * The fewest descriptors kept free of WebSockets. About 30 are open at rest under `deno run`
 * (Deno's own cache databases hold 9, SQLite's database, WAL and shared memory 3, the listeners,
 * standard streams, epoll), more with PostgreSQL's pool, Chroma and the model server. The rest is
 * for connections being refused: Deno cannot close a connection it answered (it ignores a
 * `Connection: close` response header), so a refused client holds a descriptor until it closes
 * its end, and a burst of clients refused at once holds one each. Under `ulimit -n 256` with 128
 * kept free, 128 sockets held, ~29 at rest and a burst of 50 refused took 207 (measured); a second
 * burst sent before the server had seen the first one's clients close needs 50 more, 257, and
 * Deno's accept loop failed ("Too many open files") and ended the process.
 */
export const MIN_DESCRIPTOR_RESERVE = 192;

/** `RLIMIT_NOFILE` of the platforms whose libc we know. */
const RLIMIT_NOFILE: Partial<Record<typeof Deno.build.os, { lib: string; resource: number }>> = {
  linux: { lib: "libc.so.6", resource: 7 },
  darwin: { lib: "libSystem.B.dylib", resource: 8 },
};

/**
 * The process's open-file limit (the soft `RLIMIT_NOFILE`, which Deno raises to the hard limit
 * when it starts); undefined when it cannot be read here (no FFI permission, another platform).
 */
export function openFileLimit(): number | undefined {
  const target = RLIMIT_NOFILE[Deno.build.os];
  if (!target || Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return undefined;
  let library;
  try {
    library = Deno.dlopen(target.lib, {
      getrlimit: { parameters: ["i32", "buffer"], result: "i32" },
    });
  } catch {
    return undefined;
  }
  try {
    // struct rlimit { rlim_t rlim_cur; rlim_t rlim_max; }, rlim_t 64 bits wide.
    const limits = new BigUint64Array(2);
    if (library.symbols.getrlimit(target.resource, limits) !== 0) return undefined;
    // RLIM_INFINITY reads as 2^64 - 1: any bound far above what a server can open will do.
    return Math.min(Number(limits[0]), Number.MAX_SAFE_INTEGER);
  } finally {
    library.close();
  }
}

/**
 * Descriptors kept free of WebSockets under a limit of `limit`: a tenth of the limit, at least
 * {@linkcode MIN_DESCRIPTOR_RESERVE}.
 */
export function descriptorReserve(limit: number): number {
  return Math.max(MIN_DESCRIPTOR_RESERVE, Math.ceil(limit / 10));
}

/** Most WebSocket connections that fit under an open-file limit of `limit` (at least 16). */
export function connectionsUnder(limit: number): number {
  return Math.max(16, limit - descriptorReserve(limit));
}

/**
 * The lowest open-file limit under which `connections` WebSockets fit beside the reserve
 * (`ulimit -n` to ask for).
 */
export function fileLimitFor(connections: number): number {
  // Never below the reserve's floor; connectionsUnder grows by 0 or 1 per step past it.
  const floor = connections + MIN_DESCRIPTOR_RESERVE;
  let limit = Math.max(floor, Math.ceil(connections / 0.9));
  while (limit > floor && connectionsUnder(limit - 1) >= connections) limit--;
  while (connectionsUnder(limit) < connections) limit++;
  return limit;
}
