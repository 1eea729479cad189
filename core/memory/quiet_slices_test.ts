import assert from "node:assert/strict";
import { PREPARE_QUIET_MS } from "./memory_prep.ts";
import { QuietSlices } from "./quiet_slices.ts";
import { notedWatches } from "./testing/quiet_moments.ts";

Deno.test("QuietSlices watches with the caller's activity and PREPARE_QUIET_MS", () => {
  const { watches, whenQuiet } = notedWatches();
  const activity = () => 7;
  const slices = new QuietSlices({
    activity,
    whenQuiet,
    hasWork: () => true,
    slice: () => Promise.resolve(),
  });
  slices.watch();
  assert.equal(watches.length, 1);
  assert.equal(watches[0]!.activity, activity);
  assert.equal(watches[0]!.quietMs, PREPARE_QUIET_MS);
});

Deno.test("QuietSlices: a slice under way at close watches for no further moment, work left or not", async () => {
  const { watches, whenQuiet } = notedWatches();
  let finish!: () => void;
  const slices = new QuietSlices({
    activity: () => 0,
    whenQuiet,
    // The caller's queue still holds work after close (close's drop is the caller's own).
    hasWork: () => true,
    slice: () => new Promise<void>((done) => finish = done),
  });
  slices.watch();
  watches[0]!.onQuiet();
  const closed = slices.close(() => {});
  finish();
  await closed;
  assert.equal(watches.length, 1, "closed: the slice's end watches no more");
  slices.watch();
  assert.equal(watches.length, 1, "closed: a later watch is refused");
});
