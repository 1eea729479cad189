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
 * The runner holds the loop, the queue's reads and the lease; one claimed job's run and how its
 * end is recorded are `claimed_run.ts`; the pause while the model is out of reach, `backoff.ts`.
 *
 * @module
 */
import { OutagePause } from "./backoff.ts";
import type { JobHandler } from "./handler.ts";
import { keepLease } from "./lease.ts";
import { SHUTDOWN } from "./outcome.ts";
import type { JobFilter } from "./repository.ts";
import { addJob } from "./add_job.ts";
import type { AfterCommit, Enqueued, EnqueueRequest, RunnerDeps } from "./runner_types.ts";
import { QueueCap } from "./queue_cap.ts";
import { Arrivals } from "./arrivals.ts";
import type { Job, JobCounts, JobFigures } from "./schema.ts";
import { Sleepers } from "./sleepers.ts";
import { ClaimLog } from "./claim_log.ts";
import { JobTally } from "./tally.ts";
import { GiveWays } from "./give_ways.ts";
import { type ClaimedRunDeps, runClaimed } from "./claimed_run.ts";

/** The runner. */
export class JobRunner {
  readonly #deps: RunnerDeps;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #running = new Map<string, AbortController>();
  readonly #sleepers = new Sleepers(() => this.#closed);
  readonly #worker = `worker_${crypto.randomUUID()}`;
  #loops: Promise<void>[] = [];
  #started = false;
  #closed = false;
  /** The pause while the model is out of reach (`backoff.ts`). */
  readonly #pause = new OutagePause();
  #lastPurge = 0;
  readonly #claims: ClaimLog;
  readonly #tally: JobTally;
  /** How often jobs gave way to chats: read its `total` (the jobs_gave_way metric). */
  readonly giveWays = new GiveWays();
  /** Work that is about to enqueue jobs (see {@linkcode track}). */
  readonly #arrivals: Arrivals;
  /** The cap on a persona's queued jobs of a kind (at all times). */
  readonly #cap: QueueCap;
  /** What each claimed job's run reads of this runner (`claimed_run.ts`). */
  readonly #runDeps: ClaimedRunDeps;

  /** A runner; nothing runs until {@linkcode start}. */
  constructor(deps: RunnerDeps) {
    this.#deps = deps;
    this.#tally = new JobTally({ ...deps, closed: () => this.#closed });
    this.#claims = new ClaimLog(deps.log);
    this.#arrivals = new Arrivals(deps.hurry);
    this.#cap = new QueueCap({ ...deps, cap: deps.settings.queueCap });
    this.#runDeps = {
      ...deps,
      worker: this.#worker,
      tally: this.#tally,
      giveWays: this.giveWays,
      pause: this.#pause,
      closed: () => this.#closed,
    };
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

  /**
   * Adds a job (or joins a queued batch) and wakes a worker. Inside a transaction, the caller
   * passes `after`: what this changes in {@linkcode counts} and the log is handed to it, to run
   * once the transaction has committed (a rollback leaves both as they were).
   */
  async enqueue(request: EnqueueRequest, after?: AfterCommit): Promise<Enqueued> {
    if (!this.#handlers.has(request.kind)) {
      throw new Error(`No handler for job kind ${request.kind}`);
    }
    const result = await addJob(this.#deps, request);
    if (result.created) {
      const trimmed = await this.#cap.trim(request.personaId, request.kind);
      const effect = () => {
        this.#tally.shift(null, "queued");
        for (let i = 0; i < trimmed.dropped; i++) this.#tally.shift("queued", "skipped");
        trimmed.note();
      };
      if (after) after(effect);
      else effect();
    }
    // Loops held off (busy chats, a pause) would only look and sleep again.
    this.#sleepers.wake("idle");
    return result;
  }

  /**
   * Work that will enqueue jobs soon (the mind reacting to a store once the reply is sent):
   * reads of the queue, and closing, wait for it, so a client never reads a queue that misses
   * what its last call started. Its failure is the caller's to report.
   */
  track(work: Promise<void>): void {
    this.#arrivals.track(work);
  }

  /** Starts the worker loops. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    const { concurrency } = this.#deps.settings;
    this.#loops = Array.from({ length: concurrency }, () => this.#loop());
    void this.#tally.recount();
  }

  /** Stops: running jobs are aborted and go back to the queue as they were. */
  async close(): Promise<void> {
    await this.#arrivals.arrived();
    this.#closed = true;
    for (const controller of this.#running.values()) controller.abort(SHUTDOWN);
    this.#sleepers.wake();
    await Promise.all(this.#loops);
  }

  /**
   * The last known counts per state, cheap to read: this process's own changes move them at
   * once; the database is counted again when a worker finds nothing to claim (at most once per
   * poll), which brings in other processes' changes and purges. No COUNT runs per enqueue or
   * per job: a backlog held off behind busy chats grows to thousands of rows.
   */
  counts(): JobCounts & { waiting: string | null } {
    return this.#tally.read();
  }

  /**
   * Counts per state read from the database now (of one persona when given), and how many of
   * the skipped jobs the queue cap dropped.
   */
  async figures(personaId?: string): Promise<JobFigures> {
    await this.#arrivals.arrived();
    const { repository } = this.#deps;
    return { ...await repository.counts(personaId), dropped: await repository.dropped(personaId) };
  }

  /** Why queued jobs wait without using their attempts, or null. */
  async waitingReason(): Promise<string | null> {
    await this.#arrivals.arrived();
    return await this.#deps.repository.waitingReason();
  }

  /** A page of jobs, newest first. */
  async list(filter: JobFilter, page: { limit: number; offset: number }) {
    await this.#arrivals.arrived();
    return await this.#deps.repository.list(filter, page);
  }

  /** The job with `id`. */
  async get(id: string): Promise<Job | undefined> {
    await this.#arrivals.arrived();
    return await this.#deps.repository.get(id);
  }

  /** Gives failed jobs (all, or those named) fresh attempts; returns how many. */
  async retryFailed(ids?: readonly string[]): Promise<number> {
    await this.#arrivals.arrived();
    const count = await this.#deps.repository.retryFailed({ ids, now: this.#deps.clock.now() });
    this.#sleepers.wake();
    await this.#tally.recount();
    return count;
  }

  async #loop(): Promise<void> {
    const { repository, clock, settings } = this.#deps;
    while (!this.#closed) {
      const now = clock.now();
      if (this.#pause.until > now) {
        await this.#sleepers.sleep(this.#pause.until - now, "held");
        continue;
      }
      const hold = this.#deps.holdOff?.() ?? 0;
      if (hold > 0) {
        await this.#sleepers.sleep(Math.min(hold, settings.pollMs), "held");
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
        // A busy or unreachable database: said once, not every poll (`claim_log.ts`).
        this.#claims.failed(error);
        await this.#sleepers.sleep(settings.pollMs);
        continue;
      }
      this.#claims.claimed();
      if (job) {
        await this.#run(job);
        continue;
      }
      await this.#purge(now);
      if (this.#tally.stale(now, settings.pollMs)) await this.#tally.recount();
      const due = await repository.nextDue(this.kinds).catch(() => undefined);
      await this.#sleepers.sleep(
        due === undefined ? settings.pollMs : Math.min(due - now, settings.pollMs),
      );
    }
  }

  async #purge(now: number): Promise<void> {
    if (now - this.#lastPurge < 3_600_000) return;
    this.#lastPurge = now;
    try {
      await this.#deps.repository.purgeFinished(now - this.#deps.settings.retentionMs);
      this.#tally.invalidate();
    } catch (error) {
      this.#deps.log.warn("Could not delete old jobs", { error });
    }
  }

  async #run(job: Job): Promise<void> {
    const controller = new AbortController();
    this.#running.set(job.id, controller);
    // Claimed: queued before, unless its last worker died holding it (the recount tells).
    this.#tally.shift("queued", "running");
    const stopRenewals = keepLease(this.#deps, { job, worker: this.#worker, controller });
    try {
      const handler = this.#handlers.get(job.kind)!;
      await runClaimed(job, { handler, signal: controller.signal }, this.#runDeps);
    } finally {
      stopRenewals();
      this.#running.delete(job.id);
    }
  }
}
