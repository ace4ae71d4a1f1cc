import { useEffect } from 'react';
import type { CallPlan } from '../../../../shared/domain/cache';
import { useApp } from '../../stores/appStore';
import { useProfiles } from '../../stores/profilesStore';
import { useSchema } from '../../stores/schemaStore';
import { syncKey, useSync } from '../../stores/syncStore';
import { relativeTime } from '../profiles/profileStatus';
import { SyncProgressBar } from './SyncProgressBar';

const PLANS: Array<[CallPlan, string]> = [
  ['unknown', 'Plan unknown (treated as Free)'],
  ['free', 'Free: 1,000 calls a month'],
  ['team', 'Team: 100,000 calls a month'],
  ['unlimited', 'Business / Enterprise: unlimited'],
];

/** Every base the profile can see, which ones are kept offline, their sync state and call budget. */
export function BasesScreen({ profileId }: { profileId: string }) {
  const { report } = useApp();
  const remote = useSchema((s) => s.remote[profileId]);
  const cached = useSchema((s) => s.byProfile[profileId]);
  const progress = useSync((s) => s.progress);
  const connected = useProfiles((s) => s.profiles.some((p) => p.id === profileId && (p.status === 'active' || p.status === 'refreshing')));
  useEffect(() => {
    if (connected) void useSchema.getState().loadRemote(profileId).catch(report);
  }, [profileId, report, connected]);
  const bases = remote ?? cached?.bases.map((b) => ({ id: b.id, name: b.name, permissionLevel: '', synced: true })) ?? [];

  return (
    <section className="screen" aria-label="Bases and sync">
      <header className="screen-header">
        <h1>Bases &amp; sync</h1>
        <button onClick={() => void useSchema.getState().loadRemote(profileId).catch(report)}>Refresh list</button>
      </header>
      {!remote && <p className="muted">{connected ? 'Listing your bases in Airtable…' : 'Connect this profile to list its bases.'}</p>}
      <table className="bases">
        <thead>
          <tr>
            <th>Base</th>
            <th>Offline copy</th>
            <th>API calls this month</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {bases.map((base) => {
            const local = cached?.bases.find((b) => b.id === base.id);
            const run = progress[syncKey(profileId, base.id)];
            const running = run && !['done', 'error', 'cancelled'].includes(run.phase);
            const last = local ? Math.min(...local.tables.map((t) => t.lastSyncedAt ?? 0)) : 0;
            return (
              <tr key={base.id} aria-label={`Base ${base.name}`}>
                <td>
                  <strong>{base.name}</strong>
                  <div className="muted">{local ? `${local.tables.length} tables, ${local.tables.reduce((n, t) => n + t.records, 0).toLocaleString()} records` : base.permissionLevel}</div>
                </td>
                <td>
                  {running ? <SyncProgressBar progress={run} /> : local ? `synced ${relativeTime(last || null)}` : 'not synced'}
                  {run?.phase === 'error' && <p className="warning">{run.message}</p>}
                </td>
                <td>
                  {local ? (
                    <>
                      {local.budget.callsThisMonth.toLocaleString()}
                      {local.budget.backgroundAllowance !== null && ` (background ${local.budget.backgroundCalls} of ${local.budget.backgroundAllowance})`}
                      <select aria-label={`API plan of ${base.name}`} value={local.budget.plan} onChange={(e) => void useSync.getState().planChosen(profileId, base.id, e.target.value as CallPlan).catch(report)}>
                        {PLANS.map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {running ? (
                    <button onClick={() => void useSync.getState().syncCancelRequested(profileId, base.id).catch(report)}>Cancel</button>
                  ) : (
                    <button className="primary" onClick={() => void useSync.getState().syncRequested(profileId, base.id).catch(report)}>
                      {local ? 'Sync now' : 'Make available offline'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
