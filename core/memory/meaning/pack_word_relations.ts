/**
 * Writes `word_relations.gen.json`'s relation lists as line references (`relation_refs.ts`) when
 * they are stems separated by commas (`deno task gen:relations:pack`): what
 * `gen_word_relations.ts` writes itself, for a relations file made before (a branch's data
 * merged). The same relations: a file already packed is left as it is.
 *
 *   deno task gen:relations:pack
 *
 * @module
 */
import { LINE_REFS, LINE_REFS_ABOUT, packRelationLines } from "./relation_refs.ts";

const FILE = new URL("./word_relations.gen.json", import.meta.url);

/**
 * `data` with its relations packed, `format` after `id` (the order the generator writes). Throws
 * on a `format` other than {@linkcode LINE_REFS} (none: stems separated by commas).
 */
export function packedData(data: Record<string, unknown>): Record<string, unknown> {
  if (data.format === LINE_REFS) return data;
  // Any other format is one this does not know: packing it as commas would garble it.
  if (data.format !== undefined) throw new Error(`relations format "${data.format}" is unknown`);
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "format") continue;
    packed[key] = key === "relations"
      ? packRelationLines(value as string)
      : key === "about"
      ? `${value}${LINE_REFS_ABOUT}`
      : value;
    if (key === "id") packed.format = LINE_REFS;
  }
  return packed;
}

if (import.meta.main) {
  const data = JSON.parse(await Deno.readTextFile(FILE));
  const packed = packedData(data);
  if (packed === data) console.log(`${FILE.pathname}: already ${LINE_REFS}`);
  else {
    await Deno.writeTextFile(FILE, JSON.stringify(packed));
    console.log(
      `${FILE.pathname}: relations ${(data.relations as string).length} → ` +
        `${(packed.relations as string).length} characters (${LINE_REFS})`,
    );
  }
}
