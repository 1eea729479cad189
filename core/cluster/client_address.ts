/**
 * Who the client is behind a reverse proxy (nginx, `nginx.ts`): the address rate limits and the
 * failed-token limiter count by. A request's TCP peer is the client unless that peer is one of
 * `TRUSTED_PROXIES` (addresses or CIDR ranges); then the proxy's `X-Forwarded-For` is believed,
 * read from the right: the first address there that is not itself a trusted proxy is the client
 * (a client can put anything at the left of the header, never at the right, which its proxy
 * appends). Without `X-Forwarded-For`, `X-Real-IP` is taken. With no trusted proxy (the
 * default) the headers are ignored: a client that reaches a node directly cannot choose its own
 * bucket.
 *
 * @module
 */

/** One trusted address range: an IPv4 or IPv6 network and its prefix length. */
interface Range {
  v6: boolean;
  base: bigint;
  bits: number;
}

/** The proxies whose forwarding headers are believed (`TRUSTED_PROXIES`). */
export interface TrustedProxies {
  /** Whether `address` (an IP address, as Deno reports a peer) is one of them. */
  has(address: string): boolean;
  /** False when none is trusted (the headers are never read). */
  readonly any: boolean;
}

/** Most `X-Forwarded-For` entries looked at (from the right): a proxy chain is short. */
const MAX_HOPS = 16;

function ipv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function ipv6(text: string): bigint | null {
  let rest = text.replace(/%.*$/, "");
  const tail: string[] = [];
  // An IPv4 ending (`::ffff:1.2.3.4`) is the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted) {
    const v4 = ipv4(dotted[2]!);
    if (v4 === null) return null;
    tail.push((v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    rest = dotted[1]!.endsWith("::") ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => half === "" ? [] : half.split(":");
  const head = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  const given = head.length + back.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const fill = halves.length === 2 ? Array<string>(8 - given).fill("0") : [];
  let value = 0n;
  for (const group of [...head, ...fill, ...back, ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}

/**
 * An address as a number and its family; an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is
 * its IPv4 address. Brackets (`[::1]`) and an IPv4 port (`10.0.0.1:5000`) are dropped.
 */
function parseAddress(text: string): { v6: boolean; value: bigint; text: string } | null {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.replace(/:\d+$/, "");
  const v4 = ipv4(address);
  if (v4 !== null) return { v6: false, value: v4, text: address };
  if (!address.includes(":")) return null;
  const v6 = ipv6(address);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v6: false, value: v6 & 0xffffffffn, text: address };
  return { v6: true, value: v6, text: address };
}

/** `entry` (an address, or a CIDR range such as `10.0.0.0/8`) as a range, or null if invalid. */
function parseRange(entry: string): Range | null {
  const [text, prefix, ...extra] = entry.trim().split("/");
  if (extra.length > 0 || text === undefined) return null;
  const address = parseAddress(text);
  if (!address) return null;
  const width = address.v6 ? 128 : 32;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return null;
  const bits = prefix === undefined ? width : Number(prefix);
  if (bits > width) return null;
  const shift = BigInt(width - bits);
  return { v6: address.v6, base: (address.value >> shift) << shift, bits };
}

/** Whether `entry` is an address or CIDR range {@linkcode trustedProxies} accepts. */
export function isProxyEntry(entry: string): boolean {
  return parseRange(entry) !== null;
}

/** The proxies of `entries` (addresses and CIDR ranges); throws on an invalid entry. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const ranges = entries.map((entry) => {
    const range = parseRange(entry);
    if (!range) throw new Error(`Not an IP address or CIDR range: "${entry}"`);
    return range;
  });
  return {
    any: ranges.length > 0,
    has(text) {
      const address = parseAddress(text);
      if (!address) return false;
      return ranges.some((range) => {
        if (range.v6 !== address.v6) return false;
        const shift = BigInt((range.v6 ? 128 : 32) - range.bits);
        return (address.value >> shift) << shift === range.base;
      });
    },
  };
}

/** A request's TCP peer as Deno reports it (`Deno.ServeHandlerInfo`, or Hono's `env`). */
export interface PeerInfo {
  remoteAddr?: { hostname?: string };
}

/**
 * The address of the client that sent `request`: the TCP peer, or, when the peer is a trusted
 * proxy, the address its forwarding headers name (see the module's notes).
 */
export function clientAddress(
  request: Request,
  info: PeerInfo | undefined,
  trusted: TrustedProxies,
): string {
  const peer = info?.remoteAddr?.hostname ?? "unknown";
  if (!trusted.any || !trusted.has(peer)) return peer;
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded !== null) {
    const hops = forwarded.split(",").slice(-MAX_HOPS).reverse();
    let client = peer;
    for (const hop of hops) {
      // A malformed entry ends the chain: the last trusted hop is all that is known.
      const address = parseAddress(hop)?.text;
      if (address === undefined) return client;
      client = address;
      if (!trusted.has(address)) return address;
    }
    return client;
  }
  const real = request.headers.get("x-real-ip");
  return (real !== null ? parseAddress(real)?.text : undefined) ?? peer;
}

/**
 * `handler` seeing the client (see {@linkcode clientAddress}) as its peer: every check that
 * counts by the peer's address (rate limits, failed tokens, session openings) then counts by the
 * client behind a trusted proxy. Without trusted proxies, `handler` itself.
 */
export function forClients<A extends Deno.Addr>(
  handler: Deno.ServeHandler<A>,
  trusted: TrustedProxies,
): Deno.ServeHandler<A> {
  if (!trusted.any) return handler;
  return (request, info) => {
    const peer = info.remoteAddr as Deno.Addr;
    if (peer.transport !== "tcp" && peer.transport !== "udp") return handler(request, info);
    const hostname = clientAddress(request, { remoteAddr: peer }, trusted);
    if (hostname === peer.hostname) return handler(request, info);
    return handler(request, { ...info, remoteAddr: { ...peer, hostname } as A });
  };
}
