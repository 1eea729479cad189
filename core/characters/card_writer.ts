/**
 * Writing a card's {@linkcode CardData} back out as a V3 or a V2 card object (`card.ts` reads
 * them): fields this server does not interpret are kept, V3-only ones dropped from a V2 card.
 *
 * @module
 */
import type { JsonObject } from "../lore/fields.ts";
import { type CardData, V1_FIELDS, V3_ONLY_FIELDS } from "./card_data.ts";

/** A V3 card object (`spec: "chara_card_v3"`) for `data`. */
export function toV3Card(data: CardData): JsonObject {
  return { spec: "chara_card_v3", spec_version: "3.0", data: { ...data } };
}

/** The V3-only fields of `data` (what a V2 export cannot hold), present ones only. */
export function v3OnlyFields(data: CardData): JsonObject {
  const fields: JsonObject = {};
  for (const field of V3_ONLY_FIELDS) {
    const value = data[field];
    const empty = Array.isArray(value) && value.length === 0 && field === "group_only_greetings";
    if (value !== undefined && !empty) fields[field] = value;
  }
  return fields;
}

/**
 * A V2 card object for `data`: the V2 fields, unknown fields kept, V3-only fields left out (see
 * {@linkcode v3OnlyFields}), and V1's six fields mirrored at the root for V1 readers.
 */
export function toV2Card(data: CardData): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (!(V3_ONLY_FIELDS as readonly string[]).includes(key)) out[key] = value;
  }
  return {
    spec: "chara_card_v2",
    spec_version: "2.0",
    ...Object.fromEntries(V1_FIELDS.map((field) => [field, data[field]])),
    data: out,
  };
}
