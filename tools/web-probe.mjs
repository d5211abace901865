// Opens a page in headless Chromium and waits, in real time, until the web edition's DOM marker
// says the replay finished or the page shows an error (or until --timeout), then writes the DOM
// and, when asked, a screenshot of the canvas. Used by tools/test-web.sh: Chromium's own
// --dump-dom with a virtual-time budget draws only a handful of frames; this waits on the
// marker instead. It talks to Chromium over the DevTools protocol with Node's WebSocket
// (node --experimental-websocket).
// Usage: node --experimental-websocket tools/web-probe.mjs URL DOM_OUT [--screenshot PNG]
//        [--timeout SECONDS] [--keys "M A" --then-wait MS] [-- CHROMIUM_FLAGS...]
// --keys: once the page settled, these letter keys (or Tab) are pressed in turn (as a person would,
// through Chromium's input), then MS milliseconds pass before the screenshot and the DOM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const [url, domOut] = args;
let screenshot = '';
let timeoutS = 60;
let keys = [];
let thenWaitMs = 0;
const extra = [];
for (let i = 2; i < args.length; ++i) {
  if (args[i] === '--screenshot') screenshot = args[++i];
  else if (args[i] === '--timeout') timeoutS = Number(args[++i]);
  else if (args[i] === '--keys') keys = args[++i].split(/\s+/).filter(Boolean);
  else if (args[i] === '--then-wait') thenWaitMs = Number(args[++i]);
  else if (args[i] === '--') { extra.push(...args.slice(i + 1)); break; }
  else { console.error(`web-probe: unknown argument ${args[i]}`); process.exit(2); }
}
if (!url || !domOut) {
  console.error('usage: web-probe.mjs URL DOM_OUT [--screenshot PNG] [--timeout S] [-- FLAGS]');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'iolab-web-probe-'));
const chromium = spawn('chromium', [
  '--headless=new', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
  '--window-size=1280,800', '--remote-debugging-port=0', ...extra, 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe'] });

function finish(code, message) {
  if (message) console.error(`web-probe: ${message}`);
  chromium.kill();
  chromium.once('exit', () => {
    rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  });
}
const deadline = setTimeout(() => finish(1, `no answer from Chromium in ${timeoutS} s`),
                            (timeoutS + 30) * 1000);

// Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
const browserUrl = await new Promise((resolve, reject) => {
  let text = '';
  chromium.stderr.on('data', (chunk) => {
    text += chunk;
    const m = text.match(/DevTools listening on (ws:\/\/\S+)/);
    if (m) resolve(m[1]);
  });
  chromium.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text.slice(-500)}`)));
}).catch((e) => { finish(1, e.message); return null; });
if (!browserUrl) await new Promise(() => {});

const ws = new WebSocket(browserUrl);
await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
let nextId = 1;
const pending = new Map();
ws.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  if (msg.id && pending.has(msg.id)) {
    pending.get(msg.id)(msg);
    pending.delete(msg.id);
  }
});
function send(method, params = {}, sessionId = undefined) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve) => pending.set(id, resolve));
}

const { result: { targetId } } = await send('Target.createTarget', { url: 'about:blank' });
const { result: { sessionId } } = await send('Target.attachToTarget', { targetId, flatten: true });
await send('Page.enable', {}, sessionId);
await send('Page.navigate', { url }, sessionId);

// The marker: data-finished="1", or data-error set, or the lesson list filled in.
const settled = `(() => {
  const s = document.getElementById('iolab-state');
  if (!s) return false;
  return s.dataset.finished === '1' || !!s.dataset.error || !!s.dataset.lessons;
})()`;
const started = Date.now();
let done = false;
while (!done && Date.now() - started < timeoutS * 1000) {
  const r = await send('Runtime.evaluate', { expression: settled, returnByValue: true }, sessionId);
  done = r.result && r.result.result && r.result.result.value === true;
  if (!done) await new Promise((resolve) => setTimeout(resolve, 100));
}
if (!done) console.error(`web-probe: the page did not finish or fail in ${timeoutS} s`);
for (const key of keys) {
  const upper = key.toUpperCase();
  // A letter, or Tab (the matrix's other page), which types no text.
  const common = key === 'Tab' ? { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 }
                               : { key: key.toLowerCase(), code: `Key${upper}`, windowsVirtualKeyCode: upper.charCodeAt(0) };
  const text = key === 'Tab' ? {} : { text: key.toLowerCase() };
  await send('Input.dispatchKeyEvent', { type: 'keyDown', ...text, ...common }, sessionId);
  await new Promise((resolve) => setTimeout(resolve, 100));  // held across a frame or two
  await send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }, sessionId);
  await new Promise((resolve) => setTimeout(resolve, 300));
}
if (thenWaitMs > 0) await new Promise((resolve) => setTimeout(resolve, thenWaitMs));
if (screenshot) {  // the canvas alone: the page's own text around it is not the app's picture
  const rect = await send('Runtime.evaluate', {
    expression: `(() => { const r = document.getElementById('canvas').getBoundingClientRect();
                          return {x: r.x, y: r.y, width: r.width, height: r.height, scale: 1}; })()`,
    returnByValue: true }, sessionId);
  const clip = rect.result.result.value;
  const shot = await send('Page.captureScreenshot',
                          clip.width > 0 && clip.height > 0 ? { format: 'png', clip } : { format: 'png' },
                          sessionId);
  writeFileSync(screenshot, Buffer.from(shot.result.data, 'base64'));
}
const dom = await send('Runtime.evaluate',
                       { expression: 'document.documentElement.outerHTML', returnByValue: true },
                       sessionId);
writeFileSync(domOut, dom.result.result.value);
clearTimeout(deadline);
ws.close();
finish(done ? 0 : 1);
