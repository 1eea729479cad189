/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Small shared pieces of the dashboard: the persona list every page shares, status lines, a
 * confirmation dialog, avatars and number formatting.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { signal } from "@preact/signals";
import { api, describeError, download } from "./api.ts";
import type { Persona } from "./types.ts";

/** Every persona, as last loaded. */
export const personas = signal<Persona[]>([]);
/** The persona the chat and memory pages look at. */
export const currentPersonaId = signal<string>("");

/**
 * Reloads {@linkcode personas}, every page of them (a page stops early when its personas would
 * pass the server's reply limit); keeps the current persona when it still exists.
 */
export async function loadPersonas(): Promise<void> {
  const list: Persona[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const page: { personas: Persona[]; next_cursor: string | null } = await api(
      `/personas?limit=100${query}`,
    );
    list.push(...page.personas);
    cursor = page.next_cursor;
  } while (cursor !== null);
  personas.value = list;
  if (!list.some((persona) => persona.id === currentPersonaId.value)) {
    currentPersonaId.value = list[0]?.id ?? "";
  }
}

/** A line that says what worked or what failed. */
export function Status(props: { error?: string | null; ok?: string | null }) {
  if (props.error) return <p class="status error" role="alert">{props.error}</p>;
  if (props.ok) return <p class="status ok" role="status">{props.ok}</p>;
  return null;
}

/** Runs `work`, reporting a failure through `fail`. */
export async function attempt(
  fail: (message: string | null) => void,
  work: () => Promise<unknown>,
): Promise<void> {
  fail(null);
  try {
    await work();
  } catch (error) {
    fail(describeError(error));
  }
}

/** A picker of the current persona. */
export function PersonaPicker(props: { id: string; label?: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label ?? "Persona"}</label>
      <select
        id={props.id}
        value={currentPersonaId.value}
        onChange={(event) => currentPersonaId.value = event.currentTarget.value}
      >
        {personas.value.map((persona) => (
          <option key={persona.id} value={persona.id}>{persona.name}</option>
        ))}
      </select>
    </div>
  );
}

const AVATAR_COLOURS = ["#2450b3", "#8a2c8f", "#1d6b35", "#a4161a", "#7a4b00", "#255f73"];

/** Object URLs of avatars already fetched, by persona id and size (a new image, a new key). */
const avatarUrls = new Map<string, Promise<string>>();

/** Forgets the avatar of `personaId` (after it changed). */
export function forgetAvatar(personaId: string): void {
  for (const key of avatarUrls.keys()) {
    if (key.startsWith(`${personaId}|`)) avatarUrls.delete(key);
  }
}

/**
 * The persona's avatar: its image when it has one (fetched with the token, shown from a blob),
 * otherwise a round badge with its initial, its colour chosen by the name.
 */
export function Avatar(
  props: { persona: Pick<Persona, "id" | "name" | "avatar">; large?: boolean },
) {
  const { persona } = props;
  const key = persona.avatar ? `${persona.id}|${persona.avatar.size_bytes}` : "";
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    setSrc(null);
    if (!key) return;
    let live = true;
    if (!avatarUrls.has(key)) {
      avatarUrls.set(
        key,
        download(`/personas/${persona.id}/avatar`).then((blob) => URL.createObjectURL(blob)),
      );
    }
    avatarUrls.get(key)!.then((url) => live && setSrc(url)).catch(() => avatarUrls.delete(key));
    return () => {
      live = false;
    };
  }, [key]);
  const size = props.large ? " large" : "";
  if (src) return <img class={`avatar${size}`} src={src} alt={`Avatar of ${persona.name}`} />;
  let hash = 0;
  for (const char of persona.name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return (
    <span
      class={`avatar${size}`}
      aria-hidden="true"
      style={{ background: AVATAR_COLOURS[hash % AVATAR_COLOURS.length] }}
    >
      {persona.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** A modal question with Confirm and Cancel; Escape cancels. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onCancel={props.onCancel}>
      <h3 id="confirm-title">{props.title}</h3>
      <div>{props.children}</div>
      <div class="row" style={{ marginTop: "12px" }}>
        <button type="button" class="danger" onClick={props.onConfirm}>{props.confirmLabel}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>Cancel</button>
      </div>
    </dialog>
  );
}

/** `0.4567` → `0.46`. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return typeof value === "number" ? value.toFixed(digits) : "–";
}

/** An ISO time as local date and time. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "–";
}
