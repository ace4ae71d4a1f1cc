import type { SyncProgress } from '../../stores/syncStore';

export function SyncProgressBar({ progress }: { progress: SyncProgress }) {
  const fraction = progress.tablesTotal > 0 ? progress.tablesDone / progress.tablesTotal : 0;
  const left = progress.secondsLeft === null ? '' : progress.secondsLeft < 60 ? `, about ${Math.ceil(progress.secondsLeft)} s left` : `, about ${Math.ceil(progress.secondsLeft / 60)} min left`;
  const label = progress.phase === 'schema' ? 'Reading the schema…' : progress.phase === 'incremental' ? 'Fetching changes…' : `${progress.records.toLocaleString()} records, ${progress.tablesDone} of ${progress.tablesTotal} tables${left}`;
  return (
    <div className="sync-progress" role="progressbar" aria-label="Sync progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} aria-valuetext={label}>
      <div className="bar">
        <div className="fill" style={{ width: `${Math.max(4, fraction * 100)}%` }} />
      </div>
      <span>{label}</span>
    </div>
  );
}
