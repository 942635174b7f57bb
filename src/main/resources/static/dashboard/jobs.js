// The list of jobs: status, a progress bar and line, a cancel button for active ones and a
// resume button for stopped ones that can go on.

import {
  isActive, isResumable, progressFraction, progressText, statusWord,
} from './format.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** Sets a status badge: the API's word in data-status, a readable one as text. */
export function showStatus(badge, status) {
  badge.dataset.status = status;
  badge.className = `status status-${status.toLowerCase()}`;
  badge.textContent = statusWord(status);
}

export class JobList {
  constructor(list, empty, { onSelect, onCancel, onResume }) {
    this.list = list;
    this.empty = empty;
    this.onSelect = onSelect;
    this.onCancel = onCancel;
    this.onResume = onResume;
    this.items = new Map();
  }

  /** Shows the jobs in the given order, reusing items so that focus stays where it was. */
  render(jobs, selectedId) {
    const ids = new Set(jobs.map((job) => job.id));
    for (const [id, item] of this.items) {
      if (!ids.has(id)) {
        item.root.remove();
        this.items.delete(id);
      }
    }
    jobs.forEach((job, index) => {
      const item = this.items.get(job.id) || this.create(job.id);
      this.update(job, selectedId);
      if (this.list.children[index] !== item.root) {
        this.list.insertBefore(item.root, this.list.children[index] || null);
      }
    });
    this.empty.hidden = jobs.length > 0;
  }

  create(id) {
    const root = element('li', 'job');
    root.dataset.jobId = id;
    const head = element('div', 'job-head');
    const select = element('button', 'job-select', id);
    select.type = 'button';
    select.addEventListener('click', () => this.onSelect(id));
    const status = element('span', 'status');
    head.append(select, status);
    const bar = element('progress', 'job-bar');
    bar.max = 1;
    bar.setAttribute('aria-label', `Progress of job ${id}`);
    const line = element('p', 'job-progress');
    const cancel = element('button', 'cancel', 'Cancel');
    cancel.type = 'button';
    cancel.setAttribute('aria-label', `Cancel job ${id}`);
    cancel.addEventListener('click', () => this.onCancel(id));
    const resume = element('button', 'resume', 'Resume');
    resume.type = 'button';
    resume.setAttribute('aria-label', `Resume job ${id}`);
    resume.addEventListener('click', () => this.onResume(id));
    root.append(head, bar, line, cancel, resume);
    const item = { root, select, status, bar, line, cancel, resume };
    this.items.set(id, item);
    return item;
  }

  /** Refreshes one job's item, if it is listed. */
  update(job, selectedId) {
    const item = this.items.get(job.id);
    if (!item) {
      return;
    }
    if (selectedId !== undefined) {
      item.select.setAttribute('aria-pressed', String(job.id === selectedId));
      item.root.classList.toggle('selected', job.id === selectedId);
    }
    if (job.status !== item.status.dataset.status) {
      showStatus(item.status, job.status);
    }
    item.bar.value = progressFraction(job);
    item.line.textContent = progressText(job);
    item.cancel.hidden = !isActive(job.status);
    item.cancel.disabled = Boolean(job.cancelRequested);
    item.cancel.textContent = job.cancelRequested ? 'Cancelling…' : 'Cancel';
    item.resume.hidden = !isResumable(job.status);
  }
}
