/**
 * The social part of a prompt: how the persona feels now, and what it thinks of the one it
 * talks to (when that is another persona, matched by name).
 *
 * @module
 */
import type { EmotionalStateView, EmotionService } from "../emotions/mod.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { Relationship, RelationshipService } from "../relationships/mod.ts";
import type { PromptContributor } from "./engine.ts";
import type { PromptSection } from "./prompt.ts";

/** A scale's words, highest floor first: a value gets the first word whose floor it reaches. */
type Scale = readonly (readonly [floor: number, word: string])[];

// Module constants, read by index: a prompt is built per chat, and literal tables with
// destructured entries allocated arrays and iterators on every call.
const MOOD: Scale = [[0.5, "cheerful"], [0.15, "good"], [-0.15, "neutral"], [-0.5, "low"], [
  -1,
  "miserable",
]];
const SOCIAL_ENERGY: Scale = [[0.7, "fresh"], [0.4, "getting tired of company"], [
  0,
  "drained; you want to wrap up soon",
]];
const STRESS: Scale = [[0.6, "high"], [0.3, "some"], [0, "relaxed"]];
const AFFINITY: Scale = [
  [0.5, "you like them a lot"],
  [0.15, "you like them"],
  [-0.15, "you feel neutral about them"],
  [-0.5, "you dislike them"],
  [-1, "you can't stand them"],
];
const TRUST: Scale = [[0.4, "trust them"], [-0.2, "are unsure whether to trust them"], [
  -1,
  "distrust them",
]];

function scale(value: number, words: Scale): string {
  for (let i = 0; i < words.length; i++) {
    if (value >= words[i]![0]) return words[i]![1];
  }
  return words[words.length - 1]![1];
}

/** The persona's current feelings in a few words. */
export function describeFeelings(emotions: EmotionalStateView): string[] {
  return [
    `Mood: ${scale(emotions.mood, MOOD)} (${emotions.mood.toFixed(2)} on -1..1)`,
    `Social energy: ${scale(emotions.social_battery, SOCIAL_ENERGY)}`,
    `Stress: ${scale(emotions.stress_level, STRESS)}`,
  ];
}

/** What `persona` thinks of `other`, in words. */
export function describeRelationship(
  other: Persona,
  relationship: Relationship | undefined,
): string {
  if (
    !relationship || relationship.interaction_count + (relationship.declared_type ? 1 : 0) === 0
  ) {
    return `${other.name}: you have not met before.`;
  }
  const feeling = scale(relationship.affinity, AFFINITY);
  const trust = scale(relationship.trust, TRUST);
  return `${other.name}: ${
    relationship.relationship_type.replace("_", " ")
  }; ${feeling} and ${trust} ` +
    `(affinity ${relationship.affinity.toFixed(2)}, trust ${relationship.trust.toFixed(2)}, ` +
    `${relationship.interaction_count} conversations so far).`;
}

/** Who is talking: `persona`, feeling `emotions`, with `others`. */
export interface SocialScene {
  persona: Persona;
  emotions: EmotionalStateView;
  others: Persona[];
}

/** Prompt sections for `scene.persona` talking with `scene.others`. */
export async function socialSections(
  deps: { relationships: Pick<RelationshipService, "get"> },
  { persona, emotions, others }: SocialScene,
): Promise<PromptSection[]> {
  const sections: PromptSection[] = [
    { title: "How you feel right now", lines: describeFeelings(emotions) },
  ];
  if (others.length) {
    const lines = [];
    for (const other of others) {
      lines.push(describeRelationship(other, await deps.relationships.get(persona.id, other.id)));
    }
    sections.push({ title: "Who you are talking with", lines });
  }
  return sections;
}

/** For user chats: the persona's feelings, and its relationship when the sender is a persona. */
export function socialContributor(
  deps: {
    emotions: EmotionService;
    relationships: RelationshipService;
    personas: PersonaService;
  },
): PromptContributor {
  return {
    async sections({ persona, sender }) {
      const other = await deps.personas.matchSender(sender, persona.id);
      const emotions = await deps.emotions.view(persona);
      const others = other ? [other] : [];
      return await socialSections(deps, { persona, emotions, others });
    },
  };
}
