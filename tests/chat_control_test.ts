/**
 * Cancellation and load control of chats: conversation.cancel, closing the socket, the FIFO
 * queue in front of the model server and its limit. Each test runs once per provider.
 */
import assert from "node:assert/strict";
import { delay, type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { eachProvider } from "./_providers.ts";

const longReply = () => "word ".repeat(200).trim();

eachProvider.test("conversation.cancel aborts the model call; the request ends with -32800", async (p) => {
  const fake = p.start({ tokenDelayMs: 20, reply: longReply });
  const server = await startTestServer(p.env(fake));
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    const chat = client.request(
      "conversation.send_message",
      { content: "talk", stream: true },
      "c1",
    );
    await client.waitForNotification((n) => n.method === "conversation.chunk");
    const cancel = await client.call("conversation.cancel", { request_id: "c1" });
    assert.deepEqual(cancel, { request_id: "c1", cancelled: true });
    const response = await chat;
    assert.equal((response.error as { code: number }).code, -32800);
    await fake.waitForAbandoned(1);
    assert.equal(fake.abandoned, 1, "the test model server saw the connection close");

    const chunksAfter = client.notifications.length;
    assert.deepEqual(await client.call("conversation.cancel", { request_id: "c1" }), {
      request_id: "c1",
      cancelled: false,
    });
    fake.behavior.reply = () => "Where was I?";
    const next = await client.call("conversation.send_message", { content: "again?" });
    assert.equal(typeof next.response, "string");
    assert.equal(
      client.notifications.slice(chunksAfter).filter((n) => n.params.request_id === "c1").length,
      0,
      "no chunk of the cancelled request arrives later",
    );
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("closing the socket cancels its chats in flight", async (p) => {
  const fake = p.start({ tokenDelayMs: 20, reply: longReply });
  const server = await startTestServer(p.env(fake));
  try {
    const client = await RpcClient.connect(server.wsUrl);
    await client.call("persona.switch", { persona_id: "Kira" });
    client.request("conversation.send_message", { content: "talk", stream: true }, 1);
    await client.waitForNotification((n) => n.method === "conversation.chunk");
    await client.close();
    await fake.waitForAbandoned(1);
    assert.equal(fake.abandoned, 1);
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("with LLM_CONCURRENCY=1, 20 chats from 20 sockets complete in order of arrival", async (p) => {
  const fake = p.start({
    firstTokenDelayMs: 15,
    reply: (request) => `answer to ${request.messages.at(-1)?.content}`,
  });
  const server = await startTestServer({ ...p.env(fake), LLM_CONCURRENCY: "1" });
  const clients = await Promise.all(
    Array.from({ length: 20 }, () => RpcClient.connect(server.wsUrl)),
  );
  try {
    const aria = await clients[0]!.call("persona.switch", { persona_id: "Aria" });
    const finished: number[] = [];
    const chats: Promise<unknown>[] = [];
    for (const [index, client] of clients.entries()) {
      chats.push(
        client.call("conversation.send_message", {
          content: `question ${index}`,
          persona_id: aria.persona_id,
        }).then((result) => {
          assert.equal(result.response, `answer to user: question ${index}`);
          finished.push(index);
        }),
      );
      await delay(2); // a distinct arrival order
    }
    await Promise.all(chats);
    const order = Array.from({ length: 20 }, (_, i) => i);
    assert.deepEqual(finished, order);
    assert.deepEqual(
      fake.chatRequests().map((request) => request.messages.at(-1)?.content),
      order.map((i) => `user: question ${i}`),
    );
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("a queue limit of 5 turns the excess away at once with a clear error", async (p) => {
  const fake = p.start({ firstTokenDelayMs: 300 });
  const server = await startTestServer({
    ...p.env(fake),
    LLM_CONCURRENCY: "1",
    LLM_QUEUE_LIMIT: "5",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call("persona.switch", { persona_id: "Aria" });
    let refusedSoFar = 0;
    const settled = Array.from(
      { length: 10 },
      (_, i) =>
        client.call("conversation.send_message", { content: `q${i}`, persona_id }).then(
          (value): PromiseSettledResult<unknown> => ({ status: "fulfilled", value }),
          (reason): PromiseSettledResult<unknown> => {
            refusedSoFar++;
            return { status: "rejected", reason };
          },
        ),
    );
    while (refusedSoFar < 4) await delay(5);
    const status = await client.call<{ llm_queue: unknown }>("system.status");
    assert.deepEqual(status.llm_queue, { running: 1, waiting: 5 }, "system.status shows the queue");
    const outcomes = await Promise.all(settled);
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 6);
    assert.equal(refused.length, 4);
    for (const outcome of refused) {
      const error = (outcome as PromiseRejectedResult).reason as RpcCallError;
      assert.equal(error.code, -32003);
      assert.equal((error.data as { reason: string }).reason, "queue_full");
      assert.match(error.message, /queue is full/);
    }
    assert.equal(fake.chatRequests().length, 6, "refused calls never reached the server");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
