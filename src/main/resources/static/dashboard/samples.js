// Fresh samples and interpolations from a job's checkpoints.

import { fetchImage } from './api.js';

export class SamplePanel {
  constructor({ form, seed, epoch, follow, interpolate, image, caption, problem }) {
    Object.assign(this, { form, seed, epoch, follow, image, caption, problem });
    this.jobId = null;
    this.lastSeed = null;
    this.lastKind = 'samples';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.draw('samples', this.seed.value.trim());
    });
    interpolate.addEventListener('click', () =>
      this.draw('interpolation', this.seed.value.trim()),
    );
  }

  /** Offers the job's checkpoints; "best" only once some epoch has a quality score. */
  show(jobId, history) {
    if (jobId !== this.jobId) {
      this.jobId = jobId;
      this.lastSeed = null;
      this.image.hidden = true;
      this.caption.textContent = '';
      this.problem.textContent = '';
    }
    const wanted = this.epoch.value;
    const options = [['', 'Newest epoch']];
    if (history.some((entry) => entry.fid !== null && entry.fid !== undefined)) {
      options.push(['best', 'Best quality score']);
    }
    history
      .filter((entry) => entry.checkpoint)
      .forEach((entry) => options.push([String(entry.epoch), `Epoch ${entry.epoch}`]));
    // Rebuilt only when the choice changes, so that an open list does not close under the user.
    const key = options.map(([value]) => value).join();
    if (key !== this.optionsKey) {
      this.optionsKey = key;
      this.epoch.replaceChildren(
        ...options.map(([value, text]) => new Option(text, value, false, value === wanted)),
      );
    }
  }

  /**
   * After a new epoch: the same noise again, to see what the epoch changed. The newest epoch and
   * the best-scored one can both move; a numbered epoch cannot.
   */
  epochFinished() {
    const moving = this.epoch.value === '' || this.epoch.value === 'best';
    if (this.follow.checked && this.lastSeed !== null && moving) {
      this.draw(this.lastKind, this.lastSeed);
    }
  }

  query(kind, seed) {
    const params = new URLSearchParams({ job: this.jobId, scale: '2' });
    if (kind === 'interpolation') {
      params.set('steps', '10');
      params.set('rows', '4');
    }
    if (seed) {
      params.set('seed', seed);
    }
    if (this.epoch.value) {
      params.set('epoch', this.epoch.value);
    }
    return kind === 'interpolation' ? `/samples/interpolation?${params}` : `/samples?${params}`;
  }

  async draw(kind, seed) {
    const jobId = this.jobId;
    this.problem.textContent = '';
    this.caption.textContent = 'Drawing…';
    try {
      const { url, headers } = await fetchImage(this.query(kind, seed));
      if (jobId !== this.jobId) {
        URL.revokeObjectURL(url);
        return;
      }
      this.showImage(kind, url, headers);
    } catch (error) {
      this.caption.textContent = '';
      this.problem.textContent = error.message;
    }
  }

  showImage(kind, url, headers) {
    const epoch = headers.get('X-Gan-Epoch');
    const seed = headers.get('X-Gan-Seed');
    this.lastSeed = seed;
    this.lastKind = kind;
    if (this.image.src.startsWith('blob:')) {
      URL.revokeObjectURL(this.image.src);
    }
    this.image.src = url;
    this.image.hidden = false;
    this.image.alt =
      kind === 'interpolation'
        ? `Four rows of images morphing from one noise vector to another, epoch ${epoch}`
        : `64 images generated after epoch ${epoch}`;
    const what = kind === 'interpolation' ? 'Interpolation' : 'Samples';
    this.caption.textContent = `${what} from job ${headers.get('X-Gan-Job')}, epoch ${epoch},`
      + ` seed ${seed}`;
  }
}
