/**
 * Adding a job to the persisted queue: joining a still-queued batch with the same batch key
 * when its merge accepts the new payload, else inserting a job (nothing new when its key
 * exists).
 *
 * @module
 */
import type { Enqueued, EnqueueRequest, RunnerDeps } from "./runner_types.ts";

/**
 * Adds `request` to the queue of `deps.repository` at the clock's now: joins an open batch
 * (moving its start to `delayMs` from now) or inserts a job with the settings' attempts.
 */
export async function addJob(
  deps: Pick<RunnerDeps, "repository" | "clock" | "settings">,
  request: EnqueueRequest,
): Promise<Enqueued> {
  const { repository, clock, settings } = deps;
  const now = clock.now();
  const runAfter = now + (request.delayMs ?? 0);
  if (request.batch) {
    const open = await repository.openBatch(request.batch.key);
    const merged = open && request.batch.merge(open.payload, request.payload);
    if (
      open && merged && await repository.extendBatch(open.id, { payload: merged, runAfter, now })
    ) {
      return { job: { ...open, payload: merged, run_after: runAfter }, created: false };
    }
  }
  return await repository.insert({
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
}
