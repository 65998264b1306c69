// The booking grid's inputs: the window it shows (search parameters) and a move (a drag or the
// "Move to" form), checked in the browser and again in the action; modify_booking keeps the rules.
import { z } from 'zod';
import { isIsoDate } from '../../utils/calendar-dates.ts';

export const GRID_SPANS = [7, 14, 31] as const;
export type GridSpan = (typeof GRID_SPANS)[number];
export const DEFAULT_SPAN: GridSpan = 14;

const isoDate = (message: string) => z.string().refine(isIsoDate, message);

export const MoveSchema = z
  .object({
    intent: z.literal('move'),
    booking_id: z.uuid('Choose a booking to move.'),
    resource_id: z.uuid('Choose a room.'),
    arrival: isoDate('Enter the arrival date.'),
    departure: isoDate('Enter the departure date.'),
  })
  .refine((move) => move.departure > move.arrival, {
    path: ['departure'],
    message: 'The departure must be after the arrival.',
  });
export type MoveInput = z.infer<typeof MoveSchema>;

export interface GridWindow {
  from: string;
  days: GridSpan;
  query: string;
}

/** The window from the URL; anything unreadable falls back to today and two weeks. */
export function readWindow(params: URLSearchParams, today: string): GridWindow {
  const from = params.get('from') ?? '';
  const days = Number(params.get('days'));
  return {
    from: isIsoDate(from) ? from : today,
    days: (GRID_SPANS as readonly number[]).includes(days) ? (days as GridSpan) : DEFAULT_SPAN,
    query: (params.get('q') ?? '').trim().slice(0, 120),
  };
}
