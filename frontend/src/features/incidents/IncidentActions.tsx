import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { IncidentSnapshot } from '@lifeline/shared';
import { ApiError } from '../../api/api-client';
import { API } from '../../api/types';
import { useApi } from '../../api/use-query';
import { useT } from '../../i18n/use-t';

/** Who acts: with sign-in the backend knows (no `by`); without, the typed name (empty until typed). */
export interface Actor {
  by?: string;
}

export interface IncidentActionsProps {
  incident: IncidentSnapshot;
  actor: Actor;
}

/** Acknowledge (with an optional note) and add notes; each sent with `by`, errors shown by field. */
export function IncidentActions({ incident, actor }: IncidentActionsProps) {
  const { t } = useT();
  const ids = useId();
  const [ackNote, setAckNote] = useState('');
  const [note, setNote] = useState('');
  const ack = useSend(incident.id);
  const addNote = useSend(incident.id);
  const open = !incident.resolvedAt;

  function onAck(event: FormEvent) {
    event.preventDefault();
    void ack.send(API.ack(incident.id), { ...(ackNote.trim() ? { note: ackNote.trim() } : {}) }, actor, () => setAckNote(''));
  }
  function onNote(event: FormEvent) {
    event.preventDefault();
    void addNote.send(API.notes(incident.id), { text: note.trim() }, actor, () => setNote(''));
  }

  return (
    <div className="incident-actions">
      {open && (
        <form className="incident-actions__form" onSubmit={onAck} aria-label={t('incidents.acknowledge')}>
          <div className="field">
            <label htmlFor={`${ids}-ack`}>{t('incidents.ackNote')}</label>
            <input id={`${ids}-ack`} value={ackNote} onChange={(e) => setAckNote(e.target.value)} maxLength={2000} />
          </div>
          <button type="submit" className="button" disabled={ack.busy}>
            {ack.busy ? t('incidents.sending') : t('incidents.acknowledge')}
          </button>
          <Problem error={ack.error} />
        </form>
      )}
      <form className="incident-actions__form" onSubmit={onNote} aria-label={t('incidents.addNote')}>
        <div className="field">
          <label htmlFor={`${ids}-note`}>{t('incidents.noteText')}</label>
          <textarea id={`${ids}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
        </div>
        <button type="submit" className="button" disabled={addNote.busy}>
          {addNote.busy ? t('incidents.sending') : t('incidents.addNote')}
        </button>
        <Problem error={addNote.error} />
      </form>
    </div>
  );
}

function Problem({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="notice notice--error" role="alert">
      {error}
    </p>
  );
}

/** One POST at a time; on success the answer replaces the incident in the cached list. */
function useSend(incidentId: string) {
  const { t } = useT();
  const { client, cache } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(path: string, body: Record<string, unknown>, actor: Actor, done: () => void): Promise<void> {
    if (actor.by !== undefined && !actor.by.trim()) {
      setError(t('incidents.nameRequired'));
      document.getElementById('your-name')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await client.post<IncidentSnapshot>(path, actor.by === undefined ? body : { by: actor.by.trim(), ...body });
      cache.set<IncidentSnapshot[]>(API.incidents, (list) => list?.map((i) => (i.id === incidentId ? updated : i)));
      done();
    } catch (err) {
      const e = err as Error;
      const fields = err instanceof ApiError && err.errors.length ? err.errors.map((f) => `${f.path}: ${f.message}`).join('; ') : e.message;
      setError(t('incidents.error', { message: fields }));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, send };
}
