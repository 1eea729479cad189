/**
 * The persona cap ({@linkcode PERSONA_MAX_BYTES}, 512 KiB as JSON) measured on a card's data (or
 * a bundle's persona) right after decoding, before it is copied, validated or rated by a model:
 * an oversize card is refused at once, with the heaviest fields named and their sizes.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import { MAX_OBJECT_KEYS } from "../json_keys.ts";
import { isObject } from "../lore/fields.ts";
import { PERSONA_MAX_BYTES } from "../personas/mod.ts";

/** A field of a persona-to-be and its size as JSON (UTF-8 bytes). */
export interface FieldWeight {
  field: string;
  bytes: number;
}

/** Fields of card data that are not stored in the persona row. */
const NOT_IN_PERSONA = new Set(["character_book", "assets"]);
/** Object fields whose keys are weighed one by one, so the error can name the heavy key. */
const SPLIT_FIELDS = ["extensions", "card_extras"];
const SPLIT = new Set(SPLIT_FIELDS);
/** Most keys of `extensions`/`card_extras` weighed one by one. */
const SPLIT_KEYS = 1000;
/** How many of the heaviest fields an error names. */
const NAMED = 5;

const encoder = new TextEncoder();

function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  // ASCII text is its own length in UTF-8; only other text needs encoding to be measured.
  // deno-lint-ignore no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
}

/**
 * The JSON weight of each field of `data` that becomes part of the persona (its book and assets
 * are stored apart), `extensions` and `card_extras` key by key; heaviest first.
 */
export function fieldWeights(data: Record<string, unknown>, where: string): FieldWeight[] {
  const weights: FieldWeight[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (NOT_IN_PERSONA.has(key) || value === undefined) continue;
    // Key by key up to SPLIT_KEYS of them (bounded work); a wider object weighs as one field.
    if (SPLIT.has(key) && isObject(value) && Object.keys(value).length <= SPLIT_KEYS) {
      for (const [inner, innerValue] of Object.entries(value)) {
        weights.push({
          field: `${where}.${key}.${inner}`,
          bytes: jsonBytes(inner) + jsonBytes(innerValue) + 1,
        });
      }
    } else {
      weights.push({ field: `${where}.${key}`, bytes: jsonBytes(key) + jsonBytes(value) + 1 });
    }
  }
  return weights.sort((a, b) => b.bytes - a.bytes);
}

/**
 * The refusal of a persona of `total` bytes as JSON, naming the heaviest of `weights` and how far
 * over the cap it is.
 */
export function tooLarge(total: number, weights: readonly FieldWeight[]): InvalidInput {
  const over = total - PERSONA_MAX_BYTES;
  const heavy = weights.slice(0, NAMED);
  const list = heavy.map((weight) => `${weight.field} ${weight.bytes} bytes`).join(", ");
  return new InvalidInput(
    `Persona too large: ${total} bytes as JSON, ${over} over the ${PERSONA_MAX_BYTES}-byte cap ` +
      `(PERSONA_MAX_BYTES); largest fields: ${list}. Shorten or remove them (an application's ` +
      `extension the persona does not need, long examples) and import again`,
    heavy.map((weight) => ({
      field: weight.field,
      message: `is ${weight.bytes} bytes as JSON; the persona is ${over} bytes over the ` +
        `${PERSONA_MAX_BYTES}-byte cap`,
    })),
  );
}

/**
 * Refuses `data` (card data, or a bundle's persona) whose persona fields together exceed
 * {@linkcode PERSONA_MAX_BYTES}, before anything else is done with it (-32602, the heaviest
 * fields named as `where.field`).
 */
export function assertPersonaFits(data: Record<string, unknown>, where: string): void {
  // A value already parsed (a JSON-RPC param) did not pass the upload text's key count: the same
  // bound here, before a wide object is walked or written out.
  for (
    const [field, value] of [
      [where, data],
      ...SPLIT_FIELDS.map((key) => [`${where}.${key}`, data[key]]),
    ]
  ) {
    if (isObject(value) && Object.keys(value).length > MAX_OBJECT_KEYS) {
      const problem = `has more than ${MAX_OBJECT_KEYS} keys`;
      throw new InvalidInput(`${field} ${problem} (at most ${MAX_OBJECT_KEYS} per object)`, [{
        field: field as string,
        message: problem,
      }]);
    }
  }
  const weights = fieldWeights(data, where);
  const total = weights.reduce((sum, weight) => sum + weight.bytes, 2);
  if (total > PERSONA_MAX_BYTES) throw tooLarge(total, weights);
}

/**
 * The persona service's size refusal of `persona` (made from card `data`) as one naming the
 * card's heaviest fields; null when `error` is another error.
 */
export function namedTooLarge(
  error: unknown,
  { persona, data }: { persona: unknown; data: Record<string, unknown> },
): InvalidInput | null {
  const details = (error instanceof InvalidInput ? error.data : undefined) as
    | { fields?: { field?: string }[] }
    | undefined;
  if (details?.fields?.[0]?.field !== "persona") return null;
  const bytes = encoder.encode(JSON.stringify(persona)).length;
  return tooLarge(Math.max(bytes, PERSONA_MAX_BYTES + 1), fieldWeights(data, "card.data"));
}
