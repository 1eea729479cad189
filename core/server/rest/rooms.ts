/**
 * REST routes for rooms: open, list, read, delete, say something (JSON, or Server-Sent Events
 * with each reply's pieces and speaker), the transcript, and members joining and leaving.
 *
 * @module
 */
import type { Hono } from "hono";
import type { Logger } from "../../log.ts";
import type { RoomService } from "../../rooms/mod.ts";
import { streamCall, wantsStream } from "./stream.ts";
import type { RestEnv, RestTools } from "./tools.ts";
import roomCreate from "../../../handlers/room/create.ts";
import roomList from "../../../handlers/room/list.ts";
import roomGet from "../../../handlers/room/get.ts";
import roomDelete from "../../../handlers/room/delete.ts";
import roomGetHistory from "../../../handlers/room/get_history.ts";
import roomJoin from "../../../handlers/room/join.ts";
import roomLeave from "../../../handlers/room/leave.ts";
import roomSend from "../../../handlers/room/send.ts";

/** Mounts `/rooms`. */
export function mountRoomRoutes(
  api: Hono<RestEnv>,
  { tools, rooms, log }: { tools: RestTools; rooms: RoomService; log: Logger },
): void {
  const call = tools.callIn;

  api.post("/rooms", async (c) => c.json(await call(c, roomCreate, await tools.body(c)), 201));
  api.get(
    "/rooms",
    async (c) =>
      c.json(await call(c, roomList, tools.query(c, { limit: "number", cursor: "string" }))),
  );
  api.get(
    "/rooms/:id",
    async (c) => c.json(await call(c, roomGet, { room_id: c.req.param("id") })),
  );
  api.delete(
    "/rooms/:id",
    async (c) => c.json(await call(c, roomDelete, { room_id: c.req.param("id") })),
  );
  api.get("/rooms/:id/messages", async (c) => {
    const query = tools.query(c, { limit: "number", before_id: "string" });
    return c.json(await call(c, roomGetHistory, { room_id: c.req.param("id"), ...query }));
  });
  api.put("/rooms/:id/members/:persona_id", async (c) =>
    c.json(
      await call(c, roomJoin, {
        room_id: c.req.param("id"),
        persona_id: c.req.param("persona_id"),
      }),
    ));
  api.delete("/rooms/:id/members/:persona_id", async (c) =>
    c.json(
      await call(c, roomLeave, {
        room_id: c.req.param("id"),
        persona_id: c.req.param("persona_id"),
      }),
    ));

  api.post("/rooms/:id/messages", async (c) => {
    const body = await tools.body(c);
    const stream = wantsStream(c, body);
    const params = { ...body, room_id: c.req.param("id"), stream: body.stream ?? stream };
    if (!stream) return c.json(await call(c, roomSend, params));
    tools.validate(roomSend, params);
    await rooms.get(params.room_id);
    return streamCall(c, { tools, handler: roomSend, params, log, route: "room" });
  });
}
