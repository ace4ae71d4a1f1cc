import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 820, maximized: false };
const MIN = { width: 900, height: 560 };

/**
 * The window's last size and position, if it still fits a connected display (a monitor may
 * have been unplugged since); otherwise a centred default. A missing or damaged file is the
 * default too.
 */
export function loadWindowState(file: string, displays: readonly Rect[]): WindowBounds {
  let saved: Partial<WindowBounds>;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowBounds>;
  } catch {
    return DEFAULT_BOUNDS;
  }
  const { x, y, width, height } = saved;
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) return DEFAULT_BOUNDS;
  const bounds = { x: x!, y: y!, width: Math.max(MIN.width, width!), height: Math.max(MIN.height, height!) };
  // At least a 100×50 corner of the title bar area must be on some display.
  const visible = displays.some((d) => bounds.x + 100 > d.x && bounds.x < d.x + d.width - 100 && bounds.y >= d.y - 10 && bounds.y < d.y + d.height - 50);
  if (!visible) return { ...DEFAULT_BOUNDS, maximized: saved.maximized === true };
  return { ...bounds, maximized: saved.maximized === true };
}

export function saveWindowState(file: string, bounds: WindowBounds): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(bounds));
  renameSync(temp, file); // never a half-written file
}

export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

/** Saves the window's bounds shortly after it moves or resizes, and when it closes. */
export function trackWindowState(window: TrackedWindow, file: string, delayMs = 500): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    saveWindowState(file, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
    timer.unref?.();
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
