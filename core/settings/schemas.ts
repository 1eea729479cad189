/**
 * Zod shapes several setting tables share, so a port or a flag parses the same way everywhere.
 *
 * @module
 */
import { z } from "zod";

/** A TCP port; 0 lets the system pick a free one. */
export const port = z.coerce.number().int().min(0).max(65535);

/** A whole number above zero, from a string or a number. */
export const positiveInt = z.coerce.number().int().positive();

/** A comma-separated list, items trimmed, empty items dropped (so "" is the empty list). */
export const commaList = z.string().transform((text) =>
  text.split(",").map((item) => item.trim()).filter((item) => item.length > 0)
);

/** A boolean, or the words env files use for one (`true`/`1`/`yes`, `false`/`0`/`no`). */
export const boolFlag = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])])
  .transform((value) => value === true || value === "true" || value === "1" || value === "yes");
