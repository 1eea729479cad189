/**
 * The outage circuit's probe on PostgreSQL (`outage.ts`): `SELECT 1` on a connection of its
 * own, never the node's pool. Through the pool the probe waited behind every busy connection,
 * so a database that was up but whose pool was saturated (long transactions, lock waits) was
 * taken for down when the probe ran out of time, and the node went on refusing calls. Each
 * probe opens one connection (`max: 1`, no type fetch), bounded by `timeoutMs` for the connect
 * and the query together, and closes it: the node holds no extra connection between probes.
 *
 * @module
 */
import postgres from "postgres";
import { guardedSocketFactory } from "./postgres_socket.ts";

/** What the probe connects with. */
export interface ProbeSettings {
  /** `postgres://...` as the pool's. */
  url: string;
  /** The connect and the query, together (ms). */
  timeoutMs: number;
}

/** The probe: resolves when PostgreSQL answers `SELECT 1` on a fresh connection in time. */
export function postgresProbe(settings: ProbeSettings): () => Promise<void> {
  return async () => {
    const sql = postgres(settings.url, {
      max: 1,
      connect_timeout: Math.max(Math.ceil(settings.timeoutMs / 1000), 1),
      idle_timeout: 1,
      fetch_types: false,
      prepare: false,
      ...{ socket: guardedSocketFactory() } as object,
      onnotice: () => {},
      connection: { application_name: "persona-mcp probe" },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() =>
        reject(Object.assign(
          new Error(`no answer to SELECT 1 within ${settings.timeoutMs} ms`),
          // A connection failure (`errors.ts`): the circuit stays open.
          { code: "CONNECT_TIMEOUT" },
        )), settings.timeoutMs);
    });
    try {
      await Promise.race([sql.unsafe("SELECT 1"), limit]);
    } finally {
      clearTimeout(timer);
      // Closed at once, answered or not (a query still waiting is failed, its socket destroyed).
      sql.end({ timeout: 0 }).catch(() => {});
    }
  };
}
