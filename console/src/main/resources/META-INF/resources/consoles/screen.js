// Gureum VM screen: noVNC bound to a console WebSocket, which relays the RFB protocol to the VM's VNC server
// unchanged. Loaded by ConsoleDialog outside Vaadin's bundle, like terminal.js.
import RFB from './vendor/novnc/core/rfb.js';
import keysyms from './vendor/novnc/core/input/keysymdef.js';

const RETURN = 0xff0d;
const TAB = 0xff09;

/** Opens the screen in `host`, connected to `socketPath` (relative to the page's base); `status` shows its state. */
export function openScreen(host, socketPath, status) {
  const url = new URL(socketPath, document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const say = text => { if (status) status.textContent = text; host.dataset.state = text; };
  const rfb = new RFB(host, url.href, { shared: true });
  rfb.scaleViewport = true;
  rfb.background = '#000';
  rfb.addEventListener('connect', () => { say('connected'); rfb.focus(); });
  rfb.addEventListener('disconnect', event => say(event.detail.clean ? 'closed' : 'closed: the connection was lost'));
  rfb.addEventListener('securityfailure', event => say('closed: ' + (event.detail.reason || 'the VNC server refused')));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(orphanCheck);
    try { rfb.disconnect(); } catch (e) { /* already disconnected */ }
  };
  // Types text as key presses (a guest's console has no clipboard to paste into); line ends become Return.
  const type = text => {
    for (const ch of text.replace(/\r\n?/g, '\n')) {
      const keysym = ch === '\n' ? RETURN : ch === '\t' ? TAB : keysyms.lookup(ch.codePointAt(0));
      rfb.sendKey(keysym, null, true);
      rfb.sendKey(keysym, null, false);
    }
    rfb.focus();
  };
  // As for the terminal: the socket must not outlive a dialog removed by navigating away.
  const orphanCheck = setInterval(() => { if (!host.isConnected) close(); }, 1000);
  host.gureumConsole = {
    rfb,
    close,
    type,
    ctrlAltDel: () => { rfb.sendCtrlAltDel(); rfb.focus(); },
    fullScreen: () => host.requestFullscreen(),
  };
  return host.gureumConsole;
}
