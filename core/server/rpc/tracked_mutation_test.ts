/** What ending a request's tracking undoes (`tracked.ts`, review37). */
import assert from "node:assert/strict";
import { Session } from "../../sessions/mod.ts";
import { RunningRequests } from "./running_requests.ts";
import { abortWith, Tracked } from "./tracked.ts";

Deno.test("an ended tracking is out of the running requests, its session and its caller's signal", async () => {
  const running = new RunningRequests();
  const session = new Session("websocket");
  const controller = session.track(5);
  const outer = new AbortController();
  const tracked = new Tracked(
    running,
    running.add(controller),
    session,
    controller,
    outer.signal,
    abortWith(controller, outer.signal),
  );
  assert.deepEqual(session.inflightIds(), [5]);
  assert.equal(await tracked.endAfter(Promise.resolve("done")), "done");
  assert.deepEqual(session.inflightIds(), []);
  // Neither the server's stop nor the caller's signal reaches a request that ended.
  running.abortAll(new Error("server stopping"));
  outer.abort(new Error("client gone"));
  assert.equal(controller.signal.aborted, false);
});
