/**
 * Who starts talking with whom, and about what. All choices are seeded, so a run is repeatable.
 *
 *   initiator  weight (0.2 + E) · social energy / 100     outgoing, rested personas start talks
 *   partner    weight (0.1 + mean compatibility with those already in the group)²
 *              (compatibility includes history, so friends seek each other out)
 *   size       uniform in [group_size.min, min(group_size.max, idle available personas)]
 *   topic      weight 0.1 + the group's mean interest / 100 (topic_preferences, 50 unrated)
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";
import type { SeededRandom } from "./random.ts";

/** A persona free to join a conversation now. */
export interface Candidate {
  persona: Persona;
  /** Social energy 0..100. */
  socialEnergy: number;
}

/** How well two personas get on, 0..1. */
export type Affinity = (a: Persona, b: Persona) => number;

/** Chooses a group of `size` among `candidates` (at least `size` of them). */
export function chooseGroup(
  random: SeededRandom,
  candidates: readonly Candidate[],
  options: { size: number; affinity: Affinity },
): Persona[] {
  if (candidates.length < options.size || options.size < 2) {
    throw new RangeError(`Cannot form a group of ${options.size} from ${candidates.length}`);
  }
  const initiator = random.weighted(
    candidates,
    (c) => (0.2 + c.persona.personality_traits.extraversion) * c.socialEnergy / 100,
  );
  const group = [initiator.persona];
  let rest = candidates.filter((c) => c !== initiator);
  while (group.length < options.size) {
    const partner = random.weighted(rest, (c) => {
      const mean = group.reduce((sum, member) => sum + options.affinity(member, c.persona), 0) /
        group.length;
      return (0.1 + mean) ** 2;
    });
    group.push(partner.persona);
    rest = rest.filter((c) => c !== partner);
  }
  return group;
}

/** The group's mean interest in `topic`, 0..100. */
export function groupInterest(group: readonly Persona[], topic: string): number {
  return group.reduce((sum, p) => sum + (p.topic_preferences[topic] ?? 50), 0) / group.length;
}

/** Chooses a topic for `group`, weighted by their interest. */
export function chooseTopic(
  random: SeededRandom,
  topics: readonly string[],
  group: readonly Persona[],
): string {
  return random.weighted(topics, (topic) => 0.1 + groupInterest(group, topic) / 100);
}

/** The size of the next group: uniform in [min, min(max, available)], or 0 when too few. */
export function groupSize(
  random: SeededRandom,
  bounds: { min: number; max: number },
  available: number,
): number {
  const max = Math.min(bounds.max, available);
  return max < bounds.min ? 0 : random.int(bounds.min, max);
}
