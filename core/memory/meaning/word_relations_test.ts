import assert from "node:assert/strict";
import {
  CLOSE_SIMILARITY,
  DEFINED_SIMILARITY,
  DERIVED_SIMILARITY,
  derivedStems,
  FORM_SIMILARITY,
  INITIALISM,
  KIND_SIMILARITY,
  WORD_RELATION_ID,
  WordRelations,
} from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import {
  alignment,
  ALIGNMENT_FLOOR,
  matchStrength,
  preparedSimilarity,
  weightedQuery,
  type WordMeanings,
} from "./alignment.ts";
import { stem, terms } from "../text.ts";
import { expandQuery } from "../expansion.ts";
import { EXPANSION_CLOSE, EXPANSION_DERIVED } from "../expansion_shares.ts";

Deno.test("a synonym counts as 0.55, a kind or hypernym 0.45, a word of the definition 0.4", () => {
  assert.equal(CLOSE_SIMILARITY, 0.55);
  assert.equal(KIND_SIMILARITY, 0.45);
  assert.equal(DEFINED_SIMILARITY, 0.4);
  assert.ok(DEFINED_SIMILARITY > ALIGNMENT_FLOOR, "a relative always counts in alignment");
  assert.ok(CLOSE_SIMILARITY < 1, "below a shared stem");
});

Deno.test("relations decode per stem: close ones, kinds, definitions; the closer tie wins", () => {
  const relations = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "pal chum,buddi|friend,chum|compan,friend\ninjuri |fractur",
  });
  assert.deepEqual([...relations.of("pal")!], [
    ["chum", CLOSE_SIMILARITY],
    ["buddi", CLOSE_SIMILARITY],
    ["friend", KIND_SIMILARITY],
    ["compan", DEFINED_SIMILARITY],
  ]);
  assert.deepEqual([...relations.of("injuri")!], [["fractur", KIND_SIMILARITY]]);
  assert.equal(relations.of("lyon"), undefined);
  // A fourth part: the same word's irregular forms, first and as the word itself.
  const withForms = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "children kid|son,child||child",
  });
  assert.equal(FORM_SIMILARITY, 1, "a form of the word counts as a shared stem");
  assert.deepEqual([...withForms.of("children")!], [
    ["child", FORM_SIMILARITY],
    ["kid", CLOSE_SIMILARITY],
    ["son", KIND_SIMILARITY],
  ]);
  assert.throws(() => new WordRelations({ id: "other", relations: "" }), /expected/);
  // A fifth part: the relations seen from the other side (close;kinds;defined), for alignment
  // only: `of` (BM25's expansion) keeps to the word's own lists.
  const withReverse = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "pal chum|friend|compan||buddi;mate;companion\ncur ||||;dog;",
  });
  assert.deepEqual([...withReverse.of("pal")!.keys()], ["chum", "friend", "compan"]);
  assert.deepEqual([...withReverse.both("pal")!], [
    ["chum", CLOSE_SIMILARITY],
    ["friend", KIND_SIMILARITY],
    ["compan", DEFINED_SIMILARITY],
    ["buddi", CLOSE_SIMILARITY],
    ["mate", KIND_SIMILARITY],
    ["companion", DEFINED_SIMILARITY],
  ]);
  assert.equal(withReverse.of("cur"), undefined);
  assert.deepEqual([...withReverse.both("cur")!], [["dog", KIND_SIMILARITY]]);
  assert.equal(withReverse.both("lyon"), undefined);
  // Phrases: a multi-word lemma's terms in order, and its one-word synonyms.
  const phrases = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "",
    phrases: "time year|season\nget hitch|marry,wed\ncome up short|fail",
  });
  assert.deepEqual(phrases.phrase(["time", "year"]), ["season"]);
  assert.deepEqual(phrases.phrase(["get", "hitch"]), ["marry", "wed"]);
  assert.equal(phrases.phrase(["year", "time"]), undefined, "in order only");
  assert.equal(phrases.longestPhrase, 3);
});

Deno.test("words the data does not hold are not kept: made-up words cannot grow the memory", () => {
  const relations = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "pal chum|friend\nlone ",
  });
  for (let i = 0; i < 1_000; i++) {
    assert.equal(relations.of(`xq${i}`), undefined);
    assert.equal(relations.both(`xq${i}`), undefined);
  }
  assert.equal(relations.decoded, 0);
  assert.ok(relations.of("pal") && relations.both("pal"));
  assert.equal(relations.of("lone"), undefined, "a line with no relations");
  assert.equal(relations.decoded, 3, "each stem with a line, once per map");
});

Deno.test("the shipped relations: WordNet's synonyms, hypernyms and kinds, by stem", async () => {
  const words = await WordVectors.shared();
  const related = (a: string, b: string) => words.related(stem(a))?.get(stem(b));
  assert.equal(related("pal", "buddy"), CLOSE_SIMILARITY, "a synonym");
  assert.equal(related("injury", "injure"), DERIVED_SIMILARITY, "a derived word spelt alike");
  assert.equal(related("study", "student"), DERIVED_SIMILARITY, "the same word in another class");
  assert.equal(related("pal", "friend"), KIND_SIMILARITY, "a direct hypernym");
  assert.equal(related("injury", "fracture"), KIND_SIMILARITY, "a kind of injury");
  assert.equal(related("child", "daughter"), KIND_SIMILARITY, "a kind two levels down");
  assert.equal(related("nut", "peanut"), KIND_SIMILARITY);
  assert.equal(related("insomnia", "sleep"), DEFINED_SIMILARITY, "in its definition");
  assert.equal(related("phobia", "fear"), DEFINED_SIMILARITY);
  assert.equal(related("pal", "invoice"), undefined, "unrelated");
  // Pertainyms: the noun an adjective pertains to, a synonym's strength.
  assert.equal(related("cardiac", "heart"), CLOSE_SIMILARITY, "a pertainym");
  assert.equal(related("nocturnal", "night"), CLOSE_SIMILARITY);
  // Definitions read backwards: the words whose definition uses the word, the thing a question
  // describes ("Lisbon": "capital and largest city of Portugal"; "scar": "a mark left by the
  // healing of injured tissue").
  assert.equal(related("portugal", "lisbon"), DEFINED_SIMILARITY);
  assert.equal(related("injury", "scar"), DEFINED_SIMILARITY);
  assert.equal(related("lisbon", "portugal"), DEFINED_SIMILARITY, "and forwards, as before");
  // Relations seen from the other side count in alignment: "allergist" lists "doctor" as its
  // hypernym, though "doctor" keeps only its 40 closest kinds; BM25's expansion does not grow.
  assert.equal(related("doctor", "allergist"), undefined);
  assert.equal(
    words.prepare("doctor").related?.get(stem("allergist")),
    KIND_SIMILARITY,
    "the other side's relation",
  );
  // Irregular forms Porter leaves apart, both ways; a form without senses of its own takes
  // its base's relations.
  assert.notEqual(stem("children"), stem("child"));
  assert.equal(related("children", "child"), FORM_SIMILARITY);
  assert.equal(related("child", "children"), FORM_SIMILARITY);
  assert.equal(related("eat", "eaten"), FORM_SIMILARITY);
  assert.equal(related("taught", "teach"), FORM_SIMILARITY);
  assert.equal(related("mice", "mouse"), FORM_SIMILARITY);
  assert.equal(related("children", "daughter"), KIND_SIMILARITY, "child's kinds");
  // Regular inflections Porter leaves apart too (WordNet's detachment rules), both ways, when
  // the form is no lemma of its own.
  for (const [form, base] of [["died", "die"], ["goes", "go"], ["stricter", "strict"]]) {
    assert.notEqual(stem(form!), stem(base!), form);
    assert.equal(related(form!, base!), FORM_SIMILARITY, form);
    assert.equal(related(base!, form!), FORM_SIMILARITY, base);
  }
  assert.equal(related("countrymen", "countryman"), FORM_SIMILARITY, "-men of -man");
  assert.ok(words.phrase([stem("goes"), "on"])?.includes("continue"), "a phrasal verb's form");
  assert.notEqual(related("number", "numb"), FORM_SIMILARITY, "a word of its own is no form");
  // Kinds are kept closest in meaning first: a broad word keeps the kinds of the senses in use.
  assert.equal(related("sport", "judo"), KIND_SIMILARITY);
  assert.equal(related("music", "jazz"), KIND_SIMILARITY);
  assert.equal(related("instrument", "bank"), undefined, "a rare sense's kind is left out");
  assert.equal(related("child", "peanut"), undefined);
  assert.equal(related("music", "march"), undefined);
  // WordNet's multi-word lemmas, by their terms.
  assert.ok(words.phrase(terms("time of year"))?.includes("season"));
  assert.ok(words.phrase(terms("get hitched"))?.includes("marry"));
  assert.ok(words.phrase(terms("tooth doctor"))?.includes("dentist"));
  // Phrasal verbs whose particle is a stop word: the verb's term (its irregular forms' too) and
  // the particle as written.
  assert.ok(words.phrase(["take", "out"])?.includes("remove"));
  assert.ok(words.phrase([stem("taken"), "out"])?.includes("remove"), "an irregular form");
  assert.ok(words.phrase(["give", "up"])?.includes("quit"));
  assert.ok(words.phrase(["gave", "up"])?.includes("quit"));
  // A form that is a word of its own too ("left": the side) is only a close relative.
  assert.equal(related("left", "leave"), CLOSE_SIMILARITY);
  assert.equal(related("peanut", "walnut"), undefined, "siblings are not related");
  // Places: words whose first noun senses are locations, buildings, areas, water, landforms.
  for (const place of ["village", "cities", "farmhouse", "school", "beach", "lake", "portugal"]) {
    assert.ok(words.isPlace(place), place);
  }
  for (const other of ["dog", "doctor", "music", "piano", "thursday"]) {
    assert.ok(!words.isPlace(other), other);
  }
  // Ways and facilities among artifacts are places too ("Where did my car break down?" "On the
  // motorway"); their abstract senses' kinds ("method" of "way", "knack" of "facility") are not.
  for (const place of ["road", "motorway", "streets", "station", "airport", "gym"]) {
    assert.ok(words.isPlace(place), place);
  }
  for (const other of ["method", "manner", "knack", "means"]) {
    assert.ok(!words.isPlace(other), other);
  }
  // Persons by their first noun sense: "dog" and "cat" are people only in rarer ones; words,
  // not stems ("organizer" is a person, "organ" is not).
  for (const person of ["relative", "cousins", "neighbour", "aunt", "pilot"]) {
    assert.ok(words.isPerson(person), person);
  }
  for (const other of ["dog", "cat", "organ", "city", "music"]) {
    assert.ok(!words.isPerson(other), other);
  }
});

Deno.test("a WordNet relative aligns where the vectors alone miss, below the word itself", async () => {
  const words = await WordVectors.shared();
  // "pal" and "friend" are 0.19 apart in GloVe: under the alignment floor on their own.
  assert.ok(words.similarity("pal", "friend") < ALIGNMENT_FLOOR);
  const withoutRelations: WordMeanings = {
    prepare: (word) => ({ ...words.prepare(word), related: undefined }),
    contentWords: (text) => words.contentWords(text),
  };
  const query = (meanings: WordMeanings) => {
    const weighted = weightedQuery("pal", () => 1);
    return (content: string) => alignment(weighted, { content, vectors: meanings }).score;
  };
  const related = query(words)("My friend lives in Toronto");
  assert.equal(related, matchStrength(KIND_SIMILARITY));
  assert.equal(query(withoutRelations)("My friend lives in Toronto"), 0);
  assert.equal(query(words)("My pal lives in Toronto"), 1);
  assert.ok(related < 1);
});

Deno.test("a relation raises a low cosine to its own and never lowers a higher one", async () => {
  const words = await WordVectors.shared();
  assert.equal(preparedSimilarity(words.prepare("pal"), words.prepare("friend")), KIND_SIMILARITY);
  // (Not two kinship words: those match each other as kinds whatever their vectors say,
  // `kin_terms.ts`.)
  const dog = words.prepare("dog");
  const puppy = words.prepare("puppy");
  assert.equal(dog.related?.get(puppy.stem), KIND_SIMILARITY);
  assert.ok(words.similarity("dog", "puppy") > KIND_SIMILARITY);
  assert.equal(preparedSimilarity(dog, puppy), words.similarity("dog", "puppy"));
});

Deno.test("a derived word spelt as the word counts more than a synonym, in alignment and in BM25", () => {
  // The same word in another class ("my studies": "as a student"), short of the word itself.
  assert.ok(DERIVED_SIMILARITY > CLOSE_SIMILARITY && DERIVED_SIMILARITY < FORM_SIMILARITY);
  assert.ok(EXPANSION_DERIVED > EXPANSION_CLOSE);
  for (const [a, b] of [["studi", "student"], ["nois", "noisi"], ["sleeper", "sleep"]]) {
    assert.ok(derivedStems(a!, b!) && derivedStems(b!, a!), `${a} ${b}`);
  }
  for (const [a, b] of [["pal", "chum"], ["student", "stuff"], ["car", "cab"]]) {
    assert.ok(!derivedStems(a!, b!), `${a} ${b}`);
  }
  const relations = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "studi student,examin|learn|\nexamin ||||studi;;",
  });
  assert.deepEqual([...relations.of("studi")!], [
    ["student", DERIVED_SIMILARITY],
    ["examin", CLOSE_SIMILARITY],
    ["learn", KIND_SIMILARITY],
  ]);
  const expanded = expandQuery({ terms: ["studi"], priors: [1] }, {
    related: (term) => relations.of(term),
    stemInformativeness: () => 1,
  });
  assert.deepEqual(expanded.terms, ["studi", "student", "examin", "learn"]);
  assert.deepEqual(expanded.priors.slice(1, 3), [EXPANSION_DERIVED, EXPANSION_CLOSE]);
  // Seen from the other side too ("examin" lists none, "studi" lists it as close).
  assert.equal(relations.both("examin")!.get("studi"), CLOSE_SIMILARITY);
  // Only a close relative is a derived word: a kind or a word of the definition spelt as the
  // word counts as its own list says, on either side.
  const lists = new WordRelations({
    id: WORD_RELATION_ID,
    relations: "nois |noisi|noisili\nsleep ||||sleepi;sleeper;sleepless",
  });
  assert.deepEqual([...lists.of("nois")!], [
    ["noisi", KIND_SIMILARITY],
    ["noisili", DEFINED_SIMILARITY],
  ]);
  assert.deepEqual([...lists.both("sleep")!], [
    ["sleepi", DERIVED_SIMILARITY],
    ["sleeper", KIND_SIMILARITY],
    ["sleepless", DEFINED_SIMILARITY],
  ]);
});

Deno.test("isPlace: shouted plurals of places are places; an initialism's capital S is no plural", async () => {
  const words = await WordVectors.shared();
  // INITIALISM's edges: two to five capitals.
  assert.ok(INITIALISM.test("UK") && INITIALISM.test("MENSA"));
  assert.ok(!INITIALISM.test("U") && !INITIALISM.test("UNESCO") && !INITIALISM.test("Uk"));
  for (const place of ["HILLS", "DOCKS", "LAKES", "PARKS", "SHOPS", "PARK", "US"]) {
    assert.ok(words.isPlace(place), place);
  }
  // Two letters before the "S": an initialism, not a plural of "NH".
  assert.ok(!words.isPlace("NHS"));
});
