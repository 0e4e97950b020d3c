// Baseline of the cluster scenario: Socket.IO 4.8 as its users run it across nodes, with
// @socket.io/redis-adapter on one Redis, every setting at its default. It mirrors the Java
// servers under test (benchmarks/common): a client joins a room by asking (`42["join","r"]`,
// handled below), and a publisher driven over a side control port emits ticks into the room with
// `io.to(room).emit("tick", tick)`, exactly as an application would.
//
//   node --expose-gc server.js --port=N --control-port=M [--redis-port=P]
//
// Without --redis-port it runs with Socket.IO's in-memory adapter (one node).
//
// Control (answers are key=value lines, as benchmarks/common ControlServer's):
//   POST /start?room=r&rooms=1&rate=10&seconds=10&size=100&seqBase=0   start publishing
//   GET  /status   running, published, maxLagMicros, gcCount, gcMillis
//   GET  /counts   connections, subscriptions
//   POST /gc       a full GC, then heapUsed
// Unlike the JDK HttpServer of the Java servers, the control port shares the one event loop with
// the sockets: Node has no other. It is asked a few times per window, never while measuring.
'use strict';

const http = require('node:http');
const { performance, PerformanceObserver } = require('node:perf_hooks');
const { Server } = require('socket.io');

const options = Object.fromEntries(process.argv.slice(2)
  .filter((arg) => arg.startsWith('--') && arg.includes('='))
  .map((arg) => [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]));
const port = Number(options.port || 18090);
const controlPort = Number(options['control-port'] || 18091);
const redisPort = options['redis-port'] ? Number(options['redis-port']) : null;

// Room memberships asked by clients and not yet left, over every connection: what the load
// generator waits for before it measures, like the Java servers' subscription count.
let subscriptions = 0;

// Garbage collections and their time, as the JVMs report theirs.
let gcCount = 0;
let gcMillis = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcCount++;
    gcMillis += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

// The wall clock in microseconds, the clock the load generator reads (CLOCK_REALTIME):
// performance.timeOrigin is the wall-clock time the process started, with sub-millisecond
// precision, and performance.now() the monotonic time since. Over a run of minutes they stay
// within far less than a millisecond of the kernel's wall clock unless NTP steps it.
function nowMicros() {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

// The same tick as benchmarks/common Tick: {"seq":…,"t":…,"pad":"xxx…"}, padded to `size` bytes
// for a 7-digit sequence number and a 16-digit timestamp.
function padFor(size) {
  const fixed = JSON.stringify({ seq: 1000000, t: 1000000000000000, pad: '' }).length;
  return 'x'.repeat(Math.max(0, size - fixed));
}

async function main() {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false });
  if (redisPort !== null) {
    const { createClient } = require('redis');
    const { createAdapter } = require('@socket.io/redis-adapter');
    // As the adapter's documentation sets it up: one client publishes, a duplicate subscribes.
    const pubClient = createClient({ socket: { host: '127.0.0.1', port: redisPort } });
    const subClient = pubClient.duplicate();
    pubClient.on('error', (err) => console.error('redis pub:', err.message));
    subClient.on('error', (err) => console.error('redis sub:', err.message));
    await Promise.all([pubClient.connect(), subClient.connect()]);
    io.adapter(createAdapter(pubClient, subClient));
  }

  io.on('connection', (socket) => {
    const joined = new Set();
    socket.on('join', (room, ack) => {
      if (typeof room === 'string' && !joined.has(room)) {
        joined.add(room);
        socket.join(room);
        subscriptions++;
      }
      if (typeof ack === 'function') {
        ack('ok');
      }
    });
    socket.on('disconnect', () => {
      subscriptions -= joined.size;
    });
  });

  let publisher = null;

  // Publishes ticks at a fixed rate for a fixed time, as benchmarks/common RatePublisher: each tick
  // carries the time it was scheduled for, so a publisher that the event loop starves adds to
  // latency instead of quietly lowering the rate; one that falls behind catches up at once.
  function startPublisher(query) {
    if (publisher) {
      publisher.stopped = true;
    }
    const room = query.get('room') || 'r';
    const rooms = Number(query.get('rooms') || 1);
    const names = (rooms === 1) ? [room] : Array.from({ length: rooms }, (_, i) => room + i);
    const rate = Number(query.get('rate') || 10);
    const seconds = Number(query.get('seconds') || 10);
    const pad = padFor(Number(query.get('size') || 100));
    // Publishers on several nodes number their ticks from ranges of their own (seqBase).
    const seqBase = Number(query.get('seqBase') || 0);
    const count = Math.max(1, Math.round(rate * seconds));
    const periodMs = 1000 / rate;
    const state = { running: true, stopped: false, published: 0, maxLagMicros: 0 };
    const startMs = performance.now();
    const startMicros = nowMicros();
    let i = 0;
    const tick = () => {
      while (i < count && !state.stopped) {
        const dueMs = startMs + i * periodMs;
        const waitMs = dueMs - performance.now();
        if (waitMs > 0) {
          setTimeout(tick, waitMs);
          return;
        }
        state.maxLagMicros = Math.max(state.maxLagMicros, Math.round(-waitMs * 1000));
        const t = startMicros + Math.round(i * periodMs * 1000);
        const target = (names.length === 1) ? names[0] : names[Math.floor(Math.random() * names.length)];
        io.to(target).emit('tick', { seq: seqBase + i, t, pad });
        state.published++;
        i++;
      }
      state.running = false;
    };
    setImmediate(tick);
    publisher = state;
    return { started: true };
  }

  function status() {
    return {
      running: publisher !== null && publisher.running,
      published: publisher ? publisher.published : 0,
      maxLagMicros: publisher ? publisher.maxLagMicros : 0,
      gcCount,
      gcMillis: Math.round(gcMillis),
    };
  }

  function counts() {
    return { connections: io.engine.clientsCount, subscriptions };
  }

  function gc() {
    if (global.gc) {
      global.gc();
      global.gc();
    }
    const memory = process.memoryUsage();
    return { heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external };
  }

  const control = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let answer;
    if (url.pathname === '/start') {
      answer = startPublisher(url.searchParams);
    }
    else if (url.pathname === '/status') {
      answer = status();
    }
    else if (url.pathname === '/counts') {
      answer = counts();
    }
    else if (url.pathname === '/gc') {
      answer = gc();
    }
    else {
      res.writeHead(404).end();
      return;
    }
    const body = Object.entries(answer).map(([key, value]) => `${key}=${value}`).join('\n') + '\n';
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });

  await new Promise((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  await new Promise((resolve) => control.listen(controlPort, '127.0.0.1', resolve));
  console.log(`socket.io on ${port}, control port ${controlPort} ready`
    + (redisPort !== null ? `, redis adapter on 127.0.0.1:${redisPort}` : ', in-memory adapter'));
}

main().catch((err) => {
  console.error('Error: ' + (err && err.stack || err));
  process.exit(1);
});
