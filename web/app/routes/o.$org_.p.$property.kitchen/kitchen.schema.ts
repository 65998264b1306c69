// The kitchen display's two bumps, checked in the action (the buttons carry only ids).
import { z } from 'zod';

export const BumpItemSchema = z.object({
  intent: z.literal('bump-item'),
  item_id: z.uuid({ error: 'This line is not on the display any more.' }),
});

export const BumpTicketSchema = z.object({
  intent: z.literal('bump-ticket'),
  order_id: z.uuid({ error: 'This ticket is not on the display any more.' }),
  // Empty: every station's lines (the "All stations" view).
  station_id: z.union([z.uuid(), z.literal('')]).optional(),
});
