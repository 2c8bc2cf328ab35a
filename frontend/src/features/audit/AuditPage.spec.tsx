import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/api-client';
import type { DownloadedFile } from '../../api/api-client';
import { aSnapshot, anIncident, T0 } from '../../testing/builders';
import { fakeApi } from '../../testing/fake-api';
import { renderWithProviders, speak } from '../../testing/render-with-providers';
import AuditPage from './AuditPage';

beforeEach(() => vi.useFakeTimers({ now: T0, shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  speak('en');
  vi.useRealTimers();
});

const me = (role: string) => ({ kind: 'user', role, user: { email: 'an@uzgent.be', displayName: 'An Peeters' } });
const SHA = '3f'.repeat(32);
const csv: DownloadedFile = {
  blob: new Blob(['#section,header\r\n']),
  filename: 'lifeline-audit-20251126T0731-20251126T0745-exp-1.csv',
  headers: { 'content-type': 'text/csv; charset=utf-8', 'x-content-sha256': SHA, 'x-export-id': 'exp-1', link: '</api/audit/export/exp-1.sha256>; rel="describedby"; type="text/plain"' },
};

async function show(role: string | null, routes: Record<string, unknown> = {}) {
  const save = vi.fn();
  const r = renderWithProviders(
    <AuditPage save={save} />,
    fakeApi({ '/api/incidents': [anIncident()], '/api/integrations': [{ id: 'synlab-results', name: 'Synlab lab results' }], ...(role ? { '/api/auth/me': me(role) } : {}), ...routes }),
  );
  r.send({ type: 'snapshot', snapshot: aSnapshot() });
  await screen.findByRole('heading', { level: 1, name: 'Audit' });
  return { ...r, save };
}
const href = (format: string) => screen.getByRole('link', { name: `Download ${format}` }).getAttribute('href');

describe('audit page: who may export', () => {
  it.each([['viewer'], ['anonymous']])('tells a %s to sign in as an operator, and still lets them verify the chain', async (who) => {
    await show(who === 'viewer' ? 'viewer' : null, who === 'viewer' ? {} : { '/api/auth/me': new ApiError(401, 'sign in required') });
    const notice = await screen.findByTestId('operator-needed');
    expect(notice.textContent).toMatch(/^Exporting the audit log needs the operator role/);
    expect(within(notice).getByRole('link', { name: 'Sign in as operator' }).getAttribute('href')).toBe('/login?next=%2Faudit');
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Verify the audit chain' })).toBeTruthy();
  });
});

describe('audit page: the window', () => {
  it('starts on the last incident, until now while it is open', async () => {
    await show('operator');
    await waitFor(() => expect((screen.getByLabelText('Last incident') as HTMLInputElement).checked).toBe(true));
    expect(screen.getByText('Common cause outside: our internet connection or provider: 07:31 → now')).toBeTruthy();
    expect(href('CSV')).toBe('/api/audit/export?from=2025-11-26T07%3A31%3A00%2B01%3A00&format=csv');
    expect(href('PDF')).toBe('/api/audit/export?from=2025-11-26T07%3A31%3A00%2B01%3A00&format=pdf');
    expect(screen.getByTestId('window-sent').textContent).toBe('Window sent: 2025-11-26T07:31:00+01:00 → now');
  });

  it('offers today (from midnight at the site) when there was no incident, and an integration filter', async () => {
    await show('operator', { '/api/incidents': [] });
    await waitFor(() => expect((screen.getByLabelText('Today') as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText('Last incident') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText('No incident in the last 7 days.')).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('Integration'), { target: { value: 'synlab-results' } });
    expect(href('JSON')).toBe('/api/audit/export?from=2025-11-26T00%3A00%3A00%2B01%3A00&format=json&integration=synlab-results');
  });

  it('takes a custom window in the site’s time, and says what is wrong with it', async () => {
    await show('operator');
    fireEvent.click(screen.getByLabelText('Custom'));
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2025-11-25T07:45');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2025-11-26T07:45');
    expect(screen.getByText('Times at the site (Europe/Brussels).')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-07-01T07:20' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-07-01T11:00' } });
    expect(href('CSV')).toBe('/api/audit/export?from=2025-07-01T07%3A20%3A00%2B02%3A00&to=2025-07-01T11%3A00%3A00%2B02%3A00&format=csv');
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-07-01T07:00' } });
    expect(screen.getByTestId('window-problem').textContent).toBe('The start must be before the end.');
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
  });
});

describe('audit page: downloads', () => {
  it('downloads with the session, hands the file to the browser, and shows its SHA-256 and digest file', async () => {
    const { save, api } = await show('operator', { 'GET /api/audit/export': csv });
    fireEvent.click(await screen.findByRole('link', { name: 'Download CSV' }));
    const digest = await screen.findByTestId('export-digest');
    expect(save).toHaveBeenCalledWith(csv.blob, csv.filename);
    expect(api.requests.at(-1)).toEqual({ method: 'GET', path: '/api/audit/export?from=2025-11-26T07%3A31%3A00%2B01%3A00&format=csv' });
    expect(within(digest).getByTestId('sha256').textContent).toBe(SHA);
    expect(digest.textContent).toContain(`Downloaded ${csv.filename}.`);
    expect(within(digest).getByRole('link', { name: 'Digest file (sha256sum format)' }).getAttribute('href')).toBe('/api/audit/export/exp-1.sha256');
  });

  it('says what the server refused instead of saving an error as a file', async () => {
    const refused = new ApiError(400, 'from: the window may span at most 366 days', [{ path: 'from', message: 'the window may span at most 366 days' }]);
    const { save } = await show('operator', { 'GET /api/audit/export': refused });
    fireEvent.click(await screen.findByRole('link', { name: 'Download PDF' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The export did not work: from: the window may span at most 366 days');
    expect(save).not.toHaveBeenCalled();
  });
});

describe('audit page: the chain', () => {
  it('says the chain is intact, with its head', async () => {
    await show('viewer', { '/api/audit/verify': { ok: true, rows: 12345, head: { seq: 12345, hash: 'c0ffee'.padEnd(64, '0') } } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify the audit chain' }));
    const result = await screen.findByText('The audit chain is intact: 12,345 rows checked.');
    expect(result.closest('[data-ok]')?.textContent).toContain(`Last row #12345, hash: ${'c0ffee'.padEnd(64, '0')}`);
  });

  it('names the first broken row, as text', async () => {
    const firstBroken = { seq: 57, at: '2025-11-26T07:31:00.000+01:00', kind: 'incident.updated', reason: 'hash does not match its content <b>' };
    await show('viewer', { '/api/audit/verify': { ok: false, rows: 200, head: { seq: 200, hash: 'a'.repeat(64) }, firstBroken } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify the audit chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The audit chain is broken at row #57 (incident.updated, 2025-11-26T07:31:00.000+01:00): hash does not match its content <b>');
    expect(alert.querySelector('b')).toBeNull();
  });

  it('says when it could not check', async () => {
    await show('viewer', { '/api/audit/verify': new ApiError(503, 'database unavailable') });
    fireEvent.click(screen.getByRole('button', { name: 'Verify the audit chain' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not verify: database unavailable');
  });
});

describe('audit page: languages', () => {
  it.each([
    ['nl', 'Laatste incident', '{{format}} downloaden', 'De auditketen controleren'],
    ['fr', 'Dernier incident', 'Télécharger en {{format}}', 'Vérifier la chaîne d’audit'],
  ])('speaks %s', async (language, last, download, verify) => {
    await show('operator');
    speak(language as 'nl' | 'fr');
    expect(screen.getByLabelText(last)).toBeTruthy();
    expect(screen.getByRole('link', { name: download.replace('{{format}}', 'CSV') })).toBeTruthy();
    expect(screen.getByRole('button', { name: verify })).toBeTruthy();
  });
});
