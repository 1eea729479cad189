/**
 * Inflected forms and their base forms, for the relations generator (`gen_word_relations.ts`):
 * irregular ones from WordNet's exception lists (`wn-*-exceptions.js` of
 * {@linkcode WORDNET_EXCEPTIONS}, WordNet's `*.exc` files), and regular ones whose stems differ,
 * by {@linkcode DETACHMENTS}: Porter stemming leaves both apart.
 *
 * @module
 */
import { porterStem } from "../porter.ts";
import { WORDNET_EXCEPTIONS } from "./npm_files.ts";

/**
 * Endings of regular inflections and what replaces them in the base form, by part of speech:
 * WordNet's morphy rules, plus "-ying" for verbs ending in "-ie" ("tying", "lying").
 */
export const DETACHMENTS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  noun: [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], [
    "men",
    "man",
  ], ["ies", "y"]],
  verb: [["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], [
    "ing",
    "",
  ], ["ying", "ie"]],
  adj: [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]],
};

/**
 * The base forms of each inflected form: WordNet's irregular ones (every part of speech), then
 * the regular ones of `words` (the vocabulary) whose base is a lemma of `senses` (WordNet's
 * lemmas and their senses' keys).
 */
export async function inflectionBases(
  words: readonly string[],
  senses: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, Set<string>>> {
  const basesOf = await irregularBases();
  addRegularBases(basesOf, { words, senses });
  return basesOf;
}

/** Base forms of each irregular inflection (WordNet's exception lists, every part of speech). */
async function irregularBases(): Promise<Map<string, Set<string>>> {
  const basesOf = new Map<string, Set<string>>();
  for (const part of ["noun", "verb", "adjective"]) {
    // A variable specifier keeps the package out of the type-checked module graph.
    const specifier = `npm:${WORDNET_EXCEPTIONS}/src/wn-${part}-exceptions.js`;
    const module = await import(specifier) as { default: Record<string, string> };
    for (const [form, base] of Object.entries(module.default)) {
      if (!/^[a-z]+$/.test(form) || !/^[a-z]+$/.test(base) || form === base) continue;
      const bases = basesOf.get(form) ?? new Set();
      bases.add(base);
      basesOf.set(form, bases);
    }
  }
  return basesOf;
}

/**
 * Regular inflections Porter leaves apart too ("died" is `di`, "die" `die`; "flies" `fli`, "fly"
 * `fly`; "goes" `goe`, "go" `go`; "older" `older`, "old" `old`): WordNet's own detachment rules
 * (morphy's, plus "-ying" of "-ie" verbs: "tying"), kept when the base is a lemma of that part of
 * speech, the form is no lemma of its own (a word of its own often means something else:
 * "number" is no form of "numb") and the two stems differ, unless another base of that part of
 * speech has the form's stem: that is the one it inflects ("hoped" of "hope", not of "hop",
 * whose past is "hopped"; "stared" of "stare", not "star"). They join the exception lists' forms.
 */
function addRegularBases(
  basesOf: Map<string, Set<string>>,
  { words, senses }: {
    words: readonly string[];
    senses: ReadonlyMap<string, readonly string[]>;
  },
): void {
  const lemmaParts = new Map<string, Set<string>>();
  for (const [lemma, keys] of senses) {
    lemmaParts.set(lemma, new Set(keys.map((key) => key.slice(0, key.indexOf(":")))));
  }
  for (const form of words) {
    if (senses.has(form) || basesOf.has(form)) continue;
    const formStem = porterStem(form);
    for (const [part, rules] of Object.entries(DETACHMENTS)) {
      const found: string[] = [];
      let stemmed = false;
      for (const [ending, replacement] of rules) {
        if (!form.endsWith(ending) || form.length <= ending.length + 1) continue;
        const base = form.slice(0, -ending.length) + replacement;
        if (!lemmaParts.get(base)?.has(part)) continue;
        if (porterStem(base) === formStem) stemmed = true;
        else found.push(base);
      }
      // A base Porter already joins to the form is the one it inflects: "hoped" is "hope"'s,
      // not "hop"'s ("hopped"), "stared" "stare"'s, not "star"'s.
      if (stemmed || found.length === 0) continue;
      const bases = basesOf.get(form) ?? new Set();
      for (const base of found) bases.add(base);
      basesOf.set(form, bases);
    }
  }
}
