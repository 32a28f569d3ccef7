'use strict';
// Documents in and out of the ABI. A document goes in as an object (sent as JSON), as JSON text
// (sent as it is, for the library to judge), or as a Buffer of bytes; results come back parsed.
// What C cannot carry faithfully is refused here, naming the parameter: text with a NUL (C would
// cut it short) and strings with lone UTF-16 surrogates (they have no UTF-8 form, and Node-API
// would quietly turn them into U+FFFD).

const { ReclaimError } = require('./errors');

// JSON.stringify writes a lone surrogate as an escape; an escaped backslash before "u" is not one.
const ESCAPED_LONE_SURROGATE = /(?:^|[^\\])(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text) {
  return typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text);
}

/** A plain string argument (an id, a shop, an adapter's name): string, or null/undefined for none. */
function text(value, param) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw ReclaimError.invalidArgument(param, `${param} must be a string, not ${describe(value)}`);
  }
  return checked(value, param);
}

/** A document argument: object or array (JSON), JSON text, Buffer/Uint8Array, or null/undefined. */
function document(value, param) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return checked(value, param);
  if (value instanceof ArrayBuffer || (ArrayBuffer.isView(value) && !(value instanceof Uint8Array))) {
    // JSON.stringify would quietly write these as {} or as an object of indexes.
    throw ReclaimError.invalidArgument(param, `${param}: bytes go as a Buffer or Uint8Array`);
  }
  if (value instanceof Uint8Array) {
    if (value.includes(0)) {
      throw ReclaimError.invalidArgument(param, `${param} holds a NUL byte`);
    }
    return value;
  }
  if (typeof value === 'object') {
    let json;
    try {
      json = JSON.stringify(value);
    } catch (e) {
      throw ReclaimError.invalidArgument(param, `${param} cannot be written as JSON: ${e.message}`);
    }
    // JSON.stringify escapes lone surrogates ("\udc00"), which no UTF-8 text can hold either.
    if (ESCAPED_LONE_SURROGATE.test(json)) {
      throw ReclaimError.invalidArgument(param, `${param} holds a lone UTF-16 surrogate`);
    }
    return json;
  }
  throw ReclaimError.invalidArgument(
    param, `${param} must be an object, JSON text or a Buffer, not ${describe(value)}`);
}

function checked(value, param) {
  if (value.includes('\0')) {
    throw ReclaimError.invalidArgument(param, `${param} holds a NUL character`);
  }
  if (!wellFormed(value)) {
    throw ReclaimError.invalidArgument(param, `${param} holds a lone UTF-16 surrogate`);
  }
  return value;
}

function describe(value) {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A result's text, parsed; undefined for a function that writes no document. */
function parse(json) {
  return json === undefined ? undefined : JSON.parse(json);
}

module.exports = { document, text, parse };
