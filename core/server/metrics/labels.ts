/**
 * Label values from bounded sets. Every distinct label value is a new series that prom-client
 * keeps until the server restarts and writes on every scrape, so a value a client chooses (an
 * HTTP method token, a persona's model name) must fall into a fixed set: otherwise any client
 * can grow `/metrics` without end and make each scrape block the event loop for seconds.
 *
 * @module
 */

/** The label of every value outside a bounded set. */
export const OTHER_LABEL = "other";

/** The HTTP methods counted under their own name; any other token is {@linkcode OTHER_LABEL}. */
export const HTTP_METHOD_LABELS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
]);

/** The `method` label of an HTTP request: a standard verb, else {@linkcode OTHER_LABEL}. */
export function httpMethodLabel(method: string): string {
  return HTTP_METHOD_LABELS.has(method) ? method : OTHER_LABEL;
}

/** The `route` label of requests the guards refused before routing (401, 403, 413, 429). */
export const REFUSED_ROUTE = "(refused)";
/** The `route` label of requests no route matched (404 from the fallback). */
export const UNMATCHED_ROUTE = "(unmatched)";

/** Statuses of the guards in front of the routes: origin/host, token, rate and body size. */
const REFUSED_STATUSES: ReadonlySet<number> = new Set([401, 403, 413, 429]);

/** The `port` label: which listener answered (API_PORT's REST app, or SERVER_PORT's /mcp). */
export type HttpPortLabel = "api" | "server";

/** What the REST app knows of an answered request when it labels it. */
export interface RouteFacts {
  /**
   * The pattern of the handler that ran last (`/api/personas/:id`); a wildcard (`/*`) when a
   * guard in front of the routes answered (they are `app.use("*")`), or the fallback did.
   */
  routePath: string;
  status: number;
}

/**
 * The `route` label: the matched route's pattern (a finite set, the app's routes) for whatever
 * a route answered, its own 401/403/413/429 included (a chat refused for a full LLM queue is
 * the chat's); one fixed value for the guards' refusals before routing (counted with whatever
 * the client sent) and one for no route. No route pattern has a wildcard; only guards do.
 */
export function httpRouteLabel({ routePath, status }: RouteFacts): string {
  if (!routePath.includes("*")) return routePath;
  if (REFUSED_STATUSES.has(status)) return REFUSED_ROUTE;
  if (status === 404 && routePath === "/*") return UNMATCHED_ROUTE;
  return routePath;
}

/** Distinct model names labelled by name, the configured ones included; the rest are "other". */
export const MODEL_LABEL_CAP = 32;

/**
 * Label values that are open-ended (a persona's own `model` string): the `known` ones (the
 * configured models) always keep their name, new ones do too until `cap` distinct values have
 * been seen, and every later newcomer is {@linkcode OTHER_LABEL}. First come, first named: a
 * restart starts over, which is the same lifetime as the series themselves.
 */
export class CappedLabels {
  readonly #named: Set<string>;
  readonly #cap: number;

  /** `known` values always keep their name; at most `cap` names in all (more if `known` is). */
  constructor(known: Iterable<string>, cap: number = MODEL_LABEL_CAP) {
    this.#named = new Set(known);
    this.#cap = cap;
  }

  /** `value` itself if already named or there is room, else {@linkcode OTHER_LABEL}. */
  label(value: string): string {
    if (this.#named.has(value)) return value;
    if (this.#named.size >= this.#cap) return OTHER_LABEL;
    this.#named.add(value);
    return value;
  }
}
