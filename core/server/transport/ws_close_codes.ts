/**
 * The WebSocket close codes the server sends (RFC 6455 §7.4.1).
 *
 * @module
 */

/** Close code for a frame larger than the server accepts (RFC 6455 §7.4.1). */
export const CLOSE_TOO_BIG = 1009;
/** Close code for a client that breaks the server's policy: here, one that does not read. */
export const CLOSE_POLICY = 1008;
/** Close code of a server going away (shutdown). */
export const CLOSE_GOING_AWAY = 1001;
