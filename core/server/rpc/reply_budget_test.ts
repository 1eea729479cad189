import assert from "node:assert/strict";
import { z } from "zod";
import { Session } from "../../sessions/mod.ts";
import { BATCH_CONCURRENCY } from "./batch.ts";
import { Dispatcher } from "./dispatcher.ts";
import { success } from "./envelope.ts";
import type { Handler, RequestScope } from "./handler.ts";
import { HandlerRegistry } from "./registry.ts";
import {
  fitsBytes,
  jsonLengthAtLeast,
  serializeOne,
  serializeWithin,
  surelyLongerThan,
} from "./reply_budget.ts";
import { SeededRandom } from "../../simulation/mod.ts";
import { testLogger } from "../../../tests/_helpers.ts";

type Ctx = RequestScope<Ctx>;

let calls = 0;
const big: Handler<Ctx, z.ZodObject<{ size: z.ZodNumber }>, { text: string }> = {
  method: "test.big",
  description: "Answers with `size` characters",
  params: z.strictObject({ size: z.number() }),
  handle: (params) => {
    calls++;
    return { text: "é".repeat(params.size) };
  },
};

function dispatcher(limits: { maxBatch?: number; maxReplyBytes?: number }) {
  return new Dispatcher<Ctx>({
    registry: new HandlerRegistry<Ctx>([big]),
    context: (scope) => scope,
    log: testLogger(),
    ...limits,
  });
}

function bigCall(id: number, size: number) {
  return { jsonrpc: "2.0", id, method: "test.big", params: { size } };
}

Deno.test("a reply over the budget is -32005 telling the client to page, counted in UTF-8", async () => {
  const d = dispatcher({ maxReplyBytes: 1_000 });
  const session = new Session("internal");
  // 450 × "é" is 900 bytes of text but only 450 characters: the budget counts bytes.
  const ok = await d.handleValue(bigCall(1, 400), session);
  assert.ok(ok && "result" in ok);
  const refused = await d.handleValue(bigCall(2, 500), session) as {
    id: number;
    error: { code: number; message: string; data: Record<string, unknown> };
  };
  assert.equal(refused.id, 2);
  assert.equal(refused.error.code, -32005);
  assert.match(refused.error.message, /^Reply too large: .* smaller limit or the next cursor/);
  assert.deepEqual(refused.error.data, { max_reply_bytes: 1_000, ran: true });
});

Deno.test("a batch reply stays within the budget: what does not fit becomes -32005", async () => {
  const d = dispatcher({ maxReplyBytes: 5_000 });
  const batch = Array.from({ length: 10 }, (_, i) => bigCall(i, 1_000));
  const text = await d.handleText(JSON.stringify(batch), new Session("internal"));
  assert.ok(new TextEncoder().encode(text!).length <= 5_000 + 10 * 250);
  const replies = JSON.parse(text!) as Array<
    { id: number; result?: unknown; error?: { code: number } }
  >;
  assert.deepEqual(replies.map((reply) => reply.id), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const kept = replies.filter((reply) => "result" in reply).length;
  assert.equal(kept, 2, "two replies of ~2 KB fit in 5 KB");
  assert.ok(replies.slice(kept).every((reply) => reply.error?.code === -32005));
});

Deno.test("once the budget was serialized in vain, the rest are not serialized", async () => {
  // 500 control characters look small (500) but take 3,000 characters as JSON (\u0001 each).
  const responses = Array.from(
    { length: 50 },
    (_, i) => success(i, { text: "\u0001".repeat(500) }),
  );
  let serialized = 0;
  const counted = responses.map((response) => ({
    ...response,
    toJSON() {
      serialized++;
      return { jsonrpc: "2.0", id: response.id, result: (response as { result: unknown }).result };
    },
  }));
  const { reply } = await serializeWithin(counted, 2_000);
  assert.equal((reply as unknown[]).length, 50);
  assert.equal(serialized, 1, "3,000 characters serialized in vain spend a 2,000-byte budget");
});

Deno.test("a batch larger than MAX_BATCH is refused whole with -32600 before anything runs", async () => {
  const d = dispatcher({ maxBatch: 3 });
  calls = 0;
  const session = new Session("internal");
  const refused = await d.handleValue([1, 2, 3, 4].map((id) => bigCall(id, 1)), session) as {
    id: null;
    error: { code: number; message: string; data: unknown };
  };
  assert.equal(calls, 0);
  assert.equal(refused.id, null);
  assert.equal(refused.error.code, -32600);
  assert.match(refused.error.message, /batch of 4 requests; at most 3 \(MAX_BATCH\)/);
  const within = await d.handleValue([1, 2, 3].map((id) => bigCall(id, 1)), session);
  assert.equal((within as unknown[]).length, 3);
  assert.equal(calls, 3);
});

Deno.test("a result certainly over the budget is refused without being serialized", async () => {
  let serialized = 0;
  const huge = {
    jsonrpc: "2.0" as const,
    id: 1,
    result: {
      text: "x".repeat(5_000_000),
      toJSON() {
        serialized++;
        return { text: this.text };
      },
    },
  };
  const single = await serializeWithin(huge, 1_000_000);
  assert.equal((single.reply as { error: { code: number } }).error.code, -32005);
  const batch = await serializeWithin([huge, { ...huge, id: 2 }], 1_000_000);
  assert.deepEqual((batch.reply as Array<{ error: { code: number } }>).map((r) => r.error.code), [
    -32005,
    -32005,
  ]);
  assert.equal(serialized, 0, "the walk read string lengths; JSON.stringify never ran");
  assert.equal(surelyLongerThan({ a: ["x".repeat(10)] }, 20), false);
  assert.equal(surelyLongerThan({ a: ["x".repeat(30)] }, 20), true);
});

Deno.test("once a batch's budget is spent, the rest does not run: -32005 with ran false", async () => {
  const d = dispatcher({ maxReplyBytes: 5_000 });
  calls = 0;
  const batch: unknown[] = Array.from({ length: 30 }, (_, i) => bigCall(i, 1_000));
  // A notification is never answered, so it never costs the budget: it still runs.
  batch.push({ jsonrpc: "2.0", method: "test.big", params: { size: 1 } });
  const replies = await d.handleValue(batch, new Session("internal")) as Array<{
    id: number;
    result?: unknown;
    error?: { code: number; message: string; data: { ran: boolean } };
  }>;
  assert.deepEqual(replies.map((reply) => reply.id), Array.from({ length: 30 }, (_, i) => i));
  const ran = replies.filter((reply) => reply.error?.data.ran !== false).length;
  // 2 fit (~2 KB each); the ones that did not are counted as produced in vain until that reaches
  // the budget (~1 KB each: 5 more); at most BATCH_CONCURRENCY - 1 more were running by then.
  assert.ok(ran >= 7 && ran <= 7 + BATCH_CONCURRENCY - 1, `${ran} ran`);
  assert.equal(calls, ran + 1, "every request answered as run did run, and the notification");
  const unrun = replies.slice(ran);
  assert.ok(unrun.every((reply) => reply.error?.code === -32005 && !reply.error.data.ran));
  assert.match(unrun[0]!.error!.message, /^Not run: .*send it again/);
});

Deno.test("a batch runs at most BATCH_CONCURRENCY requests at once, in order", async () => {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const slow: Handler<Ctx, z.ZodObject<{ n: z.ZodNumber }>, { n: number }> = {
    method: "test.slow",
    description: "Answers after a pause",
    params: z.strictObject({ n: z.number() }),
    handle: async (params) => {
      started.push(params.n);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { n: params.n };
    },
  };
  const d = new Dispatcher<Ctx>({
    registry: new HandlerRegistry<Ctx>([slow]),
    context: (scope) => scope,
    log: testLogger(),
  });
  const batch = Array.from(
    { length: 12 },
    (_, n) => ({ jsonrpc: "2.0", id: n, method: "test.slow", params: { n } }),
  );
  const replies = await d.handleValue(batch, new Session("internal")) as Array<{ id: number }>;
  assert.equal(replies.length, 12);
  assert.equal(most, BATCH_CONCURRENCY);
  assert.deepEqual(started, Array.from({ length: 12 }, (_, n) => n));
});

Deno.test("a large result takes its room before others are measured: none is serialized in vain", async () => {
  let serialized = 0;
  const large: Handler<Ctx, z.ZodObject<{ size: z.ZodNumber }>, unknown> = {
    method: "test.large",
    description: "Answers with `size` characters, counting its serializations",
    params: z.strictObject({ size: z.number() }),
    handle: (params) => {
      const text = "x".repeat(params.size);
      return {
        text,
        toJSON() {
          serialized++;
          return { text };
        },
      };
    },
  };
  const d = new Dispatcher<Ctx>({
    registry: new HandlerRegistry<Ctx>([large]),
    context: (scope) => scope,
    log: testLogger(),
    maxReplyBytes: 500_000,
  });
  // Both run at once; the first is serialized (and gives others a turn), the second must then
  // see what is left (under 200 KB) and be refused unserialized.
  const batch = [1, 2].map((id) => ({
    jsonrpc: "2.0",
    id,
    method: "test.large",
    params: { size: 300_000 },
  }));
  const text = await d.handleText(JSON.stringify(batch), new Session("internal"));
  const replies = JSON.parse(text!) as Array<{ result?: unknown; error?: { code: number } }>;
  assert.ok("result" in replies[0]!);
  assert.equal(replies[1]!.error?.code, -32005);
  assert.equal(serialized, 1);
});

Deno.test("the walk's length is a lower bound of the JSON's, close to it, and stops past its cap", () => {
  const random = new SeededRandom(5);
  const value = (depth: number): unknown => {
    const kind = random.int(0, depth > 3 ? 2 : 4);
    if (kind === 0) return 'é"x'.repeat(random.int(0, 5));
    if (kind === 1) return random.pick([null, true, 0, 12.5, -3]);
    if (kind === 2) return random.pick(["", "a", "long words here"]);
    if (kind === 3) return Array.from({ length: random.int(0, 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: random.int(0, 4) }, (_, i) => [`k${i}`, value(depth + 1)]),
    );
  };
  for (let i = 0; i < 500; i++) {
    const item = value(0);
    const length = JSON.stringify(item).length;
    const walked = jsonLengthAtLeast(item, Infinity);
    assert.ok(walked <= length, `${walked} > ${length}: ${JSON.stringify(item)}`);
    assert.ok(walked * 5 + 2 >= length, `${walked} far below ${length}: ${JSON.stringify(item)}`);
  }
  // Objects' keys and arrays' items count; a search's hits measure as before.
  assert.equal(jsonLengthAtLeast({ ab: "cd", list: [1, "x"] }, Infinity), 6 + 4 + 8 + 2 + 1 + 3);
  const many = Array.from({ length: 10_000 }, () => "x".repeat(100));
  assert.ok(jsonLengthAtLeast(many, 1_000) < 12_000, "the walk stops soon after its cap");
});

Deno.test("fitsBytes counts UTF-8 bytes at the limit, scanning only a text that could pass it", () => {
  // Three bytes per UTF-16 unit at most: "€€€" is 3 units and 9 bytes.
  assert.equal(fitsBytes("€€€", 9), true);
  assert.equal(fitsBytes("€€€", 8), false);
  assert.equal(fitsBytes("éé", 4), true);
  assert.equal(fitsBytes("éé", 3), false);
  assert.equal(fitsBytes("abc", 3), true);
  assert.equal(fitsBytes("abcd", 3), false);
  assert.equal(fitsBytes("😀", 4), true, "a surrogate pair: 2 units, 4 bytes");
  assert.equal(fitsBytes("😀", 3), false);
});

Deno.test("serializeOne's reply is what JSON.stringify writes, and -32005 one byte over", () => {
  const response = success("ü", { text: "é€😀".repeat(10), n: [1, null, true] });
  const text = JSON.stringify(response);
  const bytes = new TextEncoder().encode(text).length;
  assert.equal(serializeOne(response, bytes).text, text);
  const over = serializeOne(response, bytes - 1).reply as { error: { code: number } };
  assert.equal(over.error.code, -32005);
});
