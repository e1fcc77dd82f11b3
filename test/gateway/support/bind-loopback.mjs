// bind-loopback.mjs: node --import ./bind-loopback.mjs <entry.js>
// The Portkey gateway binds every interface and has no flag to change that: this preload
// forces a missing or wildcard host to 127.0.0.1 and reports the bound address on stderr,
// which is also how the tests learn the port chosen by --port=0.
// (Verbatim from shared/reference/portkey.md §1.2.)
import net from 'node:net';
const WILDCARD = new Set([undefined, '', '0.0.0.0', '::']);
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (first && typeof first === 'object') {
    if (WILDCARD.has(first.host)) args[0] = { ...first, host: '127.0.0.1' };
  } else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    if (typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
    else if (WILDCARD.has(args[1])) args[1] = '127.0.0.1';
  }
  this.once('listening', () => {
    const a = this.address();
    if (a && typeof a === 'object') console.error(`[bind-loopback] listening ${a.address}:${a.port}`);
  });
  return listen.apply(this, args);
};
