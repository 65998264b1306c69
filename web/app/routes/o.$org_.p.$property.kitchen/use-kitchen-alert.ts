// The new-ticket alert of the kitchen display: a short two-tone beep through the Web Audio API
// (browsers only allow sound after a user gesture, so the context starts on the first tap or
// key) and the ids of the tickets to flash, found by comparing each load with the last.
import { useCallback, useEffect, useRef, useState } from 'react';

const FLASH_MS = 8000;

function useBeep() {
  const audio = useRef<AudioContext | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const unlock = () => {
      audio.current ??= new AudioContext();
      void audio.current.resume();
      setReady(true);
    };
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);
  const beep = useCallback(() => {
    const context = audio.current;
    if (!context) return;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.25, context.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + offset + 0.16);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(context.currentTime + offset);
      oscillator.stop(context.currentTime + offset + 0.17);
    }
  }, []);
  return { beep, soundReady: ready };
}

/**
 * `armed` is set by the live feed when an order changes; a ticket id not seen before flashes and
 * beeps. The first load only records what is there (a reload is not a new ticket).
 */
export function useNewTicketAlert(ticketIds: string[]) {
  const { beep, soundReady } = useBeep();
  const seen = useRef<Set<string> | null>(null);
  const armed = useRef(false);
  const [fresh, setFresh] = useState<string[]>([]);
  const key = ticketIds.join(',');

  useEffect(() => {
    const ids = key ? key.split(',') : [];
    if (seen.current === null) {
      seen.current = new Set(ids);
      return;
    }
    const known = seen.current;
    const added = ids.filter((id) => !known.has(id));
    for (const id of added) known.add(id);
    if (added.length === 0) return;
    if (armed.current) beep();
    armed.current = false;
    setFresh((current) => [...current, ...added]);
    // Not cleared on the next change: each flash runs its course.
    setTimeout(() => setFresh((current) => current.filter((id) => !added.includes(id))), FLASH_MS);
  }, [key, beep]);

  const arm = useCallback(() => {
    armed.current = true;
  }, []);
  return { fresh, arm, soundReady };
}
