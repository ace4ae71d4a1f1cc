import type { Logger } from '../../core/ports';
import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/**
 * Typed event emission: the payload is checked against the contract before it leaves main,
 * so an event can never carry a field the contract does not list (such as a token).
 */
export function createEventEmitter(targets: () => readonly EventTarget[], logger: Logger) {
  return function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const spec = events[event];
    const checked = spec.payload.safeParse(payload);
    if (!checked.success) {
      logger.error('event payload does not match the contract', { channel: spec.channel });
      return;
    }
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(spec.channel, checked.data);
    }
  };
}

