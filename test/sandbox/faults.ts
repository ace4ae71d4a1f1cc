/**
 * Faults on demand: fixed latency with jitter on every API answer, and rules that make
 * matching requests fail with a status, drop the connection, hang, send a slow body or a
 * malformed one. A rule applies `count` times (or forever) or with a probability.
 */
export interface FaultRule {
  /** `drop-after`: the request is carried out, then the connection drops before the answer (a lost response). */
  kind: 'status' | 'drop' | 'drop-after' | 'hang' | 'slow-body' | 'malformed';
  status?: number;
  count?: number;
  probability?: number;
  method?: string;
  pathPrefix?: string;
  /** For slow bodies: how long the body takes to arrive. */
  durationMs?: number;
}

export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  rules: FaultRule[];
}

export class FaultInjector {
  settings: FaultSettings = { latencyMs: 0, jitterMs: 0, rules: [] };
  private random: () => number = Math.random;

  configure(settings: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...settings, rules: settings.rules ? settings.rules.map((r) => ({ ...r })) : this.settings.rules };
  }

  clear(): void {
    this.settings = { latencyMs: 0, jitterMs: 0, rules: [] };
  }

  /** The first rule that fires for this request, consuming one of its counts. */
  take(method: string, path: string): FaultRule | undefined {
    for (const rule of this.settings.rules) {
      if (rule.method && rule.method !== method) continue;
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.count !== undefined && rule.count <= 0) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.count !== undefined) rule.count--;
      return rule;
    }
    return undefined;
  }

  /** Latency for one answer: fixed part plus uniform jitter. */
  delayMs(): number {
    const { latencyMs, jitterMs } = this.settings;
    return Math.max(0, latencyMs + (jitterMs > 0 ? (this.random() * 2 - 1) * jitterMs : 0));
  }
}
