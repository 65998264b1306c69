import { describe, expect, it } from 'vitest';
import { parseForm } from '../../utils/forms.ts';
import { AVATAR_MAX_BYTES, avatarProblem, PasswordSchema } from './account.schema.ts';

const file = (type: string, size: number) => new File([new Uint8Array(size)], 'photo', { type });

describe('avatarProblem', () => {
  it('takes the bucket’s image types up to 2 MB', () => {
    expect(avatarProblem(file('image/png', 10))).toBeNull();
    expect(avatarProblem(file('image/webp', AVATAR_MAX_BYTES))).toBeNull();
  });

  it('refuses nothing chosen, other types and larger files', () => {
    expect(avatarProblem(null)).toBe('Choose a photo.');
    expect(avatarProblem('text')).toBe('Choose a photo.');
    expect(avatarProblem(file('image/png', 0))).toBe('Choose a photo.');
    expect(avatarProblem(file('image/svg+xml', 10))).toBe('Use a PNG, JPEG, WebP or GIF image.');
    expect(avatarProblem(file('image/jpeg', AVATAR_MAX_BYTES + 1))).toBe('Use an image of at most 2 MB.');
  });
});

describe('PasswordSchema', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };

  it('needs the emailed code and the same new password twice', () => {
    const parsed = parseForm(
      PasswordSchema,
      form({ code: ' 123456 ', password: 'long-enough', confirmation: 'long-enough' }),
    );
    expect(parsed).toEqual({
      ok: true,
      value: { code: '123456', password: 'long-enough', confirmation: 'long-enough' },
    });
    const wrong = parseForm(PasswordSchema, form({ code: '12a456', password: 'short', confirmation: 'other' }));
    expect(wrong.ok ? null : wrong.failure.fieldErrors).toEqual({
      code: ['Enter the 6-digit code from the email.'],
      password: ['Use at least 8 characters.'],
      confirmation: ['The two passwords are not the same.'],
    });
    const mismatch = parseForm(
      PasswordSchema,
      form({ code: '123456', password: 'long-enough', confirmation: 'other-one' }),
    );
    expect(mismatch.ok ? null : mismatch.failure.fieldErrors).toEqual({
      confirmation: ['The two passwords are not the same.'],
    });
  });
});
