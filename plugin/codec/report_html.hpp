// The `html` format of reclaim_report: the JSON result document rendered as a self-contained
// HTML fragment for a host's admin panel to embed. One <div class="rc-report"> with a scoped
// <style> element, inline SVG charts (cases per period with handling time, top reasons, top SKUs
// by claim rate, deadline compliance against target), the owner's targets and the table of every
// group. No script, no event attribute, no link, no external resource; XHTML-compatible markup
// (every element closed, attributes quoted), so it parses as XML as well as HTML. Every value
// that came from a host or a customer (shop, keys, SKUs, reasons, currencies) is cleaned and
// escaped. Missing or null measures are shown as a dash; members it does not know are ignored.
// See docs/REPORTS-HTML.md.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace reclaim {

// `locale`: "pl", "en" or "ru" (English for anything else). Same input, same bytes.
std::string report_to_html(const boost::json::object &report, const std::string &locale);

// The stylesheet the fragment carries in its <style> element, for hosts whose
// Content-Security-Policy wants it served as a file or allowed by its hash.
std::string_view report_html_stylesheet();

}  // namespace reclaim
