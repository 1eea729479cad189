/**
 * Persona rules: unique names (one name in any case, compatibility form or look-alike spelling:
 * `name_key.ts`), complete Big Five traits, lookup by id or name, and deletion that takes
 * everything belonging to the persona with it.
 *
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";
import { ImportLeases } from "./import_lease.ts";
import { PersonaNotFound } from "../errors.ts";
import { assertNameAllowed, assertNameUnheld, NAMES_LOCK, takenNames } from "./name_checks.ts";
import { insertPersona } from "./persona_insert.ts";
import { assertWithinSize, patchedPersona } from "./persona_writes.ts";
import type { PersonaRepository } from "./repository.ts";
import type { Persona, PersonaCreate, PersonaPatch } from "./schema.ts";
import { type NameRewrite, normalizeStoredNames } from "./stored_names.ts";
import { discardCutOff, repeatSweep } from "./unfinished_imports.ts";

/** Called after a persona is deleted, for cleanup outside the database (vector stores, sessions). */
export type PersonaDeleteHook = (persona: Persona) => void | Promise<void>;

/** How {@linkcode PersonaService.create} creates a persona. */
export interface CreateOptions {
  /** Take the first free "Name (2)", ... when the name is taken (else a Conflict). */
  rename?: boolean;
  /** Writes that commit with the persona, or fail with it (its avatar); see `create`. */
  alongside?: (persona: Persona) => Promise<void>;
}

/** Persona use cases. */
export class PersonaService {
  readonly #repository: PersonaRepository;
  readonly #clock: Clock;
  readonly #deleteHooks: PersonaDeleteHook[] = [];
  readonly #discardHooks: PersonaDeleteHook[] = [];
  readonly #cutOffHooks: PersonaDeleteHook[] = [];
  /** The ids of the imports running in this process (never taken for cut off here). */
  readonly #importing = new Set<string>();
  /** This node's name, in the marks of its imports. */
  readonly #node: string;
  /** The marks of this node's running imports, kept fresh (`import_lease.ts`). */
  readonly #leases: ImportLeases;

  /**
   * Creates the service over a repository (`node`: this node's name, random by default;
   * `leaseRefreshMs`: how often a running import refreshes its mark, tests only).
   */
  constructor(
    repository: PersonaRepository,
    clock: Clock,
    options: { node?: string; leaseRefreshMs?: number } = {},
  ) {
    this.#repository = repository;
    this.#clock = clock;
    this.#node = options.node || crypto.randomUUID().slice(0, 8);
    this.#leases = new ImportLeases({
      node: this.#node,
      now: () => repository.databaseNow(),
      everyMs: options.leaseRefreshMs,
      refresh: (id, mark) => repository.refreshImport(id, mark),
    });
  }

  /** Runs `hook` after every deletion. */
  onDelete(hook: PersonaDeleteHook): void {
    this.#deleteHooks.push(hook);
  }

  /**
   * Adds a hook run when an unfinished import is discarded, before its persona is deleted (its
   * attachments are still there): for rows the import wrote that are not the persona's own
   * (shared lorebooks).
   */
  onDiscardImport(hook: PersonaDeleteHook): void {
    this.#discardHooks.push(hook);
  }

  /** Adds a hook run after a cut-off import's persona is deleted (for writes landing late). */
  onImportCutOff(hook: PersonaDeleteHook): void {
    this.#cutOffHooks.push(hook);
  }

  /** Every persona. */
  list(): Promise<Persona[]> {
    return this.#repository.list();
  }

  /** Number of personas. */
  count(): Promise<number> {
    return this.#repository.count();
  }

  /** The persona with `id`, or undefined. */
  find(id: string): Promise<Persona | undefined> {
    return this.#repository.findById(id);
  }

  /** The persona with `id`; throws {@linkcode PersonaNotFound}. */
  async get(id: string): Promise<Persona> {
    const persona = await this.#repository.findById(id);
    if (!persona) throw new PersonaNotFound(id);
    return persona;
  }

  /**
   * The persona named `name`, or undefined: the one spelt so, else the same name in any case or
   * Unicode form, else a look-alike (`name_key.ts`); oldest first where several are.
   */
  findByName(name: string): Promise<Persona | undefined> {
    return this.#repository.findByName(name.trim().normalize("NFC"));
  }

  /** The persona whose id is `idOrName`, else the one `idOrName` names ({@linkcode findByName}). */
  async resolve(idOrName: string): Promise<Persona> {
    const persona = await this.#repository.findById(idOrName) ??
      await this.#repository.findByName(idOrName.trim().normalize("NFC"));
    if (!persona) throw new PersonaNotFound(idOrName);
    return persona;
  }

  /**
   * The persona a chat `sender` names (by id or by name, any case), other than `exceptId`; a
   * persona talking to another is how relationships reach the chat prompt.
   */
  async matchSender(sender: string, exceptId: string): Promise<Persona | undefined> {
    const persona = await this.#repository.findSender(sender);
    return persona && persona.id !== exceptId ? persona : undefined;
  }

  /**
   * Creates a persona; a taken name is a {@linkcode Conflict}, or with `rename`, the first free
   * name of "Name (2)", "Name (3)", ... (chosen as the row is written: concurrent creates each
   * get their own). `alongside` writes what must commit with the persona (its avatar): it runs
   * in the same transaction, after the persona's row, so when it fails nothing was created (the
   * name is free again).
   */
  create(input: PersonaCreate, options: CreateOptions = {}): Promise<Persona> {
    return insertPersona(this.#deps(), input, { ...options, mark: null });
  }

  /**
   * Creates the persona an import is about to write, as {@linkcode create}, marked in the same
   * write: no list, lookup or other request sees it (its name is taken all the same) until
   * {@linkcode finishImport}; run its writes in {@linkcode whileImporting}. A crash before then
   * leaves it to {@linkcode discardUnfinishedImports}. `createdAt`: the bundle's creation time,
   * kept (its `updated_at` is now).
   */
  async createImporting(
    input: PersonaCreate,
    options: { rename?: boolean; createdAt?: string } = {},
  ): Promise<Persona> {
    const mark = await this.#leases.mark();
    const persona = await insertPersona(this.#deps(), input, { ...options, mark });
    this.#importing.add(persona.id);
    return persona;
  }

  /**
   * Shows the imported `persona` (one write); {@linkcode PersonaNotFound} when it was deleted
   * meanwhile (its import taken for cut off by a start, {@linkcode discardUnfinishedImports}).
   */
  async finishImport(persona: Persona): Promise<void> {
    this.#importing.delete(persona.id);
    if (!await this.#repository.finishImport(persona)) throw new PersonaNotFound(persona.id);
  }

  /**
   * Runs an import's `work`, which sees `persona` (its own, unfinished) by id and by name; its
   * mark is refreshed meanwhile (a lease: `import_lease.ts`), so no node takes it for cut off.
   */
  async whileImporting<T>(persona: Persona, work: () => Promise<T>): Promise<T> {
    const release = this.#leases.hold(persona.id);
    try {
      return await this.#repository.whileImporting(persona, work);
    } finally {
      await release();
    }
  }

  /**
   * Deletes the persona of an import that failed, unfinished, with everything written for it
   * (as {@linkcode delete}, delete hooks included).
   */
  async discardImport(persona: Persona): Promise<void> {
    this.#importing.delete(persona.id);
    for (const hook of this.#discardHooks) await hook(persona);
    await this.#repository.delete(persona.id);
    for (const hook of this.#deleteHooks) await hook(persona);
  }

  /**
   * Deletes the personas of imports a crash cut off (as {@linkcode discardImport}); run at a
   * start, after every delete hook is added. With `shared` (PostgreSQL: other nodes may be
   * importing now) only marks of this node's name (`NODE_ID`, the same after a restart) or stale
   * ones (a lease not refreshed for `IMPORT_LEASE_LIMIT_MS`, an older version's mark
   * `ABANDONED_IMPORT_MS` old); else all (SQLite: one server). An import whose persona
   * is deleted so fails at its end, all the same (nothing of it stays). Returns those deleted.
   */
  discardUnfinishedImports(options: { shared: boolean }): Promise<Persona[]> {
    return this.#discardCutOff((node) => !options.shared || node === this.#node);
  }

  /**
   * Deletes the personas of imports whose marks are stale (`import_lease.ts`), on any node
   * but for those running in this process (as {@linkcode discardImport}); run every
   * `IMPORT_SWEEP_MS` on PostgreSQL (`startImportSweep`). Returns those deleted.
   */
  discardAbandonedImports(): Promise<Persona[]> {
    return this.#discardCutOff(() => false);
  }

  /**
   * Runs {@linkcode discardAbandonedImports} every `everyMs`, each found passed to `found` (for
   * the log), an error to `failed`; returns the function that stops it (resolved once a sweep
   * under way is done).
   */
  startImportSweep(
    everyMs: number,
    report: { found: (persona: Persona) => void; failed: (error: unknown) => void },
  ): () => Promise<void> {
    return repeatSweep({ sweep: () => this.discardAbandonedImports(), everyMs, report });
  }

  #deps(): { repository: PersonaRepository; clock: Clock } {
    return { repository: this.#repository, clock: this.#clock };
  }

  /** Discards the unfinished imports not running here that `ours(node)` takes or that are stale. */
  #discardCutOff(ours: (node: string) => boolean): Promise<Persona[]> {
    return discardCutOff({
      repository: this.#repository,
      leases: this.#leases,
      importing: this.#importing,
      discard: async (persona) => {
        await this.discardImport(persona);
        for (const hook of this.#cutOffHooks) await hook(persona);
      },
    }, ours);
  }

  /**
   * Applies a partial update to the persona as stored now; traits merge with the current ones.
   * Updates of one persona take turns (across nodes too), each on top of the one before; a
   * persona deleted meanwhile stays deleted ({@linkcode PersonaNotFound}).
   */
  update(id: string, patch: PersonaPatch): Promise<Persona> {
    return this.#repository.exclusively(`persona:${id}`, async () => {
      const current = await this.#repository.current(id);
      if (!current) throw new PersonaNotFound(id);
      // Only a new or changed name is checked: one stored before the name rules may be sent back.
      if (patch.name !== undefined && patch.name !== current.name) assertNameAllowed(patch.name);
      if (patch.name !== undefined && patch.name !== current.name) {
        // Joins this transaction: the name stays free until it commits.
        await this.#repository.exclusively(
          NAMES_LOCK,
          async () =>
            assertNameUnheld(this.#repository, await takenNames(this.#repository), {
              name: patch.name!,
              exceptId: id,
            }),
        );
      }
      const updated = patchedPersona(current, patch, { at: isoTime(this.#clock.now()) });
      assertWithinSize(updated);
      if (!await this.#repository.update(updated)) throw new PersonaNotFound(id);
      return updated;
    });
  }

  /**
   * Rewrites names stored in another Unicode form than NFC (by versions before the name rules) to
   * NFC, so either spelling finds them and an NFC twin is refused. When the NFC name is another
   * persona's, the older of the two keeps it and the newer takes the first free "Name (2)", ...
   * Runs at every start (a no-op once done, one read); returns each rename, for the log.
   */
  normalizeStoredNames(): Promise<NameRewrite[]> {
    return normalizeStoredNames(this.#repository);
  }

  /** Deletes a persona and everything that belongs to it. */
  async delete(id: string): Promise<Persona> {
    const persona = await this.get(id);
    await this.#repository.delete(id);
    for (const hook of this.#deleteHooks) await hook(persona);
    return persona;
  }
}
