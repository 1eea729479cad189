import assert from "node:assert/strict";
import { loadConfig } from "../../config.ts";
import { createLogger } from "../../log.ts";
import { explainListenError, ListenError, serveOn } from "./listen.ts";

const where = { setting: "API_PORT", host: "127.0.0.1", port: 80 } as const;

Deno.test("a refused privileged port names the port, the setting and how to change it", () => {
  const explained = explainListenError(new Deno.errors.PermissionDenied("os error 13"), where);
  assert.ok(explained instanceof ListenError);
  assert.equal(
    explained.message,
    "not permitted to listen on port 80 on 127.0.0.1 (API_PORT): ports below 1024 need " +
      "privileges; choose another port with --api-port or API_PORT (0 picks a free one)",
  );
});

Deno.test("other failures pass through unchanged", () => {
  const other = new Error("something else");
  assert.equal(explainListenError(other, where), other);
});

Deno.test("an address this machine does not have names SERVER_HOST", () => {
  // 192.0.2.0/24 is reserved for documentation: no machine has it.
  const config = loadConfig({ env: { SERVER_HOST: "192.0.2.1", SERVER_PORT: "0" }, dotenv: "" });
  assert.throws(
    () =>
      serveOn("SERVER_PORT", config, () => new Response(), {
        log: createLogger("error", { write: () => {} }),
      }),
    (error: Error) =>
      error instanceof ListenError &&
      error.message === "cannot listen on 192.0.2.1 (SERVER_HOST): it is not an address of " +
          "this machine; set --server-host or SERVER_HOST to one of its addresses, e.g. 127.0.0.1",
  );
});
