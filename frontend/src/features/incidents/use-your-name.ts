import { useCallback, useState } from 'react';

export const NAME_STORAGE_KEY = 'lifeline.yourName';

function read(): string {
  try {
    return localStorage.getItem(NAME_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * Who acknowledges and writes notes, until sign-in exists: typed once, remembered on this
 * device, sent as `by`.
 */
export function useYourName(): [string, (name: string) => void] {
  const [name, setName] = useState(read);
  const update = useCallback((next: string) => {
    setName(next);
    try {
      if (next.trim()) localStorage.setItem(NAME_STORAGE_KEY, next);
      else localStorage.removeItem(NAME_STORAGE_KEY);
    } catch {
      // storage disabled: the name lasts for this page only
    }
  }, []);
  return [name, update];
}
