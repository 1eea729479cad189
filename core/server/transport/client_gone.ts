/**
 * Whether the HTTP client of a request is still waiting: a REST call, `POST /api/rpc` or an MCP
 * Streamable HTTP request answered with JSON is cancelled when its client goes away, as a
 * closed WebSocket cancels its calls (attack9 F4).
 *
 * Deno aborts `request.signal` when the connection closes before the answer has been sent. With
 * `"unstable": ["no-legacy-abort"]` (deno.json) only then; in Deno's legacy mode (the server run
 * without the project's configuration) it also aborts after every answer and warns once, so a
 * watcher stops watching once its call has settled, before the answer goes out. A request with
 * a body reaches the routes as a new Request built from parts (body_deadline.ts), whose own
 * signal never aborts: the original is remembered for it.
 *
 * Limit (Deno 2.9.6, measured by fix47): the signal aborts on a client's leaving only when the
 * request body is small (under ~300 bytes); with a larger body it does not abort until the
 * answer, so such a call runs to its end (as before attack9 F4's fix). Nothing in `Deno.serve`
 * shows the connection's close otherwise.
 *
 * @module
 */

/** The request each guarded request was built from. */
const originals = new WeakMap<Request, Request>();

/** Notes that `guarded` stands for `original` (whose signal says when the client left). */
export function standsFor(guarded: Request, original: Request): void {
  originals.set(guarded, original);
}

/**
 * The signal that aborts when the client of `request` goes away before its answer. Watch it
 * only until the call it cancels has settled (see the module's notes).
 */
export function clientSignal(request: Request): AbortSignal {
  return (originals.get(request) ?? request).signal;
}
