import { useState } from 'react';
import type { MouseEvent } from 'react';
import type { AuditExportFormat } from '@lifeline/shared';
import { problemText } from '../../api/problem-text';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';
import { saveFile } from '../../ui/save-file';
import { DIGEST_HEADER, EXPORT_FORMATS, exportHref } from './audit-window';
import type { ExportWindow } from './audit-window';

export type SaveFile = (blob: Blob, filename: string) => void;

type Outcome =
  | { state: 'busy'; format: AuditExportFormat }
  | { state: 'done'; filename: string; sha256?: string; sidecar?: string }
  | { state: 'failed'; message: string };

export interface ExportDownloadsProps {
  window: ExportWindow;
  integration?: string;
  save?: SaveFile;
}

/** `<https://…/x.sha256>; rel="describedby"` → the sidecar's address. */
function sidecarOf(headers: Record<string, string>): string | undefined {
  const link = /<([^>]+)>\s*;\s*rel="?describedby"?/.exec(headers.link ?? '')?.[1];
  const id = headers['x-export-id'];
  return link ?? (id ? `/api/audit/export/${encodeURIComponent(id)}.sha256` : undefined);
}

/**
 * One link per format, with the export's address: a click fetches it (with the session cookie),
 * hands it to the browser as a download, and shows the SHA-256 the server sent with it.
 */
export function ExportDownloads({ window, integration, save = saveFile }: ExportDownloadsProps) {
  const { t } = useT();
  const { client } = useApi();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const busy = outcome?.state === 'busy';

  async function download(event: MouseEvent<HTMLAnchorElement>, format: AuditExportFormat, href: string) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy) return;
    setOutcome({ state: 'busy', format });
    try {
      const file = await client.download(href);
      const filename = file.filename ?? `lifeline-audit.${format}`;
      save(file.blob, filename);
      setOutcome({ state: 'done', filename, sha256: file.headers[DIGEST_HEADER], sidecar: sidecarOf(file.headers) });
    } catch (err) {
      setOutcome({ state: 'failed', message: t('audit.failed', { message: problemText(err) }) });
    }
  }

  return (
    <div className="audit-downloads">
      <ul className="audit-downloads__links">
        {EXPORT_FORMATS.map((format) => {
          const href = exportHref(window, format, integration);
          return (
            <li key={format}>
              <a className="button audit-downloads__link" href={href} download aria-disabled={busy || undefined} onClick={(e) => void download(e, format, href)} data-format={format}>
                {t('audit.download', { format: format.toUpperCase() })}
              </a>
            </li>
          );
        })}
      </ul>
      <div aria-live="polite" className="audit-downloads__outcome" data-testid="export-outcome">
        {outcome?.state === 'busy' && <p className="page__muted">{t('audit.preparing', { format: outcome.format.toUpperCase() })}</p>}
        {outcome?.state === 'done' && (
          <div className="card audit-digest" data-testid="export-digest">
            <p>{t('audit.downloaded', { file: outcome.filename })}</p>
            {outcome.sha256 ? (
              <p>
                {t('audit.sha256')}: <code className="audit-digest__hash" data-testid="sha256">{outcome.sha256}</code>
              </p>
            ) : (
              <p className="page__muted">{t('audit.noDigest')}</p>
            )}
            {outcome.sidecar && (
              <p>
                <a href={outcome.sidecar} download>
                  {t('audit.sidecar')}
                </a>
              </p>
            )}
          </div>
        )}
      </div>
      {outcome?.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {outcome.message}
        </p>
      )}
    </div>
  );
}
