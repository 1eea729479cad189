/**
 * A persona's card assets (bytes as BLOBs, BYTEA on PostgreSQL, in card order); the avatar is the main
 * icon among them.
 *
 * @module
 */
import type { Database, Migration } from "../storage/database.ts";
import type { StoredAsset } from "./assets.ts";

/** Tables owned by the characters module. */
export const characterMigrations: Migration[] = [{
  name: "persona_assets_1",
  sql: `
    CREATE TABLE persona_assets (
      persona_id TEXT NOT NULL REFERENCES personas(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      type TEXT NOT NULL,
      name TEXT NOT NULL,
      ext TEXT NOT NULL,
      data BLOB,
      uri TEXT,
      extra TEXT,
      PRIMARY KEY (persona_id, position)
    );
  `,
}];

interface AssetRow {
  type: string;
  name: string;
  ext: string;
  data: Uint8Array | null;
  uri: string | null;
  extra: string | null;
}

function fromRow(row: AssetRow): StoredAsset {
  const asset: StoredAsset = { type: row.type, name: row.name, ext: row.ext };
  if (row.data !== null) asset.data = new Uint8Array(row.data);
  if (row.uri !== null) asset.uri = row.uri;
  if (row.extra !== null) asset.extra = JSON.parse(row.extra);
  return asset;
}

/** An icon of a persona without its bytes. */
export interface IconRow {
  persona_id: string;
  type: string;
  name: string;
  ext: string;
  /** Size of the bytes, or null when the icon is only a URI. */
  bytes: number | null;
  /** The first {@linkcode ICON_HEAD_BYTES} bytes, enough to tell the image type (`imageExt`). */
  head: Uint8Array | null;
}

/** How many of an icon's first bytes {@linkcode AssetRepository.icons} reads. */
export const ICON_HEAD_BYTES = 16;

/** Reads and writes persona assets. */
export class AssetRepository {
  readonly #db: Database;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** The assets of `personaId`, in card order. */
  async list(personaId: string): Promise<StoredAsset[]> {
    const rows = await this.#db.all<AssetRow>(
      "SELECT type, name, ext, data, uri, extra FROM persona_assets WHERE persona_id = ? ORDER BY position",
      personaId,
    );
    return rows.map(fromRow);
  }

  /** Replaces every asset of `personaId` with `assets`. */
  async replace(personaId: string, assets: readonly StoredAsset[]): Promise<void> {
    await this.#db.transaction(async () => {
      await this.#db.run("DELETE FROM persona_assets WHERE persona_id = ?", personaId);
      for (const [position, asset] of assets.entries()) {
        await this.#db.run(
          `INSERT INTO persona_assets (persona_id, position, type, name, ext, data, uri, extra)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          personaId,
          position,
          asset.type,
          asset.name,
          asset.ext,
          asset.data ?? null,
          asset.uri ?? null,
          asset.extra ? JSON.stringify(asset.extra) : null,
        );
      }
    });
  }

  /**
   * Every persona's icons in card order, with their size and first bytes instead of their bytes
   * (null: none).
   */
  icons(): Promise<IconRow[]> {
    return this.#db.all<IconRow>(
      `SELECT persona_id, type, name, ext, LENGTH(data) AS bytes,
         substr(data, 1, ${ICON_HEAD_BYTES}) AS head
       FROM persona_assets WHERE type = 'icon' ORDER BY persona_id, position`,
    );
  }

  /** Bytes and count of the assets of `personaId` (without reading the bytes). */
  async summary(personaId: string): Promise<{ count: number; bytes: number }> {
    const row = await this.#db.get<{ count: number; bytes: number | null }>(
      "SELECT COUNT(*) AS count, SUM(LENGTH(data)) AS bytes FROM persona_assets WHERE persona_id = ?",
      personaId,
    );
    return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
  }
}
