/**
 * Relationship shapes. Ranges, used everywhere: `affinity`, `trust` and `respect` are -1..1
 * (negative is dislike, distrust, contempt; 0 is neutral), `intimacy` and `strength` are 0..1.
 *
 * @module
 */
import { z } from "zod";
import { COUNT_MAX } from "../numbers.ts";

/**
 * The most a relationship's totals hold: `interaction_count` and `total_interaction_minutes`
 * stop there (an interaction past it still moves the values), and a bundle that carries more is
 * refused. 10^9 interactions, or minutes (some 1,900 years), is far past any real pair, and far
 * inside what both stores read back exactly.
 */
export const RELATIONSHIP_LIMITS = { interactions: COUNT_MAX, minutes: COUNT_MAX } as const;

/** Relationship kinds. */
export const RELATIONSHIP_TYPES = [
  "stranger",
  "acquaintance",
  "friend",
  "close_friend",
  "rival",
  "enemy",
  "mentor",
  "student",
  "romantic",
  "family",
] as const;
/** One relationship kind. */
export type RelationshipType = typeof RELATIONSHIP_TYPES[number];

/** Kinds of interaction and how they move a relationship (see rules.ts). */
export const INTERACTION_CONTEXTS = [
  "casual",
  "conversation",
  "collaboration",
  "conflict",
  "deep_conversation",
  "professional",
] as const;
/** One kind of interaction. */
export type InteractionContext = typeof INTERACTION_CONTEXTS[number];

/** An interaction between two personas. */
export const Interaction = z.object({
  /** -1 (awful) .. 1 (wonderful). */
  quality: z.number().min(-1).max(1),
  duration_minutes: z.number().min(0).max(24 * 60),
  context: z.enum(INTERACTION_CONTEXTS),
});
/** An interaction between two personas. */
export type Interaction = z.infer<typeof Interaction>;

/** The values an interaction moves. */
export interface RelationshipValues {
  affinity: number;
  trust: number;
  respect: number;
  intimacy: number;
}

/** One relationship, per unordered pair (`persona1_id` < `persona2_id`). */
export interface Relationship extends RelationshipValues {
  persona1_id: string;
  persona2_id: string;
  relationship_type: RelationshipType;
  /** A type set explicitly (mentor, family...); it wins over the type the values suggest. */
  declared_type: RelationshipType | null;
  interaction_count: number;
  total_interaction_minutes: number;
  strength: number;
  compatibility_score: number;
  first_meeting: string | null;
  last_interaction: string | null;
}

/** One recorded interaction. */
export interface InteractionRecord extends Interaction {
  id: number;
  persona1_id: string;
  persona2_id: string;
  /** How each value moved. */
  changes: RelationshipValues;
  created_at: string;
}
