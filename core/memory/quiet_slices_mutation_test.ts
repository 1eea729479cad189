/**
 * `QuietSlices` between slices (mutation testing, session 44): a slice that ends with work left
 * watches for the next quiet moment itself, and a slice under way is watched for by no one.
 */
import assert from "node:assert/strict";
import { QuietSlices } from "./quiet_slices.ts";
import { notedWatches } from "./testing/quiet_moments.ts";

Deno.test("QuietSlices: a slice ending with work left watches again; with none left it stops", async () => {
  const { watches, whenQuiet } = notedWatches();
  let left = 2;
  let finish!: () => void;
  const slices = new QuietSlices({
    activity: () => 0,
    whenQuiet,
    hasWork: () => left > 0,
    slice: () =>
      new Promise<void>((done) =>
        finish = () => {
          left--;
          done();
        }
      ),
  });
  slices.watch();
  watches[0]!.onQuiet();
  slices.watch();
  assert.equal(watches.length, 1, "a slice under way: no second watch");
  finish();
  for (let look = 0; look < 100 && watches.length < 2; look++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.equal(watches.length, 2, "work left: the slice's end watches again");
  watches[1]!.onQuiet();
  finish();
  await slices.close(() => {});
  assert.equal(watches.length, 2, "no work left: no further watch");
});
