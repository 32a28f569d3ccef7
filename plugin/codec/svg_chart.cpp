#include "codec/svg_chart.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "codec/html_text.hpp"

namespace reclaim::svg {

namespace {

constexpr double kWidth = 340;  // near a phone's width, so 13 units of text stay ~12 px there
constexpr const char *kInk = "#1f2328";
constexpr const char *kMuted = "#57606a";
constexpr const char *kGrid = "#d0d7de";
constexpr const char *kBar = "#2f6f9f";
constexpr const char *kLine = "#b4461b";
constexpr std::size_t kLabelChars = 48;

std::string text(std::string_view plain) { return escape_html(clean_text(plain)); }

// A coordinate: one decimal, locale-free.
std::string num(double value) {
  if (!std::isfinite(value)) value = 0;
  char buffer[400];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 1);
  if (result.ec != std::errc()) return "0";
  std::string out(buffer, result.ptr);
  if (out.size() > 2 && out.ends_with(".0")) out.resize(out.size() - 2);
  return out == "-0" ? "0" : out;
}

std::string open_svg(double height, const Alt &alt) {
  return "<svg class=\"rc-report-chart\" role=\"img\" viewBox=\"0 0 " + num(kWidth) + " " +
         num(height) + "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"" +
         " font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"" + kInk + "\"><title>" +
         text(alt.title) + "</title><desc>" + text(alt.desc) + "</desc>";
}

std::string text_at(double x, double y, std::string_view plain, std::string_view extra = {}) {
  std::string out = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"";
  if (!extra.empty()) out += " " + std::string(extra);
  return out + ">" + text(plain) + "</text>";
}

std::string rect(double x, double y, double w, double h, std::string_view fill) {
  return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(0.0, w)) +
         "\" height=\"" + num(std::max(0.0, h)) + "\" fill=\"" + std::string(fill) + "\"/>";
}

std::string line(double x1, double y1, double x2, double y2, std::string_view stroke,
                 std::string_view extra = {}) {
  std::string out = "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) +
                    "\" y2=\"" + num(y2) + "\" stroke=\"" + std::string(stroke) + "\"";
  if (!extra.empty()) out += " " + std::string(extra);
  return out + "/>";
}

double positive(double value) { return std::isfinite(value) && value > 0 ? value : 0; }

// A round step (1, 2, 2.5, 5 × 10^n) so that four steps cover `top`.
double nice_step(double top, bool whole) {
  if (top <= 0) return 1;
  const double rough = top / 4;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    const double step = m * magnitude;
    if (step >= rough && (!whole || step == std::floor(step))) return step;
  }
  return whole ? std::max(1.0, std::ceil(rough)) : rough;
}

}  // namespace

std::string horizontal_bars(const HorizontalBars &chart) {
  constexpr double kTop = 22, kRow = 40, kLeft = 4, kValueRoom = 86;
  const double track = kWidth - kLeft - kValueRoom;
  double max = positive(chart.max);
  if (max == 0) {
    for (const auto &bar : chart.bars) max = std::max(max, positive(bar.value));
    if (chart.target) max = std::max(max, positive(*chart.target));
  }
  if (max == 0) max = 1;
  const double height = kTop + kRow * static_cast<double>(chart.bars.size()) + 6;
  std::string out = open_svg(height, chart.alt);
  double y = kTop;
  for (const auto &bar : chart.bars) {
    const double length = track * std::min(1.0, positive(bar.value) / max);
    out += text_at(kLeft, y + 13, shorten_text(clean_text(bar.label), kLabelChars));
    out += rect(kLeft, y + 19, track, 14, "#eef1f4");
    out += rect(kLeft, y + 19, length, 14, kBar);
    out += text_at(kLeft + track + 6, y + 31, bar.value_text, "font-weight=\"600\"");
    y += kRow;
  }
  if (chart.target && std::isfinite(*chart.target)) {
    const double x = kLeft + track * std::min(1.0, positive(*chart.target) / max);
    out += line(x, kTop - 4, x, height - 4, kInk, "stroke-width=\"2\" stroke-dasharray=\"4 3\"");
    const bool right = x > kWidth / 2;
    out += text_at(right ? x - 4 : x + 4, 13, chart.target_text,
                   right ? "text-anchor=\"end\" font-size=\"12\"" : "font-size=\"12\"");
  }
  return out + "</svg>";
}

std::string period_chart(const PeriodChart &chart) {
  constexpr double kHeight = 250, kLeft = 40, kRight = 44, kTop = 52, kBottom = 214;
  const double plot = kWidth - kLeft - kRight;
  std::string out = open_svg(kHeight, chart.alt);

  // The legend: a square for the bars, a line with a dot for the line (shape, not colour only).
  out += rect(kLeft, 6, 12, 12, kBar) + text_at(kLeft + 18, 16, chart.bar_legend);
  out += line(kLeft - 2, 32, kLeft + 14, 32, kLine, "stroke-width=\"2\"");
  out += "<circle cx=\"" + num(kLeft + 6) + "\" cy=\"32\" r=\"3.5\" fill=\"" + kLine + "\"/>";
  out += text_at(kLeft + 18, 36, chart.line_legend);

  double bar_top = 0, line_top = 0;
  for (const auto &p : chart.periods) {
    bar_top = std::max(bar_top, positive(p.bar));
    if (p.line) line_top = std::max(line_top, positive(*p.line));
  }
  const double bar_step = nice_step(bar_top, true), line_step = nice_step(line_top, false);
  const double bar_max = bar_step * 4, line_max = line_step * 4;
  const auto y_of = [&](double value, double max) {
    return kBottom - (kBottom - kTop) * std::min(1.0, positive(value) / max);
  };
  for (int i = 0; i <= 4; ++i) {
    const double y = kBottom - (kBottom - kTop) * i / 4.0;
    out += line(kLeft, y, kLeft + plot, y, kGrid);
    out +=
        text_at(kLeft - 4, y + 4, chart.bar_axis ? chart.bar_axis(bar_step * i) : num(bar_step * i),
                "text-anchor=\"end\" font-size=\"11\" fill=\"" + std::string(kMuted) + "\"");
    out += text_at(kLeft + plot + 4, y + 4,
                   chart.line_axis ? chart.line_axis(line_step * i) : num(line_step * i),
                   "font-size=\"11\" fill=\"" + std::string(kMuted) + "\"");
  }

  const std::size_t n = chart.periods.size();
  if (n == 0) return out + "</svg>";
  const double slot = plot / static_cast<double>(n);
  std::size_t longest = 1;
  for (const auto &p : chart.periods) longest = std::max(longest, p.label.size());
  const auto fits = static_cast<std::size_t>(std::max(
      1.0,
      std::floor(plot / (static_cast<double>(std::min<std::size_t>(longest, 16)) * 6.5 + 10))));
  const std::size_t every = (n + fits - 1) / fits;

  std::string path;
  std::string dots;
  bool drawing = false;
  for (std::size_t i = 0; i < n; ++i) {
    const auto &p = chart.periods[i];
    const double centre = kLeft + slot * (static_cast<double>(i) + 0.5);
    const double y = y_of(p.bar, bar_max);
    out += rect(centre - slot * 0.3, y, slot * 0.6, kBottom - y, kBar);
    if (i % every == 0) {
      out += text_at(centre, kBottom + 16, shorten_text(clean_text(p.label), 16),
                     "text-anchor=\"middle\" font-size=\"11\"");
    }
    if (p.line) {
      const double ly = y_of(*p.line, line_max);
      path += (drawing ? " L" : " M") + num(centre) + " " + num(ly);
      dots += "<circle cx=\"" + num(centre) + "\" cy=\"" + num(ly) + "\" r=\"3.5\" fill=\"" +
              kLine + "\"/>";
      drawing = true;
    } else {
      drawing = false;
    }
  }
  out += line(kLeft, kBottom, kLeft + plot, kBottom, kInk);
  if (!path.empty()) {
    out += "<path d=\"" + path.substr(1) + "\" fill=\"none\" stroke=\"" + kLine +
           "\" stroke-width=\"2\"/>";
  }
  return out + dots + "</svg>";
}

}  // namespace reclaim::svg
