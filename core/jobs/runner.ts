/**
 * The background job runner: persisted jobs (`repository.ts`) run by a few worker loops in this
 * process, off the request path. A job is claimed with a lease, run by the handler of its kind,
 * and ends `done`, `skipped` (nothing to do, with the reason) or, after its attempts with a
 * doubling backoff, `failed` with the reason. What a job needs but cannot reach (the model
 * server) makes it wait instead: it goes back to the queue without using an attempt, with the
 * reason shown, and the runner pauses (doubling, up to a minute) before it tries again.
 *
 * Jobs survive restarts: a job cut short by shutdown goes back to the queue as it was; a job whose
 * process died is claimed again once its lease lapses (renewed while it runs).
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import { doubling, PAUSE_BASE_MS, PAUSE_CAP_MS } from "./backoff.ts";
import type { JobHandler } from "./handler.ts";
import { LEASE_LOST, outcomeOf, SHUTDOWN } from "./outcome.ts";
import type { JobFilter, JobRepository, Requeue } from "./repository.ts";
import { emptyCounts, type Job, type JobCounts, type JobState, type JsonObject } from "./schema.ts";

export { type JobHandler, type JobRun, JobSkipped } from "./handler.ts";

/** Tunables (settings). */
export interface RunnerSettings {
  /** Attempts before a job fails. */
  maxAttempts: number;
  /** Wait before the first retry (ms); doubles per attempt, at most five minutes. */
  retryBaseMs: number;
  /** A running job's lease (ms), renewed every third of it while it runs. */
  leaseMs: number;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** Finished jobs older than this are deleted (ms). */
  retentionMs: number;
  /** Longest sleep between looks at the queue (other processes may add jobs). */
  pollMs: number;
}

/** What the runner is built from. */
export interface RunnerDeps {
  repository: JobRepository;
  clock: Clock;
  log: Logger;
  settings: RunnerSettings;
  /**
   * Why a failure means "wait, do not count it" (the model server is unreachable), or null for a
   * real failure. Waiting jobs keep their attempts.
   */
  waitReason?: (error: unknown) => string | null;
  /**
   * How long to hold off before claiming the next job (ms; 0: go now): background work waits
   * while chats are busy, so its share of the one JavaScript thread never slows a reply.
   */
  holdOff?: () => number;
  /**
   * Asks for the work {@linkcode JobRunner.track}ed so far to run now (the server's quiet-time
   * queue, `quiet_work.ts`, would otherwise wait for a quiet moment): a read of the queue waits
   * for that work, and must not wait for the chats to pause.
   */
  hurry?: () => void;
}

/** A job to add. */
export interface EnqueueRequest {
  kind: string;
  personaId: string | null;
  /** Idempotency key: when a job with this key exists, nothing new is made. */
  key: string;
  payload: JsonObject;
  /** Not before this many ms from now. */
  delayMs?: number;
  /**
   * Joins a still-queued job with the same batch key instead: `merge` makes its new payload
   * (null when the batch is full, then a new job starts), and its start moves to `delayMs` from
   * now, so a burst gathers into one job.
   */
  batch?: { key: string; merge(current: JsonObject, incoming: JsonObject): JsonObject | null };
}

/** What became of an enqueue. */
export interface Enqueued {
  job: Job;
  /** False when the key existed or the work joined a queued batch. */
  created: boolean;
}

/** The runner. */
export class JobRunner {
  readonly #deps: RunnerDeps;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #running = new Map<string, AbortController>();
  readonly #sleepers = new Set<() => void>();
  readonly #worker = `worker_${crypto.randomUUID()}`;
  #loops: Promise<void>[] = [];
  #started = false;
  #closed = false;
  #pausedUntil = 0;
  #pauses = 0;
  #lastPurge = 0;
  #counts: JobCounts = emptyCounts();
  #waiting: string | null = null;
  #lastRecount = Number.NEGATIVE_INFINITY;
  /** Work that is about to enqueue jobs (see {@linkcode track}). */
  readonly #arriving = new Set<Promise<void>>();

  /** A runner; nothing runs until {@linkcode start}. */
  constructor(deps: RunnerDeps) {
    this.#deps = deps;
  }

  /** This process's worker id (recorded on the jobs it holds). */
  get worker(): string {
    return this.#worker;
  }

  /** Adds the handler of a kind (before {@linkcode start}). */
  register<P>(handler: JobHandler<P>): void {
    if (this.#handlers.has(handler.kind)) throw new Error(`Job kind ${handler.kind} twice`);
    this.#handlers.set(handler.kind, handler as JobHandler);
  }

  /** How long a finished job's row is kept before it is purged (ms). */
  get retentionMs(): number {
    return this.#deps.settings.retentionMs;
  }

  /** The kinds this runner runs. */
  get kinds(): string[] {
    return [...this.#handlers.keys()];
  }

  /** Adds a job (or joins a queued batch); wakes a worker. */
  async enqueue(request: EnqueueRequest): Promise<Enqueued> {
    if (!this.#handlers.has(request.kind)) {
      throw new Error(`No handler for job kind ${request.kind}`);
    }
    const { repository, clock, settings } = this.#deps;
    const now = clock.now();
    const runAfter = now + (request.delayMs ?? 0);
    let result: Enqueued | undefined;
    if (request.batch) {
      const open = await repository.openBatch(request.batch.key);
      const merged = open && request.batch.merge(open.payload, request.payload);
      if (
        open && merged && await repository.extendBatch(open.id, { payload: merged, runAfter, now })
      ) {
        result = { job: { ...open, payload: merged, run_after: runAfter }, created: false };
      }
    }
    result ??= await repository.insert({
      id: `job_${crypto.randomUUID()}`,
      kind: request.kind,
      persona_id: request.personaId,
      key: request.key,
      batch_key: request.batch?.key ?? null,
      payload: request.payload,
      max_attempts: settings.maxAttempts,
      run_after: runAfter,
      created_at: now,
    });
    if (result.created) this.#shift(null, "queued");
    this.#wake();
    return result;
  }

  /**
   * Work that will enqueue jobs soon (the mind reacting to a store once the reply is sent):
   * reads of the queue, and closing, wait for it, so a client never reads a queue that misses
   * what its last call started. Its failure is the caller's to report.
   */
  track(work: Promise<void>): void {
    const arriving: Promise<void> = work.catch(() => {}).finally(() =>
      this.#arriving.delete(arriving)
    );
    this.#arriving.add(arriving);
  }

  /** Resolves once the work {@linkcode track}ed so far (and what it tracked) is done. */
  async #arrived(): Promise<void> {
    while (this.#arriving.size > 0) {
      this.#deps.hurry?.();
      await Promise.all(this.#arriving);
    }
  }

  /** Starts the worker loops. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    const { concurrency } = this.#deps.settings;
    this.#loops = Array.from({ length: concurrency }, () => this.#loop());
    void this.#recount();
  }

  /** Stops: running jobs are aborted and go back to the queue as they were. */
  async close(): Promise<void> {
    await this.#arrived();
    this.#closed = true;
    for (const controller of this.#running.values()) controller.abort(SHUTDOWN);
    this.#wake();
    await Promise.all(this.#loops);
  }

  /**
   * The last known counts per state, cheap to read: this process's own changes move them at
   * once; the database is counted again when a worker finds nothing to claim (at most once per
   * poll), which brings in other processes' changes and purges. No COUNT runs per enqueue or
   * per job: a backlog held off behind busy chats grows to thousands of rows.
   */
  counts(): JobCounts & { waiting: string | null } {
    return { ...this.#counts, waiting: this.#waiting };
  }

  /** Counts per state read from the database now (of one persona when given). */
  async figures(personaId?: string): Promise<JobCounts> {
    await this.#arrived();
    return await this.#deps.repository.counts(personaId);
  }

  /** Why queued jobs wait without using their attempts, or null. */
  async waitingReason(): Promise<string | null> {
    await this.#arrived();
    return await this.#deps.repository.waitingReason();
  }

  /** A page of jobs, newest first. */
  async list(filter: JobFilter, page: { limit: number; offset: number }) {
    await this.#arrived();
    return await this.#deps.repository.list(filter, page);
  }

  /** The job with `id`. */
  async get(id: string): Promise<Job | undefined> {
    await this.#arrived();
    return await this.#deps.repository.get(id);
  }

  /** Gives failed jobs (all, or those named) fresh attempts; returns how many. */
  async retryFailed(ids?: readonly string[]): Promise<number> {
    await this.#arrived();
    const count = await this.#deps.repository.retryFailed({ ids, now: this.#deps.clock.now() });
    this.#wake();
    await this.#recount();
    return count;
  }

  /** Moves one job from state `from` to `to` in the last known counts (null: none). */
  #shift(from: JobState | null, to: JobState | null): void {
    if (from) this.#counts[from] = Math.max(0, this.#counts[from] - 1);
    if (to) this.#counts[to]++;
    if (this.#counts.queued === 0) this.#waiting = null;
  }

  async #recount(): Promise<void> {
    this.#lastRecount = this.#deps.clock.now();
    try {
      this.#counts = await this.#deps.repository.counts();
      this.#waiting = this.#counts.queued > 0 ? await this.#deps.repository.waitingReason() : null;
    } catch (error) {
      if (!this.#closed) this.#deps.log.warn("Could not count jobs", { error });
    }
  }

  #wake(): void {
    for (const wake of this.#sleepers) wake();
    this.#sleepers.clear();
  }

  #sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#sleepers.add(done);
    });
  }

  async #loop(): Promise<void> {
    const { repository, clock, log, settings } = this.#deps;
    while (!this.#closed) {
      const now = clock.now();
      if (this.#pausedUntil > now) {
        await this.#sleep(this.#pausedUntil - now);
        continue;
      }
      const hold = this.#deps.holdOff?.() ?? 0;
      if (hold > 0) {
        await this.#sleep(Math.min(hold, settings.pollMs));
        continue;
      }
      let job: Job | undefined;
      try {
        job = await repository.claimNext({
          kinds: this.kinds,
          worker: this.#worker,
          now,
          leaseMs: settings.leaseMs,
        });
      } catch (error) {
        if (this.#closed) break;
        log.error("Could not claim a job", { error });
        await this.#sleep(settings.pollMs);
        continue;
      }
      if (job) {
        await this.#run(job);
        continue;
      }
      await this.#purge(now);
      if (now - this.#lastRecount >= settings.pollMs) await this.#recount();
      const due = await repository.nextDue(this.kinds).catch(() => undefined);
      await this.#sleep(due === undefined ? settings.pollMs : Math.min(due - now, settings.pollMs));
    }
  }

  async #purge(now: number): Promise<void> {
    if (now - this.#lastPurge < 3_600_000) return;
    this.#lastPurge = now;
    try {
      await this.#deps.repository.purgeFinished(now - this.#deps.settings.retentionMs);
      this.#lastRecount = Number.NEGATIVE_INFINITY;
    } catch (error) {
      this.#deps.log.warn("Could not delete old jobs", { error });
    }
  }

  async #run(job: Job): Promise<void> {
    const { repository, clock, settings } = this.#deps;
    const controller = new AbortController();
    this.#running.set(job.id, controller);
    // Claimed: queued before, unless its last worker died holding it (the recount tells).
    this.#shift("queued", "running");
    const renewal = setInterval(async () => {
      const now = clock.now();
      const held = await repository.renew(job.id, {
        worker: this.#worker,
        until: now + settings.leaseMs,
        now,
      }).catch(() => true);
      if (!held) controller.abort(LEASE_LOST);
    }, Math.max(10, settings.leaseMs / 3));
    try {
      const handler = this.#handlers.get(job.kind)!;
      const parsed = handler.payload.safeParse(job.payload);
      if (!parsed.success) {
        const failed = await repository.fail(job.id, {
          worker: this.#worker,
          error: {
            reason: "invalid_payload",
            message: `The job's payload is not valid: ${parsed.error.message}`,
          },
          now: clock.now(),
        });
        this.#ended(failed, "failed");
        return;
      }
      const result = await handler.run({ job, payload: parsed.data, signal: controller.signal });
      // Finished work is recorded even when shutdown came meanwhile: redoing it would be waste.
      const held = await repository.complete(job.id, {
        worker: this.#worker,
        result,
        now: clock.now(),
      });
      this.#ended(held, "done");
      this.#pauses = 0;
    } catch (error) {
      await this.#failed(job, error, controller.signal);
    } finally {
      clearInterval(renewal);
      this.#running.delete(job.id);
    }
  }

  /** A run of this worker ended in `state`, or (`held` false) the job had passed to another. */
  #ended(held: boolean, state: JobState): void {
    this.#shift("running", held ? state : null);
    if (!held) this.#lastRecount = Number.NEGATIVE_INFINITY;
  }

  async #failed(job: Job, error: unknown, signal: AbortSignal): Promise<void> {
    const { repository, clock, log, settings } = this.#deps;
    const worker = this.#worker;
    const now = clock.now();
    const outcome = outcomeOf({ job, error, signal }, {
      waitReason: this.#deps.waitReason,
      retryBaseMs: settings.retryBaseMs,
      log,
    });
    const requeue = async (change: Omit<Requeue, "now">) => {
      this.#ended(await repository.requeue(job.id, worker, { ...change, now }), "queued");
    };
    try {
      switch (outcome.kind) {
        case "lost":
          this.#ended(false, "running");
          return;
        case "released":
          await requeue({ runAfter: now, error: null, waiting: null, countAttempt: false });
          return;
        case "skipped":
          this.#ended(
            await repository.skip(job.id, { worker, error: outcome.error, now }),
            "skipped",
          );
          return;
        case "waiting": {
          this.#pauses++;
          const pause = doubling(this.#pauses, { baseMs: PAUSE_BASE_MS, capMs: PAUSE_CAP_MS });
          this.#pausedUntil = now + pause;
          log.info("A background job waits", {
            job: job.id,
            kind: job.kind,
            reason: outcome.reason,
          });
          await requeue({
            runAfter: now + pause,
            error: outcome.error,
            waiting: outcome.reason,
            countAttempt: false,
          });
          this.#waiting = outcome.reason;
          return;
        }
        case "failed":
          log.warn("A background job failed", { job: job.id, kind: job.kind, ...outcome.error });
          this.#ended(
            await repository.fail(job.id, { worker, error: outcome.error, now }),
            "failed",
          );
          return;
        case "retry":
          log.info("A background job will be retried", {
            job: job.id,
            kind: job.kind,
            attempt: job.attempts,
            in_ms: outcome.delayMs,
            reason: outcome.error.reason,
          });
          await requeue({
            runAfter: now + outcome.delayMs,
            error: outcome.error,
            waiting: null,
            countAttempt: true,
          });
      }
    } catch (storeError) {
      // The database itself failed: the lease will lapse and the job be claimed again.
      if (!this.#closed) log.error("Could not record a job's outcome", { job: job.id, storeError });
    }
  }
}
