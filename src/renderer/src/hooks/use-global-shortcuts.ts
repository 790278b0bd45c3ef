/** Keyboard shortcuts of the whole window: Ctrl/Cmd+F (or /) searches, Escape leaves focus and selection. */
import { useEffect } from 'react';
import { useAppStore } from '../store/app-store';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** useGlobalShortcuts installs the window's shortcuts while mounted. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = useAppStore.getState();
      if (!s.graph) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        s.requestSearch();
      } else if (e.key === '/' && !typing(e.target)) {
        e.preventDefault();
        s.requestSearch();
      } else if (e.key === 'Escape' && !typing(e.target)) {
        if (s.focus) s.clearFocus();
        else s.select(undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
