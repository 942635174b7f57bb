// Requests to the service: the bearer token, JSON bodies and RFC 9457 problems.

const TOKEN_KEY = 'gan-service.api-token';

// The token lives in this tab's sessionStorage only: never in localStorage, a cookie or a URL.
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set(value) {
    if (value) {
      sessionStorage.setItem(TOKEN_KEY, value);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
  },
};

export function authHeaders(extra = {}) {
  const value = token.get();
  return value ? { ...extra, Authorization: `Bearer ${value}` } : extra;
}

/** A refused request, carrying the service's problem body. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(describeProblem(problem));
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export function describeProblem(problem) {
  if (!problem) {
    return 'The service did not answer.';
  }
  const head = problem.title || `HTTP ${problem.status}`;
  return problem.detail ? `${head}: ${problem.detail}` : head;
}

export async function errorOf(response) {
  let problem = { status: response.status, title: response.statusText };
  if ((response.headers.get('Content-Type') || '').includes('json')) {
    try {
      problem = await response.json();
    } catch (unreadable) {
      // Keep the status line: a proxy may have sent an empty or cut-off body.
    }
  }
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return new ApiError(response.status, problem, retryAfter);
}

// Seeds are 64-bit; JSON.parse would round them, so keep their source text where the browser
// offers it.
function keepSeedText(key, value, context) {
  return key === 'seed' && context && context.source ? context.source : value;
}

export function parseJson(text) {
  return JSON.parse(text, keepSeedText);
}

export async function request(method, path, body) {
  const headers = authHeaders({ Accept: 'application/json' });
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = body;
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    throw await errorOf(response);
  }
  return parseJson(await response.text());
}

/** Fetches a PNG with the token; answers an object URL and the response headers. */
export async function fetchImage(path) {
  const response = await fetch(path, {
    headers: authHeaders({ Accept: 'image/png' }),
    cache: 'no-store',
  });
  if (!response.ok) {
    throw await errorOf(response);
  }
  return { url: URL.createObjectURL(await response.blob()), headers: response.headers };
}
