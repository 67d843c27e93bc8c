// Gureum browser terminal: xterm.js bound to a console WebSocket (binary frames carry terminal bytes both ways;
// "resize <columns> <rows>" is the only text frame). Loaded by ConsoleDialog outside Vaadin's bundle.
import { Terminal } from './vendor/xterm/lib/xterm.mjs';
import { FitAddon } from './vendor/addon-fit/lib/addon-fit.mjs';

function stylesheet() {
  const href = new URL('vendor/xterm/css/xterm.css', import.meta.url).href;
  if (![...document.styleSheets].some(s => s.href === href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

/** Opens the terminal in `host`, connected to `socketPath` (relative to the page's base); `status` shows its state. */
export function openTerminal(host, socketPath, status) {
  stylesheet();
  const term = new Terminal({ cursorBlink: true, convertEol: false, fontSize: 14, scrollback: 5000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  const url = new URL(socketPath, document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('cols', term.cols);
  url.searchParams.set('rows', term.rows);
  const socket = new WebSocket(url.href);
  socket.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  const say = text => { if (status) status.textContent = text; host.dataset.state = text; };
  socket.onopen = () => { say('connected'); term.focus(); };
  socket.onmessage = event => term.write(new Uint8Array(event.data));
  socket.onclose = event => {
    say('closed' + (event.reason ? ': ' + event.reason : ''));
    term.write('\r\n\x1b[2m[console closed' + (event.reason ? ': ' + event.reason : '') + ']\x1b[0m\r\n');
  };
  term.onData(data => { if (socket.readyState === WebSocket.OPEN) socket.send(encoder.encode(data)); });
  term.onBinary(data => {
    if (socket.readyState === WebSocket.OPEN) socket.send(Uint8Array.from(data, c => c.charCodeAt(0) & 0xff));
  });
  term.onResize(size => {
    if (socket.readyState === WebSocket.OPEN) socket.send('resize ' + size.cols + ' ' + size.rows);
  });
  const observer = new ResizeObserver(() => { try { fit.fit(); } catch (e) { /* hidden: keep the size */ } });
  observer.observe(host);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(orphanCheck);
    observer.disconnect();
    socket.close(1000, 'closed by the user');
    term.dispose();
  };
  // Navigating away inside the single-page console removes the dialog without closing it: the socket must not
  // outlive its terminal.
  const orphanCheck = setInterval(() => { if (!host.isConnected) close(); }, 1000);
  host.gureumConsole = { terminal: term, close };
  return host.gureumConsole;
}
