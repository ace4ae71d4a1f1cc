/**
 * Which frames may call IPC: only the top frame of our own app, loaded from our own origin.
 * A null frame (navigated away or destroyed), a subframe, `file://` or any web origin is refused
 * before the handler runs.
 */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: SenderFrameLike | null;
}

export function createSenderPolicy(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
    if (!frame || frame.parent !== null) return false;
    let origin: string;
    try {
      const url = new URL(frame.url);
      // URL.origin is "null" for custom schemes, so build it from the parts we compare.
      origin = `${url.protocol}//${url.host}`;
    } catch {
      return false;
    }
    return allowed.has(origin);
  };
}
