import assert from "node:assert/strict";
import {
  CLASS_CACHE_LIMIT,
  CLASS_MIN_RELATIVES,
  classCentroid,
  ClassCentroids,
  classRelatives,
  KINDS_AGREEMENT,
  memberCentroid,
  readsAsPlural,
} from "./class_centroid.ts";
import { preparedSimilarity, specificity } from "./alignment.ts";
import { WordVectors } from "./word_vectors.ts";
import { UNLINKED_CLASS_CAP } from "./word_similarity.ts";
import { FORM_SIMILARITY, WordRelations } from "./word_relations.ts";
import { stem } from "../text.ts";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

Deno.test("a word reads as a plural when it ends in -s and a singular of it is a word", () => {
  const vocabulary = new Set(["tool", "glass", "injury", "new", "live", "famou"]);
  const isWord = (word: string) => vocabulary.has(word);
  for (const plural of ["tools", "glasses", "injuries", "news", "lives"]) {
    assert.ok(readsAsPlural(plural, isWord), plural);
  }
  // "-ss", "-us", "-is" are no plural endings; a word whose singular is no word is none.
  for (const other of ["glass", "famous", "analysis", "always", "tool", "s"]) {
    assert.ok(!readsAsPlural(other, isWord), other);
  }
});

Deno.test("a class centroid is the unit mean of its relatives' vectors, from the fewest that make a class", () => {
  const units = new Map<string, Float32Array>([
    ["a", Float32Array.of(1, 0, 0)],
    ["b", Float32Array.of(0, 1, 0)],
    ["c", Float32Array.of(0, 0, 1)],
  ]);
  const unitOf = (stem: string) => units.get(stem);
  const centroid = classCentroid(["a", "unknown", "b", "c"], unitOf)!;
  const third = 1 / Math.sqrt(3);
  assert.deepEqual(
    [...centroid].map((x) => x.toFixed(6)),
    [third, third, third].map((x) => x.toFixed(6)),
  );
  assert.equal(CLASS_MIN_RELATIVES, 3);
  assert.equal(
    classCentroid(["a", "b", "unknown"], unitOf),
    undefined,
    "two with vectors: no class",
  );
  assert.equal(classCentroid([], unitOf), undefined);
});

Deno.test("a plural query word is answered by a member of its class as by a near word", async () => {
  const words = await WordVectors.shared();
  // "injuries" and "wrist": 0.53 apart; WordNet relates them in no list, but the mean of
  // "injuries"' relatives (wound, fracture, ...) is nearer. ("relatives" was the example until
  // it became a kinship class word, `kin_terms.ts`.)
  const injuries = words.prepare("injuries");
  const wrist = words.prepare("wrist");
  assert.equal(injuries.related?.get(wrist.stem), undefined);
  const own = dot(injuries.unit!, wrist.unit!);
  const member = dot(injuries.centroid!, wrist.unit!);
  assert.ok(member > own + 0.03, `${own} ${member}`);
  // WordNet names kinds of "injuries" and "wrist" is none: the centroid's match counts at most
  // `UNLINKED_CLASS_CAP` (recall106, `unlinkedCap`).
  assert.ok(
    Math.abs(
      preparedSimilarity(injuries, wrist) -
        Math.min(member * specificity(injuries, wrist), UNLINKED_CLASS_CAP),
    ) < 1e-6,
  );
  // "tools" and "hammer": the centroid counts above the WordNet kind (0.45) it would get.
  const tools = words.prepare("tools");
  const hammer = words.prepare("hammer");
  assert.ok(preparedSimilarity(tools, hammer) > 0.55, `${preparedSimilarity(tools, hammer)}`);
  // An unrelated word stays unrelated; the class only adds matches.
  assert.ok(preparedSimilarity(words.prepare("sports"), words.prepare("invoice")) < 0.1);
  // A singular names no class: its cosine is the word's own.
  const relative = words.prepare("relative");
  assert.equal(relative.centroid, undefined);
  assert.equal(words.classCentroid("always"), undefined);
});

Deno.test("a class stands on a word's relatives but its forms (the word itself)", async () => {
  const related = new Map([["child", FORM_SIMILARITY], ["kid", 0.55], ["son", 0.45], [
    "young",
    0.4,
  ]]);
  assert.deepEqual(classRelatives(related), ["kid", "son", "young"]);
  assert.deepEqual(classRelatives(undefined), []);
  const words = await WordVectors.shared();
  assert.equal(words.classCentroid("tools"), words.classCentroid("tools"), "cached");
  assert.ok(classRelatives(words.related(stem("tools"))).length >= CLASS_MIN_RELATIVES);
});

Deno.test("ClassCentroids reads a stem's class once, until CLASS_CACHE_LIMIT other stems; not of a singular", () => {
  assert.equal(CLASS_CACHE_LIMIT, 50_000);
  let read = 0;
  // Read through a function: the count changes behind the type checker's narrowing.
  const reads = () => read;
  const classes = new ClassCentroids({
    isWord: (word) => word === "instrument",
    relatedOf: () => (read++, new Map([["a", 0.45], ["b", 0.45], ["c", 0.45]])),
    unitOfStem: (wordStem) => new Float32Array(wordStem === "a" ? [1, 0] : [0, 1]),
    narrowerOf: () => new Set(),
  });
  const first = classes.of("instruments", false);
  assert.ok(first !== undefined && reads() === 1);
  assert.equal(classes.of("instruments", false), first);
  assert.equal(reads(), 1, "remembered");
  assert.equal(classes.of("violin", false), undefined, "no plural: not read");
  assert.equal(reads(), 1);
  assert.ok(classes.of("violin", true) !== undefined && reads() === 2, "asked: read");
  for (let i = 2; i < CLASS_CACHE_LIMIT; i++) classes.of(`stem${i}`, true);
  classes.of("instruments", false);
  assert.equal(reads(), CLASS_CACHE_LIMIT, "remembered at the limit");
  classes.of("onemore", true);
  classes.of("instruments", false);
  assert.equal(reads(), CLASS_CACHE_LIMIT + 2, "the oldest went");
});

Deno.test("a singular of two letters makes a plural, one of one letter none", () => {
  const vocabulary = new Set(["a", "ad", "i"]);
  const isWord = (word: string) => vocabulary.has(word);
  assert.ok(readsAsPlural("ads", isWord));
  assert.ok(!readsAsPlural("as", isWord));
  assert.ok(!readsAsPlural("is", isWord));
});

Deno.test("a class centroid has unit length whatever its relatives' sum; a sum of zero makes none", () => {
  const units = new Map<string, Float32Array>([
    ["x", Float32Array.of(1, 0, 0)],
    ["x2", Float32Array.of(1, 0, 0)],
    ["y", Float32Array.of(0, 1, 0)],
    ["minus", Float32Array.of(-1, 0, 0)],
  ]);
  const unitOf = (stem: string) => units.get(stem);
  // (2, 1, 0) over its length √5.
  const centroid = classCentroid(["x", "x2", "y"], unitOf)!;
  assert.deepEqual(
    [...centroid].map((x) => x.toFixed(6)),
    [2 / Math.sqrt(5), 1 / Math.sqrt(5), 0].map((x) => x.toFixed(6)),
  );
  // A sum of length exactly 1 is kept as it is.
  assert.deepEqual([...classCentroid(["x", "minus", "x2"], unitOf)!], [1, 0, 0]);
  // Relatives that cancel out name no direction: no class, not a vector of NaN.
  assert.equal(classCentroid(["x", "minus", "x2", "minus"], unitOf), undefined);
});

Deno.test("a class is its kinds' centroid when they agree with its relatives' (cosine ≥ KINDS_AGREEMENT), else its relatives'", () => {
  assert.equal(KINDS_AGREEMENT, 0.9);
  const relatives = Float32Array.of(1, 0);
  // A cosine just above 0.9 (float32's 0.9 falls a hair below it): the kinds; just below: the
  // relatives.
  const agreeing = Float32Array.of(0.9001, Math.sqrt(1 - 0.9001 * 0.9001));
  assert.equal(memberCentroid(relatives, agreeing), agreeing);
  const apart = Float32Array.of(0.8999, Math.sqrt(1 - 0.8999 * 0.8999));
  assert.equal(memberCentroid(relatives, apart), relatives);
  // The relatives alone are the class; kinds with no relatives' class to agree with make none
  // (fix178: nothing shows which sense they are of).
  assert.equal(memberCentroid(undefined, agreeing), undefined);
  assert.equal(memberCentroid(relatives, undefined), relatives);
  assert.equal(memberCentroid(undefined, undefined), undefined);
});

Deno.test("ClassCentroids takes a word's kinds when they agree: the kinds' mean, not its relatives'", () => {
  const units = new Map<string, Float32Array>([
    ["a", Float32Array.of(1, 0, 0)],
    ["b", Float32Array.of(0.8, 0.6, 0)],
    ["c", Float32Array.of(0.8, 0, 0.6)],
    ["x", Float32Array.of(0, 1, 0)],
    ["y", Float32Array.of(0, 0, 1)],
  ]);
  const classWith = (kinds: string[]) =>
    new ClassCentroids({
      isWord: () => true,
      relatedOf: () => new Map(["a", "b", "c", "x"].map((other) => [other, 0.45])),
      unitOfStem: (wordStem) => units.get(wordStem),
      narrowerOf: () => new Set(kinds),
    }).of("tools", false)!;
  const fromRelatives = classCentroid(["a", "b", "c", "x"], (s) => units.get(s))!;
  const fromKinds = classCentroid(["a", "b", "c"], (s) => units.get(s))!;
  assert.ok(dot(fromKinds, fromRelatives) >= KINDS_AGREEMENT);
  assert.deepEqual(classWith(["a", "b", "c"]), fromKinds);
  // Kinds of another sense (apart from the relatives' mean): the relatives stay the class.
  assert.ok(dot(classCentroid(["x", "y", "b"], (s) => units.get(s))!, fromRelatives) < 0.9);
  assert.deepEqual(classWith(["x", "y", "b"]), fromRelatives);
  // Fewer than CLASS_MIN_RELATIVES kinds with vectors make no class of kinds.
  assert.deepEqual(classWith(["a", "b"]), fromRelatives);
});

Deno.test("shipped data: the kinds make the class of 'trips', 'injuries', 'sweets' and 'rodents', not of another sense's kinds ('instruments', 'notes', 'fixes', 'breed')", async () => {
  const words = await WordVectors.shared();
  const { default: data } = await import("./word_relations.gen.json", { with: { type: "json" } });
  const relations = new WordRelations(data as { id: string; relations: string; format: string });
  const unitOf = (other: string) => words.unitOfStem(other);
  const kindsOf = (word: string) => classCentroid(relations.narrower(stem(word)), unitOf);
  const relativesOf = (word: string) =>
    classCentroid(classRelatives(relations.of(stem(word))), unitOf);
  for (const word of ["trips", "injuries", "sweets", "rodents"]) {
    assert.deepEqual(words.classCentroid(word), kindsOf(word), word);
    assert.notDeepEqual(kindsOf(word), relativesOf(word), word);
  }
  // Tools and gauges; quavers and chords beside memos; the verb's "peg", "pin", "screw"; the
  // verb's "crossbreed", "hybridise": another sense's kinds.
  for (const word of ["instruments", "notes", "fixes", "breed"]) {
    assert.ok(kindsOf(word) !== undefined, word);
    assert.deepEqual(words.classCentroid(word, true), relativesOf(word), word);
    assert.ok(dot(kindsOf(word)!, relativesOf(word)!) < KINDS_AGREEMENT, word);
  }
  // "trips": "flight", a member, nearer the kinds' class than the relatives'.
  const flight = words.unit("flight")!;
  assert.ok(dot(words.classCentroid("trips")!, flight) > dot(relativesOf("trips")!, flight));
});

Deno.test("shipped data: a word with kinds but too few relatives to check them has no class ('baulk')", async () => {
  const words = await WordVectors.shared();
  const { default: data } = await import("./word_relations.gen.json", { with: { type: "json" } });
  const relations = new WordRelations(data as { id: string; relations: string; format: string });
  const unitOf = (other: string) => words.unitOfStem(other);
  // The noun's kinds ("millstone", "albatross", "obstacle", "straitjacket") make a centroid;
  // its relatives too few for one, so nothing shows whether the kinds are the asked sense.
  assert.ok(classCentroid(relations.narrower(stem("baulk")), unitOf) !== undefined);
  assert.equal(classCentroid(classRelatives(relations.of(stem("baulk"))), unitOf), undefined);
  assert.equal(words.classCentroid("baulk", true), undefined);
});
