// Password strength as upstream checks it when a password is set (checkPasswordStrength):
// `[auth] minimum_password_length` and `password_requirements` from supabase/config.toml.
import type { ProjectConfig } from '../config.ts';

export interface WeakPassword {
  message: string;
  reasons: ('length' | 'characters')[];
}

const REQUIRED: Record<string, RegExp[]> = {
  letters_digits: [/[a-zA-Z]/, /[0-9]/],
  lower_upper_letters_digits: [/[a-z]/, /[A-Z]/, /[0-9]/],
  lower_upper_letters_digits_symbols: [/[a-z]/, /[A-Z]/, /[0-9]/, /[!@#$%^&*()_+\-=[\]{};'\\:"|<>?,./`~]/],
};

export function checkPasswordStrength(config: ProjectConfig, password: string): WeakPassword | null {
  const minimum = config.auth.minimum_password_length;
  const required = REQUIRED[config.auth.password_requirements] ?? [];
  const reasons: WeakPassword['reasons'] = [];
  const messages: string[] = [];
  if (password.length < minimum) {
    reasons.push('length');
    messages.push(`Password should be at least ${minimum} characters.`);
  }
  if (!required.every((pattern) => pattern.test(password))) {
    reasons.push('characters');
    messages.push('Password should contain the required character classes.');
  }
  return reasons.length > 0 ? { message: messages.join(' '), reasons } : null;
}
