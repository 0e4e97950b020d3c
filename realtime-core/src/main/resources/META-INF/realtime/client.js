/*
 * realtime client: rooms over WebSocket, or receive-only rooms over Server-Sent Events, with
 * automatic reconnect and resume. An ES module with no dependencies, served by the starter at
 * /realtime/client.js beside /realtime/config, which it reads to find the endpoints.
 *
 *   import { connect } from '/realtime/client.js';
 *   const client = connect({ getToken: () => fetch('/token').then((r) => r.text()) });
 *   const off = client.subscribe('chat', (message) => show(message.data), { history: true });
 *   await client.publish('chat', { text: 'hi' });          // {room, offset, epoch}
 *   const { users } = await client.presence('chat');
 *   const found = await client.rpc('chat.search', { room: 'chat', query: 'hi' });
 *   client.on('join', ({ room, user }) => show(`${user} joined ${room}`));
 *   client.on('unread-count', (count) => bell.textContent = count);   // the user's inbox
 *   await client.notifications.markAllRead();
 */

// An EventSource delivers only the event names it listens to: these, plus options.events.
const SSE_EVENTS = ['message', 'notification', 'update', 'system'];

// Events of the user's notifications inbox, in their personal room: for client.notifications only.
const INBOX_NEW = 'notifications.new';
const INBOX_READ = 'notifications.read';
// Listening to these asks for the unread notifications now and after each reconnect.
const INBOX_LISTENED = ['unread-count', 'notifications'];

const DISCONNECTED = 4002; // the application closed this connection on purpose: stay closed
const EXPIRED = 4003;      // the token expired unrefreshed: reconnect with a new one, if we can get one
const POLICY = 1008;       // the server wants us gone for a while: wait the longest backoff

/** A new client, connecting at once (WebSocket) or on the first subscribe (SSE). */
export function connect(options = {}) {
  return new RealtimeClient(options);
}

/**
 * Options:
 * - params: query parameters for the WebSocket and SSE URLs (a token, a name...)
 * - getToken: a function returning a token (or a Promise of one), asked before each connection
 *   and before the token expires, to refresh it on the open connection (WebSocket) or to reopen
 *   the stream with it (SSE); without it, a connection whose token expired stays closed
 * - tokenParam: the query parameter carrying getToken's token, 'token' by default
 * - transport: 'websocket' (default), or 'sse' for pages that only receive
 * - events: event names to receive over SSE besides message, notification, update, system
 * - config: URL of the server's configuration; by default the `config` beside this file
 */
export class RealtimeClient {
  #options; #configUrl; #socket = null; #source = null; #timer = null; #watchdog = null;
  #refreshTimer = null;
  #config = null;          // Promise of the server's configuration, kept once it succeeded
  #backoff = { initialBackoff: 1000, maxBackoff: 30000 };
  #state = 'connecting';
  #rooms = new Map();      // room -> {handler, options, epoch, offset, pending, loading}
  #requests = new Map();   // ref -> {text, sent, resolve, reject}
  #listeners = new Map();  // event name -> Set of listeners
  #ref = 0;
  #attempt = 0;            // failed attempts since the last connection that opened
  #alive = true;           // whether anything arrived since the last ping
  #reopening = false;
  #closed = false;
  #inbox = new NotificationInbox((frame) => this.#request(frame), (name, value) => this.#emit(name, value));

  constructor(options = {}) {
    this.#options = { transport: 'websocket', params: {}, events: [], tokenParam: 'token', ...options };
    this.#configUrl = options.config ?? new URL('config', import.meta.url);
    if (!this.#sse) this.#open();
  }

  /** connecting, open, reconnecting or closed. */
  get state() { return this.#state; }

  /** The signed-in user's notifications inbox (see NotificationInbox below). */
  get notifications() { return this.#inbox; }

  /**
   * Listens to 'state' (each new state), 'message' (messages of rooms not subscribed here:
   * broadcasts, the personal room), 'join' and 'leave' ({room, user, info}: someone entered or
   * left a subscribed room, in rooms the server announces them in; WebSocket only), 'error'
   * (error frames no request waits for, refused subscriptions), 'disconnect' ({code, reason}),
   * and for the user's notifications inbox: 'unread-count' (the number of unread ones, at once
   * and on each change), 'notifications' (the notifications known here, on each change) and
   * 'notification' (each new one, as it arrives). Returns a function that stops listening.
   */
  on(name, listener) {
    if (!this.#listeners.has(name)) this.#listeners.set(name, new Set());
    this.#listeners.get(name).add(listener);
    if (INBOX_LISTENED.includes(name)) this.#inbox.watch();
    return () => this.#listeners.get(name).delete(listener);
  }

  /**
   * Calls handler(message) with each message of room, in offset order, once each, across
   * reconnects: they resume from the last offset seen. Options:
   * - history: first replay what the room's history holds (WebSocket only)
   * - onSubscribed(result): after each (re)subscription; result.recovered === false after a
   *   reconnect means messages were lost meanwhile (the history no longer held them): reload.
   *   A server that lost publications on their way between its nodes says so the same way
   * Returns a function that unsubscribes.
   */
  subscribe(room, handler, options = {}) {
    const state = { handler, options, epoch: null, offset: 0, pending: false, loading: false };
    this.#rooms.set(room, state);
    if (this.#sse) this.#reopenSse();
    else this.#subscribe(room, state);
    return () => {
      if (this.#rooms.get(room) !== state) return;
      this.#rooms.delete(room);
      if (this.#sse) this.#reopenSse();
      else if (this.#isOpen()) this.#request({ type: 'unsubscribe', room }).catch(() => {});
    };
  }

  /**
   * Publishes data in room. Resolves with {room, offset, epoch}; rejects with the error frame
   * ({code, message}: 'forbidden', or the code of the server's publish hook that refused it), or
   * with code 'disconnected' when the connection dropped before the reply (the publication may
   * have happened). Waits for the connection while there is none.
   */
  publish(room, data, { event } = {}) {
    return this.#request({ type: 'publish', room, event, data });
  }

  /** Resolves with {room, users, truncated, connections, uniqueUsers}, counted on every node. */
  presence(room) {
    return this.#request({ type: 'presence', room });
  }

  /**
   * Calls the server's @OnRpc method named method with data. Resolves with what it returned
   * (undefined for nothing); rejects like publish: {code, message}, with 'not_found' for a method
   * the server does not have, 'bad_request' for data it cannot take, or the method's own code.
   */
  rpc(method, data) {
    return this.#request({ type: 'rpc', method, data });
  }

  /** Closes the connection for good. */
  close() {
    this.#socket?.close(1000);
    this.#source?.close();
    this.#shut();
  }

  get #sse() { return this.#options.transport === 'sse'; }

  #isOpen() { return this.#socket?.readyState === WebSocket.OPEN; }

  async #open() {
    this.#timer = null;
    try {
      this.#config ??= fetch(this.#configUrl).then((response) => {
        if (!response.ok) throw Object.assign(new Error(`${response.status} from ${this.#configUrl}`),
          { retryAfter: Number(response.headers.get('Retry-After')) || 0 });
        return response.json();
      });
      const config = await this.#config;
      this.#backoff = config.reconnect;
      const params = await this.#params();
      if (this.#closed) return;
      if (this.#sse) this.#openSse(config, params);
      else this.#openSocket(config, params);
    } catch (error) {
      // Down, or refusing handshakes (503 while it drains or is flooded with them): wait at
      // least the Retry-After it gave.
      if (!this.#closed) this.#retry(false, (error.retryAfter ?? 0) * 1000);
    }
  }

  // The URL's parameters, with a fresh token when the page gives us a way to get one.
  async #params() {
    const { params, getToken, tokenParam } = this.#options;
    return getToken ? { ...params, [tokenParam]: await getToken() } : params;
  }

  #openSocket(config, params) {
    const socket = new WebSocket(withParams(config.websocket.url, params));
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#setState('open');
      // Subscriptions first: publishing may require them, and frames are handled in order.
      this.#rooms.forEach((state, room) => this.#subscribe(room, state));
      this.#requests.forEach((request) => request.sent || this.#transmit(request));
      this.#inbox.reconnected();
      this.#watch(socket, config.websocket.pingInterval);
    };
    socket.onmessage = (event) => this.#receive(JSON.parse(event.data));
    socket.onclose = (event) => this.#dropped(socket, event.code, event.reason);
  }

  // Pings every interval; when nothing came back since the last ping, the network is gone
  // without the socket knowing (TCP may take minutes to tell): drop it and reconnect.
  #watch(socket, interval) {
    this.#alive = true;
    this.#watchdog = setInterval(() => {
      if (!this.#alive) {
        socket.onclose = null;
        socket.close();
        this.#dropped(socket, 4001, 'the server stopped answering');
        return;
      }
      this.#alive = false;
      socket.send('{"type":"ping"}');
    }, interval);
  }

  #dropped(socket, code, reason) {
    if (socket !== this.#socket) return;
    clearInterval(this.#watchdog);
    clearTimeout(this.#refreshTimer);
    this.#socket = null;
    // Requests sent on this socket get no reply; those not sent yet wait for the next one.
    for (const [ref, request] of this.#requests) {
      if (!request.sent) continue;
      this.#requests.delete(ref);
      request.reject(failure('disconnected', `the connection closed (${code})`));
    }
    this.#emit('disconnect', { code, reason });
    if (code === DISCONNECTED || (code === EXPIRED && !this.#options.getToken)) this.#shut();
    else if (code === EXPIRED) this.#open();
    else this.#retry(code === POLICY);
  }

  #retry(patient = false, notBefore = 0) {
    if (this.#closed) return;
    this.#setState('reconnecting');
    // Ask the server again before the next attempt: a browser cannot read why a WebSocket
    // handshake was refused, but the configuration answers 503 with Retry-After for the same.
    this.#config = null;
    const { initialBackoff, maxBackoff } = this.#backoff;
    const ceiling = Math.min(maxBackoff, initialBackoff * 2 ** this.#attempt++);
    // Full jitter, anywhere up to the ceiling: clients dropped together (a node restarted)
    // spread over the whole window instead of coming back in waves.
    const delay = patient ? maxBackoff : notBefore + Math.random() * ceiling;
    this.#timer = setTimeout(() => this.#open(), delay);
  }

  #shut() {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearInterval(this.#watchdog);
    clearTimeout(this.#refreshTimer);
    this.#socket = this.#source = null;
    this.#requests.forEach((request) => request.reject(failure('closed', 'the client is closed')));
    this.#requests.clear();
    this.#setState('closed');
  }

  async #subscribe(room, state) {
    if (!this.#isOpen()) return; // every room is subscribed again when the socket opens
    const since = state.epoch === null ? undefined : { offset: state.offset, epoch: state.epoch };
    const resumed = since !== undefined && !state.loading;
    // Until the reply, messages of the room are dropped: the replay after the reply has them.
    state.pending = true;
    let result;
    try {
      result = await this.#request({ type: 'subscribe', room, since });
    } catch (error) {
      // Dropped with the connection: subscribed again on the next one. The broker busy or out of
      // reach (unavailable): asked again after a jittered backoff, the room kept meanwhile.
      // Refused: given up.
      if (['disconnected', 'closed'].includes(error.code) || this.#rooms.get(room) !== state) return;
      if (error.code === 'unavailable') {
        const { initialBackoff, maxBackoff } = this.#backoff;
        const ceiling = Math.min(maxBackoff, initialBackoff * 2 ** (state.unavailable = (state.unavailable ?? 0) + 1));
        setTimeout(() => this.#rooms.get(room) === state && this.#subscribe(room, state), Math.random() * ceiling);
        return;
      }
      this.#rooms.delete(room);
      this.#emit('error', error);
      return;
    }
    if (this.#rooms.get(room) !== state) return; // unsubscribed meanwhile
    if (!since && state.options.history && result.offset > 0) {
      // History on join: now that the room's epoch is known, subscribe again from its start.
      Object.assign(state, { epoch: result.epoch, offset: 0, loading: true });
      this.#subscribe(room, state);
      return;
    }
    // Resumed in the same epoch: the replay starts after state.offset. Otherwise live starts here.
    if (since?.epoch !== result.epoch) state.offset = result.offset;
    Object.assign(state, { epoch: result.epoch, pending: false, loading: false, unavailable: 0 });
    if (!resumed) delete result.recovered;
    state.options.onSubscribed?.(result);
  }

  #request(frame) {
    if (this.#sse) return Promise.reject(failure('receive_only', 'an SSE client only receives'));
    if (this.#closed) return Promise.reject(failure('closed', 'the client is closed'));
    const ref = String(++this.#ref);
    return new Promise((resolve, reject) => {
      const request = { text: JSON.stringify({ ...frame, ref }), sent: false, resolve, reject };
      this.#requests.set(ref, request);
      this.#transmit(request);
    });
  }

  #transmit(request) {
    if (!this.#isOpen()) return;
    this.#socket.send(request.text);
    request.sent = true;
  }

  #receive(frame) {
    this.#alive = true;
    const request = this.#requests.get(String(frame.ref));
    if (request && (frame.type === 'reply' || frame.type === 'error')) {
      this.#requests.delete(String(frame.ref));
      if (frame.type === 'reply') request.resolve(frame.result);
      else request.reject(frame);
    } else if (frame.type === 'message') {
      this.#deliver(frame);
    } else if (frame.type === 'resync') {
      this.#resync(frame);
    } else if (frame.type === 'session') {
      this.#refreshBefore(frame.expires);
    } else if (frame.type === 'join' || frame.type === 'leave') {
      if (this.#rooms.has(frame.room)) this.#emit(frame.type, frame);
    } else if (frame.type === 'error') {
      this.#emit('error', frame);
    }
  }

  // Refreshes the token ahead of its expiry: a third of its remaining life early, at most 30 s,
  // so that a slow token endpoint still answers in time. Without getToken, the server closes the
  // connection at expiry.
  #refreshBefore(expires) {
    clearTimeout(this.#refreshTimer);
    if (!this.#options.getToken || !expires) return;
    const left = expires - Date.now();
    this.#refreshTimer = setTimeout(() => this.#refresh(), Math.max(0, left - Math.min(30000, left / 3)));
  }

  async #refresh() {
    try {
      const result = await this.#request({ type: 'refresh', token: await this.#options.getToken() });
      this.#refreshBefore(result.expires);
    } catch (error) {
      // Refused or dropped: the server closes at expiry (4003), and we reconnect with a new token.
      if (!['disconnected', 'closed'].includes(error.code)) this.#emit('error', error);
    }
  }

  // Publications of the room were lost on their way (the server's history no longer held them):
  // the room goes on from the frame's position, and the page hears it as an unrecovered resume.
  #resync({ room, offset, epoch }) {
    const state = this.#rooms.get(room);
    if (!state) return;
    state.epoch = epoch;
    state.offset = offset;
    state.options.onSubscribed?.({ room, offset, epoch, recovered: false });
  }

  #deliver(message) {
    if (message.room?.startsWith('user:') && [INBOX_NEW, INBOX_READ].includes(message.event)) {
      return this.#inbox.receive(message);
    }
    const state = message.room !== undefined ? this.#rooms.get(message.room) : undefined;
    if (!state) return this.#emit('message', message);
    if (state.pending) return;
    // A message seen already (a replay overlapping what came live) is dropped: once each.
    if (message.epoch === state.epoch && message.offset <= state.offset) return;
    state.epoch = message.epoch;
    state.offset = message.offset;
    state.handler(message);
  }

  // SSE names its rooms in the URL: a change of rooms opens a new stream, once per task, which
  // resumes the rooms it had from the last event's token.
  #reopenSse() {
    if (this.#closed || this.#reopening) return;
    this.#reopening = true;
    queueMicrotask(() => {
      this.#reopening = false;
      clearTimeout(this.#timer);
      this.#open();
    });
  }

  #openSse(config, params) {
    this.#source?.close();
    this.#source = null;
    if (this.#rooms.size === 0) return;
    const url = withParams(config.sse.url, params);
    this.#rooms.forEach((state, room) => url.searchParams.append('room', room));
    const token = this.#resumeToken();
    if (token) url.searchParams.set('lastEventId', token);
    const source = new EventSource(url);
    this.#source = source;
    source.onopen = () => { this.#attempt = 0; this.#setState('open'); };
    source.addEventListener('subscribed', (event) => {
      const result = JSON.parse(event.data);
      const state = this.#rooms.get(result.room);
      if (!state) return;
      // Resumed in the same epoch: the replay that follows starts after state.offset, and must
      // not be dropped as seen. Otherwise the stream starts at the room's position.
      if (state.epoch !== result.epoch) state.offset = result.offset;
      state.epoch = result.epoch;
      state.options.onSubscribed?.(result);
    });
    for (const name of new Set([...SSE_EVENTS, ...this.#options.events])) {
      source.addEventListener(name, (event) => this.#deliver(JSON.parse(event.data)));
    }
    source.addEventListener('resync', (event) => this.#resync(JSON.parse(event.data)));
    source.addEventListener('close', (event) => {
      const { code, reason } = JSON.parse(event.data);
      this.#emit('disconnect', { code, reason });
      if (code === DISCONNECTED || (code === EXPIRED && !this.#options.getToken)) this.close();
      // The browser would reopen the stream with the expired token: reopen it with a new one.
      else if (code === EXPIRED && source === this.#source) this.#reopenSse();
    });
    source.onerror = () => {
      if (source !== this.#source) return;
      // CONNECTING: the browser reconnects by itself, sending Last-Event-ID. CLOSED: it gave
      // up (a refusal such as 401 or 403, or no server): reconnect with our own backoff.
      if (source.readyState === EventSource.CLOSED) {
        this.#source = null;
        this.#retry();
      } else {
        this.#setState('reconnecting');
      }
    };
  }

  // The stream's resume token for the rooms as the new stream names them, in the server's compact
  // form: per room, in order, the offset in base 36 and the epoch's first 6 characters; an empty
  // entry for a room not seen yet. Built from each room's own position, so that a stream that
  // gains or loses a room still resumes the others.
  #resumeToken() {
    const entries = [...this.#rooms.values()].map((state) =>
      state.epoch ? `${state.offset.toString(36)}-${state.epoch.slice(0, 6)}` : '');
    return entries.some((entry) => entry) ? entries.join('.') : null;
  }

  #emit(name, value) { this.#listeners.get(name)?.forEach((listener) => listener(value)); }

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#emit('state', state);
  }
}

/**
 * The signed-in user's notifications inbox, kept by the server beyond any room's history
 * (WebSocket only): what was sent while the user was away, and which notifications any of their
 * devices read. What this page knows merges what it asked for and what it was told live, by id;
 * a notification once read stays read, so the order they come in does not matter.
 */
class NotificationInbox {
  #request; #emit;
  #known = new Map();   // id -> notification, as first seen
  #read = new Set();    // ids read, here or on another device
  #watching = false;    // whether to ask for the unread ones after each reconnect
  #asking = null;       // the unread() in flight
  #count = 0;

  constructor(request, emit) {
    this.#request = request;
    this.#emit = emit;
  }

  /** How many notifications are unread, as far as this page knows. */
  get count() { return this.#count; }

  /** The notifications this page knows, newest first, each with its read state. */
  get known() {
    return [...this.#known.values()]
      .map((notification) => ({ ...notification, read: this.#read.has(notification.id) }))
      .sort((a, b) => b.timestamp - a.timestamp || b.id.localeCompare(a.id, 'en', { numeric: true }));
  }

  /**
   * Resolves with {notifications, unread}: the unread notifications, newest first, and their
   * count. From then on the count is kept up to date, also after reconnecting.
   */
  async unread() {
    this.#watching = true;
    const knownBefore = new Set(this.#known.keys());
    const result = await this.#request({ type: 'notifications.list', unread: true });
    // Known before asking but not unread now: read on another device, or evicted, meanwhile.
    const unread = new Set(result.notifications.map((notification) => notification.id));
    knownBefore.forEach((id) => unread.has(id) || this.#read.add(id));
    result.notifications.forEach((notification) => this.#learn(notification));
    this.#changed();
    return result;
  }

  /** Resolves with {notifications, unread}: a page of all, newest first, older than `before`. */
  list({ before, limit } = {}) {
    return this.#request({ type: 'notifications.list', before, limit });
  }

  /** Marks the notifications `ids` read, here and on the user's other devices: {ids, unread}. */
  markRead(ids) {
    return this.#marked(this.#request({ type: 'notifications.read', ids }));
  }

  /** Marks every notification read, here and on the user's other devices: {ids, unread}. */
  markAllRead() {
    return this.#marked(this.#request({ type: 'notifications.read', all: true }));
  }

  // Starts keeping the count: asks for the unread ones unless that is under way.
  watch() {
    this.#watching = true;
    this.reconnected();
  }

  reconnected() {
    if (!this.#watching || this.#asking) return;
    this.#asking = this.unread().catch(() => {}).finally(() => { this.#asking = null; });
  }

  receive({ event, data }) {
    if (event === INBOX_NEW) {
      this.#learn(data);
      this.#emit('notification', data);
    } else {
      data.ids.forEach((id) => this.#read.add(id));
    }
    this.#changed();
  }

  async #marked(reply) {
    const result = await reply;
    result.ids.forEach((id) => this.#read.add(id));
    this.#changed();
    return result;
  }

  #learn(notification) {
    if (!this.#known.has(notification.id)) this.#known.set(notification.id, notification);
    if (notification.read) this.#read.add(notification.id);
  }

  #changed() {
    this.#count = [...this.#known.keys()].filter((id) => !this.#read.has(id)).length;
    this.#emit('unread-count', this.#count);
    this.#emit('notifications', this.known);
  }
}

function withParams(address, params) {
  const url = new URL(address, location.href);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

function failure(code, message) {
  return { type: 'error', code, message };
}
