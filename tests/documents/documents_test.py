#!/usr/bin/env python3
"""The documents (docs/DOCUMENTS.md) read back with real tools: poppler's pdftotext finds the case
number, every item, the amounts and the Polish and Cyrillic letters; zbarimg decodes the return
slip's QR code to the case number; hostile text (a very long name, right-to-left script,
combining marks, HTML) is printed as text and breaks nothing. Each document's first page in pl,
en and ru is saved as a PNG (pdftoppm) in the folder given as the second argument.

    documents_test.py SDK_DIR SCREENSHOT_DIR      (RECLAIM_LIBRARY names libreclaim.so)
"""
import base64
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading

SDK = sys.argv[1]
SHOTS = pathlib.Path(sys.argv[2])
sys.path.insert(0, SDK)
import reclaim  # noqa: E402

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


LONG = "Bardzo długa nazwa " + "ąęłśż" * 47  # 489 bytes, nearly all of one word: the most a name holds
RTL = "קומקום חשמלי · غلاية كهربائية"
COMBINING = "Ŝ̌t̃ȩ̈k combining Z̷̢a̸l̶g̵o"
HTML = "<script>alert('x')</script><b>Tag</b> & \"quotes\""

ITEMS = [
    ("1", "KET-1", "Czajnik elektryczny Żółć", "199.99"),
    ("2", "SAM-2", "Самовар электрический", "1250.00"),
    ("3", "LONG-3", LONG, "10.00"),
    ("4", "RTL-4", RTL, "20.00"),
    ("5", "CMB-5", COMBINING, "30.00"),
    ("6", "HTML-6", HTML, "40.00"),
]

CONFIG = {
    "clock": "manual",
    "shops": [{
        "id": "default", "name": "Sklep Żuraw", "jurisdiction": "PL",
        "timezone": "Europe/Warsaw", "currency": "PLN", "locale": "pl",
        "public_url": "https://sklep.example/r",
        "address": "Żuraw sp. z o.o.\nul. Źródlana 5, 00-950 Warszawa\nNIP 525-000-00-00",
        "return_address": "Żuraw – zwroty\nul. Magazynowa 12\n05-800 Pruszków",
        "notify": {"reply_to": "reklamacje@sklep.example"},
    }, {
        "id": "moscow", "name": "Магазин Журавль", "jurisdiction": "RU", "case_prefix": "MS",
        "timezone": "Europe/Moscow", "currency": "RUB", "locale": "ru",
    }],
}


def text_of(pdf: bytes, work: pathlib.Path, name: str) -> str:
    path = work / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True)
    return out.stdout.decode("utf-8")


def squashed(text: str) -> str:
    """pdftotext breaks lines where the page does; compare without whitespace."""
    return "".join(text.split())


def qr_of(pdf_path: pathlib.Path, work: pathlib.Path) -> str:
    prefix = work / "qr"
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf_path),
                    str(prefix)], check=True)
    png = sorted(work.glob("qr*.png"))[0]
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)], capture_output=True)
    png.unlink()
    return out.stdout.decode("utf-8").strip()


def screenshot(pdf_path: pathlib.Path, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(pdf_path), str(SHOTS / name)], check=True)


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="reclaim-documents-"))
    config = dict(CONFIG, database=f"sqlite://{work}/documents.db")
    with reclaim.Engine(config) as engine:
        engine.set_clock(1794301200000)  # 2026-11-10T09:00:00Z
        lines = [{"id": i, "sku": sku, "name": name, "qty": 2, "unit_price": price}
                 for i, sku, name, price in ITEMS]
        engine.import_order("reclaim", {
            "id": "1001", "number": "#1001", "currency": "PLN",
            "placed_at": "2026-11-02T10:00:00Z", "delivered_at": "2026-11-05T12:00:00Z",
            "customer": {"email": "jan@example.pl", "name": "Jan Łukasz Wójcik", "locale": "pl"},
            "lines": lines})
        opened = engine.open_case({
            "shop": "default", "kind": "complaint", "actor": {"role": "customer"},
            "order_id": "1001", "customer": {"email": "jan@example.pl"},
            "items": [{"line": i, "qty": 1, "reason": "defect"} for i, *_ in ITEMS],
            "preferred_resolution": "refund",
            "description": "Czajnik przestał grzać po tygodniu. " + HTML})
        number = opened["number"]

        def document(kind, locale):
            made = engine.document(number, kind, locale)
            check(made["filename"] == f"{number}-{kind}-{locale}.pdf", f"{kind} {locale}: name")
            check(made["content_type"] == "application/pdf", f"{kind} {locale}: type")
            pdf = base64.b64decode(made["data_base64"])
            check(pdf.startswith(b"%PDF-"), f"{kind} {locale}: a PDF")
            path = work / f"{kind}-{locale}.pdf"
            path.write_bytes(pdf)
            screenshot(path, f"{kind}-{locale}")
            return pdf, path

        def common(text, what):
            flat = squashed(text)
            check(number in text, f"{what}: the case number")
            for _, sku, name, _ in ITEMS:
                if sku == "RTL-4":
                    # pdftotext gives the Hebrew in logical order, but takes the Arabic lam-alef
                    # ligature apart in visual order: its letters, not its word, are compared.
                    check("קומקום חשמלי" in text and "كهر" in text, f"{what}: item {sku}")
                    continue
                # The long name is cut with an ellipsis; its beginning is there.
                check(squashed(name)[:60] in flat, f"{what}: item {sku}")
            check("ŻurawŻurawsp.zo.o." in flat or "Żurawsp.zo.o." in flat, f"{what}: the seller")

        # The receipt: items, prices, the request, the statutory date to answer.
        for locale in ("pl", "en", "ru"):
            pdf, _ = document("complaint_receipt", locale)
            text = text_of(pdf, work, f"receipt-{locale}")
            common(text, f"receipt {locale}")
            check(("199,99" if locale != "en" else "199.99") in text, f"receipt {locale}: a price")
            check("24 listopada 2026" in text or "24 November 2026" in text or "24 ноября 2026" in text,
                  f"receipt {locale}: the date by which the shop answers (14 days)")
            check("<script>alert('x')</script>" in text, f"receipt {locale}: HTML printed as text")
        text = text_of(document("complaint_receipt", "pl")[0], work, "receipt-pl")
        for word in ("Potwierdzenie przyjęcia reklamacji", "ąęłśż", "art. 7a", "zwrot pieniędzy"):
            check(word in text, f"receipt pl: {word}")
        text = text_of(document("complaint_receipt", "ru")[0], work, "receipt-ru")
        check("Подтверждение получения претензии" in text, "receipt ru: Cyrillic title")

        # Before the decision there is no letter.
        try:
            engine.document(number, "decision_letter", "pl")
            check(False, "a letter before the decision is refused")
        except reclaim.ReclaimError as e:
            check(e.code == "not_allowed" and e.field == "type", "a letter before the decision")

        # The slip: the QR code decodes to the case number; the return address.
        for locale in ("pl", "en", "ru"):
            pdf, path = document("return_slip", locale)
            check(qr_of(path, work) == number, f"slip {locale}: the QR code is the case number")
            text = text_of(pdf, work, f"slip-{locale}")
            common(text, f"slip {locale}")
            check("ul. Magazynowa 12" in text, f"slip {locale}: the return address")

        # Partly accepted: two items refunded, the rest refused with a reason.
        engine.act(number, {"action": "review", "actor": {"role": "agent", "id": "a"}})
        engine.act(number, {
            "action": "accept", "actor": {"role": "supervisor", "id": "s"},
            "items": [{"line": "1", "qty": 1, "resolution": {"type": "refund"}},
                      {"line": "2", "qty": 1, "resolution": {"type": "refund"}}],
            "reason": "Uszkodzenia mechaniczne powstałe z winy użytkownika (pęknięta obudowa).",
            "explanation": "Oględziny w serwisie 12 listopada 2026 r. potwierdziły wadę grzałki czajnika i samowaru."})
        for locale in ("pl", "en", "ru"):
            pdf, _ = document("decision_letter", locale)
            text = text_of(pdf, work, f"letter-{locale}")
            common(text, f"letter {locale}")
            flat = squashed(text)
            check(squashed("1 250,00" if locale != "en" else "1,250.00") in flat
                  or "1250,00" in flat or "1250.00" in flat, f"letter {locale}: the refund amount")
            check("pęknięta obudowa" in text, f"letter {locale}: the reason as written")
            check("43a" in text, f"letter {locale}: the legal basis")
        text = text_of(document("decision_letter", "pl")[0], work, "letter-pl")
        for words in ("Odpowiedź na reklamację", "Podstawa prawna", "rzecznika konsumentów",
                      "Inspekcji Handlowej", "trwałym nośniku", "uznana", "nieuznana"):
            check(words in text, f"letter pl: {words}")
        text = text_of(document("decision_letter", "ru")[0], work, "letter-ru")
        for words in ("Ответ на претензию", "Правовое основание", "Ваши дальнейшие права"):
            check(words in text, f"letter ru: {words}")
        # Several threads at once (ctypes lets go of the GIL during the call): Pango and cairo
        # are used from each thread on its own, and every PDF reads back the same.
        results, errors = [], []

        def worker(locale):
            try:
                for kind in ("complaint_receipt", "return_slip", "decision_letter"):
                    made = engine.document(number, kind, locale)
                    results.append((kind, locale, base64.b64decode(made["data_base64"])))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=worker, args=(loc,)) for loc in ("pl", "en", "ru") * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(not errors and len(results) == 18, f"documents from 6 threads at once: {errors[:1]}")
        by_key = {}
        for kind, locale, pdf in results:
            by_key.setdefault((kind, locale), set()).add(
                squashed(text_of(pdf, work, f"thread-{kind}-{locale}")))
        check(all(len(texts) == 1 for texts in by_key.values()),
              "the same document from two threads reads the same")

        # Silence until the statutory date: the complaint is deemed accepted (u.p.k. art. 7a),
        # and the letter says so, every item accepted.
        silent = engine.open_case({
            "shop": "default", "kind": "complaint", "actor": {"role": "customer"},
            "order_id": "1001", "customer": {"email": "jan@example.pl"},
            "items": [{"line": "1", "qty": 1, "reason": "defect"}]})["number"]
        engine.set_clock(1794301200000 + 20 * 86_400_000)
        engine.tick()
        text = text_of(base64.b64decode(engine.document(silent, "decision_letter", "pl")["data_base64"]),
                       work, "letter-deemed")
        check("uważa się za uznaną" in text and "art. 7a" in text, "a deemed acceptance's letter")
        check("nieuznana" not in text and "Twoje dalsze uprawnienia" not in text,
              "a deemed acceptance refuses nothing")

        # An exchange for dearer goods: the letter names the goods given and the difference to pay.
        swapped = engine.open_case({
            "shop": "default", "kind": "complaint", "actor": {"role": "customer"},
            "order_id": "1001", "customer": {"email": "jan@example.pl"},
            "items": [{"line": "3", "qty": 1, "reason": "defect"}]})["number"]
        engine.act(swapped, {
            "action": "accept", "actor": {"role": "supervisor", "id": "s"},
            "resolution": {"type": "exchange", "sku": "KET-9", "name": "Czajnik szklany Ęł <i>",
                           "unit_price": "12.50", "currency": "PLN"}})
        for locale, given, owed in (("pl", "w zamian", "do dopłaty"), ("en", "in exchange", "for you to pay"),
                                    ("ru", "взамен", "к доплате")):
            made = engine.document(swapped, "decision_letter", locale)
            path = work / f"exchange-{locale}.pdf"
            path.write_bytes(base64.b64decode(made["data_base64"]))
            screenshot(path, f"decision_letter-exchange-{locale}")
            text = text_of(path.read_bytes(), work, f"exchange-{locale}")
            flat = squashed(text)
            check(squashed(given) in flat and "Czajnikszklany" in flat and "<i>" in text,
                  f"exchange letter {locale}: the goods given, markup as text")
            check(squashed(owed) in flat and ("2,50" in flat or "2.50" in flat),
                  f"exchange letter {locale}: the difference to pay")

        # A Russian shop's refusal cites the Russian law and its remedies; no return address is
        # configured, so the slip says it will follow.
        engine.import_order("reclaim", {
            "id": "77", "number": "77", "currency": "RUB", "delivered_at": "2026-11-05T12:00:00Z",
            "customer": {"email": "olga@example.ru", "name": "Ольга Иванова", "locale": "ru"},
            "lines": [{"id": "1", "sku": "SAM-1", "name": "Самовар", "qty": 1,
                       "unit_price": "15000.00"}]}, shop="moscow")
        russian = engine.open_case({
            "shop": "moscow", "kind": "complaint", "actor": {"role": "customer"},
            "order_id": "77", "customer": {"email": "olga@example.ru"},
            "items": [{"line": "1", "qty": 1, "reason": "defect"}]})["number"]
        slip = base64.b64decode(engine.document(russian, "return_slip")["data_base64"])
        text = text_of(slip, work, "slip-moscow")
        check("Адрес для возврата мы сообщим" in text, "slip without an address says it follows")
        engine.act(russian, {"action": "reject", "actor": {"role": "agent", "id": "a"},
                             "reason": "Следы механического повреждения корпуса."})
        made = engine.document(russian, "decision_letter")
        check(made["filename"] == f"{russian}-decision_letter-ru.pdf", "the customer's language")
        text = text_of(base64.b64decode(made["data_base64"]), work, "letter-moscow")
        for words in ("2300-1", "Роспотребнадзор", "Следы механического повреждения", "отказано"):
            check(words in text, f"a Russian shop's letter: {words}")
        check("43a" not in text, "a Russian shop's letter cites no Polish law")
    shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
