// Types of the Node.js binding. The documents' types (types/api.d.ts) are generated from the
// JSON Schemas in docs/api by tools/schema-types.mjs; this file types the binding around them.
import type * as Api from './types/api';

export type { Api };

/** A document: the object itself, its JSON text, or the bytes of the JSON text. */
export type Doc<T> = T | string | Uint8Array;

/** The C ABI's status codes (reclaim.h). */
export declare const Status: Readonly<{
  OK: 0;
  INVALID_ARGUMENT: 1;
  NOT_FOUND: 2;
  CONFLICT: 3;
  NOT_ALLOWED: 4;
  STORAGE: 5;
  BUSY: 6;
  UNSUPPORTED: 7;
  INTERNAL: 8;
}>;

export type StatusCode = (typeof Status)[keyof typeof Status];
export type ErrorCode = Api.Error['error']['code'];

/** Every call that does not return RECLAIM_OK rejects (setClock: throws) with one of these. */
export declare class ReclaimError extends Error {
  constructor(details: {
    status: number; code?: string; message?: string; field?: string | null;
    rule?: string | null; document?: Api.Error | null;
  });
  readonly name: 'ReclaimError';
  /** The status code (Status.NOT_ALLOWED, …). */
  readonly status: StatusCode;
  /** The stable status name: "not_allowed", … */
  readonly code: ErrorCode;
  /** The field at fault ("items[0].qty") or the parameter's name, when one is. */
  readonly field: string | null;
  /** The rule that refused the request ("quantity_exceeded"), when one did. */
  readonly rule: string | null;
  /** The ABI's whole error document; null when the function writes none (setClock, stopHttp). */
  readonly document: Api.Error | null;
  static fromAbi(status: number, text?: string, fn?: string): ReclaimError;
  static invalidArgument(field: string, message: string): ReclaimError;
}

/** RECLAIM_ABI_VERSION of the header the addon was built with. */
export declare const ABI_VERSION: number;
/** reclaim_version: "MAJOR.MINOR.PATCH". */
export declare function version(): string;
/** reclaim_abi_version: the library's ABI. */
export declare function abiVersion(): number;
/** reclaim_status_name. */
export declare function statusName(status: number): string;

/**
 * An engine: a database and its shops. Every method but setClock runs on the libuv thread pool
 * and returns a Promise; each is one function of reclaim.h.
 */
export declare class Engine {
  private constructor();
  /** reclaim_open. */
  static open(config: Doc<Api.OpenConfig>): Promise<Engine>;
  /** reclaim_open's result. */
  readonly info: Api.OpenResult;
  /** True once close() was called. */
  readonly closed: boolean;
  /** Calls made and not yet finished. */
  readonly pending: number;
  /** reclaim_close, once every call already made has finished. Closing again is harmless. */
  close(): Promise<void>;

  /** reclaim_clock_set (synchronous; "clock": "manual" only). */
  setClock(time: Date | number | bigint): void;
  /** reclaim_tick. */
  tick(): Promise<Api.TickResult>;

  /** reclaim_policy_set; shop null/undefined: "default". */
  setPolicy(policy: Doc<Api.PolicySetRequest>, shop?: string | null): Promise<Api.PolicySetResult>;
  /** reclaim_policy_get. */
  getPolicy(shop?: string | null): Promise<Api.PolicyGetResult>;
  /** reclaim_eligibility_check. */
  checkEligibility(request: Doc<Api.EligibilityRequest>): Promise<Api.EligibilityResult>;

  /** reclaim_order_import: adapter "reclaim" takes Api.Order; hosts' adapters their own document. */
  importOrder(adapter: 'reclaim', order: Doc<Api.Order>, shop?: string | null): Promise<Api.OrderImportResult>;
  importOrder(adapter: string, order: Doc<object>, shop?: string | null): Promise<Api.OrderImportResult>;
  /** reclaim_order_get. */
  getOrder(orderId: string, shop?: string | null): Promise<Api.OrderGetResult>;

  /** reclaim_case_open. */
  openCase(request: Doc<Api.CaseOpenRequest>): Promise<Api.Case>;
  /** reclaim_case_get: by id ("c_…") or number ("RC-2026-000042"). */
  getCase(caseRef: string): Promise<Api.Case>;
  /** reclaim_case_list. */
  listCases(query?: Doc<Api.CaseListQuery> | null): Promise<Api.CaseListResult>;
  /** reclaim_case_act. */
  act(caseRef: string, action: Doc<Api.CaseActRequest>): Promise<Api.Case>;
  /** reclaim_attachment_get. */
  getAttachment(caseRef: string, attachmentId: string): Promise<Api.Attachment>;

  /** reclaim_events_read. */
  readEvents(query?: Doc<Api.EventsQuery> | null): Promise<Api.EventsResult>;
  /** reclaim_messages_read. */
  readMessages(query?: Doc<Api.MessagesQuery> | null): Promise<Api.MessagesResult>;
  /** reclaim_messages_ack. */
  ackMessages(ack: Doc<Api.MessagesAckRequest>): Promise<Api.MessagesAckResult>;
  /** reclaim_message_preview. */
  previewMessage(request: Doc<Api.MessagePreviewRequest>): Promise<Api.MessagePreviewResult>;
  /** reclaim_message_inbound. */
  messageInbound(request: Doc<Api.MessageInboundRequest>): Promise<Api.MessageInboundResult>;
  /** reclaim_document. */
  document(caseRef: string, request: Doc<Api.DocumentRequest>): Promise<Api.DocumentResult>;

  /** reclaim_report. */
  report(query?: Doc<Api.ReportQuery> | null): Promise<Api.ReportResult>;
  /** reclaim_host_payload. */
  hostPayload(caseRef: string, adapter: string): Promise<Api.HostPayloadResult>;

  /** reclaim_http_start. */
  startHttp(options?: Doc<Api.HttpStartOptions> | null): Promise<Api.HttpStartResult>;
  /** reclaim_http_stop. */
  stopHttp(): Promise<void>;
  /** reclaim_http_handle. */
  handleHttp(request: Doc<Api.HttpHandleRequest>): Promise<Api.HttpHandleResult>;

  /** reclaim_staff_link. */
  staffLink(request: Doc<Api.StaffLinkRequest>): Promise<Api.StaffLinkResult>;
  /** reclaim_staff_account. */
  staffAccount(request: Doc<Api.StaffAccountRequest>): Promise<Api.StaffAccountResult>;
  /** reclaim_canned_replies. */
  cannedReplies(request: Doc<Api.CannedRepliesRequest>): Promise<Api.CannedRepliesResult>;

  /** reclaim_subject_export. */
  subjectExport(request: Doc<Api.SubjectExportRequest>): Promise<Api.SubjectExportResult>;
  /** reclaim_subject_erase. */
  subjectErase(request: Doc<Api.SubjectEraseRequest>): Promise<Api.SubjectEraseResult>;
}
