// A slow mobile line between the browser and a local server, for the cold-start benchmark
// (scripts/bench-web.mjs cold-start --network http1|https|h2): a TCP relay on 127.0.0.1 that
// delays and paces the bytes as a phone's line would.
//
// Chromium's own network emulation (DevTools' "Slow 4G", which the benchmark uses by default)
// works request by request: each request waits the round trip once, and a new connection, a TLS
// handshake or a request on a connection already open all cost the same. On a real line a page
// on a new connection waits a round trip for TCP and one for TLS before its request goes out,
// and a second file on that connection waits only its own round trip. The relay models that:
// - each direction waits half the round trip;
// - a connection's first bytes wait one more round trip (TCP's handshake: the browser's connect
//   completes at once on 127.0.0.1, so the relay holds what it sends first);
// - the connections share one line each way at its rate, taking turns packet by packet (MTU
//   size), as TCP's connections come to share a bottleneck: a small file on one connection does
//   not wait for a large one on another;
// - TLS's handshake, when the server speaks TLS, is bytes like any other: its round trips come
//   by themselves.
// Not modelled: TCP's slow start (the first cards' files fit in its first window of 14.6 KB),
// lost packets, and a name lookup (the pages are on an IP address). Within one connection the
// bytes go in the order the server wrote them: over HTTP/2 the server's order is the order of
// the streams, and node's server writes each response as it has it, without regard to the
// browser's priorities (a county's server may do better).

import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** Bytes per packet: an Ethernet MTU's TCP payload. */
const PACKET_BYTES = 1460;

/**
 * One direction of the line: it sends `kbps` kilobits per second, one packet at a time, taking
 * the connections in turn, and each packet arrives `delayMs` after it has been sent.
 */
class Line {
  constructor(kbps, delayMs) {
    // A kilobit per second is a byte per 8 ms.
    this.bytesPerMs = kbps / 8;
    this.delayMs = delayMs;
    /** The connections with packets to send, in the order of their turns. */
    this.turns = [];
    /** When the line has sent its last packet. */
    this.busyUntil = 0;
    this.timer = null;
  }

  /** Queues the bytes of `flow` (a Delivery), none to be sent before `notBefore`. */
  send(flow, chunk, notBefore = 0) {
    const ready = Math.max(performance.now(), notBefore);
    for (let offset = 0; offset < chunk.length; offset += PACKET_BYTES) {
      flow.waiting.push({ ready, bytes: chunk.subarray(offset, offset + PACKET_BYTES) });
    }
    this.enlist(flow);
  }

  /** Queues the end of `flow`'s stream, after its bytes. */
  end(flow) {
    flow.waiting.push({ ready: performance.now(), end: true });
    this.enlist(flow);
  }

  enlist(flow) {
    if (!this.turns.includes(flow)) this.turns.push(flow);
    this.pump();
  }

  /**
   * Sends what the line can have sent by now, in the connections' turns, and waits for the
   * next packet otherwise. The line's times are its own: a timer that fires late does not make
   * it slower.
   */
  pump() {
    clearTimeout(this.timer);
    this.timer = null;
    for (;;) {
      this.turns = this.turns.filter((flow) => flow.waiting.length > 0);
      if (this.turns.length === 0) return;
      // The line is free at `start`; the first connection in turn with a packet ready by then sends it.
      const start = Math.max(this.busyUntil, Math.min(...this.turns.map((flow) => flow.waiting[0].ready)));
      if (start > performance.now()) {
        this.timer = setTimeout(() => this.pump(), start - performance.now());
        return;
      }
      const flow = this.turns.find((candidate) => candidate.waiting[0].ready <= start);
      const packet = flow.waiting.shift();
      this.busyUntil = start + (packet.end ? 0 : packet.bytes.length / this.bytesPerMs);
      flow.arrive(packet, this.busyUntil + this.delayMs);
      // Its next packet waits for the others' turns.
      this.turns.splice(this.turns.indexOf(flow), 1);
      this.turns.push(flow);
    }
  }
}

/** What one socket receives from the line: its packets at their arrival times, in order. */
class Delivery {
  constructor(socket) {
    this.socket = socket;
    /** Packets not yet sent on the line. */
    this.waiting = [];
    /** Packets sent, with their arrival times. */
    this.arriving = [];
    this.timer = null;
  }

  arrive(packet, at) {
    this.arriving.push({ ...packet, at });
    if (!this.timer) this.timer = setTimeout(() => this.hand(), Math.max(0, at - performance.now()));
  }

  /** Writes to the socket what has arrived by now. */
  hand() {
    this.timer = null;
    while (this.arriving.length > 0 && this.arriving[0].at <= performance.now()) {
      const packet = this.arriving.shift();
      if (this.socket.destroyed) return;
      if (packet.end) this.socket.end();
      else this.socket.write(packet.bytes);
    }
    if (this.arriving.length > 0) this.timer = setTimeout(() => this.hand(), Math.max(0, this.arriving[0].at - performance.now()));
  }

  /** Forgets what has not been written yet: on the line (the line skips an empty flow) and arriving. */
  cancel() {
    clearTimeout(this.timer);
    this.waiting = [];
    this.arriving = [];
  }
}

/**
 * Starts the relay on 127.0.0.1 in front of `target` ({ host, port }).
 * @param {object} options
 * @param {{host: string, port: number}} options.target the server behind the line
 * @param {number} [options.rttMs] the round trip (default 150 ms, DevTools' Slow 4G)
 * @param {number} [options.downKbps] from the server to the browser (default 1,600 kbit/s)
 * @param {number} [options.upKbps] from the browser to the server (default 750 kbit/s)
 * @returns {Promise<{port: number, close: () => Promise<void>}>}
 */
export async function startSlowLink({ target, rttMs = 150, downKbps = 1600, upKbps = 750 }) {
  const down = new Line(downKbps, rttMs / 2);
  const up = new Line(upKbps, rttMs / 2);
  const sockets = new Set();
  const relay = net.createServer({ allowHalfOpen: true }, (browserSide) => {
    const serverSide = net.connect({ ...target, allowHalfOpen: true });
    const toServer = new Delivery(serverSide);
    const toBrowser = new Delivery(browserSide);
    // TCP's handshake: the browser's first bytes would leave one round trip after its connect.
    const connectedAt = performance.now() + rttMs;
    for (const socket of [browserSide, serverSide]) {
      socket.setNoDelay(true);
      sockets.add(socket);
    }
    browserSide.on('data', (chunk) => up.send(toServer, chunk, connectedAt));
    serverSide.on('data', (chunk) => down.send(toBrowser, chunk));
    browserSide.on('end', () => up.end(toServer));
    // The server gone, what it sent still comes.
    let serverEnded = false;
    const serverEnd = () => {
      if (!serverEnded) down.end(toBrowser);
      serverEnded = true;
    };
    serverSide.on('end', serverEnd);
    serverSide.on('close', serverEnd);
    serverSide.on('error', serverEnd);
    // The browser gone, nothing is left to deliver.
    const closeBoth = () => {
      toServer.cancel();
      toBrowser.cancel();
      for (const socket of [browserSide, serverSide]) {
        socket.destroy();
        sockets.delete(socket);
      }
    };
    browserSide.on('close', closeBoth);
    browserSide.on('error', closeBoth);
  });
  await new Promise((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: relay.address().port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
