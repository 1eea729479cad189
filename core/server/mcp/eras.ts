/**
 * One dispatcher for both MCP eras on a connection (2026-07-28 `basic/versioning`, "A dual-era
 * server selects its behavior from how the client opens"): a request whose `_meta` names a
 * revision is served statelessly by the modern rules; everything else (an `initialize` handshake,
 * the custom methods) goes through unchanged, in the connection's session.
 *
 * A modern request runs in a fresh session of its own that no registry holds, so it cannot see
 * nor change what earlier requests left behind (an active persona), and it creates no session to
 * count against the server's limits. It stays tied to the connection: a `notifications/cancelled`
 * naming it, or the connection closing, stops it, and the MCP tasks it starts belong to the
 * connection's session (`Session.taskOwner`; `stateless_sessions.ts`).
 *
 * @module
 */
import {
  failure,
  isEchoableId,
  isRecord,
  type JsonRpcId,
  type JsonRpcResponse,
  readableId,
} from "../rpc/envelope.ts";
import type { DispatchReply } from "../rpc/dispatcher_options.ts";
import type { NotificationSink } from "../rpc/handler_invoker.ts";
import { MAX_MESSAGE_VALUES, parseJson } from "../rpc/json_depth.ts";
import { serializeWithin } from "../rpc/reply_budget.ts";
import { RpcCode, RpcError, toWireError } from "../rpc/wire_errors.ts";
import type { RequestId, Session } from "../../sessions/mod.ts";
import {
  checkModernMeta,
  claimedRevision,
  MODERN_ONLY,
  modernError,
  modernOnly,
  modernResult,
  REMOVED_IN_MODERN,
  type ServerInfo,
} from "./modern.ts";
import { echoed } from "../../text_cut.ts";
import { batchError, mcpIdError, refuseEach } from "./mcp_rules.ts";
import { StatelessSessions } from "./stateless_sessions.ts";

/** The dispatcher being wrapped (the generic one; the transports drive this one the same way). */
export interface MessageDispatcher {
  handleText(
    text: string,
    session: Session,
    notify?: NotificationSink,
  ): Promise<string | undefined>;
  handleValue(
    value: unknown,
    session: Session,
    notify?: NotificationSink,
    signal?: AbortSignal,
  ): Promise<DispatchReply>;
  /**
   * One decoded message; its reply as text, within the reply budget (MAX_REPLY_BYTES): at once
   * when it was answered at once, else a promise of it.
   */
  answer(
    value: unknown,
    session: Session,
    notify?: NotificationSink,
  ): string | undefined | Promise<string | undefined>;
}

const ignore: NotificationSink = () => {};

/** Routes each message to its era; see the module doc. */
export class DualEraDispatcher implements MessageDispatcher {
  readonly #inner: MessageDispatcher;
  readonly #serverInfo: ServerInfo;
  readonly #maxReplyBytes: number;
  readonly #maxMessageValues: number;
  readonly #stateless = new StatelessSessions();

  /**
   * Wraps `inner`; modern results name the server as `serverInfo`. A batch holding modern
   * requests is answered within `maxReplyBytes` as a whole (the inner dispatcher keeps every
   * other reply within it). A text holding more than `maxMessageValues` values is left to the
   * inner dispatcher to refuse (give both the same bound).
   */
  constructor(
    inner: MessageDispatcher,
    serverInfo: ServerInfo,
    options: { maxReplyBytes?: number; maxMessageValues?: number } = {},
  ) {
    this.#inner = inner;
    this.#serverInfo = serverInfo;
    this.#maxReplyBytes = options.maxReplyBytes ?? Infinity;
    this.#maxMessageValues = options.maxMessageValues ?? MAX_MESSAGE_VALUES;
  }

  /** Handles one decoded message; resolves to its reply's text, within the reply budget. */
  answer(
    value: unknown,
    session: Session,
    notify: NotificationSink = ignore,
  ): string | undefined | Promise<string | undefined> {
    // Passed on as it is (no async layer of its own): most messages take this way.
    if (!this.#needsEras(value, session)) return this.#inner.answer(value, session, notify);
    return this.#answerEras(value, session, notify);
  }

  async #answerEras(
    value: unknown,
    session: Session,
    notify: NotificationSink,
  ): Promise<string | undefined> {
    const reply = await this.handleValue(value, session, notify);
    return (await serializeWithin(reply, this.#maxReplyBytes)).text;
  }

  /**
   * True when `value` is (or a batch holds) something this layer answers itself, or a batch
   * MCP refuses in `session` (`mcp_rules.ts`).
   */
  #needsEras(value: unknown, session: Session): boolean {
    if (!Array.isArray(value)) return needsEras(value);
    return value.some(needsEras) ||
      (value.length > 0 && batchError(value, session) !== undefined);
  }

  /** Handles one text frame (parse errors are the inner dispatcher's -32700). */
  async handleText(
    text: string,
    session: Session,
    notify: NotificationSink = ignore,
  ): Promise<string | undefined> {
    let value: unknown;
    try {
      value = parseJson(text, this.#maxMessageValues);
    } catch {
      // Unreadable or nested too deep: the inner dispatcher answers its -32700 or -32602.
      return await this.#inner.handleText(text, session, notify);
    }
    const reply = await this.handleValue(value, session, notify);
    return reply === undefined ? undefined : JSON.stringify(reply);
  }

  /** Handles one decoded message or batch; `signal` cancels its calls (the client went away). */
  async handleValue(
    value: unknown,
    session: Session,
    notify: NotificationSink = ignore,
    signal?: AbortSignal,
  ): Promise<DispatchReply> {
    if (!Array.isArray(value)) return await this.#one(value, session, notify, signal);
    if (value.length === 0) return await this.#inner.handleValue(value, session, notify, signal);
    // No batch holds initialize; none is sent in a session of 2025-06-18 or later, nor holds a
    // modern request (that era has no batches).
    const refused = batchError(value, session);
    if (refused !== undefined) return refuseEach(value, refused);
    // A batch of custom or legacy messages keeps its semantics; its MCP requests whose id MCP
    // refuses get their error beside the others' replies.
    const badIds = value.filter((item) => needsEras(item));
    if (badIds.length === 0) return await this.#inner.handleValue(value, session, notify, signal);
    const rest = value.filter((item) => !needsEras(item));
    const replies = rest.length === 0
      ? undefined
      : await this.#inner.handleValue(rest, session, notify, signal);
    const answered = [
      ...(Array.isArray(replies) ? replies : replies === undefined ? [] : [replies]),
      ...await Promise.all(badIds.map((item) => this.#one(item, session, notify, signal))),
    ].filter((reply): reply is JsonRpcResponse => reply !== undefined && !Array.isArray(reply));
    return answered.length > 0 ? answered : undefined;
  }

  /**
   * Ends the open subscriptions of `session` gracefully (each gets its closing result): its
   * input ended, and a subscription would otherwise keep it open forever.
   */
  endSubscriptions(session: Session, reason = "input closed"): void {
    this.#stateless.endSubscriptions(session, reason);
  }

  async #one(
    value: unknown,
    session: Session,
    notify: NotificationSink,
    signal?: AbortSignal,
  ): Promise<DispatchReply> {
    const idError = mcpIdError(value);
    if (idError !== undefined) return failure(readableId(value), idError);
    if (isModernRequest(value)) return await this.#modern(value, session, notify, signal);
    if (isRecord(value) && typeof value.method === "string" && MODERN_ONLY.has(value.method)) {
      if (!("id" in value)) return undefined;
      return failure(readId(value), toWireError(modernOnly(value.method)).error);
    }
    return await this.#inner.handleValue(value, session, notify, signal);
  }

  async #modern(
    request: ModernRequest,
    parent: Session,
    notify: NotificationSink,
    signal?: AbortSignal,
  ): Promise<JsonRpcResponse | undefined> {
    const id = request.id;
    try {
      checkModernMeta(request.params._meta);
      if (REMOVED_IN_MODERN.has(request.method)) {
        throw new RpcError(RpcCode.MethodNotFound, `Method not found: ${echoed(request.method)}`, {
          method: echoed(request.method),
          hint: "This method is not part of MCP 2026-07-28",
        });
      }
    } catch (error) {
      return failure(id, modernError(toWireError(error).error));
    }
    const reply = await this.#runStateless(request, parent, notify, signal);
    if (reply === undefined || Array.isArray(reply)) return undefined;
    if ("error" in reply) return { ...reply, error: modernError(reply.error) };
    return { ...reply, result: modernResult(reply.result, this.#serverInfo) };
  }

  /**
   * Runs the request in a session of its own (see the module doc). A session that is already
   * stateless (one Streamable HTTP request) is used as it is.
   */
  async #runStateless(
    request: ModernRequest,
    parent: Session,
    notify: NotificationSink,
    signal?: AbortSignal,
  ): Promise<DispatchReply> {
    if (parent.kind === "stateless") {
      return await this.#inner.handleValue(request, parent, notify, signal);
    }
    const run = this.#stateless.open(request, parent);
    try {
      return await this.#inner.handleValue(request, run.session, notify, signal);
    } finally {
      run.finish();
    }
  }
}

/**
 * True when this layer answers `item` itself: a modern request, a modern-only method, or an MCP
 * request whose id MCP refuses.
 */
function needsEras(item: unknown): boolean {
  // Each of the three wants an object with a string method: looked at once, not three times.
  if (!isRecord(item) || typeof item.method !== "string") return false;
  return isModernRequest(item) || MODERN_ONLY.has(item.method) || mcpIdError(item) !== undefined;
}

/** A request (with an id) whose `_meta` claims a revision. */
interface ModernRequest {
  id: RequestId;
  method: string;
  params: Record<string, unknown>;
}

/** True for a request (not a notification) that claims a revision in its `_meta`. */
export function isModernRequest(value: unknown): value is ModernRequest {
  return isRecord(value) && isEchoableId(value.id) &&
    typeof value.method === "string" && claimedRevision(value) !== undefined;
}

function readId(value: Record<string, unknown>): JsonRpcId {
  return isEchoableId(value.id) ? value.id : null;
}
