/**
 * The answer to one MCP Streamable HTTP request (JSON, or an SSE stream once the handler
 * notifies) or legacy batch (one JSON array), made of the parts in `mcp_http_parts.ts`.
 *
 * @module
 */
import { Cancelled } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import { LISTEN_METHOD } from "../mcp/mod.ts";
import { failure, isEchoableId, type JsonRpcId } from "../rpc/envelope.ts";
import { RpcCode, toWireError } from "../rpc/wire_errors.ts";
import type { Connection } from "./connection.ts";
import { idInUse, requestCount } from "./admission.ts";
import { acceptedTypes } from "./http_body.ts";
import { openSseStream } from "./sse.ts";
import { clientSignal } from "./client_gone.ts";
import {
  corsHeaders,
  httpError,
  isRequest,
  type Message,
  replyResponse,
} from "./mcp_http_parts.ts";

/** Ids of the requests each connection is answering over HTTP now (see {@linkcode answer}). */
const answering = new WeakMap<Connection, Set<JsonRpcId>>();

/**
 * The answer to a request the client cancelled (`notifications/cancelled`): MCP sends none (nor
 * does the WebSocket), but a POSTed request must get one (202 is for notifications), so it gets
 * the -32800 error a request stopped by `conversation.cancel` gets everywhere.
 */
function cancelledReply(id: JsonRpcId): unknown {
  return failure(id, toWireError(new Cancelled()).error);
}

/**
 * A batch's answer (`reply`: the responses the dispatcher gave, if any) with a -32800 error for
 * each of its `requests` the client cancelled (no response of that id); undefined when the batch
 * held notifications alone (202). A reply that is no list (the whole batch refused: -32600 over
 * MAX_BATCH) is the answer as it is.
 */
function batchReply(requests: readonly Message[], reply: unknown): unknown {
  if (reply !== undefined && !Array.isArray(reply)) return reply;
  const answered = Array.isArray(reply) ? reply as Message[] : [];
  if (requests.length === 0) return reply === undefined ? undefined : answered;
  const ids = new Set(answered.map((response) => response.id));
  // Only well-formed ids: a request with another is answered with id null (-32600).
  const cancelled = requests.filter((request) =>
    isWellFormedId(request.id) && !ids.has(request.id)
  );
  return [...answered, ...cancelled.map((request) => cancelledReply(request.id as JsonRpcId))];
}

function isWellFormedId(id: unknown): id is string | number {
  return isEchoableId(id);
}

/** The ids `connection` is answering over HTTP now. */
function answeringIds(connection: Connection): Set<JsonRpcId> {
  let ids = answering.get(connection);
  if (ids === undefined) answering.set(connection, ids = new Set());
  return ids;
}

/**
 * A legacy batch (`inbound`: its messages but client responses), answered as one JSON array
 * (batches do not stream), or 202 for notifications alone. A request cancelled meanwhile gets
 * its -32800; one whose id another request of the session still uses (or an earlier one of the
 * batch) is refused with -32600 and not run, as a single request is (see {@linkcode answer}).
 * A client that goes away before the answer cancels the whole batch.
 */
export async function answerBatch(
  { request, inbound, connection }: {
    request: Request;
    inbound: readonly unknown[];
    connection: Connection;
  },
): Promise<Response> {
  const ids = answeringIds(connection);
  const inflight = new Set<unknown>([...ids, ...connection.session.idsInUse()]);
  const refused: unknown[] = [];
  const taken: JsonRpcId[] = [];
  // A batch over MAX_BATCH is refused whole by the connection (one -32600): its ids are not
  // sorted first, else repeated ids would shrink it under the cap and their refusals add up.
  const tooLarge = requestCount(inbound) > connection.options.maxBatch;
  const admitted = tooLarge ? inbound : inbound.filter((item) => {
    if (!isRequest(item) || !isWellFormedId((item as Message).id)) return true;
    const id = (item as Message).id as JsonRpcId;
    if (inflight.has(id)) {
      refused.push(idInUse(id));
      return false;
    }
    inflight.add(id);
    taken.push(id);
    return true;
  });
  for (const id of taken) ids.add(id);
  // The client left before the answer: every call of the batch stops, those not started yet do
  // not start. The request's signal is watched only until the batch settles (client_gone.ts).
  const stop = new AbortController();
  const gone = clientSignal(request);
  const abandon = () => stop.abort(new Error("client disconnected"));
  if (gone.aborted) abandon();
  else gone.addEventListener("abort", abandon, { once: true });
  let reply: unknown;
  try {
    const requests = admitted.filter(isRequest) as Message[];
    reply = admitted.length === 0
      ? undefined
      : batchReply(requests, await connection.exchange(admitted, undefined, stop.signal));
  } finally {
    gone.removeEventListener("abort", abandon);
    for (const id of taken) ids.delete(id);
  }
  // A batch refused whole (over MAX_BATCH) stays the one error it is.
  if (refused.length > 0 && (reply === undefined || Array.isArray(reply))) {
    reply = [...(reply as unknown[] | undefined ?? []), ...refused];
  }
  if (reply === undefined) {
    return new Response(null, { status: 202, headers: corsHeaders(request) });
  }
  return replyResponse(request, reply);
}

/**
 * One request: JSON unless the handler notifies first, then SSE (notifications, response).
 * `statusOf` picks the status of a JSON answer (200 unless it says otherwise). A request whose
 * id another request of the session still uses (running, waiting, or unstarted in a batch:
 * `Session.idsInUse`, as on a WebSocket) is refused (-32600): a cancel names one request.
 */
export function answer(
  { request, message, connection, log }: {
    request: Request;
    message: Message;
    connection: Connection;
    log: Logger;
  },
  statusOf: (reply: unknown) => number = () => 200,
): Promise<Response> {
  const { session } = connection;
  const accepts = acceptedTypes(request);
  const id = message.id as JsonRpcId;
  if (message.method === LISTEN_METHOD && !accepts.sse) {
    // A listen answers only with notifications: without SSE it would hang, holding a
    // MAX_LISTENS place, until the client gave up (RFC 9110 §15.5.7).
    return Promise.resolve(httpError(
      request,
      406,
      `Not Acceptable: ${LISTEN_METHOD} answers with an SSE stream; accept text/event-stream`,
      { id },
    ));
  }
  const ids = answeringIds(connection);
  if (ids.has(id) || session.idsInUse().includes(id as string | number)) {
    return Promise.resolve(Response.json(idInUse(id), { headers: corsHeaders(request) }));
  }
  ids.add(id);
  let done = false;
  // The client left (a streamed answer, or before a JSON one): stop the work, nobody is left to
  // read it. The request's signal is watched only until the answer is ready (client_gone.ts).
  const gone = clientSignal(request);
  const abandon = () => {
    if (done) return;
    // Still waiting for its turn, it never starts; running, it stops.
    if (!connection.cancelWaiting(id)) session.cancel(id, "client disconnected", { reply: false });
  };
  const settle = () => {
    done = true;
    ids.delete(id);
    gone.removeEventListener("abort", abandon);
  };
  const open = () =>
    openSseStream({
      headers: corsHeaders(request),
      onCancel: abandon,
      maxQueuedBytes: connection.options.maxQueuedBytes,
      onOverflow: (queued) =>
        log.warn("Ending an event stream that is not read", { session: session.id, queued }),
      onStall: (queued) =>
        log.warn("Ending an event stream whose client reads nothing", {
          session: session.id,
          queued,
        }),
    });
  return new Promise((resolve) => {
    let stream: ReturnType<typeof openSseStream> | null = null;
    const notify = (notification: unknown) => {
      // A JSON-only client cannot receive notifications; none may follow the response.
      if (!accepts.sse || done) return;
      if (!stream) {
        stream = open();
        resolve(stream.response);
      }
      stream.send(notification);
    };
    connection.exchange(message, notify).then((answered) => {
      settle();
      // Cancelled by the client: MCP sends no answer, an HTTP request still needs one.
      const reply = answered ?? cancelledReply(id);
      const status = statusOf(reply);
      // A client that accepts SSE alone gets its answer as a one-event stream (an error status
      // keeps its JSON body: RFC 9110 lets an error disregard Accept).
      if (!stream && !accepts.json && status === 200) {
        stream = open();
        resolve(stream.response);
      }
      if (stream) {
        stream.send(reply);
        stream.close();
      } else {
        resolve(Response.json(reply, { status, headers: corsHeaders(request) }));
      }
    }).catch((error) => {
      // The dispatcher maps every handler failure, so this is a bug: log it, answer 500.
      settle();
      log.error("Streamable HTTP dispatch failed", { session: session.id, error });
      if (stream) stream.close();
      else resolve(httpError(request, 500, "Internal error", { code: RpcCode.InternalError }));
    });
    // After the exchange began: the request is tracked, so a cancel finds it.
    if (gone.aborted) abandon();
    else if (!done) gone.addEventListener("abort", abandon, { once: true });
  });
}
