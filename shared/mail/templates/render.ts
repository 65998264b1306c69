// Turns a React Email element into what the outbox takes: HTML, the plain-text part (derived
// from the same element, so the two never disagree) and the subject.
import { render, toPlainText } from '@react-email/components';
import type { ReactElement } from 'react';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  template: string;
}

export async function renderMail(element: ReactElement, subject: string, template: string): Promise<RenderedMail> {
  // React 18's streaming renderer can flush a chunk whose last multi-byte character did not fit
  // with a zero byte in its place (the character follows in the next chunk; React 19 fixed it):
  // the NULs go, or PostgreSQL (text refuses NUL) and some mail servers would refuse the message.
  const html = (await render(element)).replaceAll('\u0000', '');
  // Detail tables (frame.tsx's Details) read as aligned "label  value" lines; layout tables as text.
  const text = toPlainText(html, {
    selectors: [{ selector: 'table.details', format: 'dataTable', options: { colSpacing: 3, maxColumnWidth: 60 } }],
  });
  // A subject is one line (the outbox refuses line breaks): names come from people.
  return { subject: subject.replace(/[\r\n]+/g, ' ').trim(), html, text: `${text.trim()}\n`, template };
}
