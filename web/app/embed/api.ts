// The widget pages' client for the public widget API (functions/widget-api): plain fetch from
// the iframe with the widget key in a header, no cookie and no storage (works with third-party
// cookies blocked). Amounts are integer minor units plus a currency; dates are YYYY-MM-DD in the
// property's time zone. Every refusal comes back as `{ error: { code, message } }`.

export interface WidgetConfig {
  property: { id: string; name: string; kind: string; currency: string; time_zone: string };
  allowed_origins: string[];
  policy: {
    hold_minutes: number;
    free_cancellation_hours?: number | null;
    /** What a cancellation after the free period costs. */
    cancellation?: { kind: 'percentage' | 'first_night' | string; bps?: number | null } | null;
    deposit?: { kind: 'none' | 'first_night' | 'percentage' | 'full'; bps?: number | null } | null;
  };
  payments: { mode: 'local' | 'stripe' | 'none'; publishable_key?: string | null };
}

export interface RoomOffer {
  resource_type_id: string;
  name: string;
  description?: string | null;
  capacity: number;
  total_minor: number;
  taxes_minor: number;
  deposit_minor?: number;
  currency: string;
  available_count: number;
}

export interface Availability {
  nights: number;
  room_types: RoomOffer[];
}

export interface Hold {
  booking_id: string;
  hold_token: string;
  expires_at: string;
  total_minor: number;
  deposit_minor: number;
  currency: string;
  reference?: string;
}

export interface Payment {
  intent_id: string;
  client_secret: string;
  amount_minor: number;
  currency: string;
  test_page_url?: string | null;
  /** Stripe mode: the tenant's connected account and the platform's publishable key. */
  stripe_account?: string | null;
  publishable_key?: string | null;
}

export type Confirmation =
  | { status: 'confirmed'; reference: string }
  | { status: 'payment_required'; reference: string; payment: Payment };

export interface BookingStatus {
  status: 'held' | 'confirmed' | 'cancelled' | string;
  reference?: string | null;
  expires_at?: string | null;
  /** When the server knows a payment attempt failed (a declined card). */
  payment_status?: string | null;
}

export interface BookingSummary {
  reference: string;
  status: string;
  kind?: 'stay' | 'table' | string;
  from?: string | null;
  to?: string | null;
  /** A table's time of day, HH:MM in the property's zone. */
  time?: string | null;
  guests?: number | null;
  room_type?: string | null;
  total_minor?: number | null;
  paid_minor?: number | null;
  cancellable?: boolean;
  cancellation_fee_minor: number;
  currency: string;
}

export interface TableSlot {
  /** HH:MM in the property's time zone. */
  time: string;
  starts_at: string;
  resource_type_id: string;
  name?: string | null;
  available_count?: number;
}

export interface MenuOption {
  id: string;
  name: string;
  /** What the option adds to the item's price (may be negative). */
  price_minor: number;
}
export interface MenuModifierGroup {
  id: string;
  name: string;
  min: number;
  max: number;
  options: MenuOption[];
}
export interface MenuItem {
  id: string;
  name: string;
  description?: string | null;
  price_minor: number;
  modifier_groups: MenuModifierGroup[];
}
export interface Menu {
  currency: string;
  categories: { id: string; name: string; items: MenuItem[] }[];
}

/** An online order as the guest sees it (decision 042). */
export interface OrderStatus {
  order_id: string;
  /** What the guest and the kitchen call it: six characters of its id. */
  number: string;
  mode: 'takeaway' | 'room_service';
  /** awaiting_payment and expired are drafts the kitchen never saw; then the kitchen's own states. */
  status:
    | 'awaiting_payment'
    | 'expired'
    | 'submitted'
    | 'preparing'
    | 'ready'
    | 'served'
    | 'closed'
    | 'voided'
    | string;
  payment_status: 'none' | 'pending' | 'failed' | 'paid' | 'on_folio' | string;
  pickup_at?: string | null;
  pay_by?: string | null;
  subtotal_minor?: number;
  discount_minor?: number;
  /** Tax added to the prices (0 when the prices include it). */
  tax_minor?: number;
  service_charge_minor?: number;
  total_minor: number;
  currency: string;
  lines?: { name: string; quantity: number; options: string[]; status: string }[];
}

export interface PlacedOrder extends OrderStatus {
  /** Needed to ask for the order's status; the only proof of owning the order. */
  order_token: string;
  /** A takeaway's payment (the order reaches the kitchen once Stripe says it is paid). */
  payment?: Payment | null;
}

export interface PickupTimes {
  lead_minutes: number;
  opens: string;
  closes: string;
  /** Instants (ISO) every 15 minutes the kitchen accepts. */
  times: string[];
}

export interface GuestDetails {
  name: string;
  email: string;
  phone?: string;
  /** The page's language (guestLanguage): a guest without one of their own takes it for their emails. */
  language?: string;
}

/**
 * The language tag a guest profile takes from the page's locale: `de-DE` → `de-DE`, `es-419` →
 * `es`, `zh-Hant-TW` → `zh`; undefined for a locale without such a start.
 */
export function guestLanguage(locale: string): string | undefined {
  return /^([a-z]{2,3}(?:-[A-Z]{2})?)(?=$|-)/.exec(locale)?.[1];
}

/** A refusal of the API (or of the network) with a stable code; pages show `errorKey(error)`'s text (text.ts). */
export class WidgetApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export interface WidgetApi {
  availability(from: string, to: string, guests: number): Promise<Availability>;
  hold(input: { resource_type_id: string; from: string; to: string; guests: number }, key: string): Promise<Hold>;
  confirm(
    bookingId: string,
    input: { hold_token: string; guest: GuestDetails; consent: { terms: true; marketing: boolean } },
    key: string,
  ): Promise<Confirmation>;
  status(bookingId: string, holdToken: string): Promise<BookingStatus>;
  lookup(reference: string, email: string): Promise<BookingSummary>;
  cancel(
    reference: string,
    email: string,
    key: string,
  ): Promise<{ status: string; fee_minor: number; refund_minor: number; currency?: string }>;
  tables(date: string, party: number): Promise<{ date: string; duration_minutes?: number; slots: TableSlot[] }>;
  reserveTable(
    input: {
      resource_type_id: string;
      date: string;
      time: string;
      party: number;
      guest: GuestDetails;
      consent: { terms: true; marketing: boolean };
    },
    key: string,
  ): Promise<{
    status: string;
    reference: string;
    booking_id: string;
    hold_token?: string;
    payment?: Payment | null;
  }>;
  menu(): Promise<Menu>;
  placeOrder(
    input: {
      mode: 'takeaway' | 'room_service';
      pickup_at?: string;
      booking_reference?: string;
      surname?: string;
      items: { item_id: string; quantity: number; modifier_ids?: string[] }[];
      guest: GuestDetails;
    },
    key: string,
  ): Promise<PlacedOrder>;
  orderStatus(orderId: string, token: string): Promise<OrderStatus>;
  pickupTimes(): Promise<PickupTimes>;
}

/** A random idempotency key (one per attempt the guest makes; retries of that attempt reuse it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

export function widgetApi(apiUrl: string, key: string, fetcher: typeof fetch = fetch): WidgetApi {
  const base = `${apiUrl.replace(/\/$/, '')}/functions/v1/widget-api`;
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        method,
        // No cookies, ever: the widget key is the only credential.
        credentials: 'omit',
        headers: { 'X-Roost-Widget-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new WidgetApiError('network', 'The widget API did not answer.', 0);
    }
    const payload = (await response.json().catch(() => null)) as
      | (T & { error?: { code?: string; message?: string } })
      | null;
    if (!response.ok || !payload) {
      const retry = Number(response.headers.get('Retry-After'));
      throw new WidgetApiError(
        payload?.error?.code ?? (response.status === 429 ? 'rate_limited' : 'unexpected'),
        payload?.error?.message ?? `The booking service answered ${response.status}.`,
        response.status,
        Number.isFinite(retry) && retry > 0 ? retry : null,
      );
    }
    return payload;
  }
  const query = (params: Record<string, string | number>) =>
    `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  return {
    availability: (from, to, guests) => call('GET', `/availability${query({ from, to, guests })}`),
    hold: (input, key) => call('POST', '/holds', { ...input, idempotency_key: key }),
    confirm: (bookingId, input, key) =>
      call('POST', `/holds/${encodeURIComponent(bookingId)}/confirm`, { ...input, idempotency_key: key }),
    status: (bookingId, holdToken) =>
      call('GET', `/bookings/${encodeURIComponent(bookingId)}/status${query({ hold_token: holdToken })}`),
    lookup: (reference, email) => call('POST', '/bookings/lookup', { reference, email }),
    cancel: (reference, email, key) => call('POST', '/bookings/cancel', { reference, email, idempotency_key: key }),
    tables: (date, party) => call('GET', `/tables${query({ date, party })}`),
    reserveTable: (input, key) => call('POST', '/table-reservations', { ...input, idempotency_key: key }),
    menu: () => call('GET', '/menu'),
    placeOrder: (input, key) => call('POST', '/orders', { ...input, idempotency_key: key }),
    orderStatus: (orderId, token) => call('GET', `/orders/${encodeURIComponent(orderId)}/status${query({ token })}`),
    pickupTimes: () => call('GET', '/pickup-times'),
  };
}
