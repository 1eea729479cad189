/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Personas: the list, a form to create or edit one (traits as sliders with their words), delete,
 * export as JSON and import a JSON file by drag and drop.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { describeTraits } from "../../../../chat/traits.ts";
import { api, download, upload } from "../api.ts";
import type { Persona } from "../types.ts";
import { attempt, Avatar, ConfirmDialog, loadPersonas, personas, Status } from "../ui.tsx";
import { type Draft, draftOf, EMPTY, PersonaForm } from "./persona_form.tsx";

/** Hands `blob` to the browser as a download named `name`. */
function save(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The fields `persona.create` takes, from an exported file (ids and dates dropped). */
function importable(value: Record<string, unknown>): Record<string, unknown> {
  const keep = [
    "name",
    "description",
    "personality_traits",
    "backstory",
    "goals",
    "topic_preferences",
    "speaking_style",
    "model",
  ];
  return Object.fromEntries(Object.entries(value).filter(([key]) => keep.includes(key)));
}

/** The Personas page. */
export function PersonasPage() {
  const [editing, setEditing] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<Persona | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const importFiles = (files: FileList | null) =>
    attempt(setError, async () => {
      for (const file of Array.from(files ?? [])) {
        const json = file.name.endsWith(".persona.json") ? JSON.parse(await file.text()) : null;
        if (json) {
          // A persona exported from this page.
          const body = importable(json.persona ?? json);
          await api("/personas", { method: "POST", body });
          setOk(`Imported ${String(body.name)}`);
        } else {
          // A character card: PNG, CHARX or card JSON (Tavern V2/V3).
          const made = await upload<{ persona?: { name?: string } }>("/personas/import", file);
          setOk(`Imported the card ${made.persona?.name ?? file.name}`);
        }
      }
      await loadPersonas();
    });
  const remove = () =>
    attempt(setError, async () => {
      const persona = deleting;
      setDeleting(null);
      if (!persona) return;
      await api(`/personas/${persona.id}`, { method: "DELETE" });
      setOk(`Deleted ${persona.name} with their memories and relationships`);
      await loadPersonas();
    });

  return (
    <section aria-labelledby="personas-title">
      <h2 id="personas-title">Personas</h2>
      <Status error={error} ok={ok} />
      <div class="row" style={{ marginBottom: "12px" }}>
        <button type="button" onClick={() => setEditing({ ...EMPTY })}>New persona</button>
        <div
          class={`dropzone${over ? " over" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void importFiles(e.dataTransfer?.files ?? null);
          }}
        >
          <label for="p-import">
            Import a character card (PNG, CHARX, JSON) or a persona (.persona.json): drop it here or
            choose it
          </label>
          <input
            id="p-import"
            type="file"
            accept="image/png,application/json,.json,.png,.charx"
            onChange={(e) => void importFiles(e.currentTarget.files)}
          />
        </div>
      </div>
      {editing && <PersonaForm draft={editing} onDone={() => setEditing(null)} />}
      <ul class="grid" style={{ listStyle: "none", padding: 0 }} aria-label="Personas">
        {personas.value.map((persona) => (
          <li key={persona.id} class="card persona-card">
            <Avatar persona={persona} />
            <div class="body">
              <h3>{persona.name}</h3>
              <p>{persona.description}</p>
              <ul class="traits">
                {describeTraits(persona.personality_traits).map((words) => (
                  <li key={words}>{words}</li>
                ))}
              </ul>
              <div class="row">
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setEditing(draftOf(persona))}
                  aria-label={`Edit ${persona.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    save(
                      `${persona.name}.persona.json`,
                      new Blob([JSON.stringify(persona, null, 2)], { type: "application/json" }),
                    )}
                  aria-label={`Export JSON of ${persona.name}`}
                >
                  Export JSON
                </button>
                <button
                  type="button"
                  class="secondary"
                  onClick={() =>
                    void attempt(setError, async () =>
                      save(
                        `${persona.name}.png`,
                        await download(`/personas/${persona.id}/card?format=png`),
                      ))}
                  aria-label={`Export card of ${persona.name}`}
                >
                  Export card
                </button>
                <button
                  type="button"
                  class="danger"
                  onClick={() => setDeleting(persona)}
                  aria-label={`Delete ${persona.name}`}
                >
                  Delete
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? ""}?`}
        confirmLabel="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      >
        Their memories and relationships go too. This cannot be undone.
      </ConfirmDialog>
    </section>
  );
}
