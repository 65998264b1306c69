/** @jsxImportSource react */
// The frame every Roost email shares: the organization's logo (or name) over a rule in its
// colour, a title, the body, and a footer. Inline styles only: mail clients drop <style>.
import { Body, Button, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { Brand } from '../brand.ts';
import type { Language } from '../i18n.ts';

export const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const INK = '#1a1a1a';
export const MUTED = '#5f6368';

export const text = { fontSize: '15px', lineHeight: '24px', color: INK, margin: '0 0 14px' } as const;
export const small = { fontSize: '13px', lineHeight: '20px', color: MUTED, margin: '0 0 8px' } as const;

/** Dark or white text, whichever reads better on the brand colour (WCAG relative luminance). */
export function inkOn(background: string): string {
  const channel = (hex: string) => {
    const c = Number.parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [1, 3, 5].map((i) => channel(background.slice(i, i + 2))) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.4 ? INK : '#ffffff';
}

export function Frame(props: {
  brand: Brand;
  language: Language;
  preview: string;
  title: string;
  footer: string;
  children: ReactNode;
}) {
  const { brand } = props;
  return (
    <Html lang={props.language} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: '#f3f4f6', fontFamily: FONT, margin: 0, padding: '24px 12px' }}>
        <Container
          style={{
            maxWidth: '560px',
            backgroundColor: '#ffffff',
            borderTop: `4px solid ${brand.color}`,
            borderRadius: '6px',
            padding: '24px 28px',
          }}
        >
          <Section style={{ marginBottom: '8px' }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height="40" style={{ height: '40px', width: 'auto' }} />
            ) : (
              <Text style={{ fontSize: '18px', fontWeight: 700, color: brand.color, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '30px', color: INK, margin: '16px 0 12px' }}>
            {props.title}
          </Heading>
          {props.children}
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0 12px' }} />
          <Text style={small}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function ActionButton(props: { brand: Brand; href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 18px' }}>
      <Button
        href={props.href}
        style={{
          backgroundColor: props.brand.color,
          color: inkOn(props.brand.color),
          fontSize: '15px',
          fontWeight: 600,
          padding: '12px 20px',
          borderRadius: '6px',
          textDecoration: 'none',
        }}
      >
        {props.children}
      </Button>
    </Section>
  );
}

/**
 * Label and value pairs as a two-column table (aligned "label  value" lines in the text part);
 * `amounts` right-aligns the values (order lines and totals).
 */
export function Details(props: { rows: [label: string, value: string][]; amounts?: boolean }) {
  return (
    <table
      className="details"
      role="presentation"
      cellPadding={0}
      cellSpacing={0}
      style={{ width: '100%', borderCollapse: 'collapse', margin: '4px 0 18px', fontSize: '15px', color: INK }}
    >
      <tbody>
        {props.rows.map(([label, value]) => (
          <tr key={label}>
            <td
              style={{
                padding: '6px 12px 6px 0',
                color: MUTED,
                verticalAlign: 'top',
                width: props.amounts ? 'auto' : '38%',
              }}
            >
              {label}
            </td>
            <td
              style={{
                padding: '6px 0',
                fontWeight: 600,
                verticalAlign: 'top',
                ...(props.amounts ? { textAlign: 'right', whiteSpace: 'nowrap' } : {}),
              }}
            >
              {value}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
