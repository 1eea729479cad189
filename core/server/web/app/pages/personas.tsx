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

const TRAITS = [
  "openness",
  "conscientiousness",
  "extraversion",
  "agreeableness",
  "neuroticism",
] as const;
type Traits = Record<(typeof TRAITS)[number], number>;

interface Draft {
  id: string | null;
  name: string;
  description: string;
  backstory: string;
  speaking_style: string;
  goals: string;
  topics: string;
  traits: Traits;
}

const EMPTY: Draft = {
  id: null,
  name: "",
  description: "",
  backstory: "",
  speaking_style: "",
  goals: "",
  topics: "",
  traits: {
    openness: 0.5,
    conscientiousness: 0.5,
    extraversion: 0.5,
    agreeableness: 0.5,
    neuroticism: 0.5,
  },
};

function draftOf(persona: Persona): Draft {
  return {
    id: persona.id,
    name: persona.name,
    description: persona.description,
    backstory: persona.backstory,
    speaking_style: persona.speaking_style,
    goals: persona.goals.join("\n"),
    topics: Object.entries(persona.topic_preferences).map(([t, v]) => `${t}: ${v}`).join(", "),
    traits: { ...persona.personality_traits },
  };
}

/** `music: 90, travel: 40` → `{music: 90, travel: 40}`. */
function parseTopics(text: string): Record<string, number> {
  const topics: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [name, value] = part.split(":").map((piece) => piece.trim());
    if (name) topics[name] = Number(value ?? 50);
  }
  return topics;
}

function bodyOf(draft: Draft): Record<string, unknown> {
  return {
    name: draft.name,
    description: draft.description,
    backstory: draft.backstory,
    speaking_style: draft.speaking_style,
    goals: draft.goals.split("\n").map((goal) => goal.trim()).filter(Boolean),
    topic_preferences: parseTopics(draft.topics),
    personality_traits: draft.traits,
  };
}

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

function PersonaForm(props: { draft: Draft; onDone(): void }) {
  const [draft, setDraft] = useState(props.draft);
  const [error, setError] = useState<string | null>(null);
  const words = describeTraits(draft.traits);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const save = (event: Event) => {
    event.preventDefault();
    void attempt(setError, async () => {
      if (draft.id === null) {
        await api("/personas", { method: "POST", body: bodyOf(draft) });
      } else await api(`/personas/${draft.id}`, { method: "PATCH", body: bodyOf(draft) });
      await loadPersonas();
      props.onDone();
    });
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="persona-form-title">
      <h3 id="persona-form-title">{draft.id === null ? "New persona" : `Edit ${draft.name}`}</h3>
      <div class="field">
        <label for="p-name">Name</label>
        <input
          id="p-name"
          required
          maxLength={64}
          value={draft.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="p-description">Description</label>
        <textarea
          id="p-description"
          value={draft.description}
          onInput={(e) => set({ description: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="p-style">Speaking style</label>
        <input
          id="p-style"
          value={draft.speaking_style}
          onInput={(e) => set({ speaking_style: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="p-backstory">Backstory</label>
        <textarea
          id="p-backstory"
          value={draft.backstory}
          onInput={(e) => set({ backstory: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="p-goals">
          Goals <span class="hint">(one per line)</span>
        </label>
        <textarea
          id="p-goals"
          value={draft.goals}
          onInput={(e) => set({ goals: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for="p-topics">
          Topics <span class="hint">(topic: interest 0-100, comma-separated)</span>
        </label>
        <input
          id="p-topics"
          value={draft.topics}
          onInput={(e) => set({ topics: e.currentTarget.value })}
        />
      </div>
      <fieldset class="field">
        <legend>Personality (Big Five)</legend>
        {TRAITS.map((trait, index) => (
          <div key={trait} class="field">
            <label for={`p-${trait}`}>
              {trait} <span class="hint">{draft.traits[trait].toFixed(2)}: {words[index]}</span>
            </label>
            <input
              id={`p-${trait}`}
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={draft.traits[trait]}
              aria-valuetext={`${draft.traits[trait].toFixed(2)}, ${words[index]}`}
              onInput={(e) =>
                set({ traits: { ...draft.traits, [trait]: Number(e.currentTarget.value) } })}
            />
          </div>
        ))}
      </fieldset>
      <Status error={error} />
      <div class="row">
        <button type="submit">{draft.id === null ? "Create persona" : "Save changes"}</button>
        <button type="button" class="secondary" onClick={props.onDone}>Cancel</button>
      </div>
    </form>
  );
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
            <Avatar name={persona.name} />
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
