/*! Roost widgets loader (decision 035). On a tenant's page:
  <script>(function(w,d,s){w.Roost=w.Roost||function(){(w.Roost.q=w.Roost.q||[]).push(arguments)};
  s=d.createElement('script');s.async=1;s.src='https://APP/embed.js';d.head.appendChild(s)})(window,document);
  Roost('init',{key:'wk_…',brand:'#1f4e5f'});Roost('inline',{target:'#book',widget:'stay'});
  Roost('on','confirmed',function(e){…});</script>
  or <roost-booking key="wk_…" widget="stay|table|manage"></roost-booking>, <roost-order key="wk_…"></roost-order>.
  Modes: inline, popup (Roost('popup',{widget})), floating button (Roost('button',{widget,label})). */
((w, d) => {
  if (w.Roost?.loaded) return;
  const script = d.currentScript;
  // The web app's origin: the only origin whose messages are read.
  const APP = new URL(script ? script.src : '/', location.href).origin;
  const queued = w.Roost?.q ?? [];
  const settings = {};
  const handlers = {};
  let frames = [];
  const EVENTS = ['ready', 'availabilityLoaded', 'held', 'confirmed', 'paymentFailed', 'orderPlaced', 'cancelled'];
  const PASS = [
    'brand',
    'font',
    'theme',
    'locale',
    'from',
    'to',
    'date',
    'guests',
    'party',
    'name',
    'email',
    'reference',
  ];
  const TITLES = { stay: 'Book a stay', table: 'Reserve a table', order: 'Order food', manage: 'Manage your booking' };

  function frameFor(widget, options, container) {
    const o = { ...settings, ...options };
    if (!TITLES[widget]) throw new Error(`Roost: unknown widget "${widget}"`);
    if (!o.key) throw new Error('Roost: call Roost("init", {key}) first');
    const query = new URLSearchParams({ key: o.key, origin: location.origin });
    for (const name of PASS) if (o[name] != null && o[name] !== '') query.set(name, String(o[name]));
    const frame = d.createElement('iframe');
    frame.src = `${APP}/embed/${widget}?${query}`;
    frame.title = o.title || TITLES[widget];
    frame.setAttribute('allow', 'payment');
    // No top navigation of the host page; popups for the payment page only.
    frame.setAttribute(
      'sandbox',
      'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox',
    );
    frame.style.cssText = `display:block;width:100%;border:0;background:transparent;height:${o.height || 480}px`;
    frames.push({ frame, widget, container });
    return frame;
  }

  const forget = (frame) => {
    frames = frames.filter((entry) => entry.frame !== frame);
  };

  function emit(name, detail, entry) {
    const event = { type: name, widget: entry.widget, detail: detail || {} };
    for (const fn of [...(handlers[name] || []), ...(handlers['*'] || [])]) {
      try {
        fn(event);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
    (entry.container || d).dispatchEvent(
      new CustomEvent(`roost:${name}`, { detail: event, bubbles: true, composed: true }),
    );
  }

  w.addEventListener('message', (e) => {
    if (e.origin !== APP) return;
    const entry = frames.find((candidate) => candidate.frame.contentWindow === e.source);
    const m = e.data;
    if (!entry || !m || m.roost !== 1) return;
    if (m.type === 'height' && m.height > 0) entry.frame.style.height = `${Math.min(m.height, 20000)}px`;
    else if (m.type === 'event' && EVENTS.includes(m.name)) emit(m.name, m.detail, entry);
    // Escape pressed inside a popup's frame (keys there never reach this page).
    else if (m.type === 'close') entry.close?.();
  });

  function element(target) {
    const el = typeof target === 'string' ? d.querySelector(target) : target;
    if (!el) throw new Error(`Roost: no element ${target}`);
    return el;
  }

  function inline(o) {
    const el = element(o.target);
    el.appendChild(frameFor(o.widget || 'stay', o, el));
  }

  let open = null;
  function popup(o = {}) {
    open?.close();
    const widget = o.widget || 'stay';
    const before = d.activeElement;
    const overlay = d.createElement('div');
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-label', o.title || TITLES[widget] || 'Booking');
    overlay.style.cssText =
      'position:fixed;inset:0;z-index:2147483646;background:rgba(15,23,42,.55);display:flex;align-items:flex-start;justify-content:center;padding:4vh 12px;overflow:auto';
    const panel = d.createElement('div');
    panel.style.cssText = `position:relative;width:100%;max-width:${o.width || 720}px;margin:auto 0`;
    const x = d.createElement('button');
    x.type = 'button';
    x.textContent = '\u00d7';
    x.setAttribute('aria-label', 'Close');
    x.style.cssText =
      'position:absolute;top:10px;right:10px;z-index:1;width:40px;height:40px;border-radius:50%;border:0;background:#fff;color:#111;font:24px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)';
    const frame = frameFor(widget, o, overlay);
    frames[frames.length - 1].close = () => close();
    panel.append(x, frame);
    overlay.append(panel);
    const key = (e) => {
      if (e.key === 'Escape') close();
    };
    function close() {
      if (!overlay.isConnected) return;
      overlay.remove();
      d.removeEventListener('keydown', key);
      forget(frame);
      open = null;
      emit('closed', { widget }, { widget, container: d });
      before?.focus?.();
    }
    x.onclick = close;
    overlay.addEventListener('click', (e) => {
      if (e.target === overlay) close();
    });
    d.addEventListener('keydown', key);
    d.body.append(overlay);
    open = { close };
    x.focus();
  }

  function button(options) {
    const o = { ...settings, ...options };
    const b = d.createElement('button');
    b.type = 'button';
    b.textContent = o.label || 'Book now';
    b.style.cssText = `position:fixed;right:20px;bottom:20px;z-index:2147483645;padding:14px 22px;border:0;border-radius:999px;font:600 16px/1 ${
      o.font || 'system-ui,sans-serif'
    };color:#fff;background:${o.brand || '#1f4e5f'};box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer`;
    b.onclick = () => popup(o);
    d.body.append(b);
    return b;
  }

  const commands = {
    init: (o) => Object.assign(settings, o),
    inline,
    popup,
    open: popup,
    button,
    close: () => open?.close(),
    on: (name, fn) => {
      handlers[name] = [...(handlers[name] || []), fn];
    },
    off: (name, fn) => {
      handlers[name] = (handlers[name] || []).filter((h) => h !== fn);
    },
  };

  function Roost(command, ...args) {
    const run = commands[command];
    if (!run) throw new Error(`Roost: unknown command "${command}"`);
    return run(...args);
  }
  Roost.loaded = true;
  w.Roost = Roost;

  // <roost-booking key="wk_…" widget="stay|table|manage" brand="#…"> and <roost-order key="wk_…">.
  function defineElement(name, fixed) {
    if (!w.customElements || customElements.get(name)) return;
    customElements.define(
      name,
      class extends HTMLElement {
        connectedCallback() {
          if (this.frame) return;
          const o = {};
          for (const attribute of this.attributes) o[attribute.name] = attribute.value;
          this.style.display = 'block';
          this.frame = frameFor(fixed || o.widget || 'stay', o, this);
          this.append(this.frame);
        }
        disconnectedCallback() {
          if (!this.frame) return;
          forget(this.frame);
          this.frame.remove();
          this.frame = null;
        }
      },
    );
  }

  for (const args of queued) Roost(...args);
  defineElement('roost-booking');
  defineElement('roost-order', 'order');
})(window, document);
