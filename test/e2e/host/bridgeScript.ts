import { eventNames, events, methodNames } from '../../../shared/ipc/contract';

/**
 * The script the test host injects before the app: it gives the page the same
 * `window.airvault` the Electron preload gives (one function per contract method plus `on`),
 * carried over a loopback WebSocket instead of IPC. Calls made before the socket opens wait.
 */
export function bridgeScript(socketUrl: string): string {
  const eventChannels = Object.fromEntries(eventNames.map((name) => [name, events[name].channel]));
  return `(() => {
  const methods = ${JSON.stringify(methodNames)};
  const eventChannels = ${JSON.stringify(eventChannels)};
  const socket = new WebSocket(${JSON.stringify(socketUrl)});
  const pending = new Map();
  const listeners = new Map();
  const queue = [];
  let nextId = 1;
  const unavailable = { ok: false, error: { code: 'UNAVAILABLE', message: 'Airvault could not reach its main process.' } };
  socket.addEventListener('open', () => { for (const message of queue.splice(0)) socket.send(message); });
  socket.addEventListener('close', () => { for (const resolve of pending.values()) resolve(unavailable); pending.clear(); });
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(message.data);
    if (data.id !== undefined) { const resolve = pending.get(data.id); pending.delete(data.id); if (resolve) resolve(data.result); return; }
    for (const callback of listeners.get(data.channel) || []) callback(data.payload);
  });
  const api = {};
  for (const name of methods) {
    api[name] = (input) => new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const text = JSON.stringify({ id, method: name, input: input === undefined ? {} : input });
      if (socket.readyState === WebSocket.OPEN) socket.send(text); else if (socket.readyState === WebSocket.CONNECTING) queue.push(text); else { pending.delete(id); resolve(unavailable); }
    });
  }
  api.on = (event, callback) => {
    const channel = eventChannels[event];
    if (!channel || typeof callback !== 'function') return () => {};
    const set = listeners.get(channel) || new Set();
    const wrapped = (payload) => callback(payload);
    set.add(wrapped);
    listeners.set(channel, set);
    return () => set.delete(wrapped);
  };
  Object.defineProperty(window, 'airvault', { value: Object.freeze(api), writable: false, configurable: false });
})();`;
}
