<?php
/*
 * Reclaim.php — the PHP binding of Reclaim's C ABI, over PHP's FFI (PHP 8.1+, ext-ffi).
 *
 *   require 'Reclaim.php';
 *   $engine = Reclaim\Engine::open(['database' => 'sqlite:/var/lib/reclaim/reclaim.db']);
 *   $result = $engine->importOrder('woocommerce', $orderJson);        // decoded array
 *   try {
 *       $case = $engine->openCase([...]);
 *   } catch (Reclaim\NotAllowedException $e) {
 *       echo $e->getMessage(), ' ', $e->field;                          // "items[0].qty"
 *   }
 *
 * Documents go in as arrays (encoded with json_encode: use (object)[] or new stdClass for an
 * empty object) or as JSON strings, and come back decoded as associative arrays. Every status
 * other than RECLAIM_OK becomes an exception: a subclass of Reclaim\ReclaimException per
 * status, carrying the status as getCode(), its stable name ($errorCode), the message and the
 * field at fault ($field, or null), and the whole error document ($document).
 *
 * The library is found through $library, else the environment variable RECLAIM_LIBRARY, else
 * the lib directory of the installed tree this file belongs to, else the system's
 * libreclaim.so.1.
 */
declare(strict_types=1);

namespace Reclaim;

use FFI;

/** A call that did not return RECLAIM_OK. */
class ReclaimException extends \RuntimeException
{
    /** @var string the stable status name: "invalid_argument", "not_found", … */
    public string $errorCode;
    /** @var ?string the JSON path of the input at fault, when one field is */
    public ?string $field;
    /** @var ?array the decoded error document */
    public ?array $document;

    public function __construct(int $status, string $errorCode, string $message, ?string $field,
                                ?array $document)
    {
        parent::__construct($message, $status);
        $this->errorCode = $errorCode;
        $this->field = $field;
        $this->document = $document;
    }
}

class InvalidArgumentException extends ReclaimException {}
class NotFoundException extends ReclaimException {}
class ConflictException extends ReclaimException {}
class NotAllowedException extends ReclaimException {}
class StorageException extends ReclaimException {}
class BusyException extends ReclaimException {}
class UnsupportedException extends ReclaimException {}
class InternalException extends ReclaimException {}

/** The status codes of reclaim.h. */
final class Status
{
    public const OK = 0;
    public const INVALID_ARGUMENT = 1;
    public const NOT_FOUND = 2;
    public const CONFLICT = 3;
    public const NOT_ALLOWED = 4;
    public const STORAGE = 5;
    public const BUSY = 6;
    public const UNSUPPORTED = 7;
    public const INTERNAL = 8;

    /** The exception class of each status. */
    public const EXCEPTIONS = [
        self::INVALID_ARGUMENT => InvalidArgumentException::class,
        self::NOT_FOUND => NotFoundException::class,
        self::CONFLICT => ConflictException::class,
        self::NOT_ALLOWED => NotAllowedException::class,
        self::STORAGE => StorageException::class,
        self::BUSY => BusyException::class,
        self::UNSUPPORTED => UnsupportedException::class,
        self::INTERNAL => InternalException::class,
    ];
}

/** The loaded library (one per process and path). */
final class Library
{
    /** The declarations of reclaim.h, as FFI reads them (no preprocessor). */
    private const DECLARATIONS = <<<'C'
typedef struct reclaim_engine reclaim_engine;
const char *reclaim_version(void);
int reclaim_abi_version(void);
const char *reclaim_status_name(int status);
void reclaim_free(char *json);
int reclaim_open(const char *config_json, reclaim_engine **out_engine, char **out_json);
void reclaim_close(reclaim_engine *engine);
int reclaim_clock_set(reclaim_engine *e, int64_t unix_ms);
int reclaim_tick(reclaim_engine *e, char **out_json);
int reclaim_policy_set(reclaim_engine *e, const char *shop, const char *policy_json, char **out_json);
int reclaim_policy_get(reclaim_engine *e, const char *shop, char **out_json);
int reclaim_eligibility_check(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_order_import(reclaim_engine *e, const char *shop, const char *adapter, const char *host_order_json, char **out_json);
int reclaim_order_get(reclaim_engine *e, const char *shop, const char *order_id, char **out_json);
int reclaim_case_open(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_case_get(reclaim_engine *e, const char *case_ref, char **out_json);
int reclaim_case_list(reclaim_engine *e, const char *query_json, char **out_json);
int reclaim_case_act(reclaim_engine *e, const char *case_ref, const char *action_json, char **out_json);
int reclaim_attachment_get(reclaim_engine *e, const char *case_ref, const char *attachment_id, char **out_json);
int reclaim_events_read(reclaim_engine *e, const char *query_json, char **out_json);
int reclaim_report(reclaim_engine *e, const char *query_json, char **out_json);
int reclaim_host_payload(reclaim_engine *e, const char *case_ref, const char *adapter, char **out_json);
int reclaim_http_start(reclaim_engine *e, const char *options_json, char **out_json);
int reclaim_http_stop(reclaim_engine *e);
int reclaim_http_handle(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_staff_link(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_staff_account(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_canned_replies(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_subject_export(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_subject_erase(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_messages_read(reclaim_engine *e, const char *query_json, char **out_json);
int reclaim_messages_ack(reclaim_engine *e, const char *ack_json, char **out_json);
int reclaim_message_inbound(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_message_preview(reclaim_engine *e, const char *request_json, char **out_json);
int reclaim_document(reclaim_engine *e, const char *case_ref, const char *request_json, char **out_json);
C;

    /** The ABI this binding was written for (RECLAIM_ABI_VERSION). */
    public const ABI_VERSION = 1;

    /** @var array<string, FFI> */
    private static array $loaded = [];

    public static function load(?string $path = null): FFI
    {
        $path = $path ?? self::defaultPath();
        if (!isset(self::$loaded[$path])) {
            try {
                $ffi = FFI::cdef(self::DECLARATIONS, $path);
            } catch (\FFI\Exception $e) {
                throw new \RuntimeException("cannot load the Reclaim library $path: "
                    . $e->getMessage(), 0, $e);
            }
            if ($ffi->reclaim_abi_version() < self::ABI_VERSION) {
                throw new \RuntimeException("the Reclaim library $path has ABI "
                    . $ffi->reclaim_abi_version() . ', this binding needs ' . self::ABI_VERSION);
            }
            self::$loaded[$path] = $ffi;
        }
        return self::$loaded[$path];
    }

    public static function defaultPath(): string
    {
        $env = getenv('RECLAIM_LIBRARY');
        if (is_string($env) && $env !== '') {
            return $env;
        }
        // Installed as <prefix>/share/reclaim/php/Reclaim.php beside <prefix>/lib.
        $installed = dirname(__DIR__, 3) . '/lib/libreclaim.so.1';
        return is_file($installed) ? $installed : 'libreclaim.so.1';
    }

    /** The library's version, "MAJOR.MINOR.PATCH". */
    public static function version(?string $path = null): string
    {
        return (string)self::load($path)->reclaim_version();
    }
}

/** One engine: a database and its shops. Closed when the object goes away, or by close(). */
final class Engine
{
    private FFI $ffi;
    /** @var ?\FFI\CData reclaim_engine*, null once closed */
    private ?\FFI\CData $handle;
    /** @var array what reclaim_open answered: version, abi, database, schema, clock, shops */
    public array $info;

    private function __construct(FFI $ffi, \FFI\CData $handle, array $info)
    {
        $this->ffi = $ffi;
        $this->handle = $handle;
        $this->info = $info;
    }

    /** Opens (creating and migrating when needed) the database that $config names. */
    public static function open(array|string $config, ?string $library = null): self
    {
        $ffi = Library::load($library);
        $handle = $ffi->new('reclaim_engine*');
        $info = self::call($ffi, static fn ($out) => $ffi->reclaim_open(
            self::encode($config), FFI::addr($handle), $out));
        return new self($ffi, $handle, $info);
    }

    public function __destruct()
    {
        $this->close();
    }

    /** Closes the engine; later calls throw. Closing twice is harmless. */
    public function close(): void
    {
        if ($this->handle !== null) {
            $this->ffi->reclaim_close($this->handle);
            $this->handle = null;
        }
    }

    public function importOrder(string $adapter, array|string $order, ?string $shop = null): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_order_import(
            $e, $shop, $adapter, self::encode($order), $out));
    }

    public function getOrder(string $orderId, ?string $shop = null): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_order_get($e, $shop, $orderId, $out));
    }

    public function openCase(array|string $request): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_case_open(
            $e, self::encode($request), $out));
    }

    public function getCase(string $caseRef): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_case_get($e, $caseRef, $out));
    }

    /** One file of a case, its bytes base64-encoded in "data_base64"; "name" is the sender's,
     *  for display only (never a path). */
    public function getAttachment(string $caseRef, string $attachmentId): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_attachment_get(
            $e, $caseRef, $attachmentId, $out));
    }

    public function listCases(array|string $query = '{}'): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_case_list(
            $e, self::encode($query), $out));
    }

    public function act(string $caseRef, array|string $action): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_case_act(
            $e, $caseRef, self::encode($action), $out));
    }

    /** Events after a cursor: ['events' => [...], 'next' => SEQ]; keep 'next' for next time. */
    public function readEvents(array|string $query = '{}'): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_events_read(
            $e, self::encode($query), $out));
    }

    public function report(array|string $query = '{}'): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_report(
            $e, self::encode($query), $out));
    }

    public function hostPayload(string $caseRef, string $adapter): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_host_payload(
            $e, $caseRef, $adapter, $out));
    }

    public function setPolicy(array|string $policy, ?string $shop = null): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_policy_set(
            $e, $shop, self::encode($policy), $out));
    }

    public function getPolicy(?string $shop = null): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_policy_get($e, $shop, $out));
    }

    public function checkEligibility(array|string $request): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_eligibility_check(
            $e, self::encode($request), $out));
    }

    public function tick(): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_tick($e, $out));
    }

    /** Only for an engine opened with "clock": "manual". */
    public function setClock(int $unixMs): void
    {
        $status = $this->ffi->reclaim_clock_set($this->live(), $unixMs);
        if ($status !== Status::OK) {
            self::throwFor($this->ffi, $status, null);
        }
    }

    public function startHttp(array|string $options): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_http_start(
            $e, self::encode($options), $out));
    }

    public function stopHttp(): void
    {
        $status = $this->ffi->reclaim_http_stop($this->live());
        if ($status !== Status::OK) {
            self::throwFor($this->ffi, $status, null);
        }
    }

    public function handleHttp(array|string $request): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_http_handle(
            $e, self::encode($request), $out));
    }

    /** A one-time sign-in link to the staff desk: {"path": "/staff/enter?t=…", "expires_at"}. */
    public function staffLink(array|string $request): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_staff_link(
            $e, self::encode($request), $out));
    }

    /** One operation on the desk's password accounts: {"op": "add" | "passwd" | "remove" |
     *  "disable" | "enable" | "list", …} (docs/STAFF.md, "Accounts"). */
    public function staffAccount(array|string $request): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_staff_account(
            $e, self::encode($request), $out));
    }

    /** Mails to send with your own mailer: {"messages": [...], "next": SEQ}. */
    public function readMessages(array|string $query = []): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_messages_read(
            $e, self::encode($query), $out));
    }

    /** {"ids": [...], "result": "sent"|"failed"|"retry", "error": "…"} → {"changed": N}. */
    public function ackMessages(array|string $ack): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_messages_ack(
            $e, self::encode($ack), $out));
    }

    /** A shop's canned replies: ['op' => 'list'|'save'|'remove'|'render', …] (see reclaim.h). */
    public function cannedReplies(array $request): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_canned_replies(
            $e, self::encode($request), $out));
    }

    /** A person's data in a shop (GDPR art. 15): cases, orders, mails and files. */
    public function subjectExport(string $shop, string $email): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_subject_export(
            $e, self::encode(['shop' => $shop, 'email' => $email]), $out));
    }

    /** Anonymises a person in a shop (GDPR art. 17): ['erasure', 'erased' => counts, 'kept']. */
    public function subjectErase(string $shop, string $email, array $actor, string $reason): array
    {
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_subject_erase($e, self::encode(
            ['shop' => $shop, 'email' => $email, 'actor' => $actor, 'reason' => $reason]), $out));
    }

    /** A mail template rendered for a case as it would be sent now (nothing is queued):
     *  {"template", "locale", "to", "subject", "text", "html", "event_seq", "event_type"}. */
    public function previewMessage(string $template, string $case, ?string $locale = null): array
    {
        $request = ['template' => $template, 'case' => $case];
        if ($locale !== null) {
            $request['locale'] = $locale;
        }
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_message_preview(
            $e, self::encode($request), $out));
    }

    /** A document of the case as a PDF: $type "complaint_receipt", "decision_letter" or
     *  "return_slip" → {"filename", "content_type": "application/pdf", "data_base64"}. */
    public function document(string $caseRef, string $type, ?string $locale = null): array
    {
        $request = ['type' => $type];
        if ($locale !== null) {
            $request['locale'] = $locale;
        }
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_document(
            $e, $caseRef, self::encode($request), $out));
    }

    /** A customer's e-mail (the whole RFC 5322 message): their reply or message on its case, or a
     *  draft for staff: {"result": "reply"|"message"|"draft", …}. Bytes that are not UTF-8 go as
     *  raw_base64. */
    public function messageInbound(string $raw, ?string $shop = null): array
    {
        $request = $shop === null ? [] : ['shop' => $shop];
        if (preg_match('//u', $raw) === 1) {  // valid UTF-8
            $request['raw'] = $raw;
        } else {
            $request['raw_base64'] = base64_encode($raw);
        }
        return $this->run(fn ($e, $out) => $this->ffi->reclaim_message_inbound(
            $e, self::encode($request), $out));
    }

    private function live(): \FFI\CData
    {
        if ($this->handle === null) {
            throw new \LogicException('the Reclaim engine is closed');
        }
        return $this->handle;
    }

    private function run(callable $fn): array
    {
        $handle = $this->live();
        return self::call($this->ffi, static fn ($out) => $fn($handle, $out));
    }

    /** Runs one call with a char** for its document; decodes it or throws. */
    private static function call(FFI $ffi, callable $fn): array
    {
        $out = $ffi->new('char*');
        $status = $fn(FFI::addr($out));
        $text = null;
        if (!FFI::isNull($out)) {
            $text = FFI::string($out);
            $ffi->reclaim_free($out);
        }
        if ($status !== Status::OK) {
            self::throwFor($ffi, $status, $text);
        }
        return $text === null ? [] : json_decode($text, true, 512, JSON_THROW_ON_ERROR);
    }

    private static function throwFor(FFI $ffi, int $status, ?string $text): never
    {
        $document = null;
        if ($text !== null) {
            $decoded = json_decode($text, true);
            $document = is_array($decoded) ? $decoded : null;
        }
        $error = $document['error'] ?? [];
        $name = $error['code'] ?? (string)$ffi->reclaim_status_name($status);
        $message = $error['message'] ?? $name;
        $class = Status::EXCEPTIONS[$status] ?? ReclaimException::class;
        throw new $class($status, $name, $message, $error['field'] ?? null, $document);
    }

    private static function encode(array|string $document): string
    {
        if (is_string($document)) {
            return $document;
        }
        return json_encode($document, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES
            | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
    }
}
