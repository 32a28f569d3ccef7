// A sheet (sheet.hpp) as a PDF on A4 paper, typeset by Pango and drawn by cairo, in DejaVu Sans
// (Debian's fonts-dejavu-core, found through fontconfig): Polish, Cyrillic, Hebrew and Arabic
// letters, combining marks and mixed directions are shaped as a word processor would.
#pragma once

#include <string>

#include "documents/sheet.hpp"

namespace reclaim::documents {

// The PDF's bytes. Long text wraps (inside words when it has to) and flows onto new pages; a
// table's cell and a field's value stop after 20 lines with an ellipsis. Safe to call from
// several threads at once. Throws Error(internal) if cairo fails.
std::string render_pdf(const Sheet &sheet);

}  // namespace reclaim::documents
