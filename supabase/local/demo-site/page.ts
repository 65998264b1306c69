// The demo "tenant website" (Harbour View Hotel): a static page on its own origin that embeds
// Roost's widgets the way a tenant would, with the loader's queue snippet, an inline stay
// widget, a <roost-booking> table widget, a <roost-order> order widget, a floating "Book now"
// button (popup mode) and a log of the events the widgets send to the host page.
import { escapeHtml } from '../../../shared/mail/html.ts';

export interface DemoSiteOptions {
  /** The web app's origin, e.g. http://127.0.0.1:3000 (embed.js and the /embed pages). */
  appUrl: string;
  hotelKey: string;
  kitchenKey: string;
}

const STYLE = `
  :root { --brand: #1f4e5f; --sand: #f6f1e9; --ink: #1d2430; font-family: Georgia, 'Times New Roman', serif; color: var(--ink); }
  body { margin: 0; background: var(--sand); line-height: 1.6; }
  header.hero { background: linear-gradient(160deg, #1f4e5f, #2d6f7e 60%, #c99a5b); color: #fff; padding: 56px 24px 72px; text-align: center; }
  header.hero p.kicker { letter-spacing: .2em; text-transform: uppercase; font: 600 13px/1 system-ui, sans-serif; margin: 0 0 12px; opacity: .85; }
  header.hero h1 { font-size: clamp(32px, 6vw, 56px); margin: 0; font-weight: 400; }
  header.hero p { max-width: 560px; margin: 12px auto 0; font-size: 18px; }
  nav.top { display: flex; justify-content: center; gap: 24px; padding: 12px; background: #fff; font: 15px system-ui, sans-serif; flex-wrap: wrap; }
  nav.top a { color: var(--brand); text-decoration: none; }
  main { max-width: 880px; margin: -40px auto 0; padding: 0 16px 48px; }
  section { margin: 0 0 40px; }
  section > h2 { font-weight: 400; font-size: 28px; margin: 32px 0 8px; }
  section > p { margin: 0 0 16px; }
  .log { font: 13px/1.5 ui-monospace, monospace; background: #fff; border-radius: 8px; padding: 12px; max-height: 220px; overflow: auto; border: 1px solid #e3dccf; }
  .log:empty::before { content: 'Widget events appear here.'; color: #7a7466; }
  button.link { font: inherit; background: none; border: 0; color: var(--brand); text-decoration: underline; cursor: pointer; padding: 0; }
  footer { text-align: center; font: 14px system-ui, sans-serif; color: #6b655a; padding: 24px; }
`;

export function demoSitePage(options: DemoSiteOptions): string {
  const app = escapeHtml(options.appUrl.replace(/\/$/, ''));
  const hotel = escapeHtml(options.hotelKey);
  const kitchen = escapeHtml(options.kitchenKey);
  const loaderUrl = JSON.stringify(`${options.appUrl.replace(/\/$/, '')}/embed.js`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbour View Hotel · Lisbon waterfront</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
<script>
  (function (w, d, s) {
    w.Roost = w.Roost || function () { (w.Roost.q = w.Roost.q || []).push(arguments); };
    s = d.createElement('script'); s.async = true; s.src = ${loaderUrl.replace(/</g, '\\u003c')}; d.head.appendChild(s);
  })(window, document);
  Roost('init', { key: ${JSON.stringify(options.hotelKey)}, brand: '#1f4e5f', font: 'Georgia, serif' });
  Roost('on', '*', function (event) {
    var log = document.getElementById('events');
    var line = document.createElement('div');
    line.textContent = new Date().toLocaleTimeString() + '  ' + event.widget + '  ' + event.type + '  ' + JSON.stringify(event.detail);
    log.prepend(line);
    (window.roostEvents = window.roostEvents || []).push(event);
  });
  document.addEventListener('DOMContentLoaded', function () {
    Roost('inline', { target: '#stay-widget', widget: 'stay' });
    Roost('button', { widget: 'stay', label: 'Book now' });
    document.getElementById('manage').addEventListener('click', function () { Roost('popup', { widget: 'manage' }); });
  });
</script>
</head>
<body>
<header class="hero">
  <p class="kicker">Lisbon · since 1924</p>
  <h1>Harbour View Hotel</h1>
  <p>Twenty-four rooms above the river, a kitchen that cooks what the boats bring in, and breakfast on the terrace.</p>
</header>
<nav class="top" aria-label="Site">
  <a href="#stay">Rooms</a><a href="#dine">Harbour Kitchen</a><a href="#order">Order food</a>
  <button type="button" class="link" id="manage">Manage my booking</button>
</nav>
<main>
  <section id="stay" aria-labelledby="stay-h">
    <h2 id="stay-h">Stay with us</h2>
    <p>Pick your dates: prices include taxes, and you can cancel free of charge until two days before you arrive.</p>
    <div id="stay-widget"></div>
  </section>
  <section id="dine" aria-labelledby="dine-h">
    <h2 id="dine-h">Dine at Harbour Kitchen</h2>
    <p>Our restaurant on the ground floor, open for lunch and dinner.</p>
    <roost-booking key="${kitchen}" widget="table" brand="#8a4b2a" font="Georgia, serif" title="Reserve a table at Harbour Kitchen"></roost-booking>
  </section>
  <section id="order" aria-labelledby="order-h">
    <h2 id="order-h">Order food</h2>
    <p>Takeaway from the kitchen, or room service for hotel guests.</p>
    <roost-order key="${kitchen}" brand="#8a4b2a"></roost-order>
  </section>
  <section aria-labelledby="log-h">
    <h2 id="log-h">Widget events</h2>
    <p>What the widgets tell this page (the host page's side of the postMessage channel).</p>
    <div class="log" id="events" role="log" aria-live="polite"></div>
  </section>
</main>
<footer>Harbour View Hotel is a demo tenant of Roost. Booking widgets served from <a href="${app}">${app}</a> (hotel key ${hotel}).</footer>
</body>
</html>`;
}
