/**
 * A quiet-moment watch a request's write starts (and the slices it runs) holds none of the
 * request's turn (core/turn_away.ts `outsideTurn`): a wait a slice marks gives nothing back.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn } from "../turn_away.ts";
import { loggedClaim } from "../testing/logged_claim.ts";
import { QuietSlices } from "./quiet_slices.ts";

Deno.test("QuietSlices started inside a request runs its slices outside the request's turn", async () => {
  const log: string[] = [];
  let left = 1;
  let sliced!: () => void;
  const done = new Promise<void>((resolve) => sliced = resolve);
  const slices = new QuietSlices({
    activity: () => 0,
    // A quiet moment found on a later timer, as the real watch finds one.
    whenQuiet: (watch) => {
      const timer = setTimeout(watch.onQuiet, 0);
      return () => clearTimeout(timer);
    },
    hasWork: () => left > 0,
    slice: async () => {
      await awayFromTurn(() => Promise.resolve());
      left--;
      sliced();
    },
  });
  holdingTurn(loggedClaim(log), () => slices.watch());
  await done;
  await slices.close(() => {});
  assert.deepEqual(log, [], "the slice gave no request's turn back");
});
