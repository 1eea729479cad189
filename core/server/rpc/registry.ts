/**
 * The method table. A duplicate method is a programming error and throws at startup.
 *
 * @module
 */
import type { Handler } from "../define_handler.ts";

/** Maps method names to handlers. */
export class HandlerRegistry {
  readonly #handlers = new Map<string, Handler>();

  /** Creates a registry holding `handlers`. */
  constructor(handlers: Iterable<Handler> = []) {
    for (const handler of handlers) this.add(handler);
  }

  /** Registers a handler; throws when its method is already taken. */
  add(handler: Handler): void {
    if (this.#handlers.has(handler.method)) {
      throw new Error(`Duplicate JSON-RPC method "${handler.method}"`);
    }
    this.#handlers.set(handler.method, handler);
  }

  /** The handler of `method`, if any. */
  get(method: string): Handler | undefined {
    return this.#handlers.get(method);
  }

  /** Every registered method name, sorted. */
  methods(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  /** Every handler, sorted by method. */
  list(): Handler[] {
    return this.methods().map((method) => this.#handlers.get(method)!);
  }
}
