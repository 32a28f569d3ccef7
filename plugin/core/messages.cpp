#include "core/messages.hpp"

#include "core/model.hpp"
#include "core/text.hpp"

#include <cstdio>

namespace reclaim {

namespace {

struct Phrase {
  std::string_view code;
  std::string_view pl, en, ru;  // "{date}" and "{detail}" are filled in
};

constexpr Phrase kPhrases[] = {
    {"statutory_withdrawal",
     "Możesz odstąpić od umowy i zwrócić ten produkt do {date} (ustawowe 14 dni).",
     "You may withdraw from the contract and return this item until {date} (statutory period).",
     "Вы можете отказаться от товара и вернуть его до {date} (срок по закону)."},
    {"shop_return_policy",
     "Sklep przyjmuje zwrot tego produktu do {date} na swoich zasadach.",
     "The shop accepts a return of this item until {date} under its own policy.",
     "Магазин принимает возврат этого товара до {date} по своим правилам."},
    {"statutory_guarantee",
     "Możesz złożyć reklamację tego produktu do {date} (odpowiedzialność sprzedawcy).",
     "You may file a complaint about this item until {date} (legal guarantee).",
     "Вы можете предъявить претензию по этому товару до {date} (гарантия по закону)."},
    {"shop_guarantee",
     "Sklep przyjmuje reklamacje tego produktu do {date}.",
     "The shop accepts complaints about this item until {date}.",
     "Магазин принимает претензии по этому товару до {date}."},
    {"window_expired",
     "Termin na zwrot tego produktu minął {date}.",
     "The period for returning this item ended on {date}.",
     "Срок возврата этого товара истёк {date}."},
    {"guarantee_expired",
     "Termin na reklamację tego produktu minął {date}.",
     "The period for complaints about this item ended on {date}.",
     "Срок предъявления претензий по этому товару истёк {date}."},
    {"non_returnable",
     "Zgodnie z regulaminem sklepu tego produktu nie można zwrócić po upływie ustawowego terminu.",
     "Under the shop's policy this item cannot be returned after the statutory period.",
     "По правилам магазина этот товар нельзя вернуть после установленного законом срока."},
    {"statutory_exception",
     "Prawo odstąpienia od umowy nie przysługuje dla tego produktu ({detail}). Reklamacja wad "
     "jest nadal możliwa.",
     "The right of withdrawal does not apply to this item ({detail}). Complaints about defects "
     "remain possible.",
     "Этот товар не подлежит возврату по закону ({detail}). Претензию о недостатках подать "
     "можно."},
    {"quantity_exceeded",
     "Z tej pozycji można jeszcze zgłosić najwyżej {detail} szt.",
     "At most {detail} of this item can still be claimed.",
     "По этой позиции можно заявить не более {detail} шт."},
    {"voluntary_return_refused",
     "Ten zwrot wykracza poza ustawowe prawo odstąpienia od umowy, dlatego nie możemy go przyjąć "
     "przez formularz: sklep rozpatruje takie zwroty indywidualnie. Skontaktuj się z nami. "
     "Reklamację towaru niezgodnego z umową (np. wadliwego) możesz złożyć jak zwykle.",
     "This return goes beyond the statutory right of withdrawal, so we cannot accept it through "
     "the form: the shop considers such returns case by case. Please contact us. You can still "
     "file a complaint about a faulty item as usual.",
     "Этот возврат выходит за рамки права на отказ от товара, установленного законом, поэтому мы "
     "не можем принять его через форму: такие возвраты магазин рассматривает индивидуально. "
     "Пожалуйста, свяжитесь с нами. Претензию о недостатках товара вы можете подать как "
     "обычно."},
    {"line_not_found",
     "W tym zamówieniu nie ma takiej pozycji.",
     "This order has no such item.",
     "В этом заказе нет такой позиции."},
};

std::string fill(std::string_view text, const MessageArgs &args) {
  return filled(std::string(text), {{"date", args.date}, {"detail", args.detail}});
}

}  // namespace

std::string eligibility_message(std::string_view code, std::string_view locale,
                                const MessageArgs &args) {
  for (const auto &phrase : kPhrases) {
    if (phrase.code != code) continue;
    if (locale == "pl") return fill(phrase.pl, args);
    if (locale == "ru") return fill(phrase.ru, args);
    return fill(phrase.en, args);
  }
  return std::string(code);
}

std::string local_date_text(Day day, std::string_view locale) {
  if (locale != "pl" && locale != "ru") return format_day(day);
  const date::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%02u.%02u.%04d", unsigned{ymd.day()}, unsigned{ymd.month()},
                int{ymd.year()});
  return text;
}

std::string long_date_text(Day day, std::string_view locale) {
  static constexpr std::string_view kPl[] = {"stycznia", "lutego",   "marca",    "kwietnia",
                                             "maja",     "czerwca",  "lipca",    "sierpnia",
                                             "września", "października", "listopada", "grudnia"};
  static constexpr std::string_view kEn[] = {"January", "February", "March",     "April",
                                             "May",     "June",     "July",      "August",
                                             "September", "October", "November", "December"};
  static constexpr std::string_view kRu[] = {"января", "февраля", "марта",    "апреля",
                                             "мая",    "июня",    "июля",     "августа",
                                             "сентября", "октября", "ноября", "декабря"};
  const date::year_month_day ymd{day};
  const unsigned month = unsigned{ymd.month()} - 1;
  const std::string_view name = locale == "pl"   ? kPl[month]
                                : locale == "ru" ? kRu[month]
                                                 : kEn[month];
  return std::to_string(unsigned{ymd.day()}) + " " + std::string(name) + " " +
         std::to_string(int{ymd.year()});
}

std::string local_money_text(const Money &money, std::string_view locale) {
  std::string amount = amount_text(money.amount, money.currency);
  if (locale == "pl" || locale == "ru") {
    for (char &c : amount) {
      if (c == '.') c = ',';
    }
  }
  return amount + "\u00a0" + money.currency;
}

std::string long_date_time_text(Day day, int minutes, std::string_view locale) {
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
  return long_date_text(day, locale) + ", " + clock;
}

}  // namespace reclaim
