/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * One open room of the Rooms panel: who is present (join and leave), its transcript, and a line
 * to say something, whose replies stream in one by one with their speaker, reason and continue score.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { api, sharedSocket } from "../api.ts";
import type { RoomReply, RoomSendResult, RoomView } from "../types.ts";
import { attempt, fixed, personas } from "../ui.tsx";

/** A line of a room's transcript as the page shows it. */
interface RoomLine {
  key: string;
  speaker: string;
  user: boolean;
  content: string;
  streaming: boolean;
  meta?: string;
}

interface StoredLine {
  id: string;
  speaker_kind: "user" | "persona";
  speaker: string;
  content: string;
  reason: string | null;
}

function metaOf(reply: Pick<RoomReply, "reason" | "continue_score">): string {
  return reply.continue_score === undefined
    ? reply.reason
    : `${reply.reason} · continue ${fixed(reply.continue_score)}`;
}

/** The room `room`: its people, transcript and what the user says; `onChanged` after a change. */
export function OpenRoom(
  props: { room: RoomView; onChanged(): void; fail(e: string | null): void },
) {
  const { room } = props;
  const [lines, setLines] = useState<RoomLine[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const present = new Set(room.members.map((member) => member.persona_id));

  useEffect(() => {
    void attempt(props.fail, async () => {
      const page = await api<{ messages: StoredLine[] }>(`/rooms/${room.id}/messages`, {
        query: { limit: 50 },
      });
      setLines(
        page.messages.toReversed().map((message) => ({
          key: message.id,
          speaker: message.speaker,
          user: message.speaker_kind === "user",
          content: message.content,
          streaming: false,
          meta: message.reason ?? undefined,
        })),
      );
    });
  }, [room.id]);

  const say = (event: Event) => {
    event.preventDefault();
    const content = text.trim();
    if (!content || busy) return;
    const socket = sharedSocket();
    const requestId = socket.nextId;
    const round = `round-${requestId}-${Date.now()}`;
    setBusy(true);
    setText("");
    setLines((current) => [...current, {
      key: `${round}-user`,
      speaker: "You",
      user: true,
      content,
      streaming: false,
    }]);
    // Each reply's first piece (index 0) opens its line; the next pieces grow it.
    let replies = 0;
    const stop = socket.listen((notification) => {
      const p = notification.params;
      if (notification.method !== "room.chunk" || p.request_id !== requestId) return;
      if (p.index === 0) replies++;
      const key = `${round}-${replies}`;
      setLines((current) =>
        current.some((line) => line.key === key)
          ? current.map((line) =>
            line.key === key ? { ...line, content: line.content + String(p.text) } : line
          )
          : [...current, {
            key,
            speaker: String(p.speaker),
            user: false,
            content: String(p.text),
            streaming: true,
          }]
      );
    });
    void attempt(props.fail, async () => {
      try {
        const result = await socket.call<RoomSendResult>("room.send", {
          room_id: room.id,
          content,
          stream: true,
        });
        // The replies as kept (cleaned of the speaker's name), with why each persona spoke.
        setLines((current) => [
          ...current.filter((line) => !line.key.startsWith(`${round}-`) || line.user),
          ...result.replies.map((reply) => ({
            key: reply.message_id,
            speaker: reply.speaker,
            user: false,
            content: reply.content,
            streaming: false,
            meta: metaOf(reply),
          })),
        ]);
        if (result.replies.length === 0) props.fail("Nobody answered this time");
      } finally {
        stop();
        setBusy(false);
        props.onChanged();
      }
    });
  };

  const member = (personaId: string, join: boolean) =>
    attempt(props.fail, async () => {
      await api(`/rooms/${room.id}/members/${personaId}`, { method: join ? "PUT" : "DELETE" });
      props.onChanged();
    });

  return (
    <div aria-labelledby="room-open-title">
      <h4 id="room-open-title">{room.name}</h4>
      <fieldset>
        <legend>Present ({room.members.length})</legend>
        {personas.value.map((persona) => (
          <label key={persona.id} style={{ fontWeight: 400 }}>
            <input
              type="checkbox"
              checked={present.has(persona.id)}
              onChange={() => void member(persona.id, !present.has(persona.id))}
            />{" "}
            {persona.name} in the room
          </label>
        ))}
      </fieldset>
      <ol class="messages room-messages" aria-live="polite" aria-label="Room transcript">
        {lines.map((line) => (
          <li
            key={line.key}
            class={`msg ${line.user ? "user" : "persona"}`}
            data-streaming={String(line.streaming)}
          >
            <span class="speaker">{line.speaker}</span>
            {line.content}
            {line.meta && <span class="meta">{line.meta}</span>}
          </li>
        ))}
      </ol>
      {busy && <p class="muted">The personas are answering…</p>}
      <form class="row" onSubmit={say} aria-label="Say something in the room">
        <div class="field" style={{ flex: 1 }}>
          <label for="room-text">Say something</label>
          <input
            id="room-text"
            value={text}
            maxLength={8000}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={busy || !text.trim()}>Say</button>
      </form>
    </div>
  );
}
