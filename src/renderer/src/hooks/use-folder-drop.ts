/** Dropping a folder on the window opens it (the desktop app can tell its path; a browser cannot). */
import { useEffect } from 'react';
import { useAppStore } from '../store/app-store';

/** useFolderDrop installs the window's drop handling while mounted. */
export function useFolderDrop(): void {
  useEffect(() => {
    const over = (e: DragEvent): void => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }
    };
    const drop = (e: DragEvent): void => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void useAppStore.getState().openDropped(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}
