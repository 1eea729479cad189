/**
 * A batch's items share their message's claim: one item waiting on the model must not give the
 * turn back while a sibling item runs on the CPU, and a batch whose items all wait elsewhere
 * holds no turn. Counts, never times.
 */
import assert from "node:assert/strict";
import { awayFromTurn, holdingTurn } from "../../turn_away.ts";
import { runBatch } from "../rpc/batch.ts";
import { BatchReply } from "../rpc/reply_budget.ts";
import { Turns } from "./turns.ts";

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

const items = (length: number) =>
  Array.from({ length }, (_, n) => ({ jsonrpc: "2.0", id: n, method: "x" }));

/** A wait that ends when `release` is called (a model's answer). */
function modelWait(): { wait: Promise<void>; release: () => void } {
  let release = () => {};
  const wait = new Promise<void>((resolve) => release = resolve);
  return { wait, release };
}

Deno.test("a batch keeps its turn while one item waits on the model and a sibling runs on the CPU", async () => {
  const turns = new Turns(2);
  const claim = turns.enter(false)!;
  const model = modelWait();
  const seen: number[] = [];
  const batch = items(2);
  const ran = holdingTurn(
    claim,
    () =>
      runBatch(batch, new BatchReply(2, 1_000_000), async (item) => {
        const id = (item as { id: number }).id;
        if (id === 0) await awayFromTurn(() => model.wait);
        else {
          await macrotask(); // item 0 has left by now
          seen.push(turns.running);
          model.release();
        }
        return { jsonrpc: "2.0", id, result: null };
      }),
  );
  await ran;
  assert.deepEqual(seen, [1], "the CPU item ran on the batch's turn");
  assert.equal(turns.running, 1, "the batch goes on holding its turn after its items");
  claim.end();
  assert.equal(turns.running, 0);
});

Deno.test("a batch whose items all wait on the model holds no turn meanwhile, and takes one back", async () => {
  const turns = new Turns(2);
  const claim = turns.enter(false)!;
  const models = [modelWait(), modelWait(), modelWait()];
  const seen: number[] = [];
  const batch = items(3);
  const ran = holdingTurn(
    claim,
    () =>
      runBatch(batch, new BatchReply(3, 1_000_000), async (item) => {
        const id = (item as { id: number }).id;
        await awayFromTurn(() => models[id]!.wait);
        seen.push(turns.running);
        return { jsonrpc: "2.0", id, result: null };
      }),
  );
  await macrotask();
  assert.equal(turns.running, 0, "every item waits elsewhere: the turn is free");
  models[1]!.release();
  await macrotask();
  assert.deepEqual(seen, [1], "an item back from the model ran holding the turn");
  assert.equal(turns.running, 0, "its worker done, the others away: free again");
  for (const model of models) model.release();
  await ran;
  assert.deepEqual(seen, [1, 1, 1]);
  assert.equal(turns.running, 1, "the batch holds one turn, counted once");
  claim.end();
  assert.equal(turns.running, 0);
});

Deno.test("a batch item waiting on two things at once leaves once: its sibling on the CPU keeps the turn", async () => {
  const turns = new Turns(1);
  const claim = turns.enter(false)!;
  const first = modelWait();
  const second = modelWait();
  const seen: number[] = [];
  let entered: boolean | undefined;
  const batch = items(2);
  const ran = holdingTurn(
    claim,
    () =>
      runBatch(batch, new BatchReply(2, 1_000_000), async (item) => {
        const id = (item as { id: number }).id;
        if (id === 0) {
          await Promise.all([awayFromTurn(() => first.wait), awayFromTurn(() => second.wait)]);
          seen.push(turns.running); // back from both: it runs on the batch's turn
        } else {
          await macrotask(); // item 0 has left for both its waits by now
          seen.push(turns.running);
          const other = turns.enter(false);
          entered = other !== undefined;
          other?.end();
          first.release();
          await macrotask(); // one wait back, the other still open: item 0 stays away
          seen.push(turns.running);
          second.release();
        }
        return { jsonrpc: "2.0", id, result: null };
      }),
  );
  await ran;
  assert.deepEqual(seen, [1, 1, 1], "the batch held its one turn while a flow ran");
  assert.equal(entered, false, "a 1-turn connection admitted no other message meanwhile");
  assert.equal(turns.running, 1, "the batch goes on holding its turn, counted once");
  claim.end();
  assert.equal(turns.running, 0);
});
