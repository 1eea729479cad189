/**
 * `subscriptions/listen` (MCP 2026-07-28 `basic/patterns/subscriptions`): one long-lived request
 * whose response stream carries the change notifications the client opted in to. The server
 * acknowledges first (`notifications/subscriptions/acknowledged`, with what it agreed to send),
 * then tells of each change; every message carries the request's id as
 * `_meta["io.modelcontextprotocol/subscriptionId"]`. The stream ends when the client cancels it
 * (no answer then) or when the server ends it (an empty result then: input closed, shutdown).
 *
 * Changes are found by looking: every `POLL_MS` the watched lists and resources are read again
 * and compared with what each stream saw last. Looking catches every change, whoever made it (a
 * chat, the decay schedule, another server instance on the same database). Every stream shares
 * one poller (`listen_hub.ts`): one read per distinct watched item per poll, none while nothing
 * was written, and at most `MAX_LISTENS` streams.
 *
 * @module
 */
import { z } from "zod";
import { fnv1a } from "../../numbers.ts";
import { CancelRequest } from "../../sessions/mod.ts";
import { awayFromTurn } from "../../turn_away.ts";
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";
import { declaresExtension, META_KEYS, ModernCode, TASKS_EXTENSION } from "./modern.ts";
import { listPrompts } from "./prompts.ts";
import { type Fingerprint, TASK_KEY } from "./listen_hub.ts";
import { knowsUri, listResources, readResource } from "./resources.ts";

export { POLL_MS } from "./listen_hub.ts";

const LISTEN = "subscriptions/listen";

/** Most resources or tasks one subscription watches. */
export const MAX_WATCHED = 64;

/** The opt-in filter of a `subscriptions/listen` request (unknown fields are ignored). */
export const SubscriptionFilter = z.looseObject({
  toolsListChanged: z.boolean().optional(),
  promptsListChanged: z.boolean().optional(),
  resourcesListChanged: z.boolean().optional(),
  resourceSubscriptions: z.array(z.string().min(1).max(2048)).max(MAX_WATCHED).optional(),
  taskIds: z.array(z.string().min(1).max(128)).max(MAX_WATCHED).optional(),
});

/** A validated filter. */
export type SubscriptionFilter = z.output<typeof SubscriptionFilter>;

/** The part of a filter this server honors. */
export interface Honored {
  promptsListChanged?: true;
  resourcesListChanged?: true;
  resourceSubscriptions?: string[];
  taskIds?: string[];
}

/**
 * What the server agrees to send: prompt and resource list changes, updates of resources it can
 * serve, and task status for a client that declared the tasks extension (-32021 otherwise). The
 * tool list never changes, so `toolsListChanged` is never honored.
 */
export async function honor(
  ctx: HandlerContext,
  filter: SubscriptionFilter,
): Promise<Honored> {
  if (filter.taskIds?.length && !declaresExtension(ctx.meta, TASKS_EXTENSION)) {
    throw new RpcError(
      ModernCode.MissingRequiredClientCapability,
      "Missing required client capability",
      { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } },
    );
  }
  const honored: Honored = {};
  if (filter.promptsListChanged) honored.promptsListChanged = true;
  if (filter.resourcesListChanged) honored.resourcesListChanged = true;
  const uris = (filter.resourceSubscriptions ?? []).filter((uri) => knowsUri(ctx, uri));
  if (uris.length > 0) honored.resourceSubscriptions = [...new Set(uris)];
  const taskIds = [];
  for (const id of new Set(filter.taskIds ?? [])) {
    if (await ctx.tasks.get(id, ctx.session.taskOwner) !== undefined) taskIds.push(id);
  }
  if (taskIds.length > 0) honored.taskIds = taskIds;
  return honored;
}

/** The keys a stream watches, in the order its changes are told. */
function watchedKeys(honored: Honored): string[] {
  const keys: string[] = [];
  if (honored.promptsListChanged) keys.push("prompts");
  if (honored.resourcesListChanged) keys.push("resources");
  for (const uri of honored.resourceSubscriptions ?? []) keys.push(`resource:${uri}`);
  for (const id of honored.taskIds ?? []) keys.push(`${TASK_KEY}${id}`);
  return keys;
}

/** Reads one watched key now, as `ctx` sees it (`task:<id>` for a task). */
export async function fingerprint(ctx: HandlerContext, key: string): Promise<Fingerprint> {
  const hash = (value: unknown) => fnv1a(JSON.stringify(value));
  if (key === "prompts") return hash(await listPrompts(ctx));
  if (key === "resources") return hash(await listResources(ctx));
  if (key.startsWith(TASK_KEY)) {
    // Without its result: the status and lastUpdatedAt tell every change, and a finished
    // task's result (up to MAX_REPLY_BYTES) is not read from the table and hashed each second.
    const id = key.slice(TASK_KEY.length);
    const task = await ctx.tasks.get(id, ctx.session.taskOwner, { result: false });
    return task === undefined ? null : hash(task);
  }
  // A resource that is gone (a deleted persona) reads as null; coming back is an update too.
  const uri = key.slice("resource:".length);
  const contents = await readResource(ctx, uri).then((r) => r.contents, () => null);
  return contents === null ? null : hash(contents);
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

/**
 * Runs one subscription until it ends; resolves to the closing result when the server ends it,
 * throws the cancellation when the client does. Past `MAX_LISTENS` open streams, or
 * `MAX_LISTENS_PER_CLIENT` of the session's client (`Session.client`), it is refused (-32007)
 * before its acknowledgement.
 */
export async function listen(
  ctx: HandlerContext,
  filter: SubscriptionFilter,
): Promise<Record<string, unknown>> {
  // The filter is checked first, as over every transport (the same errors as a WebSocket).
  const honored = await honor(ctx, filter);
  if (ctx.session.kind === "rest") {
    // REST's POST /api/rpc answers once and carries no notification: a listen there would tell
    // nothing and hold a MAX_LISTENS place until its client hung up.
    throw new RpcError(RpcCode.MethodNotFound, `Method not found: ${LISTEN}`, {
      method: LISTEN,
      hint: "POST /api/rpc cannot stream notifications: listen over MCP (a WebSocket or " +
        "Streamable HTTP on /mcp)",
    });
  }
  const tag = { [META_KEYS.subscriptionId]: ctx.requestId ?? null };
  const send = (method: string, params: Record<string, unknown> = {}) =>
    ctx.notify(method, { _meta: tag, ...params });
  const changed = (key: string) => {
    if (key === "prompts") send("notifications/prompts/list_changed");
    else if (key === "resources") send("notifications/resources/list_changed");
    else if (key.startsWith("resource:")) {
      send("notifications/resources/updated", { uri: key.slice("resource:".length) });
    } else if (key.startsWith(TASK_KEY)) {
      // Read again (from this node's memory, or the table): what changed is told as it is now.
      ctx.tasks.get(key.slice(TASK_KEY.length), ctx.session.taskOwner).then((task) => {
        if (task && !ctx.signal.aborted) send("notifications/tasks", { ...task });
      }, () => {});
    }
  };
  const stream = ctx.listens.admit({
    keys: watchedKeys(honored),
    read: (key) => fingerprint(ctx, key),
    changed,
    signal: ctx.signal,
    client: ctx.session.client,
  });
  try {
    send("notifications/subscriptions/acknowledged", { notifications: honored });
    await stream.start();
    // Open until it ends, a subscription holds none of its connection's turns (turn_away.ts).
    await awayFromTurn(() => aborted(ctx.signal));
  } finally {
    stream.leave();
  }
  // The client's cancel gets no answer; the server's end of the stream does.
  if (ctx.signal.reason instanceof CancelRequest) throw ctx.signal.reason;
  return { _meta: tag };
}
