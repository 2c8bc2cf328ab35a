import { useEffect, useRef, useState } from 'react';
import type { KioskTokenView } from '../../api/auth-types';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useAction } from '../../api/use-action';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { formatSiteTime } from '../../ui/format';

export interface KioskTokenRowProps {
  token: KioskTokenView;
  timeZone: string;
  now: number;
  /** Revoked on the server (the 204 carries no time). */
  onRevoked: (token: KioskTokenView) => void;
}

/** One wall screen's token: who made it, when it was last used, and a revoke button that asks first. */
export function KioskTokenRow({ token, timeZone, now, onRevoked }: KioskTokenRowProps) {
  const { t, locale } = useT();
  const { client } = useApi();
  const { busy, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Cancelling the question puts the focus back on the button that asked it.
  useEffect(() => {
    if (wasConfirming.current && !confirming) revokeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const time = (iso: string | null) => (iso ? formatSiteTime(Date.parse(iso), timeZone, locale, now) : t('admin.never'));

  async function revoke() {
    const done = await run(() => client.delete(API.kioskToken(token.id)));
    if (done.ok) onRevoked(token);
    setConfirming(false);
  }

  return (
    <tr className={token.revokedAt ? 'admin-row--disabled' : undefined} data-testid={`kiosk-token-${token.name}`}>
      <td>{token.name}</td>
      <td>{token.createdBy ?? '—'}</td>
      <td>{time(token.createdAt)}</td>
      <td>{time(token.lastUsedAt)}</td>
      <td>{token.revokedAt ? t('admin.kiosk.revokedAt', { time: time(token.revokedAt) }) : t('admin.kiosk.active')}</td>
      <td>
        {!token.revokedAt && !confirming && (
          <button ref={revokeButton} type="button" className="button button--danger" aria-label={t('admin.kiosk.revokeWho', { name: token.name })} onClick={() => setConfirming(true)}>
            {t('admin.kiosk.revoke')}
          </button>
        )}
        {!token.revokedAt && confirming && (
          <div className="admin-row__actions" role="group" aria-label={t('admin.kiosk.confirm', { name: token.name })}>
            <span>{t('admin.kiosk.confirm', { name: token.name })}</span>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void revoke()} autoFocus>
              {t('admin.kiosk.confirmYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('admin.cancel')}
            </button>
          </div>
        )}
        {error !== null && (
          <p className="field__error" role="alert">
            {t('admin.failed', { message: problemText(error) })}
          </p>
        )}
      </td>
    </tr>
  );
}
