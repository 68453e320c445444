import { useState, type ReactNode } from 'react';
import { api, errorMessage } from '../../lib/api-client.ts';
import { Dialog } from './booking/dialog.tsx';
import { Button } from '../../components/button.tsx';
import { Alert } from '../../components/alert.tsx';

/**
 * Asks before archiving a clinic record (a point, a protocol): DELETE `path`, then
 * `onArchived`; a refusal is shown in the dialog. Open while `item` is set.
 */
export function ArchiveDialog<T>({ item, path, title, description, consequence, onClose, onArchived }: {
  item: T | undefined;
  path: (item: T) => string;
  title: string;
  description?: (item: T) => ReactNode;
  /** What archiving does, in a sentence. */
  consequence: string;
  onClose: () => void;
  onArchived: (item: T) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function archive() {
    if (item === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(path(item));
      onArchived(item);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={item !== undefined} onClose={() => { setError(undefined); onClose(); }} title={title}
      description={item !== undefined && description ? description(item) : undefined}>
      <p>{consequence}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <Button variant="danger" pending={busy} onClick={() => void archive()}>Archive</Button>
        <Button variant="secondary" disabled={busy} onClick={onClose}>Keep it</Button>
      </div>
    </Dialog>
  );
}
