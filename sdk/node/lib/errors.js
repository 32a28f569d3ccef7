'use strict';
// ReclaimError: every call that does not return RECLAIM_OK rejects (or, for the synchronous
// ones, throws) one, carrying what the ABI's error document says.

/** The C ABI's status codes (reclaim.h); the values are stable. */
const Status = Object.freeze({
  OK: 0,
  INVALID_ARGUMENT: 1,
  NOT_FOUND: 2,
  CONFLICT: 3,
  NOT_ALLOWED: 4,
  STORAGE: 5,
  BUSY: 6,
  UNSUPPORTED: 7,
  INTERNAL: 8,
});

const CODES = Object.freeze(Object.fromEntries(
  Object.entries(Status).map(([name, value]) => [value, name.toLowerCase()])));

class ReclaimError extends Error {
  /**
   * @param {{status: number, code?: string, message?: string, field?: string|null,
   *          rule?: string|null, document?: object|null}} details
   */
  constructor({ status, code, message, field = null, rule = null, document = null }) {
    code = code || CODES[status] || 'unknown';
    super(message || code);
    this.name = 'ReclaimError';
    this.status = status;
    this.code = code;
    this.field = field ?? null;
    this.rule = rule ?? null;
    this.document = document ?? null;
  }

  /**
   * The error for a status and the ABI's error document (its text, or undefined) of the C
   * function reclaim_<fn>; a function that writes no document is named in the message.
   */
  static fromAbi(status, text, fn) {
    let document = null;
    if (typeof text === 'string') {
      try {
        document = JSON.parse(text);
      } catch {
        document = null; // not JSON: the status alone speaks
      }
    }
    const error = (document && typeof document.error === 'object' && document.error) || {};
    const code = error.code || CODES[status] || 'unknown';
    return new ReclaimError({
      status,
      code,
      message: error.message || (fn ? `reclaim_${fn} returned ${code}` : undefined),
      field: error.field,
      rule: error.rule,
      document,
    });
  }

  /** Input refused before it reached the library: what the ABI would say, with the field. */
  static invalidArgument(field, message) {
    const error = { code: 'invalid_argument', message, field };
    return new ReclaimError({ status: Status.INVALID_ARGUMENT, ...error, document: { error } });
  }
}

module.exports = { ReclaimError, Status };
