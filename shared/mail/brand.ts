// An organization's look in email: its name, logo, colour and sender. Resolved from the
// organization's row (email_brand_color, email_sender_name, email_reply_to, logo_path) by
// brandFromOrganization; ROOST_BRAND where there is no organization (Auth, staff mail).

export interface Brand {
  /** The organization's name: footer and default sender name. */
  name: string;
  /** An absolute http(s) URL of the logo, or none. */
  logoUrl?: string | undefined;
  /** Buttons and the header rule, `#rrggbb`. */
  color: string;
  /** Display name of the From header. */
  senderName: string;
  /** Where replies go. */
  replyTo?: string | undefined;
}

export const ROOST_COLOR = '#1f4f7a';
/** The installation's sender when MAIL_FROM is not set (as the mailer's DEFAULT_FROM). */
export const DEFAULT_SENDER = 'Roost <no-reply@roost.localhost>';
export const ROOST_BRAND: Brand = { name: 'Roost', color: ROOST_COLOR, senderName: 'Roost' };

export interface OrganizationBrandRow {
  name: string;
  logo_path: string | null;
  email_brand_color: string | null;
  email_sender_name: string | null;
  email_reply_to: string | null;
}

/**
 * `storageUrl` is the public base of the Storage API (`<SUPABASE_URL>/storage/v1`): logos live in
 * the public org-assets bucket, so a mail client can load them without a session.
 */
export function brandFromOrganization(row: OrganizationBrandRow, storageUrl?: string): Brand {
  const logoUrl =
    row.logo_path && storageUrl
      ? `${storageUrl.replace(/\/+$/, '')}/object/public/org-assets/${row.logo_path.split('/').map(encodeURIComponent).join('/')}`
      : undefined;
  return {
    name: row.name,
    logoUrl,
    color: row.email_brand_color && /^#[0-9a-f]{6}$/i.test(row.email_brand_color) ? row.email_brand_color : ROOST_COLOR,
    senderName: row.email_sender_name ?? row.name,
    replyTo: row.email_reply_to ?? undefined,
  };
}

/**
 * The From header: the brand's display name with the address of the configured sender
 * (`Roost <no-reply@…>` → `Hotel Aurora <no-reply@…>`): organizations name the sender, the
 * installation owns the sending domain.
 */
export function fromHeader(brand: Brand, defaultFrom: string): string {
  const address = /<([^<>]+)>\s*$/.exec(defaultFrom)?.[1] ?? defaultFrom.trim();
  const name = brand.senderName.replace(/["\\<>\r\n]/g, '').trim();
  return name ? `"${name}" <${address}>` : address;
}
