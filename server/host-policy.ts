/**
 * The names this server answers to. A browser tricked by DNS rebinding sends the attacker's
 * name in `Host` (and in `Origin`), so every request whose Host is not one of these names is
 * refused before anything is looked at, and the staff form trusts only an Origin of these names.
 *
 * By default: the loopback names with the port (`127.0.0.1:PORT`, `localhost:PORT`,
 * `[::1]:PORT`), the configured public names and any IP address literal (`192.168.1.10:8085`,
 * `[fe80::1]:80`). Rebinding needs a DNS name, so an address is no such risk, and it is how
 * kiosks on a LAN, behind NAT or a container's port mapping reach a server whose address it
 * cannot know. A name given without a port matches with or without the server's port (a reverse
 * proxy usually sends it without). `allowedHosts`, when given, is the exact list instead: no
 * default name and no address literal but those listed.
 */

export interface HostPolicyOptions {
  port: number;
  /** Names (with or without a port) added to the default ones: `--public-host`. */
  publicHosts?: readonly string[];
  /** When given, exactly these names and nothing else. */
  allowedHosts?: readonly string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]+\]$/;
const PORT = /^\d{1,5}$/;

/** A Host value's name (lower case, IPv6 in brackets) and port, if it has one; null if invalid. */
function splitHost(value: string): { name: string; port: string | null } | null {
  const text = value.trim().toLowerCase();
  const bracketed = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return { name: bracketed[1] as string, port: bracketed[2] ?? null };
  const plain = /^([a-z0-9.-]{1,253})(?::([^:]*))?$/.exec(text);
  if (!plain || (plain[2] !== undefined && !PORT.test(plain[2]))) return null;
  return { name: plain[1] as string, port: plain[2] ?? null };
}

/** A configured entry: a name or address, with or without a port (`[::1]`, `::1` too). */
export function parseHostEntry(entry: string): { name: string; port: string | null } {
  const text = entry.trim().toLowerCase();
  if (/^[0-9a-f:.]+$/.test(text) && text.split(':').length > 2)
    return { name: `[${text}]`, port: null };
  const parsed = splitHost(text);
  if (!parsed) throw new Error(`not a host name: ${entry}`);
  return parsed;
}

const isAddressLiteral = (name: string): boolean => IPV4.test(name) || IPV6_BRACKETED.test(name);

export class HostPolicy {
  private constructor(
    private readonly names: ReadonlySet<string>,
    /** True (the default policy): any IP address literal is taken as well. */
    readonly anyAddress: boolean,
  ) {}

  /** Refuses every name: what a server has before it knows its port. */
  static none(): HostPolicy {
    return new HostPolicy(new Set(), false);
  }

  static for(options: HostPolicyOptions): HostPolicy {
    const port = String(options.port);
    const names = new Set<string>();
    const add = (entry: string, withoutPort: boolean) => {
      const { name, port: own } = parseHostEntry(entry);
      if (own !== null) names.add(`${name}:${own}`);
      else {
        names.add(`${name}:${port}`);
        // Browsers leave out port 80; a proxy in front leaves out its own.
        if (withoutPort || port === '80') names.add(name);
      }
    };
    if (options.allowedHosts) {
      for (const entry of options.allowedHosts) add(entry, true);
      return new HostPolicy(names, false);
    }
    for (const name of LOOPBACK_NAMES) add(name, false);
    for (const entry of options.publicHosts ?? []) add(entry, true);
    return new HostPolicy(names, true);
  }

  /** True when a request's Host header names this server. */
  allows(host: string | undefined): boolean {
    if (host === undefined) return false;
    const parsed = splitHost(host);
    if (!parsed) return false;
    const { name, port } = parsed;
    if (this.names.has(port === null ? name : `${name}:${port}`)) return true;
    return this.anyAddress && isAddressLiteral(name);
  }

  /**
   * True for the `Origin` (http or https) of a page of this server: one of its names, or the
   * very address the request was sent to (an address names no other site's page).
   */
  allowsOrigin(origin: string, requestHost: string | undefined): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (this.names.has(url.host)) return true;
    return (
      this.anyAddress &&
      isAddressLiteral(url.hostname) &&
      url.host === requestHost?.trim().toLowerCase()
    );
  }

  /** The names taken, sorted (besides any address literal when `anyAddress`). */
  list(): string[] {
    return [...this.names].sort();
  }
}
