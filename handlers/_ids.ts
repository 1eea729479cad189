/**
 * Params that name a thing by id (or a persona by id or name): at most {@linkcode ID_MAX}
 * characters, so a 1 MB id is refused -32602 on its field rather than looked up and echoed back
 * in a not-found message (attack18 F7). Every id this server makes is under 64 characters, and a
 * persona's name under 64 too.
 *
 * @module
 */
import { z } from "zod";

/** Longest id (or persona name standing for one) a param accepts. */
export const ID_MAX = 200;

/** A non-empty id of at most {@linkcode ID_MAX} characters. */
export function idParam(): z.ZodString {
  return z.string().min(1).max(ID_MAX);
}
