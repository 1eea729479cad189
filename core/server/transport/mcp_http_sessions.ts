/**
 * The legacy era's MCP sessions on Streamable HTTP (`mcp_http.ts`): `initialize` opens one, its
 * id (`Mcp-Session-Id`) names it on every later request, `DELETE` ends it. Each session is one
 * {@linkcode Connection} that lives across requests until then or until it expires.
 *
 * @module
 */
import { AtCapacity } from "../../errors.ts";
import type { Session } from "../../sessions/mod.ts";
import { RpcCode } from "../rpc/wire_errors.ts";
import { retryAfterSeconds } from "../security/refusals.ts";
import type { SessionOpenings } from "../security/session_openings.ts";
import { Connection } from "./connection.ts";
import type { ConnectionDeps } from "./connection_options.ts";
import {
  corsHeaders,
  httpError,
  isObject,
  replyResponse,
  SESSION_ID_HEADER,
} from "./mcp_http_parts.ts";

/**
 * Each session's connection on this node, kept beside the session: an expired session's
 * connection goes with it. One map for every endpoint: a session belongs to one registry.
 */
const connections = new WeakMap<Session, Connection>();

/**
 * The connection serving Streamable HTTP `session` on this node, if any: for tests that count
 * what a session holds (`Connection.inflight`: its POSTs running and those waiting for a turn).
 */
export function httpConnectionOf(session: Session): Connection | undefined {
  return connections.get(session);
}

/** Opens, finds and ends the sessions of `Mcp-Session-Id`. */
export class HttpSessions {
  readonly #deps: ConnectionDeps;
  readonly #openings: SessionOpenings | undefined;

  /** Sessions of `deps.sessions`; `options.openings` limits how fast one client opens them. */
  constructor(deps: ConnectionDeps, options: { openings?: SessionOpenings } = {}) {
    this.#deps = deps;
    this.#openings = options.openings;
  }

  /** The connection of the session `request` names, or the 400 or 404 that refuses it. */
  async find(request: Request): Promise<Connection | Response> {
    const id = request.headers.get(SESSION_ID_HEADER);
    if (!id) {
      return httpError(request, 400, `Bad Request: ${SESSION_ID_HEADER} header is required`);
    }
    // Resumed as it is now, whichever node served it last (shared sessions).
    const session = await this.#deps.sessions.resume(id, "http");
    if (!session) {
      return httpError(request, 404, "Session not found: it ended or expired; initialize again");
    }
    session.lastSeen = this.#deps.clock.now();
    return this.#connectionOf(session);
  }

  /**
   * Answers `initialize` (`message`) from `client` (what its openings count against): a new
   * session, whose id the answer carries when the handshake succeeded.
   */
  async initialize(
    request: Request,
    { message, client }: { message: unknown; client: string },
  ): Promise<Response> {
    const { sessions } = this.#deps;
    // A live session is not opened again beside itself (one that ended may be replaced).
    const live = request.headers.get(SESSION_ID_HEADER);
    if (live !== null && await sessions.resume(live, "http")) {
      return httpError(
        request,
        400,
        "Invalid Request: this session is already initialized; send initialize without " +
          `${SESSION_ID_HEADER} to open another`,
      );
    }
    // One client opening sessions without end would take every place (MAX_SESSIONS).
    const admission = this.#openings?.take(client);
    if (admission && !admission.ok) {
      const refused = this.#openings!.refusal("jsonrpc", admission.retryAfterMs);
      for (const [name, value] of Object.entries(corsHeaders(request))) {
        refused.headers.set(name, value);
      }
      return refused;
    }
    let connection: Connection;
    try {
      await sessions.makeRoom("http");
      connection = Connection.open(this.#deps, { kind: "http" });
    } catch (error) {
      // MAX_SESSIONS reached, every session busy or used lately: nothing could be given up.
      if (!(error instanceof AtCapacity)) throw error;
      return httpError(request, 503, error.message, {
        code: RpcCode.ServerBusy,
        headers: { "Retry-After": String(retryAfterSeconds(error.retryAfterMs)) },
      });
    }
    const reply = await connection.exchange(message);
    const ok = isObject(reply) && "result" in reply;
    // A failed handshake leaves no session behind.
    if (ok) {
      connections.set(connection.session, connection);
      await sessions.share(connection.session);
    } else connection.close("initialize failed");
    return replyResponse(request, reply, ok ? { [SESSION_ID_HEADER]: connection.session.id } : {});
  }

  /** Ends the session `request` names (`DELETE`): 204, or the 400 or 404 of `find`. */
  async end(request: Request): Promise<Response> {
    const connection = await this.find(request);
    if (connection instanceof Response) return connection;
    await this.#deps.sessions.end(connection.session, "ended by the client");
    return new Response(null, { status: 204, headers: corsHeaders(request) });
  }

  #connectionOf(session: Session): Connection {
    let connection = connections.get(session);
    if (!connection) {
      connection = new Connection(this.#deps, session);
      connections.set(session, connection);
    }
    return connection;
  }
}
