/**
 * Facts one part of core tells the others without knowing who listens. Listeners are called in
 * the order they subscribed, each synchronously up to its first await, so a fact like "requests
 * of this profile must stop" takes effect before `emit` returns; `emit` resolves when every
 * listener has finished (deleting a profile waits for its databases to close).
 */
export interface CoreEventMap {
  /** Something a profile shows changed: name, colour, identity, status, refreshing. */
  profileChanged: { profileId: string };
  /** The profile is about to be deleted: stop its work, close its files, forget its tokens. */
  profileDeleting: { profileId: string };
  /** Airtable no longer accepts the profile's grant: its requests must stop now. */
  grantStopped: { profileId: string; status: 'needs-reauth' | 'revoked'; reason: string };
  /** A new grant was stored: the profile's requests may go again. */
  grantResumed: { profileId: string };
}

export type CoreEventName = keyof CoreEventMap;
type Listener<E extends CoreEventName> = (payload: CoreEventMap[E]) => void | Promise<void>;

export class CoreEvents {
  private readonly listeners = new Map<CoreEventName, Array<Listener<CoreEventName>>>();

  on<E extends CoreEventName>(event: E, listener: Listener<E>): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<CoreEventName>);
    this.listeners.set(event, list);
    return () => {
      const at = list.indexOf(listener as Listener<CoreEventName>);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** Tells a fact and moves on: a listener that fails is logged, not thrown at the teller. */
  tell<E extends CoreEventName>(event: E, payload: CoreEventMap[E]): void {
    this.emit(event, payload).catch((error: unknown) => this.onListenerError(event, error));
  }

  /** Where a failed listener of `tell` is reported (the composition root sets the logger). */
  onListenerError: (event: CoreEventName, error: unknown) => void = () => undefined;

  async emit<E extends CoreEventName>(event: E, payload: CoreEventMap[E]): Promise<void> {
    const pending = [...(this.listeners.get(event) ?? [])].map((listener) => Promise.resolve(listener(payload)));
    await Promise.all(pending);
  }
}
