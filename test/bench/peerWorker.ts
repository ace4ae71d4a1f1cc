import { peerCreate, peerReadTable } from './peer';

/**
 * Runs one peer workload in its own process, printing "+N" for every N records done and "done"
 * at the end. The benchmark kills the process when the peer runs out of time: airtable.js has
 * no way to cancel its 30-second backoffs, and they must not spill into the next run.
 */
interface Task {
  mode: 'read' | 'create';
  url: string;
  token: string;
  targets: Array<{ baseId: string; tableIds: string[] }>;
  fields?: Array<Record<string, unknown>>;
  concurrency?: number;
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as Task;
  const report = (n: number) => process.stdout.write(`+${n}\n`);
  if (task.mode === 'read') {
    await Promise.all(task.targets.flatMap((t) => t.tableIds.map((tableId) => peerReadTable(task.url, task.token, t.baseId, tableId, report))));
  } else {
    const target = task.targets[0]!;
    await peerCreate(task.url, task.token, target.baseId, target.tableIds[0]!, task.fields ?? [], task.concurrency ?? 5, report);
  }
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`peer failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
