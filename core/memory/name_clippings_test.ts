import assert from "node:assert/strict";
import { clips, holdsClippedNames, MAX_CLIPPED, MIN_CLIPPING } from "./name_clippings.ts";
import { nameFactor } from "./rank.ts";
import { UNNAMED } from "./text_factor_shares.ts";
import { comparisons } from "./testing/lookups.ts";

Deno.test("a clipping has at least MIN_CLIPPING letters and at most MAX_CLIPPED fewer", () => {
  assert.equal(MIN_CLIPPING, 3);
  assert.equal(MAX_CLIPPED, 5);
  assert.ok(clips("pri", "priya"));
  assert.ok(clips("sam", "samantha"));
  assert.ok(!clips("jo", "joanna"), "two letters");
  assert.ok(!clips("chris", "christopher"), "six more letters");
  assert.ok(!clips("priya", "priya"), "the name itself");
  assert.ok(!clips("pri", "apriya"));
});

Deno.test("a memory holding a clipping of a query's name, or the name of a clipping, holds it", () => {
  assert.ok(holdsClippedNames("Priya left the recording studio in May.", ["pri"]));
  assert.ok(holdsClippedNames("Pri and Ewan broke up in the autumn.", ["priya"]));
  assert.ok(!holdsClippedNames("Marcus's partner works nights.", ["priya"]));
  assert.ok(!holdsClippedNames("the priya of it", ["pri"]), "capitalised words only");
  assert.equal(nameFactor(["pri"], "Priya left the recording studio"), 1);
  assert.equal(nameFactor(["priya"], "Pri and Ewan broke up"), 1);
  assert.equal(nameFactor(["priya"], "Marcus's partner works nights"), 1 - UNNAMED);
});

Deno.test("holdsClippedNames reads a non-ASCII text whole, asked again and again", () => {
  // Fullwidth letters fold to "priya" (NFKC): the text holds no "Pri" as written.
  for (let i = 0; i < 3; i++) {
    assert.ok(holdsClippedNames("Ｐｒｉｙａ called from the studio.", ["pri"]));
    assert.ok(!holdsClippedNames("Someone called from the studio.", ["pri"]));
  }
});

Deno.test("a question of many names reads a memory of many capitalised words in work linear in the two (attack40 N1)", async () => {
  // Each name was compared with each capitalised word of the memory (and the word stemmed), and
  // each name looked for among the memory's terms: names × words a candidate, each search.
  const syllables = ["ka", "lo", "mi", "ren", "tor", "va"];
  const name = (i: number, salt: string) => {
    let word = salt;
    for (let rest = i + 36; rest > 0; rest = Math.floor(rest / 6)) word += syllables[rest % 6];
    return word;
  };
  const content = Array.from({ length: 400 }, (_, i) => `${name(i, "Dri")}'s coach`).join(" ");
  const read = (count: number) => {
    // Names with the memory's words' first letters ("driq…" for "Dri…"), none a clipping.
    const names = Array.from({ length: count }, (_, i) => name(i, "driq"));
    nameFactor(names, content);
    return comparisons(() => nameFactor(names, content), { scans: true });
  };
  const few = await read(50);
  const many = await read(200);
  // Four times the names: their own lookups grow, the memory's words are read once.
  assert.ok(many <= 1.5 * few, `${few} then ${many} comparisons`);
  assert.ok(many <= 20 * 400, `${many} comparisons`);
  // Names of five openings (past HEAD_LOOKS, so the text is read) and a memory whose words open
  // as none of them: each word is one or two lookups, not one per clipping length.
  const openings = ["driq", "kalq", "lomq", "mirq", "renq"];
  const names = Array.from({ length: 200 }, (_, i) => name(i, openings[i % 5]!));
  const elsewhere = Array.from({ length: 400 }, (_, i) => `${name(i, "Nox")}'s coach`).join(" ");
  nameFactor(names, elsewhere);
  const other = await comparisons(() => nameFactor(names, elsewhere), { scans: true });
  assert.ok(other <= 3 * 400 + 2 * 200, `${other} comparisons`);
  assert.equal(nameFactor([name(3, "dri"), "nobody"], content), 1);
  assert.equal(nameFactor(["nobody", name(3, "dri").slice(0, -2)], content), 1, "a clipping");
});
