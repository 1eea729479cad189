/**
 * A zod schema whose parses are counted: how tests see whether validation took zod's walk or a
 * fast path.
 *
 * @module
 */
import type { z } from "zod";

/** `schema` with its zod parse replaced by a tally (what the fast path must not call). */
export function counted<S extends z.ZodType>(schema: S): { schema: S; parses: () => number } {
  let parses = 0;
  const safeParse = schema.safeParse.bind(schema);
  Object.assign(schema, {
    safeParse: (value: unknown) => {
      parses++;
      return safeParse(value);
    },
  });
  return { schema, parses: () => parses };
}
