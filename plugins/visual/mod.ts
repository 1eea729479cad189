/**
 * The visual plugin: `visual.update` over JSON-RPC and `PUT /api/sessions/:id/visual` over REST
 * let a client describe the scene; the persona's prompt includes it.
 *
 * @module
 */
import { definePlugin } from "../../core/server/plugin.ts";
import update from "./update.ts";

export default definePlugin({
  name: "visual",
  description: "Scene/visual context per session (visual.update)",
  handlers: [update],
  routeDocs: {
    "PUT /api/sessions/:id/visual": { calls: [update.method], text: "For that session" },
  },
  routes(api, tools) {
    api.put("/sessions/:id/visual", async (c) => {
      const session = await tools.restSession(c.req.param("id"));
      const result = await tools.call(update, await tools.body(c), { session });
      return c.json(result);
    });
  },
});
