import type { EventName, EventPayload } from '../../../shared/ipc/contract';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Whether each profile can reach Airtable, as seen from real request outcomes (a sync or a send
 * that failed for lack of a network, or one that went through). The UI hears only changes.
 */
export class Connectivity {
  private readonly online = new Map<string, boolean>();

  constructor(private readonly emit: Emit) {}

  report(profileId: string, online: boolean): void {
    if (this.online.get(profileId) === online) return;
    this.online.set(profileId, online);
    this.emit('connectivityChanged', { profileId, online });
  }

  forget(profileId: string): void {
    this.online.delete(profileId);
  }
}
