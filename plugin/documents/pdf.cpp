#include "documents/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "documents/qr.hpp"

namespace reclaim::documents {

namespace {

// A4 in points, margins of 2 cm.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.7;
constexpr double kWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin - 18;  // the footer's line below
constexpr double kCellPad = 3.0;
constexpr int kMaxCellLines = 20;
constexpr const char *kFamily = "DejaVu Sans";

struct Style {
  double size = 9.5;
  bool bold = false;
  double grey = 0.0;
};

template <typename T, void (*Free)(T *)>
struct Deleter {
  void operator()(T *p) const { Free(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
void unref(void *object) { g_object_unref(object); }
using Object = std::unique_ptr<void, decltype(&unref)>;

// Text as Pango takes it: valid UTF-8 (broken bytes become U+FFFD) without control characters
// other than line breaks, which would otherwise be drawn as boxes of hex digits.
std::string clean(const std::string &text) {
  gchar *valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out(valid);
  g_free(valid);
  for (char &c : out) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F) c = ' ';
  }
  return out;
}

cairo_status_t append(void *closure, const unsigned char *data, unsigned int length) {
  static_cast<std::string *>(closure)->append(reinterpret_cast<const char *>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays out and draws one document. `draw` false measures only: the first pass counts the pages
// for the footers' "n/m".
class Painter {
 public:
  Painter(cairo_t *cr, const Sheet &sheet, bool draw, int pages)
      : cr_(cr),
        sheet_(sheet),
        draw_(draw),
        pages_(pages),
        context_(pango_cairo_create_context(cr), &unref) {
    // The same metrics whether measuring or drawing: no hinting, no rounding to device pixels.
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context(), options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context(), pango_language_from_string(sheet.language.c_str()));
  }

  int paint() {
    begin_page();
    header();
    for (const auto &block : sheet_.blocks) {
      switch (block.kind) {
        case Block::Kind::heading: heading(block.text); break;
        case Block::Kind::paragraph: paragraph(block.text, Style{}); break;
        case Block::Kind::fields: fields(block); break;
        case Block::Kind::table: table(block); break;
        case Block::Kind::qr: qr(block); break;
      }
    }
    end_page();
    return page_;
  }

 private:
  PangoContext *context() { return static_cast<PangoContext *>(context_.get()); }

  Object layout(const std::string &text, const Style &style, double width, int max_lines = 0) {
    Object object(pango_layout_new(context()), &unref);
    auto *l = static_cast<PangoLayout *>(object.get());
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, kFamily);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, font);
    pango_font_description_free(font);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    if (max_lines > 0) {
      pango_layout_set_height(l, -max_lines);
      pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    const std::string valid = clean(text);
    pango_layout_set_text(l, valid.data(), static_cast<int>(valid.size()));
    return object;
  }

  static double height_of(const Object &object) {
    int w = 0, h = 0;
    pango_layout_get_size(static_cast<PangoLayout *>(object.get()), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void show(const Object &object, double x, double y, double grey = 0.0) {
    if (!draw_) return;
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, static_cast<PangoLayout *>(object.get()));
  }

  void begin_page() {
    ++page_;
    y_ = kMargin;
  }

  void end_page() {
    const std::string count = sheet_.page_label + " " + std::to_string(page_) + "/" +
                              std::to_string(std::max(pages_, page_));
    Style small{7.5, false, 0.35};
    const double line = kPageHeight - kMargin + 4;
    show(layout(sheet_.footer, small, kWidth * 0.75, 2), kMargin, line, small.grey);
    auto right = layout(count, small, kWidth * 0.25);
    pango_layout_set_alignment(static_cast<PangoLayout *>(right.get()), PANGO_ALIGN_RIGHT);
    show(right, kMargin + kWidth * 0.75, line, small.grey);
    if (draw_) {
      cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
      cairo_set_line_width(cr_, 0.5);
      cairo_move_to(cr_, kMargin, line - 4);
      cairo_line_to(cr_, kMargin + kWidth, line - 4);
      cairo_stroke(cr_);
      cairo_show_page(cr_);
    }
  }

  void new_page() {
    end_page();
    begin_page();
  }

  // Room for `height` more points on this page, or a new page.
  void need(double height) {
    if (y_ + height > kBottom && y_ > kMargin + 1) new_page();
  }

  void header() {
    std::string sender;
    for (const auto &line : sheet_.sender) sender += (sender.empty() ? "" : "\n") + line;
    double top = y_;
    if (!sender.empty()) {
      auto block = layout(sender, Style{8.5, false, 0.25}, kWidth * 0.45, 12);
      pango_layout_set_alignment(static_cast<PangoLayout *>(block.get()), PANGO_ALIGN_RIGHT);
      show(block, kMargin + kWidth * 0.55, y_, 0.25);
      top += height_of(block);
    }
    y_ = top + 18;
    auto title = layout(sheet_.title, Style{16, true}, kWidth, 4);
    show(title, kMargin, y_);
    y_ += height_of(title) + 12;
  }

  void heading(const std::string &text) {
    auto l = layout(text, Style{11.5, true}, kWidth, 3);
    // Keep a heading with at least two lines of what follows it.
    need(height_of(l) + 30);
    y_ += 6;
    show(l, kMargin, y_);
    y_ += height_of(l) + 4;
  }

  // Wrapped text that may run over pages: drawn line by line.
  void paragraph(const std::string &text, const Style &style) {
    auto object = layout(text, style, kWidth);
    auto *l = static_cast<PangoLayout *>(object.get());
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      need(height);
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
      if (draw_) {
        cairo_set_source_rgb(cr_, style.grey, style.grey, style.grey);
        cairo_move_to(cr_, kMargin + static_cast<double>(logical.x) / PANGO_SCALE, y_ + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      }
      y_ += height;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    y_ += 6;
  }

  void fields(const Block &block) {
    for (const auto &row : block.rows) {
      if (row.size() < 2) continue;
      auto label = layout(row[0], Style{9.5, true}, kWidth * 0.32 - 6, 3);
      auto value = layout(row[1], Style{}, kWidth * 0.68, kMaxCellLines);
      const double height = std::max(height_of(label), height_of(value)) + 3;
      need(height);
      show(label, kMargin, y_);
      show(value, kMargin + kWidth * 0.32, y_);
      y_ += height;
    }
    y_ += 6;
  }

  void table_row(const Block &block, const std::vector<std::string> &row, bool head) {
    std::vector<Object> cells;
    double height = 0;
    double x = kMargin;
    std::vector<double> xs;
    for (std::size_t c = 0; c < block.widths.size(); ++c) {
      const double width = kWidth * block.widths[c];
      const std::string &text = c < row.size() ? row[c] : std::string();
      cells.push_back(layout(text, Style{head ? 8.5 : 9.0, head}, width - 2 * kCellPad,
                             head ? 3 : kMaxCellLines));
      height = std::max(height, height_of(cells.back()));
      xs.push_back(x);
      x += width;
    }
    height += 2 * kCellPad;
    if (!head && y_ + height > kBottom) {
      new_page();
      table_row(block, block.rows.front(), true);
    }
    if (draw_) {
      if (head) {
        cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
        cairo_rectangle(cr_, kMargin, y_, kWidth, height);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0.7, 0.7, 0.7);
      cairo_set_line_width(cr_, 0.4);
      cairo_move_to(cr_, kMargin, y_ + height);
      cairo_line_to(cr_, kMargin + kWidth, y_ + height);
      cairo_stroke(cr_);
    }
    for (std::size_t c = 0; c < cells.size(); ++c) show(cells[c], xs[c] + kCellPad, y_ + kCellPad);
    y_ += height;
  }

  void table(const Block &block) {
    if (block.rows.empty() || block.widths.empty()) return;
    need(60);
    table_row(block, block.rows.front(), true);
    for (std::size_t r = 1; r < block.rows.size(); ++r) table_row(block, block.rows[r], false);
    y_ += 10;
  }

  void qr(const Block &block) {
    const QrCode code = qr_code(block.text);
    constexpr double kSide = 130;  // with the quiet zone of 4 modules on each side
    const double module = kSide / (code.width + 8);
    auto caption = layout(block.caption, Style{9, true}, kWidth, 3);
    need(kSide + height_of(caption) + 6);
    if (draw_) {
      cairo_set_source_rgb(cr_, 1, 1, 1);
      cairo_rectangle(cr_, kMargin, y_, kSide, kSide);
      cairo_fill(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      for (int y = 0; y < code.width; ++y) {
        for (int x = 0; x < code.width; ++x) {
          if (!code.at(x, y)) continue;
          cairo_rectangle(cr_, kMargin + (x + 4) * module, y_ + (y + 4) * module, module, module);
        }
      }
      cairo_fill(cr_);
    }
    y_ += kSide + 2;
    show(caption, kMargin + module * 4, y_);
    y_ += height_of(caption) + 8;
  }

  cairo_t *cr_;
  const Sheet &sheet_;
  bool draw_;
  int pages_;
  Object context_;
  int page_ = 0;
  double y_ = kMargin;
};

}  // namespace

std::string render_pdf(const Sheet &sheet) {
  int pages = 0;
  {
    Surface surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr));
    Cairo cr(cairo_create(surface.get()));
    pages = Painter(cr.get(), sheet, false, 0).paint();
  }
  std::string pdf;
  {
    Surface surface(cairo_pdf_surface_create_for_stream(append, &pdf, kPageWidth, kPageHeight));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, sheet.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Reclaim");
    Cairo cr(cairo_create(surface.get()));
    Painter(cr.get(), sheet, true, pages).paint();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      fail(Status::internal, std::string("cairo could not write the PDF: ") +
                                 cairo_status_to_string(cairo_surface_status(surface.get())));
    }
  }
  return pdf;
}

}  // namespace reclaim::documents
