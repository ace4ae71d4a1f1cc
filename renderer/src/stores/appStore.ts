import { create } from 'zustand';
import type { AppInfo } from '../../../shared/domain/app';
import { call } from '../lib/api';
import { describeError, type Problem } from '../lib/errors';

export type Screen = 'records' | 'schema' | 'profiles' | 'outbox' | 'bases';

interface AppState {
  info: AppInfo | null;
  profileId: string | null;
  baseId: string | null;
  tableId: string | null;
  /** The record open in the detail panel. */
  recordId: string | null;
  screen: Screen;
  problem: Problem | null;
  paletteOpen: boolean;
  load: () => Promise<void>;
  openProfile: (profileId: string | null) => void;
  openTable: (baseId: string, tableId: string, screen?: Screen) => void;
  openRecord: (recordId: string | null) => void;
  show: (screen: Screen) => void;
  report: (error: unknown) => void;
  dismissProblem: () => void;
  setPaletteOpen: (open: boolean) => void;
}

const LAST_PROFILE = 'airvault.lastProfile';

/** Where the person is: which profile, base, table and screen; plus the one problem on show. */
export const useApp = create<AppState>()((set) => ({
  info: null,
  profileId: localStorage.getItem(LAST_PROFILE),
  baseId: null,
  tableId: null,
  recordId: null,
  screen: 'records',
  problem: null,
  paletteOpen: false,
  async load() {
    try {
      set({ info: await call('appInfo', {}) });
    } catch (error) {
      set({ problem: describeError(error) });
    }
  },
  openProfile(profileId) {
    if (profileId) localStorage.setItem(LAST_PROFILE, profileId);
    else localStorage.removeItem(LAST_PROFILE);
    set({ profileId, baseId: null, tableId: null, recordId: null, screen: 'records' });
  },
  openTable(baseId, tableId, screen = 'records') {
    set((s) => ({ baseId, tableId, screen, recordId: s.tableId === tableId ? s.recordId : null }));
  },
  openRecord(recordId) {
    set({ recordId });
  },
  show(screen) {
    set({ screen });
  },
  report(error) {
    set({ problem: describeError(error) });
  },
  dismissProblem() {
    set({ problem: null });
  },
  setPaletteOpen(paletteOpen) {
    set({ paletteOpen });
  },
}));
