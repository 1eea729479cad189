/**
 * Path parameters several route tables share.
 *
 * @module
 */

/** `:id` fills `persona_id`. */
export const PERSONA = { id: "persona_id" } as const;
/** An example whose `:id` is Aria. */
export const ARIA = { path: { id: "{persona_id}" } } as const;
/** `:id` fills `persona_id`, `:label` fills `label` (a core memory block). */
export const BLOCK = { id: "persona_id", label: "label" } as const;
