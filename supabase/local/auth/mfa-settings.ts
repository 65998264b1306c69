// MFA settings from `[auth.mfa]` of supabase/config.toml (the Supabase CLI's keys, defaults as
// GoTrue's), plus the durations upstream fixes by default: five-minute challenges, and unverified
// factors nobody challenged swept after five minutes.
import type { ProjectConfig } from '../config.ts';

export interface MfaSettings {
  maxEnrolledFactors: number;
  maxVerifiedFactors: number;
  challengeExpirySeconds: number;
  factorExpirySeconds: number;
  totp: { enrollEnabled: boolean; verifyEnabled: boolean };
  /** The default `issuer` of a TOTP URI: the host of the site URL, as upstream. */
  issuer: string;
}

export function mfaSettings(config: ProjectConfig): MfaSettings {
  const { mfa, site_url: siteUrl } = config.auth;
  return {
    maxEnrolledFactors: mfa.max_enrolled_factors,
    maxVerifiedFactors: 10,
    challengeExpirySeconds: 300,
    factorExpirySeconds: 300,
    totp: { enrollEnabled: mfa.totp.enroll_enabled, verifyEnabled: mfa.totp.verify_enabled },
    issuer: new URL(siteUrl).host || 'localhost',
  };
}
