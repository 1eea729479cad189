/**
 * The start-up line about the WebSocket limit names the limit that wins, MAX_CONNECTIONS or the
 * open-file limit, with both numbers (attack7 F3: it said "open files" when 64 was the setting).
 */
import assert from "node:assert/strict";
import { connectionLimit, connectionLimitLine } from "./connection_limit.ts";
import { connectionsUnder } from "./transport/fd_limit.ts";

Deno.test("MAX_CONNECTIONS below what the open files allow: the line names the setting", () => {
  const limit = connectionLimit(64, 20_000);
  assert.equal(limit.maxConnections, 64);
  const line = connectionLimitLine(limit, 64);
  assert.match(line!.message, /limited by MAX_CONNECTIONS/);
  assert.equal(line!.level, "debug", "nothing is wrong: not shown at the default level");
  assert.deepEqual(line!.fields, {
    max_connections: 64,
    MAX_CONNECTIONS: 64,
    open_file_limit: 20_000,
  });
});

Deno.test("an open-file limit below MAX_CONNECTIONS: the line names the open-file limit", () => {
  const limit = connectionLimit(10_000, 1024);
  assert.equal(limit.maxConnections, connectionsUnder(1024));
  const line = connectionLimitLine(limit, 10_000);
  assert.match(line!.message, /limited by the open-file limit/);
  assert.equal(line!.level, "warn", "clients will be refused below MAX_CONNECTIONS");
  assert.deepEqual(line!.fields, {
    max_connections: connectionsUnder(1024),
    MAX_CONNECTIONS: 10_000,
    open_file_limit: 1024,
  });
});

Deno.test("an unknown open-file limit: no line", () => {
  assert.equal(connectionLimitLine({ maxConnections: 64 }, 64), undefined);
});
