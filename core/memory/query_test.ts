import assert from "node:assert/strict";
import { expandQuery, preparedPhrase, queryPhrases } from "./expansion.ts";
import { RECENT_PHRASES } from "./phrases.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { alignment } from "./meaning/alignment.ts";
import {
  answerType,
  askedClasses,
  asksCurrent,
  asksKin,
  asksWhere,
  CHANGE_WORDS,
  CURRENT_WORDS,
  frameTerms,
  GROUP_WORDS,
  namesAnswer,
  namesPerson,
  namesPlace,
  queryNames,
  queryTermFactor,
  queryVoice,
  QUESTION_FRAME_WEIGHT,
  QUESTION_FRAME_WORDS,
  reportsTalk,
  SELF_WORDS,
  tellsChange,
  voiceOf,
} from "./query.ts";
import { stem } from "./text.ts";
import { LocalEmbedder } from "./embedder.ts";
import {
  EXPANSION_CLOSE,
  EXPANSION_FORM,
  EXPANSION_KIND,
  EXPANSION_PER_TERM,
  EXPANSION_PHRASE,
} from "./expansion_shares.ts";
import { CLOSE_SIMILARITY, FORM_SIMILARITY, KIND_SIMILARITY } from "./meaning/word_relations.ts";

/** Relatives from a table; every stem 0.8 informative except "buddi" (0.3). */
function relativesOf(table: Record<string, Array<[string, number]>>) {
  return {
    related: (term: string) => table[term] ? new Map(table[term]) : undefined,
    stemInformativeness: (term: string) => term === "buddi" ? 0.3 : 0.8,
  };
}

Deno.test("expansion: relatives follow the query's terms at EXPANSION_CLOSE or EXPANSION_KIND of their weight", () => {
  assert.equal(EXPANSION_CLOSE, 0.15);
  assert.equal(EXPANSION_KIND, 0.4);
  const relatives = relativesOf({
    pal: [["chum", CLOSE_SIMILARITY], ["buddi", CLOSE_SIMILARITY], ["friend", KIND_SIMILARITY]],
    toronto: [["citi", KIND_SIMILARITY]],
  });
  const expanded = expandQuery({ terms: ["pal", "toronto"], priors: [0.9, 0.5] }, relatives);
  assert.deepEqual(expanded.terms, ["pal", "toronto", "chum", "buddi", "friend", "citi"]);
  const expected = [
    0.9,
    0.5,
    0.8 * EXPANSION_CLOSE, // the relative's own informativeness when lower than its term's
    0.3 * EXPANSION_CLOSE,
    0.8 * EXPANSION_KIND,
    0.5 * EXPANSION_KIND, // the term's prior when lower
  ];
  expanded.priors.forEach((prior, i) => assert.ok(Math.abs(prior - expected[i]!) < 1e-12, `${i}`));
});

Deno.test("expansion: frame words bring none, a term brings at most EXPANSION_PER_TERM, none twice", () => {
  assert.equal(EXPANSION_PER_TERM, 24);
  const many = Array.from({ length: 30 }, (_, i) => [`w${i}`, KIND_SIMILARITY] as [string, number]);
  const relatives = relativesOf({
    [stem("tell")]: [["narrat", CLOSE_SIMILARITY]],
    child: [["kid", CLOSE_SIMILARITY], ...many],
    son: [["kid", CLOSE_SIMILARITY], ["child", KIND_SIMILARITY], ["boi", KIND_SIMILARITY]],
  });
  const expanded = expandQuery(
    {
      terms: [stem("tell"), "child", "son"],
      priors: [0.25, 1, 1],
      frames: frameTerms("Tell me about my child and son"),
    },
    relatives,
  );
  assert.ok(!expanded.terms.includes("narrat"), "a frame word is not expanded");
  assert.equal(
    expanded.terms.filter((term) => term.startsWith("w")).length,
    EXPANSION_PER_TERM - 1,
  );
  assert.equal(expanded.terms.filter((term) => term === "kid" || term === "child").length, 2);
  assert.ok(expanded.terms.includes("boi"));
  assert.equal(expanded.terms.length, expanded.priors.length);
});

Deno.test("expansion: an irregular form weighs what its term does and is never cut by the cap", () => {
  assert.equal(EXPANSION_FORM, 1);
  const many = Array.from({ length: 30 }, (_, i) => [`w${i}`, KIND_SIMILARITY] as [string, number]);
  const relatives = relativesOf({ children: [...many, ["child", FORM_SIMILARITY]] });
  const expanded = expandQuery({ terms: ["children"], priors: [0.9] }, relatives);
  const at = expanded.terms.indexOf("child");
  assert.ok(at > 0, "kept past EXPANSION_PER_TERM relatives");
  // The query term's own prior (0.9), not the form's informativeness (0.8): the same word.
  assert.equal(expanded.priors[at], 0.9 * EXPANSION_FORM);
  assert.equal(expanded.terms.filter((term) => term.startsWith("w")).length, EXPANSION_PER_TERM);
});

Deno.test("expansion: past the cap and the last form, a term's relatives are not read", () => {
  const many = Array.from(
    { length: 1000 },
    (_, i) => [`w${i}`, KIND_SIMILARITY] as [string, number],
  );
  let read = 0;
  /** A relatives map that counts the entries read by iteration. */
  class Counted extends Map<string, number> {
    override *[Symbol.iterator](): MapIterator<[string, number]> {
      for (const entry of super.entries()) {
        read++;
        yield entry;
      }
    }
  }
  const related = new Counted([["child", FORM_SIMILARITY], ...many.slice(0, 30), [
    "kid",
    FORM_SIMILARITY,
  ], ...many.slice(30)]);
  const relatives = { related: () => related, stemInformativeness: () => 0.8 };
  for (let round = 0; round < 2; round++) {
    read = 0;
    const expanded = expandQuery({ terms: ["children"], priors: [0.9] }, relatives);
    assert.ok(expanded.terms.includes("kid"), "a form past the cap is still taken");
    assert.equal(expanded.terms.filter((term) => term.startsWith("w")).length, EXPANSION_PER_TERM);
    // The 32 entries up to the last form, and the one after it that ends the reading.
    assert.equal(read, 33, `round ${round}`);
  }
});

Deno.test("phrases: the latest RECENT_PHRASES texts' are remembered per word data, shared and frozen", async () => {
  assert.equal(RECENT_PHRASES, 8);
  const words = await WordVectors.shared();
  const text = "What is my favourite time of year?";
  const first = queryPhrases(text, words);
  assert.deepEqual(first.map((phrase) => phrase.terms), [["time", "year"]]);
  const again = queryPhrases(text, words);
  assert.notEqual(again, first, "a list of the caller's own");
  assert.equal(again[0], first[0], "the same phrase, remembered");
  assert.ok(Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.terms));
  for (let i = 0; i < RECENT_PHRASES; i++) queryPhrases(`another text ${i}`, words);
  const later = queryPhrases(text, words);
  assert.notEqual(later[0], first[0], "forgotten past RECENT_PHRASES newer texts");
  assert.deepEqual(later, first);
});

Deno.test("phrases: the longest known one at each place, none overlapping, in order", () => {
  const table: Record<string, string[]> = {
    "time year": ["season"],
    "year like": ["wrong"],
    "like best": ["prefer"],
    "best time year": ["never"],
  };
  const relatives = {
    ...relativesOf({}),
    phrase: (terms: readonly string[]) => table[terms.join(" ")],
    longestPhrase: 3,
  };
  assert.deepEqual(queryPhrases("Which time of year do I like best?", relatives), [
    { terms: ["time", "year"], words: ["season"] },
    { terms: ["like", "best"], words: ["prefer"] },
  ]);
  assert.deepEqual(queryPhrases("time", relatives), []);
  assert.deepEqual(queryPhrases("time of year", relativesOf({})), [], "no phrase table");
});

Deno.test("phrasal verbs: a verb and the stop-word particle right after it, any form of the verb", () => {
  const table: Record<string, string[]> = { "taken out": ["remove"], "give up": ["quit"] };
  const relatives = {
    ...relativesOf({}),
    phrase: (terms: readonly string[]) => table[terms.join(" ")],
    longestPhrase: 2,
  };
  assert.deepEqual(queryPhrases("What organ was taken out?", relatives), [
    { terms: [stem("taken"), "out"], words: ["remove"], phrasal: true },
  ]);
  assert.deepEqual(queryPhrases("Did I give up coffee?", relatives), [
    { terms: ["give", "up"], words: ["quit"], phrasal: true },
  ]);
  // Not with a word between, nor a content word after the verb.
  assert.deepEqual(queryPhrases("Did I give coffee up?", relatives), []);
  assert.deepEqual(queryPhrases("taken outside", relatives), []);
});

Deno.test("expansion: a phrase's synonyms weigh their own informativeness, raising a relative's", () => {
  assert.equal(EXPANSION_PHRASE, 1);
  // "season" is already a kind of "time" (at EXPANSION_KIND of time's low prior).
  const relatives = relativesOf({ time: [["season", KIND_SIMILARITY]] });
  const expanded = expandQuery({
    terms: ["time", "year"],
    priors: [0.3, 0.4],
    phrases: [{ terms: ["time", "year"], words: ["season", "spring"] }],
  }, relatives);
  assert.deepEqual(expanded.terms, ["time", "year", "season", stem("spring")]);
  assert.deepEqual(expanded.priors, [0.3, 0.4, 0.8 * EXPANSION_PHRASE, 0.8 * EXPANSION_PHRASE]);
});

Deno.test("a phrase aligns as one word: any synonym fully, others by the synonyms' mean", async () => {
  const words = await WordVectors.shared();
  const phrase = preparedPhrase({ terms: ["time", "year"], words: ["season"] }, words);
  const query = [{ word: "time year", weight: 1, prepared: phrase }];
  assert.equal(
    alignment(query, { content: "My favourite season is autumn", vectors: words }).score,
    1,
  );
  const near = alignment(query, { content: "I love the autumn colours", vectors: words }).score;
  const far = alignment(query, { content: "I repaired the kettle", vectors: words }).score;
  assert.ok(near < 1 && far < near, `${near} ${far}`);
});

Deno.test("question-frame words weigh QUESTION_FRAME_WEIGHT in a query, content words 1", () => {
  assert.equal(QUESTION_FRAME_WEIGHT, 0.25);
  const factor = (query: string, word: string) => queryTermFactor(stem(word), frameTerms(query));
  for (const word of ["tell", "know", "remember", "still", "ever", "anything", "remembering"]) {
    assert.ok(QUESTION_FRAME_WORDS.has(word), word);
    assert.equal(factor(`Do you ${word} my children?`, word), QUESTION_FRAME_WEIGHT, word);
  }
  for (const word of ["children", "parents", "coffee", "live", "job"]) {
    assert.equal(factor(`Do you remember my ${word}?`, word), 1, word);
  }
});

Deno.test("frame words are known by their surface form, not their stem", () => {
  const factor = (query: string, word: string) => queryTermFactor(stem(word), frameTerms(query));
  // The same stems as "presently", "currently", "kind" and "moment", and content words all.
  for (const word of ["presentation", "presents", "current", "kindness", "moments"]) {
    assert.equal(factor(`Tell me about my ${word}`, word), 1, word);
  }
  for (const word of ["presently", "currently", "kind", "moment"]) {
    assert.equal(factor(`What ${word} do I like?`, word), QUESTION_FRAME_WEIGHT, word);
  }
  // A content word of the same stem as a frame word in the query keeps its term's weight.
  assert.equal(factor("Presently, how did my presentation go?", "presentation"), 1);
});

Deno.test("voice: the persona's own I/my, a group's we/our, or neither", () => {
  assert.deepEqual([...SELF_WORDS].sort(), ["i", "mine", "my", "myself"]);
  assert.deepEqual([...GROUP_WORDS].sort(), ["our", "ours", "ourselves", "we"]);
  assert.equal(voiceOf("I live in Lyon"), "self");
  assert.equal(voiceOf("Which languages can I speak?"), "self");
  assert.equal(voiceOf("My sister Elena is a doctor"), "self");
  assert.equal(voiceOf("We talked about my holiday"), "self", "I/my outweighs we");
  assert.equal(voiceOf("We went to a football match"), "group");
  // A report of the group's conversation is a record that something was said, not a fact.
  assert.equal(voiceOf("We talked about football"), "other");
  assert.equal(voiceOf("We had a long talk about where to go on holiday"), "other");
  assert.equal(voiceOf("we were chatting about the neighbours"), "other");
  assert.equal(voiceOf("We discussed moving to Ghent"), "other");
  assert.equal(voiceOf("We spent the talk money on a trip"), "group", "no verb of talking");
  assert.equal(voiceOf("Yesterday we talked about football"), "other", "after a time");
  assert.equal(voiceOf("Late last night, we discussed money"), "other");
  assert.equal(voiceOf("My friends and the neighbours said we talked"), "self");
  assert.equal(voiceOf("Anna and Ben and Carl think we talked too long"), "group", "not opening");
  assert.ok(reportsTalk("We argued about money"));
  assert.ok(!reportsTalk("We talkative people"), "whole words");
  assert.equal(voiceOf("Our flat is cold"), "group");
  assert.equal(voiceOf("The user told me their brother is getting a puppy"), "other", "not me");
  assert.equal(voiceOf("Ivan mines old maps"), "other", "whole words only");
  assert.equal(voiceOf("MY CAR"), "self", "any case");
});

Deno.test("query voice: 'me' is the asker unless it is the listener of a request", () => {
  assert.equal(queryVoice("What gives me bad headaches?"), "self");
  assert.equal(queryVoice("Which nuts make me ill?"), "self");
  assert.equal(queryVoice("Who showed me how to bake?"), "self", "a verb inside the question");
  assert.equal(queryVoice("Tell me about the garden"), "other", "the listener of a request");
  assert.equal(queryVoice("Can you remind me about the garden?"), "other");
  assert.equal(queryVoice("Please show me the holiday plans"), "other");
  assert.equal(queryVoice("Tell me what gives me headaches"), "self", "any 'me' of the asker");
  assert.equal(queryVoice("Tell me about our garden"), "group", "the listener adds nothing");
  assert.equal(queryVoice("Where do I live?"), "self");
  assert.equal(queryVoice("What is the capital of Peru?"), "other");
  assert.equal(queryVoice("What did we talk about last week?"), "other", "a question on a talk");
  assert.equal(queryVoice("What have we discussed?"), "other");
  assert.equal(queryVoice("What have I said about my sister?"), "self", "the asker's own talk");
  assert.equal(queryVoice("What has my doctor said about my knee?"), "self");
  assert.equal(voiceOf("The user told me about headaches"), "other", "memories keep voiceOf");
});

Deno.test("a where question; memories that say where: a place word or a name after a preposition", () => {
  assert.ok(asksWhere("Where do we live?"));
  assert.ok(asksWhere("where's the hut we hire each July?"));
  assert.ok(!asksWhere("What is my job?"));
  assert.ok(!asksWhere("Somewhere warm sounds nice"), "a whole word only");
  const places = new Set(["village", "school", "garden", "farmhouse"]);
  const isPlace = (word: string) => places.has(word);
  assert.ok(namesPlace("I moved to Porto in September", isPlace), "a name after a preposition");
  assert.ok(namesPlace("We rent a cottage near the Alps", isPlace));
  assert.ok(namesPlace("We now live in the village", isPlace), "a place word");
  assert.ok(namesPlace("I teach at a small school", isPlace), "one modifier between");
  assert.ok(namesPlace("Grandma waters plants in our Garden", isPlace));
  assert.ok(!namesPlace("I play the cello on Thursday evenings", isPlace), "a day is no place");
  assert.ok(!namesPlace("My home insurance renewal is due in August", isPlace), "nor a month");
  assert.ok(!namesPlace("The shop is closed from Monday to Friday", isPlace));
  assert.ok(!namesPlace("We light candles at Christmas", isPlace), "nor a holiday");
  assert.ok(!namesPlace("Tomas is training for the Berlin marathon", isPlace), "not after for");
  assert.ok(!namesPlace("The school bus was late", isPlace), "a place word needs a preposition");
  assert.ok(!namesPlace("I went to", isPlace));
});

Deno.test("answer types: where or which place asks for a place, who or which person for a person", () => {
  const kinds = {
    isPlace: (word: string) => ["village", "city"].includes(word),
    isPerson: (word: string) => ["relative", "cousin", "neighbour", "user"].includes(word),
  };
  assert.equal(answerType("Where do we live?", kinds), "place");
  assert.equal(answerType("Who taught me to bake?", kinds), "person");
  assert.equal(answerType("Whose car do I borrow?", kinds), "person");
  assert.equal(answerType("Which relative grows grapes?", kinds), "person");
  assert.equal(
    answerType("Which elderly relative sells bread?", kinds),
    "person",
    "a word between",
  );
  assert.equal(answerType("Which very old and dear relative ...", kinds), undefined, "too far");
  assert.equal(answerType("What car do I drive?", kinds), undefined);
  assert.equal(answerType("Which city did I stay in?", kinds), "place", "which of a place word");
  assert.equal(answerType("What village is my home in?", kinds), "place");
  const surgery = { ...kinds, isPlace: (word: string) => word === "surgery" };
  assert.equal(answerType("What surgery did I have?", surgery), undefined, "a type's cue word");
  assert.equal(answerType("When did we marry?", kinds), "time");
  assert.equal(answerType("Which year did I graduate?", kinds), "time");
  assert.equal(answerType("Who did I meet last year?", kinds), "person", "who comes first");
  // A memory names a person by a person word or a name inside a sentence.
  const isPerson = kinds.isPerson;
  assert.ok(namesPerson("My cousin Ines is getting married", isPerson));
  assert.ok(namesPerson("I play tennis with Amira on Sundays", isPerson), "a name");
  assert.ok(!namesPerson("I grow tomatoes on the balcony", isPerson));
  assert.ok(!namesPerson("Tomatoes grow well. Basil too", isPerson), "a sentence's first word");
  assert.ok(!namesPerson("I moved to Porto and I love it", isPerson), "a place, and I");
  assert.ok(!namesPerson("We hiked in the Alps", isPerson));
  assert.ok(namesAnswer("I moved to Porto", "place", kinds));
  assert.ok(!namesAnswer("I moved to Porto", "person", kinds));
  assert.ok(namesAnswer("anything", undefined, kinds), "no answer type: every memory answers");
  assert.ok(namesAnswer("We married in June", "time", kinds));
  assert.ok(!namesAnswer("We married in a barn", "time", kinds));
});

Deno.test("a memory tells of a change by an adverb of a new state or a verb of ending or replacing", () => {
  assert.ok(tellsChange("I moved to Porto in September"));
  assert.ok(tellsChange("I now cycle to work"), "now");
  assert.ok(tellsChange("I don't eat meat any more"), "a phrase");
  assert.ok(tellsChange("I gave\tup coffee"), "any space between a phrase's words");
  assert.ok(tellsChange("I'm no longer on the council"));
  assert.ok(tellsChange("I SOLD the Volvo"), "any case");
  // Whole words only, and the weak markers chatter is full of are none.
  assert.ok(!tellsChange("I live in a small flat in Lyon"));
  assert.ok(!tellsChange("I know nowhere better"), "not inside a word");
  assert.ok(!tellsChange("Our friends are leftists"));
  assert.ok(!tellsChange("I finally started the new season of that show"), "weak markers");
  assert.ok(!tellsChange("I went to bed early"));
  for (const words of CHANGE_WORDS) assert.ok(tellsChange(`I ${words} it`), words);
});

Deno.test("a question about a family member no one else owns is in the group's voice", () => {
  assert.equal(queryVoice("Which relative grows grapes?"), "group");
  assert.equal(queryVoice("Who in the family is an aviator?"), "group");
  assert.equal(queryVoice("Which elderly relatives sell bread?"), "group", "a plural");
  assert.equal(queryVoice("Which relative of mine grows grapes? I forgot"), "self", "own voice");
  assert.equal(queryVoice("Hanna's parents live in Leuven"), "other", "a name owns them");
  assert.equal(queryVoice("How is aunt Greet's bakery doing?"), "other", "a title of a name");
  assert.equal(queryVoice("What did the relatives talk about?"), "other", "a conversation");
  assert.equal(queryVoice("Which neighbour grows grapes?"), "other", "no family word");
  assert.ok(asksKin("my SISTERS"));
  assert.ok(!asksKin("Relatively speaking"), "whole words");
});

Deno.test("a query's names are its capitalised words inside a sentence that name no place", () => {
  const isPlace = (word: string) => word === "portugal";
  assert.deepEqual(queryNames("What is Biscuit afraid of?", isPlace), ["biscuit"]);
  assert.deepEqual(queryNames("How are Oskar's and Greet's shops?", isPlace), ["oskar", "greet"]);
  assert.deepEqual(queryNames("Who lives in Portugal's capital?", isPlace), [], "a place");
  assert.deepEqual(queryNames("Where do I live?", isPlace), [], "not the first word, not I");
  assert.deepEqual(queryNames("Hello. Where is Tomas? Dogs?", isPlace), ["toma"], "per sentence");
  assert.deepEqual(queryNames("Is THE dog fed?", isPlace), [], "a stop word, all capitals");
  assert.deepEqual(queryNames("Did Walking help?", isPlace), ["walk"], "as the analyser's term");
});

Deno.test("a question asks how things are now by an adverb of the present or of persistence", () => {
  assert.ok(asksCurrent("Do I still work on farming robots?"));
  assert.ok(asksCurrent("Where do I work now?"));
  assert.ok(asksCurrent("Do I eat meat any   more?"), "any space between a phrase's words");
  assert.ok(asksCurrent("What do I drive these days?"));
  assert.ok(!asksCurrent("Where do I work?"));
  assert.ok(!asksCurrent("Is the lake stillwater?"), "not inside a word");
  assert.ok(!asksCurrent("What do I know about days?"));
  for (const words of CURRENT_WORDS) assert.ok(asksCurrent(`Do I ${words} cycle?`), words);
});

Deno.test("a question asks for an instance of the word right after what or which", () => {
  assert.deepEqual(askedClasses("What sport do I play?"), ["sport"]);
  assert.deepEqual(askedClasses("Which instruments, and what pets?"), ["instruments", "pets"]);
  assert.deepEqual(askedClasses("What do I do for work?"), ["do"], "a stop word: no query word");
  assert.deepEqual(askedClasses("Tell me about my pets"), []);
  assert.deepEqual(askedClasses("And which"), []);
});

Deno.test("words that ask about the present frame a question ('at the moment', 'nowadays')", async () => {
  for (const word of ["currently", "nowadays", "presently", "moment"]) {
    assert.equal(queryTermFactor(stem(word), frameTerms(word)), QUESTION_FRAME_WEIGHT, word);
  }
  // "moment" is a word no memory of a present fact holds: at full weight it outweighed
  // "learning" in the query's meaning, which now is the query's meaning alone.
  const words = await WordVectors.shared();
  const asked = await new LocalEmbedder().embedQuery("What am I learning at the moment?");
  assert.deepEqual(asked, words.sentence("learning"));
});

Deno.test("namesPlace: an initialism in capitals is looked up as itself, never as a plural ('NHS' is no 'NH')", async () => {
  const words = await WordVectors.shared();
  const isPlace = (word: string) => words.isPlace(word);
  assert.ok(!namesPlace("my sister is a nurse in the NHS", isPlace), "New Hampshire's 'NH' + 's'");
  assert.ok(!words.isPlace("NHS"));
  assert.ok(words.isPlace("nhs"), "a folded word still reads as a plural's singular");
  assert.ok(namesPlace("we live in the USA", isPlace), "an initialism that is a place");
  assert.ok(namesPlace("they moved back to the UK", isPlace));
  assert.ok(namesPlace("we camped in the fields", isPlace), "a plural place word as before");
});
