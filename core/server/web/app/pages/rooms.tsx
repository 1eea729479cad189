/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Rooms with the user (part of the Conversations page): open a room of personas, see who is in
 * it (join and leave), read its transcript, and say something: the replies stream in one by one,
 * each with its speaker, then show why that persona spoke and its continue score.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { api, sharedSocket } from "../api.ts";
import type { RoomReply, RoomSendResult, RoomView } from "../types.ts";
import { attempt, ConfirmDialog, fixed, personas, Status } from "../ui.tsx";

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

function OpenRoom(props: { room: RoomView; onChanged(): void; fail(e: string | null): void }) {
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

/** Rooms: the list, a form to open one, and the open room. */
export function RoomsPanel() {
  const [rooms, setRooms] = useState<RoomView[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [mode, setMode] = useState<"natural" | "everyone">("natural");
  const [deleting, setDeleting] = useState<RoomView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);

  const load = () =>
    attempt(setError, async () => {
      setRooms((await api<{ rooms: RoomView[] }>("/rooms")).rooms);
    });
  useEffect(() => void load(), []);

  const create = (event: Event) => {
    event.preventDefault();
    void attempt(setError, async () => {
      const made = await api<{ room_id: string; room: RoomView }>("/rooms", {
        method: "POST",
        body: { persona_ids: chosen, reply_mode: mode, ...(name.trim() ? { name } : {}) },
      });
      setOk(`Opened the room ${made.room.name}`);
      setChosen([]);
      setName("");
      setOpenId(made.room_id);
      await load();
    });
  };
  const remove = () =>
    attempt(setError, async () => {
      const room = deleting;
      setDeleting(null);
      if (!room) return;
      await api(`/rooms/${room.id}`, { method: "DELETE" });
      if (openId === room.id) setOpenId(null);
      setOk(`Deleted the room ${room.name}`);
      await load();
    });
  const open = rooms.find((room) => room.id === openId);

  return (
    <section class="card" aria-labelledby="rooms-title" style={{ marginTop: "16px" }}>
      <h3 id="rooms-title">Rooms with you</h3>
      <Status error={error} ok={ok} />
      <div class="split">
        <div>
          {open
            ? <OpenRoom room={open} onChanged={() => void load()} fail={setError} />
            : <p class="muted">Open a room to talk with several personas at once.</p>}
        </div>
        <div>
          <ul style={{ paddingLeft: "18px" }} aria-label="Rooms">
            {rooms.map((room) => (
              <li key={room.id}>
                <button
                  type="button"
                  class="secondary"
                  aria-pressed={room.id === openId}
                  onClick={() => setOpenId(room.id)}
                >
                  {room.name}
                </button>{" "}
                <span class="small muted">
                  {room.members.length} present, {room.message_count} lines
                </span>{" "}
                <button
                  type="button"
                  class="danger"
                  aria-label={`Delete room ${room.name}`}
                  onClick={() => setDeleting(room)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={create} aria-label="Open a room">
            <fieldset>
              <legend>Personas in the new room</legend>
              {personas.value.map((persona) => (
                <label key={persona.id} style={{ fontWeight: 400 }}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(persona.id)}
                    onChange={() =>
                      setChosen((current) =>
                        current.includes(persona.id)
                          ? current.filter((id) => id !== persona.id)
                          : [...current, persona.id]
                      )}
                  />{" "}
                  {persona.name} joins
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="room-name">
                Room name <span class="hint">(optional)</span>
              </label>
              <input id="room-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="room-mode">Who answers</label>
              <select
                id="room-mode"
                value={mode}
                onChange={(e) => setMode(e.currentTarget.value as "natural" | "everyone")}
              >
                <option value="natural">Whoever wants to (natural)</option>
                <option value="everyone">Everyone present</option>
              </select>
            </div>
            <button type="submit" disabled={chosen.length === 0}>Open room</button>
          </form>
        </div>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the room ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      >
        Its transcript goes too; what the personas remember stays.
      </ConfirmDialog>
    </section>
  );
}
