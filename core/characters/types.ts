/**
 * What the Character Card service is built from and what its imports take and give: its
 * settings and dependencies, an import's input and its outcome.
 *
 * @module
 */
import type { LlmClient } from "../llm/client.ts";
import type { Logger } from "../log.ts";
import type { LoreService } from "../lore/service.ts";
import type { Persona, PersonaService, TraitsSource } from "../personas/mod.ts";
import type { DecodedCard } from "./codec.ts";
import type { RelationshipSummary } from "./persona_card.ts";
import type { AssetRepository } from "./repository.ts";

/** Tunables of card import. */
export interface CharacterSettings {
  /** Largest card file, and the most a CHARX may expand to. */
  maxBytes: number;
  /** The model that rates imported characters. */
  defaultModel: string;
  /** Longest the model may take to rate a character. */
  inferTimeoutMs: number;
}

/** What the service is built from. */
export interface CharacterDeps {
  personas: PersonaService;
  assets: AssetRepository;
  lore: LoreService;
  llm: LlmClient;
  log: Logger;
  settings: CharacterSettings;
  /** Runs writes in one transaction. */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /** A summary of a persona's relationships, for exports. */
  relationshipsOf?: (persona: Persona) => Promise<RelationshipSummary[]>;
}

/** What to do when the card's name is taken. */
export type OnConflict = "error" | "rename" | "replace";

/** A card to import: a file's bytes, or the card's JSON value. */
export interface ImportCardInput {
  file?: Uint8Array;
  card?: unknown;
  /** A name to use instead of the card's. */
  name?: string;
  onConflict?: OnConflict;
  /**
   * Use the model the card names in `extensions["persona-mcp"].model` (default false: a card
   * from elsewhere must not choose which model, maybe a paid one, the server calls).
   */
  useCardModel?: boolean;
  signal?: AbortSignal;
}

/** The outcome of an import. */
export interface ImportedCard {
  persona: Persona;
  spec: DecodedCard["spec"];
  format: DecodedCard["format"];
  traits_source: TraitsSource;
  lorebook_id: string | null;
  assets: number;
  avatar: boolean;
  replaced: boolean;
  notes: string[];
}
