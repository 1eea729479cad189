import assert from "node:assert/strict";
import { LINE_REFS, LineRefs, packRelationLines, REF_CAPACITY } from "./relation_refs.ts";
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

Deno.test("a text ending in a line break packs to one the server loads (review40 R3)", () => {
  const packed = packRelationLines(`${PLAIN}\n`);
  assert.ok(packed.endsWith("\n"));
  const relations = new WordRelations({
    id: WORD_RELATION_ID,
    relations: packed,
    format: LINE_REFS,
  });
  const plain = new WordRelations({ id: WORD_RELATION_ID, relations: PLAIN });
  assert.deepEqual(relations.of("pal"), plain.of("pal"));
});

Deno.test("references number at most REF_CAPACITY lines, the last read back (review40 R4)", () => {
  const keys = Array.from({ length: REF_CAPACITY + 1 }, (_, i) => String(i).padStart(7, "0"));
  const last = keys[REF_CAPACITY - 1]!;
  const text = keys.slice(0, REF_CAPACITY).map((key, i) => i === 0 ? `${key} ${last}` : `${key} `);
  const packed = packRelationLines(text.join("\n"));
  const lines = new SortedLines(packed, " ");
  assert.deepEqual(new LineRefs(lines).stems(lines.get(keys[0]!)!), [last]);
  text.push(`${keys[REF_CAPACITY]} `);
  assert.throws(() => packRelationLines(text.join("\n")), /more than 729000 relation lines/);
});

Deno.test("broken packed data is refused, never read as empty stems (review40 R4)", () => {
  const packed = packRelationLines(PLAIN);
  // Lines out of order: references would name the wrong lines.
  const [first, ...rest] = packed.split("\n");
  assert.throws(
    () =>
      new WordRelations({
        id: WORD_RELATION_ID,
        relations: [...rest, first].join("\n"),
        format: LINE_REFS,
      }),
    /not sorted/,
  );
  const refs = new LineRefs(new SortedLines(packed, " "));
  assert.throws(() => refs.stems("chum,buddi"), /not packed/);
  // Four lines: "!!&" is line 4 (a double quote is no digit), past the last; a space is none.
  assert.throws(() => refs.stems("!!!!!&"), /references no line/);
  assert.throws(() => refs.stems("  !"), /references no line/);
  // A format this does not know is not packed as commas.
  assert.throws(() => packedData({ id: WORD_RELATION_ID, format: "line-refs-4" }), /unknown/);
});
