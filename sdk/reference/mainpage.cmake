# Writes the reference's main page from the header's opening comment (the contract), so the
# header stays the one source of the reference. Usage: cmake -DHEADER=… -DOUTPUT=… -P this.
file(READ ${HEADER} text)
string(FIND "${text}" "*/" end)
string(SUBSTRING "${text}" 0 ${end} contract)
string(REGEX REPLACE "^/\\*[^\n]*\n" "" contract "${contract}")
string(REGEX REPLACE "(^|\n) \\* ?" "\\1" contract "${contract}")
file(WRITE ${OUTPUT} "# Reclaim C ABI {#mainpage}

The whole API is one header, `reclaim/reclaim.h`: see its [file reference](reclaim_8h.html) for
every function, its input and result documents and its status codes. The contract below is the
header's opening comment.

```
${contract}
```
")
