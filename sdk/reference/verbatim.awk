# Doxygen input filter for reclaim.h: inside documentation comments, lines indented deeper than
# the prose (the JSON layouts of requests and results) are kept as written, in \verbatim blocks,
# instead of being reflowed into paragraphs. Line count is preserved for Doxygen's line numbers.
/\/\*\*/ { in_doc = 1 }
{
  line = $0
  deep = in_doc && line ~ /^ \*    /
  if (deep && !open) { sub(/^ \*/, " * \\verbatim", line); open = 1 }
  else if (!deep && open) {
    if (line ~ /\*\//) sub(/\*\//, "\\endverbatim */", line)
    else sub(/^ \*/, " * \\endverbatim", line)
    open = 0
  }
  if (line ~ /\*\// && open) { sub(/\*\//, "\\endverbatim */", line); open = 0 }
  print line
}
/\*\// { in_doc = 0 }
