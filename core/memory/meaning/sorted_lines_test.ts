import assert from "node:assert/strict";
import { SortedLines } from "./sorted_lines.ts";
import { SeededRandom } from "../../simulation/mod.ts";

/** What the lines of `text` say by key, read the plain way (a later line wins). */
function plain(text: string, separator: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of text.split("\n")) {
    const at = line.indexOf(separator);
    if (at > 0) lines.set(line.slice(0, at), line.slice(at + 1));
  }
  return lines;
}

Deno.test("sorted lines are found by binary search: every key, its rest; others undefined", () => {
  const text = "a x|1\nab y\nb 2 3\nbe \nz end";
  const lines = new SortedLines(text, " ");
  assert.equal(lines.sorted, true);
  assert.equal(lines.size, 5);
  for (const [key, rest] of plain(text, " ")) assert.equal(lines.get(key), rest, key);
  assert.equal(lines.get("be"), "", "an empty rest");
  for (const missing of ["", "aa", "abc", "ac", "bz", "zz", "0", "a x"]) {
    assert.equal(lines.get(missing), undefined, missing);
  }
  assert.deepEqual([...lines.keys()], ["a", "ab", "b", "be", "z"]);
  assert.equal(new SortedLines("a 1\nb 2\n", " ").sorted, true, "a newline at the end");
  assert.equal(new SortedLines("a 1\nb 2\n", " ").get("b"), "2");
  assert.equal(new SortedLines("", " ").size, 0);
  assert.equal(new SortedLines("", " ").get("a"), undefined);
});

Deno.test("unsorted lines, a repeated key or a line without a key: a map, the same answers", () => {
  for (
    const text of [
      "b 1\na 2",
      "a 1\na 2\nb 3",
      "a 1\nnokey\nb 2",
      "a 1\n\nb 2",
      "a|1\nb|2",
    ]
  ) {
    const lines = new SortedLines(text, " ");
    assert.equal(lines.sorted, false, text);
    const expected = plain(text, " ");
    assert.equal(lines.size, expected.size);
    for (const [key, rest] of expected) assert.equal(lines.get(key), rest);
    assert.deepEqual([...lines.keys()], [...expected.keys()]);
  }
});

Deno.test("random sorted and unsorted texts: the same answers as a map of their lines", () => {
  const random = new SeededRandom(17);
  const letters = "abcé z";
  for (let round = 0; round < 200; round++) {
    const keys = new Set<string>();
    const count = random.int(0, 30);
    while (keys.size < count) {
      keys.add(Array.from({ length: random.int(1, 4) }, () => random.pick([..."abcé"])).join(""));
    }
    const ordered = [...keys];
    if (random.int(0, 1) === 0) ordered.sort();
    const text = ordered.map((key) =>
      `${key}|${Array.from({ length: random.int(0, 5) }, () => random.pick([...letters])).join("")}`
    ).join("\n");
    const lines = new SortedLines(text, "|");
    const expected = plain(text, "|");
    for (const [key, rest] of expected) assert.equal(lines.get(key), rest, `${text} / ${key}`);
    for (let probe = 0; probe < 10; probe++) {
      const key = Array.from({ length: random.int(1, 4) }, () => random.pick([..."abcéd"])).join(
        "",
      );
      assert.equal(lines.get(key), expected.get(key), `${text} / ${key}`);
    }
  }
});

Deno.test("the shipped relations and phrases are sorted: looked up without a map", async () => {
  const data = (await import("./word_relations.gen.json", { with: { type: "json" } }))
    .default as { relations: string; phrases: string };
  const relations = new SortedLines(data.relations, " ");
  const phrases = new SortedLines(data.phrases, "|");
  assert.equal(relations.sorted, true, "the generator writes the relations sorted by stem");
  assert.equal(phrases.sorted, true, "and the phrases by their terms");
  const expected = plain(data.relations, " ");
  assert.equal(relations.size, expected.size);
  for (const [key, rest] of expected) assert.equal(relations.get(key), rest);
});
