import type { BotExport } from '../api/types';
import { when } from '../components/StatusBadge';

/** Props of {@link BucketExports}. */
export interface BucketExportsProps {
  /** The signed-in user's exports in the import/export bucket, newest first. */
  readonly exports: BotExport[];
  readonly onImport: (saved: BotExport) => void;
}

/** The user's bot exports in the workspace's import/export bucket (the seed's bot import/export), each importable. */
export function BucketExports({ exports, onImport }: BucketExportsProps) {
  return (
    <details className="bucket-exports">
      <summary>Saved in the import/export bucket ({exports.length})</summary>
      {exports.length === 0 ? <p>Nothing saved yet: use <em>Save to bucket</em> on a bot.</p> : (
        <table>
          <thead><tr><th scope="col">File</th><th scope="col">Saved</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>{exports.map((saved) => (
            <tr key={saved.key}>
              <td>{saved.name}</td>
              <td>{when(saved.savedAt)}</td>
              <td><button type="button" onClick={() => onImport(saved)} aria-label={`Import ${saved.name}`}>Import</button></td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </details>
  );
}
