/**
 * The mind at work: it listens to what memory stores and queues the background jobs that the
 * settings turn on — fact extraction after each exchange (a chat at once; the lines of a
 * dialogue or a room round gathered for MEMORY_EXTRACTION_DELAY_S), reflection when a persona's
 * new memories pass the threshold. Nothing here runs on the reply path: a store only notes the
 * event; the mind reacts later — in the server, once no chat has been preparing a prompt or a
 * reply for a moment (`core/jobs/quiet_work.ts`), typically while the models answer — to the
 * events noted meanwhile, up to {@linkcode MAX_REACTION_EVENTS} in one transaction (under 32
 * busy chats, one commit for many), the rest in the next piece of that queue. The
 * job runner's reads wait for that reaction, so what a client reads next includes its jobs.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { AfterCommit, JobRunner } from "../jobs/mod.ts";
import type { StoredEvent } from "../memory/mod.ts";
import { isForeignKeyViolation } from "../storage/mod.ts";
import type { MindDeps, MindSettings } from "./context.ts";
import { EXTRACT, extractionJob } from "./extraction.ts";
import {
  amountsByPersona,
  crossedAt,
  type ExtractionGroup,
  extractionGroups,
  fillingMerge,
  fitting,
} from "./reaction.ts";
import { REFLECT, reflectionJob } from "./reflection.ts";
import type { ReflectionCounters } from "./reflection_repository.ts";

/** The mind settings in `config`. */
export function mindSettings(config: Config): MindSettings {
  return {
    extraction: config.MEMORY_EXTRACTION,
    // Whole ms: a job's run_after is a BIGINT column on PostgreSQL.
    extractionDelayMs: Math.round(config.MEMORY_EXTRACTION_DELAY_S * 1000),
    supersession: config.MEMORY_SUPERSESSION,
    reflection: config.MEMORY_REFLECTION,
    reflectionThreshold: config.MEMORY_REFLECTION_THRESHOLD,
    blockUpdates: config.MEMORY_BLOCK_UPDATES,
    model: config.MIND_MODEL,
    defaultModel: config.DEFAULT_MODEL,
  };
}

/**
 * How long a reflection waits once its threshold is crossed: twice the gathering delay of group
 * lines and a little more, so the facts of what crossed it are extracted first.
 */
export function reflectionDelay(settings: MindSettings): number {
  return settings.extraction ? 2 * settings.extractionDelayMs + 100 : 0;
}

/** What the mind is built from. */
export interface MindParts extends MindDeps {
  jobs: JobRunner;
  counters: ReflectionCounters;
  /** Runs `work` in one database transaction (each write its own commit when not given). */
  atomically?: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Runs the reaction to stores later, off the reply path (the server's quiet-time queue,
   * `core/jobs/quiet_work.ts`); on the next turn of the event loop when not given. `since`
   * (`performance.now()`) is when the oldest store it reacts to was noted.
   */
  later?: (work: () => Promise<void>, since: number) => Promise<void>;
}

/**
 * Stored events one reaction takes at most (one transaction): a burst's reaction is several
 * pieces of follow-up work, each a short run of the event loop, so that a model's answer that
 * arrives meanwhile waits for one piece, not the whole burst's (32 chats' jobs: ~2-3 ms).
 */
export const MAX_REACTION_EVENTS = 8;

/** Personas whose waiting reflection is remembered, at most (then forgotten at once). */
export const MAX_REFLECTING = 10_000;

/** Queues the mind's jobs as memories are stored. */
export class Mind {
  readonly #parts: MindParts;
  /** Stores noted since the mind last reacted, with when (`performance.now()`). */
  #noted: Array<{ event: StoredEvent; at: number }> = [];
  /**
   * Per persona, the reflection generation whose job was seen waiting or running, and when.
   * Until it runs, every store adds to a counter already past the threshold: queuing the same
   * key again would only meet the row (two queries per store, for nothing).
   */
  readonly #reflecting = new Map<string, { generation: number; seenAt: number }>();

  /** Registers the job handlers on `parts.jobs`. */
  constructor(parts: MindParts) {
    this.#parts = parts;
    parts.jobs.register(extractionJob(parts));
    parts.jobs.register(reflectionJob(parts));
  }

  /** Which steps are on, and the model they use ("" for each persona's own). */
  get status() {
    const { settings } = this.#parts;
    return {
      extraction: settings.extraction,
      supersession: settings.extraction && settings.supersession,
      reflection: settings.reflection,
      block_updates: settings.extraction && settings.blockUpdates,
      model: settings.model,
    };
  }

  /**
   * Notes stored memories; soon after (off the reply path) the mind counts them for reflection
   * and queues their extraction.
   */
  stored(event: StoredEvent): void {
    if (event.origin === "mind" || event.records.length === 0) return;
    const { settings } = this.#parts;
    if (!settings.reflection && !(settings.extraction && event.origin !== "client")) return;
    this.#noted.push({ event, at: performance.now() });
    if (this.#noted.length > 1) return;
    this.#schedule();
  }

  /** Queues a reaction to the events noted (a piece of the server's follow-up work). */
  #schedule(): void {
    const later = this.#parts.later ??
      ((work) => new Promise((resolve) => setTimeout(resolve, 0)).then(work));
    this.#parts.jobs.track(later(() => this.#react(), this.#noted[0]!.at));
  }

  /**
   * Reacts to the first {@linkcode MAX_REACTION_EVENTS} events noted, in order, in one
   * transaction when it can; the rest are a piece of their own, queued behind this one.
   */
  async #react(): Promise<void> {
    const events = this.#noted.splice(0, MAX_REACTION_EVENTS).map((noted) => noted.event);
    // The rest are the next piece, queued now: stores noted meanwhile join it (one is queued
    // whenever events wait), and the quiet-time queue runs it after this one, once the chats
    // that were answered meanwhile have been kept and replied to.
    if (this.#noted.length > 0) this.#schedule();
    await this.#reactAll(events);
  }

  async #reactAll(events: StoredEvent[]): Promise<void> {
    const { atomically, log } = this.#parts;
    try {
      if (!atomically) throw new Error("no transactions");
      // The runner's counts and warnings change once the transaction has committed: a rollback
      // (replayed one by one below) must not count its jobs twice.
      const effects: (() => void)[] = [];
      await atomically(() => this.#reactTo(events, (effect) => effects.push(effect)));
      for (const effect of effects) effect();
      return;
    } catch {
      // Without transactions, or one event failed (its persona deleted meanwhile): one by one.
    }
    for (const event of events) {
      try {
        await this.#reactTo([event]);
      } catch (error) {
        // Its persona deleted since the store (a chat and then persona.delete): expected, and
        // nothing is left to do. Other failures keep their warning and stack.
        if (isForeignKeyViolation(error)) {
          log.debug("A stored memory's persona is gone: no jobs for it", {
            persona: event.persona.id,
          });
        } else {
          log.warn("A listener of stored memories failed", { persona: event.persona.id, error });
        }
      }
    }
  }

  /**
   * Queues the jobs of `events` and counts them, coalesced (`reaction.ts`): one enqueue per
   * extraction batch and one counter update per persona, with the jobs and counts that reacting
   * to each event in turn would leave.
   */
  async #reactTo(events: readonly StoredEvent[], after?: AfterCommit): Promise<void> {
    const { settings } = this.#parts;
    if (settings.extraction) {
      for (const group of extractionGroups(events)) await this.#extract(group, after);
    }
    if (settings.reflection) {
      for (const [personaId, amounts] of amountsByPersona(events)) {
        await this.#count(personaId, amounts, after);
      }
    }
  }

  /**
   * Queues the extraction of a batch's events: they join its queued job while it has room, the
   * rest start jobs of their own (keyed by their first memory), as one enqueue per event would.
   * A chat's job runs at once when a worker is free; while it waits (chats that never pause, a
   * slow model), a sender's chats with the persona gather into one job of up to MAX_SOURCES
   * memories, so a backlog is ~10× fewer rows before JOBS_QUEUE_CAP drops any (attack32 M2).
   * One sender per job: extraction is offered that sender's block only. Group lines (a
   * dialogue, a room) gather per persona and thread for MEMORY_EXTRACTION_DELAY_S.
   */
  async #extract(group: ExtractionGroup, after?: AfterCommit): Promise<void> {
    const { jobs, settings } = this.#parts;
    let rest = group.sources;
    // Each round places at least one event: a job holds at least one, however large.
    while (rest.length > 0) {
      const chunk = fitting([], rest);
      let joined = 0;
      const { created } = await jobs.enqueue({
        kind: EXTRACT,
        personaId: group.personaId,
        key: `${EXTRACT}:${rest[0]![0]}`,
        payload: { source_ids: chunk.ids, sender: group.sender },
        delayMs: group.delayed ? settings.extractionDelayMs : undefined,
        batch: { key: group.batchKey, merge: fillingMerge(rest, (count) => joined = count) },
      }, after);
      rest = rest.slice(created ? chunk.count : Math.max(joined, 1));
    }
  }

  /** Counts a persona's events (their summed importance each) toward its next reflection. */
  async #count(personaId: string, amounts: number[], after?: AfterCommit): Promise<void> {
    const { counters, jobs, settings } = this.#parts;
    const total = amounts.reduce((sum, amount) => sum + amount, 0);
    const counter = await counters.add(personaId, total);
    if (counter.importance < settings.reflectionThreshold) return;
    // The job is for the importance that crossed the threshold, not what followed in the piece.
    const importance = crossedAt(counter.importance, amounts, settings.reflectionThreshold);
    const generation = counter.reflections + 1;
    // One job per generation: crossing the threshold again while it waits adds nothing. A job
    // seen unfinished keeps its row until it has finished and the retention has passed since.
    const seen = this.#reflecting.get(personaId);
    const now = this.#parts.clock.now();
    if (seen?.generation === generation && now - seen.seenAt < jobs.retentionMs) return;
    // It starts after the extraction of the lines that crossed it, so their facts are in.
    const { job } = await jobs.enqueue({
      kind: REFLECT,
      personaId,
      key: `${REFLECT}:${personaId}:${generation}`,
      payload: { amount: importance, generation },
      delayMs: reflectionDelay(settings),
    }, after);
    // Remembered once committed: a rolled-back job must be queued again by the replay.
    const remember = () => {
      if (job.state === "queued" || job.state === "running") {
        // Bounded: forgetting only costs one redundant enqueue (deleted personas leave entries).
        if (this.#reflecting.size >= MAX_REFLECTING) this.#reflecting.clear();
        this.#reflecting.set(personaId, { generation, seenAt: now });
      } else {
        this.#reflecting.delete(personaId);
      }
    };
    if (after) after(remember);
    else remember();
  }
}
