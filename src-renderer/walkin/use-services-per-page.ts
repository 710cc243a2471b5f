/** How many walk-in services a page of the walk-in screen holds, following the window's size. */
import { useSyncExternalStore } from 'react';
import { useAccessibility } from '../accessibility/accessibility-context';
import { servicesPerPage } from './walk-in-pages';

function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

// One string, so that the snapshot compares equal while the size stays the same.
const windowSize = () => `${window.innerWidth}x${window.innerHeight}`;

export function useServicesPerPage(): number {
  const size = useSyncExternalStore(subscribeToResize, windowSize);
  const largeText = useAccessibility((state) => state.choices.largeText);
  const lowReach = useAccessibility((state) => state.choices.lowReach);
  const [width, height] = size.split('x').map(Number) as [number, number];
  return servicesPerPage({ width, height, largeText, lowReach });
}
