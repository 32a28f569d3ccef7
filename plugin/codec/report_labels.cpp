#include "codec/report_labels.hpp"

namespace reclaim::report {

namespace {

struct Entry {
  std::string_view key, pl, en, ru;
};

constexpr Entry kLabels[] = {
    {"title", "Raport reklamacji i zwrotów", "Complaints and returns report",
     "Отчёт по рекламациям и возвратам"},
    {"shop", "Sklep", "Shop", "Магазин"},
    {"period", "Okres", "Period", "Период"},
    {"timezone", "Strefa czasowa", "Time zone", "Часовой пояс"},
    {"grouped_by", "Grupowanie", "Grouped by", "Группировка"},
    {"group_by.none", "Brak", "None", "Нет"},
    {"group_by.reason", "Powód", "Reason", "Причина"},
    {"group_by.sku", "SKU", "SKU", "SKU"},
    {"group_by.supplier", "Dostawca", "Supplier", "Поставщик"},
    {"group_by.category", "Kategoria", "Category", "Категория"},
    {"group_by.channel", "Kanał", "Channel", "Канал"},
    {"group_by.kind", "Rodzaj", "Kind", "Тип"},
    {"group_by.resolution", "Rozstrzygnięcie", "Resolution", "Решение"},
    {"group_by.assignee", "Osoba odpowiedzialna", "Assignee", "Исполнитель"},
    {"group_by.day", "Dzień", "Day", "День"},
    {"group_by.week", "Tydzień", "Week", "Неделя"},
    {"group_by.month", "Miesiąc", "Month", "Месяц"},
    {"total", "Razem", "Total", "Итого"},
    {"no_groups", "Brak zgłoszeń w tym okresie.", "No cases in this period.",
     "Нет обращений за этот период."},
    {"targets", "Cele", "Targets", "Цели"},
    {"met", "osiągnięty", "met", "достигнута"},
    {"not_met", "nieosiągnięty", "not met", "не достигнута"},
    {"no_data", "brak danych", "no data", "нет данных"},
    {"target.handling_hours", "Średni czas rozpatrzenia", "Average handling time",
     "Среднее время рассмотрения"},
    {"target.satisfaction", "Zadowolenie klientów", "Customer satisfaction",
     "Удовлетворённость клиентов"},
    {"target.repeat_rate", "Powtórne zgłoszenia", "Repeat cases", "Повторные обращения"},
    {"target.deadline_compliance", "Dotrzymanie terminów", "Deadline compliance",
     "Соблюдение сроков"},
    {"charts", "Wykresy", "Charts", "Графики"},
    {"chart.periods", "Zgłoszenia w okresach i czas rozpatrzenia",
     "Cases per period and handling time", "Обращения по периодам и время рассмотрения"},
    {"chart.reasons", "Najczęstsze powody", "Top reasons", "Основные причины"},
    {"chart.skus", "Produkty z najwyższym wskaźnikiem reklamacji", "Top SKUs by claim rate",
     "Товары с наибольшей долей рекламаций"},
    {"chart.compliance", "Dotrzymanie terminów wobec celu", "Deadline compliance against target",
     "Соблюдение сроков относительно цели"},
    {"legend.opened", "Otwarte zgłoszenia", "Cases opened", "Открыто обращений"},
    {"legend.handling", "Średni czas rozpatrzenia (h)", "Mean handling time (h)",
     "Среднее время рассмотрения (ч)"},
    {"legend.target", "cel", "target", "цель"},
    {"note.no_periods",
     "Ten raport nie zawiera szeregu okresów (grupowanie według dnia, tygodnia lub miesiąca).",
     "This report has no period series (group by day, week or month).",
     "В отчёте нет ряда периодов (группировка по дням, неделям или месяцам)."},
    {"note.no_skus", "Ten raport nie zawiera danych o produktach (grupowanie według SKU).",
     "This report has no per-SKU figures (group by SKU).",
     "В отчёте нет данных по товарам (группировка по SKU)."},
    {"note.no_reasons", "Brak powodów do pokazania.", "No reasons to show.",
     "Нет причин для показа."},
    {"note.no_compliance", "Brak rozpatrzonych zgłoszeń do oceny terminów.",
     "No decided cases to measure deadlines on.", "Нет рассмотренных обращений для оценки сроков."},
    {"shown_of", "pokazano {n} z {m}", "showing {n} of {m}", "показано {n} из {m}"},
    {"chart_data", "Dane wykresu", "Chart data", "Данные графика"},
    {"table", "Wskaźniki według grup", "Measures by group", "Показатели по группам"},
    {"col.key", "Grupa", "Group", "Группа"},
    {"col.opened", "Otwarte", "Opened", "Открыто"},
    {"col.decided", "Rozpatrzone", "Decided", "Рассмотрено"},
    {"col.resolved", "Zakończone", "Resolved", "Завершено"},
    {"col.open", "W toku", "Open now", "В работе"},
    {"col.overdue", "Po terminie", "Overdue now", "Просрочено"},
    {"col.accepted", "Uznane", "Accepted", "Принято"},
    {"col.rejected", "Odrzucone", "Rejected", "Отклонено"},
    {"col.acceptance_rate", "Odsetek uznanych", "Acceptance rate", "Доля принятых"},
    {"col.handling_mean", "Rozpatrzenie: średnia", "Handling: mean", "Рассмотрение: среднее"},
    {"col.handling_median", "Rozpatrzenie: mediana", "Handling: median", "Рассмотрение: медиана"},
    {"col.handling_p90", "Rozpatrzenie: p90", "Handling: p90", "Рассмотрение: p90"},
    {"col.resolution_mean", "Zakończenie: średnia", "Resolution: mean", "Завершение: среднее"},
    {"col.resolution_median", "Zakończenie: mediana", "Resolution: median", "Завершение: медиана"},
    {"col.resolution_p90", "Zakończenie: p90", "Resolution: p90", "Завершение: p90"},
    {"col.first_response_mean", "Pierwsza odpowiedź: średnia", "First response: mean",
     "Первый ответ: среднее"},
    {"col.first_response_median", "Pierwsza odpowiedź: mediana", "First response: median",
     "Первый ответ: медиана"},
    {"col.first_response_p90", "Pierwsza odpowiedź: p90", "First response: p90",
     "Первый ответ: p90"},
    {"col.deadline_compliance", "Dotrzymane terminy", "Deadline compliance", "Соблюдение сроков"},
    {"col.breaches", "Przekroczenia terminów", "Breaches", "Нарушения сроков"},
    {"col.csat_ratings", "Oceny", "Ratings", "Оценки"},
    {"col.csat_mean", "Średnia ocena", "Mean rating", "Средняя оценка"},
    {"col.satisfied_share", "Zadowoleni (4–5)", "Satisfied (4–5)", "Довольны (4–5)"},
    {"col.response_rate", "Odsetek ocen", "Rating response rate", "Доля оценок"},
    {"col.repeat_rate", "Powtórne", "Repeat rate", "Доля повторных"},
    {"col.reopen_rate", "Ponownie otwarte", "Reopen rate", "Доля переоткрытых"},
    {"col.refunded", "Zwrócone kwoty", "Refunded", "Возвращено"},
    {"col.units_sold", "Sprzedane sztuki", "Units sold", "Продано, шт."},
    {"col.units_claimed", "Reklamowane sztuki", "Units claimed", "Заявлено, шт."},
    {"col.claim_rate", "Wskaźnik reklamacji", "Claim rate", "Доля рекламаций"},
    {"col.dispositions", "Towar zwrócony: dalsze postępowanie (szt.)",
     "Goods received back: what became of them (units)",
     "Возвращённый товар: дальнейшие действия (шт.)"},
    {"col.supplier_claims", "Reklamacje do dostawcy", "Claims against the supplier",
     "Претензии к поставщику"},
    {"claims.made", "Złożone", "Claims made", "Предъявлено"},
    {"claims.open", "Bez odpowiedzi", "Awaiting an answer", "Без ответа"},
    {"claims.overdue", "Po terminie", "Answer overdue", "Ответ просрочен"},
    {"claims.accepted", "Uznane", "Accepted", "Удовлетворено"},
    {"claims.rejected", "Odrzucone", "Rejected", "Отклонено"},
    {"claims.recovered", "Odzyskano", "Recovered", "Возмещено"},
    {"disposition.restock", "Przyjęcie na stan", "Back to stock", "Возврат на склад"},
    {"disposition.quarantine", "Kwarantanna (do sprawdzenia)", "Quarantine (to be checked)",
     "Карантин (на проверку)"},
    {"disposition.scrap", "Utylizacja", "Disposal", "Утилизация"},
    {"disposition.repair", "Naprawa", "Repair", "Ремонт"},
    {"disposition.return_to_supplier", "Zwrot do dostawcy", "Return to the supplier",
     "Возврат поставщику"},
    {"col.top_reasons", "Główne powody", "Top reasons", "Основные причины"},
    {"col.cases", "Zgłoszenia", "Cases", "Обращения"},
};

constexpr Entry kWords[] = {
    {"all", "Cały sklep", "Whole shop", "Весь магазин"},
    {"defect", "Wada", "Defect", "Дефект"},
    {"transport_damage", "Uszkodzenie w transporcie", "Damaged in transport",
     "Повреждение при доставке"},
    {"not_as_described", "Niezgodny z opisem", "Not as described", "Не соответствует описанию"},
    {"wrong_item", "Inny produkt", "Wrong item", "Не тот товар"},
    {"missing_parts", "Brakujące części", "Missing parts", "Не хватает частей"},
    {"late_delivery", "Opóźniona dostawa", "Late delivery", "Задержка доставки"},
    {"changed_mind", "Zmiana decyzji", "Changed mind", "Передумал"},
    {"no_longer_needed", "Już niepotrzebny", "No longer needed", "Больше не нужен"},
    {"better_price", "Lepsza cena gdzie indziej", "Better price elsewhere",
     "Дешевле в другом месте"},
    {"size_or_fit", "Rozmiar lub dopasowanie", "Size or fit", "Размер или посадка"},
    {"other", "Inny", "Other", "Другое"},
    {"complaint", "Reklamacja", "Complaint", "Рекламация"},
    {"return", "Zwrot", "Return", "Возврат"},
    {"refund", "Zwrot pieniędzy", "Refund", "Возврат денег"},
    {"partial_refund", "Częściowy zwrot pieniędzy", "Partial refund", "Частичный возврат денег"},
    {"replacement", "Wymiana na nowy", "Replacement", "Замена"},
    {"repair", "Naprawa", "Repair", "Ремонт"},
    {"price_reduction", "Obniżenie ceny", "Price reduction", "Снижение цены"},
    {"store_credit", "Środki w sklepie", "Store credit", "Бонус магазина"},
    {"exchange", "Wymiana", "Exchange", "Обмен"},
    {"discount_code", "Kod rabatowy", "Discount code", "Промокод"},
};

std::string_view pick(const Entry &entry, Lang lang) {
  switch (lang) {
    case Lang::pl: return entry.pl;
    case Lang::ru: return entry.ru;
    case Lang::en: break;
  }
  return entry.en;
}

}  // namespace

Lang lang_of(std::string_view locale) {
  if (locale == "pl") return Lang::pl;
  if (locale == "ru") return Lang::ru;
  return Lang::en;
}

std::string_view lang_code(Lang lang) {
  switch (lang) {
    case Lang::pl: return "pl";
    case Lang::ru: return "ru";
    case Lang::en: break;
  }
  return "en";
}

std::string_view label(std::string_view key, Lang lang) {
  for (const auto &entry : kLabels) {
    if (entry.key == key) return pick(entry, lang);
  }
  return key;
}

std::optional<std::string_view> word_label(std::string_view word, Lang lang) {
  for (const auto &entry : kWords) {
    if (entry.key == word) return pick(entry, lang);
  }
  return std::nullopt;
}

}  // namespace reclaim::report
