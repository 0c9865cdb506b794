import type { StorageWarning } from '../delivery/storage.js';

/** `cx-storage-warning` (on window): IndexedDB could not be used, was full, or was reopened. */
export type CxStorageWarningDetail = StorageWarning & { /** ISO 8601 instant. */ timestamp: string };
export type CxStorageWarningEvent = CustomEvent<CxStorageWarningDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-storage-warning': CxStorageWarningEvent;
  }
}
