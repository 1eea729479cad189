/**
 * `ReplySender` alone (mut59): a reply's accounting ends once it is handed over or written, never
 * before a pending write, and a failure is logged with the session's id, never thrown.
 */
import assert from "node:assert/strict";
import type { LogFields, Logger } from "../../log.ts";
import type { Session } from "../../sessions/mod.ts";
import type { Outbound } from "./outbound.ts";
import { ReplySender } from "./reply_sender.ts";
import type { Claim } from "./claim.ts";

const CLAIM = {} as Claim;

/** A host whose outbound's `send` is `send`, noting every end and error line. */
function host(send: (text: string) => void | Promise<void>) {
  const ended: Array<[number, Claim | undefined]> = [];
  const errors: Array<[string, LogFields | undefined]> = [];
  const ignore = () => {};
  const log: Logger = {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (message, fields) => void errors.push([message, fields]),
  };
  const sent: string[] = [];
  const outbound = {
    send: (text: string) => {
      sent.push(text);
      return send(text);
    },
  } as unknown as Outbound;
  const sender = new ReplySender({
    outbound,
    log,
    session: { id: "s-7" } as Session,
    end: (cost, claim) => void ended.push([cost, claim]),
  });
  return { sender, ended, errors, sent };
}

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("ReplySender.deliver: a reply written at once ends its accounting at once; none sent for no reply", () => {
  const { sender, ended, sent } = host(() => undefined);
  sender.deliver("reply", 3, CLAIM);
  assert.deepEqual(sent, ["reply"]);
  assert.deepEqual(ended, [[3, CLAIM]]);
  sender.deliver(undefined, 1, CLAIM);
  assert.deepEqual(sent, ["reply"], "no reply: nothing sent");
  assert.deepEqual(ended, [[3, CLAIM], [1, CLAIM]]);
});

Deno.test("ReplySender.deliver: a pending write ends the accounting only once it is written", async () => {
  let written!: () => void;
  const { sender, ended } = host(() => new Promise<void>((resolve) => written = resolve));
  sender.deliver("reply", 2, CLAIM);
  await macrotask();
  assert.deepEqual(ended, [], "still being written");
  written();
  await macrotask();
  assert.deepEqual(ended, [[2, CLAIM]]);
});

Deno.test("ReplySender.deliver: a send that throws is logged with the session and ends the accounting", () => {
  const { sender, ended, errors } = host(() => {
    throw new Error("socket gone");
  });
  sender.deliver("reply", 4, CLAIM);
  assert.deepEqual(ended, [[4, CLAIM]]);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]![0], "Dispatch failed");
  assert.equal(errors[0]![1]?.session, "s-7");
  assert.equal((errors[0]![1]?.error as Error).message, "socket gone");
});

Deno.test("ReplySender.serve: waits for the reply and its write before the accounting ends", async () => {
  let answer!: (reply: string | undefined) => void;
  let written!: () => void;
  const { sender, ended, sent } = host(() => new Promise<void>((resolve) => written = resolve));
  const serving = sender.serve(new Promise((resolve) => answer = resolve), 5, CLAIM);
  await macrotask();
  assert.deepEqual(ended, [], "no reply yet");
  answer("late reply");
  await macrotask();
  assert.deepEqual(sent, ["late reply"]);
  assert.deepEqual(ended, [], "being written");
  written();
  await serving;
  assert.deepEqual(ended, [[5, CLAIM]]);
});

Deno.test("ReplySender.serve: a failed answer is logged with the session, never thrown, and ends the accounting", async () => {
  const { sender, ended, errors, sent } = host(() => undefined);
  await sender.serve(Promise.reject(new Error("handler blew up")), 6, CLAIM);
  assert.deepEqual(sent, []);
  assert.deepEqual(ended, [[6, CLAIM]]);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]![0], "Dispatch failed");
  assert.equal(errors[0]![1]?.session, "s-7");
  await sender.serve(Promise.resolve(undefined), 1, CLAIM);
  assert.deepEqual(sent, [], "no reply: nothing sent");
  assert.deepEqual(ended, [[6, CLAIM], [1, CLAIM]]);
});

Deno.test("ReplySender.failed logs the error with the session and ends the accounting", () => {
  const { sender, ended, errors } = host(() => undefined);
  sender.failed(new Error("bad"), 2, CLAIM);
  assert.deepEqual(ended, [[2, CLAIM]]);
  assert.deepEqual(errors.map(([message, fields]) => [message, fields?.session]), [[
    "Dispatch failed",
    "s-7",
  ]]);
});
