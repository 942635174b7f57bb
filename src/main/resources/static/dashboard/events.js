// A job's server-sent events, read with fetch() because EventSource cannot send the bearer token
// that a service with protected reads asks for.

import { ApiError, authHeaders, errorOf, parseJson } from './api.js';
import { isActive } from './format.js';

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30000;

/** Splits the text of a stream into events: a blank line ends each one. */
class EventParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.rest = '';
    this.reset();
  }

  reset() {
    this.name = '';
    this.data = [];
  }

  push(text) {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop();
    lines.forEach((line) => this.line(line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent(this.name || 'message', this.data.join('\n'));
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      this.name = value;
    } else if (field === 'data') {
      this.data.push(value);
    }
  }
}

async function readEvents(path, signal, onEvent) {
  const response = await fetch(path, {
    headers: authHeaders({ Accept: 'text/event-stream' }),
    cache: 'no-store',
    signal,
  });
  if (!response.ok) {
    throw await errorOf(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventParser(onEvent);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    parser.push(value);
  }
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Follows one job's stream while the job is queued or running. The service ends a stream after
 * the status in which the job stopped; any other end (a restart, a dropped connection, too many
 * streams) is followed by a new request, one second later at first, doubling up to thirty, or
 * after the Retry-After the service asked for. Each new stream starts with the whole job, so
 * nothing missed in between is lost.
 */
export class JobWatch {
  constructor(id, { onEvent, onGone, onState }) {
    this.id = id;
    this.onEvent = onEvent;
    this.onGone = onGone;
    this.onState = onState;
    this.stopper = new AbortController();
    this.lastStatus = null;
    this.state = 'connecting';
    this.follow();
  }

  stop() {
    this.stopper.abort();
  }

  get stopped() {
    return this.stopper.signal.aborted;
  }

  async follow() {
    const path = `/train/${encodeURIComponent(this.id)}/events`;
    let delay = FIRST_RETRY_MS;
    while (!this.stopped) {
      try {
        await readEvents(path, this.stopper.signal, (name, data) => {
          delay = FIRST_RETRY_MS;
          this.deliver(name, parseJson(data));
        });
      } catch (error) {
        if (this.stopped) {
          return;
        }
        if (error instanceof ApiError && error.status !== 503) {
          this.onGone(error);
          return;
        }
        if (error instanceof ApiError && error.retryAfter) {
          delay = error.retryAfter * 1000;
        }
      }
      if (this.stopped || (this.lastStatus !== null && !isActive(this.lastStatus))) {
        return;
      }
      this.setState(`reconnecting in ${Math.round(delay / 1000)} s`);
      await pause(delay, this.stopper.signal);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  }

  setState(state) {
    this.state = state;
    this.onState(state);
  }

  deliver(name, data) {
    if (name === 'status') {
      this.lastStatus = data.status;
      this.setState(isActive(data.status) ? 'live' : null);
    }
    this.onEvent(name, data);
  }
}
