// How numbers, durations and job states read on the page.

const ACTIVE = new Set(['QUEUED', 'RUNNING']);
// What POST /train/{id}/resume accepts.
const RESUMABLE = new Set(['INTERRUPTED', 'FAILED', 'CANCELLED']);

const STATUS_WORDS = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  INTERRUPTED: 'Interrupted',
};

export function isActive(status) {
  return ACTIVE.has(status);
}

export function isResumable(status) {
  return RESUMABLE.has(status);
}

export function statusWord(status) {
  return STATUS_WORDS[status] || status;
}

export function number(value, digits = 3) {
  return value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : Number(value).toFixed(digits);
}

export function count(value) {
  return Math.round(value).toLocaleString('en');
}

export function duration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) {
    return `${hours} h ${minutes} min`;
  }
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}

function clamp(fraction) {
  return Math.min(1, Math.max(0, fraction));
}

/** How much of the job's training is done, from 0 to 1. */
export function progressFraction(job) {
  if (job.status === 'SUCCEEDED') {
    return 1;
  }
  if (!job.epochs) {
    return 0;
  }
  if (job.status === 'RUNNING' && job.epoch > 0 && job.batchesPerEpoch > 0) {
    const done = (job.epoch - 1) * job.batchesPerEpoch + job.batch;
    return clamp(done / (job.epochs * job.batchesPerEpoch));
  }
  return clamp(job.epoch / job.epochs);
}

function downloadText(download) {
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const total = download.totalBytes ? ` of ${mb(download.totalBytes)}` : '';
  return `Downloading ${download.file}: ${mb(download.bytes)}${total} MB`;
}

/** One line on where the job stands: epoch, batch, throughput, time left. */
export function progressText(job) {
  if (job.status === 'QUEUED') {
    return job.download ? downloadText(job.download) : 'Waiting for a worker';
  }
  if (job.status === 'RUNNING' && job.preparing) {
    return `Preparing ${job.preparing}`;
  }
  if (job.status === 'RUNNING' && job.epoch < 1) {
    return 'Preparing to train';
  }
  if (job.status === 'RUNNING') {
    const parts = [
      `Epoch ${job.epoch} of ${job.epochs}`,
      `batch ${job.batch} of ${job.batchesPerEpoch}`,
      `${count(job.imagesPerSecond)} images/s`,
    ];
    if (job.etaSeconds !== null && job.etaSeconds !== undefined) {
      parts.push(`${duration(job.etaSeconds)} left`);
    }
    return parts.join(' · ');
  }
  return `${job.epoch} of ${job.epochs} epochs done`;
}

export function parametersText(parameters) {
  if (!parameters) {
    return '';
  }
  const images = parameters.limit ? `first ${count(parameters.limit)} images` : 'all images';
  return [
    `${parameters.epochs} epochs`,
    `batch size ${parameters.batchSize}`,
    `learning rate ${parameters.learningRate}`,
    images,
    `seed ${parameters.seed}`,
  ].join(', ');
}
