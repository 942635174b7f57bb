// The dashboard: jobs as the service reports them, kept current by their event streams.

import { request, token } from './api.js';
import { CHARTS, EpochChart } from './charts.js';
import { JobWatch } from './events.js';
import { TrainForm } from './form.js';
import {
  isActive, number, parametersText, progressFraction, progressText, statusWord,
} from './format.js';
import { GridStrip } from './grids.js';
import { JobList, showStatus } from './jobs.js';
import { SamplePanel } from './samples.js';

const $ = (id) => document.getElementById(id);

// The list is read again now and then for jobs that other clients start; streams do the rest.
const LIST_REFRESH_MS = 10000;
// Browsers open about six connections to one server; streams must leave room for requests.
const MAX_STREAMS = 4;

const jobs = new Map();
let order = [];
let selectedId = null;
const watches = new Map();

const list = new JobList(
  $('job-list'), $('jobs-empty'), { onSelect: select, onCancel: cancel, onResume: resume },
);
const charts = {
  loss: new EpochChart($('chart-loss'), CHARTS.loss),
  scores: new EpochChart($('chart-scores'), CHARTS.scores),
  quality: new EpochChart($('chart-quality'), CHARTS.quality),
};
const grids = new GridStrip({
  viewer: $('grid-viewer'),
  empty: $('grid-empty'),
  range: $('grid-epoch'),
  label: $('grid-epoch-label'),
  image: $('grid-image'),
  strip: $('grid-strip'),
});
const samples = new SamplePanel({
  form: $('sample-form'),
  seed: $('sample-seed'),
  epoch: $('sample-epoch'),
  follow: $('sample-follow'),
  interpolate: $('sample-interpolate'),
  image: $('sample-image'),
  caption: $('sample-caption'),
  problem: $('sample-problem'),
});
new TrainForm($('train-form'), $('train-problem'), $('train-result'), started);

function announce(text) {
  $('announcer').textContent = text;
}

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

function readsRefused() {
  return token.get()
    ? 'The service refused this API token. Check it and enter it again.'
    : 'This service shows its jobs only to holders of its API token: enter it above.';
}

async function refresh() {
  let listed;
  try {
    listed = await request('GET', '/train');
  } catch (error) {
    if (error.status === 401) {
      forgetJobs();
      $('jobs-empty').textContent = 'Jobs show here once the service accepts an API token.';
      if (token.get()) {
        $('token-state').textContent = 'The service refused the token set for this tab.';
      }
    }
    notice(error.status === 401 ? readsRefused() : `Could not load the jobs: ${error.message}`);
    return;
  }
  notice('');
  $('jobs-empty').textContent = 'No jobs yet.';
  showTokenState();
  order = listed.map((job) => job.id);
  jobs.clear();
  listed.forEach((job) => jobs.set(job.id, job));
  if (!jobs.has(selectedId)) {
    selectedId = jobs.has(hashJob()) ? hashJob() : order[0] || null;
  }
  render();
  syncWatches();
  document.body.dataset.ready = 'true';
}

/** Shows nothing the service no longer lets this page read. */
function forgetJobs() {
  jobs.clear();
  order = [];
  selectedId = null;
  syncWatches();
  render();
}

function hashJob() {
  const match = /^#job=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Streams for the selected job and the running ones first, then the queued, oldest first. */
function syncWatches() {
  const active = order.filter((id) => isActive(jobs.get(id).status));
  const running = active.filter((id) => jobs.get(id).status === 'RUNNING');
  const candidates = new Set([selectedId, ...running, ...active.reverse()]);
  const wanted = new Set(
    [...candidates].filter((id) => id && isActive(jobs.get(id)?.status)).slice(0, MAX_STREAMS),
  );
  for (const [id, watch] of watches) {
    if (!wanted.has(id)) {
      watch.stop();
      watches.delete(id);
    }
  }
  wanted.forEach((id) => {
    if (!watches.has(id)) {
      watches.set(id, new JobWatch(id, streamHandlers(id)));
    }
  });
}

function streamHandlers(id) {
  return {
    onEvent(name, data) {
      if (name === 'status') {
        onStatus(data);
      } else if (name === 'progress') {
        onProgress(data);
      } else if (name === 'epoch') {
        onEpoch(id, data);
      }
    },
    onState() {
      if (id === selectedId) {
        showConnection(id);
      }
    },
    onGone() {
      watches.delete(id);
      refresh();
    },
  };
}

function onStatus(job) {
  const previous = jobs.get(job.id);
  jobs.set(job.id, job);
  if (!order.includes(job.id)) {
    order.unshift(job.id);
  }
  if (previous && previous.status !== job.status) {
    announce(`Job ${job.id}: ${statusWord(job.status).toLowerCase()}.`);
  }
  render();
  if (!isActive(job.status)) {
    // The next queued job may start now; its stream comes with the next list.
    setTimeout(refresh, 500);
  }
}

function onProgress(update) {
  const job = jobs.get(update.id);
  if (!job) {
    return;
  }
  // Progress comes from training batches, so whatever the job was preparing is done.
  Object.assign(job, update, { preparing: null });
  list.update(job);
  if (job.id === selectedId) {
    renderProgress(job);
  }
}

function onEpoch(id, entry) {
  const job = jobs.get(id);
  if (!job) {
    return;
  }
  job.history = [...job.history.filter((e) => e.epoch !== entry.epoch), entry].sort(
    (a, b) => a.epoch - b.epoch,
  );
  const quality = entry.fid === null || entry.fid === undefined ? '' : `, fid ${number(entry.fid)}`;
  const losses = `D loss ${number(entry.discriminatorLoss)}, G loss ${number(entry.generatorLoss)}`;
  announce(`Job ${id}: epoch ${entry.epoch} of ${job.epochs} done; ${losses}${quality}.`);
  if (id === selectedId) {
    renderHistory(job);
    samples.epochFinished();
  }
}

function render() {
  list.render(order.map((id) => jobs.get(id)), selectedId);
  const job = jobs.get(selectedId);
  $('detail').hidden = !job;
  if (!job) {
    return;
  }
  $('detail-title').textContent = `Job ${job.id}`;
  $('detail-parameters').textContent = parametersText(job.parameters);
  renderProgress(job);
  renderHistory(job);
}

/** Whether the selected job's progress arrives live, for a reader who wonders why it stalls. */
function showConnection(id) {
  const watch = watches.get(id);
  const state = watch && !watch.stopped ? watch.state : null;
  $('detail-live').textContent = state ? `(${state})` : '';
}

function renderProgress(job) {
  if (job.status !== $('detail-status').dataset.status) {
    showStatus($('detail-status'), job.status);
  }
  $('detail-bar').value = progressFraction(job);
  $('detail-progress-text').textContent = progressText(job);
  $('detail-error').textContent = job.error || '';
  $('detail-error').hidden = !job.error;
  showConnection(job.id);
}

function renderHistory(job) {
  const history = job.history || [];
  charts.loss.show(history, job.epochs);
  charts.scores.show(history, job.epochs);
  $('chart-quality-empty').hidden = charts.quality.show(history, job.epochs);
  renderTable(history);
  grids.show(job.id, history);
  samples.show(job.id, history);
}

function renderTable(history) {
  const rows = history.map((entry) => {
    const row = document.createElement('tr');
    const cells = [
      entry.epoch,
      number(entry.discriminatorLoss),
      number(entry.generatorLoss),
      number(entry.realScore),
      number(entry.fakeScore),
      number(entry.fid, 2),
      number(entry.seconds, 1),
    ];
    cells.forEach((value, index) => {
      const cell = document.createElement(index === 0 ? 'th' : 'td');
      if (index === 0) {
        cell.scope = 'row';
      }
      cell.textContent = value;
      row.append(cell);
    });
    return row;
  });
  $('history-table').tBodies[0].replaceChildren(...rows);
}

function select(id) {
  if (id === selectedId) {
    return;
  }
  selectedId = id;
  history.replaceState(null, '', `#job=${encodeURIComponent(id)}`);
  syncWatches();
  render();
}

function started(job) {
  jobs.set(job.id, job);
  if (!order.includes(job.id)) {
    order.unshift(job.id);
  }
  selectedId = null;
  select(job.id);
}

async function cancel(id) {
  try {
    onStatus(await request('DELETE', `/train/${encodeURIComponent(id)}`));
    announce(`Cancelling job ${id}.`);
  } catch (error) {
    const hint = error.status === 401 ? ' Cancelling needs the API token: enter it above.' : '';
    notice(`Could not cancel job ${id}: ${error.message}${hint}`);
  }
}

async function resume(id) {
  try {
    onStatus(await request('POST', `/train/${encodeURIComponent(id)}/resume`));
    announce(`Resuming job ${id}.`);
    refresh();
  } catch (error) {
    const hint = error.status === 401 ? ' Resuming needs the API token: enter it above.' : '';
    notice(`Could not resume job ${id}: ${error.message}${hint}`);
  }
}

function showTokenState() {
  $('token-state').textContent = token.get()
    ? 'A token is set for this tab; it is forgotten when the tab closes.'
    : 'No token: enough to watch, unless the service protects reads; starting and cancelling'
      + ' jobs needs it where the service has one.';
}

function useToken(value) {
  token.set(value);
  $('token').value = '';
  showTokenState();
  watches.forEach((watch) => watch.stop());
  watches.clear();
  refresh();
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  useToken($('token').value.trim());
});
$('token-forget').addEventListener('click', () => useToken(''));
window.addEventListener('hashchange', () => {
  if (jobs.has(hashJob())) {
    select(hashJob());
  }
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    refresh();
  }
});
setInterval(refresh, LIST_REFRESH_MS);
showTokenState();
refresh();
