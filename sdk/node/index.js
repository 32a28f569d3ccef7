'use strict';
// Reclaim for Node.js: each method of Engine is one function of the C ABI (include/reclaim/
// reclaim.h), named in camelCase. Calls that touch the database run on the libuv thread pool
// and return Promises; documents go in as objects (or JSON text) and come back as objects.
// A status other than RECLAIM_OK rejects with a ReclaimError (code, field, rule, message).

const { addon } = require('./lib/addon');
const { document, text, parse } = require('./lib/documents');
const { ReclaimError, Status } = require('./lib/errors');

const native = Symbol('native');

class Engine {
  /** Use Engine.open(config). */
  constructor(nativeEngine, info) {
    if (!(nativeEngine instanceof addon.NativeEngine)) {
      throw new TypeError('engines are made by Engine.open(config)');
    }
    this[native] = nativeEngine;
    /** reclaim_open's result: {version, abi, database, schema, clock, shops}. */
    this.info = info;
  }

  /** reclaim_open: opens (creates, migrates) the database; resolves with the engine. */
  static async open(config) {
    const [nativeEngine, info] = await addon.open(document(config, 'config'));
    return new Engine(nativeEngine, parse(info));
  }

  /**
   * reclaim_close, after every call already made has finished; later calls reject with
   * invalid_argument (field "engine"). Closing again is harmless.
   */
  async close() {
    return this[native].close();
  }

  /** True once close() was called. */
  get closed() {
    return this[native].is_closed();
  }

  /** Calls made and not yet finished. */
  get pending() {
    return this[native].in_flight();
  }

  /** reclaim_clock_set (synchronous; only with "clock": "manual"). A Date, or milliseconds. */
  setClock(time) {
    const ms = time instanceof Date ? time.getTime() : time;
    if (!(typeof ms === 'bigint' || Number.isSafeInteger(ms))) {
      throw ReclaimError.invalidArgument('unixMs', 'the time must be a Date or integer milliseconds');
    }
    this[native].clock_set(ms);
  }

  async tick() { return this.#call('tick'); }

  async setPolicy(policy, shop) {
    return this.#call('policy_set', text(shop, 'shop'), document(policy, 'policy'));
  }

  async getPolicy(shop) { return this.#call('policy_get', text(shop, 'shop')); }

  async checkEligibility(request) {
    return this.#call('eligibility_check', document(request, 'request'));
  }

  /** reclaim_order_import: `order` is Reclaim's document or the host's own (object, JSON or XML text). */
  async importOrder(adapter, order, shop) {
    return this.#call('order_import', text(shop, 'shop'), text(adapter, 'adapter'),
                      document(order, 'order'));
  }

  async getOrder(orderId, shop) {
    return this.#call('order_get', text(shop, 'shop'), text(orderId, 'orderId'));
  }

  async openCase(request) { return this.#call('case_open', document(request, 'request')); }

  async getCase(caseRef) { return this.#call('case_get', text(caseRef, 'caseRef')); }

  async listCases(query) { return this.#call('case_list', document(query, 'query')); }

  async act(caseRef, action) {
    return this.#call('case_act', text(caseRef, 'caseRef'), document(action, 'action'));
  }

  async getAttachment(caseRef, attachmentId) {
    return this.#call('attachment_get', text(caseRef, 'caseRef'),
                      text(attachmentId, 'attachmentId'));
  }

  async readEvents(query) { return this.#call('events_read', document(query, 'query')); }

  async readMessages(query) { return this.#call('messages_read', document(query, 'query')); }

  async ackMessages(ack) { return this.#call('messages_ack', document(ack, 'ack')); }

  async previewMessage(request) {
    return this.#call('message_preview', document(request, 'request'));
  }

  /** reclaim_message_inbound: {"shop", "raw"} or {"shop", "raw_base64"}. */
  async messageInbound(request) {
    return this.#call('message_inbound', document(request, 'request'));
  }

  /** reclaim_document: a PDF of the case, {"filename", "content_type", "data_base64"}. */
  async document(caseRef, request) {
    return this.#call('document', text(caseRef, 'caseRef'), document(request, 'request'));
  }

  async report(query) { return this.#call('report', document(query, 'query')); }

  async hostPayload(caseRef, adapter) {
    return this.#call('host_payload', text(caseRef, 'caseRef'), text(adapter, 'adapter'));
  }

  async startHttp(options) { return this.#call('http_start', document(options, 'options')); }

  /** reclaim_http_stop: resolves with undefined (the function writes no document). */
  async stopHttp() { return this.#call('http_stop'); }

  async handleHttp(request) { return this.#call('http_handle', document(request, 'request')); }

  async staffLink(request) { return this.#call('staff_link', document(request, 'request')); }

  async staffAccount(request) { return this.#call('staff_account', document(request, 'request')); }

  async cannedReplies(request) {
    return this.#call('canned_replies', document(request, 'request'));
  }

  async subjectExport(request) {
    return this.#call('subject_export', document(request, 'request'));
  }

  async subjectErase(request) { return this.#call('subject_erase', document(request, 'request')); }

  async #call(name, ...args) {
    return parse(await this[native][name](...args));
  }
}

/** reclaim_version: the library's "MAJOR.MINOR.PATCH". */
function version() { return addon.version(); }

/** reclaim_abi_version: the library's ABI; ABI_VERSION is the header's this binding was built with. */
function abiVersion() { return addon.abi_version(); }

/** reclaim_status_name: "ok", "invalid_argument", …; "unknown" for other values. */
function statusName(status) {
  if (!Number.isInteger(status)) {
    throw ReclaimError.invalidArgument('status', 'status must be an integer');
  }
  return addon.status_name(status);
}

module.exports = {
  Engine,
  ReclaimError,
  Status,
  ABI_VERSION: addon.ABI_VERSION,
  version,
  abiVersion,
  statusName,
};
