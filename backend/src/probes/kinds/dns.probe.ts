import { Resolver } from 'node:dns';
import { isIP } from 'node:net';
import type { DnsRecordType } from '@lifeline/shared';
import type { ProbeContext, ProbeKind, ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';

type DnsCheck = ResolvedCheckOf<'dns'>;

/** One answer as text, plus other forms an `expect` value may match (MX/SRV target alone). */
interface Answer {
  text: string;
  alt?: string;
}

const MAX_FACT_CHARS = 500;

/**
 * `10.1.2.3` → `3.2.1.10.in-addr.arpa`; IPv6 → its nibble form under `ip6.arpa`. Done here
 * rather than with `resolver.reverse()`, which answers from /etc/hosts before asking the server.
 */
export function reverseName(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const full = [...groups(head), ...Array<string>(ip.includes('::') ? missing : 0).fill('0'), ...groups(tail)];
  return `${[...full.map((g) => g.padStart(4, '0')).join('')].reverse().join('.')}.ip6.arpa`;
}

function lookup(resolver: Resolver, check: DnsCheck, done: (err: NodeJS.ErrnoException | null, answers: Answer[]) => void): void {
  const plain = (err: NodeJS.ErrnoException | null, list?: string[]) => done(err, (list ?? []).map((text) => ({ text })));
  const name = check.name;
  const type: DnsRecordType = check.type;
  switch (type) {
    case 'A':
      return resolver.resolve4(name, plain);
    case 'AAAA':
      return resolver.resolve6(name, plain);
    case 'CNAME':
      return resolver.resolveCname(name, plain);
    case 'NS':
      return resolver.resolveNs(name, plain);
    case 'PTR':
      return resolver.resolvePtr(isIP(name) ? reverseName(name) : name, plain);
    case 'TXT':
      return resolver.resolveTxt(name, (err, list) => plain(err, (list ?? []).map((chunks) => chunks.join(''))));
    case 'MX':
      return resolver.resolveMx(name, (err, list) => done(err, (list ?? []).map((r) => ({ text: `${r.priority} ${r.exchange}`, alt: r.exchange }))));
    case 'SRV':
      return resolver.resolveSrv(name, (err, list) =>
        done(err, (list ?? []).map((r) => ({ text: `${r.priority} ${r.weight} ${r.port} ${r.name}`, alt: `${r.name}:${r.port}` }))),
      );
  }
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');

/** The failure for a resolver error code, in the domain's words. */
function classifyDnsError(err: NodeJS.ErrnoException, check: DnsCheck, ctx: ProbeContext): ProbeOutcome {
  const name = check.name;
  switch (err.code) {
    case 'ENOTFOUND':
      return failed('dns', 'dns', `name not found: ${name} (NXDOMAIN)`);
    case 'ENODATA':
      return failed('dns', 'dns', `${name} has no ${check.type} record`);
    case 'ESERVFAIL':
      return failed('dns', 'dns', `the server failed to answer for ${name} (SERVFAIL)`);
    case 'EREFUSED':
      return failed('dns', 'dns', `the server refused the query for ${name} (REFUSED)`);
    case 'ECONNREFUSED':
      return failed('dns', 'refused', 'the DNS server refused the connection (nothing listening)');
    case 'ETIMEOUT':
    case 'ECANCELLED':
      return failed('dns', 'timeout', `no answer for ${name} within ${ctx.timeoutMs} ms`);
    case 'EBADRESP':
    case 'EFORMERR':
    case 'EBADFAMILY':
      return failed('dns', 'protocol', `malformed DNS answer for ${name} (${err.code})`);
    default:
      return failed('dns', 'dns', `lookup of ${name} failed (${err.code ?? err.message})`);
  }
}

/** `expect` against the answers: every expected value must be there. */
function judge(check: DnsCheck, answers: Answer[]): ProbeOutcome {
  const joined = answers.map((a) => a.text).join(', ');
  const facts = {
    answers: joined.length > MAX_FACT_CHARS ? `${joined.slice(0, MAX_FACT_CHARS - 3)}...` : joined,
    answerCount: answers.length,
  };
  const expected = check.expect === undefined ? [] : Array.isArray(check.expect) ? check.expect : [check.expect];
  const seen = new Set(answers.flatMap((a) => [norm(a.text), ...(a.alt ? [norm(a.alt)] : [])]));
  const missing = expected.filter((e) => !seen.has(norm(e)));
  if (missing.length > 0) {
    return failed('assert', 'assertion', `got ${facts.answers || 'no answer'}, expected ${missing.join(', ')}`, facts);
  }
  return { ok: true, facts };
}

/** DNS: one query of `type` for `name`, at `server` or the system's resolvers; `expect` checked. */
export const dnsProbe: ProbeKind<'dns'> = {
  kind: 'dns',
  run(check, ctx) {
    return new Promise<ProbeOutcome>((resolve) => {
      // c-ares waits `timeout`, then twice that, per try: two tries fit inside the check's timeout.
      const resolver = new Resolver({ timeout: Math.max(50, Math.floor(ctx.timeoutMs / 4)), tries: 2 });
      let settled = false;
      const finish = (outcome: ProbeOutcome) => {
        if (settled) return;
        settled = true;
        ctx.signal.removeEventListener('abort', onAbort);
        resolver.cancel();
        resolve(outcome);
      };
      const onAbort = () => finish(failed('dns', 'timeout', `no answer for ${check.name} within ${ctx.timeoutMs} ms`));
      if (ctx.signal.aborted) return onAbort();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        if (check.server) resolver.setServers([check.server]);
        lookup(resolver, check, (err, answers) => finish(err ? classifyDnsError(err, check, ctx) : judge(check, answers)));
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        const what = e?.code === 'ERR_INVALID_IP_ADDRESS' ? `server ${check.server} is not a valid address` : `lookup of ${check.name} could not start (${e?.code ?? e?.message})`;
        finish(failed('dns', 'internal', what));
      }
    });
  },
};
