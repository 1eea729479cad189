/**
 * `ReplySender.send` (mutation testing, session 44): a reply made at once is written at once,
 * one still being made is written once it is made; each ends its accounting.
 */
import assert from "node:assert/strict";
import type { Logger } from "../../log.ts";
import type { Session } from "../../sessions/mod.ts";
import type { Outbound } from "./outbound.ts";
import { ReplySender } from "./reply_sender.ts";
import type { Claim } from "./claim.ts";

const CLAIM = {} as Claim;

/** A sender whose written replies and ended accounting are noted. */
function noted() {
  const sent: unknown[] = [];
  const ended: Array<[number, Claim | undefined]> = [];
  const ignore = () => {};
  const log: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
  const sender = new ReplySender({
    outbound: { send: (text: unknown) => void sent.push(text) } as unknown as Outbound,
    log,
    session: { id: "s-1" } as Session,
    end: (cost, claim) => void ended.push([cost, claim]),
  });
  return { sender, sent, ended };
}

Deno.test("ReplySender.send: a reply made at once is written before send returns", () => {
  const { sender, sent, ended } = noted();
  sender.send("now", 2, CLAIM);
  assert.deepEqual(sent, ["now"]);
  assert.deepEqual(ended, [[2, CLAIM]]);
});

Deno.test("ReplySender.send: a reply still being made is written once made", async () => {
  const { sender, sent, ended } = noted();
  let make!: (reply: string) => void;
  sender.send(new Promise<string>((resolve) => make = resolve), 1, undefined);
  assert.deepEqual(sent, []);
  make("later");
  for (let look = 0; look < 100 && ended.length === 0; look++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.deepEqual(sent, ["later"]);
  assert.deepEqual(ended, [[1, undefined]]);
});
