/**
 * The shape of a REST route's documentation and of its example request.
 *
 * @module
 */

/** A request of a route that succeeds on a fresh server (with the seeded Aria and Kira). */
export interface RouteExample {
  /**
   * Path values. `{persona_id}` (Aria), `{other_persona_id}` (Kira), `{memory_id}`,
   * `{conversation_id}`, `{session_id}`, `{run_id}` and `{block_label}` (a block of Aria's)
   * stand for ids of yours.
   */
  path?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string>>;
  /** The JSON body; strings may hold the same placeholders. */
  body?: unknown;
}

/** The documentation of one route. */
export interface RouteDoc {
  /**
   * The JSON-RPC methods the route runs (usually one); params, result and errors are theirs.
   */
  calls?: readonly string[];
  /** The success status when it is not 200. */
  status?: number;
  /** What else to know: where params come from, what it does when it runs no method. */
  text?: string;
  /**
   * Path parameters and the method params they fill (`{id: "persona_id"}`); a parameter named
   * in no method (a session id) is documented as a plain string.
   */
  path?: Readonly<Record<string, string>>;
  /**
   * Where the method's other params come from: the JSON body (the default for POST, PUT and
   * PATCH), the query string (`query` lists which), or nowhere (the default otherwise).
   */
  input?: "body" | "query" | "none";
  /** With `input: "query"`: the params the route reads from the query string. */
  query?: readonly string[];
  /**
   * Query parameters the route reads itself (not as a method's params): name and description;
   * documented as optional strings.
   */
  ownQuery?: Readonly<Record<string, string>>;
  /** The media types of an uploaded file body (the import routes): a binary request body. */
  upload?: readonly string[];
  /** The media type of a success when it is not JSON (`text/html`, `image/png`). */
  produces?: string;
  /**
   * True when the route answers as Server-Sent Events (`text/event-stream`) instead, when the
   * body's `stream` is true or its `Accept` asks for them (`core/server/rest/stream.ts`).
   */
  streams?: boolean;
  /** A request that succeeds; a test sends each one. */
  example?: RouteExample;
}
