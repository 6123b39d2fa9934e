import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { NorthstarError } from '../../../common/errors.js';

/**
 * Refuses webhook targets inside the server's own network (SSRF): loopback, private, carrier-grade NAT,
 * link-local (cloud metadata 169.254.169.254 among them), multicast, reserved and documentation ranges, and
 * every IPv4-mapped or NAT64 IPv6 address (they reach IPv4 hosts around an IPv4-only check). Names are resolved
 * here and the request then connects to the vetted address (no second lookup, so no DNS rebinding). An admin
 * allow-list (host names, IPs or CIDRs) opens chosen internal targets.
 */

const BLOCKED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const BLOCKED_V6: Array<[string, number]> = [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23],
  ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];

// Two lists: node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too, so one list holding
// ::ffff:0:0/96 would refuse every IPv4 address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [net, prefix] of BLOCKED_V4) blockedV4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of BLOCKED_V6) blockedV6.addSubnet(net, prefix, 'ipv6');

/** The admin's exceptions: host names (exact, case-insensitive) and IPs or CIDRs. */
export interface AllowList {
  hosts: ReadonlySet<string>;
  addresses: BlockList;
}

/** Parses allow-list entries such as `hooks.internal`, `127.0.0.1`, `10.1.0.0/16`, `::1`. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const addresses = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim().replace(/^\[|\]$/g, '');
    if (entry === '') continue;
    const [net, prefixText] = entry.split('/');
    const family = isIP(net ?? '');
    if (family === 0) {
      hosts.add(entry.toLowerCase());
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) addresses.addAddress(net!, type);
    else addresses.addSubnet(net!, Number(prefixText), type);
  }
  return { hosts, addresses };
}

/** True when `address` (an IP) is one Northstar refuses to call unless allow-listed. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return family === 4 ? blockedV4.check(address, 'ipv4') : blockedV6.check(address, 'ipv6');
}

/** A vetted target: connect to `address` (family 4 or 6) while speaking to `url`'s host name. */
export interface VettedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Resolves a host name; tests and the resolver-less path may pass their own. */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

function refuse(url: URL, reason: string, address?: string): NorthstarError {
  return new NorthstarError('WEBHOOK_TARGET_REFUSED', `refusing to call ${url.protocol}//${url.host}: ${reason}`, {
    details: address === undefined ? { host: url.hostname } : { host: url.hostname, address },
  });
}

/**
 * The checks that need no DNS: a valid http(s) URL without credentials whose host, when it is an IP literal, is
 * allowed. Returns the URL and the literal address (undefined for a host name). Throws WEBHOOK_TARGET_REFUSED.
 * Monitors are checked with this when created (DNS may differ by then); deliveries run {@link vetTarget}.
 */
export function checkTargetUrl(rawUrl: string, allow: AllowList): { url: URL; host: string; literal?: VettedTarget } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new NorthstarError('WEBHOOK_TARGET_REFUSED', 'the webhook URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(url, 'only http and https are allowed');
  if (url.username !== '' || url.password !== '') throw refuse(url, 'credentials in the URL are not allowed');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const literal = isIP(host);
  if (literal === 0) return { url, host };
  if (!isAllowed(allow, host, host, literal)) throw refuse(url, 'the address is private, loopback, link-local or reserved', host);
  return { url, host, literal: { url, address: host, family: literal === 6 ? 6 : 4 } };
}

function isAllowed(allow: AllowList, host: string, address: string, family: number): boolean {
  return allow.hosts.has(host) || allow.addresses.check(address, family === 6 ? 'ipv6' : 'ipv4') || !isForbiddenAddress(address);
}

/**
 * Checks a webhook URL and resolves it to one address to connect to. Every resolved address must be allowed
 * (one private answer among public ones refuses the host: the client could be steered to it). Throws
 * WEBHOOK_TARGET_REFUSED.
 */
export async function vetTarget(rawUrl: string, allow: AllowList, resolver: Resolver = systemResolver): Promise<VettedTarget> {
  const { url, host, literal } = checkTargetUrl(rawUrl, allow);
  if (literal !== undefined) return literal;
  let answers: Array<{ address: string; family: number }>;
  try {
    answers = await resolver(host);
  } catch (error) {
    throw refuse(url, `the host name does not resolve (${error instanceof Error ? error.message : String(error)})`);
  }
  if (answers.length === 0) throw refuse(url, 'the host name does not resolve');
  for (const a of answers) if (!isAllowed(allow, host, a.address, a.family)) throw refuse(url, 'the host name resolves to a private, loopback, link-local or reserved address', a.address);
  const first = answers[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
