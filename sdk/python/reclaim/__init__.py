"""Reclaim's C ABI for Python, over ctypes (Python 3.9+, no other dependency).

    import reclaim
    with reclaim.Engine({"database": "sqlite:/var/lib/reclaim/reclaim.db"}) as engine:
        engine.import_order("reclaim", order)             # dict in, dict out
        try:
            case = engine.open_case({...})
        except reclaim.NotAllowed as e:
            print(e.code, e.message, e.field)             # "not_allowed", "…", "items[0].qty"

Documents go in as dicts (json.dumps) or JSON strings and come back as dicts. Every status other
than RECLAIM_OK raises a subclass of ReclaimError carrying the status, its stable name, the
message, the field at fault (or None) and the whole error document.

The library is found through the `library` argument, else $RECLAIM_LIBRARY, else the lib
directory of the installed tree this package belongs to, else the system's libreclaim.so.1.
"""

import base64
import ctypes
import json
import os
import threading

ABI_VERSION = 1  # RECLAIM_ABI_VERSION of the header this binding follows

OK, INVALID_ARGUMENT, NOT_FOUND, CONFLICT, NOT_ALLOWED, STORAGE, BUSY, UNSUPPORTED, INTERNAL = range(9)


class ReclaimError(Exception):
    """A call that did not return RECLAIM_OK."""

    status = None

    def __init__(self, status, code, message, field=None, document=None):
        super().__init__(f"{code}: {message}" + (f" (field: {field})" if field else ""))
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.document = document


class InvalidArgument(ReclaimError):
    pass


class NotFound(ReclaimError):
    pass


class Conflict(ReclaimError):
    pass


class NotAllowed(ReclaimError):
    pass


class StorageError(ReclaimError):
    pass


class Busy(ReclaimError):
    pass


class Unsupported(ReclaimError):
    pass


class InternalError(ReclaimError):
    pass


_EXCEPTIONS = {
    INVALID_ARGUMENT: InvalidArgument,
    NOT_FOUND: NotFound,
    CONFLICT: Conflict,
    NOT_ALLOWED: NotAllowed,
    STORAGE: StorageError,
    BUSY: Busy,
    UNSUPPORTED: Unsupported,
    INTERNAL: InternalError,
}

_c_engine = ctypes.c_void_p
_c_out = ctypes.POINTER(ctypes.c_void_p)  # char **: kept as void* so ctypes does not copy it
_str = ctypes.c_char_p

_SIGNATURES = {
    "reclaim_version": (_str, []),
    "reclaim_abi_version": (ctypes.c_int, []),
    "reclaim_status_name": (_str, [ctypes.c_int]),
    "reclaim_free": (None, [ctypes.c_void_p]),
    "reclaim_open": (ctypes.c_int, [_str, ctypes.POINTER(_c_engine), _c_out]),
    "reclaim_close": (None, [_c_engine]),
    "reclaim_clock_set": (ctypes.c_int, [_c_engine, ctypes.c_int64]),
    "reclaim_tick": (ctypes.c_int, [_c_engine, _c_out]),
    "reclaim_policy_set": (ctypes.c_int, [_c_engine, _str, _str, _c_out]),
    "reclaim_policy_get": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_eligibility_check": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_order_import": (ctypes.c_int, [_c_engine, _str, _str, _str, _c_out]),
    "reclaim_order_get": (ctypes.c_int, [_c_engine, _str, _str, _c_out]),
    "reclaim_case_open": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_case_get": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_case_list": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_case_act": (ctypes.c_int, [_c_engine, _str, _str, _c_out]),
    "reclaim_attachment_get": (ctypes.c_int, [_c_engine, _str, _str, _c_out]),
    "reclaim_events_read": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_report": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_host_payload": (ctypes.c_int, [_c_engine, _str, _str, _c_out]),
    "reclaim_http_start": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_http_stop": (ctypes.c_int, [_c_engine]),
    "reclaim_http_handle": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_staff_link": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_staff_account": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_canned_replies": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_subject_export": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_subject_erase": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_messages_read": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_messages_ack": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_message_inbound": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_message_preview": (ctypes.c_int, [_c_engine, _str, _c_out]),
    "reclaim_document": (ctypes.c_int, [_c_engine, _str, _str, _c_out]),
}

_loaded = {}
_lock = threading.Lock()


def default_library_path():
    env = os.environ.get("RECLAIM_LIBRARY")
    if env:
        return env
    # Installed as <prefix>/lib/python3/dist-packages/reclaim beside <prefix>/lib.
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.normpath(os.path.join(here, "..", "..", "..", "libreclaim.so.1"))
    return installed if os.path.isfile(installed) else "libreclaim.so.1"


def load(path=None):
    """The library at `path` (see default_library_path), loaded once, its functions typed."""
    path = path or default_library_path()
    with _lock:
        lib = _loaded.get(path)
        if lib is None:
            lib = ctypes.CDLL(path)
            for name, (restype, argtypes) in _SIGNATURES.items():
                fn = getattr(lib, name)
                fn.restype = restype
                fn.argtypes = argtypes
            if lib.reclaim_abi_version() < ABI_VERSION:
                raise RuntimeError(f"the Reclaim library {path} has ABI "
                                   f"{lib.reclaim_abi_version()}, this binding needs {ABI_VERSION}")
            _loaded[path] = lib
        return lib


def version(library=None):
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return load(library).reclaim_version().decode()


def status_name(status, library=None):
    return load(library).reclaim_status_name(status).decode()


def _encode(document):
    if document is None:
        return None
    if isinstance(document, (bytes, str)):
        return document.encode() if isinstance(document, str) else document
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _text(s):
    return None if s is None else s.encode()


class Engine:
    """One engine: a database and its shops. Use as a context manager, or call close()."""

    def __init__(self, config, library=None):
        self._lib = load(library)
        self._handle = _c_engine()
        self.info = self._call(lambda out: self._lib.reclaim_open(
            _encode(config), ctypes.byref(self._handle), out))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()

    def close(self):
        """Closes the engine; later calls raise. Closing twice is harmless."""
        if self._handle is not None:
            self._lib.reclaim_close(self._handle)
            self._handle = None

    def _live(self):
        if self._handle is None:
            raise ValueError("the Reclaim engine is closed")
        return self._handle

    def _call(self, fn):
        out = ctypes.c_void_p()
        status = fn(ctypes.byref(out))
        text = None
        if out.value:
            text = ctypes.string_at(out.value).decode()
            self._lib.reclaim_free(out)
        if status != OK:
            self._raise(status, text)
        return json.loads(text) if text is not None else {}

    def _raise(self, status, text):
        document = None
        if text is not None:
            try:
                document = json.loads(text)
            except ValueError:
                document = None
        error = (document or {}).get("error", {}) if isinstance(document, dict) else {}
        code = error.get("code") or self._lib.reclaim_status_name(status).decode()
        raise _EXCEPTIONS.get(status, ReclaimError)(
            status, code, error.get("message", code), error.get("field"), document)

    def _run(self, name, *args):
        handle = self._live()
        return self._call(lambda out: getattr(self._lib, name)(handle, *args, out))

    def import_order(self, adapter, order, shop=None):
        return self._run("reclaim_order_import", _text(shop), _text(adapter), _encode(order))

    def get_order(self, order_id, shop=None):
        return self._run("reclaim_order_get", _text(shop), _text(order_id))

    def open_case(self, request):
        return self._run("reclaim_case_open", _encode(request))

    def get_case(self, case_ref):
        return self._run("reclaim_case_get", _text(case_ref))

    def get_attachment(self, case_ref, attachment_id):
        """One file of a case: {"id", "case_id", "name", "content_type", "size", "sha256",
        "data_base64"}; "name" is the sender's, for display only."""
        return self._run("reclaim_attachment_get", _text(case_ref), _text(attachment_id))

    def list_cases(self, query=None):
        return self._run("reclaim_case_list", _encode(query or {}))

    def act(self, case_ref, action):
        return self._run("reclaim_case_act", _text(case_ref), _encode(action))

    def read_events(self, query=None):
        """{"events": [...], "next": SEQ}; keep "next" and pass it as "after" next time."""
        return self._run("reclaim_events_read", _encode(query or {}))

    def report(self, query=None):
        return self._run("reclaim_report", _encode(query or {}))

    def host_payload(self, case_ref, adapter):
        return self._run("reclaim_host_payload", _text(case_ref), _text(adapter))

    def set_policy(self, policy, shop=None):
        return self._run("reclaim_policy_set", _text(shop), _encode(policy))

    def get_policy(self, shop=None):
        return self._run("reclaim_policy_get", _text(shop))

    def check_eligibility(self, request):
        return self._run("reclaim_eligibility_check", _encode(request))

    def tick(self):
        return self._run("reclaim_tick")

    def set_clock(self, unix_ms):
        """Only for an engine opened with "clock": "manual"."""
        status = self._lib.reclaim_clock_set(self._live(), unix_ms)
        if status != OK:
            self._raise(status, None)

    def start_http(self, options):
        return self._run("reclaim_http_start", _encode(options))

    def stop_http(self):
        status = self._lib.reclaim_http_stop(self._live())
        if status != OK:
            self._raise(status, None)

    def handle_http(self, request):
        return self._run("reclaim_http_handle", _encode(request))

    def staff_link(self, request):
        """A one-time sign-in link to the staff desk: {"path": "/staff/enter?t=…", "expires_at"}."""
        return self._run("reclaim_staff_link", _encode(request))

    def staff_account(self, request):
        """One operation on the desk's password accounts: {"op": "add" | "passwd" | "remove" |
        "disable" | "enable" | "list", …} (docs/STAFF.md, "Accounts")."""
        return self._run("reclaim_staff_account", _encode(request))

    def canned_replies(self, request):
        """A shop's canned replies: {"op":"list"|"save"|"remove"|"render", …} (see reclaim.h)."""
        return self._run("reclaim_canned_replies", _encode(request))

    def subject_export(self, shop, email):
        """A person's data in a shop (GDPR art. 15): cases, orders, mails and files (see reclaim.h)."""
        return self._run("reclaim_subject_export", _encode({"shop": shop, "email": email}))

    def subject_erase(self, shop, email, actor, reason):
        """Anonymises a person in a shop (GDPR art. 17); returns what was erased and what kept."""
        return self._run("reclaim_subject_erase",
                         _encode({"shop": shop, "email": email, "actor": actor, "reason": reason}))

    def read_messages(self, query=None):
        """Mails to send with your own mailer: {"messages": [...], "next": SEQ}."""
        return self._run("reclaim_messages_read", _encode(query or {}))

    def ack_messages(self, ack):
        """{"ids": [...], "result": "sent" | "failed" | "retry", "error": "..."}."""
        return self._run("reclaim_messages_ack", _encode(ack))

    def preview_message(self, template, case, locale=None):
        """A mail template rendered for a case as it would be sent now (nothing is queued):
        {"template", "locale", "to", "subject", "text", "html", "event_seq", "event_type"}."""
        request = {"template": template, "case": case}
        if locale is not None:
            request["locale"] = locale
        return self._run("reclaim_message_preview", _encode(request))

    def document(self, case_ref, type, locale=None):
        """A document of the case as a PDF: type "complaint_receipt", "decision_letter" or
        "return_slip"; {"filename", "content_type": "application/pdf", "data_base64"}."""
        request = {"type": type}
        if locale is not None:
            request["locale"] = locale
        return self._run("reclaim_document", _text(case_ref), _encode(request))

    def message_inbound(self, raw, shop=None):
        """A customer's e-mail (the whole RFC 5322 message, str or bytes): their reply or message
        on its case, or a draft for staff: {"result": "reply" | "message" | "draft", …}.
        Bytes that are not UTF-8 go as raw_base64."""
        request = {"shop": shop} if shop is not None else {}
        if isinstance(raw, (bytes, bytearray)):
            try:
                request["raw"] = bytes(raw).decode("utf-8")
            except UnicodeDecodeError:
                request["raw_base64"] = base64.b64encode(bytes(raw)).decode("ascii")
        else:
            request["raw"] = raw
        return self._run("reclaim_message_inbound", _encode(request))
