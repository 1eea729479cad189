/**
 * REST routes for characters: import a card (raw or form upload), export one (the format from
 * `?format=` or the `Accept` header), the avatar, greetings, and persona bundles.
 *
 * @module
 */
import type { Hono } from "hono";
import { decodeBase64, toBase64 } from "../../characters/assets.ts";
import { InvalidInput, NotFound } from "../../errors.ts";
import { assertJsonKeys } from "../../json_keys.ts";
import type { CharacterService } from "../../characters/mod.ts";
import type { PersonaService } from "../../personas/mod.ts";
import type { RestEnv, RestTools } from "./tools.ts";
import { readUpload } from "./upload.ts";
import conversationGreeting from "../../../handlers/conversation/greeting.ts";
import personaExport from "../../../handlers/persona/export.ts";
import personaExportCard from "../../../handlers/persona/export_card.ts";
import personaImport from "../../../handlers/persona/import.ts";
import personaImportCard from "../../../handlers/persona/import_card.ts";
import personaUpdate from "../../../handlers/persona/update.ts";

const FORMAT_BY_MEDIA: Record<string, string> = {
  "image/png": "png",
  "application/json": "json",
  "application/zip": "charx",
  "application/x-charx": "charx",
};

/** The card format a request asks for: `?format=`, else the first known `Accept` type, else PNG. */
function askedFormat(query: string | undefined, accept: string | undefined): string {
  if (query) return query;
  for (const part of (accept ?? "").split(",")) {
    const format = FORMAT_BY_MEDIA[part.split(";")[0]?.trim().toLowerCase() ?? ""];
    if (format) return format;
  }
  return "png";
}

function isParamsObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const body = value as Record<string, unknown>;
  return typeof body.data === "string" || (typeof body.card === "object" && body.card !== null);
}

/** Mounts card, avatar, greeting and bundle routes under `/personas`. */
export function mountCharacterRoutes(
  api: Hono<RestEnv>,
  { tools, personas, characters }: {
    tools: RestTools;
    personas: PersonaService;
    characters: CharacterService;
  },
): void {
  const call = tools.callIn;

  api.post("/personas/import", async (c) => {
    const { bytes, fields } = await readUpload(c);
    const options = {
      ...(fields.name ? { name: fields.name } : {}),
      ...(fields.on_conflict ? { on_conflict: fields.on_conflict } : {}),
      ...(fields.use_card_model ? { use_card_model: fields.use_card_model === "true" } : {}),
    };
    let params: Record<string, unknown> = { ...options, data: toBase64(bytes) };
    // A JSON body may also be the method's params ({data} or {card}) rather than a card file.
    if (bytes[0] === 0x7b) {
      const text = new TextDecoder().decode(bytes);
      // Objects of very many keys are slow to parse: refused before (as the importer would).
      assertJsonKeys(text, "file");
      try {
        const body = JSON.parse(text);
        if (isParamsObject(body)) params = { ...options, ...body };
      } catch {
        // Not JSON: the importer says what is wrong with the file.
      }
    }
    return c.json(await call(c, personaImportCard, params), 201);
  });

  api.get("/personas/:id/card", async (c) => {
    const format = askedFormat(c.req.query("format"), c.req.header("accept"));
    const spec = c.req.query("spec") ?? "v3";
    const result = await call(c, personaExportCard, {
      persona_id: c.req.param("id"),
      format,
      spec,
    });
    return c.body(new Uint8Array(decodeBase64(result.data)), 200, {
      "Content-Type": result.mime,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(result.filename)}`,
    });
  });

  api.get("/personas/:id/avatar", async (c) => {
    const persona = await personas.resolve(c.req.param("id"));
    const avatar = await characters.avatar(persona.id);
    if (!avatar) {
      throw new NotFound(`Persona "${persona.name}" has no avatar`, { persona_id: persona.id });
    }
    return c.body(new Uint8Array(avatar.data), 200, {
      "Content-Type": avatar.mime,
      // Defence in depth (avatars are raster images, checked by their bytes): never sniffed as
      // something else, and scripts never run in this origin even if one were served.
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
    });
  });

  // An avatar as the image's bytes, up to CARD_MAX_BYTES (JSON-RPC's base64 param is bound by the
  // 1 MiB frame): persona.update's avatar, checked the same way.
  api.put("/personas/:id/avatar", async (c) => {
    const { bytes } = await readUpload(c);
    const { persona } = await call(c, personaUpdate, {
      persona_id: c.req.param("id"),
      avatar: bytes.length ? toBase64(bytes) : "",
    });
    const avatar = await characters.avatar(persona.id);
    return c.json({
      persona_id: persona.id,
      avatar: avatar && { mime: avatar.mime, size_bytes: avatar.data.length },
      message: "Avatar set",
    });
  });

  api.post("/personas/:id/greeting", async (c) =>
    c.json(
      await call(c, conversationGreeting, {
        ...(await tools.body(c)),
        persona_id: c.req.param("id"),
      }),
    ));

  api.get("/personas/:id/bundle", async (c) => {
    const include = c.req.query("include");
    const params = {
      persona_id: c.req.param("id"),
      ...(include !== undefined
        ? { include: include.split(",").map((p) => p.trim()).filter(Boolean) }
        : {}),
    };
    const { bundle } = await call(c, personaExport, params);
    return c.json(bundle);
  });

  api.post("/personas/bundles", async (c) => {
    const { bytes, fields } = await readUpload(c);
    let bundle: unknown;
    const text = new TextDecoder().decode(bytes);
    assertJsonKeys(text, "bundle");
    try {
      bundle = JSON.parse(text);
    } catch (error) {
      // A cut-off export is the likeliest damaged file: said as such, not as a wrong format.
      throw new InvalidInput(`The bundle is not valid JSON: ${(error as Error).message}`, [
        { field: "bundle", message: "is not valid JSON" },
      ]);
    }
    const params = {
      bundle: bundle ?? {},
      ...(fields.name ? { name: fields.name } : {}),
      ...(fields.on_conflict ? { on_conflict: fields.on_conflict } : {}),
    };
    return c.json(await call(c, personaImport, params), 201);
  });
}
