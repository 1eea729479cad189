/**
 * A `room.send` whose client cancels while its speaker is being stopped (deleted in the same
 * moment) fails as cancelled: the stop does not turn the client's own cancel into a dropped
 * reply and a round that goes on. In process (the cancel and the stop land before the model
 * call's abort settles), over a fake model that streams slowly.
 */
import assert from "node:assert/strict";
import { Cancelled } from "../core/errors.ts";
import { withTestServer } from "./_helpers.ts";

const LONG = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");

Deno.test("room.send: a client's cancel at the speaker's stop fails the call as cancelled", async () => {
  await withTestServer(async ({ fake, server }) => {
    fake.behavior.reply = () => LONG;
    fake.behavior.tokenDelayMs = 100;
    const { dispatcher, services } = server;
    const session = services.sessions.open("internal");
    const { room_id } = await dispatcher.call("room.create", { persona_ids: ["Aria"] }, {
      session,
    }) as { room_id: string };
    const cancel = new AbortController();
    let chunk!: () => void;
    const chunked = new Promise<void>((resolve) => chunk = resolve);
    let speaker = "";
    const sent = dispatcher.call("room.send", { room_id, content: "Hello.", stream: true }, {
      session,
      signal: cancel.signal,
      notify: (notification) => {
        if (notification.method !== "room.chunk") return;
        speaker = (notification.params as { persona_id: string }).persona_id;
        chunk();
      },
    }).then((result) => ({ result }), (error: unknown) => ({ error }));
    await chunked;
    // Runs right after the room service's own delete hook (which stops the speaker's turn).
    services.personas.onDelete(() => cancel.abort());
    await dispatcher.call("persona.delete", { persona_id: speaker }, { session });
    const settled = await sent;
    assert.ok("error" in settled, `answered ${JSON.stringify(settled)}`);
    assert.ok(settled.error instanceof Cancelled, String(settled.error));
  });
});
