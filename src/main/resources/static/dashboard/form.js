// The form that starts a job, and the service's problems shown beside the fields at fault.

import { request } from './api.js';

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * The JSON body from the filled-in fields. Numbers go in as typed, so a 64-bit seed keeps every
 * digit; anything else goes in as a string, for the service to refuse with a problem that names
 * the field.
 */
export function trainBody(form) {
  const members = [...form.querySelectorAll('input[name]')]
    .filter((input) => input.value.trim() !== '')
    .map((input) => {
      const value = input.value.trim();
      return `${JSON.stringify(input.name)}: ${NUMBER.test(value) ? value : JSON.stringify(value)}`;
    });
  return `{${members.join(', ')}}`;
}

export class TrainForm {
  constructor(form, problem, result, onStarted) {
    Object.assign(this, { form, problem, result, onStarted });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  async submit() {
    this.clearErrors();
    this.result.textContent = 'Starting…';
    try {
      const job = await request('POST', '/train', trainBody(this.form));
      this.result.textContent = `Started job ${job.id}.`;
      this.onStarted(job);
    } catch (error) {
      this.result.textContent = '';
      this.showProblem(error);
    }
  }

  clearErrors() {
    this.problem.replaceChildren();
    this.form.querySelectorAll('[aria-invalid]').forEach((input) => {
      input.removeAttribute('aria-invalid');
      document.getElementById(`${input.id}-error`).textContent = '';
    });
  }

  showProblem(error) {
    const message = document.createElement('p');
    message.textContent = error.message;
    this.problem.append(message);
    if (error.status === 401) {
      const hint = document.createElement('p');
      hint.textContent = 'This service needs its API token to start jobs: enter it above.';
      this.problem.append(hint);
    }
    const fields = (error.problem && error.problem.errors) || [];
    let first = null;
    fields.forEach(({ field, message: text }) => {
      const input = this.form.querySelector(`input[name="${CSS.escape(field)}"]`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        // The form's own name for the field; some of the API's messages start with its name.
        const label = this.form.querySelector(`label[for="${input.id}"]`);
        const name = label ? label.textContent.trim() : field;
        const detail = text.startsWith(`${field} `) ? text.slice(field.length + 1) : text;
        document.getElementById(`${input.id}-error`).textContent = `${name} ${detail}`;
        first = first || input;
      }
    });
    if (first) {
      first.focus();
    }
  }
}
