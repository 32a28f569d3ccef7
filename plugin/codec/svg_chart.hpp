// A small SVG chart renderer for the HTML report: horizontal bars (with an optional target
// marker) and bars per period with a line over them. The output is an inline <svg> element,
// XML-well-formed, scaled by its viewBox to the width it is given, styled by presentation
// attributes only (no style attribute or element, no script, no link, no external resource).
// Every text is cleaned and escaped here; callers pass plain text. Output depends on the input
// only, so the same chart is always the same bytes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace reclaim::svg {

struct Alt {
  std::string title;  // the chart's name (<title>)
  std::string desc;   // what it shows, as text (<desc>): the data for screen readers
};

struct Bar {
  std::string label;       // shown above the bar, shortened when long
  double value = 0;        // bar length on the chart's scale; negative counts as 0
  std::string value_text;  // shown after the bar
};

struct HorizontalBars {
  Alt alt;
  std::vector<Bar> bars;
  double max = 0;                // the scale's end; 0: the largest value
  std::optional<double> target;  // a dashed marker across every bar
  std::string target_text;       // its label
};

struct Period {
  std::string label;
  double bar = 0;
  std::optional<double> line;  // none: the line has a gap here
};

struct PeriodChart {
  Alt alt;
  std::vector<Period> periods;
  std::string bar_legend;
  std::string line_legend;
  std::function<std::string(double)> bar_axis;   // tick labels, left axis
  std::function<std::string(double)> line_axis;  // tick labels, right axis
};

std::string horizontal_bars(const HorizontalBars &chart);
std::string period_chart(const PeriodChart &chart);

}  // namespace reclaim::svg
