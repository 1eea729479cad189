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
import { api } from "../api.ts";
import type { RoomView } from "../types.ts";
import { attempt, ConfirmDialog, personas, Status } from "../ui.tsx";
import { OpenRoom } from "./open_room.tsx";

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
