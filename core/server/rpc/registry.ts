/**
 * The method table. A duplicate method is a programming error and throws at startup.
 *
 * @module
 */
import type { Handler, MethodTable } from "./handler.ts";

/** Maps method names to handlers whose context is `C`. */
export class HandlerRegistry<C> implements MethodTable<C> {
  readonly #handlers = new Map<string, Handler<C>>();

  /** Creates a registry holding `handlers`. */
  constructor(handlers: Iterable<Handler<C>> = []) {
    for (const handler of handlers) this.add(handler);
  }

  /** Registers a handler; throws when its method is already taken. */
  add(handler: Handler<C>): void {
    if (this.#handlers.has(handler.method)) {
      throw new Error(`Duplicate JSON-RPC method "${handler.method}"`);
    }
    this.#handlers.set(handler.method, handler);
  }

  /** The handler of `method`, if any. */
  get(method: string): Handler<C> | undefined {
    return this.#handlers.get(method);
  }

  /** Every registered method name, sorted. */
  methods(): string[] {
    return [...this.#handlers.keys()].sort();
  }

  /** Every handler, sorted by method. */
  list(): Handler<C>[] {
    return this.methods().flatMap((method) => this.#handlers.get(method) ?? []);
  }
}
