// The fixed-noise grid of each epoch, as a strip to scrub through with mouse or keyboard.

import { fetchImage, token } from './api.js';

// A grid never changes once written, so its object URL can be kept for the page's lifetime.
const blobs = new Map();

/**
 * Points an image at a grid. Without a token the browser loads it directly (and caches it, as
 * the service marks grids immutable); with one it is fetched with the token, since an image
 * element cannot send the header that protected reads need.
 */
async function showGrid(img, path) {
  img.dataset.wanted = path;
  if (!token.get()) {
    img.src = path;
    return;
  }
  if (!blobs.has(path)) {
    blobs.set(path, fetchImage(path).then((image) => image.url));
  }
  try {
    const url = await blobs.get(path);
    if (img.dataset.wanted === path) {
      img.src = url;
    }
  } catch (error) {
    blobs.delete(path);
    img.alt = `${img.alt} (${error.message})`;
  }
}

export class GridStrip {
  constructor({ viewer, empty, range, label, image, strip }) {
    Object.assign(this, { viewer, empty, range, label, image, strip });
    this.jobId = null;
    this.epochs = [];
    this.index = -1;
    this.following = true;
    range.addEventListener('input', () => this.select(Number(range.value), false));
    strip.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Shows a job's grids; a viewer at the newest epoch moves on to each new one. */
  show(jobId, history) {
    if (jobId !== this.jobId) {
      this.jobId = jobId;
      this.epochs = [];
      this.index = -1;
      this.following = true;
      this.strip.replaceChildren();
    }
    const epochs = history.filter((entry) => entry.grid).map((entry) => entry.epoch);
    if (epochs.join() === this.epochs.join()) {
      return;
    }
    const selected = this.epochs[this.index];
    this.epochs = epochs;
    this.rebuildStrip();
    this.viewer.hidden = epochs.length === 0;
    this.empty.hidden = epochs.length > 0;
    this.range.max = String(Math.max(0, epochs.length - 1));
    const kept = epochs.indexOf(selected);
    this.select(this.following || kept < 0 ? epochs.length - 1 : kept, false);
  }

  path(epoch) {
    return `/train/${encodeURIComponent(this.jobId)}/epochs/${epoch}/grid.png`;
  }

  rebuildStrip() {
    const existing = new Map([...this.strip.children].map((b) => [Number(b.dataset.epoch), b]));
    const buttons = this.epochs.map((epoch, index) => {
      const button = existing.get(epoch) || this.thumbnail(epoch);
      button.onclick = () => this.select(index, true);
      return button;
    });
    this.strip.replaceChildren(...buttons);
  }

  thumbnail(epoch) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'thumb';
    button.dataset.epoch = String(epoch);
    button.setAttribute('aria-label', `Epoch ${epoch}`);
    const img = document.createElement('img');
    img.alt = '';
    img.loading = 'lazy';
    showGrid(img, this.path(epoch));
    button.append(img);
    return button;
  }

  select(index, focus) {
    if (index < 0 || index >= this.epochs.length) {
      return;
    }
    this.index = index;
    this.following = index === this.epochs.length - 1;
    const epoch = this.epochs[index];
    this.range.value = String(index);
    this.range.setAttribute('aria-valuetext', `Epoch ${epoch}`);
    this.label.value = `${epoch} of ${this.epochs[this.epochs.length - 1]}`;
    this.image.alt = `64 images generated from the job's fixed noise after epoch ${epoch}`;
    showGrid(this.image, this.path(epoch));
    [...this.strip.children].forEach((button, i) => {
      button.setAttribute('aria-current', String(i === index));
      button.tabIndex = i === index ? 0 : -1;
    });
    if (focus) {
      this.strip.children[index].focus();
    }
  }

  onKey(event) {
    const moves = {
      ArrowLeft: this.index - 1,
      ArrowUp: this.index - 1,
      ArrowRight: this.index + 1,
      ArrowDown: this.index + 1,
      Home: 0,
      End: this.epochs.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.select(moves[event.key], true);
    }
  }
}
