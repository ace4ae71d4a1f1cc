import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// The only thing the page receives: the contract, bound to IPC. No ipcRenderer, no generic invoke.
contextBridge.exposeInMainWorld('airvault', createBridge(ipcRenderer));
