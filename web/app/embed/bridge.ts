// The widget page's side of the postMessage channel: events and its height go to the host page's
// origin only (never '*'), and only when that origin is one of the key's allowed origins; the
// page listens to nothing from the host, so a host cannot drive it.
import { createContext, type RefObject, useContext, useEffect } from 'react';

export type WidgetEvent =
  | 'ready'
  | 'availabilityLoaded'
  | 'held'
  | 'confirmed'
  | 'paymentFailed'
  | 'orderPlaced'
  | 'reservationConfirmed'
  | 'cancelled';

export interface Bridge {
  emit(name: WidgetEvent, detail?: Record<string, unknown>): void;
}

export function createBridge(
  target: Window | null,
  hostOrigin: string | null,
  widget: string,
): Bridge & {
  height(pixels: number): void;
  /** Asks the loader to close a popup (Escape inside the frame). */
  close(): void;
} {
  const post = (message: Record<string, unknown>) => {
    if (!target || !hostOrigin || target === window) return;
    target.postMessage({ roost: 1, widget, ...message }, hostOrigin);
  };
  return {
    emit: (name, detail = {}) => post({ type: 'event', name, detail }),
    height: (pixels) => post({ type: 'height', height: Math.ceil(pixels) }),
    close: () => post({ type: 'close' }),
  };
}

export const BridgeContext = createContext<Bridge>({ emit: () => {} });
export const useBridge = () => useContext(BridgeContext);

/** Posts the element's height whenever it changes, so the host sizes the frame to fit. */
export function useAutoHeight(ref: RefObject<HTMLElement | null>, post: (pixels: number) => void): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const send = () => {
      const height = element.getBoundingClientRect().height;
      if (Math.abs(height - last) < 1) return;
      last = height;
      post(height);
    };
    const observer = new ResizeObserver(send);
    observer.observe(element);
    send();
    return () => observer.disconnect();
  }, [ref, post]);
}
