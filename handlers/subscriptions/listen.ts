import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { isModernMeta, listen, modernOnly, SubscriptionFilter } from "../../core/server/mcp/mod.ts";

/** MCP 2026-07-28: one long-lived stream of the change notifications the client opts in to. */
export default defineHandler({
  method: "subscriptions/listen",
  description:
    "MCP 2026-07-28: stream change notifications (prompt and resource list changes, resource " +
    "updates, task status) until cancelled; acknowledges first with what it will send",
  params: z.looseObject({ notifications: SubscriptionFilter }),
  result: "Notifications first: `notifications/subscriptions/acknowledged` (what it will send), " +
    "then `notifications/prompts/list_changed`, `notifications/resources/list_changed`, " +
    "`notifications/resources/updated {uri}`, `notifications/tasks`; each with the request id as " +
    '`_meta["io.modelcontextprotocol/subscriptionId"]`. When the server ends the stream: ' +
    "`{_meta: {subscriptionId}}`; a cancel gets no answer",
  errors: ["invalid_input", "at_capacity"],
  handle(params, ctx) {
    if (!isModernMeta(ctx.meta)) throw modernOnly("subscriptions/listen");
    return listen(ctx, params.notifications);
  },
});
