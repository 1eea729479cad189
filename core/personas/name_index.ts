/**
 * The stored personas' names by key (`name_key.ts`), for lookups that cost one map step whatever
 * the number of personas: which persona a name names, and whether a name is a persona's id. Built
 * once per load of the persona cache (`repository.ts`) and kept in step with its writes; each
 * stored name's keys are computed once (at the first lookup that needs them: a name spelt exactly
 * so needs none), and kept across loads while the name is unchanged.
 *
 * @module
 */
import { type NameKeys, nameKeys } from "./name_key.ts";
import { NAME_MAX } from "./name_rules.ts";

/**
 * Longest text a lookup computes keys for: four times the longest name, room for default-ignorable
 * characters and compatibility forms. A longer text names no persona (only a stored name spelt
 * exactly so, if any), and costs no key computation nor memory.
 */
export const LOOKUP_MAX = 4 * NAME_MAX;

/** How a name matched: spelt so, the same name, or a look-alike (`name_key.ts`). */
export type NameMatch = "exact" | "same" | "alike";

/** A persona a name names. */
export interface NamedPersona {
  readonly id: string;
  readonly name: string;
  readonly match: NameMatch;
}

interface Entry {
  readonly id: string;
  readonly name: string;
  /** Its place, oldest first: the first of several with one name is the oldest. */
  readonly order: number;
  /** Its keys, computed when a map of keys is first needed (a name spelt so needs none). */
  keys: NameKeys | undefined;
}

type KeyForm = "folded" | "lower" | "upper" | "typed";

/**
 * The personas of one key, oldest first: one id alone (nearly every key: no array to make for
 * each of 10,000 names in five maps), or a list.
 */
type Ids = string | string[];
const FORMS: readonly KeyForm[] = ["folded", "lower", "upper", "typed"];

/** Persona ids by name key, oldest first; see the module's documentation. */
export class NameIndex {
  readonly #entries = new Map<string, Entry>();
  readonly #exact = new Map<string, Ids>();
  /**
   * Ids by key form, each map built at its first lookup (a name spelt exactly so needs none;
   * the same name, only `folded`), then kept in step with every change.
   */
  readonly #byKey: Partial<Record<KeyForm, Map<string, Ids>>> = {};
  /** Persona ids lower-cased, to the id (built at its first lookup). */
  #ids: Map<string, string> | null = null;
  readonly #keysOf: (name: string) => NameKeys;
  #next = 0;

  /**
   * Indexes `rows` (oldest first). Names `previous` indexed keep their keys (not computed again);
   * `keysOf` computes the others (tests count its calls).
   */
  constructor(
    rows: Iterable<{ readonly id: string; readonly name: string }>,
    options: { previous?: NameIndex | null; keysOf?: (name: string) => NameKeys } = {},
  ) {
    this.#keysOf = options.keysOf ?? nameKeys;
    const previous = options.previous ? options.previous.#entries : null;
    for (const row of rows) this.#add(row.id, row.name, previous?.get(row.id));
  }

  /** Number of personas indexed. */
  get size(): number {
    return this.#entries.size;
  }

  /** Indexes `name` as the persona `id`'s: a new persona goes last (newest); a renamed one keeps its place. */
  put(id: string, name: string): void {
    const known = this.#entries.get(id);
    if (known?.name === name) return;
    if (known) this.remove(id);
    this.#add(id, name, undefined, known?.order);
  }

  /** Forgets the persona `id`. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    unlist(this.#exact, entry.name, id);
    for (const form of FORMS) {
      const map = this.#byKey[form];
      if (map) unlist(map, this.#keysFor(entry)[form], id);
    }
    this.#ids?.delete(id.toLowerCase());
  }

  /**
   * The persona (other than `exceptId`) that `name` names: the oldest spelt exactly so, else the
   * oldest with the same name, else the oldest look-alike; undefined when none, or when `name` is
   * longer than {@linkcode LOOKUP_MAX} and no name is spelt so.
   */
  find(name: string, exceptId = ""): NamedPersona | undefined {
    const exact = this.#oldest([this.#exact.get(name)], exceptId);
    if (exact) return { id: exact.id, name: exact.name, match: "exact" };
    if (name.length > LOOKUP_MAX) return undefined;
    const keys = this.#keysOf(name);
    const same = this.#oldest([this.#keyed("folded").get(keys.folded)], exceptId);
    if (same) return { id: same.id, name: same.name, match: "same" };
    const alike = this.#oldest(
      [
        this.#keyed("lower").get(keys.lower),
        this.#keyed("upper").get(keys.upper),
        this.#keyed("typed").get(keys.typed),
      ],
      exceptId,
    );
    return alike && { id: alike.id, name: alike.name, match: "alike" };
  }

  /** The id of the persona whose id `name` is (any case, as names compare), if any. */
  idNamed(name: string): string | undefined {
    if (name.length > LOOKUP_MAX) return undefined;
    if (this.#ids === null) {
      this.#ids = new Map();
      for (const id of this.#entries.keys()) this.#ids.set(id.toLowerCase(), id);
    }
    return this.#ids.get(this.#keysOf(name).folded);
  }

  /** The ids by their names' keys of `form`, built now if not yet (oldest first in each list). */
  #keyed(form: KeyForm): Map<string, Ids> {
    let map = this.#byKey[form];
    if (map === undefined) {
      map = new Map();
      // In any order: a lookup takes the oldest of a list by `order`.
      for (const entry of this.#entries.values()) list(map, this.#keysFor(entry)[form], entry.id);
      this.#byKey[form] = map;
    }
    return map;
  }

  #add(id: string, name: string, previous?: Entry, order = this.#next++): void {
    const entry: Entry = {
      id,
      name,
      order,
      keys: previous?.name === name ? previous.keys : undefined,
    };
    this.#entries.set(id, entry);
    list(this.#exact, name, id);
    for (const form of FORMS) {
      const map = this.#byKey[form];
      if (map) list(map, this.#keysFor(entry)[form], id);
    }
    this.#ids?.set(id.toLowerCase(), id);
  }

  #keysFor(entry: Entry): NameKeys {
    return entry.keys ??= this.#keysOf(entry.name);
  }

  #oldest(
    lists: ReadonlyArray<Ids | undefined>,
    exceptId: string,
  ): Entry | undefined {
    let oldest: Entry | undefined;
    for (const ids of lists) {
      for (const id of typeof ids === "string" ? [ids] : ids ?? []) {
        if (id === exceptId) continue;
        const entry = this.#entries.get(id)!;
        if (!oldest || entry.order < oldest.order) oldest = entry;
      }
    }
    return oldest;
  }
}

function list(map: Map<string, Ids>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, id);
  else if (typeof ids === "string") map.set(key, [ids, id]);
  else ids.push(id);
}

function unlist(map: Map<string, Ids>, key: string, id: string): void {
  const ids = map.get(key);
  if (ids === undefined) return;
  const rest = typeof ids === "string"
    ? [ids].filter((other) => other !== id)
    : ids.filter((other) => other !== id);
  if (rest.length > 1) map.set(key, rest);
  else if (rest.length === 1) map.set(key, rest[0]!);
  else map.delete(key);
}
