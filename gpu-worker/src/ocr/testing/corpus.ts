// Deterministic text for OCR tests and the benchmark: Latin words, numbers, dates and prices, as on the documents
// Roost reads (receipts, menus, letters).
import { seededRandom } from '../../seeded-random.ts';

const words = [
  'room',
  'breakfast',
  'guest',
  'invoice',
  'total',
  'coffee',
  'Hotel',
  'Garden',
  'night',
  'service',
  'tax',
  'city',
  'Paris',
  'Berlin',
  'Lisbon',
  'check-in',
  'bakery',
  'Market',
  'street',
  'lunch',
  'dinner',
  'wine',
  'water',
  'Salad',
  'Chicken',
  'Soup',
  'Cake',
  'cash',
  'card',
  'VISA',
  'order',
  'table',
  'Terrace',
  'fresh',
  'daily',
  'special',
  'North',
  'Station',
  'Road',
  'Reception',
  'laundry',
  'parking',
  'Suite',
  'double',
  'single',
  'extra',
  'bed',
  'Thank',
  'you',
];

export function textLines(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const token = () => {
    const r = random();
    if (r < 0.7) return pick(words);
    if (r < 0.8) return String(Math.floor(random() * 9000) + 10);
    if (r < 0.9) return `${Math.floor(random() * 200)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    return `2026-${String(Math.floor(random() * 12) + 1).padStart(2, '0')}-${String(Math.floor(random() * 28) + 1).padStart(2, '0')}`;
  };
  return Array.from({ length: count }, () => Array.from({ length: 3 + Math.floor(random() * 4) }, token).join(' '));
}
