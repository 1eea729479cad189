/**
 * Relationship use cases: read a pair or a persona's list, record interactions, declare a
 * relationship, compatibility and statistics.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { InvalidInput } from "../errors.ts";
import { addCount, finiteIn, mean, storedCount } from "../numbers.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import {
  type Compatibility,
  compatibility,
  type CompatibilityScore,
  compatibilityScore,
} from "./compatibility.ts";
import { orderedPair, type RelationshipRepository } from "./repository.ts";
import {
  applyInteraction,
  relationshipStrength,
  round,
  suggestedType,
  valuesForDeclared,
} from "./rules.ts";
import {
  type Interaction,
  type InteractionRecord,
  type Relationship,
  RELATIONSHIP_LIMITS,
  type RelationshipType,
  type RelationshipValues,
} from "./schema.ts";

/** The outcome of one interaction. */
export interface InteractionOutcome {
  relationship: Relationship;
  changes: RelationshipValues;
}

/** Relationship statistics. */
export interface RelationshipStats {
  total_relationships: number;
  relationship_types: Record<string, number>;
  average_compatibility: number;
  average_strength: number;
  total_interactions: number;
  most_active_personas: Array<{ persona_id: string; name: string; interactions: number }>;
}

/** Minutes in 0..RELATIONSHIP_LIMITS.minutes, rounded (`round` of 1e308 would be Infinity). */
function boundedMinutes(minutes: number): number {
  return round(finiteIn(minutes, 0, RELATIONSHIP_LIMITS.minutes, 0));
}

/** What a bundle keeps of a relationship. */
export type RestoredRelationship = Pick<
  Relationship,
  | "affinity"
  | "trust"
  | "respect"
  | "intimacy"
  | "declared_type"
  | "interaction_count"
  | "total_interaction_minutes"
  | "first_meeting"
  | "last_interaction"
>;

/** A relationship set by hand (`relationship.update` with a type and a strength). */
export interface DeclaredRelationship {
  type: RelationshipType;
  /** 0..1. */
  strength: number;
}

/** What the relationship service is built from. */
export interface RelationshipDeps {
  repository: RelationshipRepository;
  personas: PersonaService;
  clock: Clock;
}

/** Relationship use cases. */
export class RelationshipService {
  readonly #repository: RelationshipRepository;
  readonly #personas: PersonaService;
  readonly #clock: Clock;

  /** Creates the service. */
  constructor(deps: RelationshipDeps) {
    this.#repository = deps.repository;
    this.#personas = deps.personas;
    this.#clock = deps.clock;
  }

  /** The relationship of two personas (either order), or undefined when they never met. */
  async get(a: string, b: string): Promise<Relationship | undefined> {
    await this.#pair(a, b);
    return await this.#repository.find(a, b);
  }

  /** Every relationship of `personaId`, strongest first. */
  async listFor(personaId: string): Promise<Relationship[]> {
    await this.#personas.get(personaId);
    return await this.#repository.listFor(personaId);
  }

  /** The latest interactions of a pair, newest first (20 unless `page.limit` says). */
  interactions(
    a: string,
    b: string,
    page: { limit?: number } = {},
  ): Promise<InteractionRecord[]> {
    return this.#repository.interactions(a, b, { limit: page.limit ?? 20 });
  }

  /**
   * Applies an interaction by the documented rules; creates the relationship on first meeting.
   * The read and the write are one transaction holding the pair's lock: two nodes recording
   * interactions of one pair at once both count.
   */
  recordInteraction(a: string, b: string, interaction: Interaction): Promise<InteractionOutcome> {
    return this.#repository.exclusively(a, b, () => this.#record(a, b, interaction));
  }

  async #record(a: string, b: string, interaction: Interaction): Promise<InteractionOutcome> {
    const [first, second] = await this.#pair(a, b);
    const now = isoTime(this.#clock.now());
    const before = await this.#repository.find(a, b) ?? this.#fresh(first.id, second.id);
    const values = applyInteraction(before, interaction);
    // Saturating: a count at the bound stays there (a count of 2^53 could not be read back).
    const count = addCount(before.interaction_count);
    const changes: RelationshipValues = {
      affinity: round(values.affinity - before.affinity),
      trust: round(values.trust - before.trust),
      respect: round(values.respect - before.respect),
      intimacy: round(values.intimacy - before.intimacy),
    };
    // Type and strength come from the values as stored (rounded): a restore derives them again
    // from those, and must find the same (an affinity of -0.19996 is stored as -0.2, a rival).
    const stored: RelationshipValues = {
      affinity: round(values.affinity),
      trust: round(values.trust),
      respect: round(values.respect),
      intimacy: round(values.intimacy),
    };
    const after: Relationship = {
      ...before,
      ...stored,
      interaction_count: count,
      total_interaction_minutes: boundedMinutes(
        before.total_interaction_minutes + interaction.duration_minutes,
      ),
      relationship_type: before.declared_type ?? suggestedType(stored, count),
      strength: relationshipStrength(stored),
      first_meeting: before.first_meeting ?? now,
      last_interaction: now,
    };
    after.compatibility_score = compatibilityScore(first, second, after).overall;
    await this.#repository.save(after);
    await this.#repository.logInteraction({
      persona1_id: after.persona1_id,
      persona2_id: after.persona2_id,
      ...interaction,
      changes,
      created_at: now,
    });
    return { relationship: after, changes };
  }

  /** Sets a relationship explicitly: its type, and values that give `strength`. */
  declare(a: string, b: string, declared: DeclaredRelationship): Promise<Relationship> {
    return this.#repository.exclusively(a, b, () => this.#declare(a, b, declared));
  }

  async #declare(a: string, b: string, declared: DeclaredRelationship): Promise<Relationship> {
    const { type, strength } = declared;
    const [first, second] = await this.#pair(a, b);
    const before = await this.#repository.find(a, b) ?? this.#fresh(first.id, second.id);
    const values = valuesForDeclared(type, strength);
    const after: Relationship = {
      ...before,
      ...values,
      relationship_type: type,
      declared_type: type,
      strength: relationshipStrength(values),
      first_meeting: before.first_meeting ?? isoTime(this.#clock.now()),
    };
    after.compatibility_score = compatibilityScore(first, second, after).overall;
    await this.#repository.save(after);
    return after;
  }

  /**
   * Restores a relationship as a persona bundle carries it (values, declared type, counts and
   * dates) between `a` and `b`; strength, type and compatibility are derived again.
   */
  async restore(a: string, b: string, saved: RestoredRelationship): Promise<Relationship> {
    const [first, second] = await this.#pair(a, b);
    const values = {
      affinity: saved.affinity,
      trust: saved.trust,
      respect: saved.respect,
      intimacy: saved.intimacy,
    };
    const after: Relationship = {
      ...this.#fresh(first.id, second.id),
      ...values,
      declared_type: saved.declared_type,
      relationship_type: saved.declared_type ?? suggestedType(values, saved.interaction_count),
      // The bundle's schema bounds them already; bounded here too for any other caller.
      interaction_count: storedCount(saved.interaction_count),
      total_interaction_minutes: boundedMinutes(saved.total_interaction_minutes),
      strength: relationshipStrength(values),
      first_meeting: saved.first_meeting,
      last_interaction: saved.last_interaction,
    };
    after.compatibility_score = compatibilityScore(first, second, after).overall;
    await this.#repository.save(after);
    return after;
  }

  /** Compatibility of two personas, with their history if they have one. */
  async compatibility(a: string, b: string): Promise<Compatibility> {
    const [first, second] = await this.#pair(a, b);
    return compatibility(first, second, await this.#repository.find(a, b));
  }

  /** {@linkcode compatibility}'s overall score and history, without its words. */
  async compatibilityScore(a: string, b: string): Promise<CompatibilityScore> {
    const [first, second] = await this.#pair(a, b);
    return compatibilityScore(first, second, await this.#repository.find(a, b));
  }

  /** Totals over every relationship. */
  async stats(): Promise<RelationshipStats> {
    const all = await this.#repository.all();
    const activity = new Map<string, number>();
    for (const r of all) {
      for (const id of [r.persona1_id, r.persona2_id]) {
        activity.set(id, (activity.get(id) ?? 0) + r.interaction_count);
      }
    }
    const names = new Map((await this.#personas.list()).map((p) => [p.id, p.name]));
    const mostActive = [...activity].map(([id, interactions]) => ({
      persona_id: id,
      name: names.get(id) ?? id,
      interactions,
    })).sort((x, y) => y.interactions - x.interactions || x.name.localeCompare(y.name)).slice(0, 5);
    return {
      total_relationships: all.length,
      relationship_types: await this.#repository.countByType(),
      average_compatibility: round(mean(all.map((r) => r.compatibility_score))),
      average_strength: round(mean(all.map((r) => r.strength))),
      total_interactions: all.reduce((sum, r) => sum + r.interaction_count, 0),
      most_active_personas: mostActive,
    };
  }

  async #pair(a: string, b: string): Promise<[Persona, Persona]> {
    if (a === b) {
      throw new InvalidInput("A persona has no relationship with itself", [
        { field: "persona2_id", message: "must differ from persona1_id" },
      ]);
    }
    const [first, second] = orderedPair(a, b);
    return [await this.#personas.get(first), await this.#personas.get(second)];
  }

  #fresh(persona1Id: string, persona2Id: string): Relationship {
    return {
      persona1_id: persona1Id,
      persona2_id: persona2Id,
      affinity: 0,
      trust: 0,
      respect: 0,
      intimacy: 0,
      relationship_type: "stranger",
      declared_type: null,
      interaction_count: 0,
      total_interaction_minutes: 0,
      strength: 0,
      compatibility_score: 0,
      first_meeting: null,
      last_interaction: null,
    };
  }
}
