// The emails' message catalogue: every sentence a template shows, in English and German.
// A guest's profile language ('de', 'de-AT') picks the catalogue; anything else gets English.
// Adding a language is adding one object of the same shape (the type checks it is complete).

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The catalogue for a profile's language tag; English when there is none or no catalogue. */
export function pickLanguage(tag: string | null | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

/** The locale dates and money are formatted in. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

const en = {
  hello: (name: string) => `Hello ${name},`,
  helloStaff: 'Hello,',
  footer: (org: string) => (org === 'Roost' ? 'Sent by Roost.' : `Sent by ${org} with Roost.`),
  replyHint: 'Questions? Reply to this email and we will help.',
  ignoreHint: 'If you did not ask for this, ignore this email.',
  unsubscribe: 'Unsubscribe from these emails',
  dataRequest: 'Request a copy of the personal data we hold about you',
  details: {
    reference: 'Booking reference',
    property: 'Where',
    resource: 'Room or table',
    arrival: 'Arrival',
    departure: 'Departure',
    when: 'When',
    guests: 'Guests',
    nights: 'Nights',
    total: 'Total',
  },
  from: (time: string) => `from ${time}`,
  until: (time: string) => `until ${time}`,
  calendarHint: 'The attached calendar file adds it to your calendar.',
  booking_confirmation: {
    subject: (property: string, reference: string) => `Your booking at ${property} is confirmed (${reference})`,
    preview: (property: string) => `We look forward to welcoming you at ${property}.`,
    title: 'Your booking is confirmed',
    intro: 'Thank you for booking with us. Here are the details.',
  },
  booking_modified: {
    subject: (property: string, reference: string) => `Your booking at ${property} has changed (${reference})`,
    preview: (property: string) => `The new details of your booking at ${property}.`,
    title: 'Your booking has changed',
    intro: 'Your booking was changed. These are the new details.',
  },
  booking_cancelled: {
    subject: (property: string, reference: string) => `Your booking at ${property} is cancelled (${reference})`,
    preview: (reference: string) => `Booking ${reference} is cancelled.`,
    title: 'Your booking is cancelled',
    intro: 'Your booking was cancelled. We hope to welcome you another time.',
    fee: (amount: string) => `A cancellation fee of ${amount} applies.`,
    noFee: 'No cancellation fee applies.',
    reason: (reason: string) => `Reason: ${reason}`,
  },
  pre_arrival_reminder: {
    subject: (property: string) => `See you soon at ${property}`,
    preview: (when: string) => `Your booking starts ${when}.`,
    title: 'See you soon',
    intro: 'A reminder of your upcoming booking.',
  },
  post_stay_thank_you: {
    subject: (property: string) => `Thank you for visiting ${property}`,
    preview: (property: string) => `Thank you for choosing ${property}.`,
    title: 'Thank you for your visit',
    intro: 'It was a pleasure to have you with us. We hope to welcome you again soon.',
  },
  booking_receipt: {
    subject: (property: string, reference: string) => `Your receipt from ${property} (${reference})`,
    preview: (amount: string) => `Invoice total ${amount}.`,
    title: 'Your receipt',
    intro: 'Thank you for your stay. Your invoice is attached as a PDF.',
    charges: 'Charges',
    paid: 'Paid',
    balance: 'Balance due',
    invoice: 'Invoice number',
  },
  order_ready: {
    subject: (property: string) => `Your order at ${property} is ready`,
    preview: (count: number) => `${count} item${count === 1 ? '' : 's'} ready for you.`,
    title: 'Your order is ready',
    intro: 'Your order is ready. Enjoy!',
    item: 'Item',
    quantity: 'Qty',
  },
  invitation: {
    subject: (org: string) => `Join ${org} on Roost`,
    preview: (org: string) => `You are invited to ${org} on Roost.`,
    title: (org: string) => `Join ${org}`,
    who: (inviter: string | undefined, org: string, role: string) =>
      `${inviter ? `${inviter} invited you` : 'You are invited'} to join ${org} on Roost as ${role}.`,
    action: 'Accept the invitation',
    validUntil: (date: string) => `The invitation is valid until ${date}. If you did not expect it, ignore this email.`,
  },
  auth: {
    confirm_signup: {
      subject: 'Confirm Your Signup',
      intro: 'Follow this link to confirm your email address.',
      action: 'Confirm your email',
    },
    magic_link: { subject: 'Your Magic Link', intro: 'Follow this link to sign in to Roost.', action: 'Sign in' },
    recovery: {
      subject: 'Reset Your Password',
      intro: 'Follow this link to choose a new password.',
      action: 'Reset your password',
    },
    email_change: {
      subject: 'Confirm Change of Email',
      intro: 'Follow this link to confirm the change of your email from {email} to {newEmail}.',
      action: 'Confirm the change',
    },
    invite: {
      subject: 'You Have Been Invited',
      intro: 'You have been invited to create a user on Roost.',
      action: 'Accept the invite',
    },
    reauthentication: {
      subject: 'Confirm Reauthentication',
      intro: 'Enter this code to confirm it is you:',
      action: '',
    },
    orCode: 'Or enter this code:',
  },
  manager_report: {
    subject: (property: string, day: string) => `Daily report for ${property}, ${day}`,
    preview: (day: string) => `The numbers of ${day}.`,
    title: 'Daily manager report',
    intro: 'The day at a glance; the full report is attached as a PDF.',
    open: 'Open the dashboard',
  },
};

export type Catalogue = typeof en;

const de: Catalogue = {
  hello: (name) => `Hallo ${name},`,
  helloStaff: 'Hallo,',
  footer: (org) => (org === 'Roost' ? 'Gesendet von Roost.' : `Gesendet von ${org} mit Roost.`),
  replyHint: 'Fragen? Antworten Sie einfach auf diese E-Mail.',
  ignoreHint: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail.',
  unsubscribe: 'Diese E-Mails abbestellen',
  dataRequest: 'Eine Kopie Ihrer bei uns gespeicherten personenbezogenen Daten anfordern',
  details: {
    reference: 'Buchungsnummer',
    property: 'Wo',
    resource: 'Zimmer oder Tisch',
    arrival: 'Anreise',
    departure: 'Abreise',
    when: 'Wann',
    guests: 'Personen',
    nights: 'Nächte',
    total: 'Gesamt',
  },
  from: (time) => `ab ${time} Uhr`,
  until: (time) => `bis ${time} Uhr`,
  calendarHint: 'Mit der angehängten Kalenderdatei tragen Sie den Termin in Ihren Kalender ein.',
  booking_confirmation: {
    subject: (property, reference) => `Ihre Buchung im ${property} ist bestätigt (${reference})`,
    preview: (property) => `Wir freuen uns, Sie im ${property} zu begrüßen.`,
    title: 'Ihre Buchung ist bestätigt',
    intro: 'Vielen Dank für Ihre Buchung. Hier sind die Einzelheiten.',
  },
  booking_modified: {
    subject: (property, reference) => `Ihre Buchung im ${property} wurde geändert (${reference})`,
    preview: (property) => `Die neuen Einzelheiten Ihrer Buchung im ${property}.`,
    title: 'Ihre Buchung wurde geändert',
    intro: 'Ihre Buchung wurde geändert. Das sind die neuen Einzelheiten.',
  },
  booking_cancelled: {
    subject: (property, reference) => `Ihre Buchung im ${property} ist storniert (${reference})`,
    preview: (reference) => `Buchung ${reference} ist storniert.`,
    title: 'Ihre Buchung ist storniert',
    intro: 'Ihre Buchung wurde storniert. Wir hoffen, Sie ein anderes Mal begrüßen zu dürfen.',
    fee: (amount) => `Es fällt eine Stornogebühr von ${amount} an.`,
    noFee: 'Es fällt keine Stornogebühr an.',
    reason: (reason) => `Grund: ${reason}`,
  },
  pre_arrival_reminder: {
    subject: (property) => `Bis bald im ${property}`,
    preview: (when) => `Ihre Buchung beginnt am ${when}.`,
    title: 'Bis bald',
    intro: 'Eine Erinnerung an Ihre bevorstehende Buchung.',
  },
  post_stay_thank_you: {
    subject: (property) => `Danke für Ihren Besuch im ${property}`,
    preview: (property) => `Danke, dass Sie sich für das ${property} entschieden haben.`,
    title: 'Danke für Ihren Besuch',
    intro: 'Es war uns eine Freude. Wir hoffen, Sie bald wieder begrüßen zu dürfen.',
  },
  booking_receipt: {
    subject: (property, reference) => `Ihre Rechnung vom ${property} (${reference})`,
    preview: (amount) => `Rechnungsbetrag ${amount}.`,
    title: 'Ihre Rechnung',
    intro: 'Vielen Dank für Ihren Aufenthalt. Ihre Rechnung finden Sie als PDF im Anhang.',
    charges: 'Leistungen',
    paid: 'Bezahlt',
    balance: 'Offener Betrag',
    invoice: 'Rechnungsnummer',
  },
  order_ready: {
    subject: (property) => `Ihre Bestellung im ${property} ist fertig`,
    preview: (count) => `${count} ${count === 1 ? 'Artikel ist' : 'Artikel sind'} für Sie bereit.`,
    title: 'Ihre Bestellung ist fertig',
    intro: 'Ihre Bestellung ist fertig. Guten Appetit!',
    item: 'Artikel',
    quantity: 'Menge',
  },
  invitation: {
    subject: (org) => `Treten Sie ${org} auf Roost bei`,
    preview: (org) => `Sie sind zu ${org} auf Roost eingeladen.`,
    title: (org) => `${org} beitreten`,
    who: (inviter, org, role) =>
      `${inviter ? `${inviter} hat Sie eingeladen` : 'Sie sind eingeladen'}, ${org} auf Roost als ${role} beizutreten.`,
    action: 'Einladung annehmen',
    validUntil: (date) =>
      `Die Einladung ist bis ${date} gültig. Wenn Sie sie nicht erwartet haben, ignorieren Sie diese E-Mail.`,
  },
  auth: {
    confirm_signup: {
      subject: 'Bestätigen Sie Ihre Registrierung',
      intro: 'Folgen Sie diesem Link, um Ihre E-Mail-Adresse zu bestätigen.',
      action: 'E-Mail bestätigen',
    },
    magic_link: {
      subject: 'Ihr Anmeldelink',
      intro: 'Folgen Sie diesem Link, um sich bei Roost anzumelden.',
      action: 'Anmelden',
    },
    recovery: {
      subject: 'Passwort zurücksetzen',
      intro: 'Folgen Sie diesem Link, um ein neues Passwort zu wählen.',
      action: 'Passwort zurücksetzen',
    },
    email_change: {
      subject: 'Änderung der E-Mail-Adresse bestätigen',
      intro: 'Folgen Sie diesem Link, um die Änderung Ihrer E-Mail-Adresse von {email} zu {newEmail} zu bestätigen.',
      action: 'Änderung bestätigen',
    },
    invite: {
      subject: 'Sie wurden eingeladen',
      intro: 'Sie wurden eingeladen, ein Konto bei Roost anzulegen.',
      action: 'Einladung annehmen',
    },
    reauthentication: {
      subject: 'Bestätigen Sie, dass Sie es sind',
      intro: 'Geben Sie diesen Code ein, um zu bestätigen, dass Sie es sind:',
      action: '',
    },
    orCode: 'Oder geben Sie diesen Code ein:',
  },
  manager_report: {
    subject: (property, day) => `Tagesbericht für ${property}, ${day}`,
    preview: (day) => `Die Zahlen vom ${day}.`,
    title: 'Tagesbericht',
    intro: 'Der Tag auf einen Blick; den vollständigen Bericht finden Sie als PDF im Anhang.',
    open: 'Dashboard öffnen',
  },
};

export const CATALOGUES: Record<Language, Catalogue> = { en, de };
