// Which addresses a webhook may reach. Private, loopback, link-local, CGNAT, multicast,
// documentation and reserved ranges, IPv6 ULA and IPv4-mapped/translated addresses are refused
// unless the installation allows them (local and test only). The same list is in SQL
// (private.is_private_address) for URLs saved with a literal address; here it applies to every
// DNS answer at connect time, so a name re-pointed after it was saved is refused too.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const BLOCKED: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['::ffff:0:0', 96, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

// One list per family: a single BlockList matches IPv4 addresses against the IPv4-mapped IPv6
// range (::ffff:0:0/96), which would block every IPv4 address.
const blockLists = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix, type] of BLOCKED) blockLists[type].addSubnet(network, prefix, type);

/** True for an address a webhook must not reach by default (also for anything not an IP). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return blockLists[type].check(address, type);
}

export class TargetNotAllowedError extends Error {
  override name = 'TargetNotAllowedError';
  readonly code = 'target_not_allowed';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves the name and refuses the connection when any
 * answer is a blocked address, so the address checked is the address connected to.
 */
export function guardedLookup(allowPrivateTargets: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback): void => {
    const wantsAll = typeof options === 'object' && options.all === true;
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, wantsAll ? [] : '', 0);
      const list = addresses as LookupAddress[];
      const blocked = allowPrivateTargets ? undefined : list.find((entry) => isBlockedAddress(entry.address));
      if (blocked || list.length === 0) {
        const refusal = new TargetNotAllowedError(
          blocked
            ? `${hostname} resolves to ${blocked.address}, a private or reserved address`
            : `${hostname} has no address`,
        ) as Error as NodeJS.ErrnoException;
        return callback(refusal, wantsAll ? [] : '', 0);
      }
      if (wantsAll) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}
