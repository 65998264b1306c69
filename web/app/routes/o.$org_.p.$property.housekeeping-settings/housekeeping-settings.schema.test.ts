import { describe, expect, it } from 'vitest';
import { parseForm } from '../../utils/forms.ts';
import { checklistLines, RoomTypeSettingsSchema } from './housekeeping-settings.schema.ts';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const TYPE = '6f1c2a52-2b7e-4d3c-9a51-0c8f7d1e2b3a';

describe('housekeeping settings form', () => {
  it('reads one checklist item per line, without blanks', () => {
    expect(checklistLines(' Bed made \r\n\nBalcony swept\n  ')).toEqual(['Bed made', 'Balcony swept']);
  });

  it('takes credits with a comma or a point and the checklist as lines', () => {
    const parsed = parseForm(RoomTypeSettingsSchema, form({ type_id: TYPE, credits: '1,5', checklist: 'A\nB' }));
    expect(parsed).toEqual({ ok: true, value: { type_id: TYPE, credits: 1.5, checklist: ['A', 'B'] } });
  });

  it('refuses credits out of range, an empty or repeated checklist', () => {
    const refused = (fields: Record<string, string>) => {
      const parsed = parseForm(
        RoomTypeSettingsSchema,
        form({ type_id: TYPE, credits: '1', checklist: 'A', ...fields }),
      );
      return parsed.ok ? {} : parsed.failure.fieldErrors;
    };
    expect(refused({ credits: '0.2' }).credits).toEqual(['Use 0.5 to 20 credits.']);
    expect(refused({ credits: '21' }).credits).toEqual(['Use 0.5 to 20 credits.']);
    expect(refused({ credits: 'two' }).credits).toEqual(['Use a number such as 1 or 1.5.']);
    expect(refused({ checklist: ' \n ' }).checklist).toEqual(['Write at least one item, one per line.']);
    expect(refused({ checklist: 'A\nA' }).checklist).toEqual(['Each item once: remove the repeated line.']);
    expect(refused({ checklist: Array.from({ length: 31 }, (_, i) => `Item ${i}`).join('\n') }).checklist).toEqual([
      'Use at most 30 items.',
    ]);
  });
});
