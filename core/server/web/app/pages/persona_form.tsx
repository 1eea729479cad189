/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * The Personas page's form: a persona's fields as a draft, traits as sliders that say their words,
 * and its avatar (replaced from a file or removed).
 *
 * @module
 */
import { useState } from "preact/hooks";
import { describeTraits } from "../../../../chat/traits.ts";
import { api } from "../api.ts";
import type { Persona } from "../types.ts";
import { attempt, Avatar, forgetAvatar, loadPersonas, Status } from "../ui.tsx";

const TRAITS = [
  "openness",
  "conscientiousness",
  "extraversion",
  "agreeableness",
  "neuroticism",
] as const;
type Traits = Record<(typeof TRAITS)[number], number>;

/** A persona being created (`id` null) or edited, as the form holds it. */
export interface Draft {
  id: string | null;
  name: string;
  description: string;
  backstory: string;
  speaking_style: string;
  goals: string;
  topics: string;
  traits: Traits;
  /** The persona as listed (its current avatar), when editing. */
  persona?: Persona;
  /** A new avatar (base64), null to remove it, undefined to leave it. */
  avatar?: string | null;
}

/** The draft of a new persona: empty fields, every trait in the middle. */
export const EMPTY: Draft = {
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

/** The draft that edits `persona`. */
export function draftOf(persona: Persona): Draft {
  return {
    id: persona.id,
    name: persona.name,
    description: persona.description,
    backstory: persona.backstory,
    speaking_style: persona.speaking_style,
    goals: persona.goals.join("\n"),
    topics: Object.entries(persona.topic_preferences).map(([t, v]) => `${t}: ${v}`).join(", "),
    traits: { ...persona.personality_traits },
    persona,
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
    ...(draft.avatar === undefined ? {} : { avatar: draft.avatar }),
  };
}

/** The file's bytes in base64. */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/** The avatar of the persona being edited, a file to replace it and a button to remove it. */
function AvatarField(props: {
  draft: Draft;
  set(patch: Partial<Draft>): void;
  fail(message: string | null): void;
}) {
  const { draft } = props;
  const [preview, setPreview] = useState<string | null>(null);
  const current = draft.avatar === null ? null : draft.persona;
  return (
    <div class="field row">
      {preview
        ? <img class="avatar large" src={preview} alt="The new avatar" />
        : current
        ? <Avatar persona={current} large />
        : <Avatar persona={{ id: "", name: draft.name || "?" }} large />}
      <div>
        <label for="p-avatar">
          Avatar <span class="hint">(PNG, JPEG, WebP or GIF)</span>
        </label>
        <input
          id="p-avatar"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            void attempt(props.fail, async () => {
              props.set({ avatar: await base64Of(file) });
              setPreview(URL.createObjectURL(file));
            });
          }}
        />
        {(draft.persona?.avatar || preview) && draft.avatar !== null && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              props.set({ avatar: draft.persona?.avatar ? null : undefined });
              setPreview(null);
            }}
          >
            Remove avatar
          </button>
        )}
      </div>
    </div>
  );
}

/** The form that creates or edits the persona of `draft`; `onDone` when saved or cancelled. */
export function PersonaForm(props: { draft: Draft; onDone(): void }) {
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
      if (draft.id !== null) forgetAvatar(draft.id);
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
      <AvatarField draft={draft} set={set} fail={setError} />
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
