/**
 * The room: the scenario's personas made real in the data directory, and the samples of their
 * relationships and energy taken every tick for the report's charts.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { EmotionService, EmotionStatus } from "../emotions/mod.ts";
import { namedRow, type Persona, type PersonaService, SEED_PERSONAS } from "../personas/mod.ts";
import type { RelationshipService } from "../relationships/mod.ts";
import type { EnergyPoint, RelationshipPoint, SimulationReport } from "./report.ts";
import { type Scenario, ScenarioError } from "./scenario.ts";

/**
 * The personas of the scenario, in its order. A name is an existing persona of the data
 * directory, else a built-in one (created); a definition is created unless its name exists.
 * Names match as persona names do (`PersonaService.findByName`): in any case, and by the same
 * name or a look-alike ("Ｋｉｒａ", "Kіra" with a Cyrillic "і" are Kira).
 */
export async function resolvePersonas(
  entries: Scenario["personas"],
  personas: PersonaService,
): Promise<Persona[]> {
  const roster: Persona[] = [];
  for (const entry of entries) roster.push(await resolveOne(entry, personas));
  return roster;
}

async function resolveOne(
  entry: Scenario["personas"][number],
  personas: PersonaService,
): Promise<Persona> {
  const name = typeof entry === "string" ? entry : entry.name;
  const existing = await personas.findByName(name);
  if (existing) return existing;
  if (typeof entry !== "string") return await personas.create(entry);
  const builtIn = namedRow(SEED_PERSONAS, name.trim().normalize("NFC"));
  if (!builtIn) {
    const known = SEED_PERSONAS.map((p) => p.name).join(", ");
    throw new ScenarioError(
      `Unknown persona "${name}": not in the data directory and not a built-in one (${known}); define it with an object`,
    );
  }
  return await personas.create(builtIn);
}

const r3 = (value: number) => Math.round(value * 1000) / 1000;

/** Samples every pair's relationship and every persona's state at each tick. */
export class Sampler {
  readonly #roster: readonly Persona[];
  readonly #emotions: EmotionService;
  readonly #relationships: RelationshipService;
  readonly #clock: Clock;
  readonly #start: number;
  readonly #pairs: SimulationReport["relationships"];
  readonly #energy: SimulationReport["energy"];
  readonly #lastOnly: boolean;

  /**
   * Starts empty; `start` is the simulated time of tick 0. With `lastOnly`, each series keeps
   * only its latest point (what the summary reads) instead of one per tick: a run's memory then
   * stays O(pairs), not O(pairs × ticks) (64 personas × 10,000 ticks = 20 million points).
   */
  constructor(
    roster: readonly Persona[],
    deps: { emotions: EmotionService; relationships: RelationshipService; clock: Clock },
    options: { lastOnly?: boolean } = {},
  ) {
    this.#lastOnly = options.lastOnly ?? false;
    this.#roster = roster;
    this.#emotions = deps.emotions;
    this.#relationships = deps.relationships;
    this.#clock = deps.clock;
    this.#start = deps.clock.now();
    this.#pairs = roster.flatMap((a, i) =>
      roster.slice(i + 1).map((b) => ({
        pair: `${a.name} & ${b.name}`,
        persona_ids: [a.id, b.id] as [string, string],
        points: [] as RelationshipPoint[],
      }))
    );
    this.#energy = roster.map((p) => ({ persona_id: p.id, name: p.name, points: [] }));
  }

  /** Simulated minutes since tick 0. */
  minutes(): number {
    return (this.#clock.now() - this.#start) / 60_000;
  }

  /**
   * Records the state of the room at `tick`. Relationships change only through interactions,
   * so when `known.talked` (the ids of everyone who took part in a turn since the last sample)
   * is given, only pairs within it are read again; the others keep their last values. A
   * `known.room` (every roster member's state, in roster order, read at this tick with nothing
   * written since) is used as it is instead of being read again.
   */
  async sample(
    tick: number,
    known: { talked?: ReadonlySet<string>; room?: readonly EmotionStatus[] | null } = {},
  ): Promise<void> {
    const { talked } = known;
    const minute = Math.round(this.minutes() * 100) / 100;
    for (const series of this.#pairs) {
      const last = series.points.at(-1);
      const [a, b] = series.persona_ids;
      if (last && talked && !(talked.has(a) && talked.has(b))) {
        this.#keep(series.points, { ...last, tick, minute });
        continue;
      }
      const r = await this.#relationships.get(a, b);
      this.#keep(series.points, {
        tick,
        minute,
        strength: r?.strength ?? 0,
        affinity: r?.affinity ?? 0,
        trust: r?.trust ?? 0,
        type: r?.relationship_type ?? "stranger",
        interactions: r?.interaction_count ?? 0,
      });
    }
    // Every persona's state in one read (the room is sampled every tick).
    const statuses = known.room ?? await this.#emotions.statuses(this.#roster);
    for (const [i, { state, unavailable }] of statuses.entries()) {
      const point: EnergyPoint = {
        tick,
        minute,
        social_energy: r3(state.social_energy),
        fatigue: r3(state.interaction_fatigue),
        mood: r3(state.mood),
        available: unavailable === null,
      };
      // One energy series per roster member, made in the constructor.
      this.#keep(this.#energy[i]!.points, point);
    }
  }

  /** Adds `point` to `points`, or replaces the one kept there when only the last is kept. */
  #keep<T>(points: T[], point: T): void {
    if (this.#lastOnly) points[0] = point;
    else points.push(point);
  }

  /** The relationship series, one per pair. */
  relationships(): SimulationReport["relationships"] {
    return this.#pairs;
  }

  /** The energy series, one per persona. */
  energy(): SimulationReport["energy"] {
    return this.#energy;
  }
}
