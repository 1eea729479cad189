/**
 * A kinship word's WordNet relations widened by `kin_terms.ts`: the words it matches in full
 * ("siblings": brothers and sisters) and, for a class word, its members as kinds. Each widened
 * map is made once per kinship stem (a closed class) and kept.
 *
 * @module
 */
import { KIN_MEMBER_SIMILARITY, KIN_OTHER_SIMILARITY, type KinTerm } from "./kin_terms.ts";
import { FORM_SIMILARITY } from "./word_relations.ts";

/**
 * `related` (a stem's WordNet relations) with the words a kinship word matches in full
 * (`kin_terms.ts`: "siblings" brothers and sisters) at a shared stem's cosine, and a class
 * word's near members ("kids": sons and daughters) at `KIN_MEMBER_SIMILARITY`.
 */
export function withKin(
  wordStem: string,
  related: ReadonlyMap<string, number> | undefined,
  kin: KinTerm | undefined,
): ReadonlyMap<string, number> | undefined {
  if (kin === undefined) return related;
  let map = kinRelated.get(wordStem);
  if (map === undefined) {
    map = new Map(related ?? []);
    for (const same of kin.same) if (same !== wordStem) map.set(same, 1);
    // A near member ("kids": "son") is less than the word itself, more than another relative.
    for (const near of kin.near) {
      if (near !== wordStem) map.set(near, Math.max(map.get(near) ?? 0, KIN_MEMBER_SIMILARITY));
    }
    kinRelated.set(wordStem, map);
  }
  return map;
}

/** {@linkcode withKin}'s maps by stem (one per kinship stem: a closed class). */
const kinRelated = new Map<string, Map<string, number>>();

/**
 * `related` (a kinship class word's relations, in sense order) with the class's members
 * (`kin_terms.ts`) right after its forms, as kinds: WordNet has "brother" and "sister" as a
 * "male sibling" and a "female sibling", no kinds of "sibling".
 */
export function withMembers(
  wordStem: string,
  related: ReadonlyMap<string, number> | undefined,
  members: ReadonlySet<string>,
): ReadonlyMap<string, number> {
  let map = kinExpanded.get(wordStem);
  if (map === undefined) {
    const entries = [...related ?? []];
    const forms = entries.filter(([, similarity]) => similarity >= FORM_SIMILARITY);
    const added = [...members].filter((member) =>
      member !== wordStem && !forms.some(([form]) => form === member)
    );
    map = new Map([
      ...forms,
      ...added.map((member): [string, number] => [member, KIN_OTHER_SIMILARITY]),
      ...entries.filter(([other, similarity]) =>
        similarity < FORM_SIMILARITY && !added.includes(other)
      ),
    ]);
    kinExpanded.set(wordStem, map);
  }
  return map;
}

/** {@linkcode withMembers}'s maps by stem (one per kinship class word). */
const kinExpanded = new Map<string, Map<string, number>>();
