import { useState } from 'react';
import type { AuditVerifyResult } from '@lifeline/shared';
import { problemText } from '../../api/problem-text';
import { API } from '../../api/types';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';

type Check = { state: 'busy' } | { state: 'done'; result: AuditVerifyResult } | { state: 'failed'; message: string };

/** "Verify the audit chain": `GET /api/audit/verify`, then intact, or the first row that breaks it. */
export function ChainCheck() {
  const { t, locale } = useT();
  const { client } = useApi();
  const [check, setCheck] = useState<Check | null>(null);

  async function verify() {
    setCheck({ state: 'busy' });
    try {
      setCheck({ state: 'done', result: await client.get<AuditVerifyResult>(API.auditVerify) });
    } catch (err) {
      setCheck({ state: 'failed', message: problemText(err) });
    }
  }

  const result = check?.state === 'done' ? check.result : undefined;
  const broken = result?.firstBroken;
  return (
    <section aria-labelledby="chain-heading" className="audit-chain">
      <h2 id="chain-heading">{t('audit.verify')}</h2>
      <p className="page__muted">{t('audit.verifyIntro')}</p>
      <button type="button" className="button" onClick={() => void verify()} disabled={check?.state === 'busy'}>
        {check?.state === 'busy' ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div aria-live="polite" data-testid="chain-result">
        {result && !broken && (
          <div className="card audit-chain__ok status--operational" data-ok="true">
            <p>{t('audit.intact', { rows: new Intl.NumberFormat(locale).format(result.rows) })}</p>
            {result.head ? (
              <p>
                {t('audit.head', { seq: result.head.seq })}: <code className="audit-digest__hash">{result.head.hash}</code>
              </p>
            ) : (
              <p>{t('audit.empty')}</p>
            )}
          </div>
        )}
      </div>
      {broken && (
        <p className="notice notice--error" role="alert" data-ok="false">
          {t('audit.broken', { seq: broken.seq, kind: broken.kind, at: broken.at, reason: broken.reason })}
        </p>
      )}
      {check?.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {t('audit.verifyFailed', { message: check.message })}
        </p>
      )}
    </section>
  );
}
