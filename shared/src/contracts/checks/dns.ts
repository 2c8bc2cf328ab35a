import { z } from 'zod';
import { commonCheckFields } from './common.js';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'NS', 'PTR'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** `10.0.0.53`, `10.0.0.53:5353`, `::1` or `[::1]:5353`: the resolver is asked by address, not by name. */
const dnsServer = z
  .string()
  .regex(
    /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|\[[0-9a-fA-F:.]+\](?::\d{1,5})?|[0-9a-fA-F]*:[0-9a-fA-F:.]*)$/,
    'expected an IP address with an optional port, e.g. 10.0.0.53 or 10.0.0.53:5353',
  );

export const dnsCheckSchema = z.strictObject({
  kind: z.literal('dns'),
  ...commonCheckFields,
  /** The name to look up; for `PTR`, an IP address is turned into its reverse name. */
  name: z.string().min(1, 'expected a DNS name'),
  type: z.enum(DNS_RECORD_TYPES, { error: `expected one of: ${DNS_RECORD_TYPES.join(', ')}` }).default('A'),
  /** The server to ask; left out, the system's resolvers (/etc/resolv.conf). */
  server: dnsServer.optional(),
  /**
   * Each value must be among the answers (case and a trailing dot do not matter). MX and SRV
   * answers match either their full form (`10 mail.example.org`) or the target name alone.
   */
  expect: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
});
export type DnsCheck = z.output<typeof dnsCheckSchema>;
