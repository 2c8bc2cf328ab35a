import type { ErrorClass, FailureStage } from '@lifeline/shared';

/** Maps a Node socket error to the error classes of the domain, with a stage and plain words. */
export function classifyNetworkError(err: unknown, stageHint: FailureStage = 'connect'): { stage: FailureStage; errorClass: ErrorClass; message: string } {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.code ?? e?.cause?.code ?? '';
  const raw = e?.cause?.message ?? e?.message ?? String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return { stage: 'connect', errorClass: 'refused', message: 'connection refused' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return { stage: stageHint === 'connect' ? 'response' : stageHint, errorClass: 'reset', message: 'connection reset by the other side' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ENODATA':
      return { stage: 'dns', errorClass: 'dns', message: `name not resolved (${code})` };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ABORT_ERR':
      return { stage: stageHint, errorClass: 'timeout', message: 'no answer in time' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { stage: 'connect', errorClass: 'unreachable', message: 'network unreachable' };
    default:
      if (/certificate|self[- ]signed|TLS|SSL/i.test(code + raw)) return { stage: 'tls', errorClass: 'tls', message: raw };
      return { stage: stageHint, errorClass: 'protocol', message: raw || 'unexpected error' };
  }
}
