import { useEffect, useRef, useState } from 'react';
import type { CreatedKioskToken } from '../../api/auth-types';
import { useT } from '../../i18n/use-t';

export interface KioskTokenOnceProps {
  created: CreatedKioskToken;
  onDone: () => void;
  /** For tests: how to put text on the clipboard. */
  copy?: (text: string) => Promise<void>;
}

/** The new screen's address, shown this once (the server keeps only a hash), with a copy button. */
export function KioskTokenOnce({ created, onDone, copy = (text) => navigator.clipboard.writeText(text) }: KioskTokenOnceProps) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const url = new URL(created.url, location.origin).href;
  useEffect(() => heading.current?.focus(), []);

  async function copyText(text: string) {
    try {
      await copy(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section className="card kiosk-once" aria-labelledby="kiosk-once-heading" data-testid="kiosk-once">
      <h2 id="kiosk-once-heading" ref={heading} tabIndex={-1}>
        {t('admin.kiosk.linkFor', { name: created.name })}
      </h2>
      <p className="notice">{t('admin.kiosk.notAgain')}</p>
      <p id="kiosk-once-label">{t('admin.kiosk.address')}</p>
      <code className="kiosk-once__url" aria-labelledby="kiosk-once-label" data-testid="kiosk-url">
        {url}
      </code>
      <p id="kiosk-once-token">{t('admin.kiosk.token')}</p>
      <code className="kiosk-once__url" aria-labelledby="kiosk-once-token" data-testid="kiosk-token">
        {created.token}
      </code>
      <div className="kiosk-once__actions">
        <button type="button" className="button" onClick={() => void copyText(url)}>
          {t('admin.kiosk.copy')}
        </button>
        <button type="button" className="button" onClick={() => void copyText(created.token)}>
          {t('admin.kiosk.copyToken')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('admin.kiosk.done')}
        </button>
        <span role="status" className={copied === 'yes' ? 'status-text--ok' : 'field__error'}>
          {copied === 'yes' ? t('admin.kiosk.copied') : copied === 'failed' ? t('admin.kiosk.copyFailed') : ''}
        </span>
      </div>
    </section>
  );
}
