import assert from "node:assert/strict";
import { LINE_REFS, LineRefs, packRelationLines } from "./relation_refs.ts";
import { SortedLines } from "./sorted_lines.ts";
import { WORD_RELATION_ID, WordRelations } from "./word_relations.ts";
import { packedData } from "./pack_word_relations.ts";

const PLAIN = [
  "buddi pal",
  "chum pal,buddi|||||k",
  "friend |buddi,chum|pal",
  "pal chum,buddi|friend,chum|friend||;friend;|c2k",
].join("\n");

Deno.test("a packed list is three characters per stem, read back from the keys of the lines", () => {
  const packed = packRelationLines(PLAIN);
  const lines = new SortedLines(packed, " ");
  assert.equal(lines.get("pal")!.split("|")[0]!.length, 6, "two stems, no comma");
  const refs = new LineRefs(lines);
  assert.deepEqual(refs.stems(lines.get("pal")!.split("|")[0]!), ["chum", "buddi"]);
  assert.deepEqual(refs.stems(lines.get("friend")!.split("|")[1]!), ["buddi", "chum"]);
  assert.equal(lines.get("pal")!.split("|")[5], "c2k", "the sense order stays as written");
  assert.deepEqual(
    lines.get("chum")!.split("|").slice(1),
    ["", "", "", "", "k"],
    "empty parts stay",
  );
  assert.throws(() => packRelationLines("pal chum"), /has no line/);
  assert.throws(() => packRelationLines("b a\na b"), /sorted/);
});

Deno.test("packed relations answer as the plain ones: of, both, firstRelatives", () => {
  const plain = new WordRelations({ id: WORD_RELATION_ID, relations: PLAIN });
  const packed = new WordRelations(
    packedData({ id: WORD_RELATION_ID, relations: PLAIN }) as { id: string; relations: string },
  );
  for (const stem of ["buddi", "chum", "friend", "pal", "none"]) {
    assert.deepEqual(packed.of(stem), plain.of(stem), stem);
    assert.deepEqual(packed.both(stem), plain.both(stem), stem);
    assert.deepEqual(packed.firstRelatives(stem, 2), plain.firstRelatives(stem, 2), stem);
  }
  assert.ok(plain.both("pal")!.size > 0);
  assert.throws(
    () => new WordRelations({ id: WORD_RELATION_ID, relations: "", format: "other" }),
    /format/,
  );
});

Deno.test("the shipped relations are packed as line references (half the text a server holds)", async () => {
  const { default: data } = await import("./word_relations.gen.json", { with: { type: "json" } });
  assert.equal((data as { format?: string }).format, LINE_REFS);
  const relations = new WordRelations(data as { id: string; relations: string; format: string });
  assert.ok(relations.of("doctor")!.has("physician"));
});
