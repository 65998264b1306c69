// Guessing an emailed code: wrong codes are counted per user and code (not per client address,
// which an attacker can vary), and the fifth wrong one spends the code and is logged.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codeOf, freshEmail, useAuthStack, waitForMail } from './test-support.ts';
import { WRONG_GUESS_LIMIT } from './wrong-guesses.ts';

const stack = useAuthStack();

/** A six-digit code that is not `code`. */
function wrong(code: string, n: number): string {
  return String((Number(code) + n) % 1_000_000).padStart(code.length, '0');
}

async function emailedCode(email: string): Promise<string> {
  expect((await stack.client().auth.signInWithOtp({ email })).error, 'code sent').toBeNull();
  return codeOf(await waitForMail(stack, email));
}

async function guess(email: string, token: string) {
  const { data, error } = await stack.client().auth.verifyOtp({ email, token, type: 'email' });
  return { signedIn: Boolean(data.session), code: error?.code ?? null };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('email code guessing', () => {
  it('spends the code after the fifth wrong guess, so the right one no longer signs in, and logs it', async () => {
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const email = freshEmail('guessed');
    const code = await emailedCode(email);
    for (let n = 1; n <= WRONG_GUESS_LIMIT; n += 1) {
      expect((await guess(email, wrong(code, n))).code, `wrong guess ${n}`).toBe('otp_expired');
    }
    expect(await guess(email, code), 'the right code after five wrong ones').toEqual({
      signedIn: false,
      code: 'otp_expired',
    });
    const [user] = await stack.admin<{ confirmation_token: string; tokens: number }[]>`
      select confirmation_token,
        (select count(*)::int from auth.one_time_tokens t where t.user_id = u.id) as tokens
      from auth.users u where email = ${email}`;
    expect(user, 'the code is spent in the database').toEqual({ confirmation_token: '', tokens: 0 });
    const lines = log.mock.calls.map(([line]) => String(line));
    expect(
      lines.some((line) => line.includes('spent after 5 wrong codes')),
      'the spend is logged',
    ).toBe(true);
  });

  it('still accepts the right code after fewer wrong guesses', async () => {
    const email = freshEmail('typo');
    const code = await emailedCode(email);
    for (let n = 1; n < WRONG_GUESS_LIMIT; n += 1) {
      expect((await guess(email, wrong(code, n))).code, `wrong guess ${n}`).toBe('otp_expired');
    }
    expect(await guess(email, code), 'the right code signs in').toEqual({ signedIn: true, code: null });
  });
});
