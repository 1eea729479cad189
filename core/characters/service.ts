/**
 * Bring your characters: Character Cards in (V1/V2/V3 as JSON, PNG or CHARX) as personas with
 * their assets and lorebook, and personas out as cards (V2 or V3, JSON, PNG or CHARX).
 *
 * A card without this server's own data gets its Big Five from the model when one is reachable
 * (`traits_source: "inferred"`), else neutral scores (`"neutral"`).
 *
 * @module
 */
import { Conflict, InvalidInput } from "../errors.ts";
import { exportedBook } from "../lore/entry_position.ts";
import { mendedName, type Persona, PersonaCreate } from "../personas/mod.ts";
import { mainIcon, mimeOf, type StoredAsset } from "./assets.ts";
import {
  type CardFormat,
  decodeCardFile,
  decodeCardJson,
  encodeCard,
  type EncodedCard,
} from "./codec.ts";
import { imageExt } from "./image_type.ts";
import { cardFromPersona, characterText, personaFromCard } from "./persona_card.ts";
import { assertPersonaFits, namedTooLarge } from "./persona_budget.ts";
import { fittedName, sameNameOrThrow, taken } from "./import_names.ts";
import { placeholderAvatar } from "./placeholder.ts";
import { type ReplacedParts, replaceNotes } from "./replace_notes.ts";
import { ratedTraits } from "./traits.ts";
import type { CharacterDeps, ImportCardInput, ImportedCard } from "./types.ts";

/** Character Card import and export. */
export class CharacterService {
  readonly #deps: CharacterDeps;

  /** Creates the service. */
  constructor(deps: CharacterDeps) {
    this.#deps = deps;
  }

  /** Largest card file accepted. */
  get maxBytes(): number {
    return this.#deps.settings.maxBytes;
  }

  /** Imports a card as a new persona (or over the one of that name, with `replace`). */
  async importCard(input: ImportCardInput): Promise<ImportedCard> {
    const decoded = input.file
      ? decodeCardFile(input.file, { maxBytes: this.maxBytes })
      : decodeCardJson(input.card);
    // Measured before it is copied, validated or rated: an oversize card costs no model call.
    assertPersonaFits(decoded.data, "card.data");
    const { fields, ours } = personaFromCard(decoded.data);
    const notes: string[] = [...decoded.notes];
    // Our own exports write `model: null` for a persona without one: no model named, no note.
    const named = typeof ours?.model === "string" ? ours.model : undefined;
    const model = input.useCardModel ? named : undefined;
    if (named !== undefined && model === undefined) {
      notes.push(
        `The card names the model "${named}"; the default model is used (pass use_card_model to use it)`,
      );
    }
    const onConflict = input.onConflict ?? "error";
    const wanted = input.name?.trim() || mendedName(fittedName(fields.name, notes), notes);
    const existing = await this.#deps.personas.findByName(wanted);
    if (existing && onConflict === "error") throw taken(wanted, existing);
    // Replace overwrites the persona of that name only, never one whose name merely looks alike.
    if (existing && onConflict === "replace") sameNameOrThrow(wanted, existing);
    const { traits, source } = ours?.personality_traits
      ? { traits: ours.personality_traits, source: ours.traits_source ?? "set" }
      : await ratedTraits(this.#deps, {
        name: fields.name,
        text: characterText(fields),
        signal: input.signal,
      });
    const parsed = PersonaCreate.safeParse({
      ...fields,
      name: wanted,
      personality_traits: traits,
      traits_source: source,
      ...(ours?.backstory !== undefined ? { backstory: ours.backstory } : {}),
      ...(ours?.goals !== undefined ? { goals: ours.goals } : {}),
      ...(ours?.topic_preferences !== undefined
        ? { topic_preferences: ours.topic_preferences }
        : {}),
      ...(ours?.speaking_style !== undefined ? { speaking_style: ours.speaking_style } : {}),
      ...(model !== undefined ? { model } : {}),
    });
    if (!parsed.success) {
      const fieldIssues = parsed.error.issues.map((issue) => ({
        field: `card.data.${issue.path.join(".")}`,
        message: issue.message,
      }));
      throw new InvalidInput(
        `Invalid character card: ${fieldIssues[0]?.field} ${fieldIssues[0]?.message}`,
        fieldIssues,
      );
    }
    // zod leaves a card's own `__proto__` keys out: they are data, so the checked objects stay.
    parsed.data.extensions = fields.extensions;
    parsed.data.card_extras = fields.card_extras;
    let replace = existing && onConflict === "replace" ? existing : undefined;
    const save = (target: Persona | undefined) =>
      this.#deps.atomically(async () => {
        const saved = target
          ? await this.#deps.personas.update(target.id, parsed.data)
          // The free name is chosen as the row is written: imports at once each get their own.
          : await this.#deps.personas.create(parsed.data, { rename: onConflict === "rename" });
        await this.#deps.assets.replace(saved.id, decoded.assets);
        await this.#deps.lore.setOwnBook(saved, decoded.data.character_book);
        return saved;
      });
    const before = replace && await this.#parts(replace.id);
    let persona: Persona;
    try {
      persona = await save(replace);
    } catch (error) {
      // Over the cap with what the persona adds (ids, traits): the card's heaviest fields named.
      const named = namedTooLarge(error, { persona: parsed.data, data: decoded.data });
      if (named) throw named;
      if (!(error instanceof Conflict) || onConflict !== "replace" || replace) throw error;
      // The name was free when looked up, and another import (or create) took it since: parallel
      // first imports of one card each replace the persona the first one created.
      const now = await this.#deps.personas.findByName(wanted);
      if (!now) throw error;
      replace = sameNameOrThrow(wanted, now);
      persona = await save(replace);
    }
    if (persona.name !== parsed.data.name) {
      notes.push(`The name "${wanted}" was taken; imported as "${persona.name}"`);
    }
    const own = await this.#deps.lore.ownBook(persona.id);
    const avatar = await this.avatar(persona.id) !== null;
    if (before && replace) {
      const after = { avatar, ownEntries: own ? own.book.entries.length : null };
      notes.push(...replaceNotes(persona.name, { before, after }));
    }
    return {
      persona,
      spec: decoded.spec,
      format: decoded.format,
      traits_source: persona.traits_source,
      lorebook_id: own?.id ?? null,
      assets: decoded.assets.length,
      avatar,
      replaced: replace !== undefined,
      notes,
    };
  }

  async #parts(personaId: string): Promise<ReplacedParts> {
    const own = await this.#deps.lore.ownBook(personaId);
    return {
      avatar: await this.avatar(personaId) !== null,
      ownEntries: own?.book.entries.length ?? null,
    };
  }

  /** `persona` as a card file. */
  async exportCard(
    persona: Persona,
    options: { format: CardFormat; spec: "v2" | "v3" },
  ): Promise<EncodedCard> {
    const data = cardFromPersona(persona, {
      relationships: await this.#deps.relationshipsOf?.(persona),
    });
    const own = await this.#deps.lore.ownBook(persona.id);
    // Entry positions as the V3 spec has them (`lore/entry_position.ts`).
    if (own) data.character_book = exportedBook(own.book);
    return encodeCard({
      data,
      assets: await this.#deps.assets.list(persona.id),
      spec: options.spec,
      format: options.format,
      placeholder: () => placeholderAvatar(persona.name),
      maxBytes: this.maxBytes,
    });
  }

  /** The persona's avatar (its main icon's bytes), or null. */
  async avatar(personaId: string): Promise<{ data: Uint8Array; mime: string } | null> {
    const icon = mainIcon(await this.#deps.assets.list(personaId));
    // Typed by its bytes: an icon stored before imports checked them may be anything (SVG).
    const ext = icon?.data ? imageExt(icon.data) : null;
    return icon?.data && ext ? { data: icon.data, mime: mimeOf(ext) } : null;
  }

  /** Each persona that has an avatar: its type and size (only the icons' first bytes are read). */
  async avatarSummaries(): Promise<Map<string, { mime: string; size_bytes: number }>> {
    const icons = Map.groupBy(await this.#deps.assets.icons(), (icon) => icon.persona_id);
    const summaries = new Map<string, { mime: string; size_bytes: number }>();
    for (const [personaId, list] of icons) {
      const icon = mainIcon(list);
      // Typed by its first bytes, as avatar() does: an icon stored before imports checked icons
      // (SVG bytes, whatever its extension) is not listed, as it is not served.
      const ext = icon?.head ? imageExt(icon.head) : null;
      if (icon?.bytes && ext) {
        summaries.set(personaId, { mime: mimeOf(ext), size_bytes: icon.bytes });
      }
    }
    return summaries;
  }

  /** The persona's assets (for bundles). */
  async assets(personaId: string): Promise<StoredAsset[]> {
    return await this.#deps.assets.list(personaId);
  }

  /** Replaces the persona's assets (for bundles). */
  async setAssets(personaId: string, assets: readonly StoredAsset[]): Promise<void> {
    await this.#deps.assets.replace(personaId, assets);
  }

  /** Sets (bytes) or removes (null) the persona's avatar; PNG, JPEG, WebP or GIF. */
  async setAvatar(personaId: string, image: Uint8Array | null): Promise<void> {
    const assets = await this.#deps.assets.list(personaId);
    const main = mainIcon(assets);
    const others = assets.filter((asset) => asset !== main);
    if (image === null) {
      await this.#deps.assets.replace(personaId, others);
      return;
    }
    const ext = imageExt(image);
    if (!ext) {
      throw new InvalidInput("The avatar must be a PNG, JPEG, WebP or GIF image", [
        { field: "avatar", message: "is not a PNG, JPEG, WebP or GIF image" },
      ]);
    }
    await this.#deps.assets.replace(personaId, [
      { type: "icon", name: "main", ext, data: image },
      ...others,
    ]);
  }
}
